"""A registered spec stored before ids and identity scopes were matched whole (an id or a
scope ending in a line end) no longer validates. It must not stop the other sources, nor
vanish: a crawl skips it with a message in Spanish that names it and records a failed run
on its crawl health, where its institution sees why; a corrected PUT brings it back. The
old code printed an English warning and then «unknown source», recorded nothing, and the
worker claimed it again and again in silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from cli.main import main
from cli.registry import registered_specs
from tests.adversarial.service import listing_spec, open_api


def _tamper(api, source_id: str) -> None:  # type: ignore[no-untyped-def]
    """What the old validation let through, written straight into the database."""
    with api.library.db.engine.begin() as connection:
        stored = connection.execute(
            sa.text("SELECT spec FROM sources WHERE id = :i"), {"i": source_id}
        ).scalar()
        spec = json.loads(stored) if isinstance(stored, str) else dict(stored)
        spec["id"] = f"{source_id}\n"
        spec["identity"] = {"scope": "pj-gto-alcance\n", "key": ["url"]}
        connection.execute(
            sa.text("UPDATE sources SET spec = :s WHERE id = :i"),
            {"s": json.dumps(spec), "i": source_id},
        )


def test_an_odd_stored_spec_is_skipped_flagged_in_spanish_and_can_be_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api = open_api(tmp_path / "data")
    try:
        for source_id in ("pj-gto-prueba", "pj-gto-buena"):
            body = listing_spec("http://127.0.0.1:9/lista", id=source_id)
            made = api.client.post("/v1/sources", json=body, headers=api.headers)
            assert made.status_code == 201, made.text
        _tamper(api, "pj-gto-prueba")
        # the other source is still read
        assert [s.id for s in registered_specs(api.settings)] == ["pj-gto-buena"]
        capsys.readouterr()
        with pytest.raises(SystemExit) as stopped:
            main(["--data-dir", str(api.settings.data_dir), "crawl", "--source", "pj-gto-prueba"])
        assert stopped.value.code not in (0, None)
        said = capsys.readouterr().err
        assert "pj-gto-prueba no se rastreó" in said and "unknown source" not in said
        runs = api.client.get("/v1/sources/pj-gto-prueba/runs", headers=api.headers).json()
        [run] = runs["runs"]
        assert run["status"] == "failed"
        assert "especificación guardada ya no es válida" in run["message"]
        # what the institution can do, said in Spanish: try it, then send it whole
        message = run["message"]
        assert "id: debe tener de 3 a 64 caracteres" in message and "expected" not in message
        assert "POST /v1/sources/preview" in message and "enviándola completa" in message
        assert "PUT /v1/sources/pj-gto-prueba" in message and "corríjala con PUT" not in message
        tried = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-prueba")
        preview = api.client.post("/v1/sources/preview", json=tried, headers=api.headers)
        assert preview.status_code == 200, preview.text
        # the API still answers for it, and a corrected spec brings it back
        assert api.client.get("/v1/sources", headers=api.headers).status_code == 200
        body = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-prueba")
        fixed = api.client.put("/v1/sources/pj-gto-prueba", json=body, headers=api.headers)
        assert fixed.status_code == 200, fixed.text
        assert sorted(s.id for s in registered_specs(api.settings)) == [
            "pj-gto-buena",
            "pj-gto-prueba",
        ]
    finally:
        api.close()


ODD_FILE = """id: "congreso-viejo\\n"
kind: legislativo
institution: H. Congreso
jurisdiction: MX-GUA
start_urls: ["https://congreso.gob.mx/gaceta"]
listing: {items: "css:li", link: "css:a::attr(href)"}
"""


def test_an_odd_operator_file_is_skipped_not_a_500_nor_the_end_of_every_crawl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One file of the operator's catalogue that no longer validates took every source
    registration and ``/fuentes`` down with a 500, and stopped every crawl."""
    from cli.main import _specs

    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "viejo.yaml").write_text(ODD_FILE, encoding="utf-8")
    good = listing_spec("https://congreso.gob.mx/b", id="congreso-bueno", kind="legislativo")
    (specs / "bueno.yaml").write_text(json.dumps(good | {"institution": "H. Congreso"}))
    api = open_api(tmp_path / "data", sources_dir=specs)
    try:
        body = listing_spec("http://127.0.0.1:9/lista")
        made = api.client.post("/v1/sources", json=body, headers=api.headers)
        assert made.status_code == 201, made.text
        assert api.client.get("/fuentes", headers={"Accept": "text/html"}).status_code == 200
        capsys.readouterr()
        refused: list[str] = []
        assert sorted(s.id for s in _specs(api.settings, None, refused)) == [
            "congreso-bueno",
            "pj-gto-prueba",
        ]
        assert "se omitió viejo.yaml" in capsys.readouterr().err
        assert [why.split(":")[0] for why in refused] == ["se omitió viejo.yaml"]
    finally:
        api.close()
