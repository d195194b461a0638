"""Captions as SCJN and state courts lay them out when a line breaks: a case type apart
from its number, a ponente's label apart from the name (or the name over two lines), a
stamp ("VISTO BUENO / SR. MINISTRO") before the ponente, a toca's appeal written with
spaces or after a hyphen. Each value read is the one a person reads; unsure is empty."""

from __future__ import annotations

import pytest

from indexer.build import build_document
from indexer.readers.expedientes import normalise_expediente, parse_expediente
from indexer.readers.judgments import read_ponente, read_sentence
from indexer.readers.normalise import normalise_person

FORMULA = (
    "Ciudad de México. La Primera Sala de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al tres de marzo de dos mil veintiuno, emite la siguiente\n\n"
    "S E N T E N C I A\n\n"
)


def caption(*lines: str) -> str:
    return "\n\n".join(lines) + "\n\n" + FORMULA + "Antecedentes. Hechos del caso.\n"


@pytest.mark.parametrize(
    ("head", "expected"),
    [(("AMPARO DIRECTO EN REVISIÓN", "7151/2019"), "ADR 7151/2019"),
     (("AMPARO DIRECTO EN", "REVISIÓN 7151/2019"), "ADR 7151/2019"),
     (("AMPARO DIRECTO", "EN REVISIÓN 7151/2019"), "ADR 7151/2019"),
     (("ACCIÓN DE INCONSTITUCIONALIDAD", "29/2024"), "AI 29/2024"),
     (("TOCA PENAL", "No. 88/2024"), "Toca 88/2024")],
)  # fmt: skip
def test_a_case_type_wrapped_before_its_number_is_the_caption_case(
    head: tuple[str, str], expected: str
) -> None:
    text = caption(*head, "QUEJOSO Y\nRECURRENTE: **********", "PONENTE: MINISTRO JUAN PÉREZ")
    assert normalise_expediente(read_sentence(text).values.get("expediente")) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [(("AMPARO DIRECTO EN REVISIÓN 7151/2019", "Y SU ACUMULADO", "7152/2019"),
      "ADR 7151/2019, ADR 7152/2019"),
     (("AMPARO DIRECTO EN REVISIÓN", "7151/2019", "Y SU ACUMULADO", "7152/2019"),
      "ADR 7151/2019, ADR 7152/2019"),
     (("AMPARO DIRECTO EN REVISIÓN 7151/2019", "Y SU ACUMULADO 7152/2019"),
      "ADR 7151/2019, ADR 7152/2019"),
     (("AMPARO DIRECTO EN REVISIÓN 7151/2019", "Y SUS ACUMULADOS", "7152/2019 Y 7153/2019"),
      "ADR 7151/2019, ADR 7152/2019, ADR 7153/2019"),
     (("AMPARO DIRECTO EN REVISIÓN 7151/2019", "Y SUS ACUMULADOS 7152/2019 Y 7153/2019"),
      "ADR 7151/2019, ADR 7152/2019, ADR 7153/2019")],
)  # fmt: skip
def test_accumulated_cases_follow_the_principal_however_the_caption_breaks(
    head: tuple[str, ...], expected: str
) -> None:
    """The accumulated case's number on a line of its own is read with its type, after
    the principal, never in its place."""
    text = caption(*head, "QUEJOSO Y\nRECURRENTE: **********", "PONENTE: MINISTRO JUAN PÉREZ")
    assert normalise_expediente(read_sentence(text).values.get("expediente")) == expected


def test_a_bare_number_after_the_principal_is_no_accumulated_case() -> None:
    """Without "Y SU ACUMULADO" before it, a lone number is not the document's."""
    text = caption("AMPARO DIRECTO EN REVISIÓN 7151/2019", "7152/2019", "PONENTE: MINISTRO X")
    assert normalise_expediente(read_sentence(text).values.get("expediente")) == "ADR 7151/2019"


def test_a_type_line_before_a_related_number_is_not_joined_to_it() -> None:
    """The next line names another case ("RELACIONADO CON EL 45/2022"): not this one's."""
    text = caption("AMPARO DIRECTO EN REVISIÓN", "RELACIONADO CON EL 45/2022")
    assert "expediente" not in read_sentence(text).values


