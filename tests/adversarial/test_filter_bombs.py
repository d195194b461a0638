"""A PDF stream that decodes to gigabytes through another filter than one Flate: a zlib
bomb packed again with Flate (``[/FlateDecode /FlateDecode]``, 3 KB for 1 GB), an LZW
stream (800 KB for 1 GB) or both. pdfium decodes it whole and its worker dies at its
memory cap; only a single Flate layer was measured afterwards, so these were counted as
a damaged file («el archivo está dañado»: "the parser crashed") or as one past the size
limit (a 3 KB file), never as the bomb they are. Crawled end to end from a real server
on 127.0.0.1, beside a good sentence that keeps its text. So was a page whose content
is an array listing one 150 MB stream eight times (150 KB for 1.2 GB): pdfium joins
them into one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.extract import ExtractionError, extract_text, shutdown
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import filtered_bomb_pdf, repeated_contents_pdf, text_pdf

CAP = {"ABIERTO_EXTRACT_WORKER_MEMORY_MB": "384"}  # a bomb of 1 GB is past it
FILTERS = [b"[/FlateDecode /FlateDecode]", b"/LZWDecode", b"[/FlateDecode /LZWDecode]"]


BOMBS = {
    "flate-flate": lambda: filtered_bomb_pdf(FILTERS[0], 1024),
    "lzw": lambda: filtered_bomb_pdf(FILTERS[1], 1024),
    "flate-lzw": lambda: filtered_bomb_pdf(FILTERS[2], 1024),
    "one-stream-listed-8-times": lambda: repeated_contents_pdf(150, 8),
}


@pytest.mark.parametrize("make", BOMBS.values(), ids=BOMBS.keys())
def test_a_stream_decoding_to_gigabytes_is_a_bomb(
    make: Callable[[], bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(*next(iter(CAP.items())))
    shutdown()  # workers start again under the smaller cap
    try:
        with pytest.raises(ExtractionError) as info:
            extract_text(make(), "application/pdf")
        assert info.value.cause == "decompression_bomb", info.value
        good = extract_text(text_pdf(["Sentencia definitiva del juicio"]))
        assert "Sentencia definitiva" in good.text
    finally:
        shutdown()


def test_the_crawl_counts_each_bomb_as_one_and_keeps_the_sentence(tmp_path: Path) -> None:
    files = {
        "/buena.pdf": Served(text_pdf(["Sentencia definitiva del juicio ordinario civil 7/2025"])),
        "/doble.pdf": Served(filtered_bomb_pdf(FILTERS[0])),
        "/lzw.pdf": Served(filtered_bomb_pdf(FILTERS[1])),
        "/repetida.pdf": Served(repeated_contents_pdf()),
    }
    crawled = crawl(tmp_path, files, env=CAP)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "juicio ordinario civil 7/2025" in crawled.texts["Sentencia buena.pdf"]
    run = crawled.run
    assert run.status != "ok"
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("extraction_failed", example["message"])
        for example in run.errors["extraction_failed"]["examples"]
    }
    assert set(said) == {"doble.pdf", "lzw.pdf", "repetida.pdf"}, said
    for message in said.values():  # its size, and what reading it did (its worker died…)
        assert message.startswith("un flujo comprimido de este PDF de "), message
        assert "MB (una bomba de compresión)" in message and message.endswith(
            ": no se extrajo su texto"
        )
