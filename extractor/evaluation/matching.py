"""One-to-one matching of predicted to gold items placed in the same normalised text."""

from __future__ import annotations

from collections.abc import Callable, Sequence

Interval = tuple[int, int]


def overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def greedy(
    n_gold: int, n_pred: int, score: Callable[[int, int], float | None]
) -> list[tuple[int, int]]:
    """Pairs (gold index, pred index), best score first; a None score means no pair.

    Ties go to the earlier gold item, then the earlier prediction, so results are stable.
    """
    candidates: list[tuple[float, int, int]] = []
    for g in range(n_gold):
        for p in range(n_pred):
            value = score(g, p)
            if value is not None:
                candidates.append((-value, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def match_intervals(
    gold: Sequence[Interval | None], pred: Sequence[Interval | None], *, exact: bool
) -> list[tuple[int, int]]:
    """Match intervals that are equal (``exact``) or share at least one character."""

    def score(g: int, p: int) -> float | None:
        a, b = gold[g], pred[p]
        if a is None or b is None:
            return None
        if exact:
            return 1.0 if a == b else None
        shared = overlap(a, b)
        return float(shared) if shared else None

    return greedy(len(gold), len(pred), score)
