"""Bindings: a number with what it counts, and how the counts of a sentence nest ("44 civilians,
including 12 children": the 12 are a part of the 44)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace

from figures.dates import MONTHS, WEEKDAYS
from figures.numbers import NumberMention
from figures.places import AREA_WORDS

THE_COUNTED = frozenset("dead killed injured wounded victims casualties displaced missing".split())  # "190 of the dead"
SUBSET_MARKERS = (("incl", "."), ("including",), ("among", "them"), ("of", "whom"), ("among", "whom"), ("of", "them"),
                  ("of", "which"), ("among", "those"), ("incl",), ("included",))


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
    part: bool = False  # a part of a whole told in an earlier sentence ("Six children are among the dead")
    compared: int | None = None  # index of the binding this one is compared with ("31 died, compared with 19")
    stays: bool = False  # foreigners evacuated home: across a border, yet no refugees


def marked_subset(lows: list[str], first: int, last: int = -1) -> bool:
    """A part of a count told before it: "including 12 children", "(incl. 21 children)"; with `last`,
    also "190 of them children", "190 of the dead were children"."""
    after = lows[last:last + 3] if last >= 0 else []
    return _marked_at(lows, first) or _marked_at(lows, _singled_out(lows, first)) or after[:2] in (
        ["of", "them"], ["of", "whom"]) or (after[:2] == ["of", "the"] and len(after) > 2 and after[2] in THE_COUNTED)


def _marked_at(lows: list[str], first: int) -> bool:
    return first > 0 and any(tuple(lows[first - len(m):first]) == m for m in SUBSET_MARKERS)


def listed_after_marker(lows: list[str], first: int) -> bool:
    """The count at token `first` ends a list of words a subset marker opens: "including women, children and a UN
    peacekeeper" (the one is singled out of the whole, as the women and children are)."""
    if first < 3 or lows[first - 1] != "and":
        return False
    k = first - 2
    while k >= max(0, first - 12) and (lows[k] == "," or (lows[k].isalpha() and lows[k] not in {"and", "a", "an"})):
        if _marked_at(lows, k):
            return True
        k -= 1
    return False


def _singled_out(lows: list[str], first: int) -> int:
    """Where the one person singled out before "and" starts: "including a paramedic and two children" (the one is not a
    count, see classify, but the two are still a part); -1 if there is none."""
    if first < 2 or lows[first - 1] != "and":
        return -1
    for k in range(first - 2, max(-1, first - 10), -1):
        if lows[k] in {"a", "an"}:
            return k
        if not (lows[k].isalnum() or lows[k] == "-"):
            return -1
    return -1


def link_subsets(lows: list[str], bindings: list[Binding], triggers: Container[int],
                 capitalised: Container[int] = ()) -> list[Binding]:
    """ "44 civilians, including 12 children and seven women": 12 and 7 get 44 as parent; `triggers` are
    the tokens where a trigger begins, `capitalised` those written with a capital."""
    out: list[Binding] = []
    for b in bindings:
        first = b.mention.first
        marked = marked_subset(lows, first, b.mention.last)
        prev = out[-1] if out else None
        own = _verb_after(lows, b.noun_end, triggers) or b.noun_end in triggers
        continues = prev is not None and all(w in {",", "and"} for w in lows[prev.noun_end:first]) and (
            (prev.parent is not None and not (own and _verb_after(lows, out[prev.parent].noun_end, triggers)))
            or (prev.part and not own))
        # (not "Canoas alone has 150 deaths, and 9 people died in Pelotas", "12 were killed, five of them children, and 30
        # others were injured": a verb of its own; but "5812 civilians including 1733 children and 3110 men were killed"
        # is the whole's verb)
        parent = None
        if continues and not marked and prev is not None and prev.part and prev.parent is None:
            pass  # "Among the dead were 6 children and 4 women": both parts of the whole told before, not 4 of the 6
        elif marked or continues:
            wholes = [i for i in range(len(out) - 1, -1, -1) if out[i].parent is None and _larger(out[i], b)]
            # the nearest whole of the part's own category: "... killed and 3,600 injured; 190 of the dead were
            # children" is part of the killed ("hosts 1.2 million refugees, around 850,000 of whom have arrived since
            # April": refugees who arrived)
            parent = next((i for i in wholes if out[i].category == b.category), wholes[0] if wholes else None)
        own_verb = lows[b.noun_end:b.noun_end + 1] in (["were"], ["was"]) or b.noun_end in triggers \
            or first - 1 in triggers or first - 2 in triggers or _verb_after(lows, b.noun_end, triggers)
        # "took 13 hostages and killed several of them"; "..., 58 of them seriously, and 27 people are still missing"
        partitive = lows[b.mention.last:b.mention.last + 2] == ["of", "the"]
        if parent is not None and out[parent].category != b.category and (partitive or own_verb) \
                and (b.category, out[parent].category) != ("displaced", "refugees"):
            parent = None  # "50 soldiers were injured, of which 6 are officers, and 19 rioters were detained";
            # "received 43 wounded people ..., and four of the wounded later died": a part with a fate of its own
        if parent is not None:
            whole = out[parent]
            b = replace(b, category=whole.category, cumulative=whole.cumulative, parent=parent)
        elif marked or continues or among_the_counted(lows, first, b.noun_end) or share_of_a_whole(lows, first, capitalised):
            b = replace(b, part=True)  # its whole was told before: "Among them were 12 children"
        out.append(b)
    for k in range(len(out) - 1, 0, -1):  # "Six children and three police officers are among the dead": both
        before, b = out[k - 1], out[k]
        if b.part and before.parent is None and not before.part and before.category == b.category \
                and all(w in {",", "and"} for w in lows[before.noun_end:b.mention.first]):
            out[k - 1] = replace(before, part=True)
    return _among(lows, _of_the_whole(lows, out, triggers))


