"""Deadlines: when something must happen or stops (OUTPUT.md "deadline").

One record per time expression, typed as

* ``absolute``  — 力争到2024年, 2025年底前, 至2023年底, 2022年10月1日前, 年底前, “十四五”期末;
* ``relative``  — 签订之日起30日内, 5个工作日内, 24小时内 (counted from an ``anchor`` event);
* ``recurring`` — 每月10日前, 当月15日前, 每年, 每季度, 每半年;
* ``effective`` — 自2022年10月1日起施行, 自印发之日起实施, 自公布之日起30日后施行;
* ``validity``  — 有效期2年 / 有效期为5年 (``end_date`` from the effective date of the same document);
* ``period``    — 2022—2024年, “十四五”期间/时期.

Tables: a ``完成时限`` (时间节点, 完成时间 …) column gives one deadline per row
(``2021年`` → 2021-12-31 ``by``, ``action`` = the row's task); the other cells are read
with the running text (the whole document is scanned once; no pattern crosses a line).

Not deadlines (PEERS.md traps): 发文字号 〔2022〕16号, 条号, 期号, 第十四个五年规划,
years inside 《…》 and plan names in （2021—2025年）, 1860亿元, statistics about the
past (截至2020年底, 与2020年相比, “十三五”时期 once 十四五 is current), event
dates without 前 (4月3日，…召开会议), per-capita rates (每人每年45元) and annual caps
(每年最高不超过300万元). Nothing is resolved against today: the reference year is
the document's 成文日期 (or its 文号 year), else dates that need it stay null.

Rules were developed on the five seed bulletins (荆州, 石首, 随州, 武汉 公报).
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, NamedTuple, Optional

import regex

from ..text import rx
from ..values.comparators import alternation
from ..values.dates import parse_full_date
from ..values.periods import (
    FREQUENCIES,
    TIME_UNITS,
    YEAR_PARTS,
    five_year_plan,
    frequency,
    month_end,
    parse_amount,
    parse_year,
    time_unit,
    validity_end,
    year_part_end,
)
from .base import Context, Draft

# --------------------------------------------------------------------------- tables

# Rule ids carried by the records (``rule``), with the form each one reads.
RULES: dict[str, str] = {
    "deadline.dao_nian": "到/力争到/力争 2024年 → absolute by 12-31",
    "deadline.nian": "a clause-opening year (2023年优质服务达到…) or a 完成时限 cell → absolute by 12-31",
    "deadline.nian_qian": "2025年前 → absolute before 12-31",
    "deadline.niandi": "至2023年底 / 2022年上半年 → absolute by the end of that part",
    "deadline.niandi_qian": "2025年底前 / 年底前 → absolute before 12-31",
    "deadline.yue_di": "2023年6月底 / 完成时间：2022年12月 → absolute, last day of the month",
    "deadline.riqi_qian": "2022年10月31日前 → absolute before that day",
    "deadline.dao_riqi": "到2022年10月31日 → absolute by that day",
    "deadline.yueri_qian": "6月30日前 (no year) → absolute before, year of the document",
    "deadline.nianbufen": "年内 / 力争上半年 / 明年上半年 → absolute by, year of the document",
    "deadline.zi_riqi_qi": "自2023年1月1日起 → absolute from that day",
    "deadline.wunian_qimo": "“十四五”期末/末 → absolute by the plan's last 12-31",
    "deadline.wunian_qijian": "“十四五”期间/时期 → period over the plan's years",
    "deadline.nian_qijian": "2022—2024年 → period 01-01 … 12-31",
    "deadline.yue_qijian": "2021年11—12月 → period over those months",
    "deadline.riqi_qijian": "自2022年1月1日至2024年12月31日 / 2022年1月至2024年6月 → period",
    "deadline.meiyue_ri_qian": "每月10日前 / 当月15日前 → recurring monthly with a day",
    "deadline.meiqi": "每年 / 每季度 / 每半年 / 每月 / 每周 → recurring",
    "deadline.qi_nei": "签订之日起30日内 / 开设后5日内 → relative within, with an anchor",
    "deadline.nei": "3日内 / 5个工作日内 / 24小时内 → relative within",
    "deadline.qi_hou": "之日起30日后 → relative after an anchor",
    "deadline.qi_qian": "有效期届满30日前 → relative before the end of a term",
    "deadline.tiqian": "提前72小时通知 → relative before the event the clause names",
    "deadline.shixing_date": "自2022年10月1日起施行 → effective from that day",
    "deadline.shixing_event": "自印发之日起实施 / 自公布之日起30日后施行 → effective, date unresolved",
    "deadline.youxiaoqi": "有效期2年 / 有效期至2027年12月31日 → validity",
    "deadline.youxiaoqi_qizhi": "有效期自…至… → validity with both ends",
    "deadline.qi_youxiao": "自身份认定之日起12个月有效 → validity counted from an event",
}

# Words before a year and the bound they give (规划/方案 usage: 到2025年 = "by the end
# of 2025"; 截至 introduces a statistic, never a deadline → None).
YEAR_PREFIX: dict[str, Optional[str]] = {
    "力争到": "by", "力争在": "by", "力争于": "by", "力争": "by", "争取到": "by", "争取在": "by",
    "争取": "by", "确保到": "by", "确保在": "by", "确保": "by", "计划到": "by", "计划在": "by",
    "预计到": "by", "到": "by", "至": "by", "在": "by", "于": "by", "直至": "by",
    "截至": None, "截止到": None, "截止": None, "截至到": None,
}
# Words before a plan period, a year part or a month-day (力争“十四五”期末, 确保年内, 于6月30日前).
PLAN_PREFIX: tuple[str, ...] = ("力争到", "力争在", "力争于", "力争", "到", "至", "在")
PART_PREFIX: tuple[str, ...] = ("力争在", "力争于", "力争到", "力争", "争取在", "争取", "确保在", "确保", "于", "在", "到", "至")
# …and the year they name, as an offset from the document's year (今年底前, 明年上半年).
THIS_YEAR: dict[str, int] = {"今年": 0, "今": 0, "本年度": 0, "本年": 0, "当年": 0, "明年": 1, "明": 1}
MONTHDAY_PREFIX: tuple[str, ...] = ("力争在", "力争于", "于", "在", "到", "至")
# Parts of a month → the day they end on (None: the month's last day); 旬 = ten-day thirds.
MONTH_PARTS: dict[str, Optional[int]] = {"底": None, "末": None, "上旬": 10, "中旬": 20, "下旬": None}
# Words after the time expression: 前/之前/以前 close the interval (2025年底前 → before).
BEFORE_SUFFIX: tuple[str, ...] = ("之前", "以前", "前")
# Parts of a year written after 2024年 (2024年底, 2022年上半年) → their word in
# values.periods.YEAR_PARTS (年底 there; 底/末 here because 年 is already written; a test
# checks that every YEAR_PARTS word can be written so).
YEAR_TAIL: dict[str, str] = {"底": "年底", "末": "年末", "内": "年内", "上半年": "上半年", "下半年": "下半年",
                             "年中": "年中", "一季度": "一季度", "二季度": "二季度", "三季度": "三季度",
                             "四季度": "四季度", "第一季度": "一季度", "第二季度": "二季度",
                             "第三季度": "三季度", "第四季度": "四季度"}
# After a bare year these words mean the year is a baseline or a past reference, not a due date.
YEAR_NOT_DUE_AFTER: tuple[str, ...] = (
    "以来", "相比", "同期", "的", "度", "起", "开始", "以后", "之后", "后", "比", "基础", "水平", "数据",
    "基数", "目标", "完成值", "实际", "版", "第", "至今", "中国", "年", "—", "-", "～", "~", "、", "是", "为",
)
# Words of a report on what was done: a clause with them after "2022年，" narrates, it sets no due date.
PAST_MARKERS: tuple[str, ...] = ("共", "已", "累计", "完成了", "实现了", "同比", "比上年", "较上年", "取得")
# …and these words before it: comparisons and ranges (较2020年, 比2015年, 2020年与2025年).
YEAR_NOT_DUE_BEFORE = "较比与和及同从自截止迄—-～~、"

# Heads of a validity clause (有效期5年, 政策执行期限至2023年12月31日).
VALIDITY_HEADS: tuple[str, ...] = ("有效期限", "有效期", "执行期限", "执行期", "实施期限", "试行期")
# Effective clauses: the verbs of 施行 (GB/T 9704 附则: 本办法自…起施行).
EFFECT_VERBS: tuple[str, ...] = ("施行", "实施", "执行", "生效", "试行")
# Events an effective date counts from when no calendar date is written.
EFFECT_EVENTS: tuple[str, ...] = ("印发", "公布", "发布", "颁布", "公告", "下发", "签发", "签署", "通过", "发文")

# Plan periods (“十四五”期间/时期/期末); value: what the part means.
PLAN_PARTS: dict[str, str] = {
    "期间": "period", "时期": "period", "规划期内": "period", "规划期间": "period", "规划期": "period",
    "期末": "end", "末期": "end", "末": "end", "规划期末": "end",
    "以来": "past",
}

# Words before a duration that make it a look-back condition, not a deadline (近3年内, 前3年内).
RELATIVE_NOT_AFTER = "近每前满超逾"
# …unless 前 closes the end of a term: 有效期届满前30日内 counts back from the expiry.
TERM_ENDS: tuple[str, ...] = ("届满", "期满", "到期", "结束", "截止")
# Words right after 内 that make the duration qualify a noun (离校2年内未就业的毕业生, 3年内的).
RELATIVE_NOT_BEFORE = "未的无有累"

# --------------------------------------------------------------------------- patterns

_CN_D = "〇○Ｏ零一二三四五六七八九"
_CN_N = "一二两三四五六七八九十"
# The second digit of a Chinese-digit year (二〇二五, 一九九九): every such year holds one of
# these, so a text without any skips the Chinese-digit patterns.
_CN_CENTURY = "〇○Ｏ零九"
_CN_YEAR = rf"[一二][{_CN_CENTURY}][{_CN_D}]{{2}}"  # 19xx / 20xx in Chinese digits (二〇二五)
_YEAR = rf"(?:(?<![\d.])(?:19|20)\d{{2}}(?![\d.])|{_CN_YEAR})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_NUM = rf"(?:\d{{1,3}}|[{_CN_N}]{{1,3}})"
_S = r"[ \u3000]{0,2}"  # stray spaces inside an expression; never a line break

# NOTE: patterns start on their mandatory core (a year, a month, a plan number) and the
# optional words before it (力争到, 自, 今年) are read by _lookback(): a leading optional
# group would make the engine try the whole alternation at every character.
_ABS_YEAR_RE = rx.compile(
    rf"(?P<year>{_YEAR}){_S}年"
    rf"(?:{_S}(?P<month>{_MONTH}){_S}月(?:{_S}(?P<day>{_DAY}){_S}[日号]|(?P<mpart>{alternation(MONTH_PARTS)}))?)?"
    rf"(?P<part>{alternation(YEAR_TAIL)})?"
    rf"(?P<post>{alternation(BEFORE_SUFFIX)})?"
)
_FULL_AR = rf"(?<!\d)(?:19|20)\d{{2}}{_S}年{_S}\d{{1,2}}{_S}月{_S}\d{{1,2}}{_S}[日号]"
_FULL_CN = rf"{_CN_YEAR}年[{_CN_N}]{{1,2}}月[{_CN_N}]{{1,3}}日"  # 二〇二二年十月一日 (令, older texts)
_FULL = rf"(?:{_FULL_AR}|{_FULL_CN})"
# Range separators: dashes (one or two: 2021——2025年) and words (2022年1月至6月).
RANGE_DASHES = "-—–~～"  # (the hyphen first: literal in a class)
RANGE_WORDS: tuple[str, ...] = ("至", "到")
_SEP = rf"(?:[{RANGE_DASHES}]{{1,2}}|{'|'.join(RANGE_WORDS)})"
_RANGE_RE = rx.compile(
    rf"(?P<y1>{_YEAR}){_S}年?{_S}{_SEP}{_S}(?P<y2>{_YEAR}){_S}年(?!度)"
)
_YMD = rf"(?P<y@>{_YEAR}){_S}年{_S}(?P<m@>{_MONTH}){_S}月(?:{_S}(?P<d@>{_DAY}){_S}[日号]|(?P<e@>底|末))?"
_DATE_RANGE_RE = rx.compile(  # 自2022年1月1日起至2024年12月31日止 / 自2023年5月开始，至2023年12月底结束
    rf"{_YMD.replace('@', '1')}(?:起|开始)?[，,]?{_S}(?:至|到|—|-){_S}{_YMD.replace('@', '2')}(?:止|结束)?"
)
_MONTH_RANGE_RE = rx.compile(  # 2021年11—12月 / 2022年1月至6月: months of one year
    rf"(?P<y>{_YEAR}){_S}年{_S}(?P<m1>{_MONTH}){_S}月?{_S}{_SEP}{_S}(?P<m2>{_MONTH}){_S}月(?!\d)"
)
# What every match of the three range patterns holds: the end of the first year, month or date
# (a digit, 年, 月, 日, 号, 底, 末, 起, 开始, then stray spaces or a comma), a separator, then the first
# digit of the second year or month. tests/extract/test_deadlines.py draws matches of each of the
# three patterns and checks that this one finds them all. The match is the separator, the
# rest is looked around: a scan that starts on digits and 年 stops at every date (3x slower).
_RANGE_SEP_RE = rx.compile(
    rf"(?<=[\d{_CN_D}十年月日号底末起始][ \u3000]{{0,4}}[，,]?{_S})"
    rf"{_SEP}(?={_S}[\d{_CN_D}十])"
)
_PLAN_RE = rx.compile(
    rf"(?P<plan>[十二三四五六七八九]{{1,3}}五)[”\"’]?"
    rf"(?P<part>{alternation(PLAN_PARTS)})"
)
# The cores are what every YEAR_PARTS word ends with (年底, 上半年, 三季度); _year_part() reads the
# rest backwards (tests/extract/test_deadlines.py checks every word of YEAR_PARTS ends so).
_YEARLESS_CORES = ("年底", "年末", "年内", "年终", "年中", "半年", "季度")
_YEARLESS_RE = rx.compile(rf"(?:{alternation(_YEARLESS_CORES)})(?P<post>{alternation(BEFORE_SUFFIX)})?")
_MONTHDAY_RE = rx.compile(
    rf"(?<![年月\d{_CN_N}])(?P<month>{_MONTH}){_S}月{_S}"
    rf"(?:(?P<day>{_DAY}){_S}[日号]|(?P<mpart>{alternation(MONTH_PARTS)}))(?P<post>{alternation(BEFORE_SUFFIX)})"
)
_RECUR_RE = rx.compile(
    rf"(?P<freq>{alternation(FREQUENCIES)})(?P<edge>底|末)?"
    rf"(?:{_S}(?P<month>{_MONTH}){_S}月(?:底|末)?)?"
    rf"(?:{_S}(?P<day>{_DAY}){_S}[日号](?:(?:至|到|—|-){_S}(?:月底|月末|(?P<day2>{_DAY}){_S}[日号]))?)?"
    rf"(?P<post>{alternation(BEFORE_SUFFIX)})?"
)
# 内 right after the last character of a time unit (日内, 个月以内; not 内容, 区内); the unit
# and the amount before it are read backwards. (Neither 以 nor 之 ends a unit: the lookbehind
# rejects just the matches a check of the character before them would.)
_UNIT_LAST = "".join(sorted({u[-1] for u in TIME_UNITS}))  # the last character of every time unit
_RELATIVE_RE = rx.compile(rf"(?<=[{_UNIT_LAST}])(?:以|之)?内")
_UNIT_BEFORE_RE = rx.compile(rf"(?:{alternation(TIME_UNITS)})$")
_AMOUNT_BEFORE_RE = rx.compile(rf"(?:\d{{1,3}}|[{_CN_N}]{{1,3}}){_S}$")
_RELATIVE_AFTER_RE = rx.compile(  # 签订之日起30日后: only with an explicit 之日起
    rf"之日起{_S}(?P<amt>{_NUM}){_S}(?P<unit>{alternation(TIME_UNITS)})(?P<post>后)"
)
_BEFORE_PREV = frozenset(_UNIT_LAST + "以提")  # what stands before the 前 of a _RELATIVE_BEFORE_RE match
_RELATIVE_BEFORE_RE = rx.compile(  # 有效期届满30日前 / 提前72小时通知: counted back from an event
    rf"(?:(?:{alternation(TERM_ENDS)})(?:之日)?{_S}(?P<amt>{_NUM}){_S}(?P<unit>{alternation(TIME_UNITS)})(?P<post>以前|前)"
    rf"|提前{_S}(?P<amt2>{_NUM}){_S}(?P<unit2>{alternation(TIME_UNITS)}))"
)
# Effective clauses start on 自/从 or on the date itself; 起 is required (checked in _effective).
_EFFECT_TAIL = (rf"{_S}(?P<qi>起)?(?:{_S}(?P<amt>{_NUM}){_S}(?P<unit>个工作日|日|天|个月)后)?"
                rf"(?:正式)?(?P<verb>{alternation(EFFECT_VERBS)})")
_EFFECT_RE = rx.compile(  # 自2022年10月1日起施行 / 自印发之日起实施
    rf"(?P<pre>自|从){_S}(?:(?P<date>{_FULL})"
    rf"|(?P<event>即日|[^，。；,;：:\s自从]{{0,8}}?(?:{alternation(EFFECT_EVENTS)})之日))" + _EFFECT_TAIL
)
# 2022年10月1日起施行 (no 自); one pattern per script: an alternation at the start is slow to scan
_EFFECT_DATE_RE = rx.compile(_FULL_AR + _EFFECT_TAIL)
_EFFECT_QI_PREV = frozenset("日号 \u3000")  # what stands before the 起 of an effective formula
_EFFECT_DATE_CN_RE = rx.compile(_FULL_CN + _EFFECT_TAIL)
_VALIDITY_RE = rx.compile(
    rf"(?:{alternation(VALIDITY_HEADS)})(?:为|是|暂定为|暂定)?{_S}(?:(?P<amt>{_NUM}){_S}(?P<unit>个月|年)"
    rf"|至{_S}(?P<date>{_FULL}))"
    rf"|(?:自|从)(?P<anchor>[^，。；,;：:\s自从]{{1,12}}?之日)起{_S}(?P<amt2>{_NUM}){_S}(?P<unit2>个月|年)内?有效"
)
# A per-capita or per-unit rate before 每年 (每人每年45元, 每满1年每人每月2元).
_PER_BEFORE_RE = rx.compile(r"每[^\s，。；,;]{1,3}$")
# An annual cap or rate after 每年: 每年最高不超过300万元, 每年最低标准为400元.
_RATE_AFTER_RE = rx.compile(
    r"^[^，。；,;\n]{0,8}?(?:最高|最多|最低|不超过|不低于|不高于|标准为|限额为?)[^，。；,;\n]{0,6}?[\d.]+[万亿]?元"
)
# 每月拨付人工费用的时间: 每月 qualifies a noun (a contract clause), no schedule is imposed.
_NOUN_AFTER_RE = rx.compile(r"^[^，。；,;、\n]{0,14}?(?:的时间|时间及|时间等|时间和)")
# 时期 frames a commitment only when a clause of doing or reaching follows (“十四五”时期，新增…).
COMMIT_VERBS: tuple[str, ...] = ("力争", "新增", "建成", "完成", "达到", "累计", "培育", "创建", "引进", "实现",
                                 "确保", "争取", "打造", "培养", "扶持", "提高到", "降低到")
_COMMIT_RE = rx.compile(rf"^[，,]?[^，。；,;\n]{{0,10}}?(?:{alternation(COMMIT_VERBS)})")
_PLAN_NAME_RE = rx.compile(r"([十二三四五六七八九]{1,3}五)[”\"’]?(?:规划|时期|期间|期末|末)")
# Words a document or plan name ends with: a year in parentheses right after them is part of the name
# (行动方案（2022—2024年）); after a task it is the task's due year (建成平台（2023年）).
# Last characters of such names: 规划 计划 方案 预案 纲要 要点 意见 办法 目录 名录 标准 指南 清单 条例 规定 决定
# 细则 通知 报告 …版 》.
NAME_ENDS = "划案要点见法录准南单例定则知告版》"
# A parenthesis that only holds a year (span) or a 文号 is part of a name: （2021—2025年）,
# （2022年版）, （荆政办发〔2022〕16号）; （完成时限：2022年底前） is kept: it is a deadline.
# Searched whole (one pattern per opening bracket: a literal first character is found much
# faster than a class); neither branch holds a bracket or a line break, so a match runs from
# its opening bracket to the first closing one, and two matches never overlap.
_NAME_PAREN_BODY = (
    r"[ \u3000]{0,2}(?:\d{4}[ \u3000]{0,2}年?(?:[ \u3000]{0,2}[—\-–~～至到][ \u3000]{0,2}\d{4}[ \u3000]{0,2}年?)?"
    r"(?:度|版|修订|修正|修订版)?[ \u3000]{0,2}[）)]|[^（）()\n]{0,20}〔\d{4}〕[^（）()\n]{0,8}[）)])"
)
_NAME_PARENS = (("（", rx.compile("（" + _NAME_PAREN_BODY)), ("(", rx.compile(r"\(" + _NAME_PAREN_BODY)))
_LABEL_BEFORE_RE = rx.compile(r"(?:完成|办结|截止|工作)?(?:时限|时间|期限|时间节点|节点)[：:][ \u3000]{0,2}$")
_CLAUSE_STOP = "，。；,;！？\t\n"  # where the clause an expression governs ends
_CLAUSE_STOP_RE = rx.compile(f"[{_CLAUSE_STOP}]")
# What follows a time expression (past commas, colons, spaces) up to the clause's end, at most 60
# characters: the clause _action() reads (literals only: the standard engine, a third of the cost).
_ACTION_RE = rx.compile_std(f"[，,：: ]*([^{_CLAUSE_STOP}]{{0,60}})")
_ANCHOR_END_RE = rx.compile(r"(?:之日起|之日|之时起|起|后)$")
_CLAUSE_END = "，。；,;：:！？!?\t\n"
_BARE_STOP = frozenset(_CLAUSE_END) - frozenset("，,")  # after a bare year: no clause follows it
_QUOTES = rx.compile_std(r"《[^《》\n]{0,80}》")  # (literals only: the standard engine, a third of the cost)

# Header of a deadline column in a task table (工作任务分工表).
_TASK_HEADER_RE = rx.compile(r"任务|事项|内容|措施|工作|项目")
_DEADLINE_HEADER_RE = rx.compile(r"^(?:完成|办结|工作|实施)?(?:时限|期限|时间|时间节点|进度安排|时间安排|截止时间)$")
_HEADER_MAX = 6  # the longest _DEADLINE_HEADER_RE match (完成时间节点)
_HEADER_LAST = "限间排点"  # the last characters it can end with
# (a character class, not a frozenset: ``isdisjoint`` over a row's text makes a string per character)
_HEADER_LAST_RE = rx.compile(f"[{_HEADER_LAST}]")


# --------------------------------------------------------------------------- public


def extract(ctx: Context) -> Iterator[Draft]:
    """Yield one deadline draft per time expression in the document's paragraphs and tables."""
    env = _Env.of(ctx)
    lo, hi = ctx.document.start, ctx.document.end
    # One scan over the whole document (paragraphs and table lines alike): the patterns never
    # cross a line break, and one pass per pattern is much cheaper than one per paragraph.
    hits = _find(ctx.clean.text[lo:hi], lo, env)
    cell_hits: list[_Hit] = []
    for row_cells, info in _table_rows(ctx, env):
        cell_hits.extend(_table_row(row_cells, env, info))
    if cell_hits:  # a 完成时限 cell read as a cell wins over the same words read as prose
        hits = [h for h in hits if not any(h.start < c.end and c.start < h.end for c in cell_hits)]
        hits = sorted(hits + cell_hits, key=lambda h: h.start)
    _resolve_validity(hits)
    for h in hits:
        fields = {k: v for k, v in h.fields.items() if v is not None}
        yield Draft(kind="deadline", start=h.start, end=h.end, fields=fields, rule=h.rule, section_id=h.section_id)


