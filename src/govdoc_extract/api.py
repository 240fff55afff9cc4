"""The library API: ``extract_file`` and ``extract_text`` are the product; the CLI is a thin layer.

Stages: read → normalise → segment (bulletin, documents, sections) → extract → assemble.
"""

from __future__ import annotations

import gc
import os
import threading
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Collection, Iterator, Optional

from . import models as m
from .assemble import Assembler, bulletin_model
from .errors import W, examples
from .extract import EXTRACTORS
from .extract.base import Block, Context, Table
from .segment.bulletin import parse_bulletin
from .segment.documents import find_documents
from .segment.sections import build_sections
from .segment.types import DocumentNode, SectionNode
from .text import guard
from .text.normalise import normalise
from .text.read import DEFAULT_MAX_BYTES, SourceText, decode_bytes, printable_path, read_path


@dataclass(frozen=True)
class Options:
    """What to run. ``only``/``skip`` name record kinds of :data:`EXTRACTORS` (any collection of
    names, or one string of them separated by commas as ``--only`` takes them; kept as a frozenset)."""

    only: Collection[str] = field(default_factory=frozenset)
    skip: Collection[str] = field(default_factory=frozenset)
    reference_date: Optional[date] = None  # used when a document has no 成文日期
    max_bytes: int = DEFAULT_MAX_BYTES
    # An extractor that raises (a bug) costs its own records of that document, with
    # warning W304, not the whole file; strict (the CLI's --debug) raises it instead.
    strict: bool = False

    def __post_init__(self) -> None:
        # Checked here, where a caller builds them by hand: a misspelt kind ('targets', the
        # Document field) would silently extract nothing, and a date given as text would fail
        # every rule that reads it (W304, reported as a bug in govdoc).
        for name in ("only", "skip"):
            object.__setattr__(self, name, _record_kinds(name, getattr(self, name)))
        if self.reference_date is not None and not isinstance(self.reference_date, date):
            raise TypeError(f"reference_date must be a datetime.date, e.g. date(2024, 6, 30), "
                            f"not {type(self.reference_date).__name__}")

    def kinds(self) -> list[str]:
        return [k for k in EXTRACTORS if (not self.only or k in self.only) and k not in self.skip]


def _record_kinds(name: str, kinds) -> frozenset[str]:
    """``kinds`` (any collection of names, or a string of them separated by commas as --only takes
    them) as a frozenset; ValueError for a name not in :data:`EXTRACTORS`."""
    if isinstance(kinds, str):  # (not its characters, nor a test of substrings: 'amount' in 'amounts')
        kinds = [k.strip() for k in kinds.split(",") if k.strip()]
    kinds = frozenset(kinds)
    unknown = sorted(kinds - EXTRACTORS.keys())
    if unknown:
        raise ValueError(f"{name}: unknown record kind(s) {', '.join(unknown)}; known: {', '.join(EXTRACTORS)}")
    return kinds


DEFAULT = Options()


def extract_file(path: str | Path, *, options: Options = DEFAULT) -> m.Result:
    """Extract one file. Raises :class:`~govdoc_extract.errors.GovdocError` on unreadable input."""
    return extract_source(read_path(path, max_bytes=options.max_bytes), options=options)


def extract_bytes(data: bytes, path: str | Path = "-", *, options: Options = DEFAULT) -> m.Result:
    """Extract from the bytes of a file (the encoding is detected); ``path`` is what ``source.path`` records."""
    if isinstance(data, str):  # (hashlib's TypeError would not say what to do)
        raise TypeError("extract_bytes takes bytes; for a str use api.extract_text(text, path=...)")
    return extract_source(decode_bytes(data, str(path)), options=options)


