"""How long the embedded model's threads spin at a barrier before they sleep.

The packaged llama.cpp runs its threads with OpenMP (``xllamacpp.get_system_info()``:
``OPENMP = 1``), so llama.cpp's own ``poll`` setting does nothing there: libgomp decides. After
each step a thread that is done waits for the others, spinning up to ``GOMP_SPINCOUNT`` times
before it sleeps (libgomp's default: 300,000). On an idle machine that is fastest. When another
process takes a core, the spinning thread holds the core that the thread it waits for needs:
2 threads then generated 1.6–2.6 tokens/s against 14.8–15.1 idle (``bench/local_model_busy.py``,
docs/BENCHMARKS.md). ``--threads auto`` picks 1 thread when a core is taken as the model
starts, but not when the other process starts later in the night: seed 004 then took 728 s
against 97 s idle. With ``SPIN_COUNT`` the same 2 threads keep 7.8 tokens/s and seed 004 took
151 s, while the five seeds on an idle machine took no longer (391 s against 401 s).

libgomp reads its settings once, when it is loaded, so they are set before llama.cpp is
imported. A user's own ``OMP_WAIT_POLICY`` or ``GOMP_SPINCOUNT`` is kept.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path

SPIN_COUNT = "1000"
# Either one tells libgomp how its threads wait; whoever set one chose.
_SETTINGS = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")
_MAPS = Path("/proc/self/maps")


def set_spin_count(environ: MutableMapping[str, str]) -> bool:
    """Set ``GOMP_SPINCOUNT`` to ``SPIN_COUNT`` in ``environ`` unless how OpenMP threads wait
    is set already; whether it was set."""
    if any(name in environ for name in _SETTINGS):
        return False
    environ["GOMP_SPINCOUNT"] = SPIN_COUNT
    return True


def libgomp_loaded(maps: Path = _MAPS) -> bool:
    """Whether libgomp is in this process already (then a setting made now comes too late)."""
    try:
        return "libgomp" in maps.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
