"""Document boundaries and metadata, from 公文 layout evidence (GB/T 9704-2012).

A document's 版头 region is a run of short lines: 发文机关标志 (…文件), 发文字号
(荆政办发〔2022〕16号), 标题 (…关于…的通知), 主送机关 (…：). Any two of them close
together, a title listed in the 目录, a 命令 number (…令 第N号) or a 任免 heading
start a document; a document ends where the next begins. The text an 印发/转发
notice publishes (and the 规章 an order promulgates) stays inside that notice:
its own title line, 附件 titles and the 目录 never start a document.
"""

from __future__ import annotations

import difflib
from collections import Counter
from bisect import bisect_left
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple, Optional

import regex

from ..text import rx
from ..text.offsets import CleanText
from ..values.dates import FULL_DATE_RE, parse_full_date
from ..values.docnumber import DOC_NUMBER_RE, parse_doc_number
from .types import BulletinInfo, DocNumberInfo, DocumentNode

# 公文种类 (党政机关公文处理工作条例 第八条) and the 规范性文件/规章 kinds that
# bulletins publish, keyed by the title's final words → doc_type. Longest first.
DOC_TYPES: dict[str, str] = {
    # 条例第八条 15 种
    "决议": "决议", "决定": "决定", "命令": "命令", "公报": "公报", "公告": "公告", "通告": "通告",
    "意见": "意见", "通知": "通知", "通报": "通报", "报告": "报告", "请示": "请示", "批复": "批复",
    "议案": "议案", "函": "函", "纪要": "纪要",
    # 规章、规范性文件和计划类文件的名称
    "条例": "条例", "规定": "规定", "办法": "办法", "细则": "细则", "规则": "规则", "方案": "方案",
    "规划": "规划", "计划": "计划", "纲要": "纲要", "措施": "措施", "预案": "预案", "意见稿": "意见",
    "任免": "任免", "任免人员": "任免", "人事任免": "任免", "任免名单": "任免",
}
_TYPE_ALT = "|".join(sorted(DOC_TYPES, key=len, reverse=True))
# trailing parentheticals after the kind word: （试行） （2022—2024年） （2021版）
_TAIL_PAREN = r"(?:[（(][^（()）]{1,16}[)）]){0,2}"
TYPE_END_RE = rx.compile(rf"({_TYPE_ALT}){_TAIL_PAREN}$", flags=regex.REVERSE)  # searched from the end
# the characters a title can end with: a 文种 word's last, or the bracket of a trailing （试行）
_TITLE_LAST = frozenset(w[-1] for w in DOC_TYPES) | frozenset(")）\n")

# Organ-name endings (for 版头 second lines, signatures, issuer splitting and 主送).
ORGAN_ENDINGS: tuple[str, ...] = (
    "人民政府办公厅", "人民政府办公室", "人民政府", "政府", "办公厅", "办公室", "委员会", "管委会",
    "海关", "总局", "分局", "局", "厅", "委", "部", "署", "院", "办", "中心", "银行", "集团", "公司",
    "总队", "支队", "法院", "检察院", "管理处", "处",
)
# Endings that may continue an organ name (人民政府|办公厅: do not split there).
ORGAN_CONTINUATIONS = ("办公厅", "办公室", "公厅", "公室", "员会", "党组", "常务委员会")
_ORG_ALT = "|".join(sorted(ORGAN_ENDINGS, key=len, reverse=True))
_CONT_ALT = "|".join(ORGAN_CONTINUATIONS)
ORGAN_SPLIT_RE = rx.compile(rf"\p{{Han}}{{1,30}}?(?:{_ORG_ALT})(?!{_CONT_ALT})")
ORGAN_LINE_RE = rx.compile(rf"^\p{{Han}}{{2,30}}(?:{_ORG_ALT})$")
_ORG_LAST = frozenset(w[-1] for w in ORGAN_ENDINGS)  # where an ORGAN_LINE_RE line ends

# 主送机关 end in an organ or a collective (各部门, 有关单位, 各直属机构); GB/T 9704 §7.3.2.
ADDR_ENDINGS = ORGAN_ENDINGS + ("部门", "单位", "机关", "机构", "区", "县", "市", "州", "盟", "旗", "乡", "镇",
                                "街道", "企业", "学校", "高校", "院校", "医院", "园区", "开发区", "委员会", "兵团")
_ADDR_ALT = "|".join(sorted(set(ADDR_ENDINGS), key=len, reverse=True))
# administrative levels that head a run like 各省、自治区、直辖市人民政府 (行政区划 levels)
ADMIN_LEVELS: tuple[str, ...] = ("省", "自治区", "直辖市", "计划单列市", "副省级市", "市", "州", "自治州", "盟",
                                 "县", "自治县", "旗", "区", "乡", "镇", "街道", "新区", "开发区", "市直", "省直")
# one-word organ kinds continuing a 各… list: 市政府各委、办、局; 各厅、局
COLLECTIVE_TAILS = frozenset(("委", "办", "局", "厅", "署", "部", "室", "院", "所", "站", "中心", "直属机构"))
BARE_LEVEL_RE = rx.compile("^各?(?:" + "|".join(sorted(ADMIN_LEVELS, key=len, reverse=True))
                              + r")(?:[（(][^（()）]{1,8}[)）])?$")  # 各县（市）、区人民政府
_BARE_LEVELS = frozenset(ADMIN_LEVELS) | frozenset("各" + w for w in ADMIN_LEVELS)  # BARE_LEVEL_RE without brackets
# (an organ may carry a bracketed alternative: 人力资源社会保障厅（局）)
_ADDR_TAIL = r"(?:[（(][^（()）]{1,8}[)）])?"
# (greedy: ``a`` is all before the closing colon either way, and the ending is found from there)
ADDR_RE = rx.compile(rf"^(?P<a>[^。；：:！？]{{2,160}}(?:{_ADDR_ALT}){_ADDR_TAIL})\s{{0,2}}[：:]$")
# a title run together with its 主送 line by the PDF: "…的通知各区人民政府,市人民政府各部门:"
TITLE_ADDR_RE = rx.compile(rf"^(?P<t>.{{4,160}}?(?:{_TYPE_ALT}){_TAIL_PAREN})(?P<a>各[^。；：:]{{1,150}}?(?:{_ADDR_ALT}){_ADDR_TAIL})[：:]$")

