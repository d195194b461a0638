"""Numbers read from an address or a site's answer are ASCII digits: ``"²"``, ``"①"`` and
``"2⁵"`` are digits to ``str.isdigit`` and no number to ``int``, so ``/buscar?year=²``
(and ``/?year=①``) and a session's player at ``parte=²`` were 500s, and a ``Retry-After:
²`` from a site raised inside the crawler's throttle. Now a page treats such a number as
one it was not given (the year's Spanish error, no player), and the crawler as a header it
cannot read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from crawlers.throttle import retry_after_seconds
from indexer.library import Library
from indexer.models import FileRef, Sesion, VideoLink
from tests.api.conftest import PDF_BYTES, _docs

HTML = {"Accept": "text/html"}
NOT_NUMBERS = ["²", "①", "2⁵", "²⁰²⁵"]
VIDEO = "https://www.youtube.com/watch?v=abcdefghijk"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    library = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data")))
    pdf = FileRef(url="https://ejemplo.gob.mx/a.pdf", sha256=library.archive.put(PDF_BYTES),
                  content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    session = ""
    for doc in _docs(pdf, pdf):
        if isinstance(doc, Sesion):
            video = VideoLink(url=VIDEO, platform="youtube", state="recorded")
            doc = doc.model_copy(update={"video_urls": [video]})
            session = doc.id
        library.add_document(doc)
    library.flush()
    with TestClient(create_app(library), raise_server_exceptions=False) as client:
        yield client, session
    library.close()


@pytest.mark.parametrize("path", ["/", "/buscar"])
@pytest.mark.parametrize("year", NOT_NUMBERS)
def test_a_year_in_other_digits_is_the_pages_spanish_error(
    site: tuple[TestClient, str], path: str, year: str
) -> None:
    client, _ = site
    page = client.get(path, params={"q": "amparo", "year": year}, headers=HTML)
    assert page.status_code < 500, page.text[:300]
    assert "no es válido" in page.text


@pytest.mark.parametrize(("part", "start"), [("²", "5"), ("0", "①"), ("0", "2⁵")])
def test_a_player_asked_in_other_digits_is_the_sessions_own_player(
    site: tuple[TestClient, str], part: str, start: str
) -> None:
    client, session = site
    asked = client.get(
        f"/d/{session}", params={"ver": "1", "parte": part, "t": start}, headers=HTML
    )
    assert asked.status_code == 200, asked.text[:300]
    assert "youtube-nocookie.com/embed/abcdefghijk" in asked.text
    exact = client.get(f"/d/{session}", params={"ver": "1", "parte": "0", "t": "5"}, headers=HTML)
    assert "youtube-nocookie.com/embed/abcdefghijk?start=5" in exact.text


@pytest.mark.parametrize("value", [b"\xb2", b"3\xb9", b"\xb9\xb2\xb3"])  # ², 3¹, ¹²³ in Latin-1
def test_a_retry_after_in_other_digits_is_a_header_the_crawler_cannot_read(value: bytes) -> None:
    assert retry_after_seconds(value) is None
    assert retry_after_seconds(b"30") == 30.0
