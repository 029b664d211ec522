"""Validate stored output against the published contract: the committed JSON Schemas, then
semantic checks the schemas cannot express.

Schema checks use the files in ``schemas/`` with ``jsonschema`` (Draft 2020-12, formats
checked), never the pydantic models, so a document from an older version or edited by hand is
judged by what was published. Each problem is reported as ``path[:line]:pointer: code name:
message``. The codes are stable: a code is never renumbered or reused.

======  ===========================  =============================================================
Code    Name                         Meaning
======  ===========================  =============================================================
E001    unreadable                   The file (or an events.jsonl line) is not readable JSON.
E002    schema-violation             The value breaks the committed JSON Schema.
E101    offset-out-of-range          A span's [start, end) does not lie inside the text.
E102    span-text-mismatch           ``text[start:end]`` is not the span's ``text``.
E103    text-hash-mismatch           ``text_sha256`` is not the SHA-256 of the UTF-8 text.
E104    grounded-without-span        Marked grounded, but has no span.
E201    quote-text-mismatch          A grounded direct quote's text is not its span's text.
E202    ungrounded-direct-quote      A direct quote in ``quotes`` is not grounded.
E203    unverified-quote-grounded    A quote in ``unverified_quotes`` is marked grounded.
E204    quote-stored-twice           A quoted span is stored twice (under two events, or under
                                     an event and apart): schema 1.6.0 on.
E301    date-anchor-mismatch         A date's anchor is not the document's publication date.
E302    date-without-anchor          A date marked ``resolved`` has no anchor.
E303    date-range-inverted          A date's start lies after its end.
E304    date-granularity-mismatch    A date's value does not have the shape of its granularity.
E305    date-bounds-mismatch         A date's start or end lies outside the period of its value.
E306    date-status-inconsistent     Resolved or assumed with no value, or unresolved with bounds.
E401    duplicate-event-id           Two events share an id.
E402    event-id-mismatch            An event id is not the id its content gives.
E403    unknown-warning-event        A warning names an event the document does not have.
E501    run-missing-document         run.json lists a document that does not exist.
E502    run-unlisted-document        A document under articles/ is not listed in run.json.
E503    run-entry-mismatch           run.json's id, input hash or event count disagrees with
                                     the document.
E504    run-counts-mismatch          run.json's counts disagree with its article list.
E505    run-failures-mismatch        A failure without a failed article, or the reverse.
E506    run-duplicate-article        run.json lists an article twice.
E507    run-bad-document-path        A document path is absolute or leaves the run directory.
E508    run-events-mismatch          events.jsonl is missing, or disagrees with the documents.
E601    story-unknown-event          A story lists an event its document (in the run) lacks.
E602    event-without-story          An event of a document is in no story of stories.jsonl.
E603    event-in-two-stories         An event is listed by two stories (or twice).
E604    duplicate-story-id           stories.jsonl lists a story id twice.
======  ===========================  =============================================================
"""

from __future__ import annotations

from extractor.validate.contract import Contract, SchemaCheck, build_contract
from extractor.validate.document import check_document, check_event_lines
from extractor.validate.files import default_schemas_dir, load_contract, validate_paths
from extractor.validate.problems import CODES, Problem, Result, sort_key
from extractor.validate.run import MANIFEST, RunFiles, check_run, failed_articles

__all__ = [
    "CODES",
    "MANIFEST",
    "Contract",
    "Problem",
    "Result",
    "RunFiles",
    "SchemaCheck",
    "build_contract",
    "check_document",
    "check_event_lines",
    "check_run",
    "default_schemas_dir",
    "failed_articles",
    "load_contract",
    "sort_key",
    "validate_paths",
]
