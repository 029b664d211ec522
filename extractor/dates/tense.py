"""Whether the sentence puts a date expression in the past or the future.

A heuristic, not a parser: it looks for tense cues (auxiliaries, past forms, 'scheduled to')
in the clause that holds the expression, and takes the cue nearest to it. A time adverbial
at the head of the sentence ('On Friday, ...') takes the tense of the clause that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extractor.dates.direction import Direction, adjacent_direction
from extractor.dates.outcome import Lean
from extractor.dates.text import LEANS
from extractor.text.lexicon import word_list

Cue = Literal["past", "perfect", "present", "future"]


_TOKEN = re.compile(r"n't|'ll|'s|'re|'ve|'d|[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_BOUNDARY_PUNCT = frozenset(",;:()[]\"'`«»—|.!?")
_BOUNDARY_WORDS = word_list(
    "that which who whose whom when while where whereas because although though but and "
    "if unless after before as"
)
_FUTURE = word_list("will 'll shall should may might must would wo won't upcoming forthcoming")
_FUTURE_ALWAYS = word_list("scheduled slated")
_FUTURE_BEFORE_TO = word_list(
    "set scheduled slated due poised expected likely planned planning plans plan intends "
    "intend intended aims aim aimed hopes hope hoped wants want wanted seeks seek expects "
    "expect prepares prepare agree agrees agreed promise promises promised vow vows vowed "
    "pledge pledges pledged threaten threatens threatened going ready about"
)
_BE = word_list(
    "is are am be being been 's 're was were remain remains stay stays get gets become "
    "becomes seem seems appear appears look looks keep keeps"
)
_PAST_AUX = word_list("was were had did")
_PRESENT = word_list("is are am has have does do says say remains remain seems")
_IRREGULAR_PAST = word_list(
    "said told came went took made gave got saw met began fell rose held left led won lost "
    "sold bought brought thought found became ran wrote spoke chose struck sent spent paid "
    "kept stood broke drove flew grew knew shook swore tore withdrew overtook undertook "
    "forgot forbade sank sang slid spun stole stuck stung swam swung taught threw understood "
    "woke wore wound shrank sprang rang drank dug fought hid hung lay lit meant rode sought "
    "shot slept sped strove swept wept bore bent bled bred clung crept dealt fed fled flung "
    "forgave froze leapt lent mistook overcame sat shone wove"
)
_NOT_VERBS = word_list(
    "need needs indeed proceed exceed succeed speed seed feed bed red shed hundred united "
    "limited based related detailed advanced armed concerned interested alleged so-called "
    "embed breed creed greed weed tweed"
)
_DETERMINERS = word_list("the a an its their his her our your this these those")
# 'is meeting on Tuesday': a present progressive with a date is an arrangement ahead. Not
# "'s" (a possessive as often as 'is') and not the verbs of reporting or ongoing states.
_BE_PRESENT = word_list("is are am 're")
_NOT_PROGRESSIVE = word_list(
    "being going saying reporting telling claiming alleging calling asking facing seeking "
    "investigating trying working struggling continuing nothing something anything everything "
    "during morning evening according including following regarding concerning pending "
    "remaining increasing growing falling rising declining"
)


@dataclass(frozen=True)
class _Token:
    text: str  # lower case
    start: int
    end: int
    capital: bool


def _tokens(context: str, start: int, end: int) -> list[_Token]:
    """The words of ``context``, without asides in parentheses that do not hold the
    expression at ``start:end`` ('Creighton (25-7) will play ...' keeps 'will')."""
    if "(" not in context:
        return [
            _Token(m.group(0).lower(), m.start(), m.end(), m.group(0)[:1].isupper())
            for m in _TOKEN.finditer(context)
        ]
    tokens = []
    depth = 0
    for m in _TOKEN.finditer(context):
        text = m.group(0)
        holds = m.end() > start and m.start() < end
        if text == "(" and not holds:
            depth += 1
            continue
        if text == ")" and depth and not holds:
            depth -= 1
            continue
        if depth == 0 or holds:
            tokens.append(_Token(text.lower(), m.start(), m.end(), text[:1].isupper()))
    return tokens


_SENTENCE_END = frozenset(".!?")


def _is_boundary(token: _Token) -> bool:
    return token.text in _BOUNDARY_PUNCT or token.text in _BOUNDARY_WORDS or token.text == "--"


def _past_form(tokens: list[_Token], i: int) -> bool:
    token = tokens[i]
    word = token.text
    if token.capital or word in _NOT_VERBS:
        return False
    if not (word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))):
        return False
    before = tokens[i - 1].text if i > 0 else ""
    # A participle after 'is', 'be', 'to be', or a determiner is not a finite past.
    return before not in _BE and before not in _DETERMINERS and before != "to"


def _cue(tokens: list[_Token], i: int) -> Cue | None:
    word = tokens[i].text
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    before = tokens[i - 1].text if i > 0 else ""
    if word in _FUTURE_ALWAYS or (word in _FUTURE_BEFORE_TO and after == "to"):
        return "future" if word != "due" or before in _BE else None
    if (word in _FUTURE and not tokens[i].capital) or (word == "to" and after == "be"):
        return "future"
    if word in ("has", "have"):
        return _perfect(tokens, i)
    if word in _PAST_AUX:
        return "past"
    if word in _PRESENT:
        return "present"
    return "past" if _past_form(tokens, i) else None


def _progressive(word: str) -> bool:
    return len(word) > 4 and word.endswith("ing") and word not in _NOT_PROGRESSIVE


def _perfect(tokens: list[_Token], i: int) -> Cue:
    """'has filed', 'have been told': a present perfect; 'has been scheduled': future;
    'has a deadline': present."""
    for token in tokens[i + 1 : i + 4]:
        if token.text in ("been", "not", "n't", "already", "also", "just", "since", "long"):
            continue
        if token.text in _FUTURE_ALWAYS:
            return "future"
        if token.text in _IRREGULAR_PAST or token.text.endswith(("ed", "en")):
            return "perfect"
        break
    return "present"


def _clause(tokens: list[_Token], first: int, last: int) -> tuple[int, int]:
    left = first
    while left > 0 and not _is_boundary(tokens[left - 1]):
        left -= 1
    right = last
    while right + 1 < len(tokens) and not _is_boundary(tokens[right + 1]):
        right += 1
    return left, right


def _cues(tokens: list[_Token], span: range, skip: range) -> list[tuple[int, Cue]]:
    found: list[tuple[int, Cue]] = []
    for i in span:
        if i in skip:
            continue
        if _arrangement(tokens, i, skip):
            found.append((i, "future"))
        elif (cue := _cue(tokens, i)) is not None:
            found.append((i, cue))
    return found


PROGRESSIVE_REACH = 6  # words from 'are meeting' to its date


def _arrangement(tokens: list[_Token], i: int, skip: range) -> bool:
    """'are meeting on Tuesday': a present progressive shortly before a date that is not a
    possessive ('are searching for survivors of Monday's quake' is no arrangement)."""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if tokens[i].text not in _BE_PRESENT or not _progressive(after):
        return False
    if not 0 < skip.start - i <= PROGRESSIVE_REACH:
        return False
    last = skip.stop - 1
    following = tokens[skip.stop].text if skip.stop < len(tokens) else ""
    return tokens[last].text != "'s" and following != "'s"


def _neighbour_cues(
    tokens: list[_Token], left: int, right: int, skip: range
) -> list[tuple[int, Cue]]:
    """A clause with no verb of its own: 'On Friday, the minister said ...' takes the tense
    of the clause after it when it opens the sentence, else of the clause before it."""
    opens = left == 0 or tokens[left - 1].text in _SENTENCE_END
    if opens and right + 2 < len(tokens) and tokens[right + 1].text not in _SENTENCE_END:
        after_left, after_right = _clause(tokens, right + 2, right + 2)
        return _cues(tokens, range(after_left, after_right + 1), skip)
    if not opens and left > 1:
        before_left, before_right = _clause(tokens, left - 2, left - 2)
        return _cues(tokens, range(before_left, before_right + 1), skip)
    return []


def _lean(cue: Cue | None) -> Lean | None:
    if cue in ("past", "perfect"):
        return "past"
    return "future" if cue == "future" else None


def context_lean(context: str, start: int, end: int, preposition: str | None = None) -> Lean | None:
    """The lean of the clause around ``context[start:end]``: 'past', 'future' or None.

    ``preposition`` is the one the expression began with, if any ('until', 'since').
    """
    direction = context_direction(context, start, end, preposition)
    return direction.lean if direction else None


def context_direction(
    context: str, start: int, end: int, preposition: str | None = None
) -> Direction | None:
    """The lean of the clause around ``context[start:end]`` and the words that give it."""
    adjacent = adjacent_direction(context, start, end, preposition)
    tokens = _tokens(context, start, end)
    inside = [i for i, t in enumerate(tokens) if t.end > start and t.start < end]
    if not inside:
        return adjacent
    first, last = inside[0], inside[-1]
    own = range(first, last + 1)
    left, right = _clause(tokens, first, last)
    clause_cues = _cues(tokens, range(left, right + 1), own)
    word = preposition or (tokens[first - 1].text if first > 0 else "")
    preceding = LEANS.get(word)
    if preceding == "past":
        return Direction("past", f"'{word}' looks back")
    if adjacent is not None:
        return adjacent
    if preceding == "future":
        # 'closed until Friday' unless the clause's own finite verb is a simple past
        if clause_cues and clause_cues[0][1] == "past":
            past_verb = tokens[clause_cues[0][0]].text
            return Direction("past", f"'{word}' after the simple past '{past_verb}'")
        return Direction("future", f"'{word}' looks ahead")
    cues = clause_cues or _neighbour_cues(tokens, left, right, own)
    if not cues:
        return None

    def rank(item: tuple[int, Cue]) -> tuple[int, bool]:
        i, cue = item
        return (first - i if i < first else i - last), cue != "future"

    index, cue = min(cues, key=rank)
    lean = _lean(cue)
    if lean is None:
        return None
    where = "its clause" if clause_cues else "the neighbouring clause"
    words = tokens[index].text
    name = _NAMES[cue]
    if cue == "future" and words in _BE_PRESENT:
        name, words = "the present progressive", f"{words} {tokens[index + 1].text}"
    return Direction(lean, f"{name} '{words}' in {where}")


_NAMES: dict[Cue, str] = {
    "past": "the past form",
    "perfect": "the present perfect",
    "future": "the future marker",
    "present": "the present",
}
