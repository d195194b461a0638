"""Shapes of real sentences the readers missed: a TFJA number whose sala letters carry the
sala's ordinal ("1234/22-EC1-01-3", "3456/23-RA1-01-5"), the Tercera Sección's tail
("…/25/24-S3-01-01"), a caption that labels its number "JUICIO EN LÍNEA" or, at the Sala
Superior, "RECURSO DE APELACIÓN"; a caption whose only body line is "SALA SUPERIOR" (the
TEPJF's, a state administrative court's and the TFJA's share it: the TFJA's only where the
sentence's own number is one only the TFJA gives); and a Tribunal Colegiado's opening that
names no session ("Resolución del Primer Tribunal Colegiado…, correspondiente al día…").
Each is written after the published sentences' structure; where two readings are
possible the field stays empty."""

from __future__ import annotations

import pytest

from indexer.readers.expedientes import normalise_expediente, parse_expediente
from indexer.readers.judgments import read_sentence

TFJA = "Tribunal Federal de Justicia Administrativa"
BODY = "\n".join(
    f"{n}. Consideración sobre los argumentos de la parte recurrente, que se estudian "
    "conforme a las constancias de autos y a la jurisprudencia aplicable."
    for n in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO")
)


def tfja(caption: str, opening: str = "") -> str:
    return (
        f"{caption}\n\nACTOR: **********\n\n"
        f"Ciudad de México, a veinte de marzo de dos mil veinticuatro.{opening}\n\n"
        f"R E S U L T A N D O\n{BODY}\n\nC O N S I D E R A N D O\n{BODY}\n\n"
        "Por lo expuesto, se resuelve:\nÚNICO. Se reconoce la validez de la resolución "
        "impugnada.\n"
    )


@pytest.mark.parametrize(
    ("written", "sala", "superior"),
    [("1234/22-EC1-01-3", "EC1-01-3", None),
     ("3456/23-RA1-01-5", "RA1-01-5", None),
     ("14567/23-EC1-01-3/25/24-S3-01-01", "EC1-01-3", "25/24-S3-01-01"),
     ("12345/23-17-04-8/1234/24-S3-09-04", "17-04-8", "1234/24-S3-09-04"),
     # the Sala Superior's own number alone, as its caption may write it
     ("890/24-S1-02-04", "S1-02-04", None),
     ("567/20-PL-05-04", "PL-05-04", None)],
)  # fmt: skip
def test_a_tfja_number_with_a_salas_ordinal_or_the_third_section_is_read_whole(
    written: str, sala: str, superior: str | None
) -> None:
    (case,) = parse_expediente(written)
    assert (case.sala, case.superior) == (sala, superior)
    assert normalise_expediente(written) == written


@pytest.mark.parametrize(
    "written",
    [
        "1234/22-EC12-01-3",
        "1234/22-EC1-01",
        "890/24-S4-02-04 extra",
        "12345/23-17-04-8/1234/24-S4-09-04",
        # a Sala Superior number after another: no form the Tribunal writes
        "890/24-S1-02-04/12/24-S2-01-01",
    ],
)
def test_a_number_no_tfja_sala_gives_is_not_read_as_one(written: str) -> None:
    assert not any(case.sala for case in parse_expediente(written))


@pytest.mark.parametrize(
    ("caption", "number"),
    [("JUICIO EN LÍNEA: 12345/23-17-04-8", "12345/23-17-04-8"),
     ("JUICIO EN LINEA NÚM.: 1234/22-EC1-01-3", "1234/22-EC1-01-3"),
     ("RECURSO DE APELACIÓN: 12345/23-17-04-8/1234/24-S3-09-04",
      "12345/23-17-04-8/1234/24-S3-09-04"),
     ("RECURSO DE RECLAMACIÓN: 3456/23-RA1-01-5", "3456/23-RA1-01-5")],
)  # fmt: skip
def test_a_tfja_number_under_its_proceedings_label_is_the_sentences(
    caption: str, number: str
) -> None:
    reading = read_sentence(tfja(f"TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA\n{caption}"))
    assert reading.values["expediente"] == number
    assert reading.sources["expediente"] == "heading"


def test_an_amparos_caption_naming_its_origins_juicio_keeps_its_own_case() -> None:
    caption = "AMPARO DIRECTO 518/2024\nJUICIO EN LÍNEA: 12345/23-17-04-8"
    assert read_sentence(tfja(caption)).values["expediente"] == "AMPARO DIRECTO 518/2024"


def test_the_third_section_under_the_tribunals_letterhead_is_the_court() -> None:
    caption = (
        "TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA\nTERCERA SECCIÓN DE LA SALA SUPERIOR\n"
        "RECURSO DE APELACIÓN: 12345/23-17-04-8/1234/24-S3-09-04"
    )
    reading = read_sentence(tfja(caption))
    assert reading.values["court"] == f"Tercera Sección de la Sala Superior del {TFJA}"
    assert reading.sources["court"] == "heading"


