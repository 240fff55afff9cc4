"""Section tree: paragraphs → nested nodes with path ids, headings and own-text spans.

Developed on the seed bulletins in ``samples/`` (荆州 2022 第8-9期: 办法 with
章/条, 方案 with 一、/（一）/1.; 武汉 2021 第18期: 条 without 章, 专栏 boxes,
附件 plans, 通报 name tables; 随州 规划: indicator tables and boxes). The
inline cases below are written from those shapes, not copied from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govdoc_extract.segment.sections import build_sections
from govdoc_extract.segment.types import DocumentNode, SectionNode
from govdoc_extract.text.offsets import CleanText

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def build(text: str, title: str | None = None) -> tuple[CleanText, list[SectionNode]]:
    clean = CleanText.identity(text)
    return clean, build_sections(clean, DocumentNode(0, len(text), 0, title=title), "d1")


def outline(text: str, title: str | None = None) -> list[tuple[str, str, str | None]]:
    _, roots = build(text, title)
    return [(n.id, n.kind, n.heading) for r in roots for n in r.walk()]


def ids(text: str, title: str | None = None) -> list[str]:
    return [i for i, _, _ in outline(text, title)]


REGULATION = "\n".join([
    "第一章总则",
    "第一条为了规范工程建设领域农民工工资支付行为，制定本办法。",
    "第二条本办法适用于本市行政区域。",
    "第二章主体责任",
    "第三条建设单位应当约定下列事项：",
    "（一）工程款的计量周期；",
    "（二）人工费用的总额。",
    "人工费用总额等事项需要修改的，应当签订补充协议。",
    "第四条本办法自2022年10月1日起施行。",
])

PLAN = "\n".join([
    "为贯彻落实有关部署，制定本方案。",
    "一、总体要求",
    "以习近平新时代中国特色社会主义思想为指导。",
    "二、重点任务",
    "（一）提升网络基础设施",
    "1.推动“双千兆”网络建设。以5G网络全覆盖为重点，加快部署5G基站。",
    "2.实施企业内外网升级改造。引导各基础电信运营商开展改造。",
    "（二）构建工业互联网平台体系",
    "3.加快标识解析二级节点建设。搭建二级节点。",
    "三、保障措施",
    "（一）强化统筹协调。充分发挥领导小组作用。",
])

CASES = [
    # (text, title, expected (id, kind, heading) outline, why)
    (REGULATION, None, [
        ("d1/ch1", "chapter", "总则"),
        ("d1/ch1/art1", "article", None),
        ("d1/ch1/art2", "article", None),
        ("d1/ch2", "chapter", "主体责任"),
        ("d1/ch2/art3", "article", None),
        ("d1/ch2/art3/ii1", "item2", None),
        ("d1/ch2/art3/ii2", "item2", None),
        ("d1/ch2/art4", "article", None),
    ], "条 in 章 numbered on across chapters; 项 in 条; no heading for 条 or enumerated 项"),
    (PLAN, None, [
        ("d1/p1", "paragraph", None),
        ("d1/i1", "item1", "总体要求"),
        ("d1/i2", "item1", "重点任务"),
        ("d1/i2/ii1", "item2", "提升网络基础设施"),
        ("d1/i2/ii1/iii1", "item3", "推动“双千兆”网络建设"),
        ("d1/i2/ii1/iii2", "item3", "实施企业内外网升级改造"),
        ("d1/i2/ii2", "item2", "构建工业互联网平台体系"),
        ("d1/i2/ii2/iii3", "item3", "加快标识解析二级节点建设"),
        ("d1/i3", "item1", "保障措施"),
        ("d1/i3/ii1", "item2", "强化统筹协调"),
    ], "GB/T 9704 levels; 1. numbered on across （一）（二）; run-in headings cut at 。"),
    ("一、主要任务\n1.推进项目建设。加快进度。\n2.落实配套政策。研究出台。\n二、保障措施\n（一）加强领导\n1.建立机制。明确分工。",
     None, [
         ("d1/i1", "item1", "主要任务"),
         ("d1/i1/iii1", "item3", "推进项目建设"),
         ("d1/i1/iii2", "item3", "落实配套政策"),
         ("d1/i2", "item1", "保障措施"),
         ("d1/i2/ii1", "item2", "加强领导"),
         ("d1/i2/ii1/iii1", "item3", "建立机制"),
     ], "item3 directly under item1, later under item2"),
    ("1.总体要求\n（一）指导思想\n坚持创新驱动。\n（二）基本原则\n2.主要任务\n（一）推进改造",
     None, [
         ("d1/iii1", "item3", "总体要求"),
         ("d1/iii1/ii1", "item2", "指导思想"),
         ("d1/iii1/ii2", "item2", "基本原则"),
         ("d1/iii2", "item3", "主要任务"),
         ("d1/iii2/ii1", "item2", "推进改造"),
     ], "a kind seen first is above kinds first seen later (1. above （一） here)"),
    ("一、支持新药研发。对创新药给予奖励。\n二、三类医疗器械注册证获证企业给予支持。\n二、推动生物育种创新。鼓励企业开展试验。",
     None, [
         ("d1/i1", "item1", "支持新药研发"),
         ("d1/i2", "item1", "推动生物育种创新"),
     ], "二、三类… is a numeral list in a sentence, not item 2"),
    ("一、工作目标\n到2025年建成体系。\n（3）此处为正文中的括号数字。\n二、工作任务",
     None, [
         ("d1/i1", "item1", "工作目标"),
         ("d1/i2", "item1", "工作任务"),
     ], "a stray （3） that does not start a list is text"),
    ("第四节提升全民健康水平\n发展“健康+医疗”。\n第五节提高社会保障能力\n第十二章完善社会治理体系\n第一节推进民主法治建设",
     None, [
         ("d1/sec4", "section", "提升全民健康水平"),
         ("d1/sec5", "section", "提高社会保障能力"),
         ("d1/ch12", "chapter", "完善社会治理体系"),
         ("d1/ch12/sec1", "section", "推进民主法治建设"),
     ], "a fragment starting mid-plan; a new outer level may start at any number"),
    ("第一章\n总则\n第一条为了规范。\n第二章\n附则\n第二条本办法自公布之日起施行。", None, [
        ("d1/ch1", "chapter", "总则"), ("d1/ch1/art1", "article", None),
        ("d1/ch2", "chapter", "附则"), ("d1/ch2/art2", "article", None),
    ], "a chapter marker alone on its line takes the next short line as heading"),
    ("第一篇开启新征程\n第一章发展环境\n第一节发展基础\n第二章指导思想\n第二篇创新驱动\n第三章科技创新", None, [
        ("d1/pt1", "part", "开启新征程"), ("d1/pt1/ch1", "chapter", "发展环境"), ("d1/pt1/ch1/sec1", "section", "发展基础"),
        ("d1/pt1/ch2", "chapter", "指导思想"), ("d1/pt2", "part", "创新驱动"), ("d1/pt2/ch3", "chapter", "科技创新"),
    ], "规划纲要: 篇 > 章 > 节, chapters numbered on across parts"),
    ("目录\n第一章发展基础……3\n第一节主要成就……4\n第二章指导思想……8\n第一章发展基础\n第一节主要成就\n成就显著。\n第二章指导思想",
     None, [
         ("d1/p1", "paragraph", None), ("d1/p2", "paragraph", None), ("d1/p3", "paragraph", None),
         ("d1/p4", "paragraph", None), ("d1/ch1", "chapter", "发展基础"), ("d1/ch1/sec1", "section", "主要成就"),
         ("d1/ch2", "chapter", "指导思想"),
     ], "a plan's own 目录 lists headings that are not nodes"),
    ("1总则\n1.1编制目的\n为做好应急处置工作，制定本预案。\n1.2适用范围\n2应急组织与职责\n2.1指挥机构\n"
     "2.1.1指挥部\n（1）统一指挥；\n（2）分级负责。\n2.1.2办公室\n1类生物制品\n2类生物制品", None, [
         ("d1/li1", "list_item", "总则"), ("d1/li1/li1", "list_item", "编制目的"), ("d1/li1/li2", "list_item", "适用范围"),
         ("d1/li2", "list_item", "应急组织与职责"), ("d1/li2/li1", "list_item", "指挥机构"),
         ("d1/li2/li1/li1", "list_item", "指挥部"), ("d1/li2/li1/li1/iv1", "item4", None),
         ("d1/li2/li1/li1/iv2", "item4", None), ("d1/li2/li1/li2", "list_item", "办公室"),
     ], "decimal outline of a 预案; a bare number before a word is a heading only when N.1 follows"),
    ("第一条为深入推进简政放权，制定本办法。\n第二条本办法适用于本市各类企业。\n第三条市场主体应当遵守法律。",
     None, [
         ("d1/art1", "article", None), ("d1/art2", "article", None), ("d1/art3", "article", None),
     ], "条 without 章"),
    ("一、总体要求\n根据《条例》规定，现提出意见。\n第三条规定的情形除外。\n二、主要任务",
     None, [("d1/i1", "item1", "总体要求"), ("d1/i2", "item1", "主要任务")],
     "a paragraph citing 第三条 is not an article"),
    ("二、坚持就业优先战略，实现更加充分\n更高质量就业\n把稳就业放在突出位置。",
     None, [("d1/i2", "item1", "坚持就业优先战略，实现更加充分更高质量就业")],
     "a heading broken across two lines is one heading"),
    ("（一）职工组(274名)\n焊接(9名)\n第一名\t李某\t武汉一冶",
     None, [("d1/ii1", "item2", "职工组(274名)"), ("d1/ii1/tbl1", "table", "焊接(9名)")],
     "a short line above a table is its caption, not the heading's second half"),
]


@pytest.mark.parametrize("text,title,want,why", CASES, ids=[c[3][:40] for c in CASES])
def test_outline(text, title, want, why):
    assert outline(text, title) == want, why


def test_no_duplicate_cases():
    assert len({c[0] for c in CASES}) == len(CASES)


# --- embedded published text, closing lines, attachments -----------------

NOTICE = "\n".join([
    "《荆州市推动工业互联网创新发展三年行动方案（2022—2024年）》已经市人民政府同意，",
    "现印发给你们。请结合实际，认真抓好贯彻落实。",
    "荆州市人民政府办公室",
    "2022年9月19日",
    "荆州市推动工业互联网创新发展三年行动方案（2022—2024年）",
    "为贯彻落实有关部署，制定本方案。",
    "一、总体要求",
    "以新发展理念为指导。",
    "二、保障措施",
    "（一）强化统筹协调。充分发挥领导小组作用。",
    "附件：荆州市推动工业互联网创新发展三年行动方案目标分解表",
    "附件",
    "荆州市推动工业互联网创新发展三年行动方案目标分解表",
    "县市区\t2022年\t2023年",
    "荆州区\t2\t2",
])
NOTICE_TITLE = "荆州市人民政府办公室关于印发荆州市推动工业互联网创新发展三年行动方案（2022—2024年）的通知"


def test_published_text_is_a_body_node():
    _, roots = build(NOTICE, NOTICE_TITLE)
    assert [(r.id, r.kind) for r in roots] == [
        ("d1/p1", "paragraph"), ("d1/p2", "paragraph"), ("d1/p3", "paragraph"), ("d1/p4", "paragraph"),
        ("d1/body", "body"), ("d1/att1", "attachment")]
    body = roots[4]
    assert body.heading == "荆州市推动工业互联网创新发展三年行动方案（2022—2024年）"
    assert [c.id for c in body.children] == ["d1/body/i1", "d1/body/i2"]
    att = roots[5]
    assert att.heading == "荆州市推动工业互联网创新发展三年行动方案目标分解表"
    assert [(c.kind, len(c.rows)) for c in att.children] == [("table", 2)]


def test_published_title_without_a_notice_title():
    """Without the notice title, a 方案/办法 title right after the 成文日期 opens the body."""
    _, roots = build(NOTICE)
    assert "d1/body" in [r.id for r in roots]


def test_published_title_written_slightly_differently():
    text = "经研究，现将《关于促进综合保税区发展的若干措施》印发给你们。\n2021年12月9日\n关于促进综合保税区发展的若干措施\n一、优化功能定位"
    _, roots = build(text, "武汉市人民政府武汉海关印发关于促进综合保税区发展若干措施的通知")
    body = [r for r in roots if r.kind == "body"]
    assert body and body[0].heading == "关于促进综合保税区发展的若干措施"


def test_attachment_note_is_not_an_attachment():
    _, roots = build(NOTICE, NOTICE_TITLE)
    assert sum(1 for r in roots for n in r.walk() if n.kind == "attachment") == 1


def test_numbered_attachments_restart_their_lists():
    text = "一、总则\n正文。\n附件1\n建筑类火灾扑救处置预案\n一、高层建筑火灾扑救\n二、地下建筑火灾扑救\n附件3\n仓库类火灾扑救处置预案\n一、露天堆垛火灾扑救"
    got = outline(text)
    assert got == [
        ("d1/i1", "item1", "总则"),
        ("d1/att1", "attachment", "建筑类火灾扑救处置预案"),
        ("d1/att1/i1", "item1", "高层建筑火灾扑救"),
        ("d1/att1/i2", "item1", "地下建筑火灾扑救"),
        ("d1/att3", "attachment", "仓库类火灾扑救处置预案"),
        ("d1/att3/i1", "item1", "露天堆垛火灾扑救"),
    ]


def test_signature_and_date_close_the_tree():
    text = "一、加强领导\n各区要高度重视。\n武汉市人民政府\n2021年12月15日"
    _, roots = build(text)
    assert [(r.id, r.kind) for r in roots] == [("d1/i1", "item1"), ("d1/p1", "paragraph"), ("d1/p2", "paragraph")]
    assert roots[0].end == text.index("\n武汉市")


# --- boxes ---------------------------------------------------------------

BOXES = "\n".join([
    "（一）全力推进健康建设",
    "1.大力实施健康行动",
    "实施攻坚行动。",
    "专栏1主要健康问题干预重点行动",
    "01攻坚行动\t聚焦心脑血管病",
    "02卫生城市创建行动\t积极推进卫生城市建设",
    "2.巩固拓展健康扶贫成果",
    "巩固拓展成果。",
    "专栏2人才创新支点体系构建重点项目",
    "1.光谷人才计划:对顶尖人才给予资助。",
    "2.国际创业大赛:设置产业赛区。",
    "专栏2人才创新支点体系构建重点项目",
    "3.光谷奖学金:设置学生奖。",
    "3.推动科技创新发展",
])


def test_boxes():
    got = outline(BOXES)
    assert got == [
        ("d1/ii1", "item2", "全力推进健康建设"),
        ("d1/ii1/iii1", "item3", "大力实施健康行动"),
        ("d1/ii1/iii1/box1", "box", "主要健康问题干预重点行动"),
        ("d1/ii1/iii1/box1/tbl1", "table", "主要健康问题干预重点行动"),
        ("d1/ii1/iii2", "item3", "巩固拓展健康扶贫成果"),
        ("d1/ii1/iii2/box2", "box", "人才创新支点体系构建重点项目"),
        ("d1/ii1/iii2/box2/iii1", "item3", None),
        ("d1/ii1/iii2/box2/iii2", "item3", None),
        ("d1/ii1/iii2/box2/iii3", "item3", None),
        ("d1/ii1/iii3", "item3", "推动科技创新发展"),
    ], "a box holds its table or own list; the caption repeated after a page break is not a new box"


def test_indicator_table_category_rows_are_not_headings():
    text = "（四）主要目标\n专栏2“十四五”时期主要指标\n指标\t2020年\t2025年\n一、就业\n1.城镇新增就业人数(万人)\t[106.74]\t>[110]\n二、社会保障\n7.工伤保险参保人数(万人)\t[333.24]\t[380]\n（五）面临形势"
    got = outline(text)
    assert [k for _, k, _ in got] == ["item2", "box", "table", "item2"]
    _, roots = build(text)
    table = roots[0].children[0].children[0]
    assert [r[0].text for r in table.rows] == ["指标", "一、就业", "1.城镇新增就业人数(万人)", "二、社会保障", "7.工伤保险参保人数(万人)"]


# --- invariants ----------------------------------------------------------

def _check_invariants(clean: CleanText, roots: list[SectionNode]) -> None:
    seen: set[str] = set()

    def visit(n: SectionNode, lo: int, hi: int) -> None:
        assert n.id not in seen, n.id
        seen.add(n.id)
        ts, te = clean.trim(n.text_start, n.text_end)
        assert ts < te, f"{n.id}: empty own text"
        assert lo <= n.start <= n.text_start < n.text_end <= n.end <= hi, n.id
        prev_end = n.text_end
        for c in n.children:
            assert c.start >= prev_end, f"{c.id} overlaps its previous sibling"
            visit(c, n.start, n.end)
            prev_end = c.end

    prev = 0
    for r in roots:
        assert r.start >= prev
        visit(r, 0, len(clean.text))
        prev = r.end


@pytest.mark.parametrize("text,title", [(c[0], c[1]) for c in CASES] + [(NOTICE, NOTICE_TITLE), (BOXES, None)],
                         ids=[f"case{i}" for i in range(len(CASES) + 2)])
def test_invariants_inline(text, title):
    clean, roots = build(text, title)
    _check_invariants(clean, roots)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_invariants_on_samples(name):
    """The whole sample as one document: every node has own text inside its span, ids are unique."""
    from govdoc_extract.text.normalise import normalise
    from govdoc_extract.text.read import read_path

    clean = normalise(read_path(SAMPLES / name).text).clean
    roots = build_sections(clean, DocumentNode(0, len(clean.text), 0), "d1")
    assert roots
    _check_invariants(clean, roots)


# --- the seed documents through the real pipeline ------------------------

SEED_COUNTS = [
    # (sample, title fragment, articles, chapters, item1)
    ("000_928dc353425f6f36.txt", "保障农民工工资支付暂行办法", 30, 7, 0),
    ("000_928dc353425f6f36.txt", "工业互联网创新发展三年行动方案", 0, 0, 4),
    ("000_928dc353425f6f36.txt", "重特大疾病医疗保险和救助制度", 0, 0, 7),
    ("000_928dc353425f6f36.txt", "离岸科创中心运营管理办法", 18, 5, 0),
    ("000_928dc353425f6f36.txt", "医疗卫生服务体系规划", 0, 0, 9),
    ("003_c4d49d59a297b0fd.txt", "市场主体住所", 13, 0, 0),
    ("003_c4d49d59a297b0fd.txt", "城乡居民基本养老保险制度", 0, 0, 10),
    ("003_c4d49d59a297b0fd.txt", "人工影响天气", 0, 0, 3),
]


@pytest.mark.parametrize("sample,fragment,articles,chapters,item1", SEED_COUNTS, ids=[c[1] for c in SEED_COUNTS])
def test_seed_structure_counts(sample, fragment, articles, chapters, item1):
    from govdoc_extract.api import Options, extract_file

    result = extract_file(SAMPLES / sample, options=Options(only=frozenset({"reference"})))
    docs = [d for d in result.documents if d.title and fragment in d.title]
    assert len(docs) == 1

    def walk(ss):
        for s in ss:
            yield s
            yield from walk(s.children)

    kinds = [s.kind for s in walk(docs[0].sections)]
    assert (kinds.count("article"), kinds.count("chapter"), kinds.count("item1")) == (articles, chapters, item1)


def test_attachment_list_after_the_text_is_not_headings():
    text = "\n".join([
        "一、抓好粮食生产",
        "1.落实责任。各地要层层分解任务。",
        "二、强化组织领导",
        "各地各部门要高度重视。",
        "附件：1.春耕生产任务分解表",
        "2.春耕生产联络员名单",
        "浙江省人民政府办公厅",
        "2023年2月10日",
        "（此件公开发布）",
        "附件1",
        "春耕生产任务分解表",
        "地区\t播种面积（万亩）",
        "杭州市\t120",
        "附件2",
        "春耕生产联络员名单",
        "省农业农村厅：张三",
    ])
    assert outline(text) == [
        ("d1/i1", "item1", "抓好粮食生产"),
        ("d1/i1/iii1", "item3", "落实责任"),
        ("d1/i2", "item1", "强化组织领导"),
        ("d1/p1", "paragraph", None),
        ("d1/p2", "paragraph", None),
        ("d1/p3", "paragraph", None),
        ("d1/att1", "attachment", "春耕生产任务分解表"),
        ("d1/att1/tbl1", "table", "春耕生产任务分解表"),
        ("d1/att2", "attachment", "春耕生产联络员名单"),
    ]


# --- property: any mix of markers, prose and rows keeps the invariants ----

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = [
    "第一章总则", "第二章附则", "第一节概况", "第一条为了规范。", "第二条本办法适用。", "第三条规定的情形除外。",
    "一、总体要求", "二、主要任务", "三、保障措施", "一、就业", "（一）指导思想", "(二)基本原则", "（三）工程款；",
    "1.推进建设。加快进度。", "2.强化考核", "3、落实责任；", "（1）立足实战", "(2)多点调派。", "①加强领导", "2）完善机制",
    "专栏1重点项目", "专栏2重点工程", "附件", "附件1", "附件：1.任务分解表", "附件:责任清单", "目录", "表1主要指标",
    "指标\t2020年\t2025年", "婴儿死亡率(%)\t1.54\t≤5", "|甲|乙|", "||||", "2022年9月17日", "荆州市人民政府办公室",
    "以习近平新时代中国特色社会主义思想为指导。", "更高质量就业", "荆州市工程建设领域保障农民工工资支付暂行办法",
    "", "   ", "\t", "一、", "第", "（", "1.", "附件材料", "专栏", "1总则", "1.1编制目的", "1.2适用范围", "4.4.1火警调度原则",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40), st.booleans())
def test_random_documents_keep_the_invariants(pieces, with_title):
    text = "\n".join(pieces)
    title = "荆州市人民政府办公室关于印发荆州市工程建设领域保障农民工工资支付暂行办法的通知" if with_title else None
    clean, roots = build(text, title)
    _check_invariants(clean, roots)


@given(st.text(alphabet="第一二十章条节、（）()1.\t\n专栏附件：总则指标%", max_size=200))
def test_random_text_never_crashes(text):
    clean, roots = build(text)
    _check_invariants(clean, roots)


def test_box_title_on_the_next_line():
    text = "一、主要任务\n专栏3\n科技成果转化对接重点项目\n1.知识产权保护机构。\n二、保障措施"
    assert outline(text) == [
        ("d1/i1", "item1", "主要任务"),
        ("d1/i1/box3", "box", "科技成果转化对接重点项目"),
        ("d1/i1/box3/iii1", "item3", None),
        ("d1/i2", "item1", "保障措施"),
    ]


def test_box_before_the_first_heading_ends_at_it():
    text = "为促进发展，制定以下措施。\n专栏1主要目标\n到2025年，增加值占比达到70%。\n一、优化发展环境\n（一）保障公平竞争。全面落实。"
    assert outline(text) == [
        ("d1/p1", "paragraph", None),
        ("d1/box1", "box", "主要目标"),
        ("d1/i1", "item1", "优化发展环境"),
        ("d1/i1/ii1", "item2", "保障公平竞争"),
    ]


def test_a_list_restarted_under_one_parent_gets_numbered_ids():
    # the same 一、二、 list three times under the root: ids stay unique, suffixed _2, _3
    text = "一、总则\n二、目标\n一、总则\n二、目标\n一、总则"
    ids = [i for i, _, _ in outline(text)]
    assert ids == ["d1/i1", "d1/i2", "d1/i1_2", "d1/i2_2", "d1/i1_3"]


def _lines_reference(text, start, end):
    """The paragraphs of ``text[start:end]`` character by character (what ``_lines`` computes in bulk)."""
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        a, b = pos, stop
        while a < b and text[a].isspace() and text[a] != "\t":
            a += 1
        while b > a and text[b - 1].isspace() and text[b - 1] != "\t":
            b -= 1
        if b > a and text[a:b].strip():
            out.append((a, b))
        pos = stop + 1
    return out


@given(st.text(alphabet=" \t\n\u3000\u2028\x0b\x1c\u00a0一、\r", max_size=60), st.data())
def test_lines_agree_with_the_reference(text, data):
    from govdoc_extract.segment.sections import _lines

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _lines(text, start, end) == _lines_reference(text, start, end)


def test_blank_characters_are_the_whitespace_but_the_tab():
    """_lines strips _BLANKS from paragraph ends: it must be str.isspace() minus the tab (cells)."""
    from govdoc_extract.segment.sections import _BLANKS

    assert set(_BLANKS) == {c for c in map(chr, range(0x110000)) if c.isspace()} - {"\t"}


def test_every_marker_kind_has_a_level_or_is_a_container():
    # a kind without a level would nest by accident (sections.KIND_LEVEL, markers.MARKER_RULES)
    from govdoc_extract.segment import sections
    from govdoc_extract.segment.markers import MARKER_RULES

    kinds = {r.kind for r in MARKER_RULES}
    assert kinds - sections.KIND_LEVEL.keys() <= sections.CONTAINERS
    assert "outline1" in sections.KIND_LEVEL and "chapter" in kinds  # (the check sees both tables)


# --- stdlib patterns of the published-title search agree with the regex module and with _fold

import regex as _regex  # noqa: E402
from hypothesis import given, settings, strategies as st  # noqa: E402

from govdoc_extract.segment import sections as _S  # noqa: E402

_TITLE_ALPHABET = st.sampled_from(list("印发转布颁的通知告公决定甲乙（）()《》 \u3000\n，,") + ["\U00020000", "\u2f00", "\u3220",
                                                                                 "e", "\u0301", "\u1100", "\u1161", "…", "\uff0c"])


@settings(max_examples=400, deadline=None)
@given(st.text(_TITLE_ALPHABET, max_size=40))
def test_publishes_matches_as_the_regex_module_does(s):
    m = _S._PUBLISHES.search(s)
    r = _regex.search(_S._PUBLISHES.pattern, s)
    assert (m and (m.span(), m.group("t"))) == (r and (r.span(), r.group("t")))


def test_fold_drop_is_the_regex_class_over_every_code_point():
    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert _S._FOLD_DROP.sub("", everything) == _regex.sub(r"[\s《》“”\"'‘’]+", "", everything)
    assert not any(map(str.isalnum, _S._FOLD_DROP.findall(everything)))  # _fold's gate drops nothing
    assert _S._PROSE.findall(everything) == _regex.findall("[。，,；;：:！？]", everything)


@settings(max_examples=600, deadline=None)
@given(st.text(_TITLE_ALPHABET, max_size=30), st.integers(0, 20))
def test_fold_prefix_is_a_prefix_of_the_fold(line, n):
    f, whole = _S._fold_prefix(line, n)
    full = _S._fold(line)
    assert full.startswith(f)
    assert f == full if whole else len(f) > n


@settings(max_examples=400, deadline=None)
@given(st.text(st.one_of(_TITLE_ALPHABET, st.sampled_from(list("12ab发展规划²①"))), max_size=30))
def test_fold_gate_drops_nothing(s):
    """_fold skips its substitution on alphanumeric text: the same fold as always substituting."""
    import unicodedata
    assert _S._fold(s) == _S._FOLD_DROP.sub("", unicodedata.normalize("NFKC", s))


def test_paragraph_prefix_is_no_other_kinds():
    """_Builder.paragraph numbers root paragraph ids itself, outside new_id's ids: that is sound
    only while no other kind's id can take the paragraph's prefix."""
    others = [p for k, p in _S.ID_PREFIX.items() if k != "paragraph"]
    assert _S.ID_PREFIX["paragraph"] not in others
