"""Cleaning scraped article text. Pure.

Conservative by design: a line is dropped only when the whole line matches a known kind of
boilerplate (each rule names its reason); every rule is bounded by line length, and the rules
for prompts aimed at the reader apply only to lines without quotation marks, so that article
sentences are kept. Within kept lines, inline markup and junk characters are removed and spaces
normalised.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from extractor.article.pubdate import dateline
from extractor.contract.models import RemovedLine
from extractor.text.sentences import ends_sentence
from extractor.text.words import has_word, word_count

__all__ = ["Cleaned", "clean_line", "clean_text", "drop_reason", "headline"]

# Reader prompts (paywall, newsletter, sharing) are at most this many words long.
PROMPT_MAX_WORDS = 40
# Credits, copyright and link lines are at most this many words long.
CREDIT_MAX_WORDS = 25
# No boilerplate line is longer than this many characters.
MAX_CHARS = 1000
HEADLINE_MAX_WORDS = 25


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text, what was dropped, and where each kept line came from."""

    text: str
    removed: list[RemovedLine]
    source_lines: list[int]  # the 1-based raw line number of each line of ``text``
    title: str | None = None  # the first line, when it looks like a headline (it stays in text)


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# A prompt that starts the line or follows punctuation, as in "..., subscribe now."
_LEAD = r"(?:^|[.!?,;:]\s*)"
_PAYWALL = _rx(
    r"\b(?:last|final)\s+(?:free\s+)?(?:article|story)\b.*\b(?:you\s+can\s+read|this\s+month)\b",
    r"\byou\s+(?:can|have)\s+(?:read\s+)?(?:\d+\s+)?(?:more\s+)?(?:free\s+)?(?:articles?|stories)"
    r"\s+(?:left|remaining|this\s+(?:month|week))",
    r"\b(?:your|the)\s+(?:free\s+)?(?:article\s+)?limit\s+(?:is\s+up|has\s+been\s+reached)",
    r"\breached\s+(?:your|the)\s+(?:free\s+)?(?:article\s+|monthly\s+)?limit\b",
    r"^resets?\s+(?:on|in|at|date)\b.{0,30}$",
    r"^(?:already\s+(?:a\s+)?(?:subscriber|member|registered)|subscribers?\s+only)\b",
    r"^(?:subscribe\s+)?to\s+continue\s+reading\b",
)
_PROMPT = _rx(
    _LEAD + r"(?:subscribe|sign\s+up)\s+(?:now|here|today|for\s+free)\b",
    _LEAD + r"sign\s+up\s+to\s+(?:get|receive)\b",
    r"\b(?:subscribe|sign\s+up|register)\s+(?:to|for)\s+our\s+(?:free\s+)?(?:\w+\s+)?"
    r"(?:newsletters?|mailing\s+list|channel|updates|alerts|podcast)",
    r"\bby\s+subscribing\s+(?:here|now|today|to\s+our)\b|\bsubscribing\s+(?:here|now|today)\b",
    r"\bplease\s+(?:help\s+)?(?:support\s+(?:us|our|the)|donate|subscribe)\b",
    _LEAD + r"(?:please\s+)?(?:donate|contribute)\s+(?:now|today|here)\b",
    r"\bmake\s+a\s+donation\b",
    r"\bwe\s+need\s+your\s+support\b|\bsupport\s+(?:us|our\s+(?:journalism|work|reporting))\b",
    r"\bclick(?:ing)?\s+here\b",
    r"\b(?:delivered|straight)\s+(?:directly\s+)?(?:to|in(?:to)?)\s+your\s+inbox\b",
    r"\b(?:get|receive)\s+(?:the\s+)?(?:latest|real[\s-]?time|breaking)\s+(?:news|updates|alerts)"
    r".*\b(?:device|inbox|phone|notifications?|subscribe)\b",
    r"^(?:join|follow)\s+(?:us|our)\b.*\b(?:on|channel|newsletter|community|mailing\s+list"
    r"|telegram|twitter|facebook|instagram|whatsapp|youtube)\b",
    r"^(?:share|tweet|email|print)\s+(?:this|the)\s+(?:article|story|page|post)\b",
    r"^(?:turn\s+on|enable|allow)\s+(?:push\s+)?notifications\b",
    r"^we\s+use\s+cookies\b|\baccept\s+(?:all\s+)?cookies\b|\bcookie\s+(?:policy|settings)\b",
    r"\b(?:please\s+)?enable\s+javascript\b|^loading\W*$",
    r"^listen\s+to\s+(?:this\s+)?(?:article|story)\b",
    r"^follow\s+@\w+",
    r"^(?:subscribe|sign\s+up)\s*[.!:]?$",
)
_AD = _rx(
    r"^(?:advertisement|advertising|advert|ad|ads|sponsored(?:\s+content)?|promoted"
    r"(?:\s+content)?|paid\s+content|partner\s+content)$",
    r"^(?:story|article|text)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?$",
    r"^continue\s+reading\s+(?:below|the\s+main\s+story)$",
    r"^advertisement\W+scroll\s+to\s+continue(?:\s+with\s+content)?$",
)
_AD_TOKEN = re.compile(r"\[[^\[\]\n]{1,40}\]|\{\{[^{}\n]{1,60}\}\}|<!--.*-->")
_NAV_WORDS = frozenset(
    """navigation menu main home search skip to content back top close open login log in
    logout out sign register subscribe share tweet email e-mail print comment comments facebook
    twitter x whatsapp linkedin telegram reddit pinterest instagram youtube copy link next
    previous prev more toggle sections section article articles story stories news read""".split()  # noqa: SIM905
)
_NAV_SPLIT = re.compile(r"[\s|•·/»›>«‹<,]+")
_NAV_FUNCTION_WORDS = frozenset({"to", "in", "out"})
_RELATED = _rx(
    r"^(?:related(?:\s+(?:articles?|stories|story|content|coverage|news|reading|links?))?"
    r"|read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?"
    r"|more\s+(?:stories|news)|more\s+from\s+[^.!?:]{1,40}|recommended(?:\s+for\s+you)?"
    r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|further\s+reading"
    r"|watch|listen|trending|most\s+read|popular)\s*(?:[:»›>|–—]|$)",
)
_AGENCY = (
    r"(?:flickr|getty(?:\s+images)?|reuters|ap(?:\s+photo)?|afp|epa|shutterstock|pa(?:\s+images)?"
    r"|wikimedia(?:\s+commons)?|unsplash|alamy|pixabay|istock(?:photo)?|sputnik|tass|xinhua"
    r"|anadolu(?:\s+agency)?)"
)
_PHOTO = _rx(
    r"\((?:cc[\s-]?by[^()]*|cc0[^()]*|public\s+domain)\)\.?$",
    r"^\(?(?:photo(?:graph)?|image|picture|pic|illustration|video|credit|courtesy|file\s+photo)s?"
    r"(?:\s+(?:credit|courtesy|by|via|source))?\s*[:/|©]",
    r"^\(?(?:photo(?:graph)?|image|picture|illustration)s?\s+(?:by|courtesy\s+of|via)\b",
    rf"\s?/\s?{_AGENCY}\s*(?:\([^()]*\))?\)?\.?$",
    rf"^\(?{_AGENCY}\s?/\s?(?-i:[A-Z])[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*){{0,3}}\)?\.?$",
    rf"^\(?{_AGENCY}(?:\s+via\s+{_AGENCY})?\)?$",
    r"^(?:image|media|video)\s+(?:source|copyright)\b",
)
_CAPTION = _rx(r"^(?:image|media|video|photo)\s+caption\b", r"^caption\s*:")
_TAGS = _rx(r"^(?:tags?|topics?|filed\s+under|categories)\s*:")
_COUNTER = re.compile(
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d)?[km]|\d+)"
    r"(?:\s+(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d)?[km]|\d+))*"
    r"(?:\s+(?:comments?|shares?|views?|likes?|reads?|reactions?|min(?:ute)?s?\s+read))?",
    re.IGNORECASE,
)
_COPYRIGHT = _rx(
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}\b))",
    r"^copyright\s+(?:(?-i:[A-Z])[\w&.'-]*\s+){1,4}\d{4}\b",
    r"\ball\s+rights\s+reserved\b",
)
_URL_LINE = _rx(
    r"^<?(?:https?://|www\.)\S+?>?$",
    r"^(?:original\s+(?:url|article|source|link|story)|source\s+(?:url|link)|url|link|permalink"
    r"|read\s+the\s+original(?:\s+article)?)\s*:\s*(?:<?(?:https?://|www\.)\S+?>?)?$",
)
_QUOTES = re.compile(r"[\"“”„«»]")


