"""The pipeline's pure stages in worker processes: the protocol, the pool, and the engine with
a pool writing what it writes without one."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import os
import pickle
import struct
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from extractor.article.pipeline import PipelineSettings, prepare
from extractor.article.prompt import default_prompts_dir, load_prompt
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import EndpointConfig
from extractor.engine import RunResult, RunSettings, link_run, run_batch, story_state
from extractor.engine import batch as batch_module
from extractor.engine.files import write_document
from extractor.engine.stages import StagePool, answer_calls
from extractor.errors import InputError
from extractor.io.inputs import load_inputs
from tests.engine_support import answering, documents, user_text, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply

_HEADER = struct.Struct("!I")
ROOT = Path(__file__).resolve().parents[1]


def _article(text: str) -> RawArticle:
    [seed] = load_inputs([ROOT / "seeds" / "003_4ce2d9851149de12.txt"])
    assert isinstance(seed, RawArticle)
    return dataclasses.replace(seed, text=text)


def _calls(*calls: tuple[Any, tuple[Any, ...]]) -> io.BytesIO:
    stream = io.BytesIO()
    for call in calls:
        data = pickle.dumps(call)
        stream.write(_HEADER.pack(len(data)) + data)
    stream.seek(0)
    return stream


def _answers(stream: io.BytesIO) -> list[tuple[bool, Any]]:
    data = stream.getvalue()
    assert data[:1] == b"!"
    answers, pos = [], 1
    while pos < len(data):
        (size,) = _HEADER.unpack_from(data, pos)
        answers.append(pickle.loads(data[pos + 4 : pos + 4 + size]))
        pos += 4 + size
    return answers


def test_a_worker_answers_in_order_and_sends_errors_back() -> None:
    answers = io.BytesIO()
    answer_calls(_calls((len, ("abc",)), (int, ("x",)), (prepare, (_article("***"),))), answers)
    ok, value = _answers(answers)[0]
    assert (ok, value) == (True, 3)
    ok, error = _answers(answers)[1]
    assert not ok and isinstance(error, ValueError) and "'x'" in str(error)
    # InputError does not survive pickling: the worker says so and the pool raises it here.
    assert _answers(answers)[2] == (False, None)


def test_pool_runs_stages_in_a_worker_and_here_otherwise() -> None:
    article = _article("A title\nThe council met on Monday to discuss the budget.\n")

    async def go() -> None:
        pool = StagePool(1)
        assert await pool.run(os.getpid) == os.getpid()  # not started: here
        pool.start()
        await pool.wait_ready()
        assert pool.ready
        assert await pool.run(os.getpid) != os.getpid()
        assert await pool.run(prepare, article) == prepare(article)
        with pytest.raises(ValueError, match="'x'"):
            await pool.run(int, "x")
        with pytest.raises(InputError, match="no article text left"):
            await pool.run(prepare, _article("***"))
        pool._workers[0].process.kill()  # a worker that dies: its calls run here
        await pool._workers[0].process.wait()
        assert await pool.run(os.getpid) == os.getpid()
        await pool.aclose()

    asyncio.run(go())


def _run(inputs: Path, out: Path, endpoint: FakeEndpoint, **kwargs: Any) -> RunResult:
    items = load_inputs([inputs])
    config = EndpointConfig(base_url=endpoint.base_url, model="m", api_key="k")
    pipeline = PipelineSettings(prompt=load_prompt(default_prompts_dir()))

    async def go() -> RunResult:
        stages = kwargs.pop("stages", None)
        if stages is not None:
            stages.start()
            await stages.wait_ready()
        settings = RunSettings(out_dir=out, **{"concurrency": 4, **kwargs})
        result = await run_batch(items, config, pipeline, settings, stages=stages)
        if stages is not None:
            await stages.aclose()
        assert result.manifest.status == "complete"
        return result

    return asyncio.run(go())


def _without_durations(out: Path) -> dict[str, Any]:
    docs = documents(out)
    for doc in docs.values():
        doc["provenance"]["duration_s"] = 0
    return docs


def test_documents_made_with_worker_processes_are_the_same(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    fake_endpoint.set_responder(answering)
    write_articles(tmp_path / "in", 6)
    _run(tmp_path / "in", tmp_path / "here", fake_endpoint)
    _run(tmp_path / "in", tmp_path / "pooled", fake_endpoint, stages=StagePool(1))
    here, pooled = _without_durations(tmp_path / "here"), _without_durations(tmp_path / "pooled")
    assert len(here) == 6 and pooled == here
    events = "events.jsonl"
    assert (tmp_path / "pooled" / events).read_bytes() == (tmp_path / "here" / events).read_bytes()


def test_processes_setting_starts_and_closes_a_pool(
    fake_endpoint: FakeEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[Any] = []

    class Counted(StagePool):
        def start(self) -> None:
            pools.append(self)
            super().start()

    monkeypatch.setattr(batch_module, "StagePool", Counted)
    monkeypatch.setattr(batch_module, "POOL_MIN_ARTICLES", 3)
    fake_endpoint.set_responder(answering)
    write_articles(tmp_path / "few", 2)
    _run(tmp_path / "few", tmp_path / "out-few", fake_endpoint, processes=1)
    assert pools == []  # fewer articles than POOL_MIN_ARTICLES: no worker process
    write_articles(tmp_path / "in", 3)
    _run(tmp_path / "in", tmp_path / "out", fake_endpoint, processes=1)
    [pool] = pools
    assert pool.processes == 1 and not pool.ready  # closed at the end of the run
    assert len(documents(tmp_path / "out")) == 3


def _pause(label: str) -> str:
    time.sleep(0.02)
    return label


def test_a_call_made_first_goes_before_the_calls_waiting_for_a_worker() -> None:
    order: list[str] = []

    async def call(made: Any, label: str) -> None:
        order.append(await made(_pause, label))

    async def go() -> None:
        pool = StagePool(1)
        pool.start()
        await pool.wait_ready()
        waiting = [asyncio.create_task(call(pool.run, f"run {n}")) for n in range(12)]
        await asyncio.sleep(0)  # all twelve handed to the pool: DEPTH in the worker, the rest here
        await call(pool.first, "first")
        await asyncio.gather(*waiting)
        await pool.aclose()

    asyncio.run(go())
    assert order.index("first") == StagePool.DEPTH  # behind only the calls the worker held
    assert [o for o in order if o != "first"] == [f"run {n}" for n in range(12)]


def test_the_link_uses_the_facts_the_workers_made_and_finds_the_same_stories(
    fake_endpoint: FakeEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_endpoint.set_responder(answering)
    write_articles(tmp_path / "in", 6)
    out = tmp_path / "pooled"
    result = _run(tmp_path / "in", out, fake_endpoint, stages=StagePool(1))
    assert sorted(result.facts) == sorted(documents(out))
    link_run(out, tmp_path / "read.sqlite")  # from the documents
    from_documents = (out / "stories.jsonl").read_bytes()
    (out / "stories.jsonl").unlink()

    def not_read(*_: Any) -> Any:
        raise AssertionError("a document was read again for its facts")

    with monkeypatch.context() as patch:
        patch.setattr(story_state, "document_facts", not_read)
        link_run(out, tmp_path / "known.sqlite", known=result.facts)
    assert (out / "stories.jsonl").read_bytes() == from_documents

    # A document changed since the run: its own facts, not the run's.
    changed = out / "articles" / f"{sorted(result.facts)[0]}.json"
    document = json.loads(changed.read_text(encoding="utf-8"))
    document["events"] = []
    changed.write_text(json.dumps(document), encoding="utf-8")
    linked = link_run(out, tmp_path / "changed.sqlite", known=result.facts)
    events = sum(len(facts) for _, facts in result.facts.values())
    assert linked.events == events - len(result.facts[document["id"]][1]) < events


def test_the_next_article_asks_while_the_last_one_is_still_written(
    fake_endpoint: FakeEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second_asked = threading.Event()
    asked: list[str] = []

    def respond(request: Recorded) -> Reply:
        asked.append(user_text(request))
        if len(asked) == 2:
            second_asked.set()
        return answering(request)

    written: list[bool] = []

    def slow_write(out: Path, stored: Any) -> None:
        if not written:  # the first document waits for the second article's request
            written.append(second_asked.wait(timeout=30))
        write_document(out, stored)

    monkeypatch.setattr(batch_module, "write_document", slow_write)
    fake_endpoint.set_responder(respond)
    write_articles(tmp_path / "in", 3)
    _run(tmp_path / "in", tmp_path / "out", fake_endpoint, concurrency=1, stages=StagePool(1))
    assert written == [True] and len(asked) == 3
    assert len(documents(tmp_path / "out")) == 3
