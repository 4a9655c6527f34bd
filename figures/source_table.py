"""Source table: every distinct source with its kind, the names the texts used, and its counts."""

from __future__ import annotations

import csv
from collections.abc import Iterable
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


def sources_table(named: Iterable[tuple[str, str, int, int, list[str]]], rules: Rules) -> list[dict]:
    """One row per distinct source (the outlet standing in where no source is named), from (name, the
    first figure's source_kind, figures, documents, names as written) per source (see store.named_sources)."""
    rows = [{"source": name, "kind": source_kind(name, kind, rules), "aliases": "; ".join(sorted(set(written))),
             "figures": figures, "documents": documents} for name, kind, figures, documents, written in named]
    return sorted(rows, key=lambda e: e["source"].lower())
