"""One error tree: every error a caller acts on lives in extractor/errors.py, drawn in its
docstring; states that cannot happen raise InternalError."""

from __future__ import annotations

import inspect
import pickle
import re
from pathlib import Path

import pytest

import extractor.diff
import extractor.errors as errors
import extractor.report
from extractor.diff import EventChange
from extractor.errors import ConfigError, DataError, ExtractorError, InternalError
from extractor.validate import Problem

PACKAGE = Path(errors.__file__).parent
# Private control flow that never leaves its module (see the docstring of errors.py).
PRIVATE = {"_WorkerGone", "_Unsupported", "_SchemaUnsupportedError", "Unreadable", "Failure"}
CLASS = re.compile(r"^class (\w+)\(([\w.]*(?:Error|Exception)\w*)\)", re.MULTILINE)


def tree() -> dict[str, type[ExtractorError]]:
    return {
        name: value
        for name, value in vars(errors).items()
        if inspect.isclass(value) and issubclass(value, ExtractorError)
    }


def test_no_error_class_outside_the_tree_but_the_private_ones() -> None:
    elsewhere = {
        match[1]
        for path in PACKAGE.rglob("*.py")
        if path.name != "errors.py"
        for match in CLASS.finditer(path.read_text(encoding="utf-8"))
    }
    assert elsewhere == PRIVATE


def test_the_docstring_draws_every_class_of_the_tree() -> None:
    lines = (errors.__doc__ or "").splitlines()

    def drawn(name: str) -> str:
        (line,) = [line for line in lines if re.match(rf"^    [│├└─ ]*{name}\b", line)]
        return line

    for name, kind in tree().items():
        if name != "ExtractorError":  # drawn under its parent, one step further in
            parent = kind.__mro__[1].__name__
            assert drawn(name).index(name) == drawn(parent).index(parent) + 4, (name, parent)


def test_the_facades_export_the_tree_s_classes() -> None:
    assert extractor.diff.UnreadableRunError is errors.UnreadableRunError
    assert extractor.report.NoArticlesError is errors.NoArticlesError


def test_an_unreadable_run_is_a_data_failure_not_bad_usage() -> None:
    assert issubclass(errors.UnreadableRunError, DataError)
    assert not issubclass(errors.UnreadableRunError, ConfigError)


def test_an_internal_error_says_it_is_a_bug_to_report() -> None:
    error = InternalError("a change with no event")
    assert str(error) == (
        "internal error: a change with no event. This is a bug in extractor: please report it."
    )
    back = pickle.loads(pickle.dumps(error))  # as it comes back from a worker process
    assert isinstance(back, InternalError) and str(back) == str(error)


def test_an_event_change_with_no_event_is_an_internal_error() -> None:
    with pytest.raises(InternalError, match="neither an old nor a new event"):
        _ = EventChange("added", None, None).event


def test_an_unknown_problem_code_is_an_internal_error() -> None:
    with pytest.raises(InternalError, match="unknown problem code 'E999'"):
        Problem("x.json", "", "E999", "?")
