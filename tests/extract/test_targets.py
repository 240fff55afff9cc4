"""Targets (OUTPUT.md "target"): sentences and indicator tables.

Rules developed on the five seed bulletins (荆州, 石首, 随州, 武汉 公报 and a
荆州 规划纲要); the rows below are the phenomena, written as short sentences of
our own or quoted from ``samples/``. Every row can fail on its own.
"""

from __future__ import annotations

import pytest

from govdoc_extract.extract.base import Context, Table
from govdoc_extract.extract.targets import extract, parse_table
from govdoc_extract.segment.types import Cell


def run(text: str, tables: tuple = ()) -> list[dict]:
    """Targets of ``text`` read as one document whose lines are paragraphs."""
    ctx = Context.of_text(text, clean=False, tables=tables)
    out = []
    for d in extract(ctx):
        f = dict(d.fields)
        f["text"] = text[d.start:d.end]
        f["rule"] = d.rule
        out.append(f)
    return out


# (id, sentence, expected targets as (indicator substring, value, unit, comparator, year) tuples, why)
SENTENCES = [
    # -- a quantity with its noun after it; one target per quantity
    ("after-two", "力争到2024年，培育3家以上国家级工业互联网平台、8家以上省级工业互联网平台。",
     [("国家级工业互联网平台", 3, "家", ">=", 2024), ("省级工业互联网平台", 8, "家", ">=", 2024)],
     "two clauses, two targets; year from 力争到2024年"),
    ("after-list", "建成5个国家级重点专科、50个省级重点专科。",
     [("国家级重点专科", 5, "个", "=", None), ("省级重点专科", 50, "个", "=", None)], "plain count"),
    # -- indicator before the number
    ("before-wan", "“十四五”期间，全市城镇新增就业110万人以上，城镇登记失业率控制在5%以内。",
     [("城镇新增就业", 110, "万人", ">=", 2025), ("城镇登记失业率", 5, "%", "<=", 2025)],
     "“十四五”期间 → 2025; 控制在…以内 → <="),
    ("lower-than", "城镇调查失业率低于6%。", [("城镇调查失业率", 6, "%", "<", None)], "低于 is strict"),
    ("reach-wan-ge", "力争到2024年，标识注册量达到3000万个以上，标识解析量突破5000万次。",
     [("标识注册量", 3000, "万个", ">=", 2024), ("标识解析量", 5000, "万次", ">", 2024)], "突破 → >"),
    ("money-goal", "到2025年，全市体育产业年产值突破100亿元大关。",
     [("体育产业年产值", 100, "亿元", ">", 2025)], "money after a goal verb; 大关 is not the indicator"),
    # -- ranges
    ("range-dash", "每年至少承办1—2项国家级羽毛球赛事。", [("国家级羽毛球赛事", 1, "项", "range", None)], "1—2项"),
    ("range-hyphen", "每年为卫健系统解决1-2个具体问题。", [("具体问题", 1, "个", "range", None)], "1-2个"),
    ("range-percent", "到2025年，进出口总额年均增速15%—20%。", [("进出口总额年均增速", 15, "%", "range", 2025)],
     "a percent range is one target"),
    ("year-vs-base", "到2025年，单位地区生产总值能耗比2020年下降13.5%，PM2.5平均浓度控制在30微克/立方米以下。",
     [("单位地区生产总值能耗", 13.5, "%", "=", 2025), ("PM2.5平均浓度", 30, "微克/立方米", "<=", 2025)],
     "比2020年 is a comparison base; concentration units"),
    ("list-after-prev", "培育省级专精特新中小企业1000家以上、国家级专精特新“小巨人”企业100家以上。",
     [("省级专精特新中小企业", 1000, "家", ">=", None), ("国家级专精特新“小巨人”企业", 100, "家", ">=", None)],
     "the second indicator starts after the first quantity"),
    ("life-expectancy", "到2025年，人均预期寿命达到79岁，建设高标准农田500万亩。",
     [("人均预期寿命", 79, "岁", "=", 2025), ("高标准农田", 500, "万亩", "=", 2025)], "岁 with 寿命; 万亩"),
    # -- year inherited from the paragraph's earlier sentence
    ("year-inherit", "到2023年，建成3个重大科技基础设施。获批4个国家创新中心。",
     [("重大科技基础设施", 3, "个", "=", 2023), ("国家创新中心", 4, "个", "=", 2023)], "year carries on"),
    ("year-in-clause", "2023年优质服务基本标准达到90%以上，2024年优质服务推荐标准达到30%以上。",
     [("优质服务基本标准", 90, "%", ">=", 2023), ("优质服务推荐标准", 30, "%", ">=", 2024)], "each clause its year"),
    # -- enumerated values share the bound
    ("enum-bound", "基本药物配备品种数量占比不低于90%、80%、60%。",
     [("基本药物配备品种数量占比", 90, "%", ">=", None), ("基本药物配备品种数量占比", 80, "%", ">=", None),
      ("基本药物配备品种数量占比", 60, "%", ">=", None)], "不低于 applies to the whole list"),
    # -- cumulative
    ("cumulative", "力争到2024年，5G基站建设规模累计达到10000个以上。",
     [("5G基站建设规模", 10000, "个", ">=", 2024)], "累计 → cumulative"),
    # -- 其中 part of the previous target
    ("qizhong", "力争2025年底前引进培育青年医学人才20名（其中市人民医院不低于8人）。",
     [("青年医学人才", 20, "名", "=", 2025), ("市人民医院", 8, "人", ">=", 2025)], "其中 → a scoped part"),
    # -- not targets
    ("past-fact", "截至2020年底，全市共有医疗卫生机构3012个，其中医院69个。", [], "statement of past fact"),
    ("past-section", "(一) 发展现状。“十三五”时期，服务能力稳步提升。医疗卫生机构床位数3.42万张。", [], "review section"),
    ("cap-money", "门诊慢特病救助与住院救助共用年度限额8万元，单个产品最高不超过300万元。", [], "rules fixing a cap"),
    ("rate-rule", "一类医疗救助对象救助比例为100%；二类医疗救助对象救助比例为70%。", [], "a rate rule: ratio only"),
    ("subsidy", "对选择400元标准缴费的，补贴标准为每人每年45元。", [], "a subsidy standard"),
    ("definition", "重大火灾事故：指造成10人以上30人以下死亡的火灾。", [], "a definition"),
    ("commendation", "决定对欧江稳等32名技术状元予以表彰。", [], "commendation list"),
    ("fixed-phrase", "增强“四个意识”，坚定“四个自信”，落实三项制度。", [], "numerals in fixed phrases"),
    ("time-units", "施工总承包单位应当在合同签订之日起30日内开立账户，不足1个月的，于1个工作日内上传。", [], "time is not a count"),
    ("denominator", "工矿商贸从业人员10万人生产安全事故死亡率进一步下降。", [], "10万人 is a rate denominator"),
    ("age-range", "推动65岁以上老年人、0-6岁儿童的电子健康档案开放。", [], "ages describe people"),
    ("list-index", "01人社大数据应用平台建设。建设02人力资源服务业高质量发展行动计划。", [], "list numbers"),
    ("condition", "支持服务人口超过5万人的基层医疗卫生机构建设康复科室。", [], "超过5万人的…: a condition"),
    ("no-numeral-words", "进一步提升服务能力，以防万一，一体推进。", [], "PEERS trap: 进一步/万一 are words, not numbers"),
    ("fyp-not-55", "“十四五”期末，力争创建2个国家级重点专科。", [("国家级重点专科", 2, "个", "=", 2025)],
     "PEERS trap: 十四五 is the plan (→ 2025), not 55"),
    ("year-not-number", "全市社会消费品零售总额达到1860亿元。", [("社会消费品零售总额", 1860, "亿元", "=", None)],
     "PEERS trap: 1860亿元 is money, not the year 1860"),
]


