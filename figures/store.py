"""Store: a build's documents, figures and claims in a scratch SQLite file, so a build of any size
streams through bounded memory. Rows go in as they are extracted and come out again in the order
each table or sheet needs, a row at a time."""

from __future__ import annotations

import marshal  # the store lives for one build in one Python: its fastest row format
import os
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from figures.compare import compare_key, number

NO_SOURCE = "(no source named, outlet unknown)"  # the sources table's name for a figure with neither

_SCHEMA = """
CREATE TABLE documents (seq INTEGER PRIMARY KEY, status TEXT, row BLOB NOT NULL);
CREATE TABLE figures (
    seq INTEGER PRIMARY KEY, figure_id TEXT NOT NULL, doc_id TEXT NOT NULL, published TEXT NOT NULL,
    char_start INTEGER NOT NULL, source TEXT NOT NULL, source_kind TEXT, source_as_written TEXT, name TEXT,
    category TEXT, top INTEGER, number INTEGER, day TEXT, compare_key TEXT, claim_id TEXT, row BLOB NOT NULL);
CREATE TABLE claims (first TEXT NOT NULL, claim_id TEXT NOT NULL, row BLOB NOT NULL);
CREATE TABLE compare (seq INTEGER PRIMARY KEY, row BLOB NOT NULL);
CREATE TABLE manifest (doc_id BLOB PRIMARY KEY, origin INTEGER NOT NULL, row BLOB NOT NULL);
CREATE TABLE seen (doc_id BLOB PRIMARY KEY);
"""


def _key(doc_id: str) -> bytes:
    """A doc_id as SQLite can hold it: a file name that is not valid UTF-8 keeps its bytes."""
    return doc_id.encode("utf-8", "surrogateescape")


def _remove(db: sqlite3.Connection, path: Path) -> None:
    db.close()
    path.unlink(missing_ok=True)


