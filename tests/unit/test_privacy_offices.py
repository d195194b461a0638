"""Mexican public versions mask the parties (quejoso, actora, demandado, víctima, menor…)
and never the people named in an office (the judge, the ponente, the secretary, a
legislator, a municipal president) nor an organisation: the names rule keeps that line
whatever the office's name is spelled with (a colon after «Magistrado ponente», the
court's full name before a comma, abbreviations, capitals), and an organisation's
«Ciudadana, A.C.» is no person's initials. Texts modelled on state courts' versiones
públicas and congress transcripts."""

from __future__ import annotations

import pytest

from indexer.privacy import MASK, protect

OFFICIALS = [
    "Magistrado ponente: C. Juan Pérez Gómez.",
    "MAGISTRADA PONENTE: C. LIC. ADRIANA VILLASEÑOR ORTEGA",
    "Ponente: C. Adriana Villaseñor Ortega",
    "Secretario de Acuerdos: C. Lic. Julio César Montaño Ruiz, quien da fe.",
    "SECRETARIA DE ESTUDIO Y CUENTA: C. LIC. MARÍA LÓPEZ HERNÁNDEZ",
    "Así lo resolvió el Juez Tercero de lo Familiar del Primer Distrito Judicial, C. Lic. "
    "Ana Ruiz Paz, ante su Secretaria.",
    "Diputada: C. María Fernanda López Arriaga",
    "Intervención del C. Mgdo. Juan Pérez Gómez",
    "Intervino la actora, por conducto de la autoridad responsable C. Juan Pérez Gómez.",
    "C. Juan Pérez Gómez (Magistrado ponente)",
    "el C. Presidente Municipal de San Luis de la Paz, Lic. Carlos Ramos Díaz",
    "LA MAGISTRADA PONENTE\n\nC. ADRIANA VILLASEÑOR ORTEGA",  # a signature block
    "C. ADRIANA VILLASEÑOR ORTEGA\nMAGISTRADA DE LA SEGUNDA SALA CIVIL.",
]


@pytest.mark.parametrize("text", OFFICIALS)
def test_a_person_named_in_an_office_stays(text: str) -> None:
    guarded = protect("", text, "")
    assert (guarded.text, guarded.report.findings) == (text, [])


ORGANISATIONS = [
    "Juicio de amparo promovido por Ciudadana A.C. en contra de actos del Cabildo.",
    "Recurso interpuesto por Fundación Ciudadana, A.C., por conducto de su apoderado.",
    "SE TIENE POR PRESENTADA A ALIANZA CIUDADANA, A. C. CON SU ESCRITO.",
    "Amparo promovido por Participación Ciudadana Juárez, A.B.P.",
]


@pytest.mark.parametrize("text", ORGANISATIONS)
def test_an_organisation_is_no_private_person(text: str) -> None:
    assert protect("", text, "").text == text


PARTIES = [
    ("la menor A.C. declaró ante el Juez.", "la menor [DATO PERSONAL] declaró ante el Juez."),
    ("QUEJOSO: C. JUAN PÉREZ GÓMEZ", "QUEJOSO: C. [DATO PERSONAL]"),
    (
        "Juez: Luis Mora Ruiz. Quejosa: C. María López Hernández",
        "Juez: Luis Mora Ruiz. Quejosa: C. [DATO PERSONAL]",
    ),
    (
        "el Secretario notificó a la quejosa C. María López Hernández",
        "el Secretario notificó a la quejosa C. [DATO PERSONAL]",
    ),
    (
        "Magistrado Presidente y la actora C. María López Hernández",
        "Magistrado Presidente y la actora C. [DATO PERSONAL]",
    ),
    (
        "ante la Jueza, la víctima C. María López Hernández",
        "ante la Jueza, la víctima C. [DATO PERSONAL]",
    ),
    ("el Juez absolvió al C. Juan Pérez Gómez", "el Juez absolvió al C. [DATO PERSONAL]"),
    # a caption: the next line labels another person, the party's line stays masked
    (
        "QUEJOSO: C. JUAN PÉREZ GÓMEZ\nMAGISTRADO PONENTE: LUIS MORA RUIZ",
        "QUEJOSO: C. [DATO PERSONAL]\nMAGISTRADO PONENTE: LUIS MORA RUIZ",
    ),
    ("Juez Luis Mora Ruiz, C. María López Hernández", "Juez Luis Mora Ruiz, C. [DATO PERSONAL]"),
]


@pytest.mark.parametrize(("text", "published"), PARTIES)
def test_a_party_next_to_an_office_is_still_masked(text: str, published: str) -> None:
    assert protect("", text, "").text == published
    assert MASK in published
