"""Every source's health as the public sees it: its institution, last good crawl, documents,
errors by cause and whether it is late (stale) — configured and registered sources alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, func, select

from api.routers.sources import operator_specs
from config.settings import Settings
from config.specs import SourceSpec, bundled_sources_dir
from crawlers.causas import split_causes
from indexer.db.registry import STALE_FACTOR, Registry, as_utc
from indexer.db.tables import CrawlRunRow, DocumentRow
from indexer.library import Library

RUNS_READ = 30
CHART_MONTHS = 24
COURTS_DRAWN = 15


@dataclass
class SourceHealth:
    id: str
    institution: str
    kind: str
    registered: bool
    owner: str | None
    every_hours: float
    documents: int = 0
    last_success: dt.datetime | None = None
    last_run: CrawlRunRow | None = None
    errors: dict[str, int] = field(default_factory=dict)
    notices: dict[str, int] = field(default_factory=dict)  # avisos: crawlers.causas.NOTICES
    stale: bool = False
    paused: bool = False
    runs: list[CrawlRunRow] = field(default_factory=list)


_SPECS: dict[Path, tuple[tuple[tuple[str, int], ...], list[SourceSpec]]] = {}


def configured_specs(folder: Path | None) -> list[SourceSpec]:
    """The configured specs, read again only when a file in their folder changed (parsing
    and checking them costs far more than the page)."""
    folder = folder or bundled_sources_dir()
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.yaml")))
    cached = _SPECS.get(folder)
    if cached is None or cached[0] != stamp:
        cached = (stamp, operator_specs(folder))
        _SPECS[folder] = cached
    return cached[1]


def document_counts(library: Library) -> dict[str, int]:
    with library.db.session() as s:
        rows = s.execute(
            select(DocumentRow.source_id, func.count()).group_by(DocumentRow.source_id)
        ).all()
    counts = {source: count for source, count in rows}
    for held in library.db.withheld_documents():  # how many a source withholds: not said
        if counts.get(held.source_id, 0) > 0:
            counts[held.source_id] -= 1
    return counts


def monthly_documents(library: Library) -> dict[str, dict[tuple[int, int], int]]:
    """Documents per source and month of their date (``YYYY-MM`` read from the date's text,
    the same in SQLite and PostgreSQL); the withheld ones are not counted."""
    held = [(d.source_id, d.date) for d in library.db.withheld_documents()]
    return _without(_monthly(library, DocumentRow.source_id), held)


def monthly_judgments(library: Library) -> dict[str, dict[tuple[int, int], int]]:
    """Judgments per court (as the document names it) and month of their date; the
    withheld ones are not counted (a court and month would say one was)."""
    series = _monthly(
        library, DocumentRow.data["court"].as_string(), DocumentRow.kind == "sentencia"
    )
    held = [(d.court, d.date) for d in library.db.withheld_documents("sentencia")]
    return _without(series, held)


def _without(
    series: dict[str, dict[tuple[int, int], int]], held: list[tuple[str | None, dt.date | None]]
) -> dict[str, dict[tuple[int, int], int]]:
    """``series`` less one for each withheld document (its series and date); a month left
    empty is no longer a month of the series, a series left empty no longer one."""
    for name, date in held:
        months = series.get(name) if name and date else None
        month = (date.year, date.month) if date else None
        if months is None or month not in months:
            continue
        months[month] -= 1
        if months[month] <= 0:
            del months[month]
        if not months:
            del series[name]
    return series


def _monthly(library: Library, series: Any, *where: Any) -> dict[str, dict[tuple[int, int], int]]:
    month = func.substr(cast(DocumentRow.date, String), 1, 7)
    with library.db.session() as s:
        rows = s.execute(
            select(series, month, func.count())
            .where(DocumentRow.date.is_not(None), *where)
            .group_by(series, month)
        ).all()
    out: dict[str, dict[tuple[int, int], int]] = {}
    for source, text, count in rows:
        if not source:
            continue
        if text and len(text) == 7 and text[:4].isdigit() and text[5:].isdigit():
            out.setdefault(source, {})[(int(text[:4]), int(text[5:]))] = count
    return out


def chart_months(
    series: dict[str, dict[tuple[int, int], int]], today: dt.date
) -> list[tuple[int, int]]:
    """The last months up to the newest with documents (at most two years), oldest first."""
    newest = max((m for months in series.values() for m in months), default=None)
    end = min(newest, (today.year, today.month)) if newest else (today.year, today.month)
    months = []
    year, month = end
    for _ in range(CHART_MONTHS):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    oldest = min((m for months_ in series.values() for m in months_), default=end)
    return [m for m in reversed(months) if m >= oldest]


def busiest(
    series: dict[str, dict[tuple[int, int], int]], months: list[tuple[int, int]]
) -> tuple[list[tuple[str, dict[tuple[int, int], int]]], int]:
    """The series with documents in ``months`` (the ``COURTS_DRAWN`` with most, by name),
    and how many others have some there too but are left out of the chart."""
    shown = set(months)
    totals = {
        name: sum(n for m, n in counts.items() if m in shown) for name, counts in series.items()
    }
    active = sorted((name for name, total in totals.items() if total), key=lambda n: -totals[n])
    drawn = sorted(active[:COURTS_DRAWN], key=str.lower)
    return [(name, series[name]) for name in drawn], len(active) - len(drawn)


def _with_last_whole(library: Library, runs: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """``runs`` with each source's newest finished run read whole (its errors)."""
    last = [
        found.id
        for found in (
            next((r for r in rs if r.finished_at is not None), None) for rs in runs.values()
        )
        if found is not None
    ]
    whole = library.db.runs_by_id(last)
    return {source: [whole.get(r.id, r) for r in rs] for source, rs in runs.items()}


