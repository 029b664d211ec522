"""Batch engine benchmark: throughput against concurrency, per-article overhead, cached re-run.

    .venv/bin/python bench/engine.py                  # everything, figures as Markdown
    .venv/bin/python bench/engine.py --only cached    # one part: throughput|overhead|cached|stages

The fake endpoint runs in a separate process (an asyncio HTTP/1.1 server with keep-alive) so
that its CPU does not compete with the engine for the GIL; it answers every request after a
fixed latency with a small, plausible answer built from the article it was sent. Articles are
MEANTIME Wikinews texts (CC BY 4.0, data/meantime of ../shared), each with a unique title.

- throughput: for each concurrency C, ``max(64, 10*C)`` fresh articles at 200 ms latency;
  articles/s against the ideal C / latency, for the ``openai`` client alone (the ceiling of
  any engine built on it), the engine with a thin pipeline (one model call, a bare document),
  the engine with the full pipeline in one process, and with its pure stages in one worker
  process (``--processes 1``, the default beside a remote endpoint; the worker is started
  and warm before the clock starts, its start-up is timed apart).
- overhead: 500 fresh articles at zero latency, concurrency 16: wall time and CPU per article
  (the whole path: cleaning, dates, HTTP client, grounding, document, cache, atomic write),
  in one process and with one worker process (CPU of both processes).
- cached: 1,000 articles extracted once, then the same ``extractor run`` command again as
  a subprocess (interpreter start-up and imports included): zero model calls.
- stages: CPU per article of the pipeline's steps alone, without network or engine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from extractor.io.gc_pace import fewer_collections

ROOT = Path(__file__).resolve().parents[1]
# The shared data: ../shared beside the repository, or $EXTRACTOR_SHARED_DATA (as in the tests).
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
MEANTIME = SHARED / "data" / "meantime" / "articles"
_SENTENCE = re.compile(r"[A-Z][^.\n\"“”]{40,160}\.")


# --- the fake endpoint (its own process) --------------------------------------------------


def _answer(text: str) -> dict[str, Any]:
    events = []
    for sentence in _SENTENCE.findall(text)[:2]:
        words = sentence.split()
        events.append(
            {
                "description": sentence[:80],
                "actors": [words[0]],
                "place": None,
                "when": None,
                "tense": "past",
                "statements": [{"speaker": words[0], "text": sentence[10:70], "kind": "direct"}],
            }
        )
    return {"events": events}


def _completion(body: bytes) -> bytes:
    request = json.loads(body)
    text = request["messages"][-1]["content"]
    reply = {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "bench"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": json.dumps(_answer(text))},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 600, "completion_tokens": 150, "total_tokens": 750},
    }
    return json.dumps(reply).encode()


_MODELS = json.dumps({"object": "list", "data": [{"id": "bench", "object": "model"}]}).encode()


async def _serve(latency: float) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for header in head.split(b"\r\n")[1:]:
                    name, _, value = header.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length)
                if head.startswith(b"GET ") and b"/models" in head.split(b"\r\n", 1)[0]:
                    payload = _MODELS  # the endpoint check before the first request
                else:
                    await asyncio.sleep(latency)
                    payload = _completion(body)
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await server.serve_forever()


ENDPOINTS: dict[str, int] = {}  # base URL -> process id of its fake endpoint


def endpoint_pid(base_url: str) -> int:
    return ENDPOINTS[base_url]


class Endpoint:
    """The fake endpoint in a subprocess, for ``with Endpoint(latency) as base_url``."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(self.latency)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        port = int(self.process.stdout.readline())
        base_url = f"http://127.0.0.1:{port}/v1"
        ENDPOINTS[base_url] = self.process.pid
        return base_url

    def __exit__(self, *_: object) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)


# --- articles and runs --------------------------------------------------------------------


