"""The ``govdoc`` command: thin Typer wrappers over :mod:`api`, :mod:`batch`, :mod:`emit` and :mod:`validate`.

Conventions (shell and CI friendly): stdout carries data only; every diagnostic
goes to stderr as one line (``error: <path>: <reason> (<hint>)``,
``warning: …``); exit codes are 0 (all good), 1 (some inputs failed or did not
validate), 2 (usage error), 130 (interrupted). Heavy modules (the pipeline,
Rich, PyYAML, jsonschema) are imported only by the commands that need them.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Structured records from Chinese government bulletin text (政府公报).\n\n"
    "Example: govdoc extract samples/ --output-dir out/ && govdoc validate out/",
)

_DEBUG = False


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"govdoc {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """govdoc: 政府公报 text → documents, sections, targets, deadlines, responsibilities, ratios.

    Example: govdoc extract samples/000_928dc353425f6f36.txt > out.json
    """


def _err(line: str) -> None:
    sys.stderr.write(_printable(line) + "\n")


def _printable(line: str) -> str:
    """A diagnostic line as a terminal shows it (:func:`errors.one_line`: a file name's control characters
    and bytes that are not UTF-8 escaped)."""
    from .errors import one_line

    return one_line(line)


def _usage(msg: str) -> typer.Exit:
    _err(f"error: {msg}")
    return typer.Exit(2)


_SIZE = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _parse_size(text: str) -> int:
    """``512M`` → bytes (K, M, G are powers of 1024; a bare number is bytes)."""
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    unit = t[-1:] if t[-1:] in _SIZE else ""
    try:
        n = float(t[: len(t) - len(unit)])
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a size; write e.g. 200M, 1G or 1000000") from None
    if not math.isfinite(n):  # float() takes "inf" and "nan"
        raise typer.BadParameter(f"{text!r} is not a size; write e.g. 200M, 1G or 1000000")
    if n <= 0:
        raise typer.BadParameter("must be positive")
    if n * _SIZE[unit] < 1:  # (it would round down to 0 bytes and refuse every input)
        raise typer.BadParameter(f"{text!r} is less than one byte")
    return int(n * _SIZE[unit])


def _stdout_bytes():
    """A writer of data bytes to stdout: UTF-8 whatever the locale, with no text copy on the way."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout (a program that replaced sys.stdout with a StringIO)
        return lambda data: sys.stdout.write(data.decode("utf-8"))
    sys.stdout.flush()
    return buffer.write


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., show_default=False,
                                       help="text files, folders (searched recursively) or - for stdin"),
    fmt: str = typer.Option("json", "-f", "--format", help="json | jsonl | yaml | csv (csv needs --output-dir)"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="write all results to this file instead of stdout (- is stdout)"),
    output_dir: Optional[Path] = typer.Option(None, "--output-dir", "-d",
                                              help="write one output per input here, mirroring the input tree"),
    glob: str = typer.Option("*.txt", "--glob", help="file pattern searched in folders"),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", help="parallel processes [default: CPU count]",
                                       show_default=False),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="no progress bar, warnings or summary on stderr"),
    summary: bool = typer.Option(False, "--summary",
                                 help="print the summary table (without -o/--output-dir: instead of the data)"),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="stop at the first input that fails"),
    skip_existing: bool = typer.Option(False, "--skip-existing",
                                       help="with --output-dir: skip inputs whose output records the same sha256"),
    max_bytes: str = typer.Option("256M", "--max-bytes", help="refuse larger inputs (e.g. 100M, 1G); peak memory is about 23-27× the input size"),
    only: Optional[str] = typer.Option(None, "--only", help="record kinds to extract, comma separated"),
    skip: Optional[str] = typer.Option(None, "--skip", help="record kinds not to extract, comma separated"),
    reference_date: Optional[str] = typer.Option(None, "--reference-date",
                                                 help="YYYY-MM-DD for relative dates when a document has no 成文日期"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks of unexpected errors"),
) -> None:
    """Extract records from bulletin text files, folders or stdin.

    One input prints one JSON object; several inputs (or a folder) print a JSON
    array, a YAML stream or JSONL lines, in input order whatever --jobs is.
    A bad input never stops the batch: it is reported on stderr and the exit
    code is 1. Empty inputs give a valid result with a warning.

    Example: govdoc extract samples/000_928dc353425f6f36.txt -f yaml -o out.yaml

    Example: govdoc extract archive/ --output-dir out/ -j 4 --skip-existing

    Example: govdoc extract archive/ -f csv --output-dir tables/

    Example: cat bulletin.txt | govdoc extract - -f jsonl
    """
    global _DEBUG
    _DEBUG = debug
    from . import batch

    fmt = fmt.lower()
    if output == Path("-"):  # `-o -`: stdout, as for curl and most tools (not a file named "-")
        output = None
    if fmt not in ("json", "jsonl", "yaml", "csv"):
        raise _usage(f"unknown format {fmt!r}; choose one of json, jsonl, yaml, csv")
    if output and output_dir:
        raise _usage("give either -o/--output (one file) or --output-dir (one file per input), not both")
    if fmt == "csv" and not output_dir:
        raise _usage("-f csv writes several tables; give --output-dir DIR")
    if skip_existing and (not output_dir or fmt == "csv"):
        raise _usage("--skip-existing needs --output-dir and a json, jsonl or yaml format")
    if jobs is not None and jobs < 1:
        raise _usage("--jobs must be 1 or more")
    if inputs.count("-") > 1:
        raise _usage("stdin (-) can be given only once")
    if output_dir and output_dir.exists() and not output_dir.is_dir():  # else every input fails on its own
        raise _usage(f"--output-dir {output_dir}: is a file, not a folder"
                     " (give a folder, or -o to write every result to one file)")
    options = _options(only, skip, reference_date, _parse_size(max_bytes), strict=debug)

    case_only: list[str] = []
    try:
        found, folder = batch.discover(inputs, glob, case_only=case_only)
    except batch.UsageError as e:
        raise _usage(str(e)) from None
    if not quiet:
        _note_case_only_matches(case_only, glob)
    stdin = None
    if "-" in inputs:
        stdin = sys.stdin.buffer.read(options.max_bytes + 1)
    per_file = bool(output_dir) and fmt != "csv"
    try:
        outs = (batch.output_paths(found, output_dir, batch.SUFFIX[fmt]) if per_file and output_dir is not None
                else [None] * len(found))
    except batch.UsageError as e:
        raise _usage(str(e)) from None
    _refuse_to_replace_an_input(found, output, output_dir, outs, fmt)
    to_stream = not output_dir and not (summary and not output)
    tasks = [
        batch.Task(index=k, path=i.path, fmt=fmt, out=str(o) if o else None, want_data=to_stream,
                   skip_existing=skip_existing, options=options, stdin=stdin if i.path == "-" else None,
                   missing=i.missing, hint=i.hint)
        for k, (i, o) in enumerate(zip(found, outs))
    ]
    single = len(tasks) == 1 and not folder
    code = _convert(tasks, fmt=fmt, output=output, output_dir=output_dir, many=not single, stream=to_stream,
                    jobs=jobs or batch.default_jobs(), quiet=quiet, show_summary=summary or (not single and not quiet),
                    fail_fast=fail_fast, warn=single and not quiet, debug=debug)
    raise typer.Exit(code)