# --------------------------------------------------------------------------- helpers


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    fields: dict[str, Any]
    rule: str
    section_id: Optional[str] = None
    priority: int = 0


@dataclass(slots=True)
class _Env:
    ref_year: Optional[int]
    current_plan: Optional[int]  # last year of the 五年规划 the document is about (when no date is known)
    header_col: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # 完成时限 cell text → its hits at offset 0 (cells repeat: 2022年)
    years: tuple = (None, [])  # (a masked paragraph, its _ABS_YEAR_RE matches): _ranges and _abs_years read both

    def year_matches(self, masked: str) -> list:
        """``_ABS_YEAR_RE`` matches of ``masked``, found once for _abs_years and _ranges."""
        key, found = self.years
        if key is not masked:
            found = list(_ABS_YEAR_RE.finditer(masked))
            self.years = (masked, found)
        return found

    @classmethod
    def of(cls, ctx: Context) -> "_Env":
        ref = ctx.ref_date.year if ctx.ref_date else None
        if ref is None and ctx.document.doc_number is not None:
            ref = ctx.document.doc_number.year
        current = None
        if ref is None:  # no date: the plan named most often is the current one (later on ties)
            text = ctx.clean.text[ctx.document.start:ctx.document.end]
            ends = Counter(p[1] for p in (five_year_plan(m.group(1)) for m in _PLAN_NAME_RE.finditer(text)) if p)
            if ends:
                current = max(ends, key=lambda e: (ends[e], e))
        return cls(ref_year=ref, current_plan=current)


