"""Section tree: the paragraphs of a document body → nested :class:`SectionNode` s.

One pass over the paragraphs (lines of the cleaned text). Each paragraph is a
heading marker (:mod:`.markers`), a table row (:mod:`.tables`), or plain text
that belongs to the innermost open node. Nesting follows GB/T 9704-2012 §7.3.3
(一、 > （一） > 1. > （1）) and the 立法技术规范 (编 > 章 > 节 > 条), made robust
by a level stack: a kind already open is a sibling, a kind seen earlier in the
document sits above kinds first seen later, and an ordinal that does not
continue its sequence (a stray 二、三类… or （3） inside prose) is text, not a
heading.

Also handled: the text published by a 印发…的通知 (a ``body`` node headed by
its title), 附件 attachments after the main text, 专栏 boxes, headings broken
across two lines, run-in headings (``1.推动企业上云用云。联合…`` → heading
``推动企业上云用云``) and the 署名/成文日期 closing lines.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

from ..text import rx
from ..text.offsets import CleanText
from ..values.numbers import to_int
from .documents import similar  # difflib ratio behind cheap upper bounds
from .markers import MARKER_FIRST, MarkerMatch, match_marker
from .tables import TableBlock, find_tables
from .types import DocumentNode, SectionNode

# Canonical depth of each numbered kind (smaller = outer).
# Every kind of MARKER_RULES in markers.py has one, or is a container (checked by a test).
KIND_LEVEL: dict[str, int] = {
    "part": 0, "chapter": 1, "section": 2, "article": 3,
    # decimal outlines of 应急预案 (1 总则 > 1.1 编制目的 > 1.1.1 …): the text's main
    # structure, above the GB/T 9704 lists found inside them; output kind list_item
    "outline1": 4, "outline2": 5, "outline3": 6, "outline4": 7,
    "item1": 8, "item2": 9, "item3": 10, "item4": 11, "list_item": 12,
}
_NO_LEVEL = 99  # deeper than every level: the outermost level of no kinds at all
assert max(KIND_LEVEL.values()) < _NO_LEVEL
# Internal kinds written out as another contract kind.
OUTPUT_KIND: dict[str, str] = {"outline1": "list_item", "outline2": "list_item", "outline3": "list_item",
                               "outline4": "list_item"}
# Statutory levels always nest canonically (a 第X章 never sits inside a 第X条).
STATUTORY = frozenset({"part", "chapter", "section", "article"})
# Kinds numbered continuously through the whole text (第三十条 follows 第二十九条
# across a chapter boundary); the others restart under each parent.
GLOBAL_KINDS = frozenset({"part", "chapter", "article"})
ITEM_KINDS = frozenset({"item2", "item3", "item4", "list_item"})
# Lists a 专栏 box may hold when it stands outside any numbered heading.
MINOR_KINDS = frozenset({"item3", "item4", "list_item"})
# Containers that are above every numbered kind.
CONTAINERS = frozenset({"body", "attachment", "box"})

# Node id prefix per kind: d1/ch2/art12, d1/i3/ii1/iii2.
ID_PREFIX: dict[str, str] = {
    "part": "pt", "chapter": "ch", "section": "sec", "article": "art", "item1": "i", "item2": "ii",
    "item3": "iii", "item4": "iv", "list_item": "li", "box": "box", "attachment": "att", "table": "tbl",
    "paragraph": "p", "body": "body", "outline1": "li", "outline2": "li", "outline3": "li", "outline4": "li",
}
_PARAGRAPH_PREFIX = ID_PREFIX["paragraph"]

# A run-in heading ends at the first 。 when that sentence is this short.
MAX_RUNIN_HEADING = 30
# A heading line without a sentence end is a heading when at most this long.
MAX_HEADING = 60
# A heading broken over two lines: the first line is at least this long (it
# was wrapped by the page width) and the second at most this long.
MIN_WRAPPED_FIRST = 12
MAX_WRAPPED_SECOND = 20

# A line starting with none of these holds no marker (a tab may stand before one).
_MARKER_LEAD = MARKER_FIRST | {"\t"}
_SENT_END = rx.compile(r"[。！？!?]")
_NO_HEADING_END = "；;，,、"
_CLAUSE_END = frozenset("。；;！？!?：:")
# 成文日期 on its own line: 2022年9月17日 / 二〇二二年九月十七日.
_DATE_LINE = rx.compile(r"^\s{0,4}(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,3}月"
                           r"[\d〇○零一二三四五六七八九十]{1,3}日\s{0,4}$")
# 发文机关署名 just above the date: an organisation name, no punctuation.
_ISSUER_ENDINGS = ("政府", "办公室", "办公厅", "委员会", "委", "局", "厅", "部", "院", "署", "海关", "中心", "公司", "协会",
                   "联合会", "党委", "市委", "县委", "区委", "管委会", "小组", "指挥部")
# (greedy: only whether the line matches counts, and the ending is found from the end)
_ISSUER_LINE = rx.compile(r"^\s{0,4}[\p{Han}（）()]{2,40}(?:" + "|".join(_ISSUER_ENDINGS) + r")\s{0,4}$")
_ISSUER_LAST = frozenset(w[-1] for w in _ISSUER_ENDINGS)  # where a (blank-stripped) 署名 line ends
# The title of a text published by a notice (used when the notice title is unknown).
_PUBLISHED_KIND = rx.compile(r"(?:办法|方案|规定|细则|措施|规划|意见|计划|预案|清单|规则|纲要|要点|指南|"
                                r"目录|制度|标准|条例|章程|守则|通则|须知|公约|若干措施|实施意见)"
                                r"(?:[（(][^）)]{1,20}[)）]){0,2}$")
# 印发/转发/颁布 X 的通知 → X is the published text.
# (stdlib re: no class escape, so it matches as the regex module would, at a third of the cost)
_PUBLISHES = rx.compile_std(r"(?:印发|转发|颁布|发布)(?P<t>.{2,150}?)的?(?:通知|通告|公告|决定)$")
_BRACKETED = rx.compile(r"(?:[（(][^（()）]{1,16}[)）]){1,2}")
# Sentence punctuation. (Classes of literal characters match alike in stdlib re and the
# regex module, on any text; a stdlib call costs about a third, and these run per line.)
_PROSE = rx.compile_std("[。，,；;：:！？]")
# Fold-similarity above which a line is taken for the published title.
SIMILAR_TITLE = 0.9
# What a fold drops: \s of the regex module (rx.WHITE_SPACE, tested over every code point) and quotes.
_FOLD_DROP = rx.compile_std(f"[{rx.WHITE_SPACE_CHARS}《》“”\"'‘’]+")


def build_sections(clean: CleanText, doc: DocumentNode, doc_id: str) -> list[SectionNode]:
    """Build the section tree of ``doc`` (cleaned offsets; one paragraph per line).

    Args:
        clean: the cleaned text.
        doc: the document; its body is ``clean.text[doc.body_start:doc.end]``.
        doc_id: the document id (``d1``), the root of the node ids.

    Returns:
        The top-level nodes, in order.

    Examples:
        >>> from ..text.offsets import CleanText
        >>> t = "第一章总则\\n第一条为了规范。\\n第二条本办法适用于：\\n（一）房屋；\\n（二）市政。\\n第二章附则\\n第三条自公布之日起施行。"
        >>> roots = build_sections(CleanText.identity(t), DocumentNode(0, len(t), 0), "d1")
        >>> [(n.id, n.heading) for n in roots]
        [('d1/ch1', '总则'), ('d1/ch2', '附则')]
        >>> [c.id for c in roots[0].walk()]
        ['d1/ch1', 'd1/ch1/art1', 'd1/ch1/art2', 'd1/ch1/art2/ii1', 'd1/ch1/art2/ii2']
    """
    text = clean.text
    lines = _lines(text, doc.body_start, doc.end)
    if not lines:
        return []
    b = _Builder(text, doc_id, lines)
    b.run(_published_title_line(text, lines, doc.title))
    return b.roots


# ---------------------------------------------------------------------------
# the builder


@dataclass(slots=True)
class _Open:
    node: SectionNode
    kind: str
    own_open: bool = True  # still collecting its own text (no child yet)
    enum: bool = False  # a run-in enumeration item (（一）…；) that plain text closes


@dataclass(slots=True)
class _Builder:
    text: str
    doc_id: str
    lines: list[tuple[int, int]]
    roots: list[SectionNode] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    seen: set = field(default_factory=set)  # numbered kinds seen in the current scope
    top_seen: int = _NO_LEVEL  # the smallest KIND_LEVEL in ``seen``
    ever: set = field(default_factory=set)  # numbered kinds seen anywhere in the document
    last: dict = field(default_factory=dict)  # kind → last ordinal in the current scope
    above: set = field(default_factory=set)  # learned (outer kind, inner kind) pairs
    ids: set = field(default_factory=set)
    counters: dict = field(default_factory=dict)
    # the last ``_k`` suffix given to each restarted id, so a list restarted n times costs n, not n²
    restarts: dict = field(default_factory=dict)
    pos: int = 0  # end of the last paragraph consumed
    paragraphs: int = 0  # root paragraph nodes made (their ids are numbered by this count)
    boxes: int = 0  # 专栏 nodes on the stack (most headings have none to close)

    # -- driving loop -----------------------------------------------------

    def run(self, body_line: Optional[tuple[int, int, str]]) -> None:
        text, lines = self.text, self.lines
        found = find_tables(text, lines)
        tables = {t.first: t for t in found} if found else {}  # (most texts have no table: no comprehension)
        closing = _closing_lines(text, lines)
        toc = _toc_lines(text, lines)
        notes = _attachment_notes(text, lines)
        body_at = body_line[0] if body_line is not None else -1
        # lines that need a look-up beyond their marker (most lines need none)
        special = set(tables).union(closing, toc, notes, (body_at,))
        # the lines that can open something: a special line or one starting like a marker
        # (or a digit, for _outline_top); the runs of plain text between them go in one step
        at_event = special.union([i for i, (s, _) in enumerate(lines) if text[s] in _MARKER_LEAD or text[s].isdigit()])
        events = sorted(at_event)
        i, n = 0, len(lines)
        while i < n:
            if i not in at_event:  # (a set look-up first: in a list of headings the next line is one again)
                k = bisect_left(events, i)
                nxt = events[k] if k < len(events) else n
                self.plain_run(i, nxt)
                i = nxt
                continue
            s, e = lines[i]
            line = text[s:e]
            in_toc = is_note = False
            if i in special:
                if body_line is not None and i == body_at:
                    self.pop_all()
                    last = body_line[1]
                    self.open_node("body", s, lines[last][1], None, None, body_line[2])
                    self.reset_scope()
                    self.pos = lines[last][1]
                    i = last + 1
                    continue
                if i in tables:
                    self.table(tables[i])
                    i = tables[i].last + 1
                    continue
                if i in closing:
                    self.pop_all()
                    self.paragraph(s, e)
                    i += 1
                    continue
                in_toc, is_note = i in toc, i in notes
            mm = match_marker(line) if not in_toc else None
            if mm is None and i + 1 < n and line[:1].isdigit() and not in_toc:
                mm = _outline_top(line, text[lines[i + 1][0]:lines[i + 1][1]])
            if mm is not None and is_note:
                mm = None  # 附件：1.… / 2.… listed after the main text, not the attachments themselves
            if mm is not None:
                i = self.marker(i, mm, line)
                continue
            self.plain(s, e)
            i += 1
        self.pop_all()

    # -- node helpers -----------------------------------------------------

    def new_id(self, kind: str, ordinal: Optional[int]) -> str:
        base = self.stack[-1].node.id if self.stack else self.doc_id  # (the parent's id, inline: once per node)
        prefix = ID_PREFIX[kind]
        if ordinal is None or kind in ("table", "paragraph"):
            key = (base, prefix)
            self.counters[key] = self.counters.get(key, 0) + 1
            ordinal = self.counters[key]
        nid = f"{base}/{prefix}{ordinal}" if kind != "body" else f"{base}/body"
        if nid in self.ids:  # a restarted list under the same parent: the first free ``_k``
            stem = f"{base}/{prefix}{ordinal}"
            k = self.restarts.get(stem, 1) + 1
            while (nid := f"{stem}_{k}") in self.ids:
                k += 1
            self.restarts[stem] = k
        self.ids.add(nid)
        return nid

    def attach(self, node: SectionNode) -> None:
        if self.stack:
            top = self.stack[-1]
            top.node.children.append(node)
            top.own_open = False
        else:
            self.roots.append(node)

    def open_node(self, kind: str, start: int, text_end: int, label: Optional[str], ordinal: Optional[int],
                  heading: Optional[str], enum: bool = False) -> SectionNode:
        # positional (id, kind, start, end, text_start, text_end, label, ordinal, heading): once per heading
        node = SectionNode(self.new_id(kind, ordinal), OUTPUT_KIND.get(kind, kind), start, text_end,
                           start, text_end, label, ordinal, heading)
        self.attach(node)
        self.stack.append(_Open(node, kind, True, enum))  # (node, kind, own_open, enum)
        if kind == "box":
            self.boxes += 1
        self.pos = text_end
        return node

    def pop(self) -> None:
        o = self.stack.pop()
        if o.kind == "box":
            self.boxes -= 1
        o.node.end = max(o.node.end, self.pos, o.node.text_end)

    def pop_all(self) -> None:
        while self.stack:
            self.pop()

    def reset_scope(self) -> None:
        self.seen = set()
        self.top_seen = _NO_LEVEL
        self.last = {}

    def paragraph(self, s: int, e: int) -> None:
        """A paragraph outside any heading (notice text, signature, date): a root ``paragraph`` node.

        ``s:e`` is a line of ``_lines``: never empty, never blank (no test needed). The stack
        is empty (every caller checks or empties it), so the node is a root and its id is
        ``d1/pN`` with N counted here: what new_id would give, without its look-ups (no other
        kind has the paragraph's prefix, so no other id can be ``d1/pN``: these need no entry
        in ``ids``; tests/segment/test_sections.py checks that the prefix stays unique).
        """
        self.paragraphs += 1
        # positional (id, kind, start, end, text_start, text_end)
        self.roots.append(SectionNode(f"{self.doc_id}/{_PARAGRAPH_PREFIX}{self.paragraphs}", "paragraph", s, e, s, e))
        self.pos = e

    def plain(self, s: int, e: int) -> None:
        """The plain-text line ``s:e`` (a line of ``_lines``: never blank)."""
        # a new 款 after the enumerated 项 of an article belongs to the article;
        # a line continuing an unfinished 项 (a wrap the cleaner kept) does not
        while self.stack and self.stack[-1].enum and self.text[self.stack[-1].node.text_end - 1] in _CLAUSE_END:
            self.pop()
        if not self.stack:
            self.paragraph(s, e)
            return
        top = self.stack[-1]
        if top.own_open:
            top.node.text_end = e
        self.pos = e

    def plain_run(self, i: int, j: int) -> None:
        """Lines ``i`` to ``j - 1``, all plain text (non-blank, as every line of ``_lines``)."""
        lines = self.lines
        if not self.stack:  # outside any heading each line is a root paragraph (what plain() makes of it)
            for s, e in lines[i:j]:
                self.paragraph(s, e)
            return
        # line by line only while a line can close the top (an enumeration item) or
        # become a root paragraph; below any other top, text only extends its own text
        while i < j and (not self.stack or self.stack[-1].enum):
            self.plain(*lines[i])
            i += 1
        if i < j:
            top = self.stack[-1]
            e = lines[j - 1][1]
            if top.own_open:
                top.node.text_end = e
            self.pos = e

    def table(self, tb: TableBlock) -> None:
        s = self.lines[tb.first][0]
        e = self.lines[tb.last][1]
        node = SectionNode(id=self.new_id("table", None), kind="table", start=s, end=e, text_start=s, text_end=e,
                           heading=tb.caption, rows=tb.rows)
        self.attach(node)
        self.pos = e

    # -- markers ----------------------------------------------------------

    def marker(self, i: int, mm: MarkerMatch, line: str) -> int:
        """Open the node of a heading marker at line ``i`` (``line``); return the next line index."""
        s, e = self.lines[i]
        kind = mm.kind
        if mm.rule == "marker.outline":  # 1.1 → outline2, 4.4.1 → outline3
            kind = f"outline{mm.label.count('.') + 1}"
        if kind == "attachment":
            return self.attachment(i, mm)
        if kind == "box":
            return self.box(i, mm)
        if not self.accepts(kind, mm.ordinal):
            self.plain(s, e)
            return i + 1
        self.place(kind, mm.ordinal)
        heading, text_end, nxt = self.heading(i, mm, line)
        enum = kind in ITEM_KINDS and (
            (self.stack and self.stack[-1].kind == "article") or line.rstrip()[-1:] in "；;")
        self.open_node(kind, s + mm.start, text_end, mm.label, mm.ordinal, heading, enum=bool(enum))
        self.seen.add(kind)
        self.top_seen = min(self.top_seen, KIND_LEVEL[kind])
        self.ever.add(kind)
        if mm.ordinal is not None:
            self.last[kind] = mm.ordinal
        return nxt

    def accepts(self, kind: str, ordinal: Optional[int]) -> bool:
        """Does ``ordinal`` continue the sequence of ``kind`` here (else the line is text)?"""
        if ordinal is None or not self.seen:
            return True  # the first marker of a text (or of a fragment) starts anywhere
        # (the other checks are computed only when reached: this runs for every heading)
        if kind in GLOBAL_KINDS:
            last = self.last.get(kind)
            if last is None:
                return ordinal == 1 or self._outermost(kind)
            # numbered on through the text; 第一条 again starts a second text (印发A和B)
            return last < ordinal <= last + 2 or ordinal == 1
        same = False
        for o in self.stack:
            if o.kind == kind:  # a sibling (inside a box, or of the list around it): next number, or a restart at 1
                same = True
                prev = o.node.ordinal or 0
                if prev < ordinal <= prev + 2:
                    return True
        if same:
            return ordinal == 1
        last = self.last.get(kind)
        if ordinal == 1 or (last is not None and last < ordinal <= last + 2):
            return True  # a new list, or one numbered on across its parents
        if self._outermost(kind):
            return True
        for o in self.stack:  # (a loop, not any() over a generator: a stray ordinal in prose ends here)
            if o.kind in KIND_LEVEL:
                return False
        return True

    def _outermost(self, kind: str) -> bool:
        """Is ``kind`` above every numbered kind seen in the current scope?"""
        return KIND_LEVEL[kind] < self.top_seen  # (top_seen: the outermost level in self.seen)

    def place(self, kind: str, ordinal: Optional[int]) -> None:
        """Pop the stack so that the top is the parent of a new ``kind`` node."""
        # a box ends at a heading of the text around it
        for bi in range(len(self.stack) - 1, -1, -1) if self.boxes else ():
            o = self.stack[bi]
            if o.kind == "box":
                inside = [x for x in self.stack[bi + 1:] if x.kind == kind]
                if inside:  # a list running inside the box (1.… 2.… under 专栏2)
                    prev = inside[-1].node.ordinal or 0
                    if ordinal is not None and (ordinal == 1 or prev < ordinal <= prev + 2):
                        break
                elif ordinal == 1 and not any(c.kind == kind for c in o.node.children):
                    # a new list inside the box: deeper than the heading the box sits
                    # under (or the same kind restarting); a box outside any heading
                    # only holds minor lists, and 一、 after it is the text going on
                    outer = next((x.kind for x in reversed(self.stack[:bi]) if x.kind in KIND_LEVEL), None)
                    if outer is None:
                        if kind in MINOR_KINDS:
                            break
                    elif kind == outer or self.is_above(outer, kind):
                        break
                while len(self.stack) > bi:  # any other heading is the text around the box going on
                    self.pop()
                break
        for j in range(len(self.stack) - 1, -1, -1):
            if self.stack[j].kind in CONTAINERS:
                break
            if self.stack[j].kind == kind:  # a sibling
                while len(self.stack) > j:
                    self.pop()
                self.learn(kind)
                return
        if kind not in self.ever and kind not in STATUTORY:
            self.learn(kind)  # first seen: a child of whatever is open
            return
        while self.stack and self.stack[-1].kind in KIND_LEVEL and not self.is_above(self.stack[-1].kind, kind):
            self.pop()
        self.learn(kind)

    def is_above(self, outer: str, inner: str) -> bool:
        if (outer, inner) in self.above:
            return True
        if (inner, outer) in self.above:
            return False
        return KIND_LEVEL[outer] < KIND_LEVEL[inner]

    def learn(self, kind: str) -> None:
        if self.stack and self.stack[-1].kind in KIND_LEVEL:
            outer = self.stack[-1].kind
            if (kind, outer) not in self.above:
                self.above.add((outer, kind))

    def heading(self, i: int, mm: MarkerMatch, line: str) -> tuple[Optional[str], int, int]:
        """Heading text of the marker line ``i`` (``line``); joins a heading wrapped onto the next line.

        Returns ``(heading, own text end, next line index)``.
        """
        if mm.kind == "article":
            return None, self.lines[i][1], i + 1
        e = self.lines[i][1]
        rest = line[mm.rest_start:].strip()
        if not rest and i + 1 < len(self.lines):  # 第一章 / 总则 on two lines
            ns, ne = self.lines[i + 1]
            nxt = self.text[ns:ne].strip()
            if len(nxt) <= MAX_WRAPPED_SECOND and _wrapped_tail(nxt):
                return nxt, ne, i + 2
        heading = _heading_of(rest, mm.kind)
        if (heading is not None and heading == rest and i + 1 < len(self.lines)
                and len(line.strip()) >= MIN_WRAPPED_FIRST and rest[-1] not in ")）”》"):
            ns, ne = self.lines[i + 1]
            nxt = self.text[ns:ne].strip()
            # not when the short line is the caption of a table right below it
            caption = i + 2 < len(self.lines) and "\t" in self.text[self.lines[i + 2][0]:self.lines[i + 2][1]]
            if _wrapped_tail(nxt) and not caption:
                return heading + nxt, ne, i + 2
        return heading, e, i + 1

    def attachment(self, i: int, mm: MarkerMatch) -> int:
        s, e = self.lines[i]
        line = self.text[s:e]
        self.pop_all()
        self.reset_scope()
        heading = line[mm.rest_start:].strip() or None
        text_end, nxt = e, i + 1
        if heading is None:
            heading, text_end, nxt = self.title_below(i, e)
        self.open_node("attachment", s + mm.start, text_end, mm.label, mm.ordinal, heading)
        return nxt

    def box(self, i: int, mm: MarkerMatch) -> int:
        s, e = self.lines[i]
        line = self.text[s:e]
        for o in reversed(self.stack):
            if o.kind == "box" and o.node.label == mm.label:  # caption repeated after a page break
                self.plain(s, e)
                return i + 1
        while any(o.kind == "box" for o in self.stack):  # boxes do not nest
            self.pop()
        heading = line[mm.rest_start:].strip() or None
        text_end, nxt = e, i + 1
        if heading is None:  # 专栏3 / 重点项目 on two lines
            heading, text_end, nxt = self.title_below(i, e)
        self.open_node("box", s + mm.start, text_end, mm.label, mm.ordinal, heading)
        return nxt

    def title_below(self, i: int, e: int) -> tuple[Optional[str], int, int]:
        """The title on the line after a bare 附件N / 专栏N marker: ``(title, own text end, next line)``."""
        if i + 1 < len(self.lines):
            ns, ne = self.lines[i + 1]
            cand = self.text[ns:ne].strip()
            if cand and len(cand) <= MAX_HEADING and "\t" not in cand and not _SENT_END.search(cand) \
                    and match_marker(cand) is None:
                return cand, ne, i + 2
        return None, e, i + 1


# ---------------------------------------------------------------------------
# pure helpers


# The characters str.isspace() accepts, but the tab: it separates table cells, so a line keeps it.
_BLANKS = ("\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
           "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_EDGES = frozenset(_BLANKS + "\t")  # a line that starts and ends with none of these is its own paragraph


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank paragraph of ``text[start:end]``.

    >>> _lines("a\\n\\nbc\\n", 0, 6)
    [(0, 1), (3, 5)]
    """
    out: list[tuple[int, int]] = []
    append, pos = out.append, start
    for piece in text[start:end].split("\n"):
        n = len(piece)
        if n and piece[0] not in _EDGES and piece[-1] not in _EDGES:
            append((pos, pos + n))  # (most lines: nothing to strip, no tab to look past)
        else:
            inner = piece.lstrip(_BLANKS)
            if inner:
                a = pos + n - len(inner)
                inner = inner.rstrip(_BLANKS)
                if inner[0] != "\t" or inner.strip():  # (a line of tabs only is blank too)
                    append((a, a + len(inner)))
        pos += n + 1
    return out


