"""A Word sentence as a court's clerk leaves it: revisions tracked, a paragraph moved, a
note hidden, case numbers typed with Word's non-breaking hyphen. The crawl publishes what
Word shows and prints, once: before, a moved paragraph was published twice (its old
place, ``w:moveFrom``, read as text), hidden text (``w:vanish``: a clerk's note, never
printed) was published as the sentence's, a non-breaking hyphen (``w:noBreakHyphen``,
no character of its own in the XML) was dropped, so «SUP-JDC-1234/2024» was published as
«SUPJDC1234/2024», which no search for the case found, and a text box (Word writes each
twice: a drawing, and VML for older readers) was published twice. Crawled end to end from a server
on 127.0.0.1, beside a plain sentence that must come through untouched."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.adversarial.file_listing import Served, crawl

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(paragraphs: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}" xmlns:mc="{_MC}" '
            'xmlns:wps="urn:wps" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>'
            f"{paragraphs}</w:body></w:document>",
        )
    return buffer.getvalue()


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str, properties: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


REVISED = _docx(
    _p(
        '<w:moveFrom w:id="1" w:author="Secretario">',
        _r("SEGUNDO. Se confirma la sentencia recurrida."),
        "</w:moveFrom>",
    )
    + _p(_r("PRIMERO. Es procedente el recurso de revisión."))
    + _p(
        _r("Se condena al demandado"),
        '<w:del w:id="2" w:author="Secretario"><w:r><w:delText> y se absuelve al actor'
        "</w:delText></w:r></w:del>",
        '<w:ins w:id="3" w:author="Secretario">',
        _r(" al pago de las costas"),
        "</w:ins>",
    )
    + _p(
        '<w:moveTo w:id="4" w:author="Secretario">',
        _r("SEGUNDO. Se confirma la sentencia recurrida."),
        "</w:moveTo>",
    )
    + _p(
        _r("Nota del secretario: revisar con la ponencia antes de publicar", "<w:vanish/>"),
        _r("Así lo resolvió la Sala Superior", '<w:vanish w:val="false"/>'),
        # a change of format that once hid the run: the run is shown now
        _r(
            " por unanimidad de votos.",
            '<w:b/><w:rPrChange w:id="5" w:author="x"><w:rPr><w:vanish/></w:rPr></w:rPrChange>',
        ),
    )
    + _p(
        # the paragraph mark hidden (its formatting in w:pPr): the text is shown
        "<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>",
        _r("Expediente SUP"),
        "<w:r><w:noBreakHyphen/></w:r>",
        _r("JDC"),
        "<w:r><w:noBreakHyphen/></w:r>",
        _r("1234/2024 y acumulados"),
    )
)


def _text_box(drawn: str, fallback: str) -> str:
    """A run holding a text box as Word writes it: a drawing and its VML fallback."""

    def box(text: str) -> str:
        return f"<w:txbxContent>{_p(_r(text))}</w:txbxContent>" if text else ""

    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"{box(drawn)}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        f"{box(fallback)}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


BOXED = _docx(
    _p(_text_box("VERSIÓN PÚBLICA", "VERSIÓN PÚBLICA"))
    + _p(_r("Amparo en revisión 88/2025."))
    # a drawing without text whose fallback holds it: the fallback is read
    + _p(_text_box("", "Sello de la Secretaría de Acuerdos"))
)
PLAIN = _docx(_p(_r("Amparo directo 45/2025: se concede el amparo solicitado.")))

FILES = {
    "/revisada.docx": Served(REVISED, _WORD),
    "/simple.docx": Served(PLAIN, _WORD),
    "/recuadro.docx": Served(BOXED, _WORD),
}


def test_a_revised_word_sentence_is_published_as_word_shows_it(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    text = crawled.texts["Sentencia revisada.docx"]
    assert text.count("SEGUNDO. Se confirma la sentencia recurrida.") == 1, text
    assert text.index("PRIMERO.") < text.index("SEGUNDO."), text  # where it was moved to
    assert "Se condena al demandado al pago de las costas" in text, text
    assert "absuelve" not in text, text  # deleted: never published (held before too)
    assert "Nota del secretario" not in text, text
    assert "Así lo resolvió la Sala Superior por unanimidad de votos." in text, text
    assert "Expediente SUP-JDC-1234/2024 y acumulados" in text, text
    assert crawled.texts["Sentencia simple.docx"] == (
        "Amparo directo 45/2025: se concede el amparo solicitado."
    )
    boxed = crawled.texts["Sentencia recuadro.docx"]
    assert boxed.count("VERSIÓN PÚBLICA") == 1, boxed
    assert boxed.count("Sello de la Secretaría de Acuerdos") == 1, boxed
    assert "Amparo en revisión 88/2025." in boxed, boxed
    assert crawled.run.errors == {}, crawled.run.errors