# a title run together with its 文号 by the PDF: "…的通知荆政办发〔2022〕16号"
# (greedy title: the 机关代字 is the shortest Han run before the bracket, never 的通知…)
TITLE_NUM_RE = rx.compile(rf"^(?P<t>.{{4,160}}(?:{_TYPE_ALT}){_TAIL_PAREN})(?P<n>(?=\p{{Han}}{{2}})(?:{DOC_NUMBER_RE}))$")
_TYPE_THEN_EACH_RE = rx.compile(rf"(?:{_TYPE_ALT}){_TAIL_PAREN}各")  # cheap test before TITLE_ADDR_RE
# 发文机关标志 (GB/T 9704 §7.2.3): 发文机关全称或规范化简称 + 文件
HEAD_RE = rx.compile(rf"^\p{{Han}}{{1,40}}(?:{_ORG_ALT}|党组)文件$")
# 发文字号 on its own line (GB/T 9704 §7.2.4), bracketed in some bulletins, 签发人 beside it in 上行文
NUM_LINE_RE = rx.compile(
    rf"^\s{{0,4}}[（(]?\s{{0,2}}(?:{DOC_NUMBER_RE})\s{{0,2}}[)）]?(?:\s{{0,4}}签发人[：:]\p{{Han}}{{2,12}})?\s{{0,4}}$"
)
# 规范性文件统一登记号 printed beside the 文号 (HBPR—2022—01001) and 签发人 lines: header filler
FILLER_RE = rx.compile(r"^[A-Z]{2,8}\s{0,2}[-—－–]{1,2}\s{0,2}\d{4}\s{0,2}[-—－–]{1,2}\s{0,2}\d{2,6}$|^签发人[：:]\p{Han}{2,12}$")
# 命令: "广东省人民政府令" + "第290号" (or on one line)
ORDER_HEAD_RE = rx.compile(r"^\p{Han}{2,30}令$")
ORDER_NUM_RE = rx.compile(r"^[（(]?\s{0,2}第\s{0,2}\d{1,5}\s{0,2}号\s{0,2}[)）]?$")
ORDER_LINE_RE = rx.compile(r"^\p{Han}{2,30}令\s{0,2}[（(]?\s{0,2}第\s{0,2}\d{1,5}\s{0,2}号\s{0,2}[)）]?$")
# 任免 headings: 荆州市人民政府任免人员, 人事任免
APPOINT_RE = rx.compile(r"^\p{Han}{0,30}(?:任免人员|人事任免|任免名单|干部任免)$")
APPOINT_ORGAN_RE = rx.compile(rf"^\p{{Han}}{{2,30}}(?:{_ORG_ALT})(?:任免人员|人事任免|任免名单|干部任免)$")
# 成文日期 on its own line, optionally after a signature or in brackets.
DATE_LINE_RE = rx.compile(rf"^(?:\p{{Han}}{{2,30}}(?:{_ORG_ALT}))?[（(]?(?:{FULL_DATE_RE})[)）]?$")
# a note under a title giving its adoption/publication (规章, 报告): （2021年10月18日…令第290号公布）
TITLE_NOTE_RE = rx.compile(
    rf"^(?:[（(][^（()）]{{0,80}}(?:令\s{{0,2}}第\s{{0,2}}\d{{1,5}}\s{{0,2}}号|通过|公布|发布|施行|批准)[^（()）]{{0,60}}[)）]"
    rf"|[（(]\s{{0,2}}(?:{FULL_DATE_RE})\s{{0,2}}[)）]"
    rf"|[（(]?第\s{{0,2}}\d{{1,4}}\s{{0,2}}号[)）]?"  # 公告/通告 numbered 第N号 under the title
    rf"|[—－-]{{1,2}}\s{{0,2}}(?:{FULL_DATE_RE})[^。]{{0,60}})$"
)
# (first- and last-character gates like this one: tests/segment/test_gates.py checks each against its pattern)
_TITLE_NOTE_FIRST = frozenset("（(第—－-")  # the characters a TITLE_NOTE_RE match starts with
# 附注 under the 成文日期 (GB/T 9704 §7.3.6): （此件公开发布） （此件发至县级）
PUBLIC_NOTE_RE = rx.compile(r"^[（(]此件[^（()）]{1,20}[)）]$")
# structural markers that never begin a title (一、 （一） 1. 第一条 第一章)
_LIST_MARK_FIRST = frozenset("一二三四五六七八九十（(第")  # LIST_MARK_RE starts there or on a digit
LIST_MARK_RE = rx.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|第[一二三四五六七八九十百\d]{1,5}[章节条编])")
# 附件 list: "附件：1.XXX" then "2.YYY"
ATTACH_RE = rx.compile(r"^附\s{0,2}件\s{0,2}[：:]\s{0,2}(?:\d{1,2}\s{0,2}[.．、]\s{0,2})?(?P<t>.{2,120})$")
ATTACH_HEAD_RE = rx.compile(r"^附\s{0,2}件\s{0,2}\d{0,2}$")  # the heading over an attachment
ATTACH_MORE_RE = rx.compile(r"^\d{1,2}\s{0,2}[.．、]\s{0,2}(?P<t>[^。；]{2,120})$")
# 印发/转发 notices publish the text named between the verb and 的通知
# (stdlib re, once per document: with no class escape a pattern matches as in the regex module,
# at a third to a half of the cost; tests/segment/test_documents.py compares them)
PUBLISH_RE = rx.compile_std(r"(?:印发|转发|批转|颁布|发布)(?P<x>.{2,120}?)的(?:通知|决定)$")
QUOTED_RE = rx.compile_std(r"《(?P<x>[^《》]{2,80})》")
# back matter after the last document: the bulletin's own 简介 and colophon
BACK_MATTER_RE = rx.compile(r"^《\p{Han}{2,30}(?:公报|政报)》简介$|^\p{Han}{2,30}(?:公报|政报)简介$")
# 版权页/封底 lines of a 公报 (刊物 colophon)
COLOPHON_RE = rx.compile(
    r"^(?:主\s{0,2}办|承\s{0,2}办|编辑|出版|编辑出版|地\s{0,2}址|邮\s{0,2}编|邮政编码|电\s{0,2}话|传\s{0,2}真|网\s{0,2}址|"
    r"电子邮箱|印\s{0,2}刷|准印证号|定\s{0,2}价|国内统一刊号|国际标准刊号|内部资料|免费赠阅)"
)
_FILLER_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ签")  # FILLER_RE's first characters
COLUMN_RE = rx.compile(r"^[【●■◆★]\p{Han}{2,12}[】●■◆★]$")
_COLUMN_FIRST = frozenset("【●■◆★")  # COLUMN_RE's first characters

# Where a line that one of the header patterns matches can end (the patterns are anchored;
# lines are stripped): kind() looks at the last character before any of them.
# tests/segment/test_gates.py checks every such gate against its pattern.
_HEAD_LAST = frozenset("件")  # HEAD_RE: …文件
_NUMBERED_LAST = frozenset("号名令）)")  # ORDER_LINE_RE, ORDER_HEAD_RE, TITLE_NUM_RE; NUM_LINE_RE or 签发人
_ADDR_LAST = frozenset("：:")  # ADDR_RE, TITLE_ADDR_RE
_DATE_LAST = frozenset("日号")  # DATE_LINE_RE, before a closing bracket, besides a digit

