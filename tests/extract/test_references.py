"""Reference extractor: 《title》（发文字号） → title, doc_number rows."""

from __future__ import annotations

import pytest

from govdoc_extract.extract.base import Context
from govdoc_extract.extract.references import extract


make_ctx = Context.of_text


def run(text: str):
    return [(d.fields["title"], (d.fields["doc_number"] or {}).get("text")) for d in extract(make_ctx(text))]


CASES = [
    ("numbered", "根据《国务院关于促进综合保税区高水平开放高质量发展的若干意见》（国发〔2019〕3号），制定本措施。",
     [("国务院关于促进综合保税区高水平开放高质量发展的若干意见", "国发〔2019〕3号")]),
    ("halfwidth-brackets", "《市人民政府办公厅关于印发武汉市企业住所登记管理暂行办法的通知》(武政办[2015]119号)同时废止。",
     [("市人民政府办公厅关于印发武汉市企业住所登记管理暂行办法的通知", "武政办〔2015〕119号")]),
    ("order-number", "根据《中华人民共和国市场主体登记管理条例》(国务院令第746号),制定本办法。",
     [("中华人民共和国市场主体登记管理条例", "国务院令第746号")]),
    ("bare-laws", "根据《中华人民共和国劳动法》《保障农民工工资支付条例》等法律法规。",
     [("中华人民共和国劳动法", None), ("保障农民工工资支付条例", None)]),
    ("plan-with-years", "对照《随州市中医药大健康产业发展规划（2021—2030年）》。",
     [("随州市中医药大健康产业发展规划（2021—2030年）", None)]),
    ("nested-title", "按照《省人民政府办公厅关于印发〈湖北数字经济强省三年行动计划〉的通知》（鄂政办发〔2022〕34号）要求。",
     [("省人民政府办公厅关于印发〈湖北数字经济强省三年行动计划〉的通知", "鄂政办发〔2022〕34号")]),
    # --- not references
    ("own-attachment", "《荆州市工伤保险市级统筹办法》已经市人民政府同意，现印发给你们。", []),
    ("abbreviation", "制定《纲要》实施的工作细则。", []),
    ("not-a-document", "城乡居民《国民体质》合格以上人数比例。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_reference(text, expected):
    assert run(text) == expected


def test_doc_number_fields():
    (d,) = list(extract(make_ctx("根据《国务院关于…的若干意见》（国发〔2019〕3号）")))
    assert d.fields["doc_number"] == {"text": "国发〔2019〕3号", "prefix": "国发", "year": 2019, "serial": 3}
    assert d.rule == "reference.numbered"


def test_titles_finds_what_finditer_finds():
    """_titles tries the plain pattern, then the nested one, at each 《: the matches must be
    those of ``_REF.finditer`` (drawn texts of brackets, titles, numbers, and the seeds' lines)."""
    from pathlib import Path

    from hypothesis import given, strategies as st

    from govdoc_extract.extract.references import _REF, _titles

    def same(text):
        assert [m.groups() + (m.span(),) for m in _titles(text)] == \
               [m.groups() + (m.span(),) for m in _REF.finditer(text)], text

    pieces = st.sampled_from(["《", "》", "\n", "办法", "关于印发", "的通知", "（", "）", "(", ")", "国发〔2019〕3号",
                              "国务院令第746号", " ", "已经", "x" * 149, "y" * 80])

    @given(st.lists(pieces, max_size=12).map("".join))
    def drawn(text):
        same(text)

    drawn()
    for text in ["《" + "a" * n + "》" for n in (149, 150, 151)] + ["《a《" + "b" * 80 + "》c》", "《a《《b》》"]:
        same(text)
    for p in sorted(Path(__file__).parents[2].glob("samples/*.txt")):
        for line in p.read_text(encoding="utf-8").split("\n"):
            if "《" in line:
                same(line)


def test_issued_is_the_pattern():
    """_issued reads white space with ``str.isspace``: it must hold for every character _ISSUED's
    \\s matches, or a marker after such a space would be missed."""
    import sys

    import regex

    from govdoc_extract.extract.references import _ISSUED, _issued

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if regex.match(r"\s", chr(c))]
    assert all(c.isspace() for c in spaces)
    for gap in ["", *spaces, "  ", " \u3000", "\x1c", "\x1c已经", "   "]:
        for word in ("已经市", "现将", "规定", ""):
            text = "》" + gap + word
            assert _issued(text, 1) == (_ISSUED.match(text, 1) is not None), repr(text)
