"""Validation errors said in Spanish, for the people who read them: an institution whose
spec the API refuses (each 422 item's ``mensaje``) and an operator whose spec file
``abierto`` refuses. Pydantic says its own checks (a missing field, a wrong type) only in
English; each type it can raise is worded here, and the project's own validators raise
``Invalid``, which carries both languages (English stays in FastAPI's ``msg``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# how much of a refused value a message repeats
MAX_SHOWN = 80


class Invalid(ValueError):
    """A value a validator refuses, said in English (``str``, pydantic's ``msg``) and in
    Spanish (``spanish``); ``where`` is a path below the validated object (a check across
    fields names the field it blames)."""

    def __init__(self, english: str, spanish: str, where: str | None = None) -> None:
        super().__init__(f"{where}: {english}" if where else english)
        self.english = english
        self.spanish = spanish
        self.where = where


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """A refused value as a message repeats it: at most ``limit`` characters, cut with
    «…» (a long value is never echoed whole, and a cut one does not pass for whole)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bound(ctx: dict[str, Any], name: str) -> str:
    return str(ctx.get(name, ""))


def _many(ctx: dict[str, Any], name: str, one: str, several: str) -> str:
    """A bound with its noun in the right number: «1 elemento», «2 elementos»."""
    count = _bound(ctx, name)
    return f"{count} {one if count == '1' else several}"


def _choices(ctx: dict[str, Any]) -> str:
    """Pydantic's list of allowed values (``'a', 'b' or 'c'``) with a Spanish «o»."""
    return re.sub(r"' or '", "' o '", _bound(ctx, "expected"))


def _object(ctx: dict[str, Any]) -> str:
    if ctx.get("class_name") == "Selector":
        return (
            "debe ser un selector: un texto ('css:…' o 'xpath:…') o un objeto con select "
            "(y many, join, regex)"
        )
    return "debe ser un objeto JSON ({…})"


_WHOLE = "debe ser un número entero"
_NUMBER = "debe ser un número"
_DATE = "debe ser una fecha válida AAAA-MM-DD"
_DATETIME = "debe ser una fecha y hora válidas (ISO 8601)"
_OBJECT = "debe ser un objeto JSON ({…})"

# each pydantic error type, said in Spanish (ctx: the bound or choices pydantic names)
TYPES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda c: "falta este dato",
    "extra_forbidden": lambda c: "no es un campo admitido: revise cómo está escrito",
    "int_parsing": lambda c: _WHOLE,
    "int_parsing_size": lambda c: "es un número entero demasiado grande",
    "int_type": lambda c: _WHOLE,
    "int_from_float": lambda c: _WHOLE,
    "float_parsing": lambda c: _NUMBER,
    "float_type": lambda c: _NUMBER,
    "finite_number": lambda c: "debe ser un número finito",
    "greater_than": lambda c: f"debe ser mayor que {_bound(c, 'gt')}",
    "greater_than_equal": lambda c: f"debe ser al menos {_bound(c, 'ge')}",
    "less_than": lambda c: f"debe ser menor que {_bound(c, 'lt')}",
    "less_than_equal": lambda c: f"debe ser como máximo {_bound(c, 'le')}",
    "multiple_of": lambda c: f"debe ser múltiplo de {_bound(c, 'multiple_of')}",
    "literal_error": lambda c: f"debe ser uno de estos valores: {_choices(c)}",
    "enum": lambda c: f"debe ser uno de estos valores: {_choices(c)}",
    "bool_parsing": lambda c: "debe ser verdadero o falso (true, false, 1, 0)",
    "bool_type": lambda c: "debe ser verdadero o falso (true, false)",
    "date_parsing": lambda c: _DATE,
    "date_from_datetime_parsing": lambda c: _DATE,
    "date_type": lambda c: "debe ser una fecha AAAA-MM-DD",
    "datetime_parsing": lambda c: _DATETIME,
    "datetime_from_date_parsing": lambda c: _DATETIME,
    "datetime_type": lambda c: "debe ser una fecha y hora (ISO 8601)",
    "string_type": lambda c: "debe ser un texto",
    "string_sub_type": lambda c: "debe ser un texto",
    "string_unicode": lambda c: "debe ser un texto Unicode válido",
    "string_too_short": lambda c: (
        f"debe tener al menos {_many(c, 'min_length', 'carácter', 'caracteres')}"
    ),
    "string_too_long": lambda c: (
        f"admite como máximo {_many(c, 'max_length', 'carácter', 'caracteres')}"
    ),
    "string_pattern_mismatch": lambda c: "no tiene la forma esperada",
    "bytes_type": lambda c: "debe ser un texto",
    "list_type": lambda c: "debe ser una lista ([…])",
    "tuple_type": lambda c: "debe ser una lista ([…])",
    "set_type": lambda c: "debe ser una lista ([…])",
    "iterable_type": lambda c: "debe ser una lista ([…])",
    "too_short": lambda c: f"debe tener al menos {_many(c, 'min_length', 'elemento', 'elementos')}",
    "too_long": lambda c: f"admite como máximo {_many(c, 'max_length', 'elemento', 'elementos')}",
    "dict_type": lambda c: _OBJECT,
    "mapping_type": lambda c: _OBJECT,
    "model_type": _object,
    "model_attributes_type": _object,
    "dataclass_type": lambda c: _OBJECT,
    "none_required": lambda c: "debe quedar vacío (null)",
    "is_instance_of": lambda c: "no es un valor de la clase esperada",
    "recursion_loop": lambda c: "se refiere a sí mismo: no puede leerse",
    "frozen_field": lambda c: "no se puede cambiar",
    "json_invalid": lambda c: "el cuerpo no es JSON válido",
    "json_type": lambda c: "debe ser JSON",
    "url_parsing": lambda c: "no es una dirección web válida",
    "url_scheme": lambda c: "la dirección debe empezar por http:// o https://",
    "url_type": lambda c: "debe ser una dirección web",
    "url_too_long": lambda c: (
        f"admite como máximo {_many(c, 'max_length', 'carácter', 'caracteres')}"
    ),
    "union_tag_invalid": lambda c: f"debe ser uno de estos valores: {_choices(c)}",
    "union_tag_not_found": lambda c: "falta el dato que dice de qué tipo es",
    "assertion_error": lambda c: "el valor no es válido",
}
UNKNOWN = "el valor no es válido"

