"""Charts: each source's figures over time, one picture per category, as PNG files and as native
Excel charts in the workbook. One series per source; sources are never added together."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

Series = dict[str, list[tuple[date, int]]]  # source -> (date, number) points


def series(store) -> dict[str, tuple[Series, int]]:
    """category -> (points of the sources shown, how many sources are left out), from top-level figures
    with a date and a number. Only the most prolific sources' points are read from the store."""
    counts: dict[str, dict[str, tuple[int, str]]] = {}
    for category, source, n in store.chart_counts():
        counts.setdefault(category, {})[source or "(no source)"] = (n, source)
    out = {}
    for category in sorted(counts):
        shown = top_sources({label: n for label, (n, _) in counts[category].items()})
        points = {label: sorted((date.fromisoformat(day[:10]), int(number))
                                for day, number in store.chart_points(category, counts[category][label][1]))
                  for label in shown}
        out[category] = (points, len(counts[category]) - len(shown))
    return out


def png_bytes(category: str, by_source: Series, hidden: int = 0) -> bytes:
    """A PNG plot: dates on the x axis, the number on the y axis (logarithmic when numbers differ a
    hundredfold), one line of markers per source."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5), dpi=100)
    ax.set_prop_cycle(color=plt.cm.tab20.colors)  # twenty distinct colours: no two series alike
    shown = list(by_source)
    numbers = [n for s in shown for _, n in by_source[s]]
    for source in shown:
        points = by_source[source]
        ax.plot([d for d, _ in points], [n for _, n in points], marker="o", linestyle="none", label=source)
    if numbers and min(numbers) > 0 and max(numbers) / min(numbers) >= 100:
        ax.set_yscale("log")
    more = f" ({hidden} sources with fewer figures not shown)" if hidden else ""
    ax.set_title(f"{category}: each source's figures over time{more}", fontsize=10)
    ax.set_xlabel("end of the period the figure covers")
    ax.set_ylabel(f"{category} (number reported)")
    days = [d for s in shown for d, _ in by_source[s]]
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


def add_excel_charts(book, store) -> None:
    """A 'chart data' sheet with each source's points in a block of its own, and a 'charts' sheet with
    one native scatter chart per category, one series per source (the most prolific ones)."""
    wb = book.wb
    data = wb.add_worksheet("chart data")
    for j, title in enumerate(("category", "source", "date", "number")):
        data.write_string(0, j, title, book.formats["header"])
    row, charts = 0, []
    for category, (by_source, _) in series(store).items():
        chart = wb.add_chart({"type": "scatter"})
        chart.set_title({"name": f"{category}: each source's figures over time"})
        chart.set_x_axis({"name": "date", "date_axis": True, "num_format": "yyyy-mm-dd"})
        chart.set_y_axis({"name": "number reported"})
        chart.set_size({"width": 900, "height": 420})
        for source in by_source:
            first = row + 1
            for when, value in by_source[source]:
                row += 1
                data.write_string(row, 0, category)
                data.write_string(row, 1, source)
                data.write_datetime(row, 2, datetime(when.year, when.month, when.day), book.formats["date"])
                data.write_number(row, 3, value, book.formats["integer"])
            chart.add_series({"name": source, "categories": ["chart data", first, 2, row, 2],
                              "values": ["chart data", first, 3, row, 3], "marker": {"type": "circle"},
                              "line": {"none": True}})
        charts.append(chart)
    sheet = wb.add_worksheet("charts")
    for number, chart in enumerate(charts):
        sheet.insert_chart(number * 22, 0, chart)


MAX_SERIES = 12  # more series than this make an unreadable chart


def top_sources(points: dict[str, int]) -> list[str]:
    """The sources with the most points, at most MAX_SERIES of them, in name order."""
    ranked = sorted(points, key=lambda s: (-points[s], s.lower()))[:MAX_SERIES]
    return sorted(ranked, key=str.lower)
