"""Chinese numerals, mixed numbers and ranges (``values/numbers.py``).

Paired value ↔ numeral tables in the manner of cn2an's ``an2cn_test.py`` /
``cn2an_test.py``, plus Hypothesis round trips over 0…9999. PEERS.md traps
(十四五 → 55, 二〇三五 → 1935, 一、 → 1、, 进一步 → 进1步) are rows here.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdoc_extract.values.numbers import (
    CN_DIGITS,
    cn_to_int,
    int_to_cn,
    parse_number,
    parse_range,
)

CN_CASES = [
    # (numeral, value, why)
    ("零", 0, "zero"),
    ("〇", 0, "ideographic zero"),
    ("○", 0, "white circle used as zero in dates"),
    ("一", 1, "digit"),
    ("两", 2, "两 is two (两年, 两个)"),
    ("九", 9, "digit"),
    ("十", 10, "bare 十"),
    ("十二", 12, "十二 = 10 + 2"),
    ("二十", 20, "二十 = 2 × 10 (not 12)"),
    ("一十二", 12, "explicit 一十"),
    ("二十五", 25, "tens and units"),
    ("九十九", 99, "largest two-digit"),
    ("一百", 100, "hundred"),
    ("一百零五", 105, "零 marks a skipped place"),
    ("一百〇五", 105, "〇 as the skipped place"),
    ("一百一十", 110, "一十 after 百"),
    ("一百十", 110, "bare 十 after 百"),
    ("两百", 200, "两 before 百"),
    ("二百五", 250, "abbreviated: the last digit counts in the next lower place"),
    ("二百零五", 205, "with 零 it is units"),
    ("三千五", 3500, "abbreviated thousands"),
    ("三千零五", 3005, "零 skips two places"),
    ("一千零一十", 1010, "零 then 一十"),
    ("两千零二十二", 2022, "a year written positionally"),
    ("九千九百九十九", 9999, "largest four-digit"),
    ("一万五", 15000, "abbreviated after 万"),
    ("三万五千", 35000, "万 section"),
    ("一百二十三万", 1230000, "hundreds of 万"),
    ("三亿五千万", 350000000, "亿 and 万"),
    ("二〇三五", 2035, "PEERS trap: digit-by-digit year, not 1935"),
    ("二〇二二", 2022, "digit-by-digit year"),
    ("二○二二", 2022, "white circle zero in a year"),
    ("壹佰", 100, "financial numerals"),
]

NOT_NUMBERS = [
    # (text, why)
    ("十四五", "PEERS trap: the 14th five-year plan, not 55 or 145"),
    ("十十", "a unit after the same unit"),
    ("两两", "两 cannot start a digit string"),
    ("万", "a bare 万"),
    ("亿", "a bare 亿"),
    ("一、", "PEERS trap: a heading marker, not 1"),
    ("进一步", "PEERS trap: not a numeral"),
    ("", "empty"),
]


@pytest.mark.parametrize("text,value,why", CN_CASES, ids=[c[0] for c in CN_CASES])
def test_cn_to_int(text, value, why):
    assert cn_to_int(text) == value, why


@pytest.mark.parametrize("text,why", NOT_NUMBERS, ids=[c[0] or "empty" for c in NOT_NUMBERS])
def test_not_a_numeral(text, why):
    assert cn_to_int(text) is None, why


def test_no_duplicate_cases():
    keys = [c[0] for c in CN_CASES] + [c[0] for c in NOT_NUMBERS]
    assert len(keys) == len(set(keys))


WRITE_CASES = [
    # (value, numeral) — the writer's canonical form; 十二 vs 二十 both ways
    (0, "零"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (2022, "二千零二十二"),
    (9999, "九千九百九十九"),
]


@pytest.mark.parametrize("value,numeral", WRITE_CASES, ids=[str(c[0]) for c in WRITE_CASES])
def test_int_to_cn(value, numeral):
    assert int_to_cn(value) == numeral
    assert cn_to_int(numeral) == value


def test_every_value_round_trips():
    """The whole range 零 … 九千九百九十九, generated, never typed by hand."""
    assert [cn_to_int(int_to_cn(n)) for n in range(10_000)] == list(range(10_000))


@given(st.integers(min_value=0, max_value=9999))
def test_round_trip_property(n):
    assert cn_to_int(int_to_cn(n)) == n


@given(st.integers(min_value=0, max_value=9999))
def test_zero_characters_are_interchangeable(n):
    cn = int_to_cn(n)
    for z in "〇○":
        assert cn_to_int(cn.replace("零", z)) == n


@given(st.integers(min_value=2, max_value=9), st.sampled_from(["百", "千"]))
def test_liang_before_a_unit(d, unit):
    value = {"百": 100, "千": 1000}[unit]
    assert cn_to_int(f"两{unit}") == 2 * value
    assert cn_to_int(f"{int_to_cn(d)}{unit}") == d * value


@given(st.integers(min_value=1000, max_value=2999))
def test_digit_by_digit_years(year):
    digits = "〇一二三四五六七八九"
    assert cn_to_int("".join(digits[int(c)] for c in str(year))) == year


def test_digit_table_is_complete():
    assert [CN_DIGITS[c] for c in "零一二三四五六七八九"] == list(range(10))


PARSE_CASES = [
    # (text, value, why)
    ("12", 12, "Arabic"),
    ("１２", 12, "full-width digits are digits"),
    ("1,234.5", 1234.5, "thousands separator"),
    ("0.2", 0.2, "decimal"),
    ("1.54", 1.54, "PEERS trap: a decimal, not a heading"),
    ("1.5万", 15000, "mixed: 1.5万"),
    ("3千", 3000, "mixed: 3千"),
    ("十二", 12, "Chinese"),
    ("三", 3, "Chinese digit"),
    ("abc", None, "not a number"),
    ("", None, "empty"),
]


@pytest.mark.parametrize("text,value,why", PARSE_CASES, ids=[c[0] or "empty" for c in PARSE_CASES])
def test_parse_number(text, value, why):
    assert parse_number(text) == value, why


RANGE_CASES = [
    ("2-3", (2, 3), "hyphen"),
    ("1—2", (1, 2), "em dash"),
    ("10～20", (10, 20), "full-width tilde"),
    ("5至8", (5, 8), "至"),
    ("3-2", None, "a descending pair is not a range"),
    ("5", None, "a single number"),
]


@pytest.mark.parametrize("text,want,why", RANGE_CASES, ids=[c[0] for c in RANGE_CASES])
def test_parse_range(text, want, why):
    assert parse_range(text) == want, why
