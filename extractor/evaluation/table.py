"""Plain-text tables of a report, alone or beside a baseline."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.evaluation.compare import delta
from extractor.evaluation.scores import TARGETS, ArticleReport, Report, Scores, headline


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.3f}"


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> str:
    """Columns padded to their widest cell, aligned left ('l') or right ('r') as ``align`` says."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(width) if side == "l" else cell.rjust(width)
            for cell, width, side in zip(row, widths, align, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _target(name: str, value: float | None) -> str:
    if name not in TARGETS:
        return ""
    goal = TARGETS[name]
    if value is None:
        return f">={goal:.2f} n/a"
    verdict = "ok" if value >= goal else "BELOW"
    return f">={goal:.2f} {verdict}"


def overall_table(scores: Scores) -> str:
    rows = [
        [m.name, _num(m.value), f"{m.part}/{m.whole}", _target(m.name, m.value)]
        for m in headline(scores)
    ]
    return _grid(["metric", "value", "count", "target"], rows, "lrrl")


# Per-article columns: a few headline metrics by name.
_COLUMNS = {
    "quotes P": "quotes.overlap.precision",
    "quotes R": "quotes.overlap.recall",
    "exact F1": "quotes.exact.f1",
    "speaker": "quotes.speaker.accuracy",
    "dates": "dates.value.accuracy",
    "events F1": "events.f1",
    "grounding": "grounding.share",
}


def _values(scores: Scores) -> dict[str, float | None]:
    return {m.name: m.value for m in headline(scores)}


def _short(article_id: str, width: int = 48) -> str:
    return article_id if len(article_id) <= width else article_id[: width - 1] + "…"


def article_table(articles: Sequence[ArticleReport]) -> str:
    rows = []
    for article in articles:
        values = _values(article.scores)
        cells = [_num(values[name]) for name in _COLUMNS.values()]
        status = "" if article.status == "scored" else article.status
        rows.append([_short(article.id), *cells, status])
    return _grid(["article", *_COLUMNS, ""], rows, "l" + "r" * len(_COLUMNS) + "l")


def render(report: Report) -> str:
    """The overall table, then one line per article."""
    missing = sum(article.status != "scored" for article in report.articles)
    head = (
        f"{report.pred} against {report.gold}: {len(report.articles)} articles"
        f", {missing} without a usable document\n\n"
    )
    return head + overall_table(report.overall) + "\n" + article_table(report.articles)


def render_comparison(report: Report, baseline: Report) -> str:
    """Both runs side by side, overall and per article, with the differences."""
    mine, theirs = headline(report.overall), headline(baseline.overall)
    rows = [
        [
            m.name,
            _num(b.value),
            _num(m.value),
            _signed(delta(m.value, b.value)),
            _target(m.name, m.value),
        ]
        for m, b in zip(mine, theirs, strict=True)
    ]
    out = f"{report.pred} (pred) against {baseline.pred} (baseline), gold {report.gold}\n\n"
    out += _grid(["metric", "baseline", "pred", "delta", "target"], rows, "lrrrl") + "\n"
    by_id = {article.id: article for article in baseline.articles}
    article_rows = []
    for article in report.articles:
        other = by_id.get(article.id)
        if other is None:
            continue
        new, old = _values(article.scores), _values(other.scores)
        cells = [_signed(delta(new[name], old[name])) for name in _COLUMNS.values()]
        article_rows.append([_short(article.id), *cells])
    out += "per-article differences (pred minus baseline)\n"
    return out + _grid(["article", *_COLUMNS], article_rows, "l" + "r" * len(_COLUMNS))