@pytest.mark.parametrize("text,want,why", [c[1:] for c in SENTENCES], ids=[c[0] for c in SENTENCES])
def test_sentence_targets(text, want, why):
    got = run(text)
    assert len(got) == len(want), (why, got)
    for g, (ind, value, unit, comp, year) in zip(got, want):
        assert ind in g["indicator"], (why, g)
        assert (g["value"], g["unit"], g["comparator"]) == (value, unit, comp), (why, g)
        if year is not None:
            assert g["year"] == year, (why, g)


def test_no_duplicate_ids():
    ids = [c[0] for c in SENTENCES]
    assert len(ids) == len(set(ids))


def test_normalised_value_and_scope():
    (t,) = run("支持每个县级中医医院建设3个以上中医特色专科。")
    assert t["scope"] == "每个县级中医医院"
    (t,) = run("力争到2024年，标识注册量达到3000万个以上。")
    assert (t["value_normalized"], t["unit_base"]) == (30000000, "个")
    (t,) = run("力争到2024年，5G基站建设规模累计达到10000个以上。")
    assert t["cumulative"] is True


def _table(lines: list[str]) -> Table:
    rows, pos = [], 0
    for line in lines:
        cells, i = [], pos
        for part in line.split("\t"):
            cells.append(Cell(part, i, i + len(part)))
            i += len(part) + 1
        rows.append(tuple(cells))
        pos += len(line) + 1
    return Table(None, tuple(rows))


