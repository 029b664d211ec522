"""Budgets shared by every request of a run: requests and tokens per minute, and back-off.

``RateLimiter`` is what ``ModelClient`` waits on before each HTTP request. It keeps

- a request bucket and a token bucket refilled continuously at ``rpm``/``tpm`` per minute
  (each holds at most ten seconds' worth, so a run starts smoothly instead of in one burst);
- a shared pause: a 429 stops every request of the run until its ``Retry-After`` has passed
  (or an exponential back-off with jitter when the server gives none);
- a window of requests in flight that halves on a 429 (at most once per window of requests
  sent, so the 429s of requests sent together count once) and grows back by one per window of
  successes (additive increase, multiplicative decrease), so a run at the provider's limit
  settles just under it instead of producing a storm of 429s.

The clock, the sleep and the random source are arguments, so it is tested without waiting.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

BURST_S = 10.0  # each bucket holds this many seconds of its rate
MAX_PAUSE_S = 120.0


@dataclass
class _Bucket:
    per_s: float
    capacity: float
    level: float
    updated: float

    def refill(self, now: float) -> None:
        self.level = min(self.capacity, self.level + (now - self.updated) * self.per_s)
        self.updated = now

    def wait_s(self, amount: float) -> float:
        """Seconds until ``amount`` can be taken; more than the capacity waits for a full one."""
        short = min(amount, self.capacity) - self.level
        return max(0.0, short / self.per_s)


def _bucket(per_minute: float, now: float) -> _Bucket:
    capacity = max(1.0, per_minute * BURST_S / 60)
    return _Bucket(per_s=per_minute / 60, capacity=capacity, level=capacity, updated=now)


class RateLimiter:
    """Shared by every request of a run: ``await acquire(tokens)`` before, ``done(...)`` after."""

    def __init__(
        self,
        *,
        rpm: float | None = None,
        tpm: float | None = None,
        max_in_flight: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: Callable[[], float] = random.random,
    ) -> None:
        now = clock()
        self._requests = _bucket(rpm, now) if rpm else None
        self._tokens = _bucket(tpm, now) if tpm else None
        self._ceiling = float(max_in_flight) if max_in_flight else None
        self._window = self._ceiling
        self._clock, self._sleep, self._rng = clock, sleep, rng
        self._lock = asyncio.Lock()
        self._freed = asyncio.Event()
        self._paused_until = 0.0
        self._streak = 0  # 429s since the last success
        self._since_cut = float("inf")  # requests sent since the window was last halved
        self.in_flight = 0
        self.rate_limited = 0  # 429s seen in this run
        self.paused_s = 0.0  # total time the run was held by shared pauses

    @property
    def window(self) -> float | None:
        """How many requests may be in flight now (None: no limit)."""
        return self._window

    def _wait_s(self, tokens: int, now: float) -> float:
        wait = self._paused_until - now
        for bucket, amount in ((self._requests, 1.0), (self._tokens, float(tokens))):
            if bucket is not None:
                bucket.refill(now)
                wait = max(wait, bucket.wait_s(amount))
        return wait

    async def acquire(self, tokens: int = 0) -> None:
        """Wait for the pause, the budgets and the window; first come, first served."""
        async with self._lock:
            while True:
                now = self._clock()
                wait = self._wait_s(tokens, now)
                if wait > 0:
                    await self._sleep(wait)
                    continue
                if self._window is not None and self.in_flight >= int(self._window):
                    self._freed.clear()
                    await self._freed.wait()
                    continue
                break
            if self._requests is not None:
                self._requests.level -= 1
            if self._tokens is not None:
                self._tokens.level -= tokens
            self.in_flight += 1
            self._since_cut += 1

    def done(
        self,
        tokens: int,
        used: int | None,
        *,
        rate_limited: bool = False,
        retry_after: float | None = None,
    ) -> None:
        """After a request: give back unused tokens; on a 429, pause the run and shrink it."""
        self.in_flight = max(0, self.in_flight - 1)
        self._freed.set()
        if used is not None and self._tokens is not None:
            self._tokens.level = min(self._tokens.capacity, self._tokens.level + tokens - used)
        if rate_limited:
            self._back_off(retry_after)
        elif used is not None:
            self._streak = 0
            if self._window is not None and self._ceiling is not None:
                self._window = min(self._ceiling, self._window + 1 / self._window)

    def _back_off(self, retry_after: float | None) -> None:
        now = self._clock()
        self.rate_limited += 1
        self._streak += 1
        if retry_after is None:
            base = min(MAX_PAUSE_S, 0.5 * 2 ** (self._streak - 1))
            retry_after = base * (0.5 + self._rng() / 2)
        until = now + min(retry_after, MAX_PAUSE_S)
        if until > self._paused_until:
            self.paused_s += until - max(now, self._paused_until)
            self._paused_until = until
        if self._window is not None and self._since_cut >= self._window:
            self._window = max(1.0, self._window / 2)
            self._since_cut = 0
