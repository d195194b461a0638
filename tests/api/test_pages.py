"""The HTML pages for people, read as a browser receives them (the browser itself drives
them in tests/browser)."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.pages.common import date_words, file_size, thousands
from api.routers.pages.search import whole_words
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia, document_id
from indexer.stores.base import SearchQuery, SearchResult, StoreUnavailable
from tests.api.conftest import VIDEO_GTO
from tests.api.test_sources import make_service, spec

HTML = {"accept": "text/html,application/xhtml+xml"}


def test_spanish_numbers_dates_and_sizes() -> None:
    import datetime as dt

    assert thousands(1234) == "1.234" and thousands(1234567) == "1.234.567"
    assert date_words(dt.date(2025, 2, 20)) == "jueves 20 de febrero de 2025"
    assert file_size(11 * 1024) == "11 KB" and file_size(300) == "300 B"
    assert (
        str(whole_words("ción de la <mark>Sala</mark> que resol"))
        == "… de la <mark>Sala</mark> que …"
    )


def test_search_page_highlights_escapes_and_links_the_document_page(
    client: TestClient, ids: dict[str, str]
) -> None:
    response = client.get("/buscar", params={"q": "transparencia"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<mark>" in page and "<script>alert" not in page
    assert "Recurso &lt;script&gt;alert(1)&lt;/script&gt; de revisión" in page
    assert f'href="/d/{ids["s4"]}?q=transparencia' in page
    assert "Resultados 1–3 de 3" in page
    assert 'href="/v1/search.atom?q=transparencia"' in page
    assert 'href="/v1/export.csv?q=transparencia&amp;bom=1"' in page
    assert 'href="/ayuda#sintaxis"' in page
    # the page's CSV link answers the same documents, with the byte-order mark a
    # spreadsheet needs to read its accents as UTF-8
    link = html.unescape(re.search(r'href="(/v1/export\.csv\?[^"]+)"', page).group(1))
    exported = client.get(link + "&fields=id")
    assert exported.status_code == 200 and exported.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    found = client.get("/v1/search", params={"q": "transparencia"}).json()["hits"]
    assert rows[0] == ["id"] and {row[0] for row in rows[1:]} == {hit["id"] for hit in found}
    assert len(found) == 3


def test_a_query_is_sorted_by_relevance_and_browsing_by_date(client: TestClient) -> None:
    home = client.get("/").text
    assert '<strong aria-current="true">Más recientes</strong>' in home
    form = home[home.index('<form class="buscador"') : home.index("</form>")]
    assert 'name="sort"' not in form  # the home page's order never rides along with a query
    searched = client.get("/buscar", params={"q": '"daño moral"'}).text
    assert '<strong aria-current="true">Relevancia</strong>' in searched
    by_date = client.get("/buscar", params={"q": "sesión", "sort": "date_asc"}).text
    assert '<strong aria-current="true">Más antiguos</strong>' in by_date


def test_facets_count_and_each_filter_has_a_labelled_remove_link(client: TestClient) -> None:
    page = client.get("/buscar", params={"kind": "sentencia"}).text
    assert "Resultados 1–4 de 4" in page
    assert re.search(r'href="/buscar\?kind=sentencia&amp;matter=penal"><span>Penal</span>', page)
    filtered = client.get("/buscar", params={"kind": "sentencia", "matter": "penal"}).text
    assert "Resultados 1–1 de 1" in filtered
    assert 'aria-label="quitar filtro Materia: Penal"' in filtered
    assert 'href="/buscar?kind=sentencia"' in filtered  # the remove link keeps the other filter


def test_results_per_year_beside_the_year_facet(client: TestClient) -> None:
    page = client.get("/buscar", params={"kind": "sesion"}).text
    assert 'role="img" aria-label="Resultados por año. 2024: 3"' in page
    by_year = client.get("/buscar", params={"kind": "sentencia", "year": "2022"}).text
    assert "Resultados 1–1 de 1" in by_year and "Apelación penal 45/2022" in by_year
    assert 'aria-label="quitar filtro Año: 2022"' in by_year


def test_undated_results_are_one_search_and_no_year_chart(tmp_path: Path) -> None:
    """The results per year are the page's own search's year facet: results none of which
    has a date show no chart and cost no searches of their own (there were two more, for
    the oldest and the newest date, which could only find undated documents)."""
    library = Library.open(Settings(data_dir=tmp_path, database_url=None))
    for n, day in enumerate((None, None, dt.date(2019, 5, 2))):
        url = f"https://ejemplo.gob.mx/sin-fecha/{n}"
        library.add_document(
            Sentencia(
                id=document_id("prueba", url),
                title=f"Resolución {n}",
                date=day,
                institution="Tribunal de Prueba",
                jurisdiction="MX-GUA",
                source_id="prueba",
                url=url,
                text=f"Resolución {'fechada' if day else 'zarzaparrilla'} número {n}.",
            )
        )
    library.flush()
    asked: list[SearchQuery] = []
    search = library.store.search

    def counted(query: SearchQuery) -> SearchResult:
        asked.append(query)
        return search(query)

    library.store.search = counted  # type: ignore[method-assign]
    with TestClient(create_app(library)) as client:
        undated = client.get("/buscar", params={"q": "zarzaparrilla"}, headers=HTML).text
        assert "Resultados 1–2 de 2" in undated and "Resultados por año" not in undated
        assert len(asked) == 1
        both = client.get("/buscar", params={"q": "zarzaparrilla OR fechada"}, headers=HTML)
        assert 'aria-label="Resultados por año. 2019: 1"' in both.text and len(asked) == 2
    library.close()


def test_every_year_with_results_is_in_the_chart_and_the_list(tmp_path: Path) -> None:
    """Thirty years, five of them with one result each among busier ones: every year is
    drawn and listed (the chart went from 2001 to 2007 on a real folder, the five years
    between left out unsaid), and a year without results is a visible gap, no link."""
    library = Library.open(Settings(data_dir=tmp_path, database_url=None))
    sparse = range(2002, 2007)
    years = [y for y in range(1995, 2026) if y != 2010]
    for year in years:
        for n in range(1 if year in sparse else 3):
            url = f"https://ejemplo.gob.mx/anual/{year}/{n}"
            library.add_document(
                Sentencia(
                    id=document_id("prueba", url),
                    title=f"Resolución {n} de {year}",
                    date=dt.date(year, 3, 1),
                    institution="Tribunal de Prueba",
                    jurisdiction="MX-GUA",
                    source_id="prueba",
                    url=url,
                    text=f"Resolución de la guanábana número {n} de {year}.",
                )
            )
    library.flush()
    with TestClient(create_app(library)) as client:
        page = client.get("/buscar", params={"q": "guanábana"}, headers=HTML).text
        label = re.search(r'aria-label="Resultados por año\. ([^"]*)"', page)
        assert label is not None
        drawn = dict(pair.split(": ") for pair in label.group(1).split(", "))
        assert drawn == {str(y): "1" if y in sparse else "3" for y in years}
        start = label.start()
        chart = page[start : page.index("</svg>", start)]
        assert chart.count("<rect") == 2025 - 1995 + 1  # 2010 too, as an empty tick
        assert chart.count('fill="#d9d5cc"') == 1
        for year in sparse:
            assert f"year={year}" in page
        assert "year=2010" not in page
        answer = client.get("/v1/search", params={"q": "guanábana", "facets": "year"}).json()
        assert {f["value"]: f["count"] for f in answer["facets"]["year"]} == {
            str(y): 1 if y in sparse else 3 for y in years
        }
    library.close()


def test_parser_errors_are_said_in_spanish(client: TestClient) -> None:
    response = client.get("/buscar", params={"q": '"abierta'})
    assert response.status_code == 400
    assert "No entendimos la búsqueda: falta cerrar las comillas" in response.text
    assert "unclosed" not in response.text
    assert "falta cerrar un paréntesis" in client.get("/buscar", params={"q": "(amparo"}).text


def test_sessions_have_a_mark_their_date_in_words_and_their_video(
    client: TestClient, ids: dict[str, str]
) -> None:
    listing = client.get("/buscar", params={"kind": "sesion"}).text
    assert listing.count("▶ Con video") == 3
    page = client.get(
        "/sesiones", params={"congreso": "Congreso de Guanajuato", "mes": "2024-02"}
    ).text
    assert "Sesiones de febrero de 2024" in page
    assert "Jueves 8 de febrero de 2024" in page
    assert f'href="{VIDEO_GTO}"' in page and "Ver transmisión" in page
    assert "<iframe" not in page  # the player loads only when asked for
    assert f"/d/{ids['v1']}?ver=1#reproductor" in page
    live = client.get("/sesiones", params={"congreso": "Congreso de Guanajuato"}).text
    assert live.index("En vivo") < live.index("Sesión ordinaria del 8 de febrero")


def test_the_player_is_youtube_privacy_enhanced_when_asked_for(
    client: TestClient, ids: dict[str, str]
) -> None:
    page = client.get(f"/d/{ids['v1']}", params={"ver": "1"}).text
    assert '<iframe src="https://www.youtube-nocookie.com/embed/GtoOrd2024feb"' in page
    assert '"@type": "BroadcastEvent"' in page


def test_a_congress_page_lists_its_sessions_by_month(client: TestClient) -> None:
    page = client.get("/sesiones/congreso-de-guanajuato").text
    assert page.index("<h2>Marzo de 2024</h2>") < page.index("<h2>Febrero de 2024</h2>")
    assert "Sesiones por mes en 2024" in page
    assert client.get("/sesiones/no-existe", headers=HTML).status_code == 404


def test_document_page_reads_highlights_downloads_and_describes_itself(
    client: TestClient, ids: dict[str, str]
) -> None:
    page = client.get(
        f"/d/{ids['s1']}", params={"q": '"daño moral"', "volver": "/buscar?q=da%C3%B1o"}
    ).text
    assert "<mark>daño moral</mark>" in page
    assert "Descargar PDF (1 KB)" not in page and re.search(r"Descargar PDF \(\d+ B\)", page)
    assert 'href="/buscar?q=da%C3%B1o">← Volver a los resultados' in page
    assert "miércoles 15 de marzo de 2023" in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["@type"] == "CreativeWork" and data["name"] == "Amparo en revisión 123/2023"
    assert '<meta property="og:title" content="Amparo en revisión 123/2023">' in page
    assert "Estado Abierto, http://testserver/d/" in page  # the citation, as selectable text
    law = client.get(f"/d/{ids['l1']}").text
    assert '"@type": "Legislation"' in law
    outside = client.get(f"/d/{ids['s1']}", params={"volver": "//evil.example/x"}).text
    assert "Volver a los resultados" not in outside


def test_document_page_marks_a_proximity_phrase_where_its_words_stand_near(
    client: TestClient, ids: dict[str, str]
) -> None:
    """«Sala … moral» stand three words apart: marked; «Primera» and «víctima» never
    stand within three words of each other: neither is marked on its own."""
    near = client.get(f"/d/{ids['s1']}", params={"q": '"sala moral"~3'}).text
    assert "<mark>Sala</mark> sobre el daño <mark>moral</mark>" in near
    apart = client.get(f"/d/{ids['s1']}", params={"q": '"primera víctima"~3'}).text
    assert "la Primera Sala" in apart and "a la víctima" in apart
    assert "<mark>Primera</mark>" not in apart and "<mark>víctima</mark>" not in apart


def test_old_document_addresses_redirect_for_good(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get(f"/documentos/{ids['s1']}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == f"/d/{ids['s1']}"


def test_errors_are_html_in_spanish_for_people_and_json_for_the_api(client: TestClient) -> None:
    page = client.get("/no-existe", headers=HTML)
    assert page.status_code == 404 and "No encontramos esa página" in page.text
    assert client.get("/d/nada", headers=HTML).text.count("No encontramos esa página") == 2
    api = client.get("/v1/documents/nada", headers=HTML)
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    assert client.get("/no-existe").headers["content-type"] == "application/json"


def test_docs_work_offline(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    script = client.get("/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert client.get("/docs-assets/..%2Fcore.py").status_code == 404


def test_one_cacheable_stylesheet_and_gzip_on_html(client: TestClient) -> None:
    page = client.get("/ayuda", headers={"accept-encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    href = re.search(r'<link rel="stylesheet" href="([^"]+)">', page.text).group(1)
    style = client.get(href)
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    assert "immutable" in style.headers["cache-control"]
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_help_and_about_pages(client: TestClient) -> None:
    help_page = client.get("/ayuda").text
    assert 'id="sintaxis"' in help_page and "Descargar CSV" in help_page
    about = client.get("/acerca").text
    assert "versión pública" in about and "Licencia de los datos" in about


def test_every_example_of_the_help_is_a_search_the_api_reads(client: TestClient) -> None:
    # the help shows proximity, typographic quotes and the fields' Spanish names, and
    # each example written there is a question the search answers, never a 422
    help_page = client.get("/ayuda").text
    syntax = help_page.split('id="sintaxis"')[1].split("</dl>")[0]
    examples = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", syntax)]
    assert {'"pensión definitiva"~5', "«daño moral»", 'tribunal:"Sala Penal"'} <= set(examples)
    for example in examples:
        assert client.get("/v1/search", params={"q": example}).status_code == 200, example


def test_sources_are_public_and_an_institution_sees_its_own_after_signing_in(
    tmp_path: Path,
) -> None:
    service = make_service(tmp_path)
    client = service.client
    try:
        created = client.post(
            "/v1/sources", json=spec("http://127.0.0.1:9"), headers=service.congreso
        )
        assert created.status_code == 201, created.text
        public = client.get("/fuentes").text
        assert "tribunal-gto-sentencias" in public  # a configured source
        assert "congreso-gto-gaceta-propia" in public and "Sin lecturas" in public
        assert 'method="post"' in public and "Sesión iniciada" not in public
        bad = client.post("/fuentes/entrar", data={"clave": "ea_nope_nope"}, headers=HTML)
        assert bad.status_code == 401 and "La clave no es válida" in bad.text
        other = client.post(
            "/fuentes/entrar",
            data={"clave": service.tribunal["Authorization"].split()[1]},
            follow_redirects=True,
        ).text
        assert "Poder Judicial del Estado de Guanajuato" in other
        assert "Aún no registra fuentes propias" in other  # not the congress's source
        client.post("/fuentes/salir")
        client.cookies.clear()
        own = client.post(
            "/fuentes/entrar",
            data={"clave": service.congreso["Authorization"].split()[1]},
            follow_redirects=True,
        )
        assert own.url.path == "/fuentes" and "clave" not in str(own.url.query)
        assert "Sesión iniciada como" in own.text and "Todavía no se ha leído" in own.text
        client.cookies.set("ea_fuentes", "congreso-gto|forged|9999999999|00", path="/fuentes")
        assert "Sesión iniciada" not in client.get("/fuentes").text
    finally:
        service.library.close()


class DeadEngine:
    """A search engine that does not answer (as a stopped OpenSearch node does)."""

    def search(self, _query: object) -> None:
        raise StoreUnavailable("connection refused")


def test_a_search_engine_that_does_not_answer_is_a_503_page_in_spanish(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    library.store = DeadEngine()  # type: ignore[assignment]
    try:
        with TestClient(create_app(library)) as client:
            page = client.get("/buscar", params={"q": "amparo"}, headers=HTML)
            assert page.status_code == 503 and "El buscador no responde" in page.text
            assert page.headers["retry-after"] == "30"
            api = client.get("/v1/search", params={"q": "amparo"}, headers=HTML)
            assert api.status_code == 503 and "detail" in api.json()
    finally:
        library.close()


def test_search_page_takes_dates_beyond_what_the_index_holds(client: TestClient) -> None:
    every = client.get("/buscar", params={"kind": "sesion"})
    wide = client.get(
        "/buscar", params={"kind": "sesion", "date_from": "0001-01-01", "date_to": "9999-12-31"}
    )
    assert wide.status_code == 200 and every.status_code == 200
    assert wide.text.count("▶ Con video") == every.text.count("▶ Con video") == 3
    future = client.get("/buscar", params={"kind": "sesion", "date_from": "9000-01-01"})
    assert future.status_code == 200 and "▶ Con video" not in future.text


def test_sources_page_draws_judgments_per_court_and_month_with_their_numbers(
    client: TestClient,
) -> None:
    page = client.get("/fuentes").text
    courts = page[page.index("Por órgano judicial") : page.index("Todas las fuentes")]
    assert "<title>Sentencias por mes y órgano</title><desc>" in courts
    assert "de noviembre de 2021 a marzo de 2023" in courts  # the picture says its span
    head = re.search(r"<thead>(.*?)</thead>", courts, re.S)
    assert head is not None
    columns = re.findall(r'<th scope="col">([^<]+)</th>', head.group(1))
    assert columns == ["Mes", "Juzgado Tercero Civil", "Primera Sala", "Primera Sala Penal"]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>((?:<td>\d+</td>)+)', courts))
    assert rows["Marzo de 2023"] == "<td>0</td><td>1</td><td>0</td>"
    assert rows["Noviembre de 2021"] == "<td>1</td><td>0</td><td>0</td>"
    assert len(rows) == 17  # every month from the first judgment on, gaps included
    # a court with nothing in the chart's last three months is named, with its last month
    assert "<strong>Juzgado Tercero Civil</strong> (el último es de noviembre de 2021)" in courts
    assert "<strong>Primera Sala Penal</strong> (el último es de junio de 2022)" in courts
    assert "<strong>Primera Sala</strong> (" not in courts


def test_a_series_with_documents_after_the_chart_has_not_stopped() -> None:
    from api.routers.pages.charts import month_table

    months = [(2025, m) for m in range(1, 13)]
    table = month_table(
        [("anuncia", {(2025, 2): 3, (2026, 5): 1}), ("paró", {(2025, 3): 2})], months
    )
    assert table.stopped == [("paró", "marzo de 2025")]
    assert table.rows[0] == ("diciembre de 2025", [0, 0])
