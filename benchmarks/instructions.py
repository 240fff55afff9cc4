#!/usr/bin/env python3
"""Instructions the pipeline executes, counted by callgrind: a figure that does not depend on the host.

Run ``python benchmarks/instructions.py [--emit] [FILE ...]`` (default: ``samples/*.txt``).

Timings swing with the machine and with what else it is doing; the number of instructions
executed for the same interpreter, packages and input does not (valgrind's callgrind counts
them, the same total twice in a row). Each FILE is extracted in a child process under
``valgrind --tool=callgrind``, twice: once stopping after the imports and a warm-up run over the
file (pattern compilation, lazy tables: as ``bench.py``, which reports the best of several
runs), once extracting it a second time. The difference is the pipeline's own cost for that file, printed in millions of
instructions and per character. With ``--emit`` the JSON rendering is included.

Use it to compare two commits (``git stash``, or a worktree) on the same interpreter: a change
that saves 3 % shows up as 3 % here, where process time would need many repeats to tell.
Under valgrind Python runs about 50× slower: a seed takes seconds, 2,000 notices a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

CHILD = r"""
import sys
sys.path.insert(0, {src!r})
from govdoc_extract import api, emit
text = open({path!r}, encoding="utf-8").read()
r = api.extract_text(text, path={path!r})
if {emit}:
    emit.render_one_bytes(r, "json")
if {full}:
    r = api.extract_text(text, path={path!r})
    if {emit}:
        emit.render_one_bytes(r, "json")
"""


def _env() -> dict:
    """This environment, but bytecode is written and read (as for an installed package)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _count(path: Path, *, full: bool, emit: bool) -> int:
    """Instructions of one child run under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        code = CHILD.format(src=str(ROOT / "src"), path=str(path), emit=emit, full=full)
        env = _env()
        env["PYTHONHASHSEED"] = "0"  # the same string hashes, the same dict probes, run to run
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code],
            capture_output=True, text=True, env=env, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"instructions.py: the child run failed on {path}:\n{proc.stderr[-2000:]}")
        m = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
        if not m:
            raise SystemExit(f"instructions.py: callgrind printed no total for {path}")
        return int(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="inputs (default: samples/*.txt)")
    ap.add_argument("--emit", action="store_true", help="include the JSON rendering")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("instructions.py: valgrind is not installed (Debian: apt install valgrind)", file=sys.stderr)
        return 1
    files = a.files or SAMPLES
    # Bytecode first: otherwise the first child run pays for compiling the package's sources
    # and the difference between the two runs would count it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False,
                   env=_env())
    total_i = total_c = 0
    for f in files:
        chars = len(f.read_text(encoding="utf-8"))
        n = _count(f, full=True, emit=a.emit) - _count(f, full=False, emit=a.emit)
        total_i += n
        total_c += chars
        print(f"{f.name:40s} {chars:>10,} chars {n / 1e6:>10.1f} M instr {n / chars:>8.0f} /char")
    if len(files) > 1:
        print(f"{'all':40s} {total_c:>10,} chars {total_i / 1e6:>10.1f} M instr {total_i / total_c:>8.0f} /char")
    return 0


if __name__ == "__main__":
    sys.exit(main())
