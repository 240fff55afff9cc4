"""Deadline extractor: (sentence → deadline fields) rows, grouped by phenomenon.

Rules developed on the seed bulletins in ``samples/`` (荆州, 石首, 随州, 武汉);
the rows below are written inline (some adapted from the seeds, most generic
公文 phrasing) and include every PEERS.md trap that concerns time expressions.
Each row gives the expected records as (text, {field: value}) pairs in order;
only the fields named are checked.
"""

from __future__ import annotations

import datetime

import pytest

from govdoc_extract.extract.base import Context
from govdoc_extract.extract.deadlines import extract
from govdoc_extract.segment.types import DocNumberInfo

D = datetime.date


def make_ctx(text: str, ref: datetime.date | None = None, doc_year: int | None = None) -> Context:
    """A one-document context: one block per cleaned line; tab lines are left to the table fallback."""
    dn = DocNumberInfo(text=f"荆政办发〔{doc_year}〕1号", prefix="荆政办发", year=doc_year, serial=1) if doc_year else None
    return Context.of_text(text, ref_date=ref, doc_number=dn)


def run(text: str, ref: datetime.date | None = None, doc_year: int | None = None):
    ctx = make_ctx(text, ref, doc_year)
    return [(ctx.clean.text[d.start:d.end], d.fields, d.rule) for d in extract(ctx)]


REF = D(2022, 9, 1)

