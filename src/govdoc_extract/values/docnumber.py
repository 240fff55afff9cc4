"""发文字号 (document numbers) and 令 numbers: finding pattern and parser.

Layout of a 发文字号 per GB/T 9704-2012 §7.2.4: 机关代字 + 年份 in 六角括号 〔〕 +
发文顺序号 + 号 (荆政办发〔2022〕16号). PDF extraction and local practice give
other brackets ([] () 【】 ﹝﹞ ［］); they are normalised to 〔〕. A government
order (政府令, 《规章制定程序条例》第三十一条) is numbered 「<机关>令第N号」 without year.
"""

from __future__ import annotations

from typing import Optional

import regex

from ..text import rx
from ..segment.types import DocNumberInfo
from .numbers import to_int

# Year brackets seen in bulletins → the standard 六角括号 (GB/T 9704 §7.2.4).
OPEN_BRACKETS = "〔[（(【﹝［"
CLOSE_BRACKETS = "〕]）)】﹞］"

# Words that often stand right before a number in running text and are never
# part of an 机关代字 (根据荆政办发〔2022〕16号 → prefix 荆政办发).
LEAD_WORDS: tuple[str, ...] = ("根据", "按照", "依据", "依照", "参照", "贯彻", "落实", "执行", "见", "和", "及", "与")

_O = regex.escape(OPEN_BRACKETS)
_C = regex.escape(CLOSE_BRACKETS)
# Regex *string* for embedding in other patterns (no named groups, no anchors).
# Alternative 1: 代字〔YYYY〕N号; alternative 2: …令第N号.
DOC_NUMBER_RE = (
    rf"\p{{Han}}{{1,20}}\s{{0,2}}[{_O}]\s{{0,2}}(?:19|20)\d{{2}}\s{{0,2}}[{_C}]\s{{0,2}}第?\s{{0,2}}\d{{1,5}}\s{{0,2}}号"
    rf"|\p{{Han}}{{1,30}}令\s{{0,2}}第\s{{0,2}}\d{{1,5}}\s{{0,2}}号"
)

_PARSE_RE = rx.compile(
    rf"(?P<prefix>\p{{Han}}{{1,20}})\s{{0,2}}[{_O}]\s{{0,2}}(?P<year>(?:19|20)\d{{2}})\s{{0,2}}[{_C}]\s{{0,2}}"
    rf"(?P<di>第?)\s{{0,2}}(?P<serial>\d{{1,5}})\s{{0,2}}号"
    rf"|(?P<oprefix>\p{{Han}}{{1,30}}令)\s{{0,2}}第\s{{0,2}}(?P<oserial>\d{{1,5}})\s{{0,2}}号"
)
_LEAD_RE = rx.compile("^(?:" + "|".join(sorted(LEAD_WORDS, key=len, reverse=True)) + ")")


def _strip_lead(prefix: str) -> str:
    if not prefix.startswith(LEAD_WORDS):  # (most prefixes: no regex call)
        return prefix
    stripped = _LEAD_RE.sub("", prefix, count=1)
    return stripped or prefix


def parse_doc_number(text: str) -> Optional[DocNumberInfo]:
    """Parse the first 发文字号 or 令 number in ``text``; brackets become 〔〕.

    >>> parse_doc_number("荆政办发〔2022〕16号")
    DocNumberInfo(text='荆政办发〔2022〕16号', prefix='荆政办发', year=2022, serial=16)
    >>> parse_doc_number("武政规[2021]18号").text
    '武政规〔2021〕18号'
    >>> parse_doc_number("广东省人民政府令第290号")
    DocNumberInfo(text='广东省人民政府令第290号', prefix='广东省人民政府令', year=None, serial=290)
    >>> parse_doc_number("第十四个五年规划") is None
    True
    """
    if not text:
        return None
    m = _PARSE_RE.search(text)
    if m is None:
        return None
    # (the groups in one call: prefix, year, di, serial | oprefix, oserial)
    prefix, year_digits, di, digits, oprefix, odigits = m.groups()
    if prefix:
        prefix = _strip_lead(prefix)
        year, serial = to_int(year_digits), to_int(digits)
        if year is None or serial is None:  # digits this Python cannot read (see to_int)
            return None
        # text as written, only the brackets normalised and spaces dropped
        return DocNumberInfo(f"{prefix}〔{year}〕{di}{digits}号", prefix, year, serial)
    prefix = _strip_lead(oprefix)
    serial = to_int(odigits)
    if serial is None:
        return None
    return DocNumberInfo(f"{prefix}第{odigits}号", prefix, None, serial)
