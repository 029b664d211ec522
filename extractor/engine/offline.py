"""``extractor batch export`` / ``import`` and ``run --dry-run``: the seam, used offline.

``export_requests`` writes the run's requests as one JSONL file for an offline engine (vLLM's
``run_batch`` on the user's GPUs, or anything that reads the OpenAI batch format);
``import_results`` stores that engine's output in the run's cache and builds the documents
with the ordinary run. ``dry_run`` says what a run would send, and calls nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.article.pipeline import PipelineSettings
from extractor.contract.endpoint import EndpointConfig
from extractor.engine.batch import Item, RunResult, RunSettings, default_cache_path, run_batch
from extractor.engine.cache import Cache
from extractor.engine.files import write_lines_atomic
from extractor.engine.observe import Observer, Silent
from extractor.engine.requests import (
    Collected,
    Estimate,
    RequestPlan,
    estimate,
    holding,
    plan_requests,
    pool_for,
    request_lines,
    still_needed,
    store_results,
    unique,
)
from extractor.engine.stop import Stopper


async def export_requests(
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    path: Path,
) -> RequestPlan:
    """Write every request the run still needs to ``path`` (one per line, one per key)."""
    with holding(settings) as cache:
        plan = await plan_requests(items, endpoint, pipeline, settings, cache)
    write_lines_atomic(path, request_lines(unique(plan.requests)))
    return plan


@dataclass(frozen=True)
class Imported:
    collected: Collected
    missing: int  # requests still without an answer (second round)
    result: RunResult


async def import_results(
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    path: Path,
    *,
    live: bool,
    observer: Observer | None = None,
    stopper: Stopper | None = None,
) -> Imported:
    """Store the answers of the results file ``path`` in the cache, then run: documents are
    built from the cache; requests still unanswered are asked live when ``live``, else their
    articles are skipped (export again for their requests). The plan and the build share
    the worker processes, and the build takes the articles as the plan cleaned them."""
    async with pool_for(settings) as pool:
        with holding(settings) as cache, path.open("rb") as results:
            plan = await plan_requests(
                items, endpoint, pipeline, settings, cache, stages=pool, keep=True
            )
            with cache.together():
                # an engine the user ran: its answers at the run's own price (--price)
                done = store_results(
                    cache, plan.by_id(), results, endpoint, time.time(), route="live"
                )
            left = await still_needed(plan, done, items, endpoint, pipeline, cache)
        waiting = frozenset() if live else frozenset(r.article_id for r in left)
        result = await run_batch(
            items,
            endpoint,
            pipeline,
            dataclasses.replace(
                settings,
                waiting=waiting,
                collected=frozenset(done.keys),
                batch_price=settings.price,  # what it imported is billed at the run's price
            ),
            observer=observer or Silent(),
            stopper=stopper,
            stages=pool,
            prepared=plan.parts,
        )
    return Imported(done, len(unique(left)), result)


async def dry_run(
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
) -> Estimate:
    """What the run would send (articles, requests, tokens); nothing is called, and an
    output folder or cache that does not exist yet is not made."""
    path = settings.cache_path or default_cache_path(settings.out_dir, settings.shard)
    with contextlib.ExitStack() as stack:
        if path.exists():
            cache = stack.enter_context(holding(settings))
        else:  # nothing is cached yet: plan against an empty cache of its own
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            cache = stack.enter_context(Cache.open(folder / "empty.sqlite"))
        plan = await plan_requests(items, endpoint, pipeline, settings, cache)
        typical = cache.typical_answer()
    plan.requests = unique(plan.requests)
    return estimate(plan, endpoint.max_tokens, typical)
