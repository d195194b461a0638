"""HTML pages made almost only of elements: 9 MB of 1.2 million ``<p>``, or of 1.9
million unclosed ``<div>``. Their text was found by walks that made a Python call per
element (which elements sit inside an article, then the text with its breaks), and a
page too deep was flattened tag by tag: 50 to 100 s of a worker, so the page was kept or
counted as a timeout as the machine's load went. Past ``MAX_ELEMENTS`` the text is read
by libxml2 (one line per piece of text) in seconds, whatever the load.

Each page is served by a real site on 127.0.0.1 and crawled as a user crawls it."""

from __future__ import annotations

import time
from pathlib import Path

from indexer.extract.html import main_text_from_str
from tests.adversarial.file_listing import Served, crawl

HTML = "text/html; charset=utf-8"


def paragraphs_page(count: int = 1_200_000) -> bytes:
    """``count`` paragraphs of two letters each (7 bytes apiece), the sentence's last."""
    head = "<html><head><title>Acuerdos</title></head><body><nav>Menú del sitio</nav>"
    tail = "<p>Acuerdo del expediente 1024/2025: se admite la demanda</p></body></html>"
    return (head + "<p>ab\n" * count + tail).encode()


def divs_page(count: int = 1_900_000) -> bytes:
    """``count`` ``<div>`` never closed (5 bytes apiece): nested 1.9 million deep."""
    return (
        "<html><body><p>Lista de acuerdos del juzgado segundo civil</p>" + "<div>" * count
    ).encode()


def test_a_page_of_many_elements_keeps_its_words_and_drops_its_chrome() -> None:
    """One line per piece of text (an older walk made paragraphs), nav and head gone."""
    text = main_text_from_str(paragraphs_page(150_001).decode())
    assert text.endswith("ab\nab\nAcuerdo del expediente 1024/2025: se admite la demanda")
    assert "Menú" not in text and "Acuerdos" not in text


def test_a_page_nested_millions_deep_is_read_in_seconds() -> None:
    """Flattened tag by tag in Python, then walked: 79 s at a load of 20; now some 9."""
    started = time.monotonic()
    assert main_text_from_str(divs_page().decode()) == "Lista de acuerdos del juzgado segundo civil"
    assert time.monotonic() - started < 30


def test_the_crawl_reads_pages_of_millions_of_elements_in_bounded_time(tmp_path: Path) -> None:
    (tmp_path / "small").mkdir()
    (tmp_path / "large").mkdir()
    files = {
        "/parrafos.html": Served(paragraphs_page(), HTML),
        "/capas.html": Served(divs_page(), HTML),
    }
    assert all(len(file.body) < 10 * 1024 * 1024 for file in files.values())
    started = time.monotonic()
    small = crawl(tmp_path / "small", {"/uno.html": Served(b"<p>Acuerdo 1/2025</p>", HTML)})
    baseline = time.monotonic() - started
    assert "Acuerdo 1/2025" in "".join(small.texts.values())
    started = time.monotonic()
    crawled = crawl(tmp_path / "large", files)
    elapsed = time.monotonic() - started
    assert "Traceback" not in crawled.stderr, crawled.stderr
    # each took 50-100 s of a worker before (timed out at the crawl's 60 s, or kept past
    # it); now some 10 s each to extract, the rest is storing and indexing 3.6 MB of lines
    # (41 s beyond a one-page crawl's 30 s at a load of 18, with other tests running);
    # the bound is a hang's, loose for a loaded machine: the words kept are what fail
    # on the old code
    assert elapsed - baseline < 150, (elapsed, baseline)
    assert crawled.run.errors.get("extraction_failed") is None, crawled.run.errors
    texts = "\n".join(crawled.texts.values())
    assert "Acuerdo del expediente 1024/2025: se admite la demanda" in texts
    assert "Lista de acuerdos del juzgado segundo civil" in texts
