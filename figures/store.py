"""Store: a build's documents, figures, claims and comparisons in an SQLite file, so a build of any
size streams through bounded memory, and a rebuild redoes only what changed.

Kept in the output folder (the cache), the store holds the last build: every document's row and
figures under the key of what made them (see engine.task_key), and the claims and comparisons made
from them. A rebuild keeps the documents whose key it meets again, puts in the new ones, takes out
the rest, and marks the claim and comparison keys those figures had as touched: only those claims
and comparisons are made again (claims of different keys never meet; see claims.claim_key), the
claims from the earliest changed day on until they are as the last build had them (see
claim_passes). Rows come out again in the order each table or sheet needs, a row at a time. Without a cache the store is
a temporary file that deletes itself.

Each build is one transaction, committed once its tables are made: a build killed before that leaves
the previous build's store as it was."""

from __future__ import annotations

import csv
import marshal  # the store is read only by the code that wrote it (its version is checked on opening)
import os
import sqlite3
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from figures.claims import FIELDS as CLAIM_FIELDS
from figures.claims import WINDOW_DAYS, claim_key, day_number
from figures.claims import claim_id as claim_id_of
from figures.compare import compare_key, number

NO_SOURCE = "(no source named, outlet unknown)"  # the sources table's name for a figure with neither
_PUBLISHED = CLAIM_FIELDS.index("published")
FORMAT = "2"  # of the store's tables; a store of another format or version is started afresh

_TABLES = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, key TEXT UNIQUE, doc_id BLOB NOT NULL, seq INTEGER, was INTEGER, reusable INTEGER NOT NULL,
    status TEXT, message TEXT, extra TEXT NOT NULL, row BLOB NOT NULL);
CREATE TABLE figures (
    doc INTEGER NOT NULL, seq INTEGER NOT NULL, figure_id TEXT NOT NULL, doc_id TEXT NOT NULL,
    published TEXT NOT NULL, char_start INTEGER NOT NULL, source TEXT NOT NULL, source_kind TEXT,
    source_as_written TEXT, name TEXT, category TEXT, top INTEGER, number INTEGER, day TEXT, compare_key TEXT,
    claim_key TEXT NOT NULL, claim_id TEXT, fields BLOB NOT NULL, head TEXT NOT NULL, tail TEXT NOT NULL);
CREATE TABLE claims (claim_key TEXT NOT NULL, first TEXT NOT NULL, claim_id TEXT NOT NULL, size INTEGER NOT NULL,
    line TEXT NOT NULL);
CREATE TABLE compare (compare_key TEXT PRIMARY KEY, sources TEXT NOT NULL, row BLOB NOT NULL);
CREATE TABLE remade (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key))
"""
# Made once the first build's rows are in (faster than keeping them up to date row by row), then kept.
_INDEXES = """
CREATE INDEX IF NOT EXISTS figures_in_order ON figures (seq);
CREATE INDEX IF NOT EXISTS figures_by_doc ON figures (doc);
CREATE INDEX IF NOT EXISTS by_publication ON figures (published, doc_id, char_start);
CREATE INDEX IF NOT EXISTS by_source ON figures (source);
CREATE INDEX IF NOT EXISTS by_name ON figures (name);
CREATE INDEX IF NOT EXISTS by_claim_key ON figures (claim_key, published);
CREATE INDEX IF NOT EXISTS by_claim ON figures (claim_id);
CREATE INDEX IF NOT EXISTS by_comparison ON figures (compare_key) WHERE compare_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_in_order ON documents (seq);
CREATE INDEX IF NOT EXISTS documents_by_doc_id ON documents (doc_id);
CREATE INDEX IF NOT EXISTS claims_by_key ON claims (claim_key);
CREATE INDEX IF NOT EXISTS claims_in_order ON claims (first, claim_id);
CREATE INDEX IF NOT EXISTS claims_by_id ON claims (claim_id)
"""
_BUILD = """
CREATE TEMP TABLE manifest (doc_id BLOB PRIMARY KEY, origin INTEGER NOT NULL, row BLOB NOT NULL);
CREATE TEMP TABLE listed (origin INTEGER NOT NULL, doc_id BLOB NOT NULL, PRIMARY KEY (origin, doc_id));
CREATE TEMP TABLE seen (doc_id BLOB PRIMARY KEY);
CREATE TEMP TABLE touched (kind TEXT NOT NULL, key TEXT NOT NULL, since TEXT NOT NULL, until TEXT NOT NULL,
                             PRIMARY KEY (kind, key));
