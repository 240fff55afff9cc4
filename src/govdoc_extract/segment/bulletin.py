"""Bulletin front matter: masthead title, issue, 目录 (stub; replaced by the segment work)."""
from __future__ import annotations
from typing import Optional
from ..text.offsets import CleanText
from .types import BulletinInfo


def parse_bulletin(clean: CleanText, source: str) -> Optional[BulletinInfo]:
    return None
