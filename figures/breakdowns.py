"""Breakdowns: counts told one after another that add up to a total told in the article are parts of it ("At least 58
people died across the region. Of the dead, 36 were in Camarines Sur, 14 in Albay and 8 in Catanduanes"; a list's
"- Jere: 142,800" rows under the state's total; a table's rows above its "| Total |" row).

The sum is the evidence: a breakdown may be told by place, by cause or by group, in words no rule foresees, but its
counts add up to the whole; counts that merely follow a total do not."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from figures.sentences import a_row
from figures.sites import precision

if TYPE_CHECKING:
    from figures.records import Figure
    from figures.rules import Rules


def link_breakdowns(figures: list[Figure], runs: dict[str, int], undated: set[str], text: str, rules: Rules) -> list[Figure]:
    """The figures, with the counts of each run that add up to another figure of their category and unit given it as
    parent. `runs` gives each figure's run: the sentence it was told in, or the first row of its list or table. A
    part told without a source takes the whole's, and one told without a period of its own (`undated`) the whole's
    period: a breakdown covers what its total covers. `text` is the article's."""
    out = list(figures)
    groups: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for k, f in enumerate(out):
        if f.value is not None and f.figure_id in runs:
            groups[(runs[f.figure_id], f.category, f.unit)].append(k)
    ids = {f.figure_id: k for k, f in enumerate(out)}
    for key, members in groups.items():  # (not a part of a count of its own run: "44 civilians, including 12 children")
        groups[key] = [k for k in members if ids.get(out[k].parent_id) not in members]
    for members in groups.values():
        if len(members) < 2:
            continue
        total = sum(out[k].value or 0 for k in members)
        first, second, last = out[members[0]], out[members[1]], out[members[-1]]
        rest = [out[k] for k in members[1:]]
        whole: int | None
        if 2 * (first.value or 0) == total and len(members) > 2 and (":" in text[first.char_end:second.char_start] or (
                first.group == "people" and all(f.group != "people" for f in rest))):
            whole, parts = members[0], members[1:]  # "at least 60 people have died: 38 in Jajarkot and 22 in Rukum
            # West", a list's "- Borno State: 2,400 / - Maiduguri: 1,600 / - Jere: 800", "killed 10 people near Mopti, 6
            # soldiers and 4 civilians" (but "3 policemen, 2 militia members and 1 soldier were killed" are three counts)
        elif len(members) > 2 and 2 * (last.value or 0) == total and _TOTAL.search(last.quote):
            whole, parts = members[-1], members[:-1]  # a table's "| Total | 32,270 |" row
        else:
            whole, parts = _whole(out, members, total), members
            if whole is not None and (_NEW_EVENT.match(first.quote) or _elsewhere(out[whole], [out[k] for k in parts], rules)):
                continue  # ("Separately, gunmen killed 3 soldiers and 2 civilians in Gwoza": another event)
        if whole is None:
            continue
        for k in parts:
            out[k] = _part_of(out[k], out[whole], out[k].figure_id in undated)
    return out


_TOTAL = re.compile(r"\btotal\b", re.IGNORECASE)
_NEW_EVENT = re.compile(r"\s*(?:separately|elsewhere|in\s+(?:another|a\s+separate)\s+(?:incident|attack|development))\b",
                        re.IGNORECASE)  # a sentence that opens on an event of its own


def _whole(figures: list[Figure], members: list[int], total: int) -> int | None:
    """The nearest figure before the run that the run's counts add up to: an exact count, not a vague one ("dozens" is
    no 24)."""
    first = figures[members[0]]
    return next((k for k in range(members[0] - 1, -1, -1) if (f := figures[k]).category == first.category
                 and f.unit == first.unit and f.value == total), None)


def _elsewhere(whole: Figure, parts: list[Figure], rules: Rules) -> bool:
    """The parts tell of another event than the whole: undated, after a whole that ended more than a week before them,
    or told of other towns than the whole's town ("5 killed in a raid on Konduga"; "3 soldiers and 2 civilians killed
    in Gwoza"); not a breakdown (a region's, a city's own communes: "Port-au-Prince" is among them)."""
    if whole.date_end is not None and all(f.date_start is None and f.date_end is not None for f in parts) \
            and all((f.date_end - whole.date_end).days > 7 for f in parts):  # type: ignore[operator]
        return True  # "5 killed in a raid in October" and, undated, "Gunmen killed 3 soldiers and 2 civilians": today's
    return bool(whole.location) and precision(whole.location, rules) == 3 and all(
        f.location and f.location != whole.location and precision(f.location, rules) == 3 and not a_row(f.quote)
        for f in parts)  # (but a list's or table's rows are a breakdown by design: "| Kitchanga-Mweso | 18,400 |")


def _part_of(part: Figure, whole: Figure, undated: bool) -> Figure:
    if undated:
        part = replace(part, date_start=whole.date_start, date_end=whole.date_end)
    if part.source_kind != "attributed" and whole.source_kind == "attributed":
        part = replace(part, source=whole.source, source_kind=whole.source_kind,
                       source_as_written=whole.source_as_written, via=whole.via)
    return replace(part, parent_id=whole.figure_id)
