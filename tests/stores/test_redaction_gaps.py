"""A redaction holding no word leaves a gap in the indexes (``analysis.with_gaps``); the
indexes written before it are rebuilt by ``abierto reindex`` or the first writer, and
answer searches meanwhile. The phrases themselves are in ``test_conformance``."""

from __future__ import annotations

import logging
import random
import re
from pathlib import Path
from typing import Any

import pytest

from indexer.analysis import (
    _WORDLESS,
    GAP_JOINER,
    GAP_LETTER,
    REDACTION_GAP,
    token_stems,
    with_gaps,
    without_gaps,
)
from indexer.backup.parts import snapshot_tantivy
from indexer.stores import SearchQuery
from indexer.stores.base import ANALYSIS_STAMP, StoreUnavailable
from indexer.stores.engine.schema import mappings
from indexer.stores.tantivy_store import ANALYSIS_VERSION, TantivyStore, analysis_version
from tests.engine.fixtures import MakeStore
from tests.engine.test_engine_mapping import _holding_the_corpus
from tests.stores.corpus import corpus

TESTADA = "El quejoso Wenceslao ********** Ortigoza promovió el juicio de (…) amparo."


def _testada() -> Any:
    return corpus()[0].model_copy(update={"id": "sen-testada", "text": TESTADA})


def _ids(store: Any, q: str) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(q=q, limit=100)).hits}


@pytest.mark.parametrize(
    "text",
    [
        TESTADA,
        "Juan*****Pérez y ███ López, «____» [ … ] ( . . . ) fin",
        "sin nada testado: 3 * 4 = 12, ... y __ más",
    ],
)
def test_the_gap_is_one_dropped_word_and_shown_as_written(text: str) -> None:
    gapped = with_gaps(text)
    assert without_gaps(gapped) == text
    assert with_gaps(gapped) == gapped  # a text indexed twice keeps one gap per mark
    stems = token_stems(gapped)
    assert [s for s in stems if s is not None] == token_stems(text)
    assert stems.count(None) == gapped.count(REDACTION_GAP)
    if "testado" in text:
        assert gapped == text


def _gapped_as_before(text: str) -> str:
    """``with_gaps`` as it was written when the indexes were first built with gaps (one
    ``re.sub`` a mark, its callback keeping a mark already followed by a gap): the index's
    texts must stay these bytes, or an index written before would differ from one written
    now without ``abierto reindex``."""
    for needle, source in _WORDLESS:
        if needle not in text:
            continue

        def gap(found: re.Match[str], text: str = text) -> str:
            followed = text.startswith(GAP_JOINER, found.end())
            return found[0] if followed else found[0] + REDACTION_GAP

        text = re.sub(source, gap, text)
    return text


def test_the_gaps_are_the_bytes_indexed_before() -> None:
    pieces = ["*", "**", "***", "█", "▇", "■", "■■", "_", "____", "(", ")", "[", "]", "…"]
    pieces += [".", ". ", " ", "a", "ñ", "\n", GAP_JOINER, GAP_LETTER, REDACTION_GAP]
    rng = random.Random(14)
    texts = ["".join(rng.choices(pieces, k=rng.randint(0, 24))) for _ in range(3000)]
    texts += [TESTADA, "Juan*****Pérez y ███ López, «____» [ … ] ( . . . ) fin", "*" * 5000]
    for text in texts:
        assert with_gaps(text) == _gapped_as_before(text), text
        assert with_gaps(with_gaps(text)) == _gapped_as_before(_gapped_as_before(text)), text


def _an_index_of_before(folder: Path) -> None:
    """An index folder as the previous version left it: no analysis stamp."""
    store = TantivyStore(folder)
    store.upsert(corpus())
    store.close()
    (folder / ANALYSIS_STAMP).unlink()


def test_a_new_embedded_index_says_how_its_texts_were_analysed(tmp_path: Path) -> None:
    TantivyStore(tmp_path / "index").close()
    assert analysis_version(tmp_path / "index") == ANALYSIS_VERSION == 6
    assert (tmp_path / "index" / ANALYSIS_STAMP).read_text() == "6\n"


def test_an_embedded_index_analysed_before_is_read_then_rebuilt_by_a_writer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "index"
    _an_index_of_before(folder)
    with caplog.at_level(logging.WARNING):
        reader = TantivyStore(folder)
    assert not reader.replaced and reader.count() == len(corpus())
    assert _ids(reader, '"daño moral"') == {"sen-001"}
    assert "abierto reindex" in caplog.text and "testado" in caplog.text
    assert analysis_version(folder) == 1  # a reader leaves it as it is

    writer = TantivyStore(folder, replace_outdated=True)
    assert writer.replaced and writer.count() == 0
    assert analysis_version(folder) == ANALYSIS_VERSION
    writer.upsert([_testada()])
    assert _ids(writer, '"Wenceslao Ortigoza"') == set()
    assert _ids(writer, '"juicio de amparo"') == set()
    assert _ids(writer, "Wenceslao Ortigoza") == {"sen-testada"}
    writer.close()
    assert not TantivyStore(folder, replace_outdated=True).replaced  # once


def test_a_backup_of_the_embedded_index_keeps_its_stamp(tmp_path: Path) -> None:
    store = TantivyStore(tmp_path / "index")
    store.upsert(corpus())
    store.close()
    copied = snapshot_tantivy(tmp_path / "index", tmp_path / "copy")
    assert ANALYSIS_STAMP in copied
    assert not TantivyStore(tmp_path / "copy", replace_outdated=True).replaced


def _written_before_the_gaps() -> dict[str, Any]:
    older = mappings()
    older["_meta"] = {"abierto_mapping": 3}
    return older


@pytest.mark.parametrize("kind", ["opensearch"])
def test_an_engine_index_of_mapping_3_answers_until_reindexed(
    kind: str, make_engine_store: MakeStore
) -> None:
    store = make_engine_store(kind)
    _holding_the_corpus(store, _written_before_the_gaps())
    assert _ids(store, '"daño moral"') == {"sen-001"}
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        store.upsert([_testada()])
    assert "abierto reindex" in str(store.health().get("aviso"))
    store.rebuild([*corpus(), _testada()])
    assert _ids(store, '"Wenceslao Ortigoza"') == set()
    assert _ids(store, "Wenceslao Ortigoza") == {"sen-testada"}
