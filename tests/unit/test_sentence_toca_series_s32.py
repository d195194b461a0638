"""A state sala's toca numbered in a one-letter series, named in the opening statement
(written for the project, in the layout of the state high courts' public sentences):
"Visto para resolver el toca civil número T-45/2024" gave no case number, the statement's
number taking no series of one letter. Now it is the toca's; the same number after no
toca (a bare "T-45/2024", an expediente's) gives none: what the letter is, is unsure.
"""

from __future__ import annotations

import pytest

from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

BODY = "\n\n".join(
    f"{n}. Los agravios expresados por la apelante se estudian en este considerando y "
    "resultan infundados por las razones que enseguida se exponen."
    for n in range(1, 30)
)


def _sala(opening: str) -> dict[str, str]:
    return read_sentence(
        "PODER JUDICIAL DEL ESTADO DE TLAXCALA\nTRIBUNAL SUPERIOR DE JUSTICIA\n"
        "PRIMERA SALA CIVIL Y FAMILIAR\n\nTlaxcala de Xicohténcatl, Tlaxcala, a once de junio "
        f"de dos mil veinticuatro.\n\n{opening}\n\nR E S U L T A N D O:\n\n{BODY}\n\nPor lo "
        "expuesto y fundado, se resuelve:\n\nPRIMERO. Se confirma la sentencia apelada.\n\n"
        "Notifíquese. Así lo resolvieron y firman los Magistrados de la Primera Sala Civil y "
        "Familiar.\n"
    ).values


@pytest.mark.parametrize(
    ("opening", "key"),
    [("Visto para resolver el toca civil número T-45/2024, formado con motivo del recurso "
      "de apelación interpuesto por la parte actora, y", "Toca T-45/2024"),
     ("VISTOS para resolver el toca penal número T-12/2023, relativo al recurso de "
      "apelación interpuesto por la defensa, y", "Toca T-12/2023"),
     ("Vistos para resolver el toca de apelación T-7/2024, formado con motivo del recurso "
      "interpuesto por la parte demandada, y", "Toca T-7/2024")],
)  # fmt: skip
def test_a_tocas_one_letter_series_in_the_opening_is_its_number(opening: str, key: str) -> None:
    values = _sala(opening)
    assert normalise_expediente(values["expediente"]) == key
    assert values["proceeding"] == "toca"


@pytest.mark.parametrize(
    "opening",
    ["Visto para resolver el expediente T-45/2024, formado con motivo del recurso de "
     "apelación interpuesto por la parte actora, y",
     "Visto para resolver el amparo directo T-45/2024, promovido por la parte actora, y"],
)  # fmt: skip
def test_a_one_letter_series_after_no_toca_is_no_case(opening: str) -> None:
    assert _sala(opening).get("expediente") is None
