"""``extractor resolve-dates``: JSONL of date expressions in, the same lines resolved out."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO, get_args

import click

from extractor.cli.exits import Command
from extractor.contract.models import Tense
from extractor.dates import resolve_date
from extractor.errors import InputError

_TENSES = get_args(Tense)


def _optional_text(request: dict[str, Any], key: str, where: str) -> str | None:
    value = request.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(where, f"'{key}' must be a string or null")
    return value


def _request(line: str, where: str) -> dict[str, Any]:
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            where, f"not valid JSON ({error.msg}): write one object per line"
        ) from None
    if not isinstance(request, dict):
        raise InputError(where, "not a JSON object: write one object per line")
    return request


def resolve_line(request: dict[str, Any], where: str) -> dict[str, Any]:
    """The request with its resolution added, or InputError saying what to fix."""
    text = request.get("text")
    if not isinstance(text, str):
        raise InputError(where, "no 'text': give the date expression as a string")
    if "published_at" not in request:
        raise InputError(where, "no 'published_at': give YYYY-MM-DD, or null if there is none")
    published_at = _optional_text(request, "published_at", where)
    try:
        published = dt.date.fromisoformat(published_at) if published_at else None
    except ValueError:
        raise InputError(where, f"'published_at' {published_at!r} is not YYYY-MM-DD") from None
    tense = request.get("tense")
    if tense is not None and tense not in _TENSES:
        raise InputError(where, f"'tense' {tense!r} must be one of {', '.join(_TENSES)} or null")
    resolution = resolve_date(
        text,
        published,
        context=_optional_text(request, "context", where),
        tense=tense,
        preceding=_optional_text(request, "preceding", where),
    )
    return {**request, "resolution": resolution.model_dump(mode="json")}


@click.command("resolve-dates", cls=Command)
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
def resolve_dates(source: TextIO) -> None:
    """Resolve date expressions read as JSONL from SOURCE (default: stdin); write JSONL on
    stdout.

    Each line is an object with "text" (the expression as written), "published_at"
    (YYYY-MM-DD, or null) and, optionally, "context" (its sentence), "preceding" (the text
    before that sentence) and "tense" (past, present or future). Each output line is the
    same object with a "resolution" added, in the same order; blank lines are skipped. A
    bad line gets an object with "error" instead, and the command then exits with 1.
    """
    failed = total = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        total += 1
        where = f"line {number}"
        request: dict[str, Any] = {}
        try:
            request = _request(line, where)
            answer = resolve_line(request, where)
        except InputError as error:
            failed += 1
            answer = {**request, "error": str(error)}
        click.echo(json.dumps(answer, ensure_ascii=False))
    if failed:
        click.echo(f"resolve-dates: {failed} of {total} lines failed (see 'error')", err=True)
        raise SystemExit(1)
