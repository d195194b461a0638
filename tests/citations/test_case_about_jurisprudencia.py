"""A case about a jurisprudencia is no jurisprudencia cited: the SCJN's "solicitud de
sustitución de jurisprudencia 3/2019" (also "de modificación", "de interrupción") is a
case numbered 3/2019, not the electoral tribunal's jurisprudencia 3/2019, which a
citation keyed ``jurisprudencia 3/2019`` would link it to (a wrong link is worse than
none). The jurisprudencia itself, named with its article, is still read."""

from __future__ import annotations

import pytest

from indexer.citations import extract_citations


@pytest.mark.parametrize("kind", ["sustitución", "modificación", "interrupción"])
def test_a_case_about_a_jurisprudencia_is_not_read_as_that_jurisprudencia(kind: str) -> None:
    text = (
        f"Al resolver la solicitud de {kind} de jurisprudencia 3/2019, el Pleno "
        "reiteró la jurisprudencia 12/2010 de la Sala Superior."
    )
    keys = [c.key for c in extract_citations(text)]
    assert "jurisprudencia 3/2019" not in keys and "jurisprudencia 12/2010" in keys
    # the SCJN's own asuntos of that kind are cited as the case they are
    requests = {
        "sustitución": "Solicitud de Sustitución de Jurisprudencia 3/2019",
        "modificación": "Solicitud de Modificación de Jurisprudencia 3/2019",
    }
    request = requests.get(kind)
    assert keys == [request, "jurisprudencia 12/2010"] if request else ["jurisprudencia 12/2010"]


def test_the_jurisprudencia_a_request_is_about_is_still_read() -> None:
    text = "Se propone la sustitución de la jurisprudencia 12/2010 de la Sala Superior."
    assert [c.key for c in extract_citations(text)] == ["jurisprudencia 12/2010"]