# parts of pydantic's ``loc`` that name a branch of a union or a validator, not a field
_BRANCH = re.compile(r"^(?:str|int|float|bool|list\[str\]|record-field|function-[a-z]+\[.*\])$")


def reason(error: dict[str, Any]) -> str:
    """Why a value was refused, in Spanish: a validator's own words, or its type's."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, Invalid):
        return cause.spanish
    kind = str(error.get("type", ""))
    if kind == "value_error":
        english, slash, spanish = str(error.get("msg", "")).rpartition(" / ")
        if slash and english and spanish.strip():
            return spanish.strip()
    wording = TYPES.get(kind)
    return wording(error.get("ctx") or {}) if wording else UNKNOWN


def field_loc(error: dict[str, Any]) -> tuple[str | int, ...]:
    """The field an error names: pydantic's ``loc`` without union branches, followed by
    the path a validator across fields blames (``Invalid.where``)."""
    loc = tuple(p for p in error.get("loc") or () if not (isinstance(p, str) and _BRANCH.match(p)))
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, Invalid) and cause.where:
        loc += tuple(int(p) if p.isascii() and p.isdigit() else p for p in cause.where.split("."))
    return loc


def joined(reasons: list[str]) -> str:
    """Several branches of one union refused alike: «debe ser un texto o una lista»."""
    unique = list(dict.fromkeys(reasons))
    prefix = "debe ser "
    if len(unique) > 1 and all(r.startswith(prefix) for r in unique):
        return prefix + " o ".join(r.removeprefix(prefix) for r in unique)
    return "; ".join(unique)