# (id, table lines, expected (indicator, value, value_max, unit, comparator, year, baseline, cumulative, binding, scope))
TABLES = [
    ("plan-table", ["类别\t指标\t2020年\t2025年目标值", "健康水平\t人均期望寿命(岁)\t79.23\t79.5",
                    "婴儿死亡率(%)\t1.54\t≤5", "国家重点专学科数\t2\t2-3", "每千常住人口拥有3岁以下婴幼儿托位数(个)\t--\t4.5"],
     [("人均期望寿命", 79.5, None, "岁", "=", 2025, {"year": 2020, "value": 79.23}, False, None, None),
      ("婴儿死亡率", 5, None, "%", "<=", 2025, {"year": 2020, "value": 1.54}, False, None, None),
      ("国家重点专学科数", 2, 3, None, "range", 2025, {"year": 2020, "value": 2}, False, None, None),
      ("每千常住人口拥有3岁以下婴幼儿托位数", 4.5, None, "个", "=", 2025, None, False, None, None)]),
    ("brackets-binding", ["指标\t2020年\t2025年\t属性", "1.城镇新增就业人数(万人)\t[106.74]\t>[110]\t预期性",
                          "其中:18.申领电子社保卡人口覆盖率(%)\t36\t67\t预期性"],
     [("城镇新增就业人数", 110, None, "万人", ">", 2025, {"year": 2020, "value": 106.74}, True, "预期性", None),
      ("申领电子社保卡人口覆盖率", 67, None, "%", "=", 2025, {"year": 2020, "value": 36}, False, "预期性", None)]),
    ("unit-column", ["类型\t序号\t指标名称\t单位\t2020年\t2025年\t年均增速%\t属性",
                     "2\t每万人口高价值发明专利拥有量\t件\t85\t115\t—\t预期性"],
     [("每万人口高价值发明专利拥有量", 115, None, "件", "=", 2025, {"year": 2020, "value": 85}, False, "预期性",
       None)]),
    ("two-target-years", ["序号\t指标\t2020年基期水平\t2022年目标值\t2025年目标值", "1\t居民健康素养水平(%)\t28.2\t≥30.0\t≥35.0"],
     [("居民健康素养水平", 30, None, "%", ">=", 2022, {"year": 2020, "value": 28.2}, False, None, None),
      ("居民健康素养水平", 35, None, "%", ">=", 2025, {"year": 2020, "value": 28.2}, False, None, None)]),
    ("breakdown", ["县市区\t工业互联网平台(家)\t\t\t智改数转标杆(个)\t\t", "2022年\t2023年\t2024年\t2022年\t2023年\t2024年",
                   "荆州区\t2\t2\t2\t3\t3\t5"],
     [("工业互联网平台", 2, None, "家", "=", y, None, False, None, "荆州区") for y in (2022, 2023, 2024)]
     + [("智改数转标杆", v, None, "个", "=", y, None, False, None, "荆州区") for v, y in ((3, 2022), (3, 2023), (5, 2024))]),
    ("yearless-heads", ["指标\t单位\t基期值\t目标值\t属性", "森林覆盖率\t%\t40.1\t≥42\t约束性"],
     [("森林覆盖率", 42, None, "%", ">=", None, {"year": None, "value": 40.1}, False, "约束性", None)]),
    ("cumulative-column", ["指标\t2020年\t“十四五”累计\t属性", "新增城镇就业(万人)\t75\t〔350〕\t预期性",
                           "单位GDP能耗降低(%)\t—\t13.5\t约束性"],
     [("新增城镇就业", 350, None, "万人", "=", 2025, {"year": 2020, "value": 75}, True, "预期性", None),
      ("单位GDP能耗降低", 13.5, None, "%", "=", 2025, None, True, "约束性", None)]),
    ("paren-year-heads", ["指标\t现状值（2020年）\t目标值（2025年）", "森林覆盖率(%)\t40.1\t42"],
     [("森林覆盖率", 42, None, "%", "=", 2025, {"year": 2020, "value": 40.1}, False, None, None)]),
    # a bracket without a year after the year's own (found by the long fuzz profile: it raised)
    ("paren-year-then-note", ["指标\t现状值（2020年）\t目标值（2025年）（注1）", "森林覆盖率(%)\t40.1\t42"],
     [("森林覆盖率", 42, None, "%", "=", 2025, {"year": 2020, "value": 40.1}, False, None, None)]),
    # a years row ending in a tab, as converters often leave it (it raised)
    ("breakdown-trailing-tab", ["县市区\t工业互联网平台(家)\t\t", "2022年\t2023年\t2024年\t", "荆州区\t2\t2\t3"],
     [("工业互联网平台", v, None, "家", "=", y, None, False, None, "荆州区") for v, y in ((2, 2022), (2, 2023), (3, 2024))]),
    ("past-table", ["指标\t2015年基数\t“十三五”规划目标\t2020年完成数", "1.城镇新增就业(万人)\t[83.55]\t[90]\t[106.74]"], []),
]


