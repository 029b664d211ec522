"""A file of a run nested thousands of levels deep: one clear line naming it and exit 1 from
``validate``, ``diff`` and ``report``, never a RecursionError traceback (issue 18, item 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.io.nesting import MAX_DEPTH, loads
from tests.data.review.factory import failure, make_document, write_run

DEEP = '{"x": ' * 2000 + "1" + "}" * 2000  # past the JSON parser's own recursion limit
DEEPISH = "[" * 300 + "]" * 300  # parsed, but deeper than the checks after it may recurse


def _run(tmp_path: Path, nested: str, body: str = DEEP) -> tuple[Path, Path]:
    """A run of two documents and a failure, with the file ``nested`` replaced by ``body``
    (for events.jsonl: its first line)."""
    run = write_run(
        tmp_path / "run", [make_document("a1"), make_document("a2")], failures=[failure("a3")]
    )
    path = run / nested
    if nested == "events.jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([body, *lines[1:]]) + "\n", encoding="utf-8")
    else:
        path.write_text(body, encoding="utf-8")
    return run, path


@pytest.mark.parametrize("body", [DEEP, DEEPISH])
def test_validate_names_a_nested_document_and_checks_the_rest(tmp_path: Path, body: str) -> None:
    run, path = _run(tmp_path, "articles/a1.json", body)
    result = CliRunner().invoke(cli, ["validate", str(run)])
    assert result.exit_code == 1
    assert (
        f"{path}: E001 unreadable: cannot be read as JSON (nested deeper than 100 levels): "
        "restore or re-create it"
    ) in result.output.splitlines()
    assert "Checked 2 documents, 1 run, 4 event lines:" in result.output  # a2 still checked


@pytest.mark.parametrize("body", [DEEP, DEEPISH, '{"article_id": "a1", "x": ' + DEEPISH + "}"])
def test_validate_names_a_nested_event_line_and_checks_the_others(
    tmp_path: Path, body: str
) -> None:
    run, path = _run(tmp_path, "events.jsonl", body)
    result = CliRunner().invoke(cli, ["validate", str(run)])
    assert result.exit_code == 1
    assert (
        f"{path}:1: E001 unreadable: line is not JSON (nested deeper than 100 levels): "
        "fix or remove it"
    ) in result.output.splitlines()
    assert "Checked 2 documents, 1 run, 4 event lines:" in result.output


def test_validate_names_a_nested_run_json(tmp_path: Path) -> None:
    run, path = _run(tmp_path, "run.json")
    result = CliRunner().invoke(cli, ["validate", str(run)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}: E001 unreadable: cannot be read as JSON (nested deeper than 100 levels): "
        "restore or re-create it",
        "Checked 0 documents, 1 run, 0 event lines: 1 problem in 1 file (1 E001 unreadable).",
    ]


@pytest.mark.parametrize("command", ["diff", "report"])
def test_diff_and_report_name_a_nested_run_json_and_exit_1(tmp_path: Path, command: str) -> None:
    run, path = _run(tmp_path, "run.json")
    out = tmp_path / "page.html"
    args = [str(run), str(run)] if command == "diff" else [str(run), "--out", str(out)]
    result = CliRunner().invoke(cli, [command, *args])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output == (
        f"Error: {path} cannot be read as JSON (nested deeper than 100 levels): "
        f"run 'extractor validate {run}' to see every problem\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("command", ["diff", "report"])
def test_diff_and_report_name_a_nested_document_and_exit_1(tmp_path: Path, command: str) -> None:
    run, path = _run(tmp_path, "articles/a1.json")
    out = tmp_path / "page.html"
    args = [str(run), str(run)] if command == "diff" else [str(run), "--out", str(out)]
    result = CliRunner().invoke(cli, [command, *args])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path} is not an article document (")
    assert "recursion limit exceeded" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["diff", "report"])
def test_diff_and_report_do_not_read_events_jsonl(tmp_path: Path, command: str) -> None:
    run, _ = _run(tmp_path, "events.jsonl")
    out = tmp_path / "page.html"
    args = [str(run), str(run)] if command == "diff" else [str(run), "--out", str(out)]
    result = CliRunner().invoke(cli, [command, *args])
    assert result.exit_code == 0, result.output  # the documents hold the events they show


def test_loads_takes_what_extractor_writes_and_refuses_deeper() -> None:
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert loads(deepest) == json.loads(deepest)
    for deeper in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), DEEP, '{"a": [' + DEEPISH + "]}"):
        with pytest.raises(ValueError, match="nested deeper than 100 levels"):
            loads(deeper)
    assert loads("3") == 3


def _wide(depth: int) -> str:
    """A value ``depth`` levels deep, its deepest branch beside shallow ones (depth >= 3)."""
    inner = "[" * (depth - 3) + "]" * (depth - 3) or "0"
    return '{"a": [1, {"b": ' + inner + ', "c": "x"}, [2]], "d": {}}'


@pytest.mark.parametrize("depth", [1, 3, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
def test_a_value_is_read_up_to_the_bound_and_refused_past_it(depth: int) -> None:
    shapes = ["[" * depth + "]" * depth, '{"a": ' * depth + "1" + "}" * depth]
    if depth >= 3:
        shapes.append(_wide(depth))
    for shape in shapes:
        if depth <= MAX_DEPTH:
            assert loads(shape) == json.loads(shape)
        else:
            with pytest.raises(ValueError, match="nested deeper than 100 levels"):
                loads(shape)
