"""``govdoc validate`` and :mod:`govdoc_extract.checks`: schema errors, broken invariants, per-file messages."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from govdoc_extract import api, checks, emit
from govdoc_extract.cli import app
from govdoc_extract.models import Result
from govdoc_extract.validate import validate_file

NOTICE = (
    "荆州市人民政府关于印发荆州市体育发展规划的通知\n"
    "荆政发〔2022〕8号\n"
    "各县、市、区人民政府，市政府各部门：\n"
    "到2025年，建成体育公园5个以上。（责任单位：市体育局，市财政局）\n"
    "荆州市人民政府\n"
    "2022年9月1日\n"
)

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _synthetic(source: str) -> dict:
    """A hand-made valid result over ``source`` with one record of every checked kind."""
    i = source.index("建成")
    j = source.index("个以上") + 3
    k = source.index("（责任单位")
    kk = source.index("）", k) + 1
    first_line_end = source.index("\n")
    return {
        "schema_version": "1",
        "source": {"path": "x.txt", "sha256": "0" * 64, "encoding": "utf-8", "n_chars": len(source)},
        "bulletin": None,
        "documents": [{
            "id": "d1", "title": source[:first_line_end], "span": {"start": 0, "end": len(source.rstrip()), "line": 1},
            "sections": [{"id": "d1/p1", "kind": "paragraph", "text": source[i:kk], "children": [],
                          "span": {"start": i, "end": kk, "line": 4}}],
            "targets": [{"id": "d1/t1", "text": source[i:j], "span": {"start": i, "end": j, "line": 4},
                         "section_id": "d1/p1", "sentence": source[i:j], "rule": "test", "value": 5}],
            "responsibilities": [{"id": "d1/rs1", "text": source[k:kk], "span": {"start": k, "end": kk, "line": 4},
                                  "section_id": "d1/p1", "sentence": source[k:kk], "rule": "test",
                                  "lead": ["市体育局"], "cooperating": ["市财政局"]}],
        }],
        "warnings": [],
    }


def test_synthetic_result_is_valid():
    data = _synthetic(NOTICE)
    assert checks.check(data, NOTICE) == []


def _deadline(target: dict, **dates: str) -> dict:
    """A deadline record on the target's evidence (到2025年 is in its sentence)."""
    common = {k: copy.deepcopy(target[k]) for k in ("text", "span", "section_id", "sentence", "rule")}
    return {"id": "d1/dl1", "type": "absolute", **common, **dates}


def _break(data: dict, how: str) -> dict:
    d = copy.deepcopy(data)
    doc = d["documents"][0]
    t = doc["targets"][0]
    if how == "text not in span":
        t["text"] = t["sentence"] = "建成体育公园9个以上"  # the sentence agrees: only the span is wrong
    elif how == "span past the end":
        t["span"]["end"] = len(NOTICE) + 10
    elif how == "empty span":
        t["span"]["end"] = t["span"]["start"]
    elif how == "wrong line":
        t["span"]["line"] = 1
    elif how == "duplicate id":
        doc["responsibilities"][0]["id"] = "d1/t1"
    elif how == "unknown section":
        t["section_id"] = "d1/p9"
    elif how == "document id":
        doc["id"] = "d2"
    elif how == "n_chars":
        d["source"]["n_chars"] += 1
    elif how == "outside document":
        doc["span"]["end"] = t["span"]["start"]
    elif how == "sentence without the text":
        t["sentence"] = "到2025年，建成体育公园9个以上。"
    elif how == "record id shape":
        t["id"] = "t1"
    elif how == "record id empty":
        t["id"] = ""
    elif how == "record id of another document":
        t["id"] = "d2/t1"
    elif how == "section id not a path":
        doc["sections"][0]["id"] = "p1"
    elif how == "section id two steps down":
        doc["sections"][0]["id"] = "d1/body/p1"
    elif how == "document date":
        doc["date"] = "2022/9/1"
    elif how == "deadline date":
        doc["deadlines"] = [_deadline(t, date="2025年12月31日")]
    elif how == "deadline end_date":
        doc["deadlines"] = [_deadline(t, date="2022-01-01", end_date="2025-02-30")]
    elif how == "documents out of order":
        second = copy.deepcopy(doc)
        second.update(id="d2", sections=[], targets=[], responsibilities=[])
        doc["span"]["start"] = 1
        second["span"]["start"] = 0
        doc["title"] = None
        d["documents"].append(second)
    elif how == "warning code":
        d["warnings"] = [{"code": "W999", "message": "made up", "span": None}]
    elif how == "sha256 shape":
        d["source"]["sha256"] = "not a digest"
    return d


