"""Case numbers: every way a person writes one finds the document.

The forms kept with a sentence (``expediente_forms``) are checked against the same
Spanish analysis the stores use: a query matches when its tokens appear, in order, in
one of the forms (a phrase match)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from indexer.analysis import stem_tokens
from indexer.models import Sentencia
from indexer.readers.expedientes import expediente_forms, normalise_expediente, parse_expediente
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore

CASES = {
    "512/2020": ["512/2020"],
    "Amparo en Revisión 1234/2023": [
        "1234/2023", "AR 1234/2023", "A.R. 1234/2023", "amparo en revisión 1234/2023",
        "Amparo en revision 1234/2023",
    ],
    "A.I. 206/2023 y su acumulada 208/2023": [
        "206/2023", "208/2023", "AI 206/2023", "A.I. 208/2023",
        "acción de inconstitucionalidad 206/2023", "acciones de inconstitucionalidad 208/2023",
    ],
    "SUP-JDC-1234/2024": ["SUP-JDC-1234/2024", "SUP JDC 1234/2024", "JDC-1234/2024", "1234/2024"],
    "Toca Penal 0123/2022": ["123/2022", "0123/2022", "toca 123/2022"],
}  # fmt: skip


def _contains(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack)))


@pytest.mark.parametrize(("published", "queries"), list(CASES.items()))
def test_every_written_form_is_searchable(published: str, queries: list[str]) -> None:
    forms = [stem_tokens(form) for form in expediente_forms(published)]
    for query in queries:
        wanted = stem_tokens(query)
        assert any(_contains(form, wanted) for form in forms), (
            f"{query!r} does not match any form of {published!r}"
        )


def test_parsing_keeps_the_type_for_accumulated_cases() -> None:
    cases = parse_expediente("acciones de inconstitucionalidad 206/2023 y su acumulada 208/2023")
    assert [(c.type_code, c.digits) for c in cases] == [("AI", "206/2023"), ("AI", "208/2023")]
    electoral = parse_expediente("SX-JRC-45/2024")[0]
    assert (electoral.electoral_chamber, electoral.type_code, electoral.digits) == (
        "SX", "JRC", "45/2024",
    )  # fmt: skip
    assert normalise_expediente("Recurso de reclamación 123/2023-CA") == (
        "Recurso de Reclamación 123/2023-CA"
    )
    assert normalise_expediente("Toca Penal 0123/2022") == "Toca 123/2022"
    assert normalise_expediente("A.D.R. 5/2021") == "ADR 5/2021"
    assert expediente_forms(None) == []


def test_the_store_finds_a_sentence_by_any_form_of_its_case_number() -> None:
    published = "Amparo en Revisión 1234/2023"
    doc = Sentencia(
        id="s1", title="Sentencia", date=dt.date(2024, 1, 1), institution="SCJN",
        jurisdiction="MX", source_id="t", url="https://example.org/s1", text="Texto.",
        expediente=published, expediente_normalised=normalise_expediente(published),
        expediente_forms=expediente_forms(published),
    )  # fmt: skip
    store = TantivyStore(None)
    store.upsert([doc])
    for query in ("AR 1234/2023", '"A.R. 1234/2023"', "1234/2023", "amparo en revision 1234/2023"):
        assert store.search(SearchQuery(q=query)).total == 1, query


def test_an_expediente_of_thousands_of_cases_is_read_without_rescanning() -> None:
    """Each number was checked against every electoral case before it (31 s here)."""
    began = time.process_time()  # CPU time: a loaded machine's wall clock is no bound
    cases = parse_expediente("SUP-JDC-1/2020 TECDMX-JLDC-019/2025 " * 10_000)
    assert len(cases) == 2  # the same two cases, written again and again
    assert time.process_time() - began < 10


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("Toca 1150/2019/1", "Toca 1150/2019/1"),
     ("TOCA PENAL 345/2021/2", "Toca 345/2021/2"),
     ("toca civil número 88/2020/03", "Toca 88/2020/3"),
     ("expediente 567/2019", "567/2019"),
     ("Amparo Indirecto 427/2025-III", "AMP 427/2025-III")],
)  # fmt: skip
def test_a_tocas_appeal_suffix_is_part_of_its_number(written: str, canonical: str) -> None:
    """Two appeals on one case ("1150/2019/1", "/2") are two tocas, never one."""
    assert normalise_expediente(written) == canonical
    assert canonical in expediente_forms(written)


def test_a_number_followed_by_more_than_an_appeal_is_no_case() -> None:
    """A toca 1150/2019/1234 or 1150/2019/1/2 is not toca 1150/2019: no number is better
    than one that merges appeals."""
    assert parse_expediente("Toca 1150/2019/1234") == []
    assert parse_expediente("Toca 1150/2019/1/2") == []
    assert parse_expediente("12/05/2019") == []


def test_a_search_for_one_appeal_finds_that_toca_only() -> None:
    """A search may be broad (the number without its appeal finds every appeal), never
    wrong: ``Toca 1150/2019/1`` does not find appeal /2 or /12."""
    store = TantivyStore(None)
    for n, published in enumerate(
        ("Toca Civil 1150/2019/1", "Toca 1150/2019/2", "Toca 1150/2019/12")
    ):
        doc = Sentencia(
            id=f"s{n}", title="Sentencia", date=dt.date(2020, 1, 1), institution="STJ",
            jurisdiction="MX", source_id="t", url=f"https://example.org/s{n}", text="Texto.",
            expediente=published, expediente_normalised=normalise_expediente(published),
            expediente_forms=expediente_forms(published),
        )  # fmt: skip
        store.upsert([doc])

    def found(query: str) -> set[str]:
        return {hit.id for hit in store.search(SearchQuery(q=query)).hits}

    assert found('expediente:"toca 1150/2019/1"') == {"s0"}
    assert found('expediente:"Toca Penal 1150/2019/12"') == {"s2"}
    assert found('expediente:"toca 1150/2019"') == {"s0", "s1", "s2"}


@pytest.mark.parametrize(
    ("written", "canonical", "also_found_by"),
    [
        # the SCJN's own code for its electoral case, and the name its caption writes
        ("JIE 29/2025", "Juicio de Inconformidad en Materia Electoral 29/2025", "JIE 29/2025"),
        ("JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL 56/2025",
         "Juicio de Inconformidad en Materia Electoral 56/2025", "JIE 56/2025"),
        # a court's "Q." is its queja, as "Q.C." is a civil one
        ("Q. 12/2023", "Recurso de Queja 12/2023", "Recurso de Queja 12/2023"),
        ("CONFLICTO COMPETENCIAL 8/2023", "Conflicto Competencial 8/2023",
         "Conflicto Competencial 8/2023"),
        ("Conflictos competenciales 8/2023 y 9/2023",
         "Conflicto Competencial 8/2023, Conflicto Competencial 9/2023",
         "Conflicto Competencial 9/2023"),
        # against the Consejo de la Judicatura: not a plain recurso de revisión
        ("RECURSO DE REVISIÓN ADMINISTRATIVA 3/2023", "Recurso de Revisión Administrativa 3/2023",
         "Recurso de Revisión Administrativa 3/2023"),
        ("recurso de revisión 3/2023", "Recurso de Revisión 3/2023", "Recurso de Revisión 3/2023"),
        # the SCJN's lists write a contradicción de tesis bare, as they write "AR"
        ("CT 95/2019", "CT 95/2019", "Contradicción de Tesis 95/2019"),
    ],
)  # fmt: skip
def test_a_case_type_written_short_or_long_is_kept(
    written: str, canonical: str, also_found_by: str
) -> None:
    assert normalise_expediente(written) == canonical
    assert also_found_by in expediente_forms(written)


def test_an_abbreviation_of_uncertain_meaning_is_kept_as_written_not_guessed() -> None:
    # "R.R." is a reclamación at one court and a revisión at another: no type is read
    assert [case.type_code for case in parse_expediente("R.R. 5/2023")] == [None]
    assert "R.R. 5/2023" in expediente_forms("R.R. 5/2023")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("JL-12/2024", "JL-12/2024"),
     ("JO-12/2024", "JO-12/2024"),
     ("Expediente PE-0012/2024", "PE-12/2024"),
     ("TECDMX-JL-12/2024", "TECDMX-JL-12/2024"),
     ("JL-12/2024 y JO-13/2024", "JL-12/2024, JO-13/2024"),
     # the series of a known type was and stays its own
     ("JLI-12/2024", "JLI-12/2024"),
     # a type's code glued to its number is the type, as before
     ("AR-1234/2024", "AR 1234/2024"),
     # letters in lower case or a label's are no series: the number alone, as before
     ("jl-12/2024", "12/2024"),
     ("NO-12/2024", "12/2024")],
)  # fmt: skip
def test_a_series_glued_to_its_number_is_part_of_it(written: str, canonical: str) -> None:
    """A labour court numbers its juicios laborales, ordinarios and especiales each from
    one ("JL-12/2024", "JO-12/2024", "PE-12/2024"): dropping the letters merged two cases
    under one key, as the suffix or a toca's appeal would."""
    assert normalise_expediente(written) == canonical
    assert canonical.split(", ")[0] in expediente_forms(written)


def test_a_search_for_one_series_finds_that_case_only() -> None:
    store = TantivyStore(None)
    for n, published in enumerate(("JL-12/2024", "JO-12/2024", "PE-12/2024")):
        doc = Sentencia(
            id=f"s{n}", title="Laudo", date=dt.date(2024, 5, 1), institution="Tribunal Laboral",
            jurisdiction="MX", source_id="t", url=f"https://example.org/s{n}", text="Texto.",
            expediente=published, expediente_normalised=normalise_expediente(published),
            expediente_forms=expediente_forms(published),
        )  # fmt: skip
        store.upsert([doc])

    def found(query: str) -> set[str]:
        return {hit.id for hit in store.search(SearchQuery(q=query)).hits}

    assert found('expediente:"JL-12/2024"') == {"s0"}
    assert found('expediente:"JO-12/2024"') == {"s1"}
    assert found('expediente:"12/2024"') == {"s0", "s1", "s2"}  # broad, never wrong
