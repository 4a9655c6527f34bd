"""Tokens: words, numbers and punctuation with their character offsets, shared by every stage."""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

# A number keeps its separators ("1,300", "2.5", and a non-breaking or thin space before three digits:
# "2 000"); a word keeps inner apostrophes ("Dar'a") but not a possessive 's, so "Syria's" yields
# "Syria"; anything else is one character.
TOKEN = re.compile(r"\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d|[,.]\d)|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*|[^\w\s]|_")


class Token(NamedTuple):
    text: str
    low: str
    start: int
    end: int


# Token(...) without the argument handling of the named tuple's __new__: tokenize makes millions
_new = tuple.__new__
_LOW = operator.itemgetter(1)  # a token's low, for scans that run in C


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into tokens whose offsets are shifted by `offset`.

    >>> [t.text for t in tokenize("Syria's 1,300 in-jured")]
    ['Syria', "'", 's', '1,300', 'in', '-', 'jured']
    """
    if "’" in text:
        return [_new(Token, (w := m.group(), w.lower().replace("’", "'"), m.start() + offset, m.end() + offset))
                for m in TOKEN.finditer(text)]
    return [_new(Token, (w := m.group(), w.lower(), m.start() + offset, m.end() + offset))
            for m in TOKEN.finditer(text)]


DASHES = frozenset("-–—")
LIST_MARKS = "-–•*"  # what opens a line of a list: "- Masisi territory: 71,400 people"


def before_relative(lows: list[str], j: int) -> int:
    """Where the noun phrase ends that a ", who" or ", which" at token j follows: "peacekeepers, who number around
    10,000" (j itself if no such clause opens at j)."""
    return j - 2 if j >= 2 and lows[j] in {"who", "which"} and lows[j - 1] == "," else j


def spaced_dash(tokens: list[Token], k: int) -> bool:
    """Token k is a dash with a space before it, which sets off an aside or a dateline; not a hyphen."""
    return tokens[k].low in DASHES and k > 0 and tokens[k].start > tokens[k - 1].end


def inner_hyphen(tokens: list[Token], j: int) -> bool:
    """Token j is a hyphen inside a word, with no space on either side: "Saint-Marc", "Jean-Robert"."""
    return 0 < j < len(tokens) - 1 and tokens[j].low == "-" and tokens[j - 1].end == tokens[j].start \
        and tokens[j].end == tokens[j + 1].start


def plain(text: str) -> str:
    """Text without its accents, for matching names however they are spelt ("Tillabéri", "Tillaberi")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def term_tokens(term: str) -> tuple[str, ...]:
    """The lower-case token sequence a vocabulary term matches."""
    return tuple(t.low for t in tokenize(term))


P = TypeVar("P")  # what a phrase table files under each term (a rule row)


class PhraseTable(Generic[P]):
    """Multi-word terms looked up by their first token, longest match first."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], P]]] = {}
        self._by_last: dict[str, list[tuple[tuple[str, ...], P]]] = {}

    def add(self, words: tuple[str, ...], payload: P) -> None:
        for index, key in ((self._by_first, words[0]), (self._by_last, words[-1])):
            entries = index.setdefault(key, [])
            entries.append((words, payload))
            entries.sort(key=lambda e: -len(e[0]))

    def __contains__(self, words: tuple[str, ...]) -> bool:
        return any(w == words for w, _ in self._by_first.get(words[0], ()))

    def match_at(self, lows: list[str], i: int) -> tuple[int, P] | None:
        """The longest term starting at token i: (length, payload)."""
        for words, payload in self._by_first.get(lows[i], ()):
            n = len(words)
            if n == 1 or tuple(lows[i:i + n]) == words:  # a one-word term is the word it is filed under
                return n, payload
        return None

    def may_occur_in(self, lows: list[str]) -> bool:
        """Whether some token begins a term: a test cheaper than `starts` when terms are rare."""
        return not self._by_first.keys().isdisjoint(lows)

    def starts(self, lows: list[str]) -> list[int]:
        """The positions where a term may start: those whose token begins some term."""
        by_first = self._by_first
        return [i for i, low in enumerate(lows) if low in by_first]

    def match_ending_at(self, lows: list[str], j: int) -> tuple[int, P] | None:
        """The longest term whose last token is token j: (length, payload)."""
        for words, payload in self._by_last.get(lows[j], ()):
            n = len(words)
            if j - n + 1 >= 0 and tuple(lows[j - n + 1:j + 1]) == words:
                return n, payload
        return None

    def entries(self) -> list[P]:
        """Every payload in the table, once."""
        return [payload for entries in self._by_first.values() for _, payload in entries]


