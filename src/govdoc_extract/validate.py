"""``govdoc validate``: check output files against the JSON Schema and the OUTPUT.md invariants.

An output file holds one or more results (a JSON object or array, JSONL lines,
a YAML stream). Each result is checked against the JSON Schema of the models
(with ``jsonschema`` when installed, else with the pydantic models, which the
schema is generated from), for the presence of every field OUTPUT.md names
(:func:`missing_fields`) and by :func:`govdoc_extract.checks.check`; the span
invariant is checked too when the file named in ``source.path`` exists and its
SHA-256 still matches ``source.sha256``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from .checks import check


@dataclass
class FileReport:
    path: str
    results: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "span invariant not checked: …"

    @property
    def ok(self) -> bool:
        return not self.errors


def load_results(path: Path) -> list[dict]:
    """Parse an output file by its extension (.json, .jsonl, .yaml/.yml); raise ValueError if unreadable."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):  # (else "not JSON (line 1, column 1 …)", which says nothing useful)
        raise ValueError("CSV tables are not validated: validate the json, jsonl or yaml outputs of the same run")
    text = path.read_text(encoding="utf-8-sig")
    if suffix == ".jsonl":
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"line {n}: not JSON ({e.msg})") from None
        return out
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            return [d for d in yaml.safe_load_all(text) if d is not None]
        except yaml.YAMLError as e:
            raise ValueError(f"not YAML ({str(e).splitlines()[0]})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    return data if isinstance(data, list) else [data]


@lru_cache(maxsize=1)
def _contract_schema() -> dict:
    """The JSON Schema of the models, generated once per process (about 10 ms each time: a file
    of a thousand JSONL results would pay it a thousand times). Read, never changed."""
    from .emit import schema

    return schema()


def _schema_checker() -> Callable[[dict], list[str]]:
    """Errors of one result against the JSON Schema, in jsonschema's words when it is installed.

    The schema is generated from the models (a test keeps ``schemas/`` equal to them), and the
    models in strict mode accept only what the schema accepts (a test draws broken outputs to
    check it): they check a result in Rust, about six times faster than jsonschema, and only a
    result they refuse is checked again by jsonschema, for its messages (JSON pointers).
    """
    from pydantic import ValidationError

    from .models import Result

    def by_models(data: dict) -> list[str]:
        try:  # strict, as the schema is: lax mode would take "5" for 5 and 0 for false
            Result.model_validate(data, strict=True)
            return []
        except ValidationError as e:
            return [f"schema: {'/'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()[:20]]

    try:
        import jsonschema
    except ImportError:  # (``pip install .`` does not install it: the models say it in their words)
        return by_models
    cls = jsonschema.validators.validator_for(_contract_schema())
    validator = cls(_contract_schema())

    def by_schema(data: dict) -> list[str]:
        refused = by_models(data)
        if not refused:
            return []
        errs = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        # (what only the stricter models refuse, 2024.0 for a year, keeps their words)
        return [f"schema: /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errs[:20]] or refused

    return by_schema


#: ``(object, field)`` that OUTPUT.md lets an output leave out: ``{code, message, span?}``,
#: ``{title?, doc_number?, span}``, ``{freq, day?}``, "amounts: list (optional)", "Tables carry rows".
OPTIONAL_FIELDS = frozenset({("Warning", "span"), ("Reference", "title"), ("Reference", "doc_number"),
                             ("Recurrence", "day"), ("Document", "amounts"), ("Section", "rows")})


def missing_fields(data: object, schema: Optional[dict] = None) -> list[str]:
    """The contract's fields absent from a result that has the schema's shape otherwise.

    The models give most fields a default, so the schema generated from them requires only a
    few (a file without ``documents`` or a record without ``section_id`` passes it); govdoc
    writes every field, and OUTPUT.md fixes them all but :data:`OPTIONAL_FIELDS`.
    """
    root = schema or _contract_schema()
    defs = root.get("$defs", {})
    missing: list[str] = []

    def walk(node: dict, value: object, path: str) -> None:
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        for branch in node.get("anyOf", ()):  # Optional[X]: the branch of X when the value is not null
            if value is not None:
                walk(branch, value, path)
        if isinstance(value, list) and "items" in node:
            for k, item in enumerate(value):
                walk(node["items"], item, f"{path}/{k}")
        if isinstance(value, dict) and "properties" in node:
            for name, sub in node["properties"].items():
                if name in value:
                    walk(sub, value[name], f"{path}/{name}")
                elif (node.get("title"), name) not in OPTIONAL_FIELDS:
                    missing.append(f"schema: {path or '/'}: {name!r} is missing (a field OUTPUT.md names)")

    walk(root, data, "")
    return missing


def find_source(recorded: str, output: Path) -> Optional[Path]:
    """The source file named in ``source.path``: as given (relative to the working folder), else next to the output.

    A name that is not UTF-8 was recorded with ``\\xNN`` escapes (W104): the name with its
    bytes put back is tried first (the sha256 check tells a wrong file).
    """
    if not recorded or recorded == "-":
        return None
    from .text.read import path_from_printable

    for name in dict.fromkeys([path_from_printable(recorded), recorded]):
        for p in (Path(name), output.parent / name, output.parent / Path(name).name):
            if p.is_file():
                return p
    return None


def _source_text(src: dict, output: Path, where: str, notes: list[str]) -> Optional[str]:
    """The decoded source that the spans index, or None with a note saying why the span invariant is not checked."""
    found = find_source(src.get("path", ""), output)
    if found is None:
        notes.append(f"{where}span invariant not checked: source {src.get('path')!r} not found")
        return None
    try:
        raw = found.read_bytes()
    except OSError as e:  # no permission, say: the output itself can still be checked
        notes.append(f"{where}span invariant not checked: source {found} cannot be read ({e.strerror or e})")
        return None
    if hashlib.sha256(raw).hexdigest() != src.get("sha256"):
        notes.append(f"{where}span invariant not checked: {found} changed since extraction (sha256 differs)")
        return None
    from .text.read import decode_bytes

    try:
        return decode_bytes(raw, str(found)).text
    except ValueError as e:
        notes.append(f"{where}span invariant not checked: {e}")
        return None


def validate_file(path: Path, schema_errors: Optional[Callable[[dict], list[str]]] = None) -> FileReport:
    """Check one output file; never raises for bad content (that is what it reports)."""
    rep = FileReport(str(path))
    schema_errors = schema_errors or _schema_checker()
    try:
        results = load_results(path)
    except FileNotFoundError:
        rep.errors.append("no such file")
        return rep
    except IsADirectoryError:
        rep.errors.append("is a directory (pass the output files, e.g. out/*.json)")
        return rep
    except (OSError, UnicodeDecodeError) as e:
        rep.errors.append(f"cannot be read ({e})")
        return rep
    except ValueError as e:
        rep.errors.append(str(e))
        return rep
    except RecursionError:  # json and yaml parse nesting by recursion: no output of govdoc is this deep
        rep.errors.append("nested too deeply to be a govdoc output")
        return rep
    if not results:
        rep.errors.append("holds no result")
    for k, data in enumerate(results, 1):
        rep.results += 1
        where = f"result {k}: " if len(results) > 1 else ""
        if not isinstance(data, dict):
            rep.errors.append(f"{where}not a JSON object")
            continue
        errs = schema_errors(data) or missing_fields(data)
        rep.errors.extend(where + e for e in errs)
        if errs:
            continue  # invariants assume the shape is right
        source_text = _source_text(data["source"], path, where, rep.notes)
        rep.errors.extend(where + p for p in check(data, source_text))
    return rep
