"""Where each quoted span is stored (extractor.article.quote_homes): under the one event told in
or next to its sentences that names its speaker, else apart in the document's ``quotes``.
Through ``build_document`` with the real parser; every example is invented."""

from __future__ import annotations

import pytest

from extractor.article.document import build_document
from extractor.article.quote_homes import one_party
from extractor.article.quotes import find_quotes
from extractor.article.warning_codes import W_NOT_AN_EVENT
from extractor.contract.models import ArticleDocument, ModelEvent
from extractor.dates import resolve_date
from tests.data.review.factory import provenance
from tests.test_setting import _event, _parts

# the model's events stand as given: these tests are about where quotes go, not the fold
AS_GIVEN = provenance().model_copy(update={"small_model_rules": False})


def _document(text: str, *events: ModelEvent) -> ArticleDocument:
    return build_document(_parts(text), list(events), AS_GIVEN, resolve_date, find_quotes(text))


def _held(doc: ArticleDocument) -> dict[str, list[str]]:
    """The quotes' words under each event's trigger, and under "" those stored apart."""
    held = {e.trigger.text if e.trigger else e.id: [q.text for q in e.quotes] for e in doc.events}
    return {**held, "": [q.text for q in doc.quotes]}


FAR = ["Traffic was light in the morning.", "The toll will rise in May."]
OPENED = "Ann Roe opened a bridge in Lakeside on Monday."
SAID = "“It is the finest bridge we have built,” Roe said."


@pytest.mark.parametrize(
    ("lines", "sentence"),
    [
        ([OPENED, *FAR, SAID], 1),  # her event told before the quote
        ([SAID, *FAR, OPENED], 4),  # none before: the one told after it
    ],
)
def test_with_no_event_of_its_speaker_next_to_it_a_quote_joins_her_nearest_one(
    lines: list[str], sentence: int
) -> None:
    opened = _event(sentence, "opened", "Ann Roe opened a bridge.", actors=["Ann Roe"])
    doc = _document("\n".join(lines) + "\n", opened)
    assert _held(doc) == {"opened": ["It is the finest bridge we have built,"], "": []}


def test_a_quote_of_a_speaker_who_leads_no_event_is_stored_apart() -> None:
    text = (
        "“It is the finest bridge we have built,” Roe said.\n"
        "Traffic was light in the morning.\n"
        "Tom Berg opened a second bridge in Lakeside on Monday.\n"
        "“It took six years,” said Ann Roe.\n"
    )
    opened = _event(3, "opened", "Tom Berg opened a second bridge.", actors=["Tom Berg"])
    doc = _document(text, opened)
    assert _held(doc) == {
        "opened": [],
        "": ["It is the finest bridge we have built,", "It took six years,"],
    }
    apart = doc.quotes[0]
    assert apart.speaker.text == "Roe" and apart.span is not None
    assert text[apart.span.start : apart.span.end] == apart.text  # still located in the text


def test_a_quote_next_to_an_event_of_another_speaker_is_stored_apart() -> None:
    text = (
        "Acme Motors closed its plant in Portville on Friday.\n"
        "“We saw it coming,” said Tom Berg, a welder.\n"
    )
    closed = _event(1, "closed", "Acme Motors closed its plant.", actors=["Acme Motors"])
    doc = _document(text, closed)
    assert _held(doc) == {"closed": [], "": ["We saw it coming,"]}


def test_a_speakers_run_of_quotes_joins_the_event_next_to_where_it_starts() -> None:
    text = (
        "Ann Roe opened the bridge in Lakeside on Monday.\n"
        "“It took six years,” she said.\n"
        "“The river fought us.”\n"
        "“We won in the end.”\n"
        "“Nobody will remember the delays,” said Tom Berg, a driver.\n"
    )
    opened = _event(1, "opened", "Ann Roe opened the bridge.", actors=["Ann Roe"])
    doc = _document(text, opened)
    assert _held(doc) == {
        "opened": ["It took six years,", "The river fought us.", "We won in the end."],
        "": ["Nobody will remember the delays,"],
    }


