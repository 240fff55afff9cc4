"""Emit: deterministic rendering, streaming equals rendering, CSV cells and columns."""

from __future__ import annotations

import io
import json

import pytest
import yaml

from govdoc_extract import api, emit, models
from govdoc_extract.assemble import RECORD_KINDS

TEXTS = [
    "荆州市人民政府关于印发荆州市体育发展规划的通知\n各县、市、区人民政府：\n到2025年，建成体育公园5个以上。\n2022年9月1日\n",
    "",
    "第一条 为了规范管理，制定本办法。\n第二条 本办法自2022年10月1日起施行。\n",
]


@pytest.fixture(scope="module")
def results():
    return [api.extract_text(t, path=f"t{k}.txt") for k, t in enumerate(TEXTS)]


@pytest.mark.parametrize("fmt", emit.FORMATS)
@pytest.mark.parametrize("n", [0, 1, 3])
def test_stream_equals_render(results, fmt, n):
    chosen = results[:n]
    buf = io.BytesIO()
    s = emit.Stream(fmt, buf.write, many=n != 1)
    for r in chosen:
        s.add(emit.render_one_bytes(r, fmt))
    s.close()
    assert buf.getvalue() == emit.render_bytes(chosen, fmt)
    assert buf.getvalue().decode("utf-8") == emit.render(chosen, fmt)


def test_json_many_is_the_standard_indented_array(results):
    assert emit.render(results, "json") == emit.dumps_json([emit.to_data(r) for r in results]) + "\n"


def test_fast_json_equals_json_dumps(results):
    for r in results:
        assert emit.render_one(r, "json") == emit.dumps_json(emit.to_data(r)) + "\n"


@pytest.mark.parametrize("fmt", emit.FORMATS)
def test_bytes_for_files_equal_the_encoded_text(results, fmt):
    for r in results:
        assert emit.render_one_bytes(r, fmt) == emit.render_one(r, fmt).encode("utf-8")


def test_render_is_deterministic(results):
    assert emit.render(results, "yaml") == emit.render(results, "yaml")


@pytest.mark.parametrize("fmt, load", [
    ("json", json.loads),
    ("jsonl", lambda s: [json.loads(x) for x in s.splitlines()]),
    ("yaml", lambda s: list(yaml.safe_load_all(s))),
])
def test_every_format_round_trips_to_the_models(results, fmt, load):
    parsed = load(emit.render(results, fmt))
    assert [models.Result.model_validate(d) for d in parsed] == results


def test_yaml_keeps_chinese_and_field_order(results):
    text = emit.render(results[:1], "yaml")
    assert text.startswith("schema_version: '1'\nsource:")
    assert "\\u" not in text


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        emit.render([], "xml")


@pytest.mark.parametrize("value, expected", [
    (None, ""),
    (False, "false"),
    (3, "3"),
    (0.05, "0.05"),
    (["市体育局", "市财政局"], "市体育局、市财政局"),
    ([], ""),
    ("各县、市、区人民政府", "各县、市、区人民政府"),
], ids=repr)
def test_cell(value, expected):
    assert emit.cell(value) == expected


@pytest.mark.parametrize("model, flattened, nested", [
    (models.Target, "baseline_year", "baseline"),
    (models.Deadline, "recurrence_freq", "recurrence"),
])
def test_record_columns_flatten_nested_objects(model, flattened, nested):
    cols = emit.record_columns(model)
    assert flattened in cols and nested not in cols
    assert len(cols) == len(set(cols))


def test_csv_rows_match_headers(results):
    headers = emit.csv_headers()
    for r in results:
        rows = emit.csv_rows(r)
        assert set(rows) == set(headers)
        for name, table in rows.items():
            assert all(len(row) == len(headers[name]) for row in table), name


def test_documents_csv_counts_every_record_kind_as_the_json_holds_them():
    from pathlib import Path

    sample = min(Path(__file__).resolve().parents[1].joinpath("samples").glob("*.txt"), key=lambda p: p.stat().st_size)
    r = api.extract_file(sample)
    header = emit.csv_headers()["documents"]
    rows = emit.csv_rows(r)["documents"]
    assert len(rows) == len(r.documents)
    fields = [f for f, _, _ in RECORD_KINDS.values()]  # every record kind's Document field
    assert sum(len(getattr(d, f)) for d in r.documents for f in fields) > 0
    for doc, row in zip(r.documents, rows):
        for f in fields:
            assert row[header.index(f"n_{f}")] == str(len(getattr(doc, f))), f


@pytest.mark.parametrize("text", ["比例达到0.00005%以上。", "比例不低于0.0025%。", "比例达到1.5%以上。"])
def test_csv_numbers_are_written_as_json_writes_them(text):
    # json writes a small fraction as 0.0000005 or 5e-7, str() as 5e-07: the same record
    # read differently in the JSON and the CSV
    r = api.extract_text(text)
    ratio = r.documents[0].ratios[0]
    written = json.loads(emit.render([r], "json"))["documents"][0]["ratios"][0]
    row = dict(zip(emit.csv_headers()["ratios"], emit.csv_rows(r)["ratios"][0]))
    assert row["value"] == emit.render_one(r, "json").split('"value": ')[-1].split(",")[0].strip()
    assert float(row["value"]) == written["value"] == ratio.value


@pytest.mark.parametrize("value", [5e-07, 2.5e-05, 1e-05, 0.1, 1e16, 123456789.0, 5.0])
def test_cell_writes_a_float_as_the_json_output_does(value):
    token = models.Baseline(value=value).model_dump_json().split('"value":')[1].rstrip("}")
    assert emit.cell(value) == token


def test_render_csv_uses_crlf_and_quotes():
    text = emit.render_csv(("a", "b"), [["x,y", "z"]])
    assert text == 'a,b\r\n"x,y",z\r\n'


# --------------------------------------------------------------------------- human output (stderr)

LONG_PATH = "archive/湖北省/荆州市/2022年政府公报/第九期/jingzhou-renmin-zhengfu-gongbao-2022-di-jiu-qi-fujian-3.txt"


@pytest.mark.parametrize("width", [80, 40])
def test_the_summary_names_a_failed_input_with_its_whole_path_at_any_width(width):
    # a path longer than the column was cut: 'long/湖北省/荆州市/2022年政府公报/第九期/jingzhou-renmin…'
    from rich.console import Console

    from govdoc_extract import batch

    s = batch.Summary()
    s.add(batch.Outcome(0, LONG_PATH, "failed", error=f"{LONG_PATH}: looks like binary data, not text"))
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None).print(emit.summary_table(s))
    lines = buf.getvalue().splitlines()
    row = max(k for k, line in enumerate(lines) if line.startswith("│ failed "))  # (the first is the count)
    cells = [line.split("│")[2].strip() for line in lines[row:] if line.count("│") == 3]  # its lines
    assert LONG_PATH in "".join(cells)
    assert "…" not in buf.getvalue()
