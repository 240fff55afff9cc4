"""References: documents a document cites (OUTPUT.md Document.references).

GB/T 9704-2012 §7.3.1 and 《党政机关公文处理工作条例》 cite a document by its
title in 书名号 followed by its 发文字号 in round brackets:
《国务院关于…的意见》（国发〔2019〕3号）, 《…条例》（国务院令第746号）. A bare
《…》 naming a law, regulation, plan or standard is kept with its title only.
The notice's own attachment (《…办法》已经市人民政府同意，现印发给你们) is the
document being issued, not a citation, and is skipped.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ..text import rx
from ..values.comparators import alternation
from ..values.docnumber import DOC_NUMBER_RE, parse_doc_number
from .base import Context, Draft

# Endings of a citable title (公文种类 per 条例 §8, plus 法律/法规/规章 and plan names).
TITLE_ENDINGS: tuple[str, ...] = (
    "法", "条例", "规定", "办法", "细则", "规则", "规程", "意见", "通知", "通报", "决定", "决议", "批复", "函",
    "方案", "规划", "纲要", "计划", "措施", "政策措施", "指南", "指引", "标准", "目录", "清单", "报告", "纪要",
    "公告", "通告", "协定", "协议", "公约", "章程", "令", "命令", "意见稿", "答复",
)
# Words right after a title that mark the notice's own attachment, not a citation.
ISSUED_MARKERS: tuple[str, ...] = ("已经", "已报经", "印发给你们", "现印发", "现将", "已经市", "已经省")
# Abbreviations that point back to a title named earlier (《纲要》, 《条例》): no new reference.
MIN_TITLE = 5


# 《title》 with at most one level of nested 《》 inside (关于印发《…》的通知),
# then an optional （发文字号）.
_NUM_AFTER = rf"""(?:\s{{0,2}}[（(]\s{{0,2}}(?P<num>{DOC_NUMBER_RE})\s{{0,2}}[）)])?"""
_REF = rx.compile(rf"""《(?P<title>(?:[^《》\n]|《[^《》\n]{{1,80}}》){{1,150}}+)》 {_NUM_AFTER}""", regex.X)
# The same for a title without a nested 《》 (nearly all): a run of a character class costs a
# third of the repeated group. Where it matches, _REF matches the same (a character of the
# run is no 《, so each is one item of _REF's group, which cannot take the 》 that ends the
# run); where it does not, _REF is tried.
_REF_PLAIN = rx.compile(rf"""《(?P<title>[^《》\n]{{1,150}}+)》 {_NUM_AFTER}""", regex.X)
# Searched backwards ((?r)): only whether a title ends so matters, and the match is at the end.
_TITLE_END = rx.compile(rf"(?r)(?:{alternation(TITLE_ENDINGS)})(?:[（(][^（）()]{{1,20}}[）)])?$")
_ISSUED = rx.compile(rf"\s{{0,2}}(?:{alternation(ISSUED_MARKERS)})")


def extract(ctx: Context) -> Iterator[Draft]:
    """Yield one reference draft per cited 《title》(（发文字号）)."""
    for block in ctx.blocks:
        if "《" not in block.text:
            continue
        for m in _titles(block.text):
            title, num_text = m.groups()
            num = parse_doc_number(num_text) if num_text else None
            if num is None and _issued(block.text, m.end()):
                continue  # the notice's own attachment (one match at one place: tested first)
            title = rx.drop_spaces(title)
            if num is None and (len(title) < MIN_TITLE or not _TITLE_END.search(title)):
                continue
            fields = {
                "title": title,
                "doc_number": ({"text": num.text, "prefix": num.prefix, "year": num.year, "serial": num.serial}
                               if num else None),
            }
            yield Draft(kind="reference", start=block.start + m.start(), end=block.start + m.end(),
                        fields=fields, rule="reference.numbered" if num else "reference.title",
                        section_id=block.section_id)


def _titles(text: str) -> Iterator[regex.Match]:
    """``_REF.finditer(text)``: a match can only start on a 《, so one ``match`` is tried at
    each 《 (found with ``str.find``) from the end of the last match, the plain form first.

    >>> [m.group("title") for m in _titles("依据《条例》和《关于印发《办法》的通知》《未完")]
    ['条例', '关于印发《办法》的通知']
    """
    plain, nested = _REF_PLAIN.match, _REF.match
    i = text.find("《")
    while i >= 0:
        m = plain(text, i) or nested(text, i)
        if m:
            yield m
            i = text.find("《", m.end())
        else:
            i = text.find("《", i + 1)


def _issued(text: str, pos: int) -> bool:
    """``_ISSUED.match(text, pos)``: with no white space at ``pos`` its ``\\s{0,2}`` is empty and the
    marker must start there (``str.isspace`` holds for every character ``\\s`` matches).

    >>> _issued("》已经市人民政府同意", 1), _issued("》 现印发", 1), _issued("》规定", 1)
    (True, True, False)
    """
    if text.startswith(ISSUED_MARKERS, pos):
        return True
    return pos < len(text) and text[pos].isspace() and _ISSUED.match(text, pos) is not None
