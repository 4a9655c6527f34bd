"""Source table: every distinct source with its kind, the names the texts used, and its counts."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from figures.rules import SOURCE_KINDS, Rules, RulesError
from figures.tokens import term_tokens


@lru_cache(maxsize=1)
def kind_words(path: Path | None = None) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words, kind) from rules/source_kinds.csv, in file order: the first that a name contains wins."""
    path = path or Path(str(resources.files("figures") / "rules" / "source_kinds.csv"))
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for number, row in enumerate(rows, start=2):
        if row["kind"] not in SOURCE_KINDS:
            raise RulesError(f"{path.name} row {number}: unknown kind {row['kind']!r}")
    return tuple((term_tokens(r["term"]), r["kind"]) for r in rows)


def source_kind(name: str, source_kind: str, rules: Rules) -> str:
    """The kind of a source: from sources.csv when it is known there, else from the words of its name."""
    if source_kind == "outlet":
        return "unattributed-outlet"
    entry = rules.sources.get(" ".join(term_tokens(name)))
    if entry is not None:
        return entry["kind"]
    words = term_tokens(name)
    for key, kind in kind_words():
        if any(words[i:i + len(key)] == key for i in range(len(words))):
            return kind
    return "other"


def sources_table(rows: list[dict], rules: Rules) -> list[dict]:
    """One row per distinct source (the outlet standing in where no source is named)."""
    by_source: dict[str, dict] = {}
    for row in rows:
        name = row.get("source") or "(no source named, outlet unknown)"
        entry = by_source.setdefault(name, {"source": name, "kind": source_kind(name, row["source_kind"], rules),
                                            "aliases": set(), "figures": 0, "documents": set()})
        if row.get("source_as_written"):
            entry["aliases"].add(row["source_as_written"])
        entry["figures"] += 1
        entry["documents"].add(row["doc_id"])
    return [{**e, "aliases": "; ".join(sorted(e["aliases"])), "documents": len(e["documents"])}
            for e in sorted(by_source.values(), key=lambda e: e["source"].lower())]
