"""``/d/{id}``: one document to read, cite, download and share; ``/documentos/{id}``, its
old address, redirects there for good."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from api.citation import citation
from api.deps import LibraryDep, page_address, permalink
from api.index_lag import current_result
from api.passages import QUOTE_CHARS, paragraph_of
from api.routers.documents import load_document, original_withheld, preview
from api.routers.pages.common import (
    FIELD_LABELS,
    KIND_LABELS,
    date_words,
    file_kind,
    file_size,
    render,
    value_label,
    whole_number,
)
from api.routers.pages.discussion import session_discussion
from api.routers.pages.reading import reading
from api.routers.pages.videos import embed_url, youtube_id
from api.web_links import web_address
from config.jurisdictions import JURISDICTIONS
from indexer.citations.spans import cited_keys, cited_spans
from indexer.library import AnyDocument, Library
from indexer.models import Sesion
from indexer.speeches.store import session_matters
from indexer.stores import SearchHit, SearchQuery

router = APIRouter(include_in_schema=False)

TEXT_CHARS = 40_000
CODED_FIELDS = {"matter", "session_type", "doc_type", "chamber"}
SCHEMA_TYPES = {
    "sentencia": "CreativeWork",
    "legislativo": "Legislation",
    "sesion": "BroadcastEvent",
}


def doc_path(doc_id: str) -> str:
    return f"/d/{quote(doc_id, safe='')}"


def safe_return(value: str) -> str | None:
    """Only this site's own search and session pages are offered as the way back."""
    if value.startswith(("/buscar", "/sesiones", "/?")) and "//" not in value and "\\" not in value:
        return value[:2000]
    return None


def field_rows(doc: AnyDocument) -> list[tuple[str, str]]:
    rows = []
    for name, value in doc.kind_fields().items():
        if name not in FIELD_LABELS or not value or name == "expediente_normalised":
            continue
        if isinstance(value, list):
            # a party's name may hold commas («… Y OTRA, S.A. de C.V.»)
            joiner = "; " if name == "parties" else ", "
            text = joiner.join(str(v) for v in value if isinstance(v, str | int))
            if not text:
                continue
        elif name == "resolution_date":
            text = date_words(dt.date.fromisoformat(value))
        elif name in CODED_FIELDS:
            text = value_label(name, str(value))
        else:
            text = str(value)
        rows.append((FIELD_LABELS[name], text))
    return rows


def download_label(file: Any) -> str:
    kind = file_kind(file.content_type, file.url)
    details = [file_size(file.size)] if file.size else []
    if file.pages:
        details.append(f"{file.pages} pág." if file.pages == 1 else f"{file.pages} págs.")
    extra = f" ({', '.join(details)})" if details else ""
    return f"Descargar {kind}{extra}"


def json_ld(doc: AnyDocument, url: str) -> Markup:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[doc.kind],
        "name": doc.title,
        "url": url,
        "inLanguage": "es-MX",
    }
    source = web_address(doc.url)
    if source is not None:
        data["sameAs"] = source
    if doc.kind == "sesion":
        data["organizer"] = {"@type": "Organization", "name": doc.institution}
        if doc.date:
            data["startDate"] = doc.date.isoformat()
        videos = getattr(doc, "video_urls", [])
        if videos:
            data["isLiveBroadcast"] = any(v.live for v in videos)
            watch = web_address(videos[0].url)
            if watch is not None:
                data["workPerformed"] = {"@type": "VideoObject", "name": doc.title, "url": watch}
    else:
        data["publisher"] = {"@type": "Organization", "name": doc.institution}
        if doc.date:
            data["datePublished"] = doc.date.isoformat()
        if doc.kind == "legislativo":
            data["legislationJurisdiction"] = doc.jurisdiction
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def same_day_records(library: Library, doc: Sesion) -> list[SearchHit]:
    """Legislative records the same institution published on the session's day, as the
    database holds them now: one withheld for personal data (or deleted) since the
    index's last commit is not listed, one whose title a review masked has the masked one
    (``api.index_lag``)."""
    if doc.date is None:
        return []
    query = SearchQuery(
        filters={"kind": ["legislativo"], "institution": [doc.institution]},
        date_from=doc.date,
        date_to=doc.date,
        sort="date_desc",
        limit=10,
        facets=[],
        highlight=False,
    )
    return current_result(library, library.search(query)).hits


