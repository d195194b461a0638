"""``/docs`` (Swagger UI, served from this app) read in a real Chromium under a public
name, as people reach it: it asks nothing of another server (Swagger UI can draw a badge
from validator.swagger.io for any address but localhost, which a loopback test never
sees). Without JavaScript the page was blank; it says where the API's description is,
in Spanish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from api.app import create_app
from config.settings import Settings
from tests.uvicorn_thread import serving

PUBLIC = "http://api.ejemplo.mx"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("docs-data")
    with serving(create_app(settings=Settings(data_dir=data_dir))) as url:
        yield url


def _context(browser: Any, served: str, outside: list[str], javascript: bool) -> Any:
    """A browser that reaches this server under a public name and refuses (and notes)
    every other request."""
    local = urlsplit(served)

    def route(request_route: Any) -> None:
        address = urlsplit(request_route.request.url)
        if address.hostname == "api.ejemplo.mx":
            request_route.continue_(url=address._replace(netloc=local.netloc).geturl())
        elif address.hostname == "127.0.0.1":
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    context = browser.new_context(java_script_enabled=javascript, locale="es-MX")
    context.route("**/*", route)
    return context


def test_the_api_documentation_asks_no_other_server(browser: Any, served: str) -> None:
    outside: list[str] = []
    context = _context(browser, served, outside, javascript=True)
    try:
        page = context.new_page()
        page.goto(f"{PUBLIC}/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        assert "Estado Abierto" in page.inner_text(".swagger-ui .info .title")
    finally:
        context.close()
    assert outside == [], f"/docs asked other servers: {outside}"


def test_without_javascript_the_documentation_says_where_to_read(
    browser: Any, served: str, tmp_path: Path
) -> None:
    outside: list[str] = []
    context = _context(browser, served, outside, javascript=False)
    try:
        page = context.new_page()
        page.goto(f"{PUBLIC}/docs")
        said = page.inner_text("body")
        assert "necesita JavaScript" in said and "/openapi.json" in said, said
        page.get_by_role("link", name="/openapi.json").click()
        assert '"openapi"' in page.content()
    finally:
        context.close()
    assert outside == []