@pytest.mark.parametrize("lines,want", [c[1:] for c in TABLES], ids=[c[0] for c in TABLES])
def test_indicator_tables(lines, want):
    got = parse_table(_table(lines))
    got = [(t.indicator, t.value, t.value_max, t.unit, t.comparator, t.year, t.baseline, t.cumulative, t.binding,
            t.scope) for t in got]
    assert got == want


def test_a_years_row_with_a_gap_is_no_header_of_columns():
    """A blank between two years leaves the columns unknown: no table read, and no error (it raised)."""
    assert parse_table(_table(["县市区\t平台(家)\t标杆(个)", "2022年\t\t2023年", "荆州区\t2\t3"])) is None


def test_task_list_is_not_an_indicator_table_but_its_cells_are_read():
    lines = ["序号\t任务事项\t牵头单位\t责任单位\t完成时限",
             "76\t积极打造加工贸易产业集聚新高地，力争2023年加工贸易进出口额达到360亿元。\t市商务局\t武汉海关\t持续推进"]
    assert parse_table(_table(lines)) is None
    text = "\n".join(lines)
    got = run(text, (_table(lines),))
    assert [(t["indicator"], t["value"], t["unit"], t["year"]) for t in got] == [("加工贸易进出口额", 360, "亿元", 2023)]


