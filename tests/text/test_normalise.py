"""The cleaner: (source → cleaned text) rows, one per PDF/web extraction artefact.

Rules were developed on the seed bulletins in ``samples/`` (荆州, 石首, 随州,
武汉 公报) and on the web/legal-database export shapes listed in issue 2;
rows use inline strings shaped like those documents, not the seeds themselves.
"""

from __future__ import annotations

import pytest

from govdoc_extract.text.normalise import BOILERPLATE_LABELS, normalise
from govdoc_extract.text.offsets import span_is_faithful

# 18 characters per printed line, as in a two-column 公报 page
WRAPPED = (
    "为了规范工程建设领域农民工工资支付行\n"
    "为，保障农民工按时足额获得工资，根据\n"
    "有关法律法规，结合本市实际，制定本办\n"
    "法。\n"
)
PAGE = "\n\n荆州市人民政府公报\n\n"

# (id, source, expected cleaned text, why)
ROWS = [
    # ---- bold-font doubling and spaces ----
    ("doubled-bold", "锚定锚定““定盘星定盘星””吹响吹响““集结号集结号””\n", "锚定“定盘星”吹响“集结号”",
     "bold fonts are extracted twice, run by run"),
    ("doubled-whole-line", "石首加快推进区域性医疗健康中心建设石首加快推进区域性医疗健康中心建设\n",
     "石首加快推进区域性医疗健康中心建设", "a title printed twice on one line"),
    ("not-doubled-prose", "哈尔滨市人民政府关于加强管理的通知\n", "哈尔滨市人民政府关于加强管理的通知",
     "one repeated char is not a doubled line"),
    ("spaces-in-date", "2022 年 9 月 19 日\n", "2022年9月19日", "spaces inside numbers and dates"),
    ("ideographic-spaces", "第一条\u3000为了规范\u3000\u3000行为。\n", "第一条为了规范行为。", "U+3000 inside Chinese"),
    ("latin-words-keep-one-space", "推广 IPv6   over SDN 技术\n", "推广IPv6 over SDN技术", "Latin words stay apart"),
    ("full-width-digits", "到２０２５年达到９０％以上，ＧＤＰ增长６．５％\n", "到2025年达到90%以上，GDP增长6.5%",
     "full-width digits, letters and signs folded"),
    ("full-width-punct-kept", "（一）总体要求：坚持；\n", "（一）总体要求：坚持；", "Chinese punctuation as written"),
    # ---- page furniture ----
    ("page-number-dashes", "第一条　本办法。\n- 12 -\n第二条　施行。\n", "第一条本办法。\n第二条施行。", "page number"),
    ("page-number-bare", "第一条本办法。\n12\n第二条施行。\n", "第一条本办法。\n第二条施行。", "page number"),
    ("page-number-di-ye", "第一条本办法。\n第 3 页\n第二条施行。\n", "第一条本办法。\n第二条施行。", "page number"),
    ("running-header", "本办法自2022年9月" + PAGE + "19日起施行。" + PAGE + "第二条" + PAGE,
     "本办法自2022年9月\n19日起施行。\n第二条", "masthead repeated between pages"),
    ("running-header-form-feed", "一、总体要求\n\f武汉市人民政府公报\n\n二、主要目标\n\f武汉市人民政府公报\n\n三、保障\n\f武汉市人民政府公报\n",
     "一、总体要求\n二、主要目标\n三、保障", "pdftotext starts each page with a form feed"),
    ("zero-width-and-soft-hyphen", "数字\u200b经济\u00ad发展\ufeff规划\n", "数字经济发展规划", "invisible characters dropped"),
    ("running-header-crlf", ("一、总体要求" + PAGE + "二、主要目标" + PAGE + "三、保障" + PAGE).replace("\n", "\r\n"),
     "一、总体要求\n二、主要目标\n三、保障", "same with CRLF"),
    ("header-mid-paragraph", "为了规范工程建设领域农民工工资支付行为，保障农民工按时足额获得工资，根据有关法律法规，结合本市" + PAGE
     + "实际，制定本办法。" + PAGE + "第二条" + PAGE, "为了规范工程建设领域农民工工资支付行为，保障农民工按时足额获得工资，根据有关法律法规，结合本市实际，制定本办法。\n第二条",
     "a paragraph cut by a page break is joined"),
    ("repeated-heading-kept", "一、总体要求\n内容。\n一、总体要求\n内容。\n一、总体要求\n", "一、总体要求\n内容。\n一、总体要求\n内容。\n一、总体要求",
     "headings are never running headers"),
    # ---- hard wraps ----
    ("narrow-column-joined", WRAPPED, "为了规范工程建设领域农民工工资支付行为，保障农民工按时足额获得工资，根据有关法律法规，结合本市实际，制定本办法。",
     "hard-wrapped column"),
    ("headings-not-joined", "一、总体要求\n（一）指导思想\n以习近平新时代中国特色社会主义思想为指导。\n",
     "一、总体要求\n（一）指导思想\n以习近平新时代中国特色社会主义思想为指导。", "headings start paragraphs"),
    ("heading-after-wrap", WRAPPED + "第二条　本办法适用于本市行政区域内。\n",
     "为了规范工程建设领域农民工工资支付行为，保障农民工按时足额获得工资，根据有关法律法规，结合本市实际，制定本办法。\n第二条本办法适用于本市行政区域内。",
     "第X条 starts a paragraph"),
    ("comma-start-joins", "建设单位应当按月\n，足额拨付。\n", "建设单位应当按月，足额拨付。", "a line cannot start with ，"),
    ("open-bracket-joins", "创建特色名科。（责任单位：\n市委组织部、市人社局）\n2.全力引进人才。\n",
     "创建特色名科。（责任单位：市委组织部、市人社局）\n2.全力引进人才。", "the bracket is still open"),
    ("open-bracket-no-bracket-next", "倾斜。（责任单位：\n市委组织部、市人社局、市\n财政局）\n", "倾斜。（责任单位：市委组织部、市人社局、市财政局）",
     "the closing bracket is two lines down"),
    ("prose-cut-by-page-break", "丰富爱国卫生工作内涵，推动将“疫”时好习惯形成“疫”\n\n后长效机制。\n", "丰富爱国卫生工作内涵，推动将“疫”时好习惯形成“疫”后长效机制。",
     "a comma marks prose; no sentence end: the paragraph goes on"),
    ("annotation-then-signature", "到2025年，比例达到38.5%以上（责任单位：市体育局）\n荆州市人民政府办公室\n2022年9月17日\n",
     "到2025年，比例达到38.5%以上（责任单位：市体育局）\n荆州市人民政府办公室\n2022年9月17日", "the signature is not prose"),
    ("doc-number-and-date-stand-alone", "关于加强管理的通知\n国办发〔2022〕14号\n",
     "关于加强管理的通知\n国办发〔2022〕14号", "发文字号 line"),
    ("comma-heading-short-not-joined", "优化服务体系，注入活力\n石首市委把加快医疗卫生事业发展作为重要内容。\n",
     "优化服务体系，注入活力\n石首市委把加快医疗卫生事业发展作为重要内容。", "a short titled line stays"),
    ("balanced-bracket-no-join", "（一）主要任务：\n加强建设。\n", "（一）主要任务：\n加强建设。", "： ends a heading"),
    ("table-row-tabs-kept", "指标\t2020年\t2025年\n婴儿死亡率(‰)\t5.2\t≤5\n", "指标\t2020年\t2025年\n婴儿死亡率(‰)\t5.2\t≤5",
     "table cells keep their tabs, rows are not joined"),
    ("edge-tabs-dropped", "\t第一条\t\n", "第一条", "tabs at line ends are layout"),
    # ---- bullets ----
    ("bullet-artefact", "- 第四名：荆州市\n- 第五名：宜昌市\n", "第四名：荆州市\n第五名：宜昌市", "'- ' from PDF lists"),
    ("bullet-dot", "• 加强监管。\n", "加强监管。", "'• ' bullet"),
    ("minus-number-kept", "-5%以内\n", "-5%以内", "a sign, not a bullet"),
    # ---- web / legal-database exports ----
    ("source-link", "第一条本办法。\n来源：荆州市人民政府网\n第二条施行。\n", "第一条本办法。\n第二条施行。",
     "来源： line"),
    ("publication-time", "发布时间：2022-09-19 10:30 来源：市政府办公室 浏览次数：1024\n第一条本办法。\n", "第一条本办法。",
     "page metadata line"),
    ("pkulaw-citation", "第一条本办法。\n【法宝引证码】CLI.12.345678\n【原文链接】http://www.pkulaw.cn/x.html\n", "第一条本办法。",
     "citation code and link"),
    ("bare-url", "第一条本办法。\nhttps://www.gov.cn/zhengce/content/2022-09/19/content_123.htm\n", "第一条本办法。", "URL line"),
    ("print-close-buttons", "第一条本办法。\n【打印本页】【关闭窗口】\n【字体：大 中 小】\n", "第一条本办法。", "web buttons"),
    ("title-repeated-two-lines", "国务院办公厅关于加强数字政府建设的指导意见\n国务院办公厅关于加强数字政府建设的指导意见\n国办发〔2022〕14号\n",
     "国务院办公厅关于加强数字政府建设的指导意见\n国办发〔2022〕14号", "web page heading + document title"),
    ("title-repeated-blank-between", "某某市人民政府关于某事项的通知\n\n某某市人民政府关于某事项的通知\n", "某某市人民政府关于某事项的通知",
     "blank lines in between"),
    ("data-source-note-kept", "数据来源：市统计局\n", "数据来源：市统计局", "not a page label"),
    ("laiyuan-in-prose-kept", "来源于群众的意见要认真办理。\n", "来源于群众的意见要认真办理。", "来源 without ："),
    ("doc-number-label-kept", "【发文字号】国办发〔2022〕14号\n", "【发文字号】国办发〔2022〕14号", "kept for the segmenter"),
    ("one-long-line", "某某市人民政府关于印发某某办法的通知　　各区人民政府：　　现将某某办法印发给你们，请认真贯彻执行。"
     "第一条为了规范管理，制定本办法。第二条本办法适用于本市。第三条市政府负责组织实施。" + "本办法所称管理，是指依法进行的管理活动。" * 20
     + "第四条本办法自2022年10月1日起施行。\n",
     "某某市人民政府关于印发某某办法的通知各区人民政府：\n现将某某办法印发给你们，请认真贯彻执行。\n第一条为了规范管理，制定本办法。\n"
     "第二条本办法适用于本市。\n第三条市政府负责组织实施。" + "本办法所称管理，是指依法进行的管理活动。" * 20 + "\n第四条本办法自2022年10月1日起施行。",
     "a web page run into one line is split before its headings and at paragraph indents"),
    ("short-long-line-not-split", "要求：一、加强领导。二、落实责任。\n", "要求：一、加强领导。二、落实责任。",
     "short lines are paragraphs already"),
]


