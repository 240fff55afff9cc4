"""Assemble: working nodes and drafts → the validated :class:`~govdoc_extract.models.Result`.

This is the only stage that turns cleaned offsets into source spans (through
``CleanText.span``) and the only one that numbers records.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import Any, Iterable, Optional

from .text import rx
from . import models as m
from .errors import W
from .extract.base import Draft
from .segment.types import BulletinInfo, DocumentNode, SectionNode
from .text.offsets import CleanText
from .text.read import SourceText

# Record kind → (Document field, model class, id prefix)
RECORD_KINDS: dict[str, tuple[str, type, str]] = {
    "target": ("targets", m.Target, "t"),
    "deadline": ("deadlines", m.Deadline, "dl"),
    "responsibility": ("responsibilities", m.Responsibility, "rs"),
    "ratio": ("ratios", m.Ratio, "ra"),
    "reference": ("references", m.Reference, "ref"),
    "amount": ("amounts", m.Amount, "am"),
}

# A run of 。！？ (and a closing quote), or a line break: ``[。！？!?]+[”’」』]?|\n``, written to
# start with one class so that the standard engine jumps from candidate to candidate
# instead of trying both branches at every character (a third of the cost of a search).
_SENTENCE_END = rx.compile_std(r"[。！？!?\n](?:(?<=\n)|[。！？!?]*[”’」』]?)")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` around ``[start, end)``: from after the previous 。！？ or line break.

    Scans the paragraph before ``start``: fine for one lookup; for many lookups in one
    text use :class:`SentenceIndex`, which gives the same bounds from one pass.

    >>> t = "总则。到2025年，建成5个。另起一句"
    >>> a, b = sentence_bounds(t, 10, 12); t[a:b]
    '到2025年，建成5个。'
    """
    para = text.rfind("\n", 0, start) + 1
    lo = para
    for stop in _SENTENCE_END.finditer(text, para, start):
        lo = stop.end()
    m_end = _SENTENCE_END.search(text, max(end - 1, lo))
    hi = m_end.end() if m_end else len(text)
    if hi > lo and text[hi - 1] == "\n":
        hi -= 1
    return lo, max(hi, end)


# A record's ``sentence`` longer than this is cut to the clauses around the record. No
# sentence of a real 公文 comes near it (the longest in the samples has 238 characters);
# a text without sentence ends (a crawl that lost its punctuation) would otherwise
# copy one huge "sentence" into every record: output quadratic in the input.
MAX_SENTENCE = 600
_CLAUSE_WINDOW = 200  # characters kept on each side of the record, at most
_CLAUSE_MARKS = "，；：,;"
_CLAUSE_MARK = rx.compile(f"[{_CLAUSE_MARKS}]")
_CLAUSE_MARK_BACK = rx.compile(f"(?r)[{_CLAUSE_MARKS}]")  # searched backwards: the last one first


