"""Responsibilities: who must do a task (OUTPUT.md "responsibility").

Three sources, in the order 公文 use them:

* annotations closing a task item: （责任单位：A、B，C）, （牵头单位：A；配合单位：B）,
  （牵头单位：A；B）, and an unbracketed 责任单位：… ending a paragraph
  (form ``annotation``). Where 牵头/配合 is explicit it is followed; otherwise
  the first group before ，/； is the lead and the rest cooperate (OUTPUT.md);
* 责任分工 tables whose header names 牵头单位/责任单位/配合单位 columns (one
  record per row, form ``table``);
* prose: 由X负责/牵头/统一制定, 由X + an action or an adverbial opening one
  (由X责令限期改正, 由X处警告, 由X在5个工作日内将…拨付), X会同Y, Y配合X做好,
  X牵头(，会同Y / ，Y配合) (form ``prose``), only when X is an administrative
  organ (``values.orgs.is_organ(strict=True)``): regulated parties such as
  建设单位 or 施工总承包单位 are not responsible units. 由X按比例分担/负担 (who
  pays) and 由X组成 (who is a member) are not tasks. The subject form X负责Y
  (省住房城乡建设厅负责全省…监督管理工作) is not read: OUTPUT.md lists 由X负责 /
  X会同Y / X牵头 only, and no seed or held-out gold unit annotates it.

Rules developed on the five seed bulletins (荆州, 潜江, 随州, 武汉, 十堰); the
label words follow the 重点任务分工 annotations of provincial and municipal 公文.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from operator import itemgetter
from typing import Iterator, Optional

import regex

from ..text import rx
from ..values.comparators import alternation
from ..values.orgs import STRICT_SUFFIXES, is_organ, split_units, strip_notes
from .base import Block, Context, Draft

# --------------------------------------------------------------------------- tables

LEAD, COOP, RESP = "lead", "cooperating", "responsible"

# Annotation label → (role, rule id). RESP is 责任单位: its first group leads.
LABELS: dict[str, tuple[str, str]] = {
    "牵头单位": (LEAD, "responsibility.annotation.qiantou"),
    "牵头部门": (LEAD, "responsibility.annotation.qiantou"),
    "主责单位": (LEAD, "responsibility.annotation.zhuze"),
    "主办单位": (LEAD, "responsibility.annotation.zhuban"),
    "责任单位": (RESP, "responsibility.annotation.zeren"),
    "责任部门": (RESP, "responsibility.annotation.zeren"),
    "负责单位": (RESP, "responsibility.annotation.zeren"),
    "责任主体": (RESP, "responsibility.annotation.zeren"),
    "配合单位": (COOP, "responsibility.annotation.peihe"),
    "配合部门": (COOP, "responsibility.annotation.peihe"),
    "协办单位": (COOP, "responsibility.annotation.peihe"),
    "参与单位": (COOP, "responsibility.annotation.peihe"),
    "协助单位": (COOP, "responsibility.annotation.peihe"),
    "协同单位": (COOP, "responsibility.annotation.peihe"),
    "协作单位": (COOP, "responsibility.annotation.peihe"),
    "参加单位": (COOP, "responsibility.annotation.peihe"),
    "协同部门": (COOP, "responsibility.annotation.peihe"),
    "参与部门": (COOP, "responsibility.annotation.peihe"),
    "协办部门": (COOP, "responsibility.annotation.peihe"),
    "主责部门": (LEAD, "responsibility.annotation.zhuze"),
    "主要责任单位": (LEAD, "responsibility.annotation.zhuze"),
    "主要责任部门": (LEAD, "responsibility.annotation.zhuze"),
}
# Table headers: the same words name the unit columns of a 责任分工 table.
TABLE_TASK_HEADERS: tuple[str, ...] = ("任务事项", "重点任务", "重点工作", "工作任务", "主要任务", "工作内容",
                                       "具体措施", "任务", "事项", "工作", "内容", "措施")

# Header words of a unit column not written as a label (牵头部门（单位）, 责任处室, 协办方).
ROLE_WORDS: dict[str, str] = {"牵头": LEAD, "主责": LEAD, "主办": LEAD, "配合": COOP, "协办": COOP, "参与": COOP,
                              "协同": COOP, "责任": RESP, "负责": RESP}
_HEADER_ROLE = rx.compile(
    rf"^(?:{'|'.join(ROLE_WORDS)})(?=(?:单位|部门|处室|科室|机构|主体|方)$)")

_HEADER_NOISE = rx.compile(r"\s+|[（(][^（）()]{0,10}[）)]")
_HEADER_HINT = rx.compile(r"单位|部门|处室|科室|机构|主体|方")
# A header row names a lead or responsible column: one of these words, or, when a space
# or a bracket (both dropped as noise before matching) is written inside it, the word's
# first character followed by one (牵 头单位, 责任（主办）单位). Tested on a row's or a whole
# table's text, these say when no cell can be a lead or responsible header.
_LEAD_WORDS = sorted({w[:2] for w, (role, _) in LABELS.items() if role != COOP}
                     | {w for w, role in ROLE_WORDS.items() if role != COOP})
_HEADER_LEAD = rx.compile("|".join(_LEAD_WORDS))
_SPLIT_LEAD = rx.compile(rf"[{''.join(sorted({w[0] for w in _LEAD_WORDS}))}][\s（(]")

# Prose verbs after 由X (由领导小组办公室负责解释, 由市市场监管局统一制定).
YOU_VERBS: dict[str, str] = {
    "负责": "responsibility.prose.you_fuze",
    "牵头": "responsibility.prose.you_qiantou",
    "统一": "responsibility.prose.you_tongyi",
    "另行制定": "responsibility.prose.you_zhiding",
    "制定": "responsibility.prose.you_zhiding",
    "组织实施": "responsibility.prose.you_zuzhi",
    "解释": "responsibility.prose.you_jieshi",
}
# Other predicates after 由X: an action of the 法律责任 articles, a procedure step,
# or an adverbial opening one (由县级以上人民政府燃气管理部门责令限期改正, 由公安机关
# 交通管理部门处警告, 由同级财政部门在5个工作日内将补贴资金拨付). word → rule id.
_ACT, _ADV = "responsibility.prose.you_act", "responsibility.prose.you_adverbial"
YOU_ACTS: dict[str, str] = {
    # 行政处罚 and 处分 (行政处罚法 第九条 kinds) and their procedure
    **dict.fromkeys(("责令", "处", "处以", "给予", "予以", "没收", "吊销", "撤销", "暂扣", "查处", "依法处理",
                     "依法查处", "追究", "追回", "收回"), _ACT),
    # procedure steps of 办法/通知 (审核、拨付、公布、备案 …)
    **dict.fromkeys(("拨付", "发放", "核发", "颁发", "审核", "审批", "审定", "审查", "批准", "核准", "核定",
                     "认定", "确定", "确认", "指定", "公布", "发布", "通报", "备案", "受理", "办理", "登记",
                     "评估", "考核", "验收", "检查", "督促", "指导", "协调", "监督", "编制", "提出", "出具",
                     "汇总", "报送", "上报", "转报", "作出", "做出", "决定", "委托", "开展", "建立", "提供",
                     "执行", "落实", "承办", "代为", "会商", "征求", "组织", "统筹", "印发", "报请", "报经",
                     "商", "研究", "起草", "制订", "规定", "召集"), _ACT),
    # adverbials before the verb: time, manner, object or addressee first
    **dict.fromkeys(("在", "于", "自", "对", "向", "按照", "按", "依照", "依据", "依法", "根据", "结合", "将",
                     "把", "从", "及时", "定期", "每年", "分别", "共同", "联合", "具体", "直接", "集中"), _ADV),
}
# A predicate word that also starts the next part of an organ's name is not a
# predicate there: 由县级以上人民政府自然资源主管部门 (not 自…起), 由市委组织部, 由省委
# 统一战线工作部, 由市场监督管理局, 由县公安局交通管理处. X is read shortest first.
NAME_GOES_ON: dict[str, str] = {"自": "然治贸", "组织": "部", "统一": "战", "监督": "管", "对": "外",
                                "处": "室长理置", "商": "务业会品标", "研究": "室院所中会"}
# A 由X clause that names who pays or who is a member is not a task: 由市、区人民政府
# 按照1:1的比例负担 (seed gold: no responsibility), 联席会议由…等部门组成.
_YOU_NOT_TASK = rx.compile(r"组成|构成|分担|负担|承担|共担|担任|比例")
# 由X认定的企业, 由X颁发的证书, 由X审核通过的项目: an attribute of a noun, not a task
# (the verb's own object may hold 的: 由X没收违法充装的气瓶).
_YOU_ATTRIBUTE = rx.compile(r"(?:通过|同意|确定|后|过)?的")
# Role verbs closing a clause inside brackets (（省发展改革委牵头，省财政厅等按职责分工负责）),
# the style of State Council and provincial 任务分工.
ROLE_VERBS: dict[str, str] = {
    "牵头负责": LEAD, "负责牵头": LEAD, "牵头": LEAD,
    "配合落实": COOP, "配合": COOP, "参与": COOP, "协助": COOP, "协同": COOP, "共同参与": COOP,
    "按职责分工负责": RESP, "按职能分工负责": RESP, "按职责负责": RESP, "分工负责": RESP, "分别负责": RESP,
    "共同负责": RESP, "负责": RESP, "负责落实": RESP,
    # （省住房城乡建设厅牵头，各市州人民政府落实）: the units that carry the task out
    "落实": RESP, "抓好落实": RESP, "分别落实": RESP, "按职责分工落实": RESP, "组织实施": RESP,
    "负责实施": RESP, "具体实施": RESP, "配合实施": COOP,
}
# Modal words between a subject and 会同/配合 (市人社部门要会同…).
MODALS = ("应当", "必须", "要", "应", "须", "可", "将", "积极", "主动", "负责")

# --------------------------------------------------------------------------- patterns


_LABEL_ALT = alternation(LABELS)
# （责任单位： — the opening of an annotation; its body is scanned for the matching bracket.
# The label is closed by ：, or by 为 inside brackets (（责任单位为市发展改革委）).
_LABEL_END = r"\s{0,2}(?:[：:]|为(?=\p{Han}))"
_ANNOT_OPEN = rx.compile(rf"[（(【\[]\s{{0,2}}(?P<label>{_LABEL_ALT}){_LABEL_END}")
# 责任单位：市经信局 ending a paragraph without brackets.
# ；完成时限：… another field after the units (a 配合单位： label is not another field)
_OTHER_FIELD = rf"[；;，,]\s{{0,2}}(?!{_LABEL_ALT})\p{{Han}}{{2,6}}[：:]"
_ANNOT_BARE = rx.compile(
    rf"""(?:^|(?<=[。；;]))\s{{0,2}}(?P<label>{_LABEL_ALT})\s{{0,2}}[：:]       # 责任单位： at a clause start
         (?P<body>(?:(?!{_OTHER_FIELD})[^\n。（()）]){{2,200}}+)              # the unit list
         (?:{_OTHER_FIELD}[^\n]{{0,60}})?。?$                               # optional other field, line end
    """,
    regex.M | regex.X,
)
_SEG_LABEL = rx.compile(rf"^\s{{0,2}}(?P<label>{_LABEL_ALT}){_LABEL_END}")
_OPEN, _CLOSE = "（(〈【[", "）)〉】]"
_OPEN_SET = frozenset(_OPEN)
_PIECE_SEP = rx.compile("([，,；;])")
_ROLE_VERB = rx.compile(rf"(?:等)?(?P<verb>{alternation(ROLE_VERBS)})$")
# （省教育厅牵头，2025年底前完成）: a time clause inside an annotation is not a unit.
_TIME_CLAUSE = rx.compile(r"\d{4}年|\d{1,2}月|持续|长期|年底|年内|前完成|每年|逐年")
_LABEL_WORDS = tuple(LABELS)
_ROLE_VERB_WORDS = tuple(ROLE_VERBS)


def _maybe_time(piece: str) -> bool:
    """Whether ``piece`` holds a character every _TIME_CLAUSE match holds (most unit lists do not)."""
    return "年" in piece or "月" in piece or "持续" in piece or "长期" in piece or "前完成" in piece


_LEAD_MARK = rx.compile(r"[（(]牵头[）)]$")
# Remarks that sometimes close a unit list (以下各项均需各区落实，不再列出).
_NOT_UNIT = rx.compile(r"下同|以下|不再|均需|均由|按照|根据|列出|具体|组织实施")
_NOT_UNIT_CHARS = frozenset("下不均按根列具组")  # every _NOT_UNIT word holds one: most units skip the search
# （省发展改革委牵头，省财政厅配合）: an unlabelled bracket closed by a role verb.
# The body may hold short brackets of its own (各市（州）人民政府).
_ANNOT_VERB = rx.compile(r"[（(](?P<body>(?:[^（）()：:\n。]|[（(][^（）()：:\n。]{1,8}[）)]){2,150}+)[）)]")
_VERB_CLAUSE_END = rx.compile(rf"(?:{alternation(ROLE_VERBS)})(?:[，,；;]|$)")
_MAX_BODY = 400
_MAX_DEPTH = 3  # brackets nested inside an annotation body (〈含…〉, 各县（市、区）)

# Prose. A unit list: Han letters, digits and 、 (市、区林业主管部门), no clause punctuation.
_U = r"(?:[\p{Han}A-Za-z0-9、]|[（(][\p{Han}、]{1,8}[）)])"  # 各县（市、区）人民政府 keeps its brackets
# 负责人/负责同志 is a person (由消防救援部门负责人指挥), not 负责.
# X never holds another 由 (由由由… would be read 30 times over), except in 自由贸易区.
_UX = rf"(?:自由|(?!由){_U})"


def _guarded_alt(words) -> str:
    """Alternation of ``words``, longest first, each barred from running on into an organ name."""
    return "|".join(regex.escape(w) + (f"(?![{NAME_GOES_ON[w]}])" if w in NAME_GOES_ON else "")
                    for w in sorted(set(words), key=lambda w: (-len(w), w)))


_YOU = rx.compile(rf"由(?P<x>{_UX}{{2,30}}?)(?P<verb>{_guarded_alt(YOU_VERBS)})(?!人|同志)")
# 由 as a preposition opening an agent (not 理由/自由/事由/由于/由此).
_YOU_ACT = rx.compile(
    rf"(?<![理自缘事来])由(?![于此来衷])(?P<x>{_UX}{{0,28}}?(?:{alternation(STRICT_SUFFIXES)}))"
    rf"(?P<verb>{_guarded_alt(YOU_ACTS)})"
)
_HUITONG = rx.compile(r"会同")
_PEIHE = rx.compile(r"配合")
_QIANTOU = rx.compile(r"牵头")
# The cooperating list after 会同/配合: items ending like an organ, joined by 、和及与,
# optionally closed by 等(有关)部门/单位 (市财政局、市发改委等部门).
_STRICT = f"(?:{alternation(STRICT_SUFFIXES)})"
# One unit: the shortest run ending like an organ, atomic so that a failing tail
# never re-splits the list (no catastrophic backtracking on 局、局、局…).
_ITEM = rf"(?>{_U}{{0,20}}?{_STRICT})"
_COOP_LIST = rx.compile(
    rf"(?P<y>(?:有关|相关|各有关|各相关)?{_ITEM}(?:[、和及与]{_ITEM}){{0,12}}+(?:等(?:有关|相关)?(?:部门|单位))?)"
)
_CLAUSE_BOUND = "，。；,;：:！？!?\n（(）)"
_ITEM_MARK = rx.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|第[一二三四五六七八九十百]{1,4}条)\s{0,2}")
_SENT_END = "。；！？!?"


# --------------------------------------------------------------------------- extract


# Unit lists and annotation bodies repeat within a document (table rows, a subject read by
# _organs and split again) and across the documents of a bulletin (（责任单位：市体育局）):
# their readings are kept in bounded lru_caches. The readings are pure, so a cache can only
# save work (callers get fresh lists).
_CACHE_SIZE = 2048


def extract(ctx: Context) -> Iterator[Draft]:
    """Yield responsibility drafts from annotations, 责任分工 tables and prose."""
    blocks = ctx.blocks
    done = 0  # end of the last annotation: one cut by a line break ends in a later block
    for i, kinds in _candidates(ctx):
        block = blocks[i]
        taken: list[tuple[int, int]] = []
        if not _ANNOT_KINDS.isdisjoint(kinds):
            prev = blocks[i - 1] if i else None
            for d in _annotations(ctx.clean.text, block, prev, done, ctx.document.end, kinds):
                done = d.end
                taken.append((d.start - block.start, d.end - block.start))
                yield d
        if not _PROSE_WORDS.isdisjoint(kinds):
            yield from _prose(block, taken, kinds)
    yield from _tables(ctx)


# What every record of a paragraph needs: a label (责任单位), a role verb closing a
# clause or a bracket (省财政厅配合）, 各地落实，), or a prose trigger (由, 会同, 配合, 牵头).
# A paragraph without one holds no annotation and no prose record. Each trigger pattern
# starts with a literal (the regex engine finds those fast; one alternation of them all
# is tried at every character): labels by their last two characters, role verbs by the
# two they end with (a wider net than the verbs themselves: a paragraph too many is only
# read for nothing). Each pattern also names the kind of trigger it finds ("label", "verb",
# or the prose word itself): the readers of a paragraph run only when a kind they need is there.
_PROSE_TRIGGERS = ("由", "会同", "配合", "牵头")  # the word each prose rule is built on
_PROSE_WORDS = frozenset(_PROSE_TRIGGERS)
# An annotation needs a label, or a role verb closing a clause (whose last two characters are
# a "verb" trigger, or 牵头/配合, found as prose words).
_ANNOT_KINDS = frozenset(("label", "verb", "牵头", "配合"))
_VERB_KINDS = _ANNOT_KINDS - {"label"}


def _trigger_patterns() -> tuple:
    # Patterns of the standard engine (literals, a class of literals, a fixed-width look-behind):
    # it matches them as ``regex`` does, and a call costs half as much.
    # A label: its last two characters, then its last four behind them (every label has
    # four or more; a longer one ends with a label of four: 主要责任单位 with 责任单位). The
    # literal comes first: the engine finds it fast (a look-behind first is tried everywhere).
    tails: dict[str, set[str]] = {}
    for w in LABELS:
        tails.setdefault(w[-2:], set()).add(w[-4:])
    labels = [(end, rx.compile_std(f"{end}(?<={'|'.join(sorted(ts))})"), "label") for end, ts in sorted(tails.items())]
    # A role verb: the two characters it ends with, then a clause mark. (One pattern for them
    # all would cost a sixth on a short notice, but more on a long text, where the engine
    # tests a class of first characters at every character instead of finding a literal.)
    verbs = [(end, rx.compile_std(f"{end}[，,；;）)]"), "verb")
             for end in sorted({w[-2:] for w in ROLE_VERBS} - _PROSE_WORDS)]
    return (*((w, rx.compile_std(w), w) for w in _PROSE_TRIGGERS), *labels, *verbs)


_TRIGGERS = _trigger_patterns()  # (the literal each match starts with, the pattern, the kind of trigger)


def _candidates(ctx: Context) -> list[tuple[int, set[str]]]:
    """Indexes of the blocks holding a trigger, in order, each with the kinds of trigger it holds:
    a few literal scans of the document, not a test of every paragraph."""
    full, blocks = ctx.clean.text, ctx.blocks
    starts = [b.start for b in blocks]
    lo, hi = ctx.document.start, ctx.document.end
    found: dict[int, set[str]] = {}
    # (no str.find gate for the literal: the regex engine finds a word of two characters,
    # or learns it is absent, several times faster than str.find does)
    for _, p, kind in _TRIGGERS:
        search = p.search
        m = search(full, lo, hi)
        while m:
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < blocks[i].end:  # not a tab line (a table row)
                found.setdefault(i, set()).add(kind)
                m = search(full, blocks[i].end, hi)  # the block is known to hold this kind: go past it
            else:
                m = search(full, m.end(), hi)
    return sorted(found.items())


# --------------------------------------------------------------------------- annotations


def _annotations(full: str, block: Block, prev: Optional[Block], done: int, limit: int,
                 kinds: set[str]) -> Iterator[Draft]:
    """Annotations of one paragraph; ``kinds``: the kinds of trigger it holds (see _TRIGGERS)."""
    text = block.text
    task_from = max(0, min(len(text), done - block.start))
    lo = block.start + task_from
    # gates: a labelled annotation needs its label; an unlabelled one is in brackets and closed
    # by a role verb (a "verb" trigger, or 牵头/配合)
    found: list[tuple[int, int, Optional[str], str]] = (
        list(_find_annotations(full, lo, block.end, limit)) if "label" in kinds else [])
    if ("（" in text or "(" in text) and not _VERB_KINDS.isdisjoint(kinds):
        labelled = len(found)
        for v in _find_verb_annotations(full, lo, block.end):
            if not any(v[0] < e and v[1] > s for s, e, _, _ in found):
                found.append(v)
        if len(found) > labelled:  # (the labelled ones come in text order)
            found.sort(key=_START)
    for a, b, label, body in found:
        a, b = a - block.start, b - block.start
        rule = LABELS[label][1] if label else "responsibility.annotation.verb"
        lead, coop = parse_annotation(label, body)
        if not lead and not coop:
            continue
        task = text[task_from:a].strip()
        if not task and prev is not None and task_from == 0:
            task = prev.text.strip()
        s0 = max(_sentence_start(text, a), min(task_from, a))
        yield Draft(kind="responsibility", start=block.start + a, end=block.start + b,
                    fields={"lead": lead, "cooperating": coop, "task": task or None, "form": "annotation"},
                    rule=rule, section_id=block.section_id,
                    sentence=(block.start + s0, block.start + b))
        task_from = b


def _find_annotations(text: str, pos: int, stop: int, limit: int) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, label, body) of every annotation opening in ``text[pos:stop]``.

    The body may run past ``stop`` when a line break cuts the annotation
    (（责任单位：⏎市委组织部、…）).
    """
    first = pos
    # an opening starts with its bracket (the search finds those fast); a bare label needs its colon
    free = (0, 0)  # [a, b) holds no closing bracket: openings whose body window lies there never close
    while True:
        m = _ANNOT_OPEN.search(text, pos, stop)
        if not m:
            break
        window = min(len(text), limit, m.end() + _MAX_BODY)
        if free[0] <= m.end() and window <= free[1]:
            close = None  # （责任单位：（责任单位：… never closed: no walk, no search per opening
        else:
            close = _matching_close(text, m.end(), limit)
            if close is None:
                free = (m.end(), _next_close(text, m.end(), m.end() + 10 * _MAX_BODY))
        if close is None:  # cut off: take the rest of the line when short
            if stop - m.end() > 200:
                pos = m.end()
                continue
            end, body = stop, text[m.end():stop]
        else:
            end, body = close + 1, text[m.end():close]
        yield m.start(), end, m.group("label"), body
        pos = end
    if pos == first and (text.find("：", pos, stop) >= 0 or text.find(":", pos, stop) >= 0):
        m = _ANNOT_BARE.search(text, pos, stop)
        if m:
            yield m.start("label"), m.end("body"), m.group("label"), m.group("body")


