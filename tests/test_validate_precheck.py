"""The compiled pre-check must agree with jsonschema on every value, valid or not."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from extractor.validate import Contract, load_contract
from extractor.validate.precheck import compile_check
from tests.data.review.factory import E, Q, doc_json, failure, make_document

CONTRACT = load_contract()
FORMATS = Draft202012Validator.FORMAT_CHECKER

DOCS = [
    doc_json(make_document()),
    doc_json(
        make_document("b", [E("Talk", ["X"], quotes=[Q("X", "unseen words")])], published=None)
    ),
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([0.5, 1.0, -1.0, 2.0])
    | st.sampled_from(["", "x", "2017-03-30", "2017-02-30", "direct", "day", "ev_0123456789abcdef"])
    | st.sampled_from(["2017-04-01T02:00:00Z", "2017-04-01 02:00", "exact", "past"]),
    lambda inner: (
        st.lists(inner, max_size=2)
        | st.dictionaries(st.sampled_from(["a", "text"]), inner, max_size=2)
    ),
    max_leaves=4,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = doc
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "text", "value", "id"]))] = draw(json_values)
    return doc


def _agree(contract: Contract, kind: str, value: Any) -> None:
    check = getattr(contract, kind)
    assert check.quick is not None
    expected = not any(True for _ in check.validator.iter_errors(value))
    assert check.quick(value) is expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DOCS).flatmap(mutated))
def test_precheck_agrees_with_jsonschema_on_documents(doc: Any) -> None:
    _agree(CONTRACT, "article", doc)


@settings(max_examples=200, deadline=None)
@given(mutated(doc_json(make_document())["events"][0]))
def test_precheck_agrees_with_jsonschema_on_events(event: Any) -> None:
    _agree(CONTRACT, "event", event)


def _manifest() -> dict[str, Any]:
    import json
    import tempfile
    from pathlib import Path

    from tests.data.review.factory import write_run

    with tempfile.TemporaryDirectory() as tmp:
        run = write_run(Path(tmp), [make_document()], failures=[failure("z")])
        data: dict[str, Any] = json.loads((run / "run.json").read_text(encoding="utf-8"))
        return data


@settings(max_examples=200, deadline=None)
@given(mutated(_manifest()))
def test_precheck_agrees_with_jsonschema_on_manifests(manifest: Any) -> None:
    _agree(CONTRACT, "run", manifest)


@pytest.mark.parametrize("value", [1.0, 2.5, True, None, "1", -1, 10**30])
def test_precheck_number_edge_cases(value: Any) -> None:
    doc = doc_json(make_document())
    doc["events"][0]["actors"][0]["span"]["start"] = value
    _agree(CONTRACT, "article", doc)


def test_unsupported_keywords_fall_back_to_jsonschema() -> None:
    assert compile_check({"type": "string", "minLength": 2}, FORMATS) is None
    assert compile_check({"$ref": "https://example.invalid/x.json"}, FORMATS) is None
    assert compile_check({"enum": [1, True]}, FORMATS) is None
    check = compile_check({"type": ["string", "null"], "format": "date"}, FORMATS)
    assert check is not None
    assert check(None) and check("2017-03-30") and not check("2017-02-30") and not check(3)


PROBES = ["2017-02-30", "2017-04-01T02:00:00", "", "day", 3, -1, 1.0, True, None, [], {}]


def _sweep(kind: str, base: Any) -> int:
    """Every single-leaf replacement by every probe: the two checks must agree on each."""
    disagreements = 0
    for path in _paths(base):
        if not path or isinstance(_get(base, path), dict | list):
            continue
        for probe in PROBES:
            value = copy.deepcopy(base)
            parent = _get(value, path[:-1])
            parent[path[-1]] = probe
            check = getattr(CONTRACT, kind)
            expected = not any(True for _ in check.validator.iter_errors(value))
            disagreements += check.quick(value) is not expected
    return disagreements


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


def test_every_leaf_of_an_event_agrees() -> None:
    assert _sweep("event", doc_json(make_document())["events"][0]) == 0


def test_every_leaf_of_a_manifest_agrees() -> None:
    assert _sweep("run", _manifest()) == 0
