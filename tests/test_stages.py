"""Per-stage tables: numbers, dates and sources, so a failure points at the module to fix."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import read_table
from figures.dates import find_periods
from figures.numbers import find_numbers
from figures.sources import find_attributions
from figures.tokens import tokenize

NUMBERS = read_table("numbers.csv")
DATES = read_table("dates.csv")
SOURCES = read_table("sources.csv")


def _int(text: str) -> int | None:
    return int(text) if text else None


@pytest.mark.parametrize("row", NUMBERS, ids=[r["case"] for r in NUMBERS])
def test_numbers(row: dict, rules) -> None:
    mentions = find_numbers(tokenize(row["text"]), rules)
    if row["qualifier"] == "none":
        assert mentions == []
        return
    m = mentions[0]
    assert (m.value, m.low, m.high, m.qualifier) == (
        _int(row["value"]), _int(row["low"]), _int(row["high"]), row["qualifier"])
    assert row["text"][m.start:m.end] == row["surface"]


@pytest.mark.parametrize("row", DATES, ids=[r["case"] for r in DATES])
def test_dates(row: dict) -> None:
    published = date.fromisoformat(row["published"]) if row["published"] else None
    periods = find_periods(row["text"], published)
    assert periods, row["text"]
    start, end = periods[0].start, periods[0].end
    assert (start.isoformat() if start else "", end.isoformat() if end else "") == (row["start"], row["end"])


@pytest.mark.parametrize("row", SOURCES, ids=[r["case"] for r in SOURCES])
def test_sources(row: dict, rules) -> None:
    found = find_attributions(tokenize(row["text"]), row["text"], 0, rules)
    names = [a.name for a in found if not a.anaphora] or [a.name for a in found]  # "the ministry" alone names it
    assert (names[0] if names else "") == row["source"]


def test_a_line_without_full_stops_is_cut_into_pieces_that_keep_their_offsets(rules) -> None:
    from figures.sentences import MAX_SENTENCE, sentences

    text = "word " * (MAX_SENTENCE // 2) + "and 12 soldiers were killed"
    pieces = sentences(text, rules)
    assert len(pieces) >= 2 and all(len(p.text) <= MAX_SENTENCE for p in pieces)
    assert all(text[p.start:p.end] == p.text for p in pieces)
    assert pieces[-1].text.endswith("and 12 soldiers were killed")
