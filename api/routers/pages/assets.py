"""The pages' own stylesheet and script, served by the app with a content hash in the
address so browsers may keep them for a year (a new version is a new address)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

STATIC = Path(__file__).resolve().parents[2] / "static"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

router = APIRouter(include_in_schema=False)


def _load() -> dict[str, tuple[bytes, str]]:
    files = {}
    for path in sorted(STATIC.iterdir()):
        if path.suffix in TYPES:
            data = path.read_bytes()
            files[path.name] = (data, hashlib.sha256(data).hexdigest()[:12])
    return files


_FILES = _load()


def asset_url(name: str) -> str:
    return f"/static/{name}?v={_FILES[name][1]}"


@router.get("/static/{name}")
def asset(name: str, request: Request) -> Response:
    if name not in _FILES:
        raise HTTPException(404, "no such file")
    data, digest = _FILES[name]
    etag = f'"{digest}"'
    headers = {
        "Cache-Control": "public, max-age=31536000, immutable",
        "ETag": etag,
        "X-Content-Type-Options": "nosniff",
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=TYPES[Path(name).suffix], headers=headers)
