"""Who said a quote, read from the sentence's dependency parse (``extractor.text.parser``).

For each quote of ``extractor.article.quotes``, the paragraph around it is parsed with every
quote in it replaced by a short stand-in (the words inside the marks are the speaker's, not
the sentence's; and the parse costs the narrative only). Then, in order:

- the cue that governs the quote: the first verb up the stand-in's chain of heads that is a
  speech verb (``text.speech``), else "according to X" (X), else any verb whose clause or
  object the quote is ("X hammered the plan as “…”"), else a speech verb elsewhere in the
  sentence; a verb's speaker is its subject (or the agent of a passive, or the subject of the
  verb it is joined to);
- a colon cue with no verb ("Jane Roe, an analyst: “…”", "MR. SMITH: “…”"): the name before it;
- a quote alone in its paragraph: the cue of the line before it ending with a colon, else the
  speaker of the quote before it (``continued``).

The subject is extended to its full name (compound and flat words, an apposition naming a
description's person) and never taken from a possessive or a place phrase; "who" and "which"
stand for the noun their clause describes. A pronoun or a definite description is returned as
such (``Cue.kind``), a pronoun with the named subject of a clause that holds it when there is
one (``Cue.own``); ``extractor.article.speakers`` resolves it against the names before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from extractor.article.quotes import FoundQuote
from extractor.text.gender import agrees
from extractor.text.lexicon import MONTHS, PRONOUNS, TITLE_WORDS, WEEKDAYS
from extractor.text.names import holds_name
from extractor.text.nouns import noun
from extractor.text.numbered import SentenceIndex
from extractor.text.parser import Parse
from extractor.text.speech import ATTRIBUTION_VERBS, REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Cue", "according_to", "cues", "full_name", "relative_antecedent", "subject_name"]

# The words the quote is replaced by: a clause for a whole sentence, a noun for a fragment.
_CLAUSE, _FRAGMENT = "It is so", "things"
_SPEECH = (
    frozenset(
        w.lower() for w in re.findall(r"[A-Za-z]+", ATTRIBUTION_VERBS) if w.lower() not in {"to"}
    )
    | REPORTING_VERBS
    | frozenset({"according", "testified", "tweeted", "posted", "exclaimed"})
)
_SUBJECTS = {"nsubj", "nsubjpass"}
# What a body issues: "according to the Navy's statement" names the Navy.
_DOCUMENTS = frozenset({"statement", "release", "report", "letter", "spokesman", "spokeswoman"})
# Nouns that name what someone said, and how their content clause hangs from them.
_SPEECH_NOUNS = frozenset(
    """comment comments remark remarks claim claims statement assertion assertions accusation
    accusations allegation allegations warning warnings pledge pledges promise promises
    insistence argument arguments""".split()  # noqa: SIM905
)
_CONTENT = {"acl", "ccomp", "relcl", "appos"}
# Dependencies of a verb that make the quote what the verb says.
_GOVERNED = {"ccomp", "parataxis", "dobj", "xcomp", "advcl", "oprd", "npadvmod", "prep"}
# Where a description ends after its head.
_CLAUSE_BREAKS = {",", "(", "[", "-", "–", "—", ";", ":"}
# Of those, the ones that make the quote the whole of what the verb says.
_SAID = {"ccomp", "parataxis", "dobj", "xcomp"}
_MARKS = frozenset("\"“”'‘’«»")  # quotation marks, passed looking for a comma
# Words of a name mention beyond its head.
_NAME_PARTS = {"compound", "flat", "nmod", "amod", "punct"}
# Part-of-speech from the tagger's fine tags (no attribute ruler runs to map them).
_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"}
_PROPER, _NOUNS = {"NNP", "NNPS"}, {"NN", "NNS", "NNP", "NNPS"}
_HOPS = 6  # heads walked up from the quote
_AFTER = 2  # closing marks after a quote's last character
_OWN, _BEFORE = 0, 1  # what is parsed: a paragraph's quotes, or the colon line before it
_ABBREVIATION = 4  # letters of a title cut by its full stop ("Sgt", "Gov")
_COLON_NAME = re.compile(r"([A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,4})(?:,[^:\n]{0,80})?:\s*$")

Kind = Literal["name", "pronoun", "description", "newcomer", "continued", "none"]


@dataclass(frozen=True)
class Cue:
    """What the parse says of a quote's speaker: ``kind`` and the words (``speaker``): a name,
    a pronoun, "the …" for a definite description, a description for a newcomer ("an
    analyst"); "" with ``continued`` (the speaker of the quote before) and ``none``."""

    speaker: str
    kind: Kind
    earlier: str = ""  # for a pronoun: the last name that is a subject before it, if any
    at: int = -1  # for a pronoun: where it is in the parsed text (-1: not known)
    own: bool = False  # for a pronoun: ``earlier`` is the subject of a clause holding it


_NONE = Cue("", "none")


def _paragraph(text: str, quote: FoundQuote) -> tuple[int, int]:
    low = text.rfind("\n", 0, quote.start) + 1
    high = text.find("\n", quote.end)
    return low, len(text) if high < 0 else high


def _stand_in(quote: FoundQuote, ends: bool) -> str:
    """A clause or a noun, with the quote's comma; and with its full stop when the quote ends
    its sentence (``ends``: the splitter ends one there), so the sentence ends there still."""
    words = quote.text.strip()
    mark = words[-1:] if words[-1:] in {",", ".", "!", "?"} else ""
    kept = "," if mark == "," else mark if ends else ""
    return (_CLAUSE if words[:1].isupper() else _FRAGMENT) + kept


_ASKED = re.compile(r"[”\"’']?[ \t]+((?:[A-Z][\w.'’\-]*[ \t]+){1,6}?)([a-z]+)\b")


def _attributed_after(text: str, quote: FoundQuote, high: int) -> bool:
    """Whether a quote ending with "?" or "!" is followed on its line by a name and a speech
    verb ("“Is it over?” Ann Lee asked")."""
    if not quote.text.rstrip().endswith(("?", "!")):
        return False
    after = _ASKED.match(text, quote.end, high)
    return after is not None and after.group(2) in _SPEECH


# A closing mark typed as an opening one, before the attribution ("… ready, “said Ann Lee").
# Looser than the finder's ``quotes.TYPED_CLOSER`` (no punctuation needed before it): a span
# given from elsewhere (a gold set, a model's quote) may end where the finder would not.
_TYPED_CLOSER = re.compile(r"[ \t]*“(?=[a-z])")


class _Compact:
    """A paragraph with its quotes replaced by stand-ins, and where each stand-in is."""

    def __init__(self, text: str, low: int, high: int, quotes: Sequence[FoundQuote]) -> None:
        parts: list[str] = []
        self.at: dict[FoundQuote, tuple[int, int]] = {}
        pos, length = low, 0
        # the paragraph's sentences, split here: the few indexes ``numbered.index`` keeps are
        # the article's, which the other stages ask for again
        sentences = SentenceIndex(text[low:high])
        for quote in quotes:
            if quote.start < low or quote.end > high:
                continue
            parts.append(text[pos : quote.start])
            length += quote.start - pos
            ends = sentences.end(quote.end - low) <= quote.end - low + _AFTER  # closing marks
            # "“Is it over?” Ann Lee asked.": the splitter ends a sentence at the question
            # mark, but the attribution after it belongs to the quote's
            ends = ends and not _attributed_after(text, quote, high)
            stand_in = _stand_in(quote, ends)
            self.at[quote] = (length, length + len(stand_in))
            parts.append(stand_in)
            length += len(stand_in)
            pos = quote.end
            typed = _TYPED_CLOSER.match(text, pos)  # "… ready, “said X": parsed as closed
            if typed is not None and text[quote.start - 1 : quote.start] == "“":
                parts.append("” ")
                length += 2
                pos = typed.end()
        parts.append(text[pos:high])
        whole = "".join(parts)
        # only the sentences from the first quote's to the last one's are parsed
        cut = SentenceIndex(whole)
        low_cut = cut.start(min((a for a, _ in self.at.values()), default=0))
        high_cut = cut.end(max((b for _, b in self.at.values()), default=0))
        self.text = whole[low_cut:high_cut]
        self.at = {q: (a - low_cut, b - low_cut) for q, (a, b) in self.at.items()}
        # nothing but quotes and punctuation: nothing to parse
        self.alone = all(_alone(self.text, *at) for at in self.at.values())


def _mention(head: Token) -> str:
    """The full name of ``head``: its compound/flat words (no possessive, no determiner)."""
    words = {head}
    for child in head.lefts:
        if child.dep_ in {"compound", "flat", "amod"} and child.tag_ in _PROPER:
            words |= {g for g in child.subtree if g.dep_ in {"compound", "amod"}} | {child}
    for child in head.rights:
        if child.dep_ in {"flat", "compound"} and child.tag_ in _PROPER:
            words.add(child)
    last = max(t.i for t in words)
    doc = head.doc
    # "Sgt. Ann Lee": the abbreviation's full stop split the sentence; the name goes on
    if last + 2 < len(doc) and doc[last + 1].text == "." and len(doc[last].text) <= _ABBREVIATION:
        words.add(doc[last + 1])
        after = last + 2
        while after < len(doc) and doc[after].tag_ in _PROPER:
            words.add(doc[after])
            after += 1
    start = _person_start(head, words)
    ordered = sorted((t for t in words if t.i >= start), key=lambda t: t.i)
    if ordered[-1].i - ordered[0].i + 1 == len(ordered):  # in a row: as written
        return doc[ordered[0].i : ordered[-1].i + 1].text.strip(" ,")
    return " ".join(t.text for t in ordered).strip(" ,")


def _person_start(head: Token, words: set[Token]) -> int:
    """Where a person's name starts among ``words``: at the recogniser's person name when a
    word of another name, no title, stands right before it ("ambassador to NATO Ann Lee":
    "Ann Lee"; "US President Ann Lee" stays whole). Without names recognised, the first
    word."""
    first = min(t.i for t in words)
    if head.ent_type_ != "PERSON":
        return first
    person = next(e for e in head.doc.ents if e.start <= head.i < e.end)
    if person.start <= first:
        return first
    before = head.doc[person.start - 1]
    other = before.ent_type_ not in {"", "PERSON"}
    titled = before.lower_.replace(".", "") in TITLE_WORDS
    return person.start if before in words and other and not titled else first


def _a_time(noun_token: Token) -> bool:
    """A noun for a time, no one ("several times described it as …": the parse's subject):
    WordNet files a first sense of it under times, none under persons or groups."""
    found = noun(noun_token.text)
    return found is not None and "noun.time" in found.first and not found.someone


def _speaker(head: Token) -> Cue:
    """The cue a subject (or agent) gives: a name, a pronoun or a description."""
    antecedent = relative_antecedent(head)
    if antecedent is not head:
        return _speaker(antecedent)
    if head.lower_ in PRONOUNS or head.tag_ == "PRP":
        return Cue(head.text, "pronoun", at=head.idx)
    if head.tag_ in _PROPER:
        name = _mention(head)
        titled = all(w.lower().replace(".", "") in TITLE_WORDS for w in name.split())
        if titled and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            # "the US Defence Secretary": a title standing for the name it was given with
            return Cue(f"the {name}", "description")
        return Cue(name, "name")
    named = [t for t in head.subtree if t.tag_ in _PROPER and _names_person(head, t)]
    if named:  # "the spokesman, Tom Berg", "the head of the union, Tom Berg"
        return Cue(_mention(named[0]), "name")
    start = _joined_start(head)  # "a co-worker": the parse's three words are one
    determiners = [c.lower_ for c in head.children if c.dep_ == "det"]
    if start < head.i and start > 0 and head.doc[start - 1].dep_ == "det":
        determiners = [head.doc[start - 1].lower_]
    if determiners[:1] == ["no"] or head.lower_ == "nobody":
        return _NONE  # "no one believed her": nobody said it
    words = _described(head)
    if not words or head.tag_ not in _NOUNS or _a_time(head):
        return _NONE
    issuers = [c for c in head.children if c.dep_ == "poss" and c.text[:1].isupper()]
    if issuers and head.lower_ in _DOCUMENTS:  # "the Navy's statement": the Navy
        return Cue(_mention(issuers[0]), "name")
    if determiners and determiners[0] in {"the", "this", "that"}:
        return Cue(f"the {words}", "description")
    if any(c.dep_ == "poss" for c in head.children):  # "the shop's manager", "his lawyer"
        return Cue(words, "description")
    return Cue(f"{determiners[0]} {words}" if determiners else words, "newcomer")


def relative_antecedent(subject: Token) -> Token:
    """The noun a relative pronoun subject stands for ("the council, which called it …": the
    council; "a woman outside the bank, who cried …": a person, so the whole phrase's head,
    not a noun inside it); any other subject is itself."""
    verb = subject.head
    if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl" and verb.head != verb:
        return _phrase_head(verb.head) if subject.lower_ == "who" else verb.head
    return subject


def _phrase_head(noun: Token) -> Token:
    """The head of the noun phrase ``noun`` is inside, through prepositions and appositions
    ("an expert at the Port College" from "College": "expert", then the name it stands by)."""
    while noun.dep_ in {"pobj", "appos"}:
        up = noun.head.head if noun.dep_ == "pobj" else noun.head
        if up.tag_ not in _NOUNS:
            break
        noun = up
    return noun


def _names_person(head: Token, token: Token) -> bool:
    """Whether the proper noun ``token`` names the person the description ``head`` is: in
    apposition to it (not a degree after a name: "Ann Lee, MD"), or joined to a bare title
    ("president and chief executive Ann Lee": the parse's coordination of two titles)."""
    if token.dep_ == "conj":
        bare = not any(c.dep_ in {"det", "poss"} for c in head.children)
        return token.head == head and bare
    return token.dep_ == "appos" and not (token.head.tag_ in _PROPER and token.text.isupper())


def _described(head: Token) -> str:
    """A description as written, without its own determiner, up to a comma, a bracket or a
    dash after its head ("the head of the union, who…" -> "head of the union")."""
    doc = head.doc
    start, end = min(head.left_edge.i, _joined_start(head)), head.right_edge.i + 1
    while start < head.i and doc[start].dep_ == "det" and doc[start].head == head:
        start += 1
    for token in doc[head.i + 1 : end]:
        if token.text in _CLAUSE_BREAKS:
            end = token.i
            break
    return doc[start:end].text.strip()


def _joined_start(head: Token) -> int:
    """Where a word the tokenizer cut at its hyphens starts ("co-worker", "e-mail")."""
    doc, start = head.doc, head.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        if doc[start - 1].whitespace_:
            break
        start -= 2
    return start


def _subject_of(verb: Token) -> Token | None:
    if verb.lower_ == "quoted":  # "X quoted Ann Lee as saying", "Ann Lee was quoted as saying"
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        if objects:
            return objects[0]
    for child in verb.children:
        if child.dep_ == "agent":  # "was told by X"
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "nsubjpass"]
    if subjects:  # two when the parse errs ("In an e-mail, Henry said"): the one next to it
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head != verb:  # "…, and added"
        return _subject_of(_participle_head(verb))
    return None


