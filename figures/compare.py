"""Compare: different sources' numbers for the same category, group, country and week, side by side.

Nothing is merged or summed: each cell is one source's own number, and the spread shows how far
the sources disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby

from figures.claims import group_class
from figures.columns import COMPARE

FIELDS = frozenset(f.name for f in COMPARE)


def number(row: dict) -> int | None:
    """The figure's number for comparisons and charts: its value, else its lower, else its upper bound."""
    for key in ("value", "low", "high"):
        if row.get(key) is not None:
            return int(row[key])
    return None


def week(iso: str | None) -> str:
    if not iso:
        return ""
    year, number_, _ = date.fromisoformat(iso[:10]).isocalendar()
    return f"{year}-W{number_:02d}"


def compare_key(row: dict) -> str | None:
    """Category, group class, country and week joined by NUL, so text order is the tuples' order;
    None for rows never compared (subsets, figures with no number or no source)."""
    if row.get("parent_id") or number(row) is None or not row.get("source"):
        return None
    group = group_class(row["group"])
    return "\0".join((row["category"], group, row.get("country") or "", week(row.get("date_end") or row.get("published"))))


def _column(source: str) -> str:
    """A source's column: its name, unless that is one of the table's own fields ("group")."""
    return f"{source} (source)" if source in FIELDS else source


def keyed_rows(compared: Iterable[tuple[str, str, int, str]]) -> Iterator[tuple[str, list[str], dict]]:
    """(key, source columns, row) of each comparison row (see compare_rows)."""
    for key, cell in groupby(compared, key=lambda c: c[0]):
        for row in compare_rows(cell):
            yield key, source_columns(row), row


def compare_rows(compared: Iterable[tuple[str, str, int, str]]) -> Iterator[dict]:
    """One row per category, group, country and week where two or more sources give a number, from
    (key, source, number, figure_id) in order of key and then of publication (see store.compared); subsets
    are left out, since their wholes are compared. A row holds only its own sources' columns."""
    for key, cell in groupby(compared, key=lambda c: c[0]):
        by_source: dict[str, list[tuple[int, str]]] = {}
        for _, source, number, figure_id in cell:
            by_source.setdefault(source, []).append((number, figure_id))
        if len(by_source) < 2:
            continue
        category, group, country, week = key.split("\0")
        numbers = {_column(s): max(n for n, _ in found) for s, found in by_source.items()}
        yield {
            "comparison": "-".join(filter(None, [category, group.replace(" ", "_"), country, week])),
            "category": category, "group": group, "country": country or None, "week": week or None,
            "sources": len(numbers), "highest": max(numbers.values()), "lowest": min(numbers.values()),
            "spread": max(numbers.values()) - min(numbers.values()),
            "figures": " ".join(f for found in by_source.values() for _, f in found),
            **numbers,
        }


def source_columns(row: dict) -> list[str]:
    """The per-source columns of a comparison row."""
    return [k for k in row if k not in FIELDS]


def column_order(sources: Iterable[str]) -> list[str]:
    return sorted(sources, key=lambda s: (s.lower(), s))  # "local authorities" and "Local authorities" too


def compare_table(compared: Iterable[tuple[str, str, int, str]]) -> tuple[list[dict], list[str]]:
    """(rows, source columns) of the whole comparison in memory: for small inputs and tests."""
    rows = list(compare_rows(compared))
    return rows, column_order({s for row in rows for s in source_columns(row)})
