"""The scheduling priority of the embedded model's threads: llama.cpp's own levels.

With one of two cores taken by another process, generation at the default level ran at 3.2
tokens/s with 2 threads and 9.7 with 1 (16.0 idle); at ``medium`` it ran at 14.8 with 2
(``bench/local_model_busy.py``, docs/BENCHMARKS.md). The levels above ``normal`` use real-time
scheduling (ggml's ``SCHED_FIFO``): while the model generates, its threads take the cores from
every ordinary process. So they are chosen only on request, and only where the system allows
real-time scheduling, which is checked before the model loads: llama.cpp would only log a
warning and run at the default level.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from extractor.errors import ConfigError

# Each level's value of ggml's ``ggml_sched_priority``.
GGML_LEVEL = {"low": -1, "normal": 0, "medium": 1, "high": 2, "realtime": 3}
PRIORITIES = tuple(GGML_LEVEL)
DEFAULT_PRIORITY = "normal"
# ggml_thread_apply_priority: low is SCHED_BATCH, normal SCHED_OTHER, the rest SCHED_FIFO at:
_REALTIME = {"medium": 40, "high": 80, "realtime": 90}


def takes_cores(level: str) -> bool:
    """Whether ``level`` takes cores from other processes (real-time scheduling)."""
    return level in _REALTIME


def try_realtime(priority: int) -> str | None:
    """None if a thread of this process may switch to ``SCHED_FIFO`` at ``priority``, else why.

    The attempt is made by a short-lived thread of its own (Linux schedules threads one by
    one), so no thread that goes on running changes its scheduling.
    """
    refusal: list[str] = []

    def attempt() -> None:
        try:
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(priority))
        except AttributeError:
            refusal.append("this system has no real-time scheduling")
        except OSError as exc:
            refusal.append(exc.strerror or str(exc))

    thread = threading.Thread(target=attempt, name="extractor-priority-check")
    thread.start()
    thread.join()
    return refusal[0] if refusal else None


def check_allowed(level: str, attempt: Callable[[int], str | None] | None = None) -> None:
    """Refuse a real-time ``level`` this process may not use (``attempt``: ``try_realtime``),
    saying how to allow it."""
    if level not in _REALTIME:
        return
    refusal = (attempt or try_realtime)(_REALTIME[level])
    if refusal is not None:
        raise ConfigError(
            f"--model-priority {level} needs real-time scheduling, which this system refused "
            f"({refusal}): run as root, grant the capability CAP_SYS_NICE, or raise the limit "
            f"(ulimit -r {_REALTIME[level]}); or leave --model-priority at normal."
        )
