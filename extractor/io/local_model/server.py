"""llama.cpp's server (xllamacpp) inside this process, on 127.0.0.1, for the length of a block.

Stopping it safely takes care (xllamacpp 2026.10.11549, read and tried):
- Dropping the last reference to ``xllamacpp.Server`` terminates its task loop, then joins its
  HTTP workers while holding the GIL. A worker still serving a request waits for a result that
  can no longer come, and the whole process freezes. So the server is destroyed only once no
  request is in flight. (One left running at exit may crash the process as it ends: about one
  exit in three, tried; so it is left only when waiting is refused or runs out.)
- A terminate that arrives before the task loop has started is lost and the join never returns,
  so the loop is confirmed running (a metrics request answered) before anything else, and
  Ctrl-C during the load (which holds the GIL for seconds) is held back until then.
"""

from __future__ import annotations

import ctypes
import logging
import os
import secrets
import signal
import threading
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractor.errors import ConfigError, EndpointError, ModelFileError
from extractor.io.local_model.config import LocalEndpoint, LocalModelConfig
from extractor.io.local_model.files import (
    DEFAULT_MODEL,
    ModelFile,
    check_model_file,
    ensure_model_file,
    verify_model_file,
)
from extractor.io.local_model.health import parse_metrics, wait_ready
from extractor.io.local_model.priority import GGML_LEVEL, check_allowed
from extractor.io.local_model.spin import SPIN_COUNT, libgomp_loaded, set_spin_count

LOOPBACK = "127.0.0.1"
logger = logging.getLogger(__name__)


@dataclass
class Running:
    """A started ``xllamacpp.Server`` and where it listens (``server`` None once released)."""

    server: Any
    base_url: str
    loop_confirmed: bool = False


@contextmanager
def serve(
    config: LocalModelConfig, *, search_path: Sequence[str] | None = None
) -> Iterator[LocalEndpoint]:
    """Start the local model, wait until it is ready, yield its endpoint, stop it on exit.

    Call it from the main thread, so that Ctrl-C still raises ``KeyboardInterrupt``. However the
    block ends, the server first lets requests in flight finish (up to ``stop_timeout_s``;
    llama.cpp cannot cancel them), then stops its threads and closes its port.
    ``search_path`` replaces ``sys.path`` when looking for the model's part packages.
    """
    runtime = _import_runtime()
    check_allowed(config.priority)
    started = time.monotonic()
    model = resolve_model(config, search_path)
    name = DEFAULT_MODEL.name if config.model_file is None else model.path.stem
    api_key = secrets.token_urlsafe(24)
    params = build_params(runtime.CommonParams(), config, model.path, name, api_key)
    running = Running(None, "")
    try:
        start(runtime, params, model.path, running)
        _check_loopback(running.base_url)
        wait_ready(running.base_url, config.ready_timeout_s)
        yield LocalEndpoint(
            base_url=running.base_url + "/v1",
            model=name,
            model_sha256=model.sha256,
            api_key=api_key,
            model_path=model.path,
            n_ctx=config.n_ctx,
            n_parallel=config.n_parallel,
            load_s=time.monotonic() - started,
        )
    finally:
        stop(running, config.stop_timeout_s)


def resolve_model(config: LocalModelConfig, search_path: Sequence[str] | None = None) -> ModelFile:
    """The file to load: the packaged default (assembled and verified), or the user's own."""
    if config.model_file is None:
        return ensure_model_file(
            config.cache_dir, verify=config.verify_checksum, search_path=search_path
        )
    path = config.model_file
    if config.expected_sha256 is not None:
        return ModelFile(path, verify_model_file(path, sha256=config.expected_sha256))
    if config.verify_checksum:
        return ModelFile(path, verify_model_file(path))  # hashed for provenance only
    check_model_file(path)
    return ModelFile(path, None)


def build_params(
    params: Any, config: LocalModelConfig, model_path: Path, name: str, api_key: str
) -> Any:
    """Fill an ``xllamacpp.CommonParams``: loopback, ephemeral port, an API key, no web UI."""
    params.model.path = str(model_path)
    params.model_alias = {name}
    params.hostnames = [LOOPBACK]
    params.port = 0
    params.api_keys = [api_key]
    params.cors_origins = ""
    params.ui = False
    params.endpoint_metrics = True
    params.n_parallel = config.n_parallel
    params.n_ctx = config.n_ctx * config.n_parallel  # llama.cpp splits n_ctx across slots
    params.cpuparams.n_threads = config.n_threads
    params.cpuparams_batch.n_threads = config.n_threads
    params.cpuparams.poll = config.poll
    params.cpuparams_batch.poll = config.poll
    level = GGML_LEVEL[config.priority]
    params.cpuparams.priority = level
    params.cpuparams_batch.priority = level
    params.warmup = True
    params.verbosity = config.verbosity
    if config.speculative is not None:  # the enum is the one of the list it replaces
        kind = type(params.speculative.types[0])
        name = "COMMON_SPECULATIVE_TYPE_" + config.speculative.upper().replace("-", "_")
        params.speculative.types = [getattr(kind, name)]
    return params


