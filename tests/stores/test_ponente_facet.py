"""One minister is one value of the ponente facet whether the SCJN caption writes her in
capitals ("PONENTE: MINISTRA LORETTA ORTIZ AHLF") or a listing in name case."""

from __future__ import annotations

from pathlib import Path

from indexer.build import build_document
from indexer.models import Sentencia
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore

SCJN = "Suprema Corte de Justicia de la Nación"
CAPTION = (
    "AMPARO DIRECTO EN REVISIÓN 1309/2023\n\nPARTE QUEJOSA: **********\n\n"
    "PONENTE: MINISTRA LORETTA ORTIZ AHLF\n\nCOTEJÓ\n\n"
    "SECRETARIO: CARLOS ADRIÁN LÓPEZ SÁNCHEZ\n\nÍNDICE TEMÁTICO\n\nHechos. El asunto deriva.\n"
)


def _sentencia(n: int, fields: dict[str, str], text: str) -> Sentencia:
    doc = build_document(
        kind="sentencia",
        source_id="scjn",
        institution=SCJN,
        jurisdiction="MX",
        url=f"https://bj.scjn.gob.mx/documento/sentencias_pub/{n}",
        fields={"title": f"Sentencia {n}", **fields},
        text=text,
        origin="api",
    )
    assert isinstance(doc, Sentencia)
    return doc


def test_a_caption_in_capitals_and_a_listing_count_as_one_ponente(tmp_path: Path) -> None:
    from_caption = _sentencia(1, {}, CAPTION)
    listed = {"ponente": "Min. Loretta Ortiz Ahlf", "expediente": "ADR 12/2024"}
    from_listing = _sentencia(2, listed, "Amparo directo en revisión 12/2024. Hechos.")
    assert from_caption.field_sources["ponente"] == "heading"
    store = TantivyStore(tmp_path / "index")
    store.upsert([from_caption, from_listing])
    facet = store.search(SearchQuery(facets=["ponente"])).facets["ponente"]
    assert [(f.value, f.count) for f in facet] == [("Loretta Ortiz Ahlf", 2)]
