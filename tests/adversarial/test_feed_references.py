"""References in a feed as HTML templates write them. A name HTML defines but XML does
not (``Resoluci&oacute;n``, ``&nbsp;``), with no document type declaring it, ended the
field's text there: the entry was saved as «Resoluci», no error. One character
reference XML cannot carry (``&#xD800;``, a lone surrogate) made lxml fail to decode
the whole feed: every entry lost, counted as «no es un canal RSS o Atom». Tags a template
left unescaped in a title or a description (``Aviso <b>urgente</b>``, ``<p>``s) ended
what was read at the first one; the same tags in CDATA, or escaped once
(``&lt;b&gt;``), were kept as text in the title (a feed's titles are plain text: «<»
that starts no HTML tag stays). Crawled from a real server on 127.0.0.1: each entry is
saved under its whole title, with its whole text."""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SPEC = """
id: avisos-referencias
kind: legislativo
shape: feed
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/avisos.xml"]
feed:
  follow: false
"""
TITLES = {
    "Resoluci&oacute;n del Pleno sobre la Comisi&oacute;n": "Resolución del Pleno sobre la "
    "Comisión",
    "Sesi&oacute;n&nbsp;ordinaria del d&iacute;a": "Sesión ordinaria del día",
    "Aviso &#xD800;de la Mesa Directiva": "Aviso de la Mesa Directiva",
    "Iniciativa &LT;urgente&GT; &amp; dictamen &foo; &#243;rgano": "Iniciativa <urgente> & "
    "dictamen &foo; órgano",
    "Aviso <b>urgente</b> de la Junta": "Aviso urgente de la Junta",
    # HTML in CDATA or escaped once is markup too; a "<" that starts no tag is text
    "<![CDATA[Aviso <b>urgente</b> del Pleno]]>": "Aviso urgente del Pleno",
    "Acuerdo &lt;strong class='x'&gt;extraordinario&lt;/strong&gt;": "Acuerdo extraordinario",
    "<![CDATA[Dictamen<br/>de la Comisi&oacute;n &amp; el Pleno]]>": "Dictamen de la "
    "Comisión & el Pleno",
    "Ley de Ingresos &lt; 2024": "Ley de Ingresos < 2024",
    "<![CDATA[Tarifa para consumos <5 m3 y >10 m3]]>": "Tarifa para consumos <5 m3 y >10 m3",
}
DESCRIPTION = "Texto <b>íntegro</b> del aviso {n}.<p>Segundo párrafo del aviso {n}.</p>"


def _feed() -> str:
    items = "".join(
        f"<item><title>{title}</title><link>http://127.0.0.1:9/aviso/{n}</link>"
        f"<description>{DESCRIPTION.format(n=n)}</description>"
        "<pubDate>Tue, 18 Feb 2025 10:00:00 GMT</pubDate></item>"
        for n, title in enumerate(TITLES)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Avisos del Congreso</title>{items}</channel></rss>"
    )


def test_html_references_leave_each_title_whole_and_the_feed_read(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (www / "avisos.xml").write_text(_feed(), encoding="utf-8")
    (specs / "avisos-referencias.yaml").write_text(SPEC, encoding="utf-8")
    with FixtureServer(www) as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
        titles = {d.url.rsplit("/", 1)[1]: d.title for d in docs}
        run = db.list_runs("avisos-referencias")[0]
    finally:
        db.close()
    assert run.errors == {}
    assert titles == {str(n): whole for n, whole in enumerate(TITLES.values())}
    for doc in docs:
        n = doc.url.rsplit("/", 1)[1]
        assert doc.text == f"Texto íntegro del aviso {n}.\n\nSegundo párrafo del aviso {n}.", n
