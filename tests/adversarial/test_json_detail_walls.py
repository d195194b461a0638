"""A JSON API spec's record page (``json_api.detail.fields``) may not read the publisher
or the congress either: the registration's check looked at every block's ``fields`` but
that one, so a spec reading ``institution`` from each record's page was stored (201)
and only the crawl, record by record, dropped the value. Now it is the same Spanish 422
as for any other block's fields, naming the field."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import open_api


def _spec(fields: dict[str, str]) -> dict:
    return {
        "id": "pj-gto-api", "kind": "sesion", "shape": "json_api", "jurisdiction": "MX-GUA",
        "start_urls": ["http://127.0.0.1:9/busqueda"],
        "json_api": {
            "records": "resultados", "link": "/vt/{id}",
            "fields": {"title": "titulo", "date": "fecha"},
            "detail": {"url": "/documento/{id}", "fields": fields},
        },
    }  # fmt: skip


def test_a_record_pages_fields_may_not_read_the_publisher_or_congress(tmp_path: Path) -> None:
    api = open_api(tmp_path)
    try:
        for field in ("institution", "congress"):
            sent = api.client.post(
                "/v1/sources", json=_spec({field: "organo"}), headers=api.headers
            )
            assert sent.status_code == 422, (field, sent.text)
            [problem] = sent.json()["detail"]
            assert problem["loc"] == ["body", "json_api", "detail", "fields", field], problem
            assert "no se lee de la página" in problem["mensaje"], problem
        assert api.registry.get_source("pj-gto-api") is None
        made = api.client.post(
            "/v1/sources", json=_spec({"chamber": "organo"}), headers=api.headers
        )
        assert made.status_code == 201, made.text
    finally:
        api.close()
