"""A tiny reader for dotted JSON paths: ``total``, ``resultados[0].id``,
``resultados[*].organoJurisdiccional``. Enough for the search APIs of courts and
congresses, with no dependency; ``[*]`` makes the result a list."""

from __future__ import annotations

import math
import re
import sys
from typing import Any

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")
# an index written longer reaches past any list; ``int`` refuses thousands of digits
INDEX_DIGITS = 18
PAST_ANY_LIST = sys.maxsize


def steps(path: str) -> list[str | int]:
    out: list[str | int] = []
    for name, index in _STEP.findall(path):
        if name:
            out.append(name)
        elif index == "*":
            out.append("*")
        else:  # a spec's ``resultados[9…9]`` finds nothing, never stops the crawl
            out.append(int(index) if len(index) <= INDEX_DIGITS else PAST_ANY_LIST)
    return out


def read_path(data: Any, path: str) -> Any:
    """The value at ``path``, a list if the path has ``[*]``, None when absent. A key
    that is itself dotted is read whole where the object has it: OData's
    ``odata.nextLink`` and ``@odata.nextLink`` (SharePoint lists, Microsoft Graph),
    ``odata.count``, which no path of dots could name."""
    if "." in path and isinstance(data, dict) and path in data:
        return data[path]
    values = [data]
    spread = False
    for step in steps(path):
        found: list[Any] = []
        for value in values:
            if step == "*":
                spread = True
                if isinstance(value, list):
                    found.extend(value)
            elif isinstance(step, int):
                if isinstance(value, list) and -len(value) <= step < len(value):
                    found.append(value[step])
            elif isinstance(value, dict) and step in value:
                found.append(value[step])
        values = found
    if spread:
        return [v for v in values if v is not None]
    return values[0] if values else None


def absent(value: Any) -> bool:
    """No value: null, empty, a number JSON cannot hold (``NaN``, ``Infinity``,
    ``1e400``), which Python reads but no field may keep as the text "nan" or "inf", or
    an object or a list with no text in it (``{"id": 7}`` is no name to write)."""
    if isinstance(value, list):
        return not any(scalar_text(v) for v in value)
    return scalar_text(value) is None


def scalar_text(value: Any) -> str | None:
    """A JSON value that is one text, a number or a truth value, as text; None for
    anything else (null, empty, an object, a list). Never recursive: a site may nest
    lists as deep as the JSON reader goes, deeper than a recursive reader can follow."""
    if value is None or value == "" or isinstance(value, (dict, list)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool):
        return "sí" if value else "no"
    return str(value)


def as_text(value: Any) -> str | list[str] | None:
    """A JSON value as a field's raw text: a list is the texts of its items (lists and
    objects inside it are no text, at any depth); an object is none (its repr is no
    value a field may keep)."""
    if isinstance(value, list):
        texts = [t for v in value if (t := scalar_text(v))]
        return texts or None
    return scalar_text(value)
