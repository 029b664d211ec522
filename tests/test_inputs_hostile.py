"""Hostile inputs (issue 18): each bad file, folder or manifest row fails alone, nothing hangs.

FIFOs are made by the ``fifo`` fixture: should the code under test open one for reading (the
bug), a writer opens and closes it at once, so the test fails on its assertions instead of
hanging for ever.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.contract.article import RawArticle
from extractor.contract.ids import safe_id
from extractor.errors import ConfigError
from extractor.io.inputs import InputProblem, load_inputs
from tests.engine_support import clean_env
from tests.fake_endpoint import FakeEndpoint, Recorded, Reply, json_reply

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = ROOT / "seeds" / "003_4ce2d9851149de12.txt"
ANSWER_003 = json.loads((ROOT / "tests" / "data" / "answer_003.json").read_text(encoding="utf-8"))
DEEP = "[" * 100_000 + "]" * 100_000
TEXT = "The harbour reopened on Tuesday after the storm, the port authority said."

Items = list[RawArticle | InputProblem]
MakeFifo = Callable[[Path], Path]


def _articles(items: Items) -> dict[str, RawArticle]:
    return {i.id: i for i in items if isinstance(i, RawArticle)}


def _problems(items: Items) -> dict[str, str]:
    return {i.id: i.message for i in items if isinstance(i, InputProblem)}


@pytest.fixture
def fifo() -> Iterator[MakeFifo]:
    made: list[Path] = []
    stop = threading.Event()

    def unblock() -> None:
        while not stop.is_set():
            for path in list(made):
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
                except OSError:
                    continue  # no reader: nothing is waiting on it
                os.close(fd)
            stop.wait(0.02)

    def make(path: Path) -> Path:
        os.mkfifo(path)
        made.append(path)
        return path

    thread = threading.Thread(target=unblock, daemon=True)
    thread.start()
    yield make
    stop.set()
    thread.join()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    return folder


# --- 1. FIFOs, sockets, devices ---------------------------------------------------------------


def test_a_fifo_in_a_folder_fails_alone(tmp_path: Path, fifo: MakeFifo) -> None:
    folder = _folder(tmp_path)
    pipe = fifo(folder / "pipe.txt")
    fifo(folder / "stream.jsonl")
    items = load_inputs([folder])
    assert list(_articles(items)) == ["good"]
    assert _problems(items) == {
        "pipe": f"{pipe}: is a named pipe (FIFO), not a regular file; "
        "only regular files are read as articles: remove it or replace it with a file",
        "stream": f"{folder / 'stream.jsonl'}: is a named pipe (FIFO), not a regular file; "
        "only regular files are read as articles: remove it or replace it with a file",
    }


def test_a_fifo_given_directly_fails_alone(tmp_path: Path, fifo: MakeFifo) -> None:
    pipe = fifo(tmp_path / "pipe.json")
    [problem] = load_inputs([pipe])
    assert isinstance(problem, InputProblem)
    assert problem.message.startswith(f"{pipe}: is a named pipe (FIFO), not a regular file")


def test_a_fifo_named_in_a_manifest_row_fails_alone(tmp_path: Path, fifo: MakeFifo) -> None:
    folder = _folder(tmp_path)
    fifo(folder / "pipe.txt")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"path": "in/pipe.txt", "title": "Piped"}\n', encoding="utf-8")
    items = load_inputs([folder], manifest=manifest)
    assert list(_articles(items)) == ["good"]
    assert "is a named pipe (FIFO)" in _problems(items)["pipe"]


def test_a_fifo_given_as_the_manifest_is_a_usage_error(tmp_path: Path, fifo: MakeFifo) -> None:
    manifest = fifo(tmp_path / "m.jsonl")
    with pytest.raises(ConfigError) as caught:
        load_inputs([_folder(tmp_path)], manifest=manifest)
    assert str(caught.value) == (
        f"Cannot read the manifest {manifest}: it is a named pipe (FIFO), not a regular file; "
        "check --manifest."
    )


def test_sockets_and_devices_fail_alone(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "null.txt").symlink_to(os.devnull)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(folder / "sock.txt"))
        items = load_inputs([folder])
    finally:
        server.close()
    problems = _problems(items)
    assert list(_articles(items)) == ["good"]
    assert problems["null"].startswith(
        f"{folder / 'null.txt'}: is a character device, not a regular file"
    )
    assert problems["sock"].startswith(f"{folder / 'sock.txt'}: is a socket, not a regular file")


def test_a_fifo_swapped_in_after_the_check_does_not_hang(
    tmp_path: Path, fifo: MakeFifo, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = fifo(tmp_path / "pipe.txt")
    regular = os.stat(_folder(tmp_path) / "good.txt")
    real_stat = os.stat

    def stale_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        # What a check made just before the file was replaced by a FIFO would have seen.
        return regular if Path(path) == pipe else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stale_stat)
    [problem] = load_inputs([pipe])
    assert isinstance(problem, InputProblem)
    assert problem.message.startswith(f"{pipe}: is a named pipe (FIFO), not a regular file")


# --- 2. symbolic-link loops, deep JSON --------------------------------------------------------


def test_a_symlink_loop_fails_alone(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    items = load_inputs([folder])
    assert list(_articles(items)) == ["good"]
    assert _problems(items) == {
        name: f"{folder / name}.txt: is a symbolic link loop; fix or remove the link"
        for name in ("a", "b")
    }


def test_a_symlink_loop_given_directly_fails_alone(tmp_path: Path) -> None:
    loop = tmp_path / "self.txt"
    loop.symlink_to("self.txt")
    [problem] = load_inputs([loop])
    assert isinstance(problem, InputProblem)
    assert problem.message == f"{loop}: is a symbolic link loop; fix or remove the link"


def test_a_symlink_loop_in_a_manifest_row_is_harmless(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"path": "loop.txt"}\n{"path": "in/good.txt", "title": "T"}\n')
    assert _articles(load_inputs([folder], manifest=manifest))["good"].title == "T"


def test_a_manifest_path_with_a_nul_matches_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"path": "in/go\\u0000od.txt", "title": "No"}\n', encoding="utf-8")
    assert _articles(load_inputs([folder], manifest=manifest))["good"].title is None


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_deeply_nested_json_fails_alone(tmp_path: Path, name: str) -> None:
    folder = _folder(tmp_path)
    (folder / name).write_text(DEEP + "\n", encoding="utf-8")
    items = load_inputs([folder])
    assert list(_articles(items)) == ["good"]
    where = str(folder / name) + ("#1" if name.endswith("l") else "")
    message = "is nested too deeply to be read as JSON; give flat records"
    assert list(_problems(items).values()) == [
        f"{where}: {message}" if name.endswith("n") else f"{where} {message}"
    ]


def test_a_deep_record_among_good_ones_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    good = json.dumps({"id": "ok", "text": TEXT})
    deep = '{"id": "deep", "text": "x", "extra": ' + DEEP + "}"
    path.write_text(f"{good}\n{deep}\n", encoding="utf-8")
    items = load_inputs([path])
    assert list(_articles(items)) == ["ok"]
    assert list(_problems(items).values()) == [
        f"{path}#2 is nested too deeply to be read as JSON; give flat records"
    ]


def test_deeply_nested_json_ld_in_html_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = "<p>" + TEXT * 5 + "</p>"
    path.write_text(
        f'<html><head><script type="application/ld+json">{DEEP}</script></head>'
        f"<body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    [article] = load_inputs([path])
    assert isinstance(article, RawArticle)
    assert TEXT in article.text and article.published_at is None


def test_a_deeply_nested_manifest_line_is_a_usage_error(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(DEEP + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"m\.jsonl: line 1 is nested too deeply; fix it\."):
        load_inputs([_folder(tmp_path)], manifest=manifest)


# --- siblings: folders that cannot be listed, files that vanish or cannot be read -------------


def test_a_folder_that_cannot_be_listed_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "inside.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == folder / "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root may read any folder: chmod cannot test
    items = load_inputs([folder])
    assert list(_articles(items)) == ["good"]
    [(problem_id, message)] = _problems(items).items()
    assert problem_id.startswith("locked--")  # never the id of an article named "locked"
    assert message == (
        f"{folder / 'locked'}: the folder cannot be read (Permission denied), so its articles "
        "are missing; check its permissions"
    )


def test_a_file_that_vanishes_after_listing_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    (folder / "gone.txt").write_text(TEXT, encoding="utf-8")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    real_scandir = os.scandir

    class Listing(list[Any]):
        def __enter__(self) -> Listing:
            return self

        def __exit__(self, *_: object) -> None:
            pass

    def scandir(path: Any) -> Listing:
        with real_scandir(path) as entries:
            listing = Listing(entries)
        (folder / "gone.txt").unlink(missing_ok=True)  # listed, then removed before it is read
        return listing

    monkeypatch.setattr(os, "scandir", scandir)
    items = load_inputs([folder])
    assert list(_articles(items)) == ["good"]
    missing = "is missing (removed after it was listed, or a broken symbolic link); check it"
    assert _problems(items) == {
        "dangling": f"{folder / 'dangling.txt'}: {missing}",
        "gone": f"{folder / 'gone.txt'}: {missing}",
    }


def test_a_folder_tree_deeper_than_the_recursion_limit_is_walked(tmp_path: Path) -> None:
    # A lowered limit stands for a tree over 1,000 deep, which pytest's own (recursive)
    # clean-up of tmp_path could not remove.
    deepest = tmp_path
    for _ in range(300):
        deepest = deepest / "d"
        deepest.mkdir()
    (deepest / "deep.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "top.txt").write_text(TEXT, encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(250)
    try:
        items = load_inputs([tmp_path])
    finally:
        sys.setrecursionlimit(limit)
    assert list(_articles(items)) == ["deep", "top"]


@pytest.mark.parametrize("name", ["secret.txt", "secret.jsonl"])
def test_a_file_that_cannot_be_opened_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    folder = _folder(tmp_path)
    (folder / name).write_text(json.dumps({"id": "secret", "text": TEXT}), encoding="utf-8")
    real_open = os.open

    def refusing_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    items = load_inputs([folder])
    assert list(_articles(items)) == ["good"]
    assert _problems(items) == {
        "secret": f"{folder / name}: cannot be read (Permission denied); check its permissions"
    }


def test_a_regular_file_is_still_read_through_a_symlink(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "link.txt").symlink_to("good.txt")
    items = load_inputs([folder])
    assert [i.id for i in items] == ["good"]  # the same file, read once
    assert stat.S_ISLNK(os.lstat(folder / "link.txt").st_mode)


def test_a_file_name_that_is_not_utf8_is_shown_with_a_replacement_character(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    for stem in (b"caf\xe9", b"vide\xe9"):
        Path(os.fsdecode(bytes(folder) + b"/" + stem + b".txt")).write_bytes(
            TEXT.encode() if stem == b"caf\xe9" else b""
        )
    items = load_inputs([folder])
    shown = {i.path for i in items}
    assert shown == {str(folder / n) for n in ("caf\ufffd.txt", "good.txt", "vide\ufffd.txt")}
    assert "vide\ufffd.txt: is empty" in "".join(_problems(items).values())
    assert all(i.id.isascii() for i in items)


# --- 9. bad manifest rows fail their article --------------------------------------------------


@pytest.mark.parametrize("value", ["2017-13-45", "yesterday", "2017-02-30"])
def test_a_bad_manifest_date_fails_that_article_alone(tmp_path: Path, value: str) -> None:
    folder = _folder(tmp_path)
    (folder / "other.txt").write_text(TEXT, encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    rows = [{"id": "good", "published_at": "2017-02-16"}, {"id": "other", "published_at": value}]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items = load_inputs([folder], manifest=manifest)
    assert _articles(items)["good"].published_evidence == "m.jsonl line 1: published_at"
    assert _problems(items) == {
        "other": f"{folder / 'other.txt'}: manifest m.jsonl line 2: published_at {value!r} "
        "is not a date; use YYYY-MM-DD"
    }


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ('{"id": "r", "title": 3}\n', "m.jsonl line 1: title must be a string"),
        (
            '{"id": "x"}\n{"id": "r"}\n{"id": "r", "title": "T"}\n',
            "m.jsonl line 3 repeats m.jsonl line 2; keep one row per article",
        ),
    ],
)
def test_other_bad_manifest_rows_fail_their_article(
    tmp_path: Path, rows: str, message: str
) -> None:
    path = tmp_path / "recs.jsonl"
    path.write_text(
        json.dumps({"id": "r", "text": TEXT}) + "\n" + json.dumps({"id": "s", "text": TEXT}) + "\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(rows, encoding="utf-8")
    items = load_inputs([path], manifest=manifest)
    assert list(_articles(items)) == ["s"]
    assert _problems(items) == {"r": f"{path}#1: manifest {message}"}


def test_a_bad_csv_manifest_row_fails_its_article_by_path(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,published_at\nin/good.txt,2017-02-30\n", encoding="utf-8")
    assert _problems(load_inputs([folder], manifest=manifest)) == {
        "good": f"{folder / 'good.txt'}: manifest m.csv line 2: published_at '2017-02-30' "
        "is not a date; use YYYY-MM-DD"
    }


def test_an_oversized_csv_manifest_field_is_a_usage_error(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text('id,title\ngood,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"m\.csv: line 2 is not valid CSV \(.*\); fix it\."):
        load_inputs([_folder(tmp_path)], manifest=manifest)


# --- 10a. UTF-16 and UTF-32 without a byte-order mark -----------------------------------------

LATIN = "Le café a rouvert jeudi à Besançon. « C'était nécessaire », a dit le maire."


CYRILLIC = "Мэр сказал в пятницу, что новый мост через реку откроют 3 мая."


@pytest.mark.parametrize("text", [LATIN, CYRILLIC])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_decoded(
    tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(f"{text}\r\n{text}".encode(encoding))
    [article] = load_inputs([path])
    assert isinstance(article, RawArticle), article
    assert (article.text, article.encoding) == (f"{text}\n{text}", encoding)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 8,
        # NULs in every other byte, but the "characters" are control codes, not text.
        bytes(b for n in range(400) for b in (n % 31 + 1, 0)),
        # Odd length: not whole UTF-16 characters.
        "An article.".encode("utf-16-le") + b"!",
        # UTF-16 with U+0000 characters in it.
        "An\x00arti\x00cle".encode("utf-16-le") * 10,
    ],
)
def test_binary_files_with_nul_bytes_are_still_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(data)
    [problem] = load_inputs([path])
    assert isinstance(problem, InputProblem)
    assert problem.message.startswith(f"{path}: looks binary ("), problem.message


# --- end to end through `extractor run` --------------------------------------------------------


def _run(endpoint: FakeEndpoint, out: Path, *args: str) -> Any:
    endpoint.set_responder(lambda _: json_reply(ANSWER_003))
    base = ["run", "--base-url", endpoint.base_url, "--model", "m", "--quiet", "--out", str(out)]
    return CliRunner().invoke(cli, [*base, *args], env={}, catch_exceptions=False)


def test_run_over_hostile_inputs_finishes_and_lists_each_failure(
    fake_endpoint: FakeEndpoint, tmp_path: Path, fifo: MakeFifo
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_003, folder / "good.txt")
    fifo(folder / "pipe.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "deep.json").write_text(DEEP, encoding="utf-8")
    (folder / "deep2.jsonl").write_text(DEEP + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _run(fake_endpoint, out, str(folder))
    assert result.exit_code == 1, result.output
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    failures = {f["id"]: f for f in manifest["failures"]}
    assert sorted(failures) == sorted(["a", "b", "deep", safe_id("deep2.jsonl#1"), "pipe"])
    assert {f["stage"] for f in failures.values()} == {"input"}
    assert f"{folder / 'pipe.txt'}: is a named pipe (FIFO)" in failures["pipe"]["message"]
    assert f"{folder / 'a.txt'}: is a symbolic link loop" in failures["a"]["message"]
    assert f"{folder / 'deep.json'}: is nested too deeply" in failures["deep"]["message"]
    assert (out / "articles" / "good.json").exists()
    assert manifest["counts"]["failed"] == 5


def test_run_over_files_whose_names_are_not_utf8_writes_run_json(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_003, os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))
    Path(os.fsdecode(bytes(folder) + b"/vide\xe9.txt")).write_bytes(b"")
    out = tmp_path / "out"
    result = _run(fake_endpoint, out, str(folder))
    assert result.exit_code == 1, result.output
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    [failure] = manifest["failures"]
    assert f"{folder / 'vide'}\ufffd.txt: is empty" in failure["message"]
    [document] = (out / "articles").glob("caf*.json")
    assert json.loads(document.read_text(encoding="utf-8"))["source"]["path"] == str(
        folder / "caf\ufffd.txt"
    )


def test_run_with_a_bad_manifest_row_runs_the_other_articles(
    fake_endpoint: FakeEndpoint, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_003, folder / "good.txt")
    shutil.copy(SEED_003, folder / "other.txt")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        '{"id": "good", "published_at": "2017-02-16"}\n'
        '{"id": "other", "published_at": "2017-13-45"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = _run(fake_endpoint, out, str(folder), "--manifest", str(manifest))
    assert result.exit_code == 1, result.output
    [failure] = json.loads((out / "run.json").read_text(encoding="utf-8"))["failures"]
    assert failure["id"] == "other"
    assert "manifest m.jsonl line 2: published_at '2017-13-45' is not a date" in failure["message"]
    assert (out / "articles" / "good.json").exists()


def test_sigterm_stops_a_run_whose_folder_holds_a_fifo(tmp_path: Path) -> None:
    """The issue's case, in a real process: before, it sat in the FIFO's open, deaf to signals."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_003, folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "out"

    def slow(_: Recorded) -> Reply:
        reply = json_reply(ANSWER_003)
        reply.hold = True  # in flight until the run is stopped
        return reply

    with FakeEndpoint(slow) as endpoint:
        command = [sys.executable, "-c", "from extractor.cli import main; main()", "run"]
        command += [str(folder), "--out", str(out), "--base-url", endpoint.base_url]
        command += ["--model", "m", "--quiet", "--stop-grace", "0"]
        env = clean_env()
        process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 20
            while not endpoint.chat_requests and time.monotonic() < deadline:
                assert process.poll() is None, process.communicate()[1]
                time.sleep(0.01)
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert endpoint.chat_requests, "the run never got past reading its inputs"
    assert process.returncode == 143
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in manifest["failures"]] == ["pipe"]


# Runs `extractor run` with input reading slowed down, saying on stderr when it has begun.
_SLOW_LOAD = """
import sys, time
import extractor.cli.run as run
real = run.load_inputs
def slow(*args, **kwargs):
    print("reading inputs", file=sys.stderr, flush=True)
    time.sleep(2)
    return real(*args, **kwargs)
run.load_inputs = slow
from extractor.cli import main
main()
"""


def test_a_signal_while_inputs_are_read_starts_no_article(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    with FakeEndpoint(lambda _: json_reply(ANSWER_003)) as endpoint:
        command = [sys.executable, "-c", _SLOW_LOAD, "run", str(folder), "--out", str(out)]
        command += ["--base-url", endpoint.base_url, "--model", "m", "--quiet"]
        env = clean_env()
        process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        try:
            assert process.stderr is not None
            assert "endpoint: " in process.stderr.readline()  # the first line names it
            assert process.stderr.readline() == "reading inputs\n"
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 143
    assert endpoint.chat_requests == []
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "interrupted"
    assert [a["status"] for a in manifest["articles"]] == ["skipped"]
