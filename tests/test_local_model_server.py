"""The local server's lifecycle pieces that need no model: settings, probes, the safe stop."""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import socket
import threading
import weakref
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import xllamacpp

import extractor.io.local_model as local_model
from extractor.errors import ConfigError, EndpointError, ModelFileError
from extractor.io.local_model import LocalModelConfig, default_cache_dir, serve
from extractor.io.local_model.cores import (
    MAX_THREADS,
    _times,
    free_between,
    free_cores,
    usable_cpus,
)
from extractor.io.local_model.health import parse_metrics, port_is_open, wait_ready
from extractor.io.local_model.priority import check_allowed, try_realtime
from extractor.io.local_model.server import (
    LOOPBACK,
    Running,
    build_params,
    resolve_model,
    start,
    stop,
)


def test_public_api() -> None:
    assert sorted(local_model.__all__) == [
        "DEFAULT_MODEL",
        "DEFAULT_N_CTX",
        "LocalEndpoint",
        "LocalModelConfig",
        "MAX_THREADS",
        "ModelFile",
        "ModelSpec",
        "PRIORITIES",
        "SPIN_COUNT",
        "STOP_TIMEOUT_S",
        "default_cache_dir",
        "ensure_model_file",
        "every_core",
        "free_cores",
        "serve",
        "set_spin_count",
        "takes_cores",
        "verify_model_file",
    ]


@pytest.mark.parametrize("field", ["n_threads", "n_ctx", "n_parallel"])
def test_config_refuses_counts_below_one(tmp_path: Path, field: str) -> None:
    with pytest.raises(ConfigError, match=f"{field} must be at least 1"):
        LocalModelConfig(model_file=None, cache_dir=tmp_path, **{field: 0})  # type: ignore[arg-type]


