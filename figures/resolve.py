"""Resolve: give each bound number its period, source and place, from its sentence and the ones before."""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from figures.bindings import Binding
from figures.classify import EVACUATION, OF_A_FORCE
from figures.dates import CALENDAR_WORDS, RELATIVE_DAYS, Period, event_of, find_periods
from figures.places import (
    AREA_WORDS,
    DIRECTIONS,
    FLED,
    MAY_HOLD_A_PART,
    MAY_NAME_A_FEATURE,
    MAY_NAME_A_TOWN,
    Place,
    a_body_after,
    a_monitor_after,
    country_of,
    dateline,
    find_places,
    named_town,
    nationality,
    next_count,
    part_clause,
    place_after,
)
from figures.rules import Rules
from figures.sentences import Sentence, a_row, labelled_count, opens_a_list, table_row
from figures.sources import COUNTING, Attribution, attribute, find_attributions, normalise, refers_back
from figures.tokens import Token, plain, repair, term_tokens, tokenize
from figures.wordtests import WordTest

_BROKEN_WORD = re.compile(r"[a-z]- +[a-z]")  # "in- jured": the figure words show only once repaired
_OF_THEM = re.compile(r"\b[Oo]f (?:them|these|those),|^\s*\S+(?: \S+){0,2} of (?:them|these|those) (?:(?:are|were|is|was|remain"
                      r"(?:s|ed)?) (?:(?:now|still|currently|already) )?)?(?:in|inside|across) (?:the )?(?:(?:neighbou?ring|nearby|[a-z]*(?:north|south|east|west)[a-z]*) )?[A-Z]")
