"""Charts: each source's figures over time, one picture per category, as PNG files and as native
Excel charts in the workbook. One series per source; sources are never added together."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pandas as pd


def series(figures: pd.DataFrame) -> dict[str, dict[str, list[tuple[date, int]]]]:
    """category -> source -> (date, number) points, from top-level figures with a date and a number."""
    out: dict[str, dict[str, list[tuple[date, int]]]] = {}
    for row in figures.itertuples(index=False):
        number = next((getattr(row, k) for k in ("value", "low", "high") if getattr(row, k) is not None), None)
        when = row.date_end or row.published
        if row.parent_id or number is None or not when:
            continue
        points = out.setdefault(row.category, {}).setdefault(row.source or "(no source)", [])
        points.append((date.fromisoformat(str(when)[:10]), int(number)))
    return {c: {s: sorted(p) for s, p in sorted(by.items(), key=lambda kv: kv[0].lower())}
            for c, by in sorted(out.items())}


def png_bytes(category: str, by_source: dict[str, list[tuple[date, int]]]) -> bytes:
    """A PNG plot: dates on the x axis, the number on the y axis (logarithmic when numbers differ a
    hundredfold), one line of markers per source."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5), dpi=100)
    numbers = [n for points in by_source.values() for _, n in points]
    for source, points in by_source.items():
        ax.plot([d for d, _ in points], [n for _, n in points], marker="o", linestyle="none", label=source)
    if numbers and min(numbers) > 0 and max(numbers) / min(numbers) >= 100:
        ax.set_yscale("log")
    ax.set_title(f"{category}: each source's figures over time")
    ax.set_xlabel("end of the period the figure covers")
    ax.set_ylabel(f"{category} (number reported)")
    days = [d for points in by_source.values() for d, _ in points]
    ax.set_xlim(min(days) - timedelta(days=3), max(days) + timedelta(days=3))  # room around a single day
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8, interval_multiples=False))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def add_excel_charts(wb, figures: pd.DataFrame) -> None:
    """A 'charts' sheet with one scatter chart per category, its points laid out in a 'chart data' sheet."""
    from openpyxl.chart import Reference, ScatterChart, Series

    data = wb.create_sheet("chart data")
    sheet = wb.create_sheet("charts")
    row = 1
    for number, (category, by_source) in enumerate(series(figures).items()):
        sources = list(by_source)
        data.cell(row, 1, f"{category}: date")
        for j, source in enumerate(sources, start=2):
            data.cell(row, j, source)
        first = row + 1
        for j, source in enumerate(sources, start=2):
            for when, value in by_source[source]:
                row += 1
                data.cell(row, 1, when).number_format = "yyyy-mm-dd"
                data.cell(row, j, value)
        chart = ScatterChart()
        chart.title = f"{category}: each source's figures over time"
        chart.x_axis.title, chart.y_axis.title = "date", "number reported"
        chart.x_axis.number_format = "yyyy-mm-dd"
        chart.style, chart.height, chart.width = 13, 9, 18
        for j, source in enumerate(sources, start=2):
            values = Reference(data, min_col=j, min_row=first, max_row=row)
            dates = Reference(data, min_col=1, min_row=first, max_row=row)
            s = Series(values, dates, title=source)
            s.marker.symbol = "circle"
            s.graphicalProperties.line.noFill = True
            chart.series.append(s)
        sheet.add_chart(chart, f"A{1 + number * 20}")
        row += 2