@pytest.mark.parametrize(
    ("lines", "ponente"),
    [(("PONENTE: MINISTRA LORETTA ORTIZ AHLF", "COTEJÓ"), "MINISTRA LORETTA ORTIZ AHLF"),
     (("MINISTRO PONENTE: JORGE MARIO PARDO REBOLLEDO",), "JORGE MARIO PARDO REBOLLEDO"),
     (("PONENTE:", "MINISTRA NORMA LUCÍA PIÑA HERNÁNDEZ"), "MINISTRA NORMA LUCÍA PIÑA HERNÁNDEZ"),
     (("PONENTE: MINISTRA", "NORMA LUCÍA PIÑA HERNÁNDEZ", "COTEJÓ"),
      "MINISTRA NORMA LUCÍA PIÑA HERNÁNDEZ"),
     (("PONENTE: MINISTRO JUAN LUIS", "GONZÁLEZ ALCÁNTARA CARRANCÁ", "SECRETARIO: X"),
      "MINISTRO JUAN LUIS GONZÁLEZ ALCÁNTARA CARRANCÁ"),
     (("VISTO BUENO", "SR. MINISTRO", "PONENTE: MINISTRO ALBERTO PÉREZ DAYÁN."),
      "MINISTRO ALBERTO PÉREZ DAYÁN"),
     (("Magistrado Ponente: Lic. Juan Pérez López.", "Secretario: Pedro Ruiz"),
      "Lic. Juan Pérez López"),
     (("PONENTE | MINISTRA LORETTA ORTIZ AHLF",), "MINISTRA LORETTA ORTIZ AHLF"),
     (("PONENTE: MAGISTRADA ROSA BUENO", "LÓPEZ"), "MAGISTRADA ROSA BUENO LÓPEZ"),
     (("PONENTE: MINISTRO JOSÉ FERNANDO FRANCO GONZÁLEZ SALAS", "COTEJÓ"),
      "MINISTRO JOSÉ FERNANDO FRANCO GONZÁLEZ SALAS")],
)  # fmt: skip
def test_the_ponente_is_read_from_the_caption_however_its_lines_break(
    lines: tuple[str, ...], ponente: str
) -> None:
    text = caption("AMPARO EN REVISIÓN 12/2024", *lines)
    assert read_sentence(text).values.get("ponente") == ponente


@pytest.mark.parametrize(
    "lines",
    [("PONENTE: **********", "COTEJÓ"),
     ("PONENTE: MINISTRA **********",),
     ("PONENTE:", "SECRETARIO: FULANO DE TAL"),
     ("PONENTE:", "VISTO BUENO"),
     ("PONENTE: TERCERA PONENCIA",),
     ("MAGISTRADO PONENTE: PRIMERA SALA PENAL",)],
)  # fmt: skip
def test_a_masked_or_missing_ponente_is_left_empty(lines: tuple[str, ...]) -> None:
    assert read_ponente(caption("AMPARO EN REVISIÓN 12/2024", *lines)) is None


def test_the_line_after_a_whole_name_is_not_taken_into_it() -> None:
    """A name of four words is whole; a stamp or a party after a shorter one is no name."""
    four = caption("PONENTE: MINISTRO JORGE MARIO PARDO REBOLLEDO", "ALBERTO PÉREZ")
    stamp = caption("PONENTE: MINISTRA ANA MARÍA", "COTEJÓ")
    assert read_ponente(four) == ("MINISTRO JORGE MARIO PARDO REBOLLEDO", four.index("PONENTE"))
    assert read_ponente(stamp) == ("MINISTRA ANA MARÍA", stamp.index("PONENTE"))


