"""Every text a person reads is guarded by one path, and the officials stay.

- A session's video link carries the platform's title («Comparecencia de la víctima …»):
  publication showed it as read in the API's JSON and the session's page; ``abierto
  privacy rescan`` left it too. Now ``protect_fields`` walks the objects of a list.
- ``abierto reextract`` recorded a finding for a party named in a field its source gave
  (a sentence's proceeding) but kept the value: the API showed the name while the report
  said it was masked. Now it guards the fields as publication and the rescan do
  (``indexer.privacy.guard_document``).
- The judge and the secretary named «Magistrada ponente: C. Lic. …» were masked like
  the parties; an organisation's «Ciudadana, A.C.» was taken for a person's initials.

Real stores (SQLite, the embedded index), real HTTP on 127.0.0.1, a real PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
from fpdf import FPDF

from api.app import create_app
from cli.privacy import rescan
from config.settings import Settings
from indexer.build import build_document
from indexer.db import FileRow
from indexer.library import Library
from indexer.models import VideoLink
from indexer.privacy import MASK
from indexer.reextract import reextract
from indexer.stores import SearchQuery
from tests.indexer.test_pdf_artifacts import FONT
from tests.uvicorn_thread import serving

VICTIM = "Rosa Elvia Campos Trejo"
JUDGE = "Adriana Villaseñor Ortega"
SECRETARY = "Julio César Montaño Ruiz"
SENTENCE = (
    "JUZGADO TERCERO DE LO FAMILIAR DEL PRIMER DISTRITO JUDICIAL\n"
    "Magistrada ponente: C. Lic. Adriana Villaseñor Ortega\n"
    "Secretario de Acuerdos: C. Lic. Julio César Montaño Ruiz\n"
    "VISTOS para resolver los autos del juicio de alimentos promovido por "
    "Rosa Elvia Campos Trejo en contra de Hugo Alberto Ledesma Cruz, con la intervención "
    "de Fundación Ciudadana, A.C., y del Agente del Ministerio Público.\n"
)
TIMEOUT = httpx.Timeout(120.0)


def _session(policy: str = "mask"):
    return build_document(
        kind="sesion", source_id="congreso-gto", institution="Congreso de Guanajuato",
        jurisdiction="MX-GUA", url="https://congreso.example/sesion/3",
        fields={"title": "Sesión ordinaria del 3 de marzo de 2024", "date": "2024-03-03"},
        text="Sesión ordinaria. Intervención de la C. Diputada María Fernanda López Arriaga.",
        videos=[VideoLink(
            url="https://www.youtube.com/watch?v=abcdefghijk", platform="youtube",
            title=f"Comparecencia de la víctima {VICTIM} ante la Comisión de Justicia",
        )],
        privacy=policy,
    )  # fmt: skip


def test_a_video_title_and_a_party_are_masked_and_the_officials_stay(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    sentence = build_document(
        kind="sentencia", source_id="juzgado-gto", institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA", url="https://juzgado.example/s/345",
        fields={"title": "Sentencia definitiva 345/2024", "expediente": "345/2024",
                "date": "2024-05-15"},
        text=SENTENCE,
    )  # fmt: skip
    session = _session()
    for doc in (sentence, session):
        library.add_document(doc)
    library.flush()
    try:
        with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
            shown = http.get(f"{base}/v1/documents/{session.id}")
            assert shown.status_code == 200 and "Campos" not in shown.text
            assert shown.json()["video_urls"][0]["title"] == (
                f"Comparecencia de la víctima {MASK} ante la Comisión de Justicia"
            )
            said = http.get(f"{base}/v1/documents/{session.id}/text").text
            assert "María Fernanda López Arriaga" in said  # a legislator
            page = http.get(f"{base}/d/{session.id}")
            assert page.status_code == 200 and "Campos" not in page.text
            said = http.get(f"{base}/v1/documents/{sentence.id}/text").text
            assert JUDGE in said and SECRETARY in said and "Fundación Ciudadana, A.C." in said
            assert "Campos" not in said and "Ledesma" not in said and MASK in said
            page = http.get(f"{base}/d/{sentence.id}").text
            assert JUDGE in page and "Campos" not in page
        assert library.search(SearchQuery(q='"Villaseñor Ortega"')).total == 1
    finally:
        library.close()


def test_a_rescan_masks_a_video_title_stored_before(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    try:
        library.add_document(_session("flag"))  # as a library of before stored it
        library.flush()
        counts = rescan(library, {"congreso-gto": "mask"})
        assert counts["changed"] == 1
        stored = library.db.get_document(_session().id)
        assert stored is not None and VICTIM not in str(stored.model_dump())
        assert [f.field for f in stored.privacy.findings] == ["video_urls.0.title"]
    finally:
        library.close()


@pytest.mark.skipif(not FONT.exists(), reason="sin la fuente DejaVu Sans")
def test_reextract_masks_a_given_field_it_finds_a_party_in(tmp_path: Path) -> None:
    """A sentence stored before fields were guarded (its listing's proceeding as read);
    its file read again by a newer extractor: the proceeding is masked where the report
    records it, in the database and the API."""
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        pdf = FPDF()
        pdf.add_page()
        pdf.add_font("dv", fname=str(FONT))
        pdf.set_font("dv", size=11)
        pdf.cell(0, 6, "AMPARO EN REVISIÓN 123/2023. Se confirma la sentencia recurrida.")
        data = bytes(pdf.output())
        old_text = "AMPARO EN REVISI´ON 123/2023. Se confirma la sentencia recurrida."
        sha = library.archive.put(data)
        library.db.save_file(
            FileRow(sha256=sha, size=len(data), content_type="application/pdf",
                    first_url="https://corte.example/ar.pdf", pages=1, text=old_text,
                    method="pdfium", error=None, archived_at=dt.datetime.now(dt.UTC))
        )  # fmt: skip
        archived = library.add_file(data, "https://corte.example/ar.pdf", "application/pdf")
        proceeding = f"Amparo en revisión promovido por {VICTIM}"
        built = build_document(
            kind="sentencia", source_id="corte", institution="Suprema Corte", jurisdiction="MX",
            url="https://corte.example/ar", text=archived.text or "", files=[archived.ref],
            fields={"title": "Amparo en revisión", "proceeding": proceeding},
            privacy="flag",
        )  # fmt: skip
        # stored as read, under the «mask» policy, with no finding (as before the guard)
        before = built.model_copy(
            update={"privacy": built.privacy.model_copy(update={"policy": "mask", "findings": []})}
        )
        library.add_document(before)
        library.flush()
        assert reextract(library).reextracted == 1
        library.flush()
        after = library.db.get_document(built.id)
        assert after is not None and after.proceeding == f"Amparo en revisión promovido por {MASK}"
        assert [f.field for f in after.privacy.findings] == ["proceeding"]
        assert "REVISIÓN" in after.text
        with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
            shown = http.get(f"{base}/v1/documents/{built.id}")
            assert shown.status_code == 200 and "Campos" not in shown.text
        assert library.search(SearchQuery(q="Campos")).total == 0
    finally:
        library.close()
