"""``/ayuda`` and ``/acerca``: how to search, and what the service is and does with data."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.query_syntax import ABREVIATURAS, SENTIDOS
from api.routers.pages.common import render

router = APIRouter(include_in_schema=False)


@router.get("/ayuda", response_class=HTMLResponse)
def help_page(request: Request) -> Any:
    context = {"section": "ayuda", "sentidos": SENTIDOS, "abreviaturas": ABREVIATURAS}
    return render(request, "ayuda.html", context)


@router.get("/acerca", response_class=HTMLResponse)
def about_page(request: Request) -> Any:
    return render(request, "acerca.html", {"section": "acerca"})
