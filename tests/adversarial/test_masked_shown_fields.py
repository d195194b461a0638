"""A private party named in a field other than the title, text or signatures (a
sentence's proceeding as its court's listing gives it, a session's agenda item, a
committee's record) was published as read: the guard masked the three texts
only, while a spec's preview masked every field. The name was in the API's JSON, the
document's page, an export, a search hit's fields and the Atom feed, and a search for
it found the document (the index reads those fields as words).

Now publication guards every field a person reads with the preview's own function
(``indexer.privacy.protect_fields``): through the save path (``build_document``, then
the library), both stores (the embedded index and an engine), real HTTP on 127.0.0.1.
What the rule does not mask stays as read: the court, the judges in office, an
initiative's authors, the legal terms and the committee's name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from cli.privacy import rescan
from config.settings import Settings
from crawlers.preview_privacy import guard_document
from indexer.build import build_document
from indexer.library import Library
from indexer.privacy import MASK
from indexer.stores import SearchQuery
from tests.engine.fixtures import MakeStore, store_settings
from tests.uvicorn_thread import serving

NAME = "Mariana Quintero Salas"
COURT = "Juzgado Tercero de lo Familiar de León"
PONENTE = "Rodrigo Ibarra Fuentes"
TIMEOUT = httpx.Timeout(120.0)

SENTENCE_FIELDS = {
    "title": "Sentencia definitiva 45/2023",
    "expediente": "45/2023",
    "date": "2023-07-09",
    "court": COURT,
    "proceeding": f"Juicio ordinario civil de arrendamiento promovido por {NAME}",
    "judgment_type": "Sentencia definitiva",
    "ponente": f"Magistrado {PONENTE}",
}
SESSION_FIELDS = {
    "title": "Sesión ordinaria del 12 de julio de 2023",
    "date": "2023-07-12",
    "agenda": [
        "Lectura del orden del día",
        f"Comparecencia de la ciudadana {NAME} ante el Pleno sobre el arrendamiento",
    ],
}
STATUS = "Turnada a comisión; opinión solicitada a favor de "
INITIATIVE_FIELDS = {
    "title": "Iniciativa de reforma a la ley de arrendamiento",
    "date": "2023-07-20",
    "doc_type": "iniciativa",
    "authors": ["C. Laura Garza Treviño"],
    "committee": "Comisión de Justicia",
    "status": f"{STATUS}{NAME}",
}
TEXT = "Se resuelve el arrendamiento conforme a derecho."


def _published(policy: str = "mask") -> list:
    """The three documents as the save path makes them of their listings' fields."""
    made = [
        ("sentencia", "tribunal-gto", SENTENCE_FIELDS, "https://ejemplo.gob.mx/s/45"),
        ("sesion", "congreso-gto", SESSION_FIELDS, "https://congreso.example/sesion/12"),
        ("legislativo", "congreso-gto", INITIATIVE_FIELDS, "https://congreso.example/i/7"),
    ]
    return [
        build_document(
            kind=kind,
            source_id=source,
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            url=url,
            fields=fields,
            text=TEXT,
            privacy=policy,
        )
        for kind, source, fields, url in made
    ]


@pytest.fixture(params=["tantivy", "opensearch"])
def library(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    database_url: str,
    make_engine_store: MakeStore,
) -> Iterator[Library]:
    plain = Settings(data_dir=tmp_path, database_url=database_url)
    settings = store_settings(request, plain, request.param, make_engine_store)
    library = Library.open(settings)
    for doc in _published():
        library.add_document(doc)
    library.flush()
    yield library
    library.close()


