"""A damaged cache: found at start, moved aside, and what is still readable carried over.

Damage is what SQLite's ``quick_check`` reports (a page of the file overwritten, cut short)
and text that is not UTF-8 (which ``quick_check`` does not see, and which otherwise fails
every read of its row, night after night). The damaged file is renamed
``<cache>.corrupt-<UTC time>`` (with its WAL), never deleted; each row of it that can still
be read, and that holds what the cache would have written, is copied into a fresh cache.
Rows behind a damaged page are skipped, further each time the next read fails.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.contract.models import ModelExtraction

DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
SIDECARS = ("-wal", "-shm")
LAST_ROWID = 2**63 - 1

ANSWERS = (
    "key, outcome, extraction, prompt_tokens, completion_tokens, attempts, "
    "response_format, message, created, route"
)
FORMAT_1_ANSWERS = ANSWERS.replace("route", "'live'")  # a cache of format 1: all asked live
ARTICLES = (
    "tree, id, input_key, config_key, input_sha256, document_sha256, events, fragment, "
    "content_sha256, duration_s, listed_sha256"
)


@dataclass(frozen=True)
class Recovery:
    """What was wrong with a cache, where it went, and what was carried over."""

    path: Path
    damage: str
    moved_to: Path
    answers: int = 0
    articles: int = 0

    def line(self) -> str:
        return (
            f"cache {self.path} was damaged ({self.damage}): moved it to {self.moved_to.name} "
            f"and carried on with a fresh cache holding the {self.answers} answers and "
            f"{self.articles} article records still readable; what was lost is asked again "
            "(delete the .corrupt file when done with it)"
        )


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in DAMAGED


def damage_of(db: sqlite3.Connection) -> str | None:
    """What is wrong with an open cache (None: nothing); SQLite errors other than damage
    (a locked file, say) are raised."""
    factory = db.text_factory
    try:
        found = [str(row[0]) for row in db.execute("PRAGMA quick_check(3)")]
        if found != ["ok"]:
            lines = "\n".join(found).replace("*** in database main ***", "").split("\n")
            return "; ".join(line.strip() for line in lines if line.strip())
        db.text_factory = bytes
        answers = _rows(db, "answers", _answer_columns(db))
        bad = sum(1 for row in answers if _answer(row, parse=False) is None)
        bad += sum(1 for row in _rows(db, "articles", ARTICLES) if _article(row) is None)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return str(exc)
    finally:
        db.text_factory = factory
    return f"rows that cannot be read: {bad}" if bad else None


def move_aside(path: Path, stamp: str) -> Path:
    """Rename the cache and its WAL files to ``<name>.corrupt-<stamp>``."""
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in SIDECARS:  # the WAL first: its database is still where it expects it
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.replace(aside.with_name(aside.name + suffix))
    path.replace(aside)
    return aside


def salvage(source: Path, target: sqlite3.Connection) -> tuple[int, int]:
    """Copy the readable, well-formed rows of ``source`` into ``target``; their numbers."""
    try:
        db = sqlite3.connect(source, isolation_level=None)
    except sqlite3.DatabaseError:
        return 0, 0
    try:
        db.text_factory = bytes
        rows = _rows(db, "answers", _answer_columns(db))
        answers = [a for a in map(_answer, rows) if a is not None]
        articles = [a for a in map(_article, _rows(db, "articles", ARTICLES)) if a is not None]
    finally:
        db.close()
    target.execute("BEGIN IMMEDIATE")
    target.executemany(_insert("answers", ANSWERS), answers)
    target.executemany(_insert("articles", ARTICLES), articles)
    target.execute("COMMIT")
    return len(answers), len(articles)


def _answer_columns(db: sqlite3.Connection) -> str:
    try:
        names = {row[1] for row in db.execute("PRAGMA table_info(answers)")}
    except sqlite3.DatabaseError:
        names = set()
    return ANSWERS if not names or b"route" in names or "route" in names else FORMAT_1_ANSWERS


def _insert(table: str, columns: str) -> str:
    marks = ", ".join("?" * (columns.count(",") + 1))
    return f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (constants)


def _rows(db: sqlite3.Connection, table: str, columns: str) -> Iterator[tuple[Any, ...]]:
    """Every readable row in rowid order, stepping over damaged pages (set the connection's
    ``text_factory`` to ``bytes`` first: text that is not UTF-8 is then still read)."""
    try:
        top = db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]  # noqa: S608
    except sqlite3.DatabaseError:
        top = LAST_ROWID  # the last page is damaged: step on to the end
    query = f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid"  # noqa: S608
    after, step = 0, 1
    while top is not None and after < top:
        try:
            cursor = db.execute(query, (after,))
            while (row := cursor.fetchone()) is not None:
                after, step = row[0], 1
                yield row[1:]
            return
        except sqlite3.DatabaseError:
            # past the damaged page, further each time
            after, step = min(after + step, LAST_ROWID), step * 2


def _text(value: Any, *, null: bool = False) -> str | None:
    if value is None and null:
        return None
    if not isinstance(value, bytes | str):
        raise TypeError(value)
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _number(value: Any, kind: Callable[[Any], Any], *, null: bool = False) -> Any:
    if value is None and null:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(value)
    return kind(value)


def _answer(row: tuple[Any, ...], *, parse: bool = True) -> tuple[Any, ...] | None:
    """An ``answers`` row as the cache wrote it, or None (``parse``: its extraction is
    validated too; a run only reads the answers it needs)."""
    try:
        key, outcome, extraction, prompt, completion, attempts, fmt, message, created, route = row
        values = (
            _text(key),
            _text(outcome),
            _text(extraction, null=True),
            _number(prompt, int),
            _number(completion, int),
            _number(attempts, int),
            _text(fmt),
            _text(message, null=True),
            _number(created, float),
            _text(route),
        )
        if values[1] not in ("ok", "truncated") or values[9] not in ("live", "batch"):
            return None
        if values[1] == "ok" and parse:
            ModelExtraction.model_validate_json(values[2] or "")
    except (TypeError, ValueError, ValidationError):  # UnicodeDecodeError is a ValueError
        return None
    return values


def _article(row: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """An ``articles`` row as the cache wrote it, or None."""
    try:
        tree, article_id, *keys, events, fragment, content, duration, listed = row
        return (
            _text(tree),
            _text(article_id),
            *(_text(k, null=True) for k in keys),
            _number(events, int, null=True),
            _text(fragment, null=True),
            _text(content, null=True),
            _number(duration, float, null=True),
            _text(listed, null=True),
        )
    except (TypeError, ValueError):
        return None
