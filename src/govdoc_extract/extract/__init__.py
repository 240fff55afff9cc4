"""Extractor registry: record kind → ``extract(ctx) -> Iterator[Draft]``.

The CLI's ``--only``/``--skip``, the tests and the benchmark iterate over
:data:`EXTRACTORS`; adding a record kind means adding one module and one line here.
"""

from __future__ import annotations

from .base import Extractor

EXTRACTORS: dict[str, Extractor] = {}


def _register() -> None:
    import importlib

    for kind, module in (
        ("target", "targets"),
        ("deadline", "deadlines"),
        ("responsibility", "responsibilities"),
        ("ratio", "ratios"),
        ("reference", "references"),
        ("amount", "amounts"),
    ):
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as e:  # a kind not written yet
            if e.name != f"{__name__}.{module}":
                raise
            continue
        EXTRACTORS[kind] = mod.extract


_register()