def _participle_head(verb: Token) -> Token:
    """The verb whose subject a verb joined to another does it: its head, but for a
    participle set off by a comma after a clause inside another ("X objected to Y's claim
    that Z must act, calling it “…”"), the sentence's main verb: the parse hangs it from the
    nearest verb, while it goes with the main clause."""
    head = verb.head
    return verb.sent.root if _set_off(verb) and head.dep_ in _CONTENT else head


def _set_off(verb: Token) -> bool:
    """Whether ``verb`` is a participle after a comma ("…, calling it “…”", "“…,” calling")."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    before = verb.i - 1
    while before > 0 and verb.doc[before].text in _MARKS:
        before -= 1
    return verb.doc[before].text == ","


def _according(sentence: Span) -> Token | None:
    return next((found for t in sentence if (found := according_to(t)) is not None), None)


def according_to(token: Token) -> Token | None:
    """X, when ``token`` is the "according" of "according to X"."""
    if token.lower_ != "according":
        return None
    to = [c for c in token.children if c.lower_ == "to"]
    return next((g for t in to for g in t.children if g.dep_ == "pobj"), None)


def _governing(token: Token) -> Token | None:
    """The verb that says the quote: the first speech verb up its heads, else the first verb
    it hangs from as a clause or an object."""
    first: Token | None = None
    said = False  # whether the quote is what ``first`` says (its clause or object)
    node = token
    for _ in range(_HOPS):
        if node.head == node:
            break
        clause, dep, node = node, node.dep_, node.head
        if node.tag_ in _VERB_TAGS:
            if node.lower_ in _SPEECH:
                return node
            aside = _aside(node)
            if aside is not None:  # "But, he said, the port must see that “…”"
                return aside
            if first is None and dep in _GOVERNED:
                first, said = node, dep in _SAID
            elif first is not None and dep == "ccomp" and (not said or _that(clause)):
                # "X boasts that the state is “…”", "X pointed out that its work shows “…”":
                # the quote is part of a clause X says
                first, said = node, True
    return first


def _aside(verb: Token) -> Token | None:
    """A speech verb set into ``verb``'s clause ("But, he said, …"): it says the clause."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "parataxis" and c.lower_ in _SPEECH and c.tag_ in _VERB_TAGS
        ),
        None,
    )


