"""Two runs of N invented articles, for the review page at scale (5, 120, 1,000 articles).

Each article is about 3,000 characters with a dozen events, so the page's size per article is
that of a real run's. The second run differs from the first the way a night does: a few
articles changed (a date moved, an event added), a few have an edited text, a few failed, one
is new and one is gone; the rest are unchanged. Deterministic: article i is always the same;
articles i and i + 60 have the same text and events (built once, copied: the page's size and
layout are what is tested, not the extraction).
"""

from __future__ import annotations

import dataclasses
import functools

from extractor.contract.models import ArticleDocument
from extractor.diff import Snapshot
from tests.data.review.factory import E, Q, make_document

PEOPLE = [
    "Ada Varga",
    "Bruno Lindqvist",
    "Carla Mendes",
    "Dmitri Okafor",
    "Elena Sato",
    "Farid Haddad",
    "Greta Novak",
    "Hugo Brandt",
]
PLACES = ["Marlow", "Port Elspeth", "Kestrel Bay", "Norrvik", "Dunmere", "Ostrava Nova"]
# (expression, TIMEX3 value, granularity, bounds)
WHENS: list[tuple[str, str, str | None, tuple[str, str] | None]] = [
    ("on Monday", "2017-03-27", None, None),
    ("on Tuesday", "2017-03-28", None, None),
    ("last week", "2017-W12", "week", ("2017-03-20", "2017-03-26")),
    ("next month", "2017-04", "month", ("2017-04-01", "2017-04-30")),
    ("in January", "2017-01", "month", ("2017-01-01", "2017-01-31")),
    ("on Friday", "2017-03-31", None, None),
]
TOPICS = ["harbour budget", "rail link", "water tariff", "school plan", "fishing quota"]
VARIANTS = 60  # articles built; the others are copies of them under their own ids
LONG_TAILS = [
    "Regional_council_approves_the_new_harbour_budget_after_a_long_night_of_debate",
    "Talks_on_the_rail_link_stall_as_both_sides_trade_blame",
    "Water-tariff-review-delayed-again",
]


def article_id(index: int) -> str:
    """Short hashed ids mixed with long title-like ones, as real inputs name their files."""
    if index % 3 == 0:
        return f"{index:04d}_{LONG_TAILS[index // 3 % len(LONG_TAILS)]}"
    return f"{index:04d}_{(index * 2654435761) % 16**16:016x}"


def _article(index: int) -> tuple[str, list[E]]:
    sentences: list[str] = []
    specs: list[E] = []
    for k in range(12):
        a = PEOPLE[(index + k) % len(PEOPLE)]
        b = PEOPLE[(index + 3 * k + 1) % len(PEOPLE)]
        if b == a:
            b = PEOPLE[(index + k + 1) % len(PEOPLE)]
        place = PLACES[(index + k) % len(PLACES)]
        when, value, granularity, bounds = WHENS[(index + 2 * k) % len(WHENS)]
        topic = TOPICS[(index + k) % len(TOPICS)]
        words = f"the {topic} will not wait for another season number {k}"
        sentences.append(
            f"{a} met {b} in {place} {when} to discuss the {topic}, meeting number {k}. "
            f'{a} said "{words}" as the talks ended. '
            f"Officials from both offices described the exchange as frank and long, and the "
            f"papers on the {topic} were sent back for another reading by the committee."
        )
        specs.append(
            E(
                f"{a} met {b} in {place} about the {topic} ({k})",
                actors=[a, b],
                place=place,
                when=when,
                value=None if index % 11 == 5 and k == 3 else value,
                granularity=granularity,
                bounds=bounds,
                quotes=[Q(a, words)],
            )
        )
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(paragraphs), specs


def _document(index: int, *, edited: bool = False, moved: bool = False) -> ArticleDocument:
    """Article ``index``: a copy, under its own id and title, of one of a few built ones."""
    doc = _built(index % VARIANTS, edited, moved)
    title = f"Council story {index}: " + TOPICS[index % len(TOPICS)]
    return doc.model_copy(update={"id": article_id(index), "title": title})


@functools.cache
def _built(index: int, edited: bool, moved: bool) -> ArticleDocument:
    text, specs = _article(index)
    if edited:  # a sentence rewritten in the input: the cleaned text differs
        text = text.replace("frank and long", "short and tense", 1)
    if moved:  # the model moved one date and found one more event
        specs = [dataclasses.replace(specs[0], value="2017-03-20"), *specs[1:]]
        specs.append(E(f"Officials described the exchange ({index})", ["Officials from"]))
    return make_document(article_id(index), specs, text=text)


def bulk_runs(count: int) -> tuple[Snapshot, Snapshot]:
    """The earlier and the later run of ``count`` articles. At 5: 3 extracted (one unchanged,
    one with an edited text, one changed), 2 failed (one keeps an earlier run's document, one is
    new); from 7 on, one more is gone tonight."""
    old: dict[str, ArticleDocument] = {}
    new: dict[str, ArticleDocument] = {}
    failures: dict[str, str] = {}
    for index in range(count):
        doc_id = article_id(index)
        if index != count - 1:  # the last article is new tonight
            old[doc_id] = _document(index)
        if index == 6:  # gone tonight
            continue
        if index == 1:  # failed tonight; the document an earlier run wrote stays
            failures[doc_id] = "EndpointError: the endpoint timed out after 3 attempts"
            new[doc_id] = old[doc_id]
            continue
        if index % 20 == 4:
            failures[doc_id] = "ValidationError: the reply broke the schema twice"
            continue
        new[doc_id] = _document(index, edited=index % 25 == 2, moved=index % 10 == 3)
    return Snapshot("runs/last-night", old), Snapshot("runs/tonight", new, failures)
