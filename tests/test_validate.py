"""Schema and semantic checks of single article documents."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import extractor.validate as validate_api
from extractor.errors import ConfigError, InternalError
from extractor.validate import CODES, Contract, check_document, load_contract, validate_paths
from extractor.validate.problems import Problem
from extractor.validate.timex import granularity_of, is_well_formed, matches, period
from tests.data.review.factory import E, Q, doc_json, dump, make_document

DATA = Path(__file__).parent / "data" / "review"


@pytest.fixture(scope="module")
def contract() -> Contract:
    return load_contract()


def _problems(doc: Any, contract: Contract) -> list[Problem]:
    return contract.article.problems(doc, "doc.json") + check_document(doc, "doc.json")


def _found(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.pointer, p.code) for p in problems}


def test_public_api_is_pinned() -> None:
    assert sorted(validate_api.__all__) == [
        "CODES",
        "Contract",
        "MANIFEST",
        "Problem",
        "Result",
        "RunFiles",
        "SchemaCheck",
        "build_contract",
        "check_document",
        "check_event_lines",
        "check_run",
        "default_schemas_dir",
        "failed_articles",
        "load_contract",
        "sort_key",
        "validate_paths",
    ]


def test_codes_table_in_docstring_lists_every_code() -> None:
    doc = validate_api.__doc__ or ""
    rows = {
        line.split()[0]: line.split()[1]
        for line in doc.splitlines()
        if line[:1] == "E" and line[1:4].isdigit()
    }
    assert rows == CODES


def test_factory_document_is_valid(contract: Contract) -> None:
    doc = doc_json(make_document())
    assert _problems(doc, contract) == []


def test_a_quote_stored_apart_is_valid(contract: Contract) -> None:
    doc = doc_json(make_document())
    _apart("kind", "direct")(doc)
    assert _problems(doc, contract) == []


def test_a_quote_stored_twice_before_schema_1_6_0_is_no_problem(contract: Contract) -> None:
    doc = doc_json(make_document())
    _twice(doc)
    doc["schema_version"] = "1.5.0"  # quotes were not yet stored once
    assert _problems(doc, contract) == []


def test_document_without_publication_date_is_valid(contract: Contract) -> None:
    doc = doc_json(make_document(published=None, events=[E("A meeting", ["Mattis"])]))
    assert _problems(doc, contract) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    keys = [int(k) if k.isdigit() else k for k in path.strip("/").split("/")]

    def edit(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return edit


def _apart(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """The first event's quote stored apart (``quotes``), its ``key`` set to ``value``."""

    def edit(doc: dict[str, Any]) -> None:
        quote = doc["events"][0]["quotes"].pop(0)
        doc["quotes"] = [{**quote, key: value}]

    return edit


def _twice(doc: dict[str, Any]) -> None:
    """The first event's quote stored apart too."""
    doc["quotes"] = [doc["events"][0]["quotes"][0]]


WHEN0 = "/events/0/when"
RES0 = WHEN0 + "/resolution"
RES1 = "/events/1/when/resolution"

# (edit, pointer, code): one defect each, on the factory's default document.
DEFECTS = [
    (_set("/events/0/actors/0/span/end", 10_000), "/events/0/actors/0/span", "E101"),
    (_set("/events/0/place/span/start", 1), "/events/0/place/span/text", "E102"),
    (_set("/text_sha256", "0" * 64), "/text_sha256", "E103"),
    (_set("/events/0/place/span", None), "/events/0/place/grounded", "E104"),
    (_set("/events/0/quotes/0/text", "Russia is mucking"), "/events/0/quotes/0/text", "E201"),
    (_set("/events/0/quotes/0/grounded", False), "/events/0/quotes/0/grounded", "E202"),
    (_apart("text", "Russia is mucking"), "/quotes/0/text", "E201"),
    (_apart("grounded", False), "/quotes/0/grounded", "E202"),
    (_twice, "/quotes/0/span", "E204"),
    (_set(RES0 + "/anchor", "2017-03-30"), RES0 + "/anchor", "E301"),
    (_set(RES0 + "/end", "2017-03-29"), RES0 + "/start", "E303"),
    (_set(RES1 + "/granularity", "week"), RES1 + "/value", "E304"),
    (_set(RES1 + "/start", "2017-03-31"), RES1 + "/start", "E305"),
    (_set(RES0 + "/value", None), RES0 + "/value", "E306"),
    (_set(RES0 + "/status", "unresolved"), RES0 + "/status", "E306"),
    (_set("/events/1/id", "ev_0000000000000000"), "/events/1/id", "E402"),
    (_set("/warnings", [{"code": "W001", "message": "x", "event_id": "ev_1"}]), None, "E403"),
]


