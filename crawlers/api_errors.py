"""An API's error said with a 200: ``{"error": "Documento no encontrado"}``,
``{"status": "error", "message": …}``, ``{"success": false}``, ``{"title": "Not Found",
"status": 404}`` (ASP.NET's ProblemDetails), ``{"detail": "Not found."}`` (Django REST),
``null``, ``{}``. Read as data it gave nothing, and the record's document went on without
a word (its file, its text, its fields from the detail silently missing).

An answer is taken as such an error only when none of the keys the spec reads from it
is there: ``{"urlVT": null}`` is the API saying the record has no file, not an error."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from crawlers.jsonpath import steps

MAX_SAID = 200  # characters of the API's own words kept in the message

_PLACEHOLDER = re.compile(r"\{([^{}:]+)(?::[^{}]*)?\}")
_SPACE = re.compile(r"\s+")

# a key whose value, when there, is the error itself
_ERROR_KEYS = frozenset(
    {"error", "errors", "err", "fault", "exception", "excepcion", "errormessage", "errormsg",
     "error_message", "error_description", "errordescription"}
)  # fmt: skip
# a key that says whether the call went well: false is an error
_FLAG_KEYS = frozenset({"success", "ok", "exito", "succeeded", "successful", "valido"})
# a key that says the call's state in words
_STATE_KEYS = frozenset(
    {"status", "estado", "estatus", "result", "resultado", "state", "outcome", "type"}
)
_FAILED = frozenset(
    {"error", "errors", "fail", "failed", "failure", "ko", "err", "fallo", "fallido",
     "falla", "invalid", "invalido", "inválido", "exception", "denied", "forbidden",
     "unauthorized", "not_found", "notfound", "not found"}
)  # fmt: skip
# a key holding an HTTP-like status: 400 to 599 is an error
_CODE_KEYS = frozenset(
    {"status", "statuscode", "status_code", "httpstatus", "http_status", "httpcode", "code",
     "codigo", "estatus", "errorcode", "error_code"}
)  # fmt: skip
_MESSAGE_KEYS = (
    "message", "mensaje", "msg", "detail", "details", "detalle", "descripcion",
    "description", "title", "titulo", "reason", "motivo", "error_description",
)  # fmt: skip
# what an error body carries besides its message: an answer of these keys only is one
_ENVELOPE_KEYS = frozenset(
    {*_MESSAGE_KEYS, *_CODE_KEYS, *_STATE_KEYS, *_FLAG_KEYS, "timestamp", "path", "traceid",
     "trace_id", "requestid", "request_id", "instance", "fecha", "data", "datos"}
)  # fmt: skip


def keys_read(paths: Iterable[str | None], templates: Iterable[str]) -> frozenset[str]:
    """The top-level keys a spec reads from an answer: each path's first step, each
    template placeholder's."""
    firsts: set[str] = set()
    for path in [*paths, *(m[1].strip() for t in templates for m in _PLACEHOLDER.finditer(t))]:
        if not path:
            continue
        first = steps(path)[:1]
        if first and isinstance(first[0], str) and first[0] != "*":
            firsts.add(first[0])
        firsts.add(path)  # a dotted key read whole (``odata.nextLink``)
    return frozenset(firsts)


def any_read(data: Any, keys: frozenset[str]) -> bool:
    """Whether the answer holds one of ``keys`` (a list's items may: it is not judged)."""
    if isinstance(data, list):
        return bool(data)
    return isinstance(data, dict) and any(key in data for key in keys)


def _words(value: Any) -> str:
    """An error value as words: a text, a number, an object's message, a list's first."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return _SPACE.sub(" ", str(value)).strip()
    if isinstance(value, list):
        return next((w for v in value[:20] if (w := _words(v))), "")
    if isinstance(value, dict):
        lowered = {str(k).lower(): v for k, v in list(value.items())[:100]}
        for key in (*_MESSAGE_KEYS, *_ERROR_KEYS):
            if (said := _words(lowered.get(key))) and not isinstance(lowered.get(key), bool):
                return said
        return next((w for v in list(lowered.values())[:20] if (w := _words(v))), "")
    return ""


def _failed_state(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in _FAILED


def _error_code(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip()[:4])
    return isinstance(value, int) and 400 <= value <= 599


def _false(value: Any) -> bool:
    return value is False or (
        isinstance(value, str) and value.strip().lower() in ("false", "no", "0")
    )


def error_said(data: Any, envelope: bool = True) -> str | None:
    """What an answer that is an error rather than data says (its own words, or what it
    is: «null», «{}»); None when it does not look like an error. ``envelope`` False: only
    an error the answer marks as one (an ``error`` key, ``success: false``, a failed
    ``status``, a code of 400 to 599), not a message alone («Sin resultados»)."""
    if data is None:
        return "null"
    if isinstance(data, (dict, list)) and not data:
        return "{}" if isinstance(data, dict) else "[]"
    if isinstance(data, (str, int, float, bool)):  # a bare value is no record's data
        return _short(_words(data) or str(data).lower())
    if not isinstance(data, dict):
        return None
    lowered = {str(k).lower(): v for k, v in list(data.items())[:200]}
    message = _words({k: v for k, v in lowered.items() if k in _MESSAGE_KEYS})
    for key in _ERROR_KEYS & lowered.keys():
        value = lowered[key]
        if value not in (None, False, "", [], {}, 0):
            return _short(_words(value) or message or f"{key}: {value}")
    for key in _FLAG_KEYS & lowered.keys():
        if _false(lowered[key]):
            return _short(message or f"{key}: false")
    for key in _STATE_KEYS & lowered.keys():
        if _failed_state(lowered[key]):
            return _short(message or f"{key}: {lowered[key]}")
    for key in _CODE_KEYS & lowered.keys():
        if _error_code(lowered[key]):
            return _short(message or f"{key}: {lowered[key]}")
    if envelope and message and lowered.keys() <= _ENVELOPE_KEYS:
        return _short(message)  # a message and its envelope only: no data at all
    return None


def _short(said: str) -> str:
    said = _SPACE.sub(" ", said).strip().replace("«", '"').replace("»", '"')
    return said if len(said) <= MAX_SAID else said[: MAX_SAID - 1] + "…"


API_ERROR = "api_error"
SAID = "the API answered HTTP {status} with an error, not {what}: «{said}»"
RECORD_DATA = "the record's data"
RECORDS = "its records"
EMPTY = "the API answered HTTP {status} with an empty body, not {what}"


def api_error_message(status: int, what: str, said: str | None) -> str:
    """The error's message; ``said`` None: the body was empty (white space at most)."""
    if said is None:
        return EMPTY.format(status=status, what=what)
    return SAID.format(status=status, what=what, said=said)
