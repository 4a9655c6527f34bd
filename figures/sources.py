"""Sources: find who a sentence says its figures come from ("according to OCHA", "the UN said")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from figures.dates import CALENDAR_WORDS, MONTHS, POINT, WEEKDAYS
from figures.phrases import FUNCTION
from figures.places import AREA_WORDS, MEDIA, a_town
from figures.rules import Entry, Rules
from figures.tokens import (
    DASHES,
    LIST_MARKS,
    PhraseTable,
    Token,
    inner_hyphen,
    plain,
    spaced_dash,
    term_tokens,
    tokenize,
)

CONNECTORS = frozenset("of for the in on and al de el - ' ( ) &".split())
DETERMINERS = frozenset("the a an its their".split())
STOP_AFTER = frozenset(", . ; : that who which while as when after on at and since because in".split())
STOP_BEFORE = frozenset("that who which where while as when after on and since because in with from by to of based , . ; :".split())
PRONOUNS = frozenset("he she they it we i this these which who".split())
INVERSION_MARKS = frozenset({",", '"', "”", "'", "’"})  # "..., said X" and '"...," said X'
TRAILERS = ("report", "reports", "data", "figures", "statement", "count", "tally", "bulletin", "update")
_WHEN = CALENDAR_WORDS
_TIMES = _WHEN | {"yesterday", "today", "tonight", "then", "now", "noon", "midday", "midnight", "nightfall", "dawn",
                  "dusk", "sunset", "sunrise", "evening", "morning", "afternoon", "night"}  # "had not been released by then"
_DOTTED = re.compile(r"\b(?:[A-Z]\.)+[A-Z]\b\.?")  # "U.N.", and "U.N" where the sentence ended on its dot
_SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson official officials".split())
_CHANGED = frozenset("raised revised lowered updated raises revises lowers put puts putting".split())  # not "updates": "Live updates"
_PUT = frozenset("put puts putting gave gives".split())  # "put the toll at 41", "gave a toll of 112"
TALLIES = frozenset("toll tolls number numbers figure figures count tally total estimate estimates strength losses "
                     "account version breakdown".split())  # "JNIM gave a very different account", "gave the following breakdown:"
_CHANGED_WHAT = (["the"], ["its"], ["their"], ["his"], ["her"], ["a"], ["an"], ["it"], ["them"], ["total"])
_COMMON_ADJECTIVES = frozenset("local medical military security government health hospital rescue aid humanitarian "
                               "provincial regional state district".split())
_NOBODY = frozenset({"no", "none", "nobody"})  # "No group has claimed the attack" names no source
_PLACE_PHRASE = frozenset("the of town city village province state district region county occupied parts part areas "
                          "area northern southern eastern western central rural territory governorate camp".split())


@dataclass(frozen=True)
class Attribution:
    """A source named in a sentence, the token where it stands, and whether it refers back ("the group")."""

    name: str
    at: int
    anaphora: bool = False
    written: str = ""  # the name as the text has it
    relayed: bool = False  # named after "citing": the sentence's reporter only passes it on
    surname: bool = False  # a lone capitalised word opening the sentence: a name told in full before, or no one
    via: str = ""  # "the ministry told Reuters": Reuters relayed it
    unlike: tuple[tuple[str, ...], ...] = ()  # words of the names a reference back cannot mean ("the ministry": "police")


@dataclass(frozen=True)
class _Vocabulary:
    before: tuple[tuple[str, ...], ...]
    before_by_first: dict[str, tuple[tuple[str, ...], ...]]
    verbs: frozenset[str]
    descriptors: tuple[tuple[str, ...], ...]
    heads: frozenset[str]
    speakers: frozenset[str]  # heads that are one person speaking for an organisation
    between: frozenset[str]  # words between a source and its verb ("has", "later")
    anaphora: frozenset[tuple[str, ...]]
    typed: dict[str, tuple[tuple[str, ...], ...]]  # a reference back's last word: the words of names it cannot mean
    known: frozenset[str]
    relayed: frozenset[tuple[str, ...]]
    relay_verbs: frozenset[str]
    titles: frozenset[str]  # abbreviations a full stop may follow inside a name ("Lt.")
    numbers: frozenset[str]  # number words, which count speakers but are no part of their name ("two officials")
    places: PhraseTable  # places.csv's names: "North Kordofan's governor" is no organisation's
    sources: frozenset[str]  # sources.csv's names and aliases, as term_tokens has them


@lru_cache(maxsize=8)
def _vocabulary(rules: Rules) -> _Vocabulary:
    a = rules.attribution
    longest = lambda terms: tuple(sorted((term_tokens(t) for t in terms), key=len, reverse=True))  # noqa: E731
    before = longest(t.replace("{SOURCE}", "") for t in a["before"])
    return _Vocabulary(
        before=before,
        before_by_first={w: tuple(p for p in before if p[0] == w) for w in {p[0] for p in before}},
        verbs=a["verbs"],
        descriptors=longest(a["descriptors"]),
        heads=a["heads"],
        speakers=a["speakers"],
        between=a["between"],
        anaphora=frozenset(term_tokens(t) for t in a["anaphora"]),
        typed={term_tokens(t)[-1]: tuple(term_tokens(w) for w in unlike) for t, unlike in a.get("typed_anaphora", {}).items()},
        known=frozenset(w for key in rules.sources for w in key.split() if w.isalpha()),
        relayed=frozenset(term_tokens(t.replace("{SOURCE}", "")) for t in a["relayed"]),
        relay_verbs=frozenset(a["relay_verbs"]),
        titles=rules.abbreviations,
        numbers=frozenset(rules.number_words),
        places=rules.places,
        sources=frozenset(rules.sources),
    )


def _strip(words: list[Token], v: _Vocabulary) -> list[Token]:
    lows = [t.low for t in words]
    for d in v.descriptors:
        if tuple(lows[:len(d)]) == d:
            words, lows = words[len(d):], lows[len(d):]
            break
    based = next((j for j in range(2, min(len(words) - 1, 9)) if words[j].low == "based" and words[j - 1].low == "-"), None)
    if based is not None and all(t.text[:1].isupper() or t.low in _IN_A_TOWNS_NAME for t in words[:based - 1]):
        words = words[based + 1:]  # "the Port-au-Prince-based Center", "the New York-based Committee to Protect
        # Journalists": where it is based is no part of its name (but "the UN's Geneva-based office" keeps whose it is)
    while words and (words[0].low in CONNECTORS or words[0].low in {"a", "an"} or words[0].low in v.numbers
                     or (words[0].low.isdigit() and not _ordinal(words))
                     or (words[0].low in _WHEN and len(words) > 1 and words[1].text.islower())):
        words = words[1:]  # "according to a UN report", "according to two medical sources", "On Friday the agency said"
        # (but "the 8th Armed Police Battalion" keeps its number)
    trailer = bool(words) and words[-1].low in TRAILERS
    while words and (words[-1].low in CONNECTORS - {")"} or words[-1].low in TRAILERS or _dated(words)):
        words = words[:-1]  # "the health ministry on Saturday": the name ends before its date
    owner = next((j for j in range(1, len(words) - 1) if words[j].low in {"'", "’"} and words[j + 1].low == "s"), None)
    if trailer and owner is not None and all(t.text.islower() for t in words[owner + 2:]):
        words = words[:owner]  # "according to Conred's cumulative report": Conred's; not "Doctors Without Borders"
    if words and words[0].low in _NOBODY:
        return []  # "No group has claimed the attack": nobody said anything
    return words


def _ordinal(words: list[Token]) -> bool:
    """The words open on an ordinal written in digits: the "8th" of "8th Armed Police Battalion"."""
    return len(words) > 2 and words[1].low in _ORDINAL_ENDINGS and words[1].start == words[0].end \
        and words[2].text[:1].isupper()


_ORDINAL_ENDINGS = frozenset("st nd rd th".split())
_IN_A_TOWNS_NAME = frozenset("- the a an au aux de du des la le les al el es".split())  # "the Port-au-Prince-based"


def _dated(words: list[Token]) -> bool:
    """A name's last word is a date said of it ("... on Saturday", "... yesterday"), not part of a name
    ("Theresa May", "Sunday Okoro")."""
    last = words[-1].low
    return last in {"yesterday", "today"} or (last in _WHEN and len(words) > 1 and words[-2].low in {"on", "in", "last"})


@lru_cache(maxsize=1 << 14)  # the same sources recur in every article
def normalise(name: str, rules: Rules) -> str:
    """The canonical name from sources.csv, else the name as written.

    >>> from figures.rules import default_rules
    >>> normalise("the United Nations Office for the Coordination of Humanitarian Affairs (OCHA)", default_rules())
    'OCHA'
    """
    tokens = tokenize(_DOTTED.sub(lambda m: m.group().replace(".", ""), name))  # "U.N." is "UN"
    key = " ".join(t.low for t in tokens)  # as term_tokens has it
    candidates = [key, key.removeprefix("the ")]
    if "(" in key:
        inner = key[key.index("(") + 1:].strip(" )")
        candidates += [key[:key.index("(")].strip().removeprefix("the "), inner]
    candidates += [" ".join(t.low for t in tokens[i:]) for i in range(1, len(tokens))
                   if tokens[i].text[:1].isupper() and tokens[i - 1].text.islower()]  # "the UN children's agency UNICEF"
    for candidate in candidates:
        if candidate in rules.sources:
            return rules.sources[candidate].term
    words = key.split()
    if name[:1].isupper() and words[-1] in rules.attribution["heads"] and (
            len(words) == 1 or (len(words) == 2 and words[0] in _COMMON_ADJECTIVES)):
        return key  # "Residents said", "Local officials said": capitalised only to start the sentence
    if name.endswith(")") and name.count("(") < name.count(")"):
        return name[:-1].rstrip()  # "a conflict monitor (Kivu Security Tracker) said": the bracket's name, not its ")"
    return name


@lru_cache(maxsize=1 << 10)  # an archive has few outlets
def publisher(outlet: str, rules: Rules, text: str = "") -> str:
    """The source whose own publication the outlet is ("IOM Press Release", "UNHCR Briefing Notes", "OCHA Somalia": IOM,
    UNHCR, OCHA), for what the text says in the first person; or an outlet sources.csv does not know that the text
    names as itself ("Olive Grove Legal Aid today condemned ... according to our field researchers"); "" for another
    outlet, or media."""
    words, texts = term_tokens(outlet), [t.text for t in tokenize(outlet)]
    for end in range(len(words), 0, -1):
        entry = rules.sources.get(" ".join(words[:end]))
        rest = words[end:]
        if entry is not None and (all(w in _RELEASES for w in rest) or (
                rest and (found := rules.places.match_at(texts[end:], 0)) is not None and found[0] == len(rest))):
            return "" if entry["kind"] == "media" else entry.term  # (not "Army Times", a paper)
    if len(words) >= 2 and outlet in text and words[0] not in rules.sources and not MEDIA.intersection(texts):
        return outlet  # (not "Nile Valley Wire", "Kenya Times": the media's "our correspondent" is no source of its own)
    return ""


_RELEASES = frozenset("press release releases briefing briefings notes note news statement statements update updates "
                      "situation report reports flash bulletin sitrep humanitarian operational displacement tracking matrix "
                      "dtm emergency snapshot dashboard response appeal factsheet fact sheet overview brief".split())  # what a body publishes under its name


def own_voice(attributions: list[Attribution], publisher: str) -> list[Attribution]:
    """Sources in the first person ("Our protection teams documented ...", "we recorded") are the publisher's own, in
    its release (see publisher); in another outlet's article, no one the text names: they are left out."""
    def ours(a: Attribution) -> bool:
        words = a.written.lower().split()
        return bool(words) and words[0] in _FIRST_PERSON and words[-1] not in _OTHERS  # (not "Our partners estimate":
        # other bodies, told by their own names elsewhere)

    if not any(ours(a) for a in attributions):
        return attributions
    if not all(ours(a) or a.anaphora for a in attributions):
        return [a for a in attributions if not ours(a)]  # '"Our teams have recorded 120 deaths," said Dr Mucavele of the
        # health directorate': the speaker named is who "our" means
    return [replace(a, name=publisher) if ours(a) else a for a in attributions if publisher or not ours(a)]