def _fill(health: SourceHealth, runs: list[Any], now: dt.datetime) -> None:
    health.runs = runs
    finished = [run for run in runs if run.finished_at is not None]
    health.last_run = finished[0] if finished else None
    if health.last_success is None:
        ok = next((run for run in finished if run.status in ("ok", "partial")), None)
        health.last_success = as_utc(ok.finished_at) if ok else None
    if health.last_run is not None:
        counts = {
            cause: int(entry.get("count", 0)) if isinstance(entry, dict) else int(entry)
            for cause, entry in (health.last_run.errors or {}).items()
        }
        errors, notices = split_causes(counts)
        health.errors, health.notices = errors, notices
    if health.last_success is not None:
        late = now - health.last_success > dt.timedelta(hours=health.every_hours * STALE_FACTOR)
        health.stale = health.stale or late


def all_sources(library: Library, settings: Settings, owner: str | None = None) -> list[Any]:
    """Configured sources (unless ``owner`` is given) then registered ones, by id."""
    now = dt.datetime.now(dt.UTC)
    counts = document_counts(library)
    found: list[SourceHealth] = []
    if owner is None:
        for spec in configured_specs(settings.sources_dir):
            found.append(
                SourceHealth(
                    spec.id,
                    spec.institution,
                    spec.kind,
                    registered=False,
                    owner=None,
                    every_hours=spec.schedule.every_hours,
                )
            )
    registry = Registry(library.db)
    names = {row.id: row.name for row in registry.list_institutions()}
    for row in registry.source_summaries(owner):
        found.append(
            SourceHealth(
                row.id,
                names.get(row.institution_id) or row.institution or "",
                row.kind or "",
                registered=True,
                owner=names.get(row.institution_id, row.institution_id),
                every_hours=row.every_hours,
                last_success=as_utc(row.last_success_at),
                paused=row.paused,
            )
        )
    ids = [health.id for health in found]
    # the public listing shows no run, only the last one's errors and the last good
    # one's end: the others are read without their stats and errors
    runs = library.db.recent_runs(ids, RUNS_READ, whole=owner is not None)
    if owner is None:
        runs = _with_last_whole(library, runs)
    for health in found:
        health.documents = counts.get(health.id, 0)
        _fill(health, runs.get(health.id, []), now)
        if owner is None:
            health.runs = []
        if health.registered and health.last_success is None:
            health.stale = True
    return sorted(found, key=lambda h: (h.institution.lower(), h.id))
