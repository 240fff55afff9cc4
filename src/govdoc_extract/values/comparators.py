"""Comparators: the words and signs that bound a quantity, as one table.

The table gives both the regex (alternation, longest first) and the meaning.
Sources: 统计/规划 usage in 公文 (以上/以下/以内 include the number, GB/T 8170
convention also used by 《统计法》 practice; 超过/高于/低于 exclude it).
"""

from __future__ import annotations

from typing import Optional

import regex

# Words written *before* the number: 不少于5个, 最高不超过300万元, 突破5000万次.
PREFIX: dict[str, str] = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "最少": ">=", "最低": ">=", "达到或超过": ">=",
    "不超过": "<=", "不高于": "<=", "不大于": "<=", "不多于": "<=", "最高不超过": "<=", "最多不超过": "<=",
    "最高": "<=", "最多": "<=", "控制在": "<=", "力争控制在": "<=", "降至": "<=", "降低到": "<=", "下降到": "<=",
    "超过": ">", "高于": ">", "大于": ">", "多于": ">", "突破": ">",
    "低于": "<", "少于": "<", "小于": "<", "不足": "<",
    # 不得… is a prohibition bound, same direction as 不…: 不得超过 → <= (not 超过 → >).
    "至少有": ">=", "不得超过": "<=", "不得高于": "<=", "不得多于": "<=", "不得低于": ">=", "不得少于": ">=",
    "≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "＞": ">", "＜": "<", "≧": ">=", "≦": "<=",
}
# Words written *after* the number (and its unit): 3家以上, 5%以内.
SUFFIX: dict[str, str] = {
    "以上": ">=", "及以上": ">=", "或以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<=",
    "内": "<=", "左右": "=", "上下": "=",
}


def alternation(words) -> str:
    """Regex alternation of ``words``, longest first so that 最高不超过 beats 最高.

    >>> alternation(["以上", "及以上"])
    '及以上|以上'
    """
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


PREFIX_RE = alternation(PREFIX)
SUFFIX_RE = alternation(k for k in SUFFIX if k != "内")


def prefix_comparator(word: Optional[str]) -> Optional[str]:
    """Meaning of a word before the number.

    >>> prefix_comparator("最高不超过"), prefix_comparator("不低于"), prefix_comparator("突破")
    ('<=', '>=', '>')
    """
    return PREFIX.get(word) if word else None


def suffix_comparator(word: Optional[str]) -> Optional[str]:
    """Meaning of a word after the number.

    >>> suffix_comparator("以上"), suffix_comparator("以内")
    ('>=', '<=')
    """
    return SUFFIX.get(word) if word else None


def combine(prefix: Optional[str], suffix: Optional[str]) -> str:
    """One comparator from both sides; the explicit bound wins, ``=`` when neither is given.

    >>> combine(">", None), combine(None, ">="), combine(None, None), combine("=", ">="), combine("最高", "以上")
    ('>', '>=', '=', '>=', '<=')
    """
    symbols = {">=", ">", "<=", "<", "=", "range"}
    p = prefix if prefix in symbols else prefix_comparator(prefix)
    s = suffix if suffix in symbols else suffix_comparator(suffix)
    if p and p != "=":
        return p
    if s:
        return s
    return "="
