"""The SQLite run cache and its keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from extractor.article.pipeline import PipelineSettings
from extractor.article.prompt import Prompt
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import CallResult, EndpointConfig
from extractor.contract.models import ModelExtraction, Usage
from extractor.contract.schemas import Shape
from extractor.engine import keys
from extractor.engine.cache import VERSION, ArticleState, Cache
from extractor.engine.keys import (
    answer_base,
    build_key,
    code_sha256,
    config_key,
    input_key,
    request_key,
    tree_sha256,
)
from extractor.errors import ConfigError

EXTRACTION = ModelExtraction.model_validate(
    {
        "events": [
            {
                "description": "The council met.",
                "actors": ["council"],
                "place": None,
                "when": "on Monday",
                "tense": "past",
                "statements": [],
            }
        ]
    }
)
RESULT = CallResult(EXTRACTION, Usage(prompt_tokens=700, completion_tokens=90), 2, "json_object")
MESSAGES = [{"role": "system", "content": "s"}, {"role": "user", "content": "article text"}]


def test_answers_round_trip_and_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache.open(path) as cache:
        assert cache.answer("k") is None
        cache.put_answer("k", RESULT, now=1.0)
        cache.put_truncated("t", "the answer hit the token limit (10)", now=2.0)
    with Cache.open(path) as cache:
        found = cache.answer("k")
        assert found is not None and found.outcome == "ok" and found.result is not None
        assert found.result.extraction == EXTRACTION
        assert found.result.usage == RESULT.usage
        assert (found.result.attempts, found.result.response_format) == (2, "json_object")
        truncated = cache.answer("t")
        assert truncated is not None and truncated.result is None
        assert truncated.message == "the answer hit the token limit (10)"


def test_an_answer_keeps_the_slots_it_left_out_unset(tmp_path: Path) -> None:
    anchors = ModelExtraction.model_validate({"events": [{"sentence": 2, "trigger": "met"}]})
    with Cache.open(tmp_path / "c.sqlite") as cache:
        cache.put_answer("k", CallResult(anchors, Usage(), 1, "json_schema"), now=1.0)
        found = cache.answer("k")
    assert found is not None and found.result is not None
    [event] = found.result.extraction.events
    assert event.model_fields_set == {"sentence", "trigger"}  # its actors come from the parse


def test_an_answer_keeps_its_route(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache.open(path) as cache:
        cache.put_answer("live", RESULT, now=1.0)
        cache.put_answer("batch", dataclasses.replace(RESULT, route="batch"), now=1.0)
    with Cache.open(path) as cache:
        routes = {
            k: a.result.route for k in ("live", "batch") if (a := cache.answer(k)) and a.result
        }
    assert routes == {"live": "live", "batch": "batch"}


FORMAT_1 = """
CREATE TABLE answers (key TEXT PRIMARY KEY, outcome TEXT NOT NULL, extraction TEXT,
    prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,
    attempts INTEGER NOT NULL, response_format TEXT NOT NULL, message TEXT,
    created REAL NOT NULL);
