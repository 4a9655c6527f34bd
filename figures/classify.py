"""Classify: decide what a number counts (category and group) from the words around it."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace
from functools import lru_cache

from figures.dates import MONTHS, WEEKDAYS
from figures.numbers import NumberMention, age_end
from figures.rules import Entry, Rules
from figures.sources import INVERSION_MARKS
from figures.tokens import Token, spaced_dash

# Words that may stand between a counted noun and its verb: "44 civilians ... were killed".
AUX = frozenset("were was is are have has had been be being will would could may might become became remain "
                "remained remains left made already reportedly allegedly also all later subsequently who that "
                "reported believed thought feared said confirmed estimated registered to now still sustained suffered "
                "as ordered newly expected staying living live stay stayed having there currently suffering found".split())
FUNCTION = AUX | frozenset("in on at from of to by for with since during after before across near and or but "
                           "including among while as when which this these those the a an its their his her "
                           "last yesterday today overnight so far more than".split())
MODIFIERS = frozenset("more other additional unarmed innocent armed local foreign young elderly old unidentified "
                      "suspected alleged fellow further new pro-government government opposition enemy security "
                      "military army police aid medical ethnic unregistered undocumented".split())
PLACE_WORDS = frozenset("the a an and , nearby neighbouring neighboring surrounding northern southern eastern "
                        "western central north south east west northwest northeast southwest southeast province "
                        "provinces city cities town towns village villages district districts area areas region "
                        "regions localities camp camps governorate state of prefecture county department "
                        "territory municipality commune zone neighbourhood neighborhood valley valleys countryside".split())
TREATED = frozenset("treated admitted hospitalised hospitalized".split())
LEFT_PLACES = frozenset("camp camps village villages town towns city area areas region district quarter neighbourhood "
                        "neighborhood homes home house houses country island valley".split())
PREPOSITIONS = frozenset("from in near across at inside outside within around throughout".split())
NAME_PARTICLES = frozenset("de la del el al da do dos das di du le van von bin ibn - '".split())
NAME_JOINERS = NAME_PARTICLES | {"of", "for", "the", "and"}  # inside a name: "Forces for the Liberation of Rwanda"
FORCES = frozenset({"fighters", "soldiers", "police"})  # whose "others" are more of the same
CLOSING_QUOTES = frozenset("' \" ’ ”".split())
QUOTE_MARKS = frozenset("' \" ‘ “".split())
APPOSITION_STARTS = frozenset("the a an mostly mainly most many all almost nearly half".split())
NUMBER_OF = frozenset("the total number".split())
CLAUSE_BREAKS = frozenset("; : while but whereas after before when because although as".split())
CLAUSE_ENDS = frozenset(", ; : ( ) — – -- .".split())  # where a death's stated cause stops applying
COORDINATORS = frozenset(", and or including with plus".split())
AGE_WORDS = frozenset("about around roughly approximately some between and to - over under".split())
DETERMINERS = frozenset("the a an its their his her".split())
PART_OF = frozenset({"g-member", "g-members"})  # "members of the security forces" count as the forces
OBJECT_STARTS = frozenset("a an the his her their its two three four five six seven eight nine ten".split())
THE_COUNTED = frozenset("dead killed injured wounded victims casualties displaced missing".split())  # "190 of the dead"
SUBSET_MARKERS = (("incl", "."), ("including",), ("among", "them"), ("of", "whom"), ("among", "whom"), ("of", "them"),
                  ("of", "which"), ("among", "those"), ("incl",), ("included",))
CUMULATIVE = frozenset("has have toll total tally are remain remains remained hosts hosting shelters sheltering".split())  # a running total or a stock
HOSTED = frozenset({"people", "families", "households", "children", "women", "civilians", "men"})
# Triggers' `binds` (triggers.csv): "forces-only" ("lost 14 soldiers"; not "lost 300 homes"), "people-only"
# ("seized 15 pupils"; not "seized 47,500 pills") and "from-place" ("families had left the camp") bind a
# count only close by; "hosts" counts only people a place holds, not its staff; "force-size" ("a force of
# 5,000 men"), "recruits" ("recruited 200 children") and "joins" (a force's new members, when a force is
# what they joined) make men and people fighters; "arrival" makes arriving police and troops a deployment.
CLOSE_ONLY = frozenset({"people-only", "forces-only", "from-place"})
SPEAKING = frozenset("said says told tells added stated noted".split())  # "a soldier said" (not "reported killed")
UNREAL = (0, None, 0)  # what forward finds where the verb after a number is negated (see negators.csv)
MOVED = frozenset({"displaced", "refugees"})
RISEN = frozenset("to at reached reaches hit surpassed exceeded totalled totaled numbered topped passed neared "
                   "approached crossed touched".split())  # verbs of a total: "had risen to 56", "numbered 500"


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


@dataclass(frozen=True)
class _Noun:
    kind: str  # group, none or unknown
    entry: Entry | None
    end: int
    adjective: tuple | None = None  # a trigger used as an adjective: "displaced families"
    fallback: tuple | None = None  # "of the dead": the category when no verb says otherwise


@lru_cache(maxsize=4096)
def _is_unit(word: str) -> bool:
    from figures.units import is_measurement_unit

    return is_measurement_unit(word)


class _Sentence:
    """A sentence's tokens with the trigger and group matches the binding rules consult."""

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
                elif match[1].get("binds") == "from-place" and not self.names_a_place(start + match[0]):
                    pass  # "the attack left 12 dead": no leaving
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
            if lows[k] not in {"in", "into"} or k in self.triggers or not lows[k + 1][:1].isdigit():
                continue
            for j in range(k + 2, min(len(lows), k + 5)):
                entry = rules.shelters.get(lows[j])
                if entry is not None:
                    self.triggers[k] = (j + 1, entry, k)
                    break

    def inverted_attribution(self, k: int) -> bool:
        """Token k follows a reporting verb that follows a comma or quote ("..., said a local official"), or
        stands in apposition to the name such a verb introduces ("..., said Ali Hassan, a local official")."""
        lows, verbs = self.lows, self.rules.attribution["verbs"]
        if k >= 2 and lows[k - 1] in verbs and lows[k - 2] in INVERSION_MARKS:
            return True
        j = k - 2
        while j >= 0 and k - j <= 8 and (self.tokens[j].text[:1].isupper() or lows[j] == "."):
            j -= 1  # the name, titles' full stops included: "Lt. Col. Ahmed Musa"
        return k >= 1 and lows[k - 1] == "," and j < k - 2 and j >= 1 and lows[j] in verbs and lows[j - 1] in INVERSION_MARKS

    def participle(self, k: int) -> bool:
        """A verb-kind trigger right after a noun phrase: "people displaced", "civilians killed"."""
        return k in self.triggers and self.triggers[k][1]["kind"] == "verb"

    def own_verb(self, k: int, reporting: bool = False) -> bool:
        """A past participle of no figure follows the noun phrase ending before token k, perhaps after an
        auxiliary: "20 others questioned", "20 others were questioned"; with `reporting`, one that only
        says the count was told ("seven of the fatalities were recorded in Swat")."""
        while k < len(self.lows) and self.lows[k] in {"were", "was", "had", "have", "has", "been", "being"}:
            k += 1
        return k < len(self.lows) and self.other_verb(k) and (
            not reporting or self.lows[k] in self.rules.attribution["verbs"])

    def another_place(self, mention: NumberMention) -> bool:
        """A bare count after "and" with a place of its own right after it: "... in Idlib and 3 in Hama"."""
        lows, k = self.lows, mention.last
        return mention.first >= 1 and lows[mention.first - 1] == "and" and k + 1 < len(lows) \
            and lows[k] in {"in", "at", "near"} and self.tokens[k + 1].text[:1].isupper() \
            and lows[k + 1] not in MONTHS and lows[k + 1] not in WEEKDAYS  # not "... and 3 in March"

    def bracketed_under(self, out: list[Binding], first: int) -> Binding | None:
        """The count whose breakdown in brackets the count at token `first` stands in: "1,642 civilian
        casualties (522 killed, 1,120 injured)"."""
        lows = self.lows
        opening = next((j for j in range(first - 1, max(-1, first - 12), -1) if lows[j] in {"(", ")"}), None)
        if opening is None or lows[opening] != "(":
            return None
        return next((b for b in reversed(out) if b.noun_end == opening and b.parent is None), None)

    def label(self, first: int) -> tuple[tuple[str, str], Entry | None] | None:
        """((category, rule id), group) from a report line's label, when the count at token `first` follows
        its colon: "Deaths (7-day): 212", "Refugees in Uganda: 58,300", "Fighters: est. 3,000"."""
        lows = self.lows
        colon = next((j for j in range(first - 1, max(-1, first - 4), -1) if lows[j] == ":"), None)
        if colon is None or any(lows[j] not in LABEL_GAP for j in range(colon + 1, first)):
            return None
        start = next((j + 1 for j in range(colon - 1, -1, -1) if lows[j] == ":"), 0)  # after a heading's colon
        if not 0 < colon - start <= 10 or any(w in CLAUSE_ENDS - {"(", ")", "-"} for w in lows[start:colon]):
            return None
        category, entry = None, None
        for j in range(start, colon):
            if category is None and j in self.triggers:
                category = (self.triggers[j][1]["category"], self.triggers[j][1].id)
            elif (found := self.group_at(j)) is not None:
                entry = entry or found[1]
                if category is None and found[1]["category"]:
                    category = (found[1]["category"], found[1].id)
        if category is None and entry is not None and entry["force"]:
            category = ("fighters", entry.id)  # a force's strength
        return (category, entry) if category is not None else None

    def group_at(self, k: int):
        return self.rules.groups.match_at(self.lows, k) if k < len(self.lows) else None

    def noun(self, mention: NumberMention) -> _Noun | None:
        """The noun phrase after a number; None when it counts things, not people."""
        found = self._noun(mention.last)
        if found is not None and mention.kind in {"article", "definite"}:
            after = found.end
            headless = after < len(self.lows) and self.lows[after].isalpha() and self.lows[after] not in FUNCTION \
                and after not in self.triggers
            if found.kind != "group" or headless or mention.kind == "definite":
                # "an official end", "the soldier": count one only where a verb binds it closely
                return _Noun("unknown", found.entry, found.end, found.adjective)
        return found

    def _noun(self, k: int) -> _Noun | None:
        lows = self.lows
        if lows[k:k + 2] in (["of", "the"], ["of", "those"]) and k + 2 in self.triggers:
            end = self.triggers[k + 2][0]  # "two of the injured later died", "12 of the dead were children"
            found = self.group_at(end + 1) if lows[end:end + 1] in (["were"], ["was"]) else None
            if found:
                return _Noun("group", found[1], end + 1 + found[0], fallback=self.triggers[k + 2])  # type: ignore
            return _Noun("none", None, end, fallback=self.triggers[k + 2])
        if k < len(lows) and lows[k] in CLOSING_QUOTES and self.tokens[k - 1].end == self.tokens[k].start:
            k += 1  # 'killed "hundreds" of fighters', 'killed "more than 60" M23 fighters'
        if k < len(lows) and lows[k] in {"of", "-"}:
            k += 1
        if k < len(lows) and lows[k] in {"the", "them", "their", "his", "its", "those"} and lows[k - 1] == "of":
            k += 1
        if k >= 1 and lows[k - 1] in {"of", "the"} and lows[k + 1:k + 3] == ["'", "s"] and k + 3 < len(lows) \
                and (lows[k + 3][:1].isdigit() or lows[k + 3] in self.rules.number_words):
            k += 3  # "1.7 million of Gaza's 2.3 million residents": who the first number counts
        if lows[k:k + 2] == ["the", "number"] or lows[k:k + 3] == ["the", "total", "number"]:
            of = k + lows[k:k + 4].index("number") + 1  # "brings to 274,000 the number of people displaced"
            found = self.group_at(of + 1) if of < len(lows) and lows[of] == "of" else None
            if found:
                return _Noun("group", found[1], of + 1 + found[0])  # type: ignore[arg-type]
        if k + 1 < len(lows) and lows[k] in {"were", "was", "are"} and self.group_at(k + 1):
            n, entry = self.group_at(k + 1)  # type: ignore[misc]
            return _Noun("group", entry, k + 1 + n)
        adjective = None
        k = age_end(lows, k) or k  # "a 12-year-old boy"
        for _ in range(6):  # "2,200 additional army and National Guard personnel"
            if k >= len(lows):
                break
            found = self.group_at(k)
            if found:
                end, carried = k + found[0], None
                while more := self.group_at(end):  # "Rohingya people"; "civilian deaths" are killed
                    if more[1]["category"] and not found[1]["category"] and carried is None:
                        carried = (end + more[0], more[1], end)
                    end += more[0]
                of = end + 1 + (lows[end + 1:end + 2] == ["the"])
                if found[1].id in PART_OF and lows[end:end + 1] == ["of"] and (whole := self.group_at(of)):
                    return _Noun("group", whole[1], of + whole[0], adjective)  # type: ignore[index]
                return _Noun("group", found[1], end, adjective, fallback=carried)  # type: ignore[arg-type]
            low = lows[k]
            if k in self.triggers:
                after = self.triggers[k][0]
                if self.group_at(after):
                    adjective, k = self.triggers[k], after
                    continue
                if any(j < len(lows) and lows[j] in self.rules.things for j in (after, after + 1)) or (
                        after == k + 1 and low in self.rules.things):
                    return None  # "48 evacuation centres", "a handful of captured assault weapons"; "opened 48
                    # shelters" (a noun here, not the verb)
                break
            text = self.tokens[k].text
            named = text[:1].isupper() and any(self.group_at(j) for j in range(k + 1, min(len(lows), k + 4)))
            if low in self.rules.things or (low.isalpha() and len(low) > 2 and low not in FUNCTION and not named
                                            and _is_unit(low)):
                return None  # "200 tonnes"; not a name pint reads as a unit before a noun ("an Abu Sayyaf militant")
            if text[:1].isupper() and k + 1 < len(lows) and lows[k + 1].isdigit() \
                    and self.tokens[k].end == self.tokens[k + 1].start:
                k += 2  # "60 M23 fighters": a name with digits in it
                continue
            if text[:1].isupper() and low not in FUNCTION and k not in self.triggers:
                k = self._name_end(k)  # "four Communist Party of India-Maoist (CPI-Maoist) cadres"
                continue
            if low in MODIFIERS or low == "-" or (text[:1].isupper() and (low not in FUNCTION or text.isupper())):
                k += 1
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
            if any(lows[j] in self.rules.things for j in (k + 1, k + 2) if j < len(lows)):
                return None  # "31 accommodation centres", "42 relief camps"
            return _Noun("unknown", None, k + 1)
        return _Noun("none", None, k)

    def _skip_place(self, k: int) -> int:
        """Past a place phrase, or a chain of them: "from the town of Bria in Haute Kotto prefecture"."""
        lows, j = self.lows, k + 1
        while j < len(lows) and j - k <= 12:
            if lows[j] in {"'", "’"} and lows[j + 1:j + 2] == ["s"] and self.tokens[j - 1].text[:1].isupper():
                j += 2  # "from Iran's Sino town"
            elif lows[j] == "(" and (close := self._closing(j, 6)) is not None and self.tokens[j + 1].text[:1].isupper():
                j = close + 1  # "from Iran's Sino (Oshnavieh) town"
            elif (lows[j] in PLACE_WORDS or lows[j] in NAME_PARTICLES or self.tokens[j].text[:1].isupper()
                    or (lows[j][:1].isdigit() and lows[j + 1:j + 2] and lows[j + 1] in PLACE_WORDS)  # "in 14 districts"
                    or (lows[j] in PREPOSITIONS and j + 1 < len(lows) and (
                        lows[j + 1] in PLACE_WORDS or self.tokens[j + 1].text[:1].isupper()))):
                j += 1
            else:
                break
        return j

    def _skip(self, k: int, starts: dict[int, int]) -> tuple[int, bool] | None:
        """The token after what may stand between a noun phrase and its verb, and whether it was an
        auxiliary; None when token k ends the search."""
        lows, low = self.lows, self.lows[k]
        nxt = lows[k + 1] if k + 1 < len(lows) else ""
        if low in AUX:
            return k + 1, True
        if low == "and" and k + 1 not in starts:
            ahead = self._group_soon(k + 1)
            if ahead is None:
                return None  # "killed 5 people and injured 12": a new verb phrase
            if all((lows[m].isalpha() or lows[m] == "-") and lows[m] not in FUNCTION for m in range(k + 1, ahead)):
                return ahead, False  # "Sixteen soldiers and volunteer fighters were killed"
        if nxt == "and" and low.isalpha() and k > 0 and lows[k - 1] in AUX and k + 2 not in starts:
            return k + 2, False  # "was shot and died", "were shot and injured"; not "were affected and 1,200 ..."
        if nxt == "-" and k + 2 < len(lows) and lows[k + 2].endswith("ly"):
            return k + 3, False  # "were pre-emptively evacuated"
        if low == "," and (nxt in APPOSITION_STARTS or nxt in {"including", "or", "among", "not"}
                           or (nxt == "of" and lows[k + 2:k + 3] in (["whom"], ["them"]))):
            # "150 people, the whole population of the village, were displaced"; "9 people, among them 3
            # children, died"; "14 people, not 41, were killed"
            close = next((j for j in range(k + 1, min(len(lows), k + 26)) if lows[j] == ","), None)
            return (close + 1, False) if close is not None else None
        if spaced_dash(self.tokens, k):  # a spaced dash opens an aside
            close = next((j for j in range(k + 1, min(len(lows), k + 26)) if lows[j] == low), None)
            if close is not None:
                return close + 1, False  # "1.9 million people - about 90 per cent of the population - are displaced"
        if low == "including":  # "two militants including a commander were killed"
            j = k + 1
            while j < len(lows) and lows[j] not in AUX and j not in self.triggers and lows[j] not in {",", ";"} \
                    and j not in starts:
                j += 1
            return j, False
        if low == "among":  # "were among those killed", "among the dead"
            return k + (2 if nxt in {"the", "those"} else 1), False
        if low == "aged" and (nxt[:1].isdigit() or nxt in AGE_WORDS):
            j = k + 1
            while j < len(lows) and j - k <= 8 and (lows[j][:1].isdigit() or lows[j] in AGE_WORDS or lows[j] == ","):
                j += 1
            return j - (lows[j - 1] == ","), False  # "a man aged about 30 was killed", "children aged 4, 7 and 9"
        if low == "of" and nxt not in {"whom", "them", "those"}:
            return self._skip_of(k), False
        if low in {"suspected", "accused"} and nxt == "of":
            return self._skip_of(k + 1), False  # "two men suspected of robberies were fatally assaulted"
        if low.endswith("ing") and low.isalpha() and low not in FUNCTION and k not in self.triggers and (
                aux := self._to_aux(k + 1, starts)) is not None:
            return aux, False  # "a man driving a motorcycle was shot"
        if low in NUMBER_OF and nxt in NUMBER_OF | {"of"}:
            return k + 1, False  # "brings to 274,000 the total number of people displaced"
        if low in {",", "and", "or", "-", "of"} or (low.endswith("ly") and len(low) > 4) or self.group_at(k):
            return k + 1, False
        if k in starts:
            if k and (lows[k - 1] in SPEAKING or lows[k - 1] == "that"):
                return None  # "... climbed to 22, and police said 35 suspects had been detained": that count's verb
            return starts[k], False
        if low in PREPOSITIONS:
            return self._skip_place(k), False
        if k >= 1 and (lows[k - 1] in PREPOSITIONS or (k >= 2 and lows[k - 1] in {"the", "a", "an", "their", "its"}
                                                      and lows[k - 2] in PREPOSITIONS)) \
                and low.isalpha() and low not in FUNCTION and k not in self.triggers and (
                    lows[k - 1] not in PREPOSITIONS or nxt in AUX or k + 1 in self.triggers):
            return k + 1, False  # "people living near the river were evacuated", "residents at risk are being
            # relocated": a preposition's object
        if low in TREATED and any(j in self.triggers and lows[j] == "for" for j in range(k + 1, min(len(lows), k + 5))):
            return k + 1, False  # "1,350 people had been treated in hospitals for injuries"
        if low in QUOTE_MARKS or low in CLOSING_QUOTES:
            return k + 1, False  # '"about 60 criminals" had been killed', 'were "neutralised"'
        if low == "(":
            close = self._closing(k, 12)
            return (close + 1 if close is not None else len(lows)), False
        return None

    def _closing(self, k: int, within: int) -> int | None:
        """The ")" that closes the bracket opened at token k, if it comes within `within` tokens."""
        return next((j for j in range(k + 1, min(len(self.lows), k + within)) if self.lows[j] == ")"), None)

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
            elif lows[j] == "(" and (close := self._closing(j, 6)) is not None \
                    and all(capital(c) or lows[c] == "-" for c in range(j + 1, close)) and close > j + 1:
                j = close + 1
            elif lows[j] in {"'", "’"} and lows[j + 1:j + 2] == ["s"] and (capital(j + 2) or self._ordinal(j + 2)):
                j += 2  # "the Philippine Army's 83rd Infantry Battalion"
            elif self._ordinal(j) and capital(j + 2):
                j += 2
            else:
                break
        return j

    def _ordinal(self, j: int) -> bool:
        """Tokens j and j + 1 write an ordinal: "83rd"."""
        return j + 1 < len(self.lows) and self.lows[j].isdigit() and self.lows[j + 1] in {"st", "nd", "rd", "th"} \
            and self.tokens[j].end == self.tokens[j + 1].start

    def _skip_of(self, k: int) -> int:
        """Past an "of" phrase of a few words: "a member of the state security was killed", "a cadre of
        the Communist Party of India-Maoist (CPI-Maoist) was killed"."""
        lows, start = self.lows, k + 1 + (k + 1 < len(self.lows) and self.lows[k + 1] in DETERMINERS)
        ordinal = False
        if start < len(lows) and self.tokens[start].text[:1].isupper() and lows[start] not in FUNCTION \
                and start not in self.triggers:
            return self._name_end(start)
        end = start
        while end < len(lows) and end - start < 7 and end not in self.triggers and (
                self.group_at(end) or (lows[end].isalpha() and lows[end] not in FUNCTION)
                or (lows[end] in {"'", "’"} and lows[end + 1:end + 2] == ["s"]) or (ordinal := self._ordinal(end))):
            end += 2 if lows[end] in {"'", "’"} or ordinal else 1  # "the regime's", "the army's 83rd"
            ordinal = False
        return end if end > start else k + 1

    def _to_aux(self, j: int, starts: dict[int, int]) -> int | None:
        """The auxiliary that ends an -ing phrase within a few words and the same clause: "driving a
        motorcycle was"; None if there is none."""
        lows, limit = self.lows, min(len(self.lows), j + 8)
        while j < limit and lows[j] not in AUX:
            if lows[j] in CLAUSE_ENDS or lows[j] in CLAUSE_BREAKS or j in starts or j in self.triggers:
                return None
            j += 1
        return j if j < limit else None

    def _finite_after(self, j: int, starts: dict[int, int]) -> tuple | None:
        """The verb that an -ing phrase is a modifier before: "a woman fleeing the fighting was shot dead"
        (a trigger after an auxiliary)."""
        j = self._to_aux(j, starts)  # type: ignore[assignment]
        while j is not None and j < len(self.lows) and self.lows[j] in AUX:
            j += 1
        return self.triggers.get(j) if j is not None else None

    def coordinated(self, trigger: tuple) -> tuple | None:
        """A trigger of another category joined to this one by "and" ("were kidnapped and killed", "abducted
        and killed three"): the people counted underwent both. Not one of killed and injured (that pair is
        a casualty count of its own, "killed and injured"), nor a fighter count."""
        end, entry, start = trigger
        if end + 1 < len(self.lows) and self.lows[end] == "and" and end + 1 in self.triggers:
            other = self.triggers[end + 1]
        elif start >= 2 and self.lows[start - 1] == "and" and start - 2 in self.triggers_end:
            other = self.triggers_end[start - 2]
        else:
            return None
        pair = {entry["category"], other[1]["category"]}
        return other if len(pair) == 2 and "fighters" not in pair and pair != {"killed", "injured"} else None

    def speakers(self, noun: _Noun) -> bool:
        """The noun names people who give figures rather than suffer them: "officials", "witnesses", "sources"."""
        return noun.kind in {"group", "unknown"} and self.lows[noun.end - 1] in self.rules.attribution["heads"]

    def speaks(self, k: int) -> bool:
        """A verb of saying stands at token k, perhaps after "later", "has" ("the mayor later said") or a second
        speaker ("a militia leader and a resident told AFP")."""
        lows, between = self.lows, self.rules.attribution["between"]
        for joiner, reach in (("of", 6), ("and", 9)):  # "a member of an armed group said"; "... and a resident told"
            if lows[k:k + 1] == [joiner] and lows[k + 1:k + 2] in (["a"], ["an"], ["the"]):
                k = next((j for j in range(k + 2, min(len(lows), k + reach))
                          if not lows[j].isalpha() or lows[j] in SPEAKING), k)
        while k < len(lows) and lows[k] in between:
            k += 1
        return k < len(lows) and lows[k] in SPEAKING

    def elliptic(self, before: Binding, first: int) -> bool:
        """A bare number at token `first` leaves out the noun of the count before it: "14 civilians were
        killed and 37 injured" (only auxiliaries and that count's verb stand between)."""
        between = range(before.noun_end, first - 1)
        return (first >= 1 and self.lows[first - 1] == "and" and any(j in self.triggers for j in between)
                and all(self.lows[j] in AUX or any(t[2] <= j < t[0] for t in self.triggers.values()) for j in between))

    def _negator_at(self, k: int) -> bool:
        """A negator starts at token k ("could", "tried to"), other than before "have" ("may have killed
        30" is an estimate, not a possibility)."""
        found = self.rules.negators.match_at(self.lows, k)
        return found is not None and self.lows[k + found[0]:k + found[0] + 1] != ["have"]

    def forward(self, k: int, starts: dict[int, int]) -> tuple[int, tuple] | None:
        """A verb after the noun phrase that the counted people underwent: "were killed", "died".

        Returns (distance, trigger), the distance counting what stood between other than auxiliaries."""
        lows, steps, distance, passive = self.lows, 0, 1, False
        while k < len(lows) and steps < 16:
            steps += 1
            if k >= 1 and lows[k - 1] in {"who", "that"} and k not in self.unreal and self._negator_at(k) \
                    and k + 1 < len(lows):
                k += self.rules.negators.match_at(lows, k)[0] + 1  # type: ignore[index]
                continue  # "three villagers who tried to resist were shot dead": the relative clause's attempt
            if k in self.unreal or self._negator_at(k):
                return distance, UNREAL
            if k in self.triggers:
                after, entry, _ = self.triggers[k]
                if not passive and lows[k].endswith("ing") and (main := self._finite_after(after, starts)):
                    return distance, main
                if lows[k].endswith("ly") and after < len(lows) and lows[after].isalpha():
                    after += 1  # "fatally shot a man": the object follows the verb the adverb qualifies
                active = after < len(lows) and (lows[after] in OBJECT_STARTS or after in starts)
                return (distance, self.triggers[k]) if passive or not active or entry["kind"] == "patient" else None
            step = self._skip(k, starts)
            if step is None:
                return None
            k, aux = step
            passive = passive or aux
            distance += 0 if aux else 1
        return None

    def _group_soon(self, k: int) -> int | None:
        """Where a group noun starts within a few words of token k ("and pro-government militia members
        were killed": a noun phrase, not a new verb), if one does."""
        return next((j for j in range(k, min(len(self.lows), k + 4)) if j not in self.triggers and self.group_at(j)),
                    None)

    def other_verb(self, k: int) -> bool:
        """Token k is a past-tense verb of no figure ("seized", "destroyed"), so it governs what follows."""
        low = self.lows[k]
        return (low.endswith("ed") and low.isalpha() and len(low) > 4 and low not in FUNCTION and low not in RISEN
                and k not in self.triggers_end and self.tokens[k].text.islower())

    def force_subject(self, first: int) -> Entry | None:
        """The force whose size a strength word before token `first` gives when no noun follows the number:
        "Mali's armed forces number roughly 40,000", "the fighters are believed to number 1,500"."""
        found = self.rules.strength.match_ending_at(self.lows, first - 1) if first else None
        j = first - 1 - found[0] if found else -1
        while j >= 0 and first - j <= 9:
            if (subject := self.rules.groups.match_ending_at(self.lows, j)) is not None:
                return subject[1] if subject[1]["force"] else None  # type: ignore[index,return-value]
            if self.lows[j] not in AUX and not self.lows[j].endswith("ly"):
                return None
            j -= 1
        return None

    def names_a_place(self, k: int) -> bool:
        """A place starts at token k, perhaps after "the", "their", "our": "left the camp", "left Gidan Bawa"."""
        lows = self.lows
        k += k < len(lows) and lows[k] in {"the", "their", "our", "its", "his", "her"}
        return k < len(lows) and (lows[k] in LEFT_PLACES or (
            self.tokens[k].text[:1].isupper() and lows[k] not in FUNCTION and not self.group_at(k)
            and lows[k] not in MONTHS and lows[k] not in WEEKDAYS and lows[k + 1:k + 2] not in (["'"], ["’"])))

    def part_of_number(self, first: int) -> bool:
        """The number at token `first` is the whole that a number before it takes part of: "three of the
        five"."""
        lows = self.lows
        at = first
        if lows[max(0, at - 2):at] == ["'", "s"] and at >= 4:
            at -= 3  # "1.7 million of Gaza's 2.3 million residents", "of the territory's 2.3 million people"
        if lows[at - 1:at] == ["the"]:
            at -= 1
        whole = lows[at - 2] if at >= 2 else ""
        return at >= 2 and lows[at - 1] == "of" and (
            whole[:1].isdigit() or self.rules.number_words.get(whole) in {"unit", "ten", "scale"})

    def total_of(self, first: int) -> Entry | None:
        """The noun of "the number of <noun>" that a total at token `first` gives ("the number of refugees
        had surpassed 1 million"), when that noun carries a category of its own (refugees, IDPs)."""
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
                    if found and found[1]["category"]:
                        return found[1]
                    if not (found or self.tokens[j].text[:1].isupper()):
                        break
                return None
        return None

    def backward(self, first: int, ends: set[int]) -> tuple[int, tuple, bool] | None:
        """A trigger before the number: (distance, trigger, coordinated-in-between)."""
        lows = self.lows
        if first > 0 and lows[first - 1] == "by":
            return None  # "shot by two armed men": the number counts the attackers
        coordinated = first > 0 and lows[first - 1] in COORDINATORS
        if first >= 2 and lows[first - 1] == "of" and (found := self.group_at(first - 2)) is not None \
                and found[0] == 1 and found[1]["singular"] and found[1]["unit"] == "households":
            first -= 2 + (first >= 3 and lows[first - 3] in DETERMINERS)  # "killed a family of six": six people
        k, crossed = first - 1, False
        reach = 30 if k >= 0 and lows[k] in RISEN else 15  # "the death toll from Tuesday's bombing at ... has risen to 19"
        while k >= 0 and first - k <= reach:
            if k in self.triggers_end:
                return first - k, self.triggers_end[k], crossed
            if (lows[k] in CLAUSE_BREAKS and (k < first - 1 or lows[k] not in {":", "as"})) or (k in ends and not coordinated):
                # "killed while two soldiers were injured"; but "death toll: 12", "fatalities were coded as 4"
                return None
            crossed = crossed or lows[k] in COORDINATORS
            k -= 1
        return None


