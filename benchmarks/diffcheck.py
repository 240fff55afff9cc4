#!/usr/bin/env python3
"""Does a change keep every output byte for byte? Run ``python benchmarks/diffcheck.py [--base REV]``.

For refactors meant to change nothing (speed work above all). The golden test
covers five seeds; this compares far more text: the seeds, the held-out samples,
each hostile case of ``hostile.py`` at a small scale, and each sample mutated
(blocks of lines shuffled, digits and signs made full-width, CRLF in GB18030,
1 % of characters dropped, doubled or followed by a line break, text re-wrapped
at 30 characters, two seeds joined). The mutations are seeded: the corpus is
the same on every run.

The working tree's ``src/`` and the ``src/`` of ``REV`` (default ``HEAD``,
exported with ``git archive``) each extract the whole corpus with ``govdoc
extract --output-dir``; the script lists every output that differs and exits 1
if any does. ``--keep DIR`` leaves the corpus and both output trees in DIR.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FULL_WIDTH = str.maketrans("0123456789%.", "０１２３４５６７８９％．")


def build_corpus(out: Path) -> int:
    """Write the corpus into ``out``; return the number of files."""
    samples = sorted(ROOT.glob("samples/*.txt"))
    held = sorted(ROOT.glob("samples/heldout*/*.txt"))
    for p in samples + held:
        shutil.copy(p, out / p.name)
    subprocess.run([sys.executable, str(ROOT / "benchmarks/hostile.py"), "--scale", "0.02", "--write", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    texts = [p.read_text(encoding="utf-8") for p in samples + held]
    for i, t in enumerate(texts):
        r = random.Random(i)
        lines = t.split("\n")
        blocks = [lines[j:j + 25] for j in range(0, len(lines), 25)]
        r.shuffle(blocks)
        (out / f"m{i:02d}_shuffle.txt").write_text("\n".join(x for b in blocks for x in b), encoding="utf-8")
        (out / f"m{i:02d}_fullwidth.txt").write_text(t.translate(_FULL_WIDTH), encoding="utf-8")
        (out / f"m{i:02d}_crlf.txt").write_bytes(t.replace("\n", "\r\n").encode("gb18030"))
        chars = list(t)
        for _ in range(len(chars) // 100):
            k, op = r.randrange(len(chars)), r.random()
            chars[k] = "" if op < 0.4 else chars[k] * 2 if op < 0.7 else chars[k] + "\n"
        (out / f"m{i:02d}_noise.txt").write_text("".join(chars), encoding="utf-8")
        if i % 3 == 0:
            flat = t.replace("\n", "")
            (out / f"m{i:02d}_wrap.txt").write_text("\n".join(flat[j:j + 30] for j in range(0, len(flat), 30)),
                                                    encoding="utf-8")
    for i in range(len(samples)):
        (out / f"cat{i}.txt").write_text(texts[i] + "\n" + texts[(i + 1) % len(samples)], encoding="utf-8")
    return len(list(out.iterdir()))


def extract(src: Path, corpus: Path, out: Path) -> None:
    """``govdoc extract`` over the corpus with the package in ``src`` (run from the corpus'
    parent, so that the recorded source paths are the same for both runs)."""
    env = dict(os.environ, PYTHONPATH=str(src))
    r = subprocess.run([sys.executable, "-m", "govdoc_extract", "extract", corpus.name, "--output-dir", str(out),
                        "--quiet"], cwd=corpus.parent, env=env)
    if r.returncode not in (0, 1):  # 1: some input failed, which both sides must then agree on
        sys.exit(f"diffcheck: extraction with {src} exited {r.returncode}")


def differing(a: Path, b: Path) -> list[str]:
    """Relative paths of the files that are not byte-identical in the two trees (or missing in one)."""
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} | {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    return sorted(str(n) for n in names
                  if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, shallow=False)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="HEAD", help="git revision to compare the working tree with (default HEAD)")
    ap.add_argument("--keep", type=Path, help="keep the corpus and both output trees in this folder")
    a = ap.parse_args()
    work = Path(a.keep or tempfile.mkdtemp(prefix="govdoc-diffcheck-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir()
        n = build_corpus(corpus)
        base = work / "base"
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", a.base, "src"], check=True, capture_output=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(base, filter="data")
        for name, src in (("out-base", base / "src"), ("out-new", ROOT / "src")):
            shutil.rmtree(work / name, ignore_errors=True)
            extract(src, corpus, work / name)
        diff = differing(work / "out-base", work / "out-new")
        for d in diff:
            print(f"differs: {d}")
        print(f"diffcheck: {n} inputs, {len(diff)} outputs differ from {a.base}", file=sys.stderr)
        return 1 if diff else 0
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
