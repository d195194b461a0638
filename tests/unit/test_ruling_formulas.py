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


# The TFJA's roman points and a juzgado's premise point: the decision is the point after
# "…probó su acción; en consecuencia,".
PREMISE_THEN_DECISION = [
    ("Por lo expuesto, se resuelve:\n\nI. La parte actora probó su acción; en consecuencia,"
     "\n\nII. Se declara la nulidad de la resolución impugnada.\n\nIII. NOTIFÍQUESE.",
     "declarar la nulidad"),
    ("se resuelve:\n\nI.- La parte actora no probó su pretensión, en consecuencia;\nII.- Se "
     "reconoce la validez de la resolución impugnada.", "reconocer la validez"),
    ("se resuelve:\n\nPRIMERO. Ha sido procedente la vía especial hipotecaria, en la que la "
     "actora probó su acción; en consecuencia,\n\nSEGUNDO. Se condena a la demandada al pago "
     "de la suerte principal.", "condenatorio"),
    ("se resuelve:\n\nÚNICO. Se decreta la nulidad lisa y llana del oficio impugnado.",
     "declarar la nulidad"),
    # a first point with its own decision is not read past
    ("se resuelve:\n\nI. Es fundado el recurso; en consecuencia,\n\nII. Se revoca el auto.",
     "fundado"),
]  # fmt: skip


@pytest.mark.parametrize(("closing", "expected"), PREMISE_THEN_DECISION)
def test_the_roman_point_or_the_one_a_premise_leads_to_gives_the_outcome(
    closing: str, expected: str
) -> None:
    found = read_ruling(_sentence(closing))
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    "closing",
    [  # the next point unclear, or none after the premise
        "se resuelve:\n\nI. La parte actora probó su acción; en consecuencia,\n\nII. Dese vista.",
        "se resuelve:\n\nI. La parte actora probó su acción; en consecuencia,",
        # "II." of the considerandos after no resolutive heading
        "C O N S I D E R A N D O\n\nI. La actora probó su acción; en consecuencia,\n\nII. Se "
        "declara la nulidad.",
        # a divorce decreed: the proceeding names it, the list holds no such outcome
        "R E S U E L V E\n\nPRIMERO. Se decreta la disolución del vínculo matrimonial que une "
        "a ********** y **********.",
    ],
)
def test_a_premise_without_a_clear_next_point_gives_none(closing: str) -> None:
    assert read_ruling(_sentence(closing)) is None
