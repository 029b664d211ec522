"""Run directories: run.json against the files, and events.jsonl."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.validate import Contract, Result, load_contract, validate_paths
from tests.data.review.factory import dump, failure, make_document, write_run


@pytest.fixture(scope="module")
def contract() -> Contract:
    return load_contract()


@pytest.fixture
def run(tmp_path: Path) -> Path:
    docs = [make_document("a1"), make_document("a2", input_text="raw a2")]
    return write_run(tmp_path / "run", docs, failures=[failure("a3")])


def _manifest(run: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((run / "run.json").read_text(encoding="utf-8"))
    return data


def _save(run: Path, manifest: dict[str, Any]) -> None:
    (run / "run.json").write_text(dump(manifest), encoding="utf-8")


def _found(result: Result, run: Path) -> set[tuple[str, int | None, str, str]]:
    return {
        (p.path.removeprefix(str(run) + "/"), p.line, p.pointer, p.code) for p in result.problems
    }


def test_consistent_run_is_valid(run: Path, contract: Contract) -> None:
    result = validate_paths([run], contract)
    assert result.problems == []
    assert (result.runs, result.documents, result.event_lines) == (1, 2, 4)


def test_run_json_path_means_the_run(run: Path, contract: Contract) -> None:
    result = validate_paths([run / "run.json"], contract)
    assert result.ok
    assert result.runs == 1


def test_missing_and_unlisted_documents(run: Path, contract: Contract) -> None:
    (run / "articles" / "a2.json").rename(run / "articles" / "stray.json")
    found = _found(validate_paths([run], contract), run)
    assert ("run.json", None, "/articles/1/document", "E501") in found
    assert ("articles/stray.json", None, "", "E502") in found


def test_entry_disagreeing_with_its_document(run: Path, contract: Contract) -> None:
    manifest = _manifest(run)
    manifest["articles"][0]["events"] = 5
    manifest["articles"][1]["input_sha256"] = "f" * 64
    _save(run, manifest)
    found = _found(validate_paths([run], contract), run)
    assert found == {
        ("run.json", None, "/articles/0/events", "E503"),
        ("run.json", None, "/articles/1/input_sha256", "E503"),
    }


def test_counts_failures_duplicates_and_paths(run: Path, contract: Contract) -> None:
    manifest = _manifest(run)
    # a1 is listed as added, and now also as failed; a fourth entry repeats a1 with a bad path.
    manifest["failures"].append({**manifest["failures"][0], "id": "a1"})
    manifest["articles"].append({**manifest["articles"][0], "document": "../elsewhere.json"})
    _save(run, manifest)
    found = _found(validate_paths([run], contract), run)
    assert found == {
        ("run.json", None, "/counts/added", "E504"),  # 2, but three entries say 'added'
        ("run.json", None, "/counts/failed", "E504"),  # 1, but a1 and a3 failed
        ("run.json", None, "/failures/1/id", "E505"),
        ("run.json", None, "/articles/2/id", "E506"),
        ("run.json", None, "/articles/2/document", "E507"),
    }


def test_failed_entry_without_a_failure_record(run: Path, contract: Contract) -> None:
    manifest = _manifest(run)
    manifest["articles"].append({**manifest["articles"][0], "id": "a4", "status": "failed"})
    manifest["articles"][2]["document"] = None
    manifest["counts"].update(total=4, failed=2)
    _save(run, manifest)
    found = _found(validate_paths([run], contract), run)
    assert found == {("run.json", None, "/articles/2/status", "E505")}


def test_document_kept_for_a_failed_article(tmp_path: Path, contract: Contract) -> None:
    # The runner keeps a failed article's earlier document, and its events in events.jsonl.
    run = write_run(
        tmp_path / "run",
        [make_document("a1")],
        failures=[failure("a2")],
        kept=[make_document("a2")],
    )
    assert validate_paths([run], contract).ok
    lines = (run / "events.jsonl").read_text(encoding="utf-8").splitlines()
    (run / "events.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    found = _found(validate_paths([run], contract), run)
    assert found == {("events.jsonl", None, "", "E508")}


def test_events_jsonl_must_match_the_documents(run: Path, contract: Contract) -> None:
    path = run / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[0])
    changed["description"] = "Something else"
    extra = {**json.loads(lines[1]), "article_id": "a7"}
    path.write_text(
        "\n".join([json.dumps(changed), *lines[2:3], json.dumps(extra)]) + "\n", encoding="utf-8"
    )
    found = _found(validate_paths([run], contract), run)
    assert found == {
        # line 1 differs from its document (and its own id no longer matches its content)
        ("events.jsonl", 1, "", "E508"),
        ("events.jsonl", 1, "/id", "E402"),
        # a1's second event and a2's second event are missing
        ("events.jsonl", None, "", "E508"),
        # line 3 names an article that has no such event (its id is for a2)
        ("events.jsonl", 3, "", "E508"),
        ("events.jsonl", 3, "/id", "E402"),
    }
    missing = [p for p in validate_paths([run], contract).problems if p.line is None]
    assert len(missing) == 2


def test_missing_events_jsonl(run: Path, contract: Contract) -> None:
    (run / "events.jsonl").unlink()
    found = _found(validate_paths([run], contract), run)
    assert found == {("events.jsonl", None, "", "E508")}


def test_unreadable_files(run: Path, contract: Contract) -> None:
    (run / "articles" / "a1.json").write_text('{"id": "a1",', encoding="utf-8")
    (run / "events.jsonl").write_text("not json\n", encoding="utf-8")
    found = _found(validate_paths([run], contract), run)
    assert ("articles/a1.json", None, "", "E001") in found
    assert ("events.jsonl", 1, "", "E001") in found


def test_unreadable_manifest_stops_the_run_checks(run: Path, contract: Contract) -> None:
    (run / "run.json").write_bytes(b"\xff\xfe garbage")
    found = _found(validate_paths([run], contract), run)
    assert found == {("run.json", None, "", "E001")}


def test_events_jsonl_on_its_own(run: Path, contract: Contract) -> None:
    path = run / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    no_article = json.loads(lines[2])
    del no_article["article_id"]
    path.write_text(
        "\n".join([lines[0], lines[0], json.dumps(no_article), "", "[1]"]) + "\n",
        encoding="utf-8",
    )
    result = validate_paths([path], contract)
    found = _found(result, run)
    assert found == {
        ("events.jsonl", 2, "/id", "E401"),
        ("events.jsonl", 3, "/article_id", "E002"),
        ("events.jsonl", 5, "", "E002"),
    }
    assert result.event_lines == 4


def test_events_jsonl_line_with_defects_is_checked(run: Path, contract: Contract) -> None:
    path = run / "events.jsonl"
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    first["when"]["resolution"]["end"] = "2017-01-01"
    first["quotes"][0]["grounded"] = False
    path.write_text(json.dumps(first) + "\n", encoding="utf-8")
    found = {(p.pointer, p.code) for p in validate_paths([path], contract).problems}
    assert found == {("/when/resolution/start", "E303"), ("/quotes/0/grounded", "E202")}


def test_directory_of_documents(tmp_path: Path, contract: Contract) -> None:
    (tmp_path / "a.json").write_text(dump(make_document("a").model_dump(mode="json")))
    (tmp_path / "b.json").write_text("[]")
    result = validate_paths([tmp_path], contract)
    assert {p.path for p in result.problems} == {str(tmp_path / "b.json")}
    assert result.documents == 2


def test_json_output_shape(run: Path, contract: Contract) -> None:
    (run / "events.jsonl").unlink()
    data = validate_paths([run], contract).as_json()
    assert data["valid"] is False
    assert data["checked"] == {"documents": 2, "runs": 1, "event_lines": 0}
    assert data["problems"] == [
        {
            "path": f"{run}/events.jsonl",
            "line": None,
            "pointer": "",
            "code": "E508",
            "name": "run-events-mismatch",
            "message": "events.jsonl is missing: re-run the batch to write it",
        }
    ]


def test_document_listed_outside_articles(run: Path, contract: Contract) -> None:
    (run / "other").mkdir()
    (run / "articles" / "a1.json").rename(run / "other" / "a1.json")
    manifest = _manifest(run)
    manifest["articles"][0]["document"] = "other/a1.json"
    _save(run, manifest)
    assert validate_paths([run], contract).problems == []


def test_a_start_time_that_is_no_date_time_is_flagged(run: Path, contract: Contract) -> None:
    manifest = _manifest(run)
    manifest["started_at"] = "2031-02-30T25:61:00Z"  # a string, but no RFC 3339 date-time
    _save(run, manifest)
    found = _found(validate_paths([run], contract), run)
    assert ("run.json", None, "/started_at", "E002") in found