# (id, text, reference date, [(record text, expected fields)], why)
CASES = [
    # --- absolute: 到/力争到/至 YEAR → by 12-31; 底前 → before (seed gold)
    ("lizheng-dao", "力争到2024年，培育3家以上国家级工业互联网平台、8家以上省级工业互联网平台。", REF,
     [("力争到2024年", {"type": "absolute", "date": "2024-12-31", "bound": "by",
                        "action": "培育3家以上国家级工业互联网平台、8家以上省级工业互联网平台"})],
     "one deadline for the whole clause list"),
    ("dao-spaced", "到 2025 年,全市体育产业年产值突破 100 亿元大关。", REF,
     [("到2025年", {"type": "absolute", "date": "2025-12-31", "bound": "by"})], "PDF spaces removed by the cleaner"),
    ("niandi-qian", "力争2025年底前引进培育具有研究生学历的青年医学人才20名。", REF,
     [("力争2025年底前", {"type": "absolute", "date": "2025-12-31", "bound": "before"})], "底前 closes the interval"),
    ("zai-niandi-zhiqian", "以区为单位,在2022年底之前编制完成本区域学前教育专项布局规划。", REF,
     [("在2022年底之前", {"type": "absolute", "date": "2022-12-31", "bound": "before"})], "之前"),
    ("zhi-niandi", "至2023年底完成市人民医院内科大楼建设和市妇幼保健院整体搬迁。", REF,
     [("至2023年底", {"type": "absolute", "date": "2023-12-31", "bound": "by"})], "至…底 is by"),
    ("dao-niandi", "到2025年底，全市县级力争创建1所三级甲等综合医院。", REF,
     [("到2025年底", {"type": "absolute", "date": "2025-12-31", "bound": "by"})], "到…底 is by"),
    ("lizheng-no-dao", "积极打造加工贸易产业集聚新高地,力争2023年加工贸易进出口额达到360亿元。", REF,
     [("力争2023年", {"type": "absolute", "date": "2023-12-31", "bound": "by"})], "力争 without 到"),
    ("bare-year-clauses", "持续提升服务能力，2023年优质服务基本标准达到90%以上，2024年推荐标准达到30%以上。", REF,
     [("2023年", {"type": "absolute", "date": "2023-12-31", "bound": "by"}),
      ("2024年", {"type": "absolute", "date": "2024-12-31", "bound": "by"})], "a year opening a clause"),
    ("full-date-qian", "各地应于2022年10月31日前完成摸底排查。", REF,
     [("于2022年10月31日前", {"type": "absolute", "date": "2022-10-31", "bound": "before"})], "full date + 前"),
    ("month-end-qian", "2023年6月底前完成全部验收工作。", REF,
     [("2023年6月底前", {"type": "absolute", "date": "2023-06-30", "bound": "before"})], "月底 → last day"),
    ("month-xun-qian", "2022年6月中旬前完成全部验收。", REF,
     [("2022年6月中旬前", {"type": "absolute", "date": "2022-06-20", "bound": "before"})], "中旬 → the 20th"),
    ("fullwidth-digits", "２０２４年底前建成市级数据共享平台。", REF,
     [("2024年底前", {"type": "absolute", "date": "2024-12-31", "bound": "before"})], "PEERS: full-width 2024 年底前"),
    ("chinese-year", "到二〇二五年，基本建成现代化体系。", REF,
     [("到二〇二五年", {"type": "absolute", "date": "2025-12-31", "bound": "by"})], "Chinese digits, not 1935"),
    ("dao-2035", "到2035年,推动我市人工影响天气综合能力达到国内同类城市前列。", REF,
     [("到2035年", {"type": "absolute", "date": "2035-12-31", "bound": "by"})], "远景 year in running text"),
    ("zi-riqi-qi", "自2023年1月1日起，对符合条件的小微企业减半征收。", REF,
     [("自2023年1月1日起", {"type": "absolute", "date": "2023-01-01", "bound": "from"})], "a rule applying from a date"),
    ("trap-year-shi", "2022年是党的二十大召开之年。", REF, [], "a year as the topic of a statement"),
    ("trap-year-comma-statement", "2021年，全省地区生产总值达到4.8万亿元。", None, [], "a year set off by a comma narrates"),
    # --- absolute without a year: resolved against the document year only
    ("niandi-qian-doc-year", "各县市区年底前完成清理。", REF,
     [("年底前", {"type": "absolute", "date": "2022-12-31", "bound": "before"})], "年底 → 12-31 of the 成文 year"),
    ("niandi-qian-no-ref", "各县市区年底前完成清理。", None,
     [("年底前", {"type": "absolute", "date": None, "bound": "before"})], "never resolved against today"),
    ("niannei", "确保年内完成改造任务。", REF,
     [("确保年内", {"type": "absolute", "date": "2022-12-31", "bound": "by"})], "年内 → 12-31"),
    ("shangbannian", "力争上半年完成招标。", REF,
     [("力争上半年", {"type": "absolute", "date": "2022-06-30", "bound": "by"})], "上半年 → 06-30"),
    ("month-day-qian-no-year", "请于6月30日前报送市政府办公室。", REF,
     [("于6月30日前", {"type": "absolute", "date": "2022-06-30", "bound": "before"})], "year from the document"),
    ("doc-number-year-fallback", "请于年底前报送。", None,
     [("于年底前", {"type": "absolute", "date": "2023-12-31", "bound": "before"})], "文号 year when no 成文日期"),
    ("label-wancheng-shixian", "建立健全监测预警机制。（完成时限：2022年底前）", REF,
     [("2022年底前", {"type": "absolute", "date": "2022-12-31", "bound": "before"})], "a deadline in parentheses is kept"),
    ("label-month-only", "出台实施细则。（完成时间：2022年12月）", REF,
     [("2022年12月", {"type": "absolute", "date": "2022-12-31", "bound": "by"})], "labelled month → month end"),
    ("jin-niandi-qian", "今年底前完成全部清理工作。", REF,
     [("今年底前", {"type": "absolute", "date": "2022-12-31", "bound": "before"})], "今年底"),
    ("ming-nian-shangbannian", "明年上半年完成招标。", REF,
     [("明年上半年", {"type": "absolute", "date": "2023-06-30", "bound": "by"})], "明年 = document year + 1"),
    ("trap-jinnian-shangbannian", "今年上半年，全市规上工业增加值增长8%。", REF, [], "a statistic"),
    # --- five-year plans
    ("shisiwu-qimo", "力争“十四五”期末，市人民医院创成三级综合医院。", REF,
     [("力争“十四五”期末", {"type": "absolute", "date": "2025-12-31", "bound": "by"})], "期末 → 2025-12-31"),
    ("shisiwu-mo", "到“十四五”末,建成国家级创业创新示范基地。", REF,
     [("到“十四五”末", {"type": "absolute", "date": "2025-12-31", "bound": "by"})], "末"),
    ("shisiwu-qijian", "“十四五”期间力争创建2个国家级与100个省级重点专科。", REF,
     [("“十四五”期间", {"type": "period", "date": "2021-01-01", "end_date": "2025-12-31"})], "期间 → 2021–2025"),
    ("shisiwu-shiqi-commit", "“十四五”时期，新增各类高技能人才4万人。", REF,
     [("“十四五”时期", {"type": "period", "date": "2021-01-01", "end_date": "2025-12-31"})], "时期 before a commitment"),
    # --- periods from year spans
    ("year-range", "2022—2025年,由市财政每年筹措1亿元资金作为专项经费。", REF,
     [("2022—2025年", {"type": "period", "date": "2022-01-01", "end_date": "2025-12-31"}),
      ("每年", {"type": "recurring", "recurrence": {"freq": "yearly"}})], "a span in running text"),
    ("month-range", "（一）启动阶段（2022年11—12月）。", REF,
     [("2022年11—12月", {"type": "period", "date": "2022-11-01", "end_date": "2022-12-31"})], "a phase of months"),
    ("kaishi-jieshu", "专项整治自2023年5月开始，至2023年12月底结束，分三个阶段推进。", REF,
     [("自2023年5月开始，至2023年12月底结束", {"type": "period", "date": "2023-05-01", "end_date": "2023-12-31"})],
     "开始…结束 span"),
    ("year-comma-current", "2023年，各地要力争开展补贴性职业技能培训1500万人次以上。", D(2023, 2, 1),
     [("2023年", {"type": "absolute", "date": "2023-12-31", "bound": "by"})], "a current year set off by a comma"),
    ("trap-year-comma-report", "2023年，各地共开展补贴性职业技能培训1680万人次。", D(2023, 2, 1), [],
     "共: a report of what was done"),
    ("trap-year-comma-shi", "2023年，是全面贯彻党的二十大精神的开局之年。", D(2023, 2, 1), [], "a topic, not a due year"),
    ("date-range", "自2022年1月1日起至2024年12月31日止，开展专项整治。", REF,
     [("自2022年1月1日起至2024年12月31日止", {"type": "period", "date": "2022-01-01", "end_date": "2024-12-31"})],
     "full-date span"),
    ("validity-range", "本办法有效期自2022年1月1日至2026年12月31日。", REF,
     [("有效期自2022年1月1日至2026年12月31日", {"type": "validity", "date": "2022-01-01", "end_date": "2026-12-31"})],
     "a validity with both ends"),
    ("trap-year-edition", "执行《国家基本药物目录（2018年版）》，到2025年全面配备。", REF,
     [("到2025年", {"type": "absolute", "date": "2025-12-31"})], "an edition year is part of a name"),
    # --- relative: counted from an event (PEERS: never from today)
    ("qi-30-ri-nei", "施工总承包单位应当在工程施工合同签订之日起30日内开立农民工工资专用账户。", REF,
     [("签订之日起30日内", {"type": "relative", "amount": 30, "unit": "day", "bound": "within",
                            "anchor": "工程施工合同签订之日", "action": "开立农民工工资专用账户"})], "anchor kept, no date"),
    ("zi-shiyong-gongzuori", "施工总承包单位应当自使用之日起10个工作日内将工资保证金补足。", REF,
     [("使用之日起10个工作日内", {"type": "relative", "amount": 10, "unit": "workday", "anchor": "使用之日"})],
     "工作日 → workday"),
    ("hou-5-ri-nei", "农民工工资专用账户开设后5日内,施工总承包单位应提交设立情况。", REF,
     [("开设后5日内", {"type": "relative", "amount": 5, "unit": "day", "anchor": "农民工工资专用账户开设"})],
     "…后N日内"),
    ("shoudao", "机构应在收到责令支付文书5个工作日内支付工资。", REF,
     [("文书5个工作日内", {"type": "relative", "amount": 5, "unit": "workday", "anchor": "收到责令支付文书"})],
     "收到… anchor"),
    ("jieman-30-ri-qian", "申请人应当在有效期届满30日前提出延续申请。", REF,
     [("届满30日前", {"type": "relative", "amount": 30, "unit": "day", "bound": "before", "anchor": "有效期届满"})],
     "counted back from the end of a term"),
    ("jieman-qian-30-ri-nei", "应当在有效期届满前30日内向原发证机关提出申请。", REF,
     [("届满前30日内", {"type": "relative", "amount": 30, "unit": "day", "anchor": "有效期届满"})],
     "前 after 届满 is not a look-back"),
    ("trap-qian-san-nian", "申请企业前3年内未发生重大生产安全事故。", REF, [], "前3年内: a look-back condition"),
    ("tiqian-hours", "燃气经营者因检修需要停止供气的，应当提前72小时通知用户。", REF,
     [("提前72小时", {"type": "relative", "amount": 72, "unit": "hour", "bound": "before"})], "提前 N before an event"),
    ("trap-nei-wei", "对吸纳离校2年内未就业高校毕业生的企业给予补助。", REF, [], "a duration qualifying a noun"),
    ("zhixing-qixian", "政策执行期限至2023年12月31日。", REF,
     [("执行期限至2023年12月31日", {"type": "validity", "end_date": "2023-12-31"})], "执行期限 is a validity"),
    ("bare-san-ri-nei", "建设单位应于3日内完成审核。", REF,
     [("3日内", {"type": "relative", "amount": 3, "unit": "day", "bound": "within"})], "no anchor"),
    ("hours", "发现疫情后应当在24小时内报告。", REF,
     [("24小时内", {"type": "relative", "amount": 24, "unit": "hour"})], "hour"),
    ("chinese-amount", "接到通知后十五日内整改到位。", REF,
     [("通知后十五日内", {"type": "relative", "amount": 15, "unit": "day"})], "Chinese numeral amount"),
    ("workday-linebreak", "施工总承包单位和分包单位做好相关影像或签字发放记录资料保存，并于 1 个工作\n日内上传至信息化监管系统。", REF,
     [("1个工作日内", {"type": "relative", "amount": 1, "unit": "workday"})], "PEERS: number split by a line break"),
    # --- recurring
    ("meiyue-10-ri-qian", "施工总承包单位应于每月10日前核算上月完成工程量产值。", REF,
     [("每月10日前", {"type": "recurring", "recurrence": {"freq": "monthly", "day": 10}, "bound": "before"})],
     "day of month"),
    ("dangyue-15-ri-qian", "并由建设单位于当月15日前将农民工工资总额划拨至专用账户。", REF,
     [("当月15日前", {"type": "recurring", "recurrence": {"freq": "monthly", "day": 15}, "bound": "before"})],
     "PEERS: 当月15日前 is not 15 days ago"),
    ("meiyue-25-zhi-yuedi", "每月25日至月底前，施工总承包单位应将凭证上传。", REF,
     [("每月25日至月底前", {"type": "recurring", "recurrence": {"freq": "monthly", "day": 25}})], "a monthly window"),
    ("meinian", "每年遴选一批标杆企业及优秀案例。", REF,
     [("每年", {"type": "recurring", "recurrence": {"freq": "yearly"}})], "yearly"),
    ("meijidu", "各单位每季度向市政府报告进展情况。", REF,
     [("每季度", {"type": "recurring", "recurrence": {"freq": "quarterly"}})], "quarterly"),
    ("meibannian", "每半年开展一次督导检查。", REF,
     [("每半年", {"type": "recurring", "recurrence": {"freq": "halfyearly"}})], "half-yearly"),
    ("meiyue-di-qian", "各单位每月底前报送统计数据。", REF,
     [("每月底前", {"type": "recurring", "recurrence": {"freq": "monthly"}, "bound": "before"})], "month end"),
    ("meinian-yue-di-qian", "每年3月底前报送上年度工作总结。", REF,
     [("每年3月底前", {"type": "recurring", "recurrence": {"freq": "yearly"}, "bound": "before"})],
     "a yearly date does not fit recurrence.day"),
    ("trap-per-unit-rate", "按照每年每个村卫生室7000元标准予以补助。", REF, [], "每年每个…: a rate"),
    ("meizhou", "每周通报一次工作进度。", REF,
     [("每周", {"type": "recurring", "recurrence": {"freq": "weekly"}})], "weekly"),
    # --- effective and validity
    ("shixing-validity", "第三十条 本办法自2022年10月1日起施行，有效期2年。", REF,
     [("自2022年10月1日起施行", {"type": "effective", "date": "2022-10-01", "bound": "from"}),
      ("有效期2年", {"type": "validity", "amount": 2, "unit": "year", "end_date": "2024-09-30"})],
     "PEERS: 施行 + 有效期 linked"),
    ("validity-wei-5", "第十三条 本办法自2022年3月1日起施行,有效期为5年。", REF,
     [("自2022年3月1日起施行", {"type": "effective", "date": "2022-03-01"}),
      ("有效期为5年", {"type": "validity", "amount": 5, "unit": "year", "end_date": "2027-02-28"})], "month clamp"),
    ("shixing-chinese-date", "本规定自二〇二二年十月一日起施行。", REF,
     [("自二〇二二年十月一日起施行", {"type": "effective", "date": "2022-10-01"})], "Chinese-digit date (令)"),
    ("shixing-chinese-date-1999", "本条例一九九九年十月一日起施行。", REF,
     [("一九九九年十月一日起施行", {"type": "effective", "date": "1999-10-01"})],
     "no 自, and a 19xx Chinese-digit year holds no zero"),
    ("yinfa-zhiri", "第十八条 本办法自印发之日起实施，由领导小组办公室负责解释。", REF,
     [("自印发之日起实施", {"type": "effective", "date": None, "bound": "from"})], "no date from today"),
    ("gongbu-30-ri-hou", "第十五条 本办法自公布之日起30日后施行,有效期为5年。", REF,
     [("自公布之日起30日后施行", {"type": "effective", "date": None, "bound": "from"}),
      ("有效期为5年", {"type": "validity", "amount": 5, "unit": "year", "end_date": None})],
     "30日后施行 is part of the effective clause, not a relative deadline"),
    ("youxiaoqi-zhi", "本通知自印发之日起施行，有效期至2025年12月31日。", REF,
     [("自印发之日起施行", {"type": "effective"}),
      ("有效期至2025年12月31日", {"type": "validity", "end_date": "2025-12-31"})], "有效期至 gives the end"),
    # --- traps: nothing here is a deadline
    ("trap-doc-number", "根据《荆州市人民政府办公室关于印发…的通知》（荆政办发〔2022〕16号）要求。", REF, [], "文号"),
    ("trap-article-issue", "依照第十一条规定，见公报2022年第8-9期。", REF, [], "条号, 期号"),
    ("trap-plan-name", "根据《荆州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》，制定本方案。", REF, [],
     "第十四个五年规划 and 二〇三五年 inside a title"),
    ("trap-money-not-year", "全年实现地区生产总值1860亿元。", REF, [], "PEERS: 1860亿元 is not the year 1860"),
    ("trap-title-paren", "现将《荆州市数字经济发展三年行动方案（2022—2024年）》印发给你们。", REF, [], "years in a plan name"),
    ("trap-paren-span", "荆州市数字经济发展三年行动方案（2022—2024年）", REF, [], "a title line's span"),
    ("paren-year-after-task", "建成市级数据共享平台（2023年）。", REF,
     [("2023年", {"type": "absolute", "date": "2023-12-31", "bound": "by"})], "a due year annotated after a task"),
    ("trap-edition-paren", "市人民政府办公厅关于印发武汉市重特大火灾事故应急预案（2021版）的通知", REF, [], "edition of a name"),
    ("trap-jiezhi", "截至2020年底，全市共有医疗卫生机构3012个。", REF, [], "statistic about the past"),
    ("trap-past-year", "2020年，全市地区生产总值达到2800亿元。", REF, [], "a year before the 成文 year"),
    ("trap-compare", "与2020年相比，全市床位数增长12%。", None, [], "a baseline year"),
    ("trap-event-date", "4月3日，石首市召开区域性医疗健康中心建设工作会议。", REF, [], "a dated event, no 前"),
    ("trap-qiansanjidu", "2022年前三季度，全市规上工业增加值增长8%。", REF, [], "前三季度 is not 'before 2022'"),
    ("trap-per-capita", "补贴标准为每人每年45元。", REF, [], "a per-capita rate"),
    ("trap-annual-cap", "单个医疗机构支持资金每年最高不超过300万元。", REF, [], "an annual cap"),
    ("trap-shisanwu-past", "“十三五”时期，全市医疗卫生服务体系不断完善。“十四五”时期，全市新增床位3000张。", REF,
     [("“十四五”时期", {"type": "period", "date": "2021-01-01"})], "十三五 is the past once 十四五 is current"),
    ("shisiwu-with-shiwuwu-mention", "“十四五”期间，新增就业50万人，为“十五五”时期发展奠定坚实基础。", REF,
     [("“十四五”期间", {"type": "period", "end_date": "2025-12-31"})], "a later plan named in passing is not 'now'"),
    ("shisanwu-past-no-ref", "“十三五”期间，全市累计新增就业40万人。“十四五”期间，新增就业50万人。“十四五”规划实施。", None,
     [("“十四五”期间", {"type": "period", "date": "2021-01-01"})], "no date: the plan named most is current"),
    ("trap-shiqi-topic", "“十四五”时期是全面建设社会主义现代化国家新征程的关键时期。", REF, [], "a topic, not a frame"),
    ("trap-bu-zu-1-ge-yue", "对用工时间不足1个月的临时用工。", REF, [], "a duration that is not a deadline"),
    ("trap-jin-san-nian", "申请人近3年内未发生重大安全事故。", REF, [], "a look-back condition"),
    ("trap-minutes", "打造30分钟基层医疗服务圈和15分钟城市医疗服务圈。", REF, [], "distance in minutes"),
    ("trap-dangyue-alone", "当月完成的工程量按实结算。", REF, [], "当月 without a day is not a schedule"),
    ("trap-noun-meiyue", "(四)每月拨付人工费用的时间及金额；", REF, [], "每月 qualifying a contract term"),
    ("trap-jinyibu", "进一步加强监管，一年一度评比。", REF, [], "PEERS: 进一步 is not a number"),
]