# "Of them, 71 were girls", "Nineteen of them were in Tassin province": a part of the count before
_ARMED = re.compile(r"\b(?:armed|militias?|rebels?|insurgen(?:ts?|cy)|gangs?|cartels?|guerrillas?|jihadists?|fighters|"
                    r"militants?|paramilitar(?:y|ies))\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Filters:
    """Cheap tests that let most sentences skip the slower analyses."""

    figure: WordTest
    figure_whole: WordTest  # short words that must stand alone ("men", not "women" or "government")
    attribution: WordTest
    place: WordTest


@lru_cache(maxsize=8)
def filters(rules: Rules) -> _Filters:
    # the longest word of each term is the most telling one ("shelters" in "in shelters")
    longest = lambda term: max(term.split(), key=len)  # noqa: E731
    figure_words = [longest(e.term) for e in rules.triggers.entries()]
    figure_words += [longest(e.term).removesuffix("s") if e.get("country") else longest(e.term)
                     for e in rules.groups.entries() if e["category"] or e.get("country")]  # "Syrians live in
    # Turkey", "300 Afghan nationals live in Iran": nationals abroad are refugees (see classify)
    figure_words.append("among")  # "Among the victims were four women": a part of the count before
    whole = ["figure", "count"]  # "put the figure at 150,000": the count before, again
    if rules.strength.entries():  # "the group has 2,000 fighters" (see classify._strength)
        figure_words += [longest(e.term) for e in rules.groups.entries() if e["force"]]
        figure_words += sorted(OF_A_FORCE)  # "its real strength is 20,000": no force noun needed
        whole += ["members", "men"]  # "the ELN has 5,800 members", "are estimated to have about 18,000 men"
    attribution = [*sorted(rules.attribution["verbs"]), *(term_tokens(t)[0] for t in rules.attribution["before"])]
    places = [e.term.split()[0] for e in rules.places.entries()]
    # figure words may be run into their neighbours in PDF text ("hadevacuated"): match them anywhere
    return _Filters(WordTest(figure_words, ignore_case=True, whole=False), WordTest(whole, ignore_case=True),
                    WordTest(attribution, ignore_case=True), WordTest(places))


class Document:
    """An article's sentences with their analyses, each computed once and only when asked for."""

    def __init__(self, sentences: list[Sentence], published: date | None, rules: Rules) -> None:
        self.sentences, self.published, self.rules = sentences, published, rules
        self.filters = filters(rules)
        self._tokens: dict[int, list[Token]] = {}
        self._places: dict[int, list[Place]] = {}
        self._attributions: dict[int, list[Attribution]] = {}
        self._main: list[Place | None] = []
        self._country: dict[int, str] = {}
        self._armed: bool | None = None
        self._wheres: dict[tuple[int, bool], list[Place]] = {}
        self._periods: dict[int, list[Period]] = {}

    @property
    def armed(self) -> bool:
        """The article tells of armed forces or groups, so a group's "members" may be its fighters (see classify)."""
        if self._armed is None:
            self._armed = any(_ARMED.search(s.text) for s in self.sentences)
        return self._armed

    def may_hold_figures(self, i: int) -> bool:
        text = self.sentences[i].text
        return self.filters.figure.found_in(text) or self.filters.figure_whole.found_in(text) \
            or bool(_BROKEN_WORD.search(text)) or bool(_OF_THEM.search(text))

    def tokens(self, i: int) -> list[Token]:
        if i not in self._tokens:
            s = self.sentences[i]
            tokens = repair(tokenize(s.text, s.start), self.rules.vocabulary, self.rules.known_words)
            if _shouting(s.text):  # "REBELS KILL 12 IN ATTACK": capitals say nothing about names here
                tokens = [t._replace(text=t.low) for t in tokens]
            self._tokens[i] = tokens
        return self._tokens[i]

    def _analysed(self, cache: dict, i: int, may_find, analyse) -> list:
        """A sentence's analysis, computed once, and only where `may_find` (a quick test of its text) says
        it may find something."""
        if i not in cache:
            s = self.sentences[i]
            cache[i] = analyse(self.tokens(i), s.text, s.start, self.rules) if may_find(s.text) else []
        return cache[i]

    def places(self, i: int) -> list[Place]:  # names match without their accents (see find_places)
        return self._analysed(self._places, i, lambda text: self.filters.place.found_in(plain(text))
                              or MAY_NAME_A_TOWN.search(text) is not None or MAY_NAME_A_FEATURE.found_in(text),
                              find_places)

    def attributions(self, i: int) -> list[Attribution]:
        # a reporting word, a headline's "UN: ..." or "... - activists", a "(OHCHR)"; a lone name checked against the
        # article before it (see _one_word_name)
        return self._analysed(self._attributions, i,
                              lambda text: self.filters.attribution.found_in(text) or ":" in text[:40]
                              or text.rstrip(" .;").endswith(")") or " - " in text[-40:] or " – " in text[-40:],
                              lambda *args: [self._one_word_name(a, i) if a.surname else a for a in find_attributions(*args)])

    def _one_word_name(self, a: Attribution, i: int) -> Attribution:
        """A lone capitalised word as a source ("Hezbollah announced ...") that the article used before as a name of its
        own ("killed three Hezbollah fighters"), never after a title ("army spokesman Ngongo") nor as the end of a longer
        name ("Oleh Marchenko"), names the source; else it is a surname, which refers back (see usable), or a place."""
        since = max(0, i - _LOOK_BACK)  # (a bounded look back: one long line of many sentences stays linear)
        if any(p.text == a.written for j in range(since, i + 1) for p in self.places(j)):
            return a  # "Punjab has recorded 96 deaths", "Mokwa reported 200 deaths" after "the town of Mokwa": a place's
            # count, told by whoever was quoted before
        earlier = "\n".join(s.text for s in self.sentences[since:i])
        word = re.escape(a.written)
        if re.search(rf"[A-Z][\w'’.-]*\s+{word}\b", earlier):
            return a
        before = [m.group(1).lower() for m in re.finditer(rf"\b([a-z][\w'’-]*)\s+{word}\b(?!\s+[A-Z])", earlier)]
        if before and not all(w in _TITLES for w in before):  # "the militant group Hezbollah", "three Hezbollah
            # fighters"; but "army spokesman Ngongo" is a person named before, whom "Ngongo said" refers back to
            return replace(a, name=normalise(a.written, self.rules), anaphora=False, surname=False)
        return a

    def periods(self, i: int) -> list[Period]:
        if i not in self._periods:
            s = self.sentences[i]
            self._periods[i] = _event_periods(s, find_periods(s.text, self.published, s.start), self.rules, self.published)
        return self._periods[i]

    def next_day(self, i: int) -> date | None:
        """The one day the sentence after sentence i names, if it stands in the same or the next paragraph:
        "At least 11 people have been killed after a missile hit Izium. The missile struck on Sunday"."""
        if i + 1 >= len(self.sentences) or self.sentences[i + 1].paragraph > self.sentences[i].paragraph + 1 \
                or _a_date_alone(self.sentences[i + 1]):  # (not a log's next heading, "Monday, 2 December 2024")
            return None
        periods = self.periods(i + 1)
        days = [p.start for p in periods if p.kind == "day" and p.start is not None]
        return days[0] if len(days) == 1 and len(periods) == 1 else None

    def event_day_after(self, i: int) -> date | None:
        """The day a later sentence of sentence i's paragraph gives the event by name, before it names any other
        period: "Gunmen opened fire on a convoy, killing 42. ... Around 20 others were wounded in Thursday's attack"
        (Thursday); "... the strike on Sunday"."""
        for j in range(i + 1, min(len(self.sentences), i + 1 + _EVENT_DAY_LOOK_AHEAD)):
            s = self.sentences[j]
            if s.paragraph != self.sentences[i].paragraph:
                return None
            if not (periods := self.periods(j)):
                continue
            p = periods[0]
            named = len(periods) == 1 and p.kind == "day" and p.start is not None and p.start == p.end and (
                _THE_EVENT_ON.search(s.text, 0, p.char_start - s.start) or _DAYS_EVENT.match(s.text, p.char_end - s.start))
            return p.start if named else None
        return None

    def country_near(self, i: int) -> str:
        """The country of the nearest place named in sentence i or before it, else after it."""
        if i not in self._country:
            found = (p.iso3 for j in [*range(i, -1, -1), *range(i + 1, len(self.sentences))] for p in self.places(j)
                     if p.entries and p.iso3 and not a_body_after(self.tokens(j), p.last, self.rules)
                     and not _wages(p, self.tokens(j)))
            # (not "The US Geological Survey": a national body's country; nor "US strikes hit Hodeidah")
            self._country[i] = next(found, "")
        return self._country[i]

    def main_place(self) -> Place | None:
        """The article's main place: the first place named after the headline (or the region of it named right after
        it: "Mozambique's northern Cabo Delgado province"), else the first at all; not
        a dateline's city ("BAMAKO, Mali (Reuters) -"), which says where the reporter was, unless the article
        names no other place, and then only its country; nor a country named as whose ("Yemen's Huthi rebels")."""
        if not self._main:
            order = [*(i for i, s in enumerate(self.sentences) if s.paragraph > 0),
                     *(i for i, s in enumerate(self.sentences) if s.paragraph == 0)] if self._headlined() \
                else list(range(len(self.sentences)))
            datelined: list[Place] | None
            first, datelined, at = None, None, 0  # (the places of the dateline, and its sentence)
            for i in order:
                places = [] if _A_BYLINE.match(self.sentences[i].text) else self.places(i)  # ("By our Kaduna correspondent":
                tokens = self.tokens(i) if places else []  # where the reporter is based)
                for p in places:
                    if went_to(p, tokens, into=True) or (p.first <= 1 and labelled_count(self.sentences[i].text)) \
                            or _where_said(p, tokens) or a_monitor_after(tokens, p.last, self.rules):
                        continue  # "2,215 people crossed into the DRC": where they went, not where it happened; "- Kobo:
                        # 14 schools": one line of a list; "said at a briefing in Geneva": where it was told; "the Sahel
                        # Rights Observatory": a body's name
                    if not self.dateline(p, i):
                        if not (_possessive_of_actor(p, tokens, self.rules) or _wages(p, tokens)):
                            # not "Yemen's Huthi rebels", "the US campaign"
                            first = _inside(p, self.places(i), tokens) or p
                            first = self.settled(first, i)
                            break
                    else:
                        datelined, at = datelined or [], at if datelined else i
                        datelined.append(p)
                if first is None and datelined and at == i and (wider := _wider(datelined, tokens, self.rules)) is datelined[-1] \
                        and wider.entries[0]["kind"] != "country":
                    first = wider  # "DEIR AL-BALAH, Gaza Strip (AP) - Israeli strikes killed at least 30 people": the lead's
                    # story is the dateline's wider place, before a town a later paragraph names
                if first is not None:
                    break
            self._main.append(first or (_wider(datelined, self.tokens(at), self.rules) if datelined else None))
        return self._main[0]

    def _headlined(self) -> bool:
        """The first paragraph is a headline, not the lead of an article that has none ("MANILA - Severe Tropical Storm
        Kristine has left at least 116 people dead, ... said on Saturday."): one sentence, short or with no full stop."""
        first = [s for s in self.sentences if s.paragraph == 0]
        return len(first) == 1 and (len(first[0].text.split()) < 15 or not first[0].text.rstrip().endswith((".", '"', "”")))

    def _where(self, j: int, moved: bool) -> list[Place]:
        """Sentence j's places that may be where a later count happened: not whose ("Congo's army said"), nor, for people
        who did not move, where someone went. Computed once."""
        if (j, moved) not in self._wheres:
            places = self.places(j)
            tokens = self.tokens(j) if places else []  # most sentences name no place: spare them tokenizing
            self._wheres[j, moved] = [p for p in places if not (
                _possessive_of_actor(p, tokens, self.rules) or _names_a_force(p, tokens, self.rules)
                or (not moved and went_to(p, tokens)) or _where_said(p, tokens) or a_monitor_after(tokens, p.last, self.rules))]
            # (nor the place a body is named for: "The Sahel Rights Observatory called for ... in Barsalogho")
        return self._wheres[j, moved]

    def headline(self) -> str:
        """The headline's text, if the article opens with one (see _headlined); else ""."""
        return self.sentences[0].text if self.sentences and self._headlined() else ""

    def dateline(self, p: Place, i: int) -> bool:
        """The place is the dateline of the story's first sentence (after its headline)."""
        return i <= 2 and i == next((j for j, s in enumerate(self.sentences) if s.paragraph == self.sentences[i].paragraph), i) \
            and dateline(p, self.tokens(i))

    def settled(self, p: Place, i: int) -> Place:
        """The place p of sentence i, or the town it stands for when the sentence gives it only as "a town in" p and the
        next sentences name that town (see _settlement_named)."""
        return (self._settlement_named(i, p) if _unnamed_settlement_in(p, self.tokens(i)) else None) or p

    def _settlement_named(self, i: int, wider: Place) -> Place | None:
        """The town or village that sentence i gives only as "a town in" a wider place, as the next sentences name it
        by the attack on it: "stormed a market town in Burkina Faso's Centre-Nord region ... The attack on Namsiguia
        began"; None if they do not."""
        for j in range(i, min(len(self.sentences), i + _SETTLEMENT_LOOK_AHEAD)):
            if _OTHER_ATTACK.search(self.sentences[j].text) or (j > i and self.periods(j)):
                continue  # "compared it with the attack on Kyiv last year", "The attack on Kramatorsk hours later injured
                # 12": another attack
            tokens = self.tokens(j)
            for k in range(1, len(tokens) - 1):
                if tokens[k].low != "on" or not _AN_ATTACK.fullmatch(tokens[k - 1].low):
                    continue
                name = k + 1 + (tokens[k + 1].low == "the")
                known = next((p for p in self.places(j) if p.first == name), None)
                if known is not None:
                    return in_country(known, self, j) if known.entries and known.entries[0]["kind"] != "country" else None
                end = name
                while end < len(tokens) and end - name < 3 and tokens[end].text[:1].isupper() and tokens[end].text.isalpha() \
                        and tokens[end].low not in self.rules.known_words and tokens[end].low not in CALENDAR_WORDS:
                    end += 1
                if end > name:
                    text = " ".join(t.text for t in tokens[name:end])
                    return Place(text, name, end, (named_town(text, {wider.iso3} - {""}),))
        return None

    def named_before(self, i: int, area: str) -> Place | None:
        """The place "the camp" (`area`) of sentence i refers to: the nearest earlier place whose name ends on that word,
        within the last few sentences ("Israeli forces raided the Jenin refugee camp ... fought militants in the
        camp")."""
        if not area:
            return None
        for j in range(i - 1, max(-1, i - _AREA_LOOK_BACK), -1):
            tokens = self.tokens(j) if self.places(j) else []
            for p in self.places(j):
                if any(t.low in {area, area + "s"} for t in tokens[p.last - 1:p.last + 2]):
                    return p  # ("the Jenin refugee camp": the gazetteer's Jenin, then its camp)
        return None

    def earlier_place(self, i: int, moved: bool = True) -> Place | None:
        """The first place of the nearest earlier sentence of the same paragraph that names one; for a count of
        people who did not move (`moved` false), not a place someone went to ("evacuated to N'Djamena"). A list's row
        skips the rows before it: "- Other localities: 21,600" is not in the town of the row above; a sub-row ("- of whom
        in collective sites: 6,100") skips only the sub-rows before it, to the row it breaks down, if any."""
        paragraph, text = self.sentences[i].paragraph, self.sentences[i].text
        row, sub = a_row(text), bool(_SUB_ROW.match(text))
        for j in range(i - 1, -1, -1):
            if self.sentences[j].paragraph != paragraph:
                return None
            if row and a_row(self.sentences[j].text) and (not sub or _SUB_ROW.match(self.sentences[j].text)):
                continue
            places = self._where(j, moved)
            if places:  # not "Congo's army said": whose, not where
                return self.settled(places[0], j)  # ("a town in Centre-Nord region", named in the next sentence)
        return None


def _definite_area(tokens: list[Token]) -> str:
    """The area word of "in the camp", "from the town", "at the village": a place the story named before; "" if none."""
    lows = [t.low for t in tokens]
    return next((lows[k + 1] for k in range(1, len(lows) - 1) if lows[k] == "the" and lows[k - 1] in _AT
                 and lows[k + 1] in _DEFINITE_AREAS and (k + 2 == len(lows) or not tokens[k + 2].text[:1].isupper())), "")


_AT = frozenset("in at from inside near around across".split())
_THE_AREA = re.compile(r"\bthe\s+(?:camp|town|village|city)\b", re.IGNORECASE)  # a quick test for _definite_area
_DEFINITE_AREAS = frozenset("camp town village city".split())
_SUB_ROW = re.compile(r"\W*(?:of\s+whom|of\s+which|of\s+them|including|among\s+them)\b", re.IGNORECASE)
_AREA_LOOK_BACK = 12  # sentences read back for the place "the camp" names
_LOOK_BACK = 60  # sentences read back for what a name or a story's place was before (an article has fewer)
_TITLES = frozenset("spokesman spokeswoman spokesperson general colonel captain major lieutenant sergeant commander "
                    "governor mayor minister president dr mr mrs ms sheikh imam pastor father bishop".split())  # not
# "chief": "army chief Zamir" named him as a name of his own would (see _one_word_name)


def _inside(first: Place, places: list[Place], tokens: list[Token]) -> Place | None:
    """A place of the country `first` names that the sentence gives as the country's own, right after its name:
    "PEMBA, Mozambique, Sept 18 (Reuters) - ... in Mozambique's northern Cabo Delgado province"."""
    if first.entries[0]["kind"] != "country":
        return None
    for country, after in zip(places, places[1:], strict=False):
        between = [t.low for t in tokens[country.last:after.first]]
        if country.entries[0]["kind"] == "country" and country.iso3 == first.iso3 and after.iso3 in {first.iso3, ""} \
                and between[:2] in (["'", "s"], ["’", "s"]) and all(w in _DIRECTIONS for w in between[2:]):
            return after
    return None


_DIRECTIONS = DIRECTIONS | {"far", "remote"}  # "Mozambique's far northern Cabo Delgado province"


def _shouting(text: str) -> bool:
    """At least 12 letters, four in five of them capitals; ASCII text is counted as bytes, much faster."""
    if text.isascii():
        raw = text.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        return letters >= 12 and len(raw) - len(raw.translate(None, _ASCII_CAPITALS)) >= 0.8 * letters
    alpha = list(filter(str.isalpha, text))
    return len(alpha) >= 12 and sum(map(str.isupper, alpha)) >= 0.8 * len(alpha)


_ASCII_LETTERS, _ASCII_CAPITALS = string.ascii_letters.encode(), string.ascii_uppercase.encode()


_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’/-]*[A-Z](?:,\s*[A-Z][A-Za-z .'’-]*)?,\s*$")  # "KHARTOUM, Sudan, ", "GENEVA / KABUL, "
_TITLED_DATELINE = re.compile(r"\s*(?!(?:In|On|At|Since|By|From|During|After|Before|For|Across|Throughout|Overall|"
                              r"Meanwhile|Elsewhere|However|Altogether|Still|Yet|Also|Now|Today|Nationwide|\w+ly)\b)[A-Z][\w'’.-]*(?:\s*/\s*[A-Z][\w'’.-]*|\s+[A-Z][\w'’.-]*)*(?:,\s*[A-Z][\w .'’-]*)?,\s*$")
_DASHED_DATELINE = re.compile(r"\s*([A-Z][A-Z .'’/-]*[A-Z]\s+[-–—]\s+)?(?:[A-Z][a-z]+day,?\s+)?$")  # "IDLIB - Tuesday, ",
# "Tuesday, " before "24 September 2024 - ..."
_DASH_AFTER = re.compile(r"\s+[-–—]\s")  # "Geneva/Tripoli, 9 August 2024 - ": a dateline in title case ends on a dash
# (not "In Sudan, since April 2023 – when the war began –")
_YEAR_TEXT = re.compile(r"\b(?:19|20)\d\d\b")  # a signature line's date is in full: "22 September 2025"
_SIGNED = re.compile(r",\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s*$")  # "Statement by the NRC, Erbil, 22 September 2025"


_SPANS = frozenset({"since", "range", "as-of"})
_LABELS_A_NUMBER = re.compile(r"\s*:\s*\d")


def _bracketed(sentence: Sentence, p: Period) -> bool:
    """The period stands inside brackets: "Cumulative displacement since October 2023 (report for 1-7 May 2024):"."""
    before = sentence.text[:p.char_start - sentence.start]
    return before.rfind("(") > before.rfind(")")


def _byline(sentence: Sentence, periods: list[Period]) -> bool:
    """A byline's or dateline's line: a few capitalised words and a full date, no other number ("By Aminu Garba, Gusau |
    Monday, 22 July 2024", "Staff Correspondent | DHAKA, Tuesday 18 March 2025"); not a date heading of a log
    ("Tuesday, 3 December 2024"), nor a headline in title case ("Floods Kill 40 In Sindh On Monday")."""
    text, offset = sentence.text, sentence.start
    if not _BYLINE_MARK.search(text):  # (first: this runs on every sentence that names a period)
        return False
    words = _WORD.findall(text)
    if not 0 < len(words) <= 12 or not all(w[:1].isupper() for w in words):
        return False
    spans = [(p.char_start - offset, p.char_end - offset) for p in periods]
    if any(c.isdigit() and not any(a <= k < b for a, b in spans) for k, c in enumerate(text)):
        return False
    return any(_YEAR_TEXT.search(text[p.char_start - offset:p.char_end - offset]) for p in periods)


def _a_filing_date(dashed: re.Match, text: str, p: Period, published: date | None) -> bool:
    """A date between a dateline's dashes is the day the story was filed if a city and a year say so ("KARACHI - Sunday,
    1 December 2024 - ..."), or if either does and it is the day of publication or the one before; not a timeline's
    "28 November 2024 - An airstrike ..." nor "KEY EVENTS - 28 November - ..."."""
    city, year = bool(dashed.group(1)), bool(_YEAR_TEXT.search(text))
    return (city and year) or ((city or year) and _filed(p, published))


def _a_date_alone(sentence: Sentence) -> bool:
    """The line is a date and nothing else: "Tuesday, November 19, 2024"."""
    return len(sentence.text) <= 40 and all(w.lower() in CALENDAR_WORDS for w in _WORD.findall(sentence.text))


def _filed(p: Period, published: date | None) -> bool:
    """The period is a day a story may be filed on: its day of publication or the day before (not a timeline's "28
    November 2024 - An airstrike ...")."""
    return p.start is not None and p.start == p.end and published is not None and 0 <= (published - p.start).days <= 1


_WORD = re.compile(r"[^\W\d_]+")
_A_BYLINE = re.compile(r"\s*(?:By\s+[^\d.]{0,60}|(?:By|From)\s+(?:our|an?|the)\s+[^\d.]{0,40}\bcorrespondents?\b[^.]{0,30})$")
# "By our Kaduna correspondent", "By Aminu Garba in Gusau", "From our correspondent in Kaduna, 9 June"
_BYLINE_MARK = re.compile(r"\||^\s*By\s")  # an author's name, or a byline's parts


def _event_periods(sentence: Sentence, periods: list[Period], rules: Rules, published: date | None = None) -> list[Period]:
    """Leave out the date of a statement ("the army said on Monday", "said in a statement on Sunday") or of a
    dateline ("JOS, Dec 1 (Reuters) -"): it is not the figure's period."""
    if periods and (_byline(sentence, periods) or (sentence.paragraph <= 2 and _a_date_alone(sentence)
                                                    and all(_filed(p, published) for p in periods))):  # "Tuesday, November
        # 19, 2024" under the headline: the day the story was filed
        by = sentence.text.lstrip().startswith("By ")  # an author's byline, whatever its day; a bar alone may head a log's
        # entry ("Ariha Market Airstrike | Thursday, 28 November 2024"), whose day is the entry's unless it is the filing day
        periods = [p for p in periods if p.start != p.end or not (by or _filed(p, published))]  # (a span stays: "Published
        # 6 January 2025 | Period: 1-31 December 2024")
    verbs = rules.attribution["verbs"]
    kept = []
    for p in periods:
        if _DATELINE.match(sentence.text[:p.char_start - sentence.start]) or (
                _TITLED_DATELINE.match(sentence.text[:p.char_start - sentence.start])
                and _DASH_AFTER.match(sentence.text[p.char_end - sentence.start:])) or (
                (dashed := _DASHED_DATELINE.match(sentence.text[:p.char_start - sentence.start]))
                and _DASH_AFTER.match(sentence.text[p.char_end - sentence.start:])
                and _a_filing_date(dashed, sentence.text[p.char_start - sentence.start:p.char_end - sentence.start], p, published)) or (
                _SIGNED.search(sentence.text[:p.char_start - sentence.start]) and _YEAR_TEXT.search(
                    sentence.text[p.char_start - sentence.start:p.char_end - sentence.start])
                and not sentence.text[p.char_end - sentence.start:].strip(" .")):
            continue  # "JOS, Dec 1 (Reuters) - ...", "IDLIB - Tuesday, 24 September 2024 - ...": the day the story was
            # filed; a statement's signature line
        if _bracketed(sentence, p) and _LABELS_A_NUMBER.match(sentence.text, p.char_end - sentence.start) \
                and any(c.isdigit() for c in sentence.text[:sentence.text.rfind("(", 0, p.char_start - sentence.start)]):
            continue  # "- Civilians killed: 412 (November: 356)": another period's count, compared (but "- Rutshuru (30
            # November: 12,400 IDPs; 31 October: 9,800)" dates the row's own counts)
        before = sentence.text[:p.char_start - sentence.start].split()
        if before and before[-1].lower() == "on":
            before = before[:-1]
        said = bool(before) and (before[-1].lower().strip(",") in verbs or before[-1].lower() == "statement") \
            and not (len(before) >= 2 and before[-2].lower() in _PASSIVE_AUX) \
            and not _DAYS_EVENT.match(sentence.text, p.char_end - sentence.start)  # ("deaths had been reported in the
        # past 24 hours": when the deaths were reported is their period; "said Sunday's attack": the attack's day)
        told = (len(before) >= 2 and before[-2].lower() in verbs and before[-1].lower() == "reporters") or any(
            before[-n].lower() in {"told", "tells"} and all(w[:1].isupper() or w == "the" for w in before[1 - n:])
            for n in (2, 3) if len(before) >= n)  # "residents told AFP on Monday", "told the BBC on Sunday"
        opening = sentence.text[:p.char_start - sentence.start]
        telling = said and p.kind != "since" and sentence.text[p.char_end - sentence.start:].startswith(" that ") \
            and any(q.char_start > p.char_end and ", " not in sentence.text[p.char_end - sentence.start:q.char_start - sentence.start]
                    for q in periods)  # (not "said last week that 40 were killed, the highest toll since March")
        if (p.kind in _SPANS and not telling) or not (said or told or _how_it_was_said(before, verbs)
                                     or (_STATEMENT_OPENING.match(opening) and "," not in opening)):
            kept.append(p)  # (a span is what was counted: "displacement recorded since 26 January"; but "said earlier
            # this month that 129 civilians had been killed in April", "said last week that 80 wounded people were treated
            # in March" is when it was said, where the count has its own)
    return kept


_PASSIVE_AUX = frozenset({"been", "were", "was", "are", "is", "be"})


# A sentence that opens on how a statement was made: "In a statement read on state radio on Wednesday, the army said".
_STATEMENT_OPENING = re.compile(r"\s*(?:in\s+(?:a|an|its|their|his|her)\s+(?:\w+\s+)?(?:statement|interview|video|post|"
                                r"message|report|speech|letter|address|communiqu[ée])|at\s+a\s+(?:\w+\s+)?(?:press|news)\s+conference|at\s+a\s+"
                                r"(?:\w+\s+)?briefing|speaking)\b", re.IGNORECASE)


# Words that say how or where a statement was made: "said in a statement read on state television on Wednesday".
_STATEMENT_WORDS = frozenset("in a an the its their his her statement statements read on state television tv radio at press "
                             "conference briefing interview with late early published posted social media telegram channel "
                             "website bulletin released issued broadcast news agency told reporters journalists by phone "
                             "telephone message video".split())


def _how_it_was_said(before: list[str], verbs) -> bool:
    """The words before a period run back to a reporting verb through words of how it was said only: the
    period is when the statement was made ("said in a statement read on state television on Wednesday")."""
    for k in range(len(before) - 1, max(-1, len(before) - 10), -1):
        word = before[k].lower().strip(",")
        if word in verbs:
            return k < len(before) - 1
        if word not in _STATEMENT_WORDS and not (before[k][:1].isupper() and k and before[k - 1].lower() == "in"):
            return False  # (a place it was said in: "said at a briefing in Geneva on Tuesday")
    return False


@dataclass
class Context:
    """What earlier sentences told: the last day and point named, the last source, the source carried on."""

    published: date | None
    as_of: date | None = None  # a report's "(As of 12 May)" in its title: where its open periods end
    report_span: tuple[date, date] | None = None  # a periodic report's "(13-19 May 2024)" in its title: the period of
    # its counts of events that name none
    publisher: str = ""  # the source whose own publication the article is (see sources.publisher): who "we" are
    last_day: date | None = None
    last_day_paragraph: int = -1  # where it was named
    last_day_country: str = ""  # where that day's events were, so a story elsewhere does not take it
    last_point: date | None = None
    last_named: str = ""
    last_body: tuple[str, str] | None = None  # the last source named that is no person, and as written
    carried: tuple[int, str, str] | None = None  # (paragraph, source, as written) a following sentence may keep
    last_written: str = ""
    last_span: tuple[int, date, date | None] | None = None  # (paragraph, start, end) of the last span named, if after any day
    last_night: tuple[date, date] | None = None  # a span of two or three days named after the last day, in its sentence:
    # the days of the story's events from then on ("burying their dead on Monday after an attack in the night from
    # Saturday to Sunday")
    last_since: tuple[int, date] | None = None  # (paragraph, start) of a running total's "since", if the last period named
    last_as_of: tuple[int, date] | None = None  # (paragraph, end) of an "as of 15 May", if the last period named
    list_span: tuple[int, date | None, date | None] | None = None  # (paragraph, start, end) a line that opens a list
    # names: "New displacement recorded since 26 January, provisional figures as of 10 February:"
    last_period: tuple[date | None, date | None] | None = None  # the last period named, for "the same period"
    last_period_text: str = ""  # the sentence that named it, for "since the coup": the coup's date, if it tells it
    last_period_at: int = 0  # where in that sentence the period stands
    then: tuple[int, date] | None = None  # (paragraph, day) of the last dated period named, for "since then"
    event_days: dict[str, date | None] = field(default_factory=dict)  # the day a sentence naming a one-day event gave it ("A
    # drone strike ... on Saturday killed 43"), for "since the strike" later (see update)
    story_day: date | None = None  # the first such day the headline or the story's first paragraphs told: the story's
    # event, whose toll later sentences update ("By Monday, 2,056 people had been killed")
    story_country: str = ""  # where that event was, if its sentence named a place

    def update(self, sentence: Sentence, periods: list[Period], attributions: list[Attribution],
               had_figures: bool, country: str = "") -> None:
        attributions = usable(attributions, self.last_named)
        dated = [p for p in periods if p.start is not None and p.kind not in {"since-then", "since-event"}]
        if dated:
            p = dated[-1]
            self.then = (sentence.paragraph, _then(p, sentence.text[p.char_start - sentence.start:p.char_end - sentence.start]))
        first_day = next((p for p in periods if p.kind == "day" and p.start is not None), None)
        day = first_day.start if first_day is not None else None
        if day is not None:
            for m in _ONE_DAY_EVENT.finditer(sentence.text):
                if m.group().lower() in _SAME_EVENT and m.group().lower().endswith("ed") and len(periods) > 1:
                    continue  # a verb's attack, in a sentence of several periods, may be another day's ("On Monday, the
                    # governor visited Tindi, a town that jihadists attacked in late 2022")  # a new event ("another attack on Mangu on Saturday") is the
                # one "since the attack" means after it; a reference back ("the strike") leaves the first told
                if self.story_day is None and sentence.paragraph <= _LEAD_PARAGRAPHS:
                    self.story_day, self.story_country = day, country
                known = self.event_days.get(_event(m.group()))
                if _INTRODUCED.search(sentence.text[max(0, m.start() - 40):m.start()]) and (known is None or day > known):
                    self.event_days[_event(m.group())] = day  # (not an older one compared: "A similar strike on 12 June")
                else:
                    self.event_days.setdefault(_event(m.group()), day)
            onset = _ONSET.search(sentence.text) if self.story_day is None and sentence.paragraph <= _LEAD_PARAGRAPHS else None
            own = onset is not None and any(p is not first_day and 0 <= p.char_start - sentence.start - onset.end() <= 12
                                            for p in periods)  # "floods that began in late February": their own time
            if onset is not None and not own and not _OTHER_CLAUSE.search(
                    sentence.text[min(onset.end(), first_day.char_end - sentence.start):max(onset.start(), first_day.char_start - sentence.start)]):  # type: ignore[union-attr]
                self.story_day, self.story_country = day, country  # "Flash floods hit Buner district on Friday": the day
                # the story's floods began, which a later "the toll rose to 314 on Sunday" counts from (not "On Tuesday
                # the government declared an emergency over floods that began in late February")
        since = next((p for p in periods if p.kind == "since" and p.start is not None), None)
        if since is not None:
            at = since.char_start - sentence.start
            for m in _EVENT_WORD.finditer(sentence.text):
                if not _OTHER_CLAUSE.search(sentence.text[min(m.end(), at):max(m.start(), at)]):
                    if self.story_day is None and had_figures and sentence.paragraph <= _LEAD_PARAGRAPHS \
                            and m.group().lower() in _DISASTERS:
                        self.story_day, self.story_country = since.start, country  # "The death toll from flash floods
                        # that have battered Khyber Pakhtunkhwa since Friday has climbed to 328": the story's floods
                    self.event_days.setdefault(_event(m.group()), since.start)  # "Renewed fighting has displaced 11,000
                    # people since last Wednesday": what a later "since the fighting resumed" counts from (not "Since
                    # January, 300,000 have been displaced by drought, and the war has ...": another clause's war)
        day_here = False  # whether a day this sentence names came before the period at hand
        for p in periods:
            if p.kind not in {"same-period", "since-then"} and (p.start is not None or p.end is not None):
                self.last_period, self.last_period_text = (p.start, p.end), sentence.text
                self.last_period_at = p.char_start - sentence.start
            if p.kind == "day" and p.start is not None and not _quoted(sentence, p):  # (a speaker's "today" is the day
                # they spoke, which the text may not tell: not the day of the counts that follow)
                self.last_day = self.last_point = p.start
                self.last_day_paragraph = sentence.paragraph
                day_here, self.last_night = True, None
                self.last_day_country = country
                self.last_span = None
            elif p.kind in {"since", "range"} and p.start is not None:
                self.last_point = p.start
            if p.kind in CARRIED_SPANS and p.start is not None:
                self.last_span = (sentence.paragraph, p.start, p.end)
                self.last_night = (p.start, p.end) if p.kind == "range" and p.end is not None and day_here \
                    and 0 < (p.end - p.start).days <= 2 \
                    and _an_events_span(sentence, p) else None
            if p.start is not None or p.end is not None:
                self.last_since = (sentence.paragraph, p.start) if p.kind == "since" and p.start is not None else None
                self.last_as_of = (sentence.paragraph, p.end) if p.kind == "as-of" and p.end is not None else None
        if opens_a_list(sentence.text) and not labelled_count(sentence.text):
            spans = [p for p in periods if p.kind in CARRIED_SPANS and p.start is not None]  # "in the week to 10 February"
            starts = [p.start for p in periods if p.kind == "since" and p.start is not None]  # else "since 26 January"
            ends = [p.end for p in periods if p.kind == "as-of" and p.end is not None]  # to "as of 10 February"
            unbracketed = [p for p in spans if not _bracketed(sentence, p)]
            spans = unbracketed if unbracketed or starts or ends else spans  # (a report's "(situation report for 1-7
            # May)" after the line's own "since October 2023"; but "Fatalities by region (ACLED, March 2025):" is March)
            days = [p.start for p in periods if p.kind == "day" and p.start is not None and p.start == p.end]
            self.list_span = (sentence.paragraph, spans[-1].start, spans[-1].end) if spans else \
                (sentence.paragraph, starts[0] if starts else None, ends[-1] if ends else None) if starts or ends else \
                (sentence.paragraph, days[-1], days[-1]) if days else None  # ("On 19 November, ... the following were
            # displaced that day:")
        named = [a for a in attributions if not a.anaphora]
        if named:
            self.last_named, self.last_written = named[-1].name, named[-1].written
            bodies = [a for a in named if not _a_person(a.name)]
            if bodies:
                self.last_body = (bodies[-1].name, bodies[-1].written)
        if attributions:
            last = attributions[-1]
            if last.anaphora and self.last_named and refers_back(last, self.last_named):
                self.carried = (sentence.paragraph, self.last_named, self.last_written)
            elif last.name:
                self.carried = (sentence.paragraph, last.name, last.written)
        elif (not had_figures and not table_row(sentence.text)) or (self.carried and self.carried[0] != sentence.paragraph):
            self.carried = None  # (a table's header row keeps it for the rows below)


# Bounded spans a later sentence's count may belong to ("... last week. Another 25 were wounded."); not a
# year ("the war that began in 2023") nor an open "since" (a running total's start).
CARRIED_SPANS = frozenset({"range", "recent", "month"})


_CLAUSE_BREAK = re.compile(r",\s+and\b|;|\bbut\b|\bwhile\b|\bwhereas\b|\bcompared\s+(?:with|to)\b|\b(?:up|down)\s+from\b")
# (a comparison's period is the compared count's: "killed 31 ..., compared with 19 in the same period last year")


def _then(p: Period, text: str) -> date:
    """The day a later "since then" counts from: the end of a range told by its ends ("between June and August"), else
    its start ("last week", "on 27 November", "in October 2016")."""
    return p.end if p.end is not None and text.lower().startswith(("between", "from")) else p.start  # type: ignore[return-value]


def _across_a_clause(p: Period, binding: Binding, sentence: Sentence | None) -> bool:
    """A clause break stands between a period and the count ("killed on Monday, and two more died ..."), or a verb of
    saying after a comma ("Bangladesh, which hosts one million refugees, says 70,000 have crossed since January")."""
    if sentence is None:
        return False
    m, at = binding.mention, sentence.start
    gap = sentence.text[p.char_end - at:m.start - at] if p.char_end <= m.start else sentence.text[m.end - at:p.char_start - at]
    gap = _ELLIPTIC.sub(" ", gap)  # ("657 people have been killed, and 929 injured since the monsoon began": one clause)
    return _CLAUSE_BREAK.search(gap) is not None or _SAID_AFTER_COMMA.search(gap) is not None


_ELLIPTIC = re.compile(r",\s+and\s+(?:(?:more\s+than|at\s+least|some|about|nearly|another)\s+)?[\d,.]+\s+(?:(?:others?|more|people)\s+)?"
                       r"(?:injured|wounded|hurt|missing|displaced|killed|dead)\b(?=\s*[,.;]|\s*$|\s+(?:in|on|at|since|during|"
                       r"after|by|across|over|when|as)\b)", re.IGNORECASE)  # a count whose verb, the one before it, is left
# out: ", and 929 injured since ..." (not ", and 3,000 displaced families have been sheltering": a noun with its own verb)


def _past_a_relative_clause(p: Period, binding: Binding, sentence: Sentence | None) -> bool:
    """For a strength, a period after the count past the end of the relative clause it stands in, where the main
    clause's verb follows ("UNIFIL, which has 10,000 peacekeepers in the south, called for calm and said it was hit in
    the past week"); for a strength or a total, a period inside a relative clause that follows it ("Wagner has 1,500
    personnel in Mali, where it has fought since 2022"): the period is another clause's."""
    m = binding.mention
    if sentence is None or p.char_start < m.end:
        return False
    gap = sentence.text[m.end - sentence.start:p.char_start - sentence.start]
    after = sentence.text[p.char_end - sentence.start:]
    if binding.category == "fighters" and (_MAIN_VERB_AFTER_COMMA.search(gap) or (
            gap.rstrip().endswith(",") and _VERB_NEXT.match(after))) \
            and _RELATIVE_OPENS.search(sentence.text[:m.start - sentence.start]):
        return True  # (", last week began withdrawing": the period opens the main clause; but "The attack, which killed
        # 12 people, happened on Sunday" tells of the same event, and its period is the count's)
    openers = list(_RELATIVE_AFTER.finditer(gap))  # the last relative clause opened before the period, still open
    inside = gap[openers[-1].end():] if openers else ""
    return (binding.category == "fighters" or binding.cumulative) and bool(openers) \
        and not _MAIN_VERB_AFTER_COMMA.search(inside) and not inside.rstrip().endswith(",")
    # (not "... in Borno, where the river burst its banks, since August": the clause closed before the period)


_RELATIVE_OPENS = re.compile(r",\s+(?:which|who)\s[^,]*$")  # the count stands in ", which ..." not yet closed
_MAIN_VERB_AFTER_COMMA = re.compile(r",\s+(?:(?:also|later|then|now|again|on\s+\w+|last\s+\w+|this\s+\w+)\s+)?"
                                    r"(?:[a-z]+ed|began|said|says|told|has|have|had|is|are|was|were)\b")
# ", called on", ", also said", ", last week began": the main clause's verb after a relative clause
_VERB_NEXT = re.compile(r"\s+(?:[a-z]+ed|began|said|says|told)\b")
_RELATIVE_AFTER = re.compile(r",\s+(?:where|which)\b")  # (not "20,000 refugees, who have arrived since Friday": theirs)


# "Rwanda, which has deployed 4,000 troops since July 2021, said its forces had killed 18": the period is the
# subject's clause's, not the reported count's
_SAID_AFTER_COMMA = re.compile(r",\s+(?:said|says|told|added|reported|announced)\b")


def _another_count_between(p: Period, binding: Binding, sentence: Sentence | None) -> bool:
    """A number stands between the count and a period after it: that period is the other count's."""
    if sentence is None or p.char_start < binding.mention.end:
        return False
    return _DIGITS.search(sentence.text, binding.mention.end - sentence.start, p.char_start - sentence.start) is not None


_DIGITS = re.compile(r"(?<![\w-])\d")  # a number, not "M23" or "COVID-19"


def period(binding: Binding, periods: list[Period], ctx: Context, country: str = "", paragraph: int = -1,
           sentence: Sentence | None = None) -> tuple[date | None, date | None]:
    """The binding's period: the nearest in its sentence; else, for a count that is not a running total,
    the span an earlier sentence of its paragraph named ("... last week. Another 25 were wounded."), or
    the last day named before it; else open, up to publication, or up to the day a report's title says
    its figures are as of."""
    start, end = _period(binding, periods, ctx, country, paragraph, sentence)
    if start is not None and start == end and sentence is not None and binding.category in _TOLLS:
        start, end = _risen_toll(binding, periods, sentence, start)
    if ctx.as_of is not None and end == ctx.published and (start is None or start <= ctx.as_of):
        return start, ctx.as_of
    return start, end


def _risen_toll(binding: Binding, periods: list[Period], sentence: Sentence, day: date) -> tuple[date | None, date | None]:
    """A toll that rose to the count on a day counts up to that day, from a start the sentence does not give ("the toll
    rose to 52 on Tuesday": not 52 deaths on Tuesday); a toll of an event whose day is named before the rise stays that
    event's ("the toll from a drone strike on Sunday has risen to 30": Sunday's strike)."""
    risen = _TOLL_ROSE.search(sentence.text)
    at = binding.mention.start - sentence.start
    if risen is None or not risen.end() <= at <= risen.end() + 40:
        return day, day
    if any(p.start == day and p.char_end - sentence.start <= risen.start("rise") for p in periods):
        return day, day
    return None, day


_TOLL_ROSE = re.compile(r"\b(?:death\s+)?(?:toll|tally)\b[^.;:]{0,80}?\b(?P<rise>(?:has\s+|had\s+)?(?:risen|rose|climbed|jumped|increased|reached))"
                    r"(?:\s+to)?\b", re.IGNORECASE)


# One event the sentence's counts come from ("after a missile hit", "in an attack on", "when a boat
# capsized"), whose day the next sentence may name; not a war or a season's toll.
ONE_EVENT = re.compile(
    r"(?:\b(?:after|when|in|as)\s+|^)(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:air\s*strikes?|strikes?|attacks?|missiles?|rockets?|"
    r"bomb(?:ing)?s?|blasts?|explosions?|ambush|raids?|shelling|drones?|shooting|stampede|collapse|fire|landslide|"
    r"crash|boat|massacre|suicide)\b", re.IGNORECASE)


def story_toll(binding: Binding, sentence: Sentence, ctx: Context) -> bool | None:
    """Whether the count may be a toll of the story's event that a later sentence gives up to a later day without
    saying when it began ("An earthquake struck on Friday. ... By Monday, 2,056 people had been killed": 28 to 31 March):
    None if not; else whether the sentence tells a running toll, whose one day is the day it was told ("told us on
    Sunday that the toll had risen to 31"). Not a war's or a season's toll, a sentence that tells an event of its own
    ("the toll from a drone strike on a market in Omdurman on Sunday has risen to 30"), nor another year's (see
    toll_start)."""
    day, text = ctx.story_day, sentence.text
    if day is None or binding.category not in _TOLLS or _NOT_THE_STORYS.search(text) or _ONE_DAY_EVENT.search(text) \
            or any(int(year) != day.year for year in _YEARS.findall(text)):
        return None
    return bool(_RUNNING_TOLL.search(text))


def day_told_after(category: str, sentence: Sentence, doc: Document, i: int) -> date | None:
    """The day of the event a toll in sentence i counts, when a later sentence of its paragraph names it (see
    Document.event_day_after); not a war's or a season's toll."""
    if category not in _TOLLS or _NOT_THE_STORYS.search(sentence.text):
        return None
    return doc.event_day_after(i)


def toll_start(start: date | None, end: date | None, country: str, running: bool, ctx: Context) -> date | None:
    """The start a toll of the story's event takes (see story_toll), given the period and country its sentence gave it:
    none for a count of a day of its own that is no running total (perhaps another event's), nor for one that begins on
    a day of its own, nor long after the event, nor in another country than the event's."""
    day, where = ctx.story_day, ctx.story_country
    if day is None or end is None or not 0 < (end - day).days <= _TOLL_DAYS or (country and where and country != where):
        return None
    return day if start is None or (start == end and running) else None


_LEAD_PARAGRAPHS = 6  # the headline, a byline or dateline, the lead and the next few: where a story tells its event (a
# liveblog may tell it below its first updates)
_TOLLS = frozenset({"killed", "injured", "casualties", "missing"})
_TOLL_DAYS = 10  # how long after its event a story may still update its toll
_RUNNING_TOLL = re.compile(r"\b(?:toll|tally|(?:had|has|have)\s+(?:been|risen|climbed|reached|died)|rose\s+to|risen\s+to)\b",
                           re.IGNORECASE)
_NOT_THE_STORYS = re.compile(r"\b(?:(?i:war|wars|conflict|insurgency|since|overall|so\s+far|in\s+total|this\s+year|last\s+year)"
                             r"|(?:[A-Z][a-z]+(?:an|ese|i|ish)|(?i:national|nationwide|cumulative))\s+(?i:death\s+)?(?i:toll))\b")
# a war's or a season's toll, or a nation's: "The Palestinian death toll has risen to 50,810"
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


def _period(binding: Binding, periods: list[Period], ctx: Context, country: str, paragraph: int,
            sentence: Sentence | None) -> tuple[date | None, date | None]:
    at = binding.mention.start
    usable = [p for p in periods if (p.kind not in _FROM_THE_LAST or ctx.last_point is not None)
              and not _past_a_relative_clause(p, binding, sentence)]
    if usable:
        usable = [p for p in usable if not _across_a_clause(p, binding, sentence)] or [
            p for p in usable if not _another_count_between(p, binding, sentence)]  # its own clause's first; not
        # one told of another count ("hosts over 2 million IDPs, and 850,000 have arrived since April 2023")
    if any(p.kind == "same-period" for p in usable) and any(p.start or p.end for p in usable):
        usable = [p for p in usable if p.kind != "same-period"]  # "killed during the fighting in Kidal on Sunday"
    if usable:
        nearest = next((p for p in usable if sentence is not None and p.char_start >= binding.mention.end
                        and _ITS_OWN_VERB_THEN.match(sentence.text, binding.mention.end - sentence.start, p.char_start - sentence.start)),
                       None) or min(usable, key=lambda p: min(abs(p.char_start - at), abs(p.char_end - at)))
        # (the day its own verb names: "on Tuesday buried 14 people killed in Sunday's attack")
        if nearest.kind in _FROM_THE_LAST:  # "on the same day", "the day before", "a day later": from the last day named
            base = ctx.last_point
            if nearest.kind == "day-after" and ctx.last_period is not None and ctx.last_period[0] == base \
                    and ctx.last_period[1] is not None and 0 < (ctx.last_period[1] - base).days <= 14:  # type: ignore[operator]
                base = ctx.last_period[1]  # "Between 1 and 5 March ... The next day": 6 March
            assert base is not None  # (usable keeps such a period only after a day was named)
            day = base + timedelta(days=_FROM_THE_LAST[nearest.kind])
            return day, day
        if sentence is not None and nearest.end is not None and (nearest.kind == "as-of" or (
                nearest.kind == "day" and _AS_OF_BEFORE.search(sentence.text, 0, nearest.char_start - sentence.start))) \
                and (began := next((p for p in usable if p.kind == "since" and p.start is not None
                                    and p.start <= nearest.end), None)) is not None:
            return began.start, nearest.end  # "As of this morning, 47 people have lost their lives since the rains began
            # last Friday": from the day it began to the day the toll was told
        if nearest.kind == "day" and nearest.start is not None and sentence is not None \
                and _ROSE_TO.search(sentence.text[:at - sentence.start]) and (began := next((
                    p for p in periods if p.char_end <= at and p.start is not None and p.start <= nearest.start
                    and _OF_THE_TOLL.search(sentence.text, 0, p.char_start - sentence.start) and (
                        (p.kind == "since" and _WHEN_IT_BEGAN.match(sentence.text, p.char_start - sentence.start))
                        or (p.kind == "day" and p.start < nearest.start
                            and sentence.text.startswith(("'s ", "’s "), p.char_end - sentence.start)))), None)):
            return began.start, nearest.end  # "the toll from the floods that began on December 27 rose to 41 on
            # Tuesday", "the number killed in Tuesday's bombing rose to 31 on Friday": a running toll, from the day its
            # event began to the day it rose
        if nearest.kind == "day" and nearest.start is not None and sentence is not None \
                and _ROSE_TO.search(sentence.text[:at - sentence.start]) \
                and sentence.text.startswith(("'s ", "’s "), nearest.char_end - sentence.start) \
                and _OF_THE_TOLL.search(sentence.text, 0, nearest.char_start - sentence.start) and ctx.published is not None \
                and nearest.start < ctx.published:
            return nearest.start, ctx.published  # "the death toll from Sunday night's earthquake has risen to 1,411": from
            # its event's day to the day it was told
        if nearest.kind == "same-period":
            return ctx.last_period or (None, ctx.published)
        if nearest.kind == "report-period":  # "during the reporting period": the report's span, else the period told before
            return ctx.report_span or (ctx.last_span[1:] if ctx.last_span is not None else None) or (None, ctx.published)
            # (a span told before, not an open "since January")
        if nearest.kind == "same-month":  # "during the month": a monthly report's month, else that of the last day named
            if ctx.report_span is not None:
                return ctx.report_span
            told = ctx.last_period[0] if ctx.last_period is not None else None
            if told is None:
                return None, ctx.published
            return told.replace(day=1), told.replace(day=calendar.monthrange(told.year, told.month)[1])
        if nearest.kind == "since-then":  # "A truce took effect on 27 November. ... 340 have been killed since then": from
            # the last day named before it, in the sentence or earlier in its paragraph
            before = [_then(p, sentence.text[p.char_start - sentence.start:p.char_end - sentence.start])
                      for p in periods if sentence is not None and p.char_end <= nearest.char_start and p.start is not None]
            if not before and ctx.then is not None and ctx.then[0] == paragraph:
                before = [ctx.then[1]]
            return (before[-1] if before else None), ctx.published
        if nearest.kind == "since-event":  # "Resistance rose after the February 2021 coup. ... since the coup"
            event = event_of(sentence.text[nearest.char_start - sentence.start:nearest.char_end - sentence.start]
                             if sentence is not None else "")
            in_clause = ctx.last_period is not None and _in_its_clause(event, ctx.last_period_text, ctx.last_period_at) \
                and (nearest.start is None or (ctx.last_period[0] is not None and ctx.last_period[0].year == nearest.start.year))
            if not in_clause and nearest.start is None and (event_day := ctx.event_days.get(_event(event))) is not None:
                return event_day, ctx.published  # "since the strike": the day the story's strike was told
            return (ctx.last_period[0] if in_clause else nearest.start), ctx.published  # type: ignore[index] # ("since the
            # 2021 coup": its year's start if no day of it was told)
        if sentence is not None and (nth := _NTH.match(sentence.text, nearest.char_start - sentence.start)) \
                and (nth_day := _nth_of_the_month_told(int(nth.group(1)), ctx)) is not None:
            return nth_day, nth_day  # "Fighting broke out in early November. On the 14th, rebels killed 20": 14 November
        return nearest.start, nearest.end
    if ctx.list_span is not None and ctx.list_span[0] == paragraph and sentence is not None and labelled_count(sentence.text):
        return ctx.list_span[1], ctx.list_span[2] or ctx.published  # "Breakdown of deaths since 26 June: - Sindh: 58"
    if ctx.last_as_of is not None and ctx.last_as_of[0] == paragraph:
        return None, ctx.last_as_of[1]  # "Figures reported as of 15 May, by district: - Jowhar: 12,300 displaced"
    if not binding.cumulative and ctx.last_span is not None and ctx.last_span[0] == paragraph \
            and binding.category != "fighters":  # "a 5,000-strong force": a strength, not an event in the span
        return ctx.last_span[1], ctx.last_span[2]
    if binding.cumulative and ctx.last_since is not None and ctx.last_since[0] == paragraph and sentence is not None \
            and _PERFECT.search(sentence.text) and binding.category != "fighters" \
            and (ctx.published is None or (ctx.published - ctx.last_since[1]).days >= 30):  # a war's toll, not "since Monday"
        # (whose next count may be of the whole war: "... killed 27 since Saturday. More than 8 million people have been
        # displaced across Sudan")
        return ctx.last_since[1], ctx.published  # "... has killed 59,200 since October 2023. More than 143,000 people
        # have been wounded.": the same running total's other count
    elsewhere = bool(country and ctx.last_day_country and country != ctx.last_day_country)
    if not binding.cumulative and ctx.report_span is not None and binding.category != "fighters" \
            and sentence is not None and a_row(sentence.text):
        return ctx.report_span  # a report's table: "| Delmas | 9,860 |" in "Flash Report, 11-20 November" (not the
        # last day the prose named)
    if not binding.cumulative and ctx.last_day is not None and not elsewhere and binding.category != "fighters" \
            and not (sentence is not None and _ANOTHER_EVENT.search(sentence.text)) and (
            ctx.report_span is None or ctx.report_span[0] <= ctx.last_day <= ctx.report_span[1]
            or (ctx.last_day_paragraph == paragraph and ctx.last_day > ctx.report_span[1])):
        return ctx.last_night or (ctx.last_day, ctx.last_day)  # (a force's strength is no event of that day; nor is a day outside the report's
        # period, "INGD had raised the red alert on 8 March", an event of the report's counts, unless its own paragraph
        # told of it after the period: "Insurgents attacked Mucojo on 2 December, after the reporting period. Five
        # civilians were killed")
    if not binding.cumulative and ctx.report_span is not None and binding.category != "fighters":
        return ctx.report_span  # "NEWLY DISPLACED BY DEPARTMENT / - Téra: 5,940 people" in a weekly update
    return None, ctx.published


def _an_events_span(sentence: Sentence, p: Period) -> bool:
    """The span is the days of an attack the sentence tells before it, in its clause: "after an attack ... in the night from
    Saturday to Sunday" (not "where floods between Thursday and Friday had destroyed 300 homes")."""
    before = sentence.text[:p.char_start - sentence.start]
    last = max((m.end() for m in _SPAN_EVENT.finditer(before)), default=None)
    return last is not None and not _OTHER_CLAUSE.search(before[last:])


def _quoted(sentence: Sentence, p: Period) -> bool:
    """The period is a day told relative to when a speaker spoke, inside a quotation: "\u201cWe buried 23 people
    today,\u201d he said" (but a weekday or a date in a statement quoted is the event's)."""
    if sentence.text[p.char_start - sentence.start:p.char_end - sentence.start].lower() not in _DEICTIC:
        return False
    before = sentence.text[:p.char_start - sentence.start]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


_DEICTIC = frozenset(RELATIVE_DAYS) - {"overnight"}  # (a night a quotation tells is the story's)


_ANOTHER_EVENT = re.compile(r"\bin\s+(?:the\s+|an?\s+|two\s+|three\s+|several\s+)?(?:\w+\s+)?(?:previous|earlier|prior|similar|"
                            r"past)\s+(?:\w+\s+)?(?:incidents?|attacks?|raids?|abductions?|kidnappings?|strikes?|massacres?|"
                            r"ambush(?:es)?)\b", re.IGNORECASE)  # "In the two previous incidents, 11 aid workers were abducted",
# "30 people had been killed in previous raids": not on the day just told (but not "Unlike previous attacks, the raiders
# killed 30", the story's own; nor "In another strike," of a day's round-up)
_FROM_THE_LAST = {"same-day": 0, "day-before": -1, "day-after": 1}
_AS_OF_BEFORE = re.compile(r"\bas\s+of\b[^,.;]{0,24}$", re.IGNORECASE)  # "As of 6 o'clock this morning"
_NTH = re.compile(r"(?i:on\s+the)\s+(\d+)")


def _nth_of_the_month_told(n: int, ctx: Context) -> date | None:
    """That day of the month the last period named, if it named a month or a day (not "since March") and the day is no later
    than publication."""
    if ctx.last_period is None or ctx.last_period[0] is None or ctx.last_period[1] is None \
            or (ctx.last_period[1] - ctx.last_period[0]).days > 31:
        return None
    start = ctx.last_period[0]
    year, month = start.year, start.month
    if n < start.day:  # "Talks collapsed on 28 October. On the 14th, ...": the story has moved on to November
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    try:
        day = date(year, month, n)
    except ValueError:
        return None
    return day if ctx.published is None or day <= ctx.published else None


_PERFECT = re.compile(r"\b(?:has|have)\s+been\b")


def usable(attributions: list[Attribution], last_named: str) -> list[Attribution]:
    """The attributions that name someone: not "it said" with no source named before, nor a lone word opening
    the sentence ("Marchenko said", "Initial reports say") unless it ends the name of the last source."""
    surname = last_named.lower().split()[-1] if last_named else ""
    return [a for a in attributions if (a.name or last_named) and not (a.surname and a.written.lower() != surname)
            and not (a.written.lower() in {"he", "she"} and not (_a_person(last_named) or _a_role(last_named)))]


def _a_person(name: str) -> bool:
    """A name of two or more capitalised words, none of them an organisation's ("Abraham Kelang", "Governor Oleh
    Marchenko"; not "Rwanda Defence Force" nor "Médecins Sans Frontières"): whom "he said" may refer back to."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not _ORGANISATION_WORDS.intersection(
        w.lower() for w in words)


def _a_role(name: str) -> bool:
    """A name for one person by their office: "the Chief District Officer of Myagdi", "the regional governor", whom "he
    said" may refer back to too."""
    words = name.lower().split(" of ")[0].split()
    return bool(words) and words[-1] in _ROLES


_ROLES = frozenset("officer governor spokesman spokeswoman spokesperson chief commander minister director president "
                   "mayor commissioner administrator prefect envoy coordinator representative ambassador secretary".split())
_ORGANISATION_WORDS = frozenset("ministry office agency council committee force forces army police service department "
                                "authority commission organisation organization group network union front movement "
                                "programme program fund centre center observatory institute association society "
                                "federation coalition mission bureau directorate administration command unit news "
                                "sans without frontières borders red cross crescent nations".split())


def source(binding: Binding, attributions: list[Attribution], sentence: Sentence, ctx: Context,
           outlet: str) -> tuple[str, str, str, str]:
    """(source, as written, via, source_kind): who produced the figure, and who relayed it, if the text says."""
    attributions = usable(attributions, ctx.last_named)
    if attributions:
        body = ctx.last_body if _a_person(ctx.last_named) else None  # "the agency said", after a person was quoted
        return (*attribute(attributions, binding.mention.first, ctx.last_named, ctx.last_written, body), "attributed")
    if ctx.carried is not None and ctx.carried[0] == sentence.paragraph:
        return ctx.carried[1], ctx.carried[2], "", "attributed"
    return outlet, outlet, "", "outlet"


def place(binding: Binding, doc: Document, i: int) -> Place | None:
    places, tokens = doc.places(i), doc.tokens(i)
    named_here = [p for p in places if not _came_from(p, tokens)]
    own = _nationals(tokens, binding.mention.last, binding.noun_end, doc.rules)  # "South Sudanese refugees"
    if _NATIONWIDE_TEXT.search(doc.sentences[i].text) and _nationwide(binding, tokens, named_here) and (country := (
            next((p.iso3 for p in named_here if p.iso3 and p.first < binding.mention.first), "") or (
                _host_country(doc, i - 1, own) if binding.category == "refugees" else doc.country_near(i - 1)))):
        # (a place named before the count, else the nearest before its sentence: not "..., while in neighbouring Chad")
        whole = country_of(country, doc.rules)  # (not of where people came from: "The country hosts 362,000 refugees,
        # mostly from Mali")
        if whole is not None:
            return whole  # "have displaced 151,000 people nationwide": the whole country
    if places:  # not "a number of UAE soldiers": a country's name before its forces says whose they are
        places = [p for p in places if not _names_a_force(p, tokens, doc.rules)]
    moved, origins = binding.category in GO_SOMEWHERE, set()
    cared_in = []
    if not moved:  # "32 wounded, who were evacuated to N'Djamena": where they were hurt, not taken
        cared_in = [p for p in places if went_to(p, tokens) and _a_hospitals_town(p, tokens)
                    and not any(t.low in _FLOWN for t in tokens[max(0, p.first - 10):p.first])]  # (not "evacuated by
        # helicopter to a hospital in Amman")
        places = [p for p in places if not went_to(p, tokens)]
    places = [p for p in places if not _where_said(p, tokens)]  # "..., a spokesman said at a press briefing in Jakarta"
    if binding.category in {"killed", "injured"}:  # where the dead came from is not where they died: "3,840 deaths, including
        # 400 foreigners, most of them from Sudan and Egypt", "killed 5 merchants from the Amhara region" (but "An update
        # from Kyiv: five people died in the capital" is where the count is from)
        places = [p for p in places if not (_came_from(p, tokens) and p.first > binding.mention.first)]
    if binding.category in {"refugees", "displaced"} and not binding.rule.startswith(EVACUATION):  # where they are, not
        # where they came from, when the text says both (but an evacuation's place is the one it emptied)
        hosts = [p for p in places if not _came_from(p, tokens) or (own and p.iso3 and p.iso3 not in own)]  # (but
        # "1,200 Afghan refugees were deported from Pakistan": they were refugees there)
        if (hosts or binding.category == "refugees") and len(hosts) < len(places):
            origins = {p.iso3 for p in places if p not in hosts}
            places = hosts  # (refugees are counted where they are: "hosted 362,000 refugees, mostly from Mali" is no
            # figure of Mali's)
    if binding.parent is None and MAY_HOLD_A_PART.search(doc.sentences[i].text) \
            and (part := part_clause(tokens, binding.noun_end)) is not None:
        places = [p for p in places if not part[0] <= p.first < part[1]]  # "40 wounded, 12 of whom were
        # referred to Malakal": the 12 went there, not the 40
    in_dateline = [p for p in places if doc.dateline(p, i)]
    datelined = in_dateline[0] if in_dateline else None
    if datelined is not None:  # "BAMAKO, Mali (Reuters) - ...", "DEIR AL-BALAH, Gaza Strip (AP) - ...": where the
        places = [p for p in places if p not in in_dateline]  # reporter was
    actors = [p for p in places if _possessive_of_actor(p, tokens, doc.rules)]
    if actors:  # "Israel's war on Gaza", "Somalia's health ministry said": whose, not where
        places = [p for p in places if p not in actors]
    voices = [p for p in places if p.first < binding.mention.first and _speaks_for(p, tokens, doc.rules)]
    if voices and any(p.first > binding.mention.first and _in_the_counts_clause(tokens, binding.mention.last, p.first)
                      for p in places):
        places = [p for p in places if p not in voices]  # "Kharkiv's governor said two were killed in Kupiansk":
        # the place the count's clause names, not the one its speaker serves
    names = [p for p in places if a_monitor_after(tokens, p.last, doc.rules)]
    if names and len(names) < len(places):
        places = [p for p in places if p not in names]  # "Sahel Relief Alliance condemns the attack on Dan Kurmi":
        # a place the name of a group begins with is no place of the count's
    found = (_listed_with(binding, places, tokens) or (_entered(binding, places, tokens) if moved else None)
             or _counted_in(binding, places, tokens)
             or _after_the_whole(binding, places, tokens) or place_after(tokens, places, binding.noun_end, to=moved)
             or _the_totals(binding, places, tokens) or _town_in_the_fronted_region(binding, places, tokens)
             or _most_precise(places, tokens, binding.noun_end)
             or (doc.named_before(i, _definite_area(tokens)) if not places and _THE_AREA.search(doc.sentences[i].text) else None)
             or _a_wars_toll(binding, doc, i, story := doc.earlier_place(i, moved) or doc.main_place()) or story
             or (actors[0] if actors else None)
             or (_wider(in_dateline, tokens, doc.rules) if in_dateline else None)
             or (cared_in[0] if cared_in else None))  # (the town of the hospital they were taken to, if the text names
    # nowhere else: most often where they were hurt, or near it)
    if found is not None and any(found is p for p in places):
        found = doc.settled(found, i)  # "stormed a market town in Centre-Nord region, killing 37 ... The attack on
        # Namsiguia": the 37 were killed in Namsiguia
    if binding.category == "refugees" and found is not None and (
            (origins and not places and found.iso3 in origins) or found.iso3 in own):
        return None  # "More than 2,000 refugees from South Sudan arrive every week": not in a place the story named before
        # in the country they fled; nor "The country hosts 362,000 Sudanese refugees" in Sudan
    return in_country(found, doc, i)


_SETTLEMENT_LOOK_AHEAD = 3  # sentences, the first included
_OTHER_ATTACK = re.compile(r"\b(?:later|earlier|previous|prior|since|another|similar|compared|last|worst|deadliest)\b",
                           re.IGNORECASE)
_SETTLEMENTS = frozenset("town village city camp settlement hamlet locality".split())


def _unnamed_settlement_in(p: Place, tokens: list[Token]) -> bool:
    """The place follows "a town in", "a market town in", "a remote village in": where it happened is a town the text
    may name later."""
    at = _before_place(p, tokens)
    if at < 2 or tokens[at].low != "in" or tokens[at - 1].low not in _SETTLEMENTS:
        return False
    j = at - 2
    while j >= 0 and at - 2 - j < 2 and tokens[j].low not in {"a", "an"} and tokens[j].text.islower() and tokens[j].low.isalpha():
        j -= 1  # "market", "remote"
    return j >= 0 and tokens[j].low in {"a", "an"}


def _where_said(p: Place, tokens: list[Token]) -> bool:
    """The place is where a figure was told, not where its event was: "said at a press briefing in Jakarta", "told a news
    conference in Goma", "said in Kinshasa"."""
    k = p.first - 1
    while k >= 0 and tokens[k].low in {"the", "a"}:
        k -= 1
    if k >= 1 and tokens[k].low == "in" and (tokens[k - 1].low in _TOLD or (
            k >= 2 and tokens[k - 1].low in {"reporters", "journalists"} and tokens[k - 2].low in _TOLD)):
        return True  # "the army said in Goma on Tuesday", "told reporters in Juba"
    return k >= 1 and tokens[k].low in {"in", "at"} and any(t.low in _TELLING for t in tokens[max(0, k - 3):k]) \
        and any(t.low in _TOLD for t in tokens[max(0, k - 7):k])


_TELLING = frozenset("briefing briefings conference conferences statement speech interview".split())  # (not "killed at a
# meeting in Beni")
_TOLD = frozenset("said says told tells announced speaking spoke stated".split())  # (not "opened fire on a peace
# conference being held in Shewa Robit": where it happened)


def _after_the_whole(binding: Binding, places: list[Place], tokens: list[Token]) -> Place | None:
    """The place a part's own verb names after the place of the whole it is a part of: "Eleven of the deaths in the
    Bicol Region were recorded in Catanduanes" (Catanduanes); None if there is none."""
    m = binding.mention
    if [t.low for t in tokens[m.last:m.last + 2]] != ["of", "the"] or (whole := place_after(tokens, places, m.last)) is None:
        return None
    after = place_after(tokens, places, whole.last)
    between = [t.low for t in tokens[whole.last:after.first]] if after is not None else []
    return after if any(w in _RECORDED for w in between) or between[-2:] in (["were", "in"], ["was", "in"]) else None
    # (not "Twelve of the injured in Khan Younis were taken to hospitals in Deir al-Balah": where they went)


_RECORDED = COUNTING | frozenset("reported confirmed killed wounded injured hurt shot found buried died".split())


def _entered(binding: Binding, places: list[Place], tokens: list[Token]) -> Place | None:
    """The place that people counted entered or reached, named right after the verb within a few words of their noun:
    "240,000 Sudanese refugees have entered Libya since the war in Sudan began" (Libya, not Sudan)."""
    return next((p for p in places if binding.noun_end <= p.first <= binding.noun_end + 4 and p.first
                 and tokens[_before_place(p, tokens)].low in _ENTERED), None)


_ENTERED = frozenset("entered entering enter reached reaching reach".split())


def _counted_in(binding: Binding, places: list[Place], tokens: list[Token]) -> Place | None:
    """The place whose count a counting verb right after it gives: "Zambezia province recorded 10 deaths and Niassa 6"
    (Zambezia's 10, not the Niassa named after it)."""
    verb = next((j for j in range(binding.mention.first - 1, max(-1, binding.mention.first - 4), -1)
                 if tokens[j].low in COUNTING), None)
    stop = next((j for j in range(binding.noun_end, len(tokens)) if tokens[j].low in {",", ";", "."}), len(tokens))
    if verb is None or any(binding.noun_end <= p.first < stop and tokens[p.first - 1].low in {"in", "at"} for p in places):
        return None  # "Nampula recorded 31 deaths in Mossuril district", "Tete recorded 10 deaths on Monday in Moatize
        # district": the place the count's clause names
    return next((p for p in places if p.first <= 1 and p.last <= verb
                 and all(t.low in {"has", "have", "had"} for t in tokens[p.last:verb])), None)
    # (the sentence's subject: not "Officials in Sindh recorded 96 deaths in Punjab")


def _wider(dateline: list[Place], tokens: list[Token], rules: Rules) -> Place | None:
    """Where a dateline's story is when the text names nowhere else: the wider place written after its city in capitals
    ("DEIR AL-BALAH, Gaza Strip (AP) -": Gaza Strip; "KHARTOUM, Sudan": Sudan), or the city's country ("BAMAKO (Reuters)
    -": Mali; a statement signed "..., Erbil, 22 September 2025": Iraq)."""
    last = dateline[-1]
    if last.first > 0 and tokens[0].text.isupper() and last.entries and last.entries[0]["kind"] not in _TOWNS:
        return last
    return country_of(last.iso3, rules, last)


_TOWNS = frozenset({"city", "town"})


def _a_wars_toll(binding: Binding, doc: Document, i: int, story: Place | None) -> Place | None:
    """A running total of a war or a monsoon, in a sentence that names no place, is the country's, not the town the
    story is about ("The war has killed tens of thousands" after a strike on Bara, Sudan); of an insurgency, conflict
    or crisis, the region's: the region the story is about, or else the last region named by the time the story's body
    names the story's place ("The insurgency has killed more than 6,200 people" after "killed 10 civilians in Muidumbe,
    in Cabo Delgado province"); else the story's place stands. A total the sentence keeps in a town ("killed in the
    city since the war began") stays the town's."""
    text = doc.sentences[i].text
    found = _TOLL_OF_A_WAR.search(text)
    if found is None:
        return None
    before = found.group(2) and found.start() < binding.mention.start - doc.sentences[i].start
    noun_end = doc.tokens(i)[binding.noun_end - 1].end - doc.sentences[i].start
    own = found.group(2) and found.start() >= noun_end and not any(c in ",;:" for c in text[noun_end:found.start()])
    # ("14,000 civilian deaths since Russia's full-scale invasion", "has documented 7,400 people killed by the security
    # forces since the February 2021 coup": the count's own period is the war's)
    if not (binding.cumulative or before or own) or _IN_A_TOWN.search(text):
        return None  # (a count after "Since the war began, ..." is the total's, cumulative or not: "... killed and
        # 111,000 wounded"; but not "60 families had left the camp ..., some of them for the third time since the war
        # began")
    country = (story.iso3 if story is not None and story.entries else "") or doc.country_near(i)
    if (found.group(1) or found.group(2)).lower() not in _NATIONWIDE_EVENTS:
        if story is not None and story.entries and story.entries[0]["kind"] in _REGIONS:
            return None  # the story's place is a region already: "Papua", "Cabo Delgado"
        body = [j for j, s in enumerate(doc.sentences[:_LOOK_BACK]) if s.paragraph > 0] or list(range(min(len(doc.sentences), _LOOK_BACK)))
        named = next((j for j in body if story is not None and any(p.entries == story.entries for p in doc.places(j))), None)
        regions = [p for j in range(named + 1 if named is not None else 0) for p in doc.places(j)
                   if p.entries and p.entries[0]["kind"] in _REGIONS and p.iso3 == country]
        return regions[-1] if regions else None
    if _IN_A_REGION.search(text):
        return None  # "... has killed 200 civilians in the region": the story's region, not the country
    return country_of(country, doc.rules) if country else None


_REGIONS = frozenset({"adm1", "region"})
# a running total of a war, a monsoon, an insurgency: "The war has killed", "the war, which began in 2023, has killed",
# "killed in the war", "since the war began" (not "a group that documents abuses in the conflict")
_TOLL_OF_A_WAR = re.compile(r"\b(?:(?:the|this|its)\s+(?:[\w–-]+\s+){0,2}?(war|conflict|insurgency|monsoon|rebellion|crisis)"
                            r"(?:\s+(?:between|against|with)\s[^,]{1,60}?)?(?:\s*,[^,]{1,80},)?\s+(?:has\s+|have\s+|had\s+)?(?:so\s+far\s+)?(?:killed|displaced|claimed|left|"
                            r"forced|driven|uprooted|injured|wounded)"
                            r"|(?:since|(?:killed|died|wounded|injured|missing|displaced)\s+(?:in|during))\s+(?:the\s+)?"
                            r"(?:[\w–'’-]+\s+){0,2}?(war|conflict|insurgency|monsoon|rebellion|crisis|hostilities|invasion|coup)\b"
                            r"(?!\s+(?:(?:in|on|around|near|at|across)\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                            r"\d{4}\b|(?:last|early|late|mid)\b)|of\b)))", re.IGNORECASE)  # (not "the war in Tigray", "the invasion
