"""Word tests: whether a sentence holds any of a list of words, or a case-insensitive pattern, as fast
as a regex can tell.

The quick tests that let most sentences skip the slower analyses run on every sentence, so their
regexes are built as tries of the words ("kill(?:ed|ing)?"): the engine then tries one branch per
distinct next character, not one per word, and matches exactly the same texts. Every branch of a
trie starts with a plain character, so the engine skips ahead to the next character that may start a
word; a whole-word test keeps that by asking for no letter before a word only after its first
character. Case-insensitive tests search lower-cased text (CaselessPattern, for ASCII, keeps offsets).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_pattern(words: Iterable[str], after_first: str = "") -> str:
    """A regex body matching exactly the given words, factored by common prefixes, with `after_first`
    after each word's first character.

    >>> trie_pattern(["kill", "killed", "killing", "hurt"])
    '(?:hurt|kill(?:ed|ing)?)'
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _branches(root, after_first)


def _branches(node: dict, after: str = "") -> str:
    alternatives = [re.escape(ch) + after + _branches(node[ch]) for ch in sorted(node) if ch]
    ends = "" in node
    if not alternatives:
        return ""
    if len(alternatives) == 1 and not ends:
        return alternatives[0]
    return f"(?:{'|'.join(alternatives)})" + ("?" if ends else "")


class CaselessPattern:
    """A case-insensitive regex, searched faster on ASCII text: there the lower-cased text is searched
    with the pattern compiled case-sensitively, which finds the same, and spares the engine its slower
    case-insensitive matching. The pattern must be ASCII and lower case, letters written as themselves."""

    def __init__(self, pattern: str) -> None:
        if not (pattern.isascii() and pattern == pattern.lower()):
            raise ValueError(f"a caseless pattern is written in lower-case ASCII: {pattern!r}")
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self._lowered = re.compile(pattern)

    def search(self, text: str) -> re.Match | None:
        """The first match, in the lower-cased text where that is ASCII (same offsets, lower-case groups).

        >>> CaselessPattern(r"\\bsince\\b").search("Since March") is not None
        True
        """
        if text.isascii():
            return self._lowered.search(text.lower())
        return self.pattern.search(text)


class WordTest:
    """Whether a text holds any of some words: anywhere, or only as whole words, with or without case."""

    def __init__(self, words: Iterable[str], ignore_case: bool = False, whole: bool = True) -> None:
        words = {w.lower() if ignore_case else w for w in words if w}
        # Without case, the lower-cased text is searched: a pattern compiled with IGNORECASE matches
        # each character slowly, and the engine can no longer skip ahead to a word's first letter.
        # A whole word has no letter before it: "(?<!\w.)" after its first character says so
        pattern = trie_pattern(words, r"(?<!\w.)") + r"(?!\w)" if whole else trie_pattern(words)
        self._search = re.compile(pattern).search
        self._lower = ignore_case

    def found_in(self, text: str) -> bool:
        """
        >>> WordTest(["said", "according"], ignore_case=True).found_in("the UN SAID on Monday")
        True
        >>> WordTest(["said"], ignore_case=True).found_in("unsaid")
        False
        """
        return self._search(text.lower() if self._lower else text) is not None
