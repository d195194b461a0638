"""Headings state congresses write with the title first, on one line with the words
(Coahuila's Diario de los Debates: «Diputada Presidenta Luz Elena Guillén Vicente:
Continúe.»), a quotation the speaker reads in a heading's shape, a short name met before
the whole one, a speaker of no bench, and the record's text before anyone speaks. The
transcripts are written for the tests after the shapes of real ones; no name is a real
legislator's record."""

from __future__ import annotations

import datetime as dt

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People

CONGRESS = "Congreso del Estado de Coahuila de Zaragoza"

COAHUILA = """DIARIO DE LOS DEBATES
Primer Período Ordinario de Sesiones, Tercer Año de Ejercicio
Sesión celebrada el 12 de marzo de 2024.
Diputada Presidenta Luz Elena Guillén Vicente: Se abre la sesión. Solicito a la
Secretaría pasar lista de asistencia.
Diputado Secretario Jesús María Montemayor Garza: Se pasa lista de asistencia. Hay
quórum, Diputada Presidenta.
Diputada Presidenta Luz Elena Guillén Vicente: Continúe.
Diputada Martha Loera Arámbula: Con su permiso, Diputada Presidenta. Vengo a presentar
la proposición con punto de acuerdo.
Diputado Primer Secretario Eduardo Olmos Castro, sin grupo parlamentario: Gracias.
Presidente, diputado Álvaro Moreira Valdés: Tiene la palabra la diputada.
Diputada Presidenta Luz Elena Guillén Vicente: Se levanta la sesión.
"""


def _session(text: str, institution: str = CONGRESS) -> Sesion:
    return Sesion(
        id="s-coa",
        title="Sesión ordinaria",
        date=dt.date(2024, 3, 12),
        institution=institution,
        jurisdiction="MX-COA",
        source_id="x",
        url="https://ejemplo.gob.mx/s-coa",
        text=text,
        congress=institution,
    )


def _said(text: str) -> list[tuple[str | None, str | None, str | None, str]]:
    return [
        (s.person_name, s.role, s.party, s.text)
        for s in speeches_of(_session(text), People(CONGRESS))
        if s.order
    ]


def test_a_one_line_heading_with_the_title_first_opens_the_turn_of_who_it_names() -> None:
    said = _said(COAHUILA)
    assert [(name, role) for name, role, _, _ in said] == [
        ("Luz Elena Guillén Vicente", "presidencia"),
        ("Jesús María Montemayor Garza", "secretaria"),
        ("Luz Elena Guillén Vicente", "presidencia"),
        # the session heads turns so: a legislator's title and name is a heading too
        ("Martha Loera Arámbula", "legislador"),
        ("Eduardo Olmos Castro", "secretaria"),
        # the role, a comma and the title: the one named, not the chair before
        ("Álvaro Moreira Valdés", "presidencia"),
        ("Luz Elena Guillén Vicente", "presidencia"),
    ]
    assert said[2][3] == "Continúe."
    assert said[3][3].startswith("Con su permiso") and said[3][3].endswith("punto de acuerdo.")


def test_a_speaker_of_no_bench_is_stored_as_such_not_as_unknown() -> None:
    said = _said(COAHUILA)
    assert said[4][2] == "SP"  # "sin grupo parlamentario", as the record says it
    assert said[3][2] is None  # nothing said: unknown, not independent
    for clause in ("sin partido", "diputado independiente", "independiente"):
        text = f"-El diputado Juan Carlos Ruiz Olvera, {clause}: Con su venia, presidenta.\n"
        [speech] = _said(text)
        assert speech[0] == "Juan Carlos Ruiz Olvera", clause
        assert speech[2] == ("IND" if "independiente" in clause else "SP"), clause


def test_without_the_session_s_style_a_title_and_name_opening_a_line_is_no_heading() -> None:
    """Before any heading of that shape, a line that opens with a title and a name may
    be the speaker addressing a colleague, or someone's heading: the words are no
    one's, neither the speaker's before nor the one named."""
    text = (
        "-La presidenta diputada Ana Ruiz Olvera: Tiene la palabra el diputado Pérez.\n"
        "-El diputado Juan Pérez López (PAN): Gracias. Le respondo a quien me antecedió.\n"
        "Diputada Martha Loera Arámbula: Usted votó a favor.\n"
    )
    said = _said(text)
    assert [name for name, _, _, _ in said] == ["Ana Ruiz Olvera", "Juan Pérez López", None]
    assert said[2][3] == "Diputada Martha Loera Arámbula: Usted votó a favor."


