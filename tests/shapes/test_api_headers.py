"""JSON APIs that say their paging in headers, as WordPress's REST API (the CMS of many
state congresses' and courts' sites) and others do: the count in ``X-WP-Total`` /
``X-Total-Count``, the next page in the ``Link`` header. The fixture site
(tests/fixtures/json_api/wordpress-gacetas, crawled by test_shapes) answers a page past
the last with HTTP 400, as WordPress does; here the spec's words and the header's
reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.specs import SpecError, parse_spec
from crawlers.jsonpath import read_path
from crawlers.spiders.json_api import next_in_link_header
from tests.shapes.harness import FIXTURES, cases, crawl_cases

CASE = FIXTURES / "json_api" / "wordpress-gacetas"


def _api(**rules: object) -> dict[str, object]:
    return {
        "id": "congreso-wp", "kind": "legislativo", "shape": "json_api",
        "institution": "Congreso del Estado", "jurisdiction": "MX-JAL",
        "start_urls": ["https://congreso.example.gob.mx/wp-json/wp/v2/media"],
        "json_api": {"records": "[*]", "link": "{link}", **rules},
    }  # fmt: skip


def test_total_and_next_may_be_read_from_a_header() -> None:
    spec = parse_spec(_api(total="header:X-WP-Total", next=" header:Link "))
    assert spec.json_api is not None
    assert (spec.json_api.total, spec.json_api.next) == ("header:X-WP-Total", "header:Link")


def test_a_header_name_that_is_none_is_refused_in_spanish() -> None:
    with pytest.raises(SpecError) as refused:
        parse_spec(_api(total="header:Total de registros"))
    assert "no es un nombre de cabecera" in str(refused.value)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('<https://c.mx/wp-json/wp/v2/posts?page=2>; rel="next"', "https://c.mx/wp-json/wp/v2/posts?page=2"),
        # WordPress's middle page: prev first, then next
        ('<https://c.mx/p?page=1>; rel="prev", <https://c.mx/p?page=3>; rel="next"', "https://c.mx/p?page=3"),
        # unquoted, capitalised, with other parameters and several rels (GitHub-style)
        ('</api/sentencias?pagina=4>; title="x, y"; REL=next, </api/sentencias?pagina=9>; '
         "rel=last", "/api/sentencias?pagina=4"),
        ('<https://c.mx/p?page=2>; rel="next last"', "https://c.mx/p?page=2"),
        # the last page names only its previous one: no next
        ('<https://c.mx/p?page=1>; rel="prev"', None),
        ("", None),
        ("no es un encabezado Link", None),
    ],
)  # fmt: skip
def test_the_link_headers_next_page(header: str, expected: str | None) -> None:
    assert next_in_link_header(header) == expected


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    (case,) = [c for c in cases() if c.folder == CASE]
    return crawl_cases([case], tmp_path_factory.mktemp("wp"))[case.name]


def test_the_header_total_ends_paging_before_the_400_past_the_last_page(
    crawled: dict[str, object],
) -> None:
    runs = crawled["runs"]
    assert isinstance(runs, dict)
    # every gazette of both pages, a clean run: no «partial» from asking page 3
    assert runs["fixture-wordpress-gacetas"] == {"errors": {}, "items": 4, "status": "ok"}
    # the Link header's next followed to the last page: the third post is there too
    assert runs["fixture-wordpress-orden-del-dia"] == {"errors": {}, "items": 3, "status": "ok"}


def test_an_html_text_is_read_as_text(crawled: dict[str, object]) -> None:
    docs = crawled["documents"]
    assert isinstance(docs, list)
    orders = [d for d in docs if d["source_id"] == "fixture-wordpress-orden-del-dia"]
    assert len(orders) == 3
    for doc in orders:
        assert "<" not in doc["text_start"] and "&#" not in doc["text_start"], doc["text_start"]
        assert doc["text_start"].startswith("Sesión ")
    assert any("Lista de asistencia.\n" in d["text_start"] for d in orders)
    titles = {d["title"] for d in docs}
    assert "Orden del día – Sesión solemne del 7 de marzo de 2024" in titles


def test_the_case_is_on_disk() -> None:
    assert Path(CASE / "spec.yaml").is_file() and Path(CASE / "spec-orden.yaml").is_file()


# --- OData (SharePoint lists): the next page under a key with a dot in its name --------

SHAREPOINT = FIXTURES / "json_api" / "sharepoint-lista"


def test_a_dotted_key_is_read_whole_where_the_object_has_it() -> None:
    answer = {"odata.nextLink": "https://x/items?$skiptoken=2", "@odata.count": 7,
              "odata": {"nextLink": "otro"}, "d": {"__next": "https://x/d"}}  # fmt: skip
    assert read_path(answer, "odata.nextLink") == "https://x/items?$skiptoken=2"
    assert read_path(answer, "@odata.count") == 7
    assert read_path(answer, "d.__next") == "https://x/d"  # a path of dots as before
    assert read_path({"odata": {"nextLink": "otro"}}, "odata.nextLink") == "otro"


def test_a_sharepoint_list_is_read_to_its_last_page(tmp_path: Path) -> None:
    (case,) = [c for c in cases() if c.folder == SHAREPOINT]
    found = crawl_cases([case], tmp_path)[case.name]
    # three sentences over two pages: the second reached by odata.nextLink
    assert found["runs"]["fixture-sharepoint-lista"] == {"errors": {}, "items": 3, "status": "ok"}
    docs = {d["expediente"]: d for d in found["documents"]}
    assert sorted(docs) == ["Toca 121/2024", "Toca 127/2024", "Toca 131/2024"]
    # the UTC instant of the local midnight is that day
    assert docs["Toca 121/2024"]["resolution_date"] == "2024-03-07"
    assert docs["Toca 131/2024"]["ponente"] == "Laura Elena Pérez Castro"
    for number, doc in docs.items():
        assert [f["content_type"] for f in doc["files"]] == ["application/pdf"]
        assert number.upper() in doc["text_start"]
