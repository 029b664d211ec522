"""The output tree on disk: documents, ``events.jsonl``, manifests, temporary files, locks.

OUT/run.json                  manifest (sharded: run.shard-K-of-N.json, merged into run.json)
OUT/events.jsonl              every event, one JSON object a line, sorted by article id
OUT/articles/<id>.json        one document per article
OUT/.extractor-cache.sqlite   the run cache (``--cache`` moves it)
OUT/.extractor-run*.lock      held while a run writes the tree (see ``lock.py``)
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.contract.models import ArticleDocument, RunManifest
from extractor.engine.shards import Shard
from extractor.errors import DataError
from extractor.io.output import dumps, dumps_line, write_atomic
from extractor.stories import Facts

ARTICLES_DIR = "articles"


@dataclass(frozen=True)
class TreeNames:
    """File names of one run (sharded runs get their own manifest, events file and cache)."""

    shard: Shard | None = None

    def _name(self, stem: str, suffix: str) -> str:
        return f"{stem}.{self.shard.suffix}{suffix}" if self.shard else f"{stem}{suffix}"

    @property
    def manifest(self) -> str:
        return self._name("run", ".json")

    @property
    def events(self) -> str:
        return self._name("events", ".jsonl")

    @property
    def cache(self) -> str:
        return self._name(".extractor-cache", ".sqlite")


@dataclass(frozen=True)
class DocInfo:
    """A document on disk, as the manifest lists it."""

    id: str
    document: str  # relative to the output directory
    sha256: str
    events: int
    input_sha256: str


def document_path(article_id: str) -> str:
    return f"{ARTICLES_DIR}/{article_id}.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(out_dir: Path, article_id: str) -> bytes | None:
    try:
        return document_file(out_dir, article_id).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def fragment_of(article_id: str, source_id: str, events: Iterable[Any]) -> str:
    """The ``events.jsonl`` lines of one document's events (dicts or models); each line names
    its article by id and by the caller's id (``source_id``)."""
    lines = []
    for event in events:
        data = event if isinstance(event, dict) else event.model_dump(mode="json")
        lines.append(dumps_line({"article_id": article_id, "source_id": source_id, **data}))
    return "".join(lines)


def info_from_bytes(article_id: str, data: bytes) -> tuple[DocInfo, str] | None:
    """What the manifest needs from a document file, and its event lines; None if unreadable."""
    try:
        doc = json.loads(data)
        events = doc["events"]
        input_sha256 = doc["source"]["input_sha256"]
        source_id = doc.get("source_id", article_id)  # documents before 1.2.0 have none
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(events, list) or not isinstance(input_sha256, str):
        return None
    if not isinstance(source_id, str):
        return None
    info = DocInfo(article_id, document_path(article_id), sha256(data), len(events), input_sha256)
    return info, fragment_of(article_id, source_id, events)


def _timed(document: ArticleDocument, duration_s: float) -> ArticleDocument:
    provenance = document.provenance.model_copy(update={"duration_s": duration_s})
    return document.model_copy(update={"provenance": provenance})


def _with_duration(text: str, duration_s: float) -> str:
    """``text`` (a document dumped with duration_s 0) with ``duration_s`` in its place;
    ``provenance.duration_s`` is the only ``duration_s`` key a document has."""
    return text.replace(_ZERO_DURATION, f'"duration_s": {json.dumps(duration_s)}', 1)


_ZERO_DURATION = '"duration_s": 0.0'


def _same_but_duration(old: bytes, new_text: str) -> bool:
    """The old file holds the new document but for how long it took to make."""
    try:
        previous = json.loads(old)
        duration = previous["provenance"]["duration_s"]
    except (ValueError, KeyError, TypeError):
        return False
    return isinstance(duration, int | float) and old.decode() == _with_duration(
        new_text, float(duration)
    )


@dataclass(frozen=True)
class Stored:
    """A document ready to be stored: what to record, and the text to write (if any)."""

    info: DocInfo
    fragment: str
    content_sha256: str  # of the document with its duration_s set to 0
    duration_s: float
    text: str | None  # None: the file already holds the document
    facts: tuple[Facts, ...] | None = None  # its events' story facts, when made with it


@dataclass(frozen=True)
class Rendered:
    """A document as the text to store, made without the disk (a worker process can)."""

    id: str
    text: str
    zero: str  # the text with duration_s 0
    content_sha256: str  # of ``zero``
    duration_s: float
    fragment: str  # its events.jsonl lines
    events: int
    input_sha256: str
    facts: tuple[Facts, ...] | None = None  # its events' story facts (default rules)


