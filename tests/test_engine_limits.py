"""Shards into one tree, the run-wide pause on a 429, and ``--max-cost``."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from extractor.cli import cli
from extractor.engine import shard_of
from extractor.engine.ratelimit import RateLimiter
from extractor.validate import load_contract, validate_paths
from tests.engine_support import answering, article_of, per_article, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, error


def run(endpoint: FakeEndpoint, inputs: Path, out: Path, *args: str) -> Result:
    base = ["run", str(inputs), "--out", str(out), "--base-url", endpoint.base_url]
    return CliRunner().invoke(
        cli, [*base, "--model", "fake-model", "--quiet", *args], env={}, catch_exceptions=False
    )


def read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_two_shards_write_one_tree(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 24)
    fake_endpoint.set_responder(answering)
    ids = {f"a{n:04d}" for n in range(24)}
    mine = {k: {i for i in ids if shard_of(i, 2) == k} for k in (1, 2)}
    assert mine[1] and mine[2]

    first = run(fake_endpoint, inputs, out, "--shard", "1/2")
    assert first.exit_code == 0, first.output
    assert set(per_article(fake_endpoint.chat_requests)) == mine[1]
    assert not (out / "run.json").exists()  # waits for shard 2
    assert {a["id"] for a in read(out / "run.shard-1-of-2.json")["articles"]} == mine[1]
    assert (out / ".extractor-cache.shard-1-of-2.sqlite").exists()

    second = run(fake_endpoint, inputs, out, "--shard", "2/2")
    assert second.exit_code == 0, second.output
    assert per_article(fake_endpoint.chat_requests) == dict.fromkeys(ids, 1)
    merged = read(out / "run.json")
    assert [a["id"] for a in merged["articles"]] == sorted(ids)
    assert merged["counts"]["added"] == 24 and merged["config"]["shards"] == 2
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    order = [json.loads(line)["article_id"] for line in lines]
    assert order == sorted(order) and set(order) == ids
    assert validate_paths([out], load_contract()).ok

    # An article removed from the inputs is removed by its own shard only.
    gone = min(mine[2])
    (inputs / f"{gone}.txt").unlink()
    assert run(fake_endpoint, inputs, out, "--shard", "1/2").exit_code == 0
    assert (out / "articles" / f"{gone}.json").exists()
    assert run(fake_endpoint, inputs, out, "--shard", "2/2").exit_code == 0
    assert not (out / "articles" / f"{gone}.json").exists()
    merged = read(out / "run.json")
    assert merged["removed"] == [gone] and merged["counts"]["unchanged"] == 23
    assert len(fake_endpoint.chat_requests) == 24  # nothing sent again
    assert validate_paths([out], load_contract()).ok


def test_a_429_pauses_the_whole_run(
    fake_endpoint: FakeEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 8)
    arrivals: list[tuple[float, str | None]] = []
    four_in_flight = threading.Event()
    paused = threading.Event()
    paused_at: list[float] = []
    lock = threading.Lock()
    back_off = RateLimiter._back_off

    def seen(limiter: RateLimiter, retry_after: float | None) -> None:
        paused_at.append(time.monotonic())  # the limiter's clock: it pauses from a later now
        back_off(limiter, retry_after)
        paused.set()

    monkeypatch.setattr(RateLimiter, "_back_off", seen)

    def respond(request: Recorded) -> Reply:
        with lock:
            arrivals.append((time.monotonic(), article_of(request)))
            first = len(arrivals) == 1
            if len(arrivals) == 4:
                four_in_flight.set()
        if first:  # the 429 goes once all four workers have a request in flight
            four_in_flight.wait(60)
            return error(429, "slow down", {"Retry-After": "1.0"})
        reply = answering(request)
        reply.after = paused  # those in flight answer once the run has seen the 429
        return reply

    fake_endpoint.set_responder(respond)
    result = run(fake_endpoint, inputs, out, "--concurrency", "4")
    assert result.exit_code == 0, result.output
    [at] = paused_at
    # The three in flight when the 429 came answer normally; no new request, by any worker
    # (the 429's retry included), is sent until Retry-After has passed.
    before = [t for t, _ in arrivals if t < at]
    after = [t for t, _ in arrivals if t >= at]
    assert len(before) == 4 and len(after) == 5
    assert min(after) >= at + 1.0
    manifest = read(out / "run.json")
    assert manifest["totals"]["model_calls"] == 9 and manifest["status"] == "complete"


def test_max_cost_stops_starting_articles_and_says_so(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 10)
    fake_endpoint.set_responder(answering)  # 500 prompt + 120 completion tokens each
    base = ["run", str(inputs), "--out", str(out), "--base-url", fake_endpoint.base_url]
    args = ["--model", "m", "--concurrency", "1", "--max-tokens", "200"]
    result = CliRunner().invoke(
        cli,
        [*base, *args, "--price", "1000,1000", "--max-cost", "3"],
        env={},
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert "warning: --max-cost $3: spent $" in result.output
    assert "starting no new article" in result.output
    manifest = read(out / "run.json")
    done = [a for a in manifest["articles"] if a["status"] == "added"]
    skipped = [a for a in manifest["articles"] if a["status"] == "skipped"]
    assert done and skipped and len(done) + len(skipped) == 10
    assert manifest["status"] == "partial"
    assert manifest["totals"]["cost_usd"] <= 3
    assert manifest["totals"]["cost_usd"] == round(0.62 * len(done), 6)
    assert all(a["document"] is None for a in skipped)
    # The next night, without a budget, only what was left is extracted.
    sent = len(fake_endpoint.chat_requests)
    again = CliRunner().invoke(cli, [*base, *args, "-q"], env={}, catch_exceptions=False)
    assert again.exit_code == 0
    assert set(per_article(fake_endpoint.chat_requests[sent:])) == {a["id"] for a in skipped}


def test_max_cost_needs_a_price(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    result = run(fake_endpoint, tmp_path / "in", tmp_path / "out", "--max-cost", "1")
    assert result.exit_code == 2
    assert "--max-cost needs the price of fake-model: pass --price" in result.output


def test_known_models_are_priced(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    fake_endpoint.set_responder(answering)
    base = ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")]
    base += ["--base-url", fake_endpoint.base_url, "--model", "gpt-4o-mini-2024-07-18", "-q"]
    result = CliRunner().invoke(cli, base, env={}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    manifest = read(tmp_path / "out" / "run.json")
    each = round((500 * 0.15 + 120 * 0.6) / 1_000_000, 6)  # USD per million tokens
    assert [a["cost_usd"] for a in manifest["articles"]] == [each, each]
    assert manifest["config"]["price"] == "0.15,0.6 USD per 1M tokens"
    doc = read(tmp_path / "out" / "articles" / "a0000.json")
    assert doc["provenance"]["cost_usd"] == each