@pytest.mark.parametrize(("edit", "where", "code"), DEFECTS)
def test_each_semantic_defect_has_its_code(
    contract: Contract, edit: Callable[[dict[str, Any]], None], where: str | None, code: str
) -> None:
    doc = doc_json(make_document())
    edit(doc)
    problems = _problems(doc, contract)
    assert [p.code for p in problems] == [code], [str(p) for p in problems]
    assert problems[0].pointer == (where if where is not None else "/warnings/0/event_id")


def test_resolved_date_without_anchor(contract: Contract) -> None:
    doc = doc_json(make_document())
    doc["events"][0]["when"]["resolution"]["anchor"] = None
    assert _found(_problems(doc, contract)) == {(RES0 + "/anchor", "E302")}


def test_assumed_date_is_valid_and_checked_like_a_resolved_one(contract: Contract) -> None:
    """'assumed' (direction undecided, the news convention chose) is a status of its own:
    the schema accepts it, and it needs an anchor and a value as 'resolved' does."""
    doc = doc_json(make_document())
    resolution = doc["events"][0]["when"]["resolution"]
    assert resolution["status"] == "resolved"
    resolution["status"] = "assumed"
    assert _problems(doc, contract) == []
    resolution["anchor"] = None
    assert _found(_problems(doc, contract)) == {(RES0 + "/anchor", "E302")}
    resolution["anchor"], resolution["value"] = "2017-03-31", None
    assert _found(_problems(doc, contract)) == {(RES0 + "/value", "E306")}


def test_unverified_quote_marked_grounded(contract: Contract) -> None:
    doc = doc_json(make_document(events=[E("Talk", ["Mattis"], quotes=[Q("Mattis", "Not said")])]))
    assert doc["events"][0]["unverified_quotes"][0]["grounded"] is False
    doc["events"][0]["unverified_quotes"][0]["grounded"] = True
    found = _found(_problems(doc, contract))
    assert ("/events/0/unverified_quotes/0/grounded", "E203") in found


def test_duplicate_event_id(contract: Contract) -> None:
    doc = doc_json(make_document())
    doc["events"].append(copy.deepcopy(doc["events"][0]))
    # its quote is then stored twice too
    assert _found(_problems(doc, contract)) == {
        ("/events/2/id", "E401"),
        ("/events/2/quotes/0/span", "E204"),
    }


def test_edited_text_breaks_hash_and_offsets(contract: Contract) -> None:
    doc = doc_json(make_document())
    doc["text"] = "Breaking: " + doc["text"]
    codes = {p.code for p in _problems(doc, contract)}
    assert codes == {"E103", "E102"}


def test_schema_problems_point_at_the_field(contract: Contract) -> None:
    doc = doc_json(make_document())
    doc["published"]["value"] = "2017-02-30"
    doc["events"][0]["when"]["tense"] = "someday"
    doc["extra"] = 1
    del doc["title"]
    found = _found(contract.article.problems(doc, "doc.json"))
    assert found == {
        ("/published/value", "E002"),
        (WHEN0 + "/tense", "E002"),
        ("/extra", "E002"),
        ("", "E002"),  # 'title' is a required property
    }


def test_schema_error_inside_nullable_field_names_the_branch(contract: Contract) -> None:
    doc = doc_json(make_document())
    doc["events"][0]["when"]["resolution"]["start"] = "March 30"
    (problem,) = contract.article.problems(doc, "doc.json")
    assert problem.pointer == RES0 + "/start"
    assert "'March 30' is not a 'date'" in problem.message