def _that(clause: Token) -> bool:
    """Whether ``clause`` (or the clause it is joined to) opens with "that"."""
    heads = (clause, clause.head) if clause.dep_ == "conj" else (clause,)
    return any(c.dep_ == "mark" and c.lower_ == "that" for h in heads for c in h.children)


def _speech_noun(token: Token) -> Token | None:
    """A noun of speech whose content clause holds the quote ("Ann Lee's comments that the
    port must “…”", "repeated claims the port had “…”"), up the quote's heads."""
    node = token
    for _ in range(_HOPS):
        if node.head == node:
            break
        dep, node = node.dep_, node.head
        if node.tag_ in _VERB_TAGS and (node.lower_ in _SPEECH or _set_off(node)):
            return None  # a speech verb says it first, or the participle's own subject
        if dep in _CONTENT and node.tag_ in _NOUNS and node.lower_ in _SPEECH_NOUNS:
            return node
    return None


def _noun_speaker(noun: Token, quoted: Sequence[tuple[int, int]]) -> Cue:
    """Who a noun of speech is of: its possessor ("Ann Lee's comments"), else the subject of
    the verb it is the object of ("He repeated claims …")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return _speaker(owners[0])
    if noun.dep_ == "dobj" and noun.head.tag_ in _VERB_TAGS:
        subject = _subject_of(noun.head)
        if subject is not None and not any(a <= subject.idx < b for a, b in quoted):
            return _speaker(subject)
    return _NONE


def _in_sentence(sentence: Span, start: int, end: int) -> Token | None:
    """A verb of speech in ``sentence`` outside the stand-in (the root first)."""
    verbs = [
        t
        for t in sentence
        if t.lower_ in _SPEECH and t.tag_ in _VERB_TAGS and not start <= t.idx < end
    ]
    verbs.sort(key=lambda t: (t.dep_ != "ROOT", t.i))
    return verbs[0] if verbs else None


def _from_parse(doc: Doc, start: int, end: int, quoted: Sequence[tuple[int, int]] = ()) -> Cue:
    """The cue of the stand-in at [start, end) of ``doc``; ``quoted``: where every stand-in
    of ``doc`` is (another quote is never the speaker: "warned that “…” are building “…”")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return _NONE
    token = span.root
    sentence = token.sent
    noun = _speech_noun(token)
    if noun is not None:  # "Ann Lee's comments that the port must “…”"
        cue = _noun_speaker(noun, quoted)
        if cue.kind != "none":
            return cue
    governing = _governing(token)
    # a speech verb that governs the quote first ("according to X, the act says “…”": the
    # act), then "according to X", then any verb governing it, then a speech verb elsewhere
    speech = governing if governing is not None and governing.lower_ in _SPEECH else None
    according = _according(sentence)
    for verb in (speech, according, governing, _in_sentence(sentence, start, end)):
        subject = _subject_of(verb) if verb is not None and verb is not according else verb
        if subject is not None and not any(a <= subject.idx < b for a, b in quoted):
            cue = _speaker(subject)
            if cue.kind != "none":
                return cue
    return _NONE