"""


def _format_1(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(FORMAT_1)
    db.execute(
        "INSERT INTO answers VALUES ('k', 'ok', ?, 700, 90, 2, 'json_object', NULL, 1.0)",
        (EXTRACTION.model_dump_json(),),
    )
    db.execute("PRAGMA user_version=1")
    db.close()


def test_a_cache_of_format_1_is_carried_on_with_its_answers_asked_live(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    _format_1(path)
    with Cache.open(path) as cache:
        found = cache.answer("k")
        assert found is not None and found.result == RESULT  # route "live", as it was asked
        cache.put_answer("b", dataclasses.replace(RESULT, route="batch"), now=2.0)
        again = cache.answer("b")
        assert again is not None and again.result is not None and again.result.route == "batch"
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == VERSION


def test_a_damaged_cache_of_format_1_is_salvaged_with_its_answers_live(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    _format_1(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        "INSERT INTO answers VALUES ('bad', 'ok', CAST(X'7B22FFFE' AS TEXT), 1, 1, 1, "
        "'json_schema', NULL, 1.0)"
    )
    db.close()
    with Cache.open(path) as cache:
        assert cache.recovery is not None and cache.recovery.answers == 1
        found = cache.answer("k")
        assert found is not None and found.result == RESULT and cache.answer("bad") is None


def test_wal_lets_a_reader_read_while_a_writer_writes(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache.open(path) as cache:
        cache.put_answer("first", RESULT, now=1.0)
        assert cache._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM answers")
        assert cache.answer("first") is not None  # the uncommitted delete is not seen
        writer.execute("ROLLBACK")
        writer.close()


def test_article_state_and_listed_sha(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "c.sqlite") as cache:
        state = ArticleState("a", "in", "cfg", "raw", "doc1", 3, None, "content", 1.5)
        cache.put_article("/out", state, "lines\n")
        cache.mark_listed("/out", {"a": "doc1", "gone": None})
        cache.put_article("/out", dataclasses.replace(state, document_sha256="doc2"), "new\n")
        states = cache.articles("/out")
        assert states["a"] == dataclasses.replace(
            state, document_sha256="doc2", listed_sha256="doc1"
        )
        assert states["gone"].listed_sha256 is None
        assert cache.fragment("/out", "a", "doc2") == "new\n"
        assert cache.fragment("/out", "a", "doc1") is None
        assert cache.articles("/elsewhere") == {}


def test_a_file_that_is_not_a_cache_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(ConfigError, match=r"c\.sqlite cannot be opened .*delete it"):
        Cache.open(path)


def _damage_page(path: Path, page: int) -> None:
    """Overwrite one page of an SQLite file with garbage, as a bad disk block would."""
    size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xde\xad\xbe\xef" * (size // 4))


def _filled(path: Path, count: int) -> dict[str, CallResult]:
    results = {}
    with Cache.open(path) as cache:
        for n in range(count):
            usage = Usage(prompt_tokens=n, completion_tokens=1)
            results[f"key{n:04d}"] = dataclasses.replace(RESULT, usage=usage)
            cache.put_answer(f"key{n:04d}", results[f"key{n:04d}"], now=float(n))
        cache._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return results


def test_a_damaged_cache_is_moved_aside_and_its_readable_answers_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    results = _filled(path, 300)
    pages = path.stat().st_size // 4096
    _damage_page(path, pages // 2)
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):  # the damage is real
        sqlite3.connect(path).execute("SELECT * FROM answers").fetchall()
    with Cache.open(path, now=lambda: dt.datetime(2026, 12, 4, 3, 0, tzinfo=dt.UTC)) as cache:
        recovery = cache.recovery
        assert recovery is not None and "malformed" in recovery.damage
        assert recovery.moved_to == tmp_path / "c.sqlite.corrupt-20261204T030000Z"
        assert recovery.moved_to.exists()
        assert 0 < recovery.answers <= 300
        found = {key: cache.answer(key) for key in results}
        kept = {key: a.result for key, a in found.items() if a is not None}
        assert len(kept) == recovery.answers
        assert all(kept[key] == results[key] for key in kept)
        assert cache._db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        line = recovery.line()
        assert line.startswith(f"cache {path} was damaged (")
        assert "moved it to c.sqlite.corrupt-20261204T030000Z" in line
        assert f"the {recovery.answers} answers and 0 article records" in line
    with Cache.open(path) as cache:  # the fresh cache is sound
        assert cache.recovery is None


def test_text_that_is_not_utf8_is_found_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    results = _filled(path, 5)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("UPDATE answers SET extraction = CAST(X'7B22FFFE' AS TEXT) WHERE key = 'key0002'")
    db.close()
    with Cache.open(path) as cache:
        assert cache.recovery is not None
        assert cache.recovery.damage == "rows that cannot be read: 1"
        assert cache.answer("key0002") is None  # asked again, instead of failing every night
        for key in ("key0000", "key0001", "key0003", "key0004"):
            answer = cache.answer(key)
            assert answer is not None and answer.result == results[key]


def test_a_cache_of_another_format_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={VERSION + 1}")
    db.close()
    with pytest.raises(ConfigError, match="delete the file or pass another --cache"):
        Cache.open(path)


# --- keys ---------------------------------------------------------------------------------


def _config(**changes: object) -> EndpointConfig:
    base = EndpointConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key="secret")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


PROMPT = Prompt("extract", "system $x", "user $article")


@pytest.mark.parametrize(
    "changes",
    [
        {"model": "other"},
        {"temperature": 0.7},
        {"seed": 1},
        {"max_tokens": 100},
        {"response_format": "json_object"},
    ],
)
def test_the_answer_key_changes_with_what_decides_the_answer(changes: dict[str, object]) -> None:
    settings = PipelineSettings(prompt=PROMPT)
    assert answer_base(_config(**changes), settings) != answer_base(_config(), settings)


def test_the_answer_key_ignores_what_does_not_decide_the_answer() -> None:
    settings = PipelineSettings(prompt=PROMPT)
    same = _config(api_key="another", timeout_s=5, max_attempts=2, reasks=0)
    assert answer_base(same, settings) == answer_base(_config(), settings)
    # Where the endpoint is does not decide the answer: same model, same request.
    for moved in ("http://localhost:9/v1", "http://10.0.0.7:8000/v1", "https://proxy.example/v1"):
        assert answer_base(_config(base_url=moved), settings) == answer_base(_config(), settings)
    assert answer_base(_config(kind="openai"), settings) == answer_base(_config(), settings)
    # The embedded model: its file's checksum, not its random port or its file's name.
    local = PipelineSettings(prompt=PROMPT, model_sha256="cd" * 32)
    local_a = _config(kind="local", base_url="http://127.0.0.1:1/v1", api_key="k1")
    local_b = _config(kind="local", base_url="http://127.0.0.1:2/v1", model="renamed")
    assert answer_base(local_a, local) == answer_base(local_b, local)
    other_file = PipelineSettings(prompt=PROMPT, model_sha256="ef" * 32)
    assert answer_base(local_a, other_file) != answer_base(local_a, local)
    other_prompt = PipelineSettings(prompt=Prompt("extract", "system 2", "user $article"))
    assert answer_base(_config(), other_prompt) != answer_base(_config(), settings)
    other_model = PipelineSettings(prompt=PROMPT, model_sha256="ab" * 32)
    assert answer_base(_config(), other_model) != answer_base(_config(), settings)


def test_request_and_document_keys() -> None:
    base = answer_base(_config(), PipelineSettings(prompt=PROMPT))
    assert request_key(base, MESSAGES) == request_key(base, [dict(m) for m in MESSAGES])
    changed = [MESSAGES[0], {"role": "user", "content": "article text."}]
    assert request_key(base, changed) != request_key(base, MESSAGES)
    # the schema sent (narrowed to the listed sentences) is part of the key
    narrow = request_key(base, MESSAGES, Shape(range(1, 3)))
    assert narrow != request_key(base, MESSAGES, Shape(range(1, 4)))
    assert request_key(base, MESSAGES, Shape(range(1, 3), 12)) != narrow
    assert request_key(base, MESSAGES, Shape(range(1, 3), answers="short")) != narrow
    settings = PipelineSettings(prompt=PROMPT)
    key = config_key(_config(), settings, "1.0")
    assert config_key(_config(), settings, "1.1") != key
    assert config_key(_config(), dataclasses.replace(settings, chunk_chars=5000), "1.0") != key
    priced = dataclasses.replace(settings, price=(0.1, 0.2))
    assert config_key(_config(), priced, "1.0") != key
    # the batch price (the cost of batch answers in provenance): only where the live price
    # does not imply it
    half = dataclasses.replace(priced, batch_price=(0.05, 0.1))
    assert config_key(_config(), half, "1.0") == config_key(_config(), priced, "1.0")
    other = dataclasses.replace(priced, batch_price=(0.01, 0.1))
    assert config_key(_config(), other, "1.0") != config_key(_config(), priced, "1.0")


def test_the_code_hash_follows_every_module_and_nothing_else(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub" / "__pycache__").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n", encoding="utf-8")
    (package / "sub" / "b.py").write_text("y = 2\n", encoding="utf-8")
    first = tree_sha256(package)
    (package / "sub" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"\0")
    (package / "notes.txt").write_text("not code", encoding="utf-8")
    assert tree_sha256(package) == first
    (package / "sub" / "b.py").write_text("y = 3\n", encoding="utf-8")
    assert tree_sha256(package) != first
    (package / "sub" / "b.py").rename(package / "b.py")  # the same bytes, moved
    (package / "b.py").write_text("y = 2\n", encoding="utf-8")
    assert tree_sha256(package) != first
    assert len(code_sha256()) == 64 and code_sha256() == tree_sha256(Path(keys.__file__).parents[1])
    assert build_key("k", code_sha256()) != build_key("k", "0" * 64)


def test_the_input_key_covers_the_metadata_that_lands_in_the_document() -> None:
    article = RawArticle(
        id="a",
        text="text",
        title="T",
        url=None,
        source=None,
        published_at=None,
        published_evidence=None,
        path="in/a.txt",
        input_sha256="0" * 64,
    )
    key = input_key(article)
    assert input_key(dataclasses.replace(article)) == key
    for change in ({"title": "U"}, {"path": "b/a.txt"}, {"input_sha256": "1" * 64}):
        assert input_key(dataclasses.replace(article, **change)) != key  # type: ignore[arg-type]


def test_a_new_document_schema_rebuilds_documents_without_asking_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The stored document's schema version decides the document, not the model's answer:
    the request schema sent to the model is in ``request_key`` already."""
    settings = PipelineSettings(prompt=PROMPT)
    answer, document = answer_base(_config(), settings), config_key(_config(), settings, "1")
    monkeypatch.setattr(keys, "SCHEMA_VERSION", "99.0.0")
    assert answer_base(_config(), settings) == answer
    assert config_key(_config(), settings, "1") != document


