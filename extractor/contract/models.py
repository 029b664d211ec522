"""The data contract: what the model is asked for, and what the project stores.

Two layers:
- ``Model*`` classes are the model-facing request schema (strict-mode compatible: every field
  required, nullable where optional, no extra keys). They ask only for what a model can do.
- The stored classes add what code computes: offsets in the cleaned text, grounding verdicts,
  resolved dates, stable ids, provenance and warnings.

Offsets are Python string indices (Unicode code points) into ``ArticleDocument.text``, the
cleaned text; ``text[start:end] == span.text`` always holds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.6.0"

Tense = Literal["past", "present", "future"]
SpeechKind = Literal["direct", "indirect"]
# How a quote's speaker was found (extractor.article.speakers): the sentence's cue on the
# parse, a pronoun or description resolved, the previous quote's speaker continued, the rule
# tables, the model's statement, or none.
SpeakerSource = Literal["cue", "pronoun", "description", "continued", "rules", "model", "none"]
MatchKind = Literal["exact", "normalized", "fuzzy"]
# 'assumed': resolved by the news convention (the latest such day) because the sentence gave no
# direction and the past and the coming occurrence differ.
DateStatus = Literal["explicit", "resolved", "assumed", "unresolved"]
Granularity = Literal[
    "day", "week", "month", "quarter", "season", "year", "decade", "century", "ref", "range"
]
PubDateSource = Literal["metadata", "text", "url", "none"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- model-facing request ---------------------------------------------------------------


class ModelStatement(_Strict):
    """Something said in the article, as the model reports it."""

    kind: SpeechKind = Field(description="direct: in quotation marks; indirect: reported.")
    text: str = Field(
        description="For direct speech: the number of a listed quote (e.g. 'Q2'), or the words "
        "inside the quotation marks, copied exactly. For indirect speech: a short paraphrase."
    )
    speaker: str = Field(description="Who said it, named as in the article.")


class ModelEvent(_Strict):
    """One event of the article, as the model reports it."""

    sentence: int | None = Field(
        default=None, description="The number of the sentence that tells it (S4: 4)."
    )
    trigger: str | None = Field(
        default=None,
        description="The word or short phrase of that sentence naming what happened, as written.",
    )
    # Not asked with short answers or anchors (``schemas.OMITS``): then the sentence pointed at.
    description: str = Field(default="", description="What happened, in one short sentence.")
    # Not asked with anchors: then read from the parse of the sentence (``article.slots``).
    # An answer that leaves them out leaves them unset (``model_fields_set``), as the cache
    # stores it.
    actors: list[str] = Field(
        default_factory=list,
        description="People, organisations and countries taking part, named in full as written.",
    )
    place: str | None = Field(
        default=None, description="Where it happened, as written; null if not stated."
    )
    when: str | None = Field(
        default=None,
        description="The date expression exactly as written (e.g. 'On Thursday'); null if none.",
    )
    tense: Tense | None = Field(
        default=None,
        description="Whether the event lies in the past, present or future of the article.",
    )
    # Not asked by the default prompt (an event's quotes come from the text's attribution,
    # ``article/attach_quotes``); read when an answer gives them.
    statements: list[ModelStatement] = Field(
        default_factory=list, description="What was said at this event."
    )


class ModelExtraction(_Strict):
    """The whole answer the model gives for one article (or one chunk of it)."""

    events: list[ModelEvent]


# --- stored document ----------------------------------------------------------------------


class Span(_Strict):
    """Where a mention lies in the cleaned text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="The cleaned text at [start, end).")
    match: MatchKind
    score: float = Field(ge=0, le=1, description="1.0 for exact and normalised matches.")


class Mention(_Strict):
    """A name or phrase the model gave, located in the text where possible."""

    text: str
    span: Span | None
    grounded: bool


class DateResolution(_Strict):
    """A date expression resolved against the publication date, by code, never by the model."""

    value: str | None = Field(description="ISO-TimeML TIMEX3 value, e.g. 2017-02-16, 2017-W07.")
    values: list[str] = Field(
        default_factory=list, description="The members of a range such as 'Thursday and Friday'."
    )
    start: dt.date | None
    end: dt.date | None
    granularity: Granularity | None
    anchor: dt.date | None = Field(description="The publication date used.")
    status: DateStatus
    reason: str | None = Field(description="Why it is unresolved, or how it was resolved.")


class When(_Strict):
    expression: str = Field(description="The date expression exactly as written.")
    tense: Tense | None
    span: Span | None
    grounded: bool
    resolution: DateResolution


class Quote(_Strict):
    """A statement. Direct quotes here are always found in the text (grounded)."""

    speaker: Mention
    text: str = Field(description="For grounded direct quotes: the article's own words.")
    kind: SpeechKind
    span: Span | None
    grounded: bool
    model_text: str | None = Field(
        description="What the model returned, when it differs from the stored text."
    )
    speaker_source: SpeakerSource | None = Field(
        default=None,
        description="How the speaker was found: cue, pronoun, description, continued, rules, "
        "model or none (absent before schema 1.4.0).",
    )


