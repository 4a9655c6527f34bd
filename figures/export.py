"""Export: write the tables as CSV and an analyst's workbook, atomically and reproducibly."""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd

FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries and workbook properties: same input, same bytes
SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
WIDTHS = {"quote": 80, "message": 50, "title": 50, "location": 28, "source": 28, "path": 40, "rule": 30}


def write_all(targets: dict[Path, bytes]) -> None:
    """Write every file to a temporary name first and rename them only when all are written: a build
    killed before the end leaves the previous files whole."""
    staged = []
    try:
        for path, data in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def remove_leftovers(folder: Path) -> None:
    """Temporary files of an earlier build that was killed."""
    for leftover in folder.glob("**/.*.tmp"):
        leftover.unlink(missing_ok=True)


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


MAX_ROWS = 1_048_575  # an Excel sheet holds 1,048,576 rows, one of them the header


def _typed(value, kind: str):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "date":
        return datetime.fromisoformat(str(value)[:10])
    return str(value)


class _Book:
    """An xlsxwriter workbook in constant-memory mode: each sheet is written top to bottom, once."""

    def __init__(self, out: io.BytesIO) -> None:
        import xlsxwriter

        # untrusted text ("=1+1", "http://...") must stay text: no formulas, links or numbers from strings
        self.wb = xlsxwriter.Workbook(out, {"in_memory": True, "constant_memory": True,
                                            "strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
        self.wb.set_properties({"created": datetime(*FIXED_TIME)})
        self.formats = {
            "header": self.wb.add_format({"bold": True, "bg_color": "#DDE4EE"}),
            "integer": self.wb.add_format({"num_format": "#,##0"}),
            "number": self.wb.add_format({"num_format": "0.0"}),
            "date": self.wb.add_format({"num_format": "yyyy-mm-dd"}),
        }
        self.notes: list[str] = []

    def sheet(self, title: str, frame: pd.DataFrame, kinds: list[str], widths: dict[str, int] | None = None):
        ws = self.wb.add_worksheet(title)
        columns = list(frame.columns)
        for j, column in enumerate(columns):
            width = (widths or {}).get(column) or WIDTHS.get(column, max(10, min(24, len(column) + 4)))
            ws.set_column(j, j, width, self.formats.get(kinds[j]))
            ws.write_string(0, j, column, self.formats["header"])
        rows = frame.itertuples(index=False)
        written = 0
        for i, row in enumerate(rows, start=1):
            if i > MAX_ROWS:
                break
            for j, (value, kind) in enumerate(zip(row, kinds, strict=True)):
                typed = _typed(value, kind)
                if typed is None:
                    continue
                if kind == "date":
                    ws.write_datetime(i, j, typed, self.formats["date"])
                elif kind in {"integer", "number"}:
                    ws.write_number(i, j, typed, self.formats[kind])
                else:
                    ws.write_string(i, j, typed[:32767])
            written = i
        if len(frame) > MAX_ROWS:
            self.notes.append(f"sheet {title!r}: {len(frame) - MAX_ROWS:,} rows left out (an Excel sheet holds "
                              f"{MAX_ROWS:,}); the CSV has them all")
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(written, 1), max(len(columns) - 1, 0))
        return ws


def _table_sheet(book: _Book, title: str, table: str, frame: pd.DataFrame) -> None:
    from figures.columns import fields_for

    book.sheet(title, frame, [f.type for f in fields_for(table, list(frame.columns))])


def workbook_bytes(tables: dict[str, pd.DataFrame], about: list[tuple[str, str]], warn=None) -> bytes:
    """The analysts' workbook: all figures, one sheet per source, the comparison, sources, claims,
    documents, charts and an about sheet. Sheets longer than Excel allows are cut, and say so."""
    from figures.charts import add_excel_charts

    figures = tables["figures"]
    raw = io.BytesIO()
    book = _Book(raw)
    _table_sheet(book, "figures", "figures", figures)
    sources = sorted(figures["source"].fillna("").unique(), key=str.lower)
    fixed = {"figures", "compare", "sources", "claims", "documents", "charts", "chart data", "about"}
    names = sheet_names(sources, fixed)
    by_source = dict(tuple(figures.groupby(figures["source"].fillna(""), sort=False)))
    for source in sources:
        _table_sheet(book, names[source], "figures", by_source[source])
    for table in ("compare", "sources", "claims", "documents"):
        if table in tables:
            _table_sheet(book, table, table, tables[table])
    add_excel_charts(book, figures)
    notes = [("rows left out", note) for note in book.notes]
    for _, note in notes:
        (warn or (lambda line: None))(f"figures: figures.xlsx: {note}")
    book.sheet("about", pd.DataFrame([*about, *notes], columns=["item", "meaning"]), ["string", "string"],
               {"item": 26, "meaning": 110})
    book.wb.close()
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
            if info.filename == "docProps/core.xml":  # the writer stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()
