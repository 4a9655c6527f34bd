"""Sentences: split an article into paragraphs and sentences, leaving out web-page leftovers."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from figures.articles import find_dateline
from figures.rules import Rules
from figures.tokens import LIST_MARKS

_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_CHARS = frozenset(string.ascii_letters + ".")


@dataclass(frozen=True)
class Sentence:
    """A sentence's text and where it stands: offsets into the article, paragraph number."""

    text: str
    start: int
    end: int
    paragraph: int


def is_boilerplate(line: str, rules: Rules) -> bool:
    """Navigation words, share buttons, bylines and copyright lines are not article text."""
    low = " ".join(line.lower().split())
    short = low.count(" ") < 25  # a copyright line is short; a paragraph with a stray "©" is not
    for kind, term in _boilerplate(rules):
        if (kind == "line" and low == term) or (kind == "contains" and short and term in low):
            return True
        if kind in {"prefix", "teaser"} and low.startswith(term):
            return term != "by " or (len(low.split()) <= 6 and line.split()[1:2] != [] and line.split()[1][:1].isupper()
                                     and not line.rstrip().endswith(":"))  # (a byline names its author: not "By
            # municipality, the figures were:", which opens a list)
    words = low.split()
    return len(words) <= 2 and not _LABELLED.match(low) and not any(rules.triggers.match_at(words, k) for k in range(len(words)))
    # but a report's "Deaths: 212" is text, and so is a heading that names a figure ("Civilian casualties")


_LABELLED = re.compile(r"[a-z][a-z ()/-]*:\s*~?\d")


@lru_cache(maxsize=8)
def _boilerplate(rules: Rules) -> tuple[tuple[str, str], ...]:
    """(kind, term) of each boilerplate rule, in file order, read once rather than for every line."""
    return tuple((e["kind"], e.term) for e in rules.boilerplate)


@lru_cache(maxsize=8)
def _teaser_markers(rules: Rules) -> frozenset[str]:
    return frozenset(term for kind, term in _boilerplate(rules) if kind == "teaser")


def _is_teaser_marker(line: str, rules: Rules) -> bool:
    return line.lower().strip() in _teaser_markers(rules)


def paragraphs(text: str, rules: Rules) -> list[tuple[int, str]]:
    """(offset, line) for every line that is article text."""
    kept: list[tuple[int, str]] = []
    offset, drop_next = 0, False
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        if not line.strip():
            continue
        if drop_next:
            drop_next = False
            continue
        if _is_teaser_marker(line, rules):
            drop_next = True
            continue
        if is_boilerplate(line, rules) or find_dateline(line):
            continue
        lead = len(line) - len(line.lstrip())
        kept.append((start + lead, line.strip()))
    return kept


def _word_before(line: str, end: int) -> str:
    """The word (letters and dots) that ends at `end`, lower-case and without its final dots: "dr" for "Dr."."""
    start = end
    while start > 0 and line[start - 1] in _WORD_CHARS:  # a few steps back, not a regex scan from the line start
        start -= 1
    return line[start:end].lower().rstrip(".")


MAX_SENTENCE = 3000  # characters; longer runs (a page without full stops) are cut at a space


def split_sentences(line: str, offset: int, paragraph: int, rules: Rules) -> list[Sentence]:
    """Sentences of one paragraph; a full stop after an abbreviation or an initial does not end one."""
    out: list[Sentence] = []
    begin = 0
    for m in _END.finditer(line):
        word = _word_before(line, m.start() + 1)
        if word in rules.abbreviations or (len(word) == 1 and word.isalpha()):
            continue
        out.extend(_capped(line, begin, m.start() + 1, offset, paragraph))
        begin = m.end()
    if line[begin:].strip():
        out.extend(_capped(line, begin, len(line.rstrip()), offset, paragraph))
    return out


def _capped(line: str, begin: int, end: int, offset: int, paragraph: int) -> list[Sentence]:
    """line[begin:end] as one sentence, or, past MAX_SENTENCE characters, as pieces cut at spaces, so
    that a 50 MB line without a full stop costs time in proportion to its length."""
    out = []
    while end - begin > MAX_SENTENCE:
        cut = line.rfind(" ", begin + 1, begin + MAX_SENTENCE)
        cut = cut if cut > begin else begin + MAX_SENTENCE
        out.append(Sentence(line[begin:cut], offset + begin, offset + cut, paragraph))
        begin = cut + 1 if line[cut:cut + 1] == " " else cut
    out.append(Sentence(line[begin:end], offset + begin, offset + end, paragraph))
    return out


