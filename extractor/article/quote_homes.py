"""Where each quoted span is stored: under one event its speaker leads (the event's first
actor, its agent where the parse found one), told in or next to the quote's sentences, else
the nearest such event told before the quote, else after it; else apart, in the document's
``quotes``. A speaker's quotes in consecutive sentences count as one run ("“A,” she said.
“B.”"), so the sentence that introduces the run is next to each of them. An event that only
names the speaker among its other parties ("X accused Y of …") takes none of Y's quotes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from extractor.article.attach_quotes import found_quote
from extractor.article.homes import SHORT, UNPLACED, placed, position
from extractor.article.parts import ArticleParts
from extractor.article.quotes import FoundQuote
from extractor.contract.models import Event, Quote, SpeakerSource
from extractor.text.lexicon import TITLE_WORDS
from extractor.text.names import names_someone
from extractor.text.numbered import SentenceIndex
from extractor.text.words import WORD


def _name_words(name: str) -> set[str]:
    """The words of ``name``, case-folded, the title words before it left out ("Defense
    Secretary Jim Mattis" -> {"jim", "mattis"})."""
    words = [w.casefold() for w in WORD.findall(name)]
    while len(words) > 1 and words[0] in TITLE_WORDS:
        words.pop(0)
    return set(words)


def one_party(actor: str, speaker: str) -> bool:
    """Whether an actor and a speaker name one party: the words of one, titles before it left
    out, are all among the other's ("Mattis" and "Jim Mattis"; "Secretary Mattis" and "Defense
    Secretary Jim Mattis"; "Acme" and "Acme Motors")."""
    if len(actor) <= SHORT:
        return False
    mine, theirs = _name_words(actor), _name_words(speaker)
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def _leader(event: Event) -> str | None:
    """``event``'s first actor that names anyone (a title alone, "President", names nobody)."""
    return next((a.text for a in event.actors if names_someone(a.text)), None)


@dataclass
class _Run:
    """A speaker's quotes in consecutive sentences: their quotes and the sentence numbers
    they span."""

    quotes: list[Quote]
    first: int
    last: int


def _runs(quotes: list[Quote], sentences: SentenceIndex) -> Iterator[_Run]:
    """``quotes`` (in text order) grouped into runs of one speaker."""
    run: _Run | None = None
    for quote in quotes:
        span = quote.span
        assert span is not None  # only placed quotes come here
        first = sentences.number(span.start)
        last = max(first, sentences.number(max(span.start, span.end - 1)))
        speaker = quote.speaker.text.casefold()
        same = run is not None and speaker and run.quotes[0].speaker.text.casefold() == speaker
        if run is not None and same and first <= run.last + 1:
            run.quotes.append(quote)
            run.last = max(run.last, last)
            continue
        if run is not None:
            yield run
        run = _Run([quote], first, last)
    if run is not None:
        yield run


class _Told:
    """The events told in each sentence (by number): those of its ``sentences``, else its
    trigger's, else the sentence of its position (``homes.position``)."""

    def __init__(self, events: list[Event], sentences: SentenceIndex) -> None:
        self.positions = [position(e) for e in events]
        self.at: dict[int, list[int]] = {}
        self.told: list[list[int]] = []  # each event's sentence numbers
        self.by_words: dict[frozenset[str], set[int]] = {}  # the events led, by name words
        self.by_word: dict[str, set[frozenset[str]]] = {}  # those name words, by each word
        self._led: dict[str, set[int]] = {}  # the events each speaker leads, as asked
        self.leaders: list[str | None] = []  # each event's leader (``_leader``)
        for number, event in enumerate(events):
            starts = [s.start for s in event.sentences]
            if not starts and event.trigger is not None and event.trigger.span is not None:
                starts = [event.trigger.span.start]
            if not starts and self.positions[number] != UNPLACED:
                starts = [self.positions[number]]  # its date, else its first mention
            self.told.append(sorted({sentences.number(start) for start in starts}))
            leader = _leader(event)
            self.leaders.append(leader)
            if leader is not None and len(leader) > SHORT:
                words = frozenset(_name_words(leader))
                self.by_words.setdefault(words, set()).add(number)
                for word in words:
                    self.by_word.setdefault(word, set()).add(words)
            for told in self.told[-1]:
                self.at.setdefault(told, []).append(number)

    def candidates(self, run: _Run) -> list[int]:
        """The events that may hold the quotes of ``run``: those its speaker leads told in or
        next to its sentences, else those it leads told before it, else after it."""
        speaker = run.quotes[0].speaker.text
        if not speaker:
            return []
        if speaker not in self._led:
            found = self._leading(_name_words(speaker))
            self._led[speaker] = {i for i in found if one_party(self.leaders[i] or "", speaker)}
        led = self._led[speaker]
        near = {i for n in range(run.first - 1, run.last + 2) for i in self.at.get(n, [])}
        told = [i for i in led if self.told[i]]
        before = [i for i in told if self.told[i][0] < run.first]
        return sorted(near & led) or sorted(before) or sorted(told)

    def _leading(self, said: set[str]) -> set[int]:
        """The events whose leader may be one party with a speaker of the name words
        ``said`` (``one_party`` decides): leaders whose words are all among the speaker's,
        and those holding all of the speaker's words, found among the leaders sharing its
        words (its rarest word for the second)."""
        if not said:
            return set()
        within = [w for word in said for w in self.by_word.get(word, ()) if w <= said]
        rarest = min(said, key=lambda w: len(self.by_word.get(w, ())))
        holding = [w for w in self.by_word.get(rarest, ()) if said <= w]
        return {i for w in [*within, *holding] for i in self.by_words.get(w, ())}

    def nearest(self, candidates: list[int], sentence: int) -> int | None:
        """The one of ``candidates`` nearest the sentence numbered ``sentence``: in
        sentences, one told before it first (a quote goes on with what was told), then by
        position. None for none."""

        def distance(i: int) -> tuple[int, bool, int]:
            gap = min(self.told[i], key=lambda n: (abs(n - sentence), n > sentence))
            return abs(gap - sentence), gap > sentence, self.positions[i]

        return min(candidates, key=distance) if candidates else None


def placed_quotes(
    parts: ArticleParts,
    events: list[Event],
    found: Mapping[FoundQuote, str | None],
    how: Mapping[FoundQuote, SpeakerSource] | None = None,
    sentences: SentenceIndex | None = None,
) -> tuple[list[Event], list[Quote]]:
    """Every direct quote with a span (each span once: the events' own, then the finder's
    spans no event holds, stored with the speaker the text gives), under its event or apart.
    Indirect speech and unverified quotes stay where the answer put them."""
    sentences = sentences or SentenceIndex(parts.text)
    quotes: dict[int, Quote] = {}
    for event in events:
        for quote in filter(placed, event.quotes):
            assert quote.span is not None
            quotes.setdefault(quote.span.start, quote)
    for spanned, name in found.items():
        if spanned.start not in quotes:
            source = (how or {}).get(spanned, "rules")
            quotes[spanned.start] = found_quote(parts.text, name or "", spanned, None, source)
    bare = [e.model_copy(update={"quotes": [q for q in e.quotes if not placed(q)]}) for e in events]
    told = _Told(bare, sentences)
    added: dict[int, list[Quote]] = {}
    apart: list[Quote] = []
    for run in _runs([quotes[start] for start in sorted(quotes)], sentences):
        candidates = told.candidates(run)
        for quote in run.quotes:
            assert quote.span is not None
            home = told.nearest(candidates, sentences.number(quote.span.start))
            if home is None:
                apart.append(quote)
            else:
                added.setdefault(home, []).append(quote)
    for home, held in added.items():
        bare[home] = bare[home].model_copy(update={"quotes": [*bare[home].quotes, *held]})
    return bare, apart
