"""Unit-list splitting: (list as written → units) rows."""

from __future__ import annotations

import pytest

from govdoc_extract.values.orgs import is_organ, split_groups, split_units, strip_notes

SPLIT = [
    ("plain-dun", "市发改委、市经信局、市政务数据局", ["市发改委", "市经信局", "市政务数据局"]),
    ("county-city-district-whole", "各县、市、区人民政府", ["各县、市、区人民政府"]),
    ("county-parenthesised-whole", "各县（市、区）人民政府", ["各县（市、区）人民政府"]),
    ("county-halfwidth-parenthesised", "各县(市、区)人民政府", ["各县(市、区)人民政府"]),
    ("zone-and-committee", "荆州经开区、荆州高新区管委会", ["荆州经开区", "荆州高新区管委会"]),
    ("shared-ending-districts", "东西湖、蔡甸、江夏、黄陂、新洲区人民政府", ["东西湖、蔡甸、江夏、黄陂、新洲区人民政府"]),
    ("enterprises", "基础电信运营商、铁塔荆州公司", ["基础电信运营商", "铁塔荆州公司"]),
    ("note-dropped", "各区人民政府〈含开发区、风景区管委会,下同〉", ["各区人民政府"]),
    ("alias-note-dropped", "市委组织部〈招才局〉", ["市委组织部"]),
    ("line-break-inside", "市委组织部、市人社局、市卫健局、市委编办、市\n财政局", ["市委组织部", "市人社局", "市卫健局", "市委编办", "市财政局"]),
    ("trailing-deng-bumen", "市财政局、市发改委等部门", ["市财政局", "市发改委"]),
    ("he-glue", "市科技局和市科协", ["市科技局和市科协"]),
    ("leading-he-after-dun", "市科技局、和市科协", ["市科技局", "市科协"]),
    ("county-bracket-then-district", "各县（市）、区人民政府", ["各县（市）、区人民政府"]),
    ("shared-bumen", "市财政、民政、乡村振兴部门", ["市财政、民政、乡村振兴部门"]),
    # a proper name closing the list shares no ending with the fragments before it
    ("proper-name-not-shared", "市税务、财政、人行荆州中支", ["市税务", "财政", "人行荆州中支"]),
    ("domains-before-deng-bumen", "城市管理、房管、自然资源规划、生态环境等部门", ["城市管理", "房管", "自然资源规划", "生态环境"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in SPLIT], ids=[c[0] for c in SPLIT])
def test_split_units(text, expected):
    assert split_units(text) == expected


GROUPS = [
    ("lead-then-rest", "市经信局，基础电信运营商、铁塔荆州公司", [["市经信局"], ["基础电信运营商", "铁塔荆州公司"]]),
    ("halfwidth-comma", "市文旅局,各县、市、区人民政府、功能区管委会", [["市文旅局"], ["各县、市、区人民政府", "功能区管委会"]]),
    ("note-with-comma-inside", "各区人民政府〈含开发区、风景区管委会,下同〉,市发改委", [["各区人民政府"], ["市发改委"]]),
    ("round-note-with-comma", "各区人民政府(含开发区、风景区管委会,下同),市卫健委", [["各区人民政府"], ["市卫健委"]]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in GROUPS], ids=[c[0] for c in GROUPS])
def test_split_groups(text, expected):
    assert split_groups(text) == expected


ORGANS = [
    ("bureau", "市经信局", False, True),
    ("committee", "荆州高新区管委会", True, True),
    ("leading-group-office", "市大健康和生物技术产业发展领导小组办公室", True, True),
    ("department", "卫生健康部门", True, True),
    ("construction-unit-loose", "施工总承包单位", False, True),
    ("construction-unit-strict", "施工总承包单位", True, False),
    ("hospital-strict", "县级医院", True, False),
    ("pronoun", "其", True, False),
    ("person", "消防救援部门负责人", True, False),
    # branches of the central vertical organs
    ("pboc-central-branch", "人行杭州中心支行", False, True),
    ("pboc-central-branch-strict", "中国人民银行荆州市中心支行", True, True),
    ("pboc-sub-branch", "人民银行潜江市支行", False, True),
    ("financial-regulator", "浙江银保监局", True, True),
    ("tax-bureau", "国家税务总局湖北省税务局", True, True),
    ("customs", "武汉海关", True, True),
    ("meteorological-observatory", "省气象台", False, True),
    ("observatory-not-strict", "省气象台", True, False),
    ("platform-not-organ", "公共服务平台", False, False),
]


@pytest.mark.parametrize("name,strict,expected", [c[1:] for c in ORGANS], ids=[c[0] for c in ORGANS])
def test_is_organ(name, strict, expected):
    assert is_organ(name, strict=strict) is expected


def test_strip_notes_keeps_county_brackets():
    assert strip_notes("各县（市、区）人民政府") == "各县（市、区）人民政府"


def test_strict_suffixes_are_organ_suffixes():
    # a unit the prose rules accept (由X负责) is an organ for every other rule too
    from govdoc_extract.values.orgs import ORGAN_SUFFIXES, STRICT_SUFFIXES, is_organ

    assert [s for s in STRICT_SUFFIXES if not s.endswith(ORGAN_SUFFIXES)] == []
    assert all(is_organ("荆州市" + s) for s in STRICT_SUFFIXES)
