"""Build eval/dates/{dev,test}.jsonl from annotations.tsv and the shared ECB+ copy.

    .venv/bin/python eval/dates/build.py [--ecbplus ../shared/data/ecbplus]

annotations.tsv holds the hand-made part: for each ECB+ TIME_DATE mention kept, its TIMEX3 value
(judged by reading the sentence against the publication date). publication.tsv holds each
article's publication date and the line of the article that gives it. This script only joins
them with the ECB+ text: the sentence, the text before it, and a category and granularity for
the benchmark's tables. Odd topics go to dev.jsonl, even topics to test.jsonl.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ECBPLUS = HERE.parents[2] / "shared" / "data" / "ecbplus"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def granularity(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T[A-Z]{2})?", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    raise ValueError(f"unexpected value {value!r}")


def category(text: str) -> str:
    lowered = text.lower()
    if re.search(r"\b(today|tonight|yesterday|tomorrow|this morning)\b", lowered):
        return "today/yesterday/tomorrow"
    if any(day in lowered for day in _WEEKDAYS):
        return "weekday"
    if _MONTH.search(text) and re.search(r"\d", text):
        return "month+day (no year)"
    if _MONTH.search(text):
        return "month (no year)"
    if re.search(r"\b(this|last|next|the)\b.*\b(week|weekend|month|year|summer)", lowered):
        return "this/last/next + unit"
    return "other"


def _check_weekday(text: str, value: str) -> None:
    for number, name in enumerate(_WEEKDAYS):
        if name in text.lower() and granularity(value) == "day":
            date = dt.date.fromisoformat(value[:10])
            if date.weekday() != number:
                raise ValueError(f"{text!r} is not a {name}: {value}")


def build(ecbplus: Path) -> dict[str, list[dict[str, object]]]:
    gold = {}
    with (ecbplus / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            gold[doc["id"]] = doc
    published = {row["doc_id"]: row for row in _rows(HERE / "publication.tsv")}
    halves: dict[str, list[dict[str, object]]] = {"dev": [], "test": []}
    for row in _rows(HERE / "annotations.tsv"):
        doc = gold[row["doc_id"]]
        source = published[row["doc_id"]]
        raw = (ecbplus / "articles" / f"{doc['id']}.txt").read_bytes()
        article = raw.decode("utf-8")
        mention = next(a for a in doc["arguments"] if str(a["mention_id"]) == row["mention_id"])
        if mention["tag"] != "TIME_DATE":
            raise ValueError(f"{row}: not a TIME_DATE mention")
        lines = article.split("\n")
        index = mention["sentence"] - 1  # ecbplus files: the URL line was removed
        sentence = lines[index]
        start = article.index(sentence) if index else 0
        if not start <= mention["char_start"] < start + len(sentence):
            raise ValueError(f"{row}: the mention is not in line {index}")
        evidence = int(source["evidence_line"])
        if lines[evidence] != source["evidence"]:
            raise ValueError(f"{row}: evidence line {evidence} differs")
        # the text before the sentence, without the line that gave the publication date
        preceding = "\n".join(line for i, line in enumerate(lines[:index]) if i != evidence)
        _check_weekday(mention["text"], row["value"])
        topic = int(doc["topic"])
        halves["dev" if topic % 2 else "test"].append(
            {
                "doc_id": doc["id"],
                "topic": topic,
                "mention_id": mention["mention_id"],
                "dct": source["published"],
                "dct_evidence": source["evidence"],
                "text_of_timex": mention["text"],
                "value": row["value"],
                "granularity": granularity(row["value"]),
                "needs_dct": True,
                "category": category(mention["text"]),
                "sentence": sentence,
                "preceding": preceding,
                "text_sha256": hashlib.sha256(raw).hexdigest(),
            }
        )
    return halves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=DEFAULT_ECBPLUS)
    args = parser.parse_args()
    for half, rows in build(args.ecbplus).items():
        with (HERE / f"{half}.jsonl").open("w", encoding="utf-8") as handle:
            for item in rows:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{half}: {len(rows)} expressions")


if __name__ == "__main__":
    main()
