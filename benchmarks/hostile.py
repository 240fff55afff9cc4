"""Hostile-input benchmark: every case must run in linear time (issue 5, item 2).

Times are CPU seconds (``time.process_time``) of the process doing the work,
so a busy machine does not distort the comparison much.

Generates inputs built to trip backtracking regexes and quadratic loops, runs
each through ``govdoc_extract.api.extract_text`` (in a child process, so a hang
can be stopped), and compares the time per character with the time per
character on the seed bulletins (``samples/*.txt``). A case slower than
``--factor`` (default 3) × the seeds' per-character time is flagged SLOW; a
case that raises is flagged ERROR; one that exceeds ``--limit`` seconds HANG.
Two more columns say why a linear case can still be slow per character: its
records per 1,000 characters (``rec/kc``) and its time per record against the
seeds' (``×rec``; shown from 100 records up). Every record costs its finding,
checking and output whatever the input, so a case dense in records costs more
per character while costing the same per record.

Usage::

    python benchmarks/hostile.py                 # all cases, full size
    python benchmarks/hostile.py --scale 0.1     # quick run, a tenth of the size
    python benchmarks/hostile.py --only nested --profile   # cProfile one case
    python benchmarks/hostile.py --repeat 3      # best of three runs per case
    python benchmarks/hostile.py --scale 0.2 --only documents --write /tmp/h   # the input, for stage_profile.py

Exit status 1 when any case is SLOW, ERROR or HANG.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing as mp
import pstats
import sys
import time
import traceback
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govdoc_extract import api  # noqa: E402
from govdoc_extract.models import Result  # noqa: E402

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
MB = 1_000_000

NOTICE = (
    "荆州市人民政府办公室关于印发荆州市体育发展规划的通知\n"
    "荆政办发〔2022〕16号\n"
    "各县、市、区人民政府，市政府有关部门：\n"
    "《荆州市体育发展规划》已经市人民政府同意，现印发给你们，请认真抓好贯彻落实。\n"
    "到2025年，经常参加体育锻炼人数比例达到38.5%以上。（责任单位：市体育局）\n"
    "荆州市人民政府办公室\n"
    "2022年9月17日\n\n"
)


_UNITS = ("市体育局", "市教育局", "市卫生健康委", "市财政局", "市人社局", "市住建局", "市民政局")


def _notices(n: int) -> str:
    """``n`` notices like :data:`NOTICE`, each different (serial, date, figure, unit, title),
    so that no cache of an earlier paragraph makes the case look cheaper than it is."""
    out = []
    for i in range(n):
        unit = _UNITS[i % len(_UNITS)]
        out.append(
            NOTICE.replace("体育发展规划", f"第{i + 1}项体育发展规划")
            .replace("16号", f"{i + 1}号")
            .replace("9月17日", f"{i % 12 + 1}月{i % 28 + 1}日")
            .replace("38.5%", f"{30 + i % 50}.{i % 10}%")
            .replace("市体育局", unit if i % 3 else f"{unit}、市发展改革委")
        )
    return "".join(out)


def _utf8_budget(unit: str, nbytes: int) -> str:
    """``unit`` repeated to about ``nbytes`` of UTF-8."""
    return unit * max(1, nbytes // len(unit.encode("utf-8")))


def _seed_one_line() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in SAMPLES).replace("\r", "").replace("\n", "")


def _headings(n: int) -> str:
    kinds = ("第{c}条　加强组织领导。", "{c}、总体要求", "（{c}）主要目标", "{d}.完善工作机制。", "（{d}）落实责任。")
    cn = "一二三四五六七八九十"
    out = []
    for i in range(n):
        out.append(kinds[i % len(kinds)].format(c=cn[i % 10], d=i % 100 + 1))
    return "\n".join(out) + "\n"


# name → (description, generator(scale) -> text)
CASES: dict[str, tuple[str, Callable[[float], str]]] = {
    "unclosed-zeren": ("1 MB of （责任单位： never closed",
                       lambda k: _utf8_budget("（责任单位：", int(MB * k))),
    "digits": ("200,000 digits in a row inside a target sentence",
               lambda k: "到2025年，人数达到" + "1234567890" * int(20_000 * k) + "%以上。\n"),
    "nested-brackets": ("50,000 nested brackets of mixed kinds",
                        lambda k: ("（(《【" * int(12_500 * k)) + "责任单位：市财政局" + ("】》)）" * int(12_500 * k)) + "\n"),
    "single-line-5mb": ("5 MB single line (the seeds without line breaks, repeated)",
                        lambda k: _utf8_budget(_seed_one_line(), int(5 * MB * k))),
    "headings": ("100,000 numbered headings (第X条, 一、, （一）, 1., （1）)",
                 lambda k: _headings(int(100_000 * k))),
    "documents": ("10,000 documents in one file (tiny notices, each different)",
                  lambda k: _notices(int(10_000 * k))),
    "all-headers": ("every line a page header",
                    lambda k: "武汉市人民政府公报\n\n" * int(100_000 * k)),
    "enumeration": ("1 MB of one enumeration (市财政局、 …) in a 牵头单位 clause",
                    lambda k: "牵头单位：" + _utf8_budget("市财政局、", int(MB * k)) + "市人社局。\n"),
    "wide-table": ("a table row of 20,000 cells",
                   lambda k: "指标\t" + "\t".join(["2025年"] * int(20_000 * k)) + "\n" + "比例(%)\t" + "\t".join(["≥90"] * int(20_000 * k)) + "\n"),
    "percent-run": ("1 MB of 10%以上，到2025年 without a sentence end",
                    lambda k: _utf8_budget("10%以上，到2025年", int(MB * k)) + "\n"),
}


def _run(text: str, profile: bool) -> dict:
    t0 = time.process_time()
    prof = cProfile.Profile() if profile else None
    try:
        if prof:
            prof.enable()
        r = api.extract_text(text, path="hostile.txt")
        if prof:
            prof.disable()
        secs = time.process_time() - t0
        Result.model_validate(r.model_dump())  # output validates (not timed)
        out = {"secs": secs, "docs": len(r.documents), "warnings": len(r.warnings), "records": n_records(r),
               "error": None}
    except Exception as e:  # noqa: BLE001 — a benchmark reports, never crashes
        where = [f"{Path(f.filename).relative_to(ROOT)}:{f.lineno}" for f in traceback.extract_tb(e.__traceback__)
                 if "govdoc_extract" in f.filename]
        out = {"secs": time.process_time() - t0, "docs": 0, "warnings": 0, "records": 0,
               "error": f"{type(e).__name__}: {str(e)[:120]} at {where[-1] if where else '?'}"}
    if prof:
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(12)
        out["profile"] = s.getvalue()
    return out


def _child(conn, text: str, profile: bool) -> None:
    conn.send(_run(text, profile))
    conn.close()


def run_case(text: str, limit: float, profile: bool = False) -> dict:
    """Run one case in a child process; stop it after ``limit`` seconds."""
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(child, text, profile))
    p.start()
    child.close()
    if parent.poll(limit):
        out = parent.recv()
        p.join()
        return out
    p.kill()
    p.join()
    return {"secs": limit, "docs": 0, "warnings": 0, "error": f"HANG: no result after {limit:.0f}s"}


def n_records(r) -> int:
    """Records of every kind in a result: what the output's size follows."""
    return sum(len(d.targets) + len(d.deadlines) + len(d.responsibilities) + len(d.ratios) + len(d.references)
               + len(d.amounts) for d in r.documents)


