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