def _heading_of(rest: str, kind: str) -> Optional[str]:
    """The heading in the text after a marker: the whole short line, or a short first sentence.

    >>> _heading_of("总则", "chapter"), _heading_of("指导思想", "item2")
    ('总则', '指导思想')
    >>> _heading_of("实施企业内外网升级改造。引导各基础电信运营商…", "item3")
    '实施企业内外网升级改造'
    >>> _heading_of("工程款的计量周期和进度结算办法；", "item2") is None
    True
    >>> _heading_of("建设单位应当依法订立书面工程施工合同，并在合同中约定人工费用的数额和拨付方式等事项。", "item3") is None
    True
    """
    rest = rest.strip()
    if not rest:
        return None
    if kind in ("part", "chapter", "section", "box", "attachment"):
        return rest if len(rest) <= MAX_HEADING else None
    cut = _sentence_end(rest)
    if cut < 0:
        if len(rest) <= MAX_HEADING and rest[-1] not in _NO_HEADING_END:
            return rest.rstrip("：:") or None
        return None
    if not rest[cut + 1:].strip():
        return None  # one whole sentence: an enumerated clause, not a heading
    head = rest[:cut]
    # a run-in heading is a short phrase (坚持人民至上，保障公平可及), not a clause chain
    if (0 < len(head) <= MAX_RUNIN_HEADING and head[-1] not in _NO_HEADING_END and head.count("，") + head.count(",") <= 1
            and "以下简称" not in head):  # 同意设立…（以下简称示范区）。 is a decision, not a title
        return head
    return None