_LEAD_PAREN_RE = rx.compile(r"[（(][^（()）]{0,60}[)）]")
# the signature block run onto the last paragraph by the PDF: …工作。武汉市人民政府2021年11月19日
SIGNED_TAIL_RE = rx.compile(rf"[。）)](\p{{Han}}{{2,30}}?(?:{_ORG_ALT}))(?:{FULL_DATE_RE})$")
# …as above without the date (the date line follows): …新城区人民政府)武汉市人民政府办公厅
SIGNATURE_TAIL_RE = rx.compile(rf"[。）)](\p{{Han}}{{2,30}}?(?:{_ORG_ALT}))$")
# a signature run into its date: 武汉市人民政府2021年12月9日
_SIGNED_DATE_RE = rx.compile(rf"^(\p{{Han}}{{2,30}}(?:{_ORG_ALT}))(?=[（(]?\d|[〇○零一二])")
# 发文机关 in the title: everything before 关于/印发/转发/批转 (GB/T 9704 §7.3.1)
_TITLE_ISSUER_RE = rx.compile(r"^(\p{Han}{2,60}?)(?:关于|印发|转发|批转|任免人员|人事任免)")
_ORG_END_RE = rx.compile(rf"(?:{_ORG_ALT})$", flags=regex.REVERSE)
_BRACKET_RE = rx.compile(r"[（()）]")
# words of a title's first line: 机关 + 关于/印发/转发/批转 (GB/T 9704 §7.3.1 标题 = 发文机关 + 事由 + 文种)
TITLE_LEAD_RE = rx.compile(r"关于|印发|转发|批转")
# sentence punctuation (a stdlib class of literal characters: a search costs a sixth of a frozenset's
# isdisjoint, which makes a string of each character of a title)
_SENTENCE_PUNCT = rx.compile_std("[。；！？：:，,]")
# Why a document starts here (ids are stable; explain_starts reports them).
DOC_START_RULES: dict[str, str] = {
    "D01": "版头 …文件 with its 文号 or title within 3 lines (GB/T 9704 §7.2.3)",
    "D02": "发文字号 line under its title (or a title run onto the previous paragraph)",
    "D03": "发文字号 line followed by the title or 主送",
    "D04": "版头 printed without 文件 (organ line) above the 发文字号",
    "D05": "命令 …令 第N号 (规章制定程序条例 第三十一条)",
    "D06": "title run together with its 主送 line",
    "D07": "title followed by its 发文字号 or 主送",
    "D08": "title with a note: （…通过/公布） （date） （第N号） ——date",
    "D09": "关于… title right after the previous document's 成文日期",
    "D10": "title listed in the 目录",
    "D11": "first 关于… title after a masthead without 目录",
    "D12": "任免 heading of an organ (荆州市人民政府任免人员)",
    "X01": "bare 人事任免 column heading: ends the document before it, starts none",
}
CUT_RULES = frozenset(r for r in DOC_START_RULES if r.startswith("X"))
MAX_TITLE_LINES = 4
MIN_ORPHAN_PROSE = 200  # chars of sentences before the first document that get an untitled document
MAX_HEADER_LINE = 330  # a title run into its 主送 line is the longest header line
HEADER_WINDOW = 3  # lines between two pieces of 版头 evidence
SIM_TOC = 0.85
SIM_EMBEDDED = 0.85


class _Line(NamedTuple):
    """A non-blank line (a tuple of atoms: the collector stops tracking it, and it is cheap to make)."""

    start: int
    end: int
    text: str
    s: str  # the text stripped, computed once


_LINE_START = attrgetter("start")
_LINE_TEXT = attrgetter("s")
_NEW_TUPLE = tuple.__new__


def _split_lines(text: str, start: int) -> list[_Line]:
    """The non-blank lines of ``text[start:]`` (a line cut by ``start`` begins there).

    >>> [(ln.start, ln.end, ln.s) for ln in _split_lines("甲\\n 乙 \\n\\n丙丁", 8)]
    [(8, 9, '丁')]
    >>> [(ln.start, ln.end, ln.s) for ln in _split_lines("甲\\n 乙 \\n\\n丙丁", 1)]
    [(2, 5, '乙'), (7, 9, '丙丁')]
    """
    out: list[_Line] = []
    append, pos = out.append, start
    for raw in text[start:].split("\n"):
        stripped = raw.strip()
        if stripped:
            # (tuple.__new__ itself: the named tuple's __new__ is a Python function, a frame per line)
            append(_NEW_TUPLE(_Line, (pos, pos + len(raw), raw, stripped)))
        pos += len(raw) + 1
    return out


def similar(a: str, b: str, threshold: float) -> bool:
    """difflib ratio ≥ threshold, with the cheap upper bounds tried first.

    >>> similar("关于印发体育发展规划的通知", "关于印发体育发展规划的通知（试行）", 0.85), similar("体育规划", "文化规划", 0.85)
    (True, False)
    """
    la, lb = len(a), len(b)
    if not la or not lb or 2 * min(la, lb) < threshold * (la + lb):
        return False
    # characters of each string that occur in the other at all: a bound made in C (map over a set)
    if 2 * sum(map(set(b).__contains__, a)) < threshold * (la + lb):
        return False
    if 2 * sum(map(set(a).__contains__, b)) < threshold * (la + lb):
        return False
    cb = Counter(b)
    common = sum(min(v, cb[ch]) for ch, v in Counter(a).items())
    if 2 * common < threshold * (la + lb):
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold


def similar_to_any(a: str, others, threshold: float, norm=None) -> bool:
    """:func:`similar` to any of ``others`` (to ``norm(e)`` of each, when given); its length bound is
    tried here first, without a call per string (most candidates are far shorter or longer than ``a``).

    ``norm`` must never lengthen a string (as :func:`_norm_title`): a string shorter than ``a``
    that fails the bound as written fails it normalised too, and is not normalised.

    >>> names = ["规划", "关于印发体育发展规划的通知（试行）"]
    >>> similar_to_any("关于印发体育发展规划的通知", names, 0.85), similar_to_any("文化规划", names, 0.85)
    (True, False)
    >>> similar_to_any("体育发展规划", ["体育  发展  规划"], 0.85), similar_to_any("体育发展规划", ["体育  发展  规划"], 0.85, _norm_title)
    (False, True)
    """
    size = len(a)
    if norm is not None:
        others = [norm(e) for e in others if len(e) > size or 2 * len(e) >= threshold * (size + len(e))]
    return any(similar(a, e, threshold) for e in others if 2 * min(size, len(e)) >= threshold * (size + len(e)))


def _norm_title(s: str) -> str:
    return rx.drop_spaces(s).replace("(", "（").replace(")", "）")


def _digit(ch: str) -> bool:
    """May ``ch`` be a regex ``\\d``? (the regex module knows newer digits than str.isdigit, all astral)"""
    return ch.isdigit() or ch >= "\U00010000"


def _list_mark(t: str) -> bool:
    """LIST_MARK_RE matches ``t`` (a non-empty line), its first character looked at first."""
    return (t[0] in _LIST_MARK_FIRST or _digit(t[0])) and LIST_MARK_RE.match(t) is not None


