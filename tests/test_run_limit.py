"""``extractor run --limit N`` / ``--sample N``: a tried run on a few articles, which removes
nothing of the others."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from extractor.cli import cli
from extractor.engine.select import Limit, choose
from extractor.validate import load_contract, validate_paths
from tests.engine_support import answering, article_text, bodies, per_article, write_articles
from tests.fake_endpoint import FakeEndpoint

IDS = [f"a{n:04d}" for n in range(6)]


def run(endpoint: FakeEndpoint, inputs: Path, out: Path, *args: str) -> Result:
    base = ["run", str(inputs), "--out", str(out), "--base-url", endpoint.base_url]
    return CliRunner().invoke(
        cli, [*base, "--model", "fake-model", *args], env={}, catch_exceptions=False
    )


def manifest(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return data


def statuses(out: Path) -> dict[str, str]:
    return {e["id"]: e["status"] for e in manifest(out)["articles"]}


def test_limit_extracts_the_first_articles_and_lists_the_others_as_skipped(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 6)
    fake_endpoint.set_responder(answering)
    result = run(fake_endpoint, inputs, out, "--limit", "2")
    assert result.exit_code == 0, result.output
    said = [x.split(" ", 1)[1] for x in result.output.splitlines()]  # after the time
    assert "6 articles (--limit 2): 0 unchanged, 2 to extract, 0 unreadable, 4 skipped" in said
    assert set(per_article(fake_endpoint.chat_requests)) == {"a0000", "a0001"}
    data = manifest(out)
    assert data["status"] == "complete" and data["config"]["limit"] == "--limit 2"
    assert data["counts"] == {
        "total": 6,
        "added": 2,
        "changed": 0,
        "unchanged": 0,
        "removed": 0,
        "failed": 0,
        "skipped": 4,
    }
    assert sorted(p.stem for p in (out / "articles").glob("*.json")) == ["a0000", "a0001"]
    assert validate_paths([out], load_contract()).ok
    # the rest follows on the next full run, without paying again for the first two
    assert run(fake_endpoint, inputs, out).exit_code == 0
    assert sorted(per_article(fake_endpoint.chat_requests).values()) == [1] * 6


def test_a_tried_run_on_a_full_tree_removes_nothing(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 6)
    fake_endpoint.set_responder(answering)
    assert run(fake_endpoint, inputs, out).exit_code == 0
    before = {p.name: p.read_bytes() for p in (out / "articles").iterdir()}
    changed = article_text(5, bodies(), extra="A late line was added.\n")
    (inputs / "a0005.txt").write_text(changed, encoding="utf-8")
    (inputs / "a0004.txt").unlink()  # really gone: removed, limit or not
    result = run(fake_endpoint, inputs, out, "--limit", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) == 6  # the two tried are unchanged: no request
    after = {p.name: p.read_bytes() for p in (out / "articles").iterdir()}
    del before["a0004.json"]
    assert after == before  # a0005 changed but was not tried: its document stays
    # unchanged articles are listed as such, tried or not; a0005 needs work: skipped
    assert statuses(out) == {
        "a0000": "unchanged",
        "a0001": "unchanged",
        "a0002": "unchanged",
        "a0003": "unchanged",
        "a0005": "skipped",
    }
    assert manifest(out)["removed"] == ["a0004"]
    assert validate_paths([out], load_contract()).ok
    assert run(fake_endpoint, inputs, out, "--quiet").exit_code == 0
    assert per_article(fake_endpoint.chat_requests)["a0005"] == 2  # now re-extracted
    assert statuses(out) == {
        "a0000": "unchanged",
        "a0001": "unchanged",
        "a0002": "unchanged",
        "a0003": "unchanged",
        "a0005": "changed",
    }


def test_sample_is_a_stable_random_choice(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, 6)
    fake_endpoint.set_responder(answering)
    args = ["--sample", "3", "--sample-seed", "7", "--quiet"]
    assert run(fake_endpoint, inputs, tmp_path / "one", *args).exit_code == 0
    tried = set(per_article(fake_endpoint.chat_requests))
    assert tried == choose(IDS, Limit(3, 7)) and len(tried) == 3
    assert run(fake_endpoint, inputs, tmp_path / "two", *args).exit_code == 0
    assert set(per_article(fake_endpoint.chat_requests[3:])) == tried  # the same three again
    assert manifest(tmp_path / "two")["config"]["limit"] == "--sample 3 --sample-seed 7"
    skipped = {i for i, s in statuses(tmp_path / "two").items() if s == "skipped"}
    assert skipped == set(IDS) - tried


def test_choose() -> None:
    assert choose(reversed(IDS), Limit(2)) == {"a0000", "a0001"}
    assert choose(IDS, Limit(10)) == set(IDS)
    sample = choose(IDS, Limit(3, 1))
    assert choose(reversed(IDS), Limit(3, 1)) == sample and len(sample) == 3
    # an article added later leaves the sample alone unless it ranks among the first
    grown = choose([*IDS, "a0099"], Limit(3, 1))
    assert grown == sample or "a0099" in grown
    seeds = {frozenset(choose(IDS, Limit(3, seed))) for seed in range(10)}
    assert len(seeds) > 1  # the seed matters


def test_limit_and_sample_contradict(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--limit", "1", "--sample", "1"],
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "EXTRACTOR_MODEL": "m"},
    )
    assert result.exit_code == 2
    assert "--limit and --sample contradict each other: give one." in result.output
