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

from bisect import bisect_left
from functools import lru_cache
from typing import Iterator, Optional, Sequence

import regex

from ..text import rx
from ..values.comparators import SUFFIX, alternation
from ..values.comparators import combine as _combine
from ..values.numbers import ARABIC, Number, _num_value, cn_to_int, parse_number
from .base import Context, Draft
from .targets import (_SENT_END, _before_indicator, _clause_start, _heading_year, far_bound, line_ends,
                      paragraph_years, parsed_tables, pre_before, years_memo)

# The comparator of a (bound word, suffix) pair: pure, and only a few dozen pairs occur.
combine = lru_cache(maxsize=512)(_combine)

# ---------------------------------------------------------------- tables

# form of each pattern (rule id → form); the pattern alternatives below carry the same names.
FORMS: dict[str, str] = {
    "ratio.times_percent": "multiplier",  # ×30%
    "ratio.times": "multiplier",  # 3倍
    "ratio.points": "percentage_point",  # 5个百分点
    "ratio.percent": "percent",  # 10%, 百分之三十
    "ratio.permille": "permille",  # 5‰
    "ratio.colon": "ratio",  # 1:1的比例
    "ratio.fraction": "ratio",  # 三分之一 → 1/3, parts [1, 3]
}
# Fraction of one unit of each form.
FACTOR: dict[str, float] = {"multiplier": 1.0, "percentage_point": 0.01, "percent": 0.01, "permille": 0.001,
                            "ratio": 1.0}

_CN = r"[零〇一二三四五六七八九十百千两]{1,6}"
_SUF = alternation(k for k in SUFFIX if k != "内")

# The bound word before the number is looked up behind the match (targets.pre_before), not scanned for.
# Fast scan: every form has a ×, a 百分之/千分之, or a numeral run right before its sign (%‰倍,
# 个百分点, 分之, a colon); the look-ahead rejects the other positions (years, dates, counts)
# before the seven alternatives are tried there. It reads at most 41 numeral characters (a
# longer run goes to the alternatives, as before), so a run of digits stays linear.
_NUMERAL = "零〇一二三四五六七八九十百千两"
RATIO = rx.compile(
    rf"""
    (?=[×xX*＊]|[百千]分之|[\d{_NUMERAL}](?:[\d{_NUMERAL}.,]{{0,40}}\s*[%％‰倍个分:：∶]|[\d{_NUMERAL}.,]{{40}}))
    (?:
        (?P<times_percent>[×xX*＊]\s*(?P<tp>{ARABIC})\s*[%％])
      | (?<![\d.A-Za-z])(?P<points>(?P<pp>{ARABIC}|{_CN})\s*个百分点)
      | (?<![\d.A-Za-z])(?P<times>(?P<tt>{ARABIC}|{_CN})\s*倍)
      | (?<![\d.A-Za-z:：])(?P<percent>(?P<pc>{ARABIC})\s*[%％]|百分之(?P<pcn>{ARABIC}|{_CN}))
      | (?<![\d.A-Za-z])(?P<permille>(?P<pm>{ARABIC})\s*‰|千分之(?P<pmn>{ARABIC}|{_CN}))
      | (?<![\d.A-Za-z百千万])(?P<fraction>(?P<fd>{ARABIC}|{_CN})\s*分之\s*(?P<fn>{ARABIC}|{_CN}))
      | (?<![\d.:：A-Za-z])(?P<colon>(?P<a>{ARABIC})\s*[:：∶]\s*(?P<b>{ARABIC}))(?![\d:：])
    )
    (?P<suf>\s*(?:{_SUF}))?
    """,
    regex.VERBOSE,
)
# a:b is a ratio only near 比/比例 (1:1的比例, 按8:2比例); otherwise it may be a clock time.
_COLON_CONTEXT_AFTER = rx.compile(r"\s*(?:的)?\s*(?:比例|比)")
_COLON_CONTEXT_BEFORE = rx.compile(r"(?:按|按照|比为|比例为|比例|比)\s*$")
_SENT_SPLIT = rx.compile(r"[^。！？!?\n]+[。！？!?]?")
_ENDS = "。！？!?"
_CLOSE_QUOTES = "”’」』"
# What each RATIO match holds, for one scan of the whole document that finds the lines
# worth reading (targets.line_ends). A sign, 分之, 百分点, or a colon before a digit: a
# colon alone (一是：…) and 分 alone (部分, 分别) would pass four lines in five. The colon's digit
# is the \d of either engine (``regex`` knows astral digits ``re`` does not, hence any astral
# character); the digit before it is not looked at (a looser test, never a stricter one). The
# pattern starts with one class so that the standard re engine can skip ahead by it (a plain
# alternation scans about four times slower); it matches no line break.
_RATIO_LINE = rx.compile_std(r"[%％‰∶倍分:：](?:(?<=[%％‰∶倍])|(?<=分)(?:之|(?<=百分)点)"
                         r"|(?<=[:：])[^\S\n]*(?:\d|[^\x00-\uffff]))")
