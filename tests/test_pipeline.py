"""Chunking and the handling of truncated answers, through the real client and fake endpoint."""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
from pathlib import Path

import pytest

from extractor.article.pipeline import PipelineSettings, extract_article
from extractor.article.prompt import Prompt, default_prompts_dir, load_prompt
from extractor.contract.article import RawArticle
from extractor.contract.endpoint import EndpointConfig
from extractor.contract.models import ArticleDocument
from extractor.errors import TruncatedOutputError
from extractor.io.inputs import load_inputs
from extractor.io.llm import ModelClient
from tests.conftest import NetworkBlocked
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, completion, json_reply

ROOT = Path(__file__).resolve().parents[1]
ANSWER = json.loads((ROOT / "tests" / "data" / "answer_003.json").read_text(encoding="utf-8"))


def _article() -> RawArticle:
    [article] = load_inputs([ROOT / "seeds" / "003_4ce2d9851149de12.txt"])
    assert isinstance(article, RawArticle)
    return article


def _extract(
    endpoint: FakeEndpoint,
    chunk_chars: int,
    prompt: Prompt | None = None,
    response_format: str = "auto",
) -> ArticleDocument:
    settings = PipelineSettings(
        prompt=prompt or load_prompt(default_prompts_dir()), chunk_chars=chunk_chars
    )
    config = EndpointConfig(
        base_url=endpoint.base_url,
        model="m",
        api_key="k",
        response_format=response_format,  # type: ignore[arg-type]
    )

    async def go() -> ArticleDocument:
        client = ModelClient(config)
        try:
            return await extract_article(_article(), client, settings)
        finally:
            await client.aclose()

    return asyncio.run(go())


def _article_text(request: Recorded) -> str:
    content: str = request.body["messages"][-1]["content"]
    return content


def test_long_article_is_chunked_and_events_merged(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(ANSWER))
    doc = _extract(fake_endpoint, chunk_chars=1000)
    requests = fake_endpoint.chat_requests
    assert len(requests) >= 2
    assert doc.provenance.chunks == len(requests)
    # The same events reported for every chunk are stored once; the answer's plain statement
    # ("Putin expressed interest …", no date or place) is no event of its own.
    assert len(doc.events) == len(ANSWER["events"]) - 1
    assert "W008" in [w.code for w in doc.warnings]
    assert "W004" in [w.code for w in doc.warnings]


