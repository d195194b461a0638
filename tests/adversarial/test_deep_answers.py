"""Pages a listing reaches other than by its address, nested past the HTML parser's depth
limit (2,048 elements): the answer to a row's ASP.NET postback (its button posted back
with the page's __VIEWSTATE), a frame of a frameset in a preview, a viewer page a file
link answered with. They were parsed without ``crawlers.html_depth``: the viewer's frame
written after the nesting was dropped in silence, the row counted as an answer «without
a document address» (the spec blamed) or the preview clean. They are read as listings
and detail pages are: flattened, so what follows is read. Crawled end to end from a real
server on 127.0.0.1."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.preview import listing_preview
from indexer.db import Database
from indexer.extract.html import MAX_ELEMENTS
from tests.adversarial.hostile import text_pdf
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

HTML = "text/html; charset=utf-8"
DEEP = "<div>" * 5000 + "aviso" + "</div>" * 5000
LISTING = (
    "<html><body><form method='post' action='/'>"
    "<input type='hidden' name='__VIEWSTATE' value='estado-1'>"
    "<table><tbody><tr><td>Sentencia uno</td>"
    "<td><input type='submit' name='btnVer1' value='Ver'></td></tr></tbody></table>"
    "</form></body></html>"
)
ANSWER = f"<html><body>{DEEP}<iframe src='/visor/doc-1.html'></iframe></body></html>"
DOCUMENT = (  # its file, if the spec asks for one, is shown by a viewer page
    "<html><body><h1>Sentencia uno</h1><p>Se concede el amparo.</p>"
    "<a class='ver' href='/ver.aspx'>ver</a></body></html>"
)
SIMPLE = "<html><body><table><tbody><tr><td><a href='/visor/doc-1.html'>Sentencia uno</a>"
SIMPLE += "</td></tr></tbody></table></body></html>"
HUGE = "<div>" * MAX_ELEMENTS + "aviso" + "</div>" * MAX_ELEMENTS  # too large to flatten
FRAME = "<html><body><table><tbody>" + "".join(
    f"<tr><td><a href='/visor/doc-{n}.html'>Sentencia {n}</a></td></tr>"
    + (HUGE if n == 1 else "") for n in (1, 2)
) + "</tbody></table></body></html>"  # fmt: skip
VIEWER = f"<html><body>{DEEP}<iframe src='/expediente.pdf'></iframe></body></html>"
PDF = text_pdf(["Expediente del amparo en revision"])
SPEC = {
    "id": "rejilla-honda", "kind": "sentencia", "shape": "html_listing",
    "institution": "Juzgado Primero Civil", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:tbody tr", "link_postback": {"button": "css:input[type=submit]"},
                "fields": {"title": "css:td::text"}},
}  # fmt: skip


class Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        pages = {"/": LISTING, "/visor/doc-1.html": DOCUMENT, "/marco.html": ANSWER}
        frameset = "<html><frameset><frame src='/lista.html'></frameset></html>"
        pages |= {
            "/marcos.html": frameset,
            "/lista.html": FRAME,
            "/ver.aspx": VIEWER,
            "/simple.html": SIMPLE,
        }
        if self.path == "/expediente.pdf":
            self._send(PDF, kind="application/pdf")
        else:
            self._send(pages[self.path]) if self.path in pages else self._send("", 404)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(ANSWER if b"btnVer1=Ver" in body and b"estado-1" in body else "<html/>")

    def _send(self, text: str | bytes, status: int = 200, kind: str = HTML) -> None:
        body = text.encode() if isinstance(text, str) else text
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_postbacks_answer_nested_past_the_limit_still_names_its_document(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "rejilla.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with serving_handler(Site) as url:
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        urls = [d.url for d in db.iter_documents()]
        run = db.list_runs("rejilla-honda")[0]
    finally:
        db.close()
    assert urls == [f"{url}/visor/doc-1.html"], run.errors
    assert run.status == "ok", run.errors


def test_a_preview_says_a_deep_frame_and_reads_a_deep_postback_answer() -> None:
    with serving_handler(Site) as url:
        posted, framed = (
            listing_preview(
                SourceSpec.model_validate(
                    yaml.safe_load(yaml.safe_dump(spec).replace("${ABIERTO_SAMPLES_URL}", url))
                ),
                Settings(allow_loopback=True),
                max_details=1,
                time_limit_s=120,
            )
            for spec in (
                SPEC,
                SPEC
                | {
                    "start_urls": [f"{url}/marcos.html"],
                    "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)"},
                },
            )
        )
    assert [d["url"] for d in posted["documents"]] == [f"{url}/visor/doc-1.html"], posted
    assert posted["errors"] == [], posted["errors"]
    # the frame's rows after the nesting are not read: said, not a clean preview
    assert [d["url"] for d in framed["documents"]] == [f"{url}/visor/doc-1.html"]
    assert [(e["cause"], e["url"]) for e in framed["errors"]] == [
        ("html_too_deep", f"{url}/lista.html")
    ]


def test_a_viewer_a_file_link_answered_with_nested_past_the_limit_gives_its_file(
    tmp_path: Path,
) -> None:
    spec = SPEC | {
        "listing": {
            "items": "css:tbody tr",
            "link": "css:a::attr(href)",
            "fields": {"title": "css:a::text"},
        },
        "start_urls": ["${ABIERTO_SAMPLES_URL}/simple.html"],
        "detail": {"files": "xpath://a[@class='ver']/@href"},
    }
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "rejilla.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with serving_handler(Site) as url:
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = [d.text or "" for d in db.iter_documents()]
        run = db.list_runs("rejilla-honda")[0]
    finally:
        db.close()
    assert len(texts) == 1 and "Expediente del amparo" in texts[0], (texts, run.errors)
    assert run.status == "ok", run.errors
