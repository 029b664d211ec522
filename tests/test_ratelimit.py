"""The shared rate limiter, on a fake clock (no real waiting)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from extractor.engine.ratelimit import MAX_PAUSE_S, RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def limiter(time: FakeTime, **kwargs: Any) -> RateLimiter:
    return RateLimiter(clock=time.clock, sleep=time.sleep, rng=lambda: 0.5, **kwargs)


def run(body: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(body())


def test_requests_per_minute_allow_a_burst_then_pace() -> None:
    time = FakeTime()
    gate = limiter(time, rpm=60)  # one a second, ten seconds' worth at once

    async def body() -> None:
        for _ in range(15):
            await gate.acquire()
            gate.done(0, 0)

    run(body)
    assert time.now - 1000.0 == pytest.approx(5.0)
    assert all(s <= 1.0 + 1e-9 for s in time.slept)


def test_tokens_per_minute_wait_for_the_bucket_and_unused_tokens_come_back() -> None:
    time = FakeTime()
    gate = limiter(time, tpm=6000)  # 100 tokens a second, 1,000 at most

    async def body() -> None:
        await gate.acquire(800)
        assert time.now == 1000.0
        gate.done(800, 100)  # 700 unused come back: 900 left
        await gate.acquire(900)
        assert time.now == 1000.0
        await gate.acquire(500)  # the bucket is empty: 5 s to refill 500
        assert time.now == pytest.approx(1005.0)

    run(body)


def test_a_request_larger_than_the_bucket_waits_for_a_full_bucket_only() -> None:
    time = FakeTime()
    gate = limiter(time, tpm=600)  # capacity 100

    async def body() -> None:
        await gate.acquire(5000)  # full bucket: goes, leaving a debt
        await gate.acquire(50)
        assert time.now == pytest.approx(1000.0 + (4900 + 50) / 10)

    run(body)


def test_a_429_pauses_every_request_for_its_retry_after() -> None:
    time = FakeTime()
    gate = limiter(time)

    async def body() -> None:
        await gate.acquire()
        gate.done(10, None, rate_limited=True, retry_after=7.5)
        await gate.acquire()
        assert time.now == pytest.approx(1007.5)

    run(body)
    assert gate.rate_limited == 1 and gate.paused_s == pytest.approx(7.5)


def test_without_retry_after_the_pause_grows_until_a_success() -> None:
    time = FakeTime()
    gate = limiter(time)
    pauses = []

    async def body() -> None:
        for _ in range(4):
            await gate.acquire()
            before = time.now
            gate.done(10, None, rate_limited=True)
            await gate.acquire()
            pauses.append(time.now - before)
            gate.done(10, None)
        gate.done(10, 10)  # a success resets the streak
        await gate.acquire()
        before = time.now
        gate.done(10, None, rate_limited=True)
        await gate.acquire()
        pauses.append(time.now - before)

    run(body)
    assert pauses[:4] == sorted(pauses[:4]) and pauses[3] > pauses[0]
    assert pauses[4] == pytest.approx(pauses[0])
    assert max(pauses) <= MAX_PAUSE_S


def test_the_window_halves_on_a_429_once_per_window_and_grows_back() -> None:
    time = FakeTime()
    gate = limiter(time, max_in_flight=8)

    async def body() -> None:
        for _ in range(8):
            await gate.acquire()
        for _ in range(8):  # eight 429s from requests sent together: one cut
            gate.done(10, None, rate_limited=True, retry_after=0)
        assert gate.window == 4
        for _ in range(40):
            await gate.acquire()
            gate.done(10, 10)
        assert gate.window is not None and 4 < gate.window <= 8

    run(body)


def test_requests_wait_for_room_in_the_window() -> None:
    time = FakeTime()
    gate = limiter(time, max_in_flight=2)
    order: list[str] = []

    async def request(name: str, hold: asyncio.Event) -> None:
        await gate.acquire()
        order.append(f"{name} sent")
        await hold.wait()
        gate.done(0, 0)

    async def body() -> None:
        holds = [asyncio.Event() for _ in range(3)]
        tasks = [asyncio.create_task(request(n, h)) for n, h in zip("abc", holds, strict=True)]
        for _ in range(5):
            await asyncio.sleep(0)
        assert order == ["a sent", "b sent"] and gate.in_flight == 2
        holds[0].set()
        await asyncio.gather(tasks[0])
        for _ in range(5):
            await asyncio.sleep(0)
        assert order == ["a sent", "b sent", "c sent"]
        for hold in holds[1:]:
            hold.set()
        await asyncio.gather(*tasks)

    run(body)
    assert gate.in_flight == 0
