"""The slot benchmark (bench/slots_ecbplus.py) on an invented ECB+-like data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench import slots_ecbplus as bench

Json = dict[str, Any]

TEXT = (
    "Harbor fair ends early\n"
    "Police said on Friday that Mayor Ana Ruiz closed the fair in Portville on Sunday.\n"
)
OTHER = "Fair news\nThe fair in Portville was closed.\n"


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def _arg(mid: str, word: str, tag: str) -> Json:
    start, end = _at(TEXT, word)
    return {"mention_id": mid, "text": word, "char_start": start, "char_end": end, "tag": tag}


def _action(text: str, word: str, args: list[str]) -> Json:
    start, end = _at(text, word)
    return {
        "mention_id": "e1",
        "text": word,
        "char_start": start,
        "char_end": end,
        "action_class": "ACTION_OCCURRENCE",
        "instance": "ACT1",  # in both articles: a seminal event
        "in_coref_sentence": True,
        "participants": [a for a in args if a.startswith("p")],
        "locations": [a for a in args if a.startswith("l")],
        "times": [a for a in args if a.startswith("t")],
    }


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "ecbplus"
    (data / "articles").mkdir(parents=True)
    (data / "articles" / "1_1ecb.txt").write_text(TEXT, encoding="utf-8")
    (data / "articles" / "1_2ecb.txt").write_text(OTHER, encoding="utf-8")
    arguments = [
        _arg("p1", "Mayor Ana Ruiz", "HUMAN_PART_PER"),
        _arg("l1", "Portville", "LOC_GEO"),
        _arg("t1", "on Sunday", "TIME_DATE"),
    ]
    rows = [
        {
            "id": "1_1ecb",
            "topic": "1",
            "events": [_action(TEXT, "closed", ["p1", "l1", "t1"])],
            "arguments": arguments,
        },
        {"id": "1_2ecb", "topic": "1", "events": [_action(OTHER, "closed", [])], "arguments": []},
    ]
    lines = "".join(json.dumps(row) + "\n" for row in rows)
    (data / "gold.jsonl").write_text(lines, encoding="utf-8")
    return data


def test_each_gold_event_is_its_first_mention_on_its_line(tmp_path: Path) -> None:
    data = _data(tmp_path)
    found = bench.cases(data, "dev", set())
    assert [(c.article, c.text[c.trigger[0] : c.trigger[1]]) for c in found] == [
        ("1_1ecb", "closed"),
        ("1_2ecb", "closed"),
    ]
    first = found[0]
    assert first.text[first.sentence[0] : first.sentence[1]].startswith("Police said")
    assert [c.article for c in bench.cases(data, "dev", {"1_1ecb"})] == ["1_2ecb"]
    assert bench.cases(data, "test", set()) == []


def test_the_parse_reads_the_slots_of_the_trigger_and_the_baseline_the_first_of_the_line(
    tmp_path: Path,
) -> None:
    case = bench.cases(_data(tmp_path), "dev", set())[0]
    parsed = bench.parsed(case)
    assert [v.text for v in parsed["who"]] == ["Mayor Ana Ruiz"]
    assert [v.text for v in parsed["where"]] == ["Portville"]
    assert [v.text for v in parsed["when"]] == ["Sunday"]  # the date "closed" holds
    nearest = bench.nearest(case)
    assert [v.text for v in nearest["when"]] == ["Friday"]  # the line's first date
    assert "Police" in [v.text for v in nearest["who"]]


def test_slots_are_scored_where_gold_has_them_and_given_ones_counted_apart(
    tmp_path: Path,
) -> None:
    found = bench.cases(_data(tmp_path), "dev", set())
    tally, wrong = bench.score(found, bench.nearest)
    row = bench.row(tally)
    assert row["when"] == {"right": 0, "of": 1, "accuracy": 0.0, "given_gold_none": 0}
    assert row["where"]["right"] == 1
    assert row["where"]["given_gold_none"] == 1  # the second article
    assert [slot for _, slot, _ in wrong] == ["when"]
    tally, _ = bench.score(found, bench.parsed)
    assert bench.row(tally)["when"]["right"] == 1


def test_cli_writes_both_systems(tmp_path: Path) -> None:
    out = tmp_path / "slots.json"
    assert bench.main(["--data", str(_data(tmp_path)), "--json", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert set(rows) == {"parse", "nearest"}
    assert rows["parse"]["who"]["of"] == 1
