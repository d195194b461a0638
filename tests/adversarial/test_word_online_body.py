"""A Word file saved by Word Online or SharePoint keeps its body as
``word/document2.xml``, named by the package's relationships (``_rels/.rels``), not as
``word/document.xml``. It was taken for some other zip: counted as a file of a type not
read («el tipo del archivo no se lee»), the sentence lost. Its body is the one the
relationship names; a spreadsheet's (``xl/workbook.xml``) is still not read. Crawled
end to end from a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import word_online_docx

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_word_online_sentence_is_read_and_a_sheet_is_not(tmp_path: Path) -> None:
    files = {
        "/amparo.docx": Served(word_online_docx("Amparo directo 77/2025: se concede"), WORD),
        "/hoja.xlsx": Served(word_online_docx("Tabla de montos", "xl/workbook.xml"), SHEET),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert crawled.texts["Sentencia amparo.docx"] == "Amparo directo 77/2025: se concede"
    [example] = crawled.run.errors["extraction_failed"]["examples"]
    assert example["url"].endswith("/hoja.xlsx")
    said = error_mensaje("extraction_failed", example["message"])
    assert said.startswith("el archivo es un libro de Excel (.xlsx), un tipo cuyo texto no se lee")
    assert said.endswith(": no se extrajo su texto")
