"""``repr_utf8`` gives the bytes of ``repr(text).encode()`` (the content hash is defined
over them: a different byte would count every stored document as changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.text_repr import repr_utf8
from tests.db.test_hashed_rows import hash_as_before

REAL = Path("/work/shared/corpus/real/scjn-sentencias")

# modelled on real sentences and transcripts: accents, ordinals, curly quotes, dashes,
# non-breaking spaces and soft hyphens from word processors, a PDF's form feeds, tabs
PARAGRAPH = (
    "CONSIDERANDO PRIMERO.\tEsta Primera Sala de la Suprema Corte es competente "
    "(artículo 107, fracción IX, de la Constitución; 21, fracción III, inciso a), de la "
    "Ley Orgánica) para conocer del amparo directo en revisión 1309/2023, en términos del "
    "punto Segundo del Acuerdo General 1/2023.\xa0El quejoso sostuvo que la “tesis” "
    "1a./J.\xa045/2019 (10a.) —de rubro 'DERECHO A LA DEFENSA'— no es aplicable; "
    'el tribunal dijo "no" y la sen\xadtencia quedó firme, 3° y 4º párrafos.\r\n'
)


def shapes() -> list[str]:
    """Texts as sources publish them, and texts with each kind of character repr escapes."""
    texts = [
        PARAGRAPH * 40,
        (PARAGRAPH * 40).replace("'", ""),  # double quotes only: single quotes outside
        (PARAGRAPH * 40).replace('"', ""),  # single quotes only: double quotes outside
        "\f".join([PARAGRAPH * 10] * 6),  # a PDF's pages
        "ruta C:\\expedientes\\2023\\ y \\n escrito, \\x00 también, \\\\ doble" * 50,
        "sólo letras, acentos y ñ " * 200,
        "🙂 fuera del plano básico, \U000e0001 etiqueta, \u2028 separador " * 50,
        "",
        "'",
        '"',
        "'\"",
        "\\",
    ]
    # every code point, 256 at a time, among the text's usual characters
    texts += [
        "Considerando “" + "".join(map(chr, range(start, start + 256))) + "” fin\n"
        for start in range(0, 0x110000, 256)
    ]
    return texts


def test_the_same_bytes_as_repr_for_every_kind_of_character() -> None:
    for text in shapes():
        assert repr_utf8(text) == repr(text).encode(), ascii(text[:80])


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus is absent")
def test_the_same_bytes_as_repr_for_real_sentences() -> None:
    for path in sorted(REAL.glob("*.json")):
        record = json.loads(path.read_text())
        text = max((v for v in record.values() if isinstance(v, str)), key=len)
        for start in range(0, len(text), 7_001):  # pieces starting anywhere
            piece = text[start : start + 30_000]
            assert repr_utf8(piece) == repr(piece).encode(), path.name


def test_a_long_texts_hash_is_as_it_always_was() -> None:
    from bench.legal_corpus import LegalCorpus
    from indexer.models import Sentencia

    model = next(d for d in LegalCorpus(20, seed=3) if isinstance(d, Sentencia))
    for n, text in enumerate(shapes()[:7]):
        doc = model.model_copy(update={"id": f"forma-{n}", "text": text})
        assert doc.with_hash().content_sha256 == hash_as_before(doc)
