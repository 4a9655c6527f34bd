"""Tables: rows of counts under a header row, as situation reports print them ("| District | Individuals | Households |"
over "| Luuq | 9,600 | 1,640 |"). Each count is read as a list item whose label is its column's header: the header, or
else the heading or line above the table, says what it counts, and the row's names say where."""

from __future__ import annotations

import re

from figures.bindings import Binding
from figures.clauses import Clause
from figures.numbers import NumberMention
from figures.places import Place
from figures.rules import Entry, Rules
from figures.sentences import table_row
from figures.sites import precision
from figures.tokens import Token

_RULE_ROW = re.compile(r"^[\s|:-]+$")  # "|---|:---:|": the line under a header
Column = tuple[tuple[str, str] | None, Entry | None]  # ((category, rule id) or None, group or None) a header names


def header_row(line: str) -> bool:
    """A table's row of column names: no digits but a date's ("| New arrivals (3-9 Mar) | Total (as of 9 Mar) |",
    "| Deaths, 2024 |"), and not the rule under a header."""
    return table_row(line) and not any(c.isdigit() for c in _DATES.sub("", line)) and _RULE_ROW.match(line) is None \
        and not any(_DAY_CELL.fullmatch(cell.strip()) or cell.strip() in EMPTY_CELLS for cell in line.strip().strip("|").split("|"))
    # (not a row dated by its first cell, "| 9 May | Tindi | - | - |")


EMPTY_CELLS = frozenset({"-", "–", "—", "n/a", "none", "unknown", "none reported", "?"})
_MONTH_NAMES = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?")
_DATES = re.compile(rf"\b(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH_NAMES}(?:\s+(?:19|20)\d\d)?|{_MONTH_NAMES}\s+\d{{1,2}}"
                    rf"(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d)\b", re.IGNORECASE)  # what a header may date its column by
_DAY_CELL = re.compile(rf"\d{{1,2}}\s+{_MONTH_NAMES}(?:\s+(?:19|20)\d\d)?|{_MONTH_NAMES}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?",
                       re.IGNORECASE)  # a cell that is a day: a row's date, not a column's name


def columns(clause: Clause) -> list[Column | None]:
    """What each column of a header row names, in order; None for a column of things ("Sites", "Houses destroyed")."""
    bars = _bars(clause)
    covered = {j for k, (after, _, _) in clause.triggers.items() for j in range(k + 1, after)}  # ("People in shelters": a
    # word inside a trigger's phrase is no thing; but "Shelters open" counts shelters)
    out: list[Column | None] = []
    for a, b in zip(bars, bars[1:], strict=False):
        category, entry = clause.named_by(a + 1, b)
        if any(t.low in clause.rules.things and j not in covered for j, t in enumerate(clause.tokens[a + 1:b], a + 1)) or (
                category is None and entry is not None and not _only_a_group(clause, a + 1, b)):
            out.append(None)  # ("Sites", "People reached with aid", "Avg. household size": no count of the people)
        else:
            out.append((category, entry))
    return out


def _only_a_group(clause: Clause, start: int, end: int) -> bool:
    """The header names a group and nothing else: "Individuals", "Households", "Number of people"."""
    k = start
    while k < end:
        found = clause.group_at(k)
        if found is not None:
            k += found[0]
        elif clause.lows[k] in _FILLERS:
            k += 1
        else:
            return False
    return True


_FILLERS = frozenset("number no . of # ( ) total new newly est estimated approx approximate".split())


