"""How long linking 10,000 events into stories takes, and its peak memory.

    flock /tmp/extractor-cpu.lock .venv/bin/python -m bench.stories RUN_DIR [--events 10000]

The events are made from the real events of RUN_DIR's documents (``articles/*.json``, e.g.
runs/demo): copy k of an event keeps its names, place, quotes and kind of action, with each
surname given one of ``VARIANTS`` endings (so a name is as common as in a large night, not in
every copy), its dates moved by ``k // VARIANTS * 3`` days, and its article and outlet made
new; copies 2m and 2m+1 are the same happening told by two outlets (same variant, same dates),
so stories do form. Timed: ``link`` (blocking, pair decisions, ids) and ``build`` (the
``Story`` records), best of ``--repeat``; memory: the peak of Python allocations during one
``link`` + ``build`` (tracemalloc), and the process's peak resident size.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from extractor.contract.models import ArticleDocument
from extractor.stories import DEFAULT_RULES, Facts, NameKey, build, candidates, document_facts, link

VARIANTS = 97


def real_facts(run: Path) -> list[Facts]:
    docs = [
        ArticleDocument.model_validate_json(p.read_bytes())
        for p in sorted((run / "articles").glob("*.json"))
    ]
    return [f for d in docs for f in document_facts(d, DEFAULT_RULES)]


def _moved(day: dt.date | None, days: int) -> dt.date | None:
    return day + dt.timedelta(days=days) if day is not None else None


def synthetic(real: list[Facts], count: int) -> list[Facts]:
    out = []
    for n in range(count):
        f = real[(n // 2) % len(real)]
        k = n // (2 * len(real))  # which copy of the real events
        variant = k % VARIANTS
        shift = k // VARIANTS * 3
        out.append(
            dataclasses.replace(
                f,
                article_id=f"{f.article_id}-{k}-{n % 2}",
                source=f"outlet-{n % 2}-{k % 13}",
                published=_moved(f.published, shift),
                start=_moved(f.start, shift),
                end=_moved(f.end, shift),
                day=None,
                names=tuple(NameKey(f"{x.last}-{variant}", x.first, x.words) for x in f.names),
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    real = real_facts(a.run)
    if not real:
        print(f"no events in {a.run / 'articles'}", file=sys.stderr)
        return 2
    facts = synthetic(real, a.events)
    times = []
    for _ in range(a.repeat):
        started = time.perf_counter()
        ids = link(facts)
        stories = build(facts, ids)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    build(facts, link(facts))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sizes = Counter(len(s.events) for s in stories)
    pairs = len(candidates(facts))
    all_pairs = len(facts) * (len(facts) - 1) // 2
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(facts)} events made from {len(real)} real ones of {a.run}")
    print(
        f"link + build: {min(times):.2f} s (best of {a.repeat}; all: "
        + ", ".join(f"{t:.2f}" for t in times)
        + ")"
    )
    print(f"compared pairs: {pairs} of {all_pairs} ({pairs / all_pairs:.4%})")
    print(
        f"stories: {len(stories)}; events per story: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(sizes.items()))
    )
    print(
        f"peak Python allocations in link + build: {peak / 2**20:.1f} MiB; "
        f"peak resident size of the process: {rss:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