_FIRST_PERSON = frozenset({"we", "our", "us"})
_OTHERS = frozenset({"partners", "partner"})


def _text(sentence: str, words: list[Token], offset: int) -> str:
    return sentence[words[0].start - offset:words[-1].end - offset]


def find_attributions(tokens: list[Token], sentence: str, offset: int, rules: Rules) -> list[Attribution]:
    """Every source named in a sentence, in order."""
    v = _vocabulary(rules)
    lows = [t.low for t in tokens]
    out: list[Attribution] = []
    counted_in: list[Attribution] = []  # a country that counted: where, when the sentence also says whose the count is
    before = 0  # the sources named after "according to", "citing", ...
    colon = lows.index(":") if ":" in lows[1:5] else 0
    if colon and " ".join(lows[:colon]).removeprefix("the ") in rules.sources:
        out.append(_named(tokens[:colon], 0, sentence, offset, rules))  # a headline's "UN: 1,000 civilians killed"
    if len(tokens) > 3 and (cited := _cited_at_end(tokens, lows, sentence, offset, rules, v)) is not None:
        out.append(cited)  # a situation report's "... across Donetsk oblast (OHCHR)."
    if len(tokens) > 4 and (tail := _after_dash(tokens, lows, sentence, offset, rules, v)) is not None:
        out.append(tail)  # a headline's "Over 100 killed in attack on market - activists"
    for i in range(len(tokens)):
        for phrase in v.before_by_first.get(lows[i], ()):
            if tuple(lows[i:i + len(phrase)]) == phrase and lows[i + len(phrase):i + len(phrase) + 1] != ["cent"] and not (
                    phrase == ("per",) and i + 1 < len(tokens) and tokens[i + 1].text.islower()):
                # (not "60 per cent of the ...", "30,000 a month" written "per month")
                j = k = i + len(phrase)
                while k < len(tokens) and k - j < 14 and (lows[k] not in STOP_AFTER or _dot_inside(tokens, k)) and (
                        lows[k] not in v.verbs or (lows[k] in TRAILERS and k > j)) and not (
                        lows[k] == "to" and k + 1 < len(tokens) and tokens[k + 1].text.islower()):  # "believed by
                    # analysts to have 2,000 fighters" (but "the Committee to Protect Journalists")
                    k += 1  # "according to a report by HRW", "according to a UN report": "report" is a noun there
                k = _coordinated_head(tokens, j, k, v, rules)  # "according to Western and Malian security sources"
                k = _up_to_acronym(tokens, j, k, v, rules)  # "the Center for Analysis and Research in Human Rights (CARDH)"
                k = _portfolios_on(tokens, j, k, v)  # "the Ministry of Reconstruction, Rehabilitation and Resettlement"
                k += k < len(tokens) and lows[k] == ")" and "(" in lows[j:k]  # a long name's bracket, closed
                k = _named_after_role(tokens, k, v)  # "according to its manager, Yusuf Adem"
                words = _strip(tokens[j:k], v)
                if phrase[-1] == "from" and words and _only_a_place(words, rules):
                    break  # "according to reports from Kadugli": where the reports came from, not who made them
                if phrase in v.relayed and words and all(t.text.islower() for t in words) and words[-1].low not in v.heads:
                    break  # "returned under pressure, citing police raids": a reason cited, no one who told it
                if words and words[0].low not in TALLIES and not (phrase[-1] == "by" and _a_time(words)) \
                        and not (len(words) == 1 and words[0].low in _QUANTIFIERS) \
                        and not (phrase[-1] == "by" and words[0].low in _BREAKDOWNS):
                    # not "citing a figure of more than 1,000", "believed by many", "not released by Wednesday" nor
                    # "deaths recorded by month": how a count is broken down
                    at = tokens.index(words[0])
                    tally = tokens[k - 1].low in TRAILERS  # "according to ... figures", "... report"
                    if tally and all(t.low in _OF_A_TALLY for t in words):
                        break  # "according to the latest official figures": whose, it does not say
                    anaphora = (at >= 1 and (tokens[at - 1].low, *(t.low for t in words)) in v.anaphora) or (
                        tally and words[0].low in {"its", "their"} and all(t.text.islower() for t in words))
                    # "according to the ministry's report": the ministry named before; "according to its latest
                    # situation report" too (but "according to their relatives" are relatives)
                    out.append(_named(words, i, sentence, offset, rules, relayed=phrase in v.relayed, anaphora=anaphora,
                                      unlike=_unlike(words, anaphora, v)))
                    before += 1
                break
        if lows[i] not in v.verbs or (lows[i] in _CHANGED and lows[i + 1:i + 2] not in _CHANGED_WHAT) or (
                lows[i] in _PUT and not TALLIES.intersection(lows[i + 1:i + 5])) or _passive(lows, i) \
                or lows[i - 1:i] == ["without"] or _says_something_else(lows, i, v, rules) \
                or (i and tokens[i].text[:1].isupper() and lows[i + 1:i + 2] == [":"]) \
                or (lows[i] in COUNTING and not _counts_next(lows, i + 1, v)) \
                or (i and lows[i].endswith("ed") and (lows[i - 1][:1].isdigit() or lows[i - 1] in rules.number_words)
                    and lows[i + 1:i + 2] and lows[i + 1].isalpha() and tokens[i + 1].text.islower()):
            continue  # "raised the toll", "revised its estimate", "put the toll at 41"; not "a network of raised
            # shelters", "put the wounded on a truck", "a contingent in Mali estimated at 2,000", "without saying", a
            # title's "NDMA Monsoon Situation Report: 794 deaths" nor "refugees registered in Renk" (what was counted),
            # nor "About 400 registered refugees" (a participle after a count)
        via = _relay(tokens, i, sentence, offset, v, rules)
        if _after_figures(tokens, i, v):
            words = _inverted(tokens, i, v) or _subject(tokens, i, v)  # "four were in Satkhira, three in
            # Khulna, ..., said Md Rafiqul Islam": the speaker follows the verb
        else:
            words = _subject(tokens, i, v) or _inverted(tokens, i, v)
            words = _heads_in_a_place(tokens, words, v, rules)
        # all lower case ("the interior ministry said", "the ministry said"): a common noun's phrase, read
        # whole by _common_noun, which also knows "the ministry" as a reference back
        found = _common_noun(tokens, i, v) if not any(t.text[:1].isupper() for t in words) else None
        if not words and found is None:
            words = _known_before(tokens, i, rules)  # "IOM DTM emergency tracking recorded": the known name
        if words and _in_whose_clause(tokens, tokens.index(words[0])):
            continue  # "1.6 million in Pakistan, whose status Pakistan has said it will not extend": not the count's
        if words and not found and words[0].low not in PRONOUNS and not _just_capitalised(words, tokens, rules, v):
            if _counts_something(words, rules):
                continue  # "New displacement recorded since 26 January": what was counted, not who counted it
            if not _only_a_region(words, v):  # not "The state of Sinaloa recorded 38 homicides": where, not who
                out.append(_named(words, i, sentence, offset, rules, via=via))
                if lows[i] in COUNTING and len(words) == 1 and _country(words[0], v):
                    counted_in.append(out[-1])  # "Niger counted 373,210 IDPs, ..., according to the ministry"
                continue
            found = _common_noun(tokens, i, v)  # but "the mayor of Kharkiv said": whose office the place names
            if not found:
                continue
        if found:
            words, anaphora = found
            start = tokens.index(words[0]) if words else 0
            start -= start >= 2 and tokens[start - 1].low in DETERMINERS  # "said its forces had killed 18"
            if start and (tokens[start - 1].low in v.verbs or (tokens[start - 1].low == "that" and any(
                    t.low in v.verbs for t in tokens[max(0, start - 5):start - 1]))):
                continue  # "a health worker ... said staff had counted 34 bodies": the one who said it is the source
                # ("told Reuters that staff had counted"; but "fighting that Congo's government said killed 3,000":
                # "that" opens a relative clause)
            out.append(_named(words, i, sentence, offset, rules, anaphora=anaphora, via=via, unlike=_unlike(words, anaphora, v)))
        elif (not words or words[0].low in PRONOUNS) and (subject := _pronoun_subject(tokens, i, v)) is not None:
            out.append(Attribution("", subject, anaphora=True, written=tokens[subject].text, via=via))  # "it said", "He said":
            # the source named before, if any (see attribute)
        elif len(words) == 1 and words[0].text.isalpha() and words[0].low not in PRONOUNS:
            out.append(Attribution("", i, anaphora=True, written=words[0].text, via=via, surname=True))  # "Marchenko
            # said": the person named in full before, if the name ends so (see resolve.usable); else no one
    if not out and ("'" in lows or "’" in lows) and (whose := _whose_tally(tokens, sentence, offset, rules, v)) is not None:
        out.append(whose)  # "the Health Ministry's cumulative toll now stands at 59,106"
    return [a for a in out if a not in counted_in] if counted_in and len(out) > len(counted_in) else out
    # ("Chad registered 12,000 new arrivals, UNHCR said": the one who said it)


