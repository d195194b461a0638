"""A stack of codings (``Content-Encoding: gzip, deflate, gzip``) whose innermost stream
ends after a small page while the coding around it inflates a few kilobytes into a
gigabyte of bytes after that end. Only the last coding's output was counted against the
size limit, and zlib kept every byte after a stream's end, copying each piece onto the
rest: the check for compressed answers cut short ran for a quarter of an hour in the
crawl's reactor (every download of the crawl stopped with it, and its memory grew by the
gigabyte), and a preview's fetch hung as long, then kept the small page as the answer.
Each coding of a stack is now bounded by the size limit, and bytes after a stream's end
are not kept: the answer is a counted ``too_large`` saying it is a compression bomb, the
good page beside it is kept, and the crawl ends in seconds.

A stack may also be long: each coding one more pass of up to the limit, so a thousand
``gzip`` in one header (a few megabytes sent, each layer's stored blocks holding the
next) were a thousand passes of 45 MB. More codings than ``MAX_CODINGS`` on one answer
are refused before any is undone, counted as a malformed answer that says why.
Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from crawlers.content_coding import MAX_CODINGS
from crawlers.fetch import FetchError, fetch
from tests.adversarial.file_listing import Served, crawl, serving
from tests.adversarial.hostile import coding_stack_bomb

PAGE = (
    "<html><head><title>Sentencia</title></head><body><main><h1>Sentencia definitiva</h1>"
    + "".join(f"<p>Considerando {n}: el juzgado resuelve sobre la pensión.</p>" for n in range(200))
    + "<p>RESOLUTIVOS: se condena al demandado al pago de la pensión.</p></main></body></html>"
).encode()
HTML = "text/html; charset=utf-8"
BOMB, CODINGS = coding_stack_bomb(b"<html><body>Sentencia 7/2024</body></html>")


def _gzipped(data: bytes, times: int) -> bytes:
    for _ in range(times):
        data = gzip.compress(data)
    return data


TIMES = MAX_CODINGS + 3
FILES = {
    "/entera.html": Served(gzip.compress(PAGE), HTML, "gzip"),
    "/pila.html": Served(BOMB, HTML, CODINGS),
    "/apilada.html": Served(_gzipped(PAGE, TIMES), HTML, ", ".join(["gzip"] * TIMES)),
}
BOMB_SAID = "se expandía a más de"
STACK_SAID = (
    f"el sitio declaró {TIMES} compresiones sucesivas en una misma respuesta "
    f"({', '.join(['gzip'] * TIMES)}): se deshacen {MAX_CODINGS} como máximo (una bomba de "
    "compresión apilada), así que no se guardó"
)


def test_a_stack_of_codings_inflating_past_the_limit_is_counted_not_a_stalled_crawl(
    tmp_path: Path,
) -> None:
    assert len(BOMB) < 16_000  # the point: a few kilobytes
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "RESOLUTIVOS" in crawled.texts["Sentencia entera.html"]
    assert set(crawled.texts) == {"Sentencia entera.html"}, crawled.texts
    examples = crawled.run.errors["too_large"]["examples"]
    assert [e["url"].rsplit("/", 1)[1] for e in examples] == ["pila.html"], examples
    said = error_mensaje("too_large", examples[0]["message"])
    assert BOMB_SAID in said and "bomba de compresión" in said, said
    examples = crawled.run.errors["malformed_answer"]["examples"]
    assert [e["url"].rsplit("/", 1)[1] for e in examples] == ["apilada.html"], examples
    assert error_mensaje("malformed_answer", examples[0]["message"]) == STACK_SAID


def test_a_preview_fetch_of_a_stack_of_codings_past_the_limit_is_too_large() -> None:
    with serving(FILES) as url, pytest.raises(FetchError) as refused:
        fetch(f"{url}/pila.html", allow_loopback=True, user_agent="prueba",
              max_bytes=8 << 20, deadline=time.monotonic() + 60)  # fmt: skip
    assert refused.value.cause == "too_large"
    said = error_mensaje("too_large", str(refused.value))
    assert BOMB_SAID in said and "bomba de compresión" in said, said
    assert f"más de {8 << 20} bytes" in said, said


def test_a_preview_fetch_of_more_codings_than_are_undone_says_so() -> None:
    with serving(FILES) as url, pytest.raises(FetchError) as refused:
        fetch(f"{url}/apilada.html", allow_loopback=True, user_agent="prueba",
              max_bytes=8 << 20, deadline=time.monotonic() + 60)  # fmt: skip
    assert refused.value.cause == "malformed_answer"
    assert error_mensaje("malformed_answer", str(refused.value)) == STACK_SAID


def test_a_preview_fetch_of_a_stack_of_ordinary_codings_reads_the_page() -> None:
    import zlib

    files = {"/doble.html": Served(gzip.compress(zlib.compress(PAGE)), HTML, "deflate, gzip")}
    with serving(files) as url:
        fetched = fetch(f"{url}/doble.html", allow_loopback=True, user_agent="prueba",
                        max_bytes=8 << 20, deadline=time.monotonic() + 60)  # fmt: skip
    assert fetched.body == PAGE
