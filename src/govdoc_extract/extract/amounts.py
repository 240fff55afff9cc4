"""Amounts: money with its bound (OUTPUT.md Document.amounts, optional).

A money amount is a number immediately followed by a 元-based unit (元, 千元,
万元, 百万元, 千万元, 亿元, 万亿元); the comparator comes from the shared
table in ``values.comparators`` (最高不超过300万元 → ``<=``, 不低于7000元 →
``>=``, 5000万元以上 → ``>=``), plain amounts (给予500万元资金支持) are ``=``.
Traps from PEERS.md: the bound of 最高不超过 is an upper one; 30%金额 is not
money (the unit must be 元 right after the number); 1860亿元 is money, never a
year. Grants and caps in 政策措施 and 办法 are the main source.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator, Optional

import regex

from ..text import rx
from ..values.comparators import PREFIX, SUFFIX, alternation, combine
from ..values.numbers import parse_number, parse_range
from ..values.units import normalize
from .base import Block, Context, Draft

# Money units → multiple of 元 (《人民币管理条例》 unit 元; 万/亿 scales as printed).
MONEY_UNITS: dict[str, float] = {
    "元": 1, "千元": 1e3, "万元": 1e4, "十万元": 1e5, "百万元": 1e6, "千万元": 1e7, "亿元": 1e8, "万亿元": 1e12,
}
# Foreign currency: value and unit as written, no 元 normalisation.
FOREIGN_UNITS: tuple[str, ...] = ("美元", "万美元", "亿美元", "欧元", "万欧元", "亿欧元")
# Verbs between a bound word and the number (最高给予200万元, 最高可获得50万元).
FILLERS: tuple[str, ...] = ("给予", "可给予", "奖励", "补助", "补贴", "资助", "支持", "可获得", "可达", "为", "按",
                            "一次性给予", "一次性奖励", "可", "达到", "达")

_CN_NUM = r"[零〇一二三四五六七八九十百千两]{1,8}"
# Bounded digits (a 3000-digit run is not money, and must not overflow a float).
_ARABIC = r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,6})?|\d{1,13}(?:\.\d{1,6})?"
_NUM = rf"(?:{_ARABIC})(?:\s{{0,2}}[-—–~～至到]{{1,2}}\s{{0,2}}(?:{_ARABIC}))?|{_CN_NUM}"
_AMOUNT = rx.compile(
    rf"""(?:(?P<pre>{alternation(PREFIX)})(?:{alternation(FILLERS)}){{0,1}})?   # bound word, optional verb
         (?<![\d.,])(?P<num>{_NUM})                                          # 300 / 1.5 / 100-300 / 五百
         (?P<unit>{alternation(list(MONEY_UNITS) + list(FOREIGN_UNITS))})    # 万元 right after the number
         (?P<suf>{alternation(k for k in SUFFIX if k != "内")})?             # 以上 / 以下 / 左右
    """,
    regex.X,
)


_CN_ONLY = rx.compile(_CN_NUM)
_CN_MAG = rx.compile("[十百千]")


def extract(ctx: Context) -> Iterator[Draft]:
    """Yield one amount draft per money expression."""
    for block in _with_yuan(ctx):
        prev_end, prev_cmp = -1, None
        for m in _money_matches(block.text):
            fields = parse_amount(m)
            if fields is None:
                continue
            # 最高200万元、1000万元: an enumerated amount keeps the bound of the one before.
            if m.group("pre") is None and m.group("suf") is None and prev_cmp and m.start() == prev_end + 1 \
                    and block.text[prev_end] == "、":
                fields["comparator"] = prev_cmp
            prev_end, prev_cmp = m.end(), fields["comparator"]
            yield Draft(kind="amount", start=block.start + m.start(), end=block.start + m.end(),
                        fields=fields, rule=_rule(m), section_id=block.section_id)


def _with_yuan(ctx: Context) -> Iterator[Block]:
    """The blocks holding 元 (every money unit ends with it), found with ``str.find`` over the
    document rather than by testing each paragraph."""
    text, blocks, stop = ctx.clean.text, ctx.blocks, ctx.document.end
    starts = [b.start for b in blocks]
    i = text.find("元", ctx.document.start, stop)
    while i >= 0:
        k = bisect_right(starts, i) - 1
        if k >= 0 and i < blocks[k].end:
            yield blocks[k]
            i = text.find("元", blocks[k].end, stop)
        else:  # a table line, not a paragraph
            i = text.find("元", i + 1, stop)


_CLAUSE_ENDS = "，。；"  # no part of a money expression (bound words, numbers, units) holds one


def _money_matches(text: str) -> Iterator[regex.Match]:
    """``_AMOUNT.finditer(text)``, run only on the clauses holding 元: the pattern opens with
    optional bound words, so it is slow to scan, and a match never crosses a clause end.

    >>> [m.group() for m in _money_matches("共计划投资，最高不超过300万元，其余5000元。")]
    ['最高不超过300万元', '5000元']
    """
    i = text.find("元")
    while i >= 0:
        a = max(text.rfind(c, 0, i) for c in _CLAUSE_ENDS) + 1
        ends = [j for j in (text.find(c, i) for c in _CLAUSE_ENDS) if j >= 0]
        b = min(ends) if ends else len(text)
        yield from _AMOUNT.finditer(text, a, b)
        i = text.find("元", b)


def parse_amount(m: regex.Match) -> Optional[dict]:
    """Fields of one match: value, value_max, unit, value_normalized (元), comparator.

    >>> parse_amount(_AMOUNT.search("单个医疗机构支持资金每年最高不超过300万元。"))
    {'value': 300, 'value_max': None, 'unit': '万元', 'value_normalized': 3000000, 'comparator': '<='}
    >>> parse_amount(_AMOUNT.search("按照每年每个村卫生室不低于7000元标准"))["comparator"]
    '>='
    >>> parse_amount(_AMOUNT.search("地区生产总值达到1860亿元"))["value_normalized"]
    186000000000
    >>> _AMOUNT.search("按照30%金额拨付") is None
    True
    >>> parse_amount(_AMOUNT.search("城乡二元结构")) is None
    True
    """
    raw = rx.drop_spaces(m.group("num"))
    unit = m.group("unit")
    rng = parse_range(raw)
    if unit == "元" and _CN_ONLY.fullmatch(raw) and not _CN_MAG.search(raw):
        return None  # 二元结构, 一元化: a bare digit before 元 is not money
    if rng:
        value, value_max = rng
        comparator = "range"
    else:
        parsed = parse_number(raw)
        if parsed is None:
            return None
        value, value_max = parsed, None
        comparator = combine(m.group("pre"), m.group("suf"))
    if unit in FOREIGN_UNITS:
        norm: Optional[float] = None
    elif unit == "元":
        norm = value
    else:
        norm, base = normalize(value, unit)
        if norm is None:
            norm = _scale(value, unit)
    return {"value": value, "value_max": value_max, "unit": unit, "value_normalized": norm, "comparator": comparator}


def _scale(value, unit: str):
    v = float(value) * MONEY_UNITS[unit]
    return int(v) if v.is_integer() else round(v, 6)


def _rule(m: regex.Match) -> str:
    if m.group("pre"):
        return "amount.prefix"
    if m.group("suf"):
        return "amount.suffix"
    return "amount.plain"
