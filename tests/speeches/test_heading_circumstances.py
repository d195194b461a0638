"""Headings that say, after the speaker's role and name and a comma, the circumstance of
the turn (the seat, the chair held for the moment, on whose behalf), and short headings
("El Senador Anaya:") after the speaker was named whole: the speaker is the one named
first, the short name is whose the session says it is only when one earlier speaker can
be meant, and a line that may be a sentence credits no one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.analysis import fold_keyword
from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People

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
CHAIR = "La Presidenta Senadora Rosalía Ibarra Quintanar"


def _session(text: str) -> Sesion:
    return Sesion(
        id="s-circumstances",
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


def _said(lines: list[str], marker: str = "Hablo del tema.") -> list[tuple]:
    text = "\n\n".join([f"{CHAIR}: Tiene la palabra.", *lines, f"{CHAIR}: Gracias."]) + "\n"
    return [
        (s.person_name, s.role, s.party)
        for s in speeches_of(_session(text), People(SENADO))
        if marker in s.text
    ]


CIRCUMSTANCES = [
    # the seat, after the party's brackets or with no brackets
    (
        "El Senador Manuel Añorve Baños (PRI), desde su escaño:",
        ("Manuel Añorve Baños", "legislador", "PRI"),
    ),
    ("La Senadora Ana Ruiz Pérez, desde la curul:", ("Ana Ruiz Pérez", "legislador", None)),
    (
        "EL SENADOR MANUEL AÑORVE BAÑOS (PRI), DESDE SU ESCAÑO:",
        ("Manuel Añorve Baños", "legislador", "PRI"),
    ),
    # the chair held for the moment
    (
        "El C. Presidente Senador Tadeo Ortega Villalpando, en funciones:",
        ("Tadeo Ortega Villalpando", "presidencia", None),
    ),
    (
        "El Senador Tadeo Ortega Villalpando, en funciones de Presidente:",
        ("Tadeo Ortega Villalpando", "presidencia", None),
    ),
    (
        "EL C. PRESIDENTE SENADOR TADEO ORTEGA VILLALPANDO, EN FUNCIONES:",
        ("Tadeo Ortega Villalpando", "presidencia", None),
    ),
    # on whose behalf: the speaker is the one named first, never the one after
    (
        "La Senadora Ana Ruiz Pérez, a nombre de la Comisión de Salud:",
        ("Ana Ruiz Pérez", "legislador", None),
    ),
    (
        "La Senadora Ana Ruiz Pérez, a nombre de la diputada Irene Salcedo Montiel:",
        ("Ana Ruiz Pérez", "legislador", None),
    ),
    # a party in brackets after the one on whose behalf may be theirs: no one's
    (
        "La Senadora Ana Ruiz Pérez, a nombre de la diputada Irene Salcedo Montiel (PAN):",
        ("Ana Ruiz Pérez", "legislador", None),
    ),
    (
        "La Senadora Ana Ruiz Pérez (MC), en representación de la diputada Irene Salcedo"
        " Montiel (PAN):",
        ("Ana Ruiz Pérez", "legislador", "MC"),
    ),
    (
        "LA SENADORA ANA RUIZ PÉREZ, A NOMBRE DE LA COMISIÓN DE SALUD:",
        ("Ana Ruiz Pérez", "legislador", None),
    ),
    # the bench in capitals: on s25hH the name was "del Grupo Parlamentario del Pan Ana
    # Ruiz Pérez"
    (
        "LA SENADORA ANA RUIZ PÉREZ, DEL GRUPO PARLAMENTARIO DEL PAN:",
        ("Ana Ruiz Pérez", "legislador", "PAN"),
    ),
    # a sentence after the comma: no heading read, and no one credited
    ("El Senador Tadeo Ortega Villalpando, a nombre de todos, dijo:", (None, None, None)),
    (
        "El Senador Tadeo Ortega Villalpando, desde su escaño, me preguntó:",
        (None, None, None),
    ),
]


def test_a_circumstance_after_the_name_names_the_first_as_the_speaker() -> None:
    found = {line: _said([f"{line} Hablo del tema."]) for line, _ in CIRCUMSTANCES}
    assert found == {line: [said] for line, said in CIRCUMSTANCES}


def test_the_acting_chair_presides_the_turns_that_follow() -> None:
    text = "\n\n".join(
        [
            f"{CHAIR}: Tiene la palabra.",
            "El Senador Tadeo Ortega Villalpando, en funciones de Presidente: Continúa.",
            "El Presidente: Se levanta la sesión.",
        ]
    )
    said = [(s.text, s.person_name, s.role) for s in speeches_of(_session(text), People(SENADO))]
    assert said[1:] == [
        ("Continúa.", "Tadeo Ortega Villalpando", "presidencia"),
        ("Se levanta la sesión.", "Tadeo Ortega Villalpando", "presidencia"),
    ]


FULL = "El Senador Ricardo Anaya Cortés (PAN): Primero."


SHORT = [
    # one earlier speaker goes by the word: theirs, with the party their line stated
    ([FULL, "El Senador Anaya: Hablo del tema."], ("Ricardo Anaya Cortés", "PAN")),
    (
        ["La Senadora Ana Ruiz Pérez (MC): Primero.", "La Senadora Ruiz: Hablo del tema."],
        ("Ana Ruiz Pérez", "MC"),
    ),
    # two earlier speakers do: the name stays as written, no one credited
    (
        [FULL, "El Senador Luis Anaya Mena: Segundo.", "El Senador Anaya: Hablo del tema."],
        (None, None),
    ),
    # no one of the name in the session: no one
    (["El Senador Anaya: Hablo del tema."], (None, None)),
    # named whole only after: the one the session names (the short line comes first)
    (["El Senador Anaya: Hablo del tema.", FULL], ("Ricardo Anaya Cortés", "PAN")),
    # …but two of the name after it: no one
    (
        ["El Senador Anaya: Hablo del tema.", FULL, "El Senador Luis Anaya Mena: Segundo."],
        (None, None),
    ),
    # another article (another person), or a first given name: no one
    ([FULL, "La Senadora Anaya: Hablo del tema."], (None, None)),
    ([FULL, "El Senador Ricardo: Hablo del tema."], (None, None)),
]


def test_a_short_name_is_the_one_earlier_speaker_it_can_be() -> None:
    found = [[(name, party) for name, _, party in _said(lines)] for lines, _ in SHORT]
    assert found == [[said] for _, said in SHORT]


def _roster() -> list[tuple[str, str, str]]:
    """(whole name, party, first surname) of each of Fundar's LXII senators."""
    rows = []
    for line in SENATORS.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            cells = line.split("|")
            surnames, given = (part.strip() for part in cells[0].split(",", 1))
            first = next(w for w in surnames.split() if w not in ("de", "del", "la", "los"))
            rows.append((f"{given} {surnames}", cells[1].strip(), first))
    return rows