CREATE TEMP TABLE lost (claim_key TEXT NOT NULL, claim_id TEXT, published TEXT NOT NULL);
CREATE TEMP TABLE moved (doc INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TEMP TABLE made (claim_id TEXT PRIMARY KEY)
"""
# A touched claim key keeps the earliest and latest publication among its changed figures: its claims are
# matched again from the earliest on, and only after the latest can they be as the last build had them
# (see claim_passes). The claims that lost a figure are kept in `lost`.
_TOUCHING = (" ON CONFLICT (kind, key) DO UPDATE SET since = min(since, excluded.since), "
             "until = max(until, excluded.until)")
_TOUCH = ("INSERT INTO touched SELECT 'claim', claim_key, published, published FROM figures WHERE {where}" + _TOUCHING
          + "; INSERT INTO lost SELECT claim_key, claim_id, published FROM figures WHERE {where}; "
          "INSERT OR IGNORE INTO touched SELECT 'compare', compare_key, '', '' FROM figures WHERE compare_key IS NOT NULL "
          "AND {where}")


def _key(doc_id: str) -> bytes:
    """A doc_id as SQLite can hold it: a file name that is not valid UTF-8 keeps its bytes."""
    return doc_id.encode("utf-8", "surrogateescape")


def _run(db: sqlite3.Connection, script: str, parameters: tuple = ()) -> None:
    """Statements one by one: executescript would commit the build's transaction."""
    for statement in filter(str.strip, script.split(";")):
        db.execute(statement, parameters)


def _remove(db: sqlite3.Connection, path: Path) -> None:
    db.close()
    path.unlink(missing_ok=True)


class ClaimItem(NamedTuple):
    """What claim matching carries of a stored figure: where it is, and the claim the last build gave it."""

    seq: int  # position in input order
    rowid: int
    claim_id: str | None  # None for a figure new to the store
    size: int | None  # how many figures that claim had


@dataclass
class _Pass:
    """A claim key's pass over its figures (see Store.claim_passes)."""

    key: str
    since: str  # the earliest publication among its changed figures: where it starts
    until: str  # the latest: it cannot stop before
    changed: set[str]  # ids of claims that differ from the last build's, as far as it has gone
    latest: str  # the last report of any of them
    end: str = "\uffff"  # where it stopped: claims first reported from there on were not made again


class _Lines:
    """A csv writer that gives each row back as text, so a row is formatted once, when it is stored."""

    def __init__(self) -> None:
        self._written: list[str] = []
        self._writer = csv.writer(self, lineterminator="")

    def write(self, text: str) -> None:
        self._written.append(text)

    def line(self, values: Iterable) -> str:
        self._writer.writerow(values)  # the csv module writes None as a blank and numbers as their digits
        return self._written.pop()


def _parsed(columns: tuple[str, ...], lines: Iterable[str]) -> Iterator[dict]:
    """CSV rows back as dicts of text, a blank as None."""
    for values in csv.reader(lines):
        yield {column: value or None for column, value in zip(columns, values, strict=True)}


class StoredFigure(NamedTuple):
    """A figure as the store keeps it but for its place in the build: made where the figure is found
    (see stored_figures), so a build's workers, not its one main process, do the formatting."""

    figure_id: str
    doc_id: str
    published: str
    char_start: int
    source: str  # "" for none
    source_kind: str | None
    source_as_written: str | None
    name: str  # the source, or NO_SOURCE
    category: str
    top: int  # 1 unless a part of another figure
    number: int | None  # see compare.number
    day: str | None  # what charts plot it at
    compare_key: str | None
    claim_key: str
    fields_blob: bytes
    head: str  # figures.csv's row before claim_id, as CSV text
    tail: str  # and after it
    fields: tuple  # claims.FIELDS' values


def stored_figures(columns: tuple[str, ...], rows: list[dict]) -> list[StoredFigure]:
    """Figure rows (figures.csv's `columns`) as the store keeps them, each formatted once, here."""
    allowed, lines = set(columns), _Lines()
    split = columns.index("claim_id") if "claim_id" in columns else len(columns)
    head, tail = columns[:split], columns[split + 1:]
    out = []
    for r in rows:
        if not allowed.issuperset(r):
            raise ValueError(f"figure {r['figure_id']}: fields the figures table does not have: "
                             f"{sorted(set(r) - allowed)}")
        fields, source = tuple(map(r.get, CLAIM_FIELDS)), r.get("source") or ""
        out.append(StoredFigure(
            r["figure_id"], r["doc_id"], r.get("published") or "", int(r["char_start"]), source, r.get("source_kind"),
            r.get("source_as_written"), source or NO_SOURCE, r["category"], 0 if r.get("parent_id") else 1, number(r),
            r.get("date_end") or r.get("published") or None, compare_key(r), claim_key(r), marshal.dumps(fields),
            lines.line(map(r.get, head)), lines.line(map(r.get, tail)), fields))
    return out


class Store:
    """A build's database: persistent at `path` (the cache), else temporary in `folder`.

    `version` names the code and rules that made the rows: a store made by others is started afresh,
    as is one that cannot be read. Rows of a document are reused only when `known` finds its key."""

    def __init__(self, figure_columns: tuple[str, ...], document_columns: tuple[str, ...], folder: Path | None = None,
                 path: Path | None = None, version: str = "") -> None:
        self.figure_columns, self._document_fields = figure_columns, frozenset(document_columns)
        self._tail = "claim_id" in figure_columns[:-1]  # figures.csv has columns after claim_id
        self._lines = _Lines()
        self._claimed: list[tuple[str, int]] = []
        self._claims: list[tuple[str, str, str, int, str]] = []
        self._made: list[tuple[str]] = []
        self._passes: list[_Pass] = []  # the claim passes made
        self._pass: _Pass | None = None  # the one being made
        self.restarted = ""  # why a store at `path` was started afresh, if it was not new
        if path is None:
            fd, name = tempfile.mkstemp(dir=folder, prefix=".figures-build-", suffix=".sqlite.tmp")
            os.close(fd)
            self.path = Path(name)
            self.db = self._connect(journal="OFF")
            self.close = weakref.finalize(self, _remove, self.db, self.path)
        else:
            self.path = path
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._open(version)
            self.close = weakref.finalize(self, self.db.close)  # closing without commit undoes the build
        _run(self.db, "BEGIN")
        self.new = not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone()
        if self.new:
            _run(self.db, _TABLES)
            self.db.execute("INSERT INTO meta VALUES ('version', ?)", (f"{FORMAT} {version}",))
        _run(self.db, _BUILD)
        self._start()

    def _connect(self, journal: str) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)  # transactions are begun and committed here
        # Without sync a crash of the machine (not of the build) can spoil the file: it is a cache, and
        # one that cannot be read is started afresh.
        db.executescript(f"PRAGMA journal_mode={journal}; PRAGMA synchronous=OFF; PRAGMA cache_size=-32768;")
        return db

    def _open(self, version: str) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            found = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
            if found and found[0] == f"{FORMAT} {version}":
                db.close()
                return self._connect(journal="DELETE")
            self.restarted = "made by another version of figures or its rules"
        except sqlite3.DatabaseError as error:  # a new file, the cache of an older figures, or not a database
            if isinstance(error, sqlite3.OperationalError) and "no such table" not in str(error):
                db.close()
                raise  # "database is locked": another program has it, so it is not this build's to remove
            if "no such table" not in str(error):
                self.restarted = f"unreadable ({error})"
        db.close()
        for leftover in (self.path, self.path.with_name(self.path.name + "-journal")):
            leftover.unlink(missing_ok=True)
        return self._connect(journal="DELETE")

    def _start(self) -> None:
        """No document of the last build is kept until this build meets its key again (see keep); the
        others are replaced (see add) or taken out (see settle)."""
        if self.new:
            return
        self.db.execute("UPDATE documents SET was = seq, seq = NULL")

    # The inputs of this build ------------------------------------------------------------------------

    def add_manifest(self, rows: Iterable[tuple[int, str, dict]], origin: int) -> list[tuple[int, str]]:
        """Manifest rows by doc_id, the first of each doc_id kept; returns (line, doc_id) of the rows of
        manifest number `origin` whose doc_id it had already given."""
        repeated = []
        for line, doc_id, row in rows:
            self.db.execute("INSERT OR IGNORE INTO manifest VALUES (?, ?, ?)", (_key(doc_id), origin, marshal.dumps(row)))
            if not self.db.execute("INSERT OR IGNORE INTO listed VALUES (?, ?)", (origin, _key(doc_id))).rowcount:
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

    # Documents and figures --------------------------------------------------------------------------

    def known(self, key: str) -> tuple[int, int | None, str, str] | None:
        """(id, position in the last build, status, message) of the document the last build made under
        `key`, if it can be kept: documents that failed validation are made again."""
        if self.new:
            return None
        return self.db.execute("SELECT id, was, status, message FROM documents WHERE key = ? AND seq IS NULL "
                               "AND reusable = 1", (key,)).fetchone()

    def path_of(self, document: int) -> str:
        return marshal.loads(self.db.execute("SELECT row FROM documents WHERE id = ?", (document,)).fetchone()[0])["path"]

    def keep(self, document: int, was: int | None, seq: int) -> None:
        """Keep a document of the last build (see known) at position `seq` of this one."""
        self.db.execute("UPDATE documents SET seq = ? WHERE id = ?", (seq, document))
        if was != seq:
            self.db.execute("INSERT INTO moved VALUES (?, ?)", (document, seq))

    def add(self, documents: list[tuple[int, str | None, bool, dict]], figures: list[StoredFigure]) -> None:
        """New documents as (position, key, reusable, row), and their figures in input order, made ready
        by `stored_figures`. A new document in place of one of the last build's with its doc_id (an edited
        file) replaces it, and only the figures that differ touch their claim and comparison keys: a
        figure whose claim fields are unchanged keeps its claim_id."""
        ids, earlier = {}, {}
        for seq, key, reusable, row in documents:
            if not self.new:
                earlier.update(self._replaced(row["doc_id"], key))
            found = [k for k in row if k not in self._document_fields]
            ids.setdefault(row["doc_id"], (seq, self.db.execute(
                "INSERT INTO documents VALUES (NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                (key, _key(row["doc_id"]), seq, int(reusable), row["status"], row["message"], "\0".join(found),
                 marshal.dumps(row))).lastrowid))  # a skipped duplicate file's row has its original's doc_id
        rows, touched, lost, index, last = [], [], [], 0, None
        for f in figures:
            index = index + 1 if f.doc_id == last else 0
            last = f.doc_id
            seq, doc = ids[f.doc_id]
            keys = f.claim_key, f.compare_key, f.source, f.number
            old = earlier.pop((f.doc_id, f.figure_id), None)
            claim_id = old[2] if old and old[0] == f.fields else None
            if not old or old[0] != f.fields:
                touched.append(("claim", f.claim_key, f.published, f.published))
                if old:
                    touched.append(("claim", old[1][0], old[0][_PUBLISHED] or "", old[0][_PUBLISHED] or ""))
                    lost.append((old[1][0], old[2], old[0][_PUBLISHED] or ""))
            if not old or old[1][1:] != keys[1:]:
                touched += [("compare", k, "", "") for k in (f.compare_key, old[1][1] if old else None) if k is not None]
            rows.append((doc, seq << 32 | index, *f[:14], claim_id, *f[14:17]))
        for fields, (claim, compare, _, _), had in earlier.values():  # figures the edited files no longer have
            published = fields[_PUBLISHED] or ""
            touched += [("claim", claim, published, published), *((("compare", compare, "", ""),) if compare else ())]
            lost.append((claim, had, published))
        self.db.executemany(f"INSERT INTO figures VALUES ({', '.join('?' * 20)})", rows)
        if not self.new:
            self.db.executemany("INSERT INTO touched VALUES (?, ?, ?, ?)" + _TOUCHING, touched)
            self.db.executemany("INSERT INTO lost VALUES (?, ?, ?)", lost)

    def _replaced(self, doc_id: str, key: str | None) -> dict[tuple[str, str], tuple]:
        """Take out the last build's document that a new one replaces (same doc_id, not kept, or the same
        key), without touching keys; returns its figures as {(doc_id, figure_id): (claim fields, (claim
        key, compare key, source, number), claim_id)} for add to compare with the new ones."""
        old = self.db.execute("SELECT id FROM documents WHERE seq IS NULL AND (doc_id = ? OR key = ?)",
                              (_key(doc_id), key)).fetchall()
        found = {}
        for document, in old:
            for figure_id, fields, claim, compare, source, number_, claim_id in self.db.execute(
                    "SELECT figure_id, fields, claim_key, compare_key, source, number, claim_id FROM figures "
                    "WHERE doc = ?", (document,)):
                found[doc_id, figure_id] = marshal.loads(fields), (claim, compare, source, number_), claim_id
            self.db.execute("DELETE FROM figures WHERE doc = ?", (document,))
            self.db.execute("DELETE FROM documents WHERE id = ?", (document,))
        return found

    def settle(self) -> None:
        """After the last document: take out those this build did not have, and move the kept ones whose
        position changed (their figures' positions with them)."""
        if self.new:
            return
        where = "doc IN (SELECT id FROM documents WHERE seq IS NULL)"  # their figures' keys are touched
        _run(self.db, _TOUCH.format(where=where) + f"; DELETE FROM figures WHERE {where}; "
                                                   "DELETE FROM documents WHERE seq IS NULL")
        self.db.execute("UPDATE figures SET seq = moved.seq << 32 | (figures.seq & 4294967295) FROM moved "
                        "WHERE figures.doc = moved.doc")

    def index(self) -> None:
        """Indexes for the orders the tables are read in."""
        _run(self.db, _INDEXES)

    # Claims and comparisons -------------------------------------------------------------------------

    def _touched(self, kind: str, column: str) -> str:
        """An SQL condition on `column`: every row of a new store, else those of touched keys."""
        return "1" if self.new else f"{column} IN (SELECT key FROM touched WHERE kind = '{kind}')"

    def claim_passes(self) -> Iterator[tuple[list[list[tuple[ClaimItem, dict]]], Iterator[tuple[ClaimItem, dict]],
                                             Callable[[str, Iterable[list]], bool] | None]]:
        """The passes claim matching makes (see claims.claim_groups), each as (the claims open where it
        begins, the figures from there on, when it may stop), a figure as (its ClaimItem, its claim
        fields) in order of publication. A new store makes one pass over every figure. Otherwise each
        touched claim key has its own, from the earliest publication among its changed figures: the
        figures before it are as the last build had them, and so are the claims they had open (those
        whose last report is within the month before it). It may stop where its claims are again the
        last build's (see _settled)."""
        if self.new:
            yield [], self._claim_figures("1", ()), None
            return
        for key, since, until in self.db.execute("SELECT key, since, until FROM touched WHERE kind = 'claim'").fetchall():
            lost = self.db.execute("SELECT claim_id, published FROM lost WHERE claim_key = ?", (key,)).fetchall()
            self._pass = _Pass(key, since, until, {c for c, _ in lost if c}, max((p for _, p in lost), default=""))
            self._passes.append(self._pass)
            if not since:  # a figure without a date changed: from the start, to the end
                yield [], self._claim_figures("claim_key = ?", (key,)), None
                continue
            month = (date.fromisoformat(since[:10]) - timedelta(days=WINDOW_DAYS)).isoformat()
            recent = "SELECT claim_id FROM figures WHERE claim_key = ? AND published = '' UNION SELECT claim_id " \
                     "FROM figures WHERE claim_key = ? AND published >= ? AND published < ?"  # and never dated
            members = self._claim_figures(f"claim_id IN ({recent}) AND published < ?", (key, key, month, since, since))
            claims: dict[str, list] = {}
            for item, row in members:  # each claim's figures, the claims in order of their first figure
                claims.setdefault(item[2], []).append((item, row))
            opened = [c for c in claims.values() if not (last := max(row["published"] or "" for _, row in c))
                      or last >= month]  # still open: last reported in the month before, or never dated
            yield opened, self._claim_figures("claim_key = ? AND published >= ?", (key, since)), self._settled

    def _settled(self, published: str, claims: Iterable[list[tuple[ClaimItem, dict]]]) -> bool:
        """Whether the pass may stop at its first figure published at `published`, with `claims` open
        (each as its figures): when every figure from there on is as the last build had it, and so are
        the open claims, the rest of the pass would make the last build's claims again.

        The open claims are the last build's when none has a figure the last build gave another claim
        (or none), or lost one (see `lost`), or was made changed; and no claim the pass changed was
        still open in the last build: none was reported in the month before (the window of
        claims.claim_groups). The claims left open are kept as they are."""
        now = self._pass
        if published <= now.until or (now.latest and day_number(published) - day_number(now.latest) <= WINDOW_DAYS):
            return False
        kept = []
        for members in claims:
            claim = claim_id_of(members[0][1])
            if claim in now.changed or any(item.claim_id != claim for item, _ in members):
                return False
            kept.append((claim,))
        now.end = published
        self._made += kept
        return True

    def _claim_figures(self, where: str, parameters: tuple) -> Iterator[tuple[ClaimItem, dict]]:
        sized = "NULL" if self.new else "(SELECT size FROM claims WHERE claims.claim_id = figures.claim_id LIMIT 1)"
        for seq, rowid, claim_id, size, fields in self._rows(
                f"SELECT seq, rowid, claim_id, {sized}, fields FROM figures WHERE {where} "
                "ORDER BY published, doc_id, char_start, seq", parameters):
            yield ClaimItem(seq, rowid, claim_id, size), dict(zip(CLAIM_FIELDS, marshal.loads(fields), strict=True))

    def unchanged_claim(self, claim_id: str, figures: list[ClaimItem]) -> bool:
        """Whether the last build had this claim with just these figures (see claim_passes), so that
        nothing of it needs writing again."""
        self._made.append((claim_id,))
        if len(self._made) >= 10_000:
            self.flush_claims()
        return figures[0].size == len(figures) and all(f.claim_id == claim_id for f in figures)

    def set_claim(self, figures: list[ClaimItem], key: str, claim_id: str, claim: dict, first: str,
                  columns: Iterable[str]) -> None:
        """Record a claim of claim key `key`, new or changed, and give its figures its id; `first` orders
        the claims table."""
        self._claimed += [(claim_id, f.rowid) for f in figures if f.claim_id != claim_id]
        if self._pass:
            self._pass.changed.update({claim_id, *(f.claim_id for f in figures if f.claim_id)})
            self._pass.latest = max(self._pass.latest, claim.get("last_published") or "")
        self._claims.append((key, first, claim_id, len(figures), self._lines.line(map(claim.get, columns))))
        if len(self._claimed) >= 10_000 or len(self._claims) >= 10_000:
            self.flush_claims()

    def flush_claims(self) -> None:
        """Write the claims set so far; after the last, take out the claims of touched keys not made again."""
        self.db.executemany("UPDATE figures SET claim_id = ? WHERE rowid = ?", self._claimed)
        if not self.new:
            self.db.executemany("DELETE FROM claims WHERE claim_id = ?", [(c[2],) for c in self._claims])
            self.db.executemany("INSERT OR IGNORE INTO made VALUES (?)", self._made)
        self.db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?)", self._claims)
        self.db.executemany("INSERT OR IGNORE INTO remade VALUES ('claim', ?)", [(c[2],) for c in self._claims])
        self._claimed, self._claims, self._made = [], [], []

    def drop_unmade_claims(self) -> None:
        """After the last pass: take out the claims its passes covered but did not make again."""
        self.db.executemany("DELETE FROM claims WHERE claim_key = ? AND first >= ? AND first < ? AND claim_id NOT IN "
                            "(SELECT claim_id FROM made)", [(p.key, p.since, p.end) for p in self._passes])
        self._passes, self._pass = [], None

    def compared(self) -> Iterator[tuple[str, str, int, str]]:
        """(compare key, source, number, figure_id) of every compared figure of a touched key, by key then
        publication: an order that files moving (which touches no key) cannot change."""
        return self._rows("SELECT compare_key, source, number, figure_id FROM figures WHERE compare_key IS NOT NULL "
                          f"AND {self._touched('compare', 'compare_key')} "
                          "ORDER BY compare_key, published, doc_id, char_start, seq")

    def set_compared(self, rows: Iterator[tuple[str, list[str], dict]]) -> None:
        """The comparison rows of touched keys as (key, its source columns, row), in place of the old."""
        self.db.execute(f"DELETE FROM compare WHERE {self._touched('compare', 'compare_key')}")
        for batch in iter(lambda: list(islice(rows, 2000)), []):
            self.db.executemany("INSERT INTO compare VALUES (?, ?, ?)",
                                [(key, "\0".join(sources), marshal.dumps(row)) for key, sources, row in batch])

    def compare_sources(self) -> set[str]:
        """Every source column of the comparison table."""
        return {s for found, in self._rows("SELECT sources FROM compare") for s in found.split("\0") if s}

    def commit(self) -> None:
        """Keep this build's rows: the claims and comparisons it made are remade until a build writes them."""
        self.db.execute("INSERT OR IGNORE INTO remade SELECT 'compare', compare_key FROM compare WHERE "
                        + self._touched("compare", "compare_key"))
        self.db.execute("COMMIT")  # what follows only reads, but for `written`

    def written(self) -> None:
        """This build's tables are written: nothing is left to check again."""
        self.db.execute("DELETE FROM remade")

    # Reading ----------------------------------------------------------------------------------------

    def _rows(self, sql: str, parameters: tuple = ()) -> Iterator[tuple]:
        cursor = self.db.execute(sql, parameters)
        while batch := cursor.fetchmany(2000):
            yield from batch

    @property
    def documents(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    @property
    def figures(self) -> int:
        return self.db.execute("SELECT count(*) FROM figures").fetchone()[0]

    def document_columns(self) -> list[str]:
        """Keys that document rows have beyond the table's own (manifest columns), in order of first sight."""
        found = self._rows("SELECT extra FROM documents WHERE extra != '' GROUP BY extra ORDER BY min(seq)")
        return list(dict.fromkeys(k for extra, in found for k in extra.split("\0")))

    def document_rows(self) -> Iterator[dict]:
        return (marshal.loads(r) for r, in self._rows("SELECT row FROM documents ORDER BY seq"))

    def figure_rows(self, source: str | None = None) -> Iterator[dict]:
        """Figures in input order as figures.csv has them (text; None for a blank); only one source's when
        `source` is given."""
        where, parameters = ("WHERE source = ?", (source,)) if source is not None else ("", ())
        return _parsed(self.figure_columns, self.figure_lines(where, parameters))

    def figure_lines(self, where: str = "", parameters: tuple = ()) -> Iterator[str]:
        """figures.csv's rows as text, in input order."""
        for head, claim_id, tail in self._rows(f"SELECT head, claim_id, tail FROM figures {where} ORDER BY seq",
                                               parameters):
            yield f"{head},{claim_id},{tail}\n" if self._tail else f"{head},{claim_id}\n"

    def claim_rows(self, columns: tuple[str, ...], remade: bool = False) -> Iterator[dict]:
        """Claims in their table's order as claims.csv has them; only those made since the last written
        build if `remade`."""
        where = "WHERE claim_id IN (SELECT key FROM remade WHERE kind = 'claim')" if remade else ""
        return _parsed(columns, self.claim_lines(where))

    def claim_lines(self, where: str = "") -> Iterator[str]:
        return (f"{line}\n" for line, in self._rows(f"SELECT line FROM claims {where} ORDER BY first, claim_id"))

    def compare_rows(self) -> Iterator[dict]:
        return (marshal.loads(r) for r, in self._rows("SELECT row FROM compare ORDER BY compare_key"))

    def remade_compare_rows(self) -> Iterator[tuple[int, dict]]:
        """(row number, row) of the comparison rows made since the last written build."""
        numbered = "SELECT row_number() OVER (ORDER BY compare_key) - 1 AS n, compare_key, row FROM compare"
        return ((n, marshal.loads(r)) for n, r in self._rows(
            f"SELECT n, row FROM ({numbered}) WHERE compare_key IN (SELECT key FROM remade WHERE kind = 'compare') "
            "ORDER BY n"))

    def claims(self) -> int:
        return self.db.execute("SELECT count(*) FROM claims").fetchone()[0]

    def sources(self) -> list[str]:
        """Every source value, '' for none, in the order of the workbook's sheets."""
        first_seen = self.db.execute("SELECT source FROM figures GROUP BY source ORDER BY min(seq)")
        return sorted((s for s, in first_seen), key=str.lower)

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
                               "NULL AND category = ? AND source = ? ORDER BY seq", (category, source)).fetchall()

    def statuses(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, count(*) FROM documents GROUP BY status ORDER BY status"))

    def not_ok(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents WHERE status != 'ok'").fetchone()[0]
