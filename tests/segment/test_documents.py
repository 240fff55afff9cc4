"""Document segmentation and metadata (segment/documents.py), table-driven on small layouts."""

import pytest

from govdoc_extract.segment.bulletin import parse_bulletin
from govdoc_extract.segment.documents import (
    DOC_START_RULES, doc_type_of, explain_starts, find_documents, split_addressees, split_issuers,
)
from govdoc_extract.text.offsets import CleanText


def docs_of(text, with_bulletin=True):
    clean = CleanText.identity(text)
    b = parse_bulletin(clean, text) if with_bulletin else None
    return clean, find_documents(clean, b)


NOTICE = (
    "荆州市人民政府办公室关于印发荆州市体育发展办法的通知\n"
    "荆政办发〔2022〕16号\n"
    "各县、市、区人民政府，荆州经开区，市政府有关部门：\n"
    "《荆州市体育发展办法》已经市人民政府同意，现印发给你们，请认真贯彻落实。\n"
    "2022年9月17日\n"
    "荆州市体育发展办法\n"
    "第一章总则\n"
    "第一条为了规范体育发展，制定本办法。\n"
)
WUHAN = (
    "武汉市人民政府文件\n"
    "武政规〔2021〕18号\n"
    "市人民政府关于印发推进大健康产业发展政策措施的通知\n"
    "各区人民政府,市人民政府各部门:\n"
    "经研究,现将《推进大健康产业发展政策措施》印发给你们,请认真组织实施。\n"
    "武汉市人民政府\n"
    "2021年11月16日\n"
    "推进大健康产业发展政策措施\n"
    "一、引进培育头部企业。\n"
)
JOINT = (
    "武汉市人民政府文件\n"
    "武汉海关\n"
    "武政〔2021〕19号\n"
    "武汉市人民政府武汉海关印发关于促进综合保税区发展若干措施的通知各区人民政府,市人民政府各部门:\n"
    "经研究,现将《关于促进综合保税区发展的若干措施》印发给你们。\n"
    "武汉市人民政府\n"
    "武汉海关\n"
    "2021年12月9日\n"
    "关于促进综合保税区发展的若干措施\n"
    "一、优化功能定位\n"
)
OPINION = (
    "武政办〔2021〕135号\n"
    "市人民政府办公厅关于推进人工影响天气工作高质量发展的意见\n"
    "各区人民政府,市人民政府各部门:\n"
    "为深入贯彻落实有关文件精神,现提出如下意见。\n"
    "一、总体要求\n"
    "（一）指导思想。坚持人民至上。\n"
    "武汉市人民政府办公厅\n"
    "2021年11月19日\n"
)
ORDER = (
    "广东省人民政府令\n"
    "第290号\n"
    "《广东省公共数据管理办法》已经2021年10月18日广东省人民政府第十三届150次常务会议通过，现予公布，自2021年11月25日起施行。\n"
    "省长马兴瑞\n"
    "2021年10月18日\n"
    "广东省公共数据管理办法\n"
    "第一章总则\n"
    "第一条为了规范公共数据管理，制定本办法。\n"
)
APPOINT = (
    "荆州市人民政府任免人员\n"
    "2022年8月30日\n"
    "市人民政府决定：\n"
    "张三同志任荆州市司法局副局长；\n"
)
PLAN = "随州市卫生健康事业发展“十四五”规划\n“十四五”时期是关键时期。\n一、总体要求\n"
NEWS = "4月3日，石首市委、市政府召开区域性医疗健康中心建设工作会议，要求全市上下凝聚共识。\n据了解，近年来就医体验明显增强。\n"
BULLETIN = (
    "荆州市人民政府公报\n"
    "荆州市人民政府办公室主办2022年第8-9期(总第120-121期)\n"
    "目录\n"
    "【政府文件】\n"
    "1.荆州市人民政府办公室关于印发荆州市体育发展办法的通知3\n"
    "2.荆州市人民政府任免人员50\n"
    + NOTICE + APPOINT
)

