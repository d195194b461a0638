"""Lines that look like a speaker's heading inside someone's speech, and headings the
reader did not know: a name the previous line's sentence announces ("…como lo ha dicho
nuestro⏎Presidente …: …", "…a lo que señaló⏎El diputado …: …"), someone addressed with
the words going on in lower case ("Diputado Moreira: usted votó…"), a role and a name in
apposition ("La presidenta Claudia Sheinbaum Pardo: no habrá…"); a board member by rank
("Primera Secretaria Dip. …:"); a state's local party ("(UDC)"). A wrong speaker is worse
than none: the quoted and the addressed are never credited with the speaker's words."""

from __future__ import annotations

import pytest

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.model import Speech
from indexer.speeches.people import People

CAMARA = "Cámara de Diputados"
OPENS = "La diputada Laura Irais Ballesteros Mancilla (MC): Con la venia, presidenta.\n"
CLOSES = "Es cuanto.\nEl diputado Rubén Moreira Valdez (PRI): Gracias, presidenta.\n"


def _speeches(text: str, congress: str = CAMARA, legislature: str = "LXVI") -> list[Speech]:
    session = Sesion(
        id="s-quoted",
        title="Sesión",
        institution=congress,
        jurisdiction="MX",
        source_id="x",
        url="https://ejemplo.gob.mx/s-quoted",
        text=text,
        congress=congress,
        legislature=legislature,
    )
    return speeches_of(session, People(congress))


@pytest.mark.parametrize(
    "quoted",
    [
        # a possessive leaves the sentence open: the name is its object
        "Como lo ha dicho nuestro\nPresidente Andrés Manuel López Obrador: Primero los pobres.",
        "Lo repitió en esta tribuna aquella\nLa presidenta diputada Ana Ruiz Garza: Gracias.",
        # a verb of saying announces whom it quotes
        "Respondo a lo que señaló\nEl diputado Juan Pérez López (PRI): Que no hay recursos.",
        "Y lo expresó\nLa senadora Lilly Téllez García (PAN): Hay que votar en contra.",
        "Así lo dijo\nSEN. RICARDO MONREAL ÁVILA: No habrá moratoria.",
    ],
)
def test_a_heading_its_previous_line_announces_stays_the_speakers_words(quoted: str) -> None:
    speeches = _speeches(f"{OPENS}{quoted}\n{CLOSES}")
    assert [s.person_name for s in speeches] == [
        "Laura Irais Ballesteros Mancilla",
        "Rubén Moreira Valdez",
    ]
    first = speeches[0]
    assert (first.role, first.party) == ("legislador", "MC")
    assert " ".join(quoted.split()) in first.text


@pytest.mark.parametrize(
    "addressed",
    [
        "Diputado Moreira: usted votó a favor de esa reforma.",
        "Senadora Téllez García: le pido que me escuche.",
        # a role and a name in apposition, the sentence going on after the colon
        "La presidenta Claudia Sheinbaum Pardo: no habrá impunidad, eso prometió.",
        "El presidente Andrés Manuel López Obrador: un hombre que no miente.",
    ],
)
def test_someone_addressed_or_named_mid_speech_is_not_a_turn(addressed: str) -> None:
    text = f"{OPENS}Le respondo.\n{addressed}\n{CLOSES}"
    speeches = _speeches(text)
    assert [(s.person_name, s.role) for s in speeches] == [
        ("Laura Irais Ballesteros Mancilla", "legislador"),
        ("Rubén Moreira Valdez", "legislador"),
    ]
    assert addressed in speeches[0].text
    assert all(s.speaker_as_written for s in speeches)  # no words left to no one


def test_a_heading_after_a_finished_sentence_still_opens_its_turn() -> None:
    text = (
        f"{OPENS}Como dijo ayer la presidenta, no habrá impunidad.\n"
        "La presidenta diputada Kenia López Rabadán: Gracias, diputada.\n"
        "El diputado Rubén Moreira Valdez (PRI) (desde la curul): Presidenta.\n"
    )
    speeches = _speeches(text)
    assert [(s.person_name, s.role, s.party) for s in speeches] == [
        ("Laura Irais Ballesteros Mancilla", "legislador", "MC"),
        ("Kenia López Rabadán", "presidencia", None),
        ("Rubén Moreira Valdez", "legislador", "PRI"),
    ]


def test_a_board_member_by_rank_is_the_secretary_named_without_the_rank() -> None:
    text = (
        "Presidenta Dip. Gloria del Carmen Gutiérrez Pérez: Se abre la sesión.\n"
        "Primera Secretaria Dip. Fabiola Alanís Sámano: Se informa que hay quórum.\n"
        "LA SEGUNDA SECRETARIA DIP. ANA RUIZ GARZA.- Con gusto.\n"
        "La Tercera Secretaria diputada María Sosa Díaz: Gracias.\n"
        "El diputado Segundo Pérez López: Con su permiso, Presidenta.\n"
    )
    speeches = _speeches(text, "Congreso del Estado de Michoacán", "LXXVI")
    assert [(s.person_name, s.role) for s in speeches] == [
        ("Gloria del Carmen Gutiérrez Pérez", "presidencia"),
        ("Fabiola Alanís Sámano", "secretaria"),
        ("Ana Ruiz Garza", "secretaria"),
        ("María Sosa Díaz", "secretaria"),
        # a given name that is an ordinal stays the name's
        ("Segundo Pérez López", "legislador"),
    ]
    assert speeches[1].text == "Se informa que hay quórum."


