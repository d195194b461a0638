"""A session cookie whose ``Max-Age`` is a number of hundreds of digits (a site's bug, or
a hostile one): its life was added to the clock as a float, an OverflowError raised in
the crawl's cookie middleware, so the page that set it was lost (and a preview's fetch
of it ended in a traceback, and httpx's own jar printed one) though the page itself was
fine. A life past 400 days is read as 400 days now (RFC 6265bis, as browsers do): the
page is read and its session goes on. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import time
import warnings
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from crawlers.fetch import fetch
from crawlers.session_cookies import SessionCookies
from indexer.db import Database
from tests.adversarial.file_listing import SOURCE, SPEC
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

LIFE = "9" * 400
LISTING = (
    b"<html><body><table><tbody>"
    b"<tr><td><a href='/acuerdo-1.html'>Acuerdo 1</a></td></tr>"
    b"<tr><td><a href='/acuerdo-2.html'>Acuerdo 2</a></td></tr>"
    b"</tbody></table></body></html>"
)


class Site(BaseHTTPRequestHandler):
    """The listing sets the session; a document answers only within it."""

    def do_GET(self) -> None:
        if self.path == "/":
            body, cookie = LISTING, f"ASP.NET_SessionId=sesion1; Max-Age={LIFE}; path=/"
        elif "sesion1" in (self.headers.get("Cookie") or ""):
            n = self.path.rsplit("-", 1)[1].split(".")[0]
            body = f"<html><body><h1>Acuerdo {n}</h1><p>Se aprueba el punto {n}.</p></body></html>"
            body, cookie = body.encode(), None
        else:
            body, cookie = b"<html><body><h1>La sesi\xc3\xb3n ha expirado</h1></body></html>", None
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_crawl_reads_a_page_whose_cookie_lives_for_hundreds_of_digits(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with serving_handler(Site) as url:
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.title: d.text or "" for d in db.iter_documents()}
        run = db.list_runs(SOURCE)[0]
    finally:
        db.close()
    assert sorted(texts) == ["Acuerdo 1", "Acuerdo 2"], (texts, run.errors)
    assert "Se aprueba el punto 2" in texts["Acuerdo 2"]
    assert run.status == "ok", run.errors


def test_a_cookie_ended_by_hundreds_of_digits_is_ended() -> None:
    jar = SessionCookies()
    jar.take("http://127.0.0.1:8/", ["ASP.NET_SessionId=sesion1; path=/"])
    jar.take("http://127.0.0.1:8/", [f"ASP.NET_SessionId=x; Max-Age=-{LIFE}; path=/"])
    assert jar.header("http://127.0.0.1:8/lista") is None


def test_a_preview_fetch_keeps_the_session_of_such_a_cookie() -> None:
    jar = SessionCookies()
    with serving_handler(Site) as url, warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        for path in ("/", "/acuerdo-1.html"):
            fetched = fetch(f"{url}{path}", allow_loopback=True, user_agent="prueba",
                            max_bytes=1 << 20, deadline=time.monotonic() + 60,
                            cookies=jar)  # fmt: skip
    assert b"Acuerdo 1</h1>" in fetched.body
    # no traceback printed on the way (the standard library's jar read the cookie too)
    assert [str(w.message) for w in said if "Traceback" in str(w.message)] == []
