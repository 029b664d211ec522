"""``extractor run``: which endpoint it calls, said on the first line; the embedded model only
when nothing remote is configured or with ``--local``."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import extractor.io.local_model
from extractor.article.pipeline import PipelineSettings
from extractor.article.prompt import Prompt
from extractor.cli import cli
from extractor.cli.endpoint import LocalOptions, Requested, choose, with_threads
from extractor.contract.endpoint import CallResult, EndpointConfig
from extractor.engine import RunSettings, keys
from extractor.engine.cache import Cache
from extractor.engine.client import CachingClient, Meter
from extractor.errors import ConfigError
from extractor.io.llm import connection_problem
from extractor.io.local_model import STOP_TIMEOUT_S, LocalEndpoint, LocalModelConfig
from tests.engine_support import answering, per_article, write_articles
from tests.fake_endpoint import FakeEndpoint, Reply, error, json_reply

SECRET = "sk-h23-never-printed-0000"
SERVED = "served-small-model"


STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ")


def said(output: str) -> list[str]:
    """The lines on stderr without their UTC time (stderr is no terminal here)."""
    return [STAMP.sub("", line) for line in output.splitlines()]


def invoke(args: list[str], env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, ["run", *args], env=env or {}, catch_exceptions=False)


@pytest.fixture
def embedded(
    fake_endpoint: FakeEndpoint, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[LocalModelConfig]]:
    """The embedded model replaced by the fake endpoint; lists the configs it was started with."""
    started: list[LocalModelConfig] = []

    @contextmanager
    def serve(config: LocalModelConfig) -> Iterator[LocalEndpoint]:
        started.append(config)
        yield LocalEndpoint(
            base_url=fake_endpoint.base_url,
            model=SERVED,
            model_sha256="ab" * 32,
            api_key="random-local-key",
            model_path=Path("model.gguf"),
            n_ctx=8192,
            n_parallel=2,
            load_s=0.0,
        )

    monkeypatch.setattr(extractor.io.local_model, "serve", serve)
    # ``--threads auto`` counts the cores idle now: two, whatever else this machine runs
    monkeypatch.setattr(extractor.io.local_model, "free_cores", lambda: 2)
    fake_endpoint.set_responder(answering)
    yield started


def test_nothing_configured_runs_the_embedded_model_and_says_so(
    embedded: list[LocalModelConfig], fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    out = tmp_path / "out"
    result = invoke([str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(embedded) == 1
    first = said(result.output)[0]
    assert first == (
        "endpoint: the embedded local model (qwen2.5-coder-1.5b-instruct-q4_k_m) on this "
        "machine's CPU, 2 threads"
    )
    doc = json.loads((out / "articles" / "a0000.json").read_text(encoding="utf-8"))
    assert doc["provenance"]["model"] == SERVED
    assert doc["provenance"]["endpoint_kind"] == "local"
    # Started by the run and seen ready: no endpoint check before its first request.
    assert fake_endpoint.requests == fake_endpoint.chat_requests


def test_one_free_core_gives_one_thread_and_says_so(
    embedded: list[LocalModelConfig], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extractor.io.local_model, "free_cores", lambda: 1)
    write_articles(tmp_path / "in", 1)
    result = invoke([str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert [config.n_threads for config in embedded] == [1]
    assert said(result.output)[0].endswith("on this machine's CPU, 1 thread")


def test_a_model_priority_reaches_the_embedded_model_and_is_said(
    embedded: list[LocalModelConfig], tmp_path: Path
) -> None:
    from extractor.io.local_model import MAX_THREADS

    write_articles(tmp_path / "in", 1)
    args = [str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--model-priority", "medium"]
    result = invoke(args)
    assert result.exit_code == 0, result.output
    assert [config.priority for config in embedded] == ["medium"]
    every_core = max(1, min(len(os.sched_getaffinity(0)), MAX_THREADS))  # not the idle ones
    assert [config.n_threads for config in embedded] == [every_core]
    assert said(result.output)[0].endswith(f"{every_core} threads, priority medium")
    assert invoke([*args[:3], "--model-priority", "top"]).exit_code == 2


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (
            ["--model", "gpt-4o-mini"],
            {"OPENAI_API_KEY": SECRET},
            "model gpt-4o-mini and an API key",
        ),
        ([], {"OPENAI_API_KEY": SECRET}, "an API key"),
        ([], {"EXTRACTOR_MODEL": "gpt-4o-mini"}, "model gpt-4o-mini"),
    ],
)
def test_a_model_or_key_without_base_url_is_a_usage_error(
    embedded: list[LocalModelConfig],
    tmp_path: Path,
    args: list[str],
    env: dict[str, str],
    named: str,
) -> None:
    write_articles(tmp_path / "in", 1)
    result = invoke([str(tmp_path / "in"), "--out", str(tmp_path / "out"), *args], env)
    assert result.exit_code == 2
    assert f"A remote endpoint is configured ({named}) but no base URL" in result.output
    assert "pass --base-url (e.g. https://api.openai.com/v1)" in result.output
    assert "--local" in result.output
    assert SECRET not in result.output
    assert embedded == []  # the CPU model was never started


def test_local_wins_over_the_environment_and_keeps_the_served_name(
    embedded: list[LocalModelConfig], tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    out = tmp_path / "out"
    env = {"OPENAI_BASE_URL": "http://192.0.2.1:8000/v1", "EXTRACTOR_MODEL": "gpt-4o-mini"}
    result = invoke(
        [str(tmp_path / "in"), "--out", str(out), "--local"], {**env, "OPENAI_API_KEY": SECRET}
    )
    assert result.exit_code == 0, result.output
    assert said(result.output)[0].startswith("endpoint: the embedded local model")
    doc = json.loads((out / "articles" / "a0000.json").read_text(encoding="utf-8"))
    assert doc["provenance"]["model"] == SERVED
    assert SECRET not in result.output


def test_local_with_a_base_url_flag_is_a_usage_error(
    embedded: list[LocalModelConfig], tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    args = [str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--local"]
    result = invoke([*args, "--base-url", "http://127.0.0.1:1/v1"])
    assert result.exit_code == 2
    assert "--local and --base-url contradict each other" in result.output
    result = invoke([*args, "--model", "gpt-4o-mini"])
    assert result.exit_code == 2
    assert "drop --model" in result.output
    assert embedded == []


def test_a_remote_run_names_its_endpoint_first_even_quiet(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    fake_endpoint.set_responder(answering)
    args = [str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"]
    args += ["--base-url", fake_endpoint.base_url, "--model", "fake-model"]
    result = invoke(args, {"OPENAI_API_KEY": SECRET})
    assert result.exit_code == 0, result.output
    assert said(result.output) == [
        f"endpoint: {fake_endpoint.base_url} (openai-compatible), model fake-model"
    ]


def test_run_json_records_the_embedded_models_threads_and_no_remote_run_has_them(
    embedded: list[LocalModelConfig], fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    local_args = ["--threads", "1", "--parallel", "3"]
    assert invoke([str(tmp_path / "in"), "--out", str(tmp_path / "l"), *local_args]).exit_code == 0
    config = json.loads((tmp_path / "l" / "run.json").read_text(encoding="utf-8"))["config"]
    assert (config["threads"], config["parallel"], config["model_priority"]) == (1, 3, "normal")
    assert (config["endpoint"], config["concurrency"]) == ("local", 3)
    remote = ["--base-url", fake_endpoint.base_url, "--model", "fake-model"]
    result = invoke([str(tmp_path / "in"), "--out", str(tmp_path / "r"), *remote])
    assert result.exit_code == 0, result.output
    config = json.loads((tmp_path / "r" / "run.json").read_text(encoding="utf-8"))["config"]
    assert not {"threads", "parallel", "model_priority"} & set(config)
    assert config["model"] == "fake-model"


def test_a_base_url_with_a_password_is_refused_unechoed(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1)
    out = tmp_path / "out"
    password = "hunter2-h23-pw"
    url = fake_endpoint.base_url.replace("http://", f"http://alice:{password}@")
    result = invoke([str(tmp_path / "in"), "--out", str(out), "--base-url", url, "--model", "m"])
    assert result.exit_code == 2
    assert "--base-url holds a user name or password" in result.output
    assert "pass the key with --api-key or OPENAI_API_KEY" in result.output
    assert password not in result.output and "alice" not in result.output
    assert fake_endpoint.requests == []
    for path in out.rglob("*") if out.exists() else []:
        if path.is_file():
            assert password.encode() not in path.read_bytes()


def test_choose_follows_the_documented_rules() -> None:
    assert choose(Requested(None, None, api_key=False, local=False)) == "local"
    assert choose(Requested(None, None, api_key=False, local=True)) == "local"
    assert choose(Requested("https://api.openai.com/v1", "m", True, False)) == "remote"
    assert choose(Requested("http://h:8000/v1", "m", True, True)) == "local"  # env base URL
    with pytest.raises(ConfigError, match="not an http"):
        choose(Requested("localhost:8000/v1", "m", False, False))
    with pytest.raises(ConfigError, match="no base URL"):
        choose(Requested("", "m", False, False))


# --- the cache does not depend on where the endpoint is ------------------------------------


def statuses(out: Path) -> dict[str, str]:
    data = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {a["id"]: a["status"] for a in data["articles"]}


def remote(endpoint_url: str, inputs: Path, out: Path, *args: str) -> Any:
    return invoke([str(inputs), "--out", str(out), "--base-url", endpoint_url, "-q", *args])


def test_the_same_server_by_another_name_pays_nothing_again(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    fake_endpoint.set_responder(answering)
    first = remote(fake_endpoint.base_url, inputs, out, "--model", "fake-model")
    assert first.exit_code == 0, first.output
    sent = len(fake_endpoint.chat_requests)
    assert sent == 3
    by_name = fake_endpoint.base_url.replace("127.0.0.1", "localhost")
    second = remote(by_name, inputs, out, "--model", "fake-model")
    assert second.exit_code == 0, second.output
    assert len(fake_endpoint.chat_requests) == sent
    assert set(statuses(out).values()) == {"unchanged"}
    # Another tree sharing the cache builds its documents from the answers already paid for.
    cache = out / ".extractor-cache.sqlite"
    third = remote(
        by_name, inputs, tmp_path / "out2", "--model", "fake-model", "--cache", str(cache)
    )
    assert third.exit_code == 0, third.output
    assert len(fake_endpoint.chat_requests) == sent


def test_answers_cached_under_the_old_key_are_found(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    config = EndpointConfig(base_url=fake_endpoint.base_url, model="fake-model", api_key="k")
    pipeline = PipelineSettings(prompt=Prompt("extract", "system", "user $article"))
    messages = [{"role": "system", "content": "s"}, {"role": "user", "content": "Some text."}]
    fake_endpoint.set_responder(lambda _: json_reply({"events": []}))
    legacy = keys.legacy_answer_base(config, pipeline)
    new = keys.answer_base(config, pipeline)
    assert new != legacy

    async def ask(base: str, legacy_base: str | None) -> CallResult:
        with Cache.open(tmp_path / "c.sqlite") as cache:
            client = CachingClient(
                config, cache, base, meter=Meter(), clock=lambda: 0.0, legacy_base=legacy_base
            )
            try:
                return await client.extract(messages)
            finally:
                await client.aclose()

    first = asyncio.run(ask(legacy, None))  # as 0.1.0 cached it
    assert len(fake_endpoint.chat_requests) == 1
    assert asyncio.run(ask(new, legacy)).extraction == first.extraction
    assert asyncio.run(ask(new, None)).extraction == first.extraction  # copied to the new key
    assert len(fake_endpoint.chat_requests) == 1


def test_retry_failed_with_another_model_keeps_the_intact_documents(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 5)

    def broken_for_a0003(request: Any) -> Any:
        if "Dispatch 0003" in json.dumps(request.body):
            return error(500, "down")
        return answering(request)

    fake_endpoint.set_responder(broken_for_a0003)
    first = remote(fake_endpoint.base_url, inputs, out, "--model", "m1", "--max-attempts", "1")
    assert first.exit_code == 1
    fake_endpoint.set_responder(answering)
    sent = len(fake_endpoint.chat_requests)
    second = remote(fake_endpoint.base_url, inputs, out, "--model", "m2", "--retry-failed")
    assert second.exit_code == 0, second.output
    assert per_article(fake_endpoint.chat_requests[sent:]) == {"a0003": 1}
    assert statuses(out) == {
        "a0000": "unchanged",
        "a0001": "unchanged",
        "a0002": "unchanged",
        "a0003": "added",
        "a0004": "unchanged",
    }
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["status"] == "complete"
    # A changed article is no failure of the last run: left, and the summary says why.
    (inputs / "a0001.txt").write_text("A changed text about the council meeting on Monday.\n")
    args = ["--base-url", fake_endpoint.base_url, "--model", "m2", "--retry-failed"]
    third = invoke([str(inputs), "--out", str(out), *args])
    assert third.exit_code == 1
    lines = said(third.output)
    assert (
        "--retry-failed: 1 skipped (not failures of the previous run, and new or changed since "
        "its document: run without --retry-failed to extract them): a0001"
    ) in lines[-3:]  # beside the summary
    assert "1 skipped" in lines[-1]


# --- an endpoint problem is one failure, with its real cause, and exit 3 --------------------


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def run_json(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return data


def test_a_closed_port_stops_the_run_at_once_as_refused(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 20)
    url = closed_port_url()
    started = time.monotonic()
    result = remote(url, inputs, out, "--model", "m", "--concurrency", "4")
    assert time.monotonic() - started < 10
    assert result.exit_code == 3
    cause = f"cannot connect to {url}: connection refused"
    assert result.output.count(cause) == 2  # the warning and the one failure line
    assert "Timeout" not in result.output and "timed out" not in result.output
    assert f"warning: {cause}; starting no new article (19 others left" in result.output
    data = run_json(out)
    assert data["status"] == "failed"
    [failure] = data["failures"]
    assert failure["error_class"] == "EndpointUnavailableError" and failure["message"] == cause
    assert data["counts"]["skipped"] == 19 and data["totals"]["model_calls"] == 0


def test_a_refused_key_costs_no_completion(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 10)
    fake_endpoint.models = error(401, "Incorrect API key provided")
    args = [str(inputs), "--out", str(out), "--base-url", fake_endpoint.base_url, "--model", "m"]
    result = invoke(args, {"OPENAI_API_KEY": SECRET})
    assert result.exit_code == 3
    assert f"{fake_endpoint.base_url} refused the API key (401: " in result.output
    assert "check --api-key or OPENAI_API_KEY" in result.output
    assert fake_endpoint.chat_requests == []  # the check was GET /models, free
    assert [r.path for r in fake_endpoint.requests] == ["/v1/models"]
    assert SECRET not in result.output
    assert run_json(out)["status"] == "failed" and len(run_json(out)["failures"]) == 1


def test_an_unknown_model_stops_at_its_first_answers(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 10)
    fake_endpoint.models = error(404, "not served here")  # the list is not served: not judged
    fake_endpoint.set_responder(lambda _: error(404, "The model `nope` does not exist"))
    result = remote(fake_endpoint.base_url, inputs, out, "--model", "nope", "--concurrency", "2")
    assert result.exit_code == 3
    assert "answered 404 for model nope" in result.output
    assert len(fake_endpoint.chat_requests) <= 2  # those in flight, then no new article
    data = run_json(out)
    assert data["status"] == "failed"
    assert len(data["failures"]) == 1 and data["counts"]["skipped"] == 9


def test_an_endpoint_that_goes_away_stops_the_run(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 12)
    gone = threading.Event()

    def close(server: Any) -> None:
        server.shutdown()
        server.server_close()

    def answer_then_vanish(request: Any) -> Any:
        if "Dispatch 0000" in json.dumps(request.body):
            return answering(request)
        if not gone.is_set():
            gone.set()
            server = fake_endpoint._server  # the port is closed from now on
            threading.Thread(target=close, args=(server,)).start()
        return Reply(drop=True)

    fake_endpoint.set_responder(answer_then_vanish)
    result = remote(fake_endpoint.base_url, inputs, out, "--model", "m", "--concurrency", "1")
    assert result.exit_code == 3
    assert f"cannot connect to {fake_endpoint.base_url}: connection refused" in result.output
    data = run_json(out)
    assert data["status"] == "partial"  # a0000 was done before
    assert [a["id"] for a in data["articles"] if a["status"] == "added"] == ["a0000"]
    # The article in flight spent its attempts; the next (rarely, by the jitter, the one
    # after) found the endpoint down: refused for DOWN_AFTER_S in a row.
    failures = data["failures"]
    assert len(failures) in (2, 3) and data["counts"]["skipped"] == 11 - len(failures)
    assert all(f["message"].endswith(": connection refused") for f in failures)
    assert failures[-1]["error_class"] == "EndpointUnavailableError"


def test_a_fully_cached_run_does_not_need_the_endpoint(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 3)
    fake_endpoint.set_responder(answering)
    assert remote(fake_endpoint.base_url, inputs, out, "--model", "m").exit_code == 0
    again = remote(closed_port_url(), inputs, out, "--model", "m")
    assert again.exit_code == 0, again.output
    assert run_json(out)["status"] == "complete"


def test_help_documents_the_choice_and_exit_3() -> None:
    result = CliRunner().invoke(cli, ["run", "--help"], terminal_width=200)
    text = " ".join(result.output.split())
    assert "3 the endpoint failed (refused key, unknown model, no connection" in text
    assert "The embedded local model runs only when no base URL, model or API key is" in text
    assert "USD per million (1M) prompt and completion tokens" in text


def _chained(*chain: BaseException) -> BaseException:
    """The first exception, caused by the second, caused by the third, ..."""
    for outer, inner in itertools.pairwise(chain):
        outer.__cause__ = inner
    return chain[0]


class ConnectTimeout(Exception):  # named as httpx names a failure to connect
    pass


def test_connection_problems_are_named_from_the_chain() -> None:
    refused = ConnectionRefusedError(111, "Connect call failed")
    assert connection_problem(_chained(RuntimeError("Request timed out."), refused)) == (
        "connection refused"
    )
    unknown = socket.gaierror(-2, "Name or service not known")
    assert connection_problem(_chained(RuntimeError("x"), OSError("y"), unknown)) == (
        "host not found"
    )
    assert connection_problem(_chained(RuntimeError("x"), ConnectTimeout())) == "cannot connect"
    assert connection_problem(_chained(RuntimeError("Request timed out."), TimeoutError())) is None


def test_auto_threads_are_resolved_once_and_a_number_is_kept(tmp_path: Path) -> None:
    auto = LocalOptions(None, tmp_path, None, 4096, 1)
    resolved = with_threads(auto)
    assert resolved.threads is not None and 1 <= resolved.threads <= 2
    given = LocalOptions(None, tmp_path, 3, 4096, 1)
    assert with_threads(given) is given


def test_auto_threads_at_a_priority_that_takes_cores_use_every_core(tmp_path: Path) -> None:
    from extractor.io.local_model import MAX_THREADS

    high = LocalOptions(None, tmp_path, None, 4096, 1, "medium")
    assert with_threads(high).threads == max(1, min(len(os.sched_getaffinity(0)), MAX_THREADS))
    given = LocalOptions(None, tmp_path, 1, 4096, 1, "high")
    assert with_threads(given) is given


def test_the_cli_offers_llama_cpp_priority_levels() -> None:
    from extractor.cli.run import MODEL_PRIORITIES
    from extractor.io.local_model import PRIORITIES

    assert tuple(MODEL_PRIORITIES) == PRIORITIES


@pytest.mark.parametrize(
    ("local", "given", "grace"),
    [(True, [], STOP_TIMEOUT_S), (False, [], 10.0), (True, ["--stop-grace", "3"], 3.0)],
)
def test_the_embedded_model_lets_its_articles_in_flight_finish_after_a_stop(
    embedded: list[LocalModelConfig],
    fake_endpoint: FakeEndpoint,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    local: bool,
    given: list[str],
    grace: float,
) -> None:
    # The embedded server finishes every request it has begun before it can stop, so by
    # default its articles get that whole wait and keep their answers; a remote one 10 s.
    import extractor.cli.run

    seen: list[RunSettings] = []

    async def run(*args: Any) -> int:
        seen.append(next(a for a in args if isinstance(a, RunSettings)))
        return 0

    monkeypatch.setattr(extractor.cli.run, "_run", run)
    write_articles(tmp_path / "in", 1)
    args = [str(tmp_path / "in"), "--out", str(tmp_path / "out"), *given]
    if not local:
        args += ["--base-url", fake_endpoint.base_url, "--model", "fake-model"]
    result = invoke(args, {} if local else {"OPENAI_API_KEY": SECRET})
    assert result.exit_code == 0, result.output
    assert [s.grace_s for s in seen] == [grace]
    assert [s.only_sent_after_stop for s in seen] == [local]  # its requests are not cancelled
    assert len(embedded) == (1 if local else 0)
