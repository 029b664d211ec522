"""Who said a quote: the "said X / X said" rules over the text around the finder's spans.

Pure functions over the cleaned text and ``extractor.article.quotes``' spans.

- ``speaker_near``: the speaker the quote's own sentence names: the subject of a speech verb
  ("X said", "X, an analyst at Y, said"), its object ("said American president Obama",
  "according to Mr Howard", "quoted Djamal as saying"), a passive "by X", or an unnamed
  newcomer ("a senior official said"). "" for a pronoun, "the …" for a definite description
  ("the bank chief said"), None for no speech verb.
- ``speakers``: ``speaker_near`` for every quote of an article, a pronoun resolved to the
  nearest sentence before it that names someone, a description to the name it stands for,
  and an unattributed quote right after another taken as its continuation.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from extractor.article.quotes import NAME_GLUE, OPENERS, WORD, FoundQuote

__all__ = ["PRONOUNS", "speaker_near", "speakers"]

_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|explained|explains|noted|notes|"
    r"asked|asks|wrote|writes|remarked|remarks|announced|announces|declared|declares|"
    r"commented|comments|continued|continues|insisted|insists|argued|argues|claimed|claims|"
    r"warned|warns|replied|replies|answered|answers|[Aa]ccording to|enthused|praised|"
    r"described|describes|called|calls|quoted|promised|predicted|admitted|acknowledged|"
    r"suggested|urged|conceded|recalled|emphasi[sz]ed|stressed|quipped|joked|vowed|pledged|"
    r"responded|confirmed|denied|observed|cautioned|boasted|estimated"
)
# Lower case: "The United States" holds no verb.
_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b")
# Verbs whose speaker comes after them: "according to X", "Y quoted X as saying".
_OBJECT_VERBS = {"according to", "quoted"}
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_POSSESSIVES = {"his", "her", "its", "their", "our", "my"}
_NAME = re.compile(
    r"(?:[A-Z][\w.&'’\-]*|of|the|and|de|van|von|for|la|le)(?:\s+(?:[A-Z][\w.&'’\-]*|of|the|"
    r"and|de|van|von|for|la|le))*"
)
# Days and months start with a capital but name no speaker.
_NOT_NAMES = frozenset(
    {
        *[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
        ],
        *["january", "february", "march", "april", "may", "june", "july", "august"],
        *["september", "october", "november", "december"],
    }
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_CLOSERS = ("”", '"', "»", "“")
# A quoted span inside a segment: its names are the quote's, not the sentence's.
_QUOTED = re.compile(r"“[^”“]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"")
# ", but Aer Lingus chief Dermot Mannion" opens a clause, not an apposition.
_APPOSITION = re.compile(
    r",\s+(?!(?:and|but|or|while|although|though|as|after|before|when|because|so|yet)\b)"
    r"[a-z0-9][^,]*(?:,[^,]*)?$"
)
_WHO = re.compile(r",?\s*\bwho\s*$")
_BY = re.compile(r"\bby\s+((?:[A-Z][\w.'’\-]*\s*)+)")
# "…, but stated that", "…, and several times described": the verb shares the subject of
# the sentence's first clause.
_JOINED = re.compile(r"(?:^|[,;]|\b)\s*(?:and|but|then)\b[^,;A-Z]*$")
# Where the noun phrase after a speech verb ends: "said Ann Lee, head of X" -> "Ann Lee".
_PHRASE_END = re.compile(r"[,;:]|\.(?:\s|$)|\s(?:of|at|from|for|who|as|in|on|to|with)\s")
_ACRONYM = re.compile(r"[A-Z.&]+")
_LOOKBACK = 6  # sentences a pronoun may reach back


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts, looking back in growing windows (a long
    article costs each quote its sentence, not the text before it)."""
    size = 256
    while True:
        low = max(0, pos - size)
        ends = [match.end() for match in _SENTENCE_END.finditer(text, low, pos)]
        if ends:
            return ends[-1]
        if low == 0:
            return 0
        size *= 4


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = _sentence_start(text, start)
    right_match = _SENTENCE_END.search(text, end + 1)
    right = right_match.end() if right_match else len(text)
    return left, right


