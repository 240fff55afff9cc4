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