def _note_case_only_matches(paths: list[str], glob: str) -> None:
    """One line on stderr naming the files left out only by the case of their names (not a failure)."""
    if not paths:
        return
    who = f"{paths[0]} and {len(paths) - 1} more file(s) match" if len(paths) > 1 else f"{paths[0]} matches"
    they = "they are" if len(paths) > 1 else "it is"
    _err(f"note: {who} --glob {glob!r} only when case is ignored: {they} not converted"
         f" (--glob {_case_free(glob)!r} takes {'them' if len(paths) > 1 else 'it'})")


def _case_free(glob: str) -> str:
    """``*.txt`` → ``*.[tT][xX][tT]``: the pattern matching either case of each letter.

    >>> _case_free("2022/*.txt")
    '2022/*.[tT][xX][tT]'
    """
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha() else c for c in glob)


def _refuse_to_replace_an_input(found, output: Optional[Path], output_dir: Optional[Path], outs, fmt: str) -> None:
    """Usage error when an output would be written over one of the inputs: nothing is lost, nothing runs."""
    from . import batch, emit

    targets = [Path(output)] if output else [o for o in outs if o is not None]
    if fmt == "csv" and output_dir:
        targets += [Path(output_dir) / f"{name}.csv" for name in emit.csv_headers()]
    clash = batch.replaced_input(found, targets)
    if clash:
        raise _usage(f"{clash[0]}: the output {clash[1]} would replace this input"
                     " (write the outputs elsewhere, or choose a --glob that leaves them out)")


