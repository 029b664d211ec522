"""``extractor run`` in a subprocess, killed (SIGKILL) or stopped (SIGINT, SIGTERM) mid-run.

The fake endpoint runs in this process and records every request, so "not sent again" is
checked against what the killed processes really sent.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor.contract.models import ArticleDocument
from extractor.validate import load_contract, validate_paths
from tests.engine_support import answering, article_of, clean_env, per_article, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply

COUNT = 200


def slow(delay_s: float) -> Callable[[Recorded], Reply]:
    def respond(request: Recorded) -> Reply:
        reply = answering(request)
        reply.delay_s = delay_s
        return reply

    return respond


def start(inputs: Path, out: Path, endpoint: FakeEndpoint, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from extractor.cli import main; main()", "run"]
    command += [str(inputs), "--out", str(out), "--base-url", endpoint.base_url]
    command += ["--model", "fake-model", "--quiet", *args]
    env = clean_env()
    return subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)


def wait_for_requests(endpoint: FakeEndpoint, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while len(endpoint.chat_requests) < count:
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "the run sent too few requests"
        time.sleep(0.005)


def finished_documents(out: Path) -> set[str]:
    """Documents on disk; each must be complete and valid (writes are atomic)."""
    found = set()
    for path in (out / "articles").glob("*.json"):
        ArticleDocument.model_validate_json(path.read_bytes())
        found.add(path.stem)
    return found


def test_sigkill_at_random_moments_then_resume(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, COUNT)
    chance = random.Random(20260520)
    with FakeEndpoint(slow(0.03)) as endpoint:
        kills: list[tuple[int, set[str]]] = []  # (requests so far, documents done) per kill
        for number in range(3):
            process = start(inputs, out, endpoint, "--concurrency", "8")
            if number == 0:
                time.sleep(chance.uniform(0.05, 0.5))  # before or during start-up
            else:
                sent = len(endpoint.chat_requests)
                wait_for_requests(endpoint, sent + chance.randint(5, 50), process)
                time.sleep(chance.uniform(0, 0.05))
            process.kill()
            process.communicate()
            kills.append((len(endpoint.chat_requests), finished_documents(out)))
        final = start(inputs, out, endpoint, "--concurrency", "8")
        _, stderr = final.communicate(timeout=240)
        requests = list(endpoint.chat_requests)
    assert final.returncode == 0, stderr

    assert any(done for _, done in kills), "no kill happened after some work was done"
    for sent_before, done in kills:
        again = per_article(requests[sent_before:])
        assert not set(again) & done, f"sent again after being completed: {set(again) & done}"

    assert finished_documents(out) == {f"a{n:04d}" for n in range(COUNT)}
    leftovers = [p.name for p in (out / "articles").iterdir() if not p.name.endswith(".json")]
    assert leftovers == []
    check = validate_paths([out], load_contract())
    assert check.ok, [str(p) for p in check.problems[:5]]
    manifest: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and manifest["counts"]["added"] == COUNT
    # Every article was answered; none more often than the runs that had it in flight.
    counts = per_article(requests)
    assert set(counts) == {f"a{n:04d}" for n in range(COUNT)}
    assert max(counts.values()) <= 1 + len(kills)


def _stop_mid_run(
    tmp_path: Path, sig: signal.Signals, *args: str
) -> tuple[int, float, Path, Path, list[Recorded], FakeEndpoint]:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 40)
    endpoint = FakeEndpoint(slow(0.4))
    endpoint.__enter__()
    process = start(inputs, out, endpoint, "--concurrency", "4", *args)
    wait_for_requests(endpoint, 6, process)
    process.send_signal(sig)
    signalled = time.monotonic()
    process.communicate(timeout=60)
    return (
        process.returncode,
        time.monotonic() - signalled,
        inputs,
        out,
        list(endpoint.chat_requests),
        endpoint,
    )


def test_sigint_finishes_in_flight_writes_run_json_and_exits_130(tmp_path: Path) -> None:
    code, took, inputs, out, before, endpoint = _stop_mid_run(tmp_path, signal.SIGINT)
    try:
        assert code == 130
        assert took < 5
        manifest: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert manifest["status"] == "interrupted"
        done = {a["id"] for a in manifest["articles"] if a["status"] == "added"}
        skipped = {a["id"] for a in manifest["articles"] if a["status"] == "skipped"}
        assert done and skipped and len(done | skipped) == 40
        # In-flight articles were let finish: every request sent got its document.
        assert {article_of(r) for r in before} == done == finished_documents(out)
        assert validate_paths([out], load_contract()).ok
        # Started again, it extracts only what is left.
        endpoint.set_responder(slow(0.0))
        again = start(inputs, out, endpoint, "--concurrency", "4")
        _, stderr = again.communicate(timeout=120)
        assert again.returncode == 0, stderr
        assert set(per_article(endpoint.chat_requests[len(before) :])) == skipped
    finally:
        endpoint.__exit__(None, None, None)


def test_sigterm_exits_143_and_a_second_signal_stops_at_once(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 20)
    with FakeEndpoint(slow(30.0)) as endpoint:
        process = start(inputs, out, endpoint, "--concurrency", "3", "--stop-grace", "60")
        wait_for_requests(endpoint, 3, process)
        process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        assert process.poll() is None  # waiting for the articles in flight
        process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        process.communicate(timeout=30)
        took = time.monotonic() - signalled
    assert process.returncode == 143
    assert took < 10
    manifest: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "interrupted"
    assert {a["status"] for a in manifest["articles"]} == {"skipped"}
    # The cancelled articles' requests are recorded against them.
    assert sum(a["attempts"] for a in manifest["articles"]) == 3
    assert validate_paths([out], load_contract()).ok
