"""Pipeline: read every article, extract its figures, validate the tables and write them out."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from figures import __version__
from figures.articles import Article, find_files, read_article, read_manifest
from figures.records import COLUMNS, Figure, extract_article
from figures.rules import Rules, default_rules
from figures.schema import DOCUMENT_COLUMNS, FIGURE_COLUMNS
from figures.sentences import is_boilerplate

DOCUMENT_FIELDS = tuple(DOCUMENT_COLUMNS)


@dataclass
class Build:
    """What a build produced: the two tables, problems met on the way, and validation failures."""

    figures: pd.DataFrame
    documents: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    failures: pd.DataFrame | None = None


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
        failed = Article(article.doc_id, article.path, article.text, article.outlet, article.published,
                         article.published_from, article.title, article.language, "failed",
                         f"extraction failed: {type(error).__name__}: {error}", article.extra)
        return failed, []


def _document_row(article: Article, figures: int) -> dict:
    return {
        "doc_id": article.doc_id, "path": article.path, "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from, "title": article.title,
        "characters": len(article.text), "figures": figures, "status": article.status,
        "message": article.message, **dict(article.extra),
    }


def _figure_row(figure: Figure) -> dict:
    row = figure.row()
    for key in ("published", "date_start", "date_end"):
        row[key] = row[key].isoformat() if row[key] else None
    return row


def as_table(rows: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows as the all-text table a CSV holds: blanks are missing, numbers are digits."""
    names = list(dict.fromkeys([*columns, *(k for r in rows for k in r)]))
    text = [[None if r.get(k) is None or r.get(k) == "" else str(r[k]) for k in names] for r in rows]
    return pd.DataFrame(text, columns=names, dtype=object)


def run(paths: list[Path], manifest: Path | None = None, rules: Rules | None = None, warn=None) -> Build:
    """Read and extract every document under `paths`; bad files become rows, never exceptions."""
    rules = rules or default_rules()
    warn = warn or (lambda line: print(line, file=sys.stderr))
    problems: list[str] = []
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: no such file or folder")
    rows = _manifests([p for p in paths if p.is_dir()], manifest, problems)
    seen: set[str] = set()
    documents, figures = [], []
    for path, root in find_files([p for p in paths if p.exists()]):
        article = read_article(path, root, rows, lambda line: is_boilerplate(line, rules))
        if article.doc_id in seen:
            article = Article(article.doc_id, article.path, "", status="duplicate",
                              message=f"another file already has doc_id {article.doc_id!r}; skipped")
        seen.add(article.doc_id)
        article, found = process(article, rules)
        if article.status != "ok" or article.message:
            warn(f"figures: {article.path}: {article.status}: {article.message}")
        documents.append(_document_row(article, len(found)))
        figures.extend(_figure_row(f) for f in found)
    for doc_id in sorted(set(rows) - seen):
        problems.append(f"manifest row {doc_id!r} names no file among the inputs")
    for line in problems:
        warn(f"figures: {line}")
    return _drop_invalid(Build(as_table(figures, COLUMNS), as_table(documents, DOCUMENT_FIELDS), problems), warn)


def _drop_invalid(build: Build, warn) -> Build:
    """Figures that fail a schema check are left out and reported, so one bad row never blocks a build."""
    from figures.schema import validate

    failures = validate(build.figures, build.documents)
    bad = failures[(failures["table"] == "figures") & (failures["row"] >= 0)]
    if bad.empty:
        return build
    rows = sorted(set(bad["row"]))
    for f in bad.itertuples(index=False):
        line = f"figure {f.id} left out: check {f.check} failed"
        warn(f"figures: {build.figures.at[f.row, 'doc_id']}: {line}")
        build.problems.append(f"{build.figures.at[f.row, 'doc_id']}: {line}")
    dropped = build.figures.loc[rows].groupby("doc_id").size()
    figures = build.figures.drop(index=rows).reset_index(drop=True)
    documents = build.documents.copy()
    for doc_id, n in dropped.items():
        at = documents.index[documents["doc_id"] == doc_id]
        documents.loc[at, "figures"] = str(int(documents.loc[at[0], "figures"]) - n)
        documents.loc[at, "message"] = f"{n} figure(s) left out after failing validation (see stderr)"
    return Build(figures, documents, build.problems)


def about_rows(build: Build, inputs: list[str], rules: Rules) -> list[tuple[str, str]]:
    """The workbook's about sheet: what each column means and how this build was made."""
    counts = build.documents["status"].value_counts().sort_index() if len(build.documents) else pd.Series()
    rows = [
        ("figures version", __version__),
        ("rules version", rules.version),
        ("inputs", "; ".join(inputs)),
        ("documents", f"{len(build.documents)} ({', '.join(f'{k}: {v}' for k, v in counts.items())})"),
        ("figures", str(len(build.figures))),
        ("sources", "Each source has its own sheet. Figures from different sources are never merged or summed."),
        ("quotes", "Quotes are stored as text; a quote starting with = + - or @ is never run as a formula."),
    ]
    rows += [(f"problem {i}", p) for i, p in enumerate(build.problems, start=1)]
    rows += [(f"figures.{k}", v) for k, v in FIGURE_COLUMNS.items()]
    rows += [(f"documents.{k}", v) for k, v in DOCUMENT_COLUMNS.items()]
    return rows


def write(build: Build, out: Path, inputs: list[str], rules: Rules) -> list[Path]:
    """Write figures.csv, documents.csv and figures.xlsx into `out`, each atomically."""
    from figures.export import csv_bytes, workbook_bytes, write_atomic

    targets = {
        out / "figures.csv": csv_bytes(build.figures),
        out / "documents.csv": csv_bytes(build.documents),
        out / "figures.xlsx": workbook_bytes(build.figures, build.documents, about_rows(build, inputs, rules)),
    }
    for path, data in targets.items():
        write_atomic(path, data)
    return list(targets)
