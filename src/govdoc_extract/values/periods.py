"""Time expressions of 公文 deadlines: parsers and resolvers, no spans.

Covers the pieces that ``extract/deadlines.py`` finds (OUTPUT.md "deadline"):
years (2024 / 二〇二四), parts of a year (年底, 上半年, 一季度末), five-year plan
periods (“十四五” → 2021–2025), duration units (30日, 5个工作日, 24小时),
recurrence words (每月, 每季度, 每半年) and date arithmetic for 有效期.
Resolution is always against an explicit year or date: never ``today``
(dateparser's ``RELATIVE_BASE``; PEERS.md: 签订之日起30日内 resolved against today).

Sources: 党政机关公文处理工作条例 / GB/T 9704-2012 usage as seen in 政府公报
(施行/有效期 clauses of 规章 and 规范性文件, 规划 targets, 工作方案 完成时限 columns).
"""

from __future__ import annotations

import calendar
import datetime
from typing import Optional

from .numbers import cn_to_int, parse_number

Number = int | float

# Duration unit words → contract ``unit`` (longest match is taken by the finder).
# 个工作日 counts working days (劳动法 practice), 日/天 calendar days.
TIME_UNITS: dict[str, str] = {
    "小时": "hour", "个小时": "hour",
    "日": "day", "天": "day", "个自然日": "day", "自然日": "day",
    "个工作日": "workday", "工作日": "workday",
    "周": "week", "个星期": "week", "星期": "week",
    "个月": "month",
    "年": "year", "个年度": "year",
}

# Recurrence words → contract ``recurrence.freq``. 当月/次月 inside a rule
# (当月15日前拨付) mean "each month" (PEERS.md: 当月15日前 is not "15 days ago").
FREQUENCIES: dict[str, str] = {
    "每日": "daily", "每天": "daily",
    "每周": "weekly", "每星期": "weekly", "每个星期": "weekly",
    "每月": "monthly", "每个月": "monthly", "当月": "monthly", "次月": "monthly",
    "每季度": "quarterly", "每季": "quarterly", "每个季度": "quarterly",
    "每半年": "halfyearly",
    "每年": "yearly", "每年度": "yearly", "每个年度": "yearly",
}

# Parts of a year → (month, day) of their last day. 年内 = by the end of that year
# (OUTPUT.md: 年内 → 12-31 of the document's year).
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "年底": (12, 31), "年末": (12, 31), "年内": (12, 31), "年终": (12, 31),
    "上半年": (6, 30), "年中": (6, 30), "下半年": (12, 31),
    "一季度": (3, 31), "第一季度": (3, 31), "二季度": (6, 30), "第二季度": (6, 30),
    "三季度": (9, 30), "第三季度": (9, 30), "四季度": (12, 31), "第四季度": (12, 31),
}

_CN_YEAR_DIGITS = "〇○Ｏ零一二三四五六七八九"


def parse_year(text: str) -> Optional[int]:
    """Year from 4 Arabic or Chinese digits; None outside 1900–2100.

    >>> parse_year("2024"), parse_year("二〇三五"), parse_year("二零二二"), parse_year("1860")
    (2024, 2035, 2022, None)
    """
    text = text.strip()
    if len(text) != 4:
        return None
    if text.isdigit():
        y = int(text)
    elif all(c in _CN_YEAR_DIGITS for c in text):
        cy = cn_to_int(text.replace("○", "〇").replace("Ｏ", "〇"))
        if cy is None:
            return None
        y = cy
    else:
        return None
    return y if 1900 <= y <= 2100 else None


def parse_amount(text: str) -> Optional[Number]:
    """Amount of a duration: 30 / 三十 / 两.

    >>> parse_amount("30"), parse_amount("三十"), parse_amount("两"), parse_amount("十五")
    (30, 30, 2, 15)
    """
    v = parse_number(text)
    if v is None:
        v = cn_to_int(text)
    return v


def time_unit(word: str) -> Optional[str]:
    """Contract unit of a duration word.

    >>> time_unit("个工作日"), time_unit("日"), time_unit("小时"), time_unit("个月")
    ('workday', 'day', 'hour', 'month')
    """
    return TIME_UNITS.get(word)