def _heads_in_a_place(tokens: list[Token], words: list[Token], v: _Vocabulary, rules: Rules) -> list[Token]:
    """A subject that is only a place, after "in" and the people in it who spoke: "site managers in Lac Vert registered"
    are the site managers in Lac Vert, not Lac Vert (else the words as they are)."""
    if not words or not all(t.text[:1].isupper() for t in words) or " ".join(t.low for t in words) in rules.sources:
        return words
    at = tokens.index(words[0])
    head = tokens[at - 2].low if at >= 2 else ""
    if tokens[at - 1].low != "in" or not (head in v.heads or head.removesuffix("s") in v.heads):
        return words  # ("site managers", "managers" a manager's plural)
    start = at - 2
    if start > 0 and tokens[start - 1].low.isalpha() and tokens[start - 1].low not in FUNCTION \
            and (tokens[start - 1].text.islower() or start == 1):
        start -= 1  # "site managers", "local officials"
    return tokens[start:at + len(words)]


def _whose_tally(tokens: list[Token], sentence: str, offset: int, rules: Rules, v: _Vocabulary) -> Attribution | None:
    """The body whose toll or figures a possessive names, when the sentence names no one else: "the Health Ministry's
    cumulative toll stands at 59,106", "OCHA's latest figures put ..."; not a place's ("Gaza's death toll")."""
    for j in range(1, len(tokens) - 2):
        if tokens[j].low not in {"'", "’"} or tokens[j + 1].low != "s":
            continue
        tally = next((m for m in range(j + 2, min(len(tokens), j + 5)) if tokens[m].low in _TALLY_WORDS), None)
        if tally is None or not all(t.text.islower() and t.low.isalpha() for t in tokens[j + 2:tally]) \
                or not any(t.low[:1].isdigit() or t.low in v.numbers for t in tokens[tally:]):
            continue  # (not "By municipality, the Ombudsman's figures were:", which heads the counts of the source named before)
        k = j - 1
        while k >= 0 and j - k <= 8 and (tokens[k].text[:1].isupper() or (tokens[k].low in CONNECTORS and tokens[k].low != "and")
                                          or tokens[k].low in v.heads):
            k -= 1
        words = _strip(tokens[k + 1:j], v)
        if not words or words[0].low in PRONOUNS or _only_a_place(words, rules) or (
                not any(t.text[:1].isupper() for t in words) and words[-1].low not in v.heads):
            continue
        return _named(words, tally, sentence, offset, rules)
    return None


_TALLY_WORDS = frozenset("toll tolls tally count figures figure data estimate estimates records".split())


COUNTING = frozenset("counted recorded registered tallied".split())  # verbs of a count a place may make of its own


def _only_a_place(words: list[Token], rules: Rules) -> bool:
    """The words are a place's name in the gazetteer and nothing else, and no source's."""
    texts = [plain(t.text) for t in words]
    if not texts[0][:1].isupper() or " ".join(t.low for t in words) in rules.sources:
        return False
    found = rules.places.match_at(texts, 0)
    return (found is not None and found[0] == len(texts)) or a_town(" ".join(texts))


def _counts_something(words: list[Token], rules: Rules) -> bool:
    """The words end on a word of a figure in lower case, or are one ("New displacement", "Civilian deaths", a heading's
    "Fatalities confirmed by NDMA"; not "the Ministry of the Displaced")."""
    lows = [t.low for t in words]
    return (words[-1].text.islower() or len(words) == 1) and any((found := rules.triggers.match_at(lows, k)) is not None
                                            and k + found[0] == len(lows) for k in range(len(lows)))


def _counts_next(lows: list[str], k: int, v: _Vocabulary) -> bool:
    """A counting verb's object may start at token k: not a preposition ("refugees registered in Renk", "registered with
    UNHCR", "recorded in Europe": what was counted stands before the verb), unless it opens an amount ("at least",
    "up to", "close to")."""
    if k >= len(lows):
        return False
    return lows[k] not in _NOT_AN_OBJECT or lows[k:k + 2] in (["at", "least"], ["up", "to"], ["close", "to"]) or (
        k + 1 < len(lows) and lows[k] in {"on", "in", "over", "during"} and (
            lows[k + 1] in WEEKDAYS or lows[k + 1] in MONTHS or lows[k + 1][:1].isdigit() or lows[k + 1:k + 3] in (
                ["the", "past"], ["the", "last"], ["the", "week"], ["the", "month"])))  # "recorded on Sunday 52 deaths"


_NOT_AN_OBJECT = frozenset("in at with for from on by during across to into under near inside".split())


def _a_time(words: list[Token]) -> bool:
    """The words after "released by" are a time ("by Wednesday afternoon", "by then"), not a name ("the Sunday Times")."""
    return words[0].low in _TIMES and all(t.low in _TIMES or not t.text[:1].isupper() for t in words[1:])


def _in_whose_clause(tokens: list[Token], start: int) -> bool:
    """The subject starting at token `start` speaks inside a "whose" clause: "..., whose status Pakistan has said"."""
    return any(t.low == "whose" for t in tokens[max(0, start - 3):start])


def _coordinated_head(tokens: list[Token], j: int, k: int, v: _Vocabulary, rules: Rules) -> int:
    """Where a source name that stops at "and" (token k) ends when it has no head of its own and the words after
    "and" end in one: "Western and Malian security sources" (not "the UN and the Red Cross")."""
    if k >= len(tokens) or tokens[k].low != "and" or any(t.low in v.heads for t in tokens[j:k]) \
            or " ".join(t.low for t in tokens[j:k]).removeprefix("the ") in rules.sources \
            or (k + 1 < len(tokens) and tokens[k + 1].low in DETERMINERS):
        return k  # ("according to Reuters and the health ministry": two sources, the first told)
    for end in range(k + 2, min(len(tokens), k + 5) + 1):
        if tokens[end - 1].low in v.heads:
            if not all(t.low.isalpha() and t.low not in STOP_AFTER for t in tokens[k + 1:end]):
                return k
            while end < len(tokens) and (tokens[end].text[:1].isupper() or tokens[end].low in v.heads) and tokens[end].low.isalpha():
                end += 1  # "the Disaster and Emergency Management Authority", "the disaster risk reduction and management
                # council" (a head may qualify the next)
            return end
    return k


def _says_something_else(lows: list[str], verb: int, v: _Vocabulary, rules: Rules) -> bool:
    """A relative clause's verb that reports no number, nor a vague amount: "... were taken to El Obeid Teaching
    Hospital, which reports shortages of blood" (but "..., which reported 120 wounded", "who said dozens of people were
    killed"). What it reports runs to the clause's end, or where "that" follows, to the sentence's: "Caritas, which
    reports, in its latest bulletin, that 30 people have died"."""
    if verb < 2 or lows[verb - 1] not in {"which", "who"} or lows[verb - 2] != ",":
        return False
    end = next((k for k in range(verb + 1, len(lows)) if lows[k] in {".", ";"}), len(lows))
    if "that" not in lows[verb + 1:end]:
        end = next((k for k in range(verb + 1, end) if lows[k] == ","), end)
    return not any(lows[k][:1].isdigit() or lows[k] in v.numbers or rules.vague.match_at(lows, k) for k in range(verb + 1, end))


