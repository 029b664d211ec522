"""Scoring runs against a hand-annotated gold set (pure: text in, scores out)."""

from __future__ import annotations

from extractor.evaluation.compare import Evaluation, deltas, evaluation
from extractor.evaluation.evaluate import (
    evaluate,
    missed,
    parse_document,
    parse_gold,
    score_article,
)
from extractor.evaluation.files import load_gold, load_run, score_run
from extractor.evaluation.normalize import key, name_matches, normalize
from extractor.evaluation.offsets import place, problems, text_sha256
from extractor.evaluation.scores import (
    PRF,
    TARGETS,
    Accuracy,
    ArticleReport,
    Metric,
    Report,
    Scores,
    headline,
)
from extractor.evaluation.table import render, render_comparison

__all__ = [
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
]
