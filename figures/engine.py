"""Engine: run the per-document work (read, extract) locally in processes or on a Dask cluster, with
a per-document time limit, skipping documents whose results the build's store already has (see
store.Store.known). Results come back in input order, so the output is the same whatever the engine
and however many jobs."""

from __future__ import annotations

import hashlib
import json
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from figures import __version__
from figures.articles import Article, read_article
from figures.rules import Rules, load_rules

if TYPE_CHECKING:
    from figures.pipeline import Checked

TIME_LIMIT = 60.0  # seconds one document may take before it is recorded as a problem


@dataclass(frozen=True)
class Task:
    """One document to process: where it is, what the manifest says of it, and with which rules."""

    path: str
    root: str
    manifest_row: tuple[tuple[str, str], ...]
    rules_folder: str
    time_limit: float = TIME_LIMIT


Result = tuple[dict, list[dict]]  # the document's row and its figures' rows


class Outcome(NamedTuple):
    """A task's result as the build receives it, validated and ready for the store (see
    pipeline.checked), with its key (None without a cache); or, when the store already has the document
    under that key, only `kept`: what `known` found of it."""

    checked: Checked | None
    key: str | None = None
    kept: tuple | None = None


class _TooSlow(BaseException):
    """The time limit's alarm: not an Exception, so that no `except Exception` on its way (pipeline.process's
    own, a library's) takes it for an ordinary error."""


@lru_cache(maxsize=4)
def _rules(folder: str) -> Rules:
    return load_rules(Path(folder))


@lru_cache(maxsize=4)
def _sizes(folder: str) -> dict:
    from figures.households import load_sizes

    path = Path(folder) / "household_size.csv"
    return load_sizes(path if path.is_file() else None)  # a rules folder without one uses the packaged sizes


_armed = False  # whether an alarm now may interrupt a document (see _within)


def _alarm(signum, frame):
    if _armed:
        raise _TooSlow


def _within(limit: float, call: Callable[[], tuple]) -> tuple | None:
    """call()'s result, or None if it took longer than `limit` seconds. Signals reach only a process's main
    thread, so elsewhere (Dask's worker threads) it goes without a limit. An alarm that comes as the limit is
    lifted either still counts (the call is left out) or is ignored: it never escapes."""
    global _armed
    if limit <= 0 or threading.current_thread() is not threading.main_thread():
        return call()
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        try:
            _armed = True
            signal.setitimer(signal.ITIMER_REAL, limit)
            return call()
        finally:
            _armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _TooSlow:
        return None
    finally:
        signal.signal(signal.SIGALRM, previous)


def work(task: Task, data: bytes | None = None) -> Result:
    """Read and extract one document (from `data`, its bytes, when already read), with the people
    estimates of its household figures: a pure function of the file, its manifest row and the rules."""
    from figures.households import add_estimates
    from figures.pipeline import document_row, figure_row, process
    from figures.sentences import is_boilerplate

    rules = _rules(task.rules_folder)
    path, root = Path(task.path), Path(task.root)
    article = read_article(path, root, {path.stem: dict(task.manifest_row)} if task.manifest_row else {},
                           lambda line: is_boilerplate(line, rules), data)
    done = _within(task.time_limit, partial(process, article, rules))
    article, figures = done or (replace(article, status="failed",
                                        message=f"took longer than {task.time_limit:g} s; left out"), [])
    return document_row(article, len(figures)), add_estimates([figure_row(f) for f in figures],
                                                              _sizes(task.rules_folder))


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the package's code, so a cached result is never reused by changed code."""
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())  # the store is marshalled
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def task_key(task: Task, rules: Rules) -> str | None:
    """What a cached result depends on: the file's bytes, its manifest row, the rules and the code."""
    data = _read(task)
    return None if data is None else _content_key(data, task, rules)


