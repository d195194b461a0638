"""A gzip answer made of several members, one after the other: what ``cat a.gz b.gz``
makes, and how some servers stream a page (a member per flush). A preview's fetch read
only the first member and showed the page cut at its end without a word; the crawl's
check that a compressed answer is whole looked at the first member only, so a later
member that stopped mid-stream was kept cut (Scrapy's gunzip gives back what inflated).
Every member is read now: the whole page is shown and kept, a cut one is a counted
``cut_short`` in Spanish.

A member costs the decoders however little it gives: twenty megabytes of empty members
(each 20 bytes), sent as a ``gzip, gzip`` answer of 50 KB, held Scrapy's gunzip half a
minute in the crawl's reactor. More than ``MAX_MEMBERS`` members giving less than
``MEMBER_BYTES`` each are refused, before Scrapy's decoder sees them, as a counted
``malformed_answer`` that says why. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from crawlers.content_coding import MAX_MEMBERS
from crawlers.fetch import FetchError, fetch
from tests.adversarial.file_listing import Served, crawl, serving

HEAD = (
    "<html><head><title>Sentencia</title></head><body><main><h1>Sentencia definitiva</h1>"
    + "".join(
        f"<p>Considerando {n}: el juzgado resuelve sobre la pensión alimenticia {n}.</p>"
        for n in range(300)
    )
).encode()
TAIL = b"<p>RESOLUTIVOS: se condena al demandado al pago de la pension.</p></main></body></html>"
PAGE = HEAD + TAIL
HTML = "text/html; charset=utf-8"


def _cut(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


MEMBERS = gzip.compress(HEAD) + gzip.compress(TAIL)
EMPTY = gzip.compress(b"") * (2_000_000 // len(gzip.compress(b"")))  # 100 000 members
FILES = {
    "/miembros.html": Served(MEMBERS, HTML, "gzip"),
    "/cortada.html": Served(gzip.compress(HEAD) + _cut(gzip.compress(HEAD + TAIL)), HTML, "gzip"),
    "/vacios.html": Served(gzip.compress(gzip.compress(PAGE) + EMPTY, 9), HTML, "gzip, gzip"),
}
CUT_SAID = (
    "el sitio envió una respuesta comprimida (gzip) cuyos datos terminan antes del final "
    "de su compresión: la respuesta está cortada y no se guardó"
)
EMPTY_SAID = (
    f"el sitio envió una respuesta comprimida (gzip) hecha de al menos {MAX_MEMBERS + 1} "
    f"partes comprimidas (miembros gzip) que dan solo {len(PAGE)} bytes: más partes de las "
    "que su contenido justifica (una bomba de compresión), así que no se guardó"
)


def _fetch(url: str) -> bytes:
    return fetch(url, allow_loopback=True, user_agent="prueba", max_bytes=1 << 20,
                 deadline=time.monotonic() + 60).body  # fmt: skip


def test_a_crawl_keeps_every_member_and_counts_a_cut_or_empty_one(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    texts, errors = crawled.texts, crawled.run.errors
    assert "RESOLUTIVOS" in texts["Sentencia miembros.html"]
    assert set(texts) == {"Sentencia miembros.html"}, {k: len(v) for k, v in texts.items()}
    said = {
        cause: [
            (e["url"].rsplit("/", 1)[1], error_mensaje(cause, e["message"]))
            for e in errors[cause]["examples"]
        ]
        for cause in ("cut_short", "malformed_answer")
    }
    assert said == {
        "cut_short": [("cortada.html", CUT_SAID)],
        "malformed_answer": [("vacios.html", EMPTY_SAID)],
    }


def test_a_preview_fetch_reads_every_member() -> None:
    with serving(FILES) as url:
        assert _fetch(f"{url}/miembros.html") == PAGE


@pytest.mark.parametrize(
    ("path", "cause", "said"),
    [("cortada.html", "cut_short", CUT_SAID), ("vacios.html", "malformed_answer", EMPTY_SAID)],
)
def test_a_preview_fetch_of_a_cut_or_empty_member_says_so(path: str, cause: str, said: str) -> None:
    with serving(FILES) as url, pytest.raises(FetchError) as refused:
        _fetch(f"{url}/{path}")
    assert refused.value.cause == cause
    assert error_mensaje(cause, str(refused.value)) == said
