"""Events on ECB+ (issue 19): recall of the annotated seminal events, and who / where / when.

Data: the ECB+ corpus (Cybulska & Vossen, LREC 2014; (c) Agata Cybulska, Piek Vossen and VU
University Amsterdam; CC BY 3.0, http://creativecommons.org/licenses/by/3.0/legalcode), as
converted in ../shared/data/ecbplus (see its README for the changes made).

    .venv/bin/python -m bench.events_ecbplus [RUN_DIR] [--half dev|test]
        [--baseline lede|every-sentence] [--ids FILE] [--data PATH] [--json FILE]

Split (as eval/speakers): odd topics are ``dev``, even topics ``test`` (``--half``, default
dev). Articles scored: those of the half with a document in ``RUN_DIR/documents/`` (or
``RUN_DIR/articles/``, the run's own layout; sub-folders too, the id is the document's), plus
those its ``run.json`` lists as failed (no events). Without RUN_DIR, the baselines alone on
every article of the half. ``--ids`` keeps only the articles it lists.

How each figure is scored:

- **Gold events**: the (article, instance) pairs of the event mentions (ACTION_*, NEG_ACTION_*)
  whose cross-document ``instance`` occurs in 2 or more articles of the whole corpus and that
  lie in a coref sentence (``in_coref_sentence``); each pair once, with all such mentions.
- **Lines**: ECB+ writes one sentence a line. Each line of the ECB+ file is located in the
  document's cleaned ``text`` (whitespace-normalised equality with the next cleaned lines, else
  a near match, ratio >= 0.9, with the next one); a line found nowhere was removed by cleaning.
  A gold mention's offsets are moved to its line in the cleaned text (its text nearest to its
  place there when cleaning changed the line). A pair whose mentions all lie on removed lines
  is counted apart (*removed by cleaning*) and left out of recall.
- **Our event's lines**: when the event has ``sentences`` (schema 1.5.0 on), the cleaned line
  that holds most of each sentence span; else (and when they are empty) the line of its trigger;
  else the line holding most of the starts of its spans (actors, place, when, quotes), ties to the
  earliest. An event with none of these is *unlocated*.
- **Recall**: a pair is found when one of its mentions lies on a line of one of our events.
- **Events in no annotated line**: located events whose lines hold no action mention (of any
  kind, with or without an instance) in a coref sentence. *≈precision* is the share of all our
  events (unlocated ones count against) whose lines hold one. Approximate: ECB+ annotates only
  a few sentences of each article exhaustively, so a true event elsewhere counts as a miss.
- **Matched event**: for a found pair, among our events on one of its mentions' lines, the best
  one: a trigger on a gold mention first, then the most slots right, then the earliest.
- **Trigger**: over found pairs whose matched event has a trigger span: the trigger overlaps one
  of the pair's gold mentions.
- **Who / where / when**: the gold slot is the union, over the pair's mentions on the matched
  event's lines, of the mentions' sentence arguments (ECB+ attaches them by sentence):
  HUMAN_PART_* for who, LOC_* for where, TIME_* for when. Ours: the actors; the place; the
  ``when`` (expression and span). Right when one of ours matches one gold argument: the spans
  overlap, or the words (case-folded ``\\w+``, a courtesy title in front left out: "Ms.
  Ruiz" and "Gov. Ana Ruiz" match) of one are a run of the other's words. Accuracy is over
  the found pairs whose gold slot is non-empty (giving nothing is wrong); *given, gold none*
  counts the found pairs whose gold slot is empty where we give a value.
- **Who, same entity**: who again, a gold participant standing for every HUMAN_PART_* mention
  of the article with its entity ``instance`` (ECB+'s entity coreference): an actor named in
  full where the sentence says "she" or "the actress" is right. The best match of a pair is
  still chosen on who / where / when.
- **s/article**: mean ``provenance.duration_s`` of the documents.

Baselines (no model, on the ECB+ text itself): ``lede``, one event per article on the first
non-empty line after line 0 (the headline) with the capitalised names of that line as its
actors; ``every-sentence``, one such event per non-empty line (a recall ceiling).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The shared data: ../shared beside the repository, or $EXTRACTOR_SHARED_DATA (as in the tests).
SHARED = Path(os.environ.get("EXTRACTOR_SHARED_DATA") or ROOT.parent / "shared")
DEFAULT_DATA = SHARED / "data" / "ecbplus"
HALVES = ("dev", "test")
SLOTS = ("who", "where", "when")
# who again, a gold participant standing for every mention of its entity in the article
WHO_ENTITY = "who_entity"
SCORED = (*SLOTS, WHO_ENTITY)
SLOT_TAGS = {"who": "HUMAN_PART", "where": "LOC_", "when": "TIME_"}
NEAR = 0.9  # a cleaned line this close to an ECB+ line is that line, changed by cleaning

# A name: capitalised words in a row; a name of only these words is none.
_NAME = re.compile(r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*")
# fmt: off
_NOT_NAMES = frozenset({
    "a", "an", "the", "he", "she", "it", "i", "we", "they", "you", "his", "her", "its", "their",
    "this", "that", "these", "those", "in", "on", "at", "but", "and", "or", "if", "when", "after",
    "before", "as", "for", "from", "by", "with", "of", "to",
})
# fmt: on
_WORD = re.compile(r"\w+")
# Courtesy titles and their abbreviations, left out of a name's words before comparing
# ("Ms. Ruiz" and "Gov. Ana Ruiz" are one person).
# fmt: off
_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "gov", "sen", "rep", "gen", "col",
    "capt", "lt", "sgt", "rev",
})
# fmt: on

Json = dict[str, Any]
Offsets = tuple[int, int]


@dataclass(frozen=True)
class Value:
    """An actor, place, date or gold argument: its text and, when known, its cleaned offsets."""

    text: str
    span: Offsets | None


@dataclass(frozen=True)
class GoldMention:
    line: int | None  # cleaned line index; None: removed by cleaning
    span: Offsets | None
    slots: dict[str, list[Value]]


@dataclass(frozen=True)
class Ours:
    """One of our events, as scored: its lines in the cleaned text, trigger and slots."""

    lines: frozenset[int]
    trigger: Offsets | None
    slots: dict[str, list[Value]]


@dataclass(frozen=True)
class Article:
    """One article ready to score: gold pairs, annotated lines and our events."""

    id: str
    pairs: list[list[GoldMention]]  # one list of mentions per (article, instance) pair
    annotated: frozenset[int]  # cleaned lines holding an action mention in a coref sentence
    events: list[Ours]
    duration_s: float | None = None


@dataclass
class Tally:
    articles: int = 0
    events: int = 0
    pairs: int = 0
    found: int = 0
    removed: int = 0
    unlocated: int = 0
    unannotated: int = 0
    triggers: int = 0
    triggers_right: int = 0
    slots: Counter[str] = field(default_factory=Counter)
    durations: list[float] = field(default_factory=list)


def half_of(topic: str) -> str:
    """Odd topics are dev, even topics test (the rule of eval/speakers)."""
    return "dev" if int(topic) % 2 else "test"


def seminal(golds: Iterable[Json]) -> frozenset[str]:
    """Event instances that occur in 2 or more articles."""
    seen: Counter[str] = Counter()
    for gold in golds:
        seen.update({e["instance"] for e in gold["events"] if e["instance"]})
    return frozenset(instance for instance, n in seen.items() if n >= 2)


def _norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts."""
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _lines(text: str) -> list[tuple[int, str]]:
    return list(zip(line_starts(text), text.split("\n"), strict=True))