LIGATURES = ("fl", "fi", "ff", "ffi", "ffl")  # PDF text often loses them: "forced to  ee" for "flee"


def _ligature(tokens: list[Token], vocabulary: frozenset[str]) -> list[Token]:
    """Restore a lost ligature ("forced to  ee") when that makes a known word; offsets stay the word's own."""
    wide = [i for i in range(1, len(tokens)) if tokens[i].start - tokens[i - 1].end >= 2]  # a lost ligature leaves a gap
    if not wide:
        return tokens
    out = list(tokens)
    for i in wide:
        t = tokens[i]
        if t.low.isalpha() and t.low not in vocabulary:
            restored = next((lig + t.low for lig in LIGATURES if lig + t.low in vocabulary), None)
            if restored:
                out[i] = Token(t.text, restored, t.start, t.end)
    return out


def _unglue(tokens: list[Token], known: frozenset[str]) -> list[Token]:
    """Split words that PDF text ran together ("displacedabout", "fledShirqat") at a known boundary.

    >>> [t.text for t in _unglue(tokenize("people fledShirqat"), frozenset({"fled", "people"}))]
    ['people', 'fled', 'Shirqat']
    """
    cuts = [_glue_cut(t.text, t.low, known) if len(t.low) >= 6 and t.low.isalpha() and t.low not in known else None
            for t in tokens]
    if cuts.count(None) == len(cuts):
        return tokens  # nearly always: nothing ran together
    out = []
    for t, cut in zip(tokens, cuts, strict=True):
        if cut is None:
            out.append(t)
            continue
        text, low = t.text, t.low
        left = Token(text[:cut], low[:cut], t.start, t.start + cut)
        right = Token(text[cut:], low[cut:], t.start + cut, t.end)
        out += [left, *_unglue([right], known)]  # "inIDPcamps": in | IDP | camps
    return out


_PREFIXES = frozenset({"un", "non"})  # "uninjured", "Unhurt": a word of its own, not "UN" and "injured"
_SUFFIXES = frozenset({"est", "one", "out", "in", "ground", "over", "take", "took", "held"})  # "newest", "someone",
# "throughout", "within", "background", "takeover": the end of a word of its own, not a word run into it
_WHOLE_WORDS = frozenset("insecurity hometown hometowns bodyguard bodyguards downtown schoolteacher schoolteachers "
                         "overlooking anyone everyone".split())  # English words made of two known ones


@lru_cache(maxsize=1 << 16)
def _glue_cut(text: str, low: str, known: frozenset[str]) -> int | None:
    """Where to split a word that ran two known words together, if anywhere; the same words recur in
    every article, so the answers are kept. A capitalised word splits into two known words only where the second is
    long: it is more often a name ("Ngongo" is no "NGO" and "ngo"; "Atleast" is "At least")."""
    if low in _WHOLE_WORDS:
        return None
    shortest = 4 if text[:1].isupper() and text[1:].islower() else 2
    return next((i for i in range(2, len(low) - 1) if low[:i] not in _PREFIXES and low[i:] not in _SUFFIXES and (low[:i] in known and (
        (low[i:] in known and len(low) - i >= shortest) or (text[i - 1].islower() and text[i].isupper())))
        or (text[:i].isupper() and text[i:].islower() and low[i:] in known)), None)


def repair(tokens: list[Token], vocabulary: frozenset[str], known: frozenset[str] = frozenset()) -> list[Token]:
    """Join words broken by a hyphen ("in- jured", "fami-lies") when the whole word is known vocabulary,
    and restore ligatures lost in PDF text.

    >>> [t.low for t in repair(tokenize("were in- jured"), frozenset({"injured"}))]
    ['were', 'injured']
    >>> [t.low for t in repair(tokenize("forced to  ee"), frozenset({"flee"}))]
    ['forced', 'to', 'flee']
    """
    tokens = _ligature(tokens, vocabulary)
    if known:
        tokens = _unglue(tokens, known)
    if "-" not in map(_LOW, tokens):
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (i + 2 < len(tokens) and tokens[i + 1].low == "-" and t.end == tokens[i + 1].start
                and t.low.isalpha() and tokens[i + 2].low.isalpha() and (t.low + tokens[i + 2].low) in vocabulary):
            joined = tokens[i + 2]
            out.append(Token(t.text + joined.text, t.low + joined.low, t.start, joined.end))
            i += 3
            continue
        out.append(t)
        i += 1
    return out
