"""The exported tables' explicit Arrow schemas, and rows made into Arrow tables.

Types are declared, never guessed: date values of any granularity (``2017-02-16``,
``2017-W07``, ``2006-01``) are strings; the resolvable start, end, anchor and publication
dates are DATE columns; offsets and counts are 32-bit integers.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from extractor.errors import InternalError
from extractor.export.rows import Row

_ID = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("source_id", pa.string(), nullable=False),
]
_EVENT_ID = [*_ID, pa.field("event_id", pa.string(), nullable=False)]
_DATE = [
    pa.field("when_text", pa.string()),  # the date expression as written
    pa.field("tense", pa.string()),
    pa.field("date_value", pa.string()),  # TIMEX3 value: 2017-02-16, 2017-W07, 2006-01, ...
    pa.field("date_members", pa.string()),  # a range's members, space-separated
    pa.field("date_start", pa.date32()),
    pa.field("date_end", pa.date32()),
    pa.field("date_granularity", pa.string()),
    pa.field("date_status", pa.string()),  # explicit, resolved, assumed, unresolved
]


def _span(prefix: str) -> list[pa.Field]:
    return [pa.field(f"{prefix}start", pa.int32()), pa.field(f"{prefix}end", pa.int32())]


SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            *_ID,
            pa.field("status", pa.string()),  # added, changed, unchanged, failed, skipped
            pa.field("document_path", pa.string()),
            pa.field("error_stage", pa.string()),
            pa.field("error_class", pa.string()),
            pa.field("error_message", pa.string()),
            pa.field("title", pa.string()),
            pa.field("url", pa.string()),
            pa.field("publisher", pa.string()),
            pa.field("input_path", pa.string()),
            pa.field("published_date", pa.date32()),
            pa.field("published_source", pa.string()),
            pa.field("published_evidence", pa.string()),
            pa.field("event_count", pa.int32()),
            pa.field("quote_count", pa.int32()),
            pa.field("unverified_quote_count", pa.int32()),
            pa.field("warning_count", pa.int32()),
            pa.field("article_text", pa.string()),  # the cleaned text every offset refers to
            pa.field("text_sha256", pa.string()),
            pa.field("input_sha256", pa.string()),
            pa.field("schema_version", pa.string()),
            pa.field("extractor_version", pa.string()),
            pa.field("model", pa.string()),
            pa.field("endpoint_kind", pa.string()),
            pa.field("prompt_id", pa.string()),
            pa.field("prompt_sha256", pa.string()),
            pa.field("prompt_tokens", pa.int64()),
            pa.field("completion_tokens", pa.int64()),
            pa.field("cost_usd", pa.float64()),
            pa.field("duration_s", pa.float64()),
        ]
    ),
    "events": pa.schema(
        [
            *_EVENT_ID,
            pa.field("event_number", pa.int32(), nullable=False),  # 1-based, in the document
            pa.field("description", pa.string(), nullable=False),
            pa.field("place", pa.string()),
            *_span("place_"),
            pa.field("place_grounded", pa.bool_()),
            *_DATE,
            pa.field("actor_count", pa.int32(), nullable=False),
            pa.field("quote_count", pa.int32(), nullable=False),
            pa.field("unverified_quote_count", pa.int32(), nullable=False),
            pa.field("title", pa.string()),
            pa.field("url", pa.string()),
            pa.field("published_date", pa.date32()),
        ]
    ),
    "actors": pa.schema(
        [
            *_EVENT_ID,
            pa.field("actor_number", pa.int32(), nullable=False),
            pa.field("name", pa.string(), nullable=False),
            *_span("span_"),
            pa.field("grounded", pa.bool_(), nullable=False),
            pa.field("match_kind", pa.string()),  # exact, normalized, fuzzy
            pa.field("match_score", pa.float64()),
        ]
    ),
    "quotes": pa.schema(
        [
            *_ID,
            pa.field("event_id", pa.string()),  # null: a quote no event holds
            pa.field("quote_number", pa.int32(), nullable=False),
            pa.field("quote_text", pa.string(), nullable=False),
            pa.field("speech_kind", pa.string(), nullable=False),  # direct, indirect
            pa.field("verified", pa.bool_(), nullable=False),  # false: an unverified quote
            *_span("span_"),
            pa.field("grounded", pa.bool_(), nullable=False),
            pa.field("match_kind", pa.string()),
            pa.field("match_score", pa.float64()),
            pa.field("model_text", pa.string()),
            pa.field("speaker", pa.string(), nullable=False),
            *_span("speaker_span_"),
            pa.field("speaker_grounded", pa.bool_(), nullable=False),
        ]
    ),
    "dates": pa.schema(
        [
            *_EVENT_ID,
            *_DATE,
            *_span("span_"),
            pa.field("grounded", pa.bool_(), nullable=False),
            pa.field("anchor_date", pa.date32()),  # the publication date resolved against
            pa.field("reason", pa.string()),
        ]
    ),
}


def to_table(name: str, rows: Sequence[Row]) -> pa.Table:
    """The rows of table ``name`` under its schema; a key the schema lacks is a bug."""
    schema = SCHEMAS[name]
    names = set(schema.names)
    for row in rows:
        if not names.issuperset(row):
            unknown = ", ".join(sorted(set(row) - names))
            raise InternalError(f"the {name} table has no column {unknown}")
    return pa.Table.from_pylist(list(rows), schema=schema)
