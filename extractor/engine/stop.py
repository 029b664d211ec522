"""Stopping a run cleanly: the first request drains, a second one cancels what is in flight."""

from __future__ import annotations

import asyncio


class Stopper:
    """``request(reason)`` from a signal handler. After the first request no new article is
    started; articles in flight may finish until the grace period ends or a second request
    comes, then they are cancelled (their finished model answers stay in the cache)."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self._drain = asyncio.Event()
        self._cancel = asyncio.Event()

    @property
    def requested(self) -> bool:
        return self.reason is not None

    def request(self, reason: str) -> None:
        if self.reason is None:
            self.reason = reason
            self._drain.set()
        else:
            self._cancel.set()

    async def draining(self) -> None:
        await self._drain.wait()

    async def cancelling(self) -> None:
        await self._cancel.wait()
