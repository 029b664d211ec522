"""Byte-identical rebuild check, for restructures that must not change behaviour.

Two steps, run by two versions of the code:

    python -m bench.rebuild_identical record DIR   # the old code: runs with answers cached
    python -m bench.rebuild_identical check DIR    # the new code: rebuild from those caches

``record`` runs ``extractor run`` over the seeds, MEANTIME and ECB+ (about 900 articles)
against a fake endpoint that makes up a varied answer for each chunk from the chunk itself:
events on its sentences, actors and places from capitalised words, date expressions found in
the text (and some that are not), quotes by number, copied, altered and invented, indirect
speech, repeated events. The answers are arbitrary; what matters is that they reach every
branch of the code that turns an answer into a document.

``check`` copies each run's cache into a new folder, runs the same command against an endpoint
that refuses every request (so each document must come from the cache), and compares every
document and ``events.jsonl`` byte for byte, except two provenance values that differ from run
to run by nature: ``duration_s`` (the time of this build) and ``endpoint`` (the fake's port).
Those two are blanked in both files first, in the raw bytes. It exits 1 if any file differs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, completion
from tests.shared_data import ecbplus, meantime

ROOT = Path(__file__).resolve().parent.parent
EXTRACTOR = ROOT / ".venv" / "bin" / "extractor"
CACHE = ".extractor-cache.sqlite"

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NAME = re.compile(r"\b(?:[A-Z][a-z]+\.? ){0,2}[A-Z][a-z]+\b")
_PLACE = re.compile(r"\b(?:in|at|from) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_WHEN = re.compile(
    r"\b(?:(?:on |last |next |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)|yesterday|today|tomorrow|last (?:week|month|year)|(?:in )?(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December)(?: \d{1,2})?"
    r"(?:,? \d{4})?|\d{4}|earlier this (?:week|month|year)|two days ago|next week)\b",
    re.IGNORECASE,
)
_QUOTE_LINE = re.compile(r"^Q(\d+): (.*)$", re.MULTILINE)
_SPEAKERS = ["he", "she", "the minister", "a spokesman", "officials", "Jane Roe"]
_INVENTED_WHEN = ["the other day", "in the spring of 1999", "on Thursday", "two weeks later"]


def answer_for(user: str, seed: int) -> dict[str, Any]:
    """A made-up but varied answer for one chunk (the user message), the same every time."""
    article = user.split("Article:\n", 1)[-1]
    quotes = _QUOTE_LINE.findall(user.split("Article:\n", 1)[0])
    rng = random.Random(f"{seed}:{article}")
    sentences = [s.strip() for s in _SENTENCE.findall(article) if len(s.split()) > 3]
    picked = rng.sample(sentences, min(len(sentences), rng.randint(0, 7)))
    events = [_event(sentence, quotes, rng) for sentence in picked]
    if events and rng.random() < 0.3:
        events.append(dict(events[0]))  # the same event told twice
    return {"events": events}


def _event(sentence: str, quotes: list[tuple[str, str]], rng: random.Random) -> dict[str, Any]:
    names = _NAME.findall(sentence)
    place = _PLACE.search(sentence)
    when = _WHEN.search(sentence)
    statements = []
    for number, words in rng.sample(quotes, min(len(quotes), rng.randint(0, 3))):
        kind = rng.random()
        if kind < 0.5:
            text = f"Q{number}"
        elif kind < 0.7:
            text = words
        elif kind < 0.85:
            text = words[: max(1, len(words) // 2)] + " indeed"
        else:
            text = "something nobody wrote"
        speaker = rng.choice(names) if names and rng.random() < 0.7 else rng.choice(_SPEAKERS)
        statements.append({"kind": "direct", "text": text, "speaker": speaker})
    if rng.random() < 0.3:
        statements.append(
            {"kind": "indirect", "text": sentence[:80], "speaker": rng.choice(names or _SPEAKERS)}
        )
    description = sentence[:120] if rng.random() < 0.8 else rng.choice(["said", "told reporters"])
    actors = rng.sample(names, min(len(names), 3)) + ["industry experts"] * (rng.random() < 0.1)
    if place is None:
        where = rng.choice(["Brussels", None]) if rng.random() < 0.2 else None
    else:
        where = place.group(1)
    if when is None:
        written = rng.choice(_INVENTED_WHEN) if rng.random() < 0.2 else None
    else:
        written = when.group(0)
    return {
        "description": description,
        "actors": actors,
        "place": where,
        "when": written,
        "tense": rng.choice(["past", "present", "future", None]),
        "statements": statements,
    }


def _responder(request: Recorded) -> Reply:
    user = request.body["messages"][-1]["content"]
    return completion(json.dumps(answer_for(user, 17)))


def _refuse(request: Recorded) -> Reply:
    return Reply(status=400, body=b'{"error": {"message": "rebuild check: no model calls"}}')


def _corpora() -> dict[str, list[str]]:
    return {
        "seeds": [str(ROOT / "seeds")],
        "meantime": [str(meantime("articles")), "--manifest", str(meantime("manifest.jsonl"))],
        "ecbplus": [str(ecbplus("articles")), "--manifest", str(ecbplus("manifest.jsonl"))],
    }


def _run(args: list[str], base_url: str, out: Path) -> int:
    command = [str(EXTRACTOR), "run", *args, "--out", str(out), "--base-url", base_url]
    command += ["--model", "fake-model", "--api-key", "unused", "--concurrency", "8"]
    return subprocess.run(command, capture_output=True, text=True).returncode


def record(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with FakeEndpoint(_responder) as endpoint:
        for name, args in _corpora().items():
            out = folder / name
            code = _run(args, endpoint.base_url, out)
            (folder / f"{name}.args.json").write_text(json.dumps(args))
            print(f"{name}: exit {code}, {len(list((out / 'articles').glob('*.json')))} documents")


def check(folder: Path) -> int:
    differences = 0
    with FakeEndpoint(_refuse) as endpoint:
        for args_file in sorted(folder.glob("*.args.json")):
            name = args_file.name.removesuffix(".args.json")
            old, new = folder / name, folder / f"{name}.rebuilt"
            shutil.rmtree(new, ignore_errors=True)
            new.mkdir()
            shutil.copy(old / CACHE, new / CACHE)
            _run(json.loads(args_file.read_text()), endpoint.base_url, new)
            differences += _compare(old, new, name)
    print("byte-identical" if differences == 0 else f"{differences} files differ")
    return 1 if differences else 0


_VOLATILE = re.compile(rb'("duration_s": )[0-9.e-]+|("endpoint": )"[^"]*"')


def _bytes(path: Path) -> bytes:
    return _VOLATILE.sub(lambda m: (m.group(1) or m.group(2)) + b"-", path.read_bytes())


def _compare(old: Path, new: Path, name: str) -> int:
    old_docs = sorted(p.name for p in (old / "articles").glob("*.json"))
    new_docs = sorted(p.name for p in (new / "articles").glob("*.json"))
    if old_docs != new_docs:
        print(f"{name}: {len(set(old_docs) ^ set(new_docs))} documents made on one side only")
        return 1
    differ = [n for n in old_docs if _bytes(old / "articles" / n) != _bytes(new / "articles" / n)]
    if _bytes(old / "events.jsonl") != _bytes(new / "events.jsonl"):
        differ.append("events.jsonl")
    print(f"{name}: {len(old_docs)} documents, {len(differ)} differ {differ[:5]}")
    return len(differ)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["record", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.step == "record":
        record(args.folder)
        return 0
    return check(args.folder)


if __name__ == "__main__":
    sys.exit(main())
