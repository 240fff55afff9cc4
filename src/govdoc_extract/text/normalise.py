"""Clean: decoded source → :class:`CleanText` (one paragraph per line) + offset map.

What PDF and web extraction leave in 公报 text, and what we do about it,
deciding by layout evidence rather than by known strings:

* running page headers: a short line repeated many times, standing alone
  between blank lines (the masthead printed on every page) → removed;
* page numbers: a line that is only a number (``12``, ``- 12 -``, ``第12页``) → removed;
* hard wraps: a line that does not end a sentence and fills its column (or is
  long) is joined to the next; headings, table rows and list entries are not;
* ``- `` bullet artefacts at line starts → removed;
* doubled text from bold fonts (``锚定锚定““定盘星定盘星””``) → one copy;
* spaces inside Chinese text and numbers (``2022 年 9 月 19 日``) → removed,
  one space kept between two Latin words; tabs (table cells) are kept;
* full-width digits, letters and ``％`` → ASCII;
* a whole document run into one long line → broken before its headings.

Every kept character maps back to its source offset, so spans stay exact.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field

import regex

from .offsets import CleanText, line_starts_of

# Full-width ASCII variants that carry meaning as digits, letters or signs.
# NOTE: Chinese punctuation （）：；，、 is kept as written: rules match both widths.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({ord("％"): ord("%"), ord("．"): ord("."), ord("＋"): ord("+"),
               ord("＜"): ord("<"), ord("＞"): ord(">"), ord("＝"): ord("=")})

_SPACE_RUN = regex.compile(r"[ \u3000\u00a0\u2002-\u200b\ufeff]+")
_ASCII_ALNUM = regex.compile(r"[A-Za-z0-9]")
_PAGE_NUMBER = regex.compile(
    r"""^(?:
        [-—–－~～]?\d{1,4}[-—–－~～]?          # 12, -12-, —12—
      | 第\d{1,4}页(?:共\d{1,4}页)?           # 第12页共30页
      | \d{1,4}/\d{1,4}                      # 12/30
      | [（(]\d{1,4}[)）]                      # (12)
    )$""",
    regex.X,
)
# Heading and list markers that start a new paragraph (kept in sync with segment/markers.py).
_STARTS_BLOCK = regex.compile(
    r"""^(?:
        第[一二三四五六七八九十百零〇两\d]{1,6}[编章节条]
      | [一二三四五六七八九十]{1,3}[、.．]
      | [（(][一二三四五六七八九十]{1,3}[)）]
      | \d{1,3}(?:[、]|\.(?!\d))
      | [（(]\d{1,3}[)）]
      | [①-⑳]
      | 附\s*件
      | 专栏
      | ——
      | [●■◆▲★□◇○•]
      | [一二三四五六七八九十]是
    )""",
    regex.X,
)
_TERMINAL = set("。！？；：!?;:")
_NO_PARA_START = set("，、。；：）)》”,.;:%？！")
_CJK = regex.compile(r"\p{Han}")
# Justified PDF lines squeeze punctuation to about half a character.
_NARROW = set("，、。；：“”‘’《》（）！？")


@dataclass(slots=True)
class _Line:
    start: int  # source offset of the line start
    chars: list[str] = field(default_factory=list)
    offs: list[int] = field(default_factory=list)
    kind: str = "text"  # text | blank | page | header

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the clean stage returns: the text with its map, and what it removed."""

    clean: CleanText
    headers: tuple[str, ...]
    header_lines: int
    undoubled_lines: int


def normalise(source: str) -> Cleaned:
    """Clean ``source`` into one paragraph per line, keeping the offset map.

    >>> page = "\\n\\n武汉市人民政府公报\\n\\n"
    >>> c = normalise("本办法自２０２２ 年 9 月" + page + "19 日起施行。" + page + "第二条" + page).clean
    >>> c.text
    '本办法自2022年9月\\n19日起施行。\\n第二条'
    """
    starts = line_starts_of(source)
    lines: list[_Line] = []
    n = len(source)
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else n
        while e > s and source[e - 1] in "\r\n":
            e -= 1
        lines.append(_clean_line(source, s, e))
    undoubled = sum(1 for ln in lines if _undouble(ln))
    _mark_page_numbers(lines)
    headers = _mark_headers(lines)
    header_lines = sum(1 for ln in lines if ln.kind == "header")
    text, offs = _join(lines, n)
    clean = CleanText(text, offs, source, starts)
    return Cleaned(clean, tuple(sorted(headers)), header_lines, undoubled)


def _clean_line(source: str, s: int, e: int) -> _Line:
    """Fold widths, drop spaces inside Chinese text, strip a ``- `` bullet artefact."""
    ln = _Line(start=s)
    raw = source[s:e]
    if not raw.strip():
        ln.kind = "blank"
        return ln
    chars, offs = ln.chars, ln.offs
    pos = 0
    for m in _SPACE_RUN.finditer(raw):
        _append(chars, offs, raw, s, pos, m.start())
        pos = m.end()
        # keep one space between two Latin letters/digits ("IPv6 over", "SDN TSN")
        if chars and pos < len(raw) and chars[-1] != "\t":
            nxt = raw[pos].translate(_WIDTH)
            if _ASCII_ALNUM.match(chars[-1]) and _ASCII_ALNUM.match(nxt):
                chars.append(" ")
                offs.append(s + m.start())
    _append(chars, offs, raw, s, pos, len(raw))
    # tabs at the ends are layout, not cells
    while chars and chars[-1] == "\t":
        chars.pop(); offs.pop()
    while chars and chars[0] == "\t":
        chars.pop(0); offs.pop(0)
    # "- " bullet artefact from PDF extraction ("- 第四名…"), but not "-12-" page numbers
    if len(chars) > 1 and chars[0] in "-•·" and raw.lstrip()[1:2] in (" ", "\u3000") and not chars[1].isdigit():
        del chars[0], offs[0]
    if not chars:
        ln.kind = "blank"
    return ln


