"""The native facet counter gives exactly the buckets of Tantivy's terms aggregation
(tantivy-py's ``aggregate``, uncut per segment as the store asks): the same values, the
same counts, in the same order on ties, for any number of buckets, on fields of one value
per document, of several (a value a document holds twice counted once) and of none for
some documents, over several segments collected whole or cut in pieces."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from collections import Counter
from pathlib import Path

import abierto_native
import pytest
import tantivy

from indexer.stores.tantivy_entry import NO_VALUE
from indexer.stores.tantivy_store import _facet, _facets_of

SEGMENTS = 3
PER_SEGMENT = 300
WORDS = ["agua", "tierra", "fuego", "aire"]
TAGS = ["ámbar", "azul", "b", "B", "c", "zeta", "a b", "ñandú"]
COURTS = [f"Sala {n}" for n in range(6)]
NUMBERS = 290  # more terms in a segment than a byte tells apart, most of them tied
SEGMENT_BUCKETS = 1_000_000


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True)
    builder.add_text_field("word", tokenizer_name="raw")
    builder.add_bytes_field("payload", stored=True, indexed=False)
    builder.add_date_field("date", stored=False, indexed=True, fast=True)
    builder.add_unsigned_field("cited_by", stored=False, indexed=False, fast=True)
    for name in ("kind", "tag", "court", "number", "docket", "nothing"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    return builder.build()


Values = dict[str, list[str]]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Values]]:
    """Three segments: ``kind`` in every document, ``tag`` several times in some (twice
    the same value in a few) and in none in others, ``court`` only in one segment's
    documents, ``number`` one of 290 values in every one, ``docket`` one of 290 in nine
    documents of ten (more terms than a byte tells apart, and none), ``nothing`` in no document;
    ties are made on purpose (two tags equally frequent in the first segment). Returns
    the folder and each document's values."""
    path = tmp_path_factory.mktemp("facets") / "index"
    path.mkdir()
    index = tantivy.Index(schema(), path=str(path))
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    rng = random.Random(1414)
    written: list[Values] = []
    for segment in range(SEGMENTS):
        for n in range(PER_SEGMENT):
            values: Values = {
                "word": [WORDS[n % len(WORDS)]],
                "kind": [["sentencia", "sesion", "ley"][(n + segment) % 3]],
                "tag": [TAGS[n % 2]] if segment == 0 else rng.sample(TAGS, rng.randint(0, 3)),
                "court": [rng.choice(COURTS)] if segment == 1 and n % 4 else [],
                "number": [str((n * 7 + segment) % NUMBERS)],
                "docket": [str((n * 11 + segment) % NUMBERS)] if n % 10 else [],
            }
            if segment and n % 10 == 0:
                values["tag"] += ["zeta", "zeta"]
            doc = tantivy.Document()
            doc.add_text("text", f"documento {segment}-{n}")
            doc.add_bytes("payload", json.dumps({"n": n}).encode())
            doc.add_date("date", dt.datetime(2000 + n % 20, 1, 1, tzinfo=dt.UTC))
            doc.add_unsigned("cited_by", n % 7)
            for name, found in values.items():
                for value in found:
                    doc.add_text(name, value)
            writer.add_document(doc)
            written.append(values)
        writer.commit()
    writer.wait_merging_threads()
    return path, written


