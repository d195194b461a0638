"""``/fuentes``: public coverage — every source's health and its documents per month — and,
for an institution signed in with its key, its own sources in detail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import client_bucket, get_registry, is_reader_key
from api.deps import LibraryDep
from api.routers.pages.charts import month_table, monthly_rows
from api.routers.pages.common import render
from api.routers.pages.coverage import (
    all_sources,
    busiest,
    chart_months,
    monthly_documents,
    monthly_judgments,
)
from api.routers.pages.errors import refusal_page
from api.routers.pages.forms import small_form
from api.routers.pages.same_origin import from_elsewhere
from api.routers.pages.signin import (
    COOKIE,
    LIFETIME_S,
    cookie_value,
    secure_cookie,
    sign_in_of,
    signed_in,
)
from api.routers.pages.signouts import end
from crawlers.causas import (
    error_mensaje,
    health_stats,
    label,
    run_mensaje,
    run_resultado,
    split_causes,
)
from crawlers.runs import seen_status

router = APIRouter(include_in_schema=False)

FORM_LIMIT = 4096
READER_KEY = (
    "Esta es una clave de lector: sirve para leer y para las alertas. Para entrar aquí, "
    "use la clave de su institución."
)


def _page(request: Request, library: Any, status: int = 200, message: str = "") -> Any:
    settings = request.app.state.settings
    registry = get_registry(library)
    caller = signed_in(request, registry)
    sources = all_sources(library, settings)
    series = monthly_documents(library)
    months = chart_months(series, dt.date.today())
    rows = [(h.id, series.get(h.id, {})) for h in sources if h.documents]
    courts = monthly_judgments(library)
    court_months = chart_months(courts, dt.date.today())
    court_rows, other_courts = busiest(courts, court_months)
    own = []
    institution_name = None
    if caller is not None:
        own = all_sources(library, settings, owner=caller.institution_id)
        found = registry.get_institution(caller.institution_id)
        institution_name = found.name if found else caller.institution_id
    context = {
        "section": "fuentes",
        "sources": sources,
        "chart": monthly_rows(rows, months, "Documentos por mes y fuente"),
        "table": month_table(rows, months),
        "court_chart": monthly_rows(court_rows, court_months, "Sentencias por mes y órgano"),
        "court_table": month_table(court_rows, court_months),
        "other_courts": other_courts,
        "cause_label": label,
        "run_mensaje": run_mensaje,
        "run_resultado": run_resultado,
        "split_causes": split_causes,
        "health_stats": health_stats,
        "seen_status": seen_status,
        "error_mensaje": error_mensaje,
        "caller": caller,
        "institution_name": institution_name,
        "own": own,
        "message": message,
    }
    response = render(request, "sources.html", context, status)
    response.headers["Cache-Control"] = "private, no-store" if caller else "no-cache"
    return response


@router.get("/fuentes", response_class=HTMLResponse)
def sources_page(request: Request, library: LibraryDep) -> Any:
    return _page(request, library)


async def _posted_key(request: Request) -> str:
    """The ``clave`` field of a small urlencoded form (no multipart parser needed)."""
    form = await small_form(request, FORM_LIMIT, ("clave",))
    return form["clave"][:200] if form is not None else ""


@router.post("/fuentes/entrar", response_class=HTMLResponse)
async def sign_in(request: Request, library: LibraryDep) -> Any:
    """Signs in with the posted key; a post from another site (login CSRF) is a 403
    page, nothing signed in."""
    if from_elsewhere(request):
        return refusal_page(request, 403)
    clave = await _posted_key(request)
    registry = get_registry(library)
    caller = registry.authenticate(clave[:200]) if clave.strip() else None
    if caller is None:
        request.app.state.write_limiter.check(None, client_bucket(request))
        if is_reader_key(registry, clave[:200]):
            return _page(request, library, 403, READER_KEY)
        return _page(request, library, 401, "La clave no es válida o fue revocada.")
    response = RedirectResponse("/fuentes#propias", status_code=303)
    response.set_cookie(
        COOKIE,
        cookie_value(request, caller),
        max_age=LIFETIME_S,
        httponly=True,
        samesite="strict",
        secure=secure_cookie(request),
        path="/fuentes",
    )
    return response


@router.post("/fuentes/salir", response_model=None)
def sign_out(request: Request, library: LibraryDep) -> Any:
    """Signs out: the browser forgets the cookie and the sign-in ends for any copy of it
    too. A post from another site (logout CSRF: a page elsewhere ending the
    institution's session unseen) is a 403 page, the sign-in kept. Ending one spends a
    write of the key's budget (each leaves a mark for an hour); with none left, the
    browser alone forgets it."""
    if from_elsewhere(request):
        return refusal_page(request, 403)
    found = sign_in_of(request, get_registry(library))
    if found is not None:
        caller, sign_in_id = found
        if request.app.state.write_limiter.by_key.take(caller.key_id) == 0:
            end(request.app.state.settings.data_dir, sign_in_id, LIFETIME_S)
    response = RedirectResponse("/fuentes", status_code=303)
    response.delete_cookie(COOKIE, path="/fuentes")
    return response