def _append(chars: list, offs: list, raw: str, s: int, a: int, b: int) -> None:
    if a >= b:
        return
    piece = raw[a:b].translate(_WIDTH)
    chars.extend(piece)
    offs.extend(range(s + a, s + b))


def _undouble(ln: _Line) -> bool:
    """Collapse a line made entirely of doubled runs (bold-font extraction).

    Greedy: at each position take the shortest run that repeats right after
    itself. Ordinary prose almost never consists *only* of such runs.
    """
    t = ln.text
    if ln.kind != "text" or len(t) < 6 or "\t" in t:
        return False
    keep: list[int] = []
    i, n = 0, len(t)
    while i < n:
        for k in range(1, min(12, (n - i) // 2) + 1):
            if t[i:i + k] == t[i + k:i + 2 * k]:
                keep.extend(range(i, i + k))
                i += 2 * k
                break
        else:
            return False
    ln.chars = [ln.chars[j] for j in keep]
    ln.offs = [ln.offs[j] for j in keep]
    return True


def _mark_page_numbers(lines: list[_Line]) -> None:
    for ln in lines:
        if ln.kind == "text" and len(ln.chars) <= 12 and _PAGE_NUMBER.match(ln.text):
            ln.kind = "page"


def _header_candidate(t: str) -> bool:
    if len(t) > 40 or len(t) < 2 or "\t" in t:
        return False
    if _STARTS_BLOCK.match(t) or any(c in t for c in "。，；,;："):
        return False
    # 发文机关标志 (…文件) and dates are part of each document, not page furniture
    if t.endswith("文件") or regex.search(r"\d{4}年\d{1,2}月\d{1,2}日$", t):
        return False
    return True


def _mark_headers(lines: list[_Line]) -> set[str]:
    """Mark running headers: short lines repeated ≥3 times that stand alone."""
    counts = Counter(ln.text for ln in lines if ln.kind == "text")
    cands = {t for t, c in counts.items() if (c >= 3 or (c >= 2 and ("公报" in t or "政报" in t))) and _header_candidate(t)}
    if not cands:
        return set()

    def quiet(j: int) -> bool:
        if j < 0 or j >= len(lines):
            return True
        ln = lines[j]
        return ln.kind in ("blank", "page", "header") or ln.text in cands

    headers: set[str] = set()
    for t in cands:
        idx = [i for i, ln in enumerate(lines) if ln.kind == "text" and ln.text == t]
        alone = sum(1 for i in idx if quiet(i - 1) and quiet(i + 1))
        if alone >= max(2, 0.6 * len(idx)):
            headers.add(t)
    for ln in lines:
        if ln.kind == "text" and ln.text in headers:
            ln.kind = "header"
    return headers


def _width(chars: list[str]) -> float:
    """Printed width: a Latin letter or digit is half a Chinese character."""
    return sum(0.5 if (c < "\u2e80" or c in _NARROW) else 1.0 for c in chars)


def _join(lines: list[_Line], n: int) -> tuple[str, array]:
    body = [ln for ln in lines if ln.kind == "text"]
    widths = [_width(ln.chars) for ln in body]
    out_chars: list[str] = []
    out_offs = array("q")
    for k, ln in enumerate(body):
        if k:
            prev = body[k - 1]
            if _should_join(prev, ln, widths, k - 1):
                if _ASCII_ALNUM.match(prev.chars[-1]) and _ASCII_ALNUM.match(ln.chars[0]):
                    out_chars.append(" ")
                    out_offs.append(ln.offs[0])
            else:
                out_chars.append("\n")
                out_offs.append(prev.offs[-1] + 1)
        if len(ln.chars) > 400:
            _split_run_on(ln)
        out_chars.extend(ln.chars)
        out_offs.extend(ln.offs)
    out_offs.append(n)
    return "".join(out_chars), out_offs


def _should_join(a: _Line, b: _Line, widths: list[float], ia: int) -> bool:
    """Decide whether line ``b`` continues the paragraph of line ``a``."""
    if "\t" in a.chars or "\t" in b.chars:
        return False
    if b.chars[0] in _NO_PARA_START:
        return True
    if a.chars[-1] in _TERMINAL or (a.chars[-1] in "”」』" and len(a.chars) > 1 and a.chars[-2] in _TERMINAL):
        return False
    bt = b.text
    if _STARTS_BLOCK.match(bt):
        return False
    wa = widths[ia]
    if wa >= 50:  # a long line cut mid-sentence (page break inside a paragraph)
        return True
    # a wrapped column: the line is as wide as the widest of its neighbours
    lo, hi = max(0, ia - 6), min(len(widths), ia + 7)
    col = max(widths[lo:hi])
    return col >= 10 and wa >= 0.82 * col and bool(_CJK.search(a.text))


_INLINE_HEADING = regex.compile(
    r"(?<=[。；：！？])(?=第[一二三四五六七八九十百零〇两\d]{1,6}[编章节条]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
)


def _split_run_on(ln: _Line) -> None:
    """Break a very long line (a web export run into one line) before inline headings."""
    t = ln.text
    cuts = [m.start() for m in _INLINE_HEADING.finditer(t)]
    if len(cuts) < 3:
        return
    chars, offs = [], []
    prev = 0
    for c in cuts:
        chars.extend(ln.chars[prev:c]); offs.extend(ln.offs[prev:c])
        chars.append("\n"); offs.append(ln.offs[c])
        prev = c
    chars.extend(ln.chars[prev:]); offs.extend(ln.offs[prev:])
    ln.chars, ln.offs = chars, offs
