"""Emit: the only module that knows output formats (JSON, JSONL, YAML, CSV) and the Rich summary.

Machine output is plain text written by the caller to stdout or a file; Rich is
used only for the human-facing progress bar and summary table, on stderr, and
imported lazily (as is PyYAML) so that ``govdoc extract FILE`` starts fast.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Callable, Iterable, Sequence, get_args, get_origin

from pydantic_core import to_json

from .models import Result

FORMATS = ("json", "jsonl", "yaml")
#: Formats of ``govdoc extract -f``: csv needs ``--output-dir`` (it writes several tables).
ALL_FORMATS = FORMATS + ("csv",)


def to_data(result: Result) -> dict:
    return result.model_dump(mode="json")


def dumps_json(data, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


_DUMPER = None


def _dumper():
    """A SafeDumper (libyaml's when available) that writes multi-line strings as blocks.

    Built on first use: PyYAML is imported lazily.
    """
    global _DUMPER
    if _DUMPER is None:
        import yaml

        class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
            pass

        def str_presenter(dumper, value: str):
            style = "|" if "\n" in value else None
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

        Dumper.add_representer(str, str_presenter)
        _DUMPER = Dumper
    return _DUMPER


def dumps_yaml(data) -> str:
    import yaml

    return yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=10_000)


def render_one(result: Result, fmt: str) -> str:
    """One result in one format, as a complete text ending with a newline.

    JSON is written by pydantic's serializer (several times faster than ``json.dumps``
    with indentation); it gives the same text as ``dumps_json(to_data(result))``, but for
    floats below 0.0001, which it writes without an exponent or with a shorter one
    (0.000025, 5e-7 where ``json.dumps`` writes 2.5e-05, 5e-07: the same numbers).
    """
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    if fmt == "jsonl":
        return result.model_dump_json() + "\n"
    if fmt == "yaml":
        return dumps_yaml(to_data(result))
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_one_bytes(result: Result, fmt: str) -> bytes:
    """:func:`render_one` encoded as UTF-8, for writing to a file.

    JSON comes straight from pydantic's serializer as bytes: no text copy of the
    output and no second encoding (the JSON of a large input is about eight
    times its characters, so this is the peak of memory for big files).
    """
    if fmt in ("json", "jsonl"):
        ser = type(result).__pydantic_serializer__
        return ser.to_json(result, indent=2 if fmt == "json" else None) + b"\n"
    return render_one(result, fmt).encode("utf-8")


def render(results: Sequence[Result], fmt: str) -> str:
    """Render results: JSON (object, or array when several), JSONL (one line each), YAML stream.

    Output is deterministic: same input → same bytes. (:func:`render_bytes` gives them
    encoded, as the command line writes them.)
    """
    return render_bytes(results, fmt).decode("utf-8")


def render_bytes(results: Sequence[Result], fmt: str) -> bytes:
    """:func:`render` encoded as UTF-8: what ``govdoc extract`` writes to stdout or ``-o``.

    Each result goes from pydantic's serializer to the output as bytes: a text copy of
    JSON that is mostly Chinese costs more to decode (and encode again) than to serialize.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = io.BytesIO()
    s = Stream(fmt, out.write, many=len(results) != 1)
    for r in results:
        s.add(render_one_bytes(r, fmt))
    s.close()
    return out.getvalue()


class Stream:
    r"""Join results rendered one at a time (:func:`render_one_bytes`) as :func:`render_bytes` joins them.

    ``many`` picks the JSON shape: one object, or an array written incrementally,
    so a batch to stdout never holds every result in memory, and workers can
    render in parallel.

    >>> buf = io.BytesIO(); s = Stream("json", buf.write, many=True)
    >>> s.add(dumps_json({"甲": 1}).encode() + b"\n"); s.add(dumps_json({"b": [2]}).encode() + b"\n"); s.close()
    >>> buf.getvalue().decode() == dumps_json([{"甲": 1}, {"b": [2]}]) + "\n"
    True
    """

    def __init__(self, fmt: str, write: Callable[[bytes], object], *, many: bool) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt, self.write, self.many, self.n = fmt, write, many, 0

    def add(self, one: bytes) -> None:
        """Append one result rendered by :func:`render_one_bytes` in this stream's format."""
        first = self.n == 0
        self.n += 1
        if self.fmt == "yaml":
            self.write(one if first else b"---\n" + one)
        elif self.fmt == "json" and self.many:
            # the same bytes as json.dumps(list, indent=2): each item indented one level
            # (JSON strings never hold a raw line break, and no byte of a UTF-8 sequence
            # is 0x0A, so every b"\n" is layout)
            self.write((b"[\n  " if first else b",\n  ") + one.rstrip(b"\n").replace(b"\n", b"\n  "))
        else:
            self.write(one)

    def close(self) -> None:
        if self.fmt == "json" and self.many:
            self.write(b"[]\n" if self.n == 0 else b"\n]\n")


