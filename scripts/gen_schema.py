"""Write the JSON Schema of the output contract to schemas/result.schema.json.

Run after changing models.py; tests/test_schema.py fails while the committed copy is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schemas" / "result.schema.json"


def render() -> str:
    from govdoc_extract.emit import dumps_json, schema

    return dumps_json(schema()) + "\n"


def main() -> int:
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
