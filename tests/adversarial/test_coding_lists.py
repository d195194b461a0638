"""A ``Content-Encoding`` listing more than one coding, where some are no compression:
``identity`` (RFC 9110's "no coding"), a name no one knows (``x-nada``), capitals, or
the codings spread over two header lines. Scrapy undoes codings from the last and stops
at the first it does not know, so ``deflate, identity`` was kept compressed (an
``extraction_failed`` "binary data" for a page the site served whole), and a gzip bomb
declared ``gzip, identity`` went past the crawl's decompression limit undone. The crawl
now undoes exactly the codings the preview's fetch undoes (every gzip, deflate, br and
zstd, in order, the rest passed through as browsers and httpx do): the page is read, a
bomb or a cut stream is one item, one counted error with its cause. Real server on
127.0.0.1, the real crawl."""

from __future__ import annotations

import gzip
import time
import zlib
from pathlib import Path

import brotli

from crawlers.fetch import FetchError, fetch
from tests.adversarial.file_listing import Served, crawl, serving

HTML = "text/html; charset=utf-8"


def _page(word: str) -> bytes:
    return (
        f"<html><body><main><h1>Sentencia {word}</h1><p>El juzgado resuelve el asunto "
        f"{word} sobre la pensión alimenticia.</p></main></body></html>"
    ).encode()


BOMB = gzip.compress(_page("bomba") + b" " * (60 * 1024 * 1024), 9)  # past the 50 MB limit
CUT = gzip.compress(_page("cortada") * 50)
READ = {
    "/identidad.html": Served(gzip.compress(_page("identidad")), HTML, "gzip, identity"),
    "/desinflada.html": Served(zlib.compress(_page("desinflada")), HTML, "deflate, identity"),
    "/desconocida.html": Served(brotli.compress(_page("desconocida")), HTML, "br, x-nada"),
    "/mayusculas.html": Served(brotli.compress(_page("mayusculas")), HTML, "Identity, BR"),
    "/dos-lineas.html": Served(
        gzip.compress(zlib.compress(_page("dos-lineas"))), HTML, ("deflate", " , gzip")
    ),
}
FAILED = {
    "/bomba.html": Served(BOMB, HTML, "gzip, identity"),
    "/cortada.html": Served(CUT[: len(CUT) // 2], HTML, "identity, gzip"),
}


def test_each_listed_coding_is_undone_and_each_bad_answer_one_error(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, READ | FAILED)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    for path in READ:
        word = path[1:].removesuffix(".html")
        said = crawled.texts.get(f"Sentencia {path[1:]}", "")
        assert f"asunto {word} sobre" in said, (path, said, crawled.run.errors)
    errors = crawled.run.errors
    assert {cause: e["count"] for cause, e in errors.items()} == {
        "too_large": 1,
        "cut_short": 1,
    }, errors
    [bomb] = errors["too_large"]["examples"]
    [cut] = errors["cut_short"]["examples"]
    assert bomb["url"].endswith("/bomba.html") and cut["url"].endswith("/cortada.html")
    assert crawled.run.stats["errors"] == 2, crawled.run.stats


def test_the_preview_fetch_reads_the_same_answers() -> None:
    with serving(READ | FAILED) as url:
        for path in READ:
            got = fetch(f"{url}{path}", allow_loopback=True, user_agent="prueba",
                        max_bytes=10 * 1024 * 1024, deadline=time.monotonic() + 30)  # fmt: skip
            assert b"sobre la pensi" in got.body, (path, got.body[:80])
        for path, cause in (("/bomba.html", "too_large"), ("/cortada.html", "cut_short")):
            try:
                fetch(f"{url}{path}", allow_loopback=True, user_agent="prueba",
                      max_bytes=10 * 1024 * 1024, deadline=time.monotonic() + 30)  # fmt: skip
            except FetchError as exc:
                assert exc.cause == cause, (path, exc)
            else:
                raise AssertionError(f"{path} was read")
