"""The Spanish ``mensaje`` of every refusal the JSON API sends: for each item of a 422
(FastAPI's own validation errors say why only in English) and for any other 4xx that a
route did not word itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException

BY_STATUS = {
    400: "la solicitud no es válida",
    401: "se necesita una clave de acceso válida: Authorization: Bearer <clave>",
    403: "no tiene permiso para hacer esto",
    404: "no encontramos lo que pidió",
    405: "esta dirección no acepta ese método",
    406: "no podemos responder en el formato pedido",
    409: "ese identificador ya está en uso",
    413: "el cuerpo de la solicitud es demasiado grande",
    415: "no aceptamos ese tipo de contenido",
    429: "demasiadas solicitudes: espere un momento y vuelva a intentarlo",
    451: "este documento no se publica por contener datos personales",
}


class Refused(HTTPException):
    """An HTTP refusal worded in both languages: ``detail`` (English) and ``mensaje``."""

    def __init__(
        self, status: int, detail: str, mensaje: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(status, detail, headers)
        self.mensaje = mensaje


def for_status(status: int) -> str:
    return BY_STATUS.get(status, "no pudimos atender la solicitud")


def _bound(ctx: dict[str, Any], name: str) -> str:
    return str(ctx.get(name, ""))


# each pydantic error type, said in Spanish (ctx: the bound or choices pydantic names)
_TYPES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda c: "falta este dato",
    "int_parsing": lambda c: "debe ser un número entero",
    "int_type": lambda c: "debe ser un número entero",
    "int_from_float": lambda c: "debe ser un número entero",
    "float_parsing": lambda c: "debe ser un número",
    "float_type": lambda c: "debe ser un número",
    "finite_number": lambda c: "debe ser un número finito",
    "greater_than": lambda c: f"debe ser mayor que {_bound(c, 'gt')}",
    "greater_than_equal": lambda c: f"debe ser al menos {_bound(c, 'ge')}",
    "less_than": lambda c: f"debe ser menor que {_bound(c, 'lt')}",
    "less_than_equal": lambda c: f"debe ser como máximo {_bound(c, 'le')}",
    "literal_error": lambda c: f"debe ser uno de estos valores: {_bound(c, 'expected')}",
    "enum": lambda c: f"debe ser uno de estos valores: {_bound(c, 'expected')}",
    "bool_parsing": lambda c: "debe ser verdadero o falso (true, false, 1, 0)",
    "bool_type": lambda c: "debe ser verdadero o falso (true, false)",
    "date_parsing": lambda c: "debe ser una fecha válida AAAA-MM-DD",
    "date_from_datetime_parsing": lambda c: "debe ser una fecha válida AAAA-MM-DD",
    "date_type": lambda c: "debe ser una fecha AAAA-MM-DD",
    "datetime_parsing": lambda c: "debe ser una fecha y hora válidas (ISO 8601)",
    "datetime_type": lambda c: "debe ser una fecha y hora (ISO 8601)",
    "string_type": lambda c: "debe ser un texto",
    "string_too_short": lambda c: f"debe tener al menos {_bound(c, 'min_length')} caracteres",
    "string_too_long": lambda c: f"admite como máximo {_bound(c, 'max_length')} caracteres",
    "string_pattern_mismatch": lambda c: "no tiene la forma esperada",
    "list_type": lambda c: "debe ser una lista",
    "too_short": lambda c: f"debe tener al menos {_bound(c, 'min_length')} elementos",
    "too_long": lambda c: f"admite como máximo {_bound(c, 'max_length')} elementos",
    "dict_type": lambda c: "debe ser un objeto JSON ({…})",
    "model_type": lambda c: "debe ser un objeto JSON ({…})",
    "model_attributes_type": lambda c: "debe ser un objeto JSON ({…})",
    "extra_forbidden": lambda c: "no es un campo admitido",
    "json_invalid": lambda c: "el cuerpo no es JSON válido",
    "json_type": lambda c: "debe ser JSON",
    "url_parsing": lambda c: "no es una dirección web válida",
    "url_scheme": lambda c: "la dirección debe empezar por http:// o https://",
}

_PLACES = {"body", "query", "path", "header", "cookie"}


def _field(loc: Any) -> str | None:
    names = [str(part) for part in loc or () if str(part) not in _PLACES]
    return ".".join(names) or None


def _spanish_half(error: dict[str, Any]) -> str | None:
    """The Spanish of a validator's own message written «English / español»."""
    english, slash, spanish = str(error.get("msg", "")).rpartition(" / ")
    return spanish.strip() if slash and english and spanish.strip() else None


def for_item(error: dict[str, Any]) -> str:
    """A 422 item's ``mensaje``: the field it names and what it must be."""
    kind = str(error.get("type", ""))
    wording = _TYPES.get(kind)
    said = wording(error.get("ctx") or {}) if wording else "el valor no es válido"
    if kind == "value_error":
        said = _spanish_half(error) or said
    field = _field(error.get("loc"))
    return f"{field}: {said}" if field else said
