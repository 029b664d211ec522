"""``extractor export``: a run's documents as flat tables (Parquet or CSV) for a warehouse.

Tables: ``articles`` (one row per article of run.json), ``events``, ``actors``, ``quotes``
(verified and unverified) and ``dates`` (one row per event with a date expression). Every
row names its article by ``article_id`` and ``source_id``; event-level rows by ``event_id``.
The JSON documents stay the record; these tables are derived from them.
"""

from __future__ import annotations

from extractor.export.rows import RunRows, run_rows
from extractor.export.tables import SCHEMAS, to_table
from extractor.export.write import FORMATS, Export, Format, export_run

__all__ = [
    "FORMATS",
    "SCHEMAS",
    "Export",
    "Format",
    "RunRows",
    "export_run",
    "run_rows",
    "to_table",
]