def _find(text: str, base: int, env: _Env, sid: Optional[str] = None, *, cell: bool = False) -> list[_Hit]:
    """All deadline hits of a text (a document or a table cell), overlaps resolved longest first."""
    masked = _masked(text)
    cands: list[_Hit] = []
    for fn, triggers in _FINDERS:
        for t in triggers:  # cheap gate: most paragraphs hold no time words (a loop: no generator to set up)
            if t in masked:
                cands.extend(fn(text, masked, env, cell))
                break
    cands.sort(key=lambda h: (-(h.end - h.start), h.priority, h.start))
    taken: list[_Hit] = []
    starts: list[int] = []
    for h in cands:
        i = bisect_right(starts, h.start)
        if (i > 0 and taken[i - 1].end > h.start) or (i < len(taken) and taken[i].start < h.end):
            continue  # overlaps a longer expression already kept
        starts.insert(i, h.start)
        taken.insert(i, h)
    for h in taken:  # the candidates are this call's own objects: finish them in place
        if "action" not in h.fields and h.fields.get("type") not in ("effective", "validity"):
            h.fields["action"] = _action(text, h.start, h.end)
        h.start += base
        h.end += base
        h.section_id = sid
    return taken


def _masked(text: str) -> str:
    """``text`` with 《titles》 and short （parentheses） blanked, so years in names never match.

    >>> _masked("《规划》（2021—2025年）到2025年")
    '＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿到2025年'
    >>> _masked("（完成时限：2022年底前）")
    '（完成时限：2022年底前）'
    """
    if "《" in text:
        out = _QUOTES.sub(_underline, text)
    elif "（" not in text and "(" not in text:
        return text
    else:
        out = text
    # masking keeps lengths, so the original text tells what precedes each parenthesis (a text
    # without a digit has none to blank: each _NAME_PARENS form holds four)
    found = _name_parens(text, out)
    return _blank(out, found) if found else out