def _ids():
    seen = set()
    for c in CASES:
        assert c[0] not in seen, f"duplicate case id {c[0]}"
        seen.add(c[0])
        yield c[0]


@pytest.mark.parametrize("cid,text,ref,expected,why", CASES, ids=list(_ids()))
def test_deadlines(cid, text, ref, expected, why):
    got = run(text, ref, doc_year=2023 if cid == "doc-number-year-fallback" else None)
    assert [g[0] for g in got] == [e[0] for e in expected], why
    for (gtext, gfields, _), (_, efields) in zip(got, expected):
        for k, v in efields.items():
            assert gfields.get(k) == v, f"{gtext}: {k} = {gfields.get(k)!r}, expected {v!r} ({why})"


def test_rule_ids_are_stable_and_prefixed():
    got = run("力争到2024年，建成平台。每月10日前报送。本办法自2022年10月1日起施行，有效期2年。", REF)
    assert [r for _, _, r in got] == ["deadline.dao_nian", "deadline.meiyue_ri_qian", "deadline.shixing_date",
                                      "deadline.youxiaoqi"]


def test_table_deadline_column():
    text = ("序号\t任务事项\t牵头单位\t责任单位\t完成时限\n"
            "33\t举办2021中国—东盟数字经济发展合作论坛。\t市商务局\t市经信局\t2021年\n"
            "69\t深化投贷联动试点,对银行投贷联动贷款本金损失给予50%补偿。\t市地方金融局\t市科技局\t持续推进\n"
            "76\t积极打造加工贸易产业集聚新高地,力争2023年加工贸易进出口额达到360亿元。\t市商务局\t武汉海关\t持续推进\n"
            "80\t建成跨境电商示范园区。\t市商务局\t市直相关单位\t2022年6月底前\n")
    got = run(text, D(2021, 12, 1))
    assert [(t, f["date"], f["bound"]) for t, f, _ in got] == [
        ("2021年", "2021-12-31", "by"),
        ("力争2023年", "2023-12-31", "by"),
        ("2022年6月底前", "2022-06-30", "before"),
    ]
    assert got[0][1]["action"] == "举办2021中国—东盟数字经济发展合作论坛。"


