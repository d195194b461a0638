"""A site that declares a ``Content-Encoding`` (gzip, deflate, br) its bytes are not is at
fault, not the network: before, such an answer read «falla de red (BadGzipFile)» and a
crawl whose every page came so ended "no page could be fetched" as if the site were
down. Crawled end to end from a real server on 127.0.0.1: each false coding is counted
under its own cause, said in Spanish with the coding declared, and the good PDF of the
same listing keeps its text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from crawlers.fetch import FetchError, fetch
from tests.adversarial.file_listing import Served, crawl, listing, serving
from tests.adversarial.hostile import text_pdf

GOOD = text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"])
PLAIN = text_pdf(["Sentencia servida sin la compresión que declara"])
FILES = {
    "/bueno.pdf": Served(GOOD),
    "/gzip.pdf": Served(PLAIN, coding="gzip"),  # plain bytes said to be gzip
    "/deflate.pdf": Served(b"\xff" * 64 + PLAIN, coding="deflate"),  # neither zlib nor raw
    "/br.pdf": Served(b"\xff" * 64 + PLAIN, coding="br"),
}


def test_a_declared_coding_the_answer_lacks_is_the_sites_fault(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    texts, run = crawled.texts, crawled.run
    assert "juicio ordinario civil 12/2024" in texts["Sentencia bueno.pdf"]
    assert "network" not in run.errors, run.errors
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("false_coding", example["message"])
        for example in run.errors["false_coding"]["examples"]
    }
    assert said == {
        f"{coding}.pdf": f"el sitio declaró una compresión ({coding}) que su respuesta no "
        "tiene: no se leyó"
        for coding in ("gzip", "deflate", "br")
    }


def test_a_listing_in_a_false_coding_fails_the_run_for_that_cause(tmp_path: Path) -> None:
    # the listing itself: plain HTML said to be gzip
    page = Served(listing(list(FILES)), "text/html; charset=utf-8", "gzip")
    run = crawl(tmp_path, {"/": page} | FILES).run
    assert run.status == "failed"
    assert {cause: entry["count"] for cause, entry in run.errors.items()} == {"false_coding": 1}


@pytest.mark.parametrize(
    ("stored", "coding"),
    [
        ("BadGzipFile: Not a gzipped file (b'<h')", "gzip"),
        ("error: brotli: decoder failed", "br"),
        ("error: Error -3 while decompressing data: invalid block type", "gzip/deflate"),
    ],
)
def test_runs_stored_as_network_failures_before_read_as_the_sites(stored: str, coding: str) -> None:
    assert error_mensaje("network", stored) == (
        f"el sitio declaró una compresión ({coding}) que su respuesta no tiene: no se leyó"
    )


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_a_preview_fetch_says_the_false_coding_too(coding: str) -> None:
    """The spec preview and the alignment jobs fetch with httpx (``crawlers.fetch``),
    not Scrapy: the same answer reads the same there."""
    with serving(FILES) as url, pytest.raises(FetchError) as refused:
        fetch(f"{url}/{coding}.pdf", allow_loopback=True, user_agent="prueba",
              max_bytes=1 << 20, deadline=time.monotonic() + 30)  # fmt: skip
    assert refused.value.cause == "false_coding"
    assert error_mensaje("false_coding", str(refused.value)) == (
        f"el sitio declaró una compresión ({coding}) que su respuesta no tiene: no se leyó"
    )
