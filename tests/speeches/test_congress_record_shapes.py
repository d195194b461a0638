"""Shapes of the federal chambers' stenographic versions that the reader got wrong: a
guest named and then described by office after a comma (the office was read into the
name: «Coordinador General de Política y Gobierno Arturo Zaldívar…»), the Senado's
unbracketed notes of the hall («—Aplausos.» was the senator's words), a nominal vote's
names in sentence case (run together into one line), and a page's running head naming the
record («DIARIO DE LOS DEBATES») left inside the turn a page break cut. The texts are
modelled on the Senado's and the Cámara de Diputados' published versions (LXVI
Legislatura), with their speaker lines as those records write them."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.roles import read_speaker
from indexer.speeches.split import split_turns

SENADO = "Senado de la República"
DIPUTADOS = "Cámara de Diputados"


def _speeches(text: str, chamber: str = SENADO) -> list[tuple[str | None, str | None, str]]:
    session = Sesion(
        id="s",
        title="Sesión ordinaria",
        date=dt.date(2024, 10, 8),
        institution=chamber,
        jurisdiction="MX",
        source_id="s",
        url="https://ejemplo.gob.mx/s",
        text=text,
        congress=chamber,
        legislature="LXVI",
        chamber=chamber,
    )
    return [
        (s.person_name, None if s.procedural else s.role, s.text)
        for s in speeches_of(session, People(chamber))
    ]


GUEST = """\
-La Presidenta Senadora Imelda Castro Castro: Se encuentra con nosotros el ciudadano \
Arturo Zaldívar Lelo de Larrea. Tiene el uso de la palabra.

-El C. Arturo Zaldívar Lelo de Larrea, Coordinador General de Política y Gobierno: Muchas \
gracias, senadoras y senadores.

-La Presidenta Senadora Imelda Castro Castro: Gracias.
"""


def test_a_guest_described_by_office_is_named_without_it() -> None:
    said = _speeches(GUEST)
    assert said[1] == (
        "Arturo Zaldívar Lelo de Larrea",
        "compareciente",
        "Muchas gracias, senadoras y senadores.",
    )


@pytest.mark.parametrize(
    ("line", "name", "role"),
    [
        ("El C. Ernestina Godoy Ramos, Fiscal General de la República", "Ernestina Godoy Ramos",
         "compareciente"),
        ("El señor Juan Ramón de la Fuente, canciller", "Juan Ramón de la Fuente",
         "compareciente"),
        ("El ingeniero Jorge Arganis Díaz Leal, secretario de Comunicaciones y Transportes",
         "Jorge Arganis Díaz Leal", "compareciente"),
        ("El invitado Juan Pérez López", "Juan Pérez López", "compareciente"),
        # a seat after the comma is no part of the name either
        ("El C. Juan Pérez López, Diputado Federal", "Juan Pérez López", "otro"),
    ],
)  # fmt: skip
def test_an_office_after_a_comma_is_no_part_of_the_name(
    line: str, name: str | None, role: str
) -> None:
    speaker = read_speaker(line)
    assert (speaker.name, speaker.role) == (name, role)


NOTES = """\
-El Presidente Senador Gerardo Fernández Noroña: Sonido en el escaño de la senadora Lilly \
Téllez.

-La Senadora Lilly Téllez García: (Desde su escaño) Presidente, solicito la palabra para \
rectificación de hechos.

—Aplausos.

-La Senadora Lilly Téllez García: Esta reforma destruye al Poder Judicial. —Risas y \
aplausos. Y lo saben.

-El Presidente Senador Gerardo Fernández Noroña: —Aplausos para todos: eso pido.
"""


def test_the_senados_dashed_notes_are_no_ones_words() -> None:
    said = _speeches(NOTES)
    assert said[1][2] == "Presidente, solicito la palabra para rectificación de hechos."
    assert said[2] == (None, None, "(Aplausos)")
    assert said[3][2] == "Esta reforma destruye al Poder Judicial."
    assert said[4] == (None, None, "(Risas y aplausos)")
    assert said[5][:2] == ("Lilly Téllez García", "legislador")
    assert said[5][2] == "Y lo saben."
    # a colon after the words: someone says them
    assert said[6][2] == "—Aplausos para todos: eso pido."


NOMINAL = """\
-La Secretaria Senadora Verónica Noemí Camino Farjat: Se va a proceder a recoger la \
votación nominal.

VOTACIÓN NOMINAL

A FAVOR

Adán Augusto López Hernández
Imelda Castro Castro
Guadalupe Chavira de la Rosa

EN CONTRA

Lilly Téllez García
Ricardo Anaya Cortés

-La Secretaria Senadora Verónica Noemí Camino Farjat: Señor Presidente, se emitieron 86 \
votos a favor y 39 en contra.
"""


def test_a_nominal_votes_names_in_sentence_case_are_the_lists() -> None:
    turns = split_turns(NOMINAL)
    listed = [t for t in turns if t.procedural]
    assert [t.text for t in listed] == [
        "VOTACIÓN NOMINAL · A FAVOR · Adán Augusto López Hernández · Imelda Castro Castro · "
        "Guadalupe Chavira de la Rosa · EN CONTRA · Lilly Téllez García · Ricardo Anaya Cortés"
    ]
    assert [t.speaker for t in turns if not t.procedural] == [
        "La Secretaria Senadora Verónica Noemí Camino Farjat"
    ] * 2


DIARIO_VOTE = """\
-La Presidenta Senadora Laura Itzel Castillo Juárez: Gracias. Se levanta la sesión.

