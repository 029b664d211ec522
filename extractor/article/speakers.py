"""Who said a quote: the "said X / X said" rules over the text around the finder's spans.

Pure functions over the cleaned text and ``extractor.article.quotes``' spans.

- ``speaker_near``: the speaker the quote's own sentence names: the subject of a speech verb
  ("X said", "X, an analyst at Y, said"), its object ("said harbour master Tom Berg",
  "according to Ms Okafor", "quoted Berg as saying"), a passive "by X", or an unnamed
  newcomer ("a senior official said"). "" for a pronoun, "the …" for a definite description
  ("the harbour master said"), None for no speech verb.
- ``speakers``: ``speaker_near`` for every quote of an article, a pronoun resolved to the
  nearest sentence before it that names someone, a description to the name it stands for,
  and an unattributed quote right after another taken as its continuation.

The rules are tables, tried in order: ``RULES`` (the cue each reads in the quote's sentence
and what it yields), then ``RESOLUTIONS`` (how ``speakers`` completes a pronoun, a description
or no answer).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from extractor.article.attribution import Cue, cues
from extractor.article.quotes import OPENERS, FoundQuote
from extractor.contract.models import SpeakerSource
from extractor.text.gender import agrees
from extractor.text.lexicon import NAME_GLUE, POSSESSIVES, PRONOUNS, TITLE_ABBREVIATIONS
from extractor.text.names import NAME, NOT_NAMES, capitalised_as_name, proper
from extractor.text.numbered import index
from extractor.text.parser import Parse
from extractor.text.speech import ATTRIBUTION_VERBS
from extractor.text.words import JOINED_WORD as WORD

__all__ = [
    "PRONOUNS",
    "RESOLUTIONS",
    "RULES",
    "Said",
    "antecedent",
    "attributed",
    "attribution",
    "speaker_near",
    "speakers",
]

# Sentences a pronoun or a description may reach back for the name it stands for.
_LOOKBACK = 6
_HEADLINE_WORDS = 4  # words of a line in title case read as a headline
# Line breaks at most between a quote and the one before it for the second, with no speech
# verb of its own, to continue the first.
_CONTINUATION_LINES = 2
# Words before a speech verb read for a pronoun ("…,” he then said").
_PRONOUN_REACH = 3

# Lower case: "The Allied States" holds no verb.
_VERB = re.compile(rf"\b(?:{ATTRIBUTION_VERBS})\b")
# Verbs whose speaker comes after them: "according to X", "Y quoted X as saying".
_OBJECT_VERBS = {"according to", "quoted"}
_CLOSERS = ("”", '"', "»", "“")
# A quoted span inside a segment: its names are the quote's, not the sentence's.
_QUOTED = re.compile(r"“[^”“]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"")
# ", but Acme chief Ola Berg" opens a clause, not an apposition.
_APPOSITION = re.compile(
    r",\s+(?!(?:and|but|or|while|although|though|as|after|before|when|because|so|yet)\b)"
    r"[a-z0-9][^,]*(?:,[^,]*)?$"
)
_WHO = re.compile(r",?\s*\bwho\s*$")
# An aside in brackets after a name ("Ann Lee (D-Ore.)", "(pictured)") names no speaker.
_ASIDE = re.compile(r"\s*\([^()]*\)")
_BY = re.compile(r"\bby\s+((?:[A-Z][\w.'’\-]*\s*)+)")
# "…, but added that", "…, and twice described": the verb shares the subject of
# the sentence's first clause.
_JOINED = re.compile(r"(?:^|[,;]|\b)\s*(?:and|but|then)\b[^,;A-Z]*$")
# Where the noun phrase after a speech verb ends: "said Ann Lee, head of X" -> "Ann Lee".
_PHRASE_END = re.compile(r"[,;:]|\.(?:\s|$)|\s(?:of|at|from|for|who|as|in|on|to|with)\s")
_ACRONYM = re.compile(r"[A-Z.&]+")
# Titles that open a person's name ("Mr", "Dr", "Gen"), not the end of a place before it.
_HONORIFICS = TITLE_ABBREVIATIONS | {"Sir", "Dame"}


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (the project's one splitter)."""
    return index(text).start(pos)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    sentences = index(text)
    return sentences.start(start), sentences.end(end)