def _find_verb_annotations(text: str, pos: int, stop: int) -> Iterator[tuple[int, int, None, str]]:
    """Unlabelled annotations closed by a role verb: （省发展改革委牵头，省财政厅配合）.

    Accepted only at a clause edge and when every clause names organs.
    """
    for m in _ANNOT_VERB.finditer(text, pos, stop):
        a, b = m.span()
        at_edge = a == 0 or text[a - 1] in "。；;，,\n" or b >= stop or text[b] in "。；;，,\n"
        if not at_edge:
            continue
        if not _VERB_CLAUSE_END.search(m.group("body")):
            continue
        pieces = _role_pieces(None, m.group("body"), strict_units=True)
        if pieces:
            yield a, b, None, m.group("body")


def _matching_close(text: str, start: int, limit: int) -> Optional[int]:
    """Offset of the bracket closing an annotation body; line breaks inside are allowed."""
    depth = 0
    end = min(len(text), limit, start + _MAX_BODY)
    search = _BODY_STOP.search  # jump from bracket to bracket: the characters between change nothing
    m = search(text, start, end)
    while m:
        i = m.start()
        ch = text[i]
        if ch in _OPEN:
            depth += 1
            if depth > _MAX_DEPTH:  # （责任单位：（责任单位：… never closes: stop early
                return None
        elif ch in _CLOSE:
            if depth == 0:
                return i
            depth -= 1
        elif ch == "。" or (ch == "\n" and _ANNOT_OPEN.match(text, i + 1)):
            return None
        m = search(text, i + 1, end)
    return None


