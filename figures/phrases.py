"""Phrases: a sentence's trigger and group matches, and the noun phrase a number counts ("44 civilians",
"of the dead", "the number of IDPs")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from figures.dates import MONTHS, WEEKDAYS
from figures.numbers import NumberMention, age_end, ages_after
from figures.places import BORDER_POINTS
from figures.rules import Entry, Rules
from figures.tokens import Token, before_relative, spaced_dash

# Words that may stand between a counted noun and its verb: "44 civilians ... were killed".
AUX = frozenset("were was is are have has had been be being will would could may might become became remain "
                "remained remains left made already reportedly allegedly also all later subsequently who that "
                "reported believed thought feared said confirmed estimated registered to now still sustained suffered "
                "as ordered newly expected staying living live stay stayed having there currently suffering found "
                "sleeping held kept presumed declared listed".split())
FUNCTION = AUX | frozenset("in on at from of to by for with since during after before across near and or but "
                           "including among while as when which this these those the a an its their his her "
                           "last yesterday today overnight so far more than".split())
MODIFIERS = frozenset("more other additional unarmed innocent armed local foreign young elderly old unidentified "
                      "suspected alleged fellow further new pro-government government opposition enemy security "
                      "military army police aid medical ethnic unregistered undocumented indigenous community social".split())
_COLLECTIVE = {"militia": "fighters", "faction": "fighters", "group": "fighters", "movement": "fighters", "army": "soldiers",
               "force": "soldiers", "contingent": "soldiers"}  # a force named by what it is
_REPORTED = frozenset("that said says told added".split())  # what opens a reported clause
NUMBERING = frozenset("number numbers numbered numbering at".split())  # words of a strength given in an aside ("said to
# number about 200", "numbering about 60", "estimated at 80")
_VAGUE_COLLECTIVE = frozenset({"group", "movement"})  # a force only when called armed: "the armed group numbers 500"
_ARMED = frozenset("armed rebel militant jihadist insurgent extremist terrorist separatist".split())
PARTICIPLES = frozenset("registered recorded verified documented confirmed reported estimated".split())  # before a group
_NAMED_PLACES = frozenset("neighbourhood neighbourhoods neighborhood neighborhoods village villages camp camps site sites "
                           "district districts town area areas settlement settlements hamlet hamlets quarter".split())
_WHOSE = frozenset("his her their its our my this that".split())
PLACE_WORDS = frozenset("the a an and , nearby neighbouring neighboring surrounding northern southern eastern "
                        "western central north south east west northwest northeast southwest southeast province "
                        "provinces city cities town towns village villages district districts area areas region "
                        "regions localities camp camps governorate state of prefecture county department "
                        "territory municipality commune zone neighbourhood neighborhood valley valleys countryside hamlet hamlets "
                        "coastal rural remote border mountainous barangay barangays community communities settlements sites "
                        "island islands municipalities counties low lying affected flooded".split())
# (words of a place phrase between a count and its verb: "2,000 families in coastal barangays were", "1,500 families in
# low-lying areas had lost their homes")
LEFT_PLACES = frozenset("camp camps village villages town towns city area areas region district quarter neighbourhood "
                        "neighborhood homes home house houses country island valley suburb suburbs districts "
                        "neighbourhoods neighborhoods quarters".split())
PLACE_AFTER = frozenset({"from-place", "from-abroad", "reaches"})  # triggers' binds that count only before a place (see
# names_a_place; "from-abroad" only before a country, names_a_country)
_SIDES = frozenset("northern southern eastern western central border coastal rural".split())
PREPOSITIONS = frozenset("from in near across at inside outside within around throughout".split())
_JOINED_PARTICLES = frozenset("al el wal ul ad ash ar as at an bin ibn abu".split())  # before a hyphen in a name
NAME_PARTICLES = frozenset("de la del el al da do dos das di du le van von bin ibn - '".split())
NAME_JOINERS = NAME_PARTICLES | {"of", "for", "the", "and"}  # inside a name: "Forces for the Liberation of Rwanda"
CLOSING_QUOTES = frozenset("' \" ’ ”".split())
QUOTE_MARKS = frozenset("' \" ‘ “".split())
CLAUSE_BREAKS = frozenset("; : while but whereas after before when because although as".split())
CLAUSE_ENDS = frozenset(", ; : ( ) — – -- .".split())  # where a death's stated cause stops applying
DETERMINERS = frozenset("the a an its their his her".split())
ARRIVALS = frozenset({"g-new-arrivals"})  # "new arrivals of refugees": who arrived says what they count
PART_OF = frozenset({"g-member", "g-members"})  # "members of the security forces" count as the forces
REMAINS = frozenset({"g-bodies"})  # "bodies of soldiers" count the soldiers, dead
STAFF = frozenset({"g-staff", "g-staff-members", "g-staff-member", "g-colleagues", "g-colleague"})  # whose, the words
# before them may say: "Two MSF staff members", "three UNICEF staff"
_AID_KINDS = frozenset({"un-agency", "monitor-or-ngo", "medical-or-rescue"})  # sources whose staff are aid workers
RISEN = frozenset("to at reached reaches hit surpassed exceeded totalled totaled numbered topped passed neared "
                   "approached crossed touched".split())  # verbs of a total: "had risen to 56", "numbered 500"


# What may stand between a label's colon and its count: "Fighters: est. 3,000", "Displaced: ~25,000".
LABEL_GAP = frozenset({"~", "est", "estimated", ".", "approx"})


_CLAUSE_VERBS = frozenset("say says said have has had were was are is".split())  # a label is a noun phrase


ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})  # "the 5th Brigade"


def _a_movement(entry) -> bool:
    """The group is a force's proper name ("Taliban", "Khawarij"): a count of its fighters, unless a noun after it says
    who ("Taliban officials")."""
    return bool(entry["force"]) and entry.term[:1].isupper() and not entry.term.isupper()


_KIN = frozenset("relatives kin parents mothers fathers wives husbands widows widowers orphans".split())


@dataclass(frozen=True)
class Noun:
    kind: str  # group, none or unknown
    entry: Entry | None
    end: int
    adjective: tuple | None = None  # a trigger used as an adjective: "displaced families"
    fallback: tuple | None = None  # "of the dead": the category when no verb says otherwise


@lru_cache(maxsize=4096)
def is_unit(word: str) -> bool:
    from figures.units import is_measurement_unit

    return is_measurement_unit(word)


_TO_SAFETY = frozenset("safety shelter shelters moved relocated evacuated evacuation centre centres center centers parents "
                       "relatives guardians".split())  # where people taken from their homes were taken for their good, or
# who took them ("taken from the school by their parents")


class Phrases:
    """A sentence's tokens with the trigger and group matches the binding rules consult, and its noun phrases."""

    def __init__(self, tokens: list[Token], rules: Rules) -> None:
        self.tokens, self.rules = tokens, rules
        self.lows = [t.low for t in tokens]
        self.triggers: dict[int, tuple[int, Entry, int]] = {}
        self.other_causes: set[int] = set()  # triggers left out for their cause: "died in childbirth"
        self.unreal: set[int] = set()  # triggers after a negator: "tried to kill", "could displace"
        k = 0  # the first token not part of a trigger found so far
        for start in rules.triggers.starts(self.lows):
            match = rules.triggers.match_at(self.lows, start) if start >= k else None
            if match:
                negated = start and rules.negators.match_ending_at(self.lows, start - 1)  # "tried to kill"
                if self._other_cause(start + match[0], match[1]):
                    self.other_causes.add(start)
                elif negated:
                    self.unreal.add(start)
                elif match[1].term.startswith("taken from") and _TO_SAFETY.intersection(self.lows[start + match[0]:start + match[0] + 8]):
                    pass  # "30 children were taken from their homes to a nearby school for safety", "taken from their homes
                    # in Khartoum and moved to shelters": moved, not seized
                elif match[1].get("binds") in PLACE_AFTER and not (
                        self.names_a_country if match[1]["binds"] == "from-abroad" else self.names_a_place)(start + match[0]):
                    pass  # "the attack left 12 dead": no leaving; "returned from the camps": no border crossed
                else:
                    self.triggers[start] = (start + match[0], match[1], start)  # type: ignore[assignment]
                k = start + match[0]
        self._shelters_with_numbers(rules)
        self.triggers_end = {v[0] - 1: v for v in self.triggers.values()}

    def _other_cause(self, end: int, entry: Entry, reach: int = 10) -> bool:
        """ "died in childbirth", "the death of a man who fell ... after falling from a roof", "injured
        in a road accident": a death or injury whose cause, later in the clause and before any other
        number, is not violence or disaster."""
        if entry["category"] not in {"killed", "injured"}:
            return False
        for j in range(end, min(len(self.lows), end + reach)):
            low = self.lows[j]
            if low in CLAUSE_ENDS or low[:1].isdigit() or low in self.rules.number_words:
                return False
            if self.rules.causes.match_at(self.lows, j):
                return True
        return False

    def _shelters_with_numbers(self, rules: Rules) -> None:
        """ "living in 60 camps", "staying in 224 temporary shelters": the "in camps" trigger with a count inside."""
        lows = self.lows
        for k in range(len(lows) - 2):
            if lows[k] not in {"in", "into"} or k in self.triggers or not any(
                    w[:1].isdigit() or w in rules.number_words for w in lows[k + 1:k + 5]):
                continue
            found = rules.qualifiers_before.match_at(lows, k + 1)  # "in nearly 300 relief camps", "in three makeshift sites"
            at = k + 1 + (found[0] if found else 0)
            if at >= len(lows) or not (lows[at][:1].isdigit() or lows[at] in rules.number_words):
                continue
            for j in range(at + 1, min(len(lows), at + 4)):
                entry = rules.shelters.get(lows[j])
                if entry is not None:
                    self.triggers[k] = (j + 1, entry, k)
                    break

    def group_at(self, k: int) -> tuple[int, Entry] | None:
        return self.rules.groups.match_at(self.lows, k) if k < len(self.lows) else None

    def group_of(self, words: list[str]) -> tuple[int, Entry] | None:
        return self.rules.groups.match_at(words, 0)

    def noun(self, mention: NumberMention) -> Noun | None:
        """The noun phrase after a number; None when it counts things, not people. A quotation mark that closes a quoted
        count stands between them: 'lost "around thirty" men', '"about twenty" drivers were taken hostage'."""
        k = mention.last
        if k + 1 < len(self.lows) and self.lows[k] in {'"', "”"} and self.lows[k + 1].isalpha() \
                and any(t.low in {'"', "“"} for t in self.tokens[max(0, mention.first - 2):mention.first + 1]):
            k += 1
        found = self._noun(k)
        if found is not None and mention.kind in {"article", "definite"}:
            after = found.end
            headless = after < len(self.lows) and self.lows[after].isalpha() and self.lows[after] not in FUNCTION \
                and after not in self.triggers
            if found.kind != "group" or headless or mention.kind == "definite":
                # "an official end", "the soldier": count one only where a verb binds it closely
                return Noun("unknown", found.entry, found.end, found.adjective)
        return found

    def _noun(self, k: int) -> Noun | None:
        lows = self.lows
        if lows[k:k + 2] in (["of", "the"], ["of", "those"]) and k + 2 in self.triggers:
            end = self.triggers[k + 2][0]  # "two of the injured later died", "12 of the dead were children"
            be = self.skip_place(end) if lows[end:end + 1] in (["in"], ["at"]) else end  # "5 of the dead in Gaza were
            found = self.group_at(be + 1) if lows[be:be + 1] in (["were"], ["was"]) else None  # children"
            if found:
                return Noun("group", found[1], be + 1 + found[0], fallback=self.triggers[k + 2])  # type: ignore
            return Noun("none", None, end, fallback=self.triggers[k + 2])
        whole = k + 1 + (lows[k + 1:k + 2] == ["the"]) if lows[k:k + 1] == ["of"] else k
        if whole > k and lows[whole + 1:whole + 3] in (["'", "s"], ["’", "s"]):
            whole += 3  # "21 of Afghanistan's 34 provinces"
        if whole > k and whole < len(lows) and (lows[whole][:1].isdigit() or lows[whole] in self.rules.number_words):
            while whole < len(lows) and (lows[whole][:1].isdigit() or lows[whole] in self.rules.number_words):
                whole += 1
            if (of_whole := self._noun(whole)) is None:
                return None  # "3 of the 11 displacement sites", "21 of Afghanistan's 34 provinces": the 3 are sites too
            if of_whole.kind == "group" and of_whole.adjective is None and of_whole.entry is not None:
                return of_whole  # "Eight of the 300 troops were killed": troops too
        if k < len(lows) and lows[k] in CLOSING_QUOTES and self.tokens[k - 1].end == self.tokens[k].start:
            k += 1  # 'killed "hundreds" of fighters', 'killed "more than 60" M23 fighters'
        if k < len(lows) and lows[k] in {"of", "-"}:
            k += 1
        if k < len(lows) and lows[k] in {"the", "them", "whom", "their", "his", "its", "those"} and lows[k - 1] == "of":
            k += 1
        if k >= 1 and lows[k - 1] in {"of", "the"} and lows[k + 1:k + 3] == ["'", "s"] and k + 3 < len(lows):
            q = self.rules.qualifiers_before.match_at(lows, k + 3)  # "3,000 of the camp's roughly 14,000 residents"
            n = k + 3 + (q[0] if q else 0)  # type: ignore[index]
            if n < len(lows) and (lows[n][:1].isdigit() or lows[n] in self.rules.number_words):
                return Noun("none", None, k + 3)  # "1.7 million of Gaza's 2.3 million residents": who the first number
                # counts (from the second's qualifier, where its count starts)
        if lows[k:k + 2] == ["the", "number"] or lows[k:k + 3] == ["the", "total", "number"]:
            of = k + lows[k:k + 4].index("number") + 1  # "brings to 274,000 the number of people displaced"
            at = of + 1
            found = self.group_at(at) if of < len(lows) and lows[of] == "of" else None
            while found is None and of < len(lows) and lows[of] == "of" and at < min(len(lows), of + 5) \
                    and (lows[at].isalpha() or (lows[at] == "-" and at > of + 1)) and lows[at] not in FUNCTION \
                    and at not in self.triggers:
                at += 1  # "the number of MRA staff killed": a word or two that say whose; "hunger-related deaths"
                found = self.group_at(at) if at < len(lows) else None
            if found:
                return Noun("group", found[1], at + found[0])  # type: ignore[arg-type]
        if k + 1 < len(lows) and lows[k] in {"were", "was", "are"} and self.group_at(k + 1):
            n, entry = self.group_at(k + 1)  # type: ignore[misc]
            return Noun("group", entry, k + 1 + n)
        adjective = None
        k = age_end(lows, k) or k  # "a 12-year-old boy"
        for _ in range(6):  # "2,200 additional army and National Guard personnel"
            if k >= len(lows):
                break
            named = next((j for j in range(min(len(lows), k + 5), k + 1, -1) if " ".join(lows[k:j]) in self.rules.sources),
                         None) if self.tokens[k].text[:1].isupper() and not self.group_at(k) else None
            if named is not None and named < len(lows) and self.group_at(named):
                k = named  # "Two Norwegian Refugee Council staff": whose staff, not refugees
            found = self.group_at(k)
            if found and k + found[0] < len(lows) and lows[k + found[0]] in self.rules.things:
                return None  # "6,000 body bags", "12 IDP sites", "40 rebel groups": the thing a group word names
            if found:
                end, carried = k + found[0], None
                while more := self.group_at(end):  # "Rohingya people"; "civilian deaths" are killed
                    if more[1]["category"] and not found[1]["category"] and carried is None:
                        carried = (end + more[0], more[1], end)
                    elif (found[1].get("country") or _a_movement(found[1])) and not more[1]["category"]:
                        found = more  # "500 Sudanese soldiers": soldiers, of Sudan; "40 Taliban commanders"
                    end += more[0]
                if _a_movement(found[1]) and end < len(lows) and lows[end].isalpha() and lows[end] not in FUNCTION \
                        and end not in self.triggers and self.tokens[end].text.islower():
                    k = end  # "Five Taliban government employees", "40 Taliban commanders": the movement's, not its fighters
                    continue
                end = ages_after(lows, end, self.rules)  # "14 children under five have died"
                of = end + 1 + (lows[end + 1:end + 2] == ["the"])
                if found[1].id in STAFF and self._aid_agency_before(k):
                    found = self.group_of(["aid", "workers"])  # "Two MSF staff members": aid workers
                    assert found is not None, "groups.csv lists aid workers"
                if found[1].id in PART_OF and lows[end:end + 1] == ["of"] and (of_whom := self.group_at(of)):
                    return Noun("group", of_whom[1], of + of_whom[0], adjective)
                if found[1].id in REMAINS and lows[end:end + 1] == ["of"] and (of_whom := self.group_at(of)) \
                        and not of_whom[1]["category"]:
                    return Noun("group", of_whom[1], of + of_whom[0], adjective, fallback=(end, found[1], k))  # "15 bodies
                    # of soldiers": dead soldiers
                if found[1].id in ARRIVALS and lows[end:end + 1] == ["of"] and (who := next(
                        (j for j in range(of, min(len(lows), of + 3)) if (g := self.group_at(j)) and g[1]["category"]), None)) \
                        and (arrived := self.group_at(who)):  # "new arrivals of Burkinabe asylum seekers": refugees who arrived
                    return Noun("group", arrived[1], who + arrived[0], adjective)
                return Noun("group", found[1], end, adjective, fallback=carried)  # type: ignore[arg-type]
            low = lows[k]
            if low in _KIN and lows[k + 1:k + 2] == ["of"] and (at := k + 2 + (lows[k + 2:k + 3] == ["the"])) in self.triggers \
                    and not self._own_fate(self.triggers[at][0]):
                return None  # "2,000 relatives of missing people", "the widows of 30 killed miners": the kin are not
                # the ones counted (but "12 relatives of the governor were killed" and "Five relatives of the killed
                # journalist were also killed" are)
            if k in self.triggers:
                after = self.triggers[k][0]
                if self.group_at(after) or self._name_then_group(after):
                    adjective, k = self.triggers[k], after  # (and "2.9 million registered Syrian refugees")
                    continue
                if any(j < len(lows) and lows[j] in self.rules.things for j in (
                        (after, after + 1) if after < len(lows) and lows[after] not in FUNCTION else (after,))) or (
                        after == k + 1 and low in self.rules.things):
                    return None  # "48 evacuation centres", "a handful of captured assault weapons"; "opened 48
                    # shelters" (a noun here, not the verb); but "27 injured when shells struck" is a count
                break
            text = self.tokens[k].text
            named = text[:1].isupper() and any(self.group_at(j) for j in range(k + 1, min(len(lows), k + 4)))
            if low in self.rules.things or (low.isalpha() and len(low) > 2 and low not in FUNCTION and not named
                                            and is_unit(low)):
                return None  # "200 tonnes"; not a name pint reads as a unit before a noun ("an Abu Sayyaf militant")
            if text[:1].isupper() and k + 1 < len(lows) and lows[k + 1].isdigit() \
                    and self.tokens[k].end == self.tokens[k + 1].start:
                k += 2  # "60 M23 fighters": a name with digits in it
                continue
            if text[:1].isupper() and low not in FUNCTION and k not in self.triggers:
                k = self._name_end(k)  # "four Communist Party of India-Maoist (CPI-Maoist) cadres"
                continue
            if low in MODIFIERS or low == "-" or (text[:1].isupper() and (low not in FUNCTION or text.isupper())) or (
                    (low in PARTICIPLES or (low.endswith("ing") and len(low) > 5))
                    and (self.group_at(k + 1) or self._name_then_group(k + 1))):
                k += 1  # (and "1,200 registered refugees", "34 confirmed deaths", "137 sleeping pupils")
                continue
            if low == "/" and k and self.tokens[k - 1].text[:1].isupper() and self.tokens[k + 1:k + 2] \
                    and self.tokens[k + 1].text[:1].isupper():
                k += 1  # "78 BH/IS fighters": one name, or two, written with a slash
                continue
            if low.endswith("ly") and len(low) > 4:
                k += 1  # "internally displaced households"
                continue
            if low in {"and", "or"} and any(self.group_at(j) for j in range(k + 1, min(len(lows), k + 3))):
                k += 1  # "new and repeated displacements"
                continue
            if low in QUOTE_MARKS and self.group_at(k + 1):
                k += 1  # "killed 39 'terrorists'": the army's word, quoted
                continue
            if low in FUNCTION or not low[0].isalpha():
                break
            if k + 2 < len(lows) and lows[k + 1] == "-" and self.tokens[k].end == self.tokens[k + 1].start:
                k += 2  # "pro-government": a compound modifier
                continue
            ahead = next((j for j in (k + 1, k + 2) if self.group_at(j)), None)
            if ahead is not None and all(lows[m].isalpha() and lows[m] not in FUNCTION for m in range(k, ahead)):
                k = ahead  # "sugar cane workers"
                continue
            if self._name_then_group(k + 1):
                k += 1  # "four paramilitary Frontier Corps soldiers": a word, then the name of whose they are
                continue
            if any(lows[j] in self.rules.things for j in (k + 1, k + 2) if j < len(lows)):
                return None  # "31 accommodation centres", "42 relief camps"
            return Noun("unknown", None, k + 1)
        return Noun("none", None, k)

    def skip_place(self, k: int) -> int:
        """Past a place phrase, or a chain of them: "from the town of Bria in Haute Kotto prefecture"."""
        lows, j = self.lows, k + 1
        while j < len(lows) and j - k <= 12:
            if lows[j] in {"'", "’"} and lows[j + 1:j + 2] == ["s"] and self.tokens[j - 1].text[:1].isupper():
                j += 2  # "from Iran's Sino town"
            elif lows[j] == "(" and (close := self.closing(j, 6)) is not None and self.tokens[j + 1].text[:1].isupper():
                j = close + 1  # "from Iran's Sino (Oshnavieh) town"
            elif lows[j].isdigit() and lows[j + 1:j + 2] and lows[j + 1] in ORDINAL_ENDS and j + 2 < len(lows) \
                    and self.tokens[j + 2].text[:1].isupper():
                j += 2  # "fighters from the 5th Brigade", "soldiers of the 3rd Division": a unit's ordinal
            elif lows[j] in _WHOSE and lows[j + 1:j + 2] and lows[j + 1] in PLACE_WORDS:
                j += 1  # "four people from his neighborhood", "residents of their village"
            elif (lows[j] in PLACE_WORDS or lows[j] in NAME_PARTICLES or self.tokens[j].text[:1].isupper()
                    or ((lows[j][:1].isdigit() or lows[j] in self.rules.number_words) and lows[j + 1:j + 2]
                        and lows[j + 1] in PLACE_WORDS)  # "in 14 districts", "X and two nearby hamlets"
                    or (lows[j] in PREPOSITIONS and j + 1 < len(lows) and (
                        lows[j + 1] in PLACE_WORDS or self.tokens[j + 1].text[:1].isupper()))):
                j += 1
            else:
                break
        return j

    def _aid_agency_before(self, k: int) -> bool:
        """An aid agency's name ends right before token k: "MSF", "UNICEF", "Norwegian Refugee Council"."""
        return any((entry := self.rules.sources.get(" ".join(self.lows[j:k]))) is not None and entry["kind"] in _AID_KINDS
                   for j in range(max(0, k - 4), k))

    def closing(self, k: int, within: int) -> int | None:
        """The ")" that closes the bracket opened at token k, if it comes within `within` tokens."""
        return next((j for j in range(k + 1, min(len(self.lows), k + within)) if self.lows[j] == ")"), None)

    def _name_then_group(self, k: int) -> bool:
        """A proper name starts at token k and a group word follows it: "Frontier Corps soldiers", "Syrian refugees"."""
        return k < len(self.lows) and self.tokens[k].text[:1].isupper() and self.lows[k] not in FUNCTION \
            and k not in self.triggers and bool(self.group_at(self._name_end(k)))

    def _name_end(self, k: int) -> int:
        """The token after a proper name that starts at token k, its inner "of", "for", hyphens and a
        bracketed short form included: "Communist Party of India-Maoist (CPI-Maoist)"."""
        tokens, lows, n = self.tokens, self.lows, len(self.lows)
        capital = lambda j: j < n and tokens[j].text[:1].isupper() and j not in self.triggers \
            and not self.group_at(j)  # noqa: E731 (a name stops before the noun it may qualify: "Police Officer")
        j = k + 1
        while j < n and j - k < 14:
            if capital(j):
                j += 1
            elif lows[j] in NAME_JOINERS and (capital(j + 1) or (lows[j + 1:j + 2] == ["the"] and capital(j + 2))):
                j += 2 + (lows[j + 1] == "the")  # "Forces for the Liberation of Rwanda"
            elif lows[j] == "(" and (close := self.closing(j, 6)) is not None \
                    and all(capital(c) or lows[c] == "-" for c in range(j + 1, close)) and close > j + 1:
                j = close + 1
            elif lows[j] in {"'", "’"} and lows[j + 1:j + 2] == ["s"] and (capital(j + 2) or self._ordinal(j + 2)):
                j += 2  # "the Philippine Army's 83rd Infantry Battalion"
            elif self._ordinal(j) and capital(j + 2):
                j += 2
            elif lows[j] in _JOINED_PARTICLES and lows[j + 1:j + 2] == ["-"] and capital(j + 2):
                j += 3  # "Hayat Tahrir al-Sham", "Jama'at Nusrat al-Islam wal-Muslimin"
            else:
                break
        return j

    def _ordinal(self, j: int) -> bool:
        """Tokens j and j + 1 write an ordinal: "83rd"."""
        return j + 1 < len(self.lows) and self.lows[j].isdigit() and self.lows[j + 1] in {"st", "nd", "rd", "th"} \
            and self.tokens[j].end == self.tokens[j + 1].start

    def skip_of(self, k: int) -> int:
        """Past an "of" phrase of a few words: "a member of the state security was killed", "a cadre of
        the Communist Party of India-Maoist (CPI-Maoist) was killed"."""
        lows, start = self.lows, k + 1 + (k + 1 < len(self.lows) and self.lows[k + 1] in DETERMINERS)
        ordinal = False
        if start < len(lows) and self.tokens[start].text[:1].isupper() and lows[start] not in FUNCTION \
                and start not in self.triggers:
            end = self._name_end(start)
            if end < len(lows) and lows[end] in _NAMED_PLACES:  # "residents of the Koshin neighbourhood", "of the
                end += 1  # Bulengo camp"
            elif lows[end:end + 1] == ["and"] and end + 1 < len(lows) and self.tokens[end + 1].text[:1].isupper() \
                    and (after := self._name_end(end + 1)) < len(lows) and lows[after] in _NAMED_PLACES:
                end = after + 1  # "residents of the Koshin and Hawo Tako neighbourhoods"
            return end
        end = start
        while end < len(lows) and end - start < 7 and end not in self.triggers and (
                self.group_at(end) or (lows[end].isalpha() and lows[end] not in FUNCTION)
                or (lows[end] in {"'", "’"} and lows[end + 1:end + 2] == ["s"]) or (ordinal := self._ordinal(end))):
            end += 2 if lows[end] in {"'", "’"} or ordinal else 1  # "the regime's", "the army's 83rd"
            ordinal = False
        return end if end > start else k + 1

    def label(self, first: int, listed: tuple[str, str] | None = None) -> tuple[tuple[str, str], Entry | None] | None:
        """((category, rule id), group) from a report line's label, when the count at token `first` follows
        its colon: "Deaths (7-day): 212", "Refugees in Uganda: 58,300", "Fighters: est. 3,000"; `listed`, the category
        of the list the line is an item of, if its label names none ("Masisi territory: 71,400")."""
        span = self._label_span(first)
        if span is None:
            return None
        lows, (start, colon) = self.lows, span
        if not 0 < colon - start <= 16 or any(w in CLAUSE_ENDS - {"(", ")", "-"} for w in lows[start:colon]) or (
                any(w in _CLAUSE_VERBS for w in lows[start:colon]) and any(w[:1].isdigit() for w in lows[start:colon])):
            return None  # (not "Police say at least 60 people have died: 38 in Jajarkot": a clause with its own count,
            # not a label; but "- Families that have lost their homes: 1,850" is one)
        if self.labels_things(first):
            return None
        category, entry = self.named_by(start, colon)
        category = category or listed
        return (category, entry) if category is not None else None

    def _label_span(self, first: int) -> tuple[int, int] | None:
        """(first token, colon) of the label a count at token `first` follows: "Deaths (7-day): 212"."""
        lows = self.lows
        colon = next((j for j in range(first - 1, max(-1, first - 4), -1) if lows[j] == ":" or (
            spaced_dash(self.tokens, j) and j + 1 < len(lows) and self.tokens[j + 1].start > self.tokens[j].end)),
            None)  # (or a dash with spaces around it:
        # "• Amanuel — 2,100")
        if colon is None or any(lows[j] not in LABEL_GAP for j in range(colon + 1, first)):
            return None
        return next((j + 1 for j in range(colon - 1, -1, -1) if lows[j] == ":"), 0), colon  # (after a heading's colon)

    def labels_things(self, first: int) -> bool:
        """The count at token `first` follows a label that names things and no people: "- Livestock perished: 719,558",
        "- Houses destroyed: 1,200"."""
        span = self._label_span(first)
        if span is None:
            return False
        start, colon = span
        verb = next((j for j in range(start, colon) if j in self.triggers), colon)
        return any(self.lows[j] in self.rules.things and self.lows[j] not in PLACE_WORDS for j in range(start, verb)) \
            and not any(self.group_at(j) for j in range(start, colon))  # (the things before its verb: not "- Displaced
        # in schools and camps: 4,500", "- Missing after boats capsized: 12"; nor "- Other localities: 21,600", places)

    def named_by(self, start: int, end: int) -> tuple[tuple[str, str] | None, Entry | None]:
        """((category, rule id) or None, group or None) that the words from token start to end name, as a label or a
        table's column header does: "Deaths", "Refugees in Uganda", "Households", "Fighters"."""
        category, entry = None, None
        for j in range(start, end):
            if category is None and j in self.triggers:
                category = (self.triggers[j][1]["category"], self.triggers[j][1].id)
            elif (found := self.group_at(j)) is not None:
                entry = entry or found[1]
                if category is None and found[1]["category"]:
                    category = (found[1]["category"], found[1].id)
        if category is None and entry is not None and entry["force"]:
            category = ("fighters", entry.id)  # a force's strength
        return category, entry

    def total_of(self, first: int, any_group: bool = False) -> Entry | None:
        """The noun of "the number of <noun>" that a total at token `first` gives ("the number of refugees
        had surpassed 1 million"), when that noun carries a category of its own (refugees, IDPs) or is a force's
        ("put the number of fighters at 15,000")."""
        lows = self.lows
        if lows[first] in RISEN:  # "had surpassed 1 million": the verb is the number's qualifier
            first += 1
        if not first or lows[first - 1] not in RISEN:
            return None
        for k in range(first - 2, max(-1, first - 14), -1):
            if lows[k] in CLAUSE_BREAKS or lows[k] in {".", ";"}:
                return None
            if lows[k] == "of" and k >= 1 and lows[k - 1] == "number":
                # "the number of refugees", "the number of Sudanese refugees in South Sudan"
                for j in range(k + 1, min(first, k + 4)):
                    found = self.group_at(j)
                    if found and ((any_group and (t := self.triggers.get(j + found[0])) is not None and t[1]["kind"] == "verb")
                                  or found[1]["category"] or (found[1]["force"] and all(
                            self.tokens[m].text[:1].isupper() or lows[m] in {"in", "the", "at"}
                            for m in range(j + found[0], first)))):  # (not "the number of fighters who surrendered")
                        return found[1]
                    if not (found or self.tokens[j].text[:1].isupper()):
                        break
                return None
        return None

    def force_subject(self, first: int) -> Entry | None:
        """The force whose size a strength word before token `first` gives when no noun follows the number:
        "Mali's armed forces number roughly 40,000", "the fighters are believed to number 1,500", "peacekeepers, who
        number around 10,000"."""
        found = self.rules.strength.match_ending_at(self.lows, first - 1) if first else None
        j = first - 1 - found[0] if found else -1
        aside = False
        while j >= 0 and first - j <= 9:
            if self.lows[j] == "," and not aside:
                aside, j = True, j - 1  # "The attackers, said to number about 200," (the force the sentence's subject: not
                if (end := self._subject_force(j)) is None:  # "Casualties in the army, estimated at 200", "people
                    return None  # displaced by the militia, numbering about 3,000")
                return end
            if (subject := self.rules.groups.match_ending_at(self.lows, j)) is not None:
                return subject[1] if subject[1]["force"] else None  # type: ignore[index,return-value]
            if (collective := self._collective(j)) is not None:
                return collective  # "The militia is thought to number 3,000": its members
            if before_relative(self.lows, j) != j:
                j = before_relative(self.lows, j)  # "UN peacekeepers, who number around 10,000"
                continue
            if self.lows[j] not in AUX and not self.lows[j].endswith("ly"):
                return None
            j -= 1
        return None

    def _subject_force(self, j: int) -> Entry | None:
        """The force whose noun ends at token j and opens its sentence: "The attackers", "Gunmen", "The militia"."""
        found = self.rules.groups.match_ending_at(self.lows, j)
        entry: Entry | None
        if found is not None:
            start, entry = j - found[0] + 1, found[1]
            if not entry["force"]:
                return None
        elif (entry := self._collective(j)) is not None:
            start = j
        else:
            return None
        while start > 0 and (self.lows[start - 1] in DETERMINERS or self.tokens[start - 1].text[:1].isupper()):
            start -= 1  # "The", "Some Al-Shabaab"
        return entry if start == 0 or self.lows[start - 1] in _REPORTED else None  # (or a reported clause's: "Sources
        # told our correspondent that the bandits, numbering about 300, came from the forest")

    def _collective(self, j: int) -> Entry | None:
        """The members of a force named by what it is at token j (a militia, army, contingent; a group or movement only
        when called armed): fighters or soldiers."""
        low = self.lows[j]
        if low not in _COLLECTIVE or (low in _VAGUE_COLLECTIVE and not (j and self.lows[j - 1] in _ARMED)):
            return None
        found = self.rules.groups.match_at([_COLLECTIVE[low]], 0)
        return found[1] if found else None  # type: ignore[index,return-value]

    def _own_fate(self, k: int) -> bool:
        """A trigger of its own follows token k in the clause: what befell the kin named before."""
        end = next((j for j in range(k, len(self.lows)) if self.lows[j] in {",", ".", ";", "who", "which", "that"}),
                   len(self.lows))  # (not "relatives of missing migrants who drowned": their kin's fate)
        return any(j in self.triggers for j in range(k, end))

    def names_a_place(self, k: int) -> bool:
        """A place starts at token k, perhaps after "the", "their", "our": "left the camp", "left Gidan Bawa"."""
        lows = self.lows
        k += k + 1 < len(lows) and lows[k] == "for" and self.tokens[k + 1].text[:1].isupper()  # "left
        # for Mazatlán"
        k += k < len(lows) and lows[k] in {"the", "their", "our", "its", "his", "her", "those", "these", "this", "that"}
        k += k < len(lows) and lows[k] in _SIDES  # "left the southern suburbs"
        return k < len(lows) and (lows[k] in LEFT_PLACES or (
            self.tokens[k].text[:1].isupper() and lows[k] not in FUNCTION and not self.group_at(k)
            and lows[k] not in MONTHS and lows[k] not in WEEKDAYS and lows[k + 1:k + 2] not in (["'"], ["’"])))

    def names_a_country(self, k: int) -> bool:
        """A country starts at token k: "returned from Iran and Pakistan", "deported from the United States", "returned
        from neighbouring countries", "returning from abroad"."""
        k += k < len(self.lows) and self.lows[k] == "the"
        if k < len(self.lows) and self.lows[k] in {"neighbouring", "neighboring", "abroad", "exile"}:
            return True
        found = self.rules.places.match_at([t.text for t in self.tokens], k) if k < len(self.lows) else None
        return (found is not None and found[1]["kind"] == "country" and self.lows[k + found[0]:k + found[0] + 1] not in (
            ["'"], ["’"])) or self._border_crossing(k)  # (not "returned from Chad's border area to El Geneina": a place
        # inside it)

    def _border_crossing(self, k: int) -> bool:
        """Named border crossings start at token k: "(returned through) the Torkham and Spin Boldak border crossings"."""
        j = k
        while j < len(self.lows) and j - k < 8 and (self.tokens[j].text[:1].isupper() or self.lows[j] in {"and", ","}):
            j += 1
        return j > k and self.lows[j:j + 2] in BORDER_POINTS

    def _of_whole(self, first: int) -> int:
        """The token after the "of" that makes the number at token `first` a whole, past a possessor and "the": "of the",
        "of Gaza's", "of the Gaza Strip's", "of its" (`first` itself when "of" stands right before it)."""
        lows, tokens = self.lows, self.tokens
        at = first
        if lows[max(0, at - 2):at] == ["'", "s"] and at >= 4:
            at -= 3  # "1.7 million of Gaza's 2.3 million residents", "of the territory's 2.3 million people"
            while at >= 2 and first - 3 - at < 2 and tokens[at].text[:1].isupper() and tokens[at - 1].text[:1].isupper():
                at -= 1  # "of the Gaza Strip's", "of North Darfur's"
        elif lows[at - 1:at] in (["its"], ["their"]) and at >= 2:
            at -= 1
        if lows[at - 1:at] == ["the"]:
            at -= 1
        return at

    def part_of_number(self, first: int) -> bool:
        """The number at token `first` is the whole that a number before it takes part of: "three of the
        five"."""
        lows = self.lows
        at = self._of_whole(first)
        whole = lows[at - 2] if at >= 2 else ""
        return at >= 2 and lows[at - 1] == "of" and (
            whole[:1].isdigit() or self.rules.number_words.get(whole) in {"unit", "ten", "scale"})

    def share_of(self, first: int) -> bool:
        """The number at token `first` is a population a share is taken of: "half of the 2,000", "40% of the town's
        5,000", "two-thirds of its 9,000"."""
        at = self._of_whole(first)
        if at == 0 or self.lows[at - 1] not in {"of", "the"}:
            return False
        shares = self.rules.shares
        return bool(shares.match_ending_at(self.lows, first - 1) or shares.match_ending_at(self.lows, at - 1)
                    or shares.match_ending_at([*self.lows[:at], "the"], at))
