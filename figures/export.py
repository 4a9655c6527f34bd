"""Export: write the tables as CSV and an analyst's workbook, atomically and reproducibly."""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries and workbook properties: same input, same bytes
SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
WIDTHS = {"quote": 80, "message": 50, "title": 50, "location": 28, "source": 28, "path": 40, "rule": 30}


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def sheet_names(names: list[str], taken: set[str]) -> dict[str, str]:
    """Excel-safe, unique sheet names: at most 31 characters, none of []:*?/\\."""
    out: dict[str, str] = {}
    used = {t.lower() for t in taken}
    for name in names:
        base = SHEET_BAD.sub("_", name or "(no source)").strip("'") or "(no source)"
        candidate, n = base[:31], 2
        while candidate.lower() in used:
            suffix = f" ({n})"
            candidate, n = base[:31 - len(suffix)] + suffix, n + 1
        used.add(candidate.lower())
        out[name] = candidate
    return out


def _typed(value, kind: str):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "date":
        return date.fromisoformat(str(value)[:10])
    return str(value)


def _write_sheet(ws, frame: pd.DataFrame, kinds: list[str]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = list(frame.columns)
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
    for row in frame.itertuples(index=False):
        ws.append([_typed(v, k) for v, k in zip(row, kinds, strict=True)])
    for index, (column, kind) in enumerate(zip(columns, kinds, strict=True), start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = WIDTHS.get(column, max(10, min(24, len(column) + 4)))
        for cell in ws[letter][1:]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # untrusted text ("=1+1") stays text, never a formula
            elif kind in {"integer", "number"}:
                cell.number_format = "#,##0" if kind == "integer" else "0.0"
            elif kind == "date":
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _table_sheet(wb, title: str, table: str, frame: pd.DataFrame) -> None:
    from figures.columns import fields_for

    _write_sheet(wb.create_sheet(title), frame, [f.type for f in fields_for(table, list(frame.columns))])


def workbook_bytes(tables: dict[str, pd.DataFrame], about: list[tuple[str, str]]) -> bytes:
    """The analysts' workbook: all figures, one sheet per source, the comparison, sources, claims,
    documents, charts and an about sheet."""
    from openpyxl import Workbook

    from figures.charts import add_excel_charts

    figures = tables["figures"]
    wb = Workbook()
    wb.remove(wb.active)
    _table_sheet(wb, "figures", "figures", figures)
    sources = sorted(figures["source"].fillna("").unique(), key=str.lower)
    fixed = {"figures", "compare", "sources", "claims", "documents", "charts", "chart data", "about"}
    names = sheet_names(sources, fixed)
    for source in sources:
        _table_sheet(wb, names[source], "figures", figures[figures["source"].fillna("") == source])
    for table in ("compare", "sources", "claims", "documents"):
        if table in tables:
            _table_sheet(wb, table, table, tables[table])
    add_excel_charts(wb, figures)
    about_sheet = wb.create_sheet("about")
    _write_sheet(about_sheet, pd.DataFrame(about, columns=["item", "meaning"]), ["string", "string"])
    about_sheet.column_dimensions["A"].width = 26
    about_sheet.column_dimensions["B"].width = 110
    wb.properties.created = wb.properties.modified = datetime(*FIXED_TIME)
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed, so equal workbooks are equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()
