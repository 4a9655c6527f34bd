"""Word tests: whether a sentence holds any of a list of words, as fast as a regex can tell.

The quick tests that let most sentences skip the slower analyses run on every sentence, so their
regexes are built as tries of the words ("kill(?:ed|ing)?"): the engine then tries one branch per
distinct next character, not one per word, and matches exactly the same texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_pattern(words: Iterable[str]) -> str:
    """A regex body matching exactly the given words, factored by common prefixes.

    >>> trie_pattern(["kill", "killed", "killing", "hurt"])
    '(?:hurt|kill(?:ed|ing)?)'
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _branches(root)


def _branches(node: dict) -> str:
    alternatives = [re.escape(ch) + _branches(node[ch]) for ch in sorted(node) if ch]
    ends = "" in node
    if not alternatives:
        return ""
    if len(alternatives) == 1 and not ends:
        return alternatives[0]
    return f"(?:{'|'.join(alternatives)})" + ("?" if ends else "")


class WordTest:
    """Whether a text holds any of some words: anywhere, or only as whole words, with or without case."""

    def __init__(self, words: Iterable[str], ignore_case: bool = False, whole: bool = True) -> None:
        words = {w for w in words if w}
        self.pattern = re.compile(self._wrap(trie_pattern(words), whole), re.IGNORECASE if ignore_case else 0)
        # On ASCII text, ignoring case is lower-casing both sides, which spares the engine its slower
        # case-insensitive matching; other text keeps the case-insensitive regex.
        ascii_words = all(w.isascii() for w in words)
        self._lowered = (re.compile(self._wrap(trie_pattern({w.lower() for w in words}), whole))
                         if ignore_case and ascii_words else None)

    @staticmethod
    def _wrap(body: str, whole: bool) -> str:
        return rf"(?<!\w)(?:{body})(?!\w)" if whole else body

    def found_in(self, text: str) -> bool:
        """
        >>> WordTest(["said", "according"], ignore_case=True).found_in("the UN SAID on Monday")
        True
        >>> WordTest(["said"], ignore_case=True).found_in("unsaid")
        False
        """
        if self._lowered is not None and text.isascii():
            return self._lowered.search(text.lower()) is not None
        return self.pattern.search(text) is not None
