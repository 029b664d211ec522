from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from extractor.models import ModelExtraction
from extractor.schemas import SCHEMAS, model_schema, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_models(name: str) -> None:
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == render(name), (
        f"schemas/{name} drifted: run 'extractor schema --export schemas'"
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    import json

    Draft202012Validator.check_schema(json.loads(render(name)))


def _objects(node: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found.extend(_objects(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_objects(item))
    return found


def test_model_schema_is_strict_mode_compatible() -> None:
    schema = model_schema(ModelExtraction)
    objects = _objects(schema)
    assert len(objects) >= 3
    for obj in objects:
        properties = obj["properties"]
        assert isinstance(properties, dict)
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(properties)
    assert "default" not in str(schema)