@pytest.fixture(scope="module")
def deleted(library: tuple[Path, list[Values]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library with the documents of one word deleted (still in their segments, left
    out of every count)."""
    path = tmp_path_factory.mktemp("deleted") / "index"
    shutil.copytree(library[0], path)
    index = tantivy.Index.open(str(path))
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    writer.delete_documents_by_term("word", "tierra")
    writer.commit()
    writer.wait_merging_threads()
    return path


@pytest.fixture(scope="module")
def folder(library: tuple[Path, list[Values]]) -> Path:
    return library[0]


QUERIES = {
    "all": (["all"], lambda s: tantivy.Query.all_query()),
    "agua": (["term", "word", "agua"], lambda s: tantivy.Query.term_query(s, "word", "agua")),
    "none": (["term", "word", "nada"], lambda s: tantivy.Query.term_query(s, "word", "nada")),
    "not aire": (
        ["bool", [["must", ["all"]], ["must_not", ["term", "word", "aire"]]]],
        lambda s: tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.all_query()),
                (tantivy.Occur.MustNot, tantivy.Query.term_query(s, "word", "aire")),
            ]
        ),
    ),
}
FIELDS = ["kind", "tag", "court", "number", "docket", "nothing"]


def aggregation(folder: Path, query: str, size: int) -> dict[str, list[tuple[str, int]]]:
    """Tantivy's terms aggregation of every field, through tantivy-py."""
    index = tantivy.Index.open(str(folder))
    searcher = index.searcher()
    spec = {
        name: {"terms": {"field": name, "size": size, "segment_size": SEGMENT_BUCKETS}}
        for name in FIELDS
    }
    raw = searcher.aggregate(QUERIES[query][1](index.schema), spec)
    return {
        name: [(b["key"], b["doc_count"]) for b in raw.get(name, {}).get("buckets", [])]
        for name in FIELDS
    }


def counted(
    folder: Path, query: str, size: int, piece_docs: int | None, sort: str = "relevance"
) -> dict[str, list[tuple[str, int]]]:
    native = abierto_native.NativeIndex(str(folder), 2, piece_docs)
    _, facets, _ = native.search(
        json.dumps(QUERIES[query][0]), 3, 0, sort, True, [(f, size) for f in FIELDS]
    )
    return {name: [tuple(b) for b in buckets] for name, buckets in facets}


def test_the_index_has_several_segments(folder: Path) -> None:
    index = tantivy.Index.open(str(folder))
    assert index.searcher().num_segments == SEGMENTS


@pytest.mark.parametrize("piece_docs", [None, 7, 64], ids=["segments", "7", "64"])
@pytest.mark.parametrize("query", list(QUERIES))
@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 9, 30])
def test_the_counter_gives_the_aggregations_buckets(
    folder: Path, query: str, size: int, piece_docs: int | None
) -> None:
    assert counted(folder, query, size, piece_docs) == aggregation(folder, query, size)


@pytest.mark.parametrize("sort", ["date_desc", "date_asc", "most_cited"])
@pytest.mark.parametrize("piece_docs", [None, 11])
def test_a_page_sorted_by_a_field_counts_alike(
    folder: Path, sort: str, piece_docs: int | None
) -> None:
    """Pages by a fast field hand the counter blocks of documents, not one at a time."""
    for query in ("all", "agua", "not aire"):
        assert counted(folder, query, 4, piece_docs, sort) == aggregation(folder, query, 4)


@pytest.mark.parametrize("sort", ["date_desc", "most_cited"])
@pytest.mark.parametrize("piece_docs", [5, 63, 64, 65, 150])
@pytest.mark.parametrize("which", ["library", "deleted"])
def test_a_page_by_a_field_cut_in_pieces_is_the_whole_segments_page(
    library: tuple[Path, list[Values]], deleted: Path, which: str, sort: str, piece_docs: int
) -> None:
    """A page without scores collected in pieces (sizes around Tantivy's blocks of 64
    documents too) is the page of the segments collected whole: no document of a
    neighbour piece counted twice or lost, a deleted one nowhere, the same total."""
    path = library[0] if which == "library" else deleted
    for query in ("all", "agua", "not aire"):
        plan = json.dumps(QUERIES[query][0])

        def page(pieces: int | None, plan: str = plan) -> object:
            native = abierto_native.NativeIndex(str(path), 2, pieces)
            return native.search(plan, 40, 3, sort, True, [(f, 9) for f in FIELDS], True)

        assert page(piece_docs) == page(None)


@pytest.mark.parametrize("query", ["all", "agua", "not aire"])
def test_the_counts_are_the_documents_with_each_value(
    library: tuple[Path, list[Values]], query: str
) -> None:
    """Counted from the documents themselves: a value twice in a document counts once,
    documents without a value are in no bucket, a tie goes to the smaller term's bytes."""
    folder, written = library
    kept = {"all": lambda v: True, "agua": lambda v: v["word"] == ["agua"]}
    keep = kept.get(query, lambda v: v["word"] != ["aire"])
    for name in FIELDS:
        docs = Counter(value for v in written if keep(v) for value in set(v.get(name, [])))
        expected = sorted(docs.items(), key=lambda pair: (-pair[1], pair[0].encode()))
        assert counted(folder, query, 30, 7)[name] == expected[:30]
    assert counted(folder, "all", 30, None)["kind"] == [
        ("ley", PER_SEGMENT),
        ("sentencia", PER_SEGMENT),
        ("sesion", PER_SEGMENT),
    ]
    assert counted(folder, "none", 5, None) == {name: [] for name in FIELDS}