def test_indicator_table_headers_are_not_deadlines():
    text = "指标\t2020年\t2025年\t属性\n人均期望寿命(岁)\t79.23\t79.5\t预期性\n"
    assert run(text, REF) == []


def test_spans_are_cleaned_offsets_inside_the_text():
    text = "（一）总体目标。力争到 2024 年，建成平台。"
    ctx = make_ctx(text, REF)
    for d in extract(ctx):
        assert 0 <= d.start < d.end <= len(ctx.clean.text)
        assert d.kind == "deadline" and d.rule.startswith("deadline.")


@pytest.mark.parametrize("sample", ["samples/000_928dc353425f6f36.txt"])
def test_sample_runs_and_links_validity(sample):
    import pathlib

    from govdoc_extract.api import extract_file

    path = pathlib.Path(__file__).resolve().parents[2] / sample
    if not path.exists():
        pytest.skip("sample not present")
    res = extract_file(path)
    dls = [x for d in res.documents for x in d.deadlines]
    validity = [x for x in dls if x.type == "validity"]
    assert any(x.end_date == "2024-09-30" for x in validity)


def _table(clean_text: str, first_line: int, n_lines: int):
    """A :class:`Table` over ``n_lines`` tab lines of the cleaned text starting at line ``first_line``."""
    from govdoc_extract.extract.base import Table
    from govdoc_extract.segment.types import Cell

    lines = clean_text.split("\n")
    pos = sum(len(x) + 1 for x in lines[:first_line])
    rows = []
    for line in lines[first_line:first_line + n_lines]:
        cells, p = [], pos
        for part in line.split("\t"):
            cells.append(Cell(text=part, start=p, end=p + len(part)))
            p += len(part) + 1
        rows.append(tuple(cells))
        pos += len(line) + 1
    return Table(section_id="d1/tb1", rows=tuple(rows))


