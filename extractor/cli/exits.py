"""The one mapping of errors to exit codes, for every command.

Every command is a ``Command``: an error that leaves it becomes one line on stderr,
``Error: <what went wrong>``, and the exit code of the first row of ``EXITS`` it matches. Click's
own errors (a missing argument, a bad option value) keep click's messages and exit 2. With
``extractor --debug`` (or ``EXTRACTOR_DEBUG=1``) the traceback follows the line. The API key
never appears: it is blanked from the message and the traceback.
"""

from __future__ import annotations

import functools
import os
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from extractor.errors import (
    ConfigError,
    EndpointUnavailableError,
    ExtractorError,
    InternalError,
)

FAILED = 1  # a runtime or data failure: some articles failed, a run or file cannot be read
USAGE = 2  # bad usage or configuration the user can fix
ENDPOINT = 3  # the endpoint itself failed (key, model, connection): the run stopped
PENDING = 75  # run --batch: batches submitted and not all ended: come back later (EX_TEMPFAIL)
INTERNAL = 70  # a bug in extractor (EX_SOFTWARE of sysexits.h)
SIGNALS = {"SIGINT": 130, "SIGTERM": 143}  # 128 + the signal number, as shells report

# Error class -> exit code; the first row that matches wins, so subclasses come first.
EXITS: tuple[tuple[type[Exception], int], ...] = (
    (InternalError, INTERNAL),
    (ConfigError, USAGE),
    (EndpointUnavailableError, ENDPOINT),
    (ExtractorError, FAILED),
    (OSError, FAILED),
)

DEBUG = "extractor.debug"  # ctx.meta key set by ``extractor --debug``
_SECRET_PARAMS = ("api_key",)
_SECRET_ENV = ("OPENAI_API_KEY",)
_HIDDEN = "***"


def exit_code_of(error: Exception) -> int:
    """The exit code for ``error``: its row of ``EXITS``, else INTERNAL (a bug)."""
    return next((code for kind, code in EXITS if isinstance(error, kind)), INTERNAL)


def message_of(error: Exception) -> str:
    """One line naming the problem."""
    if isinstance(error, ExtractorError):
        text = str(error)
    elif isinstance(error, OSError):
        where = " -> ".join(str(f) for f in (error.filename, error.filename2) if f is not None)
        reason = error.strerror or str(error)
        text = f"cannot read or write {where}: {reason}" if where else reason
    else:
        first = (str(error).splitlines() or [""])[0][:200]
        text = str(InternalError(f"{type(error).__name__}: {first}" if first else repr(error)))
        text += " Run with --debug for the traceback."
    return " ".join(text.split("\n"))


class Failure(click.ClickException):
    """An error turned into ``Error: message`` on stderr and its exit code."""


@functools.cache
def failure(code: int) -> type[Failure]:
    """The ``Failure`` that exits with ``code`` (click reads the code from the class)."""
    return type(f"Failure{code}", (Failure,), {"exit_code": code})


def secrets_of(ctx: click.Context) -> list[str]:
    """The values to blank: the API key, from its flag or the environment."""
    values = [ctx.params.get(name) for name in _SECRET_PARAMS]
    values += [os.environ.get(name) for name in _SECRET_ENV]
    return [v for v in values if isinstance(v, str) and v]


def blanked(text: str, secrets: Sequence[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, _HIDDEN)
    return text


@contextmanager
def mapped(ctx: click.Context) -> Iterator[None]:
    """Turn an error raised in the block into a ``Failure`` with its exit code."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise  # click's own: already a message and an exit code
    except Exception as error:
        secrets = secrets_of(ctx)
        if ctx.meta.get(DEBUG):
            trace = "".join(traceback.format_exception(error))
            click.echo(blanked(trace, secrets), err=True, nl=False)
        raise failure(exit_code_of(error))(blanked(message_of(error), secrets)) from error


class Command(click.Command):
    """A command whose errors go through ``mapped``: parsing (option callbacks) and running."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with mapped(ctx):
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        with mapped(ctx):
            return super().invoke(ctx)


class Group(Command, click.Group):
    """A group of commands (``extractor batch``) whose own errors go through ``mapped``."""
