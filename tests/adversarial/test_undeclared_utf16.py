"""A page in UTF-16 without a byte-order mark, served as ``text/html; charset=utf-8`` (or
with no charset): read as declared it is a letter and a NUL byte by turns. Its markup
says what it is (``<\x00h\x00t\x00m\x00l\x00``, in its first KB): it is read as UTF-16,
as a browser reads it, and so is a page whose last byte was cut off (half a character,
dropped and noted), where both were refused as «not HTML». A text that is no HTML in
UTF-16 without a mark is still refused, the counted error saying what the bytes are and
what the site must fix (it said only "declared 'text/plain'", as for a binary file). A
page declaring its UTF-16 is read, and so is the good page beside them."""

from __future__ import annotations

from pathlib import Path

from indexer.extract import extract_text
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
    "impar": (PAGE.encode("utf-16") + b"\x00", "text/html"),  # its last byte cut off
    "corto": (PAGE.encode("utf-16-be")[:-1], "text/html"),
    "texto": ("Sentencia 12/2025: texto de la pensión.".encode("utf-16-le"), "text/plain"),
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
        assert failed["count"] == 1, failed
        [example] = failed["examples"]
        assert Path(example["url"]).name == "texto.html"
        assert "UTF-16LE sin marca de orden de bytes" in example["message"], example
        texts = {Path(d.url).stem: d.text or "" for d in api.library.db.iter_documents()}
        assert len(texts) == len(SERVED)  # every row is a document, its listing data kept
        for name in ("le", "be", "declarado", "bien", "impar", "corto"):
            assert "pensión de la niñez" in texts[name], (name, texts[name])
    finally:
        api.close()


def test_an_odd_last_byte_is_dropped_and_noted() -> None:
    for body in (PAGE.encode("utf-16-le") + b"<", PAGE.encode("utf-16") + b"\x00"):
        read = extract_text(body, "text/html", "impar.html")
        assert "pensión de la niñez" in read.text
        assert read.warnings == ("odd_byte_dropped",)


LISTING = (
    "<html><head><title>Sentencias</title></head><body><table><tbody>"
    "<tr><td class='t'>Sentencia 1 de la niñez</td><td><a href='s1.html'>ver</a></td></tr>"
    "<tr><td class='t'>Sentencia 2 de la pensión</td><td><a href='s2.html'>ver</a></td></tr>"
    "</tbody></table></body></html>"
)
TITLES = {1: "Sentencia 1 de la niñez", 2: "Sentencia 2 de la pensión"}
DETAIL = (
    "<html><body><main><h1>Sentencia {n} del Pleno</h1><span class='f'>2025-03-0{n}</span>"
    "<p>Texto de la sentencia sobre la pensión de la niñez.</p></main></body></html>"
)


def test_a_utf16_listing_without_a_mark_yields_its_items(tmp_path: Path) -> None:
    """A listing page in UTF-16 without a byte-order mark was extracted as a page, but
    its rows, links and fields were not read: its items went missing without an error
    naming them. Its detail pages, UTF-16 too, give their fields."""
    for order, content_type, tail in (("le", "text/html; charset=utf-8", b""),
                                      ("be", "text/html", b"\x00")):  # fmt: skip
        www = tmp_path / order
        www.mkdir()
        codec = f"utf-16-{order}"
        (www / "lista.html").write_bytes(LISTING.encode(codec) + tail)
        for n in (1, 2):
            (www / f"s{n}.html").write_bytes(DETAIL.format(n=n).encode(codec))
        (www / "_http.yaml").write_text(
            "routes:\n" + "".join(
                f"  - path: /{name}\n    file: {name}\n    content_type: '{content_type}'\n"
                for name in ("lista.html", "s1.html", "s2.html")
            )
        )  # fmt: skip
        api = open_api(tmp_path / f"data-{order}")
        try:
            with FixtureServer(www) as server:
                spec = listing_spec(f"{server.url}/lista.html", id=f"pj-gto-lista-{order}")
                spec["listing"] |= {"fields": {"title": "css:td.t::text"}}
                spec["detail"] = {"fields": {"date": "css:span.f::text"}}
                run = _run(api, spec)
            assert run["stats"]["items"] == 2, (order, run)
            docs = {Path(d.url).stem: d for d in api.library.db.iter_documents()}
            assert sorted(docs) == ["s1", "s2"], (order, sorted(docs))
            for n in (1, 2):
                doc = docs[f"s{n}"]
                assert doc.title == TITLES[n], (order, doc.title)
                assert str(doc.date) == f"2025-03-0{n}", (order, doc.date)
        finally:
            api.close()
