"""A document's page shows the start of its text, about 40,000 characters, and links the
rest: a text of one 6 MB paragraph (no blank line in it) was drawn whole, a 12 MB page
that cost seconds of CPU each time anyone opened it. A session's card in the lists of
sessions shows its order of the day's first points and links the rest: every item of every
card was drawn in every list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.models import Sentencia, Sesion, document_id
from tests.api.conftest import make_library

ENDLESS = " ".join(f"considerando{n % 5000} amparo" for n in range(400_000))
SHORT = "Primer párrafo del fallo.\n\nSegundo párrafo: se concede el amparo."


def _judgment(name: str, text: str) -> Sentencia:
    return Sentencia(
        id=document_id("pj-prueba", f"https://tribunal.example/{name}"),
        title=f"Sentencia {name}",
        date=dt.date(2024, 5, 6),
        institution="Tribunal de Prueba",
        jurisdiction="MX-GUA",
        source_id="pj-prueba",
        url=f"https://tribunal.example/{name}",
        text=text,
    )


AGENDA = [f"Punto {n}: dictamen de la Comisión de Hacienda " + "con sus anexos " * 60
          for n in range(900)]  # fmt: skip
SESSION = Sesion(
    id=document_id("congreso-prueba", "https://congreso.example/sesion"),
    title="Sesión ordinaria del 6 de mayo de 2024",
    date=dt.date(2024, 5, 6),
    institution="Congreso de Prueba",
    jurisdiction="MX-GUA",
    source_id="congreso-prueba",
    url="https://congreso.example/sesion",
    text="Orden del día.",
    congress="Congreso de Prueba",
    agenda=AGENDA,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = make_library(tmp_path_factory.mktemp("data"))
    for name, text in (("larga", ENDLESS), ("corta", SHORT)):
        library.add_document(_judgment(name, text))
    library.add_document(SESSION)
    library.flush()
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


@pytest.mark.parametrize("q", ["", "amparo"])
def test_one_endless_paragraph_is_cut_and_the_rest_linked(client: TestClient, q: str) -> None:
    doc = _judgment("larga", ENDLESS)
    page = client.get(f"/d/{doc.id}", params={"q": q} if q else None)
    assert page.status_code == 200 and len(page.content) < 200_000
    assert "considerando0" in page.text and "considerando4999" not in page.text
    assert "Leer el texto completo" in page.text and " …</p>" in page.text
    if q:
        assert page.text.count("<mark>amparo</mark>") > 1000


def test_a_short_text_is_shown_whole(client: TestClient) -> None:
    doc = _judgment("corta", SHORT)
    page = client.get(f"/d/{doc.id}", params={"q": "amparo"})
    assert "Primer párrafo del fallo." in page.text
    assert "se concede el <mark>amparo</mark>." in page.text
    assert "Leer el texto completo" not in page.text


@pytest.mark.parametrize("path", ["/sesiones", "/sesiones/congreso-de-prueba"])
def test_a_session_card_shows_the_first_points_of_its_agenda(client: TestClient, path: str) -> None:
    page = client.get(path, params={"anio": "2024"} if path != "/sesiones" else None)
    assert page.status_code == 200 and len(page.content) < 200_000
    assert "Orden del día (900 puntos)" in page.text and "Punto 19:" in page.text
    assert "Punto 20:" not in page.text
    assert "Los 900 puntos, en la página de la sesión" in page.text
    whole = client.get(f"/d/{SESSION.id}")
    assert "Punto 899:" in whole.text
