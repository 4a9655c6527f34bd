"""Dates: find date expressions in a sentence and resolve them to periods against the publication date.

Our own small layer rather than dateparser: news periods ("between 26 and 30 November",
"since October 7, 2023", "in the last 24 hours") need range and open-ended logic dateparser
does not have, it fills a missing day with today's, and at ~0.3 ms a call it would be the
slowest step of extraction.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from figures.wordtests import CaselessPattern

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
CALENDAR_WORDS = frozenset({*MONTHS, *WEEKDAYS})  # "Tuesday", "Nov": no town's, source's or name's word
_SHORT = frozenset(MONTHS) - {name.lower() for name in calendar.month_name}  # "jan", "sept": abbreviations only

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?"  # not "Marib", "Janet"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_CLOCK = r"(?:\d{1,2}[:.]\d\d(?:\s*(?i:GMT|UTC|hrs|a\.m\.|p\.m\.|am|pm|local\s+time))?|\d{1,2}\s*(?i:a\.m\.|p\.m\.|am|pm)),?\s+(?i:on\s+)?"
# a time before the day: "as of 18:00 on 5 June", "as of 06:00, 28 October 2025", "as of 6 p.m. on Sunday"

_PART_OF_DAY = r"(?:(?i:the\s+(?:morning|afternoon|evening|night)\s+of)\s+)?"  # "between the afternoon of 9 October and ..."

RELATIVE_DAYS = ("the day before yesterday", "yesterday", "today", "tonight", "this morning", "last night", "overnight")  # told from the day of telling
_RELATIVE = "|".join(w.replace(" ", r"\s+") for w in RELATIVE_DAYS)

# One calendar point: "December 2, 2024", "2 December 2024", "December 2", "2 December",
# "December 2024", "2024", a weekday, yesterday or today.
_POINT = (
    rf"(?P<md>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)(?![\d,]*\d)"
    rf"|(?P<dm>{_DAY}\s+(?:of\s+{_MONTH}(?!['’]s\b)|{_MONTH})(?:,?\s+{_YEAR})?)"  # (not "9 of April's deaths")
    rf"|(?P<my>{_MONTH}(?:,?\s+{_YEAR})?)"
    rf"|(?P<y>(?<![\d,.])(?i:early\s+|late\s+|mid-?)?{_YEAR}(?![\d,.]*\d))"
    rf"|(?P<wd>(?i:last\s+|this\s+|next\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?)"
    rf"|(?P<rel>(?i:{_RELATIVE}))"
)
POINT = re.compile(_POINT)
PART_OF_MONTH = {"early": 1, "mid": 11, "late": 21}  # the first day of the month's first, middle or last ten days

PERIOD = re.compile(
    rf"(?P<between>(?i:between)\s+(?:{_WEEKDAY},?\s+)?{_PART_OF_DAY}(?P<b1>(?:{_MONTH}\s+{_DAY}|{_DAY}(?:\s+{_MONTH})?)(?:,?\s+{_YEAR})?)\s+and\s+(?:{_WEEKDAY},?\s+)?{_PART_OF_DAY}(?P<b2>(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s+{_YEAR})?))"
    rf"|(?P<fromto>(?i:from)\s+(?:{_WEEKDAY},?\s+)?(?P<f1>(?:{_MONTH}\s+)?{_DAY}(?:\s+{_MONTH})?(?:,?\s+{_YEAR})?)\s+(?:to|until|through|till)\s+(?:{_WEEKDAY},?\s+)?(?P<f2>(?:{_MONTH}\s+)?{_DAY}(?:\s+{_MONTH})?(?:,?\s+{_YEAR})?))"
    rf"|(?P<dayrange>(?P<d1>{_DAY}(?:\s+{_MONTH})?)\s*(?:[-–]\s*|(?:and|\sto)\s+(?:{_WEEKDAY},?\s+)?)(?P<d2>{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?))"
    rf"|(?P<monthrange>(?i:between|from|in)\s+(?P<m1>{_MONTH}(?:,?\s+{_YEAR})?)\s+(?:and|to|until|through|till)\s+(?P<m2>{_MONTH}(?:,?\s+{_YEAR})?)(?![\d,]*\d))"
    rf"|(?P<yearrange>(?:(?i:between|from)\s+)?(?P<y1>{_YEAR})\s*(?:[-–]|\s(?i:and|to|until)\s)\s*(?P<y2>{_YEAR})(?![\d,.]*\d))"
    rf"|(?P<weekto>(?i:(?:in\s+)?the\s+)?(?i:week)\s+(?i:to|ending|ended)\s+(?P<w1>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?))"
    rf"|(?P<since>(?i:since|as\s+of|as\s+at|up\s+to)\s+(?:{_CLOCK})?(?:(?i:the\s+(?:start|beginning|onset)\s+of)\s+(?:[^,.;]{{1,40}}?\s+(?:in|on)\s+)?)?(?:{_WEEKDAY},?\s+(?={_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY}))?(?P<part>(?i:early|mid|late)[\s-]+(?={_MONTH}))?(?P<s1>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}(?:,?\s+{_YEAR})?|(?:early\s+|late\s+|mid-?)?{_YEAR}|(?i:last\s+)?{_WEEKDAY}|(?i:yesterday)|(?i:last\s+(?:week|month|year))))"
    rf"|(?P<since_event>(?i:since)\s+(?:the\s+)?[A-Za-z][^,.;]{{1,60}}?\s+(?:began|started|erupted|broke\s+out|launched|seized|took|came|attacked|invaded|hit|struck|made\s+landfall|set\s+in|resumed|flared(?:\s+up)?|escalated|entered|fell|collapsed|broke\s+down|burst)(?:(?:\s+[^,.;]{{1,40}}?(?:,\s+[A-Z][^,.;]{{1,30}}?,)?)?\s+(?:on\s+|in\s+)?(?P<separt>(?i:early|mid|late)[\s-]+(?={_MONTH}))?(?P<se>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR}|(?i:last\s+)?{_WEEKDAY}|(?i:yesterday)))?)"
    r"|(?P<recent>(?i:in|over|during)\s+the\s+(?:last|past|previous)\s+(?P<n>\d+|few|two|three|four|five|six|seven|eight|nine|ten|eleven)?\s*(?P<unit>hours?|days?|weeks?|months?|years?)\b)"
    rf"(?!\s+of\s+(?:{_MONTH}|the\s+(?:month|year)))"  # (not "in the last three days of March": a part of March)
    r"|(?P<weekend>(?i:over\s+the\s+weekend|this\s+weekend|last\s+weekend))"
    r"|(?P<week>(?i:earlier\s+this\s+week|this\s+week|last\s+week|earlier\s+this\s+month|this\s+month|last\s+month"
    r"|(?:so\s+far\s+|earlier\s+)?this\s+year|(?:since\s+)?last\s+year"
    r"|since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year))"
    r"|(?P<same>(?i:on\s+)?(?i:the)\s+same\s+day)"
    r"|(?P<sameperiod>(?i:during|in|over)\s+(?i:the)\s+same\s+(?i:period|time\s*frame|timeframe))"
    r"|(?P<reportperiod>(?i:during|in|over|for|throughout)\s+(?i:the|this)\s+(?i:reporting|review|monitoring|current)\s+(?i:period|week)\b)"
    r"|(?P<themonth>(?i:during|in|over|throughout)\s+(?i:the)\s+(?i:same\s+)?(?i:month)\b(?![-–]|\s+(?i:of|before|after|that|which|following|leading|preceding|prior|since|to)\b))",
)
# Rarer forms, tried only where PERIOD finds nothing: one pattern with them all ran a third slower.
PERIOD_MORE = re.compile(
    rf"(?P<nightof>(?i:(?:the\s+)?night\s+of)\s+(?P<n1>{_DAY}(?:\s+{_MONTH})?)\s+(?:to|-)\s+(?P<n2>{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?))"
    rf"|(?P<mdpair>(?P<mp>{_MONTH})\s+(?P<p1>{_DAY})\s*(?:[-–]|and)\s*(?P<p2>{_DAY})(?P<py>,?\s+{_YEAR})?(?![\d,]*\d))"
    rf"|(?P<days>(?i:between\s+)?(?P<wd1>{_WEEKDAY})(?:\s+(?i:morning|afternoon|evening|night))?\s+(?:and|to|-)\s+(?P<wd2>{_WEEKDAY}))"
    rf"|(?P<by>(?i:by)\s+(?P<by1>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|(?i:last\s+)?{_WEEKDAY})(?![’']s))"
    rf"|(?P<toevent>(?i:between|from)\s+(?P<te1>{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR})\s+(?:and|to|until)\s+(?i:the\s+)?[a-z][a-z\s-]{{1,30}}?\s+(?:of|on|in)\s+(?P<te2>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}(?:,?\s+{_YEAR})?))"
    rf"|(?P<began>(?i:that|which)\s+(?i:began|started|erupted|broke\s+out)\s+(?i:on\s+|in\s+)?(?P<bo>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR}|(?i:last\s+)?{_WEEKDAY}))"
    rf"|(?P<partof>(?i:the\s+)?(?P<po>(?i:first|second|third|fourth|last|final))\s+(?P<pn>(?i:week|half|quarter|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|\d+)\s+(?:months|days)))\s+(?i:of)\s+(?P<pw>{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR}|(?i:the|this)\s+year))"
    r"|(?P<firstmonths>(?i:the\s+)?(?i:first)\s+(?P<fm>two|three|four|five|six|seven|eight|nine|ten|eleven|\d+)\s+(?i:months)"
    r"(?!\s+(?i:of|after|since|following|from|in)\b))"
    r"|(?P<ago>(?P<an>\d+|(?i:a|one|two|three|four|five|six|seven|ten))\s+(?P<au>(?i:days?|weeks?))\s+(?i:ago))"
    r"|(?P<during>(?i:during\s+the\s+(?:[\w-]+\s+)?(?:attacks?|assault|raids?|fighting|clashes|violence|offensive|operations?|"
    r"incursion|ambush)\b))"
    rf"|(?P<sincethe>(?i:since)\s+(?:(?i:the|its|their|an|a)|[A-Z][\w-]*['’]s)\s+(?:(?P<sb>{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH}\s+{_YEAR}|"
    rf"{_MONTH}\s+{_YEAR}|(?P<sy>{_YEAR}))\s+)?(?:[\w-]+\s+){{0,2}}?(?i:coup|war|invasion|offensive|"
    r"outbreak|takeover|uprising|conflict|fighting|clashes|earthquake|floods?|storm|cyclone|hurricane|typhoon|escalation|crisis|"
    r"(?:air)?strikes?|attacks?|raids?|assault|blast|bombing|explosion|ambush|massacre|quake|landslide|shipwreck|capsizing|"
    rf"revolution|fall|collapse|ouster|overthrow|ceasefire|truce|siege)\b(?:(?:\s+(?i:on|in|at|near|against|of)\s+(?:the\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){{0,3}}?)?"  # ("since an
    # attack on Ocua administrative post on 15 February")
    rf"\s+(?i:in|on|of)\s+(?P<st>{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|"
    rf"{_MONTH},?\s+{_YEAR}|{_YEAR}|(?i:last\s+)?{_WEEKDAY}|{_MONTH}))?)"
    r"|(?P<sincethen>(?i:since\s+then)\b)"
    r"|(?P<dayrel>(?i:(?:on\s+)?the\s+(?:previous|preceding|following|next)\s+day|(?:a|one)\s+day\s+(?:earlier|later)"
    r"|(?:a|one|the)\s+day\s+(?:before|after)(?:\s+the\s+(?:attack|assault|raid|strike|ambush|massacre|bombing))?(?=\s*[,.;])))"  # (not "a day after 15 soldiers were killed": that event's
    rf"|(?P<nth>(?i:on\s+the)\s+(?P<nd>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!\s+(?:(?i:of)\s+)?{_MONTH})"
    r"(?=\s*[,.;:)–—-]|\s*$|\s+(?:when|and|at|in|as|after|before|while|during|near|around)\b)"
    r"(?!(?:\s*(?:,|and|or|to|-)\s*(?:the\s+)?\d+(?:st|nd|rd|th)){1,4}\s+(?:floors?|storeys?|stories|centur)))"  # not "on the 3rd
    # floor", "on the 2nd and 3rd floors" (but "On the 1st and 2nd, ...")
)


_BEGAN = re.compile(r"\s+(?:began|started|erupted|broke\s+out|resumed|flared(?:\s+up)?|escalated|hit|struck|made\s+landfall"
                    r"|set\s+in)$", re.IGNORECASE)  # "since the war began", "since the fighting resumed", "since the storm hit"


def event_of(since: str) -> str:
    """The event a "since" phrase counts from ("since the coup": coup; "since the war began": war), for
    finding the sentence that gave its date."""
    words = _BEGAN.sub("", since).split()
    return words[-1] if words else ""


@dataclass(frozen=True)
class Period:
    """A resolved period; `kind` says how it was read (day, range, since, month, year, open)."""

    start: date | None
    end: date | None
    kind: str
    char_start: int = -1
    char_end: int = -1


def _year_for(month: int, day: int, published: date | None) -> int | None:
    """The year that puts month/day on or before the publication date."""
    if published is None:
        return None
    year = published.year
    if (month, day) > (published.month, published.day):
        year -= 1
    return year


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(text: str, published: date | None) -> date | None:
    """ "Sunday" and "on Sunday": the latest such day on or before publication; "last Sunday": before it."""
    if published is None:
        return None
    words = text.lower().split()
    target = WEEKDAYS[words[-1] if words[-1] in WEEKDAYS else words[1] if len(words) > 1 and words[1] in WEEKDAYS else words[0]]
    back = (published.weekday() - target) % 7
    if words[0] == "last" and back == 0:
        back = 7
    if words[0] == "next":
        return None  # future days are not periods a figure covers
    return published - timedelta(days=back)


def resolve_point(text: str, published: date | None) -> tuple[date | None, date | None]:
    """Resolve one calendar expression to the first and last day it can mean.

    >>> resolve_point("December 2", date(2024, 12, 3))
    (datetime.date(2024, 12, 2), datetime.date(2024, 12, 2))
    >>> resolve_point("November", date(2024, 12, 3))
    (datetime.date(2024, 11, 1), datetime.date(2024, 11, 30))
    >>> resolve_point("last Friday", date(2024, 12, 3))
    (datetime.date(2024, 11, 29), datetime.date(2024, 11, 29))
    """
    m = POINT.fullmatch(text.strip().rstrip(","))
    if not m:
        return None, None
    words = re.findall(r"[A-Za-z]+|\d+", m.group())
    year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
    month = next((MONTHS[w.lower().rstrip(".")] for w in words if w.lower().rstrip(".") in MONTHS), None)
    day = next((int(w) for w in words if w.isdigit() and len(w) <= 2), None)
    if m.group("md") or m.group("dm"):
        assert month is not None and day is not None
        year = year or _year_for(month, day, published)
        d = _safe_date(year, month, day)
        return d, d
    if m.group("my"):
        assert month is not None
        year = year or _year_for(month, 1, published)
        if year is None:
            return None, None
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m.group("y"):
        assert year is not None
        return date(year, 1, 1), date(year, 12, 31)
    if m.group("wd"):
        d = _weekday(m.group("wd"), published)
        return d, d
    if published is None:
        return None, None
    rel = " ".join(words).lower()
    if rel == "overnight":
        return published - timedelta(days=1), published  # a night runs over two dates
    d = published - timedelta(days=2 if rel.startswith("the day before") else 1 if rel in {"yesterday", "last night"} else 0)
    return d, d


def _clip(start: date | None, end: date | None, published: date | None) -> date | None:
    """A period cannot run past publication, unless the text dates all of it later (a date error we keep)."""
    if end is not None and published is not None and end > published and (start is None or start <= published):
        return published
    return end


def _range(first: str, second: str, published: date | None) -> tuple[date | None, date | None]:
    """Both ends of "A and/to B", where A may borrow B's month and year ("26 to 30 November")."""
    end_start, end = resolve_point(second, published)
    if end is None:
        return None, None
    if first.strip().rstrip("stndrh").isdigit():
        start = _safe_date(end.year, end.month, int(re.sub(r"\D", "", first)))
    else:
        start, _ = resolve_point(first, end if not re.search(r"\d{4}", first) else None)
        if start is None and re.search(r"\d{4}", first):
            start, _ = resolve_point(first, None)
    if start is not None and start > end:
        start = _safe_date(start.year - 1, start.month, start.day)
    return start, end