def _sentence_end(s: str) -> int:
    """Index of the first sentence end (``_SENT_END``) in ``s``, or -1.

    >>> _sentence_end("加强领导。完善机制！"), _sentence_end("是否？是。"), _sentence_end("总体要求")
    (4, 2, -1)
    """
    # (most sentences end in 。: a str.find, and the regex only when another end is present)
    if "！" in s or "？" in s or "!" in s or "?" in s:
        m = _SENT_END.search(s)
        return m.start() if m is not None else -1
    return s.find("。")


_NOT_TAIL = rx.compile(r"表\s{0,2}\d|附表|专栏|附件|注[：:]")  # captions and notes start lines of their own


def _wrapped_tail(nxt: str) -> bool:
    """Is ``nxt`` the second half of a heading wrapped by the page width?

    >>> _wrapped_tail("更高质量就业"), _wrapped_tail("（一）指导思想"), _wrapped_tail("以人为本。")
    (True, False, False)
    """
    if not nxt or len(nxt) > MAX_WRAPPED_SECOND or "\t" in nxt:
        return False
    if nxt[-1] in "。；;：:，,、！？" or _SENT_END.search(nxt):
        return False
    if match_marker(nxt) is not None or _NOT_TAIL.match(nxt):
        return False
    return not _DATE_LINE.match(nxt)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    # (no character of _FOLD_DROP is alphanumeric, a test checks: a title or name of letters
    # and digits alone, as most short lines are, has nothing to drop and needs no regex call)
    return s if s.isalnum() else _FOLD_DROP.sub("", s)


