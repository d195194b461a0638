"""State courts' openings: a judge's "Visto para dictar sentencia definitiva dentro de los
autos del expediente judicial número…" says which case it resolves as "para resolver"
does (the Poder Judicial de Nuevo León publishes no case number beside its sentences:
the reader is all there is); a sentence in compliance with an amparo names the amparo's
number, not its own; a high court's sala under the court's letterhead is that court's,
not one more "Quinta Sala Unitaria Penal" of any state. Shapes written after the state
judiciaries' public versions (MANIFEST, ``real/pj-nl``)."""

from __future__ import annotations

import pytest

from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

BODY = "\n".join(
    f"{n}. Consideración sobre las pruebas desahogadas en la audiencia, que se valoran "
    "conforme a las constancias de autos y a la jurisprudencia aplicable."
    for n in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO")
)


def sentence(caption: str, opening: str) -> str:
    return (
        f"{caption}\n\nMonterrey, Nuevo León, a 18 dieciocho de marzo de 2021 dos mil "
        f"veintiuno.\n\n{opening}\n\nR E S U L T A N D O\n{BODY}\n\nC O N S I D E R A N D O\n"
        f"{BODY}\n\nPor lo expuesto, se resuelve:\n\nPRIMERO. Se dicta sentencia condenatoria."
        "\n\nAsí lo resolvió y firma la Jueza, ante la Secretaria que autoriza y da fe.\n"
    )


JUZGADO = "JUZGADO SEGUNDO DE JUICIO ORAL PENAL DEL ESTADO"


@pytest.mark.parametrize(
    ("opening", "case"),
    [("Visto para dictar sentencia definitiva dentro de los autos del expediente judicial "
      "número 1234/2022, relativo al juicio oral de divorcio incausado; y", "1234/2022"),
     ("VISTOS para dictar sentencia definitiva en la causa penal número 123/2020, que se "
      "instruyó en contra de **********, por el delito de robo con violencia; y",
      "Causa Penal 123/2020"),
     ("Vistos para dictar sentencia definitiva en los autos de la carpeta judicial "
      "1234/2020, seguida en contra de **********; y", "Carpeta Judicial 1234/2020")],
)  # fmt: skip
def test_a_judge_dictating_sentence_names_the_case(opening: str, case: str) -> None:
    values = read_sentence(sentence(JUZGADO, opening)).values
    assert normalise_expediente(values["expediente"]) == case
    assert values["judgment_type"] == "sentencia definitiva"
    assert values["resolution_date"] == "2021-03-18"


@pytest.mark.parametrize(
    "opening",
    ["V I S T O S para resolver el cumplimiento a la ejecutoria de amparo 123/2023; y",
     "VISTOS para dictar sentencia en cumplimiento a la ejecutoria de amparo 123/2023, "
     "pronunciada por el Primer Tribunal Colegiado; y",
     "VISTOS para dictar sentencia interlocutoria en el incidente de liquidación promovido "
     "dentro del expediente 45/2021; y"],
)  # fmt: skip
def test_a_number_the_opening_ties_to_another_case_is_not_the_documents(opening: str) -> None:
    assert "expediente" not in read_sentence(sentence(JUZGADO, opening)).values


@pytest.mark.parametrize(
    ("caption", "court"),
    [("TRIBUNAL SUPERIOR DE JUSTICIA DEL ESTADO DE NUEVO LEÓN\nQUINTA SALA UNITARIA PENAL",
      "Quinta Sala Unitaria Penal del Tribunal Superior de Justicia del Estado de Nuevo León"),
     ("H. SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE JALISCO\nOCTAVA SALA",
      "Octava Sala del Supremo Tribunal de Justicia del Estado de Jalisco")],
)  # fmt: skip
def test_a_sala_under_its_high_courts_letterhead_is_that_courts(caption: str, court: str) -> None:
    opening = "Visto para resolver el toca penal número 456/2023; y"
    assert read_sentence(sentence(caption, opening)).values["court"] == court


def test_a_sala_without_a_letterhead_keeps_its_own_name() -> None:
    opening = "Visto para resolver el toca penal número 456/2023; y"
    values = read_sentence(sentence("QUINTA SALA UNITARIA PENAL", opening)).values
    assert values["court"] == "Quinta Sala Unitaria Penal"


def opened(opening: str) -> dict[str, str]:
    """A sentence with no caption: its opening paragraph is all that names the court."""
    return read_sentence(
        f"{opening}\n\nR E S U L T A N D O\n{BODY}\n\nC O N S I D E R A N D O\n{BODY}\n\n"
        "Por lo expuesto, se resuelve:\n\nPRIMERO. Se confirma la sentencia recurrida.\n\n"
        "Así lo resolvió y firma quien suscribe, ante quien autoriza y da fe.\n"
    ).values


