"""Households: a separate, labelled person estimate for figures reported in households, computed with pint.

People and households are distinct dimensions, so pint refuses to add one to the other; the
only way from households to people is the explicit `households` context with a household size
that is recorded on the row together with its source.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from figures.units import registry


@dataclass(frozen=True)
class HouseholdSize:
    iso3: str
    size: float
    source: str


def load_sizes(path: Path | None = None) -> dict[str, HouseholdSize]:
    path = path or Path(str(resources.files("figures") / "rules" / "household_size.csv"))
    with path.open(newline="", encoding="utf-8") as fh:
        return {r["iso3"]: HouseholdSize(r["iso3"], float(r["size"]), f"{r['source']} ({r['year']})")
                for r in csv.DictReader(fh)}


def people_estimate(households: int, size: HouseholdSize) -> int:
    """Households converted to people with the country's household size.

    >>> people_estimate(1200, HouseholdSize("PAK", 6.8, "survey"))
    8160
    """
    ureg = registry()
    people = (households * ureg.household).to("person", "households", size=size.size)
    return round(people.magnitude)


def add_estimates(rows: list[dict], sizes: dict[str, HouseholdSize]) -> list[dict]:
    """Fill people_estimate, household_size and household_size_source on household rows whose country
    has a known size; every other row keeps them empty."""
    for row in rows:
        size = sizes.get(row.get("country") or "")
        if row.get("unit") == "households" and row.get("value") is not None and size is not None:
            row["people_estimate"] = people_estimate(int(row["value"]), size)
            row["household_size"] = size.size
            row["household_size_source"] = size.source
    return rows
