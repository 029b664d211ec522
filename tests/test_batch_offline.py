"""The seam for bulk engines: ``extractor batch export``, a fake offline engine (vLLM's
``run_batch``), ``extractor batch import``; and ``run --dry-run``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from extractor.cli import cli
from extractor.validate import load_contract, validate_paths
from tests.engine_support import answering, documents, write_articles
from tests.fake_batch import answer_file
from tests.fake_endpoint import FakeEndpoint, completion

COUNT = 5
SETTINGS = ["--model", "fake-model", "--chunk-chars", "2000", "--quiet"]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={}, catch_exceptions=False)


def live(endpoint: FakeEndpoint, inputs: Path, out: Path) -> Result:
    return invoke("run", str(inputs), "--out", str(out), "--base-url", endpoint.base_url, *SETTINGS)


def export(requests: Path, inputs: Path, out: Path) -> list[dict[str, Any]]:
    result = invoke("batch", "export", str(requests), str(inputs), "--out", str(out), *SETTINGS)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]


def import_(results: Path, inputs: Path, out: Path, *more: str) -> Result:
    return invoke("batch", "import", str(results), str(inputs), "--out", str(out), *SETTINGS, *more)


def count_cleaning(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles cleaned from now on (``prepare``, by the plan or the build,
    in this process), one entry each time."""
    from extractor.article.pipeline import prepare

    cleaned: list[str] = []

    def counting(article: Any) -> Any:
        cleaned.append(article.id)
        return prepare(article)

    monkeypatch.setattr("extractor.engine.requests.prepare", counting)
    monkeypatch.setattr("extractor.article.pipeline.prepare", counting)
    return cleaned


def comparable(doc: dict[str, Any]) -> dict[str, Any]:
    """A document without what depends on the route: timing and the endpoint."""
    made = {
        k: v
        for k, v in doc["provenance"].items()
        if k not in ("duration_s", "endpoint", "endpoint_kind")
    }
    return {**doc, "provenance": made}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_articles(folder, COUNT)
    return folder