def _underline(m) -> str:
    """As many ＿ as the match has characters."""
    return "＿" * (m.end() - m.start())


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the (ordered, disjoint) ``spans`` replaced by as many ＿."""
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for a, b in spans:
        pieces += (text[last:a], "＿" * (b - a))
        last = b
    pieces.append(text[last:])
    return "".join(pieces)


def _name_parens(text: str, out: str) -> list[tuple[int, int]]:
    """Spans of the parentheses of ``out`` (``text`` with its titles blanked) that are part of a
    name: a 文号, or a year right after a document kind (``text`` tells what precedes each one).

    >>> t = "三年行动方案（2022—2024年），建成平台（2023年），通知（武政办〔2015〕119号）"
    >>> [t[a:b] for a, b in _name_parens(t, t)]
    ['（2022—2024年）', '（武政办〔2015〕119号）']
    """
    found = [m.span() for c, p in _NAME_PARENS if c in out for m in p.finditer(out)
             if "〔" in m.group() or (m.start() > 0 and text[m.start() - 1] in NAME_ENDS)]
    found.sort()
    return found


def _iso(d: Optional[datetime.date]) -> Optional[str]:
    return d.isoformat() if d else None


def _int(s: Optional[str]) -> Optional[int]:
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)  # what parse_amount gives for plain digits, without its table and patterns
    v = parse_amount(s)
    return int(v) if v is not None else None


def _effective(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    # the formula needs 起 (checked below) right after its date or event (…日起, 之日起, 即日起),
    # or after the stray spaces before it: scan only the lines holding such a 起 (most 起 are
    # in 起草, 一起, 发起 …)
    lines = _lines_with_after(masked, "起", _EFFECT_QI_PREV)
    found = [*_scan(_EFFECT_RE, masked, lines), *_scan(_EFFECT_DATE_RE, masked, lines)]
    if any(z in masked for z in _CN_CENTURY):
        found.extend(_scan(_EFFECT_DATE_CN_RE, masked, lines))
    for m in found:
        if not m.group("qi"):
            continue  # the formula is 自…起施行; 2022年10月1日施行 narrates a past act
        date_text = m.group("date") if "pre" in m.re.groupindex else m.group()
        d = parse_full_date(date_text) if date_text else None
        if date_text and d is None:
            continue
        ev = m.groupdict().get("event")
        yield _Hit(m.start(), m.end(), {
            "type": "effective", "date": _iso(d), "bound": "from",
            "amount": _int(m.group("amt")), "unit": time_unit(m.group("unit")) if m.group("unit") else None,
            "anchor": ev or None,
        }, "deadline.shixing_date" if d else "deadline.shixing_event", priority=0)


def _validity(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    for m in _scan(_VALIDITY_RE, masked, _lines_with(masked, _VALIDITY_WORDS)):
        amt = m.group("amt") or m.group("amt2")
        unit = m.group("unit") or m.group("unit2")
        end = parse_full_date(m.group("date")) if m.group("date") else None
        yield _Hit(m.start(), m.end(), {
            "type": "validity", "amount": _int(amt), "unit": time_unit(unit) if unit else None,
            "end_date": _iso(end), "anchor": m.group("anchor"),
        }, "deadline.youxiaoqi" if not m.group("anchor") else "deadline.qi_youxiao", priority=1)


def _plans(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    for m in _PLAN_RE.finditer(masked):
        span = five_year_plan(m.group("plan"))
        part = PLAN_PARTS[m.group("part")]
        if span is None or part == "past":
            continue
        if _is_past(span[1], env) or (env.current_plan and span[1] < env.current_plan):
            continue  # “十三五”时期 in a 十四五 plan: a review of the past
        if m.group("part") == "时期" and not _COMMIT_RE.match(masked[m.end():m.end() + 24]):
            continue  # “十四五”时期是…关键时期 / headings / 机遇期: a topic, not the time frame of a commitment
        q = m.start() - (1 if m.start() > 0 and masked[m.start() - 1] in "“\"‘" else 0)
        pre = _lookback(masked, q, _PLAN_PREFIX_WORDS)
        if part == "period":
            if pre in ("到", "至"):  # 到“十四五”期间 is not written; keep the span tight
                continue
            yield _Hit(q, m.end(), {"type": "period", "date": f"{span[0]}-01-01", "end_date": f"{span[1]}-12-31"},
                       "deadline.wunian_qijian", priority=2)
        else:
            yield _Hit(q - len(pre or ""), m.end(), {"type": "absolute", "date": f"{span[1]}-12-31", "bound": "by"},
                       "deadline.wunian_qimo", priority=2)


def _ranges(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    # Every range holds a year written like _ABS_YEAR_RE's (y年): the lines without such a
    # match hold no range, so the three patterns run on the others only.
    lines: list[tuple[int, int]] = []
    for m in env.year_matches(masked):
        if lines and m.start() < lines[-1][1]:
            continue  # same line as the last one
        a = masked.rfind("\n", 0, m.start()) + 1
        b = masked.find("\n", m.end())
        lines.append((a, len(masked) if b < 0 else b))
    # …and a range separator followed by a number (—2024年, 至6月): most years stand alone, and
    # one search of their lines spares the three patterns
    lines = [(a, b) for a, b in lines if _RANGE_SEP_RE.search(masked, a, b)]
    if not lines:
        return
    for m in _scan(_DATE_RANGE_RE, masked, lines):
        if m.group("d1") and not m.group("d2") and not m.group("e2"):
            continue  # 2022年1月1日至2024年6月: mixed precision, not a formula of 公文
        y1, y2 = parse_year(m.group("y1")), parse_year(m.group("y2"))
        m1, m2 = _int(m.group("m1")), _int(m.group("m2"))
        if not (y1 and y2 and m1 and m2 and 1 <= m1 <= 12 and 1 <= m2 <= 12):
            continue
        try:
            d1 = datetime.date(y1, m1, _int(m.group("d1")) or 1)
            day2 = _int(m.group("d2"))
            d2 = datetime.date(y2, m2, day2) if day2 is not None else month_end(y2, m2)
        except ValueError:
            continue
        if d1 is None or d2 is None or not d1 < d2 or _is_past(d2.year, env):
            continue
        s = m.start() - len(_lookback(masked, m.start(), _FROM_WORDS) or "")
        v = _lookback(masked, s, _VALIDITY_LEAD_WORDS)
        if v:  # 有效期自2022年1月1日至2026年12月31日: a validity with both ends written
            yield _Hit(s - len(v), m.end(), {"type": "validity", "date": _iso(d1), "end_date": _iso(d2)},
                       "deadline.youxiaoqi_qizhi", priority=1)
            continue
        yield _Hit(s, m.end(), {"type": "period", "date": _iso(d1), "end_date": _iso(d2)},
                   "deadline.riqi_qijian", priority=3)
    for m in _scan(_MONTH_RANGE_RE, masked, lines):
        y, m1, m2 = parse_year(m.group("y")), _int(m.group("m1")), _int(m.group("m2"))
        if y is None or not (m1 and m2 and 1 <= m1 < m2 <= 12) or _is_past(y, env):
            continue
        yield _Hit(m.start(), m.end(), {"type": "period", "date": f"{y}-{m1:02d}-01",
                                        "end_date": _iso(month_end(y, m2))}, "deadline.yue_qijian", priority=3)
    for m in _scan(_RANGE_RE, masked, lines):
        y1, y2 = parse_year(m.group("y1")), parse_year(m.group("y2"))
        if y1 is None or y2 is None or not y1 < y2 <= y1 + 15:
            continue
        if _is_past(y2, env):
            continue
        yield _Hit(m.start(), m.end(), {"type": "period", "date": f"{y1}-01-01", "end_date": f"{y2}-12-31"},
                   "deadline.nian_qijian", priority=3)


def _lookback(masked: str, pos: int, words: "_Words") -> Optional[str]:
    """The longest of ``words`` written just before ``pos`` (the optional prefix of a core match).

    >>> _lookback("力争到2024年", 3, _words(("力争到", "力争", "到"))), _lookback("2024年", 0, _words(("到",)))
    ('力争到', None)
    """
    if pos == 0 or masked[pos - 1] not in words.lasts:  # the common case: no word ends here
        return None
    for k in range(min(pos, words.longest), 0, -1):  # the longest ending before pos that is one of the words
        if masked[pos - k:pos] in words.words:
            return masked[pos - k:pos]
    return None


class _Words(NamedTuple):
    """Words read backwards by :func:`_lookback`, as sets: membership without a scan."""

    lasts: frozenset  # their last characters
    words: frozenset
    longest: int


def _words(words) -> _Words:
    return _Words(frozenset(w[-1] for w in words), frozenset(words), max(len(w) for w in words))


_YEAR_PREFIX_WORDS = _words(YEAR_PREFIX)
_PLAN_PREFIX_WORDS = _words(PLAN_PREFIX)
_PART_PREFIX_WORDS = _words(PART_PREFIX)
_THIS_YEAR_WORDS = _words(THIS_YEAR)
_MONTHDAY_PREFIX_WORDS = _words(MONTHDAY_PREFIX)
_TERM_END_WORDS = _words(TERM_ENDS)
_FROM_WORDS = _words(("自", "从"))
_VALIDITY_LEAD_WORDS = _words(("有效期为", "有效期是", "有效期"))
_YEAR_OPENERS = _CLAUSE_END + "（("  # what may stand before a year that opens a clause (2023年优质服务…)


def _is_past(year: int, env: _Env) -> bool:
    return env.ref_year is not None and year < env.ref_year


def _abs_years(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    idx = rx.group_numbers(_ABS_YEAR_RE, ("year", "month", "day", "mpart", "part", "post"))
    ref = env.ref_year
    for m in env.year_matches(masked):
        year, month_s, day_s, mpart, part, post = m.group(*idx)
        b, e = m.span()
        pre = _lookback(masked, b, _YEAR_PREFIX_WORDS)
        if pre in ("在", "于") and post is None and part is None:
            pre = None  # 在2022年完成 is due by 2022, but 于2019年建成 narrates: keep 在/于 only with 前/底
        bare = pre is None and post is None and part is None and mpart is None
        if bare and not cell and (e == len(masked) or masked[e] in _BARE_STOP or (
                month_s is None and b and masked[b - 1] not in _YEAR_OPENERS)) and not _colon_before(masked, b):
            # the common cases, decided early: a year (or month) with no 前/底 and no label right
            # before a clause end (a 2025年 header cell, 2020年。), or a year after a word (于2019年,
            # 比2020年), is not due; the checks below reject them too (a month needs a label, a
            # bare year a clause it opens)
            continue
        y = parse_year(year)
        if y is None:
            continue
        if pre is not None and YEAR_PREFIX[pre] is None:
            continue  # 截至2020年底: a statistic
        if ref is not None and y < ref:
            continue  # past
        month = _int(month_s) if month_s else None
        day = _int(day_s) if day_s else None
        if post == "前" and e < len(masked) and (masked[e].isdigit() or masked[e] in "一二两三四五六七八九十半几"):
            continue  # 2022年前三季度: "the first three quarters of", a statistic
        s = b - len(pre) if pre else b
        if month is not None and day is not None and not post and masked[e:e + 1] == "起" \
                and _lookback(masked, b, _FROM_WORDS):
            try:  # 自2023年1月1日起，对…减半征收: a rule that applies from a date
                d = datetime.date(y, month, day)
            except ValueError:
                continue
            yield _Hit(b - 1, e + 1, {"type": "absolute", "date": _iso(d), "bound": "from"},
                       "deadline.zi_riqi_qi", priority=4)
            continue
        if month is not None and day is not None:
            if not post and pre not in ("到", "至", "力争到", "确保到", "争取到"):
                continue  # a dated event (4月3日，…召开会议) or 成文日期
            try:
                d = datetime.date(y, month, day)
            except ValueError:
                continue
            rule = "deadline.riqi_qian" if post else "deadline.dao_riqi"
        elif month is not None:
            if not (post or pre or mpart or cell or _labelled(masked, b)):
                continue
            if not 1 <= month <= 12:
                continue
            d = _month_part_end(y, month, mpart)
            rule = "deadline.yue_di"
        elif part:
            end = year_part_end(y, YEAR_TAIL[part])
            if end is None:  # (never: every YEAR_TAIL word is a part of YEAR_PARTS, tested)
                continue
            d = end
            rule = "deadline.niandi_qian" if post else "deadline.niandi"
        else:
            d = datetime.date(y, 12, 31)
            rule = "deadline.nian_qian" if post else ("deadline.dao_nian" if pre else "deadline.nian")
        if bare:
            if not _bare_year_ok(masked, b, e, cell or _labelled(masked, b), ref is not None and y >= ref):
                continue
        elif not pre and not post and month is None and part == "内":
            continue  # 2022年内 alone is fine only with a verb; rare, skip
        if mpart is None and month is None and part is None and post is None \
                and masked.startswith(YEAR_NOT_DUE_AFTER, e):
            continue
        if s > 0 and masked[s - 1] in YEAR_NOT_DUE_BEFORE and not pre:
            continue
        bound = "before" if post else "by"
        yield _Hit(s, e, {"type": "absolute", "date": _iso(d), "bound": bound}, rule, priority=4)


def _labelled(masked: str, start: int) -> bool:
    """A 完成时限：/时间节点： label right before ``start``: it makes a bare year or month a due date
    (（完成时限：2022年6月）)."""
    return _colon_before(masked, start) and \
        _LABEL_BEFORE_RE.search(masked, max(0, start - _LABEL_REACH), start) is not None


_LABEL_REACH = 8  # a 时限/时间节点 label ends this close before its date


def _colon_before(masked: str, start: int) -> bool:
    """A colon within the reach of a label before ``start`` (most years have none: a cheap test
    before :data:`_LABEL_BEFORE_RE`).

    >>> _colon_before("完成时限：2022年", 5), _colon_before("到2022年", 1)
    (True, False)
    """
    w0 = max(0, start - _LABEL_REACH)
    return masked.find("：", w0, start) >= 0 or masked.find(":", w0, start) >= 0


def _bare_year_ok(masked: str, start: int, end: int, cell: bool, current: bool = False) -> bool:
    """A year with no 到/前 is a due year only when it opens a clause that follows (2023年优质服务…达到90%).

    ``current``: the year is known not to be past; then ``2023年，各地要…`` (a comma after the
    year) also counts, unless the clause reports what was done (共, 已, 累计, 同比 …).

    >>> _bare_year_ok("能力，2023年优质服务达到90%", 3, 8, False), _bare_year_ok("与2020年相比", 1, 6, False)
    (True, False)
    >>> _bare_year_ok("2021年", 0, 5, True), _bare_year_ok("2021年", 0, 5, False)
    (True, False)
    >>> _bare_year_ok("2023年，各地要力争开展培训", 0, 5, False, True), _bare_year_ok("2023年，各地共开展培训", 0, 5, False, True)
    (True, False)
    """
    rest = masked[end:end + 6]
    if cell:  # the cell or label says it is a due date
        return not rest.startswith(YEAR_NOT_DUE_AFTER)
    before = masked[start - 1] if start > 0 else "\n"
    if before not in _YEAR_OPENERS:
        return False
    if not rest:
        return False
    if rest[0] in "，," and current:
        m = _CLAUSE_STOP_RE.search(masked, end + 1, end + 40)
        clause = masked[end + 1:m.start() if m else end + 40]
        return not clause.startswith(YEAR_NOT_DUE_AFTER) and not any(w in clause for w in PAST_MARKERS)
    if rest[0] in _CLAUSE_END or rest.startswith(YEAR_NOT_DUE_AFTER):
        return False
    return True


def _month_days(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    for m in _MONTHDAY_RE.finditer(masked):
        month = _int(m.group("month"))
        if month is None or not 1 <= month <= 12:
            continue
        if m.start("month") > 0 and masked[m.start("month") - 1] in "每当次":
            continue
        day = _int(m.group("day"))
        d = None
        if env.ref_year is not None:
            try:
                d = datetime.date(env.ref_year, month, day) if day else _month_part_end(env.ref_year, month, m.group("mpart"))
            except ValueError:
                continue
        pre = _lookback(masked, m.start(), _MONTHDAY_PREFIX_WORDS)
        yield _Hit(m.start() - len(pre or ""), m.end(), {"type": "absolute", "date": _iso(d), "bound": "before"},
                   "deadline.yueri_qian", priority=5)


def _month_part_end(year: int, month: int, part: Optional[str]) -> datetime.date:
    """Last day of a month or of its 上旬/中旬.

    >>> _month_part_end(2022, 6, "中旬"), _month_part_end(2022, 2, "底"), _month_part_end(2022, 6, None)
    (datetime.date(2022, 6, 20), datetime.date(2022, 2, 28), datetime.date(2022, 6, 30))
    """
    day = MONTH_PARTS.get(part) if part else None
    return datetime.date(year, month, day) if day else month_end(year, month)


def _yearless(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    for m in _matches_at(_YEARLESS_RE, masked, _YEARLESS_CORES):
        post = m.group("post")
        part, p0 = _year_part(masked, m.start(), m.end() - len(post or ""))
        if part is None:
            continue
        this = _lookback(masked, p0, _THIS_YEAR_WORDS)
        s0 = p0 - len(this or "")
        pre = _lookback(masked, s0, _PART_PREFIX_WORDS)
        prev = masked[s0 - 1] if s0 > 0 else ""
        if prev and (prev.isdigit() or prev in _CN_D + "十两年每近上下前满后个"):
            continue  # 2024年底 (absolute rule), 一年内 / 3年内 (relative rule), 每年
        if part == "年内":
            if masked[m.end():m.end() + 1] in ("有", "累", "的"):
                continue  # 年内有效, 年内累计
        elif not (post or (pre and pre not in ("于", "在")) or THIS_YEAR.get(this or "", 0) > 0):
            continue  # 今年上半年，全市… is a statistic (明年上半年 can only be planned)
        d = year_part_end(env.ref_year + THIS_YEAR.get(this or "", 0), part) if env.ref_year else None
        bound = "before" if post else "by"
        s = s0 - len(pre) if pre else s0
        yield _Hit(s, m.end(), {"type": "absolute", "date": _iso(d), "bound": bound},
                   "deadline.niandi_qian" if post else "deadline.nianbufen", priority=6)


def _year_part(masked: str, start: int, end: int) -> tuple[Optional[str], int]:
    """The YEAR_PARTS word ending at ``end`` and where it starts (上半年, 第三季度, 年底).

    >>> _year_part("力争上半年完成", 3, 5), _year_part("第三季度末", 2, 4), _year_part("每半年", 1, 3)
    (('上半年', 2), ('第三季度', 0), (None, 1))
    """
    core = masked[start:end]
    if core == "半年":
        word = masked[start - 1:end] if start > 0 else ""
    elif core == "季度":
        word = masked[max(0, start - 2):end]
        if word not in YEAR_PARTS:
            word = masked[start - 1:end] if start > 0 else ""
    else:
        word = core
    return (word, end - len(word)) if word in YEAR_PARTS else (None, start)


def _recurring(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    for m in _matches_at(_RECUR_RE, masked, _FREQ_HEADS):
        word = m.group("freq")
        freq = frequency(word)
        day = _int(m.group("day"))
        post = m.group("post")
        if word in ("当月", "次月") and not (day and post):
            continue  # 当月 alone is "that month", not a schedule
        if _PER_BEFORE_RE.search(masked[max(0, m.start() - 4):m.start()]) or masked[m.end():m.end() + 1] == "每":
            continue  # 每人每年45元: a rate
        if not day and _RATE_AFTER_RE.match(masked[m.end():m.end() + 16]):
            continue  # 每年最高不超过300万元: a cap
        if masked[m.end():m.end() + 1] == "份" or _NOUN_AFTER_RE.match(masked[m.end():m.end() + 20]):
            continue
        if freq == "yearly" and m.group("month"):
            day = None  # 每年3月31日前: the day of a year does not fit recurrence.day
        rec = {"freq": freq, "day": day} if day else {"freq": freq}
        bound = "before" if post else ("by" if m.group("edge") else None)
        yield _Hit(m.start(), m.end(), {"type": "recurring", "recurrence": rec, "bound": bound},
                   "deadline.meiyue_ri_qian" if day else "deadline.meiqi", priority=7)


def _relative(text: str, masked: str, env: _Env, cell: bool) -> Iterator[_Hit]:
    # both forms hold 前 after a unit (30日前, 30日以前) or 提 (提前): most 前 follow a year (2025年前,
    # a line without such a match) or another word, and the few lines left are scanned
    before = _scan(_RELATIVE_BEFORE_RE, masked, _lines_with_after(masked, "前", _BEFORE_PREV))
    for found, bound in ((_RELATIVE_RE.finditer(masked), "within"), (_RELATIVE_AFTER_RE.finditer(masked), "after"),
                         (before, "before")):
        for m in found:
            if bound == "within":
                um = _UNIT_BEFORE_RE.search(masked, max(0, m.start() - 4), m.start())
                if um is None:
                    continue
                am = _AMOUNT_BEFORE_RE.search(masked, max(0, um.start() - 5), um.start())
                if am is None:
                    continue
                s, amt_text, unit_text = am.start(), am.group().strip(" \u3000"), um.group()
            elif m.groupdict().get("amt2"):  # 提前72小时: before an event named after it
                s, amt_text, unit_text = m.start("amt2"), m.group("amt2"), m.group("unit2")
            else:
                s, amt_text, unit_text = m.start("amt"), m.group("amt"), m.group("unit")
            if bound == "within" and masked[m.end():m.end() + 1] in RELATIVE_NOT_BEFORE:
                continue  # 离校2年内未就业…: a condition on a noun, not a deadline
            amt = parse_amount(amt_text)
            unit = time_unit(unit_text)
            if amt is None or unit is None:
                continue
            prev = masked[s - 1] if s > 0 else ""
            term_end = prev == "前" and _lookback(masked, s - 1, _TERM_END_WORDS) is not None
            if bound == "within" and prev and not term_end and (
                    prev in RELATIVE_NOT_AFTER or prev.isdigit() or prev in ".．"):
                continue  # 近3年内: a look-back condition
            if unit == "year" and amt >= 1900:
                continue
            anchor, a_start = _anchor(masked, s)
            start = a_start if a_start is not None else s
            if bound in ("after", "before"):
                start = m.start()
                anchor, a_start = _anchor(masked, s)
                if a_start is not None:
                    start = min(a_start, start)
            if m.groupdict().get("amt2"):
                anchor, start = None, m.start()
            elif term_end or bound == "before":  # the term's end is the anchor: 有效期届满
                k = s - (1 if term_end else 0)
                i = k
                while i > 0 and masked[i - 1] not in _CLAUSE_END and k - i < 20:
                    i -= 1
                cut = 0
                for sm in _ANCHOR_STOP.finditer(masked, i, k):
                    cut = sm.end() - i
                event = masked[i + cut:k]
                anchor = event or anchor
                term = _lookback(masked, k, _TERM_END_WORDS)
                start = k - len(term) if term else m.start()  # keep the text tight: 届满30日前
            yield _Hit(start, m.end(), {"type": "relative", "amount": amt, "unit": unit, "bound": bound,
                                        "anchor": anchor},
                       "deadline.tiqian" if m.groupdict().get("amt2") else (
                           _RELATIVE_RULES[bound] if anchor else "deadline.nei"),
                       priority=8)


# Words one of which every _VALIDITY_RE match holds (a VALIDITY_HEADS word, or 有效).
_VALIDITY_WORDS = ("有效", "执行期", "实施期限", "试行期")


def _lines_with(text: str, words) -> list[tuple[int, int]]:
    r"""(start, end) of the lines of ``text`` holding one of ``words``, in order.

    A cheap literal pre-filter (one literal search per word) for the patterns that need one of the
    words and never cross a line break: they are then run on those lines only.

    >>> _lines_with("甲\n自印发之日起施行\n乙起", ("起",))
    [(2, 10), (11, 13)]
    """
    spans: set[tuple[int, int]] = set()
    for w in words:
        find = _literal_find(w)
        i = find(text, 0)
        while i >= 0:
            a, b = _line_around(text, i)
            spans.add((a, b))
            i = find(text, b)
    return sorted(spans)


def _lines_with_after(text: str, char: str, before: frozenset) -> list[tuple[int, int]]:
    r"""(start, end) of the lines of ``text`` where ``char`` stands right after one of ``before``, in order.

    >>> _lines_with_after("2025年前\n30日前\n提前3日", "前", frozenset("日提"))
    [(7, 11), (12, 16)]
    """
    spans: list[tuple[int, int]] = []
    i = text.find(char)
    while i >= 0:
        if i and text[i - 1] in before:
            a, b = _line_around(text, i)
            spans.append((a, b))
            i = text.find(char, b)
        else:
            i = text.find(char, i + 1)
    return spans


def _line_around(text: str, i: int) -> tuple[int, int]:
    """(start, end) of the line of ``text`` holding offset ``i`` (the end before its line break)."""
    b = text.find("\n", i)
    return text.rfind("\n", 0, i) + 1, len(text) if b < 0 else b


@lru_cache(maxsize=None)  # (the words come from the rule tables: a bounded set)
def _literal_find(word: str):
    """``find(text, pos)``: where ``word`` next stands in ``text`` from ``pos``, or -1. The regex
    engine finds a word of two or more characters faster than ``str.find`` (2x), ``str.find``
    a single character (2-3x)."""
    if len(word) == 1:
        return lambda text, pos: text.find(word, pos)
    search = rx.compile(regex.escape(word)).search

    def find(text: str, pos: int) -> int:
        m = search(text, pos)
        return m.start() if m else -1

    return find


def _scan(pattern, text: str, lines: list[tuple[int, int]]) -> Iterator:
    r"""``pattern.finditer`` over the given lines of ``text``: the same matches as over the
    whole text for a pattern that never crosses a line break (a lookbehind still sees the
    text before a line, a negative lookahead at its end sees no character, as before the \n).
    Lines less than _SCAN_GAP apart are scanned in one call: the lines between hold no match.
    """
    a0 = b0 = -1
    for a, b in lines:
        if b0 >= 0 and a - b0 <= _SCAN_GAP:
            b0 = b
            continue
        if b0 >= 0:
            yield from pattern.finditer(text, a0, b0)
        a0, b0 = a, b
    if b0 >= 0:
        yield from pattern.finditer(text, a0, b0)


_SCAN_GAP = 200  # characters: scanning them costs less than one more call


# Words every match of a pattern starts with (每月, 当月, 每季 …; 年底, 半年, 季度 …).
_FREQ_HEADS = tuple(FREQUENCIES)


def _matches_at(pattern, text: str, heads: tuple[str, ...]) -> Iterator:
    """``pattern.finditer(text)`` for a pattern whose matches always start with one of the
    words ``heads``: the pattern is tried only where one stands (found with ``str.find`` on
    its first character), leftmost first and past the previous match, as ``finditer`` does.

    >>> [m.group() for m in _matches_at(_YEARLESS_RE, "年底前完成，上半年，三季度", _YEARLESS_CORES)]
    ['年底前', '半年', '季度']
    """
    by_first = _by_first(heads)
    starts: list[int] = []
    for c, words in by_first.items():
        i = text.find(c)
        while i >= 0:
            if text.startswith(words, i):
                starts.append(i)
            i = text.find(c, i + 1)
    end = 0
    for i in sorted(starts):
        if i >= end:
            m = pattern.match(text, i)
            if m:
                yield m
                end = m.end()


@lru_cache(maxsize=None)
def _by_first(heads: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The ``heads`` grouped by their first character (built once per tuple of heads)."""
    by_first: dict[str, tuple[str, ...]] = {}
    for h in heads:
        by_first[h[0]] = by_first.get(h[0], ()) + (h,)
    return by_first