# of the Kursk region"; but "since the start of hostilities in October 2023")
_NATIONWIDE_EVENTS = frozenset({"war", "monsoon", "hostilities", "invasion", "coup"})  # a country's toll; an insurgency's is a region's
_IN_A_TOWN = re.compile(r"\b(?:in|across|of)\s+the\s+(?:city|town|village|camp|district|municipality)\b", re.IGNORECASE)
_IN_A_REGION = re.compile(r"\b(?:in|across|of)\s+the\s+(?:region|province|state|area|county)\b", re.IGNORECASE)


# counts of people whose destination may be their place: "fled to Chad", "deployed 150 peacekeepers to Zemio"
GO_SOMEWHERE = frozenset({"displaced", "refugees", "fighters"})


def went_to(p: Place, tokens: list[Token], into: bool = False) -> bool:
    """A place someone went to, or a route's start: "taken to Goma", "advanced toward Butembo", "the bus
    from Islam Qala to Kabul"; with `into`, also "crossed into the DRC" (but a storm "slammed into" where it
    killed). After "to", only where a verb of going stands just before ("flown to N'Djamena"; not "an explosion
    close to Kabul airport", "the highway to Kandahar")."""
    at = _before_place(p, tokens)
    before = tokens[at].low if at >= 0 else ""
    if _a_hospitals_town(p, tokens) and (to := next((j for j in range(at - 1, max(-1, at - 6), -1) if tokens[j].low == "to"),
                                                     None)) is not None:
        at, before = to, "to"  # "taken to Saint-Nicolas hospital in Saint-Marc": where the hospital is
    if before == "to":  # (and a route's end: "from Islam Qala to Kabul")
        return any(t.low in _GOING or t.low == "from" for t in tokens[max(0, at - 4):at])
    return before in _TOWARDS or (into and before == "into") or (
        before == "from" and p.last + 1 < len(tokens) and tokens[p.last].low == "to" and tokens[p.last + 1].text[:1].isupper())


