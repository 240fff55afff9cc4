"""Bulletin front matter (segment/bulletin.py): masthead, issue, 目录."""

import pytest

from govdoc_extract.segment.bulletin import parse_bulletin, parse_toc_line
from govdoc_extract.text.offsets import CleanText

JINGZHOU = (
    "荆州市人民政府公报\n"
    "荆州市人民政府办公室主办2022年第8-9期(总第120-121期)\n"
    "目录\n"
    "【政府文件】\n"
    "1.荆州市人民政府办公室关于印发荆州市工伤保险市级统筹办法的通知24\n"
    "2.荆州市人民政府办公室关于印发行动方案（2022—2024年）的通知10\n"
    "3.荆州市人民政府任免人员50\n"
    "荆州市人民政府办公室关于印发荆州市工伤保险市级统筹办法的通知\n"
    "荆政办发〔2022〕22号\n"
)
# the running masthead was removed by the cleaner: the title comes from the raw source
WUHAN_SOURCE = "武汉市人民政府公报\nWUHANSHI RENMIN ZHENGFU GONGBAO\n2021\n第18期（总第690期）\n目 录\n"
WUHAN_CLEAN = (
    "WUHANSHI RENMIN ZHENGFU GONGBAO\n"
    "2021\n"
    "第18期（总第690期）\n"
    "目录\n"
    "市级文件选登\n"
    "市人民政府关于印发甲办法的通知……………(3)市人民政府关于乙的实施意见……………(12)\n"
    "传达政令\n"
    "第18期(总第690期)\n"
    "市人民政府办公厅关于丙的意见.....(101)\n"
    "人事任免.....(144)\n"
    "主办:武汉市人民政府\n"
    "武汉市人民政府文件\n"
)

CASES = [
    ("jingzhou", JINGZHOU, JINGZHOU, "荆州市人民政府公报", "2022年第8-9期",
     [("荆州市人民政府办公室关于印发荆州市工伤保险市级统筹办法的通知", 24),
      ("荆州市人民政府办公室关于印发行动方案（2022—2024年）的通知", 10),
      ("荆州市人民政府任免人员", 50)],
     "荆州市人民政府办公室关于印发"),
    ("wuhan-composed-issue", WUHAN_CLEAN, WUHAN_SOURCE, "武汉市人民政府公报", "2021年第18期",
     [("市人民政府关于印发甲办法的通知", 3), ("市人民政府关于乙的实施意见", 12),
      ("市人民政府办公厅关于丙的意见", 101), ("人事任免", 144)],
     "主办:武汉市人民政府"),
]


