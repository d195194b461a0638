"""«Permanente» names two things in a congress: the recess body (the Comisión or
Diputación Permanente) and, at a chamber, a sitting declared permanent («la Cámara se
declara en sesión permanente», kept open for days to pass the budget). A bare «Sesión
Permanente» was stored as the recess body's session (type ``permanente``, chamber the
Comisión Permanente): a sitting of the Cámara was filed under the Comisión Permanente.
Now the text's own evidence decides: the heading's «…de la Comisión Permanente» or the
row's chamber make it the recess's; a sitting declared permanent keeps its own kind; a
bare one with nothing else is none (a wrong type is worse than none)."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.build import build_document
from indexer.readers.normalise import normalise_session_type
from indexer.readers.sessions import recognise_session

DEPUTIES = {"congress": "Congreso de la Unión", "chamber": "Cámara de Diputados"}

RECESS_HEADING = (
    "VERSIÓN ESTENOGRÁFICA DE LA SESIÓN DE LA COMISIÓN PERMANENTE DEL CONGRESO DE LA "
    "UNIÓN, CELEBRADA EL MIÉRCOLES 14 DE MAYO DE 2025\n\nPresidencia de la diputada Ana "
    "Ruiz Soto\n\n-La presidenta diputada Ana Ruiz Soto: Se abre la sesión."
)
DECLARED_HEADING = (
    "Versión estenográfica de la sesión pública ordinaria de la Cámara de Diputados, "
    "celebrada el miércoles 13 de noviembre de 2024\n\n-El presidente diputado Juan Pérez "
    "López: Con fundamento en el artículo 28 del Reglamento, la Cámara se declara en sesión "
    "permanente hasta concluir la discusión del Presupuesto de Egresos."
)


def _session(fields: dict[str, str], text: str = "") -> Any:
    return build_document(
        kind="sesion", source_id="diputados-sesiones", institution="Cámara de Diputados",
        jurisdiction="MX", url="https://ejemplo.gob.mx/sesiones/1", text=text,
        fields=DEPUTIES | fields, origins=dict.fromkeys(("congress", "chamber"), "spec"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("Sesión Permanente", None),
        ("SESIÓN PERMANENTE", None),
        ("Sesión Ordinaria Permanente", None),
        ("Sesión Ordinaria declarada permanente", "ordinaria"),
        ("Sesión Extraordinaria (la Cámara se declara en sesión permanente)", "extraordinaria"),
        ("Sesión de la Comisión Permanente", "permanente"),
        ("Comisión Permanente", "permanente"),
        ("Permanente", "permanente"),  # a type column's one word, a stored value
    ],
)
def test_a_bare_permanent_sitting_is_typed_by_its_own_evidence(
    written: str, value: str | None
) -> None:
    assert normalise_session_type(written) == value


def test_a_title_naming_a_bare_permanent_sitting_gives_no_type() -> None:
    assert recognise_session("Sesión Permanente, 13 de noviembre de 2024").session_type is None
    assert (
        recognise_session(
            "Sesión Ordinaria: la Cámara se declara en sesión permanente"
        ).session_type
        == "ordinaria"
    )


def test_a_bare_permanent_sitting_is_not_filed_under_the_comision_permanente() -> None:
    doc = _session({"date": "13/11/2024", "session_type": "Sesión Permanente"})
    assert doc.session_type is None
    assert doc.chamber == "Cámara de Diputados"


def test_the_heading_says_whose_a_bare_permanent_sitting_is() -> None:
    recess = _session({"date": "14/05/2025", "session_type": "Sesión Permanente"}, RECESS_HEADING)
    assert (recess.session_type, recess.chamber) == ("permanente", "Comisión Permanente")
    assert recess.field_sources["session_type"] == "heading"
    declared = _session(
        {"date": "13/11/2024", "session_type": "Sesión Permanente"}, DECLARED_HEADING
    )
    assert (declared.session_type, declared.chamber) == ("ordinaria", "Cámara de Diputados")


def test_the_rows_chamber_says_a_bare_permanent_sitting_is_the_recesss() -> None:
    doc = _session(
        {
            "date": "14/05/2025",
            "session_type": "Sesión Permanente",
            "chamber": "Comisión Permanente",
        }
    )
    assert (doc.session_type, doc.chamber) == ("permanente", "Comisión Permanente")