def seed_rate(repeat: int = 3) -> tuple[float, int, int]:
    """Best-of-``repeat`` seconds per character over all seeds (in this process), their
    characters and their records."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    n = sum(map(len, texts))
    best = float("inf")
    records = 0
    for _ in range(repeat):
        t0 = time.process_time()
        records = 0
        for t in texts:
            try:
                records += n_records(api.extract_text(t))
            except Exception as e:  # noqa: BLE001 — work in progress elsewhere must not stop the benchmark
                print(f"warning: a seed raised {type(e).__name__}: {e}", file=sys.stderr)
        best = min(best, time.process_time() - t0)
    return best / n, n, records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="size factor for every case (default 1)")
    ap.add_argument("--factor", type=float, default=3.0, help="flag cases slower than this × seed time/char")
    ap.add_argument("--limit", type=float, default=300.0, help="seconds before a case counts as a hang")
    ap.add_argument("--only", nargs="*", help="run only these cases: " + ", ".join(CASES))
    ap.add_argument("--profile", action="store_true", help="print the top functions of each case")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each case this many times and keep the best (the seeds are timed again"
                         " right before each case either way: a shared host has slow and fast phases)")
    ap.add_argument("--write", type=Path, metavar="DIR",
                    help="only write each case's input to DIR/<case>.txt (for stage_profile.py) and stop")
    args = ap.parse_args(argv)

    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, (_, gen) in CASES.items():
            if not args.only or name in args.only:
                (args.write / f"{name}.txt").write_text(gen(args.scale), encoding="utf-8")
        return 0

    per_char, n_seed, seed_records = seed_rate()
    seed_density = seed_records / n_seed * 1000
    print(f"seeds: {n_seed:,} chars, {per_char * 1e6:.3f} µs/char ({1 / per_char:,.0f} chars/s),"
          f" {seed_density:.1f} records per 1,000 chars")
    # rec/kc: records per 1,000 chars, next to the seeds' (every record costs its finding,
    # checking and output whatever the input); ×rec: time per record against the seeds'
    print(f"{'case':18} {'chars':>10} {'secs':>8} {'µs/char':>8} {'seeds':>7} {'×seeds':>7} {'rec/kc':>7} {'×rec':>6}"
          "  status")
    bad = 0
    for name, (desc, gen) in CASES.items():
        if args.only and name not in args.only:
            continue
        text = gen(args.scale)
        per_char, _, _ = seed_rate()  # the seeds in the same phase of the host as the case
        runs = [run_case(text, args.limit, args.profile) for _ in range(max(1, args.repeat))]
        failed = [o for o in runs if o["error"]]
        out = failed[0] if failed else min(runs, key=lambda o: o["secs"])  # any failure is reported
        pc = out["secs"] / max(1, len(text))
        ratio = pc / per_char
        status = "ok"
        if out["error"]:
            status = "HANG" if out["error"].startswith("HANG") else "ERROR " + out["error"]
        elif ratio > args.factor:
            status = "SLOW"
        bad += status != "ok"
        density = out["records"] / max(1, len(text)) * 1000
        per_record = (f"{out['secs'] / out['records'] / (per_char * n_seed / seed_records):>6.2f}"
                      if out["records"] >= 100 else f"{'-':>6}")  # (a handful of records says nothing)
        print(f"{name:18} {len(text):>10,} {out['secs']:>8.2f} {pc * 1e6:>8.3f} {per_char * 1e6:>7.3f} {ratio:>7.2f}"
              f" {density:>7.1f} {per_record}  {status}"
              f"  ({out['docs']} docs, {out['warnings']} warnings) — {desc}")
        if args.profile and out.get("profile"):
            print(out["profile"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
