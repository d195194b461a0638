"""The JSON body of a spec request, read with bounds: a body nested hundreds of levels
deep (which no spec needs) is a 422 naming ``body`` before any validator walks it."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from api.json_refusals import MAX_DEPTH, too_deep, unreadable

OPENAPI_BODY = {
    "requestBody": {
        "required": True,
        "description": "A source spec, as in config/sources/*.yaml",
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
    "responses": {
        "422": {
            "description": "The spec is not valid: each problem's `loc` names the field",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}
            },
        }
    },
}


def _invalid(msg: str, kind: str, mensaje: str | None = None) -> RequestValidationError:
    item: dict[str, Any] = {"loc": ("body",), "msg": msg, "type": kind}
    if mensaje is not None:
        item["mensaje"] = mensaje
    return RequestValidationError([item])


def _too_deep() -> RequestValidationError:
    return RequestValidationError([too_deep()])


def _near(exc: ValueError) -> str:
    """Where JSON stopped reading, in Spanish (``json``'s words are English)."""
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    return f" (cerca de la línea {line}, columna {column})" if line and column else ""


def depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests objects or arrays more than ``limit`` levels (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


async def spec_body(request: Request) -> dict[str, Any]:
    """The request's JSON object; 422 for invalid JSON, another type, or deep nesting."""
    raw = await request.body()
    try:
        data = json.loads(raw)
    except RecursionError as exc:
        raise _too_deep() from exc
    except json.JSONDecodeError as exc:
        raise _invalid(
            f"not valid JSON: {str(exc)[:200]}",
            "json_invalid",
            f"el cuerpo no es JSON válido{_near(exc)}",
        ) from exc
    except ValueError as exc:
        raise RequestValidationError([unreadable(exc)]) from exc
    if not isinstance(data, dict):
        raise _invalid(
            "a spec is a JSON object ({…})",
            "dict_type",
            "el cuerpo debe ser un objeto JSON ({…}): una especificación de fuente",
        )
    if depth_exceeds(data, MAX_DEPTH):
        raise _too_deep()
    return data