_BODY_STOP = rx.compile_std("[" + regex.escape(_OPEN + _CLOSE) + "。\n]")  # what _matching_close looks at
_START = itemgetter(0)


def _next_close(text: str, start: int, bound: int) -> int:
    """Offset of the first closing bracket in ``text[start:bound]``, else ``bound``."""
    found = [i for i in (text.find(c, start, bound) for c in _CLOSE) if i >= 0]
    return min(found) if found else min(bound, len(text))


def parse_annotation(label: Optional[str], body: str) -> tuple[list[str], list[str]]:
    """Lead and cooperating units of an annotation body after its first label.

    >>> parse_annotation("责任单位", "市经信局，各县、市、区人民政府，荆州经开区、荆州高新区管委会")
    (['市经信局'], ['各县、市、区人民政府', '荆州经开区', '荆州高新区管委会'])
    >>> parse_annotation("牵头单位", "市招商办;配合单位:市直各相关部门,各区人民政府〈含开发区、风景区管委会,下同〉")
    (['市招商办'], ['市直各相关部门', '各区人民政府'])
    >>> parse_annotation("牵头单位", "市卫健委;市民政局")
    (['市卫健委'], ['市民政局'])
    >>> parse_annotation("牵头单位", "市发改委，配合单位：市财政局")
    (['市发改委'], ['市财政局'])
    >>> parse_annotation("责任单位", "市经信局、市财政局、市科技局、市城发集团")
    (['市经信局', '市财政局', '市科技局', '市城发集团'], [])
    >>> parse_annotation(None, "省发展改革委牵头，省财政厅、省商务厅等按职责分工负责")
    (['省发展改革委'], ['省财政厅', '省商务厅'])
    """
    return _combine(_role_pieces(label, body) or [])


