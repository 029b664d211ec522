"""The embedded model's OpenMP threads spin briefly before they sleep, unless the user chose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.io.local_model.spin import SPIN_COUNT, libgomp_loaded, set_spin_count

ROOT = Path(__file__).resolve().parents[1]


def test_spin_count_is_set_when_nobody_chose() -> None:
    environ: dict[str, str] = {"PATH": "/bin"}
    assert set_spin_count(environ) is True
    assert environ == {"PATH": "/bin", "GOMP_SPINCOUNT": SPIN_COUNT}


@pytest.mark.parametrize(
    "chosen", [{"GOMP_SPINCOUNT": "77"}, {"OMP_WAIT_POLICY": "active"}, {"OMP_WAIT_POLICY": ""}]
)
def test_a_users_own_choice_is_kept(chosen: dict[str, str]) -> None:
    environ = dict(chosen)
    assert set_spin_count(environ) is False
    assert environ == chosen


def test_libgomp_loaded_reads_the_maps(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text("7f00-7f01 r-xp 0 08:01 1 /usr/lib/x86_64-linux-gnu/libgomp.so.1\n")
    assert libgomp_loaded(maps) is True
    maps.write_text("7f00-7f01 r-xp 0 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n")
    assert libgomp_loaded(maps) is False
    assert libgomp_loaded(tmp_path / "missing") is False


IMPORT = "from extractor.io.local_model.server import _import_runtime; _import_runtime()"


def _fresh_process(code: str, env: dict[str, str]) -> str:
    """The standard error of ``code`` run by a fresh Python."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stderr


def _unset() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("GOMP_SPINCOUNT", "OMP_WAIT_POLICY")}


def _spin_count_libgomp_reads(extra: dict[str, str]) -> str:
    """Import the runtime as ``serve`` does, in a fresh process, and read the spin count that
    libgomp itself reports (``OMP_DISPLAY_ENV``, printed once as it loads)."""
    stderr = _fresh_process(IMPORT, {**_unset(), **extra, "OMP_DISPLAY_ENV": "verbose"})
    lines = [line.strip() for line in stderr.splitlines() if "GOMP_SPINCOUNT" in line]
    assert len(lines) == 1, stderr
    return lines[0]


def test_libgomp_gets_the_spin_count_when_llama_cpp_loads() -> None:
    assert _spin_count_libgomp_reads({}) == f"GOMP_SPINCOUNT = '{SPIN_COUNT}'"


def test_libgomp_gets_the_users_spin_count() -> None:
    assert _spin_count_libgomp_reads({"GOMP_SPINCOUNT": "77"}) == "GOMP_SPINCOUNT = '77'"


def test_a_libgomp_loaded_before_is_said_to_come_too_late() -> None:
    assert "too late" not in _fresh_process(IMPORT, _unset())
    stderr = _fresh_process("import xllamacpp; " + IMPORT, _unset())
    assert f"GOMP_SPINCOUNT={SPIN_COUNT} comes too late" in stderr
