"""Indicator tables: tab-separated paragraphs → rows of cells with cleaned offsets.

The cleaner keeps ``\\t`` between the cells of a PDF table row and never joins
a row with its neighbours, so a table is a run of paragraphs containing tabs.
What this module adds on top of that (rules drawn from the 规划/方案 tables of
Hubei bulletins, 2021–2022):

* a short tab-less paragraph *between* two rows is part of the table: a
  category row (``一、就业``, ``装配钳工(9名)``) or a cell wrapped onto its own
  line (merged into the previous row when that row is short of cells);
* the header row repeated after a page break is dropped;
* the caption is the paragraph just before the table (``表1 主要发展指标``, or
  the heading of the enclosing 专栏/item).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..text import rx
from .markers import match_marker
from .types import Cell

# A tab-less paragraph inside a table is at most this long (category rows and
# wrapped cells are short; a sentence after the table is not part of it).
MAX_INNER_LINE = 40
# Captions longer than this are prose, not a caption.
MAX_CAPTION = 60
# Paragraphs that start something else and so never sit inside a table.
_NOT_INNER = rx.compile(r"^(?:表\s{0,2}\d|附表|专栏|附件|注\s{0,2}[：:]|资料来源|数据来源)")
_RULE_CELL = rx.compile(r"[-:—\s]{0,80}")
_SENTENCE_END = rx.compile(r"[。！？；;]\s*$")


@dataclass(slots=True)
class TableBlock:
    """A table found in a run of paragraphs (line indices inclusive)."""

    first: int
    last: int
    rows: list[list[Cell]] = field(default_factory=list)
    caption: Optional[str] = None
    caption_line: Optional[int] = None


def is_row(line: str) -> bool:
    """Is this paragraph a table row: tab-separated, or a ``|a|b|`` pipe row?

    >>> is_row("指标\\t2020年"), is_row("|行车值班员|陈珊(女)|武汉地铁运营有限公司|"), is_row("甲|乙")
    (True, True, False)
    """
    if "\t" in line:
        return True
    s = line.strip()
    return len(s) > 2 and s[0] == "|" and s[-1] == "|" and s.count("|") >= 3


def split_row(text: str, start: int, end: int) -> list[Cell]:
    """Cut one table row ``text[start:end]`` into cells (stripped, offsets kept).

    Cells are separated by tabs; a ``|a|b|`` pipe row is cut at the pipes.

    >>> [(c.text, c.start, c.end) for c in split_row("婴儿死亡率(%)\\t1.54\\t≤5", 0, 16)]
    [('婴儿死亡率(%)', 0, 8), ('1.54', 9, 13), ('≤5', 14, 16)]
    >>> [(c.text, c.start, c.end) for c in split_row("a\\t\\tb", 0, 4)]
    [('a', 0, 1), ('', 2, 2), ('b', 3, 4)]
    """
    cells: list[Cell] = []
    sep = "\t"
    if text.find("\t", start, end) < 0:
        a, b = _strip(text, start, end)
        if b - a > 2 and text[a] == "|" and text[b - 1] == "|":
            sep, start, end = "|", a + 1, b - 1
    # one str.split of the row, offsets carried along (a wide row is one C call, not a loop per cell)
    pos = start
    for piece in text[start:end].split(sep):
        inner = piece.lstrip(" \u3000")
        a = pos + len(piece) - len(inner)
        inner = inner.rstrip(" \u3000")
        cells.append(Cell(inner, a, a + len(inner)))
        pos += len(piece) + 1
    return cells


def find_tables(text: str, lines: Sequence[tuple[int, int]]) -> list[TableBlock]:
    """Group the tab-separated paragraphs of ``lines`` into tables.

    Args:
        text: the cleaned text.
        lines: ``(start, end)`` of each paragraph, in order (no line breaks inside).

    Returns:
        One :class:`TableBlock` per table, in order.

    Examples:
        >>> t = "表1 主要指标\\n指标\\t2020年\\t2025年\\n一、就业\\n城镇新增就业(万人)\\t106\\t110\\n指标\\t2020年\\t2025年\\n失业率(%)\\t3.18\\t<5\\n注:说明"
        >>> spans, pos = [], 0
        >>> for ln in t.split("\\n"):
        ...     spans.append((pos, pos + len(ln))); pos += len(ln) + 1
        >>> [tb] = find_tables(t, spans)
        >>> (tb.first, tb.last, tb.caption), [[c.text for c in r] for r in tb.rows]
        ((1, 5, '表1 主要指标'), [['指标', '2020年', '2025年'], ['一、就业'], ['城镇新增就业(万人)', '106', '110'], ['失业率(%)', '3.18', '<5']])
    """
    out: list[TableBlock] = []
    n = len(lines)
    if not n:
        return out
    stop = lines[-1][1]
    if text.find("\t", lines[0][0], stop) < 0 and text.find("|", lines[0][0], stop) < 0:
        return out  # a row holds a tab or a pipe: most documents have neither
    starts = [s for s, _ in lines]
    i = 0
    while i < n:
        s, e = lines[i]
        if not is_row(text[s:e]):
            # a row holds a tab or a pipe: jump to the next line that does (most lines are prose)
            nxt = [x for x in (text.find("\t", e, stop), text.find("|", e, stop)) if x >= 0]
            if not nxt:
                break
            i = max(i + 1, bisect_right(starts, min(nxt)) - 1)
            continue
        block = TableBlock(first=i, last=i)
        _caption(text, lines, block)
        header: Optional[list[str]] = None
        width = 0
        inner_seq: dict[str, int] = {}
        j = i
        while j < n:
            s, e = lines[j]
            line = text[s:e]
            if is_row(line):
                row = split_row(text, s, e)
                texts = [c.text for c in row]
                if all(_RULE_CELL.fullmatch(t) for t in texts):  # ||| or |---|---| of a pipe table
                    block.last = j
                    j += 1
                    continue
                if header is None:
                    header = texts
                elif texts == header:  # header repeated after a page break
                    block.last = j
                    j += 1
                    continue
                block.rows.append(row)
                width = max(width, len(row))
                block.last = j
                j += 1
                continue
            # a tab-less paragraph: inside the table only when a row follows it
            if j + 1 < n and _is_inner(text, line, lines[j + 1], inner_seq):
                a, b = _strip(text, s, e)
                if block.caption is not None and text[a:b] == block.caption:
                    pass  # caption repeated after a page break
                elif block.rows and len(block.rows[-1]) < width and match_marker(line) is None:
                    last = block.rows[-1][-1]  # a cell wrapped onto its own line
                    block.rows[-1][-1] = Cell(text=last.text + text[a:b], start=last.start if last.text else a, end=b)
                else:
                    block.rows.append([Cell(text=text[a:b], start=a, end=b)])
                block.last = j
                j += 1
                continue
            break
        out.append(block)
        i = block.last + 1
    return out


def _is_inner(text: str, line: str, nxt: tuple[int, int], seq: dict[str, int]) -> bool:
    """Is the tab-less ``line`` part of the table (a category row or a wrapped cell)?"""
    if not is_row(text[nxt[0]:nxt[1]]):
        return False
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_INNER_LINE or "。" in stripped or _NOT_INNER.match(stripped):
        return False
    mm = match_marker(stripped)
    if mm is None or mm.ordinal is None:
        return mm is None
    # a numbered category row (一、就业 … 二、社会保障) continues the table's own
    # sequence; a marker that does not is a heading of the text around the table
    last = seq.get(mm.kind)
    if mm.ordinal == 1 or (last is not None and mm.ordinal == last + 1):
        seq[mm.kind] = mm.ordinal
        return True
    return False


def _caption(text: str, lines: Sequence[tuple[int, int]], block: TableBlock) -> None:
    if block.first == 0:
        return
    s, e = lines[block.first - 1]
    a, b = _strip(text, s, e)
    line = text[a:b]
    if not line or is_row(line) or len(line) > MAX_CAPTION or _SENTENCE_END.search(line):
        return
    mm = match_marker(line)
    if mm is not None and mm.kind not in ("box", "attachment"):
        caption = line[mm.rest_start:].strip()
    elif mm is not None:
        caption = line[mm.rest_start:].strip() or line
    else:
        caption = line
    if caption:
        block.caption, block.caption_line = caption, block.first - 1


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
