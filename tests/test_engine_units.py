"""Pure parts of the engine: planning, statuses, manifests and their merge, shards, budget."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.contract.models import ArticleEntry, Failure, RunManifest, Usage
from extractor.engine.batch import plan_article, stale_reason
from extractor.engine.budget import Budget
from extractor.engine.cache import ArticleState
from extractor.engine.client import Tally
from extractor.engine.files import DocInfo, TreeNames
from extractor.engine.manifest import (
    bare_entry,
    build_manifest,
    entry,
    failure_of,
    merge,
    status_of,
)
from extractor.engine.shards import Shard, parse_shard, shard_of
from extractor.errors import ConfigError

STATE = ArticleState("a", "in1", "cfg1", "raw", "doc1", 2, "doc1")
T0 = dt.datetime(2026, 5, 20, 2, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("state", "disk", "input_key", "config_key", "refresh", "reuse"),
    [
        (STATE, "doc1", "in1", "cfg1", "changed", True),
        (STATE, "doc1", "in1", "cfg2", "changed", False),  # new prompt, model, settings
        (STATE, "doc1", "in1", "cfg2", "only-changed", True),
        (STATE, "doc1", "in2", "cfg1", "only-changed", False),  # the article changed
        (STATE, "doc1", "in1", "cfg1", "force", False),
        (STATE, "edited", "in1", "cfg1", "changed", False),  # the file is not ours
        (STATE, None, "in1", "cfg1", "changed", False),  # the file is gone
        (None, "doc1", "in1", "cfg1", "changed", False),  # nothing recorded
    ],
)
def test_plan_article(
    state: ArticleState | None,
    disk: str | None,
    input_key: str,
    config_key: str,
    refresh: str,
    reuse: bool,
) -> None:
    assert plan_article(state, disk, input_key, config_key, refresh) is reuse  # type: ignore[arg-type]


def test_status_against_the_last_listed_document() -> None:
    assert status_of(None, "x") == "added"
    assert status_of("x", "x") == "unchanged"
    assert status_of("x", "y") == "changed"


def _info(article_id: str, events: int = 1) -> DocInfo:
    return DocInfo(article_id, f"articles/{article_id}.json", "s" + article_id, events, "raw")


def _manifest(
    entries: list[ArticleEntry], failures: list[Failure], interrupted: bool = False
) -> RunManifest:
    return build_manifest(
        entries=entries,
        failures=failures,
        removed=["old"],
        interrupted=interrupted,
        config={"model": "m"},
        inputs=["in"],
        started_at=T0,
        finished_at=T0 + dt.timedelta(minutes=5),
        duration_s=300.0,
    )


def test_entries_count_this_runs_spending_only() -> None:
    tally = Tally(requests=3, cached=0, prompt_tokens=1000, completion_tokens=200)
    prices = ((1000.0, 2000.0), (500.0, 1000.0))  # live, batch; per 1M
    made = entry(_info("a"), "added", tally, prices, 4.25, source_id="a")
    assert (made.attempts, made.cached, made.cost_usd, made.duration_s) == (3, False, 1.4, 4.25)
    # answers this invocation collected from a batch: billed at the batch price, not cached
    collected = Tally(cached=2, batched=2, batch_usage=Usage(prompt_tokens=1000))
    billed = entry(_info("e"), "added", collected, prices, source_id="e")
    assert (billed.attempts, billed.cached, billed.cost_usd) == (0, False, 0.5)
    assert billed.usage.prompt_tokens == 1000
    reused = entry(_info("b"), "unchanged", None, prices, source_id="b")
    assert (reused.attempts, reused.cached, reused.cost_usd, reused.duration_s) == (0, True, 0, 0)
    assert reused.usage.total_tokens == 0
    failed = bare_entry("c", "failed", _info("c", 4), "new-raw", Tally(requests=2), source_id="c")
    assert (failed.document, failed.input_sha256, failed.events) == ("articles/c.json", "raw", 4)
    fresh = bare_entry("d", "skipped", None, "new-raw", source_id="d")
    assert (fresh.document, fresh.input_sha256, fresh.events) == (None, "new-raw", 0)


def test_manifest_status_counts_and_totals() -> None:
    a = entry(
        _info("b"), "added", Tally(requests=1, prompt_tokens=10, completion_tokens=5), source_id="b"
    )
    b = entry(_info("a"), "unchanged", source_id="a")
    c = bare_entry("c", "failed", None, None, source_id="c")
    failure = Failure(
        id="c", source_id="c", stage="input", error_class="InputError", message="x", attempts=0
    )
    complete = _manifest([a, b], [])
    assert complete.status == "complete"
    assert [e.id for e in complete.articles] == ["a", "b"]
    partial = _manifest([a, b, c], [failure])
    assert partial.status == "partial"
    counts = partial.counts
    assert (counts.total, counts.added, counts.unchanged, counts.failed, counts.removed) == (
        3,
        1,
        1,
        1,
        1,
    )
    assert partial.totals.model_calls == 1
    assert partial.totals.usage.total_tokens == 15
    assert _manifest([a], [], interrupted=True).status == "interrupted"


def test_merging_shard_manifests() -> None:
    one = build_manifest(
        entries=[entry(_info("b"), "added", Tally(requests=2), source_id="b")],
        failures=[],
        removed=["x"],
        interrupted=False,
        config={"model": "m", "shard": "1/2"},
        inputs=["in"],
        started_at=T0,
        finished_at=T0 + dt.timedelta(seconds=60),
        duration_s=60,
    )
    two = build_manifest(
        entries=[
            entry(_info("a"), "unchanged", source_id="a"),
            bare_entry("c", "skipped", None, "r", source_id="c"),
        ],
        failures=[],
        removed=["y"],
        interrupted=False,
        config={"model": "m", "shard": "2/2"},
        inputs=["in"],
        started_at=T0 + dt.timedelta(seconds=30),
        finished_at=T0 + dt.timedelta(seconds=120),
        duration_s=90,
    )
    merged = merge([one, two], {"model": "m", "shards": 2})
    assert [e.id for e in merged.articles] == ["a", "b", "c"]
    assert merged.removed == ["x", "y"] and merged.status == "partial"
    assert merged.counts.total == 3 and merged.totals.model_calls == 2
    assert (merged.started_at, merged.finished_at) == (one.started_at, two.finished_at)
    assert merged.totals.duration_s == 120


@given(st.lists(st.text(min_size=1, max_size=30), max_size=50), st.integers(1, 12))
def test_shards_partition_the_ids(ids: list[str], n: int) -> None:
    for article_id in ids:
        owners = [k for k in range(1, n + 1) if Shard(k, n).holds(article_id)]
        assert owners == [shard_of(article_id, n)]


def test_shards_are_balanced_and_named() -> None:
    sizes = [0] * 4
    for number in range(4000):
        sizes[shard_of(f"article-{number}", 4) - 1] += 1
    assert all(900 < size < 1100 for size in sizes)
    names = TreeNames(parse_shard(" 2 / 4 "))
    assert (names.manifest, names.events) == ("run.shard-2-of-4.json", "events.shard-2-of-4.jsonl")
    assert names.cache == ".extractor-cache.shard-2-of-4.sqlite"
    assert TreeNames().manifest == "run.json"


@pytest.mark.parametrize("value", ["2", "0/3", "4/3", "a/b", "1/0"])
def test_bad_shards_are_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="--shard"):
        parse_shard(value)


def test_budget_reserves_until_the_next_article_could_exceed_it() -> None:
    budget = Budget(limit=1.0, price=(1000.0, 2000.0), max_tokens=100)  # USD per 1M tokens
    first = budget.estimate(prompt_chars=2000, requests=1)  # 500 prompt + 100 answer tokens
    assert first == pytest.approx(0.5 + 0.2)
    assert budget.reserve("a", first)
    assert not budget.reserve("b", first)  # 0.7 reserved + 0.7 > 1.0
    assert budget.exhausted
    budget.settle("a", 0.3, completion_tokens=40)
    assert not budget.reserve("c", 0.1)  # once exhausted, for good
    assert budget.spent == pytest.approx(0.3)
    # After answers are seen, the estimate uses them (with a margin) instead of max_tokens.
    assert budget.estimate(2000, 1) == pytest.approx(0.5 + 40 * 1.5 / 1000 * 2)
    assert Budget(limit=None, price=None, max_tokens=10).reserve("x", 1e9)


def test_a_cache_damaged_during_a_run_fails_its_article_with_what_happens_next() -> None:
    failure = failure_of(
        "a1", sqlite3.DatabaseError("database disk image is malformed"), 1, source_id="a1"
    )
    assert failure.stage == "output" and failure.error_class == "DatabaseError"
    assert failure.message == (
        "the run cache is damaged (database disk image is malformed): the next run moves it "
        "aside, keeps what it can read and carries on"
    )


def test_only_what_this_tool_wrote_and_nobody_changed_is_stale() -> None:
    state = ArticleState("a", "in", "cfg", "raw", "doc1", 3, "doc0")
    assert stale_reason(state, "doc1", listed=False) is None
    assert stale_reason(state, "doc0", listed=False) is None  # as last listed
    assert stale_reason(state, "other", listed=True) == "changed since extractor wrote it"
    assert stale_reason(None, "any", listed=True) is None  # the last run.json lists it
    unknown = "not written by extractor (it has no record of it)"
    assert stale_reason(None, "any", listed=False) == unknown
