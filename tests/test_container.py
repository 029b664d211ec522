"""The container recipe (``Dockerfile``) cannot be built here (no container engine): check
what can be checked without one."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

from extractor.article.prompt import default_prompts_dir
from extractor.validate import default_schemas_dir

ROOT = Path(__file__).resolve().parents[1]
RECIPE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), with continued lines joined and comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", RECIPE)
    pairs = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


def _copied() -> list[str]:
    return [s for word, rest in _instructions() if word == "COPY" for s in rest.split()[:-1]]


def _pip_install(command: str) -> list[str]:
    """The arguments of the ``pip install`` with ``-c``, as shlex splits them."""
    for part in re.split(r"&&|\n", command):
        words = shlex.split(part.replace("$(BIN)/", ""))
        if words[:2] == ["pip", "install"] and "-c" in words:
            return words
    raise AssertionError(f"no pip install -c in {command!r}")


def _extras(words: list[str]) -> set[str]:
    [target] = [w for w in words if w.startswith(".[")]
    return set(target[2:-1].split(","))


def test_every_copied_path_exists() -> None:
    copied = _copied()
    assert copied, "no COPY"
    for source in copied:
        assert (ROOT / source).exists(), source


def test_what_the_command_reads_at_run_time_is_copied() -> None:
    copied = {source.rstrip("/") for source in _copied()}
    for needed in (default_prompts_dir(), default_schemas_dir()):
        assert needed.relative_to(ROOT).as_posix() in copied
    assert {"pyproject.toml", "constraints.txt", "README.md", "extractor"} <= copied


def test_install_matches_the_makefile_without_the_dev_tools() -> None:
    runs = " && ".join(rest for word, rest in _instructions() if word == "RUN")
    image = _pip_install(runs)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    [line] = [x for x in makefile.splitlines() if "pip install" in x and "-c" in x]
    made = _pip_install(line.strip())
    for words in (image, made):
        assert words[words.index("-c") + 1] == "constraints.txt"
        assert "-e" in words  # prompts/ and schemas/ are found next to the package
    assert _extras(image) == _extras(made) - {"dev"}


def test_the_image_runs_the_command() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [name] = scripts["scripts"]
    assert ("ENTRYPOINT", f'["{name}"]') in _instructions()
    assert RECIPE.startswith("#") and "FROM python:3.11-slim" in RECIPE
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignored and ".git" in ignored
