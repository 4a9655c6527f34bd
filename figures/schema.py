"""Schema: the pandera schemas for figures.csv and documents.csv, and validation with a failure report."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera import extensions

from figures.labels import CATEGORIES, DOCUMENT_STATUSES, PUBLISHED_FROM, QUALIFIERS, SOURCE_KINDS, UNITS

FIGURE_COLUMNS = {
    "figure_id": "Stable id of the figure, derived from doc_id, offsets and category.",
    "doc_id": "The document it came from (the file's stem).",
    "outlet": "The outlet that published the document (from the manifest).",
    "published": "The document's publication date.",
    "source": "Who the text says the figure comes from; the outlet when the text names no one.",
    "source_kind": "attributed when the text names the source, outlet when it does not.",
    "via": "Who relayed the figure, where the text says ('AP reported, citing officials': AP).",
    "category": "What is counted: " + ", ".join(CATEGORIES) + ".",
    "group": "Who is counted: people, civilians, children, women, men, fighters, soldiers, or a more specific group.",
    "value": "The number as reported (empty for ranges and vague amounts).",
    "low": "The lowest number the text allows (empty when open).",
    "high": "The highest number the text allows (empty when open).",
    "qualifier": "How sure the text is: " + ", ".join(QUALIFIERS) + ".",
    "unit": "people or households, as reported; never converted here.",
    "location": "The place the figure is about, as written.",
    "country": "ISO 3166 alpha-3 code of that place's country, where known.",
    "date_start": "First day of the period the figure covers; empty when open.",
    "date_end": "Last day of the period the figure covers; empty when unknown.",
    "parent_id": "For a subset (12 children of 44 civilians), the figure_id of the whole.",
    "quote": "The sentence the figure stands in, verbatim.",
    "char_start": "Offset of the number's first character in the document's text.",
    "char_end": "Offset just after the number's last character.",
    "rule": "Ids of the rules that produced the figure (category rule, then qualifier rule).",
    "mentions": "How many times the article states this figure (headline, lead, quote); one row is kept.",
}
DOCUMENT_COLUMNS = {
    "doc_id": "The document's id: its file's stem.",
    "path": "The file, relative to the folder it was found in.",
    "outlet": "The outlet, from the manifest.",
    "published": "Publication date.",
    "published_from": "Where the date came from: manifest, dateline (in the text) or none.",
    "title": "Title from the manifest, else the first line when it reads like a headline.",
    "characters": "Length of the document's text in characters.",
    "figures": "How many figures were found in it.",
    "status": "ok, or what went wrong: " + ", ".join(s for s in DOCUMENT_STATUSES if s != "ok") + ".",
    "message": "What happened, in words.",
}


def _number(df: pd.DataFrame, column: str) -> pd.Series:
    """A column as float64, missing as NaN, so comparisons with a missing side are simply False."""
    return pd.to_numeric(df[column], errors="coerce").astype("float64")


@extensions.register_check_method(check_type="vectorized", supported_types=pd.DataFrame)
def bounds_ordered(df: pd.DataFrame) -> pd.Series:
    """low <= value <= high wherever both sides are present."""
    low, value, high = _number(df, "low"), _number(df, "value"), _number(df, "high")
    ok = ~(low > value) & ~(value > high) & ~(low > high)
    return ok


@extensions.register_check_method(check_type="vectorized", supported_types=pd.DataFrame)
def bounds_follow_qualifier(df: pd.DataFrame) -> pd.Series:
    """exact has value = low = high; range has low and high but no value; vague has no value."""
    low, value, high = _number(df, "low"), _number(df, "value"), _number(df, "high")
    q = df["qualifier"]
    exact = (q != "exact") | ((value == low) & (value == high))
    ranged = (q != "range") | (value.isna() & low.notna() & high.notna())
    vague = (q != "vague") | value.isna()
    some = value.notna() | low.notna() | high.notna() | (q == "vague")
    return exact & ranged & vague & some


@extensions.register_check_method(check_type="vectorized", supported_types=pd.DataFrame)
def period_ordered(df: pd.DataFrame) -> pd.Series:
    """date_start <= date_end when both are known."""
    start = pd.to_datetime(df["date_start"], errors="coerce")
    end = pd.to_datetime(df["date_end"], errors="coerce")
    return ~(start > end)


@extensions.register_check_method(check_type="vectorized", supported_types=pd.DataFrame)
def offsets_ordered(df: pd.DataFrame) -> pd.Series:
    """char_start < char_end."""
    return _number(df, "char_start") < _number(df, "char_end")


@extensions.register_check_method(check_type="vectorized", supported_types=pd.DataFrame)
def parent_in_same_document(df: pd.DataFrame) -> pd.Series:
    """A parent_id names a figure of the same document with a larger number."""
    size = _number(df, "value").fillna(_number(df, "high")).fillna(_number(df, "low"))
    by_id = pd.DataFrame({"doc": df["doc_id"].to_numpy(), "size": size.to_numpy()}, index=df["figure_id"].to_numpy())
    by_id = by_id[~by_id.index.duplicated()]
    parent = df["parent_id"].fillna("").astype(str)
    has = parent != ""
    doc = parent.map(by_id["doc"])
    psize = parent.map(by_id["size"])
    ok = ~has | ((doc == df["doc_id"]) & ((psize > size) | size.isna() | psize.isna()))
    return ok.fillna(False).astype(bool)


@extensions.register_check_method(check_type="vectorized", supported_types=pd.DataFrame)
def offsets_inside_document(df: pd.DataFrame) -> pd.Series:
    """char_end is within the document's length (needs the documents' `characters`)."""
    return _number(df, "char_end") <= _number(df, "characters")


def _text(nullable: bool = True, **kw) -> pa.Column:
    return pa.Column(str, nullable=nullable, coerce=True, **kw)


def _count(nullable: bool = True) -> pa.Column:
    return pa.Column("Int64", pa.Check.ge(0), nullable=nullable, coerce=True)


def _date() -> pa.Column:
    return pa.Column("datetime64[ns]", nullable=True, coerce=True)


def figures_schema() -> pa.DataFrameSchema:
    cols = {
        "figure_id": _text(False, checks=pa.Check.str_matches(r"^F[0-9a-f]{12}$"), unique=True),
        "doc_id": _text(False),
        "outlet": _text(),
        "published": _date(),
        "source": _text(),
        "source_kind": _text(False, checks=pa.Check.isin(SOURCE_KINDS)),
        "via": _text(),
        "category": _text(False, checks=pa.Check.isin(CATEGORIES)),
        "group": _text(False, checks=pa.Check.str_length(min_value=1)),
        "value": _count(), "low": _count(), "high": _count(),
        "qualifier": _text(False, checks=pa.Check.isin(QUALIFIERS)),
        "unit": _text(False, checks=pa.Check.isin(UNITS)),
        "location": _text(),
        "country": _text(checks=pa.Check.str_matches(r"^[A-Z]{3}$")),
        "date_start": _date(), "date_end": _date(),
        "parent_id": _text(),
        "quote": _text(False),
        "char_start": _count(False), "char_end": _count(False),
        "rule": _text(False),
        "mentions": pa.Column("Int64", pa.Check.ge(1), nullable=False, coerce=True),
    }
    for name, column in cols.items():
        column.description = FIGURE_COLUMNS[name]
    checks = [pa.Check.bounds_ordered(), pa.Check.bounds_follow_qualifier(), pa.Check.period_ordered(),
              pa.Check.offsets_ordered(), pa.Check.parent_in_same_document()]
    return pa.DataFrameSchema(cols, checks=checks, name="figures", strict=True, ordered=True)


def documents_schema() -> pa.DataFrameSchema:
    cols = {
        "doc_id": _text(False, unique=True),
        "path": _text(False),
        "outlet": _text(),
        "published": _date(),
        "published_from": _text(False, checks=pa.Check.isin(PUBLISHED_FROM)),
        "title": _text(),
        "characters": _count(False),
        "figures": _count(False),
        "status": _text(False, checks=pa.Check.isin(DOCUMENT_STATUSES)),
        "message": _text(),
    }
    for name, column in cols.items():
        column.description = DOCUMENT_COLUMNS[name]
    return pa.DataFrameSchema(cols, name="documents", strict=False)


def offsets_schema() -> pa.DataFrameSchema:
    """Figures joined to their documents: every figure's document exists and holds its offsets."""
    return pa.DataFrameSchema(
        {"characters": pa.Column(float, nullable=False, coerce=True)},
        checks=[pa.Check.offsets_inside_document()], name="figures-in-documents",
    )


