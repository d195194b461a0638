"""A preview of a JSON API (or feed, sitemap, channel) lists, per document, the fields a
spec may fill, as the institution tunes them: never the store's bookkeeping, which it
listed as Python reprs (which reader gave each field, the privacy findings with the
offsets of the personal data it masked in the text, the forms an expediente is searched
by)."""

from __future__ import annotations

import json
from pathlib import Path

from config.settings import Settings
from config.specs import SPEC_FIELDS, parse_spec
from crawlers.preview import preview
from tests.http_thread import QuietHandler, serving_handler

TEXT = (
    "SENTENCIA. En la ciudad de Guanajuato, el Pleno del Tribunal resolvió el amparo "
    "directo 881/2023 promovido por Juan Pérez Gómez. "
) * 3


class Api(QuietHandler):
    def do_GET(self) -> None:
        records = [
            {"id": n, "titulo": f"Amparo directo {n}/2023", "fecha": f"2023-05-0{n}",
             "texto": TEXT, "expediente": f"{n}/2023"}
            for n in range(1, 4)
        ]  # fmt: skip
        self.answer_json({"resultados": records})


def test_a_trial_preview_lists_only_fields_a_spec_may_fill(tmp_path: Path) -> None:
    with serving_handler(Api) as base:
        rules = {
            "records": "resultados", "link": f"{base}/doc/{{id}}", "text": "texto",
            "max_pages": 1,
            "fields": {"title": "titulo", "date": "fecha", "expediente": "expediente"},
        }  # fmt: skip
        fixed = {
            "id": "pj-gto-api", "kind": "sentencia", "jurisdiction": "MX-GUA",
            "institution": "Poder Judicial de Guanajuato", "shape": "json_api",
        }  # fmt: skip
        spec = parse_spec({**fixed, "start_urls": [f"{base}/api"], "json_api": rules})
        settings = Settings(data_dir=tmp_path / "data", allow_loopback=True)
        result = preview(spec, settings, time_limit_s=30)
    documents = result["documents"]
    assert len(documents) == 3, result["errors"]
    allowed = SPEC_FIELDS["common"] | SPEC_FIELDS["sentencia"] | {"jurisdiction"}
    for document in documents:
        fields = document["fields"]
        assert set(fields) <= allowed, set(fields) - allowed
        assert fields["expediente"] == document["url"].rsplit("/", 1)[1] + "/2023"
        assert fields["title"].startswith("Amparo directo")
        assert "Juan Pérez" not in json.dumps(document, ensure_ascii=False)
