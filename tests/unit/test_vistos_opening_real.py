"""The real SCJN sentences of ../shared, their opening formula written in the older VISTOS
form («VISTOS para resolver los autos de la acción…, el Tribunal Pleno de la Suprema
Corte…, en sesión de…, y»): the long thematic index before it, the cases and sessions
cited on the way and the closing after it are the real ones. Court and day are still
the sentence's own (their closing's, where it states them, agrees). Skipped when the
shared corpus is absent."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from indexer.readers.judgments import read_sentence

REAL = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus")) / "real"
SENTENCES = REAL / "scjn-sentencias"
# the modern opening: "Ciudad de México. La Primera Sala de la Suprema Corte…, en sesión
# correspondiente al trece de agosto de dos mil veinticinco, emite la siguiente:"
_MODERN = re.compile(
    r"Ciudad de México\. (?P<article>La|El|Esta|Este) (?P<court>[^,\n]{10,120}), en sesión "
    r"correspondiente al (?:d[ií]a |martes )?(?P<day>[^,\n]{10,80}), emite la siguiente:"
)
WANT = {
    "record_0000.json": ("Primera Sala de la SCJN", "2025-08-13"),
    "record_0001.json": ("Pleno de la SCJN", "2025-06-24"),
    "record_0002.json": ("Pleno de la SCJN", "2025-08-12"),
    "record_0004.json": ("Primera Sala de la SCJN", "2025-08-13"),
    "record_0006.json": ("Pleno de la SCJN", "2025-08-12"),
}


def _closing_day_out(text: str) -> str:
    """The text without the closing's own day, so the VISTOS paragraph alone gives it."""
    return re.sub(r"(Así lo resolvi[^\n]{0,300}?), en sesión[^,\n]{0,120},", r"\1,", text)


@pytest.mark.skipif(not SENTENCES.is_dir(), reason="the shared real corpus is absent")
@pytest.mark.parametrize("name", sorted(WANT))
def test_a_real_sentence_opening_with_vistos_keeps_its_court_and_day(name: str) -> None:
    text = json.loads((SENTENCES / name).read_text(encoding="utf-8"))["text"]
    modern = _MODERN.search(text)
    assert modern is not None
    vistos = (
        f"VISTOS para resolver los autos del asunto al rubro citado, "
        f"{modern['article'].lower()} {modern['court']}, "
        f"en sesión de {modern['day']}, y"
    )
    rewritten = _closing_day_out(text[: modern.start()] + vistos + text[modern.end() :])
    values = read_sentence(rewritten).values
    assert (values.get("court"), values.get("resolution_date")) == WANT[name]
