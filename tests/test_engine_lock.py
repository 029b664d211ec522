"""One writer policy per output folder: shard runs of one N together, nothing else at once."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.engine import Shard
from extractor.engine.lock import tree_lock
from extractor.errors import ConfigError
from tests.engine_support import answering, write_articles
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply

EXTRACTOR = Path(sys.executable).parent / "extractor"


def _refused(out: Path, shard: Shard | None) -> str:
    with pytest.raises(ConfigError) as caught, tree_lock(out, shard):
        pass
    return str(caught.value)


def test_shard_runs_of_one_n_share_the_folder(tmp_path: Path) -> None:
    with tree_lock(tmp_path, Shard(1, 2)), tree_lock(tmp_path, Shard(2, 2)):
        message = _refused(tmp_path, None)
        assert "shard 1/2 (pid" in message and "shard 2/2 (pid" in message
        assert "wait for it to finish or give another --out" in message
    with tree_lock(tmp_path, None):  # released: the folder is free again
        pass


@pytest.mark.parametrize(
    ("holder", "second", "named"),
    [
        (None, None, "a run without --shard (pid"),
        (None, Shard(1, 2), "a run without --shard (pid"),
        (Shard(1, 2), None, "shard 1/2 (pid"),
        (Shard(1, 2), Shard(1, 2), "shard 1/2 (pid"),
        (Shard(1, 2), Shard(1, 3), "shard 1/2 (pid"),
        (Shard(2, 3), Shard(1, 2), "shard 2/3 (pid"),
    ],
)
def test_a_second_writer_is_refused_and_told_who_holds_the_folder(
    tmp_path: Path, holder: Shard | None, second: Shard | None, named: str
) -> None:
    with tree_lock(tmp_path, holder):
        message = _refused(tmp_path, second)
    assert message.startswith(f"Another run is writing to {tmp_path}: {named}")
    with tree_lock(tmp_path, second):  # the first is gone: the second may start
        pass


def test_a_plain_run_cannot_start_while_a_shard_run_writes(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 4)
    asked, release = threading.Event(), threading.Event()

    def hold_the_first(request: Recorded) -> Reply:
        if not asked.is_set():
            asked.set()
            release.wait(60)
        return answering(request)

    fake_endpoint.set_responder(hold_the_first)
    base = ["run", str(inputs), "--out", str(out), "--base-url", fake_endpoint.base_url]
    args = [*base, "--model", "fake-model", "--quiet"]
    shard = subprocess.Popen(  # another process, stopped inside its first model request
        [str(EXTRACTOR), *args, "--shard", "1/2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    try:
        assert asked.wait(60), shard.communicate(timeout=5)
        result = CliRunner().invoke(cli, args, env={})
    finally:
        release.set()
        with contextlib.suppress(subprocess.TimeoutExpired):
            shard.communicate(timeout=60)
        if shard.returncode is None:
            shard.kill()
    assert result.exit_code == 2, result.output
    assert f"Another run is writing to {out}: shard 1/2 (pid {shard.pid}," in result.output
    assert shard.returncode == 0
    assert (out / "run.shard-1-of-2.json").exists() and not (out / "run.json").exists()
