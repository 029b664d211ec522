"""``extractor batch ray``: the exported requests through Ray Data, over HTTP.

Ray Data's own HTTP request processor (``ray.data.llm.HttpRequestProcessorConfig``; no vLLM
needed) posts each line's body to an OpenAI-compatible endpoint (a vLLM fleet, a provider);
Ray schedules the batches over its workers, locally or on a cluster. The answers are written
in the OpenAI batch output format, which ``extractor batch import`` reads.

Bodies and answers travel through Ray as JSON text, never as nested rows: Ray Data stores
rows as Arrow tables, whose struct columns give every object the keys of its siblings
(``{"type": "null"}`` would be sent as ``{"enum": null, "type": "null"}``, breaking the
strict schema). ``Verbatim`` is the HTTP session the processor is given: it posts the text
as it is, sends a batch's requests at once, and hands back the status and text.

Lines are independent: an error status is an error line; a request that still fails after
Ray's retries (a 429 or 503 each time, a lost connection) fails its batch of rows, which Ray
drops (``max_errored_blocks``) and this module writes as error lines, so the rest are kept.
Requires the ``ray`` extra: ``pip install 'extractor[ray]'``.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from extractor.errors import ConfigError
from extractor.io.output import write_atomic

BODY = "body"  # the one key of each processor payload: the request body as JSON text
CPUS = 0.25  # reserved by each actor and each task around it: the work is waiting on HTTP
LOST = "no answer: the request failed after Ray's retries, so did its batch (see Ray's log)"


@dataclass(frozen=True)
class RayOptions:
    base_url: str  # e.g. http://HOST:8000/v1
    api_key: str = ""  # sent as a bearer token when given; never logged
    address: str | None = None  # a Ray cluster ("auto", "ray://HOST:10001"); None: local
    concurrency: int = 1  # Ray actors sending requests
    batch_size: int = 16  # requests a batch: sent together, and lost together (see above)
    max_retries: int = 3  # per request, on 429, 408, 502, 503, 504 and lost connections


@dataclass(frozen=True)
class RayOutcome:
    requests: int
    answered: int  # status 200
    failed: int  # error lines: an error status, or lost with their batch


def read_requests(path: Path) -> list[dict[str, str]]:
    """The request lines of ``path`` as rows: ``custom_id`` and the body as JSON text."""
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                rows.append({"custom_id": str(record["custom_id"]), BODY: json.dumps(record[BODY])})
            except (ValueError, KeyError, TypeError) as exc:
                raise ConfigError(
                    f"{path}, line {number}: not a request line of 'extractor batch export' "
                    f"({exc.__class__.__name__})"
                ) from exc
    return rows


def run_requests(requests: Path, results: Path, options: RayOptions) -> RayOutcome:
    """Answer every line of ``requests`` with Ray Data; write ``results`` (all lines at once,
    in the order of the requests). Joins the running Ray, else ``options.address``'s, else
    starts one on this machine."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(
            "Ray is not installed: pip install 'extractor[ray]' (see the README, Batch mode)."
        ) from exc
    rows = read_requests(requests)
    if rows and not ray.is_initialized():
        ray.init(address=options.address, include_dashboard=False)
    answers = dict(_answers(ray, rows, options)) if rows else {}
    lines = [_line(row["custom_id"], answers.get(row["custom_id"])) for row in rows]
    write_atomic(results, "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    answered = sum(1 for x in lines if x["error"] is None and x["response"]["status_code"] == 200)
    return RayOutcome(len(rows), answered, len(rows) - answered)


def _answers(
    ray: Any, rows: list[dict[str, str]], options: RayOptions
) -> Iterator[tuple[str, tuple[int, str]]]:
    from ray.data.llm import HttpRequestProcessorConfig, HttpRequestStageConfig, build_processor

    headers = {"Authorization": f"Bearer {options.api_key}"} if options.api_key else {}
    config = HttpRequestProcessorConfig(
        url=options.base_url.rstrip("/") + "/chat/completions",
        headers=headers,
        concurrency=options.concurrency,
        batch_size=options.batch_size,
        max_retries=options.max_retries,
        session_factory=Verbatim,
        http_request_stage=HttpRequestStageConfig(num_cpus=CPUS),
    )
    processor = build_processor(
        config,
        preprocess=_payload,
        postprocess=_answer,
        preprocess_map_kwargs={"num_cpus": CPUS},
        postprocess_map_kwargs={"num_cpus": CPUS},
    )
    context = ray.data.DataContext.get_current()
    context.max_errored_blocks = -1  # a failed batch is dropped, not the whole run
    # One block a batch: a failure drops only its own batch.
    blocks = math.ceil(len(rows) / options.batch_size)
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    for row in processor(dataset).iter_rows():
        yield str(row["custom_id"]), (int(row["status"]), str(row["text"]))


def _payload(row: dict[str, Any]) -> dict[str, Any]:
    return {"custom_id": row["custom_id"], "payload": {BODY: row[BODY]}}


def _answer(row: dict[str, Any]) -> dict[str, Any]:
    answer = row["http_response"]
    return {"custom_id": row["custom_id"], "status": answer["status"], "text": answer["text"]}


def _line(custom_id: str, answer: tuple[int, str] | None) -> dict[str, Any]:
    """One line of the OpenAI batch output format."""
    line: dict[str, Any] = {"id": f"ray-{custom_id}", "custom_id": custom_id}
    if answer is None:
        return {**line, "response": None, "error": {"code": "ray_failed", "message": LOST}}
    status, text = answer
    try:
        body: Any = json.loads(text)
    except ValueError:
        body = {"error": {"message": text[:500]}}
    return {**line, "response": {"status_code": status, "body": body}, "error": None}


class Verbatim:
    """The HTTP session given to Ray's HTTP request stage (its ``session_factory``): posts a
    payload's ``body`` text unchanged, starts each request at once (a batch's requests are
    in flight together), and answers ``json()`` with the status and the text."""

    def __init__(self) -> None:
        import aiohttp

        self._session = aiohttp.ClientSession()

    async def __aenter__(self) -> Verbatim:
        await self._session.__aenter__()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self._session.__aexit__(kind, error, trace)

    def post(self, url: str, *, headers: dict[str, str], data: str) -> asyncio.Task[_Response]:
        body = json.loads(data)[BODY]
        return asyncio.ensure_future(self._post(url, headers, body))

    async def _post(self, url: str, headers: dict[str, str], body: str) -> _Response:
        async with self._session.post(url, headers=headers, data=body.encode()) as response:
            return _Response(response.status, response.reason or "", await response.text())


@dataclass(frozen=True)
class _Response:
    status: int
    reason: str
    text: str

    async def __aenter__(self) -> _Response:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def json(self) -> dict[str, Any]:
        return {"status": self.status, "text": self.text}