@pytest.mark.parametrize("piece_docs", [None, 7], ids=["segments", "7"])
@pytest.mark.parametrize("query", list(QUERIES))
def test_deleted_documents_are_counted_nowhere(
    library: tuple[Path, list[Values]], deleted: Path, query: str, piece_docs: int | None
) -> None:
    """Most documents match ``all``: the counter counts the others and takes them from
    the segment's counts, which must leave the deleted documents out as well."""
    native = abierto_native.NativeIndex(str(deleted), 2, piece_docs)
    assert native.num_docs() == sum(v["word"] != ["tierra"] for v in library[1])
    found = counted(deleted, query, 30, piece_docs)
    assert found == aggregation(deleted, query, 30)
    if query in ("all", "not aire"):  # those that matched the deleted documents
        assert found != counted(library[0], query, 30, piece_docs)


@pytest.mark.parametrize("field", ["date", "cited_by"])
@pytest.mark.parametrize("piece_docs", [None, 7])
def test_a_facet_of_a_field_that_is_not_text_is_refused(
    folder: Path, field: str, piece_docs: int | None
) -> None:
    """The counter reads text values only: a date or a number asked as a facet is an
    error that names the field, never an empty facet."""
    native = abierto_native.NativeIndex(str(folder), 2, piece_docs)
    with pytest.raises(ValueError, match=f"{field} is not a text field"):
        native.search(json.dumps(QUERIES["all"][0]), 3, 0, "relevance", True, [(field, 5)])


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5])
def test_the_pairs_make_the_facet_the_bucket_dicts_made(size: int) -> None:
    """The store reads the counter's (value, count) pairs straight into a facet: the same
    values, counts and order as through the aggregation's bucket dicts, the documents
    without a value left out wherever they rank."""
    pairs = [("civil", 9), (NO_VALUE, 7), ("penal", 7), ("familiar", 2)]
    buckets = {"buckets": [{"key": key, "doc_count": n} for key, n in pairs]}
    assert _facets_of({"matter": pairs}, ["matter"], size) == {"matter": _facet(buckets, size)}
    assert len(_facets_of({"matter": pairs}, ["matter"], size)["matter"]) == min(size, 3)


def test_every_facet_is_made_in_the_order_asked() -> None:
    """The facets made together are each the one made alone, in the order of the names
    asked (not of the counter's answer); a name the counter did not count is empty."""
    counted = {
        "year": [("2024", 5), ("2023", 1)],
        "matter": [(NO_VALUE, 8), ("civil", 4), ("penal", 4)],
    }
    names = ["matter", "kind", "year"]
    made = _facets_of(counted, names, 1)
    assert list(made) == names
    assert made["matter"] == _facet({"buckets": [{"key": "civil", "doc_count": 4}]}, 1)
    assert made["kind"] == []
    assert [(f.value, f.count) for f in made["year"]] == [("2024", 5)]


MANY = 69_000  # more terms in one segment than two bytes tell apart


