"""The held-out speaker set (eval/speakers): valid, verbatim against ECB+, halves apart by topic.

The texts are ECB+ articles (Cybulska & Vossen 2014, CC BY 3.0) in ``data/ecbplus`` of the
shared data (tests/shared_data.py); without them the text checks skip, or fail when ``CI`` is set.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest

from extractor.contract.gold import GoldArticle
from extractor.evaluation import problems, text_sha256
from tests.shared_data import ecbplus

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "eval" / "speakers"
# ``fresh``: a second untouched half (even topics, other articles than ``test``); ``fresh2``
# (session 16): other articles of any topic, annotated when the three others were all read.
HALVES = ("dev", "test", "fresh", "fresh2")
CUE_KINDS = {"said-verb", "other-verb", "according-to", "colon", "pronoun", "continued", "none"}
CUE = re.compile(r"\bq(\d+) ([a-z-]+)")


class SpeakerGoldArticle(GoldArticle):
    """The gold format with no publication date: ECB+ gives none."""

    published: dt.date | None = None  # type: ignore[assignment]


def load(path: Path) -> SpeakerGoldArticle:
    return SpeakerGoldArticle.model_validate_json(path.read_text(encoding="utf-8"))


FILES = {half: sorted((GOLD_DIR / half).glob("*.json")) for half in HALVES}
ALL = [(half, path) for half in HALVES for path in FILES[half]]
IDS = [f"{half}/{path.stem}" for half, path in ALL]


def manifest() -> dict[str, dict[str, str]]:
    lines = ecbplus("manifest.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return {row["id"]: row for row in rows}


def test_the_set_covers_the_brief() -> None:
    golds = [load(path) for _, path in ALL]
    assert len(golds) >= 30
    assert sum(len(gold.quotes) for gold in golds) >= 250
    for half in HALVES:
        assert len(FILES[half]) >= 15
    assert all(gold.id.endswith(("ecb", "ecbplus")) for gold in golds)


@pytest.mark.parametrize(("half", "path"), ALL, ids=IDS)
def test_file_parses_and_holds_quotes_only(half: str, path: Path) -> None:
    gold = load(path)
    assert gold.id == path.stem
    assert gold.published is None
    assert gold.dates == [] and gold.events == []
    assert gold.quotes
    names = {entity.name for entity in gold.entities}
    for quote in gold.quotes:
        assert quote.speaker in names
        assert set(quote.other_speakers) <= names
        assert quote.speaker not in quote.other_speakers


@pytest.mark.parametrize(("half", "path"), ALL, ids=IDS)
def test_every_quote_has_one_cue_kind_in_the_notes(half: str, path: Path) -> None:
    gold = load(path)
    cues = {int(m.group(1)): m.group(2) for m in CUE.finditer(gold.notes or "")}
    assert sorted(cues) == list(range(len(gold.quotes)))
    assert set(cues.values()) <= CUE_KINDS


@pytest.mark.parametrize(("half", "path"), ALL, ids=IDS)
def test_quotes_are_verbatim_at_their_offsets(half: str, path: Path) -> None:
    gold = load(path)
    raw = ecbplus("articles", f"{gold.id}.txt").read_text(encoding="utf-8")
    assert gold.text_sha256 == text_sha256(raw)
    assert problems(gold, raw) == []
    spans = []
    for quote in gold.quotes:
        assert quote.start is not None and quote.end is not None
        assert raw[quote.start : quote.end] == quote.text
        spans.append((quote.start, quote.end))
    spans.sort()
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "quotes overlap"


def topic_of(article_id: str) -> int:
    """ECB+ ids start with their topic: ``3_1ecb`` is in topic 3."""
    return int(article_id.split("_", 1)[0])


def test_the_halves_share_no_topic_and_follow_the_rule() -> None:
    topics = {half: {topic_of(path.stem) for path in FILES[half]} for half in HALVES}
    assert not topics["dev"] & (topics["test"] | topics["fresh"])
    assert all(topic % 2 == 1 for topic in topics["dev"])
    assert all(topic % 2 == 0 for topic in topics["test"] | topics["fresh"])
    assert not {p.stem for p in FILES["test"]} & {p.stem for p in FILES["fresh"]}


def test_the_second_fresh_set_holds_no_article_of_another_half() -> None:
    stems = {half: {path.stem for path in FILES[half]} for half in HALVES}
    others = stems["dev"] | stems["test"] | stems["fresh"]
    assert len(stems["fresh2"]) >= 25 and not stems["fresh2"] & others


def test_every_article_is_in_the_ecbplus_manifest_under_its_topic() -> None:
    rows = manifest()
    for _, path in ALL:
        assert path.stem in rows, f"{path.stem} is not an ECB+ article"
        assert int(rows[path.stem]["topic"]) == topic_of(path.stem)


def test_both_kinds_of_ecb_files_in_each_half() -> None:
    for half in HALVES:
        stems = [path.stem for path in FILES[half]]
        assert any(stem.endswith("ecbplus") for stem in stems)
        assert any(stem.endswith("ecb") for stem in stems)
