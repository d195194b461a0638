"""Every page a person reaches, by following the links from the home page and by the
mistakes people make in an address (a wrong date, an unknown filter, a stale page link, a
missing document), is a Spanish page: ``lang="es"``, a title and one heading, no
English words or programs' names (``session_type``, ``doc_type``) in what it says, and
nothing fetched from another server unless the person asked to play a video. The
search page answered an unknown filter (``/buscar?desde=…``, the name /sesiones uses)
with the API's parameter list, «filtros válidos: kind, jurisdiction, … session_type, …»."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from fastapi.testclient import TestClient

from api import mensajes
from api.routers.pages.errors import MESSAGES
from indexer.models import PrivacyFinding, PrivacyReport
from tests.api.conftest import federal_sentencia, serving_documents

# words of the English a program writes; none is a Spanish word
ENGLISH = re.compile(
    r"\b(the|not found|invalid|required|missing|must|should|please|expected|unknown|"
    r"allowed|method|request|value|field|null|true|false|undefined|none)\b",
    re.IGNORECASE,
)
# a name a program reads (session_type, date_from): people read labels
PROGRAM_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")
# what a person mistypes or an old link carries
MISTAKES = [
    "/buscar?desde=2024-01-01&hasta=2024-12-31",
    "/buscar?pagina=2",
    "/buscar?date_from=2024-02-30",
    "/buscar?year=dos",
    "/buscar?q=sentencia&cursor=zzz",
    "/buscar?q=%22sin+cerrar",
    "/buscar?q=(a",
    "/buscar?redacted=quiz%C3%A1",
    "/buscar?kind=sentencia&kind=sesion&q=a&q=b",
    "/sesiones?mes=2025-13",
    "/sesiones?desde=2025-99-01",
    "/sesiones?desde=2025-02-01&hasta=2025-01-01",
    "/sesiones?congreso=Nada",
    "/sesiones/nada",
    "/personas/nadie",
    "/d/nada",
    "/no-existe",
    "/lectores/confirmar?token=caducado",
]
PAGE_LIMIT = 120
# Swagger UI's page for programmers, drawn in English by its script (tests/browser's
# test_docs_page reads it)
NOT_PEOPLE_PAGES = ("/docs",)


class _Page(HTMLParser):
    """What a person reads of a page (not its scripts, styles or code samples), its
    language, title, first-level headings and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title = ""
        self.h1 = 0
        self.links: list[str] = []
        self.said: list[str] = []
        self.loads_outside: list[str] = []  # what reading the page fetches from elsewhere
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "html":
            self.lang = given.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1 += 1
        elif tag == "a" and given.get("href"):
            self.links.append(str(given["href"]))
        loaded = given.get("src") or given.get("poster") or given.get("data")
        if tag == "link" and given.get("rel") not in ("canonical", "alternate"):
            loaded = loaded or given.get("href")
        if loaded and urlsplit(urljoin("http://testserver/", str(loaded))).netloc != ("testserver"):
            self.loads_outside.append(f"<{tag}> {loaded}")
        if tag in ("script", "style", "code", "pre", "template"):
            self._hidden += 1
        for name in ("title", "aria-label", "placeholder", "alt"):
            if given.get(name):
                self.said.append(str(given[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre", "template"):
            self._hidden -= 1
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden:
            self.said.append(data)


def _problems(path: str, html: str) -> tuple[list[str], list[str]]:
    page = _Page()
    page.feed(html)
    problems = []
    if page.lang != "es":
        problems.append(f'{path}: lang="{page.lang}"')
    if not page.title.strip():
        problems.append(f"{path}: sin <title>")
    if page.h1 != 1:
        problems.append(f"{path}: {page.h1} encabezados h1")
    asked_for_player = "ver=" in path or "t=" in path  # the person chose to play a video
    if page.loads_outside and not asked_for_player:
        problems.append(f"{path}: pide a otro servidor {page.loads_outside}")
    said = " ".join(page.said)
    if not path.startswith("/d/"):  # a document's own text is the publisher's
        for word in sorted(set(ENGLISH.findall(said))):
            problems.append(f"{path}: dice «{word}»")
        for name in sorted(set(PROGRAM_NAME.findall(said))):
            problems.append(f"{path}: muestra el nombre «{name}»")
    return problems, page.links


def test_every_page_and_every_mistake_is_answered_in_spanish(client: TestClient) -> None:
    seen: set[str] = set()
    queue = ["/", "/buscar?q=sentencia", *MISTAKES]
    problems: list[str] = []
    shapes: dict[str, int] = {}
    while queue and len(seen) < PAGE_LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        # a few pages of each address's shape: /d/<id> pages differ only in their text
        shape = re.sub(r"/(d|personas|sesiones)/[^/?]+", r"/\1/…", urlsplit(path).path)
        shapes[shape] = shapes.get(shape, 0) + 1
        if shapes[shape] > 8 and path not in MISTAKES:
            continue
        response = client.get(path, headers={"Accept": "text/html"})
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        assert response.status_code < 500, path
        found, links = _problems(path, response.text)
        problems += found
        for link in links:
            address = urlsplit(urljoin("http://testserver" + path, link))
            if address.netloc == "testserver" and not address.path.startswith(
                ("/v1/", *NOT_PEOPLE_PAGES)
            ):
                queue.append(address.path + (f"?{address.query}" if address.query else ""))
    assert len(seen) > 20, seen
    assert problems == [], "\n".join(problems)


def test_an_unknown_filter_is_named_and_the_page_says_where_filters_are(
    client: TestClient,
) -> None:
    page = client.get("/buscar", params={"desde": "2024-01-01"})
    assert page.status_code == 400
    assert "El filtro «desde» no existe en esta página" in page.text
    assert "elija los filtros y las fechas en «Filtros»" in page.text
    assert "session_type" not in page.text.split("<main", 1)[-1].split("</form>", 1)[-1]


def test_a_withheld_document_page_says_why_it_is_not_shown(tmp_path: Path) -> None:
    """A document withheld for personal data answered a person's browser «Algo salió mal ·
    Intente de nuevo más tarde»: a fault to retry, where nothing will change."""
    withheld = federal_sentencia("retenida", "El juzgado resolvió el asunto de Juana Pérez.")
    finding = PrivacyFinding(kind="nombre", start=32, end=43)
    report = PrivacyReport(policy="withhold", findings=[finding])
    docs = [withheld.model_copy(update={"privacy": report})]
    with serving_documents(tmp_path, docs) as url, httpx.Client(base_url=url) as http:
        page = http.get("/d/retenida", headers={"Accept": "text/html"})
    assert page.status_code == 451
    assert "<title>Documento no publicado" in page.text
    assert "contiene datos personales y no se publica mientras no se revise" in page.text
    assert "Algo salió mal" not in page.text


def test_every_refusal_the_api_words_has_its_own_page_for_people() -> None:
    """Each refusal the API words for programs (``api.mensajes``) that a browser can meet
    is said on its page in its own words, not as the page of an unforeseen fault."""
    generic = [status for status in mensajes.BY_STATUS if status < 500 and status not in MESSAGES]
    assert generic == []


def _missing(client: TestClient, path: str) -> str:
    page = client.get(path, headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 404, path
    assert page.headers["content-type"].startswith("text/html"), path
    found, _links = _problems(path, page.text)
    assert found == [], found
    return page.text.split("<main", 1)[1]


def test_a_missing_page_says_what_was_not_found(client: TestClient) -> None:
    """Every 404 page said «Puede que el documento ya no exista», for a person, a congress
    or a mistyped page alike."""
    assert "el documento ya no exista" in _missing(client, "/d/nada")
    person = _missing(client, "/personas/nadie")
    assert "No encontramos a esa persona" in person and "Personas" in person
    congress = _missing(client, "/sesiones/nada")
    assert "No encontramos ese congreso" in congress
    assert "la dirección esté incompleta o mal escrita" in _missing(client, "/nada")
    for path in ("/personas/nadie", "/sesiones/nada", "/nada"):
        assert "el documento" not in _missing(client, path), path


def test_a_stylesheet_address_typed_in_a_browser_gets_the_spanish_page(
    client: TestClient,
) -> None:
    """``/static/nada.css`` answered a person's browser JSON; programs, and a browser
    fetching a page's stylesheet, keep it."""
    assert "No encontramos ese archivo" in _missing(client, "/static/nada.css")
    for accept in ("text/css,*/*;q=0.1", "application/json", "*/*"):
        sheet = client.get("/static/nada.css", headers={"Accept": accept})
        assert sheet.status_code == 404
        assert sheet.headers["content-type"] == "application/json"
        assert sheet.json()["mensaje"]
