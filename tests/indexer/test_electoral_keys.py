"""An electoral court's caption keyed as the courts publish it: a local key alone
(«JDC-12/2023», «TEEM-RAP-3/2024») gave its expediente but no proceeding, and a
juicio de la ciudadanía named with its bare local number («JUICIO DE LA CIUDADANÍA:
12/2023») gave neither; a TEPJF chamber's key (sala, means of challenge, number/year)
gives its court and proceeding. A code some states use for different means («RA») gives
none. Texts written for the project on the layout of electoral courts' sentences."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence

JDC = "juicio para la protección de los derechos político-electorales de la ciudadanía"
BODY = (
    "\n\nVISTOS para resolver el juicio citado al rubro; y\n\nR E S U L T A N D O:\n\n"
    "PRIMERO. La parte actora presentó su demanda.\n\nC O N S I D E R A N D O:\n\nÚNICO. "
    "Los agravios son infundados.\n"
)


def read(caption: str) -> dict[str, str]:
    return read_sentence(caption + BODY).values


@pytest.mark.parametrize(
    ("caption", "expediente", "proceeding"),
    [
        ("JDC-12/2023", "JDC-12/2023", JDC),
        ("EXPEDIENTE: TECDMX-JLDC-019/2025", "TECDMX-JLDC-019/2025", JDC),
        ("EXPEDIENTE: TEEM-RAP-3/2024", "TEEM-RAP-3/2024", "recurso de apelación"),
        ("EXPEDIENTE: PES-12/2024", "PES-12/2024", "procedimiento especial sancionador"),
        ("JUICIO DE LA CIUDADANÍA: 12/2023", "JUICIO DE LA CIUDADANÍA 12/2023",
         "juicio de la ciudadanía"),
        (
            "JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DEL CIUDADANO: "
            "045/2024",
            "JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DEL CIUDADANO "
            "045/2024",
            JDC,
        ),
    ],
)  # fmt: skip
def test_a_local_key_gives_its_proceeding_and_expediente(
    caption: str, expediente: str, proceeding: str
) -> None:
    values = read(caption)
    assert (values.get("expediente"), values.get("proceeding")) == (expediente, proceeding)
    assert values.get("matter") == "electoral"


@pytest.mark.parametrize(
    ("caption", "expediente", "court", "proceeding"),
    [
        ("SUP-JDC-12/2023", "SUP-JDC-12/2023", "Sala Superior del TEPJF", JDC),
        ("EXPEDIENTE: SCM-JDC-0045/2024", "SCM-JDC-0045/2024",
         "Sala Regional Ciudad de México del TEPJF", JDC),
        ("JUICIO ELECTORAL\n\nEXPEDIENTE: ST-JE-7/2024", "ST-JE-7/2024",
         "Sala Regional Toluca del TEPJF", "juicio electoral"),
        ("RECURSO DE APELACIÓN\n\nEXPEDIENTE: SM-RAP-3/2021", "SM-RAP-3/2021",
         "Sala Regional Monterrey del TEPJF", "recurso de apelación"),
        ("RECURSO DE RECONSIDERACIÓN\n\nEXPEDIENTE: SUP-REC-22/2024", "SUP-REC-22/2024",
         "Sala Superior del TEPJF", "recurso de reconsideración"),
        # the chamber's key below the juicio's local name is the sentence's number
        ("JUICIO DE LA CIUDADANÍA: 12/2023\n\nEXPEDIENTE: SX-JDC-12/2023", "SX-JDC-12/2023",
         "Sala Regional Xalapa del TEPJF", "juicio de la ciudadanía"),
    ],
)  # fmt: skip
def test_a_chamber_s_key_gives_court_proceeding_and_expediente(
    caption: str, expediente: str, court: str, proceeding: str
) -> None:
    values = read(caption)
    assert (values.get("expediente"), values.get("court"), values.get("proceeding")) == (
        expediente,
        court,
        proceeding,
    )


@pytest.mark.parametrize(
    "caption",
    [
        "EXPEDIENTE: RA-12/2023",  # recurso de apelación here, de revisión administrativa there
        "EXPEDIENTE: SUP-XYZ-1/2024",  # a key of no known means
    ],
)
def test_a_key_of_no_one_means_gives_no_proceeding(caption: str) -> None:
    assert "proceeding" not in read(caption)


def test_two_numbers_after_the_juicio_s_name_give_no_expediente() -> None:
    values = read("JUICIO DE LA CIUDADANÍA: 12/2023 Y 13/2023")
    assert "expediente" not in values
