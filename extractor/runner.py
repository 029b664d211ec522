"""The batch: every article through the pipeline, concurrently, failures recorded, never lost."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractor import __version__
from extractor.errors import (
    EndpointError,
    ExtractorError,
    InputError,
    OutputValidationError,
)
from extractor.inputs import InputProblem, RawArticle
from extractor.llm import ModelClient, RefusalError, TruncatedOutputError
from extractor.models import (
    SCHEMA_VERSION,
    ArticleDocument,
    ArticleEntry,
    ArticleStatus,
    Failure,
    RunCounts,
    RunManifest,
    RunTotals,
    Usage,
)
from extractor.output import dumps, dumps_line, inside, write_atomic
from extractor.pipeline import PipelineSettings, extract_article

ARTICLES_DIR = "articles"
ConfigValue = str | int | float | bool | None


@dataclass(frozen=True)
class RunSettings:
    out_dir: Path
    concurrency: int = 4
    inputs: list[str] = field(default_factory=list)
    config: dict[str, ConfigValue] = field(default_factory=dict)  # no secrets in here


@dataclass
class Progress:
    """Counts the run reports as it goes; ``report`` is called after every article."""

    total: int
    report: Callable[[Progress], None] = lambda _: None
    done: int = 0
    failed: int = 0
    tokens: int = 0
    started: float = field(default_factory=time.monotonic)

    def step(self, *, failed: bool, tokens: int) -> None:
        self.done += 1
        self.failed += int(failed)
        self.tokens += tokens
        self.report(self)


def failure_of(article_id: str, exc: BaseException) -> Failure:
    """Classify an exception into the stage where the article failed."""
    stage = "internal"
    attempts = 0
    if isinstance(exc, InputError):
        stage = "input"
    elif isinstance(exc, EndpointError):
        stage, attempts = "request", exc.attempts
    elif isinstance(exc, OutputValidationError):
        stage, attempts = "validation", exc.attempts
    elif isinstance(exc, TruncatedOutputError | RefusalError):
        stage, attempts = "validation", 1
    elif isinstance(exc, OSError):
        stage = "output"
    message = str(exc) if isinstance(exc, ExtractorError | OSError) else repr(exc)
    return Failure.model_validate(
        {
            "id": article_id,
            "stage": stage,
            "error_class": type(exc).__name__,
            "message": message[:500],
            "attempts": attempts,
        }
    )


def document_path(article_id: str) -> str:
    return f"{ARTICLES_DIR}/{article_id}.json"


async def _one(
    article: RawArticle,
    client: ModelClient,
    pipeline: PipelineSettings,
    out_dir: Path,
) -> ArticleEntry | Failure:
    started = time.monotonic()
    try:
        document = await extract_article(article, client, pipeline)
        relative = document_path(article.id)
        target = inside(out_dir, relative)
        existed = target.exists()
        changed = write_atomic(target, dumps(document))
    except Exception as exc:  # one article never stops the batch
        return failure_of(article.id, exc)
    status: ArticleStatus = "unchanged"
    if changed:
        status = "changed" if existed else "added"
    return ArticleEntry(
        id=article.id,
        status=status,
        document=relative,
        input_sha256=article.input_sha256,
        events=len(document.events),
        usage=document.provenance.usage,
        cost_usd=document.provenance.cost_usd,
        cached=False,
        attempts=document.provenance.attempts,
        duration_s=round(time.monotonic() - started, 3),
    )


def _write_events(out_dir: Path, ids: Sequence[str]) -> None:
    lines = []
    for article_id in sorted(ids):
        path = out_dir / document_path(article_id)
        if not path.exists():
            continue
        document = ArticleDocument.model_validate_json(path.read_text(encoding="utf-8"))
        for event in document.events:
            lines.append(dumps_line({"article_id": article_id, **event.model_dump(mode="json")}))
    write_atomic(out_dir / "events.jsonl", "".join(lines))


def _previous_ids(out_dir: Path) -> set[str]:
    manifest = out_dir / "run.json"
    if not manifest.exists():
        return set()
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return {a["id"] for a in data.get("articles", []) if a.get("document")}


async def run_batch(
    items: Sequence[RawArticle | InputProblem],
    client: ModelClient,
    pipeline: PipelineSettings,
    settings: RunSettings,
    progress: Progress | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> RunManifest:
    """Extract every article, write documents, ``events.jsonl`` and ``run.json``."""
    started_at, started = now(), time.monotonic()
    out_dir = settings.out_dir
    progress = progress or Progress(total=len(items))
    previous = _previous_ids(out_dir)
    gate = asyncio.Semaphore(max(1, settings.concurrency))

    async def guarded(item: RawArticle | InputProblem) -> ArticleEntry | Failure:
        if isinstance(item, InputProblem):
            result: ArticleEntry | Failure = failure_of(item.id, InputError(item.id, item.message))
        else:
            async with gate:
                result = await _one(item, client, pipeline, out_dir)
        tokens = result.usage.total_tokens if isinstance(result, ArticleEntry) else 0
        progress.step(failed=isinstance(result, Failure), tokens=tokens)
        return result

    results = await asyncio.gather(*(guarded(item) for item in items))
    entries = [r for r in results if isinstance(r, ArticleEntry)]
    failures = [r for r in results if isinstance(r, Failure)]
    current = {item.id for item in items}
    removed = sorted(previous - current)
    for article_id in removed:
        inside(out_dir, document_path(article_id)).unlink(missing_ok=True)
    kept = [e.id for e in entries] + [f.id for f in failures if f.id in previous]
    _write_events(out_dir, kept)
    manifest = _manifest(settings, entries, failures, removed, started_at, now())
    manifest = manifest.model_copy(
        update={
            "totals": manifest.totals.model_copy(
                update={"duration_s": round(time.monotonic() - started, 3)}
            )
        }
    )
    write_atomic(out_dir / "run.json", dumps(manifest))
    return manifest


def _manifest(
    settings: RunSettings,
    entries: list[ArticleEntry],
    failures: list[Failure],
    removed: list[str],
    started_at: dt.datetime,
    finished_at: dt.datetime,
) -> RunManifest:
    counts = RunCounts(
        total=len(entries) + len(failures),
        added=sum(e.status == "added" for e in entries),
        changed=sum(e.status == "changed" for e in entries),
        unchanged=sum(e.status == "unchanged" for e in entries),
        removed=len(removed),
        failed=len(failures),
    )
    usage = Usage(
        prompt_tokens=sum(e.usage.prompt_tokens for e in entries),
        completion_tokens=sum(e.usage.completion_tokens for e in entries),
    )
    costs = [e.cost_usd for e in entries if e.cost_usd is not None]
    return RunManifest(
        schema_version=SCHEMA_VERSION,
        extractor_version=__version__,
        started_at=started_at,
        finished_at=finished_at,
        status="complete" if not failures else "partial",
        config=settings.config,
        inputs=settings.inputs,
        counts=counts,
        articles=sorted(entries, key=lambda e: e.id),
        removed=removed,
        failures=sorted(failures, key=lambda f: f.id),
        totals=RunTotals(
            usage=usage,
            cost_usd=round(sum(costs), 6) if costs else None,
            model_calls=sum(e.attempts for e in entries),
            duration_s=0.0,
        ),
    )