def clause_window(text: str, bounds: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """``bounds`` narrowed to the clauses around ``[start, end)``, at most ``_CLAUSE_WINDOW`` each side.

    >>> t = "甲" * 700 + "，到2025年达到10%以上，" + "乙" * 700
    >>> a, b = clause_window(t, (0, len(t)), 705, 708); t[a:b]
    '到2025年达到10%以上，'
    """
    a, b = bounds
    lo = max(a, start - _CLAUSE_WINDOW)
    hi = min(b, end + _CLAUSE_WINDOW)
    cut = _CLAUSE_MARK_BACK.search(text, lo, start) if lo < start else None
    if cut is not None:
        lo = cut.end()
    stop = _CLAUSE_MARK.search(text, end, hi) if end < hi else None
    if stop is not None:
        hi = stop.end()
    return lo, max(hi, end)


class SentenceIndex:
    """Sentence bounds for many look-ups in one text, in linear time overall.

    Gives exactly what :func:`sentence_bounds` gives; that function rescans the paragraph
    before ``start`` on every call, which is quadratic on one long line holding many
    records (a PDF converted without line breaks). Here each line keeps the sentence
    ends found in it so far and the search resumes where it stopped (a sentence end
    never crosses a line break), so no character is scanned twice and a line is only
    scanned as far as its records need. Records come in text order, so the line of the
    last look-up is kept for the next one.

    >>> t = "总则。到2025年，建成5个。另起一句"
    >>> a, b = SentenceIndex(t).bounds(10, 12); t[a:b]
    '到2025年，建成5个。'
    """

    _TERMINALS = frozenset("。！？!?")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, list] = {}  # line start → [line start, line end, ends' starts, ends, resume at]
        self._last: Optional[list] = None  # the lines of the last two look-ups
        self._prev: Optional[list] = None

    def _line(self, offset: int, upto: int) -> list:
        """The line holding ``offset`` (its line break included), scanned past ``upto``."""
        line = self._last
        if line is None or not line[0] <= offset <= line[1]:
            line = self._prev  # a record over a line break looks up two lines in turn
            if line is None or not line[0] <= offset <= line[1]:
                text = self.text
                para = text.rfind("\n", 0, offset) + 1
                line = self._lines.get(para)
                if line is None:
                    nl = text.find("\n", offset)
                    line = self._lines[para] = [para, len(text) if nl < 0 else nl, [], [], para]
            self._prev, self._last = self._last, line
        starts, pos = line[2], line[4]
        if pos >= 0 and (not starts or starts[-1] < upto):
            # resume the scan: up to the first sentence end at or after ``upto``
            search, text, stop, ends = _SENTENCE_END.search, self.text, line[1] + 1, line[3]
            while True:
                m = search(text, pos, stop)
                if m is None:
                    pos = -1  # the whole line is scanned
                    break
                starts.append(m.start())
                pos = m.end()
                ends.append(pos)
                if starts[-1] >= upto:
                    break
            line[4] = pos
        return line

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        # lo: the end of the last sentence end beginning before ``start``, cut at ``start``;
        # none on its line: the line start (the previous line's break ends there)
        para, _, starts, ends, _ = self._line(start, start)
        i = bisect_left(starts, start) - 1
        lo = min(ends[i], start) if i >= 0 else para
        # hi: the first sentence end found by a search from ``p``; inside a run of
        # 。！？ that search starts mid-run and ends where the run ends. The line of ``p``
        # ends with its break (a sentence end) unless it is the last line.
        p = max(end - 1, lo)
        _, _, starts, ends, _ = self._line(p, p)
        j = bisect_left(starts, p)
        if j > 0 and starts[j - 1] < p < ends[j - 1] and text[p] in self._TERMINALS:
            hi = ends[j - 1]
        else:
            hi = ends[j] if j < len(ends) else len(text)
        if hi > lo and text[hi - 1] == "\n":
            hi -= 1
        return lo, max(hi, end)