class Event(_Strict):
    id: str = Field(pattern=r"^ev_[0-9a-f]{16}$")
    description: str
    sentences: list[Span] = Field(
        default_factory=list,
        description="The sentences of the text that tell the event (one per telling), in "
        "order; empty when the answer pointed at none.",
    )
    trigger: Mention | None = Field(
        default=None, description="The word or phrase of its sentence that names what happened."
    )
    tense: Tense | None = Field(
        default=None,
        description="From the trigger's verb in its sentence where the parse shows it, else "
        "the model's.",
    )
    actors: list[Mention]
    place: Mention | None
    when: When | None
    quotes: list[Quote]
    unverified_quotes: list[Quote] = Field(
        description="Direct quotes the model returned that are not in the text: never verbatim."
    )


class PublicationDate(_Strict):
    value: dt.date | None
    source: PubDateSource
    evidence: str | None = Field(description="The metadata field, text line or URL it came from.")


class SourceInfo(_Strict):
    path: str | None
    url: str | None
    title: str | None
    source: str | None
    input_sha256: str


class RemovedLine(_Strict):
    line: int = Field(ge=1, description="1-based line number in the raw input text.")
    text: str
    reason: str


class Usage(_Strict):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Sampling(_Strict):
    temperature: float
    seed: int | None
    max_tokens: int | None


class Provenance(_Strict):
    extractor_version: str
    model: str
    endpoint: str = Field(
        description="Scheme, host and path of the endpoint ('local': the embedded model); "
        "never a secret."
    )
    endpoint_kind: str
    model_sha256: str | None = Field(description="Checksum of a local model file, if known.")
    prompt_id: str
    prompt_sha256: str
    schema_version: str
    settings_sha256: str | None = Field(
        default=None,
        description="Hash of everything besides the article that decides this document "
        "(version, model, prompt, schema, sampling, chunking, prices): a later run keeps a "
        "document made from the same input with the same hash, with no model call.",
    )
    sampling: Sampling
    response_format: Literal["json_schema", "json_object"]
    usage: Usage
    cost_usd: float | None
    attempts: int = Field(ge=1)
    chunks: int = Field(ge=1)
    duration_s: float = Field(ge=0)
    small_model_rules: bool | None = Field(
        default=None,
        description="Whether the rules for a small model's habits (docs/RULES.md) dropped "
        "what it lists as events but is none; null in documents before 1.5.0 (they did).",
    )


class DocWarning(_Strict):
    code: str
    message: str
    event_id: str | None = None


SOURCE_ID = (
    "The caller's id as given (file name stem or record id), before it was made a safe file "
    "name: equal to id when id is unchanged. Join results back to the source system on it."
)


class _SourceIdentified(_Strict):
    """A record with ``id`` and ``source_id``. Files written before schema 1.2.0 have no
    ``source_id``: they still load (diff, report and eval read last night's run), with their
    ``id`` standing in; the published schema requires it."""

    @model_validator(mode="before")
    @classmethod
    def _id_stands_in(cls, data: Any) -> Any:
        if isinstance(data, dict) and "source_id" not in data and isinstance(data.get("id"), str):
            return {**data, "source_id": data["id"]}
        return data


class ArticleDocument(_SourceIdentified):
    schema_version: str
    id: str
    source_id: str = Field(description=SOURCE_ID)
    source: SourceInfo
    title: str | None
    published: PublicationDate
    text: str = Field(description="The cleaned text every offset refers to.")
    text_sha256: str
    removed: list[RemovedLine] = Field(description="Lines cleaning removed, with the reason.")
    events: list[Event]
    quotes: list[Quote] = Field(
        default=[],
        description="The quoted spans of the text that no event holds, in text order: their "
        "speaker leads no event (its first actor), or no speaker was found. Absent before "
        "schema 1.6.0 (every quote was under an event).",
    )
    warnings: list[DocWarning]
    provenance: Provenance


# --- run manifest -------------------------------------------------------------------------

ArticleStatus = Literal["added", "changed", "unchanged", "failed", "skipped"]


class Failure(_SourceIdentified):
    id: str
    source_id: str = Field(description=SOURCE_ID)
    stage: Literal["input", "request", "validation", "output", "internal"]
    error_class: str
    message: str
    attempts: int = Field(ge=0)
    errors: list[str] = Field(
        default=[], description="Why the model's last answer did not fit the schema."
    )
    raw_answer: str | None = Field(
        default=None,
        description="The start of the model's last answer (at most 2,000 characters, keys "
        "blanked), when it did not fit the schema.",
    )


class ArticleEntry(_SourceIdentified):
    id: str
    source_id: str = Field(description=SOURCE_ID)
    status: ArticleStatus
    document: str | None = Field(description="Path of the document, relative to the run dir.")
    input_sha256: str | None
    events: int = Field(ge=0)
    usage: Usage
    cost_usd: float | None
    cached: bool
    attempts: int = Field(default=0, ge=0, description="Model requests made for it in this run.")
    duration_s: float = Field(ge=0)


class RunCounts(_Strict):
    total: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    skipped: int = 0


class RunTotals(_Strict):
    usage: Usage
    cost_usd: float | None
    model_calls: int
    duration_s: float


class RunManifest(_Strict):
    schema_version: str
    extractor_version: str
    started_at: dt.datetime
    finished_at: dt.datetime
    status: Literal["complete", "partial", "failed", "interrupted"]  # failed: nothing succeeded
    config: dict[str, str | int | float | bool | None]
    inputs: list[str]
    counts: RunCounts
    articles: list[ArticleEntry]
    removed: list[str] = Field(
        description="Ids of articles no longer in the inputs whose documents, written by "
        "extractor, were removed (a file it did not write, or one changed since, is left)."
    )
    failures: list[Failure]
    totals: RunTotals