def schema() -> dict:
    return Result.model_json_schema()


# --------------------------------------------------------------------------- CSV

#: CSV table name → Document field holding its records (documents.csv is built separately).
CSV_TABLES = {"targets": "targets", "deadlines": "deadlines", "responsibilities": "responsibilities", "ratios": "ratios"}

#: Columns every record row starts with: where it comes from, then the record's own common fields.
_LEAD = ("source_path", "document_id", "document_title", "section_id", "span_start", "span_end", "span_line",
         "id", "text", "sentence", "rule")
_COMMON = {"id", "text", "span", "section_id", "sentence", "rule"}

_DOC_COLUMNS = ("source_path", "source_sha256", "source_encoding", "bulletin_title", "bulletin_issue",
                "document_id", "title", "doc_type", "doc_number", "issuers", "addressees", "date",
                "attachments", "span_start", "span_end", "span_line", "n_sections",
                "n_targets", "n_deadlines", "n_responsibilities", "n_ratios", "n_references", "n_amounts")

#: List separator in cells: the enumeration comma the documents themselves use.
LIST_SEP = "、"


def _model_of(annotation):
    """The pydantic model inside ``Optional[Model]`` / ``Model``, else None."""
    from pydantic import BaseModel

    for a in (annotation, *get_args(annotation)):
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
    return None


def record_columns(model) -> tuple[str, ...]:
    """Columns of one record table, derived from the contract model (nested objects flattened).

    >>> from govdoc_extract import models
    >>> cols = record_columns(models.Deadline)
    >>> "recurrence_freq" in cols and "anchor" in cols and "span_start" in cols
    True
    """
    cols = list(_LEAD)
    for name, info in model.model_fields.items():
        if name in _COMMON:
            continue
        sub = _model_of(info.annotation) if get_origin(info.annotation) is not list else None
        if sub is not None:
            cols.extend(f"{name}_{k}" for k in sub.model_fields)
        else:
            cols.append(name)
    return tuple(cols)