ROWS = [
    # id, text, expected per document: (title, doc_type, doc_number, date)
    ("notice-title-first", NOTICE,
     [("荆州市人民政府办公室关于印发荆州市体育发展办法的通知", "通知", "荆政办发〔2022〕16号", "2022-09-17")]),
    ("wuhan-head-first", WUHAN,
     [("市人民政府关于印发推进大健康产业发展政策措施的通知", "通知", "武政规〔2021〕18号", "2021-11-16")]),
    ("joint-title-run-into-addressees", JOINT,
     [("武汉市人民政府武汉海关印发关于促进综合保税区发展若干措施的通知", "通知", "武政〔2021〕19号", "2021-12-09")]),
    ("opinion-date-at-end", OPINION,
     [("市人民政府办公厅关于推进人工影响天气工作高质量发展的意见", "意见", "武政办〔2021〕135号", "2021-11-19")]),
    ("order-titles-promulgated-text", ORDER,
     [("广东省公共数据管理办法", "办法", "广东省人民政府令第290号", "2021-10-18")]),
    ("appointments-block", APPOINT, [("荆州市人民政府任免人员", "任免", None, "2022-08-30")]),
    ("plan-without-masthead", PLAN, [("随州市卫生健康事业发展“十四五”规划", "规划", None, None)]),
    ("plan-title-wrapped", PLAN.replace("发展“十四五”", "发展\n“十四五”", 1), [("随州市卫生健康事业发展“十四五”规划", "规划", None, None)]),
    ("news-untitled", NEWS, [(None, None, None, None)]),
    ("two-docs-back-to-back", NOTICE + WUHAN,
     [("荆州市人民政府办公室关于印发荆州市体育发展办法的通知", "通知", "荆政办发〔2022〕16号", "2022-09-17"),
      ("市人民政府关于印发推进大健康产业发展政策措施的通知", "通知", "武政规〔2021〕18号", "2021-11-16")]),
    # the 目录 entries and the published 办法's own title never start a document
    ("bulletin-toc-not-documents", BULLETIN,
     [("荆州市人民政府办公室关于印发荆州市体育发展办法的通知", "通知", "荆政办发〔2022〕16号", "2022-09-17"),
      ("荆州市人民政府任免人员", "任免", None, "2022-08-30")]),
]