def _combine(pieces: list[tuple[str, list[str]]]) -> tuple[list[str], list[str]]:
    """Lead and cooperating units from (role, units) pieces (OUTPUT.md: explicit 牵头 wins,
    else the first 责任单位 group leads)."""
    if len(pieces) == 1:  # (most annotations: one unit list, which leads unless it cooperates)
        role, units = pieces[0]
        return ([], units) if role == COOP else (units, [])
    roles = {r for r, _ in pieces}
    lead: list[str] = []
    coop: list[str] = []
    if LEAD in roles:
        for r, units in pieces:
            (lead if r == LEAD else coop).extend(units)
    elif RESP in roles:
        groups = [units for r, units in pieces if r == RESP]
        lead = groups[0]
        coop = [u for r, units in pieces if units is not lead for u in units]
    else:
        coop = [u for _, units in pieces for u in units]
    return lead, coop


def _role_pieces(label: Optional[str], body: str, *, strict_units: bool = False):
    """:func:`_read_role_pieces`, read once per body (fresh lists every call)."""
    out = _cached_role_pieces(label, body, strict_units)
    return None if out is None else [(role, list(units)) for role, units in out]


@lru_cache(maxsize=_CACHE_SIZE)
def _cached_role_pieces(label: Optional[str], body: str, strict_units: bool):
    return _read_role_pieces(label, body, strict_units=strict_units)


