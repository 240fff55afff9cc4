"""Unit lists: split 责任单位 lists into organ names, keep 各县、市、区人民政府 whole.

Pure functions, no spans. The organ-name endings come from the names of
government bodies as they appear in 责任分工 annotations of provincial and
municipal 公文 (市经信局, 市发改委, 市委编办, 市政府办公厅, 各区人民政府,
荆州高新区管委会, 市大健康…领导小组办公室, 铁塔荆州公司, 市城发集团,
基础电信运营商, 市总工会, 市残联, 市科协, 武汉海关 …) and from the 党政机关
机构名称 conventions (…局/委/办/厅/部/署/院/中心).
"""

from __future__ import annotations

from ..text import rx

# Endings of an organ's name: a government body, a public institution or an
# enterprise named as a responsible unit. Longest first when used in a regex.
# STRICT_SUFFIXES below are the subset used for prose rules (a test checks that they are one).
ORGAN_SUFFIXES: tuple[str, ...] = (
    # government and Party bodies
    "人民政府", "政府", "管委会", "管理委员会", "委员会", "办公室", "办公厅", "领导小组", "小组", "指挥部",
    "部门", "机关", "机构", "局", "委", "办", "厅", "部", "署", "处", "科", "室", "所", "站", "队", "支队",
    "大队", "中支", "分行", "营管部", "海关", "法院", "检察院", "监委", "工委", "团委", "总工会", "工会",
    # branches of the central vertical organs: 人行杭州中心支行 (…局/…队/…海关 of 税务,
    # 金融监管, 统计调查 and 海关 already end like an organ), and 台 bodies (省气象台)
    "支行", "气象台", "电视台",
    "妇联", "残联", "科协", "侨联", "文联", "社科联", "工商联", "红十字会", "协会", "学会", "联合会",
    # public institutions and enterprises named as units
    "中心", "院", "馆", "学校", "学院", "大学", "高校", "医院", "公司", "集团", "企业", "银行", "运营商",
    "单位", "成员单位", "街道", "街道办事处", "办事处", "乡镇", "社区", "村",
)

# The endings that make a clause's subject an administrative organ for the
# prose rules (由X负责, X会同Y, X配合Y). Regulated parties (建设单位,
# 施工总承包单位, 县级医院) are not responsible units in the 公文 sense.
STRICT_SUFFIXES: tuple[str, ...] = (
    "人民政府", "政府", "管委会", "管理委员会", "委员会", "办公室", "办公厅", "领导小组", "小组", "指挥部",
    "主管部门", "行政部门", "部门", "机关", "经办机构", "局", "委", "办", "厅", "部", "署", "海关", "总队", "支队",
    "中心", "残联", "妇联", "科协", "总工会",
    # 人民银行 branches act as administrative organs (人行XX中心支行会同…)
    "中心支行", "中支",
)


# An explanatory note inside a unit list: 〈含开发区、风景区管委会,下同〉,
# (含开发区、风景区管委会,下同), （以下简称市自贸办）. 〈…〉 is always a note in
# these lists; round brackets only when they start with 含/包括/以下/下同.
_NOTE = rx.compile(r"〈[^〈〉]{0,60}〉|[（(](?:含|包括|以下|下同|简称)[^（）()]{0,60}[）)]")
_OPEN, _CLOSE = "（(〈《【[", "）)〉》】]"
_LIST_SEP = "、"
_GROUP_SEP = "，,；;"
_OPEN_SET = frozenset(_OPEN)
_SEP_SET = frozenset(_LIST_SEP + _GROUP_SEP)
_SPLITTERS = {seps: rx.compile(f"[{seps}]") for seps in (_LIST_SEP + _GROUP_SEP, _GROUP_SEP)}
# Words that join the last two units of a list or end it (市A、市B和市C, 市A等).
_GLUE_WORDS = ("以及", "及", "和", "与", "并")
_LEADING_GLUE = rx.compile(f"^(?:{'|'.join(_GLUE_WORDS)})")
# 市财政局、市发改委等部门: the closing 等部门 names no further unit.
_TRAILING_GLUE = rx.compile(r"(?<=\p{Han}{2})等(?:有关|相关)?(?:部门|单位)?$")
# A short fragment like 各县 / 市 / 东西湖 / 市财政 that shares the next item's
# ending (各县、市、区人民政府; 市财政、民政、乡村振兴部门).
_FRAGMENT_MAX = 4
# Endings that a list of short fragments shares (各县、市、区人民政府, 市财政、民政部门,
# 东西湖、蔡甸区人民政府). A proper name closing the list does not distribute: 市税务、
# 财政、人行荆州中支 are three units.
SHARED_ENDINGS: tuple[str, ...] = ("人民政府", "政府", "部门", "管委会", "管理委员会", "办事处", "党委", "党工委")
_BRACKETED = rx.compile(r"[（(][^（）()]{0,10}[）)]")


