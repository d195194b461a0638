"""A document masked after it was indexed (a privacy review replaced a name with
``[DATO PERSONAL]``) keeps its old text in the search index until the indexer's next
commit. The feed's summary was the index's snippet and its title the index's: they printed
the name the database no longer holds. A snippet that is not in the stored text now gives
way to the stored text's beginning, and the title is the stored one. Real HTTP on
127.0.0.1, a real SQLite/Tantivy library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from api.app import create_app
from indexer.models import PrivacyFinding, PrivacyReport
from tests.api.conftest import federal_sentencia, make_library
from tests.uvicorn_thread import serving

SAID = "{} promovió el juicio por la concesión minera del cerro de San Pedro."


def test_a_snippet_of_a_text_masked_since_is_not_shown(tmp_path: Path) -> None:
    library = make_library(tmp_path)
    try:
        named = federal_sentencia("enmascarada", SAID.format("María Guadalupe Hernández"))
        named = named.model_copy(update={"title": "Amparo de María Guadalupe Hernández"})
        other = federal_sentencia("otra", SAID.format("La empresa minera"))
        library.add_document(named.model_copy(update={"date": dt.date(2024, 2, 1)}))
        library.add_document(other)
        library.flush()
        finding = PrivacyFinding(kind="nombre", field="text", start=0, end=15)
        masked = named.model_copy(
            update={
                "date": dt.date(2024, 2, 1),
                "title": "Amparo de [DATO PERSONAL]",
                "text": SAID.format("[DATO PERSONAL]"),
                "privacy": PrivacyReport(policy="mask", findings=[finding]),
            }
        )
        library.add_document(masked)  # the index keeps the old text until a flush
        with serving(create_app(library)) as base:
            feed = httpx.get(f"{base}/v1/search.atom", params={"q": "concesión"})
            body = feed.content.decode()
            assert feed.status_code == 200 and "Amparo de [DATO PERSONAL]" in body
            assert "Hernández" not in body
            assert "[DATO PERSONAL] promovió" in body
            # a snippet still true of the stored text is the summary, highlighted
            assert "La empresa minera promovió el juicio por la &lt;mark&gt;" in body
    finally:
        library.close()