_LIST_SEP = rx.compile(r"\s*[、和及与]\s*")
# Where RATIO is tried. Every match holds a sign (%％‰倍个, 分 of 分之, a colon) and, before the
# first of them, only characters of a number: digits, spaces, numerals, ×xX*＊ and the point and
# comma of an Arabic number (百/千 of 百分之 are numerals). So a match starts in the run of such
# characters right before a sign: only those runs are tried, where a search of the whole
# paragraph tries RATIO at every character (a quarter of the cost of a ratio). A paragraph
# without a sign holds no ratio (this also stands for a gate of the whole paragraph).
_SIGN = rx.compile_std("[%％‰倍个分:：∶]")
_NUMBER_RUN_BACK = rx.compile(rf"(?r)[\d\s.,×xX*＊{_NUMERAL}]*+")  # the run ending where the search stops


# ---------------------------------------------------------------- public


def extract(ctx: Context) -> Iterator[Draft]:
    """Ratios of one document: in its paragraphs, in text cells of its tables, and in indicator-table targets.

    >>> [(d.fields["value"], d.fields["form"], d.fields["comparator"]) for d in _drafts("控制在5%以内，按1:1的比例负担", 0, None)]
    [(0.05, 'percent', '<='), (1, 'ratio', '=')]
    """
    blocks = ctx.blocks
    if blocks:
        lines = line_ends(_RATIO_LINE, ctx.clean.text, blocks[0].start, blocks[-1].end)
        memo = years_memo(ctx)  # the year marks targets found in the same paragraphs
        for b in blocks:
            if b.end in lines:
                yield from _drafts(b.text, b.start, b.section_id, b.heading_path, memo)
    for table, parsed in parsed_tables(ctx):  # parsed once for targets and ratios
        if parsed is None:
            for row in table.rows:
                for c in row:
                    if len(c.text) >= 12 and _RATIO_LINE.search(c.text):  # a cell holds no line break
                        yield from _drafts(c.text, c.start, table.section_id)
            continue
        for t in parsed:
            form = {"%": "percent", "‰": "permille"}.get(t.unit or "")
            if form is None or t.comparator == "range":
                continue
            fields = {"value": _num_value(round(float(t.value) * FACTOR[form], 10)), "form": form, "parts": None,
                      "comparator": t.comparator, "subject": t.indicator, "year": t.year}
            yield Draft("ratio", t.start, t.end, fields, "ratio.table", section_id=table.section_id,
                        sentence=(t.start, t.end))


# ---------------------------------------------------------------- sentences


