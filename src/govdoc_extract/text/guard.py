"""A last guard against runaway regular expressions: a timeout becomes warning W303.

Patterns should be linear by construction (bounded repetitions, possessive
quantifiers, atomic groups); this guard is the safety net for the case a
review missed, so that a hostile input yields a warning instead of a hang.

Use :func:`finditer` / :func:`search` instead of ``pattern.finditer`` /
``pattern.search`` in extractors::

    from ..text import guard

    for m in guard.finditer(_PATTERN, block.text, rule="target.yishang"):
        ...

The timeout applies to *each* match (not to the whole iteration, whose time
also includes the caller's work between matches). On a timeout the iteration
stops and a :class:`Timeout` (cleaned-text range, rule id) is noted. The API
wraps a whole extraction in :func:`collecting` and turns each note into a W303
warning::

    with guard.collecting() as timeouts:
        drafts = [...]
    for t in timeouts:
        asm.warn(W.W303, span=asm.span(t.start, t.end), rule=t.rule)

Outside :func:`collecting`, notes go to :data:`unclaimed` (inspected by tests).
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

import regex

#: Seconds one match may take. Seeds need microseconds per match; a pattern
#: that needs this long is backtracking catastrophically.
DEFAULT_TIMEOUT = 0.25


@dataclass(frozen=True, slots=True)
class Timeout:
    """Where a pattern gave up: the searched range of the (cleaned) text and the rule."""

    start: int
    end: int
    rule: str


_sink: contextvars.ContextVar[Optional[list[Timeout]]] = contextvars.ContextVar("govdoc_guard_sink", default=None)
#: Timeouts noted outside :func:`collecting` (kept small: the newest 100).
unclaimed: list[Timeout] = []


@contextmanager
def collecting() -> Iterator[list[Timeout]]:
    """Collect the timeouts of the guarded matches run inside the block.

    >>> with collecting() as notes:
    ...     list(finditer(regex.compile(r"\\d+"), "1 22 333"))[-1].group()
    '333'
    >>> notes
    []
    """
    notes: list[Timeout] = []
    token = _sink.set(notes)
    try:
        yield notes
    finally:
        _sink.reset(token)


def _note(start: int, end: int, rule: str) -> None:
    sink = _sink.get()
    if sink is not None:
        sink.append(Timeout(start, end, rule))
    else:
        unclaimed.append(Timeout(start, end, rule))
        del unclaimed[:-100]


def finditer(pattern: regex.Pattern, text: str, pos: int = 0, endpos: Optional[int] = None, *,
             timeout: float = DEFAULT_TIMEOUT, rule: str = "") -> Iterator[regex.Match]:
    """Like ``pattern.finditer(text, pos, endpos)``, but each match has ``timeout`` seconds.

    On a timeout the iteration ends (the rest of the range is skipped) and a
    :class:`Timeout` is noted.

    >>> [m.group() for m in finditer(regex.compile(r"第[一二三]条"), "第一条，第三条")]
    ['第一条', '第三条']
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    search = pattern.search
    while pos <= end:
        try:
            m = search(text, pos, end, timeout=timeout)
        except TimeoutError:
            _note(pos, end, rule)
            return
        if m is None:
            return
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def search(pattern: regex.Pattern, text: str, pos: int = 0, endpos: Optional[int] = None, *,
           timeout: float = DEFAULT_TIMEOUT, rule: str = "") -> Optional[regex.Match]:
    """Like ``pattern.search``; ``None`` (and a noted :class:`Timeout`) when it runs away.

    >>> search(regex.compile(r"\\d{4}年"), "到2025年").group()
    '2025年'
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    try:
        return pattern.search(text, pos, end, timeout=timeout)
    except TimeoutError:
        _note(pos, end, rule)
        return None


def match(pattern: regex.Pattern, text: str, pos: int = 0, endpos: Optional[int] = None, *,
          timeout: float = DEFAULT_TIMEOUT, rule: str = "") -> Optional[regex.Match]:
    """Like ``pattern.match``; ``None`` (and a noted :class:`Timeout`) when it runs away."""
    end = len(text) if endpos is None else min(endpos, len(text))
    try:
        return pattern.match(text, pos, end, timeout=timeout)
    except TimeoutError:
        _note(pos, end, rule)
        return None
