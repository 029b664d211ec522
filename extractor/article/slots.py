"""Who and where of an event, read from the parse of the sentence that tells it.

- **Actors.** Each actor the model gives that the sentence writes is checked against the
  parse. A verb used as one is none ("was arrested": the model's "arrested"; not "the
  accused"). A plural common noun with no name in it, bare or quantified, that holds a view
  ("industry experts say", "some analysts believe") describes a class of people and is no
  actor; nor is a place name after "in", "at", "near" … ("riots in Vale"): it is where; nor a
  common noun WordNet knows only as a thing (``_a_thing``): acted upon or where the event
  happens ("attacked a police station", "was booked into jail"), or, in another role, a
  happening or a state ("the elections"), not a building or a paper that may stand for the
  firm in it ("the store"). Nor is who reports the happening, when the report's clause
  names its own doer ("Ann Lee met Tom Berg, the ministry said": not the ministry;
  ``_reporter``). Nor is a firm written only in the title of a person who is an actor ("Acme
  chief Ann Lee said"; ``_title_of_another``). A name is extended to its full mention there
  ("Lee" in "Minister Ann Lee said" is "Minister Ann Lee"). The subject of the trigger verb,
  when it is a name, comes first (the event's agent), and is added when the model did not list
  it. So are the names the trigger verb takes as object or partner ("succeeded X", "talks with
  X"), or as whom its object comes from ("took a loan from X"), or before whom it is done
  ("testified before X"), when the recogniser calls them a person, an organisation or a
  nationality, or a country as a partner. Actors the sentence does not write stay as the model
  gave them, except a person (a given name or a title tells a gender: ``gender``) that no word
  of the sentence may stand for: no pronoun ("it" too: a name with a given name may be a
  company's), no determiner standing alone ("both"), no noun whose first sense WordNet files
  under persons or groups ("the bank chief", "a man", "the firm"). That one is the model's guess
  from the context ("Mac sales rose" given to the chief executive; ``_unreferred``). Each party
  is named once, by its fullest mention ("Berg" and "Mayor Tom Berg", "President" and "President
  Ann Lee").
- **Actors of an answer that names none** (``anchors``: the model only points at the sentence
  and its trigger): the trigger verb's subject, or its passive agent ("by X"), when it names
  someone, is a pronoun standing for a name (as a speaker's pronoun is resolved), or is a
  noun that is no class ("police", "the city council"); then the names it
  takes as subject of a passive, object or partner ("met with X", "signed a treaty with X"), each
  with the names joined to it by "and". A verb with no subject of its own (a conjunct, an
  "-ing", "-ed" or "to" clause, an "after …-ing" phrase, "to fix" on the verb's object)
  takes its head's subject; a relative pronoun or a past participle ("the man who fled", "a
  man held by police") the noun it is about; "according to X", X. A trigger that is no verb ("the
  attack"): the names it is owned by, made by or is of ("Russia's attack", "the attack by
  X", "the arrest of X"), else the subject of the verb it is the object of, directly or
  through a preposition ("X launched the attack", "X voted in an election").
- **Place.** The model's place when the sentence writes it, other than only in a person's title
  ("Vale" of "Vale Gov. Ann Lee") or as whom a speech addresses ("told the Vale Herald"). Else a
  place name (GPE, LOC or FAC) that the sentence puts after a locative preposition ("in", "at",
  "near", …, "on" for a site: "on Mount Vale"; along a path: "over", "down", "into", …; on the
  way there: "en route to X", "on her way to X", not "to" alone; through "of": "in the city of
  X"), not part of a person's name ("at US Trade Secretary X") and not inside one of the actors'
  names, the one attached to the trigger verb first; taken whole where it is the first part of
  a longer place name that the recogniser split ("St Vale's" of "St Vale's Palace"). For a
  speech verb, only one under the verb outside the clause it reports: where it was said, not a
  place in what was said ("said in X that the plant in Y would close": X; "said that the plant
  in Y would close": none). Else the model's place.
- **Date**, when the model gives none that the sentence writes (``event``): a date expression
  of the sentence (``dates.find_mentions``) whose nearest verb above it in the parse is the
  trigger's ("said Thursday", "on Monday, X met Y"), or a verb whose time the trigger shares
  (one it is coordinated with, the verb its "after …-ing" phrase hangs from: "On Friday, X
  died after falling", the verb its "when"/"as"/"while" clause or its clause with no subject
  of its own hangs from: "X scored on Friday to break the record"), or a verb under the
  trigger that shares its time the same ways ("X stopped Y to keep the title on Saturday"),
  or the "to" clause of a plan or a schedule, which tells the happening ("X plans to rejoin
  the team this week", "the trial is scheduled to resume Monday"); a date of another clause
  is not taken, nor a year before a thing it qualifies ("his 2013 sedan"). When the model
  gave a date the text does not write (one it rewrote: "on July 8, 2012" for "Saturday
  night") and the sentence writes only one,
  any verb under the trigger's with no subject of its own counts too ("X agreed to meet Y
  Saturday night").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from extractor.article.attribution import (
    according_to,
    full_name,
    relative_antecedent,
    subject_name,
)
from extractor.article.ground import within
from extractor.dates import find_mentions
from extractor.text.gender import gender_of
from extractor.text.lexicon import COUNTRY_TITLE_WORDS, PRONOUNS, TITLE_WORDS, word_list
from extractor.text.names import holds_name, names_someone
from extractor.text.nouns import noun
from extractor.text.speech import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "fullest",
    "same_entity",
    "sentence_actors",
    "sentence_date",
    "sentence_participants",
    "sentence_place",
]

_PROPER = {"NNP", "NNPS"}
_COMMON = frozenset({"NN", "NNS"})
# Roles of a thing acted upon: object and passive subject, unless of a verb of speech ("told
# state radio": whom it was told); of a thing where the event happens: the object of a
# preposition of place or path ("booked into jail", "fled from the ship"), not of a partner
# or a source ("a deal with the studio", "according to state radio").
_UNDERGONE = frozenset({"dobj", "nsubjpass"})
# Verbs whose object is whom something was told ("told state radio", "was asked").
_TELLING = word_list(
    """tell tells told telling inform informs informed ask asks asked interview interviews
    interviewed brief briefs briefed notify notifies notified warn warns warned"""
)
# Marks after which a word is capitalised to open a clause ("'We are angry': Riot breaks out").
_CLAUSE_OPENERS = frozenset({":", "—", "–", "-", '"', "“", "‘", "'", "``"})
# Verbs of speech whose "to X" is whom it was said to ("said to the Vale Herald", "confirmed to
# the Herald"); not "admitted" ("admitted to hospital", "admitted to the theft").
_TO_HEARER = word_list(
    """say says said state states stated talk talks talked speak speaks spoke explain explains
    explained reply replies replied respond responds responded mention mentions mentioned
    remark remarks remarked comment comments commented confirm confirms confirmed announce
    announces announced reveal reveals revealed write writes wrote complain complains
    complained apologise apologises apologised apologize apologizes apologized"""
)
# Determiners that leave a plural generic ("some analysts"); "the", "these", "their" do not.
_QUANTIFIERS = frozenset({"some", "many", "several", "most", "few", "all", "any", "other"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# The entity types of someone who takes part (a country only as a partner: ``_entity_arguments``).
_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
# How a place name is part of a longer name after it ("St Vale's [Palace]", "Vale [County
# Jail]"), and the words that may stand between them.
_PART_OF_A_NAME = frozenset({"poss", "compound"})
_IN_A_NAME = frozenset({"NNP", "NNPS", "POS"})
# Prepositions of where something is or happens ("in Vale", "at Pier Road").
_AT = frozenset({"in", "at", "near", "outside", "inside", "throughout", "within"})
# Prepositions a place name after them locates the event with; the last six, along a path
# ("fell over the edge of Mount Vale", "sped down Route 9").
_LOCATIVE = _AT | frozenset(
    {"across", "around", "off"} | {"over", "down", "into", "onto", "through", "along"}
)
# Nouns of a journey: "to" after them locates the event on the way there ("told reporters en
# route to X", "spoke on her way to X"), by the preposition that holds the noun.
_PATH_NOUNS = frozenset({"route", "way"})
_HOPS = 4  # heads walked up from a place name to its preposition
# Place names "on" is locative for ("on Mount Vale", "on Pier Road"); not a country ("sanctions
# on Ruritania") and never a date ("on Monday").
_SITES = frozenset({"LOC", "FAC"})
# Prepositions whose "-ing" phrase happens at its verb's time ("died after falling").
_WHILE = frozenset({"after", "before", "while", "when", "upon", "on", "during", "since"})
# Words that open a clause happening at its head's time ("X left on Friday when Y arrived").
_AT_ONCE = frozenset({"when", "as", "while"})
# Verbs (as written) of a plan or a schedule: the happening their "to" clause tells is the
# event ("plans to rejoin the team this week", "is scheduled to resume Monday").
_PLANNING = frozenset(
    {"plan", "plans", "planned", "planning", "intend", "intends", "intended", "intending"}
    | {"scheduled", "expected", "due", "set", "slated", "poised"}
)
_WORD = re.compile(r"\w+")
# Pronouns that may stand for a name the sentence does not write ("I": the speaker; "it": a
# company named like a person).
_PERSONAL = word_list(
    """he him his himself she her hers herself they them their theirs i me my we us our
    it its"""
)
_ALONE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
Antecedent = Callable[["Token"], "str | None"]  # the name a pronoun subject stands for
# A verb's arguments that take part in what it says happened, besides its subject.
_OBJECTS = frozenset({"nsubjpass", "dobj", "dative"})
# Prepositions whose object takes part ("met with X", "a case against X", "was fired by X").
_PARTNERS = frozenset({"with", "against", "between", "among", "by"})
# Prepositions whose object, a person or a firm, gives what the verb's object names ("took a
# loan from X"); with no object the verb may tell a move ("fled from X"). Not "to": "took the
# man to X" names where he went, and the recogniser calls a hospital an organisation.
_RECIPIENTS = frozenset({"from"})
# Noun-phrase words kept before a common-noun subject ("the city council", "two climbers").
_MODIFIERS = frozenset({"compound", "amod", "nummod"})
# A common noun's words that may name who it is: its owner, a name before it or beside it.
_HOLDERS = frozenset({"poss", "compound", "appos", "nmod"})


def _tokens(doc: Doc, offset: int, start: int, end: int) -> list[Token]:
    """The tokens of the parsed sentence (at ``offset`` in the text) within [start, end)."""
    return [t for t in doc if start <= offset + t.idx < end]


def _root(tokens: list[Token]) -> Token:
    """The phrase's head: its first word whose head is outside it, or, when that one is an
    adjective, its last such noun ("US and [French] elections" hangs "French" from "US":
    "elections")."""
    inside = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    nouns = [t for t in tops if t.tag_.startswith("NN")]
    first = next(iter(tops), tokens[-1])
    return nouns[-1] if first.tag_ == "JJ" and nouns else first


def _is_class(tokens: list[Token], head: Token) -> bool:
    """A plural common noun, bare or quantified, with no name in it, holding a view: the
    subject of a verb of saying or thinking ("industry experts say", "some analysts believe")
    describes a class of people. Such a plural taking part in the happening ("guards were
    overpowered") is a group of participants and stays."""
    if head.tag_ != "NNS" or any(t.tag_ in _PROPER or t.ent_type_ in _NAMED for t in tokens):
        return False
    if head.dep_ != "nsubj" or head.head.lower_ not in REPORTING_VERBS:
        return False
    determiners = [c.lower_ for c in head.children if c.dep_ in {"det", "poss"}]
    return not determiners or determiners[0] in _QUANTIFIERS


def _a_verb(tokens: list[Token]) -> bool:
    """The actor as written is verbs only, in lower case, each used as a verb ("one person
    was arrested": not "arrested"). A name the parse calls a verb ("Lee" opening a sentence)
    stays, and so does a participle standing for people ("the accused", "two of the
    injured", "people injured in the blast": a noun's role, a determiner, a noun's
    modifier)."""
    return all(
        t.tag_.startswith("VB")
        and t.text.islower()
        and t.dep_ in _CLAUSAL
        and (t.dep_ != "conj" or t.head.tag_.startswith("VB"))
        and not any(c.dep_ == "det" for c in t.children)
        for t in tokens
    )


# The roles of a verb that tells a clause of its own ("was arrested", "smashed and looted"),
# not a participle standing for people ("the accused [nsubjpass]", "people injured [acl]").
_CLAUSAL = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "parataxis"})