def _a_hospitals_town(p: Place, tokens: list[Token]) -> bool:
    """The place is the town of a hospital named just before it: "taken to Saint-Nicolas hospital in Saint-Marc"."""
    at = _before_place(p, tokens)
    return at >= 1 and tokens[at].low in {"in", "at"} and any(t.low in _HOSPITALS for t in tokens[max(0, at - 4):at])


_TOWARDS = frozenset({"towards", "toward"})
_HOSPITALS = frozenset("hospital hospitals clinic clinics infirmary".split())
_FLOWN = frozenset("evacuated airlifted flown transferred referred".split())
_GOING = frozenset("taken flown evacuated airlifted transferred moved sent brought rushed referred fled fleeing went gone "
                   "headed heading returned deported relocated transported carried driven marched advanced deployed "
                   "crossed escaped bound".split())


def _nationals(tokens: list[Token], first: int, last: int, rules: Rules) -> set[str]:
    """The countries (ISO3) of the nationalities named from token first to last: {"SSD"} for "South Sudanese"."""
    lows, found, k = [t.low for t in tokens[:last]], set(), first
    while k < last:
        match = rules.groups.match_at(lows, k)
        if match is not None and match[1].get("country"):
            found.add(match[1]["country"])
            k += match[0]
        else:
            found.add(nationality(lows[k], rules))
            k += 1
    return found - {""}


