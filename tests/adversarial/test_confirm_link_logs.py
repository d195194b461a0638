"""The reader-key link's one-time token stays out of the access log: served by a real
uvicorn logging as ``abierto serve`` does, the GET that opens the link is logged with
the token hidden (it was written whole: whoever reads the logs within a day could take
the key), and opening the link still confirms nothing until the button is pressed."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.access_log import ACCESS_LOGGER
from api.app import create_app
from indexer.db.reader_keys import ReaderKeys
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Api, Lines]]:
    api = open_api(tmp_path / "data")
    app = create_app(api.library, api.settings)
    lines = Lines()
    # uvicorn's own logging configuration, made after the app as ``abierto serve`` does
    with serving(app, log_level="info") as url:
        logging.getLogger(ACCESS_LOGGER).addHandler(lines)
        yield url, api, lines
    logging.getLogger(ACCESS_LOGGER).removeHandler(lines)
    api.close()


def test_the_confirmation_token_is_not_written_to_the_access_log(
    served: tuple[str, Api, Lines],
) -> None:
    url, api, lines = served
    token = ReaderKeys(api.library.db).request("Ana", "ana@example.org", "203.0.113.20")
    page = httpx.get(f"{url}/lectores/confirmar?t={token}&otro=1", timeout=30)
    assert page.status_code == 200 and "Confirmar y ver mi clave" in page.text
    assert "ear_" not in page.text and ReaderKeys(api.library.db).list_keys() == []

    shown = httpx.post(f"{url}/lectores/confirmar", data={"t": token}, timeout=30)
    assert shown.status_code == 200
    assert re.search(r"ear_[0-9a-f]{12}_[\w-]+", shown.text)

    opened = [line for line in lines.lines if "GET /lectores/confirmar" in line]
    assert opened, lines.lines
    assert "t=[oculto]&otro=1" in opened[0]
    assert not [line for line in lines.lines if token in line], lines.lines


@pytest.mark.parametrize(
    "path",
    [
        "/v1/alerts/confirm/{token}",
        "/v1/alerts/confirm/{token}/renovar",
        "/v1/alerts/unsubscribe/{token}",
        "/v1/alerts/editar/{token}",  # the same token as the unsubscribe link's
    ],
)
def test_the_alerts_path_tokens_are_not_written_to_the_access_log(
    served: tuple[str, Api, Lines], path: str
) -> None:
    url, _, lines = served
    token = "Zq8vN3c0ZmFrZV90b2tlbl9mb3JfbG9ncw"
    httpx.get(url + path.format(token=token) + "?x=1", timeout=30)
    logged = [line for line in lines.lines if path.split("{")[0] in line]
    assert logged, lines.lines
    assert path.format(token="[oculto]") + "?x=1" in logged[0]
    assert not [line for line in lines.lines if token in line], lines.lines
