"""Semantic checks of one article document or one event, beyond what the schema can say.

The checks read plain JSON values and tolerate any shape: a field of the wrong type is the
schema's business (E002) and is skipped here, so a document with a schema error still gets
every semantic check that can run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from extractor.contract.identity import event_id
from extractor.validate.problems import Problem, pointer
from extractor.validate.timex import is_well_formed, matches, period

_SHOW = 60  # characters of text quoted in a message
_RELATIVE = ("resolved", "assumed")  # statuses of a date computed from the anchor


@dataclass
class _Checker:
    path: str
    text: str | None  # None: the text is unknown (an events.jsonl line)
    published: str | None
    published_known: bool
    line: int | None = None
    problems: list[Problem] = field(default_factory=list)

    def add(self, where: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, where, code, message, self.line))

    def span(self, span: Any, where: str) -> None:
        if not isinstance(span, dict) or self.text is None:
            return
        start, end, said = span.get("start"), span.get("end"), span.get("text")
        if not (isinstance(start, int) and isinstance(end, int)):
            return
        if not 0 <= start <= end <= len(self.text):
            self.add(
                where,
                "E101",
                f"span [{start}, {end}) does not lie inside the text (length {len(self.text)}): "
                "the offsets refer to another text; re-run the article",
            )
        elif isinstance(said, str) and self.text[start:end] != said:
            self.add(
                where + "/text",
                "E102",
                f"the text at [{start}, {end}) is {_show(self.text[start:end])}, "
                f"not {_show(said)}: fix the offsets or re-run the article",
            )

    def grounding(self, node: dict[str, Any], where: str) -> None:
        self.span(node.get("span"), where + "/span")
        if node.get("grounded") is True and node.get("span") is None:
            self.add(
                where + "/grounded",
                "E104",
                "marked grounded but has no span: set grounded to false or add the span",
            )

    def mention(self, node: Any, where: str) -> None:
        if isinstance(node, dict):
            self.grounding(node, where)

    def quote(self, node: Any, where: str, *, verified: bool) -> None:
        if not isinstance(node, dict):
            return
        self.mention(node.get("speaker"), where + "/speaker")
        self.grounding(node, where)
        direct, grounded, span = (
            node.get("kind") == "direct",
            node.get("grounded"),
            node.get("span"),
        )
        if not verified and grounded is True:
            self.add(
                where + "/grounded",
                "E203",
                "an unverified quote is marked grounded: move it to quotes or set grounded false",
            )
        if verified and direct and grounded is False:
            self.add(
                where + "/grounded",
                "E202",
                "a direct quote that is not grounded: it belongs in unverified_quotes",
            )
        if (
            verified
            and direct
            and grounded is True
            and isinstance(span, dict)
            and isinstance(node.get("text"), str)
            and node["text"] != span.get("text")
        ):
            self.add(
                where + "/text",
                "E201",
                f"the grounded direct quote {_show(node['text'])} is not the text of its span "
                f"{_show(span.get('text'))}: a verbatim quote must be the article's own words",
            )

    def when(self, node: Any, where: str) -> None:
        if not isinstance(node, dict):
            return
        self.grounding(node, where)
        resolution = node.get("resolution")
        if isinstance(resolution, dict):
            self.resolution(resolution, where + "/resolution")

    def resolution(self, res: dict[str, Any], where: str) -> None:
        status, anchor, value = res.get("status"), res.get("anchor"), res.get("value")
        if anchor is not None and self.published_known and anchor != self.published:
            self.add(
                where + "/anchor",
                "E301",
                f"anchored on {anchor} but the article was published {self.published}: "
                "re-resolve the date against the publication date",
            )
        if status in _RELATIVE and anchor is None:
            self.add(
                where + "/anchor",
                "E302",
                f"a relative date marked {status} without an anchor: with no publication date "
                "it must stay unresolved",
            )
        start, end = _date(res.get("start")), _date(res.get("end"))
        if start and end and start > end:
            self.add(where + "/start", "E303", f"starts {start} after it ends {end}")
        if status == "unresolved":
            if res.get("start") is not None or res.get("end") is not None:
                self.add(
                    where + "/status",
                    "E306",
                    "unresolved but has a start or end: set status or clear the bounds",
                )
            return
        if status not in (*_RELATIVE, "explicit"):
            return
        if not isinstance(value, str):
            self.add(where + "/value", "E306", f"status is {status!r} but value is null")
            return
        self.value(res, value, start, end, where)

    def value(
        self,
        res: dict[str, Any],
        value: str,
        start: dt.date | None,
        end: dt.date | None,
        where: str,
    ) -> None:
        granularity = res.get("granularity")
        if not isinstance(granularity, str):
            self.add(where + "/granularity", "E304", f"value {value!r} has no granularity")
            return
        if not matches(value, granularity):
            self.add(
                where + "/value",
                "E304",
                f"value {value!r} is not a TIMEX3 value of granularity {granularity!r}",
            )
            return
        for index, member in enumerate(res.get("values") or []):
            if isinstance(member, str) and not is_well_formed(member):
                self.add(
                    pointer_join(where, "values", index),
                    "E304",
                    f"range member {member!r} is not a TIMEX3 date value",
                )
        bounds = period(value) if granularity != "range" else None
        if bounds is None:
            return
        early, late = bool(start and start < bounds[0]), bool(end and end > bounds[1])
        if early or late:
            self.add(
                where + ("/start" if early else "/end"),
                "E305",
                f"[{start}, {end}] is not inside {value} ({bounds[0]} to {bounds[1]})",
            )

    def event(self, node: Any, where: str, article_id: str | None) -> None:
        if not isinstance(node, dict):
            return
        actors = node.get("actors")
        for index, actor in enumerate(actors if isinstance(actors, list) else []):
            self.mention(actor, pointer_join(where, "actors", index))
        self.mention(node.get("place"), where + "/place")
        self.when(node.get("when"), where + "/when")
        for key, verified in (("quotes", True), ("unverified_quotes", False)):
            quotes = node.get(key)
            for index, quote in enumerate(quotes if isinstance(quotes, list) else []):
                self.quote(quote, pointer_join(where, key, index), verified=verified)
        expected = expected_event_id(node, article_id)
        if expected is not None and node.get("id") != expected:
            self.add(
                where + "/id",
                "E402",
                f"id {node.get('id')!r} does not match the event's content (expected {expected}): "
                "an edited event needs a new id",
            )


def pointer_join(base: str, *parts: str | int) -> str:
    return base + pointer(*parts)


def expected_event_id(node: dict[str, Any], article_id: str | None) -> str | None:
    """The id the event's content gives, or None when the fields needed are malformed."""
    actors, place, when = node.get("actors"), node.get("place"), node.get("when")
    names = None
    if isinstance(actors, list) and all(isinstance(a, dict) for a in actors):
        names = [a.get("text") for a in actors]
    place_text = place.get("text") if isinstance(place, dict) else None
    expression = when.get("expression") if isinstance(when, dict) else None
    description = node.get("description")
    if (
        not isinstance(article_id, str)
        or not isinstance(description, str)
        or names is None
        or not all(isinstance(n, str) for n in names)
        or not isinstance(place_text, str | None)
        or not isinstance(expression, str | None)
    ):
        return None
    return event_id(article_id, description, [str(n) for n in names], place_text, expression)


