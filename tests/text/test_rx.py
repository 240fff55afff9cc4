"""text.rx helpers: the whitespace fast path must agree with the pattern it skips."""

import regex
from hypothesis import given, strategies as st

from govdoc_extract.text.rx import drop_spaces


@given(st.text())
def test_drop_spaces_is_removing_every_regex_whitespace(s):
    assert drop_spaces(s) == regex.sub(r"\s+", "", s)


def test_drop_spaces_on_the_unicode_spaces_pdf_text_holds():
    spaces = "".join(c for c in map(chr, range(0x3001)) if regex.match(r"\s", c))
    assert drop_spaces(f"荆州{spaces}市") == "荆州市"


# --- stdlib twins (rx.bmp_twin) -------------------------------------------------------------

import re  # noqa: E402

import pytest  # noqa: E402

from govdoc_extract.text import normalise as N  # noqa: E402
from govdoc_extract.text.rx import WHITE_SPACE, bmp_twin, compile as rx_compile, twin_source  # noqa: E402

_BMP = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


def test_digits_are_the_same_in_both_modules_within_the_bmp():
    assert re.findall(r"\d", _BMP) == regex.findall(r"\d", _BMP)


def test_white_space_is_what_regex_calls_a_space():
    everything = _BMP + "".join(map(chr, range(0x10000, 0x110000)))
    assert re.findall(WHITE_SPACE, everything) == regex.findall(r"\s", everything)


def test_twin_source_refuses_escapes_whose_data_differ():
    for bad in (r"\p{Han}", r"\w+", r"\bx", r"[\s]"):
        with pytest.raises(ValueError):
            twin_source(bad)
    with pytest.raises(ValueError):
        bmp_twin(rx_compile("x", regex.I))


# the per-line patterns that run with their twins on BMP text
TWINNED = [N._STARTS_BLOCK, N._PAGE_NUMBER]
# characters that matter to them, their neighbours and odd spaces/digits, then any BMP character
_NEAR = ("第一二三四五六七八九十百零〇两编章节条篇部分、.．（()）①⑳⑴⒇附件专栏—●■◆▲★□◇○•是页共/-–－~～%"
         "0123456789٣०\u3000 \t\r\x1c\x1f\u1680\u2028\u00a0")
_LINES = st.text(st.one_of(st.sampled_from(_NEAR), st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",))),
                 max_size=14)


@pytest.mark.parametrize("pattern", TWINNED, ids=lambda p: p.pattern[:20])
@given(line=_LINES)
def test_twins_match_as_their_patterns(pattern, line):
    a, b = pattern.match(line), bmp_twin(pattern).match(line)
    assert (a and a.span()) == (b and b.span())


@pytest.mark.parametrize("pattern", TWINNED, ids=lambda p: p.pattern[:20])
def test_twins_on_the_seed_lines(pattern):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "samples"
    for path in sorted(root.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            a, b = pattern.match(line), bmp_twin(pattern).match(line)
            assert (a and a.span()) == (b and b.span()), line
