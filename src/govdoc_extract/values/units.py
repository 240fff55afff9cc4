"""Units of counted quantities: counters (量词), scaled units (万人, 亿元) and rate units (%, ‰, /10万).

One table gives the regex (longest first) and the meaning: unit as written →
(multiplier, base unit). ``万``/``亿`` forms of every counter are generated, never
typed by hand. Sources: 《国民经济和社会发展统计公报》 and 规划纲要 indicator
tables (计量单位 column), GB 3100/3102 for 平方米/公里/吨.
Time words (年, 月, 日, 天, 小时, 个月, 个工作日) are deliberately absent: they
belong to deadlines, not to targets.
"""

from __future__ import annotations

from typing import Optional

from .comparators import alternation
from .numbers import Number, _num_value

# Counters (量词) used with counted things in 公文 targets.
COUNTERS: tuple[str, ...] = (
    "家", "个", "张", "名", "人", "人次", "所", "项", "次", "件", "岁", "座", "处", "条", "支",
    "台", "套", "辆", "户", "间", "床", "只", "头", "棵", "株", "篇", "部", "门", "场",
    "期", "批次", "元", "美元", "吨", "亩", "公里", "千米", "米", "平方米", "平方公里", "立方米",
    "千瓦", "千瓦时", "兆瓦", "标准箱", "艘", "架", "列", "本", "册", "种", "类", "例", "份", "单",
)
# Counters that count categories rather than things (3类重大疾病, 2种基础疾病):
# they are units for ratios of tables only, never the unit of a sentence target.
CATEGORY_COUNTERS: frozenset[str] = frozenset({"类", "种", "期", "部", "门", "份", "单", "本", "册", "米"})

# Rate units: value is a share, not a count.
RATE_UNITS: dict[str, tuple[float, Optional[str]]] = {
    "%": (0.01, None), "‰": (0.001, None), "/10万": (1e-5, None), "/万": (1e-4, None),
    "1/10万": (1e-5, None), "/千": (1e-3, None), "个百分点": (0.01, None),
}

_SCALES = {"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7}

UNITS: dict[str, tuple[float, str]] = {c: (1.0, c) for c in COUNTERS}
for _p, _m in _SCALES.items():
    for _c in COUNTERS:
        if _p == "千" and _c in ("米", "瓦", "瓦时", "元"):
            continue  # 千米/千瓦 are units of their own
        UNITS[_p + _c] = (_m, _c)
UNITS["千元"] = (1e3, "元")
# Concentrations and other compound units of environment and energy targets.
for _u in ("微克/立方米", "毫克/立方米", "毫克/升", "吨标准煤", "标箱", "公顷", "千公顷"):
    UNITS.setdefault(_u, (1.0, _u))
UNITS["万吨标准煤"] = (1e4, "吨标准煤")
UNITS["万标箱"] = (1e4, "标箱")
UNITS["万公顷"] = (1e4, "公顷")
UNITS["万千瓦"] = (1e4, "千瓦")

UNIT_RE = alternation(list(UNITS) + list(RATE_UNITS))


def normalize(value: Number, unit: Optional[str]) -> tuple[Optional[Number], Optional[str]]:
    """``value`` in the base unit, and that base unit; ``(None, None)`` when the unit is not a multiple.

    >>> normalize(3000, "万个"), normalize(110, "万人"), normalize(100, "亿元")
    ((30000000, '个'), (1100000, '人'), (10000000000, '元'))
    >>> normalize(5, "家"), normalize(5, "%"), normalize(1.25, "万人")
    ((None, None), (None, None), (12500, '人'))
    """
    if not unit or unit not in UNITS:
        return None, None
    mult, base = UNITS[unit]
    if mult == 1.0:
        return None, None
    return _num_value(round(float(value) * mult, 6)), base


def rate_factor(unit: Optional[str]) -> Optional[float]:
    """Multiplier that turns a value in a rate unit into a fraction.

    >>> rate_factor("%"), rate_factor("‰"), rate_factor("家")
    (0.01, 0.001, None)
    """
    if unit in RATE_UNITS:
        return RATE_UNITS[unit][0]
    return None


def is_unit(s: str) -> bool:
    """Whether ``s`` is a known unit (used to read ``(万人)`` after an indicator name).

    >>> is_unit("万人"), is_unit("%"), is_unit("/10万"), is_unit("含中医医院")
    (True, True, True, False)
    """
    return s in UNITS or s in RATE_UNITS
