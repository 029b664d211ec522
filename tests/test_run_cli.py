"""``extractor run`` end to end against the in-process fake endpoint."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from extractor.cli import cli
from extractor.cli.run import Threads, _processes
from tests.fake_endpoint import FakeEndpoint, error, json_reply

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = ROOT / "seeds" / "003_4ce2d9851149de12.txt"
ANSWER_003 = json.loads((ROOT / "tests" / "data" / "answer_003.json").read_text(encoding="utf-8"))


def _schema(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _run(endpoint: FakeEndpoint, *args: str, env: dict[str, str] | None = None) -> Any:
    base = ["run", "--base-url", endpoint.base_url, "--model", "fake-model", "--quiet"]
    return CliRunner().invoke(cli, [*base, *args], env=env or {}, catch_exceptions=False)


def test_seed_003_end_to_end(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    fake_endpoint.queue(json_reply(ANSWER_003, prompt_tokens=900, completion_tokens=300))
    out = tmp_path / "out"
    result = _run(fake_endpoint, str(SEED_003), "--out", str(out))
    assert result.exit_code == 0, result.output

    [request] = fake_endpoint.chat_requests
    user = request.body["messages"][-1]["content"]
    assert "On Thursday, Defense Secretary Jim Mattis stated" in user
    assert "[revad2]" not in user and "Telegram channel" not in user
    assert request.body["response_format"]["json_schema"]["strict"] is True

    doc_path = out / "articles" / "003_4ce2d9851149de12.json"
    raw = doc_path.read_text(encoding="utf-8")
    assert raw.endswith("}\n") and raw.startswith('{\n  "')
    doc = json.loads(raw)
    assert not list(_schema("article.schema.json").iter_errors(doc))

    assert doc["published"] == {
        "value": "2017-02-16",
        "source": "text",
        "evidence": doc["published"]["evidence"],
    }
    text = doc["text"]
    quotes = [q for e in doc["events"] for q in e["quotes"]] + doc["quotes"]  # held, then apart
    for quote in quotes:
        if quote["span"]:
            assert text[quote["span"]["start"] : quote["span"]["end"]] == quote["text"]
    direct = [q["text"] for q in quotes if q["kind"] == "direct"]
    assert "prove itself" in direct
    unverified = [q["text"] for e in doc["events"] for q in e["unverified_quotes"]]
    assert unverified == ["NATO is the most successful alliance in history"]

    thursday = doc["events"][0]["when"]
    assert thursday["expression"] == "On Thursday"
    assert thursday["resolution"]["value"] == "2017-02-16"

    prov = doc["provenance"]
    assert prov["model"] == "fake-model"
    assert prov["usage"] == {"prompt_tokens": 900, "completion_tokens": 300}
    assert prov["endpoint"] == fake_endpoint.base_url
    assert len(prov["prompt_sha256"]) == 64

    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert not list(_schema("run.schema.json").iter_errors(manifest))
    assert manifest["counts"]["added"] == 1 and manifest["status"] == "complete"
    events = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(events) == len(doc["events"])
    assert {json.loads(line)["article_id"] for line in events} == {"003_4ce2d9851149de12"}


def test_same_answer_twice_writes_identical_files(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(ANSWER_003))
    first, second = tmp_path / "a", tmp_path / "b"
    assert _run(fake_endpoint, str(SEED_003), "--out", str(first)).exit_code == 0
    assert _run(fake_endpoint, str(SEED_003), "--out", str(second)).exit_code == 0
    a = json.loads((first / "articles" / "003_4ce2d9851149de12.json").read_text())
    b = json.loads((second / "articles" / "003_4ce2d9851149de12.json").read_text())
    a["provenance"].pop("duration_s"), b["provenance"].pop("duration_s")
    assert a == b


def test_one_bad_article_fails_alone_with_exit_1(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_003, inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    fake_endpoint.set_responder(lambda _: json_reply(ANSWER_003))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(inputs),
            "--out",
            str(out),
            "--base-url",
            fake_endpoint.base_url,
            "--model",
            "m",
        ],
        env={},
    )
    assert result.exit_code == 1
    assert "failed: empty" in result.output
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in manifest["failures"]] == ["empty"]
    assert manifest["failures"][0]["stage"] == "input"
    assert (out / "articles" / "good.json").exists()


def test_endpoint_failure_is_recorded_with_attempts(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    fake_endpoint.set_responder(lambda _: error(500, "down"))
    out = tmp_path / "out"
    result = _run(fake_endpoint, str(SEED_003), "--out", str(out), "--max-attempts", "2")
    assert result.exit_code == 1
    [failure] = json.loads((out / "run.json").read_text())["failures"]
    assert failure["stage"] == "request"
    assert failure["attempts"] == 2
    assert failure["error_class"] == "EndpointError"


def test_openai_without_key_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(SEED_003),
            "--out",
            str(tmp_path),
            "--base-url",
            "https://api.openai.com/v1",
            "--model",
            "gpt-4o-mini",
        ],
        env={"OPENAI_API_KEY": ""},
    )
    assert result.exit_code == 2
    assert "No API key: pass --api-key or set OPENAI_API_KEY." in result.output


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_key_is_not_written_anywhere(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(ANSWER_003))
    out = tmp_path / "out"
    secret = "sk-very-secret-key-0000"
    result = _run(fake_endpoint, str(SEED_003), "--out", str(out), env={"OPENAI_API_KEY": secret})
    assert result.exit_code == 0
    assert fake_endpoint.chat_requests[0].headers["authorization"] == f"Bearer {secret}"
    for path in out.rglob("*"):  # documents, run.json, events.jsonl and the SQLite cache
        if path.is_file():
            assert secret.encode() not in path.read_bytes()
    assert secret not in result.output


def test_processes_default_to_one_worker_beside_a_remote_endpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    assert _processes(None, "openai-compatible") == 1
    assert _processes(None, "local") == 0  # the local model keeps the CPUs busy
    assert _processes(3, "local") == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0}, raising=False)
    assert _processes(None, "openai") == 0


def test_processes_are_recorded_in_the_manifest(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    fake_endpoint.queue(json_reply(ANSWER_003))
    out = tmp_path / "out"
    result = _run(fake_endpoint, str(SEED_003), "--out", str(out), "--processes", "2")
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["config"]["processes"] == 2


def test_local_model_defaults_suit_its_queue() -> None:
    from extractor.article.pipeline import default_chunk_chars
    from extractor.cli.run import request_timeout, run

    defaults = {param.name: param.default for param in run.params}
    assert defaults["parallel"] == 2  # two slots finished the seeds sooner than one
    assert defaults["timeout"] is None
    assert request_timeout(None) == 3600.0
    assert request_timeout("https://api.openai.com/v1") == 300.0
    assert defaults["chunk_chars"] is None
    assert default_chunk_chars("local") == 1_200  # more events found (docs/BENCHMARKS.md)
    assert default_chunk_chars("openai") == 12_000


def test_a_remote_endpoint_gets_the_long_chunks(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    fake_endpoint.queue(json_reply(ANSWER_003))
    out = tmp_path / "out"
    result = _run(fake_endpoint, str(SEED_003), "--out", str(out))
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["config"]["chunk_chars"] == 12_000
    assert len(fake_endpoint.chat_requests) == 1


@pytest.mark.parametrize("given", ["0", "-1", "two", "1.5"])
def test_threads_is_a_whole_number_or_auto(tmp_path: Path, given: str) -> None:
    result = CliRunner().invoke(
        cli, ["run", str(tmp_path), "--out", str(tmp_path / "out"), "--threads", given]
    )
    assert result.exit_code == 2
    assert "neither a whole number of at least 1 nor 'auto'" in result.output


def test_threads_auto_and_a_number_are_read() -> None:
    assert Threads().convert("auto", None, None) is None
    assert Threads().convert("3", None, None) == 3
    assert Threads().convert(None, None, None) is None


def _port(tmp_path: Path, body: str) -> Path:
    """A folder holding one article, port.txt, published 3 March 2021."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "port.txt").write_text(f"Published 3 March 2021\n\n{body}\n", encoding="utf-8")
    return folder


