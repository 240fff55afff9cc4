"""Bulletin front matter: masthead title (…公报/…政报), issue (2022年第8-9期) and 目录.

A 政府公报 opens with a masthead (刊名, 年份, 期号 and 总期号), then a 目录 whose entries
are document titles followed by a page number (``…的通知3``, ``…的通知……(97)``),
sometimes grouped under column headings (【政府文件】, 市级文件选登). PDF extraction
leaves dot leaders and may run two entries together on one line; the cleaner may
also drop the running masthead line (it repeats on every page), so the title is
looked up in the raw ``source`` too.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Optional

import regex

from ..text import rx
from ..text.offsets import CleanText
from ..values.docnumber import DOC_NUMBER_RE
from ..values.numbers import to_int
from .types import BulletinInfo

# How far into the text the masthead and 目录 may start (lines).
MASTHEAD_LINES = 40
TOC_SEARCH_LINES = 60
MASTHEAD_LINE_MAX = 50  # a masthead line is short; a sentence citing 《…公报》2022年第3期 is not one
# Lines after the last entry that may still belong to the 目录 (headings, slogans).
TOC_GAP_LINES = 12

# 刊名: ends in 公报 or 政报 (刊名 of 政府公报 per 《政府公报工作规范》 usage).
# (the 期号 may share the masthead line: 荆州市人民政府公报 2022年第8期)
MASTHEAD_RE = rx.compile(
    r"^\s{0,4}((?:\p{Han}\s{0,2}){2,30}(?:公\s{0,2}报|政\s{0,2}报))\s{0,4}"
    r"(?:(?:19|20)\d{2}\s{0,2}年\s{0,2}第\s{0,2}\d{1,3}.{0,30})?$"
)
# 期号 with year: 2022年第8-9期, 2021 年第 18 期
ISSUE_RE = rx.compile(r"((?:19|20)\d{2})\s{0,2}年\s{0,2}第\s{0,2}(\d{1,3}(?:\s{0,2}[-—–]\s{0,2}\d{1,3})?)\s{0,2}(期|号)")
# 期号 alone and a bare year line, composed into an issue when no line has both.
ISSUE_ONLY_RE = rx.compile(r"^\s{0,4}第\s{0,2}(\d{1,3}(?:[-—–]\d{1,3})?)\s{0,2}期")
YEAR_LINE_RE = rx.compile(r"^\s{0,4}((?:19|20)\d{2})\s{0,4}年?\s{0,4}$")
TOC_HEAD_RE = rx.compile(r"^\s{0,4}(?:本期)?目\s{0,4}[录次]\s{0,4}$|^\s{0,4}CONTENTS\s{0,4}$", flags=regex.I)

# A page marker: dot leaders + (97), or trailing digits right after the title text.
_LEADER = r"[.．…·•⋯\-—_]{2,}"
PAGE_RE = rx.compile(
    rf"(?:{_LEADER}\s{{0,3}})?[（(]\s{{0,2}}(\d{{1,4}})\s{{0,2}}[)）]"
    rf"|{_LEADER}\s{{0,3}}(\d{{1,4}})(?!\d)"
    rf"|(?<=[\p{{Han}}）)》”」])\s{{0,3}}(\d{{1,4}})\s{{0,2}}$"
)
# Entry numbering and bullets before a title: "1." "2、" "- " "•"
ENTRY_LEAD_RE = rx.compile(r"^[\s\-•·●◆■]{0,4}(?:\d{1,2}\s{0,2}[.、．]\s{0,2})?")
# 国务院公报-style entries carry the 文号 after the title: …的通知（国发〔2022〕1号）
_NUMBER_TAIL_RE = rx.compile(rf"\s{{0,2}}[（(]\s{{0,2}}(?:{DOC_NUMBER_RE})\s{{0,2}}[)）]\s{{0,2}}$")
_LEADER_TAIL_RE = rx.compile(rf"(?:\s{{0,3}}{_LEADER})+\s{{0,3}}$|[.．…·]+$")
# Lines in the 目录 that are not entries: column headings 【政府文件】 ●…●, issue lines.
NON_ENTRY_RE = rx.compile(r"^[【〔●■◆\[（(].{0,20}[】〕●■◆\]）)]$|第\d{1,3}期|^[A-Z\s]{4,}$")
_SENTENCE_RE = rx.compile(r"[：:。]")
HEAD_LINE_RE = rx.compile(r"^\p{Han}{2,40}文件$")
TOC_NUMBER_RE = rx.compile(rf"^\s{{0,4}}[（(]\s{{0,2}}(?:{DOC_NUMBER_RE})\s{{0,2}}[)）]\s{{0,4}}$")
# Lines that show the documents have begun: 发文字号, 主送 line, a sentence. (…文件 is
# also a 目录 column heading, 国务院文件, so it does not end the 目录.)
BODY_START_RE = rx.compile(
    rf"^\s{{0,4}}(?:{DOC_NUMBER_RE})\s{{0,4}}$|[：:]$|^.{{60,}}。"
)


def _lines(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` of every line (offsets summed in C: this runs over the whole text).

    >>> _lines("ab\\n\\nc")
    [(0, 'ab'), (3, ''), (4, 'c')]
    """
    parts = text.split("\n")
    return list(zip(accumulate(map((1).__add__, map(len, parts)), initial=0), parts))


