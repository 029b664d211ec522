"""The gold files conform to the committed gold schema (drift is checked in test_schemas)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
NAME = "gold.schema.json"
GOLD_FILES = sorted((ROOT / "eval" / "gold").glob("*.json"))


def committed() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((ROOT / "schemas" / NAME).read_text(encoding="utf-8"))
    return result


def test_gold_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(committed())


@pytest.mark.parametrize("path", GOLD_FILES, ids=[path.stem[:40] for path in GOLD_FILES])
def test_gold_file_conforms_to_the_schema(path: Path) -> None:
    validator = Draft202012Validator(committed())
    errors = sorted(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))), key=str)
    assert not errors, f"{path.name}: {errors[0].message} at {list(errors[0].path)}"


def test_schema_rejects_an_unknown_key() -> None:
    validator = Draft202012Validator(committed())
    document = json.loads(GOLD_FILES[0].read_text(encoding="utf-8"))
    document["quotes"][0]["speaker_name"] = "someone"
    assert not validator.is_valid(document)