_RELATIVE_RULES = {"within": "deadline.qi_nei", "after": "deadline.qi_hou", "before": "deadline.qi_qian"}
_ANCHOR_STOP = rx.compile(r"(?:应当在|应当自|应当于|应在|应于|应自|须在|须于|自|从|在|于|经|并|起|和|及|、)")


def _anchor(masked: str, pos: int) -> tuple[Optional[str], Optional[int]]:
    """The event a duration counts from, read backwards from ``pos`` inside the clause.

    Returns the anchor text and where the record text should start (the event's
    last two characters, keeping the record tight: ``签订之日起30日内``).

    >>> _anchor("应当在工程施工合同签订之日起30日内", 14)
    ('工程施工合同签订之日', 9)
    >>> _anchor("专用账户开设后5日内", 7)
    ('专用账户开设', 4)
    >>> _anchor("应于3日内", 2)
    (None, None)
    """
    lo = pos
    while lo > 0 and masked[lo - 1] not in _CLAUSE_END + "（()）" and pos - lo < 40:
        lo -= 1
    clause = masked[lo:pos]
    m = _ANCHOR_END_RE.search(clause)
    if not m:
        k = max(clause.rfind("收到"), clause.rfind("接到"))
        if k >= 0:
            return clause[k:], pos - 2 if pos - 2 > lo + k else lo + k
        return None, None
    head = clause[:m.start()]
    cut = 0
    for sm in _ANCHOR_STOP.finditer(head):
        cut = sm.end()
    event = head[cut:]
    if not event:
        return None, None
    if m.group().startswith("之日"):
        event += "之日"
    elif m.group() == "之时起":
        event += "之时"
    tail = lo + cut + max(0, len(head) - cut - 2)
    return event, tail


