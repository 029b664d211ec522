"""The seam between a run and any engine that answers its requests in bulk.

``plan_requests`` lists every request a run still needs: each chunk of each article to
extract, with the exact chat body the live path sends (``io.llm.chat_body``: strict schema,
model, sampling), a ``custom_id`` naming its article and chunk, and its cache key. It walks
the pipeline's own ``ask`` with a ``Planner``, a ``CachingClient`` that lists a request the
cache does not answer instead of sending it; a chunk whose cached answer was cut off is split
as it is live, so its halves are listed in turn.

``store_results`` takes answers by ``custom_id`` (a provider's batch output, vLLM's
``run_batch`` output: the OpenAI batch JSONL format) and stores each in the cache under its
request key, as a live answer is stored, marked with its route (a provider's batch is priced
at the batch price); the ordinary run then builds the documents from the cache. A cut-off
answer is cached as it is live (its chunk is then split, and the halves are new requests); a
failed line, a refusal or an answer that does not fit the schema is not cached: its request is
asked again in a second round.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import time
from collections.abc import AsyncIterator, Collection, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from extractor.article.parts import ArticleParts
from extractor.article.pipeline import HERE, PipelineSettings, Runner, ask, prepare
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import CallResult, EndpointConfig, Route
from extractor.contract.models import ModelExtraction, Usage
from extractor.contract.schemas import PLAIN, Shape
from extractor.contract.version import VERSION
from extractor.engine import keys
from extractor.engine.batch import (
    POOL_MIN_ARTICLES,
    Item,
    RunSettings,
    default_cache_path,
    first_each,
    queued,
)
from extractor.engine.cache import Cache
from extractor.engine.client import CachingClient, Meter
from extractor.engine.lock import tree_lock
from extractor.engine.stages import StagePool
from extractor.errors import ExtractorError, TruncatedOutputError
from extractor.io.llm import chat_body, estimate_tokens, read_answer

URL = "/v1/chat/completions"
WINDOW = 256  # articles cleaned at once (in the worker processes, when there are any)


@dataclass(frozen=True)
class Request:
    custom_id: str  # ARTICLE/CHUNK/KEY-PREFIX: unique in a run, readable in a results file
    key: str  # the cache key of its answer (``keys.request_key``)
    article_id: str
    chunk: int  # the article's n-th request, counting those the cache answers
    body: dict[str, Any]
    article_key: str = ""  # the article as read, with the run's settings (``article_key``)

    def line(self) -> str:
        """The request as one line of a batch file (OpenAI Batch API and vLLM ``run_batch``)."""
        record = {"custom_id": self.custom_id, "method": "POST", "url": URL, "body": self.body}
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


@dataclass
class RequestPlan:
    """What a run still needs from the model."""

    articles: list[str] = field(default_factory=list)  # to extract (cached or not)
    requests: list[Request] = field(default_factory=list)  # two articles may share a key
    answered: int = 0  # requests the cache answers already
    unprepared: list[str] = field(default_factory=list)  # the run fails them (no text, ...)
    passed: list[str] = field(default_factory=list)  # in an open batch: not planned again
    # The articles as cleaned for the plan, by id, when kept for the build that follows.
    parts: dict[str, ArticleParts] = field(default_factory=dict, repr=False)

    @property
    def needing(self) -> set[str]:
        """The articles with a request still to answer."""
        return {r.article_id for r in self.requests}

    def by_id(self) -> dict[str, str]:
        return {r.custom_id: r.key for r in self.requests}


class Planner(CachingClient):
    """A ``CachingClient`` that lists the requests the cache does not answer; each gets an
    empty answer here, so the pipeline goes on to the article's next chunk."""

    def __init__(self, config: EndpointConfig, cache: Cache, pipeline: PipelineSettings) -> None:
        super().__init__(
            config,
            cache,
            keys.answer_base(config, pipeline),
            legacy_base=keys.legacy_answer_base(config, pipeline),
            meter=Meter(),
            clock=time.time,
        )
        self.pipeline = pipeline
        self.article = ""
        self.article_key = ""
        self.keys: dict[str, str] = {}  # article id -> ``article_key``
        self.asked = 0
        self.found: list[Request] = []
        self.answered = 0

    def start(self, article_id: str, article_key: str = "") -> None:
        self.article, self.article_key, self.asked = article_id, article_key, 0

    async def extract(self, messages: list[dict[str, str]], shape: Shape = PLAIN) -> CallResult:
        self.asked += 1
        missed = len(self.found)
        try:
            return await super().extract(messages, shape)
        finally:
            self.answered += int(len(self.found) == missed)

    async def miss(self, key: str, messages: list[dict[str, str]], shape: Shape) -> CallResult:
        chunk = self.asked - 1
        self.found.append(
            Request(
                f"{self.article}/{chunk}/{key[:16]}",
                key,
                self.article,
                chunk,
                chat_body(self.config, messages, shape),
                self.article_key,
            )
        )
        return CallResult(ModelExtraction(events=[]), Usage(), 0, "json_schema")


