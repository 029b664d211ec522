"""A regular (non-editable) install works: the wheel carries the prompts and the schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

from tests.engine_support import clean_env
from tests.fake_endpoint import FakeEndpoint, json_reply

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = ROOT / "seeds" / "003_4ce2d9851149de12.txt"
ANSWER_003 = json.loads((ROOT / "tests" / "data" / "answer_003.json").read_text(encoding="utf-8"))


def _setuptools_config() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    result: dict[str, object] = config["tool"]["setuptools"]
    return result


def test_every_package_of_the_source_is_listed_for_the_wheel() -> None:
    listed = set(_setuptools_config()["packages"])  # type: ignore[call-overload]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "extractor").rglob("__init__.py")
    }
    assert found - listed == set(), "add the new package to [tool.setuptools] packages"
    assert {"extractor._prompts", "extractor._schemas"} <= listed


def _build_wheel(tmp_path: Path) -> Path:
    """Build the wheel offline from a copy of the sources (the checkout stays untouched)."""
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("extractor", "prompts", "schemas"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--quiet"]
    offline = ["--no-deps", "--no-index", "--no-build-isolation"]
    subprocess.run(
        [*pip, "wheel", *offline, "--wheel-dir", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("extractor-*.whl")
    return wheel


def _venv_with(wheel: Path, tmp_path: Path) -> Path:
    """A fresh venv holding the wheel; the dependencies are seen from this interpreter's."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A plain path line: the editable install's own .pth files there are not processed.
    (Path(purelib) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--quiet", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True
    )
    return venv


def test_installed_wheel_runs_and_validates(fake_endpoint: FakeEndpoint, tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "extractor/_prompts/extract.system.txt" in names
    assert "extractor/_schemas/article.schema.json" in names
    venv = _venv_with(wheel, tmp_path)
    work = tmp_path / "elsewhere"  # outside the repository: no top-level prompts/ or schemas/
    (work / "in").mkdir(parents=True)
    shutil.copy(SEED_003, work / "in" / SEED_003.name)
    env = clean_env()
    env["PYTHONDONTWRITEBYTECODE"] = "1"

    def extractor(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(venv / "bin" / "extractor"), *args]
        return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import extractor; print(extractor.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where).is_relative_to(venv)

    fake_endpoint.queue(json_reply(ANSWER_003))
    endpoint = ("--base-url", fake_endpoint.base_url, "--model", "fake-model", "--quiet")
    run = extractor("run", "in", "--out", "out", *endpoint)
    assert run.returncode == 0, run.stderr
    [request] = fake_endpoint.chat_requests
    system = (ROOT / "prompts" / "extract.system.txt").read_text(encoding="utf-8")
    assert request.body["messages"][0]["content"] == system
    doc = json.loads((work / "out" / "articles" / f"{SEED_003.stem}.json").read_text("utf-8"))
    assert doc["events"]

    checked = extractor("validate", "out")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    events = len(doc["events"])
    assert checked.stdout.strip() == f"Checked 1 document, 1 run, {events} event lines: valid."

    exported = extractor("export", "out", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    assert f"events.csv\t{events} rows" in exported.stdout
