"""One document, several sources: the same file, or the same sentence, is one hit that
lists every source that published it, whichever is crawled again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.models import FileRef
from indexer.stores import SearchQuery

PDF = FileRef(url="x", sha256="a" * 64, content_type="application/pdf", size=10)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(Settings(data_dir=tmp_path))


def sentence(source_id: str, url: str, files: list[FileRef], **fields: str):  # type: ignore[no-untyped-def]
    return build_document(
        kind="sentencia", source_id=source_id, institution="Poder Judicial de Jalisco",
        jurisdiction="MX-JAL", url=url, text="La Sala resuelve confirmar la sentencia apelada.",
        files=files, fields={"expediente": "Toca 52/2025"} | fields,
    )  # fmt: skip


def hit_ids(library: Library, source: str) -> list[str]:
    query = SearchQuery(q="confirmar", filters={"source_id": [source]})
    return [h.id for h in library.search(query).hits]


def test_the_same_file_from_two_sources_is_one_hit_listing_both(library: Library) -> None:
    first = sentence("stj-jalisco", "https://stj.example/toca/1/file", [PDF], court="Séptima Sala")
    second = sentence("espejo-jalisco", "https://espejo.example/52-2025.pdf", [PDF],
                      matter="Familiar")  # fmt: skip
    assert library.add_document(first) == "new"
    assert library.add_document(second) == "updated"
    library.flush()
    (doc,) = library.db.iter_documents()
    assert doc.id == first.id
    assert [(s.source_id, s.url) for s in doc.sources] == [
        ("stj-jalisco", "https://stj.example/toca/1/file"),
        ("espejo-jalisco", "https://espejo.example/52-2025.pdf"),
    ]
    assert doc.court == "Séptima Sala" and doc.matter == "familiar"  # each fills the other
    assert hit_ids(library, "stj-jalisco") == [first.id]
    assert hit_ids(library, "espejo-jalisco") == [first.id]
    assert library.search(SearchQuery(q="confirmar")).total == 1


def test_re_crawls_of_either_source_keep_it_one(library: Library) -> None:
    first = sentence("stj-jalisco", "https://stj.example/toca/1/file", [PDF])
    second = sentence("espejo-jalisco", "https://espejo.example/52-2025.pdf", [PDF])
    library.add_document(first)
    library.add_document(second)
    assert library.add_document(second) == "unchanged"
    assert library.add_document(first) == "unchanged"
    assert library.db.count_documents() == 1
    (doc,) = library.db.iter_documents()
    assert len(doc.sources) == 2


def test_the_same_court_case_and_date_without_a_shared_file_is_one(library: Library) -> None:
    fields = {"court": "Séptima Sala", "resolution_date": "21/03/2025"}
    other = FileRef(url="y", sha256="b" * 64, content_type="application/pdf", size=11)
    library.add_document(sentence("stj-jalisco", "https://stj.example/t/1", [PDF], **fields))
    library.add_document(sentence("espejo-jalisco", "https://espejo.example/1", [other],
                                  **fields))  # fmt: skip
    assert library.db.count_documents() == 1
    another_day = fields | {"resolution_date": "22/03/2025"}
    library.add_document(sentence("espejo-jalisco", "https://espejo.example/2", [], **another_day))
    assert library.db.count_documents() == 2


def test_a_document_of_one_source_lists_that_source(library: Library) -> None:
    doc = sentence("stj-jalisco", "https://stj.example/t/9", [])
    library.add_document(doc)
    saved = library.db.get_document(doc.id)
    assert saved is not None and [s.source_id for s in saved.sources] == ["stj-jalisco"]
    assert saved.fetched_at is None or saved.fetched_at <= dt.datetime.now(dt.UTC)


def test_documents_sharing_only_an_annex_stay_apart(library: Library) -> None:
    annex = FileRef(url="z", sha256="c" * 64, content_type="application/pdf", size=12)
    own = [FileRef(url=f"o{n}", sha256=str(n) * 64, content_type="application/pdf", size=1)
           for n in (1, 2)]  # fmt: skip
    library.add_document(sentence("stj-jalisco", "https://stj.example/1", [own[0], annex]))
    library.add_document(sentence("stj-jalisco", "https://stj.example/2", [own[1], annex]))
    assert library.db.count_documents() == 2


def test_a_publication_whose_document_is_gone_is_saved_anew(library: Library) -> None:
    first = sentence("stj-jalisco", "https://stj.example/toca/1/file", [PDF])
    library.add_document(first)
    with library.db.session() as s, s.begin():
        s.execute(text("delete from documents"))
    again = sentence("stj-jalisco", "https://stj.example/toca/1/file", [PDF])
    assert library.add_document(again) == "new"
    saved = library.db.get_document(again.id)
    assert saved is not None and [s.url for s in saved.sources] == [again.url]


def test_a_placeholder_file_shared_by_different_sentences_does_not_merge_them(
    library: Library,
) -> None:
    placeholder = FileRef(url="p", sha256="d" * 64, content_type="application/pdf", size=5)
    library.add_document(sentence("stj-jalisco", "https://stj.example/1", [placeholder]))
    other_case = sentence("stj-jalisco", "https://stj.example/2", [placeholder],
                          expediente="Toca 53/2025")  # fmt: skip
    library.add_document(other_case)
    assert library.db.count_documents() == 2
    saved = library.db.get_document(other_case.id)
    assert saved is not None and [s.url for s in saved.sources] == ["https://stj.example/2"]
