"""A client that accepts Brotli gets its answers in Brotli (the same JSON, the same
headers otherwise); one that does not, or refuses it with ``q=0``, gets gzip or the plain
answer as before (gzip written by ISA-L where installed, by zlib otherwise: the same JSON
either way). Streams (exports) are Brotli or gzip chunk by chunk; small answers go
plain."""

from __future__ import annotations

import gzip

import brotli
import pytest
from fastapi.testclient import TestClient

from api import compression
from api.compression import accepts_brotli

SEARCH = {"q": "", "limit": "50"}  # every document: well over 1 KB


def _raw(client: TestClient, path: str, params: dict[str, str], coding: str) -> tuple:
    """The bytes as sent (not decoded by the client) and the headers."""
    with client.stream("GET", path, params=params, headers={"Accept-Encoding": coding}) as r:
        assert r.status_code == 200
        return b"".join(r.iter_raw()), r.headers


def test_a_client_that_accepts_brotli_gets_the_same_answer_in_brotli(client: TestClient) -> None:
    # each a fresh answer (a replay goes gzipped to a client that takes gzip too, as the
    # answer cache keeps it: tests/api/test_answer_cache.py)
    for n, coding in enumerate(("br", "gzip, deflate, br", "br;q=0.5, gzip", "*")):
        search = {**SEARCH, "limit": str(40 + n)}
        sent, headers = _raw(client, "/v1/search", search, coding)
        plain, plain_headers = _raw(client, "/v1/search", search, "identity")
        assert headers["content-encoding"] == "br", coding
        assert int(headers["content-length"]) == len(sent) < len(plain)
        assert brotli.decompress(sent) == plain
        assert "Accept-Encoding" in headers["vary"]
        for name in ("ratelimit-limit", "ratelimit-policy", "content-type"):
            assert headers[name] == plain_headers[name]


@pytest.mark.parametrize("coding", ["gzip", "gzip, br;q=0", "gzip, BR;Q=0.0"])
def test_a_client_that_does_not_accept_brotli_gets_gzip(client: TestClient, coding: str) -> None:
    sent, headers = _raw(client, "/v1/search", SEARCH, coding)
    assert headers["content-encoding"] == "gzip"
    assert sent[:2] == b"\x1f\x8b"


@pytest.fixture(params=["isal", "zlib"])
def deflate(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """gzip by ISA-L (where installed) and by zlib, each answer the same JSON."""
    if request.param == "isal":
        if compression.isal_zlib is None:
            pytest.skip("isal is not installed: gzip is zlib's (make install adds it)")
    else:
        monkeypatch.setattr(compression, "isal_zlib", None)
    return request.param


def test_a_gzip_answer_is_the_plain_answer(client: TestClient, deflate: str) -> None:
    plain, plain_headers = _raw(client, "/v1/search", SEARCH, "identity")
    sent, headers = _raw(client, "/v1/search", SEARCH, "gzip, deflate")
    assert headers["content-encoding"] == "gzip"
    assert int(headers["content-length"]) == len(sent) < len(plain)
    assert gzip.decompress(sent) == plain
    assert "Accept-Encoding" in headers["vary"]
    for name in ("ratelimit-limit", "ratelimit-policy", "content-type"):
        assert headers[name] == plain_headers[name]


def test_an_export_streams_in_gzip(client: TestClient, deflate: str) -> None:
    plain, _ = _raw(client, "/v1/export.csv", {"kind": "sentencia"}, "identity")
    sent, headers = _raw(client, "/v1/export.csv", {"kind": "sentencia"}, "gzip")
    assert headers["content-encoding"] == "gzip"
    assert "content-length" not in headers
    assert gzip.decompress(sent) == plain


def test_an_export_streams_in_brotli(client: TestClient) -> None:
    plain, _ = _raw(client, "/v1/export.csv", {"kind": "sentencia"}, "identity")
    sent, headers = _raw(client, "/v1/export.csv", {"kind": "sentencia"}, "br")
    assert headers["content-encoding"] == "br"
    assert "content-length" not in headers
    assert brotli.decompress(sent) == plain


def test_a_small_answer_goes_plain(client: TestClient) -> None:
    sent, headers = _raw(client, "/healthz", {}, "br")
    assert "content-encoding" not in headers
    assert sent.startswith(b"{")


def test_accept_encoding_is_read_with_its_weights() -> None:
    def asked(value: bytes) -> bool:
        return accepts_brotli({"headers": [(b"accept-encoding", value)]})

    assert asked(b"br") and asked(b"gzip, deflate, br") and asked(b"*") and asked(b"BR ; q=1")
    assert asked(b"br;q=0.001")
    assert not asked(b"gzip") and not asked(b"br;q=0") and not asked(b"br; q=0.000")
    assert not asked(b"brotli") and not asked(b"br;q=x") and not asked(b"")
    assert not accepts_brotli({"headers": []})
