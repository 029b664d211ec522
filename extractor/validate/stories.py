"""Semantic checks of ``stories.jsonl`` against the run's documents: every event of a document
is in exactly one story, and a story's event of a document in the run is in that document.
A story may list events of articles no longer in the run (kept from earlier nights)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from extractor.validate.problems import Problem

STORIES = "stories.jsonl"


def _events(story: Any) -> list[tuple[int, str, str]]:
    events = story.get("events") if isinstance(story, dict) else None
    return [
        (n, e["article_id"], e["event_id"])
        for n, e in enumerate(events if isinstance(events, list) else [])
        if isinstance(e, dict)
        and isinstance(e.get("article_id"), str)
        and isinstance(e.get("event_id"), str)
    ]


def check_stories(
    lines: Iterable[tuple[int, Any]], shown: str, documents: Mapping[str, Any]
) -> list[Problem]:
    """``documents``: the run's documents by article id (parsed JSON)."""
    problems: list[Problem] = []
    events = {
        (article_id, e["id"])
        for article_id, doc in documents.items()
        if isinstance(doc, dict) and isinstance(doc.get("events"), list)
        for e in doc["events"]
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    }
    seen: dict[tuple[str, str], str] = {}
    ids: set[str] = set()
    for line, story in lines:
        sid = story.get("id") if isinstance(story, dict) else None
        if isinstance(sid, str):
            if sid in ids:
                problems.append(Problem(shown, "/id", "E604", f"story {sid} is listed twice", line))
            ids.add(sid)
        for n, article_id, event_id in _events(story):
            key = (article_id, event_id)
            where = f"/events/{n}"
            if article_id in documents and key not in events:
                problems.append(
                    Problem(
                        shown,
                        where,
                        "E601",
                        f"{article_id} has no event {event_id}: link the run again "
                        "('extractor stories')",
                        line,
                    )
                )
            if key in seen:
                problems.append(
                    Problem(
                        shown,
                        where,
                        "E603",
                        f"{article_id} {event_id} is in story {seen[key]} too",
                        line,
                    )
                )
            seen[key] = str(sid)
    for article_id, event_id in sorted(events - set(seen)):
        problems.append(
            Problem(
                shown,
                "",
                "E602",
                f"{article_id} {event_id} is in no story: link the run again ('extractor stories')",
            )
        )
    return problems
