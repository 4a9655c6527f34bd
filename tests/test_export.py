"""The workbook: sheets, types and values read back, untrusted text kept as text, same bytes twice."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from figures.export import sheet_names
from figures.pipeline import run, sample_paths, write
from figures.rules import default_rules


@pytest.fixture(scope="module")
def build():
    articles, manifest = sample_paths()
    return run([articles], manifest, warn=lambda line: None)


def _workbook(build, folder):
    write(build, folder, ["sample"], default_rules())
    return folder / "figures.xlsx"


@pytest.fixture(scope="module")
def workbook(build, tmp_path_factory):
    return _workbook(build, tmp_path_factory.mktemp("xlsx"))


def test_sheets_are_figures_each_source_compare_sources_claims_documents_charts_about(build, workbook) -> None:
    names = load_workbook(workbook, read_only=True).sheetnames
    sources = build.figures["source"].fillna("").unique()
    assert names[0] == "figures"
    assert names[-7:] == ["compare", "sources", "claims", "documents", "chart data", "charts", "about"]
    assert len(names) == len(sources) + 8


def test_the_charts_sheet_holds_one_native_chart_per_category(build, workbook) -> None:
    from figures.charts import series

    charts = load_workbook(workbook)["charts"]._charts
    assert len(charts) == len(series(build.store)) >= 5
    assert all(len(chart.series) >= 1 for chart in charts)


@pytest.mark.parametrize("table", ["compare", "sources", "claims", "documents"])
def test_every_table_sheet_equals_its_csv(build, workbook, table: str) -> None:
    sheet = pd.read_excel(workbook, sheet_name=table, dtype=object)
    frame = build.tables()[table]
    assert list(sheet.columns) == list(frame.columns) and len(sheet) == len(frame)
    for column in frame.columns:
        want = [None if v is None else str(v) for v in frame[column]]
        got = [None if pd.isna(v) else (v.date().isoformat() if hasattr(v, "date") else
                                        str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
               for v in sheet[column]]
        assert got == want, column


def test_each_source_sheet_holds_only_that_source(build, workbook) -> None:
    sheets = pd.read_excel(workbook, sheet_name=None)
    for source in build.figures["source"].dropna().unique():
        name = sheet_names([source], {"figures", "documents", "about"})[source]
        assert set(sheets[name]["source"]) == {source}
        assert len(sheets[name]) == int((build.figures["source"] == source).sum())


def test_values_and_types_equal_the_csv(build, workbook) -> None:
    sheet = pd.read_excel(workbook, sheet_name="figures", dtype=object)
    assert list(sheet.columns) == list(build.figures.columns)
    for column in ("value", "low", "high", "char_start"):
        expected = [None if v is None else int(v) for v in build.figures[column]]
        got = [None if pd.isna(v) else int(v) for v in sheet[column]]
        assert got == expected
    cells = load_workbook(workbook)["figures"]
    letter = {c.value: c.column_letter for c in cells[1]}
    published = [c.value for c in cells[letter["published"]][1:]]
    assert all(isinstance(v, datetime) or v is None for v in published)
    assert cells[f"{letter['value']}2"].number_format == "#,##0"
    assert cells[f"{letter['published']}2"].number_format == "yyyy-mm-dd"
    assert cells.freeze_panes == "A2" and cells.auto_filter.ref


def test_a_quote_that_looks_like_a_formula_stays_text(tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = ['=HYPERLINK("http://example.invalid","click") 12 people were killed in Gao on Monday.',
             "+1-2 and then 30 people were killed in Gao on Tuesday."]
    for i, text in enumerate(texts):
        (folder / f"formula{i}.txt").write_text(text, encoding="utf-8")
    build = run([folder], warn=lambda line: None)
    quotes = list(build.figures["quote"])
    assert [q[:2] for q in quotes] == ["=H", "+1"]
    sheet = load_workbook(_workbook(build, tmp_path / "out"))["figures"]
    column = [c.column_letter for c in sheet[1] if c.value == "quote"][0]
    for row in (2, 3):
        cell = sheet[f"{column}{row}"]
        assert cell.data_type == "s" and cell.value == quotes[row - 2]


def test_the_same_build_gives_the_same_bytes(build, tmp_path) -> None:
    assert _workbook(build, tmp_path / "a").read_bytes() == _workbook(build, tmp_path / "b").read_bytes()


def test_sheet_names_are_safe_and_unique() -> None:
    names = sheet_names(["a/b", "A" * 40, "A" * 40 + "x", "figures", ""], {"figures"})
    assert names["a/b"] == "a_b"
    assert len(set(names.values())) == 5 and all(len(n) <= 31 for n in names.values())
    assert names["figures"] != "figures"