def strip_notes(text: str) -> str:
    """Drop 〈…〉 notes and (含…) remarks from a unit list; remove whitespace.

    >>> strip_notes("各区人民政府〈含开发区、风景区管委会,下同〉,市发改委")
    '各区人民政府,市发改委'
    >>> strip_notes("各县（市、区）人民政府")
    '各县（市、区）人民政府'
    """
    text = rx.drop_spaces(text)
    if "〈" not in text and "（" not in text and "(" not in text:
        return text  # every note opens with one of these
    prev = None
    while prev != text:  # nested notes: strip from the inside out
        prev, text = text, _NOTE.sub("", text)
    return text


def is_organ(name: str, *, strict: bool = False) -> bool:
    """True when ``name`` ends like the name of an organ (strict: an administrative one).

    >>> is_organ("市经信局"), is_organ("铁塔荆州公司"), is_organ("基础电信运营商")
    (True, True, True)
    >>> is_organ("施工总承包单位"), is_organ("施工总承包单位", strict=True)
    (True, False)
    >>> is_organ("卫生健康部门", strict=True), is_organ("其", strict=True)
    (True, False)
    """
    name = name.strip()
    if len(name) < 2:
        return False
    # str.endswith, not a ``(?:…)$`` pattern: that one tries the suffix alternation at
    # every character of the name
    return name.endswith(STRICT_SUFFIXES if strict else ORGAN_SUFFIXES)


def _top_level_split(text: str, seps: str) -> list[str]:
    """Split on ``seps`` outside brackets (各县（市、区）人民政府 stays whole)."""
    if _OPEN_SET.isdisjoint(text):  # no bracket: every separator is at the top level
        return _SPLITTERS[seps].split(text)
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _clean_unit(u: str) -> str:
    u = u.strip()
    if u.startswith(_GLUE_WORDS):
        u = _LEADING_GLUE.sub("", u)
    if "等" in u:
        u = _TRAILING_GLUE.sub("", u)
    return u.strip()


def _bare_len(p: str) -> int:
    """Length of ``p`` without its short bracketed parts."""
    return len(p) if _OPEN_SET.isdisjoint(p) else len(_BRACKETED.sub("", p))


def split_units(text: str) -> list[str]:
    """Split one group of units on 、 (and 和/及 glue), merging shared-ending fragments.

    >>> split_units("市发改委、市经信局、市政务数据局")
    ['市发改委', '市经信局', '市政务数据局']
    >>> split_units("各县、市、区人民政府")
    ['各县、市、区人民政府']
    >>> split_units("荆州经开区、荆州高新区管委会")
    ['荆州经开区', '荆州高新区管委会']
    >>> split_units("武汉经开区管委会、东西湖、蔡甸、江夏、黄陂、新洲区人民政府")
    ['武汉经开区管委会', '东西湖、蔡甸、江夏、黄陂、新洲区人民政府']
    >>> split_units("基础电信运营商、铁塔荆州公司")
    ['基础电信运营商', '铁塔荆州公司']
    >>> split_units("各县（市、区）人民政府")
    ['各县（市、区）人民政府']
    >>> split_units("各县（市）、区人民政府")
    ['各县（市）、区人民政府']
    >>> split_units("市财政局、市发改委等部门")
    ['市财政局', '市发改委']
    >>> split_units("市税务、财政、人行荆州中支等部门")
    ['市税务', '财政', '人行荆州中支']
    """
    text = strip_notes(text)
    if _SEP_SET.isdisjoint(text):  # one unit (a common annotation body): nothing to split or merge
        p = _clean_unit(text)
        return [p] if p else []
    pieces = [p for p in (_clean_unit(p) for p in _top_level_split(text, _LIST_SEP + _GROUP_SEP)) if p]
    out: list[str] = []
    pending: list[str] = []
    for p in pieces:
        if not is_organ(p) and _bare_len(p) <= _FRAGMENT_MAX:  # 各县（市）、区人民政府
            pending.append(p)
            continue
        if pending and not p.endswith(SHARED_ENDINGS):
            out.extend(pending)  # 市税务、财政、人行荆州中支: nothing shared
        else:
            p = _LIST_SEP.join(pending + [p])
        out.append(p)
        pending = []
    if pending:  # fragments with nothing after them: keep them as written
        out.extend(pending)
    return out


def split_groups(text: str) -> list[list[str]]:
    """Split a unit list into groups on ，；, each group into units on 、.

    The first group of （责任单位：A、B，C、D） is the lead (OUTPUT.md).

    >>> split_groups("市经信局，各县、市、区人民政府，荆州经开区、荆州高新区管委会")
    [['市经信局'], ['各县、市、区人民政府'], ['荆州经开区', '荆州高新区管委会']]
    >>> split_groups("各区人民政府〈含开发区、风景区管委会,下同〉,市发改委、市教育局")
    [['各区人民政府'], ['市发改委', '市教育局']]
    """
    text = strip_notes(text)
    groups = []
    for g in _top_level_split(text, _GROUP_SEP):
        units = split_units(g)
        if units:
            groups.append(units)
    return groups
