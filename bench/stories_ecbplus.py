"""Stories on ECB+: how well the linker groups articles, and their events, into stories.

Data: the ECB+ corpus (Agata Cybulska and Piek Vossen, 2014, "Using a sledgehammer to crack a
nut? Lexical diversity and event coreference resolution", LREC 2014), annotation (c) Cybulska,
Vossen and VU University Amsterdam under CC BY 3.0
(http://creativecommons.org/licenses/by/3.0/), as converted in ../shared/data/ecbplus (see its
README for the changes made). The scorer is ../shared/tools/score_clusters.py.

    python -m bench.stories_ecbplus RUN_DIR [--half dev|test] [--signals] [--json FILE]

RUN_DIR is an ``extractor run`` over ECB+ articles (``articles/<id>.json``, ids as in the
corpus, e.g. ``1_3ecb``). Topics are split as in eval/speakers: odd topics are the dev half,
even topics the test half; only the documents of the chosen half are linked and scored.

- documents: each document's story is the story holding most of its events (ties: the one
  with more articles, then the smaller id; ``--documents shared``: documents sharing any story
  are one cluster); B-cubed and pairwise scores against the gold subtopics, beside the
  baselines "one cluster per topic" and "every document alone".
- events: each event is placed at its ``trigger`` where the document gives one (a newer
  pipeline's field, read here only), else at a word of the sentence it retells (the word
  sharing its beginning with a word of its description, else the whole sentence), and scored
  over the gold event mentions it overlaps (the scorer's matching), beside its baselines.

ECB+ gives no publication dates: only the events' own resolved dates are dates here. No gold
annotation is used by the linker: gold is read only to score.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.contract.models import ArticleDocument
from extractor.stories import DEFAULT_RULES, Facts, Key, Rules, document_facts, link
from extractor.text.sentences import Sentences
from extractor.text.words import content_words

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
DATA = SHARED / "data" / "ecbplus"
SCORER = SHARED / "tools" / "score_clusters.py"
HALVES = ("dev", "test")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
STEM = 4  # letters a word shares with a description's word to be the event's trigger

# The signals measured one after another (--signals): each row adds one to the one before;
# the last row is the default with a place clash keeping events apart (``place_veto``).
_LATER = {"use_words": False, "complete_names": False, "block_places": False}
SIGNALS: list[tuple[str, Rules]] = [
    (
        "actors alone",
        Rules(use_dates=False, use_places=False, use_quotes=False, use_kinds=False, **_LATER),
    ),
    ("+ dates", Rules(use_places=False, use_quotes=False, use_kinds=False, **_LATER)),
    ("+ places, as evidence", Rules(use_quotes=False, use_kinds=False, **_LATER)),
    ("+ shared quotes", Rules(use_kinds=False, **_LATER)),
    ("+ action kind", Rules(**_LATER)),
    ("+ what the descriptions say", Rules(complete_names=False, block_places=False)),
    ("+ events naming nobody compared by place", Rules(complete_names=False)),
    ("+ a surname as its article's full name (default)", DEFAULT_RULES),
    ("default, and a place clash keeps apart", Rules(place_veto=True)),
]


def half_of(article_id: str) -> str:
    topic = int(article_id.split("_", 1)[0])
    return "dev" if topic % 2 else "test"


def _lenient(data: Any) -> ArticleDocument:
    """The document, leaving out fields this version does not know (a newer pipeline's
    documents carry more): every extra field pydantic names is dropped, then it is read."""
    while True:
        try:
            return ArticleDocument.model_validate(data)
        except ValidationError as exc:
            extra = [e["loc"] for e in exc.errors() if e["type"] == "extra_forbidden"]
            if not extra:
                raise
            for loc in extra:
                *path, last = loc
                holder = data
                for part in path:
                    holder = holder[part]
                holder.pop(last, None)


def load_run(run: Path, half: str) -> tuple[list[ArticleDocument], dict[tuple[str, str], Any]]:
    """The run's documents of ``half``, and each event's ``trigger`` where a newer pipeline
    gives one (for placing it in the text; the linker never reads it)."""
    docs, triggers = [], {}
    for path in sorted((run / "articles").rglob("*.json")):
        data = json.loads(path.read_bytes())
        if half_of(data["id"]) != half:
            continue
        for event in data.get("events", []):
            if event.get("trigger") is not None:
                triggers[data["id"], event["id"]] = event["trigger"]
        docs.append(_lenient(data))
    return docs, triggers


def document_clusters(docs: Sequence[ArticleDocument], ids: dict[Key, str]) -> dict[str, str]:
    """Each document's story: the one holding most of its events."""
    articles: dict[str, set[str]] = defaultdict(set)
    for (article_id, _), sid in ids.items():
        articles[sid].add(article_id)
    out = {}
    for doc in docs:
        counts = Counter(ids[doc.id, e.id] for e in doc.events)
        out[doc.id] = (
            min(counts, key=lambda s: (-counts[s], -len(articles[s]), s)) if counts else doc.id
        )
    return out


