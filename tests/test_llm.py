from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from extractor.contract.endpoint import EndpointConfig, public_url
from extractor.contract.models import ModelExtraction
from extractor.contract.schemas import PLAIN, Shape
from extractor.errors import (
    EndpointError,
    OutputValidationError,
    RefusalError,
    TruncatedOutputError,
)
from extractor.io.llm import ModelClient
from tests.fake_endpoint import FakeEndpoint, Reply, completion, error, json_reply

ANSWER: dict[str, Any] = {
    "events": [
        {
            "description": "Putin accused Mattis of idle talk.",
            "actors": ["Putin", "Mattis"],
            "place": "Archangelsk",
            "when": "On Thursday",
            "tense": "past",
            "statements": [{"speaker": "Putin", "text": "idle talk", "kind": "direct"}],
        }
    ]
}
MESSAGES = [{"role": "system", "content": "sys"}, {"role": "user", "content": "article"}]


def _client(endpoint: FakeEndpoint, **overrides: Any) -> ModelClient:
    config = EndpointConfig(
        base_url=endpoint.base_url,
        model="test-model",
        api_key="sk-test-secret-123456",
        **overrides,
    )
    return ModelClient(config)


def _extract(client: ModelClient, shape: Shape = PLAIN) -> Any:
    async def go() -> Any:
        try:
            return await client.extract(MESSAGES, shape)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_request_carries_strict_schema_model_and_sampling(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(json_reply(ANSWER, prompt_tokens=321, completion_tokens=45))
    result = _extract(_client(fake_endpoint))
    assert result.extraction == ModelExtraction.model_validate(ANSWER)
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (321, 45)
    assert result.attempts == 1
    [request] = fake_endpoint.chat_requests
    body = request.body
    assert body["model"] == "test-model"
    assert body["temperature"] == 0.0
    assert body["seed"] == 0
    assert body["messages"] == MESSAGES
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["events"]
    assert request.headers["authorization"] == "Bearer sk-test-secret-123456"


def test_invalid_answer_is_reasked_with_the_errors(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(json_reply({"events": [{"description": "x"}]}), json_reply(ANSWER))
    result = _extract(_client(fake_endpoint))
    assert len(result.extraction.events) == 1
    assert result.attempts == 2
    second = fake_endpoint.chat_requests[1].body["messages"]
    assert second[2]["role"] == "assistant"
    assert second[3]["role"] == "user"
    assert "does not fit the required JSON schema" in second[3]["content"]
    assert "events.0.actors" in second[3]["content"]


def test_an_answer_leaves_out_only_the_slots_not_asked(fake_endpoint: FakeEndpoint) -> None:
    anchors = {"events": [{"sentence": 1, "trigger": "accused"}]}
    fake_endpoint.queue(json_reply(anchors))
    result = _extract(_client(fake_endpoint), Shape(answers="anchors"))
    assert result.attempts == 1
    assert result.extraction.events[0].model_fields_set == {"sentence", "trigger"}
    # asked for them (full or short answers), an answer without them is asked again
    no_when = {"events": [{"sentence": 1, "trigger": "accused", "actors": [], "place": None}]}
    fake_endpoint.queue(json_reply(no_when), json_reply(ANSWER))
    result = _extract(_client(fake_endpoint), Shape(answers="short"))
    assert result.attempts == 2
    assert (
        "events.0.when: Field required"
        in fake_endpoint.chat_requests[2].body["messages"][3]["content"]
    )


def test_answer_invalid_after_every_reask_fails_with_raw_output(
    fake_endpoint: FakeEndpoint,
) -> None:
    fake_endpoint.queue(*(completion("not json") for _ in range(3)))
    with pytest.raises(OutputValidationError) as info:
        _extract(_client(fake_endpoint, reasks=2))
    assert info.value.raw_output == "not json"
    assert info.value.attempts == 3


def test_429_honours_retry_after(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(error(429, "slow down", {"Retry-After": "0.6"}), json_reply(ANSWER))
    started = time.monotonic()
    result = _extract(_client(fake_endpoint))
    assert time.monotonic() - started >= 0.6
    assert result.attempts == 2


def test_500_is_retried(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(error(500), error(503), json_reply(ANSWER))
    result = _extract(_client(fake_endpoint))
    assert result.attempts == 3
    assert len(fake_endpoint.chat_requests) == 3


def test_timeout_is_retried(fake_endpoint: FakeEndpoint) -> None:
    # The first request is never answered (no late answer to race the timeout); the 1 s only
    # has to be longer than the second answer, which comes at once.
    fake_endpoint.queue(Reply(hold=True), json_reply(ANSWER))
    result = _extract(_client(fake_endpoint, timeout_s=1.0))
    assert result.attempts == 2
    assert len(fake_endpoint.chat_requests) == 2


def test_dropped_connection_is_retried(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(Reply(drop=True), json_reply(ANSWER))
    assert _extract(_client(fake_endpoint)).attempts == 2


def test_persistent_errors_give_up_with_a_clear_error(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(*(error(500, "boom") for _ in range(3)))
    with pytest.raises(EndpointError) as info:
        _extract(_client(fake_endpoint, max_attempts=3))
    assert info.value.attempts == 3
    assert "after 3 attempt(s)" in str(info.value)
    assert "InternalServerError" in str(info.value)


def test_truncated_answer_is_not_parsed(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(completion('{"events": [{"descr', finish_reason="length"))
    with pytest.raises(TruncatedOutputError, match="token limit"):
        _extract(_client(fake_endpoint))


def test_refusal_is_detected(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(completion(None, refusal="I can't help with that."))
    with pytest.raises(RefusalError, match="can't help"):
        _extract(_client(fake_endpoint))


def test_falls_back_to_json_mode_when_strict_schema_is_unsupported(
    fake_endpoint: FakeEndpoint,
) -> None:
    fake_endpoint.queue(error(400, "response_format json_schema is not supported"))
    fake_endpoint.queue(json_reply(ANSWER))
    result = _extract(_client(fake_endpoint))
    assert result.response_format == "json_object"
    second = fake_endpoint.chat_requests[1].body
    assert second["response_format"] == {"type": "json_object"}
    assert "JSON Schema" in second["messages"][0]["content"]


def test_no_fallback_when_strict_schema_is_required(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(error(400, "response_format json_schema is not supported"))
    with pytest.raises(EndpointError, match="rejected"):
        _extract(_client(fake_endpoint, response_format="json_schema"))


def test_key_never_appears_in_errors(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.queue(error(401, "Incorrect API key provided: sk-test-secret-123456"))
    with pytest.raises(EndpointError) as info:
        _extract(_client(fake_endpoint))
    assert "sk-test-secret-123456" not in str(info.value)
    assert "secret" not in repr(_client(fake_endpoint).config)


def test_public_url_drops_credentials_and_query() -> None:
    assert (
        public_url("https://user:pw@host.example:8443/v1/?key=abc#x")
        == "https://host.example:8443/v1"
    )


def test_answer_text_is_json() -> None:
    assert json.loads(json.dumps(ANSWER)) == ANSWER
