"""Units: recognise measurement units with pint, so "20 kilometres" is never read as a figure."""

from __future__ import annotations

from functools import lru_cache

# Dimensions of things measured rather than counted; pint also knows odd units ("at", "in"),
# which is why only these dimensions count and function words never reach this module.
MEASURED = ("[length]", "[length] ** 2", "[length] ** 3", "[mass]", "[time]", "[currency]")


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


def is_measurement_unit(word: str) -> bool:
    """True for "kilometres", "km", "tonnes", "hours"; False for "people" or "percent".

    >>> is_measurement_unit("kilometres"), is_measurement_unit("militants")
    (True, False)
    """
    registry = _registry()
    try:
        unit = registry.parse_units(word)
    except Exception:  # pint raises several error types for unknown or malformed names
        return False
    dimensionality = str(unit.dimensionality)
    return dimensionality in MEASURED
