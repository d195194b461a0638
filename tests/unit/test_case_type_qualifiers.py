"""A case's type as circuit courts' captions qualify it in brackets ("REVISIÓN
ADMINISTRATIVA (LEY FEDERAL DE PROCEDIMIENTO CONTENCIOSO ADMINISTRATIVO) 401/2023",
"AMPARO EN REVISIÓN (IMPROCEDENCIA) 12/2023", "QUEJA (ARTÍCULO 97, FRACCIÓN I, INCISO
E) DE LA LEY DE AMPARO) 3/2024"), the revisión of a suspension's interlocutory by each
of its names, and a penal first instance called "proceso" as often as "causa". The
captions are written for these tests, modelled on circuit courts' and state courts'."""

from __future__ import annotations

import pytest

from indexer.readers.expedientes import normalise_expediente


@pytest.mark.parametrize(
    ("caption", "canonical"),
    [# the revisión of a TFJA sala's sentence: the revisión fiscal, whatever it is called
     ("REVISIÓN ADMINISTRATIVA (LEY FEDERAL DE PROCEDIMIENTO CONTENCIOSO ADMINISTRATIVO) "
      "401/2023", "RF 401/2023"),
     ("RECURSO DE REVISIÓN (LEY FEDERAL DE PROCEDIMIENTO CONTENCIOSO ADMINISTRATIVO) "
      "NÚMERO 88/2022", "RF 88/2022"),
     ("REVISIÓN ADMINISTRATIVA (CÓDIGO FISCAL DE LA FEDERACIÓN) 1203/2004", "RF 1203/2004"),
     ("REVISIÓN ADMINISTRATIVA (LEY FEDERAL DE PROCEDIMIENTO CONTENCIOSO ADMINISTRATIVO) "
      "401/2023 Y SU ACUMULADA 402/2023", "RF 401/2023, RF 402/2023"),
     # under a state's law: a revisión, not which one (no type rather than a wrong one)
     ("REVISIÓN ADMINISTRATIVA (LEY DE JUSTICIA ADMINISTRATIVA DEL ESTADO DE JALISCO) "
      "33/2023", "33/2023"),
     # the Consejo's own stays the Consejo's
     ("REVISIÓN ADMINISTRATIVA (CONSEJO DE LA JUDICATURA FEDERAL) 128/2019",
      "Recurso de Revisión Administrativa 128/2019"),
     # a qualifier that names no other type keeps the type; its words are no type
     ("AMPARO EN REVISIÓN (IMPROCEDENCIA) 12/2023", "AR 12/2023"),
     ("QUEJA (ARTÍCULO 97, FRACCIÓN I, INCISO E) DE LA LEY DE AMPARO) 3/2024",
      "Recurso de Queja 3/2024"),
     ("RECURSO DE REVISIÓN (JUICIO DE AMPARO INDIRECTO) 12/2023", "Recurso de Revisión 12/2023")],
)  # fmt: skip
def test_a_bracketed_qualifier_after_the_type_decides_or_keeps_it(
    caption: str, canonical: str
) -> None:
    assert normalise_expediente(caption) == canonical


@pytest.mark.parametrize(
    "caption",
    ["INCIDENTE DE SUSPENSIÓN ( REVISIÓN ) 45/2023",
     "INCIDENTE DE SUSPENSIÓN(REVISIÓN) 45/2023",
     "INCIDENTE DE SUSPENSIÓN EN REVISIÓN 45/2023",
     "INCIDENTE EN REVISIÓN 45/2023",
     "RECURSO DE REVISIÓN INCIDENTAL 45/2023",
     "REVISIÓN INCIDENTAL 45/2023"],
)  # fmt: skip
def test_the_revision_of_a_suspension_by_any_of_its_names(caption: str) -> None:
    """One asunto, its own numbering apart from amparos en revisión and from the
    incidente de inejecución de sentencia (IIS)."""
    assert normalise_expediente(caption) == "Incidente de Suspensión (Revisión) 45/2023"


@pytest.mark.parametrize(
    ("caption", "canonical"),
    [("PROCESO PENAL 184/2019-B", "Causa Penal 184/2019-B"),
     ("PROCESO PENAL: 184/2019-B", "Causa Penal 184/2019-B"),
     ("CAUSA PENAL 184/2019-B", "Causa Penal 184/2019-B")],
)  # fmt: skip
def test_a_proceso_penal_is_its_causa(caption: str, canonical: str) -> None:
    assert normalise_expediente(caption) == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("juicio 18321/22-17-05-3-4", "18321/22-17-05-3-4"),
     ("juicio 18321/22-17-05-3-4-OT", "18321/22-17-05-3-4-OT")],
)  # fmt: skip
def test_a_tfja_number_with_a_second_ponencias_digits_is_read_whole(
    written: str, canonical: str
) -> None:
    assert normalise_expediente(written) == canonical
