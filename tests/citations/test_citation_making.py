"""The readers make their citations with ``model.citation`` (a frozen dataclass filled
without its ``__init__``): each must be the very value ``Citation(...)`` makes, compared,
hashed, copied and refused changes alike, or a deduplication or a stored row would
silently differ."""

from __future__ import annotations

import dataclasses

import pytest

from indexer.citations import extract_citations
from indexer.citations.model import Citation, citation

VALUES = [
    ("case", "AR 1234/2023", "amparo en revisión 1234/2023", 10, 38, "Primera Sala"),
    ("tesis", "registro 2023456", "registro 2023456", 0, 16, None),
    ("article", "CPEUM art. 14", "artículo 14 constitucional", 5, 31, None),
]


@pytest.mark.parametrize("values", VALUES)
def test_a_citation_made_fast_is_the_dataclass_value(values: tuple) -> None:
    made, plain = citation(*values), Citation(*values)
    assert type(made) is Citation
    assert made == plain and hash(made) == hash(plain)
    assert dataclasses.astuple(made) == values
    assert repr(made) == repr(plain)
    assert dataclasses.replace(made, court="Pleno") == dataclasses.replace(plain, court="Pleno")
    assert list(dict.fromkeys([made, plain])) == [made]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.key = "otra"  # type: ignore[misc]


def test_a_text_read_twice_gives_equal_citations_and_drops_a_repeat() -> None:
    text = (
        "En el amparo en revisión 1234/2023, resuelto por la Primera Sala, y en el amparo "
        "directo 12/2020 del Primer Tribunal Colegiado en Materia Civil del Primer Circuito, "
        "se citó la tesis 1a./J. 12/2020 y el artículo 14 constitucional."
    )
    first, again = extract_citations(text), extract_citations(text)
    assert first == again and len(set(first)) == len(first)
    kinds = {c.kind for c in first}
    assert {"case", "article"} <= kinds
    assert next(c for c in first if c.key == "AR 1234/2023").court == "Primera Sala"
