"""The linker's rules as data: word tables for names and kinds of action, and the numbers.

English only. Examples in comments are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.text.lexicon import TITLE_WORDS, word_list

# Words before a name that say what someone is, not who: the shared table.
TITLES = TITLE_WORDS
# Name endings that are no part of the surname ("Ann Lee Jr.").
SUFFIXES = word_list("jr sr ii iii iv phd md")
# Nicknames and short forms -> the given name they stand for (lower case).
NICKNAMES: dict[str, str] = {
    "jim": "james",
    "jimmy": "james",
    "jamie": "james",
    "bill": "william",
    "billy": "william",
    "will": "william",
    "willy": "william",
    "bob": "robert",
    "bobby": "robert",
    "rob": "robert",
    "robbie": "robert",
    "dick": "richard",
    "rick": "richard",
    "rich": "richard",
    "ricky": "richard",
    "mike": "michael",
    "mick": "michael",
    "mikey": "michael",
    "tom": "thomas",
    "tommy": "thomas",
    "joe": "joseph",
    "joey": "joseph",
    "dave": "david",
    "davy": "david",
    "dan": "daniel",
    "danny": "daniel",
    "chris": "christopher",
    "kit": "christopher",
    "steve": "steven",
    "stephen": "steven",
    "tony": "anthony",
    "andy": "andrew",
    "drew": "andrew",
    "ed": "edward",
    "eddie": "edward",
    "ted": "edward",
    "ned": "edward",
    "fred": "frederick",
    "freddie": "frederick",
    "greg": "gregory",
    "jeff": "jeffrey",
    "jerry": "gerald",
    "ken": "kenneth",
    "kenny": "kenneth",
    "larry": "lawrence",
    "matt": "matthew",
    "nick": "nicholas",
    "pat": "patrick",
    "pete": "peter",
    "ron": "ronald",
    "ronnie": "ronald",
    "sam": "samuel",
    "tim": "timothy",
    "alex": "alexander",
    "al": "albert",
    "ben": "benjamin",
    "charlie": "charles",
    "chuck": "charles",
    "hank": "henry",
    "harry": "henry",
    "jack": "john",
    "johnny": "john",
    "jon": "jonathan",
    "don": "donald",
    "doug": "douglas",
    "frank": "francis",
    "gene": "eugene",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "kate": "katherine",
    "katie": "katherine",
    "cathy": "katherine",
    "kathy": "katherine",
    "jenny": "jennifer",
    "jen": "jennifer",
    "meg": "margaret",
    "maggie": "margaret",
    "peggy": "margaret",
    "sue": "susan",
    "susie": "susan",
    "vicky": "victoria",
    "becky": "rebecca",
    "debbie": "deborah",
    "patty": "patricia",
    "trish": "patricia",
    "sandy": "sandra",
    "mandy": "amanda",
    "abby": "abigail",
    "nancy": "ann",
    "annie": "ann",
}
# Actors that name a kind of party rather than one party: no evidence that two events are one.
GENERIC_ACTORS = word_list(
    """police officials authorities government reporters witnesses people residents
    investigators officers experts analysts sources spokesman spokeswoman company team fans
    industry critics scientists doctors journalists media troops forces army"""
)
# Kinds of action, each with the word beginnings that name it in a description. An event may
# be of several kinds; an event naming none is of any kind. Speech is left out: a statement
# goes with whatever happening it is about.
ACTION_KINDS: dict[str, tuple[str, ...]] = {
    "arrest": ("arrest", "detain", "custody", "apprehend", "handcuff"),
    "charge": ("charge", "indict", "accuse", "sue", "lawsuit", "plead"),
    "trial": ("trial", "convict", "sentence", "acquit", "jail", "prison", "verdict", "testif"),
    "killing": ("kill", "murder", "shot", "shoot", "stab", "slain", "slay", "gunm"),
    "death": ("die", "dead", "death", "pass away", "passed away", "funeral"),
    "injury": ("injur", "wound", "hurt", "hospital"),
    "attack": ("attack", "bomb", "strike", "raid", "assault", "explo", "blast", "invad"),
    "disaster": (
        "quake",
        "earthquake",
        "tremor",
        "flood",
        "storm",
        "hurricane",
        "tsunami",
        "wildfire",
        "fire",
        "blaze",
        "eruption",
        "erupt",
    ),
    "crash": ("crash", "collid", "collision", "derail", "sank", "sink", "capsiz"),
    "treatment": ("rehab", "treatment", "clinic", "check into", "checked into", "enter"),
    "deal": (
        "acquir",
        "buy",
        "bought",
        "purchas",
        "merge",
        "merger",
        "takeover",
        "deal",
        "sell",
        "sold",
        "bid",
    ),
    "appointment": (
        "appoint",
        "hire",
        "name",
        "nominat",
        "elect",
        "promot",
        "succeed",
        "replace",
        "sign",
    ),
    "departure": (
        "resign",
        "quit",
        "fire",
        "sack",
        "dismiss",
        "step down",
        "stepped down",
        "retire",
        "leave",
        "left",
        "oust",
    ),
    "launch": ("launch", "unveil", "releas", "introduc", "present", "announc", "debut"),
    "meeting": ("meet", "met ", "talks", "summit", "conference", "visit", "gather"),
    "contest": ("win", "won", "beat", "defeat", "victory", "lose", "lost", "champion", "final"),
    "award": ("award", "prize", "honou", "honor", "medal"),
    "layoff": ("layoff", "lay off", "laid off", "cut", "job"),
}


# Words in a row two quotes must share to be one statement quoted by two outlets (a quote of
# fewer words than ``Rules.quote_words`` counts not at all).
QUOTE_RUN = 6
# Letters of a word that stand for it when descriptions are compared ("elected", "elections").
STEM = 5
# Raised whenever the linker decides differently with the same rules and facts: a run linked
# by another revision is linked again even when none of its files changed.
REVISION = 3


@dataclass(frozen=True)
class Rules:
    """What the linker weighs, and how much. The defaults are the measured choice
    (docs/BENCHMARKS.md, *Stories*); the switches let the benchmark measure each signal."""

    use_dates: bool = True
    use_places: bool = True
    # Two places with no word in common keep events apart. Off: the places outlets give one
    # happening differ too often (a city and its district, where a climber is from and where
    # he fell), measured in docs/BENCHMARKS.md (*Stories*).
    place_veto: bool = False
    use_quotes: bool = True
    use_kinds: bool = True
    use_words: bool = True
    complete_names: bool = True  # "Mr Lee" is the "Ann Lee" its article names
    block_places: bool = True  # events sharing a place's word are compared too
    # Evidence a pair needs to be linked: one full name shared ("Ann Lee" in both) is 1.0.
    threshold: float = 1.0
    full_name: float = 1.0  # first name and surname, in both
    surname: float = 0.6  # a surname alone on one side ("Lee" and "Ann Lee")
    single: float = 0.5  # a one-word name in both ("Acme")
    quote: float = 1.0  # the same verbatim quote
    place: float = 0.3  # the same place named
    same_day: float = 0.3  # the same resolved day
    words: float = 1.0  # times the likeness of the descriptions' words (0 to 1)
    # Dates: resolved dates (or, without one, the publication date) of the same story lie at
    # most this many days apart; a whole story spans at most ``story_days``.
    date_slack_days: int = 3
    story_days: int = 14
    # An event with no date of its own happened at most this many days before its article.
    published_before_days: int = 7
    # A name shared by more events than this blocks nothing (too common to tell stories apart).
    max_block: int = 400
    # A quote of fewer words is no evidence ("no comment").
    quote_words: int = 4


DEFAULT_RULES = Rules()