def test_each_quote_is_held_once_by_the_nearest_event_its_speaker_leads_or_by_none() -> None:
    text = (
        "Ann Roe opened the bridge in Lakeside on Monday.\n"
        "“It took six years,” Roe said.\n"
        "Ann Roe later met the mayor, Tom Berg, in Lakeside.\n"
        "“He kept his word,” Berg said of Roe.\n"
    )
    opened = _event(1, "opened", "Ann Roe opened the bridge.", actors=["Ann Roe"])
    met = _event(3, "met", "Ann Roe met Tom Berg.", actors=["Ann Roe", "Tom Berg"])
    doc = _document(text, opened, met)
    # "It took six years" is next to both of Roe's events: the one told before it holds it,
    # once; Berg leads no event, and the meeting Roe leads takes none of his quotes
    assert _held(doc) == {
        "opened": ["It took six years,"],
        "met": [],
        "": ["He kept his word,"],
    }


def test_a_title_alone_leads_no_event() -> None:
    text = "The President and Ann Roe opened the bridge.\n“It took six years,” Roe said.\n"
    opened = _event(1, "opened", "Ann Roe opened the bridge.", actors=["President", "Ann Roe"])
    doc = _document(text, opened)
    assert [a.text for a in doc.events[0].actors] == ["President", "Ann Roe"]
    assert _held(doc) == {"opened": ["It took six years,"], "": []}


@pytest.mark.parametrize(
    ("actor", "speaker", "same"),
    [
        ("Jim Mattis", "Mattis", True),
        ("Defense Secretary Jim Mattis", "Secretary Mattis", True),  # titles left out
        ("Acme", "Acme Motors", True),
        ("Ann Lee", "Tom Berg", False),
        ("Ann Leeds", "Lee", False),  # whole words only
        ("UN", "UN envoy", False),  # too short to name anyone
    ],
)
def test_an_actor_and_a_speaker_name_one_party_by_their_words(
    actor: str, speaker: str, same: bool
) -> None:
    assert one_party(actor, speaker) is same
    assert one_party(speaker, actor) is (same and len(speaker) > 2)


def test_a_dropped_events_warning_names_where_its_quotes_are_in_the_end() -> None:
    # the fold gives the dropped statement's quote to the meeting, which names its speaker;
    # she leads no event, so the quote is stored apart and the warning names no event
    text = "Tom Berg met Ann Roe in Lakeside on Monday.\n“We will keep talking,” Ann Roe said.\n"
    met = _event(1, "met", "Tom Berg met Ann Roe.", actors=["Tom Berg", "Ann Roe"])
    said = {"kind": "direct", "text": "We will keep talking,", "speaker": "Ann Roe"}
    statement = _event(2, "said", "Ann Roe said they will keep talking.", statements=[said])
    parts = _parts(text)
    doc = build_document(parts, [met, statement], provenance(), resolve_date, find_quotes(text))
    assert _held(doc) == {"met": [], "": ["We will keep talking,"]}
    [folded] = [w for w in doc.warnings if w.code == W_NOT_AN_EVENT]
    assert folded.event_id is None and "its quotes joined" not in folded.message
    # the same, with her own event next to the quote: the warning names it
    opened = _event(2, "opened", "Ann Roe opened a bridge.")
    text = "Tom Berg met Ann Roe in Lakeside on Monday.\nAnn Roe opened a bridge there.\n"
    text += "“We will keep talking,” Ann Roe said.\n"
    statement = _event(3, "said", "Ann Roe said they will keep talking.", statements=[said])
    doc = build_document(
        _parts(text), [met, opened, statement], provenance(), resolve_date, find_quotes(text)
    )
    assert _held(doc) == {"met": [], "opened": ["We will keep talking,"], "": []}
    [folded] = [w for w in doc.warnings if w.code == W_NOT_AN_EVENT]
    [held] = [e for e in doc.events if e.quotes]
    assert folded.event_id == held.id and f"its quotes joined {held.id}" in folded.message
