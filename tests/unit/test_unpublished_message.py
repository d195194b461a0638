"""A record published without its file is kept and said (``file_unpublished``). Its
message said «sin texto» even when the spec reads a text from the record itself (the
SCJN's «sintesis»): the operator was told the document cannot be found by its words when
it can."""

from __future__ import annotations

from crawlers.causas import error_mensaje
from crawlers.pipelines import unpublished_message


def test_a_record_without_file_or_text_says_so() -> None:
    said = error_mensaje("file_unpublished", unpublished_message(["archivoURL"]))
    assert "(archivoURL está vacío)" in said
    assert "con los datos del registro, sin texto" in said


def test_a_record_that_gives_its_own_text_is_not_said_to_lack_one() -> None:
    said = error_mensaje("file_unpublished", unpublished_message(["archivoURL"], True))
    assert "sin texto" not in said
    assert "con los datos y el texto del registro" in said
