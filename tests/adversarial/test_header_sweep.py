"""Every route of a real server on 127.0.0.1, asked with hostile values in the headers
the app reads itself (the sign-in cookie, ``Range``, keys and tokens, validators,
negotiation, forwarding): bytes a browser or a script may send that are no ASCII, numbers
of thousands of digits, very long values. Each answer is a 2xx/3xx or a 4xx that says why
in Spanish, never a 5xx, and none hangs. The query-parameter sweep
(``test_route_sweep``) never sent these: a cookie whose signature was not ASCII and a
``Range`` of 5,000 digits were each a 500.

No timed asserts: a request fails only when it has not answered after ``HANG_S``."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from api.routers.pages.signin import COOKIE
from tests.adversarial.service import Api
from tests.adversarial.test_route_sweep import ROUTES, _filled, _problem
from tests.adversarial.test_route_sweep import api as api  # the fixture
from tests.uvicorn_thread import serving

HANG_S = 120
LONG = b"9" * 5000  # past the 4,300 digits ``int`` reads
# values as bytes: headers travel as Latin-1, so any byte may arrive
VALUES = [b"\xe9t\xe9\xff", b"\xb2", LONG, b"-" + LONG, b"a" * 20_000, b"x , ;=|" * 50]
# the header, and how a value is written into it
HEADERS: list[tuple[str, bytes]] = [
    ("Cookie", COOKIE.encode() + b"=%s"),
    ("Cookie", COOKIE.encode() + b"=pj-gto|k|9999999999|x|%s"),
    ("Range", b"bytes=0-%s"),
    ("Range", b"bytes=%s-"),
    ("Range", b"bytes=-%s"),
    ("If-Range", b"%s"),
    ("If-None-Match", b'"%s"'),
    ("If-Modified-Since", b"%s"),
    ("Authorization", b"Bearer %s"),
    ("Authorization", b"Bearer ea_%s_x"),
    ("X-API-Key", b"ear_%s"),
    ("X-Alert-Token", b"%s"),
    ("Accept", b"text/html;q=%s"),
    ("Accept-Encoding", b"gzip;q=%s, br"),
    ("Accept-Language", b"es;q=%s"),
    ("Origin", b"http://%s"),
    ("Referer", b"http://127.0.0.1/%s"),
    ("X-Forwarded-For", b"%s"),
    ("Sec-Fetch-Site", b"%s"),
]


@pytest.fixture(scope="module")
def served(api: Api) -> Iterator[tuple[str, dict[str, str]]]:
    """The sweep's library served by uvicorn; the ids filled in, an original's among them
    (``Range`` is read only where a file is sent)."""
    ids = {}
    for hit in api.client.get("/v1/search", params={"limit": 50}).json()["hits"]:
        if api.client.get(f"/v1/documents/{hit['id']}/file").status_code == 200:
            ids["{doc_id}"] = hit["id"]
            break
    assert ids, "no document with an original"
    with serving(create_app(api.library, api.settings)) as url:
        yield url, ids


def _path(template: str, ids: dict[str, str]) -> str:
    for part, value in ids.items():
        template = template.replace(part, value)
    return _filled(template)


GETS = [template for template, methods in ROUTES if "GET" in methods]


@pytest.mark.parametrize("template", GETS)
def test_hostile_header_values_are_never_a_server_error(
    served: tuple[str, dict[str, str]], template: str
) -> None:
    url, ids = served
    problems = []
    with httpx.Client(base_url=url, timeout=HANG_S) as client:
        for name, shape in HEADERS:
            for value in VALUES:
                try:
                    answer = client.get(_path(template, ids), headers={name: shape % value})
                except httpx.TimeoutException:
                    problems.append((name, value[:12], "no answer: a hang"))
                    continue
                problem = _problem("GET", answer)
                if problem:
                    problems.append((name, value[:12], answer.status_code, problem))
    assert problems == []


@pytest.mark.parametrize("path", ["/fuentes/entrar", "/fuentes/salir"])
def test_hostile_cookies_on_the_sign_in_forms_are_never_a_server_error(
    served: tuple[str, dict[str, str]], path: str
) -> None:
    url, _ = served
    problems = []
    with httpx.Client(base_url=url, timeout=HANG_S) as client:
        for name, shape in HEADERS[:2]:
            for value in VALUES:
                answer = client.post(path, data={"clave": "x"}, headers={name: shape % value})
                problem = _problem("POST", answer)
                if problem:
                    problems.append((value[:12], answer.status_code, problem))
    assert problems == []