@pytest.mark.parametrize("text,expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_documents(text, expected):
    _, docs = docs_of(text)
    got = [(d.title, d.doc_type, d.doc_number.text if d.doc_number else None, d.date) for d in docs]
    assert got == expected


def test_boundaries_are_contiguous_and_skip_front_matter():
    clean, docs = docs_of(BULLETIN)
    assert clean.text[docs[0].start:].startswith("荆州市人民政府办公室关于印发")
    assert docs[0].end <= docs[1].start
    assert clean.text[docs[1].start:].startswith("荆州市人民政府任免人员")
    assert clean.text[docs[0].body_start:].startswith("《荆州市体育发展办法》")
    assert clean.text[:docs[1].end].endswith("副局长；")


def test_title_run_onto_previous_paragraph():
    text = ("市人民政府公报\n目录\n1.甲关于印发乙方案的通知3\n" + NOTICE.replace("荆州市体育发展办法", "乙办法")
            + "（三）建立评价体系。加强指导。（责任单位：市统计局）市人民政府办公室关于印发丙方案的通知\n"
            "荆政办发〔2022〕19号\n各县、市、区人民政府：\n现印发给你们。\n2022年9月30日\n")
    clean, docs = docs_of(text)
    assert [d.title for d in docs][-1] == "市人民政府办公室关于印发丙方案的通知"
    assert clean.text[docs[-1].start:].startswith("市人民政府办公室关于")
    assert clean.text[:docs[-2].end].endswith("（责任单位：市统计局）")


META = [
    ("issuers-from-title", NOTICE, "issuers", ["荆州市人民政府办公室"]),
    ("issuers-from-signature", WUHAN, "issuers", ["武汉市人民政府"]),
    ("joint-issuers-signature", JOINT, "issuers", ["武汉市人民政府", "武汉海关"]),
    ("addressees-keep-run", NOTICE, "addressees", ["各县、市、区人民政府", "荆州经开区", "市政府有关部门"]),
    ("addressees-halfwidth", WUHAN, "addressees", ["各区人民政府", "市人民政府各部门"]),
    ("attachments", NOTICE.replace("请认真贯彻落实。\n", "请认真贯彻落实。\n附件：1.任务分解表\n2.项目清单\n"),
     "attachments", ["任务分解表", "项目清单"]),
]


@pytest.mark.parametrize("text,field,expected", [r[1:] for r in META], ids=[r[0] for r in META])
def test_metadata(text, field, expected):
    _, docs = docs_of(text)
    assert getattr(docs[0], field) == expected


TYPES = [
    ("荆州市人民政府办公室关于印发荆州市工伤保险市级统筹办法的通知", "通知"),
    ("市人民政府关于进一步完善城乡居民基本养老保险制度的实施意见", "意见"),
    ("市人民政府关于武汉市第二十二届职业技能大赛技术状元的通报", "通报"),
    ("武汉市重特大火灾事故应急预案（2021版）", "预案"),
    ("荆州市推动工业互联网创新发展三年行动方案（2022—2024年）", "方案"),
    ("国务院关于同意设立某某综合保税区的批复", "批复"),
    ("省人民政府办公厅关于某某事项的函", "函"),
    ("人事任免", "任免"),
    ("第一章总则", None),
]


@pytest.mark.parametrize("title,expected", TYPES, ids=[t for t, _ in TYPES])
def test_doc_type(title, expected):
    assert doc_type_of(title) == expected


ADDRS = [
    ("各县、市、区人民政府，荆州经开区，纪南文旅区：", ["各县、市、区人民政府", "荆州经开区", "纪南文旅区"]),
    ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]),
    ("湖北省人民政府：", ["湖北省人民政府"]),
    ("市教育局、市财政局：", ["市教育局", "市财政局"]),
    # brackets inside an addressee never split it (heldout h3/h4/h2 layouts)
    ("各市、自治州人民政府，各县（市、区、特区）人民政府：", ["各市、自治州人民政府", "各县（市、区、特区）人民政府"]),
    ("各县（市）、区人民政府，市政府各部门：", ["各县（市）、区人民政府", "市政府各部门"]),
    ("各省、自治区、直辖市人力资源社会保障厅（局）、财政厅（局）：", ["各省、自治区、直辖市人力资源社会保障厅（局）", "财政厅（局）"]),
]


@pytest.mark.parametrize("line,expected", ADDRS, ids=[a for a, _ in ADDRS])
def test_split_addressees(line, expected):
    assert split_addressees(line) == expected


ISSUERS = [
    ("武汉市人民政府武汉海关", ["武汉市人民政府", "武汉海关"]),
    ("荆州市人民政府办公室", ["荆州市人民政府办公室"]),
    ("财政部税务总局", ["财政部", "税务总局"]),
]


@pytest.mark.parametrize("s,expected", ISSUERS, ids=[s for s, _ in ISSUERS])
def test_split_issuers(s, expected):
    assert split_issuers(s) == expected


