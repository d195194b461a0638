"""Who said what when a record heads a turn in a way the reader does not know: the words
are no one's, never the previous speaker's (a wrong name is worse than none); and the
headings the Senado and the Cámara write for long compound names and announced
interventions («Intervención de la senadora …») name their speaker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

SENADO = "Senado de la República"
REPO = Path(__file__).resolve().parents[2]
SENATORS = next(
    (
        base / "shared/corpus/fundar-senadores/senadores.csv"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared/corpus").is_dir()
    ),
    REPO.parent / "shared/corpus/fundar-senadores/senadores.csv",
)

# Modelled on the Senado's versión estenográfica (LXVI Legislatura): the chair's heading
# in mixed case, a speech with a vocative, a law's title and a numbered point at its
# paragraphs' start, then turns headed in shapes the reader has no pattern for.
SESSION = """VERSIÓN ESTENOGRÁFICA DE LA SESIÓN ORDINARIA DE LA H. CÁMARA DE SENADORES,
CELEBRADA EL MARTES 7 DE OCTUBRE DE 2031.

La Presidenta Senadora Rosalía Ibarra Quintanar: Se abre la sesión. Tiene la palabra el
senador Ortega.

El Senador Tadeo Ortega Villalpando (PAN): Con su venia, Presidenta.

Honorable Asamblea: vengo a hablar de la reforma.

Ley General de Salud: eso es lo que se reforma hoy.

Lo que dijo el senador fue: nada.

Primero: hay que votar.

Senador Ortega: No estoy de acuerdo con usted.

Y no lo estaré nunca.

La Presidenta Senadora Rosalía Ibarra Quintanar: Gracias. (Aplausos)

La Consejera Jurídica Irene Salcedo Montiel: Buenos días a todas y a todos.

Vengo a explicar la iniciativa.

La Presidenta Senadora Rosalía Ibarra Quintanar: Gracias, consejera.

Bruno Cárdenas Lizárraga, del Grupo Parlamentario de Morena: Pido la palabra.

La Presidenta Senadora Rosalía Ibarra Quintanar: Se levanta la sesión.
"""


def _session(text: str) -> Sesion:
    return Sesion(
        id="s-unread",
        source_id="senado",
        url="https://example.org/s",
        title="Sesión ordinaria",
        institution=SENADO,
        jurisdiction="MX",
        congress=SENADO,
        legislature="LXVI",
        date=dt.date(2031, 10, 7),
        text=text,
    )


def test_a_heading_of_an_unread_shape_gives_its_words_to_no_one() -> None:
    turns = [(t.speaker, t.text) for t in split_turns(SESSION) if not t.procedural]
    chair = "La Presidenta Senadora Rosalía Ibarra Quintanar"
    assert turns == [
        (chair, "Se abre la sesión. Tiene la palabra el senador Ortega."),
        (
            "El Senador Tadeo Ortega Villalpando (PAN)",
            # a vocative, a law's title, a sentence and a numbered point stay his words
            "Con su venia, Presidenta. Honorable Asamblea: vengo a hablar de la reforma. "
            "Ley General de Salud: eso es lo que se reforma hoy. Lo que dijo el senador "
            "fue: nada. Primero: hay que votar.",
        ),
        # someone else answers, headed in a shape not read: no one's words, kept whole
        (None, "Senador Ortega: No estoy de acuerdo con usted. Y no lo estaré nunca."),
        (chair, "Gracias."),
        (
            None,
            "La Consejera Jurídica Irene Salcedo Montiel: Buenos días a todas y a todos. "
            "Vengo a explicar la iniciativa.",
        ),
        (chair, "Gracias, consejera."),
        (None, "Bruno Cárdenas Lizárraga, del Grupo Parlamentario de Morena: Pido la palabra."),
        (chair, "Se levanta la sesión."),
    ]


def test_the_unread_heading_s_words_are_credited_to_no_person() -> None:
    speeches = speeches_of(_session(SESSION), People(SENADO))
    answer = next(s for s in speeches if s.text.startswith("Senador Ortega:"))
    assert answer.speaker_as_written is None and answer.person_id is None
    assert answer.person_name is None and answer.party is None
    # the senator's own turn keeps his name and party
    own = next(s for s in speeches if s.text.startswith("Con su venia"))
    assert (own.person_name, own.party) == ("Tadeo Ortega Villalpando", "PAN")
    assert not any("Ortega" in (s.person_name or "") for s in speeches if s.order > own.order)


@pytest.mark.parametrize(
    ("line", "name", "party"),
    [
        # compound surnames: more than eight words of a name after the role
        (
            "La Diputada María de la Luz Hernández y Pérez de León (MC): Gracias.",
            "María de la Luz Hernández y Pérez de León",
            "MC",
        ),
        (
            "La senadora María de los Ángeles de la Torre y Fernández del Valle (PRI): Gracias.",
            "María de los Ángeles de la Torre y Fernández del Valle",
            "PRI",
        ),
        # the Senado's announced interventions
        (
            "Intervención de la Senadora Ana Lilia Rivera Rivera (MORENA): Gracias.",
            "Ana Lilia Rivera Rivera",
            "MORENA",
        ),
        ("Intervención del senador Manuel Añorve Baños (PRI):", "Manuel Añorve Baños", "PRI"),
        ("INTERVENCIÓN DEL SENADOR MANUEL AÑORVE BAÑOS (PRI)", "Manuel Añorve Baños", "PRI"),
    ],
)
def test_long_compound_names_and_announced_interventions_name_their_speaker(
    line: str, name: str, party: str
) -> None:
    text = (
        "La Presidenta Senadora Rosalía Ibarra Quintanar: Tiene la palabra.\n\n"
        f"{line}\n\nHablo de la reforma.\n\n"
        "La Presidenta Senadora Rosalía Ibarra Quintanar: Gracias.\n"
    )
    speeches = speeches_of(_session(text), People(SENADO))
    said = [s for s in speeches if "Hablo de la reforma." in s.text]
    assert len(said) == 1
    assert (said[0].person_name, said[0].party, said[0].role) == (name, party, "legislador")
    assert speeches[0].text == "Tiene la palabra."  # not glued to the chair's words


def test_votes_said_name_colon_vote_are_a_list_and_a_letter_s_address_is_read() -> None:
    """Each senator says their vote aloud ("Juan López García: A favor."): a list of the
    record, never the secretary's words nor a heading; a letter read into the record
    ("Senadora …: Presente.") stays the reader's words."""
    text = (
        "La Secretaria Senadora Ana Ruiz Pérez: Se recoge la votación nominal.\n\n"
        "Juan López García: A favor.\n\nAna María Torres Díaz: En contra.\n\n"
        "Luis Ortega Mena: Abstención.\n\n"
        "La Secretaria Senadora Ana Ruiz Pérez: Se da lectura al oficio.\n\n"
        "Senadora Rosalía Ibarra Quintanar: Presente.\n\n"
        "La Presidenta Senadora Rosalía Ibarra Quintanar: Gracias.\n"
    )
    secretary = "La Secretaria Senadora Ana Ruiz Pérez"
    assert [(t.speaker, t.text, t.procedural) for t in split_turns(text)] == [
        (secretary, "Se recoge la votación nominal.", False),
        (
            None,
            "Juan López García: A favor. · Ana María Torres Díaz: En contra. · "
            "Luis Ortega Mena: Abstención.",
            True,
        ),
        (secretary, "Se da lectura al oficio. Senadora Rosalía Ibarra Quintanar: Presente.", False),
        ("La Presidenta Senadora Rosalía Ibarra Quintanar", "Gracias.", False),
    ]


