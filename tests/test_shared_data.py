"""The shared data is found in one place, and a missing corpus fails CI instead of skipping."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import shared_data
from tests.engine_support import bodies


def test_the_shared_data_is_beside_the_repository_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(shared_data.ENV, raising=False)
    root = Path(shared_data.__file__).resolve().parents[1]
    assert shared_data.shared_root() == root.parent / "shared"


def test_the_environment_variable_points_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "data" / "meantime").mkdir(parents=True)
    monkeypatch.setenv(shared_data.ENV, str(tmp_path))
    assert shared_data.meantime() == tmp_path / "data" / "meantime"


def test_missing_data_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(shared_data.ENV, str(tmp_path / "nowhere"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="EXTRACTOR_SHARED_DATA"):
        shared_data.ecbplus("manifest.jsonl")


def test_missing_data_fails_in_ci_saying_what_and_how(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(shared_data.ENV, str(tmp_path / "nowhere"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as info:
        shared_data.meantime("dates.jsonl")
    said = str(info.value)
    assert str(tmp_path / "nowhere" / "data" / "meantime" / "dates.jsonl") in said
    assert "set EXTRACTOR_SHARED_DATA" in said


def test_the_engine_tests_fail_in_ci_without_the_corpus(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(shared_data.ENV, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    invented = bodies()  # outside CI: invented texts, all different, of two chunks or more
    assert len(set(invented)) == len(invented) > 1
    assert min(len(text) for text in invented) > 2_000
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="data/meantime/articles"):
        bodies()
