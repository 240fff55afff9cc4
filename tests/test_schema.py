"""The committed JSON Schema (schemas/result.schema.json) matches the Pydantic models."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_is_current():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_schema
    finally:
        sys.path.pop(0)
    committed = (ROOT / "schemas" / "result.schema.json").read_text(encoding="utf-8")
    assert committed == gen_schema.render(), "schemas/ is stale: run `make schema` (scripts/gen_schema.py)"


def test_schema_names_the_contract_fields():
    schema = json.loads((ROOT / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert set(schema["properties"]) >= {"schema_version", "source", "bulletin", "documents", "warnings"}
    assert set(defs["Document"]["properties"]) >= {
        "id", "title", "doc_type", "doc_number", "issuers", "addressees", "date", "attachments", "span",
        "sections", "targets", "deadlines", "responsibilities", "ratios", "references"}
    assert set(defs["Target"]["properties"]) >= {
        "indicator", "value", "value_max", "unit", "comparator", "year", "baseline", "cumulative", "binding", "scope",
        "id", "text", "span", "section_id", "sentence", "rule"}
    assert defs["Section"]["additionalProperties"] is False


def test_schema_command_prints_the_same_schema():
    out = subprocess.run([sys.executable, "-m", "govdoc_extract", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == json.loads((ROOT / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