def _units(text: str) -> list[str]:
    """:func:`split_units`, read once per text (a fresh list every call)."""
    return list(_unit_tuple(text))


@lru_cache(maxsize=_CACHE_SIZE)
def _unit_tuple(text: str) -> tuple[str, ...]:
    return tuple(split_units(text))


def _read_role_pieces(label: Optional[str], body: str, *, strict_units: bool = False):
    """Split a body on ，； into (role, units) pieces; ``None`` when a piece is not a unit list.

    A piece starting with a label takes its role; an unlabelled piece after ；
    following the lead is cooperating (（牵头单位：A；B）); a piece ending with a
    role verb (A牵头, B配合, C按职责分工负责) takes the verb's role. Time clauses
    (2025年底前完成, 持续推进) are skipped.
    """
    body = strip_notes(body)
    if "：" in body or ":" in body or "为" in body:  # a label ends with one of them (_LABEL_END)
        body = _GLUED_LABEL.sub("；", body)
    role = LABELS[label][0] if label else None
    out: list[tuple[Optional[str], list[str]]] = []
    for sep, piece in _pieces(body):
        m = _SEG_LABEL.match(piece) if piece.startswith(_LABEL_WORDS) else None  # pieces are stripped
        if m:
            role, piece = LABELS[m.group("label")][0], piece[m.end():]
        elif sep in "；;" and role == LEAD and out:
            role = COOP
        v = _ROLE_VERB.search(piece) if piece.endswith(_ROLE_VERB_WORDS) else None
        piece_role = role
        if v:
            piece_role, piece = ROLE_VERBS[v.group("verb")], piece[:v.start()]
            if piece_role == LEAD:
                role = COOP  # what follows a lead clause without its own verb cooperates
        if ((_maybe_time(piece) and _TIME_CLAUSE.search(piece) and not is_organ(piece))
                or "：" in piece or ":" in piece):
            continue  # 完成时限：2023年底, another field of the annotation
        units = [u for u in _units(piece) if _NOT_UNIT_CHARS.isdisjoint(u) or not _NOT_UNIT.search(u)]
        if not units:
            continue
        marked = [u for u in units if "牵头" in u and _LEAD_MARK.search(u)]
        if marked:  # 市发改委（牵头）、市财政局: the marked unit leads
            out.append((LEAD, [_LEAD_MARK.sub("", u) for u in marked]))
            units = [u for u in units if u not in marked]
            piece_role = COOP if piece_role in (None, RESP, LEAD) else piece_role
            if not units:
                continue
        if strict_units and not all(is_organ(u) and len(u) >= 3 and "由" not in u.replace("自由", "")
                                    for u in units):
            return None  # （由企业负责）: a bare 企业/单位 is not a named unit; （办法由市财政局组织实施） is prose
        out.append((piece_role if piece_role else RESP, units))
    return out


