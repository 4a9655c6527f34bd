"""Pipeline: read every article, extract its figures, validate the tables and write them out."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import pandas as pd

from figures import __version__
from figures.articles import Article, find_files, read_manifest
from figures.columns import names
from figures.records import Figure, extract_article
from figures.rules import Rules, default_rules

DOCUMENT_FIELDS = tuple(names("documents"))
FIGURE_FIELDS = tuple(names("figures"))


@dataclass
class Build:
    """What a build produced: its tables and the problems met on the way."""

    figures: pd.DataFrame
    documents: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    claims: pd.DataFrame = field(default_factory=pd.DataFrame)
    compare: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"figures": self.figures, "documents": self.documents, "sources": self.sources,
                "claims": self.claims, "compare": self.compare}


def sample_paths() -> tuple[Path, Path]:
    """The bundled sample corpus and its manifest, wherever the package is installed."""
    root = Path(str(resources.files("figures") / "sample"))
    return root / "articles", root / "manifest.csv"


def _manifests(paths: list[Path], manifest: Path | None, problems: list[str]) -> dict[str, dict[str, str]]:
    files = [manifest] if manifest else [p / "manifest.csv" for p in paths if (p / "manifest.csv").is_file()]
    rows: dict[str, dict[str, str]] = {}
    for path in files:
        found = read_manifest(path)
        problems.extend(found.problems)
        for doc_id, row in found.rows.items():
            rows.setdefault(doc_id, row)
    return rows


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
    names = list(dict.fromkeys([*columns, *(k for r in rows for k in r)]))
    text = [[None if r.get(k) is None or r.get(k) == "" else str(r[k]) for k in names] for r in rows]
    return pd.DataFrame(text, columns=names, dtype=object)


def run(paths: list[Path], manifest: Path | None = None, rules: Rules | None = None, warn=None, jobs: int = 1,
        engine: str = "local", scheduler: str | None = None, cache: Path | None = None) -> Build:
    """Read and extract every document under `paths`; bad files become rows, never exceptions.

    `jobs` processes (or a Dask cluster at `scheduler`) share the work; results are put together in
    input order, so the tables do not depend on either. With `cache`, results of unchanged documents
    are taken from that SQLite file."""
    from figures.engine import Cache, Task, duplicate, run_tasks

    rules = rules or default_rules()
    warn = warn or (lambda line: print(line, file=sys.stderr))
    problems: list[str] = []
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: no such file or folder")
    rows = _manifests([p for p in paths if p.is_dir()], manifest, problems)
    seen: set[str] = set()
    tasks, order = [], []
    for path, root in find_files([p for p in paths if p.exists()]):
        if path.stem in seen:
            order.append(duplicate((Path(root.name) / path.relative_to(root)).as_posix(), path.stem))
            continue
        seen.add(path.stem)
        tasks.append(Task(str(path), str(root), tuple(sorted(rows.get(path.stem, {}).items())), rules.folder))
        order.append(None)
    store = Cache(cache) if cache else None
    results = run_tasks(tasks, rules, jobs, engine, scheduler, store)
    documents, figures = [], []
    for slot in order:
        document, found = slot if slot is not None else next(results)
        if document["status"] != "ok" or document["message"]:
            warn(f"figures: {document['path']}: {document['status']}: {document['message']}")
        documents.append(document)
        figures.extend(found)
    if store:
        store.close()
    for doc_id in sorted(set(rows) - seen):
        problems.append(f"manifest row {doc_id!r} names no file among the inputs")
    for line in problems:
        warn(f"figures: {line}")
    return assemble(figures, documents, problems, rules, warn)


def assemble(figures: list[dict], documents: list[dict], problems: list[str], rules: Rules, warn) -> Build:
    """The tables of a build from the documents' figures: estimates, claims, sources and comparisons added,
    and any figure that fails its schema left out with a message."""
    from figures.claims import assign_claims, claims_table
    from figures.compare import compare_table
    from figures.households import add_estimates, load_sizes
    from figures.schema import validate
    from figures.source_table import sources_table

    figures = assign_claims(add_estimates(figures, load_sizes()))
    table, docs = as_table(figures, FIGURE_FIELDS), as_table(documents, DOCUMENT_FIELDS)
    failures = validate(table, docs)
    bad = failures[(failures["table"] == "figures") & (failures["row"] >= 0)]
    if not bad.empty:
        dropped = {table.at[f.row, "figure_id"]: f.check for f in bad.itertuples(index=False)}
        for row in figures:
            if row["figure_id"] in dropped:
                line = f"{row['doc_id']}: figure {row['figure_id']} left out: check {dropped[row['figure_id']]} failed"
                warn(f"figures: {line}")
                problems.append(line)
        _note_dropped(documents, [r for r in figures if r["figure_id"] in dropped])
        figures = assign_claims([r for r in figures if r["figure_id"] not in dropped])
        table, docs = as_table(figures, FIGURE_FIELDS), as_table(documents, DOCUMENT_FIELDS)
    compared, source_columns = compare_table(figures)
    return Build(table, docs, problems, sources=as_table(sources_table(figures, rules), names("sources")),
                 claims=as_table(claims_table(figures), names("claims")),
                 compare=as_table(compared, (*names("compare"), *source_columns)))


def _note_dropped(documents: list[dict], dropped: list[dict]) -> None:
    for doc in documents:
        n = sum(1 for r in dropped if r["doc_id"] == doc["doc_id"])
        if n:
            doc["figures"] -= n
            doc["message"] = f"{n} figure(s) left out after failing validation (see stderr)"


def about_rows(build: Build, inputs: list[str], rules: Rules) -> list[tuple[str, str]]:
    """The workbook's about sheet: what every column of every table means and how this build was made."""
    from figures.columns import TABLES

    counts = build.documents["status"].value_counts().sort_index() if len(build.documents) else pd.Series()
    rows = [
        ("figures version", __version__),
        ("rules version", rules.version),
        ("inputs", "; ".join(inputs)),
        ("documents", f"{len(build.documents)} ({', '.join(f'{k}: {v}' for k, v in counts.items())})"),
        ("figures", str(len(build.figures))),
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
    into `out`, each file atomically."""
    from figures.charts import png_bytes, series
    from figures.export import csv_bytes, remove_leftovers, workbook_bytes, write_all
    from figures.formats import datapackage_bytes, hxl_bytes

    tables = build.tables()
    targets = {out / f"{name}.csv": csv_bytes(frame) for name, frame in tables.items()}
    targets[out / "figures_hxl.csv"] = hxl_bytes(build.figures)
    targets[out / "datapackage.json"] = datapackage_bytes(tables)
    if not csv_only:
        targets[out / "figures.xlsx"] = workbook_bytes(tables, about_rows(build, inputs, rules), warn)
        for category, by_source in series(build.figures).items():
            targets[out / "plots" / f"{category}.png"] = png_bytes(category, by_source)
    if out.is_dir():
        remove_leftovers(out)
    write_all(targets)
    return list(targets)
