"""A single self-contained HTML page to review a run, with the diff against an earlier one."""

from __future__ import annotations

from extractor.report.html import highlight, render_report

__all__ = ["highlight", "render_report"]