def align(raw: str, cleaned: str) -> list[int | None]:
    """For each line of ``raw`` (an ECB+ file), the index of its line in ``cleaned``, or None
    when cleaning removed it."""
    targets = [_norm(line) for _, line in _lines(cleaned)]
    found: list[int | None] = []
    at = 0
    for line in raw.split("\n"):
        key = _norm(line)
        index: int | None = None
        if key and at < len(targets):
            if targets[at] == key or SequenceMatcher(None, key, targets[at]).ratio() >= NEAR:
                index = at
            else:
                index = next((k for k in range(at + 1, len(targets)) if targets[k] == key), None)
        found.append(index)
        if index is not None:
            at = index + 1
    return found


class Mapper:
    """Moves offsets of an ECB+ file to the document's cleaned text, line by line."""

    def __init__(self, raw: str, cleaned: str) -> None:
        self.raw_lines = _lines(raw)
        self.starts = [start for start, _ in self.raw_lines]
        self.clean_lines = _lines(cleaned)
        self.index = align(raw, cleaned)

    def line(self, offset: int) -> int | None:
        return self.index[bisect.bisect_right(self.starts, offset) - 1]

    def span(self, start: int, end: int, text: str) -> Offsets | None:
        """The offsets of ``raw[start:end]`` (which is ``text``) in the cleaned text."""
        raw_line = bisect.bisect_right(self.starts, start) - 1
        target = self.index[raw_line]
        if target is None:
            return None
        raw_start, raw_text = self.raw_lines[raw_line]
        clean_start, clean_text = self.clean_lines[target]
        wanted = start - raw_start - (len(raw_text) - len(raw_text.lstrip()))
        places = [m.start() for m in re.finditer(re.escape(text), clean_text)]
        if not places:
            return None
        best = min(places, key=lambda at: (abs(at - wanted), at))
        return clean_start + best, clean_start + best + len(text)


