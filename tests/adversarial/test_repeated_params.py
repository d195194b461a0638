"""Query parameters given twice or not read, limits out of range and refusals made before
any route runs, against a real API (and a real uvicorn where only the server answers): a
parameter read as one value that repeats was answered silently with its last value, a
name a route does not read (outside the search) was ignored, a source's runs clamped any
``limit`` into 1..200, and uvicorn and the CORS preflight refused in English plain text.
Each is now a 4xx whose JSON says why in Spanish."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from api.app import create_app
from cli.http_limits import server_limits
from tests.adversarial.service import Api, listing_spec, open_api
from tests.uvicorn_thread import serving


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    opened = open_api(tmp_path_factory.mktemp("data"))
    created = opened.client.post(
        "/v1/sources", json=listing_spec("http://127.0.0.1:9/x"), headers=opened.headers
    )
    assert created.status_code == 201, created.text
    yield opened
    opened.close()


ONE_VALUE = [
    "/v1/search?q=amparo&q=divorcio",
    "/v1/search?q=amparo&limit=5&limit=100",
    "/v1/search?sort=date_desc&sort=date_asc",
    "/v1/search?date_from=2020-01-01&date_from=2023-01-01",
    "/v1/search.atom?q=amparo&q=divorcio",
    "/v1/export.csv?q=amparo&q=divorcio",
    "/v1/export.jsonl?limit=1&limit=2",
    "/v1/sessions?limit=1&limit=2",
    "/v1/speeches?q=salud&q=agua",
    "/v1/people?name=Ana&name=Luis",
    "/v1/documents/nada/citations?limit=1&limit=2",
    "/v1/sources/pj-gto-prueba/runs?limit=1&limit=2",
    "/v1/search?%71=amparo&q=divorcio",  # %71 is q
]


@pytest.mark.parametrize("address", ONE_VALUE)
def test_a_parameter_read_as_one_value_given_twice_is_refused(api: Api, address: str) -> None:
    answer = api.client.get(address, headers=api.headers)
    assert answer.status_code == 422, (address, answer.status_code, answer.text[:200])
    [problem] = answer.json()["detail"]
    assert problem["type"] == "repeated_parameter"
    assert "se dio 2 veces y admite un solo valor" in problem["mensaje"]


UNKNOWN = [
    ("/v1/sessions?congresso=Congreso+de+Guanajuato", "congresso", "congress"),
    ("/v1/speeches?orador=Ana", "orador", "speaker"),
    ("/v1/people?nombre=Ana", "nombre", "name"),
    ("/v1/documents/nada/citations?limite=5", "limite", "limit"),
    ("/v1/sources/pj-gto-prueba/runs?limt=5", "limt", "limit"),
]


@pytest.mark.parametrize(("address", "name", "meant"), UNKNOWN)
def test_a_parameter_the_route_does_not_read_is_refused_naming_the_valid_ones(
    api: Api, address: str, name: str, meant: str
) -> None:
    answer = api.client.get(address, headers=api.headers)
    assert answer.status_code == 422, (address, answer.status_code, answer.text[:200])
    [problem] = answer.json()["detail"]
    assert problem["type"] == "unknown_parameter"
    assert f"el parámetro «{name}» no existe" in problem["mensaje"]
    assert meant in problem["mensaje"]


@pytest.mark.parametrize("address", ["/v1/sources?limit=5", "/v1/alerts?status=activa"])
def test_a_parameter_on_an_address_that_takes_none_is_refused(api: Api, address: str) -> None:
    answer = api.client.get(address, headers=api.headers)
    assert answer.status_code == 422, answer.text[:200]
    assert "esta dirección no admite parámetros" in answer.json()["detail"][0]["mensaje"]


def test_filters_that_take_several_values_still_repeat(api: Api) -> None:
    answer = api.client.get("/v1/search?kind=sentencia&kind=legislativo&court=a&court=b")
    assert answer.status_code == 200, answer.text[:200]


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("/buscar?q=amparo&q=divorcio", "q"),
        ("/sesiones?desde=2023-01-01&desde=2024-01-01", "desde"),
    ],
)
def test_the_pages_say_a_repeated_question_is_one_too_many(
    api: Api, address: str, name: str
) -> None:
    page = api.client.get(address, headers={"Accept": "text/html"})
    assert f"El parámetro «{name}» se dio 2 veces y admite un solo valor." in page.text


@pytest.mark.parametrize("limit", ["0", "-3", "201", "99999999999999999999"])
def test_runs_limit_out_of_range_is_refused_not_clamped(api: Api, limit: str) -> None:
    answer = api.client.get(f"/v1/sources/pj-gto-prueba/runs?limit={limit}", headers=api.headers)
    assert answer.status_code == 422, answer.text[:200]
    assert answer.json()["detail"][0]["mensaje"].startswith("limit: debe ser")


def test_runs_limit_in_range_answers(api: Api) -> None:
    answer = api.client.get("/v1/sources/pj-gto-prueba/runs?limit=200", headers=api.headers)
    assert answer.status_code == 200, answer.text[:200]


def test_a_refused_cors_preflight_says_why_in_spanish(api: Api) -> None:
    answer = api.client.options(
        "/v1/sources",
        headers={"Origin": "https://otro.example", "Access-Control-Request-Method": "DELETE"},
    )
    assert answer.status_code == 400
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "no se admite el método" in answer.json()["mensaje"]


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\r\n\r\n",  # a TLS hello on the plain port
        b"GET /v1/se arch HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /v1/sources HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"POST /v1/sources HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ],
)
def test_the_server_refuses_what_it_cannot_read_in_spanish(api: Api, request_bytes: bytes) -> None:
    with serving(create_app(api.library, api.settings), **server_limits()) as url:
        answer = _raw(int(url.rsplit(":", 1)[1]), request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert b"content-type: application/json" in head
    assert "no es HTTP válido" in body.decode()


def test_a_head_too_large_is_refused_in_spanish(api: Api) -> None:
    request = b"GET /v1/search?q=" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    with serving(create_app(api.library, api.settings), **server_limits()) as url:
        answer = _raw(int(url.rsplit(":", 1)[1]), request)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert "demasiado grandes" in body.decode()
