"""Sites: where a story's event happened, when the story names it only after its lead ("The raid targeted Kwatandashi,
a village about 40 km south of Gwoza"). A toll of that event that the lead placed in a wider area ("in northeast
Nigeria's Borno state") is placed at the site, as an analyst coding the event would."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from figures.places import AREA_WORDS, DIRECTIONS, Place, find_places
from figures.rules import Rules
from figures.sentences import a_row
from figures.tokens import Token, tokenize

if TYPE_CHECKING:
    from figures.records import Figure

EVENTS = frozenset("attack attacks raid raids strike strikes airstrike airstrikes assault blast bombing explosion fighting "
                   "clashes fire blaze quake earthquake landslide shelling ambush massacre".split())
_CUES = (("targeted",), ("hit",), ("struck",), ("took", "place"), ("occurred",), ("erupted",), ("happened",),
         ("broke", "out"), ("tore", "through"), ("target", "of"))
# what says where an event was: "The raid targeted ...", "The fighting erupted on Friday in ..." (not "The worst-hit place
# was ...": one place of many an event struck)
_SITE_NOUNS = frozenset("market marketplace village hamlet hamlets camp mosque church school hospital".split())  # where an event
# struck, which a sentence opening on it may place
MAY_NAME_A_SITE_NOUN = re.compile(r"\b(?:" + "|".join(sorted(_SITE_NOUNS)) + r")\b", re.IGNORECASE)  # a quick test
_LIES = (("lies",), ("lay",), ("sits",), ("sat",), ("stands",), ("stood",), ("is", "located"), ("was", "located"),
         ("is", "situated"), ("was", "situated"))
_OF_EVENTS = frozenset({"killed", "injured", "missing", "captured"})  # the counts an event's site places
_FINE = frozenset("village villages hamlet town neighbourhood neighborhood camp site market commune crossing settlement".split())
_DISTRICTS = frozenset("district county territory upazila lga area locality municipality tehsil woreda cercle township".split())


MAY_NAME_A_SITE = re.compile(r"\b(?:" + "|".join(" ".join(c) for c in (*_CUES, *_LIES)) + r")\b", re.IGNORECASE)  # the cues as one
# a quick test of a sentence


def struck_at(tokens: list[Token]) -> set[str]:
    """The sites a sentence that tells counts names, which a later sentence may say where they lie: "shelled a vegetable
    market" (not "were taken to the Saudi Hospital": where the wounded went)."""
    lows = [t.low for t in tokens]
    return {w for k, w in enumerate(lows) if w in _SITE_NOUNS and not _WENT.intersection(lows[max(0, k - 4):k])}


_WENT = frozenset("taken brought rushed carried reach reached reaching walked fled evacuated moved transferred sheltering "
                  "sheltered staying treated admitted".split())  # (where people went, not what was struck)


def site_of(tokens: list[Token], places: list[Place], rules: Rules, struck: Container[str] = ()) -> Place | None:
    """The place a sentence about the story's event says it happened at, finer than a district: "The raid targeted
    Kwatandashi, a village about 40 km south of Gwoza", "The strikes hit the Sunday market in the town of Mustaba".
    None for a sentence of one event of several ("The deadliest strike hit ...", "One strike hit ..."), or one that
    names more than one site."""
    lows = [t.low for t in tokens]
    event = next((k for k in range(1, min(8, len(lows))) if lows[k] in EVENTS and lows[k - 1] in {"the", "s"}), None)
    cues: tuple[tuple[str, ...], ...] = _CUES
    if event is None and lows[:1] == ["the"] and lows[1:2] and lows[1] in _SITE_NOUNS and lows[1] in struck \
            and "between" not in lows:
        event, cues = 1, _LIES  # "The market lies on the main street of Sarmin, a town of about 35,000 people", after a
        # count told of the market (not "The camp lies in Tawila" of a camp survivors walked to, nor "The market sits on
        # the road between Kutum and El Fasher")
    if event is None or _ONE_OF_SEVERAL.intersection(lows[:event]):
        return None  # ("The attack", "Sunday's attack", "Witnesses said the attack"; not "One strike", "Separately")
    cue = next((k for k in range(1, min(len(lows), event + 12)) for c in cues
                if tuple(lows[k:k + len(c)]) == c), None)
    if cue is None:
        return None
    after = [p for p in places if p.first > cue and not _a_landmark(p, lows)]
    named = {p.text.lower(): p for k, p in enumerate(after) if precision(p, rules) == 3
             and not (k and lows[p.first - 1] == "in" and p.first - after[k - 1].last <= 2)}
    # (a wider place after it is no other site: "a village in Borno state", "Kwatandashi in Gwoza local government area")
    return next(iter(named.values())) if len(named) == 1 else None


