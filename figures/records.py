"""Records: assemble one article's figures from its sentences (a pure function of article and rules)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date

from figures.articles import Article
from figures.classify import Binding, classify
from figures.dates import Period, find_periods
from figures.numbers import find_numbers
from figures.places import Place, find_places, place_after
from figures.rules import Rules
from figures.sentences import Sentence, sentences
from figures.sources import Attribution, find_attributions
from figures.tokens import repair, tokenize

COLUMNS = (
    "figure_id", "doc_id", "outlet", "published", "source", "source_kind", "category", "group",
    "value", "low", "high", "qualifier", "unit", "location", "country", "date_start", "date_end",
    "parent_id", "quote", "char_start", "char_end", "rule",
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

    def row(self) -> dict:
        return asdict(self)


@dataclass
class _Context:
    """What earlier sentences told us: the last day named, the last source and place per paragraph."""

    published: date | None
    last_day: date | None = None
    last_point: date | None = None
    sources: dict[int, tuple[str, int]] = field(default_factory=dict)
    last_named: str = ""
    places: dict[int, Place] = field(default_factory=dict)
    main_place: Place | None = None


def figure_id(doc_id: str, start: int, end: int, category: str) -> str:
    """Stable across rebuilds: derived from where the number stands and what it counts."""
    digest = hashlib.sha1(f"{doc_id}|{start}|{end}|{category}".encode()).hexdigest()
    return f"F{digest[:12]}"


def _period(binding: Binding, periods: list[Period], ctx: _Context) -> tuple[date | None, date | None]:
    at = binding.mention.start
    usable = [p for p in periods if p.kind != "same-day" or ctx.last_point is not None]
    if usable:
        nearest = min(usable, key=lambda p: min(abs(p.char_start - at), abs(p.char_end - at)))
        if nearest.kind == "same-day":
            return ctx.last_point, ctx.last_point
        return nearest.start, nearest.end
    if not binding.cumulative and ctx.last_day is not None:
        return ctx.last_day, ctx.last_day
    return None, ctx.published


def _source(binding: Binding, attributions: list[Attribution], sentence: Sentence, ctx: _Context,
            outlet: str) -> tuple[str, str]:
    if attributions:
        first = binding.mention.first
        nearest = min(attributions, key=lambda a: abs(a.at - first))
        return (ctx.last_named or nearest.name) if nearest.anaphora else nearest.name, "attributed"
    carried = ctx.sources.get(sentence.paragraph)
    if carried is not None:
        return carried[0], "attributed"
    return outlet, "outlet"


def _place(binding: Binding, tokens, places: list[Place], sentence: Sentence, ctx: _Context) -> Place | None:
    return (place_after(tokens, places, binding.noun_end) or (places[0] if places else None)
            or ctx.places.get(sentence.paragraph) or ctx.main_place)


def _main_place(article: Article, sents: list[Sentence], rules: Rules) -> Place | None:
    """The article's main place: the first place named after the headline."""
    by_paragraph: dict[int, list[Place]] = {}
    for s in sents:
        found = find_places(tokenize(s.text, s.start), s.text, s.start, rules)
        by_paragraph.setdefault(s.paragraph, []).extend(found)
    body = [p for number, ps in sorted(by_paragraph.items()) if number > 0 for p in ps]
    first = [p for ps in by_paragraph.values() for p in ps]
    return (body or first or [None])[0]


def _event_periods(sentence: Sentence, periods: list[Period], rules: Rules) -> list[Period]:
    """Leave out the date of a statement ("the army said on Monday"): it is not the figure's period."""
    verbs = rules.attribution["verbs"]
    kept = []
    for p in periods:
        before = sentence.text[:p.char_start - sentence.start].split()
        if before and before[-1].lower() == "on":
            before = before[:-1]
        if not (before and before[-1].lower().strip(",") in verbs) and not (
                len(before) >= 2 and before[-2].lower() in verbs and before[-1].lower() == "reporters"):
            kept.append(p)
    return kept


def _update(ctx: _Context, sentence: Sentence, periods: list[Period], attributions, places, had_figures: bool) -> None:
    for p in periods:
        if p.kind == "day" and p.start is not None:
            ctx.last_day = ctx.last_point = p.start
        elif p.kind in {"since", "range"} and p.start is not None:
            ctx.last_point = p.start
    named = [a.name for a in attributions if not a.anaphora]
    if named:
        ctx.last_named = named[-1]
    if attributions:
        last = attributions[-1]
        ctx.sources[sentence.paragraph] = ((ctx.last_named or last.name) if last.anaphora else last.name, 0)
    elif sentence.paragraph in ctx.sources:
        name, age = ctx.sources[sentence.paragraph]
        if age >= 1 or not had_figures:
            del ctx.sources[sentence.paragraph]
        else:
            ctx.sources[sentence.paragraph] = (name, age + 1)
    if places:
        ctx.places[sentence.paragraph] = places[0]


def extract_article(article: Article, rules: Rules) -> list[Figure]:
    """Every figure in an article, in text order."""
    if not article.text:
        return []
    sents = sentences(article.text, rules)
    ctx = _Context(article.published, main_place=_main_place(article, sents, rules))
    out: list[Figure] = []
    for sentence in sents:
        tokens = repair(tokenize(sentence.text, sentence.start), rules.vocabulary)
        mentions = find_numbers(tokens, rules)
        bindings = classify(tokens, mentions, rules) if mentions else []
        periods = _event_periods(sentence, find_periods(sentence.text, article.published, sentence.start), rules)
        attributions = find_attributions(tokens, sentence.text, sentence.start, rules)
        places = find_places(tokens, sentence.text, sentence.start, rules)
        made: list[Figure] = []
        for binding in bindings:
            made.append(_figure(article, sentence, tokens, binding, made, periods, attributions, places, ctx))
        out.extend(made)
        _update(ctx, sentence, periods, attributions, places, bool(made))
    return out


def _figure(article, sentence, tokens, binding: Binding, made: list[Figure], periods, attributions, places,
            ctx: _Context) -> Figure:
    m = binding.mention
    fid = figure_id(article.doc_id, m.start, m.end, binding.category)
    rule = " ".join(dict.fromkeys([binding.rule, m.rule]))
    if binding.parent is not None:
        parent = made[binding.parent]
        return Figure(fid, article.doc_id, article.outlet, article.published, parent.source, parent.source_kind,
                      binding.category, binding.group, m.value, m.low, m.high, m.qualifier, binding.unit,
                      parent.location, parent.country, parent.date_start, parent.date_end, parent.figure_id,
                      sentence.text, m.start, m.end, rule)
    start, end = _period(binding, periods, ctx)
    source, kind = _source(binding, attributions, sentence, ctx, article.outlet)
    place = _place(binding, tokens, places, sentence, ctx)
    return Figure(fid, article.doc_id, article.outlet, article.published, source, kind, binding.category,
                  binding.group, m.value, m.low, m.high, m.qualifier, binding.unit,
                  place.text if place else "", place.iso3 if place else "", start, end, "",
                  sentence.text, m.start, m.end, rule)