def test_config_refuses_a_checksum_that_is_not_sha256(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a SHA-256"):
        LocalModelConfig(model_file=tmp_path / "m.gguf", cache_dir=tmp_path, expected_sha256="abc")


def test_default_cache_dir_follows_xdg(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert default_cache_dir({}, home) == home / ".cache" / "extractor"
    assert default_cache_dir({"XDG_CACHE_HOME": "/var/cache/me"}, home) == Path(
        "/var/cache/me/extractor"
    )
    # The XDG spec says a relative path is invalid and must be ignored.
    assert default_cache_dir({"XDG_CACHE_HOME": "rel"}, home) == home / ".cache" / "extractor"


def test_params_listen_on_loopback_with_a_key_and_a_context_per_slot(tmp_path: Path) -> None:
    config = LocalModelConfig(
        model_file=None, cache_dir=tmp_path, n_threads=3, n_ctx=4096, n_parallel=2, verbosity=0
    )
    params = build_params(xllamacpp.CommonParams(), config, tmp_path / "m.gguf", "m", "k3y")
    assert params.hostnames == [LOOPBACK]
    assert params.port == 0
    assert params.api_keys == ["k3y"]
    assert params.ui is False
    assert params.n_parallel == 2
    assert params.n_ctx == 8192
    assert params.cpuparams.n_threads == 3
    assert params.cpuparams_batch.n_threads == 3
    assert params.model.path == str(tmp_path / "m.gguf")
    assert params.model_alias == {"m"}
    assert params.verbosity == 0


def test_params_carry_the_thread_polling_level(tmp_path: Path) -> None:
    config = LocalModelConfig(model_file=None, cache_dir=tmp_path, poll=0)
    params = build_params(xllamacpp.CommonParams(), config, tmp_path / "m.gguf", "m", "k3y")
    assert (params.cpuparams.poll, params.cpuparams_batch.poll) == (0, 0)


def test_params_carry_a_speculative_decoding_type_only_when_set(tmp_path: Path) -> None:
    off = LocalModelConfig(model_file=None, cache_dir=tmp_path)
    params = build_params(xllamacpp.CommonParams(), off, tmp_path / "m.gguf", "m", "k3y")
    assert [t.name for t in params.speculative.types] == ["COMMON_SPECULATIVE_TYPE_NONE"]
    on = LocalModelConfig(model_file=None, cache_dir=tmp_path, speculative="ngram-mod")
    params = build_params(xllamacpp.CommonParams(), on, tmp_path / "m.gguf", "m", "k3y")
    assert [t.name for t in params.speculative.types] == ["COMMON_SPECULATIVE_TYPE_NGRAM_MOD"]
    with pytest.raises(ConfigError, match=r"speculative must be one of .*, not 'draft'"):
        LocalModelConfig(model_file=None, cache_dir=tmp_path, speculative="draft")


@pytest.mark.parametrize(
    ("level", "value"),
    [("low", -1), ("normal", 0), ("medium", 1), ("high", 2), ("realtime", 3)],
)
def test_params_carry_llama_cpp_priority_level(tmp_path: Path, level: str, value: int) -> None:
    config = LocalModelConfig(model_file=None, cache_dir=tmp_path, priority=level)
    params = build_params(xllamacpp.CommonParams(), config, tmp_path / "m.gguf", "m", "k3y")
    expected = xllamacpp.ggml_sched_priority(value)
    assert expected.name == "GGML_SCHED_PRIO_" + level.upper()
    assert (params.cpuparams.priority, params.cpuparams_batch.priority) == (expected, expected)


def test_an_unknown_priority_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"priority must be one of low, normal, .*, not 'top'"):
        LocalModelConfig(model_file=None, cache_dir=tmp_path, priority="top")


def test_only_real_time_levels_are_tried_and_a_refusal_says_how_to_allow_it() -> None:
    tried: list[int] = []

    def refuse(priority: int) -> str:
        tried.append(priority)
        return "Operation not permitted"

    for level in ("low", "normal"):
        check_allowed(level, refuse)
    assert tried == []
    with pytest.raises(ConfigError) as refused:
        check_allowed("high", refuse)
    assert tried == [80]
    message = str(refused.value)
    assert "--model-priority high" in message and "Operation not permitted" in message
    assert "CAP_SYS_NICE" in message and "ulimit -r 80" in message
    check_allowed("medium", lambda priority: None)  # allowed: no error


def _may_use_real_time(priority: int) -> bool:
    """The kernel's rule: CAP_SYS_NICE (bit 23 of the effective set), or a high enough limit."""
    import resource

    status = Path("/proc/self/status").read_text()
    cap_eff = int(
        next(line for line in status.splitlines() if line.startswith("CapEff:")).split()[1], 16
    )
    return bool(cap_eff >> 23 & 1) or resource.getrlimit(resource.RLIMIT_RTPRIO)[0] >= priority


def test_the_real_time_check_follows_the_kernel_and_leaves_this_thread_as_it_was() -> None:
    before = (os.sched_getscheduler(0), os.sched_getparam(0).sched_priority)
    assert (try_realtime(40) is None) == _may_use_real_time(40)
    assert (os.sched_getscheduler(0), os.sched_getparam(0).sched_priority) == before


def test_serve_refuses_a_real_time_priority_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.io.local_model.priority as priority

    monkeypatch.setattr(priority, "try_realtime", lambda level: "Operation not permitted")
    absent = tmp_path / "absent.gguf"  # never read: the check comes first
    config = LocalModelConfig(model_file=absent, cache_dir=tmp_path, priority="medium")
    refused = pytest.raises(ConfigError, match="--model-priority medium needs real-time")
    with refused, serve(config):
        pass


def test_a_polling_level_outside_0_to_100_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="poll must be 0 to 100, not 101"):
        LocalModelConfig(model_file=None, cache_dir=tmp_path, poll=101)