def _recent(m: re.Match, published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    n = m.group("n")
    count = int(n) if n and n.isdigit() else {**_SMALL, "few": 3}.get((n or "").lower(), 1)
    unit = m.group("unit").lower().rstrip("s")
    days = {"hour": count / 24, "day": count, "week": 7 * count, "month": 30 * count, "year": 365 * count}[unit]
    return published - timedelta(days=max(1, round(days))), published


def _week(text: str, published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    text = " ".join(text.lower().split())
    monday = published - timedelta(days=published.weekday())
    if text.endswith("year"):  # "so far this year", "since the start of the year", "last year"
        if "last" in text:
            start = date(published.year - 1, 1, 1)
            return start, published if text.startswith("since") else date(published.year - 1, 12, 31)
        return date(published.year, 1, 1), published
    if text.endswith("month"):
        first = published.replace(day=1)
        if text.startswith("last"):
            last = first - timedelta(days=1)
            return last.replace(day=1), last
        return first, published
    if text.startswith("last"):
        return monday - timedelta(days=7), monday - timedelta(days=1)
    return monday, published


_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


def _part_of(m: re.Match, published: date | None) -> tuple[date | None, date | None]:
    """The part of a month or year a phrase names: its first week, second half, last quarter, first N months."""
    whole = m.group("pw")
    start: date | None
    end: date | None
    if whole.lower().split()[-1] == "year":
        if published is None:
            return None, None
        start, end = date(published.year, 1, 1), date(published.year, 12, 31)
    else:
        start, end = resolve_point(whole, published)
        if start is None or end is None:
            return None, None
    which, part = _ORDINAL[m.group("po").lower()], m.group("pn").lower().split()
    if part[-1] == "days":  # "the first ten days of February", "the last three days of March"
        n = int(part[0]) if part[0].isdigit() else _SMALL.get(part[0], 0)
        if not 1 <= n <= (end - start).days + 1 or which not in (1, -1):
            return None, None
        return (start, start + timedelta(days=n - 1)) if which == 1 else (end - timedelta(days=n - 1), end)
    if part[-1] == "months":
        n = int(part[0]) if part[0].isdigit() else _SMALL.get(part[0], 0)
        if which != 1 or not 1 <= n <= 12 or end - start < timedelta(days=300):
            return None, None  # only "the first N months of" a year
        last = date(start.year, n, calendar.monthrange(start.year, n)[1])
        return start, last
    if part[0] == "week":
        if which == -1:
            return end - timedelta(days=6), end
        first = start + timedelta(days=7 * (which - 1))
        return (first, min(end, first + timedelta(days=6))) if first <= end else (None, None)
    pieces = 2 if part[0] == "half" else 4
    which = pieces if which == -1 else which
    if which > pieces:
        return None, None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months >= 12:  # a year: halves and quarters are whole months
        first_month = 1 + (which - 1) * 12 // pieces
        last_month = which * 12 // pieces
        return date(start.year, first_month, 1), date(start.year, last_month,
                                                       calendar.monthrange(start.year, last_month)[1])
    length = (end - start).days + 1  # a month: its first or second half
    first = start + timedelta(days=(which - 1) * length // pieces)
    return first, start + timedelta(days=which * length // pieces - 1)


def _weekend(published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    sunday = published - timedelta(days=(published.weekday() - 6) % 7)
    return sunday - timedelta(days=1), sunday


# Cheap test for a sentence that may hold a date: the full patterns are slow to run on every sentence.
_MAYBE = CaselessPattern(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|yesterday|today|tonight|overnight|morning|night|since|as of|as at|up to|last|past|previous|weekend|week|month|year|ago|"
    r"same day|same period|same time|during the|reporting period|(?:19|20)\d\d|on the \d+(?:st|nd|rd|th)|"
    r"day before|day earlier|day later|day after|previous day|preceding day|following day|next day)")


# Where a date expression can begin; the full patterns are tried only there, which is much faster
# than letting them scan every position of every sentence. Only PERIOD's "in the last ..." and
# "(on) the same day" begin with "in", "on" or "the", and only month and weekday names with a capital.
_START = re.compile(r"(?<!\w)(?:(?i:since|as|up|between|from|over|during|earlier|this|last|next|so(?=\s+far\s)|by(?=\s+(?:\d|[A-Z]))|(?:that|which)(?=\s+(?:began|started|erupted|broke)\s)|"
                    r"yesterday|today|tonight|overnight|early|late|mid|in(?=\s+the\s|\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+(?:and|to|until|through)\s)|on(?=\s+the\s)|the(?=\s+(?:same|week|night|first|second|third|fourth|final|previous|preceding|following|next|day)\s)|(?:a|one)(?=\s+day\s+(?:earlier|before|later|after)\b)|week(?=\s+end)|"
                    r"night(?=\s+of\s)|(?:first|second|third|fourth|final)(?=\s+(?:week|half|quarter|\w+\s+months)\s+of\s)|first(?=\s+\w+\s+months\b)|"
                    r"(?:two|three|four|five|six|seven|ten)(?=\s+(?:days|weeks)\s+ago))"
                    r"|\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)")


def find_periods(text: str, published: date | None, offset: int = 0) -> list[Period]:
    """Every period expression in a sentence, in order, with offsets shifted by `offset`."""
    if _MAYBE.search(text) is None:
        return []
    found: list[Period] = []
    covered = 0
    for candidate in _START.finditer(text):
        at = candidate.start()
        if at < covered:
            continue
        m = PERIOD.match(text, at)
        if m is None and (not text[at].isdigit() or "ago" in text[at:at + 16]):  # a number starts only "3 days ago"
            m = PERIOD_MORE.match(text, at)
        if m and m.re is PERIOD and m.group("yearrange") and _is_bare_number_year(m, text, "y2"):
            continue  # "between 1990 and 2010 people": counts, not years
        if m:
            start, end, kind = _period(m, published)
        else:
            m = POINT.match(text, at)
            if not m or _is_bare_number_year(m, text) or (m.group("my") and m.group().rstrip(".").lower() in _SHORT):
                continue  # (a bare "Mar" or "Jun" is no date: "Viña del Mar")
            if (m.group("rel") or "").lower() == "overnight" and _THEN_A_DAY.match(text, m.end()):
                continue  # "overnight on Monday", "overnight from Monday to Tuesday": the day named after it
            start, end = resolve_point(m.group(), published)
            kind = "month" if m.group("my") else "year" if m.group("y") else "day" if start == end else "range"
        stop = m.end()
        if kind == "day" and (named := _named_day(text, m.start(), stop, published)) is not None:
            start = end = named  # "the October 7 attacks": the day that name gives, not the latest October 7
        if kind in {"month", "since", "day", "range"} and start is not None and (last := _LAST_YEAR.match(text, stop)) \
                and published is not None and (end is None or kind == "since" or end.year == start.year):
            # "since October last year", "in March last year", "between June and August last year": in the year before
            # the publication's
            start, stop = in_year(start, published.year - 1), last.end()
            end = end if kind == "since" else in_year(end, published.year - 1)  # type: ignore[arg-type]
        found.append(Period(start, _clip(start, end, published), kind, m.start() + offset, stop + offset))
        covered = stop
    out: list[Period] = []
    for p in found:
        if out and _named_by_date(out[-1], p, text, offset):
            out[-1] = Period(p.start, p.end, p.kind, out[-1].char_start, p.char_end)
        else:
            out.append(p)
    return out


_THEN_A_DAY = re.compile(r"\s+(?:on\s+|from\s+|into\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def _named_by_date(p: Period, after: Period, text: str, offset: int) -> bool:
    """A weekday that the date right after it names: "on Monday 11 November" is the 11th, whatever the week; the two
    are one period."""
    words = text[p.char_start - offset:p.char_end - offset].split()
    return p.kind == "day" and after.kind in {"day", "range"} and bool(words) \
        and words[-1].lower() in WEEKDAYS and text[p.char_end - offset:after.char_start - offset].strip(" ,") == ""


_A_COUNT = re.compile(r"\b(?:killed|killing|died|wounded|injured|displaced|drowned|abducted|kidnapped)\s+(?:[a-z]+\s+){0,2}?"
                      r"(?:\d|dozens|scores|hundreds|thousands|millions)|"
                      r"\d[\d,.]*\s+(?:\w+\s+)?(?:were|was|had\s+been)\s+(?:killed|wounded|injured|displaced)",
                      re.IGNORECASE)  # a when-clause's count: "when a storm killed 300", "when fighters killed hundreds"
_LAST_YEAR = re.compile(r",?\s+last\s+year\b", re.IGNORECASE)

# Days that name an event, when a word of the event follows: "the October 7 attacks" are those of 2023.
NAMED_DAYS = {(10, 7): date(2023, 10, 7)}
_EVENT_AFTER = re.compile(r"[\s,]*(?:20\d\d\s+)?(?:attacks?|massacres?|assault|raids?|incursion)\b", re.IGNORECASE)


def _named_day(text: str, first: int, stop: int, published: date | None) -> date | None:
    """The day an event named by its date happened, if the words after the date name such an event."""
    day = resolve_point(text[first:stop].removeprefix("on ").removeprefix("On "), published or date(2024, 12, 31))[0]  # any year
    named = NAMED_DAYS.get((day.month, day.day)) if day is not None else None
    if named is None or (published is not None and named > published) or not _EVENT_AFTER.match(text, stop):
        return None
    return named
_YEAR_AFTER = re.compile(r"\b(?i:in|during|since|until|by|of)\s+$")  # a year right after these is a year


def in_year(day: date, year: int) -> date:
    """The same day in another year (28 February for the 29th, out of a leap year)."""
    return day.replace(year=year, day=min(day.day, 28 if day.month == 2 else day.day))


def _is_bare_number_year(m: re.Match, text: str, group: str = "y") -> bool:
    """A four-digit number followed by a count noun ("2000 people") is not a year."""
    if _YEAR_AFTER.search(text, max(0, m.start() - 8), m.start()):
        return False  # "abducted in 2024 alone"
    return bool(m.group(group)) and bool(re.match(r"\s+[a-z]", text[m.end():m.end() + 3])) and not re.match(
        r"\s+(?:and|to|when|after|before|until|in|the|war|conflict|offensive|elections?|earthquake|floods?|flooding|monsoon|"
        r"season|cyclone|storm|drought|famine|crisis|fighting|violence|slide|landslides?|mudslides?|quake|tsunami|eruption|"
        r"stampede|shipwreck|heatwave|epidemic|massacre|genocide)\b",
        text[m.end():m.end() + 14],
    )


def _period(m: re.Match, published: date | None) -> tuple[date | None, date | None, str]:
    if m.re is PERIOD_MORE:
        return _rarer_period(m, published)
    if m.group("between"):
        return (*_range(m.group("b1"), m.group("b2"), published), "range")
    if m.group("fromto"):
        return (*_range(m.group("f1"), m.group("f2"), published), "range")
    if m.group("dayrange"):
        return (*_range(m.group("d1"), m.group("d2"), published), "range")
    if m.group("monthrange"):  # "from January to March": the first of January to the last of March
        return (*_range(m.group("m1"), m.group("m2"), published), "range")
    if m.group("yearrange"):  # "the 2013-2018 war", "between 2013 and 2018": the first year's start to the last's end
        return date(int(m.group("y1")), 1, 1), date(int(m.group("y2")), 12, 31), "range"
    if m.group("weekto"):  # "in the week to 28 November": the seven days ending then
        end = resolve_point(m.group("w1"), published)[1]
        return (end - timedelta(days=6) if end else None), end, "range"
    if m.group("since"):
        start, end = resolve_point(m.group("s1"), published)
        if re.match(r",?\s+when\b", m.string[m.end():m.end() + 8]) and _A_COUNT.search(m.string[m.end():].split(",")[
                1 if m.string[m.end():].startswith(",") else 0]):
            return start, end, "year" if re.fullmatch(_YEAR, m.group("s1")) else "day"  # "since 1991, when a storm killed
            # 300": the count in the when-clause is of that day (but "since May 27, when the foundation began operating,
            # 2,140 people had been killed" is a running total)
        if re.fullmatch(r"(?i:last\s+(?:week|month|year))", m.group("s1")):
            start, end = _week(m.group("s1"), published)  # "since last week": from the start of the week before this
            # one; "as of last week": up to its end
        if m.group().lower().startswith(("as", "up")):
            return None, end, "as-of"
        return _part_start(start, m.group("part"), published), published, "since"
    if m.group("since_event"):
        if not m.group("se"):  # "since the war began": from the day an earlier sentence gave the war, if it did
            return None, published, "since-event" if _BEGAN.search(m.group()) else "since"
        return _part_start(resolve_point(m.group("se"), published)[0], m.group("separt"), published), published, "since"
    if m.group("recent"):
        return (*_recent(m, published), "recent")
    if m.group("weekend"):
        return (*_weekend(published), "range")
    if m.group("week"):
        return (*_week(m.group("week"), published), "range")
    if m.group("sameperiod"):  # "injured during the same period": the period named before
        return None, None, "same-period"
    if m.group("reportperiod"):  # "during the reporting period": the report's (see resolve.period)
        return None, None, "report-period"
    if m.group("themonth"):  # "displaced during the month": the month of the period named before (see resolve.period)
        return None, None, "same-month"
    return None, None, "same-day"


def _part_start(start: date | None, part: str | None, published: date | None) -> date | None:
    """ "since mid-April": from the first day of the month's middle ten days (`part` "mid")."""
    if not part or start is None:
        return start
    start = start.replace(day=PART_OF_MONTH[part.strip(" -").lower()])
    return min(start, published) if published else start  # "since late December", said on 5 December


def _latest_nth(day: int, published: date | None) -> date | None:
    """The latest date on that day of a month up to publication: "on the 14th" of a story published on 6 January is
    14 December."""
    if published is None:
        return None
    year, month = published.year, published.month
    for _ in range(3):  # (a 31st may skip a month of 30 days)
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) <= published:
            return date(year, month, day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _rarer_period(m: re.Match, published: date | None) -> tuple[date | None, date | None, str]:
    if m.group("nth"):  # "on the 14th": the latest 14th up to publication
        day = _latest_nth(int(m.group("nd")), published)
        return day, day, "day"
    if m.group("nightof"):  # "the night of 29 to 30 November"
        return (*_range(m.group("n1"), m.group("n2"), published), "range")
    if m.group("mdpair"):  # "November 28 and 29", "Nov 28-29, 2024"
        month = f"{m.group('mp')} {{}}{m.group('py') or ''}"
        return (*_range(month.format(m.group("p1")), month.format(m.group("p2")), published), "range")
    if m.group("days"):  # "Thursday and Friday", "between Thursday and Saturday"
        return (*_range(m.group("wd1"), m.group("wd2"), published), "range")
    if m.group("by"):  # "had fled the area by Monday": a count up to that day
        return None, resolve_point(m.group("by1"), published)[1], "as-of"
    if m.group("toevent"):  # "between October 2023 and the ceasefire of November 27, 2024"
        return (*_range(m.group("te1"), m.group("te2"), published), "range")
    if m.group("began"):  # "clashes that began on November 20 have killed 76": a running count since then
        return resolve_point(m.group("bo"), published)[0], published, "since"
    if m.group("partof"):  # "the first week of November", "the first nine months of the year"
        return (*_part_of(m, published), "range")
    if m.group("firstmonths"):  # "7,000 murders recorded in the first nine months": of the publication's year
        n = int(m.group("fm")) if m.group("fm").isdigit() else _SMALL.get(m.group("fm").lower(), 0)
        if published is None or not 1 <= n <= 12:
            return None, None, "range"
        year = published.year if published.month > n else published.year - 1  # the year whose first n months are over
        return date(year, 1, 1), date(year, n, calendar.monthrange(year, n)[1]), "range"
    if m.group("during"):  # "were abducted during the attacks": the attacks' period, named before (see resolve.period)
        return None, None, "same-period"
    if m.group("sincethe"):  # "since the coup": from the day an earlier sentence gave it (see resolve.period), or the
        # day it gives ("since Russia's full-scale invasion in February 2022")
        if m.group("sy") and not m.group("st"):  # "since the 2021 coup": from the day an earlier sentence gave it, else
            return resolve_point(m.group("sy"), published)[0], published, "since-event"  # from the year's start
        if m.group("st") or m.group("sb"):  # (or "since the February 2021 coup")
            return resolve_point(m.group("st") or m.group("sb"), published)[0], published, "since"
        return None, published, "since-event"
    if m.group("sincethen"):  # "since then": from the last day or period named before (see resolve.period)
        return None, published, "since-then"
    if m.group("dayrel"):  # "The day before, nine farmers were abducted": a day from the last named (see resolve.period)
        later = any(w in m.group().lower() for w in ("following", "next", "later", "after"))
        return None, None, "day-after" if later else "day-before"
    if m.group("ago"):  # "two days ago"
        n = m.group("an").lower()
        count = int(n) if n.isdigit() else _SMALL[n]
        back = count * (7 if m.group("au").lower().startswith("week") else 1)
        day = published - timedelta(days=back) if published else None
        return day, day, "day"
    return None, None, "same-day"
