"""The offset map: property tests (Hypothesis) for ``normalise(text).clean``.

Random texts mix what PDF/web extraction leaves in 公报 files: Chinese,
full-width digits and letters, ASCII and ideographic spaces, ``\\r\\n``/``\\r``/
``\\n`` line breaks, tabs, page-number lines and a repeated running header.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from govdoc_extract.models import Span
from govdoc_extract.text.normalise import normalise
from govdoc_extract.text.offsets import CleanText, fold, line_starts_of, span_is_faithful

HAN = "第一二三条章节是的和在为发展规划目标年月日市人民政府公报办公室关于印发通知责任单位到达以上不低于"
FULL = "０１２３４５６７８９ＡＢＣｘｙｚ％．"
PUNCT = "，。；：、（）()“”《》%.-—"
SPACES = [" ", "  ", "\u3000", "\u3000\u3000", "\u00a0"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]

atoms = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=30),
    st.text(alphabet=FULL + "0123456789", min_size=1, max_size=6),
    st.text(alphabet=PUNCT, min_size=1, max_size=2),
    st.sampled_from(SPACES),
    st.sampled_from(BREAKS),
    st.just("\t"),
    st.sampled_from(["- 12 -", "12", "第3页", "(4)", "- 第四名", "• 要点"]),  # page numbers, bullets
    st.sampled_from(["一、", "（二）", "3.", "第十二条", "锚定锚定““定盘星定盘星””", "2022 年 9 月 19 日"]),
)
HEADER = "\n\n武汉市人民政府公报\n\n"


@st.composite
def messy_texts(draw):
    parts = draw(st.lists(atoms, max_size=60))
    # a running header between "pages" (and sometimes with CRLF)
    k = draw(st.integers(0, 4))
    for _ in range(k):
        i = draw(st.integers(0, len(parts)))
        parts.insert(i, HEADER if draw(st.booleans()) else HEADER.replace("\n", "\r\n"))
    return "".join(parts)


def _check_map(source: str) -> CleanText:
    c = normalise(source).clean
    m, t = c.to_source, c.text
    assert len(m) == len(t) + 1
    assert m[-1] == len(source)
    assert all(0 <= x <= len(source) for x in m)
    assert all(m[i] <= m[i + 1] for i in range(len(m) - 1)), "map not monotone"
    for i, ch in enumerate(t):
        if ch.isspace():
            continue  # inserted separators (\n between paragraphs, one space between Latin words)
        src_ch = source[m[i]]
        assert unicodedata.normalize("NFKC", src_ch) == unicodedata.normalize("NFKC", ch), (i, ch, src_ch)
    return c


@given(messy_texts())
def test_map_is_monotone_bounded_and_points_at_the_same_character(text):
    _check_map(text)


@given(messy_texts())
def test_every_cleaned_line_is_faithful(text):
    c = _check_map(text)
    pos = 0
    for line in c.text.split("\n"):
        start, end = c.trim(pos, pos + len(line))
        if start < end:
            span = c.span(start, end)
            assert span_is_faithful(text, c.text[start:end], span), (line, span)
            assert span.line == text.count("\n", 0, span.start) + 1 or "\r" in text
        pos += len(line) + 1


@given(st.text(max_size=200))
def test_any_unicode_keeps_the_map_invariants(text):
    _check_map(text)


@given(st.text(alphabet="\r\na", max_size=40))
def test_line_starts_match_splitlines_for_line_breaks(text):
    starts = line_starts_of(text)
    # str.splitlines(keepends=True) breaks on \n, \r\n and \r like we do
    expected = [0]
    for piece in text.splitlines(keepends=True):
        expected.append(expected[-1] + len(piece))
    if expected[-1] == len(text) and text and text[-1] not in "\r\n":
        expected.pop()
    if not text:
        expected = [0]
    assert list(starts) == expected


# (id, source, cleaned range, expected span (start, end, line))
SPAN_ROWS = [
    ("identity", "第一条\n本办法", (4, 7), (4, 7, 2)),
    ("crlf-line", "一\r\n二\r\n三", (4, 5), (6, 7, 3)),
    ("cr-only", "一\r二\r三", (2, 3), (2, 3, 2)),
]


@pytest.mark.parametrize("source, rng, want", [r[1:] for r in SPAN_ROWS], ids=[r[0] for r in SPAN_ROWS])
def test_span(source, rng, want):
    c = normalise(source).clean
    s = c.span(*rng)
    assert (s.start, s.end, s.line) == want


def test_span_rejects_bad_ranges():
    c = CleanText.identity("abc")
    for a, b in [(0, 0), (2, 1), (-1, 2), (0, 4)]:
        with pytest.raises(ValueError):
            c.span(a, b)


# (id, source, text, faithful?)
FAITHFUL_ROWS = [
    ("equal", "本办法自2022年", "本办法自2022年", True),
    ("skips-header", "本办法\n\n公报\n\n自施行", "本办法自施行", True),
    ("width-folded", "２０２２年", "2022年", True),
    ("spaces-ignored", "2022 年 9 月", "2022年9月", True),
    ("undoubled", "锚定锚定““定盘星定盘星””", "锚定“定盘星”", True),
    ("invented-char", "本办法", "本方法", False),
    ("wrong-first", "的本办法", "本办法", False),  # span must begin with the text's first char
    ("wrong-last", "本办法。", "本办法", False),
]


@pytest.mark.parametrize("source, text, ok", [r[1:] for r in FAITHFUL_ROWS], ids=[r[0] for r in FAITHFUL_ROWS])
def test_span_is_faithful(source, text, ok):
    assert span_is_faithful(source, text, Span(start=0, end=len(source), line=1)) is ok


def test_fold():
    assert fold("２０ 2２\u3000年\n") == "2022年"


@st.composite
def run_maps(draw):
    """A monotone per-character map and its runs (a new run wherever the map jumps, or at random)."""
    steps = draw(st.lists(st.integers(0, 3), min_size=1, max_size=80))
    vals, v = [], draw(st.integers(0, 5))
    for s in steps:
        v += s
        vals.append(v)
    starts, src = [0], [vals[0]]
    for i in range(1, len(vals)):
        if vals[i] != vals[i - 1] + 1 or draw(st.booleans()):
            starts.append(i)
            src.append(vals[i])
    return vals, starts, src


@given(run_maps(), st.data())
def test_segments_read_like_the_per_character_map(m, data):
    from array import array

    from govdoc_extract.text.offsets import Segments

    vals, starts, src = m
    for seg in (Segments(starts, src, len(vals)), Segments(array("q", starts), array("q", src), len(vals))):
        assert len(seg) == len(vals) and list(seg) == vals and seg[-1] == vals[-1]
        a = data.draw(st.integers(0, len(vals) - 1))
        b = data.draw(st.integers(a + 1, len(vals)))
        assert seg[a] == vals[a]
        assert seg.ends(a, b) == (vals[a], vals[b - 1] + 1)