def _colon(before: str) -> Cue:
    """A colon cue with no verb: "Jane Roe, an analyst:" or "MR. SMITH:"."""
    match = _COLON_NAME.search(before)
    if match is None:
        return _NONE
    return _label_cue(match.group(1).strip())


def _label_cue(name: str) -> Cue:
    """The cue of a name written as a label before a colon ("MR. SMITH" is "Mr. Smith")."""
    if name.split()[0].lower() in PRONOUNS:
        return _NONE
    return Cue(name.title() if name.isupper() else name, "name")


# A line opening with a name and a colon, as headlines and transcripts give a speaker.
LABEL = re.compile(r"\s*([A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3}):[ \t]")


def _labelled(before: str, text: str) -> Cue:
    """The name opening the line before a quote with a colon ("Lee: Port “will reopen”"),
    when it is a name the article uses ("Update: …" is none)."""
    match = LABEL.match(before)
    if match is None or "\n" in before:
        return _NONE
    name = match.group(1)
    return _label_cue(name) if holds_name(text, name) else _NONE


def cues(text: str, quotes: Sequence[FoundQuote], parse: Parse) -> list[Cue]:
    """The cue of each quote of ``text`` (in order), read from ``parse``'s parses of the
    paragraphs holding quotes (in two calls at most: the paragraphs, then the lines before
    the pronouns that their own paragraph does not resolve)."""
    held: dict[tuple[int, int], list[FoundQuote]] = {}
    for quote in quotes:
        held.setdefault(_paragraph(text, quote), []).append(quote)
    compacts = {bounds: _Compact(text, *bounds, inside) for bounds, inside in held.items()}
    # a paragraph of quotes alone needs no parse, but the line before it may, with a colon
    wanted = {(*b, _OWN): c.text for b, c in compacts.items() if not c.alone}
    colons = {b: _colon_line(text, b[0]) for b, c in compacts.items() if c.alone}
    wanted |= {(*b, _BEFORE): f"{line} {_CLAUSE}." for b, line in colons.items() if line}
    docs = dict(zip(wanted, parse(list(wanted.values())), strict=True))
    found: list[Cue] = []
    for quote in quotes:
        bounds = _paragraph(text, quote)
        compact = compacts[bounds]
        start, end = compact.at[quote]
        doc = docs.get((*bounds, _OWN))
        quoted = list(compact.at.values())
        cue = _from_parse(doc, start, end, quoted) if doc is not None else _NONE
        if cue.kind == "none":
            cue = _colon(compact.text[:start].rstrip(" \t“\"'‘«"))
        if cue.kind == "none":
            cue = _labelled(compact.text[:start], text)
        if cue.kind == "none" and _alone(compact.text, start, end):
            cue = _line_before(docs.get((*bounds, _BEFORE)), colons.get(bounds, ""))
        if cue.kind == "pronoun" and doc is not None:
            at = cue.at if cue.at >= 0 else start
            own = _binding(doc, at, cue.speaker, text)
            earlier = own or _last_subject(doc, min(at, start), cue.speaker, text)
            cue = Cue(cue.speaker, "pronoun", earlier, own=bool(own))
        found.append(cue)
    _earlier(text, quotes, found, parse)
    return found


