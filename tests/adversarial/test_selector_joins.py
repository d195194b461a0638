"""A selector's ``join`` is written between its matches: a separator of 60,000
characters (a 64 KB spec holds one) between the 100,000 cells of a 1 MB listing page is
a 6 GB field in the crawl's process, made in one step (its memory limit is checked
between steps, too late). A real
separator is a few characters (``", "``, ``"; "``, a line break): one longer than
``MAX_JOIN_CHARS`` is a 422 naming the field, at registration and at preview, with a
Spanish ``mensaje``; nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from parsel import Selector as Page

from config.selector import MAX_JOIN_CHARS, Selector
from crawlers.selectors import read
from tests.adversarial.service import Api, listing_spec, open_api

WIDE = "—" * 5_000


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(Path(tmp_path_factory.mktemp("data")), write_rate_per_minute=1000)
    yield made
    made.close()


def test_the_amplification_is_real() -> None:
    """What the bound stops: 2,000 cells (20 KB) joined by 5,000 characters: 10 MB."""
    page = Page(text="<table><tr>" + "<td>a</td>" * 2_000 + "</tr></table>")
    joined = read(page, Selector.model_construct(select="css:td::text", many=True, join=WIDE))
    assert isinstance(joined, str) and len(joined) > 9_990_000


@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_a_wide_separator_is_a_422_naming_the_field(api: Api, path: str) -> None:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-union")
    spec["listing"]["fields"] = {"title": {"select": "css:td::text", "many": True, "join": WIDE}}
    response = api.client.post(path, json=spec, headers=api.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"][:4] == ["body", "listing", "fields", "title"], problem
    assert str(MAX_JOIN_CHARS) in problem["mensaje"] and "separador" in problem["mensaje"]
    assert api.registry.list_sources() == []


@pytest.mark.parametrize("join", [", ", "; ", "\n", " | ", " y ", "", "\n\n— "])
def test_ordinary_separators_are_kept(join: str) -> None:
    assert Selector(select="css:td::text", many=True, join=join).join == join