@pytest.mark.parametrize("how, expect", [
    ("text not in span", "not faithful"),
    ("span past the end", "outside the source"),
    ("empty span", "outside the source"),
    ("wrong line", "line"),
    ("duplicate id", "duplicate record id"),
    ("unknown section", "is not a section"),
    ("document id", "expected 'd1'"),
    ("n_chars", "n_chars"),
    ("outside document", "outside its document"),
    ("sentence without the text", "sentence '到2025年，建成体育公园9个以上。' does not hold its text '建成体育公园5个以上'"),
    ("record id shape", "'t1' (targets): id is not a path one step under its document 'd1'"),
    ("record id empty", "'' (targets): id is not a path one step under its document 'd1'"),
    ("record id of another document", "'d2/t1' (targets): id is not a path one step under its document 'd1'"),
    ("section id not a path", "'p1' (section): id is not a path one step under 'd1'"),
    ("section id two steps down", "'d1/body/p1' (section): id is not a path one step under 'd1'"),
    ("document date", "d1: date '2022/9/1' is not an ISO date (YYYY-MM-DD)"),
    ("deadline date", "d1/dl1 (deadlines): date '2025年12月31日' is not an ISO date"),
    ("deadline end_date", "d1/dl1 (deadlines): end_date '2025-02-30' is not an ISO date"),
    ("documents out of order", "d2: span 0:"),
    ("warning code", "warning 1: code 'W999' is not in the catalogue"),
    ("sha256 shape", "source: sha256 'not a digest' is not 64 lowercase hex digits"),
])
def test_check_catches(how, expect):
    problems = checks.check(_break(_synthetic(NOTICE), how), NOTICE)
    assert problems and any(expect in p for p in problems), problems


def test_span_checks_need_the_source():
    # without the source only the shape-level invariants are checked
    assert checks.check(_break(_synthetic(NOTICE), "text not in span")) == []


def test_real_pipeline_output_keeps_the_contract():
    result = api.extract_text(NOTICE, path="x.txt")
    assert checks.check(emit.to_data(result), NOTICE) == []


# --------------------------------------------------------------------------- govdoc validate


