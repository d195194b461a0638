"""Hostile sitemaps in an index beside a good one: an entity bomb (billion laughs), an
external entity reaching for ``/etc/passwd`` (in UTF-16 too, where no ASCII search sees
it), a ``.gz`` that inflates past the protocol's 50 MB. Each was refused, but said only
as «XML con entidades peligrosas» or «archivo demasiado grande» (a sitemap is no file):
now each says its true cause in Spanish, and the good sitemap's documents are read.
Real server on 127.0.0.1, the real ``abierto crawl``."""

from __future__ import annotations

import zlib
from pathlib import Path

import yaml

from crawlers.causas import errors_with_mensajes
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "'
    + "&lol;" * 10
    + '"><!ENTITY lol3 "'
    + "&lol2;" * 10
    + f'">]><urlset {NS}><url><loc>/d-&lol3;.html</loc></url></urlset>'
).encode()
XXE = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<urlset {NS}><url><loc>/d-&xxe;.html</loc></url></urlset>"
)
PARAMETER = (
    '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/e.dtd"> %p;]>'
    f"<urlset {NS}><url><loc>/d-&e;.html</loc></url></urlset>"
).encode()


def _bomb() -> bytes:
    """A gzip of 51 MB of spaces after a sitemap (about 50 KB on the wire)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(f"<urlset {NS}><url><loc>/d-9.html</loc></url>".encode())]
    spaces = b" " * (1024 * 1024)
    parts += [packer.compress(spaces) for _ in range(51)]
    return b"".join([*parts, packer.compress(b"</urlset>"), packer.flush()])


SITEMAPS = {
    "bueno.xml": f"<urlset {NS}><url><loc>/d-1.html</loc></url><url><loc>/d-2.html</loc>"
    "</url></urlset>".encode(),
    "risas.xml": LAUGHS,
    "externa.xml": XXE.encode(),
    "externa16.xml": XXE.replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16"),
    "parametro.xml": PARAMETER,
    "bomba.xml.gz": _bomb(),
}
EXTERNAL = (
    "el documento XML declara una entidad externa (SYSTEM o PUBLIC: haría leer un archivo "
    "de esta máquina u otra dirección): no se leyó"
)
SAID = {
    "risas.xml": "el documento XML declara entidades (pueden multiplicarse al expandirse: una "
    "«bomba» de entidades): no se leyó",
    "externa.xml": EXTERNAL,
    "externa16.xml": EXTERNAL,
    "parametro.xml": EXTERNAL,
    "bomba.xml.gz": f"el mapa del sitio comprimido (gzip) de {len(SITEMAPS['bomba.xml.gz'])} "
    "bytes se expande a más de 50 MB, el límite de un mapa del sitio descomprimido (cinco "
    "veces el de una página, ABIERTO_MAX_PAGE_BYTES; una bomba de compresión): no se leyó",
}


class _Site(QuietHandler):
    def do_GET(self) -> None:
        name = self.path.lstrip("/")
        if name == "indice.xml":
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            maps = "".join(f"<sitemap><loc>{base}/{n}</loc></sitemap>" for n in SITEMAPS)
            self.answer(f"<sitemapindex {NS}>{maps}</sitemapindex>".encode(), "application/xml")
        elif name in SITEMAPS:
            kind = "application/gzip" if name.endswith(".gz") else "application/xml"
            self.answer(SITEMAPS[name], kind)
        elif name.startswith("d-"):
            page = f"<html><body><h1>Dictamen {name}</h1><p>Dictamen del pleno.</p></body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"no", "text/plain", 404)


def test_hostile_sitemaps_say_their_cause_and_the_good_one_is_read(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "mapa-hostil", "kind": "legislativo", "shape": "sitemap",
        "institution": "Congreso de Prueba", "jurisdiction": "MX-YUC",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/indice.xml"],
        "detail": {"fields": {"title": "css:h1::text"}},
    }  # fmt: skip
    (specs / "mapa.yaml").write_text(yaml.safe_dump(spec))
    with serving_handler(_Site) as url:
        done = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        kept = sorted(d.url.rpartition("/")[2] for d in db.iter_documents())
        run = db.list_runs("mapa-hostil")[0]
    finally:
        db.close()
    assert kept == ["d-1.html", "d-2.html"]
    errors = errors_with_mensajes(run.errors)
    said = {
        e["url"].rpartition("/")[2]: e["mensaje"]
        for cause in errors.values()
        for e in cause["examples"]
    }
    assert said == SAID, said
    assert run.stats["lost_sitemaps"] == len(SAID)
