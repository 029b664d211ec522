"""Bytes to text: the encoding a byte-order mark names, else UTF-16/32 told by its NUL bytes,
else UTF-8, else what charset-normalizer detects; binary content is refused."""

from __future__ import annotations

import re

from extractor.errors import InputError

__all__ = ["decode", "looks_binary"]


def decode(data: bytes, article_id: str) -> tuple[str, str]:
    """Text and encoding: a BOM's, else UTF-8, else what charset-normalizer detects.

    Newlines become ``\\n``. Raises InputError for binary, undecodable or blank content.
    """
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(name), name
            except UnicodeDecodeError:
                raise InputError(
                    article_id, f"starts with a {name} byte-order mark but is not {name}"
                ) from None
            break
    if text is None:
        if b"\x00" in data:
            text, encoding = _decode_wide(data, article_id)
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = _detect(data, article_id)
    if looks_binary(text):
        raise InputError(article_id, "looks binary (many control characters); give a text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(article_id, "has no text (only whitespace); remove it or fill it")
    return text, encoding


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _decode_wide(data: bytes, article_id: str) -> tuple[str, str]:
    """Bytes with NULs: UTF-32 or UTF-16 without a byte-order mark, else binary."""
    encoding = _wide_encoding(data)
    text = None
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = None
    if text is None or "\x00" in text:
        raise InputError(article_id, "looks binary (it has NUL bytes); give a text file")
    return text, encoding or ""


def _wide_encoding(data: bytes) -> str | None:
    """The UTF-32 or UTF-16 byte order whose pattern of NUL bytes ``data`` shows, if any.

    In text of mostly Latin letters, each character's high bytes are NUL and its low byte is
    not: UTF-16-LE has NULs at odd offsets only, UTF-32-BE at offsets 0, 1 (mod 4), and so on.
    """
    size = len(data)
    if size % 4 == 0:
        units, nuls = size // 4, [data[k::4].count(0) for k in range(4)]
        if nuls[3] == units and 2 * nuls[2] >= units:
            return "utf-32-le"
        if nuls[0] == units and 2 * nuls[1] >= units:
            return "utf-32-be"
    if size % 2 == 0:
        units, even, odd = size // 2, data[0::2].count(0), data[1::2].count(0)
        if 8 * odd >= units and odd >= 4 * even:
            return "utf-16-le"
        if 8 * even >= units and even >= 4 * odd:
            return "utf-16-be"
    return None


def _detect(data: bytes, article_id: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            article_id, "is not UTF-8 and its encoding cannot be detected; save it as UTF-8"
        )
    return str(best), str(best.encoding)


# Control characters but the whitespace ones (tab, line feed, vertical tab, form feed, return).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def looks_binary(text: str) -> bool:
    """More than 1 in 200 characters (and more than 2) are control characters."""
    controls = len(_CONTROL.findall(text))
    return controls > max(2, len(text) // 200)