def _options(only: Optional[str], skip: Optional[str], reference_date: Optional[str], max_bytes: int,
             strict: bool = False):
    from datetime import date

    from . import api  # the pipeline: imported here, with the collector off (see main)

    _imports_done()
    ref = None
    if reference_date:
        try:
            ref = date.fromisoformat(reference_date)
        except ValueError:
            raise _usage(f"--reference-date: {reference_date!r} is not a date like 2024-06-30") from None
    try:  # (Options reads and checks the comma-separated kinds, for the library too)
        return api.Options(only=only or (), skip=skip or (), reference_date=ref, max_bytes=max_bytes, strict=strict)
    except ValueError as e:  # "only: unknown record kind(s) …": named as the option
        raise _usage(f"--{e}") from None


def _convert(tasks, *, fmt, output, output_dir, many, stream, jobs, quiet, show_summary, fail_fast, warn,
             debug) -> int:
    """Run the tasks, stream data to stdout / -o, write CSV tables, report on stderr; return the exit code."""
    from .io import output_file

    sink = None
    if output:  # streamed to a temp file beside the target, renamed over it at the end (io.output_file)
        try:
            sink = output_file(output, binary=True)
        except OSError as e:
            return _cannot_write(output, e)
    try:
        return _run_tasks(tasks, fmt=fmt, output=output, output_dir=output_dir, many=many, stream=stream,
                          jobs=jobs, quiet=quiet, show_summary=show_summary, fail_fast=fail_fast, warn=warn,
                          debug=debug, sink=sink)
    except _SinkFailed as e:  # the disk filled up while streaming to -o
        return _cannot_write(output, e.error)
    finally:
        if sink is not None:
            sink.abort()  # a no-op once committed: an interrupted or failed run keeps the old file


def _cannot_write(target, e: OSError) -> int:
    """One line for an output that could not be written (full disk, read-only folder); exit code 1."""
    _err(f"error: cannot write {target}: {e.strerror or e} (check free space and write permission; the inputs are fine)")
    return 1


class _SinkFailed(Exception):
    """Writing to the ``-o`` file failed (``error``, also the cause)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def _sink_writer(sink):
    def write(data: bytes) -> None:
        try:
            sink.write(data)
        except OSError as e:
            raise _SinkFailed(e) from e
    return write


def _run_tasks(tasks, *, fmt, output, output_dir, many, stream, jobs, quiet, show_summary, fail_fast, warn,
               debug, sink) -> int:
    import time

    from . import batch, emit
    from .io import write_atomic

    progress = emit.Progress(len(tasks), enabled=_progress_wanted(quiet, len(tasks), stream and sink is None))
    summary = batch.Summary()
    out = emit.Stream(fmt, (_sink_writer(sink) if sink else _stdout_bytes()), many=many) if stream else None
    tables: dict[str, list] = {}
    t0 = time.perf_counter()
    interrupted = False
    completed = [0]

    def finished(o) -> None:  # completion order (a pool thread when jobs > 1)
        completed[0] += 1
        progress.advance(o.stats.chars)

    old_term = _term_as_interrupt()
    try:
        with progress:
            for o in batch.run(tasks, jobs=jobs, fail_fast=fail_fast, on_start=progress.start, on_done=finished):
                summary.add(o)
                if o.status == "failed":
                    progress.echo(_printable(f"error: {o.error}"))
                    if debug and o.trace:  # (its lines are meant: a name that is not UTF-8 escaped only)
                        from .text.read import printable_path

                        progress.echo(printable_path(o.trace.rstrip()))
                    continue
                for w in o.warnings:
                    # a file's warnings are shown when it is the only one; a bug's (W304) always
                    if warn or (w.startswith("W304") and not quiet):
                        progress.echo(_printable(f"warning: {o.path}: {w}"))
                if out and o.data is not None:
                    out.add(o.data)
                if o.rows:
                    for name, rows in o.rows.items():
                        tables.setdefault(name, []).extend(rows)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        _restore_term(old_term)
    summary.seconds = time.perf_counter() - t0
    if interrupted:
        _err(f"error: interrupted after {completed[0]} of {len(tasks)} inputs; finished outputs are complete"
             + (" (rerun with --skip-existing to convert the rest)" if output_dir else ""))
        return 130
    if out:
        out.close()
    try:
        if sink is not None:
            sink.commit()
        if fmt == "csv" and output_dir:
            for name, header in emit.csv_headers().items():
                target = Path(output_dir) / f"{name}.csv"
                write_atomic(target, emit.render_csv(header, tables.get(name, [])), encoding="utf-8-sig")
    except OSError as e:  # full disk, read-only folder: one line, and the exit code says so
        # os.replace names the temp file first: the target is what the user asked for
        return _cannot_write(e.filename2 or e.filename or output or output_dir, e)
    if show_summary:
        emit.stderr_console().print(emit.summary_table(summary))
    return 1 if summary.failed or (fail_fast and summary.inputs < len(tasks)) else 0


def _progress_wanted(quiet: bool, inputs: int, data_to_stdout: bool) -> bool:
    """The progress bar is for a person watching several inputs at a terminal.

    Not with --quiet, not when stderr is not a terminal (a log file), and not when the
    data itself goes to that terminal: the bar redraws its line in place, erasing and
    overwriting the lines of data printed since (the data shows the progress anyway).
    """
    if quiet or inputs < 2 or not sys.stderr.isatty():
        return False
    return not (data_to_stdout and sys.stdout.isatty())


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _term_as_interrupt():
    """Treat SIGTERM (kill) like Ctrl-C during a run, so that it ends cleanly: no half-written files."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)


