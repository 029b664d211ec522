"""A stop request in the engine, in this process: what the articles in flight may still ask.

The embedded model finishes a request it has begun even when its client has gone, so its
runs stop with ``only_sent_after_stop``: the requests already sent are answered and stored,
and no new one goes out. Other endpoints let the articles in flight finish within the grace.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from extractor.article.pipeline import PipelineSettings
from extractor.article.prompt import default_prompts_dir, load_prompt
from extractor.contract.endpoint import EndpointConfig
from extractor.engine import RunResult, RunSettings, Stopper, run_batch
from extractor.io.inputs import load_inputs
from tests.engine_support import answering, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply

CHUNK_CHARS = 400  # every article takes several requests, one after the other


def slow(request: Recorded) -> Reply:
    reply = answering(request)
    reply.delay_s = 0.5
    return reply


def stop_after_first_requests(
    inputs: Path, out: Path, endpoint: FakeEndpoint, only_sent: bool
) -> RunResult:
    items = load_inputs([inputs])
    config = EndpointConfig(base_url=endpoint.base_url, model="m", api_key="k")
    pipeline = PipelineSettings(prompt=load_prompt(default_prompts_dir()), chunk_chars=CHUNK_CHARS)
    settings = RunSettings(out_dir=out, concurrency=2, grace_s=60, only_sent_after_stop=only_sent)

    async def go() -> RunResult:
        stopper = Stopper()
        run = asyncio.ensure_future(run_batch(items, config, pipeline, settings, stopper=stopper))
        while len(endpoint.chat_requests) < 2:
            assert not run.done()
            await asyncio.sleep(0.01)
        stopper.request("SIGTERM")
        return await run

    return asyncio.run(go())


def stored_answers(out: Path) -> int:
    with closing(sqlite3.connect(out / ".extractor-cache.sqlite")) as db:
        count: int = db.execute("SELECT count(*) FROM answers").fetchone()[0]
    return count


@pytest.mark.parametrize("only_sent", [True, False])
def test_a_stop_keeps_the_answers_asked_for_and_sends_no_new_request_only_if_told(
    tmp_path: Path, only_sent: bool
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 4)
    with FakeEndpoint(slow) as endpoint:
        result = stop_after_first_requests(inputs, out, endpoint, only_sent)
        sent = len(endpoint.chat_requests)
    statuses = [a.status for a in result.manifest.articles]
    assert result.manifest.status == "interrupted"
    if only_sent:
        # The two requests under way were answered and stored; nothing else was asked.
        assert sent == 2
        assert stored_answers(out) == 2
        assert statuses == ["skipped"] * 4
    else:
        # The two articles in flight went on asking until they were done.
        assert sent > 2
        assert stored_answers(out) == sent
        assert sorted(statuses) == ["added", "added", "skipped", "skipped"]
