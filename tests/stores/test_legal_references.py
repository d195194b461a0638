"""Legal references as journalists type them and sentences write them another way: a case
number with or without leading zeros («987/2020», «0987/2020»), its type abbreviated or
in full («ADR», «A.D.R.», «amparo directo en revisión»), a federal law by its initials or
its name («CPF», «Código Penal Federal»), a title abbreviated («Mtra.», «Maestra»), an
amount with or without thousands separators («1234000», «1,234,000.00»), a word joined
by a hyphen or not, and a pasted sentence in straight quotes with curly ones inside. Every
store finds the same documents, never a different number, and marks the form the
document wrote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.query import Term, parse_query
from indexer.stores import SearchQuery, Store
from indexer.stores.tantivy_store import TantivyStore
from tests.engine.fixtures import ENGINE_KINDS, MakeStore
from tests.stores.corpus import sentencia

DAY = dt.date(2024, 3, 1)
SALA = "Primera Sala de la Suprema Corte de Justicia de la Nación"


def _docs() -> list:
    # each document's own expediente says nothing of what the text cites; the text is
    # what a search must read
    return [
        sentencia(1, "Como se resolvió en el amparo directo en revisión 0987/2020, la "
                  "Mtra. Ana Núñez Peña, secretaria, dio cuenta.", SALA, "civil", DAY,
                  expediente="Amparo Directo 10/2024"),
        sentencia(2, "Así lo sostuvo el A.D.R. 4321/2021 de esta Sala.", SALA, "civil", DAY,
                  expediente="Amparo Directo 20/2024"),
        sentencia(3, "Se invoca el amparo directo en revisión 987/2021 y el 1987/2020, "
                  "distintos asuntos.", SALA, "civil", DAY, expediente="Amparo Directo 30/2024"),
        sentencia(4, "Se condena al pago de $1,234,000.00 pesos por 1,234 días de salario, "
                  "conforme a la Ley Federal del Trabajo.", SALA, "laboral", DAY,
                  expediente="Amparo Directo 40/2024"),
        sentencia(5, "El delito previsto en el CPF; el estudio socioeconómico de la víctima. "
                  "La quejosa alegó “daño moral” grave.", SALA, "penal", DAY,
                  expediente="Amparo Directo 50/2024"),
        sentencia(6, "Resolvió la Maestra Rosa Gil, conforme al artículo 123 de la LFT.", SALA,
                  "laboral", DAY, expediente="Amparo Directo 60/2024"),
    ]  # fmt: skip


@pytest.fixture(params=["tantivy", *ENGINE_KINDS])
def refs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store: Store
    if request.param == "tantivy":
        store = TantivyStore(tmp_path / "index")
    else:
        make: MakeStore = request.getfixturevalue("make_engine_store")
        store = make(request.param)
    report = store.upsert(_docs())
    assert report.indexed == len(_docs()) and not report.errors
    yield store


def _hits(store: Store, q: str) -> dict[str, str]:
    result = store.search(SearchQuery(q=q, limit=20))
    return {hit.id: " ".join(hit.highlights) for hit in result.hits}


def test_a_case_number_is_found_with_or_without_its_leading_zeros(refs: Store) -> None:
    for q in ("987/2020", "0987/2020", "00987/2020", "987-2020", "ADR 987/2020"):
        hits = _hits(refs, q)
        # not 987/2021 nor 1987/2020 (sen-003): another case
        assert set(hits) == {"sen-001"}, q
        assert "0987/2020</mark>" in hits["sen-001"], q  # as the sentence writes it


def test_a_case_type_abbreviated_finds_it_written_another_way(refs: Store) -> None:
    assert set(_hits(refs, "ADR 4321/2021")) == {"sen-002"}
    assert set(_hits(refs, '"amparo directo en revisión 4321/2021"')) == {"sen-002"}
    assert "<mark>A.D.R. 4321/2021</mark>" in _hits(refs, '"ADR 4321/2021"')["sen-002"]
    assert set(_hits(refs, '"ADR 987/2020"')) == {"sen-001"}


def test_a_federal_law_by_its_initials_or_its_name(refs: Store) -> None:
    hits = _hits(refs, '"Código Penal Federal"')
    assert set(hits) == {"sen-005"} and "<mark>CPF</mark>" in hits["sen-005"]
    hits = _hits(refs, "LFT")
    assert set(hits) == {"sen-004", "sen-006"}
    assert "<mark>Ley Federal del Trabajo</mark>" in hits["sen-004"]


def test_a_title_abbreviated_or_written_out(refs: Store) -> None:
    assert set(_hits(refs, '"Maestra Ana Núñez"')) == {"sen-001"}
    hits = _hits(refs, '"Mtra. Rosa Gil"')
    assert set(hits) == {"sen-006"} and "<mark>Maestra Rosa Gil</mark>" in hits["sen-006"]


def test_an_amount_with_or_without_thousands_separators(refs: Store) -> None:
    hits = _hits(refs, "1234000")
    assert set(hits) == {"sen-004"} and "<mark>1,234,000</mark>" in hits["sen-004"]
    assert set(_hits(refs, "1234 días")) == {"sen-004"}
    assert parse_query("2023") == Term("2023")  # a year is no amount: never «2,023»


def test_a_hyphenated_word_finds_it_written_joined(refs: Store) -> None:
    hits = _hits(refs, "socio-económico")
    assert set(hits) == {"sen-005"} and "<mark>socioeconómico</mark>" in hits["sen-005"]


def test_a_pasted_sentence_with_curly_quotes_inside_straight_ones(refs: Store) -> None:
    hits = _hits(refs, '"La quejosa alegó “daño moral” grave"')
    assert set(hits) == {"sen-005"}
    assert "<mark>" in hits["sen-005"]
