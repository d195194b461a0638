"""An embedded index folder Tantivy refuses to open: the speech index starts anew only
one another version wrote or whose ``meta.json`` is unreadable (the database fills it
again); one it cannot open for another reason (a file it cannot read) is never wiped,
and the error says so in Spanish, on both embedded indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.speeches.search.tantivy_index import TantivySpeechIndex
from indexer.stores.base import StoreUnavailable
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.said_indexes import speeches_said

SAID = "-El diputado Pedro Salas Mora (PAN): Pido el amparo de los vecinos.\n"


def _written(folder: Path) -> int:
    TantivySpeechIndex(folder).rebuild(speeches_said(SAID))
    return len(list(folder.iterdir()))


def test_a_speech_index_with_an_unreadable_meta_file_is_started_anew_by_a_writer(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "speeches"
    _written(folder)
    (folder / "meta.json").write_text('{"segments": [')  # a write cut short
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        TantivySpeechIndex(folder, replace_outdated=False)
    writer = TantivySpeechIndex(folder)
    assert writer.replaced and writer.count() == 0
    writer.rebuild(speeches_said(SAID))
    assert writer.count() == 1


def test_a_speech_index_it_cannot_read_for_another_reason_is_left_as_it_is(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "speeches"
    files = _written(folder)
    segments = sorted(p.name for p in folder.iterdir() if p.suffix == ".store")
    (folder / segments[0]).rename(tmp_path / "aside.store")  # a disk that lost a file
    with pytest.raises(StoreUnavailable, match="no se ha modificado"):
        TantivySpeechIndex(folder)
    assert len(list(folder.iterdir())) == files - 1  # nothing wiped
    (tmp_path / "aside.store").rename(folder / segments[0])
    opened = TantivySpeechIndex(folder)
    assert not opened.replaced and opened.count() == 1


def test_the_document_index_it_cannot_read_says_so_in_spanish(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    TantivyStore(folder)
    (folder / "meta.json").unlink()
    (folder / "meta.json").mkdir()
    with pytest.raises(StoreUnavailable, match="no se pudo abrir el índice de búsqueda"):
        TantivyStore(folder, replace_outdated=True)
    assert (folder / "meta.json").is_dir()