def _up_to_acronym(tokens: list[Token], j: int, k: int, v: _Vocabulary, rules: Rules) -> int:
    """Where a capitalised name that stops at token k ("and", "in") ends when only capitalised words and connectors
    lead on to its acronym in brackets: "the Center for Analysis and Research in Human Rights (CARDH)"."""
    if j < k < len(tokens) and tokens[k].low == ",":
        return _past_comma(tokens, j, k)
    if not (j < k < len(tokens) - 1 and tokens[k].low in _INSIDE_NAMES and tokens[k - 1].text[:1].isupper()) \
            or tokens[k + 1].low in DETERMINERS or tokens[k - 1].text.isupper() or tokens[k - 1].low in v.heads \
            or " ".join(t.low for t in tokens[j:k]).removeprefix("the ") in rules.sources:
        return k  # (not "the Ministry of Health and the Red Cross (ICRC)", "OCHA and Human Rights Watch (HRW)", "the Health
        # Ministry and Médecins Sans Frontières (MSF)": two sources, the first a name of its own; this cuts "the Fire
        # Service and Civil Defence (FSCD)" short, which is still its source)
    for m in range(k + 1, min(len(tokens) - 2, k + 8)):
        if tokens[m].low == "(":
            return m + 3 if tokens[m + 1].text.isupper() and tokens[m + 1].text.isalpha() and tokens[m + 2].low == ")" else k
        if not (tokens[m].text[:1].isupper() and tokens[m].text.isalpha()) and tokens[m].low not in _INSIDE_NAMES:
            return k
    return k


_INSIDE_NAMES = frozenset({"and", "in", "for", "of", "on", "the", "&"})
_GLOSS_PARTICLES = _INSIDE_NAMES | frozenset("de del la le du des do da".split())  # "(Defensoría del Pueblo)"


def _passive(lows: list[str], verb: int) -> bool:
    """The verb is a participle that says what a number is put at, with no speaker before it: "a contingent in
    Mali estimated at 2,000"; not "UNHCR estimated at least 300 fled" nor "the ministry said at a press conference"."""
    after = lows[verb + 1:verb + 3]
    return lows[verb] in _ESTIMATED and after[:1] == ["at"] and after[1:] not in (["least"], ["most"])


_ESTIMATED = frozenset({"estimated", "assessed"})
_QUANTIFIERS = frozenset("many some most others several few all".split())


def _after_figures(tokens: list[Token], verb: int, v: _Vocabulary) -> bool:
    """The reporting verb follows a comma that closes a clause with a number in it ("..., three in Khulna, said")."""
    return verb >= 2 and tokens[verb - 1].low == "," and any(
        t.low[:1].isdigit() or t.low in v.numbers for t in tokens[:verb - 1])


def _pronoun_subject(tokens: list[Token], verb: int, v: _Vocabulary) -> int | None:
    """Where "it" stands as the reporting verb's subject ("it said", "it has confirmed"), if it does."""
    k = _before_between(tokens, verb, v)
    return k if k >= 0 and tokens[k].low in _SPEAKING_PRONOUNS else None


def _before_between(tokens: list[Token], verb: int, v: _Vocabulary) -> int:
    """The token before a reporting verb, past what may stand between: "the mayor later said", "the UN has said"."""
    k = verb - 1
    while k >= 1 and tokens[k].low in v.between:
        k -= 1
    if k >= 3 and tokens[k].low in _WHEN and tokens[k - 1].low in {"on", "last"} and tokens[k - 2].low.isalpha() \
            and not tokens[k - 2].low.endswith("ed"):  # (but "Villagers attacked on Sunday told": what befell them)
        k -= 2  # "the governor's office on Monday had put": the day the source spoke stands between it and its verb
        while k >= 1 and tokens[k].low in v.between:
            k -= 1
    return k


_SPEAKING_PRONOUNS = frozenset({"it", "he", "she"})  # the source named before ("he" and "she" only a person's: see
# resolve.usable)


def _cited_at_end(tokens: list[Token], lows: list[str], sentence: str, offset: int, rules: Rules,
                  v: _Vocabulary) -> Attribution | None:
    """A source in brackets that ends the sentence: "(OHCHR)", "(IOM DTM, 3 November)", "(Ministry of Health)"."""
    end = len(lows) - (lows[-1] in {".", ";", ":"})  # (or a list's line: "... as of 10 February (CMP):")
    if lows[end - 1] != ")" or "(" not in lows[max(0, end - 10):end]:
        return None
    start = max(i for i in range(max(0, end - 10), end) if lows[i] == "(") + 1
    close = next((i for i in range(start, end) if lows[i] in {",", ";", ")"}), end - 1)
    if close == start or any(t.low in STOP_AFTER for t in tokens[start:close]):
        return None  # not "(coded as Security Belt forces)": a note, not a source
    if start >= 2 and tokens[start - 2].text.isupper() and sorted(tokens[start - 2].text) == sorted(
            t.text[0] for t in tokens[start:close] if t.text[:1].isupper()):
        return None  # nor "an area controlled by the TCP (Pure Third Command).": an acronym spelt out (in any order: it
        # may be the initials of the name in another language)
    found = _named(tokens[start:close], start, sentence, offset, rules)
    when = POINT.fullmatch(_BARE_DAY.sub("", sentence[tokens[close + 1].start - offset:tokens[end - 1].start - offset]).strip()) \
        if lows[close] == "," and tokens[start].text[:1].isupper() else None  # (IOM DTM, as of 15 April), (MoDMR, 28
    # August, 18:00)
    dated = when is not None and not when.group("y")  # a day or a month, not "(RSF, 2023)"
    return found if _known(found, rules) or dated or any(t.low in v.heads for t in tokens[start:close]) else None
    # or one that says what it is: "(Ministry of Health)", "(local authorities, 30 Nov)"; or a name with
    # the date it gave the figure: "(IOM DTM, 15 Nov)"


_BARE_DAY = re.compile(r"^\s*(?:as\s+(?:of|at)|on)\s+|,?\s*\d{1,2}[:.]\d{2}\s*(?:hrs|h|am|pm)?\s*$", re.IGNORECASE)  # what
# stands around a citation's day: "as of 15 April", "28 August, 18:00"


def _after_dash(tokens: list[Token], lows: list[str], sentence: str, offset: int, rules: Rules,
                v: _Vocabulary) -> Attribution | None:
    """A headline's source after a spaced dash at its end: "... - activists", "... - health ministry"."""
    end = len(lows) - (lows[-1] in {".", "!"})
    dash = next((j for j in range(end - 1, max(0, end - 5), -1) if lows[j] in DASHES), None)
    if dash is None or dash + 1 >= end or not spaced_dash(tokens, dash):
        return None  # not a hyphen inside a word
    words = tokens[dash + 1:end]
    if not all(t.low.isalpha() for t in words):
        return None
    found = _named(words, dash + 1, sentence, offset, rules)
    return found if _known(found, rules) or words[-1].low in v.heads else None


def _known(found: Attribution, rules: Rules) -> bool:
    """normalise gave the name of a source in sources.csv."""
    return " ".join(term_tokens(found.name)) in rules.sources


def _named(words: list[Token], at: int, sentence: str, offset: int, rules: Rules, **kw) -> Attribution:
    written = _text(sentence, words, offset)
    return Attribution(normalise(written, rules), at, written=written, **kw)


def _unlike(words: list[Token], anaphora: bool, v: _Vocabulary) -> tuple[tuple[str, ...], ...]:
    return v.typed.get(words[-1].low, ()) if anaphora and words else ()


def refers_back(attribution: Attribution, last_named: str) -> bool:
    """Whether a reference back may mean the source named before: "the ministry said" not the police named before
    (see typed_anaphora in attribution.toml)."""
    if not attribution.unlike:
        return True
    words = term_tokens(last_named)
    return not any(words[i:i + len(w)] == w for w in attribution.unlike for i in range(len(words)))


def _relay(tokens: list[Token], verb: int, sentence: str, offset: int, v: _Vocabulary, rules: Rules) -> str:
    """ "told Reuters": the outlet a source spoke to, which relays the figure."""
    if tokens[verb].low not in v.relay_verbs:
        return ""
    first = k = verb + 1 + (verb + 1 < len(tokens) and tokens[verb + 1].low == "the")  # "told the AP"
    while k < len(tokens) and tokens[k].text[:1].isupper() and k - first < 4:
        k += 1
    return normalise(_text(sentence, tokens[first:k], offset), rules) if k > first else ""


