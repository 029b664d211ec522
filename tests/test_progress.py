"""Progress on stderr: live line, periodic lines, JSON lines; and the run's exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from extractor.cli import cli
from extractor.contract.models import Failure, RunCounts, RunManifest, RunTotals, Usage
from extractor.engine.observe import Progress
from extractor.engine.progress import JsonLog, TextLog, failure_line, line, stamp
from tests.engine_support import answering, article_of, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, json_reply


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def progress(done: int) -> Progress:
    return Progress(
        total=100,
        to_extract=60,
        done=done,
        extracted=done - 40 if done > 40 else 0,
        cached=40,
        failed=1,
        tokens=12345,
        cost_usd=0.5,
        elapsed_s=30.0,
        extract_s=20.0,
    )


FAILURE = Failure(
    id="a7",
    source_id="a7",
    stage="request",
    error_class="EndpointError",
    message="down",
    attempts=6,
)
NIGHT = dt.datetime(2026, 3, 1, 2, 0, 7, 250000, tzinfo=dt.UTC)


def wall() -> dt.datetime:
    return NIGHT


def test_the_progress_line() -> None:
    text = line(progress(60))
    assert text == (
        "60/100 articles, 1 failed, 40 cached, 60.0/min, ETA 40s, 12,345 tokens, $0.5000"
    )
    assert "ETA ?" in line(Progress(total=5))


def test_text_log_on_a_terminal_rewrites_one_line() -> None:
    stream, clock = io.StringIO(), Clock()
    log = TextLog(stream, interactive=True, clock=clock)
    clock.now = 1.0
    log.progress(progress(50))
    log.progress(progress(51))  # too soon: not redrawn
    clock.now = 1.5
    log.failed(FAILURE)
    log.progress(progress(52))
    log.progress(progress(100), final=True)
    parts = stream.getvalue().split("\r\x1b[K")  # each part follows a clear of the line
    assert [p.split(" ")[0] for p in parts] == ["", "50/100", "failed:", "52/100", "100/100"]
    assert parts[2] == "failed: a7: request: down\n"
    assert parts[4].endswith("\n") and not parts[3].endswith("\n")


def test_text_log_elsewhere_writes_a_line_every_so_often() -> None:
    stream, clock = io.StringIO(), Clock()
    log = TextLog(stream, interactive=False, every_s=10, clock=clock, wall=wall)
    for second in range(1, 26):
        clock.now = second
        log.progress(progress(second))
    log.progress(progress(100), final=True)
    lines = stream.getvalue().splitlines()
    assert [x.split(" ")[:2] for x in lines] == [
        ["2026-03-01T02:00:07Z", "10/100"],
        ["2026-03-01T02:00:07Z", "20/100"],
        ["2026-03-01T02:00:07Z", "100/100"],
    ]
    assert "\r" not in stream.getvalue()


def test_quiet_keeps_failures_and_warnings_only() -> None:
    stream = io.StringIO()
    log = TextLog(stream, interactive=False, quiet=True, every_s=0, wall=wall)
    log.progress(progress(10), final=True)
    log.note("start", "100 articles")
    log.note("budget", "--max-cost $1: stopping")
    log.failed(FAILURE)
    assert stream.getvalue().splitlines() == [
        "2026-03-01T02:00:07Z warning: --max-cost $1: stopping",
        "2026-03-01T02:00:07Z failed: a7: request: down",
    ]


def test_stamps_are_utc_and_cut_to_their_places() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    late = dt.datetime(2026, 3, 1, 3, 0, 7, 999600, tzinfo=paris)
    assert stamp(late) == "2026-03-01T02:00:07Z"
    assert stamp(late, 3) == "2026-03-01T02:00:07.999Z"
    assert stamp(late.replace(microsecond=5000), 3) == "2026-03-01T02:00:07.005Z"


def test_a_failed_answer_says_its_first_validation_error() -> None:
    invalid = FAILURE.model_copy(
        update={
            "stage": "validation",
            "message": "the answer did not fit the schema after 3 tries",
            "errors": ["events.0.when: Field required", "events.1.tense: Field required"],
        }
    )
    assert failure_line(invalid) == (
        "failed: a7: validation: the answer did not fit the schema after 3 tries "
        "(events.0.when: Field required; 1 more)"
    )


def test_json_log_writes_one_object_per_line() -> None:
    stream, clock = io.StringIO(), Clock()
    log = JsonLog(stream, every_s=5, clock=clock, wall=wall)
    log.note("start", "100 articles")
    clock.now = 6
    log.progress(progress(60))
    log.failed(FAILURE)
    manifest = RunManifest(
        schema_version="1",
        extractor_version="0",
        started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        finished_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        status="partial",
        config={},
        inputs=[],
        counts=RunCounts(total=100, failed=1),
        articles=[],
        removed=[],
        failures=[FAILURE],
        totals=RunTotals(usage=Usage(), cost_usd=None, model_calls=7, duration_s=1.0),
    )
    log.note("stopping", "SIGTERM: starting no new article")
    log.finished(manifest, "out/run.json", 1)
    records = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert [(r["event"], r["level"]) for r in records] == [
        ("start", "info"),
        ("progress", "info"),
        ("failed", "error"),
        ("stopping", "warning"),
        ("finished", "error"),
    ]
    assert {r["ts"] for r in records} == {"2026-03-01T02:00:07.250Z"}
    assert records[1]["done"] == 60 and records[1]["eta_s"] == 40.0
    assert records[2] == {
        "ts": "2026-03-01T02:00:07.250Z",
        "level": "error",
        "event": "failed",
        **FAILURE.model_dump(mode="json"),
    }
    assert records[4]["exit_code"] == 1 and records[4]["counts"]["failed"] == 1


def test_the_cli_logs_json_and_never_the_key(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    fake_endpoint.set_responder(answering)
    secret = "sk-never-log-me-123456"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "out"),
            "--base-url",
            fake_endpoint.base_url,
            "--model",
            "m",
            "--log-format",
            "json",
        ],
        env={"OPENAI_API_KEY": secret},
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    records = [json.loads(x) for x in result.output.splitlines()]
    assert (records[0]["event"], records[0]["level"], records[0]["message"]) == (
        "endpoint",
        "info",
        f"endpoint: {fake_endpoint.base_url} (openai-compatible), model m",
    )
    assert records[1]["event"] == "start" and records[-1]["event"] == "finished"
    assert records[-1]["counts"]["added"] == 3 and records[-1]["exit_code"] == 0
    assert any(r["event"] == "progress" and r["done"] == 3 for r in records)
    assert secret not in result.output


def _run_logged(endpoint: FakeEndpoint, tmp_path: Path, *args: str) -> Any:
    return CliRunner().invoke(
        cli,
        [
            "run",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "out"),
            "--base-url",
            endpoint.base_url,
            "--model",
            "m",
            "--reasks",
            "0",
            *args,
        ],
        env={"OPENAI_API_KEY": SECRET},
        catch_exceptions=False,
    )


SECRET = "sk-never-log-me-654321"
STAMPED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ")


def _one_invalid(request: Recorded) -> Reply:
    if article_of(request) == "a0001":
        return json_reply({"events": [{"description": SECRET}]})
    return answering(request)


def test_log_file_gets_every_line_with_its_time(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 3)
    fake_endpoint.set_responder(_one_invalid)
    log = tmp_path / "night.log"
    result = _run_logged(fake_endpoint, tmp_path, "--quiet", "--log-file", str(log))
    assert result.exit_code == 1
    lines = log.read_text(encoding="utf-8").splitlines()
    assert all(STAMPED.match(x) for x in lines), lines
    said = [x[len("2026-03-01T02:00:07Z ") :] for x in lines]
    failed = (
        "failed: a0001: validation: the answer did not fit the schema after 1 tries "
        "(events.0.actors: Field required; 2 more)"
    )
    start = "3 articles: 0 unchanged, 3 to extract, 0 unreadable, 0 skipped"
    assert said.index(start) < said.index(failed)
    assert said[-2].startswith("3/3 articles, 1 failed, ")
    assert said[-1].startswith("3 articles: 2 added, 0 changed, 0 unchanged, 1 failed, ")
    assert SECRET not in log.read_text(encoding="utf-8")
    # stderr (not a terminal: stamped too) stays quiet: the failure, no start, no progress
    on_stderr = result.output.splitlines()
    assert all(STAMPED.match(x) for x in on_stderr)
    said_there = [x[21:] for x in on_stderr]
    assert failed in said_there and start not in said_there
    assert not [x for x in said_there if x.startswith("3/3 articles")]
    again = _run_logged(fake_endpoint, tmp_path, "--quiet", "--log-file", str(log))
    assert again.exit_code == 1
    assert len(log.read_text(encoding="utf-8").splitlines()) > len(lines)  # appended


def test_json_log_file(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    fake_endpoint.set_responder(_one_invalid)
    log = tmp_path / "night.jsonl"
    args = ["--log-format", "json", "--log-file", str(log)]
    result = _run_logged(fake_endpoint, tmp_path, *args)
    assert result.exit_code == 1
    assert SECRET not in log.read_text(encoding="utf-8")
    records = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    [failed] = [r for r in records if r["event"] == "failed"]
    assert failed["raw_answer"] == '{"events": [{"description": "***"}]}'
    assert failed["level"] == "error" and failed["errors"][0] == "events.0.actors: Field required"
    on_stderr = [json.loads(x) for x in result.output.splitlines()]
    assert [r["event"] for r in on_stderr] == [r["event"] for r in records]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", r["ts"]) for r in records)
    assert [(r["event"], r["level"]) for r in records][-1] == ("finished", "error")


def test_an_unwritable_log_file_is_bad_usage(tmp_path: Path) -> None:
    log = tmp_path / "missing" / "night.log"
    result = CliRunner().invoke(
        cli,
        ["run", str(tmp_path), "--out", str(tmp_path / "out"), "--log-file", str(log)],
        env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "EXTRACTOR_MODEL": "m"},
    )
    assert result.exit_code == 2
    assert f"cannot write --log-file {log}: No such file or directory" in result.output
