"""A failed article says why in run.json: the validation errors and the start of the answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from extractor.cli import cli
from extractor.engine.manifest import failure_of
from extractor.errors import OutputValidationError
from tests.engine_support import write_articles
from tests.fake_endpoint import FakeEndpoint, completion, json_reply

SECRET = "sk-test-secret-key-000111"


def _run(endpoint: FakeEndpoint, inputs: Path, out: Path, *args: str) -> Any:
    return CliRunner().invoke(
        cli,
        [
            "run",
            str(inputs),
            "--out",
            str(out),
            "--base-url",
            endpoint.base_url,
            "--model",
            "m",
            "--quiet",
            *args,
        ],
        env={"OPENAI_API_KEY": SECRET},
        catch_exceptions=False,
    )


def test_an_invalid_answer_keeps_its_errors_and_its_start(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    bad = {"events": [{"description": "The mayor opened a bridge.", "note": SECRET}]}
    fake_endpoint.set_responder(lambda _: json_reply(bad))
    result = _run(fake_endpoint, tmp_path / "in", tmp_path / "out", "--reasks", "1")
    assert result.exit_code == 1
    [failure] = json.loads((tmp_path / "out" / "run.json").read_text())["failures"]
    assert failure["message"] == "the answer did not fit the schema after 2 tries"
    assert failure["attempts"] == 2
    assert failure["errors"] == [
        "events.0.actors: Field required",
        "events.0.place: Field required",
        "events.0.when: Field required",
        "events.0.note: Extra inputs are not permitted",
    ]
    assert failure["raw_answer"] == json.dumps(bad).replace(SECRET, "***")
    assert SECRET not in (tmp_path / "out" / "run.json").read_text()


def test_a_long_answer_is_kept_to_its_first_2000_characters(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    fake_endpoint.set_responder(lambda _: completion("x" * 5000))
    result = _run(fake_endpoint, tmp_path / "in", tmp_path / "out", "--reasks", "0")
    assert result.exit_code == 1
    [failure] = json.loads((tmp_path / "out" / "run.json").read_text())["failures"]
    assert failure["raw_answer"] == "x" * 2000
    assert failure["errors"] == ["answer: Invalid JSON: expected value at line 1 column 1"]


def test_failures_of_other_stages_carry_no_answer() -> None:
    failure = failure_of("a1", OSError("disk full"), source_id="a1")
    assert (failure.stage, failure.errors, failure.raw_answer) == ("output", [], None)
    invalid = OutputValidationError(
        "the answer did not fit the schema after 1 tries",
        raw_output="key-abcdef123456 " + "y" * 3000,
        attempts=1,
        errors=("events: Input should be a valid list",),
    )
    failure = failure_of("a1", invalid, source_id="a1")
    assert failure.errors == ["events: Input should be a valid list"]
    assert failure.raw_answer == ("key-*** " + "y" * 3000)[:2000]