class _Health:
    """A loopback HTTP server answering /health with the given statuses, then the last one."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.hits = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status = owner.statuses[min(owner.hits, len(owner.statuses) - 1)]
                owner.hits += 1
                body = b'{"status":"ok"}' if status == 200 else b'{"error":"loading"}'
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.url = f"http://{LOOPBACK}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> _Health:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_wait_ready_polls_until_healthy() -> None:
    sleeps: list[float] = []
    with _Health([503, 503, 200]) as health:
        assert wait_ready(health.url, 10, sleep=sleeps.append) == 3
    assert sleeps == [0.1, 0.1]


def test_wait_ready_gives_up_with_the_last_answer() -> None:
    ticks = iter(range(100))
    with (
        _Health([503]) as health,
        pytest.raises(EndpointError, match=r"not ready after 2 s \(last answer: 503 .*loading"),
    ):
        wait_ready(health.url, 2, clock=lambda: float(next(ticks)), sleep=lambda _: None)


def test_wait_ready_reports_a_closed_port() -> None:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        url = f"http://{LOOPBACK}:{sock.getsockname()[1]}"  # bound, never listening
        ticks = iter(range(100))
        with pytest.raises(EndpointError, match=r"last answer: .*refused") as info:
            wait_ready(url, 3, clock=lambda: float(next(ticks)), sleep=lambda _: None)
    assert info.value.attempts == 3


def test_port_is_open() -> None:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        sock.listen()
        url = f"http://{LOOPBACK}:{sock.getsockname()[1]}/v1"
        assert port_is_open(url)
    assert not port_is_open(url)


METRICS = """# HELP llamacpp:requests_processing Number of requests processing
# TYPE llamacpp:requests_processing gauge
llamacpp:requests_processing {processing}
llamacpp:requests_deferred {deferred}
llamacpp:prompt_tokens_total 1.5e+03
"""


def test_parse_metrics() -> None:
    assert parse_metrics(METRICS.format(processing=2, deferred=0)) == {
        "requests_processing": 2.0,
        "requests_deferred": 0.0,
        "prompt_tokens_total": 1500.0,
    }


class _FakeServer:
    """Answers metrics like xllamacpp: ``busy`` gives requests processing, poll after poll."""

    listening_address = "http://127.0.0.1:1"

    def __init__(self, *busy: int, deferred: int = 0) -> None:
        self.busy = list(busy) or [0]
        self.deferred = deferred
        self.calls = 0

    def handle_metrics(self) -> str:
        processing = self.busy[min(self.calls, len(self.busy) - 1)]
        self.calls += 1
        return METRICS.format(processing=processing, deferred=self.deferred)


def test_stop_releases_an_idle_server_after_confirming_its_loop() -> None:
    fake = _FakeServer(0)
    ref = weakref.ref(fake)
    running = Running(fake, "http://127.0.0.1:1")
    del fake
    stop(running, 5.0)
    assert running.server is None
    gc.collect()
    assert ref() is None  # the last reference is gone: that is what stops xllamacpp


def test_stop_waits_for_requests_in_flight_then_releases(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = _FakeServer(2, 1, 1, 0)
    ref = weakref.ref(fake)
    running = Running(fake, "http://127.0.0.1:1", loop_confirmed=True)
    del fake
    stop(running, 30.0)
    gc.collect()
    assert ref() is None
    assert [r.getMessage() for r in caplog.records] == [
        "Stopping the local model: waiting for 2 request(s) in flight to finish "
        "(at most 30 s; Ctrl-C to stop now)."
    ]


@pytest.mark.parametrize(("busy", "deferred"), [(1, 0), (0, 1)])
def test_stop_never_destroys_a_busy_server(busy: int, deferred: int) -> None:
    fake = _FakeServer(busy, deferred=deferred)
    ref = weakref.ref(fake)
    running = Running(fake, "http://127.0.0.1:1", loop_confirmed=True)
    del fake
    with pytest.warns(ResourceWarning, match="still had requests in flight after 0.2 s"):
        stop(running, 0.2)
    assert running.server is None
    gc.collect()
    assert ref() is not None  # kept alive until the process exits
    assert ref().calls >= 2  # type: ignore[union-attr]  # polled again before giving up


class _CtrlCWhileBusy(_FakeServer):
    def handle_metrics(self) -> str:
        if self.calls == 1:
            raise KeyboardInterrupt
        return super().handle_metrics()


def test_ctrl_c_while_waiting_leaves_the_server_to_the_process_exit() -> None:
    fake = _CtrlCWhileBusy(1)
    ref = weakref.ref(fake)
    running = Running(fake, "http://127.0.0.1:1", loop_confirmed=True)
    del fake
    with pytest.raises(KeyboardInterrupt):
        stop(running, 30.0)
    assert running.server is None
    gc.collect()
    assert ref() is not None  # never destroyed while a request is in flight


class _InterruptedLoad:
    """A runtime whose model load is interrupted by Ctrl-C, as a user may do."""

    @staticmethod
    def Server(params: object) -> _FakeServer:  # the name xllamacpp uses
        os.kill(os.getpid(), signal.SIGINT)
        return _FakeServer(0)


class _InterruptedInAnotherThread:
    """The same, with the Ctrl-C landing on another thread of the process, started before
    the load: a terminal's SIGINT goes to any thread that does not block it."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.other = threading.Thread(target=self.release.wait, daemon=True)
        self.other.start()

    def Server(self, params: object) -> _FakeServer:
        assert self.other.ident is not None
        signal.pthread_kill(self.other.ident, signal.SIGINT)
        self.release.set()
        self.other.join()  # its signal handler has run by now
        return _FakeServer(0)