def test_export_answer_import_builds_the_documents_of_a_live_run(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_endpoint.set_responder(answering)
    assert live(fake_endpoint, inputs, tmp_path / "live").exit_code == 0
    sent = fake_endpoint.chat_requests
    assert len(sent) > COUNT  # articles of several chunks

    out = tmp_path / "offline"
    lines = export(tmp_path / "requests.jsonl", inputs, out)
    # The exact bodies the live path sent, one line each, in the OpenAI batch format.
    canonical = sorted(json.dumps(r.body, sort_keys=True) for r in sent)
    assert sorted(json.dumps(x["body"], sort_keys=True) for x in lines) == canonical
    assert {x["url"] for x in lines} == {"/v1/chat/completions"}
    assert {x["custom_id"].split("/")[0] for x in lines} == {f"a{n:04d}" for n in range(COUNT)}
    assert len({x["custom_id"] for x in lines}) == len(lines)

    results = tmp_path / "results.jsonl"
    results.write_bytes(answer_file((tmp_path / "requests.jsonl").read_bytes(), answering))
    cleaned = count_cleaning(monkeypatch)
    done = import_(results, inputs, out)
    assert done.exit_code == 0, done.output
    assert len(fake_endpoint.chat_requests) == len(sent)  # no model call: built from the cache
    # Each article cleaned once: the build takes them as the plan cleaned them.
    assert sorted(cleaned) == [f"a{n:04d}" for n in range(COUNT)]

    checked = validate_paths([out], load_contract())
    assert checked.ok, [str(p) for p in checked.problems]
    stories = (out / "stories.jsonl").read_bytes()
    assert stories and stories == (tmp_path / "live" / "stories.jsonl").read_bytes()
    offline, online = documents(out), documents(tmp_path / "live")
    assert offline.keys() == online.keys() and len(offline) == COUNT
    for name in online:
        assert comparable(offline[name]) == comparable(online[name])
    assert offline["a0000"]["provenance"]["endpoint_kind"] == "offline"

    # The cache is the one source of truth: a live run on it asks nothing.
    again = live(fake_endpoint, inputs, out)
    assert again.exit_code == 0, again.output
    assert len(fake_endpoint.chat_requests) == len(sent)
    assert export(tmp_path / "none.jsonl", inputs, out) == []


def _edit(results: Path, changes: dict[str, dict[str, Any]]) -> None:
    """Replace the response bodies of the lines named in ``changes`` (by custom_id)."""
    lines = [json.loads(x) for x in results.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line["custom_id"] in changes:
            line["response"]["body"] = changes[line["custom_id"]]
    results.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")


def _body(**kwargs: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(completion(**kwargs).body)
    return parsed


def test_cut_off_refused_and_invalid_answers_go_to_a_second_round(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint
) -> None:
    out = tmp_path / "out"
    lines = export(tmp_path / "requests.jsonl", inputs, out)
    first = {x["custom_id"].split("/")[0]: x["custom_id"] for x in reversed(lines)}
    cut, refused, invalid = first["a0000"], first["a0003"], first["a0004"]
    results = tmp_path / "results.jsonl"
    results.write_bytes(answer_file((tmp_path / "requests.jsonl").read_bytes(), answering))
    _edit(
        results,
        {
            cut: _body(content='{"events": [', finish_reason="length"),
            refused: _body(content=None, refusal="I cannot help with that."),
            invalid: _body(content='{"events": "none"}'),
        },
    )
    loud = [x for x in SETTINGS if x != "--quiet"]  # its notes say what is left
    done = invoke("batch", "import", str(results), str(inputs), "--out", str(out), *loud)
    assert done.exit_code == 1, done.output  # three articles wait for their second round
    by_id = {a["id"]: a["status"] for a in json.loads((out / "run.json").read_text())["articles"]}
    waiting = {x.split("/")[0] for x in (cut, refused, invalid)}
    assert {k for k, v in by_id.items() if v == "skipped"} == waiting
    assert not fake_endpoint.chat_requests

    again = export(tmp_path / "second.jsonl", inputs, out)
    # The import counted what is left as a new plan does (the cut-off chunk's halves too).
    assert f"{len(again)} requests still have no answer" in done.output
    ids = {x["custom_id"] for x in again}
    assert refused in ids and invalid in ids  # not cached: asked again as they were
    assert cut not in ids  # cached as cut off: its chunk is split, the parts asked
    halves = [x for x in again if x["custom_id"].startswith(cut.split("/")[0] + "/")]
    assert len(halves) >= 2
    cut_text = next(x for x in lines if x["custom_id"] == cut)["body"]["messages"][-1]["content"]
    assert all(h["body"]["messages"][-1]["content"] != cut_text for h in halves)

    # The live second round: with a base URL, import asks what is left live.
    fake_endpoint.set_responder(answering)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    final = import_(empty, inputs, out, "--base-url", fake_endpoint.base_url)
    assert final.exit_code == 0, final.output
    assert len(fake_endpoint.chat_requests) == len(again)
    assert len(documents(out)) == COUNT


def test_results_of_other_requests_and_failed_lines_are_not_stored(
    tmp_path: Path, inputs: Path
) -> None:
    out = tmp_path / "out"
    lines = export(tmp_path / "requests.jsonl", inputs, out)
    results = tmp_path / "results.jsonl"
    failed = {
        "custom_id": lines[0]["custom_id"],
        "response": None,
        "error": {"code": "server_error", "message": "the engine crashed"},
    }
    other = {"custom_id": "zzz/0/0123456789abcdef", "response": {"status_code": 200, "body": {}}}
    results.write_text(json.dumps(failed) + "\n" + json.dumps(other) + "\nnot json\n")
    done = import_(results, inputs, out)
    assert done.exit_code == 1
    assert len(export(tmp_path / "again.jsonl", inputs, out)) == len(lines)


def test_imported_answers_are_priced_and_billed_at_the_runs_own_price(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, 2)
    out = tmp_path / "out"
    export(tmp_path / "requests.jsonl", inputs, out)
    results = tmp_path / "results.jsonl"
    results.write_bytes(answer_file((tmp_path / "requests.jsonl").read_bytes(), answering))
    done = import_(results, inputs, out, "--price", "1,4")  # the user's own engine's price
    assert done.exit_code == 0, done.output
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    entries = {a["id"]: a for a in manifest["articles"]}
    for name, doc in documents(out).items():
        usage = doc["provenance"]["usage"]
        full = (usage["prompt_tokens"] * 1 + usage["completion_tokens"] * 4) / 1e6
        assert doc["provenance"]["cost_usd"] == pytest.approx(full)  # not halved
        assert entries[name]["cost_usd"] == pytest.approx(full)
        assert entries[name]["cached"] is False


def test_dry_run_estimates_and_calls_nothing(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint
) -> None:
    fake_endpoint.set_responder(answering)
    result = invoke(
        "run",
        str(inputs),
        "--out",
        str(tmp_path / "out"),
        "--base-url",
        fake_endpoint.base_url,
        "--price",
        "1,4",
        "--dry-run",
        *SETTINGS,
    )
    assert result.exit_code == 0, result.output
    assert fake_endpoint.requests == []  # not even GET /models
    lines = export(tmp_path / "requests.jsonl", inputs, tmp_path / "other")
    prompt = sum(sum(len(m["content"]) for m in x["body"]["messages"]) // 4 + 8 for x in lines)
    answers = len(lines) * 2048
    assert f"articles to extract: {COUNT}\n" in result.output
    assert f"requests: {len(lines)} to send (0 answered by the cache)\n" in result.output
    assert f"prompt tokens: about {prompt:,}\n" in result.output
    assert f"answer tokens: about {answers:,} (--max-tokens a request" in result.output
    live_cost = (prompt * 1 + answers * 4) / 1e6
    assert f"cost at the live price: about ${live_cost:.4f}" in result.output
    assert f"cost at the batch price: about ${live_cost / 2:.4f}" in result.output
    assert not (tmp_path / "out").exists()  # nothing cached yet: no folder, no cache made


def test_dry_run_counts_the_answers_a_run_cached(
    tmp_path: Path, inputs: Path, fake_endpoint: FakeEndpoint
) -> None:
    fake_endpoint.set_responder(answering)
    out = tmp_path / "out"
    given = ["run", str(inputs), "--out", str(out), "--base-url", fake_endpoint.base_url]
    assert invoke(*given, "--limit", "2", *SETTINGS).exit_code == 0
    sent = len(fake_endpoint.chat_requests)
    result = invoke(*given, "--dry-run", *SETTINGS)
    assert result.exit_code == 0, result.output
    lines = export(tmp_path / "requests.jsonl", inputs, tmp_path / "other")
    assert f"articles to extract: {COUNT - 2}\n" in result.output  # 2 have their documents
    assert f"requests: {len(lines) - sent} to send (0 answered by the cache)\n" in result.output
    for document in (out / "articles").glob("*.json"):
        document.unlink()  # made again from the cached answers
    result = invoke(*given, "--dry-run", *SETTINGS)
    assert f"articles to extract: {COUNT}\n" in result.output
    assert f"requests: {len(lines) - sent} to send ({sent} answered by the cache)\n" in (
        result.output
    )
    assert len(fake_endpoint.chat_requests) == sent


def test_a_dry_run_of_the_local_model_keys_its_answers_as_a_run_of_it_does(
    tmp_path: Path,
) -> None:
    """The embedded model is not started, but its answers are keyed by its checksum, as a run
    that starts it keys them (``serve`` gives the checksum of the file it verified)."""
    from extractor.article.pipeline import PipelineSettings
    from extractor.article.prompt import Prompt
    from extractor.cli.batch_modes import Mode, endpoint_for
    from extractor.cli.endpoint import LocalOptions
    from extractor.contract.endpoint import EndpointConfig
    from extractor.engine.keys import answer_base
    from extractor.errors import ModelFileError
    from extractor.io.local_model import DEFAULT_MODEL, verify_model_file

    template = EndpointConfig(base_url="http://127.0.0.1:1/v1", model="", api_key="k")
    prompt = Prompt("extract", "system", "user $article")
    own = tmp_path / "mine.gguf"
    own.write_bytes(b"GGUF" + bytes(60))
    for model_file, expected in ((None, DEFAULT_MODEL.sha256), (own, verify_model_file(own))):
        options = LocalOptions(model_file, tmp_path, 1, 4096, 1)
        with endpoint_for(Mode(kind="dry-run"), "local", template, options) as (config, sha):
            assert sha == expected and config.kind == "local"
            served = EndpointConfig(
                base_url="http://127.0.0.1:5/v1", model="served", api_key="x", kind="local"
            )
            settings = PipelineSettings(prompt=prompt, model_sha256=sha)
            assert answer_base(config, settings) == answer_base(served, settings)
    with pytest.raises(ModelFileError, match="does not exist"):
        missing = LocalOptions(tmp_path / "none.gguf", tmp_path, 1, 4096, 1)
        with endpoint_for(Mode(kind="dry-run"), "local", template, missing):
            pass


def test_batch_ray_without_the_ray_extra_says_how_to_install_it(
    tmp_path: Path, inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = export(tmp_path / "requests.jsonl", inputs, tmp_path / "out")
    assert lines
    monkeypatch.setitem(sys.modules, "ray", None)  # as where the extra is not installed
    given = [str(tmp_path / "requests.jsonl"), str(tmp_path / "results.jsonl")]
    done = invoke("batch", "ray", *given, "--base-url", "http://127.0.0.1:9/v1")
    assert done.exit_code == 2
    assert "Ray is not installed: pip install 'extractor[ray]'" in done.output
    assert not (tmp_path / "results.jsonl").exists()