def attribute(attributions: list[Attribution], at: int, last_named: str, last_written: str = "",
              last_body: tuple[str, str] | None = None) -> tuple[str, str, str]:
    """(source, source as written, via) for a figure whose number stands at token `at`: the nearest attribution, except that
    a source cited by the sentence's reporter ("AP reported, citing officials") is the source and the
    reporter is only the relay. `last_body` is the last body named (not a person), if the last source named was a
    person: what "the agency said" or "it said" refers back to."""
    nearest = min(attributions, key=lambda a: abs(a.at - at))
    cited = [a for a in attributions if a.relayed and a.written.split()[0].lower() not in _OWN]  # (not "the DTM said,
    # citing its field monitors": its own)
    reporters = [a for a in attributions if not a.relayed and not a.anaphora]
    if cited and reporters:
        source = min(cited, key=lambda a: abs(a.at - at))
        return source.name, source.written, reporters[0].name
    if nearest.anaphora and nearest.written.lower() in PRONOUNS and (said := next(
            (a for a in attributions if not a.anaphora and 0 < nearest.at - a.at <= 4), None)) is not None:
        return said.name, said.written, said.via  # "The mission said it had verified ...": who said it
    if nearest.anaphora and nearest.written.lower() == "it" and (said := next(
            (a for a in reversed(attributions) if not a.anaphora and a.at < nearest.at), None)) is not None \
            and not _people(said.name):
        return said.name, said.written, said.via  # "The mission said that 129 civilians had been killed and 700 injured
        # in April, a figure it said was higher than in March": the body the sentence named
    if nearest.anaphora and last_body is not None and not nearest.surname and (
            nearest.written.lower() == "it" or nearest.written.lower().split()[-1] in last_body[0].lower().split()):
        return last_body[0], last_body[1], nearest.via  # "The state Emergency Management Agency said ... Mr Kachalla
        # said ... the agency had put the toll at 19": the agency (but "the militia said" is no army named before)
    if nearest.anaphora and last_named and refers_back(nearest, last_named):
        return last_named, last_written or nearest.written, nearest.via
    words = nearest.name.lower().split()
    if len(words) == 2 and words[1] in _SPOKESPEOPLE and words[0] in last_named.lower().split():
        return last_named, nearest.written, nearest.via  # "a ministry spokeswoman" of the ministry named before
    if len(words) == 2 and words[1] in _SPOKESPEOPLE and words[0] in {"its", "their"} and last_named:
        body = last_body or (last_named, last_written)  # (the last body named, if a person was named after it)
        return body[0], nearest.written, nearest.via  # "Its spokesman said": the police's, named before
    return nearest.name, nearest.written, nearest.via


_OWN = frozenset({"its", "their", "his", "her", "our"})


def _people(name: str) -> bool:
    """The source is people, whom "it" cannot stand for: "residents", "local officials", "witnesses"."""
    last = name.split()[-1] if name.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith("ss")
_OF_A_TALLY = frozenset("latest last official new recent preliminary provisional updated initial final most daily weekly "
                        "monthly annual own situation humanitarian".split())  # what
# may qualify "figures" or "report" and name no one


def _subject_end(tokens: list[Token], verb: int, v: _Vocabulary) -> int:
    """The last token of a reporting verb's subject, past ", which" and an apposition."""
    k = _before_between(tokens, verb, v)
    if k >= 4 and tokens[k].low == ")" and (opened := next((j for j in range(k - 1, max(0, k - 8), -1)
                                                           if tokens[j].low == "("), None)) is not None \
            and k - opened > 2 and all(_in_name(tokens[opened + 1:k], j) or tokens[opened + 1 + j].low in _GLOSS_PARTICLES
                                       for j in range(k - opened - 1)) and tokens[opened - 1].text[:1].isupper():
        k = opened - 1  # "the Ombudsman's Office (Defensoría del Pueblo) said": the name, not its gloss in brackets (but
        # "a conflict monitor (Kivu Security Tracker) said" names it in the brackets)
    if k >= 3 and tokens[k].low in _WHEN and tokens[k - 1].low in {"in", "on"} and tokens[k - 2].low.endswith("ed"):
        k -= 3  # "A UN report released in January estimated": the report, not January
    if k >= 1 and tokens[k].low in TRAILERS:  # "IOM's figures show", "UN data show": the name before them
        j = k - (tokens[k - 1].low in _OF_A_TALLY)  # "the ministry's daily bulletin said"
        if j >= 3 and [t.low for t in tokens[j - 2:j]] == ["'", "s"]:
            return j - 3
        if (tokens[k - 1].text[:1].isupper() and tokens[k - 1].low not in DETERMINERS) or (
                tokens[k - 1].low in v.heads and k >= 2 and tokens[k - 2].text[:1].isupper()):
            return k - 1  # "UN data show", "Security ministry figures show" (but "official figures show" names no
            # one, and "The statement said" refers back)
    if k >= 1 and tokens[k].low in {"which", "who"} and tokens[k - 1].low == ",":
        k -= 2  # "researchers at Ghent University in Belgium, who have calculated": the subject before ", who"
    who = next((j for j in range(k - 1, max(0, k - 10), -1) if tokens[j].low == "who" or not tokens[j].low.isalpha()), 0)
    if who >= 1 and tokens[who].low == "who" and tokens[who - 1].low in v.heads:
        governing = _governed(tokens, who - 1)
        if governing is None:
            return who - 1  # "Community leaders who spoke to this newspaper gave": the leaders, not the newspaper
        if governing >= 1 and tokens[governing - 1].low in v.heads:
            return governing - 1  # "Relatives of the residents who were abducted said": the relatives (and "A lawyer
            # for the officials who were detained said" is no official)
    if k >= 1 and tokens[k].low in {"there", "here"} and tokens[k - 1].low in v.heads:
        return k - 1  # "Doctors there said", "officials here told"
    if k >= 1 and (tokens[k].low == "and" or tokens[k].low == "," and tokens[verb].low == "saying"):
        return _first_subject_end(tokens, k, v)  # "The government declared ... on Monday and said", "An M23
        # spokesperson, writing on X, dismissed the claim, saying": the sentence's subject
    if k >= 1 and tokens[k].low == ",":
        # "The White Helmets, the rescue group in Idlib, said": skip the apposition; but "A police officer
        # at the scene, Captain Mohamed Hassan, told reporters": a name in it is the speaker
        start = next((j for j in range(k - 1, max(-1, k - 16), -1) if tokens[j].low == ","), -1)
        inside = tokens[start + 1:k]
        if start > 0 and inside and (all(_in_name(inside, j) for j in range(len(inside))) or _titled_name(inside)):
            return k - 1  # "The mayor of Liancourt, Jean-Robert Dorval, told", "A survivor, farmer Adam Ibrahim, told"
        if start < 0:
            return -1
        k = start - 1  # (and what stands before the apposition is read as any subject: "A community leader in Pibor,
        # who asked not to be named, said" is the leader)
    if k >= 3 and tokens[k].low in v.speakers and tokens[k - 2].low in {"'", "’"} and tokens[k - 1].low == "s" \
            and not _a_place(tokens, k - 3, v):
        return k - 3  # "the ministry's spokesperson said", "UNICEF's director said": whose they are (but "North
        # Kordofan's governor" is the governor)
    j = k
    while j >= 0 and k - j < 8 and ((tokens[j].low.isalpha() and (
            tokens[j].text[:1].isupper() or tokens[j].low in _PLACE_PHRASE or (j >= 1 and inner_hyphen(tokens, j - 1))))
            or inner_hyphen(tokens, j)):  # ("officials in Pakistan-administered Kashmir said")
        j -= 1
    # "local authorities in Goma said", "Police in the Kenyan town of Mandera said": the place is not the name;
    # but "the Health Ministry in Gaza" is one (a capitalised head counts only as a sentence's first word)
    if j < k and j >= 1 and tokens[j].low == "in" and tokens[j - 1].low in v.heads and (
            tokens[j - 1].text.islower() or j == 1 or tokens[j - 2].low in {":", '"', "“"}):
        return j - 1
    return k


def _dateline_opens(tokens: list[Token]) -> bool:
    """The sentence opens with a dateline: a place in capitals ("CÚCUTA -") or a wire's name in brackets before a dash
    ("Goma (Reuters) -"); not an aside between dashes ("The RSF - a paramilitary group - seized")."""
    return len(tokens[0].text) > 1 and tokens[0].text.isupper() and tokens[0].low.isalpha() and (
        len(tokens) < 2 or tokens[1].low in {"-", "–", "—", ",", "("} or tokens[1].text.isupper()) or (
        "(" in [t.low for t in tokens[:6]] and ")" in [t.low for t in tokens[:8]])


_GOVERNING = frozenset({"of", "for", "representing", "with", "to", "from"})


def _governed(tokens: list[Token], k: int) -> int | None:
    """Where the preposition stands whose object the noun at token k is ("a lawyer for the officials", "relatives of the
    residents"), past its determiner and lower-case modifiers; None if it is none's."""
    j = k - 1
    while j >= 0 and k - j <= 4 and tokens[j].text.islower() and tokens[j].low.isalpha() and tokens[j].low not in _GOVERNING:
        j -= 1
    return j if j >= 0 and tokens[j].low in _GOVERNING else None


def _code_digits(tokens: list[Token], k: int) -> bool:
    """Token k is the digits of a code name glued to its capitals: the "23" of "M23"."""
    return k >= 1 and tokens[k].low.isdigit() and tokens[k].start == tokens[k - 1].end and tokens[k - 1].text.isupper()


def _in_name(words: list[Token], j: int) -> bool:
    """Token j of words is part of a capitalised name: a capitalised word, or a hyphen inside one ("Jean-Robert")."""
    t = words[j]
    return inner_hyphen(words, j) if t.low == "-" else t.text[:1].isupper() and t.low.isalpha()


