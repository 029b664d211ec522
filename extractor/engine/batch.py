"""The nightly batch: plan from the cache, extract the rest concurrently, write the tree.

1. Plan. An article whose document on disk is the one recorded for the same input and the
   same configuration is reused as it is (no pipeline, no model call); with no record (a lost
   cache) the document's own source and ``provenance.settings_sha256`` say so. The others
   are queued (``--retry-failed`` queues only the failures of the previous manifest).
2. Extract. ``concurrency`` workers take queued articles one at a time through the pipeline,
   with a ``CachingClient`` (answers already paid for come from the cache) behind the shared
   rate limiter; the pipeline's pure stages may run in worker processes (``stages.py``).
   Each finished document is written atomically and recorded in the cache at once, so a
   killed run loses at most the requests in flight. A worker starts no new article after a
   stop request, once ``--max-cost`` would be exceeded, or once the endpoint itself fails
   (``EndpointUnavailableError``: one failure records the cause, the rest are skipped).
3. Finish. Remove the documents this tool wrote of articles no longer in the inputs, rewrite
   ``events.jsonl`` (only if it changed) and the manifest, and, for a shard, merge the shard
   manifests into ``run.json`` once all N exist.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import itertools
import json
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from extractor.article.parts import ArticleParts
from extractor.article.pipeline import PipelineSettings, chunk_count, prepare
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import EndpointConfig
from extractor.contract.models import ArticleDocument, ArticleEntry, Failure, RunManifest, Usage
from extractor.contract.pricing import Price, cost
from extractor.contract.version import VERSION
from extractor.engine import keys
from extractor.engine.budget import Budget
from extractor.engine.cache import ArticleState, Cache
from extractor.engine.client import CURRENT, CachingClient, Meter, Tally
from extractor.engine.files import (
    DocInfo,
    Stored,
    TreeNames,
    clean_temporary,
    document_path,
    info_from_bytes,
    is_file_name,
    prepare_document,
    present_ids,
    read_document,
    read_manifest,
    remove_document,
    render,
    sha256,
    write_document,
    write_lines_atomic,
)
from extractor.engine.lock import tree_lock
from extractor.engine.manifest import (
    ConfigValue,
    bare_entry,
    build_manifest,
    entry,
    failure_of,
    status_of,
)
from extractor.engine.merge import merge_shards
from extractor.engine.observe import Observer, Progress, Silent
from extractor.engine.ratelimit import RateLimiter
from extractor.engine.select import Limit, choose
from extractor.engine.shards import Shard
from extractor.engine.stages import StagePool, extract_rendered
from extractor.engine.stop import Stopper
from extractor.engine.story_state import KnownFacts
from extractor.errors import ConfigError, EndpointUnavailableError, InputError
from extractor.io.inputs import InputProblem
from extractor.io.llm import ModelClient
from extractor.io.output import dumps, write_atomic

Item = RawArticle | InputProblem
# One article through the pipeline; the engine takes it as an argument (tests, benchmarks).
Extract = Callable[[RawArticle, ModelClient, PipelineSettings], Awaitable[ArticleDocument]]
Refresh = Literal["changed", "only-changed", "force"]
HEARTBEAT_S = 5.0
# Fewer to extract: a worker process does not pay for its start (bench/engine_workers.py:
# from 64 articles up it was faster in every round measured; docs/BENCHMARKS.md).
POOL_MIN_ARTICLES = 64
T = TypeVar("T")


@dataclass(frozen=True)
class RunSettings:
    out_dir: Path
    concurrency: int = 16
    inputs: list[str] = field(default_factory=list)
    config: dict[str, ConfigValue] = field(default_factory=dict)  # recorded; never secrets
    cache_path: Path | None = None  # default: OUT/.extractor-cache[.shard-K-of-N].sqlite
    refresh: Refresh = "changed"  # what is re-extracted; see plan_article
    retry_failed: bool = False  # only the failures of the previous manifest
    shard: Shard | None = None
    rpm: float | None = None
    tpm: float | None = None
    max_cost: float | None = None  # USD; needs a price
    price: Price | None = None  # of live calls: for costs in run.json and the budget
    batch_price: Price | None = None  # of answers collected from a batch by this invocation
    grace_s: float = 10.0  # after a stop request, how long articles in flight may finish
    # After a stop request, articles in flight send no new request: the ones sent are still
    # answered and stored (for an endpoint that finishes them anyway: the embedded model).
    only_sent_after_stop: bool = False
    processes: int = 0  # worker processes for the pipeline's pure stages (see POOL_MIN_ARTICLES)
    limit: Limit | None = None  # a tried run: the others are skipped, never removed (select.py)
    # Articles whose answers are still in a provider's batch: skipped, their documents kept.
    waiting: frozenset[str] = frozenset()
    # Request keys whose answers this invocation collected from a batch: billed in its run.json.
    collected: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RunResult:
    manifest: RunManifest
    manifest_path: Path
    stop_reason: str | None  # the signal that interrupted the run
    budget_stopped: bool
    missing_shards: list[int] | None  # sharded: shards whose manifest is still missing
    endpoint_failure: str | None = None  # why the endpoint stopped the run
    # article id -> (sha256 of its document, its events' story facts), for the documents
    # made this run with them (the link need not read these documents again)
    facts: Mapping[str, KnownFacts] = field(default_factory=dict)


def default_cache_path(out_dir: Path, shard: Shard | None) -> Path:
    return out_dir / TreeNames(shard).cache


def plan_article(
    state: ArticleState | None,
    disk_sha256: str | None,
    input_key: str,
    config_key: str,
    refresh: Refresh,
) -> bool:
    """Whether the document on disk can be kept as it is.

    ``changed`` (default): when it was made from the same input with the same configuration.
    ``only-changed``: when it was made from the same input, whatever the configuration (a new
    prompt or model then applies only to new and changed articles). ``force``: never.
    """
    if refresh == "force" or state is None or disk_sha256 is None:
        return False
    if state.document_sha256 != disk_sha256 or state.input_key != input_key:
        return False
    return refresh == "only-changed" or state.config_key == config_key


async def run_batch(
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    *,
    observer: Observer | None = None,
    stopper: Stopper | None = None,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    http_client: Any = None,
    extract: Extract | None = None,
    stages: StagePool | None = None,
    prepared: Mapping[str, ArticleParts] | None = None,
) -> RunResult:
    """Extract ``items`` into ``settings.out_dir``; see the module docstring.

    ``extract`` replaces the pipeline (tests, benchmarks); ``stages``: worker processes for
    its pure stages, closed by the caller (else ``settings.processes`` of its own), started
    here from ``POOL_MIN_ARTICLES`` articles to extract; ``prepared``: articles already
    cleaned (a plan's ``parts``), by id.
    """
    out = settings.out_dir
    names = TreeNames(settings.shard)
    # Each document records what decided it, so a lost cache does not cost its articles.
    pipeline = dataclasses.replace(
        pipeline, settings_sha256=keys.config_key(endpoint, pipeline, _version())
    )
    out.mkdir(parents=True, exist_ok=True)
    cache_path = settings.cache_path or default_cache_path(out, settings.shard)
    with tree_lock(out, settings.shard, now), Cache.open(cache_path, now) as cache:
        batch = _Batch(
            items, endpoint, pipeline, settings, cache, observer or Silent(), stopper, clock
        )
        if cache.recovery is not None:
            batch.observer.note("cache", cache.recovery.line())
        batch.extract = extract
        batch.stages = stages
        batch.prepared = prepared or {}
        started_at = now()
        client = CachingClient(
            endpoint,
            cache,
            keys.answer_base(endpoint, pipeline),
            legacy_base=keys.legacy_answer_base(endpoint, pipeline),
            meter=batch.meter,
            read=settings.refresh != "force",
            clock=time.time,
            http_client=http_client,
            collected=settings.collected,
        )
        own = None
        try:
            batch.plan()
            if len(batch.queue) >= POOL_MIN_ARTICLES:
                if stages is None and settings.processes:
                    batch.stages = own = StagePool(settings.processes)
                if batch.stages is not None:
                    batch.stages.start()  # a no-op once started
            await batch.extract_all(client)
        finally:
            if own is not None:
                await own.aclose()
            await client.aclose()
        manifest = batch.finish(started_at, now())
        missing = None
        if settings.shard is not None:  # under the lock: no run without --shard meanwhile
            missing = merge_shards(out, settings.shard.n)
    return RunResult(
        manifest=manifest,
        manifest_path=out / names.manifest,
        stop_reason=batch.stopper.reason,
        budget_stopped=batch.budget.exhausted,
        missing_shards=missing,
        endpoint_failure=str(batch.endpoint_down) if batch.endpoint_down else None,
        facts=batch.facts,
    )


def queued(
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    cache: Cache,
) -> list[RawArticle]:
    """The articles a run with these settings would extract: its plan step alone (the caller
    holds the folder's lock), for ``requests.plan_requests``."""
    pipeline = dataclasses.replace(
        pipeline, settings_sha256=keys.config_key(endpoint, pipeline, _version())
    )
    batch = _Batch(items, endpoint, pipeline, settings, cache, Silent(), None, time.monotonic)
    batch.plan()
    return list(batch.queue)


class _Turn:
    """An article's hold on one of the run's ``--concurrency`` turns, given back once."""

    def __init__(self, turns: asyncio.Semaphore) -> None:
        self.turns = turns
        self.held = True

    def end(self) -> None:
        if self.held:
            self.held = False
            self.turns.release()


class _Batch:
    """The state of one run between its three steps."""

    def __init__(
        self,
        items: Sequence[Item],
        endpoint: EndpointConfig,
        pipeline: PipelineSettings,
        settings: RunSettings,
        cache: Cache,
        observer: Observer,
        stopper: Stopper | None,
        clock: Callable[[], float],
    ) -> None:
        self.settings, self.pipeline, self.cache = settings, pipeline, cache
        self.out = settings.out_dir
        self.names = TreeNames(settings.shard)
        self.tree = str(self.out.resolve())
        self.observer, self.clock = observer, clock
        self.stopper = stopper or Stopper()
        shard = settings.shard
        # one item per id (``load_inputs`` reports ids used twice as problems, once per use)
        held = [i for i in items if shard is None or shard.holds(i.id)]
        self.items = first_each(held, lambda i: i.id)
        # the settings a document records, and those with the code: the state's key
        self.settings_key = keys.config_key(endpoint, pipeline, _version())
        self.config_key = keys.build_key(self.settings_key, keys.code_sha256())
        self.price = settings.price
        self.budget = Budget(settings.max_cost, settings.price, endpoint.max_tokens)
        self.limiter = RateLimiter(
            rpm=settings.rpm, tpm=settings.tpm, max_in_flight=settings.concurrency, clock=clock
        )
        self.meter = Meter(self.limiter, self._on_request)
        self.entries: dict[str, ArticleEntry] = {}
        self.shas: dict[str, str] = {}  # article id -> sha256 of the document it lists
        self.facts: dict[str, KnownFacts] = {}  # documents made with their story facts
        self.failures: list[Failure] = []
        self.queue: deque[RawArticle] = deque()
        self.in_flight: dict[str, tuple[RawArticle, Tally]] = {}
        self.kept: dict[str, DocInfo | None] = {}  # documents on disk before extraction
        self.baseline: dict[str, str | None] = {}
        self.input_keys: dict[str, str] = {}
        self.recorded: dict[str, tuple[str, float]] = {}  # content sha256 and duration
        self.started = clock()
        self.first_start: float | None = None
        self.budget_noted = False
        self.not_retried: list[str] = []  # --retry-failed: new or changed, so left
        self.endpoint_down: EndpointUnavailableError | None = None
        self.extract: Extract | None = None
        self.stages: StagePool | None = None
        self.prepared: Mapping[str, ArticleParts] = {}
        self.progress = Progress(total=len(self.items))
        self.unselected: set[str] = set()  # left out by --limit/--sample
        self.turns = asyncio.Semaphore(settings.concurrency)  # articles asking the model
        self.ahead: dict[str, asyncio.Future[ArticleParts]] = {}  # cleaned before their turn

    # --- 1. plan ------------------------------------------------------------------------

    def plan(self) -> None:
        holds = self.settings.shard.holds if self.settings.shard else (lambda _: True)
        if clean_temporary(self.out, holds):
            self.observer.note("cleanup", "removed temporary files left by an interrupted run")
        for name in (self.names.manifest, self.names.events):
            for path in self.out.glob(f".{name}.*.tmp"):
                path.unlink(missing_ok=True)
        states = self.cache.articles(self.tree)
        selected = self._retry_selection()
        limit = self.settings.limit
        if limit is not None:  # after the retry selection; stale removal still sees every item
            candidates = [i.id for i in self.items if selected is None or i.id in selected]
            selected = choose(candidates, limit)
            self.unselected = {i.id for i in self.items} - selected
        for item in self.items:
            if isinstance(item, InputProblem):
                data = read_document(self.out, item.id)
                self.kept[item.id] = self._adopt(item.id, states.get(item.id), data)[0]
                if item.id in self.unselected:
                    self._skip(item)
                else:
                    self._fail_problem(item)
                continue
            self._plan_one(item, states.get(item.id), selected)
        self.progress.to_extract = len(self.queue)
        self._note_start()
        self._report()

    def _retry_selection(self) -> set[str] | None:
        if not self.settings.retry_failed:
            return None
        previous = read_manifest(self.out / self.names.manifest)
        if previous is None and self.settings.shard is not None:
            previous = read_manifest(self.out / "run.json")
        if previous is None:
            raise ConfigError(
                f"--retry-failed needs the manifest of an earlier run in {self.out} "
                f"({self.names.manifest}); run without --retry-failed first."
            )
        return {f.id for f in previous.failures}

    def _plan_one(self, item: RawArticle, state: ArticleState | None, selected: Any) -> None:
        data = read_document(self.out, item.id)
        disk = sha256(data) if data is not None else None
        self.baseline[item.id] = state.listed_sha256 if state is not None else disk
        ikey = keys.input_key(item)
        self.input_keys[item.id] = ikey
        if state is not None and state.content_sha256 and state.duration_s is not None:
            self.recorded[item.id] = (state.content_sha256, state.duration_s)
        kept, state = self._adopt(item.id, state, data, item)
        self.kept[item.id] = kept
        not_chosen = selected is not None and item.id not in selected
        not_retried = not_chosen and item.id not in self.unselected  # not --limit's choice
        # --retry-failed keeps the intact document of an article it does not retry, whatever
        # the configuration (another endpoint or model retries only the failures).
        refresh = "only-changed" if not_retried else self.settings.refresh
        if kept is not None and plan_article(state, disk, ikey, self.config_key, refresh):
            status = status_of(self.baseline[item.id], kept.sha256)
            self._record(entry(kept, status, source_id=item.source_id), kept.sha256)
            self.progress.cached += 1
            self.progress.done += 1
        elif not_chosen:
            if not_retried:
                self.not_retried.append(item.id)
            self._skip(item)
        elif item.id in self.settings.waiting:
            self._skip(item)
        else:
            self.queue.append(item)

    def _adopt(
        self,
        article_id: str,
        state: ArticleState | None,
        data: bytes | None,
        item: RawArticle | None = None,
    ) -> tuple[DocInfo | None, ArticleState | None]:
        """What the manifest needs of the document on disk, and the article's state, which
        records the document if the cache did not know it."""
        if data is None:
            return None, state
        disk = sha256(data)
        if state is not None and state.document_sha256 == disk and state.events is not None:
            path = f"articles/{article_id}.json"
            info = DocInfo(article_id, path, disk, state.events, state.input_sha256 or "")
            return info, state
        parsed = info_from_bytes(article_id, data)
        if parsed is None:
            return None, state  # unreadable: treated as absent, rewritten when extracted
        info, fragment = parsed
        made_from = item is not None and _made_from(data, item)
        ikey = keys.input_key(item) if item is not None and made_from else None
        # Made from this input with these settings: as good as the cache's own record (the
        # document does not record its code; with no cache, an answer would cost a call).
        ckey = self.config_key if ikey and _settings_of(data) == self.settings_key else None
        record = ArticleState(article_id, ikey, ckey, info.input_sha256, disk, info.events, None)
        self.cache.put_article(self.tree, record, fragment)
        listed = state.listed_sha256 if state is not None else disk  # unknown: as if listed
        if state is None:
            self.cache.mark_listed(self.tree, {article_id: disk})
        return info, dataclasses.replace(record, listed_sha256=listed)

    def _note_start(self) -> None:
        p = self.progress
        where = f" (shard {self.settings.shard.label})" if self.settings.shard else ""
        if self.settings.limit is not None:
            where += f" ({self.settings.limit.label})"
        self.observer.note(
            "start",
            f"{p.total} articles{where}: {p.cached} unchanged, {len(self.queue)} to extract, "
            f"{p.failed} unreadable, {p.skipped} skipped",
        )

    def _note_not_retried(self) -> None:
        if self.not_retried:
            shown = ", ".join(self.not_retried[:5]) + (", ..." if len(self.not_retried) > 5 else "")
            self.observer.note(
                "start",
                f"--retry-failed: {len(self.not_retried)} skipped (not failures of the previous "
                f"run, and new or changed since its document: run without --retry-failed to "
                f"extract them): {shown}",
            )

    # --- 2. extract ---------------------------------------------------------------------

    async def extract_all(self, client: CachingClient) -> None:
        if not self.queue:
            return
        self.first_start = self.clock()
        # With worker processes, up to as many again building their documents while others
        # ask (in this process, building holds the loop: more would only wait).
        concurrency = self.settings.concurrency
        extra = concurrency if self.stages is not None else 0
        workers = [
            asyncio.create_task(self._worker(client))
            for _ in range(min(concurrency + extra, len(self.queue)))
        ]
        heartbeat = asyncio.create_task(self._heartbeat())
        ready = asyncio.create_task(self._ahead_when_ready())
        try:
            await self._supervise(workers, client)
        finally:
            tasks: list[asyncio.Future[Any]] = [heartbeat, ready, *self.ahead.values()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(heartbeat, ready, *self.ahead.values(), return_exceptions=True)
            self.ahead.clear()
        for item, tally in self.in_flight.values():  # cancelled mid-article
            self._skip(item, tally)
        self.in_flight.clear()
        left = len(self.queue)
        while self.queue:
            item = self.queue.popleft()
            self._skip(item)
        if self.budget_noted:  # what was spent in all, now that the articles in flight ended
            self.observer.note(
                "budget",
                f"--max-cost ${self.settings.max_cost:g}: spent ${self.progress.cost_usd:.4f} "
                f"in all; {left} articles left for the next run",
            )

    async def _supervise(self, workers: list[asyncio.Task[None]], client: CachingClient) -> None:
        drain = asyncio.ensure_future(self.stopper.draining())
        try:
            pending: set[asyncio.Future[None]] = set(workers)
            while pending and not drain.done():
                _, pending = await asyncio.wait(
                    pending | {drain}, return_when=asyncio.FIRST_COMPLETED
                )
                pending.discard(drain)
            if pending:
                await self._wind_down(pending, client)
            await asyncio.gather(*workers, return_exceptions=True)
        finally:
            drain.cancel()
        for worker in workers:  # a bug in the engine itself must not pass silently
            if not worker.cancelled() and (error := worker.exception()) is not None:
                raise error

    async def _wind_down(self, pending: set[asyncio.Future[None]], client: CachingClient) -> None:
        """After a stop request: let articles in flight finish within the grace period (or
        only their requests sent, ``only_sent_after_stop``)."""
        grace = f"{self.settings.grace_s:g}s"
        finish = f"get {grace} to finish ("
        if self.settings.only_sent_after_stop:
            client.stop_sending()
            finish = f"send no new request and keep the answers under way (at most {grace}; "
        self.observer.note(
            "stopping",
            f"{self.stopper.reason}: starting no new article; {len(self.in_flight)} in flight "
            f"{finish}signal again to stop now)",
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.grace_s
        cancel = asyncio.ensure_future(self.stopper.cancelling())
        while pending and not cancel.done() and (left := deadline - loop.time()) > 0:
            _, pending = await asyncio.wait(
                pending | {cancel}, timeout=left, return_when=asyncio.FIRST_COMPLETED
            )
            pending.discard(cancel)
        cancel.cancel()
        for worker in pending:
            worker.cancel()

    async def _worker(self, client: CachingClient) -> None:
        while True:
            # A turn is an article's requests: it ends when the model has answered, so the
            # next article's requests go out while this one's document is built.
            await self.turns.acquire()
            turn = _Turn(self.turns)
            try:
                if not self.queue or self.stopper.requested or self.endpoint_down is not None:
                    return
                item = self.queue[0]
                # Sized (its sentences split) only for a budget: no work of the run's own
                # process goes to an estimate nobody reads.
                limited = self.budget.limit is not None
                estimate = self.budget.estimate(*self._size(item)) if limited else 0.0
                if not self.budget.reserve(item.id, estimate):
                    self._note_budget()
                    return
                self.queue.popleft()
                self._prepare_ahead()
                await self._extract(item, client, turn.end)
            finally:
                turn.end()

    def _prepare_ahead(self) -> None:
        """Clean the next articles of the queue in the worker processes before their turn,
        so that a turn begins with its request (cleaning is pure: done ahead, it is the same)."""
        if self.stages is None or not self.stages.ready or self.extract is not None:
            return  # here, it would only come earlier
        for item in itertools.islice(self.queue, self.settings.concurrency):
            if item.id not in self.ahead and item.id not in self.prepared:
                self.ahead[item.id] = asyncio.ensure_future(self.stages.first(prepare, item))

    async def _ahead_when_ready(self) -> None:
        if self.stages is not None:
            await self.stages.wait_ready()
            self._prepare_ahead()

    def _size(self, item: RawArticle) -> tuple[int, int]:
        prompt = len(self.pipeline.prompt.system) + len(self.pipeline.prompt.user)
        chunks = chunk_count(item.text, self.pipeline.chunk_chars)
        return len(item.text) + prompt * chunks, chunks

    def _note_budget(self) -> None:
        if not self.budget_noted:
            self.budget_noted = True
            # Spent: every answer paid for so far, articles in flight included.
            self.observer.note(
                "budget",
                f"--max-cost ${self.settings.max_cost:g}: spent ${self.progress.cost_usd:.4f} "
                f"so far, up to ${self.budget.reserved:.4f} more for the {len(self.in_flight)} "
                "articles in flight; starting no new article (the next could exceed the "
                f"budget); {len(self.queue)} left for the next run",
            )

    async def _extract(
        self, item: RawArticle, client: CachingClient, asked: Callable[[], None]
    ) -> None:
        tally = Tally()
        self.in_flight[item.id] = (item, tally)
        token = CURRENT.set(tally)
        started = self.clock()
        cancelled = False
        try:
            recorded = self.recorded.get(item.id)
            if self.extract is None:
                parts = self.prepared.get(item.id)
                ahead = self.ahead.pop(item.id, None)
                if parts is None and ahead is not None:
                    parts = await ahead
                rendered = await extract_rendered(
                    item, client, self.pipeline, self.stages, recorded, parts, asked
                )
            else:
                rendered = render(await self.extract(item, client, self.pipeline), recorded)
            stored = prepare_document(self.out, rendered)
            # Recorded before it is written: a run killed in between re-makes the document
            # from the cache and still reports it against the last manifest.
            self._stored(item, stored, tally, self.clock() - started)
            # In a thread, as the write ends with an fsync; once begun it is seen through,
            # so a cancelled run never leaves a document its manifest does not describe.
            _, cancelled = await _complete(asyncio.to_thread(write_document, self.out, stored))
        except Exception as exc:  # one article never stops the batch
            self._fail(item, exc, tally)
        finally:
            CURRENT.reset(token)
        del self.in_flight[item.id]
        self.budget.settle(item.id, cost(tally.usage, self.price), tally.completion_tokens)
        self.progress.done += 1
        self.progress.extracted += 1
        self._report()
        if cancelled:
            raise asyncio.CancelledError

    def _stored(self, item: RawArticle, stored: Stored, tally: Tally, duration: float) -> None:
        info = stored.info
        state = ArticleState(
            item.id,
            self.input_keys[item.id],
            self.config_key,
            info.input_sha256,
            info.sha256,
            info.events,
            None,
            stored.content_sha256,
            stored.duration_s,
        )
        self.cache.put_article(self.tree, state, stored.fragment)
        if stored.facts is not None:
            self.facts[item.id] = (info.sha256, stored.facts)
        status = status_of(self.baseline[item.id], info.sha256)
        made = entry(
            info,
            status,
            tally,
            (self.price, self.settings.batch_price),
            duration,
            source_id=item.source_id,
        )
        self._record(made, info.sha256)
        self.progress.cached += int(tally.requests == 0)

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            self._report()

    def _on_request(self, usage: Usage | None) -> None:
        p = self.progress
        p.requests += 1
        p.rate_limited = self.limiter.rate_limited
        if usage is not None:
            p.tokens += usage.total_tokens
            p.cost_usd += cost(usage, self.price) or 0.0

    # --- outcomes -----------------------------------------------------------------------

    def _record(self, article: ArticleEntry, sha: str | None) -> None:
        self.entries[article.id] = article
        if sha is not None:
            self.shas[article.id] = sha

    def _keep(self, article_id: str) -> DocInfo | None:
        kept = self.kept.get(article_id)
        if kept is not None:
            self.shas[article_id] = kept.sha256
        return kept

    def _skip(self, item: Item, tally: Tally | None = None) -> None:
        kept = self._keep(item.id)
        raw = item.input_sha256 if isinstance(item, RawArticle) else None
        skipped = bare_entry(
            item.id, "skipped", kept, raw, tally, self.price, source_id=item.source_id
        )
        self._record(skipped, None)
        self.progress.skipped += 1
        self.progress.done += 1

    def _fail(self, item: RawArticle, exc: BaseException, tally: Tally) -> None:
        if isinstance(exc, EndpointUnavailableError):
            if self.endpoint_down is not None:  # said once; not this article's fault
                kept = self._keep(item.id)
                skipped = bare_entry(
                    item.id,
                    "skipped",
                    kept,
                    item.input_sha256,
                    tally,
                    self.price,
                    source_id=item.source_id,
                )
                self._record(skipped, None)
                self.progress.skipped += 1
                return
            self.endpoint_down = exc
            others = len(self.queue) + len(self.in_flight) - 1  # in flight: this one too
            self.observer.note(
                "endpoint-failed",
                f"{exc}; starting no new article ({others} others left for the next run)",
            )
        failure = failure_of(item.id, exc, tally.requests, source_id=item.source_id)
        kept = self._keep(item.id)
        failed = bare_entry(
            item.id, "failed", kept, item.input_sha256, tally, self.price, source_id=item.source_id
        )
        self._record(failed, None)
        self.failures.append(failure)
        self.progress.failed += 1
        self.observer.failed(failure)

    def _fail_problem(self, item: InputProblem) -> None:
        failure = failure_of(
            item.id, InputError(item.id, item.message), 0, source_id=item.source_id
        )
        kept = self._keep(item.id)
        self._record(bare_entry(item.id, "failed", kept, None, source_id=item.source_id), None)
        self.failures.append(failure)
        self.progress.failed += 1
        self.progress.done += 1
        self.observer.failed(failure)

    def _report(self) -> None:
        p = self.progress
        now = self.clock()
        p.elapsed_s = now - self.started
        p.extract_s = now - self.first_start if self.first_start is not None else 0.0
        self.observer.progress(p, final=False)

    # --- 3. finish ----------------------------------------------------------------------

    def finish(self, started_at: dt.datetime, finished_at: dt.datetime) -> RunManifest:
        removed = self._remove_stale()
        write_lines_atomic(self.out / self.names.events, self._event_lines())
        manifest = build_manifest(
            entries=list(self.entries.values()),
            failures=self.failures,
            removed=removed,
            interrupted=self.stopper.requested,
            config=self.settings.config,
            inputs=self.settings.inputs,
            started_at=started_at,
            finished_at=finished_at,
            duration_s=self.clock() - self.started,
            unselected=self.unselected,
        )
        write_atomic(self.out / self.names.manifest, dumps(manifest))
        listed: dict[str, str | None] = dict.fromkeys(removed)
        listed.update({e.id: self.shas.get(e.id) for e in manifest.articles})
        self.cache.mark_listed(self.tree, listed)
        self.progress.elapsed_s = self.clock() - self.started
        self._note_not_retried()  # next to the summary, which counts them as skipped
        self.observer.progress(self.progress, final=True)
        return manifest

    def _remove_stale(self) -> list[str]:
        """Remove the documents of articles no longer in the inputs, but only documents this
        tool wrote and nobody changed since; any other file in ``articles/`` is left, named."""
        shard = self.settings.shard
        previous = read_manifest(self.out / self.names.manifest)
        listed = {e.id for e in previous.articles if e.document} if previous else set()
        candidates = (present_ids(self.out) | listed) - {item.id for item in self.items}
        if shard is not None:
            candidates = {i for i in candidates if shard.holds(i)}
        states = self.cache.articles(self.tree)
        removed: list[str] = []
        gone: list[str] = []  # listed last time, already deleted
        left: dict[str, str] = {}
        for article_id in sorted(candidates):
            if not is_file_name(article_id):  # a hand-edited run.json: not a document of ours
                self.observer.note(
                    "left",
                    f"left {article_id}: run.json lists it under an id that is not a file name",
                )
                continue
            data = read_document(self.out, article_id)
            if data is None:
                gone.append(article_id)
                continue
            why = stale_reason(states.get(article_id), sha256(data), article_id in listed)
            if why is None:
                remove_document(self.out, article_id)
                removed.append(article_id)
            else:
                left[article_id] = why
        self._note_removed(removed, left)
        return sorted(removed + gone)

    def _note_removed(self, removed: list[str], left: dict[str, str]) -> None:
        if removed:
            paths = ", ".join(document_path(i) for i in removed)
            self.observer.note(
                "removed", f"removed {paths}: its article is no longer in the inputs"
            )
        for why in sorted(set(left.values())):
            paths = ", ".join(document_path(i) for i, w in sorted(left.items()) if w == why)
            self.observer.note(
                "left", f"left {paths}: {why}; not an input, so not in run.json: move it out"
            )

    def _event_lines(self) -> Iterator[str]:
        for article_id in sorted(self.entries):
            article = self.entries[article_id]
            sha = self.shas.get(article_id)
            if article.document is None or sha is None:
                continue
            fragment = self.cache.fragment(self.tree, article_id, sha)
            if fragment is None:
                data = read_document(self.out, article_id)
                parsed = info_from_bytes(article_id, data) if data else None
                fragment = parsed[1] if parsed else ""
            yield fragment


async def _complete(awaitable: Awaitable[T]) -> tuple[T, bool]:
    """Await to the end even when cancelled meanwhile; says whether it was."""
    task = asyncio.ensure_future(awaitable)
    cancelled = False
    while not task.done():
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            cancelled = True
    return task.result(), cancelled


def stale_reason(state: ArticleState | None, disk_sha256: str, listed: bool) -> str | None:
    """Why a document of an article no longer in the inputs must be left (None: remove it).
    This tool removes only what it wrote: a file its state records (or, with no state, that
    the last manifest listed) and that nobody changed since."""
    recorded = set()
    if state is not None:
        recorded = {s for s in (state.document_sha256, state.listed_sha256) if s is not None}
    if not recorded:
        return None if listed else "not written by extractor (it has no record of it)"
    if disk_sha256 in recorded:
        return None
    return "changed since extractor wrote it"


def _settings_of(data: bytes) -> str | None:
    """The ``provenance.settings_sha256`` a document records (None: older documents)."""
    try:
        value = json.loads(data)["provenance"]["settings_sha256"]
    except (ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, str) else None


def _made_from(data: bytes, item: RawArticle) -> bool:
    """Whether a document (one the cache does not know) was made from this very input; it is
    then kept when it was made with the same settings (with --only-changed, whatever they
    were), so a lost cache does not cost a re-extraction."""
    try:
        doc = json.loads(data)
        source, published = doc["source"], doc["published"]
    except (ValueError, KeyError, TypeError):
        return False
    same = (
        source.get("input_sha256") == item.input_sha256
        and source.get("path") == item.path
        and source.get("title") == item.title
        and source.get("url") == item.url
        and source.get("source") == item.source
    )
    if item.published_at is not None:
        same = same and published.get("value") == item.published_at.isoformat()
    return bool(same)


def first_each(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """The first of ``items`` with each ``key``, in order."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept


def _version() -> str:
    return VERSION
