"""The run's model client: answers from the cache first, every request metered and limited.

``CachingClient`` is a ``ModelClient`` (the pipeline takes one) that looks each request up in
the cache before sending it and stores each answer as soon as it arrives. ``Meter`` is its
request gate: it applies the shared ``RateLimiter`` and counts the requests and tokens of
the article being extracted (the ``Tally`` in ``CURRENT``, set per article by the engine).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from extractor.contract.endpoint import CallResult, EndpointConfig
from extractor.contract.models import Usage
from extractor.contract.schemas import PLAIN, Shape
from extractor.engine.cache import Answer, Cache
from extractor.engine.keys import request_key
from extractor.engine.ratelimit import RateLimiter
from extractor.errors import TruncatedOutputError
from extractor.io.llm import ModelClient


@dataclass
class Tally:
    """One article's model traffic in this run."""

    requests: int = 0  # HTTP requests sent
    cached: int = 0  # answers served from the cache
    prompt_tokens: int = 0
    completion_tokens: int = 0
    batched: int = 0  # of the cached: answers this invocation collected from a batch
    batch_usage: Usage = field(default_factory=Usage)  # their tokens

    @property
    def usage(self) -> Usage:
        """The tokens of the live requests."""
        return Usage(prompt_tokens=self.prompt_tokens, completion_tokens=self.completion_tokens)


CURRENT: ContextVar[Tally | None] = ContextVar("extractor_article_tally", default=None)


class Meter:
    """A ``RequestGate``: the rate limiter, plus per-article and per-run counts."""

    def __init__(
        self,
        limiter: RateLimiter | None = None,
        on_request: Callable[[Usage | None], None] = lambda _: None,
    ) -> None:
        self.limiter = limiter
        self._on_request = on_request

    async def acquire(self, tokens: int) -> None:
        if self.limiter is not None:
            await self.limiter.acquire(tokens)

    def done(
        self,
        tokens: int,
        usage: Usage | None,
        *,
        rate_limited: bool = False,
        retry_after: float | None = None,
    ) -> None:
        tally = CURRENT.get()
        if tally is not None:
            tally.requests += 1
            if usage is not None:
                tally.prompt_tokens += usage.prompt_tokens
                tally.completion_tokens += usage.completion_tokens
        if self.limiter is not None:
            used = usage.total_tokens if usage is not None else None
            self.limiter.done(tokens, used, rate_limited=rate_limited, retry_after=retry_after)
        self._on_request(usage)


class CachingClient(ModelClient):
    """A ``ModelClient`` that answers repeated requests from the cache."""

    def __init__(
        self,
        config: EndpointConfig,
        cache: Cache,
        answer_base: str,
        *,
        meter: Meter,
        read: bool = True,
        clock: Callable[[], float],
        http_client: Any = None,
        legacy_base: str | None = None,
        collected: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(config, http_client=http_client, gate=meter)
        self._cache = cache
        self._base = answer_base
        self._legacy = legacy_base  # an older key of the same answers, looked up on a miss
        self._read = read
        self._clock = clock
        self._collected = collected  # keys this invocation collected from a batch
        self._sending = True

    def stop_sending(self) -> None:
        """Send no new request: one not yet sent cancels its article; one sent is still
        answered and stored."""
        self._sending = False

    async def extract(self, messages: list[dict[str, str]], shape: Shape = PLAIN) -> CallResult:
        key = request_key(self._base, messages, shape)
        if self._read:
            found = self._cache.answer(key)
            if found is None and self._legacy is not None:
                found = self._cache.answer(request_key(self._legacy, messages, shape))
                if found is not None:
                    self._copy(key, found)
            if found is not None:
                tally = CURRENT.get()
                if tally is not None:
                    tally.cached += 1
                    if found.result is not None and key in self._collected:
                        tally.batched += 1
                        tally.batch_usage += found.result.usage
                if found.result is None:
                    raise TruncatedOutputError(found.message or "the answer hit the token limit")
                return found.result
        return await self.miss(key, messages, shape)

    async def miss(self, key: str, messages: list[dict[str, str]], shape: Shape) -> CallResult:
        """A request the cache does not answer: asked live, its answer stored under ``key``
        (``requests.Planner`` lists it for a batch instead)."""
        if not self._sending:
            raise asyncio.CancelledError  # the run is stopping (``stop_sending``)
        try:
            result = await super().extract(messages, shape)
        except TruncatedOutputError as exc:
            self._cache.put_truncated(key, str(exc), self._clock())
            raise
        self._cache.put_answer(key, result, self._clock())
        return result

    def _copy(self, key: str, found: Answer) -> None:
        if found.result is None:
            self._cache.put_truncated(key, found.message or "", self._clock())
        else:
            self._cache.put_answer(key, found.result, self._clock())
