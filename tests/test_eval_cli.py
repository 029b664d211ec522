"""``extractor eval`` in-process: tables, JSON, baseline differences, errors and exit codes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from extractor.cli import cli
from extractor.contract.models import ArticleDocument
from extractor.evaluation import Evaluation
from tests.test_eval_metrics import (
    GOLD_EVENTS,
    GOLD_QUOTES,
    PEOPLE,
    TEXT,
    document,
    event,
    gold_article,
    quote,
    when,
)


def write_gold(folder: Path) -> Path:
    folder.mkdir()
    gold = gold_article(entities=PEOPLE, quotes=GOLD_QUOTES, events=GOLD_EVENTS)
    (folder / "a1.json").write_text(gold.model_dump_json(indent=2), encoding="utf-8")
    return folder


def write_run(folder: Path, docs: Sequence[ArticleDocument]) -> Path:
    (folder / "articles").mkdir(parents=True)
    for doc in docs:
        (folder / "articles" / f"{doc.id}.json").write_text(doc.model_dump_json(), "utf-8")
    return folder


def good_doc() -> ArticleDocument:
    quotes = [
        quote(TEXT, "We will win the vote.", "Jane Doe"),
        quote(TEXT, "a fine day", "the mayor"),
    ]
    events = [
        event(["Acme"], place="Springfield", at=when(TEXT, "On Monday", "2020-01-06")),
        event(["Jane Doe"], quotes=quotes),
    ]
    return document(TEXT, events)


def weak_doc() -> ArticleDocument:
    return document(TEXT, [event(["Jane Doe"], quotes=[quote(TEXT, "a fine day", "Jane Doe")])])


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["eval", *map(str, args)])


def test_table_and_json(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    pred = write_run(tmp_path / "run", [good_doc(), document("Other.", [], doc_id="zz")])
    out = tmp_path / "metrics.json"
    result = run("--gold", gold, "--pred", pred, "--json", out)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{pred} against {gold}: 1 articles, 0 without a usable document"
    assert "quotes.exact.recall       0.667    2/3" in lines
    assert "quotes.overlap.precision  1.000    2/2  >=0.90 ok" in lines
    assert "quotes.overlap.recall     0.667    2/3  >=0.85 BELOW" in lines
    assert "dates.value.accuracy          -    0/0  >=0.90 n/a" in lines
    assert "events.f1                 0.800    4/5  >=0.60 ok" in lines
    assert (
        lines[-1] == "a1          1.000     0.667     0.800    1.000      -      0.800      1.000"
    )
    saved = Evaluation.model_validate_json(out.read_text(encoding="utf-8"))
    assert saved.baseline is None and saved.delta is None
    assert saved.pred.overall.quotes.exact.recall == 2 / 3
    assert saved.pred.overall.events.matched.f1 == 0.8
    assert saved.pred.ignored == ["zz"]
    assert json.loads(out.read_text(encoding="utf-8"))["pred"]["overall"]["grounding"] == {
        "correct": 2,
        "total": 2,
        "value": 1.0,
    }


def test_baseline_side_by_side(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    pred = write_run(tmp_path / "new", [good_doc()])
    base = write_run(tmp_path / "old", [weak_doc()])
    out = tmp_path / "cmp.json"
    result = run("--gold", gold, "--pred", pred, "--baseline", base, "--json", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{pred} (pred) against {base} (baseline), gold {gold}")
    # Baseline: 1 of 3 gold quotes found (overlap), speaker wrong; pred: 2 of 3, both right.
    lines = result.stdout.splitlines()
    assert "quotes.overlap.recall        0.333  0.667  +0.333  >=0.85 BELOW" in lines
    assert "quotes.speaker.accuracy      0.000  1.000  +1.000  >=0.80 ok" in lines
    assert "dates.found.recall               -      -       -" in lines
    assert lines[-3] == "per-article differences (pred minus baseline)"
    assert (
        lines[-1] == "a1         +0.000    +0.333    +0.300   +1.000      -     +0.300     +0.000"
    )
    saved = Evaluation.model_validate_json(out.read_text(encoding="utf-8"))
    assert saved.baseline is not None and saved.delta is not None
    assert saved.delta["quotes.overlap.recall"] == 1 / 3
    assert saved.delta["dates.value.accuracy"] is None  # no gold dates here


def test_missing_document_scores_zero_recall(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    pred = write_run(tmp_path / "run", [])
    result = run("--gold", gold, "--pred", pred)
    assert result.exit_code == 0, result.output
    assert "1 articles, 1 without a usable document" in result.stdout
    assert "quotes.overlap.recall     0.000    0/3  >=0.85 BELOW" in result.stdout.splitlines()
    assert "missing" in result.stdout.splitlines()[-1]


def test_unreadable_document_exits_1_after_the_table(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    pred = write_run(tmp_path / "run", [])
    (pred / "articles" / "a1.json").write_text('{"id": "a1"}', encoding="utf-8")
    result = run("--gold", gold, "--pred", pred)
    assert result.exit_code == 1
    assert "unreadable" in result.stdout
    assert result.stderr == (
        f"Error: 1 document(s) of {pred} could not be read and scored as empty: a1; "
        "see the notes in --json or re-run them\n"
    )


def test_run_without_articles_folder_is_a_usage_error(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    (tmp_path / "run").mkdir()
    result = run("--gold", gold, "--pred", tmp_path / "run")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'run'} has no articles/ folder: pass a run directory (--out of run)\n"
    )


def test_invalid_gold_is_a_usage_error(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    (gold / "bad.json").write_text('{"id": "b"}', encoding="utf-8")
    pred = write_run(tmp_path / "run", [good_doc()])
    result = run("--gold", gold, "--pred", pred)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {gold / 'bad.json'}: not a valid gold article (")
    assert result.stderr.endswith("check it against schemas/gold.schema.json\n")


def test_empty_gold_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    pred = write_run(tmp_path / "run", [good_doc()])
    result = run("--gold", tmp_path / "gold", "--pred", pred)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: no *.json gold files in {tmp_path / 'gold'}: pass --gold eval/gold\n"
    )


def test_a_single_gold_file_and_the_real_gold_set(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold") / "a1.json"
    pred = write_run(tmp_path / "run", [good_doc()])
    assert run("--gold", gold, "--pred", pred).exit_code == 0
    real = Path(__file__).resolve().parents[1] / "eval" / "gold"
    result = run("--gold", real, "--pred", pred)
    assert result.exit_code == 0, result.output
    assert "without a usable document" in result.stdout.splitlines()[0]


def test_missing_flag_is_click_usage_error(tmp_path: Path) -> None:
    result = run("--pred", tmp_path)
    assert result.exit_code == 2
    assert "Missing option '--gold'" in result.stderr


def test_documents_are_found_under_their_safe_id(tmp_path: Path) -> None:
    from extractor.contract.ids import safe_id
    from extractor.evaluation import load_run

    raw_id = "123_Apple,_Inc_results"
    folder = tmp_path / "run" / "articles"
    folder.mkdir(parents=True)
    doc = good_doc().model_copy(update={"id": safe_id(raw_id)})
    (folder / f"{safe_id(raw_id)}.json").write_text(doc.model_dump_json(), "utf-8")
    assert safe_id(raw_id) != raw_id
    docs, available = load_run(tmp_path / "run", [raw_id])
    assert isinstance(docs[raw_id], ArticleDocument)
    assert available == [raw_id]
