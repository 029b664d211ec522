"""The ECB+ events benchmark (bench/events_ecbplus.py) on invented articles and gold rows.

Texts, gold rows and documents here are made up; only the last tests read the real ECB+ copy
(Cybulska & Vossen 2014, CC BY 3.0) in the shared data (tests/shared_data.py).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from bench import events_ecbplus as bench
from tests.shared_data import ecbplus

Json = dict[str, Any]

# An invented article: a headline, two sentences, a sharing prompt cleaning drops, a sentence.
RAW = (
    "Harbor fair ends early\n"
    "Mayor Ana Ruiz closed the harbor fair in Portville on Sunday.\n"
    "Share this story\n"
    "Police said the crowd left calmly after the storm warning."
)
CLEANED = RAW.replace("Share this story\n", "")


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def arg(mid: str, word: str, tag: str, text: str = RAW) -> Json:
    start, end = at(text, word)
    return {"mention_id": mid, "text": word, "char_start": start, "char_end": end, "tag": tag}


def action(
    mid: str,
    word: str,
    instance: str | None,
    args: tuple[str, ...] = (),
    text: str = RAW,
    coref: bool = True,
) -> Json:
    start, end = at(text, word)
    return {
        "mention_id": mid,
        "text": word,
        "char_start": start,
        "char_end": end,
        "action_class": "ACTION_OCCURRENCE",
        "instance": instance,
        "in_coref_sentence": coref,
        "participants": [a for a in args if a.startswith("p")],
        "locations": [a for a in args if a.startswith("l")],
        "times": [a for a in args if a.startswith("t")],
    }


def gold_row(events: list[Json], arguments: list[Json], article_id: str = "1_1ecb") -> Json:
    topic = article_id.split("_")[0]
    return {"id": article_id, "topic": topic, "events": events, "arguments": arguments}


ARGUMENTS = [
    arg("p1", "Mayor Ana Ruiz", "HUMAN_PART_PER"),
    arg("l1", "Portville", "LOC_GEO"),
    arg("t1", "on Sunday", "TIME_DATE"),
    arg("p2", "Police", "HUMAN_PART_ORG"),
    arg("p3", "crowd", "HUMAN_PART_GENERIC"),
]
SLOTS = ("p1", "l1", "t1")
GOLD = gold_row(
    [
        action("e1", "closed", "ACT1", SLOTS),
        action("e2", "Share", "ACT2"),  # on the line cleaning removes
        action("e3", "left", "ACT3", ("p2", "p3")),
        action("e4", "said", None, ("p2", "p3")),  # no instance: not a gold event
        action("e5", "ends", "ACT9", coref=False),  # not in a coref sentence
    ],
    ARGUMENTS,
)
# ACT1 to ACT3 and ACT9 also occur in another article: they are seminal; ACT4 occurs once.
INSTANCES = bench.seminal(
    [GOLD, gold_row([action(f"x{i}", "fair", f"ACT{i}") for i in (1, 2, 3, 9)], [], "1_2ecb")]
)


def mention(word: str, text: str = CLEANED, nth: int = 0) -> Json:
    start, end = at(text, word, nth)
    return {"text": word, "grounded": True, "span": {"start": start, "end": end, "text": word}}


def event(
    actors: tuple[str, ...] = (),
    place: str | None = None,
    when: str | None = None,
    sentences: tuple[str, ...] = (),
    trigger: str | None = None,
    text: str = CLEANED,
) -> Json:
    found: Json = {
        "actors": [mention(a, text) for a in actors],
        "place": mention(place, text) if place else None,
        "when": None,
        "quotes": [],
    }
    if when:
        found["when"] = {**mention(when, text), "expression": when}
        del found["when"]["text"]
    if sentences:
        found["sentences"] = [
            {"start": a, "end": b, "text": text[a:b]} for a, b in (at(text, s) for s in sentences)
        ]
    if trigger:
        found["trigger"] = mention(trigger, text)
    return found


def score(*events: Json, doc_text: str = CLEANED, duration: float = 2.0) -> Json:
    doc = {"text": doc_text, "events": list(events), "provenance": {"duration_s": duration}}
    tally = bench.Tally()
    bench.score_article(bench.scored_article(GOLD, RAW, doc, INSTANCES), tally)
    return bench.figures(tally)


def test_halves_are_odd_and_even_topics() -> None:
    assert [bench.half_of(t) for t in ("1", "2", "35", "34")] == ["dev", "test", "dev", "test"]


def test_seminal_instances_occur_in_two_articles() -> None:
    assert {"ACT1", "ACT2", "ACT3", "ACT9"} == INSTANCES
    lone = gold_row([action("e1", "closed", "ACT4")], [])
    assert bench.seminal([lone, GOLD]) == frozenset()


def test_gold_events_are_seminal_pairs_in_coref_sentences_and_removed_lines_apart() -> None:
    row = score()
    # ACT1 and ACT3 are scored; ACT2 lies on the removed line; ACT9 not in a coref sentence.
    assert (row["gold_events"], row["gold_removed_by_cleaning"], row["found"]) == (2, 1, 0)
    assert row["recall"] == 0.0


def test_a_pair_is_found_by_an_event_on_its_line_and_not_by_one_elsewhere() -> None:
    on_line = event(actors=("Mayor Ana Ruiz",))
    assert (score(on_line)["found"], score(on_line)["recall"]) == (1, 0.5)
    headline = event(actors=("Harbor",))
    assert score(headline)["found"] == 0


def test_a_pair_with_two_mentions_counts_once() -> None:
    twice = gold_row([action("e1", "closed", "ACT1"), action("e6", "fair", "ACT1")], [])
    tally = bench.Tally()
    doc = {"text": CLEANED, "events": [event(actors=("Portville",))], "provenance": {}}
    bench.score_article(bench.scored_article(twice, RAW, doc, INSTANCES), tally)
    assert (tally.pairs, tally.found) == (1, 1)


def test_fallback_line_is_where_most_spans_are_ties_to_the_earliest() -> None:
    # Two spans on the mayor's line, one on the police line: the mayor's line.
    most = event(actors=("Police", "Mayor Ana Ruiz"), place="Portville")
    assert score(most)["found"] == 1
    # One span each: the earliest line, the mayor's.
    tie = event(actors=("Police", "Mayor Ana Ruiz"))
    assert bench.our_event(tie, bench.line_starts(CLEANED)).lines == frozenset({1})


def test_sentences_field_wins_over_the_spans() -> None:
    # Its actor is on the mayor's line but its sentence is the police one.
    moved = event(actors=("Mayor Ana Ruiz",), sentences=("Police said the crowd left",))
    row = score(moved)
    assert row["found"] == 1
    assert bench.our_event(moved, bench.line_starts(CLEANED)).lines == frozenset({2})


def test_an_event_with_no_span_is_unlocated_and_counts_against_precision() -> None:
    row = score(event(), event(actors=("Harbor",)), event(actors=("Police",)))
    assert row["events_unlocated"] == 1
    # The headline line holds only a mention outside the coref sentences.
    assert row["events_in_no_annotated_sentence"] == 1
    assert row["approx_precision"] == round(1 / 3, 3)


def test_gold_offsets_move_to_the_cleaned_text() -> None:
    article = bench.gold_article(GOLD, RAW, CLEANED, INSTANCES)
    police = [m for pair in article.pairs for m in pair if m.line == 2]
    assert police, "the mention after the removed line is on cleaned line 2"
    start, end = police[0].span or (0, 0)
    assert CLEANED[start:end] == "left"
    assert police[0].slots["who"][0].span == at(CLEANED, "Police")
    # A word twice on its line: the occurrence at the mention's own place.
    mapper = bench.Mapper(RAW, CLEANED)
    start, end = at(RAW, "the", 2)
    assert mapper.span(start, end, "the") == at(CLEANED, "the", 2)


def test_a_line_cleaning_changed_is_still_located() -> None:
    assert bench.align(RAW, CLEANED) == [0, 1, None, 2]
    respaced = RAW.replace("Mayor Ana", "Mayor  Ana")
    assert bench.align(respaced, CLEANED) == [0, 1, None, 2]
    entity = RAW.replace("harbor fair", "harbor &amp; fair")
    assert bench.align(entity, CLEANED.replace("harbor fair", "harbor & fair")) == [0, 1, None, 2]


def test_trigger_accuracy_needs_the_trigger_on_the_gold_mention() -> None:
    right = score(event(sentences=("Mayor Ana Ruiz closed",), trigger="closed"))
    assert (right["triggers"], right["trigger_accuracy"]) == (1, 1.0)
    wrong = score(event(sentences=("Mayor Ana Ruiz closed",), trigger="harbor"))
    assert (wrong["triggers"], wrong["trigger_accuracy"]) == (1, 0.0)
    assert score(event(actors=("Mayor Ana Ruiz",)))["trigger_accuracy"] is None


def test_trigger_alone_places_the_event() -> None:
    assert score(event(trigger="left"))["found"] == 1


def test_who_by_span_overlap_or_words_either_way() -> None:
    for actors in (("Ana Ruiz",), ("Ruiz",), ("Mayor Ana Ruiz",)):
        assert score(event(actors=actors))["who"]["accuracy"] == 1.0, actors
    # Words containing the gold's: our actor given elsewhere with more words.
    wider = bench.Value("the mayor Ana Ruiz of Portville", None)
    assert bench.matches(wider, bench.Value("Mayor Ana Ruiz", None))
    # A word inside another word is no match ("Ana" vs "Anaheim").
    assert not bench.matches(bench.Value("Anaheim", None), bench.Value("Ana", None))
    wrong = score(event(actors=("Portville",)))
    assert (wrong["who"]["right"], wrong["who"]["scored"]) == (0, 1)


def test_who_by_words_leaves_out_a_courtesy_title_in_front() -> None:
    # One person, titled two ways.
    assert bench.matches(bench.Value("Gov. Ana Ruiz", None), bench.Value("Ms. Ruiz", None))
    assert bench.matches(bench.Value("Dr Ruiz", None), bench.Value("Ana Ruiz", None))
    # A title alone is still a word to match, and other people stay apart.
    assert not bench.matches(bench.Value("Ms. Ruiz", None), bench.Value("Ms. Ortiz", None))
    assert not bench.matches(bench.Value("Mr", None), bench.Value("Mr. Ortiz", None))


def test_where_and_when_against_the_gold_locations_and_times() -> None:
    row = score(event(actors=("Mayor Ana Ruiz",), place="Portville", when="Sunday"))
    assert (row["where"]["accuracy"], row["when"]["accuracy"]) == (1.0, 1.0)
    none = score(event(actors=("Mayor Ana Ruiz",)))
    assert (none["where"]["accuracy"], none["when"]["accuracy"]) == (0.0, 0.0)
    wrong = score(event(actors=("Mayor Ana Ruiz",), place="harbor", when="early"))
    assert (wrong["where"]["right"], wrong["where"]["scored"]) == (0, 1)
    assert (wrong["when"]["right"], wrong["when"]["scored"]) == (0, 1)


def test_a_value_where_gold_has_none_is_counted_apart() -> None:
    row = score(event(actors=("Police",), place="storm", when="after"))
    # The police line has participants but no location and no time.
    assert row["who"]["accuracy"] == 1.0
    assert (row["where"]["scored"], row["where"]["given_gold_none"]) == (0, 1)
    assert (row["when"]["given_gold_none"], row["when"]["gold_none"]) == (1, 1)
    assert score(event(actors=("Police",)))["where"]["given_gold_none"] == 0


def test_the_best_of_several_events_on_the_line_is_compared() -> None:
    poor = event(actors=("Portville",))
    good = event(actors=("Ana Ruiz",), place="Portville")
    for events in ((poor, good), (good, poor)):
        row = score(*events)
        assert (row["found"], row["who"]["right"], row["where"]["right"]) == (1, 1, 1)


def test_events_per_article_and_time() -> None:
    row = score(event(actors=("Police",)), event(), duration=3.5)
    assert (row["events_per_article"], row["s_per_article"]) == (2.0, 3.5)


def test_lede_baseline_is_line_one_with_its_names() -> None:
    (lede,) = bench.lede(RAW)
    assert lede["sentences"][0]["start"] == at(RAW, "Mayor")[0]
    assert [a["text"] for a in lede["actors"]] == ["Mayor Ana Ruiz", "Portville", "Sunday"]
    tally = bench.Tally()
    bench.score_article(bench.baseline_article(GOLD, RAW, bench.lede, INSTANCES), tally)
    row = bench.figures(tally)
    # On the ECB+ text itself nothing is removed: ACT1, ACT2 and ACT3; the lede finds ACT1.
    assert (row["gold_events"], row["found"], row["who"]["accuracy"]) == (3, 1, 1.0)


def test_every_sentence_baseline_finds_every_pair() -> None:
    events = bench.every_sentence(RAW)
    assert len(events) == 4
    assert [a["text"] for a in events[3]["actors"]] == ["Police"]  # "the" is no name
    tally = bench.Tally()
    bench.score_article(bench.baseline_article(GOLD, RAW, bench.every_sentence, INSTANCES), tally)
    assert (tally.pairs, tally.found, tally.events) == (3, 3, 4)


def _data(folder: Path) -> Path:
    """A tiny ECB+ copy: the invented article (topic 1, dev) and its twin."""
    (folder / "articles").mkdir(parents=True)
    twin = gold_row([action(f"x{i}", "fair", f"ACT{i}") for i in (1, 2, 3, 9)], [], "1_2ecb")
    rows = [GOLD, twin, {**gold_row([], [], "2_1ecb")}]
    (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    for row in rows:
        (folder / "articles" / f"{row['id']}.txt").write_text(RAW, encoding="utf-8")
    return folder


def test_cli_scores_a_run_with_a_failed_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data(tmp_path / "ecb")
    run = tmp_path / "run"
    (run / "documents").mkdir(parents=True)
    doc = {
        "text": CLEANED,
        "events": [event(actors=("Ana Ruiz",))],
        "provenance": {"duration_s": 4},
    }
    (run / "documents" / "1_1ecb.json").write_text(json.dumps(doc), encoding="utf-8")
    (run / "run.json").write_text(json.dumps({"failures": [{"id": "1_2ecb"}]}), "utf-8")
    out = tmp_path / "figures.json"
    assert bench.main([str(run), "--data", str(data), "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    mine = figures["run"]
    # The failed twin has its four pairs, none found; the scored article two, one found.
    assert (mine["articles"], mine["gold_events"], mine["found"]) == (2, 6, 1)
    assert mine["s_per_article"] == 4.0
    assert set(figures) == {"run", "baseline: lede", "baseline: every-sentence"}
    printed = capsys.readouterr().out
    assert "| run | 2 | 0.5 | 6 | 1 | 0.167 |" in printed
    assert "approximate" in printed
    assert bench.main([str(run), "--data", str(data), "--half", "test"]) == 2


def test_every_sentence_reaches_every_gold_event_of_the_real_dev_half(tmp_path: Path) -> None:
    data = ecbplus()
    out = tmp_path / "figures.json"
    args = ["--data", str(data), "--baseline", "every-sentence", "--json", str(out)]
    assert bench.main(args) == 0
    row = json.loads(out.read_text(encoding="utf-8"))["baseline: every-sentence"]
    assert row["gold_events"] > 500
    assert row["found"] == row["gold_events"]


def test_the_untouched_test2_half_shares_no_article_or_topic_with_the_other_sets() -> None:
    sets = Path(__file__).parents[1] / "eval" / "events"
    test2 = json.loads((sets / "ecbplus-test2.json").read_text(encoding="utf-8"))["test"]
    sample = json.loads((sets / "ecbplus-sample.json").read_text(encoding="utf-8"))
    more = json.loads((sets / "ecbplus-dev-more.json").read_text(encoding="utf-8"))
    read = {*sample["dev"], *sample["test"], *(more["dev"] if isinstance(more, dict) else more)}
    topics = {i.split("_")[0] for i in test2}
    assert len(set(test2)) == 32 and not set(test2) & read
    assert not topics & {i.split("_")[0] for i in read}
    golds = bench.load_gold(ecbplus())
    assert {bench.half_of(golds[i]["topic"]) for i in test2} == {"test"}


def test_dev8_is_one_new_dev_article_a_topic() -> None:
    sets = Path(__file__).parents[1] / "eval" / "events"
    dev8 = json.loads((sets / "ecbplus-dev8.json").read_text(encoding="utf-8"))["dev"]
    named: set[str] = set()
    for other in sorted(sets.glob("ecbplus-*.json")):
        if other.name != "ecbplus-dev8.json":
            lists = json.loads(other.read_text(encoding="utf-8"))
            for ids in lists.values() if isinstance(lists, dict) else [lists]:
                named |= set(ids)
    assert len(set(dev8)) == 16 and not set(dev8) & named
    golds = bench.load_gold(ecbplus())
    assert {bench.half_of(golds[i]["topic"]) for i in dev8} == {"dev"}
    assert len({golds[i]["topic"] for i in dev8}) == 16


def _named_elsewhere(sets: Path, name: str, later: tuple[str, ...] = ()) -> set[str]:
    """The ids the lists other than ``name`` name, lists made after it (``later``) aside."""
    named: set[str] = set()
    for other in sorted(sets.glob("ecbplus-*.json")):
        if other.name != name and other.name not in later:
            lists = json.loads(other.read_text(encoding="utf-8"))
            for ids in lists.values() if isinstance(lists, dict) else [lists]:
                named |= set(ids)
    return named


def _unnamed_dev(
    sets: Path, name: str, later: tuple[str, ...] = ()
) -> list[tuple[str, dict[str, Any], list[Any]]]:
    """The ``dev`` articles no list but ``name`` (and the ``later`` lists) names, in id order,
    each with its gold and its annotated seminal event mentions."""
    named = _named_elsewhere(sets, name, later)
    golds = bench.load_gold(ecbplus())
    instances = bench.seminal(golds.values())
    return [
        (
            article_id,
            gold,
            [m for m in gold["events"] if m["in_coref_sentence"] and m["instance"] in instances],
        )
        for article_id, gold in sorted(golds.items())
        if bench.half_of(gold["topic"]) == "dev" and article_id not in named
    ]


def _nameless(line: str) -> bool:
    """No word after the first is capitalised ("I" aside): a sentence naming no one."""
    return not any(w[:1].isupper() and w[1:2].isalpha() for w in line.split()[1:] if w != "I")


def test_dev9_is_every_other_dev_article_with_a_seminal_event_told_without_names() -> None:
    sets = Path(__file__).parents[1] / "eval" / "events"
    dev9 = json.loads((sets / "ecbplus-dev9.json").read_text(encoding="utf-8"))["dev"]
    chosen = set()
    for article_id, _, mentions in _unnamed_dev(sets, "ecbplus-dev9.json"):
        text = bench.raw_text(ecbplus(), article_id)
        lines, starts = text.split("\n"), bench.line_starts(text)
        at = [max(i for i, s in enumerate(starts) if s <= m["char_start"]) for m in mentions]
        if len(mentions) >= 2 and any(n >= 1 and _nameless(lines[n]) for n in at):
            chosen.add(article_id)
    assert sorted(chosen) == sorted(dev9) and len(dev9) == 14


# each set drawn from the articles the lists made before it left unnamed
_DRAWN = [
    ("ecbplus-dev10.json", 40, ("ecbplus-dev11.json", "ecbplus-dev12.json")),
    ("ecbplus-dev11.json", 41, ("ecbplus-dev12.json",)),
    ("ecbplus-dev12.json", 42, ()),
]


@pytest.mark.parametrize(("name", "seed", "later"), _DRAWN)
def test_a_dev_set_is_one_article_drawn_at_random_from_each_dev_topic(
    name: str, seed: int, later: tuple[str, ...]
) -> None:
    sets = Path(__file__).parents[1] / "eval" / "events"
    drawn = json.loads((sets / name).read_text(encoding="utf-8"))["dev"]
    by_topic: dict[int, list[str]] = {}
    for article_id, gold, mentions in _unnamed_dev(sets, name, later):
        if len(mentions) >= 2:
            by_topic.setdefault(int(gold["topic"]), []).append(article_id)
    draw = random.Random(seed)
    chosen = [draw.choice(sorted(by_topic[topic])) for topic in sorted(by_topic)]
    assert sorted(chosen) == drawn and len(by_topic) == 16


def test_test4_is_the_fourth_ecb_and_ecbplus_article_of_each_test_topic() -> None:
    sets = Path(__file__).parents[1] / "eval" / "events"
    test4 = json.loads((sets / "ecbplus-test4.json").read_text(encoding="utf-8"))["test"]
    assert not set(test4) & _named_elsewhere(sets, "ecbplus-test4.json")
    golds = bench.load_gold(ecbplus())
    fourth = []
    for topic in range(2, 33, 2):
        for kind in ("ecb", "ecbplus"):
            numbered = sorted(
                (int(found.group(1)), article_id)
                for article_id in golds
                for found in [re.fullmatch(rf"{topic}_(\d+){kind}", article_id)]
                if found
            )
            if len(numbered) >= 4:
                fourth.append(numbered[3][1])
    assert test4 == fourth and len(test4) == 31
    assert {bench.half_of(golds[i]["topic"]) for i in test4} == {"test"}


def test_seminal_instances_of_the_real_corpus_match_its_readme() -> None:
    golds = bench.load_gold(ecbplus())
    readme = (ecbplus() / "README.md").read_text(encoding="utf-8")
    header, _, rest = readme.partition("| all |")
    columns = [c.strip() for c in header.splitlines()[-2].strip("|").split("|")]
    values = [c.strip() for c in rest.splitlines()[0].strip("|").split("|")]
    counts = dict(zip(columns[1:], values, strict=True))
    assert len(bench.seminal(golds.values())) == int(counts["instances in 2+ docs"])


def test_cli_reads_documents_in_sub_folders_and_keeps_the_ids_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _data(tmp_path / "ecb")
    run = tmp_path / "run"
    (run / "articles" / "part-1").mkdir(parents=True)
    doc = {"id": "1_1ecb", "text": CLEANED, "events": [event(actors=("Ana Ruiz",))]}
    (run / "articles" / "part-1" / "a.json").write_text(json.dumps(doc), encoding="utf-8")
    (run / "articles" / "1_2ecb.json").write_text("{not json", encoding="utf-8")
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps({"dev": ["1_1ecb"], "test": ["2_1ecb"]}), encoding="utf-8")
    assert bench.main([str(run), "--data", str(data)]) == 0
    both = capsys.readouterr()
    assert "| run | 2 | 0.5 | 6 | 1 | 0.167 |" in both.out  # the unreadable one failed
    assert "1_2ecb.json: unreadable document" in both.err
    assert bench.main([str(run), "--data", str(data), "--ids", str(sample)]) == 0
    assert "| run | 1 | 1.0 | 2 | 1 | 0.5 |" in capsys.readouterr().out


def test_who_by_entity_counts_an_actor_named_where_the_sentence_says_she() -> None:
    text = "Fair news\nMayor Ana Ruiz opened the fair.\nShe closed it on Sunday.\n"
    ruiz = {**arg("p1", "Mayor Ana Ruiz", "HUMAN_PART_PER", text), "instance": "HUM1"}
    she = {**arg("p2", "She", "HUMAN_PART_PER", text), "instance": "HUM1"}
    row = gold_row([action("e1", "closed", "ACT1", ("p2",), text)], [ruiz, she])
    named = event(actors=("Mayor Ana Ruiz",), sentences=("She closed it",), text=text)
    tally = bench.Tally()
    doc = {"text": text, "events": [named], "provenance": {}}
    bench.score_article(bench.scored_article(row, text, doc, INSTANCES), tally)
    figures = bench.figures(tally)
    assert figures["found"] == 1
    assert figures["who"]["right"] == 0  # not a mention of the sentence
    assert figures[bench.WHO_ENTITY]["right"] == 1  # but a mention of its participant
