"""Compare two runs, or two documents, at the level of events, and say why they may differ.

Events are paired by their stable id, then by content similarity for events whose id changed
(``extractor.diff.match``); each pair is unchanged or changed (with the fields that changed),
and unpaired events are added or removed. Articles are added, removed, failed (in the new
run), changed or unchanged. Differences in provenance (model, prompt, schema version, input)
are reported as causes, at run level and per article.
"""

from __future__ import annotations

from extractor.diff.compare import describe_date, diff_documents, diff_runs, has_changes, select
from extractor.diff.load import load_snapshot
from extractor.diff.model import (
    KINDS,
    ArticleDiff,
    Cause,
    EventChange,
    FieldChange,
    Kind,
    RunDiff,
    Snapshot,
    StoryChange,
    Summary,
)
from extractor.diff.render import render_markdown, render_text, to_json
from extractor.errors import UnreadableRunError

__all__ = [
    "KINDS",
    "ArticleDiff",
    "Cause",
    "EventChange",
    "FieldChange",
    "Kind",
    "RunDiff",
    "Snapshot",
    "StoryChange",
    "Summary",
    "UnreadableRunError",
    "describe_date",
    "diff_documents",
    "diff_runs",
    "has_changes",
    "load_snapshot",
    "render_markdown",
    "render_text",
    "select",
    "to_json",
]
