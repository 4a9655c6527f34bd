"""Records: assemble one article's figures from its sentences (a pure function of article and rules)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date

from figures.articles import Article
from figures.bindings import Binding, share_of_a_whole
from figures.breakdowns import link_breakdowns
from figures.classify import classify
from figures.clauses import NEXT_COUNT, Clause
from figures.dates import MONTHS, Period, in_year
from figures.numbers import find_numbers
from figures.phrases import ARRIVALS
from figures.places import MAY_HOLD_A_PART, Place, a_monitor_after, crossed_border, part_clause
from figures.resolve import (
    ONE_EVENT,
    Context,
    Document,
    country_of,
    day_told_after,
    in_country,
    period,
    place,
    source,
    story_toll,
    toll_start,
    usable,
)
from figures.rules import Rules
from figures.sentences import Sentence, a_row, labelled_count, opens_a_list, sentences, table_row
from figures.sites import MAY_NAME_A_SITE, MAY_NAME_A_SITE_NOUN, Site, at_sites, precision, site_of, struck_at
from figures.source_table import source_kind
from figures.sources import Attribution, normalise, own_voice, publisher
from figures.tables import EMPTY_CELLS, Column, cell_text, columns, header_row, row_bindings, row_place, source_column
from figures.tokens import LIST_MARKS

COLUMNS = (
    "figure_id", "doc_id", "outlet", "published", "source", "source_kind", "source_as_written", "via",
    "category", "group",
    "value", "low", "high", "qualifier", "unit", "location", "country", "date_start", "date_end",
    "parent_id", "quote", "char_start", "char_end", "rule", "mentions",
)


@dataclass(frozen=True)
class Figure:
    """One row of figures.csv."""

    figure_id: str
    doc_id: str
    outlet: str
    published: date | None
    source: str
    source_kind: str
    source_as_written: str
    via: str
    category: str
    group: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    unit: str
    location: str
    country: str
    date_start: date | None
    date_end: date | None
    parent_id: str
    quote: str
    char_start: int
    char_end: int
    rule: str
    mentions: int = 1

    def row(self) -> dict:
        """The figure as a dict of its fields; shallow, as every value is immutable (asdict would deep-copy)."""
        return {name: getattr(self, name) for name in _FIELD_NAMES}


_FIELD_NAMES = tuple(f.name for f in fields(Figure))


_BASELINE = re.compile(r"\b(?:from|than|with|against)\s+(?:some\s+|about\s+|around\s+)?$", re.IGNORECASE)


def _follows_a_number(period, mentions, own, text: str) -> bool:
    """ "up from 362,000 in March": a period right after a number that the text compares with dates that
    number, not the others (but "killed seven and injured 23 overnight" dates both)."""
    return any(m is not own and 0 <= period.char_start - m.end <= 4
               and _BASELINE.search(text[max(0, m.start - 20):m.start]) for m in mentions)


def _own_clause(part: Binding, doc: Document, i: int, periods, ctx: Context, where, shared: Place | None) -> tuple:
    """(place, (start, end)) that a part's own clause tells, each None where it tells none and the part is
    where or when its whole is: "including 9 people shot on Sunday", "6,500 who crossed into Ethiopia"; `shared`, the
    place the part is a share of, if any (see _share_place)."""
    tokens = doc.tokens(i)
    stop = next((j for j in range(part.noun_end, len(tokens)) if tokens[j].low in {",", ";", "."}), len(tokens))
    limit = tokens[stop].start if stop < len(tokens) else tokens[-1].end + 1
    days = [p for p in periods if part.mention.end <= p.char_start < limit]
    here = where or in_country(next((p for p in doc.places(i) if part.noun_end <= p.first < stop), None), doc, i)
    if here is None and shared is not None:
        here = in_country(shared, doc, i)  # "In Koshin neighbourhood alone, enumerators counted 2,100 households",
        # "Nampula accounted for 31 of the deaths"
    sentence = doc.sentences[i]
    return here, period(part, days, ctx, here.iso3 if here else "", sentence.paragraph, sentence) if days else None


def _in_part_clause(period, part: tuple[int, int], tokens) -> bool:
    """The period is told in the clause of a part of the count (see places.part_clause), not of the whole:
    "killed 30, including 9 people shot on Sunday", "600,000 refugees, most of whom fled in June 2023"."""
    return tokens[part[0]].start <= period.char_start < (tokens[part[1]].start if part[1] < len(tokens)
                                                         else period.char_start + 1)


_ACCOUNTING = re.compile(r"\baccount(?:s|ed|ing)?\s+for\b", re.IGNORECASE)  # a quick test for share_of_a_whole
_ARRIVALS = ARRIVALS | {"g-arrivals"}  # a refugee story's "New arrivals" and "Arrivals" columns


def _refugee_story(headline: str) -> bool:
    """The headline tells of refugees, and of no one displaced inside their country: "MAURITANIA: Malian refugee influx"."""
    return bool(_REFUGEES.search(headline)) and not _INSIDE.search(headline)


_REFUGEES = re.compile(r"\brefugees?\b", re.IGNORECASE)
_INSIDE = re.compile(r"\b(?:IDPs?|internally|displaced)\b", re.IGNORECASE)
_RUNNING = re.compile(r"\b(?:cumulative|cumulatively|total|overall|to\s+date|so\s+far)\b", re.IGNORECASE)


def _opens_a_list(tokens, rules: Rules) -> tuple[str, str] | None:
    """(category, rule) of the word of a figure in a line that ends on a colon that names what a list after it counts:
    the first after "following" ("recorded the following deaths among displaced people in camps:"), else the last
    ("Since the killing of the chief, families have fled to the following sites:")."""
    clause = Clause(tokens, rules)
    words = {**{k: entry for k, (_, entry, _) in clause.triggers.items()},
             **{k: found[1] for k in range(len(tokens)) if k not in clause.triggers
                and (found := clause.group_at(k)) is not None and found[1]["category"]}}  # "refugee arrivals", "IDPs"
    things = rules.things
    counted = sorted((k, entry) for k, entry in words.items()
                   if not _ASIDE.intersection(w.low for w in tokens[max(0, k - 3):k])
                   and not any(t.low in things for t in tokens[max(0, k - 2):k + 1]) and not _thing_after(tokens, k, clause, rules)
                   and not any(tokens[j].low == "for" and tokens[j - 1].low in _AID for j in range(max(1, k - 3), k)))
    # not "cases among displaced people", "tents to families displaced by ...", "Food assistance for refugees", "Schools
    # sheltering displaced people", "Number of refugee camps by province": a word of a figure that only says whose or
    # what the count is
    following = next((k for k, t in enumerate(tokens) if t.low == "following"), len(tokens))
    after = [entry for k, entry in counted if k > following]
    entry = after[0] if after else counted[-1][1] if counted else None
    return (entry["category"], entry.id) if entry is not None else None


_NAMES_ITS_LIST = re.compile(r"\b(?:breakdown|list|tally|number|figures)\s+of\s+(?:[\w-]+\s+){0,2}[\w-]+\s*:\s*$", re.IGNORECASE)
_BREAKDOWN = re.compile(r"^\s*by\s+(?:district|region|province|state|county|municipality|department|governorate|location|area|"
                        r"site|camp|locality|sector|commune|township|territory|woreda|lga|prefecture|town|village|place|"
                        r"destination|origin|country|nationality|age|sex|gender)\b|\bbreak\s*down\b|\bbreakdown\b|\bbroken\s+down\b|"
                        r"\bfigures\s+(?:were|are)\b", re.IGNORECASE)  # a line that breaks down a count told before it, by
# where ("By district of arrival:", "By municipality, the figures were:"; not "By the numbers:", "the following needs:")
_ASIDE = frozenset("among to with".split())
_AID = frozenset("assistance aid funding support food shelter supplies services help relief".split())  # "Food
# assistance for refugees" (but "Figures for deaths by district" count the deaths)


def _thing_after(tokens, k: int, clause: Clause, rules: Rules) -> bool:
    """Things follow the word of a figure at token k: "refugee camps", "displacement sites"."""
    found = clause.group_at(k) if k not in clause.triggers else None
    end = k + (found[0] if found else clause.triggers[k][0] - k if k in clause.triggers else 1)
    return end < len(tokens) and tokens[end].low in rules.things  # (not "the number of people killed", "figures for people displaced")


def figure_id(doc_id: str, start: int, end: int, category: str) -> str:
    """Stable across rebuilds: derived from where the number stands and what it counts."""
    digest = hashlib.sha1(f"{doc_id}|{start}|{end}|{category}".encode()).hexdigest()
    return f"F{digest[:12]}"


def extract_article(article: Article, rules: Rules) -> list[Figure]:
    """Every figure in an article, in text order."""
    if not article.text:
        return []
    doc = Document(sentences(article.text, rules), article.published, rules)
    as_of, span = _title_dates(doc)
    ctx = Context(article.published, as_of, report_span=span, publisher=publisher(article.outlet, rules, article.text))
    out: list[Figure] = []
    last: tuple[int, Binding] | None = None  # (paragraph, binding): the last count, for "Another 30 were wounded"
    last_whole: tuple[int, Binding] | None = None  # the last count that is no part: "Among the victims were four women"
    told: dict[str, int] = {}  # the paragraph of each figure made so far
    sites: list[Site] = []  # where a sentence says an event happened
    struck: set[str] = set()  # what counts were told of ("shelled a vegetable market"), which a later sentence may place
    lead_in: tuple[int, tuple[str, str]] | None = None  # (paragraph, (category, rule)) of a line that opens a list
    lead_unit: tuple[str, str] | None = None  # (group, unit) of the count of such a line, when not people
    lead_total = False  # such a line says its list counts running totals ("Cumulative displacement by department:")
    lead_whole: Figure | None = None  # the count such a line breaks down ("By district of arrival:"), if one before it
    told_last: list[Binding] = []  # the whole counts of the last sentence that had any
    lead_said: tuple[int, Attribution] | None = None  # (paragraph, source) the line that opened the current list names
    table: tuple[int, list[Column | None]] | None = None  # (paragraph, columns) of a table's header row
    table_source: tuple[Attribution | None, int | None] = (None, None)  # its caption's citation, and its source column
    runs: dict[str, int] = {}  # each figure's run: its sentence, or the first row of its list or table
    run, in_rows = 0, False
    undated: set[str] = set()  # figures whose sentence gave them no period of their own
    tolls: dict[str, bool] = {}  # figures that may be tolls of the story's event: whether each is a running toll
    for i, sentence in enumerate(doc.sentences):
        bindings = []
        listed = lead_in[1] if lead_in is not None and sentence.paragraph == lead_in[0] else None
        row = table_row(sentence.text)
        is_row = row or labelled_count(sentence.text)  # (a_row, with the table test made once)
        run, in_rows = (run if in_rows and is_row else i), is_row
        cells = Clause(doc.tokens(i), rules) if row else None  # (a table's line, read once)
        if cells is not None and header_row(sentence.text):
            table = (sentence.paragraph, columns(cells))
            table_source = _caption_source(doc, i), source_column(cells)
        header = table[1] if table is not None and row and table[0] == sentence.paragraph else None
        row_source = None
        if cells is not None and header is not None:  # a table's row: its counts by column
            mentions = find_numbers(doc.tokens(i), rules)
            bindings = row_bindings(cells, mentions, header, listed)
            row_source = _row_source(cells, sentence, table_source, rules)
        elif doc.may_hold_figures(i) or listed is not None:
            mentions = find_numbers(doc.tokens(i), rules)
            earlier = last_whole[1] if last_whole is not None and last_whole[0] >= sentence.paragraph - 1 else None
            previous = last[1] if last is not None and last[0] == sentence.paragraph else None
            bindings = classify(doc.tokens(i), mentions, rules, previous, earlier, doc.armed, listed) if mentions else []
        if listed is not None and lead_unit is not None and labelled_count(sentence.text):
            bindings = [replace(b, group=lead_unit[0], unit=lead_unit[1]) if b.noun_end == b.mention.last
                        and b.unit == "people" else b for b in bindings]  # "- Sake: 600" of "1,480 households ...:"
        if listed is not None and lead_total and (labelled_count(sentence.text) or row):
            bindings = [replace(b, cumulative=True) for b in bindings]  # "Cumulative displacement by department: -
            # Ouest: 450,000": running totals, which no report's week dates
        if listed is not None and (labelled_count(sentence.text) or row):
            lead_in = (sentence.paragraph, listed)  # the list goes on
        elif not row and bindings and sentence.text.rstrip().endswith(":") and opens_a_list(sentence.text) \
                and all(m.first <= bindings[-1].mention.first or m.kind in {"article", "definite"} or (
                    doc.tokens(i)[m.last:m.last + 1] and doc.tokens(i)[m.last].low in rules.things) for m in mentions):
            named = _opens_a_list(doc.tokens(i), rules) if _NAMES_ITS_LIST.search(sentence.text) else None
            lead_in = (sentence.paragraph, named or (bindings[-1].category, bindings[-1].rule))  # a line with a count of its own
            # opens a list of that count when it ends on a colon right after it: "1,480 households were displaced,
            # broken down as follows:", "... across 14 villages, as follows:" (not "killed 285 people and affected 1.2
            # million in the following states:"); unless it names what its list counts: "At least 156 people have been
            # injured, ... which gave the following district-wise breakdown of deaths:"
            lead_unit = (bindings[-1].group, bindings[-1].unit) if bindings[-1].unit != "people" and named is None else None
            lead_total, lead_whole = bool(_RUNNING.search(sentence.text)), None
        elif not row and opens_a_list(sentence.text) and not bindings and (opened := _opens_a_list(doc.tokens(i), rules)):
            lead_in, lead_unit, lead_total = (sentence.paragraph, opened), None, bool(_RUNNING.search(sentence.text))
            lead_whole = _broken_down(out, [b for b in told_last if b.category == opened[0]]) \
                if _BREAKDOWN.search(sentence.text) and last is not None and last[0] >= sentence.paragraph - 1 else None
            # "Floods have killed at least 156 people ..., the authority said. District-wise breakdown of deaths:"
        elif not row and not bindings and sentence.text.rstrip().endswith(":") and _BREAKDOWN.search(sentence.text) \
                and last is not None and last[0] >= sentence.paragraph - 1 and told_last:
            broken = max(told_last, key=lambda b: b.mention.value or b.mention.low or b.mention.high or 0)
            lead_in = (sentence.paragraph, (broken.category, broken.rule))  # "IOM recorded 14,312 new arrivals between
            # 22 and 28 September. By district of arrival:", "The ministry gave the following breakdown:": a breakdown of
            # the count before, the largest of its sentence ("displaced 120,000 and killed 45. By district:")
            lead_unit = (broken.group, broken.unit) if broken.unit != "people" else None
            lead_total, lead_whole = False, _broken_down(out, [broken])
        else:
            lead_in, lead_whole = None, None
        if sentence.text.rstrip().endswith(":") and opens_a_list(sentence.text) and not bindings:
            lead_said = next(((sentence.paragraph, a) for a in doc.attributions(i) if a.name and not a.anaphora), None)
            # who the line that opens a list says gives it: "Community leaders gave the following breakdown of the attack:"
        elif lead_said is not None and not (lead_said[0] == sentence.paragraph and (labelled_count(sentence.text) or row)):
            lead_said = None
        last = (sentence.paragraph, bindings[-1]) if bindings else last
        told_last = [b for b in bindings if b.parent is None] if bindings else told_last  # the last sentence's wholes
        wholes = [b for b in bindings if b.parent is None and not b.part]
        last_whole = (sentence.paragraph, wholes[-1]) if wholes else last_whole
        periods = [p for p in doc.periods(i) if not (article.published and p.start and p.start.year > article.published.year)
                   and not (i == 0 and ctx.as_of is not None and p.end == ctx.as_of)]  # (a report's date is no event's)
        # (not "wants to double in size by 2030": a later year is a plan; a later day may be a wrong publication date)
        attributions = own_voice(doc.attributions(i), ctx.publisher) if bindings or doc.filters.attribution.found_in(
            sentence.text) else []
        made: dict[int, Figure] = {}
        dated: dict[int, bool] = {}  # whether each count's period came from its sentence (or its whole)
        parts = bindings and MAY_HOLD_A_PART.search(sentence.text) is not None
        accounting = bindings and _ACCOUNTING.search(sentence.text) is not None
        for k in sorted(range(len(bindings)), key=lambda k: (bindings[k].parent is not None, bindings[k].compared is not None)):
            # wholes first, and a count compared with another after it
            part = part_clause(doc.tokens(i), bindings[k].noun_end) if parts and bindings[k].parent is None else None
            own = [p for p in periods if not _follows_a_number(p, mentions, bindings[k].mention, article.text)
                   and not (part and _in_part_clause(p, part, doc.tokens(i)))]
            shared = _share_place(bindings[k], doc, i) if bindings[k].part or bindings[k].parent is not None \
                or accounting else None  # ("with Buner district accounting for 208 of the deaths")
            whole = _earlier_whole(bindings[k], out, told, sentence.paragraph, article.text,
                                   shared.text if shared is not None else "", rules) if bindings[k].part else None
            where = (row_place(doc.places(i), bindings[k].mention, doc.tokens(i), rules)
                     or country_of(doc.country_near(i), rules)) if header is not None else None
            # (a row that names no place, "| Total |", is the whole country's, not the last row's)
            made[k] = _figure(article, doc, i, bindings[k], made, own, attributions, ctx, whole, where, shared)
            if row_source is not None and made[k].source_kind == "outlet":
                made[k] = replace(made[k], source=row_source[0], source_as_written=row_source[1], source_kind="attributed")
            dated[k] = bool(own) or whole is not None  # (its period is the sentence's, or its whole's)
            sibling = next((made[j] for j in sorted(made, reverse=True) if j < k and dated[j] and _siblings(made[j], made[k])),
                           None) if header is None and bindings[k].parent is None else None
            running = sibling is not None and _BRINGING.search(article.text, sibling.char_end, made[k].char_start)
            if sibling is not None and all(
                    p.char_end <= sibling.char_start or (p.char_start < made[k].char_start and p.end == sibling.date_end
                                                         and (p.kind == "day" or not running)) for p in own):
                start = None if running else sibling.date_start
                made[k] = replace(made[k], date_start=start, date_end=sibling.date_end)  # "The toll rose to
                # 2,497 on Monday, ..., with 2,476 people injured", "Al Haouz accounts for 1,452 of the deaths, followed by
                # Taroudant with 764": the period the sentence gave the count before it, the sentence naming none after;
                # a running total runs up to its end: "killed four on Monday, bringing the number killed to 340"
                if sibling.figure_id in undated:
                    undated.add(made[k].figure_id)
            elif not own:
                undated.add(made[k].figure_id)
        if lead_said is not None and lead_said[0] == sentence.paragraph and labelled_count(sentence.text):
            said = lead_said[1]
            made = {k: _said_by(f, said.name, said.written, "attributed", said.via) for k, f in made.items()}
        if listed is not None and lead_whole is not None and lead_in is not None and labelled_count(sentence.text):
            made = {k: _from_the_whole(f, lead_whole) for k, f in made.items()}  # "By municipality, the figures were: -
            # Tibú: 1,210 people": the source and period of the count the list breaks down
        out.extend(made[k] for k in sorted(made))
        runs.update((f.figure_id, run) for f in made.values())
        told.update((f.figure_id, sentence.paragraph) for f in made.values())
        if sentence.paragraph > 0 and MAY_NAME_A_SITE.search(sentence.text) and all(
                p.start is not None and p.end is not None and (p.end - p.start).days <= 2 for p in periods) \
                and (site := site_of(doc.tokens(i), doc.places(i), rules, struck)) is not None:  # (not "... in 2021", "Last
            # month, a drone strike hit ...": another event)
            day = next((p.start for p in periods if p.kind == "day" and p.start == p.end), None)
            numbers = frozenset(f.value or f.low or f.high or 0 for f in made.values())
            sites.append(Site(site, day, sentence.start, sentence.end, numbers))
        if (made or sentence.paragraph <= 1) and MAY_NAME_A_SITE_NOUN.search(sentence.text):  # (the headline's and the
            struck.update(struck_at(doc.tokens(i)))  # lead's sites, or those a count was told of)
        day_placed = any(p.kind in {"day", "since"} for p in periods) and doc.places(i)  # (the country of a day's event, or of
        # the one a lead's "since" starts: "floods that have swept through Kenya since Friday")
        ctx.update(sentence, periods, attributions, bool(made), next((p.iso3 for p in doc.places(i) if not a_monitor_after(
            doc.tokens(i), p.last, rules)), "") if day_placed else "")  # (not "Sahel Relief Alliance condemns the attack on ...")
        tolls.update((made[k].figure_id, toll_running) for k in made  # (after the update: the sentence that tells the story's
                     if bindings[k].parent is None and (toll_running := story_toll(bindings[k], sentence, ctx)) is not None)
        # day may give its toll up to a later one: "floods that swept through ... on Friday rose to 314 on Sunday")
    figures = _headline_periods(merge_repeats(out, article.text, rules), told, doc)  # (after merging: a repeat keeps the lead's)
    figures = _spelled_out(_story_tolls(figures, tolls, ctx))
    return at_sites(link_breakdowns(figures, runs, undated, article.text, rules), sites, rules)


_DEFINED = re.compile(r"(?P<full>[A-Z][\w'’ -]+?)\s*\((?P<short>[A-Za-z]{2,8})\)")  # "Ministry of Health (MoH)"


def _spelled_out(figures: list[Figure]) -> list[Figure]:
    """Sources named in full with a short form in brackets, "the Ministry of Health (MoH)", and later by the short form
    alone, "according to MoH": the later ones as the first, with both names (a short form of sources.csv is normalised
    before)."""
    full = {m["short"]: f.source for f in figures if (m := _DEFINED.fullmatch(f.source)) and _abbreviates(m["short"], m["full"])}
    return [replace(f, source=full[f.source]) if f.source in full else f for f in figures] if full else figures


def _abbreviates(short: str, name: str) -> bool:
    """The short form's letters start words of the name, in order, or are letters of a word in capitals: "MoH" of
    "Ministry of Health", "JNIM" of "Jama'at Nusrat al-Islam wal-Muslimin", "UNMISS" of "UN Mission in South Sudan"."""
    initials = iter(c.lower() for w in re.split(r"[\s-]+", name) if w for c in (w if w.isupper() else w[0]))  # ("UN": two)
    return short[0].isupper() and all(any(c == i for i in initials) for c in short.lower())


_TOLL_GROWTH = 50  # how many times its first count a story's toll may grow (a quake's first 144 dead became 3,085)


def _broken_down(out: list[Figure], counts: list[Binding]) -> Figure | None:
    """The figure made of the last of `counts` (a sentence's counts) that is a whole: what a list after it breaks down."""
    starts = {b.mention.start for b in counts if b.parent is None}
    return next((f for f in reversed(out) if f.char_start in starts), None)


def _said_by(f: Figure, name: str, written: str, kind: str, via: str) -> Figure:
    """The figure with that source, where its text named none (its source is the outlet)."""
    return replace(f, source=name, source_as_written=written, source_kind=kind, via=via) if f.source_kind == "outlet" else f


def _from_the_whole(f: Figure, whole: Figure) -> Figure:
    """A list item's figure with the source and period of the count its list breaks down, where it has none of its own."""
    if whole.source_kind != "outlet":
        f = _said_by(f, whole.source, whole.source_as_written, whole.source_kind, whole.via)
    if f.date_start is None and f.date_end == f.published:
        f = replace(f, date_start=whole.date_start, date_end=whole.date_end)
    return f


def _story_tolls(figures: list[Figure], tolls: dict[str, bool], ctx: Context) -> list[Figure]:
    """A toll of the story's event told up to a later day begins on the event's day (see resolve.story_toll); after
    merging, so that a repeat with no period of its own still merges with the lead's count of the event's day. Parts
    take their whole's period."""
    told = [f.value or f.low or f.high or 0 for f in figures if f.figure_id not in tolls
            and f.date_start is not None and f.date_start == f.date_end == ctx.story_day]
    largest = _TOLL_GROWTH * max(told) if told else None  # "airstrike ... on Friday killed at least 25", then "The death
    # toll in Gaza has risen to 50,810": a war's toll, not the strike's
    out, began = [], {}
    for f in figures:
        start = toll_start(f.date_start, f.date_end, f.country, tolls[f.figure_id], ctx) \
            if f.figure_id in tolls and (largest is None or (f.value or f.low or f.high or 0) <= largest) else None
        if start is not None:
            f = began[f.figure_id] = replace(f, date_start=start)
        elif f.parent_id in began and (f.date_start, f.date_end) == (None, began[f.parent_id].date_end):
            f = replace(f, date_start=began[f.parent_id].date_start)
        out.append(f)
    return out


def _headline_periods(figures: list[Figure], told: dict[str, int], doc: Document) -> list[Figure]:
    """A headline's figure with no period of its own takes the period of the same count in the lead, the story's first
    paragraph with figures: "Insurgents kill at least 23 in Borno" is the lead's "killed at least 23 people ... on
    Sunday", and a headline's "kills dozens" the lead's "killing at least 38". The lead's first such count only, and
    only if it has a start (a later paragraph is often background: "In January, an attack on the city killed 30")."""
    if sum(s.paragraph == 0 for s in doc.sentences) != 1 or not any(s.paragraph > 0 for s in doc.sentences):
        return figures  # no headline of one line above the story
    lead = min((told[f.figure_id] for f in figures if told[f.figure_id] > 0), default=None)
    body = [f for f in figures if told[f.figure_id] == lead and not f.parent_id]
    out = []
    for f in figures:
        twin = next((b for b in body if _restates(f, b)), None) if told[f.figure_id] == 0 and f.date_start is None \
            and f.mentions == 1 else None  # (a headline merged with its lead's count has no other twin)
        if twin is not None and twin.date_start is not None:
            f = replace(f, date_start=twin.date_start, date_end=twin.date_end)
        out.append(f)
    return out


def _caption_source(doc: Document, header: int) -> Attribution | None:
    """Who the caption over a table (a line or two above its header row) cites: "Table 2: Arrivals by destination (IOM
    DTM, as of 15 April)"."""
    for j in range(header - 1, max(-1, header - 3), -1):
        text = doc.sentences[j].text
        if table_row(text):
            return None
        if text.rstrip().endswith(".") and not _OF_FIGURES.search(text):
            continue  # a sentence of the story, not the table's caption: "Fighting resumed on Monday, a local official
            # told Reuters." (but "The disaster agency gave these figures on Tuesday." introduces the table)
        found = next((a for a in doc.attributions(j) if a.name and not a.anaphora), None)
        if found is not None:
            return found
    return None


def _row_source(cells: Clause, sentence: Sentence, table_source: tuple[Attribution | None, int | None], rules: Rules
                ) -> tuple[str, str] | None:
    """(source, as written) of a table's row's counts: its source cell ("| MoH |"), else what the table's caption
    cites; None if neither names one."""
    caption, column = table_source
    cell = cell_text(cells, column, sentence.text, sentence.start) if column is not None else ""
    if cell and cell not in EMPTY_CELLS:
        return normalise(cell, rules), cell
    return (caption.name, caption.written) if caption is not None else None

_BRINGING = re.compile(r"\bbr(?:ing|ings|inging|ought)\b[^.;]{0,80}\bto\s+(?:(?:at\s+least|more\s+than|about|some|around|over|"
                       r"nearly|almost)\s+)?$", re.IGNORECASE)  # "..., bringing the number killed to"
_OF_FIGURES = re.compile(r"\b(?:figures|data|table|following|below)\b", re.IGNORECASE)
_HARMS = frozenset({"killed", "injured", "missing", "casualties"})


def _siblings(before: Figure, after: Figure) -> bool:
    """Two counts of one sentence that tell one event's toll: of one category, or both of harm to people."""
    return before.category == after.category or (before.category in _HARMS and after.category in _HARMS)


def _restates(headline: Figure, told: Figure) -> bool:
    """The headline's count is the told one: the same number, or a vague amount whose bounds hold it."""
    if headline.category != told.category:
        return False
    if headline.value is None and told.value is not None and headline.low is not None:
        return headline.low <= told.value <= (headline.high or told.value)
    return _number(headline) == _number(told)


def _title_dates(doc: Document) -> tuple[date | None, tuple[date, date] | None]:
    """What a report's title dates: the day its figures are as of ("Flash Update No. 1 (As of 12 May 2025)", "Flash
    Update No. 3 (16 May 2024)"), and the days a periodic report covers ("Emergency Tracking Update #12 (13-19 May
    2024)")."""
    if not doc.sentences or doc.sentences[0].paragraph != 0:
        return None, None
    title = doc.sentences[0]
    periods = [p for p in doc.periods(0) if p.end is not None and (doc.published is None or p.end <= doc.published)]
    as_of = next((p.end for p in periods if (p.kind == "as-of" and _no_clause(_outside(title, p))) or _dated_title(p, title)),
                 None)
    if as_of is None:  # a heading near the top: "KEY FIGURES (as of 30 September 2025)", "Status as of 06:00, 28 October"
        as_of = next((p.end for i, s in enumerate(doc.sentences[1:8], 1) if s.paragraph <= 4 and len(s.text) <= 80
                      for p in doc.periods(i) if p.kind == "as-of" and p.end is not None
                      and (doc.published is None or p.end <= doc.published) and _a_heading(s, p)), None)
    span = next(((p.start, p.end) for p in periods if p.start is not None and (
        _dated_title(p, title, "range") or _dated_title(p, title, "month"))), None)  # (or "Protection Brief - December 2024")
    if span is None:  # "Published 6 January 2025 | Period: 1-31 December 2024", "Reporting period: 1-7 March 2025"
        span = next(((p.start, p.end) for i, s in enumerate(doc.sentences) if s.paragraph <= 2 and _PERIOD_WORD.search(s.text)
                     for p in doc.periods(i) if p.start is not None and p.end is not None and p.kind in {"range", "month"}
                     and (doc.published is None or p.end <= doc.published) and _PERIOD_LABEL.search(s.text[:p.char_start - s.start])),
                    None)  # (not a plan's "Planning period: January-December 2025")
    return as_of, span  # type: ignore[return-value]


_PERIOD_WORD = re.compile(r"period|cover", re.IGNORECASE)  # a quick test for a label below
_PERIOD_LABEL = re.compile(r"(?:^|\|)\s*(?:(?:(?:reporting|report|coverage|monitoring|assessment|review|survey|data|"
                           r"collection)\s+)?period(?:\s+covered)?|covering|coverage)\s*:\s*$", re.IGNORECASE)  # "Reporting period:
# 1-7 March 2025", "Published 6 January 2025 | Period: 1-31 December 2024"


def _a_heading(sentence, p: Period) -> bool:
    """The sentence is a short heading with no number but its period's: "KEY FIGURES (as of 30 September 2025)" (not
    a sentence's "Schools remain closed as of Wednesday.")."""
    rest = _outside(sentence, p)
    return not any(c.isdigit() for c in rest) and len(rest.split()) <= 6 and _no_clause(rest)


def _outside(sentence, p: Period) -> str:
    """The sentence's text without its period's."""
    return sentence.text[:p.char_start - sentence.start] + sentence.text[p.char_end - sentence.start:]


def _no_clause(text: str) -> bool:
    """The text reads as a heading's, not a sentence's: no full stop at its end, no verb such as "remain" or "is"."""
    return not text.rstrip().endswith(".") and not any(w in _CLAUSE_VERBS for w in text.lower().split())


_CLAUSE_VERBS = frozenset("is are was were be been remain remains remained stay stays stayed has have had will "
                          "would".split())  # a sentence's verbs, which a heading lacks


def _dated_title(p: Period, title, kind: str = "day") -> bool:
    """The period is a day (or of another kind) in brackets that ends the title, or a range that ends it after a comma or
    a dash: a report's date, "Flash Update No. 3 (16 May 2024)", "Flash Report: Displacement in Port-au-Prince, 11-20
    November 2024"; or a month that opens a report's title, "April 2025 Monthly Civilian Harm Report"."""
    before = title.text[:p.char_start - title.start].rstrip()
    after = title.text[p.char_end - title.start:].strip()
    return p.kind == kind and ((before.endswith("(") and after == ")") or (
        kind in {"range", "month"} and before[-1:] in {",", "-", "–", ":"} and not after) or (  # (not a headline's ", Sunday")
        kind == "month" and not before and after[:1].isalpha() and after.split()[0].lower().strip(".,") not in MONTHS
        and bool(_REPORT_WORD.search(after))))  # "April 2025 Monthly Civilian Harm Report" (not "December 2024 - January
    # 2025 Situation Report", "January-March 2025 Quarterly Report")


_REPORT_WORD = re.compile(r"\b(?:report|update|bulletin|brief|snapshot|overview|dashboard|sitrep|factsheet)\b", re.IGNORECASE)


_NEW_WORDS = "|".join(r"\b" + r"\s+".join(words) for words in sorted(NEXT_COUNT))  # as classify reads them
_NEW_BEFORE = re.compile(rf"(?:{_NEW_WORDS})\s+$", re.IGNORECASE)
_NEW_AFTER = re.compile(r"^\s+(other|others|more|further|additional|new)\b", re.IGNORECASE)


def _marked_new(f: Figure, text: str, before: Figure | None = None) -> bool | None:
    """ "2 other policemen were killed", "another 2 died", "two more were wounded": not the count told before (True); but
    "at least 41 civilians have been killed and 116 others wounded" (`before`, the figure before it, of another fate in
    the same sentence) only says the 116 are not the dead: None, a count that may repeat a key figure or a headline."""
    if not text:
        return False
    after = _NEW_AFTER.match(text[f.char_end:f.char_end + 16])
    if after and after.group(1).lower() in {"other", "others"} and before is not None and before.category != f.category \
            and before.char_end <= f.char_start and not _SENTENCE_END.search(text, before.char_end, f.char_start):
        return None
    return bool(_NEW_BEFORE.search(text[max(0, f.char_start - 16):f.char_start]) or after)


_SENTENCE_END = re.compile(r"[.!?\n]")


def _long_before(f: Figure) -> bool:
    """The figure's period ended more than two weeks before the article was published."""
    return f.date_end is not None and f.published is not None and (f.published - f.date_end).days > 14


def _same_speaker(a: str, b: str) -> bool:
    """The same source, named once in full and once in short: "governor" and "governor of Norte de Santander"."""
    if a == b:
        return True
    words_a, words_b = ({w.removesuffix("'s").removesuffix("’s") for w in name.lower().split()} for name in (a, b))
    # ("Ombudsman" and "Ombudsman's Office")
    return bool(words_a) and bool(words_b) and (words_a <= words_b or words_b <= words_a)


def _same_claim(a: Figure, b: Figure, kinds: Callable[[Figure], str] | None = None) -> bool:
    """The same figure told again in one article: headline, lead and quote. With `kinds` (a headline's figure `a`), its
    source may be the story's in common words of the same kind: "... kills at least 38, medics say" is the lead's
    "killed at least 38 people, a medical group said" (but "Army says 10 soldiers killed" is not the rebels' 10)."""
    open_period = a.date_start is None or b.date_start is None
    return (a.category == b.category and _number(a) == _number(b) and a.unit == b.unit
            and (a.group == b.group or "people" in {a.group, b.group})
            and (_same_speaker(a.source, b.source) or "outlet" in {a.source_kind, b.source_kind}
                 or (kinds is not None and a.source.islower() and kinds(a) == kinds(b) != "other"))
            and (open_period or (a.date_start, a.date_end) == (b.date_start, b.date_end))
            and not (a.location != b.location and a_row(a.quote) and a_row(b.quote)))  # (two rows of a list or table: two places'
    # counts, "| Doolow | 770 |" and "| Baardheere | 770 |")


def _number(f: Figure) -> tuple:
    """What a figure says the count is: "at least 44" and "44" say 44; ranges and vague amounts their bounds."""
    return (f.value,) if f.value is not None else (f.low, f.high)


def _specificity(f: Figure) -> int:
    return (2 * (f.source_kind == "attributed") + bool(f.location) + (f.date_start is not None)
            + (f.group != "people"))


def merge_repeats(figures: list[Figure], text: str = "", rules: Rules | None = None) -> list[Figure]:
    """Keep one figure per claim repeated within an article: the most specific mention, with the count of
    mentions. Subsets follow their whole; a subset repeated under the same whole is merged too. A count
    the text marks as new ("2 other policemen", "another 2", "two more") is never a repeat."""
    kept: list[Figure] = []
    undated_in_body: list[bool] = []  # whether a kept claim was told without a period below the headline
    headline_end = text.find("\n") if text else -1
    renamed: dict[str, str] = {}

    def kinds(f: Figure) -> str:
        return source_kind(f.source, f.source_kind, rules)  # type: ignore[arg-type]

    for n, f in enumerate(figures):
        if f.parent_id in renamed:
            f = replace(f, parent_id=renamed[f.parent_id])
        in_body = f.char_start > headline_end
        new = _marked_new(f, text, figures[n - 1] if n else None)
        at = None if new else next(
            (i for i, k in enumerate(kept) if renamed.get(k.parent_id, k.parent_id) == f.parent_id
             and _same_claim(k, f, kinds if k.char_start <= headline_end and rules is not None else None)
             and (new is not None or k.char_start <= headline_end or a_row(k.quote) or labelled_count(k.quote)
                  or k.quote.lstrip()[:1] in LIST_MARKS) and not (
                (k.date_start is None) != (f.date_start is None) and _long_before(k if k.date_start else f)
                and (undated_in_body[i] if k.date_start is None else in_body))), None)
        # (a count told undated in the story and again with a period weeks before is another count: "killed at least 12
        # people" and "In October, at least 12 people were killed in a strike on another school"; but the lead's "killed
        # at least 12 villagers" is the next paragraph's "shot dead at least 12 people on Sunday")
        if at is None:
            kept.append(f)
            undated_in_body.append(in_body and f.date_start is None)
            continue
        undated_in_body[at] = undated_in_body[at] or (in_body and f.date_start is None)
        old = kept[at]
        best, other = (f, old) if (_specificity(f), in_body) > (_specificity(old), old.char_start > headline_end) else (old, f)
        # (the story's words win over its headline's: "the Ombudsman's Office said" over "..., Ombudsman says")
        if best.date_start is None and other.date_start is not None:
            best = replace(best, date_start=other.date_start, date_end=other.date_end)  # the headline's attributed
            # "At least 80 killed, governor says" keeps the lead's "since fighting erupted last Thursday"
        kept[at] = replace(best, mentions=old.mentions + f.mentions)
        for loser in (old, f):
            if loser.figure_id != best.figure_id:
                renamed[loser.figure_id] = best.figure_id
    return [replace(k, parent_id=renamed[k.parent_id]) if k.parent_id in renamed else k for k in kept]


def _share_place(part: Binding, doc: Document, i: int) -> Place | None:
    """The place a part is the share of ("In Somalia alone, 96 ...", "Nampula accounted for 31 of the deaths"); None if
    the part is no place's share."""
    tokens = doc.tokens(i)
    if not share_of_a_whole([t.low for t in tokens], part.mention.first,
                            {k for k, t in enumerate(tokens) if t.text[:1].isupper()}):
        return None
    return next((p for p in reversed(doc.places(i)) if p.last <= part.mention.first), None)


def _earlier_whole(part: Binding, out: list[Figure], told: dict[str, int], paragraph: int, text: str,
                   share: str = "", rules: Rules | None = None) -> Figure | None:
    """The whole that a part told in a later sentence belongs to: the last figure of its category, in
    its paragraph or the one before, that is no part itself and is larger ("At least 32 people were
    killed. Six children are among the dead"); of a country's `share` ("In Somalia alone, 96 ..."), not another
    country's ("In Kenya, 120 people have died")."""
    m = part.mention
    small = m.value or m.high or m.low or 0
    past = None  # a whole told of long before, taken only if no other is: not "since the 1960 Agadir disaster, which
    # killed around 12,000 people" for "Al Haouz province accounts for 1,452 of the deaths" of this week's quake
    for f in reversed(out):
        if told[f.figure_id] < paragraph - 1 - (past is not None):  # (such an aside may stand between: one more back)
            return past
        if share and rules is not None and f.location and f.location != share \
                and precision(f.location, rules) == precision(share, rules) == 0:
            continue  # (another country's count is no whole of this one's)
        if f.category == part.category and not f.parent_id and (f.value or f.high or f.low or 0) > small:
            if _long_before(f):
                past = past or f
                continue
            return next((g for g in out if g.quote == f.quote and g.char_start < f.char_start and g.category == f.category
                         and not g.parent_id and ":" in text[g.char_end:f.char_start]), f)
            # (the total its sentence broke down after a colon: "48,300 people have been forced from their homes: 41,050
            # are staying with relatives and 7,250 are in public shelters. In Blumenau alone, 18,900 ..." are of the 48,300)
    return past


def _compared_period(base: Figure, after: list[Period], start: date | None, end: date | None
                     ) -> tuple[date | None, date | None]:
    """The period of a count compared with another: "31 died since May 21, compared with 19 in the same period last
    year" is May 21 to the publication's day of the year before; "up from 142 in 2024" is 2024; "down from 17,000 at
    its peak" has no period of its own."""
    if not after:
        return None, None
    if after[0].kind == "same-period" and len(after) > 1 and after[1].start is not None:
        year = after[1].start.year  # "the same period last year", "the same period of 2024"
        shift = lambda d: d if d is None else in_year(d, year)  # noqa: E731
        return shift(base.date_start), shift(base.date_end)
    if after[0].kind != "same-period" and (after[0].start is not None or after[0].end is not None):
        return after[0].start, after[0].end  # "compared with 1,100 in the whole of 2024": its own, not the nearest
    return start, end


def _figure(article: Article, doc: Document, i: int, binding: Binding, made: dict[int, Figure], periods,
            attributions, ctx: Context, whole: Figure | None = None, where: Place | None = None,
            shared: Place | None = None) -> Figure:
    """The figure of a binding; `where`, the place its table's row names, if it is a table's count; `shared`, the place
    it is a share of."""
    sentence = doc.sentences[i]
    m = binding.mention
    category = binding.category
    abroad = crossed_border(doc.tokens(i), doc.places(i), binding.noun_end) if category in {"displaced", "refugees"} \
        and not binding.stays else None  # (foreigners evacuated home are no refugees)
    if abroad is not None:  # "fled Sudan into South Sudan", "crossed from Sudan into Chad": refugees, placed
        category, where = "refugees", abroad if abroad.entries else None  # where they arrived; "including 6,500
        # who crossed into Ethiopia": those 6,500
    elif category == "displaced" and set(binding.rule.split()) & _ARRIVALS and _refugee_story(doc.headline()):
        category = "refugees"  # "Malian refugee influx - Hodh Chargui ... | Bassikounou town | 21,460 |" under "New
        # arrivals by location": the arrivals of a refugee story (not "Displacement in Tawila: 12,000 new arrivals")
    elif category == "displaced" and binding.parent is not None and made[binding.parent].category == "refugees":
        category = "refugees"  # "including 40,000 children" of refugees
    elif category == "displaced" and binding.compared is not None and binding.compared in made \
            and made[binding.compared].category == "refugees":
        category = "refugees"  # "1,100 Sudanese have reached Italy ..., compared with 240 in the same period last year"
    fid = figure_id(article.doc_id, m.start, m.end, category)
    rule = " ".join(dict.fromkeys(filter(None, [binding.rule, *m.rule.split()])))
    told, clause = None, None
    if whole is not None and usable(attributions, ctx.last_named):  # a part that another source tells stands alone:
        # sources are never merged (but a whole the outlet told unattributed keeps its part, which keeps its source)
        told = source(binding, attributions, sentence, ctx, article.outlet)
        clause = _own_clause(binding, doc, i, periods, ctx, where, shared) if told[0] != whole.source else None
        if clause is not None and (whole.source_kind != "outlet"
                                   or (clause[1] is not None and clause[1] != (whole.date_start, whole.date_end))):
            whole = None  # (but not a part with a period of its own: "The Committee to Protect Journalists said 12
            # journalists were among those killed in Gaza this year")
    if binding.parent is not None or whole is not None:
        parent = made[binding.parent] if binding.parent is not None else whole
        assert parent is not None
        here, days = clause or _own_clause(binding, doc, i, periods, ctx, where, shared)
        location, country = (here.text, here.iso3) if here is not None else (parent.location, parent.country)
        start, end = days or (parent.date_start, parent.date_end)
        name, kind, written, via = (told[0], told[3], told[1], told[2]) if told is not None and binding.parent is None \
            else (parent.source, parent.source_kind, parent.source_as_written, parent.via)
        return Figure(fid, article.doc_id, article.outlet, article.published, name, kind, written, via, category, binding.group, m.value, m.low, m.high, m.qualifier, binding.unit,
                      location, country, start, end, parent.figure_id, sentence.text, m.start, m.end, rule)
    where = where or (in_country(shared, doc, i) if shared is not None else None) or place(binding, doc, i)
    start, end = period(binding, periods, ctx, where.iso3 if where else "", sentence.paragraph, sentence)
    if binding.compared is not None and binding.compared in made:
        start, end = _compared_period(made[binding.compared], [p for p in periods if p.char_start >= m.end], start, end)
    if start is None and not periods and ONE_EVENT.search(sentence.text) and (day := doc.next_day(i)) is not None:
        start = end = day  # the event's day, told in the next sentence
    elif start is None and not periods and (day := day_told_after(category, sentence, doc, i)) is not None \
            and (end is None or day <= end):
        start = end = day  # "Gunmen opened fire on a convoy, killing 42. ... in Thursday's attack": the attack's day
    name, written, via, kind = source(binding, attributions, sentence, ctx, article.outlet)
    return Figure(fid, article.doc_id, article.outlet, article.published, name, kind, written, via,
                  category,
                  binding.group, m.value, m.low, m.high, m.qualifier, binding.unit,
                  where.text if where else "", where.iso3 if where else "", start, end, "",
                  sentence.text, m.start, m.end, rule)
