"""A compact, bounded line diff of two texts, as escaped HTML (for an article whose text changed).

Lines are compared with difflib; a line replaced by one other line shows the words that
differ, with only a little unchanged text around them. At most ``max_lines`` lines are shown,
so a rewritten article does not make the page huge.
"""

from __future__ import annotations

import difflib
import re
from html import escape

CONTEXT = 60  # unchanged characters kept on each side of a change within a line
LONG_LINE = 300  # an added or removed line longer than this is cut
MAX_LINES = 30


def text_diff(old: str, new: str, *, max_lines: int = MAX_LINES) -> str:
    """The lines removed from ``old`` and added in ``new`` (none: an empty string)."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        rows.append(f'<span class="at">line {j1 + 1}</span>')
        if tag == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(a[i1:i2], b[j1:j2], strict=True):
                removed, added = _words(before, after)
                rows += [_row("del", removed), _row("ins", added)]
            continue
        rows += [_row("del", _cut(line)) for line in a[i1:i2]]
        rows += [_row("ins", _cut(line)) for line in b[j1:j2]]
    changed = sum(1 for r in rows if not r.startswith('<span class="at">'))
    if not changed:
        return ""
    shown, hidden = rows[:max_lines], len(rows) - max_lines
    if hidden > 0:
        shown.append(f'<span class="at">… {hidden} more lines not shown</span>')
    return '<pre class="textdiff">' + "".join(shown) + "</pre>"  # each row a block


def _row(kind: str, html: str) -> str:
    sign = "-" if kind == "del" else "+"
    return f'<span class="{kind}">{sign} {html}</span>'


def _cut(line: str) -> str:
    if len(line) <= LONG_LINE:
        return escape(line)
    return escape(line[:LONG_LINE]) + f" … ({len(line) - LONG_LINE} more characters)"


def _words(before: str, after: str) -> tuple[str, str]:
    """Both lines with their differing words marked, and long unchanged stretches elided."""
    x, y = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    old: list[tuple[str, bool]] = []
    new: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
        same = tag == "equal"
        old.append(("".join(x[i1:i2]), not same))
        new.append(("".join(y[j1:j2]), not same))
    return _marked(_joined(old), "del"), _marked(_joined(new), "ins")


def _joined(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Changed words separated only by spaces become one change: "<del>the press</del>"."""
    out: list[tuple[str, bool]] = []
    for index, (text, changed) in enumerate(parts):
        inside = 0 < index < len(parts) - 1 and parts[index - 1][1] and parts[index + 1][1]
        changed = changed or (inside and text.isspace())
        if out and changed and out[-1][1]:
            out[-1] = (out[-1][0] + text, True)
        else:
            out.append((text, changed))
    return out


def _marked(parts: list[tuple[str, bool]], tag: str) -> str:
    out = []
    last = len(parts) - 1
    for index, (text, changed) in enumerate(parts):
        if not text:
            continue
        if changed:
            out.append(f"<{tag}>{escape(text)}</{tag}>")
        elif index == 0 and len(text) > CONTEXT:  # before the first change
            out.append("…" + escape(_tail(text)))
        elif index == last and len(text) > CONTEXT:  # after the last change
            out.append(escape(_head(text)) + "…")
        elif len(text) > 2 * CONTEXT:
            out.append(escape(_head(text)) + "…" + escape(_tail(text)))
        else:
            out.append(escape(text))
    return "".join(out)


def _head(text: str) -> str:
    """About CONTEXT characters from the start, ending at a space when there is one."""
    cut = text[:CONTEXT]
    return cut.rsplit(" ", 1)[0] + " " if " " in cut.strip() else cut


def _tail(text: str) -> str:
    """About CONTEXT characters from the end, starting at a space when there is one."""
    cut = text[-CONTEXT:]
    return " " + cut.split(" ", 1)[1] if " " in cut.strip() else cut
