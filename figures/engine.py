"""Engine: run the per-document work (read, extract) locally in processes or on a Dask cluster, with
a per-document time limit and a cache of earlier results. Results come back in input order, so
the output is the same whatever the engine and however many jobs."""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from figures import __version__
from figures.articles import Article, read_article
from figures.rules import Rules, load_rules

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


class _TooSlow(Exception):
    pass


@lru_cache(maxsize=4)
def _rules(folder: str) -> Rules:
    return load_rules(Path(folder))


def _alarm(signum, frame):
    raise _TooSlow


def work(task: Task) -> Result:
    """Read and extract one document: a pure function of the file, its manifest row and the rules."""
    from figures.pipeline import document_row, figure_row, process
    from figures.sentences import is_boilerplate

    rules = _rules(task.rules_folder)
    path, root = Path(task.path), Path(task.root)
    article = read_article(path, root, {path.stem: dict(task.manifest_row)} if task.manifest_row else {},
                           lambda line: is_boilerplate(line, rules))
    timed = threading.current_thread() is threading.main_thread() and task.time_limit > 0
    if timed:  # signals reach only a process's main thread; Dask's worker threads go without a limit
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, task.time_limit)
    try:
        article, figures = process(article, rules)
    except _TooSlow:
        article, figures = replace(article, status="failed",
                                   message=f"took longer than {task.time_limit:g} s; left out"), []
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return document_row(article, len(figures)), [figure_row(f) for f in figures]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the package's code, so a cached result is never reused by changed code."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def task_key(task: Task, rules: Rules) -> str | None:
    """What a cached result depends on: the file's bytes, its manifest row, the rules and the code."""
    try:
        data = Path(task.path).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data)
    digest.update(json.dumps([task.manifest_row, task.root, task.path, rules.version, code_version(),
                              task.time_limit]).encode())
    return digest.hexdigest()


class Cache:
    """Per-document results in an SQLite file; deleting it only costs time."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result TEXT NOT NULL)")

    def get(self, key: str) -> Result | None:
        row = self.db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        document, figures = json.loads(row[0])
        return document, figures

    def has(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone() is not None

    def put(self, key: str, result: Result) -> None:
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (key, json.dumps(result)))

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def _local(tasks: list[Task], jobs: int, batch: int = 2000) -> Iterator[Result]:
    if jobs <= 1 or len(tasks) < 2:
        yield from map(work, tasks)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")
    chunksize = max(1, min(64, len(tasks) // (jobs * 8) or 1))
    with context.Pool(jobs) as pool:
        # Two batches in flight at most: the workers keep busy, and results waiting for a slower
        # consumer never pile up beyond them.
        waiting: Iterator[Result] = iter(())
        for start in range(0, len(tasks), batch):
            running = pool.imap(work, tasks[start:start + batch], chunksize=chunksize)
            yield from waiting
            waiting = running
        yield from waiting


def _dask(tasks: list[Task], scheduler: str, batch: int = 2000) -> Iterator[Result]:
    from dask.distributed import Client

    with Client(scheduler) as client:
        for start in range(0, len(tasks), batch):  # a batch at a time keeps memory bounded
            futures = client.map(work, tasks[start:start + batch], pure=False)
            yield from client.gather(futures)


def run_tasks(tasks: Iterable[Task], rules: Rules, jobs: int = 1, engine: str = "local",
              scheduler: str | None = None, cache: Cache | None = None) -> Iterator[Result]:
    """Every task's result, in order; cached results are reused and new ones stored."""
    tasks = list(tasks)
    keys = [task_key(t, rules) if cache else None for t in tasks]
    cached = {i for i, k in enumerate(keys) if cache and k and cache.has(k)}  # read when their turn comes
    todo = [t for i, t in enumerate(tasks) if i not in cached]
    fresh = _dask(todo, scheduler) if engine == "dask" else _local(todo, jobs)  # type: ignore[arg-type]
    for i, key in enumerate(keys):
        if i in cached:
            yield cache.get(key) or work(tasks[i])  # type: ignore[union-attr,arg-type]
            continue
        result = next(fresh)
        if cache and key:
            cache.put(key, result)
        yield result


def duplicate(article_path: str, doc_id: str) -> Result:
    article = Article(doc_id, article_path, "", status="duplicate",
                      message=f"another file already has doc_id {doc_id!r}; skipped")
    from figures.pipeline import document_row

    return document_row(article, 0), []
