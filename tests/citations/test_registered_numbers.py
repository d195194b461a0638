"""A case "registered under" a number: "registró el juicio de inconformidad bajo el número
de expediente 56/2025" gives the number to the juicio, not to a bare expediente that
would resolve to any other court's file 56/2025; and a sentence naming its own case under
a plainer name or a bare number does not cite itself.

The passages follow the shapes of the SCJN's sentences (MANIFEST, ``real/scjn-sentencias``:
its juicios de inconformidad en materia electoral and acciones de inconstitucionalidad);
the last test reads the real one when ../shared is present.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indexer.citations import extract_citations
from indexer.citations.cases import find_cases
from indexer.citations.laws import fold
from indexer.citations.records import own_cases, read_citations
from tests.citations.test_library import sentencia


def both_readers(text: str) -> list[tuple[str, str]]:
    """The case citations of ``text`` as (key, written), the same from the Python reader
    and from the one ``extract_citations`` uses (the native one when built)."""
    python = [(c.key, c.written) for c in find_cases(text, fold(text))]
    used = [(c.key, c.written) for c in extract_citations(text) if c.kind == "case"]
    assert python == used
    return used


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("registró el juicio de inconformidad bajo el número de expediente 56/2025 y ordenó",
         "Juicio de Inconformidad 56/2025"),
        ("registró el juicio de inconformidad\nbajo el numero de\nexpediente 56/2025",
         "Juicio de Inconformidad 56/2025"),
        ("REGISTRÓ EL JUICIO DE INCONFORMIDAD BAJO EL NÚMERO DE EXPEDIENTE 56/2025",
         "Juicio de Inconformidad 56/2025"),
        ("el juicio de inconformidad en materia electoral, radicado bajo el expediente 56/2025",
         "Juicio de Inconformidad en Materia Electoral 56/2025"),
        ("formar el expediente de la acción de inconstitucionalidad bajo el número 29/2024.",
         "AI 29/2024"),
        ("registrar la acción de inconstitucionalidad con el número 153/2022 y turnarla",
         "AI 153/2022"),
        ("el juicio de inconformidad, registrado bajo el No. 56/2025",
         "Juicio de Inconformidad 56/2025"),
        ("el amparo en revisión con el No. de expediente 1234/2023", "AR 1234/2023"),
    ],
)  # fmt: skip
def test_the_number_a_case_is_registered_under_is_that_cases(text: str, key: str) -> None:
    assert [found[0] for found in both_readers(text)] == [key]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        # joined with, or related to, another file: the number is that file's
        ("se acumuló el amparo directo con el expediente 12/2023", ["12/2023"]),
        ("el recurso de revisión relacionado con el expediente 45/2023", ["45/2023"]),
        # an OCR "l" for "1": no number at all rather than "2/2023"
        ("el juicio de inconformidad bajo el número de expediente l2/2023", []),
    ],
)
def test_a_number_not_registered_to_the_case_named_before_is_not_given_to_it(
    text: str, keys: list[str]
) -> None:
    assert [found[0] for found in both_readers(text)] == keys


JIE_TEXT = (
    "JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL 56/2025\n\nMediante la cual se resuelve el "
    "juicio de inconformidad en materia electoral 56/2025. La Ministra Presidenta registró "
    "el juicio de inconformidad bajo el número de expediente 56/2025. En estos mismos "
    "términos este Tribunal Pleno resolvió el diverso juicio de inconformidad 1/2025.\n\n"
    "ÚNICO. Se desecha de plano el presente juicio de inconformidad 56/2025.\n"
)


def test_a_sentence_naming_its_own_case_plainly_does_not_cite_itself() -> None:
    """Its own case under the plainer name is no citation; another one so named, which
    the Court's own juicio cites, is the Court's kind (one key for one case)."""
    doc = sentencia("jie", "2025-08-12", JIE_TEXT,
                    expediente="Juicio de Inconformidad en Materia Electoral 56/2025")  # fmt: skip
    assert own_cases(doc) == ["Juicio de Inconformidad en Materia Electoral 56/2025"]
    assert [(c.key, c.court) for c in read_citations(doc) if c.kind == "case"] == [
        ("Juicio de Inconformidad en Materia Electoral 1/2025", "Tribunal Pleno")
    ]


def test_a_bare_number_in_a_sentence_is_its_own_when_it_is_its_case_number() -> None:
    text = "Se ordenó registrarlo con el número de expediente 1309/2023 y turnarlo."
    doc = sentencia("adr", "2025-08-13", text, expediente="AMPARO DIRECTO EN REVISIÓN 1309/2023")
    assert read_citations(doc) == []
    other = sentencia("ad", "2025-08-13", text, expediente="AMPARO DIRECTO EN REVISIÓN 1310/2023")
    assert [c.key for c in read_citations(other)] == ["1309/2023"]


CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
JIE_56 = CORPUS / "real" / "scjn-sentencias" / "record_0006.json"


@pytest.mark.skipif(not JIE_56.exists(), reason="the shared real corpus is absent")
def test_the_real_juicio_de_inconformidad_cites_no_case_of_its_own_number() -> None:
    text = json.loads(JIE_56.read_text(encoding="utf-8"))["text"]
    doc = sentencia("jie-56", "2025-08-12", text,
                    expediente="JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL 56/2025")  # fmt: skip
    keys = {c.key for c in read_citations(doc) if c.kind == "case"}
    assert not {key for key in keys if key.endswith(" 56/2025") or key == "56/2025"}
    assert "Juicio de Inconformidad en Materia Electoral 1/2025" in keys
    assert "Juicio de Inconformidad 1/2025" not in keys
