"""One writer policy per output folder, whatever the mode.

- A run without ``--shard`` writes the whole tree: it excludes every other run.
- Shard runs of the same N write disjoint articles and merge under their own lock: they may
  run together; they exclude a run without ``--shard``, a shard run of another N, and a
  second run of the same shard.

With ``flock`` (released by the kernel when a process dies), on files in the folder:

OUT/.extractor-run.lock                 a plain run holds it exclusively, shard runs shared
OUT/.extractor-run.shards-of-N.lock     shard runs of N hold it shared (another N probes it)
OUT/.extractor-run.shard-K-of-N.lock    shard K/N holds it exclusively
OUT/.extractor-run.gate.lock            held only while the others are taken, so a probe and
                                        the lock it guards are one step

Who holds a lock (mode, pid, since when) is written in the file it holds exclusively, for the
message a second writer gets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from extractor.engine.shards import Shard
from extractor.errors import ConfigError

MAIN = ".extractor-run.lock"
GATE = ".extractor-run.gate.lock"
_GROUP = re.compile(r"\.extractor-run\.shards-of-(\d+)\.lock")
_SHARD = re.compile(r"\.extractor-run\.shard-(\d+)-of-(\d+)\.lock")


def group_lock(n: int) -> str:
    return f".extractor-run.shards-of-{n}.lock"


def shard_lock(shard: Shard) -> str:
    return f".extractor-run.{shard.suffix}.lock"


@contextlib.contextmanager
def tree_lock(
    out_dir: Path,
    shard: Shard | None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> Iterator[None]:
    """Hold ``out_dir`` for one run (see the module docstring); a second writer the policy
    excludes gets a ``ConfigError`` naming who holds the folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    me = f"{_mode(shard)} (pid {os.getpid()}, since {now():%Y-%m-%d %H:%M:%S} UTC)"
    with contextlib.ExitStack() as held:
        with _held(out_dir / GATE, fcntl.LOCK_EX):
            if shard is None:
                held.enter_context(_take(out_dir, MAIN, fcntl.LOCK_EX, me))
            else:
                held.enter_context(_take(out_dir, MAIN, fcntl.LOCK_SH))
                _refuse_other_groups(out_dir, shard.n)
                held.enter_context(_take(out_dir, group_lock(shard.n), fcntl.LOCK_SH))
                held.enter_context(_take(out_dir, shard_lock(shard), fcntl.LOCK_EX, me))
        yield


def _mode(shard: Shard | None) -> str:
    return f"shard {shard.label}" if shard is not None else "a run without --shard"


@contextlib.contextmanager
def _held(path: Path, mode: int) -> Iterator[IO[str]]:
    """Wait for a lock (only the gate is waited for: it is held for a moment)."""
    with path.open("a+", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), mode)
        try:
            yield handle
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def _take(out_dir: Path, name: str, mode: int, me: str | None = None) -> Iterator[None]:
    """Take a lock without waiting, recording ``me`` in it; refuse if it is held."""
    with (out_dir / name).open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _busy(out_dir) from None
        try:
            if me is not None:
                handle.seek(0)
                handle.truncate()
                handle.write(me + "\n")
                handle.flush()
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _is_held(path: Path) -> bool:
    """Whether a process holds ``path`` (probed under the gate, so nobody takes it meanwhile)."""
    try:
        handle = path.open("a+", encoding="utf-8")
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return False


def _refuse_other_groups(out_dir: Path, n: int) -> None:
    for path in out_dir.glob(".extractor-run.shards-of-*.lock"):
        match = _GROUP.fullmatch(path.name)
        if match and int(match[1]) != n and _is_held(path):
            raise _busy(out_dir)


def holders(out_dir: Path) -> list[str]:
    """Who holds the folder now, as they recorded themselves."""
    found = []
    for path in sorted(out_dir.glob(".extractor-run.shard-*-of-*.lock")):
        if _SHARD.fullmatch(path.name) and _is_held(path):
            found.append(_recorded(path))
    if not found and _is_held(out_dir / MAIN):
        found.append(_recorded(out_dir / MAIN))
    return found


def _recorded(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or f"a run (holding {path.name})"
    except OSError:
        return f"a run (holding {path.name})"


def _busy(out_dir: Path) -> ConfigError:
    who = "; ".join(holders(out_dir)) or "another run"
    return ConfigError(
        f"Another run is writing to {out_dir}: {who}. One folder has one writer at a time "
        "(shard runs of the same N may run together); wait for it to finish or give "
        "another --out."
    )
