"""Another institution's name, written as people write it, is another institution's name.
A body's name was compared with the other institutions' names word for word once folded
(letter case, accents, spaces): «Tribunal de Justicia Administrativa de Querétaro» for
the one registered as «… del Estado de Querétaro», or the name with hyphens for spaces,
was a 201 for a superior court's source, and its documents would have shown that
court as theirs (at crawl time, for a name read from the page, the same). A state's
institution is now the same named with or without «del Estado» (or «del Edo.»), and
hyphens, underscores or dots between words are spaces; a body inside the publisher,
written either way, is still its own. Real API, store and HTTP site on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.http_thread import QuietHandler, serving_handler

TSJ = "Tribunal Superior de Justicia de Querétaro"
TJA = "Tribunal de Justicia Administrativa del Estado de Querétaro"
QRO = "Poder Legislativo de Querétaro"
OTHER_SPELLINGS = [
    "Tribunal de Justicia Administrativa de Querétaro",
    "Tribunal-de-Justicia-Administrativa-del-Estado-de-Querétaro",
    "Sala Unitaria del Tribunal de Justicia Administrativa del Edo. de Querétaro",
    "Tribunal_de_Justicia_Administrativa de Querétaro",
    "Poder Legislativo del Estado de Querétaro",
    "Poder Legislativo del Estado Libre y Soberano de Querétaro",
]
OWN_BODIES = [
    "Sala Civil del Tribunal Superior de Justicia del Estado de Querétaro",
    "Primera Sala Penal",
    "Juzgado Tercero de lo Familiar de Querétaro",
]
TEXT = "SENTENCIA DEFINITIVA. Se resuelve el toca de apelación en definitiva. " * 6


class Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/toca/"):
            body = f"<html><body><h1>Toca</h1><main>{TEXT}</main></body></html>"
            self.answer(body.encode(), "text/html; charset=utf-8")
            return
        courts = [OTHER_SPELLINGS[0], OTHER_SPELLINGS[1], OWN_BODIES[0]]
        rows = "".join(
            f"<li class='toca'><a href='/toca/{n}'>Toca {n}/2024</a>"
            f"<span class='fecha'>2024-03-0{n}</span><span class='organo'>{court}</span></li>"
            for n, court in enumerate(courts, start=1)
        )
        self.answer(f"<html><body><ul>{rows}</ul></body></html>".encode(), "text/html")


@dataclass
class Service:
    api: TestClient
    tsj: dict[str, str]
    base: str


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        allow_loopback=True,
        crawl_delay_s=0,
        write_rate_per_minute=1000,
    )
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("tsj-qro", TSJ, "court", "MX-QUE")
    registry.add_institution("tja-qro", TJA, "court", "MX-QUE")
    registry.add_institution("congreso-qro", QRO, "congress", "MX-QUE")
    key = registry.issue_key("tsj-qro")[1]
    with serving_handler(Site) as base, TestClient(create_app(library, settings)) as api:
        yield Service(api, {"Authorization": f"Bearer {key}"}, base)
    library.close()


def _spec(base: str, n: int, **change: Any) -> dict[str, Any]:
    return {
        "id": f"tsj-qro-tocas-{n}", "kind": "sentencia", "jurisdiction": "MX-QUE",
        "start_urls": [f"{base}/"],
        "listing": {"items": "css:li.toca", "link": "css:a::attr(href)"},
    } | change  # fmt: skip


@pytest.mark.parametrize("court", OTHER_SPELLINGS)
def test_another_institutions_name_however_spelled_is_refused(service: Service, court: str) -> None:
    n = OTHER_SPELLINGS.index(court)
    answer = service.api.post(
        "/v1/sources", json=_spec(service.base, n, constants={"court": court}), headers=service.tsj
    )
    assert answer.status_code == 422, answer.text
    problem = answer.json()["detail"][0]
    assert tuple(problem["loc"]) == ("body", "constants", "court")
    assert problem["mensaje"]


@pytest.mark.parametrize("court", OWN_BODIES)
def test_a_body_of_its_own_is_taken(service: Service, court: str) -> None:
    n = 10 + OWN_BODIES.index(court)
    answer = service.api.post(
        "/v1/sources", json=_spec(service.base, n, constants={"court": court}), headers=service.tsj
    )
    assert answer.status_code == 201, answer.text
    assert (
        service.api.delete(f"/v1/sources/tsj-qro-tocas-{n}", headers=service.tsj).status_code == 204
    )


def test_a_crawl_leaves_out_a_court_read_in_another_spelling(service: Service) -> None:
    listing = {
        "items": "css:li.toca", "link": "css:a::attr(href)",
        "fields": {"title": "css:a::text", "date": "css:span.fecha::text",
                   "court": "css:span.organo::text"},
    }  # fmt: skip
    spec = _spec(service.base, 20, listing=listing)
    answer = service.api.post("/v1/sources/preview", json=spec, headers=service.tsj)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    courts = {doc["fields"]["title"]: doc["fields"].get("court") for doc in body["documents"]}
    assert courts == {"Toca 1/2024": None, "Toca 2/2024": None, "Toca 3/2024": OWN_BODIES[0]}
    said = [*body["errors"], *body.get("notices", [])]
    assert len([e for e in said if e["cause"] == "foreign_name"]) == 2, said
