"""The crawler refuses addresses it must never reach."""

from __future__ import annotations

import pytest

from crawlers.addresses import BlockedAddress, check_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
    ],
)
def test_private_loopback_and_metadata_addresses_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddress):
        check_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://x/"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(BlockedAddress, match="scheme"):
        check_url(url, allow_loopback=True)


def test_the_setting_allows_loopback_for_tests_and_demo() -> None:
    check_url("http://127.0.0.1:8765/", allow_loopback=True)


def test_public_literal_address_is_allowed() -> None:
    check_url("http://8.8.8.8/")


@pytest.mark.parametrize(
    "url",
    ["http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://192.168.0.1/",
     "http://[fe80::1]/", "http://[fd00::1]/", "http://0.0.0.0/"],
)  # fmt: skip
def test_allowing_loopback_allows_nothing_else(url: str) -> None:
    with pytest.raises(BlockedAddress):
        check_url(url, allow_loopback=True)
