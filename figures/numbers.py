"""Numbers: find the counts in a sentence, with their qualifier and bounds ("at least 44", "dozens")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from figures.dates import MONTHS
from figures.rules import Entry, Rules
from figures.tokens import Token

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_ORDINAL = {"st", "nd", "rd", "th"}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "m": 1_000_000, "bn": 1_000_000_000}


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
    kind: str  # digits, words, vague or article ("a man" counts one)
    rule: str


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


def _digits(tokens: list[Token], i: int) -> tuple[int, float] | None:
    """(tokens used, value) for a digit number with an optional scale ("1.3 million", "2.5m")."""
    text = tokens[i].text
    if "," in text and not _GROUPED.fullmatch(text):
        return None
    value = float(text.replace(",", "")) if "." in text else int(text.replace(",", ""))
    used = 1
    if i + 1 < len(tokens):
        nxt = tokens[i + 1]
        scale = _SCALES.get(nxt.low)
        if scale and (nxt.low not in {"m", "bn"} or _glued(tokens[i], nxt)):
            value, used = value * scale, 2
    if isinstance(value, float) and not value.is_integer():
        return None
    return used, value


def _words(tokens: list[Token], i: int, rules: Rules) -> tuple[int, int] | None:
    """(tokens used, value) for a number in words ("four million", "twenty-five", "a hundred")."""
    kinds = rules.number_words
    lows = [t.low for t in tokens]
    j, words = i, []
    if lows[i] == "a" and i + 1 < len(lows) and kinds.get(lows[i + 1]) == "scale":
        words, j = ["one"], i + 1
    while j < len(lows):
        low = lows[j]
        if kinds.get(low) in {"unit", "ten", "scale"}:
            words.append(low)
            j += 1
        elif low in {"-", "and"} and words and j + 1 < len(lows) and kinds.get(lows[j + 1]) in {"unit", "ten"} \
                and (low == "-" or kinds.get(words[-1]) == "scale"):
            j += 1
        else:
            break
    if not words or kinds.get(words[0]) == "scale":
        return None
    try:
        return j - i, text2num(" ".join(words), "en")
    except ValueError:
        return None


def _one(tokens: list[Token], i: int, rules: Rules) -> tuple[int, int] | None:
    """ "a man", "an elderly woman": one person, when a singular person noun follows."""
    lows = [t.low for t in tokens]
    for k in (i + 1, i + 2):
        found = rules.groups.match_at(lows, k) if k < len(lows) else None
        if found:
            return (1, 1) if found[1]["singular"] else None  # type: ignore[index]
        if k < len(lows) and not lows[k].isalpha():
            return None
    return None


def _number_at(tokens: list[Token], i: int, rules: Rules) -> tuple[int, int] | None:
    if tokens[i].low in {"a", "an"} and not (i + 1 < len(tokens) and rules.number_words.get(tokens[i + 1].low) == "scale"):
        return _one(tokens, i, rules)
    if tokens[i].low[0].isdigit():
        found = _digits(tokens, i)
        return (found[0], int(found[1])) if found else None
    if tokens[i].low in rules.number_words or tokens[i].low == "a":
        return _words(tokens, i, rules)
    return None


def _not_a_count(tokens: list[Token], i: int, j: int, rules: Rules) -> bool:
    """Years, dates, times, ordinals, codes, money, percentages, ages and labels are not counts."""
    lows = [t.low for t in tokens]
    tok = tokens[i]
    prev = tokens[i - 1] if i else None
    nxt = tokens[j] if j < len(tokens) else None
    if tok.low[0].isdigit():
        if prev and _glued(prev, tok) and (prev.low[0].isalpha() or prev.low in {":", "/", "."}):
            return True
        if prev and prev.low in {"-", "–"} and _glued(prev, tok) and i >= 2 and tokens[i - 2].low[0].isalpha() \
                and _glued(tokens[i - 2], prev):
            return True
        if nxt and _glued(tokens[j - 1], nxt) and (nxt.low in _ORDINAL or nxt.low in {":", "/"}
                                                  or (nxt.low[0].isalpha() and nxt.low not in {"m", "bn"})):
            return True
        if re.fullmatch(r"(?:1[89]|20)\d\d", tok.low) and (j >= len(lows) or not rules.groups.match_at(lows, j)):
            return True
    if (prev and prev.low.rstrip(".") in MONTHS and tok.low[0].isdigit()) or (nxt and nxt.low.rstrip(".") in MONTHS):
        return True
    if i and rules.non_figures_before.match_ending_at(lows, i - 1):
        return True
    if prev and i >= 2 and prev.text[:1].isupper() and prev.low.isalpha() and prev.low not in rules.number_words \
            and (nxt is None or not nxt.low[0].isalnum()) and lows[i - 2] not in {",", "(", ":"}:
        return True  # "Zona 12.", "PD 3,": a name or label, not a count
    after = j + 1 if j < len(lows) and lows[j] == "-" else j
    return after < len(lows) and rules.non_figures_after.match_at(lows, after) is not None


def _range_end(tokens: list[Token], j: int, rules: Rules) -> tuple[int, int] | None:
    """The second number of "20-30", "20 to 30", "five or six": (token after it, its value)."""
    if j + 1 >= len(tokens) or tokens[j].low not in {"-", "–", "to", "or", "and"}:
        return None
    found = _number_at(tokens, j + 1, rules)
    if not found or tokens[j + 1].low == "a":
        return None
    return j + 1 + found[0], found[1]


def _qualifier(tokens: list[Token], i: int, rules: Rules) -> tuple[int, Entry | None]:
    if i == 0:
        return i, None
    found = rules.qualifiers_before.match_ending_at([t.low for t in tokens], i - 1)
    if not found:
        return i, None
    n, entry = found
    return i - n, entry  # type: ignore[return-value]


def _mention(tokens: list[Token], i: int, j: int, value: int, rules: Rules) -> NumberMention | None:
    lows = [t.low for t in tokens]
    first, q = _qualifier(tokens, i, rules)
    last, low_n, high_n = j, None, None
    is_between = i and lows[i - 1] == "between"
    ranged = _range_end(tokens, j, rules)
    if ranged and ranged[0] < len(lows) and lows[ranged[0]].rstrip(".") in MONTHS:
        return None  # "26-30 November", "between 26 and 30 November": dates
    if ranged and (lows[j] != "and" or is_between) and ranged[1] > value:
        last, low_n, high_n = ranged[0], value, ranged[1]
    elif lows[j:j + 1] == ["and"] and is_between:
        return None
    if low_n is not None:
        first = i - 1 if is_between else first
        qualifier, rule, (v, lo, hi) = "range", "q-range", (None, low_n, high_n)
    else:
        at = j + 1 if j < len(lows) and lows[j] == "-" else j  # "1000-plus"
        after = rules.qualifiers_after.match_at(lows, at) if at < len(lows) else None
        if after:
            after = (after[0] + at - j, after[1])
        entry = q if q is not None else (after[1] if after else None)
        qualifier = entry["qualifier"] if entry is not None else "exact"
        rule = entry.id if entry is not None else "q-exact"
        if after and q is None:
            last = j + after[0]
        v, lo, hi = bounds(qualifier, value)
    start, end = tokens[i].start, tokens[last - 1].end
    kind = "article" if tokens[i].low in {"a", "an"} else "digits" if tokens[i].low[0].isdigit() else "words"
    return NumberMention(first, last, start, end, v, lo, hi, qualifier, kind, rule)


def _vague(tokens: list[Token], i: int, rules: Rules) -> NumberMention | None:
    found = rules.vague.match_at([t.low for t in tokens], i)
    if not found:
        return None
    n, entry = found
    assert isinstance(entry, Entry)
    first, q = _qualifier(tokens, i, rules)
    as_int = lambda s: int(s) if s else None  # noqa: E731
    value, low, high = as_int(entry["value"]), as_int(entry["low"]), as_int(entry["high"])
    qualifier = entry["qualifier"]
    if q is not None and value is not None:
        qualifier = q["qualifier"]
        value, low, high = bounds(qualifier, value)
    end = tokens[i + n - 1].end
    return NumberMention(first if q is not None else i, i + n, tokens[i].start, end, value, low, high, qualifier,
                         "vague", entry.id)


def find_numbers(tokens: list[Token], rules: Rules) -> list[NumberMention]:
    """Every count in a sentence's tokens, left to right, never overlapping."""
    out: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        mention = _vague(tokens, i, rules)
        if mention is None:
            found = _number_at(tokens, i, rules)
            if found is not None:
                j = i + found[0]
                if _not_a_count(tokens, i, j, rules):
                    i = j
                    continue
                mention = _mention(tokens, i, j, found[1], rules)
        if mention is None:
            i += 1
            continue
        out.append(mention)
        i = mention.last
    return out
