"""A json_api spec's own headers (an API key, an ``Authorization`` the institution
supplies) reach only the origin they were configured for: a redirect or the API's
``next`` link to another origin (here another loopback host, 127.0.0.2, at the same
port: a port the spec does not name is refused outright) gets the request without
them, so a hostile or compromised site never learns the secret."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from samples.background import BackgroundServer
from tests.adversarial.service import open_api
from tests.adversarial.test_crawl_limits import _run

SECRETS = {"X-Api-Key": "clave-secreta-del-poder-judicial", "Authorization": "Bearer ficha-123"}
Answer = Callable[[str], tuple[int, dict[str, str], bytes]]


class Recording(BackgroundServer):
    """Answers with ``answer(path)`` and keeps each request's path and headers."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.answer: Answer = lambda path: (404, {}, b"")
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                status, headers, body = owner.answer(self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        super().__init__(ThreadingHTTPServer((host, port), Handler))

    def carrying_secrets(self) -> list[str]:
        return [
            path for path, headers in self.seen if headers.keys() & {k.lower() for k in SECRETS}
        ]


def _elsewhere(home: Recording) -> Recording:
    """Another origin on this machine: another loopback host at the home server's port."""
    return Recording("127.0.0.2", home.port)


def _records(first: int, next_link: str | None = None) -> bytes:
    data: dict[str, Any] = {
        "resultados": [{"id": n, "titulo": f"Sentencia {n}", "texto": f"Texto {n}"}
                       for n in (first, first + 1)],
    }  # fmt: skip
    if next_link:
        data["siguiente"] = next_link
    return json.dumps(data).encode()


def _spec(start: str, api: str) -> dict[str, Any]:
    return {
        "id": "pj-gto-api", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
        "start_urls": [start],
        "json_api": {
            "records": "resultados", "link": api + "/d/{id}", "text": "texto",
            "fields": {"title": "titulo"}, "next": "siguiente", "headers": SECRETS,
        },
    }  # fmt: skip


def _crawl(
    tmp_path: Path, home_answer: Answer, away_answer: Answer, start: str
) -> tuple[Recording, Recording, dict[str, Any]]:
    api = open_api(tmp_path / "data")
    try:
        with Recording() as home, _elsewhere(home) as away:
            away.answer = away_answer
            home.answer = _bound(home_answer, away.url)
            run = _run(api, _spec(home.url + start, home.url))
    finally:
        api.close()
    return home, away, run


def _bound(answer: Answer, away: str) -> Answer:
    def bound(path: str) -> tuple[int, dict[str, str], bytes]:
        status, headers, body = answer(path)
        fill = {k: v.replace("{away}", away) for k, v in headers.items()}
        return status, fill, body.replace(b"{away}", away.encode())

    return bound


def _home(path: str) -> tuple[int, dict[str, str], bytes]:
    if path.startswith("/mismo"):  # a redirect within the origin keeps the headers
        return 302, {"Location": "/api"}, b""
    if path.startswith("/fuera"):
        return 302, {"Location": "{away}/api"}, b""
    if path.startswith("/api"):
        return 200, {"Content-Type": "application/json"}, _records(1, "{away}/pagina2")
    return 404, {}, b""


def _away(path: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "application/json"}, _records(10 if "pagina2" in path else 20)


def test_a_redirect_to_another_origin_does_not_carry_the_secret(tmp_path: Path) -> None:
    """Before: the start URL's 302 to the other port sent it the API key."""
    home, away, run = _crawl(tmp_path, _home, _away, "/fuera")
    assert away.seen, "the redirect was followed"
    assert away.carrying_secrets() == [], away.seen
    assert home.carrying_secrets() == ["/fuera"], home.seen
    assert run["stats"]["items"] >= 2, run


def test_an_api_next_link_to_another_origin_does_not_carry_the_secret(tmp_path: Path) -> None:
    """Before: the API's ``siguiente`` pointing elsewhere was requested with the key."""
    home, away, run = _crawl(tmp_path, _home, _away, "/api")
    assert [path for path, _ in away.seen if path != "/robots.txt"] == ["/pagina2"]
    assert away.carrying_secrets() == []
    assert home.carrying_secrets() == ["/api"]
    assert run["stats"]["items"] == 4, run


def test_a_redirect_within_the_origin_keeps_the_headers(tmp_path: Path) -> None:
    home, _, run = _crawl(tmp_path, _home, _away, "/mismo")
    assert run["stats"]["items"] == 4, run
    assert home.carrying_secrets() == ["/mismo", "/api"], home.seen
    request = dict(home.seen)["/api"]
    assert request["x-api-key"] == SECRETS["X-Api-Key"]
    assert request["authorization"] == SECRETS["Authorization"]


def test_a_preview_keeps_the_secret_to_its_origin_too(tmp_path: Path) -> None:
    """The preview of a json_api spec runs the same spider: a redirect elsewhere, then
    the API's next link elsewhere, both go without the headers."""
    api = open_api(tmp_path / "data")
    try:
        with Recording() as home, _elsewhere(home) as away:
            away.answer = _away
            home.answer = _bound(_home, away.url)
            spec = _spec(home.url + "/fuera", home.url)
            shown = api.client.post("/v1/sources/preview", json=spec, headers=api.headers)
    finally:
        api.close()
    assert shown.status_code == 200, shown.text[:300]
    assert shown.json()["documents"], shown.json()
    assert away.seen and away.carrying_secrets() == [], away.seen
    assert home.carrying_secrets() == ["/fuera"]


QUERY_SECRET = "clave-en-la-direccion-987"


def _all_headers(server: Recording) -> list[tuple[str, dict[str, str]]]:
    return [(path, headers) for path, headers in server.seen if path != "/robots.txt"]


def test_detail_pages_and_files_elsewhere_get_neither_the_headers_nor_the_key_in_the_query(
    tmp_path: Path,
) -> None:
    """Records whose detail page and file are on another origin (a CDN, or a link an
    attacker slipped into a record): those requests carry none of the spec's headers,
    and no ``Referer`` with the API's address, whose query holds the key the spec put
    in ``params``. Before: Scrapy's default referrer policy sent the whole API address,
    key included, to the other origin."""
    api = open_api(tmp_path / "data")
    try:
        with Recording() as home, _elsewhere(home) as away:
            page = b"<html><body><h1>Sentencia</h1><p>Texto de la sentencia.</p></body></html>"
            away.answer = lambda path: (200, {"Content-Type": "text/html"}, page)
            home.answer = _bound(_home, away.url)
            spec = _spec(home.url + "/api", away.url)
            spec["json_api"] |= {
                "params": {"clave": QUERY_SECRET}, "follow": True, "next": None,
                "files": [away.url + "/f/{id}.pdf"],
            }  # fmt: skip
            run = _run(api, spec)
    finally:
        api.close()
    asked = _all_headers(away)
    assert {path.split("?")[0] for path, _ in asked} >= {"/d/1", "/d/2"}, (asked, run)
    assert any(path.startswith("/f/") for path, _ in asked), (asked, run)
    assert away.carrying_secrets() == [], asked
    for path, headers in asked:
        assert QUERY_SECRET not in path + repr(headers), (path, headers)
    # the home origin still gets its own key, in the query and the headers
    assert any(QUERY_SECRET in path for path, _ in home.seen), home.seen
    assert home.carrying_secrets(), home.seen


def test_a_redirect_elsewhere_does_not_get_the_key_in_the_query_as_referer(
    tmp_path: Path,
) -> None:
    """The API's address, key in its query, redirects to another origin: that origin
    gets no ``Referer`` holding the key (before: the whole address)."""
    api = open_api(tmp_path / "data")
    try:
        with Recording() as home, _elsewhere(home) as away:
            away.answer = _away
            home.answer = _bound(_home, away.url)
            spec = _spec(home.url + "/fuera", home.url)
            spec["json_api"] |= {"params": {"clave": QUERY_SECRET}, "next": None}
            run = _run(api, spec)
    finally:
        api.close()
    asked = _all_headers(away)
    assert [path for path, _ in asked] == ["/api"], (asked, run)
    assert any(QUERY_SECRET in path for path, _ in home.seen), home.seen
    for path, headers in asked:
        assert QUERY_SECRET not in path + repr(headers), (path, headers)
