"""A hit's snippet shows what was asked for, however deep in a long sentence: a case number
where the text writes it, however many dates of its year come first («el 3 de marzo de
2021» before «A.D. 12/2021»); a word with an ñ and an accent (Ibáñez); a proximity
phrase whose words stand alone all around it («la pensión fue fijada…» every line); an
exact phrase once after more than ``MAX_CANDIDATES`` of its words apart («la pensión no
es definitiva» 5 200 times before «la pensión definitiva»). Both highlighters of the
embedded store: the native one and Python's (``tantivy_store.NATIVE_HIGHLIGHTS`` off),
which read the same passage finder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.stores import SearchQuery, tantivy_store
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

FILLER = "El tribunal analiza los agravios expuestos por la parte recurrente. " * 1600
# «pensión» every 150 characters, never «pensión definitiva»
PENSION = (
    "El tribunal analiza la constitucionalidad de los agravios expuestos por la parte "
    "recurrente en el juicio de amparo; la pensión fue fijada por el juez. "
) * 900
# 150 KB of «pensión» and «definitiva» apart: more of each than the finder's candidates
APART = "la pensión no es definitiva. " * 5200
DATES = (
    "Por escrito presentado el 3 de marzo de 2021, ampliado el 12 de abril de 2021, la "
    "quejosa promovió el juicio; el 5 de mayo de 2023 se admitió y el 3 de junio de 2023 "
    "se rindió el informe. "
)


@pytest.fixture(params=["nativo", "python"])
def store(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TantivyStore]:
    monkeypatch.setattr(tantivy_store, "NATIVE_HIGHLIGHTS", request.param == "nativo")
    instance = TantivyStore(tmp_path / "index")
    docs = [
        sentencia(1, DATES + FILLER + "Se resuelve el amparo directo A.D. 12/2021 en "
                  "definitiva. " + FILLER, "Tribunal Colegiado", "amparo", dt.date(2023, 1, 1),
                  expediente="A.D. 12/2021"),
        sentencia(2, DATES * 20 + FILLER + "En el toca penal 3/2023 se dijo lo mismo. "
                  + FILLER, "Sala Penal", "penal", dt.date(2023, 2, 1), expediente="3/2023"),
        sentencia(3, FILLER + "Declaró el perito Ibáñez sobre el disparo. " + FILLER,
                  "Sala Penal", "penal", dt.date(2023, 3, 1)),
        sentencia(4, PENSION + "Resuelto el asunto en la audiencia del día. Declaró el "
                  "perito de la defensa y la señora madre sobre la pensión ya definitiva y el "
                  "daño moral. " + PENSION,
                  "Juzgado Familiar", "familiar", dt.date(2023, 4, 1)),
        sentencia(5, APART + "Se fija la pensión definitiva a cargo del deudor. " + APART[:3000],
                  "Juzgado Familiar", "familiar", dt.date(2023, 5, 1)),
    ]  # fmt: skip
    report = instance.upsert(docs)
    assert report.indexed == len(docs) and not report.errors
    yield instance


@pytest.mark.parametrize(
    ("q", "doc_id", "lit"),
    [
        ("12/2021", "sen-001", "12/2021"),
        ('"A.D. 12/2021"', "sen-001", "A.D. 12/2021"),
        ('expediente:"A.D. 12/2021"', "sen-001", "12/2021"),
        ("3/2023", "sen-002", "3/2023"),
        ("ibanez", "sen-003", "Ibáñez"),
        ('"pensión definitiva"~2', "sen-004", "definitiva"),
        ('"pensión definitiva"', "sen-005", "pensión definitiva"),
        ('"pension definitiva"~1', "sen-005", "pensión definitiva"),
    ],
)
def test_the_snippet_shows_what_was_asked_for(
    store: TantivyStore, q: str, doc_id: str, lit: str
) -> None:
    [hit] = [h for h in store.search(SearchQuery(q=q)).hits if h.id == doc_id]
    assert f"<mark>{lit}</mark>" in " ".join(hit.highlights)
