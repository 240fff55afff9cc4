"""Numbers: Chinese numerals, full-width and mixed forms (1.5万), ranges (2-3, 1—2个).

Pure functions, no spans. The digit tables are generated, never typed by hand.
"""

from __future__ import annotations

from typing import Optional, Union

from ..text import rx

Number = Union[int, float]

# 〇/○/零 are all zero; 两 is two (两个, 两年).
CN_DIGITS: dict[str, int] = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
CN_DIGITS.update({"〇": 0, "○": 0, "Ｏ": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
                  "陆": 6, "柒": 7, "捌": 8, "玖": 9})
CN_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
FULLWIDTH_DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}

#: Longest digit run read as a number; longer runs are noise (and int() refuses > 4300 digits).
MAX_DIGITS = 30

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "".join(CN_BIG)
CN_NUMERAL = rx.compile(f"[{CN_NUMERAL_CHARS}]+")

# An Arabic number as printed in bulletins: 1,234.5 / 1.5 / 12
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ARABIC_RE = rx.compile(f"^(?:{ARABIC})$")
_RANGE_RE = rx.compile(rf"^({ARABIC})\s*[-—–~～至到]{{1,2}}\s*({ARABIC})$")
_SCALED_RE = rx.compile(rf"^({ARABIC})([十百千万亿]+)$")  # 1.5万, 3千
# Full-width digits and point to ASCII: built once, parse_number runs per quantity.
_TO_ASCII = str.maketrans({**FULLWIDTH_DIGITS, "．": "."})


def cn_to_int(s: str) -> Optional[int]:
    """Parse a Chinese numeral (零 to 九千九百九十九 and beyond with 万/亿).

    >>> [cn_to_int(x) for x in ["三", "十", "十二", "二十", "一百零五", "两千", "九千九百九十九"]]
    [3, 10, 12, 20, 105, 2000, 9999]
    >>> cn_to_int("二〇三五"), cn_to_int("三万五千"), cn_to_int("十四五")
    (2035, 35000, None)
    >>> cn_to_int("二百五"), cn_to_int("二百零五"), cn_to_int("一万五"), cn_to_int("十五")
    (250, 205, 15000, 15)
    """
    if not s or any(c not in CN_DIGITS and c not in CN_UNITS and c not in CN_BIG for c in s):
        return None
    if all(c in CN_DIGITS for c in s):  # digit-by-digit: 二〇三五 → 2035
        if len(s) > 1 and s[0] in "两":
            return None
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    last_unit = 10**9
    prev_unit, zero = 0, False  # the unit just written, and whether a 零 followed it
    for c in s:
        if c in CN_DIGITS:
            if CN_DIGITS[c] == 0:  # 一百零五: 零 only marks a skipped place
                zero = True
                continue
            if digit is not None:  # two digits in a row inside a positional numeral
                return None
            digit = CN_DIGITS[c]
        elif c in CN_UNITS:
            u = CN_UNITS[c]
            if u >= last_unit:  # 十四五: 十 after 十 → not a number
                return None
            section += (1 if digit is None else digit) * u
            digit, last_unit = None, u
            prev_unit, zero = u, False
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * CN_BIG[c] if CN_BIG[c] > 10_000 else total + section * CN_BIG[c]
            section, digit, last_unit = 0, None, 10**9
            prev_unit, zero = CN_BIG[c], False
    if digit is not None:
        # 二百五 = 250, 一万五 = 15000: a last digit right after 百/千/万/亿 (no 零
        # between) counts in the next lower place; after 十 or 零 it is units.
        section += digit * (prev_unit // 10 if prev_unit >= 100 and not zero else 1)
    return total + section


def int_to_cn(n: int) -> str:
    """Write 0 ≤ n ≤ 9999 as a Chinese numeral (for round-trip tests).

    >>> [int_to_cn(x) for x in (0, 10, 12, 20, 105, 1010, 9999)]
    ['零', '十', '十二', '二十', '一百零五', '一千零一十', '九千九百九十九']
    """
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out.append("零")
                zero = False
            out.append(("" if (unit == "十" and d == 1 and n < 20) else digits[d]) + unit)
        elif out:
            zero = True
    return "".join(out)


def to_int(s: str) -> Optional[int]:
    """``int(s)``, or ``None`` for digits this Python cannot read.

    The ``regex`` module's ``\\d`` follows a newer Unicode than ``int()`` does (Kawi
    digits U+11F50… are digits to it, not to Python 3.11): a matched number may not convert.

    >>> to_int("2025"), to_int("\\U00011f55")
    (2025, None)
    """
    try:
        return int(s)
    except ValueError:
        return None


def parse_number(s: str) -> Optional[Number]:
    """Parse an Arabic, full-width, Chinese or mixed number; ``None`` when it is not one.

    >>> [parse_number(x) for x in ["12", "１２", "1,234.5", "三", "十二", "1.5万", "3千", "0.2"]]
    [12, 12, 1234.5, 3, 12, 15000, 3000, 0.2]
    """
    if not s or len(s) > MAX_DIGITS + 8:
        return None  # a run of thousands of digits is noise, not a quantity
    if s.isdigit() and s.isascii():
        return int(s)  # the common case: a plain Arabic integer
    if s.isascii():  # the next most common: a plain decimal (38.5), what _ARABIC_RE and _num give
        whole, dot, frac = s.partition(".")
        if dot and whole.isdigit() and frac.isdigit():
            v = float(s)
            if len(frac) <= 10:  # v is the double nearest s, so _num_value's round(v, 10) is v again
                return int(v) if v.is_integer() else v
            return _num_value(v)
    s = s.translate(_TO_ASCII).strip()
    try:  # (digits of a newer Unicode than this Python's match \d but do not convert: see to_int)
        if _ARABIC_RE.match(s):
            return _num(s.replace(",", ""))
        m = _SCALED_RE.match(s)
        if m:
            mult = 1
            for c in m.group(2):
                mult *= CN_UNITS.get(c) or CN_BIG[c]
            return _num_value(float(m.group(1).replace(",", "")) * mult)
    except ValueError:
        return None
    return cn_to_int(s)


def parse_range(s: str) -> Optional[tuple[Number, Number]]:
    """Parse ``2-3``, ``1—2``, ``10～20`` into (low, high).

    >>> parse_range("2-3"), parse_range("1—2"), parse_range("5")
    ((2, 3), (1, 2), None)
    """
    m = _RANGE_RE.match(s.strip())
    if not m:
        return None
    try:
        a, b = _num(m.group(1).replace(",", "")), _num(m.group(2).replace(",", ""))
    except ValueError:  # (see to_int)
        return None
    return (a, b) if a <= b else None


def _num(s: str) -> Number:
    return int(s) if "." not in s else _num_value(float(s))


def _num_value(v: float) -> Number:
    """Keep integers as ``int`` so JSON shows 3, not 3.0."""
    return int(v) if float(v).is_integer() else round(v, 10)