STATE_COUNCIL = (
    "国务院关于加强某某工作的通知\n"
    "（国发〔2022〕1号）\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "现就有关事项通知如下。\n"
    "国务院\n"
    "2022年1月5日\n"
)
BROKEN_TITLE = (
    "国务院办公厅转发国家发展改革委\n"
    "关于推进某某工作意见的通知\n"
    "国办发〔2022〕3号\n"
    "各省、自治区、直辖市人民政府：\n"
    "国家发展改革委《关于推进某某工作的意见》已经国务院同意，现转发给你们。\n"
    "国务院办公厅\n"
    "2022年2月1日\n"
)
REPORT = (
    "政府工作报告\n"
    "——2022年1月5日在荆州市第六届人民代表大会第一次会议上\n"
    "各位代表：\n"
    "现在，我代表市人民政府向大会报告工作。\n"
)
DECISION = (
    "荆州市人民政府关于表彰先进集体的决定\n"
    "（2022年3月1日）\n"
    "过去一年，各地各部门扎实工作。\n"
)
NOT_A_DOC = (
    "相关文件\n"
    "国发〔2019〕3号\n"
    "上述文件继续执行。\n"
)
NEWS_LONG = "据了解，近年来当地卫生健康事业取得长足进步，人民群众就医体验感和健康获得感明显增强。" * 6 + "\n"

MORE = [
    ("bracketed-number-state-council", STATE_COUNCIL,
     [("国务院关于加强某某工作的通知", "通知", "国发〔2022〕1号", "2022-01-05")]),
    ("title-broken-at-转发", BROKEN_TITLE,
     [("国务院办公厅转发国家发展改革委关于推进某某工作意见的通知", "通知", "国办发〔2022〕3号", "2022-02-01")]),
    ("report-with-dash-note", REPORT, [("政府工作报告", "报告", None, "2022-01-05")]),
    ("decision-with-bracket-date", NOTICE + DECISION,
     [("荆州市人民政府办公室关于印发荆州市体育发展办法的通知", "通知", "荆政办发〔2022〕16号", "2022-09-17"),
      ("荆州市人民政府关于表彰先进集体的决定", "决定", None, "2022-03-01")]),
    # a heading ending in 文件 and a lone 文号 line inside a body start nothing
    ("lone-number-and-heading-in-body", NOTICE + NOT_A_DOC,
     [("荆州市人民政府办公室关于印发荆州市体育发展办法的通知", "通知", "荆政办发〔2022〕16号", "2022-09-17")]),
    # prose before the first document (an excerpt) gets an untitled document
    ("orphan-prose-before-first-doc", NEWS_LONG + NOTICE,
     [(None, None, None, None),
      ("荆州市人民政府办公室关于印发荆州市体育发展办法的通知", "通知", "荆政办发〔2022〕16号", "2022-09-17")]),
]


@pytest.mark.parametrize("text,expected", [r[1:] for r in MORE], ids=[r[0] for r in MORE])
def test_more_layouts(text, expected):
    _, docs = docs_of(text)
    got = [(d.title, d.doc_type, d.doc_number.text if d.doc_number else None, d.date) for d in docs]
    assert got == expected


def test_state_council_metadata():
    _, docs = docs_of(STATE_COUNCIL)
    assert docs[0].issuers == ["国务院"]
    assert docs[0].addressees == ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]


GUANGDONG = (
    "广东省人民政府公报\n"
    "2022年第5期\n"
    "目录\n"
    "【省政府令】\n"
    "广东省公共数据管理办法…………………………（3）\n"
    "【省政府文件】\n"
    "广东省人民政府关于印发广东省数字政府建设规划的通知…………（10）\n"
    "广东省人民政府令（第290号）\n"
    "《广东省公共数据管理办法》已经省人民政府常务会议通过，现予公布，自2021年11月25日起施行。\n"
    "省长马兴瑞\n"
    "2021年10月18日\n"
    "广东省公共数据管理办法\n"
    "第一章总则\n"
    "第一条为了规范公共数据管理，制定本办法。\n"
    "广东省人民政府关于印发广东省数字政府建设规划的通知\n"
    "粤府〔2022〕5号\n"
    "各地级以上市人民政府，省政府各部门、各直属机构：\n"
    "现将《广东省数字政府建设规划》印发给你们，请认真组织实施。\n"
    "广东省人民政府\n"
    "2022年1月20日\n"
    "广东省数字政府建设规划\n"
    "一、总体要求\n"
)
ANNOUNCEMENT = (
    "某某市人民政府办公室关于某某道路封闭施工的通告\n"
    "（第1号）\n"
    "因道路施工需要，决定对某某路实施封闭。\n"
    "2022年5月1日\n"
)
NO_TOC_BULLETIN = (
    "某某市人民政府公报\n"
    "2022年第1期\n"
    "某某市财政局关于做好预算执行工作的意见\n"
    "为做好预算执行工作，提出如下意见。\n"
    "某某市财政局\n"
    "2022年1月3日\n"
)