def _head_lines(text: str, n: int) -> list[tuple[int, str]]:
    """The first ``n`` lines as :func:`_lines` gives them, without splitting the rest of the text.

    >>> _head_lines("a\\nb\\nc", 2), _head_lines("a\\nb", 5)
    ([(0, 'a'), (2, 'b')], [(0, 'a'), (2, 'b')])
    """
    if n <= 0:
        return []
    end = -1
    for _ in range(n):
        end = text.find("\n", end + 1)
        if end < 0:
            return _lines(text)
    return _lines(text[:end])


def _iter_lines(text: str):
    """``text.split("\\n")``, one line at a time (the caller reads only the first few)."""
    pos = 0
    while (nl := text.find("\n", pos)) >= 0:
        yield text[pos:nl]
        pos = nl + 1
    yield text[pos:]


def _masthead(source: str, clean_lines) -> Optional[str]:
    for _, ln in clean_lines[:MASTHEAD_LINES]:
        m = MASTHEAD_RE.match(ln)
        if m:
            return rx.drop_spaces(m.group(1))
    n = 0
    for ln in _iter_lines(source):
        if not ln.strip():
            continue
        n += 1
        if n > MASTHEAD_LINES:
            break
        m = MASTHEAD_RE.match(ln)
        if m:
            return rx.drop_spaces(m.group(1))
    return None


def _masthead_lines(lines):
    """The short lines before the 目录 or the first document (where 刊名/期号 live)."""
    for s, ln in lines[:MASTHEAD_LINES]:
        if TOC_HEAD_RE.match(ln) or BODY_START_RE.search(ln):
            return
        if len(ln) <= MASTHEAD_LINE_MAX:
            yield s, ln


def _issue(lines) -> Optional[str]:
    year = issue = None
    for _, ln in _masthead_lines(lines):
        m = ISSUE_RE.search(ln)
        if m:
            num = rx.drop_spaces(m.group(2)).replace("—", "-").replace("–", "-")
            return f"{m.group(1)}年第{num}{m.group(3)}"
        if year is None and (y := YEAR_LINE_RE.match(ln)):
            year = y.group(1)
        if issue is None and (i := ISSUE_ONLY_RE.match(ln)):
            issue = i.group(1)
    if issue:
        return f"{year}年第{issue}期" if year else f"第{issue}期"
    return None


def parse_toc_line(line: str) -> list[tuple[str, Optional[int]]]:
    """Entries of one 目录 line (two entries may have been run together).

    >>> parse_toc_line("1.荆州市人民政府关于印发荆州市体育规划的通知3")
    [('荆州市人民政府关于印发荆州市体育规划的通知', 3)]
    >>> parse_toc_line("市人民政府关于A的通知……(3)市人民政府关于B的意见.....(7)")
    [('市人民政府关于A的通知', 3), ('市人民政府关于B的意见', 7)]
    >>> parse_toc_line("国务院关于C的通知（国发〔2022〕1号）……………………3")
    [('国务院关于C的通知', 3)]
    """
    return [e for e in _toc_entries(line) if e[0]]


def _toc_entries(line: str) -> list[tuple[str, int]]:
    """Like parse_toc_line but keeps entries whose title is empty (a 文号 line with the page)."""
    out: list[tuple[str, int]] = []
    pos = 0
    for m in PAGE_RE.finditer(line):
        page = to_int(next(g for g in m.groups() if g))
        if page is None:  # digits this Python cannot read: no page number (see to_int)
            continue
        out.append((_clean_title(line[pos:m.start()]), page))
        pos = m.end()
    return out


