#!/usr/bin/env python3
"""Where the time goes: per-stage shares of the whole pipeline on the seeds.

Run ``python benchmarks/stage_profile.py [--repeat N] [--cprofile] [FILE ...]``. It
times, in process time (one core, best of ``--repeat`` passes over ``samples/*.txt``,
or over the FILEs given, e.g. a hostile case written out by ``hostile.py --write``):

read · normalise · bulletin+documents · sections · context (paragraph blocks) ·
each extractor of ``extract.EXTRACTORS`` · assemble · emit (JSON)

The pipeline is the real :func:`govdoc_extract.api.extract_source`: the stage
functions it calls are wrapped with timers for the run (nothing is copied), so
the figures follow the code as it changes. ``--cprofile`` also prints the top
functions by own time. Timings on a shared machine swing; compare shares.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

# This file is named like the stdlib ``profile`` module that ``cProfile`` imports:
# run as a script, its own folder comes first on sys.path and would shadow it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
import cProfile  # noqa: E402
import pstats  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

clock = time.process_time
TIMES: dict[str, float] = defaultdict(float)


def _timed(name: str, fn):
    def wrapper(*a, **k):
        t0 = clock()
        try:
            return fn(*a, **k)
        finally:
            TIMES[name] += clock() - t0

    return wrapper


def _timed_gen(name: str, fn):
    """An extractor is a generator: time the whole iteration, not the call."""

    def wrapper(*a, **k):
        t0 = clock()
        out = list(fn(*a, **k))
        TIMES[name] += clock() - t0
        return iter(out)

    return wrapper


def _install() -> None:
    from govdoc_extract import api, assemble
    from govdoc_extract.extract import EXTRACTORS

    api.read_path = _timed("read", api.read_path)
    api.normalise = _timed("normalise", api.normalise)
    api.parse_bulletin = _timed("bulletin+documents", api.parse_bulletin)
    api.find_documents = _timed("bulletin+documents", api.find_documents)
    api.build_sections = _timed("sections", api.build_sections)
    api._context = _timed("context", api._context)
    for kind in list(EXTRACTORS):
        EXTRACTORS[kind] = _timed_gen(f"extract:{kind}", EXTRACTORS[kind])
    assemble.Assembler.document = _timed("assemble", assemble.Assembler.document)
    api.bulletin_model = _timed("assemble", api.bulletin_model)


def run_once(files: list[Path]) -> tuple[float, dict[str, float]]:
    from govdoc_extract import api, emit

    TIMES.clear()
    t0 = clock()
    for p in files:
        result = api.extract_file(p)
        t1 = clock()
        emit.render_bytes([result], "json")
        TIMES["emit"] += clock() - t1
    total = clock() - t0
    return total, dict(TIMES)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cprofile", action="store_true", help="also print the top 30 functions by own time")
    ap.add_argument("files", nargs="*", type=Path, help="inputs (default: samples/*.txt)")
    args = ap.parse_args(argv)
    files = args.files or SAMPLES

    try:  # the installed package (or PYTHONPATH) first, this checkout's src/ otherwise
        import govdoc_extract  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
    from govdoc_extract.text.read import read_path

    chars = sum(len(read_path(p).text) for p in files)
    _install()
    run_once(files)  # warm-up: imports, lazy tables, regex caches
    best_total, best = float("inf"), {}
    for _ in range(args.repeat):
        total, times = run_once(files)
        if total < best_total:
            best_total, best = total, times
    other = best_total - sum(best.values())
    print(f"{len(files)} files, {chars:,} chars: {best_total:.3f} s process time, "
          f"{chars / best_total / 1e6:.2f} M chars/s (best of {args.repeat})")
    print(f"{'stage':<26}{'seconds':>9}{'share':>8}{'M chars/s':>11}")
    for name, secs in sorted(best.items(), key=lambda kv: -kv[1]):
        rate = chars / secs / 1e6 if secs else float("inf")
        print(f"{name:<26}{secs:9.3f}{secs / best_total:8.1%}{rate:11.1f}")
    print(f"{'(untimed glue)':<26}{other:9.3f}{other / best_total:8.1%}")

    if args.cprofile:
        prof = cProfile.Profile()
        prof.enable()
        run_once(files)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
