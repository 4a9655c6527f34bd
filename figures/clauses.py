"""Clauses: the verb that says what befell a counted noun phrase ("were killed", "fled"), read forwards
and backwards from the number, and the clause's other tell-tales (attribution, ellipsis, coordination)."""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

from figures.dates import MONTHS, WEEKDAYS
from figures.numbers import NumberMention
from figures.phrases import (
    AUX,
    CLAUSE_BREAKS,
    CLAUSE_ENDS,
    CLOSING_QUOTES,
    DETERMINERS,
    FUNCTION,
    ORDINAL_ENDS,
    PLACE_WORDS,
    PREPOSITIONS,
    QUOTE_MARKS,
    RISEN,
    Noun,
    Phrases,
)
from figures.places import NEARBY
from figures.sources import INVERSION_MARKS, TALLIES
from figures.tokens import spaced_dash

if TYPE_CHECKING:
    from figures.bindings import Binding

TREATED = frozenset("treated admitted hospitalised hospitalized".split())
APPOSITION_STARTS = frozenset("the a an mostly mainly most many all almost nearly half".split())
SHARE_STARTS = frozenset({"over", "more"})  # an aside only where a verb follows its closing comma
NUMBER_OF = frozenset("the total number".split())
RELATIVE = frozenset({"who", "that"})
_NESTED = RELATIVE | {"which", "whose"}
_THINKING = frozenset("say believe believes believed fear fears feared think thinks thought hope hopes know knew claim "
                      "claims allege alleges suspect suspects".split())
_FATES = frozenset({"killed", "injured", "casualties", "missing", "captured"})  # what befalls people counted
FINITE = frozenset("are were is was remain remained remains have has had".split())  # a main clause's verb after a
# relative clause
AGE_WORDS = frozenset("about around roughly approximately some between and to - over under".split())
OBJECT_STARTS = frozenset("a an the his her their its two three four five six seven eight nine ten".split())
_NEW_CLAUSE = frozenset("was were is are had has have and who which that".split())
_FORCED = frozenset({"forced", "obliged", "compelled"})
_BE = frozenset("is are was were be been being".split())
_HAVE = frozenset({"have", "has", "had"})
_DONE_TO = frozenset({"killed", "injured", "captured"})  # what a perfect with an object did to others: "had killed 40" (not
# "have evacuated the island", "have deployed their artillery", "had lost contact with": what they did themselves)
_ADVERBS = frozenset("since already reportedly allegedly also now later subsequently".split())  # "had reportedly killed"
_RISING = frozenset("rising climbing approaching nearing reaching hitting topping passing exceeding standing "
                    "hovering".split())  # a total's verb, not one of its own: "The death toll is climbing to 56" (but "aid
# agencies are reaching 40,000 people": only after a toll's word, sources.TALLIES)
_NEAR_WORDS = NEARBY | {"northern", "southern", "eastern", "western", "central", "surrounding"}  # "and 12 in neighbouring Mamuju"
_THEIR = frozenset({"their", "his", "her"})
NEXT_COUNT = frozenset({("another",), ("a", "further"), ("an", "additional")})  # what marks a count as new, not a repeat
_ONE_MORE_COUNT = NEXT_COUNT | {("further",), ("additional",)}
SPEAKING = frozenset("said says told tells added stated noted".split())  # "a soldier said" (not "reported killed")
COORDINATORS = frozenset(", and or including with plus".split())
UNREAL = (0, None, 0)  # what forward finds where the verb after a number is negated (see negators.csv); compared by
# value, as no trigger found has no entry (a compiled build may copy the tuple)


_FREED = frozenset("released freed rescued escaped found located".split())  # "Four were later released and reached
# Chiure on foot": what the freed did next befell no count
_BELONGING = frozenset({"belonging", "loyal", "affiliated", "linked", "allied"})  # "fighters loyal to the general"


