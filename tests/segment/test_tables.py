"""Tables: tab-separated paragraphs → rows of cells with cleaned offsets.

Phenomena taken from the indicator tables of the seed 规划 (随州 卫生健康,
武汉 人社 “十四五”, 荆州 医疗卫生服务体系) and the 通报 name lists.
"""

import pytest

from govdoc_extract.segment.tables import find_tables, is_row, split_row


def _spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for ln in text.split("\n"):
        out.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    return out


def _tables(text: str):
    return find_tables(text, _spans(text))


def _cells(tb) -> list[list[str]]:
    return [[c.text for c in r] for r in tb.rows]


CASES = [
    # (text, expected rows per table, expected captions, why)
    ("表1主要发展指标\n领域\t指标\t2025年\n健康水平\t人均预期寿命（岁）\t79.3\n注：表中每千人口为常住人口",
     [[["领域", "指标", "2025年"], ["健康水平", "人均预期寿命（岁）", "79.3"]]], ["表1主要发展指标"],
     "caption before, note after is not a row"),
    ("（四）主要指标\n类别\t指标\t2020年\t2025年目标值\n健康水平\t婴儿死亡率(%)\t1.54\t≤5\n类别\t指标\t2020年\t2025年目标值\n"
     "医疗服务\t县域内就诊率(%)\t90.8\t≥90",
     [[["类别", "指标", "2020年", "2025年目标值"], ["健康水平", "婴儿死亡率(%)", "1.54", "≤5"],
       ["医疗服务", "县域内就诊率(%)", "90.8", "≥90"]]], ["主要指标"],
     "header repeated after a page break is dropped; heading marker as caption"),
    ("指标\t2020年\t2025年\t属性\n一、就业\n1.城镇新增就业人数(万人)\t[106.74]\t>[110]\t预期性\n二、社会保障\n"
     "6.基本养老保险参保人数(万人)\t[668.65]\t>[720]\t预期性",
     [[["指标", "2020年", "2025年", "属性"], ["一、就业"], ["1.城镇新增就业人数(万人)", "[106.74]", ">[110]", "预期性"],
       ["二、社会保障"], ["6.基本养老保险参保人数(万人)", "[668.65]", ">[720]", "预期性"]]], [None],
     "numbered category rows inside a table are rows, not item1 headings"),
    ("一、技术状元(32名)\n焊接工\t欧江稳\t武汉一冶\n装配钳工\t王某\t中车长江\n五、优秀教练(172名)\n万军峰\t张丽丽(女)\t刘志雄",
     [[["焊接工", "欧江稳", "武汉一冶"], ["装配钳工", "王某", "中车长江"]], [["万军峰", "张丽丽(女)", "刘志雄"]]],
     ["技术状元(32名)", "优秀教练(172名)"],
     "an item1 heading that does not continue the table's own sequence ends the table"),
    ("序号\t任务事项\t牵头单位\n1\t编制完成东湖科学城规划,加快建设\n东湖科学城核心区\n2\t聚焦光电科学\t市科技局",
     [[["序号", "任务事项", "牵头单位"], ["1", "编制完成东湖科学城规划,加快建设东湖科学城核心区"], ["2", "聚焦光电科学", "市科技局"]]],
     [None], "a cell wrapped onto its own line joins the short row above"),
    ("其他行业(22名)\n||||\n|--------------|--------|\n|行车值班员|陈珊(女)|武汉地铁运营有限公司|",
     [[["行车值班员", "陈珊(女)", "武汉地铁运营有限公司"]]], ["其他行业(22名)"],
     "pipe rows; empty and rule rows dropped"),
    ("一、总体要求\n以习近平新时代中国特色社会主义思想为指导。", [], [], "no table"),
]


@pytest.mark.parametrize("text,rows,captions,why", CASES, ids=[c[3][:30] for c in CASES])
def test_find_tables(text, rows, captions, why):
    tables = _tables(text)
    assert [_cells(t) for t in tables] == rows, why
    assert [t.caption for t in tables] == captions, why


def test_cells_point_into_the_text():
    text = CASES[0][0] + "\n" + CASES[2][0]
    for tb in _tables(text):
        for row in tb.rows:
            for c in row:
                if "\n" not in text[c.start:c.end]:
                    assert text[c.start:c.end] == c.text


def test_empty_cell_kept_at_the_tab():
    line = "县市区\t\t\t2022年"
    cells = split_row(line, 0, len(line))
    assert [c.text for c in cells] == ["县市区", "", "", "2022年"]
    assert (cells[1].start, cells[1].end) == (4, 4)


@pytest.mark.parametrize("line,want", [("a\tb", True), ("|a|b|", True), ("a|b", False), ("一、总体要求", False)])
def test_is_row(line, want):
    assert is_row(line) is want


def test_no_duplicate_cases():
    assert len({c[0] for c in CASES}) == len(CASES)
