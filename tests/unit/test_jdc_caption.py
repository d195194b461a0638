"""A local electoral court's caption naming the juicio de la ciudadanía by its long name
(«JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DEL CIUDADANO») or a
short one («JUICIO DE LA CIUDADANÍA», «JDC»), with its local number on the same line:
a user searching by proceeding or expediente found such a sentence with neither. A
number of another kind on that line is not taken for the juicio's. Texts written for the
project on the layout of state electoral courts' public sentences; names invented."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence

LONG = "juicio para la protección de los derechos político-electorales de la ciudadanía"
BODY = (
    "\n\nVISTOS para resolver el juicio citado al rubro; y\n\nR E S U L T A N D O:\n\n"
    "PRIMERO. El actor presentó su demanda.\n\nC O N S I D E R A N D O:\n\nÚNICO. Los "
    "agravios son infundados.\n\nPor lo expuesto, se resuelve:\n\nÚNICO. Se confirma el "
    "acto impugnado.\n\nNotifíquese.\n"
)


def read(caption: str) -> dict[str, str]:
    return read_sentence(caption + BODY).values


@pytest.mark.parametrize(
    ("caption", "proceeding", "expediente"),
    [
        (
            "JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DEL CIUDADANO: "
            "TEEM-JDC-045/2024\n\nACTOR: **********",
            LONG,
            "TEEM-JDC-045/2024",
        ),
        (  # the name broken over two lines, the number under it
            "JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-\nELECTORALES DEL "
            "CIUDADANO\nTEEM-JDC-045/2024\n\nACTOR: **********",
            LONG,
            "TEEM-JDC-045/2024",
        ),
        (
            "JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DE LA CIUDADANÍA"
            "\n\nEXPEDIENTE: TEEM-JDC-045/2024\n\nACTOR: **********",
            LONG,
            "TEEM-JDC-045/2024",
        ),
        (
            "JUICIO DE LA CIUDADANÍA: JDC-12/2023\n\nPROMOVENTE: **********",
            "juicio de la ciudadanía",
            "JDC-12/2023",
        ),
        ("JDC: TEEM-JDC-045/2024\n\nACTOR: **********", LONG, "TEEM-JDC-045/2024"),
    ],
)
def test_the_juicio_de_la_ciudadania_s_caption_gives_proceeding_and_number(
    caption: str, proceeding: str, expediente: str
) -> None:
    values = read(caption)
    assert (values.get("proceeding"), values.get("expediente")) == (proceeding, expediente)


def test_a_number_of_another_kind_on_the_line_is_not_the_juicio_s() -> None:
    values = read("JUICIO DE LA CIUDADANÍA: TEEM-JE-045/2024\n\nACTOR: **********")
    assert values.get("proceeding") != "juicio de la ciudadanía"
    assert values.get("expediente") != "TEEM-JE-045/2024"
