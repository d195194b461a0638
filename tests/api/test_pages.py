"""The HTML pages for people (``/``, ``/documentos/{id}``)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_page_highlights_and_escapes(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get("/", params={"q": "transparencia"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<mark>" in page
    assert "<script>" not in page
    assert "Recurso &lt;script&gt;alert(1)&lt;/script&gt; de revisión" in page
    assert f'href="/documentos/{ids["s4"]}"' in page


def test_search_page_facet_links_and_next_page(client: TestClient) -> None:
    page = client.get("/", params={"kind": "sesion"}).text
    assert "3 resultados" in page
    assert "/?kind=sesion&amp;jurisdiction=MX-GUA" in page
    assert "Siguiente" not in page
    filtered = client.get("/?kind=sesion&jurisdiction=MX-GUA").text
    assert "2 resultados" in filtered


def test_search_page_shows_errors_in_spanish(client: TestClient) -> None:
    response = client.get("/", params={"q": '"abierta', "date_from": ""})
    assert response.status_code == 400
    assert "No entendimos la búsqueda" in response.text


def test_document_page_links_the_videos(client: TestClient, ids: dict[str, str]) -> None:
    page = client.get(f"/documentos/{ids['v2']}").text
    assert 'href="https://www.facebook.com/congresogto/live"' in page


def test_search_page_takes_dates_beyond_what_the_index_holds(client: TestClient) -> None:
    every = client.get("/", params={"kind": "sesion"}).text
    assert "3 resultados" in every
    wide = client.get(
        "/", params={"kind": "sesion", "date_from": "0001-01-01", "date_to": "9999-12-31"}
    )
    assert wide.status_code == 200 and "3 resultados" in wide.text
    future = client.get("/", params={"kind": "sesion", "date_from": "9000-01-01"})
    assert future.status_code == 200 and "0 resultados" in future.text
