"""Stories across outlets: the events of many articles that report one happening, linked.

Pure: documents (or the facts kept of yesterday's events) in, story ids and ``Story`` records
out; the run's state and files are the engine's.

- ``names``: person and organisation names normalised (titles, nicknames, initials).
- ``facts``: what the linker reads of an event (``Facts``), and its JSON form for the state.
- ``rules``: the word tables and numbers (``Rules``), as data.
- ``link``: blocking, the pair decision (``evidence``) and stable story ids (``link``).
- ``build``: the published ``Story`` records.
"""

from __future__ import annotations

from extractor.stories.build import build
from extractor.stories.facts import (
    Facts,
    contains,
    document_facts,
    from_json,
    quote_key,
    to_json,
)
from extractor.stories.link import Key, candidates, evidence, link
from extractor.stories.names import NameKey, name_key
from extractor.stories.rules import DEFAULT_RULES, REVISION, Rules

__all__ = [
    "DEFAULT_RULES",
    "REVISION",
    "Facts",
    "Key",
    "NameKey",
    "Rules",
    "build",
    "candidates",
    "contains",
    "document_facts",
    "evidence",
    "from_json",
    "link",
    "name_key",
    "quote_key",
    "to_json",
]