def _mask(segment: str) -> str:
    """``segment`` with its complete quoted spans blanked out (same length)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), segment)


def _names(segment: str, *, opening_word: bool = False) -> list[str]:
    """Runs of capitalised words; a lone capitalised word opening the segment (``In``,
    ``Addressing``) counts only when a speech verb follows it directly, unless
    ``opening_word`` (the segment starts right after a speech verb)."""
    names = []
    for match in NAME.finditer(segment):
        words = match.group().split()
        while words and (words[0] in NAME_GLUE or words[0].lower() in {"the", "a"}):
            words.pop(0)
        while words and words[-1] in NAME_GLUE:
            words.pop()
        # an honorific inside a run starts the name: "in Brussels Mr Putin said" -> "Mr Putin"
        titled = [i for i, w in enumerate(words) if i and w.rstrip(".") in _HONORIFICS]
        if titled and titled[-1] < len(words) - 1:
            words = words[titled[-1] :]
        if not words or words[0].lower() in PRONOUNS:
            continue
        if words[0].lower().rstrip(".,") in NOT_NAMES:
            continue
        opening = not segment[: match.start()].strip(" ,\n")
        if len(words) == 1 and opening and not opening_word and segment[match.end() :].strip(" ,"):
            continue
        names.append(" ".join(words).rstrip(".,'’"))
    return [n for n in names if n]


def _description(segment: str, articles: set[str]) -> str | None:
    """The nameless description ending ``segment`` ("the harbour master") when it opens with
    one of ``articles``, without it."""
    words = segment.rsplit(",", 1)[-1].split()
    if len(words) < 2 or words[0].lower() not in articles or _names(" ".join(words)):
        return None
    return " ".join(words[1:])


def _pronoun(segment: str) -> bool:
    """A pronoun right before the verb: someone named earlier."""
    return any(w.lower() in PRONOUNS for w in WORD.findall(segment)[-_PRONOUN_REACH:])


def _definite(segment: str) -> str | None:
    """A definite description right before the verb ("the harbour master"), as "the …": someone
    named earlier, that ``speakers`` looks for."""
    found = _description(segment, {"the", "this", "that"})
    return f"the {found}" if found else None


def _newcomer(segment: str) -> str | None:
    """An indefinite description right before the verb ("a senior city official"):
    an unnamed speaker introduced here, named by the description."""
    return _description(segment, {"a", "an"})


def _described(head: str) -> str | None:
    """A description as the subject of the verb ("Addressing X, the harbour master said"), not
    as an apposition ("Ann Lee, an analyst, said": a comma before the verb)."""
    if head.rstrip().endswith(","):
        return None
    return _definite(head) or _newcomer(head)


def _opens_with_pronoun(segment: str) -> bool:
    words = WORD.findall(segment)
    return bool(words) and words[0].lower() in PRONOUNS | POSSESSIVES


def _subject(head: str) -> list[str]:
    """Names before a speech verb, an apposition (", an analyst at X,") and an aside in
    brackets set aside."""
    head = _WHO.sub("", _ASIDE.sub("", head).rstrip(" ,"))
    apposition = _APPOSITION.search(head)
    if apposition is not None and _names(head[: apposition.start()]):
        head = head[: apposition.start()]
    return _names(head)


def _object(tail: str) -> str | None:
    """The name after a speech verb: the last name of the noun phrase right after it ("said
    harbour master Tom Berg"); none when that phrase names no one (a name further on is in
    another phrase: "told reporters in Oslo")."""
    phrase = _PHRASE_END.split(tail, maxsplit=1)[0]
    in_phrase = _names(phrase, opening_word=True)
    return in_phrase[-1] if in_phrase else None


def _before_verb(head: str) -> str | None:
    """The speaker named by ``head``, the words before a speech verb."""
    if _JOINED.search(head):  # "She pointed to X, but added": the first clause's subject
        earlier = _VERB.search(head)
        if earlier is not None:
            head = head[: earlier.start()]
        elif _opens_with_pronoun(head):
            return ""
        else:
            names = _names(head)
            return names[0] if names else None
    return _named_before(head)


def _named_before(head: str) -> str | None:
    """The subject right before a speech verb: "" for a pronoun, a description, or a name."""
    if _pronoun(head):
        return ""
    names = _subject(head)
    return _described(head) or (names[-1] if names else None)


class _Around:
    """A quote's sentence around it, as the attribution rules read it: the words ``after``
    and ``before`` the quote, and the speech verbs in each."""

    def __init__(self, text: str, quote: FoundQuote) -> None:
        left, right = _sentence_bounds(text, quote.start, quote.end)
        after = text[quote.end : right]
        self.before = text[left : quote.start]
        self.after = after[1:] if after[:1] in "”\"’»'" else after
        verb = _VERB.search(self.after)
        head = self.after[: verb.start()] if verb is not None else ""
        # "“A”, and described X": a verb joined to the sentence's own clause is not the quote's
        joined = verb is not None and (OPENERS.search(head) or _JOINED.search(head))
        self.verb_after = None if joined else verb  # the first verb after the quote

    @functools.cached_property
    def verb_before(self) -> re.Match[str] | None:
        """The last verb before the quote."""
        verbs = list(_VERB.finditer(self.before))
        return verbs[-1] if verbs else None

    @property
    def head(self) -> str:
        """The words between the quote and the verb after it."""
        return self.after[: self.verb_after.start()] if self.verb_after is not None else ""

    @property
    def tail(self) -> str:
        """The words after the verb after the quote, up to the next quotation mark."""
        rest = self.after[self.verb_after.end() :] if self.verb_after is not None else ""
        return re.split(r"[“\"«]", rest, maxsplit=1)[0]

    @property
    def lead(self) -> str:
        """The words before the verb before the quote."""
        return self.before[: self.verb_before.start()] if self.verb_before is not None else ""


def _subject_after(around: _Around) -> str | None:
    if around.verb_after is None or around.verb_after.group().lower() == "quoted":
        return None
    return _named_before(around.head)


def _object_after(around: _Around) -> str | None:
    return _object(around.tail) or None if around.verb_after is not None else None


def _pronoun_after(around: _Around) -> str | None:
    return "" if around.verb_after is not None and _pronoun(around.tail) else None


def _passive_before(around: _Around) -> str | None:
    if around.verb_before is None:
        return None
    passive = _BY.search(around.before, around.verb_before.end())
    return passive.group(1).strip() if passive is not None else None


def _object_before(around: _Around) -> str | None:
    verb = around.verb_before
    if verb is None:
        return None
    if verb.group().lower() in _OBJECT_VERBS or around.lead.rstrip(" ,").endswith(_CLOSERS):
        return _object(_mask(around.before[verb.end() :])) or None
    return None


def _subject_before(around: _Around) -> str | None:
    return _before_verb(_mask(around.lead)) if around.verb_before is not None else None


@dataclass(frozen=True)
class Rule:
    """One attribution rule: its name, the cue it reads (``finds``: the speaker, or None when
    the cue is absent) and what it yields."""

    name: str
    finds: Callable[[_Around], str | None]
    yields: str


# The attribution rules in the order tried: the first that finds a speaker gives it. A verb
# after the quote ("…,” X said) is read before one before it (X said: “…”).
RULES = (
    Rule(
        "subject of a verb after",
        _subject_after,
        'a name, "" for a pronoun, "the …" or a description ("“…,” Ann Lee said")',
    ),
    Rule("object of a verb after", _object_after, 'a name ("“…,” said trainer Ann Lee")'),
    Rule("pronoun after a verb after", _pronoun_after, '"" ("“…,” said he" / "told her")'),
    Rule("passive by", _passive_before, 'a name ("it was announced by Ann Lee: “…”")'),
    Rule(
        "object of a verb before",
        _object_before,
        'a name ("according to Ann Lee, “…”", "“A,” said Ann Lee, “B.”")',
    ),
    Rule(
        "subject of a verb before",
        _subject_before,
        'a name, "" for a pronoun, "the …" or a description ("Ann Lee said: “…”")',
    ),
)


def attribution(text: str, quote: FoundQuote) -> tuple[str | None, Rule | None]:
    """The speaker the sentence names around ``quote``, and the rule of ``RULES`` that
    named it; (None, None) when none does."""
    around = _Around(text, quote)
    for rule in RULES:
        found = rule.finds(around)
        if found is not None:
            return found, rule
    return None, None


def speaker_near(text: str, quote: FoundQuote) -> str | None:
    """The speaker the sentence names around ``quote`` ("…,” said X / X said “…"), or None.

    "" means a pronoun points at someone already named (``speakers`` resolves it)."""
    return attribution(text, quote)[0]


# A sentence opening with a description and the name in apposition to it, before its verb.
_APPOSITIVE = re.compile(
    r"(?:A|An|The)\s[^,.;:\n]{1,80},\s([A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){1,3}),\s[a-z]"
)


def _named_in(text: str, sentence: str) -> str | None:
    """Whom a sentence is about: the subject of its speech verb, else the name opening it."""
    reporter = _reporter(sentence)
    if reporter:
        return reporter
    appositive = _APPOSITIVE.match(sentence.lstrip())
    if appositive is not None:  # "A professor at the port, Ann Lee, did not go"
        return appositive.group(1)
    opening = NAME.match(sentence.lstrip())
    if opening is None or opening.group().split()[0].lower() in {"the", "a", "an"}:
        return None
    names = _names(opening.group(), opening_word=True)
    if not names or _ACRONYM.fullmatch(names[0]):
        return None
    # "Lee, 51, will be…" but not "In" or "Addressing": a name used elsewhere mid-sentence
    return names[0] if " " in names[0] or proper(text, names[0]) else None


def _sentences_before(text: str, start: int) -> Iterator[tuple[int, int]]:
    """The bounds of the sentences before the one holding ``start``, nearest first."""
    return itertools.islice(index(text).before(start), _LOOKBACK)


Fits = Callable[[str], bool]


def _any(name: str) -> bool:
    return True


class _Said:
    """The speakers given so far, in text order, found by position."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.names: list[str | None] = []

    def add(self, quote: FoundQuote, name: str | None) -> None:
        self.starts.append(quote.start)
        self.names.append(name)

    def last_within(self, left: int, end: int, fits: Fits = _any) -> str | None:
        """The speaker of the last quote starting in ``[left, end)`` that has one (and
        ``fits``)."""
        low, high = bisect.bisect_left(self.starts, left), bisect.bisect_left(self.starts, end)
        return next((n for n in reversed(self.names[low:high]) if n and fits(n)), None)


