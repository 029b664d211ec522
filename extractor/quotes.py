"""A deterministic quote finder: the spans between quotation marks, and who said them.

Pure functions over the cleaned text. Marks handled: curly double quotes (“ ”, „ “), straight
double quotes, guillemets (« », » «), TeX-style pairs (`` ''), and curly single quotes (‘ ’)
when they open a phrase rather than close a word (so apostrophes are left alone).

- A quote runs until its closing mark, over line breaks if need be; a mark left open ends at
  the end of its paragraph (a blank line, or a line that opens a new quote), which is also the
  convention for quotes running over several paragraphs.
- Spans that look like names or titles (every word capitalised, or introduced by *called*,
  *dubbed*, *so-called*, *named*, *titled*) are not quotes.
- ``speaker_near`` applies the "said X / X said" rule within the quote's sentence, and falls
  back on the previous quote's speaker for a pronoun or an unattributed continuation.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["FoundQuote", "find_quotes", "speaker_near", "speakers"]

# opening mark -> the closing marks that end it
_PAIRS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "«": "»",
    "»": "«",
    "‘": "’",
    '"': '"',
    "``": "''",
}
_OPENERS = re.compile(r"``|[“„«»‘\"]")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_NAMING = re.compile(
    r"(?:\b(?:called|dubbed|so-called|named|titled|entitled|nicknamed|known as|the word|"
    r"the term|the phrase)\s*)$",
    re.IGNORECASE,
)
_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|explained|explains|noted|notes|"
    r"asked|asks|wrote|writes|remarked|remarks|announced|announces|declared|declares|"
    r"commented|comments|continued|continues|insisted|insists|argued|argues|claimed|claims|"
    r"warned|warns|replied|replies|answered|answers|according to|enthused|praised|"
    r"described|describes|called|calls|quoted|promised|predicted|admitted|acknowledged|"
    r"suggested|urged|conceded|recalled|emphasi[sz]ed|stressed|quipped|joked|vowed|pledged|"
    r"responded|confirmed|denied|observed|cautioned|boasted|estimated"
)
_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b", re.IGNORECASE)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}
_NAME = re.compile(
    r"(?:[A-Z][\w.&'’\-]*|of|the|and|de|van|von|for|la|le)(?:\s+(?:[A-Z][\w.&'’\-]*|of|the|"
    r"and|de|van|von|for|la|le))*"
)
# Days and months start with a capital but name no speaker.
_NOT_NAMES = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
_LOWER_GLUE = {"of", "the", "and", "de", "van", "von", "for", "la", "le"}
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True)
class FoundQuote:
    """The words between one pair of quotation marks: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    closed: bool  # False when the closing mark is missing and the paragraph ended it
    words: int


def _is_opener(text: str, pos: int, mark: str) -> bool:
    """Straight and single marks open only before a word and after a space or bracket."""
    after = text[pos + len(mark) : pos + len(mark) + 2]
    if mark == "«":  # French style puts a space inside the marks
        after = after.lstrip(" \u00a0\u202f")
    if not after or after[0].isspace():
        return False
    if mark in '"‘':
        before = text[pos - 1] if pos > 0 else " "
        return before.isspace() or before in "([{—–-/"
    return True


def _is_closer(text: str, pos: int, mark: str) -> bool:
    if mark != "’":
        return True
    after = text[pos + 1 : pos + 2]
    return not after.isalpha()  # an apostrophe inside a word (don’t) is no closer


def _paragraph_end(text: str, start: int) -> int:
    """Where a quote left open ends: a blank line, or a line opening another quote."""
    pos = start
    while True:
        newline = text.find("\n", pos)
        if newline < 0:
            return len(text)
        rest = text[newline + 1 :].lstrip(" \t")
        if not rest or rest.startswith("\n") or _OPENERS.match(rest):
            return newline
        pos = newline + 1


def _close(text: str, start: int, opener: str) -> tuple[int, bool]:
    """The end of the quote opened at ``start`` and whether a closing mark ended it."""
    limit = _paragraph_end(text, start)
    closers = _PAIRS[opener]
    pos = start
    while pos < limit:
        if opener == "``":
            found = text.find("''", pos, limit)
            return (found, True) if found >= 0 else (limit, False)
        char = text[pos]
        if char in closers and _is_closer(text, pos, char) and pos > start:
            return pos, True
        pos += 1
    return limit, False


def _looks_like_name(text: str, inner: str, start: int) -> bool:
    words = _WORD.findall(inner)
    if not words:
        return True
    if _NAMING.search(text[max(0, start - 20) : start].rstrip(' “"‘«`')):
        return True
    if len(words) > 4 or inner.rstrip().endswith((".", ",", "!", "?")):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _LOWER_GLUE for w in words)


def find_quotes(text: str, *, min_words: int = 1) -> list[FoundQuote]:
    """Every quoted span of at least ``min_words`` words, in text order, names left out."""
    return list(_find_quotes(text, min_words))


