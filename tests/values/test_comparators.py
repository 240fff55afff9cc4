"""Comparator table: phrase → direction. Traps from PEERS.md: 最高不超过 is `<=`, never 'more than'."""

import pytest
import regex

from govdoc_extract.values.comparators import PREFIX, PREFIX_RE, SUFFIX, SUFFIX_RE, alternation, combine

CASES = [
    # (prefix word, suffix word, expected, why)
    ("最高不超过", None, "<=", "PEERS trap: a cap, not 'more than'"),
    ("不超过", None, "<=", "inclusive cap"),
    ("超过", None, ">", "exclusive"),
    ("突破", None, ">", "突破5000万次 means more than"),
    ("不低于", None, ">=", "inclusive floor"),
    ("低于", None, "<", "exclusive"),
    ("控制在", "以内", "<=", "控制在5%以内"),
    (None, "以上", ">=", "3家以上 includes 3"),
    (None, "以下", "<=", "以下 includes the number"),
    (None, None, "=", "plain number"),
    ("达到", "以上", ">=", "达到…以上: the suffix bounds it"),
    ("≤", None, "<=", "sign in a table cell"),
    (">", None, ">", "sign in a table cell"),
]


@pytest.mark.parametrize("pre,suf,want,why", CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_combine(pre, suf, want, why):
    assert combine(pre, suf) == want, why


def test_no_duplicate_cases():
    keys = [(c[0], c[1]) for c in CASES]
    assert len(keys) == len(set(keys))


def test_alternation_prefers_the_longest_phrase():
    m = regex.match(f"(?:{PREFIX_RE})", "最高不超过300万元")
    assert m.group() == "最高不超过"
    m = regex.search(f"(?:{SUFFIX_RE})", "10家及以上")
    assert m.group() == "及以上"


def test_tables_only_hold_valid_comparators():
    assert set(PREFIX.values()) | set(SUFFIX.values()) <= {">=", ">", "<=", "<", "="}
    assert alternation(["a", "abc", "ab"]) == "abc|ab|a"
