"""The help says, in Spanish, what each sentido del fallo means and what to write, and
which abbreviations and ordinals are searched every way: in GET /v1/search/syntax and on
/ayuda, over real HTTP. Each value the help gives finds a sentence whose source wrote
that sentido another way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import httpx
import pytest

from indexer.query.abbreviations import GROUPS
from indexer.query.rulings import RULING_FORMS
from tests.api.conftest import federal_sentencia, serving_documents

# a sentence per known sentido, its ruling stored in another of the sentido's forms
DOCS = [
    federal_sentencia(f"s{n}", "Se resolvió el asunto.").model_copy(
        update={"ruling": forms[0] if forms else value}
    )
    for n, (value, forms) in enumerate(RULING_FORMS.items())
]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("sentidos")), DOCS) as base:
        yield base


def test_every_sentido_is_explained_and_its_value_finds_the_other_forms(url: str) -> None:
    syntax = httpx.get(f"{url}/v1/search/syntax").json()
    sentidos = syntax["sentidos"]
    assert len(sentidos) == len(RULING_FORMS)
    for n, sentido in enumerate(sentidos):
        assert len(sentido["significado"]) > 20 and sentido["significado"].endswith(".")
        body = httpx.get(f"{url}/v1/search", params={"ruling": sentido["valor"]}).json()
        assert f"s{n}" in {hit["id"] for hit in body["hits"]}, sentido["valor"]
        typed = httpx.get(f"{url}/v1/search", params={"q": f'sentido:"{sentido["valor"]}"'})
        assert f"s{n}" in {hit["id"] for hit in typed.json()["hits"]}, sentido["valor"]
    sobreseer = next(s for s in sentidos if s["valor"] == "sobreseer")
    assert "sin resolver el fondo" in sobreseer["significado"]


def test_the_help_page_lists_the_sentidos_and_the_abbreviations(url: str) -> None:
    page = unescape(httpx.get(f"{url}/ayuda").text)
    assert 'id="sentidos"' in page and 'id="abreviaturas"' in page
    assert re.search(r"<dt><code>no amparar</code></dt><dd>Se niega el amparo", page)
    for group in GROUPS:
        for form in group:
            assert f"<code>{form}</code>" in page, form
    assert "Decimoprimero" in page and "1°" in page
    syntax = httpx.get(f"{url}/v1/search/syntax").json()
    assert [list(group) for group in GROUPS] == syntax["abreviaturas"]["formas"]
    assert "1 al 99" in syntax["operadores"][1]["significado"]
