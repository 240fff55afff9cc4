"""Heading-marker table: paragraph start → (kind, label, ordinal).

Rules developed on the seed bulletins (荆州 2022 第8-9期, 武汉 2021 第18期,
随州 “十四五” 卫生健康规划, 荆州 “十四五” 纲要 fragment) and checked against the
GB/T 9704-2012 numbering levels; PEERS.md traps (1.54, (%), (/10万),
第 8-9 期, 第十四个五年规划, 第二十二届) are rows below.
"""

import pytest

from govdoc_extract.segment.markers import MARKER_RULES, match_marker

CASES = [
    # (line, kind, label, ordinal, rest, why)
    # --- statutory levels (立法技术规范) ---
    ("第一编总则", "part", "第一编", 1, "总则", "编"),
    ("第二篇坚持创新驱动发展", "part", "第二篇", 2, "坚持创新驱动发展", "篇 of a 规划纲要"),
    ("第三部分主要任务", "part", "第三部分", 3, "主要任务", "部分 of a 规划/报告"),
    ("第一章总则", "chapter", "第一章", 1, "总则", "chapter with run-on heading (spaces removed by the cleaner)"),
    ("第十二章 完善社会治理体系", "chapter", "第十二章", 12, "完善社会治理体系", "十二 → 12, space kept"),
    ("第三章", "chapter", "第三章", 3, "", "bare chapter line"),
    ("第四节提升全民健康水平", "section", "第四节", 4, "提升全民健康水平", "节"),
    ("第十二条施工总承包单位应当在工程施工合同签订之日起30日内开立账户。", "article", "第十二条", 12,
     "施工总承包单位应当在工程施工合同签订之日起30日内开立账户。", "run-in article"),
    ("第二十条 人力资源社会保障行政部门", "article", "第二十条", 20, "人力资源社会保障行政部门", "二十 is not 十二"),
    ("第一百零五条本办法", "article", "第一百零五条", 105, "本办法", "hundreds with 零"),
    ("第三节能源保障", "section", "第三节", 3, "能源保障", "节能 across the label is still a section"),
    ("第五条所有公共数据应当编目", "article", "第五条", 5, "所有公共数据应当编目", "所有 is text, 所称 would be a citation"),
    ("第3条 本办法", "article", "第3条", 3, "本办法", "Arabic article number"),
    # --- GB/T 9704 levels ---
    ("一、总体要求", "item1", "一、", 1, "总体要求", "first level"),
    ("十一、支持创新产品应用示范。优化申报认定机制", "item1", "十一、", 11, "支持创新产品应用示范。优化申报认定机制", "十一"),
    ("二十、附则", "item1", "二十、", 20, "附则", "二十"),
    ("一.总体要求", "item1", "一.", 1, "总体要求", "a dot instead of 、 (some bulletins)"),
    ("（一）指导思想", "item2", "（一）", 1, "指导思想", "full-width brackets"),
    ("(二)基本原则", "item2", "(二)", 2, "基本原则", "half-width brackets"),
    ("（十七）加强基层能力建设。", "item2", "（十七）", 17, "加强基层能力建设。", "十七"),
    ("1.总体目标", "item3", "1.", 1, "总体目标", "dot"),
    ("3、强化人才培养", "item3", "3、", 3, "强化人才培养", "顿号"),
    ("10．加强安全防护支撑", "item3", "10．", 10, "加强安全防护支撑", "full-width dot"),
    ("（1）立足实战，就近调派", "item4", "（1）", 1, "立足实战，就近调派", "full-width"),
    ("(5)其他情况", "item4", "(5)", 5, "其他情况", "half-width"),
    ("2）完善工作机制", "item4", "2）", 2, "完善工作机制", "closing bracket only"),
    ("⑵外部进攻", "item4", "⑵", 2, "外部进攻", "parenthesised digit character"),
    ("1.1编制目的", "list_item", "1.1", 1, "编制目的", "decimal outline of a 预案 (not item 1)"),
    ("4.4.1火警调度原则", "list_item", "4.4.1", 1, "火警调度原则", "third outline level"),
    ("3.2日常备勤", "list_item", "3.2", 2, "日常备勤", "日 starts a word here"),
    ("①加强组织领导", "list_item", "①", 1, "加强组织领导", "circled digit"),
    # --- boxes and attachments ---
    ("专栏1主要健康问题干预重点行动", "box", "专栏1", 1, "主要健康问题干预重点行动", "box"),
    ("专栏11-2社会化养老发展重点", "box", "专栏11-2", 11, "社会化养老发展重点", "chapter-numbered box"),
    ("附件", "attachment", "附件", None, "", "bare attachment heading"),
    ("附件1", "attachment", "附件1", 1, "", "numbered attachment heading"),
    ("附件2：荆州市目标分解表", "attachment", "附件2", 2, "荆州市目标分解表", "numbered, with title"),
    ("附件:武汉片区责任清单", "attachment", "附件", None, "武汉片区责任清单", "half-width colon"),
    # --- leading blanks ---
    ("\u3000\u3000一、总体要求", "item1", "一、", 1, "总体要求", "ideographic indent"),
]