def _drafts(text: str, base: int, section_id: Optional[str], heading_path: tuple = (),
            memo: Optional[dict] = None) -> Iterator[Draft]:
    """Ratios of one paragraph ``text`` starting at cleaned offset ``base`` (``memo``: see
    :func:`~.targets.paragraph_years`)."""
    para = None  # sentence ends and year marks of the paragraph, found once when a ratio is found
    prev = None  # (end, comparator) of the previous ratio, for lists 90%、80%、60%
    gi = RATIO.groupindex  # groups by number: the regex module looks a name up for about 1 µs
    i_suf = gi["suf"]
    forms = rx.group_numbers(RATIO, _FORM_GROUPS)
    for m in _matches(text):
        r = _parse(m, text, gi, forms)
        if r is None:
            continue
        value, form, parts, rule = r
        num_start = m.start(gi[rule[6:]])  # ratio.percent → percent
        pm = pre_before(text, m.start())
        pre = pm.group(0).strip() if pm else None
        start = pm.start() if pm else m.start()
        suf = (m.group(i_suf) or "").strip() or None
        comp = combine(pre, suf)
        cs = _clause_start(text, num_start)
        if comp == "=" and pre is None:
            far = far_bound(text[cs:num_start])  # 不得超过编制床位的110%
            if far:
                comp = combine(far, None)
            elif prev is not None and _LIST_SEP.fullmatch(text[prev[0]:start]):
                comp = prev[1]
        if para is None:
            para = _Paragraph(text, memo)
        sent_start = para.sentence_start(start)
        year = para.due_year(sent_start, start, heading_path)
        subject, _scope, _ = _before_indicator(text, cs, start)
        fields = {"value": value, "form": form, "parts": parts, "comparator": comp, "subject": subject,
                  "year": year}
        yield Draft("ratio", base + start, base + m.end(), fields, rule, section_id=section_id,
                    sentence=(base + sent_start, base + para.sentence_end(sent_start, m.end())))
        prev = (m.end(), comp)


def _matches(text: str) -> list:
    """``list(RATIO.finditer(text))``, trying RATIO only in the run of number characters
    before each sign (see :data:`_SIGN`).

    >>> [m.group() for m in _matches("到2025年，比例达到30.0%以上，按1:1的比例")]
    ['30.0%以上', '1:1']
    """
    out = []
    pos = 0  # end of the last match: the next one starts there or later
    match = None
    for sign in _SIGN.finditer(text):
        q = sign.start()
        if q <= pos:
            continue  # inside the last match, or no room for a number before the sign
        a = _NUMBER_RUN_BACK.match(text, pos, q).start()
        if a == q:
            continue
        if match is None:
            # on text without astral characters the stdlib twin (rx.bmp_twin) finds the same
            # matches at about half the cost (the group numbers are the same)
            match = (rx.bmp_twin(RATIO) if not rx.beyond_bmp(text) else RATIO).match
        for p in range(a, q):
            m = match(text, p)
            if m is not None:
                out.append(m)
                pos = m.end()  # past q: a match holds the first sign after its start
                break
    return out