@pytest.fixture
def extracted(tmp_path: Path, monkeypatch) -> Path:
    """tmp/in/n.txt extracted to tmp/out/n.json, run from tmp (so source.path resolves)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "n.txt").write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", "in", "--output-dir", "out", "-q")
    assert r.exit_code == 0
    return tmp_path / "out" / "n.json"


def test_validate_accepts_fresh_output(extracted):
    r = invoke("validate", str(extracted))
    assert r.exit_code == 0
    assert r.stdout.startswith(f"ok: {extracted}")
    assert "not checked" not in r.stdout  # the source was found: span invariant checked


def test_validate_catches_a_broken_span(extracted, tmp_path):
    # make a file whose span is wrong but whose source sha matches
    data = json.loads(extracted.read_text(encoding="utf-8"))
    target = data["documents"][0]["targets"][0]
    target["text"] = target["sentence"] = "建成体育公园9个以上"
    bad = tmp_path / "out" / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = invoke("validate", str(extracted), str(bad))
    assert r.exit_code == 1
    errors = [line for line in r.stdout.splitlines() if line.startswith("error:")]
    assert errors and all(line.startswith(f"error: {bad}: ") for line in errors)
    assert any("not faithful" in line for line in errors)
    assert f"ok: {extracted}" in r.stdout


def test_validate_skips_span_check_when_the_source_changed(extracted, tmp_path):
    (tmp_path / "in" / "n.txt").write_text(NOTICE + "\n补充。", encoding="utf-8")
    r = invoke("validate", str(extracted))
    assert r.exit_code == 0
    assert "sha256 differs" in r.stdout


@pytest.mark.parametrize("content, expect", [
    ("{not json", "not JSON"),
    ('{"schema_version": "1"}', "schema"),
    ('{"schema_version": "2", "source": {"path": "-", "sha256": "x", "encoding": "utf-8", "n_chars": 0}}', "schema"),
    ("[]", "holds no result"),
], ids=["syntax", "missing fields", "wrong version", "empty array"])
def test_validate_reports_bad_files(tmp_path, content, expect):
    f = tmp_path / "x.json"
    f.write_text(content, encoding="utf-8")
    r = invoke("validate", str(f))
    assert r.exit_code == 1
    assert r.stdout.startswith(f"error: {f}: ") and expect in r.stdout


def test_validate_reads_jsonl_and_yaml_and_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    for k in range(3):
        (tmp_path / "in" / f"n{k}.txt").write_text(NOTICE, encoding="utf-8")
    assert invoke("extract", "in", "-f", "jsonl", "-o", "all.jsonl", "-q").exit_code == 0
    assert invoke("extract", "in", "-f", "yaml", "-o", "all.yaml", "-q").exit_code == 0
    assert invoke("extract", "in", "-d", "out", "-q").exit_code == 0
    r = invoke("validate", "all.jsonl", "all.yaml", "out")
    assert r.exit_code == 0, r.stdout
    assert "ok: all.jsonl (3 results)" in r.stdout and "ok: all.yaml (3 results)" in r.stdout
    assert "5 of 5 files valid" in r.stdout


def test_validate_missing_file(tmp_path):
    r = invoke("validate", str(tmp_path / "none.json"))
    assert r.exit_code == 1 and "no such file" in r.stdout


def test_validate_says_csv_tables_are_not_validated(tmp_path):
    f = tmp_path / "targets.csv"
    f.write_text("\ufeffsource_path,document_id\r\n", encoding="utf-8")
    r = invoke("validate", str(f))
    assert r.exit_code == 1
    assert r.stdout == f"error: {f}: CSV tables are not validated: validate the json, jsonl or yaml outputs of the same run\n"


def test_validate_file_api(extracted):
    rep = validate_file(extracted)
    assert rep.ok and rep.results == 1


def test_validate_goes_on_when_a_source_cannot_be_read(extracted, tmp_path, monkeypatch):
    # a source the user may not read (chmod 600 by another user): a note, not an internal error
    # that stopped the whole run
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "n.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = invoke("validate", str(extracted), str(extracted))
    assert r.exit_code == 0, r.stdout
    assert r.stdout.count(f"ok: {extracted}") == 2
    assert "span invariant not checked" in r.stdout and "Permission denied" in r.stdout


def test_validate_reports_json_nested_too_deeply_and_goes_on(extracted, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    r = invoke("validate", str(deep), str(extracted))
    assert r.exit_code == 1
    assert r.stdout.startswith(f"error: {deep}: ") and "nested too deeply" in r.stdout
    assert f"ok: {extracted}" in r.stdout


@pytest.fixture(params=["jsonschema", "models"])
def schema_checker(request, monkeypatch):
    """validate's schema check with jsonschema, and without it (``pip install .`` does not install it)."""
    import sys

    if request.param == "models":
        monkeypatch.setitem(sys.modules, "jsonschema", None)  # import jsonschema raises ImportError
    from govdoc_extract.validate import _schema_checker

    return _schema_checker()


