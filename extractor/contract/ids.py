"""Safe article ids: usable as a file name inside the output folder, never a path."""

from __future__ import annotations

import hashlib
import re

from extractor.errors import InputError

__all__ = ["MAX_LENGTH", "safe_id", "source_id"]

MAX_LENGTH = 100

_SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")
_HASH_LEN = 12
# Names Windows refuses as files, whatever the extension.
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def safe_id(raw: str) -> str:
    """A stable id of ``[A-Za-z0-9._-]``, starting with neither dot nor dash, at most 100 long.

    A raw id that is already safe is returned as it is. Any other gets its unsafe characters
    replaced and a 12-hex-digit hash of the raw id appended, so two different raw ids do not
    share an id (a raw id forged to equal another's sanitised form is caught as a duplicate by
    ``load_inputs``). Idempotent: ``safe_id(safe_id(x)) == safe_id(x)``. Raises InputError for
    an empty id.
    """
    if not raw.strip():
        raise InputError(repr(raw), "the article id is empty; give every record a non-empty id")
    if len(raw) <= MAX_LENGTH and _SAFE.fullmatch(raw) and not _RESERVED.fullmatch(raw):
        return raw
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LEN]
    base = _UNSAFE_RUN.sub("_", raw).lstrip("._-")
    base = base[: MAX_LENGTH - _HASH_LEN - 3].rstrip("._-") or "id"
    if _RESERVED.fullmatch(f"{base}--"):
        base = f"_{base}"
    return f"{base}--{digest}"


def source_id(raw: str) -> str:
    """The caller's id as stored beside the safe id: ``raw`` as it is, except lone surrogates
    (bytes of a file name that are not UTF-8, or a JSON ``"\\ud800"``), which no UTF-8 output
    can hold: they become U+FFFD."""
    return _SURROGATE.sub("\ufffd", raw)
