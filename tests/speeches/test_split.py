"""Stenographic versions cut into attributed speeches: a congress's and the SCJN's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.extract import ExtractionLimits, extract_text
from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People, read_roster

FIXTURES = Path(__file__).parents[1] / "fixtures" / "speeches"
REPO = Path(__file__).resolve().parents[2]
# ../shared next to the repository (or next to the folder of worktrees)
SCJN_PDF = next(
    (
        base / "shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared/corpus").is_dir()
    ),
    REPO.parent / "shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf",
)
CONGRESS = "H. Congreso del Estado de Guanajuato"
AGENDA = [
    "Lista de asistencia y comprobación del quórum.",
    "Presentación de la Iniciativa 140/LXVI, formulada por diputadas y diputados.",
    "Asuntos de interés general.",
]
TRANSCRIPT = """VERSIÓN ESTENOGRÁFICA
SESIÓN ORDINARIA DEL PLENO
Pleno · 18 de febrero de 2025 · Presidencia de la diputada María Fernanda Ruiz Olvera
1. Lista de asistencia y comprobación del quórum.
-La C. Presidenta: Se pide a la secretaría certificar el quórum.
-La Secretaría: Presidenta, hay quórum.
2. Presentación de la Iniciativa 140/LXVI, formulada por diputadas y
diputados.
-El diputado José Luis Cabrera Ledesma (PAN): Con el permiso de la Presidencia.
Presentamos la Iniciativa 140/LXVI sobre el agua potable.
(Aplausos)
-La diputada Ana Sofía Núñez (desde la curul): ¿Acepta una pregunta el orador?
-La C. Presidenta: Se turna a la Comisión de Medio Ambiente.
3. Asuntos de interés general.
-La Presidenta diputada Ana Sofía Núñez Ávila: Asume la Presidencia la vicepresidenta.
-El diputado Dip. José Luis Cabrera: Hago uso de la voz sobre los caminos rurales.
(Se decreta un receso)
-La C. Presidenta: Se reanuda la sesión y se levanta.
"""


def _session(text: str, agenda: list[str], **fields: str | None) -> Sesion:
    return Sesion(
        id="s1",
        title="Sesión",
        institution=fields.get("institution") or CONGRESS,
        jurisdiction="MX-GUA",
        source_id="x",
        url="https://ejemplo.gob.mx/s1",
        text=text,
        agenda=agenda,
        congress=fields.get("congress", CONGRESS),
        legislature="LXVI",
        chamber="Pleno",
    )


def test_a_congress_transcript_becomes_attributed_speeches_under_their_agenda_items() -> None:
    people = People(CONGRESS)
    for entry in read_roster((FIXTURES / "padron-diputados.csv").read_text()):
        people.resolve(entry.name).add_term("LXVI", entry.party, "Pleno", "padrón")  # type: ignore[union-attr]
    speeches = speeches_of(_session(TRANSCRIPT, AGENDA), people)
    seen = [
        (s.speaker_as_written, s.person_name, s.role, s.party, s.agenda_index, s.procedural)
        for s in speeches
        if s.order
    ]
    assert seen == [
        ("La C. Presidenta", "María Fernanda Ruiz Olvera", "presidencia", "MORENA", 0, False),
        ("La Secretaría", None, "secretaria", None, 0, False),
        (
            "El diputado José Luis Cabrera Ledesma (PAN)",
            "José Luis Cabrera Ledesma",
            "legislador",
            "PAN",
            1,
            False,
        ),
        (None, None, None, None, 1, True),
        (
            "La diputada Ana Sofía Núñez (desde la curul)",
            "Ana Sofía Núñez Ávila",
            "legislador",
            "MC",
            1,
            False,
        ),
        ("La C. Presidenta", "María Fernanda Ruiz Olvera", "presidencia", "MORENA", 1, False),
        (
            "La Presidenta diputada Ana Sofía Núñez Ávila",
            "Ana Sofía Núñez Ávila",
            "presidencia",
            "MC",
            2,
            False,
        ),
        (
            "El diputado Dip. José Luis Cabrera",
            "José Luis Cabrera Ledesma",
            "legislador",
            "PAN",
            2,
            False,
        ),
        (None, None, None, None, 2, True),
        # the last named presidency presides from then on
        ("La C. Presidenta", "Ana Sofía Núñez Ávila", "presidencia", "MC", 2, False),
    ]
    # the record's heading before anyone speaks: kept first, at order 0, no one's
    opening = speeches[0]
    assert (opening.order, opening.speaker_as_written, opening.person_id) == (0, None, None)
    assert opening.procedural and opening.text.startswith("VERSIÓN ESTENOGRÁFICA SESIÓN")
    speeches = speeches[1:]
    assert speeches[2].text.endswith("Iniciativa 140/LXVI sobre el agua potable.")
    assert speeches[3].text == "(Aplausos)"
    assert [s.order for s in speeches] == list(range(1, 11))
    assert speeches[2].agenda_item == AGENDA[1]
    assert len({s.id for s in speeches}) == 10


def test_a_name_no_roster_or_speech_settles_is_left_unresolved() -> None:
    people = People(CONGRESS)
    people.resolve("José Luis Cabrera Ledesma")
    people.resolve("José Luis Cabrera Pérez")
    text = "-El diputado José Luis Cabrera: Pido la palabra.\n"
    [speech] = speeches_of(_session(text, []), people)
    assert speech.role == "legislador" and speech.person_id is None


def test_one_person_however_their_name_is_written() -> None:
    people = People(CONGRESS)
    person = people.resolve("Cabrera Ledesma, José Luis")
    for written in (
        "Dip. José Luis Cabrera Ledesma",
        "JOSÉ LUIS CABRERA",
        "Sen. Jose Luis Cabrera",
        "C. José Luis Cabrera Ledesma",
        "Cabrera Ledesma",
    ):
        assert people.find(written) is person, written
    assert people.find("José Cabrera") is person
    assert people.find("Luis Cabrera Ledesma") is person
    assert people.find("Ana Cabrera") is None


def test_a_published_roster_is_read_with_its_stray_spaces() -> None:
    roster = read_roster((FIXTURES / "padron-diputados.csv").read_text())
    assert [(e.name, e.party) for e in roster] == [
        ("José Luis Cabrera Ledesma", "PAN"),
        ("María Fernanda Ruiz Olvera", "MORENA"),
        ("Ana Sofía Núñez Ávila", "MC"),
        ("Roberto Torres Garza", "PRI"),
    ]


@pytest.mark.skipif(not SCJN_PDF.exists(), reason="the shared corpus is not mounted")
def test_every_speech_of_the_real_scjn_transcript_has_its_speaker() -> None:
    expected = json.loads((FIXTURES / "scjn-vt-pleno-2025-02-18.json").read_text())
    extraction = extract_text(
        SCJN_PDF.read_bytes(),
        "application/pdf",
        SCJN_PDF.name,
        ExtractionLimits(max_bytes=50_000_000, timeout_s=120),
    )
    session = _session(
        extraction.text, [], institution="Suprema Corte de Justicia de la Nación", congress=None
    )
    speeches = speeches_of(session, People(session.institution))
    headed = [s for s in speeches if s.speaker_as_written and not _continued(speeches, s)]
    assert [s.speaker_as_written for s in headed] == expected["speakers"]
    for speech in speeches:
        if speech.procedural:
            # a stage direction, or the record's index before anyone speaks (order 0)
            assert speech.speaker_as_written is None
            assert speech.text.startswith("(" if speech.order else "ÍNDICE")
            continue
        want = expected["people"][speech.speaker_as_written]
        assert (speech.person_name, speech.role) == (want["person"], want["role"]), speech.order
    items = [s.agenda_item for s in speeches if s.agenda_item]
    for number, end in zip(expected["matters"], expected["matter_ends"], strict=True):
        # each matter's title whole, to its end, though a full stop sits inside one
        assert any(number in item and item.endswith(end) for item in items), number
    votes = [s for s in speeches if s.procedural and "VOTACIÓN FAVORABLE" in s.text]
    assert len(votes) >= 10


def _continued(speeches: list, speech: object) -> bool:  # type: ignore[type-arg]
    """A speaker's words after a stage direction, without a new heading."""
    index = speeches.index(speech)
    return (
        index > 0
        and speeches[index - 1].procedural
        and speeches[index - 1].speaker_as_written is None
        and _same_after(speeches, index)
    )


