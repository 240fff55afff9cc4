"""Contract invariants beyond what pydantic checks (OUTPUT.md), on plain output data.

:func:`check` works on the JSON data of one result (``emit.to_data`` or a parsed
output file) so that the same code guards the pipeline in tests and checks
files on disk in ``govdoc validate``. It returns a list of problems, one short
message each; an empty list means the result keeps the contract:

* document ids are ``d1, d2, …`` in order; record ids are unique in the file;
  section ids are unique and every ``section_id`` names a section of its document;
* every span lies inside the source (``0 <= start < end <= n_chars``) and every
  record span inside its document's span;
* given the source text: ``n_chars`` matches, every ``line`` is the line of
  ``start``, and every ``text`` is faithful to its span (the span invariant,
  :func:`~govdoc_extract.text.offsets.span_is_faithful`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator, NamedTuple, Optional

#: Document fields holding records with ``text`` + ``span`` (checked for faithfulness).
RECORD_FIELDS = ("targets", "deadlines", "responsibilities", "ratios", "references", "amounts")
#: Record lists whose ids share one namespace in the file.
ID_FIELDS = ("targets", "deadlines", "responsibilities", "ratios", "amounts")


class _Span(NamedTuple):
    start: int
    end: int
    line: int


def iter_sections(sections: list) -> Iterator[dict]:
    """Every section of a tree, depth first, in document order.

    >>> [s["id"] for s in iter_sections([{"id": "d1/i1", "children": [{"id": "d1/i1/ii1"}]}])]
    ['d1/i1', 'd1/i1/ii1']
    """
    for s in sections:
        yield s
        yield from iter_sections(s.get("children") or [])


def iter_records(doc: dict) -> Iterator[tuple[str, dict]]:
    """``(field, record)`` for every record of a document, field by field."""
    for f in RECORD_FIELDS:
        for r in doc.get(f) or []:
            yield f, r


def check(data: dict, source: Optional[str] = None) -> list[str]:
    """Problems of one result; ``source`` (the decoded source text) enables the span checks.

    >>> ok = {"source": {"n_chars": 6}, "documents": [{"id": "d1", "span": {"start": 0, "end": 6, "line": 1},
    ...       "sections": [], "targets": [{"id": "d1/t1", "text": "建成5个", "section_id": None,
    ...       "span": {"start": 2, "end": 6, "line": 1}}]}], "warnings": []}
    >>> check(ok, "到年建成5个。")
    ['source: n_chars is 6 but the source has 7 characters']
    >>> check(ok, "到年建成5个")
    []
    >>> ok["documents"][0]["targets"][0]["text"] = "建成6个"
    >>> check(ok, "到年建成5个")
    ["d1/t1 (targets): text '建成6个' is not faithful to source[2:6] '建成5个'"]
    """
    problems: list[str] = []
    add = problems.append
    n_chars = (data.get("source") or {}).get("n_chars")
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

    record_ids: dict[str, str] = {}
    for i, doc in enumerate(data.get("documents") or [], 1):
        did = doc.get("id")
        if did != f"d{i}":
            add(f"document {i}: id is {did!r}, expected 'd{i}'")
        dspan = doc.get("span")
        span_ok(f"{did}", dspan)
        inside = dspan if dspan and isinstance(dspan.get("start"), int) else None
        section_ids: set[Optional[str]] = set()
        for s in iter_sections(doc.get("sections") or []):
            sid = s.get("id")
            if sid in section_ids:
                add(f"{sid}: duplicate section id")
            section_ids.add(sid)
            span_ok(f"{sid} (section)", s.get("span"), s.get("text") or None, inside)
        for fieldname, r in iter_records(doc):
            rid = r.get("id") or f"{did}/{fieldname}?"
            if fieldname in ID_FIELDS and "id" in r:
                if rid in record_ids:
                    add(f"{rid}: duplicate record id (also in {record_ids[rid]})")
                record_ids[rid] = fieldname
            sec = r.get("section_id")
            if sec is not None and sec not in section_ids:
                add(f"{rid} ({fieldname}): section_id {sec!r} is not a section of {did}")
            span_ok(f"{rid} ({fieldname})", r.get("span"), r.get("text"), inside)
    for j, w in enumerate(data.get("warnings") or [], 1):
        if w.get("span"):
            span_ok(f"warning {j} ({w.get('code')})", w["span"])
    return problems


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
