"""Numbers: find the counts in a sentence, with their qualifier and bounds ("at least 44", "dozens")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from figures.dates import MONTHS
from figures.rules import Entry, Rules
from figures.tokens import Token, before_relative

_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_SPACES = re.compile("[\u00a0\u202f\u2009]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
def _a_part_follows(lows: list[str], k: int, rules: Rules) -> bool:
    """What follows at token k tells a part of a count: "including 12 children", "mostly women", "among them", "nearly
    all civilians", "most of them women", "the majority of whom": "Overall, 85, most of them women, were killed" counts
    (where "Halima, 45, most of whose family ..." is an age)."""
    after = lows[k:k + 5]
    if "whose" in after:
        return False  # "Mariam, 60, nearly all of whose relatives were killed, fled": an age
    return after[:1] == ["including"] or after[:2] in (["among", "them"], ["nearly", "all"], ["almost", "all"]) or (
        after[:1] in (["mostly"], ["mainly"]) and rules.groups.match_at(lows, k + 1) is not None) or any(
        after[m:m + 2] in (["of", "them"], ["of", "whom"]) for m in range(4))  # ("mostly women"; not "mostly a farmer")


_VERB_BEFORE = frozenset("to may might could would will now still say says said".split())  # "to number": the verb
# ("which officials say number about 4,000")
_BODIES = frozenset("brigades battalions regiments divisions militias factions groups units armies".split())  # "the
# brigades number 4,000": bodies of fighters, whose plural makes "number" their verb


def _a_force(rules: Rules, lows: list[str], j: int) -> bool:
    """A force noun ends at token j, or before ", who" ending there: "forces number 40,000", "peacekeepers, who number
    around 10,000" make "number" a verb."""
    j = before_relative(lows, j)
    found = rules.groups.match_ending_at(lows, j)
    return (found is not None and bool(found[1]["force"])) or lows[j] in _BODIES  # type: ignore[index]


_ORDINAL = {"st", "nd", "rd", "th"}
_UNIT_NAMES = frozenset("division brigade battalion regiment corps infantry commando squadron company "
                        "mechanised mechanized armoured armored".split())  # "the 7 Division", "the 3 Commando Brigade",
# capitalised as a name is ("the 30 Rwandan infantry soldiers" are a count)
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000, "m": 1_000_000,
           "bn": 1_000_000_000,  # "12k", "1.2m": only glued to their digits
           "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000}  # South Asian press: "8.2 lakh"
_RANGE_SCALES = {"hundred": 100, **_SCALES}
_MODIFIED = frozenset("toll tolls casualty casualties population populations infrastructure area areas objects "
                      "targets homes houses buildings vehicle vehicles convoy convoys harm status".split())  # "the civilian toll"
_DENIED = frozenset({"not", "no", "never", "without"})
_ARTICLES = {"a", "an", "the"}  # "a man" counts one, "a hundred" a hundred
_RANGE_WORDS = {"-", "–", "to", "or", "and"}
_CHANGES = frozenset("rose risen rises rising increased increases climbed climbs jumped grew soared fell dropped "
                     "decreased up down".split())  # a count changed "from" an earlier one
_WENT = frozenset("went gone goes going shot moved".split()) | _CHANGES  # "went up to 38" is no "up to 38"
_MULTIPLES = {"dozen": 12}  # "two dozen": 24, read as about
_FRACTIONS = {("half",): 0.5, ("quarter", "of"): 0.25, ("a", "quarter", "of"): 0.25, ("quarters", "of"): 0.75,
              ("three", "quarters", "of"): 0.75, ("three", "-", "quarters", "of"): 0.75}  # "half a million"
_NOT_MODIFIERS = {"of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "the", "a", "an", "who", "was",
                  "were", "is", "are", "that", "which"}


@dataclass(frozen=True)
class NumberMention:
    """A count as written: token span [first, last) including its qualifier, and its bounds."""

    first: int
    last: int
    start: int
    end: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    kind: str  # digits, words, vague, article ("a man" counts one) or definite ("the driver")
    rule: str  # the qualifier or vague-amount rule that fired, if any


_PHONE_LINES = frozenset({"hotline", "helpline"})


