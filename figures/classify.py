"""Classify: decide what a number counts (category and group) from the words around it."""

from __future__ import annotations

from figures.bindings import (
    SET_FREE,
    THE_COUNTED,
    Binding,
    among_the_counted,
    compared_with,
    link_subsets,
    listed_after_marker,
    marked_subset,
    no_longer,
)
from figures.clauses import NEXT_COUNT, SPEAKING, UNREAL, Clause
from figures.dates import MONTHS, WEEKDAYS
from figures.numbers import NumberMention
from figures.phrases import AUX, NUMBERING, PLACE_AFTER, PLACE_WORDS, QUOTE_MARKS, RISEN, Noun
from figures.places import DIRECTIONS, NEARBY, nationality
from figures.rules import Entry, Rules
from figures.tokens import DASHES, LIST_MARKS, Token

FORCES = frozenset({"fighters", "soldiers", "police"})  # whose "others" are more of the same
CUMULATIVE = frozenset("has have toll total tally are remain remains remained hosts hosting shelters sheltering".split())  # a running total or a stock
HOSTED = frozenset({"people", "households", "children", "women", "civilians", "men"})
# Triggers' `binds` (triggers.csv): "forces-only" ("lost 14 soldiers"; not "lost 300 homes"), "people-only"
# ("seized 15 pupils"; not "seized 47,500 pills") and "from-place" ("families had left the camp") bind a
# count only close by; "hosts" counts only people a place holds, not its staff; "force-size" ("a force of
# 5,000 men"), "recruits" ("recruited 200 children", "recruited 50,000 VDP") and "joins" (a force's new members,
# when a force is what they joined) make men and people fighters, "mobilises" men only; "arrival" makes
# arriving police and troops a deployment, and "reaches" ("1,240 migrants reached the Canary Islands") does so
# too, but only before a place, as "from-place"; "home-lost" keeps refugees who lose their shelter displaced; "attackers"
# counts the force that attacked, tens of them or more, only as the verb's subject ("about 150 gunmen stormed the
# village"; not "attacked 30 soldiers", "200 soldiers were attacked", "two gunmen attacked a bank"); "from-abroad" counts
# nationals, families and the like returning from another country (see Phrases.names_a_country), "movers" the same people
# wherever they go ("made the crossing"; not three journalists who did); "armed-only" counts only
# soldiers and fighters ("backed by 4,000 troops").
CLOSE_ONLY = frozenset({"people-only", "forces-only", "recruits"}) | PLACE_AFTER
MOVED = frozenset({"displaced", "refugees"})
EVACUATION = "eva-"  # the rules of evacuations, which count as displacement (triggers.csv)


def _category(trigger: tuple | None, noun: Noun, s: Clause, size: float = 0) -> tuple[str, str] | None:
    """(category, rule id) from the trigger, else from a noun that carries one ("refugees"); `size`, the count's."""
    if trigger is not None:
        entry = trigger[1]
        if entry["category"] == "displaced" and entry.get("binds") != "home-lost":  # "asylum seekers arrived",
            # "Sudanese refugees arrived": refugees who moved; "hosts 900 evacuees": the noun's rule; but refugees a camp
            # fire left homeless are displaced again
            for named in (noun.entry, noun.fallback[1] if noun.fallback else None):
                if named is not None and named["category"] in {"refugees", "displaced"}:
                    return named["category"], named.id
        binds = entry.get("binds")
        if binds == "attackers" and (size < 10 or s.lows[trigger[2] - 1:trigger[2]] in _BEING
                                     or not s.attacks_something(trigger[0])):
            return None
        if binds in {"from-abroad", "movers"} and noun.entry is not None and not (
                noun.entry.get("country") or noun.entry["group"] in _RETURNING or noun.entry["category"] in MOVED):
            return None  # "2 million Afghans returned from Iran", "families returned from abroad"; not "1,300 pilgrims
            # returned from Saudi Arabia", "three journalists returned from Chad"
        if (binds == "forces-only" and (noun.entry is None or not noun.entry["force"]) and not (
                entry["category"] == "killed" and noun.entry is not None and noun.entry["group"] in {"men", "people"}
                and _force_before(s, trigger[2]))) or (
                binds == "people-only" and noun.kind != "group") or (
                binds == "hosts" and noun.entry is not None and noun.entry["group"] not in HOSTED):
            return None  # ("the hospital shelters 40 doctors")
        if entry["category"] in {"captured", "missing"} and trigger[0] == noun.end \
                and s.lows[max(0, trigger[2] - 2):trigger[2]] == ["of", "the"] \
                and no_longer(s.lows, noun.end + (s.group_at(noun.end) or (0,))[0],
                              SET_FREE if entry["category"] == "captured" else frozenset()):
            return None  # "Five of the abducted pupils managed to escape": no longer held
        if entry["category"] != "fighters":
            return entry["category"], entry.id
        enlisted = noun.entry is not None and noun.entry["group"] in _ENLISTED.get(binds, ())
        if (noun.entry is not None and noun.entry["force"]) or (binds == "force-size" and noun.kind == "none") or (
                enlisted and (binds != "joins" or any((g := s.group_at(j)) and g[1]["force"]
                                                      for j in range(trigger[0], trigger[0] + 3)))) or (
                binds == "recruits" and noun.kind in {"unknown", "none"} and noun.end > trigger[0]
                and len(s.tokens[noun.end - 1].text) > 1 and s.tokens[noun.end - 1].text.isupper()):
            return "fighters", entry.id  # "a force of 5,000 men": in a force, men are fighters; "150 young men
            # have joined the rebels" (but not "joined the protest")
    if noun.entry is not None and noun.entry["category"]:
        if (noun.entry["category"] == "missing" and no_longer(s.lows, noun.end)) or (
                noun.entry["category"] == "captured" and no_longer(s.lows, noun.end, SET_FREE)):
            return None  # "4,000 detainees escaped from the prison", "12 prisoners were released": no longer held (but
            # "200 detainees were found crammed into a warehouse" are held still)
        return noun.entry["category"], noun.entry.id
    return None


_HURT = frozenset({"injured", "killed"})
_RETURNING = frozenset({"people", "households", "children", "women", "men", "migrants"})  # who return from abroad as
# refugees do (nationals, refugees and the displaced too)
_REDUCED = frozenset("killed injured wounded abducted kidnapped arrested detained displaced evacuated captured".split())  # past
# participles that, right after a noun and with no auxiliary, describe it rather than tell what befell it
_BEING = (["were"], ["was"], ["been"], ["being"], ["are"], ["is"])  # a passive: "200 soldiers were attacked"


# The groups that a trigger's `binds` makes fighters ("a force of 5,000 men", "recruited 200 children",
# "mobilise several thousand men"; "150 young men have joined the rebels" only when a force is what they joined).
_ENLISTED = {"force-size": {"men", "people"}, "recruits": {"men", "people", "children"},
             "joins": {"men", "people", "children"}, "mobilises": {"men"}}


_ARMED = frozenset({"soldiers", "fighters"})  # the groups an "armed-only" strength counts
OF_A_FORCE = frozenset({"strength", "membership"})  # words of a strength that say a force is counted


def _armed(s: Clause, first: int, acronym: bool) -> bool:
    """A force is named before token `first`: a force ("army", "militia", "fighters"), or with `acronym` a name in
    capitals ("the SDF claims a total strength"), so a strength there is a force's ("the union's membership" is not,
    nor "the ANC has a membership of 700,000": an acronym's membership may be a party's)."""
    return any(s.lows[j] in _FORCE_WORDS or (acronym and len(s.tokens[j].text) > 1 and s.tokens[j].text.isupper()
                                             and s.tokens[j].text.isalpha()) or ((g := s.group_at(j)) and g[1]["force"])
               for j in range(first))


# Words of a force as a body, not its members: "the brigade's strength", "the coalition's membership".
_FORCE_WORDS = frozenset("army armies militia militias brigade brigades battalion battalions regiment force forces "
                         "coalition front guard navy insurgency insurgents rebels armed paramilitary contingent".split())


