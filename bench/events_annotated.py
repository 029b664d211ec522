"""Events against a sentence-level annotation (issue 19): the seeds' events as an analyst
would list them, in ``eval/events/seeds-annotation.json`` (annotated by a helper that read
only the five seed texts, never a run; see its ``guidelines``).

    .venv/bin/python -m bench.events_annotated RUN_DIR [--annotation FILE]
        [--baseline lede|every-sentence] [--json FILE]

How it is scored (each gold event and each of our events used once, as the maintainers score
the seeds):

- A gold event's sentences are located in the document's cleaned ``text`` (exact, else with
  whitespace normalised). Our event's sentences are its ``sentences`` spans.
- **Matched**: gold events in annotation order each take the first unused event of ours whose
  sentences overlap one of theirs, preferring one whose trigger overlaps the gold trigger.
  Recall = matched / gold events; precision = matched / our events.
- **Who / where / when** on matched pairs with a gold value, as in ``bench.events_ecbplus``:
  right when one of ours and one gold value have overlapping spans or the words of one (a
  courtesy title in front left out) are a run of the other's words. **Tense**: equal to the
  gold tense.
- Baselines on the same texts: ``lede`` (one event on the first sentence after the title, the
  names of that line as actors) and ``every-sentence`` (one per line).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench.events_ecbplus import BASELINES, Value, matches, overlaps, run_documents

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "eval" / "events" / "seeds-annotation.json"
SLOTS = ("who", "where", "when")

Json = dict[str, Any]
Offsets = tuple[int, int]


def find(text: str, sentence: str) -> Offsets | None:
    """``sentence`` in ``text``: exact, else with any run of whitespace matching any other."""
    at = text.find(sentence)
    if at >= 0:
        return at, at + len(sentence)
    pattern = r"\s+".join(re.escape(word) for word in sentence.split())
    found = re.search(pattern, text)
    return None if found is None else (found.start(), found.end())


def _span(item: Json | None) -> Offsets | None:
    span = (item or {}).get("span")
    return None if not span else (span["start"], span["end"])


def _ours(event: Json) -> tuple[list[Offsets], Offsets | None, dict[str, list[Value]]]:
    sentences = [(s["start"], s["end"]) for s in event.get("sentences") or []]
    when = event.get("when")
    slots = {
        "who": [Value(a["text"], _span(a)) for a in event.get("actors") or []],
        "where": [Value(event["place"]["text"], _span(event["place"]))]
        if event.get("place")
        else [],
        "when": [Value(when["expression"], _span(when))] if when else [],
    }
    return sentences, _span(event.get("trigger")), slots


def _gold(event: Json, text: str) -> tuple[list[Offsets], Offsets | None, dict[str, list[Value]]]:
    sentences = [s for s in (find(text, x) for x in event["sentences"]) if s is not None]
    trigger = None
    if sentences and event.get("trigger"):
        first = sentences[0]
        at = text.find(event["trigger"], first[0], first[1])
        trigger = None if at < 0 else (at, at + len(event["trigger"]))
    slots = {
        "who": [Value(w, None) for w in event.get("who") or []],
        "where": [Value(event["where"], None)] if event.get("where") else [],
        "when": [Value(event["when"], None)] if event.get("when") else [],
    }
    return sentences, trigger, slots


def _result(ours: list[Value], gold: list[Value]) -> str | None:
    if not gold:
        return None
    return "right" if any(matches(o, g) for o in ours for g in gold) else "wrong"


def score(golds: list[Json], text: str, events: list[Json], tally: Counter[str]) -> None:
    """Match one article's gold events to ``events`` (each used once) into ``tally``."""
    ours = [_ours(e) for e in events]
    used: set[int] = set()
    tally["gold"] += len(golds)
    tally["ours"] += len(events)
    for gold in golds:
        sentences, trigger, slots = _gold(gold, text)
        if not sentences:
            tally["gold_not_located"] += 1
            continue
        fits = [
            n
            for n, (spans, _, _) in enumerate(ours)
            if n not in used and any(overlaps(a, b) for a in spans for b in sentences)
        ]
        if not fits:
            continue
        best = next((n for n in fits if overlaps(ours[n][1], trigger)), fits[0])
        used.add(best)
        tally["matched"] += 1
        tally["trigger_right"] += overlaps(ours[best][1], trigger)
        tense = events[best].get("tense")
        tally["tense_right"] += tense == gold.get("tense")
        for slot in SLOTS:
            result = _result(ours[best][2][slot], slots[slot])
            if result is not None:
                tally[f"{slot}_{result}"] += 1


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def figures(tally: Counter[str]) -> Json:
    recall = _share(tally["matched"], tally["gold"])
    precision = _share(tally["matched"], tally["ours"])
    f1 = round(2 * recall * precision / (recall + precision), 3) if recall and precision else None
    result: Json = {
        "gold events": tally["gold"],
        "our events": tally["ours"],
        "matched": tally["matched"],
        "recall": recall,
        "precision": precision,
        "f1": f1,
        "trigger": _share(tally["trigger_right"], tally["matched"]),
        "tense": _share(tally["tense_right"], tally["matched"]),
    }
    for slot in SLOTS:
        right, wrong = tally[f"{slot}_right"], tally[f"{slot}_wrong"]
        result[slot] = f"{_share(right, right + wrong)} ({right}/{right + wrong})"
    if tally["gold_not_located"]:
        result["gold sentences not found in the text"] = tally["gold_not_located"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("run", type=Path, help="a run directory (--out of run)")
    parser.add_argument("--annotation", type=Path, default=DEFAULT)
    parser.add_argument("--baseline", choices=sorted(BASELINES))
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    annotation = json.loads(args.annotation.read_text(encoding="utf-8"))
    by_article: dict[str, list[Json]] = {}
    for event in annotation["events"]:
        by_article.setdefault(event["article"], []).append(event)
    docs = run_documents(args.run)
    tally: Counter[str] = Counter()
    for article, golds in sorted(by_article.items()):
        doc = docs.get(article)
        if doc is None:
            print(f"{article}: no document, scored as no events", file=sys.stderr)
            tally["gold"] += len(golds)
            continue
        text = doc["text"]
        events = BASELINES[args.baseline](text) if args.baseline else doc["events"]
        score(golds, text, events, tally)
    result = figures(tally)
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
