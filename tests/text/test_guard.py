"""The regex timeout guard: a runaway pattern ends in a noted Timeout (→ W303), never a hang."""

from __future__ import annotations

import regex

from govdoc_extract.text import guard

# A pattern known to backtrack exponentially in the regex module on a non-match.
RUNAWAY = regex.compile(r"(?:a|aa)+c")


def test_finditer_yields_like_finditer():
    p = regex.compile(r"\d+")
    text = "到2025年达到90%，2030年"
    assert [m.group() for m in guard.finditer(p, text)] == [m.group() for m in p.finditer(text)]


def test_finditer_handles_empty_matches_and_ranges():
    p = regex.compile(r"(?=第)")
    text = "第一条第二条"
    assert [m.start() for m in guard.finditer(p, text)] == [0, 3]
    assert [m.group() for m in guard.finditer(regex.compile(r"条"), text, 1, 4)] == ["条"]


def test_runaway_is_noted_not_hung():
    with guard.collecting() as notes:
        got = list(guard.finditer(RUNAWAY, "a" * 60, rule="test.runaway", timeout=0.05))
        assert guard.search(RUNAWAY, "a" * 60, 5, timeout=0.05, rule="s") is None
        assert guard.match(RUNAWAY, "a" * 60, timeout=0.05) is None
    assert got == []
    assert [(n.start, n.end, n.rule) for n in notes] == [(0, 60, "test.runaway"), (5, 60, "s"), (0, 60, "")]


def test_notes_outside_collecting_go_to_unclaimed():
    guard.unclaimed.clear()
    assert guard.search(RUNAWAY, "a" * 60, timeout=0.05, rule="x") is None
    assert guard.unclaimed[-1].rule == "x"


def test_time_per_match_not_per_iteration():
    # a slow consumer between matches must not trip the timeout
    import time

    p = regex.compile(r"\d")
    n = 0
    for _ in guard.finditer(p, "1234", timeout=0.05):
        time.sleep(0.03)
        n += 1
    assert n == 4
