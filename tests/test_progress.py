"""Progress on stderr: live line, periodic lines, JSON lines; and the run's exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli
from extractor.engine.observe import Progress
from extractor.models import Failure, RunCounts, RunManifest, RunTotals, Usage
from extractor.progress import JsonLog, TextLog, line
from tests.engine_support import answering, write_articles
from tests.fake_endpoint import FakeEndpoint


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


FAILURE = Failure(id="a7", stage="request", error_class="EndpointError", message="down", attempts=6)


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
    log = TextLog(stream, interactive=False, every_s=10, clock=clock)
    for second in range(1, 26):
        clock.now = second
        log.progress(progress(second))
    log.progress(progress(100), final=True)
    lines = stream.getvalue().splitlines()
    assert [x.split(" ")[0] for x in lines] == ["10/100", "20/100", "100/100"]
    assert "\r" not in stream.getvalue()


def test_quiet_keeps_failures_and_warnings_only() -> None:
    stream = io.StringIO()
    log = TextLog(stream, interactive=False, quiet=True, every_s=0)
    log.progress(progress(10), final=True)
    log.note("start", "100 articles")
    log.note("budget", "--max-cost $1: stopping")
    log.failed(FAILURE)
    assert stream.getvalue().splitlines() == [
        "warning: --max-cost $1: stopping",
        "failed: a7: request: down",
    ]


def test_json_log_writes_one_object_per_line() -> None:
    stream, clock = io.StringIO(), Clock()
    log = JsonLog(stream, every_s=5, clock=clock)
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
    log.finished(manifest, "out/run.json", 1)
    records = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert [r["event"] for r in records] == ["start", "progress", "failed", "finished"]
    assert records[1]["done"] == 60 and records[1]["eta_s"] == 40.0
    assert records[2] == {"event": "failed", **FAILURE.model_dump(mode="json")}
    assert records[3]["exit_code"] == 1 and records[3]["counts"]["failed"] == 1


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
    assert records[0]["event"] == "start" and records[-1]["event"] == "finished"
    assert records[-1]["counts"]["added"] == 3 and records[-1]["exit_code"] == 0
    assert any(r["event"] == "progress" and r["done"] == 3 for r in records)
    assert secret not in result.output
