"""Two runs side by side: the differences of their headline metrics."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from extractor.evaluation.scores import Report, Scores, headline


def delta(new: float | None, old: float | None) -> float | None:
    return None if new is None or old is None else new - old


def deltas(new: Scores, old: Scores) -> dict[str, float | None]:
    """``new`` minus ``old`` for every headline metric (None where either is undefined)."""
    return {
        mine.name: delta(mine.value, theirs.value)
        for mine, theirs in zip(headline(new), headline(old), strict=True)
    }


class Evaluation(BaseModel):
    """What ``extractor eval --json`` writes: the run's report, and a baseline's if given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pred: Report
    baseline: Report | None = None
    delta: dict[str, float | None] | None = None


def evaluation(pred: Report, baseline: Report | None = None) -> Evaluation:
    if baseline is None:
        return Evaluation(pred=pred)
    return Evaluation(pred=pred, baseline=baseline, delta=deltas(pred.overall, baseline.overall))
