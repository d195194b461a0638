"""The chair a heading's board list names («MESA DIRECTIVA⏎PRESIDENTA:⏎DIP. …», as
Yucatán's versión estenográfica prints it); no chair from a list of another body, nor
from one after the speech has begun."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.speeches.chair import heading_chair

FIXTURE = Path(__file__).parent.parent / "fixtures/speeches/legislatures/yucatan-version.txt"
HEAD = "H. CONGRESO DEL ESTADO DE YUCATÁN\nVERSIÓN ESTENOGRÁFICA DE LA SESIÓN ORDINARIA\n"


def test_the_yucatan_versions_board_names_its_president() -> None:
    assert heading_chair(FIXTURE.read_text(encoding="utf-8")) == "Andrea Guadalupe Cen Pech"


@pytest.mark.parametrize(
    ("board", "chair"),
    [
        # the president after the vice-president, the name after the colon
        (
            "MESA DIRECTIVA\nVICEPRESIDENTE:\nDIP. LUIS MAY CHAN\n"
            "PRESIDENTA: DIP. ROSA DE LA CRUZ PECH\n",
            "Rosa de la Cruz Pech",
        ),
        ("MESA DIRECTIVA:\nPRESIDENTE:\nDIPUTADO JUAN CHI UC\n", "Juan Chi Uc"),
        # another body's list: a committee's, the Junta's
        ("COMISIÓN DE HACIENDA\nPRESIDENTE:\nDIP. JUAN PÉREZ LÓPEZ\n", None),
        ("JUNTA DE COORDINACIÓN POLÍTICA\nPRESIDENTA:\nDIP. ANA RUIZ SOSA\n", None),
        ("MESA DIRECTIVA DE LA COMISIÓN DE HACIENDA\nPRESIDENTE:\nDIP. JUAN PÉREZ\n", None),
        # a board with no president listed; a list broken by another line
        ("MESA DIRECTIVA\nSECRETARIO:\nDIP. LUIS MAY CHAN\n", None),
        (
            "MESA DIRECTIVA\nSECRETARIO:\nDIP. LUIS MAY CHAN\nORDEN DEL DÍA\nPRESIDENTA:\n"
            "DIP. ANA RUIZ SOSA\n",
            None,
        ),
        # after a line of speech the list is no heading's
        (
            "Se abre la sesión siendo las once horas.\nMESA DIRECTIVA\nPRESIDENTA:\n"
            "DIP. ANA RUIZ SOSA\n",
            None,
        ),
    ],
)
def test_a_board_list_names_the_chair_only_under_mesa_directiva(
    board: str, chair: str | None
) -> None:
    assert heading_chair(HEAD + board + "\nPRESIDENTA:\nBuenos días.\n") == chair