def test_segmented_tables_reset_the_deadline_column():
    text = ("序号\t任务事项\t牵头单位\t完成时限\n"
            "1\t出台实施细则。\t市商务局\t2022年\n"
            "说明文字。\n"
            "指标\t2020年\t2025年\n"
            "人均期望寿命(岁)\t79.23\t2024年\n")
    ctx = make_ctx(text, D(2021, 12, 1))
    t = ctx.clean.text
    ctx = Context(clean=ctx.clean, document=ctx.document, blocks=ctx.blocks,
                  tables=(_table(t, 0, 2), _table(t, 3, 2)), ref_date=ctx.ref_date)
    got = [(t[d.start:d.end], d.fields["date"], d.section_id) for d in extract(ctx)]
    assert got == [("2022年", "2022-12-31", "d1/tb1")]


def test_every_rule_id_is_documented():
    import pathlib
    import re

    from govdoc_extract.extract import deadlines

    src = pathlib.Path(deadlines.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'"(deadline\.[a-z_]+)"', src))
    assert used == set(deadlines.RULES)


@pytest.mark.parametrize("name", ["_RANGE_RE", "_DATE_RANGE_RE", "_MONTH_RANGE_RE"])
def test_range_prefilter_finds_every_range(name):
    """_RANGE_SEP_RE decides which lines the three range patterns run on: it must find a
    separator in every text one of them matches (texts drawn from each pattern itself)."""
    import re

    from hypothesis import given
    from hypothesis import strategies as st

    from govdoc_extract.extract import deadlines

    p = getattr(deadlines, name)
    as_re = re.compile(p.pattern)  # plain syntax (no VERBOSE): hypothesis can draw from it

    @given(st.from_regex(as_re, fullmatch=True))  # (examples: the hypothesis profile of tests/conftest.py)
    def check(text):
        assert p.fullmatch(text) is not None  # what was drawn is a match of the real pattern
        assert deadlines._RANGE_SEP_RE.search(text) is not None, text

    check()


