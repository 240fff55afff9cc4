"""Full date parsing (values/dates.py)."""

import datetime

import pytest
import regex

from govdoc_extract.values.dates import FULL_DATE_RE, parse_full_date

D = datetime.date
ROWS = [
    ("2022年9月17日", D(2022, 9, 17)),
    ("2022 年 9 月 17 日", D(2022, 9, 17)),
    ("二〇二二年九月十七日", D(2022, 9, 17)),
    ("二○二一年十二月三十一日", D(2021, 12, 31)),
    ("2022-09-17", D(2022, 9, 17)),
    ("2022.9.17", D(2022, 9, 17)),
    ("2022/9/17", D(2022, 9, 17)),
    ("自2022年10月1日起施行", D(2022, 10, 1)),
    # traps: 文号, 期号, partial or impossible dates
    ("荆政办发〔2022〕16号", None),
    ("2022年第8-9期", None),
    ("2022年9月", None),
    ("2022年2月30日", None),
    ("12022.9.17", None),
    ("二〇三五年远景目标", None),
    ("第十四个五年规划", None),
    ("2022年9月17日至2022年10月1日", D(2022, 9, 17)),
    ("2022年09月07日", D(2022, 9, 7)),
    ("1.2022.9.1", None),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0] for r in ROWS])
def test_parse_full_date(text, expected):
    assert parse_full_date(text) == expected


def test_full_date_re_embeds():
    m = regex.search(rf"成文日期[：:](?:{FULL_DATE_RE})", "成文日期：2022年9月1日")
    assert m is not None