def check_document(doc: Any, path: str) -> list[Problem]:
    """Every semantic problem of an article document (a parsed JSON value)."""
    if not isinstance(doc, dict):
        return []
    text = doc.get("text") if isinstance(doc.get("text"), str) else None
    published = doc.get("published")
    value = published.get("value") if isinstance(published, dict) else None
    # An anchor can only be compared with a publication date that is a date, or null.
    known = isinstance(published, dict) and (value is None or _date(value) is not None)
    checker = _Checker(path, text, value if isinstance(value, str) else None, known)
    sha = doc.get("text_sha256")
    if text is not None and isinstance(sha, str):
        actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if actual != sha:
            checker.add(
                "/text_sha256",
                "E103",
                f"text_sha256 is {sha[:12]}… but the text hashes to {actual[:12]}…: "
                "the text was edited after extraction; re-run the article",
            )
    article_id = doc.get("id") if isinstance(doc.get("id"), str) else None
    events = doc.get("events")
    seen: dict[str, int] = {}
    for index, event in enumerate(events if isinstance(events, list) else []):
        checker.event(event, pointer("events", index), article_id)
        ident = event.get("id") if isinstance(event, dict) else None
        if isinstance(ident, str):
            if ident in seen:
                checker.add(
                    pointer("events", index, "id"),
                    "E401",
                    f"event id {ident} already used by /events/{seen[ident]}: "
                    "merge the two events or remove one",
                )
            seen.setdefault(ident, index)
    apart = doc.get("quotes")
    for index, quote in enumerate(apart if isinstance(apart, list) else []):
        checker.quote(quote, pointer("quotes", index), verified=True)
    if _version(doc.get("schema_version")) >= (1, 6, 0):
        _check_stored_once(checker, events, apart)
    _check_warnings(checker, doc.get("warnings"), seen)
    return checker.problems


