"""An HTML page's DOCTYPE internal subset leaves no debris in its text and its custom
entities are never expanded: a reference HTML does not name is kept as a browser shows
it, «&sello;» as written (it was dropped: the reader lost a word the page shows); HTML's
own entities still decode, HTML5's legacy prefixes too («&notit;» is «¬it;»)."""

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
    "Se aprueba &sello; el dictamen &archivo; de la Comisión &flecha; con & sin reservas. "
    "&inventada; Fin del acuerdo éxito."
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
def test_a_page_text_holds_no_subset_debris_and_custom_entities_as_written(
    tmp_path: Path, doctype: str
) -> None:
    text = _read(tmp_path, doctype + BODY)
    assert text.replace("\xa0", " ") == EXPECTED
    for debris in ("]>", "SELLO", "hostname", "ENTITY", "%oculto", "b]>c"):
        assert debris not in text


def test_html5_entities_libxml2_does_not_know_still_decode(tmp_path: Path) -> None:
    text = _read(tmp_path, "<p>a &LT;b&GT; &NewLine;c &half; &quot;d&quot;</p>")
    assert text == 'a <b> c ½ "d"'


def test_many_subsets_and_references_are_read_in_one_pass() -> None:
    markup = '<!DOCTYPE a [ <!ENTITY x "]>"> ]>&x;' * 50_000 + "<p>fin &amp; &x;</p>"
    assert plain_references(markup) == "<!DOCTYPE a >&amp;x;" * 50_000 + "<p>fin &amp; &amp;x;</p>"


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("Artículo &foo; del Código", "Artículo &foo; del Código"),
        ("&Sala; &SENT123; &x;", "&Sala; &SENT123; &x;"),
        ("pago &notit; y &copy2024", "pago ¬it; y ©2024"),
        ("&amp;foo; y &bar sin punto y coma", "&foo; y &bar sin punto y coma"),
    ],
)
@pytest.mark.parametrize("doctype", ["", "<!DOCTYPE html>", '<!DOCTYPE html [<!ENTITY foo "X">]>'])
def test_a_reference_html_does_not_name_is_shown_as_a_browser_shows_it(
    tmp_path: Path, doctype: str, body: str, shown: str
) -> None:
    assert _read(tmp_path, f"{doctype}<html><body><p>{body}</p></body></html>") == shown