def _import_runtime() -> Any:
    """xllamacpp, its OpenMP threads' spin count set first (``spin.py``)."""
    if set_spin_count(os.environ) and libgomp_loaded():
        logger.warning(
            "libgomp was loaded before the embedded model: GOMP_SPINCOUNT=%s comes too late, "
            "and its threads spin as libgomp's default has them (slow when a core is busy).",
            SPIN_COUNT,
        )
    try:
        import xllamacpp  # optional: only the embedded model needs it
    except ImportError as exc:
        raise ConfigError(
            "The embedded local model needs the 'local' extra: pip install 'extractor[local]', "
            "or configure a remote endpoint."
        ) from exc
    return xllamacpp


def start(runtime: Any, params: Any, model_path: Path, running: Running) -> None:
    """Construct the server into ``running`` (it loads the model and warms up first).

    Ctrl-C is held back until the server is stored and its loop confirmed: a
    ``KeyboardInterrupt`` raised as the constructor returns would drop the server before its
    loop starts, and destroying it then never returns.
    """
    with _signals_held():
        try:
            running.server = runtime.Server(params)
        except RuntimeError as exc:
            raise ModelFileError(
                f"llama.cpp could not load {model_path}: check that it is a complete GGUF chat "
                "model and that there is memory for it (a smaller n_ctx needs less)."
            ) from exc
        running.base_url = str(running.server.listening_address).rstrip("/")
        confirm_loop(running)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT to the end of the block, and keep Python's SIGINT/SIGTERM handlers.

    SIGINT is blocked in this thread (threads started in the block inherit that), and one that
    another thread of the process receives (a terminal's goes to any thread not blocking it)
    is only noted, then raised once the block ends. Some llama.cpp server versions install
    their own handlers; Ctrl-C must keep raising ``KeyboardInterrupt`` in this process. Only
    the main thread handles signals in Python.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    noted: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, _frame: noted.append(signum))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for sig, handler in handlers.items():  # SIGINT last: a pending one raises after it
            if handler is not None:
                signal.signal(sig, handler)
    if noted:
        raise KeyboardInterrupt


def confirm_loop(running: Running) -> None:
    running.server.handle_metrics()  # answered by the task loop, so the loop is running
    running.loop_confirmed = True


def _check_loopback(base_url: str) -> None:
    if urlsplit(base_url).hostname != LOOPBACK:
        raise EndpointError(
            f"The local model server listens on {base_url}, not on {LOOPBACK}: refusing it.",
            attempts=1,
        )


def stop(running: Running, wait_s: float) -> None:
    """Destroy the server once no request is in flight (waiting up to ``wait_s`` for them).

    A request cannot be cancelled from here: llama.cpp finishes a non-streamed answer even when
    its client has gone. A Ctrl-C during the wait, or a wait that runs out, leaves the server
    running until the process exits.
    """
    if running.server is None:
        return
    try:
        if not running.loop_confirmed:
            confirm_loop(running)
        idle = wait_idle(running.server, wait_s)
    except BaseException:
        _abandon(running)
        raise
    if idle:
        running.server = None  # the last reference: xllamacpp joins its threads, closes the port
        return
    _abandon(running)
    warnings.warn(
        f"The local model server at {running.base_url} still had requests in flight after "
        f"{wait_s:g} s, so it was left running until the process exits. Finish or cancel "
        "every request before leaving serve().",
        ResourceWarning,
        stacklevel=2,
    )


def wait_idle(server: Any, wait_s: float) -> bool:
    """Whether the server has no request processing or queued, polling for up to ``wait_s``."""
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        values = parse_metrics(str(server.handle_metrics()))
        busy = int(values.get("requests_processing", 0) + values.get("requests_deferred", 0))
        if busy == 0:
            return True
        if time.monotonic() >= deadline:
            return False
        if not told:
            told = True
            logger.warning(
                "Stopping the local model: waiting for %d request(s) in flight to finish "
                "(at most %g s; Ctrl-C to stop now).",
                busy,
                wait_s,
            )
        time.sleep(0.1)


def _abandon(running: Running) -> None:
    """Keep a server that cannot be destroyed safely alive until the process exits."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(running.server))
    running.server = None
