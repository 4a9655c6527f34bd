"""The extraction spec: sentences and the figures each must yield (tests/cases/figures.csv)."""

from __future__ import annotations

import pytest

from conftest import OUTLET, extract, grouped_cases

CASES = grouped_cases("figures.csv", "vocabulary.csv")
FIELDS = ("qualifier", "group", "unit", "location", "country", "date_start", "date_end")


def _num(text: str) -> int | None:
    return None if text in {"", "~"} else int(text)


def _key(figure) -> tuple:
    return figure.category, figure.value, figure.low, figure.high


def _matches(expected: dict, figure) -> bool:
    if expected["category"] != figure.category:
        return False
    for column in ("value", "low", "high"):
        want = expected[column]
        if want == "~" and getattr(figure, column) is not None:
            return False
        if want not in {"", "~"} and getattr(figure, column) != int(want):
            return False
    return True


def _check_fields(expected: dict, figure, by_id: dict) -> list[str]:
    wrong = []
    for column in FIELDS:
        want, got = expected[column], getattr(figure, column)
        got = "" if got is None else str(got)
        if want == "~" and got:
            wrong.append(f"{column}: expected empty, got {got!r}")
        elif want not in {"", "~"} and got != want:
            wrong.append(f"{column}: expected {want!r}, got {got!r}")
    source = expected["source"]
    if source == "(outlet)" and (figure.source_kind != "outlet" or figure.source != OUTLET):
        wrong.append(f"source: expected the outlet, got {figure.source!r} ({figure.source_kind})")
    elif source and source != "(outlet)" and (figure.source != source or figure.source_kind != "attributed"):
        wrong.append(f"source: expected {source!r}, got {figure.source!r} ({figure.source_kind})")
    parent = expected["parent"]
    if parent == "~" and figure.parent_id:
        wrong.append("parent: expected none")
    elif parent not in {"", "~"}:
        whole = by_id.get(figure.parent_id)
        if whole is None or int(parent) not in {whole.value, whole.low, whole.high}:
            wrong.append(f"parent: expected the figure of {parent}")
    return wrong


@pytest.mark.parametrize(("case", "rows"), CASES, ids=[c for c, _ in CASES])
def test_sentence_yields_its_figures(case: str, rows: list[dict]) -> None:
    figures = extract(rows[0]["text"], rows[0]["published"])
    by_id = {f.figure_id: f for f in figures}
    unmatched = list(figures)
    problems = []
    for expected in rows:
        found = next((f for f in unmatched if _matches(expected, f)), None)
        if found is None:
            problems.append(f"missing {expected['category']} {expected['value'] or expected['low']}")
            continue
        unmatched.remove(found)
        problems += _check_fields(expected, found, by_id)
    problems += [f"spurious {_key(f)}" for f in unmatched]
    assert not problems, f"{rows[0]['text']}\n" + "\n".join(problems)


NEGATIVES = [(r["case"], r["text"]) for r in __import__("conftest").read_table("negatives.csv")]


@pytest.mark.parametrize(("case", "text"), NEGATIVES, ids=[c for c, _ in NEGATIVES])
def test_sentence_yields_nothing(case: str, text: str) -> None:
    assert [(_key(f), f.quote) for f in extract(text)] == []