def _category(trigger: tuple | None, noun: _Noun, s: _Sentence) -> tuple[str, str] | None:
    """(category, rule id) from the trigger, else from a noun that carries one ("refugees")."""
    if trigger is not None:
        entry = trigger[1]
        if entry["category"] == "displaced":  # "asylum seekers arrived", "Sudanese refugees arrived": refugees who
            # moved; "hosts 900 evacuees": the evacuated
            for named in (noun.entry, noun.fallback[1] if noun.fallback else None):
                if named is not None and named["category"] in {"refugees", "evacuated"}:
                    return named["category"], named.id
        binds = entry.get("binds")
        if (binds == "forces-only" and (noun.entry is None or not noun.entry["force"])) or (
                binds == "people-only" and noun.kind != "group") or (
                binds == "hosts" and noun.entry is not None and noun.entry["group"] not in HOSTED):
            return None  # ("the hospital shelters 40 doctors")
        if entry["category"] != "fighters":
            return entry["category"], entry.id
        if (noun.entry is not None and noun.entry["force"]) or (binds == "force-size" and (
                noun.kind == "none" or (noun.entry is not None and noun.entry["group"] in {"men", "people"}))) or (
                binds == "recruits" and noun.entry is not None and noun.entry["group"] in {"men", "people", "children"}) or (
                binds == "joins" and noun.entry is not None and noun.entry["group"] in {"men", "people", "children"}
                and any((g := s.group_at(j)) and g[1]["force"] for j in range(trigger[0], trigger[0] + 3))):
            return "fighters", entry.id  # "a force of 5,000 men": in a force, men are fighters; "150 young men
            # have joined the rebels" (but not "joined the protest")
    if noun.entry is not None and noun.entry["category"]:
        return noun.entry["category"], noun.entry.id
    return None