def bounds(qualifier: str, n: int) -> tuple[int | None, int | None, int | None]:
    """(value, low, high) for a number read with a qualifier; see the README's table."""
    return {
        "exact": (n, n, n),
        "at_least": (n, n, None),
        "more_than": (n, n, None),
        "at_most": (n, None, n),
        "about": (n, None, None),
    }[qualifier]


def _glued(a: Token, b: Token) -> bool:
    return a.end == b.start


@lru_cache(maxsize=8)
def _start_words(rules: Rules) -> frozenset[str]:
    return frozenset(_ARTICLES | set(rules.number_words) | rules.vague_first | {"another"})


_FRACTION_WORDS = frozenset({"half", "quarter", "third", "thirds", "fraction"})
_NEXT_ONE = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())  # "a third was wounded"
_ONE_MORE = frozenset("was is has had died remains remained later".split())  # what a further one alone did


class _Scan:
    """One sentence's tokens, read left to right for counts."""

    def __init__(self, tokens: list[Token], rules: Rules) -> None:
        self.tokens, self.rules = tokens, rules
        self.lows = [t.low for t in tokens]
        self.n = len(tokens)

    def digits(self, i: int) -> tuple[int, int] | None:
        """(tokens used, value) for digits with an optional scale ("1.3 million", "2.5m")."""
        text = _SPACES.sub(",", self.tokens[i].text)  # "2 000" with a non-breaking space is "2,000"
        groups = self.space_grouped(i) if i + 1 < self.n and self.lows[i + 1][:1].isdigit() else 0
        if groups > 1:
            text = ",".join(t.text for t in self.tokens[i:i + groups])  # "3 500": thousands set off by a space
        if "," in text and not _GROUPED.fullmatch(text):
            if not (_DECIMAL_COMMA.fullmatch(text) and i + 1 < self.n and self.lows[i + 1] in _SCALES):
                return None
            text = text.replace(",", ".")  # "2,3 million": a decimal comma, as in French or Spanish
        value: float = float(text.replace(",", "")) if "." in text else int(text.replace(",", ""))
        used = max(1, groups)
        if i + used < self.n:
            nxt = self.tokens[i + used]
            scale = _SCALES.get(nxt.low)
            if scale and (nxt.low not in {"k", "m", "bn"} or _glued(self.tokens[i], nxt)):
                value, used = round(value * scale, 6), used + 1  # 8.2 * 100000 is 819999.9999999999
        if isinstance(value, float) and not value.is_integer():
            if used == 1 and _DOT_GROUPED.fullmatch(text):
                return used, int(text.replace(".", ""))  # "1.245 families": a dot between thousands, as in
                # French or Spanish; a count of people is never a fraction with three decimals
            return None
        return used, int(value)

    def _spaced(self, k: int) -> bool:
        """Token k is all digits and one space after token k - 1, itself all digits."""
        return 0 < k < self.n and self.lows[k].isdigit() and self.lows[k - 1].isdigit() \
            and self.tokens[k].start == self.tokens[k - 1].end + 1

    def phone_like(self, i: int) -> bool:
        """Token i is in a run of three or more numbers set off by single spaces that is no one number
        ("747 471 9300"); two ("In 2020 120 people", "3 500") are a year and a count, or one number."""
        start, end = i, i + 1
        while self._spaced(start):
            start -= 1
        while self._spaced(end):
            end += 1
        return end - start >= 3 and self.space_grouped(start) != end - start

    def hyphen_chained(self, i: int) -> bool:
        """Token i is in a run of three or more groups of digits joined by hyphens: "0-800-405-415", "2024-11-20" (a
        telephone number, a code or a date; two are a range: "10-12")."""
        tokens = self.tokens

        def joined(k: int) -> bool:  # digits at k and k + 2, a hyphen glued between them
            return k >= 0 and k + 2 < self.n and tokens[k].low.isdigit() and tokens[k + 1].low == "-" \
                and tokens[k + 2].low.isdigit() and _glued(tokens[k], tokens[k + 1]) and _glued(tokens[k + 1], tokens[k + 2])

        start, end = i, i
        while joined(start - 2):
            start -= 2
        while joined(end):
            end += 2
        return (end - start) // 2 >= 2

    def after_a_month(self, i: int) -> bool:
        """A month's name stands right before token i: "March 3", "Oct. 7"."""
        return i > 0 and self.lows[i - 1].rstrip(".") in MONTHS

    def space_grouped(self, i: int) -> int:
        """How many tokens from i write one number with its thousands set off by spaces ("3 500", "1 250 000"):
        0 if token i is no such number's start. A run with any other group ("747 471 9300") is a phone number."""
        if not (len(self.lows[i]) <= 3 and self._spaced(i + 1)) or self._spaced(i) or self.lows[i][0] == "0" \
                or self.after_a_month(i):
            return 0  # (not "On March 3 150 people were evacuated")
        k = i + 1
        while self._spaced(k):
            if len(self.lows[k]) != 3:
                return 0
            k += 1
        return k - i

    def words(self, i: int) -> tuple[int, int] | None:
        """(tokens used, value) for a number in words ("four million", "twenty-five", "a hundred")."""
        kinds, lows = self.rules.number_words, self.lows
        j, words = i, []
        if lows[i] == "a" and i + 1 < self.n and kinds.get(lows[i + 1]) == "scale":
            words, j = ["one"], i + 1
        while j < self.n:
            low = lows[j]
            if kinds.get(low) in {"unit", "ten", "scale"}:
                words.append(low)
                j += 1
            elif (low in {"-", "and"} and words and j + 1 < self.n and kinds.get(lows[j + 1]) in {"unit", "ten"}
                  and (low == "-" or kinds.get(words[-1]) == "scale")):
                j += 1
            else:
                break
        if not words or kinds.get(words[0]) == "scale":
            return None
        try:
            return j - i, text2num(" ".join(words), "en")
        except ValueError:
            return None

    def multiple(self, j: int) -> int:
        """How many times a number counts when a word like "dozen" follows it at token j ("two dozen"), or 1."""
        return _MULTIPLES.get(self.lows[j], 1) if j < self.n else 1

    def fraction(self, i: int) -> tuple[int, float]:
        """(first token, factor) of a fraction before "a million" at token i ("half a million", "three-quarters
        of a million"); (i, 1) if there is none."""
        if self.lows[i] not in _ARTICLES or i + 1 >= self.n or self.rules.number_words.get(self.lows[i + 1]) != "scale":
            return i, 1.0
        for words, factor in sorted(_FRACTIONS.items(), key=lambda f: -len(f[0])):
            if i >= len(words) and tuple(self.lows[i - len(words):i]) == words:
                return i - len(words), factor
        return i, 1.0

    def opens_fraction(self, i: int) -> bool:
        """Whether token i begins a fraction of a scale ("three" of "three-quarters of a million")."""
        return any(tuple(self.lows[i:i + len(words)]) == words and self.fraction(i + len(words))[1] != 1.0
                   for words in _FRACTIONS if len(words) > 1 and words[0] == self.lows[i])

    def one(self, i: int) -> tuple[int, int] | None:
        """ "a man", "an elderly woman", "an Al Shabaab militant": one person, when a singular person noun follows.

        Whether the noun really is what is counted ("an official end" is not) is for classify to judge.
        """
        if self.lows[i + 1:i + 2] == ["single"] and any(w in _DENIED for w in self.lows[max(0, i - 4):i]):
            return None  # "did not cause a single civilian death": none
        start = age_end(self.lows, i + 1) or i + 1  # "a 12-year-old boy"
        for k in range(start, min(self.n, start + 4)):
            found = self.rules.groups.match_at(self.lows, k)
            if found:
                after = k + found[0]  # type: ignore[index]
                if (found[1]["unit"] == "households" and self.lows[after:after + 1] == ["of"]  # type: ignore[index]
                        and after + 1 < self.n and self.lows[after + 1] not in _ARTICLES and self.number_at(after + 1)):
                    return None  # "a family of six": six people, not one family
                if self.lows[after:after + 1] and (self.lows[after] in _MODIFIED or self.lows[after:after + 2] == ["death", "toll"]):
                    return None  # "the civilian toll", "a civilian convoy": the noun modifies another, it is no one
                return (1, 1) if found[1]["singular"] else None  # type: ignore[index]
            low = self.lows[k]
            if not (low.isalpha() or low == "-") or low in _NOT_MODIFIERS or (
                    low in self.rules.vocabulary and not (k + 1 < self.n and self.rules.groups.match_at(self.lows, k + 1))):
                return None  # "the killing of a militant": "the" does not reach across "killing of"; but
                # "a militia leader" is one leader
        return None

    def _people_counted_before(self, i: int) -> bool:
        """A count of people stands shortly before token i, and no fraction: "Two soldiers were killed and another ..." (not
        "Two camps were shelled and another ...", "half have been killed and a third has fled")."""
        lows, window = self.lows, range(max(0, i - 12), i)
        if any(lows[j] in _FRACTION_WORDS for j in window):
            return False
        return any((lows[j][:1].isdigit() or lows[j] in self.rules.number_words) and j + 1 < i
                   and self.rules.groups.match_at(lows, j + 1) for j in window)

    def starts(self) -> list[int]:
        """The tokens a count may start at: digits, number words, articles and the first words of vague amounts."""
        words = _start_words(self.rules)
        return [i for i, low in enumerate(self.lows) if low in words or low[0].isdigit()]

    def number_at(self, i: int) -> tuple[int, int] | None:
        low = self.lows[i]
        if low == "another" or (low in {"a", "an"} and self.lows[i + 1:i + 2] and self.lows[i + 1] in _NEXT_ONE):
            at = i + 1 + (low != "another")  # "Two soldiers were killed and another was wounded", "... and a third died"
            if at < self.n and self.lows[at] in _ONE_MORE and self._people_counted_before(i):
                return at - i, 1
            if low == "another":
                return None  # (but "a third person was injured" is read as "a person")
        if low in _ARTICLES:
            is_scale = i + 1 < self.n and self.rules.number_words.get(self.lows[i + 1]) == "scale"
            return self.words(i) if is_scale and low != "the" else self.one(i)
        if low[0].isdigit():
            return self.digits(i)
        if low in self.rules.number_words:
            return self.words(i)
        return None

    def not_a_count(self, i: int, j: int) -> bool:
        """Years, dates, times, ordinals, codes, money, percentages, ages and labels are not counts."""
        tokens, lows, rules = self.tokens, self.lows, self.rules
        tok = tokens[i]
        prev = tokens[i - 1] if i else None
        nxt = tokens[j] if j < self.n else None
        if tok.low[0].isdigit():
            if prev and _glued(prev, tok) and (prev.low in {":", "/", "."} or (
                    prev.low[0].isalpha() and (len(prev.text) == 1 and prev.text.isupper() or not (
                        prev.low in rules.known_words or len(prev.low) >= 4 and prev.text[1:].islower())))):
                return True  # "PD4", "M23", "3:58", "1/2"; but "at least140,000" is PDF text run together
            if (prev and prev.low in {"-", "–"} and _glued(prev, tok) and i >= 2 and tokens[i - 2].low[0].isalpha()
                    and _glued(tokens[i - 2], prev)):
                return True  # "COVID-19", "Su-24"
            if nxt and _glued(tokens[j - 1], nxt) and (
                    nxt.low in _ORDINAL or nxt.low in {":", "/"} or (nxt.low[0].isalpha() and nxt.low not in _SCALES)):
                return True  # "1st", "12km"
            if _YEAR.fullmatch(tok.low) and (j >= self.n or not rules.groups.match_at(lows, j)):
                return True  # a year, unless people follow ("2000 people")
            if prev and prev.low.rstrip(".") in MONTHS:
                return True
            if (tok.low[0] == "0" and tok.low.isdigit() and len(tok.low) > 1) or (j - i == 1 and (
                    (prev is not None and prev.low[0].isdigit()) or (nxt is not None and nxt.low[0].isdigit()))
                    and self.phone_like(i)):
                return True  # "0800-0033-0000", "747 471 9300": a telephone number or a code
            if j - i == 1 and self.hyphen_chained(i):
                return True  # "call 0-800-405-415"
            if prev and prev.low in {"#", "№"} and _glued(prev, tok):
                return True  # "Flash Report #12": a number in a series
            if nxt and nxt.low == "-" and j + 1 < self.n and _glued(tokens[j - 1], nxt) and _glued(nxt, tokens[j + 1]) \
                    and tokens[j + 1].low[:1] == "0" and len(tokens[j + 1].low) > 1 and tokens[j + 1].low.isdigit():
                return True  # "2813-0000": a telephone number, not a range
        if nxt and nxt.low.rstrip(".") in MONTHS:
            return True
        if prev and prev.text[:1].isupper() and tok.low.isdigit() \
                and any(" ".join(lows[k:j]) in rules.sources for k in range(max(0, i - 3), i)):
            return True  # "Rescue 1122 says": a source whose name ends in a number
        if i >= 2 and lows[i - 1] == "," and lows[i - 2] in _PHONE_LINES and (nxt is None or nxt.low in {",", ".", ";", ")"}):
            return True  # "call the hotline, 1490, the Red Crescent said": a phone number (but "Via the hotline, 450
            # people have been reported missing")
        if self.ratio(i, j):
            return True  # "about one Haitian in 10", "one in every five": a share, not a count
        if (prev and prev.low == "the" and nxt and nxt.text[:1].isupper() and nxt.low.isalpha()
                and any(lows[k] in _UNIT_NAMES and tokens[k].text[:1].isupper() for k in range(j, min(self.n, j + 3)))):
            return True  # "the 7 Division Hospital", "the 3 Commando Brigade": a unit's name (but "the 17 Americans")
        if (i >= 2 and lows[i - 1] == "," and nxt is not None and nxt.low == "," and tok.low.isdigit() and int(tok.low) < 120
                and tokens[i - 2].low.isalpha() and ((tokens[i - 2].text[:1].isupper() and (
                    i > 2 or not _a_part_follows(lows, j + 1, rules))) or (i - 2 > 0 and
                    lows[i - 3] in {"the", "a", "an", "his", "her", "their"} and not lows[i - 2].endswith("s")
                    and rules.triggers.match_at(lows, i - 2) is None))):
            return True  # "Rosa Pizarro, 58, said", "Sawadogo, 34, fled", "The driver, 34, was slightly injured": an age
            # after a name or noun (but "Overall, 85, most of them women, were killed" is a count)
        first = self.qualifier(i)[0]  # "aged about 30", "[size=about 1,000]": the word before the qualifier
        if any(k and rules.non_figures_before.match_ending_at(lows, k - 1) and not self.number_as_verb(k) for k in {i, first}):
            return True  # ("route number 5"; but "thought to number some 350 fighters", "forces number 40,000": a verb)
        if prev and prev.low == "or" and tok.low.isdigit() and any(
                lows[k].isdigit() and k and rules.non_figures_before.match_ending_at(lows, k - 1) for k in range(max(0, i - 8), i - 1)):
            return True  # "the toll-free lines 1199 (Kenya Red Cross) or 112": the other number of the same kind
        if lows[i] == "one" and nxt is not None and nxt.low == "of" and (self._counted(j + 1) or (
                lows[j + 1:j + 2] == ["the"] and j + 2 < self.n and (lows[j + 2].endswith("est") or lows[j + 2] == "most"))):
            return True  # "one of 14 people killed": one of them, not a count of one ("one of the men" is); "one of
            # the largest displacements" is no count either
        if (prev and i >= 2 and prev.text[:1].isupper() and prev.low.isalpha() and prev.low not in rules.number_words
                and (nxt is None or not nxt.low[0].isalnum() or nxt.text[:1].isupper() or nxt.low in {"de", "del"})
                and lows[i - 2] not in {",", "(", ":", "and"} and not (j < self.n and rules.groups.match_at(lows, j))
                and not self.title_case()):
            return True  # "Zona 12.", "Colonia 5 de Mayo": a name or label, not a count; but in a headline in title
            # case, "At Least 40 Dead" is a count
        after = j + 1 if j < self.n and lows[j] == "-" else j
        return any(k < self.n and rules.non_figures_after.match_at(lows, k) is not None for k in {j, after})  # (a term
        # may need the hyphen: "a 15-member council", but "a member of the police")

    def number_as_verb(self, k: int) -> bool:
        """ "number" before token k is a verb: "thought to number some 350 fighters", "forces number 40,000"."""
        lows = self.lows
        return lows[k - 1] == "number" and k >= 2 and (lows[k - 2] in _VERB_BEFORE or _a_force(self.rules, lows, k - 2))

    def ratio(self, i: int, j: int) -> bool:
        """The number from token i to j is either side of a ratio: "one [Haitian] in [every] 10", "nine in ten"."""
        lows = self.lows
        top = self._small(i)
        if 0 < top <= 10 and self._share_over(i, j, top):
            return True
        back = i - 1 - (i >= 1 and lows[i - 1] == "every")
        return back >= 1 and lows[back] == "in" and any(
            (n := self._small(k)) == 1 or 1 < n < self._small(i) for k in range(max(0, back - 2), back))

    def _small(self, k: int) -> int:
        """The value of a number of one token at token k, up to 100 (0 for none): the numbers a share is told in."""
        found = self.number_at(k) if 0 <= k < self.n and (
            self.lows[k][:1].isdigit() or self.lows[k] in self.rules.number_words) else None
        return found[1] if found is not None and found[0] == 1 and 0 < found[1] <= 100 else 0

    def _share_over(self, i: int, j: int, top: int) -> bool:
        """The number from token i to j, of value `top`, is the first side of a ratio: "one [Haitian] in [every] 10",
        "nine in ten" (but not "killed 3 in 2 attacks")."""
        lows = self.lows
        k = j + (j < self.n and lows[j].isalpha() and lows[j] != "in")  # "one Haitian in 10"
        k += k < self.n and lows[k] == "in"
        k += k < self.n and lows[k] == "every"
        if not (k > j + 1 - (lows[j:j + 1] == ["in"]) and k < self.n and k - j <= 3 and lows[k - 1] in {"in", "every"}
                and (lows[k][:1].isdigit() or lows[k] in self.rules.number_words)):
            return False
        if top > 1 and not top < self._small(k):
            return False
        after = lows[k + 1] if k + 1 < self.n else "."
        return not after.isalpha() or after == "of" or self.rules.groups.match_at(lows, k + 1) is not None
        # ("one soldier in two separate attacks" is a count of one)

    def title_case(self) -> bool:
        """Whether the sentence is a headline in title case: every longer word capitalised."""
        words = [t.text for t in self.tokens if len(t.text) > 3 and t.text.isalpha()]
        return len(words) >= 3 and all(w[0].isupper() for w in words)

    def _counted(self, k: int) -> bool:
        """A count in digits or words at token k, or after "the"/"those" or a qualifier there: "14", "the 14", "at least
        14"."""
        if k < self.n and self.lows[k] in {"the", "those"}:
            k += 1
        for m in range(k, min(self.n, k + 4)):  # "one of at least 25,000 Venezuelans": after a qualifier too
            if self.lows[m][0].isdigit() or self.lows[m] in self.rules.number_words:
                return m == k or self.qualifier(m)[0] == k
        return False

    def ages_end(self, j: int) -> int:
        """The token after a list of ages that goes on at token j: ", 17 and 19", "and nine"."""
        return ages_end(self.lows, j, self.rules, words=True)

    def range_end(self, j: int) -> tuple[int, int] | None:
        """The second number of "20-30", "20 to 30", "five or six": (token after it, its value); a multiple
        after it counts ("two to three dozen": (token after "dozen", 36))."""
        if j + 1 >= self.n or self.lows[j] not in _RANGE_WORDS or self.lows[j + 1] in {"a", "an"}:
            return None
        found = self.number_at(j + 1)
        if not found:
            return None
        end = j + 1 + found[0]
        times = self.multiple(end)
        return (end + (times > 1), found[1] * times)

    def is_range(self, i: int, j: int, value: int, ranged: tuple[int, int] | None) -> bool:
        """Whether the number at i..j and `ranged` (see range_end) make one range: "20-30", "between 20
        and 30"; but not "a man aged 25 and 30 others" or "$5 million and 12 people"."""
        between = i > 0 and self.lows[i - 1] == "between"
        return ranged is not None and (self.lows[j] != "and" or between) and ranged[1] > value

    def qualifier(self, i: int) -> tuple[int, Entry | None]:
        found = self.rules.qualifiers_before.match_ending_at(self.lows, i - 1) if i else None
        if not found:
            return i, None
        first = i - found[0]
        if self.lows[first] == "up" and first and self.lows[first - 1] in _WENT:
            return i, None  # "the toll went up to 38": a change, not "up to 38"
        return first, found[1]

    def mention(self, i: int, j: int, value: int, loose: str | None = None) -> NumberMention | None:
        """The count at tokens i..j with its qualifier, or the range it starts; `loose` is the qualifier
        of a count that reads as approximate when none is written ("two dozen")."""
        lows = self.lows
        first, q = self.qualifier(i)
        between = i > 0 and lows[i - 1] == "between"
        ranged = self.range_end(j)
        if ranged and ranged[0] < self.n and lows[ranged[0]].rstrip(".") in MONTHS:
            return None  # "26-30 November", "between 26 and 30 November": dates
        if ranged and self.multiple(ranged[0] - 1) > 1 and self.multiple(j - 1) == 1:
            value *= self.multiple(ranged[0] - 1)  # "between two and three dozen": the first number is dozens too
        scale = _RANGE_SCALES.get(lows[ranged[0] - 1], 1) if ranged else 1
        if scale > 1 and lows[j - 1] not in _RANGE_SCALES and value * scale <= ranged[1]:  # type: ignore[index]
            value *= scale  # "between two and three million", "five to seven hundred": the scale is the first's too
        v: int | None
        lo: int | None
        hi: int | None
        if ranged is not None and self.is_range(i, j, value, ranged):
            last = ranged[0]
            first = i - 1 if between else first
            v, lo, hi, qualifier, rule = None, value, ranged[1], "range", "q-between" if between else ""
        elif between and lows[j:j + 1] == ["and"]:
            return None
        else:
            if q is not None and q["qualifier"] == "range":
                first, q = i, None  # "between" with no second number
            at = j + 1 if j < self.n and lows[j] == "-" else j  # "1000-plus"
            after = self.rules.qualifiers_after.match_at(lows, at) if at < self.n and q is None else None
            entry = q if q is not None else (after[1] if after else None)
            qualifier = entry["qualifier"] if entry is not None else loose or "exact"  # type: ignore[index]
            rule = entry.id if entry is not None else ""  # type: ignore[union-attr]
            last = at + after[0] if after else j
            if not after and last < self.n and lows[last] == "+" and _glued(self.tokens[last - 1], self.tokens[last]):
                last += 1  # "some 8,000+ people": the plus is read, the written qualifier kept
            v, lo, hi = bounds(qualifier, value)
        start, end = self.tokens[i].start, self.tokens[last - 1].end
        kind = ("definite" if lows[i] == "the" else "article" if lows[i] in {"a", "an"} and value == 1
                else "digits" if lows[i][0].isdigit() else "words")
        return NumberMention(first, last, start, end, v, lo, hi, qualifier, kind, rule)

    def vague(self, i: int) -> NumberMention | None:
        found = self.rules.vague.match_at(self.lows, i)
        if not found or (i and self.rules.non_figures_before.match_ending_at(self.lows, i - 1) and not self.number_as_verb(i)):
            return None  # "how many people had been abducted", "saved many lives" (but "believed to number a few hundred")
        n, entry = found
        assert isinstance(entry, Entry)
        first, q = self.qualifier(i)
        as_int = lambda s: int(s) if s else None  # noqa: E731
        value, low, high = as_int(entry["value"]), as_int(entry["low"]), as_int(entry["high"])
        qualifier, rule = entry["qualifier"], entry.id
        if q is not None and value is not None:  # "more than a dozen"
            qualifier, rule = q["qualifier"], f"{entry.id} {q.id}"
            value, low, high = bounds(qualifier, value)
        else:
            first = i
        end = self.tokens[i + n - 1].end
        return NumberMention(first, i + n, self.tokens[i].start, end, value, low, high, qualifier, "vague", rule)