def _arg_value(arg: Json, mapper: Mapper) -> Value:
    return Value(arg["text"], mapper.span(arg["char_start"], arg["char_end"], arg["text"]))


def _slots(
    mention: Json, args: dict[str, Json], mapper: Mapper, entities: dict[str, list[Json]]
) -> dict[str, list[Value]]:
    """The mention's sentence arguments by slot; ``WHO_ENTITY``: its participants and every
    other mention of their entities in the article (``entities``: by entity instance)."""
    ids = [*mention["participants"], *mention["locations"], *mention["times"]]
    slots: dict[str, list[Value]] = {slot: [] for slot in SCORED}
    for arg in (args[i] for i in ids if i in args):
        for slot, tag in SLOT_TAGS.items():
            if arg["tag"].startswith(tag):
                slots[slot].append(_arg_value(arg, mapper))
        if arg["tag"].startswith(SLOT_TAGS["who"]):
            same = entities.get(arg.get("instance") or "", [arg])
            slots[WHO_ENTITY] += [_arg_value(other, mapper) for other in same]
    return slots


def gold_article(gold: Json, raw: str, cleaned: str, instances: frozenset[str]) -> Article:
    """The gold side of an article, in the cleaned text (no events of ours yet)."""
    mapper = Mapper(raw, cleaned)
    args = {arg["mention_id"]: arg for arg in gold["arguments"]}
    entities: dict[str, list[Json]] = {}
    for arg in gold["arguments"]:
        if arg.get("instance") and arg["tag"].startswith(SLOT_TAGS["who"]):
            entities.setdefault(arg["instance"], []).append(arg)
    pairs: dict[str, list[GoldMention]] = {}
    annotated: set[int] = set()
    for mention in gold["events"]:
        if not mention["in_coref_sentence"]:
            continue
        line = mapper.line(mention["char_start"])
        if line is not None:
            annotated.add(line)
        if mention["instance"] in instances:
            span = mapper.span(mention["char_start"], mention["char_end"], mention["text"])
            found = GoldMention(line, span, _slots(mention, args, mapper, entities))
            pairs.setdefault(mention["instance"], []).append(found)
    return Article(gold["id"], list(pairs.values()), frozenset(annotated), [])


def _value(mention: Json | None) -> list[Value]:
    if not mention:
        return []
    span = mention.get("span")
    text = mention.get("text") or mention.get("expression") or ""
    return [Value(text, (span["start"], span["end"]) if span else None)]


def _most(lines: Iterable[int]) -> int | None:
    """The line named most often, ties to the earliest."""
    counts = Counter(lines)
    return min(counts, key=lambda line: (-counts[line], line)) if counts else None


