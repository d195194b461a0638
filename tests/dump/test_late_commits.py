"""A save begun before a dump's cut and committed after the dump read carries the time it
was made, not the time of its commit. The next delta read what was saved since the last
cut, less the overlap: such a commit, landing late (a batch waiting on a lock, a long
transaction), was in no delta, and a consumer applying the deltas to a full dump never
had it. Real PostgreSQL and SQLite (one writer at a time, but its transaction may be
open while a dump reads: WAL readers do not wait); the overlap is shortened to a second
so that the commit is late without waiting ten minutes."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
import time
from pathlib import Path
from typing import Any

from indexer.db import Database
from indexer.db.database import write_documents
from indexer.dump import write_dump
from indexer.models import Sentencia, document_id

KINDS = ("sentencia", "sesion", "legislativo")
OVERLAP = dt.timedelta(seconds=1)


def _sentencia(name: str, text_: str = "Se concede el amparo.") -> Sentencia:
    return Sentencia(
        id=document_id("tarde", name),
        title=f"Amparo directo {name}",
        date=dt.date(2023, 3, 15),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        text=text_,
    )


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def _state(folder: Path) -> dict[str, str]:
    return {row["id"]: row["text"] for kind in KINDS for row in _jsonl(folder / f"{kind}.jsonl.gz")}


def _apply(state: dict[str, str], folder: Path) -> None:
    for row in _jsonl(folder / "eliminados.jsonl.gz"):
        state.pop(row["id"], None)
    for kind in KINDS:
        rows = _jsonl(folder / f"{kind}.jsonl.gz")
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), f"un documento dos veces en {kind} de un delta"
        state.update({row["id"]: row["text"] for row in rows})


def _copy(folder: Path, name: str) -> Path:
    """The full dump as it stands (the next run rewrites it in place)."""
    kept = folder.parent / name
    kept.mkdir()
    for kind in KINDS:
        (kept / f"{kind}.jsonl.gz").write_bytes((folder / f"{kind}.jsonl.gz").read_bytes())
    return kept


def test_a_save_committed_after_a_dump_read_is_in_the_next_delta(
    database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "datos"
    db = Database(database_url)
    writer = Database(database_url)
    try:
        db.save_documents([_sentencia("a"), _sentencia("b")])
        write_dump(db, out, overlap=OVERLAP)
        full0 = _copy(out, "completo-0")
        time.sleep(1.1)

        # another process saves a anew and c, in a transaction that commits late
        written, failed = threading.Event(), []

        def save_late() -> None:
            try:
                with writer.engine.begin() as connection:
                    write_documents(
                        connection, [_sentencia("a", "Se niega el amparo."), _sentencia("c")]
                    )
                    written.set()
                    time.sleep(4)
            except BaseException as exc:  # pragma: no cover - shown by the assert below
                failed.append(exc)
                written.set()

        thread = threading.Thread(target=save_late)
        thread.start()
        written.wait()
        time.sleep(2)  # longer than the overlap: its rows say a time before the cut
        first = write_dump(db, out, overlap=OVERLAP)
        thread.join()
        assert not failed
        time.sleep(1.1)
        second = write_dump(db, out, overlap=OVERLAP)

        assert first.delta is not None and second.delta is not None
        state = _state(full0)
        _apply(state, first.delta.folder)
        _apply(state, second.delta.folder)
        # the old code: neither delta had the late commit (nor c, nor a's new text)
        assert state == _state(out)
        assert state[document_id("tarde", "a")] == "Se niega el amparo."
        assert document_id("tarde", "c") in state
    finally:
        writer.close()
        db.close()


def test_a_document_saved_again_while_the_delta_is_read_is_in_it_once(
    database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "datos"
    db = Database(database_url)
    try:
        db.save_documents([_sentencia("a")])
        write_dump(db, out, overlap=OVERLAP)
        time.sleep(1.1)
        db.save_documents([_sentencia("a", "Segundo texto."), _sentencia("b")])
        names = {document_id("tarde", name): name for name in ("a", "b")}
        calls: list[str] = []

        def links(doc: Any, _day: dt.date) -> dict[str, str | None]:
            calls.append(doc.id)
            if len(calls) == 3:  # the delta's first record (after the full dump's two)
                # saved again while the delta is read: its time moves past the other's
                db.save_documents([_sentencia(names[doc.id], "Tercer texto.")])
            return {}

        report = write_dump(db, out, overlap=OVERLAP, links=links)
        assert report.delta is not None
        rows = _jsonl(report.delta.folder / "sentencia.jsonl.gz")
        ids = [row["id"] for row in rows]
        # the old code: a twice in one change file
        assert sorted(ids) == sorted({document_id("tarde", "a"), document_id("tarde", "b")})
    finally:
        db.close()