# A label written after a space instead of ；: the cleaned text has lost the space
# (牵头单位：市教育局 责任单位：市财政局 → 市教育局责任单位：市财政局).
_GLUED_LABEL = rx.compile(rf"(?<=[^，,；;\s])(?=(?:{_LABEL_ALT}){_LABEL_END})")


def _pieces(body: str) -> Iterator[tuple[str, str]]:
    """(separator before, piece) for the top-level ，；-separated pieces of ``body``."""
    if _OPEN_SET.isdisjoint(body):  # no bracket: every separator is at the top level
        parts = _PIECE_SEP.split(body)  # piece, separator, piece, …
        yield "", parts[0].strip()
        for i in range(1, len(parts), 2):
            yield parts[i], parts[i + 1].strip()
        return
    depth, sep = 0, ""
    cur: list[str] = []
    for ch in body:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in "，,；;" and depth == 0:
            yield sep, "".join(cur).strip()
            cur, sep = [], ch
        else:
            cur.append(ch)
    yield sep, "".join(cur).strip()


def _sentence_start(text: str, at: int) -> int:
    """Start of the sentence just before ``at`` (the one the annotation closes)."""
    i = at - 1
    while i >= 0 and text[i] in _SENT_END_SPACE:
        i -= 1
    m = _SENT_END_BACK.search(text, 0, i + 1)  # the last sentence end up to i
    return m.end() if m else 0


_SENT_END_SPACE = _SENT_END + " "
_SENT_END_BACK = rx.compile(f"(?r)[{_SENT_END}]")  # searched backwards: the first match is the last one


# --------------------------------------------------------------------------- tables


def _tables(ctx: Context) -> Iterator[Draft]:
    """One draft per row of every 责任分工 table: the segmenter's tables, plus any
    tab-separated run it did not turn into a table."""
    if not ctx.tables and ctx.clean.text.find("\t", ctx.document.start, ctx.document.end) < 0:
        return  # neither: no row to read (most short notices)
    # (section id, rows, each row's header columns or None): every row is read as a header once
    tables: list[tuple[Optional[str], list, list]] = []
    for t in ctx.tables:
        whole = "".join(c.text for r in t.rows for c in r)
        if not (_HEADER_LEAD.search(whole) or _SPLIT_LEAD.search(whole)):
            continue  # no row can be a header
        heads = [_header_columns([c.text for c in r]) for r in t.rows]
        if any(h is not None for h in heads):  # a segmenter table without its header row is read again from the raw lines
            tables.append((t.section_id, list(t.rows), heads))
    covered = {c.start for _, rows, _ in tables for row in rows for c in row[:1]}
    text = ctx.clean.text
    for run in _tab_runs(ctx):
        a, b = run[0][0], run[-1][1]
        if any(pos in covered for pos, _ in run) or not (
                _HEADER_LEAD.search(text, a, b) or _SPLIT_LEAD.search(text, a, b)):
            continue  # the segmenter's table, or no header row can be in it
        rows = [_row_cells(text, pos, end) for pos, end in run]
        tables.append((None, rows, [_header_columns([c.text for c in r]) for r in rows]))
    for section_id, rows, heads in tables:
        header: Optional[dict[str, list[int]]] = None
        width = 0
        for row, cols in zip(rows, heads):
            if cols is not None:
                header, width = cols, len(row)
                continue
            if header is None or len(row) > width or len(row) < 2:
                continue
            h = header
            if len(row) < width:  # a merged cell on the left (领域, 序号): align from the right
                shift = width - len(row)
                h = {k: [i - shift for i in v if i - shift >= 0] for k, v in header.items()}
                if not (h[LEAD] or h[RESP]) or any(i - shift < 0 for k in (LEAD, RESP, COOP) for i in header[k]):
                    continue
            d = _row_draft(row, h, section_id)
            if d is not None:
                yield d


def _header_columns(cells: list[str]) -> Optional[dict[str, list[int]]]:
    """Column indexes by role when ``cells`` is a 责任分工 header row, else None.

    >>> _header_columns(["序号", "任务事项", "牵头单位", "责任单位", "完成时限"])
    {'lead': [2], 'responsible': [3], 'cooperating': [], 'task': [1]}
    >>> _header_columns(["序号", "重点工作", "责任单位", "完成时限"])
    {'lead': [], 'responsible': [2], 'cooperating': [], 'task': [1]}
    """
    joined = "".join(cells)
    if not (_HEADER_LEAD.search(joined) or _SPLIT_LEAD.search(joined)):
        return None  # most rows: no 牵头/责任/负责 word, so no lead or responsible column
    if not any(len(c) <= 16 and _HEADER_HINT.search(c) for c in cells):
        return None
    cols: dict[str, list[int]] = {LEAD: [], RESP: [], COOP: [], "task": []}
    for i, c in enumerate(cells):
        c = _HEADER_NOISE.sub("", c)  # 责任单位（部门） → 责任单位
        if c in LABELS:
            cols[LABELS[c][0]].append(i)
        elif len(c) <= 8 and _HEADER_ROLE.search(c):
            cols[ROLE_WORDS[_HEADER_ROLE.search(c).group()]].append(i)
        elif c in TABLE_TASK_HEADERS and not cols["task"]:
            cols["task"].append(i)
    if not (cols[LEAD] or cols[RESP]):
        return None
    return cols