def _strength(s: Clause, mention: NumberMention, noun: Noun, armed: bool = False) -> tuple[str, str] | None:
    """ "the group has around 2,000 fighters": a force's size, when a strength word stands right before
    the number and the noun is a force (and no verb right after says what befell them: "has 12
    soldiers in custody")."""
    force_size = (mention.value or mention.low or 0) >= 100  # a force is counted in hundreds, not "five soldiers"
    if noun.entry is not None and noun.entry["force"] and force_size and (
            _present(s.lows, noun.end) or _posted(s, noun.end) or (s.lows[max(0, mention.first - 2):mention.first] in _THERE_ARE
                                                                  and s.lows[noun.end:noun.end + 1] in _WHERE_NEXT)):
        return "fighters", noun.entry.id  # "fewer than 1,000 IS fighters remain in Iraq", "2,000 US troops were in Syria",
        # "there are some 30,000 armed bandits across the region"
    if not mention.first:
        return None
    before = mention.first - 1 - (s.lows[mention.first - 1] in QUOTE_MARKS and mention.first >= 2)  # 'numbered "300'
    found = s.rules.strength.match_ending_at(s.lows, before)
    if found is None and s.lows[mention.first - 1] == "at" and any(
            w in OF_A_FORCE for w in s.lows[max(0, mention.first - 14):mention.first - 1]):
        found = s.rules.strength.match_at(["strength", "at"], 0)  # "puts the strength of the front in the region at
        # about 1,800 fighters": the strength word's "at", further on (if the rules still have that row)
    if found is not None and found[1].get("binds") == "armed-only" and (noun.entry is None or noun.entry["group"] not in _ARMED):
        return None  # "backed by 4,000 Rwandan troops"; not "supported by 2,000 volunteers"
    of_strength = found is not None and "strength" in found[1].term.split()
    if found is not None and OF_A_FORCE.intersection(found[1].term.split()) \
            and (_armed(s, mention.first, of_strength) or (armed and of_strength)) and (
            noun.kind == "none" or (noun.entry is not None and noun.entry["group"] in {"men", "people"})):
        return "fighters", found[1].id  # "its real strength is between 20,000 and 50,000": a strength is a force's
    if found is not None and armed and noun.entry is not None and noun.entry.term.lower() in {"members", "men"} \
            and force_size and not _CIVIC.intersection(s.lows) \
            and not _SETTLED.intersection(s.lows[max(0, mention.first - 8):mention.first]):
        return "fighters", found[1].id  # "the ELN is estimated to have around 5,800 members" ("... 18,000 men"), in an article of armed
        # groups (not "the union has 700,000 members", nor a bloc's "12 members")
    if noun.entry is None or not noun.entry["force"]:
        return None
    owner = mention.first - 3
    if found is None and owner >= 0 and s.lows[owner + 1:mention.first] in (["'", "s"], ["’", "s"]) and (
            s.tokens[owner].text[:1].isupper() or s.lows[owner] in s.rules.attribution["heads"]):
        return "fighters", noun.entry.id  # "the mission's 12,000 peacekeepers", "Hamas's 30,000 fighters": a force's own
    if found is None and force_size and mention.first >= 2 and s.lows[mention.first - 1] in {"-", "—", ",", "("} \
            and (named := s.rules.groups.match_ending_at(s.lows, mention.first - 2)) is not None and named[1]["force"] \
            and not any(j in s.triggers for j in range(noun.end, min(len(s.lows), noun.end + 8))):
        return "fighters", noun.entry.id  # "The SADC troops - around 1,300 soldiers, mostly South African - are confined
        # to their bases": a force's size, told beside it
    if found is None and force_size and s.lows[mention.first - 1] in {"its", "their"} and not any(
            j in s.triggers for j in (*range(max(0, mention.first - 4), mention.first), *range(noun.end, min(len(s.lows), noun.end + 8)))):
        return "fighters", noun.entry.id  # "UNIFIL says its roughly 10,000 peacekeepers will stay" (not "its 200 soldiers
        # were killed", and "withdrew its 1,500 troops" is the verb's)
    if found is None and force_size and mention.first >= 2 and s.lows[mention.first - 2:mention.first] == [",", "whose"]:
        return "fighters", noun.entry.id  # "MONUSCO, whose 13,500 uniformed personnel are due to leave": its own
    start = max(0, mention.first - 14)
    window = s.lows[start:mention.first - 1]
    if found is None and force_size and s.lows[mention.first - 1] == "at" and _ESTIMATED.intersection(window) \
            and not any(j in s.triggers for j in range(start, mention.first - 1)):
        return "fighters", noun.entry.id  # "estimates the regime's garrison in Kyaukphyu at 1,500 to 2,000 troops" (not
        # "put the death toll at 300 soldiers", "put the number of soldiers captured at 2,000 troops": a trigger's)
    if found is not None and found[1].get("binds") == "attackers" and (mention.value or mention.low or 0) < 10:
        return None  # "the post was attacked by three gunmen": an attack's few men, no force's size
    return ("fighters", found[1].id) if found else None


_THERE_ARE = (["there", "are"], ["there", "were"], ["are", "now"])
_WHERE_NEXT: tuple[list[str], ...] = ([], ["in"], ["across"], ["inside"], ["at"], ["on"], ["near"], ["along"], ["around"], [","], ["."], [";"],
               ["deployed"], ["stationed"], ["based"])  # "there are 30,000 bandits across the region"; not "... who surrendered"
_ESTIMATED = frozenset("estimate estimates estimated estimating put puts putting".split())


# Bodies whose members are no fighters, even in an article of armed groups.
_CIVIC = frozenset("party parties union unions parliament church association club congress federation cooperative "
                   "council assembly chamber staff bloc society".split())


# Places whose men are their people, not a force's: "the camp has 500 men, 700 women and 900 children".
_SETTLED = frozenset("village villages camp camps town towns site sites city district community communities settlement "
                     "household households family families population".split())


_STAYING = frozenset("live lives living reside resides residing remain remains".split())  # where people are now


def _non_state(s: Clause, before: int) -> bool:
    """The sentence names a non-state force (a militia, rebels, insurgents: a force group of fighters) before token
    `before`, where its recruits' force is told; recruits are otherwise an army's ("called up 60,000 recruits to
    fight the rebels")."""
    return "militia" in s.lows[:before] or any((found := s.group_at(j)) is not None and found[1]["force"]
                                               and found[1]["group"] == "fighters" for j in range(before))


def _nationality(s: Clause, start: int, end: int) -> str:
    """The country of a nationality's adjective between a number and the end of its noun phrase ("4,100 Somali new
    arrivals"); "" if there is none."""
    return next((country for k in range(start, min(end, len(s.lows)))
                 if s.tokens[k].text[:1].isupper() and (country := nationality(s.lows[k], s.rules))), "")


def _living(lows: list[str], k: int, in_a_place: bool = False) -> bool:
    """The noun phrase ending before token k is the subject of a verb of where people are ("200,000 refugees
    also live in Lebanon"): a stock, not an event of a day; with `in_a_place`, only where "in" follows the verb
    (not "30 Israelis remain missing in Gaza")."""
    k = _past_adverbs(lows, k + (lows[k:k + 1] in (["are"], ["were"], ["is"], ["was"])))  # "are living in"
    after = k + 1 + 2 * (lows[k + 1:k + 3] in (["as", "refugees"], ["as", "refugee"]))  # "are living as refugees in"
    return k < len(lows) and lows[k] in _STAYING and (not in_a_place or lows[after:after + 1] == ["in"])


def _past_adverbs(lows: list[str], k: int) -> int:
    """The token after the adverbs that may stand between a subject and its verb, from token k: "also", "still"."""
    while k < len(lows) and lows[k] in {"also", "still", "now", "currently", "mostly", "reportedly"}:
        k += 1
    return k


