"""A small PDF whose reading needs more memory than the extraction worker has (55 KB
drawing two million lines: pdfium holds an object per line) is counted as what it is. Its
worker died at the memory cap, and the crawl said «el archivo pasa el tamaño máximo que
se lee» of a file far under the size limit: the cause an operator reads must be the
memory, which ``ABIERTO_EXTRACT_WORKER_MEMORY_MB`` sets, not the size. Crawled end to end
from a real server on 127.0.0.1, beside a good sentence that keeps its text."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import many_paths_pdf, text_pdf


def test_a_file_past_the_workers_memory_says_so_not_its_size(tmp_path: Path) -> None:
    files = {
        "/buena.pdf": Served(text_pdf(["Sentencia definitiva del juicio ordinario civil 9/2025"])),
        "/lineas.pdf": Served(many_paths_pdf()),
    }
    crawled = crawl(tmp_path, files, env={"ABIERTO_EXTRACT_WORKER_MEMORY_MB": "256"})
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "juicio ordinario civil 9/2025" in crawled.texts["Sentencia buena.pdf"]
    run = crawled.run
    assert run.status != "ok"
    [example] = run.errors["extraction_failed"]["examples"]
    assert example["url"].endswith("/lineas.pdf")
    said = error_mensaje("extraction_failed", example["message"])
    assert said.startswith("leer el archivo "), said  # the process's memory, not the size
    assert "memoria" in said and "256 MB" in said and said.endswith(": no se extrajo su texto")