def _date_line_at(t: str) -> bool:
    """DATE_LINE_RE matches the non-empty line ``t``; it ends in a date's 日/号/digit, perhaps bracketed."""
    last = t[-2:-1] if t[-1] in ")）" else t[-1]
    return bool(last) and (last in _DATE_LAST or _digit(last)) and DATE_LINE_RE.match(t) is not None


def doc_type_of(title: Optional[str]) -> Optional[str]:
    """公文种类 from the title's end (trailing （试行）/（2022—2024年） ignored).

    >>> doc_type_of("荆州市人民政府办公室关于印发荆州市工伤保险市级统筹办法的通知")
    '通知'
    >>> doc_type_of("随州市卫生健康事业发展“十四五”规划"), doc_type_of("荆州市人民政府任免人员")
    ('规划', '任免')
    >>> doc_type_of("武汉市重特大火灾事故应急预案（2021版）"), doc_type_of("第一章总则")
    ('预案', None)
    """
    if not title:
        return None
    m = TYPE_END_RE.search(title)
    return DOC_TYPES[m.group(1)] if m else None


def is_title(text: str) -> bool:
    """A title line: no sentence punctuation, no list marker, ends in a 文种 word.

    >>> is_title("市人民政府办公厅关于推进人工影响天气工作高质量发展的意见"), is_title("一、总体要求")
    (True, False)
    >>> is_title("现将《实施方案》印发给你们，请认真贯彻执行。")
    False
    """
    if not (4 <= len(text) <= 160) or text[-1] not in _TITLE_LAST:  # (TYPE_END_RE can only end there)
        return False
    if _SENTENCE_PUNCT.search(text) is not None or _list_mark(text):
        return False
    return TYPE_END_RE.search(text) is not None


def split_issuers(s: str) -> list[str]:
    """Split joint issuers on organ endings; unknown shapes stay whole.

    >>> split_issuers("武汉市人民政府武汉海关")
    ['武汉市人民政府', '武汉海关']
    >>> split_issuers("荆州市人民政府办公室"), split_issuers("国家税务总局武汉市税务局")
    (['荆州市人民政府办公室'], ['国家税务总局', '武汉市税务局'])
    >>> split_issuers("中共荆州市委办公室荆州市人民政府办公室")
    ['中共荆州市委办公室', '荆州市人民政府办公室']
    """
    return list(_issuers_of(s))


# (cached: a bulletin's documents mostly share their issuers and their 主送 line)
@lru_cache(maxsize=256)
def _issuers_of(s: str) -> tuple[str, ...]:
    s = rx.drop_spaces(s)
    parts = ORGAN_SPLIT_RE.findall(s)
    if not parts or "".join(parts) != s:
        return (s,) if s else ()
    return tuple(parts)


def split_addressees(line: str) -> list[str]:
    """主送机关 split on ，、 but 各县、市、区人民政府 stays whole.

    >>> split_addressees("各县、市、区人民政府，荆州经开区，市政府有关部门：")
    ['各县、市、区人民政府', '荆州经开区', '市政府有关部门']
    >>> split_addressees("各区人民政府,市人民政府各部门:")
    ['各区人民政府', '市人民政府各部门']
    >>> split_addressees("省政府各部门、各直属机构：")
    ['省政府各部门', '各直属机构']
    >>> split_addressees("各区人民政府，市政府各委、办、局：")
    ['各区人民政府', '市政府各委、办、局']
    >>> split_addressees("各县（市）、区人民政府，市政府各部门：")
    ['各县（市）、区人民政府', '市政府各部门']
    >>> split_addressees("各市、自治州人民政府，各县（市、区、特区）人民政府，省政府各部门：")
    ['各市、自治州人民政府', '各县（市、区、特区）人民政府', '省政府各部门']
    >>> split_addressees("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    ['各省、自治区、直辖市人民政府', '国务院各部委', '各直属机构']
    """
    return list(_addressees_of(line))


@lru_cache(maxsize=256)
def _addressees_of(line: str) -> tuple[str, ...]:
    line = line.strip()
    if line[-1:] in ("：", ":"):  # (stripped: a closing colon is the last character)
        line = line[:-1]
    out: list[str] = []
    for chunk in _split_outside_parens(line, "，,；;"):
        if "、" not in chunk:  # one addressee (the loop below keeps it whole)
            if chunk:
                out.append(chunk)
            continue
        buf = ""
        pieces = [p for p in _split_outside_parens(chunk, "、") if p]
        for k, p in enumerate(pieces):
            if not buf and out and k > 0 and p in COLLECTIVE_TAILS:  # 市政府各委、办、局 stays whole
                out[-1] += "、" + p
                continue
            if buf and p.startswith("各"):  # 各区、各部门: a new 各 run closes the open one
                out.append(buf)
                buf = ""
            buf = f"{buf}、{p}" if buf else p
            # 各县、市、区人民政府: a bare level (县/市/自治区) waits for the organ word that ends the run
            if k + 1 < len(pieces) and _bare_level(p):
                continue
            out.append(buf)
            buf = ""
        if buf:
            out.append(buf)
    return tuple(a for a in out if a)


def _bare_level(p: str) -> bool:
    """BARE_LEVEL_RE matches ``p``: a set look-up unless a bracket is in it.

    >>> _bare_level("各县"), _bare_level("自治区"), _bare_level("各县（市）"), _bare_level("区人民政府")
    (True, True, True, False)
    """
    if p[-1] in ")）":
        return BARE_LEVEL_RE.match(p) is not None
    return p in _BARE_LEVELS


@lru_cache(maxsize=8)
def _seps_re(seps: str):
    """The compiled character class of ``seps`` (a module-level call would look it up per call)."""
    return regex.compile(f"[{regex.escape(seps)}]")


def _split_outside_parens(s: str, seps: str) -> list[str]:
    """Split on any of ``seps`` except inside brackets: 各县（市、区）人民政府 stays one piece.

    >>> _split_outside_parens("各县（市、区）人民政府、省政府各部门", "、")
    ['各县（市、区）人民政府', '省政府各部门']
    """
    if "（" not in s and "(" not in s:  # the common case: a plain split
        return s.split(seps) if len(seps) == 1 else _seps_re(seps).split(s)
    out, depth, start = [], 0, 0
    for k, ch in enumerate(s):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            out.append(s[start:k])
            start = k + 1
    out.append(s[start:])
    return out


def _title_in_tail(text: str) -> Optional[int]:
    """Offset in a line where a title run onto the previous paragraph begins.

    >>> t = "加强指导。（责任单位：市统计局）荆州市人民政府办公室关于印发某某方案的通知"
    >>> t[_title_in_tail(t):]
    '荆州市人民政府办公室关于印发某某方案的通知'
    >>> t = "纳入考核。(责任单位:各区人民政府)武汉市人民政府办公厅文件"
    >>> t[_title_in_tail(t):]
    '武汉市人民政府办公厅文件'
    """
    cut = max(text.rfind(c) for c in "。；！？")
    if cut < 0:
        return None
    i = cut + 1
    m = _LEAD_PAREN_RE.match(text, i)
    if m:
        i = m.end()
    tail = text[i:]
    if ("关于" in tail and is_title(tail)) or (i < len(text) and HEAD_RE.match(tail)):
        return i
    return None