def _a_list_count(s: Clause, mention: NumberMention, noun: Noun, named: Entry | None) -> bool:
    """A list item's count that its list's line tells the category of: people counted under a label that names no group
    ("- Masisi territory: 71,400 people"), or a bare number under a label that is a place's name ("- Tawila: 34,500") or a
    group and nothing more ("- Children: 13,000")."""
    if noun.kind == "group":
        return named is None and noun.entry is not None and not noun.entry["category"]
    if noun.kind != "none":
        return False
    marked = bool(s.tokens) and s.tokens[0].low in LIST_MARKS  # ("Buner — 208": a list's line with no mark)
    words = [t for t in s.tokens[int(marked):mention.first] if t.low != ":" and t.low not in DASHES]
    if named is not None:
        return s.rules.groups.match_at([t.low for t in words], 0) == (len(words), named)
    if "(" in (t.low for t in words):
        words = words[:[t.low for t in words].index("(")]  # "- Tawila (North Darfur): 34,500"
    if _a_day(words):
        return True  # "- 14 March: 1,500", "- 16-17 March: 4,100": the period is the label's
    return bool(words) and " ".join(t.low for t in words) not in s.rules.sources and all(
        (t.text[:1].isupper() and t.low not in s.rules.known_words and t.low not in s.rules.things)
        or t.low in PLACE_WORDS or t.low in _NAME_PARTS for t in words) and words[0].text[:1].isupper()
    # (not "- IOM: 1.2 million": a source's estimate; but "- Zamzam camp: 6,000", "- Deir al-Balah: 2,100")


_FATES = frozenset({"killed", "injured", "casualties", "missing", "captured"})  # what befell people, not their number
_OF_THINGS = (["captured"], ["seized"], ["destroyed"], ["damaged"])  # verbs that also befall things


def _a_day(words: list[Token]) -> bool:
    """A list label that is a day or a few days and nothing more: "14 March", "Mar 16-17", "Monday 3 June"."""
    return any(t.low in MONTHS for t in words) and all(
        t.low in MONTHS or t.low in WEEKDAYS or t.low.isdigit() or t.low in _DAY_JOINS for t in words)


_DAY_JOINS = frozenset({"-", "–", "to", "and", ","})


def _origin(s: Clause, end: int) -> str:
    """The country of the place named after "from" within a few words of a noun ending at token `end` ("were evacuated
    from Lebanon": LBN), or ""."""
    texts = [t.text for t in s.tokens]
    for k in range(end, min(len(texts) - 1, end + 8)):
        if s.lows[k] == "from":
            k += s.lows[k + 1] == "the"
            found = s.rules.places.match_at(texts, k + 1) if k + 1 < len(texts) else None
            return found[1]["iso3"] if found is not None else ""  # type: ignore[index]
    return ""


def _for_care(s: Clause, trigger: tuple) -> bool:
    """An evacuation trigger tells a move for medical care: "medically evacuated", "medical evacuation", "evacuated ...
    for treatment"."""
    end, _, start = trigger
    before = s.lows[start - 1] if start else ""
    return before == "medically" or (before == "medical" and s.lows[start].startswith("evacuation")) or any(
        s.lows[j:j + 2] in _FOR_CARE for j in range(end, min(len(s.lows), end + 8)))


_RELATIVES = frozenset({"who", "that", "which"})  # "1,200 individuals who have been displaced": a clause both counts share
_NAME_PARTS = frozenset({"al", "el", "-", "de", "du", "la"})
_FOR_CARE = (["for", "treatment"], ["for", "care"], ["for", "medical"])


def _abroad(s: Clause, country: str, first: int, end: int, hosted: bool) -> bool:
    """A place of another country than `country` stands in the count's clause: after "in" within a few words of its
    noun (ending at `end`), or with `hosted` (a hosting verb binds the count) before the count (starting at `first`)
    as what hosts it ("Turkey hosts 3.1 million Syrians"; not "Israel's bombardment has displaced 1.9 million
    Palestinians")."""
    texts = [t.text for t in s.tokens]
    after = [k + 1 for k in range(end, min(len(texts) - 1, end + 5)) if s.lows[k] == "in"][:1]
    while after and after[-1] < len(texts) - 1 and len(after) < 4 and s.lows[after[-1]] in _CAMPS_OF:
        after.append(after[-1] + 1)  # "have arrived in the camps of Cox's Bazar": past the words before the place (but
        # not "displaced in the hills bordering Rwanda")
    before = [k for k in range(max(0, first - 6), first) if texts[k][:1].isupper()] if hosted else []
    opening = [1 + (s.lows[1] in NEARBY)] if len(texts) > 3 and s.lows[0] == "in" and first > 2 else []  # "In
    # (neighbouring) Ghana, UNHCR has registered 40,000 Burkinabè": the clause's opening place is where they are
    for k in [*after, *before, *opening]:
        found = s.rules.places.match_at(texts, k)
        if found is not None and found[1]["iso3"] and found[1]["iso3"] != country:
            return True
    return False


def _had(lows: list[str], first: int) -> bool:
    """The count at token `first` is what something has: "has only two doctors", "had 40 beds" (not "has passed 44,000":
    a qualifier's verb)."""
    k = first - 1 - (first >= 2 and lows[first - 1] in {"only", "just"})
    return k >= 0 and lows[k] in {"has", "have", "had"} and (lows[first][:1].isdigit() or lows[first].isalpha() and not
                                                             lows[first].endswith("ed"))


_SPANS = (["years"], ["year"], ["months"], ["month"], ["weeks"], ["week"], ["days"], ["day"], ["hours"], ["decades"])


_NEW_VERB_PHRASE = frozenset({"had", "has", "have", "and"})  # what opens a verb phrase of its own before its verb
_CAMPS_OF = frozenset({"the", "camps", "camp", "settlements", "sites", "refugee", "of"})


def _told_of(s: Clause, k: int) -> bool:
    """A verb of their own follows the noun phrase ending before token k: "A spokesperson, writing on X, said 40 rebels
    had died" tells of the rebels; "..., said two rebel commanders" names who said it."""
    return k < len(s.lows) and s.lows[k:k + 1] in _FINITE


def _present(lows: list[str], k: int) -> bool:
    """The noun phrase ending before token k is where it is: "... remain in Iraq", "... were in Syria", "... are
    still in the region", "... remain active"."""
    k = _past_adverbs(lows, k)
    return k + 1 < len(lows) and lows[k] in _STAYING | {"are", "were", "is"} and lows[k + 1] in {"in", "inside", "across", "active"}


def _posted(s: Clause, k: int) -> bool:
    """The force ending before token k is posted somewhere, and no verb after says what befell it: "the roughly 600,000
    Russian soldiers believed to be fighting in Ukraine", "3,000 Rwandan troops operating inside Congo"."""
    lows = s.lows
    k = _past_adverbs(lows, k)
    if lows[k:k + 3] in _REPUTED:
        k += 3
    elif lows[k:k + 1] in (["are"], ["were"], ["is"]):
        k += 1  # "4,000 Rwandan troops are operating inside Congo"
    return k + 1 < len(lows) and lows[k] in _POSTS and lows[k + 1] in {"in", "inside", "across", "along", "on", "near"} \
        and not any(j in s.triggers for j in range(k, min(len(lows), k + 10)))


_REPUTED = (["believed", "to", "be"], ["thought", "to", "be"], ["said", "to", "be"], ["estimated", "to", "be"])
_POSTS = frozenset("fighting operating serving stationed deployed based".split())
_HARMS = frozenset({"killed", "injured", "captured", "missing", "casualties"})
_ON_THE_MOVE = frozenset({"displaced", "refugees"})


