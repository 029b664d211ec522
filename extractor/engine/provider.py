"""``extractor run --batch``: the run's requests through a provider's Batch API.

One invocation, under the output folder's lock:

1. Collect. Each batch the run's SQLite state lists as open is looked at; one that ended
   (completed, failed, expired, cancelled) has its output and error files read, every answer
   stored in the cache as a live answer is (``requests.store_results``), and is marked
   collected. Lines are independent: a failed line loses only itself.
2. Plan and submit. ``requests.plan_requests`` lists what the run still needs. A request
   already in an open batch is not sent again; the others are written as request files within
   the provider's limits (requests and bytes per file), uploaded and made batches, each
   recorded in the state at once, so a run killed at any point collects, the next time,
   instead of submitting again. An article that has been through an ended batch and still
   needs a request (its line failed, its answer was refused, did not fit the schema, or was
   cut off and its chunk split; or the batch was cancelled or failed as a whole) goes to a
   second round: live (the default) or one more batch (``retry="batch"``). What an expired
   batch did not answer is submitted again as a batch.
3. With ``wait``, the batches are polled (with a progress line) until they end, collecting and
   submitting the second round as they do. Then the ordinary run builds every document
   whose answers are all in the cache (asking live only for a second round) and skips the
   articles still waiting for a batch, keeping their documents.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from extractor.article.pipeline import PipelineSettings
from extractor.contract.endpoint import EndpointConfig
from extractor.contract.pricing import Price, cost
from extractor.engine.batch import Item, RunResult, RunSettings, run_batch
from extractor.engine.cache import Cache, Submitted
from extractor.engine.observe import Observer, Silent
from extractor.engine.requests import (
    Collected,
    Request,
    RequestPlan,
    holding,
    plan_requests,
    pool_for,
    split,
    store_results,
    tree_of,
    unique,
)
from extractor.engine.stages import StagePool
from extractor.engine.stop import Stopper
from extractor.io.batch_api import BatchAPI, BatchState

Retry = Literal["live", "batch"]
# OpenAI's limits per request file (2025): 50,000 requests, 200 MB.
MAX_REQUESTS = 50_000
MAX_BYTES = 200_000_000
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class BatchOptions:
    wait: bool = False  # block until every batch ended, then build everything
    retry: Retry = "live"  # the second round: live requests, or one more batch
    max_requests: int = MAX_REQUESTS  # per request file
    max_bytes: int = MAX_BYTES  # per request file
    poll_s: float = 60.0  # seconds between looks at open batches (--wait)
    price: Price | None = None  # the batch price, for the cost of what is collected


@dataclass(frozen=True)
class Batched:
    result: RunResult
    open: int  # batches still open: come back later
    submitted: int  # batches this invocation submitted
    requests: int  # requests in them


async def run_batched(
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    options: BatchOptions,
    *,
    api: BatchAPI | None = None,
    observer: Observer | None = None,
    stopper: Stopper | None = None,
    sleep: Sleep = asyncio.sleep,
    http_client: Any = None,
) -> Batched:
    """Submit, collect and build (see the module docstring). The plans and the build share
    the worker processes, and the build takes the articles as the last plan cleaned them."""
    observer = observer or Silent()
    stopper = stopper or Stopper()
    api = api or BatchAPI(endpoint)
    async with pool_for(settings) as pool:
        rounds = _Rounds(api, endpoint, pipeline, settings, options, observer, stopper)
        rounds.pool = pool
        try:
            with holding(settings) as cache:
                waiting = await rounds.go(items, cache, sleep)
                still_open = len(cache.open_batches(tree_of(settings)))
        finally:
            await api.aclose()
        result = await run_batch(
            items,
            endpoint,
            pipeline,
            dataclasses.replace(
                settings, waiting=frozenset(waiting), collected=frozenset(rounds.collected)
            ),
            observer=observer,
            stopper=stopper,
            http_client=http_client,
            stages=pool,
            prepared=rounds.plan.parts,
        )
    return Batched(result, still_open, rounds.submitted, rounds.requests)


class _Rounds:
    def __init__(
        self,
        api: BatchAPI,
        endpoint: EndpointConfig,
        pipeline: PipelineSettings,
        settings: RunSettings,
        options: BatchOptions,
        observer: Observer,
        stopper: Stopper,
    ) -> None:
        self.api, self.endpoint, self.pipeline = api, endpoint, pipeline
        self.settings, self.options = settings, options
        self.observer, self.stopper = observer, stopper
        self.tree = tree_of(settings)
        self.submitted = 0
        self.requests = 0
        self.collected: set[str] = set()  # the request keys answered by the batches collected
        self.plan = RequestPlan()  # the last one made
        self.pool: StagePool | None = None  # worker processes to clean articles in

    async def go(self, items: Sequence[Item], cache: Cache, sleep: Sleep) -> set[str]:
        """Collect, submit, and with ``wait`` repeat until no batch is open; the articles
        still waiting for a batch."""
        await self.collect(cache)
        waiting = await self.submit(items, cache)
        while self.options.wait and not self.stopper.requested:
            open_batches = cache.open_batches(self.tree)
            if not open_batches:
                break
            await self._pause(sleep)
            if self.stopper.requested:
                break
            ended, clean = await self.collect(cache)
            if ended and clean and not cache.open_batches(self.tree):
                waiting = set()  # every answer in: no need to plan again
            elif ended:  # a second round to plan, or articles of the ended batches to build
                waiting = await self.submit(items, cache)
        return waiting

    async def _pause(self, sleep: Sleep) -> None:
        nap = asyncio.ensure_future(sleep(self.options.poll_s))
        stop = asyncio.ensure_future(self.stopper.draining())
        await asyncio.wait({nap, stop}, return_when=asyncio.FIRST_COMPLETED)
        for task in (nap, stop):
            task.cancel()
        await asyncio.gather(nap, stop, return_exceptions=True)

    # --- collect ------------------------------------------------------------------------

    async def collect(self, cache: Cache) -> tuple[int, bool]:
        """Look at every open batch; collect those that ended. How many ended, and whether
        they answered every request they held, and well."""
        ended = 0
        clean = True
        states: list[BatchState] = []
        for batch in cache.open_batches(self.tree):
            batch_id = batch.batch_id or await self._adopt(cache, batch)
            state = await self.api.retrieve(batch_id)
            states.append(state)
            if not state.ended:
                cache.set_batch(batch.file_id, state.status)
                continue
            done = await self._collect_one(cache, batch, state)
            clean = clean and state.status == "completed" and done.stored == batch.requests
            ended += 1
        self._note_progress([s for s in states if not s.ended])
        return ended, clean

    async def _adopt(self, cache: Cache, batch: Submitted) -> str:
        """A file uploaded by a run killed before it recorded the batch: the batch made of it
        if there is one, else a new one."""
        batch_id = await self.api.find(batch.file_id) or await self.api.create(batch.file_id)
        cache.set_batch(batch.file_id, "validating", batch_id)
        return batch_id

    async def _collect_one(self, cache: Cache, batch: Submitted, state: BatchState) -> Collected:
        by_id = cache.batch_lines(batch.file_id)
        done = Collected()
        for file_id in (state.output_file_id, state.error_file_id):
            if file_id:
                data = await self.api.content(file_id)
                lines = data.decode("utf-8", "replace").splitlines()
                with cache.together():
                    done.add(store_results(cache, by_id, lines, self.endpoint, time.time()))
        cache.collected(batch.file_id, state.status)
        self.collected |= done.keys
        self._note_collected(state, batch, done)
        return done

    def _note_collected(self, state: BatchState, batch: Submitted, done: Collected) -> None:
        unanswered = batch.requests - done.stored - done.truncated - len(done.rejected)
        spent = cost(done.usage, self.options.price)
        parts = [f"{done.stored} answers"]
        if done.truncated:
            parts.append(f"{done.truncated} cut off (their chunks are split)")
        if done.rejected:
            parts.append(f"{len(done.rejected)} failed or unusable")
        if unanswered > 0:
            parts.append(f"{unanswered} unanswered")
        money = f", ${spent:.4f} at the batch price" if spent is not None else ""
        why = f" ({state.errors})" if state.errors else ""
        self.observer.note(
            "batch",
            f"batch {state.batch_id} {state.status}{why}: {', '.join(parts)}{money}",
        )
        for custom_id, reason in sorted(done.rejected.items())[:5]:
            self.observer.note("batch", f"  {custom_id}: {reason}")

    def _note_progress(self, still: list[BatchState]) -> None:
        if not still:
            return
        statuses = Counter(s.status for s in still)
        shown = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
        total = sum(s.total for s in still)
        finished = sum(s.completed + s.failed for s in still)
        then = f"; next look in {self.options.poll_s:g}s" if self.options.wait else ""
        self.observer.note(
            "batch",
            f"{len(still)} batches open ({shown}): {finished} of {total} requests done{then}",
        )

    # --- plan and submit ----------------------------------------------------------------

    async def submit(self, items: Sequence[Item], cache: Cache) -> set[str]:
        """Submit what is neither answered nor in an open batch nor for a live second
        round; the articles now waiting for a batch."""
        passing = cache.open_articles(self.tree)
        plan = await plan_requests(
            items,
            self.endpoint,
            self.pipeline,
            self.settings,
            cache,
            passing,
            stages=self.pool,
            keep=True,
        )
        self.plan = plan
        opened = cache.open_keys(self.tree)
        rounds = cache.batch_rounds(self.tree)
        allowed = 2 if self.options.retry == "batch" else 1
        fresh = [
            r
            for r in unique(plan.requests)
            if r.key not in opened and rounds.get(r.article_id, 0) < allowed
        ]
        if fresh and not self.stopper.requested:
            await self._send(cache, fresh)
            opened = cache.open_keys(self.tree)
        self._note_plan(plan, opened, fresh)
        return {r.article_id for r in plan.requests if r.key in opened} | set(plan.passed)

    async def _send(self, cache: Cache, fresh: list[Request]) -> None:
        files = split(fresh, self.options.max_requests, self.options.max_bytes)
        for number, lines in enumerate(files, 1):
            data = b"".join(line for _, line in lines)
            file_id = await self.api.upload(data, f"extractor-requests-{number}.jsonl")
            records = [(r.custom_id, r.key, r.article_id, r.article_key) for r, _ in lines]
            cache.put_batch(self.tree, file_id, records, time.time())
            batch_id = await self.api.create(file_id)
            cache.set_batch(file_id, "validating", batch_id)
            self.submitted += 1
            self.requests += len(lines)
            self.observer.note(
                "batch", f"submitted batch {batch_id}: {len(lines)} requests, {len(data)} bytes"
            )

    def _note_plan(self, plan: RequestPlan, opened: set[str], fresh: list[Request]) -> None:
        live = {r.article_id for r in plan.requests if r.key not in opened}
        if live:
            self.observer.note(
                "batch",
                f"{len(live)} articles go to a live second round (their batch answers failed, "
                "were unusable or cut off)",
            )