class Assembler:
    def __init__(self, src: SourceText, clean: CleanText) -> None:
        self.src = src
        self.clean = clean
        self.warnings: list[m.Warning] = []
        self._sentences: Optional[SentenceIndex] = None  # built at the first record that needs it
        # cleaned sentence range → its text: the records of one sentence share one string
        # (one slice, not one per record: a long line without a sentence end can hold
        # thousands of records)
        self._sentence_texts: dict[tuple[int, int], str] = {}
        self._span_fields = clean.span_fields_maker()  # spans as dicts: validated with the document

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence around ``[start, end)`` of the cleaned text."""
        if self._sentences is None:
            self._sentences = SentenceIndex(self.clean.text)
        return self._sentences.bounds(start, end)

    def warn(self, code: W, span: Optional[m.Span] = None, **fields: object) -> None:
        self.warnings.append(m.Warning(code=code.name, message=code.message(**fields), span=span))

    def span(self, start: int, end: int) -> Optional[m.Span]:
        start, end = self.clean.trim(start, end)
        if start >= end:
            return None
        return self.clean.span(start, end)

    def text(self, start: int, end: int) -> str:
        start, end = self.clean.trim(start, end)
        return self.clean.text[start:end]

    def section(self, node: SectionNode) -> m.Section:
        return m.Section.model_validate(self._sections_data([node], [])[0])

    def _sections_data(self, secs: list[SectionNode], nodes: list[SectionNode]) -> list[dict]:
        """The fields of each :class:`~govdoc_extract.models.Section` (children too), validated by the caller.

        The tree is validated once, by the document holding it: one pydantic call per
        document instead of one per node (most of the cost of assembling was there).
        Appends the nodes and their descendants to ``nodes`` (pre-order) on the way.
        A call per list of siblings, not per node: a short notice is a few paragraphs.
        """
        clean = self.clean
        text, span = clean.text, self._span_fields
        out = []
        for node in secs:
            nodes.append(node)
            ts, te = node.text_start, node.text_end
            if ts >= te or text[ts].isspace() or text[te - 1].isspace():  # (most own texts need no trim)
                ts, te = clean.trim(ts, te)
                if ts >= te:  # a container without own text: point at its whole extent
                    ts, te = clean.trim(node.start, node.end)
            rows = node.rows
            children = node.children
            out.append({
                "id": node.id, "kind": node.kind, "label": node.label, "ordinal": node.ordinal,
                "heading": node.heading, "text": text[ts:te], "span": span(ts, te),
                "children": self._sections_data(children, nodes) if children else [],
                "rows": None if rows is None else [[c.text for c in r] for r in rows],
            })
        return out

    def _doc_span(self, start: int, end: int) -> dict:
        """A document's span fields: its trimmed extent, or its first character when it is all blank."""
        s, e = self.clean.trim(start, end)
        if s >= e:
            s, e = start, max(start + 1, end)
        return self._span_fields(s, e)

    def document(self, idx: int, node: DocumentNode, drafts: Iterable[Draft]) -> m.Document:
        """The validated document: metadata, section tree and numbered records.

        Every part is gathered as plain data and validated in one
        ``model_validate`` call (same models and checks as building each one).
        """
        doc_id = f"d{idx}"
        clean = self.clean
        ctext = clean.text
        trim, span = clean.trim, self._span_fields
        nodes: list[SectionNode] = []
        sections = self._sections_data(node.sections, nodes)
        sec_index: Optional[_SectionIndex] = None  # built at the first draft without its section
        lists: dict[str, list] = {f: [] for f in _RECORD_FIELDS}
        counters = dict.fromkeys(_PREFIXES, 0)
        # (kind, start, end) → the first draft kept there, then, after a collision, the
        # set of the fields keys kept there: fields are only compared on a collision
        # (their reprs are costly), and by hashing (a row of thousands of cells gives
        # thousands of drafts over one range)
        seen: dict[tuple, Any] = {}
        sentences = self._sentence_texts
        long_sentences = 0  # records whose sentence was cut to its clauses (W402)
        for d in sorted(drafts, key=_DRAFT_ORDER):
            kind = d.kind
            field_name, _, prefix = RECORD_KINDS[kind]
            s, e = d.start, d.end
            if s >= e:
                continue
            if ctext[s].isspace() or ctext[e - 1].isspace():  # (evidence seldom needs a trim)
                s, e = trim(s, e)
                if s >= e:
                    continue
            where = (kind, s, e)
            kept = seen.get(where)
            if kept is None:
                seen[where] = d
            else:
                if not isinstance(kept, set):
                    kept = seen[where] = {_fields_key(kept)}
                key = _fields_key(d)
                if key in kept:  # the same record from two rules: keep the first
                    continue
                kept.add(key)
            n = counters[prefix] = counters[prefix] + 1
            # each record's dict in one display (the draft's fields first: ours win)
            if kind == "reference":
                lists[field_name].append({**d.fields, "text": ctext[s:e], "span": span(s, e)})
                continue
            sid = d.section_id
            if sid is None:
                if sec_index is None:
                    sec_index = _SectionIndex(nodes)
                sid = sec_index.at(s)
            if kind == "amount":
                lists[field_name].append({**d.fields, "text": ctext[s:e], "span": span(s, e),
                                          "id": f"{doc_id}/{prefix}{n}", "section_id": sid, "rule": d.rule})
                continue
            bounds = d.sentence or self.sentence(s, e)
            if type(bounds) is not tuple:  # a list would not hash
                bounds = (bounds[0], bounds[1])
            if bounds[1] - bounds[0] > MAX_SENTENCE:
                bounds = clause_window(ctext, bounds, s, e)
                long_sentences += 1
            sentence = sentences.get(bounds)
            if sentence is None:
                a, b = trim(*bounds)
                sentence = sentences[bounds] = ctext[a:b]
            lists[field_name].append({**d.fields, "text": ctext[s:e], "span": span(s, e),
                                      "id": f"{doc_id}/{prefix}{n}", "section_id": sid, "rule": d.rule,
                                      "sentence": sentence})
        if long_sentences:
            self.warn(W.W402, span=self.span(node.start, node.end), count=long_sentences, limit=MAX_SENTENCE)
        dn = node.doc_number
        return _validate_document({
            "id": doc_id, "title": node.title, "doc_type": node.doc_type,
            "doc_number": {"text": dn.text, "prefix": dn.prefix, "year": dn.year, "serial": dn.serial} if dn else None,
            "issuers": node.issuers, "addressees": node.addressees, "date": node.date, "attachments": node.attachments,
            "span": self._doc_span(node.start, node.end),
            "sections": sections,
            **lists,
        })


