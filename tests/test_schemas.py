from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from jsonschema import Draft202012Validator

from extractor.contract.models import ModelExtraction
from extractor.contract.schemas import SCHEMAS, answer_schema, max_events, model_schema, render

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


def _answer(kind: str, text: str) -> dict[str, object]:
    statement = {"kind": kind, "text": text, "speaker": "Ann Lee"}
    event = {
        "description": "Ann Lee spoke.",
        "actors": ["Ann Lee"],
        "place": None,
        "when": None,
        "tense": "past",
        "statements": [statement],
    }
    return {"events": [event]}


def test_answer_schema_holds_direct_speech_to_the_listed_numbers() -> None:
    narrowed = Draft202012Validator(answer_schema(3))
    general = Draft202012Validator(model_schema(ModelExtraction))
    allowed = [_answer("direct", "Q1"), _answer("direct", "Q3"), _answer("indirect", "She left.")]
    refused = [_answer("direct", "Q4"), _answer("direct", "She left."), _answer("said", "Q1")]
    for answer in allowed:
        assert narrowed.is_valid(answer) and general.is_valid(answer)
        ModelExtraction.model_validate(answer)
    for answer in refused:
        assert not narrowed.is_valid(answer)


def test_answer_schema_without_quotes_allows_only_indirect_speech() -> None:
    narrowed = Draft202012Validator(answer_schema(0))
    assert narrowed.is_valid(_answer("indirect", "She left."))
    assert not narrowed.is_valid(_answer("direct", "Q1"))
    assert not narrowed.is_valid(_answer("direct", "She left."))
    assert narrowed.is_valid({"events": []})


def test_answer_schema_is_strict_mode_compatible() -> None:
    schema = answer_schema(2)
    objects = _objects(schema)
    assert len(objects) >= 4  # the statement's two forms
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(obj["properties"])  # type: ignore[call-overload]


def test_answer_schema_bounds_the_lists_a_looping_model_could_fill() -> None:
    bounded = Draft202012Validator(answer_schema(2, events=3))
    general = Draft202012Validator(model_schema(ModelExtraction))
    [one] = cast(list[dict[str, object]], _answer("direct", "Q1")["events"])
    assert bounded.is_valid({"events": [one] * 3})
    assert not bounded.is_valid({"events": [one] * 4})
    assert general.is_valid({"events": [one] * 4})
    many_actors = {**one, "actors": [f"Person {n}" for n in range(17)]}
    assert not bounded.is_valid({"events": [many_actors]})
    statements = [{"kind": "indirect", "text": "She left.", "speaker": "Ann"}] * 10
    assert bounded.is_valid({"events": [{**one, "statements": statements}]})  # 2 quotes + 8
    assert not bounded.is_valid({"events": [{**one, "statements": [*statements, *statements]}]})
    assert "maxItems" not in str(answer_schema(2))  # unbounded unless asked


def test_max_events_leaves_room_for_one_event_per_sentence() -> None:
    assert max_events("x" * 500) == 12
    assert max_events("x" * 1_200) == 12
    assert max_events("x" * 12_000) == 120
