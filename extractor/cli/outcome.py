"""How a run ended: its exit code and its last lines."""

from __future__ import annotations

from collections.abc import Mapping

from extractor.cli.exits import ENDPOINT, FAILED, SIGNALS
from extractor.engine import (
    KnownFacts,
    Log,
    RunResult,
    RunSettings,
    default_cache_path,
    link_run,
)
from extractor.errors import ExtractorError


def exit_code(result: RunResult) -> int:
    """0 complete; 1 failures or articles left (--max-cost); 3 the endpoint failed;
    130/143 after SIGINT/SIGTERM."""
    if result.stop_reason is not None:
        return SIGNALS.get(result.stop_reason, FAILED)
    if result.endpoint_failure is not None:
        return ENDPOINT
    return 0 if result.manifest.status == "complete" else FAILED


def finished(result: RunResult, observer: Log, code: int | None = None) -> int:
    """Say how the run ended (shards, summary); its exit code."""
    code = exit_code(result) if code is None else code
    if result.missing_shards:
        shards = ", ".join(str(k) for k in result.missing_shards)
        observer.note("shards", f"run.json is merged once every shard has run; missing: {shards}")
    elif result.missing_shards == []:
        observer.note("shards", "merged the shard manifests into run.json and events.jsonl")
    observer.finished(result.manifest, str(result.manifest_path), code)
    return code


def link_stories(
    settings: RunSettings, observer: Log, known: Mapping[str, KnownFacts] | None = None
) -> None:
    """Stories across the run's articles (and earlier nights'), into OUT/stories.jsonl; a
    failure here is a warning: the documents are written, and `extractor stories` links them.
    ``known``: the story facts of documents the run made (``RunResult.facts``)."""
    out = settings.out_dir
    try:
        state = settings.cache_path or default_cache_path(out, None)
        linked = link_run(out, state, known=known)
    except (ExtractorError, OSError) as exc:
        observer.note(
            "stories-failed",
            f"stories.jsonl not written ({exc}): link the run with 'extractor stories {out}'",
        )
        return
    for problem in linked.problems:  # quiet otherwise: the run's last lines stay its own
        observer.note("stories-failed", problem)
