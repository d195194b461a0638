"""An HTML page's DOCTYPE internal subset and its custom entities leave no debris in its
text and are never expanded; HTML's own entities still decode."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import extract_text
from indexer.extract.entities import plain_references

SUBSET = (
    '<!DOCTYPE html [\n  <!ENTITY sello "SELLO FALSO">\n'
    '  <!ENTITY archivo SYSTEM "file:///etc/hostname">\n'
    '  <!ENTITY % oculto "x"> %oculto;\n'
    "  <!-- un comentario con ]> dentro -->\n"
    '  <!ENTITY flecha "a>b]>c">\n]>\n'
)
BODY = (
    "<html><body><main><h1>Acuerdo del Pleno</h1>"
    "<p>Se aprueba &sello; el dictamen &archivo; de la Comisi&oacute;n &flecha; "
    "con &amp; sin reservas&period; &inventada; Fin&nbsp;del acuerdo &#233;xito.</p>"
    "</main></body></html>"
)
EXPECTED = (
    "Acuerdo del Pleno\n\n"
    "Se aprueba el dictamen de la Comisión con & sin reservas. Fin del acuerdo éxito."
)


def _read(tmp_path: Path, markup: str) -> str:
    page = tmp_path / "acuerdo.html"
    page.write_text(markup, encoding="utf-8")
    return extract_text(page.read_bytes(), "text/html", page.name).text


@pytest.mark.parametrize(
    "doctype",
    [
        SUBSET,
        SUBSET.replace("<!DOCTYPE html", '<!doctype HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"'),
        '<!DOCTYPE html [ <!ENTITY sello "SELLO FALSO"> <!-- left open ]>',
        "<!DOCTYPE html>",  # no subset: the references alone
        "",
    ],
)
def test_a_page_text_holds_no_subset_debris_nor_custom_entities(
    tmp_path: Path, doctype: str
) -> None:
    text = _read(tmp_path, doctype + BODY)
    assert text.replace("\xa0", " ") == EXPECTED
    for debris in ("]>", "&", "SELLO", "hostname", "ENTITY", "%oculto", "b]>c"):
        assert debris not in text.replace("con & sin", "")


def test_html5_entities_libxml2_does_not_know_still_decode(tmp_path: Path) -> None:
    text = _read(tmp_path, "<p>a &LT;b&GT; &NewLine;c &half; &quot;d&quot;</p>")
    assert text == 'a <b> c ½ "d"'


def test_many_subsets_and_references_are_read_in_one_pass() -> None:
    markup = '<!DOCTYPE a [ <!ENTITY x "]>"> ]>&x;' * 50_000 + "<p>fin &amp; &x;</p>"
    assert plain_references(markup) == "<!DOCTYPE a >" * 50_000 + "<p>fin &amp; </p>"