@pytest.mark.parametrize(
    "number",
    ["1234/23-17-04-8/567/24-PL-03-04", "14567/23-EC1-01-3/25/24-S3-01-01", "890/24-S1-02-04"],
)
def test_a_sala_superior_alone_is_the_tfjas_where_its_number_is_the_tfjas(number: str) -> None:
    reading = read_sentence(tfja(f"SALA SUPERIOR\nJUICIO CONTENCIOSO ADMINISTRATIVO: {number}"))
    assert reading.values["court"] == f"Sala Superior del {TFJA}"
    assert reading.values["expediente"] == number


@pytest.mark.parametrize(
    "caption",
    ["SALA SUPERIOR\nEXPEDIENTE: SUP-JDC-123/2024",
     "SALA SUPERIOR\nRECURSO DE APELACIÓN: RAJ. 123/2024"],
)  # fmt: skip
def test_a_sala_superior_alone_with_another_number_is_no_tfja_court(caption: str) -> None:
    assert TFJA not in read_sentence(tfja(caption)).values.get("court", "")


COLEGIADO = (
    "AMPARO DIRECTO 123/2023.\nQUEJOSA: **********.\nMAGISTRADA PONENTE: ANA RUIZ SOTO.\n\n"
    "{opening}\n\n"
    "V I S T O S para resolver los autos del juicio de amparo directo 123/2023; y,\n\n"
    f"R E S U L T A N D O:\n{BODY}\n\nC O N S I D E R A N D O:\n{BODY}\n"
)


@pytest.mark.parametrize(
    ("opening", "court"),
    [("Resolución del Primer Tribunal Colegiado en Materia Administrativa del Tercer "
      "Circuito, correspondiente al día veinte de abril de dos mil veinticuatro.",
      "Primer Tribunal Colegiado en Materia Administrativa del Tercer Circuito"),
     ("Zapopan, Jalisco. Sentencia del Primer Tribunal Colegiado en Materias Penal y\n"
      "Administrativa del Décimo Séptimo Circuito, correspondiente al veinte de abril de "
      "dos mil veinticuatro.",
      "Primer Tribunal Colegiado en Materias Penal y Administrativa del Décimo Séptimo "
      "Circuito"),
     ("Acuerdo del Segundo Tribunal Colegiado de Apelación del Segundo Circuito, con "
      "residencia en Toluca, Estado de México, correspondiente al día veinte de abril de "
      "dos mil veinticuatro.",
      # (the Segundo Circuito's courts sit in several cities: the seat is part of the name)
      "Segundo Tribunal Colegiado de Apelación del Segundo Circuito, con residencia en "
      "Toluca, Estado de México"),
     ("Zapopan, Jalisco. Acuerdo del Primer Tribunal Colegiado en Materia Civil del Tercer "
      "Circuito, de veinte de abril de dos mil veinticuatro.",
      "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"),
     ("Sentencia del Primer Tribunal Colegiado en Materia Civil del Tercer Circuito, dictada "
      "en la sesión de veinte de abril de dos mil veinticuatro.",
      "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito")],
)  # fmt: skip
def test_a_colegiados_opening_without_a_session_gives_its_court_and_day(
    opening: str, court: str
) -> None:
    reading = read_sentence(COLEGIADO.format(opening=opening))
    assert reading.values["court"] == court
    assert reading.values["resolution_date"] == "2024-04-20"
    assert reading.sources["resolution_date"] == "heading"


@pytest.mark.parametrize(
    "opening",
    [  # the court it resolves a recurso against, cited mid-sentence
     "Se analiza la resolución del Primer Tribunal Colegiado en Materia Administrativa del "
     "Tercer Circuito, correspondiente al día veinte de abril de dos mil veinticuatro.",
     # no one circuit court named: "Tribunal" alone
     "Resolución del Tribunal, correspondiente al día veinte de abril de dos mil veinticuatro.",
     # what follows the court is no day: a date further on is another's
     "Resolución del Primer Tribunal Colegiado en Materia Civil del Tercer Circuito, de "
     "conformidad con el acuerdo general de veinte de abril de dos mil veinticuatro.",
     # a day that is no date
     "Resolución del Primer Tribunal Colegiado en Materia Administrativa del Tercer "
     "Circuito, correspondiente al día hábil siguiente a su notificación."],
)  # fmt: skip
def test_an_opening_that_only_names_a_court_or_no_day_gives_no_date(opening: str) -> None:
    values = read_sentence(COLEGIADO.format(opening=opening)).values
    assert "resolution_date" not in values


@pytest.mark.parametrize(
    ("opening", "court"),
    [("Resolución de la Tercera Sección de la Sala Superior del Tribunal Federal de Justicia "
      "Administrativa, correspondiente al día veinte de abril de dos mil veinticuatro.",
      f"Tercera Sección de la Sala Superior del {TFJA}"),
     ("Resolución del Pleno Jurisdiccional de la Sala Superior del Tribunal Federal de "
      "Justicia Administrativa, correspondiente al veinte de abril de dos mil veinticuatro.",
      f"Pleno Jurisdiccional de la Sala Superior del {TFJA}")],
)  # fmt: skip
def test_the_sala_superiors_opening_without_a_session_gives_its_body_and_day(
    opening: str, court: str
) -> None:
    caption = "RECURSO DE APELACIÓN: 12345/23-RA1-01-5/25/24-S3-01-01\nRECURRENTE: **********"
    text = f"{caption}\n\n{opening}\n\nR E S U L T A N D O\n{BODY}\n"
    reading = read_sentence(text)
    assert (reading.values["court"], reading.values["resolution_date"]) == (court, "2024-04-20")
    assert reading.sources["court"] == reading.sources["resolution_date"] == "heading"