@pytest.mark.parametrize("clean,source,title,issue,toc,after", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse_bulletin(clean, source, title, issue, toc, after):
    b = parse_bulletin(CleanText.identity(clean), source)
    assert (b.title, b.issue, b.toc) == (title, issue, toc)
    assert clean[b.front_end:].startswith(after)


NO_MASTHEAD = [
    ("plan", "随州市卫生健康事业发展“十四五”规划\n“十四五”时期是关键时期。\n"),
    ("news", "4月3日，石首市委、市政府召开会议。\n"),
    ("empty", ""),
]


@pytest.mark.parametrize("text", [t for _, t in NO_MASTHEAD], ids=[i for i, _ in NO_MASTHEAD])
def test_no_masthead_gives_none(text):
    assert parse_bulletin(CleanText.identity(text), text) is None


TOC_LINES = [
    ("1.荆州市人民政府关于印发规划的通知35", [("荆州市人民政府关于印发规划的通知", 35)]),
    ("- 市人民政府关于甲的通知…………… (3)", [("市人民政府关于甲的通知", 3)]),
    ("市人民政府关于甲的通知(97)", [("市人民政府关于甲的通知", 97)]),
    # a year inside the title is not a page number
    ("2.甲行动方案（2022—2024年）的通知10", [("甲行动方案（2022—2024年）的通知", 10)]),
    ("【政府文件】", []),
]


@pytest.mark.parametrize("line,expected", TOC_LINES, ids=[l for l, _ in TOC_LINES])
def test_parse_toc_line(line, expected):
    assert parse_toc_line(line) == expected


STATE_COUNCIL_TOC = (
    "中华人民共和国国务院公报\n"
    "2022年第3号\n"
    "目录\n"
    "国务院文件\n"
    "国务院关于印发“十四五”数字经济发展规划的通知\n"
    "（国发〔2021〕29号）……………………………………（4）\n"
    "国务院办公厅关于印发要素市场化配置综合改革\n"
    "试点总体方案的通知\n"
    "（国办发〔2021〕51号）…………………………………（20）\n"
    "国务院关于印发“十四五”数字经济发展规划的通知\n"
    "国发〔2021〕29号\n"
)


def test_toc_entries_with_number_lines():
    b = parse_bulletin(CleanText.identity(STATE_COUNCIL_TOC), STATE_COUNCIL_TOC)
    assert b.toc == [("国务院关于印发“十四五”数字经济发展规划的通知", 4),
                     ("国务院办公厅关于印发要素市场化配置综合改革试点总体方案的通知", 20)]
    assert STATE_COUNCIL_TOC[b.front_end:].startswith("国务院关于印发“十四五”数字经济发展规划的通知\n国发")


def test_state_council_documents_after_toc():
    from govdoc_extract.segment.documents import find_documents
    clean = CleanText.identity(STATE_COUNCIL_TOC)
    docs = find_documents(clean, parse_bulletin(clean, STATE_COUNCIL_TOC))
    assert [(d.title, d.doc_number.text) for d in docs] == [
        ("国务院关于印发“十四五”数字经济发展规划的通知", "国发〔2021〕29号")]


VARIANTS = [
    ("issue-on-masthead-line", "某某省人民政府公报 2022年第8期\n本期目录\n某某省人民政府关于甲的通知……（3）\n",
     "某某省人民政府公报", "2022年第8期", [("某某省人民政府关于甲的通知", 3)]),
    ("spaced-masthead-目次", "某 某 市 政 报\n2021年第2期\n目次\n某某市人民政府关于乙的意见 7\n",
     "某某市政报", "2021年第2期", [("某某市人民政府关于乙的意见", 7)]),
]


@pytest.mark.parametrize("text,title,issue,toc", [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_masthead_variants(text, title, issue, toc):
    b = parse_bulletin(CleanText.identity(text), text)
    assert (b.title, b.issue, b.toc) == (title, issue, toc)


UNPAGED = (
    "某某市人民政府公报\n"
    "2022年第2期\n"
    "目录\n"
    "【市政府文件】\n"
    "某某市人民政府关于印发甲方案的通知\n"
    "某某市人民政府办公室关于乙工作的意见\n"
    "某某市人民政府关于印发甲方案的通知\n"
    "某政发〔2022〕1号\n"
    "各县、市、区人民政府：\n"
    "现将《甲方案》印发给你们。\n"
    "2022年1月5日\n"
    "某某市人民政府办公室关于乙工作的意见\n"
    "某政办发〔2022〕2号\n"
    "各县、市、区人民政府：\n"
    "为做好乙工作，提出如下意见。\n"
    "2022年1月9日\n"
)


def test_unpaged_toc():
    from govdoc_extract.segment.documents import find_documents
    clean = CleanText.identity(UNPAGED)
    b = parse_bulletin(clean, UNPAGED)
    assert b.toc == [("某某市人民政府关于印发甲方案的通知", None), ("某某市人民政府办公室关于乙工作的意见", None)]
    docs = find_documents(clean, b)
    assert [(d.doc_number.text, d.date) for d in docs] == [("某政发〔2022〕1号", "2022-01-05"), ("某政办发〔2022〕2号", "2022-01-09")]


def test_issue_cited_in_a_sentence_is_not_the_masthead():
    text = ("某某市人民政府公报\n某某市人民政府关于甲的通知\n某政发〔2022〕1号\n各县、市、区人民政府：\n"
            "本通知已在《某某市人民政府公报》2021年第3期刊登的有关规定基础上作了修订，现予印发，请遵照执行。\n")
    b = parse_bulletin(CleanText.identity(text), text)
    assert b.issue is None and text[b.front_end:].startswith("某某市人民政府关于甲的通知")