NOT_MARKERS = [
    # (line, why)
    ("1.54", "PEERS trap: a decimal, not item 1"),
    ("1.5万人", "decimal with unit"),
    ("(%)", "PEERS trap: unit in a table header"),
    ("(/10万)", "PEERS trap: per-100k unit"),
    ("(2021—2023年)", "year range in brackets"),
    ("第 8-9 期", "PEERS trap: issue number"),
    ("第十四个五年规划", "PEERS trap: plan name"),
    ("第二十二届职业技能大赛", "届 is not a heading level"),
    ("第十名\t李增彪", "ranking cell in a table"),
    ("1类生物制品、1类化学药", "number inside a sentence"),
    ("5岁以下儿童死亡率(%)\t2.66\t≤6", "table row starting with a number"),
    ("2025年，全市建成", "a year"),
    ("二、三类医疗器械注册证", "numeral list inside a sentence"),
    ("一是加强领导", "一是 enumerates in prose"),
    ("三、四季度是用电高峰", "a numeral list of quarters"),
    ("十四五时期", "十四五 is not a numeral"),
    ("第三条规定的情形", "a paragraph citing an article"),
    ("第五条第二款", "citing a clause"),
    ("第七条所称燃气经营者", "citing a definition"),
    ("附件材料应当齐全", "附件 as an ordinary word"),
    ("2.5亿元用于补助", "a decimal amount, not outline 2.5"),
    ("1、2号楼", "a list of numbers"),
    ("（一）", "a bare item2 marker with no text"),
    ("-1.起火点隐蔽", "dash-prefixed line"),
    ("1.5)", "a decimal before a bracket"),
    ("第一篇章", "篇章 is a word"),
    ("", "empty"),
]


@pytest.mark.parametrize("line,kind,label,ordinal,rest,why", CASES, ids=[c[0][:16] for c in CASES])
def test_marker(line, kind, label, ordinal, rest, why):
    m = match_marker(line)
    assert m is not None, why
    assert (m.kind, m.label, m.ordinal) == (kind, label, ordinal), why
    assert line[m.rest_start:] == rest, why


@pytest.mark.parametrize("line,why", NOT_MARKERS, ids=[c[0][:16] or "empty" for c in NOT_MARKERS])
def test_not_a_marker(line, why):
    assert match_marker(line) is None, why


def test_no_duplicate_cases():
    lines = [c[0] for c in CASES] + [c[0] for c in NOT_MARKERS]
    assert len(lines) == len(set(lines))


def test_rule_ids_are_unique_and_namespaced():
    ids = [r.rule for r in MARKER_RULES]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("marker.") for i in ids)


def test_every_kind_is_a_contract_kind():
    from typing import get_args

    from govdoc_extract.models import SectionKind

    assert {r.kind for r in MARKER_RULES} <= set(get_args(SectionKind))


# 第X… lines read the numeral once and then try the words (one match call instead of five);
# the result must be the one the table gives when every rule is tried in order.
DISPATCH = [
    ("第一编总则", "编"), ("第二篇坚持创新", "篇"), ("第三部分主要任务", "部分"), ("第十二章 完善", "章"),
    ("第四节提升", "节"), ("第三节能源保障", "节 before 能"), ("第五条所有", "条"), ("第3条 本办法", "Arabic"),
    ("第三条规定的", "a citation: no rule"), ("第一批试点", "批: no rule"), ("第十四个五年规划", "个: no rule"),
    ("第一百零五条本办法", "hundreds"), ("第一二三四五六七条", "numeral too long"), ("第1234条", "four digits"),
    ("第", "bare 第"), ("　第二章", "indented"), ("第二编辑部", "编辑 is not 编"),
    # the other first characters share one alternation of their rules
    ("1.1编制目的", "outline after item3"), ("1.5万人", "outline: a unit"), ("3）加强", "item4_half"), ("1.", "bare item3"),
    ("1)", "bare item4_half"), ("(1)立足实战", "item4 after item2"), ("（十四五）规划", "item2: not a numeral"),
    ("⑵加强", "paren digit"), ("（一）", "bare item2"), ("专栏3", "box"), ("附件1：表", "attachment"), ("②加强", "circled"),
]


def test_each_rule_pattern_has_only_group_n():
    # match_marker's alternations read the numeral as group 1 and the rule from the empty groups after it
    import regex

    for rule in MARKER_RULES:
        p = regex.compile(rule.pattern)
        assert (p.groups, p.groupindex) == (1, {"n": 1}), rule.rule


def _first_rule_match(line):
    """match_marker without the dispatch: every rule whose first character fits, in table order."""
    import regex

    from govdoc_extract.segment import markers

    lead = len(line) - len(line.lstrip(" \t\u3000"))
    for rule in MARKER_RULES:
        if lead >= len(line) or line[lead] not in markers._RULE_FIRST[rule.rule]:
            continue
        m = regex.compile(rule.pattern).match(line, lead)
        if m is None:
            continue
        num = m.group("n") or ""
        if num and rule.ordinal(num) is None:
            continue
        rest = markers._REST_SEP.match(line, m.end()).end()
        if rule.kind != "attachment" and rest >= len(line) and rule.kind not in ("part", "chapter", "section", "box"):
            continue
        return rule.rule, m.end()
    return None


@pytest.mark.parametrize("line,why", DISPATCH, ids=[w for _, w in DISPATCH])
def test_dispatch_agrees_with_trying_every_rule(line, why):
    mm = match_marker(line)
    assert (None if mm is None else (mm.rule, mm.end)) == _first_rule_match(line)
