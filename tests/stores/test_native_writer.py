"""The native writer (``abierto_native.NativeWriter``, stems remembered by its indexing
threads) writes the very index tantivy-py's writer writes: the same tokens at the same
positions, the same terms in every field, the same answers to hundreds of questions, and
the same writer's lifecycle (one writer per folder, a rollback drops what was written)."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from pathlib import Path

import abierto_native
import pytest
from hypothesis import HealthCheck, given, settings

from bench.legal_corpus import LegalCorpus
from indexer import analysis
from indexer.stores import SearchQuery, SearchResult
from indexer.stores import tantivy_store as ts
from indexer.stores.tantivy_store import TantivyStore, compile_search
from tests.stores.corpus import LONG, corpus, phrase_corpus, sentencia
from tests.stores.test_native_pairs import texts
from tests.stores.test_phrase_pairs import QUESTIONS

# every field that has terms (the stored-only payload and the fast-only count have none)
FIELDS = ["id", "title", "text", "meta", "title_fold", "text_fold"] + [
    f"{name}_pair" for name in ts.PAIRED
]
EDGES = [
    "",
    "Ñandú ÑANDÚ ñandú pingüinos PINGÜINOS Güero acción ACCIÓN Árbol interés",
    f"daño {LONG} moral {'é' * 20} causado {'ñ' * 19}a {'x' * 39} Constitucionalidad" * 3,
    "Amparo en Revisión 1234/2023, art. 12-B, 3.5%, 1,000,000 pesos; x² ٣٤ ½ ﬁn",
    "日本語の判決 Ωμέγα straße İstanbul Ætna über 🙂🇲🇽 — ¿Qué? ¡Sí! …",
    "DAÑO MORAL daño moral Daño Moral dAñO mOrAl daños morales DAÑOS",
    "\n\t  \u00a0\u2003",
]


def expected_tokens(text: str) -> list[tuple[str, int]]:
    """tantivy-py's ``es_stem`` tokens of ``text``, each at its raw token's position."""
    stems = analysis.token_stems(text)
    found = [(stem, at) for at, stem in enumerate(stems) if stem is not None]
    assert [stem for stem, _ in found] == analysis.stem_tokens(text)
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_remembered_stems_are_the_stemmers(text: str) -> None:
    expected = expected_tokens(text)
    assert abierto_native.remembered_stems(text) == expected
    assert abierto_native.remembered_stems(text) == expected  # remembered: the same again


def test_edge_texts_stem_the_same() -> None:
    for text in EDGES:
        assert abierto_native.remembered_stems(text) == expected_tokens(text), text
    assert [t for t, _ in abierto_native.remembered_stems("Daños MORALES")] == ["dan", "moral"]


def expected_folds(text: str) -> list[tuple[str, int]]:
    """tantivy-py's ``es_fold`` tokens of ``text``, each at its raw token's position."""
    raw = analysis._RAW.analyze(text)
    found = [(fold, at) for at, word in enumerate(raw) for fold in analysis.fold_tokens(word)]
    assert [fold for fold, _ in found] == analysis.fold_tokens(text)
    return found


def expected_pairs(text: str) -> list[tuple[str, int]]:
    """tantivy-py's ``es_pair`` tokens of the pair terms Python makes of ``text``."""
    pairs = analysis.python_pair_text(text)
    return [(pair, at) for at, pair in enumerate(pairs.split(" "))] if pairs else []


