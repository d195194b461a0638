"""Words a citizen must never read under the wrong name: the gallery's shouts (the
Cámara's and the Senado's versiones estenográficas write them as a chorus's heading,
"Voces desde las galerías: ¡Fuera!", or as a bracketed note, "(Desde las galerías: …)"),
a party set in square brackets, and a long name a page break and a hyphen cut over three
lines. Modelled on the federal chambers' records (../shared holds none of them)."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People

CAMARA = "Cámara de Diputados"
SENADO = "Senado de la República"


def _said(text: str, chamber: str) -> list[tuple[str | None, str | None, str | None, str]]:
    session = Sesion(
        id="s-galeria",
        title="Sesión ordinaria",
        institution=chamber,
        jurisdiction="MX",
        source_id="x",
        url="https://ejemplo.gob.mx/s-galeria",
        text=text,
        agenda=[],
        congress=chamber,
        legislature="LXVI",
        chamber="Pleno",
    )
    return [
        (s.speaker_as_written, s.person_name, s.party, s.text)
        for s in speeches_of(session, People(chamber))
        if s.order
    ]


def test_the_gallery_s_shouts_are_no_speaker_s_words() -> None:
    text = (
        "La presidenta diputada Andrea Solís Carranza: Tiene la palabra el diputado.\n"
        "El diputado Tomás Ibarra Quintero: Con su venia. Esta reforma es necesaria.\n"
        "(Desde las galerías: ¡Fuera, fuera!)\n"
        "La presidenta diputada Andrea Solís Carranza: Se pide orden en las galerías.\n"
        "Voces desde las galerías: ¡No a la reforma!\n"
        "Una voz desde las galerías: ¡Justicia!\n"
        "El diputado Tomás Ibarra Quintero: Termino. Es cuanto.\n"
    )
    said = _said(text, CAMARA)
    assert said == [
        (
            "La presidenta diputada Andrea Solís Carranza",
            "Andrea Solís Carranza",
            None,
            "Tiene la palabra el diputado.",
        ),
        (
            "El diputado Tomás Ibarra Quintero",
            "Tomás Ibarra Quintero",
            None,
            "Con su venia. Esta reforma es necesaria.",
        ),
        (None, None, None, "(Desde las galerías: ¡Fuera, fuera!)"),
        (
            "La presidenta diputada Andrea Solís Carranza",
            "Andrea Solís Carranza",
            None,
            "Se pide orden en las galerías.",
        ),
        ("Voces desde las galerías", None, None, "¡No a la reforma!"),
        ("Una voz desde las galerías", None, None, "¡Justicia!"),
        ("El diputado Tomás Ibarra Quintero", "Tomás Ibarra Quintero", None, "Termino. Es cuanto."),
    ]
    # the Senado's shape: a dash before the chorus
    text = (
        "-El Presidente Senador Óscar Villalobos Treviño: Senadora, ¿acepta una pregunta?\n"
        "-La C. Senadora Mireya Cantú Olvera: No.\n"
        "-Voces desde las galerías: ¡Fuera!\n"
        "-La C. Senadora Mireya Cantú Olvera: Continúo.\n"
    )
    assert [(who, words) for who, _, _, words in _said(text, SENADO)] == [
        ("El Presidente Senador Óscar Villalobos Treviño", "Senadora, ¿acepta una pregunta?"),
        ("La C. Senadora Mireya Cantú Olvera", "No."),
        ("Voces desde las galerías", "¡Fuera!"),
        ("La C. Senadora Mireya Cantú Olvera", "Continúo."),
    ]


def test_a_party_in_square_brackets_is_the_speaker_s() -> None:
    text = (
        "La diputada Lidia Ferrer Ochoa: Con la venia de la Presidencia.\n"
        "La diputada Rebeca Anaya Solórzano [PRI]: Gracias, presidenta.\n"
        "-El C. Senador Gonzalo Urías Peña [PAN]: Pido la palabra.\n"
    )
    assert [(who, person, party) for who, person, party, _ in _said(text, CAMARA)] == [
        ("La diputada Lidia Ferrer Ochoa", "Lidia Ferrer Ochoa", None),
        ("La diputada Rebeca Anaya Solórzano [PRI]", "Rebeca Anaya Solórzano", "PRI"),
        ("El C. Senador Gonzalo Urías Peña [PAN]", "Gonzalo Urías Peña", "PAN"),
    ]


def _page(number: int, body: str) -> str:
    return (
        f"Año I, Primer Periodo, 29 de abril de 2031 Diario de los Debates de la Cámara de "
        f"Diputados {number}\n{body}"
    )


def test_a_name_a_page_break_and_a_hyphen_cut_over_three_lines_opens_its_turn() -> None:
    text = "\f".join(
        [
            _page(
                21,
                "La presidenta diputada Andrea Solís Carranza: Tiene la palabra.\n"
                "La diputada Irma Cano\n",
            ),
            _page(
                22,
                "Carmona (MORENA): Con su venia. Hablaré del agua.\n"
                "Seguimos con el tema.\n"
                "El diputado José Luis Montes de\n",
            ),
            _page(
                23,
                "Oca Ber-\n"
                "múdez (PAN): Gracias, presidenta.\n"
                "La presidenta diputada Andrea Solís Carranza: Gracias.\n",
            ),
            _page(24, "La secretaria diputada Julia Ríos Ochoa: Se informa.\n"),
        ]
    )
    assert _said(text, CAMARA) == [
        (
            "La presidenta diputada Andrea Solís Carranza",
            "Andrea Solís Carranza",
            None,
            "Tiene la palabra.",
        ),
        (
            "La diputada Irma Cano Carmona (MORENA)",
            "Irma Cano Carmona",
            "MORENA",
            "Con su venia. Hablaré del agua. Seguimos con el tema.",
        ),
        (
            "El diputado José Luis Montes de Oca Bermúdez (PAN)",
            "José Luis Montes de Oca Bermúdez",
            "PAN",
            "Gracias, presidenta.",
        ),
        ("La presidenta diputada Andrea Solís Carranza", "Andrea Solís Carranza", None, "Gracias."),
        ("La secretaria diputada Julia Ríos Ochoa", "Julia Ríos Ochoa", None, "Se informa."),
    ]
    # a speech's three lines naming someone are no heading
    text = (
        "La presidenta diputada Andrea Solís Carranza: Tiene la palabra.\n"
        "El diputado José Luis Montes de\n"
        "Oca Bermúdez\n"
        "propuso lo siguiente: que se vote.\n"
    )
    assert [who for who, *_ in _said(text, CAMARA)] == [
        "La presidenta diputada Andrea Solís Carranza"
    ]


QUERETARO = "H. Congreso del Estado de Querétaro"


def test_a_sitting_past_midnight_notes_its_recess_as_the_record_s_words() -> None:
    """A sitting held over two days notes the hour and the recess in brackets: the
    record's note, never the secretary's words before it."""
    text = (
        "SESIÓN ORDINARIA CELEBRADA LOS DÍAS 30 DE ABRIL Y 1 DE MAYO DE 2031\n"
        "LA C. PRESIDENTA.- Se abre la sesión.\n"
        "EL C. SECRETARIO DIP. RAÚL OCHOA PINEDA.- Se aprueba con 20 votos a favor.\n"
        "(Siendo las 23:59 horas del 30 de abril, se decreta un receso)\n"
        "(Se reanuda la sesión a las 00:10 horas del 1 de mayo)\n"
        "LA C. PRESIDENTA.- Se reanuda la sesión.\n"
    )
    assert [(who, words) for who, _, _, words in _said(text, QUERETARO)] == [
        ("LA C. PRESIDENTA", "Se abre la sesión."),
        ("EL C. SECRETARIO DIP. RAÚL OCHOA PINEDA", "Se aprueba con 20 votos a favor."),
        (None, "(Siendo las 23:59 horas del 30 de abril, se decreta un receso)"),
        (None, "(Se reanuda la sesión a las 00:10 horas del 1 de mayo)"),
        ("LA C. PRESIDENTA", "Se reanuda la sesión."),
    ]


def test_the_chair_glued_to_the_words_before_speaks_for_themself() -> None:
    """A heading the text glued to the end of the turn before (the paragraph break lost)
    opens its own turn: the chair's words are not the member's."""
    text = (
        "La presidenta diputada Andrea Solís Carranza: Tiene la palabra el diputado.\n"
        "El diputado Tomás Ibarra Quintero: Termino aquí. La presidenta diputada Andrea "
        "Solís Carranza: Gracias, diputado.\n"
        "La diputada Lidia Ferrer Ochoa: Según dijo la diputada Ana Ruiz: nada.\n"
    )
    assert [(who, words) for who, _, _, words in _said(text, CAMARA)] == [
        ("La presidenta diputada Andrea Solís Carranza", "Tiene la palabra el diputado."),
        ("El diputado Tomás Ibarra Quintero", "Termino aquí."),
        ("La presidenta diputada Andrea Solís Carranza", "Gracias, diputado."),
        ("La diputada Lidia Ferrer Ochoa", "Según dijo la diputada Ana Ruiz: nada."),
    ]
    text = "LA C. PRESIDENTA.- Se levanta la sesión. EL C. SECRETARIO.- Se cita para el jueves.\n"
    assert [(who, words) for who, _, _, words in _said(text, QUERETARO)] == [
        ("LA C. PRESIDENTA", "Se levanta la sesión."),
        ("EL C. SECRETARIO", "Se cita para el jueves."),
    ]


def test_a_name_in_capitals_broken_with_a_hyphen_is_whole_again() -> None:
    """A state congress's heading in capitals a line's end broke inside a surname: one
    person of the whole name, never «Hernán- Dez»."""
    text = (
        "LA C. PRESIDENTA.- Tiene la palabra la diputada.\n"
        "LA C. DIPUTADA MARÍA DE LA LUZ HERNÁN-\n"
        "DEZ GARZA.- Con su venia, Presidenta.\n"
        "LA C. PRESIDENTA.- Gracias.\n"
    )
    assert [(who, person, words) for who, person, _, words in _said(text, QUERETARO)] == [
        ("LA C. PRESIDENTA", None, "Tiene la palabra la diputada."),
        (
            "LA C. DIPUTADA MARÍA DE LA LUZ HERNÁNDEZ GARZA",
            "María de la Luz Hernández Garza",
            "Con su venia, Presidenta.",
        ),
        ("LA C. PRESIDENTA", None, "Gracias."),
    ]