def article_key(article: RawArticle, config_key: str) -> str:
    """An article as read, with the settings that decide its requests: the same key means
    the same requests (a batch holding them need not be planned again)."""
    return keys.digest("batch-article", keys.input_key(article), config_key)


async def requests_of(
    articles: Sequence[RawArticle],
    planner: Planner,
    runner: Runner = HERE,
    passing: Collection[str] = (),
    keep: bool = False,
) -> RequestPlan:
    """The requests of ``articles`` the cache does not answer (see the module docstring);
    ``runner`` cleans them (the engine's worker processes, for many). An article whose key
    is in ``passing`` (its requests are in an open batch) is listed in ``passed`` unplanned.
    With ``keep``, the cleaned articles stay in ``parts``, so the build need not clean them
    again."""
    plan = RequestPlan()
    config_key = keys.config_key(planner.config, planner.pipeline, VERSION)
    named = {a.id: article_key(a, config_key) for a in articles}
    plan.passed = [a.id for a in articles if named[a.id] in passing]
    articles = [a for a in articles if named[a.id] not in passing]
    planner.keys = named
    for start in range(0, len(articles), WINDOW):
        window = articles[start : start + WINDOW]
        prepared = await asyncio.gather(
            *(runner.run(prepare, a) for a in window), return_exceptions=True
        )
        for article, parts in zip(window, prepared, strict=True):
            await _plan_one(plan, planner, article, parts)
            if keep and isinstance(parts, ArticleParts):
                plan.parts[article.id] = parts
    plan.answered = planner.answered
    return plan


async def _plan_one(
    plan: RequestPlan,
    planner: Planner,
    article: RawArticle,
    parts: ArticleParts | BaseException,
) -> None:
    plan.articles.append(article.id)
    if isinstance(parts, ExtractorError):
        plan.unprepared.append(article.id)  # the run itself fails it, with its message
        return
    if isinstance(parts, BaseException):
        raise parts
    planner.start(article.id, planner.keys.get(article.id, ""))
    before = len(planner.found)
    with contextlib.suppress(TruncatedOutputError):  # at the smallest chunk: failed live
        await ask(planner, planner.pipeline, parts.text, parts.sentences)
    plan.requests += planner.found[before:]


@contextmanager
def holding(settings: RunSettings) -> Iterator[Cache]:
    """The run's cache, with its output folder held as a run holds it."""
    path = settings.cache_path or default_cache_path(settings.out_dir, settings.shard)
    with tree_lock(settings.out_dir, settings.shard), Cache.open(path) as cache:
        yield cache


def tree_of(settings: RunSettings) -> str:
    return str(settings.out_dir.resolve())


async def plan_requests(
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    settings: RunSettings,
    cache: Cache,
    passing: Collection[str] = (),
    *,
    stages: StagePool | None = None,
    keep: bool = False,
) -> RequestPlan:
    """Every request a run with these settings still needs (the caller holds ``holding``);
    articles with a key in ``passing`` are not planned, ``keep`` keeps the cleaned articles
    (``requests_of``). ``stages``: the caller's worker processes (``pool_for``), else
    ``settings.processes`` of its own."""
    articles = queued(items, endpoint, pipeline, settings, cache)
    return await _plan(
        articles, Planner(endpoint, cache, pipeline), settings, passing, stages, keep
    )


async def _plan(
    articles: Sequence[RawArticle],
    planner: Planner,
    settings: RunSettings,
    passing: Collection[str],
    stages: StagePool | None,
    keep: bool,
) -> RequestPlan:
    if len(articles) < POOL_MIN_ARTICLES or not (stages or settings.processes):
        return await requests_of(articles, planner, HERE, passing, keep)
    pool = stages or StagePool(settings.processes)
    pool.start()  # a no-op once started
    try:
        return await requests_of(articles, planner, pool, passing, keep)
    finally:
        if stages is None:
            await pool.aclose()


@asynccontextmanager
async def pool_for(settings: RunSettings) -> AsyncIterator[StagePool | None]:
    """Worker processes (``settings.processes``) for the plans and the build of one
    invocation, started by the first that has ``POOL_MIN_ARTICLES`` articles to clean; None
    without ``processes``."""
    if not settings.processes:
        yield None
        return
    pool = StagePool(settings.processes)
    try:
        yield pool
    finally:
        await pool.aclose()


async def still_needed(
    plan: RequestPlan,
    done: Collected,
    items: Sequence[Item],
    endpoint: EndpointConfig,
    pipeline: PipelineSettings,
    cache: Cache,
) -> list[Request]:
    """What ``plan`` still needs once ``done`` is stored: its requests less those answered;
    an article with a cut-off answer is planned again (its chunk is split into new requests)."""
    cut = {r.article_id for r in plan.requests if r.key in done.cut}
    left = [r for r in plan.requests if r.article_id not in cut and r.key not in done.keys]
    if cut:
        articles = [a for a in items if isinstance(a, RawArticle) and a.id in cut]
        again = await requests_of(articles, Planner(endpoint, cache, pipeline))
        left += again.requests
    return left