def _titled_name(words: list[Token]) -> bool:
    """Words end in a name of two or more capitalised words after a lower-case title: "52-year-old farmer Adam
    Ibrahim" (not "the rescue group in Northern Syria": a place after a preposition)."""
    j = len(words)
    while j > 0 and _in_name(words, j - 1):
        j -= 1
    return len(words) - j >= 2 and j > 0 and words[j - 1].low.isalpha() and words[j - 1].text.islower() \
        and words[j - 1].low not in STOP_BEFORE and words[j - 1].low not in CONNECTORS


def _place_ending(words: list[Token], v: _Vocabulary) -> tuple[int, Entry] | None:
    """(length, entry) of the place in places.csv whose name ends the words, matched without accents as
    find_places matches it; None if none does."""
    texts = [plain(t.text) for t in words]
    return v.places.match_ending_at(texts, len(texts) - 1) if texts else None  # type: ignore[return-value]


def _a_place(tokens: list[Token], end: int, v: _Vocabulary) -> bool:
    """A place name in places.csv ends at token `end`."""
    return _place_ending(tokens[max(0, end - 4):end + 1], v) is not None


def _first_subject_end(tokens: list[Token], k: int, v: _Vocabulary) -> int:
    """The last token of the noun phrase that opens the sentence, when a reporting verb after "and" at
    token k shares it ("The Colombian government declared ... and said"), else k."""
    j = next((d + 1 for d in range(1, min(k, 10)) if spaced_dash(tokens, d)), 0) if _dateline_opens(tokens) else 0
    # (past a dateline: "CÚCUTA - The ...", "GOMA, Jan 3 (Reuters) - The ...")
    j += tokens[j].low in DETERMINERS
    end = j
    while end < k and (tokens[end].low.isalpha() and (tokens[end].text[:1].isupper() or tokens[end].low in v.heads
                                                      or (end > j and tokens[end].low in _NAME_JOINS)
                                                      or (end > j + 1 and inner_hyphen(tokens, end - 1)))
                       or end > j and (_code_digits(tokens, end) or inner_hyphen(tokens, end) or (
                           tokens[end].low == "of" and tokens[end + 1].text[:1].isupper()))):
        end += 1
        if end + 1 < k and tokens[end].low in {"'", "’"} and tokens[end + 1].low == "s":
            end += 2  # "The Norte de Santander governor's office raised ... and said" (and "The army-aligned governor
            # of North Kordofan put the toll higher, saying")
    last = end - 1
    if last >= j + 3 and tokens[last].low in v.speakers and tokens[last - 2].low in {"'", "’"} and tokens[last - 1].low == "s":
        last -= 3  # "The army's spokesman visited the town and said": the army's
    return last if end > j and end < k and (tokens[last].low in v.heads or tokens[last].text[:1].isupper()) else k


def _subject(tokens: list[Token], verb: int, v: _Vocabulary) -> list[Token]:
    """The name before a reporting verb: capitalised words and their connectors."""
    k = _subject_end(tokens, verb, v)
    end = k + 1
    while k >= 0 and end - k <= 10:
        t = tokens[k]
        if spaced_dash(tokens, k):
            break  # "DAKAR (Reuters) - The army said": a dateline ends at its spaced dash
        if t.low in v.between or t.low == "meanwhile":
            break  # "Later the ministry said", "Meanwhile the Red Cross said"
        if t.text[:1].isupper() or t.low in v.known or (t.low in CONNECTORS and t.low != "and") or _abbreviation_dot(tokens, k) or (
                t.low == "to" and k >= 1 and tokens[k - 1].text[:1].isupper() and tokens[k + 1].text[:1].isupper()):
            k -= 1  # "the Committee to Protect Journalists"
        elif k >= 1 and _ordinal(tokens[k - 1:k + 2]):
            k -= 2  # "The 3rd Infantry Division said"
        elif k == end - 1 and k >= 1 and t.low.isdigit() and tokens[k - 1].text[:1].isupper() and tokens[k - 1].low.isalpha():
            k -= 1  # "Rescue 1122 said": a name that ends in a number
        else:
            break
    start = _across_comma(tokens, k, end)
    words = _strip(tokens[(_portfolios(tokens, k, end, v) if start == k else start) + 1:end], v)
    if words and all(t.low in _WHEN for t in words):
        return []  # (not "... between 27 March and 5 April show": a date, no one)
    role = next((r for r in range(1, len(words) - 1) if words[r].low in _ROLES), None)
    if words and (body := _speaks_for(tokens, tokens.index(words[-1]) + 1, v)) is not None:
        return body  # "Jane Roe, a UNHCR spokesperson, said": UNHCR's figure
    if words and (body := _role_before_name(tokens, tokens.index(words[0]) - 1, v)) is not None:
        return body  # "A spokesman for the UN, Stephane Morel, said": the UN's figure
    return _body_before_role(tokens, tokens.index(words[role + 1] if role is not None else words[0]), v) or words \
        if words else words


def _role_before_name(tokens: list[Token], comma: int, v: _Vocabulary) -> list[Token] | None:
    """The body whose role a name set off by commas follows (the comma before it at token `comma`): "A spokesman for the
    UN, Stephane Morel, said", "The UNHCR representative in Chad, Laura Lo, said", "IOM's spokesperson, Lina Haddad,
    said"; None if the words before say no such role."""
    if comma < 2 or tokens[comma].low != ",":
        return None
    role = comma - 1
    if tokens[role].text[:1].isupper() and role >= 2 and tokens[role - 1].low == "in":
        role -= 2  # "... representative in Chad"
    if tokens[role].low not in _ROLES:
        if role + 1 < comma or not (tokens[role].text[:1].isupper() and role >= 3):
            return None
        j = role
        while j > 0 and tokens[j].text[:1].isupper() and role - j < 5:
            j -= 1  # "a spokesman for the UN": the body after the role
        j -= tokens[j].low == "the"
        if tokens[j].low not in {"for", "of"} or j < 1 or tokens[j - 1].low not in _ROLES:
            return None
        body = tokens[j + 1 + (tokens[j + 1].low == "the"):role + 1]
        return body if _a_body(body, v) else None
    return _body_before(tokens, role, v)


def _a_body(words: list[Token], v: _Vocabulary) -> bool:
    """The words name a body a person may speak for: a known source, or an acronym ("KDRA"); not "WHO", read as "who"."""
    if not words or any(t.low in PRONOUNS for t in words):
        return False
    return " ".join(t.low for t in words) in v.sources or (
        len(words) == 1 and words[0].text.isupper() and words[0].text.isalpha() and 2 <= len(words[0].text) <= 6)


def _body_before_role(tokens: list[Token], name: int, v: _Vocabulary) -> list[Token] | None:
    """The body a person named from token `name` speaks for, as the role before the name says: "UNHCR spokesperson
    Eujin Byun", "OCHA's spokesman Jens Laerke", "WFP country director Jane Doe"; the body must be a known source or an
    acronym (not "Hospital director Ahmed Yusuf")."""
    role = name - 1
    if role < 1 or tokens[role].low not in _ROLES or not tokens[name].text[:1].isupper():
        return None
    return _body_before(tokens, role, v)


def _body_before(tokens: list[Token], role: int, v: _Vocabulary) -> list[Token] | None:
    """The body named before a role word at token `role` (see _body_before_role)."""
    if role < 1:
        return None
    k = role - 1
    owned = lambda k: k >= 2 and tokens[k].low == "s" and tokens[k - 1].low in {"'", "’"}  # noqa: E731
    while k >= 0 and role - k <= 2 and tokens[k].text.islower() and tokens[k].low.isalpha() and not owned(k):
        k -= 1  # "country", "regional"
    if k < role - 1 and " ".join(t.low for t in tokens[k + 1:role]) in v.sources:
        return tokens[k + 1:role]  # "Sudanese army spokesman Nabil Abdalla": the army
    k -= 2 * owned(k)  # "OCHA's"
    j = k
    while j >= 0 and k - j < 6 and (tokens[j].text[:1].isupper() or (tokens[j].low in CONNECTORS and j < k)):
        j -= 1
    j += j + 1 <= k and tokens[j + 1].low in _RANKS  # "Senior UN official Maria Lopez": the UN
    body = tokens[j + 1 + (j + 1 <= k and tokens[j + 1].low == "the"):k + 1]
    return body if _a_body(body, v) else None  # (not "WHO representative Samir Nadeem": the name stays the speaker)


def _known_before(tokens: list[Token], verb: int, rules: Rules) -> list[Token]:
    """A known source's name before at most three lower-case words that end a reporting verb's subject: "IOM DTM
    emergency tracking recorded" is IOM DTM; [] if there is none."""
    k = verb - 1
    while k >= 0 and verb - k <= 3 and tokens[k].text.islower() and tokens[k].low.isalpha() \
            and tokens[k].low not in STOP_BEFORE and tokens[k].low not in DETERMINERS:
        k -= 1
    j = k
    while j >= 0 and k - j < 5 and tokens[j].text[:1].isupper() and tokens[j].low.isalpha():
        j -= 1
    name = tokens[j + 1 + (tokens[j + 1].low == "the"):k + 1] if j < k else []
    return name if k < verb - 1 and name and (name[0].low in rules.sources or " ".join(
        t.low for t in name) in rules.sources) else []  # (and "IOM DTM": a known name's own part)