def find_numbers(tokens: list[Token], rules: Rules) -> list[NumberMention]:
    """Every count in a sentence's tokens, left to right, never overlapping."""
    scan = _Scan(tokens, rules)
    out: list[NumberMention] = []
    at = 0  # the first token not yet read
    void = _retracted_from(scan.lows, rules)
    for i in scan.starts():
        if i >= void:
            break  # "An earlier version of this story said 45 people ...": a figure taken back
        if i < at:
            continue
        at = i + 1
        mention = None
        if scan.lows[i] in rules.vague_first and not (
                i > 0 and (inside := rules.qualifiers_before.match_at(scan.lows, i - 1)) and inside[0] > 1):
            mention = scan.vague(i)  # but not inside a qualifier: "as many as 30" (but "about a dozen" is qualified)
        if mention is None and scan.opens_fraction(i):
            at = i  # "three-quarters of a million": read from its "a"
            continue
        if mention is None:
            found = scan.number_at(i)
            if found is not None:
                j = i + found[0]
                if i > 1 and scan.lows[i - 1] == "from" and scan.lows[i - 2] in _CHANGES and scan.lows[j:j + 1] == ["to"]:
                    at = j  # "the toll rose from 30 to 45": the toll is 45 now (but "45, up from 30 in March" keeps both)
                    continue
                if scan.not_a_count(i, j):
                    ranged = scan.range_end(j) if not _a_clock(scan.lows, i) else None  # "aged between 10 and 12": the
                    # range's end is no count either (but a liveblog's "08:00 - Five people were killed" starts one)
                    a_day = found[1] <= 31 and scan.after_a_month(i)
                    if ranged is not None and a_day and ranged[1] > 31:
                        ranged = None  # "killed since October 7 to 31,184": no day of the month is 31,184
                    at = ranged[0] if ranged is not None and (scan.is_range(i, j, found[1], ranged) or a_day) else j
                    # ("between October 7 and 31, 1,200 people were killed": both days)
                    if i and scan.lows[i - 1] in {"aged", "ages"}:
                        at = scan.ages_end(at)  # "two sons, aged 17 and 19": both ages
                    continue
                if found[1] == 0 and scan.lows[i].isdigit():
                    at = j  # "0 fatalities": nobody counted
                    continue
                times, (first, part) = scan.multiple(j), scan.fraction(i)
                mention = scan.mention(first, j + (times > 1), round(found[1] * times * part),
                                       "about" if times > 1 else None)
        if mention is not None:
            out.append(mention)
            at = mention.last
    return out