@pytest.mark.parametrize("source, expected", [r[1:3] for r in ROWS], ids=[r[0] for r in ROWS])
def test_clean(source, expected):
    c = normalise(source).clean
    assert c.text == expected
    # and every cleaned line maps back faithfully
    pos = 0
    for line in c.text.split("\n"):
        s, e = c.trim(pos, pos + len(line))
        if s < e:
            assert span_is_faithful(source, c.text[s:e], c.span(s, e))
        pos += len(line) + 1


def test_row_ids_unique():
    ids = [r[0] for r in ROWS]
    assert len(ids) == len(set(ids))


def test_counts_of_removed_things():
    src = ("锚定锚定““定盘星定盘星””\n" + PAGE * 3 + "来源：某网站\n" + "甲乙丙丁戊己庚\n" * 2)
    got = normalise(src)
    assert got.undoubled_lines == 1
    assert got.headers == ("荆州市人民政府公报",) and got.header_lines == 3
    assert got.boilerplate_lines == 2  # the 来源 line and the repeated line


def test_boilerplate_labels_unique():
    assert len(BOILERPLATE_LABELS) == len(set(BOILERPLATE_LABELS))


def test_every_line_a_page_header_cleans_to_nothing():
    assert normalise(PAGE * 1000).clean.text == ""


def test_empty_and_whitespace():
    for src in ["", "\n\n", " \u3000\t\r\n"]:
        c = normalise(src).clean
        assert c.text == "" and list(c.to_source) == [len(src)]


def test_keep_next_is_the_gate_of_kept_spaces():
    """_KEEP_NEXT (one scan over the characters after the space runs) lets through exactly the
    characters the per-run check would look at further: a Latin letter/digit or a _may_fuse one."""
    import sys

    from govdoc_extract.text import normalise as N

    for c in map(chr, range(sys.maxunicode + 1)):
        assert (N._KEEP_NEXT.match(c) is not None) == (c in N._ALNUM or N._may_fuse(c)), hex(ord(c))


def _doubled_runs_by_definition(t):
    """At each position the shortest run (≤ 12) that repeats right after itself, every length tried."""
    keep, n, i = [], len(t), 0
    while i < n:
        for k in range(1, min(12, (n - i) // 2) + 1):
            if t[i:i + k] == t[i + k:i + 2 * k]:
                keep.append((i, k))
                i += 2 * k
                break
        else:
            return None
    return keep


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=500)
@given(st.text("ab锚定“”", max_size=40) | st.text("ab锚定", min_size=1, max_size=6).map(lambda r: (r + r) * 3))
def test_doubled_runs_tries_only_lengths_whose_first_character_comes_back(t):
    from govdoc_extract.text.normalise import _doubled_runs

    assert _doubled_runs(t) == _doubled_runs_by_definition(t)
