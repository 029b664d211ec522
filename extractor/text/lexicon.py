"""Word lists as data: months, weekdays, pronouns, the small words inside names, stop words,
placeholders. Lower case; callers compare case-folded words."""

from __future__ import annotations


def word_list(words: str) -> frozenset[str]:
    """The words of a list written as one string, split on whitespace ("is are was")."""
    return frozenset(words.split())


# Each month's name, then the short forms a text writes for it.
_MONTH_FORMS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
# Each weekday's name, then its short forms; Monday first.
_WEEKDAY_FORMS: tuple[tuple[str, ...], ...] = (
    ("monday", "mon"),
    ("tuesday", "tues", "tue"),
    ("wednesday", "wed"),
    ("thursday", "thurs", "thur", "thu"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
)

MONTH_NAMES: tuple[str, ...] = tuple(forms[0] for forms in _MONTH_FORMS)
WEEKDAY_NAMES: tuple[str, ...] = tuple(forms[0] for forms in _WEEKDAY_FORMS)
# Every name and short form -> the month's number (January 1).
MONTHS: dict[str, int] = {
    form: number for number, forms in enumerate(_MONTH_FORMS, 1) for form in forms
}
# Every name and short form -> the weekday's number (Monday 0, as ``date.weekday()``).
WEEKDAYS: dict[str, int] = {
    form: number for number, forms in enumerate(_WEEKDAY_FORMS) for form in forms
}

# Personal pronouns: words that stand for someone named elsewhere.
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my"})

# Titles abbreviated with a full stop before a name ("Sgt. Ann Lee", "Lt. Col. Tom Berg"): the
# full stop ends no sentence. As written, without the stop.
TITLE_ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Mx Dr Prof Rev Fr Hon Gov Lt Sen Rep Pres Amb Atty Supt Insp Det
Const Sgt Cpl Pvt Capt Col Maj Gen Brig Adm Cmdr Cdr Cmdt Ens Spc
Ald Messrs Mme Mlle Msgr""".split()  # noqa: SIM905
)

# Words that go on with a time after "a.m." or "p.m." ("at 5 p.m. EST Friday"): time zones
# and weekdays, as written.
AFTER_CLOCK = frozenset(
    """ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST AKDT HST GMT BST UTC CET CEST EET EEST
    IST JST AEST AEDT ACST AWST NZST NZDT Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday""".split()  # noqa: SIM905
)

# Country and nationality words that may stand before a title ("US Defense Secretary Ann
# Lee"); alone, they name a country or a people.
COUNTRY_TITLE_WORDS = frozenset(
    "us uk eu un u s k british american russian french german chinese".split()  # noqa: SIM905
)
# Words before a name that say what someone is, not who ("US Defense Secretary Ann Lee",
# "Mr Lee", "actress Ann Lee"); lower case, dots removed.
TITLE_WORDS = COUNTRY_TITLE_WORDS | frozenset(
    """mr mrs ms miss dr prof sir dame lord lady rev mx
    president vice prime minister secretary defense defence foreign interior finance home
    state deputy assistant acting former late general gen lt col colonel major maj captain
    capt sgt sergeant admiral adm commander chief chairman chairwoman chair ceo cfo coo
    executive director officer spokesman spokeswoman spokesperson senator sen rep
    representative congressman congresswoman governor gov mayor judge justice attorney
    ambassador king queen prince princess pope bishop cardinal coach manager striker
    actress actor singer rapper star model producer director writer author""".split()  # noqa: SIM905
)

# Lower-case words that may stand inside a name ("Bank of Ruritania", "Anna van Dijk"), in
# this order in the patterns built from them.
NAME_GLUE: tuple[str, ...] = ("of", "the", "and", "de", "van", "von", "for", "la", "le")

# Words too common to tell one sentence from another.
STOP_WORDS = frozenset(
    """the and for that this with from into over after before than also its their his
her they she has have had not are was were been will would which who said says""".split()  # noqa: SIM905
)

# What a small model writes for "no value"; compared case-folded, without a final period.
PLACEHOLDERS = frozenset(
    {
        "-",
        "n/a",
        "na",
        "none",
        "null",
        "unknown",
        "unspecified",
        "not specified",
        "not stated",
        "not mentioned",
        "not given",
        "not available",
    }
)
