"""Building ``run.json``: one entry per article, counts, totals; merging shard manifests.

Pure functions. Usage, cost and attempts in an entry are what this run spent on the article
(zero when its answer came from the cache; the answers it collected from a batch count, at
the batch price), so the totals are the run's bill and the entries
of unchanged articles are the same night after night. A document's own provenance keeps
what making it cost.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Sequence
from typing import Literal

from extractor.contract.models import (
    SCHEMA_VERSION,
    ArticleEntry,
    ArticleStatus,
    Failure,
    RunCounts,
    RunManifest,
    RunTotals,
    Usage,
)
from extractor.contract.pricing import Price, cost, routed_cost
from extractor.contract.version import VERSION as __version__
from extractor.engine.client import Tally
from extractor.engine.files import DocInfo
from extractor.errors import (
    EndpointError,
    ExtractorError,
    InputError,
    OutputValidationError,
    RefusalError,
    TruncatedOutputError,
)
from extractor.io.llm import redact

ConfigValue = str | int | float | bool | None
RunStatus = Literal["complete", "partial", "failed", "interrupted"]
RAW_ANSWER_CHARS = 2000  # of an invalid answer kept in run.json


def failure_of(
    article_id: str, exc: BaseException, requests: int = 0, *, source_id: str
) -> Failure:
    """Classify an exception into the stage where the article failed. ``attempts`` is the
    number of model requests the article made in this run (at least the failed call's);
    ``source_id`` is the caller's id of the article. An answer that did not fit the schema
    keeps its validation errors and its first ``RAW_ANSWER_CHARS`` characters, with anything
    key-like blanked."""
    stage = "internal"
    attempts = 0
    errors: list[str] = []
    raw_answer = None
    if isinstance(exc, InputError):
        stage = "input"
    elif isinstance(exc, EndpointError):
        stage, attempts = "request", exc.attempts
    elif isinstance(exc, OutputValidationError):
        stage, attempts = "validation", exc.attempts
        errors = [redact(e)[:300] for e in exc.errors]
        raw_answer = redact(exc.raw_output)[:RAW_ANSWER_CHARS]
    elif isinstance(exc, TruncatedOutputError | RefusalError):
        stage, attempts = "validation", 1
    elif isinstance(exc, OSError):
        stage = "output"
    message = str(exc) if isinstance(exc, ExtractorError | OSError) else repr(exc)
    if isinstance(exc, sqlite3.DatabaseError):  # damaged during the run (see salvage.py)
        stage = "output"
        message = (
            f"the run cache is damaged ({exc}): the next run moves it aside, keeps what it "
            "can read and carries on"
        )
    return Failure.model_validate(
        {
            "id": article_id,
            "source_id": source_id,
            "stage": stage,
            "error_class": type(exc).__name__,
            "message": message[:500],
            "attempts": max(attempts, requests),
            "errors": errors,
            "raw_answer": raw_answer,
        }
    )


def status_of(baseline: str | None, sha256: str) -> ArticleStatus:
    """added, changed or unchanged, against the document's sha256 as last listed."""
    if baseline is None:
        return "added"
    return "unchanged" if baseline == sha256 else "changed"


def entry(
    info: DocInfo,
    status: ArticleStatus,
    tally: Tally | None = None,
    prices: tuple[Price | None, Price | None] = (None, None),
    duration_s: float = 0.0,
    *,
    source_id: str,
) -> ArticleEntry:
    """The entry of an article with a document: made now (a tally) or kept (none).
    ``prices``: live, batch. Answers this invocation collected from a batch are billed here at
    the batch price (and are not "cached"); live requests at the live price."""
    tally = tally or Tally()
    live, batch = tally.usage, tally.batch_usage
    return ArticleEntry(
        id=info.id,
        source_id=source_id,
        status=status,
        document=info.document,
        input_sha256=info.input_sha256,
        events=info.events,
        usage=live + batch,
        cost_usd=routed_cost(live, batch, *prices),
        cached=tally.requests == 0 and tally.batched == 0,
        attempts=tally.requests,
        duration_s=round(duration_s, 3) if tally.requests else 0.0,
    )


def bare_entry(
    article_id: str,
    status: ArticleStatus,
    kept: DocInfo | None,
    input_sha256: str | None,
    tally: Tally | None = None,
    price: Price | None = None,
    *,
    source_id: str,
) -> ArticleEntry:
    """A failed or skipped article: it lists the earlier document it keeps, if any."""
    tally = tally or Tally()
    return ArticleEntry(
        id=article_id,
        source_id=source_id,
        status=status,
        document=kept.document if kept else None,
        input_sha256=kept.input_sha256 if kept else input_sha256,
        events=kept.events if kept else 0,
        usage=tally.usage,
        cost_usd=cost(tally.usage, price),
        cached=False,
        attempts=tally.requests,
        duration_s=0.0,
    )


def counts_of(entries: Sequence[ArticleEntry], removed: Sequence[str]) -> RunCounts:
    return RunCounts(
        total=len(entries),
        added=sum(e.status == "added" for e in entries),
        changed=sum(e.status == "changed" for e in entries),
        unchanged=sum(e.status == "unchanged" for e in entries),
        removed=len(removed),
        failed=sum(e.status == "failed" for e in entries),
        skipped=sum(e.status == "skipped" for e in entries),
    )


def totals_of(entries: Sequence[ArticleEntry], duration_s: float) -> RunTotals:
    costs = [e.cost_usd for e in entries if e.cost_usd is not None]
    return RunTotals(
        usage=Usage(
            prompt_tokens=sum(e.usage.prompt_tokens for e in entries),
            completion_tokens=sum(e.usage.completion_tokens for e in entries),
        ),
        cost_usd=round(sum(costs), 6) if costs else None,
        model_calls=sum(e.attempts for e in entries),
        duration_s=round(duration_s, 3),
    )


def build_manifest(
    *,
    entries: Sequence[ArticleEntry],
    failures: Sequence[Failure],
    removed: Sequence[str],
    interrupted: bool,
    config: dict[str, ConfigValue],
    inputs: list[str],
    started_at: dt.datetime,
    finished_at: dt.datetime,
    duration_s: float,
    unselected: Collection[str] = (),
) -> RunManifest:
    """``complete`` when every article is done (those a tried run left out, ``unselected``,
    are skipped and count as done); ``interrupted`` after a signal; ``failed`` when some
    failed and none has a document from this run or an earlier one; else ``partial``
    (failures, or articles skipped by --max-cost)."""
    ordered = sorted(entries, key=lambda e: e.id)
    status: RunStatus = "interrupted" if interrupted else _status(ordered, unselected)
    return RunManifest(
        schema_version=SCHEMA_VERSION,
        extractor_version=__version__,
        started_at=started_at,
        finished_at=finished_at,
        status=status,
        config=config,
        inputs=inputs,
        counts=counts_of(ordered, removed),
        articles=ordered,
        removed=sorted(removed),
        failures=sorted(failures, key=lambda f: f.id),
        totals=totals_of(ordered, duration_s),
    )


def _status(entries: Sequence[ArticleEntry], unselected: Collection[str] = ()) -> RunStatus:
    left = any(e.status == "skipped" and e.id not in unselected for e in entries)
    if not left and not any(e.status == "failed" for e in entries):
        return "complete"
    done = any(e.status in ("added", "changed", "unchanged") for e in entries)
    failed = any(e.status == "failed" for e in entries)
    return "failed" if failed and not done else "partial"


def merge(manifests: Sequence[RunManifest], config: dict[str, ConfigValue]) -> RunManifest:
    """One manifest for the whole tree from the manifests of its N shards."""
    entries = [e for m in manifests for e in m.articles]
    removed = sorted({r for m in manifests for r in m.removed})
    started = min(m.started_at for m in manifests)
    finished = max(m.finished_at for m in manifests)
    statuses = {m.status for m in manifests}
    inputs = sorted({i for m in manifests for i in m.inputs})
    ordered = sorted(entries, key=lambda e: e.id)
    status: RunStatus = (
        "interrupted"
        if "interrupted" in statuses
        else "complete"
        if statuses == {"complete"}
        else "failed"
        if statuses == {"failed"}
        else "partial"
    )
    return RunManifest(
        schema_version=SCHEMA_VERSION,
        extractor_version=__version__,
        started_at=started,
        finished_at=finished,
        status=status,
        config=config,
        inputs=inputs,
        counts=counts_of(ordered, removed),
        articles=ordered,
        removed=removed,
        failures=sorted((f for m in manifests for f in m.failures), key=lambda f: f.id),
        totals=totals_of(ordered, (finished - started).total_seconds()),
    )
