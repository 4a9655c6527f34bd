"""Sources kept apart and shown side by side: claims, source and comparison tables, person estimates,
and the HXL and Frictionless formats, each validated, with broken copies that must fail."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import hxl
import pandas as pd
import pint
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import build_into
from figures.columns import TABLES
from figures.formats import datapackage, hxl_schema_bytes
from figures.households import HouseholdSize, people_estimate, registry
from figures.schema import table_schema

ROOT = Path(__file__).parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return build_into(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory) -> Path:
    if not (SEEDS / "gold.jsonl").is_file():
        pytest.skip("the shared seed articles sit beside the repository")
    return build_into(tmp_path_factory.mktemp("seeds"), str(SEEDS / "articles"), "--manifest",
                      str(SEEDS / "manifest.csv"))


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def test_the_two_reports_of_the_december_2_claim_share_a_claim(seeds_out: Path) -> None:
    figures = _read(seeds_out, "figures.csv")
    hundred = figures[(figures["category"] == "killed") & (figures["value"] == "100")]
    assert len(hundred) == 2 and hundred["doc_id"].nunique() == 2
    assert hundred["claim_id"].nunique() == 1
    claim = _read(seeds_out, "claims.csv").set_index("claim_id").loc[hundred["claim_id"].iloc[0]]
    assert claim["reports"] == "2" and claim["source"] == "Center for Reconciliation of Opposing Sides in Syria"


def test_sources_lists_the_seed_sources_with_their_kinds(seeds_out: Path) -> None:
    kinds = dict(_read(seeds_out, "sources.csv")[["source", "kind"]].values)
    assert kinds["OCHA"] == "un-agency" and kinds["UN"] == "un-agency"
    assert kinds["White Helmets"] == "medical-or-rescue"
    assert kinds["Syrian Defense Ministry"] == "military"
    assert kinds["Center for Reconciliation of Opposing Sides in Syria"] == "military"


def test_compare_puts_the_northwest_syria_death_counts_side_by_side(seeds_out: Path) -> None:
    compare = _read(seeds_out, "compare.csv")
    row = compare[(compare["category"] == "killed") & (compare["group"] == "people")].iloc[0]
    assert (row["OCHA"], row["White Helmets"], row["rescue workers"]) == ("44", "56", "7")
    assert row["spread"] == "49"


def test_a_claim_never_joins_two_named_sources() -> None:
    from figures.claims import assign_claims

    base = {"category": "killed", "group": "people", "unit": "people", "value": 10, "low": 10, "high": 10,
            "location": "Idlib", "country": "SYR", "date_start": None, "date_end": "2024-12-01",
            "published": "2024-12-01", "char_start": "0"}
    rows = [{**base, "figure_id": "Fa", "doc_id": "a", "source": "OCHA", "source_kind": "attributed"},
            {**base, "figure_id": "Fb", "doc_id": "b", "source": "Outlet", "source_kind": "outlet"},
            {**base, "figure_id": "Fc", "doc_id": "c", "source": "SOHR", "source_kind": "attributed"}]
    ids = [r["claim_id"] for r in assign_claims(rows)]
    assert ids[0] == ids[1] != ids[2]


CLAIM_BASE = {"category": "killed", "group": "people", "unit": "people", "value": 10, "low": 10, "high": 10,
              "date_start": None, "date_end": "2024-12-01", "source": "Outlet", "source_kind": "outlet",
              "char_start": "0"}


@pytest.mark.parametrize("first, second, same", [
    ({"location": "Idlib city", "country": "SYR"}, {"location": "Idlib province", "country": "SYR"}, True),
    ({"location": "Aleppo", "country": "SYR"}, {"location": "Idlib", "country": "SYR"}, False),
    ({"location": "Aleppo", "country": "SYR"}, {"location": None, "country": "SYR"}, True),
    ({"location": None, "country": "SYR"}, {"location": "Aleppo", "country": None}, True),
    ({"location": None, "country": "SYR"}, {"location": None, "country": "IRQ"}, False),
    ({"location": "Aleppo", "country": "SYR"}, {"location": "Aleppo", "country": "SYR", "published": "2025-01-10",
                                                "date_end": "2025-01-10"}, False),  # more than a month later
    ({"location": "Aleppo", "country": "SYR"}, {"location": "Aleppo", "country": "SYR", "date_start": "2024-12-05",
                                                "date_end": "2024-12-06"}, False),  # periods apart
])
def test_two_reports_share_a_claim_when_place_period_and_month_allow(first: dict, second: dict, same: bool) -> None:
    from figures.claims import assign_claims

    rows = [{**CLAIM_BASE, "figure_id": "Fa", "doc_id": "a", "published": "2024-12-01", **first},
            {**CLAIM_BASE, "figure_id": "Fb", "doc_id": "b", "published": "2024-12-02", **second}]
    ids = [r["claim_id"] for r in assign_claims(rows)]
    assert (ids[0] == ids[1]) == same


REPORT = st.tuples(st.one_of(st.none(), st.integers(0, 80)), st.sampled_from(["Idlib", "Aleppo", None]),
                   st.sampled_from(["SYR", None]), st.sampled_from(["Outlet", "OCHA", "SOHR"]), st.integers(0, 1))


@settings(max_examples=500, deadline=None)
@given(st.lists(REPORT, min_size=1, max_size=30), st.integers(0, 29))
@example([(0, "Idlib", "SYR", "Outlet", 0), (10, "Aleppo", "SYR", "Outlet", 0), (50, "Idlib", "SYR", "Outlet", 0)], 1)
@example([(0, "Idlib", "SYR", "OCHA", 0), (5, "Idlib", "SYR", "Outlet", 0), (9, "Idlib", "SYR", "SOHR", 0)], 1)
@example([(None, "Idlib", "SYR", "Outlet", 0), (3, "Idlib", "SYR", "Outlet", 0), (70, "Idlib", "SYR", "Outlet", 0)], 1)
def test_claims_matched_again_from_a_day_on_are_those_of_one_pass(reports: list, cut: int) -> None:
    """What a rebuild relies on (see store.claim_passes): starting from a day with the claims a first pass
    had open there (those reported in the month before) gives the claims one pass over all gives."""
    from datetime import date, timedelta

    from figures.claims import WINDOW_DAYS, claim_groups

    rows = []
    for i, (day, place, country, source, doc) in enumerate(reports):
        published = (date(2024, 1, 1) + timedelta(days=day)).isoformat() if day is not None else ""
        rows.append({**CLAIM_BASE, "figure_id": f"F{i}", "doc_id": f"{published}-{doc}", "char_start": str(i),
                     "published": published, "date_end": published or None, "location": place, "country": country,
                     "source": source, "source_kind": "outlet" if source == "Outlet" else "attributed"})
    rows.sort(key=lambda r: (r["published"], r["doc_id"], int(r["char_start"])))
    whole = [sorted(claim) for claim in claim_groups((r["figure_id"], r) for r in rows)]
    since = rows[min(cut, len(rows) - 1)]["published"]
    if not since:
        return  # a change without a date is matched again from the start
    month = (date.fromisoformat(since) - timedelta(days=WINDOW_DAYS)).isoformat()
    by_id = {r["figure_id"]: r for r in rows}
    position = {r["figure_id"]: i for i, r in enumerate(rows)}
    earlier = [sorted((f for f in claim if by_id[f]["published"] < since), key=position.get) for claim in whole]
    opened = sorted((claim for claim in earlier if claim and (max(by_id[f]["published"] for f in claim) >= month
                                                              or not max(by_id[f]["published"] for f in claim))),
                    key=lambda claim: position[claim[0]])
    again = claim_groups(((r["figure_id"], r) for r in rows if r["published"] >= since),
                         [[(f, by_id[f]) for f in claim] for claim in opened])
    kept = {tuple(claim) for claim in opened}
    expected = [claim for claim, before in zip(whole, earlier, strict=True)
                if tuple(before) in kept or len(before) < len(claim)]
    assert sorted(sorted(claim) for claim in again) == sorted(expected)


def test_sources_that_differ_only_in_case_get_columns_in_a_fixed_order() -> None:
    from figures.compare import compare_table

    key = "\0".join(["killed", "people", "SYR", "2024-W48"])
    rows = [(key, "local authorities", 5, "Fa"), (key, "Local authorities", 7, "Fb"), (key, "OCHA", 9, "Fc")]
    table, columns = compare_table(rows)
    assert columns == ["Local authorities", "local authorities", "OCHA"]
    assert (table[0]["spread"], table[0]["figures"]) == (4, "Fa Fb Fc")


def test_a_source_named_like_a_column_gets_a_column_of_its_own() -> None:
    from figures.compare import compare_table

    key = "\0".join(["killed", "people", "SYR", "2024-W48"])
    table, columns = compare_table([(key, "group", 5, "Fa"), (key, "OCHA", 9, "Fb")])
    assert columns == ["group (source)", "OCHA"]
    assert (table[0]["group"], table[0]["group (source)"]) == ("people", 5)


def test_a_households_figure_gets_a_person_estimate_with_its_factor(out: Path) -> None:
    figures = _read(out, "figures.csv")
    families = figures[(figures["unit"] == "households") & (figures["country"] == "PAK")].iloc[0]
    assert families["value"] == "1200" and families["household_size"] == "6.8"
    assert families["people_estimate"] == "8160" and "Demographic and Health Survey" in families["household_size_source"]
    unknown = figures[(figures["unit"] == "households") & (figures["household_size"] == "")]
    assert (unknown["people_estimate"] == "").all()
    assert people_estimate(300, HouseholdSize("XXX", 5.0, "test")) == 1500


def test_pint_refuses_to_add_households_to_people() -> None:
    ureg = registry()
    with pytest.raises(pint.DimensionalityError):
        (3 * ureg.household) + (5 * ureg.person)


def test_the_data_package_is_valid_and_a_broken_copy_is_not(out: Path, tmp_path: Path) -> None:
    import frictionless

    assert frictionless.validate(out / "datapackage.json").valid
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    figures = _read(broken, "figures.csv")
    figures.loc[0, "category"] = "vanished"
    figures.loc[1, "value"] = "-3"
    figures.to_csv(broken / "figures.csv", index=False)
    report = frictionless.validate(broken / "datapackage.json")
    assert not report.valid
    types = {e.type for task in report.tasks for e in task.errors}
    assert {"constraint-error"} <= types


def _hxl(path: Path):
    with path.open(newline="", encoding="utf-8") as fh:  # libhxl would leave the file open
        return hxl.data(list(csv.reader(fh)))


def test_the_hxl_copy_is_valid_and_a_broken_copy_is_not(out: Path, tmp_path: Path) -> None:
    schema_path = ROOT / "schemas" / "figures.hxl-schema.csv"
    assert schema_path.read_bytes() == hxl_schema_bytes(), "schemas/figures.hxl-schema.csv is out of date"
    assert hxl.schema(_hxl(schema_path)).validate(_hxl(out / "figures_hxl.csv"))
    with (out / "figures_hxl.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[2][rows[0].index("category")] = "vanished"
    rows[3][rows[0].index("figure_id")] = rows[4][rows[0].index("figure_id")]
    broken = tmp_path / "broken_hxl.csv"
    with broken.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    errors: list = []
    assert not hxl.schema(_hxl(schema_path), callback=errors.append).validate(_hxl(broken))
    assert {e.message for e in errors} >= {"Value not allowed", "Duplicate value"}


@pytest.mark.parametrize("table", list(TABLES))
def test_the_data_package_and_the_pandera_schemas_describe_the_same_fields(table: str) -> None:
    package = datapackage({name: [f.name for f in fields] for name, fields in TABLES.items()})
    resource = next(r for r in package["resources"] if r["name"] == table)
    schema = table_schema(table)
    fields = resource["schema"]["fields"]
    assert [f["name"] for f in fields] == list(schema.columns)
    for field in fields:
        column = schema.columns[field["name"]]
        assert field.get("constraints", {}).get("required", False) == (not column.nullable), field["name"]
        assert field["description"] == column.description


def test_committed_data_package_matches_the_committed_tables() -> None:
    package = json.loads((ROOT / "output" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        header = (ROOT / "output" / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert [f["name"] for f in resource["schema"]["fields"]] == next(csv.reader([header]))
