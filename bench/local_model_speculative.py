"""The embedded model with and without llama.cpp's draftless speculative decoding.

    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.local_model_speculative \\
        [--types none ngram-simple ngram-mod] [ARTICLE ...]

For each type (``LocalModelConfig.speculative``) a fresh server (the packaged model, 2
threads) is asked the pipeline's own
requests for the articles (default: seed 003), in order, through the real ``openai`` client;
prints the answer tokens, the server's generation rate and its drafted/accepted tokens per
request, the wall time, and which answers equal those of the first type. Speculative
decoding drafts tokens by matching the text so far against earlier text (the prompt holds
most of what an answer copies) and checks a draft in one batch.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

import openai

from extractor.article.pipeline import messages, prepare
from extractor.article.prompt import default_prompts_dir, load_prompt
from extractor.contract.article import RawArticle
from extractor.contract.schemas import Shape, max_events
from extractor.io.inputs import load_inputs
from extractor.io.llm import _response_format
from extractor.io.local_model import LocalModelConfig, default_cache_dir, serve
from extractor.text.numbered import chunks, listing, spans

ROOT = Path(__file__).resolve().parents[1]
Request = tuple[list[dict[str, str]], dict[str, Any]]


def requests(paths: list[Path]) -> list[Request]:
    prompt = load_prompt(default_prompts_dir())
    made = []
    for item in load_inputs(paths):
        assert isinstance(item, RawArticle), item
        parts = prepare(item)
        sentences = spans(parts.text)
        for group in chunks(sentences, 1200):  # the local model's chunk size
            listed = listing(parts.text, sentences, group)
            shape = Shape(range(group[0], group[-1] + 1), max_events(listed))
            schema = _response_format("json_schema", shape)
            made.append((messages(prompt, listed), schema))
    return made


def run(kind: str, asked: list[Request]) -> list[str]:
    config = LocalModelConfig(
        model_file=None,
        cache_dir=default_cache_dir(os.environ, Path.home()),
        verbosity=0,
        speculative=None if kind == "none" else kind,
    )
    answers, tokens = [], 0
    with serve(config) as endpoint:
        client = openai.OpenAI(base_url=endpoint.base_url, api_key=endpoint.api_key)
        started = time.perf_counter()
        for chat, response_format in asked:
            reply = client.chat.completions.create(
                model=endpoint.model,
                messages=chat,  # type: ignore[arg-type]
                temperature=0.0,
                seed=0,
                max_tokens=2048,
                extra_body={"response_format": response_format},
            )
            answers.append(reply.choices[0].message.content or "")
            used = reply.usage.completion_tokens if reply.usage else 0
            tokens += used
            timings = (reply.model_extra or {}).get("timings", {})
            print(
                f"  {kind}: {used} tokens, {timings.get('predicted_per_second', 0):.1f} "
                f"tok/s, drafted {timings.get('draft_n')}, "
                f"accepted {timings.get('draft_n_accepted')}",
                flush=True,
            )
        elapsed = time.perf_counter() - started
    print(f"{kind}: {len(asked)} requests, {tokens} answer tokens, {elapsed:.1f} s", flush=True)
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--types", nargs="+", default=["none", "ngram-simple", "ngram-mod"])
    parser.add_argument("articles", nargs="*", type=Path)
    args = parser.parse_args()
    asked = requests(args.articles or [ROOT / "seeds" / "003_4ce2d9851149de12.txt"])
    first: list[str] | None = None
    for kind in args.types:
        answers = run(kind, asked)
        if first is None:
            first = answers
        else:
            same = sum(a == b for a, b in zip(first, answers, strict=True))
            print(f"{kind}: {same} of {len(answers)} answers equal to {args.types[0]}'s")


if __name__ == "__main__":
    main()
