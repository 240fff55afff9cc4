"""Document boundaries and metadata (stub: the whole text is one document)."""
from __future__ import annotations
from typing import Optional
from ..text.offsets import CleanText
from .types import BulletinInfo, DocumentNode


def find_documents(clean: CleanText, bulletin: Optional[BulletinInfo]) -> list[DocumentNode]:
    n = len(clean.text)
    return [DocumentNode(start=0, end=n, body_start=0)] if n else []