def _of_the_whole(lows: list[str], bindings: list[Binding], triggers: Container[int]) -> list[Binding]:
    """ "Of the 736,200 refugees who have arrived since the start of the conflict, 412,000 are in Ouaddaï province,
    196,000 in Wadi Fira ...": a sentence that opens on "Of the" and a count goes on with that count's parts, which
    count what it counts unless a verb right after them says what befell them ("Of the 40 injured, five died")."""
    if not (len(bindings) > 1 and lows[:2] == ["of", "the"] and bindings[0].mention.first == 2 and bindings[0].parent is None):
        return bindings
    whole, out = bindings[0], [bindings[0]]
    for b in bindings[1:]:
        if whole.category in {"missing", "captured"} and no_longer(lows, b.noun_end):
            continue  # "Of the 25 missing, 8 have been found alive", "Of the 40 abducted, 12 were freed": no longer so
        own = b.noun_end in triggers or _verb_after(lows, b.noun_end, triggers)
        if b.parent is None and not b.part and _larger(whole, b) and (
                b.category == whole.category or (b.category, whole.category) == ("displaced", "refugees")
                or (b.noun_end == b.mention.last and not own)):  # (not "14 wounded civilians were flown to Bamako")
            b = replace(b, category=whole.category, cumulative=whole.cumulative, parent=0)
        out.append(b)
    return out


def no_longer(lows: list[str], k: int, verbs: frozenset[str] = frozenset()) -> bool:
    """Token k, past auxiliaries, says the missing or captive were found or set free (one of `verbs`, if given)."""
    while k < len(lows) and (lows[k] in _AUXILIARIES or lows[k:k + 2] in (["managed", "to"], ["able", "to"])):
        k += 1 + (lows[k] in {"managed", "able"})  # "five managed to escape", "were able to flee their captors"
    return k < len(lows) and lows[k] in (verbs or _FOUND_OR_FREED) and lows[k + 1:k + 2] not in (["dead"], ["killed"], ["drowned"])
    # (but "five were found dead": killed)


_FOUND_OR_FREED = frozenset("found rescued freed released escaped escape".split())  # (not "9 bodies have been recovered")
SET_FREE = _FOUND_OR_FREED - {"found"}  # what ends captivity (captives "found" may be held still)


def _verb_after(lows: list[str], k: int, triggers: Container[int]) -> bool:
    """A trigger starts at token k after auxiliaries only: "are still missing", "have been killed" (not after "who":
    "including 6,500 who crossed into Ethiopia" is a part; see _AUXILIARIES)."""
    while k < len(lows) and lows[k] in _AUXILIARIES and k not in triggers:
        k += 1
    return k in triggers


_AUXILIARIES = frozenset("is are was were has have had been be being still now also later reportedly remain remains "
                          "remained feared believed thought presumed declared listed as since".split())
