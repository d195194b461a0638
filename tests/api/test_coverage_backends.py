"""/fuentes reads its monthly counts with SQL that must mean the same in SQLite and
PostgreSQL: a court is read from the document's JSON, a month from its date's text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from api.routers.pages.coverage import monthly_documents, monthly_judgments
from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, Sentencia, document_id


def _sentencia(n: int, court: str | None, day: dt.date) -> Sentencia:
    url = f"https://tribunal.example/{n}"
    return Sentencia(
        id=document_id("tribunal", url),
        title=f"Sentencia {n}",
        date=day,
        institution="Tribunal de Prueba",
        jurisdiction="MX-GUA",
        source_id="tribunal",
        url=url,
        court=court,
    )


def test_documents_per_source_and_court_by_month(database_url: str, tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    try:
        for doc in (
            _sentencia(1, "Primera Sala", dt.date(2025, 1, 10)),
            _sentencia(2, "Primera Sala", dt.date(2025, 1, 31)),
            _sentencia(3, "Juzgado Tercero Civil", dt.date(2025, 3, 2)),
            _sentencia(4, None, dt.date(2025, 3, 5)),  # no court: counted for its source only
            Legislativo(
                id=document_id("congreso", "https://congreso.example/1"),
                title="Iniciativa 1/LXVI",
                date=dt.date(2025, 2, 1),
                institution="Congreso de Prueba",
                jurisdiction="MX-GUA",
                source_id="congreso",
                url="https://congreso.example/1",
            ),
        ):
            library.add_document(doc)
        library.flush()
        assert monthly_judgments(library) == {
            "Primera Sala": {(2025, 1): 2},
            "Juzgado Tercero Civil": {(2025, 3): 1},
        }
        assert monthly_documents(library) == {
            "tribunal": {(2025, 1): 2, (2025, 3): 2},
            "congreso": {(2025, 2): 1},
        }
    finally:
        library.close()