def _force_before(s: Clause, k: int) -> str:
    """The group of the force that is the subject of the verb at token k, a few words before it ("the army had lost
    around thirty men": soldiers; "the rebels lost 40 men": fighters); "" if none is."""
    window = range(max(0, k - 4), k)
    if any(s.lows[j] in _STATE_FORCES for j in window):
        return "soldiers"
    return "fighters" if any(s.lows[j] in _FORCE_NAMES or ((g := s.group_at(j)) is not None and g[1]["force"] and j + g[0] <= k)
                             for j in window) else ""


_CARRIED_GROUPS = FORCES | {"civilians", "migrants"}  # what a bare count after "and injured" is more of (not "killed a
# journalist and injured 12", "killed three children and injured 12")
_STATE_FORCES = frozenset("army military forces navy police junta government".split())  # bodies, not groups of people counted
_FORCE_NAMES = _STATE_FORCES | {"militia"}


def _tight(back: tuple | None) -> bool:
    """A trigger found before the count (see Clause.backward) binds it: within two tokens, nothing
    coordinated between."""
    return back is not None and back[0] <= 2 and not back[2]


def _choose(noun: Noun, back, fwd, event_noun: bool = False) -> tuple[tuple | None, bool]:
    """The trigger that binds the number, and whether it sits close enough to trust an unknown noun."""
    if noun.adjective is not None:
        if fwd is not None and fwd[0] <= 2 and fwd[1][1]["category"] == "killed":
            return fwd[1], True  # "three injured soldiers later died", "a displaced person died": a death
        if _tight(back) and back[1][1]["category"] in _HARMS and noun.adjective[1]["category"] in _ON_THE_MOVE:
            return back[1], True  # "killed 19 displaced villagers", "abducted 12 displaced women": what befell them
        return noun.adjective, True
    tight_back = _tight(back)
    if tight_back and back[1][1].get("binds") == "forces-only" and fwd is not None and fwd[0] <= 1:
        return fwd[1], True  # "lost 1,250 troops killed or wounded": what the losses were
    if not tight_back and event_noun:  # "94 deaths and 768 injuries": the count's own noun says what it counts
        return (noun.fallback if noun.entry is None or not noun.entry["category"] else None), True  # ("37 civilian
        # deaths": the noun after the group's)
    if not tight_back and (back or fwd) and noun.entry is not None and noun.entry["category"] and all(
            t is None or t[1][1]["kind"] == "noun" for t in (back, fwd)):
        return None, True  # "36 deaths and 12 disappearances", "60 killings, 25 disappearances and 14 kidnappings": a noun
        # of an event counts its own number, not its neighbours'; the count's own noun says what it counts
    trigger = back[1] if tight_back else fwd[1] if fwd else noun.fallback or (back[1] if back else None)
    tight = (tight_back or (back is not None and back[0] <= 3) or (fwd is not None and fwd[0] <= 3)
             or noun.fallback is not None)
    return trigger, tight