LAYOUTS = [
    ("guangdong-order-and-notice", GUANGDONG,
     [("广东省公共数据管理办法", "办法", "广东省人民政府令第290号", "2021-10-18"),
      ("广东省人民政府关于印发广东省数字政府建设规划的通知", "通知", "粤府〔2022〕5号", "2022-01-20")]),
    ("announcement-numbered", ANNOUNCEMENT,
     [("某某市人民政府办公室关于某某道路封闭施工的通告", "通告", None, "2022-05-01")]),
    ("first-title-after-masthead", NO_TOC_BULLETIN,
     [("某某市财政局关于做好预算执行工作的意见", "意见", None, "2022-01-03")]),
]


@pytest.mark.parametrize("text,expected", [r[1:] for r in LAYOUTS], ids=[r[0] for r in LAYOUTS])
def test_provincial_layouts(text, expected):
    _, docs = docs_of(text)
    got = [(d.title, d.doc_type, d.doc_number.text if d.doc_number else None, d.date) for d in docs]
    assert got == expected


def test_order_issuer_and_addressees():
    _, docs = docs_of(GUANGDONG)
    assert docs[0].issuers == ["广东省人民政府"]
    assert docs[1].issuers == ["广东省人民政府"]
    assert docs[1].addressees == ["各地级以上市人民政府", "省政府各部门", "各直属机构"]


def test_back_matter_and_colophon_belong_to_no_document():
    text = APPOINT + "《荆州市人民政府公报》简介\n《荆州市人民政府公报》是市人民政府主办的政府出版物。\n地址：荆州市沙市区\n电话：0716-1234567\n"
    clean, docs = docs_of(text)
    assert len(docs) == 1 and clean.text[:docs[0].end].endswith("副局长；")
    text = APPOINT + "主办：荆州市人民政府办公室\n地址：荆州市沙市区\n"
    clean, docs = docs_of(text)
    assert clean.text[:docs[0].end].endswith("副局长；")


@pytest.mark.parametrize("text", [
    "\n\n荆州市人民政府公报\n\n荆州市人民政府办公室主办 2022 年第 8-9 期(总第 120-121",  # front matter only
    "荆州市人民政府公报\n目录\n1.甲关于乙的通知3\n",
    "a",
], ids=["masthead-only", "toc-only", "one-char"])
def test_text_without_documents_gets_one_nonempty_home(text):
    clean, docs = docs_of(text)
    assert len(docs) == 1 and docs[0].title is None and docs[0].end > docs[0].start


GLUED = [
    # signature run onto the last paragraph, date on its own line
    ("signature-glued", OPINION.replace("坚持人民至上。\n武汉市人民政府办公厅\n", "坚持人民至上。武汉市人民政府办公厅\n"),
     ["武汉市人民政府办公厅"], "2021-11-19"),
    # signature and date both run onto the last paragraph
    ("signature-and-date-glued",
     OPINION.replace("坚持人民至上。\n武汉市人民政府办公厅\n2021年11月19日\n",
                     "坚持人民至上，加强组织领导，强化部门协同，确保各项任务落到实处。武汉市人民政府办公厅2021年11月19日\n"),
     ["武汉市人民政府办公厅"], "2021-11-19"),
    # 版头 printed without 文件
    ("head-without-文件", "荆州市人民政府办公室\n荆政办发〔2022〕16号\n关于印发体育发展办法的通知\n各县、市、区人民政府：\n"
     "现印发给你们。\n2022年9月17日\n", ["荆州市人民政府办公室"], "2022-09-17"),
]


