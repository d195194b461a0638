"""What the citation reader takes from a text, and what it leaves."""

from __future__ import annotations

import time

import pytest

from indexer.citations import citation_key, extract_citations
from indexer.readers.expedientes import normalise_expediente


def keys(text: str, kind: str | None = None) -> list[str]:
    return [c.key for c in extract_citations(text) if kind is None or c.kind == kind]


def test_each_citation_keeps_its_position_and_written_form() -> None:
    text = "Véase el amparo en revisión 1234/2023 y el art. 1o. CPEUM, registro digital 2023456."
    found = extract_citations(text)
    assert [c.key for c in found] == ["AR 1234/2023", "CPEUM art. 1", "registro 2023456"]
    for citation in found:
        assert " ".join(text[citation.start : citation.end].split()) == citation.written
    assert found[0].written == "amparo en revisión 1234/2023"


@pytest.mark.parametrize(
    "written",
    ["Amparo en Revisión 1234/2023", "A.R. 1234/2023", "Toca penal 133/2021",
     "contradicción de tesis 45/2019", "SUP-JDC-123/2024", "acción de inconstitucionalidad 7/2024"],
)  # fmt: skip
def test_a_cited_case_compares_equal_to_a_stored_expediente(written: str) -> None:
    assert keys(f"Se invoca lo resuelto en el {written}.", "case") == [
        normalise_expediente(written)
    ]


def test_a_bare_ct_code_cites_a_contradiccion_de_tesis_only_in_capitals() -> None:
    """``CT 95/2019`` is the SCJN's own short form; "ct" in lower case is no code."""
    assert keys("Como se resolvió en la CT 95/2019, el criterio obliga.", "case") == ["CT 95/2019"]
    assert keys("la nota ct 95/2019 del archivo", "case") == []


def test_the_court_written_after_a_case_is_kept() -> None:
    text = (
        "Lo resolvió el amparo directo 98/2021 del Tercer Tribunal Colegiado en Materia "
        "Civil del Séptimo Circuito."
    )
    (citation,) = extract_citations(text)
    assert citation.court == "Tercer Tribunal Colegiado en Materia Civil del Séptimo Circuito"


@pytest.mark.parametrize(
    ("after", "court"),
    [("del Tribunal Superior de Justicia del Estado de Durango, en el que",
      "Tribunal Superior de Justicia del Estado de Durango"),
     ("de la Cuarta Sala Familiar del Tribunal Superior de Justicia de la Ciudad de México.",
      "Cuarta Sala Familiar del Tribunal Superior de Justicia de la Ciudad de México"),
     ("emitida por la Novena Sala del Supremo Tribunal de Justicia del Estado de Jalisco el",
      "Novena Sala del Supremo Tribunal de Justicia del Estado de Jalisco"),
     # a state's Primera Sala is no bare "Primera Sala" (the SCJN's, for the links)
     ("de la Primera Sala Civil del Tribunal Superior de Justicia del Estado de Nuevo León, que",
      "Primera Sala Civil del Tribunal Superior de Justicia del Estado de Nuevo León"),
     ("de la Primera Sala del Tribunal Superior de Justicia de Baja California Sur.",
      "Primera Sala del Tribunal Superior de Justicia de Baja California Sur"),
     ("de la Tercera Sala Especializada en Materia Civil del Supremo Tribunal de Justicia del "
      "Estado de Jalisco", "Tercera Sala Especializada en Materia Civil del Supremo Tribunal de "
      "Justicia del Estado de Jalisco"),
     ("de la Tercera Sala, que", None)],
)  # fmt: skip
def test_a_state_court_written_after_a_toca_is_kept_with_its_state(
    after: str, court: str | None
) -> None:
    (citation,) = extract_citations(f"Así se resolvió en el toca civil 245/2023 {after}")
    assert citation.court == court


def test_each_article_of_a_list_or_range_is_its_own_citation() -> None:
    assert keys("los artículos 17 y 20 del Código Nacional de Procedimientos Penales") == [
        "CNPP art. 17",
        "CNPP art. 20",
    ]
    assert keys("artículos 14 a 16 constitucionales") == [
        "CPEUM art. 14", "CPEUM art. 15", "CPEUM art. 16"
    ]  # fmt: skip
    assert keys("fracciones II y III del artículo 5 de la Ley de Amparo") == [
        "Ley de Amparo art. 5"
    ]


def test_an_article_named_numeral_is_read_in_the_singular_too() -> None:
    assert keys("conforme al numeral 5 de la Ley de Amparo") == ["Ley de Amparo art. 5"]
    assert keys("los numerales 259 y 265 del Código Nacional de Procedimientos Penales") == [
        "CNPP art. 259",
        "CNPP art. 265",
    ]
    assert keys("el artículo 19, numeral 1, inciso b), de la Ley de Amparo") == [
        "Ley de Amparo art. 19"
    ]
    assert keys("según el numeral 3 del acuerdo general") == []


