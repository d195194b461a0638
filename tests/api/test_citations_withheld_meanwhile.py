"""A sentence withheld for personal data stays in the citation tables (the case numbers it
holds, what it cites) until the next flush takes it out. Meanwhile ``/v1/documents/{id}/
citations`` listed it on both sides: among the documents a cited case resolves to, and
among the documents citing another, with its id and title, although it answers 451. Both
now leave out a document the database withholds. Real HTTP on 127.0.0.1, a real
SQLite/Tantivy library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
from indexer.readers.expedientes import normalise_expediente
from tests.uvicorn_thread import serving

COLEGIADO = "Segundo Tribunal Colegiado en Materia Penal del Primer Circuito"
WITHHOLD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="curp", start=0, end=5)])
TIMEOUT = httpx.Timeout(120.0)


def _sentencia(name: str, day: str, text: str, expediente: str | None = None) -> Sentencia:
    return Sentencia(
        id=name, title=f"Sentencia de Rosa Martínez Ruiz {name}",
        date=dt.date.fromisoformat(day), institution="Poder Judicial de la Federación",
        jurisdiction="MX", source_id="pjf", url=f"https://ejemplo.gob.mx/{name}", text=text,
        expediente=expediente, court=COLEGIADO if expediente else None,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
    )  # fmt: skip


def test_a_sentence_withheld_before_the_flush_is_on_neither_side_of_a_citation(
    tmp_path: Path,
) -> None:
    cited = _sentencia("t1", "2023-09-01", "AMPARO EN REVISIÓN 1234/2023. Se confirma.",
                       "Amparo en Revisión 1234/2023")  # fmt: skip
    held = _sentencia(
        "t2", "2022-01-10", "Toca penal 133/2021: se modifica.", "Toca Penal 133/2021"
    )
    citing = _sentencia("c1", "2024-05-01", "Conforme al amparo en revisión 1234/2023 y al "
                        "toca penal 133/2021, se niega.")  # fmt: skip
    other = _sentencia("c2", "2024-06-01", f"Como sostuvo el A.R. 1234/2023 del {COLEGIADO}.")
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    try:
        library.add_document(cited)
        library.add_document(held)
        library.flush()
        library.add_document(citing)
        library.add_document(other)
        library.flush()
        with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
            by = http.get(f"{base}/v1/documents/t1/citations").json()["cited_by"]["items"]
            assert {i["document"]["id"] for i in by} == {"c1", "c2"}
            cites = http.get(f"{base}/v1/documents/c1/citations").json()["cites"]["items"]
            assert [[d["id"] for d in item["documents"]] for item in cites] == [["t1"], ["t2"]]
            for doc in (held, other):  # no flush: the citation tables still hold them
                library.add_document(doc.model_copy(update={"privacy": WITHHOLD}))
            assert http.get(f"{base}/v1/documents/t2").status_code == 451
            # the case it holds resolves to no document
            answer = http.get(f"{base}/v1/documents/c1/citations")
            assert answer.status_code == 200
            cites = answer.json()["cites"]["items"]
            assert [[d["id"] for d in item["documents"]] for item in cites] == [["t1"], []]
            assert "Rosa Martínez Ruiz t2" not in answer.text
            # a withheld citer is not listed among those citing
            answer = http.get(f"{base}/v1/documents/t1/citations")
            assert answer.status_code == 200
            by = answer.json()["cited_by"]["items"]
            assert [i["document"]["id"] for i in by] == ["c1"]
            assert "Rosa Martínez Ruiz c2" not in answer.text
    finally:
        library.close()
