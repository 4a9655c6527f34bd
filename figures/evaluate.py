"""Evaluate: score a figures table against hand-made gold figures (precision, recall, field accuracy)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from figures.rules import Rules
from figures.sources import normalise

FIELDS = ("qualifier", "group", "source", "location", "dates", "parent")
GROUP_ALIASES = {"militants": "fighters", "combatants": "fighters", "troops": "soldiers"}
STOPWORDS = {"the", "of", "for", "in", "and", "a", "an", "on", "to", "s", "on-site"}
PLACE_WORDS = {"province", "provinces", "city"}


@dataclass
class Score:
    """The outcome: counts, rates, per-field accuracy and every error, for people and for JSON."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    complete: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    pairs: int = 0

    @property
    def precision(self) -> float:
        return self.matched / (self.matched + len(self.spurious)) if self.matched + len(self.spurious) else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        n = self.pairs or 1
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            "field_accuracy": {f: round(v / n, 3) for f, v in self.fields.items()},
            "complete_record_recall": round(self.complete / self.gold, 3) if self.gold else 0.0,
            "missed": self.missed, "spurious": self.spurious, "wrong_fields": self.wrong,
        }


def load_gold(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _blank(value) -> str:
    text = "" if value is None else str(value).strip()
    return "" if text.lower() in {"nan", "none", "null", "<na>"} else text


def _int(value) -> int | None:
    text = _blank(value).replace(",", "")
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _numbers(row: dict) -> set[int]:
    return {n for n in (_int(row.get(k)) for k in ("value", "low", "high")) if n is not None}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}


def _matches(gold: dict, pred: dict) -> bool:
    if _blank(pred.get("doc_id")) != gold["doc_id"]:
        return False
    if _blank(pred.get("category")) not in {gold["category"], *gold.get("alt_categories", [])}:
        return False
    numbers = _numbers(gold)
    return bool(numbers & _numbers(pred)) if numbers else _blank(pred.get("qualifier")) == "vague"


def _overlaps(gold: dict, pred: dict) -> bool:
    quote = _blank(pred.get("quote"))
    return bool(quote) and (gold["quote"] in quote or quote in gold["quote"])


def pair(gold: list[dict], preds: list[dict]) -> list[tuple[dict, dict]]:
    """Gold and predicted figures matched one to one: required gold first, quote overlap preferred."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        candidates = [i for i, p in enumerate(preds) if i not in used and _matches(g, p)]
        if candidates:
            best = min(candidates, key=lambda i: not _overlaps(g, preds[i]))
            used.add(best)
            pairs.append((g, preds[best]))
    return pairs


def _same_source(gold: str | None, pred: dict, rules: Rules) -> bool:
    name, kind = _blank(pred.get("source")), _blank(pred.get("source_kind"))
    if gold is None:
        return kind in {"outlet", ""}
    if kind == "outlet" or not name:
        return False
    a, b = normalise(gold, rules), normalise(name, rules)
    if a == b:
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def check(gold: dict, pred: dict, by_id: dict[str, dict], rules: Rules) -> dict[str, bool]:
    """Which fields of a matched prediction agree with the gold figure."""
    groups = {gold["group"], *gold.get("alt_groups", [])}
    group = _blank(pred.get("group")).lower()
    dates = [(gold["date_start"], gold["date_end"]), *(tuple(d) for d in gold.get("alt_dates", []))]
    parent = by_id.get(_blank(pred.get("parent_id")))
    place = _words(gold.get("location") or "") - PLACE_WORDS
    return {
        "qualifier": _blank(pred.get("qualifier")) in {gold["qualifier"], *gold.get("alt_qualifiers", [])},
        "group": GROUP_ALIASES.get(group, group) in {GROUP_ALIASES.get(g, g) for g in groups},
        "source": any(_same_source(s, pred, rules) for s in [gold["source"], *gold.get("alt_sources", [])]),
        "location": not place or bool(place & _words(_blank(pred.get("location")))),
        "dates": (_blank(pred.get("date_start")) or None, _blank(pred.get("date_end")) or None) in dates,
        "parent": (gold.get("parent") is None and not _blank(pred.get("parent_id")))
        or (parent is not None and gold.get("parent") in _numbers(parent)),
    }


def score(gold: list[dict], preds: list[dict], rules: Rules) -> Score:
    """Score predictions for the documents the gold set covers."""
    docs = {g["doc_id"] for g in gold}
    preds = [p for p in preds if _blank(p.get("doc_id")) in docs]
    by_id = {_blank(p.get("figure_id")): p for p in preds}
    pairs = pair(gold, preds)
    result = Score(gold=sum(1 for g in gold if not g.get("optional")), predicted=len(preds), pairs=len(pairs))
    matched_preds = {id(p) for _, p in pairs}
    matched_gold = {id(g) for g, _ in pairs}
    for g, p in pairs:
        ok = check(g, p, by_id, rules)
        for name, good in ok.items():
            result.fields[name] += good
        if not g.get("optional"):
            result.matched += 1
            result.complete += all(ok.values())
        if not all(ok.values()):
            result.wrong.append({"doc_id": g["doc_id"], "gold": g["quote"], "wrong": [k for k, v in ok.items() if not v],
                                 "predicted": {k: _blank(p.get(k)) for k in ("category", "value", "qualifier", "group",
                                               "source", "location", "date_start", "date_end")}})
    result.missed = [{"doc_id": g["doc_id"], "category": g["category"], "quote": g["quote"]}
                     for g in gold if not g.get("optional") and id(g) not in matched_gold]
    result.spurious = [{k: _blank(p.get(k)) for k in ("doc_id", "category", "value", "low", "quote")}
                       for p in preds if id(p) not in matched_preds]
    return result


def report(result: Score, show_errors: bool) -> str:
    d = result.as_dict()
    lines = []
    if show_errors:
        lines += [f"missed    {m['doc_id']}: [{m['category']}] {m['quote']}" for m in d["missed"]]
        lines += [f"spurious  {s['doc_id']}: [{s['category']} {s['value'] or s['low']}] {s['quote'][:120]}"
                  for s in d["spurious"]]
        lines += [f"wrong {','.join(w['wrong'])}  {w['doc_id']}: {w['gold'][:90]}  -> {w['predicted']}"
                  for w in d["wrong_fields"]]
    fields = ", ".join(f"{k} {v:.2f}" for k, v in d["field_accuracy"].items())
    lines += [f"field accuracy on matched figures: {fields}",
              f"gold {d['gold']}  predicted {d['predicted']}  matched {d['matched']}  "
              f"complete records {d['complete_record_recall']:.2f}",
              f"precision {d['precision']:.3f}  recall {d['recall']:.3f}  f1 {d['f1']:.3f}"]
    return "\n".join(lines)
