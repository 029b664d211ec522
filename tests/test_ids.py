from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.contract.ids import MAX_LENGTH, safe_id
from extractor.errors import InputError

SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


def _inside(out: Path, article_id: str) -> bool:
    target = (out / f"{article_id}.json").resolve()
    return target.parent == out.resolve()


@pytest.mark.parametrize(
    "raw", ["000_e0f882ac583a9941", "a.b-c_d", "X", "1007169_Mary_Barra", "report-2024010112"]
)
def test_safe_ids_are_kept_as_they_are(raw: str) -> None:
    assert safe_id(raw) == raw


@pytest.mark.parametrize(
    "raw",
    [
        "../../etc/x",
        "/etc/passwd",
        "..",
        ".",
        ".hidden",
        "a/b",
        "a\\b",
        "C:\\Windows\\x",
        "a b",
        "café",
        "new\nline",
        "nul\x00byte",
        "CON",
        "con.txt",
        "lpt1",
        "-" * 5,
        "-rf",
        "?" * 3,
        "x" * 300,
        "101354_Apple_releases_iPhone_SDK,_announces_upcoming_update",
    ],
)
def test_unsafe_ids_are_sanitised_inside_the_output_folder(raw: str, tmp_path: Path) -> None:
    result = safe_id(raw)
    assert result != raw
    assert SAFE.fullmatch(result)
    assert len(result) <= MAX_LENGTH
    assert result.endswith(hashlib.sha256(raw.encode()).hexdigest()[:12])
    assert _inside(tmp_path, result)


def test_windows_device_names_are_not_ids() -> None:
    for raw in ["CON", "con.txt", "Aux", "com1.json", "con.x y", "nul.tar.gz"]:
        assert not re.fullmatch(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?", safe_id(raw))


@pytest.mark.parametrize("raw", ["", " ", "\n\t"])
def test_empty_ids_are_refused(raw: str) -> None:
    with pytest.raises(InputError, match="empty"):
        safe_id(raw)


def test_sanitising_does_not_merge_different_ids() -> None:
    raws = ["a b", "a_b", "a/b", "a?b", "a  b", "a\\b", "x" * 300, "x" * 301]
    assert len({safe_id(raw) for raw in raws}) == len(raws)


def test_long_ids_are_truncated_with_a_hash() -> None:
    long_a, long_b = "a" * 200 + "1", "a" * 200 + "2"
    assert safe_id(long_a) != safe_id(long_b)
    assert len(safe_id(long_a)) <= MAX_LENGTH


@given(st.text(min_size=1).filter(lambda s: s.strip() != ""))
def test_any_id_becomes_safe_stable_and_idempotent(raw: str) -> None:
    result = safe_id(raw)
    assert SAFE.fullmatch(result)
    assert len(result) <= MAX_LENGTH
    assert result == safe_id(raw)
    assert safe_id(result) == result
    assert "/" not in result
    assert result not in {".", ".."}


@given(st.text(min_size=1), st.text(min_size=1))
def test_different_raw_ids_give_different_ids(a: str, b: str) -> None:
    if a.strip() and b.strip() and a != b:
        assert safe_id(a) != safe_id(b)
