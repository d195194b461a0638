"""A budget without a key is a client's: an IPv6 client is its /64 network (a home or
office line gets 2^64 addresses to pick from, so a budget per address was none at all),
for public reads and for wrong keys alike; an IPv4-mapped address is its IPv4 address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from tests.api.read_limits import StillClock, client_from, limited_app, settings_for

SEARCH = "/v1/search?q=sentencia"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path / "data"))
    yield lib
    lib.close()


def test_addresses_of_one_ipv6_network_share_one_read_budget(
    library: Library, tmp_path: Path
) -> None:
    app = limited_app(
        library, settings_for(tmp_path / "data", read_limit_anonymous=3), StillClock()
    )
    line = [client_from(app, f"2001:4860:4860:1::{n:x}") for n in range(1, 6)]
    answers = [client.get(SEARCH).status_code for client in line]
    assert answers == [200, 200, 200, 429, 429]
    neighbour = client_from(app, "2001:4860:4860:2::1")  # another subscriber's /64
    assert neighbour.get(SEARCH).status_code == 200
    assert client_from(app, "203.0.113.9").get(SEARCH).status_code == 200


def test_an_ipv4_mapped_address_spends_its_ipv4_budget(library: Library, tmp_path: Path) -> None:
    app = limited_app(
        library, settings_for(tmp_path / "data", read_limit_anonymous=2), StillClock()
    )
    plain, mapped = client_from(app, "198.51.100.20"), client_from(app, "::ffff:198.51.100.20")
    assert [plain.get(SEARCH).status_code, mapped.get(SEARCH).status_code] == [200, 200]
    assert mapped.get(SEARCH).status_code == 429


def test_guessing_keys_from_many_addresses_of_one_network_is_slowed_as_from_one(
    library: Library, tmp_path: Path
) -> None:
    app = limited_app(
        library, settings_for(tmp_path / "data", write_rate_per_minute=3), StillClock()
    )
    guesses = [
        client_from(app, f"2001:4860:4860:1::{n:x}").get(
            "/v1/sources", headers={"Authorization": f"Bearer ea_{n:04d}_adivinanza"}
        )
        for n in range(1, 6)
    ]
    assert [g.status_code for g in guesses] == [401, 401, 401, 429, 429]
    assert "espere" in guesses[-1].json()["mensaje"]
