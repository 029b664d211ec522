"""JSON read with a bound on its nesting: a file nested thousands of levels deep (no output of
``extractor`` is more than a few levels) is an unreadable file, not a RecursionError."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["MAX_DEPTH", "loads"]

# Levels of objects and arrays a file read may have; the deepest document has about ten.
MAX_DEPTH = 100


def loads(raw: str | bytes) -> Any:
    """``json.loads``, raising ValueError for a value nested deeper than ``MAX_DEPTH``."""
    try:
        value = json.loads(raw)
    except RecursionError:
        value = None
        deep = True
    else:
        deep = _deeper_than(value, MAX_DEPTH)
    if deep:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` holds objects or arrays more than ``limit`` levels deep (no recursion)."""
    if not isinstance(value, dict | list):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False
