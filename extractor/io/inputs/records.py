"""JSON and JSONL records to articles: one object per record, with an id and a text or html."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractor.article.pubdate import parse_date_value, record_date
from extractor.contract.article import RawArticle
from extractor.contract.ids import safe_id
from extractor.errors import InputError
from extractor.io.inputs.decode import decode, looks_binary
from extractor.io.inputs.fields import META_FIELDS, clean_str, without_surrogates
from extractor.io.inputs.files import Unreadable, open_regular, unreadable
from extractor.io.inputs.html import from_html
from extractor.io.inputs.manifest import Manifest, with_manifest
from extractor.io.inputs.problems import InputProblem, Item

__all__ = ["read_json", "read_jsonl"]

_TOO_DEEP = "is nested too deeply to be read as JSON; give flat records"


def read_json(shown: Path, name: str, data: bytes, rows: Manifest) -> list[Item]:
    text, _ = decode(data, safe_id(shown.stem))
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        raise InputError(shown.stem, f"is not valid JSON ({exc}); fix the file") from None
    except RecursionError:
        raise InputError(shown.stem, _TOO_DEEP) from None
    if isinstance(parsed, dict):
        return [_record(parsed, name, rows)]
    if isinstance(parsed, list) and parsed:
        return [_record(r, f"{name}#{n}", rows) for n, r in enumerate(parsed, 1)]
    raise InputError(shown.stem, "holds no records; give an object or a list of objects")


def read_jsonl(shown: Path, name: str, max_bytes: int, rows: Manifest) -> list[Item]:
    items: list[Item] = []
    article_id = safe_id(shown.stem)
    try:
        with open_regular(shown) as handle:
            if b"\x00" in handle.read(8192):
                raise InputError(shown.stem, "looks binary (it has NUL bytes); give JSON lines")
            handle.seek(0)
            for number, line in _lines(handle, max_bytes):
                where = f"{name}#{number}"
                if line is None:
                    items.append(
                        _problem(
                            where,
                            f"is longer than {max_bytes:,} bytes; raise "
                            "the input size limit (--max-input-bytes) or shorten it",
                        )
                    )
                    continue
                try:
                    obj = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
                except (UnicodeDecodeError, ValueError) as exc:
                    items.append(_problem(where, f"is not valid JSON ({exc}); fix this line"))
                    continue
                except RecursionError:
                    items.append(_problem(where, _TOO_DEEP))
                    continue
                items.append(_record(obj, where, rows))
    except Unreadable as exc:
        raise InputError(article_id, str(exc)) from None
    except OSError as exc:
        raise InputError(article_id, str(unreadable(exc))) from None
    if not items:
        raise InputError(shown.stem, "holds no records; give one JSON object per line")
    return items


def _lines(handle: Any, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Non-blank lines with their numbers; None for a line over ``max_bytes`` (skipped)."""
    number = 0
    while True:
        line: bytes = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        elif line.strip():
            yield number, line


def _problem(where: str, reason: str) -> InputProblem:
    name = where.rsplit("/", 1)[-1]
    return InputProblem(id=safe_id(name), path=where, message=f"{where} {reason}", raw_id=name)


def _record(obj: Any, where: str, rows: Manifest) -> Item:
    """One JSON record: ``id``, ``text`` or ``html``, optional title, url, published_at, source."""
    if not isinstance(obj, dict):
        return _problem(where, "is not a JSON object; give one object per record")
    raw_id = obj.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    if not isinstance(raw_id, str) or not raw_id.strip():
        return _problem(where, 'has no "id"; give every record a non-empty string id')
    article_id = safe_id(raw_id)
    try:
        canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except RecursionError:  # loaded at the edge of the limit, a frame short to dump
        return _problem(where, _TOO_DEEP)
    try:
        fields = {name: _optional_str(obj, name, article_id) for name in META_FIELDS}
        text, html_meta = _record_text(obj, article_id)
        field = _field_date(_optional_str(obj, "published_at", article_id), article_id)
        published, evidence = record_date(field, html_meta.get("published")) or (None, None)
    except InputError as exc:
        return InputProblem(
            id=article_id,
            path=where,
            message=f"{where} (id {raw_id!r}): {exc.reason}",
            raw_id=raw_id,
        )
    article = RawArticle(
        id=article_id,
        text=text,
        title=fields["title"] or html_meta.get("title"),
        url=fields["url"] or html_meta.get("url"),
        source=fields["source"] or html_meta.get("source"),
        published_at=published,
        published_evidence=evidence,
        path=where,
        input_sha256=hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest(),
        raw_id=raw_id,
    )
    return with_manifest(article, raw_id, None, rows)


def _record_text(obj: dict[str, Any], article_id: str) -> tuple[str, dict[str, Any]]:
    text, page = obj.get("text"), obj.get("html")
    is_html = not (isinstance(text, str) and text.strip())
    content = page if is_html else text
    if not isinstance(content, str) or not content.strip():
        raise InputError(article_id, 'has no "text" or "html"; give the article\'s text')
    content = without_surrogates(content)
    if looks_binary(content):
        raise InputError(article_id, "has a text that looks binary; give the article's text")
    if not is_html:
        return content.replace("\r\n", "\n").replace("\r", "\n"), {}
    return from_html(content, article_id)


def _field_date(stamp: str | None, article_id: str) -> dt.date | None:
    value = None if stamp is None else parse_date_value(stamp)
    if stamp is not None and value is None:
        raise InputError(
            article_id, f"has published_at {stamp!r}, which is not a date; use YYYY-MM-DD"
        )
    return value


def _optional_str(obj: dict[str, Any], name: str, article_id: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(article_id, f"has a {name!r} that is not a string; fix the record")
    return clean_str(value)
