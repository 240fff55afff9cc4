"""Unit table: scaled units normalise to their base, counters do not, rates are fractions."""

import pytest

from govdoc_extract.values.units import RATE_UNITS, UNITS, is_unit, normalize, rate_factor

CASES = [
    # (value, unit, value_normalized, unit_base, why)
    (110, "万人", 1100000, "人", "万 multiplies by 1e4"),
    (100, "亿元", 10000000000, "元", "亿 multiplies by 1e8"),
    (3000, "万个", 30000000, "个", "万个 from 标识注册量"),
    (5000, "万次", 50000000, "次", "万次"),
    (1.25, "万人", 12500, "人", "decimal values"),
    (2.35, "万个", 23500, "个", "decimal values"),
    (5, "家", None, None, "a plain counter is its own base"),
    (5, "%", None, None, "a rate is not a count"),
    (3, "unknown", None, None, "unknown unit"),
]


@pytest.mark.parametrize("value,unit,norm,base,why", CASES, ids=[f"{c[0]}{c[1]}" for c in CASES])
def test_normalize(value, unit, norm, base, why):
    assert normalize(value, unit) == (norm, base), why


@pytest.mark.parametrize("unit,factor", [("%", 0.01), ("‰", 0.001), ("/10万", 1e-5), ("个百分点", 0.01), ("家", None)])
def test_rate_factor(unit, factor):
    assert rate_factor(unit) == factor


def test_generated_scales_cover_every_counter():
    for c in ("家", "个", "张", "名", "人", "所", "项", "次", "件"):
        assert UNITS["万" + c] == (1e4, c)
        assert UNITS["亿" + c] == (1e8, c)


def test_time_words_are_not_units():
    for t in ("年", "月", "日", "天", "小时", "个月"):
        assert t not in UNITS and t not in RATE_UNITS


def test_is_unit_reads_parenthesised_units():
    assert is_unit("万人") and is_unit("%") and is_unit("/10万") and not is_unit("含中医医院")
