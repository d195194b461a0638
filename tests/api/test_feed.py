"""``/v1/search.atom``: a search as an Atom 1.0 feed, read by a real feed parser and
checked against the elements RFC 4287 requires."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

import feedparser
from fastapi.testclient import TestClient

from api.atom import Entry, Feed, document_urn, render
from tests.api.conftest import PDF_BYTES

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
