"""A saved document's row is written from the one dump its content hash is read from
(``DocumentCore.hashed``): the hash and the row's ``data`` are what they were when each
was dumped on its own, key for key and in the same order."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from sqlalchemy import text

from bench.legal_corpus import LegalCorpus
from indexer.db import Database
from indexer.models import (
    FileRef,
    OcrPageRef,
    PrivacyFinding,
    PrivacyReport,
    Sentencia,
    Sesion,
    SourceLink,
    VideoLink,
)


def hash_as_before(doc) -> str:  # type: ignore[no-untyped-def]
    payload = doc.model_dump(mode="json", exclude={"content_sha256", "fetched_at", "updated_at"})
    payload["files"] = sorted(f["sha256"] for f in payload["files"])
    for later in ("ruling", "secretario", "period", "parties"):  # added later: hashed only when set
        if payload.get(later, "") is None:
            del payload[later]
    return hashlib.sha256(repr(sorted(payload.items())).encode("utf-8")).hexdigest()


def documents() -> list:  # type: ignore[type-arg]
    mixed = [d.model_copy(update={"id": f"mix-{d.id}"}) for d in LegalCorpus(9, seed=4, mix="real")]
    docs = list(LegalCorpus(60, seed=9)) + mixed
    files = [
        FileRef(url="http://127.0.0.1/b.pdf", sha256="b" * 64, size=10),
        FileRef(url="http://127.0.0.1/a.pdf", sha256="a" * 64, size=20, pages=2),
    ]
    fetched = dt.datetime(2025, 2, 18, 12, 30, tzinfo=dt.UTC)
    link = SourceLink(source_id="otra-fuente", url="http://127.0.0.1/otra")
    docs[0] = docs[0].model_copy(update={"files": files, "fetched_at": fetched})
    docs[1] = docs[1].model_copy(update={"sources": [link], "content_sha256": "viejo"})
    return docs + unusual()


def unusual() -> list:  # type: ignore[type-arg]
    """Values whose repr escapes or quotes: the hash reads their repr."""
    sesion = next(d for d in LegalCorpus(40, seed=2) if isinstance(d, Sesion))
    sentencia = next(d for d in LegalCorpus(40, seed=2) if isinstance(d, Sentencia))
    video = VideoLink(url="https://video.example/v?id=1&t='2'", platform="youtube", live=True)
    privacy = PrivacyReport(
        policy="flag", findings=[PrivacyFinding(kind="curp", start=3, end=21)], rules="v1"
    )
    texts = [
        "d'Artagnan dijo \"no\" y 'sí'\tcon\\barra\ninvertida",
        "sólo 'comillas' simples",
        "espacio\xa0duro, guion\xadblando, \x0c salto, \u200b cero, 🙂 y \x00 nulo",
        'comillas "dobles" solas',
        # long values (a text's repr is hashed apart from the pieces around it): with
        # escapes, both quotes, and characters beyond latin-1 and the BMP
        "Considerando 'primero'.\n" * 120 + 'fin "doble" \\ \x00 — “citado” 🙂',
        "sin escapes ni comillas, sólo acentos: año, ñandú. " * 60,
    ]
    return [
        sesion.model_copy(
            update={"id": "ses-rara", "text": texts[0], "video_urls": [video], "privacy": privacy,
                    "agenda": ["Punto 'uno'", 'Punto "dos"'], "field_sources": {"title": "title"}}
        ),
        *(
            sentencia.model_copy(
                update={"id": f"sen-rara-{n}", "text": text, "title": text[:30],
                        "ocr_pages": [OcrPageRef(page=1, confidence=61.25)],
                        "ruling": "condenatorio" if n else None,
                        "secretario": "Ana Ruiz Soto" if n > 1 else None}
            )
            for n, text in enumerate(texts[1:])
        ),
        # a long value before the text in the hash's order, and none after it is long
        sentencia.model_copy(update={"id": "sen-rara-tribunal", "court": "Sala 'B' " * 400}),
    ]  # fmt: skip


def test_the_hash_and_the_dump_are_as_when_made_apart() -> None:
    for doc in documents():
        hashed, dumped = doc.hashed()
        assert hashed.content_sha256 == hash_as_before(doc)
        assert doc.with_hash().content_sha256 == hashed.content_sha256
        apart = hashed.model_dump(mode="json")
        assert json.dumps(dumped, ensure_ascii=False) == json.dumps(apart, ensure_ascii=False)


def test_saved_rows_hold_the_data_each_dump_gave(tmp_path: Path) -> None:
    docs = documents()
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    assert db.save_documents(docs) == ["new"] * len(docs)
    with db.engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT id, data FROM documents")).all())
        hashes = dict(connection.execute(text("SELECT id, content_sha256 FROM documents")).all())
    db.close()
    for doc in docs:
        data = json.loads(rows[doc.id])
        expected = doc.model_copy(update={"content_sha256": hash_as_before(doc)}).model_dump(
            mode="json", exclude={"text"}
        )
        assert hashes[doc.id] == expected["content_sha256"]
        assert list(data) == list(expected)  # the same keys, in the same order
        data.pop("updated_at"), expected.pop("updated_at")  # the moment of the save
        assert data == expected
