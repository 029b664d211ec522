"""How many CPU cores are free right now: the embedded model's default thread count.

llama.cpp's generation on a 2-core machine with one core taken by another process ran at
3.8 tokens/s with 2 threads and 5.8 with 1 (5.8 and 10.4 idle; ``bench/local_model_busy.py``,
docs/BENCHMARKS.md); with the short spin of ``spin.py``, 7.8 and 9.1: a thread per busy core
mostly waits. So the default is the cores idle over a short sample of ``/proc/stat`` when the
model starts, at least 1 and at most ``MAX_THREADS``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

# The most threads chosen by default: the thread count measured on this project's 2-core
# machine (more may pay on bigger ones: give --threads).
MAX_THREADS = 2
SAMPLE_S = 0.25
_STAT = Path("/proc/stat")


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def every_core() -> int:
    """The threads when every core is the model's: the usable CPUs, up to ``MAX_THREADS``."""
    return max(1, min(usable_cpus(), MAX_THREADS))


def _times() -> tuple[int, int] | None:
    """(idle, total) jiffies of all CPUs, or None where ``/proc/stat`` is not readable."""
    try:
        fields = _STAT.read_text(encoding="ascii").split("\n", 1)[0].split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    numbers = [int(value) for value in fields[1:]]
    idle = numbers[3] + (numbers[4] if len(numbers) > 4 else 0)  # idle + iowait
    return idle, sum(numbers[:8])  # user..steal; guest time is already in user


def free_between(
    first: tuple[int, int], second: tuple[int, int], cpus: int, most: int = MAX_THREADS
) -> int:
    """The cores idle between two ``(idle, total)`` samples, rounded, within [1, ``most``]."""
    idle, total = second[0] - first[0], second[1] - first[1]
    free = round(cpus * idle / total) if total > 0 else cpus
    return max(1, min(free, cpus, most))


def free_cores(
    sample_s: float = SAMPLE_S,
    times: Callable[[], tuple[int, int] | None] = _times,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """The cores idle now (see the module docstring); ``MAX_THREADS`` where it cannot tell."""
    first = times()
    if first is not None:
        sleep(sample_s)
        second = times()
        if second is not None:
            return free_between(first, second, usable_cpus())
    return every_core()