def _mask(segment: str) -> str:
    """``segment`` with its complete quoted spans blanked out (same length)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), segment)


def _names(segment: str, *, opening_word: bool = False) -> list[str]:
    """Runs of capitalised words; a lone capitalised word opening the segment (``In``,
    ``Addressing``) counts only when a speech verb follows it directly, unless
    ``opening_word`` (the segment starts right after a speech verb)."""
    names = []
    for match in _NAME.finditer(segment):
        words = match.group().split()
        while words and (words[0] in NAME_GLUE or words[0].lower() in {"the", "a"}):
            words.pop(0)
        while words and words[-1] in NAME_GLUE:
            words.pop()
        if not words or words[0].lower() in PRONOUNS:
            continue
        if words[0].lower().rstrip(".,") in _NOT_NAMES:
            continue
        opening = not segment[: match.start()].strip(" ,\n")
        if len(words) == 1 and opening and not opening_word and segment[match.end() :].strip(" ,"):
            continue
        names.append(" ".join(words).rstrip(".,'’"))
    return [n for n in names if n]


def _description(segment: str, articles: set[str]) -> str | None:
    """The nameless description ending ``segment`` ("the bank chief") when it opens with
    one of ``articles``, without it."""
    words = segment.rsplit(",", 1)[-1].split()
    if len(words) < 2 or words[0].lower() not in articles or _names(" ".join(words)):
        return None
    return " ".join(words[1:])


def _pronoun(segment: str) -> bool:
    """A pronoun right before the verb: someone named earlier."""
    return any(w.lower() in PRONOUNS for w in WORD.findall(segment)[-3:])


def _definite(segment: str) -> str | None:
    """A definite description right before the verb ("the bank chief"), as "the …": someone
    named earlier, that ``speakers`` looks for."""
    found = _description(segment, {"the", "this", "that"})
    return f"the {found}" if found else None


def _newcomer(segment: str) -> str | None:
    """An indefinite description right before the verb ("a top administration official"):
    an unnamed speaker introduced here, named by the description."""
    return _description(segment, {"a", "an"})


def _described(head: str) -> str | None:
    """A description as the subject of the verb ("Addressing X, the bank chief said"), not
    as an apposition ("Jacob Oubina, an analyst, said": a comma before the verb)."""
    if head.rstrip().endswith(","):
        return None
    return _definite(head) or _newcomer(head)


def _opens_with_pronoun(segment: str) -> bool:
    words = WORD.findall(segment)
    return bool(words) and words[0].lower() in PRONOUNS | _POSSESSIVES


def _subject(head: str) -> list[str]:
    """Names before a speech verb, an apposition (", an analyst at X,") set aside."""
    head = _WHO.sub("", head.rstrip(" ,"))
    apposition = _APPOSITION.search(head)
    if apposition is not None and _names(head[: apposition.start()]):
        head = head[: apposition.start()]
    return _names(head)


def _object(tail: str) -> str | None:
    """The name after a speech verb: the last name of its noun phrase ("said American
    president Obama"), else its first full name, else its first single name."""
    phrase = _PHRASE_END.split(tail, maxsplit=1)[0]
    in_phrase = _names(phrase, opening_word=True)
    if in_phrase:
        return in_phrase[-1]
    names = _names(tail, opening_word=True)
    full = [n for n in names if len(n.split()) > 1]
    return full[0] if full else (names[0] if names else None)


def _before_verb(head: str) -> str | None:
    """The speaker named by ``head``, the words before a speech verb."""
    if _JOINED.search(head):  # "He pointed to X, but stated": the first clause's subject
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


def speaker_near(text: str, quote: FoundQuote) -> str | None:
    """The speaker the sentence names around ``quote`` ("…,” said X / X said “…"), or None.

    "" means a pronoun points at someone already named (``speakers`` resolves it)."""
    left, right = _sentence_bounds(text, quote.start, quote.end)
    after = text[quote.end : right]
    before = text[left : quote.start]
    after = after[1:] if after[:1] in "”\"’»'" else after
    verb = _VERB.search(after)
    head = after[: verb.start()] if verb is not None else ""
    # "“A”, and described X": a verb joined to the sentence's own clause is not the quote's
    if verb is not None and not OPENERS.search(head) and not _JOINED.search(head):
        tail = re.split(r"[“\"«]", after[verb.end() :], maxsplit=1)[0]
        named = None if verb.group().lower() == "quoted" else _named_before(head)
        if named is not None:
            return named
        found = _object(tail)
        if found:
            return found
        if _pronoun(tail):
            return ""
    verbs = list(_VERB.finditer(before))
    if not verbs:
        return None
    last = verbs[-1]
    passive = _BY.search(before, last.end())
    if passive is not None:
        return passive.group(1).strip()
    head = before[: last.start()]
    # "“A,” said X, “B.”" and "according to X, … “B”": the name follows the verb
    if last.group().lower() in _OBJECT_VERBS or head.rstrip(" ,").endswith(_CLOSERS):
        found = _object(_mask(before[last.end() :]))
        if found:
            return found
    return _before_verb(_mask(head))


@functools.lru_cache(maxsize=4)
def _mid_sentence(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` that follow a word or a comma: names, not openers."""
    return frozenset(re.findall(r"(?<=[\w,] )[A-Z][\w'’\-]*", text))


def proper(text: str, word: str) -> bool:
    """Whether ``word`` is capitalised in the middle of a sentence somewhere in ``text``."""
    return word in _mid_sentence(text)


def _named_in(text: str, sentence: str) -> str | None:
    """Whom a sentence is about: the subject of its speech verb, else the name opening it."""
    for verb in _VERB.finditer(sentence):
        names = _subject(sentence[: verb.start()])
        if names:
            return names[-1]
    opening = _NAME.match(sentence.lstrip())
    if opening is None or opening.group().split()[0].lower() in {"the", "a", "an"}:
        return None
    names = _names(opening.group(), opening_word=True)
    if not names or _ACRONYM.fullmatch(names[0]):
        return None
    # "Barra, 51, will be…" but not "In" or "Addressing": a name used elsewhere mid-sentence
    return names[0] if " " in names[0] or proper(text, names[0]) else None


def _sentences_before(text: str, start: int) -> Iterator[tuple[int, int]]:
    """The bounds of the sentences before the one holding ``start``, nearest first."""
    end = _sentence_start(text, start)
    for _ in range(_LOOKBACK):
        if end <= 0:
            return
        left = _sentence_start(text, end - 1)
        yield left, end
        end = left


class _Said:
    """The speakers given so far, in text order, found by position."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.names: list[str | None] = []

    def add(self, quote: FoundQuote, name: str | None) -> None:
        self.starts.append(quote.start)
        self.names.append(name)

    def last_within(self, left: int, end: int) -> str | None:
        """The speaker of the last quote starting in ``[left, end)`` that has one."""
        low, high = bisect.bisect_left(self.starts, left), bisect.bisect_left(self.starts, end)
        return next((n for n in reversed(self.names[low:high]) if n), None)


def _antecedent(text: str, start: int, said: _Said) -> str | None:
    """Whom a pronoun at ``start`` points at: an earlier quote's speaker in its sentence,
    else, walking back sentence by sentence, the speaker of a quote in it, else the one it
    is about; a sentence opening with a pronoun points further back."""
    earlier = said.last_within(_sentence_start(text, start), start)
    if earlier:
        return earlier
    for left, end in _sentences_before(text, start):
        quoted = said.last_within(left, end)
        if quoted:
            return quoted
        sentence = _mask(text[left:end])
        named = None if _opens_with_pronoun(sentence) else _named_in(text, sentence)
        if named:
            return named
    return None


def _referent(text: str, start: int, description: str) -> str | None:
    """The name a definite description at ``start`` points back at ("the bank chief" -> "US
    bank chief Ben Bernanke", "the act" -> "the Founding Act"), in the sentences before."""
    head = description.split()[-1].lower()
    for left, end in _sentences_before(text, start):
        sentence = _mask(text[left:end])
        for name in reversed(_names(sentence)):
            lead = sentence[: sentence.find(name)].rstrip().lower()
            if lead.endswith(description) or head in name.lower().split():
                return name
    return None


def speakers(text: str, quotes: list[FoundQuote]) -> list[str | None]:
    """``speaker_near`` for each quote, a pronoun or description resolved by walking back
    through the sentences before it, and a quote with no speech verb in the paragraph right
    after another quote taken as that quote's continuation."""
    said = _Said()
    previous: str | None = None
    previous_end = -1
    for quote in quotes:
        name = speaker_near(text, quote)
        if name == "":
            name = _antecedent(text, quote.start, said)
        elif name and name.startswith("the "):
            described = name.removeprefix("the ")
            name = _referent(text, quote.start, described) or _antecedent(text, quote.start, said)
        elif name is None and previous_end >= 0:
            name = previous if text.count("\n", previous_end, quote.start) <= 2 else None
        said.add(quote, name)
        if name:
            previous, previous_end = name, quote.end
    return said.names
