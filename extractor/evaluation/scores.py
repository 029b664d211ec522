"""Score records: counts that add up across articles, and the rates derived from them."""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, computed_field

ArticleStatus = Literal["scored", "missing", "unreadable"]


class _Record(BaseModel):
    # Derived rates are written out with the counts; reading a report back recomputes them.
    model_config = ConfigDict(extra="ignore", frozen=True)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class PRF(_Record):
    """Precision, recall and F1 of a one-to-one matching of predictions to gold items."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.predicted)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.matched, self.predicted + self.gold)

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            matched=self.matched + other.matched,
            predicted=self.predicted + other.predicted,
            gold=self.gold + other.gold,
        )


class Accuracy(_Record):
    """The share of ``total`` items that are ``correct``."""

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)


class QuoteScores(_Record):
    exact: PRF = PRF()
    overlap: PRF = PRF()
    speaker: Accuracy = Accuracy()
    unverified: int = 0

    def __add__(self, other: QuoteScores) -> QuoteScores:
        return QuoteScores(
            exact=self.exact + other.exact,
            overlap=self.overlap + other.overlap,
            speaker=self.speaker + other.speaker,
            unverified=self.unverified + other.unverified,
        )


class DateScores(_Record):
    found: PRF = PRF()
    value: Accuracy = Accuracy()

    def __add__(self, other: DateScores) -> DateScores:
        return DateScores(found=self.found + other.found, value=self.value + other.value)


class EventScores(_Record):
    matched: PRF = PRF()
    who: Accuracy = Accuracy()
    where: Accuracy = Accuracy()
    when: Accuracy = Accuracy()

    def __add__(self, other: EventScores) -> EventScores:
        return EventScores(
            matched=self.matched + other.matched,
            who=self.who + other.who,
            where=self.where + other.where,
            when=self.when + other.when,
        )


class Scores(_Record):
    """Every metric of one article, or summed over many."""

    quotes: QuoteScores = QuoteScores()
    dates: DateScores = DateScores()
    events: EventScores = EventScores()
    grounding: Accuracy = Accuracy()
    published: Accuracy = Accuracy()

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            quotes=self.quotes + other.quotes,
            dates=self.dates + other.dates,
            events=self.events + other.events,
            grounding=self.grounding + other.grounding,
            published=self.published + other.published,
        )


class ArticleReport(_Record):
    id: str
    status: ArticleStatus  # missing: the run has no document for it
    scores: Scores
    notes: list[str]


class Report(_Record):
    """The scores of one run against a gold set: overall (summed counts) and per article."""

    gold: str
    pred: str
    overall: Scores
    articles: list[ArticleReport]
    ignored: list[str]  # documents of the run with no gold article


class Metric(NamedTuple):
    name: str
    value: float | None
    part: int
    whole: int


def _prf(name: str, prf: PRF) -> list[Metric]:
    return [
        Metric(f"{name}.precision", prf.precision, prf.matched, prf.predicted),
        Metric(f"{name}.recall", prf.recall, prf.matched, prf.gold),
        Metric(f"{name}.f1", prf.f1, 2 * prf.matched, prf.predicted + prf.gold),
    ]


def _acc(name: str, accuracy: Accuracy) -> Metric:
    return Metric(name, accuracy.value, accuracy.correct, accuracy.total)


def headline(scores: Scores) -> list[Metric]:
    """The metrics shown in tables and compared between runs, in display order."""
    q, d, e = scores.quotes, scores.dates, scores.events
    return [
        *_prf("quotes.exact", q.exact),
        *_prf("quotes.overlap", q.overlap),
        _acc("quotes.speaker.accuracy", q.speaker),
        *_prf("dates.found", d.found),
        _acc("dates.value.accuracy", d.value),
        *_prf("events", e.matched),
        _acc("events.who.accuracy", e.who),
        _acc("events.where.accuracy", e.where),
        _acc("events.when.accuracy", e.when),
        _acc("grounding.share", scores.grounding),
        _acc("published.accuracy", scores.published),
    ]


# The quality targets of issue 7 for the embedded model on the development gold set.
TARGETS: dict[str, float] = {
    "quotes.overlap.recall": 0.85,
    "quotes.overlap.precision": 0.90,
    "quotes.speaker.accuracy": 0.80,
    "dates.value.accuracy": 0.90,
    "events.f1": 0.60,
    "grounding.share": 1.0,
}
