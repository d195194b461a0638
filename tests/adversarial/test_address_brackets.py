"""A start address whose brackets hold no IPv6 address the crawler can reach (a full-width
digit «１», letters that are not hexadecimal, an IPv4 address, an IPvFuture «v1.x», a
bracket left open, a zone id «%eth0») is refused naming the address and saying in
Spanish what is wrong with it; it was refused by Python's parser with an English message
and a Spanish «el valor no es válido», or (IPvFuture, zone id) taken."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import listing_spec, open_api

CASES = [
    ("http://[::１]/", "«１»"),
    ("http://[１::]:8080/lista", "«１»"),
    ("http://[::ｆ]/", "«ｆ»"),
    ("http://[zz]/", "no es una dirección IPv6"),
    ("http://[v1.x]/", "no es una dirección IPv6"),
    ("http://[127.0.0.1]/", "es una dirección IPv4"),
    ("http://[::1/", "corchetes"),
    ("http://a]b/", "corchetes"),
    ("http://[::1]]/", "corchetes"),
    ("http://[::1%eth0]/", "identificador de zona"),
    ("http://[fe80::1%25eth0]:8080/", "identificador de zona"),
    ("http://[2001:db8::1%]/", "identificador de zona"),
    ("http://[]/", "no es una dirección IPv6"),
]


def test_a_start_address_with_a_bad_bracketed_host_is_refused_in_spanish(tmp_path: Path) -> None:
    api = open_api(tmp_path)
    try:
        made = api.client.post(
            "/v1/sources", json=listing_spec("http://127.0.0.1:9/lista"), headers=api.headers
        )
        assert made.status_code == 201, made.text
        for url, said in CASES:
            spec = listing_spec(url) | {"id": "pj-gto-otra"}
            for sent in (
                api.client.post("/v1/sources", json=spec, headers=api.headers),
                api.client.put(
                    "/v1/sources/pj-gto-prueba", json=listing_spec(url), headers=api.headers
                ),
            ):
                assert sent.status_code == 422, (url, sent.text)
                [problem] = sent.json()["detail"]
                assert problem["loc"] == ["body", "start_urls", 0], problem
                assert said in problem["mensaje"], problem
                assert "no es válido" not in problem["mensaje"], problem
    finally:
        api.close()
