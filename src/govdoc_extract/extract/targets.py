"""Targets: quantities a document commits to reach or keep (OUTPUT.md "target").

Two sources:

* target sentences of 规划/方案/意见 prose: "力争到2024年，培育3家以上国家级工业互联网
  平台、8家以上省级…" gives one target per quantity, with the indicator read
  after the quantity (培育3家以上**国家级工业互联网平台**) or before it
  (**城镇新增就业**110万人以上), the comparator from 以上/不少于/控制在…, and the
  year from the nearest 到2024年 / 2025年底前 / “十四五”期间 of the sentence or
  paragraph;
* indicator tables (主要指标表, 目标分解表): one target per row per target-year
  column, with baseline, [] cumulative marks, 约束性/预期性 and the unit in the
  name's parentheses.

Statements of past fact (截至2020年底…共有…, “十三五”时期, 完成数), definitions
(…：指造成10人以上…), commendation lists (等32名) and rules fixing a rate or a
cap (补贴标准为每人每年45元, 救助比例为70%) give no target.
Rule data: GB/T 9704-2012 公文 usage and the wording of 国民经济和社会发展
“十四五”规划纲要 target paragraphs and 主要指标 tables.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..text import rx
from ..segment.types import Cell
from ..values.comparators import PREFIX, SUFFIX, alternation
from ..values.comparators import combine as _combine
from ..values.numbers import ARABIC, MAX_DIGITS, Number, cn_to_int, parse_number, to_int
from ..values.units import CATEGORY_COUNTERS, RATE_UNITS, UNITS, normalize
from .base import Context, Draft, Table

# The comparator of a (bound word, suffix) pair: pure, and only a few dozen pairs occur.
combine = lru_cache(maxsize=512)(_combine)

# ---------------------------------------------------------------- tables

# The cue patterns below are only asked whether they occur (``search(...) is not None``) and are
# plain alternations of words: the standard ``re`` engine answers that 2–4× faster than ``regex``.

# Words that make a sentence a commitment (规划/方案 目标 wording).
GOAL_CUES: tuple[str, ...] = (
    "力争", "确保", "目标", "达到", "达", "突破", "超过", "不少于", "不低于", "至少", "以上", "以内",
    "控制在", "保持在", "建成", "培育", "新增", "创建", "打造", "引进", "培养", "增加", "增长", "发展",
    "扶持", "提供", "完成", "实现", "建设", "承办", "举办", "遴选", "认定", "创成", "提高到", "提升到",
    "提高至", "提升至", "降至", "降低到", "下降到", "稳定在", "年均", "解决", "获批", "新建", "改造", "实施",
)
# Words that make a sentence a statement about the past (not a commitment).
PAST_CUES: tuple[str, ...] = (
    "截至", "截止", "“十三五”时期", "“十三五”期间", "十三五时期", "十三五期间", "完成数", "已累计",
    "已经", "共有", "现有", "去年", "上年", "同比", "发展现状", "已建成", "已完成", "已达",
)
# A clause that states a condition (当…时, 如…, 凡…): its quantities are thresholds, not goals.
CONDITION = rx.compile(r"^\s*(?:当|如果|如|若|凡)")
_CONDITION_FIRSTS = "当如若凡"  # what a CONDITION match starts with, but for spaces (see _may_open)
# Headings of sections that review the past (规划 发展基础, 工作报告 回顾).
PAST_HEADING = rx.compile(r"回顾|发展基础|发展现状|现状分析|基本情况|主要成效|主要成绩|取得的成[效绩就]|工作总结|进展情况|"
                             r"发展成就|十三五.{0,4}(?:成就|成效|回顾)")
# Words that put a paragraph in the future even when it also looks back.
FUTURE_CUE = rx.compile_std(r"到\s*20\d{2}|至\s*20\d{2}\s*年|力争|十四五|目标|20\d{2}\s*年(?:底|末)?前|确保")
# Definitions and commendations: the quantities there describe, they do not commit.
# (each branch starts with a literal, not a class: the standard engine then skips ahead by their first
# characters instead of trying every branch at every character, about four times faster)
SKIP_SENTENCE = rx.compile_std(r":指|：指|是指|系指|表彰|授予|决定对|予以通报")
# Rules that fix a rate or a cap: ratios (and amounts), not targets (OUTPUT.md).
RULE_CUES = rx.compile_std(
    r"按照|按|给予|补偿|补贴|补助|资金支持|比例为|分别为|费率|不得|标准为|×|最高|奖励|缴费|报销|支付|核定|收取"
)
# Modal words of a rule (应当/必须/不得…): a bounded quantity in such a clause is a requirement
# that the rule fixes (份额应当占预算总额的40%以上, 最高时速不得超过25公里), not a goal — unless
# the sentence also states a goal year or 力争/目标 (FUTURE_CUE).
RULE_MODAL = rx.compile_std(r"应当|必须|不得|须|严禁|禁止|用于")
# A money quantity is a target only right after a goal verb (达到360亿元, 突破100亿元).
MONEY_GOAL = rx.compile(r"(?:达到|达|突破|超过|实现|力争达到|累计达到|总额|总量|年产值|产值|营业收入|收入)\s*$")
# Bound words the shared table leaves out because they are too short to stand alone elsewhere.
EXTRA_PREFIX: dict[str, str] = {"超": ">"}
# A bound word before a noun phrase ending in 的: 不低于医院年支出总额的1%.
_FAR_PREFIX = rx.compile(rf"({alternation(PREFIX)})[^，,。；;：:]{{0,16}}的\s*$")
# After-text that makes the quantity a standard or a payment share, not a goal.
AFTER_RULE = rx.compile(r"^(?:的)?(?:标准|要求|规定)")
AFTER_MONEY = rx.compile(r"^(?:的)?(?:金额|资金|费用|款项|工程款|货款)")
_AFTER_RULE_FIRSTS = "的标要规"  # the first characters of their matches: most after-texts start otherwise
_AFTER_MONEY_FIRSTS = "的金资费款工货"
# Words after a quantity that are not what is counted (突破100亿元大关).
AFTER_NOISE: frozenset[str] = frozenset({"大关", "关口", "左右", "上下", "以上", "以下", "目标", "目标任务"})
# Verbs and link words stripped from the end of an indicator read before the number.
VERB_TAIL: tuple[str, ...] = (
    "力争达到", "累计达到", "达到", "达", "突破", "超过", "控制在", "保持在", "稳定在", "提高到", "提升到",
    "提高至", "提升至", "降至", "降低到", "下降到", "不少于", "不低于", "至少有", "至少", "不超过", "低于",
    "高于", "力争", "分别为", "分别", "为", "是", "有", "的", "约", "共", "累计", "每年", "年均", "平均",
)
# Words stripped from the start of an indicator.
HEAD_STRIP = rx.compile(
    r"^(?:[，,、；;：:\s]|其中|并|且|和|同时|力争|确保|全年|(?:(?:到|至|在|于)\s*(?=20\d{2}))|(?:20\d{2}\s*年(?:底|末)?(?:前)?)|"
    r"(?:“?十四五”?(?:期间|期末|时期|末))){1,6}"
)
_HEAD_FIRSTS = "，,、；;：:其并且和同力确全到至在于2“十"  # what a HEAD_STRIP match starts with, but for spaces

_YEAR_PHRASES = rx.compile(
    r"(?P<past>截至|截止|截止到)?\s*(?P<y1>(?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]{1,2}\s*(?P<y2>(?:19|20)\d{2})\s*年"
    r"|(?P<past2>截至|截止|截止到|比|较|相比|同比|与)?\s*(?P<y>(?:19|20)\d{2})\s*年(?![\d度])"
    r"|(?P<fyp>[“\"]?(?P<plan>十四五|十五五|十三五)[”\"]?(?:期间|期末|时期|末|规划期|规划))"
    r"|(?P<past3>截至|截止|截止到|比|较)?(?P<cny>[二][〇○零][一二三四五六七八九〇○零][〇○零一二三四五六七八九])年"
)
# What every _YEAR_PHRASES match holds (19xx/20xx, 十三五/十四五/十五五, 二〇…): the standard re engine
# rules most paragraphs out several times faster than the full pattern finds nothing in them.
_YEAR_GATE = rx.compile_std("19|20|十[三四五]五|二[〇○零]")
# 五年规划 → its last year (“十四五”期末 → 2025)
PLAN_END: dict[str, int] = {"十三五": 2020, "十四五": 2025, "十五五": 2030}
_CN_NUM = r"[一二三四五六七八九十两][一二三四五六七八九十百千零两]{0,5}"
_NUM = rf"(?:{ARABIC}|{_CN_NUM})"
_SENT_UNITS = {u: v for u, v in UNITS.items() if u not in CATEGORY_COUNTERS and v[1] not in CATEGORY_COUNTERS}


def prefix_tree_alternation(words) -> str:
    """:func:`alternation` of ``words`` (longest first) written as a prefix tree.

    The ``regex`` module tries a flat alternation's branches one by one: with the ~300 units
    that is most of the time of a QUANTITY attempt. In the tree one character picks the
    branch. The words that match at a position are prefixes of one another, so both forms
    try them in the same order (longest first, also when backtracking): the same matches.

    >>> prefix_tree_alternation(["万人次", "万人", "万元", "人", "人次"])
    '(?:万(?:人(?:次)?|元)|人(?:次)?)'
    """
    tree: dict = {}
    for w in sorted(set(words)):
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        alts = [regex.escape(ch) + branch(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 or "" in node else alts[0]
        return body + "?" if "" in node else body  # greedy: the longer words first

    return branch(tree)


_UNIT_ALT = prefix_tree_alternation(list(_SENT_UNITS) + ["%", "％", "‰"])
_PREFIX_WORDS = [*PREFIX, "超", "达到", "达", "保持在", "稳定在", "约", "至少有"]
_PREFIX_ALT = alternation(_PREFIX_WORDS)
_PREFIX_MAX = max(map(len, _PREFIX_WORDS))
_SUFFIX_ALT = alternation(k for k in SUFFIX if k not in ("内",))

# A quantity in a sentence: [comparator] number [-number] unit [以上].
# The bound word before the number is looked up separately (_PRE_BEFORE): an optional
# leading alternation would be tried at every character of the text.
_PRE_WORDS = [*PREFIX, "超"]
_PRE_BEFORE = rx.compile_std(rf"(?:{alternation(_PRE_WORDS)}){rx.WHITE_SPACE}*$")
_PRE_LASTS = frozenset(w[-1] for w in _PRE_WORDS)  # what stands right before a number that has one
_PRE_TUPLE = tuple(_PRE_WORDS)  # (for str.endswith)
# What can follow a number in a quantity (a unit, a range dash, a % before the dash): a
# cheap one-character check that spares the long unit alternation at most numbers.
_UNIT_FIRSTS = sorted({u[0] for u in [*_SENT_UNITS, "%", "％", "‰"]})  # the first character of every unit
_QTY_NEXT = "[" + "".join(sorted({regex.escape(c) for c in [*_UNIT_FIRSTS, *"-—–~～至到"]})) + "]"
QUANTITY = rx.compile(
    rf"""
    (?=[\d一二三四五六七八九十两])                                  # fast scan: only where a number starts
    (?<![\d.A-Za-z第前后近每一二三四五六七八九十百千万两零])
    (?P<num>{_NUM})(?=\s*{_QTY_NEXT})(?:\s*(?:[%％]\s*)?(?P<dash>[-—–~～]|至|到)\s*(?P<num2>{_NUM}))?  # 15%—20%: one range
    \s*(?P<unit>{_UNIT_ALT})
    (?!月|工作日|小时|季度|自然日|百分点|[A-Za-z\d])
    (?<!人(?=力|社|事|民|口|大|才|员|群|身|防|居|工|类|文|造|格|均|气|性|生|情|心|们))
    (?P<suf>\s*(?:{_SUFFIX_ALT}))?
    """,
    regex.VERBOSE,
)
# What a QUANTITY match holds inside one line, for one scan of a whole document (:func:`line_ends`):
# the last run of numerals of its number (or of the range's second one) right before the spaces
# and the first character of its unit. A dash is not enough (2021—2025年 has no unit), nor is a
# run right after 第/前/后/近/每/万 or a Latin letter (第5名, 第十二条, 第19项): QUANTITY's
# look-behind refuses a number starting there, and a number starting inside the run follows a
# numeral, which it refuses too. The run starts where the number (or its second one) starts, or
# after its . or , — never after one of those. Plain classes and literals: the standard ``re``
# engine scans them about twice as fast as ``regex`` (and a leading class, not a look-behind,
# lets it skip ahead by that class: twice as fast again). The digits are spelled out: within the
# BMP, \d of either engine is the ten digits from each of these zeros (a test checks it), and a
# class of ranges scans twice as fast as one holding \d (a category looked up per character).
_UNIT_FIRST = "[" + "".join(map(re.escape, _UNIT_FIRSTS)) + "]"
_BMP_DIGIT_ZEROS = (
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
)
_BMP_DIGITS = "".join(f"\\u{z:04x}-\\u{z + 9:04x}" for z in _BMP_DIGIT_ZEROS)  # (a class body, as \d would be)
_HINT_NUMERALS = _BMP_DIGITS + "一二三四五六七八九十两百千零"
_QTY_HINT_LINE = rx.compile_std(
    rf"[{_HINT_NUMERALS}](?<![第前后近每万A-Za-z{_HINT_NUMERALS}].)[{_HINT_NUMERALS}]*[^\S\n]*{_UNIT_FIRST}")
# Where a numeral may be astral: ``regex`` knows astral digits that ``re`` does not. Any astral
# character counts as a numeral, so a run could start before the number (第😀5个): here only the
# last numeral is looked at, with the character before it. A class with astral characters scans
# about 20 % slower: used only for a text holding one.
_QTY_HINT_ASTRAL = rx.compile_std(rf"[{_HINT_NUMERALS}\U00010000-\U0010FFFF](?<![第前后近每万A-Za-z].)[^\S\n]*{_UNIT_FIRST}")
# Where a QUANTITY match may start, for :func:`quantity_matches`: a numeral that its look-behind
# allows, then (after that numeral) characters of a number and spaces up to a character that
# may follow one (_QTY_NEXT). The number's characters are numerals, . and , — none of them can
# follow a number, so this holds wherever QUANTITY matches. Any astral character counts as a
# numeral (regex knows astral digits, re does not): a few more places to try, none missed.
# QUANTITY, tried from every numeral, costs about as much at each digit of 2025年 (three of
# them refused by its look-behind) as this scan over a whole sentence.
_ASTRAL = "\U00010000-\U0010FFFF"
_QTY_START = rx.compile_std(
    rf"[{_BMP_DIGITS}{_ASTRAL}一二三四五六七八九十两](?<![{_BMP_DIGITS}.A-Za-z第前后近每一二三四五六七八九十百千万两零].)"
    rf"(?=[{_BMP_DIGITS}{_ASTRAL}.,一二三四五六七八九十百千零两]*{rx.WHITE_SPACE}*"
    rf"[{''.join(sorted(map(re.escape, {*_UNIT_FIRSTS, *'-—–~～至到'})))}])")
_MAX_CLAUSE = 120  # longest clause looked at around a quantity (chars)
_CLAUSE_BOUND = "，,。；;：:（(\n！？!?"
# Up to the last bound or closing bracket of a text (a match ends with it): the standard engine
# takes the whole text at once, then backs off to that character, like a backward search of
# ``regex`` (?r) at about two thirds of its cost
_CLAUSE_BACK = rx.compile_std(rf"(?s:.*)[{re.escape(_CLAUSE_BOUND)}）)]")
_AFTER = rx.compile(r"(?:[^，,。；;：:（(\n！？!?\d、和及与或]|\d+[A-Za-z])(?:[^，,。；;：:（(\n！？!?\d]|\d+[A-Za-z]){0,40}")
_SENT_SPLIT = rx.compile_std(r"[^。！？!?\n]+[。！？!?]?")
_SENT_END = rx.compile_std(r"[。！？!?\n]")  # what ends a _SENT_SPLIT sentence (a line break is not part of it)
_SENT_END_BACK = rx.compile(r"(?r)[。！？!?\n]")  # the same, searched backwards
_GOAL_RE = rx.compile_std(alternation(GOAL_CUES))
_PAST_RE = rx.compile_std(alternation(PAST_CUES))
_LIST_SEP = rx.compile(r"\s*[、和及与]\s*")
_AND_SPLIT = rx.compile(r"[、和]")
_AFTER_HEAD = rx.compile(r"^(?:的|左右|上下|[”’\"」』])+")
_AFTER_TAIL = rx.compile(r"(?:[、和与及或等]|以及|达到|达)+$")
_AFTER_HEAD_FIRSTS = "的左上”’\"」』"  # the first characters of an _AFTER_HEAD match
_AFTER_TAIL_LASTS = "、和与及或等到达"  # the last ones of an _AFTER_TAIL match
_PREFIX_END = rx.compile_std(rf"(?:{_PREFIX_ALT}){rx.WHITE_SPACE}*$")
_PREFIX_LASTS = frozenset(w[-1] for w in _PREFIX_WORDS)
_PART = rx.compile(r"^\s*其中[:：]?")
_REL_YEAR = rx.compile_std(r"今年|年内|本年度?|明年")
_RATE_WORDS = ("率", "比例", "比重", "占比")  # an indicator ending so is a rate (see _is_rate_word)
# Names of bodies and places (其中市人民医院不低于8人 → scope 市人民医院).
_BODY = rx.compile(r"(?:医院|学校|政府|局|委|办|区|县|市|镇|乡|街道|社区|村|中心|公司|集团|园区|单位|部门|机构)$")


@dataclass(slots=True)
class _Qty:
    start: int  # cleaned offsets of the quantity (prefix … suffix)
    end: int
    value: Number
    value_max: Optional[Number]
    unit: str
    comparator: str
    pre: Optional[str]
    num_start: int


# ---------------------------------------------------------------- public


def extract(ctx: Context) -> Iterator[Draft]:
    """Targets of one document: target sentences of its paragraphs, then its indicator tables.

    >>> from govdoc_extract.extract.base import Block
    >>> t = "力争到2024年，培育3家以上国家级工业互联网平台、8家以上省级工业互联网平台。"
    >>> [(d.fields["indicator"], d.fields["value"], d.fields["year"]) for d in _sentence_drafts(t, 0, None, None)]
    [('国家级工业互联网平台', 3, 2024), ('省级工业互联网平台', 8, 2024)]
    """
    past_paths: list[tuple[str, ...]] = []  # sections that open with a review of the past (“十三五”时期…)
    ref_year = ctx.ref_date.year if ctx.ref_date else None
    blocks = ctx.blocks
    memo = years_memo(ctx)
    if blocks:  # one scan of the document each, not one search per paragraph
        text, lo, hi = ctx.clean.text, blocks[0].start, blocks[-1].end
        astral = rx.beyond_bmp(text[lo:hi])  # (the blocks are lines of it: looked at once for both below)
        qty_lines = line_ends(quantity_hint(text, astral), text, lo, hi)
        past_lines = line_ends(_PAST_RE, text, lo, hi)  # a past cue anywhere: no search of the line's parts otherwise
    for b in blocks:
        path = b.heading_path
        may_past = b.end in past_lines
        if path and may_past and _is_past(b.text[:60]) and not FUTURE_CUE.search(b.text):
            past_paths.append(path)
            continue
        if b.end not in qty_lines:
            continue
        qmatches = quantity_matches(b.text, astral)  # scanned once, used below too
        if not qmatches:
            continue
        if (_past_heading(path) or any(path[: len(p)] == p for p in past_paths)) and not FUTURE_CUE.search(b.text):
            continue  # 一、2022年工作回顾 / 发展基础 / a section opening with “十三五”时期: achievements
        yield from _sentence_drafts(b.text, b.start, b.section_id, _heading_year(path), ref_year, qmatches, memo,
                                    may_past)
    for table, parsed in parsed_tables(ctx):
        if parsed is None:
            # not an indicator table: its text cells may still hold target sentences
            for row in table.rows:
                for c in row:
                    if len(c.text) >= 12 and quantity_hint(c.text).search(c.text):  # a cell holds no line break
                        yield from _sentence_drafts(c.text, c.start, table.section_id, None)
            continue
        for t in parsed:
            yield Draft("target", t.start, t.end, t.fields(), t.rule, section_id=table.section_id,
                        sentence=(t.start, t.end))


def quantity_hint(text: str, astral: Optional[bool] = None) -> rx.LazyPattern:
    """The quantity hint for ``text``: the one that knows astral digits when ``text`` holds an
    astral character (``astral``: whether it may, when already known; ``None``: look).

    >>> quantity_hint("建成5个") is _QTY_HINT_LINE, quantity_hint("建成\U0001e4f5个") is _QTY_HINT_ASTRAL
    (True, True)
    """
    if astral is None:
        astral = rx.beyond_bmp(text)
    return _QTY_HINT_ASTRAL if astral else _QTY_HINT_LINE


def quantity_matches(text: str, astral: Optional[bool] = None) -> list:
    """``list(QUANTITY.finditer(text))``, QUANTITY tried only where :data:`_QTY_START` finds a
    place a match may start, and (as finditer) not before the end of the last match.

    ``astral``: whether ``text`` may hold a character beyond the BMP (``None``: look). Without
    one, QUANTITY's stdlib twin (:func:`~govdoc_extract.text.rx.bmp_twin`) finds the same
    matches, with the same group numbers, at about half the cost of a ``regex`` match.

    >>> [m.group() for m in quantity_matches("到2025年，培育3家以上、第5名、1,000万元")]
    ['3家以上', '1,000万元']
    """
    if astral is None:
        astral = rx.beyond_bmp(text)
    out = []
    match, end = (QUANTITY if astral else rx.bmp_twin(QUANTITY)).match, 0
    for c in _QTY_START.finditer(text):
        p = c.start()
        if p >= end and (m := match(text, p)) is not None:
            out.append(m)
            end = m.end()
    return out


def line_ends(pattern, text: str, lo: int, hi: int) -> set[int]:
    """End offsets of the lines of ``text[lo:hi]`` (``lo`` a line start) where ``pattern`` matches.

    One search per matching line: after a match the scan jumps to the next line. The pattern
    must not match a line break, so a line counts exactly when a search of it alone matches.

    >>> t = "一、总则\\n建成5个\\n另起"; sorted(line_ends(_QTY_HINT_LINE, t, 0, len(t)))
    [9]
    """
    out: set[int] = set()
    pos = lo
    while pos < hi:
        m = pattern.search(text, pos, hi)
        if m is None:
            break
        nl = text.find("\n", m.start(), hi)
        end = hi if nl < 0 else nl
        out.add(end)
        pos = end + 1
    return out


# ---------------------------------------------------------------- sentences


def _sentence_drafts(text: str, base: int, section_id: Optional[str], inherited: Optional[int],
                     ref_year: Optional[int] = None, qmatches: Optional[list] = None,
                     memo: Optional[dict] = None, may_past: bool = True) -> Iterator[Draft]:
    """Targets of one paragraph ``text`` starting at cleaned offset ``base``.

    ``qmatches``: the :data:`QUANTITY` matches in ``text``, when the caller has already looked;
    ``memo``: the document's year-marks memo (:func:`years_memo`); ``may_past``: False when the
    caller knows that ``text`` holds no past cue (:data:`_PAST_RE`), so no part of it does either.
    A quantity never crosses a sentence end, and a sentence starts after 。！？ (which the
    pattern's look-behind ignores), so the matches inside a sentence are the ones a scan of
    the sentence alone finds: each sentence reuses them (unless a line break could join two).
    """
    if qmatches is None:
        qmatches = quantity_matches(text)
    if not qmatches:
        return
    reuse = "\n" not in text
    block_past = may_past and _is_past(text[:80]) and not FUTURE_CUE.search(text)
    if block_past:
        return
    all_years = paragraph_years(text, memo)  # once per paragraph; sliced per sentence below
    rel = ref_year is not None and ref_year != 0 and _REL_YEAR.search(text) is not None
    if all_years or rel:
        sentences = _dated_sentences(text, qmatches, all_years, rel, ref_year, inherited)
    else:  # no year in the paragraph: every sentence has the inherited one
        sentences = ((s, e, [], inherited, inside) for s, e, inside in _quantity_sentences(text, qmatches))
    for s, e, years, para_year, inside in sentences:
        sent = text[s:e]
        if (may_past and _is_past(sent)) or SKIP_SENTENCE.search(sent):
            continue
        if ref_year and years and all(y is not None and y < ref_year for _, y in years) \
                and not FUTURE_CUE.search(sent):
            continue  # 2020年东湖高新区地区生产总值…: a fact of a past year
        # a commitment: a goal word, a due year of the paragraph, or a bound on the number itself
        cued = para_year is not None or _GOAL_RE.search(sent) is not None
        yield from _targets_in_sentence(sent, base + s, section_id, years, para_year if not years else None,
                                        para_year, cued, (inside, s) if reuse else None)


def _dated_sentences(text: str, qmatches: list, all_years: list, rel: bool, ref_year: Optional[int],
                     inherited: Optional[int]) -> Iterator[tuple[int, int, list, Optional[int], list]]:
    """``(start, end, year marks, paragraph year, matches)`` of the sentences of ``text`` holding
    a match, walking every sentence: the paragraph year is the last due year of the sentences so far."""
    para_year = inherited
    yi = qi = 0
    for sm in _SENT_SPLIT.finditer(text):
        s, e = sm.span()
        years = []
        while yi < len(all_years) and all_years[yi][0] < e:
            years.append((all_years[yi][0] - s, all_years[yi][1]))
            yi += 1
        if not years and rel:
            rm = _REL_YEAR.search(text, s, e)  # 今年/年内 → the document's year; 明年 → the next
            if rm and ref_year is not None:  # (rel: it is)
                years = [(rm.start() - s, ref_year + (1 if rm.group() == "明年" else 0))]
        if years:
            last = years[-1][1]
            if last is not None:
                para_year = last
        # the matches are in text order and the sentences tile the text: walk both once
        while qi < len(qmatches) and qmatches[qi].start() < s:
            qi += 1
        qj = qi
        while qj < len(qmatches) and qmatches[qj].start() < e:
            qj += 1
        if qj == qi:
            continue
        inside, qi = qmatches[qi:qj], qj
        yield s, e, years, para_year, inside


def _quantity_sentences(text: str, qmatches: list) -> Iterator[tuple[int, int, list]]:
    """``(start, end, matches)`` of the sentences of ``text`` holding a match, as :data:`_SENT_SPLIT`
    cuts them, found around the matches (a quantity starts with a numeral, never a sentence end).

    >>> t = "总则。建成5个，新增3家。。无。培育2家"
    >>> [(t[s:e], len(q)) for s, e, q in _quantity_sentences(t, list(QUANTITY.finditer(t)))]
    [('建成5个，新增3家。', 2), ('培育2家', 1)]
    """
    i, n, floor = 0, len(qmatches), 0
    while i < n:
        p = qmatches[i].start()
        b = _SENT_END_BACK.search(text, floor, p)  # the last sentence end before p, not before the last sentence
        s = b.end() if b else floor
        f = _SENT_END.search(text, p)
        e = len(text) if f is None else f.start() + (text[f.start()] != "\n")  # a line break stays out
        j = i + 1
        while j < n and qmatches[j].start() < e:
            j += 1
        yield s, e, qmatches[i:j]
        i, floor = j, e


def _targets_in_sentence(sent: str, base: int, section_id, years, fallback_year, para_year,
                         cued: bool = True, found: Optional[tuple[list, int]] = None) -> Iterator[Draft]:
    prev: Optional[tuple[_Qty, str, Optional[str], int]] = None  # last target: qty, indicator, scope, end
    for q in _quantities(sent, found):
        if not cued and prev is None and q.comparator in ("=", "range"):
            # no goal word, no due year, no bound (and no list to take one from): the test
            # made on the indicator below fails whatever it is; made first, it spares the reading
            continue
        unit = q.unit
        # ---- which quantities can be targets
        clause_start = _clause_start(sent, q.start)
        clause = sent[clause_start:_clause_end(sent, q.end)]
        if unit in ("%", "‰") and RULE_CUES.search(clause):
            prev = None
            continue
        if RULE_MODAL.search(clause) and not FUTURE_CUE.search(sent):
            prev = None
            continue
        if unit.endswith("元"):
            if RULE_CUES.search(clause) or not MONEY_GOAL.search(sent[max(clause_start, q.start - 12):q.start]):
                continue
        if unit == "岁" and "寿命" not in clause:
            continue
        # ---- indicator: after the quantity, else before it
        am = _AFTER.match(sent, q.end)
        after = am.group(0) if am else ""
        nxt = sent[q.end + len(after):q.end + len(after) + 1]
        if nxt.isdigit() and "、" in after:
            after = after[: after.rindex("、")]  # 3个重大科技基础设施、获批4个…: the list goes on
        first = after[:1]  # (the patterns below are tried only where their first character stands)
        if unit not in ("%", "‰") and first == "的" or first in _AFTER_RULE_FIRSTS and AFTER_RULE.match(after):
            continue  # 超过5万人的乡镇, 不低于80平方米的标准: a condition or a standard, not a goal
        if unit in ("%", "‰") and first in _AFTER_MONEY_FIRSTS and AFTER_MONEY.match(after):
            continue  # 应付工程款30%金额: a share of a payment (a ratio)
        after_clean = _clean_after(after) if after else ""
        if after_clean in AFTER_NOISE:
            after_clean = ""
        between_start = prev[3] if prev is not None and prev[3] > clause_start else clause_start
        before = sent[between_start:q.start]
        enum = prev is not None and _LIST_SEP.fullmatch(before) is not None
        indicator: Optional[str]
        ind_start, ind_end = q.start, q.end
        scope = None
        if len(after_clean) >= 2 and not _is_rate_word(after_clean) or (len(after_clean) >= 2 and unit in ("%", "‰")):
            indicator = after_clean
            off = after.find(after_clean)
            ind_end = q.end + off + len(after_clean)
            scope = _scope(before)
        elif enum and prev is not None:
            # 不低于90%、80%、60%: the list shares the first value's indicator and comparator
            indicator, scope = prev[1], None
            if q.pre is None and q.comparator == "=" and prev[0].comparator != "range":
                q.comparator = prev[0].comparator
        else:
            indicator, scope, ind_start = _before_indicator(sent, between_start, q.start)
            if scope and prev is not None and indicator == scope and len(scope) <= 10 and not _is_rate_word(scope):
                indicator = scope + prev[1]  # （其中市人民医院不低于8人）: a part of the previous target
        if unit not in ("%", "‰") and _is_rate_word(indicator or "") and not after_clean:
            continue  # 10万人生产安全事故死亡率: a denominator, not a count
        if unit not in ("%", "‰") and after_clean and _is_rate_word(_AND_SPLIT.split(after_clean)[0]):
            continue
        if not indicator or not (cued or q.comparator not in ("=", "range")):
            continue
        if q.pre == "不足" or _may_open(clause, _CONDITION_FIRSTS) and CONDITION.match(clause):
            continue  # 当储备金余额不足…的30%, 不足50%的城区: a condition, not a goal
        year = _year_before(years, q.start) or fallback_year
        if year is None and not years:
            year = para_year
        cumulative = "累计" in sent[clause_start:q.start]
        value_norm, base_unit = normalize(q.value, unit) if unit in UNITS else (None, None)
        fields = {
            "indicator": indicator, "value": q.value, "value_max": q.value_max, "unit": unit.replace("％", "%"),
            "value_normalized": value_norm, "unit_base": base_unit, "comparator": q.comparator, "year": year,
            "baseline": None, "cumulative": cumulative, "binding": None, "scope": scope,
        }
        rule = "target.sentence." + ("after" if ind_end > q.end else "enum" if enum else "before")
        yield Draft("target", base + min(ind_start, q.start), base + max(ind_end, q.end), fields, rule,
                    section_id=section_id, sentence=(base, base + len(sent)))
        prev = (q, indicator, scope, q.end)


def _quantities(sent: str, found: Optional[tuple[list, int]] = None) -> Iterator[_Qty]:
    """Quantities of ``sent``; ``found``: its :data:`QUANTITY` matches already made in the
    paragraph, with the sentence's offset there."""
    matches, off = found if found is not None else (quantity_matches(sent), 0)
    i_num, i_num2, i_unit, i_suf = rx.group_numbers(QUANTITY, ("num", "num2", "unit", "suf"))
    for m in matches:
        num, num2, unit, suf = m.group(i_num, i_num2, i_unit, i_suf)
        ns = m.start(i_num) - off
        if num[0] not in "0123456789":
            # Chinese numerals: not in quotes (“四个意识”), not 一 (一张网, 一件事)
            if ns > 0 and sent[ns - 1] in "“\"‘「『":
                continue
            if sent[m.end(i_unit) - off:m.end(i_unit) - off + 1] in "”\"’」』":
                continue
        if ns > 0 and sent[ns - 1] in "等" and unit in ("名", "人", "位"):
            continue  # 张涛等22名: a count of people already named
        if len(num) > 1 and num[0] == "0" and num[1].isdigit():
            continue  # 01 人社大数据应用平台: a list number
        value = _arabic(num) if num[0] in "0123456789" else parse_number(num)
        if value is None:
            continue
        if num[0] not in "0123456789":
            # 三项制度, 八项规定, 两个维护: numerals in fixed phrases; counts in 公文 are Arabic (GB/T 15835)
            if value == 1 or cn_to_int(num) is None or not (pre_before(sent, ns) or suf):
                continue
        vmax = parse_number(num2) if num2 else None
        if num2 and vmax is None:
            continue
        pm = pre_before(sent, ns)
        pre = pm.group(0).strip() if pm else None
        start = pm.start() if pm else ns
        suf = (suf or "").strip() or None
        if vmax is not None:
            if vmax <= value:
                continue
            comp = "range"
        else:
            comp = combine(None if pre is None else EXTRA_PREFIX.get(pre, pre), suf)
            if comp == "=" and not pre:
                far = far_bound(sent[max(0, start - 24):start])
                if far:
                    comp = combine(far, None)
        yield _Qty(start, m.end() - off, value, vmax, unit, comp, pre, ns)


def _arabic(s: str) -> Optional[Number]:
    """Fast path for plain Arabic numbers (the common case); the shared parser for the rest.

    >>> _arabic("12"), _arabic("2.6"), _arabic("1,000")
    (12, 2.6, 1000)
    """
    if s.isdigit():
        # a run of thousands of digits is noise, not a quantity (and int() refuses > 4300 digits)
        return int(s) if len(s) <= MAX_DIGITS else None
    return parse_number(s)


def pre_before(text: str, pos: int):
    """The :data:`_PRE_BEFORE` match (a bound word, then spaces) ending at ``pos``, within 8
    characters; ``None`` without a call when the character before ``pos`` can end none.

    >>> pre_before("不低于 90%", 4).group(), pre_before("达到90%", 2)
    ('不低于 ', None)
    """
    if not pos:
        return None
    c, lo = text[pos - 1], max(0, pos - 8)
    # without spaces before pos (str.isspace holds for every \s of regex), a word must end at
    # pos: a set look-up, then one C-level test of all the words, cheaper than the search, which
    # is made only to give the match (达到33.3%: 到 ends 降低到 and 下降到, but neither is there)
    if not c.isspace() and (c not in _PRE_LASTS or not text.endswith(_PRE_TUPLE, lo, pos)):
        return None
    return _PRE_BEFORE.search(text, lo, pos)


def _may_open(s: str, firsts: str) -> bool:
    """Whether ``s`` may match an anchored pattern (CONDITION, HEAD_STRIP) whose matches start
    with a space or one of ``firsts``: its first character is one of those (str.isspace holds
    for every ``\\s`` of regex). Most texts fail this test, and it costs a fifth of a match.

    >>> _may_open("如遇", "如若"), _may_open(" 若", "如若"), _may_open("达到", "如若"), _may_open("", "如若")
    (True, True, False, False)
    """
    c = s[:1]
    return c != "" and (c in firsts or c.isspace())


def _clause_start(sent: str, pos: int) -> int:
    """Start of the clause holding ``pos``; a closed （…） before it belongs to the clause.

    >>> s = "到2025年，各县（市、区）平均20个以上"; s[_clause_start(s, 14):]
    '各县（市、区）平均20个以上'
    """
    floor = max(0, pos - _MAX_CLAUSE)  # bounded: a run-on list of 20000 values stays linear
    # the nearest bound or closing bracket before pos, found by one match: a bound ends the
    # walk below at once, so only a closing bracket needs the walk
    m = _CLAUSE_BACK.match(sent, floor, pos)
    if m is None:
        return floor
    if sent[m.end() - 1] not in "）)":
        return m.end()
    i = pos - 1
    depth = 0
    while i >= floor:
        ch = sent[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(" and depth:
            depth -= 1
        elif depth == 0 and ch in _CLAUSE_BOUND:
            break
        elif depth and ch in "。；;\n":
            break
        i -= 1
    return i + 1


def far_bound(before: str) -> Optional[str]:
    """The bound word of a noun phrase ending in 的 right before a number, else None.

    >>> far_bound("不低于医院年支出总额的"), far_bound("医院年支出总额")
    ('不低于', None)
    """
    if "的" not in before:  # every match ends in 的
        return None
    m = _FAR_PREFIX.search(before)
    return m.group(1) if m else None


def _clause_end(sent: str, pos: int) -> int:
    """The first clause bound at or after ``pos`` (within _MAX_CLAUSE), else that limit.

    >>> _clause_end("达到38.5%以上。另起", 2)
    9
    """
    stop = min(len(sent), pos + _MAX_CLAUSE)
    m = _CLAUSE_FWD.search(sent, pos, stop)
    return m.start() if m else max(pos, stop)


_CLAUSE_FWD = rx.compile_std("[" + re.escape(_CLAUSE_BOUND) + "]")  # a clause bound, searched forwards


def _clean_after(s: str) -> str:
    """Indicator written after the quantity: drop a leading 的 and trailing link words.

    >>> _clean_after("国家级工业互联网平台、"), _clean_after("的基层医疗卫生机构开展安宁疗护服务")
    ('国家级工业互联网平台', '基层医疗卫生机构开展安宁疗护服务')
    """
    s = s.strip()
    if s[:1] in _AFTER_HEAD_FIRSTS:  # (as the patterns need: most texts hold no such word)
        s = _AFTER_HEAD.sub("", s)
    if s[-1:] in _AFTER_TAIL_LASTS:
        s = _AFTER_TAIL.sub("", s)
    return s.strip()


def _before_indicator(sent: str, start: int, end: int) -> tuple[Optional[str], Optional[str], int]:
    """Indicator written before the quantity, its scope, and where it starts.

    >>> _before_indicator("全市城镇新增就业110万人以上", 0, 8)[0]
    '全市城镇新增就业'
    >>> _before_indicator("（其中市人民医院不低于8人）", 1, 11)[:2]
    ('市人民医院', '市人民医院')
    """
    raw = sent[start:end]
    # a match ends the text: it starts at most _PREFIX_MAX characters before its trailing
    # spaces (\s of the pattern is whitespace to str.rstrip too), so the search starts there
    # (each pattern below is tried only where a character it needs stands: most texts have none)
    kept = raw.rstrip()
    m = _PREFIX_END.search(raw, max(0, len(kept) - _PREFIX_MAX)) if kept[-1:] in _PREFIX_LASTS else None
    if m:
        raw = raw[:m.start()]
    is_part = "其中" in raw and _PART.match(raw) is not None
    head = HEAD_STRIP.match(raw) if _may_open(raw, _HEAD_FIRSTS) else None
    off = head.end() if head else 0
    s = raw[off:]
    changed = s.endswith(VERB_TAIL)  # one C-level test spares the loop when no tail is there
    while changed and s:
        changed = False
        for w in VERB_TAIL:
            if s.endswith(w) and len(s) > len(w):
                s = s[: -len(w)]
                changed = True
    s = s.strip(" 、，,")
    if len(s) < 2:
        return None, None, end
    scope = s if is_part and _BODY.search(s) else _scope(s)
    return s, scope, start + off


_SCOPE = rx.compile(
    r"(?:每个|每家|每所|各)(?:[^，、\s（(]{1,10}(?:（[^）]{1,8}）|\([^)]{1,8}\))"
    r"|[^，、\s]{0,10}(?:县市|县|市|区|医院|学校|乡镇|街道|社区|村|单位|园区))"
    r"|^县[（(]市、区[）)]"
)


def _scope(s: str) -> Optional[str]:
    """Region or body a target applies to (每个县级中医医院, 各县（市、区）).

    >>> _scope("支持每个县级中医医院建设"), _scope("各县（市、区）至少有"), _scope("全市")
    ('每个县级中医医院', '各县（市、区）', None)
    """
    if "每" not in s and "各" not in s and not s.startswith("县"):  # every match holds one
        return None
    m = _SCOPE.search(s)
    return m.group(0) if m else None


def _is_rate_word(s: str) -> bool:
    """Whether ``s`` ends in a rate word.

    >>> _is_rate_word("城镇化率"), _is_rate_word("比例尺寸")
    (True, False)
    """
    return s.endswith(_RATE_WORDS)


def _is_past(s: str) -> bool:
    return _PAST_RE.search(s) is not None


def year_marks(sent: str) -> Iterator[tuple[int, Optional[int]]]:
    """(offset, due year) of each year expression in ``sent``; ``None`` for past ones (截至2020年底).

    >>> list(year_marks("“十四五”期间，到2025年，截至2020年底，2022—2024年"))
    [(0, 2025), (9, 2025), (15, None), (24, 2024)]
    >>> list(year_marks("PM2.5平均浓度比2015年下降43.3%"))
    [(9, None)]
    >>> list(year_marks("到二〇三五年"))
    [(1, 2035)]
    """
    g = _YEAR_GATE.search(sent)
    if g is None:  # most paragraphs name no year: one cheap scan says so
        return
    idx = rx.group_numbers(_YEAR_PHRASES, ("fyp", "plan", "cny", "past3", "y2", "past", "past2", "y"))
    search, gate = _YEAR_PHRASES.search, _YEAR_GATE.search
    end = 0
    while g is not None:
        # the full pattern scans only from where the next match can start (see _year_scan_from):
        # it costs many times what the gate costs per character of text without a year
        m = search(sent, _year_scan_from(sent, g.start(), end))
        if m is None:
            return
        end = m.end()  # (a match is never empty: the next one starts at its end or later, as in finditer)
        g = gate(sent, end)
        fyp, plan, cny, past3, y2, past, past2, y = m.group(*idx)
        if fyp:
            yield m.start(), None if plan == "十三五" else PLAN_END[plan]
        elif cny:
            yield m.start(), None if past3 else cn_to_int(cny)
        elif y2:
            if past or (year := to_int(y2)) is not None:  # (digits this Python cannot read: no mark)
                yield m.start(), None if past else year
        elif past2 or (year := to_int(y)) is not None:
            yield m.start(), None if past2 else year


def _year_scan_from(sent: str, token: int, floor: int) -> int:
    """Where a scan for the first :data:`_YEAR_PHRASES` match at or after ``floor`` may start,
    ``token`` being the first :data:`_YEAR_GATE` match there: every match holds such a token,
    and before its first one only a lead word (截至, 相比, a quote: three characters at most)
    and spaces. None of those is a token's first character (1, 2, 十, 二), so no match starts
    before that lead of ``token`` (str.isspace holds for every ``\\s`` of regex).

    >>> t = "截至  2020年"; t[_year_scan_from(t, 4, 0):]
    '截至  2020年'
    """
    i = token
    while i > floor and sent[i - 1].isspace():
        i -= 1
    return max(floor, i - 3)


def paragraph_years(text: str, memo: Optional[dict] = None) -> list[tuple[int, Optional[int]]]:
    """``list(year_marks(text))``, kept in ``memo`` (a document's ``Context.shared`` entry):
    targets and ratios read the same paragraphs.

    >>> memo = {}
    >>> paragraph_years("到2025年，建成5个", memo) is paragraph_years("到2025年，建成5个", memo)
    True
    """
    if memo is None:
        return list(year_marks(text))
    marks = memo.get(text)
    if marks is None:
        marks = memo[text] = list(year_marks(text))
    return marks


def years_memo(ctx: Context) -> dict:
    """The paragraph → year marks memo of the document (see :func:`paragraph_years`)."""
    return ctx.shared.setdefault("paragraph_years", {})


def _year_before(years, pos: int) -> Optional[int]:
    best = None
    for off, y in years:
        if off < pos and y is not None:  # 到2025年…比2020年下降: the comparison base is not the due year
            best = y
    return best


@lru_cache(maxsize=1024)
def _past_heading(path: tuple[str, ...]) -> bool:
    """Whether a heading of the path announces a review of the past.

    >>> _past_heading(("政府工作报告", "过去五年工作回顾")), _past_heading(("主要目标",))
    (True, False)
    """
    return any(PAST_HEADING.search(h or "") for h in path)


@lru_cache(maxsize=1024)
def _heading_year(path: tuple[str, ...]) -> Optional[int]:
    for h in reversed(path or ()):
        for _, y in year_marks(h or ""):
            if y:
                return y
    return None


# ---------------------------------------------------------------- tables


@dataclass(slots=True)
class TableTarget:
    """One target read from an indicator table row (cleaned offsets of the row)."""

    start: int
    end: int
    indicator: str
    value: Number
    value_max: Optional[Number]
    unit: Optional[str]
    comparator: str
    year: Optional[int]
    baseline: Optional[dict]
    cumulative: bool
    binding: Optional[str]
    scope: Optional[str]
    rule: str = "target.table"

    def fields(self) -> dict:
        vn, ub = normalize(self.value, self.unit) if self.unit in UNITS else (None, None)
        return {
            "indicator": self.indicator, "value": self.value, "value_max": self.value_max, "unit": self.unit,
            "value_normalized": vn, "unit_base": ub, "comparator": self.comparator, "year": self.year,
            "baseline": self.baseline, "cumulative": self.cumulative, "binding": self.binding, "scope": self.scope,
        }


_YEAR_HEAD = rx.compile(
    r"\s*((?:19|20)\d{2})\s*年?\s*(?:年末|年底)?\s*[（(]?\s*"
    r"(基数|基期水平|基期值|基期|实际值|实际|完成值|完成数|现状值|现状|目标值|规划值|规划目标|目标|预期值|预期|预计|计划|值)?"
    r"\s*[)）]?\s*"
)
_BASE_WORDS = ("基数", "基期", "实际", "完成", "现状")
# What a whole header cell can be: a set, as every cell of every row is looked up.
HEADER_WORDS: frozenset[str] = frozenset({
    "序号", "类别", "类型", "领域", "指标", "指标名称", "项目", "名称", "单位", "计量单位", "属性", "指标属性", "指标性质", "性质",
    "目标值", "规划目标", "规划目标值", "基期值", "基数", "现状值", "预期目标",
    "县市区", "县（市、区）", "县(市、区)", "地区", "区域", "行政区", "责任单位", "牵头单位", "备注",
})
_BINDING_HEAD = rx.compile(r"属性|性质")
_UNIT_HEAD = rx.compile(r"^(?:计量)?单位$")
_NAME_HEAD = rx.compile(r"^(?:指标|指标名称|项目|名称|主要指标)$")
_SCOPE_HEAD = rx.compile(r"^(?:县市区|县（市、区）|县\(市、区\)|地区|区域|行政区|单位|县市)$")
_PAST_TABLE = rx.compile(r"完成数|完成情况")
_TARGET_HEAD = rx.compile(r"^(?:目标值|规划目标值?|目标|预期目标|期末值|规划值|预期值)$")
_BASE_HEAD = rx.compile(r"^(?:基期值|基数|基期|基期水平|现状值|现状|基准值|基准年)$")
_CUMUL_HEAD = rx.compile(r"累计")
# Units seen only in indicator-table names: durations, ages, compound rates (元/人, 1/10万).
TABLE_UNITS: frozenset[str] = frozenset({"年", "天", "岁", "小时", "分钟", "百分点", "个百分点", "‱"})
_COMPOUND_UNIT = rx.compile(r"(?:\d{0,2}/\d*[万千]|[^\s/（）()\d]{1,4}/[^\s/（）()]{1,4}|%|‰)")
_PAREN_YEAR = rx.compile(r"[（(]\s*20\d{2}\s*年")
_PAREN_TAIL = rx.compile(r"[（(]\s*([^（）()]*)[)）]\s*$")
_PAREN_YEAR_GROUP = rx.compile(r"[（(]\s*(20\d{2}\s*年[^（）()]*)[)）]")  # the bracket _PAREN_YEAR found, closed
_CELL_VALUE = rx.compile(
    rf"""^\s*(?P<pre>{alternation(['≥', '≤', '>=', '<=', '>', '<', '＞', '＜', '≧', '≦', '不低于', '不高于', '不超过', '不少于', '低于', '高于', '超过'])})?\s*
    (?P<open>[\[〔【［])?\s*(?P<pre2>[≥≤><＞＜])?\s*
    (?P<num>{ARABIC})(?:\s*[-—–~～]\s*(?P<num2>{ARABIC}))?\s*(?P<pct>[%％‰])?\s*
    (?P<close>[\]〕】］])?\s*(?P<suf>以上|以下|以内|左右)?\s*$""",
    regex.VERBOSE,
)
_UNIT_PAREN = rx.compile(r"[（(]\s*([^（）()]{1,8})\s*[)）]\s*$")
_LEAD_NUM = rx.compile(r"^\s*(?:其中[:：]?)?\s*(?:\d{1,3}\s*[.、．]\s*(?!\d))?")


def tables_of(ctx: Context) -> list[Table]:
    """The document's tables: ``ctx.tables`` from the section builder, plus runs of ``\\t`` lines it did not cover."""
    if not ctx.tables:
        return _tab_runs(ctx, [])
    covered = [(t.rows[0][0].start, t.rows[-1][-1].end) for t in ctx.tables if t.rows and t.rows[0] and t.rows[-1]]
    return list(ctx.tables) + _tab_runs(ctx, covered)


def parsed_tables(ctx: Context) -> list[tuple[Table, Optional[list["TableTarget"]]]]:
    """``(table, parse_table(table))`` for each of :func:`tables_of`, computed once per document
    (targets and ratios both read the indicator tables, and parsing them is costly)."""
    parsed = ctx.shared.get("parsed_tables")
    if parsed is None:
        parsed = ctx.shared["parsed_tables"] = [(t, parse_table(t)) for t in tables_of(ctx)]
    return parsed


def _tab_runs(ctx: Context, covered: list[tuple[int, int]]) -> list[Table]:
    """Tables of the runs of ``\\t`` lines, but those overlapping a ``covered`` range (cells made only for the rest)."""
    text = ctx.clean.text
    doc = ctx.document
    out: list[Table] = []
    rows: list[tuple[int, str]] = []  # (offset, line) of the run's rows
    pending_gap = 0
    pos = doc.start
    while pos < doc.end:
        if not rows:  # outside a table only a line with a tab matters: jump to the next one
            tab = text.find("\t", pos, doc.end)
            if tab < 0:
                break
            nl = text.rfind("\n", pos, tab)
            if nl >= 0:
                pos = nl + 1
        nl = text.find("\n", pos, doc.end)
        end = doc.end if nl < 0 else nl
        line = text[pos:end]
        if "\t" in line:
            rows.append((pos, line))
            pending_gap = 0
        elif rows:
            # a short line inside a table (一、就业 category row, a repeated caption) does not end it
            if line.strip() and (len(line) > 20 or "。" in line or pending_gap >= 1):
                _add_run(out, rows, covered)
                rows = []
            elif line.strip():
                pending_gap += 1
        pos = end + 1
    if rows:
        _add_run(out, rows, covered)
    return out


def _add_run(out: list[Table], rows: list[tuple[int, str]], covered: list[tuple[int, int]]) -> None:
    """Append the table of a run of rows unless the section builder's tables already cover it."""
    if covered:
        first, last = _first_cell_start(*rows[0]), _last_cell_end(*rows[-1])
        if any(s < last and first < e for s, e in covered):
            return
    out.append(Table(section_id=None, rows=tuple(_cells(line, pos) for pos, line in rows)))


def _first_cell_start(pos: int, line: str) -> int:
    """``_cells(line, pos)[0].start`` without making the cells.

    >>> all(_first_cell_start(5, t) == _cells(t, 5)[0].start for t in ("\\t a\\tb", "a\\t", "\\t\\t", " \\t x "))
    True
    """
    lead = len(line) - len(line.lstrip())  # the tabs between cells are white space too
    if lead < len(line):
        return pos + lead
    return pos + line.rfind("\t") + 1  # all cells empty: the last one is kept


def _last_cell_end(pos: int, line: str) -> int:
    """``_cells(line, pos)[-1].end`` without making the cells.

    >>> all(_last_cell_end(5, t) == _cells(t, 5)[-1].end for t in ("\\t a\\tb", "a\\t", "\\t\\t", " \\t x "))
    True
    """
    j = line.rfind("\t") + 1
    part = line[j:]
    s = part.strip()
    return pos + j + (part.find(s) + len(s) if s else 0)


def _cells(line: str, pos: int) -> tuple[Cell, ...]:
    cells = []
    i = 0
    for part in line.split("\t"):
        s = part.strip()
        off = part.find(s) if s else 0
        cells.append(Cell(text=s, start=pos + i + off, end=pos + i + off + len(s)))
        i += len(part) + 1
    # a leading empty cell is a merged category cell of the PDF layout
    while cells and not cells[0].text and len(cells) > 1:
        cells.pop(0)
    return tuple(cells)


@dataclass(slots=True)
class _Col:
    year: Optional[int] = None
    base: bool = False
    indicator: Optional[str] = None
    unit: Optional[str] = None
    role: str = "other"  # value | name | unit | binding | index | scope | other
    cumulative: bool = False  # a 累计 column
    marked: bool = False  # base/target role given by the header word (目标值, 基期值), not by the year


def parse_table(table: Table) -> Optional[list[TableTarget]]:
    """Targets of an indicator table; ``None`` when the table is not one (task lists, name lists).

    >>> from govdoc_extract.segment.types import Cell
    >>> def row(s, at=0): return tuple(Cell(c, at, at + len(c)) for c in s.split("\\t"))
    >>> t = Table(None, (row("类别\\t指标\\t2020年\\t2025年目标值"), row("婴儿死亡率(%)\\t1.54\\t≤5", 30)))
    >>> [(x.indicator, x.value, x.unit, x.comparator, x.year, x.baseline) for x in parse_table(t)]
    [('婴儿死亡率', 5, '%', '<=', 2025, {'year': 2020, 'value': 1.54})]
    """
    rows = [r for r in table.rows if any(c.text for c in r)]
    hi = next((i for i, r in enumerate(rows[:4]) if _is_header(r)), None)
    if hi is None:
        return None
    if hi >= 1 and _is_years_row(rows[hi]):
        hi -= 1  # a names row (工业互联网平台(家) …) above the years row
    header = rows[hi]
    if any(_PAST_TABLE.search(c.text) for c in header) or (table.caption and _PAST_TABLE.search(table.caption)):
        return []
    table_year = _heading_year(tuple(table.heading_path or ()) + ((table.caption or ""),))
    cols, width, data_from = _columns(rows, hi, table_year)
    if cols is None:
        return None
    out: list[TableTarget] = []
    breakdown = any(c.indicator for c in cols if c.role == "value")
    header_texts = [c.text for c in header]
    # the columns of the row's name, unit and 约束性/预期性 (the same for every row)
    name_i = next((j for j, c in enumerate(cols) if c.role == "name"), None)
    unit_i = next((j for j, c in enumerate(cols) if c.role == "unit"), None)
    bind_i = next((j for j, c in enumerate(cols) if c.role == "binding"), None)
    for r in rows[data_from:]:
        texts = [c.text for c in r]
        if texts == header_texts or _is_header(r):
            continue
        aligned = _align(r, width, cols)
        if aligned is None:
            continue
        start, end = r[0].start, r[-1].end
        if breakdown:
            scope_cell = aligned[0]
            scope = scope_cell.text if scope_cell is not None else None
            if not scope or parse_number(scope) is not None:
                continue
            out.extend(_breakdown_row(aligned, cols, scope, start, end))
            continue
        name_cell = aligned[name_i] if name_i is not None else None
        if name_cell is None or not name_cell.text:
            continue
        name, unit = _split_unit(name_cell.text)
        if unit is None and unit_i is not None and aligned[unit_i] is not None and aligned[unit_i].text:
            u = aligned[unit_i].text
            unit = u if u not in ("—", "-", "--") else None
        binding = None
        if bind_i is not None and aligned[bind_i] is not None and aligned[bind_i].text in ("约束性", "预期性"):
            binding = aligned[bind_i].text
        baseline = _baseline(aligned, cols)
        for c, (value, vmax, comp, cum, pct) in _target_cells(aligned, cols):
            u = unit or pct
            out.append(TableTarget(start, end, name, value, vmax, u, comp, c.year, baseline, cum or c.cumulative,
                                   binding, None))
    return out


def _is_header(r) -> bool:
    """Whether a row is a header: three header words, or a year cell with a header word or another year cell.

    Every data row is asked too, so one pass sorts the cells: a set look-up for the words
    (a word cell holds no 19/20), and only cells holding a 19/20 kept for the year patterns.
    """
    words = 0
    maybe_years: list[str] = []
    for c in r:
        t = c.text
        if t.removesuffix("\n") in HEADER_WORDS:  # (a cell is a whole word, as for an anchored ^…$)
            words += 1
        elif "20" in t or "19" in t:  # both year patterns need a 19xx/20xx
            maybe_years.append(t)
    if words >= 3:
        return True
    if not maybe_years or (words == 0 and len(maybe_years) < 2):
        return False
    # each distinct text looked at once, with its count: wide rows repeat their cells
    counted = Counter(maybe_years).items() if len(maybe_years) > 16 else [(t, 1) for t in maybe_years]
    years = sum(n for t, n in counted if _YEAR_HEAD.fullmatch(t.strip("()（）")) or _PAREN_YEAR.search(t))
    return years >= 1 and (words >= 1 or years >= 2)


def _year_texts(r) -> list[str]:
    """A row's cell texts without its trailing blank cells (a converted row often ends in a tab)."""
    texts = [c.text for c in r]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _is_years_row(r) -> bool:
    """Two or more year cells and nothing else: a blank between them leaves the columns unknown.

    >>> from govdoc_extract.segment.types import Cell
    >>> def row(s): return tuple(Cell(c, 0, len(c)) for c in s.split("\\t"))
    >>> _is_years_row(row("2022年\\t2023年\\t")), _is_years_row(row("2022年\\t\\t2023年"))
    (True, False)
    """
    texts = _year_texts(r)
    return len(texts) >= 2 and all(t and _YEAR_HEAD.fullmatch(t) for t in texts)


def _columns(rows, hi, table_year: Optional[int] = None):
    """Column specs of a header (one row, or a names row followed by a years row)."""
    header = rows[hi]
    texts = [c.text for c in header]
    years_row = rows[hi + 1] if hi + 1 < len(rows) else None
    two_rows = years_row is not None and _is_years_row(years_row)
    if two_rows and years_row is not None:
        read = [_year_of(t) for t in _year_texts(years_row)]
        years = [y for y in read if y is not None]
        if len(years) != len(read):
            return None, 0, 0
        names = [t for t in texts[1:] if t]
        runs: list[list[int]] = []
        for i, (y, _b) in enumerate(years):
            if not runs or y <= years[runs[-1][-1]][0]:
                runs.append([i])
            else:
                runs[-1].append(i)
        if len(runs) != len(names):
            return None, 0, 0
        width = len(years) + 1
        cols = [_Col(role="scope")]
        for run, name in zip(runs, names):
            ind, unit = _split_unit(name)
            bases = _base_flags([years[i] for i in run])
            for k, i in enumerate(run):
                cols.append(_Col(year=years[i][0], base=bases[k], indicator=ind, unit=unit, role="value"))
        return cols, width, hi + 2
    cols = []
    seen: dict[str, dict] = {}  # header text → its column spec (wide tables repeat 2025年 …)
    for t in texts:
        spec = seen.get(t)
        if spec is None:
            spec = seen[t] = _col_spec(t, table_year)
        cols.append(_Col(**spec))
    values = [c for c in cols if c.role == "value"]
    if not values:
        return None, 0, 0
    plain = [c for c in values if not c.marked and not c.cumulative and c.year is not None]
    flags = _base_flags([(c.year, c.base) for c in plain if c.year is not None])  # (all of plain)
    goals = [c.year or 9999 for c in values if (c.marked and not c.base) or c.cumulative]
    if len(plain) == 1 and goals and (plain[0].year or 0) < min(goals):  # (plain years are never None)
        flags = [True]  # 2020年 next to “十四五”累计 / 目标值: the base year
    for c, f in zip(plain, flags):
        c.base = f
    if not any(c.role == "name" for c in cols) and not any(c.indicator for c in values):
        # no 指标 column: the text column before the first year column holds the names
        first = next(j for j, c in enumerate(cols) if c.role == "value")
        if first >= 1 and cols[first - 1].role == "other":
            cols[first - 1].role = "name"
        else:
            return None, 0, 0
    return cols, len(cols), hi + 1


def _col_spec(t: str, table_year: Optional[int]) -> dict:
    """Fields of the :class:`_Col` of a one-row header cell ``t``."""
    if _NAME_HEAD.match(t):
        return {"role": "name"}
    if _UNIT_HEAD.match(t):
        return {"role": "unit"}
    if _BINDING_HEAD.search(t) and len(t) <= 5:
        return {"role": "binding"}
    if t in ("序号",):
        return {"role": "index"}
    if _SCOPE_HEAD.match(t):
        return {"role": "scope"}
    if _YEAR_HEAD.fullmatch(t):
        yb = _year_of(t)
        if yb is None:
            return {"role": "other"}
        return {"year": yb[0], "base": yb[1], "role": "value"}
    if _CUMUL_HEAD.search(t):  # “十四五”累计, 2021—2025年累计
        ys: list[Optional[int]] = [y for _, y in year_marks(t) if y] or [v for k, v in PLAN_END.items() if k in t] \
            or [table_year]
        return {"year": ys[-1], "role": "value", "cumulative": True}
    if _TARGET_HEAD.match(t):  # 目标值 without a year: the plan's year (caption, heading)
        return {"year": table_year, "role": "value", "marked": True}
    if _BASE_HEAD.match(t):
        return {"year": None, "base": True, "role": "value", "marked": True}
    if _PAREN_YEAR.search(t):  # 每千常住人口床位数(2025年规划值), 现状值(2020年)
        m = _PAREN_TAIL.search(t)
        if m is not None and _YEAR_HEAD.search(m.group(1)) is None:
            # the last bracket is a note (目标值（2025年）（注1）): read the year's own bracket
            # (none closed: the whole cell, as without a bracket at the end)
            m = _PAREN_YEAR_GROUP.search(t)
        yb = _year_of(m.group(1) if m else t)
        if yb is None:
            return {"role": "other"}
        y, b = yb
        ind = (t[: m.start()] if m else t).strip()
        if _BASE_HEAD.match(ind):
            return {"year": y, "base": True, "role": "value", "marked": True}
        if _TARGET_HEAD.match(ind):
            return {"year": y, "role": "value", "marked": True}
        return {"year": y, "base": b, "indicator": ind, "role": "value"}
    return {"role": "other"}


def _year_of(t: str) -> Optional[tuple[int, bool]]:
    """(year, is a baseline) of a year header; ``None`` when its digits do not convert (see to_int)."""
    m = _YEAR_HEAD.search(t)
    year = to_int(m.group(1)) if m else None
    if m is None or year is None:
        return None
    kind = m.group(2) or ""
    return year, any(w in kind for w in _BASE_WORDS)


def _base_flags(years: list[tuple[int, bool]]) -> list[bool]:
    """Which year columns are baselines: marked ones (基数, 实际值), else a round first year well before the next.

    >>> _base_flags([(2020, False), (2025, False)]), _base_flags([(2022, False), (2023, False), (2024, False)])
    ([True, False], [False, False, False])
    """
    flags = [b for _, b in years]
    if any(flags) or len(years) < 2:
        return flags
    marked_target = False
    y0, y1 = years[0][0], years[1][0]
    if y1 - y0 >= 2 and not marked_target:
        flags[0] = True
    return flags


def _align(r, width: int, cols) -> Optional[list]:
    """Cells of a data row placed under the header; merged leading cells are missing in PDF text."""
    cells = list(r)
    if len(cells) == width:
        return cells
    if len(cells) > width or len(cells) < 2:
        return None
    if cols[0].role == "index" and regex.fullmatch(r"\d{1,3}", cells[0].text):
        return cells + [None] * (width - len(cells))  # 11 儿童青少年总体近视率 … merged cells at the right
    return [None] * (width - len(cells)) + cells


def _split_unit(name: str) -> tuple[str, Optional[str]]:
    """Indicator name without its leading number and trailing unit parentheses, and the unit.

    >>> _split_unit("1.城镇新增就业人数(万人)"), _split_unit("其中:18.申领电子社保卡人口覆盖率(%)")
    (('城镇新增就业人数', '万人'), ('申领电子社保卡人口覆盖率', '%'))
    >>> _split_unit("孕产妇死亡率(/10万)"), _split_unit("二级以上综合医院（含中医医院）设置感染性疾病科的比例（%）")
    (('孕产妇死亡率', '/10万'), ('二级以上综合医院（含中医医院）设置感染性疾病科的比例', '%'))
    """
    s = _LEAD_NUM.sub("", name, count=1).strip()
    m = _UNIT_PAREN.search(s)
    unit = None
    if m:
        u = m.group(1).replace("％", "%")
        if u in UNITS or u in RATE_UNITS or u in TABLE_UNITS or _COMPOUND_UNIT.fullmatch(u):
            unit = u
            s = s[: m.start()].strip()
    return s, unit


@lru_cache(maxsize=4096)  # cells repeat (—, ≥90, 约束性 …); the result is immutable
def _cell_value(t: str):
    """(value, value_max, comparator, cumulative, %/‰ sign) of a table cell, ``None`` when it holds no number.

    >>> _cell_value(">[110]"), _cell_value("≤5"), _cell_value("2-3"), _cell_value("—"), _cell_value("≥95％")
    ((110, None, '>', True, None), (5, None, '<=', False, None), (2, 3, 'range', False, None), None, (95, None, '>=', False, '%'))
    """
    m = _CELL_VALUE.match(t)
    if not m:
        return None
    num, num2, open_, close, pre, pre2, suf, pct = m.group(
        *rx.group_numbers(_CELL_VALUE, ("num", "num2", "open", "close", "pre", "pre2", "suf", "pct")))
    value = parse_number(num)
    if value is None:
        return None
    vmax = parse_number(num2) if num2 else None
    cum = bool(open_ or close)
    pre = pre or pre2
    if vmax is not None:
        comp = "range"
    else:
        comp = combine(pre, suf)
    return value, vmax, comp, cum, ("%" if pct == "％" else pct)


def _baseline(aligned, cols) -> Optional[dict]:
    for j, c in enumerate(cols):
        if c.role == "value" and c.base and aligned[j] is not None:
            v = _cell_value(aligned[j].text)
            if v is None:
                return None
            return {"year": c.year, "value": v[0]}
    return None


def _target_cells(aligned, cols) -> Iterator[tuple]:
    """``(column, _cell_value of the cell)`` for the target cells of a row: value columns that
    are not a baseline, with a cell that reads as a number."""
    for j, c in enumerate(cols):
        if c.role != "value" or c.base or aligned[j] is None:
            continue
        v = _cell_value(aligned[j].text)
        if v is not None:
            yield c, v


def _breakdown_row(aligned, cols, scope, start, end) -> Iterator[TableTarget]:
    bases: dict[str, dict] = {}
    for j, c in enumerate(cols):
        if c.role == "value" and c.base and aligned[j] is not None:
            v = _cell_value(aligned[j].text)
            if v is not None:
                bases[c.indicator or ""] = {"year": c.year, "value": v[0]}
    for c, (value, vmax, comp, cum, pct) in _target_cells(aligned, cols):
        yield TableTarget(start, end, c.indicator or "", value, vmax, c.unit or pct, comp, c.year,
                          bases.get(c.indicator or ""), cum, None, scope, rule="target.table.breakdown")
