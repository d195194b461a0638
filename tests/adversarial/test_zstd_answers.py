"""Answers compressed with zstd: the crawl asks for it (Scrapy's ``Accept-Encoding`` names
gzip, deflate, br and zstd), yet the check for compressed data cut mid-stream knew only
the first three. Scrapy's zstd reader stops quietly where the data stops, so a page cut
by a proxy or a failing server was kept as if whole (here two thirds of a sentence, its
resolutions lost) without a word; a preview's fetch did not undo zstd at all and showed
the compressed bytes as the page. A cut zstd answer is now a counted ``cut_short``
naming its coding, a whole one reads whole in a crawl and in a preview, and zstd counts
among the codings of a stack. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from crawlers.fetch import FetchError, fetch
from tests.adversarial.file_listing import Served, crawl, serving

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

_RANDOM = random.Random(14)
PAGE = (
    "<html><head><title>Sentencia</title></head><body><main><h1>Sentencia definitiva</h1>"
    + "".join(
        f"<p>Considerando {n}: el juzgado valora la prueba {_RANDOM.randrange(10**9)} del "
        f"expediente {_RANDOM.randrange(10**6)}/2024.</p>"
        for n in range(6000)
    )
    + "<p>RESOLUTIVOS: se condena al demandado al pago de la pensión.</p></main></body></html>"
).encode()  # 600 KB of varied text: several zstd blocks, so a cut one still gives text
HTML = "text/html; charset=utf-8"
PACKED = zstd.compress(PAGE)
FILES = {
    "/entera.html": Served(PACKED, HTML, "zstd"),
    "/cortada.html": Served(PACKED[: len(PACKED) * 2 // 3], HTML, "zstd"),
}
SAID = (
    "el sitio envió una respuesta comprimida (zstd) cuyos datos terminan antes del final "
    "de su compresión: la respuesta está cortada y no se guardó"
)


def test_a_zstd_answer_cut_mid_stream_is_counted_not_kept(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "RESOLUTIVOS" in crawled.texts["Sentencia entera.html"]
    assert set(crawled.texts) == {"Sentencia entera.html"}, {
        title: len(text) for title, text in crawled.texts.items()
    }
    examples = crawled.run.errors["cut_short"]["examples"]
    assert [e["url"].rsplit("/", 1)[1] for e in examples] == ["cortada.html"], examples
    assert error_mensaje("cut_short", examples[0]["message"]) == SAID


def test_a_preview_fetch_of_a_zstd_answer_reads_it_whole() -> None:
    with serving(FILES) as url:
        fetched = fetch(f"{url}/entera.html", allow_loopback=True, user_agent="prueba",
                        max_bytes=8 << 20, deadline=time.monotonic() + 60)  # fmt: skip
    assert fetched.body == PAGE


def test_a_preview_fetch_of_a_zstd_answer_cut_mid_stream_says_so() -> None:
    with serving(FILES) as url, pytest.raises(FetchError) as refused:
        fetch(f"{url}/cortada.html", allow_loopback=True, user_agent="prueba",
              max_bytes=8 << 20, deadline=time.monotonic() + 60)  # fmt: skip
    assert refused.value.cause == "cut_short"
    assert error_mensaje("cut_short", str(refused.value)) == SAID