def _host_country(doc: Document, i: int, own: set[str]) -> str:
    """The country "The country hosts 362,000 refugees" means, named in sentence i or before it: not one the refugees are
    nationals of ("Sudanese refugees") or came from, and one people crossed into before any other ("Refugees fleeing
    the war in Sudan cross into eastern Chad"); "" if none."""
    for j in range(i, -1, -1):
        tokens = doc.tokens(j)
        named = [p for p in doc.places(j) if p.entries and p.iso3 and p.iso3 not in own and not _came_from(p, tokens)]
        if named:
            return next((p.iso3 for p in named if went_to(p, tokens, into=True)), named[0].iso3)
    return ""


def _came_from(p: Place, tokens: list[Token]) -> bool:
    """The place is where people came from: "from (the) Tirah valley", "fled Sudan"."""
    at = _before_place(p, tokens)
    return at >= 0 and (tokens[at].low == "from" or tokens[at].low in FLED)


def _before_place(p: Place, tokens: list[Token]) -> int:
    """The token before a place and its "the" ("fled (the) Zamzam camp"), or -1 if the place opens the sentence."""
    return p.first - 1 - (p.first >= 2 and tokens[p.first - 1].low == "the")


def in_country(found: Place | None, doc: Document, i: int) -> Place | None:
    """A town named only in the text (sentence i), placed in the country named nearest before it, or after."""
    if found is not None and found.entries and not found.iso3 and (country := doc.country_near(i)):
        return replace(found, entries=(named_town(found.text, {country}),))
    return found