@pytest.fixture(scope="module")
def many_terms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two segments: the first with 70,000 documents and ``number`` one of 69,000 values
    (most of them once, a thousand twice: ties everywhere), the second with 5,000 whose
    values the first has too, or not; ``docket`` a value per ten documents (700 terms)."""
    path = tmp_path_factory.mktemp("many") / "index"
    path.mkdir()
    index = tantivy.Index(schema(), path=str(path))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for first, docs, step in ((0, 70_000, 1), (70_000, 5_000, 37)):
        for n in range(first, first + docs):
            doc = tantivy.Document()
            doc.add_text("word", WORDS[n % len(WORDS)])
            doc.add_bytes("payload", b"{}")
            doc.add_date("date", dt.datetime(2000 + n % 20, 1, 1, tzinfo=dt.UTC))
            doc.add_unsigned("cited_by", n % 7)
            doc.add_text("kind", ["sentencia", "sesion", "ley"][n % 3])
            doc.add_text("number", f"{(n * step) % MANY:05d}")
            doc.add_text("docket", str(n // 10 % 700))
            writer.add_document(doc)
        writer.commit()
    writer.wait_merging_threads()
    return path


@pytest.mark.parametrize("piece_docs", [None, 9_000], ids=["segments", "9000"])
@pytest.mark.parametrize("query", ["all", "agua", "not aire", "none"])
def test_a_field_of_more_terms_than_two_bytes_counts_alike(
    many_terms: Path, query: str, piece_docs: int | None
) -> None:
    """Ordinals past 65,535 are counted apart (not folded onto smaller ones), and the
    buckets cut in the middle of a tie keep the smaller terms, as the aggregation does."""
    assert tantivy.Index.open(str(many_terms)).searcher().num_segments == 2
    for size in (1, 7, 40):
        found = counted(many_terms, query, size, piece_docs)
        assert found == aggregation(many_terms, query, size)
    if query == "all":
        values = Counter(f"{(n * (1 if n < 70_000 else 37)) % MANY:05d}" for n in range(75_000))
        expected = sorted(values.items(), key=lambda pair: (-pair[1], pair[0]))
        assert found["number"] == expected[:40]
        assert found["number"][0][1] == 3  # a value in both segments, its counts added


def test_the_counts_follow_the_segments_after_a_reload(
    library: tuple[Path, list[Values]], tmp_path: Path
) -> None:
    """The terms of the segments searched are read once and kept: after a commit brings a
    segment with a new value (the most frequent now) and more of an old one, and after
    documents are deleted, the same open index counts what the index holds, as the
    aggregation does, never the terms or counts of the segments it searched before."""
    path = tmp_path / "index"
    shutil.copytree(library[0], path)
    native = abierto_native.NativeIndex(str(path), 2)
    asked = [(f, 9) for f in FIELDS]

    def facets() -> dict[str, list[tuple[str, int]]]:
        _, found, _ = native.search(json.dumps(QUERIES["all"][0]), 3, 0, "relevance", True, asked)
        return {name: [tuple(b) for b in buckets] for name, buckets in found}

    before = facets()
    assert before == aggregation(path, "all", 9)
    index = tantivy.Index.open(str(path))
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for n in range(400):
        doc = tantivy.Document()
        doc.add_text("word", "agua")
        doc.add_bytes("payload", b"{}")
        doc.add_text("kind", "ley")
        doc.add_text("tag", "nuevo" if n % 4 else "c")
        doc.add_text("court", COURTS[n % 2])
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    native.reload()
    grown = facets()
    assert grown == aggregation(path, "all", 9)
    assert grown["tag"][0] == ("nuevo", 300)
    assert grown != before
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    writer.delete_documents_by_term("word", "fuego")
    writer.commit()
    writer.wait_merging_threads()
    native.reload()
    assert facets() == aggregation(path, "all", 9)


FEW = 8_000  # documents per segment: enough that fields of few terms are counted together


@pytest.fixture(scope="module")
def few_terms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two segments whose every document holds one value of each field, each field of few
    terms (3, 8, 6, 10 and 20): their combinations are many but a few thousand, so the
    counter counts most of the fields together, and not all (every field together would
    make more combinations than it keeps)."""
    path = tmp_path_factory.mktemp("few") / "index"
    path.mkdir()
    index = tantivy.Index(schema(), path=str(path))
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    rng = random.Random(77)
    for _ in range(2):
        for n in range(FEW):
            doc = tantivy.Document()
            doc.add_text("word", WORDS[n % len(WORDS)])
            doc.add_bytes("payload", b"{}")
            doc.add_date("date", dt.datetime(2000 + n % 20, 1, 1, tzinfo=dt.UTC))
            doc.add_unsigned("cited_by", n % 7)
            doc.add_text("kind", ["sentencia", "sesion", "ley"][n % 3])
            doc.add_text("tag", rng.choice(TAGS))
            doc.add_text("court", rng.choice(COURTS))
            doc.add_text("number", str(rng.randrange(20)))
            doc.add_text("docket", str(rng.randrange(10)))
            writer.add_document(doc)
        writer.commit()
    writer.wait_merging_threads()
    return path


HALF = ["bool", [["should", ["term", "word", "agua"]], ["should", ["term", "word", "tierra"]]]]


@pytest.mark.parametrize("piece_docs", [None, 5_000], ids=["segments", "5000"])
@pytest.mark.parametrize("size", [1, 3, 9, 30])
def test_fields_of_few_terms_counted_together_count_alike(
    few_terms: Path, size: int, piece_docs: int | None
) -> None:
    """Half the documents match: each field's buckets are the aggregation's, whether the
    field was counted with the others or alone."""
    assert tantivy.Index.open(str(few_terms)).searcher().num_segments == 2
    index = tantivy.Index.open(str(few_terms))
    half = tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, tantivy.Query.term_query(index.schema, "word", "agua")),
            (tantivy.Occur.Should, tantivy.Query.term_query(index.schema, "word", "tierra")),
        ]
    )
    spec = {
        name: {"terms": {"field": name, "size": size, "segment_size": SEGMENT_BUCKETS}}
        for name in FIELDS
    }
    raw = index.searcher().aggregate(half, spec)
    expected = {
        name: [(b["key"], b["doc_count"]) for b in raw.get(name, {}).get("buckets", [])]
        for name in FIELDS
    }
    native = abierto_native.NativeIndex(str(few_terms), 2, piece_docs)
    for _ in range(2):  # the codes made, then kept
        _, found, _ = native.search(
            json.dumps(HALF), 3, 0, "relevance", True, [(f, size) for f in FIELDS]
        )
        assert {name: [tuple(b) for b in buckets] for name, buckets in found} == expected