def _restore_term(old) -> None:
    if old is not None:
        import signal

        signal.signal(signal.SIGTERM, old)


@app.command()
def validate(
    outputs: List[Path] = typer.Argument(..., show_default=False,
                                         help="output files (.json, .jsonl, .yaml) or folders holding them"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="print only problems"),
) -> None:
    """Check output files against the JSON Schema and the OUTPUT.md invariants.

    The span invariant is checked too when the source file named in
    source.path exists (as given, or next to the output) and its sha256 matches.
    Prints one line per file (and one per problem); exit code 0 when all are valid, 1 otherwise.

    Example: govdoc validate out/*.json

    Example: govdoc extract samples/ -d out/ && govdoc validate out/
    """
    from .validate import _schema_checker, validate_file

    _imports_done()
    files: list[Path] = []
    for p in outputs:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in (".json", ".jsonl", ".yaml", ".yml")
                           and f.is_file())
            if not found:
                _err(f"error: {p}: no .json, .jsonl or .yaml files in this folder")
                raise typer.Exit(1)
            files.extend(found)
        else:
            files.append(p)
    checker = _schema_checker()

    def say(line: str) -> None:  # a file name that is not UTF-8 shows its bytes as \xNN, as source.path does
        sys.stdout.write(_printable(line.removesuffix("\n")) + "\n")

    bad = 0
    for f in files:
        rep = validate_file(f, checker)
        if rep.ok:
            if not quiet:
                say(f"ok: {f} ({rep.results} result{'s' if rep.results != 1 else ''})\n")
                for n in rep.notes:
                    say(f"note: {f}: {n}\n")
        else:
            bad += 1
            for e in rep.errors[:50]:
                say(f"error: {f}: {e}\n")
            if len(rep.errors) > 50:
                say(f"error: {f}: … and {len(rep.errors) - 50} more problems\n")
    if len(files) > 1 and not quiet:
        say(f"{len(files) - bad} of {len(files)} files valid\n")
    raise typer.Exit(1 if bad else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output.

    Example: govdoc schema > schemas/result.schema.json
    """
    from . import emit

    _imports_done()
    sys.stdout.write(emit.dumps_json(emit.schema()) + "\n")


def _imports_done() -> None:
    """A command has imported what it runs: freeze those objects and turn the collector on.

    :func:`main` starts with the cyclic collector off. Importing the pipeline (and the
    pydantic internals that Typer's parameter handling and the models pull in) builds
    tens of thousands of long-lived objects; the collector would walk them again and
    again while they are made, and at every full collection afterwards. Frozen, they are
    never scanned again (and forked workers share them untouched). About 30 ms of a
    one-page run. Every command calls this once its imports are done.
    """
    import gc

    gc.freeze()
    gc.enable()


def main() -> None:
    """Entry point: no tracebacks for users (unless --debug), quiet exit on a closed pipe."""
    import gc
    import os

    gc.disable()  # until the command's imports are done (_imports_done)

    # Pydantic looks for third-party plugins by reading the entry points of every
    # installed distribution when the first model class is built: 50-100 ms of a
    # one-page run, for hooks govdoc does not use. The command skips it unless the
    # user has set the variable (the library, imported by others, leaves it alone).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

    try:
        app()
    except BrokenPipeError:  # e.g. `govdoc extract … | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        sys.exit(1)
    except KeyboardInterrupt:
        _err("error: interrupted")
        sys.exit(130)
    except Exception as e:  # a bug outside the per-file guard
        if _DEBUG or "--debug" in sys.argv:
            raise
        _err(f"error: internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback and report it)")
        sys.exit(1)