def analysed(text: str, order: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
    """``text`` through the native writer's analysers in ``order`` (after the first, each
    reads the words the first split, as a document's fields are read)."""
    return {name: abierto_native.remembered_stems(text, name) for name in order}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_one_split_gives_each_analysers_tokens(text: str) -> None:
    """The stemmed, folded and pair fields read a text split once: each gets the tokens,
    at the positions, that tantivy-py's analysers give it, whichever field reads first."""
    expected = {
        "es_stem": expected_tokens(text),
        "es_fold": expected_folds(text),
        "es_pair": expected_pairs(text),
    }
    assert analysed(text, ("es_stem", "es_fold", "es_pair")) == expected
    assert analysed(text, ("es_pair", "es_fold", "es_stem")) == expected
    assert analysed(f"{text} otra", ("es_fold",))["es_fold"] == expected_folds(f"{text} otra")


def test_edge_texts_fold_and_pair_the_same() -> None:
    for text in EDGES:
        for order in (("es_stem", "es_fold", "es_pair"), ("es_pair", "es_stem", "es_fold")):
            found = analysed(text, order)
            assert found["es_fold"] == expected_folds(text), text
            assert found["es_pair"] == expected_pairs(text), text
    with pytest.raises(ValueError):
        abierto_native.remembered_stems("texto", "es_otro")


# Spanish as the sentences write it: accents, ñ and ü, capitals, numbers and case keys,
# punctuation, words dropped for their length between kept ones, and one word in many
# spellings (each its own entry in the writer's memory, with its own stem and fold)
VARIED = (
    "SENTENCIA del Juzgado Tercero de Distrito: el AMPARO en revisión 1234/2023 se "
    "concede; los daños y perjuicios (artículo 1916 del Código Civil) fueron acreditados. "
    "Pingüino, PINGÜINOS, pingüinito; año, Años, añejo, ÑANDÚ, señoría, Señorías. "
    f"{LONG} Constitucionalidad {'inconstitucionalmente' * 2} inconstitucionalmente, "
    "¿Procede? ¡Sí! 3.5% de 1,000,000 pesos; fracción IV-B, inciso a), 2ª Sala; "
    "sentencias sentenciar sentenciado Sentenciadora SENTENCIADOS sentencia."
)


def test_remembered_forms_are_the_analysers_on_varied_spanish() -> None:
    """A text's words are read from the writer's memory once met: the second reading of
    each text (all of it remembered), in every order of the fields, gives exactly the
    tokens of tantivy-py's analysers on the whole text, at the same positions; and after
    the memory was emptied for being full (``WORDS`` new words), the same again."""
    texts = [VARIED, VARIED.upper(), VARIED.lower(), f"{VARIED} {VARIED[::-1]}"]
    for text in texts:
        expected = {
            "es_stem": expected_tokens(text),
            "es_fold": expected_folds(text),
            "es_pair": expected_pairs(text),
        }
        assert expected["es_stem"] and expected["es_fold"] and expected["es_pair"]
        for order in (("es_stem", "es_fold", "es_pair"), ("es_fold", "es_pair", "es_stem")):
            assert analysed(text, order) == expected, (text, order)
            assert analysed(text, order) == expected, (text, order)
    # more new words than the memory keeps (100,000): emptied, then filled again
    many = " ".join(f"palabra{n}x" for n in range(101_000))
    assert len(abierto_native.remembered_stems(many, "es_fold")) == 101_000
    for text in texts:
        assert analysed(text, ("es_pair", "es_stem", "es_fold")) == {
            "es_stem": expected_tokens(text),
            "es_fold": expected_folds(text),
            "es_pair": expected_pairs(text),
        }


def edge_documents() -> list:  # type: ignore[type-arg]
    day = dt.date(2024, 5, 17)
    return [
        sentencia(900 + n, text, "Juzgado Único de Pruebas", "civil", day)
        for n, text in enumerate(EDGES)
    ]


def documents() -> list:  # type: ignore[type-arg]
    return [
        *corpus(),
        *phrase_corpus(),
        *edge_documents(),
        *LegalCorpus(150, seed=23, mix="real"),
    ]


def written(
    folder: Path,
    docs: list,  # type: ignore[type-arg]
    native: bool,
    pairs: bool = True,
) -> TantivyStore:
    """``docs`` written by the native writer (``pairs``: making the pair terms itself)
    or tantivy-py's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ts, "NATIVE_WRITES", native)
        patch.setattr(ts, "NATIVE_PAIRS", pairs)
        # tantivy-py's writer never merges these few segments: nor does the native one
        # here (a merge drops the replaced documents' terms, and their counts in scores)
        patch.setattr(ts, "MERGE_AT", 1000 if native else None)
        # one indexing thread, one segment per commit: with several, a thread's small
        # segment could hold the replaced documents past the native writer's deleted
        # share (a quarter) and be rewritten, as the threads happened to split the work
        patch.setattr(ts, "WRITER_THREADS", 1)
        store = TantivyStore(folder)
        assert store.acquire()
        assert (type(store._writer).__name__ == "NativeWriter") == native
        assert not native or store._writer.makes_pairs == pairs
        half = len(docs) // 2
        # in two commits, the second replacing a few documents: deletes by id too
        assert not store.upsert(docs[:half], commit=True).errors
        assert not store.upsert(docs[half - 5 :], commit=False).errors
        store.release()
    return store


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TantivyStore, TantivyStore]]:
    docs = documents()
    root = tmp_path_factory.mktemp("writers")
    yield written(root / "native", docs, native=True), written(root / "py", docs, native=False)


def test_every_field_holds_the_same_terms(pair: tuple[TantivyStore, TantivyStore]) -> None:
    native, python = (store.index.searcher() for store in pair)
    assert native.num_docs == python.num_docs == len({d.id for d in documents()})
    for field in FIELDS:
        terms = python.terms_with_prefix(field, "")
        assert terms, field
        assert native.terms_with_prefix(field, "") == terms, field
    for name in ts.FILTER_FIELDS:
        key = ts._key(name)
        assert native.terms_with_prefix(key, "") == python.terms_with_prefix(key, ""), key


def test_pair_terms_made_by_the_writer_are_those_handed_to_it(
    pair: tuple[TantivyStore, TantivyStore], tmp_path: Path
) -> None:
    """The native writer's own pair terms (``Remembered``) and the ones made in Python and
    handed to it: the same terms, in the same documents, at the same positions."""
    handed = written(tmp_path / "handed", documents(), native=True, pairs=False)
    made = pair[0]
    for field in [f"{name}_pair" for name in ts.PAIRED]:
        terms = handed.index.searcher().terms_with_prefix(field, "")
        assert terms and made.index.searcher().terms_with_prefix(field, "") == terms, field
    for q in [q for q in questions() if q.startswith('"')]:
        assert every_hit(made, q) == every_hit(handed, q), q


def questions() -> list[str]:
    """A few hundred questions over the corpus: its words in any case, phrases of two
    to four words, prefixes, proximity, fields and filters, and the phrase tests'."""
    rng = random.Random(5)
    words = [
        w
        for doc in documents()
        for w in re.findall(r"\w+", f"{doc.title} {doc.text}")
        if not w.isdigit() or len(w) < 6
    ]
    asked = list(QUESTIONS)
    for _ in range(120):
        word = rng.choice(words)
        asked.append(rng.choice([word, word.upper(), word.lower(), word.capitalize()]))
    for _ in range(120):
        at = rng.randrange(len(words) - 4)
        asked.append('"' + " ".join(words[at : at + rng.randint(2, 4)]) + '"')
    for _ in range(30):
        asked.append(rng.choice([w for w in words if len(w) > 4])[:4] + "*")
    for _ in range(30):
        at = rng.randrange(len(words) - 3)
        asked.append(f'"{words[at]} {words[at + 2]}"~3')
    asked += [f"title:{rng.choice(words)}" for _ in range(10)]
    asked += ['matter:"civil"', "court:civil", "Ñandú", "日本語の判決", "Ωμέγα", "straße"]
    asked += ["ﬁn", "x²", "1234/2023", "ñ" * 19 + "a", "daño -moral", "amparo OR pensión"]
    return asked


def every_hit(store: TantivyStore, q: str) -> list[tuple[float, str]]:
    """Every hit of ``q`` (the writer's threads order the documents by chance: by score,
    then id)."""
    searcher = store.index.searcher()
    found = searcher.search(compile_search(store.schema, SearchQuery(q=q)), limit=1000)
    return sorted((-round(score, 4), searcher.doc(at)["id"][0]) for score, at in found.hits)


def page(result: SearchResult) -> tuple[int | None, dict]:  # type: ignore[type-arg]
    return result.total, {k: [(f.value, f.count) for f in v] for k, v in result.facets.items()}


def test_hundreds_of_questions_get_the_same_answers(
    pair: tuple[TantivyStore, TantivyStore],
) -> None:
    native, python = pair
    asked = questions()
    assert len(asked) > 300
    matched = 0
    for q in asked:
        expected = every_hit(python, q)
        assert every_hit(native, q) == expected, q
        matched += bool(expected)
        query = SearchQuery(q=q, limit=5, facets=["court", "matter", "year"])
        assert page(native.search(query)) == page(python.search(query)), q
    assert matched > len(asked) * 0.8  # the questions find things


def test_one_writer_per_folder_and_a_rollback_drops_what_was_written(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    first, second = TantivyStore(folder), TantivyStore(folder)
    assert first.acquire()
    assert type(first._writer).__name__ == "NativeWriter"
    assert not second.acquire(0.0)  # native or tantivy-py's: the same lock
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ts, "NATIVE_WRITES", False)
        assert not second.acquire(0.0)
    docs = corpus()
    first.upsert(docs[:3], commit=True)
    first.upsert(docs[3:], commit=False)
    first.abort()  # what was not committed is dropped, and the lock let go
    assert first.search(SearchQuery(q="")).total == 3
    assert second.acquire(0.0)
    second.upsert(docs[3:], commit=False)
    second.release()
    assert first.search(SearchQuery(q="")).total == len(docs)


def test_a_document_that_cannot_be_written_is_an_error_not_a_lost_one(tmp_path: Path) -> None:
    store = TantivyStore(tmp_path / "index")
    docs = corpus()
    store.upsert(docs)
    bad = docs[0].with_citations([], 1 << 64)  # no count Tantivy can hold
    report = store.upsert([bad])
    assert report.indexed == 0 and bad.id in report.errors
    # the version written before is still there
    assert docs[0].id in {h.id for h in store.search(SearchQuery(q="", limit=100)).hits}


def test_a_text_the_writer_cannot_take_is_an_error_the_others_written(tmp_path: Path) -> None:
    """The pair terms are made by the writer's threads: a text it cannot take (a lone
    surrogate) is still refused before it reaches them, counted, and the rest written."""
    store = TantivyStore(tmp_path / "index")
    docs = corpus()
    broken = docs[1].model_copy(update={"id": "roto", "text": "texto \ud800 roto"})
    report = store.upsert([*docs[:2], broken, *docs[2:]])
    assert report.indexed == len(docs) and "surrogates" in report.errors["roto"]
    assert store.search(SearchQuery(q="")).total == len(docs)


def test_entries_prepared_without_pairs_are_completed_for_tantivy_py() -> None:
    """Prepared for the native writer (no pair terms), an entry for tantivy-py's writer
    gets the very pair terms it would have been prepared with."""
    from indexer.analysis import indexed_text
    from indexer.stores.tantivy_entry import prepare, text_values

    for doc in documents():
        keys = ["CPEUM art. 14"]
        full = text_values(doc, prepare(doc), keys)
        assert text_values(doc, prepare(doc, pairs=False), keys) == full
        made = dict(text_values(doc, prepare(doc, pairs=False), keys, makes_pairs=True))
        # each field's own text as indexed: without invisible characters, compatibility
        # forms plain («ﬁn» is «fin»), a gap after each redaction holding no word
        assert made["text_pair"] == indexed_text(doc.text)
        assert made["title_pair"] == indexed_text(doc.title)


def test_a_document_given_in_one_call_is_the_document_given_field_by_field(
    tmp_path: Path,
) -> None:
    """``replace_document`` (the long texts crossing over once, the earlier version's
    delete in the same call) writes what ``add_document`` writes from ``text_values``: the
    same terms in every field, the same stored documents; a text it cannot take fails the
    call before the earlier version is deleted."""
    from indexer.stores.tantivy_entry import native_entry, prepare, replacement

    docs = documents()
    searchers = []
    for way in ("apart", "one call"):
        store = TantivyStore(tmp_path / way)
        assert store.acquire()
        writer = store._writer
        assert writer.makes_pairs
        for doc in [*docs, *docs[:5]]:  # the last five replace their earlier versions
            done = prepare(doc, pairs=False)
            keys = ["CPEUM art. 14", doc.id]
            if way == "apart":
                writer.delete_documents_by_term("id", doc.id)
                writer.add_document(*native_entry(doc, done, keys, 3, True))
            else:
                writer.replace_document(*replacement(doc, done, keys, 3))
        if way == "one call":
            broken = replacement(docs[0], prepare(docs[0], pairs=False), [], 0)
            with pytest.raises(UnicodeEncodeError):
                writer.replace_document(broken[0], broken[1], "texto \ud800 roto", *broken[3:])
        store.release()
        searchers.append(store.index.searcher())
    apart, one_call = searchers
    assert one_call.num_docs == apart.num_docs == len({d.id for d in docs})
    for field in [*FIELDS, *(ts._key(name) for name in ts.FILTER_FIELDS), *ts.FILTER_FIELDS]:
        assert one_call.terms_with_prefix(field, "") == apart.terms_with_prefix(field, ""), field
    stored = [
        sorted(
            (s.doc(at)["id"][0], s.doc(at)["text"][0], bytes(s.doc(at)["payload"][0]))
            for _, at in s.search(
                compile_search(ts.build_schema(), SearchQuery(q="")), limit=1000
            ).hits
        )
        for s in searchers
    ]
    assert stored[0] == stored[1] and any(row[0] == docs[0].id for row in stored[1])
