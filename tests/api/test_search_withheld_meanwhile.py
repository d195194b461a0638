"""A document withheld, deleted or masked after it was indexed stays in the search index
until the indexer's next commit. Meanwhile ``/v1/search`` and the page ``/buscar`` listed
it with the index's title and snippet: the name a privacy review had masked, the text of
a withheld document. They now leave out a hit deleted or withheld since, and one whose
snippet the stored text no longer holds (found by the masked name: listing it would give
the name away); a changed document still found by text it holds takes the stored title.
The answer cache must not replay the answer it kept before. Real HTTP on 127.0.0.1, a
real SQLite/Tantivy library."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport
from tests.api.conftest import federal_sentencia
from tests.uvicorn_thread import serving


@pytest.fixture(params=["sqlite", "postgresql"])
def library(request: pytest.FixtureRequest, tmp_path: Path) -> Library:
    """An embedded library whose database is SQLite or PostgreSQL (the check reads the
    page's ids through each one's own path)."""
    url = None
    if request.param == "postgresql":
        name = f"abierto_lag_{uuid.uuid4().hex[:8]}"
        url = request.getfixturevalue("postgres").create_database(name)
    return Library.open(Settings(data_dir=tmp_path, database_url=url))


SAID = "{} promovió el juicio por la concesión minera del cerro de San Pedro."
NAME = "María Guadalupe Hernández"


def test_search_leaves_out_what_changed_since_the_index_commit(library: Library) -> None:
    try:
        named = federal_sentencia("enmascarada", SAID.format(NAME))
        named = named.model_copy(update={"title": f"Amparo de {NAME}", "date": dt.date(2024, 2, 1)})
        retenida = federal_sentencia("retenida", SAID.format("Juan Pérez Soto"))
        library.add_document(named)
        library.add_document(retenida)
        library.add_document(federal_sentencia("borrada", SAID.format("La minera")))
        library.add_document(federal_sentencia("publica", SAID.format("La empresa")))
        library.flush()
        with serving(create_app(library)) as base:
            # kept by the answer cache before anything changes
            before = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
            assert len(before["hits"]) == 4
            masked = named.model_copy(
                update={
                    "title": "Amparo de [DATO PERSONAL]",
                    "text": SAID.format("[DATO PERSONAL]"),
                    "privacy": PrivacyReport(
                        policy="mask",
                        findings=[PrivacyFinding(kind="nombre", field="text", start=0, end=25)],
                    ),
                }
            )
            library.add_document(masked)  # the index keeps the old text until a flush
            finding = PrivacyFinding(kind="nombre", field="text", start=0, end=15)
            library.add_document(
                retenida.model_copy(
                    update={"privacy": PrivacyReport(policy="withhold", findings=[finding])}
                )
            )
            with library.db.session() as s:
                s.execute(text("delete from documents where id = 'borrada'"))
                s.commit()
            answer = httpx.get(f"{base}/v1/search", params={"q": "concesión"})
            assert answer.status_code == 200
            body = answer.text
            assert "Hernández" not in body and "Pérez" not in body
            ids = [hit["id"] for hit in answer.json()["hits"]]
            assert "retenida" not in ids and "borrada" not in ids
            assert "publica" in ids and "enmascarada" in ids
            shown = next(h for h in answer.json()["hits"] if h["id"] == "enmascarada")
            assert shown["title"] == "Amparo de [DATO PERSONAL]"
            # found by the masked name: not listed under it
            by_name = httpx.get(f"{base}/v1/search", params={"q": "Hernández"}).json()
            assert [hit["id"] for hit in by_name["hits"]] == []
            page = httpx.get(f"{base}/buscar", params={"q": "concesión"})
            assert page.status_code == 200
            assert "Hernández" not in page.text and "Pérez" not in page.text
            assert "[DATO PERSONAL]" in page.text
            # the counts leave out what was withheld or deleted since, and say nothing of
            # it (``tests/adversarial/test_withheld_counts_lag``)
            assert "Se omiti" not in page.text
            assert answer.json()["total"] == 2
            page = httpx.get(f"{base}/buscar", params={"q": "Hernández"})
            assert "Amparo de" not in page.text
    finally:
        library.close()


def test_an_export_of_a_name_masked_since_does_not_list_the_document(library: Library) -> None:
    try:
        named = federal_sentencia("enmascarada", SAID.format(NAME))
        library.add_document(named)
        library.add_document(federal_sentencia("publica", SAID.format(f"{NAME} Ruiz")))
        library.flush()
        masked = named.model_copy(
            update={
                "text": SAID.format("[DATO PERSONAL]"),
                "privacy": PrivacyReport(
                    policy="mask",
                    findings=[PrivacyFinding(kind="nombre", field="text", start=0, end=25)],
                ),
            }
        )
        library.add_document(masked)  # the index keeps the old text until a flush
        with serving(create_app(library)) as base:
            for path in ("/v1/export.jsonl", "/v1/export.csv"):
                got = httpx.get(f"{base}{path}", params={"q": "Hernández"})
                assert got.status_code == 200
                assert "enmascarada" not in got.text and "publica" in got.text
    finally:
        library.close()
