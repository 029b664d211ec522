"""The metadata strings an input may give (title, url, source), cleaned the same way everywhere."""

from __future__ import annotations

import re

__all__ = ["META_FIELDS", "clean_str", "without_surrogates"]

META_FIELDS = ("title", "url", "source")
# JSON can carry lone surrogates ("\ud800"), which no UTF-8 output can hold.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def clean_str(value: str | None) -> str | None:
    if not isinstance(value, str):
        return None
    return without_surrogates(value).strip() or None
