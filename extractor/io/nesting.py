"""JSON read with a bound on its nesting: a file nested thousands of levels deep (no output of
``extractor`` is more than a few levels) is an unreadable file, not a RecursionError."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["MAX_DEPTH", "check_depth", "loads", "parse"]

# Levels of objects and arrays a file read may have; the deepest document has about ten.
MAX_DEPTH = 100


def loads(raw: str | bytes) -> Any:
    """``json.loads``, raising ValueError for a value nested deeper than ``MAX_DEPTH``."""
    value = parse(raw)
    check_depth(value)
    return value


def parse(raw: str | bytes) -> Any:
    """``json.loads``, raising ValueError for a value too deep to parse at all; the caller
    checks its depth (``check_depth``) unless it is known to be shallow."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from None


def check_depth(value: Any) -> None:
    """ValueError when ``value`` is nested deeper than ``MAX_DEPTH``."""
    if _deeper_than(value, MAX_DEPTH):
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` holds objects or arrays more than ``limit`` levels deep: a level at
    a time, no recursion (parsed JSON holds exact dicts and lists, so ``type`` is enough)."""
    level, depth = [value], 0
    while level:
        below = []
        for node in level:
            kind = type(node)
            if kind is dict:
                below.extend(node.values())
            elif kind is list:
                below.extend(node)
        level = [n for n in below if type(n) is dict or type(n) is list]
        depth += 1
        if level and depth >= limit:
            return True
    return False
