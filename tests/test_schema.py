"""Schemas: valid tables pass, and each kind of broken row is caught by the right check."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from figures.pipeline import run, sample_paths
from figures.schema import figures_schema, validate, write_yaml

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles, manifest = sample_paths()
    build = run([articles], manifest, warn=lambda line: None)
    return build.figures, build.documents


def test_the_sample_tables_are_valid(tables) -> None:
    figures, documents = tables
    assert len(figures) > 10
    assert validate(figures, documents).empty


def _break(figures: pd.DataFrame, row: int, **values) -> pd.DataFrame:
    broken = figures.copy()
    for column, value in values.items():
        broken.loc[row, column] = value
    return broken


def _subset_row(figures: pd.DataFrame) -> int:
    return int(figures.index[figures["parent_id"].notna()][0])


@pytest.mark.parametrize(("change", "check"), [
    (lambda f: _break(f, 0, low="50", high="10", value="20", qualifier="range"), "bounds_ordered"),
    (lambda f: _break(f, 0, category="vanished"), "isin"),
    (lambda f: _break(f, 1, figure_id=f.loc[0, "figure_id"]), "field_uniqueness"),
    (lambda f: _break(f, _subset_row(f), parent_id=f.loc[len(f) - 1, "figure_id"]), "parent_in_same_document"),
    (lambda f: _break(f, 0, date_start="2030-01-01"), "period_ordered"),
    (lambda f: _break(f, 0, char_end="999999"), "offsets_inside_document"),
    (lambda f: _break(f, 0, qualifier="exact", value="5", low="4", high="5"), "bounds_follow_qualifier"),
    (lambda f: _break(f, 0, value="many"), "coerce_dtype('Int64')"),
    (lambda f: _break(f, 0, country="Syria"), "str_matches"),
])
def test_a_broken_row_is_reported_with_its_row_and_check(tables, change, check: str) -> None:
    figures, documents = tables
    failures = validate(change(figures), documents)
    assert not failures.empty
    assert any(check in c for c in failures["check"]), failures.to_string()
    assert (failures["row"] >= 0).all()


def test_documents_need_a_known_status(tables) -> None:
    figures, documents = tables
    broken = documents.copy()
    broken.loc[0, "status"] = "exploded"
    failures = validate(figures, broken)
    assert list(failures["table"]) == ["documents"] and failures.loc[0, "row"] == 0


def test_the_committed_yaml_matches_the_code(tmp_path: Path) -> None:
    for path in write_yaml(tmp_path):
        committed = ROOT / "schemas" / path.name
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{committed} is out of date: run make schemas")


def test_the_yaml_schema_catches_what_the_code_catches(tables) -> None:
    figures, _ = tables
    from_yaml = pa.DataFrameSchema.from_yaml(ROOT / "schemas" / "figures.schema.yaml")
    broken = _break(figures, 0, low="50", high="10", value="20", qualifier="range")
    for schema in (figures_schema(), from_yaml):
        with pytest.raises(pa.errors.SchemaErrors) as error:
            schema.validate(broken, lazy=True)
        assert "bounds_ordered" in set(error.value.failure_cases["check"].astype(str))


@pytest.mark.parametrize(("rows", "failed"), [
    ([{"OCHA": 12, "WHO": 10}, {"OCHA": 3, "UNHCR": 4}], []),
    ([{"OCHA": 12, "WHO": -1}, {"OCHA": 3, "UNHCR": 4}], [(100, "WHO")]),
    ([{"OCHA": 12, "WHO": 10}, {"OCHA": 3, "UNHCR": "many"}], [(101, "UNHCR")]),
])
def test_comparison_rows_are_checked_source_by_source(rows: list[dict], failed: list[tuple[int, str]]) -> None:
    from figures.schema import compare_failures

    fixed = {"category": "killed", "group": "people", "country": None, "week": "2024-W05", "sources": 2,
             "highest": 12, "lowest": 10, "spread": 2, "figures": "Fa Fb"}
    chunk = [{"comparison": f"killed-people-{i}", **fixed, **numbers} for i, numbers in enumerate(rows)]
    failures = compare_failures(chunk, first=100)
    assert sorted(set(zip(failures["row"], failures["column"], strict=True))) == failed
    assert all(failures["id"] == [f"killed-people-{r - 100}" for r in failures["row"]])