def _span_line(starts: list[int], start: int, end: int) -> int:
    """The line holding most of [start, end), ties to the earliest."""
    first = bisect.bisect_right(starts, start) - 1
    last = max(first, bisect.bisect_right(starts, end - 1) - 1)
    bounds = [*starts[1:], sys.maxsize]

    def inside(line: int) -> int:
        return min(end, bounds[line]) - max(start, starts[line])

    return max(range(first, last + 1), key=lambda line: (inside(line), -line))


def our_event(event: Json, starts: list[int]) -> Ours:
    """Our event's lines (see the module's docstring), trigger and slots."""
    trigger_mention = event.get("trigger")
    span = trigger_mention.get("span") if trigger_mention else None
    trigger = (span["start"], span["end"]) if span else None
    sentences = event.get("sentences") or []
    lines = {_span_line(starts, s["start"], s["end"]) for s in sentences}
    if not lines and trigger:
        lines = {bisect.bisect_right(starts, trigger[0]) - 1}
    if not lines:
        mentions = [*(event.get("actors") or []), event.get("place"), event.get("when")]
        mentions += event.get("quotes") or []
        at = [m["span"]["start"] for m in mentions if m and m.get("span")]
        line = _most(bisect.bisect_right(starts, offset) - 1 for offset in at)
        lines = set() if line is None else {line}
    slots = {
        "who": [v for actor in event.get("actors") or [] for v in _value(actor)],
        "where": _value(event.get("place")),
        "when": _value(event.get("when")),
    }
    return Ours(frozenset(lines), trigger, slots)


def _words(text: str) -> tuple[str, ...]:
    """``text``'s words, case-folded, without the courtesy titles in front."""
    words = _WORD.findall(text.casefold())
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return tuple(words)


