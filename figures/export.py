"""Export: write the tables as CSV and an analyst's workbook, atomically and reproducibly."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pandas as pd

FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries and workbook properties: same input, same bytes
SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
WIDTHS = {"quote": 80, "message": 50, "title": 50, "location": 28, "source": 28, "path": 40, "rule": 30}


Producer = Callable[[BinaryIO], None]  # writes one output file's bytes into an open file


@dataclass(frozen=True)
class Tagged:
    """An output that is a copy of another CSV written before it in the same call, with an HXL hashtag
    row under its header (figures_hxl.csv is figures.csv so tagged): the rows are not formatted twice."""

    source: Path
    tags: Sequence[str]

    def copy(self, source: BinaryIO, fh: BinaryIO) -> None:
        fh.write(source.readline())
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        csv.writer(text, lineterminator="\n").writerow(self.tags)
        text.flush()
        text.detach()
        shutil.copyfileobj(source, fh, 1 << 20)


def write_all(targets: dict[Path, Producer | Tagged]) -> None:
    """Write every file to a temporary name first and rename them only when all are written: a build
    killed before the end leaves the previous files whole."""
    staged: dict[Path, str] = {}
    try:
        for path, produce in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged[path] = tmp
            with os.fdopen(fd, "wb") as fh:
                if isinstance(produce, Tagged):
                    with open(staged[produce.source], "rb") as source:
                        produce.copy(source, fh)
                else:
                    produce(fh)
                fh.flush()
                os.fsync(fh.fileno())
        for path, tmp in staged.items():
            os.replace(tmp, path)
    except BaseException:
        for tmp in staged.values():
            Path(tmp).unlink(missing_ok=True)
        raise


def data(content: bytes) -> Producer:
    return lambda fh: fh.write(content)


def remove_leftovers(folder: Path, keep: Path | None = None) -> None:
    """Temporary files and folders of an earlier build that was killed (but not `keep`, this build's
    own store)."""
    for leftover in list(folder.glob("**/.*.tmp")):
        if leftover == keep or not leftover.parent.exists():
            continue
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def write_csv(fh: BinaryIO, columns: Sequence[str], rows: Iterable[dict]) -> None:
    """Rows as CSV, a row at a time."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:  # the csv module writes None and "" as a blank and numbers as their digits
        writer.writerow(map(row.get, columns))
    text.flush()
    text.detach()


def write_lines(fh: BinaryIO, columns: Sequence[str], lines: Iterable[str]) -> None:
    """A header and rows already formatted as CSV (see store._Lines), a batch at a time."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
    csv.writer(text, lineterminator="\n").writerow(columns)
    for batch in iter(lambda: "".join(islice(lines, 2000)), ""):
        text.write(batch)
    text.flush()
    text.detach()


def frame_rows(frame: pd.DataFrame) -> Iterator[dict]:
    columns = list(frame.columns)
    return (dict(zip(columns, values, strict=True)) for values in frame.itertuples(index=False))


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
    """An xlsxwriter workbook in constant-memory mode: each sheet is written top to bottom, once, and
    flushed to disk a row at a time."""

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        # untrusted text ("=1+1", "http://...") must stay text: no formulas, links or numbers from strings
        self.wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(path.parent),
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

    def sheet(self, title: str, columns: Sequence[str], rows: Iterable[dict], kinds: list[str],
              widths: dict[str, int] | None = None):
        ws = self.wb.add_worksheet(title)
        for j, column in enumerate(columns):
            width = (widths or {}).get(column) or WIDTHS.get(column, max(10, min(24, len(column) + 4)))
            ws.set_column(j, j, width, self.formats.get(kinds[j]))
            ws.write_string(0, j, column, self.formats["header"])
        total = 0
        for total, row in enumerate(rows, start=1):
            if total <= MAX_ROWS:
                self._row(ws, total, [row.get(c) for c in columns], kinds)
        if total > MAX_ROWS:
            self.notes.append(f"sheet {title!r}: {total - MAX_ROWS:,} rows left out (an Excel sheet holds "
                              f"{MAX_ROWS:,}); the CSV has them all")
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(min(total, MAX_ROWS), 1), max(len(columns) - 1, 0))
        return ws

    def _row(self, ws, i: int, values: list, kinds: list[str]) -> None:
        for j, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            typed = _typed(value, kind)
            if typed is None:
                continue
            if kind == "date":
                ws.write_datetime(i, j, typed, self.formats["date"])
            elif kind in {"integer", "number"}:
                ws.write_number(i, j, typed, self.formats[kind])
            else:
                ws.write_string(i, j, typed[:32767])


def _table_sheet(book: _Book, title: str, table: str, columns: Sequence[str], rows: Iterable[dict]) -> None:
    from figures.columns import fields_for

    book.sheet(title, columns, rows, [f.type for f in fields_for(table, list(columns))])


def write_workbook(fh: BinaryIO, build, about: list[tuple[str, str]], warn=None, scratch_in: Path | None = None) -> None:
    """The analysts' workbook: all figures, one sheet per source, the comparison, sources, claims,
    documents, charts and an about sheet, streamed from the build's store. Sheets longer than Excel
    allows are cut, and say so. The writer's scratch files go in `scratch_in` (the output folder: the
    same disk as the workbook, and swept by the next build if this one is killed)."""
    from figures.charts import add_excel_charts

    store, columns = build.store, build.figure_columns()
    with tempfile.TemporaryDirectory(prefix=".figures-xlsx.", suffix=".tmp", dir=scratch_in) as scratch:
        raw = Path(scratch) / "raw.xlsx"
        book = _Book(raw)
        _table_sheet(book, "figures", "figures", columns, store.figure_rows())
        sources = store.sources()
        names = sheet_names(sources, {"figures", "compare", "sources", "claims", "documents", "charts",
                                      "chart data", "about"})
        for source in sources:
            _table_sheet(book, names[source], "figures", columns, store.figure_rows(source))
        _table_sheet(book, "compare", "compare", list(build.compare_columns), build.store.compare_rows())
        _table_sheet(book, "sources", "sources", list(build.sources.columns), frame_rows(build.sources))
        _table_sheet(book, "claims", "claims", list(build.claim_columns()), store.claim_rows(tuple(build.claim_columns())))
        _table_sheet(book, "documents", "documents", build.document_columns(), store.document_rows())
        add_excel_charts(book, store)
        notes = [("rows left out", note) for note in book.notes]
        for _, note in notes:
            (warn or (lambda line: None))(f"figures: figures.xlsx: {note}")
        book.sheet("about", ["item", "meaning"], ({"item": i, "meaning": m} for i, m in [*about, *notes]),
                   ["string", "string"], {"item": 26, "meaning": 110})
        book.wb.close()
        _fixed_zip(raw, fh)


def _fixed_zip(raw: Path, fh: BinaryIO) -> None:
    """The same zip with every entry's timestamp fixed, so equal workbooks are equal bytes."""
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            if info.filename == "docProps/core.xml":  # the writer stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", src.read(info))
                dst.writestr(fixed, data)
                continue
            with src.open(info) as part, dst.open(fixed, "w") as out:
                shutil.copyfileobj(part, out, 1 << 20)
