"""A provider's Batch API (OpenAI's, and those that copy it), through the ``openai`` client.

A request file (JSONL, one chat completion request a line) is uploaded (``files.create``),
made a batch (``batches.create``), watched (``batches.retrieve``) and, once it ended, its
output and error files are read (``files.content``). Errors come back as ``EndpointError``
(or ``EndpointUnavailableError`` for a refused key), never with the key in them.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from extractor.contract.endpoint import EndpointConfig
from extractor.errors import EndpointError, EndpointUnavailableError
from extractor.io.lazy import lazy_import
from extractor.io.llm import connection_problem, redact

if TYPE_CHECKING:
    import openai
else:
    openai = lazy_import("openai")

T = TypeVar("T")
ENDED = ("completed", "failed", "expired", "cancelled")  # a batch in these will not change
WINDOW: Literal["24h"] = "24h"  # the only window the Batch API offers


@dataclass(frozen=True)
class BatchState:
    batch_id: str
    status: str  # validating, in_progress, finalizing, completed, failed, expired, cancelling, ...
    output_file_id: str | None
    error_file_id: str | None
    total: int
    completed: int
    failed: int
    errors: str  # why the whole batch failed (status "failed"), else ""

    @property
    def ended(self) -> bool:
        return self.status in ENDED


class BatchAPI:
    """One provider's files and batches endpoints; ``await api.aclose()`` when done."""

    def __init__(self, config: EndpointConfig, *, http_client: Any = None) -> None:
        self.config = config
        self._client = openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=config.api_key,
            timeout=config.timeout_s,
            max_retries=config.max_attempts - 1,  # the client's own backoff: few calls here
            http_client=http_client,
        )

    async def aclose(self) -> None:
        await self._client.close()

    async def upload(self, data: bytes, name: str) -> str:
        """Upload a request file; its file id."""
        made = await self._call(
            self._client.files.create(file=(name, data, "application/jsonl"), purpose="batch")
        )
        return str(made.id)

    async def create(self, file_id: str) -> str:
        """Make the uploaded file a batch; its batch id."""
        made = await self._call(
            self._client.batches.create(
                input_file_id=file_id, endpoint="/v1/chat/completions", completion_window=WINDOW
            )
        )
        return str(made.id)

    async def find(self, file_id: str) -> str | None:
        """The batch already made of ``file_id`` (a run killed between upload and record)."""
        page = await self._call(self._client.batches.list(limit=100))
        for batch in page.data:
            if batch.input_file_id == file_id:
                return str(batch.id)
        return None

    async def retrieve(self, batch_id: str) -> BatchState:
        batch = await self._call(self._client.batches.retrieve(batch_id))
        counts = batch.request_counts
        errors = batch.errors.data if batch.errors is not None and batch.errors.data else []
        return BatchState(
            batch_id=batch_id,
            status=str(batch.status),
            output_file_id=batch.output_file_id,
            error_file_id=batch.error_file_id,
            total=counts.total if counts else 0,
            completed=counts.completed if counts else 0,
            failed=counts.failed if counts else 0,
            errors="; ".join(f"{e.code}: {e.message}" for e in errors),
        )

    async def content(self, file_id: str) -> bytes:
        response = await self._call(self._client.files.content(file_id))
        return bytes(response.content)

    async def _call(self, call: Awaitable[T]) -> T:
        where = self.config.public_endpoint
        try:
            return await call
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise EndpointUnavailableError(
                f"{where} refused the API key ({exc.status_code}): check --api-key or "
                "OPENAI_API_KEY",
                attempts=1,
                cause=exc,
            ) from exc
        except openai.APIConnectionError as exc:
            problem = connection_problem(exc) or "no answer"
            raise EndpointUnavailableError(
                f"cannot reach the Batch API of {where}: {problem}", attempts=1, cause=exc
            ) from exc
        except openai.APIStatusError as exc:
            text = redact(str(exc).splitlines()[0] if str(exc) else "", self.config.api_key)
            raise EndpointError(
                f"the Batch API of {where} answered {exc.status_code}: {text[:300]}",
                attempts=1,
                cause=exc,
            ) from exc
