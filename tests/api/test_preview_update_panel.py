"""The preview of a listing paged through an ASP.NET UpdatePanel shows what the crawl
would do: its partial postback (the ScriptManager's field, ``X-MicrosoftAjax``), the
second page made from the site's delta (items, new items, ``pages_on``), and, in
Spanish, why paging would stop when the delta is malformed or the site's error entry.
Served by a real server on 127.0.0.1 that answers the next page only to a partial
postback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.aspnet_ajax import GRID, PANEL, AjaxGridSite
from tests.adversarial.test_update_panel_listings import _spec
from tests.http_thread import serving_handler


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Any]:
    config = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution("pj-nl", "Poder Judicial del Estado de Nuevo León", "court", "MX-NLE")
    _, key = registry.issue_key("pj-nl")
    AjaxGridSite.posts = []
    try:
        with serving_handler(AjaxGridSite) as base:
            client = TestClient(create_app(library, config))

            def run(mode: str) -> dict[str, Any]:
                spec = _spec(mode, base) | {"id": f"pj-nl-{mode}"}
                spec.pop("institution")
                answer = client.post(
                    "/v1/sources/preview", json=spec, headers={"Authorization": f"Bearer {key}"}
                )
                assert answer.status_code == 200, answer.text
                return dict(answer.json()["next_form"])

            yield run
    finally:
        library.close()


def test_the_second_page_is_the_sites_delta_applied_to_the_first(preview: Any) -> None:
    paging = preview("ok")
    assert (paging["target"], paging["argument"]) == (GRID, "Page$2")
    assert (paging["items"], paging["new_items"], paging["pages_on"]) == (2, 2, True)
    assert paging["mensaje"] is None
    (post,) = AjaxGridSite.posts
    assert post["partial"] and post["ctl00$ScriptManager1"] == f"{PANEL}|{GRID}"


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("largo", "anuncia 99999 caracteres y solo le siguen"),
        ("basura", "no empieza con una longitud seguida de «|»"),
        ("error", "con su error 500: «Error de servidor en la aplicación '/'.»"),
    ],
)
def test_a_malformed_delta_or_the_sites_error_stops_paging_in_spanish(
    preview: Any, mode: str, said: str
) -> None:
    paging = preview(mode)
    assert paging["control_found"] and not paging["pages_on"] and paging["items"] is None
    assert said in paging["mensaje"], paging["mensaje"]


def test_a_page_redirect_is_followed_to_its_page(preview: Any) -> None:
    paging = preview("redirige")
    assert (paging["items"], paging["new_items"], paging["pages_on"]) == (2, 2, True)