@pytest.mark.parametrize("text,issuers,date", [g[1:] for g in GLUED], ids=[g[0] for g in GLUED])
def test_glued_signature_and_bare_head(text, issuers, date):
    _, docs = docs_of(text)
    assert len(docs) == 1 and docs[0].issuers == issuers and docs[0].date == date


def test_title_missing_in_body_comes_from_toc():
    text = ("某某市人民政府公报\n目录\n1.某某市人民政府关于做好甲工作的通知3\n"
            "某某市人民政府文件\n某政发〔2022〕1号\n各县、市、区人民政府：\n现将有关事项通知如下。\n2022年1月1日\n")
    _, docs = docs_of(text)
    assert [(d.title, d.doc_type, d.doc_number.text) for d in docs] == [
        ("某某市人民政府关于做好甲工作的通知", "通知", "某政发〔2022〕1号")]


RULES = [
    ("D01-head", WUHAN, ["D01"]),
    ("D07-title-then-number", NOTICE, ["D07"]),
    ("D02-title-run-onto-paragraph", "加强指导。（责任单位：市统计局）市人民政府办公室关于印发丙方案的通知\n荆政办发〔2022〕19号\n现印发给你们。\n",
     ["D02"]),
    ("D03-number-then-title", OPINION, ["D03"]),
    ("D05-order", ORDER, ["D05"]),
    ("D06-title-run-into-addressees", JOINT.split("\n", 3)[3], ["D06"]),
    ("D07-title-then-addressee", "甲市人民政府关于乙的通知\n各县、市、区人民政府：\n现通知如下。\n", ["D07"]),
    ("D08-title-note", REPORT, ["D08"]),
    ("D09-关于-after-date", OPINION + "甲市人民政府关于表彰先进的通报\n过去一年成绩显著。\n", ["D03", "D09"]),
    ("D09-关于-after-date-and-附注", OPINION + "（此件公开发布）\n甲市人民政府关于表彰先进的通报\n过去一年成绩显著。\n",
     ["D03", "D09"]),
    ("D10-title-in-toc", "某某市人民政府公报\n目录\n1.某某市统计局关于发布统计数据的公告3\n"
     "某某市统计局关于发布统计数据的公告\n现将数据公告如下。\n", ["D10"]),
    ("D11-first-title-after-masthead", NO_TOC_BULLETIN, ["D11"]),
    ("D12-appointments", APPOINT, ["D12"]),
]


