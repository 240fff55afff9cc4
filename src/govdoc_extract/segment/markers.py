"""Heading markers of 公文 bodies, as one table: marker shape → section kind.

Source: the numbering conventions of 《党政机关公文格式》 GB/T 9704-2012 §7.3.3
(结构层次序数 "一、" "（一）" "1." "（1）"), the 立法技术规范 for 规章/条例
(第X编/章/节/条), and the 规划 habit of 专栏N boxes and 附件 attachments.

Finding (the regexes below, anchored at the start of a paragraph) is kept
apart from parsing (ordinals through :func:`~govdoc_extract.values.numbers.cn_to_int`).
A match only says "this paragraph *looks like* it starts with a marker";
:mod:`.sections` still checks the ordinal sequence before it opens a node.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple, Optional

from ..text import rx
from ..values.numbers import cn_to_int as _cn_to_int

# Ordinals repeat (一 … 十, 十二 in every text): parse each numeral once.
cn_to_int = lru_cache(maxsize=1024)(_cn_to_int)

# Chinese numeral characters used in ordinals (十二, 二十, 一百零五, 两).
_CN = "零〇○一二三四五六七八九十百两"
_CN_ORD = f"[{_CN}]{{1,6}}"

# Circled and parenthesised digits used as list bullets: ①…⑳ and ⑴…⒇.
CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ① .. ⑳
PAREN_DIGITS = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴ .. ⒇


@lru_cache(maxsize=1024)
def _cn_or_int(s: str) -> Optional[int]:
    """Ordinal of ``十二`` / ``12``.

    >>> _cn_or_int("十二"), _cn_or_int("12"), _cn_or_int("十四五")
    (12, 12, None)
    """
    return int(s) if s.isascii() and s.isdigit() else cn_to_int(s)  # ⑵.isdigit() is True too


_BOX_SPLIT = rx.compile(r"[-－—.]")


def _box_ordinal(s: str) -> Optional[int]:
    """专栏 numbers: ``3`` → 3, ``11-2`` → 11 (chapter-box numbering keeps the first part)."""
    head = _BOX_SPLIT.split(s, maxsplit=1)[0]
    return _cn_or_int(head) if head else None


def _symbol_ordinal(table: str) -> Callable[[str], Optional[int]]:
    return lambda s: table.index(s) + 1 if s in table else None


@dataclass(frozen=True, slots=True)
class MarkerRule:
    """One heading marker: its kind, a stable rule id and the regex of its label.

    The pattern is matched at the start of a paragraph; group ``n`` holds the
    numeral, the whole match is the label as written.
    """

    rule: str
    kind: str
    pattern: str
    ordinal: Callable[[str], Optional[int]]


# 第 and the numeral of the statutory and 规划 levels, shared by their rules (see _alternation).
_DI = rf"第(?P<n>{_CN_ORD}|\d{{1,3}})"

# NOTE: order matters only between rules that can match the same text; the
# first matching rule wins. Each kind has a level in ``KIND_LEVEL`` of sections.py (a test checks).
MARKER_RULES: tuple[MarkerRule, ...] = (
    # 第X编/章/节/条 (立法技术规范). Not 第十四个五年规划, 第二十二届, 第 8-9 期:
    # the character after the numeral must be one of 编章节条. A paragraph that
    # starts by *citing* an article (第三条规定…, 第五条第二款…) is not a heading.
    MarkerRule("marker.part", "part", _DI + r"编(?![辑制写号])", _cn_or_int),
    # 第X篇 (规划纲要) and 第X部分 (规划, 报告) are the same top level as 编.
    MarkerRule("marker.part_pian", "part", _DI + r"(?:篇(?![章幅])|部分)", _cn_or_int),
    MarkerRule("marker.chapter", "chapter", _DI + r"章(?![程节])", _cn_or_int),
    MarkerRule("marker.section", "section", _DI + r"节(?![日假])", _cn_or_int),
    MarkerRule("marker.article", "article",
               _DI + r"条(?!规定|所称|所列|第\p{Han}{1,4}[款项]|[、，,和及至到])", _cn_or_int),
    # 一、 (GB/T 9704 first level). Not 二、三类医疗器械 / 三、四季度 (a numeral list inside a sentence).
    MarkerRule("marker.item1", "item1", rf"(?P<n>{_CN_ORD})(?:[、]|[.．](?!\d))(?![{_CN}]{{1,3}}[、类级档个是季月年批期轮线产])",
               cn_to_int),
    # （一） / (一) (second level), both bracket widths.
    MarkerRule("marker.item2", "item2", rf"[（(](?P<n>{_CN_ORD})[)）](?![{_CN}]{{1,3}}[)）、])", cn_to_int),
    # 1. / 1、 / 1． (third level). Never 1.54, 1、2号, 2025.
    MarkerRule("marker.item3", "item3", r"(?P<n>\d{1,2})(?:[.．](?![\d.．])|[、](?!\d))", _cn_or_int),
    # （1） / (1) / ⑴ (fourth level). Never (%), (/10万), (2021—2023年).
    MarkerRule("marker.item4", "item4", r"[（(](?P<n>\d{1,2})[)）]|(?P<n>[⑴-⒇])",
               lambda s: _symbol_ordinal(PAREN_DIGITS)(s) if s in PAREN_DIGITS else _cn_or_int(s)),
    # 1） / 1) with a closing bracket only, used as the fourth level by many 方案.
    MarkerRule("marker.item4_half", "item4", r"(?P<n>\d{1,2})[)）](?![\d%])", _cn_or_int),
    # 1.1 / 4.4.1 decimal outline numbers of 应急预案 and technical texts (other
    # numbered lists); never 1.54 or 1.5万人 (a word, not a unit, must follow).
    MarkerRule("marker.outline", "list_item", r"(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})(?=\s{0,2}\p{Han})(?!\s{0,2}[万亿千百十个倍元])",
               lambda s: _cn_or_int(s.rsplit(".", 1)[-1])),
    # ① … ⑳ (other numbered lists).
    MarkerRule("marker.circled", "list_item", r"(?P<n>[①-⑳])", _symbol_ordinal(CIRCLED)),
    # 专栏3 / 专栏 11-2 (boxes in 规划).
    MarkerRule("marker.box", "box", rf"专栏\s{{0,2}}(?P<n>\d{{1,2}}(?:[-－]\d{{1,2}})?|{_CN_ORD})", _box_ordinal),
    # 附件 / 附件1 / 附件2： (attachments after the main text). 附件 followed by
    # ordinary text (附件材料…) is not a marker: it must stand alone, carry a
    # number, or be followed by a colon.
    MarkerRule("marker.attachment", "attachment",
               r"附件\s{0,2}(?:(?P<n>\d{1,2})(?![\d.．、])\s{0,2}[：:]?|[：:]|(?=\s*$))",
               lambda s: _cn_or_int(s) if s else None),
)

# The characters each rule can start with, so that a paragraph is only tried
# against the few rules its first character allows (one regex per line, mostly).
_RULE_FIRST: dict[str, str] = {
    "marker.part": "第", "marker.chapter": "第", "marker.section": "第", "marker.article": "第",
    "marker.item1": _CN, "marker.item2": "（(", "marker.item3": "0123456789", "marker.outline": "0123456789",
    "marker.item4": "（(" + PAREN_DIGITS, "marker.item4_half": "0123456789", "marker.part_pian": "第",
    "marker.circled": CIRCLED, "marker.box": "专", "marker.attachment": "附",
}
_BY_FIRST: dict[str, tuple[MarkerRule, ...]] = {}
for _r in MARKER_RULES:
    for _ch in _RULE_FIRST[_r.rule]:
        _BY_FIRST[_ch] = _BY_FIRST.get(_ch, ()) + (_r,)
# A paragraph whose first character is none of these (nor a tab before the marker) holds no marker.
MARKER_FIRST = frozenset(_BY_FIRST)
_LEAD = rx.compile(r"[ \t\u3000]{0,8}")


def _alternation(rules: tuple[MarkerRule, ...]) -> rx.LazyPattern:
    """The rules as one pattern (one match call per line instead of one per rule).

    Alternatives are tried in table order, so the match is the first rule's that
    matches. Every rule pattern's only group is ``n`` (a test checks): it stays
    group 1 throughout, and each alternative ends in an empty group of its own,
    the one that is ``""`` in ``groups()`` names the rule.

    The 第 rules differ only in the word after the numeral (编/篇/部分/章/节/条),
    and that word can only stand right after the whole numeral: the numeral is
    read once, then the words are tried (the same first match as rule by rule).
    """
    if all(r.pattern.startswith(_DI) for r in rules):
        return rx.compile(_DI + "(?:" + "|".join(f"(?:{r.pattern[len(_DI):]})()" for r in rules) + ")")
    return rx.compile("|".join(f"(?:{r.pattern})()" for r in rules))


def _dispatch() -> dict[str, tuple[tuple[MarkerRule, ...], rx.LazyPattern]]:
    """First character → (its rules in table order, their alternation, one per set of rules)."""
    shared: dict[tuple[MarkerRule, ...], rx.LazyPattern] = {}
    return {ch: (rules, shared.setdefault(rules, _alternation(rules))) for ch, rules in _BY_FIRST.items()}


_DISPATCH = _dispatch()
# the rules one by one, for the rare line whose first matching rule is turned down
# (a non-numeral like 十四五, or a bare marker of a kind that needs text after it)
_SINGLE: dict[str, rx.LazyPattern] = {r.rule: rx.compile(r.pattern) for r in MARKER_RULES}


class MarkerMatch(NamedTuple):
    """A heading marker at the start of a line.

    ``start``/``end`` are the label's offsets inside the line; ``rest`` is the
    text after the label (separating spaces and a 、/：/． stripped).
    """

    # a named tuple, not a frozen dataclass: one is made for every heading line,
    # and a frozen dataclass pays an object.__setattr__ per field
    kind: str
    label: str
    ordinal: Optional[int]
    start: int
    end: int
    rest_start: int
    rule: str


_NEW_TUPLE = tuple.__new__
# Up to three of these separate a label from the text after it (第一章 总则, 附件：…).
_REST_SEP = rx.compile(r"[ \t\u3000：:、．.]{0,3}")
_SEP_CHARS = frozenset(" \t\u3000：:、．.")  # the same, for a loop over at most three characters
# The kinds that are a heading even with nothing after the label.
_BARE_KINDS = frozenset({"part", "chapter", "section", "box", "attachment"})


def match_marker(line: str) -> Optional[MarkerMatch]:
    """Recognise the heading marker a paragraph starts with, or ``None``.

    Args:
        line: one paragraph of cleaned text (no line break).

    Returns:
        The marker's kind, label, ordinal and where the text after it begins.

    Examples:
        >>> m = match_marker("第十二条施工总承包单位应当…"); (m.kind, m.label, m.ordinal)
        ('article', '第十二条', 12)
        >>> m = match_marker("第一章总则"); (m.kind, m.ordinal, "第一章总则"[m.rest_start:])
        ('chapter', 1, '总则')
        >>> [match_marker(s).kind for s in ("一、总体要求", "（一）指导思想", "(二)基本原则", "1.总体目标", "3、强化", "（1）立足实战", "①加强")]
        ['item1', 'item2', 'item2', 'item3', 'item3', 'item4', 'list_item']
        >>> m = match_marker("专栏11-2社会化养老发展重点"); (m.kind, m.label, m.ordinal)
        ('box', '专栏11-2', 11)
        >>> [(match_marker(s).kind, match_marker(s).ordinal) for s in ("附件", "附件1", "附件2：目标分解表", "附件:责任清单")]
        [('attachment', None), ('attachment', 1), ('attachment', 2), ('attachment', None)]
        >>> [match_marker(s) for s in ("1.54", "(%)", "(/10万)", "第 8-9 期", "第十四个五年规划", "第二十二届", "1类生物制品", "二、三类医疗器械注册证", "附件材料", "5岁以下儿童死亡率(%)")]
        [None, None, None, None, None, None, None, None, None, None]
    """
    if not line:
        return None
    lead = 0
    if line[0] in " \t\u3000":
        lead = _LEAD.match(line).end()
        if lead >= len(line):
            return None
    entry = _DISPATCH.get(line[lead])
    if entry is None:
        return None
    rules, alternation = entry
    m = alternation.match(line, lead)
    if m is None:
        return None
    groups = m.groups()
    k = groups.index("", 1) - 1  # the rule whose alternative matched
    mm = _accept(line, lead, rules[k], groups[0], m.end())
    for rule in rules[k + 1:] if mm is None else ():  # turned down: the next rules, in order
        m = _SINGLE[rule.rule].match(line, lead)
        if m is not None and (mm := _accept(line, lead, rule, m.group(1), m.end())) is not None:
            break
    return mm


def _accept(line: str, lead: int, rule: MarkerRule, num: Optional[str], end: int) -> Optional[MarkerMatch]:
    """The marker of ``rule`` matched at ``line[lead:end]`` (numeral ``num``), or ``None`` if it does not stand."""
    if num:
        ordinal = rule.ordinal(num)
        if ordinal is None:  # 十四五 and other non-numerals
            return None
    else:
        ordinal = None
    rest, n = end, len(line)
    while rest < n and rest - end < 3 and line[rest] in _SEP_CHARS:
        rest += 1
    if rest >= n and rule.kind not in _BARE_KINDS:
        # a bare marker with nothing after it is only a heading for the
        # statutory levels (第三章 on its own line), boxes and attachments
        return None
    # (tuple.__new__ itself, fields in MarkerMatch order: the named tuple's __new__ is a Python frame per marker line)
    return _NEW_TUPLE(MarkerMatch, (rule.kind, line[lead:end].rstrip(" \t\u3000：:"), ordinal, lead, end, rest, rule.rule))
