"""Injected endpoint faults over many articles: every article ends extracted, exactly once."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from extractor.cli import cli
from extractor.validate import load_contract, validate_paths
from tests.engine_support import answering, article_of, documents, faulty, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, error


def run(endpoint: FakeEndpoint, inputs: Path, out: Path, *args: str) -> Result:
    base = ["run", str(inputs), "--out", str(out), "--base-url", endpoint.base_url]
    return CliRunner().invoke(
        cli, [*base, "--model", "fake-model", "--quiet", *args], env={}, catch_exceptions=False
    )


def test_faults_over_200_articles_end_with_every_article_extracted_once(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 200)
    # A timeout is a request never answered, so the client's timeout always fires; the 1 s
    # only has to be longer than an answer takes (at once, or 5x the 0.2 s that flaked).
    responder, given = faulty(max_faults=3)
    with FakeEndpoint(responder) as endpoint:
        result = run(
            endpoint,
            inputs,
            out,
            "--timeout",
            "1",
            "--max-attempts",
            "8",
            "--concurrency",
            "16",
        )
        requests = list(endpoint.chat_requests)
    assert result.exit_code == 0, result.output
    # The faults did happen, in about the asked proportions.
    total = sum(given.values())
    assert given["answer"] == 200
    assert 0.2 < given["429"] / total < 0.4
    assert given["500"] > 0 and given["timeout"] > 0 and given["malformed"] > 0
    # Exactly one document per article, each valid, and the run consistent with them.
    assert sorted(documents(out)) == [f"a{n:04d}" for n in range(200)]
    assert not [p for p in (out / "articles").iterdir() if not p.name.endswith(".json")]
    check = validate_paths([out], load_contract())
    assert check.ok, [str(p) for p in check.problems[:5]]
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["added"] == 200 and manifest["failures"] == []
    # A request cut off by the client's timeout may never have been read by the server.
    assert manifest["totals"]["model_calls"] >= len(requests)
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    keys = Counter((json.loads(x)["article_id"], json.loads(x)["id"]) for x in lines)
    assert keys and max(keys.values()) == 1
    # Each article's requests are counted in its entry (retries included).
    sent = Counter(article_of(r) for r in requests)
    attempts = {a["id"]: a["attempts"] for a in manifest["articles"]}
    assert all(attempts[article] >= count for article, count in sent.items())
    assert sum(attempts.values()) == manifest["totals"]["model_calls"]


def test_an_article_that_always_fails_is_reported_and_the_rest_succeed(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 20)

    def respond(request: Recorded) -> Reply:
        if article_of(request) == "a0013":
            return error(500, "the model server crashed")
        return answering(request)

    with FakeEndpoint(respond) as endpoint:
        result = run(endpoint, inputs, out, "--max-attempts", "3")
    assert result.exit_code == 1
    failed_line = next(line for line in result.output.splitlines() if " failed: " in line)
    stamp, said = failed_line.split(" ", 1)  # stderr is no terminal: lines start with the time
    assert len(stamp) == len("2026-03-01T02:00:07Z") and stamp.endswith("Z")
    assert said.startswith("failed: a0013: request: endpoint failed after 3 attempt(s)")
    manifest: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "partial"
    [failure] = manifest["failures"]
    assert failure == {
        "id": "a0013",
        "source_id": "a0013",
        "stage": "request",
        "error_class": "EndpointError",
        "message": failure["message"],
        "attempts": 3,
        "errors": [],
        "raw_answer": None,
    }
    assert "InternalServerError" in failure["message"]
    assert manifest["counts"]["added"] == 19 and manifest["counts"]["failed"] == 1
    assert len(documents(out)) == 19
    assert validate_paths([out], load_contract()).ok
