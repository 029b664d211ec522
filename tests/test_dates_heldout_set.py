"""The held-out ECB+ date set (eval/dates): its split rule and its values hold together.

Checked from the committed files alone, without the corpus."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parents[1] / "eval" / "dates"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
VALUE = re.compile(
    r"\d{4}(?:-\d\d(?:-\d\d(?:T(?:MO|AF|EV|NI))?)?|-W\d\d(?:-WE)?|-(?:SP|SU|FA|WI))?"
)


def _rows(half: str) -> list[dict[str, Any]]:
    with (HERE / f"{half}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _tsv(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize(("half", "parity"), [("dev", 1), ("test", 0)])
def test_odd_topics_are_dev_and_even_topics_test(half: str, parity: int) -> None:
    rows = _rows(half)
    assert len(rows) >= 75
    for row in rows:
        assert row["topic"] % 2 == parity
        assert row["doc_id"].startswith(f"{row['topic']}_") and row["doc_id"].endswith("ecbplus")


def test_the_halves_share_no_article_and_hold_every_annotation() -> None:
    dev, test = _rows("dev"), _rows("test")
    assert not {r["doc_id"] for r in dev} & {r["doc_id"] for r in test}
    annotated = {(a["doc_id"], str(a["mention_id"])): a["value"] for a in _tsv("annotations.tsv")}
    built = {(r["doc_id"], str(r["mention_id"])): r["value"] for r in dev + test}
    assert built == annotated
    assert len(built) >= 150


def test_each_row_has_its_publication_date_and_evidence() -> None:
    published = {p["doc_id"]: p for p in _tsv("publication.tsv")}
    for row in _rows("dev") + _rows("test"):
        source = published[row["doc_id"]]
        assert row["dct"] == source["published"] == dt.date.fromisoformat(row["dct"]).isoformat()
        assert row["dct_evidence"] == source["evidence"]
        assert row["text_of_timex"] in row["sentence"]
        assert row["needs_dct"] is True


def test_values_are_timex3_and_weekdays_fall_on_their_day() -> None:
    for row in _rows("dev") + _rows("test"):
        value, text = row["value"], row["text_of_timex"].lower()
        assert VALUE.fullmatch(value), value
        named = [n for n, day in enumerate(WEEKDAYS) if day in text]
        if named and row["granularity"] == "day":
            assert dt.date.fromisoformat(value[:10]).weekday() == named[0], row
        # near the publication date (one anaphoric 'June 20' is of a story two years back)
        assert abs(int(value[:4]) - int(row["dct"][:4])) <= 2, row
