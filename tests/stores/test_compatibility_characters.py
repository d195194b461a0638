"""Letters and digits written in another form of themselves: mathematical bold or
sans-serif (what social networks paste), full-width, ligatures, circled numbers, Roman
numeral signs. A question or a document written so is the plain word on every store; the
ordinals, superscripts and fractions legal texts write on purpose stay what they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from indexer.analysis import compatible_text, indexed_text
from indexer.models import Sentencia
from indexer.stores import SearchQuery, Store
from indexer.stores.documents import filter_values
from tests.stores.corpus import sentencia


def _ids(store: Store, q: str) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(q=q, limit=100)).hits}


# questions written in compatibility forms, each with the plain one it means
QUESTIONS = [
    ("𝐝𝐚ñ𝐨 𝐦𝐨𝐫𝐚𝐥", "daño moral"),  # mathematical bold
    ('"𝖽𝖺ñ𝗈 𝗆𝗈𝗋𝖺𝗅"', '"daño moral"'),  # mathematical sans-serif, a phrase
    ("ｐｒｅｓｃｒｉｐｃｉóｎ", "prescripción"),  # full-width
    ("ｒｏｂｏ　ＯＲ　ｎｉñｅｚ", "robo OR niñez"),  # full-width operator and space
    ("𝟏𝟏𝟑𝟓", "1135"),  # mathematical bold digits
    ("ⓓⓐñⓞ", "daño"),  # circled letters
    ("pensión ａｌｉｍｅｎｔｉｃｉａ", "pensión alimenticia"),
]


@pytest.mark.parametrize(("written", "plain"), QUESTIONS)
def test_a_question_in_compatibility_forms_is_the_plain_one(
    store: Store, written: str, plain: str
) -> None:
    expected = _ids(store, plain)
    assert expected, plain
    assert _ids(store, written) == expected, written


def _written() -> list[Sentencia]:
    day = dt.date(2025, 4, 2)
    return [
        sentencia(
            901,
            "Se concede el 𝐚𝐦𝐩𝐚𝐫𝐨 𝐝𝐢𝐫𝐞𝐜𝐭𝐨 contra el acto del ﬁscal; fracción Ⅳ; año 𝟐𝟎𝟐𝟒.",
            "Ｓａｌａ Ｃｏｌｅｇｉａｄａ",
            "𝐚𝐦𝐩𝐚𝐫𝐨",
            day,
        ),
        sentencia(
            902,
            "El Juzgado 1º de Distrito y la 2ª Sala; superficie de 10² metros y 1½ hectáreas.",
            "Juzgado Primero de Distrito",
            "civil",
            day,
        ),
    ]


@pytest.fixture
def written(store: Store) -> Iterator[Store]:
    report = store.upsert(_written())
    assert report.indexed == 2 and not report.errors
    yield store


def test_a_document_in_compatibility_forms_is_found_by_the_plain_words(written: Store) -> None:
    for q in (
        '"amparo directo"',
        "fiscal",
        "2024",
        '"fracción IV"',
        "iv",
        'tribunal:"Sala Colegiada"',
        "materia:amparo",
    ):
        assert _ids(written, q) == {"sen-901"}, q
    # the question written alike finds it too
    assert _ids(written, "𝐚𝐦𝐩𝐚𝐫𝐨 ﬁscal") == {"sen-901"}


def test_ordinals_superscripts_and_fractions_keep_their_meaning(written: Store) -> None:
    # «1º» is the ordinal the spellings read (not the letter «o» after a one)
    assert "sen-902" in _ids(written, '"Juzgado Primero de Distrito"')
    assert "sen-902" in _ids(written, '"segunda sala"')
    # «10²» stays a hundred and «1½» one and a half: not «102», not eleven halves
    assert "sen-902" not in _ids(written, "11")
    assert "sen-902" in _ids(written, "1½")


def test_the_kept_forms_are_left_as_written() -> None:
    text = "Juzgado 1º, 2ª Sala, 10² m, 1½ ha, Art.\u00a05… «fin»"
    assert compatible_text(text) == text
    assert indexed_text("𝐚𝐦𝐩𝐚𝐫𝐨 ﬁscal Ⅳ ①") == "amparo fiscal IV 1"
    # decomposed accents are composed on the way
    assert compatible_text("an\u0303o ｙ 1º") == "año y 1º"
    doc = _written()[0]
    assert filter_values(doc)["court"] == ["Sala Colegiada"]


def _superscript_ordinals() -> list[Sentencia]:
    day = dt.date(2025, 4, 3)
    return [
        sentencia(
            911, "Conoció el Juzgado 1ᵒ de Distrito y resolvió la 2ᵃ Sala.", "Juzgado", "civil", day
        ),
        sentencia(
            912, "Conoció el 3ᵉʳ Tribunal Colegiado del 1.ᵒ Circuito.", "Tribunal", "civil", day
        ),
        sentencia(913, "Conoció el Juzgado Primero de Distrito.", "Juzgado", "civil", day),
    ]


def test_an_ordinal_written_with_superscript_letters_is_the_ordinal(store: Store) -> None:
    # «1ᵒ», «2ᵃ» (modifier letters, as a word processor writes them) were words of their
    # own: neither «primero» nor «1º» found them, nor did «1ᵒ» find «Primero»
    report = store.upsert(_superscript_ordinals())
    assert report.indexed == 3 and not report.errors
    for q in (
        '"juzgado primero de distrito"',
        '"juzgado 1º de distrito"',
        '"juzgado 1o de distrito"',
    ):
        assert _ids(store, q) == {"sen-911", "sen-913"}, q
    assert _ids(store, '"juzgado 1ᵒ de distrito"') == {"sen-911", "sen-913"}
    assert _ids(store, '"segunda sala"') >= {"sen-911"}
    assert _ids(store, '"tercer tribunal colegiado"') == {"sen-912"}
    # «1.ᵒ» is what «1.º» is
    assert _ids(store, '"1.ᵒ circuito"') == _ids(store, '"1.º circuito"') == {"sen-912"}


def test_superscript_letters_after_a_number_are_read_as_its_ordinal_ending() -> None:
    assert compatible_text("el 1ᵒ, la 2ᵃ, el 1.ᵒ y el 10ᴼ") == "el 1º, la 2ª, el 1º y el 10º"
    assert compatible_text("1ʳᵒ, 2ᵈᵒ, 3ᵉʳ, 1.ᵉʳ") == "1ro, 2do, 3er, 1er"
    # elsewhere a superscript letter stays as written
    assert compatible_text("mᵃ ᵒx 1ᵒx") == "mᵃ ᵒx 1ᵒx"
