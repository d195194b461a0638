"""The Diario de los Debates' section headings in capitals ("COMUNICACIONES OFICIALES",
"INICIATIVAS DE CIUDADANOS DIPUTADOS", "DICTÁMENES A DISCUSIÓN", "VOTACIONES") end the
turn before them: a document read into the record or the roll-call after one is no one's
speech, and the heading names the part of the sitting the turns after it belong to."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

# Modelled on the Cámara de Diputados' Diario de los Debates (LXIV–LXVI Legislaturas):
# each part of the sitting under a heading in capitals, a communication read into the
# record between «…», two headings one under the other (the kind of matter, then the
# law), and the roll-call list printed after the sitting is closed.
DIARIO = """DIARIO DE LOS DEBATES
ORDEN DEL DÍA
La presidenta diputada Ana Ruiz Soto: Se abre la sesión. Proceda la Secretaría.
La secretaria diputada Eva Mora Paz: Se recibió la comunicación siguiente.
COMUNICACIONES OFICIALES
«Escudo Nacional de los Estados Unidos Mexicanos.— Cámara de Diputados.— LXVI Legislatura.
Diputada Ana Ruiz Soto, presidenta de la Mesa Directiva. Presente.
Atentamente, diputado Juan Pérez López (rúbrica).»
La presidenta diputada Ana Ruiz Soto: Se turna a la Comisión de Salud.

INICIATIVAS DE CIUDADANOS DIPUTADOS

