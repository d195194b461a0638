"""A document whose stored address is ``javascript:`` or ``data:`` (a restored backup, an
old row) is never emitted as a link: the page already showed ``#``, but the Atom feed's
``via`` link and the page's JSON-LD ``sameAs`` carried the script address as is."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia, document_id

ATOM = "{http://www.w3.org/2005/Atom}"
NOT_WEB = ["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>",
           " JavaScript:alert(1)"]  # fmt: skip


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    settings = Settings(data_dir=tmp_path, database_url=None)
    library = Library.open(settings)
    for n, url in enumerate(NOT_WEB):
        library.add_document(
            Sentencia(
                id=document_id("viejo", f"fila-{n}"),
                title=f"Sentencia restaurada {n}",
                date=dt.date(2024, 5, 1 + n),
                institution="Poder Judicial de Guanajuato",
                jurisdiction="MX-GUA",
                source_id="pj-gto",
                url=url,
                text="Resolución sobre acceso a la información pública restaurada.",
            )
        )
    assert library.flush() == len(NOT_WEB)
    return TestClient(create_app(library, settings))


def test_the_feed_links_no_stored_address_that_is_no_web_address(client: TestClient) -> None:
    response = client.get("/v1/search.atom", params={"q": "restaurada"})
    assert response.status_code == 200, response.text
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == len(NOT_WEB)
    hrefs = [link.get("href") for entry in entries for link in entry.iter(f"{ATOM}link")]
    assert hrefs and all(href.startswith("http") for href in hrefs), hrefs


def test_the_page_and_its_json_ld_link_no_script_address(client: TestClient) -> None:
    for hit in client.get("/v1/search", params={"q": "restaurada"}).json()["hits"]:
        page = client.get(f"/d/{hit['id']}")
        assert page.status_code == 200, page.text
        [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.S)
        data = json.loads(block)
        assert "sameAs" not in data, data
        assert data["url"].startswith("http")
        assert not re.search(r'href="\s*(javascript|data):', page.text, re.I)
