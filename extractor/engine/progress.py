"""What ``extractor run`` says on stderr while it works.

- ``TextLog``: a live line on a terminal; otherwise a progress line every ``every_s``
  seconds, and every line starts with its UTC time (``2026-03-01T02:00:07Z``). Failures and
  warnings always show; ``quiet`` drops progress and the summary.
- ``JsonLog`` (``--log-format json``): one JSON object per line for orchestrators, with a
  ``ts`` (UTC), a ``level`` (``info``, ``warning``, ``error``) and an ``event`` of
  ``endpoint`` (always the first, which endpoint and model), ``endpoint-failed``, ``start``,
  ``progress``, ``failed``, ``budget``, ``stopping``, ``shards``, ``cleanup`` or ``finished``.
- ``Tee`` sends everything to several logs; ``AppendFile`` is a stream that appends each
  line to a file (``--log-file``), opening it for each write.

None ever sees the API key: they get counts, article ids and error messages (which
``llm`` has already scrubbed of anything key-like).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from extractor.contract.models import Failure, RunManifest
from extractor.engine.observe import NoteKind, Progress

WARNINGS: set[NoteKind] = {
    "budget",
    "stopping",
    "left",
    "cache",
    "endpoint-failed",
    "stories-failed",
}
ALWAYS: set[NoteKind] = {"endpoint"}  # the first line, --quiet or not: which endpoint and model
LIVE_EVERY_S = 0.2
Wall = Callable[[], dt.datetime]


class Stream(Protocol):
    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


class Log(Protocol):
    """What ``extractor run`` reports to: the engine's observer, and the run's end."""

    def progress(self, progress: Progress, *, final: bool = False) -> None: ...

    def failed(self, failure: Failure) -> None: ...

    def note(self, kind: NoteKind, message: str) -> None: ...

    def finished(self, manifest: RunManifest, where: str, exit_code: int) -> None: ...


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime, places: int = 0) -> str:
    """ISO 8601 in UTC: ``2026-03-01T02:00:07Z`` (``places`` digits of the second, cut, not
    rounded: rounding 07.9996 up would need the next second)."""
    text = moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    if places:
        text += f".{moment.microsecond // 10 ** (6 - places):0{places}d}"
    return text + "Z"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def line(p: Progress) -> str:
    """``37/120 articles, 2 failed, 80 cached, 12.5/min, ETA 3m20s, 48,210 tokens, $0.0123``."""
    parts = [f"{p.done}/{p.total} articles", f"{p.failed} failed"]
    if p.cached:
        parts.append(f"{p.cached} cached")
    if p.skipped:
        parts.append(f"{p.skipped} skipped")
    parts += [f"{p.rate_per_s * 60:.1f}/min", f"ETA {_duration(p.eta_s)}"]
    parts.append(f"{p.tokens:,} tokens")
    if p.cost_usd:
        parts.append(f"${p.cost_usd:.4f}")
    if p.rate_limited:
        parts.append(f"{p.rate_limited} rate-limited")
    return ", ".join(parts)


def summary(manifest: RunManifest, where: str) -> str:
    c, t = manifest.counts, manifest.totals
    cost = f", ${t.cost_usd:.4f}" if t.cost_usd is not None else ""
    price = manifest.config.get("price")
    if t.cost_usd and price:
        cost += f" at {price}"  # with its unit: USD per 1M tokens
    return (
        f"{c.total} articles: {c.added} added, {c.changed} changed, {c.unchanged} unchanged, "
        f"{c.failed} failed, {c.skipped} skipped, {c.removed} removed; {t.model_calls} model "
        f"calls, {t.usage.total_tokens:,} tokens{cost} ({manifest.status}) -> {where}"
    )


def failure_line(failure: Failure) -> str:
    """``failed: a7: validation: the answer did not ... (events.0.when: Field required; 2
    more)``: the first validation error, if any, says why."""
    why = ""
    if failure.errors:
        more = len(failure.errors) - 1
        why = f" ({failure.errors[0]}" + (f"; {more} more)" if more else ")")
    return f"failed: {failure.id}: {failure.stage}: {failure.message}{why}"


class TextLog:
    """Human-readable stderr output."""

    def __init__(
        self,
        stream: Stream,
        *,
        interactive: bool,
        quiet: bool = False,
        every_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        wall: Wall = utc_now,
    ) -> None:
        self._stream, self._interactive, self._quiet = stream, interactive, quiet
        self._every_s, self._clock, self._wall = every_s, clock, wall
        self._last = clock()  # the start note stands for the first line
        self._live = False  # a live line is on screen

    def _write(self, text: str) -> None:
        if self._live:
            self._stream.write("\r\x1b[K")
            self._live = False
        if not self._interactive:
            text = f"{stamp(self._wall())} {text}"
        self._stream.write(text + "\n")
        self._stream.flush()

    def progress(self, progress: Progress, *, final: bool = False) -> None:
        if self._quiet:
            return
        now = self._clock()
        every = LIVE_EVERY_S if self._interactive else self._every_s
        if not final and now - self._last < every:
            return
        self._last = now
        if self._interactive and not final:
            self._stream.write("\r\x1b[K" + line(progress))
            self._live = True
            self._stream.flush()
        else:
            self._write(line(progress))

    def failed(self, failure: Failure) -> None:
        self._write(failure_line(failure))

    def note(self, kind: NoteKind, message: str) -> None:
        if kind in WARNINGS:
            self._write(f"warning: {message}")
        elif kind in ALWAYS or not self._quiet:
            self._write(message)

    def finished(self, manifest: RunManifest, where: str, exit_code: int) -> None:
        if not self._quiet:
            self._write(summary(manifest, where))


class JsonLog:
    """One JSON object per line: ``{"event": ..., ...}``."""

    def __init__(
        self,
        stream: Stream,
        *,
        quiet: bool = False,
        every_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        wall: Wall = utc_now,
    ) -> None:
        self._stream, self._quiet = stream, quiet
        self._every_s, self._clock, self._wall = every_s, clock, wall
        self._last = clock()

    def _emit(self, event: str, level: str = "info", **fields: Any) -> None:
        record = {"ts": stamp(self._wall(), 3), "level": level, "event": event, **fields}
        self._stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        self._stream.flush()

    def progress(self, progress: Progress, *, final: bool = False) -> None:
        now = self._clock()
        if self._quiet or (not final and now - self._last < self._every_s):
            return
        self._last = now
        p = progress
        eta = p.eta_s
        self._emit(
            "progress",
            done=p.done,
            total=p.total,
            failed=p.failed,
            cached=p.cached,
            skipped=p.skipped,
            requests=p.requests,
            rate_limited=p.rate_limited,
            tokens=p.tokens,
            cost_usd=round(p.cost_usd, 6),
            rate_per_min=round(p.rate_per_s * 60, 2),
            eta_s=round(eta, 1) if eta is not None else None,
            elapsed_s=round(p.elapsed_s, 3),
        )

    def failed(self, failure: Failure) -> None:
        self._emit("failed", "error", **failure.model_dump(mode="json"))

    def note(self, kind: NoteKind, message: str) -> None:
        if kind in WARNINGS:
            self._emit(kind, "warning", message=message)
        elif kind in ALWAYS or not self._quiet:
            self._emit(kind, message=message)

    def finished(self, manifest: RunManifest, where: str, exit_code: int) -> None:
        totals = manifest.totals
        self._emit(
            "finished",
            "info" if exit_code == 0 else "error",
            status=manifest.status,
            exit_code=exit_code,
            manifest=where,
            counts=manifest.counts.model_dump(mode="json"),
            model_calls=totals.model_calls,
            tokens=totals.usage.total_tokens,
            cost_usd=totals.cost_usd,
            duration_s=totals.duration_s,
        )


class Tee:
    """Everything to each of ``logs`` (stderr and ``--log-file``)."""

    def __init__(self, logs: Sequence[Log]) -> None:
        self._logs = list(logs)

    def progress(self, progress: Progress, *, final: bool = False) -> None:
        for log in self._logs:
            log.progress(progress, final=final)

    def failed(self, failure: Failure) -> None:
        for log in self._logs:
            log.failed(failure)

    def note(self, kind: NoteKind, message: str) -> None:
        for log in self._logs:
            log.note(kind, message)

    def finished(self, manifest: RunManifest, where: str, exit_code: int) -> None:
        for log in self._logs:
            log.finished(manifest, where, exit_code)


class AppendFile:
    """A stream that appends each write to ``path`` (UTF-8), opening the file each time, so
    a log rotated or removed meanwhile is simply started again. ``check`` fails early when the
    file cannot be written; a write that fails later never stops the run: ``on_error`` hears
    of the first, and the file is left alone from then on."""

    def __init__(self, path: Path, on_error: Callable[[str], None] = lambda _: None) -> None:
        self.path, self._on_error = path, on_error
        self._broken = False

    def check(self) -> None:
        with self.path.open("a", encoding="utf-8"):
            pass

    def write(self, text: str, /) -> int:
        if self._broken:
            return 0
        try:
            with self.path.open("a", encoding="utf-8") as file:
                return file.write(text)
        except OSError as exc:
            self._broken = True
            self._on_error(f"cannot write to the log file {self.path}: {exc.strerror or exc}")
            return 0

    def flush(self) -> None:
        return None
