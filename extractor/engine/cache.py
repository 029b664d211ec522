"""The run cache: model answers and the state of each output tree, in one SQLite file.

- ``answers``: the validated answer of every model request (or the fact that it was cut
  off at the token limit), keyed by ``keys.request_key``. Written as soon as the answer
  arrives, so a run killed at any moment never pays for that request again.
- ``articles``: per output tree and article, the keys of the input and configuration its
  document was made with, the document's sha256 and its ``events.jsonl`` lines, and the
  document's sha256 as last listed in ``run.json`` (what "changed" is measured against).

WAL journal, one short transaction per write, a busy timeout for concurrent processes.
SQLite needs a local file system: give each machine its own file (``--cache``). A damaged
file is found when the cache is opened and replaced by what can be salvaged of it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from extractor.contract.endpoint import CallResult
from extractor.contract.models import ModelExtraction, Usage
from extractor.engine.salvage import (
    ANSWERS,
    Recovery,
    damage_of,
    is_damage,
    move_aside,
    salvage,
)
from extractor.errors import ConfigError

VERSION = 2  # 2: answers say their route (live or batch)
SQLITE_HEADER = b"SQLite format 3\x00"
Outcome = Literal["ok", "truncated"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    extraction TEXT,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    response_format TEXT NOT NULL,
    message TEXT,
    created REAL NOT NULL,
    route TEXT NOT NULL DEFAULT 'live'
);
CREATE TABLE IF NOT EXISTS articles (
    tree TEXT NOT NULL,
    id TEXT NOT NULL,
    input_key TEXT,
    config_key TEXT,
    input_sha256 TEXT,
    document_sha256 TEXT,
    events INTEGER,
    fragment TEXT,
    content_sha256 TEXT,
    duration_s REAL,
    listed_sha256 TEXT,
    PRIMARY KEY (tree, id)
);
"""
_PUT_ANSWER = f"INSERT OR REPLACE INTO answers ({ANSWERS}) VALUES ({', '.join('?' * 10)})"  # noqa: S608
# ``run --batch`` only: made at its first use, so a live run's cache is laid out as before.
_BATCH_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    file_id TEXT PRIMARY KEY,
    batch_id TEXT,
    tree TEXT NOT NULL,
    status TEXT NOT NULL,
    requests INTEGER NOT NULL,
    submitted REAL NOT NULL,
    collected INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS batch_lines (
    file_id TEXT NOT NULL,
    custom_id TEXT NOT NULL,
    key TEXT NOT NULL,
    article_id TEXT NOT NULL,
    article_key TEXT NOT NULL,
    PRIMARY KEY (file_id, custom_id)
);
"""


@dataclass(frozen=True)
class Answer:
    """A cached model answer: a result, or a cut-off answer to raise again."""

    outcome: Outcome
    result: CallResult | None
    message: str | None = None


@dataclass(frozen=True)
class ArticleState:
    id: str
    input_key: str | None
    config_key: str | None
    input_sha256: str | None
    document_sha256: str | None  # of the document this engine last wrote or kept
    events: int | None
    listed_sha256: str | None  # of the document as last listed in the manifest; None: not listed
    content_sha256: str | None = None  # of the document with its duration_s set to 0
    duration_s: float | None = None  # the document's provenance.duration_s


@dataclass(frozen=True)
class Submitted:
    """A request file sent to a provider's Batch API (``batch_id`` None: not yet a batch)."""

    file_id: str
    batch_id: str | None
    status: str
    requests: int
    submitted: float


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _cannot_open(path: Path, why: object) -> ConfigError:
    return ConfigError(
        f"Cache {path} cannot be opened ({why}): delete it (the next run re-extracts) "
        "or pass another --cache."
    )


