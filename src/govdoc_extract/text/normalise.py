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

How, so that the stage stays a small part of a run: the whole text is scanned
in C a few times (spaces and foldable full-width characters found from its
UTF-16 code units, lines split once, printed widths from bytes passes); the
lines are parallel lists, and each rule runs over the few lines a cheap gate
lets through; the offset map is a list of runs (:class:`.offsets.Segments`),
not one entry per character.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count, filterfalse, repeat
from operator import add, sub
from typing import Iterator, Sequence
from unicodedata import normalize as _nfkc

import regex

from . import rx

from .offsets import CleanText, Segments, line_starts_of

# Full-width ASCII variants that carry meaning as digits, letters or signs.
# NOTE: Chinese punctuation （）：；，、 is kept as written: rules match both widths.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({ord("％"): ord("%"), ord("．"): ord("."), ord("＋"): ord("+"),
               ord("＜"): ord("<"), ord("＞"): ord(">"), ord("＝"): ord("=")})


def _ranges(codes) -> str:
    """A character class of ``codes`` written as ranges (the regex module scans ranges much
    faster than a long list of characters).

    >>> _ranges([0x31, 0x32, 0x33, 0x35])
    '[1-35]'
    """
    out: list[str] = []
    run: list[int] = []
    for c in sorted(codes):
        if run and c == run[-1] + 1:
            run.append(c)
            continue
        if run:
            out.append(regex.escape(chr(run[0])) + ("-" + regex.escape(chr(run[-1])) if len(run) > 1 else ""))
        run = [c]
    if run:
        out.append(regex.escape(chr(run[0])) + ("-" + regex.escape(chr(run[-1])) if len(run) > 1 else ""))
    return "[" + "".join(out) + "]"


_WIDE_RUN = rx.compile(_ranges(_WIDTH) + "+")  # runs of the characters _WIDTH folds


def _fold_width(t: str) -> str:
    """Full-width digits/letters/signs → ASCII (translate only when needed: it is slow).

    Folding keeps the length, so a whole text is folded once and sliced per line.

    >>> _fold_width("２０２２年１０％")
    '2022年10%'
    """
    return _WIDE_RUN.sub(_fold_run, t) if _WIDE_RUN.search(t) else t


def _fold_run(m) -> str:
    return m.group().translate(_WIDTH)


# Spaces of every width, zero-width characters, soft hyphens and the page/record
# separators some converters leave (pdftotext starts each page with \f).
_SPACES = " \u3000\u00a0\u00ad" + "".join(map(chr, range(0x2000, 0x200E))) + "\u2060\u202f\u205f\ufeff\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_SPACE_RUN = rx.compile(_ranges(map(ord, _SPACES)) + "+")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")  # one char: faster than the regex
_PAGE_NUMBER = rx.compile(
    r"""^(?:
        [-—–－~～]?\d{1,4}[-—–－~～]?          # 12, -12-, —12—
      | 第\d{1,4}页(?:共\d{1,4}页)?           # 第12页共30页
      | \d{1,4}/\d{1,4}                      # 12/30
      | [（(]\d{1,4}[)）]                      # (12)
    )$""",
    regex.X,
)
# Heading and list markers that start a new paragraph (kept in sync with segment/markers.py).
_STARTS_BLOCK = rx.compile(
    r"""^(?:
        第[一二三四五六七八九十百零〇两\d]{1,6}(?:[编章节条篇]|部分)
      | [一二三四五六七八九十]{1,3}[、.．]
      | [（(][一二三四五六七八九十]{1,3}[)）]
      | \d{1,3}(?:[、]|\.(?!\d))
      | [（(]\d{1,3}[)）]
      | \d{1,2}[)）](?![\d%])                 # 1） as a fourth level
      | [①-⑳⑴-⒇]
      | 附\s*件
      | 专栏
      | ——
      | [●■◆▲★□◇○•]
      | [一二三四五六七八九十]是
    )""",
    regex.X,
)
# Lines that stand alone in the 公文 layout (GB/T 9704-2012): the 发文字号 and
# the 成文日期 are never part of a wrapped paragraph.
_STANDALONE = rx.compile(
    r"""^(?:
        \p{Han}{1,12}[〔\[［(（【]\d{4}[〕\]］)）】]\d{1,5}号        # 国办发〔2022〕14号
      | (?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,3}月[\d〇○零一二三四五六七八九十]{1,3}日
    )$""",
    regex.X,
)
_TERMINAL = set("。！？；：!?;:")
_NO_PARA_START = set("，、。；：）)》”,.;:%？！")
_CJK = rx.compile(r"\p{Han}")
# Justified PDF lines squeeze punctuation to about half a character.
_NARROW = set("，、。；：“”‘’《》（）！？")


def _unit_tables(spaces: str, wide) -> tuple[bytes, bytes, bytes]:
    """Tables that find two sets of BMP characters in UTF-16 code units with bytes operations.

    Each high byte in use gets one bit (the space characters use four high bytes,
    the folded full-width ones one); the low-byte table sets, for each low byte,
    the bits of the high bytes it pairs with. The AND of the two flags is
    non-zero exactly for a character of a set; the last table turns it into a mark.
    """
    codes = [*map(ord, spaces), *wide]
    bit = {h: 1 << k for k, h in enumerate(sorted({c >> 8 for c in codes}))}
    assert len(bit) <= 8 and not {c >> 8 for c in wide} & {ord(c) >> 8 for c in spaces}
    lo = [0] * 256
    for c in codes:
        lo[c & 0xFF] |= bit[c >> 8]
    wide_bits = {bit[c >> 8] for c in wide}
    marks = bytes(ord("w") if v in wide_bits else ord(" ") if v else ord(".") for v in range(256))
    return bytes(bit.get(h, 0) for h in range(256)), bytes(lo), marks


