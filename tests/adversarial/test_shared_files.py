"""The same bytes archived by several threads at once (an annex many documents of one
crawl share, or a placeholder PDF a court serves for every missing sentence) are one
file: no thread fails, so no document of theirs is lost."""

from __future__ import annotations

import threading
from pathlib import Path

from config.settings import Settings
from indexer.library import ArchivedFile, Library
from tests.adversarial.hostile import text_pdf


def test_one_file_archived_by_many_threads_at_once_fails_none(
    tmp_path: Path, database_url: str
) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    data = text_pdf(["Anexo comun a las sentencias del pleno"])
    start = threading.Barrier(6)
    results: list[ArchivedFile] = []
    failures: list[BaseException] = []

    def archive(n: int) -> None:
        start.wait()
        try:
            results.append(library.add_file(data, f"https://tribunal.gob.mx/{n}/anexo.pdf"))
        except BaseException as exc:  # what a crawl's pipeline thread would have raised
            failures.append(exc)

    threads = [threading.Thread(target=archive, args=(n,)) for n in range(6)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert failures == []
        assert len(results) == 6
        assert {r.ref.sha256 for r in results} == {results[0].ref.sha256}
        assert all(r.text and "Anexo comun" in r.text for r in results)
        stored = library.db.get_file(results[0].ref.sha256)
        assert stored is not None and stored.pages == 1
    finally:
        library.close()