def _run_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def overlaps(a: Offsets | None, b: Offsets | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def matches(ours: Value, gold: Value) -> bool:
    """Spans overlap, or the words of one are a run of the other's words."""
    a, b = _words(ours.text), _words(gold.text)
    return overlaps(ours.span, gold.span) or _run_of(a, b) or _run_of(b, a)


def slot_result(ours: list[Value], gold: list[Value]) -> str:
    """``right`` / ``wrong`` when gold has a value; ``given`` / ``none`` when it has none."""
    if not gold:
        return "given" if ours else "none"
    return "right" if any(matches(o, g) for o in ours for g in gold) else "wrong"


@dataclass(frozen=True)
class Match:
    trigger: bool | None  # None: our event has no trigger
    slots: dict[str, str]

    def key(self) -> tuple[bool, int]:
        return self.trigger is True, sum(self.slots[slot] == "right" for slot in SLOTS)


def match(event: Ours, pair: list[GoldMention]) -> Match | None:
    """How our event fares on the pair, or None when it is on none of the pair's lines."""
    held = [m for m in pair if m.line is not None and m.line in event.lines]
    if not held:
        return None
    trigger = None if event.trigger is None else any(overlaps(event.trigger, m.span) for m in held)
    ours = {**event.slots, WHO_ENTITY: event.slots["who"]}
    slots = {
        slot: slot_result(ours[slot], [v for m in held for v in m.slots[slot]]) for slot in SCORED
    }
    return Match(trigger, slots)


def score_article(article: Article, tally: Tally) -> None:
    tally.articles += 1
    tally.events += len(article.events)
    if article.duration_s is not None:
        tally.durations.append(article.duration_s)
    for event in article.events:
        if not event.lines:
            tally.unlocated += 1
        elif not event.lines & article.annotated:
            tally.unannotated += 1
    for pair in article.pairs:
        if all(m.line is None for m in pair):
            tally.removed += 1
            continue
        tally.pairs += 1
        found = [m for m in map(lambda e: match(e, pair), article.events) if m is not None]
        if not found:
            continue
        tally.found += 1
        best = max(found, key=Match.key)  # max keeps the earliest of equals
        if best.trigger is not None:
            tally.triggers += 1
            tally.triggers_right += best.trigger
        tally.slots.update(f"{slot} {result}" for slot, result in best.slots.items())


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def figures(tally: Tally) -> Json:
    events_ok = tally.events - tally.unlocated - tally.unannotated
    row: Json = {
        "articles": tally.articles,
        "events": tally.events,
        "events_per_article": _share(tally.events, tally.articles),
        "gold_events": tally.pairs,
        "found": tally.found,
        "recall": _share(tally.found, tally.pairs),
        "gold_removed_by_cleaning": tally.removed,
        "events_unlocated": tally.unlocated,
        "events_in_no_annotated_sentence": tally.unannotated,
        "approx_precision": _share(events_ok, tally.events),
        "triggers": tally.triggers,
        "trigger_accuracy": _share(tally.triggers_right, tally.triggers),
        "s_per_article": (
            round(sum(tally.durations) / len(tally.durations), 1) if tally.durations else None
        ),
    }
    for slot in SCORED:
        right, wrong = tally.slots[f"{slot} right"], tally.slots[f"{slot} wrong"]
        row[slot] = {
            "right": right,
            "scored": right + wrong,
            "accuracy": _share(right, right + wrong),
            "given_gold_none": tally.slots[f"{slot} given"],
            "gold_none": tally.slots[f"{slot} given"] + tally.slots[f"{slot} none"],
        }
    return row


# --- Baselines: events made from the ECB+ text, no model ------------------------------------


def names(text: str, start: int) -> list[Json]:
    """The capitalised names of a line (at ``start``), as actor mentions."""
    found = []
    for m in _NAME.finditer(text):
        name = m.group().rstrip(".")  # a full stop ends the sentence, not the name
        if set(_words(name)) <= _NOT_NAMES:
            continue
        span = {"start": start + m.start(), "end": start + m.start() + len(name), "text": name}
        found.append({"text": name, "span": span, "grounded": True})
    return found


def _line_event(start: int, line: str) -> Json:
    sentence = {"start": start, "end": start + len(line), "text": line}
    return {"sentences": [sentence], "trigger": None, "actors": names(line, start)}


def lede(raw: str) -> list[Json]:
    """One event on the first non-empty line after line 0 (the headline)."""
    lines = [(start, line) for start, line in _lines(raw)[1:] if line.strip()]
    return [_line_event(*lines[0])] if lines else []


def every_sentence(raw: str) -> list[Json]:
    """One event per non-empty line."""
    return [_line_event(start, line) for start, line in _lines(raw) if line.strip()]


BASELINES: dict[str, Callable[[str], list[Json]]] = {
    "lede": lede,
    "every-sentence": every_sentence,
}


# --- Reading the data and the run ------------------------------------------------------------


def load_gold(data: Path) -> dict[str, Json]:
    rows = (json.loads(line) for line in (data / "gold.jsonl").read_text("utf-8").splitlines())
    return {row["id"]: row for row in rows}


def raw_text(data: Path, article_id: str) -> str:
    return (data / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


def _document(path: Path) -> Json | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        print(f"{path}: unreadable document ({error}), scored as failed", file=sys.stderr)
        return None
    return doc if isinstance(doc, dict) else None


def run_documents(run: Path) -> dict[str, Json | None]:
    """The run's documents by id (``documents/`` or ``articles/``, sub-folders included), and
    None for each unreadable one and each article its ``run.json`` lists as failed."""
    folder = next((run / name for name in ("documents", "articles") if (run / name).is_dir()), None)
    if folder is None:
        raise SystemExit(f"{run} has no documents/ or articles/ folder: pass a run directory")
    docs: dict[str, Json | None] = {}
    for path in sorted(folder.rglob("*.json")):
        doc = _document(path)
        docs[str(doc.get("id") or path.stem) if doc else path.stem] = doc
    manifest = run / "run.json"
    if manifest.is_file():
        for failure in json.loads(manifest.read_text(encoding="utf-8")).get("failures", []):
            docs.setdefault(failure["id"], None)
    return docs


def sample_ids(path: Path, half: str) -> set[str]:
    """Article ids from a JSON list, or from the ``half`` list of a JSON object."""
    value = json.loads(path.read_text(encoding="utf-8"))
    return set(value[half] if isinstance(value, dict) else value)


def scored_article(gold: Json, raw: str, doc: Json | None, instances: frozenset[str]) -> Article:
    """An article of a run: a failed one (``doc`` None) has the ECB+ text and no events."""
    cleaned = raw if doc is None else doc["text"]
    article = gold_article(gold, raw, cleaned, instances)
    if doc is None:
        return article
    starts = line_starts(cleaned)
    events = [our_event(event, starts) for event in doc["events"]]
    duration = (doc.get("provenance") or {}).get("duration_s")
    return Article(article.id, article.pairs, article.annotated, events, duration)


def baseline_article(
    gold: Json, raw: str, make: Callable[[str], list[Json]], instances: frozenset[str]
) -> Article:
    article = gold_article(gold, raw, raw, instances)
    starts = line_starts(raw)
    events = [our_event(event, starts) for event in make(raw)]
    return Article(article.id, article.pairs, article.annotated, events)


def _ratio(slot: Json) -> str:
    return (
        "–"
        if slot["accuracy"] is None
        else f"{slot['accuracy']:.2f} ({slot['right']}/{slot['scored']})"
    )


def _cell(value: object) -> str:
    return "–" if value is None else str(value)


def markdown(results: dict[str, Json]) -> str:
    out = [
        "| system | articles | events/article | gold events | found | recall | gold removed by "
        "cleaning | events unlocated | events in no annotated sentence | ≈precision | trigger "
        "| s/article |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        trigger = (
            "–" if r["trigger_accuracy"] is None else f"{r['trigger_accuracy']} ({r['triggers']})"
        )
        cells = [
            name,
            r["articles"],
            r["events_per_article"],
            r["gold_events"],
            r["found"],
            r["recall"],
            r["gold_removed_by_cleaning"],
            r["events_unlocated"],
            r["events_in_no_annotated_sentence"],
            r["approx_precision"],
            trigger,
            r["s_per_article"],
        ]
        out.append("| " + " | ".join(map(_cell, cells)) + " |")
    out += [
        "",
        "| system | who | where | when | who given, gold none | where given, gold none "
        "| when given, gold none | who, same entity |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        given = [f"{r[s]['given_gold_none']}/{r[s]['gold_none']}" for s in SLOTS]
        cells = [name, *(_ratio(r[s]) for s in SLOTS), *given, _ratio(r[WHO_ENTITY])]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append(
        "≈precision is approximate: the share of our events on a sentence where ECB+ annotated an "
        "action (it annotates only some sentences exhaustively). who/where/when: on found events. "
        "who, same entity: an actor matching any mention of a participant's entity in the article."
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("run", type=Path, nargs="?", help="a run directory (--out of run)")
    parser.add_argument("--half", choices=HALVES, default="dev")
    parser.add_argument("--baseline", choices=sorted(BASELINES), action="append")
    parser.add_argument(
        "--ids",
        type=Path,
        help='only these articles: a JSON list, or lists by half {"dev": [...], "test": [...]}',
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not (args.data / "gold.jsonl").is_file():
        print(f"ECB+ not found at {args.data} (no gold.jsonl)", file=sys.stderr)
        return 2
    golds = load_gold(args.data)
    instances = seminal(golds.values())
    half = {i for i, g in golds.items() if half_of(g["topic"]) == args.half}
    if args.ids:
        half &= sample_ids(args.ids, args.half)
    docs = run_documents(args.run) if args.run else dict.fromkeys(half)
    ids = sorted(half & docs.keys())
    if not ids:
        print(f"no article of the {args.half} half in {args.run}", file=sys.stderr)
        return 2
    tallies: dict[str, Tally] = {}
    if args.run:
        tally = tallies[args.run.name] = Tally()
        for i in ids:
            score_article(
                scored_article(golds[i], raw_text(args.data, i), docs[i], instances), tally
            )
    for name in args.baseline or list(BASELINES):
        tally = tallies[f"baseline: {name}"] = Tally()
        for i in ids:
            score_article(
                baseline_article(golds[i], raw_text(args.data, i), BASELINES[name], instances),
                tally,
            )
    results = {name: figures(tally) for name, tally in tallies.items()}
    print(f"ECB+ {args.half} half: {len(ids)} articles")
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
