"""A page's cursor and the native search's plan are written without ``json.dumps`` on
the way of a fresh answer: a cursor's bytes must stay those ``json.dumps`` wrote (cursors
in clients' hands are read back and compared), and a plan must say what it said."""

from __future__ import annotations

import base64
import json

from hypothesis import given
from hypothesis import strategies as st

from indexer.stores.base import SearchQuery, decode_cursor_at, encode_cursor
from indexer.stores.query_kits import plan_text

QUERY = SearchQuery(q="amparo")
NAMES = st.one_of(
    st.text(alphabet="0123456789abcdef", min_size=1, max_size=16),
    st.text(max_size=20),  # anything: quotes, backslashes, accents, surrogates
)


def _as_json_wrote(offset: int, owner: str, commit: str | None) -> str:
    data: dict[str, object] = {"o": offset, "q": owner}
    if commit is not None:
        data["c"] = commit
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


@given(st.integers(min_value=-(2**70), max_value=2**70), NAMES, st.none() | NAMES)
def test_a_cursor_is_the_bytes_json_dumps_wrote(
    offset: int, owner: str, commit: str | None
) -> None:
    assert encode_cursor(QUERY, offset, owner, commit) == _as_json_wrote(offset, owner, commit)


def test_a_cursor_of_a_bool_offset_is_written_as_json_wrote_it() -> None:
    assert encode_cursor(QUERY, True, "ab", None) == _as_json_wrote(True, "ab", None)  # type: ignore[arg-type]


def test_a_cursor_is_read_back() -> None:
    fingerprint = QUERY.fingerprint()
    cursor = encode_cursor(QUERY, 40, fingerprint, "0f1e2d3c4b5a6978")
    asked = QUERY.model_copy(update={"cursor": cursor})
    assert decode_cursor_at(asked) == (40, "0f1e2d3c4b5a6978")


PLANS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=20,
)


@given(st.lists(PLANS, max_size=4))
def test_a_plan_says_what_json_dumps_said(plan: list) -> None:
    assert json.loads(plan_text(plan)) == json.loads(json.dumps(plan))


def test_a_plan_orjson_refuses_is_written_by_json() -> None:
    plan = ["term", "text", "\ud800", 2**70]
    assert plan_text(plan) == json.dumps(plan)
