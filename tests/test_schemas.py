from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from jsonschema import Draft202012Validator

from extractor.contract.models import ModelExtraction
from extractor.contract.schemas import (
    SCHEMAS,
    answer_schema,
    max_events,
    model_schema,
    render,
    request_schema,
)

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


def _answer(sentence: int, trigger: str = "spoke") -> dict[str, object]:
    event = {
        "sentence": sentence,
        "trigger": trigger,
        "description": "Ann Lee spoke.",
        "actors": ["Ann Lee"],
        "place": None,
        "when": None,
        "tense": "past",
    }
    return {"events": [event]}


def test_answer_schema_holds_the_sentence_to_the_listed_numbers() -> None:
    narrowed = Draft202012Validator(answer_schema(range(3, 6)))
    general = Draft202012Validator(request_schema())
    for answer in [_answer(3), _answer(5)]:
        assert narrowed.is_valid(answer) and general.is_valid(answer)
        ModelExtraction.model_validate(answer)
    for refused in [_answer(2), _answer(6), {"events": [{**_event(), "sentence": "S3"}]}]:
        assert not narrowed.is_valid(refused)
    assert narrowed.is_valid({"events": []})


def _event() -> dict[str, object]:
    events = cast(list[dict[str, object]], _answer(3)["events"])
    return events[0]


def test_the_model_is_not_asked_for_statements_nor_a_missing_trigger() -> None:
    narrowed = Draft202012Validator(answer_schema(range(1, 4)))
    said = {**_event(), "statements": [{"kind": "direct", "text": "x", "speaker": "Ann Lee"}]}
    assert not narrowed.is_valid({"events": [said]})
    assert not narrowed.is_valid({"events": [{**_event(), "trigger": None}]})
    # an answer that gives statements still reads (a prompt of the user's may ask for them)
    assert ModelExtraction.model_validate({"events": [said]}).events[0].statements


def test_answer_schema_is_strict_mode_compatible() -> None:
    schema = answer_schema(range(1, 3))
    objects = _objects(schema)
    assert len(objects) >= 2
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(obj["properties"])  # type: ignore[call-overload]


def test_answer_schema_bounds_the_lists_a_looping_model_could_fill() -> None:
    bounded = Draft202012Validator(answer_schema(range(1, 4), events=3))
    general = Draft202012Validator(request_schema())
    one = _event()
    assert bounded.is_valid({"events": [one] * 3})
    assert not bounded.is_valid({"events": [one] * 4})
    assert general.is_valid({"events": [one] * 4})
    many_actors = {**one, "actors": [f"Person {n}" for n in range(17)]}
    assert not bounded.is_valid({"events": [many_actors]})
    assert "maxItems" not in str(answer_schema(range(1, 4)))  # unbounded unless asked


def test_max_events_leaves_room_for_one_event_per_sentence() -> None:
    assert max_events("x" * 500) == 12
    assert max_events("x" * 1_200) == 12
    assert max_events("x" * 12_000) == 120


def test_each_request_schema_is_a_copy_a_caller_may_change() -> None:
    first = request_schema()
    first["$defs"]["ModelEvent"]["properties"].clear()
    second = request_schema()
    assert second["$defs"]["ModelEvent"]["properties"] and second != first
