"""Ratios: proportions, shares, rates and multipliers (OUTPUT.md "ratio").

Forms, one table row each (rule id → form): ``10%``/``百分之三十`` → percent,
``5‰`` → permille, ``1:1的比例``/``按8:2比例`` → ratio (value a/b, parts [a, b]),
``×30%`` → multiplier 0.3, ``3倍`` → multiplier 3.0, ``5个百分点`` →
percentage_point 0.05 (never a percent). The comparator comes from the words
around the number (不低于/以上/控制在…以内/不得超过…的110%), the year from the
nearest 到2025年 of the sentence or paragraph, the subject (loose) from the
noun phrase before the number.
Every percentage of an indicator table target cell is a ratio too (婴儿死亡率(%)
≤5 → 0.05); a ``(%)`` in a table header has no number and gives nothing.
Not ratios: ``1:1`` without 比/比例 nearby (a clock time), ``5G``.
Sources: 统计 usage of 率/比重/占比 in 规划纲要 and 医疗保障/工伤保险 rules.
"""

from __future__ import annotations

from typing import Iterator, Optional

import regex

from ..values.comparators import PREFIX, SUFFIX, alternation, combine
from ..values.numbers import ARABIC, Number, _num_value, cn_to_int, parse_number
from .base import Context, Draft
from .targets import _before_indicator, _clause_start, _heading_year, parse_table, tables_of, year_marks

# ---------------------------------------------------------------- tables

# form of each pattern (rule id → form); the pattern alternatives below carry the same names.
FORMS: dict[str, str] = {
    "ratio.times_percent": "multiplier",  # ×30%
    "ratio.times": "multiplier",  # 3倍
    "ratio.points": "percentage_point",  # 5个百分点
    "ratio.percent": "percent",  # 10%, 百分之三十
    "ratio.permille": "permille",  # 5‰
    "ratio.colon": "ratio",  # 1:1的比例
}
# Fraction of one unit of each form.
FACTOR: dict[str, float] = {"multiplier": 1.0, "percentage_point": 0.01, "percent": 0.01, "permille": 0.001,
                            "ratio": 1.0}

_CN = r"[零〇一二三四五六七八九十百千两]{1,6}"
_PRE = alternation(list(PREFIX) + ["达到", "达", "保持在", "稳定在", "约"])
_SUF = alternation(k for k in SUFFIX if k != "内")

RATIO = regex.compile(
    rf"""
    (?P<pre>{_PRE})?\s*
    (?:
        (?P<times_percent>[×xX*＊]\s*(?P<tp>{ARABIC})\s*[%％])
      | (?<![\d.A-Za-z])(?P<points>(?P<pp>{ARABIC}|{_CN})\s*个百分点)
      | (?<![\d.A-Za-z])(?P<times>(?P<tt>{ARABIC}|{_CN})\s*倍)
      | (?<![\d.A-Za-z:：])(?P<percent>(?P<pc>{ARABIC})\s*[%％]|百分之(?P<pcn>{ARABIC}|{_CN}))
      | (?<![\d.A-Za-z])(?P<permille>(?P<pm>{ARABIC})\s*‰|千分之(?P<pmn>{ARABIC}|{_CN}))
      | (?<![\d.:：A-Za-z])(?P<colon>(?P<a>{ARABIC})\s*[:：∶]\s*(?P<b>{ARABIC}))(?![\d:：])
    )
    (?P<suf>\s*(?:{_SUF}))?
    """,
    regex.VERBOSE,
)
# a:b is a ratio only near 比/比例 (1:1的比例, 按8:2比例); otherwise it may be a clock time.
_COLON_CONTEXT_AFTER = regex.compile(r"\s*(?:的)?\s*(?:比例|比)")
_COLON_CONTEXT_BEFORE = regex.compile(r"(?:按|按照|比为|比例为|比例|比)\s*$")
# A bound word before a noun phrase ending in 的: 不得超过编制床位的110%.
_FAR_PREFIX = regex.compile(rf"({alternation(PREFIX)})[^，,。；;：:]{{0,16}}的\s*$")
_SENT_SPLIT = regex.compile(r"[^。！？!?\n]+[。！？!?]?")
_HAS_RATIO = regex.compile(r"[%％‰:：∶倍]|百分|千分之")
_LIST_SEP = regex.compile(r"\s*[、和及与]\s*")


# ---------------------------------------------------------------- public