_MARK_HI, _MARK_LO, _MARKS = _unit_tables(_SPACES, _WIDTH)
_KEEP_SPLIT = bytes.maketrans(b" .w", b" xx")  # bytes.split() on these: the pieces between runs
_GAP_SPLIT = bytes.maketrans(b" .w", b"x  ")  # … and the runs


def _marks(source: str) -> bytes | None:
    """One byte per character: ``" "`` a space, ``"w"`` a full-width character that folds, ``"."``
    the rest; None when characters beyond the BMP (two UTF-16 units) break the alignment.

    A few C-level bytes passes instead of a regex scan over every character.

    >>> _marks("１ 年\u3000a")
    b'w . .'
    """
    units = source.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * len(source):
        return None
    hi = units[1::2].translate(_MARK_HI)
    lo = units[0::2].translate(_MARK_LO)
    return (int.from_bytes(hi, "little") & int.from_bytes(lo, "little")).to_bytes(len(hi), "little").translate(_MARKS)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the clean stage returns: the text with its map, and what it removed."""

    clean: CleanText
    headers: tuple[str, ...]
    header_lines: int
    undoubled_lines: int
    boilerplate_lines: int = 0  # web/legal-database furniture and repeated title lines removed


class _Lines:
    """The source lines, cleaned, as parallel lists (one entry per source line).

    ``texts[i]`` is the cleaned line (``""`` for a blank one). It lies in the
    space-free text ``t`` (see :func:`_drop_spaces`) at ``tpos[i]``, unless
    undoubling kept only pieces of it: then ``pieces[i]`` lists the ranges of
    ``t`` it is made of. ``t`` maps to the source by the runs ``tcs``/``tss``.
    """

    __slots__ = ("source", "bmp", "starts", "t", "tcs", "tss", "texts", "tpos", "kinds", "breaks", "pieces", "body", "btexts")

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = starts = line_starts_of(source)
        marks = _marks(source)
        # no characters beyond the BMP: the stdlib twins of the per-line patterns match as they do
        self.bmp = marks is not None
        if marks is None:  # (characters beyond the BMP) the regex scans
            folded = _fold_width(source)
            dropped = _drop_spaces(folded, [m.span() for m in _SPACE_RUN.finditer(folded)])
        else:
            folded = _WIDE_RUN.sub(_fold_run, source) if b"w" in marks else source  # folding keeps offsets
            dropped = _drop_marked(folded, marks)
        self.t, self.tcs, self.tss = t, _, _ = dropped
        if "\r" in source and not _crlf_only(source):
            # (a dropped space can bring a lone "\r" and a "\n" together: map the line ends instead)
            tpos = [_index_at(self.tcs, self.tss, len(t), x) for x in starts]
            texts = [t[a:_index_at(self.tcs, self.tss, len(t), self.line_end(i))] for i, a in enumerate(tpos)]
        else:
            texts = t.split("\n")
            tpos = [0]
            tpos += map(add, accumulate(map(len, texts[:-1])), range(1, len(texts)))
            if "\r" in source:  # every \r starts a \r\n: it ends its line's text
                texts = [x[:-1] if x[-1:] == "\r" else x for x in texts]
        assert len(texts) == len(starts)
        self.texts, self.tpos = texts, tpos
        self.kinds = kinds = ["text" if x else "blank" for x in texts]
        # a line starting with a form feed (within its first 4 chars) begins a page, as pdftotext marks it
        self.breaks: set[int] = set()
        for p in _find_all(source, "\f"):
            j = bisect_right(starts, p) - 1
            if p - starts[j] < 4:
                self.breaks.add(j)
        self.pieces: dict[int, list[tuple[int, int]]] = {}
        # tabs at the ends are layout, not cells; "- " bullet artefacts; lines of odd whitespace
        if "\r" in source or "\u1680" in t:
            fix = [i for i, x in enumerate(texts) if x and (x[0] in "\t-•·" or x[-1] == "\t" or x.isspace())]
        else:
            fix = _edge_lines(t, tpos)
        for i in fix:
            x = texts[i]
            a, b = 0, len(x)
            while a < b and x[a] == "\t":
                a += 1
            while b > a and x[b - 1] == "\t":
                b -= 1
            if b - a > 1 and x[a] in "-•·" and not x[a + 1].isdigit():
                raw = source[starts[i]:self.line_end(i)]
                if raw.lstrip()[1:2] in (" ", "\u3000"):  # "- 第四名…", but not "-12-" page numbers
                    a += 1
            x = x[a:b]
            if not x or (x.isspace() and not source[starts[i]:self.line_end(i)].strip()):
                texts[i], kinds[i] = "", "blank"
            else:
                texts[i] = x
                tpos[i] += a
        # the lines still of kind "text" and their texts: the rules look only at these (about
        # 40% of the lines are blank), and each rule that removes lines takes them out
        self.body = list(compress(count(), texts))
        self.btexts = list(filter(None, texts))

    def drop(self, removed: Sequence[int]) -> None:
        """Take the lines ``removed`` (just given another kind) out of :attr:`body`."""
        if removed:
            self.body = list(filterfalse(set(removed).__contains__, self.body))
            self.btexts = list(map(self.texts.__getitem__, self.body))

    def line_end(self, i: int) -> int:
        """Source offset of the end of line ``i`` (before its line break)."""
        s, src = self.starts, self.source
        e = s[i + 1] if i + 1 < len(s) else len(src)
        while e > s[i] and src[e - 1] in "\r\n":
            e -= 1
        return e

    def runs(self, i: int) -> tuple[list[int], list[int]]:
        """The map of line ``i`` as runs: (start in the line, source offset) pairs as two lists."""
        tcs, tss = self.tcs, self.tss
        ranges: Sequence[tuple[int, int]] | None = self.pieces.get(i)
        if ranges is None:
            a = self.tpos[i]
            ranges = ((a, a + len(self.texts[i])),)
        lc: list[int] = []
        sc: list[int] = []
        base = 0
        for a, b in ranges:
            k = bisect_right(tcs, a) - 1
            lc.append(base)
            sc.append(tss[k] + a - tcs[k])
            k += 1
            while k < len(tcs) and tcs[k] < b:
                lc.append(base + tcs[k] - a)
                sc.append(tss[k])
                k += 1
            base += b - a
        return lc, sc


def _crlf_only(s: str) -> bool:
    """Every ``\\r`` of ``s`` is the start of a ``\\r\\n`` (no line ends with a lone ``\\r``)."""
    return s.count("\r") == s.count("\r\n")


def _edge_lines(t: str, tpos: list[int]) -> list[int]:
    """The lines of ``t`` (``\\n`` only; starting at ``tpos``) that start with a tab or a
    bullet or end with a tab: found with ``str.find`` (few lines do), not line by line.

    >>> _edge_lines("a\\n\\tb\\nc\\t\\n- d\\ne", [0, 2, 5, 8, 12])
    [1, 2, 3]
    """
    found = set()
    for c in "\t-•·":
        if t.startswith(c):
            found.add(0)
        found.update(bisect_right(tpos, q + 1) - 1 for q in _find_all(t, "\n" + c))
    found.update(bisect_right(tpos, q) - 1 for q in _find_all(t, "\t\n"))
    if t.endswith("\t"):
        found.add(len(tpos) - 1)
    return sorted(found)


def _find_all(s: str, ch: str) -> Iterator[int]:
    i = s.find(ch)
    while i >= 0:
        yield i
        i = s.find(ch, i + 1)


def normalise(source: str) -> Cleaned:
    """Clean ``source`` into one paragraph per line, keeping the offset map.

    >>> page = "\\n\\n武汉市人民政府公报\\n\\n"
    >>> c = normalise("本办法自２０２２ 年 9 月" + page + "19 日起施行。" + page + "第二条" + page).clean
    >>> c.text
    '本办法自2022年9月\\n19日起施行。\\n第二条'
    """
    ls = _Lines(source)
    undoubled = _undouble(ls)
    _mark_page_numbers(ls)
    headers = _mark_headers(ls)
    header_lines = ls.kinds.count("header")
    boiler = _mark_boilerplate(ls)
    text, offs = _join(ls)
    clean = CleanText(text, offs, source, ls.starts)
    return Cleaned(clean, tuple(sorted(headers)), header_lines, undoubled, boiler)


def _drop_marked(f: str, marks: bytes) -> tuple[str, list[int], list[int]]:
    """:func:`_drop_spaces` for the space runs marked ``b" "`` in ``marks`` (see :func:`_marks`),
    with bytes splits and running sums instead of a step per run.

    >>> _drop_marked("2022 年\\u3000IPv6 over", _marks("2022 年\\u3000IPv6 over"))
    ('2022年IPv6 over', [0, 4, 5, 9, 10], [0, 5, 7, 11, 12])
    """
    n = len(f)
    kept = list(map(len, marks.translate(_KEEP_SPLIT).split()))  # the pieces between runs
    gaps = list(map(len, marks.translate(_GAP_SPLIT).split()))  # the runs
    if not gaps:
        return f, [0], [0]
    lead = marks[:1] == b" "  # the text starts with a run: the first piece is empty
    if lead:
        kept.insert(0, 0)
    if len(kept) == len(gaps):  # it ends with a run: so is the last piece
        kept.append(0)
    seq = [0] * (2 * len(gaps) + 1)  # piece, run, piece, run, …, piece
    seq[0::2] = kept
    seq[1::2] = gaps
    pos = list(accumulate(seq))
    starts, ends = pos[0::2][:-1], pos[1::2]  # of the runs
    # the text up to each run's end, without the runs: where the next piece starts in the result
    cs = list(map(sub, ends, accumulate(gaps)))
    ss = ends
    # one space kept between two Latin letters/digits and where NFKC would fuse the neighbours:
    # the few runs followed by a character that allows it are found in the string of the
    # characters after each run (a run at the very end has none)
    follow = "".join(map(f.__getitem__, ends[:-1] if ends[-1] == n else ends))
    keep = [k for k in [m.start() for m in _KEEP_NEXT.finditer(follow)]
            if starts[k] and _keeps_space(f[starts[k] - 1], f[ends[k]])]
    pieces = [f[a:b] for a, b in zip([0, *ends], [*starts, n])]
    if keep:
        for k in keep:
            pieces[k + 1] = " " + pieces[k + 1]
        shift = [0] * len(gaps)
        for k in keep:
            shift[k] = 1
        cs = list(map(add, cs, accumulate(shift)))
        ncs, nss, prev = [], [], 0
        for k in keep:  # the kept space maps to the start of its run
            ncs += cs[prev:k]
            nss += ss[prev:k]
            ncs.append(cs[k] - 1)
            nss.append(starts[k])
            prev = k
        cs, ss = ncs + cs[prev:], nss + ss[prev:]
    if cs[0]:  # (a run at the very start: its end is where the text starts)
        cs.insert(0, 0)
        ss.insert(0, 0)
    return "".join(pieces), cs, ss


def _may_fuse(y: str) -> bool:  # the gate of _fuses: no ASCII, no ideograph
    return y >= "\u0300" and not "\u4e00" <= y <= "\u9fff"


# What may come after a space run that keeps one space: a Latin letter or digit (_ALNUM) or
# what _may_fuse lets through (tests/text/test_normalise.py checks that the sets agree).
_KEEP_NEXT = rx.compile("[0-9A-Za-z\u0300-\u4dff\ua000-\U0010ffff]")


def _keeps_space(x: str, y: str) -> bool:
    return x not in "\n\r\t" and y not in "\n\r" and ((x in _ALNUM and y in _ALNUM) or _fuses(x, y))


def _drop_spaces(f: str, spans: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    """Drop the space runs ``spans`` of the (width-folded) text; line breaks stay.

    One space is kept between two Latin letters/digits ("IPv6 over", "SDN TSN")
    and where NFKC would fuse the neighbours (:func:`_fuses`). Returns the text
    and its map as runs: from ``cs[k]`` on, the text continues at source ``ss[k]``.

    >>> _drop_spaces("2022 年\\u3000IPv6 over", [(4, 5), (6, 7), (11, 12)])
    ('2022年IPv6 over', [0, 4, 5, 9, 10], [0, 5, 7, 11, 12])
    """
    parts: list[str] = []
    cs, ss = [0], [0]
    pos = out = 0
    n = len(f)
    for a, b in spans:
        if a > pos:
            parts.append(f[pos:a])
            out += a - pos
        pos = b
        # not at a line start or end: the neighbours are the kept characters around the run
        if a and b < n:
            x, y = f[a - 1], f[b]
            if x not in "\n\r\t" and y not in "\n\r" and ((x in _ALNUM and y in _ALNUM) or _fuses(x, y)):
                parts.append(" ")
                if cs[-1] == out:
                    ss[-1] = a
                else:
                    cs.append(out)
                    ss.append(a)
                out += 1
        if cs[-1] == out:
            ss[-1] = b
        else:
            cs.append(out)
            ss.append(b)
    if not pos:  # no space run at all
        return f, cs, ss
    parts.append(f[pos:])
    return "".join(parts), cs, ss


@lru_cache(maxsize=4096)  # the same few pairs (a digit and 年, a bracket) come back all the time
def _fuses(a: str, b: str) -> bool:
    """NFKC would merge or reorder ``a`` and ``b`` once the gap between them is gone.

    Then a separator space is kept, so that the span invariant (NFKC, then drop
    whitespace) sees the same characters in the cleaned and in the source text.

    >>> _fuses("e", "\u0301"), _fuses("か", "\u3099"), _fuses("年", "9")
    (True, True, False)
    """
    if b < "\u0300" or "\u4e00" <= b <= "\u9fff":  # the common case: nothing combines
        return False
    return _nfkc("NFKC", a + b) != _nfkc("NFKC", a) + _nfkc("NFKC", b)


def _undouble(ls: _Lines) -> int:
    """Collapse the lines made entirely of doubled runs (bold-font extraction); count them.

    Greedy: at each position take the shortest run that repeats right after
    itself. Ordinary prose almost never consists *only* of such runs.
    """
    texts, btexts, count = ls.texts, ls.btexts, 0
    # candidates: even lines (a doubled line is) whose first character comes back within 12,
    # or that may be printed twice
    cands = [j for j, t in enumerate(btexts)
             if len(t) >= 6 and not len(t) & 1 and (t.find(t[0], 1, 13) >= 0 or t[0] == t[len(t) >> 1])]
    for j in cands:
        t = btexts[j]
        if "\t" in t:
            continue
        i = ls.body[j]
        n = len(t)
        if n % 2 == 0 and n >= 8 and t[: n // 2] == t[n // 2:]:
            # the whole line printed twice (a bold title, a web page repeating its heading)
            texts[i] = btexts[j] = t[: n // 2]
            count += 1
            continue
        if t.find(t[0], 1, 13) < 0:
            continue  # the first run does not repeat: ordinary text (the common case)
        keep = _doubled_runs(t)
        if keep is not None:
            a = ls.tpos[i]
            ls.pieces[i] = [(a + b, a + b + k) for b, k in keep]
            texts[i] = btexts[j] = "".join([t[b:b + k] for b, k in keep])
            count += 1
    return count


def _doubled_runs(t: str) -> list[tuple[int, int]] | None:
    """The runs (start, length) kept when ``t`` is made only of doubled runs, else None.

    >>> _doubled_runs("锚定锚定““定盘星定盘星””"), _doubled_runs("锚定锚定的")
    ([(0, 2), (4, 1), (6, 3), (12, 1)], None)
    """
    keep: list[tuple[int, int]] = []
    n, i = len(t), 0
    while i < n:
        # a run of length k repeats only if its first character comes back at i + k: only those
        # lengths are compared (most candidates are prose whose first run never repeats)
        c, lim = t[i], i + min(12, (n - i) // 2) + 1
        j = t.find(c, i + 1, lim)
        while j >= 0 and t[i:j] != t[j:2 * j - i]:
            j = t.find(c, j + 1, lim)
        if j < 0:
            return None
        keep.append((i, j - i))
        i = 2 * j - i
    return keep


# What a page number line starts with, besides a digit (\\d: any decimal digit, some beyond the BMP).
# tests/segment/test_gates.py checks this gate and the others of this module against their patterns.
_PAGE_FIRST = frozenset("-—–－~～第（(")


def _mark_page_numbers(ls: _Lines) -> None:
    kinds = ls.kinds
    match = rx.bmp_twin(_PAGE_NUMBER).match if ls.bmp else _PAGE_NUMBER.match
    pages = [i for i, t in zip(ls.body, ls.btexts)
             if len(t) <= 12 and (t[0] in _PAGE_FIRST or t[0].isdigit() or t[0] > "\uffff") and match(t)]
    for i in pages:
        kinds[i] = "page"
    ls.drop(pages)


_DATE_END = rx.compile(r"\d{4}年\d{1,2}月\d{1,2}日$")


def _header_candidate(t: str) -> bool:
    if len(t) > 40 or len(t) < 2 or "\t" in t:
        return False
    if _STARTS_BLOCK.match(t) or any(c in t for c in "。，；,;："):
        return False
    # 发文机关标志 (…文件) and dates are part of each document, not page furniture
    if t.endswith("文件") or _DATE_END.search(t) or _STANDALONE.match(t):
        return False  # …文件, 成文日期 and 发文字号 belong to each document, even when repeated
    return True


def _mark_headers(ls: _Lines) -> set[str]:
    """Mark running headers: short lines repeated ≥3 times that stand alone."""
    texts, kinds, breaks = ls.texts, ls.kinds, ls.breaks
    # only lines a header can be (2–40 characters): long lines are neither counted nor hashed
    counts = Counter([t for t in ls.btexts if 1 < len(t) <= 40])
    cands = {t for t, c in counts.items()
             if c >= 2 and (c >= 3 or "公报" in t or "政报" in t) and _header_candidate(t)}
    if not cands:
        return set()
    n = len(texts)

    def quiet(j: int) -> bool:
        if j < 0 or j >= n:
            return True
        return kinds[j] in ("blank", "page", "header") or texts[j] in cands

    where: dict[str, list[int]] = {t: [] for t in cands}
    for i, t in zip(ls.body, ls.btexts):  # one pass: linear even with thousands of candidates
        if len(t) <= 40 and t in cands:
            where[t].append(i)
    headers: set[str] = set()
    for t, idx in where.items():
        alone = sum(1 for i in idx if (quiet(i - 1) or i in breaks) and (quiet(i + 1) or i + 1 in breaks))
        if alone >= max(2, 0.6 * len(idx)):
            headers.add(t)
    removed = [i for t in headers for i in where[t]]
    for i in removed:
        kinds[i] = "header"
    ls.drop(removed)
    return headers


# Web-page and legal-database furniture. A line that holds only one labelled
# field of the page (source link, publication time, view counter, citation
# code, print/close buttons) is not part of the document. Labels as printed by
# government portals (gov.cn and provincial sites) and 北大法宝-style legal
# database exports. Only labels whose value never carries the document's own
# data: 发文字号/发布部门/成文日期 lines are kept for the segmenter.
BOILERPLATE_LABELS: tuple[str, ...] = (
    # citation codes and links
    "法宝引证码", "引证码", "原文链接", "原文地址", "链接地址", "网址", "网页地址",
    # provenance of the web copy
    "来源", "信息来源", "文章来源", "稿件来源", "稿源", "责任编辑", "编辑", "作者", "供稿",
    # publication metadata of the page (not the 成文日期 of the document)
    "发布时间", "发布日期", "发稿时间", "更新时间", "录入时间",
    "浏览次数", "阅读次数", "访问次数", "浏览量", "阅读量", "点击数", "点击量", "点击率",
    # database classification fields
    "时效性", "效力级别", "法规类别", "时效状态", "效力位阶",
)
_BOILER_ALTS = "|".join(sorted(map(regex.escape, BOILERPLATE_LABELS), key=len, reverse=True))
_BOILERPLATE = rx.compile(
    rf"""^(?:
        【(?:{_BOILER_ALTS})】.{{0,200}}                # 【法宝引证码】CLI.12.345
      | [\[［](?:{_BOILER_ALTS})[\]］].{{0,200}}       # [来源] …
      | (?:{_BOILER_ALTS})[：:].{{0,60}}                # 来源：荆州市人民政府网
      | (?:https?://|www\.)[!-~]{{1,500}}              # a bare URL line
      | (?:[【\[［]?(?:打印本页|打印|关闭窗口|关闭|分享到|收藏|返回顶部|字[体号][：:]?[大中小]{{3}})[】\]］]?){{1,8}}
    )$""",
    regex.X,
)


# How a furniture line can start (the pattern is anchored): a cheap gate on the first two characters.
_BOILER_OPEN = frozenset("【[［")
_BOILER_TWO = frozenset(["ht", "ww", "打印", "关闭", "分享", "收藏", "返回", "字体", "字号"]) | {w[:2] for w in BOILERPLATE_LABELS}
_BOILER_FIRST = _BOILER_OPEN | {w[0] for w in _BOILER_TWO}  # (before slicing off two characters)


def _mark_boilerplate(ls: _Lines) -> int:
    """Mark web/database furniture lines and a line repeated right after itself.

    A title printed twice on consecutive lines (web page heading + document
    title) keeps its first copy; blank or removed lines between them do not count.
    """
    kinds = ls.kinds
    boiler = [i for i, t in zip(ls.body, ls.btexts) if t[0] in _BOILER_FIRST and (t[0] in _BOILER_OPEN or t[:2] in _BOILER_TWO)
              and len(t) <= 520 and _BOILERPLATE.match(t)]
    for i in boiler:
        kinds[i] = "boilerplate"
    ls.drop(boiler)
    body, btexts = ls.body, ls.btexts
    # a repeat of the line before (a repeat's text equals the line it repeats, so comparing
    # neighbours is comparing with the last line kept)
    dups = [body[j] for j in compress(count(1), map(str.__eq__, btexts[1:], btexts))
            if len(btexts[j]) >= 6 and "\t" not in btexts[j]]
    for i in dups:
        kinds[i] = "duplicate"
    ls.drop(dups)
    return len(boiler) + len(dups)


_NARROW_CODES = frozenset(map(ord, _NARROW))
_HALF_WIDTH = rx.compile("[\\x00-\\u2e7f" + regex.escape("".join(sorted(_NARROW))) + "]")


def _width(t: str) -> float:
    """Printed width: a Latin letter or digit is half a Chinese character.

    >>> _width("2022年，共")
    4.5
    """
    return len(t) - 0.5 * len(_HALF_WIDTH.findall(t))


def _widths2(texts: list[str]) -> list[int]:
    """Twice :func:`_width` of every text (an integer), from the UTF-16 code units of them all
    (no per-line work): the line's length plus its number of wide characters.

    A character is half-width by its high byte alone (below U+2E00), by its low
    byte within U+2E00–U+2EFF, or, for the squeezed punctuation (U+30xx, U+FFxx),
    by both. Each byte is turned into bit flags by one ``bytes.translate``; ANDing
    the flags of the high and the low bytes (as two big integers) leaves a
    non-zero byte exactly where a character is half-width, and 17 where the
    ``\\n`` between two texts is.

    >>> _widths2(["2022年，共", "", "ab", "“《标题》”—①"])
    [9, 0, 2, 10]
    """
    full = "\n".join(texts)
    units = full.encode("utf-16-le")
    if len(units) != 2 * len(full):  # characters beyond the BMP take two units: count them one by one
        return [int(2 * _width(t)) for t in texts]
    hi = units[1::2].translate(_HALF_HI)
    lo = units[0::2].translate(_HALF_LO)
    flags = (int.from_bytes(hi, "little") & int.from_bytes(lo, "little")).to_bytes(len(hi), "little")
    wide = flags.translate(_WIDE_MARK, _HALF_MARKS).split(b"\n")  # per text, one byte per wide character
    return list(map(add, map(len, texts), map(len, wide)))  # 2 * (len - (len - wide) / 2)


def _byte_table(f) -> bytes:
    return bytes(f(b) for b in range(256))


# bit 1: below U+2E00; 2: U+2Exx; 4: U+30xx; 8: U+FFxx; 16: the separator \n (U+000A).
_HALF_HI = _byte_table(lambda h: (1 if h < 0x2E else 2 if h == 0x2E else 4 if h == 0x30 else 8 if h == 0xFF else 0)
                       | (16 if h == 0 else 0))
_HALF_LO = _byte_table(lambda b: 1 | (2 if b < 0x80 else 0)
                       | (4 if 0x3000 | b in _NARROW_CODES else 0) | (8 if 0xFF00 | b in _NARROW_CODES else 0)
                       | (16 if b == 0x0A else 0))
_WIDE_MARK = bytes.maketrans(b"\x00\x11", b"w\n")
_HALF_MARKS = bytes(b for b in range(1, 256) if b != 0x11)


def _join(ls: _Lines) -> tuple[str, Segments]:
    """Join the kept lines into paragraphs; the map is built as runs.

    The text is the lines interleaved with their separators (a line break, a
    space or nothing), joined once. The map takes one short step per line: each
    line starts a run at its first character and each separator is a run of its
    own; a line from which spaces were dropped also brings the runs of the
    space-free text that start inside it, found from the run holding the line
    before (lines come in order, so the search only moves forward).
    """
    source, pieces, body, btexts = ls.source, ls.pieces, ls.body, ls.btexts
    tcs, tss = ls.tcs, ls.tss
    n = len(btexts)
    if not n:
        return "", Segments([0], [len(source)], 1)
    widths2 = _widths2(btexts)
    runs: dict[int, tuple[list[int], list[int]]] = {}  # undoubled and cut lines: their runs, listed
    for j in [j for j, i in enumerate(body) if i in pieces] if pieces else ():
        runs[j] = ls.runs(body[j])
    split: dict[int, str] = {}
    for j in [j for j, t in enumerate(btexts) if len(t) > 400]:
        lc0, sc0 = runs.get(j) or ls.runs(body[j])
        t, lc0, sc0 = _split_run_on(btexts[j], lc0, sc0, source, ls.starts[body[j]])
        if t is not btexts[j]:
            split[j], runs[j] = t, (lc0, sc0)
    joins = _joins(btexts, split, widths2, rx.bmp_twin(_STARTS_BLOCK).match if ls.bmp else _STARTS_BLOCK.match)
    lines = btexts
    if split:
        lines = btexts[:]
        for j, t in split.items():
            lines[j] = t
    # the separator before each line: a break, or nothing when the line continues the one before;
    # a space when that would bring two Latin letters/digits together (or NFKC would fuse them)
    seps = ["" if x else "\n" for x in joins]
    seps[0] = ""
    for j in compress(count(), joins):
        if _keeps_joined(btexts[j - 1][-1], btexts[j][0]):
            seps[j] = " "
    cs: list[int] = []  # the map as runs: from cs[k] on, the text continues at source ss[k]
    ss: list[int] = []
    # the runs of the space-free text: from tcs[k] on it is at source tcs[k] + shift[k]
    shift = list(map(sub, tss, tcs))
    tcs = [*tcs, 1 << 62]  # (a sentinel run start past every line)
    p = 0  # length of the text so far
    r = 0  # the run of the space-free text holding the line's first character (lines come in order)
    nxt = tcs[1]  # where the run after it starts
    after = 0  # source offset just past the last character of the line before
    for j, t, a, sep in zip(count(), btexts, map(ls.tpos.__getitem__, body), seps):
        if runs and j in runs:  # an undoubled or cut line: its runs are listed
            lc, sc = runs[j]
            t = split.get(j, t)
            first = sc[0]
            if sep:
                cs.append(p)
                ss.append(after if sep == "\n" else first)
                p += 1
            cs += [p + c for c in lc]
            ss += sc
            after = sc[-1] + len(t) - lc[-1]
            p += len(t)
            continue
        if a >= nxt:
            r = bisect_right(tcs, a, r) - 1
            nxt = tcs[r + 1]
        first = a + shift[r]
        if sep:
            cs.append(p)
            ss.append(after if sep == "\n" else first)
            p += 1
        cs.append(p)
        ss.append(first)
        e = a + len(t)
        if nxt < e:  # spaces were dropped inside the line: its inner runs follow
            k = bisect_left(tcs, e, r + 1)
            cs += map(add, tcs[r + 1:k], repeat(p - a))
            ss += tss[r + 1:k]
            r = k - 1
            nxt = tcs[k]
        after = e + shift[r]
        p += len(t)
    cs.append(p)  # the sentinel: the end of the text maps to the end of the source
    ss.append(len(source))
    parts: list[str] = [""] * (2 * n)  # separator, line, separator, line, …
    parts[0::2] = seps
    parts[1::2] = [split.get(j, t) for j, t in enumerate(btexts)] if split else btexts
    return "".join(parts), Segments(cs, ss, p + 1)


def _keeps_joined(x: str, y: str) -> bool:
    """Two joined lines ending/starting with ``x``/``y`` keep a space between them."""
    return (x in _ALNUM and y in _ALNUM) or _fuses(x, y)


# The first characters a _STARTS_BLOCK match can have, besides digits (\\d: any decimal
# digit, some beyond the BMP): other lines (most) skip the pattern.
_BLOCK_FIRST = frozenset("第一二三四五六七八九十（(附专—●■◆▲★□◇○•") | frozenset(
    map(chr, [*range(ord("①"), ord("⑳") + 1), *range(ord("⑴"), ord("⒇") + 1)]))


def _starts_block(t: str, match) -> bool:
    """The line starts with a heading or list marker (the first character gates ``match``, the
    ``match`` of :data:`_STARTS_BLOCK` or of its twin)."""
    c = t[0]
    return (c in _BLOCK_FIRST or c.isdigit() or c > "\uffff") and match(t) is not None


def _joins(texts: list[str], split: dict[int, str], widths2: list[int], block_match) -> list[bool]:
    """For each line: does it continue the paragraph of the line before? (``texts`` are the
    body lines; ``split`` holds the long ones as cut by :func:`_split_run_on`; ``widths2``
    their printed widths doubled, so the thresholds below are doubled too; ``block_match``
    is ``_STARTS_BLOCK.match`` or, for BMP text, its stdlib twin.)

    The rules that look at one character or one pattern are applied to all lines
    at once; the rest only to the pairs they leave open.
    """
    n = len(texts)
    heads = [t[0] for t in texts]
    tails = [t[-1] for t in texts]
    out = [c in _NO_PARA_START for c in heads]
    tab = {k for k, t in enumerate(texts) if "\t" in t}
    alone = {k for k, c in enumerate(tails) if c in "号日" and _STANDALONE.match(texts[k])}  # both forms end so
    for k in tab:
        out[k] = False
        if k + 1 < n:
            out[k + 1] = False
    if n:
        out[0] = False
    # open: no tab, no 、，。… start, no heading or standalone line, the line before does not end a sentence
    # (whether a line is a heading is asked last, of the few lines still open: the pattern is costly)
    shut = tab | alone | {k + 1 for k in tab} | {k + 1 for k in alone}
    open_ = [k for k in range(1, n) if not out[k] and tails[k - 1] not in "。！？!?" and k not in shut]
    block = {k for k in open_ if (heads[k] in _BLOCK_FIRST or heads[k].isdigit() or heads[k] > "\uffff")
             and block_match(texts[k])}
    for k in open_:
        if k in block:
            continue
        bt, at, last = texts[k], texts[k - 1], tails[k - 1]
        if ("（" in at or "(" in at) and _unclosed(at) and _closes_first(bt, last in "：:，,、"):
            out[k] = True  # "（责任单位：" / "市委组织部…）": the bracket is still open
        elif last in _TERMINAL or (last in "”」』" and len(at) > 1 and at[-2] in _TERMINAL):
            pass
        elif last in "）)" and _ANNOTATION_END.search(split.get(k - 1, at)):
            pass  # "…（责任单位：市体育局）": a labelled annotation closes its paragraph
        else:
            wa = widths2[k - 1]
            if wa >= 100:  # width ≥ 50: a long line cut mid-sentence (page break inside a paragraph)
                out[k] = True
            elif wa >= 30 and "，" in at and last not in "）)]】" and not _starts_block(at, block_match):
                # prose (it has a comma, headings and titles do not) that stops mid-sentence:
                # a paragraph cut by a page or column break. Not after a closing bracket:
                # "…（责任单位：市体育局）" ends a paragraph (the signature may follow).
                out[k] = True
            else:
                # a wrapped column: the line is as wide as the widest of its neighbours
                # (0.82 * col on doubled widths rounds exactly as on the widths: scaling by 2 is exact)
                col = max(widths2[max(0, k - 7):k + 6])
                # (U+4E00–U+9FFF are all \\p{Han}: a line starting there needs no search)
                out[k] = col >= 20 and wa >= 0.82 * col and ("\u4e00" <= at[0] <= "\u9fff" or _CJK.search(at) is not None)
    return out


def _unclosed(t: str) -> bool:
    """More opening than closing round brackets.

    >>> _unclosed("2.全力引进人才。（责任单位："), _unclosed("（一）总体要求")
    (True, False)
    """
    return t.count("（") + t.count("(") > t.count("）") + t.count(")")


def _closes_first(t: str, or_none: bool = False) -> bool:
    """The line closes a bracket before it opens one (within its first 200 chars).

    With ``or_none``, a line without any bracket there also counts (the
    bracket of the previous line closes further on).

    >>> _closes_first("市财政局）"), _closes_first("（二）主要任务"), _closes_first("无括号")
    (True, False, False)
    >>> _closes_first("市委组织部、市人社局、市", or_none=True)
    True
    """
    m = _FIRST_BRACKET.search(t, 0, 200)
    return m.group() in "）)" if m else or_none


# A bracketed "label：value" note at the end of a line (责任单位、牵头单位、来源 …).
_ANNOTATION_END = rx.compile(r"[（(][^（()）]{1,12}[：:][^（()）]{0,200}+[)）]$")
_FIRST_BRACKET = rx.compile(r"[（()）]")
_INLINE_HEADING = rx.compile(
    r"(?<=[。；：！？])(?=第[一二三四五六七八九十百零〇两\d]{1,6}[编章节条]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
)


# Paragraph indentation left inside a run-on line: two or more (ideographic)
# spaces after the end of a sentence, where the web page had a paragraph break.
_INDENT_GAP = rx.compile(r"(?<=[。！？；：”])[ \u3000\u00a0]{2,}+(?=\S)")


def _split_run_on(t: str, lc: list[int], sc: list[int], source: str, s: int) -> tuple[str, list[int], list[int]]:
    """Break a very long line (a web export run into one line) into paragraphs.

    Cuts go before inline headings that follow a sentence end (at least three,
    so one quoted 一、 does not split a paragraph) and where the line keeps a
    paragraph indent (``。　　``). The line's map comes as runs ``lc``/``sc`` and
    goes back as runs; ``s`` is where the line starts in the source.
    """
    cuts = {m.start() for m in _INLINE_HEADING.finditer(t)}
    if len(cuts) < 3:
        cuts = set()
    n = len(t)
    end = sc[-1] + n - lc[-1]  # just past the source offset of the last character
    for m in _INDENT_GAP.finditer(source, s, end):
        c = _index_at(lc, sc, n, m.end())
        if 0 < c < n:
            cuts.add(c)
    if not cuts:
        return t, lc, sc
    parts: list[str] = []
    nl: list[int] = []
    ns: list[int] = []
    prev = shift = 0
    for c in [*sorted(cuts), n]:
        k = bisect_right(lc, prev) - 1  # the runs of [prev, c), shifted by the breaks before
        nl.append(prev + shift)
        ns.append(sc[k] + prev - lc[k])
        k += 1
        while k < len(lc) and lc[k] < c:
            nl.append(lc[k] + shift)
            ns.append(sc[k])
            k += 1
        parts.append(t[prev:c])
        if c < n:  # the break maps where the next character does
            k = bisect_right(lc, c) - 1
            parts.append("\n")
            nl.append(c + shift)
            ns.append(sc[k] + c - lc[k])
            shift += 1
            prev = c
    return "".join(parts), nl, ns


def _index_at(lc: list[int], sc: list[int], n: int, x: int) -> int:
    """The first index of a line (map as runs, ``n`` characters) whose source offset is ≥ ``x``.

    >>> _index_at([0, 3], [10, 20], 5, 12), _index_at([0, 3], [10, 20], 5, 15), _index_at([0, 3], [10, 20], 5, 99)
    (2, 3, 5)
    """
    k = bisect_right(sc, x) - 1
    if k < 0:
        return 0
    end = lc[k + 1] if k + 1 < len(lc) else n
    c = lc[k] + x - sc[k]
    return c if c < end else end
