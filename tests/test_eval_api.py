"""The public API of extractor.evaluation is what __all__ lists, and nothing goes missing."""

from __future__ import annotations

import extractor.evaluation as evaluation

EXPECTED = {
    "PRF",
    "TARGETS",
    "Accuracy",
    "ArticleReport",
    "Evaluation",
    "Metric",
    "Report",
    "Scores",
    "deltas",
    "evaluate",
    "evaluation",
    "headline",
    "key",
    "load_gold",
    "load_run",
    "missed",
    "name_matches",
    "normalize",
    "parse_document",
    "parse_gold",
    "place",
    "problems",
    "render",
    "render_comparison",
    "score_article",
    "score_run",
    "text_sha256",
}


def test_public_api_is_pinned() -> None:
    assert set(evaluation.__all__) == EXPECTED
    for name in evaluation.__all__:
        assert getattr(evaluation, name) is not None


def test_targets_are_headline_metrics() -> None:
    names = {metric.name for metric in evaluation.headline(evaluation.Scores())}
    assert set(evaluation.TARGETS) <= names
