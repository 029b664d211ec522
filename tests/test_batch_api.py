"""``extractor run --batch``: the real ``openai`` client against a fake Batch API on
127.0.0.1 (tests/fake_batch.py), answering with the fake endpoint's own logic."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from extractor.cli import cli
from extractor.cli.exits import PENDING
from extractor.validate import load_contract, validate_paths
from tests.engine_support import answering, clean_env, documents, write_articles
from tests.fake_batch import FakeBatchAPI
from tests.fake_endpoint import FakeEndpoint
from tests.test_batch_offline import comparable, count_cleaning

COUNT = 5
SETTINGS = ["--model", "fake-model", "--chunk-chars", "2000"]


def args(endpoint: FakeEndpoint, inputs: Path, out: Path, *more: str) -> list[str]:
    return [
        "run",
        str(inputs),
        "--out",
        str(out),
        "--base-url",
        endpoint.base_url,
        *SETTINGS,
        *more,
    ]


def batch(endpoint: FakeEndpoint, inputs: Path, out: Path, *more: str) -> Result:
    given = args(endpoint, inputs, out, "--batch", "--batch-poll", "0", *more)
    return CliRunner().invoke(cli, given, env={}, catch_exceptions=False)


def statuses(out: Path) -> dict[str, str]:
    data = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {a["id"]: a["status"] for a in data["articles"]}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_articles(folder, COUNT)
    return folder


@pytest.fixture
def api(fake_endpoint: FakeEndpoint) -> FakeBatchAPI:
    return FakeBatchAPI(fake_endpoint, answering)


@pytest.fixture
def live_documents(tmp_path: Path, inputs: Path) -> dict[str, dict[str, Any]]:
    with FakeEndpoint(answering) as other:
        given = args(other, inputs, tmp_path / "live", "--quiet")
        done = CliRunner().invoke(cli, given, env={}, catch_exceptions=False)
        assert done.exit_code == 0, done.output
        requests = len(other.chat_requests)
    assert requests > COUNT
    return documents(tmp_path / "live")


def test_wait_submits_polls_collects_and_writes_the_live_documents(
    tmp_path: Path,
    inputs: Path,
    fake_endpoint: FakeEndpoint,
    api: FakeBatchAPI,
    live_documents: dict[str, dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    cleaned = count_cleaning(monkeypatch)
    result = batch(fake_endpoint, inputs, out, "--wait")
    assert result.exit_code == 0, result.output
    assert sorted(cleaned) == sorted(live_documents)  # once each: the build reuses the plan's
    assert len(api.created) == 1 and not fake_endpoint.chat_requests  # nothing asked live
    for status in ("in_progress", "finalizing"):
        assert f"1 batches open (1 {status})" in result.stderr
    assert "batch batch_1 completed:" in result.stderr
    checked = validate_paths([out], load_contract())
    assert checked.ok, [str(p) for p in checked.problems]
    # linked into stories as a live run is, the same stories
    stories = (out / "stories.jsonl").read_bytes()
    assert stories and stories == (tmp_path / "live" / "stories.jsonl").read_bytes()
    made = documents(out)
    assert made.keys() == live_documents.keys()
    for name, doc in made.items():
        assert comparable(doc) == comparable(live_documents[name])
    # Collected answers are the cache's: a live run on the folder asks nothing.
    again = CliRunner().invoke(cli, args(fake_endpoint, inputs, out), env={})
    assert again.exit_code == 0 and not fake_endpoint.chat_requests


def test_without_wait_each_invocation_collects_and_exits_pending_until_done(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    out = tmp_path / "out"
    codes = [batch(fake_endpoint, inputs, out).exit_code for _ in range(4)]
    assert codes == [PENDING, PENDING, PENDING, 0]
    assert len(api.created) == 1 and len(api.uploads) == 1
    assert set(statuses(out).values()) == {"added"}


def test_pending_articles_are_skipped_and_keep_their_documents(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    out = tmp_path / "out"
    first = batch(fake_endpoint, inputs, out)
    assert first.exit_code == PENDING, first.output
    assert "1 batches still open: run the same command again to collect them" in first.stderr
    assert set(statuses(out).values()) == {"skipped"}
    assert not (out / "articles").exists() or not list((out / "articles").iterdir())


def test_requests_are_split_by_the_provider_limits(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    result = batch(fake_endpoint, inputs, tmp_path / "a", "--wait", "--batch-max-requests", "3")
    assert result.exit_code == 0, result.output
    sizes = [len(api.files[f].splitlines()) for f in api.uploads]
    assert max(sizes) == 3 and sum(sizes) > COUNT
    assert len(api.created) == len(api.uploads) == -(-sum(sizes) // 3)

    lines = sum(sizes)
    api.uploads.clear()
    result = batch(fake_endpoint, inputs, tmp_path / "b", "--wait", "--batch-max-bytes", "20000")
    assert result.exit_code == 0, result.output
    assert all(
        len(api.files[f]) <= 20000 or len(api.files[f].splitlines()) == 1 for f in api.uploads
    )
    assert (
        len(api.uploads) > 1 and sum(len(api.files[f].splitlines()) for f in api.uploads) == lines
    )


def test_a_failed_line_goes_live_and_an_expired_batch_is_resubmitted(
    tmp_path: Path,
    inputs: Path,
    fake_endpoint: FakeEndpoint,
    api: FakeBatchAPI,
    live_documents: dict[str, dict[str, Any]],
) -> None:
    fake_endpoint.set_responder(answering)
    api.endings = ["expired"]
    api.expire_after = 4
    api.failing = lambda line: str(line["custom_id"]).startswith("a0001/0/")
    result = batch(fake_endpoint, inputs, tmp_path / "out", "--wait")
    assert result.exit_code == 0, result.output
    first = api.files[api.uploads[0]].splitlines()
    second = api.files[api.uploads[1]].splitlines()
    # All it did not answer is resubmitted, the failed line too (it failed in no completed
    # batch); failing again in a completed one, that line is asked live.
    failed = [line for line in first if b'"a0001/0/' in line]
    answered = [line for line in first[: api.expire_after] if line not in failed]
    assert len(failed) == 1 and answered and len(first) > api.expire_after
    assert len(api.created) == 2 and len(second) == len(first) - len(answered)
    lost = len(first) - len(answered)
    assert f"batch batch_1 expired: {len(answered)} answers, {lost} failed or unusable" in (
        result.stderr
    )
    assert f"batch batch_2 completed: {lost - 1} answers, 1 failed or unusable" in result.stderr
    assert [r.body["messages"] for r in fake_endpoint.chat_requests] == [
        json.loads(line)["body"]["messages"] for line in first if b'"a0001/0/' in line
    ]  # the failed line, asked live: the second round
    for name, doc in documents(tmp_path / "out").items():
        assert comparable(doc) == comparable(live_documents[name])


@pytest.mark.parametrize("ending", ["cancelled", "failed"])
def test_a_cancelled_or_failed_batch_leaves_the_rest_to_the_second_round(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI, ending: str
) -> None:
    fake_endpoint.set_responder(answering)
    api.endings = [ending]
    api.expire_after = 2
    result = batch(fake_endpoint, inputs, tmp_path / "out", "--wait")
    assert result.exit_code == 0, result.output
    assert len(api.created) == 1
    lines = len(api.files[api.uploads[0]].splitlines())
    answered = 2 if ending == "cancelled" else 0
    assert len(fake_endpoint.chat_requests) == lines - answered
    if ending == "failed":
        assert "batch batch_1 failed (invalid: bad file)" in result.stderr


def test_retry_batch_sends_the_second_round_as_another_batch(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    calls = {"n": 0}

    def once(line: dict[str, Any]) -> bool:
        if str(line["custom_id"]).startswith("a0002/0/"):
            calls["n"] += 1
            return calls["n"] == 1
        return False

    api.failing = once
    result = batch(fake_endpoint, inputs, tmp_path / "out", "--wait", "--batch-retry", "batch")
    assert result.exit_code == 0, result.output
    assert len(api.created) == 2 and not fake_endpoint.chat_requests
    assert len(api.files[api.uploads[1]].splitlines()) == 1
    assert set(statuses(tmp_path / "out").values()) == {"added"}


def test_cost_is_at_the_batch_price(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    result = batch(fake_endpoint, inputs, tmp_path / "out", "--wait", "--price", "1,4")
    assert result.exit_code == 0, result.output
    for doc in documents(tmp_path / "out").values():
        made = doc["provenance"]
        usage = made["usage"]  # the fake answers 500 prompt and 120 completion tokens
        half = (usage["prompt_tokens"] * 0.5 + usage["completion_tokens"] * 2) / 1e6
        assert made["cost_usd"] == pytest.approx(half)
    assert "at the batch price" in result.stderr


def _at(usage: dict[str, int], price: tuple[float, float]) -> float:
    return (usage["prompt_tokens"] * price[0] + usage["completion_tokens"] * price[1]) / 1e6


def test_a_live_second_round_is_at_the_live_price_and_run_json_bills_the_batch(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    fake_endpoint.set_responder(answering)
    api.failing = lambda line: str(line["custom_id"]).startswith("a0001/0/")
    out = tmp_path / "out"
    result = batch(fake_endpoint, inputs, out, "--wait", "--price", "1,4")
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) == 1  # the failed line, asked live
    live, half = (1.0, 4.0), (0.5, 2.0)
    sent = fake_endpoint.chat_requests[0].body["messages"]
    docs = documents(out)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    entries = {a["id"]: a for a in manifest["articles"]}
    assert manifest["config"]["batch_price"] == "0.5,2 USD per 1M tokens"
    for name, doc in docs.items():
        made, listed = doc["provenance"], entries[name]
        chunks = made["chunks"]
        per_chunk = {k: v // chunks for k, v in made["usage"].items()}  # the fake's are equal
        asked_live = 1 if name.startswith("a0001") else 0
        expected = (chunks - asked_live) * _at(per_chunk, half) + asked_live * _at(per_chunk, live)
        assert made["cost_usd"] == pytest.approx(expected), name
        # this invocation collected the batch: billed in run.json, not "cached"
        assert listed["cached"] is False and listed["attempts"] == asked_live
        assert listed["usage"] == made["usage"]
        assert listed["cost_usd"] == pytest.approx(expected)
    assert sent and manifest["totals"]["cost_usd"] == pytest.approx(
        sum(d["provenance"]["cost_usd"] for d in docs.values())
    )
    again = batch(fake_endpoint, inputs, out, "--wait", "--price", "1,4")
    assert again.exit_code == 0, again.output
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert all(a["cached"] and not a["cost_usd"] for a in manifest["articles"])
    assert documents(out) == docs


def test_a_batch_create_that_failed_is_made_from_the_same_upload_next_time(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    api.refuse_creates = 1
    out = tmp_path / "out"
    failed = batch(fake_endpoint, inputs, out, "--max-attempts", "1")
    assert failed.exit_code == 1
    assert "answered 500" in failed.stderr
    assert len(api.uploads) == 1 and api.created == []
    again = batch(fake_endpoint, inputs, out, "--wait")
    assert again.exit_code == 0, again.output
    assert len(api.uploads) == 1 and len(api.created) == 1


def test_killed_between_submit_and_collect_resumes_without_submitting_again(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    api.hold = True
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from extractor.cli import main; main()"]
    command += args(fake_endpoint, inputs, out, "--batch", "--wait", "--batch-poll", "0.05")
    process = subprocess.Popen(command, env=clean_env(), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    looks = 0
    while looks < 3:  # the batch is recorded, and looked at while it runs
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline
        looks = sum(r.path.startswith("/v1/batches/") for r in fake_endpoint.requests)
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert len(api.created) == 1
    api.hold = False
    resumed = batch(fake_endpoint, inputs, out, "--wait")
    assert resumed.exit_code == 0, resumed.output
    assert len(api.created) == 1 and len(api.uploads) == 1  # exactly one submission
    assert set(statuses(out).values()) == {"added"} and not fake_endpoint.chat_requests


def test_batch_needs_a_provider(tmp_path: Path, inputs: Path) -> None:
    given = ["run", str(inputs), "--out", str(tmp_path / "o"), "--batch"]
    result = CliRunner().invoke(cli, given, env={})
    assert result.exit_code == 2
    assert "--batch needs a provider's Batch API: pass --base-url" in result.stderr


def test_prices_of_the_config_name_the_batch_price(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, api: FakeBatchAPI
) -> None:
    config = tmp_path / "extractor.toml"
    config.write_text(
        '[prices]\n"fake-model" = [1, 4]\n"fake-model@batch" = [0.1, 0.2]\n', encoding="utf-8"
    )
    given = ["--wait", "--config", str(config)]
    result = batch(fake_endpoint, inputs, tmp_path / "out", *given)
    assert result.exit_code == 0, result.output
    for doc in documents(tmp_path / "out").values():
        usage = doc["provenance"]["usage"]
        price = (usage["prompt_tokens"] * 0.1 + usage["completion_tokens"] * 0.2) / 1e6
        assert doc["provenance"]["cost_usd"] == pytest.approx(price)


def test_a_look_while_batches_run_plans_only_articles_in_no_batch(
    tmp_path: Path,
    inputs: Path,
    fake_endpoint: FakeEndpoint,
    api: FakeBatchAPI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from extractor.article.pipeline import prepare

    cleaned: list[str] = []

    def counting(article: Any) -> Any:
        cleaned.append(article.id)
        return prepare(article)

    monkeypatch.setattr("extractor.engine.requests.prepare", counting)
    api.hold = True
    out = tmp_path / "out"
    assert batch(fake_endpoint, inputs, out).exit_code == PENDING
    assert sorted(cleaned) == [f"a{n:04d}" for n in range(COUNT)]
    cleaned.clear()
    write_articles(tmp_path / "more", COUNT + 1)
    (tmp_path / "more" / f"a{COUNT:04d}.txt").rename(inputs / f"a{COUNT:04d}.txt")
    assert batch(fake_endpoint, inputs, out).exit_code == PENDING
    assert cleaned == [f"a{COUNT:04d}"]  # the others wait in the open batch, not planned again
    assert len(api.created) == 2
    assert {
        json.loads(x)["custom_id"].split("/")[0] for x in api.files[api.uploads[1]].splitlines()
    } == {f"a{COUNT:04d}"}
    api.hold = False
    done = batch(fake_endpoint, inputs, out, "--wait")
    assert done.exit_code == 0, done.output
    assert set(statuses(out).values()) == {"added"} and len(statuses(out)) == COUNT + 1
