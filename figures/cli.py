"""CLI: the `figures` command, a thin shell over the pipeline."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from figures import __version__

CACHE_NAME = ".figures-cache.sqlite"


def _echo_failures(failures) -> None:
    for f in failures.itertuples(index=False):
        ident = f" ({f.id})" if f.id else ""
        column = f" column {f.column}" if f.column and f.column != "None" else ""
        value = f": {f.value!r}" if f.value else ""
        line = f" (line {f.row + 2} of {f.table}.csv)" if f.row >= 0 else ""
        click.echo(f"{f.table} row {f.row}{line}{ident}: check {f.check} failed{column}{value}", err=True)


def _rules():
    """The rules, or a clear message naming the rule file and row at fault."""
    from figures.rules import RulesError, default_rules

    try:
        return default_rules()
    except RulesError as error:
        raise click.ClickException(f"rule files: {error}") from None


@contextmanager
def _only_build_in(out: Path) -> Iterator[None]:
    """Hold the output folder for one build at a time: two builds into one folder would write over each
    other's files and cache. Where folders cannot be locked (not POSIX), nothing is held."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    import os

    held = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise click.ClickException(f"{out.as_posix()}: another figures build is writing there; wait for it to "
                                       "finish or give another --out") from None
        yield
    finally:
        os.close(held)  # which lets the lock go


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="figures")
def cli() -> None:
    """Find casualty, displacement and fighter-count figures in news articles.

    \b
    Example:
        figures build articles/ --manifest articles/manifest.csv --out output
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV with doc_id,outlet,url,published,title,language (default: manifest.csv in each folder).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True,
              help="Folder to write the tables, the workbook and the plots into.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to use (default: all cores). The output is the same whatever the number.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the per-document work runs: local processes, or an existing Dask cluster.")
@click.option("--scheduler", help="The Dask scheduler's address (tcp://host:8786), with --engine dask.")
@click.option("--csv-only", is_flag=True, help="Write the CSV tables and the data package only: no workbook, no plots (an earlier build's are removed).")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse results of unchanged documents, kept in OUT/.figures-cache.sqlite.")
def build(paths: tuple[Path, ...], manifest: Path | None, out: Path, jobs: int | None, engine: str,
          scheduler: str | None, csv_only: bool, cache: bool) -> None:
    """Extract figures from files or folders of articles (.txt, .md, .html) into OUT.

    With no PATH, builds the sample corpus bundled with figures. Bad files are reported on
    stderr and listed in documents.csv; they never stop the build. The tables are validated
    before anything is written; the exit code is 1 if they fail.

    \b
    Example:
        figures build ../shared/seeds/articles --manifest ../shared/seeds/manifest.csv --out seeds-out
    """
    from figures.pipeline import check, run, sample_paths, write

    rules = _rules()
    inputs = [p.as_posix() for p in paths]
    if not paths:
        articles, sample_manifest = sample_paths()
        paths, manifest, inputs = (articles,), manifest or sample_manifest, ["(bundled sample)"]
    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    import os
    import sqlite3

    out.mkdir(parents=True, exist_ok=True)  # the build's scratch store lives there, so a killed build's is cleared
    store_path = out / CACHE_NAME if cache else None
    with _only_build_in(out):
        for attempt in (1, 2):
            try:
                result = run(list(paths), manifest, rules, jobs=jobs or os.cpu_count() or 1, engine=engine,
                             scheduler=scheduler, cache=store_path, scratch=out)
                failures = check(result)
                if len(failures):
                    _echo_failures(failures)
                    raise click.ClickException(f"{len(failures)} validation failure(s); nothing was written")
                written = write(result, out, inputs, rules, csv_only=csv_only)
                break
            except sqlite3.DatabaseError as error:  # a damaged page of the cache, met wherever it is read
                if store_path is None or attempt == 2 or isinstance(error, sqlite3.OperationalError):
                    raise
                click.echo(f"figures: {store_path}: unreadable ({error}); started afresh", err=True)
                for damaged in (store_path, store_path.with_name(store_path.name + "-journal")):
                    damaged.unlink(missing_ok=True)
    store = result.store
    click.echo(f"{store.documents} documents ({store.not_ok()} not ok), {store.figures} figures, "
               f"{store.claims()} claims -> {out.as_posix()}/ ({len(written)} files)", err=True)
    result.close()


@cli.command("validate")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("output"))
def validate_cmd(folder: Path) -> None:
    """Check figures.csv and documents.csv in FOLDER against the schemas.

    Every failure is printed with its table, row, figure id and check; the exit code is 1
    when any check fails.

    \b
    Example:
        figures validate seeds-out
    """
    import pandas as pd

    from figures.schema import validate

    tables = {}
    for name in ("figures", "documents", "sources", "claims", "compare"):
        path = folder / f"{name}.csv"
        if path.is_file():
            tables[name] = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        elif name in {"figures", "documents"}:
            raise click.ClickException(f"{path}: missing")
    others = {k: v for k, v in tables.items() if k not in {"figures", "documents"}}
    failures = validate(tables["figures"], tables["documents"], others)
    if len(failures):
        _echo_failures(failures)
        click.echo(f"{folder}: {len(failures)} failure(s)", err=True)
        sys.exit(1)
    click.echo(f"{folder}: {len(tables['figures'])} figures and {len(tables['documents'])} documents are valid")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date, YYYY-MM-DD.")
@click.option("--outlet", default="", help="The outlet, used as source when the text names none.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def extract(file: Path, published, outlet: str, as_json: bool) -> None:
    """Print the figures found in one article, to check what a rule does.

    \b
    Example:
        figures extract article.txt --published 2024-12-02 --outlet "Al Jazeera" --json
    """
    from dataclasses import replace

    from figures.articles import read_article
    from figures.records import extract_article
    from figures.sentences import is_boilerplate

    rules = _rules()
    article = read_article(file, file.parent, {}, lambda line: is_boilerplate(line, rules))
    if article.status != "ok":
        raise click.ClickException(f"{file}: {article.status}: {article.message}")
    if published or outlet:
        article = replace(article, outlet=outlet or article.outlet,
                          published=published.date() if published else article.published,
                          published_from="manifest" if published else article.published_from)
    for figure in extract_article(article, rules):
        row = figure.row()
        if as_json:
            click.echo(json.dumps(row, default=lambda v: v.isoformat() if isinstance(v, date) else str(v),
                                  ensure_ascii=False))
        else:
            number = row["value"] if row["value"] is not None else f"{row['low']}-{row['high']}"
            click.echo(f"{row['category']:<10} {row['group']:<12} {number!s:>10} {row['qualifier']:<9} "
                       f"{row['source'] or '-'} | {row['location'] or '-'} | "
                       f"{row['date_start'] or ''}..{row['date_end'] or ''}")


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Manifest for the articles (default: manifest.csv in each folder).")
@click.option("--show-errors", is_flag=True, help="List every miss, spurious figure and wrong field.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
def evaluate(gold: Path, paths: tuple[Path, ...], manifest: Path | None, show_errors: bool, as_json: bool) -> None:
    """Score figures against GOLD.jsonl: precision, recall, F1 and the accuracy of each field.

    PATH is a built output folder (one holding figures.csv) or articles to build first; the
    gold format is one JSON object per figure (doc_id, category, value, low, high, qualifier,
    group, location, date_start, date_end, source, quote, parent, optional, alt_*).

    \b
    Example:
        figures evaluate ../shared/seeds/gold.jsonl ../shared/seeds/articles --show-errors
    """
    import pandas as pd

    from figures.evaluate import load_gold, report, score
    from figures.pipeline import run

    rules = _rules()
    if len(paths) == 1 and (paths[0] / "figures.csv").is_file():
        table = pd.read_csv(paths[0] / "figures.csv", dtype=str, keep_default_na=False)
    elif paths:
        table = run(list(paths), manifest, rules, warn=lambda line: None).figures
    else:
        raise click.UsageError("give a built output folder or the articles to build")
    preds = table.astype(object).where(table.notna(), None).to_dict("records")
    result = score(load_gold(gold), preds, rules)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else report(result, show_errors))


def main() -> None:
    cli()
