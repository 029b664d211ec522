"""The one module that talks to the model endpoint, through the ``openai`` client.

It sends the strict JSON schema, retries transient failures with tenacity (honouring
``Retry-After``), re-asks with the validation errors when the answer does not fit the schema,
and refuses to treat a truncated or refused answer as complete.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import random
import re
import socket
import time
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
)

from extractor.contract.endpoint import (
    CallResult,
    EndpointConfig,
)
from extractor.contract.models import ModelExtraction, Usage
from extractor.contract.schemas import (
    OMITS,
    PLAIN,
    Answers,
    Shape,
    answer_schema,
    request_schema,
)
from extractor.io.lazy import lazy_import

if TYPE_CHECKING:
    import openai
else:
    # ``import openai`` takes most of a second; a run answered from its cache never needs it.
    openai = lazy_import("openai")
from extractor.errors import (
    EndpointError,
    EndpointUnavailableError,
    MalformedResponseError,
    OutputValidationError,
    RefusalError,
    TruncatedOutputError,
)

CHECK_TIMEOUT_S = 30.0  # the endpoint check: one GET of /models
# Connection failures in a row (no answer between), over some seconds, mean the endpoint is
# down: a restart shorter than that is ridden through by the retries.
DOWN_AFTER = 8
DOWN_AFTER_S = 5.0


class RequestGate(Protocol):
    """Called around every HTTP request: shared budgets, back-off and accounting.

    ``tokens`` is the estimate ``acquire`` was given; ``usage`` is None when the request
    failed. ``extractor.engine.ratelimit.RateLimiter`` is the usual implementation underneath.
    """

    async def acquire(self, tokens: int) -> None: ...

    def done(
        self,
        tokens: int,
        usage: Usage | None,
        *,
        rate_limited: bool = False,
        retry_after: float | None = None,
    ) -> None: ...


def estimate_tokens(messages: list[dict[str, str]], max_tokens: int | None) -> int:
    """What a request may count against a tokens-per-minute budget: about four characters
    per prompt token, plus the answer limit (providers reserve ``max_tokens`` up front)."""
    chars = sum(len(m.get("content") or "") for m in messages)
    return chars // 4 + len(messages) * 4 + (max_tokens or 0)


def _is_transient(exc: BaseException) -> bool:
    return isinstance(
        exc,
        openai.RateLimitError
        | openai.InternalServerError
        | openai.APITimeoutError
        | openai.APIConnectionError
        | MalformedResponseError,
    ) or (isinstance(exc, openai.APIStatusError) and exc.status_code in (408, 409, 425))


def connection_problem(exc: BaseException) -> str | None:
    """Why a request could not connect ("connection refused", "host not found"), or None when
    it did connect. The ``openai`` client over aiohttp reports a refused connection as a
    timeout; the cause is in the exception's chain."""
    seen: BaseException | None = exc
    connect_phase = False
    for _ in range(12):
        if seen is None:
            break
        cause = getattr(seen, "os_error", None)
        for found in (seen, cause):
            if isinstance(found, ConnectionRefusedError):
                return "connection refused"
            if isinstance(found, socket.gaierror):
                return "host not found"
        connect_phase = connect_phase or type(seen).__name__ in ("ConnectTimeout", "ConnectError")
        seen = seen.__cause__ or seen.__context__
    return "cannot connect" if connect_phase else None


def _retry_after(exc: BaseException | None) -> float | None:
    if not isinstance(exc, openai.APIStatusError):
        return None
    value = exc.response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _wait(state: RetryCallState) -> float:
    """Retry-After when the server gives one, else exponential backoff with full jitter."""
    outcome = state.outcome
    hinted = _retry_after(outcome.exception() if outcome else None)
    if hinted is not None:
        return min(hinted, 120.0)
    return random.uniform(0, min(30.0, 0.5 * 2 ** (state.attempt_number - 1)))  # noqa: S311


