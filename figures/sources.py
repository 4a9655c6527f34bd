"""Sources: find who a sentence says its figures come from ("according to OCHA", "the UN said")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from figures.rules import Rules
from figures.tokens import Token, term_tokens

CONNECTORS = frozenset("of for the in on and al de el - ' ( ) &".split())
STOP_AFTER = frozenset(", . ; : that who which while as when after on and since because in".split())
PRONOUNS = frozenset("he she they it we i this these which who".split())
TRAILERS = ("report", "reports", "data", "figures", "statement", "count", "tally")


@dataclass(frozen=True)
class Attribution:
    """A named source in a sentence: the name as normalised, and the token where it stands."""

    name: str
    at: int


@lru_cache(maxsize=8)
def _templates(rules: Rules) -> tuple[tuple[tuple[str, ...], ...], frozenset[str], tuple[tuple[str, ...], ...]]:
    before = tuple(sorted((term_tokens(t.replace("{SOURCE}", "")) for t in rules.attribution["before"]),
                          key=len, reverse=True))
    verbs = frozenset(rules.attribution["verbs"])
    descriptors = tuple(sorted((term_tokens(d) for d in rules.attribution["descriptors"]), key=len, reverse=True))
    return before, verbs, descriptors


@lru_cache(maxsize=8)
def _source_words(rules: Rules) -> frozenset[str]:
    """Lower-case words that may be part of a source's name ("rescue workers", "official sources")."""
    return frozenset(w for key in rules.sources for w in key.split() if w.isalpha())


def _strip(words: list[Token], descriptors) -> list[Token]:
    lows = [t.low for t in words]
    for d in descriptors:
        if tuple(lows[:len(d)]) == d:
            words, lows = words[len(d):], lows[len(d):]
            break
    while words and words[0].low in CONNECTORS:
        words = words[1:]
    while words and (words[-1].low in CONNECTORS - {")"} or words[-1].low in TRAILERS):
        words = words[:-1]
    return words


def normalise(name: str, rules: Rules) -> str:
    """The canonical name from sources.csv, else the name as written.

    >>> from figures.rules import default_rules
    >>> normalise("the United Nations Office for the Coordination of Humanitarian Affairs (OCHA)", default_rules())
    'OCHA'
    """
    key = " ".join(term_tokens(name))
    candidates = [key, key.removeprefix("the ")]
    if "(" in key:
        inner = key[key.index("(") + 1:].rstrip(") ")
        candidates += [key[:key.index("(")].strip().removeprefix("the "), inner]
    for candidate in candidates:
        if candidate in rules.sources:
            return rules.sources[candidate].term
    return name


def _text(sentence: str, words: list[Token], offset: int) -> str:
    return sentence[words[0].start - offset:words[-1].end - offset]


def find_attributions(tokens: list[Token], sentence: str, offset: int, rules: Rules) -> list[Attribution]:
    """Every named source in a sentence, in order."""
    before, verbs, descriptors = _templates(rules)
    lows = [t.low for t in tokens]
    known = _source_words(rules)
    out: list[Attribution] = []
    for i in range(len(tokens)):
        for phrase in before:
            if tuple(lows[i:i + len(phrase)]) == phrase:
                j = i + len(phrase)
                k = j
                while k < len(tokens) and k - j < 14 and lows[k] not in STOP_AFTER:
                    k += 1
                words = _strip(tokens[j:k], descriptors)
                if words:
                    out.append(Attribution(normalise(_text(sentence, words, offset), rules), i))
                break
        if lows[i] in verbs:
            words = _subject(tokens, i, known, descriptors) or _inverted(tokens, i, descriptors)
            if words and words[0].low not in PRONOUNS and not _just_capitalised(words, tokens, rules):
                out.append(Attribution(normalise(_text(sentence, words, offset), rules), i))
    return out


def _subject(tokens: list[Token], verb: int, known: frozenset[str], descriptors) -> list[Token]:
    """The name before a reporting verb: capitalised words and their connectors."""
    k = verb - 1
    if k >= 1 and tokens[k].low in {"which", "who"} and tokens[k - 1].low == ",":
        k -= 2
    end = k + 1
    while k >= 0 and end - k <= 10:
        t = tokens[k]
        if t.text[:1].isupper() or t.low in known or (t.low in CONNECTORS and t.low != "and"):
            k -= 1
        else:
            break
    return _strip(tokens[k + 1:end], descriptors)


def _inverted(tokens: list[Token], verb: int, descriptors) -> list[Token]:
    """ "..., said the White Helmets": the name after the verb, when the verb follows a comma or quote."""
    if verb == 0 or tokens[verb - 1].low not in {",", '"', "”", "'"}:
        return []
    k = verb + 1
    while k < len(tokens) and (tokens[k].text[:1].isupper() or tokens[k].low in CONNECTORS) and tokens[k].low not in {"(", ")"}:
        k += 1
    return _strip(tokens[verb + 1:k], descriptors)


def _just_capitalised(words: list[Token], tokens: list[Token], rules: Rules) -> bool:
    """A lone first word is capitalised because it starts the sentence ("Initial reports say")."""
    return len(words) == 1 and words[0] is tokens[0] and words[0].low not in rules.sources and not words[0].text.isupper()
