"""Shared helpers: load the case tables and run the extractor on a sentence."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from figures.articles import Article
from figures.records import Figure, extract_article
from figures.rules import default_rules

CASES = Path(__file__).parent / "cases"
OUTLET = "Test Outlet"


def read_table(name: str) -> list[dict[str, str]]:
    with (CASES / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def grouped_cases(*names: str) -> list[tuple[str, list[dict[str, str]]]]:
    """Rows of case tables grouped by case id; later rows inherit the first row's text and date."""
    groups: dict[str, list[dict[str, str]]] = {}
    for table in names:
        for row in read_table(table):
            rows = groups.setdefault(row["case"], [])
            if rows:
                if row["text"] and row["text"] != rows[0]["text"]:  # a case id used twice would merge two cases
                    raise ValueError(f"{table}: case {row['case']!r} has two texts; give the second case its own id")
                row = {**row, "text": rows[0]["text"], "published": rows[0]["published"]}
            rows.append(row)
    return list(groups.items())


def extract(text: str, published: str = "2024-12-03", outlet: str = OUTLET) -> list[Figure]:
    day = date.fromisoformat(published) if published else None
    article = Article("case", "case.txt", text, outlet=outlet, published=day,
                      published_from="manifest" if day else "none")
    return extract_article(article, default_rules())


@pytest.fixture(scope="session")
def rules():
    return default_rules()


def build_into(folder, *args: str):
    """Run `figures build` into `folder` and fail the test if it does not succeed."""
    from click.testing import CliRunner

    from figures.cli import cli

    result = CliRunner().invoke(cli, ["build", *args, "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder
