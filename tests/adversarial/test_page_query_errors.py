"""The pages say the query parser's own Spanish message (what is wrong and what to write),
as the API does, not a generic "error de escritura" for every error their old table of
English messages did not know."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

SAID = {
    '"daño moral"~-1': "la proximidad es un número entero",
    '"daño moral"~99': "como máximo ~50",
    "titulo:amp*": "el prefijo (*) se usa con palabras sueltas",
    "año:20x3": "un año de cuatro cifras",
    "tipo:nada": "elija entre",
    "a*": "al menos 2 letras",
    '"daño moral': "falta cerrar las comillas",
}


@pytest.mark.parametrize("q", sorted(SAID))
@pytest.mark.parametrize("page", ["/buscar", "/sesiones"])
def test_a_page_says_what_the_parser_said(api: TestClient, page: str, q: str) -> None:
    response = api.get(page, params={"q": q})
    assert response.status_code == 400
    assert SAID[q] in response.text
    assert "error de escritura" not in response.text
