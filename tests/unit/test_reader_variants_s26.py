"""Three classes of court document the readers left empty: the TFJA Sala Superior's
recursos de apelación numbered by section ("RECURSO DE APELACIÓN: R.A.289/2024-S3", as the
Tercera Sección's session agendas list them: the label says what the number is, the
section is part of it), the Sala Superior's own number with its "R.A." before it, and the
federal courts of one magistrate (a circuit's Tribunal Unitario, a Tribunal Unitario
Agrario) that name themselves only in their closing, through their magistrate ("Así lo
resolvió y firma el Magistrado del Primer Tribunal Unitario…"). The texts are written for
these tests in the shape of those courts' published documents; names are invented."""

from __future__ import annotations

import pytest

from indexer.readers.courts import normalise_court
from indexer.readers.expedientes import normalise_expediente, parse_expediente
from indexer.readers.judgments import read_sentence

TFJA = """TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA
SALA SUPERIOR
TERCERA SECCIÓN
{caption}
MAGISTRADA PONENTE: ROSA ELENA MARTÍNEZ SOLÍS

Ciudad de México, a diez de febrero de dos mil veinticinco.- La Tercera Sección de la Sala \
Superior del Tribunal Federal de Justicia Administrativa resuelve el recurso de apelación \
al rubro citado.

RESULTANDO

PRIMERO. La autoridad investigadora interpuso recurso de apelación.

RESUELVE

PRIMERO. Se confirma la resolución apelada.
"""


@pytest.mark.parametrize(
    ("caption", "canonical"),
    [("RECURSO DE APELACIÓN: R.A.289/2024-S3", "Recurso de Apelación 289/2024-S3"),
     ("RECURSO DE APELACIÓN: R.A. 321/2024-S3", "Recurso de Apelación 321/2024-S3"),
     ("RECURSO DE APELACIÓN NÚM.: R.A. 12/2025-S1", "Recurso de Apelación 12/2025-S1"),
     ("RECURSO DE APELACIÓN: 45/2023-S2", "Recurso de Apelación 45/2023-S2"),
     # the Sala Superior's own number, its "R.A." written before it
     ("RECURSO DE APELACIÓN: R.A. 25/24-S3-01-01", "25/24-S3-01-01")],
)  # fmt: skip
def test_a_tfja_recurso_de_apelacion_number_is_read_with_its_label(
    caption: str, canonical: str
) -> None:
    values = read_sentence(TFJA.format(caption=caption)).values
    assert normalise_expediente(values["expediente"]) == canonical
    assert values["court"] == (
        "Tercera Sección de la Sala Superior del Tribunal Federal de Justicia Administrativa"
    )


@pytest.mark.parametrize(
    "written",
    [# no type says what a section's number is: none, as before
     "R.A. 289/2024-S3", "R.A.289/2024-S3", "289/2024-S3",
     # another type's number with a section after it is none either
     "amparo en revisión 289/2024-S3", "toca 5/2024-S3", "recurso de revisión 7/2024-S3"],
)  # fmt: skip
def test_a_section_number_without_its_type_is_no_case(written: str) -> None:
    assert parse_expediente(written) == []


UNITARIO = """{caption}

{place}, a doce de mayo de dos mil veintitrés.

VISTOS para resolver los autos del {case}, relativo al recurso de apelación interpuesto \
en contra de la sentencia dictada por el Juez de origen; y,

R E S U L T A N D O:

PRIMERO. El juez dictó sentencia el tres de marzo de dos mil veintitrés.

C O N S I D E R A N D O:

PRIMERO. Este tribunal es competente.

R E S U E L V E:

PRIMERO. Se confirma la sentencia recurrida.

Notifíquese; con testimonio de esta resolución devuélvanse los autos.

{closing}
"""
CIRCUIT = "Primer Tribunal Unitario del Segundo Circuito"
MAZATLAN = ("Segundo Tribunal Unitario del Décimo Segundo Circuito, con residencia en Mazatlán, "
            "Sinaloa")  # fmt: skip


