"""Time-expression parsers and resolvers (values/periods.py): table rows with ids."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, strategies as st

from govdoc_extract.values.periods import (
    FREQUENCIES,
    TIME_UNITS,
    YEAR_PARTS,
    add_duration,
    five_year_plan,
    frequency,
    month_end,
    parse_amount,
    parse_year,
    time_unit,
    validity_end,
    year_part_end,
)
from govdoc_extract.values.numbers import int_to_cn

D = datetime.date

YEARS = [
    ("2024", 2024), ("二〇二五", 2025), ("二零二二", 2022), ("二○二一", 2021), ("二〇三五", 2035),
    ("1860", None),  # PEERS: 1860亿元 is not a year
    ("2022年", None), ("202", None), ("一二三四", None), ("十四五", None),
]


@pytest.mark.parametrize("text,expected", YEARS, ids=[y[0] for y in YEARS])
def test_parse_year(text, expected):
    assert parse_year(text) == expected


PLANS = [("十四五", (2021, 2025)), ("十三五", (2016, 2020)), ("十五五", (2026, 2030)), ("六五", (1981, 1985)),
         ("五五", None), ("十四", None), ("第十四个五年", None)]


@pytest.mark.parametrize("label,expected", PLANS, ids=[p[0] for p in PLANS])
def test_five_year_plan(label, expected):
    assert five_year_plan(label) == expected


@pytest.mark.parametrize("n", range(6, 21))
def test_five_year_plans_follow_each_other(n):
    a, b = five_year_plan(int_to_cn(n) + "五"), five_year_plan(int_to_cn(n + 1) + "五")
    assert b[0] == a[1] + 1 and a[1] - a[0] == 4


VALIDITY = [
    ("2y-from-oct", D(2022, 10, 1), 2, "year", D(2024, 9, 30)),
    ("5y-from-mar", D(2022, 3, 1), 5, "year", D(2027, 2, 28)),
    ("5y-from-mar-leap", D(2023, 3, 1), 5, "year", D(2028, 2, 29)),
    ("12-months", D(2022, 1, 1), 12, "month", D(2022, 12, 31)),
    ("3-months-clamped", D(2022, 11, 30), 3, "month", D(2023, 2, 27)),
    ("workday-unresolved", D(2022, 1, 1), 5, "workday", None),
    ("fraction-unresolved", D(2022, 1, 1), 1.5, "year", None),
]


@pytest.mark.parametrize("cid,start,amount,unit,expected", VALIDITY, ids=[v[0] for v in VALIDITY])
def test_validity_end(cid, start, amount, unit, expected):
    assert validity_end(start, amount, unit) == expected


def test_add_duration_leap_day_clamps():
    assert add_duration(D(2024, 2, 29), 1, "year") == D(2025, 2, 28)
    assert add_duration(D(2022, 1, 31), 1, "month") == D(2022, 2, 28)
    assert add_duration(D(2022, 1, 1), 2, "week") == D(2022, 1, 15)
    assert add_duration(D(2022, 1, 1), 3, "hour") is None


PARTS = [("年底", D(2024, 12, 31)), ("年末", D(2024, 12, 31)), ("年内", D(2024, 12, 31)),
         ("上半年", D(2024, 6, 30)), ("下半年", D(2024, 12, 31)), ("三季度", D(2024, 9, 30)), ("月底", None)]


@pytest.mark.parametrize("part,expected", PARTS, ids=[p[0] for p in PARTS])
def test_year_part_end(part, expected):
    assert year_part_end(2024, part) == expected


def test_year_parts_are_real_dates():
    for part, (m, d) in YEAR_PARTS.items():
        assert D(2023, m, d) == month_end(2023, m), part


@pytest.mark.parametrize("word,unit", [("日", "day"), ("天", "day"), ("个工作日", "workday"), ("工作日", "workday"),
                                       ("小时", "hour"), ("个月", "month"), ("年", "year"), ("周", "week"),
                                       ("分钟", None)])
def test_time_unit(word, unit):
    assert time_unit(word) == unit


@pytest.mark.parametrize("word,freq", [("每月", "monthly"), ("当月", "monthly"), ("每季度", "quarterly"),
                                       ("每半年", "halfyearly"), ("每年", "yearly"), ("每周", "weekly"),
                                       ("每日", "daily"), ("年均", None)])
def test_frequency(word, freq):
    assert frequency(word) == freq


def test_tables_use_contract_literals():
    from typing import get_args

    from govdoc_extract.models import Freq, TimeUnit

    assert set(TIME_UNITS.values()) <= set(get_args(TimeUnit))
    assert set(FREQUENCIES.values()) <= set(get_args(Freq))


@pytest.mark.parametrize("text,value", [("30", 30), ("三十", 30), ("两", 2), ("十五", 15), ("一", 1)])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


# --------------------------------------------------------------------------- date arithmetic at the calendar's ends


@given(st.dates(), st.integers(-10**6, 10**6), st.sampled_from(["day", "week", "month", "year", "hour", "workday"]))
def test_date_arithmetic_gives_a_date_or_none_never_an_error(start, amount, unit):
    """Amounts come from the text (有效期8000年): past year 9999 there is no date, not an exception."""
    end = add_duration(start, amount, unit)
    assert end is None or isinstance(end, datetime.date)
    if unit == "day":
        try:
            want = start + datetime.timedelta(days=amount)
        except OverflowError:
            want = None
        assert end == want
    last = validity_end(start, amount, unit)
    assert last is None or (end is not None and last == end - datetime.timedelta(days=1))
