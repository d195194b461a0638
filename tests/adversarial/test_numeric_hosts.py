"""A host written as a decimal number of thousands of digits (``http://111…1/``) is no
address (an IPv4 number has at most 10 digits) and no error of the service: ``int``
refuses to convert a decimal that long, and the address guard's ValueError made an
institution's registration and preview of such a start URL a 500. Through the API such a
start URL is now refused first for its length: a clear 422, in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.addresses import literal_address
from tests.adversarial.service import listing_spec, open_api

HOST = "1" * 5000


@pytest.mark.parametrize("host", [HOST, f"1.{HOST}", f"0x1.{HOST}", "4294967296", "99999999999"])
def test_a_decimal_past_any_address_is_no_literal_address(host: str) -> None:
    assert literal_address(host) is None


def test_such_a_start_url_is_a_clear_answer_never_a_500(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        spec = listing_spec(f"http://{HOST}/lista")  # longer than any address the crawl asks
        preview = api.client.post("/v1/sources/preview", json=spec, headers=api.headers)
        assert preview.status_code == 422, preview.text[:300]
        assert "más de los 2083 que el rastreo pide" in preview.text
        made = api.client.post("/v1/sources", json=spec, headers=api.headers)
        assert made.status_code == 422, made.text[:300]
    finally:
        api.close()
