"""Who, where and when read from the parse, given the annotated trigger (issue 19): no model.

Data: the ECB+ corpus (Cybulska & Vossen, LREC 2014; (c) Agata Cybulska, Piek Vossen and VU
University Amsterdam; CC BY 3.0, http://creativecommons.org/licenses/by/3.0/legalcode), as
converted in ../shared/data/ecbplus (see its README for the changes made).

    .venv/bin/python -m bench.slots_ecbplus [--half dev|test] [--skip FILE ...] [--json FILE]
        [--misses who|where|when]

For each gold event of ``bench.events_ecbplus`` (an (article, instance) pair of the half, its
first mention in text order), the sentence is the mention's ECB+ line and the trigger is the
annotated mention: its verb in the parse as the pipeline picks it (``tense.trigger_verb``),
else the word itself. The slots are what ``extractor.article.slots`` reads there when the model
gives nothing (the ``anchors`` answers, and the fallbacks of the others): the participants
(``sentence_participants``, a pronoun resolved as ``speakers.antecedent`` does), the place
(``sentence_place``), the date (``sentence_date``). Scored as the events bench scores slots on
found events (``matches``: overlapping spans or a run of the same words), over the gold events
whose slot is annotated; *given, gold none* counts values given where the sentence has none.

Baseline (``nearest``): every capitalised name of the line as who (the events bench's ``lede``
actors), the line's first place name (GPE, LOC, FAC) as where, its first date expression as
when: what the sentence holds, without the parse's attachment to the trigger.

``--skip`` leaves out the articles a JSON file lists (the event runs' samples, say).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.events_ecbplus import (
    DEFAULT_DATA,
    HALVES,
    SLOTS,
    GoldMention,
    Value,
    gold_article,
    half_of,
    line_starts,
    load_gold,
    names,
    raw_text,
    sample_ids,
    seminal,
    slot_result,
)
from extractor.article.slots import sentence_date, sentence_participants, sentence_place
from extractor.article.speakers import antecedent
from extractor.article.tense import trigger_verb
from extractor.dates import find_mentions
from extractor.text.parser import parse_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PLACES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Case:
    """One gold event: its sentence (offsets in the raw text), parse and trigger offsets."""

    article: str
    text: str
    sentence: tuple[int, int]
    doc: Doc
    trigger: tuple[int, int]
    gold: dict[str, list[Value]]


def _value(text: str, start: int, end: int) -> Value:
    return Value(text[start:end], (start, end))


def _trigger(case: Case) -> Token | None:
    offset = case.sentence[0]
    given = (case.trigger[0] - offset, case.trigger[1] - offset)
    verb = trigger_verb(case.doc, given, set())
    if verb is not None and given[0] <= verb.idx < given[1]:
        return verb
    words = [t for t in case.doc if given[0] <= t.idx < given[1]]
    return words[-1] if words else verb


def _located(case: Case, value: str | None) -> list[Value]:
    if not value:
        return []
    start, end = case.sentence
    at = case.text.find(value, start, end)
    return [Value(value, (at, at + len(value)) if at >= 0 else None)]


def parsed(case: Case) -> dict[str, list[Value]]:
    """The slots the project's parse rules read for the annotated trigger."""
    trigger = _trigger(case)
    verb = trigger if trigger is not None and trigger.tag_.startswith("VB") else None
    start = case.sentence[0]

    def named(pronoun: Token) -> str | None:
        return antecedent(case.text, start + pronoun.idx, pronoun.lower_)

    actors = sentence_participants(trigger, named)
    place = sentence_place(case.text, case.sentence, case.doc, verb, None, actors)
    date = sentence_date(case.text, case.sentence, case.doc, verb)
    who = [v for a in actors for v in _located(case, a)]
    return {"who": who, "where": _located(case, place), "when": _located(case, date)}


def nearest(case: Case) -> dict[str, list[Value]]:
    """The baseline: the line's names, first place name and first date expression."""
    start, end = case.sentence
    line = case.text[start:end]
    who = [Value(n["text"], (n["span"]["start"], n["span"]["end"])) for n in names(line, start)]
    places = [
        (start + e.start_char, start + e.end_char) for e in case.doc.ents if e.label_ in _PLACES
    ]
    dates = [(start + d.start, start + d.end) for d in find_mentions(line)]
    where = [_value(case.text, *places[0])] if places else []
    when = [_value(case.text, *dates[0])] if dates else []
    return {"who": who, "where": where, "when": when}


