"""A self-contained HTML review of a run, with the diff against an earlier one; big runs as
several pages."""

from __future__ import annotations

from extractor.errors import NoArticlesError
from extractor.report.html import PER_PAGE, highlight, render_pages, render_report

__all__ = ["PER_PAGE", "NoArticlesError", "highlight", "render_pages", "render_report"]
