"""A page in UTF-16 without a byte-order mark, served as ``text/html; charset=utf-8`` (or
with no charset): read as declared it is a letter and a NUL byte by turns, so it is not
read, but the counted error said only "declared 'text/html; charset=utf-8'", as for a
binary file; it now says what the bytes are and what the site must fix. A page declaring
its UTF-16 is read, and so is the good page beside them."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer

PAGE = (
    "<html><head><title>Sentencia</title></head><body><main><h1>Sentencia 12/2025</h1>"
    "<p>Texto de la sentencia sobre la pensión de la niñez.</p></main></body></html>"
)
SERVED = {  # page: (bytes, Content-Type)
    "le": (PAGE.encode("utf-16-le"), "text/html; charset=utf-8"),
    "be": (PAGE.encode("utf-16-be"), "text/html"),
    "declarado": (PAGE.encode("utf-16-le"), "text/html; charset=utf-16le"),
    "bien": (PAGE.encode(), "text/html; charset=utf-8"),
}


def test_undeclared_utf16_is_counted_saying_so(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    routes = []
    for name, (body, content_type) in SERVED.items():
        (www / f"{name}.html").write_bytes(body)
        routes.append(f"  - path: /{name}.html\n    file: {name}.html\n"
                      f"    content_type: '{content_type}'\n")  # fmt: skip
    (www / "_http.yaml").write_text("routes:\n" + "".join(routes))
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='{n}.html'>ver</a></td></tr>"
        for n in SERVED
    )
    (www / "lista.html").write_text(
        f"<html><body><table><tbody>{rows}</tbody></table></body></html>"
    )
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(www) as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-utf16")
            spec["listing"] |= {"fields": {"title": "css:td.t::text"}}
            run = _run(api, spec)
        failed = run["errors"]["extraction_failed"]
        assert failed["count"] == 2, failed
        said = {Path(e["url"]).name: e["message"] for e in failed["examples"]}
        assert set(said) == {"le.html", "be.html"}
        assert "UTF-16LE sin marca de orden de bytes" in said["le.html"], said
        assert "UTF-16BE sin marca de orden de bytes" in said["be.html"], said
        texts = {Path(d.url).stem: d.text or "" for d in api.library.db.iter_documents()}
        assert len(texts) == len(SERVED)  # every row is a document, its listing data kept
        assert (
            "pensión de la niñez" in texts["bien"] and "pensión de la niñez" in texts["declarado"]
        )
    finally:
        api.close()
