"""A deterministic quote finder: the spans between quotation marks, and who said them.

Pure functions over the cleaned text. Marks handled: curly double quotes (“ ”, „ “), straight
double quotes, guillemets (« », » «), TeX-style pairs (`` ''), and curly single quotes (‘ ’)
when they open a phrase rather than close a word (so apostrophes are left alone).

- A quote runs until its closing mark, over line breaks if need be, within its paragraph (up
  to a blank line, or a line that opens a new quote: the convention for quotes running over
  several paragraphs). Double quotes do not nest: an opening “ left open is closed by a second
  “ typed after a comma or full stop ("… ready, “said Ann Lee"). A mark left open ends at the
  first line break after a sentence end, else at the paragraph's end: in a text of one
  sentence a line, the narrative that follows is not quoted.
- A single mark is closed past its first such line only after a clause's end (not by a
  plural's apostrophe) and before another single mark opens; one left open is no quote (an
  apostrophe typed as an opening mark: "Ann ‘s car").
- Spans that look like names or titles (every word capitalised, or introduced by *called*,
  *dubbed*, *so-called*, *named*, *titled*) are not quotes.

Who said a quote is ``extractor.article.speakers``' business.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.text.names import capitalised_as_name
from extractor.text.sentences import LINE_END
from extractor.text.words import JOINED_WORD

__all__ = ["FoundQuote", "find_quotes"]

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
OPENERS = re.compile(r"``|[“„«»‘\"]")
_NAMING = re.compile(
    r"(?:\b(?:called|dubbed|so-called|named|titled|entitled|nicknamed|known as|the word|"
    r"the term|the phrase)\s*)$",
    re.IGNORECASE,
)


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


_INDENT = re.compile(r"[ \t]*")
# A single mark that closes a quote past the opener's first sentence line ends a clause: a
# bare ’ there is more likely a plural's apostrophe (the Smiths’ dog) than a quote's end.
_CLAUSE_END = ".,!?"
# A closing mark typed as an opening one: after the punctuation that ends a quoted clause
# (``attribution`` reads such a mark after any given span, with a looser pattern of its own).
_TYPED_CLOSER = re.compile(r"(?<=[,.!?])[ \t]?“")


def _paragraph_end(text: str, start: int) -> int:
    """Where a quote's paragraph ends: a blank line, or a line opening another quote."""
    pos = start
    while True:
        newline = text.find("\n", pos)
        if newline < 0:
            return len(text)
        indent = _INDENT.match(text, newline + 1)  # the next line, its indent skipped
        rest = indent.end() if indent else newline + 1
        if rest == len(text) or text.startswith("\n", rest) or OPENERS.match(text, rest):
            return newline
        pos = newline + 1


def _close(text: str, start: int, opener: str) -> tuple[int, bool]:
    """The end of the quote opened at ``start`` and whether a closing mark ended it."""
    limit = _paragraph_end(text, start)
    closers = _PAIRS[opener]
    first_line = _left_open(text, start, limit) if opener == "‘" else limit
    pos = start
    while pos < limit:
        if opener == "``":
            found = text.find("''", pos, limit)
            return (found, True) if found >= 0 else (_left_open(text, start, limit), False)
        char = text[pos]
        closes = char in closers and _is_closer(text, pos, char) and pos > start
        if closes and (pos <= first_line or text[pos - 1] in _CLAUSE_END):
            return pos, True
        if pos > first_line and char == opener and _is_opener(text, pos, char):
            break  # single marks do not nest: another quote opens, this mark was none
        pos += 1
    if opener == "“":  # double quotes do not nest: a second opening mark after a clause's
        typed = _TYPED_CLOSER.search(text, start, limit)  # end closes it ("ready, “said X")
        if typed is not None:
            return typed.end() - 1, True
    return _left_open(text, start, limit), False


def _left_open(text: str, start: int, limit: int) -> int:
    """Where a quote with no closing mark ends: its first line ending a sentence, else
    ``limit``, its paragraph's end."""
    line_end = LINE_END.search(text, start, limit)
    return line_end.start() + 1 if line_end else limit


def _looks_like_name(text: str, inner: str, start: int) -> bool:
    words = JOINED_WORD.findall(inner)
    if not words:
        return True
    if _NAMING.search(text[max(0, start - 20) : start].rstrip(' “"‘«`')):
        return True
    if len(words) > 4 or inner.rstrip().endswith((".", ",", "!", "?")):
        return False
    return capitalised_as_name(words)


def find_quotes(text: str, *, min_words: int = 1) -> list[FoundQuote]:
    """Every quoted span of at least ``min_words`` words, in text order, names left out."""
    return list(_find_quotes(text, min_words))


@functools.lru_cache(maxsize=32)  # the pipeline asks several times for the same text
def _find_quotes(text: str, min_words: int) -> tuple[FoundQuote, ...]:
    found: list[FoundQuote] = []
    pos = 0
    while True:
        match = OPENERS.search(text, pos)
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
        words = len(JOINED_WORD.findall(span_text))
        if mark == "‘" and not closed:  # an apostrophe typed as a mark: "Ann ‘s car"
            pos = start
            continue
        if words >= min_words and not _looks_like_name(text, span_text, match.start()):
            found.append(FoundQuote(start + lead, start + trail, span_text, closed, words))
        pos = end + (1 if closed and mark != "``" else 2 if closed else 0)
        pos = max(pos, start)
