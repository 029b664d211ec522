"""``extractor export``: a run as flat Parquet and CSV tables a warehouse loads as they are."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import extractor.export as export_api
from extractor.cli import cli
from extractor.contract.ids import safe_id
from extractor.export import SCHEMAS
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, json_reply

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = ROOT / "seeds" / "003_4ce2d9851149de12.txt"
ANSWER_003 = json.loads((ROOT / "tests" / "data" / "answer_003.json").read_text(encoding="utf-8"))
TABLES = ["articles", "events", "actors", "quotes", "dates"]

# An invented article whose date is a month: its value "2006-01" is no day.
MONTHLY = (
    "Acme Tools opens a plant in Lyon\n\n"
    "Acme Tools opened a new plant in Lyon in January 2006, the company said on Thursday. "
    '"We hired four hundred people," said Ana Ferreira, the plant manager.\n'
)
MONTHLY_ANSWER = {
    "events": [
        {
            "description": "Acme Tools opened a new plant in Lyon.",
            "actors": ["Acme Tools"],
            "place": "Lyon",
            "when": "in January 2006",
            "tense": "past",
            "statements": [{"kind": "direct", "text": "Q1", "speaker": "Ana Ferreira"}],
        }
    ]
}
REWRITTEN = "cms:2006/03/plant,7"


def _answer(request: Recorded) -> Reply:
    user = request.body["messages"][-1]["content"]
    return json_reply(MONTHLY_ANSWER if "Acme Tools" in user else ANSWER_003)


@pytest.fixture
def run_dir(fake_endpoint: FakeEndpoint, tmp_path: Path) -> Path:
    records = [
        {
            "id": REWRITTEN,
            "text": MONTHLY,
            "published_at": "2006-03-02",
            "url": "https://x.invalid/a",
        },
        {"id": "broken", "text": MONTHLY, "published_at": "someday"},
    ]
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "records.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    (inputs / SEED_003.name).write_text(SEED_003.read_text(encoding="utf-8"), encoding="utf-8")
    fake_endpoint.set_responder(_answer)
    out = tmp_path / "run"
    args = ["run", str(inputs), "--out", str(out), "--base-url", fake_endpoint.base_url]
    result = CliRunner().invoke(cli, [*args, "--model", "m", "--quiet"], env={})
    assert result.exit_code == 1, result.output  # "broken" fails alone
    return out


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _documents(run: Path) -> list[dict[str, Any]]:
    manifest = _json(run / "run.json")
    return [_json(run / e["document"]) for e in manifest["articles"] if e["document"]]


def _expected_counts(run: Path) -> dict[str, int]:
    docs = _documents(run)
    events = [e for d in docs for e in d["events"]]
    return {
        "articles": len(_json(run / "run.json")["articles"]),
        "events": len(events),
        "actors": sum(len(e["actors"]) for e in events),
        "quotes": sum(len(e["quotes"]) + len(e["unverified_quotes"]) for e in events)
        + sum(len(d["quotes"]) for d in docs),  # and those no event holds
        "dates": sum(e["when"] is not None for e in events),
    }


def _select(query: str) -> list[Any]:
    return duckdb.execute(query).fetchall()


def _export(run: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["export", str(run), *args], catch_exceptions=False)


def test_exported_members() -> None:
    assert sorted(export_api.__all__) == [
        "Export",
        "FORMATS",
        "Format",
        "RunRows",
        "SCHEMAS",
        "export_run",
        "run_rows",
        "to_table",
    ]


def test_parquet_tables_have_their_schemas_and_every_row(run_dir: Path) -> None:
    result = _export(run_dir)
    assert result.exit_code == 0, result.output
    folder = run_dir / "tables"
    counts = _expected_counts(run_dir)
    assert counts["events"] >= 3 and counts["quotes"] >= 3 and counts["dates"] >= 2
    assert result.output.splitlines() == [
        f"{folder / name}.parquet\t{counts[name]} rows" for name in TABLES
    ]
    tables = {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}
    for name, table in tables.items():
        assert table.schema.equals(SCHEMAS[name]), name
        assert table.num_rows == counts[name], name

    articles = {row["article_id"]: row for row in tables["articles"].to_pylist()}
    monthly = articles[safe_id(REWRITTEN)]
    assert monthly["source_id"] == REWRITTEN and monthly["status"] == "added"
    assert monthly["published_date"] == dt.date(2006, 3, 2)
    assert monthly["url"] == "https://x.invalid/a"
    broken = articles["broken"]
    assert (broken["status"], broken["error_stage"], broken["error_class"]) == (
        "failed",
        "input",
        "InputError",
    )
    assert broken["title"] is None and broken["event_count"] is None

    docs = {d["id"]: d for d in _documents(run_dir)}
    events = tables["events"].to_pylist()
    assert {(e["article_id"], e["event_id"]) for e in events} == {
        (d["id"], e["id"]) for d in docs.values() for e in d["events"]
    }
    for event in events:
        doc = docs[event["article_id"]]
        stored = next(e for e in doc["events"] if e["id"] == event["event_id"])
        assert event["source_id"] == doc["source_id"]
        assert event["description"] == stored["description"]
        assert event["title"] == doc["title"]
        when = stored["when"]
        assert event["when_text"] == (when["expression"] if when else None)
        start = when["resolution"]["start"] if when else None
        assert event["date_start"] == (dt.date.fromisoformat(start) if start else None)

    dates = {d["article_id"]: d for d in tables["dates"].to_pylist()}
    month = dates[safe_id(REWRITTEN)]
    assert (month["date_value"], month["date_granularity"]) == ("2006-01", "month")
    assert (month["date_start"], month["date_end"]) == (dt.date(2006, 1, 1), dt.date(2006, 1, 31))
    assert (month["date_status"], month["anchor_date"]) == ("explicit", None)  # needs none
    thursday = dates["003_4ce2d9851149de12"]
    assert (thursday["date_status"], thursday["anchor_date"]) == ("resolved", dt.date(2017, 2, 16))
    assert dates["003_4ce2d9851149de12"]["date_value"] == "2017-02-16"

    for quote in tables["quotes"].to_pylist():
        if quote["verified"] and quote["grounded"]:
            text = articles[quote["article_id"]]["article_text"]
            assert text[quote["span_start"] : quote["span_end"]] == quote["quote_text"]
    assert not all(q["verified"] for q in tables["quotes"].to_pylist())  # seed 003 has one
    apart = [q for q in tables["quotes"].to_pylist() if q["event_id"] is None]
    assert (
        [(q["article_id"], q["quote_text"]) for q in apart]
        == [(d["id"], q["text"]) for d in docs.values() for q in d["quotes"]]
        != []
    )  # the quotes no event holds, with a null event_id
    for actor in tables["actors"].to_pylist():
        if actor["grounded"]:
            text = articles[actor["article_id"]]["article_text"]
            assert text[actor["span_start"] : actor["span_end"]] == actor["name"]


def test_csv_tables_read_back_with_the_csv_module(run_dir: Path) -> None:
    out = run_dir.parent / "csv"
    result = _export(run_dir, "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    counts = _expected_counts(run_dir)
    for name in TABLES:
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        assert reader.fieldnames == SCHEMAS[name].names, name
        assert len(rows) == counts[name], name
    with (out / "dates.csv").open(encoding="utf-8", newline="") as handle:
        values = {r["source_id"]: r for r in csv.DictReader(handle)}
    assert values[REWRITTEN]["date_value"] == "2006-01"
    assert values[REWRITTEN]["date_start"] == "2006-01-01"
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        texts = {r["article_id"]: r["article_text"] for r in csv.DictReader(handle)}
    assert "\n" in texts["003_4ce2d9851149de12"]  # multi-line text survives quoting


def test_duckdb_reads_every_column_with_plain_selects(run_dir: Path) -> None:
    assert _export(run_dir).exit_code == 0
    assert _export(run_dir, "--format", "csv").exit_code == 0
    folder = run_dir / "tables"
    reserved = {
        row[0]
        for row in _select(
            "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'"
        )
    }
    assert {"when", "end"} <= reserved  # the names the events.jsonl lines force quoting for
    counts = _expected_counts(run_dir)
    for name in TABLES:
        columns = SCHEMAS[name].names
        assert not set(columns) & reserved, name
        for reader in (f"read_parquet('{folder}/{name}.parquet')", f"'{folder}/{name}.csv'"):
            rows = _select(f"SELECT {', '.join(columns)} FROM {reader}")
            assert len(rows) == counts[name], (name, reader)
    types = _select(
        "SELECT typeof(date_value), typeof(date_start), typeof(anchor_date) "
        f"FROM read_parquet('{folder}/dates.parquet') WHERE date_value = '2006-01'"
    )
    assert types == [("VARCHAR", "DATE", "DATE")]
    joined = _select(
        f"SELECT a.source_id, count(*) FROM read_parquet('{folder}/events.parquet') e "
        f"JOIN read_parquet('{folder}/articles.parquet') a "
        "USING (article_id) GROUP BY a.source_id ORDER BY 1"
    )
    assert [source for source, _ in joined] == ["003_4ce2d9851149de12", REWRITTEN]


def test_an_unreadable_document_is_left_out_and_named(run_dir: Path) -> None:
    doc = run_dir / "articles" / "003_4ce2d9851149de12.json"
    doc.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(run_dir)])
    assert result.exit_code == 1
    assert f"error: {doc}: cannot be read as an article document" in result.stderr
    articles = pq.read_table(run_dir / "tables" / "articles.parquet").to_pylist()
    left = next(a for a in articles if a["article_id"] == "003_4ce2d9851149de12")
    assert left["status"] == "added" and left["title"] is None
    events = pq.read_table(run_dir / "tables" / "events.parquet").to_pylist()
    assert {e["article_id"] for e in events} == {safe_id(REWRITTEN)}


def test_a_folder_without_run_json_is_bad_usage(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path} has no run.json: name the --out folder of an 'extractor run'" in (
        result.output
    )