def test_the_document_takes_the_ponente_from_its_caption_without_the_title() -> None:
    doc = build_document(
        kind="sentencia",
        source_id="scjn",
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        url="https://bj.scjn.gob.mx/documento/sentencias_pub/2",
        fields={"title": "Sentencia"},
        text=caption(
            "AMPARO DIRECTO EN REVISIÓN", "1309/2023", "PONENTE: MINISTRA", "LORETTA ORTIZ AHLF"
        ),
        origin="api",
    )
    assert doc.ponente == "Loretta Ortiz Ahlf"
    assert doc.expediente_normalised == "ADR 1309/2023"
    assert doc.field_sources["ponente"] == "heading"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("TOCA PENAL: 1150/2019 / 1", "Toca 1150/2019/1"),
     ("TOCA: 1150/2019 /2", "Toca 1150/2019/2"),
     ("TOCA PENAL: 1150/2019-1", "Toca 1150/2019-1"),
     ("TOCA CIVIL: 88/2020-01", "Toca 88/2020-1"),
     ("TOCA: 9/2018 / 1-II", "Toca 9/2018/1-II")],
)  # fmt: skip
def test_a_tocas_appeal_written_with_spaces_or_a_hyphen_stays_in_its_number(
    written: str, canonical: str
) -> None:
    """Not "Toca 1150/2019", which names every appeal of the first-instance case."""
    text = f"{written}\n\nV I S T O S para resolver el toca de apelación.\n"
    assert normalise_expediente(read_sentence(text).values["expediente"]) == canonical


@pytest.mark.parametrize(
    ("written", "cases"),
    [("toca 1150/2019 / 1234", []),
     ("toca 1150/2019 / 1/2", []),
     ("tocas 12/2020 / 13/2021", ["Toca 12/2020", "Toca 13/2021"])],
)  # fmt: skip
def test_more_than_an_appeal_after_a_spaced_slash_is_no_appeal(
    written: str, cases: list[str]
) -> None:
    """Four digits or a second slash after it: no case, never a shorter appeal; a number
    and its year after it are the next case of a list."""
    assert [case.canonical for case in parse_expediente(written)] == cases


BODY = "Considerando. " * 300  # the closing is in the last fifth of a sentence


@pytest.mark.parametrize(
    ("closing", "ponente"),
    [("Así lo resolvieron y firman por unanimidad de votos los magistrados que integran la "
      "Primera Sala Civil, siendo ponente el Magistrado Juan Pérez López, quienes actúan con "
      "la Secretaria de Acuerdos, que autoriza y da fe. DOY FE.", "Juan Pérez López"),
     ("Así lo resolvieron por unanimidad los magistrados de la Sala, siendo ponente la\n"
      "Magistrada Diana Laura Ortiz\nRangel, quienes actúan con el Secretario.",
      "Diana Laura Ortiz Rangel"),
     ("Así lo resolvió y firma la Licenciada KARLA IVONNE TOVAR RANGEL, Jueza Primero de lo "
      "Familiar, quien actúa con el Secretario, que autoriza y da fe.",
      "KARLA IVONNE TOVAR RANGEL"),
     ("Así lo resolvieron, siendo Magistrado ponente el Lic. Pedro de la Torre y Ruiz.",
      "Pedro de la Torre y Ruiz")],
)  # fmt: skip
def test_without_a_caption_the_closing_names_the_ponente(closing: str, ponente: str) -> None:
    text = f"VISTOS para resolver el toca civil 1/2020.\n{BODY}\n\n{closing}\n"
    assert read_sentence(text).values.get("ponente") == ponente


@pytest.mark.parametrize(
    "closing",
    # (a place in a list of names is read: tests/unit/test_named_members.py)
    ["Así lo resolvieron los Magistrados que integran la Sala, siendo ponente el último de "
     "los nombrados, quienes firman.",
     "Así lo resolvieron, siendo ponente la Magistrada **********, quienes firman.",
     "Así lo resolvió la Sala, siendo ponente el Magistrado Presidente, quien firma."],
)  # fmt: skip
def test_a_closing_that_names_no_one_leaves_the_ponente_empty(closing: str) -> None:
    text = f"VISTOS para resolver el toca civil 1/2020.\n{BODY}\n\n{closing}\n"
    assert "ponente" not in read_sentence(text).values


