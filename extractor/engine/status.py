"""What a finished run says about itself, for ``extractor status``: when it ran, its counts,
what failed and why, what is still to do. Pure: it takes the manifest, already read."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from extractor.contract.models import Failure, RunManifest
from extractor.text.words import counted

SHOWN_IDS = 20  # ids listed on one line before "and N more"
SHOWN_ANSWER = 300  # characters of a raw answer in the text output (all of it in --json)


def status_lines(manifest: RunManifest, where: str) -> list[str]:
    """The text report: a header, the counts, each failure with its errors, the rest."""
    m, c, t = manifest, manifest.counts, manifest.totals
    config = m.config
    cost = f", ${t.cost_usd:.4f}" if t.cost_usd is not None else ""
    lines = [
        f"{where}: {m.status}, from {_time(m.started_at)} to {_time(m.finished_at)} "
        f"({t.duration_s:g}s), extractor {m.extractor_version}, model {config.get('model')}",
        f"{c.total} articles: {c.added} added, {c.changed} changed, {c.unchanged} unchanged, "
        f"{c.failed} failed, {c.skipped} skipped, {c.removed} removed; {t.model_calls} model "
        f"calls, {t.usage.total_tokens:,} tokens{cost}",
    ]
    if m.failures:
        stages = Counter(f.stage for f in m.failures)
        by_stage = ", ".join(f"{stage} {n}" for stage, n in sorted(stages.items()))
        lines.append(f"failed ({len(m.failures)}; {by_stage}):")
        for failure in m.failures:
            lines += _failure(failure)
    skipped = [e.id for e in m.articles if e.status == "skipped"]
    if skipped:
        why = f"left out by {config['limit']}, " if config.get("limit") else ""
        lines.append(f"skipped ({len(skipped)}, {why}still to do): {_ids(skipped)}")
    if m.removed:
        lines.append(f"removed ({len(m.removed)}): {_ids(m.removed)}")
    if m.failures or skipped:
        limit = config.get("limit")
        again = f"the same extractor run without {limit}" if limit else "the same run again"
        lines.append(
            f"next: {again} extracts what failed or was skipped; --retry-failed only the failures"
        )
    return lines


def status_json(manifest: RunManifest, where: str) -> dict[str, Any]:
    """The same for machines, every failure whole."""
    m = manifest
    return {
        "run": where,
        "status": m.status,
        "started_at": m.started_at.isoformat(),
        "finished_at": m.finished_at.isoformat(),
        "extractor_version": m.extractor_version,
        "model": m.config.get("model"),
        "limit": m.config.get("limit"),
        "counts": m.counts.model_dump(mode="json"),
        "totals": m.totals.model_dump(mode="json"),
        "failures": [f.model_dump(mode="json") for f in m.failures],
        "skipped": [e.id for e in m.articles if e.status == "skipped"],
        "removed": list(m.removed),
    }


def _failure(failure: Failure) -> list[str]:
    attempts = counted(failure.attempts, "attempt")
    lines = [
        f"  {failure.id}: {failure.stage}: {failure.error_class}: {failure.message} ({attempts})"
    ]
    lines += [f"    - {error}" for error in failure.errors]
    if failure.raw_answer is not None:
        answer = failure.raw_answer.replace("\n", "\\n")
        more = len(answer) > SHOWN_ANSWER
        lines.append(f"    answer: {answer[:SHOWN_ANSWER]}" + (" …" if more else ""))
    return lines


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