@pytest.mark.skipif(not SENATORS.exists(), reason="../shared/corpus is not here")
def test_the_real_senators_headed_with_a_circumstance_or_a_short_name() -> None:
    """Each of the 84 LXII senators speaks whole, then from the seat, on behalf of a
    committee, and under their first surname. The circumstance's headings are theirs; the
    short one theirs when no other senator's name holds that word (after the first given
    name), else no one's, never another senator's."""
    rows = _roster()
    assert len(rows) == 84
    text = [f"{CHAIR}: Tiene la palabra."]
    for at, (name, party, _) in enumerate(rows):
        text.append(f"El Senador {name} ({party}): Primero {at}.")
    for at, (name, party, first) in enumerate(rows):
        text += [
            f"El Senador {name} ({party}), desde su escaño: Escaño {at}.",
            f"El Senador {name}, a nombre de la Comisión de Salud: Comisión {at}.",
            f"El Senador {first}: Corto {at}.",
            f"{CHAIR}: Gracias.",
        ]
    speeches = speeches_of(_session("\n\n".join(text) + "\n"), People(SENADO))
    by_text = {s.text: s for s in speeches}
    shared = 0
    for at, (name, _party, first) in enumerate(rows):
        for kind in ("Escaño", "Comisión"):
            assert by_text[f"{kind} {at}."].person_name == name, (kind, name)
        folded = fold_keyword(first)
        others = [
            other
            for other, _, _ in rows
            if other != name and folded in fold_keyword(other).split()[1:]
        ]
        shown = by_text[f"Corto {at}."].person_name
        assert shown == (None if others else name), (first, name, others)
        shared += bool(others)
    # the roster has senators sharing a surname (the Senado's short headings are unsure)
    assert 0 < shared < 84


def test_a_heading_with_a_circumstance_alone_on_its_line_heads_the_next_line_s_words() -> None:
    """As the Diario prints headings alone on their line, the words on the next: before,
    they stayed the chair's. A letter's address read into the record, with no article
    ("Ciudadana Senadora …:"), stays the reader's words."""
    said = _said(
        [
            "El Senador Manuel Añorve Baños (PRI), desde su escaño:\nHablo del tema.",
            "La Senadora Ana Ruiz Pérez, a nombre de la Comisión de Salud:\nHablo del tema.",
        ]
    )
    assert said == [
        ("Manuel Añorve Baños", "legislador", "PRI"),
        ("Ana Ruiz Pérez", "legislador", None),
    ]
    letter = _said(
        [
            "La Secretaria Senadora Irene Salcedo Montiel: Se da lectura.",
            "Ciudadana Senadora Rosalía Ibarra Quintanar, desde su escaño:\nPor este conducto.",
        ],
        marker="Por este conducto",
    )
    assert letter == [("Irene Salcedo Montiel", "secretaria", None)]