def player_at(doc: Sesion, params: Any) -> str | None:
    """The embedded player of one recorded part (``parte``) started at ``t`` seconds, as a
    speech's "ver aquí" link asks; None when the address names no playable part."""
    part = whole_number(params.get("parte", ""), 3)
    start = whole_number(params.get("t", ""), 6)
    if part is None or start is None:
        return None
    recorded = [v for v in doc.video_urls if v.state == "recorded"]
    found = youtube_id(recorded[part]) if part < len(recorded) else None
    return f"https://www.youtube-nocookie.com/embed/{found}?start={start}" if found else None


@router.get("/documentos/{doc_id}")
def old_document_address(doc_id: str) -> RedirectResponse:
    return RedirectResponse(doc_path(doc_id), status_code=301)


@router.get("/d/{doc_id}/pasaje")
def passage_page(request: Request, doc_id: str, library: LibraryDep) -> RedirectResponse:
    """A search snippet's link (``api.passages``): the document page at the paragraph
    that holds the snippet's quote, with the search's words marked; at the first match
    when the page does not show that quote."""
    doc = load_document(library, doc_id)
    q = request.query_params.get("q", "")[:2000]
    found = request.query_params.get("texto", "")[: QUOTE_CHARS * 2]
    cited = cited_spans(library.db, doc.id, cited_keys(q), 2 * TEXT_CHARS) if q else []
    paragraphs, _ = reading(doc.text, q, TEXT_CHARS, cited)
    number = paragraph_of(paragraphs, found)
    if number is None:
        number = next((i for i, p in enumerate(paragraphs, 1) if "<mark>" in p), None)
    kept = {"q": q, "volver": request.query_params.get("volver", "")}
    kept = {name: value for name, value in kept.items() if value}
    target = doc_path(doc.id) + (f"?{urlencode(kept)}" if kept else "")
    return RedirectResponse(target + (f"#p{number}" if number else ""), status_code=303)


@router.get("/d/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, library: LibraryDep) -> Any:
    doc = load_document(library, doc_id)
    q = request.query_params.get("q", "")[:2000]
    cited = cited_spans(library.db, doc.id, cited_keys(q), 2 * TEXT_CHARS) if q else []
    paragraphs, truncated = reading(doc.text, q, TEXT_CHARS, cited)
    first = next((i for i, p in enumerate(paragraphs, 1) if "<mark>" in p), None)
    api = permalink(doc.id)
    url = page_address(request, doc.id)
    back = safe_return(request.query_params.get("volver", ""))
    withheld = original_withheld(doc, request.app.state.settings.serve_masked_originals)
    context = {
        "doc": doc,
        "q": q,
        "kind_label": KIND_LABELS[doc.kind],
        "jurisdiction": JURISDICTIONS.get(doc.jurisdiction, doc.jurisdiction),
        "fields": field_rows(doc),
        "downloads": []
        if withheld
        else [(f"{api}/file?n={i}", download_label(f)) for i, f in enumerate(doc.files)],
        "original_withheld": withheld,
        "paragraphs": paragraphs,
        "truncated": truncated,
        "api": api,
        "url": url,
        "back": back,
        "citation": citation(doc, url)["text"],
        # the address of this page with the search's words marked, at the first of them
        "passage": f"{url}?{urlencode({'q': q})}#p{first}" if first else None,
        "first_mark": first,
        "json_ld": json_ld(doc, url),
        "description": preview(doc.text, 200),
        "schema_type": SCHEMA_TYPES[doc.kind],
        "player": None,
        "player_link": None,
        "related": [],
        "discussed": [],
        "named": 0,
        "turns": None,
        "matters": [],
    }
    if isinstance(doc, Sesion):
        embed = embed_url(doc.video_urls)
        if embed and request.query_params.get("ver") == "1":
            context["player"] = player_at(doc, request.query_params) or embed
        elif embed:
            context["player_link"] = f"{doc_path(doc.id)}?ver=1#reproductor"
        context["related"] = same_day_records(library, doc)
        if not doc.agenda:  # a court's asuntos, as its speeches fall under them
            context["matters"] = session_matters(library.db, doc.id)
        context["discussed"], context["named"], context["turns"] = session_discussion(
            library, doc, request.query_params
        )
    return render(request, "document.html", context)
