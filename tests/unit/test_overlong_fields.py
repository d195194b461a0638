"""A field a reader normalises (a court's name, a case number, a legislature) is short;
a crawled value as long as a page is no such field. It is dropped before any reader
reads it (they took 0.3 to 2 s on 100 KB and would make a name of garbage): the field
is left empty, or read from the heading with that provenance, or refused with its cause
when required."""

from __future__ import annotations

import pytest

from indexer.build import FIELD_CHARS, InvalidDocument, build_document

# the page a wrong selector caught, in a court's field: words a court's name is made of
PAGE = "Juzgado Primero de lo Civil del Distrito " * 2_500
HEADING = "JUZGADO SEGUNDO DE LO FAMILIAR DEL PRIMER DISTRITO JUDICIAL\nEXPEDIENTE 239/2024\n"


def _sentence(fields: dict[str, str], text: str = "Texto.", **kw: object):
    return build_document(
        kind="sentencia",
        source_id="stj",
        institution="Supremo Tribunal de Justicia del Estado de Jalisco",
        jurisdiction="MX-JAL",
        url="https://stj.example.gob.mx/1",
        fields={"title": "Sentencia 239/2024", **fields},
        text=text,
        origin="listing",
        **kw,
    )


def test_a_page_long_court_is_left_empty_not_read() -> None:
    doc = _sentence({"court": PAGE, "expediente": "239/2024"})
    assert doc.court is None
    assert "court" not in doc.field_sources
    assert doc.expediente == "239/2024"


def test_a_page_long_court_gives_way_to_the_heading() -> None:
    doc = _sentence({"court": PAGE}, text=HEADING + "Vistos los autos.")
    assert doc.field_sources.get("court") == "heading"
    assert doc.court and len(doc.court) < 200


def test_a_field_at_the_bound_is_still_read() -> None:
    court = "Juzgado Primero de lo Civil" + " " * (FIELD_CHARS - 30) + "de Zapopan"
    assert len(" ".join(court.split())) <= FIELD_CHARS
    doc = _sentence({"court": court[:FIELD_CHARS]})
    assert doc.field_sources["court"] == "listing"


def test_a_required_page_long_field_is_refused_with_its_cause() -> None:
    with pytest.raises(InvalidDocument, match=r"expediente.*100,000 characters"):
        _sentence({"expediente": "1/2024 " * 14_285 + "12345"}, required=("expediente",))


def test_a_page_long_legislature_is_not_read() -> None:
    doc = build_document(
        kind="sesion",
        source_id="congreso",
        institution="Congreso del Estado de Jalisco",
        jurisdiction="MX-JAL",
        url="https://congreso.example.gob.mx/s/1",
        fields={"title": "Sesión ordinaria", "date": "2024-03-05", "legislature": "LX " * 33_334},
        text="Sesión.",
    )
    # (the jurisdiction's calendar may give the session's own legislature: never the LX)
    assert doc.legislature != "LX"
    assert doc.field_sources.get("legislature") != "listing"