def _action(text: str, start: int, end: int) -> Optional[str]:
    """The clause the time expression governs: what follows it, else what precedes it.

    >>> _action("力争到2024年，培育3家以上国家级平台。", 0, 8)
    '培育3家以上国家级平台'
    >>> _action("应当在签订之日起30日内开立专用账户,并签订协议", 3, 12)
    '开立专用账户'
    """
    act = _ACTION_RE.match(text, end).group(1).strip()  # (always matches: every part is optional)
    if len(act) >= 2:
        return act
    piece = text[max(0, start - 60):start]
    cut = max(piece.rfind(c) for c in _CLAUSE_STOP)
    act = piece[cut + 1:].strip()
    return act or None


def _resolve_validity(hits: list[_Hit]) -> None:
    """Give each 有效期 the end date counted from the nearest effective date before it."""
    last: Optional[datetime.date] = None
    for h in sorted(hits, key=lambda h: h.start):
        if h.fields.get("type") == "effective" and h.fields.get("date"):
            last = datetime.date.fromisoformat(h.fields["date"])
        elif h.fields.get("type") == "validity" and not h.fields.get("end_date") and not h.fields.get("anchor"):
            if last and h.fields.get("amount") and h.fields.get("unit"):
                end = validity_end(last, h.fields["amount"], h.fields["unit"])
                h.fields["end_date"] = _iso(end)
        elif h.fields.get("type") == "effective":
            last = None  # a later 施行 formula without a date resets the base