SYSTEMS: dict[str, Callable[[Case], dict[str, list[Value]]]] = {
    "parse": parsed,
    "nearest": nearest,
}


def cases(data: Path, half: str, skip: set[str]) -> list[Case]:
    """The half's gold events, each at its first mention, with the sentence parsed."""
    golds = load_gold(data)
    instances = seminal(golds.values())
    wanted: list[tuple[str, str, tuple[int, int], tuple[int, int], GoldMention]] = []
    for article_id, gold in sorted(golds.items()):
        if half_of(article_id.split("_")[0]) != half or article_id in skip:
            continue
        raw = raw_text(data, article_id)
        starts = line_starts(raw)
        article = gold_article(gold, raw, raw, instances)
        for pair in article.pairs:
            located = [m for m in pair if m.line is not None and m.span is not None]
            if not located:
                continue
            first = min(located, key=lambda m: m.span or (0, 0))
            assert first.line is not None and first.span is not None
            end = raw.find("\n", starts[first.line])
            sentence = (starts[first.line], len(raw) if end < 0 else end)
            wanted.append((article_id, raw, sentence, first.span, first))
    docs = parse_entities([raw[s:e] for _, raw, (s, e), _, _ in wanted])
    return [
        Case(article_id, raw, sentence, doc, trigger, mention.slots)
        for (article_id, raw, sentence, trigger, mention), doc in zip(wanted, docs, strict=True)
    ]


def score(
    found: list[Case], system: Callable[[Case], dict[str, list[Value]]]
) -> tuple[Counter[str], list[tuple[Case, str, list[Value]]]]:
    tally: Counter[str] = Counter()
    wrong: list[tuple[Case, str, list[Value]]] = []
    for case in found:
        ours = system(case)
        for slot in SLOTS:
            result = slot_result(ours[slot], case.gold[slot])
            tally[f"{slot} {result}"] += 1
            if result == "wrong":
                wrong.append((case, slot, ours[slot]))
    return tally, wrong


def row(tally: Counter[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for slot in SLOTS:
        right, total = tally[f"{slot} right"], tally[f"{slot} right"] + tally[f"{slot} wrong"]
        out[slot] = {
            "right": right,
            "of": total,
            "accuracy": round(right / total, 3) if total else None,
            "given_gold_none": tally[f"{slot} given"],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=HALVES, default="dev")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--skip", type=Path, action="append", default=[])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--misses", choices=SLOTS, help="print the parse's misses of a slot")
    args = parser.parse_args(argv)
    skip = {i for path in args.skip for h in HALVES for i in _listed(path, h)}
    found = cases(args.data, args.half, skip)
    rows = {}
    print(f"{args.half}: {len(found)} gold events, {len({c.article for c in found})} articles")
    print("| system | who | where | when | given, gold none (who / where / when) |")
    print("|---|---:|---:|---:|---|")
    for name, system in SYSTEMS.items():
        tally, wrong = score(found, system)
        rows[name] = row(tally)
        cells = [_cell(rows[name][slot]) for slot in SLOTS]
        extra = " / ".join(str(rows[name][slot]["given_gold_none"]) for slot in SLOTS)
        print(f"| {name} | {' | '.join(cells)} | {extra} |")
        if name == "parse" and args.misses:
            for case, slot, ours in wrong:
                if slot == args.misses:
                    _print_miss(case, slot, ours)
    if args.json:
        args.json.write_text(json.dumps({"half": args.half, "rows": rows}, indent=2) + "\n")
    return 0


def _listed(path: Path, half: str) -> set[str]:
    try:
        return sample_ids(path, half)
    except (KeyError, TypeError):
        return set()


def _cell(slot: dict[str, Any]) -> str:
    if not slot["of"]:
        return "–"
    return f"{slot['accuracy']:.2f} ({slot['right']}/{slot['of']})"


def _print_miss(case: Case, slot: str, ours: list[Value]) -> None:
    start, end = case.sentence
    trigger = case.text[case.trigger[0] : case.trigger[1]]
    print(
        f"  {case.article} [{trigger}] gold {[v.text for v in case.gold[slot]]}"
        f" ours {[v.text for v in ours]}\n    {case.text[start:end]}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    raise SystemExit(main())
