"""CLI behaviour (not extraction quality): help, exit codes, stdout purity, formats.

Uses typer's CliRunner (stdout and stderr kept apart) and, where a real process
matters (signals, stdin bytes), a subprocess. Inputs are the repository samples
and small inline texts; nothing reads /work/shared.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from govdoc_extract import __version__
from govdoc_extract.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SMALL = min(SAMPLES, key=lambda p: p.stat().st_size)

NOTICE = (
    "荆州市人民政府关于印发荆州市体育发展规划的通知\n"
    "荆政发〔2022〕8号\n"
    "各县、市、区人民政府，市政府各部门：\n"
    "现将《荆州市体育发展规划》印发给你们，请认真贯彻执行。到2025年，建成体育公园5个以上。"
    "（责任单位：市体育局，市财政局）\n"
    "荆州市人民政府\n"
    "2022年9月1日\n"
)

runner = CliRunner()


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """in/a.txt, in/sub/b.txt, in/sub/deeper/c.txt, in/empty.txt, in/notes.md (not matched by *.txt)."""
    d = tmp_path / "in"
    (d / "sub" / "deeper").mkdir(parents=True)
    (d / "a.txt").write_text(NOTICE, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(NOTICE.replace("体育", "文化"), encoding="gb18030")
    (d / "sub" / "deeper" / "c.txt").write_text(NOTICE, encoding="utf-16")
    (d / "empty.txt").write_bytes(b"")
    (d / "notes.md").write_text("not an input", encoding="utf-8")
    return d


# --------------------------------------------------------------------------- help and version

COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("cmd", [[]] + [[c] for c in COMMANDS], ids=lambda c: " ".join(c) or "govdoc")
def test_every_help_has_an_example(cmd):
    r = invoke(*cmd, "--help")
    assert r.exit_code == 0
    assert "Example" in r.stdout


def test_commands_are_the_documented_ones():
    assert {"extract", "validate", "schema"} <= set(COMMANDS)


def test_version():
    r = invoke("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"govdoc {__version__}"


def test_schema_prints_json():
    r = invoke("schema")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["title"] == "Result"


# --------------------------------------------------------------------------- single file: stdout purity


def test_single_file_prints_one_json_object(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(f), "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)  # stdout is pure JSON: one object
    assert isinstance(data, dict) and data["schema_version"] == "1"
    assert data["source"]["path"] == str(f)


def test_sample_stdout_is_pure_json_and_warnings_go_to_stderr():
    r = invoke("extract", str(SMALL))
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    for w in data["warnings"]:
        assert w["code"] in r.stderr  # the same warnings, as one stderr line each
    assert "warning:" not in r.stdout


def test_empty_file_is_a_valid_result_with_a_warning(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    r = invoke("extract", str(f))
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["documents"] == [] and "W101" in {w["code"] for w in data["warnings"]}
    assert "W101" in r.stderr


def test_quiet_silences_warnings(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"   \n")
    r = invoke("extract", str(f), "-q")
    assert r.exit_code == 0 and r.stderr == ""


@pytest.mark.parametrize("fmt, parse", [
    ("json", json.loads),
    ("jsonl", lambda s: [json.loads(line) for line in s.splitlines()]),
    ("yaml", lambda s: list(yaml.safe_load_all(s))),
], ids=["json", "jsonl", "yaml"])
def test_formats_parse(tmp_path, fmt, parse):
    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(f), "-f", fmt)
    assert r.exit_code == 0
    parsed = parse(r.stdout)
    one = parsed if isinstance(parsed, dict) else parsed[0]
    assert one["source"]["n_chars"] == len(NOTICE)


def test_output_file_is_written_and_stdout_stays_empty(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "o" / "out.yaml"
    r = invoke("extract", str(f), "-f", "yaml", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["schema_version"] == "1"
    assert [p.name for p in out.parent.iterdir()] == ["out.yaml"]  # no temp file left


def test_summary_alone_prints_the_table_not_the_data(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(f), "--summary")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "documents" in r.stderr and "responsibilities" in r.stderr


# --------------------------------------------------------------------------- several inputs


def test_several_files_give_a_json_array_in_input_order(corpus):
    files = [str(corpus / "sub" / "b.txt"), str(corpus / "a.txt")]
    r = invoke("extract", *files, "-q")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [d["source"]["path"] for d in data] == files


def test_folder_is_searched_recursively_with_the_glob(corpus):
    r = invoke("extract", str(corpus), "-f", "jsonl", "-q", "-j", "1")
    assert r.exit_code == 0
    paths = [Path(json.loads(line)["source"]["path"]).relative_to(corpus).as_posix() for line in r.stdout.splitlines()]
    assert paths == ["a.txt", "empty.txt", "sub/b.txt", "sub/deeper/c.txt"]


def test_files_left_out_only_by_the_case_of_their_names_are_named_on_stderr(corpus, tmp_path):
    # an archive from Windows holds 公报.TXT: '*.txt' leaves it out on Linux, which nobody expects
    (corpus / "sub" / "公报.TXT").write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(corpus), "--output-dir", str(tmp_path / "out"), "-j", "1")
    assert r.exit_code == 0
    notes = [line for line in r.stderr.splitlines() if line.startswith("note:")]
    assert notes == [f"note: {corpus / 'sub' / '公报.TXT'} matches --glob '*.txt' only when case is ignored:"
                     " it is not converted (--glob '*.[tT][xX][tT]' takes it)"]
    assert not (tmp_path / "out" / "sub" / "公报.json").exists()
    r = invoke("extract", str(corpus), "--output-dir", str(tmp_path / "out2"), "--glob", "*.[tT][xX][tT]", "-q")
    assert r.exit_code == 0 and (tmp_path / "out2" / "sub" / "公报.json").is_file()
    r = invoke("extract", str(corpus), "--output-dir", str(tmp_path / "out3"), "-q")
    assert "note:" not in r.stderr


def test_glob_option(corpus):
    r = invoke("extract", str(corpus), "--glob", "*.md", "-f", "jsonl", "-q")
    assert r.exit_code == 0
    assert len(r.stdout.splitlines()) == 1


def test_a_folder_always_gives_an_array(tmp_path):
    (tmp_path / "only.txt").write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(tmp_path), "-q")
    assert isinstance(json.loads(r.stdout), list)


def test_output_does_not_depend_on_jobs(corpus):
    outs = {j: invoke("extract", str(corpus), "-q", "-j", str(j)).stdout for j in (1, 2, 3)}
    assert outs[1] == outs[2] == outs[3]
    assert len(json.loads(outs[1])) == 4


def test_batch_summary_goes_to_stderr(corpus):
    r = invoke("extract", str(corpus), "-j", "1")
    assert r.exit_code == 0
    json.loads(r.stdout)
    assert "documents" in r.stderr and "inputs" in r.stderr


# --------------------------------------------------------------------------- failures and exit codes


def test_missing_file_is_one_error_line_and_exit_1(tmp_path):
    r = invoke("extract", str(tmp_path / "nope.txt"))
    assert r.exit_code == 1
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert lines == [f"error: {tmp_path / 'nope.txt'}: no such file (check the path)"]
    assert "Traceback" not in r.stderr


def test_bad_file_does_not_stop_the_batch(corpus):
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02\xff" * 500)
    r = invoke("extract", str(corpus), "-q", "-j", "2")
    assert r.exit_code == 1
    assert len(json.loads(r.stdout)) == 4  # the four good ones
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "bad.txt" in errors[0] and "binary" in errors[0]


def test_fail_fast_stops_at_the_first_failure(corpus):
    (corpus / "0bad.txt").write_bytes(b"\x00\x01\x02\xff" * 500)  # sorts first
    r = invoke("extract", str(corpus), "-q", "-j", "1", "--fail-fast")
    assert r.exit_code == 1
    assert json.loads(r.stdout) == []
    assert "0bad.txt" in r.stderr


def test_directory_given_as_file_to_read(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    r = invoke("extract", str(empty), "-q")
    assert r.exit_code == 1
    assert "no files match" in r.stderr


def test_max_bytes_refuses_larger_files(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(f), "--max-bytes", "100")
    assert r.exit_code == 1
    assert "above the limit of 100" in r.stderr and "--max-bytes" in r.stderr


def test_max_bytes_on_stdin_does_not_give_a_wrong_size():
    # stdin is read up to the limit and one byte: that byte count is not the input's size
    r = invoke("extract", "-", "--max-bytes", "100", input=NOTICE.encode("utf-8") * 10)
    assert r.exit_code == 1
    assert r.stderr == "error: -: input is over 100 bytes, the limit (raise --max-bytes or split the file)\n"


@pytest.mark.parametrize("args", [
    ["-f", "xml"],
    ["-f", "csv"],  # csv needs --output-dir
    ["-o", "x.json", "--output-dir", "d"],
    ["--skip-existing"],  # needs --output-dir
    ["-j", "0"],
    ["--max-bytes", "lots"],
    ["--max-bytes", "0.0001"],  # under one byte: every input would be refused
    ["--max-bytes", "inf"],
    ["--max-bytes", "nan"],
    ["--only", "nonsense"],
    ["--reference-date", "yesterday"],
    ["--no-such-option"],
], ids=lambda a: " ".join(a))
def test_usage_errors_exit_2(tmp_path, args):
    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(f), *args)
    assert r.exit_code == 2
    assert r.stdout == ""


@pytest.mark.parametrize("pattern", ["/srv/archive/*.txt", "/*.txt"])
def test_an_absolute_glob_is_a_usage_error(corpus, pattern):
    r = invoke("extract", str(corpus), "--glob", pattern)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("error: --glob") and "internal error" not in r.stderr


def test_no_arguments_is_a_usage_error():
    r = invoke("extract")
    assert r.exit_code == 2


def test_colliding_outputs_are_a_usage_error(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.txt").write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(tmp_path / "x" / "same.txt"), str(tmp_path / "y" / "same.txt"),
               "--output-dir", str(tmp_path / "out"))
    assert r.exit_code == 2 and "common folder" in r.stderr


# --------------------------------------------------------------------------- real processes


def _govdoc(*args: str, input: bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    import os

    return subprocess.run([sys.executable, "-m", "govdoc_extract", *args], input=input, capture_output=True,
                          cwd=cwd, timeout=120, env={**os.environ, **env} if env else None)


def test_stdin_dash_reads_bytes_in_any_encoding():
    p = _govdoc("extract", "-", input=NOTICE.encode("gb18030"))
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout.decode("utf-8"))
    assert data["source"]["path"] == "-" and data["source"]["encoding"] == "gb18030"


def test_stdout_is_utf8_even_in_an_ascii_locale(tmp_path):
    import os

    f = tmp_path / "公报.txt"
    f.write_text(NOTICE, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # as on a machine with a non-UTF-8 locale
    p = subprocess.run([sys.executable, "-m", "govdoc_extract", "extract", str(f)], capture_output=True, env=env,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.decode("utf-8"))["source"]["path"].endswith("公报.txt")


GBK_NAME = "公告".encode("gbk") + b".txt"  # a name from an archive zipped on Chinese Windows: not UTF-8
# Python writes lone surrogates to stdout in the C locale, and refuses them in most UTF-8 locales
STRICT_STDOUT = {"PYTHONIOENCODING": "utf-8:strict"}


@pytest.fixture
def gbk_named(tmp_path: Path) -> Path:
    """in/<公告 in GBK bytes>.txt beside in/a.txt."""
    import os

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(NOTICE, encoding="utf-8")
    try:
        with open(os.path.join(os.fsencode(d), GBK_NAME), "wb") as fh:
            fh.write(NOTICE.encode("gb18030"))
    except OSError:  # pragma: no cover - a file system that only takes UTF-8 names (macOS)
        pytest.skip("this file system refuses names that are not UTF-8")
    return d


@pytest.mark.parametrize("fmt, parse", [
    ("json", json.loads),
    ("jsonl", lambda t: [json.loads(x) for x in t.splitlines()]),
    ("yaml", lambda t: list(yaml.safe_load_all(t))),
])
def test_a_file_name_that_is_not_utf8_is_converted_with_its_bytes_escaped(gbk_named, fmt, parse):
    p = _govdoc("extract", str(gbk_named), "-f", fmt, env=STRICT_STDOUT)
    assert p.returncode == 0, p.stderr
    results = parse(p.stdout.decode("utf-8"))
    by_name = {Path(r["source"]["path"]).name: r for r in results}
    assert set(by_name) == {"a.txt", "\\xb9\\xab\\xb8\\xe6.txt"}
    bad = by_name["\\xb9\\xab\\xb8\\xe6.txt"]
    assert [w["code"] for w in bad["warnings"]] == ["W104"]
    assert bad["documents"][0]["targets"][0]["value"] == 5  # converted like the other one
    assert "W104" not in [w["code"] for w in by_name["a.txt"]["warnings"]]


def test_a_file_name_that_is_not_utf8_gets_its_output_and_csv_rows_and_validates(gbk_named, tmp_path):
    import csv
    import os

    out, tables = tmp_path / "out", tmp_path / "csv"
    p = _govdoc("extract", str(gbk_named), "--output-dir", str(out), "--quiet")
    assert p.returncode == 0, p.stderr
    assert sorted(os.listdir(os.fsencode(out))) == [b"a.json", GBK_NAME[:-4] + b".json"]  # the input's own name
    v = _govdoc("validate", str(out), env=STRICT_STDOUT)
    assert v.returncode == 0, v.stdout + v.stderr
    assert b"not checked" not in v.stdout  # the source was found from its escaped name: spans checked
    assert b"ok: " + str(out).encode() + b"/\\xb9\\xab\\xb8\\xe6.json" in v.stdout  # its name as source.path shows it
    p = _govdoc("extract", str(gbk_named), "-f", "csv", "--output-dir", str(tables), "--quiet")
    assert p.returncode == 0, p.stderr
    with open(tables / "documents.csv", encoding="utf-8-sig", newline="") as fh:
        names = sorted(Path(r["source_path"]).name for r in csv.DictReader(fh))
    assert names == sorted(["a.txt", "\\xb9\\xab\\xb8\\xe6.txt"])


def test_a_file_name_that_is_not_utf8_shows_on_stderr_as_source_path_writes_it(gbk_named):
    # the error line, the warnings and the summary used to show Python's \udcb9 for the byte \xb9
    import os

    with open(os.path.join(os.fsencode(gbk_named), GBK_NAME), "wb") as fh:
        fh.write(bytes(range(256)) * 8)  # binary: it fails
    p = _govdoc("extract", str(gbk_named), "-d", str(gbk_named.parent / "out"))
    assert p.returncode == 1
    shown = str(gbk_named).encode() + b"/\\xb9\\xab\\xb8\\xe6.txt"
    assert p.stderr.startswith(b"error: " + shown + b": looks like binary data")
    assert b"\\udc" not in p.stderr
    p = _govdoc("extract", str(gbk_named / os.fsdecode(GBK_NAME)), "-d", str(gbk_named.parent / "out"))
    assert b"\\udc" not in p.stderr and b"\\xb9\\xab\\xb8\\xe6.txt: looks like binary data" in p.stderr


def test_data_reaches_a_stdout_that_only_takes_text(monkeypatch):
    import io

    from govdoc_extract import cli

    text_only = io.StringIO()  # what a program embedding govdoc may put in place of sys.stdout
    monkeypatch.setattr(sys, "stdout", text_only)
    cli._stdout_bytes()("通知\n".encode("utf-8"))
    assert text_only.getvalue() == "通知\n"


def test_no_traceback_without_debug(tmp_path):
    p = _govdoc("extract", str(tmp_path / "missing.txt"))
    assert p.returncode == 1
    assert b"Traceback" not in p.stderr
    assert p.stderr.decode().count("\n") == 1


# --------------------------------------------------------------------------- bugs in the pipeline


def test_an_internal_error_is_one_line_and_the_batch_goes_on(corpus, monkeypatch):
    from govdoc_extract import api

    real = api.extract_source

    def flaky(src, **kw):
        if src.path.endswith("a.txt"):
            raise RuntimeError("boom")
        return real(src, **kw)

    monkeypatch.setattr(api, "extract_source", flaky)
    r = invoke("extract", str(corpus), "-q", "-j", "1")
    assert r.exit_code == 1
    assert len(json.loads(r.stdout)) == 3
    [line] = [x for x in r.stderr.splitlines() if x.startswith("error:")]
    assert "a.txt: internal error: RuntimeError: boom" in line and "--debug" in line
    assert "Traceback" not in r.stderr
    r = invoke("extract", str(corpus), "-q", "-j", "1", "--debug")
    assert "Traceback" in r.stderr and "RuntimeError: boom" in r.stderr


def test_a_failing_extractor_is_a_warning_on_stderr_even_in_a_batch_and_debug_raises_it(corpus, monkeypatch):
    from govdoc_extract.extract import EXTRACTORS

    def broken(ctx):
        raise RuntimeError("boom")
        yield  # (a generator, as the extractors are)

    monkeypatch.setitem(EXTRACTORS, "responsibility", broken)
    r = invoke("extract", str(corpus), "-j", "1")
    assert r.exit_code == 0  # every file converted; the records of one kind are missing
    results = json.loads(r.stdout)
    assert all(not d["responsibilities"] for x in results for d in x["documents"])
    assert any(d["targets"] for x in results for d in x["documents"])
    lines = [x for x in r.stderr.splitlines() if "W304" in x]
    assert len(lines) == 3 and all("responsibility rules failed" in x and "RuntimeError: boom" in x for x in lines)
    assert not [x for x in invoke("extract", str(corpus), "-j", "1", "-q").stderr.splitlines() if "W304" in x]
    r = invoke("extract", str(corpus), "-q", "-j", "1", "--debug")
    assert r.exit_code == 1 and "Traceback" in r.stderr and "RuntimeError: boom" in r.stderr


def test_an_output_that_cannot_be_written_is_one_clear_line_not_a_bug_report(corpus, tmp_path):
    out = tmp_path / "out"
    (out / "a.json").mkdir(parents=True)  # a folder where a.json must go: the rename fails
    r = invoke("extract", str(corpus), "--output-dir", str(out), "-q", "-j", "1")
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "a.txt" in errors[0] and "cannot write" in errors[0] and "free space" in errors[0]
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert (out / "sub" / "b.json").is_file()  # the others are written
    assert not list(out.rglob("*.govdoc-tmp"))  # no temp file left behind


def test_an_output_file_that_cannot_be_written_is_one_clear_line(corpus, tmp_path):
    target = tmp_path / "all.json"
    target.mkdir()  # a folder in the way of -o
    r = invoke("extract", str(corpus), "-o", str(target), "-q", "-j", "1")
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot write" in errors[0] and "all.json" in errors[0]
    assert "Traceback" not in r.stderr


def test_a_disk_full_while_streaming_to_o_keeps_the_old_file(corpus, tmp_path, monkeypatch):
    import errno

    from govdoc_extract import io as gio

    target = tmp_path / "all.jsonl"
    target.write_text("old content\n", encoding="utf-8")
    calls = []

    def full_after_one(self, data):
        calls.append(data)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.fh.write(data)

    monkeypatch.setattr(gio.AtomicFile, "write", full_after_one)
    r = invoke("extract", str(corpus), "-f", "jsonl", "-o", str(target), "-q", "-j", "1")
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: cannot write {target}: No space left on device"
                      " (check free space and write permission; the inputs are fine)"]
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert not list(tmp_path.glob("*.govdoc-tmp"))


def test_o_dash_is_stdout_not_a_file_named_dash(tmp_path, monkeypatch):
    src = tmp_path / "n.txt"
    src.write_text(NOTICE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = invoke("extract", str(src), "-o", "-")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["source"]["path"] == str(src)
    assert not (tmp_path / "-").exists()


def test_o_streams_a_batch_into_one_file(corpus, tmp_path):
    target = tmp_path / "all.jsonl"
    r = invoke("extract", str(corpus), "-f", "jsonl", "-o", str(target), "-q", "-j", "2")
    assert r.exit_code == 0 and r.stdout == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(json.loads(x)["schema_version"] == "1" for x in lines)


@pytest.mark.parametrize("preset,want", [(None, "__all__"), ("logfire", "logfire")])
def test_the_command_skips_pydantic_plugin_discovery_unless_the_user_chose(preset, want):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if preset:
        env["PYDANTIC_DISABLE_PLUGINS"] = preset
    code = ("import os, govdoc_extract.cli as c; "
            "c.app = lambda: print(os.environ.get('PYDANTIC_DISABLE_PLUGINS')); c.main()")
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == want


@pytest.mark.parametrize("command", ["extract", "validate", "schema"])
def test_every_command_turns_the_garbage_collector_back_on(tmp_path: Path, command: str):
    """``main`` starts with the cyclic GC off (start-up); each command turns it back on once
    its imports are done, or a long batch would never collect a cycle. Checked at exit."""
    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "n.json"
    assert invoke("extract", str(f), "-o", str(out)).exit_code == 0
    args = {"extract": [str(f), "-q"], "validate": [str(out), "-q"], "schema": []}[command]
    code = ("import atexit, gc, sys, govdoc_extract.cli as c; "
            "atexit.register(lambda: sys.stderr.write(f'gc enabled: {gc.isenabled()}\\n')); "
            "sys.argv = ['govdoc', *sys.argv[1:]]; c.main()")
    r = subprocess.run([sys.executable, "-c", code, command, *args], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "gc enabled: True" in r.stderr


def test_extract_leaves_the_garbage_collector_on(tmp_path: Path):
    """The command turns the cyclic GC off while it imports the pipeline (start-up): it
    must be back on afterwards, or a long batch would never collect a cycle."""
    import gc

    f = tmp_path / "n.txt"
    f.write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(f))
    assert r.exit_code == 0
    assert json.loads(r.stdout)["documents"]
    assert gc.isenabled()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX named pipes")
def test_o_into_a_named_pipe_writes_through_it_and_keeps_the_pipe(tmp_path):
    # `-o /dev/null`, `-o /dev/stdout` and `-o fifo` name something that is not a file to
    # replace: the data goes into it (run as root, the rename used to put a regular file
    # in the place of /dev/null). A pipe in tmp_path stands for them.
    import os
    import stat

    src = tmp_path / "n.txt"
    src.write_text(NOTICE, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that the writer's open does not block
    try:
        p = _govdoc("extract", str(src), "-o", str(fifo), "-q")
        assert p.returncode == 0, p.stderr
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        data = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert json.loads(data.decode("utf-8"))["source"]["path"] == str(src)
    assert not list(tmp_path.glob("*.govdoc-tmp"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX symbolic links")
def test_o_through_a_symbolic_link_replaces_the_file_it_points_to_and_keeps_the_link(tmp_path):
    # /dev/stdout is such a link when stdout is redirected to a file: replacing the link broke it
    src = tmp_path / "n.txt"
    src.write_text(NOTICE, encoding="utf-8")
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real.name)
    r = invoke("extract", str(src), "-o", str(link), "-q")
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["schema_version"] == "1"


def test_o_naming_an_input_is_a_usage_error_and_the_input_stays(tmp_path):
    src = tmp_path / "n.txt"
    src.write_text(NOTICE, encoding="utf-8")
    r = invoke("extract", str(src), "-o", str(src), "-q")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith(f"error: {src}: ") and "would replace this input" in r.stderr
    assert src.read_text(encoding="utf-8") == NOTICE


@pytest.mark.parametrize("fmt, name", [("json", "old.json"), ("csv", "targets.csv")])
def test_an_output_dir_output_that_is_an_input_is_a_usage_error_and_the_input_stays(tmp_path, fmt, name):
    # --glob '*' over a folder that is also the output folder: a file in it is an input and an output's name
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(NOTICE, encoding="utf-8")
    (d / name).write_text("an input of its own\n", encoding="utf-8")
    r = invoke("extract", str(d), "--glob", "*", "-f", fmt, "--output-dir", str(d), "-q")
    assert r.exit_code == 2 and "would replace this input" in r.stderr
    assert (d / name).read_text(encoding="utf-8") == "an input of its own\n"
    assert sorted(p.name for p in d.iterdir()) == sorted(["a.txt", name])


def test_output_dir_naming_a_file_is_one_usage_error_not_one_error_per_input(corpus, tmp_path):
    (tmp_path / "out.json").write_text("{}", encoding="utf-8")  # -d out.json for -o out.json
    r = invoke("extract", str(corpus), "--output-dir", str(tmp_path / "out.json"), "-q", "-j", "1")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [f"error: --output-dir {tmp_path / 'out.json'}: is a file, not a folder"
                                     " (give a folder, or -o to write every result to one file)"]


def test_o_naming_a_folder_fails_before_any_input_is_converted(corpus, tmp_path, monkeypatch):
    from govdoc_extract import batch

    converted = []
    monkeypatch.setattr(batch, "work", lambda task: converted.append(task))
    (tmp_path / "all.json").mkdir()
    r = invoke("extract", str(corpus), "-o", str(tmp_path / "all.json"), "-q", "-j", "1")
    assert r.exit_code == 1 and "Is a directory" in r.stderr
    assert converted == []


# --------------------------------------------------------------------------- at a terminal


def _govdoc_at_a_terminal(*args: str, stdout_too: bool = False, columns: int = 80) -> tuple[bytes, bytes]:
    """Run govdoc with stderr (and stdout, if ``stdout_too``) on a pseudo-terminal ``columns`` wide.

    Returns what the terminal received and what reached stdout when it is not the terminal.
    """
    import fcntl
    import os
    import pty
    import struct
    import tempfile
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TERM")}
    env["TERM"] = "xterm"
    with tempfile.TemporaryFile() as stdout:
        p = subprocess.Popen([sys.executable, "-m", "govdoc_extract", *args], stdin=subprocess.DEVNULL,
                             stdout=child if stdout_too else stdout, stderr=child, env=env)
        os.close(child)
        seen = b""
        while True:  # read while it runs: a full terminal buffer would block it
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the child side is closed
                break
            if not chunk:
                break
            seen += chunk
        p.wait(timeout=120)
        os.close(main)
        stdout.seek(0)
        return seen, stdout.read()


def _folder_of(tmp_path: Path, n: int) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for k in range(n):
        (d / f"{k:02}.txt").write_text(NOTICE.replace("8号", f"{k}号"), encoding="utf-8")
    return d


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
def test_the_progress_bar_is_drawn_on_the_terminal_and_never_over_data_shown_there(tmp_path):
    d = _folder_of(tmp_path, 12)
    seen, data = _govdoc_at_a_terminal("extract", str(d), "-f", "jsonl", "-j", "1")
    assert b"converting" in seen and b"12/12" in seen  # stdout is a file: the bar is drawn on stderr
    assert b"\x1b[?25h" in seen  # the cursor is shown again
    assert [json.loads(line)["source"]["path"] for line in data.splitlines()] == [
        str(d / f"{k:02}.txt") for k in range(12)]
    # stdout is the terminal too: the bar would erase and overwrite lines of the data shown there
    seen, _ = _govdoc_at_a_terminal("extract", str(d), "-f", "jsonl", "-j", "1", stdout_too=True)
    assert b"converting" not in seen and b"\x1b[2K" not in seen.split(b"govdoc summary")[0]
    lines = [line for line in seen.split(b"\r\n") if line.startswith(b"{")]
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(d / f"{k:02}.txt") for k in range(12)]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
def test_the_progress_bar_shows_files_done_and_the_eta_in_a_narrow_terminal(tmp_path):
    # 40 columns: 'converting ╸  2… 234.4 files/s 0… eta -…' (the label kept, the count and the eta cut)
    import re

    d = _folder_of(tmp_path, 12)
    seen, _ = _govdoc_at_a_terminal("extract", str(d), "-d", str(tmp_path / "out"), "-j", "1", columns=40)
    frames = [re.sub(rb"\x1b\[[\d;]*m", b"", f) for f in re.findall(rb"\x1b\[2K([^\r\n]*)", seen)]
    frames = [f for f in frames if b"eta" in f]
    assert frames and all(re.search(rb"\d+/12 .*eta [-\d]+:[-\d]+:[-\d]+", f) for f in frames), frames
    assert max(len(f.decode()) for f in frames) <= 40


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
def test_an_error_line_during_the_progress_bar_names_the_file_as_it_is(tmp_path):
    # Rich replaced :x: and :100: in the line by emoji: 'report❌2022💯.txt' named no file
    d = _folder_of(tmp_path, 3)
    (d / "report:x:2022:100:.txt").write_bytes(bytes(range(256)) * 8)
    seen, _ = _govdoc_at_a_terminal("extract", str(d), "-d", str(tmp_path / "out"), "-j", "1")
    assert b"converting" in seen  # the line was printed with the bar on screen
    assert b"error: " + str(d).encode() + b"/report:x:2022:100:.txt: looks like binary data" in seen


CONTROL_NAME = "bad\nline\x1b[31mred.txt"  # a line break and the escape that turns a terminal red


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_a_file_name_with_control_characters_stays_on_one_line_and_cannot_drive_the_terminal(tmp_path):
    # the raw name reached stderr: the error line broke in two and ESC[31m turned the terminal red
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(NOTICE, encoding="utf-8")
    (d / CONTROL_NAME).write_bytes(bytes(range(256)) * 8)  # binary: it fails
    p = _govdoc("extract", str(d), "-d", str(tmp_path / "out"))
    assert p.returncode == 1
    shown = str(d).encode() + b"/bad\\nline\\x1b[31mred.txt"
    assert p.stderr.startswith(b"error: " + shown + b": looks like binary data")
    assert b"\x1b" not in p.stderr
    lines = p.stderr.decode().splitlines()
    row = max(k for k, line in enumerate(lines) if line.startswith("│ failed "))  # (the first is the count)
    assert shown.decode() in "".join(line.split("│")[2].strip() for line in lines[row:] if line.count("│") == 3)
    (d / CONTROL_NAME).write_text(NOTICE, encoding="utf-8")  # converted, its output validated
    p = _govdoc("extract", str(d), "-d", str(tmp_path / "out"), "-q")
    assert p.returncode == 0, p.stderr
    v = _govdoc("validate", str(tmp_path / "out"))
    assert v.returncode == 0 and b"\x1b" not in v.stdout
    assert b"ok: " + str(tmp_path).encode() + b"/out/bad\\nline\\x1b[31mred.json (1 result)\n" in v.stdout
