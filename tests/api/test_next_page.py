"""An answer's ``next_url`` is the address Starlette's ``include_query_params`` writes, to
the byte, whatever the query string holds (``api.next_page`` reads and writes it without
building the whole URL). That it names the next page: ``test_search.py``'s cursor tests."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request

from api.next_page import next_page_url


def _request(path: str, query: bytes, host: bytes = b"api.example.mx") -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", host)],
        "server": ("127.0.0.1", 8000),
    }
    return Request(scope)


def _starlette(request: Request, cursor: str) -> str:
    url = request.url.include_query_params(cursor=cursor)
    return f"{url.path}?{url.query}"


ODD_QUERIES = [
    b"",
    b"q=amparo",
    b"q=amparo&cursor=abc",
    b"cursor=abc&q=amparo&cursor=def",
    b"q=da%C3%B1o+moral&matter=penal&matter=civil",
    b"q=da%c3%b1o%20moral",  # lower-case escapes and %20: written again as Starlette does
    b"q=%22inter%C3%A9s+superior%22~3&facets=kind%2Ccourt",
    b"q=\xc3\xb1and\xc3\xba",  # raw UTF-8, as a client may send it
    b"q=a=b&&x&=y&cursor",
    b"curs%6Fr=old&q=x",
    b"q=(robo OR fraude) AND v\xc3\xadctima -pensi\xc3\xb3n",
    b"q=a+b;c=d",
    b"q=a#b",
    b"q=a%0Ab\tc",
    b"q=~.-_&year=2023",
    b"q=%C3%B1%20a&x=%41&y=%2B%2C+%E2%82%AC",  # %20 and %41 are written "+" and "A"
    b"q=%C3+%B1&x=%ED%A0%80&y=%C3%28&z=%F0%9F%98%80",  # escapes that are no UTF-8 (or are)
]


def test_next_page_url_is_starlettes_for_odd_queries() -> None:
    for query in ODD_QUERIES:
        for path in ("/v1/search", "/v1/speeches", "//v1/search", "/v1/b\xfasqueda?x#y"):
            request = _request(path, query)
            for cursor in ("eyJvIjoyMH0", "a+b/c=", "ñ"):
                assert next_page_url(request, cursor) == _starlette(request, cursor), (
                    path,
                    query,
                    cursor,
                )


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(["q", "cursor", "matter", "facets", "x y", "ñ", ""]),
            st.text(alphabet="ab ñ+%&=;,~._-#\t/2CF", max_size=12),
        ),
        max_size=6,
    ),
    raw=st.booleans(),
    cursor=st.text(alphabet="AZaz09+/=_-ñ", min_size=1, max_size=12),
)
def test_next_page_url_is_starlettes_for_any_query(
    pairs: list[tuple[str, str]], raw: bool, cursor: str
) -> None:
    """Encoded as a client would, or written raw (``&``, ``=``, ``%`` as they come)."""
    query = "&".join(f"{k}={v}" for k, v in pairs) if raw else urlencode(pairs)
    request = _request("/v1/search", query.encode())
    assert next_page_url(request, cursor) == _starlette(request, cursor)


# escapes a client may write: upper or lower case, of bytes quote_plus escapes or not
# (a space, a letter), forming UTF-8 or not (a lone lead byte, a surrogate, an emoji)
ESCAPES = [
    "%C3%B1", "%c3%b1", "%2C", "%2B", "%20", "%41", "%7E", "%C3", "%B1", "%00",
    "%E2%82%AC", "%ED%A0%80", "%F0%9F%98%80", "%25", "%3D", "%26", "+", "a", "~",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.lists(st.sampled_from(ESCAPES), max_size=5), min_size=1, max_size=4),
    cursor=st.text(alphabet="AZaz09+/=_-ñ", min_size=1, max_size=12),
)
def test_next_page_url_is_starlettes_for_escaped_values(
    values: list[list[str]], cursor: str
) -> None:
    """Values written with escapes, kept as written only where Starlette writes them so."""
    names = ["q", "facets", "cursor", "matter"]
    query = "&".join(f"{names[n % 4]}={''.join(v)}" for n, v in enumerate(values))
    request = _request("/v1/search", query.encode())
    assert next_page_url(request, cursor) == _starlette(request, cursor)