@pytest.mark.parametrize("path, value", [
    (("documents", 0, "targets", 0, "value"), "5"),
    (("documents", 0, "targets", 0, "span", "start"), "10"),
    (("documents", 0, "targets", 0, "cumulative"), 0),
    (("source", "n_chars"), str(len(NOTICE))),
], ids=["number as string", "offset as string", "bool as int", "n_chars as string"])
def test_schema_check_rejects_wrong_types_with_or_without_jsonschema(schema_checker, path, value):
    # pydantic in its default (lax) mode turns "5" into 5 and 0 into False: a file with the
    # wrong types passed `govdoc validate` wherever jsonschema was not installed
    data = _synthetic(NOTICE)
    data["documents"][0]["targets"][0]["cumulative"] = False
    assert schema_checker(data) == []
    *parents, last = path
    node = data
    for key in parents:
        node = node[key]
    node[last] = value
    errors = schema_checker(data)
    assert errors and any(str(last) in e for e in errors), errors


@pytest.mark.parametrize("drop, where", [
    (("documents",), "/: 'documents'"),
    (("warnings",), "/: 'warnings'"),
    (("documents", 0, "targets"), "/documents/0: 'targets'"),
    (("documents", 0, "targets", 0, "section_id"), "/documents/0/targets/0: 'section_id'"),
    (("documents", 0, "sections", 0, "heading"), "/documents/0/sections/0: 'heading'"),
], ids=lambda v: "/".join(map(str, v)) if isinstance(v, tuple) else None)
def test_validate_reports_a_missing_contract_field(extracted, tmp_path, drop, where):
    # the models give these fields defaults, so the generated schema does not require them;
    # OUTPUT.md names them, and a reader of the file expects them there
    data = json.loads(extracted.read_text(encoding="utf-8"))
    *parents, last = drop
    node = data
    for key in parents:
        node = node[key]
    del node[last]
    bad = tmp_path / "out" / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = invoke("validate", str(bad))
    assert r.exit_code == 1, r.stdout
    assert f"error: {bad}: schema: {where} is missing (a field OUTPUT.md names)" in r.stdout


def test_validate_allows_the_fields_output_md_marks_optional(extracted, tmp_path):
    data = json.loads(extracted.read_text(encoding="utf-8"))
    doc = data["documents"][0]
    del doc["amounts"]  # "amounts: list (optional)"
    for r in doc["references"]:
        del r["title"], r["doc_number"]  # "{title?, doc_number?, span}"
    for _, section in checks.iter_sections_under("d1", doc["sections"]):
        section.pop("rows")  # "Tables carry rows"
    data["warnings"] = [{"code": "W202", "message": "document has no 成文日期"}]  # "{code, message, span?}"
    ok = tmp_path / "out" / "ok.json"
    ok.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = invoke("validate", str(ok))
    assert r.exit_code == 0, r.stdout


def _paths(node, prefix=()):
    """Every path to a value in a JSON-like tree (the root excluded)."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        yield prefix + (k,)
        yield from _paths(v, prefix + (k,))


_REPLACEMENTS = [None, "", "5", "2022-09-01", 5, 5.0, 2024.5, -1, 0, True, False, [], ["x"], {}, {"start": 1}]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_what_the_strict_models_accept_the_json_schema_accepts(data):
    # validate checks with the models first and asks jsonschema only about what they refuse:
    # sound only if a result the models accept never breaks the schema
    import jsonschema

    result = _synthetic(NOTICE)
    paths = list(_paths(result))
    for _ in range(data.draw(st.integers(1, 3))):
        *parents, last = data.draw(st.sampled_from(paths))
        node = result
        for k in parents:
            node = node[k]
        if data.draw(st.booleans()) and isinstance(node, dict):
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(data.draw(st.sampled_from(_REPLACEMENTS)))
        paths = list(_paths(result))
    try:
        Result.model_validate(result, strict=True)
    except ValidationError:
        return
    jsonschema.validate(result, emit.schema())
