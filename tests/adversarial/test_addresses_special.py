"""The address guard refuses every special-purpose range of the IANA IPv4 and IPv6
registries, IPv6 forms that carry a forbidden IPv4 address, and numeric hosts in every
form the C library reads — on the first request, on redirects (crawl and preview), and
whatever the loopback setting, which unlocks loopback only."""

from __future__ import annotations

import ipaddress
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.internet.error import DNSLookupError

from crawlers.addresses import BlockedAddress, check_url, forbidden_reason, literal_address
from crawlers.fetch import FetchError, fetch
from crawlers.resolver import GuardedResolver
from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

REFUSED_V4 = [
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24",
    "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
]  # fmt: skip
REFUSED_V6 = [
    "::/128", "::1/128", "::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:2::/48",
    "2001:10::/28", "2001:20::/28", "2001::/23", "2001:db8::/32", "2002::/16",
    "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10",
    "ff00::/8", "4000::/2",
]  # fmt: skip
PUBLIC = ["8.8.8.8", "200.57.1.1", "2606:4700:4700::1111", "64:ff9b::808:808", "::ffff:8.8.4.4"]


def _address_in(network: str, draw: st.DrawFn) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    net = ipaddress.ip_network(network)
    offset = draw(st.integers(0, net.num_addresses - 1))
    return net[offset]


def _v4_forms(address: ipaddress.IPv4Address) -> list[str]:
    a, b, c, d = address.packed
    n = int(address)
    return [
        str(address), str(n), hex(n), f"0{n:o}", f"0x{a:x}.0x{b:x}.0x{c:x}.0x{d:x}",
        f"0{a:o}.0{b:o}.0{c:o}.0{d:o}", f"{a}.{b}.{(c << 8) | d}",
        f"{a}.{(b << 16) | (c << 8) | d}",
        f"{address}.", f"[::ffff:{address}]", f"[::ffff:{a:02x}{b:02x}:{c:02x}{d:02x}]",
        f"[0:0:0:0:0:FFFF:{address}]",
    ]  # fmt: skip


def _v4_carriers(address: ipaddress.IPv4Address) -> list[str]:
    """IPv6 addresses that carry it: NAT64, 6to4, IPv4-compatible, Teredo."""
    a, b, c, d = address.packed
    return [
        f"[64:ff9b::{address}]", f"[2002:{a:02x}{b:02x}:{c:02x}{d:02x}::1]", f"[::{address}]",
        f"[2001:0:{a:02x}{b:02x}:{c:02x}{d:02x}::1]",
    ]  # fmt: skip


def _v6_forms(address: ipaddress.IPv6Address) -> list[str]:
    return [f"[{address.compressed}]", f"[{address.exploded}]", f"[{address.exploded.upper()}]",
            f"[{address.compressed}%25eth0]"]  # fmt: skip