_FOLD_FIRST_DROP = " \u3000《》“”\"'‘’"  # some of _FOLD_DROP's characters, for a quick look at the first one


def _fold_prefix(line: str, n: int) -> tuple[str, bool]:
    """A prefix of ``_fold(line)`` longer than ``n`` characters, or the whole fold: ``(fold, whole)``.

    The line is cut only before a CJK unified ideograph: it is a normalization boundary
    (combining class 0, NFKC_QC Yes: NFKC never composes it with what precedes it) and
    ``_FOLD_DROP`` keeps it, so the fold of the head is a prefix of the fold of the line.
    A long prose line is then folded by its first dozen characters, not all of them.

    >>> _fold_prefix("《体育规划》已经同意，现印发。", 4), _fold_prefix("体育规划（试行）", 8)
    (('体育规划已', False), ('体育规划(试行)', True))
    """
    size = len(line)
    cut = n + 3  # (a little beyond n: a 《 or a space before the title is dropped)
    while cut < size:
        while cut < size and not "\u4e00" <= line[cut] <= "\u9fff":
            cut += 1
        if cut >= size:
            break
        f = _fold(line[:cut])
        if len(f) > n:
            return f, False
        cut += n + 1 - len(f)  # (too short yet, as dropped 《》 or spaces: reach about as far as is missing)
    return _fold(line), True


