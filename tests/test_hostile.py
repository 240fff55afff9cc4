"""Every case of the hostile-input benchmark, small, through the command: exit 0, a valid output, no traceback.

The benchmark (``benchmarks/hostile.py``) times the same generators at full size;
here they only have to end well (issue 5: a result or a clear error, never a crash).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govdoc_extract.cli import app

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("hostile_bench", ROOT / "benchmarks" / "hostile.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

runner = CliRunner()


@pytest.mark.parametrize("name", sorted(hostile.CASES))
def test_hostile_case_gives_a_valid_result(name, tmp_path):
    _, make = hostile.CASES[name]
    src = tmp_path / f"{name}.txt"
    src.write_text(make(0.01), encoding="utf-8")
    out = tmp_path / f"{name}.json"
    r = runner.invoke(app, ["extract", str(src), "-o", str(out), "-q"], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    assert "Traceback" not in r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"]["n_chars"] == len(src.read_text(encoding="utf-8"))
    v = runner.invoke(app, ["validate", str(out)], catch_exceptions=False)
    assert v.exit_code == 0, v.stderr  # schema, OUTPUT.md invariants and every span against the source