def test_a_numeral_after_an_article_number_is_its_paragraph_not_an_article() -> None:
    """As the SCJN writes a list broken by a footnote: "los artículos 96, fracción IV de la
    Constitución[nota]; segundo transitorio del decreto…, y 53, numeral 1, inciso a), de
    la LGSMIME": the article 53 with its paragraph 1, never an article 1 of that law."""
    text = (
        "los artículos 96, fracción IV de la Constitución Política de los Estados Unidos "
        "Mexicanos[footnoteRef:2]; segundo transitorio del decreto de reforma judicial, y 53, "
        "numeral 1, inciso a), de la LGSMIME, que establece"
    )
    assert keys(text, "article") == ["CPEUM art. 96", "LGSMIME art. 53"]
    (cited,) = [c for c in extract_citations(text) if c.key == "LGSMIME art. 53"]
    assert cited.written == "53, numeral 1, inciso a), de la LGSMIME"
    assert keys("los artículos 52, 53, numeral 1, inciso a), de la LGSMIME", "article") == [
        "LGSMIME art. 52",
        "LGSMIME art. 53",
    ]
    assert keys("y 4o., numeral 2 de la Ley de Amparo", "article") == []
    # no list of articles before it: the number may be a point's or a paragraph's
    assert keys("el acuerdo, y 53, numeral 1, de la LGSMIME", "article") == []
    assert keys("los artículos citados.\nEl punto 3, numeral 1, de la LGSMIME", "article") == []
    assert keys("conforme al numeral 5 de la Ley de Amparo", "article") == ["Ley de Amparo art. 5"]


def test_a_state_code_is_named_by_its_state() -> None:
    assert keys("el artículo 311 del Código Civil para el Estado de Guanajuato") == [
        "Código Civil de Guanajuato art. 311"
    ]


@pytest.mark.parametrize(
    "text",
    ["El 14/2023 se notificó.", "Llame al 55 1234 5678.", "Con fundamento en el artículo 14.",
     "el artículo 9 de este ordenamiento", "la factura 1203/2019",
     "el ad quem y la cc del escrito"],
)  # fmt: skip
def test_what_only_looks_like_a_citation_is_left_out(text: str) -> None:
    assert extract_citations(text) == []


@pytest.mark.parametrize(
    ("typed", "key"),
    [("AR 1234/2023", "AR 1234/2023"), ("amparo en revisión 1234/2023", "AR 1234/2023"),
     ("CPEUM art. 14", "CPEUM art. 14"), ("cpeum art 14", "CPEUM art. 14"),
     ("artículo 14 constitucional", "CPEUM art. 14"),
     ("Ley de Amparo art. 5", "Ley de Amparo art. 5"),
     ("registro 2023456", "registro 2023456"), ("2023456", "registro 2023456"),
     ("tesis 1a./J. 12/2020 (10a.)", "tesis 1a./J.12/2020")],
)  # fmt: skip
def test_a_typed_value_reads_into_the_same_key(typed: str, key: str) -> None:
    assert citation_key(typed) == key


def test_hostile_text_is_read_in_bounded_time() -> None:
    text = "artículo 1, " * 40_000 + "(" * 100_000 + "“" + "A" * 200_000 + " 1/2020" * 20_000
    began = time.monotonic()
    extract_citations(text)
    assert time.monotonic() - began < 30  # returns instead of hanging


@pytest.mark.parametrize(
    ("text", "read"),
    [("tesis 1a./J. 12/2020 (10a.) " * 30_000, 30_000),
     ("SUP-JDC-1/2020 TECDMX-JLDC-019/2025 " * 15_000, 30_000)],
)  # fmt: skip
def test_thousands_of_citations_are_all_read_without_rescanning_the_ones_before(
    text: str, read: int
) -> None:
    """Each citation was checked against every one read before it: 30,000 tesis took
    over a minute, past the reading budget (which only counts citations found)."""
    began = time.monotonic()
    found = extract_citations(text, budget_s=3600.0)
    assert len(found) == read
    assert time.monotonic() - began < 20  # a minute and more when each rescanned


@pytest.mark.parametrize(
    ("written", "key"),
    [("toca 1150/2019/1", "Toca 1150/2019/1"),
     ("Toca Penal 345/2021/2", "Toca 345/2021/2"),
     ("toca civil número 88/2020/03", "Toca 88/2020/3"),
     ("tocas 5/2020/1 y 5/2020/12", "Toca 5/2020/1"),
     ("toca 9/2018/1-II", "Toca 9/2018/1-II"),
     ("toca 1150/2019 / 1", "Toca 1150/2019/1"),
     ("toca penal 1150/2019 /2", "Toca 1150/2019/2"),
     ("toca 9/2018 / 1-II", "Toca 9/2018/1-II"),
     ("toca penal 1150/2019-1", "Toca 1150/2019-1"),
     ("toca civil 88/2020-01", "Toca 88/2020-1")],
)  # fmt: skip
def test_a_toca_keeps_the_appeal_after_its_year(written: str, key: str) -> None:
    """Tocas 1150/2019/1 and 1150/2019/2 are two appeals on one first-instance case: the
    third number is part of the toca's, and the key equals the stored own number's."""
    found = keys(f"Así lo resolvió la Sala en el {written}, que se invoca.", "case")
    assert found[0] == key == normalise_expediente(written).split(", ")[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("en el expediente 567/2019 se dictó", ["567/2019"]),
     ("en el amparo en revisión 1234/2023 se dictó", ["AR 1234/2023"]),
     ("el toca 1150/2019 de 12/05/2019 se resolvió", ["Toca 1150/2019"]),
     ("el toca 1150/2019/1234 se resolvió", []),
     ("el toca 1150/2019/1/2 se resolvió", []),
     ("el toca 1150/2019/ se resolvió", []),
     ("el toca 1150/2019 / 1234 se resolvió", []),
     ("el toca 1150/2019 / 1/2 se resolvió", []),
     ("el día 12/05/2019 y la fracción 1/2 se resolvió", [])],
)  # fmt: skip
def test_no_false_appeal_is_read_after_a_year(text: str, expected: list[str]) -> None:
    """An appeal is one to three digits right after the year's slash: more digits or
    another slash make no case number, never a shorter one that merges two appeals."""
    assert keys(text, "case") == expected
