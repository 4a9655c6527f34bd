"""Pipeline: read every article, extract its figures, validate the tables and write them out."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from figures import __version__
from figures.articles import Article, find_files, read_manifest
from figures.columns import names
from figures.records import Figure, extract_article
from figures.rules import Rules, default_rules
from figures.store import Store, StoredFigure, stored_figures

DOCUMENT_FIELDS = tuple(names("documents"))
FIGURE_FIELDS = tuple(names("figures"))


CHUNK = 20_000  # figures validated together; a chunk always holds whole documents


@dataclass
class Build:
    """What a build produced: its tables, kept in a scratch store until written, and the problems met."""

    store: Store
    problems: list[str] = field(default_factory=list)
    failures: list[pd.DataFrame] = field(default_factory=list)  # met while storing, other than figures left out
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    compare_columns: tuple[str, ...] = ()  # its rows are in the store, each with only its own sources

    @property
    def figures(self) -> pd.DataFrame:
        """The whole figures table in memory: for small builds and tests; writing streams instead."""
        return as_table(list(self.store.figure_rows()), self.figure_columns())

    @property
    def documents(self) -> pd.DataFrame:
        return as_table(list(self.store.document_rows()), self.document_columns())

    @property
    def compare(self) -> pd.DataFrame:
        """The comparison as one table: for small builds and tests (it is as wide as there are sources)."""
        return as_table(list(self.store.compare_rows()), self.compare_columns)

    @property
    def claims(self) -> pd.DataFrame:
        return as_table(list(self.store.claim_rows(self.claim_columns())), self.claim_columns())

    def claim_columns(self) -> tuple[str, ...]:
        return tuple(names("claims"))

    def figure_columns(self) -> tuple[str, ...]:
        return FIGURE_FIELDS

    def document_columns(self) -> tuple[str, ...]:
        return (*DOCUMENT_FIELDS, *self.store.document_columns())

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"figures": self.figures, "documents": self.documents, "sources": self.sources,
                "claims": self.claims, "compare": self.compare}

    def close(self) -> None:
        self.store.close()


def sample_paths() -> tuple[Path, Path]:
    """The bundled sample corpus and its manifest, wherever the package is installed."""
    root = Path(str(resources.files("figures") / "sample"))
    return root / "articles", root / "manifest.csv"


def _manifests(paths: list[Path], manifest: Path | None, store: Store, problems: list[str]) -> None:
    """Every manifest's rows into the store, the first row of a doc_id kept."""
    files = [manifest] if manifest else [p / "manifest.csv" for p in paths if (p / "manifest.csv").is_file()]
    for origin, path in enumerate(files):
        found = read_manifest(path)
        repeated = store.add_manifest(found.rows, origin)
        problems.extend(found.problems)
        problems.extend(f"{path}: row {line}: duplicate doc_id {doc_id!r}; the first row is used"
                        for line, doc_id in repeated)


def process(article: Article, rules: Rules) -> tuple[Article, list[Figure]]:
    """One article's figures; an unexpected error marks the article failed instead of stopping the build."""
    if article.status != "ok":
        return article, []
    try:
        return article, extract_article(article, rules)
    except Exception as error:  # one bad article must never stop the others
        return replace(article, status="failed", message=f"extraction failed: {type(error).__name__}: {error}"), []


def document_row(article: Article, figures: int) -> dict:
    return {
        "doc_id": article.doc_id, "path": article.path, "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from, "title": article.title,
        "characters": len(article.text), "figures": figures, "status": article.status,
        "message": article.message, **dict(article.extra),
    }


def figure_row(figure: Figure) -> dict:
    row = figure.row()
    for key in ("published", "date_start", "date_end"):
        row[key] = row[key].isoformat() if row[key] else None
    return row


