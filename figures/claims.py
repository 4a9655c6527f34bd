"""Claims: the same claim reported by several documents shares a claim_id; rows are never merged."""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

# Groups that describe non-combatants; a claim about "people" may be retold as one about civilians.
PEOPLE = frozenset({"people", "civilians", "children", "women", "men"})


def _number(row: dict) -> tuple:
    return (row["value"],) if row.get("value") is not None else (row.get("low"), row.get("high"))


def group_class(group: str) -> str:
    return "people" if group in PEOPLE else group


def _key(row: dict) -> tuple:
    """What a figure must share with a claim's figures to join it."""
    return row["category"], group_class(row["group"]), row["unit"], _number(row)


def claim_key(row: dict) -> str:
    """The figure's key as text. claim_groups matches a figure only with claims of its own key and
    expires claims by publication day alone, so the claims of a key depend only on that key's figures:
    a rebuild makes again only the claims of keys whose figures changed."""
    return "\0".join(map(str, _key(row)))


@lru_cache(maxsize=65536)  # places repeat across an archive
def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]{3,}", text.lower())) - {"and", "the", "province", "provinces", "city"}


@dataclass(frozen=True)
class _Report:
    """What a claim's first report is compared on: period, place and named source."""

    start: str
    end: str
    located: bool
    words: frozenset[str]
    country: str

    @classmethod
    def of(cls, row: dict) -> _Report:
        return cls(row.get("date_start") or "", row.get("date_end") or "9999", bool(row.get("location")),
                   _words(row.get("location") or ""), row.get("country") or "")

    def meets(self, other: _Report) -> bool:
        """Periods that overlap, and places that share a word (or, where one has no location, the same
        country or one with none)."""
        if not (self.start <= other.end and other.start <= self.end):
            return False
        if not self.located or not other.located:
            return self.country == other.country or not (self.country and other.country)
        return not self.words.isdisjoint(other.words)


@dataclass(eq=False)  # a claim is itself: compared by identity
class _Claim:
    number: int  # order of creation: the newest matching claim wins
    first: _Report
    rows: list = field(default_factory=list)  # what the caller gave with each row
    docs: set[str] = field(default_factory=set)
    source: str = ""  # the one named source the claim may carry; reports without one join any
    day: int | None = None  # the latest publication day among its reports

    def accepts(self, row: dict, report: _Report) -> bool:
        named = row["source"] if row.get("source_kind") == "attributed" else ""
        if row["doc_id"] in self.docs or (named and self.source and named != self.source):
            return False
        return self.first.meets(report)

    def add(self, item, row: dict) -> None:
        self.rows.append(item)
        self.docs.add(row["doc_id"])
        if row.get("source_kind") == "attributed":
            self.source = row["source"]


class _Active:
    """One key's open claims, indexed by place so that a report is compared only with claims whose
    place could meet its own."""

    def __init__(self) -> None:
        self.claims: set[_Claim] = set()
        self.by_word: dict[str, set[_Claim]] = {}
        self.by_country: dict[str, set[_Claim]] = {}  # every claim, by its first report's country
        self.unlocated: dict[str, set[_Claim]] = {}  # claims whose first report has no location, by country

    def _buckets(self, claim: _Claim) -> list[set[_Claim]]:
        first = claim.first
        found = [self.by_word.setdefault(w, set()) for w in first.words] if first.located else \
            [self.unlocated.setdefault(first.country, set())]
        return [*found, self.by_country.setdefault(first.country, set())]

    def add(self, claim: _Claim) -> None:
        self.claims.add(claim)
        for bucket in self._buckets(claim):
            bucket.add(claim)

    def remove(self, claim: _Claim) -> None:
        self.claims.discard(claim)
        for bucket in self._buckets(claim):
            bucket.discard(claim)

    def candidates(self, report: _Report) -> list[_Claim]:
        """A superset of the claims whose place meets the report's, newest first."""
        if report.located:
            found = set().union(*(self.by_word.get(w, ()) for w in report.words))
            unlocated = [self.unlocated.get(report.country, ()), self.unlocated.get("", ())] if report.country \
                else list(self.unlocated.values())
            found = found.union(*unlocated)
        elif report.country:
            found = self.by_country.get(report.country, set()) | self.by_country.get("", set())
        else:
            found = self.claims
        return sorted(found, key=lambda c: -c.number)


WINDOW_DAYS = 31  # a claim is "reported again" within a month of its last report


@lru_cache(maxsize=65536)
def day_number(published: str) -> int | None:
    """A publication's day as a number (its ordinal), None for none."""
    return date.fromisoformat(published[:10]).toordinal() if published else None


