"""Why a JSON body cannot be read, as one 422 item naming ``body``, for every route.

``json`` fails three ways beyond a syntax error: bytes that are no text in any encoding
JSON has, a number longer than Python turns into an int, and nesting past the recursion
limit. FastAPI answered the last two (and the first, for a body declared JSON) with a bare
400 «la solicitud no es válida»; a sender needs to know which, in Spanish.
"""

from __future__ import annotations

import sys
from typing import Any

# No body of the API needs more: a spec's deepest path is under ten levels.
MAX_DEPTH = 32


def too_deep() -> dict[str, Any]:
    return {
        "loc": ("body",),
        "msg": f"nested too deeply: at most {MAX_DEPTH} levels",
        "type": "too_deep",
        "mensaje": f"el cuerpo está anidado en exceso: se admiten como máximo {MAX_DEPTH} niveles",
    }


def no_text() -> dict[str, Any]:
    return {
        "loc": ("body",),
        "msg": "the body is no text in UTF-8, UTF-16 or UTF-32",
        "type": "json_invalid",
        "mensaje": "el cuerpo no es texto (ni UTF-8, ni UTF-16, ni UTF-32): no se lee como JSON",
    }


def unreadable(exc: ValueError) -> dict[str, Any]:
    """A ``ValueError`` of ``json.loads`` that is no syntax error: the bytes or a number."""
    if isinstance(exc, UnicodeDecodeError):
        return no_text()
    digits = sys.get_int_max_str_digits()
    return {
        "loc": ("body",),
        "msg": f"a number has more than {digits} digits",
        "type": "json_invalid",
        "mensaje": f"el cuerpo tiene un número de más de {digits} cifras, que no se lee: "
        "envíelo como texto si lo necesita",
    }
