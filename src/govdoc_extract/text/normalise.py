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
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Sequence
from unicodedata import normalize as _nfkc

import regex

from . import rx

from .offsets import CleanText, line_starts_of

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
    out, run = [], []
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
_SPACE_RUN = rx.compile(r"[ \u3000\u00a0\u00ad\u2000-\u200d\u2060\u202f\u205f\ufeff\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
_ASCII_ALNUM = rx.compile(r"[A-Za-z0-9]")
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


@dataclass(slots=True)
class _Line:
    start: int  # source offset of the line start
    text: str = ""  # the cleaned line
    offs: Sequence[int] = ()  # source offset of each char of text (a range when contiguous)
    kind: str = "text"  # text | blank | page | header | boilerplate | duplicate
    page_break: bool = False  # the line starts with a form feed (a new page, as pdftotext marks it)

    def keep(self, idx: Sequence[int]) -> None:
        """Keep only the characters at positions ``idx`` (increasing)."""
        t, o = self.text, self.offs
        self.text = "".join([t[j] for j in idx])
        self.offs = [o[j] for j in idx]


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the clean stage returns: the text with its map, and what it removed."""

    clean: CleanText
    headers: tuple[str, ...]
    header_lines: int
    undoubled_lines: int
    boilerplate_lines: int = 0  # web/legal-database furniture and repeated title lines removed


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
    folded = _fold_width(source)  # one pass: folding keeps offsets
    # every space run of the text in one scan, filed by line (runs never cross a line break)
    runs: dict[int, list[tuple[int, int]]] = {}
    for m in _SPACE_RUN.finditer(source):
        runs.setdefault(bisect_right(starts, m.start()) - 1, []).append(m.span())
    get = runs.get
    if "\r" in source:
        ends = []
        for i, s in enumerate(starts):
            e = starts[i + 1] if i + 1 < len(starts) else n
            while e > s and source[e - 1] in "\r\n":
                e -= 1
            ends.append(e)
    else:  # every line but the last ends with its \n
        ends = [x - 1 for x in starts[1:]]
        ends.append(n)
    for i, s in enumerate(starts):
        lines.append(_clean_line(source, folded, s, ends[i], get(i, ())))
    undoubled = sum(1 for ln in lines if _undouble(ln))
    _mark_page_numbers(lines)
    headers = _mark_headers(lines)
    header_lines = sum(1 for ln in lines if ln.kind == "header")
    boiler = _mark_boilerplate(lines)
    text, offs = _join(lines, source)
    clean = CleanText(text, offs, source, starts)
    return Cleaned(clean, tuple(sorted(headers)), header_lines, undoubled, boiler)


def _clean_line(source: str, folded: str, s: int, e: int, runs: list[tuple[int, int]]) -> _Line:
    """Fold widths, drop spaces inside Chinese text, strip a ``- `` bullet artefact.

    ``folded`` is ``source`` with widths folded; ``runs`` are the space runs inside ``[s, e)``.
    """
    raw = source[s:e]
    page_break = "\f" in raw[:4]
    # (positional _Line(start, text, offs, kind, page_break): this runs once per source line)
    if not raw.strip():
        return _Line(s, "", (), "blank", page_break)
    if not runs and "\t" not in raw and raw[0] not in "-•·":
        # fast path: nothing to drop, only widths to fold
        return _Line(s, folded[s:e], range(s, e), "text", page_break)
    parts: list[str] = []
    offs: list[int] = []
    pos = s
    for a, b in runs:
        if a > pos:
            parts.append(folded[pos:a])
            offs += range(pos, a)
        pos = b
        # keep one space between two Latin letters/digits ("IPv6 over", "SDN TSN")
        if parts and pos < e:
            x, y = folded[a - 1], folded[pos]  # the last kept character is just before the run
            if x != "\t" and ((x in _ALNUM and y in _ALNUM) or _fuses(x, y)):
                parts.append(" ")
                offs.append(a)
    if pos < e:
        parts.append(folded[pos:e])
        offs += range(pos, e)
    t = "".join(parts)
    # tabs at the ends are layout, not cells
    a, b = 0, len(t)
    while a < b and t[a] == "\t":
        a += 1
    while b > a and t[b - 1] == "\t":
        b -= 1
    # "- " bullet artefact from PDF extraction ("- 第四名…"), but not "-12-" page numbers
    if b - a > 1 and t[a] in "-•·" and raw.lstrip()[1:2] in (" ", "\u3000") and not t[a + 1].isdigit():
        a += 1
    text = t[a:b]
    return _Line(s, text, offs[a:b], "text" if text else "blank", page_break)


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


def _undouble(ln: _Line) -> bool:
    """Collapse a line made entirely of doubled runs (bold-font extraction).

    Greedy: at each position take the shortest run that repeats right after
    itself. Ordinary prose almost never consists *only* of such runs.
    """
    t = ln.text
    if ln.kind != "text" or len(t) < 6 or "\t" in t:
        return False
    n = len(t)
    if n % 2 == 0 and n >= 8 and t[: n // 2] == t[n // 2:]:
        # the whole line printed twice (a bold title, a web page repeating its heading)
        ln.text, ln.offs = t[: n // 2], ln.offs[: n // 2]
        return True
    if t.find(t[0], 1, 13) < 0:
        return False  # the first run does not repeat: ordinary text (the common case)
    keep: list[int] = []
    i = 0
    while i < n:
        for k in range(1, min(12, (n - i) // 2) + 1):
            if t[i:i + k] == t[i + k:i + 2 * k]:
                keep.extend(range(i, i + k))
                i += 2 * k
                break
        else:
            return False
    ln.keep(keep)
    return True


def _mark_page_numbers(lines: list[_Line]) -> None:
    for ln in lines:
        if ln.kind == "text" and len(ln.text) <= 12 and _PAGE_NUMBER.match(ln.text):
            ln.kind = "page"


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

    where: dict[str, list[int]] = {t: [] for t in cands}
    for i, ln in enumerate(lines):  # one pass: linear even with thousands of candidates
        if ln.kind == "text" and ln.text in where:
            where[ln.text].append(i)
    headers: set[str] = set()
    for t, idx in where.items():
        alone = sum(1 for i in idx if (quiet(i - 1) or lines[i].page_break)
                    and (quiet(i + 1) or (i + 1 < len(lines) and lines[i + 1].page_break)))
        if alone >= max(2, 0.6 * len(idx)):
            headers.add(t)
    for ln in lines:
        if ln.kind == "text" and ln.text in headers:
            ln.kind = "header"
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


# The characters a furniture line can start with (the pattern is anchored): a cheap gate.
_BOILER_FIRST = frozenset("【[［hw打关分收返字") | {w[0] for w in BOILERPLATE_LABELS}


def _mark_boilerplate(lines: list[_Line]) -> int:
    """Mark web/database furniture lines and a line repeated right after itself.

    A title printed twice on consecutive lines (web page heading + document
    title) keeps its first copy; blank or removed lines between them do not count.
    """
    count = 0
    prev: _Line | None = None
    for ln in lines:
        if ln.kind != "text":
            continue
        if ln.text[0] in _BOILER_FIRST and len(ln.text) <= 520 and _BOILERPLATE.match(ln.text):
            ln.kind = "boilerplate"
            count += 1
            continue
        if prev is not None and ln.text == prev.text and len(ln.text) >= 6 and "\t" not in ln.text:
            ln.kind = "duplicate"
            count += 1
            continue
        prev = ln
    return count


_HALF_WIDTH = rx.compile("[\\x00-\\u2e7f" + regex.escape("".join(sorted(_NARROW))) + "]")


def _width(t: str) -> float:
    """Printed width: a Latin letter or digit is half a Chinese character.

    >>> _width("2022年，共")
    4.5
    """
    return len(t) - 0.5 * len(_HALF_WIDTH.findall(t))


def _widths(texts: list[str]) -> list[float]:
    """:func:`_width` of every text, in one regex pass over them all (not one call per line).

    The texts are joined by U+FFFF (not half-width, so it survives the pass) and the
    half-width characters deleted; what is left of each text is its wide characters.

    >>> _widths(["2022年，共", "", "ab"])
    [4.5, 0.0, 1.0]
    """
    full = "\uffff".join(texts)
    if full.count("\uffff") != max(len(texts) - 1, 0):  # the separator occurs in a text
        return [_width(t) for t in texts]
    wide = _HALF_WIDTH.sub("", full).split("\uffff")
    return [len(t) - 0.5 * (len(t) - len(w)) for t, w in zip(texts, wide)]


def _join(lines: list[_Line], source: str) -> tuple[str, array]:
    n = len(source)
    body = [ln for ln in lines if ln.kind == "text"]
    widths = _widths([ln.text for ln in body])
    out: list[str] = []
    out_offs: list[int] = []  # one list, turned into the array at the end (much faster than array.extend)
    for k, ln in enumerate(body):
        if k:
            prev = body[k - 1]
            if _should_join(prev, ln, widths, k - 1):
                a, b = prev.text[-1], ln.text[0]
                if (_ASCII_ALNUM.match(a) and _ASCII_ALNUM.match(b)) or _fuses(a, b):
                    out.append(" ")
                    out_offs.append(ln.offs[0])
            else:
                out.append("\n")
                out_offs.append(prev.offs[-1] + 1)
        if len(ln.text) > 400:
            _split_run_on(ln, source)
        out.append(ln.text)
        out_offs += ln.offs
    out_offs.append(n)
    offs = array("q")
    offs.fromlist(out_offs)
    return "".join(out), offs


def _should_join(a: _Line, b: _Line, widths: list[float], ia: int) -> bool:
    """Decide whether line ``b`` continues the paragraph of line ``a``."""
    at, bt = a.text, b.text
    if "\t" in at or "\t" in bt:
        return False
    if bt[0] in _NO_PARA_START:
        return True
    if _STARTS_BLOCK.match(bt) or _STANDALONE.match(bt) or _STANDALONE.match(at):
        return False
    if at[-1] not in "。！？!?" and _unclosed(at) and _closes_first(bt, at[-1] in "：:，,、"):
        return True  # "（责任单位：" / "市委组织部…）": the bracket is still open
    if at[-1] in _TERMINAL or (at[-1] in "”」』" and len(at) > 1 and at[-2] in _TERMINAL):
        return False
    if at[-1] in "）)" and _ANNOTATION_END.search(at):
        return False  # "…（责任单位：市体育局）": a labelled annotation closes its paragraph
    wa = widths[ia]
    if wa >= 50:  # a long line cut mid-sentence (page break inside a paragraph)
        return True
    if wa >= 15 and "，" in at and at[-1] not in "）)]】" and not _STARTS_BLOCK.match(at):
        # prose (it has a comma, headings and titles do not) that stops mid-sentence:
        # a paragraph cut by a page or column break. Not after a closing bracket:
        # "…（责任单位：市体育局）" ends a paragraph (the signature may follow).
        return True
    # a wrapped column: the line is as wide as the widest of its neighbours
    lo, hi = max(0, ia - 6), min(len(widths), ia + 7)
    col = max(widths[lo:hi])
    return col >= 10 and wa >= 0.82 * col and bool(_CJK.search(at))


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


def _split_run_on(ln: _Line, source: str) -> None:
    """Break a very long line (a web export run into one line) into paragraphs.

    Cuts go before inline headings that follow a sentence end (at least three,
    so one quoted 一、 does not split a paragraph) and where the line keeps a
    paragraph indent (``。　　``).
    """
    t = ln.text
    cuts = {m.start() for m in _INLINE_HEADING.finditer(t)}
    if len(cuts) < 3:
        cuts = set()
    offs0 = ln.offs
    end = offs0[-1] + 1
    for m in _INDENT_GAP.finditer(source, ln.start, end):
        c = bisect_left(offs0, m.end())
        if 0 < c < len(offs0):
            cuts.add(c)
    if not cuts:
        return
    parts: list[str] = []
    offs: list[int] = []
    prev = 0
    for c in sorted(cuts):
        parts.append(t[prev:c]); offs.extend(offs0[prev:c])
        parts.append("\n"); offs.append(offs0[c])
        prev = c
    parts.append(t[prev:]); offs.extend(offs0[prev:])
    ln.text, ln.offs = "".join(parts), offs