def test_each_request_bounds_its_events_by_the_chunk_length(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(ANSWER))
    _extract(fake_endpoint, chunk_chars=1000)
    for request in fake_endpoint.chat_requests:
        schema = request.body["response_format"]["json_schema"]["schema"]
        chunk = _article_text(request).split('"""\n', 1)[1].rsplit('\n"""', 1)[0]
        assert chunk and schema["properties"]["events"]["maxItems"] == max(12, len(chunk) // 100)


def test_truncated_answer_splits_the_article_further(fake_endpoint: FakeEndpoint) -> None:
    whole: list[str] = []

    def respond(request: Recorded) -> Reply:
        if not whole:
            whole.append(_article_text(request))
            return completion('{"events": [', finish_reason="length")
        return json_reply(ANSWER)

    fake_endpoint.set_responder(respond)
    doc = _extract(fake_endpoint, chunk_chars=12_000)
    later = [_article_text(r) for r in fake_endpoint.chat_requests[1:]]
    assert len(later) >= 2
    assert all(len(text) < len(whole[0]) for text in later)
    assert doc.provenance.chunks == len(later)
    assert doc.events


def test_truncation_of_a_small_chunk_fails_the_article(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.set_responder(lambda _: completion('{"events": [', finish_reason="length"))
    with pytest.raises(TruncatedOutputError):
        _extract(fake_endpoint, chunk_chars=12_000)


def test_the_network_guard_refuses_non_loopback_hosts() -> None:
    with socket.socket() as sock, pytest.raises(NetworkBlocked):
        sock.connect(("example.invalid", 443))


NUMBERED = Prompt("numbered", "Extract.", "Article:\n$sentences")


def _anchored_answer(sentence: int, trigger: str, tense: str = "present") -> dict[str, object]:
    event = {
        "sentence": sentence,
        "trigger": trigger,
        "description": "Mattis spoke in Brussels.",
        "actors": ["Jim Mattis"],
        "place": "Brussels",
        "when": None,
        "tense": tense,
    }
    return {"events": [event]}


def _extract_with(
    endpoint: FakeEndpoint, prompt: Prompt, chunk_chars: int = 12_000
) -> ArticleDocument:
    return _extract(endpoint, chunk_chars, prompt)


def _listed(request: Recorded) -> dict[int, str]:
    lines = _article_text(request).split("Article:\n", 1)[1].splitlines()
    return {int(n): s for n, s in (line[1:].split(": ", 1) for line in lines)}


def test_the_prompt_lists_the_articles_sentences_numbered(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(_anchored_answer(1, "x")))
    doc = _extract_with(fake_endpoint, NUMBERED)
    [request] = fake_endpoint.chat_requests
    listed = _listed(request)
    assert list(listed) == list(range(1, len(listed) + 1)) and len(listed) > 10
    # every sentence of the cleaned text, in order, each on one line
    at = 0
    for sentence in listed.values():
        at = " ".join(doc.text.split()).index(sentence, at)


def test_chunks_list_their_sentences_under_the_articles_numbers(
    fake_endpoint: FakeEndpoint,
) -> None:
    fake_endpoint.set_responder(lambda _: json_reply({"events": []}))
    _extract_with(fake_endpoint, NUMBERED, chunk_chars=1_000)
    requests = fake_endpoint.chat_requests
    assert len(requests) >= 2
    numbers = [list(_listed(r)) for r in requests]
    for first, second in itertools.pairwise(numbers):
        assert second[0] == first[-1]  # one sentence of overlap, numbered alike
    # the schema of each request allows only the sentences it lists
    for request, listed in zip(requests, numbers, strict=True):
        schema = request.body["response_format"]["json_schema"]["schema"]
        assert schema["$defs"]["ModelEvent"]["properties"]["sentence"]["enum"] == listed
        assert "statements" not in schema["$defs"]["ModelEvent"]["properties"]


def test_an_event_is_anchored_to_the_sentence_it_points_at(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.set_responder(lambda _: json_reply({"events": []}))
    _extract_with(fake_endpoint, NUMBERED)
    listed = _listed(fake_endpoint.chat_requests[0])
    number = next(n for n, s in listed.items() if " said " in s)
    fake_endpoint.set_responder(lambda _: json_reply(_anchored_answer(number, "said", "future")))
    doc = _extract_with(fake_endpoint, NUMBERED)
    [event] = [e for e in doc.events if e.sentences]
    # its sentence, after the headline that names its speaker ("Mattis: Russia Must …")
    headline, sentence = event.sentences
    assert headline.start == 0 and doc.text[: headline.end].startswith("Mattis: ")
    assert " ".join(sentence.text.split()) == listed[number]
    assert doc.text[sentence.start : sentence.end] == sentence.text
    trigger = event.trigger
    assert trigger is not None and trigger.grounded and trigger.span is not None
    assert sentence.start <= trigger.span.start < sentence.end
    assert event.tense == "past"  # "said": the verb's tense, not the model's "future"


def test_a_sentence_number_outside_the_article_anchors_nothing(
    fake_endpoint: FakeEndpoint,
) -> None:
    answer = _anchored_answer(999, "spoke")
    # JSON mode cannot hold the number to the list: the event stays, with no sentence
    fake_endpoint.set_responder(lambda _: json_reply(answer))
    doc = _extract(fake_endpoint, 12_000, NUMBERED, "json_object")
    assert doc.events and all(not e.sentences and e.trigger is None for e in doc.events)


def test_every_quoted_span_is_stored_with_the_speaker_the_text_gives(
    fake_endpoint: FakeEndpoint,
) -> None:
    fake_endpoint.set_responder(lambda _: json_reply({"events": []}))
    _extract_with(fake_endpoint, NUMBERED)
    listed = _listed(fake_endpoint.chat_requests[0])
    number = next(n for n, s in listed.items() if "Mattis" in s)
    fake_endpoint.set_responder(lambda _: json_reply(_anchored_answer(number, "said")))
    doc = _extract_with(fake_endpoint, NUMBERED)
    quotes = [q for e in doc.events for q in e.quotes] + doc.quotes  # held, then apart
    assert len(quotes) == 8 and all(q.grounded and q.kind == "direct" for q in quotes)
    assert all(doc.text[q.span.start : q.span.end] == q.text for q in quotes if q.span)
    assert all(not e.unverified_quotes for e in doc.events)


def test_the_embedded_models_port_is_not_in_the_document() -> None:
    """The embedded model listens on a new port each run; a document records 'local' so that
    the same answers make the same bytes."""
    from extractor.article.pipeline import provenance

    settings = PipelineSettings(prompt=load_prompt(default_prompts_dir(), "extract"))
    for port in (40001, 40002):
        local = EndpointConfig(
            base_url=f"http://127.0.0.1:{port}/v1", model="m", api_key="k", kind="local"
        )
        assert provenance(local, settings, [], 0.1).endpoint == "local"
    remote = EndpointConfig(base_url="http://10.0.0.7:8000/v1", model="m", api_key="k")
    assert provenance(remote, settings, [], 0.1).endpoint == "http://10.0.0.7:8000/v1"
