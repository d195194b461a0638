"""``Retry-After`` values the crawl once misread: 400 digits were ``inf`` (the wait
said as "inf" or lost), ``1.5`` was no wait at all, and an HTTP date in asctime form
(no zone named; RFC 9110 says GMT) was read in the machine's local time. The preview
says the wait as the crawl counts it; a real server on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from tests.adversarial.court_listing import court_listing
from tests.http_thread import QuietHandler, serving_handler

WAITS = {
    "/enorme": lambda: "9" * 400,
    "/decimal": lambda: "1.5",
    "/asctime": lambda: time.asctime(time.gmtime(time.time() + 7200)),
}


class _Busy(QuietHandler):
    def do_GET(self) -> None:
        self.send_response(429)
        self.send_header("Retry-After", WAITS[self.path]())
        self.send_header("Content-Length", "0")
        self.end_headers()


def _said(path: str) -> str:
    with serving_handler(_Busy) as url:
        spec = SourceSpec.model_validate(court_listing("juzgado-ocupado", f"{url}{path}"))
        preview = listing_preview(spec, Settings(allow_loopback=True), time_limit_s=20)
    [error] = preview["errors"]
    assert error["cause"] == "rate_limited"
    return error_mensaje(error["cause"], error["message"])


def test_a_wait_of_400_digits_is_said_as_more_than_a_year() -> None:
    said = _said("/enorme")
    assert said == "el sitio respondió HTTP 429 y pidió esperar más de 366 días (Retry-After)"


def test_a_decimal_wait_is_waited_rounded_up() -> None:
    assert _said("/decimal") == "el sitio respondió HTTP 429 y pidió esperar 2 s (Retry-After)"


@pytest.fixture
def far_from_gmt(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The process's local time five hours behind GMT, as on a server in Lima."""
    monkeypatch.setenv("TZ", "America/Lima")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_from_gmt")
def test_an_asctime_date_is_gmt_not_local_time() -> None:
    said = _said("/asctime")
    seconds = int(said.split("esperar ")[1].split(" s")[0])
    assert 7100 <= seconds <= 7200, said
