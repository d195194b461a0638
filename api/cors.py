"""CORS as Starlette does it, with a refused preflight told in Spanish: another site's
page may read the API with GET and simple headers only; a browser asking beforehand to
send anything else (a DELETE, an Authorization header) gets a 400 saying what was refused,
in the JSON of every other refusal, instead of Starlette's English plain text.

A request without ``Origin`` (every one not made by a page's script: the API's clients,
crawlers, the HTML pages themselves) only has ``Vary: Origin`` added to its answer:
that is done here on the raw headers (``api.raw_headers``), the same list Starlette's
``MutableHeaders`` would leave, at a fraction of its CPU.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from api.raw_headers import add_vary

REFUSED = {
    "origin": "el origen",
    "method": "el método",
    "headers": "los encabezados",
    "private-network": "el acceso a una red privada",
}


class SpanishCors(CORSMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or any(name == b"origin" for name, _ in scope["headers"]):
            await super().__call__(scope, receive, send)
            return

        async def vary_origin(message: Message) -> None:
            # Starlette's ``send`` for a request without Origin: ``Vary: Origin`` alone
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                add_vary(headers, b"Origin")
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, vary_origin)

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