def _version(value: Any) -> tuple[int, ...]:
    """A schema version as numbers ("1.6.0" -> (1, 6, 0)); () when it is none."""
    parts = value.split(".") if isinstance(value, str) else []
    return tuple(int(p) for p in parts) if parts and all(p.isdigit() for p in parts) else ()


def _check_stored_once(checker: _Checker, events: Any, apart: Any) -> None:
    """E204 for each quoted span stored again: every grounded direct quote's span is held
    once, by one event or apart (schema 1.6.0 on)."""
    held: list[tuple[str, Any]] = []
    for index, event in enumerate(events if isinstance(events, list) else []):
        quotes = event.get("quotes") if isinstance(event, dict) else None
        for number, quote in enumerate(quotes if isinstance(quotes, list) else []):
            held.append((pointer("events", index, "quotes", number), quote))
    for number, quote in enumerate(apart if isinstance(apart, list) else []):
        held.append((pointer("quotes", number), quote))
    first: dict[tuple[Any, Any], str] = {}
    for where, quote in held:
        span = quote.get("span") if isinstance(quote, dict) else None
        if not isinstance(span, dict) or quote.get("kind") != "direct":
            continue
        key = (span.get("start"), span.get("end"))
        if key in first:
            checker.add(
                where + "/span",
                "E204",
                f"the quoted span [{key[0]}, {key[1]}) is stored again (first at {first[key]}): "
                "a quote belongs to one event or is stored apart",
            )
        first.setdefault(key, where)


def check_event_line(line_value: Any, path: str, line: int) -> list[Problem]:
    """Semantic checks of one ``events.jsonl`` line that need no article text."""
    if not isinstance(line_value, dict):
        return []
    article_id = line_value.get("article_id")
    checker = _Checker(path, None, None, published_known=False, line=line)
    checker.event(line_value, "", article_id if isinstance(article_id, str) else None)
    return checker.problems


def _check_warnings(checker: _Checker, warnings: Any, ids: dict[str, int]) -> None:
    for index, warning in enumerate(warnings if isinstance(warnings, list) else []):
        ident = warning.get("event_id") if isinstance(warning, dict) else None
        if isinstance(ident, str) and ident not in ids:
            checker.add(
                pointer("warnings", index, "event_id"),
                "E403",
                f"warning names event {ident}, which is not in this document",
            )


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _show(text: Any) -> str:
    if not isinstance(text, str):
        return repr(text)
    return repr(text if len(text) <= _SHOW else text[: _SHOW - 1] + "…")


def check_event_lines(
    lines: list[tuple[int, Any]], path: str, *, checked: Collection[int] = ()
) -> list[Problem]:
    """Semantic checks of the parsed lines of an ``events.jsonl`` file: ``(line number, value)``.

    ``checked``: numbers of lines equal to an event already checked in its document; only
    their ids are looked at (for duplicates).
    """
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, value in lines:
        if number not in checked:
            problems.extend(check_event_line(value, path, number))
        ident = value.get("id") if isinstance(value, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            problems.append(
                Problem(
                    path,
                    "/id",
                    "E401",
                    f"event id {ident} already on line {seen[ident]}: remove the repeated line",
                    number,
                )
            )
        seen.setdefault(ident, number)
    return problems
