"""Classify: decide what a number counts (category and group) from the words around it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from figures.numbers import NumberMention
from figures.rules import Entry, Rules
from figures.tokens import Token

AUX = frozenset("were was is are have has had been be being will would may might reportedly allegedly also all "
                "later subsequently who that reported believed thought feared said confirmed".split())
FUNCTION = AUX | frozenset("in on at from of to by for with since during after before across near and or but "
                           "including among while as when which this these those the a an its their his her "
                           "last yesterday today overnight so far more than".split())
MODIFIERS = frozenset("more other additional unarmed innocent armed local foreign young elderly old unidentified "
                      "suspected alleged fellow further new foreign-backed pro-government government "
                      "opposition enemy security military army police aid medical".split())
PLACE_WORDS = frozenset("the a an and , nearby neighbouring neighboring surrounding northern southern eastern "
                        "western central north south east west northwest northeast southwest southeast province "
                        "provinces city cities town towns village villages district districts area areas region "
                        "regions localities camp camps governorate state of".split())
PREPOSITIONS = frozenset("from in near across at inside outside within around throughout".split())
CLAUSE_BREAKS = frozenset("; : while but whereas after before when because although as".split())
COORDINATORS = frozenset(", and or including with plus".split())
SUBSET_MARKERS = (("including",), ("among", "them"), ("of", "whom"), ("among", "whom"), ("of", "them"),
                  ("among", "those"), ("incl",))
CUMULATIVE = frozenset("has have toll total tally".split())
FORCE_ALONE = frozenset({"fig-force-of", "fig-strong"})


@dataclass(frozen=True)
class Binding:
    """A number with what it counts, and the tokens that said so."""

    mention: NumberMention
    category: str
    group: str
    unit: str
    rule: str
    noun_end: int
    cumulative: bool
    parent: int | None = None  # index of the parent binding in the sentence


@dataclass(frozen=True)
class _Noun:
    kind: str  # group, none or unknown
    entry: Entry | None
    end: int


@lru_cache(maxsize=4096)
def _is_unit(word: str) -> bool:
    """A measurement unit ("kilometres", "tonnes", "hours") marks a number as no figure."""
    from figures.units import is_measurement_unit

    return is_measurement_unit(word)


def _noun(tokens: list[Token], lows: list[str], k: int, triggers: dict, rules: Rules) -> _Noun | None:
    """The noun phrase after a number; None when it counts things, not people."""
    if k < len(lows) and lows[k] in {"of", "-"}:
        k += 1
    if k + 1 < len(lows) and lows[k] in {"were", "was", "are"} and rules.groups.match_at(lows, k + 1):
        n, entry = rules.groups.match_at(lows, k + 1)  # type: ignore[misc]
        return _Noun("group", entry, k + 1 + n)  # type: ignore[arg-type]
    for _ in range(4):
        if k >= len(lows):
            break
        found = rules.groups.match_at(lows, k)
        if found:
            return _Noun("group", found[1], k + found[0])  # type: ignore[arg-type]
        low = lows[k]
        if k in triggers:
            after = triggers[k][0]
            if after < len(lows) and rules.groups.match_at(lows, after):
                k = after
                continue
            break
        if low in rules.things or (low.isalpha() and len(low) > 2 and low not in FUNCTION and _is_unit(low)):
            return None
        if low in MODIFIERS or low == "-" or (tokens[k].text[:1].isupper() and low not in FUNCTION):
            k += 1
            continue
        if low in FUNCTION or not low[0].isalpha():
            break
        return _Noun("unknown", None, k + 1)
    return _Noun("none", None, k)


def _skip_place(lows: list[str], tokens: list[Token], k: int) -> int:
    j = k + 1
    while j < len(lows) and j - k <= 6 and (lows[j] in PLACE_WORDS or tokens[j].text[:1].isupper()):
        j += 1
    return j


def _forward(lows, tokens, k, triggers, starts, subsets: bool) -> tuple[int, tuple] | None:
    """A trigger after the noun phrase: "44 civilians ... were killed", "7 people died"."""
    steps = 0
    while k < len(lows) and steps < 14:
        steps += 1
        if k in triggers:
            return steps, triggers[k]
        low = lows[k]
        if low == "and" and k + 1 < len(lows) and k + 1 not in starts:
            return None  # "killed 5 people and injured 12": a new verb phrase
        if low in AUX or low in {",", "and", "or"} or (low.endswith("ly") and len(low) > 4):
            k += 1
        elif k in starts:
            k = starts[k]
        elif low in PREPOSITIONS:
            k = _skip_place(lows, tokens, k)
        elif any(tuple(lows[k:k + len(m)]) == m for m in SUBSET_MARKERS):
            k += 1
        else:
            return None
    return None


def _backward(lows, first: int, triggers_end: dict, ends: set, window: int = 15) -> tuple[int, tuple] | None:
    """A trigger before the number: "killed at least 44", "the death toll rose to 56"."""
    coordinated = first > 0 and lows[first - 1] in COORDINATORS
    k = first - 1
    while k >= 0 and first - k <= window:
        if k in triggers_end:
            return first - k, triggers_end[k]
        if lows[k] in CLAUSE_BREAKS or (k in ends and not coordinated):
            return None
        k -= 1
    return None


def _triggers(lows: list[str], rules: Rules) -> dict[int, tuple[int, Entry, int]]:
    """Trigger matches by first token: (token after it, entry, first token)."""
    found: dict[int, tuple[int, Entry, int]] = {}
    k = 0
    while k < len(lows):
        match = rules.triggers.match_at(lows, k)
        if match:
            found[k] = (k + match[0], match[1], k)  # type: ignore[assignment]
            k += match[0]
        else:
            k += 1
    return found


def _category(trigger: tuple | None, noun: _Noun, rules: Rules) -> tuple[str, str] | None:
    """(category, rule id) from the trigger, else from a noun that carries one ("refugees")."""
    if trigger is not None:
        entry = trigger[1]
        if entry["category"] != "fighters":
            return entry["category"], entry.id
        if (noun.entry is not None and noun.entry["force"]) or (noun.kind == "none" and entry.id in FORCE_ALONE):
            return "fighters", entry.id
    if noun.entry is not None and noun.entry["category"]:
        return noun.entry["category"], noun.entry.id
    return None


def classify(tokens: list[Token], mentions: list[NumberMention], rules: Rules) -> list[Binding]:
    """Bind each number to a category and group; numbers that count nothing we track are dropped."""
    lows = [t.low for t in tokens]
    triggers = _triggers(lows, rules)
    triggers_end = {v[0] - 1: v for v in triggers.values()}
    nouns = [_noun(tokens, lows, m.last, triggers, rules) for m in mentions]
    starts = {m.first: (n.end if n else m.last) for m, n in zip(mentions, nouns, strict=True)}
    ends = {(n.end if n else m.last) - 1 for m, n in zip(mentions, nouns, strict=True)}
    out: list[Binding] = []
    for mention, noun in zip(mentions, nouns, strict=True):
        if noun is None:
            continue
        back = _backward(lows, mention.first, triggers_end, ends - {noun.end - 1})
        fwd = _forward(lows, tokens, noun.end, triggers, starts, True)
        trigger = back[1] if back and back[0] <= 2 else fwd[1] if fwd else back[1] if back else None
        tight = (back and back[0] <= 3) or (fwd and fwd[0] <= 3)
        if noun.kind == "unknown" and not tight:
            continue
        found = _category(trigger, noun, rules)
        if found is None:
            continue
        category, rule = found
        group = noun.entry["group"] if noun.entry is not None else "people"
        if category == "fighters" and group == "people":
            group = "fighters"
        unit = noun.entry["unit"] if noun.entry is not None else "people"
        at = trigger[2] if trigger else mention.first
        cumulative = any(w in CUMULATIVE for w in lows[max(0, at - 3):at + 1])
        out.append(Binding(mention, category, group, unit, rule, noun.end, cumulative))
    return _link_subsets(lows, out)


def _link_subsets(lows: list[str], bindings: list[Binding]) -> list[Binding]:
    """ "44 civilians, including 12 children and seven women": 12 and 7 get 44 as parent."""
    out: list[Binding] = []
    for b in bindings:
        first = b.mention.first
        marked = any(tuple(lows[first - len(m):first]) == m for m in SUBSET_MARKERS)
        prev = out[-1] if out else None
        continues = prev is not None and prev.parent is not None and all(
            w in {",", "and"} for w in lows[prev.noun_end:first])
        parent = None
        if marked or continues:
            parent = next((i for i in range(len(out) - 1, -1, -1)
                           if out[i].parent is None and _larger(out[i], b)), None)
        if parent is not None:
            whole = out[parent]
            b = Binding(b.mention, whole.category, b.group, b.unit, b.rule, b.noun_end, whole.cumulative, parent)
        out.append(b)
    return out


def _larger(whole: Binding, part: Binding) -> bool:
    big = whole.mention.value or whole.mention.high or whole.mention.low or 0
    small = part.mention.value or part.mention.low or part.mention.high or 0
    return big > small
