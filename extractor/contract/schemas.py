"""JSON Schemas (Draft 2020-12) generated from the pydantic models, committed in ``schemas/``."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from extractor.contract.gold import GoldArticle
from extractor.contract.models import ArticleDocument, ModelExtraction, RunManifest
from extractor.contract.story import Story

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://extractor.invalid/schemas/"

# File name in schemas/ -> the pydantic model it is generated from.
SCHEMAS: dict[str, type[BaseModel]] = {
    "article.schema.json": ArticleDocument,
    "run.schema.json": RunManifest,
    "model-request.schema.json": ModelExtraction,
    "gold.schema.json": GoldArticle,
    "story.schema.json": Story,  # one line of stories.jsonl
}


def strict(schema: Any) -> Any:
    """Make a schema strict-mode compatible: every property required, no extra keys, no defaults."""
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: strict(v) for k, v in schema.items() if k != "default"}
    if out.get("type") == "object" and "properties" in out:
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The request schema sent to the model (strict-mode compatible)."""
    result: dict[str, Any] = strict(model.model_json_schema())
    return result


MAX_ACTORS = 16  # an event's actors in one answer


def max_events(chunk: str) -> int:
    """How many events one answer about ``chunk`` may list: one per 100 characters, at least
    12. A bound, not a target: it keeps a small model that repeats itself from running into
    the token limit (which fails the request) while leaving room for every real event."""
    return max(12, len(chunk) // 100)


def request_schema() -> dict[str, Any]:
    """The schema of what the model is asked for: ``ModelExtraction`` without the optional
    ``statements`` (an event's quotes come from the text, not from the model). A new copy
    each call (built once: every request of a run starts from it)."""
    schema: dict[str, Any] = json.loads(_request_schema_text())
    return schema


@functools.cache
def _request_schema_text() -> str:
    schema = model_schema(ModelExtraction)
    event = schema["$defs"]["ModelEvent"]
    del event["properties"]["statements"]
    event["required"] = list(event["properties"])
    del schema["$defs"]["ModelStatement"]
    return json.dumps(schema)


# What each kind of answer leaves out of an event. ``short``: the description is the sentence
# pointed at, and the tense is read from the trigger's verb in the parse (``article.anchors``).
# ``anchors``: the model only points at the sentence and its trigger; who, where and when are
# read from that sentence's parse too (``article.slots``).
Answers = Literal["full", "short", "anchors"]
OMITS: dict[str, tuple[str, ...]] = {
    "full": (),
    "short": ("description", "tense"),
    "anchors": ("description", "tense", "actors", "place", "when"),
}


@dataclass(frozen=True)
class Shape:
    """What one request asks for, beyond its messages: the numbers of the sentences it lists
    (S<n>), at most ``events`` events, and which fields of an event (``answers``, ``OMITS``).
    Its ``schema`` is sent, and is part of the request's cache key."""

    sentences: range = range(0)
    events: int | None = None
    answers: Answers = "full"

    def schema(self) -> dict[str, Any]:
        return answer_schema(self.sentences, self.events, self.answers)


PLAIN = Shape()  # no sentence numbers listed, no bound on events, full answers


def answer_schema(
    sentences: range = range(0), events: int | None = None, answers: Answers = "full"
) -> dict[str, Any]:
    """The request schema for a text whose sentences ``sentences`` are listed as S<n>.

    An event's ``sentence`` may only be one of those numbers, so the model points at the
    sentence that tells it instead of paraphrasing freely. ``events``: at most that many
    events (``max_events``); actors are bounded too. ``answers``: without the fields it
    ``OMITS`` (fewer answer tokens). Every answer it allows also fits ``ModelExtraction``'s
    schema."""
    schema = request_schema()
    shape = schema["$defs"]["ModelEvent"]
    for name in OMITS[answers]:
        del shape["properties"][name]
    shape["required"] = [n for n in shape["required"] if n not in OMITS[answers]]
    event = shape["properties"]
    if events is not None:
        schema["properties"]["events"]["maxItems"] = events
        if "actors" in event:
            event["actors"]["maxItems"] = MAX_ACTORS
    event["trigger"] = {"description": event["trigger"]["description"], "type": "string"}
    if sentences:
        event["sentence"] = {
            "description": event["sentence"]["description"],
            "enum": list(sentences),
            "type": "integer",
        }
    return schema


def document_schema(name: str) -> dict[str, Any]:
    """The published schema of ``name`` with its draft and id."""
    model = SCHEMAS[name]
    body = (
        request_schema()
        if model is ModelExtraction
        else model.model_json_schema(mode="serialization")
    )
    return {"$schema": DRAFT, "$id": BASE_ID + name, **body}


def render(name: str) -> str:
    """The exact text committed as ``schemas/<name>``."""
    return json.dumps(document_schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
