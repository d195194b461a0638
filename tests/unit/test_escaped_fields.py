"""Fields escaped once too often, as PHP APIs (``htmlentities`` before ``json_encode``)
and CMS listings (``Sesi&amp;oacute;n`` in the HTML) publish them, read as the publisher
meant them: a person sees «Sesión», not «Sesi&oacute;n»."""

from __future__ import annotations

import pytest

from indexer.build import build_document
from indexer.models import Sentencia, Sesion
from indexer.readers.normalise import clean_text


def test_a_session_from_escaped_fields_reads_as_written() -> None:
    doc = build_document(
        kind="sesion",
        source_id="congreso-api",
        institution="H. Congreso del Estado",
        jurisdiction="MX-JAL",
        url="https://congreso.example.gob.mx/api/sesiones/41",
        fields={
            "title": "Sesi&oacute;n Solemne del Pleno &#8211; Informe",
            "date": "Martes 18 de febrero de 2025",
            "session_type": "Sesi&amp;oacute;n Solemne",
            "chamber": "Comisi&#xF3;n Permanente",
        },
        text="",
        origin="api",
    )
    assert isinstance(doc, Sesion)
    assert doc.title == "Sesión Solemne del Pleno – Informe"
    assert doc.session_type == "solemne"


def test_a_sentence_from_escaped_fields_reads_as_written() -> None:
    doc = build_document(
        kind="sentencia",
        source_id="tribunal-api",
        institution="Supremo Tribunal de Justicia del Estado de Jalisco",
        jurisdiction="MX-JAL",
        url="https://tribunal.example.gob.mx/toca/7/file",
        fields={
            "title": "Toca 52/2025 (S&Eacute;PTIMA SALA)",
            "expediente": "Toca 52/2025",
            "ponente": "Mgda. Ver&oacute;nica Elizabeth Ucaranza S&aacute;nchez",
            "ruling": "CONFIRMAR",
        },
        text="",
        origin="api",
    )
    assert isinstance(doc, Sentencia)
    assert doc.title == "Toca 52/2025 (SÉPTIMA SALA)"
    assert doc.ponente == "Verónica Elizabeth Ucaranza Sánchez"


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("Sesi&amp;amp;oacute;n", "Sesi&oacute;n"),  # read twice at most, then as it is
        ("pagina.php?id=3&copy=2&para=1", "pagina.php?id=3&copy=2&para=1"),  # no ";": text
        ("AT&T y &foo; siguen", "AT&T y &foo; siguen"),
        ("nulo&#0; y fuera&#x110000;", "nulo y fuera"),  # no "�" for a character of none
    ],
)
def test_only_closed_known_references_are_read(raw: str, read: str) -> None:
    assert clean_text(raw) == read