def test_a_party_named_in_a_field_is_masked_everywhere_and_not_found(library: Library) -> None:
    sentence, session, initiative = _published()
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        for doc in (sentence, session, initiative):
            shown = http.get(f"{base}/v1/documents/{doc.id}")
            assert shown.status_code == 200
            assert "Quintero" not in shown.text and MASK in shown.text, doc.kind
            page = http.get(f"{base}/d/{doc.id}")
            assert page.status_code == 200
            assert "Quintero" not in page.text, doc.kind
        body = http.get(f"{base}/v1/documents/{sentence.id}").json()
        assert body["proceeding"] == f"Juicio ordinario civil de arrendamiento promovido por {MASK}"
        # what the rule leaves alone stays as read: the court, the judge, the legal terms
        assert (body["court"], body["ponente"]) == (COURT, PONENTE)
        assert body["judgment_type"] == "Sentencia definitiva"
        assert http.get(f"{base}/v1/documents/{session.id}").json()["agenda"] == [
            "Lectura del orden del día",
            f"Comparecencia de la ciudadana {MASK} ante el Pleno sobre el arrendamiento",
        ]
        record = http.get(f"{base}/v1/documents/{initiative.id}").json()
        assert record["committee"] == "Comisión de Justicia" and "Quintero" not in str(record)
        assert record["authors"] == ["Laura Garza Treviño"]  # (her title off, as read)
        # the name finds nothing, in the API, the page, the feed or an export
        for q in ("Quintero", f'"{NAME}"', "Mariana arrendamiento"):
            found = http.get(f"{base}/v1/search", params={"q": q}).json()
            assert (found["total"], found["hits"]) == (0, []), q
            listed = http.get(f"{base}/buscar", params={"q": q}).text
            assert not any(f"/d/{d.id}" in listed for d in (sentence, session, initiative)), q
            feed = http.get(f"{base}/v1/search.atom", params={"q": q})
            assert "<entry>" not in feed.text, q
            export = http.get(f"{base}/v1/export.csv", params={"q": q})
            assert list(csv.DictReader(io.StringIO(export.text))) == [], q
        # found by their public words, they show the mask in every place
        found = http.get(f"{base}/v1/search", params={"q": "arrendamiento"}).json()
        assert found["total"] == 3 and "Quintero" not in str(found)
        feed = http.get(f"{base}/v1/search.atom", params={"q": "arrendamiento"})
        assert feed.text.count("<entry>") == 3 and "Quintero" not in feed.text
        export = http.get(
            f"{base}/v1/export.csv",
            params={"q": "arrendamiento", "fields": "id,title,committee,status,citation,text"},
        )
        rows = list(csv.DictReader(io.StringIO(export.text)))
        assert len(rows) == 3 and "Quintero" not in export.text
        assert {row["status"] for row in rows} == {"", f"{STATUS}{MASK}"}
        assert {row["committee"] for row in rows} == {"", "Comisión de Justicia"}
        assert (
            http.get(f"{base}/v1/search", params={"q": "Comisión de Justicia"}).json()["total"] == 1
        )


def test_the_preview_and_publication_hide_the_same_values() -> None:
    previewed = {"fields": dict(SENTENCE_FIELDS)}
    guard_document(previewed, "mask")
    sentence = _published()[0]
    assert sentence.proceeding == previewed["fields"]["proceeding"]
    assert previewed["privacy"]["hidden"] == 1


def test_under_withhold_a_name_in_a_field_keeps_the_document_back() -> None:
    sentence, session, initiative = _published("withhold")
    assert sentence.privacy.withheld and session.privacy.withheld and initiative.privacy.withheld
    flagged = _published("flag")[0]
    assert NAME in flagged.proceeding and not flagged.privacy.withheld
    assert [f.field for f in flagged.privacy.findings] == ["proceeding"]


def test_a_rescan_masks_the_fields_of_documents_stored_before(tmp_path: Path) -> None:
    """A library published before: ``abierto privacy rescan`` masks its fields."""
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    for doc in _published("flag"):  # stored as read, as a document of before was
        library.add_document(doc)
    library.flush()
    assert library.search(SearchQuery(q="Quintero")).total == 3
    counts = rescan(library, {"tribunal-gto": "mask", "congreso-gto": "mask"})
    assert counts["changed"] == 3  # (their policy too: flag, now mask)
    sentence = library.db.get_document(_published()[0].id)
    assert sentence.proceeding == f"Juicio ordinario civil de arrendamiento promovido por {MASK}"
    assert sentence.ponente == PONENTE and sentence.court == COURT
    assert library.search(SearchQuery(q="Quintero")).total == 0
    assert library.search(SearchQuery(q="arrendamiento")).total == 3
    library.close()
