"""A case's type carries along a list of its numbers ("y su acumulada", commas, "y"), never
to a number another word labels as something else: an auxiliary court's notebook, the
juicio a toca comes from, a folio. Such a number is kept bare (unsure of its kind), so
that searching "amparo directo 345/2021" does not find the amparo directo 12/2021 whose
auxiliary notebook is 345/2021. Written as the SCJN's, circuit courts' and state courts'
lists and captions write them."""

from __future__ import annotations

import pytest

from indexer.readers.expedientes import expediente_forms
from indexer.readers.normalise import normalise_expediente


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        # a Centro Auxiliar's sentence: the circuit court's amparo, the auxiliary's notebook
        ("A.D. 12/2021 (cuaderno auxiliar 345/2021)", "AD 12/2021, 345/2021"),
        ("AMPARO DIRECTO 456/2022 (CUADERNO AUXILIAR 789/2022)", "AD 456/2022, 789/2022"),
        # a toca and the first instance's file it comes from
        ("Toca penal 123/2021 derivado del juicio 45/2019", "Toca 123/2021, 45/2019"),
        ("Amparo directo 12/2021, folio 3456/2021", "AD 12/2021, 3456/2021"),
    ],
)
def test_a_number_labelled_otherwise_does_not_take_the_cases_type(
    written: str, canonical: str
) -> None:
    assert normalise_expediente(written) == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("A.I. 206/2023 y su acumulada 208/2023", "AI 206/2023, AI 208/2023"),
        ("A.I. 206/2023 y sus acumuladas 208/2023 y 210/2023",
         "AI 206/2023, AI 208/2023, AI 210/2023"),
        ("Amparos directos en revisión 4370/2024, 1049/2023 y 7653/2019",
         "ADR 4370/2024, ADR 1049/2023, ADR 7653/2019"),
        ("tocas 12/2020 / 13/2021", "Toca 12/2020, Toca 13/2021"),
        ("A.D. 12/2021 y su relacionado 13/2021", "AD 12/2021, AD 13/2021"),
        # words between the type and its first number are the type's own
        ("Toca en definitiva número 291/2014", "Toca 291/2014"),
        ("toca penal digital número 239/2024", "Toca 239/2024"),
    ],
)  # fmt: skip
def test_a_list_of_one_type_keeps_it(written: str, canonical: str) -> None:
    assert normalise_expediente(written) == canonical


def test_the_notebooks_number_is_no_form_of_an_amparo_directo() -> None:
    forms = expediente_forms("A.D. 12/2021 (cuaderno auxiliar 345/2021)")
    assert {"AD 12/2021", "Amparo Directo 12/2021", "345/2021"} <= set(forms)
    assert not {"AD 345/2021", "A.D. 345/2021", "Amparo Directo 345/2021"} & set(forms)
