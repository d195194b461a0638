"""A value that cannot be its field is refused: a date is not a case number or a court."""

from __future__ import annotations

import pytest

from indexer.readers.plausibility import implausible, plausible_fields


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("expediente", "18/03/2021"),
        ("expediente", "Miércoles 08 de abril de 2026"),
        ("expediente", "CONDENATORIO"),
        ("court", "13/08/2025"),
        ("date", "Ordinaria"),
        ("resolution_date", "1309/2023"),
        ("legislature", "Miércoles 08 de abril"),
        ("session_type", "Martes 14 de abril de 2026"),
        ("ponente", "12345"),
        ("title", "18/03/2021"),
        ("title", "Sentencia " + "considerando del fallo " * 100),
        ("committee", "2025-02-18"),
        ("stenographic_urls", ["https://senado.example/ve/1", "javascript:void(0)"]),
        ("agenda", ["1.", "Lectura del acta"]),
        ("agenda", ["Lectura del acta"] * 1001),
        ("agenda", ["Lectura del acta " * 300]),
    ],
)
def test_implausible_values_are_refused(name: str, value: str | list[str]) -> None:
    assert implausible(name, value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("expediente", "AMPARO DIRECTO EN REVISIÓN 1309/2023"),
        ("expediente", "Toca 550/2016"),
        ("expediente", "SUP-JDC-0427-2023"),
        ("court", "PRIMERA SALA de la Suprema Corte de Justicia de la Nación"),
        ("date", "18/marzo/2021"),
        ("date", "Miércoles 08 de abril de 2026"),
        ("legislature", "LXVI"),
        ("legislature", "Sexagésima Sexta Legislatura"),
        ("session_type", "Ordinaria Vespertina"),
        ("session_type", "Comisión Permanente"),
        ("ponente", "LORETTA ORTIZ AHLF"),
        ("title", "Gaceta del Senado: sesión Ordinaria del Miércoles 08 de abril de 2026"),
        (
            "stenographic_urls",
            ["https://www.senado.gob.mx/66/version_estenografica/2026_4_28/2611"],
        ),
        ("agenda", ["Lectura del acta de la sesión anterior"]),
        ("agenda", [f"Dictamen {n} de la Comisión de Hacienda" for n in range(400)]),
        (
            "agenda",
            [
                "De las Comisiones Unidas de Puntos Constitucionales y de Estudios "
                "Legislativos, el que contiene proyecto de decreto por el que se reforman "
                + "diversas disposiciones de la Ley General de Salud, "
                * 60
            ],
        ),
    ],
)
def test_plausible_values_are_kept(name: str, value: str | list[str]) -> None:
    assert implausible(name, value) is None


def test_the_refused_field_is_reported_with_its_value_and_the_rest_kept() -> None:
    kept, refused = plausible_fields({"expediente": "18/03/2021", "court": "Juzgado Tercero"})
    assert kept == {"court": "Juzgado Tercero"}
    assert [(name, value) for name, value, _ in refused] == [("expediente", "18/03/2021")]
