"""An API key put in an address by mistake (``?api_key=ea_…``, as other APIs take it)
is not written to the access log. The API reads keys only from headers, so such a call
is anonymous (or a 401), but uvicorn logged its address whole: whoever reads the logs
could take an institution's key, which registers and deletes its sources, for good."""

from __future__ import annotations

from urllib.parse import quote

import httpx

from indexer.db.reader_keys import ReaderKeys
from tests.adversarial.service import Api
from tests.adversarial.test_confirm_link_logs import Lines, served

__all__ = ["served"]


def test_keys_in_addresses_are_not_written_to_the_access_log(
    served: tuple[str, Api, Lines],
) -> None:
    url, api, lines = served
    institution = api.headers["Authorization"].removeprefix("Bearer ")
    reader = ReaderKeys(api.library.db).issue("Ana", "ana@example.org")[1]
    secrets = [key.split("_", 2)[2] for key in (institution, reader)]
    asked = [
        f"/v1/search?q=amparo&api_key={institution}",
        f"/v1/sources?key={institution}&x=1",
        f"/v1/sources/{institution}",
        f"/buscar?q=amparo&clave={reader}",
        f"/v1/export.csv?token={quote(reader.replace('_', '%5F'), safe='%')}",
    ]
    for path in asked:
        httpx.get(url + path, timeout=30)
    logged = [line for line in lines.lines if any(p.split("?")[0] in line for p in asked)]
    assert len(logged) == len(asked), lines.lines
    for secret in secrets:
        assert not [line for line in lines.lines if secret in line], lines.lines
    assert "GET /v1/search?q=amparo&api_key=[oculto]" in logged[0]
    assert "GET /v1/sources?key=[oculto]&x=1" in logged[1]
