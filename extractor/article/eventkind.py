"""What a model event is, read from its description's verb: a happening, a plain statement
("Ann Lee said that …") or a background state ("The new phone has two cameras").

The annotation rules (eval/README.md) count neither a plain "he said" nor a background state as
an event; small models list many of both. English only: any other description is a happening.
"""

from __future__ import annotations

from typing import Literal

from extractor.text.lexicon import word_list
from extractor.text.nouns import noun
from extractor.text.speech import REPORTING_VERBS
from extractor.text.words import LOOSE_WORD

Kind = Literal["happening", "statement", "state"]

# The verb follows the subject: look no further than this many words in.
_REACH = 14


# Forms of "be", "have" and "remain" that make a state unless a participle follows.
_STATIVE = word_list("is are was were has have had remains remained")
# Verbs of a state in the present tense ("The new phone uses a faster chip", "Acme owns 25
# percent"); "to" before one makes a plan ("agreed to include"). Base forms only of verbs
# seldom another word ("cost" is a past tense too, "mean" and "equal" adjectives, "need" a noun).
_PRESENT_STATE = word_list(
    """owns own belongs belong contains contain consists consist comprises comprise includes
    include costs weighs equals lacks lack needs depends depend means resembles resemble uses
    use accounts account employs employ represents represent"""
)
# Simple past forms of a state, not of a happening ("Acme owned two plants", "it seemed").
PAST_STATE = word_list(
    """was were had remained owned belonged contained consisted comprised included cost
    weighed equaled equalled lacked needed depended meant resembled used accounted employed
    represented seemed appeared knew wanted liked loved"""
)
# Those and the other past forms of "be", "have" and "do": a past that is no happening of its
# own ("had been", "did"). By the word: the parse gives no lemmas.
NO_HAPPENING_PAST = PAST_STATE | word_list("been did done")
# Auxiliaries of a planned or possible happening.
_MODAL = word_list("will would should must may might could can")
# Words skipped between a stative verb and what it says ("has already shipped").
_BETWEEN = word_list(
    "already also now still previously recently finally just not been being initially currently"
    " once long first"
)
# The irregular past participles with no -ed/-en/-ing ending ("was born", "has cut", "were
# sold", "was shot"): a closed class of English, listed whole but for "had", "got" and
# "known", which tell a state ("has had", "has got", "is known for").
_IRREGULAR = word_list(
    """arisen become begun bent bet bid bled blown bound bred brought broadcast built burnt
    burst bought born borne cast caught clung come overcome cost crept cut dealt dug done
    undone drawn withdrawn
    drunk dwelt fed felt fled flung flown forecast fought found gone undergone ground grown
    heard held upheld hit hung hurt kept knelt laid lain led leapt learnt left lent let
    lit lost made meant met mown overrun paid put quit read rid run rung said sat seen sent set
    sewn shed shone shod shot shown shrunk shut slain slept slid slung slit sold sought sown
    sped spelt spent spilt spit split spread spun sprung stood understood withstood stuck stung
    stunk strewn struck strung sung sunk swept swollen sworn swum swung taught thought thrown
    thrust told torn
    upset won wound wept withheld worn wrung"""
)
# The irregular simple past tenses with no -ed ending: the verb is found, and it is a
# happening ("Acme directors held …", "Police shot a man who was …"); a closed class of
# English, listed whole but for "cost" (a state as often as not), "lay" (also "to lay") and
# "did" (an auxiliary: "did not say").
_PAST = word_list(
    """arose awoke bore beat became befell began beheld bent bet bid bit bled blew broke bred
    brought broadcast built burnt burst bought cast caught chose clung came crept cut dealt dug
    drew drank drove dwelt ate fell fed felt fought found fled flung flew forbade forecast
    forgot forgave froze got gave went ground grew hung heard hid hit held hurt kept knelt knew
    laid led leapt learnt left lent let lit lost made meant met overcame overran overtook paid
    put quit ran rang rode rose said sang sank sat saw sent set shed shone shook shot shrank
    shut slew slept slid slung slit sold sought sped spent spilt spun spat split spread sprang
    stood stole stuck stung strode struck strove swore swept swam swung took taught tore told
    thought threw thrust understood undertook upheld upset woke wore wove wept won wound withdrew
    withheld withstood wrung wrote"""
)
# Words a noun follows, not a verb: "gains on hopes of", "the claims", "his thought".
_BEFORE_NOUN = word_list(
    "the a an on of in for with by from his her its their our my your these those"
)


def past_form(word: str) -> bool:
    """``word`` (lower case) may be a simple past or a past participle: "-ed", or one of the
    irregular forms listed."""
    return word.endswith("ed") or word in _PAST or word in _IRREGULAR


def _participle(word: str) -> bool:
    return word.endswith(("ed", "en", "ing")) or word in _IRREGULAR


def under_way(word: str) -> bool:
    """``word`` is a plural noun for talk going on ("talks", "negotiations", "discussions"):
    WordNet's first sense of it is a communication. "Is in talks" tells a happening under
    way, not a state."""
    found = noun(word) if word.endswith("s") else None
    return found is not None and "noun.communication" in found.first


def _after_stative(words: list[str], i: int) -> Kind:
    """The kind of "<subject> has/is …" from the words after the stative verb at ``i``."""
    j = i + 1
    while j < len(words) and words[j] in _BETWEEN:
        j += 1
    following = words[j] if j < len(words) else ""
    if following in REPORTING_VERBS:
        return "statement"  # "has said"
    if following == "in" and j + 1 < len(words) and under_way(words[j + 1]):
        return "happening"  # "is still in talks to buy"
    return "happening" if _participle(following) else "state"


def kind(description: str) -> Kind:
    """The first verb after the subject decides: a speech verb makes a statement, "is/has"
    without a participle or a present-tense state verb ("owns") a state; a modal, a past
    tense or none found, a happening."""
    words = LOOSE_WORD.findall(description)
    for i, word in enumerate(words[:_REACH]):
        if i == 0 or word != word.lower() or words[i - 1].lower() in _BEFORE_NOUN:
            continue  # the subject's first word, part of a name, or a noun ("on hopes of")
        if word in REPORTING_VERBS:
            return "statement"
        if word in _STATIVE:
            return _after_stative([w.lower() for w in words], i)
        if word in _PRESENT_STATE and words[i - 1].lower() != "to":
            return "state"
        if word in _MODAL or word in _PAST or word.endswith("ed"):
            return "happening"
    return "happening"
