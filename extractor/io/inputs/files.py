"""Opening an input file without trusting the file system.

Only regular files are opened: a FIFO, socket or device is refused before it is opened (opening a
FIFO waits for a writer, for ever and deaf to signals). A symbolic-link loop or a file that
vanishes becomes an ``Unreadable`` reason, never a crash of the batch.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

__all__ = ["Unreadable", "open_regular", "printable", "resolved", "unreadable"]

# Opening never waits, even on a FIFO swapped in after the check; regular files ignore the flag.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


class Unreadable(Exception):
    """A file that cannot be read: ``reason`` says what it is ("is a socket, not a regular
    file"), ``advice`` what to do."""

    def __init__(self, reason: str, advice: str) -> None:
        super().__init__(f"{reason}; {advice}")
        self.reason = reason
        self.advice = advice


def printable(path: Path) -> str:
    """The path as text any UTF-8 output can hold: bytes of a name that are not UTF-8 (kept by
    Python as lone surrogates) become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def resolved(path: Path) -> Path:
    """The absolute path with symbolic links resolved as far as they go (a loop is left as is)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic-link loop, before Python 3.13
        return path.absolute()
    except ValueError:  # a NUL in the name: no file has it
        return path


def open_regular(path: Path) -> io.BufferedReader:
    """``path`` opened for binary reading, if it is a regular file (links are followed).

    Raises Unreadable for anything else, and for a file that cannot be opened.
    """
    try:
        _require_regular(path.stat().st_mode)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise unreadable(exc) from None
    try:
        _require_regular(os.fstat(fd).st_mode)
        return os.fdopen(fd, "rb")
    except OSError as exc:
        os.close(fd)
        raise unreadable(exc) from None
    except Unreadable:
        os.close(fd)
        raise


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise Unreadable(
            f"is {kind}, not a regular file",
            "only regular files are read as articles: remove it or replace it with a file",
        )


def unreadable(exc: OSError) -> Unreadable:
    """What an OSError met while reading a file means."""
    if exc.errno == errno.ELOOP:
        return Unreadable("is a symbolic link loop", "fix or remove the link")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return Unreadable(
            "is missing (removed after it was listed, or a broken symbolic link)", "check it"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Unreadable(f"cannot be read ({exc.strerror})", "check its permissions")
    return Unreadable(f"cannot be read ({exc.strerror or exc})", "check the file")
