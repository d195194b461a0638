"""A site that answers 429 or 503 asking to wait (``Retry-After``): the crawl counts it
as ``rate_limited`` (or ``http_5xx``) saying the wait asked for; the preview said only
``http_4xx: HTTP 429``, another cause than the run it previews. Now both say the same.
A real server on 127.0.0.1."""

from __future__ import annotations

import email.utils
import time

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from tests.adversarial.court_listing import court_listing
from tests.http_thread import QuietHandler, serving_handler


class _Busy(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":  # none: a busy robots.txt would bar the whole site
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/lista-429":
            wait = "3600"
        else:  # an HTTP date two hours ahead
            wait = email.utils.formatdate(time.time() + 7200, usegmt=True)
        self.send_response(429 if self.path == "/lista-429" else 503)
        self.send_header("Retry-After", wait)
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_the_preview_says_the_wait_a_busy_site_asks_for() -> None:
    said = {}
    with serving_handler(_Busy) as url:
        for path in ("lista-429", "lista-503"):
            spec = SourceSpec.model_validate(court_listing("juzgado-ocupado", f"{url}/{path}"))
            preview = listing_preview(spec, Settings(allow_loopback=True), time_limit_s=20)
            [error] = preview["errors"]
            said[path] = (error["cause"], error_mensaje(error["cause"], error["message"]))
    assert said["lista-429"] == (
        "rate_limited",
        "el sitio respondió HTTP 429 y pidió esperar 3600 s (Retry-After)",
    )
    cause, mensaje = said["lista-503"]
    assert cause == "http_5xx"
    assert mensaje.startswith("el sitio respondió HTTP 503 y pidió esperar 7")
