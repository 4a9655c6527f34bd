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

if TYPE_CHECKING:
    from figures.records import Figure


def link_breakdowns(figures: list[Figure], runs: dict[str, int], undated: set[str], text: str) -> list[Figure]:
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
        first, last = out[members[0]], out[members[-1]]
        if len(members) > 2 and 2 * (first.value or 0) == total and ":" in text[first.char_end:out[members[1]].char_start]:
            whole, parts = members[0], members[1:]  # "at least 60 people have died: 38 in Jajarkot and 22 in Rukum West"
        elif len(members) > 2 and 2 * (last.value or 0) == total and _TOTAL.search(last.quote):
            whole, parts = members[-1], members[:-1]  # a table's "| Total | 32,270 |" row
        else:  # (not "3 policemen, 2 militia members and 1 soldier were killed": 3 is 2 and 1 by chance)
            whole, parts = _whole(out, members, total), members
        if whole is None:
            continue
        for k in parts:
            out[k] = _part_of(out[k], out[whole], out[k].figure_id in undated)
    return out


_TOTAL = re.compile(r"\btotal\b", re.IGNORECASE)


def _whole(figures: list[Figure], members: list[int], total: int) -> int | None:
    """The figure outside the run that the run's counts add up to, the nearest before it, else after it."""
    first, sample = members[0], figures[members[0]]
    found = [k for k, f in enumerate(figures) if k not in members and f.category == sample.category
             and f.unit == sample.unit and (f.value if f.value is not None else f.low) == total]
    before = [k for k in found if k < first]
    return before[-1] if before else (found[0] if found else None)


def _part_of(part: Figure, whole: Figure, undated: bool) -> Figure:
    if undated:
        part = replace(part, date_start=whole.date_start, date_end=whole.date_end)
    if part.source_kind != "attributed" and whole.source_kind == "attributed":
        part = replace(part, source=whole.source, source_kind=whole.source_kind,
                       source_as_written=whole.source_as_written, via=whole.via)
    return replace(part, parent_id=whole.figure_id)
