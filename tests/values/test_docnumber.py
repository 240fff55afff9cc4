"""发文字号 / 令 number parsing (values/docnumber.py)."""

import pytest
import regex

from govdoc_extract.values.docnumber import DOC_NUMBER_RE, parse_doc_number

ROWS = [
    # (input, expected (text, prefix, year, serial) or None)
    ("荆政办发〔2022〕16号", ("荆政办发〔2022〕16号", "荆政办发", 2022, 16)),
    ("武政规[2021]18号", ("武政规〔2021〕18号", "武政规", 2021, 18)),
    ("鄂政办发(2021)36号", ("鄂政办发〔2021〕36号", "鄂政办发", 2021, 36)),
    ("随政发（2022）3号", ("随政发〔2022〕3号", "随政发", 2022, 3)),
    ("国办发【2021】7号", ("国办发〔2021〕7号", "国办发", 2021, 7)),
    ("武政办﹝2022﹞5号", ("武政办〔2022〕5号", "武政办", 2022, 5)),
    ("荆政办发 〔2022〕 16 号", ("荆政办发〔2022〕16号", "荆政办发", 2022, 16)),
    ("根据国办发〔2021〕3号文件", ("国办发〔2021〕3号", "国办发", 2021, 3)),
    ("广东省人民政府令第290号", ("广东省人民政府令第290号", "广东省人民政府令", None, 290)),
    ("国务院令第746号", ("国务院令第746号", "国务院令", None, 746)),
    # traps (PEERS.md): 期号, 条号, 五年规划 are not 文号
    ("2022年第8-9期", None),
    ("第十一条", None),
    ("第十四个五年规划", None),
    ("〔2022〕16号", None),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0] for r in ROWS])
def test_parse_doc_number(text, expected):
    got = parse_doc_number(text)
    if expected is None:
        assert got is None
    else:
        assert (got.text, got.prefix, got.year, got.serial) == expected


EMBED = [
    ("《荆州市实施办法》（荆政办发〔2022〕16号）", "荆政办发〔2022〕16号"),
    ("见省政府令第290号规定", "见省政府令第290号"),
]


@pytest.mark.parametrize("text,expected", EMBED, ids=[r[1] for r in EMBED])
def test_doc_number_re_embeds(text, expected):
    m = regex.search(rf"(?:{DOC_NUMBER_RE})", text)
    assert m is not None and m.group(0).endswith(expected)
