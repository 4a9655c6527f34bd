"""Properties of the extractor on any text: valid records or none, offsets on the number's text."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import extract
from figures.columns import names
from figures.pipeline import as_table, figure_row
from figures.schema import figures_schema

WORDS = ["killed", "at", "least", "44", "civilians", "including", "12", "children", "were", "displaced",
         "1,300", "dozens", "of", "people", "the", "UN", "said", "since", "November", "26", "in", "Idlib",
         "four", "million", "refugees", "a", "man", "between", "20", "and", "30", ",", ".", "-", "2024",
         "wounded", "families", "over", "about", "according", "to", "OCHA", "on", "Sunday", "troops", "joined"]
TEXT = st.one_of(
    st.text(alphabet=string.printable + "’“”–é ", max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["2024-12-03", ""]))
@example("KILLED30 INCLUDING DOZENS", "2024-12-03")  # once a part (24-99) larger than its whole (30)
def test_any_text_yields_valid_records_or_none(text: str, published: str) -> None:
    figures = extract(text, published)
    for f in figures:
        surface = text[f.char_start:f.char_end]
        assert surface and surface.strip() == surface
        assert any(c.isdigit() or c.isalpha() for c in surface)
        assert f.quote in text
    rows = [figure_row(f) | {"claim_id": "C" + "0" * 12} for f in figures]
    if rows:
        figures_schema().validate(as_table(rows, tuple(names("figures"))), lazy=True)


QUICK_WORDS = ["men", "Burkinabè", "killed", "kill", "said", "Mount", "o'clock", "e"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="menMENburkinabèÈBKILDSAIOUNTtcl'’ -\n.2", max_size=60), st.booleans(), st.booleans())
@example("women", True, True)  # "men" inside a word is not the whole word
@example("BURKINABÈ", True, True)
@example("Mount", False, True)
def test_a_word_test_finds_what_the_plain_regex_finds(text: str, ignore_case: bool, whole: bool) -> None:
    """The quick word tests are built for speed (a trie, the text lower-cased, the whole-word test after a
    word's first letter), and must find exactly what the plain alternation of the words finds."""
    import re

    from figures.wordtests import WordTest

    body = "|".join(map(re.escape, QUICK_WORDS))
    plain = re.compile(rf"(?<!\w)(?:{body})(?!\w)" if whole else body, re.IGNORECASE if ignore_case else 0)
    assert WordTest(QUICK_WORDS, ignore_case, whole).found_in(text) == bool(plain.search(text))
