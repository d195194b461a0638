"""A feed in UTF-32 or UTF-16 without a byte-order mark, or in EBCDIC, is read as XML
1.0's appendix F says its first bytes show (``<`` as ``3C 00 00 00``, ``<?xm`` as
``4C 6F A7 94``), the EBCDIC code page by its declaration. Its declaration, in four
bytes a character, was no ASCII ``encoding=``: the feed was read as Windows-1252 and
the run counted "neither RSS items nor Atom entries" (``no es un canal RSS o Atom``)
for a bulletin feed with three bulletins. EBCDIC in a code page not declared is counted
as what it is. Served by a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import open_api
from tests.adversarial.test_listing_text_between_comments import _run
from tests.shapes.server import FixtureServer


def _feed(declared: str) -> str:
    items = "".join(
        f"<item><title>Boletín {n}, edición «ñ»</title><link>http://ejemplo.invalid/b/{n}</link>"
        f"<description>Acuerdo número {n} del Pleno.</description></item>"
        for n in (1, 2, 3)
    )
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    return f"{head}<rss version='2.0'><channel><title>Boletines</title>{items}</channel></rss>"


def _spec(source: str, url: str) -> dict[str, object]:
    return {
        "id": source, "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "feed",
        "start_urls": [url], "feed": {"follow": False},
    }  # fmt: skip


def test_feeds_in_utf32_utf16_and_declared_ebcdic_without_a_mark_are_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "www").mkdir()
    served = {
        "u32be": _feed("UTF-32").encode("utf-32-be"),
        "u32le": _feed("").encode("utf-32-le"),
        "u16be": _feed("UTF-16").encode("utf-16-be"),
        "ebcdic": _feed("IBM037").encode("cp037"),
    }
    for name, body in served.items():
        (tmp_path / "www" / f"{name}.xml").write_bytes(body)
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            for name in served:
                run = _run(api, _spec(f"pj-gto-{name}", f"{server.url}/{name}.xml"), 30)
                assert run["errors"] == {}, (name, run["errors"])
                assert run["stats"]["items"] == 3, (name, run["stats"])
        titles = {d.title for d in api.library.db.iter_documents()}
        assert titles == {f"Boletín {n}, edición «ñ»" for n in (1, 2, 3)}
        assert api.library.db.count_documents() == 12
    finally:
        api.close()


def test_a_feed_in_ebcdic_of_no_declared_code_page_is_counted_as_such(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "feed.xml").write_bytes(_feed("utf-8").encode("cp500"))
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            run = _run(api, _spec("pj-gto-ebcdic", f"{server.url}/feed.xml"), 30)
        assert list(run["errors"]) == ["xml_encoding"], run["errors"]
        [example] = run["errors"]["xml_encoding"]["examples"]
        assert example["mensaje"] == "XML en EBCDIC sin una página de códigos que se pueda leer"
        assert api.library.db.count_documents() == 0
    finally:
        api.close()