def test_year_gate_holds_in_every_year_phrase():
    """year_marks skips a text where _YEAR_GATE finds nothing: each year phrase must hold it.

    Phrases are drawn from the pattern itself (hypothesis ``from_regex``), so a branch added
    to _YEAR_PHRASES without its gate fails here; the seeds' phrases are checked as well."""
    import re
    from pathlib import Path

    from hypothesis import given, strategies as st

    from govdoc_extract.extract.targets import _YEAR_GATE, _YEAR_PHRASES

    @given(st.from_regex(re.compile(_YEAR_PHRASES.pattern), fullmatch=True))
    def drawn(text):
        # (hypothesis draws a lookahead loosely: check what the real pattern finds in the draw)
        for m in _YEAR_PHRASES.finditer(text):
            assert _YEAR_GATE.search(m.group()) is not None, m.group()

    drawn()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parents[2].glob("samples/*.txt"))]
    found = [m.group() for t in texts for m in _YEAR_PHRASES.finditer(t)]
    assert len(found) > 100
    assert all(_YEAR_GATE.search(g) for g in found)


def test_gated_year_scan_finds_what_finditer_finds():
    """year_marks scans for a year phrase only from the lead of the next gate token
    (_year_scan_from): the marks must be those of a plain finditer over the whole text, on
    drawn texts (lead words, spaces, quotes and tokens run together) and on every seed line."""
    from pathlib import Path

    from hypothesis import given, settings, strategies as st

    from govdoc_extract.extract.targets import PLAN_END, _YEAR_PHRASES, cn_to_int, to_int, year_marks

    def plain(text):
        out = []
        for m in _YEAR_PHRASES.finditer(text):
            d = m.groupdict()
            if d["fyp"]:
                out.append((m.start(), None if d["plan"] == "十三五" else PLAN_END[d["plan"]]))
            elif d["cny"]:
                out.append((m.start(), None if d["past3"] else cn_to_int(d["cny"])))
            elif d["y2"]:
                if d["past"] or to_int(d["y2"]) is not None:
                    out.append((m.start(), None if d["past"] else to_int(d["y2"])))
            elif d["past2"] or to_int(d["y"]) is not None:
                out.append((m.start(), None if d["past2"] else to_int(d["y"])))
        return out

    words = ["截至", "截止", "截止到", "比", "较", "相比", "同比", "与", "“", "”", "\"", " ", "\u3000", "\t", "年", "底",
             "度", "—", "至", "到", "2020", "1998", "20", "19", "2", "十四五", "十三五", "十五五", "十", "二〇二五",
             "二零", "期间", "规划", "，", "建成5个", "x",
             # whole phrases with their lead, so that the longest leads meet a token often
             "截止到2020年", "截止到 2020年", "截至\u3000\t2020年", "相比2015年", "同比二〇二〇年", "“十三五”时期", "2021—2025年"]

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(words), max_size=14).map("".join))
    def drawn(text):
        assert list(year_marks(text)) == plain(text), text

    drawn()
    lines = [ln for p in sorted(Path(__file__).parents[2].glob("samples/*.txt"))
             for ln in p.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for ln in lines if plain(ln)) > 100
    for ln in lines:
        assert list(year_marks(ln)) == plain(ln), ln


def test_past_lines_are_the_lines_holding_a_past_cue():
    """extract passes may_past=False for a line that line_ends(_PAST_RE) left out, and
    _sentence_drafts then searches none of its parts for a past cue: on every seed text the
    lines it finds must be exactly those where a search of the line alone finds one."""
    from pathlib import Path

    from govdoc_extract.extract.targets import _PAST_RE, _is_past, line_ends

    found = 0
    for p in sorted(Path(__file__).parents[2].glob("samples/*.txt")):
        text = p.read_text(encoding="utf-8")
        want, pos = set(), 0
        for line in text.split("\n"):
            if _is_past(line):
                want.add(pos + len(line))
            pos += len(line) + 1
        assert line_ends(_PAST_RE, text, 0, len(text)) == want, p.name
        found += len(want)
    assert found > 40