def _each_after_type(t: str) -> bool:
    """Some 各 follows a character a 文种 word or （试行） can end with (cheap test before _TYPE_THEN_EACH_RE).

    >>> _each_after_type("关于X的通知各区人民政府："), _each_after_type("各县、市、区人民政府，市政府有关部门：")
    (True, False)
    """
    k = t.find("各", 1)
    while k > 0:
        if t[k - 1] in _TITLE_LAST:
            return True
        k = t.find("各", k + 1)
    return False


class _Scanner:
    """Walks the lines once and records document starts with their header evidence."""

    def __init__(self, clean: CleanText, bulletin: Optional[BulletinInfo]):
        self.text = clean.text
        self.bulletin = bulletin
        self.front = bulletin.front_end if bulletin else 0
        self.lines = _split_lines(self.text, self.front)
        self.toc = [_norm_title(t) for t, _ in (bulletin.toc if bulletin else [])]
        self.masthead = bulletin.title if bulletin else None

    def kind(self, i: int) -> Optional[str]:
        if not 0 <= i < len(self.lines):
            return None
        t = self.lines[i].s
        # cheap filters first: header lines are short and carry no sentence end
        if not t or len(t) > MAX_HEADER_LINE or "。" in t:
            return None
        return self.kind_of(i, t)

    def kind_of(self, i: int, t: str) -> Optional[str]:
        """The kind of line ``i``, whose stripped text ``t`` passed kind()'s filters (non-empty, short, no 。)."""
        last = t[-1]
        if last in _HEAD_LAST and HEAD_RE.match(t):
            return "head"
        if last in _NUMBERED_LAST or "签发人" in t:
            # every 文号 and 令 number holds 号; a 令 heading ends in 令 (most lines here end in ）)
            has_number = "号" in t
            if has_number and NUM_LINE_RE.match(t):
                return "num"
            if last == "号" and (m := TITLE_NUM_RE.match(t)) and is_title(m.group("t")):
                return "title_num"
            if ((has_number and ORDER_LINE_RE.match(t))
                    or (last == "令" and ORDER_HEAD_RE.match(t) and self.kind_is(i + 1, ORDER_NUM_RE))):
                return "order"
        if last in _ADDR_LAST:
            if _each_after_type(t) and _TYPE_THEN_EACH_RE.search(t) and TITLE_ADDR_RE.match(t):
                return "title_addr"
            if ADDR_RE.match(t) and not _list_mark(t):
                return "addr"
            return None
        if t == self.masthead:  # a running head the cleaner kept is not a title
            return None
        if (t[0] in _FILLER_FIRST) and FILLER_RE.match(t):
            return "filler"
        if "任免" in t and APPOINT_RE.match(t):
            return "appoint"
        if last in _TITLE_LAST and is_title(t):  # (is_title's own first test, without a call for most lines)
            return "title"
        return None

    def kind_is(self, i: int, rx) -> bool:
        return 0 <= i < len(self.lines) and bool(rx.match(self.lines[i].s))

    def in_toc(self, t: str) -> bool:
        return similar_to_any(_norm_title(t), self.toc, SIM_TOC)


def _embedded_names(title: Optional[str], first_para: str) -> list[str]:
    """Names of the texts a notice publishes (its title's 印发X, the 《X》 of its first lines), each once,
    as written: compared with ``norm=_norm_title`` (most are never compared, being far shorter than
    the titles checked against them, and are not normalised).

    >>> _embedded_names("市政府关于印发《体育规划》的通知", "《体育规划》已经同意，《体育 规划》印发。")
    ['体育规划', '体育 规划']
    """
    names = []
    if title:
        m = PUBLISH_RE.search(title)
        if m:
            names.append(m.group("x").strip("《》"))
    names += QUOTED_RE.findall(first_para)  # (the one group: no match objects to make)
    return list(dict.fromkeys(filter(None, names)))  # (filter: no generator frame)


def explain_starts(clean: CleanText, bulletin: Optional[BulletinInfo]) -> list[tuple[str, int, str]]:
    """Why each document starts: ``(rule id, cleaned offset, first line)`` (debugging aid).

    >>> from govdoc_extract.text.offsets import CleanText
    >>> explain_starts(CleanText.identity("甲市人民政府文件\\n甲政发〔2022〕1号\\n甲市人民政府关于乙的通知\\n"), None)
    [('D01', 0, '甲市人民政府文件')]
    """
    sc = _Scanner(clean, bulletin)
    kinds = [sc.kind(i) for i in range(len(sc.lines))]
    out = []
    for li, off, rule in _find_starts(clean.text, sc, kinds):
        line_end = clean.text.find("\n", off)
        out.append((rule, off, clean.text[off:line_end if line_end >= 0 else len(clean.text)]))
    return out