_ONE_OF_SEVERAL = frozenset("deadliest worst one another other first second third latest previous similar separate "
                            "separately earlier last".split())


def _a_landmark(p: Place, lows: list[str]) -> bool:
    """The place is named to say where the site lies: "about 40 km south of the town of Gwoza", "12 kilometres from
    Fataki", "north of El Obeid"."""
    before = lows[max(0, p.first - 6):p.first]
    return ("of" in before or "from" in before) and (bool(_LANDMARK.intersection(before)) or any(
        w in DIRECTIONS and nxt in {"of", "from"} for w, nxt in zip(before, before[1:], strict=False)))
    # (but "the market on the eastern edge of Kutum" is in Kutum)


_LANDMARK = frozenset("km kilometres kilometers miles outskirts near".split())


def precision(place: Place | str, rules: Rules) -> int:
    """How fine a place is: 0 a country, 1 a province or region, 2 a district, 3 a town, village or site."""
    text = place if isinstance(place, str) else place.text
    words = {w.lower() for w in text.replace("-", " ").split()}
    if words & _FINE:
        return 3
    if words & _DISTRICTS:
        return 2
    if words & AREA_WORDS or words & DIRECTIONS:
        return 1
    found = place if isinstance(place, Place) else next(iter(find_places(tokenize(text), text, 0, rules)), None)
    kind = found.entries[-1]["kind"] if found is not None and found.entries else "town"
    return {"country": 0, "adm1": 1, "region": 1}.get(kind, 3)


@dataclass(frozen=True)
class Site:
    """Where a sentence says an event happened, the day it names, if any, where the sentence stands in the text, and
    the numbers of its own counts."""

    place: Place
    day: date | None
    start: int
    end: int
    numbers: frozenset[int]

    def places(self, f: Figure) -> bool:
        """The site may place the figure: one told elsewhere, of a count the site's sentence does not tell of another
        event ("The strike came a week after shelling hit a camp on the outskirts of El Obeid, killing 11": El Obeid
        places no count but those 11)."""
        return not self.start <= f.char_start < self.end and (not self.numbers or _number(f) in self.numbers)


def at_sites(figures: list[Figure], sites: list[Site], rules: Rules) -> list[Figure]:
    """Figures of an event's toll placed at its site, finer than where they were placed and in the same country: counts
    of the killed, injured, missing or captured of a day or three, not a list's or table's row, nor placed in several
    places at once. A site whose sentence names a day places the counts of that day; one that names none, the event's
    counts when the story names no other site."""
    if not sites:
        return figures
    named = {s.place.text.lower() for s in sites}
    only = sites[0] if len(named) == 1 and all(s.day is None for s in sites) else None
    out = []
    for f in figures:
        found = next((s for s in sites if s.day is not None and f.date_start == f.date_end == s.day), only)
        site = found.place if found is not None and found.places(f) else None
        if site is not None and f.category in _OF_EVENTS and _of_an_event(f) and not (
                a_row(f.quote)) and not _ANOTHER_EVENT.search(f.quote) and (not f.country or not site.iso3 or f.country == site.iso3) \
                and (not f.location or (precision(f.location, rules) < 3 and not _several(f.location)
                                        and not _throughout(f))):
            f = replace(f, location=site.text, country=site.iso3 or f.country)
        out.append(f)
    return out


_ANOTHER_EVENT = re.compile(r"\b(?:separate|separately|elsewhere|another (?:attack|strike|raid|incident))\b", re.IGNORECASE)
# ("a separate drone strike on Sunday on a car ... killed two men": not the story's event)


def _throughout(f: Figure) -> bool:
    """The figure counts a whole area: "killed 31 people across Lebanon", "nationwide"."""
    quote = f.quote.lower()
    return f"across {f.location.lower()}" in quote or f"throughout {f.location.lower()}" in quote or "nationwide" in quote


def _several(location: str) -> bool:
    """A place phrase of several places: "Ukraine's Kharkiv, Sumy and Donetsk"."""
    return "," in location or " and " in location


def _of_an_event(f: Figure) -> bool:
    """The figure counts what happened on a day or a few: not a running total."""
    return isinstance(f.date_start, date) and isinstance(f.date_end, date) and (f.date_end - f.date_start).days <= 3


def _number(f: Figure) -> int:
    return f.value or f.low or f.high or 0
