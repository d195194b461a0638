"""Sentences of the Tribunal Federal de Justicia Administrativa: its salas regionales number
a juicio by the sala ("1234/23-06-02-5": number, the year's last two digits, region, sala,
ponencia; a specialised sala's letters, "567/22-EPI-01-3"), head the caption with the
Tribunal and the sala ("SEGUNDA SALA REGIONAL DEL NORESTE") and close with "Así lo
resolvieron y firman los Magistrados que integran la … Sala Regional … del Tribunal
Federal de Justicia Administrativa". A TFJA sala is never a TEPJF chamber, and a number
the reader cannot be sure of stays empty. The shapes are written here after the
Tribunal's published sentences."""

from __future__ import annotations

import pytest

from indexer.readers.courts import normalise_court, regional_chamber
from indexer.readers.expedientes import expediente_forms, normalise_expediente, parse_expediente
from indexer.readers.judgments import read_sentence

TFJA = "Tribunal Federal de Justicia Administrativa"
BODY = "\n".join(
    f"{n}. Consideración sobre los conceptos de impugnación de la parte actora, que se "
    "estudian conforme a las constancias de autos y a la jurisprudencia aplicable."
    for n in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO")
)


def sentence(caption: str, number: str = "1234/23-06-02-5", closing: str = "") -> str:
    return (
        f"{caption}\n\nMonterrey, Nuevo León, a veinte de marzo de dos mil veinticuatro.\n\n"
        f"V I S T O S para resolver los autos del juicio contencioso administrativo {number}, "
        f"promovido por **********; y\n\nR E S U L T A N D O\n{BODY}\n\nC O N S I D E R A N D O"
        f"\n{BODY}\n\nPor lo expuesto, se resuelve:\nÚNICO. Se reconoce la validez de la "
        f"resolución impugnada.\n\n{closing}\n"
    )


CAPTION = (
    "TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA\nSEGUNDA SALA REGIONAL DEL NORESTE\n\n"
    "EXPEDIENTE: 1234/23-06-02-5\n\nACTOR: **********\n\nMAGISTRADA INSTRUCTORA: ANA RUIZ SOTO"
)
CLOSING = (
    "Así lo resolvieron y firman los Magistrados que integran la Segunda Sala Regional del "
    f"Noreste del {TFJA}, ante el Secretario de Acuerdos, quien da fe."
)


def test_a_sala_regional_is_read_with_its_number_from_the_caption() -> None:
    values = read_sentence(sentence(CAPTION)).values
    assert values["court"] == f"Segunda Sala Regional del Noreste del {TFJA}"
    assert values["expediente"] == "1234/23-06-02-5"
    assert values["resolution_date"] == "2024-03-20"


def test_the_sala_is_read_from_the_closing_when_the_caption_names_none() -> None:
    caption = "EXPEDIENTE: 1234/23-06-02-5\n\nACTOR: **********"
    values = read_sentence(sentence(caption, closing=CLOSING)).values
    assert values["court"] == f"Segunda Sala Regional del Noreste del {TFJA}"
    assert values["expediente"] == "1234/23-06-02-5"


def test_the_number_is_read_from_what_the_sentence_resolves() -> None:
    values = read_sentence(sentence("ACTOR: **********", closing=CLOSING)).values
    assert normalise_expediente(values["expediente"]) == "1234/23-06-02-5"


def test_a_caption_and_a_statement_naming_other_numbers_leave_it_empty() -> None:
    text = sentence(CAPTION, number="1234/23-06-02-4")  # another ponencia: another juicio
    assert "expediente" not in read_sentence(text).values


@pytest.mark.parametrize(
    ("caption", "court"),
    [("TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA\nSALA ESPECIALIZADA EN MATERIA DE "
      "PROPIEDAD INTELECTUAL",
      f"Sala Especializada en Materia de Propiedad Intelectual del {TFJA}"),
     ("TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA\nPRIMERA SECCIÓN DE LA SALA SUPERIOR",
      f"Primera Sección de la Sala Superior del {TFJA}"),
     ("TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA\nSALA REGIONAL DE OCCIDENTE",
      f"Sala Regional de Occidente del {TFJA}")],
)  # fmt: skip
def test_each_body_of_the_tribunal_is_its_own(caption: str, court: str) -> None:
    assert (
        read_sentence(sentence(f"{caption}\n\nEXPEDIENTE: 567/22-EPI-01-3")).values["court"]
        == court
    )


def test_a_sala_regional_with_a_seat_and_a_circunscripcion_is_no_tepjf_chamber() -> None:
    name = (
        f"Sala Regional de Occidente del {TFJA}, con sede en Guadalajara, Jalisco, con "
        "circunscripción territorial en el Estado de Jalisco"
    )
    assert regional_chamber(name) is None
    assert "TEPJF" not in (normalise_court(name) or "")


@pytest.mark.parametrize(
    ("written", "canonical", "forms"),
    [("1234/23-17-01-5", "1234/23-17-01-5", ["1234/23-17-01-5"]),
     ("0567/22-EPI-01-3-OT", "567/22-EPI-01-3-OT", ["567/22-EPI-01-3-OT", "0567/22-EPI-01-3-OT"]),
     ("expediente 98/99-06-02-1", "98/99-06-02-1", ["98/99-06-02-1"])],
)  # fmt: skip
def test_a_tfja_number_keeps_its_sala_and_ponencia(
    written: str, canonical: str, forms: list[str]
) -> None:
    assert normalise_expediente(written) == canonical
    assert expediente_forms(written)[: len(forms)] == forms


