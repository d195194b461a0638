"""A document whose address a newer version writes otherwise keeps its identity.

Earlier versions stored a document under the address as its link gave it: with the
``#section`` it pointed into (``gp_hoy.html#Iniciativa1``), with the spec's credential
in its query (``lista?token=…``). Its id derives from that address, and so do its feed
entry (``urn``), its alert matches and every link to it. When a crawl now reads it at
its clean address, it stays that document, under that id, with the clean address: it
is not saved again beside itself (a duplicate in searches, feeds and dumps, alerts sent
twice), and its former publication, secret and all, is forgotten. Only the addresses a
normalisation changed are looked up, one read each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, or_, select

from config.spec_shapes import Identity
from crawlers.items import DocumentDraft
from crawlers.links import without_credentials
from indexer.build import AnyDocument
from indexer.db.tables import DocumentSourceRow
from indexer.models import SourceLink, document_id

MOST_RECORDED = 20  # publications of one page at its sections looked at, at most


@dataclass(frozen=True)
class Move:
    """Where earlier versions published a document this crawl publishes elsewhere."""

    former: SourceLink
    sections: bool = False  # a ``#section`` was dropped: the page's others are this one

    @classmethod
    def of(cls, item: DocumentDraft, source_id: str, address: str) -> Move | None:
        """The address as read (fragment and credentials kept), when it is not the
        ``address`` the document is published at."""
        read = item.read_as or item.url
        if read == address:
            return None
        sections = "#" in read and "#" not in address
        return cls(SourceLink(source_id=source_id, url=read), sections)


def moved(
    library: Any, move: Move, doc: AnyDocument, identity: Identity | None
) -> tuple[AnyDocument, list[str]]:
    """``doc`` under the id its source's document already has, when that one was stored
    under its former address: the id that address gave, or the document this source's
    publication at the clean address (a credential changed since) or at one of its
    sections is recorded for. A document already under its clean address, one of another
    source (a shared publication: merged where it is saved) or of another kind, keeps
    ``doc``'s own id; so does a document whose id names what it is (an identity).

    With it, the ids of the other documents of this source and kind found there: the
    same publication stored apart by an earlier version (the page's other sections, its
    address with another credential), to be retired into it once it is saved."""
    if identity is not None:
        return doc, []
    former = document_id(doc.source_id, move.former.url)
    candidates = [former, *_recorded(library, doc.source_id, doc.url, move.sections)]
    wanted = [i for i in dict.fromkeys(candidates) if i != doc.id]
    if not wanted:
        return doc, []
    found = library.db.get_documents([doc.id, *wanted])
    same = [
        former_id
        for former_id in wanted
        if (before := found.get(former_id)) is not None
        and before.source_id == doc.source_id
        and before.kind == doc.kind
    ]
    if doc.id in found or not same:
        return doc, same
    return doc.model_copy(update={"id": same[0]}), same[1:]


_SOURCES = DocumentSourceRow.__table__
_AT_OR_WITHIN = (
    select(_SOURCES.c.document_id)
    .where(
        _SOURCES.c.source_id == bindparam("source"),
        or_(
            _SOURCES.c.url == bindparam("url"),
            and_(_SOURCES.c.url > bindparam("within"), _SOURCES.c.url < bindparam("past")),
        ),
    )
    .order_by(_SOURCES.c.first_seen_at)
    .limit(MOST_RECORDED)
)


def _recorded(library: Any, source_id: str, url: str, sections: bool) -> list[str]:
    """The documents this source's publications at ``url`` are recorded for: at ``url``
    itself (its credential changed since) or, when its link's ``#section`` was dropped,
    at one of its sections (``url#…``, read through the primary key's order: ``#`` is
    followed by ``$``). A source whose addresses keep their sections (a feed's entries
    at ``rss#guid``) has nothing looked for under them."""
    past = f"{url}$" if sections else f"{url}#"  # an empty range: none
    values = {"source": source_id, "url": url, "within": f"{url}#", "past": past}
    with library.db.engine.connect() as connection:
        return list(connection.execute(_AT_OR_WITHIN, values).scalars())


def published_videos(doc: AnyDocument, secrets: tuple[str, ...]) -> AnyDocument:
    """``doc`` with its video links (and their captions) as they are published: without
    the spec's credentials, as its own address and files' are."""
    videos = getattr(doc, "video_urls", None)
    if not secrets or not videos:
        return doc
    clean = [
        video.model_copy(
            update={
                "url": without_credentials(video.url, secrets),
                "captions_url": video.captions_url
                and without_credentials(video.captions_url, secrets),
            }
        )
        for video in videos
    ]
    if clean == videos:
        return doc
    return doc.model_copy(update={"video_urls": clean})