@pytest.mark.parametrize("text,rules", [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_start_rules(text, rules):
    clean = CleanText.identity(text)
    assert [r for r, _, _ in explain_starts(clean, parse_bulletin(clean, text))] == rules
    assert set(rules) <= set(DOC_START_RULES)


WRAPPED = [
    # the first line of a wrapped title already ends in a 文种 word (方案)
    ("first-line-ends-in-方案",
     "荆州市人民政府办公室关于印发荆州市推动工业互联网创新发展三年行动方案\n（2022—2024年）的通知\n荆政办发〔2022〕17号\n各县、市、区人民政府：\n现印发给你们。\n2022年9月19日\n",
     "荆州市人民政府办公室关于印发荆州市推动工业互联网创新发展三年行动方案（2022—2024年）的通知", "荆政办发〔2022〕17号"),
    ("three-lines",
     "荆州市人民政府办公室关于印发\n荆州市工程建设领域保障农民工工资支付\n暂行办法的通知\n荆政办发〔2022〕16号\n各县、市、区人民政府：\n现印发。\n2022年9月17日\n",
     "荆州市人民政府办公室关于印发荆州市工程建设领域保障农民工工资支付暂行办法的通知", "荆政办发〔2022〕16号"),
    ("wrapped-into-addressees",
     "武汉市人民政府关于印发某某行动方案\n（2021—2023年）的通知各区人民政府,市人民政府各部门:\n经研究,现印发。\n2021年12月20日\n",
     "武汉市人民政府关于印发某某行动方案（2021—2023年）的通知", None),
]


@pytest.mark.parametrize("text,title,number", [w[1:] for w in WRAPPED], ids=[w[0] for w in WRAPPED])
def test_wrapped_titles(text, title, number):
    _, docs = docs_of(text)
    assert [(d.title, d.doc_number.text if d.doc_number else None) for d in docs] == [(title, number)]


def test_attachments_from_headings_when_no_list():
    text = NOTICE + "附件1\n建筑类火灾扑救处置预案\n一、适用范围\n附件2\n仓库类火灾扑救处置预案\n"
    _, docs = docs_of(text)
    assert docs[0].attachments == ["建筑类火灾扑救处置预案", "仓库类火灾扑救处置预案"]


def test_registration_number_inside_header_block():
    text = WUHAN.replace("武政规〔2021〕18号\n", "武政规〔2021〕18号\nWHGR—2021—00018\n")
    _, docs = docs_of(text)
    assert [(d.title, d.doc_number.text, d.addressees) for d in docs] == [
        ("市人民政府关于印发推进大健康产业发展政策措施的通知", "武政规〔2021〕18号", ["各区人民政府", "市人民政府各部门"])]


def test_title_run_together_with_number():
    text = NOTICE.replace("的通知\n荆政办发", "的通知荆政办发", 1)
    _, docs = docs_of(text)
    assert [(d.title, d.doc_number.text, d.date) for d in docs] == [
        ("荆州市人民政府办公室关于印发荆州市体育发展办法的通知", "荆政办发〔2022〕16号", "2022-09-17")]


def test_title_run_together_with_number_ending_in_函():
    text = NOTICE.replace("的通知\n荆政办发〔2022〕16号", "的通知鄂政函发〔2022〕3号", 1)
    _, docs = docs_of(text)
    assert docs[0].doc_number.text == "鄂政函发〔2022〕3号"


def test_plan_under_running_masthead():
    # the masthead survives only in the raw source (the cleaner removed the running head)
    source = "随州市人民政府公报\n" + PLAN
    clean = CleanText.identity(PLAN)
    docs = find_documents(clean, parse_bulletin(clean, source))
    assert [(d.title, d.doc_type) for d in docs] == [("随州市卫生健康事业发展“十四五”规划", "规划")]


ISSUER_SPLIT = [
    ("after-版头-and-文号",
     "山西省人民政府文件\n晋政发〔2023〕5号\n山西省人民政府\n关于加快发展养老服务业的实施意见\n各市、县人民政府，省人民政府各委、厅，各直属机构：\n"
     "为积极应对人口老龄化，现提出如下实施意见。\n山西省人民政府\n2023年2月16日\n",
     ("山西省人民政府关于加快发展养老服务业的实施意见", "意见", "晋政发〔2023〕5号", "2023-02-16")),
    ("title-first",
     "山东省人民政府办公厅\n关于进一步做好稳就业工作的通知\n鲁政办字〔2023〕45号\n各市人民政府：\n现将有关事项通知如下。\n2023年3月20日\n",
     ("山东省人民政府办公厅关于进一步做好稳就业工作的通知", "通知", "鲁政办字〔2023〕45号", "2023-03-20")),
]


@pytest.mark.parametrize("text,expected", [r[1:] for r in ISSUER_SPLIT], ids=[r[0] for r in ISSUER_SPLIT])
def test_title_split_between_issuer_and_关于(text, expected):
    _, docs = docs_of(text)
    assert [(d.title, d.doc_type, d.doc_number.text, d.date) for d in docs] == [expected]


def _clean_without_line(source, line):
    """A CleanText whose cleaner dropped ``line`` (as a running head) from ``source``."""
    from array import array

    from govdoc_extract.text.offsets import line_starts_of

    cut = source.index(line + "\n")
    text = source[:cut] + source[cut + len(line) + 1:]
    offs = list(range(cut)) + list(range(cut + len(line) + 1, len(source) + 1))
    return CleanText(text, array("q", offs), source, line_starts_of(source))


def test_issuer_line_removed_by_the_cleaner_is_read_back():
    source = ("山东省人民政府办公厅文件\n鲁政办字〔2023〕45号\n山东省人民政府办公厅\n关于进一步做好稳就业工作的通知\n"
              "各市人民政府：\n现将有关事项通知如下。\n山东省人民政府办公厅\n2023年3月20日\n")
    clean = _clean_without_line(source, "山东省人民政府办公厅")
    docs = find_documents(clean, None)
    assert [(d.title, d.doc_number.text) for d in docs] == [
        ("山东省人民政府办公厅关于进一步做好稳就业工作的通知", "鲁政办字〔2023〕45号")]


def test_bare_人事任免_column_ends_the_document_and_starts_none():
    text = OPINION + "人事任免\n2021年11月17日，市人大常委会决定：任命张三为副市长。\n"
    clean, docs = docs_of(text)
    assert [d.title for d in docs] == ["市人民政府办公厅关于推进人工影响天气工作高质量发展的意见"]
    assert clean.text[:docs[0].end].endswith("2021年11月19日")
    assert [r for r, _, _ in explain_starts(clean, None)] == ["D03", "X01"]


# --- the stdlib patterns of documents.py match as the regex module does

import regex as _regex  # noqa: E402
from hypothesis import given, settings, strategies as st  # noqa: E402

from govdoc_extract.segment import documents as _D  # noqa: E402

_ALPHABET = st.sampled_from(list("印发转批布颁的通知决定甲乙《》（）\n ，") + ["\U00020000", "\u0301", "\uff0c"])


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.integers(0, 10))
def test_stdlib_patterns_match_as_the_regex_module(s, pos):
    for pat in (_D.PUBLISH_RE, _D.QUOTED_RE):
        assert pat.findall(s) == _regex.findall(pat.pattern, s)
        m, r = pat.search(s, pos), _regex.compile(pat.pattern).search(s, pos)
        assert (m and m.span()) == (r and r.span())


def test_sentence_punct_is_its_characters_and_no_other():
    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert "".join(_D._SENTENCE_PUNCT.findall(everything)) == "".join(sorted("。；！？：:，,"))


@pytest.mark.parametrize("kind,line", [
    ("title_addr", "加强指导。荆州市人民政府关于印发体育规划的通知各县、市、区人民政府："),
    ("title_num", "加强指导。荆州市人民政府关于印发体育规划的通知荆政发〔2022〕8号"),
])
def test_a_title_line_cut_anywhere_gives_its_title_from_the_cut(kind, line):
    """A document starting mid-line cuts its first line; cut inside the title, the
    title's pattern no longer matches the cut (it raised): the title runs from the cut."""
    lines = [_D._Line(0, len(line), line, line)]
    title_end = line.index("通知") + 2
    for off in range(len(line)):
        got = _D._title_between(lines, [kind], 0, 0, off)
        want = line[off:title_end] if off < title_end else None  # (past the title: none)
        assert got == (_D._norm_title(want) if want else None), off


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("体育发展规划() \u3000（）")), max_size=14),
       st.lists(st.text(st.sampled_from(list("体育发展规划() \u3000（）")), max_size=20), max_size=5))
def test_similar_to_any_normalises_only_what_it_skips_safely(a, names):
    """With ``norm``, the names skipped unnormalised could not have passed: the same answer as
    normalising them all first (what _find_starts did with the embedded names)."""
    expected = _D.similar_to_any(a, [_D._norm_title(e) for e in names], _D.SIM_EMBEDDED)
    assert _D.similar_to_any(a, names, _D.SIM_EMBEDDED, _D._norm_title) == expected
