"""A snippet's link quotes it as ``quote_plus`` would, and quotes what the snippet shows
from its first marked word (marks and entities undone, blanks one space, whole words, up
to the store's ellipsis)."""

from __future__ import annotations

import html
from urllib.parse import quote, quote_plus

from api.passages import path_quoted, plus_quoted, snippet_quote, unescaped


def test_the_quick_quoting_is_quote_plus() -> None:
    for text in ("indemnización por daño moral", "a+b&c=d/e?f#g %h ~i_j.k-l «m» “n” 1°",
                 "ñ\u0301 😀 \t\n", "", "ABC xyz 0123"):  # fmt: skip
        assert plus_quoted(text) == quote_plus(text), text
        assert path_quoted(text) == quote(text, safe=""), text
    for doc_id in ("sen-0003615", "a.b_c~d-e", "exp 1/2023", "x\n", "ñ"):
        assert path_quoted(doc_id) == quote(doc_id, safe=""), doc_id


def test_the_quote_starts_at_the_first_mark_and_stops_at_the_ellipsis() -> None:
    fragment = "… se reclamó la <mark>indemnización</mark> por &quot;daño&quot;\n moral … otra"
    assert snippet_quote(fragment) == 'indemnización por "daño" moral'
    assert snippet_quote("sin nada marcado") is None
    long = "<mark>amparo</mark> " + "palabra " * 40
    quoted = snippet_quote(long)
    assert quoted is not None and len(quoted) <= 80 and quoted.endswith("palabra")


def test_the_quick_unescaping_is_html_unescape() -> None:
    for raw in ('dijo "no" y l\'acte', "a & b < c > d", "&lt; ya escrito", "sin nada"):
        assert unescaped(html.escape(raw)) == raw, raw
    for text in ("&amp;lt;", "&nbsp;&amp;", "&#39;&#x27;", "& suelto", "&amp", "&quot;&hellip;"):
        assert unescaped(text) == html.unescape(text), text