def _binding(doc: Doc, at: int, pronoun: str, text: str) -> str:
    """The named subject of a clause that holds the pronoun at ``at``, before it ("Ann Lee
    said the court, which she called “…”": Ann Lee), that it can stand for ("" for none)."""
    token = next((t for t in doc if t.idx == at), None)
    if token is None:
        return ""
    above = set(token.ancestors)
    names = [
        _mention(t)
        for t in token.sent
        if t.idx < at
        and t.tag_ in _PROPER
        and t.dep_ in _SUBJECTS
        and t.head in above
        and not _in_quotes(t)
    ]
    return next((n for n in reversed(names) if agrees(pronoun, n, text)), "")


def _in_quotes(name: Token) -> bool:
    """The name is a term in quotation marks ("the “New Acme” he planned"), no one who speaks:
    the tagger's opening and closing quotation tags around its words."""
    doc, left, right = name.doc, name.i - 1, name.i + 1
    while left >= 0 and doc[left].tag_ in _PROPER:
        left -= 1
    while right < len(doc) and doc[right].tag_ in _PROPER:
        right += 1
    return left >= 0 and right < len(doc) and (doc[left].tag_, doc[right].tag_) == ("``", "''")


# A month or a weekday is tagged a proper noun ("would open in May"), and is no one.
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)


