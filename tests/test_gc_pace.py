"""``fewer_collections``: the collector's first threshold raised for a block, then restored."""

from __future__ import annotations

import gc
import weakref

import pytest

from extractor.io.gc_pace import FIRST, fewer_collections


def test_the_threshold_is_raised_in_the_block_and_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (max(FIRST, before[0]), *before[1:])
    assert gc.get_threshold() == before


def test_it_is_restored_when_the_block_raises_and_never_lowered() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError
    assert gc.get_threshold() == before
    with fewer_collections(first=10):
        assert gc.get_threshold()[0] == before[0]  # a lower one is not taken


def test_cycles_are_still_collected_in_the_block() -> None:
    class Node:
        other: object

    with fewer_collections(first=1_000):
        gc.collect()
        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
        assert ref() is not None  # a cycle: reference counting alone never frees it
        kept: list[dict[str, int]] = [
            {} for _ in range(5_000)
        ]  # more new containers than the threshold
        assert ref() is None and kept