VOTARON EN PRO LOS CC. SENADORES:

ADÁN AUGUSTO LÓPEZ HERNÁNDEZ            IMELDA CASTRO CASTRO
GUADALUPE CHAVIRA DE LA ROSA

SE ABSTUVIERON LOS CC. SENADORES:

RICARDO ANAYA CORTÉS
"""


def test_the_diarios_vote_headed_by_its_side_is_no_ones_words() -> None:
    """The Senado's Diario heads each side "VOTARON EN PRO LOS CC. SENADORES:": the names
    under it were the chair's words."""
    turns = split_turns(DIARIO_VOTE)
    assert [(t.speaker, t.text) for t in turns] == [
        ("La Presidenta Senadora Laura Itzel Castillo Juárez", "Gracias. Se levanta la sesión."),
        (None, "VOTARON EN PRO LOS CC. SENADORES: · ADÁN AUGUSTO LÓPEZ HERNÁNDEZ IMELDA CASTRO "
         "CASTRO · GUADALUPE CHAVIRA DE LA ROSA · SE ABSTUVIERON LOS CC. SENADORES: · RICARDO "
         "ANAYA CORTÉS"),
    ]  # fmt: skip


def _page(number: int) -> str:
    return (
        "Martes 8 de octubre de 2024                Senado de la República"
        f"                Página {number}\nDIARIO DE LOS DEBATES\n"
    )


PAGES = (
    "-El Presidente Senador Gerardo Fernández Noroña: Tiene la palabra la senadora\n"
    + _page(2)
    + "Lilly Téllez García.\n\n-La Senadora Lilly Téllez García: Con su venia. Lo\n"
    + _page(3)
    + "que se vota hoy es un retroceso.\n"
)


def test_a_running_head_without_page_breaks_is_no_ones_words() -> None:
    """pdftotext's layout without form feeds: the page's line (the date, the chamber and
    the page, apart by wide gaps) and the record's name under it."""
    assert [t.text for t in split_turns(PAGES)] == [
        "Tiene la palabra la senadora Lilly Téllez García.",
        "Con su venia. Lo que se vota hoy es un retroceso.",
    ]


DIPUTADOS_TURNS = """\
La presidenta diputada Ifigenia Martínez y Hernández: Se encuentra con nosotros la \
maestra Rosa Icela Rodríguez Velázquez, secretaria de Gobernación. Bienvenida.

La secretaria de Gobernación, Rosa Icela Rodríguez Velázquez: Muchas gracias.

El C. Francisco Garduño Yáñez, Comisionado del Instituto Nacional de Migración: Gracias.

El C. diputado Juan Pérez López, Presidente de la Comisión de Salud: Con su venia.

El C. Presidente: Continúe.

El diputado Rubén Ignacio Moreira Valdez (desde la curul): Presidenta.

Voz: ¡Mentiroso!

Integrantes del Grupo Parlamentario del PAN: ¡Fuera! ¡Fuera!

La secretaria diputada Ana Isabel González González: Se emitieron 350 votos a favor.
"""


def test_the_camaras_turns_keep_who_said_them() -> None:
    """A guest by name then office among the Cámara's shapes, which keep their readings: a
    cabinet secretary by office then name, a deputy and the chair after «C.», a deputy
    from the seat, a voice and a bench in chorus (no one)."""
    assert [(name, role) for name, role, _ in _speeches(DIPUTADOS_TURNS, DIPUTADOS)] == [
        ("Ifigenia Martínez y Hernández", "presidencia"),
        ("Rosa Icela Rodríguez Velázquez", "compareciente"),
        ("Francisco Garduño Yáñez", "compareciente"),
        ("Juan Pérez López", "legislador"),
        (None, "presidencia"),
        ("Rubén Ignacio Moreira Valdez", "legislador"),
        (None, "otro"),
        (None, "otro"),
        ("Ana Isabel González González", "secretaria"),
    ]


SECTIONS = """\
La presidenta diputada Ifigenia Martínez y Hernández (11:12 horas): Se abre la sesión.

Orden del día

La secretaria diputada Ana Isabel González González: Se consulta si se dispensa la lectura.

Agenda política

El diputado José Elías Lixa Abimerhi: Gracias, presidenta. Hablaré de la agenda política
del país.
"""


def test_the_camaras_section_titles_in_sentence_case_are_no_ones_words() -> None:
    """«Orden del día» alone between two turns was the chair's last words; it is the part
    of the sitting the turns after it belong to."""
    turns = split_turns(SECTIONS)
    assert [(t.text, t.agenda_item) for t in turns] == [
        ("Se abre la sesión.", None),
        ("Se consulta si se dispensa la lectura.", "Orden del día"),
        ("Gracias, presidenta. Hablaré de la agenda política del país.", "Agenda política"),
    ]