def extract(ctx: Context) -> Iterator[Draft]:
    """Ratios of one document: in its paragraphs, in text cells of its tables, and in indicator-table targets.

    >>> [(d.fields["value"], d.fields["form"], d.fields["comparator"]) for d in _drafts("控制在5%以内，按1:1的比例负担", 0, None)]
    [(0.05, 'percent', '<='), (1, 'ratio', '=')]
    """
    for b in ctx.blocks:
        yield from _drafts(b.text, b.start, b.section_id, _heading_year(b.heading_path))
    for table in tables_of(ctx):
        parsed = parse_table(table)
        if parsed is None:
            for row in table.rows:
                for c in row:
                    if len(c.text) >= 12:
                        yield from _drafts(c.text, c.start, table.section_id)
            continue
        for t in parsed:
            if t.unit != "%" or t.comparator == "range":
                continue
            fields = {"value": _num_value(round(float(t.value) * 0.01, 10)), "form": "percent", "parts": None,
                      "comparator": t.comparator, "subject": t.indicator, "year": t.year}
            yield Draft("ratio", t.start, t.end, fields, "ratio.table", section_id=table.section_id)


# ---------------------------------------------------------------- sentences


def _drafts(text: str, base: int, section_id: Optional[str], inherited: Optional[int] = None) -> Iterator[Draft]:
    """Ratios of one paragraph ``text`` starting at cleaned offset ``base``."""
    if not _HAS_RATIO.search(text):
        return
    para_year: Optional[int] = inherited  # a due year from the headings (二、2023年工作安排)
    for sm in _SENT_SPLIT.finditer(text):
        s, e = sm.span()
        sent = text[s:e]
        years = list(year_marks(sent))
        prev = None  # (end, comparator) of the previous ratio, for lists 90%、80%、60%
        for m in RATIO.finditer(sent):
            r = _parse(m, sent)
            if r is None:
                continue
            value, form, parts, rule = r
            pre, suf = m.group("pre"), (m.group("suf") or "").strip() or None
            comp = combine(pre, suf)
            num_start = m.start(rule.split(".", 1)[1])
            if comp == "=" and pre is None:
                far = _FAR_PREFIX.search(sent[_clause_start(sent, num_start):num_start])
                if far:
                    comp = combine(far.group(1), None)
                elif prev is not None and _LIST_SEP.fullmatch(sent[prev[0]:m.start()]):
                    comp = prev[1]
            year = None
            for off, y in years:
                if off < m.start() and y is not None:
                    year = y
            if year is None and not years:
                year = para_year
            subject, _scope, _ = _before_indicator(sent, _clause_start(sent, num_start), m.start() if pre else num_start)
            fields = {"value": value, "form": form, "parts": parts, "comparator": comp, "subject": subject,
                      "year": year}
            yield Draft("ratio", base + s + m.start(), base + s + m.end(), fields, rule, section_id=section_id)
            prev = (m.end(), comp)
        if years and years[-1][1] is not None:
            para_year = years[-1][1]


def _parse(m, sent: str) -> Optional[tuple[Number, str, Optional[list], str]]:
    """(value, form, parts, rule id) of a ratio match, ``None`` when it is not one."""
    for name in ("times_percent", "points", "times", "percent", "permille", "colon"):
        if m.group(name) is None:
            continue
        rule = f"ratio.{name}"
        form = FORMS[rule]
        if name == "colon":
            after = sent[m.end("colon"):m.end("colon") + 4]
            before = sent[max(0, m.start("colon") - 6):m.start("colon")]
            if not (_COLON_CONTEXT_AFTER.match(after) or _COLON_CONTEXT_BEFORE.search(before)):
                return None
            a, b = parse_number(m.group("a")), parse_number(m.group("b"))
            if a is None or not b:
                return None
            return _num_value(round(a / b, 10)), form, [a, b], rule
        raw = {"times_percent": m.group("tp"), "points": m.group("pp"), "times": m.group("tt"),
               "percent": m.group("pc") or m.group("pcn"), "permille": m.group("pm") or m.group("pmn")}[name]
        n = _number(raw)
        if n is None:
            return None
        if name == "times_percent":
            return _num_value(round(n * 0.01, 10)), form, None, rule
        return _num_value(round(n * FACTOR[form], 10)), form, None, rule
    return None


def _number(s: Optional[str]) -> Optional[Number]:
    """Arabic or Chinese number (百分之三十 → 30).

    >>> _number("30"), _number("三十"), _number("一百"), _number("x")
    (30, 30, 100, None)
    """
    if not s:
        return None
    v = parse_number(s)
    if v is None:
        v = cn_to_int(s)
    return v
