"""Cases cited by a number no type word need be written before (a TFJA juicio's: its
sala's and ponencia's digits after the year) or by a type the reader did not know (a
penal "proceso", letters after its year): cited with the metadata reader's canonical
form, so a citation and a stored case meet; dates, articles' fractions, telephone and
registry numbers stay uncited. Texts written for these tests, modelled on circuit
courts' revisiones fiscales and state salas' tocas."""

from __future__ import annotations

from operator import attrgetter

import pytest

from indexer.citations import cases, extract_citations, native
from indexer.citations.laws import fold
from indexer.readers.expedientes import parse_expediente


def cited(text: str) -> list[tuple[str, str]]:
    return [(c.key, c.written) for c in extract_citations(text) if c.kind == "case"]


@pytest.mark.parametrize(
    ("text", "key", "written"),
    [("la Sala Regional declaró la nulidad en el juicio 18321/22-17-05-3.",
      "18321/22-17-05-3", "18321/22-17-05-3"),
     ("en el juicio contencioso administrativo 9127/22-17-10-4-OT, la actora",
      "9127/22-17-10-4-OT", "9127/22-17-10-4-OT"),
     ("juicio de nulidad número 0567/22-EPI-01-3 del índice de la Sala Especializada",
      "567/22-EPI-01-3", "0567/22-EPI-01-3"),
     ("el expediente 18321/22-17-05-3-4, turnado a la ponencia",
      "18321/22-17-05-3-4", "18321/22-17-05-3-4"),
     ("Exp. 18321/22-17-05-3-4",
      "18321/22-17-05-3-4", "18321/22-17-05-3-4"),
     ("la Sección resolvió el juicio 4321/20-17-04-2/998/21-S1-03-04 en sesión",
      "4321/20-17-04-2/998/21-S1-03-04", "4321/20-17-04-2/998/21-S1-03-04")],
)  # fmt: skip
def test_a_tfja_juicio_is_cited_by_its_number(text: str, key: str, written: str) -> None:
    assert cited(text) == [(key, written)]
    # the key is the reader's canonical form of the same number
    assert key == parse_expediente(written)[0].canonical


@pytest.mark.parametrize(
    ("text", "key"),
    [("dictada por el Juez Tercero de lo Penal en el PROCESO PENAL: 184/2019-B; y,",
      "Causa Penal 184/2019-B"),
     ("la sentencia definitiva del proceso penal 184/2019-B, que absolvió al acusado",
      "Causa Penal 184/2019-B"),
     ("los procesos penales 12/2020-A y 14/2021-C", "Causa Penal 12/2020-A")],
)  # fmt: skip
def test_a_proceso_penal_is_cited_as_its_causa(text: str, key: str) -> None:
    assert cited(text)[0][0] == key


def test_a_list_of_procesos_penales_is_cited_whole() -> None:
    assert [key for key, _ in cited("los procesos penales 12/2020-A y 14/2021-C")] == [
        "Causa Penal 12/2020-A",
        "Causa Penal 14/2021-C",
    ]


@pytest.mark.parametrize(
    "text",
    ["el acuerdo de 12/05/2023 y el oficio 12/05-2023",
     "el artículo 17/2 de la ley y la fracción 3/4-A",
     "al teléfono 33/36-12-45-78 o 55-12-34-56-78",
     "registro digital 2023456, tesis I.4o.A.12 A (10a.)",
     "la fecha 18/22-17 y el rango 12/23-1-2",
     "la línea 14/22-17-05-3 de la tabla",
     "el proceso 184/2019-B del índice"],
)  # fmt: skip
def test_dates_articles_phones_and_registries_cite_no_case(text: str) -> None:
    assert cited(text) == []


def test_the_tfja_is_read_with_or_without_the_native_scan() -> None:
    """The TFJA's juicios are read in Python whether or not the Rust scanner reads the
    text's other cases: both ways cite them alike."""
    text = "en el juicio 18321/22-17-05-3 y en el amparo directo 12/2023 del Tribunal"
    folded = fold(text)
    python = list(cases.find_cases(text, folded)) + list(cases.find_tfja_cases(text, folded))
    assert ("18321/22-17-05-3", 13) in [(c.key, c.start) for c in python]
    for read in (native.read_cases(text, folded), native.read_all(text, folded)[0]):
        assert sorted(map(attrgetter("key", "start", "end"), read)) == sorted(
            map(attrgetter("key", "start", "end"), python)
        )