def claim_groups(ordered: Iterable[tuple[object, dict]], opened: Iterable[list[tuple[object, dict]]] = (),
                 settled: Callable[[str, Iterable[list]], bool] | None = None) -> Iterator[list]:
    """The claims among figures given as (item, row) in order of publication (published, doc_id,
    char_start), each as the list of its rows' items: the same category and group, the same number
    ("at least 100" and "over 100" agree), the same source or none, a period and place that meet the
    first report's, within a month of the claim's last report. Figures of one document never share a
    claim. A claim is given out once it is a month old, so only a month's claims are held.

    `opened` are the claims still open where `ordered` begins, as a pass over the figures before it
    left them: each as its (item, row) in order, the claims in the order they were made. `settled` is
    asked at the first figure of each publication (once older claims are given out) with the claims
    then open, as lists of items: if it answers yes, the pass stops there and gives out no more."""
    active: dict[tuple, _Active] = {}
    expiry: list[tuple[int, int, tuple, _Claim]] = []  # (last day, tie-breaker, key, claim), oldest first
    made = 0
    for members in opened:
        claim, made = _Claim(made, _Report.of(members[0][1])), made + 1
        for item, row in members:
            claim.add(item, row)
            claim.day = day_number(row.get("published") or "") or claim.day
        key = _key(members[0][1])
        (active.get(key) or active.setdefault(key, _Active())).add(claim)
        if claim.day is not None:
            heapq.heappush(expiry, (claim.day, -made, key, claim))
    previous = None
    for number, (item, row) in enumerate(ordered):
        key = _key(row)
        published = row.get("published") or ""
        day = day_number(published)
        while day is not None and expiry and day - expiry[0][0] > WINDOW_DAYS:  # publication order: stale stays stale
            last, _, old_key, claim = heapq.heappop(expiry)
            if claim.day == last and old_key in active and claim in active[old_key].claims:
                active[old_key].remove(claim)
                if not active[old_key].claims:
                    del active[old_key]  # keys come and go: an empty one must not stay behind
                yield claim.rows
        if settled and published != previous:
            previous = published
            if settled(published, (claim.rows for held in active.values() for claim in held.claims)):
                return
        claims = active.get(key) or active.setdefault(key, _Active())
        report = _Report.of(row)
        claim = next((c for c in claims.candidates(report) if c.accepts(row, report)), None)
        if claim is None:
            claim, made = _Claim(made, report), made + 1
            claims.add(claim)
        claim.add(item, row)
        if day is not None:
            claim.day = day
            heapq.heappush(expiry, (day, number, key, claim))
    for claims in active.values():
        yield from (claim.rows for claim in sorted(claims.claims, key=lambda c: c.number))


# What matching and claims.csv read of a figure: a claim holds only these of its open figures' rows.
FIELDS = ("figure_id", "doc_id", "char_start", "published", "outlet", "category", "group", "unit", "value", "low",
          "high", "source", "source_kind", "location", "country", "date_start", "date_end")


def claim_id(first: dict) -> str:
    return "C" + hashlib.sha1(first["figure_id"].encode()).hexdigest()[:12]


def assign_claims(rows: list[dict]) -> list[dict]:
    """Give every figure a claim_id, shared by reports of the same claim in other documents."""
    ordered = sorted(rows, key=lambda r: (r.get("published") or "", r["doc_id"], int(r["char_start"])))
    for members in claim_groups((row, row) for row in ordered):
        for row in members:
            row["claim_id"] = claim_id(members[0])
    return rows


CLAIM_COLUMNS = {
    "claim_id": "The claim's id, shared by every figure that reports it.",
    "category": "What is counted.",
    "group": "Who is counted (as the first report has it).",
    "value": "The number as first reported.",
    "low": "Lowest bound as first reported.",
    "high": "Highest bound as first reported.",
    "source": "The named source of the claim, if any report names one.",
    "location": "The place as first reported.",
    "date_start": "Start of the period as first reported.",
    "date_end": "End of the period as first reported.",
    "figures": "The figure_ids that report the claim, in order of publication, separated by spaces.",
    "outlets": "The outlets that reported it, separated by '; '.",
    "first_published": "Earliest publication date among its reports.",
    "last_published": "Latest publication date among its reports.",
    "reports": "How many documents reported it.",
}


def claim_row(members: list[dict]) -> dict:
    """One claim's row in claims.csv, from the figures that report it."""
    first = min(members, key=lambda r: (r.get("published") or "9999", r["doc_id"], int(r["char_start"])))
    named = next((r["source"] for r in members if r.get("source_kind") == "attributed"), "")
    dates = sorted(r["published"] for r in members if r.get("published"))
    return {
        "claim_id": members[0]["claim_id"], "category": first["category"], "group": first["group"],
        "value": first.get("value"), "low": first.get("low"), "high": first.get("high"), "source": named,
        "location": first.get("location"), "date_start": first.get("date_start"),
        "date_end": first.get("date_end"), "figures": " ".join(r["figure_id"] for r in members),
        "outlets": "; ".join(sorted({r["outlet"] for r in members if r.get("outlet")})),
        "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
        "reports": len({r["doc_id"] for r in members}),
    }