@pytest.mark.parametrize("where", ["this thread", "another thread"])
def test_ctrl_c_during_the_load_waits_until_the_server_is_held(where: str) -> None:
    runtime = _InterruptedLoad() if where == "this thread" else _InterruptedInAnotherThread()
    running = Running(None, "")
    with pytest.raises(KeyboardInterrupt):
        start(runtime, None, Path("m.gguf"), running)
    # Raised only once the server is stored and its loop confirmed, so it can be stopped.
    assert isinstance(running.server, _FakeServer)
    assert running.loop_confirmed
    assert running.base_url == "http://127.0.0.1:1"
    stop(running, 1.0)
    assert running.server is None


@pytest.fixture
def fake_gguf(tmp_path: Path) -> Path:
    path = tmp_path / "broken.gguf"
    path.write_bytes(b"GGUF" + bytes(4000))
    return path


def test_resolve_model_hashes_a_user_file_for_provenance(fake_gguf: Path) -> None:
    digest = hashlib.sha256(fake_gguf.read_bytes()).hexdigest()
    config = LocalModelConfig(model_file=fake_gguf, cache_dir=fake_gguf.parent)
    assert resolve_model(config).sha256 == digest
    unchecked = LocalModelConfig(
        model_file=fake_gguf, cache_dir=fake_gguf.parent, verify_checksum=False
    )
    assert resolve_model(unchecked).sha256 is None


def test_serve_refuses_a_user_file_with_the_wrong_checksum(fake_gguf: Path) -> None:
    config = LocalModelConfig(
        model_file=fake_gguf, cache_dir=fake_gguf.parent, expected_sha256="ab" * 32
    )
    with pytest.raises(ModelFileError, match="expected abab"), serve(config):
        pytest.fail("the server must not start")


def test_serve_reports_a_file_llama_cpp_cannot_load(fake_gguf: Path) -> None:
    config = LocalModelConfig(model_file=fake_gguf, cache_dir=fake_gguf.parent, verbosity=0)
    with (
        pytest.raises(ModelFileError, match=r"llama.cpp could not load .*broken.gguf"),
        serve(config),
    ):
        pytest.fail("the server must not start")


@pytest.mark.parametrize(
    ("first", "second", "cpus", "threads"),
    [
        ((100, 200), (300, 400), 2, 2),  # all idle
        ((100, 200), (200, 400), 2, 1),  # one of two cores busy
        ((100, 200), (100, 400), 2, 1),  # all busy: still one thread
        ((0, 0), (800, 800), 8, 2),  # idle, but at most MAX_THREADS
        ((0, 0), (100, 800), 8, 1),  # one of eight cores' worth idle
        ((5, 5), (5, 5), 4, 2),  # no time passed: as if idle
    ],
)
def test_threads_follow_the_cores_idle_at_start(
    first: tuple[int, int], second: tuple[int, int], cpus: int, threads: int
) -> None:
    assert MAX_THREADS == 2
    assert free_between(first, second, cpus) == threads


def test_threads_where_cpu_times_cannot_be_read() -> None:
    slept: list[float] = []
    assert free_cores(times=lambda: None, sleep=slept.append) == min(usable_cpus(), MAX_THREADS)
    assert slept == []


def test_threads_from_two_samples_of_cpu_times() -> None:
    samples = iter([(1_000, 2_000), (1_100, 2_200)])  # half the time idle since the first
    slept: list[float] = []
    found = free_cores(sample_s=0.01, times=lambda: next(samples), sleep=slept.append)
    assert slept == [0.01]
    assert found == max(1, min(round(usable_cpus() / 2), usable_cpus(), MAX_THREADS))


def test_the_cpu_times_of_this_machine_are_read() -> None:
    read = _times()
    assert read is not None and 0 <= read[0] <= read[1]
