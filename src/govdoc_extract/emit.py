"""Emit: the only module that knows output formats (JSON, JSONL, YAML)."""

from __future__ import annotations

import json
from typing import Iterable, Sequence

import yaml

from .models import Result

FORMATS = ("json", "jsonl", "yaml")


def to_data(result: Result) -> dict:
    return result.model_dump(mode="json")


def dumps_json(data, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dumps_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def render(results: Sequence[Result], fmt: str) -> str:
    """Render results: JSON (object, or array when several), JSONL (one line each), YAML stream.

    Output is deterministic: same input → same bytes.
    """
    datas = [to_data(r) for r in results]
    if fmt == "json":
        body = datas[0] if len(datas) == 1 else datas
        return dumps_json(body) + "\n"
    if fmt == "jsonl":
        return "".join(dumps_json(d, indent=None) + "\n" for d in datas)
    if fmt == "yaml":
        return "".join(("---\n" if i else "") + dumps_yaml(d) for i, d in enumerate(datas))
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def schema() -> dict:
    return Result.model_json_schema()