def _is_nav(line: str) -> bool:
    words = [w for w in _NAV_SPLIT.split(line.lower()) if w]
    return (
        0 < len(words) <= 8
        and all(w in _NAV_WORDS for w in words)
        and not all(w in _NAV_FUNCTION_WORDS for w in words)
    )


def _not_quoting(line: str) -> bool:
    return not _QUOTES.search(line)


# A word every branch of ``_PROMPT`` needs (tested): a line without one of them is no reader
# prompt, and most lines are told so by a substring test instead of the long pattern.
PROMPT_WORDS = (
    "subscrib", "sign", "register", "please", "donat", "contribut", "support", "click",
    "inbox", "news", "updates", "alerts", "join", "follow", "share", "tweet", "email", "print",
    "notification", "cookie", "javascript", "loading", "listen",
)  # fmt: skip


def _prompt(line: str) -> bool:
    if line.isascii():  # ASCII: ignoring case is lower-casing (not so for every character)
        low = line.lower()
        if not any(word in low for word in PROMPT_WORDS):
            return False
    return bool(_PROMPT.search(line))


# (reason, longest line in words it applies to, test), tried in order.
_RULES: list[tuple[str, int, Callable[[str], bool]]] = [
    ("advertisement", 8, lambda s: bool(_AD.fullmatch(s.strip(" -–—*_=|")))),
    ("ad token", 8, lambda s: bool(_AD_TOKEN.fullmatch(s))),
    ("counter", 12, lambda s: bool(_COUNTER.fullmatch(s))),
    ("url", 3, lambda s: bool(_URL_LINE.match(s))),
    ("copyright", CREDIT_MAX_WORDS, lambda s: bool(_COPYRIGHT.search(s))),
    ("paywall", PROMPT_MAX_WORDS, lambda s: _not_quoting(s) and bool(_PAYWALL.search(s))),
    ("reader prompt", PROMPT_MAX_WORDS, lambda s: _not_quoting(s) and _prompt(s)),
    ("navigation", 8, _is_nav),
    ("navigation", CREDIT_MAX_WORDS, lambda s: bool(_TAGS.match(s))),
    ("related link", CREDIT_MAX_WORDS, lambda s: bool(_RELATED.match(s))),
    ("photo credit", CREDIT_MAX_WORDS, lambda s: bool(_PHOTO.search(s))),
    ("caption", PROMPT_MAX_WORDS, lambda s: bool(_CAPTION.match(s))),
]

