"""``extractor validate``: output lines, summary, --json and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli
from tests.data.review.factory import failure, make_document, write_run

DATA = Path(__file__).parent / "data" / "review"


def _run(tmp_path: Path) -> Path:
    return write_run(tmp_path / "run", [make_document("a1")], failures=[failure("a2")])


def test_valid_run_exits_0(tmp_path: Path) -> None:
    run = _run(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(run)])
    assert result.exit_code == 0, result.output
    assert result.output == "Checked 1 document, 1 run, 2 event lines: valid.\n"


def test_problems_exit_1_with_one_line_each(tmp_path: Path) -> None:
    run = _run(tmp_path)
    (run / "events.jsonl").unlink()
    result = CliRunner().invoke(cli, ["validate", str(run), str(DATA / "hand_edited.json")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 7
    assert (
        f"{run}/events.jsonl: E508 run-events-mismatch: "
        "events.jsonl is missing: re-run the batch to write it"
    ) in lines[:-1]
    assert lines[-1] == (
        "Checked 2 documents, 1 run, 0 event lines: 6 problems in 2 files (2 E002 "
        "schema-violation, 1 E102 span-text-mismatch, 1 E305 date-bounds-mismatch, "
        "1 E402 event-id-mismatch, 1 E508 run-events-mismatch)."
    )


def test_quiet_prints_problems_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "-q", str(DATA / "hand_edited.json")])
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 5
    assert "Checked" not in result.output


def test_json_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--json", str(DATA / "hand_edited.json")])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False
    assert [p["code"] for p in data["problems"]] == ["E102", "E402", "E305", "E002", "E002"]


def test_no_precheck_gives_the_same_answer(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["validate", "--json", str(DATA / "hand_edited.json"), str(_run(tmp_path))]
    fast = runner.invoke(cli, args)
    slow = runner.invoke(cli, [*args, "--no-precheck"])
    assert fast.exit_code == slow.exit_code == 1
    assert fast.output == slow.output


def test_missing_path_is_bad_usage(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_no_path_is_bad_usage() -> None:
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.output


def test_unknown_file_kind_is_bad_usage(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "notes.txt")])
    assert result.exit_code == 2
    assert "is not a run directory, an article document (.json) or events.jsonl" in result.output


def test_empty_directory_is_bad_usage(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no run.json, .json or .jsonl file" in result.output


def test_schemas_not_found_is_bad_usage(tmp_path: Path) -> None:
    empty = tmp_path / "schemas"
    empty.mkdir()
    result = CliRunner().invoke(
        cli, ["validate", "--schemas", str(empty), str(DATA / "hand_edited.json")]
    )
    assert result.exit_code == 2
    assert f"JSON Schema {empty}/article.schema.json not found" in result.output


def test_max_failures_gates_on_failed_articles(tmp_path: Path) -> None:
    run = write_run(
        tmp_path / "run",
        [make_document("a1"), make_document("a2")],
        failures=[failure("a3"), failure("a4"), failure("a5")],
    )
    plain = CliRunner().invoke(cli, ["validate", str(run)])
    assert plain.exit_code == 0 and plain.output.endswith(": valid.\n")
    gated = CliRunner().invoke(cli, ["validate", str(run), "--max-failures", "0"])
    assert gated.exit_code == 1
    assert gated.output == (
        f"{run}: 3 of 5 articles failed, more than --max-failures 0\n"
        "Checked 2 documents, 1 run, 4 event lines: valid.\n"
    )
    within = CliRunner().invoke(cli, ["validate", str(run / "run.json"), "--max-failures", "3"])
    assert within.exit_code == 0
    first = within.output.splitlines()[0]
    assert first == f"{run}: 3 of 5 articles failed, within --max-failures 3"
    quiet = CliRunner().invoke(cli, ["validate", "-q", str(run), "--max-failures", "3"])
    assert (quiet.exit_code, quiet.output) == (0, "")
    as_json = CliRunner().invoke(cli, ["validate", "--json", str(run), "--max-failures", "2"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.output)["failures"] == [
        {"run": str(run), "failed": 3, "total": 5, "max_failures": 2}
    ]


def test_max_failures_is_a_count(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(_run(tmp_path)), "--max-failures", "-1"])
    assert result.exit_code == 2
    assert "Invalid value for '--max-failures': -1 is not in the range x>=0." in result.output
