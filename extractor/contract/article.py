"""One article as read from the inputs, before any stage has touched it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractor.contract.ids import source_id


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before cleaning."""

    id: str  # safe id (see ids.py)
    text: str  # decoded text; for HTML the extracted article text, title first if known
    title: str | None
    url: str | None
    source: str | None
    published_at: dt.date | None  # from metadata only: record field, manifest or HTML meta tags
    published_evidence: str | None  # e.g. "manifest.jsonl line 3: published_at"
    path: str | None  # the input path as given, plus "#<n>" for the n-th record of a file
    input_sha256: str  # of the raw bytes (a record: of its canonical JSON)
    encoding: str | None = None  # how the bytes were decoded
    raw_id: str | None = None  # the file stem or record id before safe_id

    @property
    def source_id(self) -> str:
        """The caller's id, kept in the outputs (``id`` may be a rewritten one)."""
        return self.id if self.raw_id is None else source_id(self.raw_id)
