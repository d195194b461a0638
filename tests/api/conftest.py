"""A small real library (SQLite + Tantivy + file archive) with documents of all kinds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import AnyDocument, Library
from indexer.models import (
    FileRef,
    Legislativo,
    Sentencia,
    Sesion,
    VideoLink,
    document_id,
)
from indexer.readers import READERS_VERSION
from tests.uvicorn_thread import serving

PDF_BYTES = b"%PDF-1.4\n% decision de la Primera Sala\n%%EOF\n"
HTML_BYTES = b"<html><script>alert(1)</script>Fallo</html>"
VIDEO_GTO = "https://www.youtube.com/watch?v=GtoOrd2024feb"
DAY = dt.date.fromisoformat


def make_library(root: Path) -> Library:
    return Library.open(Settings(data_dir=root, database_url=None))


def federal_sentencia(name: str, text: str) -> Sentencia:
    """A federal court's sentence of 1 May 2024 named ``name``, saying ``text``."""
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date(2024, 5, 1),
        institution="Poder Judicial de la Federación", jurisdiction="MX", source_id="pjf",
        url=f"https://ejemplo.gob.mx/{name}", text=text,
    )  # fmt: skip


@contextmanager
def serving_documents(root: Path, docs: Iterable[AnyDocument]) -> Iterator[str]:
    """A real uvicorn on 127.0.0.1 serving a library of just ``docs`` (made at ``root``):
    its base URL while the block runs, for what only real HTTP shows."""
    library = make_library(root)
    for doc in docs:
        library.add_document(doc)
    library.flush()
    try:
        with serving(create_app(library)) as url:
            yield url
    finally:
        library.close()