def _listed_with(binding: Binding, places: list[Place], tokens: list[Token]) -> Place | None:
    """The place a count is listed with: "Sindh, with 50 deaths, followed by Balochistan with 31"; "..., Mboki 3,112
    and Obo 1,660"."""
    k = binding.mention.first - 1
    if k < 1:
        return None
    if tokens[k].low != "with":
        return next((p for p in places if p.last == k + 1 and p.first >= 1 and tokens[p.first - 1].low in {",", "and"}), None)
    k -= tokens[k - 1].low == ","
    return next((p for p in places if p.last == k), None)


def _nationwide(binding: Binding, tokens: list[Token], places: Sequence[Place] = ()) -> bool:
    """"...displaced 151,000 people nationwide", "Nationwide, 20,000 lost their homes", "The country hosts 362,000
    refugees": the figure's own clause says it counts the whole country, and names no place of its own."""
    first = next((j + 1 for j in range(binding.mention.first - 1, -1, -1) if tokens[j].low in _CLAUSE_MARKS), 0)
    last = next((j for j in range(binding.noun_end, len(tokens)) if tokens[j].low in _CLAUSE_MARKS), len(tokens))
    lows = [t.low for t in tokens[first:last]]
    if any(w in _NATIONWIDE for w in lows) or any(lows[j:j + 3] in _COUNTRY_WIDE for j in range(len(lows))):
        return True
    where = next((j for j in range(len(lows)) if lows[j:j + 3] == ["a", "country", "where"]), None)
    if where is not None and not _places_between(places, tokens, first + where + 3, last):
        return True  # "... will worsen conditions in a country where 4.5 million people are internally displaced"
    if _places_between(places, tokens, first, last):
        return False  # "killed 30 villagers in Zamfara state in one of the deadliest attacks in the country"
    if any(lows[j:j + 3] == ["in", "the", "country"] and lows[j + 3:j + 4] not in (["'"], ["’"])
           and lows[j - 1:j] != ["elsewhere"] and not _SUPERLATIVES.intersection(lows[max(0, j - 4):j])
           for j in range(len(lows))):
        return True  # "2 million people are displaced in the country" (not "in the country's north", "15 others
        # elsewhere in the country": those 15 are no toll of the whole country)
    opening = next((j for j, t in enumerate(tokens) if t.low == ","), 0)  # "Nationwide, 1.3 million people are ...":
    # a sentence's opening phrase sets the scope of its clauses up to one that names a place ("...; in North Darfur
    # alone, 1.7 million")
    if [t.low for t in tokens[:opening]] in (["nationwide"], ["countrywide"], ["across", "the", "country"]) \
            and not _places_between(places, tokens, opening, last):
        return True
    return [t.low for t in tokens[:2]] == ["the", "country"] and len(tokens) > 3 and (
        tokens[2].low in _THE_COUNTRY_DOES or [t.low for t in tokens[2:4]] == [",", "which"]) \
        and not _places_between(places, tokens, 0, last)
    # ("The country also hosts 362,000 refugees", "The country, which hosts ...": the country is the subject; not "The
    # country representative of UNHCR said", "The country recorded 45 deaths in Sofala province")