@functools.lru_cache(maxsize=32)  # the pipeline asks several times for the same text
def _find_quotes(text: str, min_words: int) -> tuple[FoundQuote, ...]:
    found: list[FoundQuote] = []
    pos = 0
    while True:
        match = _OPENERS.search(text, pos)
        if match is None:
            return tuple(found)
        mark = match.group()
        if not _is_opener(text, match.start(), mark):
            pos = match.end()
            continue
        start = match.end()
        end, closed = _close(text, start, mark)
        inner = text[start:end]
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner.rstrip())
        span_text = inner[lead:trail]
        words = len(_WORD.findall(span_text))
        if words >= min_words and not _looks_like_name(text, span_text, match.start()):
            found.append(FoundQuote(start + lead, start + trail, span_text, closed, words))
        pos = end + (1 if closed and mark != "``" else 2 if closed else 0)
        pos = max(pos, start)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end + 1)
    right = right_match.end() if right_match else len(text)
    return left, right


def _names(segment: str, *, opening_word: bool = False) -> list[str]:
    """Runs of capitalised words; a lone capitalised word opening the segment (``In``,
    ``Addressing``) counts only when a speech verb follows it directly, unless
    ``opening_word`` (the segment starts right after a speech verb)."""
    names = []
    for match in _NAME.finditer(segment):
        words = match.group().split()
        while words and (words[0] in _LOWER_GLUE or words[0].lower() in {"the", "a"}):
            words.pop(0)
        while words and words[-1] in _LOWER_GLUE:
            words.pop()
        if not words or words[0].lower() in _PRONOUNS or words[0].lower() in _NOT_NAMES:
            continue
        opening = not segment[: match.start()].strip(" ,\n")
        if len(words) == 1 and opening and not opening_word and segment[match.end() :].strip(" ,"):
            continue
        names.append(" ".join(words).rstrip(".,'’"))
    return [n for n in names if n]


def _pronoun(segment: str) -> bool:
    """A pronoun, or a description with no name ("the bank chief"), right before the verb."""
    words = _WORD.findall(segment)
    if any(w.lower() in _PRONOUNS for w in words[-3:]):
        return True
    clause = segment.rsplit(",", 1)[-1]
    return (
        bool(_WORD.findall(clause))
        and clause.split()[0].lower() in {"the", "a", "an"}
        and not _names(clause)
    )


_APPOSITION = re.compile(r",\s+[a-z0-9][^,]*(?:,[^,]*)?$")
_WHO = re.compile(r",?\s*\bwho\s*$")
_BY = re.compile(r"\bby\s+((?:[A-Z][\w.'’\-]*\s*)+)")


def _subject(head: str) -> list[str]:
    """Names before a speech verb, an apposition (", an analyst at X,") set aside."""
    head = _WHO.sub("", head.rstrip(" ,"))
    apposition = _APPOSITION.search(head)
    if apposition is not None and _names(head[: apposition.start()]):
        head = head[: apposition.start()]
    return _names(head)


def _object(tail: str) -> str | None:
    """The name after a speech verb: its first full name ("said minister Ann Lee, head of
    X"), else its first single name."""
    names = _names(tail, opening_word=True)
    full = [n for n in names if len(n.split()) > 1]
    return full[0] if full else (names[0] if names else None)


def speaker_near(text: str, quote: FoundQuote) -> str | None:
    """The speaker the sentence names around ``quote`` ("…,” said X / X said “…"), or None.

    "" means a pronoun points at someone already named (the caller resolves it)."""
    left, right = _sentence_bounds(text, quote.start, quote.end)
    after = text[quote.end : right]
    before = text[left : quote.start]
    after = after[1:] if after[:1] in "”\"’»'" else after
    verb = _VERB.search(after)
    if verb is not None and not _OPENERS.search(after[: verb.start()]):
        head = after[: verb.start()]
        tail = re.split(r"[“\"«]", after[verb.end() :], maxsplit=1)[0]
        names = _subject(head)
        if verb.group().lower() != "quoted" and names:
            return names[-1]
        if _pronoun(head):
            return ""
        found = _object(tail)
        if found:
            return found
        if _pronoun(tail):
            return ""
    verbs = list(_VERB.finditer(before))
    if verbs:
        passive = _BY.search(before, verbs[-1].end())
        if passive is not None:
            return passive.group(1).strip()
        head = before[: verbs[-1].start()]
        if _pronoun(head):
            return ""
        names = _subject(head)
        if names:
            return names[-1]
    return None


def _last_named(text: str, end: int) -> str | None:
    """The last name in the sentence before ``end`` (for "He said" with no earlier quote)."""
    left, _ = _sentence_bounds(text, max(0, end - 1), max(0, end - 1))
    names = _names(text[left:end])
    return names[-1] if names else None


def speakers(text: str, quotes: list[FoundQuote]) -> list[str | None]:
    """``speaker_near`` for each quote; a pronoun or a bare continuation takes the previous
    quote's speaker when that quote lies in the same or the previous paragraph."""
    result: list[str | None] = []
    previous: str | None = None
    previous_end = -1
    for quote in quotes:
        name = speaker_near(text, quote)
        near = previous_end >= 0 and text.count("\n", previous_end, quote.start) <= 2
        if name == "" and not near:
            sentence_start, _ = _sentence_bounds(text, quote.start, quote.start)
            name = _last_named(text, sentence_start)
        elif not name:
            name = previous if near else None
        result.append(name)
        if name:
            previous, previous_end = name, quote.end
    return result