def _docs(pdf: FileRef, page: FileRef) -> list[Sentencia | Sesion | Legislativo]:
    def ids(name: str) -> str:
        return document_id("prueba", f"https://ejemplo.gob.mx/{name}")

    sentencias = [
        Sentencia(
            id=ids("s1"),
            title="Amparo en revisión 123/2023",
            date=DAY("2023-03-15"),
            institution="Suprema Corte de Justicia de la Nación",
            jurisdiction="MX",
            source_id="scjn",
            url="https://ejemplo.gob.mx/s1",
            files=[pdf],
            text="La decisión de la Primera Sala sobre el daño moral ordena la reparación "
            "integral a la víctima. " * 3,
            court="Primera Sala",
            matter="amparo",
            expediente="123/2023",
        ),
        Sentencia(
            id=ids("s2"),
            title="Apelación penal 45/2022",
            date=DAY("2022-06-01"),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url="https://ejemplo.gob.mx/s2",
            text="El tribunal de alzada confirmó la condena por robo calificado.",
            court="Primera Sala Penal",
            matter="penal",
        ),
        Sentencia(
            id=ids("s3"),
            title="Juicio ordinario civil 9/2021",
            date=DAY("2021-11-20"),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url="https://ejemplo.gob.mx/s3",
            files=[page],
            text="Se reclamó un daño patrimonial; la parte actora alegó también una ofensa "
            "moral que el juzgado desestimó.",
            court="Juzgado Tercero Civil",
            matter="civil",
        ),
        Sentencia(
            id=ids("s4"),
            title="Recurso <script>alert(1)</script> de revisión",
            date=DAY("2020-05-05"),
            institution="Tribunal de Justicia Administrativa",
            jurisdiction="MX-CMX",
            source_id="tja",
            url="https://ejemplo.gob.mx/s4",
            text="<script>alert('xss')</script> El acceso a la información y la transparencia "
            "son derechos.",
            matter="administrativa",
        ),
    ]
    sesiones = [
        Sesion(
            id=ids("v1"),
            title="Sesión ordinaria del 8 de febrero de 2024",
            date=DAY("2024-02-08"),
            institution="Congreso del Estado de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="congreso-gto",
            url="https://ejemplo.gob.mx/v1",
            text="Versión estenográfica: se discutió la reforma a la ley de transparencia.",
            congress="Congreso de Guanajuato",
            legislature="LXV",
            chamber="unicameral",
            session_type="ordinaria",
            video_urls=[VideoLink(url=VIDEO_GTO, platform="youtube", title="Sesión 8 feb")],
            agenda=[f"Punto {n} del orden del día" for n in range(1, 8)],
        ),
        Sesion(
            id=ids("v2"),
            title="Sesión extraordinaria del 20 de marzo de 2024",
            date=DAY("2024-03-20"),
            institution="Congreso del Estado de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="congreso-gto",
            url="https://ejemplo.gob.mx/v2",
            text="Se aprobó el presupuesto.",
            congress="Congreso de Guanajuato",
            legislature="LXV",
            session_type="extraordinaria",
            video_urls=[
                VideoLink(
                    url="https://www.facebook.com/congresogto/live", platform="facebook", live=True
                ),
            ],
        ),
        Sesion(
            id=ids("v3"),
            title="Sesión ordinaria de la Cámara de Diputados",
            date=DAY("2024-02-10"),
            institution="Cámara de Diputados",
            jurisdiction="MX",
            source_id="diputados",
            url="https://ejemplo.gob.mx/v3",
            text="Se turnaron iniciativas a comisiones.",
            congress="Congreso de la Unión",
            legislature="LXVI",
            chamber="diputados",
            session_type="ordinaria",
            video_urls=[VideoLink(url="https://canaldelcongreso.gob.mx/vivo", platform="canal")],
        ),
    ]
    legislativos = [
        Legislativo(
            id=ids("l1"),
            title="Iniciativa de reforma a la Ley de Transparencia",
            date=DAY("2024-01-15"),
            institution="Congreso del Estado de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="congreso-gto",
            url="https://ejemplo.gob.mx/l1",
            text="Iniciativa que reforma diversos artículos sobre acceso a la información.",
            doc_type="iniciativa",
            legislature="LXV",
            authors=["Dip. María Pérez"],
        ),
        Legislativo(
            id=ids("l2"),
            title="Dictamen sobre la Ley General de Salud",
            date=DAY("2023-09-01"),
            institution="Cámara de Diputados",
            jurisdiction="MX",
            source_id="diputados",
            url="https://ejemplo.gob.mx/l2",
            text="Dictamen de la Comisión de Salud.",
            doc_type="dictamen",
            legislature="LXV",
        ),
        Legislativo(
            id=ids("l3"),
            title="Gaceta Parlamentaria número 6452",
            date=DAY("2024-02-08"),
            institution="Cámara de Diputados",
            jurisdiction="MX",
            source_id="diputados",
            url="https://ejemplo.gob.mx/l3",
            text="Gaceta con las comunicaciones del día.",
            doc_type="gaceta",
            legislature="LXVI",
        ),
    ]
    return [*sentencias, *sesiones, *legislativos]


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = make_library(tmp_path_factory.mktemp("data"))
    sha = lib.archive.put(PDF_BYTES)
    pdf = FileRef(
        url="https://ejemplo.gob.mx/archivos/Sentencia%20N%C2%BA%20123%20(versión).pdf",
        sha256=sha,
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    page = FileRef(
        url="https://ejemplo.gob.mx/fallos/",
        sha256=lib.archive.put(HTML_BYTES),
        content_type="text/html; charset=utf-8",
        size=len(HTML_BYTES),
    )
    for doc in _docs(pdf, page):  # stamped as the save path's readers stamp theirs
        lib.add_document(doc.read_by(READERS_VERSION))
    assert lib.flush() == 10
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def client(library: Library) -> Iterator[TestClient]:
    with TestClient(create_app(library)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def ids(library: Library) -> dict[str, str]:
    """Short names (s1, v1, l1…) → document ids."""
    return {
        name: document_id("prueba", f"https://ejemplo.gob.mx/{name}")
        for name in ("s1", "s2", "s3", "s4", "v1", "v2", "v3", "l1", "l2", "l3")
    }