def _row_draft(row, header: dict[str, list[int]], section_id: Optional[str]) -> Optional[Draft]:
    pieces: list[tuple[str, list[str]]] = []
    for role, label in ((LEAD, "牵头单位"), (RESP, "责任单位"), (COOP, "配合单位")):
        for i in header[role]:
            pieces.extend(_role_pieces(label, row[i].text) or [])
    lead, coop = _combine(pieces)
    if not lead and not coop:
        return None
    if not all(is_organ(u) or len(u) > 4 for u in lead + coop):
        return None
    task = row[header["task"][0]].text.strip() if header["task"] else None
    start, end = row[0].start, row[-1].end
    sent = (start, end)  # the row is the sentence: the record text must sit inside it
    return Draft(kind="responsibility", start=start, end=end,
                 fields={"lead": lead, "cooperating": coop, "task": task or None, "form": "table"},
                 rule="responsibility.table", section_id=section_id, sentence=sent)


class _Cell:
    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end


def _tab_runs(ctx: Context) -> list[list[tuple[int, int]]]:
    """Runs of adjacent tab-separated lines as (start, end) spans: tables the segmenter may not have given.

    Only the tab lines are visited (found with ``str.find``).
    """
    text = ctx.clean.text
    first, stop = ctx.document.start, ctx.document.end
    runs: list[list[tuple[int, int]]] = []
    last_end = -2
    tab = text.find("\t", first, stop)
    while tab >= 0:
        pos = text.rfind("\n", first, tab) + 1 or first
        nl = text.find("\n", tab, stop)
        end = stop if nl < 0 else nl
        if not runs or pos != last_end + 1:  # a paragraph (or an empty line) came between
            runs.append([])
        runs[-1].append((pos, end))
        last_end = end
        tab = text.find("\t", end, stop)
    return runs


def _row_cells(text: str, pos: int, end: int) -> list[_Cell]:
    """The cells of the tab line ``text[pos:end]``."""
    cells, p = [], pos
    for part in text[pos:end].split("\t"):
        cells.append(_Cell(part.strip(), p, p + len(part)))
        p += len(part) + 1
    return cells


# --------------------------------------------------------------------------- prose


def _prose(block: Block, taken: list[tuple[int, int]], words: set[str]) -> Iterator[Draft]:
    """Prose responsibilities of one paragraph, outside the annotations already ``taken``;
    ``words``: the prose words (由, 会同, 配合, 牵头) it holds."""
    text = block.text

    def emit(s: int, e: int, lead: list[str], coop: list[str], rule: str) -> Iterator[Draft]:
        if any(s < te and e > ts for ts, te in taken):
            return
        taken.append((s, e))
        a, b = _sentence(text, s, e)
        yield Draft(kind="responsibility", start=block.start + s, end=block.start + e,
                    fields={"lead": lead, "cooperating": coop, "task": text[a:b].strip(), "form": "prose"},
                    rule=rule, section_id=block.section_id, sentence=(block.start + a, block.start + b))

    # X会同Y (also 由X会同Y): the subject leads.
    # each pattern starts with its word: skip the call when the word is absent
    for m in _HUITONG.finditer(text) if "会同" in words else ():
        subj = _subject(text, m.start())
        y = _unit_list(text, m.end())
        if subj is None or y is None:
            continue
        s, lead = subj
        yield from emit(s, y[1], lead, y[0], "responsibility.prose.huitong")
    # 由X负责/牵头/统一制定…
    # (a match ends on one of YOU_VERBS: most paragraphs with 由 hold none, and the pattern
    # tries the verbs at every character after each 由)
    for m in _YOU.finditer(text) if "由" in words and any(v in text for v in YOU_VERBS) else ():
        x = m.group("x")
        if "会同" in x or "配合" in x or not _organs(x) or _YOU_ATTRIBUTE.match(text, m.end(), _clause_end(text, m.end())):
            continue
        coop, end = _coop_tail(text, m.end())
        yield from emit(m.start("x"), end, _units(x), coop, YOU_VERBS[m.group("verb")])
    # 由X责令/处/拨付…, 由X在…内…: the agent of an action is responsible for it.
    for m in _YOU_ACT.finditer(text) if "由" in words else ():
        x = m.group("x")
        if "会同" in x or "配合" in x or not _organs(x):
            continue
        end = _clause_end(text, m.end())
        if _YOU_NOT_TASK.search(text, m.start("verb"), end) or _YOU_ATTRIBUTE.match(text, m.end(), end):
            continue
        yield from emit(m.start("x"), end, _units(x), [], YOU_ACTS[m.group("verb")])
    # X配合Y做好…: Y leads, X cooperates.
    for m in _PEIHE.finditer(text) if "配合" in words else ():
        subj = _subject(text, m.start())
        y = _unit_list(text, m.end())
        if subj is None or y is None:
            continue
        s, coop = subj
        yield from emit(s, y[1], y[0], coop, "responsibility.prose.peihe")
    # X牵头(，Y配合): the subject leads.
    for m in _QIANTOU.finditer(text) if "牵头" in words else ():
        if m.start() > 0 and text[m.start() - 1] in "由":
            continue
        subj = _subject(text, m.start())
        if subj is None:
            continue
        s, lead = subj
        coop, end = _coop_tail(text, m.end())
        yield from emit(s, end, lead, coop, "responsibility.prose.qiantou")