def _same_after(speeches: list, index: int) -> bool:  # type: ignore[type-arg]
    before = [s for s in speeches[:index] if s.speaker_as_written]
    return bool(before) and before[-1].speaker_as_written == speeches[index].speaker_as_written


def test_speaker_lines_as_other_congresses_and_scans_write_them() -> None:
    """Capitals (``-EL C. SECRETARIO…:``), no dash before a role (``La presidenta
    diputada…:``), a scan's lost Ñ (``SENORA MINISTRA…:``); a line that only begins like
    one ("La propuesta es: …", "El diputado Juan propuso lo siguiente: …") stays speech."""
    from indexer.speeches.split import split_turns

    text = (
        "-EL C. SECRETARIO DIPUTADO JUAN PÉREZ: Hay quórum, presidenta.\n"
        "La presidenta diputada María Teresa Castell de Oro Palacios: Se abre la sesión.\n"
        "La propuesta es: aprobar el orden del día.\n"
        "El diputado Juan propuso lo siguiente: votarla.\n"
        "La C. Presidenta: Gracias.\n"
        "SENORA MINISTRA PRESIDENTA: Continúe.\n"
        "SENOR MINISTRO LAYNEZ POTISEK: Gracias.\n"
    )
    assert [(t.speaker, t.text[:20]) for t in split_turns(text)] == [
        ("EL C. SECRETARIO DIPUTADO JUAN PÉREZ", "Hay quórum, presiden"),
        ("La presidenta diputada María Teresa Castell de Oro Palacios", "Se abre la sesión. L"),
        ("La C. Presidenta", "Gracias."),
        ("SENORA MINISTRA PRESIDENTA", "Continúe."),
        ("SENOR MINISTRO LAYNEZ POTISEK", "Gracias."),
    ]


