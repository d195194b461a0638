"""A start URL longer than the crawl requests (2,083 characters) is refused when the spec
is sent, with a Spanish 422 naming the field: it was stored, and every crawl of it read
nothing (its first request counted as ``bad_url``). The preview refuses it the same way.
And ``allowed_domains`` match in any letter case, as registration checks them: Scrapy's
filter compared case-sensitively, so ``LocalHost`` dropped every page without a word."""

from __future__ import annotations

from pathlib import Path

import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.preview import listing_preview
from indexer.db import Database
from samples.server import serve
from tests.adversarial.service import listing_spec, open_api
from tests.e2e.helpers import run_crawl

LONG = "https://pj.gob.mx/lista?filtro=" + "a" * 2100


def test_a_start_url_too_long_to_crawl_is_refused_in_spanish(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        short = api.client.post(
            "/v1/sources", json=listing_spec("http://127.0.0.1:9/lista"), headers=api.headers
        )
        assert short.status_code in (200, 201), short.text
        for method, path in (
            ("post", "/v1/sources"),
            ("post", "/v1/sources/preview"),
            ("put", "/v1/sources/pj-gto-prueba"),
        ):
            answer = getattr(api.client, method)(path, json=listing_spec(LONG), headers=api.headers)
            assert answer.status_code == 422, (path, answer.text)
            [problem] = answer.json()["detail"]
            assert problem["loc"][-2:] == ["start_urls", 0], problem
            assert "más de los 2083 que el rastreo pide" in problem["mensaje"], problem
        stored = api.registry.get_source("pj-gto-prueba")
        assert stored is not None and stored.spec["start_urls"] == ["http://127.0.0.1:9/lista"]
    finally:
        api.close()


def test_allowed_domains_match_in_any_letter_case(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (www / "lista.html").write_text(
        '<table><tbody><tr><td><a href="uno.html">Uno</a></td></tr></tbody></table>'
    )
    (www / "uno.html").write_text("<h1>Sentencia uno</h1><p>Arrendamiento urbano.</p>")
    spec = listing_spec(
        "${ABIERTO_SAMPLES_URL}/lista.html",
        institution="PJ",
        allowed_domains=["LocalHost"],
        listing={
            "items": "css:tbody tr",
            "link": "css:a::attr(href)",
            "fields": {"title": "css:a::text"},
        },
    )
    (specs / "fuente.yaml").write_text(yaml.safe_dump(spec))
    with serve(www) as server:
        local = server.url.replace("127.0.0.1", "localhost")
        result = run_crawl(tmp_path / "data", local, sources_dir=specs)
        shown = listing_preview(
            SourceSpec.model_validate(spec | {"start_urls": [f"{local}/lista.html"]}),
            Settings(allow_loopback=True),
            time_limit_s=20,
        )
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        crawled = [doc.url for doc in db.iter_documents()]
    finally:
        db.close()
    assert crawled == [f"{local}/uno.html"], result.stdout
    assert [d["url"] for d in shown["documents"]] == crawled
    assert "skipped" not in shown["documents"][0]