LEY GENERAL DE SALUD
La presidenta diputada Ana Ruiz Soto: Tiene la palabra el diputado Luis Mora Paz.
El diputado Luis Mora Paz (PT): Con su venia. Presento esta iniciativa.
(Aplausos)
DICTÁMENES A DISCUSIÓN
La presidenta diputada Ana Ruiz Soto: Se levanta la sesión.
VOTACIONES
Dictamen en lo general: 300 votos a favor, 100 en contra.
Mora Paz Luis: A favor
Pérez López Juan: En contra
"""


def test_a_capitalised_heading_ends_the_turn_and_names_the_part_that_follows() -> None:
    turns = split_turns(DIARIO)
    seen = [(t.speaker, t.procedural, t.agenda_item, t.text[:40]) for t in turns]
    assert seen == [
        ("La presidenta diputada Ana Ruiz Soto", False, None,
         "Se abre la sesión. Proceda la Secretaría"),
        ("La secretaria diputada Eva Mora Paz", False, None,
         "Se recibió la comunicación siguiente."),
        # the communication is read into the record: no one's words
        (None, True, "COMUNICACIONES OFICIALES", "«Escudo Nacional de los Estados Unidos M"),
        ("La presidenta diputada Ana Ruiz Soto", False, "COMUNICACIONES OFICIALES",
         "Se turna a la Comisión de Salud."),
        ("La presidenta diputada Ana Ruiz Soto", False,
         "INICIATIVAS DE CIUDADANOS DIPUTADOS · LEY GENERAL DE SALUD",
         "Tiene la palabra el diputado Luis Mora P"),
        ("El diputado Luis Mora Paz (PT)", False,
         "INICIATIVAS DE CIUDADANOS DIPUTADOS · LEY GENERAL DE SALUD",
         "Con su venia. Presento esta iniciativa."),
        (None, True, "INICIATIVAS DE CIUDADANOS DIPUTADOS · LEY GENERAL DE SALUD",
         "(Aplausos)"),
        ("La presidenta diputada Ana Ruiz Soto", False, "DICTÁMENES A DISCUSIÓN",
         "Se levanta la sesión."),
        # the roll-call printed after the sitting: no one's speech, and no speakers
        (None, True, "VOTACIONES", "Dictamen en lo general: 300 votos a favo"),
    ]  # fmt: skip
    said = " ".join(t.text for t in turns if t.speaker)
    for heading in ("COMUNICACIONES", "INICIATIVAS", "DICTÁMENES", "VOTACIONES", "Escudo"):
        assert heading not in said
    assert turns[-1].text.endswith("Pérez López Juan: En contra")  # kept, not lost


def test_the_speaker_after_a_heading_is_still_resolved() -> None:
    session = Sesion(
        id="diario",
        title="Sesión ordinaria",
        institution="Cámara de Diputados",
        jurisdiction="MX",
        source_id="x",
        url="https://ejemplo.gob.mx/diario",
        text=DIARIO,
        congress="Congreso de la Unión",
        legislature="LXVI",
    )
    speeches = speeches_of(session, People("Congreso de la Unión"))
    spoken = [(s.person_name, s.role) for s in speeches if not s.procedural]
    assert spoken[-2:] == [("Luis Mora Paz", "legislador"), ("Ana Ruiz Soto", "presidencia")]
    assert all(s.person_id is None for s in speeches if s.procedural)
    # the roll-call after the close is not the chair's: her last words are her own
    assert [s.text for s in speeches if s.role == "presidencia"][-1] == "Se levanta la sesión."


def test_capitals_inside_a_sentence_stay_in_the_turn() -> None:
    """A court's matter read in capitals after "relativo a la", a vote's result in
    capitals up to its full stop, a resolutive point and a decree's title after "dice
    así:" are the speaker's words, not headings; state congresses' speakers in capitals
    after a heading are speakers."""
    text = (
        "SECRETARIO GENERAL DE ACUERDOS: Se somete a su consideración el proyecto relativo a la\n"
        "ACCIÓN DE INCONSTITUCIONALIDAD\n"
        "PROMOVIDA POR LA COMISIÓN NACIONAL\n"
        "DE LOS DERECHOS HUMANOS.\n"
        "SEÑORA MINISTRA PRESIDENTA: Consulto si lo aprobamos (VOTACIÓN FAVORABLE).\n"
        "QUEDA APROBADO POR UNANIMIDAD DE\n"
        "VOTOS.\n"
        "Continúe, por favor. El punto resolutivo dice.\n"
        "ÚNICO. ES PROCEDENTE LA ACCIÓN.\n"
        "-La C. Secretaria: El decreto dice así:\n"
        "DECRETO POR EL QUE SE REFORMA LA LEY GENERAL DE SALUD\n"
        "Artículo Único. Se reforma la ley.\n"
        "ORDEN DEL DÍA\n"
        "LA C. PRESIDENTA.- Se da lectura al orden del día.\n"
    )
    turns = split_turns(text)
    assert [t.speaker for t in turns] == [
        "SECRETARIO GENERAL DE ACUERDOS",
        "SEÑORA MINISTRA PRESIDENTA",
        None,
        "SEÑORA MINISTRA PRESIDENTA",
        "La C. Secretaria",
        "LA C. PRESIDENTA",
    ]
    assert "ACCIÓN DE INCONSTITUCIONALIDAD PROMOVIDA" in turns[0].text
    assert turns[2].text == "(VOTACIÓN FAVORABLE). QUEDA APROBADO POR UNANIMIDAD DE VOTOS."
    assert turns[3].text.startswith("Continúe, por favor.")
    assert turns[3].text.endswith("ÚNICO. ES PROCEDENTE LA ACCIÓN.")
    assert turns[4].text.endswith("Artículo Único. Se reforma la ley.")  # heading left out
    assert "ORDEN DEL DÍA" not in turns[4].text


# Modelled on the Diario of the LVIII Legislatura: the chair's turns unnamed ("El
# Presidente:"), a line between turns saying who presides from there on.
CHAIR_CHANGES = """DIARIO DE LOS DEBATES
Presidencia
del diputado
Ernesto Villalobos Cantú
El Presidente:
Se abre la sesión.
Presidencia de la diputada
Lucía Medina Robles
La Presidenta:
Continúe la Secretaría. El acta dice que se votó bajo la
Presidencia de la diputada Ana Ruiz Soto
en la sesión anterior.
"""


def test_a_change_of_presidency_between_turns_names_who_presides_after_it() -> None:
    session = Sesion(
        id="diario-lviii",
        title="Sesión ordinaria",
        institution="Cámara de Diputados",
        jurisdiction="MX",
        source_id="x",
        url="https://ejemplo.gob.mx/diario-lviii",
        text=CHAIR_CHANGES,
        congress="Congreso de la Unión",
        legislature="LVIII",
    )
    speeches = speeches_of(session, People("Congreso de la Unión"))
    assert [(s.person_name, s.text) for s in speeches if s.order] == [
        ("Ernesto Villalobos Cantú", "Se abre la sesión."),
        # a presidency named inside a sentence changes no one
        (
            "Lucía Medina Robles",
            "Continúe la Secretaría. El acta dice que se votó bajo la Presidencia de la "
            "diputada Ana Ruiz Soto en la sesión anterior.",
        ),
    ]
