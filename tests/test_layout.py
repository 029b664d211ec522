"""The layout's rules that import-linter cannot state: façades are not bypassed.

A package whose ``__init__`` lists ``__all__`` is a façade: outside it, code imports what it
offers (the names in ``__all__``) from the package itself, never from its modules. A test may
open the one package it unit-tests (its rule tables, its private helpers); everything else it
uses goes through façades too. Packages without ``__all__`` (``article/``, ``contract/``,
``io/``, ``text/``, ``cli/``) are folders of modules, each imported by its own name.
"""

from __future__ import annotations

import ast
import importlib
import re
import types
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _facades() -> list[str]:
    found = []
    for init in (ROOT / "extractor").rglob("__init__.py"):
        name = ".".join(init.relative_to(ROOT).parent.parts)
        if name != "extractor" and "__all__" in init.read_text(encoding="utf-8"):
            found.append(name)
    return sorted(found)


FACADES = _facades()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _deep_imports(tree: ast.AST) -> Iterator[tuple[str, str]]:
    """(façade, module past it) for each import of a façade's module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                for facade in FACADES:
                    if alias.name.startswith(facade + "."):
                        yield facade, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for facade in FACADES:
                if node.module.startswith(facade + "."):
                    yield facade, node.module
                elif node.module == facade:
                    package = importlib.import_module(facade)
                    for alias in node.names:
                        value = getattr(package, alias.name, None)
                        if isinstance(value, types.ModuleType) or alias.name not in package.__all__:
                            yield facade, f"{facade}.{alias.name}"


def _violations(folder: str, *, may_open_one: bool) -> dict[str, list[str]]:
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in sorted((ROOT / folder).rglob("*.py")):
        me = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for facade, target in _deep_imports(tree):
            if not _inside(me, facade):
                found[me].add((facade, target))
    return {
        me: sorted(target for _, target in pairs)
        for me, pairs in found.items()
        if not (may_open_one and len({facade for facade, _ in pairs}) == 1)
    }


def test_the_facades_are_found() -> None:
    assert {"extractor.dates", "extractor.diff", "extractor.engine", "extractor.validate"} <= set(
        FACADES
    )


def test_the_package_never_imports_past_a_facade() -> None:
    assert _violations("extractor", may_open_one=False) == {}


def test_benchmarks_never_import_past_a_facade() -> None:
    assert _violations("bench", may_open_one=False) == {}


def test_a_test_opens_at_most_the_one_package_it_unit_tests() -> None:
    assert _violations("tests", may_open_one=True) == {}


def test_the_check_sees_a_deep_import() -> None:
    tree = ast.parse(
        "from extractor.engine.batch import run_batch\n"
        "import extractor.dates.resolve\n"
        "from extractor.engine import run_batch as fine\n"
        "from extractor.engine import plan_article\n"
    )
    assert sorted(_deep_imports(tree)) == [
        ("extractor.dates", "extractor.dates.resolve"),
        ("extractor.engine", "extractor.engine.batch"),
        ("extractor.engine", "extractor.engine.plan_article"),
    ]


def test_the_readme_layout_names_only_what_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Layout: where each stage lives", 1)[1].split("\n### ", 1)[0]
    named = [
        token
        for token in re.findall(r"`([a-z_/.]+)`", section)
        if "/" in token and (token.endswith((".py", "/")))
    ]
    assert len(named) > 20
    missing = [
        token
        for token in named
        if not (ROOT / token).exists() and not (ROOT / "extractor" / token).exists()
    ]
    assert missing == []
