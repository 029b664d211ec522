"""Prompt templates live in ``prompts/`` as files; a pure function fills them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from extractor.contract.resources import data_dir
from extractor.errors import ConfigError

DEFAULT_PROMPT = "extract"
# The prompt of each kind of answer (``PipelineSettings.answers``): it asks for what the
# schema asks, and no more.
PROMPTS = {"full": DEFAULT_PROMPT, "short": "extract-short", "anchors": "extract-anchors"}


@dataclass(frozen=True)
class Prompt:
    """A prompt: its id, system and user templates, and the hash of both."""

    id: str
    system: str
    user: str

    @property
    def sha256(self) -> str:
        blob = f"{self.id}\0{self.system}\0{self.user}".encode()
        return hashlib.sha256(blob).hexdigest()


def default_prompts_dir() -> Path:
    """``prompts/`` of the repository, or its copy inside an installed wheel."""
    return data_dir("prompts")


def load_prompt(directory: Path, prompt_id: str = DEFAULT_PROMPT) -> Prompt:
    """Read ``<id>.system.txt`` and ``<id>.user.txt`` from ``directory``."""
    parts = {}
    for part in ("system", "user"):
        path = directory / f"{prompt_id}.{part}.txt"
        try:
            parts[part] = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"Prompt file {path} cannot be read ({exc.strerror}).") from exc
    return Prompt(prompt_id, parts["system"], parts["user"])


def fill(template: str, **values: str) -> str:
    """Substitute ``$name`` placeholders; a missing value is an error, never left in place."""
    try:
        return Template(template).substitute(values)
    except KeyError as exc:
        raise ConfigError(f"Prompt template needs a value for ${exc.args[0]}.") from exc


_QUOTE_RUN = re.compile(r'"+')


def fence(text: str) -> str:
    """The line that opens and closes the article in the prompt (``$fence``): three double
    quotes, or one more than the longest run of them in ``text``, so nothing in the article
    can close its block early."""
    longest = max((len(run) for run in _QUOTE_RUN.findall(text)), default=0)
    return '"' * max(3, longest + 1)
