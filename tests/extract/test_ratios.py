"""Ratios (OUTPUT.md "ratio"): percent, permille, a:b, multipliers and percentage points.

Rules developed on the five seed bulletins; rows are short sentences of our own
or quoted from ``samples/``. PEERS.md traps are rows: 30%金额 is not money,
1:1 is not a clock time, 5个百分点 is not 5%.
"""

from __future__ import annotations

import pytest

from govdoc_extract.extract.base import Block, Context, Table
from govdoc_extract.extract.ratios import extract
from govdoc_extract.segment.types import Cell, DocumentNode
from govdoc_extract.text.offsets import CleanText


def run(text: str, tables: tuple = ()) -> list[dict]:
    ctx = Context.of_text(text, clean=False, tables=tables)
    return [dict(d.fields, text=text[d.start:d.end], rule=d.rule) for d in extract(ctx)]


# (id, sentence, expected (value, form, comparator, parts) per ratio, why)
CASES = [
    # -- percent and its bound
    ("percent-plain", "四类医疗救助对象救助比例为50%。", [(0.5, "percent", "=", None)], "a rate rule"),
    ("percent-floor", "软件和信息服务业营业收入年均增幅达到10%以上。", [(0.1, "percent", ">=", None)], "达到…以上"),
    ("percent-cap", "城镇登记失业率控制在5%以内。", [(0.05, "percent", "<=", None)], "控制在…以内"),
    ("percent-strict", "城镇调查失业率低于6%，合格人数比例超过95%。",
     [(0.06, "percent", "<", None), (0.95, "percent", ">", None)], "低于/超过 are strict"),
    ("percent-far-bound", "原则上不得超过编制床位的110%。", [(1.1, "percent", "<=", None)], "不得超过 X 的 N%"),
    ("percent-list", "基本药物配备品种数量占比不低于90%、80%、60%。",
     [(0.9, "percent", ">=", None), (0.8, "percent", ">=", None), (0.6, "percent", ">=", None)], "list shares the bound"),
    ("percent-list-rates", "一类至三类风险行业的基准费率分别为0.2%、0.4%、0.7%。",
     [(0.002, "percent", "=", None), (0.004, "percent", "=", None), (0.007, "percent", "=", None)], "small rates"),
    ("percent-chinese", "补助资金的百分之三十用于设备购置。", [(0.3, "percent", "=", None)], "百分之三十"),
    ("percent-money-trap", "确保应付工程款30%金额划拨至专用账户。", [(0.3, "percent", "=", None)],
     "PEERS trap: 30%金额 is a share, not 30元"),
    # -- permille
    ("permille", "人口献血率达到15‰。", [(0.015, "permille", "=", None)], "‰"),
    # -- a:b
    ("colon-ratio", "其余部分由市、区人民政府按照1:1的比例负担。", [(1, "ratio", "=", [1, 1])], "1:1的比例"),
    ("colon-uneven", "应与该地政府按8:2比例分担。", [(4, "ratio", "=", [8, 2])], "8:2 → 4.0"),
    ("colon-clock", "会议于10:30召开。", [], "PEERS trap: a clock time is not a ratio"),
    # -- multipliers
    ("times-percent", "应于当月15日前按上月完成产值×30%拨付人工费用。", [(0.3, "multiplier", "=", None)], "×30%"),
    ("times", "投资规模达到上年的3倍。", [(3, "multiplier", "=", None)], "3倍"),
    # -- percentage points
    ("points", "儿童青少年总体近视率每年降低0.5个百分点以上。", [(0.005, "percentage_point", ">=", None)],
     "PEERS trap: 个百分点 is never percent"),
    ("points-five", "比重提高5个百分点。", [(0.05, "percentage_point", "=", None)], "5个百分点 → 0.05"),
    ("fraction", "经三分之二以上委员同意。", [(0.6666666667, "ratio", ">=", [2, 3])], "三分之二 → 2/3"),
    # -- not ratios
    ("five-g", "建设5G全连接工厂，部署IPv6。", [], "5G is not a number of anything"),
    ("header-percent", "城镇登记失业率(%)", [], "a (%) without a number"),
]


