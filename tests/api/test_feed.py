"""``/v1/search.atom``: a search as an Atom 1.0 feed, read by a real feed parser and
checked against the elements RFC 4287 requires."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
from fastapi.testclient import TestClient

from api.app import create_app
from api.atom import Entry, Feed, document_urn, render
from indexer.models import Sentencia, document_id
from tests.api.conftest import PDF_BYTES, make_library

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client: TestClient, **params: str) -> tuple[bytes, feedparser.FeedParserDict]:
    response = client.get("/v1/search.atom", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    return response.content, feedparser.parse(response.content)


def test_a_search_is_a_valid_atom_feed_of_its_newest_matches(client: TestClient) -> None:
    _, parsed = _feed(client, q="transparencia")
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    titles = [entry.title for entry in parsed.entries]
    assert titles == [
        "Sesión ordinaria del 8 de febrero de 2024",
        "Iniciativa de reforma a la Ley de Transparencia",
        "Recurso <script>alert(1)</script> de revisión",
    ]
    search = client.get("/v1/search", params={"q": "transparencia", "sort": "date_desc"}).json()
    assert [entry.id for entry in parsed.entries] == [document_urn(h["id"]) for h in search["hits"]]


def test_the_subtitle_counts_the_matches_in_spanish_that_agrees(client: TestClient) -> None:
    _, one = _feed(client, q="presupuesto")
    assert len(one.entries) == 1
    assert one.feed.subtitle == "1 documento coincide con esta búsqueda."
    _, three = _feed(client, q="transparencia")
    assert three.feed.subtitle == "3 documentos coinciden con esta búsqueda; los más recientes."


def test_every_element_rfc_4287_requires_is_there(client: TestClient) -> None:
    body, _ = _feed(client, q="daño")
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert entry.find(f"{ATOM}updated").text.endswith("Z")
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate is not None and "/documentos/" in alternate.get("href")


def test_entry_ids_are_stable_and_summaries_escape_the_highlighted_snippet(
    client: TestClient,
) -> None:
    body, first = _feed(client, q="transparencia")
    _, again = _feed(client, q="transparencia OR moral")
    ids = {entry.title: entry.id for entry in first.entries}
    assert all(ids[e.title] == e.id for e in again.entries if e.title in ids)
    # the summary is HTML, escaped once in the XML: the document's <script> is text in
    # that HTML, the match is a <mark> (which feedparser's sanitiser drops, keeping text)
    [hostile] = [
        e
        for e in ET.fromstring(body).iter(f"{ATOM}entry")
        if "Recurso" in e.findtext(f"{ATOM}title")
    ]
    summary = hostile.findtext(f"{ATOM}summary")
    assert hostile.find(f"{ATOM}summary").get("type") == "html"
    assert "<mark>transparencia</mark>" in summary
    assert "<script>" not in summary and "&lt;script&gt;alert" in summary
    parsed = next(e for e in first.entries if "Recurso" in e.title)
    assert "transparencia son derechos" in parsed.summary and "<script>" not in parsed.summary


def test_entries_link_the_document_page_and_the_original_file(client: TestClient) -> None:
    _, parsed = _feed(client, q='"daño moral"')
    [entry] = parsed.entries
    [page] = [link for link in entry.links if link.rel == "alternate"]
    assert client.get(page.href).status_code == 200
    [original] = [link for link in entry.links if link.rel == "enclosure"]
    assert original.type == "application/pdf"
    assert client.get(original.href).content == PDF_BYTES


def test_conditional_get_answers_304_when_nothing_changed(client: TestClient) -> None:
    response = client.get("/v1/search.atom", params={"q": "sesión"})
    etag, modified = response.headers["etag"], response.headers["last-modified"]
    again = client.get("/v1/search.atom", params={"q": "sesión"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    since = client.get(
        "/v1/search.atom", params={"q": "sesión"}, headers={"If-Modified-Since": modified}
    )
    assert since.status_code == 304
    other = client.get("/v1/search.atom", params={"q": "dictamen"}, headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_the_feed_takes_the_search_parameters_and_their_422s(client: TestClient) -> None:
    _, parsed = _feed(client, kind="sesion", year="2024")
    assert parsed.entries and all(e.title.startswith("Sesión") for e in parsed.entries)
    response = client.get("/v1/search.atom", params={"juez": "López"})
    assert response.status_code == 422
    assert "juez" in response.json()["detail"][0]["msg"]


def test_the_results_page_links_its_feed(client: TestClient) -> None:
    page = client.get("/", params={"q": "transparencia", "matter": "administrativa"}).text
    feed = "/v1/search.atom?q=transparencia&amp;matter=administrativa"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Esta búsqueda (Atom)" '
        f'href="{feed}">' in page
    )
    assert f'<a href="{feed}">Suscribirse (Atom)</a>' in page
    _, parsed = _feed(client, q="transparencia", matter="administrativa")
    assert [e.title for e in parsed.entries] == ["Recurso <script>alert(1)</script> de revisión"]


def test_text_xml_cannot_carry_is_dropped_not_a_broken_feed() -> None:
    entry = Entry(
        id=document_urn("x"),
        title="Sentencia\x00 con\x0b control",
        updated=dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        summary_html="<p>a &amp; b\x1f</p>",
        author="Tribunal",
    )
    body = render(Feed("urn:uuid:0", "t", "s", [], [entry]))
    parsed = feedparser.parse(body)
    assert not parsed.bozo
    assert parsed.entries[0].title == "Sentencia con control"
    assert parsed.entries[0].updated == "2025-01-02T03:04:05Z"


def _amparo(name: str, day: dt.date | None, text: str = "Se concede el amparo.") -> Sentencia:
    return Sentencia(
        id=document_id("feed", name),
        title=f"Amparo {name}",
        date=day,
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        text=text,
    )


def test_entries_follow_the_acts_date_not_when_they_were_indexed(tmp_path: Path) -> None:
    """Indexed in an order unrelated to their dates (the oldest act last, undated ones in
    between): the feed lists the newest act first, undated documents after every dated
    one; re-saving an old act moves its ``updated``, not its place."""
    library = make_library(tmp_path)
    indexed = [
        ("2021", dt.date(2021, 5, 1)),
        ("sin-fecha-1", None),
        ("2024", dt.date(2024, 1, 2)),
        ("sin-fecha-2", None),
        ("2023", dt.date(2023, 7, 7)),
        ("2019", dt.date(2019, 3, 3)),
    ]
    for name, day in indexed:
        library.add_document(_amparo(name, day))
        library.flush()
    time.sleep(1.1)  # ``updated`` has whole seconds
    library.add_document(_amparo("2021", dt.date(2021, 5, 1), "Se concede el amparo; aclaración."))
    library.flush()
    with TestClient(create_app(library)) as client:
        for params in ({"q": "amparo"}, {}):
            _, parsed = _feed(client, **params)
            titles = [entry.title for entry in parsed.entries]
            assert titles[:4] == ["Amparo 2024", "Amparo 2023", "Amparo 2021", "Amparo 2019"]
            assert sorted(titles[4:]) == ["Amparo sin-fecha-1", "Amparo sin-fecha-2"]
            updated = {entry.title: entry.updated for entry in parsed.entries}
            assert updated["Amparo 2021"] == max(updated.values())
            assert all(updated["Amparo 2021"] > u for t, u in updated.items() if t != "Amparo 2021")
    library.close()
