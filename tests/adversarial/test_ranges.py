"""A ``Range`` header on an original: a malformed one is ignored (the whole file, as RFC
9110 allows) instead of an English plain-text 400; one beyond the file is a 416 that says
why in Spanish, with ``Content-Range``; a good one still gets its bytes. A number of
thousands of digits is no 500: a start that long is beyond the file, an end that long
asks for the whole file."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import PDF_BYTES


@pytest.fixture(scope="module")
def original(api: TestClient) -> str:
    for hit in api.get("/v1/search", params={"limit": 50}).json()["hits"]:
        url = f"/v1/documents/{hit['id']}/file"
        if api.get(url).status_code == 200:
            return url
    raise AssertionError("no document with an original")


@pytest.mark.parametrize(
    "asked", ["bytes=5-1", "bytes=a-b", "pages=1-2", "bytes", "bytes=-", "bytes=,,,", "x=0-1"]
)
def test_a_malformed_range_is_ignored(api: TestClient, original: str, asked: str) -> None:
    response = api.get(original, headers={"Range": asked})
    assert response.status_code == 200, response.text[:200]
    assert response.content == PDF_BYTES


@pytest.mark.parametrize("asked", ["bytes=999999-", "bytes=-0", f"bytes={len(PDF_BYTES)}-"])
def test_a_range_beyond_the_file_is_a_416_in_spanish(
    api: TestClient, original: str, asked: str
) -> None:
    response = api.get(original, headers={"Range": asked})
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{len(PDF_BYTES)}"
    assert response.json()["mensaje"]


LONG = "9" * 5000  # past the 4,300 digits ``int`` reads: it raised, a 500


@pytest.mark.parametrize("asked", [f"bytes=0-{LONG}", f"bytes=-{LONG}", f"bytes={'0' * 5000}1-"])
def test_a_range_written_with_a_long_number_is_the_whole_file(
    api: TestClient, original: str, asked: str
) -> None:
    """To the file's end, or from a byte written with thousands of zeros: the file."""
    response = api.get(original, headers={"Range": asked})
    assert response.status_code == 200, response.text[:200]
    assert response.content == PDF_BYTES


@pytest.mark.parametrize("asked", [f"bytes={LONG}-", f"bytes={LONG}-{LONG}", f"bytes=0-1,{LONG}-"])
def test_a_range_from_a_long_number_is_beyond_the_file(
    api: TestClient, original: str, asked: str
) -> None:
    response = api.get(original, headers={"Range": asked})
    assert response.status_code == 416, response.text[:200]
    assert response.headers["Content-Range"] == f"bytes */{len(PDF_BYTES)}"
    assert "fuera del archivo" in response.json()["mensaje"]


def test_a_good_range_gets_its_bytes(api: TestClient, original: str) -> None:
    response = api.get(original, headers={"Range": "bytes=0-3"})
    assert response.status_code == 206 and response.content == PDF_BYTES[:4]