def _answers_asked(
    fake_endpoint: FakeEndpoint, folder: Path, out: Path, answers: str
) -> tuple[dict[str, Any], str]:
    """Run with ``--answers``: the event schema of the one request sent, and its system
    prompt."""
    result = _run(fake_endpoint, str(folder), "--out", str(out), "--answers", answers)
    assert result.exit_code == 0, result.output
    [request] = fake_endpoint.chat_requests
    schema = request.body["response_format"]["json_schema"]["schema"]
    return schema["$defs"]["ModelEvent"], request.body["messages"][0]["content"]


def test_short_answers_ask_no_description_and_describe_by_the_sentence(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    folder = _port(
        tmp_path,
        "The port of Eastport closed on Monday after a storm. "
        "Harbour master Tom Berg said the ferries would sail again on Friday.",
    )
    answer = {
        "events": [
            {
                "sentence": 2,
                "trigger": "closed",
                "actors": ["Eastport"],
                "place": None,
                "when": "on Monday",
            },
        ]
    }
    fake_endpoint.queue(json_reply(answer))
    out = tmp_path / "out"
    event, system = _answers_asked(fake_endpoint, folder, out, "short")
    assert "description" not in event["properties"] and "tense" not in event["properties"]
    assert set(event["required"]) == set(event["properties"])
    assert "- description:" not in system and "- tense:" not in system

    doc = json.loads((out / "articles" / "port.json").read_text(encoding="utf-8"))
    assert not list(_schema("article.schema.json").iter_errors(doc))
    [told] = doc["events"]
    assert told["description"] == "The port of Eastport closed on Monday after a storm."
    assert told["tense"] == "past"  # from the verb
    assert doc["provenance"]["prompt_id"] == "extract-short"

    # the full answers' requests are others: nothing is taken from the short ones' cache
    fake_endpoint.queue(json_reply({"events": []}))
    again = _run(fake_endpoint, str(folder), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert len(fake_endpoint.chat_requests) == 2
    full = fake_endpoint.chat_requests[1].body["response_format"]["json_schema"]["schema"]
    assert "description" in full["$defs"]["ModelEvent"]["properties"]


def test_anchors_ask_only_sentence_and_trigger_and_read_the_rest_from_the_sentence(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    folder = _port(
        tmp_path,
        "Harbour master Tom Berg said the ferries would sail again. "
        "The Harbour Board fined Ola Nygaard on Monday in Eastport after a storm.",
    )
    fake_endpoint.queue(json_reply({"events": [{"sentence": 3, "trigger": "fined"}]}))
    out = tmp_path / "out"
    event, system = _answers_asked(fake_endpoint, folder, out, "anchors")
    assert set(event["properties"]) == set(event["required"]) == {"sentence", "trigger"}
    assert "- actors:" not in system and "- when:" not in system

    doc = json.loads((out / "articles" / "port.json").read_text(encoding="utf-8"))
    assert not list(_schema("article.schema.json").iter_errors(doc))
    [told] = doc["events"]
    said = "The Harbour Board fined Ola Nygaard on Monday in Eastport after a storm."
    assert told["description"] == said
    assert [a["text"] for a in told["actors"]] == ["Harbour Board", "Ola Nygaard"]
    assert told["place"]["text"] == "Eastport"
    assert told["when"]["expression"] == "Monday"
    assert told["when"]["resolution"]["value"] == "2021-03-01"
    assert told["tense"] == "past"
    assert doc["provenance"]["prompt_id"] == "extract-anchors"

    # rebuilt from the cached answer (a setting of the document changed, not of the request):
    # no request, and the same actors from the parse
    args = ["--out", str(out), "--answers", "anchors", "--small-model-rules", "on"]
    again = _run(fake_endpoint, str(folder), *args)
    assert again.exit_code == 0, again.output
    assert len(fake_endpoint.chat_requests) == 1
    rebuilt = json.loads((out / "articles" / "port.json").read_text(encoding="utf-8"))
    assert rebuilt["provenance"]["small_model_rules"] is True
    assert rebuilt["events"][0]["actors"] == told["actors"]