def as_table(rows: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows as the all-text table a CSV holds: blanks are missing, numbers are digits."""
    names = list(columns)
    if set().union(*rows) - set(columns):  # keys beyond the table's own, in order of first appearance
        names = list(dict.fromkeys([*columns, *(k for r in rows for k in r)]))
    text = {k: [None if (v := r.get(k)) is None or v == "" else v if type(v) is str else str(v) for r in rows]
            for k in names}
    return pd.DataFrame(text, columns=names, dtype=object)


def run(paths: list[Path], manifest: Path | None = None, rules: Rules | None = None, warn=None, jobs: int = 1,
        engine: str = "local", scheduler: str | None = None, cache: Path | None = None,
        scratch: Path | None = None) -> Build:
    """Read and extract every document under `paths`; bad files become rows, never exceptions.

    `jobs` processes (or a Dask cluster at `scheduler`) share the work; results are put together in
    input order, so the tables do not depend on either. Rows stream into a store a chunk at a time, so
    memory does not grow with the corpus: with `cache`, the store kept at that path, where the last
    build's documents are kept if unchanged and only the claims and comparisons they touch are made
    again; else a temporary store in the folder `scratch` (the system's temporary folder by default)."""
    from figures.engine import Task, code_version, duplicate, run_tasks

    rules = rules or default_rules()
    warn = warn or (lambda line: print(line, file=sys.stderr))
    problems: list[str] = []
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: no such file or folder")
    store = Store(FIGURE_FIELDS, DOCUMENT_FIELDS, scratch, cache, f"{code_version()} {rules.version}")
    build = Build(store, problems)
    if store.restarted:
        warn(f"figures: {cache}: {store.restarted}; started afresh")
    _manifests([p for p in paths if p.is_dir()], manifest, store, problems)

    def items():
        """A task for each file, in order, or the row of a file whose doc_id an earlier file has."""
        for path, root in find_files([p for p in paths if p.exists()]):
            if not store.first_sight(path.stem):
                yield duplicate((Path(root.name) / path.relative_to(root)).as_posix(), path.stem)
                continue
            yield Task(str(path), str(root), tuple(sorted(store.manifest_row(path.stem).items())), rules.folder)

    chunk: list[tuple[int, str | None, Checked]] = []
    figures = 0
    for seq, outcome in enumerate(run_tasks(items(), rules, jobs, engine, scheduler, store.known if cache else None)):
        if outcome.kept:
            document, was, status, message = outcome.kept
            store.keep(document, was, seq)
            path = None
        else:
            done = outcome.checked
            status, message, path = done.document["status"], done.document["message"], done.document["path"]
            chunk.append((seq, outcome.key, done))
            figures += len(done.figures)
            if done.failures is not None:
                build.failures.append(done.failures)
            problems.extend(done.left_out)
        if status != "ok" or message:
            warn(f"figures: {path or store.path_of(document)}: {status}: {message}")
        if figures >= CHUNK or len(chunk) >= CHUNK:
            _store(store, chunk)
            chunk, figures = [], 0
    _store(store, chunk)
    store.settle()
    for doc_id in store.unseen_manifest_rows():
        problems.append(f"manifest row {doc_id!r} names no file among the inputs")
    for line in problems:
        warn(f"figures: {line}")
    return assemble(build, rules)


def _store(store: Store, chunk: list[tuple[int, str | None, Checked]]) -> None:
    """Put a chunk of new documents (position, key, checked result) in the store."""
    store.add([(seq, key, done.reusable, done.document) for seq, key, done in chunk],
              [figure for _, _, done in chunk for figure in done.figures])


class Checked(NamedTuple):
    """A document's result made ready for the store where it was made (see checked)."""

    document: dict
    figures: list[StoredFigure]
    reusable: bool  # it passed whole and did not fail (a time limit depends on the machine): a later build may keep it
    failures: pd.DataFrame | None  # failures met in its batch, other than figures left out
    left_out: list[str]  # a line for each of its figures left out after failing validation
    key: str | None = None  # the key of the bytes it was made from, if the build keeps a cache (see engine.work_batch)


def checked(results: list[tuple[dict, list[dict]]]) -> list[Checked]:
    """Validate a batch of documents' rows and figure rows, and format the figures for the store: a figure
    that fails its schema is left out with a message; any other failure is kept for the build to report,
    with the document it belongs to (or the batch's first). A document may be kept for later builds only
    if it passes whole and its extraction did not fail. Runs in the build's workers, a batch at a time (validating costs more per table
    than per row)."""
    from figures.schema import validate

    documents = [document for document, _ in results]
    figures = [row for _, rows in results for row in rows]  # with household estimates (see engine.work)
    table, docs = as_table(figures, FIGURE_FIELDS), as_table(documents, DOCUMENT_FIELDS)
    table["claim_id"] = "C" + "0" * 12  # claims are found across batches later; their ids cannot fail
    failures = validate(table, docs)
    owners = [(table if f.table == "figures" else docs).at[f.row, "doc_id"]
              if f.table in {"figures", "documents"} and f.row >= 0 else "" for f in failures.itertuples(index=False)]
    dropping = ((failures["table"] == "figures") & (failures["row"] >= 0)).tolist()
    dropped = {table.at[f.row, "figure_id"]: f.check
               for f, drop in zip(failures.itertuples(index=False), dropping, strict=True) if drop}
    reported = [(owner, i) for i, (owner, drop) in enumerate(zip(owners, dropping, strict=True)) if not drop]
    out, told = [], set()  # a doc_id told its failures (a skipped duplicate file shares its original's)
    for document, rows in results:
        doc_id = document["doc_id"]
        mine = [] if doc_id in told else [i for owner, i in reported if owner == doc_id or (owner == "" and not out)]
        told.add(doc_id)
        gone = [r for r in rows if r["figure_id"] in dropped]
        if gone:
            document = {**document, "figures": document["figures"] - len(gone),
                        "message": f"{len(gone)} figure(s) left out after failing validation (see stderr)"}
            rows = [r for r in rows if r["figure_id"] not in dropped]
        reusable = "" not in owners and doc_id not in owners and document["status"] != "failed"  # timed out, say
        out.append(Checked(document, stored_figures(FIGURE_FIELDS, rows), reusable,
                           failures.iloc[mine] if mine else None,
                           [f"{doc_id}: figure {r['figure_id']} left out: check {dropped[r['figure_id']]} failed"
                            for r in gone]))
    return out


def assemble(build: Build, rules: Rules) -> Build:
    """The build's derived tables: claims across documents, sources and comparisons (of the keys this
    build touched, when the store has a last build's), committed to the store once made."""
    from figures.claims import claim_groups, claim_id, claim_key, claim_row
    from figures.compare import column_order, keyed_rows
    from figures.source_table import sources_table

    store, columns = build.store, build.claim_columns()
    store.index()
    for opened, figures, settled in store.claim_passes():
        pairs = (((item, row), row) for item, row in figures)
        for members in claim_groups(pairs, [[(pair, pair[1]) for pair in claim] for claim in opened], settled):
            claim = claim_id(members[0][1])
            if store.unchanged_claim(claim, [item for item, _ in members]):
                continue
            for _, row in members:
                row["claim_id"] = claim
            record = claim_row([row for _, row in members])  # figures in order of publication, wherever their files are
            store.set_claim([item for item, _ in members], claim_key(members[0][1]), claim, record,
                            record["first_published"] or "9999", columns)
    store.flush_claims()
    store.drop_unmade_claims()
    store.set_compared(keyed_rows(store.compared()))
    build.compare_columns = (*names("compare"), *column_order(store.compare_sources()))
    build.sources = as_table(sources_table(store.named_sources(), rules), names("sources"))
    store.commit()
    return build


def check(build: Build) -> pd.DataFrame:
    """Every failure of the build's tables: those met while its chunks were stored, and those of the
    derived tables made since the last written build, checked a chunk at a time."""
    from figures.schema import compare_failures, table_failures

    found = [*build.failures, table_failures({"sources": build.sources})]
    rows = build.store.claim_rows(build.claim_columns(), remade=True)
    for chunk in iter(lambda: list(islice(rows, CHUNK)), []):
        found.append(table_failures({"claims": as_table(chunk, build.claim_columns())}))
    numbered = build.store.remade_compare_rows()
    for chunk in iter(lambda: list(islice(numbered, CHUNK)), []):
        found.append(compare_failures([row for _, row in chunk], numbers=[n for n, _ in chunk]))
    found = [f for f in found if len(f)]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame()


def about_rows(build: Build, inputs: list[str], rules: Rules) -> list[tuple[str, str]]:
    """The workbook's about sheet: what every column of every table means and how this build was made."""
    from figures.columns import TABLES

    counts = build.store.statuses()
    rows = [
        ("figures version", __version__),
        ("rules version", rules.version),
        ("inputs", "; ".join(inputs)),
        ("documents", f"{build.store.documents} ({', '.join(f'{k}: {v}' for k, v in counts.items())})"),
        ("figures", str(build.store.figures)),
        ("sources", "Each source has its own sheet. Figures from different sources are never merged or summed."),
        ("compare", "Different sources' numbers for one category, group, country and week, side by side."),
        ("quotes", "Quotes are stored as text; a quote starting with = + - or @ is never run as a formula."),
    ]
    rows += [(f"problem {i}", p) for i, p in enumerate(build.problems, start=1)]
    for table, fields in TABLES.items():
        rows += [(f"{table}.{f.name}", f.description) for f in fields]
    rows.append(("compare.<source>", "One column per source: the number that source gives."))
    return rows


def write(build: Build, out: Path, inputs: list[str], rules: Rules, warn=None, csv_only: bool = False) -> list[Path]:
    """Write every table (CSV), the HXL copy and its schema, the data package, the workbook and the plots
    into `out`, each file atomically, streaming the large tables from the build's store."""
    from figures.charts import png_bytes, series
    from figures.export import (
        Tagged,
        data,
        frame_rows,
        remove_leftovers,
        write_all,
        write_csv,
        write_lines,
        write_workbook,
    )
    from figures.formats import datapackage_bytes, hxl_tags

    store, columns = build.store, build.figure_columns()
    targets = {
        out / "figures.csv": lambda fh: write_lines(fh, columns, store.figure_lines()),
        out / "documents.csv": lambda fh: write_csv(fh, build.document_columns(), store.document_rows()),
        out / "sources.csv": lambda fh: write_csv(fh, list(build.sources.columns), frame_rows(build.sources)),
        out / "claims.csv": lambda fh: write_lines(fh, build.claim_columns(), store.claim_lines()),
        out / "compare.csv": lambda fh: write_csv(fh, build.compare_columns, store.compare_rows()),
        out / "figures_hxl.csv": Tagged(out / "figures.csv", [hxl_tags().get(c, "") for c in columns]),
        out / "datapackage.json": data(datapackage_bytes({
            "figures": list(columns), "documents": list(build.document_columns()),
            "sources": list(build.sources.columns), "claims": list(build.claim_columns()),
            "compare": list(build.compare_columns)})),
    }
    if not csv_only:
        about = about_rows(build, inputs, rules)
        targets[out / "figures.xlsx"] = lambda fh: write_workbook(fh, build, about, warn, out)
        for category, (by_source, hidden) in series(store).items():
            targets[out / "plots" / f"{category}.png"] = data(png_bytes(category, by_source, hidden))
    if out.is_dir():
        remove_leftovers(out, keep=store.path)
    write_all(targets)
    store.written()
    for stale in (out / "plots").glob("*.png"):  # a category this build no longer has
        if stale not in targets:
            stale.unlink()
    if csv_only:  # an earlier build's workbook and plots would disagree with these tables
        (out / "figures.xlsx").unlink(missing_ok=True)
        if (out / "plots").is_dir() and not any((out / "plots").iterdir()):
            (out / "plots").rmdir()
    return list(targets)