def _a_clock(lows: list[str], i: int) -> bool:
    """The number at token i is a clock's minutes: "08:00"."""
    return i >= 2 and lows[i - 1] == ":" and lows[i - 2].isdigit()


def _retracted_from(lows: list[str], rules: Rules) -> int:
    """The token after a phrase that takes back what follows it in the sentence ("retracted its claim that",
    "an earlier version of this story said"), else past the end."""
    table = rules.retractions
    if not table.may_occur_in(lows):
        return len(lows) + 1  # nearly always: no such word at all
    return next((i + found[0] for i in table.starts(lows) if (found := table.match_at(lows, i))), len(lows) + 1)


def ages_after(lows: list[str], k: int, rules: Rules) -> int:
    """The token after the ages that follow a noun at token k ("children under five", "children aged 4, 7 and 9",
    "girls under the age of 15", "boys aged between 10 and 12 years"); k if none."""
    j = k + 1
    if lows[k:k + 1] == ["under"] and lows[j:j + 3] == ["the", "age", "of"]:
        j += 3
    elif lows[k:k + 1] == ["aged"] and lows[j:j + 1] == ["between"]:
        j += 1
    elif lows[k:k + 1] not in (["under"], ["aged"]):
        return k
    if not (j < len(lows) and (lows[j].isdigit() or lows[j] in rules.number_words)):
        return k
    j = ages_end(lows, j + 1, rules, spans=True)
    if lows[j:j + 2] == ["years", "old"]:
        return j + 2
    return j + (lows[j:j + 1] == ["years"])


