"""Amount extractor: (sentence → value, unit, value_normalized, comparator) rows.

Developed on the seed bulletins in ``samples/`` (政策措施 grants and caps);
every money trap of PEERS.md is a row.
"""

from __future__ import annotations

import pytest

from govdoc_extract.extract.amounts import extract
from govdoc_extract.extract.base import Context


make_ctx = Context.of_text


def run(text: str):
    ctx = make_ctx(text)
    return [(ctx.clean.text[d.start:d.end], d.fields["value"], d.fields["unit"], d.fields["value_normalized"],
             d.fields["comparator"]) for d in extract(ctx)]


CASES = [
    # --- bounds (PEERS.md: 最高不超过300万元 read as 'more than')
    ("zuigao-buchaoguo-is-upper", "单个医疗机构支持资金每年最高不超过300万元。",
     [("最高不超过300万元", 300, "万元", 3000000, "<=")]),
    ("budiyu-is-lower", "按照每年每个村卫生室不低于7000元标准。", [("不低于7000元", 7000, "元", 7000, ">=")]),
    ("plain-grant", "给予500万元资金支持。", [("500万元", 500, "万元", 5000000, "=")]),
    ("zuigao-with-verb", "获得临床试验批件的最高给予1000万元资金支持。", [("最高给予1000万元", 1000, "万元", 10000000, "<=")]),
    ("suffix-yishang", "对年营业收入5000万元以上的企业。", [("5000万元以上", 5000, "万元", 50000000, ">=")]),
    ("suffix-yixia", "对1亿元以下的项目。", [("1亿元以下", 1, "亿元", 100000000, "<=")]),
    ("tupo-is-greater", "产业规模突破1860亿元。", [("突破1860亿元", 1860, "亿元", 186000000000, ">")]),
    ("enumeration-inherits-bound", "单个产品分别给予最高200万元、1000万元资金支持。",
     [("最高200万元", 200, "万元", 2000000, "<="), ("1000万元", 1000, "万元", 10000000, "<=")]),
    # --- PEERS.md: 1860亿元 read as the year 1860
    ("yi-yuan-not-year", "全市生产总值达到1860亿元。", [("1860亿元", 1860, "亿元", 186000000000, "=")]),
    ("decimal-wan", "补助1.5万元。", [("1.5万元", 1.5, "万元", 15000, "=")]),
    ("chinese-numeral", "奖励五百万元。", [("五百万元", 500, "万元", 5000000, "=")]),
    ("foreign-currency-not-normalised", "实际使用外资1亿美元以上。", [("1亿美元以上", 1, "亿美元", None, ">=")]),
    # --- not money
    ("percent-jine-not-money", "应于当月15日前按上月完成产值×30%金额拨付人工费用。", []),
    ("erryuan-not-money", "破除城乡二元结构。", []),
    ("year-not-money", "纳入2022年财政预算。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_amount(text, expected):
    assert run(text) == expected


def test_range():
    ctx = make_ctx("给予100-300万元补助。")
    (d,) = list(extract(ctx))
    assert (d.fields["value"], d.fields["value_max"], d.fields["comparator"]) == (100, 300, "range")


def test_case_ids_unique():
    assert len({c[0] for c in CASES}) == len(CASES)


def test_huge_digit_run_is_not_money():
    assert run("1" * 3000 + "万元") == []
