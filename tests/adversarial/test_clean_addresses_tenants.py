"""``abierto db clean-addresses`` rewrites the addresses of the documents a source
publishes, never another institution's: a value institution B's spec sends (a header,
which the cleaner counts as a credential) that happens to be, or is chosen to be, part of
institution A's addresses (its host, a folder of its site) must not mask or drop it from
A's documents, their files or A's publications of them."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.build import build_document
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import FileRef
from tests.adversarial.abierto import abierto
from tests.adversarial.service import gaceta_spec

A_SOURCE = "congreso-gto-gaceta"
B_SOURCE = "pj-gto-api"
A_SITE = "https://www.congresogto.gob.mx/gaceta"
B_TOKEN = "Tk9f8e7d6c5b4a3Z21"
WORDS = "iniciativa reforma ley aguas nacionales"


def _b_spec() -> dict[str, object]:
    """B's JSON API: its key, and a header whose value is A's site (a Referer a portal
    asks for; or chosen to hit A's addresses)."""
    return {
        "id": B_SOURCE, "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
        "start_urls": ["http://127.0.0.1:9/api"],
        "json_api": {"records": "resultados", "link": "/documento/{id}",
                     "headers": {"Authorization": f"Bearer {B_TOKEN}", "Referer": A_SITE}},
    }  # fmt: skip


def _registered(settings: Settings) -> None:
    """A and B each register their source through the API; A's gazette has a document
    published at an address on its site, with a file beside it; B has one whose address
    still holds B's key."""
    library = Library.open(settings, writer=True)
    try:
        registry = Registry(library.db)
        registry.add_institution("congreso-gto", "Congreso del Estado de Guanajuato",
                                 "congress", "MX-GUA")  # fmt: skip
        registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato",
                                 "court", "MX-GUA")  # fmt: skip
        a, b = (
            {"Authorization": f"Bearer {registry.issue_key(i)[1]}"}
            for i in ("congreso-gto", "pj-gto")
        )
        with TestClient(create_app(library, settings)) as api:
            made = api.post("/v1/sources", json=gaceta_spec(A_SOURCE), headers=a)
            assert made.status_code == 201, made.text
            made = api.post("/v1/sources", json=_b_spec(), headers=b)
            assert made.status_code == 201, made.text
        a_doc = build_document(
            kind="legislativo", source_id=A_SOURCE,
            institution="Congreso del Estado de Guanajuato", jurisdiction="MX-GUA",
            url=f"{A_SITE}/iniciativa-12.html?anio=2024", fields={"title": "Iniciativa"},
            text=f"Iniciativa: {WORDS}. " * 10,
            files=[FileRef(url=f"{A_SITE}/anexo-12.pdf", sha256="a" * 64)],
        )  # fmt: skip
        b_doc = build_document(
            kind="sentencia", source_id=B_SOURCE,
            institution="Poder Judicial del Estado de Guanajuato", jurisdiction="MX-GUA",
            url=f"https://pj.example/documento/7?token={B_TOKEN}",
            fields={"title": "Sentencia de amparo"}, text=f"Sentencia: {WORDS}. " * 10,
        )  # fmt: skip
        library.add_document(a_doc)
        library.add_document(b_doc)
        library.flush()
    finally:
        library.close()


def _addresses(settings: Settings) -> dict[str, tuple[str, list[str], list[str]]]:
    """Each document's address, its files' and its publications', by source."""
    library = Library.open(settings)
    try:
        return {
            doc.sources[0].source_id: (
                doc.url,
                [f.url for f in doc.files],
                [s.url for s in doc.sources],
            )
            for doc in library.db.iter_documents()
        }
    finally:
        library.close()


def test_cleaning_a_sources_addresses_leaves_another_institutions_alone(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    settings = Settings(data_dir=tmp_path / "data", sources_dir=specs, allow_loopback=True)
    _registered(settings)
    before = _addresses(settings)
    result = abierto(
        settings.data_dir, "db", "clean-addresses",
        env={"ABIERTO_SOURCES_DIR": str(specs)}, unset=("ABIERTO_DATABASE_URL",),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    after = _addresses(settings)
    assert (
        after[A_SOURCE]
        == before[A_SOURCE]
        == (
            f"{A_SITE}/iniciativa-12.html?anio=2024",
            [f"{A_SITE}/anexo-12.pdf"],
            [f"{A_SITE}/iniciativa-12.html?anio=2024"],
        )
    )
    # B's own document is cleaned as before: its key leaves its address
    assert after[B_SOURCE][0] == "https://pj.example/documento/7"
    assert f"{B_SOURCE}: 1 documento y 1 publicación" in result.stdout, result.stdout
