"""Loading every input: walk the paths, read each file by its kind, put the manifest's values over
the articles' own, and make ids unique."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractor.contract.article import RawArticle
from extractor.contract.ids import safe_id
from extractor.errors import ConfigError, InputError
from extractor.io.inputs.decode import decode
from extractor.io.inputs.files import Unreadable, open_regular, printable, unreadable
from extractor.io.inputs.html import from_html
from extractor.io.inputs.manifest import Manifest, read_manifest, with_manifest
from extractor.io.inputs.problems import InputProblem, Item
from extractor.io.inputs.records import read_json, read_jsonl
from extractor.io.inputs.unique import unique
from extractor.io.inputs.walk import list_files

__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "load_inputs"]

DEFAULT_MAX_BYTES = 5_000_000
SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}


def load_inputs(
    paths: Sequence[Path], *, manifest: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Item]:
    """Every article under ``paths`` (folders are walked recursively), sorted by id.

    ``max_bytes`` bounds each file and each JSONL line. Ids used twice (ignoring case) make
    problems of every input that uses them.
    """
    if max_bytes < 1:
        raise ConfigError(f"The input size limit must be at least 1 byte, not {max_bytes}.")
    rows = read_manifest(manifest) if manifest is not None else Manifest({}, {})
    items: list[Item] = []
    for found in list_files(paths, SUFFIXES):
        if found.error is not None:
            items.append(_folder_problem(found.path, found.error))
        else:
            items.extend(_read_file(found.path, found.real, max_bytes, rows))
    return unique(items)


def _folder_problem(folder: Path, error: OSError) -> InputProblem:
    return InputProblem(
        # "name/" gets a hashed id, so it is never the id of an article called "name".
        id=safe_id(f"{folder.name}/"),
        path=printable(folder),
        message=f"{printable(folder)}: the folder cannot be read ({error.strerror or error}), "
        f"so its articles are missing; {unreadable(error).advice}",
        raw_id=f"{folder.name}/",
    )


def _read_file(shown: Path, real: Path, max_bytes: int, rows: Manifest) -> list[Item]:
    raw_id = shown.stem
    article_id = safe_id(raw_id)
    name = printable(shown)
    kind = SUFFIXES.get(shown.suffix.lower())
    try:
        if kind is None:
            raise InputError(
                article_id,
                f"unsupported file type {shown.suffix or '(none)'!r}; "
                "give .txt, .html, .json or .jsonl files",
            )
        if kind == "jsonl":
            return read_jsonl(shown, name, max_bytes, rows)
        data = _read_bytes(shown, article_id, max_bytes)
        if kind == "json":
            return read_json(shown, name, data, rows)
        text, encoding = decode(data, article_id)
        meta: dict[str, Any] = {}
        if kind == "html":
            text, meta = from_html(text, article_id)
        published, evidence = meta.get("published") or (None, None)
        article = RawArticle(
            id=article_id,
            text=text,
            title=meta.get("title"),
            url=meta.get("url"),
            source=meta.get("source"),
            published_at=published,
            published_evidence=evidence,
            path=name,
            input_sha256=hashlib.sha256(data).hexdigest(),
            encoding=encoding,
            raw_id=raw_id,
        )
        return [with_manifest(article, raw_id, real, rows)]
    except InputError as exc:
        return [
            InputProblem(id=article_id, path=name, message=f"{name}: {exc.reason}", raw_id=raw_id)
        ]


def _read_bytes(path: Path, article_id: str, max_bytes: int) -> bytes:
    try:
        with open_regular(path) as handle:
            data = handle.read(max_bytes + 1)
    except Unreadable as exc:
        raise InputError(article_id, str(exc)) from None
    except OSError as exc:
        raise InputError(article_id, str(unreadable(exc))) from None
    if len(data) > max_bytes:
        raise InputError(
            article_id,
            f"is larger than the input size limit of {max_bytes:,} bytes; "
            "raise the limit (--max-input-bytes) or split the file",
        )
    if not data:
        raise InputError(article_id, "is empty; remove it or give it the article's text")
    return data