@pytest.mark.parametrize("text,want,why", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_ratios(text, want, why):
    got = [(r["value"], r["form"], r["comparator"], r["parts"]) for r in run(text)]
    assert got == want, why


def test_no_duplicate_ids():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_year_and_subject():
    (r,) = run("“十四五”期间，城镇登记失业率控制在5%以内。")
    assert r["year"] == 2025 and r["subject"] == "城镇登记失业率"
    (r,) = run("PM2.5平均浓度比2015年下降43.3%。")
    assert r["year"] is None, "比2015年 is a comparison base, not a due year"


def test_percent_targets_of_indicator_tables_are_ratios():
    lines = ["类别\t指标\t2020年\t2025年目标值", "健康水平\t婴儿死亡率(%)\t1.54\t≤5", "人均期望寿命(岁)\t79.23\t79.5"]
    rows, pos = [], 0
    for line in lines:
        cells, i = [], pos
        for part in line.split("\t"):
            cells.append(Cell(part, i, i + len(part)))
            i += len(part) + 1
        rows.append(tuple(cells))
        pos += len(line) + 1
    got = run("\n".join(lines), (Table(None, tuple(rows)),))
    assert [(r["value"], r["comparator"], r["year"], r["subject"]) for r in got] == [(0.05, "<=", 2025, "婴儿死亡率")]


def test_targets_and_ratios_share_year_marks_per_document_only():
    """Year marks found by targets are read again by ratios through the document's Context,
    and a new document starts empty (no module-level cache carries a paragraph over)."""
    from govdoc_extract.extract import targets

    text = "到2025年，全市经常参加体育锻炼人数比例达到40%以上。"
    ctx = Context(CleanText.identity(text), DocumentNode(0, len(text), 0), (Block(0, len(text), text, None),), (), None)
    list(targets.extract(ctx))
    memo = ctx.shared["paragraph_years"]
    marks = memo[text]
    assert marks and marks[0][1] == 2025
    (ratio,) = [d.fields for d in extract(ctx)]
    assert ratio["year"] == 2025
    assert ctx.shared["paragraph_years"][text] is marks  # read again, not recomputed
    other = Context(ctx.clean, ctx.document, ctx.blocks, (), None)
    assert other.shared == {} and targets.parsed_tables(other) == []


@pytest.mark.parametrize("line", [
    "增长5%", "５％", "千分之三", "5‰", "1∶1", "3倍", "三分之一", "提高2个百分点", "按8:2比例", "1 ： 2",
    "1:\U00010d40",  # an astral digit: ``regex`` reads it as \d, ``re`` does not
    "一是：加强", "部分地区", "分别为", "百分比", "时间：2024年",
])
def test_line_gate_passes_every_line_with_a_ratio_match(line):
    from govdoc_extract.extract.ratios import _RATIO_LINE, RATIO

    if RATIO.search(line):
        assert _RATIO_LINE.search(line), line
    assert not _RATIO_LINE.search("一是：加强部分地区分别为百分比")  # the gate does pass fewer lines


# The stdlib twin of RATIO runs on text without astral characters: the same
# matches, with the same groups. Characters that matter to the patterns, odd spaces and digits,
# then any BMP character.
_NEAR = ("0123456789０１.．,，%％‰∶:：×xX*＊倍个百分点千之零〇一二三四五六七八九十两以上下内左右不低于超过达到"
         "的比例按为年月日A \u3000\t\x1c\x1f\xa0\u2028٣")


def _twin_lines():
    from hypothesis import strategies as st

    return st.text(st.one_of(st.sampled_from(_NEAR), st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",))),
                   max_size=30)


def test_twins_find_what_their_patterns_find():
    from hypothesis import given

    from govdoc_extract.extract.ratios import RATIO
    from govdoc_extract.text.rx import bmp_twin

    @given(_twin_lines())
    def check(line):
        a = [(m.span(), m.groups()) for m in RATIO.finditer(line)]
        assert a == [(m.span(), m.groups()) for m in bmp_twin(RATIO).finditer(line)], line

    check()


def test_twins_on_the_seed_lines():
    from pathlib import Path

    from govdoc_extract.extract.ratios import RATIO
    from govdoc_extract.text.rx import bmp_twin

    root = Path(__file__).resolve().parents[2] / "samples"
    for path in sorted(root.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        a = [(m.span(), m.groups()) for m in RATIO.finditer(text)]
        assert a == [(m.span(), m.groups()) for m in bmp_twin(RATIO).finditer(text)]


# _matches tries RATIO only in the number runs before a sign: it finds what a search of the
# whole text finds, with either engine (astral digits and spaces included).
def _same_matches(line: str) -> None:
    from govdoc_extract.extract.ratios import RATIO, _matches

    found = [(m.span(), m.groups()) for m in _matches(line)]
    assert found == [(m.span(), m.groups()) for m in RATIO.finditer(line)], line


def test_sign_runs_see_every_match():
    from hypothesis import given, strategies as st

    astral = st.sampled_from("\U0001d7d3\U00010d40\U00020000")  # astral digits, a Han character
    given(st.text(st.one_of(st.sampled_from(_NEAR), astral, st.characters(exclude_categories=("Cs",))),
                  max_size=40))(_same_matches)()


@pytest.mark.parametrize("line", [
    "增长5%，其中1:2的比例", "３０％以上", "×30%", "x 5 %", "百分之三十和千分之五", "三分之一", "提高2个百分点",
    "1 ： 2的比例", "1,234.5%", "5%5%", "1:2:3比例", "时间：2024年", "1" * 300 + "%", "一" * 50 + "倍",
    "\U0001d7d3%", "1:\U0001d7d3的比例", "达到 \u3000 38.5 ‰以上",
])
def test_sign_runs_on_drawn_lines(line):
    _same_matches(line)


def test_sign_runs_on_the_seed_lines():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "samples"
    for path in sorted(root.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            _same_matches(line)