def test_unit_prefix_tree_finds_what_the_flat_alternation_finds():
    """QUANTITY's units are written as a prefix tree (speed): the matches must be those of
    the plain longest-first alternation, backtracking (个月, 人力) included."""
    import regex
    from hypothesis import given, settings, strategies as st

    from govdoc_extract.extract.targets import _SENT_UNITS, _UNIT_ALT, QUANTITY
    from govdoc_extract.values.comparators import alternation

    flat = regex.compile(QUANTITY.pattern.replace(_UNIT_ALT, "(?:" + alternation([*_SENT_UNITS, "%", "％", "‰"]) + ")"),
                         QUANTITY.flags)
    assert flat.pattern != QUANTITY.pattern
    units = sorted(_SENT_UNITS)
    alphabet = sorted({ch for u in units for ch in u} | set("0123456789一三十两.,—-%％‰ 月日工作小时人力以上第年"))

    def same(text):
        assert [m.groups() + (m.span(),) for m in QUANTITY.finditer(text)] == \
               [m.groups() + (m.span(),) for m in flat.finditer(text)], text

    for u in units:  # every unit, alone and followed by each word that vetoes or extends one
        for tail in ("", "月", "力", "以上", "次", "时"):
            same(f"建成3{u}{tail}，")

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(units) | st.text(alphabet, max_size=4), max_size=12).map("".join))
    def drawn(text):
        same(text)

    drawn()


def _on_quantity_texts(check, alphabet: str, around: str | None = None) -> None:
    """Run ``check`` on texts drawn from QUANTITY itself (hypothesis ``from_regex``; with up to
    four characters of ``around`` before and after, when given) and on texts mixed from the
    sentence units and the characters of ``alphabet``: 500 examples each."""
    import re

    from hypothesis import given, settings, strategies as st

    from govdoc_extract.extract.targets import _SENT_UNITS, QUANTITY

    quantities = st.from_regex(re.compile(QUANTITY.pattern, re.VERBOSE))
    if around is not None:
        edge = st.text(alphabet=around, max_size=4)
        quantities = st.tuples(edge, quantities, edge).map("".join)

    @settings(max_examples=500, deadline=None)
    @given(quantities)
    def drawn(text):
        check(text)

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(sorted(_SENT_UNITS)) | st.text(sorted(set(alphabet)), max_size=3),
                    max_size=10).map("".join))
    def mixed(text):
        check(text)

    drawn()
    mixed()


def test_quantity_hint_holds_in_every_quantity():
    """A line where the quantity hint finds nothing is not scanned for quantities: every line
    with a QUANTITY match must hold the hint, astral digits (which only ``regex`` knows) included.

    Texts are drawn from QUANTITY itself (hypothesis ``from_regex``, with text around the match)
    and from an alphabet of what the hint looks at (numerals, 第/前/万, dashes, units, years)."""
    import re

    from govdoc_extract.extract.targets import QUANTITY, quantity_hint

    def holds(text):
        for line in text.split("\n"):  # the hint scans lines (paragraphs, cells)
            if QUANTITY.search(line):
                assert quantity_hint(line).search(line), line

    astral_digits = [chr(c) for c in range(0x10000, 0x110000) if re.fullmatch(r"\d", chr(c)) is None
                     and QUANTITY.fullmatch(chr(c) + "个")]
    assert astral_digits  # digits of newer Unicode that only the regex module knows
    _on_quantity_texts(holds, "0123456789.,一二三十两百千零万第前后近每aZ—-~至到%％ 年月人" + "".join(astral_digits[:5]))
    for t in ("第5名", "第一条", "2021—2025年", "近3年", "第19项", "第十二条", "每12个"):  # what the hint rules out
        assert not quantity_hint(t).search(t), t


