"""Speakers as the Diarios de los Debates and versiones estenográficas of both federal
chambers and of state congresses introduce them, beyond the shapes read before: a title
or the chair's role alone on its line (Nuevo León's «C. PRESIDENTA:» over words in
capitals), a role without article and a title in lower case («Secretaria diputada …:»),
a legislator the record announces («Interviene el senador …»), where the speaker spoke
from on the line under the heading, and the page's running heads and feet that a page
break left inside a turn. What a speech quotes («el diputado X dijo:») and what the
record narrates in capitals («EL C. PRESIDENTE SOLICITÓ…:») open no turn. Fixtures in
``tests/fixtures/speeches/legislatures/`` (written after real published ones, people
invented), with every heading read by hand in ``hand-read.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.models import Sesion
from indexer.readers.sessions import session_type_in_heading
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "speeches" / "legislatures"
HAND_READ = json.loads((FIXTURES / "hand-read.json").read_text(encoding="utf-8"))
DIARIOS = ("nl-diario.txt", "diputados-diario.txt", "senado-diario.txt", "yucatan-version.txt")


def _speakers(text: str) -> list[str | None]:
    return [t.speaker for t in split_turns(text) if t.speaker and not t.continued]


@pytest.mark.parametrize("name", DIARIOS)
def test_each_heading_read_by_hand_is_one_turn_with_its_person_role_and_party(name: str) -> None:
    want = HAND_READ[name]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    session = Sesion(
        id=f"s-{name}", title="Sesión", institution=want["congress"],
        jurisdiction=want["jurisdiction"], source_id="x", url=f"https://ejemplo.gob.mx/{name}",
        text=text, congress=want["congress"],
    )  # fmt: skip
    going_on = {t.order for t in split_turns(text) if t.continued}
    said = [s for s in speeches_of(session, People(want["congress"])) if s.speaker_as_written]
    heads = [s for s in said if s.order not in going_on]
    assert [s.speaker_as_written for s in heads] == [row[0] for row in want["turns"]]
    for speech, (_, person, role, party) in zip(heads, want["turns"], strict=True):
        assert speech.role == role
        assert speech.party == party
        assert speech.person_name in (person, None)  # unsure is empty, never another
    # a page's head or foot, a stage note, a vote's list: in no one's words
    for words in want["not_said"]:
        assert not [s.text for s in said if words in s.text], words
    # the kind the heading gives the session ("SESIÓN PÚBLICA ORDINARIA CELEBRADA…",
    # "SESIÓN ORDINARIA NÚMERO 45, CELEBRADA…"); none where it names none (the Cámara's
    # Diario names the period's, not the session's)
    assert session_type_in_heading(text) == want["type"]


def test_a_role_alone_on_its_line_opens_a_turn_and_a_boards_list_does_not() -> None:
    text = (
        "MESA DIRECTIVA\nPRESIDENTA:\nDIP. ANA RUIZ LÓPEZ\nSECRETARIO:\nDIP. JUAN SOTO VEGA\n"
        "VICEPRESIDENTA:\nSECRETARIOS:\nDIP. LUIS MORA\n\n"
        "C. PRESIDENTA:\n“SE ABRE LA SESIÓN.”\n"
        "PRESIDENTA DIP. ANA RUIZ LÓPEZ:\nBuenos días.\n"
        "SECRETARIO:\nCon su permiso.\n"
    )
    assert _speakers(text) == ["C. PRESIDENTA", "PRESIDENTA DIP. ANA RUIZ LÓPEZ", "SECRETARIO"]
    turns = [t for t in split_turns(text) if t.speaker]
    assert [t.text for t in turns] == ["“SE ABRE LA SESIÓN.”", "Buenos días.", "Con su permiso."]


def test_words_in_capitals_after_the_colon_are_said_and_a_name_there_is_a_list() -> None:
    text = (
        "C. PRESIDENTA: SE ABRE LA SESIÓN. SOLICITO A LA SECRETARÍA DAR LECTURA.\n"
        "PRESIDENTE: DIP. ANA RUIZ LÓPEZ\n"
        "SECRETARIA: JUANA SOTO VEGA\n"
    )
    turns = split_turns(text)
    assert [t.speaker for t in turns if t.speaker] == ["C. PRESIDENTA"]
    assert turns[0].text.startswith("SE ABRE LA SESIÓN.")


def test_a_role_with_no_article_and_a_title_in_lower_case_is_a_heading() -> None:
    text = (
        "Secretaria diputada Paulina Robles Ugalde: Se informa que hay quórum.\n"
        "Secretario diputado Jorge Canul Aké: Con su permiso.\n"
    )
    assert _speakers(text) == [
        "Secretaria diputada Paulina Robles Ugalde",
        "Secretario diputado Jorge Canul Aké",
    ]


def test_a_legislator_the_record_announces_speaks_and_a_sentence_saying_so_does_not() -> None:
    text = (
        "-La C. Presidenta Senadora Marcela Ortiz Villanueva: Tiene la palabra.\n"
        "Interviene el senador Rubén Salas Medina (PVEM).\n"
        "Muchas gracias, señora Presidenta.\n"
        "-La C. Presidenta Senadora Marcela Ortiz Villanueva: Sonido en su escaño.\n"
        "Interviene el senador Pineda y le pido brevedad.\n"
        "Interviene la diputada Nidia Sosa Herrera: Gracias, presidenta.\n"
    )
    turns = [t for t in split_turns(text) if t.speaker]
    assert [t.speaker for t in turns] == [
        "La C. Presidenta Senadora Marcela Ortiz Villanueva",
        "el senador Rubén Salas Medina (PVEM)",
        "La C. Presidenta Senadora Marcela Ortiz Villanueva",
        "la diputada Nidia Sosa Herrera",
    ]
    assert turns[1].text == "Muchas gracias, señora Presidenta."
    assert turns[2].text.endswith("Interviene el senador Pineda y le pido brevedad.")
    assert turns[3].text == "Gracias, presidenta."


def test_what_a_speech_quotes_or_the_record_narrates_in_capitals_opens_no_turn() -> None:
    text = (
        "EL C. DIP. ROBERTO FARÍAS GARZA :\n"
        "“HACE UN MES\nEL DIPUTADO ROBERTO FARÍAS DIJO:\n“EL AGUA NO ALCANZA”.”\n"
        "EL C. PRESIDENTE SOLICITÓ A LA SECRETARÍA DAR LECTURA AL ORDEN DEL DÍA:\n"
        "1.- LISTA DE ASISTENCIA.\n"
        "—La diputada Fulvia Montes Ibarra (PAN): Hace una semana, en esta tribuna,\n"
        "el diputado Germán Trujillo Saldaña dijo: «no hay recorte».\n"
        "El diputado Germán Trujillo Saldaña dijo:\n«no hay recorte». Pues lo hay.\n"
        "LA C. DIP. ANA DA SILVA ROCHA:\n“GRACIAS.”\n"  # a name's «DA» is no verb
    )
    assert _speakers(text) == [
        "EL C. DIP. ROBERTO FARÍAS GARZA",
        "La diputada Fulvia Montes Ibarra (PAN)",
        "LA C. DIP. ANA DA SILVA ROCHA",
    ]


def test_where_the_speaker_spoke_from_on_the_line_under_the_heading_joins_it() -> None:
    text = "-El C. Senador Tomás Pineda Alcalá:\n(Desde su escaño)\nPido la palabra.\n"
    (turn,) = split_turns(text)
    assert turn.speaker == "El C. Senador Tomás Pineda Alcalá (Desde su escaño)"
    assert turn.text == "Pido la palabra."


def test_a_pages_running_head_and_foot_are_cut_from_the_turn_a_page_break_splits() -> None:
    foot = "Año I, Segundo Periodo, 12 de febrero de 2025    Diario de los Debates    {}"
    head = "Diario de los Debates de la Cámara de Diputados    Año I, 12 de febrero de 2025"
    pages = [
        "—La diputada Fulvia Montes Ibarra (PAN): Con su venia. Hoy vengo a hablar\n"
        + foot.format(23),
        f"{head}\nde las guarderías. Es cuanto.\n—La presidenta diputada Elena Duarte Lozano: "
        "Gracias.\nPágina 24\n" + foot.format(24),
        f"{head}\n—La presidenta diputada Elena Duarte Lozano: Se levanta la sesión.\n"
        + foot.format(25),
    ]
    turns = split_turns("\f".join(pages))
    assert [t.text for t in turns] == [
        "Con su venia. Hoy vengo a hablar de las guarderías. Es cuanto.",
        "Gracias. Página 24",  # a line like a foot but on one page only is kept
        "Se levanta la sesión.",
    ]


def test_a_heading_or_a_line_said_at_the_top_of_every_page_is_no_running_line() -> None:
    pages = [
        f"H. CONGRESO DEL ESTADO · PÁGINA {n}\nC. PRESIDENTA:\nGracias {n}.\nPIE DE PÁGINA {n}"
        for n in range(1, 5)
    ]
    turns = split_turns("\f".join(pages))
    assert [(t.speaker, t.text) for t in turns] == [
        ("C. PRESIDENTA", f"Gracias {n}.") for n in range(1, 5)
    ]


NARRATED_ACTA = (
    "ACTA NÚMERO 46 DE LA SESIÓN ORDINARIA CELEBRADA EL 12 DE MARZO DE 2025\n"
    "C. PRESIDENTA: SE ABRE LA SESIÓN.\n"
    "LA C. PRESIDENTA SOLICITÓ AL C. SECRETARIO DAR LECTURA AL ORDEN DEL DÍA:\n"
    "1.- LISTA DE ASISTENCIA.\n"
    "Interviene la Diputada Ana María González Hernández.\n"
    "Con su permiso, presidenta. Vengo a presentar un punto de acuerdo.\n"
    "INTERVIENE EL C. DIP. MAURO GUERRA VILLARREAL.\n"
    "Gracias. Es cuanto.\n"
    "Intervino la diputada Sandra Elizabeth Pámanes Ortiz, del Grupo Legislativo del PAN.\n"
    "A favor del dictamen.\n"
    "Interviene el Dip. Waldo Fernández González, integrante del Grupo Legislativo de "
    "Morena.\n"
    "En contra.\n"
    "Interviene el senador Pineda y le pido brevedad.\n"
)


def test_a_narrated_actas_announced_legislator_opens_a_turn_in_its_own_ways() -> None:
    """Nuevo León's actas narrate the session: the legislator announced alone on a line,
    the role capitalised or abbreviated, in the past, the bench after a comma; each opens
    a turn with its role and party, and what the chair did stays in the chair's words."""
    session = Sesion(
        id="s-acta", title="Acta", institution="Congreso de Nuevo León", jurisdiction="MX-NLE",
        source_id="x", url="https://ejemplo.gob.mx/acta-46", text=NARRATED_ACTA,
        congress="Congreso de Nuevo León",
    )  # fmt: skip
    said = [
        (s.person_name or s.speaker_as_written, s.role, s.party, s.text)
        for s in speeches_of(session, People("Congreso de Nuevo León"))
        if s.speaker_as_written
    ]
    assert [row[:3] for row in said] == [
        ("C. PRESIDENTA", "presidencia", None),
        ("Ana María González Hernández", "legislador", None),
        ("Mauro Guerra Villarreal", "legislador", None),
        ("Sandra Elizabeth Pámanes Ortiz", "legislador", "PAN"),
        ("Waldo Fernández González", "legislador", "MORENA"),
    ]
    chair = said[0][3]
    assert "SOLICITÓ AL C. SECRETARIO DAR LECTURA AL ORDEN DEL DÍA" in chair
    assert said[1][3] == "Con su permiso, presidenta. Vengo a presentar un punto de acuerdo."
    assert said[4][3].startswith("En contra.")
    assert said[4][3].endswith("Interviene el senador Pineda y le pido brevedad.")
