"""Columns: the one definition of every output table's fields, from which the pandera schemas, the
Frictionless data package, the HXL hashtags and the workbook's about sheet are all generated."""

from __future__ import annotations

from dataclasses import dataclass

from figures.labels import CATEGORIES, DOCUMENT_STATUSES, PUBLISHED_FROM, QUALIFIERS, SOURCE_KINDS, UNITS
from figures.rules import SOURCE_KINDS as SOURCE_TYPES


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, number or date
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    pattern: str = ""
    minimum: int | None = None
    hxl: str = ""


def _f(name, type_, description, **kw) -> Field:
    return Field(name, type_, description, **kw)


FIGURES = (
    _f("figure_id", "string", "Stable id of the figure, derived from doc_id, offsets and category.", required=True,
       unique=True, pattern=r"^F[0-9a-f]{12}$", hxl="#meta+id"),
    _f("doc_id", "string", "The document it came from (the file's stem).", required=True, hxl="#meta+doc"),
    _f("outlet", "string", "The outlet that published the document (from the manifest).", hxl="#org+outlet"),
    _f("published", "date", "The document's publication date.", hxl="#date+published"),
    _f("source", "string", "Who the text says the figure comes from; the outlet when the text names no one.",
       hxl="#meta+source"),
    _f("source_kind", "string", "attributed when the text names the source (in a source's own release, 'our teams' name it), outlet when it does not.",
       required=True, enum=SOURCE_KINDS, hxl="#meta+source+kind"),
    _f("source_as_written", "string", "The source's name as the text has it, before normalising.",
       hxl="#meta+source+text"),
    _f("via", "string", "Who relayed the figure, where the text says ('AP reported, citing officials': AP).",
       hxl="#org+via"),
    _f("category", "string", "What is counted: " + ", ".join(CATEGORIES) + ".", required=True, enum=CATEGORIES,
       hxl="#affected+type"),
    _f("group", "string", "Who is counted: people, civilians, children, women, men, fighters, soldiers, or a more "
       "specific group.", required=True, hxl="#affected+group"),
    _f("value", "integer", "The number as reported (empty for ranges and vague amounts).", minimum=0,
       hxl="#affected+num"),
    _f("low", "integer", "The lowest number the text allows (empty when open).", minimum=0, hxl="#affected+num+min"),
    _f("high", "integer", "The highest number the text allows (empty when open).", minimum=0,
       hxl="#affected+num+max"),
    _f("qualifier", "string", "How sure the text is: " + ", ".join(QUALIFIERS) + ".", required=True,
       enum=QUALIFIERS, hxl="#meta+qualifier"),
    _f("unit", "string", "people or households, as reported; never converted in value, low or high.",
       required=True, enum=UNITS, hxl="#meta+unit"),
    _f("people_estimate", "integer", "For a figure in households: the number of people it means, computed with "
       "pint from household_size. Empty when no size is known.", minimum=0, hxl="#affected+num+ind+estimate"),
    _f("household_size", "number", "The people-per-household factor used for people_estimate.",
       hxl="#indicator+household_size"),
    _f("household_size_source", "string", "Where that household size comes from.", hxl="#meta+household_source"),
    _f("location", "string", "The place the figure is about, as written.", hxl="#loc+name"),
    _f("country", "string", "ISO 3166 alpha-3 code of that place's country, where known.", pattern=r"^[A-Z]{3}$",
       hxl="#country+code"),
    _f("date_start", "date", "First day of the period the figure covers; empty when open.", hxl="#date+start"),
    _f("date_end", "date", "Last day of the period the figure covers; empty when unknown.", hxl="#date+end"),
    _f("parent_id", "string", "For a subset (12 children of 44 civilians), the figure_id of the whole.",
       hxl="#meta+parent"),
    _f("claim_id", "string", "Shared by figures of different documents that report the same claim.",
       required=True, pattern=r"^C[0-9a-f]{12}$", hxl="#meta+claim"),
    _f("quote", "string", "The sentence the figure stands in, verbatim.", required=True, hxl="#description+quote"),
    _f("char_start", "integer", "Offset of the number's first character in the document's text.", required=True,
       minimum=0, hxl="#meta+char_start"),
    _f("char_end", "integer", "Offset just after the number's last character.", required=True, minimum=0,
       hxl="#meta+char_end"),
    _f("rule", "string", "Ids of the rules that produced the figure (category rule, then qualifier rule).",
       required=True, hxl="#meta+rule"),
    _f("mentions", "integer", "How many times the article states this figure (headline, lead, quote); one row is "
       "kept.", required=True, minimum=1, hxl="#meta+mentions"),
)

