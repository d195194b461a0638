"""A run's cookies go back only where a browser would send them, and never further: to
the origin that set them, under their path, while they live, within bounds."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse

from crawlers.session_cookies import (
    MAX_HEADER_CHARS,
    SessionCookies,
    SessionCookiesMiddleware,
)

SITE = "https://www.pjenl.gob.mx/SentenciasPublicas/Modulos/Penales.aspx"


def test_a_session_goes_back_to_its_own_origin_only() -> None:
    jar = SessionCookies()
    jar.take(SITE, ["ASP.NET_SessionId=abc; path=/; HttpOnly; SameSite=Lax"])
    assert jar.header("https://www.pjenl.gob.mx/SentenciasPublicas/PDFVisor/Visor.aspx?p=1") == (
        "ASP.NET_SessionId=abc"
    )
    # whatever its Domain says: no other host, subdomain, port or scheme receives it
    jar.take(SITE, ["amplia=1; Domain=gob.mx; path=/"])
    for other in ("https://otro.gob.mx/", "https://pjenl.gob.mx/", "https://www.pjenl.gob.mx:8443/",
                  "http://www.pjenl.gob.mx/"):  # fmt: skip
        assert jar.header(other) is None, other


def test_path_expiry_and_secure_as_a_browser_reads_them() -> None:
    jar = SessionCookies()
    jar.take(SITE, ["modulo=1", "raiz=2; Path=/", "seguro=3; Path=/; Secure"])
    # no Path: the answer's folder and below
    assert jar.header("https://www.pjenl.gob.mx/SentenciasPublicas/Modulos/Civiles.aspx") == (
        "modulo=1; raiz=2; seguro=3"
    )
    assert jar.header("https://www.pjenl.gob.mx/SentenciasPublicas/ModulosX") == (
        "raiz=2; seguro=3"
    )
    jar.take(SITE, ["raiz=; Path=/; Max-Age=0", "modulo=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"])
    assert jar.header(SITE) == "seguro=3"
    plain = SessionCookies()
    plain.take("http://sitio.mx/", ["seguro=1; Secure", "sesion=2"])
    assert plain.header("http://sitio.mx/") == "sesion=2"  # a Secure one only over https


def test_a_site_setting_many_large_cookies_cannot_grow_the_requests() -> None:
    jar = SessionCookies()
    jar.take(SITE, [f"c{n}={'v' * 900}; path=/" for n in range(100)])
    jar.take(SITE, ["roto", "=sin-nombre", "a b=1", f"enorme={'x' * 10_000}"])
    header = jar.header(SITE) or ""
    assert 0 < len(header) <= MAX_HEADER_CHARS and "roto" not in header
    assert "enorme" not in header and "sin-nombre" not in header


def test_the_middleware_carries_the_session_and_leaves_a_given_cookie_alone() -> None:
    middleware = SessionCookiesMiddleware()
    first = Request(SITE)
    middleware.process_request(first)
    assert "Cookie" not in first.headers
    answer = HtmlResponse(SITE, body=b"<html></html>", request=first,
                          headers={"Set-Cookie": "ASP.NET_SessionId=abc; path=/"})  # fmt: skip
    middleware.process_response(first, answer)
    post = Request(SITE, method="POST")
    middleware.process_request(post)
    assert post.headers["Cookie"] == b"ASP.NET_SessionId=abc"
    # a redirect copies the header it followed: the jar's current one replaces it
    renewed = {"Set-Cookie": "ASP.NET_SessionId=nueva; path=/"}
    middleware.process_response(post, HtmlResponse(SITE, body=b"", request=post, headers=renewed))
    again = post.replace(url=SITE + "?otra=1")
    middleware.process_request(again)
    assert again.headers["Cookie"] == b"ASP.NET_SessionId=nueva"
    given = Request(SITE, headers={"Cookie": "propia=1"})
    middleware.process_request(given)
    assert given.headers["Cookie"] == b"propia=1"