def _find_starts(text: str, sc: "_Scanner", kinds: list[Optional[str]]) -> list[tuple[int, int, str]]:
    """Document starts as (line index, cleaned offset, rule id of DOC_START_RULES)."""
    lines = sc.lines
    bulletin = sc.bulletin
    starts: list[tuple[int, int, str]] = []
    embedded: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        k = kinds[i]
        if k is None:
            i += 1
            continue
        start_at: Optional[int] = None
        rule = ""
        near = kinds[i + 1:i + 1 + HEADER_WINDOW]
        t = lines[i].s
        if k == "order":
            start_at, rule = i, "D05"
        elif k == "title_num":
            start_at, rule = i, "D07"
        elif k == "title_addr":
            start_at, rule = i, "D06"
        elif k == "head":
            # a 版头 needs its 文号 or title close by (a heading like 相关文件 is not one)
            joint = i + 1 < n and ORGAN_LINE_RE.match(lines[i + 1].s)
            if joint or any(x in ("num", "title", "title_addr", "order") for x in near):
                start_at, rule = i, "D01"
        elif k == "num":
            header_after = bool(near[:2]) and any(x in ("title", "title_addr", "addr") for x in near[:2])
            if i > 0 and kinds[i - 1] == "title":
                start_at, rule = i - 1, "D02"
            elif i > 0 and kinds[i - 1] is None and ORGAN_LINE_RE.match(lines[i - 1].s) and header_after:
                start_at, rule = i - 1, "D04"
                kinds[i - 1] = "head"
            elif header_after:
                start_at, rule = i, "D03"
            elif i > 0 and _title_in_tail(lines[i - 1].text) is not None:
                start_at, rule = i, "D02"
        elif k == "appoint":
            # 荆州市人民政府任免人员 is a document of its organ; a bare 人事任免 is a column
            # of news-style notes (who appointed whom): it ends the document before it
            start_at, rule = i, ("D12" if APPOINT_ORGAN_RE.match(t) else "X01")
        elif k == "title":
            nt = _norm_title(t)
            q = 0 if near[:1] and near[0] in ("num", "addr", "title_addr") else _title_continuation(lines, kinds, i)
            if similar_to_any(nt, embedded, SIM_EMBEDDED, _norm_title):
                start_at = None  # the published text's own title
            elif q:
                for x in range(i + 1, i + 1 + q):
                    kinds[x] = "title_cont"
                start_at, rule = i, "D07"
            elif near[:1] and near[0] in ("num", "addr", "title_addr"):
                start_at, rule = i, "D07"
            elif i + 1 < n and lines[i + 1].s[0] in _TITLE_NOTE_FIRST and TITLE_NOTE_RE.match(lines[i + 1].s):
                start_at, rule = i, "D08"
            elif "关于" in t and _after_date(lines, i):
                start_at, rule = i, "D09"
            elif sc.in_toc(t):
                start_at, rule = i, "D10"
            elif (bulletin is not None and not bulletin.toc and not starts and "关于" in t
                  and i + 1 < n and kinds[i + 1] is None and "。" in lines[i + 1].s):
                start_at, rule = i, "D11"  # (prose follows: not an unpaged 目录 entry)
        if k == "title" and start_at == i and _issuer_line_before(lines, kinds, i - 1):
            kinds[i - 1] = "title_lead"  # 山西省人民政府 / 关于加快发展养老服务业的实施意见
            start_at = i - 1
        elif k in ("title", "num") and start_at is not None and start_at > 0:
            # title lines broken by the PDF: walk back over fragments from the 关于 line
            j = start_at
            for back in (1, 2):
                p = start_at - back
                if p < 0 or kinds[p] is not None:
                    break
                pt = lines[p].s
                if len(pt) > 40 or _SENTENCE_PUNCT.search(pt) is not None or _date_line_at(pt):
                    break
                if TITLE_LEAD_RE.search(pt):
                    j = p
                    break
            start_at = j
        if start_at is None or (starts and start_at <= starts[-1][0]):
            i += 1
            continue
        off = lines[start_at].start
        # a 版头 or title run onto the previous paragraph: start mid-line
        if k == "num" and start_at == i and i > 0:
            cut = _title_in_tail(lines[i - 1].text)
            if cut is not None:
                off = lines[i - 1].start + cut
                start_at = i - 1
        if starts and (starts[-1][0] == start_at or off <= lines[starts[-1][0]].start):
            i += 1
            continue
        starts.append((start_at, off, rule))
        # skip over the rest of this header block
        j = max(i, start_at)
        while j + 1 < n and j + 1 - start_at < 8:
            nk = kinds[j + 1]
            joint = nk is None and kinds[j] == "head" and ORGAN_LINE_RE.match(lines[j + 1].s)
            if nk is None and not joint and _issuer_line_before(lines, kinds, j + 1):
                kinds[j + 1] = nk = "title_lead"
            if nk not in ("head", "num", "title", "title_cont", "title_lead", "title_num", "addr", "title_addr",
                          "filler") and not joint:
                break
            if nk == "title" and kinds[j] in ("addr", "title_addr"):
                break
            if nk == "head" and j + 1 > start_at:
                break
            if joint:  # joint 版头: the second organ's line keeps the 'head' role
                kinds[j + 1] = "head"
            j += 1
        title = _title_between(lines, kinds, start_at, j, off)
        nxt = text[lines[j + 1].start:lines[j + 1].start + 600] if j + 1 < n else ""
        embedded = _embedded_names(title, nxt)
        i = j + 1
    return starts


def find_documents(clean: CleanText, bulletin: Optional[BulletinInfo]) -> list[DocumentNode]:
    """Every official document of the text, in order (cleaned offsets).

    >>> from govdoc_extract.text.offsets import CleanText
    >>> t = "荆州市人民政府关于印发体育规划的通知\\n荆政函〔2022〕7号\\n各县、市、区人民政府：\\n现印发给你们。\\n2022年9月1日\\n体育规划\\n一、目标"
    >>> [(d.title, d.doc_number.text, d.date, d.addressees) for d in find_documents(CleanText.identity(t), None)]
    [('荆州市人民政府关于印发体育规划的通知', '荆政函〔2022〕7号', '2022-09-01', ['各县、市、区人民政府'])]
    """
    text = clean.text
    sc = _Scanner(clean, bulletin)
    lines = sc.lines
    # (a prose line, with a 。 or too long for a header, is no kind: most lines, and no call for them)
    # (kind()'s filters inline, and kind_of called with the text: a line is never empty)
    kind_of = sc.kind_of
    kinds = [None if "。" in t or len(t) > MAX_HEADER_LINE else kind_of(i, t) for i, t in enumerate(map(_LINE_TEXT, lines))]
    starts = _find_starts(text, sc, kinds)
    docs: list[DocumentNode] = []
    end_all = _content_end(text, lines)
    for idx, (li, off, rule) in enumerate(starts):
        if rule in CUT_RULES:
            continue
        end = starts[idx + 1][1] if idx + 1 < len(starts) else end_all
        docs.append(_build(text, lines, kinds, li, off, end, clean))
    if not docs:
        return _fallback(text, lines, bulletin, end_all)
    toc = bulletin.toc if bulletin else []
    if len(toc) == len(docs):
        # the body lost a title (broken layout): the 目录 lists the documents in order
        for d, (entry, _) in zip(docs, toc):
            if d.title is None:
                d.title = _norm_title(entry)
                d.doc_type = doc_type_of(d.title)
    # prose before the first document (an excerpt's tail) still needs a home; colophon lines do not count
    pre = lines[:next((x for x, ln in enumerate(lines) if ln.end > docs[0].start), len(lines))]
    if sum(len(ln.s) for ln in pre if "。" in ln.s) > MIN_ORPHAN_PROSE:
        docs[:0] = _fallback(text, pre, bulletin, _trim_end(text, lines, pre[0].start, docs[0].start))
    return docs


def _after_date(lines: list[_Line], i: int) -> bool:
    """Line ``i`` follows a 成文日期 (possibly with its 附注 （此件公开发布） in between)."""
    p = i - 1
    if p >= 0 and PUBLIC_NOTE_RE.match(lines[p].s):
        p -= 1
    return p >= 0 and DATE_LINE_RE.match(lines[p].s) is not None


def _removed_issuer(clean: CleanText, lines: list[_Line], x: int) -> Optional[str]:
    """The 发文机关 line of a title broken before 关于 that the cleaner removed (it repeats
    as a signature, so it looked like a running head); read back from the source gap."""
    if x <= 0:
        return None
    a = clean.source_offset(lines[x - 1].end - 1) + 1 if lines[x - 1].end > lines[x - 1].start else None
    b = clean.source_offset(lines[x].start)
    if a is None or not 0 <= a < b:
        return None
    gap = [rx.drop_spaces(ln) for ln in clean.source[a:b].splitlines()]
    gap = [g for g in gap if g]
    if gap and ORGAN_LINE_RE.match(gap[-1]):
        return gap[-1]
    return None


