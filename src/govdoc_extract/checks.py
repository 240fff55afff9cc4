"""Contract invariants beyond what pydantic checks (OUTPUT.md), on plain output data.

:func:`check` works on the JSON data of one result (``emit.to_data`` or a parsed
output file) so that the same code guards the pipeline in tests and checks
files on disk in ``govdoc validate``. It returns a list of problems, one short
message each; an empty list means the result keeps the contract:

* document ids are ``d1, d2, …`` and the documents are in source order;
* ids are paths: a section's id extends its parent's (or its document's) by one
  step, a record's id its document's; record ids are unique in the file;
  section ids are unique and every ``section_id`` names a section of its document;
* every record's ``sentence`` holds its ``text`` (both folded as for the span invariant);
* ``source.sha256`` is 64 hex digits, dates are ISO ``YYYY-MM-DD`` and every warning
  code is in the catalogue (:class:`~govdoc_extract.errors.W`);
* every span lies inside the source (``0 <= start < end <= n_chars``) and every
  record span inside its document's span;
* given the source text: ``n_chars`` matches, every ``line`` is the line of
  ``start``, and every ``text`` is faithful to its span (the span invariant,
  :func:`~govdoc_extract.text.offsets.span_is_faithful`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Iterator, NamedTuple, Optional

from .errors import W

#: Document fields holding records with ``text`` + ``span`` (checked for faithfulness).
RECORD_FIELDS = ("targets", "deadlines", "responsibilities", "ratios", "references", "amounts")
#: Record lists whose ids share one namespace in the file.
ID_FIELDS = ("targets", "deadlines", "responsibilities", "ratios", "amounts")
#: Every code a result may carry: an output with another one was not written by this contract's govdoc.
WARNING_CODES = frozenset(w.name for w in W)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Span(NamedTuple):
    start: int
    end: int
    line: int


def iter_sections_under(parent_id: str, sections: list) -> Iterator[tuple[str, dict]]:
    """``(parent id, section)`` for every section of a tree, depth first; the top level's parent is the document.

    >>> [(p, s["id"]) for p, s in iter_sections_under("d1", [{"id": "d1/i1", "children": [{"id": "d1/i1/ii1"}]}])]
    [('d1', 'd1/i1'), ('d1/i1', 'd1/i1/ii1')]
    """
    for s in sections:
        yield parent_id, s
        yield from iter_sections_under(s.get("id"), s.get("children") or [])


def is_child_id(child: object, parent: object) -> bool:
    """``child`` is ``parent`` plus one path step (``d1/ch2`` under ``d1``; not ``d1``, ``d1/`` or ``d1/ch2/art1``)."""
    if not (isinstance(child, str) and isinstance(parent, str) and child.startswith(parent + "/")):
        return False
    step = child[len(parent) + 1:]
    return bool(step) and "/" not in step


def is_iso_date(value: object) -> bool:
    """``YYYY-MM-DD`` naming a real day (``date.fromisoformat`` alone also takes ``20220917``)."""
    if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:  # 2022-02-30
        return False
    return True


def iter_records(doc: dict) -> Iterator[tuple[str, dict]]:
    """``(field, record)`` for every record of a document, field by field."""
    for f in RECORD_FIELDS:
        for r in doc.get(f) or []:
            yield f, r


def check(data: dict, source: Optional[str] = None) -> list[str]:
    """Problems of one result; ``source`` (the decoded source text) enables the span checks.

    >>> ok = {"source": {"n_chars": 6, "sha256": 64 * "0"},
    ...       "documents": [{"id": "d1", "span": {"start": 0, "end": 6, "line": 1}, "sections": [],
    ...                      "targets": [{"id": "d1/t1", "text": "建成5个", "section_id": None,
    ...                                   "span": {"start": 2, "end": 6, "line": 1}}]}], "warnings": []}
    >>> check(ok, "到年建成5个。")
    ['source: n_chars is 6 but the source has 7 characters']
    >>> check(ok, "到年建成5个")
    []
    >>> ok["documents"][0]["targets"][0]["text"] = "建成6个"
    >>> check(ok, "到年建成5个")
    ["d1/t1 (targets): text '建成6个' is not faithful to source[2:6] '建成5个'"]
    """
    from .text.offsets import fold

    problems: list[str] = []
    add = problems.append
    n_chars = (data.get("source") or {}).get("n_chars")
    sha256 = (data.get("source") or {}).get("sha256")
    if not (isinstance(sha256, str) and _SHA256.fullmatch(sha256)):
        add(f"source: sha256 {_short(str(sha256))!r} is not 64 lowercase hex digits")
    line_starts = None
    if source is not None:
        from .text.offsets import line_starts_of, span_is_faithful

        line_starts = line_starts_of(source)
        if n_chars != len(source):
            add(f"source: n_chars is {n_chars} but the source has {len(source)} characters")
        n_chars = len(source)

    def span_ok(where: str, sp: Optional[dict], text: Optional[str] = None,
                inside: Optional[dict] = None) -> None:
        if not sp:
            add(f"{where}: no span")
            return
        s, e = sp.get("start"), sp.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e and (n_chars is None or e <= n_chars)):
            add(f"{where}: span {s}:{e} is outside the source (n_chars {n_chars})")
            return
        if inside and not (inside["start"] <= s and e <= inside["end"]):
            add(f"{where}: span {s}:{e} is outside its document {inside['start']}:{inside['end']}")
        if source is None or line_starts is None:
            return
        line = bisect_right(line_starts, s)
        if sp.get("line") != line:
            add(f"{where}: span line is {sp.get('line')} but offset {s} is on line {line}")
        if text is not None and not span_is_faithful(source, text, _Span(s, e, line)):
            add(f"{where}: text {_short(text)!r} is not faithful to source[{s}:{e}] {_short(source[s:e])!r}")

    def date_ok(where: str, name: str, value: object) -> None:
        if value is not None and not is_iso_date(value):
            add(f"{where}: {name} {value!r} is not an ISO date (YYYY-MM-DD)")

    record_ids: dict[str, str] = {}
    previous: Optional[dict] = None
    for i, doc in enumerate(data.get("documents") or [], 1):
        did = doc.get("id")
        if did != f"d{i}":
            add(f"document {i}: id is {did!r}, expected 'd{i}'")
        dspan = doc.get("span")
        span_ok(f"{did}", dspan)
        inside = dspan if dspan and isinstance(dspan.get("start"), int) else None
        if previous and inside and inside["start"] <= previous["start"]:
            add(f"{did}: span {inside['start']}:{inside['end']} does not come after the previous document's "
                f"{previous['start']}:{previous['end']} (documents are in source order)")
        previous = inside or previous
        date_ok(f"{did}", "date", doc.get("date"))
        section_ids: set[Optional[str]] = set()
        for parent, s in iter_sections_under(did, doc.get("sections") or []):
            sid = s.get("id")
            if sid in section_ids:
                add(f"{sid}: duplicate section id")
            elif not is_child_id(sid, parent):
                add(f"{sid!r} (section): id is not a path one step under {parent!r}")
            section_ids.add(sid)
            span_ok(f"{sid} (section)", s.get("span"), s.get("text") or None, inside)
        for fieldname, r in iter_records(doc):
            rid = r.get("id") or f"{did}/{fieldname}?"
            if fieldname in ID_FIELDS and "id" in r:
                if rid in record_ids:
                    add(f"{rid}: duplicate record id (also in {record_ids[rid]})")
                elif not is_child_id(r["id"], did):  # the raw id: rid stands in for an empty one
                    add(f"{r['id']!r} ({fieldname}): id is not a path one step under its document {did!r}")
                record_ids[rid] = fieldname
            sec = r.get("section_id")
            if sec is not None and sec not in section_ids:
                add(f"{rid} ({fieldname}): section_id {sec!r} is not a section of {did}")
            text, sentence = r.get("text"), r.get("sentence")
            if isinstance(text, str) and isinstance(sentence, str) and fold(text) not in fold(sentence):
                add(f"{rid} ({fieldname}): sentence {_short(sentence)!r} does not hold its text {_short(text)!r}")
            if fieldname == "deadlines":
                date_ok(f"{rid} ({fieldname})", "date", r.get("date"))
                date_ok(f"{rid} ({fieldname})", "end_date", r.get("end_date"))
            span_ok(f"{rid} ({fieldname})", r.get("span"), r.get("text"), inside)
    for j, w in enumerate(data.get("warnings") or [], 1):
        if w.get("code") not in WARNING_CODES:
            add(f"warning {j}: code {w.get('code')!r} is not in the catalogue (W101 … W402)")
        if w.get("span"):
            span_ok(f"warning {j} ({w.get('code')})", w["span"])
    return problems


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
