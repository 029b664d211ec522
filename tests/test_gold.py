"""The development gold set: valid, complete, and verbatim against the article texts.

Seeds live in ``seeds/``; the MEANTIME articles (Wikinews, CC BY 4.0) in
``data/meantime`` of the shared data (found by tests/shared_data.py).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.contract.gold import GoldArticle, GoldDate, GoldQuote
from extractor.evaluation import key, normalize, place, problems, text_sha256
from extractor.evaluation.normalize import find_all
from tests.shared_data import meantime

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "eval" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
SEED_DATES = {"003_4ce2d9851149de12": "2017-02-16", "004_e990d03908ba375a": "2018-06-07"}


def load(path: Path) -> GoldArticle:
    return GoldArticle.model_validate_json(path.read_text(encoding="utf-8"))


def is_seed(gold: GoldArticle) -> bool:
    return (ROOT / "seeds" / f"{gold.id}.txt").is_file()


def raw_text(gold: GoldArticle) -> str:
    """The article as annotated; skips (fails in CI) when the MEANTIME corpus is missing."""
    seed = ROOT / "seeds" / f"{gold.id}.txt"
    if seed.is_file():
        return seed.read_text(encoding="utf-8")
    return meantime("articles", f"{gold.id}.txt").read_text(encoding="utf-8")


def manifest() -> dict[str, dict[str, str]]:
    path = meantime("manifest.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {row["id"]: row for row in rows}


GOLDS = [load(path) for path in GOLD_FILES]
IDS = [gold.id[:40] for gold in GOLDS]
MEANTIME_GOLDS = [gold for gold in GOLDS if not is_seed(gold)]


def test_gold_set_covers_the_brief() -> None:
    seeds = [gold.id for gold in GOLDS if is_seed(gold)]
    assert sorted(seeds) == sorted(SEED_DATES)
    assert len(GOLDS) - len(seeds) >= 20
    assert sum(len(gold.quotes) for gold in GOLDS) >= 100
    assert all(gold.quotes and gold.events and gold.dates for gold in GOLDS)


@pytest.mark.parametrize("path", GOLD_FILES, ids=[path.stem[:40] for path in GOLD_FILES])
def test_file_is_named_after_its_article(path: Path) -> None:
    assert load(path).id == path.stem


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_quotes_and_dates_are_verbatim_at_their_offsets(gold: GoldArticle) -> None:
    raw = raw_text(gold)
    assert problems(gold, raw) == []
    items: list[GoldQuote | GoldDate] = [*gold.quotes, *gold.dates]
    for item in items:
        assert item.start is not None and item.end is not None
        assert raw[item.start : item.end] == item.text


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_offsets_are_reproducible(gold: GoldArticle) -> None:
    raw = raw_text(gold)
    assert place(gold, raw) == gold


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_repeated_texts_say_which_occurrence(gold: GoldArticle) -> None:
    """Two gold items never point at the same place, so occurrence numbers were chosen."""
    raw = raw_text(gold)
    norm = normalize(raw)
    for items in (gold.quotes, gold.dates):
        places = [(item.start, item.end) for item in items]
        assert len(places) == len(set(places))
        for item in items:
            assert item.occurrence < len(find_all(norm.text, key(item.text)))


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_publication_date(gold: GoldArticle) -> None:
    if is_seed(gold):
        assert gold.published == dt.date.fromisoformat(SEED_DATES[gold.id])
    else:
        assert gold.published.isoformat() == manifest()[gold.id]["published_at"]


def _detokenize(text: str) -> str:
    return text.replace(" 's", "'s").replace(" ,", ",").replace(" .", ".")


@pytest.mark.parametrize("gold", MEANTIME_GOLDS, ids=[gold.id[:40] for gold in MEANTIME_GOLDS])
def test_meantime_values_are_kept(gold: GoldArticle) -> None:
    """Every MEANTIME TIMEX3 of the article is annotated with its value, or named in the notes."""
    path = meantime("dates.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    annotated = [(date.text, date.value) for date in gold.dates if date.origin == "meantime"]
    for row in rows:
        if row["doc_id"] != gold.id:
            continue
        text = _detokenize(row["text_of_timex"])
        if (text, row["value"]) in annotated:
            annotated.remove((text, row["value"]))
        else:
            assert f"'{text}'" in (gold.notes or ""), f"{text!r} neither annotated nor explained"
    assert annotated == [], "dates marked 'meantime' that dates.jsonl does not have"


def test_speakers_must_be_listed_entities() -> None:
    document = json.loads(GOLD_FILES[0].read_text(encoding="utf-8"))
    document["quotes"][0]["speaker"] = "Nobody Listed"
    with pytest.raises(ValidationError, match="not listed in entities"):
        GoldArticle.model_validate(document)


def test_offsets_come_in_pairs() -> None:
    document = json.loads(GOLD_FILES[0].read_text(encoding="utf-8"))
    document["dates"][0]["end"] = None
    with pytest.raises(ValidationError, match="both start and end"):
        GoldArticle.model_validate(document)


def test_checksum_is_of_the_raw_text() -> None:
    gold = GOLDS[0]
    assert gold.text_sha256 == text_sha256(raw_text(gold))


@pytest.mark.parametrize("gold", GOLDS, ids=IDS)
def test_event_dates_are_annotated_dates(gold: GoldArticle) -> None:
    """An event's when is one of the article's date expressions, with the same value."""
    for event in gold.events:
        assert (event.when is None) == (event.when_text is None), event.description
        if event.when_text is None:
            continue
        assert any(
            date.value == event.when and key(date.text) in key(event.when_text)
            for date in gold.dates
        ), f"{event.description}: {event.when_text!r} = {event.when} is not an annotated date"
