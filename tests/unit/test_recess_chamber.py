"""A session of the recess is held by the permanent body (the federal congress's
Comisión Permanente, a state's Diputación Permanente), not by the chamber that publishes
it: a citizen filtering the Senado's or the Diputados' sessions does not get it, and
one filtering the Comisión Permanente's gets it from either publisher."""

from __future__ import annotations

from typing import Any

import pytest

from api.routers.pages.common import session_kind
from indexer.build import build_document

SENATE = {"congress": "Congreso de la Unión", "chamber": "Senado de la República"}
DEPUTIES = {"congress": "Congreso de la Unión", "chamber": "Cámara de Diputados"}


def session(fields: dict[str, str], jurisdiction: str = "MX") -> Any:
    return build_document(
        kind="sesion", source_id="s", institution="Congreso", jurisdiction=jurisdiction,
        url="https://congreso.example/sesion/1", text="", fields=fields,
        origins=dict.fromkeys(("congress", "chamber"), "spec"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "chamber"),
    [
        # the Senado's sessions table: the row's type cell names the body
        (SENATE | {"date": "06/05/2026", "session_type": "Comisión Permanente"},
         "Comisión Permanente"),
        # the Diputados' channel: the video's title names it
        (DEPUTIES | {"title": "🔴 EN VIVO | Sesión de la Comisión Permanente, 13 de mayo de 2026"},
         "Comisión Permanente"),
        # the type only, in a federal source: the Constitution's one permanent body
        (DEPUTIES | {"date": "13/05/2026", "session_type": "permanente"}, "Comisión Permanente"),
        # ordinary sessions keep their chamber
        (SENATE | {"date": "29/04/2026", "session_type": "Ordinaria"}, "Senado de la República"),
        (DEPUTIES | {"title": "Sesión Ordinaria de la Cámara de Diputados, 29 de abril de 2026"},
         "Cámara de Diputados"),
    ],
)  # fmt: skip
def test_federal_recess_sessions_are_the_comision_permanentes(
    fields: dict[str, str], chamber: str
) -> None:
    doc = session(fields)
    assert doc.chamber == chamber
    if chamber == "Comisión Permanente":
        assert doc.field_sources["chamber"] != "spec"  # not the publisher's constant


def test_a_states_permanent_body_is_the_one_named_or_none() -> None:
    named = session(
        {"chamber": "Pleno", "title": "Sesión de la Diputación Permanente, 5 de enero de 2026"},
        jurisdiction="MX-GUA",
    )
    assert named.chamber == "Diputación Permanente"
    # a state's type without its body's name: not guessed (states name it differently)
    bare = session(
        {"chamber": "Pleno", "date": "05/01/2026", "session_type": "permanente"}, "MX-GUA"
    )
    assert bare.chamber is None and "chamber" not in bare.field_sources


def test_pages_name_a_recess_session_by_its_body() -> None:
    assert session_kind("permanente", "Comisión Permanente") == "Sesión de la Comisión Permanente"
    assert session_kind("permanente", "Diputación Permanente") == (
        "Sesión de la Diputación Permanente"
    )
    assert session_kind("ordinaria", "Senado de la República") == "Sesión ordinaria"
