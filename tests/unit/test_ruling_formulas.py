"""The resolutive formulas courts write every day give the sentence's outcome in the one
vocabulary the listings use: an amparo granted or denied in either of its wordings, a
matter left without subject, a penal verdict (the Nuevo León grid's ``condenatorio`` and
``absolutorio``), a validity declared, a demand held not filed. Points modelled on the
SCJN's, the collegiate courts' and the state courts' public versions (MANIFEST, ``real/``);
an unclear point still gives none."""

from __future__ import annotations

import pytest

from indexer.query.rulings import RULING_FORMS
from indexer.readers.normalise import normalise_ruling
from indexer.readers.rulings import READ_VALUES, read_ruling

QUOTED = (
    "La Jueza de Distrito dictó sentencia en la que resolvió:\n\nPRIMERO. Se sobresee en el "
    "juicio.\n\nSEGUNDO. La Justicia de la Unión ampara y protege a la quejosa.\n\n"
)
BODY = "45. Del análisis de las constancias se advierte que los agravios son ineficaces. " * 60


def _sentence(closing: str) -> str:
    """A caption, a body quoting the lower court's own points, then the closing."""
    return f"AMPARO EN REVISIÓN 412/2024\nQUEJOSA: **********\n\n{QUOTED}{BODY}\n\n{closing}"


READ = [
    ("Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se declara sin materia el recurso de "
     "revisión.\n\nSEGUNDO. Devuélvanse los autos.", "declarar sin materia"),
    ("R E S U E L V E:\n\nÚNICO. Ha quedado sin materia el presente incidente de "
     "inejecución.", "declarar sin materia"),
    ("Por lo expuesto, se resuelve:\n\nPRIMERO. Se condena a **********, por su "
     "responsabilidad penal en la comisión del delito de robo con violencia, a la pena de "
     "cinco años de prisión.", "condenatorio"),
    ("Por lo expuesto, se resuelve:\n\nPRIMERO.- Se absuelve a **********, de la acusación "
     "formulada por el Ministerio Público por el delito de lesiones calificadas.",
     "absolutorio"),
    ("Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se dicta sentencia condenatoria en "
     "contra de **********.", "condenatorio"),
    ("se resuelve:\n\nPRIMERO. En la materia de la revisión, se concede a ********** el "
     "amparo y protección de la Justicia Federal.", "amparar"),
    ("RESUELVE:\n\nÚNICO. Se niega el amparo solicitado por **********, contra los actos "
     "precisados en el considerando tercero.", "no amparar"),
    ("R E S U E L V E:\n\nPRIMERO. LA JUSTICIA DE LA UNIÓN NO AMPARA, NI PROTEGE a "
     "**********.", "no amparar"),
    ("Por las razones expuestas, se resuelve:\n\nPRIMERO. La Justicia de la Unión Ampara y "
     "Protege a **********, para los efectos precisados en la última consideración.",
     "amparar"),
    ("Por las razones expuestas,\n\nPRIMERO. Se declaran infundados los agravios hechos "
     "valer por la recurrente.", "infundado"),
    ("se resuelve:\n\nPRIMERO. Resulta improcedente el recurso de queja.", "improcedente"),
    ("se resuelve:\n\nPRIMERO. En la materia de la revisión, se modifican las sentencias "
     "recurridas.", "modificar"),
    ("R E S U E L V E:\n\nPRIMERO. Se declara la validez del Decreto número 123.",
     "reconocer la validez"),
    ("Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se desechan los recursos de "
     "revisión.", "desechar"),
    ("se resuelve:\n\nÚNICO. Se tiene por no presentada la demanda de amparo.",
     "tener por no presentado"),
    ("se resuelve:\n\nPRIMERO. Queda sin efectos la resolución de doce de mayo de dos mil "
     "veinticuatro.", "dejar sin efectos"),
    ("Por lo anteriormente expuesto y fundado, se\n\nR E S U E L V E\n\nPRIMERO. Se le "
     "absuelve de la acusación.", "absolutorio"),
]  # fmt: skip

LEFT_EMPTY = [
    # costs alone are no verdict
    ("se resuelve:\n\nPRIMERO. Se condena a la parte actora al pago de las costas.", "costs"),
    # a suspension granted is no amparo granted
    ("se resuelve:\n\nÚNICO. Se concede la suspensión definitiva solicitada.", "suspension"),
    # negated in words
    ("se resuelve:\n\nPRIMERO. No se concede el amparo.", "negated grant"),
    ("se resuelve:\n\nPRIMERO. No ha quedado sin materia el recurso.", "negated"),
    # two outcomes in one point
    ("se resuelve:\n\nPRIMERO. Se condena a ********** por el delito de robo y se le absuelve "
     "por el de lesiones.", "condemned and acquitted"),
    ("se resuelve:\n\nPRIMERO. Se declara sin materia el recurso y se revoca el auto.",
     "two formulas"),
    # the verb masked
    ("se resuelve:\n\nPRIMERO. Se ********** a ********** el amparo.", "masked"),
]  # fmt: skip


@pytest.mark.parametrize(("closing", "expected"), READ)
def test_a_daily_formula_gives_its_outcome(closing: str, expected: str) -> None:
    found = read_ruling(_sentence(closing))
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(("closing", "why"), LEFT_EMPTY)
def test_an_unclear_point_still_gives_none(closing: str, why: str) -> None:
    assert read_ruling(_sentence(closing)) is None, why


def test_every_value_the_reader_gives_is_one_of_the_filters_values() -> None:
    # one vocabulary: what the reader stores is what a filter maps typed forms to
    folded = {normalise_ruling(value) for value in READ_VALUES}
    canonical = {v.replace("contradiccion", "contradicción") for v in RULING_FORMS}
    assert folded <= canonical
