"""The published contract: validators built from the committed JSON Schemas (Draft 2020-12)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from extractor.validate.precheck import Check, compile_check
from extractor.validate.problems import Problem, pointer

ARTICLE_SCHEMA = "article.schema.json"
RUN_SCHEMA = "run.schema.json"
STORY_SCHEMA = "story.schema.json"


@dataclass(frozen=True)
class SchemaCheck:
    """One schema: ``jsonschema`` judges; the optional pre-check lets valid values skip it."""

    name: str
    validator: Draft202012Validator
    quick: Check | None

    def problems(self, instance: Any, path: str, *, line: int | None = None) -> list[Problem]:
        """Every violation of the schema by ``instance``, located at its JSON pointer."""
        if self.quick is not None and self.quick(instance):
            return []
        found = []
        for error in self.validator.iter_errors(instance):
            for where, message in _explain(error):
                found.append(
                    Problem(path, pointer(*where), "E002", f"{message} (per {self.name})", line)
                )
        return found


@dataclass(frozen=True)
class Contract:
    """The checks of an article document, a run manifest and one line of ``events.jsonl``."""

    article: SchemaCheck
    run: SchemaCheck
    event: SchemaCheck
    origin: str  # where the schemas came from, for messages
    story: SchemaCheck | None = None  # None: the schemas given have no story.schema.json


def build_contract(schemas: Mapping[str, Any], origin: str, *, precheck: bool = True) -> Contract:
    """Checks with format checking on, from the parsed schema files by file name.

    ``precheck=False`` runs ``jsonschema`` on every value, even those the pre-check accepts.
    """
    article = schemas[ARTICLE_SCHEMA]
    run = schemas[RUN_SCHEMA]
    for schema in (article, run, schemas.get(STORY_SCHEMA, {})):
        Draft202012Validator.check_schema(schema)
    # An events.jsonl line is an Event plus ``article_id`` and ``source_id``, checked on their own.
    event = {"$schema": article["$schema"], "$defs": article["$defs"], "$ref": "#/$defs/Event"}

    def check(name: str, schema: dict[str, Any]) -> SchemaCheck:
        formats = Draft202012Validator.FORMAT_CHECKER
        quick = compile_check(schema, formats) if precheck else None
        return SchemaCheck(name, Draft202012Validator(schema, format_checker=formats), quick)

    return Contract(
        article=check(ARTICLE_SCHEMA, article),
        run=check(RUN_SCHEMA, run),
        event=check(f"{ARTICLE_SCHEMA}#/$defs/Event", event),
        origin=origin,
        story=check(STORY_SCHEMA, schemas[STORY_SCHEMA]) if STORY_SCHEMA in schemas else None,
    )


def _explain(error: ValidationError) -> Iterator[tuple[list[str | int], str]]:
    """The most useful messages of an error: inside ``anyOf``, the branch whose type matched."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        specific = [e for e in error.context if e.validator != "type"]
        if specific:
            for sub in specific:
                yield from _explain(sub)
            return
        expected = " or ".join(repr(e.validator_value) for e in error.context)
        yield list(error.absolute_path), f"{error.instance!r} is not of type {expected}"
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        for key in sorted(k for k in error.instance if k not in known):
            yield [*error.absolute_path, key], f"property {key!r} is not in the contract"
        return
    yield list(error.absolute_path), error.message