def test_year_parts_are_all_reachable():
    """Every part of a year the values know (YEAR_PARTS) is read after a year (YEAR_TAIL) and
    found without one (_YEARLESS_RE, ending on one of its cores), and nothing else is."""
    from govdoc_extract.extract import deadlines
    from govdoc_extract.values.periods import YEAR_PARTS

    tail = deadlines.YEAR_TAIL
    assert set(tail.values()) <= set(YEAR_PARTS)
    # after a year, every word is read (年底 as 2024年 + 底), but 年终: "2024年终" names a
    # 年终考核 far more often than a deadline
    unread = [w for w in YEAR_PARTS if w not in tail and not (w[0] == "年" and w[1:] in tail)]
    assert unread == ["年终"]
    for word in YEAR_PARTS:
        m = deadlines._YEARLESS_RE.search(word)
        assert m is not None and m.end() == len(word), word
        assert word.endswith(deadlines._YEARLESS_CORES), word


def test_relative_within_lookbehind_is_the_unit_check():
    """_RELATIVE_RE looks behind for a unit's last character; its optional 以/之 must not be one,
    or a rejected 以内 would no longer hide the 内 after it."""
    from govdoc_extract.extract.deadlines import _RELATIVE_RE, _UNIT_LAST

    assert "以" not in _UNIT_LAST and "之" not in _UNIT_LAST
    assert [m.group() for m in _RELATIVE_RE.finditer("内容，30日内，6个月以内，区内，所以内")] == ["内", "以内"]


