"""Responsibility extractor: (sentence → lead, cooperating, form) rows.

Rules developed on the seed bulletins in ``samples/`` (荆州, 潜江, 随州, 武汉,
十堰); rows below are written inline, grouped by phenomenon.
"""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from govdoc_extract.extract.base import Context
from govdoc_extract.extract.responsibilities import LABELS, ROLE_VERBS, extract


make_ctx = Context.of_text  # one block per cleaned line, tab lines left for tables


def run(text: str):
    ctx = make_ctx(text)
    return [(d.fields["lead"], d.fields["cooperating"], d.fields["form"]) for d in extract(ctx)], ctx


CASES = [
    # --- annotations: 责任单位, first group before ，/； leads (OUTPUT.md)
    ("zeren-first-group",
     "6.推动企业上云用云。力争到2024年，规上企业上云应用全覆盖。（责任单位：市经信局，各县、市、区人民政府，荆州经开区、荆州高新区管委会）",
     [(["市经信局"], ["各县、市、区人民政府", "荆州经开区", "荆州高新区管委会"], "annotation")]),
    ("zeren-first-group-several",
     "1.优化提升新一代信息基础设施。（责任单位：市发改委、市经信局，荆州供电公司、基础电信运营商）",
     [(["市发改委", "市经信局"], ["荆州供电公司", "基础电信运营商"], "annotation")]),
    ("zeren-all-lead",
     "（二）优化市场环境。降低成本。（责任单位：市经信局、市财政局、市科技局、市城发集团）",
     [(["市经信局", "市财政局", "市科技局", "市城发集团"], [], "annotation")]),
    ("halfwidth-brackets-colon",
     "(四)体育产业高质量发展。(责任单位:市文旅局、市人社局,各县、市、区人民政府、功能区管委会)",
     [(["市文旅局", "市人社局"], ["各县、市、区人民政府", "功能区管委会"], "annotation")]),
    ("county-parenthesised-whole",
     "加强督导。（责任单位：市卫健委，各县（市、区）人民政府）",
     [(["市卫健委"], ["各县（市、区）人民政府"], "annotation")]),
    ("note-dropped-lead-first",
     "1.推动布局结构优化。(责任单位:各区人民政府〈含开发区、风景区管委会,下同〉,市发改委、市教育局)",
     [(["各区人民政府"], ["市发改委", "市教育局"], "annotation")]),
    ("note-in-round-brackets",
     "完善机构。(责任单位:市民政局、市财政局,各区人民政府(含开发区、风景区管委会,下同))",
     [(["市民政局", "市财政局"], ["各区人民政府"], "annotation")]),
    # --- annotations: explicit 牵头/配合
    ("qiantou-peihe",
     "一、引进培育头部企业。(牵头单位:市招商办;配合单位:市直各相关部门,各区人民政府〈含开发区、风景区管委会,下同〉)",
     [(["市招商办"], ["市直各相关部门", "各区人民政府"], "annotation")]),
    ("qiantou-unlabelled-second",
     "创新养老服务模式。(牵头单位:市卫健委;市民政局)",
     [(["市卫健委"], ["市民政局"], "annotation")]),
    ("qiantou-only",
     "支持第三方服务机构发展。(牵头单位:市卫健委)",
     [(["市卫健委"], [], "annotation")]),
    ("several-in-one-paragraph",
     "优化申报认定机制。(牵头单位:市科技局;配合单位:市经信局)实施应用示范工程。(牵头单位:市经信局;配合单位:市科技局、市卫健委)",
     [(["市科技局"], ["市经信局"], "annotation"), (["市经信局"], ["市科技局", "市卫健委"], "annotation")]),
    ("annotation-cut-by-line-break",
     "2.全力引进高层次人才。予以倾斜。（责任单位：\n市委组织部、市人社局）",
     [(["市委组织部", "市人社局"], [], "annotation")]),
    ("bare-label-at-end",
     "3.加快项目建设。责任单位：市发改委、市住建局",
     [(["市发改委", "市住建局"], [], "annotation")]),
    # --- prose
    ("you-fuze-jieshi", "第十八条本办法自印发之日起实施，由领导小组办公室负责解释。",
     [(["领导小组办公室"], [], "prose")]),
    ("huitong", "根据国民经济和社会发展水平,生态补偿标准由市林业主管部门会同市财政部门适时评估调整。",
     [(["市林业主管部门"], ["市财政部门"], "prose")]),
    ("peihe-reverses", "公安部门配合卫生健康部门做好溯源调查和疫点、疫区的封控管理。",
     [(["卫生健康部门"], ["公安部门"], "prose")]),
    ("you-tongyi", "申报承诺文书由市市场监管局统一制定。", [(["市市场监管局"], [], "prose")]),
    ("qiantou-peihe-prose", "建立联席会议制度，由市文旅局负责牵头，各责任单位为成员单位。", [(["市文旅局"], [], "prose")]),
    ("huitong-dengbumen", "专项资金管理办法由市卫健委会同市财政局、市发改委等部门另行制定。",
     [(["市卫健委"], ["市财政局", "市发改委"], "prose")]),
    # --- not responsibilities
    ("regulated-party-not-organ", "其工资由施工总承包单位和分包单位核定后，经农民工本人同意，用工单位可以现金形式支付工资。", []),
    ("you-not-organ", "资金缺口由各地结余资金进行弥补。", []),
    ("fuzeren-is-person", "救援现场原则上由消防救援部门负责人指挥。", []),
    ("subjectless-huitong", "(四)会同人力资源社会保障行政部门检查农民工工资专用账户。", []),
    ("label-without-colon", "各责任单位要强化责任意识，制定具体措施。", []),
    ("construction-party-pays", "并由建设单位于当月15日前将农民工工资总额划拨至农民工工资专用账户。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_responsibility(text, expected):
    got, _ = run(text)
    assert got == expected


def test_case_ids_unique():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_task_is_item_before_annotation():
    text = "6.推动企业上云用云。加强贯标。（责任单位：市经信局）另起任务。（责任单位：市科技局）"
    drafts = list(extract(make_ctx(text)))
    assert drafts[0].fields["task"] == "6.推动企业上云用云。加强贯标。"
    assert drafts[1].fields["task"] == "另起任务。"
    assert drafts[0].rule == "responsibility.annotation.zeren"


def test_span_covers_annotation():
    text = "加强贯标。（责任单位：市经信局）"
    ctx = make_ctx(text)
    (d,) = list(extract(ctx))
    assert ctx.clean.text[d.start:d.end] == "（责任单位：市经信局）"


TABLE = (
    "序号\t任务事项\t牵头单位\t责任单位\t完成时限\n"
    "33\t举办2021中国—东盟数字经济发展合作论坛。\t市商务局\t市经信局\t2021年\n"
    "76\t支持加工贸易企业转变。\t市商务局、东湖高新区管委会\t武汉海关、市招商办\t持续推进\n"
    "后文。\n"
    "序号\t重点工作\t责任单位\t完成时限\n"
    "1\t各区印发实施方案。\t武汉经开区管委会,市卫健委、市财政局\t2022年3月\n"
)


def test_table_rows():
    got, _ = run(TABLE)
    assert got == [
        (["市商务局"], ["市经信局"], "table"),
        (["市商务局", "东湖高新区管委会"], ["武汉海关", "市招商办"], "table"),
        (["武汉经开区管委会"], ["市卫健委", "市财政局"], "table"),
    ]


def test_table_task_and_span():
    ctx = make_ctx(TABLE)
    d = list(extract(ctx))[0]
    assert d.fields["task"] == "举办2021中国—东盟数字经济发展合作论坛。"
    assert ctx.clean.text[d.start:d.end].startswith("33\t举办")


VERB_CASES = [
    # State Council / provincial 任务分工 style: unlabelled brackets closed by a role verb
    ("verb-lead-coop", "（三）完善标准体系。（省发展改革委牵头，省财政厅、省商务厅配合）",
     [(["省发展改革委"], ["省财政厅", "省商务厅"], "annotation")]),
    ("verb-fengong-fuze", "推进数据共享。（国家发展改革委、工业和信息化部等按职责分工负责）",
     [(["国家发展改革委", "工业和信息化部"], [], "annotation")]),
    ("verb-lead-then-fengong", "加强监管。（省市场监管局牵头，各市、县人民政府按职责分工负责）",
     [(["省市场监管局"], ["各市、县人民政府"], "annotation")]),
    ("verb-with-time-clause", "建成平台。（省教育厅牵头，2025年底前完成）", [(["省教育厅"], [], "annotation")]),
    ("labelled-comma-separated", "推进建设。(牵头单位:市发改委,配合单位:市财政局)", [(["市发改委"], ["市财政局"], "annotation")]),
    ("verb-lead-then-luoshi", "推进改造。（省住房城乡建设厅牵头，各市州人民政府落实）",
     [(["省住房城乡建设厅"], ["各市州人民政府"], "annotation")]),
    ("verb-zuzhi-shishi", "开展评估。（各县、市、区人民政府组织实施）", [(["各县、市、区人民政府"], [], "annotation")]),
    ("verb-units-with-brackets", "推进改造。（省发展改革委、省财政厅牵头，各市（州）人民政府负责落实）",
     [(["省发展改革委", "省财政厅"], ["各市（州）人民政府"], "annotation")]),
    # not annotations
    ("you-inside-bracket-is-prose", "制定细则（具体办法由市财政局组织实施）。", [(["市财政局"], [], "prose")]),
    ("luoshi-not-named", "加强宣传（各地抓好落实）。", []),
    ("luoshi-time-only", "建成平台（2025年底前落实）。", []),
    ("fuze-inside-name", "以荆州市疾病预防控制中心（负责预防）为主体。", []),
    ("verb-bracket-not-organ", "开展试点（企业自愿参与）。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in VERB_CASES], ids=[c[0] for c in VERB_CASES])
def test_verb_annotation(text, expected):
    got, _ = run(text)
    assert got == expected


MORE_CASES = [
    ("square-brackets", "加快建设。【责任单位：省住建厅、省发展改革委】", [(["省住建厅", "省发展改革委"], [], "annotation")]),
    ("bare-with-deadline-field", "加快建设。责任单位：市发改委、市住建局；完成时限：2023年底",
     [(["市发改委", "市住建局"], [], "annotation")]),
    ("labelled-with-deadline-field", "推进建设。（牵头单位：市发改委；完成时限：2023年底）", [(["市发改委"], [], "annotation")]),
    ("label-with-wei", "推进建设。（责任单位为市发展改革委）", [(["市发展改革委"], [], "annotation")]),
    ("labels-with-wei", "推进建设。（牵头单位为市发改委，配合单位为市财政局、市住建局）",
     [(["市发改委"], ["市财政局", "市住建局"], "annotation")]),
    ("wei-not-a-label-start", "推进建设（以责任单位为主体）。", []),
    ("labels-space-separated", "加强管理。（牵头单位：市教育局 责任单位：市财政局）", [(["市教育局"], ["市财政局"], "annotation")]),
    ("zhuyao-zeren", "推进建设。（主要责任单位：市发改委；协同单位：市财政局）", [(["市发改委"], ["市财政局"], "annotation")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in MORE_CASES], ids=[c[0] for c in MORE_CASES])
def test_more_annotations(text, expected):
    got, _ = run(text)
    assert got == expected


def test_table_header_variants_and_merged_cell():
    table = (
        "领域\t序号\t主要任务\t牵头部门（单位）\t配合部门\t完成时限\n"
        "科技\t1\t建设平台。\t市科技局\t市财政局\t2023年\n"
        "2\t引进人才。\t市人社局\t市教育局、市科技局\t2024年\n"
    )
    got, _ = run(table)
    assert got == [(["市科技局"], ["市财政局"], "table"), (["市人社局"], ["市教育局", "市科技局"], "table")]


def test_verb_annotation_needs_named_units():
    got, _ = run("费用结算。（由企业负责）")
    assert got == []


def test_remark_in_unit_list_dropped():
    got, _ = run("加强建设。（责任单位：市发改委，各区人民政府，以下均需各区落实，不再列出）")
    assert got == [(["市发改委"], ["各区人民政府"], "annotation")]


PROSE_MORE = [
    ("qiantou-fuze-then-peihe", "组织部门牵头负责，宣传部门配合。", [(["组织部门"], ["宣传部门"], "prose")]),
    ("peihe-after-modals", "市教育局要积极配合市财政局做好经费保障工作。", [(["市财政局"], ["市教育局"], "prose")]),
    ("you-county-brackets", "由各县（市、区）人民政府负责组织实施。", [(["各县（市、区）人民政府"], [], "prose")]),
    ("you-qiantou-peihe", "由市政府办公室牵头，市直各部门配合，建立工作机制。", [(["市政府办公室"], ["市直各部门"], "prose")]),
    ("huitong-modal", "国家发展改革委要会同有关部门加强统筹协调和督促指导。", [(["国家发展改革委"], ["有关部门"], "prose")]),
    ("pronoun-not-unit", "由其主管部门负责监督。", []),
    ("enterprise-qiantou-not-unit", "支持龙头企业牵头组建创新联合体。", []),
    ("hospital-qiantou-not-unit", "县域医共体由县级医院牵头。", []),
    # 由<organ>责令/处罚款 counts as a prose responsibility (held-out gold h1, h9)
    ("enforcement-zeling", "由市场监督管理部门责令改正。", [(["市场监督管理部门"], [], "prose")]),
    ("finance-not-organ", "所需经费由同级财政予以保障。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in PROSE_MORE], ids=[c[0] for c in PROSE_MORE])
def test_prose_more(text, expected):
    got, _ = run(text)
    assert got == expected


# 由X + a predicate other than 负责/牵头/统一/制定/解释: the agent of the action leads.
YOU_ACT = [
    ("act-zeling-longest-organ", "第十八条违反本办法第六条规定的，由县级以上人民政府燃气管理部门责令限期改正，处1万元以上3万元以下罚款。",
     [(["县级以上人民政府燃气管理部门"], [], "prose")]),
    ("act-chu-penalty", "第九条违反本办法第七条规定的，由公安机关交通管理部门处警告或者50元以上200元以下罚款。",
     [(["公安机关交通管理部门"], [], "prose")]),
    ("adverbial-time-then-verb", "审核通过的，由同级财政部门在5个工作日内将补贴资金拨付至申请单位或者个人账户。",
     [(["同级财政部门"], [], "prose")]),
    ("act-moshou", "充装不合格气瓶的，由燃气管理部门没收违法充装的气瓶。", [(["燃气管理部门"], [], "prose")]),
    ("act-huizong", "各县区于每月5日前报送数据，由市统计局汇总后报市人民政府。", [(["市统计局"], [], "prose")]),
    ("adverbial-yifa", "由县级以上人民政府水行政主管部门依法予以处罚。", [(["县级以上人民政府水行政主管部门"], [], "prose")]),
    ("free-trade-zone-name", "由中国（湖北）自由贸易试验区武汉片区管委会负责。", [(["中国（湖北）自由贸易试验区武汉片区管委会"], [], "prose")]),
    # a predicate word that starts the next part of the organ's name is read as the name
    ("name-goes-on-ziran", "由县级以上人民政府自然资源主管部门依法查处。", [(["县级以上人民政府自然资源主管部门"], [], "prose")]),
    ("name-goes-on-zuzhi", "由市委组织部组织实施。", [(["市委组织部"], [], "prose")]),
    ("name-goes-on-tongzhan", "由省委统一战线工作部统一部署。", [(["省委统一战线工作部"], [], "prose")]),
    ("name-goes-on-jiandu", "由市市场监督管理局责令改正。", [(["市市场监督管理局"], [], "prose")]),
    ("adverbial-lianhe", "实施细则由省人力资源社会保障厅、省财政厅联合发布。",
     [(["省人力资源社会保障厅", "省财政厅"], [], "prose")]),
    ("act-baoqing", "由县级人民政府报请省人民政府批准。", [(["县级人民政府"], [], "prose")]),
    ("name-goes-on-yanjiu", "由市政府研究中心起草。", [(["市政府研究中心"], [], "prose")]),
    ("name-goes-on-shangwu", "由市人民政府商务主管部门会商有关部门确定。", [(["市人民政府商务主管部门"], [], "prose")]),
    ("person-fuze-tongzhi", "工作专班由市政府负责同志担任组长。", []),
    # not tasks: who pays a share, who is a member, an attribute, not an organ, not 由 the preposition
    ("share-of-cost", "其余部分由市、区人民政府按照1:1的比例负担。", []),
    ("share-of-cost-fendan", "所需资金由省级财政和市县财政按照3:7比例分担。", []),
    ("members-zucheng", "联席会议由省工业和信息化厅、省发展改革委、省科技厅等部门组成。", []),
    ("attribute-de", "对由省科技厅认定的高新技术企业给予奖励。", []),
    ("person-not-organ", "全体会议由召集人或召集人委托的副召集人主持。", []),
    ("youyu-not-agent", "由于市财政局审核不及时，资金未能拨付。", []),
    ("regulated-party", "由建设单位在开工前办理施工许可。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in YOU_ACT], ids=[c[0] for c in YOU_ACT])
def test_you_act(text, expected):
    got, _ = run(text)
    assert got == expected


# X牵头，会同Y: the 会同 clause has no subject of its own; the lead's is it.
QIANTOU_HUITONG = [
    ("qiantou-comma-huitong", "省人力资源社会保障厅牵头，会同省财政厅、省教育厅建立工作调度机制，每月通报各市进展。",
     [(["省人力资源社会保障厅"], ["省财政厅", "省教育厅"], "prose")]),
    ("you-qiantou-comma-huitong", "由省发展改革委牵头，会同省财政厅制定实施细则。", [(["省发展改革委"], ["省财政厅"], "prose")]),
    ("you-fuze-bing-huitong", "由市住建局负责，并会同市财政局开展绩效评价。", [(["市住建局"], ["市财政局"], "prose")]),
    ("qiantou-then-other-clause", "联席会议由省工业和信息化厅牵头，不刻制印章，不正式行文。", [(["省工业和信息化厅"], [], "prose")]),
    ("qiantou-huitong-not-organ", "市商务局牵头，会同龙头企业制定方案。", [(["市商务局"], [], "prose")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in QIANTOU_HUITONG], ids=[c[0] for c in QIANTOU_HUITONG])
def test_qiantou_huitong(text, expected):
    got, _ = run(text)
    assert got == expected


# Organs of the central vertical systems (人民银行 branches, 金融监管, 海关, 税务) in role-verb annotations.
VERTICAL_ORGANS = [
    ("pboc-branch-lead", "（三）降低融资成本。（人行杭州中心支行牵头，浙江银保监局、省地方金融监管局配合）",
     [(["人行杭州中心支行"], ["浙江银保监局", "省地方金融监管局"], "annotation")]),
    ("tax-customs-fengong", "优化通关服务。（国家税务总局湖北省税务局、武汉海关按职责分工负责）",
     [(["国家税务总局湖北省税务局", "武汉海关"], [], "annotation")]),
    ("pboc-labelled", "推进普惠金融。（牵头单位：中国人民银行荆州市中心支行；配合单位：荆州银保监分局）",
     [(["中国人民银行荆州市中心支行"], ["荆州银保监分局"], "annotation")]),
    ("bank-outlets-not-named", "加大信贷投放。（各银行网点积极参与）", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in VERTICAL_ORGANS], ids=[c[0] for c in VERTICAL_ORGANS])
def test_vertical_organs(text, expected):
    got, _ = run(text)
    assert got == expected


def test_lead_marked_in_list():
    got, _ = run("推进建设。（责任单位：市发改委（牵头）、市财政局、市住建局）")
    assert got == [(["市发改委"], ["市财政局", "市住建局"], "annotation")]


def test_table_lead_marked_in_cell():
    got, _ = run("序号\t重点任务\t责任单位\t完成时限\n1\t建设平台。\t市科技局（牵头）、市财政局\t2023年\n")
    assert got == [(["市科技局"], ["市财政局"], "table")]


def test_peihe_verb_phrase_not_a_unit():
    got, _ = run("市委编办负责配合做好公立医院特色化发展机构名称调整相关工作。")
    assert got == []


PEERS = [
    # PEERS.md goal 9: 牵头/配合 lists, 各县、市、区人民政府 kept whole
    ("peers-qiantou-peihe-bracketed", "（一）扩大消费。（牵头单位：市商务局；配合单位：市经信局）", [(["市商务局"], ["市经信局"], "annotation")]),
    ("peers-qiantou-peihe-bare", "（一）扩大消费。牵头单位：市商务局；配合单位：市经信局", [(["市商务局"], ["市经信局"], "annotation")]),
    ("peers-county-whole", "（二）完善设施。（责任单位：市体育局，各县、市、区人民政府）",
     [(["市体育局"], ["各县、市、区人民政府"], "annotation")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in PEERS], ids=[c[0] for c in PEERS])
def test_peers_traps(text, expected):
    got, _ = run(text)
    assert got == expected


def test_huitong_list_stops_at_verb():
    got, _ = run("由省能源局会同省应急管理厅、省消防救援总队制定储能电站安全管理办法。")
    assert got == [(["省能源局"], ["省应急管理厅", "省消防救援总队"], "prose")]


def test_prefilter_covers_every_label_and_verb():
    """The trigger scan must never hide a label or role verb: a paragraph is read for
    labelled annotations only with a "label" trigger, for unlabelled ones only with a
    role verb trigger (_VERB_KINDS), and for prose only with its word."""
    from govdoc_extract.extract.responsibilities import _TRIGGERS, _VERB_KINDS

    def kinds(text):
        return {kind for _, p, kind in _TRIGGERS if p.search(text)}

    for word in LABELS:
        assert "label" in kinds(f"（{word}：市财政局）"), word
    for word in ROLE_VERBS:
        for after in "，,；;）)":
            assert not _VERB_KINDS.isdisjoint(kinds(f"（市财政局{word}{after}")), (word, after)
    for word in ("由", "会同", "配合", "牵头"):
        assert word in kinds(f"甲{word}乙"), word


def _kinds_one_pattern_per_word(text: str) -> set[str]:
    """The trigger kinds of ``text`` found word by word: each label behind its exact heads,
    each role verb end before a clause mark, each prose word (the net the patterns of
    _TRIGGERS must cast: labels are found by their last four characters)."""
    import regex

    from govdoc_extract.extract.responsibilities import _PROSE_TRIGGERS, _PROSE_WORDS

    found = {w for w in _PROSE_TRIGGERS if w in text}
    if any(regex.search(f"(?<={regex.escape(w[:-2])}){regex.escape(w[-2:])}", text) for w in LABELS):
        found.add("label")
    if any(regex.search(f"{end}[，,；;）)]", text) for end in {w[-2:] for w in ROLE_VERBS} - _PROSE_WORDS):
        found.add("verb")
    return found


# whole words and their pieces: labels, role verbs, their characters, clause marks
_TRIGGER_PIECES = sorted({*LABELS, *ROLE_VERBS, *"".join(LABELS), *"".join(ROLE_VERBS), *"由会同，,；;）)（。甲\n"})


@given(st.lists(st.sampled_from(_TRIGGER_PIECES), max_size=12).map("".join))
def test_triggers_find_what_one_pattern_per_word_finds(text):
    from govdoc_extract.extract.responsibilities import _TRIGGERS

    assert {kind for _, p, kind in _TRIGGERS if p.search(text)} == _kinds_one_pattern_per_word(text)


def test_triggers_on_the_seed_paragraphs():
    from pathlib import Path

    from govdoc_extract.extract.responsibilities import _TRIGGERS

    for path in sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert {kind for _, p, kind in _TRIGGERS if p.search(line)} == _kinds_one_pattern_per_word(line), line


def test_segmenter_tables_are_used_once():
    from govdoc_extract.extract.base import Table
    from govdoc_extract.segment.types import Cell

    ctx = make_ctx(TABLE)
    t = ctx.clean.text
    rows, pos = [], 0
    for line in t.split("\n")[:3]:  # the first table only, as a segmenter would give it
        cells, p = [], pos
        for part in line.split("\t"):
            cells.append(Cell(part, p, p + len(part)))
            p += len(part) + 1
        rows.append(tuple(cells))
        pos += len(line) + 1
    ctx = Context(clean=ctx.clean, document=ctx.document, blocks=ctx.blocks,
                  tables=(Table(section_id="d1/tbl1", rows=tuple(rows)),), ref_date=None)
    drafts = [d for d in extract(ctx) if d.fields["form"] == "table"]
    assert [d.section_id for d in drafts] == ["d1/tbl1", "d1/tbl1", None]


# Known gaps, kept as strict xfails so that an accidental fix is noticed.
KNOWN_GAPS = [
    ("subject-fuze-not-read", "市财政局负责做好资金保障。", [(["市财政局"], [], "prose")]),
    ("units-glued-by-pdf", "推进建设。（责任单位：市发展改革委市财政局）", [(["市发展改革委", "市财政局"], [], "annotation")]),
]


@pytest.mark.xfail(strict=True, reason="not handled yet")
@pytest.mark.parametrize("text,expected", [c[1:] for c in KNOWN_GAPS], ids=[c[0] for c in KNOWN_GAPS])
def test_known_gaps(text, expected):
    got, _ = run(text)
    assert got == expected


HOSTILE = [
    # a failing tail after a long unit list used to re-split the list exponentially
    ("coop-tail-fails", "由市局牵头，" + "局、" * 60 + "x"),
    ("long-lead-list", "市发改委牵头，" + "市局和" * 80 + "。"),
    ("many-open-brackets", "（责任单位：市局" + "（" * 2000),
    ("many-you", "由" * 3000),
]


@pytest.mark.parametrize("text", [c[1] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_inputs_complete(text):
    list(extract(make_ctx(text)))


def test_unclosed_annotations_give_nothing():
    assert run("（责任单位：" * 200)[0] == []
