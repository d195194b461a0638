"""A year the session pages cannot show is said on the page (a 400), never replaced in
silence by another year's sessions (the page still offers the newest year below)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.routers.pages.sessions import slug

CONGRESS = "/sesiones/" + slug("Congreso de Guanajuato")


@pytest.mark.parametrize("path", ["/sesiones", CONGRESS])
@pytest.mark.parametrize("year", ["99999", "0", "-5", "2024.5", "dos mil", "١٢٣٤", "1800"])
def test_a_year_out_of_reach_is_a_400_naming_it(api: TestClient, path: str, year: str) -> None:
    response = api.get(path, params={"anio": year}, headers={"Accept": "text/html"})
    assert response.status_code == 400, response.text[:300]
    assert f"El año «{year}» no es válido" in response.text


@pytest.mark.parametrize("path", ["/sesiones", CONGRESS])
def test_a_real_year_is_shown(api: TestClient, path: str) -> None:
    response = api.get(path, params={"anio": "2023"}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "2023" in response.text


@pytest.mark.parametrize("congress", ["Congreso de Narnia", "x" * 300])
def test_a_congress_the_library_does_not_hold_is_said(api: TestClient, congress: str) -> None:
    """Once a 500: the page linked the congress's own page by a slug it did not have."""
    response = api.get("/sesiones", params={"congreso": congress}, headers={"Accept": "text/html"})
    assert response.status_code == 400, response.text[:300]
    assert "no tiene sesiones" in response.text


@pytest.mark.parametrize("congress", ["Congreso de Guanajuato", "congreso de  GUANAJUATO"])
def test_a_congress_it_holds_links_its_own_page(api: TestClient, congress: str) -> None:
    response = api.get("/sesiones", params={"congreso": congress})
    assert response.status_code == 200
    assert f'href="{CONGRESS}"' in response.text


@pytest.mark.parametrize("path", ["/sesiones", CONGRESS])
def test_a_parameter_the_page_does_not_know_is_said(api: TestClient, path: str) -> None:
    """``congress=`` (the API's name) once showed every congress's sessions as if filtered."""
    response = api.get(path, params={"congress": "Congreso de Guanajuato"})
    assert response.status_code == 400
    assert "«congress» no existe" in response.text
    many = "&".join(f"x{n}=1" for n in range(500))
    flooded = api.get(f"{path}?{many}")
    assert flooded.status_code == 400 and flooded.text.count("no existe") <= 3
    assert api.get(path, params={"utm_source": "boletin"}).status_code == 200
