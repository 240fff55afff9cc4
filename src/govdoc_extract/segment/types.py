"""Working types of the segment stage (small dataclasses; not the contract).

All offsets here are *cleaned-text* offsets (``CleanText.text``), end exclusive;
``assemble`` maps them to source spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(slots=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class SectionNode:
    """One node of a document's section tree.

    ``start``/``end`` cover the whole node including its children;
    ``text_start``/``text_end`` cover its own text (marker line and the text
    before the first child). ``rows`` is set for tables: one list of
    :class:`Cell` per row.
    """

    id: str
    kind: str
    start: int
    end: int
    text_start: int
    text_end: int
    label: Optional[str] = None
    ordinal: Optional[int] = None
    heading: Optional[str] = None
    children: list["SectionNode"] = field(default_factory=list)
    rows: Optional[list[list[Cell]]] = None

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(slots=True)
class DocNumberInfo:
    text: str
    prefix: str
    year: Optional[int]
    serial: int


@dataclass(slots=True)
class DocumentNode:
    """A document found in the bulletin, with its metadata (cleaned offsets)."""

    start: int
    end: int
    body_start: int  # where the section tree starts (after title/文号/主送)
    title: Optional[str] = None
    doc_type: Optional[str] = None
    doc_number: Optional[DocNumberInfo] = None
    issuers: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    date: Optional[str] = None  # ISO 成文日期
    attachments: list[str] = field(default_factory=list)
    sections: list[SectionNode] = field(default_factory=list)


@dataclass(slots=True)
class BulletinInfo:
    title: Optional[str] = None
    issue: Optional[str] = None
    toc: list[tuple[str, Optional[int]]] = field(default_factory=list)
    # cleaned offset where the bulletin's front matter (masthead, 目录) ends
    front_end: int = 0
