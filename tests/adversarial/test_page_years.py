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
