"""Documents written as the code before migration 0018 wrote them (no number), for tests
that fill a database at an older revision and migrate it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from indexer.models import Legislativo, Sentencia, Sesion

AnyDocument = Sentencia | Sesion | Legislativo
_TYPED = {
    "date": sa.Date(),
    "data": sa.JSON(),
    "created_at": sa.DateTime(timezone=True),
    "fetched_at": sa.DateTime(timezone=True),
    "updated_at": sa.DateTime(timezone=True),
}
_NAMES = ("id", "kind", "source_id", "title", "date", "institution", "jurisdiction", "url",
          "text", "content_sha256", "data", "created_at", "fetched_at", "updated_at")  # fmt: skip
_DOCUMENTS = sa.table("documents", *(sa.column(n, _TYPED.get(n)) for n in _NAMES))
_QUEUE = sa.table("index_queue", sa.column("doc_id"), sa.column("content_sha256"),
                  sa.column("claimed", sa.Boolean))  # fmt: skip


def write_old_documents(connection: sa.Connection, docs: list[AnyDocument]) -> None:
    """``docs`` saved new and queued, with the columns of every revision since 0004."""
    now = dt.datetime.now(dt.UTC)
    rows, queued = [], []
    for doc in docs:
        data = doc.hash_dump()
        text = data.pop("text")
        data["updated_at"] = now.isoformat()
        rows.append({
            "id": doc.id, "kind": doc.kind, "source_id": doc.source_id, "title": doc.title,
            "date": doc.date, "institution": doc.institution, "jurisdiction": doc.jurisdiction,
            "url": doc.url, "text": text, "content_sha256": data["content_sha256"], "data": data,
            "created_at": now, "fetched_at": doc.fetched_at or now, "updated_at": now,
        })  # fmt: skip
        queued.append(
            {"doc_id": doc.id, "content_sha256": data["content_sha256"], "claimed": False}
        )
    connection.execute(sa.insert(_DOCUMENTS), rows)
    connection.execute(sa.insert(_QUEUE), queued)