DOCUMENTS = (
    _f("doc_id", "string", "The document's id: its file's stem. Unique, but that a skipped duplicate file has the id of "
       "the file it repeats.", required=True),
    _f("path", "string", "The file, relative to the folder it was found in.", required=True),
    _f("outlet", "string", "The outlet, from the manifest."),
    _f("published", "date", "Publication date."),
    _f("published_from", "string", "Where the date came from: manifest, dateline (in the text) or none.",
       required=True, enum=PUBLISHED_FROM),
    _f("title", "string", "Title from the manifest, else the first line when it reads like a headline."),
    _f("characters", "integer", "Length of the document's text in characters.", required=True, minimum=0),
    _f("figures", "integer", "How many figures were found in it.", required=True, minimum=0),
    _f("status", "string", "ok, or what went wrong: " + ", ".join(s for s in DOCUMENT_STATUSES if s != "ok") + ".",
       required=True, enum=DOCUMENT_STATUSES),
    _f("message", "string", "What happened, in words."),
)

SOURCE_TABLE_KINDS = (*SOURCE_TYPES, "unattributed-outlet", "other")
SOURCES = (
    _f("source", "string", "The source's normalised name (the outlet for figures no one is named for).",
       required=True, unique=True),
    _f("kind", "string", "What sort of source: " + ", ".join(SOURCE_TABLE_KINDS) + ".", required=True,
       enum=SOURCE_TABLE_KINDS),
    _f("aliases", "string", "The names the texts used for it, separated by '; '."),
    _f("figures", "integer", "How many figures come from it.", required=True, minimum=1),
    _f("documents", "integer", "In how many documents.", required=True, minimum=1),
)

CLAIMS = (
    _f("claim_id", "string", "The claim's id, shared by every figure that reports it.", required=True, unique=True,
       pattern=r"^C[0-9a-f]{12}$"),
    _f("category", "string", "What is counted.", required=True, enum=CATEGORIES),
    _f("group", "string", "Who is counted, as the first report has it.", required=True),
    _f("value", "integer", "The number as first reported.", minimum=0),
    _f("low", "integer", "Lowest bound as first reported.", minimum=0),
    _f("high", "integer", "Highest bound as first reported.", minimum=0),
    _f("source", "string", "The named source of the claim, if any report names one."),
    _f("location", "string", "The place as first reported."),
    _f("date_start", "date", "Start of the period as first reported."),
    _f("date_end", "date", "End of the period as first reported."),
    _f("figures", "string", "The figure_ids that report the claim, in order of publication, separated by spaces.",
       required=True),
    _f("outlets", "string", "The outlets that reported it, separated by '; '."),
    _f("first_published", "date", "Earliest publication date among its reports."),
    _f("last_published", "date", "Latest publication date among its reports."),
    _f("reports", "integer", "How many documents reported it.", required=True, minimum=1),
)

COMPARE = (
    _f("comparison", "string", "Id of the comparison: category, group, country and week.", required=True,
       unique=True),
    _f("category", "string", "What is counted.", required=True, enum=CATEGORIES),
    _f("group", "string", "Who is counted: people (non-combatants), fighters, soldiers or a specific group.",
       required=True),
    _f("country", "string", "ISO3 code of the country.", pattern=r"^[A-Z]{3}$"),
    _f("week", "string", "ISO week of the periods' end (YYYY-Www).", pattern=r"^\d{4}-W\d\d$"),
    _f("sources", "integer", "How many sources give a figure here.", required=True, minimum=1),
    _f("highest", "integer", "The highest number any source gives.", minimum=0),
    _f("lowest", "integer", "The lowest number any source gives.", minimum=0),
    _f("spread", "integer", "highest minus lowest: how far the sources disagree.", minimum=0),
    _f("figures", "string", "The figure_ids compared, separated by spaces: by source, in order of publication.",
       required=True),
)
# compare.csv has one more integer column per source after these: that source's number.
COMPARE_SOURCE = Field("*", "integer", "The number this source gives for the comparison (its largest, when it "
                       "gives several).", minimum=0)

TABLES = {"figures": FIGURES, "documents": DOCUMENTS, "sources": SOURCES, "claims": CLAIMS, "compare": COMPARE}


def names(table: str) -> list[str]:
    return [f.name for f in TABLES[table]]


MANIFEST_EXTRA = Field("*", "string", "A column of the manifest, kept as it was.")


def fields_for(table: str, columns: list[str]) -> list[Field]:
    """The fields of a table as written: compare.csv adds one column per source, documents.csv keeps the
    manifest's extra columns."""
    known = {f.name: f for f in TABLES[table]}
    extra = COMPARE_SOURCE if table == "compare" else MANIFEST_EXTRA
    return [known.get(c) or Field(c, extra.type, extra.description, minimum=extra.minimum) for c in columns]
