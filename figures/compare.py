"""Compare: different sources' numbers for the same category, group, country and week, side by side.

Nothing is merged or summed: each cell is one source's own number, and the spread shows how far
the sources disagree.
"""

from __future__ import annotations

from datetime import date

from figures.claims import PEOPLE


def _week(iso: str | None) -> str:
    if not iso:
        return ""
    year, week, _ = date.fromisoformat(iso[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def _number(row: dict) -> int | None:
    for key in ("value", "low", "high"):
        if row.get(key) is not None:
            return int(row[key])
    return None


def compare_table(rows: list[dict]) -> tuple[list[dict], list[str]]:
    """(rows, source columns): one row per category, group, country and week where two or more sources
    give a number; subsets are left out, since their wholes are compared."""
    cells: dict[tuple, dict[str, list[dict]]] = {}
    for row in rows:
        number = _number(row)
        if row.get("parent_id") or number is None or not row.get("source"):
            continue
        group = "people" if row["group"] in PEOPLE else row["group"]
        key = (row["category"], group, row.get("country") or "", _week(row.get("date_end") or row.get("published")))
        cells.setdefault(key, {}).setdefault(row["source"], []).append(row)
    out, sources = [], set()
    for (category, group, country, week), by_source in sorted(cells.items()):
        if len(by_source) < 2:
            continue
        numbers = {s: max(_number(r) for r in rs) for s, rs in by_source.items()}
        sources.update(numbers)
        out.append({
            "comparison": "-".join(filter(None, [category, group.replace(" ", "_"), country, week])),
            "category": category, "group": group, "country": country or None, "week": week or None,
            "sources": len(numbers), "highest": max(numbers.values()), "lowest": min(numbers.values()),
            "spread": max(numbers.values()) - min(numbers.values()),
            "figures": " ".join(r["figure_id"] for rs in by_source.values() for r in rs),
            **numbers,
        })
    return out, sorted(sources, key=str.lower)
