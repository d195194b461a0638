"""Case citations in running text as circuit courts and the SCJN write them:

- the matter in brackets between a precedent's type and its number ("amparo directo en
  revisión [administrativo] 123/2020", "amparo en revisión (administrativa) 55/2019"):
  the type is the one before it, the number cited;
- a footnote's mark a Word file's text keeps after a number ("los amparos directos en
  revisión 7653/2019[footnoteRef:31] y 4370/2024[footnoteRef:32]") does not end the
  list: the next number is of the same type;
- a TFJA Sala Superior section's number ("R.A. 289/2024-S3", a recurso de apelación of
  its Tercera Sección) is no colegiado's amparo en revisión administrativa ("R.A."): no
  case is read from it, in a citation nor in a caption (a wrong key is worse than none).

Read by the Python reader and by the Rust scanner alike. The texts are written for these
tests in the shape of real sentences' paragraphs and the TFJA's published agendas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.citations import cases, extract_citations
from indexer.citations.laws import fold
from indexer.readers.expedientes import normalise_expediente, parse_expediente
from indexer.readers.judgments import read_sentence


def both(text: str) -> list[list[tuple[str, str]]]:
    """The case citations of ``text`` as the Python reader and as ``extract_citations``
    (the Rust scanner where it is installed) read them: (key, words)."""
    python = [(c.key, c.written) for c in cases.find_cases(text, fold(text))]
    scanned = [(c.key, c.written) for c in extract_citations(text) if c.kind == "case"]
    return [python, scanned]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Así lo sostuvo la Segunda Sala al resolver el amparo directo en revisión "
      "[administrativo] 123/2020, cuyas consideraciones se comparten.",
      [("ADR 123/2020", "amparo directo en revisión [administrativo] 123/2020")]),
     ("como se resolvió en el amparo en revisión (administrativa) 55/2019 y 61/2019.",
      [("AR 55/2019", "amparo en revisión (administrativa) 55/2019"),
       ("AR 61/2019", "61/2019")]),
     ("En el amparo directo [materia penal] 456/2021, del Primer Tribunal Colegiado, se dijo",
      [("AD 456/2021", "amparo directo [materia penal] 456/2021")]),
     ("el recurso de queja (civil) 12/2022 fue declarado fundado",
      [("Recurso de Queja 12/2022", "recurso de queja (civil) 12/2022")])],
)  # fmt: skip
def test_a_bracketed_matter_between_type_and_number(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert both(text) == [expected, expected]


def test_only_a_matter_in_brackets_is_passed_over() -> None:
    text = (
        "la contradicción de criterios [tesis] 12/2022, el artículo 5 (fracción) 12/2020 y el "
        "amparo directo en revisión [laboral] 77/2021"
    )
    expected = [("ADR 77/2021", "amparo directo en revisión [laboral] 77/2021")]
    assert both(text) == [expected, expected]


def test_a_footnote_mark_does_not_end_a_list_of_precedents() -> None:
    text = (
        "52. También, en los amparos directos en revisión 7653/2019[footnoteRef:31] y "
        "4370/2024[footnoteRef:32], esta Primera Sala sostuvo que la compensación económica"
    )
    expected = [
        ("ADR 7653/2019", "amparos directos en revisión 7653/2019"),
        ("ADR 4370/2024", "4370/2024"),
    ]
    assert both(text) == [expected, expected]


AGENDA = (
    "B) PROYECTOS RELATIVOS A LOS RECURSOS DE APELACIÓN:\nPONENCIA II\n"
    "1. RECURSO DE APELACIÓN: R.A.289/2024-S3.- RECURRENTE: DIRECTOR GENERAL DE "
    "INVESTIGACIÓN.- PROVENIENTE DE LA SALA AUXILIAR EN MATERIA DE RESPONSABILIDADES "
    "ADMINISTRATIVAS GRAVES.\n2. RECURSO DE APELACIÓN: R.A. 321/2024-S3.- RECURRENTE: "
    "TITULAR DEL ÁREA DE QUEJAS.\nLa Tercera Sección resolvió el recurso de apelación "
    "R.A. 12/2023 - S3 en el mismo sentido."
)


def test_a_tfja_sections_number_is_no_amparo_en_revision() -> None:
    assert both(AGENDA) == [[], []]
    # a colegiado's "R.A." without a section stays its amparo en revisión administrativa
    text = f"{AGENDA}\nEl Tribunal Colegiado resolvió el R.A. 45/2023 y el R.A. 46/2023-CA."
    expected = [("AR 45/2023", "R.A. 45/2023"), ("AR 46/2023-CA", "R.A. 46/2023-CA")]
    assert both(text) == [expected, expected]


@pytest.mark.parametrize("caption", ["R.A. 289/2024-S3", "RECURSO DE APELACIÓN R.A.289/2024-S3"])
def test_a_tfja_sections_caption_reads_no_amparo(caption: str) -> None:
    # bare, no case; after its type written out, that type's (s26: the label names it)
    assert [case.canonical for case in parse_expediente(caption)] == (
        ["Recurso de Apelación 289/2024-S3"] if caption.startswith("RECURSO") else []
    )
    assert not (normalise_expediente(caption) or "").startswith("AR ")
    text = (
        f"TERCERA SECCIÓN DE LA SALA SUPERIOR\n{caption}\nRECURRENTE: **********\n"
        "MAGISTRADO PONENTE: JULIO ÁNGEL SABINES CHESTERKING\n\n"
        "VISTOS para resolver el recurso de apelación al rubro citado; y,\n\nRESULTANDO:\n"
    )
    values = read_sentence(text).values
    assert values.get("expediente") is None or "AR" not in normalise_expediente(
        values["expediente"]
    )
    assert values.get("proceeding") != "amparo en revisión"


REAL = Path("/work/shared/corpus") / "real" / "scjn-sentencias" / "record_0000.json"


@pytest.mark.skipif(not REAL.exists(), reason="../shared's real sentences are absent")
def test_the_real_footnoted_list_cites_each_precedent() -> None:
    # ADR 1309/2023 (MANIFEST: real/scjn-sentencias/record_0000.json), paragraph 52
    text = json.loads(REAL.read_text(encoding="utf-8"))["text"]
    at = text.index("amparos directos en revisión 7653/2019[footnoteRef:31]")
    found = [c.key for c in extract_citations(text) if at <= c.start < at + 120]
    assert found == ["ADR 7653/2019", "ADR 4370/2024"]
