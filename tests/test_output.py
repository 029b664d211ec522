from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from extractor.io.output import NEW_FILE_MODE, dumps, inside, write_atomic


def test_write_atomic_writes_and_skips_identical_content(tmp_path: Path) -> None:
    target = tmp_path / "a" / "doc.json"
    assert write_atomic(target, "one\n") is True
    before = target.stat().st_mtime_ns
    assert write_atomic(target, "one\n") is False
    assert target.stat().st_mtime_ns == before
    assert write_atomic(target, "two\n") is True
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]


def test_new_files_are_readable_like_ordinary_files(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    write_atomic(target, "x")
    assert stat.S_IMODE(target.stat().st_mode) == NEW_FILE_MODE
    os.chmod(target, 0o640)
    write_atomic(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_dumps_is_stable() -> None:
    assert dumps({"b": 1, "a": "é"}) == '{\n  "a": "é",\n  "b": 1\n}\n'


def test_inside_refuses_escapes(tmp_path: Path) -> None:
    assert inside(tmp_path, "articles/x.json") == (tmp_path / "articles" / "x.json").resolve()
    with pytest.raises(ValueError, match="outside"):
        inside(tmp_path, "../../etc/passwd")