def _published_title_line(text: str, lines: list[tuple[int, int]], title: Optional[str]) -> Optional[tuple[int, int, str]]:
    """Find the title line of the text a notice publishes: ``(first line, last line, title)``.

    With a notice title (…关于印发X的通知) the line equal to X is looked for;
    otherwise a 办法/方案/… title right after the notice's 成文日期.
    """
    limit = min(len(lines), 120)
    ft = _fold(title) if title else ""
    m = _PUBLISHES.search(ft) if "发" in ft or "布" in ft else None  # (each verb of _PUBLISHES has one)
    if m is None:
        return _title_after_date(text, lines, limit)
    target = m[1]  # (group t, by number)
    size, lead = len(target), target[0]
    # (a character is in the target's set iff it is in the target: a short str search, no set to make per notice)
    in_target = target.__contains__
    for i in range(limit):
        s, e = lines[i]
        line = text[s:e]
        if "\t" in line:  # (a line of _lines has no other blank at its ends: no tab, nothing to strip)
            line = line.strip()
            if "\t" in line:
                continue
        if len(line) > 150:
            continue
        prose = _PROSE.search(line) is not None
        if prose:  # (a prose line is only the title if its fold starts like it: most do not start so)
            first = line.lstrip(_FOLD_FIRST_DROP)[:1]
            if "\u4e00" <= first <= "\u9fff" and first != lead:
                continue
        # Folding is the cost here. Every test below but the bracketed tail needs a fold at
        # most 4 characters longer than the target (none longer for prose): a longer line
        # is folded by its head only, enough to rule out a （试行） after the title.
        f, whole = _fold_prefix(line, size + (0 if prose else 4))
        if not whole:
            if not (f.startswith(target) and f[size] in "（("):
                continue
            f = _fold(line)
        if f == target or (f.startswith(target) and _BRACKETED.fullmatch(f[size:])):
            return i, i, line  # the title, perhaps with （试行）/（2022—2024年） added
        if (abs(len(f) - size) <= 4 and not prose
                and 2 * sum(map(in_target, f)) >= SIMILAR_TITLE * (len(f) + size)  # (similar's first bound)
                and similar(f, target, SIMILAR_TITLE)):
            return i, i, line  # 若干措施 / 的若干措施: the same title written slightly differently
        if len(f) >= 8 and target.startswith(f) and i + 1 < len(lines):
            ns, ne = lines[i + 1]
            nxt = text[ns:ne].strip()
            if _fold(line + nxt) == target:
                return i, i + 1, line + nxt
    return None