@pytest.mark.parametrize(
    ("opening", "court"),
    [("VISTOS para resolver el toca 123/2023, formado con motivo del recurso de apelación "
      "interpuesto por la parte actora contra la sentencia definitiva dictada por el Juez "
      "Tercero de lo Civil, ante esta Décima Sala del Supremo Tribunal de Justicia del Estado "
      "de Jalisco; y", "Décima Sala del Supremo Tribunal de Justicia del Estado de Jalisco"),
     ("V I S T O S para resolver los autos del toca penal 45/2022, que se tramita ante esta "
      "Segunda Sala Penal del Tribunal Superior de Justicia del Estado de Puebla; y",
      "Segunda Sala Penal del Tribunal Superior de Justicia del Estado de Puebla")],
)  # fmt: skip
def test_a_state_sala_the_vistos_paragraph_calls_its_own_is_the_court(
    opening: str, court: str
) -> None:
    assert opened(opening)["court"] == court


@pytest.mark.parametrize(
    "opening",
    ["En Guadalajara, Jalisco, a veinte de enero de dos mil veinticuatro, el Juzgado Tercero "
     "de lo Civil del Primer Partido Judicial del Estado de Jalisco dicta la siguiente "
     "sentencia definitiva en el juicio ordinario civil promovido por **********.",
     "En la ciudad de Guadalajara, Jalisco, a veinte de enero de dos mil veinticuatro, el "
     "Juzgado Tercero de lo Civil del Primer Partido Judicial del Estado de Jalisco.\n\n"
     "VISTOS para dictar sentencia definitiva en los autos del expediente 456/2022; y"],
)  # fmt: skip
def test_a_juzgado_opening_with_place_and_date_gives_court_and_date(opening: str) -> None:
    values = opened(opening)
    court = "Juzgado Tercero de lo Civil del Primer Partido Judicial del Estado de Jalisco"
    assert values["court"] == court
    assert values["resolution_date"] == "2024-01-20"


@pytest.mark.parametrize(
    "opening",
    [  # the sala that gave the appealed ruling, not "esta": another court's
     "VISTOS para resolver el amparo directo 12/2023, promovido contra la sentencia dictada "
     "por la Décima Sala del Supremo Tribunal de Justicia del Estado de Jalisco; y",
     # a juzgado the opening names doing something else: the one appealed from
     "En Guadalajara, Jalisco, a veinte de enero de dos mil veinticuatro, el Juzgado Tercero "
     "de lo Civil remitió los autos originales del expediente 456/2022.",
     # a juzgado not the subject of the opening
     "VISTOS para resolver el toca 12/2023, relativo a la apelación contra la sentencia del "
     "Juzgado Tercero de lo Civil del Primer Partido Judicial; y"],
)  # fmt: skip
def test_a_court_the_opening_only_names_is_not_the_documents(opening: str) -> None:
    assert "court" not in opened(opening)


JALISCO_JUZGADO = "Juzgado Tercero de lo Civil del Primer Partido Judicial del Estado de Jalisco"
PLACE_AND_DATE = "En Guadalajara, Jalisco, a veinte de enero de dos mil veinticuatro, el "


@pytest.mark.parametrize(
    "opening",
    [f"{PLACE_AND_DATE}{JALISCO_JUZGADO} dicta sentencia en el expediente 456/2022, relativo "
     "al juicio ordinario civil promovido por **********.",
     f"{PLACE_AND_DATE}{JALISCO_JUZGADO} dicta sentencia definitiva dentro del expediente "
     "número 456/2022, relativo al juicio ordinario civil promovido por **********."],
)  # fmt: skip
def test_a_juzgado_dictating_sentence_in_a_case_names_it(opening: str) -> None:
    values = opened(opening)
    assert values["expediente"] == "456/2022"
    assert values["court"] == JALISCO_JUZGADO


@pytest.mark.parametrize(
    "opening",
    [f"{PLACE_AND_DATE}{JALISCO_JUZGADO}, por conducto de su titular, dicta la siguiente "
     "sentencia definitiva en el juicio ordinario civil promovido por **********.",
     f"{PLACE_AND_DATE}{JALISCO_JUZGADO}, por conducto de su titular, la Jueza **********, "
     "dicta sentencia en el expediente 456/2022."],
)  # fmt: skip
def test_a_juzgado_speaking_through_its_judge_is_the_court(opening: str) -> None:
    assert opened(opening)["court"] == JALISCO_JUZGADO


@pytest.mark.parametrize(
    "opening",
    [  # another judge's sentence, dictated before: the number is the appealed case's
     f"VISTOS para resolver el recurso de apelación contra la sentencia que el {JALISCO_JUZGADO} "
     "dictó en el expediente 456/2022; y",
     # the juzgado through its judge doing something else: the one appealed from
     f"{PLACE_AND_DATE}{JALISCO_JUZGADO}, por conducto de su titular, remitió los autos "
     "originales."],
)  # fmt: skip
def test_a_juzgado_not_dictating_this_sentence_gives_neither(opening: str) -> None:
    values = opened(opening)
    assert "court" not in values and values.get("expediente") != "456/2022"
