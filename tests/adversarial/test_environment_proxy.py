"""The crawler connects to the address its guard checked, and to nothing else: a proxy
named by the server's environment (``HTTP_PROXY``, ``HTTPS_PROXY``, as deployments
behind a corporate proxy set for other programs) is never handed a spec's request,
where the proxy would resolve the name again on its side (a name that answers a public
address to the guard and a private one to the proxy) and reach what the guard refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

SPEC = {
    "id": "prueba-proxy",
    "kind": "sentencia",
    "institution": "Tribunal de Prueba",
    "jurisdiction": "MX-GUA",
    # a public address: the guard lets it through, and without a network it fails fast
    "start_urls": ["http://93.184.216.34/sentencias/"],
    "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
}


def test_a_crawl_never_goes_through_a_proxy_the_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "www").mkdir()
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "prueba.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as proxy:
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
            monkeypatch.setenv(name, proxy.url)
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("ABIERTO_DOWNLOAD_TIMEOUT_S", "3")
        run = run_crawl(tmp_path / "data", proxy.url, "prueba-proxy", sources_dir=specs)
        seen = [hit.target for hit in proxy.log]
    assert seen == [], seen
    assert "prueba-proxy" in run.stdout + run.stderr