def _title_after_date(text: str, lines: list[tuple[int, int]], limit: int) -> Optional[tuple[int, int, str]]:
    """A 办法/方案/… title on the line after a 成文日期 among the first ``limit`` lines (as ``_published_title_line``)."""
    for i in range(limit):
        s, e = lines[i]
        if text[e - 1] != "日" and text[e - 1] != "\t":
            continue  # (a line of _lines ends where its strip does, but for tabs: a date line ends in 日)
        line = text[s:e].strip()
        if "\t" in line or len(line) > 150:
            continue
        if line[-1:] == "日" and _DATE_LINE.match(line) and i + 1 < len(lines):
            ns, ne = lines[i + 1]
            nxt = text[ns:ne].strip()
            if (len(nxt) <= MAX_HEADING and _PUBLISHED_KIND.search(nxt) and not _SENT_END.search(nxt)
                    and "，" not in nxt and match_marker(nxt) is None):
                return i + 1, i + 1, nxt
    return None


_OUTLINE_TOP = rx.compile(r"(?P<n>\d{1,2})\s{0,2}(?=\p{Han})(?P<h>[^，。；：,;:\t]{1,20})")


def _outline_top(line: str, nxt: str) -> Optional[MarkerMatch]:
    """``1总则`` / ``2应急组织与职责``: the top of a decimal outline, only when ``1.1`` follows.

    A bare number before a word is too common in prose (1类生物制品) to be a
    marker on its own; the next line opening ``N.1`` is what makes it one.

    >>> _outline_top("1总则", "1.1编制目的").label, _outline_top("1类生物制品", "2类生物制品") is None
    ('1', True)
    """
    m = _OUTLINE_TOP.fullmatch(line.strip())
    if m is None or not nxt.lstrip().startswith(f"{m.group('n')}.1") or to_int(m.group("n")) is None:
        return None
    mm = match_marker(nxt.strip())
    if mm is None or mm.rule != "marker.outline":
        return None
    k = len(line) - len(line.lstrip())
    return MarkerMatch(kind="list_item", label=m.group("n"), ordinal=int(m.group("n")), start=k,
                       end=k + len(m.group("n")), rest_start=k + m.start("h"), rule="marker.outline")


