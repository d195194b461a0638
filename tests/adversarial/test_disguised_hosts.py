"""A host written with compatibility characters or percent-escapes is the host the crawler
fetches: the crawler writes a URL's host decoded and in IDNA, reading «%31%32%37.0.0.1»
as 127.0.0.1, and the system resolver reads «①②⑦.0.0.1»,
full-width «１２７．０．０．１», mathematical «𝟏𝟐𝟕.0.0.1», ideographic full stops and
«ｌｏｃａｌｈｏｓｔ» as 127.0.0.1 and localhost (IDNA 2003 maps them by NFKC). Before,
registration took them for names, and a name pointing inside is taken (the crawl
refuses it), so a key registered sources aimed at the server's own loopback and private
networks and the answer said nothing; now each is refused by its kind, as the plain
numbers are, naming the field, in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.addresses import BlockedAddress, UnresolvableHost, check_url
from tests.adversarial.service import listing_spec, open_api

DISGUISED = (
    "①②⑦.0.0.1",
    "１２７．０．０．１",
    "𝟏𝟐𝟕.0.0.1",
    "127。0。0。1",
    "127｡0｡0｡1",
    "０ｘ７ｆ．１",  # inet_aton's hexadecimal form, full-width
    "⑩.0.0.1",  # a private network
    "𝟭𝟵𝟮.𝟭𝟲𝟴.0.1",
    "ｌｏｃａｌｈｏｓｔ",
    "ⓛⓞⓒⓐⓛⓗⓞⓢⓣ",
    "admin.ＬＯＣＡＬＨＯＳＴ",
    "[::１]",
    "%31%32%37.0.0.1",  # percent-escaped: the crawler's URL decodes it
    "127.0.0.1%2e",
    "%6c%6f%63%61%6c%68%6f%73%74",
    "1%30.0.0.1",
)


@pytest.mark.parametrize("host", DISGUISED)
def test_a_disguised_numeric_or_local_host_is_refused_by_its_kind(host: str) -> None:
    with pytest.raises(BlockedAddress) as refused:
        check_url(f"http://{host}/x")
    # refused for what it is, not as a name that resolves nowhere (which a key may register)
    assert not isinstance(refused.value, UnresolvableHost), refused.value


def test_registration_refuses_every_disguised_host(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data", allow_loopback=False)
    try:
        for n, host in enumerate(DISGUISED):
            spec = listing_spec(f"http://{host}:8080/lista.html", id=f"pj-gto-d{n}")
            answer = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert answer.status_code == 422, (host, answer.status_code, answer.text)
            problem = answer.json()["detail"][0]
            assert "start_urls" in problem["loc"], problem
            if not host.startswith("["):  # a bracketed one is no IPv6 address at all
                assert "servidor debe ser público" in problem["mensaje"], problem
        assert api.client.get("/v1/sources", headers=api.headers).json()["sources"] == []
    finally:
        api.library.close()
