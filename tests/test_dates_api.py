"""The public surface of ``extractor.dates`` and the purity of the package."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from pathlib import Path

import extractor.dates

PACKAGE = Path(extractor.dates.__file__).parent
FORBIDDEN_MODULES = {"os", "sys", "time", "pathlib", "io", "subprocess", "click", "openai", "httpx"}
FORBIDDEN_CALLS = {"now", "today", "utcnow", "time", "getenv", "open"}


def test_exported_members() -> None:
    assert extractor.dates.__all__ == [
        "MAX_EXPRESSION",
        "MAX_PRECEDING",
        "NOT_A_DATE",
        "Resolver",
        "day_of_month",
        "find_mentions",
        "is_date_expression",
        "is_recurring",
        "resolve_date",
        "without_preposition",
    ]


def test_without_preposition_keeps_the_expression_as_written() -> None:
    strip = extractor.dates.without_preposition
    assert strip("on May 3, 2013") == "May 3, 2013"
    assert strip("As of MAY 3") == "MAY 3"
    assert strip("May 3") == "May 3"  # "May" is no preposition
    assert strip("Ongoing talks") == "Ongoing talks"  # a word starting like one


def test_day_of_month_reads_a_day_written_with_no_year() -> None:
    read = extractor.dates.day_of_month
    assert [read(e) for e in ("On March 31", "31st of March", "Monday, Oct. 26")] == [
        (3, 31),
        (3, 31),
        (10, 26),
    ]
    assert [read(e) for e in ("March 31, 2017", "last Monday", "March", "said")] == [None] * 4


def test_find_mentions_lists_the_date_expressions_of_a_text_in_order() -> None:
    found = extractor.dates.find_mentions(
        "The pier opened on Monday, March 3, and it may close in May."
    )
    assert [m.text for m in found] == ["Monday, March 3", "May"]  # "may close" is a verb
    # a count from the date named before it; "after" with an object is no date
    counted = extractor.dates.find_mentions(
        "A week later the pier closed, two days after the storm, and 3 years earlier it opened."
    )
    assert [m.text for m in counted] == ["A week later", "3 years earlier"]


def test_resolve_date_is_a_resolver() -> None:
    # mypy checks the assignment against the protocol's call signature
    resolver: extractor.dates.Resolver = extractor.dates.resolve_date
    published = dt.date(2031, 3, 12)  # a Wednesday
    context = "Ann Lee left on Friday."
    got = resolver("on Friday", published, context=context, tense="past", preceding="")
    assert got.value == "2031-03-07"


def test_is_date_expression_tells_dates_from_other_words() -> None:
    for text in ["On Thursday", "next month", "2014", "the day", "recently", "Tuesday morning"]:
        assert extractor.dates.is_date_expression(text), text
    sentence = "Duncan McNab stated “The tanker is the top priority for us right now.”"
    for text in ["said", "in the conference", "on the article", "Brussels", sentence]:
        assert not extractor.dates.is_date_expression(text), text


def _modules() -> list[Path]:
    return sorted(PACKAGE.glob("*.py"))


def test_package_never_imports_io_clock_or_cli() -> None:
    assert len(_modules()) > 5
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name} imports {name}"


def test_package_never_reads_the_clock_or_files() -> None:
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                assert name not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {name}()"


def test_importing_the_package_loads_no_cli_or_client() -> None:
    code = (
        "import sys, extractor.dates; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'click', 'openai', 'httpx'}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