def test_a_quotation_in_a_heading_s_shape_is_the_speaker_s_words() -> None:
    text = (
        "-La presidenta diputada Ana Ruiz Olvera: Tiene la palabra el diputado Pérez.\n"
        "-El diputado Juan Pérez López (PAN): Gracias. Leo lo que dijo aquí mismo en la\n"
        "sesión pasada, cito textualmente:\n"
        "-El diputado Luis Mora Paz (PRI): No votaremos esa reforma.\n"
        "Eso dijo. Y en la versión de aquel día también se lee:\n"
        "«La presidenta diputada Ana Ruiz Olvera: Se aprueba.\n"
        "El diputado Luis Mora Paz (PRI): Votamos en contra.»\n"
        "Es cuanto.\n"
        "-La presidenta diputada Ana Ruiz Olvera: Gracias, diputado.\n"
    )
    said = _said(text)
    assert [name for name, _, _, _ in said] == [
        "Ana Ruiz Olvera",
        "Juan Pérez López",
        "Ana Ruiz Olvera",
    ]
    assert "Luis Mora Paz (PRI): No votaremos" in said[1][3]
    assert said[1][3].endswith("Votamos en contra.» Es cuanto.")


def test_a_quotation_left_open_does_not_hold_the_turns_after_it() -> None:
    """A quotation mark the printing lost opens no quotation for the rest of the session:
    only the last few hundred characters count."""
    filler = "Y seguimos con el tema de la reforma que nos ocupa hoy aquí. " * 10
    text = (
        "-El diputado Juan Pérez López (PAN): Como dice el refrán, «más vale tarde.\n"
        f"{filler}\n"
        "-La presidenta diputada Ana Ruiz Olvera: Gracias, diputado.\n"
    )
    assert [name for name, _, _, _ in _said(text)] == ["Juan Pérez López", "Ana Ruiz Olvera"]


def test_a_short_name_met_first_is_the_one_the_session_names_whole_later() -> None:
    text = (
        "-El presidente diputado Sergio Gutiérrez Luna: Tiene la palabra el diputado.\n"
        "-El diputado Ramírez: Gracias, presidente.\n"
        "-El diputado Juan Ramírez Pérez (PAN): Gracias de nuevo.\n"
        "-La diputada Ortega: Pido la palabra.\n"
        "-La diputada Ana Ortega Ruiz (PRI): Gracias.\n"
        "-La diputada Luisa Ortega Díaz (PT): Gracias.\n"
    )
    said = _said(text)
    assert said[1][:3] == ("Juan Ramírez Pérez", "legislador", "PAN")
    # two of the name in the session: no one
    assert said[3][:3] == (None, "legislador", None)


def test_the_record_s_text_before_anyone_speaks_is_kept_as_no_one_s() -> None:
    speeches = speeches_of(_session(COAHUILA), People(CONGRESS))
    opening = speeches[0]
    assert (opening.order, opening.speaker_as_written, opening.person_id) == (0, None, None)
    assert opening.procedural
    assert opening.text == (
        "DIARIO DE LOS DEBATES Primer Período Ordinario de Sesiones, Tercer Año de "
        "Ejercicio Sesión celebrada el 12 de marzo de 2024."
    )
    # the turns keep their orders (and so their ids, and the timings an aligner gave them)
    assert [s.order for s in speeches[1:]] == list(range(1, 8))


def test_a_transcript_of_no_known_shape_is_kept_whole_and_credited_to_no_one() -> None:
    text = (
        "ACTA DE LA SESIÓN\n"
        "RICARDO PÉREZ — Buenos días a todos.\n"
        "MARÍA LÓPEZ — Gracias. Pido la palabra para hablar del presupuesto.\n"
    )
    [speech] = speeches_of(_session(text), People(CONGRESS))
    assert (speech.order, speech.speaker_as_written, speech.person_id) == (0, None, None)
    assert speech.procedural and "hablar del presupuesto" in speech.text


def test_the_chair_the_opening_names_ends_at_its_full_stop() -> None:
    text = (
        "Presidencia de la diputada Ana Ruiz Pérez.\n"
        "Se abrió la sesión a las 11:00 horas con la asistencia de 30 diputados.\n"
        "-La Presidenta: Se abre la sesión.\n"
    )
    [speech] = _said(text)
    assert speech[:2] == ("Ana Ruiz Pérez", "presidencia")
