"""Stories of a run: linked at the end of ``extractor run`` (or by ``extractor stories``),
kept across nights in the run's SQLite state, written to ``OUT/stories.jsonl``.

The state (table ``story_events`` of the run cache) holds, per event ever linked, its story id
and what the linker read of it (``extractor.stories.Facts``), so tonight's events can join a
story whose articles are no longer in the inputs. The events of an article in tonight's run
replace what was kept of it. An event whose article is gone is kept while its latest date lies
within ``KEEP_DAYS`` of the newest date of the run's events (an undated one stays).

Linking again what was linked last gives the same stories, so a run whose listed documents,
``stories.jsonl`` and rules are as the last link left them (size and modification time of
each file: the engine replaces a document it changes, never edits it in place) is not linked
again; the state remembers that last link (table ``story_link``, one row: a link of another
tree through the same state clears it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from extractor import stories
from extractor.contract.models import ArticleDocument
from extractor.contract.version import VERSION
from extractor.engine.files import read_manifest, write_lines_atomic
from extractor.errors import ConfigError, DataError
from extractor.io.output import dumps_line
from extractor.stories import DEFAULT_RULES, Facts, Key, Rules, build, document_facts, link
from extractor.stories import from_json as facts_from_json
from extractor.stories import to_json as facts_to_json

STORIES_FILE = "stories.jsonl"
MANIFEST = "run.json"
KEEP_DAYS = 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_events (
    article_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    story_id TEXT NOT NULL,
    facts TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE TABLE IF NOT EXISTS story_link (
    fingerprint TEXT NOT NULL,
    linked TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Linked:
    """What linking a run did."""

    stories: int
    events: int
    joined: int  # tonight's events that joined a story kept from an earlier run
    kept: int  # events of earlier runs' articles kept in the state
    problems: list[str] = field(default_factory=list)  # documents that could not be read


KnownFacts = tuple[str, tuple[Facts, ...]]  # a document's sha256, its events' facts


def listed_documents(out_dir: Path) -> list[Path]:
    """The documents ``run.json`` lists; ConfigError when there is no readable run.json."""
    return [path for _, path in _listed(out_dir)]


def _listed(out_dir: Path) -> list[tuple[str, Path]]:
    manifest = read_manifest(out_dir / MANIFEST)
    if manifest is None:
        raise ConfigError(
            f"{out_dir} has no readable {MANIFEST}: name the --out folder of an 'extractor run'"
        )
    return [(a.id, out_dir / a.document) for a in manifest.articles if a.document]


@dataclass
class _Read:
    present: set[str] = field(default_factory=set)  # the articles read
    facts: list[Facts] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _read(
    listed: Sequence[tuple[str, Path]], rules: Rules, known: Mapping[str, KnownFacts]
) -> _Read:
    """The facts of the listed documents: those ``known`` (same sha256) as they are, the
    others from the document."""
    read = _Read()
    for article_id, path in listed:
        try:
            data = path.read_bytes()
            facts = known.get(article_id)
            if facts is not None and facts[0] == hashlib.sha256(data).hexdigest():
                read.facts.extend(facts[1])
                read.present.add(article_id)
                continue
            document = ArticleDocument.model_validate_json(data)
        except (OSError, ValidationError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else f"{exc.error_count()} errors"
            read.problems.append(f"{path}: cannot be read for stories ({why}); left out")
            continue
        read.facts.extend(document_facts(document, rules))
        read.present.add(document.id)
    return read


def _latest(f: Facts) -> dt.date | None:
    days = [d for d in (f.end, f.published) if d is not None]
    return max(days, default=None)


def _pool(
    current: Sequence[Facts], stored: Iterable[tuple[Facts, str]], present: set[str]
) -> tuple[list[Facts], dict[Key, str]]:
    """Tonight's events and the kept events of articles not in tonight's run."""
    newest = max((d for f in current if (d := _latest(f)) is not None), default=None)
    oldest = newest - dt.timedelta(days=KEEP_DAYS) if newest else None
    prior: dict[Key, str] = {}
    pool = list(current)
    for f, sid in stored:
        prior[f.key] = sid
        if f.article_id in present:
            continue  # replaced by tonight's events of the article
        latest = _latest(f)
        if latest is None or oldest is None or latest >= oldest:
            pool.append(f)
    return pool, prior


class StoryState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def stored(self) -> Iterator[tuple[Facts, str]]:
        rows = self._db.execute("SELECT facts, story_id FROM story_events")
        for facts, story_id in rows:
            yield facts_from_json(json.loads(facts)), story_id

    def last_link(self, fingerprint: str | None) -> Linked | None:
        """What the last link did, when it left things as ``fingerprint`` says."""
        row = self._db.execute("SELECT fingerprint, linked FROM story_link").fetchone()
        if fingerprint is None or row is None or row[0] != fingerprint:
            return None
        return Linked(**json.loads(row[1]))

    def remember(self, fingerprint: str | None, linked: Linked) -> None:
        self._db.execute("DELETE FROM story_link")
        if fingerprint is not None:
            record = json.dumps(dataclasses.asdict(linked), sort_keys=True)
            self._db.execute("INSERT INTO story_link VALUES (?, ?)", (fingerprint, record))

    def replace(self, facts: Sequence[Facts], ids: dict[Key, str]) -> None:
        """Keep exactly ``facts`` with their story ids."""
        rows = [
            (f.article_id, f.event_id, ids[f.key], json.dumps(facts_to_json(f), sort_keys=True))
            for f in facts
        ]
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("DELETE FROM story_link")  # linked again: remembered after
            self._db.execute("DELETE FROM story_events")
            self._db.executemany("INSERT INTO story_events VALUES (?, ?, ?, ?)", rows)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def link_run(
    out_dir: Path,
    state_path: Path,
    rules: Rules = DEFAULT_RULES,
    known: Mapping[str, KnownFacts] | None = None,
) -> Linked:
    """Link the run in ``out_dir`` into stories, with the state at ``state_path``; write
    ``stories.jsonl`` (left alone when unchanged). Nothing is read again when the run is as
    the last link left it (see the module docstring). ``known``: facts made with ``rules``
    of documents, by article id, used for a listed document of the same sha256."""
    listed = _listed(out_dir)
    paths = [path for _, path in listed]
    try:
        state = StoryState(state_path)
        try:
            before = _fingerprint(out_dir, paths, rules)
            done = state.last_link(before)
            if done is not None:
                return done
            linked = _link(out_dir, _read(listed, rules, known or {}), state, rules)
            if not linked.problems:
                state.remember(_fingerprint(out_dir, paths, rules), linked)
            return linked
        finally:
            state.close()
    except sqlite3.Error as exc:
        raise DataError(
            f"the stories kept in {state_path} cannot be read or written ({exc}): "
            "pass another --cache (story ids start afresh there)"
        ) from exc


def _link(out_dir: Path, read: _Read, state: StoryState, rules: Rules) -> Linked:
    current = read.facts
    pool, prior = _pool(current, state.stored(), read.present)
    ids = link(pool, prior, rules)
    state.replace(pool, ids)
    stories = build(pool, ids)
    write_lines_atomic(out_dir / STORIES_FILE, (dumps_line(s) for s in stories))
    kept_ids = set(prior.values())
    joined = sum(1 for f in current if f.key not in prior and ids[f.key] in kept_ids)
    return Linked(
        stories=len(stories),
        events=len(current),
        joined=joined,
        kept=len(pool) - len(current),
        problems=read.problems,
    )


def _fingerprint(out_dir: Path, paths: Sequence[Path], rules: Rules) -> str | None:
    """What the link of ``out_dir`` read and wrote, as file sizes and modification times
    (None when a file is missing: then it is linked)."""
    files = [*paths, out_dir / STORIES_FILE]
    try:
        stats = [(str(p), (st := p.stat()).st_size, st.st_mtime_ns) for p in files]
    except OSError:
        return None
    seen = json.dumps([VERSION, stories.REVISION, str(out_dir.resolve()), repr(rules), stats])
    return hashlib.sha256(seen.encode("utf-8", "surrogatepass")).hexdigest()
