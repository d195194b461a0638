"""The Spanish ``mensaje`` of every refusal the JSON API sends: for each item of a 422
(FastAPI's own validation errors say why only in English: ``config/spanish_errors.py``
words each type) and for any other 4xx or 5xx that a route did not word itself."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException

from config.spanish_errors import reason

BY_STATUS = {
    400: "la solicitud no es válida",
    401: "se necesita una clave de acceso válida: Authorization: Bearer <clave>",
    403: "no tiene permiso para hacer esto",
    404: "no encontramos lo que pidió",
    405: "esta dirección no acepta ese método",
    406: "no podemos responder en el formato pedido",
    408: "la solicitud no llegó completa a tiempo: envíela de nuevo",
    409: "ese identificador ya está en uso",
    410: "ese documento se retiró de la biblioteca y ya no se publica",
    413: "el cuerpo de la solicitud es demasiado grande",
    415: "no aceptamos ese tipo de contenido",
    429: "demasiadas solicitudes: espere un momento y vuelva a intentarlo",
    451: "este documento no se publica por contener datos personales",
    500: "ocurrió un error interno del servicio: no es un problema de su solicitud; vuelva a "
    "intentarlo más tarde",
    502: "un servicio del que dependemos respondió mal: vuelva a intentarlo en unos momentos",
    503: "el servicio no está disponible por ahora: vuelva a intentarlo en unos momentos",
    504: "la respuesta tardó demasiado y se detuvo: vuelva a intentarlo o acote lo que pide",
    507: "el servidor se quedó sin espacio para guardar: no se guardó nada; avise a quien lo opera",
}


class Refused(HTTPException):
    """An HTTP refusal worded in both languages: ``detail`` (English) and ``mensaje``."""

    def __init__(
        self, status: int, detail: str, mensaje: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(status, detail, headers)
        self.mensaje = mensaje


def for_status(status: int) -> str:
    if status in BY_STATUS:
        return BY_STATUS[status]
    if status >= 500:
        return "el servicio tuvo un problema y no pudo responder: vuelva a intentarlo más tarde"
    return "no pudimos atender la solicitud"


_PLACES = {"body", "query", "path", "header", "cookie"}


def _field(loc: Any) -> str | None:
    names = [str(part) for part in loc or () if str(part) not in _PLACES]
    return ".".join(names) or None


def for_item(error: dict[str, Any]) -> str:
    """A 422 item's ``mensaje``: the field it names and what it must be."""
    said = reason(error)
    # a body that is no JSON has no field: FastAPI's ``loc`` then ends in the offset
    field = None if error.get("type") == "json_invalid" else _field(error.get("loc"))
    return f"{field}: {said}" if field else said
