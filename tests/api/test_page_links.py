"""The search page's links carry the search's own parameters, encoded as ``urlencode``
would encode them (each pair is encoded once and reused across the page's links)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from api.routers.pages.search import query_string

ITEMS = [
    [],
    [("q", "daño moral")],
    [("q", '"interés superior" AND niñez'), ("matter", "penal"), ("matter", "civil")],
    [("q", "a&b=c+d%20e/f?g#h"), ("ponente", "María López"), ("year", "2023")],
    [("expediente", "Toca No. 133/2021"), ("q", "ñ ü é — «comillas» 😀"), ("q", "")],
]


@pytest.mark.parametrize("items", ITEMS)
def test_query_string_is_urlencode(items: list[tuple[str, str]]) -> None:
    assert query_string(items) == urlencode(items)
    assert query_string(items) == urlencode(items)  # the second time from the kept pairs


def test_facet_links_keep_the_search_and_add_one_value(client: TestClient) -> None:
    asked = [("q", "daño & moral"), ("jurisdiction", "MX-GUA")]
    page = client.get("/buscar", params=asked, headers={"Accept": "text/html"})
    assert page.status_code == 200
    links = [unescape(href) for href in re.findall(r'href="(/buscar\?[^"]*)"', page.text)]
    facet_links = [link for link in links if "kind=" in link]
    assert facet_links
    for link in facet_links:
        pairs = parse_qsl(urlsplit(link).query, keep_blank_values=True)
        assert pairs[: len(asked)] == asked
        assert pairs[-1][0] == "kind"
