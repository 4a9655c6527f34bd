"""Records: assemble one article's figures from its sentences (a pure function of article and rules)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date

from figures.articles import Article
from figures.classify import Binding, classify
from figures.numbers import find_numbers
from figures.resolve import Context, Document, period, place, source
from figures.rules import Rules
from figures.sentences import sentences

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


def figure_id(doc_id: str, start: int, end: int, category: str) -> str:
    """Stable across rebuilds: derived from where the number stands and what it counts."""
    digest = hashlib.sha1(f"{doc_id}|{start}|{end}|{category}".encode()).hexdigest()
    return f"F{digest[:12]}"


def extract_article(article: Article, rules: Rules) -> list[Figure]:
    """Every figure in an article, in text order."""
    if not article.text:
        return []
    doc = Document(sentences(article.text, rules), article.published, rules)
    ctx = Context(article.published)
    out: list[Figure] = []
    for i, sentence in enumerate(doc.sentences):
        bindings = []
        if doc.may_hold_figures(i):
            mentions = find_numbers(doc.tokens(i), rules)
            bindings = classify(doc.tokens(i), mentions, rules) if mentions else []
        periods = doc.periods(i)
        attributions = doc.attributions(i) if bindings or doc.filters.attribution.search(sentence.text) else []
        made: list[Figure] = []
        for binding in bindings:
            made.append(_figure(article, doc, i, binding, made, periods, attributions, ctx))
        out.extend(made)
        ctx.update(sentence, periods, attributions, bool(made))
    return out


def _figure(article: Article, doc: Document, i: int, binding: Binding, made: list[Figure], periods,
            attributions, ctx: Context) -> Figure:
    sentence = doc.sentences[i]
    m = binding.mention
    fid = figure_id(article.doc_id, m.start, m.end, binding.category)
    rule = " ".join(dict.fromkeys(filter(None, [binding.rule, *m.rule.split()])))
    if binding.parent is not None:
        parent = made[binding.parent]
        return Figure(fid, article.doc_id, article.outlet, article.published, parent.source, parent.source_kind,
                      binding.category, binding.group, m.value, m.low, m.high, m.qualifier, binding.unit,
                      parent.location, parent.country, parent.date_start, parent.date_end, parent.figure_id,
                      sentence.text, m.start, m.end, rule)
    start, end = period(binding, periods, ctx)
    name, kind = source(binding, attributions, sentence, ctx, article.outlet)
    where = place(binding, doc, i)
    return Figure(fid, article.doc_id, article.outlet, article.published, name, kind, binding.category,
                  binding.group, m.value, m.low, m.high, m.qualifier, binding.unit,
                  where.text if where else "", where.iso3 if where else "", start, end, "",
                  sentence.text, m.start, m.end, rule)
