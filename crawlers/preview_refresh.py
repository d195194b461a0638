"""The preview's refreshes, followed as the crawl follows them (``crawlers.refresh``):
a meta refresh or ``Refresh`` header, each hop fetched with the crawl's guards, at most
``MAX_REDIRECTS`` of them; one off the web is ``redirect_refused``, one back to an address
of its chain a ``redirect_loop``, one too many ``too_many_redirects``. The preview
followed meta refreshes only, and a chain of them longer than its bound or in a loop
ended on a page that sent on: shown as a listing with nothing in it."""

from __future__ import annotations

from collections.abc import Callable

from crawlers.fetch import MAX_REDIRECTS, Fetched, FetchError
from crawlers.meta_refresh import REDIRECT_REFUSED, refresh_of


def follow_refreshes(fetched: Fetched, fetch_again: Callable[[str], Fetched]) -> Fetched:
    """The answer at the end of ``fetched``'s refreshes (``fetch_again`` fetches a hop)."""
    chain = [fetched.url]
    for _ in range(MAX_REDIRECTS + 1):
        found = refresh_of(fetched.url, fetched.content_type, fetched.body, fetched.refresh)
        if found is None:
            return fetched
        if found.refused:
            raise FetchError(REDIRECT_REFUSED, found.refused_message())
        if found.target in chain:
            loop = " -> ".join([*chain, found.target])
            raise FetchError("redirect_loop", f"redirect loop: {loop}"[:500])
        if len(chain) > MAX_REDIRECTS:
            break
        chain.append(found.target)
        fetched = fetch_again(found.target)
    raise FetchError(
        "too_many_redirects",
        f"{len(chain) - 1} redirects without an answer: {chain[0]} -> … -> {chain[-1]}"[:500],
    )
