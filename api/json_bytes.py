"""A search answer's plain data (dicts, lists, strings, numbers, dates) written as JSON.

orjson writes the mix's 18 KB answers in about 35 µs of CPU where pydantic's
``to_json`` takes about 90, the same bytes (compact, UTF-8 unescaped, dates as
YYYY-MM-DD, floats in their shortest form): the largest cost of an answer left in
Python. A value orjson does not know is written as pydantic writes it. An installation
made before orjson was a dependency writes with ``to_json`` until it is installed again.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json, to_jsonable_python

try:
    import orjson
except ImportError:  # pragma: no cover - an older installation
    orjson = None  # type: ignore[assignment]


def json_bytes(value: Any) -> bytes:
    """``value`` as pydantic's ``to_json`` writes it, by orjson where installed."""
    if orjson is None:
        return to_json(value)
    return orjson.dumps(value, default=to_jsonable_python)
