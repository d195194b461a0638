"""Pages that send their reader on by a meta refresh, by the HTTP ``Refresh`` header
(``Refresh: 0; url=/otra``) or by a 3xx, mixed in one chain. The crawl read no
``Refresh`` header (the page sending on was kept as the document), and a refresh to
``file:`` left the page read as the document, counted ``missing_field``. Now both
refreshes are followed with the guards and the limit of a 3xx: a loop mixing the three
is a ``redirect_loop``, a chain past the limit ``too_many_redirects``, a refresh to a
refused address ``blocked_address`` (never requested), one off the web
``redirect_refused``, said in Spanish. The preview follows them alike. Real servers on
127.0.0.1, the real crawl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import text

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje, label
from crawlers.preview import listing_preview
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer

FILE_REFUSED = (
    "la página redirige con su {by} a file:///etc/passwd, que no es una dirección web "
    "(solo se siguen http y https): no se siguió"
)


def _detail(n: int) -> str:
    return (
        f"<html><body><main><h1>Sentencia {n}</h1><p>Texto propio de la sentencia {n} del "
        "amparo directo en materia penal.</p></main></body></html>"
    )


def _meta(to: str) -> dict[str, Any]:
    page = f'<html><head><meta http-equiv="refresh" content="0; url={to}"></head></html>'
    return {"body": page, "content_type": "text/html; charset=utf-8"}


def _header(to: str) -> dict[str, Any]:
    page = "<html><body><p>Esta página se mudó.</p></body></html>"
    return {"body": page, "headers": {"Refresh": f"0; url={to}"}}


def _site(root: Path, rows: list[str]) -> None:
    table = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='{href}'>ver</a></td></tr>"
        for n, href in enumerate(rows, 1)
    )
    (root / "lista.html").write_text(f"<html><body><table><tbody>{table}</tbody></table>")
    for n in range(1, 4):
        (root / f"d{n}.html").write_text(_detail(n))
    routes = [
        {"path": "/cabecera", **_header("/d2.html")},  # followed
        {"path": "/mixta", **_meta("/mixta-2")},  # meta -> header -> 302 -> document
        {"path": "/mixta-2", **_header("/mixta-3")},
        {"path": "/mixta-3", "redirect": "/d3.html"},
        {"path": "/meta-archivo", **_meta("file:///etc/passwd")},
        {"path": "/cabecera-archivo", **_header("file:///etc/passwd")},
        {"path": "/bucle-1", **_meta("/bucle-2")},  # meta -> header -> 302 -> back
        {"path": "/bucle-2", **_header("/bucle-3")},
        {"path": "/bucle-3", "redirect": "/bucle-1"},
        {"path": "/privada", **_header("http://169.254.169.254/latest/meta-data/")},
        *[
            {"path": f"/larga-{n}", **(_meta if n % 2 else _header)(f"/larga-{n + 1}")}
            for n in range(1, 9)
        ],
    ]
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}))


ROWS = [
    "d1.html",
    "cabecera",
    "mixta",
    "meta-archivo",
    "cabecera-archivo",
    "bucle-1",
    "privada",
    "larga-1",
]


def test_refresh_chains_are_followed_with_the_redirect_guards(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www", ROWS)
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            run = _run(api, spec)
            larga = server.hits("/larga-")
        with api.library.db.engine.connect() as connection:
            stored = connection.execute(text("select title, text from documents")).all()
    finally:
        api.close()
    errors = run["errors"]
    texts = {title: body for title, body in stored}
    # the pages sending on are not the documents: what they send to is
    assert sorted(texts) == ["Sentencia 1", "Sentencia 2", "Sentencia 3"], (texts, errors)
    assert "sentencia 2" in texts["Sentencia 2"] and "sentencia 3" in texts["Sentencia 3"]
    assert "missing_field" not in errors, errors
    refused = {e["url"].rsplit("/", 1)[1]: e for e in errors["redirect_refused"]["examples"]}
    assert set(refused) == {"meta-archivo", "cabecera-archivo"}, errors
    assert errors["redirect_refused"]["count"] == 2
    for page, by in (
        ("meta-archivo", "etiqueta meta refresh"),
        ("cabecera-archivo", "cabecera Refresh"),
    ):
        said = error_mensaje("redirect_refused", refused[page]["message"])
        assert said == FILE_REFUSED.format(by=by), said
    assert label("redirect_refused").startswith("redirección a una dirección que no es web")
    [loop] = errors["redirect_loop"]["examples"]
    assert loop["url"].endswith("/bucle-1") and loop["message"].endswith("/bucle-1")
    assert "/bucle-2 -> " in loop["message"] and "/bucle-3 -> " in loop["message"]
    [blocked] = errors["blocked_address"]["examples"]
    assert "169.254.169.254" in blocked["message"], blocked
    [long] = errors["too_many_redirects"]["examples"]
    assert long["message"].startswith(f"5 redirects without an answer: {server.url}/larga-1 -> ")
    assert len(larga) == 6, larga  # the start and the 5 redirects allowed, no more
    assert set(errors) == {
        "redirect_refused", "redirect_loop", "blocked_address", "too_many_redirects",
    }, errors  # fmt: skip


def test_the_preview_follows_refreshes_as_the_crawl(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www", ["d1.html", "cabecera", "meta-archivo"])
    routes = yaml.safe_load((tmp_path / "www" / "_http.yaml").read_text())["routes"]
    routes += [
        {"path": "/inicio", **_header("/lista.html")},
        {"path": "/inicio-archivo", **_header("file:///etc/passwd")},
        {"path": "/inicio-bucle", **_meta("/inicio-bucle-2")},
        {"path": "/inicio-bucle-2", **_header("/inicio-bucle")},
        {"path": "/inicio-privada", **_meta("http://169.254.169.254/latest/meta-data/")},
    ]
    (tmp_path / "www" / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}))
    settings = Settings(allow_loopback=True)
    with FixtureServer(tmp_path / "www") as server:
        previews = {
            start: listing_preview(
                SourceSpec.model_validate(
                    listing_spec(f"{server.url}/{start}", institution="Juzgado de Prueba")
                ),
                settings,
                time_limit_s=20,
            )
            for start in ("inicio", "inicio-archivo", "inicio-bucle", "inicio-privada")
        }
    shown = previews["inicio"]
    assert len(shown["documents"]) == 3, shown
    causes = {e["url"].rsplit("/", 1)[1]: e["cause"] for e in shown["errors"]}
    assert causes == {"meta-archivo": "redirect_refused"}, shown["errors"]
    [refused] = previews["inicio-archivo"]["errors"]
    assert refused["cause"] == "redirect_refused", refused
    [loop] = previews["inicio-bucle"]["errors"]
    assert loop["cause"] == "redirect_loop", loop
    [blocked] = previews["inicio-privada"]["errors"]
    assert blocked["cause"] == "blocked_address", blocked
