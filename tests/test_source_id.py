"""The caller's article id (``source_id``) is kept in documents, events.jsonl and run.json."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from extractor.cli import cli
from extractor.contract.article import RawArticle
from extractor.contract.ids import safe_id
from extractor.diff import diff_runs, load_snapshot
from extractor.io.inputs import load_inputs
from extractor.report import render_report
from extractor.validate import load_contract, validate_paths
from tests.fake_endpoint import FakeEndpoint, json_reply

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = ROOT / "seeds" / "003_4ce2d9851149de12.txt"
ANSWER_003 = json.loads((ROOT / "tests" / "data" / "answer_003.json").read_text(encoding="utf-8"))
REWRITTEN = "cms:2024/10/article,42"  # made safe as cms_2024_10_article_42--<hash>
KEPT = "plain-id_7"
BROKEN = "feed/item 9"  # fails: its published_at is no date


def _run(endpoint: FakeEndpoint, tmp_path: Path) -> Path:
    text = SEED_003.read_text(encoding="utf-8")
    records = [
        {"id": REWRITTEN, "text": text},
        {"id": KEPT, "text": text},
        {"id": BROKEN, "text": text, "published_at": "someday"},
    ]
    inputs = tmp_path / "records.jsonl"
    inputs.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    endpoint.set_responder(lambda _: json_reply(ANSWER_003))
    out = tmp_path / "out"
    args = ["run", str(inputs), "--out", str(out), "--base-url", endpoint.base_url]
    result = CliRunner().invoke(cli, [*args, "--model", "m", "--quiet"], env={})
    assert result.exit_code == 1, result.output  # the broken record fails alone
    return out


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_callers_id_is_in_every_output(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    out = _run(fake_endpoint, tmp_path)
    rewritten = safe_id(REWRITTEN)
    assert rewritten != REWRITTEN and safe_id(KEPT) == KEPT

    for article_id, source_id in ((rewritten, REWRITTEN), (KEPT, KEPT)):
        doc = _json(out / "articles" / f"{article_id}.json")
        assert (doc["id"], doc["source_id"]) == (article_id, source_id)

    lines = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert lines and {(x["article_id"], x["source_id"]) for x in lines} == {
        (rewritten, REWRITTEN),
        (KEPT, KEPT),
    }

    manifest = _json(out / "run.json")
    listed = {e["id"]: e["source_id"] for e in manifest["articles"]}
    assert listed == {rewritten: REWRITTEN, KEPT: KEPT, safe_id(BROKEN): BROKEN}
    [failure] = manifest["failures"]
    assert (failure["id"], failure["source_id"]) == (safe_id(BROKEN), BROKEN)

    assert validate_paths([out], load_contract()).problems == []

    page = render_report(load_snapshot(out))
    assert f"{rewritten} (given as cms:2024/10/article,42)" in page
    assert "(given as plain-id_7)" not in page


def test_validate_finds_a_source_id_that_disagrees(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    out = _run(fake_endpoint, tmp_path)
    manifest = _json(out / "run.json")
    manifest["articles"][0]["source_id"] = "someone-else"
    (out / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    events = out / "events.jsonl"
    lines = events.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["source_id"] = "another"
    second = json.loads(lines[1])
    del second["source_id"]
    events.write_text(
        "\n".join([json.dumps(first), json.dumps(second), *lines[2:]]) + "\n", encoding="utf-8"
    )

    problems = validate_paths([out], load_contract()).problems
    found = {(p.code, p.pointer, p.line) for p in problems}
    assert ("E503", "/articles/0/source_id", None) in found
    assert ("E508", "", 1) in found
    assert ("E002", "/source_id", 2) in found


def test_a_run_from_before_source_id_still_loads(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    out = _run(fake_endpoint, tmp_path)
    old = tmp_path / "old"
    (old / "articles").mkdir(parents=True)
    manifest = _json(out / "run.json")
    for entry in manifest["articles"] + manifest["failures"]:
        del entry["source_id"]
    (old / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    for path in (out / "articles").glob("*.json"):
        doc = _json(path)
        del doc["source_id"]
        (old / "articles" / path.name).write_text(json.dumps(doc), encoding="utf-8")

    before = load_snapshot(old)
    assert {doc.source_id for doc in before.documents.values()} == set(before.documents)
    changes = diff_runs(before, load_snapshot(out))
    assert [a.kind for a in changes.articles if a.kind != "failed"] == ["unchanged"] * 2


def test_a_source_id_that_is_not_utf8_becomes_printable(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt")).write_text("Text.\n", encoding="utf-8")
    record = '{"id": "lone\\ud800", "text": "Text."}\n'  # JSON can carry a lone surrogate
    (folder / "records.jsonl").write_text(record, encoding="utf-8")
    items = load_inputs([folder])
    assert all(isinstance(item, RawArticle) for item in items)
    assert sorted(item.source_id for item in items) == ["caf\ufffd", "lone\ufffd"]
    for item in items:
        item.source_id.encode("utf-8")  # what run.json and the documents need