def test_semantic_checks_survive_malformed_values(contract: Contract) -> None:
    doc = doc_json(make_document())
    doc["events"][0]["actors"] = "James Mattis"
    doc["events"][1]["when"] = {"expression": 3}
    doc["published"] = []
    doc["text"] = None
    problems = _problems(doc, contract)
    assert problems
    assert {p.code for p in problems} == {"E002"}


def test_hand_edited_fixture_reports_every_edit(contract: Contract) -> None:
    # tests/data/review/hand_edited.json: a factory document edited by hand in five places.
    result = validate_paths([DATA / "hand_edited.json"], contract)
    assert _found(result.problems) == {
        ("/reviewed_by", "E002"),  # a field the contract does not have
        ("/published/value", "E002"),  # 2017-03-32
        ("/events/0/id", "E402"),  # description edited, id kept
        ("/events/0/actors/1/span/text", "E102"),  # start moved by one
        ("/events/1/when/resolution/end", "E305"),  # 'next month' ends in May
    }
    assert result.documents == 1


def test_problem_line_format() -> None:
    problem = Problem("runs/a/x.json", "/events/0/id", "E402", "bad id")
    assert str(problem) == "runs/a/x.json:/events/0/id: E402 event-id-mismatch: bad id"
    assert str(Problem("e.jsonl", "", "E001", "no", line=3)) == "e.jsonl:3: E001 unreadable: no"
    with pytest.raises(InternalError, match="unknown problem code"):
        Problem("x", "", "E999", "?")


def test_missing_schemas_directory_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"article\.schema\.json not found.*--schemas DIR"):
        load_contract(tmp_path)


def test_broken_schema_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "article.schema.json").write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be read"):
        load_contract(tmp_path)


def test_default_schemas_are_the_committed_files(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    assert validate_api.default_schemas_dir() == root / "schemas"
    copy_dir = tmp_path / "schemas"
    copy_dir.mkdir()
    for name in ("article.schema.json", "run.schema.json"):
        schema = json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
        if name == "article.schema.json":  # a stricter published contract judges differently
            schema["properties"]["title"] = {"type": "string", "maxLength": 3}
        (copy_dir / name).write_text(dump(schema), encoding="utf-8")
    doc = doc_json(make_document())
    stricter = load_contract(copy_dir)
    assert _found(stricter.article.problems(doc, "d")) == {("/title", "E002")}
    assert load_contract().article.problems(doc, "d") == []


@pytest.mark.parametrize(
    ("value", "granularity", "bounds"),
    [
        ("2017-03-30", "day", ("2017-03-30", "2017-03-30")),
        ("2017-03-30TMO", "day", ("2017-03-30", "2017-03-30")),
        ("2017-W13", "week", ("2017-03-27", "2017-04-02")),
        ("2017-W13-WE", "week", ("2017-03-27", "2017-04-02")),
        ("2017-02", "month", ("2017-02-01", "2017-02-28")),
        ("2016-Q1", "quarter", ("2016-01-01", "2016-03-31")),
        ("2016-WI", "season", ("2016-12-01", "2017-02-28")),
        ("2017", "year", ("2017-01-01", "2017-12-31")),
        ("201", "decade", ("2010-01-01", "2019-12-31")),
        ("19", "century", ("1900-01-01", "1999-12-31")),
        ("PAST_REF", "ref", None),
    ],
)
def test_timex_shapes_and_periods(
    value: str, granularity: str, bounds: tuple[str, str] | None
) -> None:
    assert granularity_of(value) == granularity
    assert matches(value, granularity)
    assert matches(value, "range")
    found = period(value)
    assert (None if found is None else (found[0].isoformat(), found[1].isoformat())) == bounds


@pytest.mark.parametrize("value", ["2017-02-30", "XXXX-XX-XX", "P3D", "FY2017", "2017-Q5", ""])
def test_timex_rejects_malformed_values(value: str) -> None:
    assert granularity_of(value) is None
    assert not is_well_formed(value)


def test_timex_ranges() -> None:
    assert is_well_formed("2017-03-30/2017-04-02")
    assert is_well_formed("2017-H1")
    assert not is_well_formed("2017-03-30/2017-04-02/2017-05-01")