@pytest.mark.parametrize(
    ("caption", "case", "closing", "court"),
    [("TOCA PENAL 45/2023", "toca penal 45/2023",
      f"Así lo resolvió y firma el Magistrado del {CIRCUIT}, Juan Soto Ruiz, ante el "
      "Secretario que autoriza y da fe.", CIRCUIT),
     ("TOCA CIVIL 12/2023", "toca civil 12/2023",
      "Así lo resolvió y firma la Magistrada Titular del Tribunal Unitario en Materias Civil y "
      "Administrativa del Primer Circuito, ante la Secretaria de Acuerdos que da fe.",
      "Tribunal Unitario en Materias Civil y Administrativa del Primer Circuito"),
     # the magistrate named before the office; the seat kept where the circuit has several
     ("TOCA PENAL 88/2022", "toca penal 88/2022",
      f"Así lo resolvió y firma el Magistrado Juan Soto Ruiz, Titular del {MAZATLAN}, ante el "
      "Secretario que autoriza y da fe.", MAZATLAN),
     # a Tribunal Unitario Agrario, its district in words or in digits: one form
     ("JUICIO AGRARIO: 123/2022", "juicio agrario 123/2022",
      "Así lo resolvió y firma la Magistrada del Tribunal Unitario Agrario del Distrito Número "
      "Quince, ante el Secretario de Acuerdos que autoriza y da fe.",
      "Tribunal Unitario Agrario del Distrito 15"),
     ("JUICIO AGRARIO: 77/2021", "juicio agrario 77/2021",
      "Así lo resolvió y firma el Magistrado del Tribunal Unitario Agrario del Distrito 8, "
      "licenciado Juan Soto Ruiz, ante el Secretario de Acuerdos que autoriza y da fe.",
      "Tribunal Unitario Agrario del Distrito 8")],
)  # fmt: skip
def test_a_unitario_named_only_in_its_closing_is_the_court(
    caption: str, case: str, closing: str, court: str
) -> None:
    text = UNITARIO.format(caption=caption, place="Toluca, Estado de México", case=case,
                           closing=closing)  # fmt: skip
    assert read_sentence(text).values.get("court") == court


@pytest.mark.parametrize(
    "closing",
    [# a unitario the closing names but not as the one that resolved: none
     "Así lo resolvió el Juez Quinto de lo Penal, en el recurso contra lo dictado por el "
     f"Magistrado del {CIRCUIT}, ante el Secretario que da fe.",
     "Así lo resolvieron los integrantes del órgano; remítase copia al "
     f"{CIRCUIT}, para su conocimiento.",
     # lower case: a reference, no name
     "Así lo resolvió y firma el Magistrado del tribunal unitario del segundo circuito, ante "
     "el Secretario que da fe."],
)  # fmt: skip
def test_a_unitario_not_the_closings_subject_is_no_court(closing: str) -> None:
    text = UNITARIO.format(caption="TOCA PENAL 45/2023", place="Toluca, Estado de México",
                           case="toca penal 45/2023", closing=closing)  # fmt: skip
    assert read_sentence(text).values.get("court") != CIRCUIT


@pytest.mark.parametrize(
    "written",
    ["Tribunal Unitario Agrario del Distrito Número Quince", "TRIBUNAL UNITARIO AGRARIO DEL "
     "DISTRITO NÚMERO QUINCE", "Tribunal Unitario Agrario Distrito 15", "Tribunal Unitario "
     "Agrario del Distrito No. 15", "tribunal unitario agrario del distrito número quince"],
)  # fmt: skip
def test_an_agrarian_court_by_its_district_has_one_form(written: str) -> None:
    assert normalise_court(written) == "Tribunal Unitario Agrario del Distrito 15"


STATE = """SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE JALISCO
{caption}

Guadalajara, Jalisco, nueve de abril de dos mil veinticinco. Se resuelve el recurso de \
apelación interpuesto en contra de la sentencia definitiva dictada en el juicio civil.

R E S U E L V E:

PRIMERO. Se confirma la sentencia recurrida.
"""


@pytest.mark.parametrize(
    ("caption", "expediente"),
    [# the case and the sala on one line, as the Supremo Tribunal de Jalisco's captions run
     ("TOCA 52/2025. SÉPTIMA SALA ESPECIALIZADA EN MATERIA CIVIL.", "TOCA 52/2025"),
     ("Toca 550/2016 — DÉCIMA SALA ESPECIALIZADA EN JUSTICIA INTEGRAL PARA ADOLESCENTES Y "
      "PENAL", "Toca 550/2016"),
     ("TOCA 381/2024 - QUINTA SALA ESPECIALIZADA EN MATERIA CIVIL", "TOCA 381/2024"),
     ("TOCA 65/2025-C – TERCERA SALA", "TOCA 65/2025-C"),
     ("EXPEDIENTE: 845/2019 — JUZGADO SEGUNDO DE LO FAMILIAR", "845/2019")],
)  # fmt: skip
def test_a_caption_case_is_read_without_the_court_named_after_it(
    caption: str, expediente: str
) -> None:
    assert read_sentence(STATE.format(caption=caption)).values["expediente"] == expediente


@pytest.mark.parametrize(
    ("caption", "expediente"),
    [# a number after the stop or the dash is the case's: kept whole, as before
     ("TOCA: 1150/2019 - 1", "Toca 1150/2019 - 1"),
     # a suffix after a dash is the number's too ("- II" tells its appeals apart)
     ("TOCA 1150/2019 - II", "TOCA 1150/2019 - II"), ("EXPEDIENTE: 12/2023 - CA", "12/2023 - CA"),
     ("AMPARO EN REVISIÓN 12/2023. Y SU ACUMULADO 13/2023",
      "AMPARO EN REVISIÓN 12/2023. Y SU ACUMULADO 13/2023")],
)  # fmt: skip
def test_a_number_after_the_stop_stays_with_the_case(caption: str, expediente: str) -> None:
    assert read_sentence(STATE.format(caption=caption)).values["expediente"] == expediente
