"""An in-process fake OpenAI-compatible endpoint: a real HTTP server on 127.0.0.1.

It answers ``POST /v1/chat/completions`` from a queue of canned replies (or from a
responder function) and ``GET /v1/models`` with ``models`` (a list naming ``fake-model`` by
default), and records every request, so tests run the real ``openai`` client. A router
(``set_router``) may answer other paths first (``tests/fake_batch.py``: a Batch API).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    drop: bool = False  # close the connection without answering
    # Never answer: the request is held until the endpoint closes, so the client's timeout
    # fires whatever the load (a late answer would race it).
    hold: bool = False
    # Answer only once this is set (by the test, when what must come first has happened).
    after: threading.Event | None = None


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
    model: str = "fake-model",
) -> Reply:
    """A chat completion reply carrying ``content``."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
    return Reply(body=json.dumps(body).encode(), headers={"Content-Type": "application/json"})


def json_reply(payload: Any, **kwargs: Any) -> Reply:
    """A completion whose content is ``payload`` serialised as JSON."""
    return completion(json.dumps(payload), **kwargs)


def error(status: int, message: str = "error", headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps({"error": {"message": message, "type": "fake", "code": status}}).encode()
    return Reply(
        status=status, body=body, headers={"Content-Type": "application/json", **(headers or {})}
    )


Responder = Callable[[Recorded], Reply]
# (method, path, headers, raw body) -> a reply, or None to answer as usual
Router = Callable[[str, str, dict[str, str], bytes], Reply | None]


class _Server(ThreadingHTTPServer):
    """A client that went away (a killed run, a cancelled request) is no error here. Its
    traceback is not printed: on Python 3.11 printing one runs ``ast.parse`` (to place the
    carets), which in a handler thread can break a test's own ``ast.parse`` running at the
    same moment ("AST constructor recursion depth mismatch")."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class FakeEndpoint:
    """Start with ``with FakeEndpoint() as ep``; queue replies with ``ep.queue(...)``."""

    def __init__(self, responder: Responder | None = None) -> None:
        self.requests: list[Recorded] = []
        self._queue: list[Reply] = []
        self._responder = responder
        self._router: Router | None = None
        self.models: Reply = Reply(
            body=json.dumps(
                {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def set_responder(self, responder: Responder) -> None:
        self._responder = responder

    def set_router(self, router: Router) -> None:
        self._router = router

    def _routed(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> Reply | None:
        if self._router is None:
            return None
        reply = self._router(method, path, headers, raw)
        if reply is not None:
            try:
                body = json.loads(raw) if raw and method == "POST" else {}
            except (ValueError, UnicodeDecodeError):
                body = {"_raw": raw.decode("utf-8", "replace")}
            with self._lock:
                self.requests.append(Recorded(path, headers, body))
        return reply

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _next(self, recorded: Recorded) -> Reply:
        with self._lock:
            self.requests.append(recorded)
            if self._queue:
                return self._queue.pop(0)
        if self._responder is not None:
            return self._responder(recorded)
        return error(500, "fake endpoint: no reply queued")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                routed = endpoint._routed("GET", self.path, headers, b"")
                recorded = Recorded(self.path, headers, {})
                if routed is None:
                    with endpoint._lock:
                        endpoint.requests.append(recorded)
                found = self.path.rstrip("/").endswith("/models")
                self._send(routed or (endpoint.models if found else error(404, "no such path")))

            def _send(self, reply: Reply) -> None:
                if reply.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                routed = endpoint._routed("POST", self.path, headers, raw)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                recorded = Recorded(self.path, headers, body)
                reply = routed or endpoint._next(recorded)
                if reply.after is not None:
                    reply.after.wait(60)  # a test whose event never comes fails, not hangs
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                if reply.hold:
                    endpoint._closing.wait()
                    reply = Reply(drop=True)  # the endpoint closes: the request ends unanswered
                self._send(reply)

        return Handler

    def __enter__(self) -> FakeEndpoint:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closing.set()  # held requests end, unanswered
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