def _antecedent(text: str, start: int, said: _Said, pronoun: str = "") -> str | None:
    """Whom a pronoun at ``start`` points at: an earlier quote's speaker in its sentence,
    else, walking back sentence by sentence, the speaker of a quote in it, else the one it
    is about; a sentence opening with a pronoun points further back. A name whose gender
    is known and is not the ``pronoun``'s is passed ("she" is not "Tom Berg")."""

    def fits(name: str) -> bool:
        return agrees(pronoun, name, text)

    earlier = said.last_within(_sentence_start(text, start), start, fits)
    if earlier:
        return earlier
    for left, end in _sentences_before(text, start):
        quoted = said.last_within(left, end, fits)
        if quoted:
            return quoted
        sentence = _mask(text[left:end])
        named = None if _opens_with_pronoun(sentence) else _named_in(text, sentence)
        if named and fits(named):
            return named
    return None


def antecedent(text: str, start: int, pronoun: str) -> str | None:
    """The name the ``pronoun`` at ``start`` stands for, by the walk back speakers' pronouns
    take (``_antecedent``), quotes aside: an event's subject ("He insisted …")."""
    return _antecedent(text, start, _Said(), pronoun)


def _referent(text: str, start: int, description: str) -> str | None:
    """The name a definite description at ``start`` points back at ("the harbour master" ->
    "harbour master Tom Berg", "the treaty" -> "the River Treaty"), in the sentences before."""
    wanted = description.lower().split()
    head = wanted[-1]
    first: str | None = None  # a name ending in the description's word: maybe a title alone
    named: str | None = None  # a name after the description's word, but not after all its words
    for number, (left, end) in enumerate(index(text).before(start)):
        if number >= _LOOKBACK and first is None and named is None:
            break
        sentence = _mask(text[left:end])
        if _title_cased(sentence):  # a headline: every word capitalised, none a name's own
            continue
        for name in reversed(_names(sentence)):
            lead = sentence[: sentence.find(name)].rstrip().lower()
            words = name.lower().split()
            if lead.endswith(description) or (set(wanted) <= set(words) and words[-1] != head):
                return _before_of(name, head)  # "harbour master Tom Berg", "Secretary Ann Lee"
            if head in words and words[-1] != head and named is None and number < _LOOKBACK:
                named = name  # "the US secretary": "UK Secretary Ann Lee", if none fits better
            if head in words and first is None and number < _LOOKBACK:
                # "the River Treaty"; or "the Defense Secretary" echoing a name given
                # earlier in the article ("Defense Secretary Ann Lee"), looked for to its start
                first = name
    found = named or first
    return _before_of(found, head) if found else None


