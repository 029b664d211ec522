"""Chunking and the handling of truncated answers, through the real client and fake endpoint."""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
from pathlib import Path

import pytest

from extractor.article.pipeline import PipelineSettings, extract_article, quote_list, split_text
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


def _extract(endpoint: FakeEndpoint, chunk_chars: int) -> ArticleDocument:
    settings = PipelineSettings(prompt=load_prompt(default_prompts_dir()), chunk_chars=chunk_chars)
    config = EndpointConfig(base_url=endpoint.base_url, model="m", api_key="k")

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


def test_split_text_keeps_every_line_and_overlaps() -> None:
    text = "\n".join(f"Line {i} " + "x" * 40 for i in range(50))
    chunks = split_text(text, 500)
    assert len(chunks) > 4
    assert all(len(c) <= 500 for c in chunks)
    for line in text.split("\n"):
        assert any(line in c for c in chunks)
    for first, second in itertools.pairwise(chunks):
        assert first.split("\n")[-1] == second.split("\n")[0]


def test_split_text_cuts_an_overlong_line_at_a_sentence_end() -> None:
    line = "This is one sentence. " * 100
    chunks = split_text(line.strip(), 1000)
    assert all(len(c) <= 1000 for c in chunks)
    assert all(c.rstrip().endswith(".") for c in chunks)


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


NUMBERED = Prompt("numbered", "Extract.", "Quotes:\n$quotes\nArticle:\n$article")


def _numbered_answer(statements: list[dict[str, str]]) -> dict[str, object]:
    event = {
        "description": "Mattis spoke in Brussels.",
        "actors": ["Jim Mattis"],
        "place": "Brussels",
        "when": None,
        "tense": "past",
        "statements": statements,
    }
    return {"events": [event]}


def _extract_with(endpoint: FakeEndpoint, prompt: Prompt) -> ArticleDocument:
    settings = PipelineSettings(prompt=prompt)
    config = EndpointConfig(base_url=endpoint.base_url, model="m", api_key="k")

    async def go() -> ArticleDocument:
        client = ModelClient(config)
        try:
            return await extract_article(_article(), client, settings)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_the_prompt_lists_the_articles_quotes_numbered(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(_numbered_answer([])))
    _extract_with(fake_endpoint, NUMBERED)
    [request] = fake_endpoint.chat_requests
    user = _article_text(request)
    listing = user.split("Article:")[0]
    assert "Q1: prove itself" in listing
    assert "Q8: I have confidence that we" in listing  # the seed's eighth quote
    assert "Q9:" not in listing


def test_the_schema_sent_allows_only_the_listed_quote_numbers(
    fake_endpoint: FakeEndpoint,
) -> None:
    fake_endpoint.set_responder(lambda _: json_reply(_numbered_answer([])))
    _extract_with(fake_endpoint, NUMBERED)
    [request] = fake_endpoint.chat_requests
    schema = request.body["response_format"]["json_schema"]["schema"]
    direct, indirect = schema["$defs"]["ModelStatement"]["anyOf"]
    assert direct["properties"]["text"]["enum"] == [f"Q{n}" for n in range(1, 9)]
    assert indirect["properties"]["kind"]["enum"] == ["indirect"]


def test_a_quote_named_by_number_is_stored_as_the_articles_words(
    fake_endpoint: FakeEndpoint,
) -> None:
    statements = [{"speaker": "Jim Mattis", "text": "Q2", "kind": "direct"}]
    fake_endpoint.set_responder(lambda _: json_reply(_numbered_answer(statements)))
    doc = _extract_with(fake_endpoint, NUMBERED)
    quotes = {q.text: q for e in doc.events for q in e.quotes}
    wanted = "live by international law just like"  # how the seed's second quote opens
    [text] = [t for t in quotes if t.startswith(wanted)]
    assert text.endswith("planet to do.")  # the whole quote, up to its closing mark
    assert quotes[text].speaker.text == "Jim Mattis" and quotes[text].grounded
    assert quotes[text].model_text is None  # the model gave the article's own words
    # every other quoted span of the article is stored too, none unverified
    assert len([q for q in quotes.values() if q.kind == "direct"]) == 8
    assert all(not e.unverified_quotes for e in doc.events)


def test_quote_list_says_none_without_quotes() -> None:
    assert quote_list("No quotation marks here.") == "(none)"


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