def test_a_toca_from_a_juicio_especial_hipotecario_is_of_civil_matter() -> None:
    """The caption names the juicio by its kind alone ("ESPECIAL HIPOTECARIO"), a civil
    proceeding; a mercantile one says so ("EJECUTIVO MERCANTIL HIPOTECARIO")."""
    head = (
        "SEGUNDA SALA CIVIL DEL SUPREMO TRIBUNAL DE JUSTICIA\nExpediente: Toca 149/2023\n"
        "Juicio: {juicio}\nGuanajuato, Guanajuato, a veinticinco de septiembre de dos mil "
        "veintitrés.\nV I S T O S para resolver los autos del Toca 149/2023, formado con motivo "
        "del recurso de apelación interpuesto por la parte demandada.\n"
    )
    civil = read_sentence(head.format(juicio="ESPECIAL HIPOTECARIO")).values
    mercantile = read_sentence(head.format(juicio="EJECUTIVO MERCANTIL HIPOTECARIO")).values
    assert (civil["matter"], mercantile["matter"]) == ("civil", "mercantil")


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (("PONENTE: SECRETARIO EN FUNCIONES DE MAGISTRADO JUAN PÉREZ LÓPEZ",), "JUAN PÉREZ LÓPEZ"),
        (("PONENTE: LA MAGISTRADA PRESIDENTA ANA RUIZ",), "ANA RUIZ"),
        (("PONENTE: LA MAGISTRADA PRESIDENTA", "ANA RUIZ SOTO"), "ANA RUIZ SOTO"),
        (("PONENTE: SECRETARIA DE ESTUDIO Y CUENTA EN FUNCIONES DE MAGISTRADA ANA RUIZ",),
         "ANA RUIZ"),
    ],
)  # fmt: skip
def test_a_ponente_named_by_the_office_they_hold_is_the_person(
    lines: tuple[str, ...], name: str
) -> None:
    text = caption("TOCA CIVIL 88/2024", *lines, "SECRETARIO: PEDRO GÓMEZ")
    found = read_ponente(text)
    assert found is not None and found[0] == name
    # the document's ponente is the person, as a listing names them
    assert normalise_person(found[0]) == name.title()


def test_an_office_without_a_name_is_no_ponente() -> None:
    text = caption(
        "TOCA CIVIL 88/2024", "PONENTE: LA MAGISTRADA PRESIDENTA", "SECRETARIO: PEDRO GÓMEZ"
    )
    assert read_ponente(text) is None


@pytest.mark.parametrize(
    ("case", "canonical", "proceeding"),
    # (the conflict's caption names its own kind, an asunto of its own: never the juicio)
    [("CONFLICTO COMPETENCIAL 8/2023", "Conflicto Competencial 8/2023", "conflicto competencial"),
     # a recurso's caption names its own kind
     ("RECURSO DE REVISIÓN ADMINISTRATIVA 8/2023", "Recurso de Revisión Administrativa 8/2023",
      "recurso de revisión administrativa")],
)  # fmt: skip
def test_a_case_that_arises_in_a_juicio_is_read_and_is_not_that_juicio(
    case: str, canonical: str, proceeding: str | None
) -> None:
    text = (
        f"{case}\n\nJUICIO: ORDINARIO CIVIL\n\nPONENTE: MAGISTRADA ANA RUIZ SOTO\n\n"
        "Monterrey, Nuevo León, a tres de marzo de dos mil veintitrés. Vistos los autos, "
        "relativos al juicio ordinario civil promovido por **********, se resuelve.\n\n"
        "RESULTANDO\n\nPRIMERO. Hechos.\n"
    )
    values = read_sentence(text).values
    assert normalise_expediente(values.get("expediente")) == canonical
    assert values.get("proceeding") == proceeding


def test_a_bare_contradiccion_de_tesis_code_in_the_caption_is_read() -> None:
    """``CT 12/2023`` heads a caption as ``AR`` does: a contradicción de tesis."""
    text = caption("CT 12/2023", "PONENTE: MINISTRO JUAN PÉREZ")
    assert normalise_expediente(read_sentence(text).values.get("expediente")) == "CT 12/2023"