def _issuer_line_before(lines: list[_Line], kinds: list[Optional[str]], x: int) -> bool:
    """Line ``x`` is the 发文机关 part of a title broken before 关于 (GB/T 9704 §7.3.1)."""
    return (0 <= x < len(lines) - 1 and kinds[x] is None and kinds[x + 1] in ("title", "title_addr")
            and lines[x + 1].s.startswith("关于") and ORGAN_LINE_RE.match(lines[x].s) is not None)


def _title_continuation(lines: list[_Line], kinds: list[Optional[str]], i: int) -> int:
    """How many lines after title line ``i`` continue it (a title wrapped by the PDF).

    They must be short fragments, and the 文号 or 主送 must follow them.
    """
    for q in range(1, MAX_TITLE_LINES):
        x = i + q
        if x >= len(lines) or kinds[x] not in ("title", None):
            return 0
        t = lines[x].s
        if len(t) > 60 or _SENTENCE_PUNCT.search(t) is not None or _date_line_at(t):
            return 0
        if x + 1 < len(lines) and kinds[x + 1] in ("num", "addr", "title_addr"):
            return q
    return 0


def _title_part(pattern, s: str, t: str) -> Optional[str]:
    """The title group of a title_addr/title_num line ``s``, read from ``t``: ``s`` or a cut of it.

    The line's kind was read on all of ``s``; a document starting mid-line may cut it
    inside the title, where the pattern no longer matches: the title then runs from the cut.

    >>> s = "甲乙。关于做好某某工作的通知国办发〔2022〕3号"
    >>> _title_part(TITLE_NUM_RE, s, s[3:]), _title_part(TITLE_NUM_RE, s, s[9:])
    ('关于做好某某工作的通知', '工作的通知')
    """
    m = pattern.match(t)
    if m is not None:
        return m.group("t")
    m = pattern.match(s)
    k = len(s) - len(t)
    if m is None or not s.endswith(t) or k >= m.end("t"):
        return None
    return s[k:m.end("t")]


def _title_between(lines, kinds, a: int, b: int, off: int) -> Optional[str]:
    parts = []
    for j in range(a, b + 1):
        t = lines[j].s if j != a else lines[j].text[off - lines[j].start:].strip()
        if kinds[j] == "title_lead":
            parts.append(t)
            continue
        if kinds[j] in ("title", "title_cont", None) and not ("号" in t and NUM_LINE_RE.match(t)):
            if kinds[j] is None and ("关于" not in t and not parts):
                continue
            parts.append(t)
            if kinds[j] == "title" and not (j + 1 < len(kinds) and kinds[j + 1] == "title_cont"):
                break
        elif kinds[j] in ("title_addr", "title_num"):
            part = _title_part(TITLE_ADDR_RE if kinds[j] == "title_addr" else TITLE_NUM_RE, lines[j].s, t)
            if part:
                parts.append(part)
            break
        elif kinds[j] == "appoint":
            return t
        elif parts:
            break
    return _norm_title("".join(parts)) if parts else None


def _content_end(text: str, lines: list[_Line]) -> int:
    """End of the last document: before the bulletin's back matter (简介, colophon)."""
    end = len(text)
    for ln in reversed(lines[-40:]):
        if BACK_MATTER_RE.match(ln.s):
            end = ln.start
            break
    # a trailing colophon (主办/地址/电话 … of the bulletin) belongs to no document
    k = len(lines) - 1
    while k > 0 and lines[k].start >= end:
        k -= 1
    while k > 0 and lines[k].end <= end and COLOPHON_RE.match(lines[k].s):
        end = lines[k].start
        k -= 1
    while end > 0 and text[end - 1] in "\n \t":
        end -= 1
    return end


def _trim_end(text: str, lines: list[_Line], start: int, end: int) -> int:
    """Drop trailing column headings (●市级文件选登●) and blank lines from a document."""
    changed = True
    while changed:
        changed = False
        while end > start and text[end - 1] in "\n \t":
            end -= 1
        ls = text.rfind("\n", start, end) + 1
        last = text[max(ls, start):end].strip()
        if last and last[0] in _COLUMN_FIRST and COLUMN_RE.match(last) and ls > start:
            end = ls
            changed = True
    return end


def _build(text, lines, kinds, li: int, off: int, end: int, clean: Optional[CleanText] = None) -> DocumentNode:
    """One document from its start line to ``end``: header block, then metadata."""
    end = _trim_end(text, lines, off, end)
    n = len(lines)
    # header block: head / second 版头 organ lines / num / title / addr
    j = li
    title_parts: list[str] = []
    number = None
    addressees: list[str] = []
    order_title = None
    appoint = False
    head_orgs: list[str] = []
    note_date = None
    while j < n and lines[j].start < end:
        ln = lines[j]
        t = text[off:ln.end].strip() if j == li else ln.s
        k = kinds[j]
        if j == li and off > ln.start:  # started mid-line: a 版头 or title run onto a paragraph
            k = "head" if HEAD_RE.match(t) else "title"
        if k == "filler":
            pass
        elif k == "title_lead" and not title_parts:
            title_parts.append(t)
            j += 1
            k = kinds[j]  # the 关于… line completes the title below
            t = lines[j].s
            if k == "title_addr":
                m = TITLE_ADDR_RE.match(t)
                title_parts.append(m.group("t"))
                addressees = split_addressees(m.group("a"))
                j += 1
                break
            title_parts.append(t)
            if j + 1 < n and kinds[j + 1] not in ("num", "addr", "title_addr"):
                j += 1
                break
        elif k == "head":
            head_orgs.append(t[:-2] if t.endswith("文件") else t)
        elif k == "num" and number is None:
            number = parse_doc_number(t)
        elif k == "order":
            number = parse_doc_number(_BRACKET_RE.sub("", t if ORDER_LINE_RE.match(t) else t + lines[j + 1].s))
            if ORDER_HEAD_RE.match(t):
                j += 1
        elif k == "title_num" and not title_parts:
            m = TITLE_NUM_RE.match(t)
            title_parts.append(m.group("t"))
            number = number or parse_doc_number(m.group("n"))
        elif k == "title_addr":
            m = TITLE_ADDR_RE.match(t)
            title_parts.append(m.group("t"))
            addressees = split_addressees(m.group("a"))
            j += 1
            break
        elif k == "addr" and (title_parts or number):
            addressees = split_addressees(t)
            j += 1
            break
        elif k == "appoint" and not title_parts:
            title_parts.append(t)
            appoint = True
            j += 1
            break
        elif k == "title" and not title_parts:
            title_parts.append(t)
            while j + 1 < n and kinds[j + 1] == "title_cont":  # the rest of a wrapped title
                j += 1
                title_parts.append(lines[j].s)
            if j + 1 < n and lines[j + 1].s[0] in _TITLE_NOTE_FIRST and TITLE_NOTE_RE.match(lines[j + 1].s):
                j += 1
                note = lines[j].s
                number = number or parse_doc_number(note)
                note_date = parse_full_date(note)
                j += 1
                break
            if j + 1 < n and kinds[j + 1] not in ("num", "addr", "title_addr"):
                j += 1
                break
        elif k is None and not title_parts and len(t) <= 40 and TITLE_LEAD_RE.search(t) and _SENTENCE_PUNCT.search(t) is None:
            # first fragment of a broken title: join until the line ending in the 文种 word
            title_parts.append(t)
            while j + 1 < n and len(title_parts) < MAX_TITLE_LINES and kinds[j + 1] in (None, "title"):
                j += 1
                title_parts.append(lines[j].s)
                if kinds[j] == "title" or TYPE_END_RE.search(lines[j].s):
                    break
        elif k is None and head_orgs and number is None and ORGAN_LINE_RE.match(t):
            head_orgs.append(t)  # joint 版头: second organ on its own line
        elif k is None and (title_parts or number):
            break
        elif k is None:
            break
        j += 1
        if j - li > 10:
            break
    body_start = lines[j].start if j < n and lines[j].start < end else end
    body_start = max(body_start, off)
    if clean is not None and title_parts and title_parts[0].startswith("关于"):
        at = next((x for x in range(li, min(j + 1, n)) if lines[x].s.startswith(title_parts[0])), None)
        lead = _removed_issuer(clean, lines, at) if at else None
        if lead:
            title_parts.insert(0, lead)
    title = _norm_title("".join(title_parts)) if title_parts else None
    if number and number.year is None and number.prefix.endswith("令"):
        order_title = _promulgated_title(text, body_start, end)
        title = order_title or title
    doc = DocumentNode(start=off, end=end, body_start=min(body_start, end), title=title,
                       doc_type=doc_type_of(title), doc_number=number, addressees=addressees)
    if appoint:
        doc.doc_type = "任免"
    date_line, d = _date_line(text, lines, kinds, j, end)
    if note_date is not None:  # the note under a 规章/报告 title dates it
        doc.date = note_date.isoformat()
    elif date_line is not None:
        if d is None:
            d = parse_full_date(lines[date_line].text)
        doc.date = d.isoformat() if d else None
    doc.issuers = _issuers(lines, date_line, j, title, head_orgs, number)
    doc.attachments = _attachments(text, lines, j, end)
    return doc