def _refuse_other_files(path: Path) -> None:
    """A file that is no SQLite database at all is not taken for a damaged cache (a wrong
    --cache, say): it is left alone."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _cannot_open(path, exc.strerror) from None
    if head and head != SQLITE_HEADER:
        raise _cannot_open(path, "file is not a database")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(path, isolation_level=None, timeout=30.0)
    except sqlite3.DatabaseError as exc:
        raise _cannot_open(path, exc) from None


def _checked(db: sqlite3.Connection, path: Path) -> str | None:
    """Set the cache up on ``db``; what is damaged in it (None: nothing)."""
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, 1, VERSION):
            db.close()
            raise ConfigError(
                f"Cache {path} has format {version}, this extractor reads {VERSION}: "
                "delete the file or pass another --cache."
            )
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL: safe against crashes of the process
        db.executescript(_SCHEMA)
        damage = damage_of(db)
        if damage is None and version == 1:  # every answer of format 1 was asked live
            db.execute("ALTER TABLE answers ADD COLUMN route TEXT NOT NULL DEFAULT 'live'")
        if damage is None:
            db.execute(f"PRAGMA user_version={VERSION}")
        return damage
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return str(exc)
        db.close()
        raise _cannot_open(path, exc) from None


class Cache:
    """Open with ``Cache.open(path)``; close with ``close()`` or use it as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self.recovery: Recovery | None = None  # set when a damaged file was replaced
        self._held = False  # in a ``together`` block
        self._batch_tables = False  # made (or seen) by this connection

    @classmethod
    def open(cls, path: Path, now: Callable[[], dt.datetime] = _utcnow) -> Cache:
        """Open (or create) the cache at ``path``. A damaged one is moved aside and what is
        still readable carried into a fresh one (see ``salvage.py``; ``recovery`` says so)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        _refuse_other_files(path)
        db = _connect(path)
        damage = _checked(db, path)
        if damage is None:
            return cls(db, path)
        db.close()
        aside = move_aside(path, f"{now():%Y%m%dT%H%M%SZ}")
        cache = cls(_connect(path), path)
        _checked(cache._db, path)  # a new file: sets the tables up
        answers, articles = salvage(aside, cache._db)
        cache.recovery = Recovery(path, damage, aside, answers, articles)
        return cache

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def together(self) -> Iterator[None]:
        """The writes of the block in one transaction (the thousands of answers of a batch)."""
        with self._transaction():
            self._held = True
            try:
                yield
            finally:
                self._held = False

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self._held:  # inside ``together``: its transaction
            yield self._db
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- answers --------------------------------------------------------------------------

    def answer(self, key: str) -> Answer | None:
        row = self._db.execute(
            "SELECT outcome, extraction, prompt_tokens, completion_tokens, attempts, "
            "response_format, message, route FROM answers WHERE key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        outcome, extraction, prompt, completion, attempts, fmt, message, route = row
        if outcome == "truncated":
            return Answer("truncated", None, message)
        result = CallResult(
            extraction=ModelExtraction.model_validate_json(extraction),
            usage=Usage(prompt_tokens=prompt, completion_tokens=completion),
            attempts=attempts,
            response_format=fmt,
            route=route,
        )
        return Answer("ok", result)

    def put_answer(self, key: str, result: CallResult, now: float) -> None:
        self._put(
            key,
            "ok",
            # as answered: a slot the answer left out stays out (``ModelEvent``), so a cached
            # answer builds the document the live one built
            result.extraction.model_dump_json(exclude_unset=True),
            result.usage,
            result.attempts,
            result.response_format,
            None,
            now,
            result.route,
        )

    def put_truncated(self, key: str, message: str, now: float) -> None:
        self._put(key, "truncated", None, Usage(), 1, "json_schema", message, now)

    def _put(
        self,
        key: str,
        outcome: Outcome,
        extraction: str | None,
        usage: Usage,
        attempts: int,
        response_format: str,
        message: str | None,
        now: float,
        route: str = "live",
    ) -> None:
        with self._transaction() as db:
            db.execute(
                _PUT_ANSWER,
                (
                    key,
                    outcome,
                    extraction,
                    usage.prompt_tokens,
                    usage.completion_tokens,
                    attempts,
                    response_format,
                    message,
                    now,
                    route,
                ),
            )

    # --- articles -------------------------------------------------------------------------

    def articles(self, tree: str) -> dict[str, ArticleState]:
        rows = self._db.execute(
            "SELECT id, input_key, config_key, input_sha256, document_sha256, events, "
            "listed_sha256, content_sha256, duration_s FROM articles WHERE tree = ?",
            (tree,),
        )
        return {row[0]: ArticleState(*row) for row in rows}

    def fragment(self, tree: str, article_id: str, document_sha256: str) -> str | None:
        """The ``events.jsonl`` lines of the document with that sha256, if recorded."""
        row = self._db.execute(
            "SELECT fragment FROM articles WHERE tree = ? AND id = ? AND document_sha256 = ?",
            (tree, article_id, document_sha256),
        ).fetchone()
        return None if row is None else str(row[0])

    def put_article(self, tree: str, state: ArticleState, fragment: str) -> None:
        """Record a document just written (or kept); its listed sha256 is left as it was."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO articles (tree, id, input_key, config_key, input_sha256, "
                "document_sha256, events, fragment, content_sha256, duration_s) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (tree, id) DO UPDATE SET input_key = excluded.input_key, "
                "config_key = excluded.config_key, input_sha256 = excluded.input_sha256, "
                "document_sha256 = excluded.document_sha256, events = excluded.events, "
                "fragment = excluded.fragment, content_sha256 = excluded.content_sha256, "
                "duration_s = excluded.duration_s",
                (
                    tree,
                    state.id,
                    state.input_key,
                    state.config_key,
                    state.input_sha256,
                    state.document_sha256,
                    state.events,
                    fragment,
                    state.content_sha256,
                    state.duration_s,
                ),
            )

    def mark_listed(self, tree: str, listed: Mapping[str, str | None]) -> None:
        """After the manifest is written: the sha256 each article's document is listed with."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO articles (tree, id, listed_sha256) VALUES (?, ?, ?) "
                "ON CONFLICT (tree, id) DO UPDATE SET listed_sha256 = excluded.listed_sha256",
                [(tree, article_id, sha) for article_id, sha in listed.items()],
            )

    # --- batches (``run --batch``) --------------------------------------------------------

    def _batches(self) -> sqlite3.Connection:
        """The connection, with the batch tables made if this cache has none yet."""
        if not self._batch_tables:
            self._db.executescript(_BATCH_SCHEMA)
            self._batch_tables = True
        return self._db

    def put_batch(
        self, tree: str, file_id: str, lines: list[tuple[str, str, str, str]], now: float
    ) -> None:
        """Record an uploaded request file and its lines (custom_id, key, article id, and
        the article's key: ``requests.article_key``)."""
        self._batches()
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO batches VALUES (?, NULL, ?, 'uploaded', ?, ?, 0)",
                (file_id, tree, len(lines), now),
            )
            db.executemany(
                "INSERT OR REPLACE INTO batch_lines VALUES (?, ?, ?, ?, ?)",
                [(file_id, *line) for line in lines],
            )

    def set_batch(self, file_id: str, status: str, batch_id: str | None = None) -> None:
        self._batches()
        with self._transaction() as db:
            db.execute(
                "UPDATE batches SET status = ?, batch_id = COALESCE(?, batch_id) WHERE file_id = ?",
                (status, batch_id, file_id),
            )

    def collected(self, file_id: str, status: str) -> None:
        """The batch ended and what it answered is in ``answers``."""
        self._batches()
        with self._transaction() as db:
            db.execute(
                "UPDATE batches SET status = ?, collected = 1 WHERE file_id = ?",
                (status, file_id),
            )

    def open_batches(self, tree: str) -> list[Submitted]:
        rows = self._batches().execute(
            "SELECT file_id, batch_id, status, requests, submitted FROM batches "
            "WHERE tree = ? AND collected = 0 ORDER BY submitted, file_id",
            (tree,),
        )
        return [Submitted(*row) for row in rows]

    def batch_lines(self, file_id: str) -> dict[str, str]:
        """custom_id -> request key of one request file."""
        rows = self._batches().execute(
            "SELECT custom_id, key FROM batch_lines WHERE file_id = ?", (file_id,)
        )
        return dict(rows.fetchall())

    def open_keys(self, tree: str) -> set[str]:
        """The request keys of batches not yet collected."""
        rows = self._batches().execute(
            "SELECT key FROM batch_lines JOIN batches USING (file_id) "
            "WHERE tree = ? AND collected = 0",
            (tree,),
        )
        return {row[0] for row in rows}

    def open_articles(self, tree: str) -> set[str]:
        """The article keys of batches not yet collected: articles waiting for them."""
        rows = self._batches().execute(
            "SELECT DISTINCT article_key FROM batch_lines JOIN batches USING (file_id) "
            "WHERE tree = ? AND collected = 0",
            (tree,),
        )
        return {row[0] for row in rows}

    def batch_rounds(self, tree: str) -> dict[str, int]:
        """Per article, the ended batches that held one of its requests (an expired batch
        does not count: what it did not answer is submitted again)."""
        rows = self._batches().execute(
            "SELECT article_id, COUNT(DISTINCT file_id) FROM batch_lines "
            "JOIN batches USING (file_id) WHERE tree = ? AND collected = 1 "
            "AND status != 'expired' GROUP BY article_id",
            (tree,),
        )
        return dict(rows.fetchall())

    def typical_answer(self) -> tuple[int, float]:
        """How many answers the cache holds, and their mean completion tokens."""
        count, mean = self._db.execute(
            "SELECT COUNT(*), AVG(completion_tokens) FROM answers WHERE outcome = 'ok'"
        ).fetchone()
        return int(count), float(mean or 0.0)