def _last_subject(doc: Doc, end: int, pronoun: str, text: str) -> str:
    """The last proper name that is a subject before ``end`` in ``doc`` and can be what
    ``pronoun`` stands for (its gender; ``text``: the article, for titles) ("" for none)."""
    before = [
        t
        for t in doc
        if t.idx < end and t.tag_ in _PROPER and t.lower_ not in _CALENDAR and not _in_quotes(t)
    ]
    names = [_mention(t) for t in before if t.dep_ in _SUBJECTS]
    names = names or [_mention(t) for t in before if t.dep_ != "compound"]
    return next((n for n in reversed(names) if agrees(pronoun, n, text)), "")


def _earlier(text: str, quotes: Sequence[FoundQuote], found: list[Cue], parse: Parse) -> None:
    """For a pronoun its own paragraph does not resolve, the nearest earlier named mention
    in the paragraph before (``found`` completed in place, one parse call)."""
    lines: dict[int, str] = {}
    for number, (quote, cue) in enumerate(zip(quotes, found, strict=True)):
        low = _paragraph(text, quote)[0]
        if cue.kind == "pronoun" and not cue.earlier and low > 0:
            lines[number] = _line_ending(text, low)
    docs = parse(list(lines.values())) if lines else []
    for (number, line), doc in zip(lines.items(), docs, strict=True):
        pronoun = found[number].speaker
        found[number] = Cue(pronoun, "pronoun", _last_subject(doc, len(line), pronoun, text))


