"""An event's trigger verb and tense, read from the parse of the sentence that tells it.

The trigger is a verb of that sentence (auxiliaries aside): the first verb of the words the
model gave as trigger when they hold one (not a participle before a noun of those words:
"convicted" of "convicted sex offender"); else the verb nearest the root of the parse whose
word the model's description repeats ("told" in "Ann Lee told reporters …"); else the root
when it is a verb. So a trigger the model gave without a verb ("the attack" in "crowds
marched after the attack") takes the sentence's verb ("marched"); it stays as written, with no
tense from the parse, only in a sentence with no verb. Keeping such a noun as the trigger
instead was measured in session 25 (docs/BENCHMARKS.md) and was worse: the event then has no
verb to read its date and tense from, nor for the not-an-event fold to read.

The tense comes from that verb and its auxiliaries: "will", "shall" or "'ll", or "going to",
is the future; a past-tense verb or auxiliary ("met", "was held") and the perfect ("has met")
are the past; a present-tense verb or "is/are …ing" is the present. A modal ("could meet") or
a bare form gives no tense, and the model's stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from extractor.contract.models import Tense

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["trigger_verb", "verb_tense"]

_FUTURE = {"will", "shall", "'ll", "wo"}  # "wo" of "won't"
_PERFECT = {"has", "have", "'ve", "'s"}
_MODALS = {"would", "could", "might", "may", "can", "should", "must", "ca"}


def _is_verb(token: Token) -> bool:
    # the parse has fine tags only (no coarse parts of speech): VB, VBD, VBG, VBN, VBP, VBZ
    return bool(token.tag_.startswith("VB")) and token.dep_ not in ("aux", "auxpass")


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _modifies(token: Token, given: tuple[int, int]) -> bool:
    """``token`` is a participle before a noun of the trigger itself ("convicted" of the
    trigger "convicted sex offender"): no verb of it."""
    return token.dep_ == "amod" and given[0] <= token.head.idx < given[1]


def trigger_verb(
    sentence: Iterable[Token], given: tuple[int, int] | None, description: set[str]
) -> Token | None:
    """The trigger's verb in the parsed ``sentence`` (see the module docstring): ``given``,
    the model's trigger as offsets of the parsed text; ``description``, the casefolded words
    of the model's description."""
    tokens = list(sentence)
    verbs = [t for t in tokens if _is_verb(t)]
    if given is not None:
        inside = [t for t in verbs if given[0] <= t.idx < given[1] and not _modifies(t, given)]
        if inside:
            return inside[0]
    repeated = [t for t in verbs if t.lower_ in description]
    if repeated:
        return min(repeated, key=lambda t: (_depth(t), t.i))
    roots = [t for t in tokens if t.dep_ == "ROOT" and _is_verb(t)]
    return roots[0] if roots else None


def _going_to(verb: Token) -> bool:
    """ "is going to meet": ``verb`` is "going", or governed by it, with an infinitive."""
    if verb.lower_ == "going":
        return any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children)
    return bool(verb.head.lower_ == "going") and any(c.tag_ == "TO" for c in verb.children)


def verb_tense(verb: Token) -> Tense | None:
    """The tense of ``verb`` with its auxiliaries, or None (see the module docstring)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    words = {a.lower_ for a in auxiliaries}
    if words & _FUTURE or _going_to(verb):
        return "future"
    if words & _MODALS:
        return None
    if words & _PERFECT and verb.tag_ == "VBN":
        return "past"
    tags = {verb.tag_} | {a.tag_ for a in auxiliaries}
    if "VBD" in tags:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return None
