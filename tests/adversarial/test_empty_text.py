"""A page that answers 200 with nothing to read (empty, whitespace only, or signs without
a letter or digit, as a PDF of control characters reads) made a
document with no text and no counted error: the crawl said "errors 0" while nothing of
it could be found by its content. Where no part of a document gives text, the run counts
``empty_text`` naming the page; a page whose text is in its attached file is fine."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.hostile import docx_bytes, signs_only_pdf, text_pdf, xlsx_bytes
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer

ROWS = {
    "lleno": ("<html><body><main>Texto de la sentencia 1.</main></body></html>", None),
    "vacio": ("", None),
    "espacios": ("<html><body>  \n\t  </body></html>", None),
    "signos": ("<html><body><p>- · * | . , ; —</p><p>&#8203;&#173; …</p></body></html>", None),
    "con-signos": ("", "signos.pdf"),
    "con-pdf": ("", "anexo.pdf"),
    "con-docx": ("", "anexo.docx"),
    "con-hoja": ("", "anexo.xlsx"),
    "con-roto": ("", "falta.pdf"),  # never served: a 404
}


def _site(root: Path) -> None:
    rows = []
    for name, (body, file) in ROWS.items():
        (root / f"{name}.html").write_text(body)
        attached = f" <a class='f' href='{file}'>archivo</a>" if file else ""
        rows.append(
            f"<tr><td class='t'>Sentencia {name}</td><td><a href='{name}.html'>ver</a>"
            f"{attached}</td></tr>"
        )
    (root / "anexo.pdf").write_bytes(text_pdf(["Resolutivos de la sentencia con anexo"]))
    (root / "anexo.docx").write_bytes(docx_bytes("Resolutivos de la sentencia en Word"))
    (root / "anexo.xlsx").write_bytes(xlsx_bytes())
    (root / "signos.pdf").write_bytes(signs_only_pdf())
    (root / "lista.html").write_text(
        f"<html><body><table><tbody>{''.join(rows)}</tbody></table></body></html>"
    )


def test_a_document_with_no_text_from_any_part_is_counted(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-vacias")
            spec["listing"] |= {"fields": {"title": "css:td.t::text"},
                                "files": "css:a.f::attr(href)"}  # fmt: skip
            run = _run(api, spec)
        # the listing's data is kept: every row is a document
        assert api.library.db.count_documents() == len(ROWS)
        empty = run["errors"]["empty_text"]
        assert empty["count"] == 3
        urls = sorted(Path(e["url"]).name for e in empty["examples"])
        assert urls == ["espacios.html", "signos.html", "vacio.html"]
        said = [e["message"] for e in empty["examples"]]
        assert all("no se encontrará por su contenido" in m for m in said), said
        # a file that failed or was not found is counted by its own cause, not twice
        failed = run["errors"]["extraction_failed"]
        assert failed["count"] == 2
        assert sorted(Path(e["url"]).name for e in failed["examples"]) == [
            "anexo.xlsx", "signos.pdf"
        ]  # fmt: skip
        assert run["errors"]["http_404"]["count"] == 1
    finally:
        api.close()
