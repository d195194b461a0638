"""Spanish metadata as published → controlled values."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.readers.normalise import (
    date_conflict,
    int_to_roman,
    legislature_number,
    normalise_doc_type,
    normalise_expediente,
    normalise_legislature,
    normalise_matter,
    normalise_session_type,
    parse_date,
    roman_to_int,
    video_platform,
)
from indexer.readers.plausibility import implausible

DATES = [
        ("07/03/2022", dt.date(2022, 3, 7)),
        ("2022-03-07", dt.date(2022, 3, 7)),
        ("7 de marzo de 2022", dt.date(2022, 3, 7)),
        ("martes 18 de febrero de 2025", dt.date(2025, 2, 18)),
        ("18 de Febrero del año 2025", dt.date(2025, 2, 18)),
        ("1o. de septiembre de 2024", dt.date(2024, 9, 1)),
        ("siete de marzo de dos mil veintidós", dt.date(2022, 3, 7)),
        ("León, Gto., a treinta y uno de enero de dos mil veinticuatro.", dt.date(2024, 1, 31)),
        (
            "a los dieciocho días del mes de febrero del año dos mil veinticinco",
            dt.date(2025, 2, 18),
        ),
        ("a los 5 días del mes de marzo de 2024", dt.date(2024, 3, 5)),
        ("dieciocho de febrero de 2025", dt.date(2025, 2, 18)),
        ("treinta y uno de diciembre de mil novecientos noventa y nueve", dt.date(1999, 12, 31)),
        ("18/feb/2025", dt.date(2025, 2, 18)),
        ("18-FEB-2025", dt.date(2025, 2, 18)),
        ("mié, 19 feb 2025 11:00:00 -0600", dt.date(2025, 2, 19)),
        ("CELEBRADA EL MARTES 18 DE FEBRERO DE 2025.", dt.date(2025, 2, 18)),
        ("31/02/2020", None),
        ("13/08/25", dt.date(2025, 8, 13)),
        # a two-digit year of the last century (an old gaceta's "02/09/97"), not 2097
        ("Sesión del 02/09/97", dt.date(1997, 9, 2)),
        ("13/08/98", dt.date(1998, 8, 13)),
        # the month first, as listings head their rows
        ("Febrero 18, 2025", dt.date(2025, 2, 18)),
        ("DICIEMBRE 03 DE 2024", dt.date(2024, 12, 3)),
        ("Mayo 1o. de 2025", dt.date(2025, 5, 1)),
        # the first as ordinals are written
        ("1ro. de septiembre de 2025", dt.date(2025, 9, 1)),
        ("1er. de septiembre de 2025", dt.date(2025, 9, 1)),
        ("1.º de septiembre de 2025", dt.date(2025, 9, 1)),
        ("Septiembre 1ro, 2025", dt.date(2025, 9, 1)),
        ("Publicado: Dic. 3, 2024", dt.date(2024, 12, 3)),
        ("sept. 3, 2025", dt.date(2025, 9, 3)),
        ("mar 3 2025", None),  # the sea's, not March's
        # a comma or nothing before the year; an abbreviation after "de"
        ("18 de febrero, 2025", dt.date(2025, 2, 18)),
        ("Sesión del martes 18 de febrero 2025", dt.date(2025, 2, 18)),
        ("18 de feb. de 2025", dt.date(2025, 2, 18)),
        ("punto 1 de dictamen 2025", None),
        # "18-FEB-25" as file codes write it; the year first with slashes
        ("18-FEB-25", dt.date(2025, 2, 18)),
        ("2025/03/18", dt.date(2025, 3, 18)),
        ("1/2023/10/2_309928_7324.docx", None),
        # the SCJN Buscador Jurídico's "no date": year 1 written in full, not 2001
        ("01/01/0001", None),
        ("01/01/0001 00:00:00", None),
        # a day as JSON APIs write it (the SCJN's ejecutorias, most REST services)
        ("2025-08-13T00:00:00", dt.date(2025, 8, 13)),
        ("2025-08-13T00:00:00.000Z", dt.date(2025, 8, 13)),
        ("2025-08-13T06:00:00.000Z", dt.date(2025, 8, 13)),
        # an instant with its zone: its day in Mexico City (19:30 of the 13th)
        ("2025-08-14T01:30:00Z", dt.date(2025, 8, 13)),
        ("2025-08-14T01:30:00-06:00", dt.date(2025, 8, 14)),
        ("2025-08-131", None),
        ("sin fecha", None),
        ("", None),
        # as Mexican listings write them: the month abbreviated as offices do ("MZO"),
        # with or without its dot, in any case, joined by dots; a two-digit year is this
        # century's as elsewhere; day before month always
        ("18.mar.21", dt.date(2021, 3, 18)),
        ("18-MZO-21", dt.date(2021, 3, 18)),
        ("18/MZO/2021", dt.date(2021, 3, 18)),
        ("18-Mzo-2021", dt.date(2021, 3, 18)),
        ("18 de mzo. de 2021", dt.date(2021, 3, 18)),
        ("18 de mzo de 2021", dt.date(2021, 3, 18)),
        ("5.AGTO.21", dt.date(2021, 8, 5)),
        ("18-SEPT-21", dt.date(2021, 9, 18)),
        ("18/SET/2021", dt.date(2021, 9, 18)),
        ("3 de DIC. de 2021", dt.date(2021, 12, 3)),
        ("1o. de abril de 2024", dt.date(2024, 4, 1)),
        ("primero de abril de dos mil veinticuatro", dt.date(2024, 4, 1)),
        ("03/04/21", dt.date(2021, 4, 3)),
        ("18.mzo.98", dt.date(1998, 3, 18)),
        ("31.feb.21", None),  # no such day: empty, never the 3rd of March
        ("18.mar-21", None),  # two marks: not a code's date
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_one_date_is_no_conflict(text: str, expected: dt.date | None) -> None:
    assert date_conflict(text) is None


PARTS = "writes more date parts than one date has ('{}': a range or two dates)"
TWO = "writes more than one date (18/03/2021 and 19/03/2021)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # a day glued before a code's date: it read 5 March
        ("1.5.mar.21", PARTS.format("1.5.mar.21")),
        ("1-5.mar.21", PARTS.format("1-5.mar.21")),
        # numeric day and month before a month name: it read 3 March
        ("18.03.mar.21", PARTS.format("18.03.mar.21")),
        ("05/03 marzo 2021", PARTS.format("05/03 marzo 2021")),
        # ranges and lists of days: which day the listing means is not written
        ("1-5 mar 2021", PARTS.format("1-5 mar 2021")),
        ("del 1 al 5 de marzo de 2021", PARTS.format("1 al 5 de marzo de 2021")),
        ("1o. al 5 de mayo de 2025", PARTS.format("1o. al 5 de mayo de 2025")),
        ("1 y 5 de marzo de 2021", PARTS.format("1 y 5 de marzo de 2021")),
        ("del 28 de febrero al 5 de marzo de 2021", PARTS.format(
            "28 de febrero al 5 de marzo de 2021"
        )),
        # two dates in one cell
        ("18/03/2021 19/03/2021", TWO),
        ("Del 18 de marzo de 2021 al 19 de marzo de 2021", TWO),
        ("18/03/2021/5", "writes more date parts than one date has ('18/03/2021/5')"),
        # a month name the numbers contradict
        ("18/03/2021 (abril)", "names the month abril that its date (18/03/2021) contradicts"),
        # one date, said twice or with its hour or a place: no conflict
        ("18/03/2021 - 18/03/2021", None),
        ("18/03/2021 marzo", None),
        ("Oaxaca, a 5 de marzo de 2021", None),
        ("Publicado el 18 de febrero de 2025 a las 10:30", None),
        ("Sesión 2, 18 de febrero de 2025", None),
        ("12. 5 de marzo de 2021", None),
    ],
)  # fmt: skip
def test_more_date_parts_than_one_date_is_a_said_conflict(text: str, reason: str | None) -> None:
    assert date_conflict(text) == reason
    if reason is not None:  # a listing's or an API's date field is left empty, saying why
        assert implausible("date", text) == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/FEB/2021", "is a day no calendar has (31/02/2021)"),
        ("31.feb.21", "is a day no calendar has (31/02/2021)"),
        ("30 de febrero de 2024", "is a day no calendar has (30/02/2024)"),
        ("31-ABR-2024", "is a day no calendar has (31/04/2024)"),
        ("sin fecha", "is not a date"),
        ("18-MZO-21", None),
    ],
)
def test_an_impossible_day_is_refused_with_its_cause(text: str, reason: str | None) -> None:
    assert implausible("date", text) == reason


def test_vocabularies() -> None:
    assert normalise_matter("JUICIO ORDINARIO CIVIL") == "civil"
    assert normalise_matter("Materia Administrativa") == "administrativa"
    assert normalise_session_type("Sesión Extraordinaria") == "extraordinaria"
    assert normalise_session_type("Diputación Permanente") == "permanente"
    assert normalise_session_type("Sesión de Comisión") == "comision"
    assert normalise_doc_type("Punto de Acuerdo") == "punto_de_acuerdo"
    assert normalise_doc_type("Versión Estenográfica") == "version_estenografica"


def test_legislatures() -> None:
    assert normalise_legislature("LXVI Legislatura") == "LXVI"
    assert roman_to_int("LXIV") == 64 and roman_to_int("LXVI") == 66
    assert normalise_legislature("Sexagésima Sexta Legislatura") == "LXVI"
    assert normalise_legislature("Septuagésima Séptima Legislatura") == "LXXVII"
    assert normalise_legislature("la 65a. Legislatura") == "LXV"
    assert normalise_legislature("66 Legislatura") == "LXVI"
    assert legislature_number("LXIV Legislatura") == 64
    assert legislature_number("III Legislatura") == 3
    assert int_to_roman(77) == "LXXVII"
    assert normalise_session_type("Sesión de la Comisión Permanente") == "permanente"


def test_expedientes() -> None:
    assert normalise_expediente("512/2020") == "512/2020"
    assert normalise_expediente("Amparo en Revisión 1234/2023") == "AR 1234/2023"
    assert (
        normalise_expediente("A.I. 206/2023 y su acumulada 208/2023") == "AI 206/2023, AI 208/2023"
    )
    assert normalise_expediente("SUP-JDC-1234/2024") == "SUP-JDC-1234/2024"


def test_video_platforms() -> None:
    assert video_platform("https://www.youtube.com/watch?v=abc") == "youtube"
    assert video_platform("https://youtu.be/abc") == "youtube"
    assert video_platform("https://www.facebook.com/congreso/videos/1") == "facebook"
    assert video_platform("http://127.0.0.1:8765/video/watch/x", "TransmiteMX") == "TransmiteMX"


@pytest.mark.parametrize(
    ("written", "matter"),
    [("Civil y Familiar", None), ("Familiar y Penal", None), ("PENAL, CIVIL", None),
     ("Mercantil y civil", None), ("N/A", None), ("ND", None), ("S/D", None),
     # one matter, whatever else the value says of it
     ("Amparo en materia penal", "penal"), ("juicio especial hipotecario mercantil", "mercantil"),
     ("juicio especial hipotecario", "civil"), ("Laboral (del trabajo)", "laboral"),
     ("AMPARO DIRECTO EN REVISIÓN", "amparo"), ("Familiar", "familiar")],
)  # fmt: skip
def test_a_column_of_two_matters_or_none_gives_no_matter(written: str, matter: str | None) -> None:
    """A listing's or an API's "materia" column of two matters ("Civil y Familiar") does
    not say which is the case's (its first in the vocabulary's order was stored: "Familiar
    y Penal" filed as penal); a placeholder ("N/A") is no matter at all."""
    assert normalise_matter(written) == matter


