"""The public /fuentes page reads of each registered source only what it shows (its
spec's institution and kind, picked out by the database) instead of every spec whole,
and every source's recent runs in one statement instead of one per source: on SQLite
and PostgreSQL alike, the values and the page are the same as those read the old way,
accents, quotes and markup included, with a good run beyond the runs read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.specs import SourceSpec
from indexer.db.database import Database
from indexer.db.registry import Registry, SourceSummary
from indexer.db.tables import CrawlRunRow
from tests.adversarial.service import gaceta_spec, open_registry

ODD = [
    ("congreso-gto-gaceta", "legislativo", "Congreso del Estado de Guanajuato — Gaceta «Ñandú»"),
    ("congreso-gto-diario", "legislativo", "Diario \"de los Debates\" <b>&amp; 'comillas'</b>"),
    ("congreso-gto-leyes", "legislativo", "CG"),
    ("congreso-gto-otra", "legislativo", "日本語 y emoji 🏛️ \\ barra"),
]


def _from_whole_specs(registry: Registry, owner: str | None = None) -> list[SourceSummary]:
    """What the page read before: every row with its whole spec."""
    return [
        SourceSummary(
            row.id,
            row.institution_id,
            str(row.spec.get("institution") or ""),
            str(row.spec.get("kind", "")),
            row.every_hours,
            row.last_success_at,
            row.paused,
        )
        for row in registry.list_sources(owner)
    ]


def _one_by_one(
    db: Database, source_ids: list[str], limit: int, whole: bool = True
) -> dict[str, list[CrawlRunRow]]:
    """What the page read before: each source's runs whole, one query each."""
    return {source: db.list_runs(source, limit=limit) for source in source_ids}


def _runs(db: Database) -> None:
    """The gazette: a good run, then 34 failed ones (more than the page reads), then
    one running; the journal: alternating runs with errors; the others none."""
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    rows = []
    for n in range(36):
        status = "ok" if n == 0 else "running" if n == 35 else "failed"
        rows.append(("congreso-gto-gaceta", status, n))
        rows.append(("congreso-gto-diario", ("ok", "failed", "empty")[n % 3], n))
    with db.session() as s, s.begin():
        for source, status, n in rows:
            at = start + dt.timedelta(hours=n)
            s.add(CrawlRunRow(
                source_id=source, status=status, started_at=at,
                finished_at=None if status == "running" else at + dt.timedelta(minutes=5),
                message="no contestó" if status == "failed" else None,
                stats={"pages": n}, errors={"http_error": {"count": n, "examples": []}},
            ))  # fmt: skip


def test_the_page_reads_the_same_institution_and_kind_without_whole_specs(
    tmp_path: Path, database_url: str
) -> None:
    settings, library, registry = open_registry(tmp_path, database_url)
    try:
        registry.add_institution("congreso-gto", "Congreso del Estado de Guanajuato",
                                 "congress", "MX-GUA")  # fmt: skip
        for source_id, kind, institution in ODD:
            body = gaceta_spec(source_id, kind=kind, institution=institution)
            registry.create_source("congreso-gto", SourceSpec.model_validate(body), set())
        registry.set_paused("congreso-gto-diario", "congreso-gto", True)
        _runs(library.db)
        ids = [i for i, _, _ in ODD] + ["sin-corridas"]
        together = library.db.recent_runs(ids, 30)
        apart = _one_by_one(library.db, ids, 30)
        assert {k: [r.id for r in v] for k, v in together.items()} == {
            k: [r.id for r in v] for k, v in apart.items()
        }
        assert [len(together[i]) for i in ids] == [30, 30, 0, 0, 0]
        read = registry.source_summaries()
        assert [(s.id, s.kind) for s in read] == [(i, k) for i, k, _ in sorted(ODD)]
        assert [s.institution or "" for s in read] == [
            s.institution for s in _from_whole_specs(registry)
        ]
        assert [(s.every_hours, s.paused) for s in read] == [
            (s.every_hours, s.paused) for s in _from_whole_specs(registry)
        ]
        assert registry.source_summaries("congreso-gto") == read
        assert registry.source_summaries("pj-gto") == []
        # the page, byte for byte, with the summaries read either way
        client = TestClient(create_app(library, settings))
        new = client.get("/fuentes")
        assert new.status_code == 200
        assert "congreso-gto-gaceta" in new.text and "Legislativo".lower() in new.text.lower()
        summaries, recent = Registry.source_summaries, Database.recent_runs
        Registry.source_summaries = _from_whole_specs  # type: ignore[method-assign,assignment]
        Database.recent_runs = _one_by_one  # type: ignore[method-assign]
        try:
            old = client.get("/fuentes")
        finally:
            Registry.source_summaries = summaries  # type: ignore[method-assign]
            Database.recent_runs = recent  # type: ignore[method-assign]
        assert old.content == new.content
    finally:
        library.close()
