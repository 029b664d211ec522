"""extractor: events, actors, places, dates and quotes from news articles, with provenance."""

from __future__ import annotations

from extractor.contract.version import VERSION as __version__

__all__ = ["__version__"]