class Store:
    """The scratch database of one build; it deletes itself when closed."""

    def __init__(self, folder: Path | None = None) -> None:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".figures-build-", suffix=".sqlite.tmp")
        os.close(fd)
        self.path = Path(name)
        self.db = sqlite3.connect(self.path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-32768;" + _SCHEMA)
        self.document_columns: dict[str, None] = {}  # every key any document row has, in first-seen order
        self.figure_columns: dict[str, None] = {}
        self.documents = self.figures = 0
        self._claimed: list[tuple[str, int]] = []
        self._claims: list[tuple[str, str, bytes]] = []

        self.close = weakref.finalize(self, _remove, self.db, self.path)  # closed when closed or forgotten

    def add_manifest(self, rows: Iterable[tuple[int, str, dict]], origin: int) -> list[tuple[int, str]]:
        """Manifest rows by doc_id, the first of each doc_id kept; returns (line, doc_id) of the rows of
        manifest number `origin` whose doc_id it had already given."""
        repeated = []
        for line, doc_id, row in rows:
            added = self.db.execute("INSERT OR IGNORE INTO manifest VALUES (?, ?, ?)",
                                    (_key(doc_id), origin, marshal.dumps(row))).rowcount
            if not added and self.db.execute("SELECT origin FROM manifest WHERE doc_id = ?",
                                             (_key(doc_id),)).fetchone()[0] == origin:
                repeated.append((line, doc_id))
        return repeated

    def manifest_row(self, doc_id: str) -> dict[str, str]:
        found = self.db.execute("SELECT row FROM manifest WHERE doc_id = ?", (_key(doc_id),)).fetchone()
        return marshal.loads(found[0]) if found else {}

    def first_sight(self, doc_id: str) -> bool:
        """Whether no earlier file of this build had this doc_id."""
        return self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (_key(doc_id),)).rowcount == 1

    def unseen_manifest_rows(self) -> Iterator[str]:
        """doc_ids of manifest rows that no file had, in order."""
        unseen = self._rows("SELECT doc_id FROM manifest WHERE doc_id NOT IN (SELECT doc_id FROM seen) ORDER BY doc_id")
        return (d.decode("utf-8", "surrogateescape") for d, in unseen)

    def add(self, documents: list[dict], figures: list[dict]) -> None:
        """Documents and their figures, in input order."""
        for row in documents:
            self.document_columns.update(dict.fromkeys(row))
        for row in figures:
            self.figure_columns.update(dict.fromkeys(row))
        self.db.executemany("INSERT INTO documents VALUES (?, ?, ?)", [
            (self.documents + i, r["status"], marshal.dumps(r)) for i, r in enumerate(documents)])
        self.db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)", [
            (self.figures + i, r["figure_id"], r["doc_id"], r.get("published") or "", int(r["char_start"]),
             r.get("source") or "", r.get("source_kind"), r.get("source_as_written"), r.get("source") or NO_SOURCE,
             r["category"], 0 if r.get("parent_id") else 1, number(r), r.get("date_end") or r.get("published") or None,
             compare_key(r), marshal.dumps(r)) for i, r in enumerate(figures)])
        self.documents += len(documents)
        self.figures += len(figures)

    def index(self) -> None:
        """Indexes for the orders the tables are read in; made once, after the last row is in."""
        self.db.executescript("""
            CREATE INDEX by_publication ON figures (published, doc_id, char_start, seq);
            CREATE INDEX by_source ON figures (source, seq);
            CREATE INDEX by_name ON figures (name);
            CREATE INDEX by_comparison ON figures (compare_key, seq) WHERE compare_key IS NOT NULL;
        """)

    def _rows(self, sql: str, parameters: tuple = ()) -> Iterator[tuple]:
        cursor = self.db.execute(sql, parameters)
        while batch := cursor.fetchmany(2000):
            yield from batch

    def document_rows(self) -> Iterator[dict]:
        return (marshal.loads(r) for r, in self._rows("SELECT row FROM documents ORDER BY seq"))

    def figure_rows(self, source: str | None = None) -> Iterator[dict]:
        """Figures in input order with their claim_id; only one source's when `source` is given."""
        where, parameters = ("WHERE source = ?", (source,)) if source is not None else ("", ())
        for row, claim_id in self._rows(f"SELECT row, claim_id FROM figures {where} ORDER BY seq", parameters):
            found = marshal.loads(row)
            found["claim_id"] = claim_id
            yield found

    def by_publication(self, fields: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
        """(seq, the row's `fields`) of every figure in order of publication."""
        for seq, row in self._rows("SELECT seq, row FROM figures ORDER BY published, doc_id, char_start, seq"):
            found = marshal.loads(row)
            yield seq, {k: found.get(k) for k in fields}

    def set_claim(self, seqs: list[int], claim_id: str, claim: dict, first: str) -> None:
        """Record a claim and give its figures its id; `first` orders the claims table."""
        self._claimed += [(claim_id, s) for s in seqs]
        self._claims.append((first, claim_id, marshal.dumps(claim)))
        if len(self._claimed) >= 10_000:
            self.flush_claims()

    def flush_claims(self) -> None:
        self.db.executemany("UPDATE figures SET claim_id = ? WHERE seq = ?", self._claimed)
        self.db.executemany("INSERT INTO claims VALUES (?, ?, ?)", self._claims)
        self._claimed, self._claims = [], []

    def add_compared(self, rows: Iterator[dict]) -> None:
        """Comparison rows, in their table's order, a batch at a time."""
        count = self.db.execute("SELECT count(*) FROM compare").fetchone()[0]
        for batch in iter(lambda: [marshal.dumps(r) for r in islice(rows, 2000)], []):
            self.db.executemany("INSERT INTO compare VALUES (?, ?)", ((count + i, b) for i, b in enumerate(batch)))
            count += len(batch)

    def compare_rows(self) -> Iterator[dict]:
        return (marshal.loads(r) for r, in self._rows("SELECT row FROM compare ORDER BY seq"))

    def claim_rows(self) -> Iterator[dict]:
        return (marshal.loads(r) for r, in self._rows("SELECT row FROM claims ORDER BY first, claim_id"))

    def claims(self) -> int:
        return self.db.execute("SELECT count(*) FROM claims").fetchone()[0]

    def sources(self) -> list[str]:
        """Every source value, '' for none, in the order of the workbook's sheets."""
        first_seen = self.db.execute("SELECT source FROM figures GROUP BY source ORDER BY min(seq)")
        return sorted((s for s, in first_seen), key=str.lower)

    def compared(self) -> Iterator[tuple[str, str, int, str]]:
        """(compare key, source, number, figure_id) of every compared figure, by key then input order."""
        return self._rows("SELECT compare_key, source, number, figure_id FROM figures "
                          "WHERE compare_key IS NOT NULL ORDER BY compare_key, seq")

    def named_sources(self) -> Iterator[tuple[str, str, int, int, list[str]]]:
        """(name, first row's source_kind, figures, documents, names as written) per source name, in
        order of first appearance."""
        for name, figures, documents in self.db.execute(
                "SELECT name, count(*), count(DISTINCT doc_id) FROM figures GROUP BY name ORDER BY min(seq)").fetchall():
            kind, = self.db.execute("SELECT source_kind FROM figures WHERE name = ? ORDER BY seq LIMIT 1",
                                    (name,)).fetchone()
            written = [w for w, in self.db.execute("SELECT DISTINCT source_as_written FROM figures WHERE name = ? "
                                                  "AND source_as_written IS NOT NULL AND source_as_written != ''",
                                                  (name,))]
            yield name, kind, figures, documents, written

    def chart_counts(self) -> list[tuple[str, str, int]]:
        """(category, source, points) for every series a chart could show."""
        return self.db.execute("SELECT category, source, count(*) FROM figures WHERE top = 1 AND number IS NOT NULL "
                               "AND day IS NOT NULL GROUP BY category, source").fetchall()

    def chart_points(self, category: str, source: str) -> list[tuple[str, int]]:
        return self.db.execute("SELECT day, number FROM figures WHERE top = 1 AND number IS NOT NULL AND day IS NOT "
                               "NULL AND category = ? AND source = ?", (category, source)).fetchall()

    def statuses(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, count(*) FROM documents GROUP BY status ORDER BY status"))

    def not_ok(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents WHERE status != 'ok'").fetchone()[0]
