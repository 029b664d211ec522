"""The manifest: reading its rows (JSONL or CSV), and putting a row's values over its article's."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extractor.article.pubdate import manifest_date, parse_date_value
from extractor.contract.article import RawArticle
from extractor.contract.ids import safe_id
from extractor.errors import ConfigError
from extractor.io.inputs.fields import META_FIELDS, clean_str
from extractor.io.inputs.files import Unreadable, open_regular, printable, resolved
from extractor.io.inputs.problems import InputProblem, Item

__all__ = ["Manifest", "ManifestRow", "read_manifest", "with_manifest"]


@dataclass(frozen=True)
class ManifestRow:
    """Metadata the manifest gives one article."""

    title: str | None
    url: str | None
    source: str | None
    published_at: dt.date | None
    where: str  # "manifest.jsonl line 3"
    problem: str | None = None  # a bad row fails its article: "m.jsonl line 3: published_at ..."


@dataclass(frozen=True)
class Manifest:
    by_id: dict[str, ManifestRow]
    by_path: dict[Path, ManifestRow]

    def find(self, raw_id: str, path: Path | None) -> ManifestRow | None:
        if path is not None and path in self.by_path:
            return self.by_path[path]
        return self.by_id.get(raw_id) or self.by_id.get(safe_id(raw_id))


def read_manifest(path: Path) -> Manifest:
    """A JSONL or CSV manifest: rows with ``id`` or ``path`` (relative to the manifest's
    folder) and any of title, url, source, published_at.

    Raises ConfigError when the manifest is unusable as a whole: unreadable, a line that is not
    a JSON object (or not CSV), a row with neither id nor path. A row with a bad value, or a
    second row for the same article, fails that article alone (``ManifestRow.problem``).
    """
    try:
        with open_regular(path) as handle:
            content = handle.read().decode("utf-8-sig")
    except Unreadable as exc:
        raise ConfigError(
            f"Cannot read the manifest {path}: it {exc.reason}; check --manifest."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read the manifest {path} ({exc}); check --manifest.") from None
    by_id: dict[str, ManifestRow] = {}
    by_path: dict[Path, ManifestRow] = {}
    for number, entry in _manifest_entries(path, content):
        where = f"{printable(Path(path.name))} line {number}"
        row = _manifest_row(entry, where)
        keys: list[tuple[dict[Any, ManifestRow], Any]] = []
        if entry.get("id"):
            keys.append((by_id, str(entry["id"])))
        if entry.get("path"):
            keys.append((by_path, resolved(path.parent / str(entry["path"]))))
        if not keys:
            raise ConfigError(f"{path}: line {number} has neither id nor path; add one.")
        for table, key in keys:
            first = table.get(key)
            if first is not None:
                problem = f"{where} repeats {first.where}; keep one row per article"
                row = replace(row, problem=problem)
            table[key] = row
    return Manifest(by_id=by_id, by_path=by_path)


def _manifest_entries(path: Path, content: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(content.splitlines())
        try:
            for entry in reader:
                yield reader.line_num, {k: v for k, v in entry.items() if k and v not in ("", None)}
        except csv.Error as exc:
            raise ConfigError(
                f"{path}: line {reader.line_num + 1} is not valid CSV ({exc}); fix it."
            ) from None
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError as exc:
            raise ConfigError(f"{path}: line {number} is not valid JSON ({exc}); fix it.") from None
        except RecursionError:
            raise ConfigError(f"{path}: line {number} is nested too deeply; fix it.") from None
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: line {number} is not a JSON object; fix it.")
        yield number, entry


def _manifest_row(entry: dict[str, Any], where: str) -> ManifestRow:
    """The row's metadata, or a row whose ``problem`` says what is wrong with it."""
    values: dict[str, str | None] = {}
    for name in (*META_FIELDS, "published_at"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str):
            return _bad_row(where, f"{name} must be a string")
        values[name] = clean_str(value)
    published = None
    if values["published_at"] is not None:
        published = parse_date_value(values["published_at"])
        if published is None:
            return _bad_row(
                where, f"published_at {values['published_at']!r} is not a date; use YYYY-MM-DD"
            )
    return ManifestRow(
        title=values["title"],
        url=values["url"],
        source=values["source"],
        published_at=published,
        where=where,
    )


def _bad_row(where: str, reason: str) -> ManifestRow:
    return ManifestRow(None, None, None, None, where=where, problem=f"{where}: {reason}")


def with_manifest(article: RawArticle, raw_id: str, path: Path | None, rows: Manifest) -> Item:
    """The manifest's values replace the article's own, field by field; a bad row fails it."""
    row = rows.find(raw_id, path)
    if row is None:
        return article
    if row.problem is not None:
        return InputProblem(
            id=article.id,
            path=article.path,
            message=f"{article.path}: manifest {row.problem}",
            raw_id=article.raw_id,
        )
    changes: dict[str, Any] = {
        name: getattr(row, name) for name in META_FIELDS if getattr(row, name) is not None
    }
    if row.published_at is not None:
        declared = manifest_date(row.published_at, row.where)
        changes["published_at"], changes["published_evidence"] = declared
    return replace(article, **changes)