def shared_clusters(docs: Sequence[ArticleDocument], ids: dict[Key, str]) -> dict[str, str]:
    """Documents joined when they share a story (connected components)."""
    parent = {d.id: d.id for d in docs}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for (article_id, _), sid in sorted(ids.items()):
        other = first.setdefault(sid, article_id)
        a, b = root(article_id), root(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {d.id: root(d.id) for d in docs}


DOCUMENTS = {"main": document_clusters, "shared": shared_clusters}


def trigger(doc: ArticleDocument, description: str, sentences: Sentences) -> tuple[int, int]:
    """Where the event's mention is taken to be: a word of its sentence sharing its beginning
    with a word of its description; the whole sentence when none does."""
    bounds = sentences.retold(description) or (0, min(len(doc.text), 1))
    wanted = {w[:STEM] for w in content_words(description) if len(w) >= STEM}
    start, end = bounds
    for m in _WORD.finditer(doc.text, start, end):
        word = m.group()
        if word[0].islower() and word.lower()[:STEM] in wanted:
            return m.start(), m.end()
    return bounds


def original_offsets(
    doc: ArticleDocument, original: str, span: tuple[int, int]
) -> tuple[int, int] | None:
    """The span in the corpus file (the cleaned text may have dropped lines)."""
    if doc.text == original:
        return span
    start, end = span
    context = doc.text[max(0, start - 30) : end + 30]
    at = original.find(context)
    if at < 0:
        at = original.find(doc.text[start:end])
        return (at, at + end - start) if at >= 0 else None
    shift = at - max(0, start - 30)
    return start + shift, end + shift


def given_trigger(value: Any) -> tuple[int, int] | None:
    """A trigger's offsets, whether given as a span or as an object holding one."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            return value["start"], value["end"]
        return given_trigger(value.get("span"))
    return None


def event_rows(
    docs: Sequence[ArticleDocument],
    ids: dict[Key, str],
    data: Path,
    triggers: dict[tuple[str, str], Any],
) -> list[dict[str, Any]]:
    rows = []
    for doc in docs:
        original = (data / "articles" / f"{doc.id}.txt").read_text(encoding="utf-8")
        sentences = Sentences(doc.text)
        for event in doc.events:
            at = given_trigger(triggers.get((doc.id, event.id)))
            at = at or trigger(doc, event.description, sentences)
            span = original_offsets(doc, original, at)
            if span is not None and span[0] < span[1]:
                rows.append(
                    {
                        "id": doc.id,
                        "char_start": span[0],
                        "char_end": span[1],
                        "cluster": ids[doc.id, event.id],
                    }
                )
    return rows


def _gold(data: Path, name: str, ids: set[str], half: str, folder: Path) -> Path:
    """The gold file's rows for ``ids``, with their split set to ``half``."""
    path = folder / name
    with (data / name).open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for line in src:
            row = json.loads(line)
            if row["id"] in ids:
                out.write(json.dumps({**row, "split": half}) + "\n")
    return path


def score(gold: Path, pred: list[dict[str, Any]], folder: Path, *events: str) -> dict[str, Any]:
    path = folder / ("pred-events.jsonl" if events else "pred.jsonl")
    path.write_text("".join(json.dumps(r) + "\n" for r in pred), encoding="utf-8")
    command = [sys.executable, str(SCORER), *events, str(gold), str(path), "--json"]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def measure(
    docs: Sequence[ArticleDocument],
    triggers: dict[tuple[str, str], Any],
    rules: Rules,
    data: Path,
    half: str,
    how: str = "main",
) -> dict[str, Any]:
    facts: list[Facts] = [f for doc in docs for f in document_facts(doc, rules)]
    ids = link(facts, rules=rules)
    wanted = {d.id for d in docs}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = _gold(data, "manifest.jsonl", wanted, half, folder)
        gold = _gold(data, "gold.jsonl", wanted, half, folder)
        clusters = DOCUMENTS[how](docs, ids)
        documents = score(manifest, [{"id": d, "cluster": c} for d, c in clusters.items()], folder)
        events = score(gold, event_rows(docs, ids, data, triggers), folder, "--events")
    return {
        "documents": documents,
        "events": events,
        "stories": len(set(ids.values())),
        "events_linked": len(ids),
    }


def _line(name: str, s: dict[str, float | None]) -> str:
    cells = (s["b3_p"], s["b3_r"], s["b3_f1"], s["pair_p"], s["pair_r"], s["pair_f1"])
    return f"| {name} | " + " | ".join("n/a" if c is None else f"{c:.3f}" for c in cells) + " |"


def table(title: str, result: dict[str, Any]) -> list[str]:
    info = ", ".join(
        f"{k.replace('_', ' ')} {v if isinstance(v, int) else f'{v:.3f}'}"
        for k, v in result["info"].items()
    )
    lines = [
        f"{title} ({info})",
        "",
        "| system | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [_line(name, s) for name, s in result["systems"].items()]
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("--half", choices=HALVES, default="dev")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--signals", action="store_true", help="measure each signal in turn")
    ap.add_argument("--json", type=Path, help="also write the scores as JSON")
    ap.add_argument(
        "--documents",
        choices=sorted(DOCUMENTS),
        default="main",
        help="a document's story: the one holding most of its events (main), or every "
        "document sharing a story with it (shared)",
    )
    a = ap.parse_args(argv)
    docs, triggers = load_run(a.run, a.half)
    if not docs:
        print(f"no {a.half} documents in {a.run / 'articles'}", file=sys.stderr)
        return 2
    print(f"{len(docs)} {a.half} documents of {a.run}, {sum(len(d.events) for d in docs)} events")
    variants = SIGNALS if a.signals else [("default", DEFAULT_RULES)]
    results = {}
    for name, rules in variants:
        result = measure(docs, triggers, rules, a.data, a.half, a.documents)
        results[name] = {**result, "rules": dataclasses.asdict(rules)}
        print(f"\n## {name}: {result['stories']} stories of {result['events_linked']} events\n")
        print("\n".join(table("documents", result["documents"])))
        print("\n".join(table("events", result["events"])))
    if a.json:
        a.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
