"""The month asked of ``/sesiones`` (``mes=AAAA-MM``) is a year the page can show: a
month of the year 0 or of 9999 passed the month's pattern and built a date Python has
not (``date(0, 5, 1)``, or the month after December 9999): a 500. Now it is the page's
own Spanish error, as a year out of range (``anio``) already was."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data")))
    with TestClient(create_app(library), raise_server_exceptions=False) as made:
        yield made
    library.close()


@pytest.mark.parametrize("month", ["0000-05", "9999-12", "1800-12", "2200-01", "٢٠٢٥-٠٢"])
def test_a_month_of_a_year_the_page_cannot_show_is_said_in_spanish(
    client: TestClient, month: str
) -> None:
    page = client.get("/sesiones", params={"mes": month}, headers=HTML)
    assert page.status_code == 400, page.text[:300]
    assert "no es válido: use AAAA-MM" in page.text and "entre 1801 y 2199" in page.text


def test_an_ordinary_month_is_shown(client: TestClient) -> None:
    page = client.get("/sesiones", params={"mes": "2025-02"}, headers=HTML)
    assert page.status_code == 200, page.text[:300]
    assert "no es válido" not in page.text