def unique(requests: Iterable[Request]) -> list[Request]:
    """One request per key (two articles may share a chunk of text): the first asker's."""
    return first_each(requests, lambda r: r.key)


def request_lines(requests: Sequence[Request]) -> Iterator[str]:
    for request in requests:
        yield request.line() + "\n"


def split(
    requests: Sequence[Request], max_requests: int, max_bytes: int
) -> list[list[tuple[Request, bytes]]]:
    """Request files within a provider's limits: at most ``max_requests`` lines and
    ``max_bytes`` bytes each (one line larger than that goes alone)."""
    files: list[list[tuple[Request, bytes]]] = []
    current: list[tuple[Request, bytes]] = []
    size = 0
    for request in requests:
        data = (request.line() + "\n").encode()
        if current and (len(current) >= max_requests or size + len(data) > max_bytes):
            files.append(current)
            current, size = [], 0
        current.append((request, data))
        size += len(data)
    if current:
        files.append(current)
    return files


@dataclass
class Collected:
    """What ``store_results`` did with a results file."""

    stored: int = 0  # answers cached
    truncated: int = 0  # cut off: cached as such, their chunks split in the next round
    rejected: dict[str, str] = field(default_factory=dict)  # custom_id -> why (not cached)
    unknown: list[str] = field(default_factory=list)  # custom_ids no request of this run has
    usage: Usage = field(default_factory=Usage)  # every answer's tokens, rejected ones too
    keys: set[str] = field(default_factory=set)  # the request keys answered
    cut: set[str] = field(default_factory=set)  # the request keys cut off

    def add(self, other: Collected) -> None:
        self.stored += other.stored
        self.truncated += other.truncated
        self.keys |= other.keys
        self.cut |= other.cut
        self.rejected.update(other.rejected)
        self.unknown += other.unknown
        self.usage += other.usage


def store_results(
    cache: Cache,
    keys_by_id: dict[str, str],
    lines: Iterable[str | bytes],
    config: EndpointConfig,
    now: float,
    route: Route = "batch",
) -> Collected:
    """Store each answer of a results file (JSONL, OpenAI batch output format) under the key
    of the request its ``custom_id`` names, as a live answer is stored, with its ``route``:
    ``batch`` for a provider's Batch API (the batch price), ``live`` for an engine the user
    ran (``batch import``: the run's own price)."""
    done = Collected()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            custom_id = str(record["custom_id"])
        except (ValueError, KeyError, TypeError):
            done.rejected[f"line {number}"] = "not a result line (no JSON object with custom_id)"
            continue
        key = keys_by_id.get(custom_id)
        if key is None:
            done.unknown.append(custom_id)
            continue
        body, problem = _body(record)
        if body is None:
            done.rejected[custom_id] = problem
            continue
        done.usage = _plus(done.usage, body.get("usage"))
        try:
            result = read_answer(body, config)
        except TruncatedOutputError as exc:
            cache.put_truncated(key, str(exc), now)
            done.truncated += 1
            done.cut.add(key)
            continue
        except ExtractorError as exc:
            done.rejected[custom_id] = str(exc)
            continue
        cache.put_answer(key, dataclasses.replace(result, route=route), now)
        done.stored += 1
        done.keys.add(key)
    return done


def _body(record: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The chat completion of a result line, or why there is none."""
    error = record.get("error")
    response = record.get("response")
    if error:
        message = error.get("message") if isinstance(error, dict) else error
        return None, f"the line failed: {message}"
    if not isinstance(response, dict):
        return None, "the line has no response"
    body = response.get("body")
    status = response.get("status_code", 200)
    if status != 200 or not isinstance(body, dict):
        detail = body.get("error") if isinstance(body, dict) else body
        if isinstance(detail, dict):
            detail = detail.get("message")
        return None, f"the request failed with status {status}: {detail}"
    return body, ""


def _plus(usage: Usage, given: Any) -> Usage:
    if not isinstance(given, dict):
        return usage
    return Usage(
        prompt_tokens=usage.prompt_tokens + int(given.get("prompt_tokens") or 0),
        completion_tokens=usage.completion_tokens + int(given.get("completion_tokens") or 0),
    )


@dataclass(frozen=True)
class Estimate:
    """What a run would send: ``--dry-run``."""

    articles: int
    requests: int
    answered: int  # requests the cache answers already
    prompt_tokens: int  # about four characters a token
    answer_tokens: int
    answer_basis: str  # how answer_tokens was estimated


def estimate(plan: RequestPlan, max_tokens: int | None, typical: tuple[int, float]) -> Estimate:
    """Prompt tokens from the requests' text; answer tokens from the cache's mean answer when
    it holds answers, else the answer limit (``--max-tokens``) of every request."""
    prompt = sum(estimate_tokens(r.body["messages"], 0) for r in plan.requests)
    count, mean = typical
    if count:
        per = round(mean)
        basis = f"the mean of the {count} answers in the cache"
    else:
        per = max_tokens or 0
        basis = "--max-tokens a request: an upper bound"
    return Estimate(
        len(plan.articles),
        len(plan.requests),
        plan.answered,
        prompt,
        per * len(plan.requests),
        basis,
    )
