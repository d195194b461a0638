"""``/docs`` without a CDN: Swagger UI's files come from the ``fastapi-offline`` package
and are served by this app, so the API's documentation works offline."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
FILES = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"}

router = APIRouter(include_in_schema=False)


# Swagger UI draws its pages with JavaScript: without it, a blank page said nothing
NO_SCRIPT = (
    '<noscript><p lang="es">Esta documentación interactiva necesita JavaScript. Sin él, la '
    'descripción completa de la API está en <a href="/openapi.json">/openapi.json</a>, y '
    'cómo buscar, en <a href="/ayuda">la ayuda</a>.</p></noscript>'
)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="Estado Abierto · API",
        swagger_js_url="/docs-assets/swagger-ui-bundle.js",
        swagger_css_url="/docs-assets/swagger-ui.css",
        swagger_favicon_url="/docs-assets/favicon.png",
    )
    html = bytes(page.body).decode().replace("<body>", "<body>\n" + NO_SCRIPT, 1)
    return HTMLResponse(html)


@router.get("/docs-assets/{name}")
def swagger_asset(name: str) -> FileResponse:
    if name not in FILES:
        raise HTTPException(404, "no such file")
    return FileResponse(ASSETS / name, headers={"Cache-Control": "public, max-age=86400"})