def test_together_writes_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Cache.open(path) as cache:
        with cache.together():
            cache.put_answer("a", RESULT, now=1.0)
            cache.put_answer("b", RESULT, now=1.0)
        with pytest.raises(RuntimeError), cache.together():
            cache.put_answer("c", RESULT, now=1.0)
            raise RuntimeError("killed midway")
        cache.put_answer("d", RESULT, now=1.0)  # and single writes work again after it
    with Cache.open(path) as cache:
        found = {k: cache.answer(k) is not None for k in "abcd"}
    assert found == {"a": True, "b": True, "c": False, "d": True}


def test_batches_are_recorded_until_collected(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "c.sqlite") as cache:
        lines = [("x/0/k1", "k1", "x", "ax"), ("y/0/k2", "k2", "y", "ay")]
        cache.put_batch("/out", "file-1", lines, 1.0)
        cache.put_batch("/other", "file-2", [("z/0/k3", "k3", "z", "az")], 2.0)
        [opened] = cache.open_batches("/out")
        assert (opened.file_id, opened.batch_id, opened.requests) == ("file-1", None, 2)
        cache.set_batch("file-1", "in_progress", "batch_1")
        assert cache.open_batches("/out")[0].batch_id == "batch_1"
        assert cache.batch_lines("file-1") == {"x/0/k1": "k1", "y/0/k2": "k2"}
        assert cache.open_keys("/out") == {"k1", "k2"}
        assert cache.open_articles("/out") == {"ax", "ay"}
        assert cache.batch_rounds("/out") == {}
        cache.collected("file-1", "completed")
        assert cache.open_batches("/out") == [] and cache.open_keys("/out") == set()
        assert cache.batch_rounds("/out") == {"x": 1, "y": 1}
        cache.put_batch("/out", "file-3", [("x/0/k1", "k1", "x", "ax")], 3.0)
        cache.collected("file-3", "expired")  # an expired batch is no round: sent again
        assert cache.batch_rounds("/out") == {"x": 1, "y": 1}