def _places_between(places: Sequence[Place], tokens: list[Token], first: int, last: int) -> bool:
    """A place stands between tokens first and last, not in a when- or since-clause ("since the floods began in
    Sylhet")."""
    return any(first <= p.first < last and not any(t.low in _WHEN for t in tokens[first:p.first]) for p in places)


_WHEN = frozenset("since when after before as where".split())
_SUPERLATIVES = frozenset("worst deadliest largest biggest highest heaviest first most".split())  # "the worst flooding in
# the country in three decades": a comparison, not the toll's place


_COUNTRY_WIDE = (["across", "the", "country"], ["throughout", "the", "country"], ["inside", "the", "country"],
                 ["within", "the", "country"])  # "7.4 million people are still displaced inside the country"
_THE_COUNTRY_DOES = frozenset("also now currently still hosts hosted is has had counts counted recorded registered "
                              "reported".split())


_NATIONWIDE = frozenset({"nationwide", "countrywide"})
_NATIONWIDE_TEXT = re.compile(r"nationwide|countrywide|the country|a country where", re.IGNORECASE)  # a quick test
_CLAUSE_MARKS = frozenset({",", ";", "while", "whereas", "but"})


def _in_the_counts_clause(tokens: list[Token], k: int, first: int) -> bool:
    """A place at token `first` is in the clause of a count that ends at token k, which does not refer back to a place
    named before ("killed in the region", "in the city") nor give way to another event's ("while shelling was also
    reported in Mykolaiv", "a day after a similar strike on Dnipro")."""
    lows = [t.low for t in tokens[k:first]]
    return not (_OTHER_EVENTS.intersection(lows) or any(lows[j:j + 2] in (["day", "after"], ["days", "after"], ["week", "after"])
                                                         or (lows[j] == "the" and lows[j + 1:j + 2] and lows[j + 1] in _BACK_TO
                                                             and lows[j + 2:j + 3] not in (["of"], ["'"], ["’"]))  # (not
                                                         # "the village of X", "the region's Polohy district")
                                                         for j in range(len(lows))))


