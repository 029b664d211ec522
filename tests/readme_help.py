"""The README's ``--help`` excerpts, generated from the commands themselves.

A block in README.md such as::

    <!-- help: run -->
    ```text
    ...
    ```
    <!-- /help -->

holds the output of ``extractor run --help``. ``tests/test_readme.py`` fails when a block is
stale; ``python -m tests.readme_help`` rewrites them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"
WIDTH = 100
BLOCK = re.compile(
    r"(?P<open><!-- help:(?P<args>[^>]*?)-->\n)```text\n.*?```\n(?P<close><!-- /help -->)",
    re.DOTALL,
)


def help_text(args: list[str]) -> str:
    """What ``extractor ARGS --help`` prints, at a fixed width."""
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="extractor", terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"extractor {' '.join(args)} --help failed: {result.output}")
    return result.output


def render(readme: str) -> str:
    """The README with every help block filled anew."""

    def fill(match: re.Match[str]) -> str:
        text = help_text(match["args"].split())
        return f"{match['open']}```text\n{text}```\n{match['close']}"

    return BLOCK.sub(fill, readme)


def main() -> None:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
        print("README.md: help blocks rewritten", file=sys.stderr)


if __name__ == "__main__":
    main()
