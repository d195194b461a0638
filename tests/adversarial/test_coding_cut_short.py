"""A compressed answer (``Content-Encoding`` gzip, deflate, br) whose compressed data ends
before its stream does: the site sent an honest ``Content-Length`` for bytes that stop
mid-stream (a proxy that cut the file, a server that died while compressing). Scrapy's
gunzip is "resilient": it gives back whatever inflated, so the page was kept cut as if
whole, its end lost in silence (and zlib and brotli say nothing either when the input
just stops); a preview showed the cut page too. Each is now ``cut_short`` saying the
compressed data stops early, in Spanish; nothing cut is kept, and the whole compressed
page beside them still reads. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import time
import zlib
from pathlib import Path

import brotli
import pytest

from crawlers.causas import error_mensaje
from crawlers.fetch import FetchError, fetch
from tests.adversarial.file_listing import Served, crawl, serving

PAGE = (
    "<html><head><title>Sentencia</title></head><body><main><h1>Sentencia definitiva</h1>"
    + "".join(
        f"<p>Considerando {n}: el juzgado resuelve sobre la pensión alimenticia {n}.</p>"
        for n in range(400)
    )
    + "<p>RESOLUTIVOS: se condena al demandado al pago de la pensión.</p></main></body></html>"
).encode()
HTML = "text/html; charset=utf-8"


def _cut(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


FILES = {
    "/entera.html": Served(gzip.compress(PAGE), HTML, "gzip"),
    "/gzip.html": Served(_cut(gzip.compress(PAGE)), HTML, "gzip"),
    "/deflate.html": Served(_cut(zlib.compress(PAGE)), HTML, "deflate"),
    "/br.html": Served(_cut(brotli.compress(PAGE)), HTML, "br"),
}
SAID = (
    "el sitio envió una respuesta comprimida ({coding}) cuyos datos terminan antes del final "
    "de su compresión: la respuesta está cortada y no se guardó"
)


def test_compressed_answers_that_stop_mid_stream_are_counted_not_kept(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    texts, run = crawled.texts, crawled.run
    assert "RESOLUTIVOS" in texts["Sentencia entera.html"]
    assert set(texts) == {"Sentencia entera.html"}, {k: len(v) for k, v in texts.items()}
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("cut_short", example["message"])
        for example in run.errors["cut_short"]["examples"]
    }
    assert said == {
        f"{coding}.html": SAID.format(coding=coding) for coding in ("gzip", "deflate", "br")
    }


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_a_preview_fetch_of_a_compressed_answer_cut_mid_stream_says_so(coding: str) -> None:
    with serving(FILES) as url, pytest.raises(FetchError) as refused:
        fetch(f"{url}/{coding}.html", allow_loopback=True, user_agent="prueba",
              max_bytes=1 << 20, deadline=time.monotonic() + 30)  # fmt: skip
    assert refused.value.cause == "cut_short"
    assert error_mensaje("cut_short", str(refused.value)) == SAID.format(coding=coding)


def test_a_preview_fetch_of_a_whole_compressed_answer_reads_it() -> None:
    with serving(FILES) as url:
        fetched = fetch(f"{url}/entera.html", allow_loopback=True, user_agent="prueba",
                        max_bytes=1 << 20, deadline=time.monotonic() + 30)  # fmt: skip
    assert fetched.body == PAGE