def test_spelled_out_digits_are_the_bmp_digits_of_both_engines():
    """The quantity hint spells \\d out as ranges (faster to scan): within the BMP they are exactly
    what \\d matches in ``re`` and in ``regex`` (a newer Unicode adding a digit fails here)."""
    import re

    import regex

    from govdoc_extract.extract.targets import _BMP_DIGITS

    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    spelled = re.findall(f"[{_BMP_DIGITS}]", bmp)
    assert spelled == re.findall(r"\d", bmp) == regex.findall(r"\d", bmp)


def test_character_gates_hold_in_every_match():
    """Several patterns are tried only where a character their matches need stands (the first
    or last one, or a word): every match, drawn from the pattern itself with text around it and
    spaces (\\x1c–\\x1f among them: whitespace to str, not to regex), passes its gate."""
    import re

    from hypothesis import given, settings, strategies as st

    from govdoc_extract.extract import targets as t

    def drawn(pattern):
        core = st.from_regex(re.compile(pattern.pattern, pattern.flags & re.VERBOSE))
        around = st.text(alphabet=" \u3000\x1c\x1f的达到县各每其中，", max_size=3)
        return st.tuples(around, core, around).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(drawn(t._PRE_BEFORE), st.data())
    def pre(text, data):
        pos = data.draw(st.integers(0, len(text)))
        assert (t.pre_before(text, pos) is None) == (t._PRE_BEFORE.search(text, max(0, pos - 8), pos) is None)

    @settings(max_examples=300, deadline=None)
    @given(drawn(t.CONDITION) | drawn(t.HEAD_STRIP))
    def opening(text):
        if t.CONDITION.match(text):
            assert t._may_open(text, t._CONDITION_FIRSTS), text
        if t.HEAD_STRIP.match(text):
            assert t._may_open(text, t._HEAD_FIRSTS), text

    @settings(max_examples=300, deadline=None)
    @given(drawn(t.AFTER_RULE) | drawn(t.AFTER_MONEY) | drawn(t._AFTER_HEAD) | drawn(t._AFTER_TAIL)
           | drawn(t._SCOPE) | drawn(t._PREFIX_END))
    def edges(text):
        if t.AFTER_RULE.match(text):
            assert text[:1] in t._AFTER_RULE_FIRSTS, text
        if t.AFTER_MONEY.match(text):
            assert text[:1] in t._AFTER_MONEY_FIRSTS, text
        if t._AFTER_HEAD.match(text):
            assert text[:1] in t._AFTER_HEAD_FIRSTS, text
        if t._AFTER_TAIL.search(text.strip()):
            assert text.strip()[-1:] in t._AFTER_TAIL_LASTS, text
        if t._SCOPE.search(text):
            assert "每" in text or "各" in text or text.startswith("县"), text
        if t._PREFIX_END.search(text):
            assert text.rstrip()[-1:] in t._PREFIX_LASTS, text

    pre()
    opening()
    edges()
    # every word of the alternations, drawn or not (a rare word is a rare draw)
    for w in t._PRE_WORDS:
        assert t.pre_before("每" + w + " ", len(w) + 2) and t.pre_before(w, len(w)), w
    for w in t._PREFIX_WORDS:
        assert t._PREFIX_END.search(w) and w[-1] in t._PREFIX_LASTS, w
    for pattern, firsts in ((t.AFTER_RULE, t._AFTER_RULE_FIRSTS), (t.AFTER_MONEY, t._AFTER_MONEY_FIRSTS),
                            (t.CONDITION, t._CONDITION_FIRSTS)):
        words = re.findall(r"\(\?:([^()]*)\)", pattern.pattern)[-1].split("|")
        assert len(words) >= 3
        for w in words:
            assert pattern.match(w) and w[0] in firsts, w
    for w in ("以及", "达到", "达", *"、和与及或等"):
        assert t._AFTER_TAIL.search(w) and w[-1] in t._AFTER_TAIL_LASTS, w


