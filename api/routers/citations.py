"""``GET /v1/documents/{id}/citations``: what a document cites and what cites it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import LibraryDep, page_address, permalink
from api.index_lag import withheld_now
from api.routers.documents import NOT_FOUND, DocId, load_document
from indexer.citations.resolve import CitedItem, HeldDocument, cited, citing

router = APIRouter(prefix="/v1/documents", tags=["documents"])
MAX_OFFSET = 100_000


class HeldRef(BaseModel):
    """A document of the library."""

    id: str
    kind: str
    title: str
    date: dt.date | None = None
    permalink: str
    page_url: str


class CitationOut(BaseModel):
    kind: str = Field(description="case, tesis or article.")
    key: str = Field(description='Normalised: "AR 1234/2023", "CPEUM art. 14", "registro 2023456".')
    written: str = Field(description="The words as the text has them.")
    start: int = Field(description="Character offset in the document's text.")
    end: int
    court: str | None = Field(None, description="The court written beside a case number.")
    documents: list[HeldRef] = Field(
        default_factory=list, description="The documents of the library it names (cases)."
    )


class CitingOut(BaseModel):
    document: HeldRef
    citations: list[CitationOut] = Field(description="Where it names this document.")


class CitesPage(BaseModel):
    total: int
    items: list[CitationOut]
    next_offset: int | None = None


class CitedByPage(BaseModel):
    total: int
    items: list[CitingOut]
    next_offset: int | None = None


class DocumentCitations(BaseModel):
    id: str
    permalink: str
    cites: CitesPage
    cited_by: CitedByPage


def _ref(request: Request, doc: HeldDocument) -> HeldRef:
    return HeldRef(
        id=doc.id, kind=doc.kind, title=doc.title, date=doc.date,
        permalink=permalink(doc.id), page_url=page_address(request, doc.id),
    )  # fmt: skip


def _out(request: Request, item: CitedItem) -> CitationOut:
    return CitationOut(
        kind=item.kind, key=item.key, written=item.written, start=item.start, end=item.end,
        court=item.court, documents=[_ref(request, d) for d in item.documents],
    )  # fmt: skip


def _next(offset: int, shown: int, total: int) -> int | None:
    return offset + shown if shown and offset + shown < total else None


@router.get("/{doc_id}/citations", response_model=DocumentCitations, responses=NOT_FOUND)
def get_citations(
    request: Request,
    doc_id: DocId,
    library: LibraryDep,
    limit: Annotated[int, Query(ge=1, le=200, description="Items per list")] = 50,
    cites_offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="Where the page of `cites` starts")
    ] = 0,
    cited_by_offset: Annotated[
        int, Query(ge=0, le=MAX_OFFSET, description="Where the page of `cited_by` starts")
    ] = 0,
) -> DocumentCitations:
    """What the document cites (case numbers, tesis, articles of laws, in text order; a
    case the library holds lists its documents) and `cited_by`: the documents citing it
    by its case number, newest first. Both paged with `limit` and their offsets; each
    list's `next_offset` is the next page's. Withheld documents are listed neither way."""
    doc = load_document(library, doc_id)
    cites_total, items = cited(library.db, doc.id, limit, cites_offset)
    citing_total, citers = citing(library.db, doc.id, limit, cited_by_offset)
    # a document withheld since the last flush is in the citation tables until the flush
    # takes it out: neither its title nor its id is shown meanwhile (totals stay counted)
    listed = {d.id for item in items for d in item.documents} | {c.document.id for c in citers}
    held = withheld_now(library, listed)
    if held:
        for item in items:
            item.documents = [d for d in item.documents if d.id not in held]
        citers = [c for c in citers if c.document.id not in held]
    return DocumentCitations(
        id=doc.id,
        permalink=permalink(doc.id),
        cites=CitesPage(
            total=cites_total,
            items=[_out(request, item) for item in items],
            next_offset=_next(cites_offset, len(items), cites_total),
        ),
        cited_by=CitedByPage(
            total=citing_total,
            items=[
                CitingOut(
                    document=_ref(request, c.document),
                    citations=[_out(request, item) for item in c.citations],
                )
                for c in citers
            ],
            next_offset=_next(cited_by_offset, len(citers), citing_total),
        ),
    )
