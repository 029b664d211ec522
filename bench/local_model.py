"""Embedded local model benchmark: load time, seconds per article, tokens/s, peak memory.

    .venv/bin/python bench/local_model.py                       # the five seeds, 1 vs 2 slots
    .venv/bin/python bench/local_model.py --parallel 1 --threads 1

For each number of parallel slots a fresh server is started (so no configuration benefits from
the other's prompt cache) and the seeds are sent through the real ``openai`` client, two
requests at a time, as the pipeline sends them: the cleaned text, the project's extraction
prompt (``prompts/``) and the strict schema narrowed to the text's numbered sentences. With one
slot the second request waits in llama.cpp's queue, so that column is also the sequential
figure.

- checksum: SHA-256 of the assembled 1.1 GB file (done before every first load);
- load: from ``serve()`` to ready (model load and warm-up; checksum excluded);
- per article: the server's own prompt and generation time for that request;
- prompt and generated tokens/s: totals over the batch from the server's ``timings``;
- batch: wall time for all seeds with two requests in flight;
- peak RSS: the process's high-water mark during that configuration (``VmHWM``, reset
  between configurations through ``/proc/self/clear_refs``).

The machine's load average is printed with the figures: other work on a 2-core machine slows
llama.cpp's threads a lot, so compare only figures taken side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema
from pydantic import ValidationError

from extractor.article.clean import clean_text
from extractor.article.pipeline import messages, numbered
from extractor.article.prompt import default_prompts_dir, load_prompt
from extractor.contract.models import ModelExtraction
from extractor.contract.schemas import Shape, max_events
from extractor.io.llm import _response_format as llm_response_format
from extractor.io.local_model import (
    DEFAULT_MODEL,
    LocalModelConfig,
    default_cache_dir,
    ensure_model_file,
    serve,
)
from extractor.text.numbered import spans

ROOT = Path(__file__).resolve().parents[1]


def _response_format(text: str) -> ResponseFormatJSONSchema:
    """What the pipeline sends: the schema narrowed to the text's numbered sentences (one
    request for the whole text, where the pipeline asks chunk by chunk)."""
    listed = range(1, len(spans(text)) + 1)
    sent = llm_response_format("json_schema", Shape(listed, max_events(text)))
    return cast(ResponseFormatJSONSchema, sent)


@dataclass
class Request:
    article: str
    wall_s: float
    prompt_n: int
    cached_n: int
    prompt_s: float
    generated_n: int
    generated_s: float
    finish_reason: str
    valid: bool
    events: int


@dataclass
class Configuration:
    n_parallel: int
    n_threads: int
    load_s: float
    batch_s: float
    peak_rss_mib: float
    load_average: tuple[float, float]
    requests: list[Request]


def _extract(client: openai.OpenAI, model: str, path: Path, max_tokens: int) -> Request:
    prompt = load_prompt(default_prompts_dir())
    text = clean_text(path.read_text("utf-8")).text  # what the pipeline sends
    started = time.monotonic()
    response = client.chat.completions.create(
        model=model,
        messages=cast(list[ChatCompletionMessageParam], messages(prompt, numbered(text))),
        response_format=_response_format(text),
        temperature=0,
        seed=0,
        max_tokens=max_tokens,
    )
    wall = time.monotonic() - started
    timings: dict[str, Any] = (response.model_extra or {}).get("timings", {})
    choice = response.choices[0]
    try:
        events = len(ModelExtraction.model_validate_json(choice.message.content or "").events)
        valid = True
    except ValidationError:
        events, valid = 0, False
    return Request(
        article=path.name,
        wall_s=wall,
        prompt_n=int(timings.get("prompt_n", 0)),
        cached_n=int(timings.get("cache_n", 0)),
        prompt_s=float(timings.get("prompt_ms", 0.0)) / 1000,
        generated_n=int(timings.get("predicted_n", 0)),
        generated_s=float(timings.get("predicted_ms", 0.0)) / 1000,
        finish_reason=str(choice.finish_reason),
        valid=valid,
        events=events,
    )


def _reset_peak_rss() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _report(request: Request, n_parallel: int, n_threads: int, log: Path | None) -> Request:
    """One line on stderr, and one JSON line in ``log`` as soon as a request is done."""
    print(
        f"  {request.article}: {request.prompt_n} prompt + {request.generated_n} generated "
        f"tokens, {request.wall_s:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    if log is not None:
        line = {"n_parallel": n_parallel, "n_threads": n_threads, **asdict(request)}
        with log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")
    return request


def run_configuration(
    seeds: list[Path],
    cache_dir: Path,
    n_parallel: int,
    n_threads: int,
    max_tokens: int,
    log: Path | None = None,
) -> Configuration:
    config = LocalModelConfig(
        model_file=None,
        cache_dir=cache_dir,
        n_threads=n_threads,
        n_parallel=n_parallel,
        verify_checksum=False,  # timed once, separately
        verbosity=0,
    )
    _reset_peak_rss()
    load_before = os.getloadavg()[0]
    print(f"{n_parallel} slot(s), {n_threads} thread(s):", file=sys.stderr, flush=True)
    with serve(config) as endpoint:
        # A queued request waits for a free slot, and llama.cpp does not cancel a request
        # whose client gave up: a client timeout and retry would generate the answer twice.
        client = openai.OpenAI(
            base_url=endpoint.base_url, api_key=endpoint.api_key, timeout=7200, max_retries=0
        )
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            requests = list(
                pool.map(
                    lambda p: _report(
                        _extract(client, endpoint.model, p, max_tokens), n_parallel, n_threads, log
                    ),
                    seeds,
                )
            )
        batch = time.monotonic() - started
        client.close()
    return Configuration(
        n_parallel=n_parallel,
        n_threads=n_threads,
        load_s=endpoint.load_s,
        batch_s=batch,
        peak_rss_mib=_peak_rss_mib(),
        load_average=(load_before, os.getloadavg()[0]),
        requests=requests,
    )


def _rate(tokens: int, seconds: float) -> float:
    return tokens / seconds if seconds else float("nan")


def render(checksum_s: float, results: list[Configuration]) -> str:
    lines = [
        f"checksum (SHA-256 of {DEFAULT_MODEL.size:,} bytes): {checksum_s:.1f} s",
        "",
        "| slots | threads | load | per article (median, range) | prompt tok/s "
        "| generated tok/s | batch of 5 | valid | peak RSS | load average |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        per_article = [r.prompt_s + r.generated_s for r in result.requests]
        prompt = _rate(
            sum(r.prompt_n for r in result.requests), sum(r.prompt_s for r in result.requests)
        )
        generated = _rate(
            sum(r.generated_n for r in result.requests),
            sum(r.generated_s for r in result.requests),
        )
        valid = sum(r.valid and r.finish_reason == "stop" for r in result.requests)
        lines.append(
            f"| {result.n_parallel} | {result.n_threads} | {result.load_s:.1f} s "
            f"| {statistics.median(per_article):.1f} s ({min(per_article):.1f}–"
            f"{max(per_article):.1f}) | {prompt:.1f} | {generated:.1f} "
            f"| {result.batch_s:.0f} s | {valid}/{len(result.requests)} "
            f"| {result.peak_rss_mib:,.0f} MiB "
            f"| {result.load_average[0]:.1f} → {result.load_average[1]:.1f} |"
        )
    lines += ["", "| slots | article | prompt (cached) | generated | stop | events | wall |"]
    lines.append("|---:|---|---:|---:|---|---:|---:|")
    for result in results:
        for r in result.requests:
            lines.append(
                f"| {result.n_parallel} | {r.article} | {r.prompt_n} ({r.cached_n}) "
                f"| {r.generated_n} | {r.finish_reason} | {r.events} | {r.wall_s:.1f} s |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--parallel", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--max-tokens", type=int, default=2048)
    parser.add_argument("--json", type=Path, default=None, help="also write raw figures here")
    parser.add_argument("--log", type=Path, default=None, help="append each request (JSON lines)")
    args = parser.parse_args()

    cache_dir = args.cache_dir or default_cache_dir(os.environ, Path.home())
    seeds = sorted(args.seeds.glob("*.txt"))
    ensure_model_file(cache_dir)  # assembles on first use; then a full verification:
    started = time.monotonic()
    ensure_model_file(cache_dir)
    checksum_s = time.monotonic() - started

    results = [
        run_configuration(seeds, cache_dir, n, args.threads, args.max_tokens, args.log)
        for n in args.parallel
    ]
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs")
    print(render(checksum_s, results))
    if args.json:
        raw = {"checksum_s": checksum_s, "configurations": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(raw, indent=2))


if __name__ == "__main__":
    main()
