"""extractor: events, actors, places, dates and quotes from news articles, with provenance."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