def classify(tokens: list[Token], mentions: list[NumberMention], rules: Rules, previous: Binding | None = None,
             earlier: Binding | None = None, armed: bool = False, listed: tuple[str, str] | None = None) -> list[Binding]:
    """Bind each number to a category and group; numbers that count nothing we track are dropped.
    `previous` is the last count of the sentence before, in the same paragraph: "Another 30 were
    injured" counts what it counted. `earlier` is the last whole count in this paragraph or the one before:
    "Among the victims were four women" are a part of it. `armed`: the article tells of armed groups, so "the ELN has
    about 5,800 members" counts fighters. `listed`: (category, rule) of the line that opened the list this sentence is an
    item of ("recorded the following displacements:"), for "- Masisi territory: 71,400 people"."""
    s = Clause(tokens, rules)
    nouns = [s.noun(m) for m in mentions]
    starts = {m.first: (n.end if n else m.last) for m, n in zip(mentions, nouns, strict=True)}
    ends = {(n.end if n else m.last) - 1 for m, n in zip(mentions, nouns, strict=True)}
    things = {m.last - 1 if n is None else n.end - 1 for m, n in zip(mentions, nouns, strict=True)
              if n is None or m.kind == "definite"}  # counts of things, and people named with "the", that a total's
    # number may reach past: "the death toll from the fighting between the ELN guerrilla and FARC dissidents rose to 80"
    counted_ends = {n.end - 1 for m, n in zip(mentions, nouns, strict=True) if n and m.kind in {"digits", "words"}}
    out: list[Binding] = []
    listing = False  # the last binding was a marked subset or the next item of its list
    for at, (mention, noun) in enumerate(zip(mentions, nouns, strict=True)):
        if noun is None or any(j in s.other_causes for j in range(noun.end, noun.end + 3)) or s.labels_things(mention.first):
            continue  # "... and two women died in childbirth": not bound to an earlier "killed"; "- Livestock perished:
            # 719,558": a label's things
        if at and nouns[at - 1] is None and mention.first - mentions[at - 1].last <= 6 \
                and s.lows[mention.last:mention.last + 2] in (["of", "them"], ["of", "which"]) \
                and s.lows[mentions[at - 1].last:mentions[at - 1].last + 1] not in _SPANS:  # (not "in the past two years,
            # one of them in May": a span of time, the count before it)
            continue  # "241 displacement sites, 117 of them in the capital": some of the things counted before
        if noun.kind == "none" and at and nouns[at - 1] is None and s.lows[mention.first - 1:mention.first] == ["with"] \
                and mention.first - mentions[at - 1].last <= 4 and s.lows[mention.last:mention.last + 1] in _OF_THINGS:
            continue  # "seized 12 tanks, with 4 captured in raids": more of the things counted before (but "hit 3
            # hospitals, with 12 killed" counts the dead)
        if mention.value == 1 and mention.first >= 2 and s.lows[mention.first - 1] in {"from", "of"} \
                and mention.first - 2 in counted_ends:
            continue  # "Twelve people from one family were killed", "seven members of one family": the one family the counted
            # people came from (but "6,412 people from 1,870 households" counts households, and "11,000 troops, down from
            # 17,000" another strength)
        governed = mention.first > 0 and s.other_verb(mention.first - 1) and (noun.kind != "group" or (
            mention.first >= 2 and s.lows[mention.first - 2] in _NEW_VERB_PHRASE))
        # "shot two men and seized 47500 pills": things after another verb are its object; but people after
        # one are still counted ("those killed included 12 children"), unless the verb opens a phrase of its own: "had
        # treated 96 people with gunshot wounds, and had screened 3,000 children"
        back = None if governed else s.backward(mention.first, ends - {noun.end - 1}, things, bare=noun.kind == "none")
        if back is not None and 1 < back[0] <= 3 and s.lows[mention.first - 1] in SPEAKING \
                and back[1][0] <= mention.first - 1:
            back = None  # "Relatives of the residents who were abducted said 25 people were still missing": the count
            # opens what they said, and its own verb follows
        if back is not None and back[0] > 2 and _had(s.lows, mention.first):
            back = None  # "the wounded were taken to a clinic which has only two doctors": what it has, not the wounded
        if back is not None and back[1][1].get("binds") in {"subject-only", "attackers"}:
            back = None  # "the hospital was forced to move its 120 patients": the move befell those counted before it
        if back is not None and noun.kind == "none" and back[1][1]["kind"] == "noun" and s.lows[mention.first - 1] in {"across", "in"}:
            back = None  # "displacements across 20 of the country's 34 provinces": a count of places after a toll's noun
        if back is not None and 2 < back[0] <= 4 and not back[2] and s.lows[mention.first - 1] in RISEN \
                and back[1][1]["kind"] == "noun":
            back = (2, back[1], False)  # "the death toll has risen to 19": the toll binds its number tightly
        fwd = s.forward(noun.end, starts, mention.first)
        if fwd is not None and fwd[1] != UNREAL and mention.first > 0 and s.other_verb(mention.first - 1) \
                and any(j in starts and s.lows[j - 1] == "and" and (s.lows[j - 2] == "," or (
                    s.lows[starts[j]] in AUX and s.lows[starts[j]] not in _RELATIVES))
                        for j in range(noun.end, fwd[1][2])):
            fwd = None  # "the floods affected 200,000 people in Sindh, and 30,000 were displaced": the object of another
            # verb; the verb after the next count, a clause of its own (after ", and", or with an auxiliary of its own:
            # "and 30,000 have been displaced"), is that count's (but "recorded 45 people and 7 children killed" share it)
        if fwd is not None and fwd[1] == UNREAL:
            if not _tight(back):
                continue  # "200,000 more refugees could cross into Chad": what may happen is not counted
            fwd = None
        nationals = (noun.entry.get("country") if noun.entry is not None else "") or _nationality(s, mention.last, noun.end)
        living_abroad = bool(nationals) and _living(s.lows, noun.end, in_a_place=True) \
            and _abroad(s, nationals, mention.first, noun.end, hosted=False)
        if fwd is None and not _tight(back) and s.own_verb(noun.end) and not (noun.fallback and s.own_verb(noun.end, True)) \
                and not living_abroad and not (noun.entry is not None and noun.entry["force"] and _present(s.lows, noun.end)) \
                and (noun.adjective is None or mention.kind not in {"digits", "words"}) \
                and (noun.entry is None or not noun.entry["category"]) \
                and not (noun.fallback is not None and noun.fallback[1]["category"] and noun.fallback[1].id.startswith("g-")):
            continue  # "Five people were killed and 20 others questioned": the 20's own verb is none we track
            # (but "70 wounded people were treated" are wounded, and "240,000 Sudanese refugees have entered Libya" are
            # refugees)
        if back is not None and fwd is not None and fwd[0] == 1 and s.lows[mention.first - 1] in {":", "("}:
            back = None  # "Casualties: 3 killed, 14 injured", "1,642 casualties (522 killed, ...)": the label or
            # whole heads a list; the verb says what each count is
        event_noun = noun.kind == "group" and noun.end - 1 in s.triggers_end and any(
            named is not None and named["category"] in EVENT_NOUNS
            for named in (noun.entry, noun.fallback[1] if noun.fallback and noun.fallback[0] == noun.end else None))
        # "deaths", which the triggers name too, or "civilian deaths"; not "abductees"
        if back is not None and _tight(back) and back[1][1]["category"] == "missing" and back[1][1]["kind"] == "verb" and fwd is not None \
                and fwd[1] != UNREAL and s.participle(noun.end) and fwd[1][1]["category"] == "captured":
            back = None  # "police are searching for three teachers abducted on Friday": they were taken (but climbers
            # "injured in the avalanche" whom rescuers search for are missing)
        trigger, tight = _choose(noun, back, fwd, event_noun)
        reaches = s.lows[mention.first - 1:mention.first] in (["at"], ["to"], ["of"])  # "losses ... at 1,065,000 personnel"
        if trigger is not None and ((trigger[1].get("binds") in CLOSE_ONLY and trigger != noun.fallback and (
                not (_tight(back) or (fwd is not None and fwd[0] <= 2)) or trigger[1]["kind"] == "noun") and not (
                trigger[1]["kind"] == "noun" and reaches)) or (
                trigger[1].get("binds") in PLACE_AFTER and (trigger[2] < mention.first or s.lows[mention.first - 1:mention.first]
                                                             in (["carrying"], ["with"])))):
            trigger = None  # "seized power in 2022, he launched a campaign to recruit 50,000 volunteers"; "the war has
            # left Gaza's 2.1 million people without food": only those who left are displaced (but a noun, "losses
            # ... at 1,065,000 personnel", reaches its force noun as a toll does); "The boat, carrying about 110 people,
            # left the coastal town": what carried them left
        if mention.first and (s.share_of(mention.first) or s.part_of_number(mention.first)) \
                and not s.participle(noun.end) and not s.relative_trigger(noun.end) and noun.adjective is None:
            continue  # "half of the 2,000 residents fled", "three of the five suspects were arrested"; but "half
            # of the 111,000 people displaced", "one of 25,000 Venezuelans who have crossed" and "four of the 30 abducted
            # students" count
        if noun.kind == "unknown" and not tight:
            continue
        if mention.kind == "vague" and ((s.lows[mention.last:mention.last + 2] == ["of", "the"]
                                         and mention.last + 2 in s.triggers)
                                        or (s.lows[mention.last:mention.last + 2] in (["of", "them"], ["of", "whom"])
                                            and (mention.first == 0 or s.lows[mention.first - 1] == ","))):
            continue  # "Several of the wounded were in critical condition", "20 were wounded, several of them
            # seriously", ", many of whom are sleeping in the open", "Many of them had been displaced before": some of a
            # count, not a count (but "taking 13 prisoners and killing several of them" counts the dead)
        if (mention.kind in {"article", "definite"} or mention.value == 1 or s.speakers(noun)) and (
                (s.inverted_attribution(mention.first) and not _told_of(s, noun.end)) or s.speaks(noun.end)
                or s.lows[max(0, mention.first - 2):mention.first] == ["according", "to"]):
            continue  # "..., said a local official", "..., a soldier said", "the mayor later said", "two security
            # sources said", "according to a local priest": the source, not a count
        if mention.kind == "article" and out and (marked_subset(s.lows, mention.first) or (
                listed_after_marker(s.lows, mention.first) and s.lows[noun.end:noun.end + 1] not in _FINITE) or (
                listing and out[-1].mention.value != 1 and s.lows[noun.end:noun.end + 1] not in _FINITE
                and all(w in {",", "and"} for w in s.lows[out[-1].noun_end:mention.first]))):
            continue  # "captured 37 soldiers, including a lieutenant colonel", "among them a 70-year-old farmer", "Among
            # the dead are six children and a 71-year-old woman": one person singled out of a count, not a count of one
            # (but "One of them, a 9-year-old boy, died" tells who the one is, and "..., and a civilian was wounded" is
            # a count with a verb of its own)
        if mention.kind == "article" and fwd is not None and fwd[1] != UNREAL and "among" in s.lows[noun.end:fwd[1][2]] \
                and (noun.entry is None or noun.entry["group"] in _ANYONE):
            continue  # "A 15-year-old boy who volunteered there was among those killed": one of the dead, not a count
            # (but "An MSF nurse was among those killed" counts a health worker)
        if s.lows[mention.first:mention.last + 2] in (["one", "of", "the"], ["one", "of", "those"]) and trigger is not None \
                and trigger[2] > mention.last and trigger[1].term in _REDUCED and not AUX.intersection(s.lows[mention.last:trigger[2]]) \
                and not any(j >= trigger[0] for j in s.triggers):
            continue  # "one of the men killed near Nabatieh belonged to the group", "One of those abducted is a 17-year-old
            # apprentice": one of a count, told of (but "One of the women injured in the attack later died" is a death)
        if mention.kind == "article" and s.lows[max(0, mention.first - 4):mention.first - 1] in _AMONG_THE \
                and s.lows[mention.first - 1] in {"was", "is"} and (noun.entry is None or noun.entry["group"] in _ANYONE):
            continue  # "Among the wounded was a 12-year-old boy who lost a leg": one of them singled out, not a count
            # (but "Among the dead was a local journalist" counts a journalist)
        if mention.kind in {"article", "definite"} and s.lows[noun.end:noun.end + 2] in (["of", "each"], ["of", "every"]):
            continue  # "relief for the family of each person killed": one of many, not a count
        if mention.kind in {"article", "definite"} and mention.first >= 2 and s.lows[mention.first - 1] == "of" \
                and mention.first - 2 in counted_ends:
            continue  # "seven members of the same family": the family the seven belong to
        after_last = bool(out) and _after(out[-1], mention, mentions, s.lows)  # no count of other things between: not "destroyed
        # 500 homes in Sindh and 200 in Balochistan" after a death toll
        per_place = noun.kind == "none" and after_last and fwd is None and s.another_place(mention)
        # "5 people were killed in Idlib and 3 in Hama": the count before, in another place
        labelled = s.label(mention.first) if noun.kind == "none" and (fwd is None or fwd[0] > 1) else None
        # (but "Casualties: 3 killed": the verb right after the count says what it is)
        comparing = noun.kind == "none" and bool(out) and compared_with(s.lows, mention.first) and (fwd is None or fwd[0] > 2) \
            and s.lows[mention.last:mention.last + 2] not in _RATES  # not "compared with fewer than 300 a day"
        of_them = after_last and s.lows[mention.last:mention.last + 2] in (["of", "them"], ["of", "whom"]) \
            and (s.lows[mention.last + 2 + _manner(s.lows, mention.last + 2):][:1] in (
                ["in"], ["across"], ["inside"], [","], ["."], [";"], [])
                 or s.lows[_past_being(s.lows, mention.last + 2):][:1] in (["in"], ["inside"]))
        # "3.6 million are displaced across Myanmar, 600,000 of them in Rakhine", "312 injured, 58 of them seriously": a
        # part of the count before, and so is "200,000 of whom are now in Tawila" (but not "2,000 of them have since
        # returned home": what the part did is no count of ours)
        of_them_before = noun.kind == "none" and not out and earlier is not None and mention.first == 0 \
            and _a_places_part(s, mention)  # "At least 45 people died in the floods. Nineteen of them were in Tassin
        # province": a place's part of the count the sentence before told
        if noun.kind == "none" and not of_them and not of_them_before and fwd is None and not _tight(back) \
                and s.lows[mention.last:mention.last + 2] in (["of", "them"], ["of", "whom"]) \
                and s.lows[mention.last + 2:mention.last + 3] in _PART_DID:
            continue  # "6,000 fled last month, 2,000 of whom are now back home": what the part did is no count of ours
            # (but "12 died, five of them on Sunday" is a part)
        placed_part = noun.kind == "none" and after_last and marked_subset(s.lows, mention.first, mention.last) \
            and _in_a_place(s, mention.last)  # "killed 40 people, including 12 in Sindh"
        if noun.kind == "none" and not tight and trigger is not None and trigger[1]["kind"] == "verb" and not labelled \
                and not per_place and not comparing and not of_them and not placed_part \
                and not (mention.first and (s.lows[mention.first - 1] in RISEN or s.lows[mention.first] in RISEN)):
            continue  # "killing ..., hitting one in the head": a bare number far from a verb
            # ("the number of people killed ... had risen to 56" is kept: a total, not a verb's object)
        total = s.total_of(mention.first, any_group=trigger is not None) if noun.kind == "none" else None
        if total is not None:
            noun = Noun("group", total, noun.end)  # "the number of IDPs in Cabo Delgado has reached 580,000"; "the
            # number of journalists killed since 7 October 2023 to 231": journalists
        if labelled is not None:  # "Refugees in Uganda: 58,300", "Deaths (7-day): 212"
            found, entry = labelled
            noun = Noun("group", entry, noun.end) if entry is not None else noun
        elif per_place or (of_them and noun.kind == "none" and not _tight(back)):
            found = (out[-1].category, out[-1].rule)
        else:
            found = None
            if noun.kind == "none" and (subject := s.force_subject(mention.first)) is not None:
                noun = Noun("group", subject, noun.end)  # "Mali's armed forces number roughly 40,000"
                if fwd is not None and s.lows[mention.first - 1] in NUMBERING and (
                        fwd[1][1]["category"] not in _FATES or s.lows[mention.last:mention.last + 1] != [","]):
                    found = ("fighters", subject.id)  # the strength, not the verb after it: "The attackers, said to number
                    # about 200, arrived on motorcycles" (but "The army had 12 killed" are its dead, and "The assailants,
                    # numbering about 20, were all killed" are dead too)
            found = found or (_strength(s, mention, noun, armed) if fwd is None or fwd[0] > 3
                              or fwd[1][1].get("binds") == "attackers" else None) \
                or _category(trigger, noun, s, mention.value or mention.low or mention.high or 0)
            if found is None and total is not None and total["force"]:
                found = ("fighters", total.id)  # "put the number of Fano fighters at between 15,000 and 30,000"
        origin = _origin(s, noun.end) if found is not None and found[1].startswith(EVACUATION) else ""
        stays = bool(origin) and origin != nationals  # evacuees named with the country they left stay displaced there
        # unless they are its nationals ("1,200 Filipino workers were evacuated from Lebanon to Cyprus", "evacuated 1,900
        # people from Sudan"; but "4,000 Ukrainian children evacuated to Poland", "evacuated across the border into Chad")
        if (living_abroad and (found is None or found[0] == "displaced")) or (
                nationals and found is not None and found[0] == "displaced" and not stays and not (
                    trigger is not None and trigger[1].get("binds") == "home-lost")
                and _abroad(s, nationals, mention.first, noun.end, hosted=trigger is not None and trigger[1].get("binds") == "hosts")):
            found = ("refugees", found[1] if found else noun.entry.id)  # type: ignore[union-attr] # "3.5 million
            # Afghans remain in Iran", "Turkey hosts 3.1 million Syrians": nationals living in another country (but
            # foreigners evacuated from where they lived are no refugees)
        marked = marked_subset(s.lows, mention.first, mention.last)
        if out and found is not None and found[0] != out[-1].category and noun.kind == "group" \
                and s.lows[mention.last:mention.last + 2] in (["of", "them"], ["of", "whom"]) and noun.end == mention.last + 3 \
                and s.lows[noun.end:noun.end + 1] == [","] and s.lows[mention.first - 1] == "," \
                and _after(out[-1], mention, mentions, s.lows):
            found = (out[-1].category, out[-1].rule)  # "At least 94 people were injured, 18 of them children, and 22 people
            # remain unaccounted for": an aside's part of the count before, whatever the next verb says
        lists_on = listing and bool(out) and all(w in {",", "and"} for w in s.lows[out[-1].noun_end:mention.first])
        if found is None and out and (noun.kind == "group" or placed_part) and (marked or lists_on):
            # "killing 30 people, among them eight children"; "including 1733 children 969 women and 3110 men"; "3.5
            # million displaced across Myanmar, including some 410,000 in Rakhine"
            found = (out[-1].category, out[-1].rule)
            carried_part = (out[-1].group, out[-1].unit) if noun.kind == "none" else None
        else:
            carried_part = None
        restated = found is None and bool(out) and noun.kind == "group" and _in_other_units(s, out[-1], mention, noun)
        if restated:
            found = (out[-1].category, out[-1].rule)  # "63,400 people (10,870 households)": the same count in households
        if found is None and out and noun.kind == "none" and s.place_list_goes_on(out[-1].noun_end, mention.first, mention.last):
            found = (out[-1].category, out[-1].rule)  # "..., Balochistan with 22, Gilgit-Baltistan with 15"
        compared = _compared_with(out, s.lows) if comparing else None
        if compared is not None:  # "31 died, compared with 19 in the same period last year": what the 31 counted
            found = (out[compared].category, out[compared].rule)
        referent = out[-1] if out else earlier
        if found is None and referent is not None and noun.kind == "none" and _the_figure(s.lows, mention.first):
            found = (referent.category, referent.rule)  # "Some estimates put the figure at more than 150,000": the count
            carried_whole = (referent.group, referent.unit)  # told before
        else:
            carried_whole = None
        if found is None and earlier is not None and noun.kind == "group" and not out \
                and among_the_counted(s.lows, mention.first, noun.end):
            found = (earlier.category, earlier.rule)  # "38 homicides were recorded. Among the victims were four women"
        if found is None and of_them_before and earlier is not None:
            found, carried_whole = (earlier.category, earlier.rule), (earlier.group, earlier.unit)
        label = s.label(mention.first, listed) if found is None and listed is not None and not out else None
        from_list = label is not None and _a_list_count(s, mention, noun, label[1])
        if label is not None and from_list:  # "... recorded the following displacements: - Masisi territory: 71,400 people", "- Tawila:
            found = listed  # 34,500", "- Children: 13,000" (not "- People in need: 2.3 million", "- Tents: 4,500")
            if noun.kind == "none" and label[1] is not None:
                noun = Noun("group", label[1], noun.end)
        if found is None:
            continue
        elliptic = (noun.kind == "none" or (noun.entry is not None and noun.entry.term.lower() == "others")) and out \
            and fwd is not None and fwd[0] == 1 and s.elliptic(out[-1], mention.first)  # "... and 6 others wounded"
        carried = (out[-1].group, out[-1].unit) if elliptic or per_place else None  # "14 civilians were killed and 37 injured"
        if compared is not None:
            carried = (out[compared].group, out[compared].unit)
        carried = carried or carried_whole or carried_part
        whole = nouns[at - 1] if at else None
        if carried is None and noun.kind == "none" and whole is not None and whole.kind == "group" \
                and whole.entry is not None and not (out and out[-1].mention is mentions[at - 1]) \
                and s.lows[whole.end:mention.first] == [","] \
                and s.lows[mention.last:mention.last + 2] in (["of", "whom"], ["of", "them"]):
            carried = (whole.entry["group"], whole.entry["unit"])  # "Clashes involved 300 fighters, 40 of whom were
            # killed": fighters, though the 300 are no count of ours
        if carried is None and out and noun.entry is not None and noun.entry.term.lower() == "others" \
                and out[-1].group in FORCES:
            carried = (out[-1].group, out[-1].unit)  # "killed 34 al-Shabab militants and injured 12 others"
        if carried is None and out and noun.kind == "none" and out[-1].group in _CARRIED_GROUPS and back is not None \
                and found[0] not in {"displaced", "refugees"} \
                and back[0] == 1 and s.lows[out[-1].noun_end:back[1][2]] in (["and"], [",", "and"]):
            carried = (out[-1].group, out[-1].unit)  # "Soldiers killed seven assailants and captured two": two of them;
            # "killed 68 migrants and injured 47": migrants
        if carried is None and noun.kind == "none" and (bracketed := s.bracketed_under(out, mention.first)) is not None:
            carried = (bracketed.group, bracketed.unit)  # "1,642 civilian casualties (522 killed, 1,120 injured)"
        more = mention.last < len(s.lows) and s.lows[mention.last] == "more"  # "insurgents killed two more"
        if carried is None and noun.kind == "none" and out and more:
            carried = (out[-1].group, out[-1].unit)  # "Three soldiers were killed, and two more died"
        elif not out and previous is not None and noun.kind == "none" and (
                more or tuple(s.lows[:mention.first]) in NEXT_COUNT):
            carried = (previous.group, previous.unit)  # "Five soldiers were killed. Another 30 were wounded."
        partner = s.coordinated(trigger) if trigger is not None and found[1] == trigger[1].id else None
        if partner is not None and trigger is not None and (
                partner[1].get("binds") in CLOSE_ONLY or _has_own_count(partner, trigger, mentions, nouns, mention)):
            partner = None  # "shot two men dead and seized 47,500 pills", "left 7,800 people homeless and killed two
            # children": that verb has an object of its own
        arrivals = {t[1].id for t in (trigger, partner) if t is not None and t[1].get("binds") in {"arrival", "reaches"}}
        for category, rule in [found, *([(partner[1]["category"], partner[1].id)] if partner else [])]:
            # "three civilians were kidnapped and killed": captured and killed
            if noun.entry is not None and noun.entry["only"] and category not in noun.entry["only"].split():
                continue  # "homes" count households evacuated, not homes captured
            if category == "missing" and mention.first and s.rules.finders.match_ending_at(s.lows, mention.first - 1) \
                    and (s.lows[mention.last:mention.last + 1] == ["missing"] or _of_the_missing(s.lows, mention.last)):
                continue  # "Rescuers have found 40 of the missing", "found 12 missing fishermen alive", "have accounted
                # for 40 of those missing": no longer missing (but "a census found 30 people missing", "a roll call found
                # 30 of the miners missing" count them)
            if category == "captured" and mention.first and s.rules.finders.match_ending_at(s.lows, mention.first - 1):
                continue  # "troops rescued 20 kidnapped passengers": no captives now (but "rescued 35 injured people" were hurt)
            if category == "fighters" and mention.kind in {"article", "definite"}:
                continue  # "The Coast Guard has sent two vessels": no force is one strong
            group = noun.entry["group"] if noun.entry is not None else "people"
            if noun.entry is not None and noun.entry.term.lower() == "recruits" and _non_state(s, mention.first):
                group = "fighters"  # "a volunteer militia said 2,000 recruits had joined its ranks": not an army's
            if category in MOVED and mention.first >= 2 and s.lows[mention.first - 2] == "with" \
                    and s.lows[mention.first - 1] in _POSSESSIVES and not any(m.first < mention.first for m in mentions):
                continue  # "arrived in Fassala with her six children", "We fled with our three children": who came with
                # someone, not a count (but "2,000 refugees arrived with their 3,500 children" counts them)
            if category == "displaced" and rule in arrivals and group in _CROSS_BORDER:
                category = "refugees"  # "nearly 61,000 migrants arrived on its coasts": they crossed a border to come
            if category in MOVED and group in FORCES and not (
                    rule.startswith(EVACUATION) and _with_families(s.lows, noun.end, trigger[0] if trigger else noun.end)):
                if rule in arrivals:  # "about 400 Kenyan police officers arrived in Port-au-Prince": a deployment
                    category = "fighters"
                else:
                    continue  # "500 troops moved to the border", "evacuated 30,000 troops" is no displacement (but "2,100
                    # fighters and family members were evacuated" under a truce are displaced)
            if (category == "fighters" and group in {"people", "men"}) or (armed and group == "people" and _of_a_force(s, noun)):
                group = (category == "fighters" and trigger is not None and noun.entry is not None and _force_before(s, trigger[2])) \
                    or "fighters"  # "two members of the Sinjar Resistance Units were killed"; "the military has drafted
                # some 60,000 people": its soldiers
            if trigger is not None and trigger[1].get("binds") == "forces-only" and group in {"people", "men"}:
                group = _force_before(s, trigger[2])  # "the army had lost around thirty men": its soldiers
            unit = noun.entry["unit"] if noun.entry is not None else "people"
            group, unit = carried or (group, unit)
            at = trigger[2] if trigger else mention.first
            cumulative = (trigger is None and not from_list) or any(
                w in CUMULATIVE for w in s.lows[max(0, at - 3):max(at + 1, trigger[0] if trigger else 0)]) \
                or _living(s.lows, noun.end)
            cumulative = out[-1].cumulative if restated else cumulative  # (the same count, so the same period)
            if rule.startswith(EVACUATION) and noun.fallback is not None and noun.fallback[1]["category"] in _HURT:
                category, rule = noun.fallback[1]["category"], noun.fallback[1].id  # "evacuated 12 of the wounded by
                # helicopter": wounded, moved for care
            if rule.startswith(EVACUATION) and trigger is not None and _for_care(s, trigger):
                continue  # "14 patients were medically evacuated to Egypt", "evacuated ... for treatment": moved for care
            out.append(Binding(mention, category, group, unit, rule, noun.end, cumulative, compared=compared, stays=stays))
        listing = marked or lists_on or among_the_counted(s.lows, mention.first, noun.end)
    capitalised = {k for k, t in enumerate(tokens) if t.text[:1].isupper()} if out and "alone" in s.lows else ()
    return link_subsets(s.lows, out, s.triggers, capitalised)


