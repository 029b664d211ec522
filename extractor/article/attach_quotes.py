"""The quote finder's policy: with its spans, the finder decides what is quoted.

A direct statement of the model is stored as the finder's span it overlaps (so the model
cannot paraphrase it), a "direct" statement that overlaps no quoted span is stored as
indirect speech, and one not in the text at all is kept apart as unverified. The speaker the
text gives (``extractor.article.speakers``) wins over the model's.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping

from extractor.article.ground import locate, strip_edges
from extractor.article.grounded import mention, statement_quote
from extractor.article.quotes import FoundQuote
from extractor.article.speaker_names import preferred, speaker_name
from extractor.contract.models import Mention, ModelStatement, Quote, Span, SpeakerSource


class Found:
    """The quote finder's spans with the speaker the text gives each, found by position."""

    def __init__(
        self,
        speakers: Mapping[FoundQuote, str | None],
        how: Mapping[FoundQuote, SpeakerSource] | None = None,
    ) -> None:
        self.speakers = speakers
        self.how = how or {}  # how each speaker was found (``speakers.attributed``)
        self.quotes = list(speakers)
        self.starts = [q.start for q in self.quotes]
        self.ends = [q.end for q in self.quotes]
        pairs = itertools.pairwise(self.quotes)
        self.in_order = all(a.start <= a.end <= b.start for a, b in pairs)  # as the finder gives

    def overlapping(self, span: Span) -> FoundQuote | None:
        """The first span sharing the most characters with ``span``; None for none."""
        low, high = 0, len(self.quotes)
        if self.in_order:  # only those between the last ending before and the first after
            low = bisect.bisect_right(self.ends, span.start)
            high = bisect.bisect_left(self.starts, span.end, low)
        best, most = None, 0
        for quote in self.quotes[low:high]:
            shared = min(span.end, quote.end) - max(span.start, quote.start)
            if shared > most:
                best, most = quote, shared
        return best


def found_quote(
    text: str,
    speaker: str,
    quote: FoundQuote,
    model_text: str | None,
    how: SpeakerSource = "none",
) -> Quote:
    """The finder's span as a direct quote of ``speaker`` (its name before an apposition);
    ``model_text``: the model's words for it, kept when they differ; ``how``: how the
    speaker was found."""
    speaker = speaker_name(speaker)
    span = Span(start=quote.start, end=quote.end, text=quote.text, match="exact", score=1.0)
    return Quote(
        speaker=mention(text, speaker) if speaker else Mention(text="", span=None, grounded=False),
        text=quote.text,
        kind="direct",
        span=span,
        grounded=True,
        model_text=(
            model_text
            if model_text and strip_edges(model_text) != strip_edges(quote.text)
            else None
        ),
        speaker_source=how if speaker else "none",
    )


def finder_quote(text: str, statement: ModelStatement, found: Found) -> Quote:
    """A statement under the finder's policy: a quoted span, else indirect speech.

    The speaker the text gives (``speakers``: "…,” said X", a pronoun resolved, a
    continuation) wins over the model's: on the development gold set it was right more often
    (docs/BENCHMARKS.md, Extraction quality)."""
    span = locate(text, statement.text) if statement.kind == "direct" else None
    quote = found.overlapping(span) if span is not None else None
    if quote is not None:
        named = found.speakers[quote]
        speaker = preferred(named, speaker_name(statement.speaker))
        how: SpeakerSource = found.how.get(quote, "rules") if named else "model"
        return found_quote(text, speaker, quote, statement.text, how)
    if statement.kind == "direct" and span is None:
        return statement_quote(text, statement)  # not in the text at all: kept apart
    indirect = ModelStatement(speaker=statement.speaker, text=statement.text, kind="indirect")
    return statement_quote(text, indirect)