class Clause(Phrases):
    """A sentence read for the verbs that bind its counts."""

    def inverted_attribution(self, k: int) -> bool:
        """Token k follows a reporting verb that follows a comma or quote ("..., said a local official"), or
        stands in apposition to the name such a verb introduces ("..., said Ali Hassan, a local official", "..., said
        Abdul Qadir, 58, a farmer")."""
        lows, verbs = self.lows, self.rules.attribution["verbs"]
        if k >= 2 and lows[k - 1] in verbs and lows[k - 2] in INVERSION_MARKS:
            return True
        j = k - 2
        if j >= 2 and lows[j].isdigit() and lows[j - 1] == ",":
            j -= 2  # "..., said Abdul Qadir, 58, a farmer": past the age
        while j >= 0 and k - j <= 8 and (self.tokens[j].text[:1].isupper() or lows[j] == "."):
            j -= 1  # the name, titles' full stops included: "Lt. Col. Ahmed Musa"
        return k >= 1 and lows[k - 1] == "," and j < k - 2 and j >= 1 and lows[j] in verbs and lows[j - 1] in INVERSION_MARKS

    def participle(self, k: int) -> bool:
        """A verb-kind trigger right after a noun phrase: "people displaced", "civilians killed"."""
        return k in self.triggers and self.triggers[k][1]["kind"] == "verb"

    def relative_trigger(self, k: int) -> bool:
        """A relative clause right after the noun phrase ending before token k opens on a trigger, perhaps after
        auxiliaries: "25,000 Venezuelans who have crossed into Colombia"."""
        if self.lows[k:k + 1] not in (["who"], ["that"]):
            return False
        k += 1
        while k < len(self.lows) and self.lows[k] in AUX and k not in self.triggers:
            k += 1
        return k in self.triggers

    def own_verb(self, k: int, reporting: bool = False) -> bool:
        """A past participle of no figure follows the noun phrase ending before token k, perhaps after an
        auxiliary: "20 others questioned", "20 others were questioned"; with `reporting`, one that only
        says the count was told ("seven of the fatalities were recorded in Swat")."""
        while k < len(self.lows) and self.lows[k] in {"were", "was", "had", "have", "has", "been", "being"}:
            k += 1
        return k < len(self.lows) and self.other_verb(k) and (
            not reporting or self.lows[k] in self.rules.attribution["verbs"])

    def another_place(self, mention: NumberMention) -> bool:
        """A bare count after "and" or a comma with a place of its own right after it: "... in Idlib and 3 in
        Hama", "..., four in Cagayan Valley, and three in the Ilocos Region"."""
        lows, k = self.lows, mention.last
        k += lows[k + 1:k + 2] == ["the"] and lows[k:k + 1] == ["in"]
        k += lows[k:k + 1] == ["in"] and k + 1 < len(lows) and lows[k + 1] in _NEAR_WORDS  # "12 in neighbouring Mamuju"
        first = mention.first
        first -= max((len(w) for w in _ONE_MORE_COUNT if tuple(lows[max(0, first - len(w)):first]) == w), default=0)  # "..., and a
        # further 5,000 in Benghazi", "and another 12 in Hama"
        return first >= 1 and lows[first - 1] in {"and", ","} and k + 1 < len(lows) \
            and (lows[k] in {"in", "at", "near", "the"} or lows[k] in _NEAR_WORDS) and self.tokens[k + 1].text[:1].isupper() \
            and lows[k + 1] not in MONTHS and lows[k + 1] not in WEEKDAYS  # not "... and 3 in March"

    def place_list_goes_on(self, after: int, first: int, last: int) -> bool:
        """Only places and list words stand from token `after` to the count from token `first` to `last`, which "with"
        opens, or which a name opens and a list word or the sentence's end closes: "Sindh with 41, Balochistan with 22,
        Gilgit-Baltistan with 15", "Zemio received 9,730 of them, Mboki 3,112 and Obo 1,660": the list of the count
        before goes on."""
        between = self.tokens[after:first]
        if len(between) < 2 or not all(t.low in {",", "and", "followed", "by", "-", "with"} or (
                t.text[:1].isupper() and t.text.isalpha()) for t in between):
            return False
        closed = last >= len(self.lows) or self.lows[last] in {",", "and", ".", ";"}
        return (between[-1].low == "with" and any(t.text[:1].isupper() for t in between)) or (
            between[0].low in {",", "and"} and between[-1].text[:1].isupper() and closed)

    def bracketed_under(self, out: list[Binding], first: int) -> Binding | None:
        """The count whose breakdown in brackets the count at token `first` stands in: "1,642 civilian
        casualties (522 killed, 1,120 injured)"."""
        lows = self.lows
        opening = next((j for j in range(first - 1, max(-1, first - 12), -1) if lows[j] in {"(", ")"}), None)
        if opening is None or lows[opening] != "(":
            return None
        return next((b for b in reversed(out) if b.noun_end == opening and b.parent is None), None)

    def _skip(self, k: int, starts: dict[int, int]) -> tuple[int, bool] | None:
        """The token after what may stand between a noun phrase and its verb, and whether it was an
        auxiliary; None when token k ends the search."""
        lows, low = self.lows, self.lows[k]
        nxt = lows[k + 1] if k + 1 < len(lows) else ""
        if low in RELATIVE and (fate := self._fate_after_relative(k, starts)) is not None:
            return fate, True  # "Twenty civilians who sheltered in the mosque were killed": the main verb tells their fate
        if low in RELATIVE and nxt.isalpha() and (nxt not in FUNCTION or nxt in FINITE) and nxt not in SPEAKING \
                and nxt not in _THINKING and k + 1 not in self.triggers and (verb := self._main_verb(k + 2, starts)) is not None:
            return verb, True  # "Twenty-three fishermen who put out to sea on Monday remain missing", "Forty migrants who
            # boarded a boat that sank off Libya remain missing", "Three boatmen who had been ferrying families across the
            # river remain missing" (not "women who say their sons are missing")
        if low in _BELONGING and nxt in {"to", "with"}:
            j = k + 2
            while j < len(lows) and j - k <= 8 and j not in self.triggers and lows[j] not in AUX and (
                    lows[j].isalpha() or lows[j] == "-") and lows[j] not in RELATIVE:
                j += 1
            if j < len(lows) and j > k + 2 and (lows[j] in AUX or (j in self.triggers and lows[j - 1] not in DETERMINERS)):
                return j, False  # "more than 20 terrorists belonging to the PDF had been killed" (not "40 suspects
                # linked to the killing of five farmers were arrested": a noun of the phrase)
        if low in AUX or (low == "since" and (nxt == "been" or (
                k + 1 in self.triggers and k >= 1 and lows[k - 1] in {"have", "has", "had"}))):
            return k + 1, True  # ("have since been killed", "23 of whom have since died")
        if low == "and" and k >= 1 and self.tokens[k - 1].text[:1].isupper() and k + 2 < len(lows) and (
                nxt[:1].isdigit() or nxt in self.rules.number_words or nxt in _NEAR_WORDS) and lows[k + 2] in PLACE_WORDS:
            return self.skip_place(k), False  # "residents of Xecaracoj and two nearby hamlets were evacuated", "of Dan
            # Kurmi and neighbouring hamlets have fled"
        if low == "and" and k + 1 not in starts:
            if k + 2 < len(lows) and nxt.isalpha() and nxt.endswith("s") and nxt not in FUNCTION and not self.group_at(k + 1) \
                    and k + 1 not in self.triggers and (lows[k + 2] in AUX or k + 2 in self.triggers):
                return k + 2, False  # "about twenty drivers and apprentices were taken hostage": a plural noun the rules
                # do not know, coordinated with the count's own
            ahead = self._group_soon(k + 1)
            if ahead is None:
                return None  # "killed 5 people and injured 12": a new verb phrase
            if all((lows[m].isalpha() or lows[m] == "-" or lows[m] in QUOTE_MARKS) and (lows[m] not in FUNCTION or lows[m] in _THEIR)
                   for m in range(k + 1, ahead)):
                return ahead, False  # "Sixteen soldiers and volunteer fighters were killed", "1,500 fighters and their
                # families were evacuated", 'more than 200 Taliban and "affiliated terrorists" had been killed'
        if nxt in {"and", "or"} and low.isalpha() and k > 0 and lows[k - 1] in AUX and k + 2 not in starts and low not in _FREED:
            return k + 2, False  # "was shot and died", "were shot and injured", "had returned or been deported from Iran";
            # not "were affected and 1,200 ..."
        if low.endswith("ly") and len(low) > 4 and low.isalpha() and k + 1 in self.triggers and k >= 1 and lows[k - 1] in AUX:
            return k + 1, True  # "have been forcibly returned from Libya", "were reportedly abducted"
        if nxt == "-" and k + 2 < len(lows) and lows[k + 2].endswith("ly"):
            return k + 3, False  # "were pre-emptively evacuated"
        if low in _FORCED and nxt == "to" and k + 2 in self.triggers:
            return k + 2, True  # "were forced to seek shelter", "were obliged to abandon their homes"
        if low == "," and (nxt in APPOSITION_STARTS or nxt in {"including", "or", "among", "not", "comprising", "totalling", "totaling"}
                           or (nxt == "of" and lows[k + 2:k + 3] in (["whom"], ["them"]))):
            # "150 people, the whole population of the village, were displaced"; "9 people, among them 3
            # children, died"; "14 people, not 41, were killed"; "42,526 households, comprising 212,630 persons, have been
            # displaced"
            close = next((j for j in range(k + 1, min(len(lows), k + 26)) if lows[j] == ","), None)
            return (close + 1, False) if close is not None else None
        if low == "," and (nxt in AUX or k + 1 in self.triggers) and any(
                end == k and f >= 2 and lows[f - 1] == "," and lows[f - 2].isalpha() for f, end in starts.items()):
            return k + 1, False  # "The mayor's bodyguards, two police agents, were also killed": a count set off as an aside
        if low == "," and nxt in SHARE_STARTS and (close := next(
                (j for j in range(k + 1, min(len(lows), k + 12)) if lows[j] == ","), None)) is not None \
                and close + 1 < len(lows) and (lows[close + 1] in AUX or close + 1 in self.triggers):
            return close + 1, False  # "67,000 people, over half of them children, have fled", "300 people, more than
            # half children, were killed" (but "200 soldiers, more than 50 civilians and 12 aid workers were killed" is a
            # list)
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
            return self.skip_of(k), False
        if low in {"suspected", "accused"} and nxt == "of":
            return self.skip_of(k + 1), False  # "two men suspected of robberies were fatally assaulted"
        if low.endswith("ing") and low.isalpha() and low not in FUNCTION and k not in self.triggers and (
                aux := self._to_aux(k + 1, starts)) is not None:
            return aux, False  # "a man driving a motorcycle was shot"
        if low.endswith("ed") and low.isalpha() and low not in FUNCTION and k not in self.triggers and nxt in PREPOSITIONS \
                and k >= 1 and lows[k - 1] not in AUX and (aux := self._to_aux(k + 1, starts)) is not None:
            return aux, False  # "Twelve peacekeepers based in Goma were injured": a participle's phrase, then the verb
        if low in NUMBER_OF and nxt in NUMBER_OF | {"of"}:
            return k + 1, False  # "brings to 274,000 the total number of people displaced"
        if low in {",", "and", "or", "-", "of"} or (low.endswith("ly") and len(low) > 4 and k not in starts) \
                or self.group_at(k):
            return k + 1, False  # (but "roughly 14,000 residents" is a count, read whole below)
        if k in starts:
            if k and (lows[k - 1] in SPEAKING or lows[k - 1] == "that"):
                return None  # "... climbed to 22, and police said 35 suspects had been detained": that count's verb
            end = starts[k]
            part = next((j for j in range(k + 1, end + 1) if lows[j:j + 2] in (["of", "whom"], ["of", "them"])), None)
            if k and lows[k - 1] == "," and part is not None:
                close = next((j for j in range(part + 2, min(len(lows), part + 16)) if lows[j] in {",", ";", "."}), None)
                if close is not None and lows[close] == "," and close + 1 < len(lows) and (
                        lows[close + 1] in AUX or close + 1 in self.triggers):
                    return close + 1, False  # "Some 300 people, 40 of whom were children, were killed"
                return None  # "The boat carried 40 migrants, five of whom are missing": the part's fate, not the whole's
            return end, False
        if low in {"on", "in", "aboard"} and (j := k + 1 + (nxt in {"the", "their", "pickup"})) < len(lows) \
                and lows[j] in self.rules.things:
            return j + 1, False  # "fighters on motorbikes attacked", "gunmen in pickup trucks stormed": how they came
        if low in PREPOSITIONS:
            j = self.skip_place(k)
            if j < len(lows) and (lows[j] in AUX or j in self.triggers):
                return j, False  # (no short object reaches further than the verb a place's phrase is followed by)
            common = self._common_object(k)
            return (common if common > k + 1 and common > j else j), False
        if k >= 1 and (lows[k - 1] in PREPOSITIONS or (k >= 2 and lows[k - 1] in {"the", "a", "an", "their", "its"}
                                                      and lows[k - 2] in PREPOSITIONS) or (
                k >= 3 and lows[k - 2] in {"the", "a", "an", "their", "its"} and lows[k - 3] in PREPOSITIONS
                and lows[k - 1].isalpha() and lows[k - 1] not in FUNCTION and (nxt in AUX or k + 1 in self.triggers))) \
                and low.isalpha() and low not in FUNCTION and k not in self.triggers and (
                    lows[k - 1] not in PREPOSITIONS or nxt in AUX or k + 1 in self.triggers):
            return k + 1, False  # "people living near the river were evacuated", "residents at risk are being
            # relocated": a preposition's object
        if low in TREATED and any(j in self.triggers and lows[j] == "for" for j in range(k + 1, min(len(lows), k + 5))):
            return k + 1, False  # "1,350 people had been treated in hospitals for injuries"
        if low in QUOTE_MARKS or low in CLOSING_QUOTES:
            return k + 1, False  # '"about 60 criminals" had been killed', 'were "neutralised"'
        if low == "(":
            close = self.closing(k, 12)
            return (close + 1 if close is not None else len(lows)), False
        return None

    def _fate_after_relative(self, k: int, starts: dict[int, int]) -> int | None:
        """Where the main clause's verb starts when the relative clause at token k opens on a figure's word and that verb
        is a fate's ("civilians who sheltered in the mosque were killed", "people who were injured died later"); None
        when the relative clause's word is what the count is ("25,000 Venezuelans who have crossed into Colombia")."""
        lows, triggers = self.lows, self.triggers
        j = k + 1
        while j < len(lows) and lows[j] in AUX and j not in triggers:
            j += 1
        if j not in triggers:
            return None
        j = triggers[j][0]
        verb, limit = j, min(len(lows), j + 14)
        while verb < limit:
            if lows[verb] in _NESTED:  # a clause nested in it ("who fled clashes which broke out in Tripoli", "the war
                verb += 1  # that has killed thousands"): its verb is none of the count's
                while verb < len(lows) and lows[verb] in AUX and verb not in triggers:
                    verb += 1
                verb = triggers[verb][0] if verb in triggers else verb + 1
                continue
            if lows[verb] in CLAUSE_ENDS or lows[verb] in CLAUSE_BREAKS or verb in starts:
                return None
            m = verb
            while m < len(lows) and lows[m] in AUX and m not in triggers:
                m += 1  # "were killed": past the auxiliaries
            if m in triggers:
                return verb if triggers[m][1]["category"] in _FATES and not (m == verb and lows[m].endswith("ing")) else None
                # (not "who fled attacks killing dozens": what the attacks did; but "are missing" is their fate)
            if m > verb:
                return None  # an auxiliary of a verb of no figure's ("were sheltering in schools")
            verb += 1
        return None

    def _main_verb(self, j: int, starts: dict[int, int]) -> int | None:
        """The finite verb that ends a relative clause starting at token j, past the verb of a clause nested in it ("a boat
        that sank", "people that were injured": the nested verb is not the main one; a figure's word after it ends the
        search)."""
        limit = j + 12
        while (verb := self._to_aux(j, starts, FINITE, limit - j)) is not None and self.lows[verb - 1] in _NESTED:
            j = verb + 1
        return verb

    def _to_aux(self, j: int, starts: dict[int, int], verbs: frozenset[str] = AUX, reach: int = 8) -> int | None:
        """The auxiliary (one of `verbs`) that ends a phrase within `reach` words and the same clause: "driving a
        motorcycle was", "who put out to sea from Tema on Monday remain"; None if there is none."""
        lows, limit = self.lows, min(len(self.lows), j + reach)
        while j < limit and lows[j] not in verbs:
            if lows[j] in CLAUSE_ENDS or lows[j] in CLAUSE_BREAKS or j in starts or j in self.triggers:
                return None
            j += 1
        return j if j < limit else None

    def _finite_after(self, j: int, starts: dict[int, int]) -> tuple | None:
        """The verb that an -ing phrase is a modifier before: "a woman fleeing the fighting was shot dead"
        (a trigger after an auxiliary)."""
        aux = self._to_aux(j, starts)
        if aux is None:
            return None
        while aux < len(self.lows) and self.lows[aux] in AUX:
            aux += 1
        return self.triggers.get(aux)

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
        if self.lows[other[2]] in PREPOSITIONS or self.lows[start] in PREPOSITIONS:
            return None  # "struck across the border and killed 4 people": a place, not a verb the count underwent
        return other if len(pair) == 2 and "fighters" not in pair and pair != {"killed", "injured"} else None

    def speakers(self, noun: Noun) -> bool:
        """The noun names people who give figures rather than suffer them: "officials", "witnesses", "sources"."""
        return noun.kind in {"group", "unknown"} and self.lows[noun.end - 1] in self.rules.attribution["heads"]

    def speaks(self, k: int) -> bool:
        """A verb of saying stands at token k, perhaps after "later", "has" ("the mayor later said") or a second
        speaker ("a militia leader and a resident told AFP")."""
        lows, between = self.lows, self.rules.attribution["between"]
        for joiner, reach in (("of", 11), ("and", 9), ("in", 6), ("at", 6)):  # "a member of an armed group fighting the
            # army said"; "... and a resident told"; "a health official in the region said", "a nurse at the hospital said",
            # "the mayor of Kharkiv said"
            if lows[k:k + 1] == [joiner] and (lows[k + 1:k + 2] in (["a"], ["an"], ["the"]) or (
                    joiner in {"in", "at", "of"} and k + 1 < len(lows) and self.tokens[k + 1].text[:1].isupper())):
                k = next((j for j in range(k + 2, min(len(lows), k + reach))
                          if not lows[j].isalpha() or lows[j] in SPEAKING or lows[j] in _NEW_CLAUSE), k)
                # (not "a resident of the village was shot dead and police said": a clause of its own between)
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

    def forward(self, k: int, starts: dict[int, int], first: int | None = None) -> tuple[int, tuple] | None:
        """A verb after the noun phrase that the counted people underwent: "were killed", "died". `first`: where the
        count starts, if known.

        Returns (distance, trigger), the distance counting what stood between other than auxiliaries."""
        lows, steps, distance, passive = self.lows, 0, 1, False
        if k >= 1 and lows[k:k + 1] == [","] and k + 1 not in starts and self.group_at(k + 1) is not None \
                and (lows[k - 1][:1].isdigit() or lows[k - 1] in self.rules.number_words) and not (
                (close := next((j for j in range(k + 1, min(len(lows), k + 9)) if lows[j] in {",", ".", ";"}), None))
                and lows[close] == "," and close + 1 < len(lows) and (lows[close + 1] in AUX or close + 1 in self.triggers)):
            return None  # "Cyclone death toll rises to 47, fishermen still missing": a bare number's comma ends its clause
            # (but "Some 300, women and children, were displaced" is an aside)
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
                if entry.get("binds") == "attackers" and (passive or not self.attacks_something(after)):
                    # "was attacked and injured", "troops ambushed by jihadists near Djibo were killed": the fate after
                    # it, if any ("200 soldiers were ambushed" are no attacking force)
                    if lows[after:after + 1] == ["and"] and after + 1 in self.triggers:
                        k = after + 1
                        continue
                    if not passive and (main := self._main_verb(after, starts)) is not None:
                        k, passive = main, True
                        continue
                    if not passive and (fate := self._fate_after_attack(after, starts)) is not None:
                        k, passive = fate, True
                        continue
                    return None
                if not passive and (entry["category"] == "fighters" or (entry["category"] == "missing" and entry["kind"] == "patient")) \
                        and not self._whole_of_a_part(first) and (fate := self._fate_ahead(after, starts)) is not None \
                        and self.triggers[fate][1]["category"] != entry["category"]:
                    k, passive = fate, True  # "150 soldiers deployed in the area were wounded", "Nine civilians trapped under
                    continue  # rubble in Kramatorsk were killed": where they were, then the fate that is counted (but "500
                    # troops deployed in the area killed 20", and those "trapped under the rubble were rescued", stay)
                if entry.get("binds") == "hosts" and not passive and not (after < len(lows) and lows[after] in PREPOSITIONS):
                    return None  # "Lebanon, a country of 5.8 million, hosts more refugees": the hosted follow "hosts"
                    # (but "3,000 people were sheltered in schools")
                if not passive and lows[k].endswith("ing") and (finite := self._finite_after(after, starts)):
                    return distance, finite
                if lows[k].endswith("ly") and after < len(lows) and lows[after].isalpha():
                    after += 1  # "fatally shot a man": the object follows the verb the adverb qualifies
                if lows[after:after + 1] == ["and"] and after + 1 in self.triggers and entry["category"] != "fighters":
                    after = self.triggers[after + 1][0]  # "About 50 gunmen abducted and killed seven villagers": the
                    # object follows the second verb (but "1,000 troops deployed and killed 20": deployed, no object)
                active = after < len(lows) and (lows[after] in OBJECT_STARTS or after in starts)
                passive = passive and not ((entry["category"] in _DONE_TO or self._people_counted_at(after, starts))
                                           and self._perfect_before(k))  # ("40 rescue workers had relocated 600 families":
                # the 600 moved; but "3,000 residents had evacuated two villages")
                return (distance, self.triggers[k]) if passive or not active or entry["kind"] == "patient" else None
            step = self._skip(k, starts)
            if step is None:
                return None
            before, (k, aux) = k, step
            passive = passive or (aux and lows[before] not in RELATIVE)  # ("12 soldiers, who killed 5 villagers": a
            # relative pronoun is no passive's auxiliary, and its verb's object is what they did to others)
            distance += 0 if aux else 1
        return None

    def _whole_of_a_part(self, first: int | None) -> bool:
        """The count starting at token `first` follows "of the": "12 of the 90 peacekeepers deployed in Kidal were
        injured" (the fate is the part's, and the 90 were deployed)."""
        return first is not None and first >= 2 and self.lows[first - 2:first] == ["of", "the"]

    def _common_object(self, k: int) -> int:
        """Past a preposition's short object of common nouns that the counted people's verb follows: "Three aid workers
        from local groups were killed", "soldiers from the 3rd battalion were killed" (else the token after it)."""
        lows, j = self.lows, k + 1
        while j < len(lows) and j - k <= 4 and j not in self.triggers and (
                (lows[j].isalpha() and (lows[j] not in FUNCTION or lows[j] in DETERMINERS)) or (
                    lows[j].isdigit() and lows[j + 1:j + 2] and lows[j + 1] in ORDINAL_ENDS)):
            j += 1 + lows[j].isdigit()
        return j if j < len(lows) and (lows[j] in AUX or j in self.triggers) else k + 1

    def _people_counted_at(self, k: int, starts: dict[int, int]) -> bool:
        """A count of people starts at token k: "600 families", "2,000 flood victims" (not "two villages")."""
        return k in starts and any(self.group_at(j) is not None for j in range(k + 1, min(len(self.lows), k + 4)))

    def _perfect_before(self, k: int) -> bool:
        """The verb at token k is a perfect with no form of "be": "Some 40 gunmen had abducted 12 farmers", "300 soldiers
        ambushed near Djibo had killed 40" did it (not "had been abducted")."""
        j = k - 1
        while j >= 0 and self.lows[j] in _ADVERBS:
            j -= 1
        return j >= 0 and self.lows[j] in _HAVE

    def attacks_something(self, k: int) -> bool:
        """The attack verb ending before token k is active: "stormed the village", "attacked villagers", "attacked,
        killing 15" (not "ambushed by jihadists", "attacked at their base in Diffa were wounded": a passive without its
        auxiliary, which "by" or a main verb after it tells)."""
        return not (self.lows[k:k + 1] == ["by"] or self._main_verb(k, {}) is not None
                    or self._fate_after_attack(k, {}) is not None)

    def _fate_after_attack(self, k: int, starts: dict[int, int]) -> int | None:
        """Where the count's fate starts when the attack verb ending before token k is a participle with no auxiliary and
        no object: "Fifteen soldiers ambushed by JNIM fighters died", "troops ambushed near Djibo died"; None if there
        is none in the clause."""
        lows = self.lows
        if k >= len(lows) or (lows[k] != "by" and lows[k] not in PREPOSITIONS):
            return None
        return self._fate_ahead(k, starts)

    def _fate_ahead(self, k: int, starts: dict[int, int]) -> int | None:
        """Where a fate's verb with its own "be" starts within the clause from token k (see _fate_after_attack)."""
        lows = self.lows
        j = k
        while j < min(len(lows), k + 10):
            if j in self.triggers:
                end, entry, _ = self.triggers[j]
                if entry["kind"] in {"verb", "patient"}:
                    own = entry["kind"] == "patient" or lows[j - 1] in _BE
                    return j if entry["category"] in _FATES and own and not (entry["kind"] == "verb" and lows[j].endswith("ing")) \
                        else None  # (not "300 fighters attacked near Djibo killing 15" nor "300 soldiers ambushed near
                    # Djibo killed 40 of the attackers": what they did; but "were reported missing" is their fate)
                j = end  # "ambushed by JNIM fighters": the attackers
                continue
            if lows[j] in CLAUSE_ENDS or lows[j] in CLAUSE_BREAKS or lows[j] in RELATIVE or lows[j] == "and" or (
                    j in starts and j > k):
                return None
            j += 1
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

    def _progressive(self, k: int) -> bool:
        """Token k is a verb in "-ing" after a form of "be" ("is feeding", "are hosting") that names no figure."""
        return k >= 1 and self.lows[k].endswith("ing") and self.lows[k - 1] in _BE and k not in self.triggers_end \
            and k not in self.triggers and not (self.lows[k] in _RISING and TALLIES.intersection(self.lows[max(0, k - 6):k]))

    def backward(self, first: int, ends: set[int], things: Container[int] = (), bare: bool = False) -> tuple[int, tuple, bool] | None:
        """A trigger before the number: (distance, trigger, coordinated-in-between); the counts that end at `ends`
        stand in its way, except, before a total ("has risen to 28"), those of things (`things`): "the number of people
        killed in the strike on two buildings in Ternopil has risen to 28". For a number with no noun of its own
        (`bare`), a trigger's noun that only describes things is none ("the number of displacement sites ... 108")."""
        lows = self.lows
        if first > 0 and lows[first - 1] == "by":
            return None  # "shot by two armed men": the number counts the attackers
        coordinated = first > 0 and lows[first - 1] in COORDINATORS
        if first >= 2 and lows[first - 1] == "of" and (found := self.group_at(first - 2)) is not None \
                and found[0] == 1 and found[1]["singular"] and found[1]["unit"] == "households":
            first -= 2 + (first >= 3 and lows[first - 3] in DETERMINERS)  # "killed a family of six": six people
        k, crossed = first - 1, False
        total = k >= 0 and lows[k] in RISEN
        reach = 30 if total else 15  # "the death toll from Tuesday's bombing at ... has risen to 19"
        while k >= 0 and first - k <= reach:
            if k in self.triggers_end and not (bare and self.triggers_end[k][1]["kind"] == "noun" and k + 1 < first
                                               and lows[k + 1] in self.rules.things):
                return first - k, self.triggers_end[k], crossed  # (not "the number of displacement sites has risen
                # to 108": a count of places the trigger's noun only describes)
            if (lows[k] in CLAUSE_BREAKS and (k < first - 1 or lows[k] not in {":", "as"})) \
                    or (k in ends and not coordinated and not (total and k in things)) \
                    or self._progressive(k):
                # "killed while two soldiers were injured"; but "death toll: 12", "fatalities were coded as 4"; "aid for
                # the displaced, and WFP is feeding 4,500 families": a verb of its own governs the count
                return None
            crossed = crossed or lows[k] in COORDINATORS
            k -= 1
        return None