@pytest.mark.parametrize(
    ("written", "legislature"),
    [("LXIV y LXV", None), ("LXV-LXVI", None), ("LXIV Legislatura y LXV Legislatura", None),
     # one legislature beside a year of its exercise, or named twice
     ("LXVI Legislatura, II Año", "LXVI"), ("LXVI LEGISLATURA - AÑO II", "LXVI"),
     ("LXVI Legislatura, Año XXVIII", "LXVI"), ("LXVI y LXVI", "LXVI")],
)  # fmt: skip
def test_a_value_of_two_legislatures_gives_none(written: str, legislature: str | None) -> None:
    """A column that names two legislatures (an initiative carried over, "LXIV y LXV")
    does not say which is the document's: the first was stored as if it were."""
    assert normalise_legislature(written) == legislature


@pytest.mark.parametrize(
    ("written", "kind"),
    [("Ordinaria y Solemne", None), ("Sesión Extraordinaria / Ordinaria", None),
     ("SESIÓN SOLEMNE Y EXTRAORDINARIA", None), ("Sesión Extraordinaria", "extraordinaria"),
     ("Sesión Ordinaria de la Comisión Permanente", "permanente"),
     ("Sesión Solemne", "solemne"), ("ordinaria", "ordinaria")],
)  # fmt: skip
def test_a_value_of_two_kinds_of_sitting_gives_none(written: str, kind: str | None) -> None:
    """«Ordinaria y Solemne» does not say which the session was: the first kind in the
    reader's word list was stored as if it were («solemne»)."""
    assert normalise_session_type(written) == kind