def _title_cased(sentence: str) -> bool:
    """A line in title case, as headlines are written ("Port Of Eastport To Close")."""
    words = WORD.findall(sentence)
    return len(words) >= _HEADLINE_WORDS and capitalised_as_name(words)


def _before_of(name: str, head: str) -> str:
    """A person's name without the body after its "of" ("Judge Ann Lee of the Port Court"
    -> "Judge Ann Lee"), when the words before it are the description's and a name."""
    person = name.split(" of ", 1)[0]
    words = person.lower().split()
    return person if head in words and len(words) >= 3 else name


class _Story:
    """The quotes of an article attributed so far: their speakers, and the last one named."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.said = _Said()
        self.previous: str | None = None
        self.previous_end = -1  # where the last quote with a speaker ends; -1 for none yet


def _pronoun_antecedent(story: _Story, quote: FoundQuote, name: str | None) -> str | None:
    return _antecedent(story.text, quote.start, story.said)


def _description_referent(story: _Story, quote: FoundQuote, name: str | None) -> str | None:
    described = (name or "").removeprefix("the ")
    text, said = story.text, story.said
    return _referent(text, quote.start, described) or _antecedent(text, quote.start, said)


def _continuation(story: _Story, quote: FoundQuote, name: str | None) -> str | None:
    if story.previous_end < 0:
        return None
    lines = story.text.count("\n", story.previous_end, quote.start)
    return story.previous if lines <= _CONTINUATION_LINES else None


@dataclass(frozen=True)
class Resolution:
    """How ``speakers`` completes what ``speaker_near`` gave: its name, when it applies (to
    ``speaker_near``'s answer) and the speaker it yields instead."""

    name: str
    applies: Callable[[str | None], bool]
    resolve: Callable[[_Story, FoundQuote, str | None], str | None]


# Tried in order; the first that applies decides. Any other answer is the speaker.
RESOLUTIONS = (
    # "" (a pronoun): someone named before
    Resolution("pronoun", lambda name: name == "", _pronoun_antecedent),
    # "the …": the name the description stands for, else as a pronoun
    Resolution(
        "definite description",
        lambda name: bool(name) and (name or "").startswith("the "),
        _description_referent,
    ),
    # None (no speech verb): the previous quote's speaker when it is close enough
    Resolution("continuation", lambda name: name is None, _continuation),
)


def _by_rules(story: _Story, quote: FoundQuote) -> tuple[str | None, SpeakerSource]:
    """``speaker_near`` completed by ``RESOLUTIONS``, and how the speaker was found."""
    name = speaker_near(story.text, quote)
    how: SpeakerSource = "rules"
    for resolution in RESOLUTIONS:
        if resolution.applies(name):
            name = resolution.resolve(story, quote, name)
            how = "continued" if resolution.name == "continuation" else "rules"
            break
    return name, how


def speakers(text: str, quotes: list[FoundQuote]) -> list[str | None]:
    """``speaker_near`` for each quote, a pronoun or description resolved by walking back
    through the sentences before it, and a quote with no speech verb in the paragraph right
    after another quote taken as that quote's continuation (``RESOLUTIONS``)."""
    story = _Story(text)
    for quote in quotes:
        name = _by_rules(story, quote)[0]
        story.said.add(quote, name)
        if name:
            story.previous, story.previous_end = name, quote.end
    return story.said.names


@dataclass(frozen=True)
class Said:
    """A quote's speaker as the text gives it (None: the text names none) and ``how`` it was
    found (``Quote.speaker_source``): the parse's cue, a pronoun or a description resolved, the
    previous quote's speaker continued, the rule tables (``RULES``) when the parse gives none."""

    name: str | None
    how: SpeakerSource


def _from_cue(story: _Story, quote: FoundQuote, cue: Cue) -> Said | None:
    """The speaker ``cue`` gives, resolved; None when it gives none."""
    if cue.kind in {"name", "newcomer"}:
        return Said(cue.speaker, "cue")
    if cue.kind == "pronoun":
        if cue.own:  # "Ann Lee said her plan, which she called “…”": bound in its sentence
            return Said(cue.earlier, "pronoun")
        earlier = _antecedent(story.text, quote.start, story.said, cue.speaker)
        if not earlier or _not_a_speaker(earlier):  # "In Paris, …": a place, not a person
            earlier = cue.earlier
        return Said(earlier, "pronoun") if earlier else None
    if cue.kind == "description":
        # the name the text links to the description ("the mayor, Ann Lee"), else the
        # description itself: a nearer name is not evidence that it is the same person
        referent = _referent(story.text, quote.start, cue.speaker.removeprefix("the "))
        return Said(referent, "description") if referent else Said(cue.speaker, "cue")
    if cue.kind == "continued":
        continued = _continuation(story, quote, None) if story.previous else None
        continued = continued or _reported_before(story.text, quote.start)
        return Said(continued, "continued") if continued else None
    return None


def _reported_before(text: str, start: int) -> str | None:
    """The named subject of a speech verb in the sentence right before a quote alone in its
    paragraph ("Ann Lee said she applied twice." then "“They turned me down.”"): what was
    reported of her goes on in her words."""
    for left, end in itertools.islice(index(text).before(start), 1):
        name = _reporter(_mask(text[left:end]))
        # a name, not a word capitalised to open the sentence ("Yet, her images …")
        if name and not _not_a_speaker(name) and (" " in name or proper(text, name)):
            return name
    return None


def _reporter(sentence: str) -> str | None:
    """The last name before the first speech verb of ``sentence`` that has one; none when a
    pronoun is that verb's subject ("Of the plan in Vale, he said …": not "Vale")."""
    for verb in _VERB.finditer(sentence):
        if _PRONOUN_BEFORE.search(sentence[: verb.start()]):
            return None
        names = _subject(sentence[: verb.start()])
        if names:
            return names[-1]
    return None


# A pronoun right before a speech verb, an adverb between them ("he also said"): its subject.
_PRONOUN_BEFORE = re.compile(
    r"\b(?:he|she|they|we|i|it)(?:\s+\w+ly|\s+also|\s+then|\s+first)?\s*$",
    re.IGNORECASE,
)


# Words that open a phrase of place, time or contrast, never a speaker ("In Texas", "When").
_OPENING_WORDS = frozenset(
    {"in", "on", "at", "from", "for", "with", "after", "before", "during", "when", "while"}
    | {"but", "and", "even", "if", "as"}
)


def _not_a_speaker(name: str) -> bool:
    """A possessive ("Nato's") or a phrase of place or time ("In Texas"): no speaker."""
    first = name.split()[0].lower()
    return name.endswith(("'s", "’s")) or first in _OPENING_WORDS


def attributed(text: str, quotes: list[FoundQuote], parse: Parse | None) -> list[Said]:
    """The speaker of each quote and how it was found: the parse's cue
    (``extractor.article.attribution``) resolved as ``speakers`` resolves, else the rule
    tables; ``parse`` None: the rule tables alone (as ``speakers``)."""
    story = _Story(text)
    found = cues(text, quotes, parse) if parse is not None else [None] * len(quotes)
    result: list[Said] = []
    for quote, cue in zip(quotes, found, strict=True):
        said = _from_cue(story, quote, cue) if cue is not None else None
        if said is None:
            said = Said(*_by_rules(story, quote))
            if said.name and _not_a_speaker(said.name):
                said = Said(None, "none")
        if not said.name:
            said = Said(None, "none")
        result.append(said)
        # a description kept as it is written is no antecedent for a later pronoun
        kept = cue is not None and cue.kind == "description" and said.how == "cue"
        story.said.add(quote, None if kept else said.name)
        if said.name:
            story.previous, story.previous_end = said.name, quote.end
    return result
