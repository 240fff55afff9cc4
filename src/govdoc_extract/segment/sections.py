"""Section tree (stub)."""
from __future__ import annotations
from ..text.offsets import CleanText
from .types import DocumentNode, SectionNode


def build_sections(clean: CleanText, doc: DocumentNode, doc_id: str) -> list[SectionNode]:
    return []
