"""Scrapy's own log lines in a crawl process (a download that failed, a retry given up,
"Crawled (200) <GET …>" at a lower level, a traceback naming an address) are what the
operator reads in ``abierto crawl``'s terminal and what a log file keeps: they hide the
spec's credentials as a run's record does. Crawled end to end from real servers on
127.0.0.1, one page of which fails each way (404, 500, a refused connection)."""

from __future__ import annotations

import io
import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from crawlers.log_secrets import hide_secrets, unhide_secrets
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

KEY = "k3y-del-congreso-2026+/="
TOKEN = "t0ken-de-la-cabecera-2026"


def _refused_port() -> int:
    """A port nobody listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(refused: int) -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/api?"):
                page = {
                    "data": [{"id": 1}, {"id": 2}],
                    # the next page and documents: one missing, one failing, one refused
                    "next": f"/roto?api_key={KEY}&p=2",
                    "total": 9,
                }
                body, status = json.dumps(page).encode(), 200
            elif self.path.startswith(("/doc/1", "/robots.txt")):  # (a 5xx robots bars all)
                body, status = b"<html>no existe</html>", 404
            else:
                body, status = b"<html>Error interno</html>", 500
            self.answer(body, status=status)

    with serving_handler(Api) as url:
        yield url


@pytest.mark.parametrize("level", ["WARNING", "DEBUG"])
def test_a_crawls_log_shows_none_of_the_specs_credentials(tmp_path: Path, level: str) -> None:
    refused = _refused_port()
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "congreso-gto-api", "kind": "legislativo", "shape": "json_api",
        "institution": "H. Congreso de Guanajuato", "jurisdiction": "MX-GUA",
        "start_urls": [
            "${ABIERTO_SAMPLES_URL}/api",
            f"http://127.0.0.1:{refused}/api",
        ],
        "json_api": {
            "records": "data", "next": "next", "total": "total", "link": "/doc/{id}",
            "params": {"api_key": KEY, "pagina": "{page}"},
            "headers": {"Authorization": f"Bearer {TOKEN}"},
        },
    }  # fmt: skip
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for url in _serve(refused):
        result = run_abierto(tmp_path / "data", url, specs, "--log-level", level)
    shown = result.stdout + result.stderr
    # Scrapy still said which page failed, and how: only the key is hidden
    assert "/roto?api_key=(oculto)&p=2> (failed 3 times): 500" in result.stderr, shown
    for secret in (KEY, "k3y-del-congreso-2026", "k3y-del-congreso-2026%2B", TOKEN):
        assert secret not in shown, shown


def test_a_traceback_in_the_log_hides_them_too() -> None:
    """A failure's traceback names what it was handed (a request's headers, an address):
    the text a handler writes hides the credentials, its message formatted as before."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.root.addHandler(handler)
    hiding = hide_secrets((f"Bearer {TOKEN}", TOKEN, KEY))
    try:
        try:
            raise ValueError(f"cabecera rechazada: {{'Authorization': 'Bearer {TOKEN}'}}")
        except ValueError:
            logging.getLogger("scrapy.core.scraper").exception(
                "Error downloading <GET %s> (%d veces)", f"http://sitio/lista?api_key={KEY}", 3
            )
    finally:
        unhide_secrets(hiding)
        logging.root.removeHandler(handler)
    text = written.getvalue()
    assert text.startswith(
        "ERROR scrapy.core.scraper: Error downloading <GET http://sitio/lista?api_key=(oculto)>"
        " (3 veces)\nTraceback"
    ), text
    assert "ValueError: cabecera rechazada: {'Authorization': '(oculto)'}" in text, text
    assert TOKEN not in text and KEY not in text
