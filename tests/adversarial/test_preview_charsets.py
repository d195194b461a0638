"""A listing page whose declared charset is wrong or contradicts its bytes (cp1252 served
as UTF-8, UTF-16 bytes served as UTF-8, UTF-8 served as UTF-16, a meta tag contradicting
the header, an unknown charset): the crawl decodes it by its true encoding
(``crawlers.encoding``) and stored «Niño», while the preview decoded it by what was
declared and showed «Ni�o», or, for UTF-8 served as UTF-16, nothing at all
(``selector_empty``). The preview now reads each page as the crawl does. Real server on
127.0.0.1, the real crawl beside the preview."""

from __future__ import annotations

from pathlib import Path

import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.preview import listing_preview
from indexer.db import Database
from tests.adversarial.court_listing import court_listing
from tests.e2e.helpers import run_crawl
from tests.http_thread import QuietHandler, serving_handler

CASES = {  # the bytes' encoding, the declared type, a meta tag
    "a": ("cp1252", "text/html; charset=utf-8", ""),
    "b": ("utf-8", "text/html; charset=no-existe", ""),
    "c": ("cp1252", "text/html; charset=utf-8", '<meta charset="windows-1252">'),
    "d": ("utf-16-le", "text/html; charset=utf-8", ""),
    "e": ("utf-8", "text/html; charset=utf-16", ""),
    "f": ("cp1252", "text/html", '<meta charset="utf-16">'),
}


def _expediente(case: str) -> str:
    return f"Niño {case}/2024 Resolución"


class _Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/lista-"):
            encoding, kind, meta = CASES[self.path[7]]
            page = (
                f'<html><head>{meta}</head><body><table><tr class="fila"><td class="exp">'
                f'{_expediente(self.path[7])}</td><td><a class="ver" href="/ver-{self.path[7]}'
                '.html">ver</a></td></tr></table></body></html>'
            )
            self.answer(page.encode(encoding), kind)
        elif self.path.startswith("/ver-"):
            page = f"<html><body><h1>Sentencia {self.path}</h1><p>Texto.</p></body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"no", "text/plain", 404)


def test_the_preview_decodes_a_listing_as_the_crawl_does(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    previewed = {}
    with serving_handler(_Site) as url:
        for case in CASES:
            start = f"${{ABIERTO_SAMPLES_URL}}/lista-{case}.html"
            (specs / f"{case}.yaml").write_text(yaml.safe_dump(court_listing(f"j-{case}", start)))
            spec = SourceSpec.model_validate(court_listing(f"j-{case}", f"{url}/lista-{case}.html"))
            shown = listing_preview(spec, Settings(allow_loopback=True), time_limit_s=30)
            previewed[case] = [d["fields"].get("expediente") for d in shown["documents"]]
        crawled = run_crawl(tmp_path / "data", url, sources_dir=specs)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        stored = {doc.url.rsplit("-", 1)[1][0]: doc.title for doc in db.iter_documents()}
    finally:
        db.close()
    for case in CASES:
        assert _expediente(case) in stored[case], (case, stored[case])
    assert previewed == {case: [_expediente(case)] for case in CASES}, previewed