class _Paragraph:
    """Sentence ends and year marks of one paragraph, each found in one pass; lookups by bisection.

    Searching back from every ratio for the sentence start and filtering every year mark
    would be quadratic on a run-on line of thousands of ratios.

    >>> t = "总则。按1:1的比例负担。另起"; p = _Paragraph(t); a = p.sentence_start(5); t[a:p.sentence_end(a, 8)]
    '按1:1的比例负担。'
    >>> t = "到2023年，占比达到50%。比2015年下降43.3%。增长5%。"; p = _Paragraph(t)
    >>> [p.due_year(p.sentence_start(t.index(x)), t.index(x), ()) for x in ("50%", "43.3%", "5%")]
    [2023, None, 2023]
    """

    __slots__ = ("text", "terms", "offs", "years", "last_due")

    def __init__(self, text: str, memo: Optional[dict] = None) -> None:
        self.text = text
        self.terms = [m.start() for m in _SENT_END.finditer(text)]  # 。！？!? and line breaks
        marks = paragraph_years(text, memo)
        self.offs = [off for off, _ in marks]
        self.years = [y for _, y in marks]
        # last_due[i]: index of the last due (not None) year among the first i marks, -1 when none
        self.last_due = [-1]
        for k, y in enumerate(self.years):
            self.last_due.append(k if y is not None else self.last_due[-1])

    def sentence_start(self, pos: int) -> int:
        """After the last sentence end before ``pos``, looked for within 500 characters."""
        lo = max(0, pos - 500)  # bounded look-back, as for the records' sentences
        i = bisect_left(self.terms, pos) - 1
        return self.terms[i] + 1 if i >= 0 and self.terms[i] >= lo else lo

    def sentence_end(self, start: int, end: int) -> int:
        """End of the sentence holding ``[start, end)``: its 。！？ run and closing quote, looked for within 500."""
        text, terms = self.text, self.terms
        lim = min(len(text), end + 500)
        j = bisect_left(terms, end)
        if j == len(terms) or terms[j] >= lim:
            e = lim
        elif text[terms[j]] == "\n":
            e = terms[j]  # the line break is not part of the sentence
        else:
            e = terms[j]
            while e < lim and text[e] in _ENDS:
                e += 1
            if e < lim and text[e] in _CLOSE_QUOTES:
                e += 1
        return max(e, end)

    def due_year(self, sent_start: int, pos: int, heading_path: tuple) -> Optional[int]:
        """Due year of a ratio at ``pos``: the sentence's last year before it, else the paragraph's, else the headings'."""
        i = bisect_left(self.offs, sent_start)  # marks[:i] are before the sentence, marks[i:j] in it
        j = bisect_left(self.offs, pos)
        if j > i:  # the sentence has years before the ratio: its last due one (None when all are past)
            k = self.last_due[j]
            return self.years[k] if k >= i else None
        k = self.last_due[i]
        if k >= 0:
            return self.years[k]
        return _heading_year(tuple(heading_path)) if heading_path else None


_FORM_GROUPS = ("times_percent", "points", "times", "percent", "permille", "fraction", "colon")
_RULE_FORM = {name: (f"ratio.{name}", FORMS[f"ratio.{name}"]) for name in _FORM_GROUPS}  # rule id and form
# number groups of each form (Arabic, Chinese)
_RAW: dict[str, tuple[str, ...]] = {"times_percent": ("tp",), "points": ("pp",), "times": ("tt",),
                                    "percent": ("pc", "pcn"), "permille": ("pm", "pmn")}


def _parse(m, sent: str, gi: dict, forms: Sequence[int]) -> Optional[tuple[Number, str, Optional[list], str]]:
    """(value, form, parts, rule id) of a ratio match, ``None`` when it is not one.

    ``gi``: RATIO's group numbers by name; ``forms``: those of :data:`_FORM_GROUPS`.
    """
    for name, g in zip(_FORM_GROUPS, m.group(*forms)):  # one call: exactly one form matched
        if g is None:
            continue
        rule, form = _RULE_FORM[name]
        if name == "fraction":
            d, n = _number(m.group(gi["fd"])), _number(m.group(gi["fn"]))
            if not d or n is None or n > d:
                return None
            return _num_value(round(n / d, 10)), form, [n, d], rule
        if name == "colon":
            cs, ce = m.span(gi["colon"])
            after = sent[ce:ce + 4]
            before = sent[max(0, cs - 6):cs]
            if not (_COLON_CONTEXT_AFTER.match(after) or _COLON_CONTEXT_BEFORE.search(before)):
                return None
            a, b = parse_number(m.group(gi["a"])), parse_number(m.group(gi["b"]))
            if a is None or not b:
                return None
            return _num_value(round(a / b, 10)), form, [a, b], rule
        groups = _RAW[name]
        n = _number(m.group(gi[groups[0]]) or (m.group(gi[groups[1]]) if len(groups) > 1 else None))
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