def _alone(paragraph: str, start: int, end: int) -> bool:
    """Whether the quote is all its paragraph holds (its marks and punctuation aside)."""
    marks = " \t“”\"'‘’«».,"
    return not paragraph[:start].strip(marks) and not paragraph[end:].strip(marks)


def _line_ending(text: str, low: int) -> str:
    """The last non-blank line before ``low`` (a paragraph's start)."""
    end = low - 1
    while end > 0 and not text[text.rfind("\n", 0, end) + 1 : end].strip():
        end = text.rfind("\n", 0, end)
    return text[text.rfind("\n", 0, max(0, end)) + 1 : max(0, end)].rstrip()


def _colon_line(text: str, low: int) -> str:
    """The paragraph before ``low`` when it ends with a colon ("A spokesman said:"), or ""."""
    line = _line_ending(text, low)
    return line if line.endswith(":") else ""


def _line_before(doc: Doc | None, line: str) -> Cue:
    """The cue of the paragraph before a quote alone (``_colon_line``, parsed as ``doc``
    with a stand-in after it), else the previous quote's speaker continued."""
    cue = _introduced(doc, len(line)) if doc is not None else _NONE
    if cue.kind == "none" and doc is not None:
        cue = _from_parse(doc, len(line) + 1, len(line) + 1 + len(_CLAUSE))
    if cue.kind == "none" and line:
        cue = _colon(line)
    return cue if cue.kind != "none" else Cue("", "continued")


def _introduced(doc: Doc, colon: int) -> Cue:
    """The speaker of a line that introduces the quote after its colon ("The judge had
    advice for the jury:", "Ann Lee issued this statement:"): the subject of the line's last
    top verb (``colon``: where the line ends in ``doc``)."""
    # the line's top verb: its root, or a verb the stand-in after the colon hangs it from
    tops = [
        t
        for t in doc
        if t.idx < colon and t.tag_ in _VERB_TAGS and (t.dep_ == "ROOT" or t.head.idx >= colon)
    ]
    subject = _subject_of(tops[-1]) if tops else None
    return _speaker(subject) if subject is not None else _NONE


def subject_name(verb: Token) -> str | None:
    """The full name of ``verb``'s subject (or passive agent) when the subject is a name, or a
    description naming its person ("the spokesman, Tom Berg"); None otherwise."""
    head = _subject_of(verb)
    if head is None:
        return None
    cue = _speaker(head)
    return cue.speaker if cue.kind == "name" else None


def full_name(head: Token) -> str:
    """The full name around the proper noun ``head`` (compound and flat words, as written)."""
    return _mention(head)