def test_a_number_with_the_sala_superiors_tail_is_read_whole() -> None:
    """The Sala Superior writes the regional number and its own after a slash (a
    section's S1/S2/S3, the Tercera's since 2017, or the Pleno's PL): read whole, never one
    of them as the case; each alone is a form that finds it. Any other tail leaves it
    unread."""
    (case,) = parse_expediente("123/19-17-01-5/890/24-S1-02-04")
    assert case.canonical == "123/19-17-01-5/890/24-S1-02-04"
    assert expediente_forms("0123/19-17-01-5/890/24-pl-02-04")[:3] == [
        "123/19-17-01-5/890/24-PL-02-04", "123/19-17-01-5", "890/24-PL-02-04"
    ]  # fmt: skip
    assert parse_expediente("123/19-17-01-5") != parse_expediente("123/19-17-01-5/890/24-S1-02-04")
    for unread in ("123/19-17-01-5/890/24-S4-02-04", "123/19-17-01-5/890", "123/19-17-01-5/890/24"):
        assert parse_expediente(unread) == [], unread
    assert parse_expediente("1234/2023") != parse_expediente("1234/23-17-01-5")


def test_the_magistrada_instructora_is_the_ponente() -> None:
    """A sala regional's caption names the magistrate who instructs the juicio and
    formulates the sentence's project: the ponente, where nothing says otherwise."""
    caption = CAPTION.replace("ANA RUIZ SOTO", "LIC. ANA RUIZ SOTO\n\nSECRETARIO: LUIS GIL MORA")
    values = read_sentence(sentence(caption, closing=CLOSING)).values
    assert values["ponente"] == "LIC. ANA RUIZ SOTO"


@pytest.mark.parametrize(
    ("lines", "ponente"),
    [("MAGISTRADO INSTRUCTOR:\nLUIS GÓMEZ PAZ", "LUIS GÓMEZ PAZ"),
     ("MAGISTRADA RELATORA: LIC. EVA GIL MORA", "LIC. EVA GIL MORA"),
     # a ponente label wins over the instructor's
     ("MAGISTRADA INSTRUCTORA: EVA GIL MORA\nMAGISTRADO PONENTE: LUIS GÓMEZ PAZ",
      "LUIS GÓMEZ PAZ")],
)  # fmt: skip
def test_an_instructor_or_relator_is_read_as_the_ponente(lines: str, ponente: str) -> None:
    caption = f"EXPEDIENTE: 1234/23-06-02-5\n\nACTOR: **********\n\n{lines}"
    assert read_sentence(sentence(caption)).values["ponente"] == ponente


@pytest.mark.parametrize(
    ("lines", "closing"),
    [("MAGISTRADA INSTRUCTORA: ANA RUIZ SOTO\nENGROSE: MAGISTRADO LUIS GÓMEZ PAZ", CLOSING),
     ("MAGISTRADA INSTRUCTORA: ANA RUIZ SOTO",
      CLOSING.replace(", ante", ", siendo encargado del engrose el Magistrado Luis Gómez Paz, "
                      "ante"))],
)  # fmt: skip
def test_an_instructor_whose_project_another_engrossed_is_no_ponente(
    lines: str, closing: str
) -> None:
    caption = f"EXPEDIENTE: 1234/23-06-02-5\n\nACTOR: **********\n\n{lines}"
    assert "ponente" not in read_sentence(sentence(caption, closing=closing)).values


def stated(opening: str) -> dict[str, str]:
    """A TFJA sentence with no caption and no closing: its opening names the sala."""
    return read_sentence(
        f"Ciudad de México, a veinte de marzo de dos mil veinticuatro.\n\n{opening}\n\n"
        f"R E S U L T A N D O\n{BODY}\n\nC O N S I D E R A N D O\n{BODY}\n\n"
        "Por lo expuesto, se resuelve:\nÚNICO. Se declara la nulidad de la resolución.\n"
    ).values


def test_a_sala_stated_in_the_opening_is_the_court() -> None:
    values = stated(
        f"La Quinta Sala Regional Metropolitana del {TFJA}, integrada por los Magistrados "
        "**********, ********** y **********, con fundamento en el artículo 49 de la Ley "
        "Federal de Procedimiento Contencioso Administrativo, dicta sentencia definitiva en "
        "el juicio 1234/23-17-05-3."
    )
    assert values["court"] == f"Quinta Sala Regional Metropolitana del {TFJA}"


def test_a_sala_the_opening_only_names_is_not_the_court() -> None:
    """The sala whose ruling is challenged, mid-sentence, is another's."""
    values = stated(
        "VISTOS para resolver el recurso de revisión fiscal 45/2024, interpuesto contra la "
        f"sentencia de la Quinta Sala Regional Metropolitana del {TFJA}, integrada por tres "
        "magistrados; y"
    )
    assert "court" not in values
