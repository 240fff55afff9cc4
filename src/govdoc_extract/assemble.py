"""Assemble: working nodes and drafts → the validated :class:`~govdoc_extract.models.Result`.

This is the only stage that turns cleaned offsets into source spans (through
``CleanText.span``) and the only one that numbers records.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable, Optional

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

_SENTENCE_END = rx.compile(r"[。！？!?]+[”’」』]?|\n")


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
    for m in _SENTENCE_END.finditer(text, para, start):
        lo = m.end()
    m_end = _SENTENCE_END.search(text, max(end - 1, lo))
    hi = m_end.end() if m_end else len(text)
    if hi > lo and text[hi - 1] == "\n":
        hi -= 1
    return lo, max(hi, end)


class SentenceIndex:
    """The sentence ends of a whole text, found in one pass, so each lookup costs O(log n).

    Gives exactly what :func:`sentence_bounds` gives; that function rescans the paragraph
    before ``start`` on every call, which is quadratic on one long line holding many
    records (a PDF converted without line breaks).

    >>> t = "总则。到2025年，建成5个。另起一句"
    >>> a, b = SentenceIndex(t).bounds(10, 12); t[a:b]
    '到2025年，建成5个。'
    """

    _TERMINALS = frozenset("。！？!?")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _SENTENCE_END.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        text, starts, ends = self.text, self.starts, self.ends
        # lo: the end of the last sentence end beginning before ``start``, cut at ``start``
        # (a line break always counts, so this never leaves the paragraph)
        i = bisect_left(starts, start) - 1
        lo = min(ends[i], start) if i >= 0 else 0
        # hi: the first sentence end found by a search from ``p``; inside a run of
        # 。！？ that search starts mid-run and ends where the run ends
        p = max(end - 1, lo)
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

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence around ``[start, end)`` of the cleaned text."""
        if self._sentences is None:
            self._sentences = SentenceIndex(self.clean.text)
        return self._sentences.bounds(start, end)

    def warn(self, code: W, span: Optional[m.Span] = None, **fields: object) -> None:
        self.warnings.append(m.Warning(code=code.name, message=code.format(**fields), span=span))

    def span(self, start: int, end: int) -> Optional[m.Span]:
        start, end = self.clean.trim(start, end)
        if start >= end:
            return None
        return self.clean.span(start, end)

    def text(self, start: int, end: int) -> str:
        start, end = self.clean.trim(start, end)
        return self.clean.text[start:end]

    def section(self, node: SectionNode) -> m.Section:
        return m.Section.model_validate(self._section_data(node))

    def _section_data(self, node: SectionNode) -> dict:
        """The fields of a :class:`~govdoc_extract.models.Section` (children too), validated by the caller.

        The tree is validated once, by the document holding it: one pydantic call per
        document instead of one per node (most of the cost of assembling was there).
        """
        clean = self.clean
        ts, te = clean.trim(node.text_start, node.text_end)
        if ts >= te:  # a container without own text: point at its whole extent
            ts, te = clean.trim(node.start, node.end)
        rows = None
        if node.rows is not None:
            rows = [[c.text for c in r] for r in node.rows]
        return {
            "id": node.id, "kind": node.kind, "label": node.label, "ordinal": node.ordinal, "heading": node.heading,
            "text": clean.text[ts:te], "span": clean.span(ts, te),
            "children": [self._section_data(c) for c in node.children], "rows": rows,
        }

    def document(self, idx: int, node: DocumentNode, drafts: Iterable[Draft]) -> m.Document:
        """The validated document: metadata, section tree and numbered records.

        Every part is gathered as plain data and validated in one
        ``model_validate`` call (same models and checks as building each one).
        """
        doc_id = f"d{idx}"
        clean = self.clean
        ctext = clean.text
        sec_index = _SectionIndex(node.sections)
        lists: dict[str, list] = {f: [] for f, _, _ in RECORD_KINDS.values()}
        counters: dict[str, int] = {}
        # (kind, start, end) → [draft, its fields key or None until needed] kept there;
        # the fields are only compared on a collision (their reprs are costly)
        seen: dict[tuple, list[list]] = {}
        for d in sorted(drafts, key=lambda d: (d.start, d.end, d.kind, d.rule)):
            field_name, _, prefix = RECORD_KINDS[d.kind]
            s, e = clean.trim(d.start, d.end)
            if s >= e:
                continue
            where = (d.kind, s, e)
            kept = seen.get(where)
            if kept is None:
                seen[where] = [[d, None]]
            else:
                key = _fields_key(d)
                for k in kept:
                    if k[1] is None:
                        k[1] = _fields_key(k[0])
                if any(k[1] == key for k in kept):  # the same record from two rules: keep the first
                    continue
                kept.append([d, key])
            counters[prefix] = counters.get(prefix, 0) + 1
            rec = dict(d.fields)
            rec["text"] = ctext[s:e]
            rec["span"] = clean.span(s, e)
            if d.kind != "reference":
                rec["id"] = f"{doc_id}/{prefix}{counters[prefix]}"
                rec["section_id"] = d.section_id or sec_index.at(s)
                rec["rule"] = d.rule
                if d.kind != "amount":
                    a, b = d.sentence or self.sentence(s, e)
                    rec["sentence"] = self.text(a, b)
            lists[field_name].append(rec)
        dn = node.doc_number
        return m.Document.model_validate(dict(
            id=doc_id, title=node.title, doc_type=node.doc_type,
            doc_number=dict(text=dn.text, prefix=dn.prefix, year=dn.year, serial=dn.serial) if dn else None,
            issuers=node.issuers, addressees=node.addressees, date=node.date, attachments=node.attachments,
            span=self.span(node.start, node.end) or clean.span(node.start, max(node.start + 1, node.end)),
            sections=[self._section_data(s) for s in node.sections],
            **lists,
        ))


def _fields_key(d: Draft) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in d.fields.items()))


class _SectionIndex:
    """Innermost section at a cleaned offset."""

    def __init__(self, roots: list[SectionNode]) -> None:
        self.roots = roots
        self.items: Optional[list[tuple]] = None  # built on the first look-up (most drafts know their section)

    def _build(self) -> None:
        nodes = [n for r in self.roots for n in r.walk()]
        # deeper nodes later so that they win on ties
        self.items = sorted(((n.start, n.end, _depth(n.id), n.id) for n in nodes))
        self.starts = [i[0] for i in self.items]
        # Between two consecutive node starts/ends the answer cannot change: memoise it
        # per such piece (records crowd into the same paragraphs).
        self.bounds = sorted({b for n in nodes for b in (n.start, n.end)})
        self.memo: dict[int, Optional[str]] = {}

    def at(self, offset: int) -> Optional[str]:
        if self.items is None:
            self._build()
        piece = bisect_right(self.bounds, offset)
        if piece not in self.memo:
            self.memo[piece] = self._scan(offset)
        return self.memo[piece]

    def _scan(self, offset: int) -> Optional[str]:
        best: Optional[tuple] = None
        for i in range(bisect_right(self.starts, offset) - 1, -1, -1):
            s, e, depth, nid = self.items[i]
            if s <= offset < e and (best is None or depth > best[0]):
                best = (depth, nid)
            if best is not None and e <= offset and depth <= 1:
                break
        return best[1] if best else None


def _depth(node_id: str) -> int:
    return node_id.count("/")


def bulletin_model(info: Optional[BulletinInfo]) -> Optional[m.Bulletin]:
    if info is None or (not info.title and not info.issue and not info.toc):
        return None
    return m.Bulletin(title=info.title, issue=info.issue, toc=[m.TocEntry(title=t, page=p) for t, p in info.toc])
