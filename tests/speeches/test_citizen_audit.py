"""What a citizen reads of a session, turn by turn: each turn's words under the one who
said them, as the court's and the congresses' records write their headings (broken over
two lines or alone at a page's top, an unnamed voice from the floor, a secretary named by
office), names in capitals shown with their particles in lower case, and one person
however briefly or fully a record names them, never two people made one."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import ExtractionLimits, extract_text
from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

REPO = Path(__file__).resolve().parents[2]
SCJN_PDF = next(
    (
        base / "shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared/corpus").is_dir()
    ),
    REPO.parent / "shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf",
)
COURT = "Suprema Corte de Justicia de la Nación"
CONGRESS = "H. Congreso del Estado de Querétaro"

# A versión taquigráfica as the court prints it (attendance in capitals, the opening in
# brackets, headings in capitals glued to the page before), set in a column so narrow
# that the long headings break before their colon.
NARROW_VT = """SUPREMA CORTE DE JUSTICIA DE LA NACIÓN
TRIBUNAL PLENO
SESIÓN PÚBLICA ORDINARIA DEL PLENO DE LA SUPREMA CORTE DE
JUSTICIA DE LA NACIÓN, CELEBRADA EL JUEVES 6 DE MARZO DE 2031.
ASISTENCIA:
PRESIDENTE SEÑOR MINISTRO:
ROGELIO ANDRÉS VILLASEÑOR DEL CASTILLO
SEÑORAS MINISTRAS Y SEÑORES
MINISTROS:
MARÍA DE LA PAZ GONZÁLEZ ALCÁNTARA RUEDA
TOMÁS ESTEBAN DE LA FUENTE OLIVARES
ÁNGELA ORTIZ MENDOZA
AUSENTES: SEÑORA MINISTRA Y SEÑOR
MINISTRO:
RAMÓN ORTIZ VEGA
(SE ABRIÓ LA SESIÓN A LAS 11:40 HORAS)\fSEÑOR MINISTRO
PRESIDENTE: Buenos días. Se abre la sesión. Dé cuenta, secretario.
SECRETARIO GENERAL DE
ACUERDOS: Sí, señor Ministro Presidente. Se somete a su
consideración el proyecto relativo a la
CONTROVERSIA CONSTITUCIONAL 41/2030, PROMOVIDA POR EL
MUNICIPIO DE TEQUISQUIAPAN.
Bajo la ponencia de la señora Ministra González Alcántara.
SEÑOR MINISTRO PRESIDENTE: Ministra ponente.
SEÑORA MINISTRA GONZÁLEZ ALCÁNTARA
RUEDA: Gracias, Presidente. Propongo declarar la invalidez.\fSEÑOR MINISTRO DE LA FUENTE
OLIVARES: Estoy en contra del proyecto.
SEÑORA MINISTRA ORTIZ
MENDOZA: Con el proyecto.
SEÑOR MINISTRO PRESIDENTE
VILLASEÑOR DEL CASTILLO: Con el proyecto. (VOTACIÓN FAVORABLE).
SEÑOR MINISTRO PRESIDENTE: Se levanta la sesión.
(SE LEVANTÓ LA SESIÓN A LAS 12:05 HORAS)
"""


def _session(text: str, institution: str = CONGRESS, congress: str | None = CONGRESS) -> Sesion:
    return Sesion(
        id="s-audit",
        title="Sesión",
        institution=institution,
        jurisdiction="MX-QUE",
        source_id="x",
        url="https://ejemplo.gob.mx/s-audit",
        text=text,
        agenda=[],
        congress=congress,
        legislature="LXI",
        chamber="Pleno",
    )


def _said(speeches: list) -> list[tuple[str | None, str | None, str]]:  # type: ignore[type-arg]
    return [(s.speaker_as_written, s.person_name, s.text) for s in speeches if not s.procedural]


def test_a_court_heading_broken_over_two_lines_opens_its_speakers_turn() -> None:
    speeches = speeches_of(_session(NARROW_VT, COURT, None), People(COURT))
    assert _said(speeches) == [
        (
            "SEÑOR MINISTRO PRESIDENTE",
            "Rogelio Andrés Villaseñor del Castillo",
            "Buenos días. Se abre la sesión. Dé cuenta, secretario.",
        ),
        (
            "SECRETARIO GENERAL DE ACUERDOS",
            None,
            "Sí, señor Ministro Presidente. Se somete a su consideración el proyecto relativo a"
            " la CONTROVERSIA CONSTITUCIONAL 41/2030, PROMOVIDA POR EL MUNICIPIO DE "
            "TEQUISQUIAPAN. Bajo la ponencia de la señora Ministra González Alcántara.",
        ),
        (
            "SEÑOR MINISTRO PRESIDENTE",
            "Rogelio Andrés Villaseñor del Castillo",
            "Ministra ponente.",
        ),
        (
            "SEÑORA MINISTRA GONZÁLEZ ALCÁNTARA RUEDA",
            "María de la Paz González Alcántara Rueda",
            "Gracias, Presidente. Propongo declarar la invalidez.",
        ),
        (
            "SEÑOR MINISTRO DE LA FUENTE OLIVARES",
            "Tomás Esteban de la Fuente Olivares",
            "Estoy en contra del proyecto.",
        ),
        ("SEÑORA MINISTRA ORTIZ MENDOZA", "Ángela Ortiz Mendoza", "Con el proyecto."),
        (
            "SEÑOR MINISTRO PRESIDENTE VILLASEÑOR DEL CASTILLO",
            "Rogelio Andrés Villaseñor del Castillo",
            "Con el proyecto.",
        ),
        (
            "SEÑOR MINISTRO PRESIDENTE",
            "Rogelio Andrés Villaseñor del Castillo",
            "Se levanta la sesión.",
        ),
    ]
    # the attendance's "SEÑORA MINISTRA Y SEÑOR⏎MINISTRO:" is a list's heading, no turn
    assert not any("Y SEÑOR" in (s.speaker_as_written or "") for s in speeches)
    assert [s.agenda_item for s in speeches if s.speaker_as_written][1] == (
        "CONTROVERSIA CONSTITUCIONAL 41/2030, PROMOVIDA POR EL MUNICIPIO DE TEQUISQUIAPAN"
    )


@pytest.mark.skipif(not SCJN_PDF.exists(), reason="../shared/corpus is not here")
def test_the_real_versión_taquigráfica_set_narrow_keeps_every_heading() -> None:
    """The real transcript's text with every heading of three words or more broken before
    its last word: the same turns, under the same people, as printed."""
    import re

    text = extract_text(
        SCJN_PDF.read_bytes(), "application/pdf", SCJN_PDF.name, ExtractionLimits(50_000_000, 120)
    ).text
    heading = re.compile(
        r"(?<!PRESIDENTA )(?<!Y )(?:SE[ÑN]ORA? MINISTR[OA](?: [A-ZÁÉÍÓÚÑ]+)*"
        r"|SECRETARIO GENERAL DE ACUERDOS)(?=:)"
    )
    narrow = heading.sub(
        lambda m: m[0] if len(m[0].split()) < 3 else "\n".join(m[0].rsplit(" ", 1)), text
    )
    assert narrow != text
    printed = speeches_of(_session(text, COURT, None), People(COURT))
    broken = speeches_of(_session(narrow, COURT, None), People(COURT))
    assert len(printed) > 200
    assert _said(broken) == _said(printed)


@pytest.mark.skipif(not SCJN_PDF.exists(), reason="../shared/corpus is not here")
def test_a_line_in_capitals_at_one_page_s_top_is_kept_in_the_real_transcript() -> None:
    """A resolutive point read in capitals that a page break puts at the top of a page
    («CUARTO. SE CONDENA AL CONGRESO DEL ESTADO DE⏎PUEBLA…») is the secretary's words,
    not a running head: only a line at the top of several pages is one."""
    text = extract_text(
        SCJN_PDF.read_bytes(), "application/pdf", SCJN_PDF.name, ExtractionLimits(50_000_000, 120)
    ).text
    speeches = speeches_of(_session(text, COURT, None), People(COURT))
    read = [s for s in speeches if "CUARTO. SE CONDENA AL CONGRESO DEL ESTADO DE" in s.text]
    assert [s.speaker_as_written for s in read] == ["SECRETARIO GENERAL DE ACUERDOS"]


def test_a_secretary_named_by_office_is_no_one_named() -> None:
    text = (
        "SEÑORA MINISTRA PRESIDENTA: Dé cuenta, por favor.\n"
        "SECRETARIA AUXILIAR DE ACUERDOS: Sí, señora Ministra Presidenta.\n"
        "SECRETARIO DE ESTUDIO Y CUENTA JULIÁN ROBLES DE LA TORRE: Con su venia.\n"
    )
    people = People(COURT)
    speeches = speeches_of(_session(text, COURT, None), people)
    assert [(s.speaker_as_written, s.role, s.person_name) for s in speeches] == [
        ("SEÑORA MINISTRA PRESIDENTA", "presidencia", None),
        ("SECRETARIA AUXILIAR DE ACUERDOS", "secretaria", None),
        (
            "SECRETARIO DE ESTUDIO Y CUENTA JULIÁN ROBLES DE LA TORRE",
            "secretaria",
            "Julián Robles de la Torre",
        ),
    ]
    assert sorted(p.name for p in people.by_id.values()) == ["Julián Robles de la Torre"]


def test_an_unnamed_voice_from_the_floor_is_its_own_turn_of_no_one() -> None:
    text = (
        "-La Presidenta diputada Laura Elena Campos de la Rosa: Tiene la palabra la diputada.\n"
        "-La diputada Irene Salgado Pons: Con su venia, Presidenta.\n"
        "-Voz: ¡Que se vote ya!\n"
        "-La diputada Irene Salgado Pons: Continúo.\n"
        "Voz femenina: ¡Justicia para las madres buscadoras!\n"
        "LA C. PRESIDENTA.- Orden en la sala.\n"
        "VOZ.- ¡Fuera!\n"
        "LA C. PRESIDENTA.- Se levanta la sesión.\n"
    )
    speeches = speeches_of(_session(text), People(CONGRESS))
    assert [(s.speaker_as_written, s.role, s.person_name, s.text) for s in speeches] == [
        (
            "La Presidenta diputada Laura Elena Campos de la Rosa",
            "presidencia",
            "Laura Elena Campos de la Rosa",
            "Tiene la palabra la diputada.",
        ),
        (
            "La diputada Irene Salgado Pons",
            "legislador",
            "Irene Salgado Pons",
            "Con su venia, Presidenta.",
        ),
        ("Voz", "otro", None, "¡Que se vote ya!"),
        ("La diputada Irene Salgado Pons", "legislador", "Irene Salgado Pons", "Continúo."),
        ("Voz femenina", "otro", None, "¡Justicia para las madres buscadoras!"),
        ("LA C. PRESIDENTA", "presidencia", "Laura Elena Campos de la Rosa", "Orden en la sala."),
        ("VOZ", "otro", None, "¡Fuera!"),
        (
            "LA C. PRESIDENTA",
            "presidencia",
            "Laura Elena Campos de la Rosa",
            "Se levanta la sesión.",
        ),
    ]

    # a voice in a sentence opens no turn
    text = "-La diputada Irene Salgado Pons: Mi voz: la de las mujeres del campo.\n"
    assert [t.speaker for t in split_turns(text)] == ["La diputada Irene Salgado Pons"]


def test_a_person_named_briefly_first_and_fully_later_is_one_person_shown_fully() -> None:
    text = (
        "-La Presidenta diputada Laura Elena Campos de la Rosa: Tiene la palabra.\n"
        "-El diputado Juan Pérez Lozano: Con su venia.\n"
        "-La Presidenta: Gracias.\n"
        "-El diputado Juan Carlos Pérez Lozano (PAN): Pido la palabra otra vez.\n"
        "-La diputada María Pérez Lozano: Y yo, por alusiones.\n"
        "-El diputado Juan Pérez Ruiz: Yo soy otro.\n"
    )
    people = People(CONGRESS)
    speeches = speeches_of(_session(text), people)
    named = [(s.speaker_as_written, s.person_name) for s in speeches if s.role == "legislador"]
    assert named == [
        ("El diputado Juan Pérez Lozano", "Juan Carlos Pérez Lozano"),
        ("El diputado Juan Carlos Pérez Lozano (PAN)", "Juan Carlos Pérez Lozano"),
        ("La diputada María Pérez Lozano", "María Pérez Lozano"),
        ("El diputado Juan Pérez Ruiz", "Juan Pérez Ruiz"),
    ]
    ids = [s.person_id for s in speeches if s.role == "legislador"]
    assert ids[0] == ids[1] and len(set(ids)) == 3
    assert sorted(p.name for p in people.by_id.values()) == [
        "Juan Carlos Pérez Lozano",
        "Juan Pérez Ruiz",
        "Laura Elena Campos de la Rosa",
        "María Pérez Lozano",
    ]


def test_a_roster_s_two_names_one_within_the_other_stay_two_people() -> None:
    """What a roster lists is each person's whole name: a speech's brief name met first
    joins a longer one later, a roster's never."""
    people = People(CONGRESS)
    for name in ("Juan Pérez Lozano", "Juan Carlos Pérez Lozano"):
        people.resolve(name).add_term("LXI", None, "Pleno", "padrón")  # type: ignore[union-attr]
    speeches = speeches_of(_session("-El diputado Juan Pérez Lozano: Con su venia.\n"), people)
    assert sorted(p.name for p in people.by_id.values()) == [
        "Juan Carlos Pérez Lozano",
        "Juan Pérez Lozano",
    ]
    assert [s.person_name for s in speeches] == ["Juan Pérez Lozano"]
    # a speech's brief name, then the whole one: one person (see above), even beside a
    # roster's other Pérez Lozano
    speeches = speeches_of(
        _session(
            "-El diputado Luis Ortega Ramos: Con su venia.\n"
            "-El diputado Luis Alberto Ortega Ramos: Otra vez.\n"
        ),
        people,
    )
    assert {s.person_name for s in speeches} == {"Luis Alberto Ortega Ramos"}
    assert len({s.person_id for s in speeches}) == 1


