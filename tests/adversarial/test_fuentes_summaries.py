"""The public /fuentes page reads of each registered source only what it shows (its
spec's institution and kind, picked out by the database) instead of every spec whole: on
SQLite and PostgreSQL alike, the values and the page are the same as those read from the
whole specs, accents, quotes and markup included."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.specs import SourceSpec
from indexer.db.registry import Registry, SourceSummary
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
        summaries = Registry.source_summaries
        Registry.source_summaries = _from_whole_specs  # type: ignore[method-assign,assignment]
        try:
            old = client.get("/fuentes")
        finally:
            Registry.source_summaries = summaries  # type: ignore[method-assign]
        assert old.content == new.content
    finally:
        library.close()
