"""Small probes of a local HTTP server: readiness, metrics, whether its port is open."""

from __future__ import annotations

import http.client
import re
import socket
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from extractor.errors import EndpointError

_METRIC = re.compile(r"^llamacpp:(\w+) ([0-9.eE+-]+)$", re.MULTILINE)


def wait_ready(
    base_url: str,
    timeout_s: float,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll ``GET /health`` until it answers 200; return the number of polls."""
    deadline = clock() + timeout_s
    attempts = 0
    while True:
        attempts += 1
        status, answer = _get_health(base_url)
        if status == 200:
            return attempts
        if clock() >= deadline:
            raise EndpointError(
                f"The local model server at {base_url} was not ready after {timeout_s:g} s "
                f"(last answer: {answer}); raise the ready timeout or run with llama.cpp's log "
                "on (verbosity 3) to see why.",
                attempts=attempts,
            )
        sleep(0.1)


def _get_health(base_url: str) -> tuple[int, str]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=5)
    try:
        connection.request("GET", "/health")
        response = connection.getresponse()
        body = response.read(200).decode("utf-8", "replace").strip()
        return response.status, f"{response.status} {body}"
    except OSError as exc:
        return 0, str(exc) or type(exc).__name__
    finally:
        connection.close()


def parse_metrics(text: str) -> dict[str, float]:
    """llama.cpp's Prometheus text as ``{name: value}``, names without the ``llamacpp:`` prefix."""
    return {name: float(value) for name, value in _METRIC.findall(text)}


def port_is_open(base_url: str, timeout_s: float = 1.0) -> bool:
    """Whether something accepts TCP connections at ``base_url``'s host and port."""
    parts = urlsplit(base_url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout_s):
            return True
    except OSError:
        return False