def _placed(head: Token) -> bool:
    """A place name the sentence puts after "in", "at", "near" … ("riots in Vale", "will play
    at Portville", "marched in Vale and Eastport"): where the event happens, no party to it."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:  # "in Vale and [Eastport]"
        first = first.head
    at = first.dep_ == "pobj" and first.head.lower_ in _AT
    return head.ent_type_ in _PLACES and at


def _a_thing(text: str, actor: str, tokens: list[Token], head: Token) -> bool:
    """``actor``, written as ``tokens``, is a common noun with no name in it but an adjective's
    ("European elections"; nor in the text: "Luck" opening a sentence is a name the text
    writes mid-sentence) that WordNet knows only as a thing (``nouns``): any thing acted upon
    or where the event happens ("attacked a police station", "stores were looted", "was
    booked into jail"); in another role ("the elections were a sham", "according to state
    radio") only a happening, a state, … not a building or a paper that may stand for the
    firm or the newsroom in it ("the store said"), or a noun whose first sense is a happening
    ("the riot"). A thing with people in it stays ("dozens of people"). A first word tagged a
    name for its capital alone (``_opening_capital``: "Riot breaks out") is such a noun only
    when its first sense is a happening: it may be a firm's name ("Acme said")."""
    adjective = {t.i for t in tokens if t.dep_ == "amod" or _of_a_people(t)}  # "French"
    named = [t for t in tokens if t.i not in adjective and not _opening_capital(t)]
    nouns = " ".join(t.text for t in tokens if not _of_a_people(t))  # "a Corvexa store": a name
    if not (head.tag_ in _COMMON or _opening_capital(head)) or any(map(_name_like, named)):
        return False  # "Dutch and French elections": an adjective names no party
    if any(_party(o) for c in head.children if c.lower_ == "of" for o in c.children):
        return False
    modifiers = [t.text for t in head.lefts if t.dep_ == "compound"]
    found = noun(" ".join([*modifiers, head.text])) if modifiers else None
    found = found or noun(head.text)
    if found is None or found.party:
        return False
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:  # "a police station and [stores]"
        first = first.head
    happening = bool(found.first) and found.first <= _HAPPENING_SENSES  # "the riot", first
    if _opening_capital(head):  # maybe a firm's name: "Acme said" stays
        return happening and not holds_name(text, nouns)
    thing = _undergone(first) or found.only_things or happening
    return thing and not holds_name(text, nouns)  # last: it reads the whole text


def _of_a_people(token: Token) -> bool:
    """An adjective of a nation or a people, however the parse hangs it ("US and French
    elections": a conjunct of "US")."""
    return token.tag_ == "JJ" and token.ent_type_ == "NORP"


def _opening_capital(token: Token) -> bool:
    """The first word of the sentence or of a clause after a colon, a dash or a quotation mark,
    tagged a proper noun maybe for its capital alone: of no type of name, or a person's ("Riot
    breaks out in Vale" is one to the recogniser; a person is named in full first, so
    ``holds_name`` finds the name written mid-sentence elsewhere)."""
    opens = token.i == token.sent.start or token.nbor(-1).text in _CLAUSE_OPENERS
    return opens and token.tag_ in _PROPER and token.ent_type_ in {"", "PERSON"}


def _undergone(word: Token) -> bool:
    """``word`` is acted upon, or where the event happens (``_UNDERGONE``)."""
    if word.dep_ in _UNDERGONE:
        return word.head.lower_ not in _TELLING
    return word.dep_ == "pobj" and word.head.lower_ in _LOCATIVE | {"from"}


def _name_like(token: Token) -> bool:
    """A name by its tag, its type, or its capital within the sentence ("the Sixers")."""
    return _named(token) or (token.i > token.sent.start and token.text[:1].isupper())


def _party(token: Token) -> bool:
    found = noun(token.text) if token.tag_ in _COMMON else None
    return found is not None and found.party


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def same_entity(a: str, b: str) -> bool:
    """The words of one name are all words of the other, the last one too ("Lee", "Minister
    Lee" and "Minister Ann Lee")."""
    x, y = _words(a), _words(b)
    if not x or not y or x[-1] != y[-1]:
        return False
    return set(x) <= set(y) or set(y) <= set(x)


def sentence_actors(
    text: str,
    sentence: tuple[int, int],
    doc: Doc,
    verb: Token | None,
    actors: Sequence[str],
    tells: bool = True,
) -> list[str]:
    """The event's actors after the parse of its ``sentence`` (``doc``; ``verb``: the
    trigger's verb there): see the module docstring. ``tells``: the answer's description tells
    that sentence, so an actor it does not write nor refer to is a guess (not when a small
    model gave one description again for the sentences after the one it tells)."""
    kept: list[str] = []
    for actor in actors:
        span = within(text, actor, sentence)
        tokens = [] if span is None else _tokens(doc, sentence[0], span.start, span.end)
        if span is None and tells and _unreferred(text, actor, doc):
            continue
        if span is None or not tokens:
            kept.append(actor)
            continue
        head = _root(tokens)
        if _is_class(tokens, head) or _placed(head) or _a_verb(tokens):
            continue
        written = tokens[-1].idx + len(tokens[-1]) <= span.end - sentence[0]  # "robber[y]": no
        if written and _a_thing(text, actor, tokens, head):
            continue
        full = full_name(head) if head.tag_ in _PROPER else actor
        longer = len(full) > len(actor) and actor.casefold() in full.casefold()
        name = full if longer else actor
        if name.casefold() not in {k.casefold() for k in kept}:  # "Lee" and "Ann Lee": once
            kept.append(name)
    agent = None if verb is None else subject_name(verb)
    if agent is not None and not _thing_named(text, sentence, doc, agent):
        first = next((a for a in kept if same_entity(a, agent)), None)
        kept = [first or agent, *(a for a in kept if a is not first)]
    reporter = None if verb is None else _reporter(verb)
    if reporter is not None:  # "X met Y, Z said": Z told of it, and took no part
        kept = [a for a in kept if not same_entity(a, reporter)]
    kept = [a for a in kept if not _title_of_another(text, sentence, doc, a, kept)]
    return fullest(kept + _entity_arguments(verb, kept))


def _thing_named(text: str, sentence: tuple[int, int], doc: Doc, name: str) -> bool:
    """The subject ``name`` is a thing to ``_a_thing`` where ``sentence`` writes it ("Riot
    breaks out")."""
    span = within(text, name, sentence)
    tokens = [] if span is None else _tokens(doc, sentence[0], span.start, span.end)
    return bool(tokens) and _a_thing(text, name, tokens, _root(tokens))


def _title_of_another(
    text: str, sentence: tuple[int, int], doc: Doc, actor: str, kept: Sequence[str]
) -> bool:
    """``sentence`` writes ``actor`` only in the title of persons who are actors too ("Acme"
    of "Acme chief Ann Lee said": Ann Lee speaks, Acme is what she is; as "Vale" of "Vale
    Gov. Ann Lee" is no place). A country stays a party ("US" of "US President Ann Lee")."""
    span = within(text, actor, sentence)
    tokens = [] if span is None else _tokens(doc, sentence[0], span.start, span.end)
    if set(_words(actor)) & COUNTRY_TITLE_WORDS or any(t.ent_type_ in _LANDS for t in tokens):
        return False
    persons = _titled(text, sentence, doc, actor)
    names = [full_name(person) for person in persons]
    others = [a for a in kept if a != actor]
    return bool(names) and all(any(same_entity(n, a) for a in others) for n in names)


def _unreferred(text: str, actor: str, doc: Doc) -> bool:
    """``actor``, a person the sentence (``doc``) does not write, is not referred to there
    either: no word of the sentence may stand for a person it does not name ("Mac sales rose
    22%" of Ann Lee; not "he said", "the bank chief said", "a man was arrested")."""
    words = set(_WORD.findall(actor))
    if not words or gender_of(actor, text) is None:  # a person, by a given name or a title
        return False
    if any(t.text in words and t.text[:1].isupper() for t in doc):
        return False  # the sentence writes a word of the name: "Lee" for "Ann Lee"
    return not any(_may_stand_for_someone(t) for t in doc)


def _may_stand_for_someone(token: Token) -> bool:
    """A pronoun ("he", "their", "it"; a determiner standing alone: "both were fined"), or a
    common noun whose first sense WordNet files under persons or groups ("the bank chief",
    "a man", "customers", "the firm"; not "plants", whose first sense is a factory)."""
    if token.lower_ in _PERSONAL or (token.tag_ == "DT" and token.dep_ in _ALONE):
        return True
    found = noun(token.text) if token.tag_ in _COMMON else None
    return found is not None and found.someone


def _reporter(verb: Token) -> str | None:
    """Who reports the happening ``verb`` tells, when the report's clause names its own doer:
    the subject of the verb of speech whose reported clause holds ``verb`` ("Ann Lee met Tom
    Berg, the ministry said": the ministry), when that clause's subject holds a name of
    someone else and ``verb`` is no passive (the reporter may have done what "was arrested"
    tells: "X was arrested, police said"), but for one whose "to" clause tells what its
    subject does ("X is scheduled to meet Y, the ministry said")."""
    top = verb
    while top.dep_ in {"xcomp", "conj"} and top.head.i != top.i:  # "is scheduled to [meet]"
        top = top.head
    if top.dep_ != "ccomp" or top.head.lower_ not in REPORTING_VERBS:
        return None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive and not any(c.dep_ == "xcomp" for c in verb.children):  # "is due to [meet]"
        return None
    doers = [c for c in top.children if c.dep_ in {"nsubj", "nsubjpass"}]
    reporters = [c for c in top.head.children if c.dep_ == "nsubj"]
    if not doers or not reporters or not any(map(_someone, doers[0].subtree)):
        return None
    doer, reporter = (top.doc[t.left_edge.i : t.i + 1].text for t in (doers[0], reporters[0]))
    return None if same_entity(doer, reporter) else reporter


def _someone(token: Token) -> bool:
    return token.ent_type_ in _ENTITIES | {"GPE"}


def fullest(actors: list[str]) -> list[str]:
    """Each party once, by its fullest mention, where the first of its mentions stood:
    "Mattis" and "Defense Secretary Jim Mattis" are one actor, and so are a title alone and
    the name it is a title of ("President" and "President Ann Lee")."""
    found: list[str] = []
    for actor in actors:
        fuller = max((a for a in actors if _within_name(actor, a)), key=len, default=actor)
        if fuller not in found:
            found.append(fuller)
    return found


def _within_name(short: str, name: str) -> bool:
    """``short`` is a shorter mention of the party ``name`` names (``same_entity``), or a
    title alone among its words (a country's, "US" in "US President Ann Lee", is a party)."""
    if len(short) >= len(name):
        return False
    words = set(_words(short))
    title = not names_someone(short) and not words & COUNTRY_TITLE_WORDS
    return (title and words <= set(_words(name))) or same_entity(short, name)


def _entity_arguments(verb: Token | None, kept: Sequence[str]) -> list[str]:
    """The names ``verb`` takes as object or partner (``_arguments``: "hired X", "succeeds X",
    "talks with X") that the recogniser calls a person, an organisation or a nationality, or
    a country as a partner ("talks with X", not "visited X": a place), and that ``kept`` does
    not name yet."""
    if verb is None:
        return []
    added: list[str] = []
    transfer = any(c.dep_ == "dobj" for c in verb.children)  # "took [a loan] from X"
    given = [
        g
        for c in verb.children
        if c.lower_ == "before" or (transfer and c.lower_ in _RECIPIENTS)
        for g in c.children
    ]
    recipients = [g for g in given if g.dep_ == "pobj"]
    for head in _arguments(verb) + recipients:
        partner = head.dep_ == "pobj" and head not in recipients  # "from X" may name a place
        for token in (head, *head.conjuncts):
            if token.tag_ not in _PROPER:
                continue
            if token.ent_type_ not in _ENTITIES and not (partner and token.ent_type_ == "GPE"):
                continue
            name = full_name(token)
            if not any(_one_of(name, k) for k in (*kept, *added)):
                added.append(name)
    return added


def _one_of(name: str, actor: str) -> bool:
    """Whether ``name`` names ``actor``: the same entity, or its name cut at "of" as the parse
    cuts it ("Bureau" of "Bureau of Fisheries"; but "Senate" is not "Senate leader X")."""
    return same_entity(name, actor) or actor.casefold().startswith(name.casefold() + " of ")


def _named(token: Token) -> bool:
    return token.tag_ in _PROPER or token.ent_type_ in _NAMED


def noun_phrase(head: Token) -> str:
    """A common noun with the words that name its kind before it ("city council")."""
    words = [c for c in head.lefts if c.dep_ in _MODIFIERS] + [head]
    return head.doc[words[0].i : head.i + 1].text


def _names(head: Token) -> list[str]:
    """The names a phrase gives: its head's full name, else the names its common noun holds
    (``_HOLDERS``: "Acme's sales", "NATO generals", "the officer, Tom Berg"), each with the
    names joined to it by "and"."""
    if _named(head):
        return [full_name(head)]
    held = [c for c in head.children if c.dep_ in _HOLDERS and _named(c)]
    return [full_name(t) for c in held for t in (c, *c.conjuncts) if _named(t)]


def _arguments(word: Token) -> list[Token]:
    """The heads of the phrases that take part in ``word``'s happening, besides its subject:
    see the module docstring."""
    found = []
    for child in word.children:
        if child.dep_ in _OBJECTS or (child.dep_ == "poss" and not word.tag_.startswith("VB")):
            found.append(child)
        noun_of = child.lower_ == "of" and not word.tag_.startswith("VB")  # "the arrest of X"
        if child.dep_ in {"prep", "agent"} and (child.lower_ in _PARTNERS or noun_of):
            found.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "dobj":  # "signed a treaty with X"
            found.extend(_arguments_of_object(child))
        elif child.dep_ == "xcomp":  # "agreed to meet X", "is due to sign with X"
            found.extend(_arguments(child))
    return found


def _arguments_of_object(noun: Token) -> list[Token]:
    partners = (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _PARTNERS)
    return [g for p in partners for g in p.children if g.dep_ == "pobj"]


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``; for a verb with none, the subject of the verb it hangs from
    (see ``_controlled``: "X is due to meet", "X arrived and met", "after meeting Y, X
    left"); for a relative pronoun ("the man who fled"), the noun the clause is about; for
    a past participle on a noun, that noun ("a man held by police"); for
    "according to X", X."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        return relative_antecedent(subjects[0])
    if verb.lower_ == "according":
        return according_to(verb)
    if verb.dep_ in {"acl", "relcl"} and verb.head.tag_.startswith("NN"):
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a man held by police": the man
            return verb.head
        noun = verb.head  # "X issued a patch to fix Y": the purpose of the verb of its object
        infinitive = {c.lower_ for c in verb.children if c.dep_ == "aux"} == {"to"}
        if infinitive and noun.dep_ == "dobj" and noun.head.tag_.startswith("VB"):
            return _subject(noun.head)
    token = verb
    while token.head.i != token.i and _controlled(token):
        token = token.head if token.dep_ != "pcomp" else token.head.head
        found = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if found is not None:
            return relative_antecedent(found)
    return None


def _controlled(verb: Token) -> bool:
    """``verb`` has no subject of its own and does what its head's subject does."""
    if verb.dep_ in {"xcomp", "acomp", "conj"}:
        return True
    if verb.dep_ == "pcomp":  # "[X left] after [meeting] Y"
        return verb.head.dep_ == "prep" and verb.head.head.tag_.startswith("VB")
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    participle = verb.tag_ in {"VBG", "VBN"} and not auxiliaries  # "[Meeting] Y, X said"
    infinitive = verb.tag_ == "VB" and auxiliaries == {"to"}  # "X left [to meet] Y"
    return verb.dep_ == "advcl" and (participle or infinitive)


def _subjects(verb: Token, antecedent: Antecedent) -> list[str]:
    """Who does what ``verb`` says: its subject's (or agent's) name, the name a pronoun
    subject stands for (``antecedent``), the names a common noun holds, or that noun when it
    is no class; then the names joined to the subject by "and"."""
    agent = subject_name(verb)
    head = _subject(verb)
    if head is None:
        return [agent] if agent else []
    if agent is not None:
        found = [agent]
    elif head.lower_ in PRONOUNS:
        found = [n for n in [antecedent(head)] if n]
    else:
        found = _names(head)
        if not found and head.tag_ in {"NN", "NNS"} and not _is_class(list(head.subtree), head):
            found = [noun_phrase(head)]
    return found + [full_name(o) for o in head.conjuncts if _named(o)]


def _nobody(pronoun: Token) -> str | None:
    return None


def sentence_participants(trigger: Token | None, antecedent: Antecedent = _nobody) -> list[str]:
    """The actors the parse gives a trigger (its verb, else the word the model named) when
    the model names none: see the module docstring. ``antecedent``: the name a pronoun
    stands for."""
    if trigger is None:
        return []
    names = _subjects(trigger, antecedent) if trigger.tag_.startswith("VB") else []
    for head in _arguments(trigger):
        names.extend(n for t in (head, *head.conjuncts) for n in _names(t))
    verb = None if names or trigger.tag_.startswith("VB") else _clause_of(trigger)
    if verb is not None:  # "X launched the attack", "X voted in an election"
        names = _subjects(verb, antecedent)
    found: list[str] = []
    for name in names:
        if not any(same_entity(name, f) for f in found):
            found.append(name)
    return found


def _clause_of(noun: Token) -> Token | None:
    """The verb whose object ``noun`` is, directly or through a preposition ("launched the
    attack", "voted in the election"); None for a subject or a noun deeper down."""
    token = noun
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head
    elif token.dep_ != "dobj":
        return None
    return token.head if token.head.tag_.startswith("VB") else None


def _preposition(entity: Span) -> Token | None:
    """The locative preposition a place name hangs from, through "of" and nouns; none
    through a person's name ("at US Trade Secretary Ann Lee": a title, not a place)."""
    token = entity.root
    for _ in range(_HOPS):
        head = token.head
        if head.i == token.i or head.tag_.startswith("VB") or head.ent_type_ == "PERSON":
            return None
        if head.dep_ == "prep" or head.tag_ == "IN":
            if head.lower_ in _LOCATIVE or (head.lower_ == "on" and entity.label_ in _SITES):
                return head
            if head.lower_ == "to" and _on_the_way(head):
                return head.head.head
            if head.lower_ != "of":
                return None
        token = head
    return None


def _on_the_way(to: Token) -> bool:
    """Whether ``to`` follows a noun of a journey held by a preposition ("en route to",
    "on her way to")."""
    path = to.head
    return path.lower_ in _PATH_NOUNS and path.dep_ == "pobj" and path.head.dep_ == "prep"


def _within(entity: Span, start: int, end: int) -> bool:
    """The name lies inside the longer mention at [start, end) of the parsed sentence."""
    inside = start <= entity.start_char and entity.end_char <= end
    return inside and end - start > entity.end_char - entity.start_char


def sentence_place(
    text: str,
    sentence: tuple[int, int],
    doc: Doc,
    verb: Token | None,
    place: str | None,
    actors: Sequence[str] = (),
) -> str | None:
    """The event's place after the parse of its ``sentence``: see the module docstring. A
    place name inside one of the ``actors`` ("the Bank of Ruritania") is not the place."""
    start = sentence[0]
    if place is not None and within(text, place, sentence):
        if not _titles_only(text, sentence, doc, place) and not _addressed(
            text, sentence, doc, place
        ):
            return place
        place = None  # "Alaska" of "Alaska Gov. Ann Lee", "told the Herald": no place
    spans = [within(text, a, sentence) for a in actors]
    taken = [(s.start - start, s.end - start) for s in spans if s is not None]
    found = [
        (e, p)
        for e in doc.ents
        if e.label_ in _PLACES and not any(_within(e, a, b) for a, b in taken)
        for p in [_preposition(e)]
        if p
    ]
    if verb is not None and verb.lower_ in REPORTING_VERBS:  # where it was said, not what
        found = [(e, p) for e, p in found if _where_said(p, verb)]
    if not found:
        return place
    attached = [e for e, p in found if verb is not None and p.head.i == verb.i]
    under = [e for e, p in found if verb is not None and verb in p.ancestors]
    return whole_place((attached or under or [found[0][0]])[0])


def whole_place(entity: Span) -> str:
    """The place name with the proper noun it is the first part of ("St Vale's Palace" where
    the recogniser found "St Vale's", "Vale's Far East"): while the name qualifies a proper
    noun after it that the recogniser calls a place or nothing (not "Vale's Labour Party"),
    through capitalised words and "of" ("Vale's Isle of Ark"), that noun's phrase is the
    place."""
    doc, end, token = entity.doc, entity.end, entity.root
    while token.dep_ in _PART_OF_A_NAME and _a_place_word(token.head, end):
        head = token.head
        if any(t.tag_ not in _IN_A_NAME for t in doc[end : head.i]):
            break
        end, phrase = head.i + 1, {t.i for t in head.subtree}
        while end in phrase and (doc[end].tag_ in _PROPER or _of_a_name(doc, end, phrase)):
            end += 1 if doc[end].tag_ in _PROPER else 2
        token = head
    return doc[entity.start : end].text if end > entity.end else entity.text


def _a_place_word(token: Token, end: int) -> bool:
    """A proper noun at or after ``end`` that is no name but a place's."""
    return token.i >= end and token.tag_ in _PROPER and token.ent_type_ in _PLACES | {""}


def _of_a_name(doc: Doc, at: int, phrase: set[int]) -> bool:
    """ "of" followed by a capitalised word of the same ``phrase`` ("House [of] Lords")."""
    return doc[at].lower_ == "of" and at + 1 in phrase and doc[at + 1].tag_ in _PROPER


def _addressed(text: str, sentence: tuple[int, int], doc: Doc, name: str) -> bool:
    """Every time ``sentence`` writes ``name`` it is whom a verb of speech addresses: the
    object of "told", "informed" … ("told the Vale Herald"), or after "to" ("said to the
    Herald", "confirmed to the Herald")."""
    heads = _writings(text, sentence, doc, name)
    return bool(heads) and all(h is not None and _addressee(h) for h in heads)


def _writings(text: str, sentence: tuple[int, int], doc: Doc, name: str) -> list[Token | None]:
    """The head word of each writing of ``name`` in ``sentence`` (None where the parse has no
    word there)."""
    written = text[sentence[0] : sentence[1]]
    spans = [_tokens(doc, 0, m.start(), m.end()) for m in re.finditer(re.escape(name), written)]
    return [_root(tokens) if tokens else None for tokens in spans]


def _addressee(word: Token) -> bool:
    if word.dep_ in {"dobj", "dative"}:
        return word.head.lower_ in _TELLING
    if word.dep_ == "pobj" and word.head.lower_ == "to":
        return word.head.head.lower_ in _TELLING | _TO_HEARER
    return False


def _titles_only(text: str, sentence: tuple[int, int], doc: Doc, name: str) -> bool:
    """Every time ``sentence`` writes ``name`` it is in a person's title ("Alaska Gov. Ann
    Lee", "US Defense Secretary Tom Berg"): it leads up through a title word to a person's
    name ("Eastport Sam's Club" leads to no title: a store in Eastport)."""
    return bool(_titled(text, sentence, doc, name))


def _titled(text: str, sentence: tuple[int, int], doc: Doc, name: str) -> list[Token]:
    """The persons ``name`` is in the title of, each time ``sentence`` writes it ("Acme" of
    "Acme chief Ann Lee": "Lee"); none when one writing of it is in no person's title."""
    persons: list[Token] = []
    for head in _writings(text, sentence, doc, name):
        if head is None:
            return []
        token, titled = head, False
        while not (titled and token.ent_type_ == "PERSON"):
            if token.dep_ not in _TITLE_LINKS or token.head.i == token.i:
                return []
            token = token.head
            titled = titled or token.lower_.rstrip(".") in TITLE_WORDS
        persons.append(token)
    return persons


# WordNet's classes of a noun for a happening or a time ("race", "election", "season").
_HAPPENING_SENSES = frozenset(
    {"noun.act", "noun.event", "noun.phenomenon", "noun.process", "noun.time"}
)
# How a number qualifies the noun after it ("a 2013 sedan").
_QUALIFIES = frozenset({"nummod", "compound", "amod", "nmod"})
_BEFORE_A_THING = frozenset({"DT", "PRP$", "POS", "JJ"})  # "his gray [2013] sedan"
# A country or a people: a party, even in a person's title ("US President Ann Lee").
_LANDS = frozenset({"GPE", "NORP"})
# How a place word leads up to the person it titles ("Vale Gov. Ann Lee", "Ann Lee, Vale's
# Governor").
_TITLE_LINKS = frozenset({"compound", "amod", "nmod", "poss", "appos"})
# How a clause reported by a speech verb hangs from it ("said that X happened in Y").
_REPORTED = {"ccomp", "parataxis", "xcomp"}


def _where_said(preposition: Token, verb: Token) -> bool:
    """A place's ``preposition`` tells where ``verb`` was said: it hangs from the verb,
    directly or through locative phrases ("said at a news conference in Oslo") or a participle
    setting the scene ("Speaking in Oslo, she said …"), neither in
    the clause it reports ("said that the plant in Lisbon would close") nor in a phrase of
    its topic ("Of the plants in Lisbon, she said …")."""
    token = preposition
    while token.head.i != token.i:
        head = token.head
        if head.i == verb.i:
            return token.dep_ not in _REPORTED
        setting = head.dep_ == "advcl" and head.tag_ in {"VBG", "VBN"}  # "Speaking in Oslo, …"
        if head.tag_.startswith("VB") and not setting:
            return False
        if head.dep_ == "prep" and head.lower_ not in _LOCATIVE:
            return False
        token = head
    return False


def _verb_above(token: Token) -> Token | None:
    """The nearest verb among ``token``'s heads (auxiliaries aside)."""
    while token.head.i != token.i:
        token = token.head
        if token.tag_.startswith("VB") and token.dep_ not in {"aux", "auxpass"}:
            return token
    return None


def sentence_date(
    text: str, sentence: tuple[int, int], doc: Doc, verb: Token | None, rewritten: bool = False
) -> str | None:
    """The first date expression of ``sentence`` attached to the trigger ``verb`` in its parse
    (``doc``): see the module docstring. ``rewritten``: the model gave a date the text does
    not write; then the sentence's only date expression, in any clause."""
    if verb is None:
        return None
    governing = {v.i for v in _sharing_time(verb)}
    mentions = find_mentions(text[sentence[0] : sentence[1]])
    for mention in mentions:
        tokens = [t for t in doc if mention.start <= t.idx < mention.end]
        if _a_things_year(tokens):
            continue
        above = _verb_above(_root(tokens)) if tokens else None
        if above is not None and above.i in governing:
            return mention.text
        # a verb under the trigger, at its time: "stopped Y to keep the title on Saturday"
        if above is not None and verb.i in {v.i for v in _sharing_time(above)}:
            return mention.text
        if above is not None and _planned(verb, above):
            return mention.text
        if rewritten and len(mentions) == 1 and above is not None and _same_doer(verb, above):
            return mention.text
    return None


def _a_things_year(tokens: Sequence[Token]) -> bool:
    """A year alone, written before a noun for a thing that it qualifies ("his 2013 sedan",
    "a 2007 Corvexa"): the thing's year, not when the happening was. Before a happening
    ("the 2008 race": WordNet's first sense an act or an event) it may be. The parse says it
    qualifies the noun, or the words do: the year stands between a determiner, possessive or
    adjective and the noun ("his gray 2013 Corvexa", which the parse may read as "with 2013")."""
    if len(tokens) != 1 or not tokens[0].like_num:
        return False
    year = tokens[0]
    head = year.head if year.dep_ in _QUALIFIES else _noun_after(year)
    if head is None or not head.tag_.startswith("NN"):
        return False
    found = noun(head.text) if head.tag_ in _COMMON else None
    return found is None or not found.first & _HAPPENING_SENSES


def _noun_after(year: Token) -> Token | None:
    """The noun written right after ``year`` when a determiner, possessive or adjective comes
    right before it; else None."""
    doc = year.doc
    if year.i == 0 or year.i + 1 >= len(doc) or doc[year.i - 1].tag_ not in _BEFORE_A_THING:
        return None
    after = doc[year.i + 1]
    return after if after.tag_.startswith("NN") else None


def _planned(verb: Token, below: Token) -> bool:
    """``below`` is the happening the trigger ``verb`` plans or schedules: its "to" clause
    ("plans to [rejoin] the team this week", "is scheduled to [resume] Monday")."""
    return below.dep_ == "xcomp" and below.head.i == verb.i and verb.lower_ in _PLANNING


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _same_doer(verb: Token, below: Token) -> bool:
    """``below`` is ``verb`` or a verb under it with no subject of its own ("X stopped Y to
    keep the title on Saturday": "keep" is X's doing too)."""
    token = below
    while token.i != verb.i:
        if _has_subject(token):
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return True


def _shares_time(token: Token) -> bool:
    """Whether ``token`` happens at its head's time: a conjunct with no subject of its own
    ("slipped and fell", not "X filed on Monday, but a deal went through"), the "-ing" of an
    "after" phrase, or that phrase's preposition on its verb."""
    if token.dep_ == "conj":
        return not _has_subject(token)
    if token.dep_ == "pcomp":  # "after [falling]"
        return token.head.lower_ in _WHILE
    if token.dep_ == "prep":  # "[died] after"
        return token.lower_ in _WHILE and token.head.tag_.startswith("VB")
    if token.dep_ == "advcl":  # "X was leaving on Friday [when] she was hit"
        at_once = any(c.dep_ in {"mark", "advmod"} and c.lower_ in _AT_ONCE for c in token.children)
        return at_once or _controlled(token)  # "X scored on Friday to [break] the record"
    return False


def _sharing_time(verb: Token) -> list[Token]:
    """``verb`` and the verbs whose time it shares: the verb it is coordinated with ("slipped
    and fell") and the verb whose "after"/"before"/"while" phrase it heads ("died after
    falling"), up the parse; not the verb of a clause it is the object or complement of."""
    found = [verb]
    token = verb
    while token.head.i != token.i and _shares_time(token):
        token = token.head
        if token.tag_.startswith("VB"):
            found.append(token)
    return found