def _clean_title(s: str) -> str:
    s = _LEADER_TAIL_RE.sub("", s)
    s = _NUMBER_TAIL_RE.sub("", s)
    s = ENTRY_LEAD_RE.sub("", s, count=1)
    return rx.drop_spaces(s)


def parse_bulletin(clean: CleanText, source: str) -> Optional[BulletinInfo]:
    """Masthead, issue and 目录 of a 公报; None for a file without a masthead.

    >>> from govdoc_extract.text.offsets import CleanText
    >>> t = "荆州市人民政府公报\\n2022年第8-9期\\n目录\\n1.荆州市人民政府关于印发体育规划的通知3\\n荆州市人民政府关于印发体育规划的通知"
    >>> b = parse_bulletin(CleanText.identity(t), t)
    >>> b.title, b.issue, b.toc, t[b.front_end:][:7]
    ('荆州市人民政府公报', '2022年第8-9期', [('荆州市人民政府关于印发体育规划的通知', 3)], '荆州市人民政府')
    """
    text = clean.text
    lines = _head_lines(text, max(MASTHEAD_LINES, TOC_SEARCH_LINES))  # (most files have no masthead)
    title = _masthead(source, lines)
    if title is None:
        return None
    lines = _lines(text)  # the 目录 may run on past the head
    info = BulletinInfo(title=title, issue=_issue(lines))
    # end of the masthead: the last masthead/issue line seen
    front_end = 0
    for s, ln in _masthead_lines(lines):
        if MASTHEAD_RE.match(ln) or ISSUE_RE.search(ln) or ISSUE_ONLY_RE.match(ln) or YEAR_LINE_RE.match(ln):
            front_end = s + len(ln) + 1
    toc_at = next((k for k, (_, ln) in enumerate(lines[:TOC_SEARCH_LINES]) if TOC_HEAD_RE.match(ln)), None)
    if toc_at is not None:
        front_end = max(front_end, lines[toc_at][0] + len(lines[toc_at][1]) + 1)
        pending = ""
        gap = 0
        for s, ln in lines[toc_at + 1:]:
            entries = _toc_entries(ln)
            if entries:
                if pending:  # a wrapped entry: the first title continues the pending line(s)
                    entries[0] = (pending + entries[0][0], entries[0][1])
                info.toc.extend(e for e in entries if e[0])
                pending, gap = "", 0
                front_end = s + len(ln) + 1
                continue
            if TOC_NUMBER_RE.match(ln):  # （国发〔2021〕33号） under its title: the page follows
                continue
            if BODY_START_RE.search(ln):
                break
            gap += 1
            if gap > TOC_GAP_LINES:
                break
            t = _clean_title(ln)
            # a wrapped title line (long, not a heading) waits for its page number
            wrapped = len(t) >= 8 and not NON_ENTRY_RE.search(t) and not _SENTENCE_RE.search(t)
            pending = (pending + t)[-200:] if wrapped else ""
        if not info.toc:
            front_end = max(front_end, _unpaged_toc(lines, toc_at, info))
    info.front_end = min(front_end, len(text))
    return info


def _unpaged_toc(lines, toc_at: int, info: BulletinInfo) -> int:
    """A 目录 without page numbers: title lines up to the first document's own title.

    The first document's title is the title line followed by its 文号, 主送 or 版头
    evidence; the entries before it are the 目录. Returns the new front end (0: none).
    """
    from .documents import is_title  # the 文种 table lives with the documents

    body = lines[toc_at + 1:toc_at + 1 + TOC_SEARCH_LINES]
    entries: list[tuple[str, Optional[int]]] = []
    end = 0
    for k, (s, ln) in enumerate(body):
        t = _clean_title(ln)
        nxt = body[k + 1][1] if k + 1 < len(body) else ""
        if BODY_START_RE.search(ln) or HEAD_LINE_RE.match(ln):
            break
        if is_title(t):
            if BODY_START_RE.search(nxt):
                break  # this title heads the first document
            entries.append((t, None))
            end = s + len(ln) + 1
        elif not NON_ENTRY_RE.search(t) and len(t) > 12:
            break  # prose: the documents have begun
    if len(entries) >= 2:  # one title alone is the first document, not a 目录
        info.toc.extend(entries)
        return end
    return 0
