"""A state high court's sala heads its sentence with its letterhead, the sala and its
seat on one line ("PRIMERA SALA CIVIL MONTERREY, N.L."), the toca, and the first
instance's file and juzgado the appeal comes from (``tests/fixtures/state_court_texts``,
written for the project in the layout of the Nuevo León Tribunal Superior's public
versions). The toca is the sentence's case, the sala its court: the juzgado's
expediente joined to it, or the city glued to the sala, would be wrong values."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.readers.courts import normalise_court
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

FIXTURES = Path(__file__).parents[1] / "fixtures" / "state_court_texts"


def test_a_salas_toca_is_its_case_not_the_juzgados_file_it_comes_from() -> None:
    read = read_sentence((FIXTURES / "nl_toca_en_definitiva.txt").read_text(encoding="utf-8"))
    assert normalise_expediente(read.values["expediente"]) == "Toca 291/2014"
    assert read.values["court"] == "Primera Sala Civil"
    assert read.values["resolution_date"] == "2015-03-13"
    assert read.sources["expediente"] == read.sources["court"] == "heading"
    # the sala's one magistrate signs it: the closing names who drafted it
    assert (read.values["ponente"], read.sources["ponente"]) == (
        "María Nancy Valbuena Estrada",
        "body",
    )


_BODY = "\n\n".join(
    f"{n}. Los agravios se estudian en este considerando y resultan infundados." for n in range(40)
)


@pytest.mark.parametrize(
    ("closing", "ponente"),
    [("Así definitivamente lo resolvió y firma el ciudadano licenciado Juan Pérez López, Juez "
      "Segundo de lo Civil del Primer Distrito Judicial del Estado, ante el Secretario que "
      "autoriza y da fe.", "Juan Pérez López"),
     ("Así lo resolvió y firma la ciudadana licenciada Ana Ruiz Soto, Magistrada de la Quinta "
      "Sala Unitaria Penal del Tribunal Superior de Justicia del Estado, ante la Secretaria.",
      "Ana Ruiz Soto"),
     # the judge's office is no name: none
     ("Así lo resolvió y firma el ciudadano Juez Segundo de lo Civil del Primer Distrito "
      "Judicial del Estado, ante el Secretario que autoriza y da fe.", None)],
)  # fmt: skip
def test_a_state_judges_closing_names_the_judge_after_the_citizen_title(
    closing: str, ponente: str | None
) -> None:
    text = (
        "EXPEDIENTE 845/2019\n\nMonterrey, Nuevo León, a 3 tres de febrero de 2021 dos mil "
        f"veintiuno.\n\nVistos los autos.\n\n{_BODY}\n\nPor lo expuesto se resuelve:\n\n"
        f"Primero. Se condena a la parte demandada.\n\n{closing}\n"
    )
    assert read_sentence(text).values.get("ponente") == ponente


@pytest.mark.parametrize(
    ("written", "court"),
    [("PRIMERA SALA CIVIL MONTERREY, N.L.", "Primera Sala Civil"),
     ("TERCERA SALA PENAL GUADALAJARA, JAL.", "Tercera Sala Penal"),
     ("SEGUNDA SALA FAMILIAR SAN PEDRO GARZA GARCÍA, NUEVO LEÓN", "Segunda Sala Familiar"),
     # no city after the court's name, or no state after the comma: left as written
     ("SALA UNITARIA PENAL, B.C.", "Sala Unitaria Penal, B.c"),
     ("JUZGADO PRIMERO CIVIL, GUADALAJARA", "Juzgado Primero Civil, Guadalajara"),
     # a seat written "de …" and a region are the court's own name
     ("Juzgado Civil de Guadalupe, Zacatecas", "Juzgado Civil de Guadalupe, Zacatecas"),
     ("JUZGADO DE LO FAMILIAR DE JIMÉNEZ, CHIHUAHUA",
      "Juzgado de lo Familiar de Jiménez, Chihuahua"),
     ("SALA PENAL ZONA NORTE, JAL.", "Sala Penal Zona Norte, Jal"),
     ("Juzgado Segundo Penal Oral Región Centro, Gto.",
      "Juzgado Segundo Penal Oral Región Centro, Gto"),
     ("Primer Tribunal Colegiado del Tercer Circuito, con residencia en Zapopan, Jalisco",
      "Primer Tribunal Colegiado del Tercer Circuito")],
)  # fmt: skip
def test_a_seat_written_after_the_courts_name_is_no_part_of_it(written: str, court: str) -> None:
    assert normalise_court(written) == court