def extract_text(text: str, *, path: str | Path = "-", options: Options = DEFAULT) -> m.Result:
    """Extract from an already decoded text (spans point into ``text``).

    >>> r = extract_text("荆州市人民政府关于印发荆州市体育发展规划的通知\\n各县、市、区人民政府：\\n现印发给你们。\\n2022年9月1日")
    >>> r.documents[0].date
    '2022-09-01'
    """
    import hashlib

    if isinstance(text, (bytes, bytearray)):  # (else an AttributeError from deep inside)
        raise TypeError("extract_text takes a str; for bytes use api.extract_bytes(data, path), which detects the encoding")
    src = SourceText(path=str(path), text=text, encoding="utf-8",
                     sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return extract_source(src, options=options)


def extract_source(src: SourceText, *, options: Options = DEFAULT) -> m.Result:
    with gc_paused():
        return _extract(src, options)


_gc_lock = threading.Lock()
_gc_users = 0  # extractions running now (threads)
_gc_was_enabled = False  # the collector's state before the first of them
_gc_mine = threading.local()  # .depth: this thread's share of _gc_users (what a forked child keeps)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the block runs, then restore its state.

    An extraction builds hundreds of thousands of small objects and no reference cycle
    (a test checks), so the collector finds nothing, yet its passes over the growing
    heap cost 5 % of the time on the seeds and 7-13 % on a file of 2,000 notices.
    Reference counting still frees everything as usual. Threads share the collector:
    the first one in pauses it, the last one out restores it (in a child made by ``fork()``,
    the last one of those that came along: see :func:`_forget_other_threads_after_fork`).

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _gc_users, _gc_was_enabled
    with _gc_lock:
        if _gc_users == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_users += 1
    _gc_mine.depth = getattr(_gc_mine, "depth", 0) + 1
    try:
        yield
    finally:
        _gc_mine.depth -= 1
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_was_enabled:
                _age_young_objects()
                gc.enable()


def _forget_other_threads_after_fork() -> None:
    """In a child made by ``fork()``, drop the pauses of the threads that did not come along.

    The child has only the thread that forked. The others' extractions never end there, so
    their share of the count would keep the collector off in the child for good, and a lock
    one of them held would never be released (the child's first extraction would hang).
    """
    global _gc_lock, _gc_users
    _gc_lock = threading.Lock()
    mine = getattr(_gc_mine, "depth", 0)
    if _gc_users > mine:
        _gc_users = mine
        if mine == 0 and _gc_was_enabled:
            gc.enable()


if hasattr(os, "register_at_fork"):  # (not on Windows)
    os.register_at_fork(after_in_child=_forget_other_threads_after_fork)


def _age_young_objects() -> None:
    """Move the objects made while the collector was paused to its oldest generation, unscanned.

    Turned back on, the collector would begin with a pass over every object made during
    the pause (the result: hundreds of thousands of them, no longer in the processor's
    caches) only to move them on, since the pipeline makes no cycles: 8 % of the time of a
    file of 10,000 notices, 3 % on the seeds. ``gc.freeze()`` then ``gc.unfreeze()`` moves
    every tracked object to the oldest generation without that pass, as surviving it would
    (cyclic garbage of the caller's made before the call waits for the next full collection).
    Skipped when objects are frozen already (the command line freezes its imports, and the
    unfreeze would thaw them too): then the collector runs its pass as usual.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _extract(src: SourceText, options: Options) -> m.Result:
    cleaned = normalise(src.text)
    clean = cleaned.clean
    asm = Assembler(src, clean)
    path = printable_path(src.path)
    if path != src.path:
        asm.warn(W.W104)
    for code, fields in src.warnings:
        asm.warn(code, **fields)
    if not src.text.strip():
        asm.warn(W.W101)
    if cleaned.header_lines:
        asm.warn(W.W110, count=cleaned.header_lines, text=examples(cleaned.headers))
    if cleaned.undoubled_lines:
        asm.warn(W.W111)
    if cleaned.boilerplate_lines:
        asm.warn(W.W112, count=cleaned.boilerplate_lines)

    bulletin = parse_bulletin(clean, src.text)
    has_text = not clean.text.isspace() and clean.text != ""
    docs = find_documents(clean, bulletin) if has_text else []
    docs = [d for d in docs if clean.trim(d.start, d.end)[0] < d.end]  # never emit an empty document
    if has_text and not any(d.title for d in docs):
        asm.warn(W.W201)
    kinds = options.kinds()
    out_docs: list[m.Document] = []
    # a runaway pattern becomes W303, not a hang (only the extractors run guarded patterns here:
    # one collecting block for all documents, each document reporting the timeouts it added)
    with guard.collecting() as timeouts:
        for first, batch in _batches(docs):
            out_docs += _extract_batch(clean, batch, first, kinds, options, asm, timeouts)
    return m.Result(
        source=m.Source(path=path, sha256=src.sha256, encoding=src.encoding, n_chars=len(src.text)),
        bulletin=bulletin_model(bulletin),
        documents=out_docs,
        warnings=asm.warnings,
    )


# Documents go through the stages in batches, stage by stage: the sections of every document
# of a batch, then their contexts, then each extractor over all of them, then their assembly.
# The work is the same as document by document, in another order. On a file of many short
# documents the order decides the speed: the whole pipeline run for one 200-character notice
# after another keeps no stage's code in the processor's instruction cache and branch
# predictors, one stage run over hundreds of notices in a row does (2,000 notices: −23 % time,
# the same instructions). A batch is bounded in documents and in characters, so the contexts
# and drafts held at once stay small whatever the file.
BATCH_DOCUMENTS = 256
BATCH_CHARS = 200_000


def _batches(docs: list[DocumentNode]) -> Iterator[tuple[int, list[DocumentNode]]]:
    """Consecutive runs of ``docs`` within both bounds (each holds one document at least), with
    the 1-based number of their first document.

    >>> [(i, len(b)) for i, b in _batches([DocumentNode(0, 150_000, 0)] * 3)]
    [(1, 1), (2, 1), (3, 1)]
    >>> [(i, len(b)) for i, b in _batches([DocumentNode(0, 100, 0)] * 300)]
    [(1, 256), (257, 44)]
    """
    i, n = 0, len(docs)
    while i < n:
        j, size = i + 1, docs[i].end - docs[i].start
        while j < n and j - i < BATCH_DOCUMENTS and size + docs[j].end - docs[j].start <= BATCH_CHARS:
            size += docs[j].end - docs[j].start
            j += 1
        yield i + 1, docs[i:j]
        i = j


def _extract_batch(clean, batch: list[DocumentNode], first: int, kinds: list[str], options: Options,
                   asm: Assembler, timeouts: list) -> list[m.Document]:
    """Sections, contexts, records and assembly of the documents of one batch (numbered from
    ``first``), stage by stage (see :data:`BATCH_DOCUMENTS`).

    Each document's warnings come out in the order a document-by-document run gives them: the
    failures of its extractors (W304, in the order of ``kinds``), its timeouts (W303), then what
    its assembly adds. Only ``strict`` mode sees the difference: of two extractors failing in two
    documents, it raises the one met first stage by stage.
    """
    for i, doc in enumerate(batch, first):
        doc.sections = build_sections(clean, doc, f"d{i}")
    ctxs = [_context(clean, doc, options) for doc in batch]
    drafts: list[list] = [[] for _ in batch]
    failed: list[list[tuple[str, str]]] = [[] for _ in batch]  # (kind, error): the text, not the exception
    timed_out: list[list] = [[] for _ in batch]
    for k in kinds:
        extractor = EXTRACTORS[k]
        for j, ctx in enumerate(ctxs):
            seen = len(timeouts)
            try:
                drafts[j] += list(extractor(ctx))  # (a list first: all of a kind or none)
            except Exception as e:
                if options.strict or isinstance(e, MemoryError):
                    raise
                # (the exception itself would keep its traceback, and through it this frame: a cycle)
                failed[j].append((k, f"{type(e).__name__}: {e}"))
            if len(timeouts) > seen:
                timed_out[j] += timeouts[seen:]
    out = []
    for j, doc in enumerate(batch):
        for k, error in failed[j]:
            asm.warn(W.W304, span=asm.span(doc.start, doc.end), kind=k, error=error)
        for t in timed_out[j]:
            asm.warn(W.W303, span=asm.span(t.start, t.end), rule=t.rule)
        out.append(asm.document(first + j, doc, drafts[j]))
    return out


def _context(clean, doc: DocumentNode, options: Options) -> Context:
    """Cut the document into paragraph blocks and tables, each knowing its section."""
    tables: list[Table] = []
    # every section node with its depth and the owner it gives its paragraphs
    owners: list[tuple[int, int, int, int]] = []  # (depth, start, -preorder index, end)
    info: list[tuple[Optional[str], tuple[str, ...]]] = [(None, ())]  # owner 0: no section
    todo: list[tuple[SectionNode, tuple[str, ...]]] = [(node, ()) for node in reversed(doc.sections)]  # pre-order walk (a stack, not recursion)
    while todo:
        node, path = todo.pop()
        here = path + ((node.heading or node.label or ""),)
        if node.rows is not None:
            tables.append(Table(section_id=node.id, rows=tuple(tuple(r) for r in node.rows), heading_path=path,
                                caption=node.heading))  # the table node heading is its caption (表1 …)
        info.append((node.id, here))
        owners.append((len(here), node.start, -len(owners), node.end))
        if node.children:
            todo.extend((c, here) for c in reversed(node.children))
    lines = clean.text[doc.start:doc.end].split("\n")
    starts = list(accumulate(map((1).__add__, map(len, lines)), initial=doc.start))  # (one past the last)
    # A paragraph belongs to the innermost node open at its first character (start <= line
    # start < end): the deepest one, the earliest-starting among equals, the first in
    # pre-order among those. Paint each node over its lines in that order of precedence,
    # lowest first, so that the winner is painted last (slice assignment: no per-line work).
    own = [0] * len(lines)
    for depth, start, neg_k, end in sorted(owners):
        i = bisect_left(starts, start, 0, len(lines))
        j = bisect_left(starts, end, i, len(lines))
        if i < j:
            own[i:j] = [1 - neg_k] * (j - i)
    # (tuple.__new__ makes a named tuple without the Python frame of its __new__)
    new = tuple.__new__
    blocks = tuple([new(Block, (st, st + len(ln), ln) + info[o]) for st, ln, o in zip(starts, lines, own)
                    if ln and "\t" not in ln])  # (a list first: a generator resumes once per line)
    return Context(clean=clean, document=doc, blocks=blocks, tables=tuple(tables),
                   ref_date=_parse_iso(doc.date) or options.reference_date)


def _parse_iso(s: Optional[str]) -> Optional[date]:
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        return None
