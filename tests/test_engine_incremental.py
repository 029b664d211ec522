"""Incremental runs through ``extractor run``: what is re-extracted, what is left alone."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from extractor.article.document import build_document
from extractor.cli import cli
from extractor.cli import run as run_cli
from extractor.contract.models import ArticleDocument
from extractor.engine import keys
from extractor.validate import load_contract, validate_paths
from tests.engine_support import (
    ROOT,
    answering,
    article_text,
    bodies,
    clean_env,
    per_article,
    snapshot,
    write_articles,
)
from tests.fake_endpoint import FakeEndpoint, error

COUNT = 12


def run(endpoint: FakeEndpoint, inputs: Path, out: Path, *args: str) -> Result:
    base = ["run", str(inputs), "--out", str(out), "--base-url", endpoint.base_url]
    return CliRunner().invoke(
        cli, [*base, "--model", "fake-model", "--quiet", *args], env={}, catch_exceptions=False
    )


def manifest(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return data


def statuses(out: Path) -> dict[str, str]:
    return {a["id"]: a["status"] for a in manifest(out)["articles"]}


def assert_valid(out: Path) -> None:
    result = validate_paths([out], load_contract())
    assert result.ok, [str(p) for p in result.problems]


@pytest.fixture
def tree(tmp_path: Path, fake_endpoint: FakeEndpoint) -> tuple[Path, Path]:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, COUNT)
    fake_endpoint.set_responder(answering)
    first = run(fake_endpoint, inputs, out)
    assert first.exit_code == 0, first.output
    assert len(fake_endpoint.chat_requests) == COUNT
    assert set(statuses(out).values()) == {"added"}
    return inputs, out


def test_second_run_makes_no_calls_and_rewrites_nothing(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    before = snapshot(out)
    old = manifest(out)
    result = run(fake_endpoint, inputs, out)
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) == COUNT  # none more
    after = snapshot(out)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"run.json"}
    new = manifest(out)
    assert new["counts"]["unchanged"] == COUNT and new["totals"]["model_calls"] == 0
    assert all(a["cached"] and a["attempts"] == 0 for a in new["articles"])
    # Run-specific fields aside, a third night's run.json is the second's.
    third = run(fake_endpoint, inputs, out)
    assert third.exit_code == 0
    again = manifest(out)
    for data in (new, again):
        for key in ("started_at", "finished_at"):
            data.pop(key)
        data["totals"].pop("duration_s")
    assert again == new
    assert old["articles"] != new["articles"]  # added the first night, unchanged since
    assert_valid(out)


def test_a_changed_article_is_the_only_one_re_extracted(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    texts = bodies()
    (inputs / "a0003.txt").write_text(
        article_text(3, texts, extra="\nA late paragraph was added to this report today.\n"),
        encoding="utf-8",
    )
    sent = len(fake_endpoint.chat_requests)
    result = run(fake_endpoint, inputs, out)
    assert result.exit_code == 0, result.output
    assert per_article(fake_endpoint.chat_requests[sent:]) == {"a0003": 1}
    found = statuses(out)
    assert found.pop("a0003") == "changed"
    assert set(found.values()) == {"unchanged"}
    assert_valid(out)


def test_a_new_and_a_removed_article(fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]) -> None:
    inputs, out = tree
    (inputs / "a0005.txt").unlink()
    (inputs / "a0500.txt").write_text(article_text(500, bodies()), encoding="utf-8")
    sent = len(fake_endpoint.chat_requests)
    result = run(fake_endpoint, inputs, out)
    assert result.exit_code == 0, result.output
    assert per_article(fake_endpoint.chat_requests[sent:]) == {"a0500": 1}
    data = manifest(out)
    assert data["removed"] == ["a0005"] and data["counts"]["removed"] == 1
    assert not (out / "articles" / "a0005.json").exists()
    assert statuses(out)["a0500"] == "added"
    assert "a0005" not in (out / "events.jsonl").read_text(encoding="utf-8")
    assert_valid(out)


def _prompts_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", folder)
    system = folder / "extract.system.txt"
    system.write_text(system.read_text(encoding="utf-8") + "\nBe brief.\n", encoding="utf-8")
    return folder


def test_a_new_prompt_re_extracts_everything(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, out = tree
    prompts = _prompts_copy(tmp_path)
    sent = len(fake_endpoint.chat_requests)
    result = run(fake_endpoint, inputs, out, "--prompts-dir", str(prompts))
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) - sent == COUNT
    # The answers are the same, but provenance records the new prompt.
    assert set(statuses(out).values()) == {"changed"}
    # The old prompt's answers are still cached: switching back costs nothing.
    back = run(fake_endpoint, inputs, out)
    assert back.exit_code == 0
    assert len(fake_endpoint.chat_requests) - sent == COUNT
    assert set(statuses(out).values()) == {"changed"}


def test_other_code_of_the_same_version_rebuilds_from_the_cached_answers(
    fake_endpoint: FakeEndpoint,
    tree: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inputs, out = tree
    code, other = keys.code_sha256(), "c0de" * 16
    assert manifest(out)["config"]["code_sha256"] == code

    def newer(*args: Any, **kwargs: Any) -> ArticleDocument:
        return build_document(*args, **kwargs).model_copy(update={"title": "Built by newer code"})

    # The build in this process (no worker), with another behaviour: not yet another code.
    monkeypatch.setattr("extractor.article.pipeline.build_document", newer)
    same = run(fake_endpoint, inputs, out, "--processes", "0")
    assert same.exit_code == 0, same.output
    assert set(statuses(out).values()) == {"unchanged"}
    older = tmp_path / "older"
    shutil.copytree(out, older)
    for module in (keys, run_cli):  # the code as it reports itself
        monkeypatch.setattr(module, "code_sha256", lambda: other)
    rebuilt = run(fake_endpoint, inputs, out, "--processes", "0")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert len(fake_endpoint.chat_requests) == COUNT  # every answer from the cache
    assert set(statuses(out).values()) == {"changed"}
    titles = {json.loads(p.read_text(encoding="utf-8"))["title"] for p in out.glob("articles/*")}
    assert titles == {"Built by newer code"}
    assert manifest(out)["config"]["code_sha256"] == other
    assert_valid(out)
    shown = CliRunner().invoke(cli, ["diff", str(older), str(out)])
    assert f"extractor code: {code[:12]} -> {other[:12]}\n" in shown.output


def test_only_changed_keeps_documents_made_with_the_old_prompt(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, out = tree
    prompts = _prompts_copy(tmp_path)
    (inputs / "a0600.txt").write_text(article_text(600, bodies()), encoding="utf-8")
    sent = len(fake_endpoint.chat_requests)
    result = run(fake_endpoint, inputs, out, "--prompts-dir", str(prompts), "--only-changed")
    assert result.exit_code == 0, result.output
    assert per_article(fake_endpoint.chat_requests[sent:]) == {"a0600": 1}
    found = statuses(out)
    assert found.pop("a0600") == "added"
    assert set(found.values()) == {"unchanged"}


def test_force_sends_everything_again(fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]) -> None:
    inputs, out = tree
    before = snapshot(out)
    result = run(fake_endpoint, inputs, out, "--force")
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) == 2 * COUNT
    assert set(statuses(out).values()) == {"unchanged"}  # same answers: same documents
    after = snapshot(out)
    assert all(after[k] == before[k] for k in before if k.startswith("articles/"))


def test_force_and_only_changed_together_are_refused(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    result = run(fake_endpoint, inputs, out, "--force", "--only-changed")
    assert result.exit_code == 2
    assert "--only-changed and --force contradict each other" in result.output


def test_a_deleted_document_is_restored_from_the_cache(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    original = (out / "articles" / "a0002.json").read_bytes()
    (out / "articles" / "a0002.json").unlink()
    result = run(fake_endpoint, inputs, out)
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) == COUNT
    assert (out / "articles" / "a0002.json").read_bytes() == original
    assert statuses(out)["a0002"] == "unchanged"  # as listed in the previous run.json


def test_retry_failed_retries_only_the_failures(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 6)

    def broken_for_a0004(request: Any) -> Any:
        if "Dispatch 0004" in json.dumps(request.body):
            return error(500, "down")
        return answering(request)

    fake_endpoint.set_responder(broken_for_a0004)
    first = run(fake_endpoint, inputs, out, "--max-attempts", "2")
    assert first.exit_code == 1
    assert "failed: a0004: request" in first.output
    data = manifest(out)
    assert [f["id"] for f in data["failures"]] == ["a0004"]
    assert data["failures"][0]["attempts"] == 2 and data["status"] == "partial"
    assert statuses(out)["a0004"] == "failed"
    assert_valid(out)

    # A changed input is not touched by --retry-failed: only the failures are.
    (inputs / "a0001.txt").write_text(article_text(1, bodies(), "\nMore.\n"), encoding="utf-8")
    fake_endpoint.set_responder(answering)
    sent = len(fake_endpoint.chat_requests)
    second = run(fake_endpoint, inputs, out, "--retry-failed")
    assert second.exit_code == 1  # a0001 still waits for a normal run
    assert per_article(fake_endpoint.chat_requests[sent:]) == {"a0004": 1}
    found = statuses(out)
    assert found == {
        "a0000": "unchanged",
        "a0001": "skipped",
        "a0002": "unchanged",
        "a0003": "unchanged",
        "a0004": "added",
        "a0005": "unchanged",
    }
    assert manifest(out)["failures"] == []
    assert_valid(out)


def test_retry_failed_without_a_previous_run_is_a_usage_error(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, 1)
    result = run(fake_endpoint, inputs, tmp_path / "out", "--retry-failed")
    assert result.exit_code == 2
    assert "--retry-failed needs the manifest of an earlier run" in result.output


def test_a_failed_article_keeps_its_earlier_document(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    (inputs / "a0007.txt").write_text(article_text(7, bodies(), "\nUpdate.\n"), encoding="utf-8")
    fake_endpoint.set_responder(lambda _: error(500, "down"))
    result = run(fake_endpoint, inputs, out, "--max-attempts", "1")
    assert result.exit_code == 1
    entry = next(a for a in manifest(out)["articles"] if a["id"] == "a0007")
    assert entry["status"] == "failed" and entry["document"] == "articles/a0007.json"
    assert_valid(out)


def test_a_lost_cache_costs_nothing_with_only_changed(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    before = snapshot(out)
    for path in out.glob(".extractor-cache.sqlite*"):
        path.unlink()
    (inputs / "a0009.txt").write_text(article_text(9, bodies(), "\nNews.\n"), encoding="utf-8")
    result = run(fake_endpoint, inputs, out, "--only-changed")
    assert result.exit_code == 0, result.output
    assert per_article(fake_endpoint.chat_requests[COUNT:]) == {"a0009": 1}
    found = statuses(out)
    assert found.pop("a0009") == "changed"
    assert set(found.values()) == {"unchanged"}
    after = snapshot(out)
    # Same answer for the longer text: its events (and events.jsonl) do not change.
    assert [k for k in before if after[k] != before[k]] == ["articles/a0009.json", "run.json"]


def test_a_lost_cache_costs_nothing_when_the_documents_match_the_settings(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, out = tree
    before = snapshot(out)
    for path in out.glob(".extractor-cache.sqlite*"):
        path.unlink()
    # Each document records its input and the settings it was made with: kept as it is.
    result = run(fake_endpoint, inputs, out)
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) == COUNT  # none more
    after = snapshot(out)
    assert [k for k in before if after[k] != before[k]] == ["run.json"]
    assert set(statuses(out).values()) == {"unchanged"}
    assert_valid(out)
    # Other settings than the documents were made with: extracted again.
    for path in out.glob(".extractor-cache.sqlite*"):
        path.unlink()
    again = run(fake_endpoint, inputs, out, "--prompts-dir", str(_prompts_copy(tmp_path)))
    assert again.exit_code == 0, again.output
    assert len(fake_endpoint.chat_requests) == 2 * COUNT
    assert set(statuses(out).values()) == {"changed"}


def test_a_lost_cache_keeps_the_documents_whatever_code_built_them(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = tree
    for path in out.glob(".extractor-cache.sqlite*"):
        path.unlink()
    for module in (keys, run_cli):  # other code: a document does not record its code
        monkeypatch.setattr(module, "code_sha256", lambda: "c0de" * 16)
    result = run(fake_endpoint, inputs, out)
    assert result.exit_code == 0, result.output
    assert len(fake_endpoint.chat_requests) == COUNT  # rebuilding would cost the calls again
    assert set(statuses(out).values()) == {"unchanged"}


def test_only_documents_this_tool_wrote_are_removed(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    articles = out / "articles"
    # A file someone put beside the documents, and a copy of a document under a new name:
    # neither was written by this tool, so neither is removed.
    (articles / "notes.json").write_text('{"todo": "check a0003"}\n', encoding="utf-8")
    shutil.copy(articles / "a0001.json", articles / "backup-a0001.json")
    # A document this tool wrote, then edited by hand after its article left the inputs.
    (inputs / "a0004.txt").unlink()
    edited = articles / "a0004.json"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # A document this tool wrote, untouched, whose article left the inputs: removed.
    (inputs / "a0005.txt").unlink()
    base = ["run", str(inputs), "--out", str(out), "--base-url", fake_endpoint.base_url]
    result = CliRunner().invoke(cli, [*base, "--model", "fake-model"], env={})
    assert result.exit_code == 0, result.output
    assert not (articles / "a0005.json").exists()
    for name in ("notes.json", "backup-a0001.json", "a0004.json"):
        assert (articles / name).exists(), name
    data = manifest(out)
    assert data["removed"] == ["a0005"] and data["counts"]["removed"] == 1
    assert "removed articles/a0005.json: its article is no longer in the inputs" in result.output
    assert (
        "warning: left articles/backup-a0001.json, articles/notes.json: not written by "
        "extractor" in result.output
    )
    assert "warning: left articles/a0004.json: changed since extractor wrote it" in result.output


def test_a_damaged_cache_is_replaced_and_the_run_carries_on(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    cache = out / ".extractor-cache.sqlite"
    db = sqlite3.connect(cache)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = snapshot(out)
    with cache.open("r+b") as handle:  # a bad block in the middle of the file
        handle.seek(cache.stat().st_size // 4096 // 2 * 4096)
        handle.write(b"\xde\xad\xbe\xef" * 1024)
    result = run(fake_endpoint, inputs, out)
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if "warning: cache " in x]
    assert f"warning: cache {cache} was damaged (" in line
    assert "moved it to .extractor-cache.sqlite.corrupt-" in line
    assert len(list(out.glob(".extractor-cache.sqlite.corrupt-*"))) == 1
    # The documents say they are still current: nothing is asked again, nothing rewritten.
    assert len(fake_endpoint.chat_requests) == COUNT
    after = snapshot(out)
    assert [k for k in before if after[k] != before[k]] == ["run.json"]
    assert_valid(out)
    again = run(fake_endpoint, inputs, out)
    assert again.exit_code == 0 and "warning" not in again.output


def test_a_run_json_listing_an_id_that_is_no_file_name_is_noted_not_a_crash(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    data = manifest(out)
    data["articles"].append({**data["articles"][0], "id": "../elsewhere"})
    (out / "run.json").write_text(json.dumps(data), encoding="utf-8")
    base = ["run", str(inputs), "--out", str(out), "--base-url", fake_endpoint.base_url]
    result = CliRunner().invoke(cli, [*base, "--model", "fake-model"], env={})
    assert result.exit_code == 0, result.output
    assert "warning: left ../elsewhere: run.json lists it under an id that is not a file name" in (
        result.output
    )
    assert manifest(out)["counts"]["failed"] == 0


# `extractor run` in a child process that says, at exit, whether the openai package ran.
_REPORT_OPENAI = """
import atexit, sys
atexit.register(lambda: print("openai loaded:", "openai.types" in sys.modules, file=sys.stderr))
from extractor.cli import main
main()
"""


def test_a_run_answered_from_the_cache_never_loads_the_openai_client(
    fake_endpoint: FakeEndpoint, tree: tuple[Path, Path]
) -> None:
    inputs, out = tree
    shutil.rmtree(out / "articles")  # every document is rebuilt, from cached answers
    asked = len(fake_endpoint.requests)
    command = [sys.executable, "-c", _REPORT_OPENAI, "run", str(inputs), "--out", str(out)]
    command += ["--base-url", fake_endpoint.base_url, "--model", "fake-model"]
    done = subprocess.run(command, capture_output=True, text=True, env=clean_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list((out / "articles").glob("*.json"))) == COUNT
    assert len(fake_endpoint.requests) == asked
    assert "openai loaded: False" in done.stderr