def _strength(s: _Sentence, mention: NumberMention, noun: _Noun) -> tuple[str, str] | None:
    """ "the group has around 2,000 fighters": a force's size, when a strength word stands right before
    the number and the noun is a force (and no verb right after says what befell them: "has 12
    soldiers in custody")."""
    if not mention.first or noun.entry is None or not noun.entry["force"]:
        return None
    found = s.rules.strength.match_ending_at(s.lows, mention.first - 1)
    owner = mention.first - 3
    if found is None and owner >= 0 and s.lows[owner + 1:mention.first] in (["'", "s"], ["’", "s"]) and (
            s.tokens[owner].text[:1].isupper() or s.lows[owner] in s.rules.attribution["heads"]):
        return "fighters", noun.entry.id  # "the mission's 12,000 peacekeepers", "Hamas's 30,000 fighters": a force's own
    return ("fighters", found[1].id) if found else None


def _tight(back: tuple | None) -> bool:
    """A trigger found before the count (see _Sentence.backward) binds it: within two tokens, nothing
    coordinated between."""
    return back is not None and back[0] <= 2 and not back[2]


def _choose(noun: _Noun, back, fwd, event_noun: bool = False) -> tuple[tuple | None, bool]:
    """The trigger that binds the number, and whether it sits close enough to trust an unknown noun."""
    if noun.adjective is not None:
        if fwd is not None and fwd[0] <= 2 and fwd[1][1]["category"] == "killed":
            return fwd[1], True  # "three injured soldiers later died", "a displaced person died": a death
        return noun.adjective, True
    tight_back = _tight(back)
    if not tight_back and event_noun:
        return None, True  # "94 deaths and 768 injuries": the count's own noun says what it counts
    trigger = back[1] if tight_back else fwd[1] if fwd else noun.fallback or (back[1] if back else None)
    tight = (tight_back or (back is not None and back[0] <= 3) or (fwd is not None and fwd[0] <= 3)
             or noun.fallback is not None)
    return trigger, tight


