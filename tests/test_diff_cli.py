"""``extractor diff``: formats, filters, --fail-on-change and exit codes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli
from tests.data.review.factory import (
    DEFAULT_EVENTS,
    doc_json,
    dump,
    failure,
    make_document,
    write_run,
)


def _runs(tmp_path: Path) -> tuple[Path, Path]:
    old = write_run(tmp_path / "old", [make_document("a1"), make_document("a2")])
    moved = dataclasses.replace(DEFAULT_EVENTS[0], value="2017-03-23")
    new = write_run(
        tmp_path / "new",
        [make_document("a1", [moved, DEFAULT_EVENTS[1]]), make_document("a3")],
        failures=[failure("a2")],
    )
    return old, new


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["diff", *args])
    return result.exit_code, result.output


def test_text_report(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    code, output = _invoke(str(old), str(new))
    assert code == 0
    assert output.splitlines()[:3] == [
        f"Comparing {old} -> {new}",
        "Articles: 1 added, 0 removed, 1 changed, 0 unchanged, 1 failed",
        "Events: 2 added, 0 removed, 1 changed, 1 unchanged",
    ]
    assert "      date: 2017-03-30 (day, resolved) -> 2017-03-23 (day, resolved)" in output
    assert "! a2  failed  [EndpointError: the endpoint timed out]" in output
    assert "\x1b[" not in output


def test_fail_on_change(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    assert _invoke(str(old), str(new), "--fail-on-change")[0] == 1
    assert _invoke(str(old), str(old), "--fail-on-change")[0] == 0
    # Only what is shown counts: a filter that leaves no change passes the gate.
    assert _invoke(str(old), str(new), "--fail-on-change", "--kind", "removed")[0] == 0
    assert _invoke(str(old), str(new), "--fail-on-change", "--kind", "unchanged")[0] == 0
    assert _invoke(str(old), str(new), "--fail-on-change", "--kind", "failed")[0] == 1


def test_same_run_has_no_changes(tmp_path: Path) -> None:
    old, _ = _runs(tmp_path)
    code, output = _invoke(str(old), str(old))
    assert code == 0
    assert "Articles: 0 added, 0 removed, 0 changed, 2 unchanged, 0 failed" in output
    assert "~" not in output and "+ " not in output


def test_filters_and_json(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    code, output = _invoke(
        str(old), str(new), "--format", "json", "--article", "a*", "--kind", "changed"
    )
    assert code == 0
    data = json.loads(output)
    assert [(a["id"], a["kind"]) for a in data["articles"]] == [("a1", "changed")]
    assert [e["kind"] for e in data["articles"][0]["events"]] == ["changed"]
    assert data["summary"]["articles"]["failed"] == 1  # the summary covers every kind
    code, output = _invoke(str(old), str(new), "--format", "json", "--article", "a3")
    assert [a["id"] for a in json.loads(output)["articles"]] == ["a3"]


def test_markdown(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    code, output = _invoke(str(old), str(new), "--format", "markdown")
    assert code == 0
    assert output.startswith(f"## Extraction diff: `{old}` → `{new}`\n")
    assert "### ! `a2` failed" in output


def test_colour_on_request(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    assert "\x1b[33m~ a1" in _invoke(str(old), str(new), "--color")[1]


def test_two_documents(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    code, output = _invoke(
        str(old / "articles" / "a1.json"), str(new / "articles" / "a1.json"), "--fail-on-change"
    )
    assert code == 1
    assert "~ a1  changed" in output


def test_a_directory_and_a_document_is_bad_usage(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    code, output = _invoke(str(old), str(new / "articles" / "a1.json"))
    assert code == 2
    assert "OLD and NEW must both be run directories or both be documents." in output


def test_unreadable_document_is_a_data_failure_with_advice(tmp_path: Path) -> None:
    old, new = _runs(tmp_path)
    doc = doc_json(make_document("a1"))
    doc["events"][0]["id"] = "bad"
    (new / "articles" / "a1.json").write_text(dump(doc), encoding="utf-8")
    code, output = _invoke(str(old), str(new))
    assert code == 1
    assert f"{new}/articles/a1.json is not an article document (events/0/id:" in output
    assert f"run 'extractor validate {new}' to see every problem" in output


def test_missing_run_is_bad_usage(tmp_path: Path) -> None:
    code, output = _invoke(str(tmp_path / "nope"), str(tmp_path))
    assert code == 2
    assert "does not exist" in output