def test_the_chair_of_another_body_is_not_the_sitting_s_chair() -> None:
    """ "La Presidenta de la Comisión de Salud, senadora …:" speaks as a legislator named
    after the comma; with no name, no one: never the senator presiding the sitting (and
    she does not become the chair for the next "La Presidenta:")."""
    text = (
        "La Presidenta Senadora Rosalía Ibarra Quintanar: Tiene la palabra la comisión.\n\n"
        "La Presidenta de la Comisión de Salud, senadora Irene Salcedo Montiel: Gracias.\n\n"
        "El Presidente de la Junta de Coordinación Política: Pido la palabra.\n\n"
        "La Presidenta: Adelante.\n\n"
        "La Vicepresidenta de la Comisión de Hacienda, senadora Ana Ruiz Pérez (PAN): Sí.\n\n"
        "La Presidenta de la Mesa Directiva: Se levanta la sesión.\n"
    )
    said = [
        (s.text, s.person_name, s.role, s.party)
        for s in speeches_of(_session(text), People(SENADO))
    ]
    chair = "Rosalía Ibarra Quintanar"
    assert said == [
        ("Tiene la palabra la comisión.", chair, "presidencia", None),
        ("Gracias.", "Irene Salcedo Montiel", "legislador", None),
        ("Pido la palabra.", None, "otro", None),
        ("Adelante.", chair, "presidencia", None),
        ("Sí.", "Ana Ruiz Pérez", "legislador", "PAN"),
        ("Se levanta la sesión.", chair, "presidencia", None),
    ]


@pytest.mark.skipif(not SENATORS.exists(), reason="../shared/corpus is not here")
def test_the_real_senators_names_in_every_heading_shape_are_theirs_or_no_one_s() -> None:
    """The LXII Legislatura's 84 senators as Fundar's roster writes them ("Mayans Canabal,
    Humberto Domingo|PRD"): accents, compound surnames, a given name that is also a
    weekday. Headed the Senado's ways their words are theirs; headed in a shape not
    read ("Senador …: …") no one's, never the chair's."""
    rows = [
        line.split("|")
        for line in SENATORS.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    ]
    shapes = {
        "El Senador {name} ({party}): Hablo del tema.": True,
        "—El C. Senador {name}: Hablo del tema.": True,
        "Intervención del senador {name} ({party})\n\nHablo del tema.": True,
        "Senador {name}: Hablo del tema.": False,
    }
    outcome: dict[str, list[str | None]] = {shape: [] for shape in shapes}
    for row in rows:
        surnames, given = (part.strip() for part in row[0].split(",", 1))
        name, party = f"{given} {surnames}", row[1].strip()
        for shape in shapes:
            line = shape.format(name=name, party=party)
            text = (
                "La Presidenta Senadora Rosalía Ibarra Quintanar: Tiene la palabra.\n\n"
                f"{line}\n\nLa Presidenta Senadora Rosalía Ibarra Quintanar: Gracias.\n"
            )
            said = [s for s in speeches_of(_session(text), People(SENADO)) if "Hablo" in s.text]
            assert len(said) == 1, line
            shown = said[0].person_name
            outcome[shape].append(shown if shown in (None, name) else f"WRONG: {shown}")
            assert shown == (name if shapes[shape] else None), line
    assert len(rows) == 84 and all(len(found) == 84 for found in outcome.values())
