"""``abierto index FOLDER`` reads Word files (.docx) as the crawl does: a folder of
sentences a court sent in Word was walked past them without a word («0 documentos
nuevos», exit 0), though the extractor reads them and the same file named on the command
line was indexed. A hostile one among them is a counted error with its cause, said in
Spanish (it was the extractor's English: «word/document.xml inflates past …»)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.adversarial import hostile
from tests.adversarial.abierto import abierto


def test_a_folder_of_word_sentences_is_indexed_and_its_bomb_counted(tmp_path: Path) -> None:
    folder = tmp_path / "recibido"
    folder.mkdir()
    (folder / "amparo.docx").write_bytes(hostile.docx_bytes("Amparo directo 45/2025 resuelto"))
    (folder / "REVISION.DOCX").write_bytes(hostile.docx_bytes("Amparo en revision 8/2024"))
    (folder / "bomba.docx").write_bytes(hostile.paragraphs_bomb(40))
    (folder / "dictamen.txt").write_text("Dictamen de la Comisión de Justicia", encoding="utf-8")
    data = tmp_path / "data"

    done = abierto(data, "index", "--kind", "legislativo", str(folder), timeout=120)

    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    assert "3 documentos nuevos" in done.stdout, done.stdout
    assert (
        "bomba.docx: decompression_bomb: la parte word/document.xml del documento Word se "
        "expande a más de"
    ) in done.stdout, done.stdout
    assert "(más de 100 veces: una bomba de compresión): no se extrajo su texto" in done.stdout
    with sqlite3.connect(data / "abierto.db") as connection:
        texts = sorted(row[0] for row in connection.execute("SELECT text FROM documents"))
    assert texts == [
        "Amparo directo 45/2025 resuelto",
        "Amparo en revision 8/2024",
        "Dictamen de la Comisión de Justicia",
    ]
