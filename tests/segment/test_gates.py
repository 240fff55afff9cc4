"""Character gates agree with the patterns they guard.

Most lines match none of the anchored line patterns, so the segmenter and the
cleaner look at a line's first or last character before running a pattern
(``t[0] in _TITLE_NOTE_FIRST and TITLE_NOTE_RE.match(t)``). The gates are kept
by hand next to their patterns; a gate that forgets a character silently drops
matches. These tests derive the true sets from the patterns themselves, with the
``regex`` module's partial matching: ``p.match(c, partial=True)`` succeeds
exactly when a match could start with ``c``; the same on the pattern compiled
in reverse succeeds when a match could end with ``c``. Every such character
must pass its gate.

Lines reach these patterns stripped, so white space is not probed.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache

import pytest
import regex

from govdoc_extract.segment import documents as D
from govdoc_extract.segment import markers as M
from govdoc_extract.segment import sections as S
from govdoc_extract.text import normalise as N


def _probe_chars() -> list[str]:
    """Every BMP character but white space, and beyond it the decimal digits (``\\d``) and a
    sample every 251 code points (ideographs of the extension planes among them)."""
    bmp = [chr(c) for c in range(0x10000)]
    astral = [chr(c) for c in range(0x10000, sys.maxunicode + 1)
              if unicodedata.category(chr(c)) == "Nd" or c % 251 == 0]
    return [c for c in bmp + astral if not c.isspace()]


CHARS = _probe_chars()


@lru_cache(maxsize=None)
def _reversed(p: regex.Pattern) -> regex.Pattern:
    return p if p.flags & regex.REVERSE else regex.compile(p.pattern, p.flags | regex.REVERSE)


def can_start(p: regex.Pattern) -> set[str]:
    """The characters a match of ``p`` (anchored at the line start) can start with."""
    return {c for c in CHARS if p.match(c, partial=True)}


def can_end(p: regex.Pattern, after: str = "") -> set[str]:
    """The characters a match of ``p`` (anchored at the line end) can end with, or, with
    ``after``, the characters it can hold right before a final ``after``."""
    r = _reversed(p)
    return {c for c in CHARS if r.match(c + after, partial=True)}


def test_probes_see_what_they_should():
    # the method itself: a pattern that starts with 附 and ends with a digit or 件
    p = regex.compile(r"^附\s{0,2}件\d{0,2}$")
    assert can_start(p) == {"附"}
    digit = regex.compile(r"\d")
    assert can_end(p) == {"件"} | {c for c in CHARS if digit.match(c)}
    assert "𝟎" in can_end(p)  # an astral digit: \d knows it


# (id, pattern, gate on the first character)
FIRST_GATES = [
    ("documents.TITLE_NOTE_RE", D.TITLE_NOTE_RE, lambda c: c in D._TITLE_NOTE_FIRST),
    ("documents.LIST_MARK_RE", D.LIST_MARK_RE, lambda c: c in D._LIST_MARK_FIRST or D._digit(c)),
    ("documents.FILLER_RE", D.FILLER_RE, lambda c: c in D._FILLER_FIRST),
    ("documents.COLUMN_RE", D.COLUMN_RE, lambda c: c in D._COLUMN_FIRST),
    ("documents.ATTACH_HEAD_RE", D.ATTACH_HEAD_RE, lambda c: c == "附"),
    ("sections._NOTE_ALONE", S._NOTE_ALONE, lambda c: c == "附"),
    ("normalise._PAGE_NUMBER", N._PAGE_NUMBER, lambda c: c in N._PAGE_FIRST or c.isdigit() or c > "\uffff"),
    ("normalise._STARTS_BLOCK", N._STARTS_BLOCK, lambda c: c in N._BLOCK_FIRST or c.isdigit() or c > "\uffff"),
    ("normalise._BOILERPLATE", N._BOILERPLATE,
     lambda c: c in N._BOILER_OPEN or any(w[0] == c for w in N._BOILER_TWO)),
    # sections sends a line to match_marker only when it starts like a marker rule or with a
    # digit (for _outline_top); the digits admit what \d does beyond ASCII (match_marker's own
    # table, _RULE_FIRST, then keeps to ASCII digits, as it always did)
    ("sections._MARKER_LEAD", regex.compile("|".join(f"(?:{r.pattern})" for r in M.MARKER_RULES)),
     lambda c: c in S._MARKER_LEAD or c.isdigit()),
]

# (id, pattern, gate on the last character)
LAST_GATES = [
    ("documents.HEAD_RE", D.HEAD_RE, lambda c: c in D._HEAD_LAST),
    ("documents.ORDER_HEAD_RE", D.ORDER_HEAD_RE, lambda c: c in D._NUMBERED_LAST),
    ("documents.ORDER_LINE_RE", D.ORDER_LINE_RE, lambda c: c in D._NUMBERED_LAST),
    ("documents.TITLE_NUM_RE", D.TITLE_NUM_RE, lambda c: c in D._NUMBERED_LAST),
    ("documents.ADDR_RE", D.ADDR_RE, lambda c: c in D._ADDR_LAST),
    ("documents.TITLE_ADDR_RE", D.TITLE_ADDR_RE, lambda c: c in D._ADDR_LAST),
    ("documents.ORGAN_LINE_RE", D.ORGAN_LINE_RE, lambda c: c in D._ORG_LAST),
    ("documents.TYPE_END_RE", D.TYPE_END_RE, lambda c: c in D._TITLE_LAST),
    ("documents.DATE_LINE_RE", D.DATE_LINE_RE, lambda c: c in ")）" or c in D._DATE_LAST or D._digit(c)),
    ("sections._DATE_LINE", S._DATE_LINE, lambda c: c == "日"),
    ("sections._ISSUER_LINE", S._ISSUER_LINE, lambda c: c in S._ISSUER_LAST),
    ("normalise._STANDALONE", N._STANDALONE, lambda c: c in "号日"),
]


@pytest.mark.parametrize("name, pattern, gate", FIRST_GATES, ids=[g[0] for g in FIRST_GATES])
def test_first_character_gate_admits_every_start(name, pattern, gate):
    starts = can_start(pattern)
    assert starts, f"{name}: the probe found no first character"
    assert sorted(c for c in starts if not gate(c)) == []


@pytest.mark.parametrize("name, pattern, gate", LAST_GATES, ids=[g[0] for g in LAST_GATES])
def test_last_character_gate_admits_every_end(name, pattern, gate):
    ends = can_end(pattern)
    assert ends, f"{name}: the probe found no last character"
    assert sorted(c for c in ends if not gate(c)) == []


@pytest.mark.parametrize("bracket", [")", "）"])
def test_date_line_gate_looks_behind_a_closing_bracket(bracket):
    # _date_line_at skips one closing bracket and gates the character before it
    before = can_end(D.DATE_LINE_RE, after=bracket)
    assert before
    assert sorted(c for c in before if not (c in D._DATE_LAST or D._digit(c))) == []


def test_boilerplate_two_character_gate():
    # lines not opening with a bracket are gated on their first two characters; every
    # literal second character is spelled in the pattern's source, so those are probed
    spelled = sorted(set(N._BOILERPLATE.pattern) - set(" \n"))
    firsts = sorted(c for c in can_start(N._BOILERPLATE) if c not in N._BOILER_OPEN)
    missing = [f + c for f in firsts for c in spelled
               if N._BOILERPLATE.match(f + c, partial=True) and f + c not in N._BOILER_TWO]
    assert missing == []