def _with_families(lows: list[str], k: int, verb_end: int) -> bool:
    """The fighters counted by the noun phrase ending before token k moved with their families: "and their families
    were evacuated", "and family members", "were evacuated with their families" (the verb ends before `verb_end`)."""
    return any(lows[j:j + 1] in (["and"], ["with"]) and bool(_FAMILIES.intersection(lows[j + 1:j + 4]))
               for j in (k, verb_end))


_FAMILIES = frozenset("families family relatives dependants dependents".split())
_FINITE = (["was"], ["were"], ["is"], ["has"], ["had"], ["died"], ["later"], ["also"], ["subsequently"])  # "..., and a
# civilian was wounded", "and a teacher died of her injuries": a verb of the one's own (not "a woman killed in her home")
_CROSS_BORDER = frozenset({"migrants"})  # a group that arrives from abroad (asylum seekers are refugees already: groups.csv)
_POSSESSIVES = frozenset("her his their my our".split())
_ANYONE = frozenset("people civilians children men women".split())  # groups a person singled out of a toll may be of
_AMONG_THE = [["among", w, x] for w in ("the", "those") for x in THE_COUNTED]


def _after(before: Binding, mention: NumberMention, mentions: list[NumberMention], lows: list[str]) -> bool:
    """The count told before is the last number before this one: no count of something else (homes, a population
    affected) stands between them; a span of time may ("Seven guards have been killed in the past two years, one of
    them in May")."""
    return max((m.first for m in mentions if m.first < mention.first and m.kind != "article"
                and lows[m.last:m.last + 1] not in _SPANS), default=-1) == before.mention.first