_OTHER_EVENTS = frozenset("; but whereas although meanwhile".split())  # (not "while working in their fields near X")
_BACK_TO = frozenset("region city town province oblast district village area capital".split())  # "in the region"


def _speaks_for(p: Place, tokens: list[Token], rules: Rules) -> bool:
    """The place is whose official or body speaks: "Kharkiv's regional governor", "Gaza's Civil Defence agency"."""
    heads = rules.attribution["heads"]
    return [t.low for t in tokens[p.last:p.last + 2]] == ["'", "s"] \
        and any(t.low in heads for t in tokens[p.last + 2:p.last + 6])


def _possessive_of_actor(p: Place, tokens: list[Token], rules: Rules) -> bool:
    """ "Israel's war", "Somalia's Health Ministry": a place named as whose, not where ("Iran's Sino town"
    is a place in it); and a country that speaks ("Israel said 14 soldiers were killed")."""
    if not p.entries or p.entries[-1]["kind"] != "country":
        return False  # ("Kenscoff's mayor" speaks for the town, and the town is where)
    if _a_party(p, tokens) or a_body_after(tokens, p.last, rules):
        return True  # ("The US Geological Survey put its magnitude at 6.8": a national body's, used only if the text
        # names no other place)
    after = [t.low for t in tokens[p.last:p.last + 2]]
    verb = after[1] if after[:1] in (["has"], ["had"], ["have"]) and after[1:] else after[0] if after else ""
    if verb in rules.attribution["verbs"] and verb not in COUNTING:
        return True  # (but "Niger counted 373,210 IDPs": a count of the country's own)
    if after != ["'", "s"] or p.last + 2 >= len(tokens):
        return False
    region = next((j for j in range(p.last + 2, min(len(tokens), p.last + 5)) if tokens[j].low not in _PART_WORDS), None)
    if region is not None and region > p.last + 2 and tokens[region - 1].low in _PARTS and tokens[region - 1].text.islower() \
            and not tokens[region].text[:1].isupper():
        return False  # "Ecuador's central highlands", "Nigeria's northeast", "Kenya's coast": a part of the country (but
        # "Mozambique's northern Cabo Delgado province" names the part)
    event = next((j for j in range(p.last + 2, min(len(tokens), p.last + 5)) if tokens[j].low in _EVENTS), None)
    between = tokens[p.last + 2:event] if event is not None else []
    if event is not None and all(t.text.islower() for t in between) \
            and (tokens[event].low not in _WARS or any(t.low in {"civil", "internal"} for t in between)) \
            and tokens[event + 1:event + 2] and tokens[event + 1].low not in {"on", "in", "against", "with", "into"}:
        return False  # "Pakistan's monsoon floods have killed 412", "Sudan's civil war has displaced 12 million": where
        # (but "Israel's war", "Russia's war", "Ethiopia's conflict spilled into Sudan": whose)
    heads = rules.attribution["heads"]
    return not tokens[p.last + 2].text[:1].isupper() or any(t.low in heads for t in tokens[p.last + 2:p.last + 5])


_PARTS = AREA_WORDS | DIRECTIONS | frozenset("highlands lowlands coast coastline border borderlands interior capital hinterland "
                                                "delta desert mountains plains heartland north south east west".split())
_PART_WORDS = _PARTS | _DIRECTIONS | {"rural", "coastal", "mountainous"}


def _a_party(p: Place, tokens: list[Token]) -> bool:
    """ "the war between Israel and Hezbollah", "clashes between Ethiopia and Eritrea": a side, not where (and where
    no other place is named, the sides stand for it: see place)."""
    for j in range(p.first - 1, max(0, p.first - 7), -1):
        if tokens[j].low == "between":
            return tokens[j - 1].low in _WARS or tokens[j - 1].low in _SIDES
        if not (tokens[j].text[:1].isupper() or tokens[j].low in {"and", "the", "'", "s"}):
            return False
    return False


_ITS_OWN_VERB_THEN = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:killed|wounded|injured|abducted|kidnapped|displaced|missing)\s+"
                                r"(?:in|on|during)\s+(?:the\s+)?$", re.IGNORECASE)  # "14 people killed in [Sunday's attack]"
_ROSE_TO = re.compile(r"\b(?:rose|risen|climbed|jumped|reached|increased|grew|grown)\s+to\s+$", re.IGNORECASE)
_OF_THE_TOLL = re.compile(r"\b(?:toll|tolls|number\s+of\s+(?:[\w-]+\s+){0,2}?(?:killed|dead|deaths|victims)|killed|dead|deaths)\s+"
                          r"(?:from|in|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)  # the toll's own event right
# before its day: "the toll from the floods [that began on ...]", "the number killed in [Tuesday's] bombing"
_WHEN_IT_BEGAN = re.compile(r"(?:that|which)\s", re.IGNORECASE)  # a period told as when its event began ("that began on
# December 27": see dates)


_ONE_DAY_EVENT = re.compile(r"\b(?:air)?strikes?\b|\b(?:attack|raid|assault|blast|bombing|explosion|ambush|massacre|"
                            r"earthquake|quake|landslide|cyclone|storm|capsizing|shipwreck|collapse)s?\b"
                            r"|\b(?:attacked|stormed|raided|ambushed|bombed)\b", re.IGNORECASE)  # or told by its verb
_EVENT_DAY_LOOK_AHEAD = 3  # sentences
_EVENT_NOUN = r"(?:attack|assault|air\s*strike|airstrike|strike|raid|ambush|bombing|blast|explosion|shelling|massacre|shooting)s?"
_AN_ATTACK = re.compile(_EVENT_NOUN)  # one word of it: "the attack on Namsiguia"
_THE_EVENT_ON = re.compile(rf"\b(?:the|that|this)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\s+on\s+$", re.IGNORECASE)  # "the attack on
_DAYS_EVENT = re.compile(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b", re.IGNORECASE)  # Thursday", "Thursday's attack"
_SPAN_EVENT = re.compile(rf"{_ONE_DAY_EVENT.pattern}|\b(?:killed|died|wounded|injured|abducted|kidnapped)\b",
                         re.IGNORECASE)  # what a span after it may be the days of (see Context.update)


_INTRODUCED = re.compile(r"\b(?i:an?|another|further|fresh|new|more|second|third)\s+(?:[\w-]+\s+){0,3}$")


def _event(word: str) -> str:
    """An event word as one name for it: "strikes", "airstrike" and "strike" are one strike, "quake" an earthquake."""
    low = word.lower()
    low = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    return _SAME_EVENT.get(low, low)


_SAME_EVENT = {"airstrike": "strike", "quake": "earthquake", "blast": "explosion", "attacked": "attack",
               "stormed": "attack", "raided": "raid", "ambushed": "ambush", "bombed": "bombing"}


_SIDES = frozenset("clashes hostilities talks ceasefire truce tensions battles battle".split())  # "... between X and Y"
_EVENTS = frozenset("war wars conflict crisis floods flooding earthquake earthquakes quake monsoon drought famine fighting "
                    "violence insurgency epidemic outbreak cyclone storm".split())  # what happens in a country
_WARS = frozenset("war wars conflict fighting violence".split())  # a country may wage them elsewhere: only a civil one
_DISASTERS = frozenset("floods flooding earthquake earthquakes quake monsoon cyclone storm".split())  # a story's event
# whose start a lead's "since" gives (not a war's, nor a ceasefire's)
_ONSET = re.compile(rf"\b(?:{'|'.join(sorted(_DISASTERS))})\s+(?:[\w-]+\s+){{0,7}}?(?:have\s+|has\s+|had\s+)?"
                    r"(?:hit|struck|swept|battered|began|inundated|submerged|ravaged|lashed|pounded|slammed|devastated|"
                    r"made\s+landfall)\b",
                    re.IGNORECASE)  # a disaster's onset, told by its verb
_EVENT_WORD = re.compile(rf"\b(?:{'|'.join(sorted(_EVENTS | _SIDES))})\b", re.IGNORECASE)
_OTHER_CLAUSE = re.compile(rf"{_CLAUSE_BREAK.pattern}|,\s+which\b", re.IGNORECASE)  # what ends an event's clause


def _in_its_clause(event: str, text: str, at: int) -> bool:
    """The event word stands in the text in the clause of the period at `at`: "the coup of 1 February 2021", "Renewed
    fighting has displaced 11,000 since Wednesday" (not "Since January, 300,000 have been displaced by drought, and the
    war has ...")."""
    return any(not _OTHER_CLAUSE.search(text[min(m.end(), at):max(m.start(), at)])
               for m in re.finditer(rf"\b{re.escape(event)}\b", text, re.I))


def _names_a_force(p: Place, tokens: list[Token], rules: Rules) -> bool:
    if p.last >= len(tokens) or p.entries[0]["kind"] != "country":
        return False
    if _wages(p, tokens):
        return True
    found = rules.groups.match_at([t.low for t in tokens[p.last:p.last + 4]], 0)
    return found is not None and bool(found[1]["force"])


def _wages(p: Place, tokens: list[Token]) -> bool:
    """A country named as the one waging a campaign: "The US campaign ... has killed more than 250 people" (whose, not
    where)."""
    return p.last < len(tokens) and p.entries[0]["kind"] == "country" and tokens[p.last].low in _CAMPAIGNS \
        and (p.first == 0 or tokens[p.first - 1].low in {"the", "a", "an"})


_CAMPAIGNS = frozenset("campaign offensive bombardment bombing strikes airstrikes operation operations blockade invasion".split())


_POSSESSIVE = re.compile(r"['’]s\b")


def _the_totals(binding: Binding, places: list[Place], tokens: list[Token]) -> Place | None:
    """The place a total names before its count: "..., bringing the number of people newly displaced in Sagaing since 1
    September to more than 92,000" (Sagaing, not the townships an earlier clause named); None if there is none."""
    first = binding.mention.first
    if first < 2 or tokens[first - 1].low != "to":
        return None
    total = next((j for j in range(first - 2, max(-1, first - 20), -1)
                  if tokens[j].low in _TOTALS and (tokens[j].low != "number" or tokens[j + 1].low == "of")), None)
    return next((p for p in places if total is not None and total < p.first and p.last < first), None)


_TOTALS = frozenset("number toll tally total".split())


def _town_in_the_fronted_region(binding: Binding, places: list[Place], tokens: list[Token]) -> Place | None:
    """A town named before the count in a sentence that opens on its region: "In Batangas province, south of the
    capital, landslides buried houses in Talisay town, killing at least 20 people" (Talisay); None if there is none."""
    if not places or tokens[0].low != "in" or places[0].first != 1 + (tokens[1].low == "the") \
            or not _a_region(places[0], tokens):
        return None
    return next((p for p in places[1:] if p.entries and p.entries[0]["kind"] in _TOWNS and not _a_region(p, tokens)
                 and p.last <= binding.mention.first and not went_to(p, tokens)
                 and not (tokens[p.first - 1].low == "of" and tokens[p.first - 2].low in DIRECTIONS)), None)  # (not
    # "south of Manila": a bearing)


def _a_region(p: Place, tokens: list[Token]) -> bool:
    """The place is a region, as the gazetteer or its last word says ("Batangas province")."""
    return bool(p.entries) and (p.entries[0]["kind"] in _REGIONS or tokens[p.last - 1].low in _REGION_WORDS)


_REGION_WORDS = frozenset("province provinces state region district county governorate prefecture department oblast".split())


def _most_precise(places: list[Place], tokens: list[Token], k: int) -> Place | None:
    """The sentence's first place, or when that is a country, the first place inside it that the sentence
    also names ("Yemen: clashes in Taiz kill 12": Taiz), but not after token k where another count's clause
    begins (see next_count)."""
    if not places:
        return None
    first = places[0]
    if first.entries[0]["kind"] != "country" or len(places) == 1 or _POSSESSIVE.search(first.text):
        return first  # ("Chad's Lake province" is a place in Chad already)
    before = next_count(tokens, k)
    return next((p for p in places[1:] if p.iso3 == first.iso3 and p.entries[0]["kind"] != "country"
                 and p.first < before), first)