# Each finder with the characters one of which every hit it keeps holds, so that a text without
# any of them is not searched (single characters: ``in`` finds one several times faster than a
# word, and most notices hold none). 起: a kept 施行 formula has its 起; 期/效: every
# VALIDITY_HEADS word holds 期, the 之日起…有效 form 有效; the range separators; 前: a month-day
# ends on 前/之前/以前; the first character other than 年 of each _YEARLESS_CORES word (年 is in
# every year); 每, or the 前 without which 当月/次月 is dropped. tests/extract/test_deadlines.py runs each
# finder without its gate and checks every hit holds one.
_FINDERS = (
    (_effective, ("起",)), (_validity, ("期", "效")), (_plans, ("五",)),
    (_ranges, (*RANGE_DASHES, *RANGE_WORDS)), (_abs_years, ("年",)), (_month_days, ("前",)),
    (_yearless, tuple(next(c for c in w if c != "年") for w in _YEARLESS_CORES)),  # 底 末 内 终 中 半 季
    (_recurring, ("每", "前")), (_relative, ("内", "后", "前")),
)


def _table_rows(ctx: Context, env: _Env) -> Iterator[tuple[Optional[list[tuple[str, int, int]]], Any]]:
    """Rows as (cell text, cleaned start, cleaned end) lists: from ``ctx.tables``, else from tab lines.

    ``(None, width)`` marks the start of a table from ``ctx.tables``; ``([], None)`` a paragraph
    between tab lines. The rows of a table are skipped when no header is remembered after its
    start (``env.header_col``, set by :func:`_table_row` as each item is read) and none of its
    cells can be one: they would give no deadline (most tables are indicator tables).
    """
    if ctx.tables:
        mem = env.header_col
        for t in ctx.tables:
            if not t.rows:
                continue
            yield None, len(t.rows[0])  # a new table: its width tells whether it continues the last header
            if mem.get("col") is None and all(t.rows) and not _HEADER_LAST_RE.search(
                    "".join([c.text for row in t.rows for c in row])):
                mem["gap"] = 0  # what each of its rows would leave
                continue
            for row in t.rows:
                yield [(c.text, c.start, c.end) for c in row], t.section_id
        return
    text = ctx.clean.text
    pos = ctx.document.start
    end = ctx.document.end
    if text.find("\t", pos, end) < 0:
        return  # no tab line: no row, and the header memory has nothing to forget
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop]
        if "\t" in line:
            cells, p = [], pos
            for part in line.split("\t"):
                cells.append((part, p, p + len(part)))
                p += len(part) + 1
            yield cells, None
        else:
            yield [], None  # a paragraph between tables: lets the header memory expire
        pos = stop + 1


