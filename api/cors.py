"""CORS as Starlette does it, with a refused preflight told in Spanish: another site's
page may read the API with GET and simple headers only; a browser asking beforehand to
send anything else (a DELETE, an Authorization header) gets a 400 saying what was refused,
in the JSON of every other refusal, instead of Starlette's English plain text."""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

REFUSED = {
    "origin": "el origen",
    "method": "el método",
    "headers": "los encabezados",
    "private-network": "el acceso a una red privada",
}


class SpanishCors(CORSMiddleware):
    def preflight_response(self, request_headers: Headers) -> Response:
        answer = super().preflight_response(request_headers)
        if answer.status_code != 400:
            return answer
        detail = bytes(answer.body).decode()
        failures = detail.removeprefix("Disallowed CORS ").split(", ")
        what = ", ".join(REFUSED.get(failure, failure) for failure in failures)
        kept = answer.headers.items()
        headers = {k: v for k, v in kept if k not in ("content-length", "content-type")}
        body = {
            "detail": detail,
            "mensaje": f"otra página no puede hacer esta solicitud desde el navegador (no se "
            f"admite {what}): solo consultas GET con encabezados simples",
        }
        return JSONResponse(body, status_code=400, headers=headers)
