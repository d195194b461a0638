"""The session finder by legislature, as a citizen writes it ("LXVI", "66", "lxvi",
"Sexagésima Sexta Legislatura"): only that legislature's sessions, the choice kept in the
page's links, and a clear 400 in Spanish for what is no legislature."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.models import Sesion, document_id
from tests.api.conftest import make_library


def _session(name: str, day: dt.date, legislature: str) -> Sesion:
    url = f"https://www.senado.example/sesiones/{name}"
    return Sesion(
        id=document_id("prueba-senado", url),
        title=f"Sesión ordinaria {name}",
        date=day,
        institution="Senado de la República",
        jurisdiction="MX",
        source_id="prueba-senado",
        url=url,
        congress="Congreso de la Unión",
        chamber="Senado de la República",
        legislature=legislature,
        session_type="ordinaria",
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = make_library(Path(tmp_path_factory.mktemp("legislaturas")))
    library.add_document(_session("de-la-LXV", dt.date(2024, 4, 30), "LXV"))
    library.add_document(_session("de-la-LXVI", dt.date(2024, 10, 8), "LXVI"))
    library.flush()
    with TestClient(create_app(library)) as http:
        yield http
    library.close()


def _listed(page: str) -> list[str]:
    return re.findall(r"Sesión ordinaria (de-la-LXVI?)\b", page)


@pytest.mark.parametrize("written", ["LXVI", "lxvi", "66", "Sexagésima Sexta Legislatura"])
def test_a_legislature_as_written_finds_only_its_sessions(client: TestClient, written: str) -> None:
    response = client.get("/sesiones", params={"legislatura": written})
    assert response.status_code == 200
    assert set(_listed(response.text)) == {"de-la-LXVI"}
    assert 'name="legislatura" value="LXVI"' in response.text  # the form says what was read
    assert "legislatura=LXVI" in response.text  # month and year links keep it


def test_without_a_legislature_both_are_listed(client: TestClient) -> None:
    assert set(_listed(client.get("/sesiones").text)) == {"de-la-LXV", "de-la-LXVI"}


@pytest.mark.parametrize("written", ["abc", "9999", "LXVI" * 40, "²", "①", "6²"])
def test_what_is_no_legislature_is_a_clear_400(client: TestClient, written: str) -> None:
    response = client.get("/sesiones", params={"legislatura": written})
    assert response.status_code == 400
    assert "no es una legislatura" in response.text