def test_every_figure_points_at_its_number() -> None:
    for _case, rows in CASES:
        text = rows[0]["text"]
        for figure in extract(text, rows[0]["published"]):
            assert text[figure.char_start:figure.char_end].strip(), figure
            assert figure.quote in text


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels kill 4 in raid on convoy\nFour soldiers were killed in the raid, the army said.\n",
     [("killed", 4, "soldiers", "army", 2)]),
    ("Floods displace 1,200 families\nSome 1,200 families were displaced in Sindh, officials said. "
     "The floods displaced 1,200 families, the authority added.\n",
     [("displaced", 1200, "households", "officials", 3)]),
    ("At least 44 civilians, including 12 children, were killed, OCHA said. "
     "The 44 civilians killed included 12 children, OCHA added.\n",
     [("killed", 44, "civilians", "OCHA", 2), ("killed", 12, "children", "OCHA", 2)]),
    ("The army said 10 soldiers were killed. Rebels said 10 soldiers were killed.\n",
     [("killed", 10, "soldiers", "army", 1), ("killed", 10, "soldiers", "rebels", 1)]),
    ("Key figures\n- 41 civilians killed, including nine children\n- 116 people wounded\n\n"
     "Health partners report that at least 41 civilians, including nine children, have been killed and 116 others "
     "wounded.\n",
     [("killed", 41, "civilians", "health partners", 2), ("killed", 9, "children", "health partners", 2),
      ("injured", 116, "people", "health partners", 2)]),
    ("More than 11,000 displaced by clashes, Ombudsman says\nFighting has displaced more than 11,000 people, the "
     "Ombudsman's Office said.\n", [("displaced", 11000, "people", "Ombudsman's Office", 2)]),
    ("Two soldiers were killed on Monday. Two others were killed on Tuesday.\n",
     [("killed", 2, "soldiers", OUTLET, 1), ("killed", 2, "people", OUTLET, 1)]),
], ids=["headline-and-body", "three-mentions", "subsets-repeated", "two-sources-stay-apart", "key-figures-restated",
        "short-and-long-name", "others-are-new"])
def test_a_claim_repeated_in_one_article_is_one_figure(text: str, expected: list) -> None:
    figures = extract(text)
    got = [(f.category, f.value or f.low, f.group, f.source, f.mentions) for f in figures]
    assert got == expected


# An organisation's own release speaks for it in the first person; another outlet's "we" names no source.
OWN_VOICE = [
    ("UNHCR Briefing Notes", "Our protection teams documented the abduction of 18 refugees in May.", "UNHCR", "attributed"),
    ("IOM Press Release", "In Hinche, our teams counted 5,000 displaced people.", "IOM", "attributed"),
    ("Médecins Sans Frontières", "Our teams said they had treated 40 wounded people on Sunday.", "MSF", "attributed"),
    ("Daily Planet", "Our teams said they had treated 40 wounded people on Sunday.", "Daily Planet", "outlet"),
    ("Reuters", "We counted 12 bodies at the morgue.", "Reuters", "outlet"),
    ("Cedar Legal Aid", "Cedar Legal Aid today condemned the raids. According to our field researchers, 11 people were "
     "killed.", "Cedar Legal Aid", "attributed"),
    ("Cedar Valley Wire", "Cedar Valley Wire learned that, according to our correspondent, 11 people were killed.",
     "Cedar Valley Wire", "outlet"),
    ("The Kivu Independent", "The Kivu Independent learned that, according to our correspondent, 11 people were killed.",
     "The Kivu Independent", "outlet"),
]


@pytest.mark.parametrize(("outlet", "text", "source", "kind"), OWN_VOICE, ids=[o for o, *_ in OWN_VOICE])
def test_first_person_is_the_publishers(outlet: str, text: str, source: str, kind: str) -> None:
    (figure,) = extract(f"{text} (This example is fictional.)", outlet=outlet)
    assert (figure.source, figure.source_kind) == (source, kind)


def test_our_teams_are_the_speakers_when_the_text_names_one() -> None:
    text = ('"Our teams have recorded 120 cholera deaths in Sofala since January," said Dr Ana Mucavele of the provincial '
            'health directorate. (This example is fictional.)')
    (figure,) = extract(text, outlet="IOM Press Release")
    assert figure.source != "IOM" and "health directorate" in figure.source


@pytest.mark.parametrize("outlet", ["OCHA Humanitarian Update", "UNHCR Operational Update", "IOM Displacement Tracking Matrix"])
def test_a_release_names_its_publisher(outlet: str) -> None:
    (figure,) = extract("Our teams recorded 4,500 newly displaced people in Baidoa last week. (This example is fictional.)",
                        outlet=outlet)
    assert figure.source == outlet.split()[0] and figure.source_kind == "attributed"
