"""Addresses as sites and people write them: a scheme in capitals (``HTTP://``,
``Https://``) is the http(s) it says (RFC 3986: schemes are case-insensitive), in a
start URL, a link and a redirect alike, and is stored in lower case; a port that reaches
no server (0, 99999, «ab») is refused naming the field; a host that does not resolve
is counted as ``dns``, not as a forbidden address."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from crawlers.addresses import BlockedAddress, UnresolvableHost, check_url
from crawlers.fetch import FetchError, fetch
from crawlers.links import BadLink, absolute
from indexer.alignment.captions import fetch_captions
from indexer.db import Database
from indexer.models import VideoLink
from indexer.readers.plausibility import implausible
from tests.adversarial.service import listing_spec, open_api
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

PAGE = f"<html><body><h1>Sentencia</h1><p>{'Texto de la resolución. ' * 20}</p></body></html>"


def _site(root: Path) -> None:
    case = root / "r"
    case.mkdir(parents=True)
    links = ["HTTP://{host}/r/mayus.html", "redirige.html", "http://no-existe.invalid/x.html"]
    rows = "".join(
        f"<tr><td><a href='{link}'>Sentencia {n}</a></td></tr>" for n, link in enumerate(links)
    )
    (case / "lista.html").write_text(
        f"<html><body><table><tbody>{rows}</tbody></table></body></html>", encoding="utf-8"
    )
    for name in ("mayus.html", "destino.html"):
        (case / name).write_text(PAGE, encoding="utf-8")


def _serve_redirect(server: FixtureServer, root: Path, target: str) -> None:
    """A redirect to the running server itself (its port is known only once it runs)."""
    server._server.routes.append(
        (root.resolve() / "r", 0, {"path": "/redirige.html", "redirect": target})
    )


def test_a_crawl_follows_capital_schemes_and_counts_an_unresolvable_host_as_dns(
    tmp_path: Path,
) -> None:
    _site(tmp_path / "www")
    with FixtureServer(tmp_path / "www") as server:
        host = server.url.split("://", 1)[1]
        lista = tmp_path / "www" / "r" / "lista.html"
        lista.write_text(lista.read_text("utf-8").replace("{host}", host), encoding="utf-8")
        _serve_redirect(server, tmp_path / "www", f"HTTP://{host}/r/destino.html")
        spec = {
            "id": "mayusculas", "kind": "sentencia", "institution": "Poder Judicial",
            "jurisdiction": "MX-GUA", "start_urls": [f"Http://{host}/r/lista.html"],
            "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                        "fields": {"title": "css:a::text"}},
        }  # fmt: skip
        (tmp_path / "specs").mkdir()
        (tmp_path / "specs" / "s.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
        done = run_abierto(tmp_path / "data", server.url, tmp_path / "specs")
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        runs = db.list_runs("mayusculas")
        urls = {d.url for d in db.iter_documents()}
    finally:
        db.close()
    assert runs, done.stdout + done.stderr
    # the redirect is followed (the document is kept under the address its link gave)
    assert urls == {f"http://{host}/r/mayus.html", f"http://{host}/r/redirige.html"}
    errors = runs[0].errors
    assert "blocked_address" not in errors, errors
    [example] = errors["dns"]["examples"]
    assert "no-existe.invalid" in example["message"] and "no se resuelve" in example["message"]


def test_a_preview_follows_a_redirect_written_in_capitals(tmp_path: Path) -> None:
    _site(tmp_path / "www")
    with FixtureServer(tmp_path / "www") as server:
        host = server.url.split("://", 1)[1]
        _serve_redirect(server, tmp_path / "www", f"HTTP://{host}/r/destino.html")
        got = fetch(f"HTTP://{host}/r/redirige.html", allow_loopback=True, user_agent="prueba",
                    max_bytes=100_000, deadline=time.monotonic() + 10)  # fmt: skip
    assert got.url == f"http://{host}/r/destino.html"
    assert b"Sentencia" in got.body


def test_a_preview_of_an_unresolvable_host_says_dns() -> None:
    with pytest.raises(FetchError) as failed:
        fetch("http://no-existe.invalid/", allow_loopback=True, user_agent="prueba",
              max_bytes=1000, deadline=time.monotonic() + 10)  # fmt: skip
    assert failed.value.cause == "dns"


def test_the_guard_still_refuses_a_capitalised_private_address() -> None:
    for url in ["HTTP://10.0.0.1/", "hTtPs://169.254.169.254/latest/meta-data/"]:
        with pytest.raises(BlockedAddress) as refused:
            check_url(url, allow_loopback=True)
        assert not isinstance(refused.value, UnresolvableHost)
    assert absolute("http://a.mx/", "HTTPS://10.0.0.1/x.pdf") == "https://10.0.0.1/x.pdf"


@pytest.mark.parametrize(
    "link", ["http://a.mx:0/x.pdf", "http://a.mx:99999/x.pdf", "http://a.mx:ab/"]
)
def test_a_link_to_a_port_no_server_has_is_a_bad_link(link: str) -> None:
    with pytest.raises(BadLink):
        absolute("http://a.mx/", link)


def test_port_zero_is_refused_by_the_guard() -> None:
    with pytest.raises(BlockedAddress, match="port 0"):
        check_url("http://127.0.0.1:0/", allow_loopback=True)


def test_a_source_registered_with_a_capital_scheme_is_kept_in_lower_case(tmp_path: Path) -> None:
    api = open_api(tmp_path)
    try:
        spec = listing_spec("HTTP://127.0.0.1:9/lista", allowed_domains=["127.0.0.1"])
        made = api.client.post("/v1/sources", json=spec, headers=api.headers)
        assert made.status_code == 201, made.text
        shown = api.client.get("/v1/sources/pj-gto-prueba", headers=api.headers).json()
        assert shown["spec"]["start_urls"] == ["http://127.0.0.1:9/lista"]
        spec["start_urls"] = ["Https://10.0.0.1/lista"]  # the guard judges it all the same
        refused = api.client.put("/v1/sources/pj-gto-prueba", json=spec, headers=api.headers)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "start_urls", 0]
    finally:
        api.close()


def test_a_webhook_in_capitals_is_kept_and_an_unresolvable_or_port_zero_one_is_refused(
    tmp_path: Path,
) -> None:
    api = open_api(tmp_path, alert_rate_per_minute=1000)

    def post(hook: str) -> Any:
        body = {"query": {"q": "amparo"}, "delivery": {"webhook": hook}}
        return api.client.post("/v1/alerts", json=body, headers=api.headers)

    try:
        made = post("HTTP://127.0.0.1:9/recibe")
        assert made.status_code == 201, made.text
        assert "HTTP:" not in made.text and "http://127.0.0.1:9/recibe" in made.text
        unknown = post("http://no-existe.invalid/recibe")
        assert unknown.status_code == 422
        [problem] = unknown.json()["detail"]
        assert problem["type"] == "unresolvable_host", problem
        assert "no-existe.invalid" in problem["mensaje"] and "no se resuelve" in problem["mensaje"]
        zero = post("http://127.0.0.1:0/recibe")
        assert zero.status_code == 422 and "port 0" in zero.text
    finally:
        api.close()


def test_video_and_caption_addresses_in_capitals_are_web_addresses(tmp_path: Path) -> None:
    link = VideoLink(url="HTTPS://www.youtube.com/watch?v=abc", platform="youtube")
    assert link.url == "https://www.youtube.com/watch?v=abc"
    assert implausible("video_urls", ["HTTPS://congreso.gob.mx/video/1"]) is None
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "pista.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSe abre la sesión.\n", encoding="utf-8"
    )
    with FixtureServer(tmp_path / "www") as server:
        host = server.url.split("://", 1)[1]
        cues = fetch_captions(f"HTTP://{host}/pista.vtt")
    assert [cue.text for cue in cues] == ["Se abre la sesión."]