def _in_a_place(s: Clause, k: int) -> bool:
    """A place follows token k: "in Rakhine", "across the north", "were in Tillabéri region" (after "of whom")."""
    k += s.lows[k:k + 1] in (["were"], ["are"], ["was"], ["is"]) and s.lows[k - 3:k - 1] == ["of", "whom"]
    return s.lows[k:k + 1] in (["in"], ["across"]) and k + 1 < len(s.lows) and (
        s.tokens[k + 1].text[:1].isupper() or s.lows[k + 1] == "the")


_PART_DID = [[w] for w in "are were is was have has had will would may might".split()]


def _in_other_units(s: Clause, before: Binding, mention: NumberMention, noun: Noun) -> bool:
    """The count stands in brackets right after the count before and tells it in the other unit: "63,400 people (10,870
    households)", "1,200 families (7,200 people)"."""
    return s.lows[mention.first - 1:mention.first] == ["("] and before.noun_end == mention.first - 1 \
        and s.lows[noun.end:noun.end + 1] == [")"] and noun.entry is not None \
        and {before.unit, noun.entry["unit"]} == {"households", "people"}


def _a_places_part(s: Clause, mention: NumberMention) -> bool:
    """ "of them" and a place's name follow the count: "Nineteen of them were in (neighbouring, northern) Kasai" (not
    "Nine of them were in critical condition")."""
    lows = s.lows
    if lows[mention.last:mention.last + 2] not in (["of", "them"], ["of", "those"], ["of", "these"]):
        return False
    where = _past_being(lows, mention.last + 2)
    name = where + 1
    while name < len(lows) and (lows[name] in _BEFORE_A_PLACE or lows[name] in DIRECTIONS):
        name += 1
    return lows[where:where + 1] in (["in"], ["inside"], ["across"]) and name < len(lows) \
        and s.tokens[name].text[:1].isupper()


