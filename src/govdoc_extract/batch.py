"""Batch conversion: many inputs → one output each (or one stream), in input order, in parallel.

The CLI is a thin layer over three functions here:

* :func:`discover` turns the command-line arguments (files, folders, ``-``) into
  an ordered list of :class:`Input` s, each knowing where its output goes;
* :func:`run` processes them with a process pool and yields one
  :class:`Outcome` per input **in input order**, so the output never depends
  on ``--jobs``;
* :class:`Summary` adds outcomes up for the closing table.

A worker never raises: a bad file becomes a failed :class:`Outcome` carrying the
one-line reason, so one broken input never stops the batch.
"""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Callable, Iterator, Optional, Sequence

from .errors import GovdocError

if TYPE_CHECKING:  # (the pipeline is imported by the workers, when they first run)
    from .api import Options

#: Extension of the per-input output file for each format.
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "yaml": ".yaml"}

#: Record lists of a Document counted in the summary (Document field names).
RECORD_FIELDS = ("targets", "deadlines", "responsibilities", "ratios", "references", "amounts")


class UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


@dataclass(frozen=True)
class Input:
    """One input: ``path`` as given or found (``-`` is stdin); ``rel`` names its output file."""

    path: str
    rel: PurePath
    missing: str = ""  # set when a folder argument matched nothing, or cannot be read: the reason to report
    hint: str = field(default="check the folder and --glob", repr=False)  # what to do about ``missing``


def discover(args: Sequence[str], glob: str = "*.txt",
             case_only: Optional[list[str]] = None) -> tuple[list[Input], bool]:
    """Expand arguments into inputs, in a deterministic order.

    Files are taken as given (output named after the file); folders are walked
    recursively for ``glob`` in sorted order (output mirrors the tree below the
    folder). Missing paths, and folders that cannot be read, are kept so that
    they fail with a clear message. The files that ``glob`` matches only when case
    is ignored are appended to ``case_only`` when it is given (see :func:`_survey`).
    Returns the inputs and whether any argument was a folder.

    >>> discover(["-"])
    ([Input(path='-', rel=PurePosixPath('stdin'), missing='')], False)
    """
    out: list[Input] = []
    folder = False
    for a in args:
        if a == "-":
            out.append(Input("-", PurePath("stdin")))
            continue
        p = Path(a)
        if p.is_dir():
            folder = True
            found = [Input(str(f), f.relative_to(p)) for f in _glob(p, glob)
                     if f.is_file() and not _hidden(f.relative_to(p))]
            unreadable, by_case = _survey(p, glob)
            if case_only is not None:
                case_only += by_case
            itself = next((u for u in unreadable if u.rel == PurePath()), None)
            if itself:  # (then nothing below it was walked)
                out.append(Input(a, PurePath(p.name or "input"), missing=itself.missing, hint=itself.hint))
                continue
            if not found and not unreadable:
                out.append(Input(a, PurePath(p.name or "input"), missing=f"no files match {glob!r} in this folder"))
            out.extend(sorted(found + unreadable, key=lambda i: i.rel.parts))
        else:
            out.append(Input(a, PurePath(p.name or a)))
    return out, folder


def _glob(folder: Path, pattern: str) -> list[Path]:
    """``folder.rglob(pattern)``; a pattern it refuses (an absolute one) is a usage error, not a bug."""
    try:
        return list(folder.rglob(pattern))
    except (ValueError, NotImplementedError):
        raise UsageError(f"--glob: {pattern!r} is not a pattern of names below a folder"
                         " (write a relative pattern such as '*.txt' or '2022/*.txt')") from None