def test_relative_before_gate_sees_every_match():
    """_relative scans only lines where 前 follows one of _BEFORE_PREV: every match of
    _RELATIVE_BEFORE_RE holds such a 前 (a unit's last character, 以前, or 提前)."""
    from govdoc_extract.extract.deadlines import _BEFORE_PREV, _RELATIVE_BEFORE_RE, TERM_ENDS, TIME_UNITS

    for unit in TIME_UNITS:
        for text in [f"{w}30{unit}{p}" for w in TERM_ENDS for p in ("前", "以前")] + [f"提前30{unit}"]:
            m = _RELATIVE_BEFORE_RE.search(text)
            assert m, text
            core = m.group()
            assert any(core[k] == "前" and core[k - 1] in _BEFORE_PREV for k in range(1, len(core))), text


def test_effective_gate_sees_every_qi():
    """_effective scans only lines where 起 follows one of _EFFECT_QI_PREV: in every match
    with its 起 (the only ones kept), the 起 follows a date, an event's 之日 / 即日, or spaces."""
    from govdoc_extract.extract.deadlines import (
        _EFFECT_DATE_CN_RE, _EFFECT_DATE_RE, _EFFECT_QI_PREV, _EFFECT_RE, EFFECT_EVENTS, EFFECT_VERBS,
    )

    heads = ["自2022年10月1日", "自2022年10月1号", "从二〇二二年十月一日", "自即日", "2022年10月1日", "二〇二二年十月一日"]
    heads += [f"自{e}之日" for e in EFFECT_EVENTS]
    for head in heads:
        for gap in ("", " ", "\u3000\u3000"):
            for verb in EFFECT_VERBS:
                text = f"{head}{gap}起{verb}"
                ms = [m for p in (_EFFECT_RE, _EFFECT_DATE_RE, _EFFECT_DATE_CN_RE) for m in p.finditer(text)]
                assert ms and all(m.group("qi") for m in ms), text
                for m in ms:
                    q = m.start("qi")
                    assert text[q - 1] in _EFFECT_QI_PREV, text