def classify(tokens: list[Token], mentions: list[NumberMention], rules: Rules, previous: Binding | None = None,
             earlier: Binding | None = None) -> list[Binding]:
    """Bind each number to a category and group; numbers that count nothing we track are dropped.
    `previous` is the last count of the sentence before, in the same paragraph: "Another 30 were
    injured" counts what it counted. `earlier` is the last count in this paragraph or the one before:
    "Among the victims were four women" are a part of it."""
    s = _Sentence(tokens, rules)
    nouns = [s.noun(m) for m in mentions]
    starts = {m.first: (n.end if n else m.last) for m, n in zip(mentions, nouns, strict=True)}
    ends = {(n.end if n else m.last) - 1 for m, n in zip(mentions, nouns, strict=True)}
    counted_ends = {n.end - 1 for m, n in zip(mentions, nouns, strict=True) if n and m.kind in {"digits", "words"}}
    out: list[Binding] = []
    listing = False  # the last binding was a marked subset or the next item of its list
    for mention, noun in zip(mentions, nouns, strict=True):
        if noun is None or any(j in s.other_causes for j in range(noun.end, noun.end + 3)):
            continue  # "... and two women died in childbirth": not bound to an earlier "killed"
        governed = noun.kind != "group" and mention.first > 0 and s.other_verb(mention.first - 1)
        # "shot two men and seized 47500 pills": things after another verb are its object; but people after
        # one are still counted ("those killed included 12 children")
        back = None if governed else s.backward(mention.first, ends - {noun.end - 1})
        if back is not None and 2 < back[0] <= 4 and not back[2] and s.lows[mention.first - 1] in RISEN \
                and back[1][1]["kind"] == "noun":
            back = (2, back[1], False)  # "the death toll has risen to 19": the toll binds its number tightly
        fwd = s.forward(noun.end, starts)
        if fwd is not None and fwd[1] is UNREAL:
            if not _tight(back):
                continue  # "200,000 more refugees could cross into Chad": what may happen is not counted
            fwd = None
        if fwd is None and not _tight(back) and s.own_verb(noun.end) and not (noun.fallback and s.own_verb(noun.end, True)) \
                and (noun.adjective is None or mention.kind not in {"digits", "words"}) \
                and (noun.entry is None or not noun.entry["category"]):
            continue  # "Five people were killed and 20 others questioned": the 20's own verb is none we track
            # (but "70 wounded people were treated" are wounded)
        if back is not None and fwd is not None and fwd[0] == 1 and s.lows[mention.first - 1] in {":", "("}:
            back = None  # "Casualties: 3 killed, 14 injured", "1,642 casualties (522 killed, ...)": the label or
            # whole heads a list; the verb says what each count is
        event_noun = noun.kind == "group" and noun.entry is not None and noun.entry["category"] in EVENT_NOUNS \
            and noun.end - 1 in s.triggers_end  # "deaths", which the triggers name too; not "abductees"
        trigger, tight = _choose(noun, back, fwd, event_noun)
        if trigger is not None and ((trigger[1].get("binds") in CLOSE_ONLY and trigger is not noun.fallback and not (
                _tight(back) or (fwd is not None and fwd[0] <= 2))) or (
                trigger[1].get("binds") == "from-place" and trigger[2] < mention.first)):
            trigger = None  # "seized power in 2022, he launched a campaign to recruit 50,000 volunteers"; "the war has
            # left Gaza's 2.1 million people without food": only those who left are displaced
        if mention.first and (s.rules.shares.match_ending_at(s.lows, mention.first - 1) or s.part_of_number(mention.first)) \
                and not s.participle(noun.end) and noun.adjective is None:
            continue  # "half of the 2,000 residents fled", "three of the five suspects were arrested"; but "half
            # of the 111,000 people displaced" and "four of the 30 abducted students" count
        if noun.kind == "unknown" and not tight:
            continue
        if mention.kind == "vague" and ((s.lows[mention.last:mention.last + 2] == ["of", "the"]
                                         and mention.last + 2 in s.triggers)
                                        or (s.lows[mention.last:mention.last + 2] in (["of", "them"], ["of", "whom"])
                                            and mention.first and s.lows[mention.first - 1] == ",")):
            continue  # "Several of the wounded were in critical condition", "20 were wounded, several of them
            # seriously", ", many of whom are sleeping in the open": some of a count, not a count (but "taking 13
            # prisoners and killing several of them" counts the dead)
        if (mention.kind in {"article", "definite"} or s.speakers(noun)) and (
                s.inverted_attribution(mention.first) or s.speaks(noun.end)):
            continue  # "..., said a local official", "..., a soldier said", "the mayor later said", "two security
            # sources said": the source, not a count
        if mention.kind in {"article", "definite"} and mention.first >= 2 and s.lows[mention.first - 1] == "of" \
                and mention.first - 2 in counted_ends:
            continue  # "seven members of the same family": the family the seven belong to
        per_place = noun.kind == "none" and bool(out) and fwd is None and s.another_place(mention)
        # "5 people were killed in Idlib and 3 in Hama": the count before, in another place
        labelled = s.label(mention.first) if noun.kind == "none" and (fwd is None or fwd[0] > 1) else None
        # (but "Casualties: 3 killed": the verb right after the count says what it is)
        if noun.kind == "none" and not tight and trigger is not None and trigger[1]["kind"] == "verb" and not labelled \
                and not per_place \
                and not (mention.first and (s.lows[mention.first - 1] in RISEN or s.lows[mention.first] in RISEN)):
            continue  # "killing ..., hitting one in the head": a bare number far from a verb
            # ("the number of people killed ... had risen to 56" is kept: a total, not a verb's object)
        if trigger is None and noun.kind == "none" and (total := s.total_of(mention.first)) is not None:
            noun = _Noun("group", total, noun.end)  # "the number of IDPs in Cabo Delgado has reached 580,000"
        if labelled is not None:  # "Refugees in Uganda: 58,300", "Deaths (7-day): 212"
            found, entry = labelled
            noun = _Noun("group", entry, noun.end) if entry is not None else noun
        elif per_place:
            found = (out[-1].category, out[-1].rule)
        else:
            if noun.kind == "none" and fwd is None and (subject := s.force_subject(mention.first)) is not None:
                noun = _Noun("group", subject, noun.end)  # "Mali's armed forces number roughly 40,000"
            found = (_strength(s, mention, noun) if fwd is None or fwd[0] > 3 else None) or _category(trigger, noun, s)
        marked = _marked_subset(s.lows, mention.first, mention.last)
        lists_on = listing and bool(out) and all(w in {",", "and"} for w in s.lows[out[-1].noun_end:mention.first])
        if found is None and out and noun.kind == "group" and (marked or lists_on):
            # "killing 30 people, among them eight children"; "including 1733 children 969 women and 3110 men"
            found = (out[-1].category, out[-1].rule)
        if found is None and earlier is not None and noun.kind == "group" and not out \
                and _among_the_counted(s.lows, mention.first, noun.end):
            found = (earlier.category, earlier.rule)  # "38 homicides were recorded. Among the victims were four women"
        if found is None:
            continue
        elliptic = (noun.kind == "none" or (noun.entry is not None and noun.entry.term.lower() == "others")) and out \
            and fwd is not None and fwd[0] == 1 and s.elliptic(out[-1], mention.first)  # "... and 6 others wounded"
        carried = (out[-1].group, out[-1].unit) if elliptic or per_place else None  # "14 civilians were killed and 37 injured"
        if carried is None and out and noun.entry is not None and noun.entry.term.lower() == "others" \
                and out[-1].group in FORCES:
            carried = (out[-1].group, out[-1].unit)  # "killed 34 al-Shabab militants and injured 12 others"
        if carried is None and noun.kind == "none" and (whole := s.bracketed_under(out, mention.first)) is not None:
            carried = (whole.group, whole.unit)  # "1,642 civilian casualties (522 killed, 1,120 injured)"
        more = mention.last < len(s.lows) and s.lows[mention.last] == "more"  # "insurgents killed two more"
        if carried is None and noun.kind == "none" and out and more:
            carried = (out[-1].group, out[-1].unit)  # "Three soldiers were killed, and two more died"
        elif not out and previous is not None and noun.kind == "none" and (
                more or tuple(s.lows[:mention.first]) in NEXT_COUNT):
            carried = (previous.group, previous.unit)  # "Five soldiers were killed. Another 30 were wounded."
        partner = s.coordinated(trigger) if trigger is not None and found[1] == trigger[1].id else None
        if partner is not None and partner[1].get("binds") in CLOSE_ONLY:
            partner = None  # "shot two men dead and seized 47,500 pills": that verb has an object of its own
        arrivals = {t[1].id for t in (trigger, partner) if t is not None and t[1].get("binds") == "arrival"}
        for category, rule in [found, *([(partner[1]["category"], partner[1].id)] if partner else [])]:
            # "three civilians were kidnapped and killed": captured and killed
            if noun.entry is not None and noun.entry["only"] and category not in noun.entry["only"].split():
                continue  # "homes" count households evacuated, not homes captured
            group = noun.entry["group"] if noun.entry is not None else "people"
            if category in MOVED and group in {"fighters", "soldiers", "police"}:
                if rule in arrivals:  # "about 400 Kenyan police officers arrived in Port-au-Prince": a deployment
                    category = "fighters"
                else:
                    continue  # "500 troops moved to the border" is no displacement; fighters evacuated still count
            if category == "fighters" and group in {"people", "men"}:
                group = "fighters"
            unit = noun.entry["unit"] if noun.entry is not None else "people"
            group, unit = carried or (group, unit)
            at = trigger[2] if trigger else mention.first
            cumulative = trigger is None or any(w in CUMULATIVE for w in s.lows[max(0, at - 3):at + 1])
            out.append(Binding(mention, category, group, unit, rule, noun.end, cumulative))
        listing = marked or lists_on
    return _link_subsets(s.lows, out, s.triggers)


