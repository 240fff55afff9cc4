"""Batch conversion: discovery, --output-dir mirroring, atomic writes, --skip-existing, interruption, CSV."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path, PurePath

import pytest
from typer.testing import CliRunner

from govdoc_extract import batch, io as gio
from govdoc_extract.cli import app

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


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "2022" / "08").mkdir(parents=True)
    (d / "2022" / "09").mkdir(parents=True)
    (d / "2022" / "08" / "a.txt").write_text(NOTICE, encoding="utf-8")
    (d / "2022" / "09" / "b.txt").write_text(NOTICE, encoding="gb18030")
    (d / "top.txt").write_text(NOTICE, encoding="utf-8-sig")
    (d / ".hidden").mkdir()
    (d / ".hidden" / "x.txt").write_text(NOTICE, encoding="utf-8")
    return d


def files_under(d: Path) -> list[str]:
    return sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- discovery


def test_discover_walks_folders_sorted_and_skips_hidden(tree):
    inputs, folder = batch.discover([str(tree)])
    assert folder
    assert [i.rel.as_posix() for i in inputs] == ["2022/08/a.txt", "2022/09/b.txt", "top.txt"]


def test_discover_keeps_missing_paths_to_report_them(tmp_path):
    inputs, folder = batch.discover([str(tmp_path / "missing.txt"), "-"])
    assert not folder
    assert [i.path for i in inputs] == [str(tmp_path / "missing.txt"), "-"]


@pytest.fixture
def unreadable(monkeypatch):
    """Folders made unreadable for this process, as chmod 000 does for anyone but root (the tests may run as root)."""
    import errno
    import os

    locked: set[Path] = set()
    real = os.scandir

    def scandir(path="."):
        if Path(path) in locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return locked


def test_a_folder_that_cannot_be_read_is_reported_not_skipped(tree, tmp_path, unreadable):
    # pathlib's glob passes over a folder it may not list without a word: its files were
    # missing from the outputs while the run said everything was converted
    unreadable.add(tree / "2022" / "09")
    r = invoke("extract", str(tree), "--output-dir", str(tmp_path / "out"), "-q", "-j", "1")
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tree / '2022' / '09'}: this folder cannot be read (Permission denied)"
                      " (check its permissions; the files in it were not converted)"]
    assert files_under(tmp_path / "out") == ["2022/08/a.json", "top.json"]


def test_a_folder_argument_that_cannot_be_read_says_so(tree, unreadable):
    unreadable.add(tree)
    r = invoke("extract", str(tree), "-q")
    assert r.exit_code == 1 and "this folder cannot be read" in r.stderr and "no files match" not in r.stderr


def test_an_unreadable_hidden_folder_is_skipped_like_any_hidden_folder(tree, tmp_path, unreadable):
    unreadable.add(tree / ".hidden")
    r = invoke("extract", str(tree), "--output-dir", str(tmp_path / "out"), "-q", "-j", "1")
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize("rel, suffix, expected", [
    ("a.txt", ".json", "out/a.json"),
    ("2022/08/a.txt", ".yaml", "out/2022/08/a.yaml"),
    ("noext", ".jsonl", "out/noext.jsonl"),
    ("stdin", ".json", "out/stdin.json"),
], ids=["file", "nested", "no-suffix", "stdin"])
def test_output_paths(rel, suffix, expected):
    [p] = batch.output_paths([batch.Input("x", PurePath(rel))], Path("out"), suffix)
    assert p.as_posix() == expected


# --------------------------------------------------------------------------- --output-dir


@pytest.mark.parametrize("fmt", ["json", "yaml", "jsonl"])
def test_output_dir_mirrors_the_input_tree(tree, tmp_path, fmt):
    out = tmp_path / "out"
    r = invoke("extract", str(tree), "--output-dir", str(out), "-f", fmt, "-q")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""  # data went to the files
    assert files_under(out) == sorted([f"top.{fmt}", f"2022/08/a.{fmt}", f"2022/09/b.{fmt}"])


def test_per_file_output_equals_single_file_stdout(tree, tmp_path):
    out = tmp_path / "out"
    invoke("extract", str(tree), "--output-dir", str(out), "-q", "-j", "2")
    single = invoke("extract", str(tree / "top.txt"), "-q").stdout
    assert (out / "top.json").read_text(encoding="utf-8") == single


def test_no_temp_files_are_left(tree, tmp_path):
    out = tmp_path / "out"
    invoke("extract", str(tree), "--output-dir", str(out), "-q")
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or p.name.endswith(gio.TMP_SUFFIX)]


def test_skip_existing_skips_unchanged_inputs_only(tree, tmp_path):
    out = tmp_path / "out"
    invoke("extract", str(tree), "--output-dir", str(out), "-q")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    (tree / "top.txt").write_text(NOTICE + "\n附件：体育公园名单\n", encoding="utf-8")  # changed input
    (out / "2022" / "09" / "b.json").unlink()  # lost output
    r = invoke("extract", str(tree), "--output-dir", str(out), "--skip-existing", "-j", "1")
    assert r.exit_code == 0
    assert "skipped" in r.stderr
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    assert after[out / "2022" / "08" / "a.json"] == before[out / "2022" / "08" / "a.json"]  # untouched
    assert after[out / "top.json"] != before[out / "top.json"]  # redone
    assert (out / "2022" / "09" / "b.json").exists()  # completed
    sha = json.loads((out / "top.json").read_text(encoding="utf-8"))["source"]["sha256"]
    assert batch.recorded_sha256(out / "top.json") == sha


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_recorded_sha256_reads_every_format(tree, tmp_path, fmt):
    out = tmp_path / "o"
    invoke("extract", str(tree / "top.txt"), "--output-dir", str(out), "-f", fmt, "-q")
    import hashlib

    assert batch.recorded_sha256(out / f"top.{fmt}") == hashlib.sha256((tree / "top.txt").read_bytes()).hexdigest()


def test_write_atomic_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def boom(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(gio.os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        gio.write_atomic(target, "new and longer")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_written_files_get_normal_permissions(tmp_path):
    gio.write_atomic(tmp_path / "a.json", "{}")
    mode = (tmp_path / "a.json").stat().st_mode & 0o777
    assert mode & 0o044  # readable by others as with open(), not mkstemp's 0600


def test_an_output_whose_name_fits_is_written_even_when_a_temp_name_beside_it_would_not(tmp_path):
    # a title as file name: 78 characters are 234 bytes of UTF-8, the output name 239 of the
    # 255 a name may have; ".<name>.XXXXXXXX.govdoc-tmp" beside it used to be 260 (ENAMETOOLONG)
    title = "荆州市人民政府办公室关于印发荆州市工程建设领域保障农民工工资支付暂行办法的通知" * 2
    d = tmp_path / "in"
    d.mkdir()
    (d / f"{title}.txt").write_text(NOTICE, encoding="utf-8")
    assert len(f"{title}.json".encode()) <= 255
    r = invoke("extract", str(d), "--output-dir", str(tmp_path / "out"), "-q")
    assert r.exit_code == 0, r.stderr
    assert files_under(tmp_path / "out") == [f"{title}.json"]
    r = invoke("extract", str(d / f"{title}.txt"), "-o", str(tmp_path / f"{title}.json"), "-q")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / f"{title}.json").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_interrupted_batch_leaves_only_complete_files(tmp_path, sig):
    src = tmp_path / "in"
    src.mkdir()
    sample = min((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"), key=lambda p: p.stat().st_size)
    text = sample.read_bytes()
    for k in range(40):
        (src / f"f{k:03}.txt").write_bytes(text)
    out = tmp_path / "out"
    p = subprocess.Popen([sys.executable, "-m", "govdoc_extract", "extract", str(src), "--output-dir", str(out),
                          "-j", "2", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.json"))) < 2:
        time.sleep(0.05)
    p.send_signal(sig)
    _, err = p.communicate(timeout=120)
    done = sorted(out.glob("*"))
    assert p.returncode in (130, 0), err  # 0 only if it finished before the signal
    for f in done:
        assert not f.name.startswith("."), f"temp file left: {f.name}"
        json.loads(f.read_text(encoding="utf-8"))  # every file is complete
    if p.returncode == 130:
        assert b"interrupted" in err and b"--skip-existing" in err
        assert b"Traceback" not in err
        r = invoke("extract", str(src), "--output-dir", str(out), "-q", "--skip-existing")
        assert r.exit_code == 0
        assert len(list(out.glob("*.json"))) == 40


# --------------------------------------------------------------------------- run()


def test_run_yields_in_input_order_whatever_the_jobs(tree):
    inputs, _ = batch.discover([str(tree)])
    tasks = [batch.Task(index=k, path=i.path, fmt="json", want_data=True) for k, i in enumerate(inputs)]
    seq = [o.path for o in batch.run(tasks, jobs=1)]
    par = [o.path for o in batch.run(tasks, jobs=3)]
    assert seq == par == [i.path for i in inputs]


def test_worker_never_raises_on_bad_input(tmp_path):
    o = batch.work(batch.Task(index=0, path=str(tmp_path), fmt="json"))
    assert o.status == "failed" and "directory" in o.error


# --------------------------------------------------------------------------- CSV


def test_csv_tables_with_bom_and_headers(tree, tmp_path):
    out = tmp_path / "tables"
    r = invoke("extract", str(tree), "-f", "csv", "--output-dir", str(out), "-q")
    assert r.exit_code == 0 and r.stdout == ""
    assert files_under(out) == ["deadlines.csv", "documents.csv", "ratios.csv", "responsibilities.csv", "targets.csv"]
    for f in out.iterdir():
        raw = f.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f.name  # UTF-8 BOM for Excel
        header = next(csv.reader([raw[3:].decode("utf-8").splitlines()[0]]))
        if f.name != "documents.csv":
            assert header[:7] == ["source_path", "document_id", "document_title", "section_id",
                                  "span_start", "span_end", "span_line"]
    deadlines = next(csv.reader((out / "deadlines.csv").open(encoding="utf-8-sig")))
    assert "recurrence_freq" in deadlines and "recurrence" not in deadlines
    targets = next(csv.reader((out / "targets.csv").open(encoding="utf-8-sig")))
    assert "baseline_year" in targets and "baseline" not in targets


def test_csv_rows_follow_input_order_whatever_the_jobs(tree, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    invoke("extract", str(tree), "-f", "csv", "--output-dir", str(a), "-q", "-j", "1")
    invoke("extract", str(tree), "-f", "csv", "--output-dir", str(b), "-q", "-j", "3")
    for name in ("documents.csv", "responsibilities.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_work_restores_the_collector_after_success_and_failure(tree, tmp_path):
    import gc

    good = batch.Task(0, str(next(iter(sorted(tree.rglob("*.txt"))))), fmt="json")
    bad = batch.Task(1, str(tmp_path / "missing.txt"), fmt="json", missing="no such file")
    assert gc.isenabled()
    assert batch.work(good).status == "ok" and gc.isenabled()
    assert batch.work(bad).status == "failed" and gc.isenabled()


def _streamed_tasks(tmp_path: Path, n: int) -> list[batch.Task]:
    """``n`` tasks that send their data back (stdout, -o): the first input is the smallest, the others alike."""
    sample = min((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"), key=lambda p: p.stat().st_size)
    paths = [tmp_path / "0.txt"]
    paths[0].write_text(NOTICE, encoding="utf-8")
    for k in range(1, n):
        paths.append(tmp_path / f"{k}.txt")
        paths[-1].write_bytes(sample.read_bytes())
    return [batch.Task(index=k, path=str(p), fmt="jsonl", want_data=True) for k, p in enumerate(paths)]


def test_a_streamed_parallel_run_does_not_keep_the_results_it_has_yielded(tmp_path):
    # each result's data is the input's whole JSON: the run kept every one until it ended
    # (the list of futures held them), so a batch to stdout held its whole output in memory
    import gc
    import weakref

    refs = []
    for o in batch.run(_streamed_tasks(tmp_path, 6), jobs=2):
        refs.append(weakref.ref(o))
        del o
        gc.collect()
        assert sum(r() is not None for r in refs[:-1]) == 0, "results already written are still held"


def test_a_streamed_parallel_run_holds_few_results_waiting_for_their_turn(tmp_path):
    # results are written in input order; submitted largest first, the small first input ran last
    # and every other result waited in memory for it (nothing reached stdout until the end)
    import threading

    tasks = _streamed_tasks(tmp_path, 12)
    lock = threading.Lock()
    done, yielded, waiting = [0], [0], [0]

    def on_done(o) -> None:
        with lock:
            done[0] += 1
            waiting[0] = max(waiting[0], done[0] - yielded[0])

    for _ in batch.run(tasks, jobs=2, on_done=on_done):
        with lock:
            yielded[0] += 1
    assert yielded[0] == 12
    assert waiting[0] <= 5, f"{waiting[0]} results waited for an earlier input"