# ("5 of them remain missing", "4 are feared dead", "two of them are listed as missing"; not "already displaced by the fighting", a description of the part,
# nor "five of whom may die": what may happen is no fate of the part's)


def compared_with(lows: list[str], first: int) -> bool:
    """The count at token `first` is one the count before it is compared with: "31 died, compared with 19 in the
    same period last year", "1,847 homicides, down from 2,102"."""
    return any(tuple(lows[max(0, first - len(m)):first]) == m for m in COMPARISONS)


COMPARISONS = (("compared", "with"), ("compared", "to"), ("down", "from"), ("up", "from"), ("as", "against"),
               ("versus",), ("vs",), ("vs", "."))


def among_the_counted(lows: list[str], first: int, noun_end: int) -> bool:
    """ "Six children are among the dead", "Among the wounded were 31 children": a part of those counted
    before (the count starts at token `first`, its noun ends before `noun_end`)."""
    after = lows[noun_end:noun_end + 4]
    before = lows[max(0, first - 4):first]
    return (len(after) == 4 and tuple(after[:3]) in AMONG and after[3] in THE_COUNTED) or (
        len(before) == 4 and before[:2] == ["among", "the"] and before[2] in THE_COUNTED and before[3] in {"were", "are"}
    ) or before[-3:] in (["among", "them", "were"], ["among", "them", "are"], ["of", "them", ","], ["of", "these", ","],
                         ["of", "those", ","]) or (  # "Of them, 71 were girls"
        len(before) == 4 and before[:2] == ["of", "the"] and before[2] in THE_COUNTED and before[3] == ",")
    # ("Of the dead, 36 were in Camarines Sur")


def share_of_a_whole(lows: list[str], first: int, capitalised: Container[int] = ()) -> bool:
    """The count at token `first` is one place's share of a whole told before: "Naga City accounted for 21 deaths",
    "In Rukum West alone, the toll had reached 41", "Adré alone hosts about 230,000 refugees". `capitalised`: the
    tokens written with a capital: "alone" follows a place's name, in the count's clause (not "a woman left alone on
    the beach said 12 had died", "In the first half of 2024 alone", "On 16 July alone", "Canoas alone has 150 deaths, and 9 died in
    Pelotas")."""
    if lows[max(0, first - 2):first] in (["accounted", "for"], ["accounts", "for"], ["accounting", "for"], ["account", "for"]):
        return True
    alone = next((j for j in range(first - 1, max(0, first - 10), -1) if lows[j] == "alone"), None)
    return alone is not None and ((alone - 1 in capitalised and lows[alone - 1] not in MONTHS and lows[alone - 1] not in WEEKDAYS)
                                  or lows[alone - 1] in _AREAS) \
        and ";" not in lows[alone + 1:first] and not any(lows[j:j + 2] == [",", "and"] for j in range(alone + 1, first))


_AREAS = AREA_WORDS | frozenset("town village camp neighbourhood neighborhood site capital slum settlement".split())
# ("In Depayin township alone", "In the capital alone")


AMONG = frozenset({("were", "among"), ("was", "among"), ("are", "among"), ("is", "among"), ("among",),
                   ("were", "among", "the"), ("are", "among", "the"), ("was", "among", "the"), ("is", "among", "the"),
                   ("were", "among", "those"), ("are", "among", "those"), ("was", "among", "those"),
                   ("is", "among", "those")})  # ("A journalist was among those killed")


def _among(lows: list[str], bindings: list[Binding]) -> list[Binding]:
    """ "Three children were among 11 people killed": the part comes first and the whole after it."""
    out = list(bindings)
    for k in range(len(out) - 1):
        part, whole = out[k], out[k + 1]
        if part.parent is None and whole.parent is None and tuple(lows[part.noun_end:whole.mention.first]) in AMONG \
                and _larger(whole, part):
            out[k] = Binding(part.mention, whole.category, part.group, part.unit, part.rule, part.noun_end,
                             whole.cumulative, k + 1)
    return out


def _larger(whole: Binding, part: Binding) -> bool:
    big = whole.mention.value or whole.mention.high or whole.mention.low or 0
    small = part.mention.value or part.mention.high or part.mention.low or 0  # as the schema's parent check has it
    return big > small