def write_articles(folder: Path, count: int, start: int = 0) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(MEANTIME.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        title, _, rest = texts[number % len(texts)].partition("\n")
        text = f"{title} (Dispatch {number:05d})\n{rest}"
        (folder / f"a{number:05d}.txt").write_text(text, encoding="utf-8")


async def _thin_extract(article: Any, client: Any, settings: Any) -> Any:
    """The engine's own share: one model call and a document without cleaning, dates or
    grounding (the "thin pipeline" column)."""
    import hashlib

    from extractor.article.pipeline import messages, numbered
    from extractor.contract.models import ArticleDocument, PublicationDate, SourceInfo

    result = await client.extract(messages(settings.prompt, numbered(article.text)))
    data = {
        "schema_version": "1.0.0",
        "id": article.id,
        "source": SourceInfo(
            path=article.path, url=None, title=None, source=None, input_sha256=article.input_sha256
        ),
        "title": None,
        "published": PublicationDate(value=None, source="none", evidence=None),
        "text": article.text,
        "text_sha256": hashlib.sha256(article.text.encode()).hexdigest(),
        "removed": [],
        "events": [],
        "warnings": [],
        "provenance": {
            "extractor_version": "bench",
            "model": client.config.model,
            "endpoint": client.config.public_endpoint,
            "endpoint_kind": client.config.kind,
            "model_sha256": None,
            "prompt_id": settings.prompt.id,
            "prompt_sha256": settings.prompt.sha256,
            "schema_version": "1.0.0",
            "sampling": client.config.sampling,
            "response_format": result.response_format,
            "usage": result.usage,
            "cost_usd": None,
            "attempts": result.attempts,
            "chunks": 1,
            "duration_s": 0.0,
        },
    }
    return ArticleDocument.model_validate(data)


PIPELINES = ("thin", "full", "pooled")  # pooled: full, pure stages in one worker process


async def _engine_run(
    inputs: Path, out: Path, base_url: str, concurrency: int, pipeline_kind: str = "full"
) -> float:
    """One run through the library (as ``extractor run`` does); returns its wall time, not
    counting the start-up of the worker process (see ``_pool_started``)."""
    from extractor.article.pipeline import PipelineSettings
    from extractor.article.prompt import default_prompts_dir, load_prompt
    from extractor.contract.endpoint import EndpointConfig
    from extractor.engine import RunSettings, run_batch
    from extractor.io.inputs import load_inputs

    items = load_inputs([inputs])
    config = EndpointConfig(base_url=base_url, model="bench", api_key="none", timeout_s=60)
    # as ``extractor run`` sets it for a remote endpoint, so the two share documents
    prompt = load_prompt(default_prompts_dir())
    pipeline = PipelineSettings(prompt=prompt, small_model_rules=False)
    settings = RunSettings(out_dir=out, concurrency=concurrency)
    stages = await _pool_started() if pipeline_kind == "pooled" else None
    workers = stages.pids if stages is not None else []
    worker_cpu = sum(cpu_s(pid) for pid in workers)
    started = time.perf_counter()
    thin = _thin_extract if pipeline_kind == "thin" else None
    result = await run_batch(items, config, pipeline, settings, extract=thin, stages=stages)
    elapsed = time.perf_counter() - started
    WORKER_CPU_S.append(sum(cpu_s(pid) for pid in workers) - worker_cpu)
    if stages is not None:
        await stages.aclose()
    assert result.manifest.status == "complete", result.manifest.failures[:3]
    return elapsed


POOL_START_S: list[float] = []  # how long each worker process took to be ready
WORKER_CPU_S: list[float] = []  # CPU time of the worker processes during each run


def cpu_s(pid: int) -> float:
    """CPU time (user + system) of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _pool_started() -> Any:
    from extractor.engine import StagePool

    started = time.perf_counter()
    pool = StagePool(1)
    pool.start()
    await pool.wait_ready()
    assert pool.ready
    POOL_START_S.append(time.perf_counter() - started)
    return pool


async def _client_only(base_url: str, inputs: Path, concurrency: int) -> float:
    """The ceiling of any engine on this client: ``openai`` requests alone, as ``llm``
    sends them, ``concurrency`` at a time; returns the wall time."""
    import openai

    from extractor.article.pipeline import messages, numbered
    from extractor.article.prompt import default_prompts_dir, load_prompt
    from extractor.io.llm import _response_format

    prompt = load_prompt(default_prompts_dir())
    texts = [p.read_text(encoding="utf-8") for p in sorted(inputs.glob("*.txt"))]
    client = openai.AsyncOpenAI(
        base_url=base_url,
        api_key="none",
        max_retries=0,
        http_client=openai.DefaultAioHttpClient(),  # the transport llm uses
    )
    gate = asyncio.Semaphore(concurrency)

    async def one(text: str) -> None:
        async with gate:
            await client.chat.completions.create(
                model="bench",
                messages=messages(prompt, numbered(text)),  # type: ignore[arg-type]
                temperature=0.0,
                seed=0,
                max_tokens=2048,
                extra_body={"response_format": _response_format("json_schema")},
            )

    await one(texts[0])
    started = time.perf_counter()
    await asyncio.gather(*(one(t) for t in texts))
    elapsed = time.perf_counter() - started
    await client.close()
    return elapsed


def _command_run(inputs: Path, out: Path, base_url: str, concurrency: int) -> float:
    """``extractor run`` as a user starts it (start-up and worker included); its wall time."""
    program = str(Path(sys.executable).parent / "extractor")
    command = [program, "run", str(inputs), "--out", str(out), "--base-url", base_url]
    command += ["--model", "bench", "--quiet", "--concurrency", str(concurrency)]
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "OPENAI_API_KEY": "none"})
    return time.perf_counter() - started


def throughput(work: Path, concurrencies: list[int], latency: float) -> list[str]:
    """Articles per second as a fraction of the ideal, for the client alone and the engine
    with the thin and the full pipeline; CPU time per article of the full engine."""
    rows = [
        "| concurrency | articles | ideal/s | `openai` client alone | engine, thin pipeline "
        "| engine, full pipeline, one process | full, 1 worker process "
        "| `extractor run`, the whole command "
        "| CPU per article, one process | CPU per article, main process with a worker |",
        "|---" * 10 + "|",
    ]
    with Endpoint(latency) as base_url:
        write_articles(work / "warm-up", 20, start=90_000)  # first-use costs of the clients
        for kind in PIPELINES:
            asyncio.run(_engine_run(work / "warm-up", work / f"warm-{kind}", base_url, 8, kind))
        for concurrency in concurrencies:
            count = max(64, 10 * concurrency)
            inputs = work / f"tp-{concurrency}"
            write_articles(inputs, count)
            ideal = concurrency / latency
            cells = []
            alone = asyncio.run(_client_only(base_url, inputs, concurrency))
            cells.append(f"{count / alone:.1f}/s ({count / alone / ideal:.0%})")
            cpus = []
            for kind in PIPELINES:
                cpu = time.process_time()
                out = work / f"tp-out-{kind}-{concurrency}"
                elapsed = asyncio.run(_engine_run(inputs, out, base_url, concurrency, kind))
                cpus.append(f"{(time.process_time() - cpu) / count * 1000:.1f} ms")
                cells.append(f"{count / elapsed:.1f}/s ({count / elapsed / ideal:.0%})")
            whole = _command_run(inputs, work / f"tp-cli-{concurrency}", base_url, concurrency)
            cells.append(f"{count / whole:.1f}/s ({alone / whole:.0%} of the client alone)")
            rows.append(
                f"| {concurrency} | {count} | {ideal:.0f} | {' | '.join(cells)} "
                f"| {' | '.join(cpus[1:])} |"
            )
            print(rows[-1], file=sys.stderr)
    start_s = sorted(POOL_START_S)
    rows.append(
        f"\nWorker process start-up (not in the times above): median "
        f"{start_s[len(start_s) // 2]:.2f} s, {start_s[0]:.2f}–{start_s[-1]:.2f} s"
    )
    return rows


def overhead(work: Path, count: int = 500, concurrency: int = 16) -> list[str]:
    inputs = work / "overhead"
    write_articles(inputs, count)
    lines = []
    with Endpoint(0.0) as base_url:
        write_articles(work / "warm-up", 20, start=90_000)
        for kind in ("full", "pooled"):
            asyncio.run(_engine_run(work / "warm-up", work / f"warm-up-{kind}", base_url, 8, kind))
            cpu, endpoint = time.process_time(), cpu_s(endpoint_pid(base_url))
            out = work / f"overhead-{kind}"
            elapsed = asyncio.run(_engine_run(inputs, out, base_url, concurrency, kind))
            cpu = time.process_time() - cpu
            endpoint = cpu_s(endpoint_pid(base_url)) - endpoint
            where = "one process" if kind == "full" else "with 1 worker process"
            worker = WORKER_CPU_S[-1] if kind == "pooled" else 0.0
            spent = {"main process": cpu, "worker": worker, "fake endpoint": endpoint}
            spent["in all"] = sum(spent.values())
            shares = ", ".join(f"{s / count * 1000:.2f} ms {name}" for name, s in spent.items())
            wall = f"{elapsed:.2f} s, {elapsed / count * 1000:.2f} ms wall"
            lines.append(
                f"{where}: {count} articles, zero latency, c={concurrency}: {wall}; {shares}"
            )
            print(lines[-1], file=sys.stderr)
    return lines


def stages(work: Path, count: int = 300) -> list[str]:
    """CPU per article of the pipeline's steps alone, no network: best of 3 passes."""
    from extractor.article.document import build_document
    from extractor.article.pipeline import (
        PipelineSettings,
        messages,
        numbered,
        prepare,
        provenance,
    )
    from extractor.article.prompt import default_prompts_dir, load_prompt
    from extractor.article.quotes import find_quotes
    from extractor.contract.article import RawArticle
    from extractor.contract.endpoint import EndpointConfig
    from extractor.contract.models import ModelExtraction
    from extractor.dates import resolve_date
    from extractor.engine import prepare_document, render
    from extractor.io.inputs import load_inputs
    from extractor.text.parser import forget

    write_articles(work / "stages", count)
    articles = [a for a in load_inputs([work / "stages"]) if isinstance(a, RawArticle)]
    prompt = load_prompt(default_prompts_dir())
    config = EndpointConfig(base_url="http://127.0.0.1/v1", model="bench", api_key="none")
    made = provenance(config, PipelineSettings(prompt=prompt), [], 0.0)

    def one_pass() -> dict[str, float]:
        forget()  # each pass parses its sentences afresh, as a new night's articles would
        spent: dict[str, float] = {}

        def step(name: str, function: Any, *args: Any) -> Any:
            started = time.process_time()
            result = function(*args)
            spent[name] = spent.get(name, 0.0) + time.process_time() - started
            return result

        for article in articles:
            parts = step("clean + publication date", prepare, article)
            sent = step("messages", lambda t: messages(prompt, numbered(t)), parts.text)
            raw = json.dumps(_answer(sent[-1]["content"]))
            answer = step("answer check", ModelExtraction.model_validate_json, raw)
            events = answer.events
            doc = step(
                "document",
                lambda p, e: build_document(p, e, made, resolve_date, find_quotes(p.text)),
                parts,
                events,
            )
            step("render", lambda d: prepare_document(work / "stages-out", render(d)), doc)
        return spent

    one_pass()
    passes = [one_pass() for _ in range(3)]
    best = {name: min(p[name] for p in passes) / count * 1000 for name in passes[0]}
    cells = " | ".join(f"{name} {ms:.2f}" for name, ms in best.items())
    line = f"{cells} | in all {sum(best.values()):.2f} ms per article (best of 3)"
    print(line, file=sys.stderr)
    return [line]


def cached(work: Path, count: int = 1000) -> list[str]:
    inputs, out = work / "cached", work / "cached-out"
    write_articles(inputs, count)
    lines = []
    program = str(Path(sys.executable).parent / "extractor")
    env = {**os.environ, "OPENAI_API_KEY": "none"}
    with Endpoint(0.0) as base_url:
        command = [program, "run", str(inputs), "--out", str(out), "--base-url", base_url]
        command += ["--model", "bench", "--quiet"]
        first = time.perf_counter()
        subprocess.run(command, check=True, env=env)
        first_s = time.perf_counter() - first
        for attempt in range(3):
            started = time.perf_counter()
            subprocess.run([program, "run", "--help"], check=True, env=env, capture_output=True)
            startup = time.perf_counter() - started
            started = time.perf_counter()
            subprocess.run(command, check=True, env=env)
            elapsed = time.perf_counter() - started
            manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
            assert manifest["totals"]["model_calls"] == 0
            assert manifest["counts"]["unchanged"] == count
            started = time.perf_counter()
            asyncio.run(_engine_run(inputs, out, base_url, 16))
            in_process = time.perf_counter() - started
            manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
            assert manifest["totals"]["model_calls"] == 0
            lines.append(
                f"re-run {attempt + 1}: in process (`load_inputs` + `run_batch`) "
                f"{in_process:.2f} s; "
                f"the command: {elapsed:.2f} s for {count} articles, 0 model calls "
                f"(of which `extractor run --help` alone, i.e. start-up and imports: "
                f"{startup:.2f} s; the engine itself, run.json duration_s: "
                f"{manifest['totals']['duration_s']:.2f} s; first run {first_s:.2f} s)"
            )
            print(lines[-1], file=sys.stderr)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--serve", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=["throughput", "overhead", "cached", "stages"])
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", default="1,2,4,8,16,32,64")
    parser.add_argument(
        "--default-gc",
        action="store_true",
        help="throughput with Python's default collector thresholds (extractor run raises them)",
    )

    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(_serve(args.serve))
        return
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        work = Path(tmp)
        if args.only in (None, "throughput"):
            levels = [int(c) for c in args.concurrency.split(",")]
            with contextlib.nullcontext() if args.default_gc else fewer_collections():
                print("\n".join(throughput(work, levels, args.latency)))
        if args.only in (None, "overhead"):
            print("\n".join(overhead(work)))
        if args.only in (None, "cached"):
            print("\n".join(cached(work)))
        if args.only in (None, "stages"):
            print("\n".join(stages(work)))


if __name__ == "__main__":
    main()