def _find_cell(text: str, base: int, env: _Env, sid: Any) -> list[_Hit]:
    """``_find`` of a 完成时限 cell, read once per distinct text in a document; fresh hits every time."""
    hits = env.cells.get(text)
    if hits is None:
        hits = env.cells[text] = _find(text, 0, env, None, cell=True)
    return [_Hit(h.start + base, h.end + base, {k: dict(v) if isinstance(v, dict) else v for k, v in h.fields.items()},
                 h.rule, sid, h.priority) for h in hits]


_HEADER_MEMORY = 8  # paragraphs a table header survives (page breaks, captions)


def _table_row(cells: Optional[list[tuple[str, int, int]]], env: _Env, sid: Any) -> list[_Hit]:
    """Deadlines of one row's 完成时限 cell (running text in the other cells is read with the document).

    ``sid`` is the section id of the row, or the width of a new table when ``cells`` is None.
    """
    mem = env.header_col
    if cells is None:  # a new table: a page-broken continuation keeps the header, another table not
        if mem.get("ncols") != sid:
            mem.clear()
        return []
    if not cells:
        mem["gap"] = mem.get("gap", 0) + 1
        if mem.get("gap", 0) > _HEADER_MEMORY:
            mem.clear()
        return []
    mem["gap"] = 0
    # a header cell is short and ends in 限/间/排/点 (时限, 完成时间, 时间节点, 进度安排): a row
    # without one of those characters is no header, and its cells need no normalising
    if _HEADER_LAST_RE.search("".join([c[0] for c in cells])):
        names = ["".join(c[0].split()) for c in cells]
        for i, n in enumerate(names):
            if 0 < len(n) <= _HEADER_MAX and n[-1] in _HEADER_LAST and _DEADLINE_HEADER_RE.match(n):
                task_col = next((j for j, x in enumerate(names) if _TASK_HEADER_RE.search(x)), None)
                mem.update(col=i, ncols=len(cells), task=task_col)
                return []
    out: list[_Hit] = []
    col = mem.get("col")
    if col is None or col >= len(cells):
        return out
    t, s, e = cells[col]
    tc = mem.get("task")
    if tc is not None and tc < len(cells) and tc != col:
        task = cells[tc][0].strip()
    else:
        task = max((c[0] for j, c in enumerate(cells) if j != col), key=len, default="").strip()
    for h in _find_cell(t, s, env, sid):
        h.fields["action"] = task[:60] or None  # the row's task, not the date cell
        out.append(h)
    return out
