"""Bar charts drawn on the server as SVG: pictures that need no JavaScript. Each chart has
a title and a description with its totals; the numbers it shows are also on the page as
links or a table (``month_table``)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from api.routers.pages.common import MONTHS, thousands

BAR = "#7a1e3a"
EMPTY = "#d9d5cc"
TEXT = "#4f5259"
# years up to which each bar carries its number
LABELLED_YEARS = 20


def year_bars(counts: list[tuple[int, int]], title: str) -> Markup:
    """Vertical bars, one per year from the first to the last with results (results per
    year beside the year facet); a year between without any is a grey tick, so a gap is
    seen, never closed up. The width stays the same however many years."""
    if not counts:
        return Markup("")
    found = dict(counts)
    years = [(year, found.get(year, 0)) for year in range(min(found), max(found) + 1)]
    height, top, bottom = 120, 14, 20
    slot = min(40.0, 260 / len(years))
    width = max(120, int(slot * len(years)))
    peak = max(found.values()) or 1
    parts = []
    for i, (year, count) in enumerate(years):
        bar = max(2.0, (height - top - bottom) * count / peak) if count else 0.0
        x = i * slot + slot * 0.15
        y = height - bottom - bar
        if count:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" '
                f'fill="{BAR}"/>'
            )
        else:
            parts.append(
                f'<rect x="{x:.1f}" y="{y - 1:.1f}" width="{slot * 0.7:.1f}" height="1" '
                f'fill="{EMPTY}"/>'
            )
        if len(years) <= 12 or i % max(1, len(years) // 6) == 0:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{height - 5}" font-size="10" '
                f'text-anchor="middle" fill="{TEXT}">{year}</text>'
            )
        # over many years the numbers would overlap: the list beside the chart says them
        if count and len(years) <= LABELLED_YEARS:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{y - 2:.1f}" font-size="9" '
                f'text-anchor="middle" fill="{TEXT}">{thousands(count)}</text>'
            )
    summary = ", ".join(f"{year}: {thousands(count)}" for year, count in sorted(found.items()))
    return _svg(width, height, title, f"{title}. {summary}", "".join(parts))


def monthly_rows(
    rows: list[tuple[str, dict[tuple[int, int], int]]],
    months: list[tuple[int, int]],
    title: str,
) -> Markup:
    """One row of monthly bars per series (a source, a congress); an empty month is a
    grey tick, so a series that stopped shows a visible gap."""
    if not rows or not months:
        return Markup("")
    row_h, axis_h, bar_room = 54, 18, 30
    slot = max(8.0, min(36.0, 560 / len(months)))
    width = max(240, int(slot * len(months)))
    height = row_h * len(rows) + axis_h
    peak = max((max(series.values(), default=0) for _, series in rows), default=0) or 1
    parts = []
    for r, (name, series) in enumerate(rows):
        top = r * row_h
        base = top + row_h - 4
        parts.append(
            f'<text x="0" y="{top + 13}" font-size="12" fill="#1b1b1f">{escape(name[:60])}</text>'
        )
        for i, month in enumerate(months):
            count = series.get(month, 0)
            x = i * slot
            if count:
                bar = max(2.0, bar_room * count / peak)
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - bar:.1f}" width="{slot * 0.75:.1f}" '
                    f'height="{bar:.1f}" fill="{BAR}"/>'
                )
            else:
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - 1:.1f}" width="{slot * 0.75:.1f}" '
                    f'height="1" fill="{EMPTY}"/>'
                )
    for i, (year, month) in enumerate(months):
        if month == 1 or i == 0:
            parts.append(
                f'<text x="{i * slot:.1f}" y="{height - 4}" font-size="11" fill="{TEXT}">'
                f"{MONTHS[month - 1][:3]} {year}</text>"
            )
    first, last = months[0], months[-1]
    span = f"de {MONTHS[first[1] - 1]} de {first[0]} a {MONTHS[last[1] - 1]} de {last[0]}"
    totals = "; ".join(f"{name}: {thousands(sum(series.values()))}" for name, series in rows)
    return _svg(width, height, title, f"{title}, {span}. {totals}", "".join(parts))


@dataclass
class MonthTable:
    """A monthly chart's numbers as a table: a row per month, a column per series; and
    the series that published nothing in the last months (a source that stopped)."""

    columns: list[str]
    rows: list[tuple[str, list[int]]]
    stopped: list[tuple[str, str]]  # (series, its last month with documents, in words)


def month_table(
    rows: list[tuple[str, dict[tuple[int, int], int]]],
    months: list[tuple[int, int]],
    quiet_months: int = 3,
) -> MonthTable:
    """The table behind ``monthly_rows``, newest month first. A series is said to have
    stopped when its last ``quiet_months`` months of the chart have no documents."""
    table = [
        (f"{MONTHS[m - 1]} de {y}", [series.get((y, m), 0) for _, series in rows])
        for y, m in reversed(months)
    ]
    stopped = []
    for name, series in rows:
        last = max((m for m, count in series.items() if count), default=None)
        if last and len(months) > quiet_months and last < months[-quiet_months]:
            stopped.append((name, f"{MONTHS[last[1] - 1]} de {last[0]}"))
    return MonthTable([name for name, _ in rows], table, stopped)


def _svg(width: int, height: int, title: str, description: str, body: str) -> Markup:
    return Markup(
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(description)}"><title>{escape(title)}</title>'
        f"<desc>{escape(description)}</desc>{body}</svg>"
    )