_COUNT_WORD = (r"(?:\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
               r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozens?|scores|hundreds|thousands|several)\b)")
LIST_ITEM = re.compile(rf"\s*[{LIST_MARKS}]\s+[^:.;—]{{1,60}}?(?::|\s[—–-]\s)\s*(?:[A-Za-z.~]+\s+){{0,2}}{_COUNT_WORD}"  # a labelled count:
                       rf"|\s*[A-Z][^:.;|—–-]{{0,40}}?\s[—–-]\s+(?:[A-Za-z.~]+\s+){{0,2}}\d[\d,.]*(?:\s+[A-Za-z]+){{0,3}}\s*$")
# "- Masisi territory: 71,400 people", "- Jowhar: about 12,300 displaced", "• Amanuel — 2,100"; a line that is a label,
# a dash and a count alone: "Buner — 208"


_SAYS = re.compile(r"\b(?:said|says|told|according\s+to)\b")  # a news item: "- Gaza: 40 people killed ..., the
# ministry said." (a count's line, "- Belet Weyne: 41,400 displaced; 7 deaths", says no one)


def labelled_count(line: str) -> bool:
    """A list line that gives a count under a label and says no one said it: "- Jowhar: 12,300 displaced" (not a news
    item, "- Gaza: 40 people killed ..., the ministry said.")."""
    return LIST_ITEM.match(line) is not None and _SAYS.search(line) is None


def table_row(line: str) -> bool:
    """A line of a table: cells between vertical bars, "| Hiraan | Belet Weyne | 38,900 | 6,480 |", or two or more
    short cells split by bars with none at the ends, "Zindajan    | 23     | 1,294  | 1,688" (not a sentence's full stop at
    its end)."""
    if TABLE_ROW.match(line) is not None:
        return True
    if "|" not in line or BARE_ROW.match(line) is None or line.rstrip().endswith((".", "!", "?")):
        return False
    cells = [cell.strip() for cell in line.split("|")]  # a row of counts, or a header (no digits at all); not a byline's
    return any(COUNT_CELL.fullmatch(cell) for cell in cells) or not any(c.isdigit() for c in line)  # "Long read |
    # East Africa Monitor | 10 July 2022"


def a_row(line: str) -> bool:
    """The line is a list's labelled count or a table's row."""
    return labelled_count(line) or table_row(line)


TABLE_ROW = re.compile(r"^\s*\|(?:[^|\n]*\|){2,}\s*$")
COUNT_CELL = re.compile(r"(?:(?:about|some|approx\.?|est\.?|~)\s*)?\d[\d,.]*\+?|[-–—]", re.IGNORECASE)
BARE_ROW = re.compile(r"^[^|\n]{1,60}(?:\|[^|\n]{1,60})+$")


def opens_a_list(line: str) -> bool:
    """A line that may name what a list after it counts: one ending on a colon ("... recorded the following
    displacements:"), or a heading, short and with no full stop ("NEWLY DISPLACED INDIVIDUALS BY DEPARTMENT")."""
    line = line.rstrip()
    return line.endswith(":") or (len(line) <= 100 and not line.endswith(_ENDS) and LIST_ITEM.match(line) is None)


_ENDS = tuple(".!?;,\"”’")


def sentences(text: str, rules: Rules) -> list[Sentence]:
    """Every sentence of article text, in order. The labelled counts of a list that a line ending on a colon or a
    heading opens are of that line's paragraph: "... recorded the following displacements:" / "- Masisi territory:
    71,400 people"."""
    out: list[Sentence] = []
    number, listing = -1, False
    for offset, line in paragraphs(text, rules):
        item = labelled_count(line) or table_row(line)  # (a table's rows are items of the list its heading opens)
        number += not (listing and item)
        listing = opens_a_list(line) or (listing and item)
        out.extend(split_sentences(line, offset, number, rules))
    return out