def validate(figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every failure of both tables, one row per (table, row, check): empty when all is well."""
    reports = []
    for table, schema, frame in (("figures", figures_schema(), figures), ("documents", documents_schema(), documents)):
        reports.append(_failures(table, schema, frame, frame.get("figure_id", frame.get("doc_id"))))
    if "doc_id" in figures and "doc_id" in documents and "char_end" in figures:
        joined = figures[["figure_id", "doc_id", "char_end"]].merge(
            documents[["doc_id", "characters"]], on="doc_id", how="left")
        reports.append(_failures("figures", offsets_schema(), joined, joined["figure_id"]))
    out = pd.concat(reports, ignore_index=True)
    return out.sort_values(["table", "row", "check"], kind="stable").reset_index(drop=True)


def _failures(table: str, schema: pa.DataFrameSchema, frame: pd.DataFrame, ids) -> pd.DataFrame:
    columns = ["table", "row", "id", "check", "column", "value"]
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        cases = error.failure_cases
        rows = []
        for case in cases.itertuples(index=False):
            index = case.index
            row = int(index) if pd.notna(index) else -1
            ident = str(ids.iloc[row]) if ids is not None and 0 <= row < len(ids) else ""
            rows.append((table, row, ident, str(case.check), str(case.column or ""),
                         "" if pd.isna(case.failure_case) else str(case.failure_case)))
        found = pd.DataFrame(rows, columns=columns)
        # A value that cannot be coerced also trips the column's other checks with no row: keep the coercion.
        coerced = set(found.loc[found["row"] >= 0, "column"])
        found = found[(found["row"] >= 0) | ~found["column"].isin(coerced)]
        # A dataframe-level check is reported once per column: keep one row per (row, check).
        return found.drop_duplicates(["row", "check"]).reset_index(drop=True)
    return pd.DataFrame(columns=columns)


def write_yaml(folder) -> list:
    """Write the schemas as pandera YAML into `folder` (schemas/ in the repository)."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in (("figures", figures_schema()), ("documents", documents_schema())):
        path = folder / f"{name}.schema.yaml"
        path.write_text(schema.to_yaml(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    for path in write_yaml(sys.argv[1] if len(sys.argv) > 1 else "schemas"):
        print(path)
