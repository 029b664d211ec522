"""Fewer runs of Python's cycle collector while a command builds many short-lived objects.

Reading thousands of JSON files makes millions of dicts and lists; with the default
thresholds the collector runs every 700 new objects and walks the young ones each time,
which cost about a quarter of ``extractor validate`` on 1,000 documents
(docs/BENCHMARKS.md, *Validate*). Raising the first threshold keeps collections, and so
reclaims cycles, only less often.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["FIRST", "fewer_collections", "quick_exit"]

FIRST = 100_000  # new objects between collections of the youngest generation (default 700)


@contextmanager
def fewer_collections(first: int = FIRST) -> Iterator[None]:
    """The block with the first collection threshold at ``first``; restored after."""
    before = gc.get_threshold()
    gc.set_threshold(max(first, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def quick_exit() -> None:
    """Before a process ends: its objects are left out of the collection Python runs at exit
    (which walks every object still alive: 0.3 s after a run of 2,560 articles). Memory is
    given back with the process; objects are still released by reference counting."""
    gc.freeze()
