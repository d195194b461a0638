"""A juzgado's sentence closes with its judge, not a court, as the verb's subject: "Así lo
resolvió y firma la Licenciada Ana Ruiz Soto, Jueza Segunda de Distrito en Materia
Administrativa en la Ciudad de México, ante…" (the federal Juzgados de Distrito), "…lo
sentenció y firma el Juez Primero de lo Familiar del Primer Distrito Judicial, Juan Pérez
López, …" (a state court of first instance), "…firma Juan Pérez, titular del Juzgado…".
The judge's office names the court (its ordinal the juzgado's: "Jueza Segunda" is the
"Juzgado Segundo"), and the judge named after the office is the ponente. A judge named
otherwise (whose sentence is appealed, to whom a copy goes) names no court. Shapes written
after the Poder Judicial de la Federación's and state courts' published sentences."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence
from tests.unit.test_closing_formulas import BODY, SIGNERS

# (the considerations of a whole sentence: its closing is read in its body, far from the
# caption, and recorded as read there)
CONSIDERATIONS = "\n\n".join([BODY] * 8)


def sentence(caption: str, closing: str) -> str:
    return (
        f"{caption}\n\nV I S T O S para resolver los autos; y\n\nR E S U L T A N D O\n{BODY}"
        f"\n\nC O N S I D E R A N D O\n{CONSIDERATIONS}\n\nPor lo expuesto, se resuelve:\n\n"
        f"PRIMERO. La Justicia de la Unión ampara y protege a la quejosa.\n\nSEGUNDO. "
        f"Notifíquese.\n\n{closing}\n\n{SIGNERS}\n"
    )


AMPARO = "JUICIO DE AMPARO INDIRECTO 456/2023\n\nQUEJOSA: **********"
FAMILIAR = "EXPEDIENTE: 845/2023\n\nJUICIO: DIVORCIO INCAUSADO"
PUEBLA = (
    "Juzgado Quinto de Distrito en Materia de Amparo Civil, Administrativa y de Trabajo y "
    "de Juicios Federales en el Estado de Puebla"
)


@pytest.mark.parametrize(
    ("caption", "closing", "court", "ponente"),
    [(AMPARO, "Así lo resolvió y firma la Licenciada Ana Ruiz Soto, Jueza Segunda de Distrito "
      "en Materia Administrativa en la Ciudad de México, asistida de la Secretaria Luisa Gómez "
      "Pérez, con quien actúa y da fe.",
      "Juzgado Segundo de Distrito en Materia Administrativa en la Ciudad de México",
      "Ana Ruiz Soto"),
     (AMPARO, "Así lo resolvió y firma el Juez Décimo Primero de Distrito en el Estado de "
      "Jalisco, Juan Carlos Pérez López, ante la Secretaria que autoriza y da fe.",
      "Juzgado Décimo Primero de Distrito en el Estado de Jalisco", "Juan Carlos Pérez López"),
     (AMPARO, "Así lo resolvió y firma electrónicamente Raúl Núñez Pardo, titular del "
      f"{PUEBLA}, ante el Secretario Eva Gil Mora, quien autoriza y da fe.", PUEBLA, None),
     (FAMILIAR, "Así, definitivamente juzgando, lo sentenció y firma la Jueza Primera de lo "
      "Familiar del Primer Distrito Judicial, Licenciada Rosa Elena Díaz Paz, ante la "
      "Secretaria de Acuerdos que autoriza y da fe.",
      "Juzgado Primero de lo Familiar del Primer Distrito Judicial", "Rosa Elena Díaz Paz"),
     (FAMILIAR, "Así lo resolvió y firma la Maestra Ana Ruiz Soto, Jueza 3a. de lo Civil "
      "de Primera Instancia del Distrito Judicial de Toluca, ante el Secretario quien da fe.",
      "Juzgado Tercero de lo Civil de Primera Instancia del Distrito Judicial de Toluca",
      "Ana Ruiz Soto")],
)  # fmt: skip
def test_the_judges_office_in_the_closing_names_the_court(
    caption: str, closing: str, court: str, ponente: str | None
) -> None:
    reading = read_sentence(sentence(caption, closing))
    assert reading.values["court"] == court
    assert reading.sources["court"] == "body"
    assert reading.values.get("ponente") == ponente


@pytest.mark.parametrize(
    "closing",
    # the judge whose sentence the court reviewed, a copy sent to a judge, an office
    # that names no court
    ["Así lo resolvió el Pleno del Tribunal, en contra de lo resuelto por el Juez Primero "
     "de lo Civil del Distrito Judicial de Toluca, ante la Secretaria que da fe.",
     "Así lo resolvió y firma la Secretaria de Acuerdos, y remítase copia al Juez Segundo de "
     "Distrito en el Estado de Jalisco, para su conocimiento.",
     "Así lo resolvió y firma el Juez Primero de la lista de turno, Juan Pérez López, ante "
     "la Secretaria que da fe."],
)  # fmt: skip
def test_a_judge_who_is_not_the_closings_subject_names_no_court(closing: str) -> None:
    assert "court" not in read_sentence(sentence(AMPARO, closing)).values