def test_finder_gates_see_every_hit():
    """_find runs a finder only when one of its _FINDERS characters is in the text: every hit
    the finder keeps, run without the gate, must hold one (the cases above, the rule table's
    examples, the seeds, and texts drawn from the time words)."""
    from pathlib import Path

    from hypothesis import given, strategies as st

    from govdoc_extract.extract import deadlines as dl

    def check(text):
        masked = dl._masked(text)
        for ref in (2022, None):
            env = dl._Env(ref_year=ref, current_plan=None)
            for fn, triggers in dl._FINDERS:
                for cell in (False, True):
                    for h in fn(text, masked, env, cell):
                        assert any(t in masked[h.start:h.end] for t in triggers), (fn.__name__, text[h.start:h.end])

    texts = [c[1] for c in CASES] + [w for r in dl.RULES.values() for w in r.split(" → ")[0].split(" / ")]
    texts += ["于6月底前完成", "力争年中完成", "确保年末完成", "力争三季度完成", "2021-2025年", "2022年1月到6月", "年终前", "力争上半年完成", "第三季度末前", "本办法自2022年10月1日起执行",
              "自印发之日起生效", "2022年1月至6月", "2022年1月—2024年6月", "2021～2025年", "2021~2025年", "2021–2025年",
              "每季度末前", "次月10日前", "当月底前", "今年内完成", "“十四五”期末", "自发布之日起3年内有效", "试行期2年"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parents[2].glob("samples/*.txt"))]
    for text in texts:
        check(text)
    words = ["2022", "二〇二二", "年", "月", "日", "10", "1", "十", "底", "末", "上半年", "三季度", "内", "前", "之前", "后",
             "起", "自", "至", "到", "—", "～", "每", "当月", "次月", "季", "半年", "有效期", "有效", "执行期", "实施期限",
             "施行", "实施", "印发之日", "之日", "十四五", "”", "期间", "期末", "时期", "力争", "完成", "，", "个月", "工作日",
             "届满", "提前", "30", "中", "终", "年中", "以内", " "]

    @given(st.lists(st.sampled_from(words), max_size=14).map("".join))
    def drawn(text):
        check(text)

    drawn()
