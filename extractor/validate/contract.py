"""The published contract: validators built from the committed JSON Schemas (Draft 2020-12)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from extractor.validate.problems import Problem, pointer

ARTICLE_SCHEMA = "article.schema.json"
RUN_SCHEMA = "run.schema.json"


@dataclass(frozen=True)
class Contract:
    """Validators for an article document, a run manifest and one line of ``events.jsonl``."""

    article: Draft202012Validator
    run: Draft202012Validator
    event: Draft202012Validator
    origin: str  # where the schemas came from, for messages


def build_contract(schemas: Mapping[str, Any], origin: str) -> Contract:
    """Validators with format checking on, from the parsed schema files by file name."""
    article = schemas[ARTICLE_SCHEMA]
    run = schemas[RUN_SCHEMA]
    for schema in (article, run):
        Draft202012Validator.check_schema(schema)
    # An events.jsonl line is an Event plus ``article_id``; the id is checked on its own.
    event = {
        "$schema": article["$schema"],
        "title": f"{ARTICLE_SCHEMA}#/$defs/Event",
        "$defs": article["$defs"],
        "$ref": "#/$defs/Event",
    }
    checker = Draft202012Validator.FORMAT_CHECKER
    return Contract(
        article=Draft202012Validator(article, format_checker=checker),
        run=Draft202012Validator(run, format_checker=checker),
        event=Draft202012Validator(event, format_checker=checker),
        origin=origin,
    )


def schema_problems(
    validator: Draft202012Validator,
    instance: Any,
    path: str,
    *,
    line: int | None = None,
) -> list[Problem]:
    """Every schema violation of ``instance``, located at its JSON pointer."""
    problems = []
    for error in validator.iter_errors(instance):
        for where, message in _explain(error):
            problems.append(
                Problem(
                    path=path,
                    pointer=pointer(*where),
                    code="E002",
                    message=f"{message} (per {_schema_name(validator)})",
                    line=line,
                )
            )
    return problems


def _schema_name(validator: Draft202012Validator) -> str:
    schema = validator.schema if isinstance(validator.schema, dict) else {}
    schema_id = schema.get("$id")
    return str(schema_id).rsplit("/", 1)[-1] if schema_id else str(schema.get("title", "schema"))


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
    yield list(error.absolute_path), error.message