def _promulgated_title(text: str, start: int, end: int) -> Optional[str]:
    m = QUOTED_RE.search(text, start, min(end, start + 400))
    return _norm_title(m.group("x")) if m else None


def _date_line(text, lines, kinds, j: int, end: int) -> tuple[Optional[int], Optional[date]]:
    """成文日期: the first date standing alone on its line after the header (line, date if parsed).

    GB/T 9704 §7.3.5: the 成文日期 closes the 正文 (under the signature); a 印发 notice's
    正文 is short, so its date comes before the published text, whose own dates sit
    inside sentences.
    """
    k = j
    while k < len(lines) and lines[k].start < end:
        t = lines[k].s  # (DATE_LINE_RE ends in a date's 日/号/digit or a bracket: the last character gates it)
        # (most lines of a body are sentences ending in 。: no call for them)
        if len(t) <= 50 and t[-1] != "。" and _date_line_at(t):
            d = parse_full_date(t)
            if d:
                return k, d
        if t[-1:] == "日" and len(t) > 50 and SIGNED_TAIL_RE.search(t):
            return k, None  # signature and date run onto the last paragraph: …工作。武汉市人民政府2021年11月19日
        k += 1
    return None, None


def _issuers(lines, date_line: Optional[int], j: int, title: Optional[str], head_orgs: list[str],
             number: Optional[DocNumberInfo] = None) -> list[str]:
    if date_line is not None:
        sig: list[str] = []
        k = date_line - 1
        dl = lines[date_line].s
        # (no Han character is a digit: a date line that opens with its year has no signature before it)
        m = (None if dl[0].isdigit() else _SIGNED_DATE_RE.match(dl)) or (SIGNED_TAIL_RE.search(dl) if len(dl) > 50 else None)
        if m:
            sig.append(m.group(1))
        while k >= j and len(sig) < 4 and lines[k].s[-1] in _ORG_LAST and ORGAN_LINE_RE.match(lines[k].s):
            sig.insert(0, lines[k].s)
            k -= 1
        if not sig and k >= j and (m := SIGNATURE_TAIL_RE.search(lines[k].s)):
            sig.append(m.group(1))
        if sig:
            return [o for s in sig for o in split_issuers(s)]
    if head_orgs:
        return [o for s in head_orgs for o in split_issuers(s)]
    if number is not None and number.year is None and number.prefix.endswith("令"):
        return split_issuers(number.prefix[:-1])  # 广东省人民政府令 → 广东省人民政府
    if title:
        m = _TITLE_ISSUER_RE.match(title)
        if m and _ORG_END_RE.search(m.group(1)):
            return split_issuers(m.group(1))
    return []


def _attachments(text: str, lines, j: int, end: int) -> list[str]:
    # both lists start on a line opening with 附: none in the body's text, no walk over its lines
    stop = bisect_left(lines, end, j, key=_LINE_START)  # the lines with start < end
    if stop <= j or "附" not in text[lines[j].start:lines[stop - 1].end]:
        return []
    out: list[str] = []
    k = j
    while k < len(lines) and lines[k].start < end:
        m = ATTACH_RE.match(lines[k].s) if lines[k].s[:1] == "附" else None
        if m:
            out.append(m.group("t").strip())
            k += 1
            while k < len(lines) and lines[k].start < end and (mm := ATTACH_MORE_RE.match(lines[k].s)):
                out.append(mm.group("t").strip())
                k += 1
            continue
        k += 1
    if out:
        return out
    # no 附件 list: the attachments' own headings (附件1 + title line) name them
    k = j
    while k + 1 < len(lines) and lines[k + 1].start < end:
        if lines[k].s[:1] == "附" and ATTACH_HEAD_RE.match(lines[k].s):
            t = lines[k + 1].s
            if len(t) <= 60 and _SENTENCE_PUNCT.search(t) is None and t not in out:
                out.append(t)
        k += 1
    return out


def _fallback(text: str, lines: list[_Line], bulletin: Optional[BulletinInfo], end: int) -> list[DocumentNode]:
    """No 版头 evidence: a leading title line (a plan, a report) or one untitled document."""
    if not lines:
        n = len(text)
        return [DocumentNode(start=0, end=n, body_start=0)] if n else []
    first = lines[0]
    if bulletin is None or not bulletin.toc:
        # the title may be wrapped over two short lines: 随州市卫生健康事业发展 / “十四五”规划
        for q in (1, 2):
            if len(lines) < q or any(len(ln.s) > 60 or _SENTENCE_PUNCT.search(ln.s) is not None for ln in lines[:q]):
                break
            t = "".join(ln.s for ln in lines[:q])
            if is_title(t) and len(t) <= 80:
                body = lines[q].start if len(lines) > q else lines[q - 1].end
                return [DocumentNode(start=first.start, end=end, body_start=min(body, end), title=_norm_title(t),
                                     doc_type=doc_type_of(t))]
    return [DocumentNode(start=first.start, end=end, body_start=first.start)]