def test_a_state_congress_local_party_is_read_as_written() -> None:
    text = (
        "DIPUTADO JESÚS ANDRÉS LOYA CARDONA (UDC): Con su permiso.\n"
        "El diputado Juan Pérez López (Hagamos): Gracias.\n"
        "La diputada Ana Ruiz Garza, del Grupo Parlamentario de Futuro: Gracias.\n"
        "La diputada Laura Sosa Garza (PAN-PRI-PRD): Gracias.\n"
    )
    speeches = _speeches(text, "Congreso del Estado de Coahuila", "LXIII")
    assert [(s.person_name, s.party) for s in speeches] == [
        ("Jesús Andrés Loya Cardona", "UDC"),
        ("Juan Pérez López", "HAGAMOS"),
        ("Ana Ruiz Garza", "FUTURO"),
        # a coalition's brackets name no one party: none rather than a guess
        ("Laura Sosa Garza", None),
    ]


@pytest.mark.parametrize(
    "rank", ["Tercera Sesión", "Décima Segunda Sesión", "Vigésima Sesión", "12a. Sesión"]
)
def test_a_state_running_head_naming_the_sessions_rank_is_no_ones_words(rank: str) -> None:
    head = (
        "Diario de los Debates del Congreso del Estado de Coahuila de Zaragoza\n"
        f"{rank} del Segundo Período Ordinario, 12 de marzo de 2024\n"
    )
    text = (
        "Diputado Presidente Jaime Bueno Zertuche:\n"
        f"Se abre la sesión y solicito a la secretaría que\n{head}pase lista.\n"
        "Diputada Secretaria Lizbeth Ogazón Nava:\n"
        f"Se informa que están presentes 22 diputados de la\n{head}Legislatura.\n"
    )
    speeches = _speeches(text, "Congreso del Estado de Coahuila", "LXIII")
    assert [(s.person_name, s.text) for s in speeches] == [
        ("Jaime Bueno Zertuche", "Se abre la sesión y solicito a la secretaría que pase lista."),
        ("Lizbeth Ogazón Nava", "Se informa que están presentes 22 diputados de la Legislatura."),
    ]


def test_an_abbreviated_title_after_the_article_heads_a_turn() -> None:
    text = (
        "La Dip. Ana Ruiz Garza (PAN): Con su venia.\n"
        "La Sen. María Sosa Díaz (PRI): Gracias.\n"
        "El Dip. Juan Pérez López (PVEM) (desde la curul): Presidenta.\n"
    )
    speeches = _speeches(text)
    assert [(s.person_name, s.role, s.party, s.text) for s in speeches] == [
        ("Ana Ruiz Garza", "legislador", "PAN", "Con su venia."),
        ("María Sosa Díaz", "legislador", "PRI", "Gracias."),
        ("Juan Pérez López", "legislador", "PVEM", "Presidenta."),
    ]


def test_a_guest_named_by_office_then_degree_and_name_speaks_for_themself() -> None:
    text = (
        "La presidenta diputada Kenia López Rabadán: Tiene la palabra la secretaria.\n"
        "La C. Secretaria de Gobernación, Luisa María Alcalde Luján: Gracias, presidenta.\n"
        "La Secretaria de Gobernación, licenciada Rosa Icela Rodríguez Velázquez: Gracias.\n"
        "El Secretario de la Defensa Nacional, general Luis Cresencio Sandoval González: "
        "Buenas tardes.\n"
    )
    speeches = _speeches(text)
    assert [(s.person_name, s.role, s.text) for s in speeches[1:]] == [
        ("Luisa María Alcalde Luján", "compareciente", "Gracias, presidenta."),
        ("Rosa Icela Rodríguez Velázquez", "compareciente", "Gracias."),
        ("Luis Cresencio Sandoval González", "compareciente", "Buenas tardes."),
    ]


def test_a_turn_ending_on_a_noun_without_its_full_stop_still_ends_there() -> None:
    text = (
        "El diputado Rubén Moreira Valdez (PRI) (desde la curul): Le hago una pregunta\n"
        "La presidenta diputada Kenia López Rabadán: ¿Acepta la pregunta, diputada?\n"
        "La diputada Laura Irais Ballesteros Mancilla (MC): Sí. Y lo entrego por escrito\n"
        "La presidenta diputada Kenia López Rabadán: Gracias.\n"
    )
    speeches = _speeches(text)
    assert [s.person_name for s in speeches] == [
        "Rubén Moreira Valdez",
        "Kenia López Rabadán",
        "Laura Irais Ballesteros Mancilla",
        "Kenia López Rabadán",
    ]
