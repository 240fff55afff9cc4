"""Full calendar dates (成文日期 and the like): finding pattern and parser.

成文日期 is written with Arabic numerals (GB/T 9704-2012 §7.3.5.1: 2022年9月17日);
older texts and 令 use Chinese numerals (二〇二二年九月十七日). PDF extraction
adds spaces (2022 年 9 月 17 日) and some tables use 2022-09-17 / 2022.9.17.
"""

from __future__ import annotations

import datetime
from typing import Optional

from ..text import rx
from .numbers import cn_to_int

# Chinese digits for a year written digit by digit (二〇二二); 〇/○/Ｏ/零 are zero.
CN_YEAR_DIGITS = "〇○Ｏ零一二三四五六七八九"
CN_SMALL = "一二三四五六七八九十"

_S = r"\s{0,2}"
_ARABIC_CN = rf"(?<!\d)(?:19|20)\d{{2}}{_S}年{_S}\d{{1,2}}{_S}月{_S}\d{{1,2}}{_S}[日号]"
_CHINESE = rf"[{CN_YEAR_DIGITS}]{{4}}{_S}年{_S}[{CN_SMALL}]{{1,2}}{_S}月{_S}[{CN_SMALL}]{{1,3}}{_S}日"
# 2022-09-17 / 2022.9.17 / 2022/9/17 — same separator twice, not inside a longer number.
_NUMERIC = r"(?<![\d.])(?:19|20)\d{2}([-./])\d{1,2}\1\d{1,2}(?![\d.])"

# Regex *string* for embedding in other patterns (one numbered group, in _NUMERIC).
FULL_DATE_RE = f"{_ARABIC_CN}|{_CHINESE}|{_NUMERIC}"

_PARTS_RE = rx.compile(
    rf"(?P<y>\d{{4}}|[{CN_YEAR_DIGITS}]{{4}}){_S}(?:年|[-./]){_S}(?P<m>\d{{1,2}}|[{CN_SMALL}]{{1,2}}){_S}"
    rf"(?:月|[-./]){_S}(?P<d>\d{{1,2}}|[{CN_SMALL}]{{1,3}})"
)
_FULL_RE = rx.compile(FULL_DATE_RE)


def _num(s: str) -> Optional[int]:
    return int(s) if s.isdigit() else cn_to_int(s)


def parse_full_date(text: str) -> Optional[datetime.date]:
    """Parse the first full date in ``text`` (None if absent or impossible).

    >>> parse_full_date("2022年9月17日"), parse_full_date("二〇二二年九月十七日")
    (datetime.date(2022, 9, 17), datetime.date(2022, 9, 17))
    >>> parse_full_date("2022 年 9 月 17 日"), parse_full_date("2022.9.17")
    (datetime.date(2022, 9, 17), datetime.date(2022, 9, 17))
    >>> parse_full_date("〔2022〕16号") is None, parse_full_date("2022年2月30日") is None
    (True, True)
    """
    if not text:
        return None
    m = _FULL_RE.search(text)
    if m is None:
        return None
    p = _PARTS_RE.match(text, m.start(), m.end())  # (the match's range: no slice; the pattern looks at nothing around it)
    if p is None:  # pragma: no cover - FULL_DATE_RE and _PARTS_RE agree
        return None
    ys, ms, ds = p.groups()
    y, mo, d = _num(ys), _num(ms), _num(ds)
    if y is None or mo is None or d is None:
        return None
    try:
        return datetime.date(y, mo, d)
    except ValueError:
        return None
