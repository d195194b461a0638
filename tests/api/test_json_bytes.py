"""A search answer's JSON is the same bytes whichever writer makes it (orjson where
installed, pydantic's ``to_json`` otherwise): floats in their shortest form, dates as
YYYY-MM-DD, text unescaped UTF-8 but for JSON's own escapes, models as their fields."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic_core import to_json

from api.json_bytes import json_bytes
from indexer.stores import FacetCount

VALUES = [
    0.1,
    1e-7,
    1e20,
    -0.0,
    12.345678901234567,
    5e-324,
    2**63 - 1,
    -(2**63),
    'sentencia «núm. 1» \u2028\u2029\x00\x1f"\\/</script> \U0001f600',
    dt.date(2023, 1, 5),
    dt.date(1, 1, 1),
    None,
    True,
    [],
    {},
    {"hits": [{"id": "a", "score": 3.5, "highlights": ["<mark>amparo</mark>"]}]},
    FacetCount(value="Primera Sala", count=2),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_the_same_bytes_as_pydantic(value: object) -> None:
    assert json_bytes(value) == to_json(value)