# ，Y配合 after a lead (市发改委牵头，各有关部门配合).
_COOP_AFTER = rx.compile(
    rf"""(?:负责|组织)?[，,、]?                                      # 牵头负责， / 牵头，
         (?P<y>(?:有关|相关|各有关|各相关|各)?{_ITEM}                  # first unit
            (?:[、和及与]{_ITEM}){{0,12}}+)                             # more units, possessive
         (?:等(?:有关|相关)?(?:部门|单位))?                           # 等部门
         (?:配合|参与|协助|协同)                                       # the cooperating verb
    """,
    regex.X,
)
# ，会同Y after a lead (省人社厅牵头，会同省财政厅、省教育厅建立…): the 会同 clause has
# no subject of its own, the lead's units are it.
_HUITONG_AFTER = rx.compile(r"(?:负责)?[，,]?(?:并|要|将)?会同")


def _coop_tail(text: str, pos: int) -> tuple[list[str], int]:
    """Cooperating units written after a lead's 牵头/负责 at ``pos`` and where they end.

    >>> _coop_tail("牵头，会同省财政厅、省教育厅建立工作调度机制", 2)
    (['省财政厅', '省教育厅'], 14)
    >>> _coop_tail("牵头，各有关部门配合", 2)
    (['各有关部门'], 10)
    >>> _coop_tail("牵头，不刻制印章", 2)
    ([], 2)
    """
    tail = _COOP_AFTER.match(text, pos)
    if tail and _organs(tail.group("y")):
        return _units(tail.group("y")), tail.end()
    tail = _HUITONG_AFTER.match(text, pos)
    if tail:
        y = _unit_list(text, tail.end())
        if y is not None:
            return y
    return [], pos


_MODAL_END = rx.compile(f"(?:{alternation(MODALS)})+$")


def _subject(text: str, at: int) -> Optional[tuple[int, list[str]]]:
    """The organ(s) written between the clause start (or 由) and ``at``, strict organs only.

    >>> _subject("生态补偿标准由市林业主管部门会同", 14)
    (7, ['市林业主管部门'])
    >>> _subject("(四)会同", 3) is None
    True
    """
    lo = at
    while lo > 0 and text[lo - 1] not in _CLAUSE_BOUND and at - lo < 40:
        lo -= 1
    clause = text[lo:at]
    k = clause.rfind("由")
    if k >= 0:
        lo, clause = lo + k + 1, clause[k + 1:]
    m = _ITEM_MARK.match(clause)
    if m:
        lo, clause = lo + m.end(), clause[m.end():]
    if clause.endswith(MODALS):  # _MODAL_END matches nothing else
        clause = _MODAL_END.sub("", clause)
    if not clause or not _organs(clause):
        return None
    return lo, _units(clause)


_VERB_START = rx.compile(r"做好|做|开展|加强|推进|推动|落实|抓好|完成|实施|指导|支持|提供|建立|制定")  # not 组织/监督: 组织部门, 监督管理局
# Verbs that end a unit list written in running text (会同省应急管理厅、省消防救援总队制定…).
_VERB_INSIDE = rx.compile(r"制定|制订|做好|开展|加强|推进|推动|落实|负责|组织实施|研究|建立|实施|完成|审核|提出|评估")


def _unit_list(text: str, pos: int) -> Optional[tuple[list[str], int]]:
    """The organs listed at ``text[pos:]`` (after 会同/配合) and where the list ends.

    The list regex is generous; units are kept up to the first one that is not
    an administrative organ or that swallowed a verb.

    >>> _unit_list("会同省应急管理厅、省消防救援总队制定办法", 2)
    (['省应急管理厅', '省消防救援总队'], 16)
    """
    m = _COOP_LIST.match(text, pos)
    if not m:
        return None
    y = m.group("y")
    if "等" in y and _DENG_BUMEN.search(y) and not _VERB_INSIDE.search(y):
        return _units(y), m.end()
    keep: list[str] = []
    for u in _units(y):
        if _VERB_INSIDE.search(u) or not (is_organ(u, strict=True) or u in ("有关部门", "相关部门")) \
                or u.startswith(("其", "该", "本")) or _VERB_START.match(u):
            break
        keep.append(u)
    if not keep:
        return None
    end = y.find(keep[-1]) + len(keep[-1]) if keep[-1] in y else len(y)
    return keep, pos + end


_DENG_BUMEN = rx.compile(r"\p{Han}{2}等(?:有关|相关)?(?:部门|单位|机构)$")


def _organs(x: str) -> bool:
    """All units of ``x`` are administrative organs and ``x`` holds no verb-like filler."""
    if len(x) > 40 or any(w in x for w in ("的", "和社会", "负责人")):
        return False
    units = _units(x)
    if units and "等" in x and _DENG_BUMEN.search(x):
        return True  # 市税务、财政、人行荆州中支等部门: the closing 等部门 says what they are
    if any(u.startswith(("其", "该", "本")) or _VERB_START.match(u) for u in units):
        return False  # 由其主管部门负责: a pronoun; 配合做好…中心建设: a verb phrase, not an organ
    return bool(units) and all(is_organ(u, strict=True) or u in ("有关部门", "相关部门") for u in units)


def _clause_end(text: str, pos: int, limit: int = 60) -> int:
    """End of the clause running at ``pos`` (before ，。；), at most ``limit`` characters on.

    >>> _clause_end("由市财政局拨付，逾期不予受理。", 7)
    7
    """
    end = min(len(text), pos + limit)
    for i in range(pos, end):
        if text[i] in "，,。；;！？!?\n":
            return i
    return end


def _sentence(text: str, s: int, e: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, s) for c in "。！？!?") + 1  # after the last sentence end before s
    ends = [i for i in (text.find(c, e) for c in "。！？!?") if i >= 0]
    b = min(ends) if ends else len(text)
    return a, min(len(text), b + 1)