def ages_end(lows: list[str], j: int, rules: Rules, spans: bool = False, words: bool = False) -> int:
    """The token after a list of ages that goes on at token j (", 17 and 19"), but not into a count ("a man aged 25 and
    30 others"); with `words`, also in words after an age in words ("aged six and nine"; not "a farmer aged 40 and three
    of his sons"), and with `spans`, in words and as ranges too ("aged five to 17")."""
    links = {",", "and", "or", "to", "-", "–"} if spans else {",", "and", "or"}
    while j + 1 < len(lows) and lows[j] in links and (lows[j + 1].isdigit() or (spans or (
            words and not lows[j - 1][:1].isdigit())) and lows[j + 1] in rules.number_words) \
            and not (j + 2 < len(lows) and (rules.groups.match_at(lows, j + 2) or lows[j + 2] in {"others", "more"})):
        j += 2
    return j


def age_end(lows: list[str], k: int) -> int | None:
    """The token after an age that stands before a noun ("12-year-old", "12 year old"), if one starts at k."""
    if k < len(lows) and lows[k].isdigit():
        words = [w for w in lows[k + 1:k + 5] if w != "-"]
        if words[:2] == ["year", "old"]:
            return next(j for j in range(k + 1, len(lows)) if lows[j] == "old") + 1
    return None
