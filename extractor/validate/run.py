"""Checks that a run's ``run.json`` agrees with its documents and its ``events.jsonl``."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from extractor.validate.problems import Problem, pointer

MANIFEST = "run.json"
EVENTS = "events.jsonl"
ARTICLES = "articles"
# Keys an events.jsonl line adds to its event: which article it is from.
LINE_KEYS = ("article_id", "source_id")
_STATUSES = ("added", "changed", "unchanged", "failed", "skipped")


@dataclass(frozen=True)
class RunFiles:
    """What a run directory holds, already read: paths are relative to the run directory."""

    root: str  # the run directory as the user named it, for messages
    manifest: Any
    documents: Mapping[str, Any]  # every readable document listed or found
    present: Collection[str]  # every file under articles/, readable or not
    event_lines: list[tuple[int, Any]] | None  # None: there is no events.jsonl

    def display(self, relative: str) -> str:
        return f"{self.root.rstrip('/')}/{relative}"


def check_run(run: RunFiles) -> list[Problem]:
    """Every disagreement between ``run.json``, the article files and ``events.jsonl``."""
    manifest = run.manifest if isinstance(run.manifest, dict) else {}
    entries = [e if isinstance(e, dict) else {} for e in _list(manifest.get("articles"))]
    where = run.display(MANIFEST)
    problems = _check_entries(run, entries, where)
    problems += _check_counts(manifest, entries, where)
    problems += _check_failures(manifest, entries, where)
    listed = {e["document"] for e in entries if isinstance(e.get("document"), str)}
    kept = kept_documents(manifest)
    for relative in sorted(set(run.present) - listed - kept):
        problems.append(
            Problem(
                run.display(relative),
                "",
                "E502",
                f"this document is not listed in {MANIFEST}: remove it or re-run the batch",
            )
        )
    problems += _check_events(run, (listed | kept) & set(run.documents))
    return problems


def failed_articles(manifest: Any) -> tuple[int, int]:
    """How many articles of a run failed, and how many it lists (for ``--max-failures``)."""
    if not isinstance(manifest, dict):
        return 0, 0
    entries = [e for e in _list(manifest.get("articles")) if isinstance(e, dict)]
    listed = {e.get("id") for e in entries}
    failed = _failure_ids(manifest) | {e.get("id") for e in entries if e.get("status") == "failed"}
    return len(failed), len(listed | failed)


def kept_documents(manifest: Any) -> set[str]:
    """Documents an earlier run wrote for articles that failed in this one: the run keeps them."""
    failures = manifest.get("failures") if isinstance(manifest, dict) else None
    return {
        f"{ARTICLES}/{f['id']}.json"
        for f in _list(failures)
        if isinstance(f, dict) and isinstance(f.get("id"), str)
    }


def _check_entries(run: RunFiles, entries: list[dict[str, Any]], where: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        ident, relative = entry.get("id"), entry.get("document")
        if isinstance(ident, str):
            if ident in seen:
                problems.append(
                    Problem(
                        where,
                        pointer("articles", index, "id"),
                        "E506",
                        f"article {ident} is listed twice (also /articles/{seen[ident]})",
                    )
                )
            seen.setdefault(ident, index)
        if not isinstance(relative, str):
            continue
        at = pointer("articles", index, "document")
        if not is_inside(relative):
            problems.append(
                Problem(where, at, "E507", f"{relative!r} is not a path inside the run directory")
            )
        elif relative not in run.present:
            problems.append(
                Problem(
                    where,
                    at,
                    "E501",
                    f"article {ident}: {relative} does not exist; restore it or re-run the article",
                )
            )
        elif relative in run.documents:
            problems += _compare_entry(entry, run.documents[relative], where, index)
    return problems


def _compare_entry(entry: dict[str, Any], doc: Any, where: str, index: int) -> list[Problem]:
    if not isinstance(doc, dict):
        return []
    source = doc.get("source")
    source = source if isinstance(source, dict) else {}
    events = doc.get("events")
    pairs = [
        ("id", entry.get("id"), doc.get("id")),
        ("source_id", entry.get("source_id"), doc.get("source_id")),
        ("events", entry.get("events"), len(events) if isinstance(events, list) else None),
    ]
    if entry.get("status") != "failed":  # a failed article's document is an earlier run's
        pairs.append(("input_sha256", entry.get("input_sha256"), source.get("input_sha256")))
    problems = []
    for key, listed, actual in pairs:
        if listed is not None and actual is not None and listed != actual:
            problems.append(
                Problem(
                    where,
                    pointer("articles", index, key),
                    "E503",
                    f"article {entry.get('id')}: {MANIFEST} says {key} {listed!r} but its "
                    f"document has {actual!r}; the files come from different runs",
                )
            )
    return problems


def _check_counts(
    manifest: dict[str, Any], entries: list[dict[str, Any]], where: str
) -> list[Problem]:
    counts = manifest.get("counts")
    if not isinstance(counts, dict):
        return []
    expected = {status: 0 for status in _STATUSES}
    for entry in entries:
        status = entry.get("status")
        if isinstance(status, str) and status in expected:
            expected[status] += 1
    listed = {e.get("id") for e in entries}
    failed = _failure_ids(manifest) | {e.get("id") for e in entries if e.get("status") == "failed"}
    expected["failed"] = len(failed)
    expected["total"] = len(listed | failed)
    expected["removed"] = len(_list(manifest.get("removed")))
    problems = []
    for key, number in expected.items():
        if key in counts and counts[key] != number:
            problems.append(
                Problem(
                    where,
                    pointer("counts", key),
                    "E504",
                    f"counts.{key} is {counts[key]!r} but the manifest lists {number}",
                )
            )
    return problems


def _check_failures(
    manifest: dict[str, Any], entries: list[dict[str, Any]], where: str
) -> list[Problem]:
    failures = [f if isinstance(f, dict) else {} for f in _list(manifest.get("failures"))]
    status = {e.get("id"): (i, e.get("status")) for i, e in enumerate(entries)}
    recorded = _failure_ids(manifest)
    problems = []
    for index, failure in enumerate(failures):
        listed = status.get(failure.get("id"))
        if listed is not None and listed[1] != "failed":
            problems.append(
                Problem(
                    where,
                    pointer("failures", index, "id"),
                    "E505",
                    f"article {failure.get('id')!r} failed, yet /articles/{listed[0]} lists it "
                    f"as {listed[1]!r}",
                )
            )
    for ident, (index, state) in status.items():
        if state == "failed" and ident not in recorded:
            problems.append(
                Problem(
                    where,
                    pointer("articles", index, "status"),
                    "E505",
                    f"article {ident} failed but failures has no record of why",
                )
            )
    return problems


def _failure_ids(manifest: dict[str, Any]) -> set[Any]:
    return {f.get("id") for f in _list(manifest.get("failures")) if isinstance(f, dict)}


def _check_events(run: RunFiles, relatives: set[str]) -> list[Problem]:
    path = run.display(EVENTS)
    if run.event_lines is None:
        return [Problem(path, "", "E508", f"{EVENTS} is missing: re-run the batch to write it")]
    documented: dict[tuple[str, str], tuple[str, int, dict[str, Any], Any]] = {}
    for relative in sorted(relatives):
        doc = run.documents[relative]
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            continue
        for index, event in enumerate(_list(doc.get("events"))):
            if isinstance(event, dict) and isinstance(event.get("id"), str):
                where = (relative, index, event, doc.get("source_id"))
                documented.setdefault((doc["id"], event["id"]), where)
    problems = []
    for number, value in run.event_lines:
        if not isinstance(value, dict):
            continue
        key = (str(value.get("article_id")), str(value.get("id")))
        found = documented.pop(key, None)
        body = {k: v for k, v in value.items() if k not in LINE_KEYS}
        if found is None:
            message = f"event {key[1]} of article {key[0]} is in no document of the run"
        elif body != found[2]:
            message = f"event {key[1]} differs from {found[0]} /events/{found[1]}"
        elif value.get("source_id") != found[3]:
            message = (
                f"event {key[1]} has source_id {value.get('source_id')!r} but {found[0]} "
                f"has {found[3]!r}"
            )
        else:
            continue
        problems.append(Problem(path, "", "E508", message + ": re-run the batch", number))
    for (article, ident), (relative, index, _, _) in sorted(documented.items()):
        problems.append(
            Problem(
                path,
                "",
                "E508",
                f"event {ident} of article {article} ({relative} /events/{index}) is missing",
            )
        )
    return problems


def is_inside(relative: str) -> bool:
    path = PurePosixPath(relative)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in relative


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
