"""The library API: ``extract_file`` and ``extract_text`` are the product; the CLI is a thin layer.

Stages: read → normalise → segment (bulletin, documents, sections) → extract → assemble.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from . import models as m
from .assemble import Assembler, bulletin_model
from .errors import W
from .extract import EXTRACTORS
from .extract.base import Block, Context, Table
from .segment.bulletin import parse_bulletin
from .segment.documents import find_documents
from .segment.sections import build_sections
from .segment.types import DocumentNode, SectionNode
from .text import guard
from .text.normalise import normalise
from .text.read import DEFAULT_MAX_BYTES, SourceText, decode_bytes, read_path


@dataclass(frozen=True)
class Options:
    """What to run. ``only``/``skip`` name record kinds of :data:`EXTRACTORS`."""

    only: frozenset[str] = field(default_factory=frozenset)
    skip: frozenset[str] = field(default_factory=frozenset)
    reference_date: Optional[date] = None  # used when a document has no 成文日期
    max_bytes: int = DEFAULT_MAX_BYTES

    def kinds(self) -> list[str]:
        return [k for k in EXTRACTORS if (not self.only or k in self.only) and k not in self.skip]


DEFAULT = Options()


def extract_file(path: str | Path, *, options: Options = DEFAULT) -> m.Result:
    """Extract one file. Raises :class:`~govdoc_extract.errors.GovdocError` on unreadable input."""
    return extract_source(read_path(path, max_bytes=options.max_bytes), options=options)


def extract_bytes(data: bytes, path: str = "-", *, options: Options = DEFAULT) -> m.Result:
    return extract_source(decode_bytes(data, path), options=options)


def extract_text(text: str, *, path: str = "-", options: Options = DEFAULT) -> m.Result:
    """Extract from an already decoded text (spans point into ``text``).

    >>> r = extract_text("荆州市人民政府关于印发荆州市体育发展规划的通知\\n各县、市、区人民政府：\\n现印发给你们。\\n2022年9月1日")
    >>> r.documents[0].date
    '2022-09-01'
    """
    import hashlib

    src = SourceText(path=path, text=text, encoding="utf-8",
                     sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return extract_source(src, options=options)


def extract_source(src: SourceText, *, options: Options = DEFAULT) -> m.Result:
    cleaned = normalise(src.text)
    clean = cleaned.clean
    asm = Assembler(src, clean)
    for code, fields in src.warnings:
        asm.warn(code, **fields)
    if not src.text.strip():
        asm.warn(W.W101)
    if cleaned.header_lines:
        asm.warn(W.W110, count=cleaned.header_lines, text="、".join(cleaned.headers))
    if cleaned.undoubled_lines:
        asm.warn(W.W111)
    if cleaned.boilerplate_lines:
        asm.warn(W.W112, count=cleaned.boilerplate_lines)

    bulletin = parse_bulletin(clean, src.text)
    docs = find_documents(clean, bulletin) if clean.text.strip() else []
    docs = [d for d in docs if clean.trim(d.start, d.end)[0] < d.end]  # never emit an empty document
    if clean.text.strip() and not any(d.title for d in docs):
        asm.warn(W.W201)
    kinds = options.kinds()
    out_docs = []
    for i, doc in enumerate(docs, 1):
        doc.sections = build_sections(clean, doc, f"d{i}")
        ctx = _context(clean, doc, options)
        with guard.collecting() as timeouts:  # a runaway pattern becomes W303, not a hang
            drafts = [d for k in kinds for d in EXTRACTORS[k](ctx)]
        for t in timeouts:
            asm.warn(W.W303, span=asm.span(t.start, t.end), rule=t.rule)
        out_docs.append(asm.document(i, doc, drafts))
    return m.Result(
        source=m.Source(path=src.path, sha256=src.sha256, encoding=src.encoding, n_chars=len(src.text)),
        bulletin=bulletin_model(bulletin),
        documents=out_docs,
        warnings=asm.warnings,
    )


def _context(clean, doc: DocumentNode, options: Options) -> Context:
    """Cut the document into paragraph blocks and tables, each knowing its section."""
    blocks: list[Block] = []
    tables: list[Table] = []
    # innermost section for each paragraph: walk the tree, deepest assignment wins
    owners: list[tuple[int, int, str, tuple[str, ...]]] = []

    def visit(node: SectionNode, path: tuple[str, ...]) -> None:
        here = path + ((node.heading or node.label or ""),)
        if node.rows is not None:
            tables.append(Table(section_id=node.id, rows=tuple(tuple(r) for r in node.rows), heading_path=path,
                                caption=node.heading))  # the table node heading is its caption (表1 …)
        owners.append((node.start, node.end, node.id, here))
        for c in node.children:
            visit(c, here)

    for s in doc.sections:
        visit(s, ())
    # Owners come in pre-order (parents before children), so for a paragraph the
    # last owner that contains it is the innermost one. Sweep both in offset order.
    owners.sort(key=lambda o: o[0])
    text = clean.text
    pos = doc.start
    open_owners: list[tuple[int, int, str, tuple[str, ...]]] = []
    k, n_owners = 0, len(owners)
    # the owner only changes when an owner opens or closes: recompute it only then
    sid, hp = None, ()
    next_close = -1  # smallest end among the open owners (-1: none open)
    while pos < doc.end:
        nl = text.find("\n", pos, doc.end)
        end = doc.end if nl < 0 else nl
        changed = False
        while k < n_owners and owners[k][0] <= pos:
            open_owners.append(owners[k])
            k += 1
            changed = True
        if changed or 0 <= next_close <= pos:
            open_owners = [o for o in open_owners if o[1] > pos]
            sid, hp = None, ()
            next_close = -1
            if open_owners:
                _, _, sid, hp = max(open_owners, key=lambda o: (len(o[3]), o[0]))
                next_close = min(o[1] for o in open_owners)
        line = text[pos:end]
        if line and "\t" not in line:
            blocks.append(Block(pos, end, line, sid, hp))  # (start, end, text, section_id, heading_path)
        pos = end + 1
    ref = _parse_iso(doc.date) or options.reference_date
    return Context(clean=clean, document=doc, blocks=tuple(blocks), tables=tuple(tables), ref_date=ref)


def _parse_iso(s: Optional[str]) -> Optional[date]:
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        return None