_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|big|cite|code|del|em|font|i|ins|mark|q|s|small|span|strike|strong|sub|sup"
    r"|tt|u)(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"'=<`]+))?)*\s*/?>",
    re.IGNORECASE,
)
_BREAK_TAG = re.compile(r"</?(?:br|p|div|hr)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_SPACES = re.compile(" {2,}")
# Control characters and every Unicode space or separator become a plain space.
_BLANK_CHARS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def clean_text(raw: str) -> Cleaned:
    """Drop boilerplate lines (recording each with its reason) and tidy the kept lines.

    Blank lines are kept as paragraph breaks: runs of them become one, and none is kept at the
    start or end. Removed blank lines are not listed in ``removed``.
    """
    removed: list[RemovedLine] = []
    kept: list[tuple[int, str]] = []
    for number, raw_line in enumerate(_LINE_BREAK.split(raw), start=1):
        line = clean_line(raw_line)
        reason = drop_reason(line) if line else None
        if reason is None:
            kept.append((number, line))
        else:
            removed.append(RemovedLine(line=number, text=raw_line, reason=reason))
    lines: list[tuple[int, str]] = []
    for number, line in kept:
        if line or (lines and lines[-1][1]):
            lines.append((number, line))
    while lines and not lines[-1][1]:
        lines.pop()
    text = "\n".join(line for _, line in lines)
    return Cleaned(
        text=text,
        removed=removed,
        source_lines=[number for number, _ in lines],
        title=headline(text),
    )


def headline(text: str) -> str | None:
    """The first line of a cleaned text if it looks like a headline: short, not a sentence
    (no final full stop), not a date, and followed by more text."""
    first, _, rest = text.partition("\n")
    words = word_count(first)
    if not rest.strip() or not 1 <= words <= HEADLINE_MAX_WORDS:
        return None
    if ends_sentence(first) or dateline(first) is not None:
        return None
    return first


def drop_reason(line: str) -> str | None:
    """Why a (cleaned, non-empty) line is boilerplate, or None for an article line."""
    if not has_word(line):
        return "decoration"
    if len(line) > MAX_CHARS:
        return None
    words = word_count(line)
    for reason, max_words, rule in _RULES:
        if words <= max_words and rule(line):
            return reason
    return None


def clean_line(line: str) -> str:
    """One line without markup, entities, invisible characters or repeated spaces."""
    line = _ENTITY.sub(lambda m: html.unescape(m.group()), line)
    line = _BREAK_TAG.sub(" ", line)
    line = _INLINE_TAG.sub("", line)
    line = _INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return _SPACES.sub(" ", _BLANK_CHARS.sub(" ", line)).strip()
