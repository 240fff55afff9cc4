"""The offset map: every cleaned character knows its source offset.

:class:`CleanText` is the backbone of the pipeline. ``to_source[i]`` is the
source offset of cleaned character ``i``; one sentinel entry at the end maps
the end of the cleaned text. :meth:`CleanText.span` is the only place in the
package where a :class:`~govdoc_extract.models.Span` is made.

The map is kept as :class:`Segments` (runs of cleaned characters with the same
shift): cleaning drops or inserts characters only at a few thousand places, so
a run list is a small fraction of a per-character array (which took 8 bytes a
character, 17 MB for a 2 M-character line).
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable, Iterator, Protocol, Sequence

from . import rx

from ..models import Span

_EOL = rx.compile(r"\r\n|\r|\n")


class Segments(Sequence[int]):
    """A monotone offset map stored as runs: ``m[i] = src[k] + i - starts[k]`` for the
    last run ``k`` with ``starts[k] <= i``. Reads like the per-character list it stands for.

    >>> m = Segments([0, 2, 3], [10, 20, 30], 5)   # 10 11 | 20 | 30 31
    >>> list(m), m[4], m[-1], len(m)
    ([10, 11, 20, 30, 31], 31, 31, 5)
    """

    __slots__ = ("starts", "src", "length")

    def __init__(self, starts: Sequence[int], src: Sequence[int], length: int) -> None:
        # starts: increasing, starts[0] == 0 (when length > 0); src: source offset of each run's start.
        # Lists search twice as fast; past 65,536 runs arrays keep the map at 16 bytes a run.
        starts = list(starts) if not isinstance(starts, list) else starts
        src = list(src) if not isinstance(src, list) else src
        self.starts: Sequence[int] = starts
        self.src: Sequence[int] = src
        if len(starts) > 1 << 16:
            self.starts, self.src = array("q", starts), array("q", src)
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.length))]
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError("offset map index out of range")
        starts = self.starts
        k = bisect_right(starts, i) - 1
        return self.src[k] + i - starts[k]

    def ends(self, start: int, end: int) -> tuple[int, int]:
        """``(m[start], m[end - 1] + 1)`` for ``0 <= start < end <= len``: one search when both
        lie in the same run (the common case for a span).

        >>> Segments([0, 2, 3], [10, 20, 30], 5).ends(0, 2), Segments([0, 2, 3], [10, 20, 30], 5).ends(1, 4)
        ((10, 12), (11, 31))
        """
        starts, src = self.starts, self.src
        k = bisect_right(starts, start) - 1
        s = src[k] + start - starts[k]
        last = end - 1
        if k + 1 < len(starts) and starts[k + 1] <= last:
            k = bisect_right(starts, last, k + 1) - 1
        return s, src[k] + last - starts[k] + 1

    def __iter__(self) -> Iterator[int]:
        starts, src, n = self.starts, self.src, self.length
        for k in range(len(starts)):
            a = starts[k]
            b = starts[k + 1] if k + 1 < len(starts) else n
            yield from range(src[k], src[k] + min(b, n) - a)

    def __repr__(self) -> str:
        return f"Segments({len(self.starts)} runs, length {self.length})"


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text plus its map back to the source.

    >>> ct = CleanText.identity("第一条\\n本办法")
    >>> ct.span(4, 7)
    Span(start=4, end=7, line=2)
    """

    text: str
    to_source: Sequence[int]  # Segments (or an array), len(text) + 1 entries, monotone non-decreasing
    source: str
    line_starts: tuple[int, ...]

    @classmethod
    def identity(cls, source: str) -> "CleanText":
        return cls(source, Segments([0], [0], len(source) + 1), source, line_starts_of(source))

    def source_offset(self, i: int) -> int:
        return self.to_source[i]

    def span(self, start: int, end: int) -> Span:
        """Map a cleaned range ``[start, end)`` to a source :class:`Span`.

        The source range runs from the first character's source offset to just
        past the last character's source offset, so everything cleaning removed
        in between (headers, page numbers, doubled characters) lies inside it.
        """
        return Span(**self.span_fields(start, end))

    def span_fields(self, start: int, end: int) -> dict:
        """The fields of :meth:`span` as a plain dict, for a caller that validates a whole
        document at once (building each :class:`Span` first costs more than the rest).

        >>> CleanText.identity("第一条\\n本办法").span_fields(4, 7)
        {'start': 4, 'end': 7, 'line': 2}
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad cleaned range {start}:{end} (length {len(self.text)})")
        m = self.to_source
        if type(m) is Segments:
            s, e = m.ends(start, end)
        else:
            s, e = m[start], m[end - 1] + 1
        return {"start": s, "end": e, "line": bisect_right(self.line_starts, s)}

    def span_fields_maker(self) -> Callable[[int, int], dict]:
        """:meth:`span_fields` as a function with the map's look-ups bound, for a caller that maps
        many ranges (assemble: a section or record each): the same dicts without the attribute
        look-ups of the method.

        >>> f = CleanText.identity("第一条\\n本办法").span_fields_maker(); f(4, 7)
        {'start': 4, 'end': 7, 'line': 2}
        """
        m = self.to_source
        if type(m) is not Segments:
            return self.span_fields
        ends, line_starts, n = m.ends, self.line_starts, len(self.text)

        def span_fields(start: int, end: int) -> dict:
            if not 0 <= start < end <= n:
                raise ValueError(f"bad cleaned range {start}:{end} (length {n})")
            s, e = ends(start, end)
            return {"start": s, "end": e, "line": bisect_right(line_starts, s)}

        return span_fields

    def line_of(self, source_offset: int) -> int:
        """1-based source line of a source offset (``\\n``, ``\\r\\n`` and ``\\r`` all end lines)."""
        return bisect_right(self.line_starts, source_offset)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
        t = self.text
        while start < end and t[start].isspace():
            start += 1
        while end > start and t[end - 1].isspace():
            end -= 1
        return start, end


def line_starts_of(source: str) -> tuple[int, ...]:
    """Offsets where source lines start, for ``\\n``, ``\\r\\n`` and lone ``\\r``.

    One pass over the text (linear even for millions of lines).

    >>> line_starts_of("a\\r\\nb\\rc\\nd")
    (0, 3, 5, 7)
    >>> line_starts_of("")
    (0,)
    """
    if "\r" not in source or source.count("\r") == source.count("\r\n"):
        # (\n ends every line, \r only before it) each line starts one past the \n before (summed in C)
        return tuple(accumulate(map((1).__add__, map(len, source.split("\n")[:-1])), initial=0))
    return (0, *(m.end() for m in _EOL.finditer(source)))


def fold(s: str) -> str:
    """NFKC fold and drop whitespace: the comparison form of the span invariant."""
    return rx.drop_spaces(unicodedata.normalize("NFKC", s))


class HasRange(Protocol):
    """Anything with ``start`` and ``end`` offsets (a :class:`Span`, a record's span read back)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def span_is_faithful(source: str, text: str, span: HasRange) -> bool:
    """OUTPUT.md invariant: ``text`` is a subsequence of the source slice with the same ends.

    >>> span_is_faithful("锚定锚定““定盘星", "锚定“定盘星", Span(start=0, end=9, line=1))
    True
    >>> span_is_faithful("abc", "abd", Span(start=0, end=3, line=1))
    False
    """
    s, e = span.start, span.end
    if not (0 <= s < e <= len(source)):
        return False
    src, txt = fold(source[s:e]), fold(text)
    if not txt or src[:1] != txt[:1] or src[-1:] != txt[-1:]:
        return False
    it = iter(src)
    return all(ch in it for ch in txt)
