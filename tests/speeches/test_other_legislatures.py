"""Transcripts of legislatures the readers were not tuned on, in the shapes those
congresses publish (fixtures in ``tests/fixtures/speeches/legislatures/``, written after
real ones with invented people): the Estado de México's Diario ("PRESIDENTA DIP. … .
Buenas tardes."), the Congreso de la Ciudad de México's versión estenográfica (its chair
in the heading, a nominal vote said aloud), a Nuevo León minute and the Senado's
Comisión Permanente. Each speaker, role, party and chair a citizen sees comes from the
record; what the record does not say stays empty."""

from __future__ import annotations

from pathlib import Path

from indexer.models import Sesion
from indexer.readers.sessions import session_type_in_heading
from indexer.speeches.attribute import speeches_of
from indexer.speeches.chair import heading_chair
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "speeches" / "legislatures"


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _session(name: str, congress: str, jurisdiction: str) -> Sesion:
    return Sesion(
        id=f"s-{name}",
        title="Sesión",
        institution=congress,
        jurisdiction=jurisdiction,
        source_id="x",
        url=f"https://ejemplo.gob.mx/{name}",
        text=_text(name),
        agenda=[],
        congress=congress,
    )


def test_the_estado_de_mexico_diario_speakers_closed_by_a_bare_full_stop_open_turns() -> None:
    turns = split_turns(_text("edomex-diario.txt"))
    assert [t.speaker for t in turns if t.speaker] == [
        "PRESIDENTA DIP. ROSARIO ELENA QUINTERO ALDAMA",
        "SECRETARIO DIP. HÉCTOR DAMIÁN OSORIO LUNA",
        "SECRETARIO DIP. HÉCTOR DAMIÁN OSORIO LUNA",
        "PRESIDENTA DIP. ROSARIO ELENA QUINTERO ALDAMA",
        "DIP. LIDIA FUENTES OCHOA (MORENA)",
        "PRESIDENTA DIP. ROSARIO ELENA QUINTERO ALDAMA",
    ]
    # a signature's name (alone, or before an office) is the record's, no turn
    signed = next(t for t in turns if "Presentante" in t.text)
    assert signed.speaker is None and signed.procedural
    # the roll call's note is the record's, not the secretary's words
    assert any(t.speaker is None and t.text == "(Registro de asistencia)" for t in turns)


def test_the_estado_de_mexico_diario_says_who_speaks_in_which_role_and_party() -> None:
    session = _session("edomex-diario.txt", "Legislatura del Estado de México", "MX-MEX")
    said = [
        (s.person_name, s.role, s.party)
        for s in speeches_of(session, People(session.congress or ""))
        if s.speaker_as_written
    ]
    assert said[0] == ("Rosario Elena Quintero Aldama", "presidencia", None)
    assert said[1] == ("Héctor Damián Osorio Luna", "secretaria", None)
    assert ("Lidia Fuentes Ochoa", "legislador", "MORENA") in said
    assert heading_chair(_text("edomex-diario.txt")) == "Rosario Elena Quintero Aldama"
    assert session_type_in_heading(_text("edomex-diario.txt")) == "permanente"


def test_a_cdmx_chair_named_in_the_heading_speaks_the_unnamed_chair_turns() -> None:
    session = _session("cdmx-version.txt", "Congreso de la Ciudad de México", "MX-CMX")
    speeches = speeches_of(session, People(session.congress or ""))
    chair = [s.person_name for s in speeches if s.speaker_as_written == "EL C. PRESIDENTE"]
    assert chair == ["Tomás Ibarra Solís"] * 3
    # a capitalised "Presidencia de la C. Diputada …" line hands the chair over
    last = speeches[-1]
    assert (last.speaker_as_written, last.person_name) == ("LA C. PRESIDENTA", "Andrea Vela Cortés")
    assert session_type_in_heading(session.text) == "ordinaria"


def test_a_nominal_vote_said_aloud_is_the_record_not_the_secretary_words() -> None:
    turns = split_turns(_text("cdmx-version.txt"))
    secretary = " ".join(t.text for t in turns if t.speaker and "SECRETARIA" in t.speaker)
    assert "Aldaco" not in secretary and "Benítez" not in secretary
    vote = next(t for t in turns if "Rubén Aldaco Pino" in t.text)
    assert vote.speaker is None and vote.procedural
    assert "Saúl Benítez de la Rosa, en contra." in vote.text
    # the secretary's words after the list are hers again
    assert any(t.speaker == "LA C. SECRETARIA" and "el resultado es" in t.text for t in turns)


