"""A legislator's title and name, with no article, alone on its line and the words on the
next («Senador Ortega:⏎Gracias…», «Diputada María López Ruiz (PAN):⏎…»), as the Senado's
versiones estenográficas and some state Diarios print a turn: read as the speaker's turn,
the short name credited to the one speaker named whole before, never a letter's salutation
or someone addressed on one line with words."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

CONGRESS = "Congreso de la Unión"
# Modelled on a Senado versión estenográfica: the chair named once in capitals, then «EL C.
# PRESIDENTE:»; turns headed by a title alone on its line; a turn announced by the record.
SENADO = """EL C. PRESIDENTE SENADOR GERARDO FERNÁNDEZ NOROÑA: Se abre la sesión.
Tiene la palabra el senador Ortega.

Senador Ricardo Ortega Lozano (PAN):
Gracias, presidente. Vengo a presentar una iniciativa.

EL C. PRESIDENTE: Gracias, senador. Tiene la palabra la senadora Ruiz.

Senadora Ana Ruiz Garza, desde su escaño:
Muchas gracias, presidente.

Senador Ortega:
Solo para una precisión.

— Diputada María de la Luz Hernández:
Con su venia.

INTERVENCIÓN DEL SENADOR JUAN PÉREZ LÓPEZ
Con su permiso.

EL C. PRESIDENTE: Se levanta la sesión.
"""


def _session(text: str) -> Sesion:
    return Sesion(
        id="s1", title="Sesión ordinaria", institution="Senado de la República",
        jurisdiction="MX", source_id="senado", url="https://senado.example/s1", text=text,
        congress=CONGRESS, chamber="senado", legislature="LXVI",
    )  # fmt: skip


def test_a_title_alone_on_its_line_heads_the_next_lines_words() -> None:
    turns = [(t.speaker, t.text) for t in split_turns(SENADO)]
    assert turns == [
        ("EL C. PRESIDENTE SENADOR GERARDO FERNÁNDEZ NOROÑA",
         "Se abre la sesión. Tiene la palabra el senador Ortega."),
        ("Senador Ricardo Ortega Lozano (PAN)",
         "Gracias, presidente. Vengo a presentar una iniciativa."),
        ("EL C. PRESIDENTE", "Gracias, senador. Tiene la palabra la senadora Ruiz."),
        ("Senadora Ana Ruiz Garza, desde su escaño", "Muchas gracias, presidente."),
        ("Senador Ortega", "Solo para una precisión."),
        ("Diputada María de la Luz Hernández", "Con su venia."),
        ("EL SENADOR JUAN PÉREZ LÓPEZ", "Con su permiso."),
        ("EL C. PRESIDENTE", "Se levanta la sesión."),
    ]  # fmt: skip


def test_the_turns_are_credited_to_their_people_and_the_chair_to_the_one_named() -> None:
    speeches = speeches_of(_session(SENADO), People(CONGRESS))
    got = [(s.person_name, s.role, s.party) for s in speeches]
    chair = ("Gerardo Fernández Noroña", "presidencia", None)
    ortega = ("Ricardo Ortega Lozano", "legislador", "PAN")
    assert got == [
        chair,
        ortega,
        chair,  # «EL C. PRESIDENTE:» after the chair was named once
        ("Ana Ruiz Garza", "legislador", None),
        ortega,  # «Senador Ortega:», the one Ortega named whole before
        ("María de la Luz Hernández", "legislador", None),
        ("Juan Pérez López", "legislador", None),
        chair,
    ]


def test_a_salutation_a_list_or_someone_addressed_heads_no_turn() -> None:
    text = """-La Secretaria Ana Díaz: Se da lectura a un oficio.
Senadora Ana Ruiz Garza:
Por este conducto le informo que la comisión sesionará el lunes.
Diputado Juan Pérez López:
Presente.
Senador Ortega: ¿me permite una pregunta?
Senadora Ruiz:
la comisión dictaminó.
Senador Ortega:
(Desde su escaño) Gracias."""
    turns = split_turns(text)
    # the salutations stay in the letter read; the line addressing a senator, of a shape no
    # heading has, is left to no one («Sin identificar»), never made his turn
    # (where he spoke from, on the line of his words, joins his heading: no one's words)
    assert [t.speaker for t in turns] == [
        "La Secretaria Ana Díaz", None, "Senador Ortega (Desde su escaño)",
    ]  # fmt: skip
    assert "Por este conducto" in turns[0].text and "Presente." in turns[0].text
    assert turns[1].text.startswith("Senador Ortega: ¿me permite")
    assert turns[2].text == "Gracias."


# Modelled on a state congress's Diario that prints each heading in bold capitals above the
# words, with no colon; a decree read in the record closes with its signatures.
STATE = """LA C. PRESIDENTA DIPUTADA ANA RUIZ GARZA
Se abre la sesión.

C. SENADORA LUCÍA MEDINA ROBLES (PT)
Muchas gracias, presidenta. Presento una iniciativa.

EL C. SECRETARIO DIPUTADO JUAN PÉREZ LÓPEZ
Se da lectura al decreto.
Dado en el Salón de Sesiones, a 5 de octubre de 2025.
DIPUTADA MARÍA LÓPEZ DÍAZ
Presidenta
ATENTAMENTE
DIPUTADO JOSÉ LUIS MARTÍNEZ
Se cumple.
"""


def test_a_heading_in_capitals_alone_without_colon_heads_the_words_below_it() -> None:
    turns = [(t.speaker, t.text) for t in split_turns(STATE)]
    assert turns == [
        ("LA C. PRESIDENTA DIPUTADA ANA RUIZ GARZA", "Se abre la sesión."),
        ("C. SENADORA LUCÍA MEDINA ROBLES (PT)",
         "Muchas gracias, presidenta. Presento una iniciativa."),
        # the signatures are the decree's: a name with its office under it is no heading
        # of this shape (the section reader takes it for a heading of the record, its lines
        # no one's), nor a name after «ATENTAMENTE»; never a person's turn
        ("EL C. SECRETARIO DIPUTADO JUAN PÉREZ LÓPEZ",
         "Se da lectura al decreto. Dado en el Salón de Sesiones, a 5 de octubre de 2025."),
        (None, "Presidenta ATENTAMENTE DIPUTADO JOSÉ LUIS MARTÍNEZ Se cumple."),
    ]  # fmt: skip
    speeches = speeches_of(_session(STATE), People(CONGRESS))
    assert [(s.person_name, s.role, s.party) for s in speeches] == [
        ("Ana Ruiz Garza", "presidencia", None),
        ("Lucía Medina Robles", "legislador", "PT"),
        ("Juan Pérez López", "secretaria", None),
        (None, None, None),
    ]