_BEFORE_A_PLACE = NEARBY | {"the"}  # "in the", "in neighbouring"


def _past_being(lows: list[str], k: int) -> int:
    """Past a "be" verb and its adverbs of time at token k: "are now", "were still", "remain" (else k)."""
    if k < len(lows) and lows[k] in {"are", "were", "is", "was", "remain", "remained", "remains"}:
        k += 1
        while k < len(lows) and lows[k] in {"now", "still", "currently", "already"}:
            k += 1
    return k


def _manner(lows: list[str], k: int) -> int:
    """1 if an adverb of how badly stands at token k ("58 of them seriously"), else 0."""
    return int(k < len(lows) and lows[k] in _HOW_BADLY)


_HOW_BADLY = frozenset("seriously critically severely badly gravely slightly lightly fatally mortally".split())


def _of_the_missing(lows: list[str], k: int) -> bool:
    """Token k opens "of the missing", "of those still missing", "of the still missing passengers" or "of the 25 people
    missing" (people found among the missing), not "of the miners missing" (a roll call that found them missing)."""
    if lows[k:k + 1] != ["of"]:
        return False
    j = k + 1
    while j < len(lows) and lows[j] in _BEFORE_MISSING:
        j += 1
    if lows[j:j + 1] == ["missing"]:
        return True
    return j < len(lows) and lows[j][:1].isdigit() and "missing" in lows[j + 1:j + 4] and bool(
        _ALIVE.intersection(lows[j + 2:j + 14]))  # "of the 25 people missing in the flood alive" (but "a headcount found 12
    # of the 40 passengers missing")


_ALIVE = frozenset("alive safe unharmed dead".split())
_BEFORE_MISSING = frozenset("the those these its their still reported presumed".split())


def _has_own_count(partner: tuple, trigger: tuple, mentions: list[NumberMention], nouns: list,
                   mention: NumberMention) -> bool:
    """The partner verb has a count of its own: its object right after it ("left 7,800 people homeless and killed two
    children": the two are killed, not left homeless), or, for a state the partner names after its object ("homeless"),
    the count right before it (the 7,800 are homeless, not killed). Not a verb's subject ("About 50 gunmen abducted
    and killed seven villagers"), nor a count past a comma ("kidnapped and killed, and three others were injured")."""
    end, entry, start = partner
    if start > trigger[0]:  # the partner comes after this count's trigger: its object follows it
        return any(m is not mention and m.kind not in {"article", "definite"} and m.first == end for m in mentions)
    return entry["kind"] == "patient" and any(
        m is not mention and m.kind not in {"article", "definite"} and n is not None and n.end == start
        for m, n in zip(mentions, nouns, strict=True))


def _of_a_force(s: Clause, noun: Noun) -> bool:
    """The noun is "members" of a named body or a force: "members of the Sinjar Resistance Units", "members of the
    VDP" (in an article of armed groups; not "members of the same family" nor "of Parliament")."""
    if noun.entry is None or noun.entry.term.lower() not in {"members", "member"} or s.lows[noun.end:noun.end + 1] != ["of"]:
        return False
    k = noun.end + 1 + (s.lows[noun.end + 1:noun.end + 2] == ["the"])
    return k < len(s.lows) and (s.tokens[k].text[:1].isupper() or s.lows[k] in _FORCE_WORDS) \
        and not _CIVIC.intersection(s.lows[k:k + 4])


def _the_figure(lows: list[str], first: int) -> bool:
    """A reference back to a count told before stands in the few words before token `first`: "put the figure at",
    "the real figure was closer to", "The figure is up from"."""
    window = lows[max(0, first - 6):first]
    return (not window or window[-1] != "by") and any(w in _FIGURE_WORDS and k and window[k - 1] in _THE
                                                       for k, w in enumerate(window))  # not "the figure rose by 20"


_FIGURE_WORDS = frozenset({"figure", "tally", "estimate", "count"})
_THE = frozenset({"the", "this", "that", "real", "actual", "true", "official", "final", "its"})


def _compared_with(out: list[Binding], lows: list[str]) -> int:
    """The count a later one is compared with: the last count of people that is no part of another, not the households
    they came from ("6,412 people from 1,870 households had been evacuated, up from 2,900 on Monday") nor a part
    ("killed 30 people, including 5 children, compared with 20")."""
    wholes = [k for k in range(len(out)) if not marked_subset(lows, out[k].mention.first, out[k].mention.last)]
    return next((k for k in reversed(wholes) if out[k].unit == "people"), wholes[-1] if wholes else len(out) - 1)


_RATES = (["a", "day"], ["per", "day"], ["a", "week"], ["per", "week"], ["a", "month"], ["per", "month"], ["each", "day"],
          ["every", "day"])


# Categories of nouns that name what befell people ("deaths"), so no later verb re-reads them.
EVENT_NOUNS = frozenset({"killed", "injured", "casualties", "captured", "missing"})


# How a sentence opens on a count of the same people as the sentence before: "Another 30 were wounded."
