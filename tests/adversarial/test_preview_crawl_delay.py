"""A spec's preview honours the site's robots.txt ``Crawl-delay`` as the crawl does
(bounded by ABIERTO_MAX_CRAWL_DELAY_S): its requests to the site are spaced by it, and
its answer says so in Spanish; a request the preview's time cannot wait for is not made
and the answer says why. The preview read only Allow and Disallow, and asked a site that
wants 2 s between requests for its listing and three pages at once."""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from tests.adversarial.court_listing import court_listing
from tests.http_thread import QuietHandler, serving_handler


def _handler(delay: str, times: list[tuple[float, str]]) -> type[QuietHandler]:
    lock = threading.Lock()

    class Site(QuietHandler):
        def do_GET(self) -> None:
            with lock:
                times.append((time.monotonic(), self.path))
            if self.path == "/robots.txt":
                body = f"User-agent: *\nCrawl-delay: {delay}\n"
                self.answer(body.encode(), "text/plain")
            elif self.path == "/listado.html":
                rows = "".join(
                    f'<tr class="fila"><td class="exp">{n}/2024</td><td>'
                    f'<a class="ver" href="ver-{n}.html">ver</a></td></tr>'
                    for n in (1, 2, 3)
                )
                self.answer(f"<table>{rows}</table>".encode(), "text/html")
            else:
                page = f"<html><body><h1>Sentencia {self.path}</h1><p>Arrendamiento.</p>"
                self.answer(page.encode(), "text/html")

    return Site


def _preview(url: str, max_delay: float, time_limit_s: float) -> dict[str, Any]:
    spec = SourceSpec.model_validate(court_listing("juzgado-pausa", f"{url}/listado.html"))
    settings = Settings(allow_loopback=True, max_crawl_delay_s=max_delay)
    return listing_preview(spec, settings, max_details=3, time_limit_s=time_limit_s)


def test_the_preview_spaces_its_requests_by_the_crawl_delay() -> None:
    times: list[tuple[float, str]] = []
    with serving_handler(_handler("1.5", times)) as url:
        preview = _preview(url, max_delay=10, time_limit_s=20)
    pages = [at for at, path in times if path != "/robots.txt"]
    assert [path for _, path in times if path != "/robots.txt"] == [
        "/listado.html", "/ver-1.html", "/ver-2.html", "/ver-3.html",
    ]  # fmt: skip
    gaps = [later - earlier for earlier, later in itertools.pairwise(pages)]
    # as the server saw them (its threads lag on a loaded machine): spaced, 4.5 s in all
    assert min(gaps) >= 1.0 and pages[-1] - pages[0] >= 4.4, gaps
    assert all("detail" in d for d in preview["documents"]), preview
    said = [e for e in preview["errors"] if e["cause"] == "crawl_delay"]
    assert len(said) == 1 and said[0]["url"] == f"{url}/robots.txt", preview["errors"]
    assert error_mensaje("crawl_delay", said[0]["message"]) == (
        "el robots.txt del sitio pide esperar 1,5 s entre una petición y la siguiente: así se hizo"
    )


def test_the_bound_and_the_preview_time_are_said() -> None:
    """A site asking 30 s is waited 8 s (the bound); the preview's 20 s reach the listing
    and a detail or two, and the requests it could not wait for are not made: each
    document is skipped with the reason, in Spanish. (A bound of 2 s and 5 s of preview,
    before: on a loaded machine the listing alone took them, and no detail was asked.)"""
    times: list[tuple[float, str]] = []
    with serving_handler(_handler("30", times)) as url:
        started = time.monotonic()
        preview = _preview(url, max_delay=8, time_limit_s=20)
        took = time.monotonic() - started
    # the third detail's turn (24 s) is past the preview's time: it is not waited for
    assert took < 24, took
    pages = [at for at, path in times if path != "/robots.txt"]
    assert 2 <= len(pages) <= 3, pages  # the listing and one or two details
    gaps = [later - earlier for earlier, later in itertools.pairwise(pages)]
    assert min(gaps) >= 7.5, gaps  # 8 s as the server saw them (its threads lag)
    messages = [error_mensaje(e["cause"], e["message"]) for e in preview["errors"]]
    assert (
        "el robots.txt del sitio pide esperar 30 s entre una petición y la siguiente: se "
        "esperaron 8 s, el máximo que permite ABIERTO_MAX_CRAWL_DELAY_S"
    ) in messages, messages
    unmet = [d for d in preview["documents"] if d.get("skipped", {}).get("cause") == "crawl_delay"]
    assert unmet, preview["documents"]
    assert unmet[0]["problemas"] == [
        "el robots.txt del sitio pide esperar 30 s entre una petición y la siguiente: el "
        "tiempo de la vista previa se acabó antes de poder esperar 8 s para la siguiente, y "
        "no se hizo"
    ]