def _schema_unsupported(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text or "schema" in text


@functools.cache  # one schema per shape of request; building one takes ~15 ms
def _response_format(
    kind: Literal["json_schema", "json_object"],
    shape: Shape = PLAIN,
) -> dict[str, Any]:
    if kind == "json_object":
        return {"type": "json_object"}
    schema = shape.schema()
    return {
        "type": "json_schema",
        "json_schema": {"name": "extraction", "strict": True, "schema": schema},
    }


def _json_mode_instructions(answers: Answers = "full") -> str:
    schema = json.dumps(
        answer_schema(answers=answers) if answers != "full" else request_schema(),
        separators=(",", ":"),
    )
    return f"Answer with one JSON object that validates against this JSON Schema:\n{schema}"


class ModelClient:
    """Async client for one endpoint. Use ``await client.extract(messages)``."""

    def __init__(
        self, config: EndpointConfig, *, http_client: Any = None, gate: RequestGate | None = None
    ) -> None:
        self.config = config
        self._gate = gate
        self._check: asyncio.Task[None] | None = None  # the endpoint check, once per client
        self._unreachable = 0  # connection failures in a row
        self._unreachable_since = 0.0  # when the first of them ended
        self._down: EndpointUnavailableError | None = None
        self._format: Literal["json_schema", "json_object"] = (
            "json_object" if config.response_format == "json_object" else "json_schema"
        )
        self._http_client = http_client
        self._made: openai.AsyncOpenAI | None = None  # made at the first request

    @property
    def _client(self) -> openai.AsyncOpenAI:
        if self._made is None:
            http = self._http_client
            self._made = openai.AsyncOpenAI(
                base_url=self.config.base_url,
                api_key=self.config.api_key,
                timeout=self.config.timeout_s,
                max_retries=0,  # tenacity retries, so the policy is ours and visible
                # openai's aiohttp transport: about 15% less CPU a request than its default
                # pool with 32 requests in flight (docs/BENCHMARKS.md, "Batch engine").
                http_client=http if http is not None else openai.DefaultAioHttpClient(),
            )
        return self._made

    async def aclose(self) -> None:
        if self._made is not None:
            await self._made.close()

    async def check(self) -> None:
        """Check the endpoint with one free request, ``GET /models``, before the first
        completion: a refused key or no connection raises ``EndpointUnavailableError``. A server
        that does not serve the list (404, 405, 501) or answers slowly is not judged here: its
        first completions are (see ``_create``)."""
        cfg = self.config
        if cfg.kind == "local":  # started by this run and seen ready: nothing to check
            return
        try:
            await self._client.models.list(timeout=min(cfg.timeout_s, CHECK_TIMEOUT_S))
        except openai.APIStatusError as exc:
            if exc.status_code in (401, 403):
                raise self._unavailable(exc, 0) from exc
        except openai.APIConnectionError as exc:
            if connection_problem(exc) is not None:
                raise self._unavailable(exc, 0) from exc
        except (ValueError, TypeError):  # a body that is not the list: not judged here
            return

    def _unavailable(self, exc: BaseException, attempts: int) -> EndpointUnavailableError:
        """The endpoint is failing, not the article: the real cause, once."""
        where = self.config.public_endpoint
        problem = connection_problem(exc)
        if problem is not None:
            message = f"cannot connect to {where}: {problem}"
        elif isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            message = (
                f"{where} refused the API key ({exc.status_code}: "
                f"{_message(exc, self.config.api_key)}): check --api-key or OPENAI_API_KEY"
            )
        elif isinstance(exc, openai.NotFoundError):
            message = (
                f"{where} answered 404 for model {self.config.model} "
                f"({_message(exc, self.config.api_key)}): check --model and --base-url"
            )
        else:
            message = f"{where} failed: {type(exc).__name__}: {_message(exc, self.config.api_key)}"
        return EndpointUnavailableError(message, attempts=attempts, cause=exc)

    async def _checked(self) -> None:
        """Wait for the endpoint check, made once for all requests; fail fast once down."""
        if self._check is None:
            self._check = asyncio.ensure_future(self.check())
        if self._down is None:
            try:
                await asyncio.shield(self._check)
            except EndpointUnavailableError as exc:
                self._down = exc
        if self._down is not None:  # a fresh error for each request: same message and cause
            raise EndpointUnavailableError(str(self._down), attempts=0, cause=self._down.cause)

    async def _create(self, messages: list[dict[str, str]], fmt: dict[str, Any]) -> tuple[Any, int]:
        """One completion with transient errors retried; returns (response, requests made)."""
        cfg = self.config
        attempts = 0
        retrying = AsyncRetrying(
            retry=retry_if_exception(_is_transient),
            wait=_wait,
            stop=stop_after_attempt(cfg.max_attempts) | stop_after_delay(cfg.max_retry_s),
            reraise=True,
        )
        estimate = estimate_tokens(messages, cfg.max_tokens)
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    response = await self._send(messages, fmt, estimate)
        except (
            openai.AuthenticationError,
            openai.PermissionDeniedError,
            openai.NotFoundError,
        ) as exc:  # the endpoint's fault, not the article's: no other request can succeed
            self._down = self._unavailable(exc, attempts)
            raise self._down from exc
        except openai.BadRequestError as exc:
            auto = self._format == "json_schema" and cfg.response_format == "auto"
            if auto and _schema_unsupported(exc):
                raise _SchemaUnsupportedError(attempts) from exc
            raise EndpointError(
                f"endpoint rejected the request: {_message(exc, cfg.api_key)}",
                attempts=attempts,
                cause=exc,
            ) from exc
        except (openai.OpenAIError, MalformedResponseError) as exc:
            if self._down is not None:
                raise self._unavailable(exc, attempts) from exc
            problem = connection_problem(exc)
            if problem is not None:
                raise EndpointError(
                    f"endpoint failed after {attempts} attempt(s): cannot connect to "
                    f"{cfg.public_endpoint}: {problem}",
                    attempts=attempts,
                    cause=exc,
                ) from exc
            raise EndpointError(
                f"endpoint failed after {attempts} attempt(s): {type(exc).__name__}: "
                f"{_message(exc, cfg.api_key)}",
                attempts=attempts,
                cause=exc,
            ) from exc
        return response, attempts

    async def _send(
        self, messages: list[dict[str, str]], fmt: dict[str, Any], estimate: int
    ) -> Any:
        """One HTTP request, through the gate when there is one."""
        cfg, gate = self.config, self._gate
        await self._checked()
        if gate is not None:
            await gate.acquire(estimate)
        try:
            try:
                body = request_body(cfg, messages, fmt)
                response = await self._client.chat.completions.create(
                    model=cfg.model,
                    messages=[],  # replaced by extra_body's, in the same place in the body
                    # Sent as is: the typed parameters would have the client walk the whole
                    # schema (a third of its CPU time per request) and every message (a
                    # fifth) on every request. The JSON sent is the same.
                    extra_body={k: v for k, v in body.items() if k != "model"},
                )
            except (ValueError, TypeError) as exc:  # a body that is not JSON, or not an object
                raise MalformedResponseError(f"malformed response body ({exc})") from exc
            choices = getattr(response, "choices", None)
            if not choices or getattr(choices[0], "message", None) is None:
                raise MalformedResponseError("malformed response body (no choices)")
        except openai.RateLimitError as exc:
            self._unreachable = 0
            if gate is not None:
                gate.done(estimate, None, rate_limited=True, retry_after=_retry_after(exc))
            raise
        except BaseException as exc:
            if gate is not None:
                gate.done(estimate, None)
            self._count_unreachable(exc)
            raise
        self._unreachable = 0
        if gate is not None:
            gate.done(estimate, _add_usage(Usage(), response))
        return response

    def _count_unreachable(self, exc: BaseException) -> None:
        """Connection failures in a row, any answer between resets: after ``DOWN_AFTER`` of
        them over ``DOWN_AFTER_S`` the endpoint is down, and no request is sent or retried."""
        if connection_problem(exc) is None:
            if isinstance(exc, openai.APIStatusError | MalformedResponseError):
                self._unreachable = 0  # the server answered
            return
        now = time.monotonic()
        if self._unreachable == 0:
            self._unreachable_since = now
        self._unreachable += 1
        lasting = now - self._unreachable_since >= DOWN_AFTER_S
        if self._unreachable >= DOWN_AFTER and lasting and self._down is None:
            self._down = self._unavailable(exc, 0)

    async def extract(self, messages: list[dict[str, str]], shape: Shape = PLAIN) -> CallResult:
        """Ask for a ``ModelExtraction``; re-ask with the errors when the answer is invalid.

        ``shape``: the numbers of the sentences the messages list as S<n> (an event's sentence
        is then held to them by the schema; JSON mode cannot hold it), the most events the
        schema lets the answer list (``schemas.max_events``), and the fields asked."""
        try:
            return await self._extract(messages, shape)
        except _SchemaUnsupportedError as exc:
            rejected = exc.attempts
        self._format = "json_object"  # this server lacks strict json_schema: JSON mode from now
        result = await self._extract(messages, shape)
        result.attempts += rejected
        return result

    async def _extract(self, messages: list[dict[str, str]], shape: Shape) -> CallResult:
        convo = list(messages)
        if self._format == "json_object":
            convo = _with_json_instructions(convo, shape.answers)
        usage = Usage()
        attempts = 0
        raw = ""
        errors: list[str] = []
        for _ in range(self.config.reasks + 1):
            response, made = await self._create(convo, _response_format(self._format, shape))
            attempts += made
            usage = _add_usage(usage, response)
            raw = answer_text(response, self.config)
            try:
                extraction = ModelExtraction.model_validate_json(raw)
            except ValidationError as exc:
                errors = [*_unanswered(_events_of(raw), shape), *_problems(exc)][:10]
            else:
                errors = _unanswered([e.model_fields_set for e in extraction.events], shape)
            if errors:
                convo = [*convo, {"role": "assistant", "content": raw}, _reask(errors)]
                continue
            return CallResult(extraction, usage, attempts, self._format)
        raise OutputValidationError(
            f"the answer did not fit the schema after {self.config.reasks + 1} tries",
            raw_output=redact(raw, self.config.api_key),
            attempts=attempts,
            errors=tuple(redact(e, self.config.api_key) for e in errors),
        )


def request_body(
    config: EndpointConfig, messages: list[dict[str, str]], fmt: dict[str, Any]
) -> dict[str, Any]:
    """The JSON body of one chat completion request, as sent live and as written for a batch."""
    return {
        "model": config.model,
        "messages": messages,
        "temperature": config.temperature,
        "seed": config.seed,
        "max_tokens": config.max_tokens,
        "response_format": fmt,
    }


def chat_body(
    config: EndpointConfig,
    messages: list[dict[str, str]],
    shape: Shape = PLAIN,
) -> dict[str, Any]:
    """The body ``ModelClient.extract`` first sends for ``messages``, for a batch file: strict
    ``json_schema`` (``auto`` cannot fall back inside a batch), or JSON mode when forced."""
    kind: Literal["json_schema", "json_object"] = (
        "json_object" if config.response_format == "json_object" else "json_schema"
    )
    convo = _with_json_instructions(messages, shape.answers) if kind == "json_object" else messages
    return request_body(config, list(convo), _response_format(kind, shape))


def answer_text(response: Any, config: EndpointConfig) -> str:
    """The text of a chat completion's answer; a refusal or a cut-off answer raises."""
    choice = response.choices[0]
    refusal = getattr(choice.message, "refusal", None)
    if refusal:
        raise RefusalError(f"the model refused: {refusal}")
    if choice.finish_reason == "length":
        raise TruncatedOutputError(
            f"the answer hit the token limit ({config.max_tokens}) and is incomplete"
        )
    return str(choice.message.content or "")


def read_answer(body: Any, config: EndpointConfig) -> CallResult:
    """A chat completion body received another way (a batch's output line) as the result of
    one request: refusals, cut-off answers and answers that do not fit the schema raise, as
    they do live (``RefusalError``, ``TruncatedOutputError``, ``OutputValidationError``)."""
    try:
        response = openai.types.chat.ChatCompletion.model_validate(body)
        if not response.choices:
            raise ValueError("no choices")
    except (ValidationError, ValueError) as exc:
        raise MalformedResponseError(f"malformed response body ({_first_line(exc)})") from exc
    raw = answer_text(response, config)
    try:
        extraction = ModelExtraction.model_validate_json(raw)
    except ValidationError as exc:
        raise OutputValidationError(
            "the answer did not fit the schema",
            raw_output=redact(raw, config.api_key),
            attempts=1,
            errors=tuple(redact(e, config.api_key) for e in _problems(exc)),
        ) from exc
    kind: Literal["json_schema", "json_object"] = (
        "json_object" if config.response_format == "json_object" else "json_schema"
    )
    return CallResult(extraction, _add_usage(Usage(), response), 1, kind)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


class _SchemaUnsupportedError(Exception):
    def __init__(self, attempts: int) -> None:
        super().__init__("strict json_schema unsupported")
        self.attempts = attempts


def _with_json_instructions(
    convo: list[dict[str, str]], answers: Answers = "full"
) -> list[dict[str, str]]:
    first = convo[0]
    told = first["content"] + "\n\n" + _json_mode_instructions(answers)
    return [{**first, "content": told}, *convo[1:]]


# An event's slots, required when asked: the model's answer leaves none out (``OMITS`` says
# which are not asked; then the parse of the event's sentence gives them).
_SLOTS = ("actors", "place", "when")


def _unanswered(events: Sequence[Collection[str]], shape: Shape) -> list[str]:
    """``events.0.actors: Field required`` for each slot asked that an event leaves out
    (``events``: the fields each event of the answer gives), the first ten."""
    asked = [name for name in _SLOTS if name not in OMITS[shape.answers]]
    missing = (
        f"events.{i}.{name}: Field required"
        for i, given in enumerate(events)
        for name in asked
        if name not in given
    )
    return list(itertools.islice(missing, 10))


def _events_of(raw: str) -> list[dict[str, Any]]:
    """The events of an answer that did not validate, as far as its JSON gives them."""
    try:
        answer = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    events = answer.get("events") if isinstance(answer, dict) else None
    return [e for e in events if isinstance(e, dict)] if isinstance(events, list) else []


def _problems(exc: ValidationError) -> list[str]:
    """The first ten validation errors, ``events.0.actors: Field required``."""
    return [
        f"{'.'.join(str(p) for p in err['loc']) or 'answer'}: {err['msg']}"
        for err in exc.errors()[:10]
    ]


def _reask(errors: list[str]) -> dict[str, str]:
    problems = "; ".join(errors)
    return {
        "role": "user",
        "content": f"Your answer does not fit the required JSON schema ({problems}). "
        "Answer again with corrected JSON only.",
    }


def _add_usage(total: Usage, response: Any) -> Usage:
    used = getattr(response, "usage", None)
    if used is None:
        return total
    return Usage(
        prompt_tokens=total.prompt_tokens + (used.prompt_tokens or 0),
        completion_tokens=total.completion_tokens + (used.completion_tokens or 0),
    )


_KEYLIKE = re.compile(r"\b(sk-|key-|Bearer\s+)[A-Za-z0-9_\-*.]{4,}")


def redact(text: str, secret: str = "") -> str:
    """``text`` with the key and anything that looks like a key blanked."""
    if secret:
        text = text.replace(secret, "***")
    return _KEYLIKE.sub(r"\1***", text)


def _message(exc: BaseException, secret: str = "") -> str:
    """An error's message, short, with the key and anything that looks like a key blanked."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return redact(text, secret)[:300]
