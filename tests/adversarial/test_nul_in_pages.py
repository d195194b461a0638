"""A NUL byte in a page's text (a site's template, a copy from a word processor): a
browser drops it, and the crawl kept U+FFFD in its place in the middle of the word
("dic\ufffdtada"), so no search for that word found the sentence. Crawled from a real
server on 127.0.0.1: the words read whole, in UTF-8 and in UTF-16 (whose NUL bytes are
its own encoding, not in the text), and the page without NULs beside them as before."""

from __future__ import annotations

from pathlib import Path

import yaml

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SPEC = {
    "id": "juzgado-nul", "kind": "sentencia", "institution": "Juzgado de Prueba",
    "jurisdiction": "MX-OAX", "start_urls": ["${ABIERTO_SAMPLES_URL}/lista.html"],
    "listing": {"items": "css:tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip
PAGE = (
    "<html><body><main>Sentencia {n} dic\x00tada por el juzgado en materia pen\x00al.</main>"
    "</body></html>"
)


def test_nul_bytes_in_a_page_leave_its_words_whole(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (www / "uno.html").write_bytes(PAGE.format(n=1).encode())
    (www / "dos.html").write_bytes(PAGE.format(n=2).encode("utf-16"))
    (www / "tres.html").write_bytes(PAGE.format(n=3).replace("\x00", "").encode())
    rows = "".join(f"<tr><td><a href='{name}.html'>Sentencia {n}/2024</a></td></tr>"
                   for n, name in enumerate(("uno", "dos", "tres"), 1))  # fmt: skip
    (www / "lista.html").write_text(f"<html><body><table>{rows}</table></body></html>")
    (specs / "juzgado-nul.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with FixtureServer(www) as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.url.rsplit("/", 1)[1]: d.text for d in db.iter_documents()}
    finally:
        db.close()
    assert texts == {
        f"{name}.html": f"Sentencia {n} dictada por el juzgado en materia penal."
        for n, name in enumerate(("uno", "dos", "tres"), 1)
    }
