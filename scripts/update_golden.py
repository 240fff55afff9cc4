"""Regenerate samples/expected/<stem>.json from samples/<stem>.txt (the golden outputs).

Review the diff (`git diff samples/expected`) before committing: a golden change
is a behaviour change.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from govdoc_extract import api, emit

    out_dir = ROOT / "samples" / "expected"
    out_dir.mkdir(exist_ok=True)
    for txt in sorted((ROOT / "samples").glob("*.txt")):
        result = api.extract_file(txt.relative_to(ROOT))
        (out_dir / f"{txt.stem}.json").write_text(emit.render([result], "json"), encoding="utf-8")
        print(f"wrote samples/expected/{txt.stem}.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    sys.exit(main())
