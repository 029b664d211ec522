"""The model's speakers beside the text's: which to trust for a quote (issue 16).

Data: the ECB+ quote set of eval/speakers (Cybulska & Vossen, LREC 2014; CC BY 3.0,
http://creativecommons.org/licenses/by/3.0/), texts from ../shared/data/ecbplus.

    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.speakers_model --half dev
        [--threads 2] [--answers FILE] [--json FILE]
    .venv/bin/python -m bench.speakers_model --half dev --base-url URL --model NAME
        [--api-key-env VAR]     # any OpenAI-compatible endpoint instead of the embedded model

For each article of the half, one request through the real ``openai`` client (to the embedded
local model, or to ``--base-url``; the key is read from ``--api-key-env``, never printed): the
article's text and its gold quotes listed as ``Q1: …`` (their first words), and a strict schema
asking the speaker of each, or null when the article does not say.
The answers are kept in ``--answers`` (JSON, by article id) so a second scoring costs no model
time. Scored as ``bench/speakers_heldout.py`` scores (*source-found*, ``name_matches``), side by
side:

- ``text``: the project's attribution (the parse's cue, the rule tables where it gives none);
- ``model``: the model's answer alone;
- ``text, else model``: the model's answer only where the text names no speaker;
- ``said-rule``: the trivial baseline.

The prompt here is this benchmark's own, not the extraction prompt: the default extraction
prompt does not ask for speakers (an event's quotes come from the text's attribution).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import openai

from bench import speakers_heldout as held
from extractor.evaluation import name_matches
from extractor.io.local_model import LocalModelConfig, default_cache_dir, serve

_SYSTEM = "You name who said each quoted passage of a news article. Answer with JSON only."
_USER = """Article:
<<<
{text}
>>>
The quoted passages of the article, numbered:
{quotes}

For each passage, give who said or wrote it, named in full as the article names them (a
person, an organisation, or a document such as a letter or report); an unnamed speaker as the
article describes them ("a police spokesman"); null when the article does not say who.
Never answer with a pronoun."""
_WORDS = 14  # the first words of a quote shown to the model


def _schema(count: int) -> dict[str, Any]:
    item = {
        "type": "object",
        "properties": {
            "quote": {"type": "integer", "enum": list(range(1, count + 1))},
            "speaker": {"type": ["string", "null"]},
        },
        "required": ["quote", "speaker"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"speakers": {"type": "array", "items": item, "maxItems": count}},
        "required": ["speakers"],
        "additionalProperties": False,
    }


def _listed(text: str, spans: list[tuple[int, int]]) -> str:
    lines = []
    for number, (start, end) in enumerate(spans, 1):
        words = text[start:end].split()
        shown = " ".join(words[:_WORDS]) + (" …" if len(words) > _WORDS else "")
        lines.append(f"Q{number}: “{shown}”")
    return "\n".join(lines)


def ask(
    client: openai.OpenAI, model: str, text: str, spans: list[tuple[int, int]]
) -> list[str | None]:
    """The model's speaker of each quote (None where it gives none)."""
    reply = client.chat.completions.create(
        model=model,
        messages=[
            {"role": "system", "content": _SYSTEM},
            {"role": "user", "content": _USER.format(text=text, quotes=_listed(text, spans))},
        ],
        temperature=0,
        max_tokens=24 * len(spans) + 16,
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "speakers", "strict": True, "schema": _schema(len(spans))},
        },
    )
    named: list[str | None] = [None] * len(spans)
    try:
        items = json.loads(reply.choices[0].message.content or "{}").get("speakers", [])
    except json.JSONDecodeError:
        return named
    for item in items:
        number, speaker = item.get("quote"), item.get("speaker")
        fits = isinstance(number, int) and 1 <= number <= len(spans)
        if fits and speaker and speaker.strip().lower() not in held._PRONOUNS:
            named[number - 1] = speaker.strip()
    return named


def _answer(
    client: openai.OpenAI,
    model: str,
    golds: list[held.SpeakerGoldArticle],
    kept: dict[str, list[str | None]],
    answers: Path | None,
) -> None:
    """Ask the model about each of ``golds``, into ``kept`` (and ``answers`` after each)."""
    for gold in golds:
        text = held._text(gold.id, held.DEFAULT_DATA)
        spans = [(q.start or 0, q.end or 0) for q in gold.quotes]
        started = time.monotonic()
        kept[gold.id] = ask(client, model, text, spans)
        print(f"{gold.id}: {time.monotonic() - started:.1f} s", file=sys.stderr)
        if answers:
            answers.write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--half", choices=held.HALVES, default="dev")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--answers", type=Path, help="the model's answers, kept and reused")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--base-url", help="an OpenAI-compatible endpoint (default: embedded)")
    parser.add_argument("--model", default="", help="the endpoint's model name")
    parser.add_argument("--api-key-env", default="OPENAI_API_KEY", help="its key's variable")
    args = parser.parse_args(argv)
    golds = [held.load(p) for p in sorted((held.DEFAULT_GOLD / args.half).glob("*.json"))]
    kept: dict[str, list[str | None]] = {}
    if args.answers and args.answers.is_file():
        kept = json.loads(args.answers.read_text(encoding="utf-8"))
    missing = [g for g in golds if g.id not in kept]
    if missing and args.base_url:
        key = os.environ.get(args.api_key_env) or "none"
        client = openai.OpenAI(base_url=args.base_url, api_key=key, timeout=600, max_retries=2)
        _answer(client, args.model, missing, kept, args.answers)
    elif missing:
        config = LocalModelConfig(
            model_file=None,
            cache_dir=default_cache_dir(os.environ, Path.home()),
            n_threads=args.threads,
            verbosity=0,
        )
        with serve(config) as endpoint:
            client = openai.OpenAI(
                base_url=endpoint.base_url, api_key=endpoint.api_key, timeout=3600, max_retries=0
            )
            _answer(client, endpoint.model, missing, kept, args.answers)
    systems = ("said-rule", "text", "model", "text, else model")
    found = dict.fromkeys(systems, 0)
    named = dict.fromkeys(systems, 0)
    total = 0
    for gold in golds:
        text = held._text(gold.id, held.DEFAULT_DATA)
        spans = [(q.start or 0, q.end or 0) for q in gold.quotes]
        by_text = held.parser(text, spans)
        by_rule = held.each(held.said_rule)(text, spans)
        by_model = kept[gold.id]
        for i, quote in enumerate(gold.quotes):
            total += 1
            accepted = [gold.names_of(n) for n in (quote.speaker, *quote.other_speakers)]
            answers = {
                "said-rule": by_rule[i],
                "text": by_text[i],
                "model": by_model[i],
                "text, else model": by_text[i] or by_model[i],
            }
            for system, answer in answers.items():
                if answer:
                    named[system] += 1
                    if any(name_matches(answer, names) for names in accepted):
                        found[system] += 1
    print(f"half: {args.half}, {len(golds)} articles, {total} quotes")
    print("| system | attributed | source-found | share |")
    print("|---|---:|---:|---:|")
    for system in systems:
        print(f"| {system} | {named[system]} | {found[system]} | {found[system] / total:.3f} |")
    if args.json:
        figures = {s: {"attributed": named[s], "found": found[s], "quotes": total} for s in systems}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