def test_a_speaker_heading_wrapped_over_two_lines_is_one_turn_of_that_speaker() -> None:
    """A PDF's text breaks a long heading where its column ends (``—El diputado Juan
    Pérez⏎García (PRI): …``): the words after the break are the new speaker's, not the
    previous speaker's, and the name is whole."""
    from indexer.speeches.split import split_turns

    text = (
        "—La presidenta diputada María Fernanda Ruiz Olvera: Tiene la palabra el diputado.\n"
        "—El diputado Juan Pérez\n"
        "García (PRI): Con su venia, presidenta. Vengo a hablar del agua.\n"
        "La presidenta diputada Ana Sofía Núñez\n"
        "Ávila: Gracias, diputado. Se turna a comisiones.\n"
        "—El diputado Roberto Torres Garza\n"
        "(PAN): Pido la palabra.\n"
        "La diputada Ana Sofía Núñez Ávila (desde la\n"
        "curul): ¿Acepta una pregunta el orador?\n"
        "-El Presidente Senador\n"
        "Gerardo Fernández Noroña: Adelante.\n"
    )
    assert [(t.speaker, t.text[:22]) for t in split_turns(text)] == [
        ("La presidenta diputada María Fernanda Ruiz Olvera", "Tiene la palabra el di"),
        ("El diputado Juan Pérez García (PRI)", "Con su venia, presiden"),
        ("La presidenta diputada Ana Sofía Núñez Ávila", "Gracias, diputado. Se "),
        ("El diputado Roberto Torres Garza (PAN)", "Pido la palabra."),
        ("La diputada Ana Sofía Núñez Ávila (desde la curul)", "¿Acepta una pregunta e"),
        ("El Presidente Senador Gerardo Fernández Noroña", "Adelante."),
    ]


def test_ordinary_lines_that_only_begin_like_a_heading_are_not_joined_into_one() -> None:
    """Two lines of a speech make no speaker when the first says more than a role and a
    name, or the second more than the rest of a name before its colon; nor does a line
    that is a heading by itself swallow the line after it."""
    from indexer.speeches.split import split_turns

    text = (
        "—La C. Presidenta: Se da cuenta con el oficio.\n"
        "La presidenta diputada María Pérez señaló en su informe lo\n"
        "siguiente: que no hay quórum.\n"
        "El diputado Juan Pérez\n"
        "propuso lo siguiente: votarla.\n"
        "La diputada Ana Núñez\n"
        "Gracias por su atención, y le pregunto: ¿votamos?\n"
        "El diputado José Luis Cabrera\n"
        "—La C. Secretaria: Se consulta a la asamblea.\n"
    )
    turns = split_turns(text)
    assert [t.speaker for t in turns] == ["La C. Presidenta", "La C. Secretaria"]
    assert turns[0].text.endswith("El diputado José Luis Cabrera")


def test_a_name_written_surnames_first_without_a_comma_is_the_same_person() -> None:
    """The Cámara's SITL and roll-call tables write "Torres Díaz Elba Lorena (PES)"; a
    speech says "La diputada Elba Lorena Torres Díaz". One person, and still no merge of
    two: brothers who share both surnames, or given names in another order."""
    people = People(CONGRESS)
    elba = people.resolve("Sánchez Ortega Elvira Lorena")
    fernando = people.resolve("Mayans Canabal Fernando Enrique")
    humberto = people.resolve("Mayans Canabal Humberto Domingo")
    jose_luis = people.resolve("Pérez García José Luis")
    assert len({id(p) for p in (elba, fernando, humberto, jose_luis)}) == 4
    text = (
        "-La diputada Elvira Lorena Sánchez Ortega (desde la curul): Pido la palabra.\n"
        "-EL C. DIPUTADO FERNANDO ENRIQUE MAYANS CANABAL: Con su venia.\n"
        "-El diputado Mayans Canabal: Gracias.\n"
        "-El diputado Luis José Pérez García: Votaré a favor.\n"
    )
    speeches = speeches_of(_session(text, []), people)
    assert [s.person_id for s in speeches[:2]] == [elba.id, fernando.id]  # type: ignore[union-attr]
    assert speeches[2].person_id is None  # either brother: left unresolved
    assert speeches[3].person_id != jose_luis.id  # type: ignore[union-attr]