# Categories of nouns that name what befell people ("deaths"), so no later verb re-reads them.
EVENT_NOUNS = frozenset({"killed", "injured", "casualties", "captured", "missing"})


# What may stand between a label's colon and its count: "Fighters: est. 3,000", "Displaced: ~25,000".
LABEL_GAP = frozenset({"~", "est", "estimated", ".", "approx"})


# How a sentence opens on a count of the same people as the sentence before: "Another 30 were wounded."
NEXT_COUNT = frozenset({("another",), ("a", "further"), ("an", "additional")})


def _marked_subset(lows: list[str], first: int, last: int = -1) -> bool:
    """A part of a count told before it: "including 12 children", "(incl. 21 children)"; with `last`,
    also "190 of them children", "190 of the dead were children"."""
    after = lows[last:last + 3] if last >= 0 else []
    return any(tuple(lows[first - len(m):first]) == m for m in SUBSET_MARKERS) or after[:2] in (
        ["of", "them"], ["of", "whom"]) or (after[:2] == ["of", "the"] and after[2:] and after[2] in THE_COUNTED)


def _link_subsets(lows: list[str], bindings: list[Binding], triggers: Container[int]) -> list[Binding]:
    """ "44 civilians, including 12 children and seven women": 12 and 7 get 44 as parent; `triggers` are
    the tokens where a trigger begins."""
    out: list[Binding] = []
    for b in bindings:
        first = b.mention.first
        marked = _marked_subset(lows, first, b.mention.last)
        prev = out[-1] if out else None
        continues = prev is not None and (prev.parent is not None or prev.part) and all(
            w in {",", "and"} for w in lows[prev.noun_end:first])
        parent = None
        if marked or continues:
            wholes = [i for i in range(len(out) - 1, -1, -1) if out[i].parent is None and _larger(out[i], b)]
            # the nearest whole of the part's own category: "... killed and 3,600 injured; 190 of the dead were
            # children" is part of the killed
            parent = next((i for i in wholes if out[i].category == b.category), wholes[0] if wholes else None)
        own_verb = lows[b.noun_end:b.noun_end + 1] in (["were"], ["was"]) or b.noun_end in triggers \
            or first - 1 in triggers or first - 2 in triggers  # "took 13 hostages and killed several of them"
        partitive = lows[b.mention.last:b.mention.last + 2] == ["of", "the"]
        if parent is not None and out[parent].category != b.category and (partitive or own_verb):
            parent = None  # "50 soldiers were injured, of which 6 are officers, and 19 rioters were detained";
            # "received 43 wounded people ..., and four of the wounded later died": a part with a fate of its own
        if parent is not None:
            whole = out[parent]
            b = Binding(b.mention, whole.category, b.group, b.unit, b.rule, b.noun_end, whole.cumulative, parent)
        elif marked or continues or _among_the_counted(lows, first, b.noun_end):
            b = replace(b, part=True)  # its whole was told before: "Among them were 12 children"
        out.append(b)
    for k in range(len(out) - 1, 0, -1):  # "Six children and three police officers are among the dead": both
        before, b = out[k - 1], out[k]
        if b.part and before.parent is None and not before.part and before.category == b.category \
                and all(w in {",", "and"} for w in lows[before.noun_end:b.mention.first]):
            out[k - 1] = replace(before, part=True)
    return _among(lows, out)


def _among_the_counted(lows: list[str], first: int, noun_end: int) -> bool:
    """ "Six children are among the dead", "Among the wounded were 31 children": a part of those counted
    before (the count starts at token `first`, its noun ends before `noun_end`)."""
    after = lows[noun_end:noun_end + 4]
    before = lows[max(0, first - 4):first]
    return (len(after) == 4 and tuple(after[:3]) in AMONG and after[3] in THE_COUNTED) or (
        len(before) == 4 and before[:2] == ["among", "the"] and before[2] in THE_COUNTED and before[3] in {"were", "are"}
    ) or before[-3:] in (["among", "them", "were"], ["among", "them", "are"])


AMONG = frozenset({("were", "among"), ("was", "among"), ("are", "among"), ("is", "among"), ("among",),
                   ("were", "among", "the"), ("are", "among", "the"), ("was", "among", "the"), ("is", "among", "the")})


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