_TOC_PAGE = rx.compile(r"[.…·．\s\d]{1,40}$")  # the dot leader and page number of an entry
_TOC_HEAD = rx.compile(r"^\s{0,4}目\s{0,4}录\s{0,4}$")
# A 目录 entry: a short line ending in a page number or a dot leader.
_TOC_ENTRY = rx.compile(r"^[^。；]{2,60}?(?:[.…·．]{2,}\s{0,4}\d{0,3}|\s{0,4}\d{1,3})\s{0,4}$")


def _toc_lines(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Lines of a 目录 inside the document (a 规划 listing its own chapters): not headings.

    The entries follow a ``目录`` line; they are marker lines or lines ending in
    a page number, and they end where the first entry's heading comes back.
    """
    out: set[int] = set()
    n = len(lines)
    if not n or text.find("目", lines[0][0], lines[-1][1]) < 0 or text.find("录", lines[0][0], lines[-1][1]) < 0:
        return out  # (a 目录 heading holds 目 and 录: one look at the text instead of one per short line)
    for i, (s, e) in enumerate(lines):
        if e - s > 8 or text.find("录", s, e) < 0 or not _TOC_HEAD.match(text[s:e]):
            continue  # (目标 and 项目 are common, 录 is not: a str.find before the regex)
        first = None
        j = i + 1
        while j < n:
            ls, le = lines[j]
            line = text[ls:le].strip()
            key = _fold(_TOC_PAGE.sub("", line))
            if first is None:
                first = key
            elif key == first:
                break  # the body starts with the first entry again
            if not (_TOC_ENTRY.match(line) or (match_marker(line) is not None and len(line) <= 60
                                               and not _SENT_END.search(line))):
                break
            out.add(j)
            j += 1
    return out


def _closing_lines(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Indices of 成文日期 lines and the 署名 line just above each."""
    out: set[int] = set()
    for i, (s, e) in enumerate(lines):
        if e - s <= 20 and text[e - 1] == "日" and _DATE_LINE.match(text[s:e]):
            out.add(i)
            j = i - 1
            while j >= 0 and j >= i - 2:  # one or two 署名 lines (联合发文)
                ps, pe = lines[j]
                if ((text[pe - 1] in _ISSUER_LAST or text[pe - 1].isspace()) and _ISSUER_LINE.fullmatch(text[ps:pe])
                        and match_marker(text[ps:pe]) is None):
                    out.add(j)
                    j -= 1
                else:
                    break
    return out


_NOTE_TEXT = rx.compile(r"[：:]\s{0,2}\S")  # 附件：X (a listed title follows the colon)
_NOTE_FIRST = rx.compile(r"[：:]\s{0,2}1[.．、]")  # 附件：1.…
_NOTE_ITEM = rx.compile(r"\s{0,4}\d{1,2}[.．、]")  # 2.… 3.… on the next lines
_NOTE_ALONE = rx.compile(r"^\s{0,4}附件\s{0,2}\d{0,2}\s{0,2}(?:[：:].{0,80})?$")


def _attachment_notes(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Lines ``附件：…`` that only *list* the attachments (附件说明) because the attachments follow later.

    A ``附件：X`` line is the start of the attachment itself when no later
    ``附件`` / ``附件N`` heading line follows in the document.
    """
    if not lines or text.find("附件", lines[0][0], lines[-1][1]) < 0:
        return set()  # (one look at the text instead of one per line)
    marks = [i for i, (s, e) in enumerate(lines) if text.startswith("附件", s) and _NOTE_ALONE.match(text[s:e])]
    notes: set[int] = set()
    for k, i in enumerate(marks):
        s, e = lines[i]
        line = text[s:e]
        if not _NOTE_TEXT.search(line):
            continue  # a bare 附件 / 附件1 is a heading
        listed = range(i + 1, min(i + 30, len(lines)))
        numbered = bool(_NOTE_FIRST.search(line))
        if numbered:  # 附件：1.… then 2.… 3.… lines: the rest of the list
            for j in listed:
                ls, le = lines[j]
                if _NOTE_ITEM.match(text[ls:le]) and not _SENT_END.search(text[ls:le]):
                    notes.add(j)
                else:
                    break
        if marks[k + 1:] or (numbered and i + 1 in notes):
            notes.add(i)  # the attachments themselves follow later
    return notes
