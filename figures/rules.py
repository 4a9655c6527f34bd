"""Rules: load and check the vocabulary files in figures/rules/ that drive extraction."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from figures.labels import CATEGORIES, QUALIFIERS, UNITS
from figures.tokens import PhraseTable, plain, term_tokens, tokenize

SOURCE_KINDS = (
    "un-agency", "government", "military", "armed-group", "monitor-or-ngo",
    "medical-or-rescue", "media", "local-officials-or-witnesses",
)


# How a trigger binds what it counts, beyond its category (triggers.csv's `binds`; see classify).
BINDS = ("force-size", "forces-only", "people-only", "from-place", "from-abroad", "reaches", "hosts", "arrival", "recruits", "joins", "mobilises",
         "home-lost", "subject-only", "attackers", "armed-only", "movers")


# Short words that PDF text often runs into the next one ("tobe", "peoplehave", "hadevacuated").
GLUE_WORDS = frozenset("to be have has had been were was are is still in at of the and already newly new living "
                       "staying people".split())


class RulesError(ValueError):
    """A rule file is malformed; the message names the file and row."""


@dataclass(frozen=True)
class Entry:
    """One vocabulary row: its id and the fields the extractor reads."""

    id: str
    term: str
    fields: dict = field(default_factory=dict, hash=False, compare=False)

    def __getitem__(self, key: str) -> str:
        return self.fields[key]

    def get(self, key: str, default: str = "") -> str:
        """A field other files' rows may lack ("binds" is read from triggers and group nouns alike)."""
        return self.fields.get(key, default)


@dataclass(frozen=True, eq=False)  # hashed by identity, so helpers can cache per rule set
class Rules:
    triggers: PhraseTable[Entry]
    groups: PhraseTable[Entry]
    things: frozenset[str]
    qualifiers_before: PhraseTable[Entry]
    qualifiers_after: PhraseTable[Entry]
    vague: PhraseTable[Entry]
    number_words: dict[str, str]
    non_figures_before: PhraseTable[Entry]
    non_figures_after: PhraseTable[Entry]
    abbreviations: frozenset[str]
    boilerplate: tuple[Entry, ...]
    sources: dict[str, Entry]
    attribution: dict
    places: PhraseTable[Entry]
    rule_ids: frozenset[str]
    version: str
    vocabulary: frozenset[str] = frozenset()
    vague_first: frozenset[str] = frozenset()
    negators: PhraseTable[Entry] = field(default_factory=PhraseTable)
    causes: PhraseTable[Entry] = field(default_factory=PhraseTable)  # "died in childbirth": not a casualty
    strength: PhraseTable[Entry] = field(default_factory=PhraseTable)  # "has 2,000 fighters": a force's size
    shares: PhraseTable[Entry] = field(default_factory=PhraseTable)  # "half of the": a population, not a figure
    finders: PhraseTable[Entry] = field(default_factory=PhraseTable)  # "rescuers found 40 of the missing": no longer missing
    retractions: PhraseTable[Entry] = field(default_factory=PhraseTable)  # "an earlier version of this story said"
    known_words: frozenset[str] = frozenset()  # every word of every rule term: for repairing glued text
    shelters: dict[str, Entry] = field(default_factory=dict)  # "in camps" by "camps", for "in 60 camps"
    not_places: frozenset[str] = frozenset()  # "in Parliament": a name after "in" that is no town
    folder: str = ""


