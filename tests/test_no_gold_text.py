"""No sentence of a gold or shared article is copied into the code, benchmarks, tests or prompts.

Examples in code and tests are invented (issue 17). A file copies an article when both share
eight words in a row: lower-cased words ``[a-z0-9]+``, punctuation and line breaks ignored.
The articles are the seeds, the gold files of ``eval/gold`` and (tests/shared_data.py) the
MEANTIME and ECB+ texts. ``docs/`` is out of scope: docs/OUTPUT.md shows a real document.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.shared_data import ecbplus, meantime

ROOT = Path(__file__).resolve().parents[1]
SHINGLE = 8
WORD = re.compile(r"[a-z0-9]+")

# (file, reason): files that may name shared articles by their ids. An article's id is its
# title, so it shares words with the text; in these files only the words of article ids
# (their file names) are let through, and any other shared run of words still fails.
ALLOWED: dict[str, str] = {
    "tests/test_quality_local.py": "selects two MEANTIME articles by id to run the real model",
}


def shingles(text: str) -> set[str]:
    """Every run of ``SHINGLE`` words of ``text``, lower-cased, joined by one space."""
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


# Fields of a gold file that are not the article's words: its licence and its address.
METADATA = frozenset({"attribution", "url"})


def _strings(value: object) -> Iterator[str]:
    """Every string inside a JSON value, but for the fields of ``METADATA``."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in METADATA:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _union(texts: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        found |= shingles(text)
    return frozenset(found)


@functools.cache
def repository_gold() -> frozenset[str]:
    """The shingles of the seeds and of every string of the gold files (quotes, events...)."""
    seeds = (p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    gold = (
        text for p in _gold_files() for text in _strings(json.loads(p.read_text(encoding="utf-8")))
    )
    return _union([*seeds, *gold])


def _articles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def _gold_files() -> list[Path]:
    return sorted((ROOT / "eval" / "gold").glob("*.json"))


@functools.cache
def shared_gold() -> frozenset[str]:
    """The shingles of the MEANTIME and ECB+ articles (skips, or fails in CI, without them)."""
    paths = _articles(meantime("articles")) + _articles(ecbplus("articles"))
    return _union(p.read_text(encoding="utf-8", errors="replace") for p in paths)


@functools.cache
def gold_ids() -> frozenset[str]:
    """The shingles of the gold articles' ids (their file names), for the allowed files."""
    return _union(p.stem for p in _gold_files())


@functools.cache
def article_ids() -> frozenset[str]:
    """The shingles of the shared articles' ids (their file names), for the allowed files."""
    return _union(p.stem for p in _articles(meantime("articles")) + _articles(ecbplus("articles")))


def sources() -> list[tuple[str, str]]:
    """(path, text) of the Python files of extractor/, bench/ and tests/, and of every prompt."""
    python = [p for part in ("extractor", "bench", "tests") for p in (ROOT / part).rglob("*.py")]
    prompts = [p for p in (ROOT / "prompts").rglob("*") if p.is_file()]
    return [
        (p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"))
        for p in sorted(python + prompts)
    ]


def copies(
    gold: frozenset[str], files: Iterable[tuple[str, str]], allowed: frozenset[str]
) -> list[str]:
    """One line per (path, text) sharing a shingle with ``gold``: the path, how many, one.

    In a file of ``ALLOWED``, the shingles of ``allowed`` (article ids) do not count."""
    found = []
    for name, text in files:
        shared = shingles(text) & gold
        if name in ALLOWED:
            shared -= allowed
        if shared:
            found.append(f"{name}: {len(shared)} shared, e.g. {min(shared)!r}")
    return found


def test_no_file_copies_a_seed_or_a_gold_file() -> None:
    assert copies(repository_gold(), sources(), gold_ids()) == []


def test_no_file_copies_a_meantime_or_ecbplus_article() -> None:
    assert copies(shared_gold(), sources(), article_ids()) == []


def _longest_line(path: Path) -> str:
    return max(path.read_text(encoding="utf-8", errors="replace").splitlines(), key=len)


def test_a_pasted_sentence_is_caught() -> None:
    # The check itself: a test holding part of a seed's line in a string is found.
    line = _longest_line(ROOT / "seeds" / "004_e990d03908ba375a.txt")
    pasted = ("tests/test_pasted.py", f"TEXT = {line[:120]!r}\n")
    [report] = copies(repository_gold(), [pasted], frozenset())
    assert report.startswith("tests/test_pasted.py: ")


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_an_allowed_file_is_let_off_article_ids_only(name: str) -> None:
    # The allowed file passes as it is, but not with a line of an article pasted into it.
    line = _longest_line(_articles(meantime("articles"))[0])
    source = (ROOT / name).read_text(encoding="utf-8")
    assert copies(shared_gold(), [(name, source)], article_ids()) == []
    pasted = f"{source}\nTEXT = {line[:120]!r}\n"
    [report] = copies(shared_gold(), [(name, pasted)], article_ids())
    assert report.startswith(f"{name}: ")