def _survey(top: Path, glob: str) -> tuple[list[Input], list[str]]:
    """One walk of the folder ``top`` (hidden folders left out) for what pathlib's glob passes over
    without a word:

    * the folders that cannot be listed (``top`` included), as failed inputs: the files inside
      would be missing from the outputs while the run reported success;
    * the files that ``glob`` matches only when case is ignored (``公报.TXT`` for ``*.txt``):
      on Linux the glob leaves them out, which an archive from Windows does not expect. They
      are not converted (the pattern means what it says); the command names them.
    """
    errors: list[OSError] = []
    case_only = []
    pattern = glob.lower()
    for folder, dirs, files in os.walk(top, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            rel = Path(folder, name).relative_to(top)
            if not name.startswith(".") and not rel.match(glob) and PurePath(str(rel).lower()).match(pattern):
                case_only.append(str(Path(folder, name)))
    unreadable = [Input(str(e.filename), Path(e.filename).relative_to(top),
                        missing=f"this folder cannot be read ({e.strerror or e})",
                        hint="check its permissions; the files in it were not converted") for e in errors]
    return unreadable, case_only


def _hidden(rel: PurePath) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def output_paths(inputs: Sequence[Input], out_dir: Path, suffix: str) -> list[Path]:
    """``out_dir/<relative path with the output suffix>``; two inputs may not share an output.

    >>> [str(p) for p in output_paths([Input("a/x.txt", PurePath("x.txt"))], Path("out"), ".json")]
    ['out/x.json']
    """
    paths = [out_dir / i.rel.with_suffix(suffix) if i.rel.suffix else out_dir / (str(i.rel) + suffix) for i in inputs]
    seen: dict[Path, str] = {}
    for i, p in zip(inputs, paths):
        if p in seen and not i.missing:
            raise UsageError(
                f"{seen[p]} and {i.path} would both be written to {p}; pass their common folder instead"
            )
        seen[p] = i.path
    return paths


def replaced_input(inputs: Sequence[Input], outputs: Sequence[Path]) -> Optional[tuple[str, Path]]:
    """The first input that one of ``outputs`` is (the same file, even by another name), and that output.

    Writing it would lose the input: ``-o`` naming an input, or ``--output-dir`` set to the
    input folder with a ``--glob`` that matches the outputs' names.
    """
    ids: dict[tuple[int, int], str] = {}
    for i in inputs:
        if i.path != "-" and not i.missing:
            try:
                st = os.stat(i.path)
            except (OSError, ValueError):
                continue  # it fails later, with its reason
            ids[(st.st_dev, st.st_ino)] = i.path
    for out in outputs:
        try:
            st = os.stat(out)
        except (OSError, ValueError):
            continue  # not there yet: it is no input
        if (st.st_dev, st.st_ino) in ids:
            return ids[(st.st_dev, st.st_ino)], out
    return None


# --------------------------------------------------------------------------- work


@dataclass(frozen=True)
class Task:
    """What a worker needs: picklable, no open handles."""

    index: int
    path: str
    fmt: str  # json | jsonl | yaml | csv
    out: Optional[str] = None  # write the rendered result here (per-input output)
    want_data: bool = False  # send the rendered result back (stdout / -o stream)
    skip_existing: bool = False
    options: Optional[Options] = None  # None: api.DEFAULT
    stdin: Optional[bytes] = None
    missing: str = ""  # Input.missing and .hint: fail with them
    hint: str = ""


@dataclass
class Stats:
    """Counts for one result: what the summary table adds up."""

    documents: int = 0
    records: dict[str, int] = field(default_factory=dict)
    warnings: int = 0
    chars: int = 0


@dataclass
class Outcome:
    index: int
    path: str
    status: str  # ok | failed | skipped
    error: str = ""  # one line: "<path>: <reason> (<hint>)"
    trace: str = ""  # traceback text of an unexpected error (shown with --debug)
    stats: Stats = field(default_factory=Stats)
    warnings: list[str] = field(default_factory=list)  # "W101 message" lines
    data: Optional[bytes] = None  # emit.render_one_bytes output, when the task wants it
    rows: Optional[dict] = None  # csv: table name → list of rows
    seconds: float = 0.0


def stats_of(result) -> Stats:
    recs = {k: sum(len(getattr(d, k)) for d in result.documents) for k in RECORD_FIELDS}
    return Stats(documents=len(result.documents), records=recs, warnings=len(result.warnings),
                 chars=result.source.n_chars)


_SHA = re.compile(r"""sha256["']?\s*:\s*["']?([0-9a-f]{64})""")


def recorded_sha256(path: str | Path) -> Optional[str]:
    """The ``source.sha256`` recorded in an existing output (JSON, JSONL or YAML), read from its head.

    ``source`` comes right after ``schema_version`` in every format, so 4 KB is plenty.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except OSError:
        return None
    m = _SHA.search(head)
    return m.group(1) if m else None


def work(task: Task) -> Outcome:
    """Process one input; never raises (except KeyboardInterrupt)."""
    from . import api

    t0 = time.perf_counter()
    o = Outcome(task.index, task.path, "ok")
    try:
        with api.gc_paused():  # (reading, extracting and rendering make no reference cycles)
            _run(task, o)
    except GovdocError as e:
        o.status, o.error = "failed", str(e)
    except KeyboardInterrupt:
        raise
    except MemoryError:
        o.status, o.error = "failed", f"{task.path}: out of memory (lower --jobs or raise --max-bytes limits carefully)"
    except Exception as e:  # a bug: report it on one line, keep the batch going
        o.status = "failed"
        o.error = (f"{task.path}: internal error: {type(e).__name__}: {e}"
                   " (this is a bug in govdoc; rerun with --debug for the traceback and report it)")
        o.trace = traceback.format_exc()
    finally:
        o.seconds = time.perf_counter() - t0
    return o


def _run(task: Task, o: Outcome) -> None:
    """The steps of :func:`work`, filling ``o``; raises on failure."""
    from . import api, emit
    from .text.read import decode_bytes, read_path

    if task.missing:
        raise GovdocError(task.path, task.missing, task.hint)
    options = task.options if task.options is not None else api.DEFAULT
    if task.stdin is not None:
        if len(task.stdin) > options.max_bytes:
            from .errors import InputTooLarge

            # (stdin was read up to the limit and one byte: its size is unknown)
            raise InputTooLarge(task.path, f"input is over {options.max_bytes} bytes, the limit")
        src = decode_bytes(task.stdin, task.path)
    else:
        src = read_path(task.path, max_bytes=options.max_bytes)
    if task.skip_existing and task.out and recorded_sha256(task.out) == src.sha256:
        o.status = "skipped"
        return
    result = api.extract_source(src, options=options)
    o.stats = stats_of(result)
    o.warnings = [f"{w.code} {w.message}" for w in result.warnings]
    if task.fmt == "csv":
        o.rows = emit.csv_rows(result)
    elif task.out:
        from .errors import OutputNotWritten
        from .io import write_atomic

        try:
            write_atomic(task.out, emit.render_one_bytes(result, task.fmt))
        except OSError as e:  # full disk, read-only folder: not a bug, and not the input's fault
            raise OutputNotWritten(task.path, f"cannot write {e.filename2 or task.out}: {e.strerror or e}") from e
    if task.want_data:
        o.data = emit.render_one_bytes(result, task.fmt)


def _size(task: Task) -> int:
    if task.stdin is not None:
        return len(task.stdin)
    try:
        return os.stat(task.path).st_size
    except OSError:
        return 0


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: let the parent decide, so a worker
    # finishes (or atomically abandons) the file it is writing instead of dying mid-way.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _submission_order(tasks: Sequence[Task]) -> list[int]:
    """The order in which tasks are handed to the workers (results are yielded in task order anyway).

    Largest inputs first: fewer idle workers at the end. But not when the outcomes carry
    the rendered data (stdout, ``-o``): an outcome waits in memory until every input
    before it is done, and a small first input, run last, would keep the whole output
    there and write nothing until the end. In task order, only a few results wait.
    """
    if any(t.want_data for t in tasks):
        return list(range(len(tasks)))
    return sorted(range(len(tasks)), key=lambda k: -_size(tasks[k]))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run(tasks: Sequence[Task], *, jobs: int = 1, fail_fast: bool = False,
        on_done: Optional[Callable[[Outcome], None]] = None,
        on_start: Optional[Callable[[], None]] = None) -> Iterator[Outcome]:
    """Process tasks, yielding outcomes in task order (``on_done`` sees them as they complete).

    ``on_start`` runs once the workers exist (start threads such as a progress bar
    there, not before: forking a process while another thread holds a lock is unsafe).
    With ``fail_fast`` the run stops after the first failure in task order.
    """
    o: Optional[Outcome]
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        if on_start:
            on_start()
        for t in tasks:
            o = work(t)
            if on_done:
                on_done(o)
            yield o
            if fail_fast and o.status == "failed":
                return
        return

    import multiprocessing as mp
    from concurrent.futures import CancelledError, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork: workers inherit the already imported package (fast start); elsewhere the default
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() and sys.platform != "darwin" else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init)
    futures: list = []

    def done(f) -> None:  # runs in the pool's thread, in completion order
        if f.cancelled() or f.exception():
            return
        o = f.result()
        if on_done:
            on_done(o)
        if fail_fast and o.status == "failed":
            for g in futures:
                if g is not None:
                    g.cancel()  # only those not yet running

    try:
        futures.extend([None] * len(tasks))
        for k in _submission_order(tasks):
            futures[k] = pool.submit(work, tasks[k])
        for f in futures:
            f.add_done_callback(done)
        if on_start:
            on_start()
        broken = False
        for k, t in enumerate(tasks):
            o = None
            try:
                if not broken:
                    o = futures[k].result()
                    # the consumer has it now: kept here, every result of the batch (its whole
                    # output, when results carry data) would stay in memory until the end
                    futures[k] = None
            except CancelledError:  # fail-fast cancelled the rest: report the failure that did it
                for g in futures:
                    if (g is not None and g.done() and not g.cancelled() and not g.exception()
                            and g.result().status == "failed"):
                        yield g.result()
                        break
                return
            except BrokenProcessPool:
                broken = True
            if o is None:  # a worker was killed (OOM killer, kill -9): the pool is gone
                o = Outcome(t.index, t.path, "failed",
                            error=f"{t.path}: not converted: a worker process died"
                                  " (killed, or out of memory; rerun with fewer --jobs or a lower --max-bytes)")
            yield o
            if fail_fast and o.status == "failed":
                return
    finally:
        # normal end, fail-fast, Ctrl-C or a closed consumer: drop what has not started,
        # wait for running workers (each finishes or abandons its file atomically)
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- summary


@dataclass
class Summary:
    """Totals over a run, for the summary table."""

    inputs: int = 0
    ok: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line error)
    documents: int = 0
    records: dict[str, int] = field(default_factory=lambda: {k: 0 for k in RECORD_FIELDS})
    warnings: int = 0
    chars: int = 0
    seconds: float = 0.0

    def add(self, o: Outcome) -> None:
        self.inputs += 1
        if o.status == "failed":
            self.failed.append((o.path, o.error))
            return
        if o.status == "skipped":
            self.skipped += 1
            return
        self.ok += 1
        self.documents += o.stats.documents
        for k, n in o.stats.records.items():
            self.records[k] = self.records.get(k, 0) + n
        self.warnings += o.stats.warnings
        self.chars += o.stats.chars