def cell(value) -> str:
    """One CSV cell: '' for null, lists joined with 、, numbers as in JSON.

    >>> cell(None), cell(True), cell(["荆州市财政局", "荆州市人社局"]), cell(0.1), cell([1, 1]), cell(2.5e-05)
    ('', 'true', '荆州市财政局、荆州市人社局', '0.1', '1、1', '0.000025')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(cell(v) for v in value)
    if isinstance(value, dict):
        return dumps_json(value, indent=None)
    if isinstance(value, float):  # as the JSON output has it (its serializer's, not str's: 5e-7, 0.000025)
        return to_json(value).decode("ascii")
    return str(value)


def csv_rows(result: Result) -> dict[str, list[list[str]]]:
    """One result → rows of ``documents`` and each record table (cells as strings)."""
    data = to_data(result)
    src = data["source"]
    bul = data.get("bulletin") or {}
    out: dict[str, list[list[str]]] = {"documents": []}
    from . import models as m

    models = {"targets": m.Target, "deadlines": m.Deadline, "responsibilities": m.Responsibility, "ratios": m.Ratio}
    for table in CSV_TABLES:
        out[table] = []
    for d in data["documents"]:
        sp = d["span"]
        dn = d.get("doc_number") or {}
        row = {
            "source_path": src["path"], "source_sha256": src["sha256"], "source_encoding": src["encoding"],
            "bulletin_title": bul.get("title"), "bulletin_issue": bul.get("issue"),
            "document_id": d["id"], "title": d.get("title"), "doc_type": d.get("doc_type"),
            "doc_number": dn.get("text"), "issuers": d.get("issuers"), "addressees": d.get("addressees"),
            "date": d.get("date"), "attachments": d.get("attachments"),
            "span_start": sp["start"], "span_end": sp["end"], "span_line": sp["line"],
            "n_sections": _count_sections(d.get("sections") or []),
            **{f"n_{k}": len(d.get(k) or []) for k in ("targets", "deadlines", "responsibilities", "ratios", "references",
                                                       "amounts")},
        }
        out["documents"].append([cell(row.get(c)) for c in _DOC_COLUMNS])
        for table, fieldname in CSV_TABLES.items():
            cols = record_columns(models[table])
            for r in d.get(fieldname) or []:
                flat = {"source_path": src["path"], "document_id": d["id"], "document_title": d.get("title"),
                        "span_start": r["span"]["start"], "span_end": r["span"]["end"],
                        "span_line": r["span"]["line"]}
                for k, v in r.items():
                    if k == "span":
                        continue
                    if isinstance(v, dict):
                        flat.update({f"{k}_{kk}": vv for kk, vv in v.items()})
                    else:
                        flat[k] = v
                out[table].append([cell(flat.get(c)) for c in cols])
    return out


def _count_sections(sections: list) -> int:
    return sum(1 + _count_sections(s.get("children") or []) for s in sections)


def csv_headers() -> dict[str, tuple[str, ...]]:
    from . import models as m

    models = {"targets": m.Target, "deadlines": m.Deadline, "responsibilities": m.Responsibility, "ratios": m.Ratio}
    return {"documents": _DOC_COLUMNS, **{t: record_columns(models[t]) for t in CSV_TABLES}}


def render_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A CSV table as text (the caller writes it with encoding ``utf-8-sig``: Excel needs the BOM)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


# --------------------------------------------------------------------------- human output (stderr)


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def summary_table(summary, *, title: str = "govdoc summary"):
    """The closing table: inputs, documents, records per kind, warnings, failures, time."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, show_header=False, title_justify="left")
    t.add_column("what", style="bold")
    t.add_column("count", justify="right")
    t.add_row("inputs", str(summary.inputs))
    t.add_row("converted", str(summary.ok))
    if summary.skipped:
        t.add_row("skipped (up to date)", str(summary.skipped))
    t.add_row("failed", f"[red]{len(summary.failed)}[/red]" if summary.failed else "0")
    t.add_row("documents", str(summary.documents))
    for k, n in summary.records.items():
        t.add_row(k, str(n))
    t.add_row("warnings", str(summary.warnings))
    t.add_row("characters", f"{summary.chars:,}")
    secs = summary.seconds
    rate = f" ({summary.chars / secs / 1e6:.2f} M chars/s)" if secs > 0 and summary.chars else ""
    t.add_row("time", f"{secs:.2f} s{rate}")
    from .errors import one_line  # a name's control characters and bytes that are not UTF-8, escaped

    for path, err in summary.failed[:20]:
        line = err if err.startswith(path) else f"{path}: {err}"
        # fold: a path longer than the column goes on over the next lines (cut with …, it named no file)
        t.add_row("[red]failed[/red]", Text(one_line(line), justify="left", overflow="fold"))
    if len(summary.failed) > 20:
        t.add_row("[red]failed[/red]", f"… and {len(summary.failed) - 20} more (see the error lines above)")
    return t


#: Below this many columns the progress line leaves out its label, the bar and the elapsed time.
_NARROW = 60


def _progress_columns(width: int) -> list:
    """The progress line: files done/total, throughput and ETA; the label, the bar and the elapsed time if it fits.

    Rich shares a narrow line among all columns and cuts each: at 40 columns the whole set
    read 'converting ╸  2… 234.4 files/s 0… eta -…', the count and the ETA lost.
    The narrow set takes about 35 columns.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    rate, eta = TextColumn("{task.fields[rate]}"), [TextColumn("eta"), TimeRemainingColumn()]
    if width < _NARROW:
        return [MofNCompleteColumn(), rate, *eta]
    return [TextColumn("converting"), BarColumn(), MofNCompleteColumn(), rate, TimeElapsedColumn(), *eta]


class Progress:
    """A Rich progress bar on stderr (files done/total, throughput, ETA), or nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if not enabled:
            return
        from rich.progress import Progress as RichProgress

        console = stderr_console()
        self.bar = RichProgress(*_progress_columns(console.width), console=console, transient=True)
        self.task = self.bar.add_task("convert", total=total, rate="")
        self.chars = 0

    def __enter__(self) -> "Progress":
        return self

    def start(self) -> None:
        """Start drawing (a thread): call once worker processes exist."""
        if self.bar:
            self.bar.start()

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def advance(self, chars: int = 0) -> None:
        if not self.bar:
            return
        self.chars += chars
        task = self.bar.tasks[0]
        el = task.elapsed or 0
        files = task.completed + 1
        rate = f"{files / el:.1f} files/s" if el > 0 else ""
        self.bar.update(self.task, advance=1, rate=rate)

    def echo(self, line: str) -> None:
        """Print a diagnostic line on stderr without breaking the bar."""
        if self.bar:  # as it is: no markup ([red]), no emoji (:x: in a file name would become ❌)
            self.bar.console.print(line, markup=False, emoji=False, highlight=False, soft_wrap=True)
        else:
            import sys

            sys.stderr.write(line + "\n")
