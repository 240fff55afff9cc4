"""What every extractor sees (:class:`Context`) and yields (:class:`Draft`).

Extractors *find* evidence in cleaned text and *parse* it with the shared
value parsers in ``values/``; they never build spans themselves: a draft
carries cleaned offsets and ``assemble`` maps them to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterator, NamedTuple, Optional

from ..segment.types import Cell, DocNumberInfo, DocumentNode
from ..text.offsets import CleanText


class Block(NamedTuple):
    """One paragraph (a line of cleaned text) inside a document.

    ``heading_path`` holds the headings of the enclosing sections, outermost
    first (used to inherit a target year from ``到2025年`` in a heading).
    A named tuple: immutable like the other context types, and one is made per
    paragraph, which a frozen dataclass makes at twice the cost.
    """

    start: int
    end: int
    text: str
    section_id: Optional[str]
    heading_path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A tab-separated table: rows of cells with cleaned offsets."""

    section_id: Optional[str]
    rows: tuple[tuple[Cell, ...], ...]
    heading_path: tuple[str, ...] = ()
    caption: Optional[str] = None  # the line before the table, e.g. 表1 主要指标


@dataclass(frozen=True, slots=True)
class Context:
    """One document as the extractors see it.

    ``shared`` holds what one extractor works out and another reads again (the
    parsed indicator tables, the year marks of a paragraph): it lives exactly as
    long as the document, so no extractor keeps module-level caches.
    """

    clean: CleanText
    document: DocumentNode
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...]
    ref_date: Optional[date]  # 成文日期 of the document, or None
    shared: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of_text(cls, text: str, *, clean: bool = True, tables: tuple[Table, ...] = (),
                ref_date: Optional[date] = None, doc_number: Optional[DocNumberInfo] = None) -> "Context":
        r"""A one-document context whose lines are its paragraphs (tab lines are left to the
        tables): for running one extractor over a few sentences, as the tests do.

        ``clean=False`` keeps the text as it is (no normalisation; offsets are the text's own).

        >>> ctx = Context.of_text("一、总则\n到２０２５年，建成5个。")
        >>> [b.text for b in ctx.blocks], ctx.document.end
        (['一、总则', '到2025年，建成5个。'], 17)
        """
        if clean:
            from ..text.normalise import normalise

            ct = normalise(text).clean
        else:
            ct = CleanText.identity(text)
        t = ct.text
        blocks, pos = [], 0
        for line in t.split("\n"):
            if line and "\t" not in line:
                blocks.append(Block(pos, pos + len(line), line, None))
            pos += len(line) + 1
        doc = DocumentNode(start=0, end=len(t), body_start=0, doc_number=doc_number)
        return cls(clean=ct, document=doc, blocks=tuple(blocks), tables=tables, ref_date=ref_date)


@dataclass(slots=True)
class Draft:
    """A record before assembly: kind, cleaned range of its evidence, fields, rule id."""

    kind: str  # target | deadline | responsibility | ratio | reference | amount
    start: int
    end: int
    fields: dict[str, Any]
    rule: str
    section_id: Optional[str] = None
    sentence: Optional[tuple[int, int]] = None  # cleaned range; assemble finds it when None


Extractor = Callable[[Context], Iterator[Draft]]