def _across_comma(tokens: list[Token], k: int, end: int) -> int:
    """Where a name that stops at a comma (token k) truly starts when its acronym in brackets spells the words
    before the comma too: "the National Commission for Refugees, Migrants and Internally Displaced Persons (NCFRMI)"
    (but "Kaduna, the Nigerian Red Cross (NRCS)" stays the Red Cross)."""
    if not (k >= 1 and tokens[k].low == "," and end - k > 4 and _acronym_bracket(tokens, end - 1)):
        return k
    acronym = tokens[end - 2].text
    after = tokens[k + 1:end - 3]
    if _spells(acronym, after):
        return k
    j = k - 1
    while j >= 0 and k - j <= 8 and (tokens[j].text[:1].isupper() and tokens[j].low.isalpha() or tokens[j].low in _INSIDE_NAMES):
        j -= 1
    return next((start - 1 for start in range(j + 1, k)
                 if tokens[start].text[:1].isupper() and _spells(acronym, tokens[start:k] + after)), k)


def _portfolios(tokens: list[Token], k: int, end: int, v: _Vocabulary) -> int:
    """Where a ministry's name that stops at a comma (token k) starts when the words before the comma list its
    portfolios: "the Borno State Ministry of Reconstruction, Rehabilitation and Resettlement" (but not "the Ministry
    of Health, UNICEF and WHO", nor "the Ministry of Health, Oxfam and the Red Cross": other sources; nor "the Ministry
    of Health, Kano and Kaduna": places)."""
    tail = tokens[k + 1:end]
    if not (k >= 3 and tokens[k].low == "," and 2 < len(tail) <= 7 and any(t.low == "and" for t in tail)
            and all(t.low == "and" or (t.text[:1].isupper() and t.text.isalpha() and not t.text.isupper()) for t in tail)
            and not any(" ".join(t.low for t in part) in v.sources or _place_ending(part, v) or not _a_portfolio(part)
                        for part in _split_on_and(tail))):
        return k
    j = k
    for _ in range(6):
        i = j - 1
        while i >= 0 and j - i <= 3 and tokens[i].text[:1].isupper() and tokens[i].text.isalpha() and not tokens[i].text.isupper():
            i -= 1
        if i == j - 1 or i < 1:
            return k
        if tokens[i].low in {"of", "for"} and tokens[i - 1].low in _MINISTRIES and tokens[i - 1].text[:1].isupper():
            m = i - 1
            while m >= 1 and tokens[m - 1].text[:1].isupper() and tokens[m - 1].text.isalpha():
                m -= 1  # "the Borno State Ministry"
            return m - 1
        if tokens[i].low != ",":
            return k
        j = i
    return k


def _portfolios_on(tokens: list[Token], j: int, k: int, v: _Vocabulary) -> int:
    """Where a name from token j that stops at a comma (token k) ends when the comma lists a ministry's portfolios:
    "according to the Ministry of Reconstruction, Rehabilitation and Resettlement" (see _portfolios)."""
    last, m = k, k
    while m < len(tokens) and tokens[m].low in {",", "and"} and m - k < 24:
        n = m + 1
        while n < len(tokens) and n - m <= 3 and tokens[n].text[:1].isupper() and tokens[n].text.isalpha():
            n += 1
        if n == m + 1:
            return k
        if tokens[m].low == "and":
            return n if j - 1 <= _portfolios(tokens, last, n, v) < last else k
        last = m if tokens[m].low == "," else last
        m = n
    return k


def _a_portfolio(words: list[Token]) -> bool:
    """The words name what a ministry is for ("Resettlement", "Disaster Management", "Women", "Family"), not another
    body ("Caritas", "Medair"): a common noun's ending, or a portfolio's word."""
    last = words[-1].low if words else ""
    return bool(last) and (last.removesuffix("s").endswith(_PORTFOLIO_ENDINGS) or last in _PORTFOLIO_WORDS)


_PORTFOLIO_ENDINGS = ("tion", "ment", "ity", "ance", "ence", "ure", "ing", "ism", "ics", "ship", "hood", "ness", "fare",
                      "age", "ery", "ry", "cy")
_PORTFOLIO_WORDS = frozenset("health family families women children youth sports culture affairs water environment energy "
                             "finance trade industry transport land lands labour labor gender defence defense justice "
                             "interior relief refugees returnees mines tourism works fisheries forests arts livestock "
                             "forest change climate wildlife antiquities science technology research cooperatives "
                             "irrigation housing roads power veterans minorities displaced".split())


