"""Published addresses made clean of a source's credentials, without waiting for a crawl.

Earlier versions kept a spec's key in the addresses they stored when a site put it in its
links (``lista?token=…``): the document's ``url``, its files', its videos', and where each
source publishes it (``document_sources``, shown as its ``sources``). A crawl now stores
them clean (``without_credentials``) and keeps each document's id (``crawlers.moves``),
but only for what it reads again, and a document whose file addresses alone changed
counts as unchanged (a file is hashed by its content). ``abierto db clean-addresses``
rewrites every stored address holding one of a source's credentials at once, keeping
the ids, and queues the documents to be indexed again. A document whose clean address
is already another of the source's documents (saved there by a later crawl, or two
addresses differing only by the credential) is that document: it is not rewritten into
a second copy but named for retirement into it (``Cleaned.merged``), so its old link
answers 301 to the one kept, as ``crawlers.moves`` retires a page's sections.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, quote_plus

from sqlalchemy import Connection, String, cast, delete, or_, select, update

from crawlers.links import without_credentials
from indexer.build import AnyDocument
from indexer.db import Database
from indexer.db.database import to_model, write_documents
from indexer.db.tables import DocumentRow, DocumentSourceRow
from indexer.models import SourceLink

BATCH = 200  # documents rewritten per transaction
_DOCS = DocumentRow.__table__
_SOURCES = DocumentSourceRow.__table__


@dataclass
class Cleaned:
    """What one source's cleaning rewrote."""

    documents: int = 0
    publications: int = 0
    # id → the document at its clean address, for ``Library.retire``
    merged: dict[str, str] = field(default_factory=dict)


def clean_addresses(db: Database, source_id: str, secrets: tuple[str, ...]) -> Cleaned:
    """Rewrite the stored addresses that hold one of ``source_id``'s ``secrets``: its
    publications' (one already recorded at the clean address is dropped instead), then
    each document it publishes whose address, files, videos or own publication hold
    one. Only those: a value a spec sends (any header is counted a credential) may be
    written in another institution's addresses (its host, a folder of its site), which
    no institution's spec may mask or drop."""
    cleaned = Cleaned()
    if not secrets:
        return cleaned
    forms = _forms(secrets)
    # read before the publications are cleaned: one whose clean address another holds is
    # dropped there, and its document would no longer be found as the source's
    batches = list(_batches(db, source_id, forms))
    with db.engine.begin() as connection:
        cleaned.publications = _clean_publications(connection, source_id, secrets, forms)
    kept: dict[tuple[str, str], str] = {}  # (kind, clean address) → the document kept there
    for ids in batches:
        with db.engine.begin() as connection:
            rows = connection.execute(select(_DOCS).where(_DOCS.c.id.in_(ids))).all()
            docs = []
            for row in rows:
                doc = _clean(to_model(row), source_id, secrets)
                heir = _already_at(connection, doc, kept)
                if heir is None:
                    kept[(doc.kind, doc.url)] = doc.id
                    docs.append(doc)
                else:
                    cleaned.merged[doc.id] = heir
            # a placeholder hash: each has a row, and is written whatever its hash says (a
            # file's address is not hashed: the hash alone would call it unchanged)
            write_documents(connection, docs, known={doc.id: "" for doc in docs})
        cleaned.documents += len(docs)
    return cleaned


def _already_at(
    connection: Connection, doc: AnyDocument, kept: dict[tuple[str, str], str]
) -> str | None:
    """The id of another document of ``doc``'s source and kind at its clean address:
    one this cleaning kept there, or one stored there (the first saved), else None."""
    if (doc.kind, doc.url) in kept:
        return kept[(doc.kind, doc.url)]
    there = connection.execute(
        select(_DOCS.c.id)
        .where(
            _DOCS.c.url == doc.url,
            _DOCS.c.source_id == doc.source_id,
            _DOCS.c.kind == doc.kind,
            _DOCS.c.id != doc.id,
        )
        .order_by(_DOCS.c.created_at, _DOCS.c.id)
        .limit(1)
    ).scalar()
    return str(there) if there is not None else None


def _forms(secrets: tuple[str, ...]) -> list[str]:
    """Each secret as written and as an address encodes it."""
    found = (form for s in secrets for form in (s, quote(s, safe=""), quote_plus(s)))
    return list(dict.fromkeys(found))


def _containing(column: Any, forms: list[str]) -> Any:
    return or_(*(column.contains(form, autoescape=True) for form in forms))


def _clean_publications(
    connection: Connection, source_id: str, secrets: tuple[str, ...], forms: list[str]
) -> int:
    rows = connection.execute(
        select(_SOURCES.c.url, _SOURCES.c.document_id).where(
            _SOURCES.c.source_id == source_id, _containing(_SOURCES.c.url, forms)
        )
    ).all()
    for url, _ in rows:
        clean = without_credentials(url, secrets)
        at = (_SOURCES.c.source_id == source_id) & (_SOURCES.c.url == url)
        taken = connection.execute(
            select(_SOURCES.c.url).where(_SOURCES.c.source_id == source_id, _SOURCES.c.url == clean)
        ).first()
        if taken is not None or clean == url:
            connection.execute(delete(_SOURCES).where(at))
        else:
            connection.execute(update(_SOURCES).where(at).values(url=clean))
    return len(rows)


def _batches(db: Database, source_id: str, forms: list[str]) -> Iterator[list[str]]:
    """The ids of the documents ``source_id`` publishes that hold a secret (in their
    address or their data), in batches, read at once (they are rewritten after)."""
    data = cast(_DOCS.c.data, String)
    published = select(_SOURCES.c.document_id).where(_SOURCES.c.source_id == source_id)
    holding = or_(_containing(_DOCS.c.url, forms), _containing(data, forms))
    query = select(_DOCS.c.id).where(_DOCS.c.id.in_(published), holding)
    with db.engine.connect() as connection:
        ids = list(connection.execute(query.order_by(_DOCS.c.id)).scalars())
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _clean(doc: AnyDocument, source_id: str, secrets: tuple[str, ...]) -> AnyDocument:
    """``doc`` (one ``source_id`` publishes, so its institution's: no other institution
    ever publishes it) without ``secrets`` in its addresses; of its publications only
    ``source_id``'s own (another source's says where that one publishes it)."""

    def clean(url: str) -> str:
        return without_credentials(url, secrets)

    def clean_link(link: SourceLink) -> SourceLink:
        if link.source_id != source_id:
            return link
        return SourceLink(source_id=link.source_id, url=clean(link.url))

    sources = list({(s.source_id, s.url): s for s in map(clean_link, doc.sources)}.values())
    update_: dict[str, Any] = {
        "url": clean(doc.url),
        "files": [f.model_copy(update={"url": clean(f.url)}) for f in doc.files],
        "sources": sources,
    }
    videos = getattr(doc, "video_urls", None)
    if videos:
        update_["video_urls"] = [
            v.model_copy(update={"url": clean(v.url)})
            if not v.captions_url
            else v.model_copy(update={"url": clean(v.url), "captions_url": clean(v.captions_url)})
            for v in videos
        ]
    return doc.model_copy(update=update_)