def test_a_sala_no_one_sala_names_gives_neither_court_nor_day() -> None:
    opening = (
        "Resolución de la Sala Regional del Tribunal Federal de Justicia Administrativa, "
        "correspondiente al día veinte de abril de dos mil veinticuatro."
    )
    values = read_sentence(
        f"RECURRENTE: **********\n\n{opening}\n\nR E S U L T A N D O\n{BODY}\n"
    ).values
    assert "court" not in values and "resolution_date" not in values


def test_a_juzgados_seat_on_the_captions_next_line_is_part_of_its_name() -> None:
    caption = (
        "JUZGADO TERCERO DE DISTRITO DE AMPARO EN MATERIA PENAL\nEN LA CIUDAD DE MÉXICO\n"
        "JUICIO DE AMPARO INDIRECTO 567/2024\nQUEJOSO: **********"
    )
    opening = "Ciudad de México, veinte de abril de dos mil veinticuatro.\nVISTOS para resolver."
    reading = read_sentence(f"{caption}\n\n{opening}\n\nR E S U L T A N D O\n{BODY}\n")
    court = "Juzgado Tercero de Distrito de Amparo en Materia Penal en la Ciudad de México"
    assert (reading.values["court"], reading.sources["court"]) == (court, "heading")


@pytest.mark.parametrize(
    ("line", "ponente", "secretario"),
    [("MAGISTRADO PONENTE: JUAN PÉREZ LÓPEZ. SECRETARIA: LAURA GÓMEZ DÍAZ.",
      "JUAN PÉREZ LÓPEZ", "LAURA GÓMEZ DÍAZ"),
     ("Magistrada ponente: Ana Ruiz Soto.   Secretario de Tribunal: Juan Pérez López",
      "Ana Ruiz Soto", "Juan Pérez López"),
     ("PONENTE: MAGISTRADA ANA RUIZ SOTO SECRETARIO DE ESTUDIO Y CUENTA: JUAN PÉREZ LÓPEZ",
      "MAGISTRADA ANA RUIZ SOTO", "JUAN PÉREZ LÓPEZ")],
)  # fmt: skip
def test_a_ponente_and_a_secretario_on_one_caption_line_are_each_read(
    line: str, ponente: str, secretario: str
) -> None:
    reading = read_sentence(
        COLEGIADO.format(opening="").replace("MAGISTRADA PONENTE: ANA RUIZ SOTO.", line)
    )
    assert (reading.values["ponente"], reading.values["secretario"]) == (ponente, secretario)
    assert reading.sources["ponente"] == reading.sources["secretario"] == "heading"


@pytest.mark.parametrize(
    "line",
    [  # another secretary's label ends the name: unsure, none
     "MAGISTRADO PONENTE: JUAN PÉREZ LÓPEZ SECRETARIA AUXILIAR: LAURA GÓMEZ DÍAZ",
     # several secretaries
     "MAGISTRADO PONENTE: JUAN PÉREZ LÓPEZ. SECRETARIOS: LAURA GÓMEZ DÍAZ Y ANA RUIZ SOTO"],
)  # fmt: skip
def test_a_second_cell_no_secretario_label_opens_gives_no_secretario(line: str) -> None:
    caption = COLEGIADO.format(opening="").replace("MAGISTRADA PONENTE: ANA RUIZ SOTO.", line)
    assert "secretario" not in read_sentence(caption).values


@pytest.mark.parametrize(
    ("court", "helped", "seat"),
    [("Primer Tribunal Colegiado del Vigésimo Circuito",
      "en auxilio del Segundo Tribunal Colegiado en Materia Civil del Tercer Circuito", ""),
     # (an auxiliary region's court keeps its seat: one name in several cities)
     ("Primer Tribunal Colegiado de Circuito del Centro Auxiliar de la Tercera Región",
      "con residencia en Guadalajara, Jalisco, en auxilio de las labores del Segundo Tribunal "
      "Colegiado en Materia Civil del Tercer Circuito",
      ", con residencia en Guadalajara, Jalisco")],
)  # fmt: skip
@pytest.mark.parametrize("tail", ["correspondiente a la sesión de", "correspondiente al día"])
def test_the_court_that_helps_in_auxilio_is_the_one_that_resolves(
    court: str, helped: str, seat: str, tail: str
) -> None:
    opening = f"Sentencia del {court}, {helped}, {tail} veinte de abril de dos mil veinticuatro."
    values = read_sentence(COLEGIADO.format(opening=opening)).values
    assert (values["court"], values["resolution_date"]) == (court + seat, "2024-04-20")
