"""The gold format's JSON Schema: committed text equals the generated one; gold files conform."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from extractor.gold import GoldArticle
from extractor.schemas import BASE_ID, DRAFT

ROOT = Path(__file__).resolve().parents[1]
NAME = "gold.schema.json"
GOLD_FILES = sorted((ROOT / "eval" / "gold").glob("*.json"))


def generated() -> str:
    """The text bench/export_gold_schema.py writes (and extractor/schemas.py, once registered)."""
    schema = {
        "$schema": DRAFT,
        "$id": BASE_ID + NAME,
        **GoldArticle.model_json_schema(mode="serialization"),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def committed() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((ROOT / "schemas" / NAME).read_text(encoding="utf-8"))
    return result


def test_committed_gold_schema_matches_the_model() -> None:
    text = (ROOT / "schemas" / NAME).read_text(encoding="utf-8")
    assert text == generated(), (
        f"schemas/{NAME} drifted from extractor/gold.py: run "
        "'.venv/bin/python bench/export_gold_schema.py'"
    )


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