# Document.model_validate without its Python frame and the keyword arguments it passes on
# (the same validator; on a short notice those cost 3 % of assembling it)
_validate_document = m.Document.__pydantic_validator__.validate_python
_RECORD_FIELDS = tuple(f for f, _, _ in RECORD_KINDS.values())
_PREFIXES = tuple(p for _, _, p in RECORD_KINDS.values())
_DRAFT_ORDER = attrgetter("start", "end", "kind", "rule")


def _fields_key(d: Draft) -> tuple:
    """The fields as sorted (name, repr) pairs: reprs tell 1, 1.0 and True apart, and hash."""
    f = d.fields
    return tuple(sorted(zip(f, map(repr, f.values()))))


_SMALL_TREE = 16  # nodes (a scan walks back through at most this many)


class _SectionIndex:
    """Innermost section at a cleaned offset."""

    def __init__(self, nodes: list[SectionNode]) -> None:
        self.nodes = nodes  # every node of the tree
        self.items: Optional[list[tuple]] = None  # built on the first look-up (most drafts know their section)

    def _build(self) -> None:
        nodes = self.nodes
        # deeper nodes (more "/" in the id) later so that they win on ties
        self.items = sorted([(n.start, n.end, n.id.count("/"), n.id) for n in nodes])
        self.starts = [i[0] for i in self.items]
        self.reach: dict[int, list[int]] = {}  # depth → running furthest end (built when a walk gets long)
        # Between two consecutive node starts/ends the answer cannot change: memoise it
        # per such piece (records crowd into the same paragraphs). Not for a small tree
        # (a short notice): a scan of a few nodes costs less than building the pieces.
        self.memo: Optional[dict[int, Optional[str]]] = None
        if len(nodes) > _SMALL_TREE:
            self.bounds = sorted({b for n in nodes for b in (n.start, n.end)})
            self.memo = {}

    def at(self, offset: int) -> Optional[str]:
        if self.items is None:
            self._build()
        if self.memo is None:
            return self._scan(offset)
        piece = bisect_right(self.bounds, offset)
        if piece not in self.memo:
            self.memo[piece] = self._scan(offset)
        return self.memo[piece]

    def _scan(self, offset: int) -> Optional[str]:
        best: Optional[tuple] = None
        steps = 0
        items = self.items or []  # (built by at())
        for i in range(bisect_right(self.starts, offset) - 1, -1, -1):
            s, e, depth, nid = items[i]
            if s <= offset < e and (best is None or depth > best[0]):
                best = (depth, nid)
            if best is not None and e <= offset and depth <= 1:
                break
            steps += 1
            # A long walk back (the earlier articles of a big chapter): stop as soon as
            # nothing before ``i`` reaches past ``offset`` deeper than ``best``, since
            # nothing there can change it (keeps many look-ups from being quadratic).
            if steps >= 32 and i and self._reach(best[0] + 1 if best else 0, i - 1) <= offset:
                break
        return best[1] if best else None

    def _reach(self, level: int, i: int) -> int:
        """The furthest end among ``items[:i + 1]`` of depth ``level`` or deeper (-1: none)."""
        reach = self.reach.get(level)
        if reach is None:
            reach, top = [], -1
            for _, e, depth, _ in self.items or ():
                if depth >= level and e > top:
                    top = e
                reach.append(top)
            self.reach[level] = reach
        return reach[i]


def bulletin_model(info: Optional[BulletinInfo]) -> Optional[m.Bulletin]:
    if info is None or (not info.title and not info.issue and not info.toc):
        return None
    return m.Bulletin(title=info.title, issue=info.issue, toc=[m.TocEntry(title=t, page=p) for t, p in info.toc])
