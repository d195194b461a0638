"""State judiciaries' listings whose rows open their sentence by script, through a server
page that serves the file: an ASP.NET handler (``javascript:descargar('ObtenerDocumento
.ashx?id=9')``), a Java page (``onclick="verSentencia('ver.jsp?id=7')"``) or a Struts
action (``consulta.do?id=3``). Each row must reach its own PDF, as a browser's click does;
a row whose script names no address (``verDocumento(12345)``) is no document made up.

Modelled on such listings (a table of toca, sala, date and a "Ver" link), served on
127.0.0.1, crawled with ``abierto crawl``.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.pdfs import document_pdf
from tests.shapes.server import FixtureServer

ROWS = [  # toca, date, the row's link markup, the handler's path and query
    ("123/2023", "15/03/2023", "href=\"javascript:descargar('ObtenerDocumento.ashx?id=9')\"",
     "/sentencias/ObtenerDocumento.ashx", {"id": "9"}),
    ("124/2023", "16/03/2023", "href=\"#\" onclick=\"verSentencia('ver.jsp?id=7');return false;\"",
     "/sentencias/ver.jsp", {"id": "7"}),
    ("125/2023", "17/03/2023", "href=\"javascript:abrir('consulta.do?id=3')\"",
     "/sentencias/consulta.do", {"id": "3"}),
]  # fmt: skip


def _site(root: Path) -> None:
    rows = "".join(
        f"<tr><td>{toca}</td><td>Primera Sala Penal</td><td>{day}</td><td><a {link}>Ver</a></td>"
        "</tr>"
        for toca, day, link, _, _ in ROWS
    )
    # a row whose script names no address: no document
    rows += (
        "<tr><td>126/2023</td><td>Primera Sala Penal</td><td>18/03/2023</td>"
        '<td><a href="javascript:verDocumento(12345)">Ver</a></td></tr>'
    )
    page = (
        "<html><body><h1>Sentencias públicas</h1><table id='sentencias'>"
        "<tr><th>Toca</th><th>Sala</th><th>Fecha</th><th>Sentencia</th></tr>"
        f"{rows}</table></body></html>"
    )
    (root / "sentencias").mkdir(parents=True)
    (root / "sentencias" / "index.html").write_text(page, encoding="utf-8")
    routes = []
    for n, (toca, _, _, path, query) in enumerate(ROWS):
        text = (f"TOCA PENAL {toca}", "SENTENCIA DE SEGUNDA INSTANCIA", f"documento {n}")
        (root / "pdf").mkdir(exist_ok=True)
        (root / "pdf" / f"{n}.pdf").write_bytes(document_pdf(text))
        routes.append(
            {"path": path, "query": query, "file": f"pdf/{n}.pdf",
             "content_type": "application/pdf"}
        )  # fmt: skip
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}), encoding="utf-8")


def test_rows_opened_by_script_through_a_handler_reach_their_own_pdf(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _site(site)
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "tsj-manejadores",
        "kind": "sentencia",
        "institution": "Supremo Tribunal de Justicia del Estado",
        "jurisdiction": "MX-JAL",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/sentencias/index.html"],
        "listing": {
            "items": "xpath://table[@id='sentencias']//tr[td]",
            "link": "xpath:(.//a/@onclick[normalize-space()] | .//a/@href[. != '#'])[1]",
            "fields": {
                "expediente": "xpath:concat('Toca ', normalize-space(./td[1]))",
                "court": "xpath:normalize-space(./td[2])",
                "resolution_date": "xpath:normalize-space(./td[3])",
            },
        },
    }
    (specs / "spec.yaml").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    with FixtureServer(site) as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = {d.expediente: d for d in db.iter_documents()}
    finally:
        db.close()
    assert sorted(docs) == [f"Toca {toca}" for toca, *_ in ROWS]
    for n, (toca, day, _, path, query) in enumerate(ROWS):
        doc = docs[f"Toca {toca}"]
        assert doc.resolution_date.strftime("%d/%m/%Y") == day
        # its own file, fetched at the handler the script names
        assert [f.url.split("127.0.0.1", 1)[1].split("/", 1)[1] for f in doc.files] == [
            f"{path.lstrip('/')}?id={query['id']}"
        ]
        assert f"documento {n}" in doc.text
