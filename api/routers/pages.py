"""HTML pages for people, in Spanish, without JavaScript: search (``/``) and a document
(``/documentos/{id}``). Everything is escaped except the store's highlights, which the
store has already escaped (only ``<mark>`` is markup)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import (
    PARAM_OF,
    BadSearch,
    LibraryDep,
    build_filters,
    parse_facets,
    permalink,
    search_library,
)
from api.routers.documents import load_document, original_withheld, preview
from config.jurisdictions import JURISDICTIONS
from indexer.query import operator_suggestion
from indexer.stores import FACET_FIELDS, SearchQuery, SearchResult

router = APIRouter(include_in_schema=False)

PAGE_FILTERS = (
    "kind",
    "jurisdiction",
    "institution",
    "court",
    "matter",
    "ponente",
    "expediente",
    "session_type",
    "congress",
    "legislature",
    "chamber",
    "doc_type",
    "year",
    "source",
)
# Every store holds dates in this span (Tantivy counts nanoseconds in 64 bits); a bound
# beyond it bounds nothing, so it is brought to the edge instead of failing the search.
DATE_SPAN = (dt.date(1678, 1, 1), dt.date(2261, 12, 31))
PAGE_PARAMS = ("q", "sort", "cursor", "date_from", "date_to", *PAGE_FILTERS)
SORTS = {"relevance": "Relevancia", "date_desc": "Más recientes", "date_asc": "Más antiguos"}
FIELD_LABELS = {
    "kind": "Tipo",
    "jurisdiction": "Entidad",
    "institution": "Institución",
    "court": "Órgano",
    "matter": "Materia",
    "session_type": "Tipo de sesión",
    "sitting": "Turno",
    "session_number": "Número de sesión",
    "congress": "Congreso",
    "legislature": "Legislatura",
    "chamber": "Cámara",
    "doc_type": "Tipo de documento",
    "year": "Año",
    "source": "Fuente",
    "source_id": "Fuente",
    "expediente": "Expediente",
    "expediente_normalized": "Expediente (normalizado)",
    "resolution_date": "Fecha de resolución",
    "proceeding": "Juicio o procedimiento",
    "judgment_type": "Tipo de resolución",
    "ponente": "Ponente",
    "number": "Número",
    "committee": "Comisión",
    "status": "Estado",
    "authors": "Autores",
}
KIND_LABELS = {
    "sentencia": "Sentencia",
    "sesion": "Sesión",
    "legislativo": "Documento legislativo",
}
# Controlled values are stored without accents or spaces; people read them with both.
VALUE_LABELS = {
    "comision": "comisión",
    "punto_de_acuerdo": "punto de acuerdo",
    "votacion": "votación",
    "diario_de_debates": "diario de debates",
    "version_estenografica": "versión estenográfica",
    "orden_del_dia": "orden del día",
}
PAGE_SIZE = 20
FULL_PREVIEW_CHARS = 3000
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def safe_href(url: object) -> str:
    """Only web addresses become links (never ``javascript:`` or ``data:``)."""
    text = str(url or "")
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return "#"
    return text if scheme in ("http", "https") else "#"


def value_label(field: str, value: str) -> str:
    if field == "kind":
        return KIND_LABELS.get(value, value)
    if field == "jurisdiction":
        return JURISDICTIONS.get(value.upper(), value)
    return VALUE_LABELS.get(value, value)


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["href"] = safe_href
_env.globals.update(label=lambda f: FIELD_LABELS.get(f, f), value_label=value_label)
templates = Jinja2Templates(env=_env)


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Any:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _date(value: str, name: str, errors: list[str]) -> dt.date | None:
    if not value.strip():
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"La fecha «{value[:40]}» ({name}) no es válida: use AAAA-MM-DD.")
        return None
    return min(max(day, DATE_SPAN[0]), DATE_SPAN[1])


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, library: LibraryDep) -> Any:
    params = request.query_params
    q = params.get("q", "")[:2000]
    errors: list[str] = []
    date_from = _date(params.get("date_from", ""), "desde", errors)
    date_to = _date(params.get("date_to", ""), "hasta", errors)
    if date_from and date_to and date_from > date_to:
        errors.append("La fecha «desde» es posterior a la fecha «hasta».")
    for name in params:
        if name not in PAGE_PARAMS and not name.startswith("utm_"):
            errors.append(
                f"El filtro «{name[:40]}» no existe; filtros válidos: {', '.join(PAGE_FILTERS)}."
            )
    sort = params.get("sort", "")
    browsing = not q.strip()
    if sort not in SORTS:
        sort = "date_desc" if browsing else "relevance"
    selected = {name: [v for v in params.getlist(name) if v.strip()] for name in PAGE_FILTERS}
    result: SearchResult | None = None
    if not errors:
        query = SearchQuery(
            q=q,
            filters=build_filters(dict(selected)),
            date_from=date_from,
            date_to=date_to,
            sort=sort,  # type: ignore[arg-type]
            limit=PAGE_SIZE,
            cursor=params.get("cursor") or None,
            facets=parse_facets(None),
        )
        try:
            result = search_library(library, query)
        except BadSearch as exc:
            if exc.field == "cursor":
                errors.append("El enlace de página ya no es válido: repita la búsqueda.")
            else:
                where = f" (carácter {exc.position + 1})" if exc.position is not None else ""
                errors.append(f"No entendimos la búsqueda: {exc.mensaje or exc.msg}{where}.")
    base = [(k, v) for k, v in params.multi_items() if k != "cursor"]

    def link(add: tuple[str, str] | None = None, remove: tuple[str, str] | None = None) -> str:
        items = [item for item in base if item != remove]
        if add and add not in items:
            items.append(add)
        return "/?" + urlencode(items)

    suggestion = None
    if result is None or result.total == 0:
        suggestion = operator_suggestion(q)
    feed_link = None
    if result is not None:
        feed_link = "/v1/search.atom?" + urlencode(
            [(k, v) for k, v in base if k in PAGE_PARAMS and k != "sort"]
        )
    next_link = None
    if result is not None and result.next_cursor:
        next_link = "/?" + urlencode([*base, ("cursor", result.next_cursor)])
    context = {
        "q": q,
        "sort": sort,
        "sorts": SORTS,
        "date_from": params.get("date_from", ""),
        "date_to": params.get("date_to", ""),
        "selected": selected,
        "result": result,
        "errors": errors,
        "facet_order": [f for f in FACET_FIELDS if result and result.facets.get(f)],
        "link": link,
        "feed_link": feed_link,
        "suggestion": suggestion,
        "suggestion_link": "/?" + urlencode([("q", suggestion)]) if suggestion else None,
        "param_of": PARAM_OF,
        "next_link": next_link,
        "paged": bool(params.get("cursor")),
        "kind_labels": KIND_LABELS,
    }
    return _render(request, "search.html", context, 400 if errors else 200)


@router.get("/documentos/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, library: LibraryDep) -> Any:
    doc = load_document(library, doc_id)
    fields = {
        k: ", ".join(map(str, v)) if isinstance(v, list) else v
        for k, v in doc.kind_fields().items()
        if k in FIELD_LABELS and v
    }
    context = {
        "doc": doc,
        "kind_label": KIND_LABELS[doc.kind],
        "jurisdiction": JURISDICTIONS.get(doc.jurisdiction, doc.jurisdiction),
        "fields": fields,
        "excerpt": preview(doc.text, FULL_PREVIEW_CHARS),
        "truncated": len(" ".join(doc.text.split())) > FULL_PREVIEW_CHARS,
        "api": permalink(doc.id),
        "original_withheld": original_withheld(
            doc, request.app.state.settings.serve_masked_originals
        ),
    }
    return _render(request, "document.html", context)