def _split_on_and(words: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for t in words:
        if t.low == "and":
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


_BREAKDOWNS = frozenset("month week day year state province region district county country sex age gender cause "
                        "category type commune department municipality governorate area location site camp locality "
                        "months weeks days years states provinces regions districts counties countries causes categories "
                        "types communes departments municipalities governorates areas locations sites camps localities "
                        "time end start beginning middle early late mid midday noon nightfall dawn then now".split())
# (what follows "by" in "deaths recorded by month", "by states such as Kassala", "by the time rescuers arrived")
_MINISTRIES = frozenset("ministry ministries department commission agency directorate secretariat bureau".split())


def _past_comma(tokens: list[Token], j: int, k: int) -> int:
    """Where a name from token j that stops at a comma (token k) ends when its acronym in brackets, after more
    capitalised words, spells the words before the comma too (see _across_comma)."""
    for m in range(k + 1, min(len(tokens) - 2, k + 9)):
        if tokens[m].low == "(" and _acronym_bracket(tokens, m):
            acronym, after = tokens[m + 1].text, tokens[k + 1:m]
            start = next((i for i in range(j, k) if tokens[i].text[:1].isupper()), k)
            return m + 3 if not _spells(acronym, after) and _spells(acronym, tokens[start:k] + after) else k
        if not (tokens[m].text[:1].isupper() and tokens[m].text.isalpha()) and tokens[m].low not in _INSIDE_NAMES:
            return k
    return k


def _spells(acronym: str, words: list[Token]) -> bool:
    """The acronym's letters are, in order, initials of the words, the first word's among them."""
    initials = [t.text[0].upper() for t in words if t.text[:1].isalpha()]
    if not initials or initials[0] != acronym[0]:
        return False
    rest = iter(initials)
    return all(letter in rest for letter in acronym)


def _common_noun(tokens: list[Token], verb: int, v: _Vocabulary) -> tuple[list[Token], bool] | None:
    """A lower-case source ending in a head noun: "the provincial disaster authority said", "police said"."""
    k = _subject_end(tokens, verb, v)
    end = k + 1
    if k >= 0 and tokens[k].low not in v.heads:
        k = _head_of_place(tokens, k, v)  # "the governor of Norte de Santander province said": the whole title
    if k < 0 or tokens[k].low not in v.heads:
        return None
    if end == k + 1:
        k = _head_before_place(tokens, k, v)
        end = k + 1
    while k >= 0 and end - k <= 7 and (
            (tokens[k].low.isalpha() and tokens[k].low not in STOP_BEFORE | DETERMINERS and tokens[k].low not in v.numbers
             and tokens[k].low not in v.verbs and tokens[k].low not in TALLIES)  # (not "55 bodies, a number
             # officials say is far below the real figure")
            or _abbreviation_dot(tokens, k) or _code_digits(tokens, k) or (k + 1 < end and _code_digits(tokens, k + 1))
            or (k < end - 1 and inner_hyphen(tokens, k)) or _acronym_bracket(tokens, k)) \
            and not (tokens[k].low == "s" and k >= 1 and tokens[k - 1].low in {"'", "’"}):  # "the city's military administration"
        k -= 1
    if k >= 2 and tokens[k].low == "s" and tokens[k - 1].low in {"'", "’"} and tokens[k - 2].low in v.speakers \
            and tokens[k - 2].text.islower():
        k -= 2  # "the provincial governor's office said": an office is its holder's
        while k >= 1 and tokens[k - 1].text.islower() and tokens[k - 1].low.isalpha() \
                and tokens[k - 1].low not in STOP_BEFORE | DETERMINERS:
            k -= 1
        k -= 1
    elif k >= 2 and tokens[k].low == "s" and tokens[k - 1].low in {"'", "’"} and tokens[k - 2].text[:1].isupper():
        k -= 2  # "Sudan's army said": the owner's name is part of the source's
        while k >= 1 and tokens[k - 1].text[:1].isupper():
            k -= 1
        k -= 1
    words = tokens[k + 1:end]
    if words and words[0].low in _NOBODY:
        return None  # "No group has claimed the attack"
    determiner = tokens[k].low if k >= 0 else ""
    lows = [t.low for t in words]
    counted = k >= 1 and determiner in v.numbers and (tokens[k - 1].low, determiner, *lows) in v.anaphora  # "the two agencies"
    return words, counted or (determiner, *lows) in v.anaphora


def _only_a_region(words: list[Token], v: _Vocabulary) -> bool:
    """The words name a region or town of places.csv and nothing else ("the state of Sinaloa", "Borno"); a
    country may speak for its government ("Israel said")."""
    found = _place_ending(words, v)
    return found is not None and found[1]["kind"] != "country" and all(
        t.low in _PLACE_PHRASE for t in words[:len(words) - found[0]])


def _acronym_bracket(tokens: list[Token], k: int) -> bool:
    """Token k is a bracket around an acronym inside a name: "IOM's Displacement Tracking Matrix (DTM) teams"."""
    if tokens[k].low == ")":
        return k >= 2 and tokens[k - 2].low == "(" and tokens[k - 1].text.isupper()
    return tokens[k].low == "(" and k + 2 < len(tokens) and tokens[k + 2].low == ")" and tokens[k + 1].text.isupper()


def _head_of_place(tokens: list[Token], k: int, v: _Vocabulary) -> int:
    """The head noun before "of" and a place's name that ends at token k ("the governor of Norte de Santander
    province"), else -1."""
    for j in range(k - 1, max(0, k - 7), -1):
        if tokens[j].low == "of":
            return j - 1 if tokens[j - 1].low in v.heads and tokens[j - 1].text.islower() and tokens[j + 1].text[:1].isupper() \
                else -1
        if not (tokens[j].text[:1].isupper() or tokens[j].low in _NAME_JOINS or tokens[j].low in AREA_WORDS):
            return -1
    return -1


_NAME_JOINS = frozenset({"de", "del", "la", "el", "al", "-"})


def _head_before_place(tokens: list[Token], k: int, v: _Vocabulary) -> int:
    """The head noun of a speaker whose phrase ends in where they are: "A health worker at the town's
    hospital said" is the health worker; else k."""
    for j in range(k - 1, max(0, k - 6), -1):
        if tokens[j].low in {"at", "in", "from"} and tokens[j - 1].low in v.heads and tokens[j - 1].text.islower():
            return j - 1
        if not (tokens[j].low.isalpha() or tokens[j].low in {"'", "’"}) or tokens[j].low in v.verbs:
            return k
    return k


def _dot_inside(tokens: list[Token], k: int) -> bool:
    """Token k is an abbreviation's full stop inside a name that goes on: "the U.N. humanitarian office" (not
    the last of "according to the U.N. Five more died")."""
    return _abbreviation_dot(tokens, k) and k + 1 < len(tokens) and (
        tokens[k + 1].text.islower() or (len(tokens[k + 1].text) == 1 and tokens[k + 1].text.isupper()))


def _abbreviation_dot(tokens: list[Token], k: int) -> bool:
    """Token k is the full stop of a one-letter abbreviation: "the U.N. refugee agency"."""
    return tokens[k].low == "." and k >= 1 and len(tokens[k - 1].text) == 1 and tokens[k - 1].text.isupper()


def _inverted(tokens: list[Token], verb: int, v: _Vocabulary) -> list[Token]:
    """ "..., said the White Helmets", "..., said a local official": the name after the verb, when the
    verb follows a comma or quote."""
    if verb == 0 or tokens[verb - 1].low not in INVERSION_MARKS or tokens[verb].low in v.relay_verbs:
        return []  # not "..., told the BBC": whom a speaker told relays the figure
    start = verb + 1
    if [t.low for t in tokens[start:start + 1]] == ["on"] and tokens[start + 1:start + 2] \
            and tokens[start + 1].low in _WHEN:
        start += 2  # "..., announced on Tuesday the ministry"
    elif tokens[start + 1:start + 2] and (tokens[start].low in _WHEN or tokens[start].low in {"yesterday", "today"}) \
            and not tokens[start + 1].text[:1].isupper():
        start += 1  # "..., announced Tuesday the ministry"; but "said Sunday Okoro" is a name
    k = _name_end(tokens, start, v)
    title = next((j for j in range(k, min(len(tokens), k + 4)) if tokens[j].low in v.heads), None)
    if k > start and title is not None and all(t.low.isalpha() and t.low not in STOP_AFTER for t in tokens[k:title]):
        k = _name_end(tokens, title + 1, v)  # "said Borno state police spokesman Daso Nahum"
    if (body := _speaks_for(tokens, k, v)) is not None:
        return body  # "..., said Eujin Byun, a UNHCR spokesperson": UNHCR's figure
    return _strip(tokens[start:k], v) or _inverted_common(tokens, start, v)


def _speaks_for(tokens: list[Token], k: int, v: _Vocabulary) -> list[Token] | None:
    """The body a person named before token k speaks for, as the apposition after the name says: ", a UNHCR
    spokesperson", ", a spokesperson for UNHCR", ", the WFP country director" (not ", a local farmer")."""
    if not (k + 2 < len(tokens) and tokens[k].low == "," and tokens[k + 1].low in {"a", "an", "the"}):
        return None
    j = k + 2
    name_start = j
    while j < len(tokens) and j - k < 8 and tokens[j].text[:1].isupper():
        j += 1
    role = j
    while role < len(tokens) and role - j < 3 and tokens[role].low.isalpha() \
            and tokens[role].low not in _ROLES and tokens[role].text.islower():
        role += 1  # "a UNHCR country director"
    if role >= len(tokens) or tokens[role].low not in _ROLES:
        return None
    if j > name_start:
        return tokens[name_start:j]  # ", a UNHCR spokesperson"
    after = role + 1
    if after + 1 < len(tokens) and tokens[after].low in {"for", "of", "at"}:
        after += 1 + (tokens[after + 1].low == "the")
        end = _name_end(tokens, after, v)
        more = end
        while more < len(tokens) and more - end < 3 and tokens[more].low.isalpha() and tokens[more].text.islower():
            more += 1
        if end > after and more > end and more < len(tokens) and tokens[more].text[:1].isupper():
            end = _name_end(tokens, more, v)  # "a spokesperson for the UN refugee agency UNHCR"
        if end > after:
            return tokens[after:end]  # ", a spokesperson for UNHCR", ", the head of the Sudanese Red Crescent"
    return None


_RANKS = frozenset("senior top deputy acting".split())  # before a body's name, of its official: not the body's
_ROLES = _SPOKESPEOPLE | frozenset("director head chief coordinator representative president chairman chairperson".split())


def _named_after_role(tokens: list[Token], k: int, v: _Vocabulary) -> int:
    """Where a source's name ends that a comma adds after its role at token k - 1: "its manager, Yusuf Adem", else k."""
    if not (0 < k < len(tokens) - 1 and tokens[k].low == "," and tokens[k - 1].low in v.heads):
        return k
    return _person_after(tokens, k + 1, v) or k


def _person_after(tokens: list[Token], k: int, v: _Vocabulary) -> int | None:
    """Where a person's name from token k ends: two to four capitalised words, then a comma, a full stop or the
    sentence's end ("Yusuf Adem,"); not a place or an outlet ("the governor, Tindi, the provincial capital", "a resident
    AFP contacted")."""
    if not (k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].low.isalpha() and tokens[k].low not in _WHEN
            and not tokens[k].text.isupper()):
        return None
    end = _name_end(tokens, k, v)
    return end if 2 <= end - k <= 4 and (end == len(tokens) or tokens[end].low in {",", ".", ";"}) else None


def _name_end(tokens: list[Token], k: int, v: _Vocabulary) -> int:
    """The token after a run of capitalised words and connectors from k, titles' full stops included
    ("Lt. Col. Ahmed Musa")."""
    while k < len(tokens) and tokens[k].low not in {"(", ")"} and (
            tokens[k].text[:1].isupper() or tokens[k].low in CONNECTORS
            or (tokens[k].low == "." and k + 1 < len(tokens) and tokens[k - 1].low in v.titles
                and tokens[k + 1].text[:1].isupper())):
        k += 1
    return k


def _inverted_common(tokens: list[Token], k: int, v: _Vocabulary) -> list[Token]:
    """ "..., said a local official": lower-case words from token k, after the verb, up to a head noun."""
    if k < len(tokens) and tokens[k].low in DETERMINERS:
        k += 1
    if k < len(tokens) and (tokens[k].low in v.numbers or tokens[k].low[:1].isdigit()):
        return []  # "..., said two police officers were killed": a count opens what was said, no speaker
    for end in range(k, min(len(tokens), k + 4)):
        if not tokens[end].low.isalpha() or tokens[end].low in STOP_AFTER:
            return []
        if tokens[end].low in v.heads:
            while end + 1 < len(tokens) and tokens[end + 1].low in v.heads:
                end += 1  # "a navy spokesman"
            if end + 1 < len(tokens) and tokens[end + 1].low in _CLAUSE_VERBS:
                return []  # "..., said its forces had killed 18": the subject of what was said, not the speaker
            if (name := _person_after(tokens, end + 1, v)) is not None:
                return tokens[k:name]  # "..., said resident Musa Garba": the role and the name
            return tokens[k:end + 1]
    return []


_CLAUSE_VERBS = frozenset("had has have were was are is would will could killed wounded".split())


def _just_capitalised(words: list[Token], tokens: list[Token], rules: Rules, v: _Vocabulary) -> bool:
    """A lone first word is capitalised because it starts the sentence ("Initial reports say"), or a liveblog's entry
    after its clock ("08:30 - Initial reports: ..."), unless it names people who can speak ("Rebels said", "Witnesses
    said"), a country ("Israel said") or is an acronym ("SoDMA said")."""
    word = words[0]
    first = next((k for k, t in enumerate(tokens) if not (t.low.isdigit() or t.low in _CLOCK_MARKS)), 0)
    return (len(words) == 1 and word == tokens[first] and word.low not in rules.sources and not word.text.isupper()
            and sum(c.isupper() for c in word.text) < 2 and word.low not in v.heads and not rules.groups.match_at([word.low], 0) and not _country(word, v))


_CLOCK_MARKS = DASHES | frozenset(LIST_MARKS) | {":"}  # what may stand before a liveblog entry's first word: "08:30 -"


def _country(word: Token, v: _Vocabulary) -> bool:
    found = _place_ending([word], v)
    return found is not None and found[1]["kind"] == "country"