def test_a_state_congress_s_dotted_heading_broken_over_two_lines_opens_its_turn() -> None:
    text = (
        "LA C. PRESIDENTA.- Tiene la palabra la diputada.\n"
        "LA C. DIPUTADA MARÍA DE LA LUZ\n"
        "HERNÁNDEZ GARZA.- Con su venia, Presidenta.\n"
        "EL C. SECRETARIO.- Se informa que hay quórum.\n"
        "La Diputada Rocío Ibarra de la\n"
        "Peña (PAN).- Gracias.\n"
        "La diputada Ana Ruiz Olvera presentó la\n"
        "iniciativa.- Y se turnó a comisiones.\n"
    )
    assert [(t.speaker, t.text) for t in split_turns(text)] == [
        ("LA C. PRESIDENTA", "Tiene la palabra la diputada."),
        ("LA C. DIPUTADA MARÍA DE LA LUZ HERNÁNDEZ GARZA", "Con su venia, Presidenta."),
        ("EL C. SECRETARIO", "Se informa que hay quórum."),
        (
            "La Diputada Rocío Ibarra de la Peña (PAN)",
            # a sentence broken before a dash opens no turn
            "Gracias. La diputada Ana Ruiz Olvera presentó la iniciativa.- Y se turnó a "
            "comisiones.",
        ),
    ]


def test_a_degree_between_the_role_and_the_name_is_no_part_of_the_name() -> None:
    text = (
        "-La C. Presidenta: Tiene la palabra.\n"
        "-La diputada licenciada Ana Ruiz Pérez: Con su venia.\n"
        "-El diputado doctor Juan Pérez López: Gracias.\n"
        "-La diputada Ana Ruiz Pérez: Otra vez.\n"
        "-El C. Dip. Dr. Juan Pérez López: Y yo.\n"
        "-La diputada maestra Rosa Elena Doctor Ruiz: Gracias.\n"
    )
    people = People(CONGRESS)
    speeches = speeches_of(_session(text), people)
    assert [s.person_name for s in speeches][1:] == [
        "Ana Ruiz Pérez",
        "Juan Pérez López",
        "Ana Ruiz Pérez",
        "Juan Pérez López",
        "Rosa Elena Doctor Ruiz",
    ]
    assert len({s.person_id for s in speeches[1:]}) == 3