def frequency(word: str) -> Optional[str]:
    """Recurrence frequency of 每月 / 当月 / 每季度 / 每半年 / 每年.

    >>> frequency("每月"), frequency("当月"), frequency("每季度"), frequency("每半年"), frequency("每年")
    ('monthly', 'monthly', 'quarterly', 'halfyearly', 'yearly')
    """
    return FREQUENCIES.get(word)


def month_end(year: int, month: int) -> datetime.date:
    """Last day of a month.

    >>> month_end(2024, 2), month_end(2023, 6)
    (datetime.date(2024, 2, 29), datetime.date(2023, 6, 30))
    """
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def year_part_end(year: int, part: str) -> Optional[datetime.date]:
    """Last day of 年底 / 上半年 / 三季度 … of ``year``.

    >>> year_part_end(2024, "年底"), year_part_end(2022, "上半年"), year_part_end(2023, "三季度")
    (datetime.date(2024, 12, 31), datetime.date(2022, 6, 30), datetime.date(2023, 9, 30))
    """
    md = YEAR_PARTS.get(part)
    if not md or not datetime.MINYEAR <= year <= datetime.MAXYEAR:  # (明年 of a --reference-date in 9999)
        return None
    return datetime.date(year, *md)


def five_year_plan(label: str) -> Optional[tuple[int, int]]:
    """First and last year of a 五年规划 period (“十四五” → 2021–2025).

    From the 6th plan (1981–1985) on, plans follow each other every five years;
    earlier ones (with the 1963–1965 adjustment gap) are not covered.

    >>> five_year_plan("十四五"), five_year_plan("十三五"), five_year_plan("十五五"), five_year_plan("五五")
    ((2021, 2025), (2016, 2020), (2026, 2030), None)
    """
    if not label.endswith("五"):
        return None
    n = cn_to_int(label[:-1])
    if n is None or n < 6 or n > 30:
        return None
    start = 1981 + 5 * (n - 6)
    return start, start + 4


def add_duration(start: datetime.date, amount: int, unit: str) -> Optional[datetime.date]:
    """``start`` moved by ``amount`` calendar units (day, week, month, year); month ends clamp.

    >>> add_duration(datetime.date(2022, 10, 1), 2, "year"), add_duration(datetime.date(2024, 2, 29), 1, "year")
    (datetime.date(2024, 10, 1), datetime.date(2025, 2, 28))
    >>> add_duration(datetime.date(2022, 1, 31), 1, "month"), add_duration(datetime.date(2022, 1, 1), 30, "day")
    (datetime.date(2022, 2, 28), datetime.date(2022, 1, 31))
    >>> add_duration(datetime.date(2022, 1, 1), 8000, "year") is None  # beyond the calendar: no date
    True
    """
    try:
        if unit == "day":
            return start + datetime.timedelta(days=amount)
        if unit == "week":
            return start + datetime.timedelta(weeks=amount)
        if unit in ("month", "year"):
            months = amount * (12 if unit == "year" else 1)
            y, m = divmod(start.month - 1 + months, 12)
            y += start.year
            return datetime.date(y, m + 1, min(start.day, calendar.monthrange(y, m + 1)[1]))
    except (OverflowError, ValueError):  # before year 1 or after 9999
        return None
    return None  # hours and working days need a calendar: not resolved


def validity_end(effective: datetime.date, amount: Number, unit: str) -> Optional[datetime.date]:
    """Last day of a 有效期 of ``amount`` ``unit`` starting on ``effective`` (inclusive).

    >>> validity_end(datetime.date(2022, 10, 1), 2, "year"), validity_end(datetime.date(2022, 3, 1), 5, "year")
    (datetime.date(2024, 9, 30), datetime.date(2027, 2, 28))
    """
    if not isinstance(amount, int) and not float(amount).is_integer():
        return None
    end = add_duration(effective, int(amount), unit)
    return end - datetime.timedelta(days=1) if end and end > datetime.date.min else None
