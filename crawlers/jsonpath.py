"""A tiny reader for dotted JSON paths: ``total``, ``resultados[0].id``,
``resultados[*].organoJurisdiccional``. Enough for the search APIs of courts and
congresses, with no dependency; ``[*]`` makes the result a list."""

from __future__ import annotations

import math
import re
from typing import Any

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


def steps(path: str) -> list[str | int]:
    out: list[str | int] = []
    for name, index in _STEP.findall(path):
        if name:
            out.append(name)
        else:
            out.append("*" if index == "*" else int(index))
    return out


def read_path(data: Any, path: str) -> Any:
    """The value at ``path``, a list if the path has ``[*]``, None when absent."""
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
    """No value: null, empty, or a number JSON cannot hold (``NaN``, ``Infinity``,
    ``1e400``), which Python reads but no field may keep as the text "nan" or "inf"."""
    if isinstance(value, float):
        return not math.isfinite(value)
    return value is None or value == "" or value == []


def as_text(value: Any) -> str | list[str] | None:
    """A JSON value as a field's raw text (lists stay lists)."""
    if absent(value):
        return None
    if isinstance(value, list):
        return [t for v in value if (t := as_text(v)) and isinstance(t, str)]
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, dict):
        return None
    return str(value)
