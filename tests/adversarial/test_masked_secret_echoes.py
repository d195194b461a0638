"""A credential the API masks (``(oculto)``) never comes back in another answer.

The API shows a stored spec's keys masked and takes the mask back as the stored value
(``api.shown_spec``). Whoever reads that spec could still have the key shown:

- a ``PUT`` or preview of the spec as read, with ``allowed_domains`` narrowed so its
  start URL fell outside: the 422 quoted the start URL with the key restored in it;
- a preview of an ``html_listing`` spec as read: each item's ``listing_url``, the next
  page and the note that ``max_pages`` stops the crawl quoted the listing's address, key
  and all."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.adversarial.service import Api, listing_spec, open_api
from tests.http_thread import serving_handler

TOKEN = "Tk9a8b7c6d5e4f3g2h1"
LISTING = (
    "<html><body><table><tbody>"
    "<tr><td><a href='/d/1'>Sentencia 1/2024</a></td></tr>"
    "<tr><td><a href='/d/2'>Sentencia 2/2024</a></td></tr>"
    "</tbody></table><a rel='next' href='?pagina=2&token={token}'>Siguiente</a></body></html>"
)
DETAIL = "<html><head><title>Sentencia</title></head><body><h1>Amparo directo</h1></body></html>"


class Site(BaseHTTPRequestHandler):
    """A court's listing that asks for a token in its address (and repeats it in its
    own next link, as such sites do)."""

    def do_GET(self) -> None:
        if self.path.startswith("/lista"):
            body = LISTING.format(token=TOKEN).encode()
        elif self.path.startswith("/d/"):
            body = DETAIL.encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def registered(tmp_path: Path) -> Iterator[tuple[Api, dict[str, object]]]:
    """A listing source whose start URL carries a token, and its spec as the API shows
    it (the token masked)."""
    with serving_handler(Site) as base:
        api = open_api(tmp_path / "data")
        try:
            spec = listing_spec(
                f"{base}/lista?token={TOKEN}", allowed_domains=["127.0.0.1", "localhost"]
            )
            spec["listing"] |= {"next_page": "css:a[rel=next]::attr(href)", "max_pages": 1}
            made = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert made.status_code == 201, made.text
            shown = api.client.get("/v1/sources/pj-gto-prueba", headers=api.headers).json()
            assert TOKEN not in str(shown) and "(oculto)" in shown["spec"]["start_urls"][0]
            yield api, shown["spec"]
        finally:
            api.close()


@pytest.mark.parametrize("route", ["put", "preview"])
def test_a_refusal_never_quotes_a_masked_key_it_restored(
    registered: tuple[Api, dict[str, object]], route: str
) -> None:
    api, spec = registered
    narrowed = spec | {"allowed_domains": ["localhost"]}
    if route == "put":
        answer = api.client.put("/v1/sources/pj-gto-prueba", json=narrowed, headers=api.headers)
    else:
        answer = api.client.post("/v1/sources/preview", json=narrowed, headers=api.headers)
    assert answer.status_code == 422
    [problem] = answer.json()["detail"]
    assert problem["loc"] == ["body", "start_urls", 0]
    assert "allowed_domains" in problem["mensaje"]  # still says why
    assert TOKEN not in answer.text
    assert TOKEN[:8] not in answer.text


def test_a_preview_of_the_spec_as_read_never_shows_its_masked_key(
    registered: tuple[Api, dict[str, object]],
) -> None:
    api, spec = registered
    answer = api.client.post("/v1/sources/preview", json=spec, headers=api.headers)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert [d["url"].rsplit("/", 1)[1] for d in found["documents"]] == ["1", "2"]
    assert found["next_page"] and "pagina=2" in found["next_page"]  # the page still reads
    assert found["problems"]  # max_pages stops the crawl: said, with the next address
    assert TOKEN not in answer.text
    assert TOKEN[:8] not in answer.text


def test_a_masked_key_is_not_sent_again_over_plain_http(tmp_path: Path) -> None:
    """The same host over ``http`` is another site for a masked key: a spec read from
    the API and sent back with its ``https`` start URL made ``http`` would have the
    crawler send the key where anyone on the network path reads it."""
    api = open_api(tmp_path / "data")
    try:
        spec = {
            "id": "pj-gto-api", "kind": "sentencia", "jurisdiction": "MX-GUA",
            "shape": "json_api", "start_urls": ["https://127.0.0.1:9/api"],
            "json_api": {"records": "resultados", "link": "/d/{id}",
                         "headers": {"Authorization": f"Bearer {TOKEN}"}},
        }  # fmt: skip
        assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
        read = api.client.get("/v1/sources/pj-gto-api", headers=api.headers).json()["spec"]
        plain = read | {"start_urls": ["http://127.0.0.1:9/api"]}
        answer = api.client.put("/v1/sources/pj-gto-api", json=plain, headers=api.headers)
        assert answer.status_code == 422, answer.text
        assert "escriba de nuevo el valor oculto" in answer.json()["detail"][0]["mensaje"]
        same = api.client.put("/v1/sources/pj-gto-api", json=read, headers=api.headers)
        assert same.status_code == 200, same.text  # sent back as read, it stays
    finally:
        api.close()