def _rows(folder: Path, name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    path = folder / name
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise RulesError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = list(reader)
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not row["id"] or not row.get("term", row.get("name")):
            raise RulesError(f"{path}: row {number}: empty id or term")
        if row["id"] in seen:
            raise RulesError(f"{path}: row {number}: duplicate id {row['id']!r} (first on row {seen[row['id']]})")
        seen[row["id"]] = number
        row["_where"] = f"{path.name} row {number}"
    return rows


def _check(row: dict, column: str, allowed: tuple[str, ...], blank_ok: bool = False) -> None:
    value = row[column]
    if (value or not blank_ok) and value not in allowed:
        raise RulesError(f"{row['_where']}: unknown {column} {value!r}; allowed: {', '.join(allowed)}")


def _table(rows: list[dict], case_sensitive: bool = False, key: str = "term") -> PhraseTable[Entry]:
    table: PhraseTable[Entry] = PhraseTable()
    seen: dict[tuple[str, ...], str] = {}
    for row in rows:
        words = term_tokens(row[key])
        if words in seen:
            raise RulesError(f"{row['_where']}: duplicate term {row[key]!r} (also {seen[words]})")
        seen[words] = row["_where"]
        table.add(words, Entry(row["id"], row[key], row))
    return table


def _places(rows: list[dict]) -> PhraseTable[Entry]:
    """Place names match in their written case ("Hama", not "hama") to avoid common words, and without
    their accents (see find_places)."""
    table: PhraseTable[Entry] = PhraseTable()
    for row in rows:
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            words = tuple(plain(t.text.replace("’", "'")) for t in tokenize(name))
            table.add(words, Entry(row["id"], name, row))
            if len(words) > 1 and words[-1] in _AREA_NAMES and (*words[:-1], words[-1].lower()) not in table:
                table.add((*words[:-1], words[-1].lower()), Entry(row["id"], name, row))  # "Plateau state"
            spaced = tuple(w for w in words if w != "-")
            if len(spaced) < len(words) and spaced not in table and not all(w.lower() in _COMPASS for w in spaced):
                table.add(spaced, Entry(row["id"], name, row))  # "Deir al Balah", as often written, for "Deir al-Balah"
    return table


_COMPASS = frozenset({"north", "south", "east", "west", "far", "central"})  # "North-West" spaced is any country's north west
_AREA_NAMES = frozenset({"State", "Province", "Region", "Governorate", "District", "Department", "Prefecture"})


def _sources(rows: list[dict]) -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for row in rows:
        _check(row, "kind", SOURCE_KINDS)
        entry = Entry(row["id"], row["name"], row)
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            key = " ".join(term_tokens(name))
            if key in index and index[key].id != row["id"]:
                raise RulesError(f"{row['_where']}: alias {name!r} already names {index[key].id}")
            index[key] = entry
    return index


def load_rules(folder: Path | None = None) -> Rules:
    """Read and check every rule file; raises RulesError naming the file and row."""
    folder = folder or Path(str(resources.files("figures") / "rules"))
    triggers = _rows(folder, "triggers.csv", ("id", "term", "category", "kind"))
    for row in triggers:
        _check(row, "category", CATEGORIES)
        _check(row, "kind", ("verb", "patient", "noun", "strength"))
        row["binds"] = row.get("binds") or ""
        _check(row, "binds", BINDS, blank_ok=True)
    strength = [r for r in triggers if r["kind"] == "strength"]  # only right before a number (see classify)
    triggers = [r for r in triggers if r["kind"] != "strength"]
    groups = _rows(folder, "groups.csv", ("id", "term", "group", "unit", "category", "force", "singular", "only"))
    for row in groups:
        for category in row["only"].split():
            _check({**row, "only": category}, "only", CATEGORIES)
        _check(row, "unit", UNITS)
        _check(row, "category", CATEGORIES, blank_ok=True)
        _check(row, "force", ("yes",), blank_ok=True)
        _check(row, "singular", ("yes",), blank_ok=True)
    qualifiers = _rows(folder, "qualifiers.csv", ("id", "term", "qualifier", "position"))
    for row in qualifiers:
        _check(row, "qualifier", QUALIFIERS)
        _check(row, "position", ("before", "after"))
    vague = _rows(folder, "vague.csv", ("id", "term", "qualifier", "value", "low", "high"))
    for row in vague:
        _check(row, "qualifier", QUALIFIERS)
        for column in ("value", "low", "high"):
            if row[column] and not row[column].isdigit():
                raise RulesError(f"{row['_where']}: {column} must be a whole number, not {row[column]!r}")
    words = _rows(folder, "number_words.csv", ("id", "term", "kind"))
    for row in words:
        _check(row, "kind", ("unit", "ten", "scale", "suffix"))
    non_figures = _rows(folder, "non_figures.csv", ("id", "term", "position"))
    for row in non_figures:
        _check(row, "position", ("before", "after", "share", "retracts", "found"))
    things = _rows(folder, "things.csv", ("id", "term"))
    negators = _rows(folder, "negators.csv", ("id", "term"))
    causes = _rows(folder, "causes.csv", ("id", "term"))
    abbreviations = _rows(folder, "abbreviations.csv", ("id", "term"))
    boilerplate = _rows(folder, "boilerplate.csv", ("id", "kind", "term"))
    for row in boilerplate:
        _check(row, "kind", ("line", "prefix", "contains", "teaser"))
    sources = _rows(folder, "sources.csv", ("id", "name", "aliases", "kind"))
    places = _rows(folder, "places.csv", ("id", "name", "iso3", "kind", "aliases"))
    countries = tuple(sorted({r["iso3"] for r in places if r["kind"] == "country"}))
    for row in groups:  # nationals ("Syrians") name their country, so that those living abroad are refugees
        row["country"] = row.get("country") or ""
        _check(row, "country", countries, blank_ok=True)
    not_places = _rows(folder, "not_places.csv", ("id", "term"))
    attribution = _attribution(folder / "attribution.toml")
    all_rows = [*triggers, *strength, *groups, *qualifiers, *vague, *non_figures, *boilerplate, *sources, *places, *negators, *causes,
                *not_places]
    return Rules(
        triggers=_table(triggers),
        groups=_table(groups),
        things=frozenset(r["term"].lower() for r in things),
        qualifiers_before=_table([r for r in qualifiers if r["position"] == "before"]),
        qualifiers_after=_table([r for r in qualifiers if r["position"] == "after"]),
        vague=_table(vague),
        number_words={r["term"]: r["kind"] for r in words},
        non_figures_before=_table([r for r in non_figures if r["position"] == "before"]),
        non_figures_after=_table([r for r in non_figures if r["position"] == "after"]),
        shares=_table([r for r in non_figures if r["position"] == "share"]),
        finders=_table([r for r in non_figures if r["position"] == "found"]),
        retractions=_table([r for r in non_figures if r["position"] == "retracts"]),
        abbreviations=frozenset(r["term"].lower() for r in abbreviations),
        boilerplate=tuple(Entry(r["id"], r["term"].lower(), r) for r in boilerplate),
        sources=_sources(sources),
        attribution=attribution,
        places=_places(places),
        rule_ids=frozenset(r["id"] for r in all_rows),
        version=_version(folder),
        folder=str(folder),
        negators=_table(negators),
        causes=_table(causes),
        strength=_table(strength),
        not_places=frozenset(r["term"].lower() for r in not_places),
        shelters={term_tokens(r["term"])[-1]: Entry(r["id"], r["term"], r) for r in triggers
                  if r["term"].startswith(("in ", "into "))},
        known_words=frozenset(w for r in [*triggers, *groups, *words, *vague, *qualifiers, *negators]
                              for w in term_tokens(r["term"]) if w.isalpha()) | GLUE_WORDS,
        vague_first=frozenset(term_tokens(r["term"])[0] for r in vague),
        vocabulary=frozenset(w for r in [*triggers, *groups, *words, *vague] for w in term_tokens(r["term"])
                             if w.isalpha() and len(w) > 3),
    )


def _attribution(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path}: {error}") from None
    for key in ("before", "after", "verbs", "descriptors", "heads", "speakers", "between", "anaphora", "relayed",
                "relay_verbs"):
        if not isinstance(data.get(key), list) or not all(isinstance(x, str) for x in data[key]):
            raise RulesError(f"{path}: {key!r} must be a list of strings")
    for template in data["before"]:
        if not template.endswith("{SOURCE}"):
            raise RulesError(f"{path}: before-template {template!r} must end with {{SOURCE}}")
    for template in data["after"]:
        if not template.startswith("{SOURCE}"):
            raise RulesError(f"{path}: after-template {template!r} must start with {{SOURCE}}")
    typed = data.get("typed_anaphora", {})
    if not isinstance(typed, dict) or not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in typed.values()):
        raise RulesError(f"{path}: 'typed_anaphora' must be a table of lists of strings")
    for key in ("verbs", "heads", "speakers", "between"):  # looked up word by word, on every count
        data[key] = frozenset(data[key])
    return data


def _version(folder: Path) -> str:
    """A digest of every rule file, so cached results know when the rules changed."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.suffix in {".csv", ".toml"}:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return load_rules()
