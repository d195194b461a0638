"""ASP.NET grids whose rows link to their document through a button that posts the form
back (the Poder Judicial de Nuevo León's ImgBtnSentencia_N): each row is one post of the
listing's form, with that page's own __VIEWSTATE and __EVENTVALIDATION, as a click on its
image button (``name.x``/``name.y``) or its ``__doPostBack`` link; the answer's viewer
frame names the document, followed to its file. A row whose answer has no viewer is a
counted error, not a lost or wrong document."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector as Page

from config.specs import SpecError, parse_spec
from crawlers.causas import errors_with_mensajes
from crawlers.postback import control_data
from indexer.db import Database
from tests.shapes.harness import FIXTURES, run_abierto
from tests.shapes.server import FixtureServer

CASE = FIXTURES / "html_listing" / "pj-nl-botones"
MODULE = "/html_listing/pj-nl-botones/SentenciasPublicas/Modulos/Penales.aspx"
BUTTON = "ctl00$ContentPlaceHolder1$gdvPenal$ctl02$ImgBtnSentencia"


def _control(html: str) -> Page:
    return Page(text=f"<form>{html}</form>").xpath("//form/*")[0]


def test_each_kind_of_button_sends_what_a_browsers_click_sends() -> None:
    assert control_data(_control(f'<input type="image" name="{BUTTON}" src="pdf.png">')) == {
        f"{BUTTON}.x": "1",
        f"{BUTTON}.y": "1",
    }
    assert control_data(_control('<input type="submit" name="btnVer" value="Ver">')) == {
        "btnVer": "Ver"
    }
    link = "<a href=\"javascript:__doPostBack('ctl00$gdvPenal','Sentencia$3')\">Ver</a>"
    assert control_data(_control(link)) == {
        "__EVENTTARGET": "ctl00$gdvPenal",
        "__EVENTARGUMENT": "Sentencia$3",
    }
    assert control_data(_control('<a href="Visor.aspx?p=1">Ver</a>')) is None
    assert control_data(_control(f'<input type="image" name="{BUTTON}" disabled>')) is None


def test_a_button_selector_that_reads_an_attribute_is_refused_in_spanish() -> None:
    spec = {
        "id": "rejilla",
        "kind": "sentencia",
        "institution": "Poder Judicial",
        "jurisdiction": "MX-NLE",
        "start_urls": ["https://example.org/Penales.aspx"],
        "listing": {"items": "tr", "link_postback": {"button": "input::attr(name)"}},
    }
    with pytest.raises(SpecError, match=r"link_postback\.button debe elegir el control"):
        parse_spec(spec)
    spec["listing"]["link_postback"] = {"button": "xpath:.//input[@type='image']/@name"}
    with pytest.raises(SpecError, match=r"link_postback\.button debe elegir el control"):
        parse_spec(spec)


def test_each_row_is_posted_back_with_its_pages_state_and_gets_its_own_file(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "spec.yaml").write_bytes((CASE / "spec.yaml").read_bytes())
    with FixtureServer(FIXTURES) as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
        posts = [h for h in server.hits(MODULE) if h.method == "POST"]
    # page 2, and one post per row (4 on page 1, 1 on page 2): the server answers only a
    # post carrying the right button and its own page's state, anything else is a 404
    assert sorted(h.status for h in posts) == [200] * 6
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
        run = db.list_runs("fixture-pj-nl-botones", limit=1)[0]
    finally:
        db.close()
    # each row has its own sentence, the two rows alike included
    assert sorted((d.title.split(": ")[1], d.expediente) for d in docs) == [
        ("ALLANAMIENTO DE MORADA, 14/abril/2021", "Carpeta Judicial 233/2020"),
        ("DAÑO EN PROPIEDAD AJENA, 12/abril/2021", "Carpeta Judicial 204/2020"),
        ("DAÑO EN PROPIEDAD AJENA, 12/abril/2021", "Carpeta Judicial 205/2020"),
        ("EXTORSIÓN, 20/abril/2021", "Carpeta Judicial 19/2021"),
    ]
    assert all("controller.aspx" in doc.files[0].url for doc in docs)
    assert set(run.errors) == {"postback_without_document"}
    [example] = errors_with_mensajes(run.errors)["postback_without_document"]["examples"]
    assert run.errors["postback_without_document"]["count"] == 1
    assert example["mensaje"].startswith("elemento 3: la respuesta al botón")