def is_file_name(article_id: str) -> bool:
    """Whether ``article_id`` names a file in ``articles/`` (ids made by ``ids.safe_id`` do)."""
    return not ("/" in article_id or "\\" in article_id or article_id in ("", ".", ".."))


def document_file(out_dir: Path, article_id: str) -> Path:
    """``OUT/articles/<id>.json``; ids are safe file names (see ``ids.safe_id``)."""
    if not is_file_name(article_id):
        raise DataError(f"refusing to use a path outside {out_dir / ARTICLES_DIR}: {article_id!r}")
    return out_dir / ARTICLES_DIR / f"{article_id}.json"


def render(document: ArticleDocument, recorded: tuple[str, float] | None = None) -> Rendered:
    """The document's text. ``recorded`` is the (content sha256, duration) of the document
    made last time: when the new one has the same content, it keeps the old duration, so a
    document made again from cached answers is byte for byte the one made before."""
    provenance = document.provenance.model_copy(update={"duration_s": 0.0})
    zero = dumps(document.model_copy(update={"provenance": provenance}))
    content = sha256(zero.encode("utf-8"))
    duration = document.provenance.duration_s
    if recorded is not None and recorded[0] == content:
        duration = recorded[1]
    text: str | None = _with_duration(zero, duration) if zero.count(_ZERO_DURATION) == 1 else None
    if text is None:  # cannot happen with the current schema; stay correct if it changes
        provenance = document.provenance.model_copy(update={"duration_s": duration})
        text = dumps(document.model_copy(update={"provenance": provenance}))
    fragment = fragment_of(document.id, document.source_id, document.events)
    return Rendered(
        document.id,
        text,
        zero,
        content,
        duration,
        fragment,
        len(document.events),
        document.source.input_sha256,
    )


def prepare_document(out_dir: Path, rendered: Rendered) -> Stored:
    """The document as it will be stored, compared with the file already there: a file that
    holds the document but for its duration is kept as it is."""
    data = rendered.text.encode("utf-8")
    text: str | None = rendered.text
    duration = rendered.duration_s
    old = read_document(out_dir, rendered.id)
    if old is not None and old != data and _same_but_duration(old, rendered.zero):
        data, text = old, None
        duration = float(json.loads(old)["provenance"]["duration_s"])
    elif old == data:
        text = None
    info = DocInfo(
        rendered.id,
        document_path(rendered.id),
        sha256(data),
        rendered.events,
        rendered.input_sha256,
    )
    return Stored(info, rendered.fragment, rendered.content_sha256, duration, text, rendered.facts)


def write_document(out_dir: Path, stored: Stored) -> None:
    """Write a prepared document atomically (nothing to do if the file holds it)."""
    if stored.text is not None:
        write_atomic(document_file(out_dir, stored.info.id), stored.text)


def present_ids(out_dir: Path) -> set[str]:
    folder = out_dir / ARTICLES_DIR
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.glob("*.json") if p.is_file()}


def remove_document(out_dir: Path, article_id: str) -> None:
    document_file(out_dir, article_id).unlink(missing_ok=True)


def clean_temporary(out_dir: Path, mine: Callable[[str], bool]) -> int:
    """Remove temporary files a killed run left in ``articles/`` (only this run's articles)."""
    folder = out_dir / ARTICLES_DIR
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.glob(".*.json.*.tmp"):
        article_id = path.name[1:].split(".json.", 1)[0]
        if mine(article_id):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def write_lines_atomic(path: Path, chunks: Iterable[str]) -> bool:
    """Stream ``chunks`` to ``path`` via a temporary file; leave the file alone if equal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, mode)  # mkstemp makes 0600 files; outputs are meant to be read by others
    written = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                data = chunk.encode("utf-8")
                written.update(data)
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if _file_sha256(path) == written.hexdigest():
            Path(tmp).unlink()
            return False
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def read_manifest(path: Path) -> RunManifest | None:
    """A manifest of an earlier run; None when there is none or it cannot be read."""
    try:
        return RunManifest.model_validate_json(path.read_bytes())
    except (FileNotFoundError, ValidationError, ValueError):
        return None


@contextlib.contextmanager
def wait_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``, waiting for it if another process has it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