def test_quantity_matches_are_those_of_finditer():
    """QUANTITY is tried only where _QTY_START finds a place a match may start, through its stdlib
    twin on text without astral characters: the matches (groups and spans) must be those of
    QUANTITY.finditer with either engine, on the seed lines and on texts drawn from QUANTITY
    itself and from an alphabet of what it looks at (numerals, commas in numbers, spaces, astral
    digits)."""
    from pathlib import Path

    from govdoc_extract.extract.targets import QUANTITY, quantity_matches

    def same(text):
        want = [m.groups() + (m.span(),) for m in QUANTITY.finditer(text)]
        for astral in (None, True):  # (None: the twin unless text holds an astral character)
            assert [m.groups() + (m.span(),) for m in quantity_matches(text, astral)] == want, text

    found = 0
    for p in sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt")):
        for line in p.read_text(encoding="utf-8").split("\n"):
            same(line)
            found += len(quantity_matches(line))
    assert found > 500

    _on_quantity_texts(same, "0123456789.,一二三十两百千零万第前后近每aZ—-~至到%％ \u3000\x1c年月人以上\U0001d7d3\U00011f50😀",
                       around="0123456789,.一三十两百千第 \u3000\x1c年到—")
    for t in ("1,00,000万", "三百万人", "2025年，3家", "第5名", "1,000.5万元", "\U0001d7d35个"):
        same(t)


def test_standard_engine_patterns_find_what_regex_found():
    """_PRE_BEFORE and _PREFIX_END (words, then regex's \\s spelled out) and _CLAUSE_BACK (all
    up to the last bound, matched) run on the standard engine: they find what the former
    ``regex`` patterns found, on drawn texts with spaces of both kinds (\\x1c is one to re's \\s
    but not to regex's) and line breaks."""
    import regex
    from hypothesis import given, settings, strategies as st

    from govdoc_extract.extract import targets as t
    from govdoc_extract.values.comparators import alternation

    former = {
        t._PRE_BEFORE: regex.compile(rf"(?:{alternation(t._PRE_WORDS)})\s*$"),
        t._PREFIX_END: regex.compile(rf"(?:{alternation(t._PREFIX_WORDS)})\s*$"),
    }
    bound_back = regex.compile(r"(?r)[，,。；;：:（(\n！？!?）)]")
    words = sorted(set(t._PREFIX_WORDS) | set(t._PRE_WORDS))
    piece = st.sampled_from(words) | st.text(alphabet="，。；（）)\n 　\x1c\u2028的达到于超", max_size=3)

    @settings(max_examples=1000, deadline=None)
    @given(st.lists(piece, max_size=6).map("".join), st.data())
    def same(text, data):
        lo = data.draw(st.integers(0, len(text)))
        hi = data.draw(st.integers(lo, len(text)))
        for new, old in former.items():
            m, want = new.search(text, lo, hi), old.search(text, lo, hi)
            assert (m and m.span()) == (want and want.span()), (text, lo, hi, new.pattern)
        m, want = t._CLAUSE_BACK.match(text, lo, hi), bound_back.search(text, lo, hi)
        assert (m and m.end() - 1) == (want and want.start()), (text, lo, hi)

    same()


def test_header_words_are_the_anchored_pattern_they_replaced():
    """HEADER_WORDS (a set, for speed) holds exactly the cells the former ``^(?:…)$`` pattern took."""
    import regex

    from govdoc_extract.extract.targets import HEADER_WORDS

    former = regex.compile(r"^(?:序号|类别|类型|领域|指标|指标名称|项目|名称|单位|计量单位|属性|指标属性|指标性质|性质|"
                           r"目标值|规划目标值?|基期值|基数|现状值|预期目标|"
                           r"县市区|县（市、区）|县\(市、区\)|地区|区域|行政区|责任单位|牵头单位|备注)$")
    assert all(former.match(w) for w in HEADER_WORDS)
    assert len(HEADER_WORDS) == 30  # the 29 branches, 规划目标值? counted twice
    for w in HEADER_WORDS:  # nothing longer or shorter passes either
        assert not former.match(w + "值") or w + "值" in HEADER_WORDS
        assert not former.match(w[:-1]) or w[:-1] in HEADER_WORDS