def _read(task: Task) -> bytes | None:
    try:
        return Path(task.path).read_bytes()
    except OSError:
        return None  # the document's row says why (see articles.read_article)


def _content_key(data: bytes, task: Task, rules: Rules) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps([task.manifest_row, task.root, task.path, rules.version, code_version(),
                              task.time_limit]).encode())
    return digest.hexdigest()


def work_batch(items: list[Task | Result], keyed: bool = False) -> list[Checked]:
    """Do a batch of tasks (an item that is already a result is only checked), then validate the batch
    and make it ready for the store: the part of a build that runs in its workers. When `keyed`, each
    result carries the key of the bytes it was made from (see task_key), read once for both: a file
    edited after the build looked it up in its cache is stored under its new bytes' key, never the old."""
    from figures.pipeline import checked

    results: list[Result] = []
    keys: list[str | None] = []
    for item in items:
        if not isinstance(item, Task):
            results.append(item)
            keys.append(None)
            continue
        data = _read(item) if keyed else None
        results.append(work(item, data))
        keys.append(None if data is None else _content_key(data, item, _rules(item.rules_folder)))
    return [done._replace(key=key) for done, key in zip(checked(results), keys, strict=True)]


@contextmanager
def _runner(jobs: int, engine: str, scheduler: str | None, keyed: bool
            ) -> Iterator[Callable[[list], Callable[[], list[Checked]]]]:
    """A function that starts a batch (see work_batch) and returns a function that waits for its result."""
    if engine == "dask":
        from dask.distributed import Client

        with Client(scheduler) as client:
            yield lambda batch: client.submit(work_batch, batch, keyed, pure=False).result
    elif jobs <= 1:
        yield lambda batch: partial(work_batch, batch, keyed)
    else:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield lambda batch: pool.apply_async(work_batch, (batch, keyed)).get


def run_tasks(items: Iterable[Task | Result], rules: Rules, jobs: int = 1, engine: str = "local",
              scheduler: str | None = None, known: Callable[[str], tuple | None] | None = None,
              batch: int = 250, window: int = 5000) -> Iterator[Outcome]:
    """Every item's outcome, in order (an item that is already a result is only checked). With `known`,
    a task whose key `known` finds is not run again, and the others come back with the key of the bytes
    they were made from. Those go to the workers `batch` at a time (or fewer, once `window` items have
    gone by), and at most two batches a worker are in flight, so the workers keep busy while memory
    depends on the batch size, not on the corpus."""
    with _runner(jobs, engine, scheduler, known is not None) as start:
        waiting: deque[tuple[list, Callable[[], list[Checked]] | None]] = deque()
        group: list[tuple[str | None, tuple | None]] = []  # (key, what known found) of each item since the last batch
        fresh: list[Task | Result] = []
        for item in items:
            key = task_key(item, rules) if known and isinstance(item, Task) else None
            found = known(key) if key else None
            group.append((key, found))
            if found is None:
                fresh.append(item)
            if len(fresh) >= batch or len(group) >= window:
                waiting.append((group, start(fresh) if fresh else None))
                group, fresh = [], []
                while len(waiting) > 2 * jobs:
                    yield from _in_order(*waiting.popleft())
        waiting.append((group, start(fresh) if fresh else None))
        while waiting:
            yield from _in_order(*waiting.popleft())


def _in_order(group: list[tuple[str | None, tuple | None]], result: Callable[[], list[Checked]] | None
              ) -> Iterator[Outcome]:
    done = iter(result() if result else ())
    for key, found in group:
        if found is not None:
            yield Outcome(None, key, found)
        else:
            made = next(done)
            yield Outcome(made, made.key)  # the key of the bytes it was made from (see work_batch)


def duplicate(article_path: str, doc_id: str) -> Result:
    article = Article(doc_id, article_path, "", status="duplicate",
                      message=f"another file already has doc_id {doc_id!r}; skipped")
    from figures.pipeline import document_row

    return document_row(article, 0), []
