"""The pipeline's pure stages, optionally in worker processes.

The engine's own process talks to the endpoint and keeps the books (cache, files, manifest).
With a ``StagePool``, the CPU-heavy pure stages of each article, cleaning before the model call
and building and rendering the document after it, run in worker processes beside it, so that
a run uses more than one core.

Each worker is a child Python reading pickled calls on its stdin and answering on its stdout,
in order. The event loop writes and reads those pipes itself: no thread in this process
competes with it for the GIL (``concurrent.futures.ProcessPoolExecutor``'s threads did, and
cost more than the stages saved). Until the workers are up (they import the pipeline, about
a second), and after one dies, stages run in this process: they are pure, so running one
again gives the same result.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import os
import pickle
import select
import signal
import struct
import sys
import time
from collections.abc import Callable
from typing import Any, BinaryIO, TypeVar

from extractor.article.parts import ArticleParts
from extractor.article.pipeline import HERE, Client, PipelineSettings, compose, finish
from extractor.contract.article import RawArticle
from extractor.contract.models import ModelEvent, Provenance
from extractor.engine.files import Rendered, render
from extractor.errors import InternalError
from extractor.io.gc_pace import quick_exit
from extractor.stories import DEFAULT_RULES, document_facts

T = TypeVar("T")
_HEADER = struct.Struct("!I")  # the length of the pickle that follows
_SERVE = "from extractor.engine.stages import serve; serve()"


Answer = asyncio.Future[Any]
Lane = collections.deque[tuple[Callable[..., Any], tuple[Any, ...], Answer]]


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process, answered: Callable[[], None]) -> None:
        if process.stdin is None or process.stdout is None:
            raise InternalError("a worker process started without its pipes")
        self.process = process
        self.stdin = process.stdin
        self.stdout = process.stdout
        self.waiting: collections.deque[asyncio.Future[Any]] = collections.deque()
        self.alive = True
        self.answered = answered  # called after each answer: the pool sends the next call
        self._outgoing: list[bytes] = []

    def send(self, function: Callable[..., Any], args: tuple[Any, ...], answer: Answer) -> None:
        if not self._outgoing:  # the calls of one turn of the loop go in one write
            asyncio.get_running_loop().call_soon(self._flush)
        self._outgoing.append(_frame((function, args)))
        self.waiting.append(answer)

    def _flush(self) -> None:
        self.stdin.write(b"".join(self._outgoing))
        self._outgoing.clear()

    async def read_answers(self) -> None:
        """Resolve the calls in the order they were sent; on EOF, fail those left."""
        try:
            while True:
                (size,) = _HEADER.unpack(await self.stdout.readexactly(_HEADER.size))
                outcome = pickle.loads(await self.stdout.readexactly(size))  # noqa: S301 (its own child)
                answer = self.waiting.popleft()
                if not answer.done():
                    answer.set_result(outcome)
                self.answered()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.alive = False
            while self.waiting:
                answer = self.waiting.popleft()
                if not answer.done():
                    answer.set_exception(_WorkerGone())
            self.answered()


class StagePool:
    """``processes`` worker processes for pure functions: ``await pool.run(f, *args)``, where
    ``f`` and the arguments can be pickled (``f`` defined at the top of a module).

    Each worker holds at most ``DEPTH`` calls; the others wait here in two lanes, and a call
    made with ``first`` (a stage whose result a model request waits for) goes before every
    call of the other lane, so a wave of documents to build does not hold back new requests.
    """

    DEPTH = 4

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._lanes: tuple[Lane, Lane] = (collections.deque(), collections.deque())
        self._started: list[_Worker] = []
        self._workers: list[_Worker] = []  # once all are up
        self._tasks: list[asyncio.Task[None]] = []
        self._starting: asyncio.Task[None] | None = None

    @property
    def ready(self) -> bool:
        """Whether calls go to the workers (all started, and at least one still alive)."""
        return any(w.alive for w in self._workers)

    @property
    def pids(self) -> list[int]:
        """The workers' process ids (for measurements)."""
        return [w.process.pid for w in self._workers]

    def start(self) -> None:
        """Start the workers (from a running event loop); stages run here until they are up."""
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())

    async def _start(self) -> None:
        for _ in range(self.processes):
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                _SERVE,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
            )
            self._started.append(_Worker(process, self._dispatch))
        for worker in self._started:
            ready = await worker.stdout.read(1)  # the worker has imported the pipeline
            if ready != b"!":
                worker.alive = False
        self._tasks = [asyncio.ensure_future(w.read_answers()) for w in self._started]
        self._workers = self._started

    async def wait_ready(self) -> None:
        """Wait until the workers are up (a benchmark times the steady state)."""
        if self._starting is not None:
            await self._starting

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a worker when they are up, else here."""
        return await self._call(1, function, args)

    async def first(self, function: Callable[..., T], *args: Any) -> T:
        """As ``run``, ahead of the calls made with ``run``."""
        return await self._call(0, function, args)

    async def _call(self, lane: int, function: Callable[..., T], args: tuple[Any, ...]) -> T:
        if not any(w.alive for w in self._workers):
            return function(*args)
        answer: Answer = asyncio.get_running_loop().create_future()
        self._lanes[lane].append((function, args, answer))
        self._dispatch()
        try:
            ok, value = await answer
        except _WorkerGone:
            return function(*args)
        if ok:
            return value  # type: ignore[no-any-return]
        if value is None:
            return function(*args)  # raises here what could not be sent back (``InputError``)
        raise value

    def _dispatch(self) -> None:
        """Send waiting calls, first lane first, to the workers with room for them; with no
        worker alive, the calls left run here (their callers see ``_WorkerGone``)."""
        alive = [w for w in self._workers if w.alive]
        for lane in self._lanes:
            while lane:
                if not alive:
                    *_, answer = lane.popleft()
                    if not answer.done():
                        answer.set_exception(_WorkerGone())
                    continue
                worker = min(alive, key=lambda w: len(w.waiting))
                if len(worker.waiting) >= self.DEPTH:
                    return
                function, args, answer = lane.popleft()
                if not answer.done():  # its caller may have been cancelled meanwhile
                    worker.send(function, args, answer)

    async def aclose(self) -> None:
        """Stop the workers (they finish the call they are in)."""
        if self._starting is not None:
            self._starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._starting
        for worker in self._started:
            worker.stdin.close()
        for worker in self._started:
            try:
                await asyncio.wait_for(worker.process.wait(), timeout=10)
            except TimeoutError:
                worker.process.kill()
                await worker.process.wait()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._started, self._workers, self._tasks = [], [], []


class _WorkerGone(Exception):
    """The worker died before answering."""


def serve() -> None:
    """A worker process: answer calls from stdin on stdout (see ``answer_calls``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything else written to stdout goes to stderr, not into the answers
    answer_calls(sys.stdin.buffer, answers)
    quick_exit()


def answer_calls(requests: BinaryIO, answers: BinaryIO) -> None:
    """Say "!" (ready), then read ``(function, args)`` calls and answer each, in order, with
    ``(True, result)`` or ``(False, exception)``; ``(False, None)`` when the exception cannot
    be pickled back. Returns at the end of ``requests``."""
    answers.write(b"!")
    answers.flush()
    while header := requests.read(_HEADER.size):
        (size,) = _HEADER.unpack(header)
        function, args = pickle.loads(requests.read(size))  # noqa: S301 (from its parent)
        outcome: tuple[bool, Any]
        try:
            outcome = (True, function(*args))
        except Exception as exc:
            outcome = (False, exc if _travels(exc) else None)
        answers.write(_frame(outcome))
        if not _more(requests):  # answers to calls sent together go back together
            answers.flush()
    answers.flush()


def _frame(value: Any) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _more(stream: BinaryIO) -> bool:
    """Whether a call is waiting to be read (a stream with no file descriptor: never)."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return False
    return bool(select.select([fd], [], [], 0)[0])


def _travels(exc: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))  # noqa: S301 (its own bytes)
    except Exception:
        return False
    return True


async def extract_rendered(
    article: RawArticle,
    client: Client,
    settings: PipelineSettings,
    pool: StagePool | None,
    recorded: tuple[str, float] | None = None,
    prepared: ArticleParts | None = None,
    asked: Callable[[], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Rendered:
    """The pipeline's one composition, its pure stages in ``pool``, ending with the rendered
    document (made in the worker, so only bytes come back); ``prepared``: the article as
    already cleaned; ``asked``: called once the model has answered."""
    runner = pool if pool is not None else HERE
    return await compose(
        article,
        client,
        settings,
        runner,
        clock,
        finish_rendered,
        recorded,
        prepared=prepared,
        asked=asked,
    )


def finish_rendered(
    parts: ArticleParts,
    events: list[ModelEvent],
    made: Provenance,
    recorded: tuple[str, float] | None,
) -> Rendered:
    """The rendered document, with its events' story facts: made here (in a worker), the
    run's link after the last answer need not read the document again."""
    document = finish(parts, events, made)
    facts = tuple(document_facts(document, DEFAULT_RULES))
    return dataclasses.replace(render(document, recorded), facts=facts)
