"""Rule files: loading checks them, and every rule is exercised by a case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import extract, grouped_cases
from figures.rules import RulesError, load_rules

RULES = Path(__file__).parent.parent / "figures" / "rules"


@pytest.fixture
def rule_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    return folder


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


@pytest.mark.parametrize(("file", "line", "message"), [
    ("triggers.csv", "kill-killed,slain again,killed,verb,", "duplicate id 'kill-killed'"),
    ("triggers.csv", "kill-new,killed,killed,verb,", "duplicate term 'killed'"),
    ("triggers.csv", "kill-bad,obliterated,vanished,verb,", "unknown category 'vanished'"),
    ("qualifiers.csv", "q-bad,roughly about,guess,before,", "unknown qualifier 'guess'"),
    ("vague.csv", "v-bad,heaps,vague,,many,99,", "low must be a whole number"),
    ("groups.csv", "g-bad,crowds,people,persons,,,,", "unknown unit 'persons'"),
    ("sources.csv", "s-bad,Somebody,,oracle,", "unknown kind 'oracle'"),
])
def test_a_bad_row_is_named_with_its_file_and_row(rule_copy: Path, file: str, line: str, message: str) -> None:
    _append(rule_copy / file, line)
    with pytest.raises(RulesError) as error:
        load_rules(rule_copy)
    assert file in str(error.value) and message in str(error.value) and "row" in str(error.value)


def test_a_missing_column_is_named(rule_copy: Path) -> None:
    path = rule_copy / "things.csv"
    path.write_text("id,word\nt-x,tanks\n", encoding="utf-8")
    with pytest.raises(RulesError, match="things.csv: missing column"):
        load_rules(rule_copy)


def test_a_broken_template_file_is_named(rule_copy: Path) -> None:
    (rule_copy / "attribution.toml").write_text('before = ["{SOURCE} according to"]\n', encoding="utf-8")
    with pytest.raises(RulesError, match="attribution.toml"):
        load_rules(rule_copy)


def test_the_rules_version_changes_with_a_rule_file(rule_copy: Path) -> None:
    before = load_rules(rule_copy).version
    _append(rule_copy / "things.csv", "t-new,wagons,")
    assert load_rules(rule_copy).version != before


def _fired() -> set[str]:
    fired: set[str] = set()
    for _case, rows in grouped_cases("figures.csv", "vocabulary.csv"):
        for figure in extract(rows[0]["text"], rows[0]["published"]):
            fired.update(figure.rule.split())
    return fired


@pytest.mark.parametrize("kind", ["triggers.csv", "qualifiers.csv", "vague.csv"])
def test_every_rule_fires_for_some_case(kind: str) -> None:
    import csv

    with (RULES / kind).open(encoding="utf-8") as fh:
        ids = {row["id"] for row in csv.DictReader(fh)}
    missing = sorted(ids - _fired())
    assert not missing, f"rules in {kind} with no case in tests/cases/figures.csv: {missing}"


def _terms(name: str) -> list[str]:
    import csv

    with (RULES / name).open(encoding="utf-8") as fh:
        return [row["term"] for row in csv.DictReader(fh)]


@pytest.mark.parametrize("term", _terms("causes.csv"))
def test_every_cause_leaves_out_the_death_or_injury_it_explains(term: str) -> None:
    for verb in ("died", "were injured"):
        assert [f.value for f in extract(f"Two people {verb} on Sunday.", "2024-12-03")] == [2]
        assert extract(f"Two people {verb} {term} on Sunday.", "2024-12-03") == []