def row_bindings(clause: Clause, mentions: list[NumberMention], header: list[Column | None],
                 listed: tuple[str, str] | None) -> list[Binding]:
    """The counts of a table's row: each in a cell of its own, of the category its column's header names, else of
    `listed`, the category the line above the table named; a count in a column that names neither is no figure of ours
    (an "Incidents" or "Sites" column)."""
    bars = _bars(clause)
    out = []
    label = _row_label(clause, bars)
    for mention in mentions:
        column = sum(b < mention.first for b in bars) - 1
        if not 0 <= column < len(header) or header[column] is None:
            continue
        category, entry = header[column]  # type: ignore[misc]
        if category is None and listed is None and label is not None and column > 0:
            category, entry = label[0], entry or label[1]  # "Indicator | Total" over "People killed | 45": the row's
            # first cell names what it counts
        category = category or listed
        if category is None or (entry is not None and (entry["category"] and entry["category"] != category[0]
                                                      or entry["only"] and category[0] not in entry["only"].split())):
            continue  # (not "Households" of a table of deaths)
        group = entry["group"] if entry is not None else "people"
        unit = entry["unit"] if entry is not None else "people"
        out.append(Binding(mention, category[0], group, unit, category[1], mention.last, False))
    return out


def source_column(clause: Clause) -> int | None:
    """The column of a header row that names who reported each row's counts: "Reporting source", "Source"."""
    bars = _bars(clause)
    return next((c for c, (a, b) in enumerate(zip(bars, bars[1:], strict=False))
                 if any(t.low in _SOURCE_HEADS for t in clause.tokens[a + 1:b])
                 and all(t.low in _SOURCE_WORDS for t in clause.tokens[a + 1:b] if t.low.isalpha())), None)
    # (not "Main source of displacement", "Water source": what the rows' source is of)


_SOURCE_HEADS = frozenset({"source", "sources"})
_SOURCE_WORDS = _SOURCE_HEADS | frozenset("reporting reported by data of information figures".split())


def cell_text(clause: Clause, column: int, sentence: str, offset: int) -> str:
    """The text of a row's cell, as written ("" if the row has no such cell)."""
    bars = _bars(clause)
    if column + 1 >= len(bars) or bars[column + 1] - bars[column] < 2:
        return ""
    first, last = clause.tokens[bars[column] + 1], clause.tokens[bars[column + 1] - 1]
    return sentence[first.start - offset:last.end - offset].strip()


def _row_label(clause: Clause, bars: list[int]) -> tuple | None:
    """(category, group) that a row's first cell names, "People killed", "Displaced"; None for a cell of things
    ("Houses destroyed") or of no category."""
    if len(bars) < 2 or bars[1] - bars[0] < 2:
        return None
    start, end = bars[0] + 1, bars[1]
    verb = next((j for j in range(start, end) if j in clause.triggers), end)
    if any(clause.lows[j] in clause.rules.things for j in range(start, verb)):
        return None
    category, entry = clause.named_by(start, end)
    return (category, entry) if category is not None else None


def _bars(clause: Clause) -> list[int]:
    """Where the row's cells are bounded: its bars, and its ends where a row without outer bars has none there."""
    tokens = clause.tokens
    bars = [k for k, t in enumerate(tokens) if t.low == "|"]
    if tokens and tokens[0].low != "|":
        bars.insert(0, -1)
    if tokens and tokens[-1].low != "|":
        bars.append(len(tokens))
    return bars


def row_place(places: list[Place], mention: NumberMention, tokens: list[Token], rules: Rules | None = None) -> Place | None:
    """The place of a count in a table's row: the last named before it, the most precise ("| Hiraan | Belet Weyne |
    38,900 |" is Belet Weyne), but not one in brackets ("| Kadiri (Zamfara) | 40 |" is Kadiri) unless it is the only
    one ("| Host families (Nyiragongo) |"); None if the row names none ("| Total | | 63,400 |")."""

    def _bracketed(p: Place) -> bool:
        return p.first > 0 and tokens[p.first - 1].low == "("

    before = [p for p in places if p.last <= mention.first]
    plain_cells = [p for p in before if not _bracketed(p)]
    if plain_cells and rules is not None and len({p.iso3 for p in plain_cells}) == 1:  # the most precise of one country's,
        return max(plain_cells, key=lambda p: (precision(p, rules), p.first))  # the later of equals: "| Tawila | North
        # Darfur | 150,200 |" is Tawila (but "| Darfur | Chad | 600,000 |" names two countries' places: the last)
    return plain_cells[-1] if plain_cells else before[-1] if before else None
