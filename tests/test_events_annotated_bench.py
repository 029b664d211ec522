"""The seeds' events benchmark (bench/events_annotated.py) on an invented article."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from bench import events_annotated as bench

Json = dict[str, Any]

TEXT = (
    "Ferry vote in Westbrook\n\n"
    "The council of Westbrook approved the ferry plan on Monday.\n"
    "Mayor Ana Ruiz  will open the new pier in May, she said.\n"
)


def span(word: str) -> Json:
    start = TEXT.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def event(sentence: str, trigger: str, actors: list[str], when: str | None = None) -> Json:
    return {
        "sentences": [span(sentence)],
        "trigger": {"text": trigger, "span": span(trigger)},
        "tense": "past",
        "actors": [{"text": a, "span": span(a)} for a in actors],
        "place": None,
        "when": None if when is None else {"expression": when, "span": span(when)},
    }


GOLD: list[Json] = [
    {
        "sentences": ["The council of Westbrook approved the ferry plan on Monday."],
        "trigger": "approved",
        "who": ["The council of Westbrook"],
        "where": "Westbrook",
        "when": "on Monday",
        "tense": "past",
    },
    {  # one space where the text has two: still located
        "sentences": ["Mayor Ana Ruiz will open the new pier in May, she said."],
        "trigger": "open",
        "who": ["Mayor Ana Ruiz"],
        "where": None,
        "when": "in May",
        "tense": "future",
    },
]


def test_each_gold_event_takes_one_of_ours_on_its_sentence() -> None:
    ours = [
        event("The council of Westbrook approved", "approved", ["council"], "Monday"),
        event("The council of Westbrook approved", "plan", ["Westbrook"]),  # a second, unused
    ]
    tally: Counter[str] = Counter()
    bench.score(GOLD, TEXT, ours, tally)
    result = bench.figures(tally)
    assert (result["matched"], result["recall"], result["precision"]) == (1, 0.5, 0.5)
    assert result["trigger"] == 1.0 and result["tense"] == 1.0
    assert result["who"] == "1.0 (1/1)" and result["when"] == "1.0 (1/1)"
    assert result["where"] == "0.0 (0/1)"  # gold has a place, ours none


def test_the_trigger_decides_between_events_on_one_sentence() -> None:
    sentence = "Mayor Ana Ruiz  will open"
    ours = [event(sentence, "said", ["Ana Ruiz"]), event(sentence, "open", ["Ana Ruiz"])]
    tally: Counter[str] = Counter()
    bench.score(GOLD[1:], TEXT, ours, tally)
    assert bench.figures(tally)["trigger"] == 1.0


def test_main_scores_a_run_folder_and_a_baseline(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    doc = {"id": "a1", "text": TEXT, "events": [event("Mayor Ana Ruiz", "open", ["Ana Ruiz"])]}
    (tmp_path / "articles" / "a1.json").write_text(json.dumps(doc), encoding="utf-8")
    annotation = tmp_path / "gold.json"
    rows = [{**g, "article": "a1"} for g in GOLD]
    annotation.write_text(json.dumps({"events": rows}), encoding="utf-8")
    out = tmp_path / "figures.json"
    assert bench.main([str(tmp_path), "--annotation", str(annotation), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["matched"] == 1
    bench.main(
        [str(tmp_path), "--annotation", str(annotation), "--baseline", "lede", "--json", str(out)]
    )
    lede = json.loads(out.read_text())
    assert (lede["our events"], lede["matched"]) == (1, 1)  # the line after the headline
