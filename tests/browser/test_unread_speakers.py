"""What a citizen reads of a Senado session in a real browser (without JavaScript, no
request beyond 127.0.0.1): a turn headed in a shape the reader does not know is shown as
said by someone not identified, with the record's own heading in its words, and it is
neither the chair's nor the previous senator's on their pages; a long compound name heads
its own turn and links to its person."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sesion, VideoLink
from tests.browser.conftest import PHONE, axe_violations, screenshot
from tests.speeches.test_unread_headings import SENADO
from tests.uvicorn_thread import serving

# Modelled on the Senado's versión estenográfica (LXVI Legislatura).
TEXT = """VERSIÓN ESTENOGRÁFICA DE LA SESIÓN ORDINARIA DE LA H. CÁMARA DE SENADORES,
CELEBRADA EL MARTES 7 DE OCTUBRE DE 2031.

La Presidenta Senadora Rosalía Ibarra Quintanar: Se abre la sesión. Tiene la palabra el
senador Ortega.

El Senador Tadeo Ortega Villalpando (PAN): Con su venia, Presidenta. Hablo del agua.

Senador Ortega: No estoy de acuerdo con usted, senador.

La Presidenta Senadora Rosalía Ibarra Quintanar: Gracias. (Aplausos)

La Senadora María de los Ángeles de la Torre y Fernández del Valle (PRI): Propongo una
moción suspensiva.

La Presidenta Senadora Rosalía Ibarra Quintanar: Se levanta la sesión.
"""


@pytest.fixture(scope="module")
def senado(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data: Path = tmp_path_factory.mktemp("unread-speakers")
    library = Library.open(Settings(data_dir=data, database_url=None), writer=True)
    library.add_document(
        Sesion(
            id="senado-2031-10-07",
            source_id="senado",
            url="https://senado.example/sesion/2031-10-07",
            title="Sesión ordinaria del Senado, 7 de octubre de 2031",
            institution=SENADO,
            jurisdiction="MX",
            congress=SENADO,
            legislature="LXVI",
            chamber="Senado de la República",
            session_type="ordinaria",
            date=dt.date(2031, 10, 7),
            text=TEXT,
            video_urls=[
                VideoLink(
                    url="https://www.youtube.com/watch?v=abcdefghijk",
                    platform="youtube",
                    state="recorded",
                    video_id="abcdefghijk",
                )
            ],
        )
    )
    library.flush()
    with serving(create_app(library)) as url:
        yield url
    library.close()


def test_an_unread_heading_s_words_are_shown_as_no_one_s_and_on_no_one_s_page(
    senado: str, open_page: Any
) -> None:
    page = open_page(viewport=PHONE, javascript=False)
    page.goto(f"{senado}/d/senado-2031-10-07")
    turns = page.locator("ol.intervenciones > li")
    answer = turns.filter(has_text="No estoy de acuerdo con usted")
    assert answer.count() == 1
    # no one is named for it, and the record's heading stays in its words
    assert answer.locator("strong").inner_text() == "Sin identificar"
    assert answer.locator("strong a").count() == 0
    assert "Senador Ortega: No estoy de acuerdo" in answer.locator(".fragmento").inner_text()
    ortega = turns.filter(has_text="Hablo del agua")
    assert ortega.locator("strong").inner_text() == "Tadeo Ortega Villalpando"
    # a compound name of eleven words heads its own turn, not the chair's words
    long_name = turns.filter(has_text="moción suspensiva")
    assert long_name.count() == 1
    link = long_name.locator("strong a")
    assert link.inner_text() == "María de los Ángeles de la Torre y Fernández del Valle"
    assert "Gracias" not in long_name.locator(".fragmento").inner_text()
    # the watch link is a link to the channel: no third-party player on the page
    assert page.locator("iframe").count() == 0
    assert page.get_by_role("link", name=re.compile("Ver transmisión")).count() == 1
    screenshot(page, "sesion-encabezado-desconocido")
    # what each person said: neither the senator's page nor the chair's holds the answer
    for name in ("Tadeo Ortega Villalpando", "Rosalía Ibarra Quintanar"):
        page.goto(f"{senado}/d/senado-2031-10-07")
        page.get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_url(re.compile(r"/personas/"))
        assert name in page.locator("h1").inner_text()
        assert "No estoy de acuerdo" not in page.locator("main").inner_text()


def test_a_citizen_finds_what_a_person_said_by_typing_part_of_their_name(
    senado: str, open_page: Any
) -> None:
    page = open_page(javascript=False)
    page.goto(f"{senado}/sesiones")
    # lower case, no accents, one surname: the form on the sessions page finds the person
    page.get_by_label("Lo que dijo una persona").fill("angeles de la torre")
    page.get_by_role("button", name="Buscar persona").click()
    page.wait_for_url(re.compile(r"/personas\?nombre="))
    found = page.locator("ul.personas > li")
    assert found.count() == 1
    assert "Senado de la República" in found.inner_text()
    screenshot(page, "personas-buscar")
    found.get_by_role("link", name="María de los Ángeles de la Torre y Fernández del Valle").click()
    page.wait_for_url(re.compile(r"/personas/[^?]+$"))
    said = page.locator("ol.intervenciones").inner_text()
    assert "Propongo una moción suspensiva." in said and "martes 7 de octubre de 2031" in said
    # someone the library does not have, or only a title and particles: said so, no list
    for asked in ("Xochitl+Inexistente", "Senadora+de+la"):
        page.goto(f"{senado}/personas?nombre={asked}")
        assert page.locator("ul.personas").count() == 0
        assert "No encontramos a nadie con ese nombre" in page.locator("main").inner_text()
    # the new form and page pass axe (critical and serious)
    checked = open_page(axe=True)
    for path in ("/sesiones", "/personas?nombre=ortega", "/personas", "/d/senado-2031-10-07"):
        checked.goto(f"{senado}{path}")
        assert axe_violations(checked) == [], path