@st.composite
def refused_hosts(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        address = _address_in(draw(st.sampled_from(REFUSED_V4)), draw)
        forms = _v4_forms(address) + _v4_carriers(address)
    else:
        address = _address_in(draw(st.sampled_from(REFUSED_V6)), draw)
        forms = _v6_forms(address)
    return draw(st.sampled_from(forms))


@settings(max_examples=600, deadline=None)
@given(host=refused_hosts(), loopback_allowed=st.booleans())
def test_any_refused_address_in_any_form_is_refused(host: str, loopback_allowed: bool) -> None:
    # every form is numeric: read here, never sent to a resolver
    assert literal_address(host.strip("[]").replace("%25", "%")) is not None
    address = literal_address(host.strip("[]").replace("%25", "%"))
    if loopback_allowed and address is not None and forbidden_reason(address, True) is None:
        assert address.is_loopback or (address.version == 6 and address.ipv4_mapped)
        return  # the setting unlocks loopback, and only loopback
    with pytest.raises(BlockedAddress):
        check_url(f"http://{host}:8080/ruta", allow_loopback=loopback_allowed)


@pytest.mark.parametrize(
    "host",
    ["[64:ff9b::127.0.0.1]", "[64:ff9b::10.0.0.1]", "[2002:7f00:1::]", "[2002:a9fe:a9fe::1]",
     "[::127.0.0.1]", "[::10.1.2.3]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
     "[::ffff:169.254.169.254]", "[64:ff9b:1::a00:1]", "100.64.0.1", "198.18.0.1", "192.0.0.170"],
)  # fmt: skip
def test_ipv6_that_carries_a_forbidden_ipv4_address_is_refused_even_with_loopback(
    host: str,
) -> None:
    with pytest.raises(BlockedAddress):
        check_url(f"http://{host}/", allow_loopback=True)


@pytest.mark.parametrize(
    "answer", ["64:ff9b::7f00:1", "2002:7f00:1::", "::ffff:10.0.0.1", "100.64.0.1", "192.0.2.1",
               "198.18.0.1", "240.0.0.1", "fc00::1"],
)  # fmt: skip
def test_the_resolver_refuses_them_at_connect_time(answer: str) -> None:
    """The DNS answer Scrapy is about to connect to, checked by the crawl's resolver (and
    said as a name that does not resolve: see ``crawlers.addresses.HiddenHost``)."""
    resolver: Any = SimpleNamespace(allow_loopback=True)
    with pytest.raises(DNSLookupError, match=r"no results for hostname lookup: sitio\.gob\.mx"):
        GuardedResolver._check(resolver, answer, "sitio.gob.mx")
    assert GuardedResolver._check(resolver, "127.0.0.1", "localhost") == "127.0.0.1"


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_and_their_nat64_or_mapped_forms_pass(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    check_url(f"http://{host}/")


def _redirecting_site(root: Path, target: str) -> None:
    case = root / "r"
    case.mkdir(parents=True)
    (case / "lista.html").write_text(
        "<html><body><table><tbody><tr><td><a href='doc.html'>uno</a></td></tr>"
        "<tr><td><a href='bien.html'>dos</a></td></tr></tbody></table></body></html>",
        encoding="utf-8",
    )
    (case / "bien.html").write_text(
        f"<html><body><h1>Sentencia</h1><p>{'Texto de la resolución. ' * 20}</p></body></html>",
        encoding="utf-8",
    )
    routes = {"routes": [{"path": "/doc.html", "redirect": target}]}
    (case / "_http.yaml").write_text(yaml.safe_dump(routes), encoding="utf-8")


@pytest.mark.parametrize("target", ["http://[64:ff9b::7f00:1]:{port}/", "http://[2002:7f00:1::]/"])
def test_a_redirect_to_a_carried_loopback_address_is_refused_in_a_crawl(
    tmp_path: Path, target: str
) -> None:
    _redirecting_site(tmp_path / "www", target.format(port=9))
    spec = {
        "id": "redirige-a-nat64", "kind": "sentencia", "institution": "Poder Judicial",
        "jurisdiction": "MX-GUA", "start_urls": ["${ABIERTO_SAMPLES_URL}/r/lista.html"],
        "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                    "fields": {"title": "css:a::text"}},
    }  # fmt: skip
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "s.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as server:
        run_abierto(tmp_path / "data", server.url, tmp_path / "specs")
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("redirige-a-nat64")[0]
        urls = {d.url for d in db.iter_documents()}
    finally:
        db.close()
    assert run.errors["blocked_address"]["count"] == 1
    assert urls == {f"{server.url}/r/bien.html"}


def test_a_redirect_to_a_carried_loopback_address_is_refused_in_a_preview(tmp_path: Path) -> None:
    _redirecting_site(tmp_path / "www", "http://[::ffff:10.0.0.1]/")
    with FixtureServer(tmp_path / "www") as server, pytest.raises(FetchError) as refused:
        fetch(f"{server.url}/r/doc.html", allow_loopback=True, user_agent="prueba",
              max_bytes=10_000, deadline=time.monotonic() + 10)  # fmt: skip
    assert refused.value.cause == "blocked_address"
