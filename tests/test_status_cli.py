"""``extractor status RUN``: when a run ran, what failed and why, what is still to do."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli
from tests.engine_support import answering, article_of, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, completion, error

BAD = json.dumps({"events": [{"description": "The council met."}]}, indent=1)  # lines


def _respond(request: Recorded) -> Reply:
    article = article_of(request)
    if article == "a0001":
        return completion(BAD)
    if article == "a0002":
        return error(500, "the model server crashed")
    return answering(request)


def _tried_run(endpoint: FakeEndpoint, tmp_path: Path) -> Path:
    write_articles(tmp_path / "in", 4)
    endpoint.set_responder(_respond)
    out = tmp_path / "out"
    args = ["run", str(tmp_path / "in"), "--out", str(out), "--base-url", endpoint.base_url]
    args += ["--model", "m", "--quiet", "--reasks", "0", "--max-attempts", "1", "--limit", "3"]
    assert CliRunner().invoke(cli, args, env={}).exit_code == 1
    return out


def test_status_says_what_failed_and_why(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    out = _tried_run(fake_endpoint, tmp_path)
    result = CliRunner().invoke(cli, ["status", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(
        rf"{out}: partial, from \S+Z to \S+Z \([\d.]+s\), extractor \S+, model m", lines[0]
    )
    assert lines[1].startswith(
        "4 articles: 1 added, 0 changed, 0 unchanged, 2 failed, 1 skipped, 0 removed; "
        "3 model calls, "
    )
    answer = BAD.replace("\n", "\\n")
    assert "\n" in BAD and "\\n" in answer
    assert lines[2:] == [
        "failed (2; request 1, validation 1):",
        "  a0001: validation: OutputValidationError: the answer did not fit the schema after "
        "1 tries (1 attempt)",
        "    - events.0.actors: Field required",
        "    - events.0.place: Field required",
        "    - events.0.when: Field required",
        f"    answer: {answer}",
        lines[8],
        "skipped (1, left out by --limit 3, still to do): a0003",
        "next: the same extractor run without --limit 3 extracts what failed or was skipped; "
        "--retry-failed only the failures",
    ]
    assert lines[8].startswith("  a0002: request: EndpointError: endpoint failed after 1 ")
    assert lines[8].endswith(" (1 attempt)")


def test_status_json(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    out = _tried_run(fake_endpoint, tmp_path)
    result = CliRunner().invoke(cli, ["status", "--json", str(out / "run.json")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert report["failures"] == manifest["failures"]
    assert report["failures"][0]["raw_answer"] == BAD
    assert (report["status"], report["limit"], report["skipped"]) == (
        "partial",
        "--limit 3",
        ["a0003"],
    )
    assert report["counts"] == manifest["counts"]
    assert report["started_at"] == manifest["started_at"].replace("Z", "+00:00")


def test_status_of_a_directory_without_a_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["status", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path} holds no run.json: is it the --out of a run?" in result.output
    (tmp_path / "run.shard-1-of-2.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["status", str(tmp_path)])
    assert "(shard manifests: run.shard-1-of-2.json; give one)" in result.output
    result = CliRunner().invoke(cli, ["status", str(tmp_path / "run.shard-1-of-2.json")])
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Error: {tmp_path}/run.shard-1-of-2.json is not a readable run manifest ("
    )
    assert result.output.endswith("); check it with extractor validate\n")
