from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.document import ArticleParts, build_document
from extractor.identity import event_id
from extractor.models import (
    DateResolution,
    ModelEvent,
    Provenance,
    PublicationDate,
    Sampling,
    SourceInfo,
    Usage,
)

TEXT = (
    "Mattis: Russia must prove itself\n"
    "On Thursday, Defense Secretary Jim Mattis spoke in Brussels.\n"
    "Mattis said that Russia must “live by international law just like we expect all mature "
    "nations on this planet to do.”\n"
)
PUBLISHED = dt.date(2017, 2, 16)


def _parts(published: dt.date | None = PUBLISHED) -> ArticleParts:
    return ArticleParts(
        id="003",
        source=SourceInfo(
            path="seeds/003.txt", url=None, title=None, source=None, input_sha256="0" * 64
        ),
        title=None,
        published=PublicationDate(
            value=published, source="text" if published else "none", evidence=None
        ),
        text=TEXT,
        text_sha256="1" * 64,
        removed=[],
    )


def _provenance() -> Provenance:
    return Provenance(
        extractor_version="0",
        model="m",
        endpoint="http://127.0.0.1/v1",
        endpoint_kind="local",
        model_sha256=None,
        prompt_id="extract",
        prompt_sha256="2" * 64,
        schema_version="1",
        sampling=Sampling(temperature=0, seed=0, max_tokens=10),
        response_format="json_schema",
        usage=Usage(),
        cost_usd=None,
        attempts=1,
        chunks=1,
        duration_s=0,
    )


calls: list[dict[str, Any]] = []


def resolver(
    expression: str,
    published: dt.date | None,
    *,
    context: str | None,
    tense: str | None,
    preceding: str | None,
) -> DateResolution:
    calls.append({"expression": expression, "context": context, "tense": tense})
    assert preceding is not None and preceding.endswith("Mattis: Russia must prove itself\n")
    if published is None:
        return DateResolution(
            value=None,
            start=None,
            end=None,
            granularity=None,
            anchor=None,
            status="unresolved",
            reason="no publication date",
        )
    return DateResolution(
        value=published.isoformat(),
        start=published,
        end=published,
        granularity="day",
        anchor=published,
        status="resolved",
        reason=None,
    )


def _event(**changes: Any) -> ModelEvent:
    base: dict[str, Any] = {
        "description": "Mattis said Russia must live by international law.",
        "actors": ["Jim Mattis", "Russia", "jim mattis"],
        "place": "Brussels",
        "when": "On Thursday",
        "tense": "past",
        "statements": [
            {
                "speaker": "Mattis",
                "text": "live by international law just like we expect all mature nations "
                "on this planet to do.",
                "kind": "direct",
            },
            {"speaker": "Mattis", "text": "We will never give up on Russia", "kind": "direct"},
            {"speaker": "Mattis", "text": "Russia must follow the law", "kind": "indirect"},
        ],
    }
    base.update(changes)
    return ModelEvent.model_validate(base)


def test_grounded_and_unverified_quotes_are_kept_apart() -> None:
    doc = build_document(_parts(), [_event()], _provenance(), resolver)
    [event] = doc.events
    direct = [q for q in event.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "live by international law just like we expect all mature nations on this planet to do"
    ]
    assert all(q.grounded and q.span is not None for q in direct)
    assert all(TEXT[q.span.start : q.span.end] == q.text for q in direct if q.span)
    [unverified] = event.unverified_quotes
    assert unverified.text == "We will never give up on Russia"
    assert not unverified.grounded and unverified.span is None
    assert [w.code for w in doc.warnings] == ["W001"]
    assert doc.warnings[0].event_id == event.id


def test_actors_are_deduplicated_and_located() -> None:
    doc = build_document(_parts(), [_event()], _provenance(), resolver)
    [event] = doc.events
    assert [a.text for a in event.actors] == ["Jim Mattis", "Russia"]
    assert all(a.grounded for a in event.actors)
    assert event.place is not None and event.place.span is not None
    assert TEXT[event.place.span.start : event.place.span.end] == "Brussels"


def test_date_is_resolved_by_code_with_its_sentence_as_context() -> None:
    calls.clear()
    doc = build_document(_parts(), [_event()], _provenance(), resolver)
    when = doc.events[0].when
    assert when is not None and when.grounded
    assert when.resolution.value == "2017-02-16"
    assert calls == [
        {
            "expression": "On Thursday",
            "context": "On Thursday, Defense Secretary Jim Mattis spoke in Brussels.",
            "tense": "past",
        }
    ]


def test_a_date_not_in_the_text_is_not_resolved() -> None:
    doc = build_document(_parts(), [_event(when="Last Tuesday")], _provenance(), resolver)
    when = doc.events[0].when
    assert when is not None and not when.grounded
    assert when.resolution.status == "unresolved"
    assert "W003" in [w.code for w in doc.warnings]


def test_no_publication_date_is_warned_and_dates_stay_unresolved() -> None:
    doc = build_document(_parts(published=None), [_event()], _provenance(), resolver)
    assert doc.events[0].when is not None
    assert doc.events[0].when.resolution.status == "unresolved"
    codes = [w.code for w in doc.warnings]
    assert "W005" in codes and "W002" in codes


def test_event_id_is_stable_and_duplicates_merge() -> None:
    first = build_document(_parts(), [_event(), _event()], _provenance(), resolver)
    assert len(first.events) == 1
    event = first.events[0]
    assert event.id == event_id(
        "003", event.description, [a.text for a in event.actors], "Brussels", "On Thursday"
    )
    again = build_document(_parts(), [_event()], _provenance(), resolver)
    assert again.events[0].id == event.id


def test_events_are_ordered_by_position_in_the_text() -> None:
    late = _event(description="Late", actors=[], place="Brussels", when=None, statements=[])
    early = _event(description="Early", actors=["Jim Mattis"], place=None, when=None, statements=[])
    doc = build_document(_parts(), [late, early], _provenance(), resolver)
    assert [e.description for e in doc.events] == ["Early", "Late"]
    swapped = build_document(_parts(), [early, late], _provenance(), resolver)
    assert swapped == doc
