"""The personal-data guard on sentence text: identifiers with their check digits,
contact data, private parties' names; lookalikes, officials and existing redactions
left alone; masking leaves no value behind."""

from __future__ import annotations

import random

import pytest

from indexer.privacy import MASK, protect, scan
from samples import personal

RNG = random.Random(10)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in scan(text)]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("curp", personal.curp(RNG)),
        ("rfc", personal.rfc(RNG)),
        ("rfc", "SAT970701NN3"),  # the tax authority's own RFC: a real check digit
        ("rfc", "NWM9709244W4"),
        ("clave_elector", personal.clave_elector(RNG)),
        ("nss", personal.nss(RNG)),
        ("clabe", "032180000118359719"),
        ("card", "4111 1111 1111 1111"),
        ("phone", "(461) 123-4567"),
        ("phone", "+52 55 1234 5678"),
        ("email", "juan.perez@gmail.com"),
    ],
)
def test_each_identifier_is_found_whole(kind: str, value: str) -> None:
    text = f"Se asentó el dato {value}, que obra en autos."
    assert kinds(text) == [(kind, value)]


def test_a_wrong_check_digit_is_not_an_identifier() -> None:
    curp = personal.curp(RNG)
    wrong = curp[:-1] + str((int(curp[-1]) + 1) % 10)
    assert kinds(f"CURP {wrong} y tarjeta 4111 1111 1111 1112.") == []


def test_lookalikes_are_left_alone() -> None:
    text = (
        "En el expediente 1234/2023 y el toca 45/2024, registro digital 2024567, con "
        "fundamento en el artículo 1916 del Código Civil, se condena al pago de "
        "$1,250,000.00 M.N. el 15 de marzo de 2024 (folio 0012345678). El Magistrado "
        "Pedro Ramírez Soto, ponente, y la Secretaria de Acuerdos Licenciada Ana Ruiz Gómez."
    )
    assert kinds(text) == []


def test_parties_are_found_officials_and_institutions_are_not() -> None:
    text = (
        "Juicio promovido por Juan Carlos Pérez López en contra de María de la Luz Hernández "
        "y del Instituto Mexicano del Seguro Social. El quejoso ROBERTO SÁNCHEZ DÍAZ EN "
        "CONTRA DE la Jueza Ana Torres. La víctima de iniciales J.L.P.R. declaró. Amparo "
        "en contra de la Secretaría de Hacienda y en contra del Magistrado Luis Ortiz Paz."
    )
    assert kinds(text) == [
        ("name", "Juan Carlos Pérez López"),
        ("name", "María de la Luz Hernández"),
        ("name", "ROBERTO SÁNCHEZ DÍAZ"),
        ("name", "J.L.P.R."),
    ]


def test_existing_redactions_are_counted_not_taken_for_names() -> None:
    text = (
        "promovido por ****, en contra de [ELIMINADO]; la actora XXXX y el demandado "
        "[Nombre eliminado]."
    )
    guarded = protect("", text, "")
    assert guarded.report.findings == []
    assert guarded.report.redactions == 4


def test_an_address_is_one_finding() -> None:
    value = "calle Francisco I. Madero número 215, colonia Centro, C.P. 38000"
    assert kinds(f"con domicilio en {value}, Celaya.") == [("address", value)]


def test_masking_removes_values_and_records_places_not_values() -> None:
    curp = personal.curp(RNG)
    text = f"El quejoso Raúl Ibarra Núñez, con CURP {curp} y teléfono 477 123 4567."
    guarded = protect("Amparo promovido por Raúl Ibarra Núñez", text, "", "mask")
    assert curp not in guarded.text and "Ibarra" not in guarded.text + guarded.title
    assert guarded.text.count(MASK) == 3 and guarded.title.endswith(MASK)
    found = [(f.field, f.kind, guarded.text[f.start : f.end] if f.field == "text" else "")
             for f in guarded.report.findings]  # fmt: skip
    assert found == [("title", "name", ""), ("text", "name", MASK), ("text", "curp", MASK),
                     ("text", "phone", MASK)]  # fmt: skip
    assert curp not in guarded.report.model_dump_json()
    again = protect(guarded.title, guarded.text, "", "mask", previous=guarded.report)
    assert again.text == guarded.text and again.report == guarded.report


def test_flag_and_withhold_keep_the_text() -> None:
    text = "teléfono 55 1234 5678"
    for policy in ("flag", "withhold"):
        guarded = protect("", text, "", policy)
        assert guarded.text == text
        assert [f.kind for f in guarded.report.findings] == ["phone"]
    assert protect("", text, "", "withhold").report.withheld
    assert not protect("", "sin datos", "", "withhold").report.withheld


def test_a_failed_redaction_mark_is_a_finding() -> None:
    guarded = protect("", "El quejoso [TEXTO BAJO TACHADO] promovió.", "", "mask")
    assert [f.kind for f in guarded.report.findings] == ["failed_redaction"]


def test_places_and_signing_officials_are_not_private_persons() -> None:
    text = (
        "Controversia promovida por Nuevo León en contra de San Luis Potosí. Así lo resolvió "
        "y firma Juan Pérez López, Juez Primero de lo Civil, firmado por Ana Ruiz Soto."
    )
    assert kinds(text) == []
