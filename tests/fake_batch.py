"""A fake offline engine and a fake Batch API, answering with the fake endpoint's logic.

``answer_file`` is what vLLM's ``run_batch`` does to a request file: each line's body is
answered by a responder (the one a ``FakeEndpoint`` uses live) and written as an output line
in the OpenAI batch format. ``FakeBatchAPI`` serves the files and batches endpoints on a
``FakeEndpoint`` (a real HTTP server on 127.0.0.1): uploads, batches whose status moves one
step each time it is retrieved (validating, in_progress, finalizing, then completed, or as
told: expired, cancelled, failed; ``hold`` keeps them in_progress), output and error files,
lines told to fail, and a ``batches.create`` that fails.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, Responder, error

JSON = {"Content-Type": "application/json"}
STEPS = ("validating", "in_progress", "finalizing")
URL = "/v1/chat/completions"


def answer_line(request: dict[str, Any], responder: Responder, number: int) -> dict[str, Any]:
    """The output line for one request line, answered by ``responder``."""
    reply = responder(Recorded(request.get("url", URL), {}, request["body"]))
    body = json.loads(reply.body) if reply.body else None
    return {
        "id": f"batch_req_{number}",
        "custom_id": request["custom_id"],
        "response": {"status_code": reply.status, "request_id": f"req_{number}", "body": body},
        "error": None,
    }


def answer_file(requests: bytes, responder: Responder) -> bytes:
    """A fake ``run_batch``: the output file for the request file ``requests``."""
    lines = [json.loads(line) for line in requests.decode().splitlines() if line.strip()]
    return b"".join(
        json.dumps(answer_line(r, responder, n)).encode() + b"\n" for n, r in enumerate(lines)
    )


@dataclass
class FakeBatch:
    id: str
    input_file_id: str
    ending: str  # completed, expired, cancelled or failed
    step: int = 0  # retrievals so far
    output_file_id: str | None = None
    error_file_id: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.step < len(STEPS):
            return STEPS[self.step]
        return self.ending


class FakeBatchAPI:
    """Files and batches endpoints on ``endpoint``; ``answer`` answers each request line."""

    def __init__(self, endpoint: FakeEndpoint, answer: Responder) -> None:
        self.answer = answer
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, FakeBatch] = {}
        self.created: list[str] = []  # batch ids, in the order batches.create made them
        self.uploads: list[str] = []  # file ids of the request files uploaded
        self.endings: list[str] = []  # how the next batches end (then: completed)
        self.failing: Callable[[dict[str, Any]], bool] = lambda _: False  # lines that fail
        self.expire_after = 1  # an expired or cancelled batch answered this many lines
        self.hold = False  # batches stay in_progress while set
        self.refuse_creates = 0  # the next batches.create calls answer 500
        self._lock = threading.Lock()
        endpoint.set_router(self.route)

    def route(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> Reply | None:
        path = path.split("?")[0].rstrip("/")
        with self._lock:
            if method == "POST" and path.endswith("/files"):
                return self._upload(headers, raw)
            if method == "POST" and path.endswith("/batches"):
                return self._create(json.loads(raw))
            if method == "GET" and path.endswith("/batches"):
                data = [self._json(b) for b in self.batches.values()]
                return _reply({"object": "list", "data": data, "has_more": False})
            if method == "GET" and "/batches/" in path:
                return self._retrieve(path.rsplit("/", 1)[1])
            if method == "GET" and path.endswith("/content"):
                file_id = path.rsplit("/", 2)[1]
                if file_id not in self.files:
                    return error(404, "no such file")
                return Reply(body=self.files[file_id], headers={"Content-Type": "text/plain"})
        return None

    def _upload(self, headers: dict[str, str], raw: bytes) -> Reply:
        head = f"Content-Type: {headers['content-type']}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
        data, name = b"", "file"
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == "file":
                payload = part.get_payload(decode=True)
                data = payload if isinstance(payload, bytes) else b""
                name = part.get_filename() or name
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = data
        self.uploads.append(file_id)
        return _reply(
            {
                "id": file_id,
                "object": "file",
                "bytes": len(data),
                "created_at": 0,
                "filename": name,
                "purpose": "batch",
                "status": "processed",
            }
        )

    def _create(self, body: dict[str, Any]) -> Reply:
        if self.refuse_creates:
            self.refuse_creates -= 1
            return error(500, "batches are down")
        batch_id = f"batch_{len(self.batches) + 1}"
        ending = self.endings.pop(0) if self.endings else "completed"
        batch = FakeBatch(batch_id, body["input_file_id"], ending)
        self.batches[batch_id] = batch
        self.created.append(batch_id)
        return _reply(self._json(batch))

    def _retrieve(self, batch_id: str) -> Reply:
        batch = self.batches.get(batch_id)
        if batch is None:
            return error(404, "no such batch")
        if not (self.hold and batch.step == 1):
            batch.step += 1
        if batch.step == len(STEPS):
            self._finish(batch)
        return _reply(self._json(batch))

    def _finish(self, batch: FakeBatch) -> None:
        """Answer the batch's lines: as told, to the output file or the error file."""
        lines = [json.loads(x) for x in self.files[batch.input_file_id].decode().splitlines()]
        if batch.ending == "failed":
            batch.counts = {"total": len(lines), "completed": 0, "failed": 0}
            return
        out, bad = [], []
        for number, request in enumerate(lines):
            late = batch.ending in ("expired", "cancelled") and number >= self.expire_after
            if late:
                code = "batch_expired" if batch.ending == "expired" else "batch_cancelled"
                bad.append(
                    {
                        "id": f"batch_req_{number}",
                        "custom_id": request["custom_id"],
                        "response": None,
                        "error": {"code": code, "message": f"not run: {code}"},
                    }
                )
            elif self.failing(request):
                bad.append(answer_line(request, lambda _: error(500, "server error"), number))
            else:
                out.append(answer_line(request, self.answer, number))
        batch.output_file_id = self._store(out)
        batch.error_file_id = self._store(bad)
        batch.counts = {"total": len(lines), "completed": len(out), "failed": len(bad)}

    def _store(self, lines: list[dict[str, Any]]) -> str | None:
        if not lines:
            return None
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = b"".join(json.dumps(x).encode() + b"\n" for x in lines)
        return file_id

    def _json(self, batch: FakeBatch) -> dict[str, Any]:
        errors = None
        if batch.status == "failed":
            errors = {"object": "list", "data": [{"code": "invalid", "message": "bad file"}]}
        return {
            "id": batch.id,
            "object": "batch",
            "endpoint": URL,
            "input_file_id": batch.input_file_id,
            "completion_window": "24h",
            "created_at": 0,
            "status": batch.status,
            "output_file_id": batch.output_file_id,
            "error_file_id": batch.error_file_id,
            "errors": errors,
            "request_counts": batch.counts or {"total": 0, "completed": 0, "failed": 0},
        }


def _reply(payload: dict[str, Any]) -> Reply:
    return Reply(body=json.dumps(payload).encode(), headers=JSON)
