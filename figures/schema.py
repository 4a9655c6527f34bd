"""Schema: the pandera schemas of every output table, built from figures/columns.py, and validation."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera import extensions

from figures.columns import TABLES, Field, fields_for


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


@extensions.register_check_method(check_type="vectorized", supported_types=pd.DataFrame)
def doc_id_unique(df: pd.DataFrame) -> pd.Series:
    """No two documents share a doc_id, but for a skipped duplicate file, which has its original's."""
    counted = df["status"] != "duplicate"
    return ~(counted & df["doc_id"].where(counted).duplicated(keep=False))


def _column(f: Field) -> pa.Column:
    checks = []
    if f.enum:
        checks.append(pa.Check.isin(f.enum))
    if f.pattern:
        checks.append(pa.Check.str_matches(f.pattern))
    if f.minimum is not None:
        checks.append(pa.Check.ge(f.minimum))
    if f.type == "string" and f.required and not f.enum and not f.pattern:
        checks.append(pa.Check.str_length(min_value=1))
    dtype = {"string": str, "integer": "Int64", "number": float, "date": "datetime64[ns]"}[f.type]
    return pa.Column(dtype, checks=checks or None, nullable=not f.required, unique=f.unique, coerce=True,
                     description=f.description)


TABLE_CHECKS = {
    "figures": ("bounds_ordered", "bounds_follow_qualifier", "period_ordered", "offsets_ordered",
                "parent_in_same_document"),
    "claims": ("bounds_ordered",),
    "documents": ("doc_id_unique",),
}


def table_schema(table: str, columns: list[str] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of an output table; compare.csv's per-source columns come from `columns`."""
    fields = fields_for(table, columns) if columns is not None and table in {"compare", "documents"} else TABLES[table]
    checks = [getattr(pa.Check, name)() for name in TABLE_CHECKS.get(table, ())]
    return pa.DataFrameSchema({f.name: _column(f) for f in fields}, checks=checks, name=table, strict=True,
                              ordered=True)


def figures_schema() -> pa.DataFrameSchema:
    return table_schema("figures")


def offsets_schema() -> pa.DataFrameSchema:
    """Figures joined to their documents: every figure's document exists and holds its offsets."""
    return pa.DataFrameSchema(
        {"characters": pa.Column(float, nullable=False, coerce=True)},
        checks=[pa.Check.offsets_inside_document()], name="figures-in-documents",
    )


def validate(figures: pd.DataFrame, documents: pd.DataFrame, others: dict[str, pd.DataFrame] | None = None
             ) -> pd.DataFrame:
    """Every failure of the tables, one row per (table, row, check): empty when all is well."""
    reports = [table_failures({"figures": figures, "documents": documents, **(others or {})})]
    if "doc_id" in figures and "doc_id" in documents and "char_end" in figures:
        joined = figures[["figure_id", "doc_id", "char_end"]].merge(
            _originals(documents)[["doc_id", "characters"]], on="doc_id", how="left")
        reports.append(_failures("figures", offsets_schema(), joined, joined["figure_id"]))
    out = pd.concat(reports, ignore_index=True)
    return out.sort_values(["table", "row", "check"], kind="stable").reset_index(drop=True)


def _originals(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per doc_id: a skipped duplicate file shares its original's doc_id but not its text."""
    if "status" in documents:
        documents = documents[documents["status"] != "duplicate"]
    return documents.drop_duplicates("doc_id")


def table_failures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every failure of each table against its own schema."""
    reports = []
    for table, frame in tables.items():
        ids = frame.iloc[:, 0] if len(frame.columns) else None
        reports.append(_failures(table, table_schema(table, list(frame.columns)), frame, ids))
    return pd.concat(reports, ignore_index=True)


def compare_failures(rows: list[dict], first: int = 0, numbers: list[int] | None = None) -> pd.DataFrame:
    """Every failure of a chunk of comparison rows (sparse: each with only its own sources), its row
    numbers counted from `first` (or given, a number for each row). The per-source cells are checked as one long column, so a chunk costs
    the same however many sources the whole table has."""
    from figures.columns import COMPARE, COMPARE_SOURCE
    from figures.compare import source_columns
    from figures.pipeline import as_table

    names = tuple(f.name for f in COMPARE)
    fixed = as_table([{k: row.get(k) for k in names} for row in rows], names)
    found = [table_failures({"compare": fixed})]
    cells = [(i, row["comparison"], s, row[s]) for i, row in enumerate(rows) for s in source_columns(row)]
    long = pd.DataFrame({"number": [c[3] for c in cells]}, dtype=object)
    failed = _failures("compare", pa.DataFrameSchema({"number": _column(COMPARE_SOURCE)}), long, None)
    failed = failed[failed["row"] >= 0]  # every cell failure has its row; the column-wide echoes go
    found.append(failed.assign(id=[cells[r][1] for r in failed["row"]], column=[cells[r][2] for r in failed["row"]],
                               row=[cells[r][0] for r in failed["row"]]))
    out = pd.concat(found, ignore_index=True).drop_duplicates(["row", "column", "check"], ignore_index=True)
    at = (lambda r: numbers[r]) if numbers is not None else (lambda r: r + first)
    return out.assign(row=[at(r) if r >= 0 else r for r in out["row"]]).astype({"row": int})


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
    """Write the schemas into `folder` (schemas/ in the repository): pandera YAML for every table and
    the HXL schema of figures_hxl.csv."""
    from pathlib import Path

    from figures.formats import hxl_schema_bytes

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    hxl = folder / "figures.hxl-schema.csv"
    hxl.write_bytes(hxl_schema_bytes())
    written = [hxl]
    for name in TABLES:
        schema = table_schema(name)
        path = folder / f"{name}.schema.yaml"
        path.write_text(schema.to_yaml(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    for path in write_yaml(sys.argv[1] if len(sys.argv) > 1 else "schemas"):
        print(path)
