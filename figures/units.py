"""Units: recognise measurement units with pint, so "20 kilometres" is never read as a figure."""

from __future__ import annotations

from functools import lru_cache

# Dimensions of things measured rather than counted; pint also knows odd units ("at", "in"),
# which is why only these dimensions count and function words never reach this module.
MEASURED = ("[length]", "[length] ** 2", "[length] ** 3", "[mass]", "[time]", "[currency]")


@lru_cache(maxsize=1)
def registry():
    """The one pint registry: its standard units, plus people and households as separate dimensions, with
    a `households` context that converts households to people only given a household size."""
    import pint

    ureg = pint.UnitRegistry()
    ureg.define("person = [people] = persons = people")
    ureg.define("household = [households] = households = hh")
    context = pint.Context("households", defaults={"size": None})
    context.add_transformation(
        "[households]", "[people]",
        lambda ureg, x, size: x * size * ureg.person / ureg.household)
    ureg.add_context(context)
    return ureg


def is_measurement_unit(word: str) -> bool:
    """True for "kilometres", "km", "tonnes", "hours"; False for "people" or "percent".

    >>> is_measurement_unit("kilometres"), is_measurement_unit("militants")
    (True, False)
    """
    try:
        unit = registry().parse_units(word)
    except Exception:  # pint raises several error types for unknown or malformed names
        return False
    dimensionality = str(unit.dimensionality)
    return dimensionality in MEASURED