def test_a_name_and_a_vote_in_one_line_of_speech_is_no_list() -> None:
    text = (
        "LA C. DIPUTADA ANA RUIZ LÓPEZ.- Con su venia.\n"
        "Quiero decir que votaré así:\n"
        "Juan Pérez López, a favor.\n"
        "Y lo demás lo diré después.\n"
    )
    turns = split_turns(text)
    assert len(turns) == 1 and "Juan Pérez López, a favor." in turns[0].text


def test_a_nuevo_leon_minute_names_its_chair_by_law_and_its_extraordinary_type() -> None:
    text = _text("nl-acta.txt")
    assert heading_chair(text) == "Armando Treviño Leal"
    # the minute of an ordinary session its agenda mentions is not this one's type
    assert session_type_in_heading(text) == "extraordinaria"


def test_an_agenda_that_reads_an_earlier_minute_gives_no_type() -> None:
    text = (
        "ORDEN DEL DÍA\n"
        "1. Lista de asistencia.\n"
        "2. Lectura y aprobación del acta de la sesión ordinaria celebrada el 3 de marzo.\n"
        "Acta de la sesión solemne del día 5 de febrero.\n"
    )
    assert session_type_in_heading(text) is None


def test_the_senate_permanent_commission_heading_gives_type_and_a_clean_chair() -> None:
    session = _session("senado-version.txt", "Congreso de la Unión", "MX")
    assert session_type_in_heading(session.text) == "permanente"
    # the heading's closing full stop is no part of the chair's name
    assert heading_chair(session.text) == "Alma Rosa Tejeda Núñez"
    speeches = speeches_of(session, People(session.congress or ""))
    unnamed = next(s for s in speeches if s.speaker_as_written == "La Presidenta")
    assert unnamed.person_name == "Alma Rosa Tejeda Núñez"


def test_the_camara_acronyms_for_movimiento_ciudadano_and_nueva_alianza_are_parties() -> None:
    text = (
        "-El diputado Julio César Mora Ibarra (PMC): Con su venia.\n"
        "-La diputada Carmen Ávila Soto (PNA): Gracias.\n"
    )
    session = Sesion(
        id="s-pmc", title="Sesión", institution="Congreso de la Unión", jurisdiction="MX",
        source_id="x", url="https://ejemplo.gob.mx/pmc", text=text,
        congress="Congreso de la Unión", legislature="LXI",
    )  # fmt: skip
    speeches = speeches_of(session, People("Congreso de la Unión"))
    assert [s.party for s in speeches] == ["MC", "PANAL"]


def test_a_signature_with_its_bench_after_the_name_is_no_turn() -> None:
    text = (
        "PRESIDENTA DIP. ROSA ELENA QUINTERO ALDAMA. Se da cuenta del escrito.\n"
        "Atentamente\n"
        "DIP. JUAN PÉREZ LÓPEZ. Grupo Parlamentario de Morena.\n"
        "DIP. ANA RUIZ SOTO. Presidenta de la Comisión de Salud.\n"
        "DIP. ANA RUIZ SOTO. Presidenta.\n"
    )
    assert [t.speaker for t in split_turns(text) if t.speaker] == [
        "PRESIDENTA DIP. ROSA ELENA QUINTERO ALDAMA"
    ]


def test_an_older_estado_de_mexico_heading_names_its_chair_by_title_alone_on_a_line() -> None:
    text = _text("edomex-diario-antiguo.txt")
    assert heading_chair(text) == "Arturo Piña García"
    # the same line after speech has begun signs a document: it names no chair
    signed = text.replace("PRESIDENTE DIPUTADO ARTURO PIÑA GARCÍA.\n", "")
    assert heading_chair(signed) is None
    # nor does a line that goes on after the name
    joined = text.replace("PIÑA GARCÍA.\n\n", "PIÑA GARCÍA. Y LOS SECRETARIOS\n\n", 1)
    assert heading_chair(joined) is None
