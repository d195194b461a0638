"""Two ways real SCJN sentences (Word files' text) write what they cite:

- a tesis' number with a space after its slash ("la jurisprudencia 22/ 2019 de rubro",
  "la tesis XII/ 2018"): cited under the key it has without the space;
- a list of the Court's precedents opening a clause whose subject is its body, a
  footnote's mark after each number ("en los amparos directos en revisión
  7653/2019[footnoteRef:31] y 4370/2024[footnoteRef:32], esta Primera Sala sostuvo"):
  that body decided each of them, with the marks as without them.

Read by the Python readers and by the Rust scanner alike. The texts are written for these
tests in the shape of a real sentence's paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.citations import cases, extract_citations, tesis
from indexer.citations.laws import fold


def both(text: str, kind: str) -> list[list[tuple[str, str, str | None]]]:
    """The ``kind`` citations of ``text`` as the Python readers and as
    ``extract_citations`` (the Rust scanner where it is installed) read them."""
    folded = fold(text)
    if kind == "case":
        python = cases.share_accumulated_courts(text, folded, list(cases.find_cases(text, folded)))
    else:
        python = [c for c in tesis.find_tesis(text, folded) if not c.key.startswith("rubro")]
    scanned = [
        c for c in extract_citations(text) if c.kind == kind and not c.key.startswith("rubro")
    ]
    return [[(c.key, c.written, c.court) for c in found] for found in (python, scanned)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Así como la jurisprudencia 22/ 2019 de rubro “ACCESO A LA JUSTICIA EN CONDICIONES "
      "DE IGUALDAD”.", [("jurisprudencia 22/2019", "jurisprudencia 22/ 2019", None)]),
     ("y en la tesis XII/ 2018 de la Sala Superior se dijo",
      [("tesis XII/2018", "tesis XII/ 2018", None)]),
     # one space only, and a year of four digits, as the key says
     ("conforme a la jurisprudencia 22/  2019, a la jurisprudencia 3/ 19 y a la "
      "jurisprudencia 4/ 2020 citadas",
      [("jurisprudencia 4/2020", "jurisprudencia 4/ 2020", None)])],
)  # fmt: skip
def test_a_tesis_number_with_a_space_after_its_slash(
    text: str, expected: list[tuple[str, str, None]]
) -> None:
    assert both(text, "tesis") == [expected, expected]


@pytest.mark.parametrize("mark", ["[footnoteRef:31]", ""])
def test_a_listed_clause_subject_decided_each_precedent(mark: str) -> None:
    text = (
        f"52. También, en los amparos directos en revisión 7653/2019{mark} y "
        f"4370/2024{mark.replace('31', '32')}, esta Primera Sala enfatizó que el principio de "
        "igualdad entre cónyuges impone un deber al Estado."
    )
    expected = [
        ("ADR 7653/2019", "amparos directos en revisión 7653/2019", "Primera Sala"),
        ("ADR 4370/2024", "4370/2024", "Primera Sala"),
    ]
    assert both(text, "case") == [expected, expected]
    # a list that is the object, not where the clause opens, or without the Court's body
    # for subject, shares none
    text = (
        f"Se citan los amparos directos en revisión 7653/2019{mark} y 4370/2024{mark}, esta "
        "Primera Sala enfatizó lo mismo. Igual, en los amparos en revisión 12/2020 y 13/2020, "
        "el Primer Tribunal Colegiado sostuvo"
    )
    found = both(text, "case")
    assert found[0] == found[1]
    assert [court for *_, court in found[0]] == [None, None, None, None]


REAL = Path("/work/shared/corpus") / "real" / "scjn-sentencias" / "record_0000.json"


@pytest.mark.skipif(not REAL.exists(), reason="../shared's real sentences are absent")
def test_the_real_sentence_reads_both() -> None:
    # ADR 1309/2023 (MANIFEST: real/scjn-sentencias/record_0000.json), paragraphs 52 and 59
    text = json.loads(REAL.read_text(encoding="utf-8"))["text"]
    read = extract_citations(text)
    at = text.index("amparos directos en revisión 7653/2019[footnoteRef:31]")
    listed = [(c.key, c.court) for c in read if c.kind == "case" and at <= c.start < at + 120]
    assert listed == [("ADR 7653/2019", "Primera Sala"), ("ADR 4370/2024", "Primera Sala")]
    assert "jurisprudencia 22/2019" in {c.key for c in read if c.kind == "tesis"}
