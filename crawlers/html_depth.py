"""A listing page nested past the HTML parser's depth limit (libxml2 stops at 2,048
elements deep, ``huge_tree`` or not; a page needs a few dozen): the parser drops
everything after the point where it stopped, so the items listed after it were lost
without a word (the items before it read, the run ``ok``). The page's tree is built here
as parsel builds it, keeping the parser's log; one nested too deep is read again with
the elements opened past ``MAX_DEPTH`` made line breaks (``indexer.extract.html``'s
flattening, as the document's text is read; a browser's parser, too, stops nesting at
512 levels and puts deeper elements beside the last one), so the items after that point
are read. A page of more than ``MAX_ELEMENTS`` tags (whose flattening would cost seconds)
or still too deep so is a counted ``html_too_deep`` error, read up to that point."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from lxml import etree, html
from scrapy.http import TextResponse
from scrapy.selector import Selector
from scrapy.utils.response import get_base_url

from indexer.extract.html import MAX_ELEMENTS, flatten_deep

HTML_TOO_DEEP = "html_too_deep"
_SAID: WeakKeyDictionary[TextResponse, str | None] = WeakKeyDictionary()


def too_deep(page: TextResponse) -> str | None:
    """Why ``page`` could be read only up to a point, or None. Its selector is the tree
    built here (a second parse only for a page nested too deep); a page parsel would
    refuse is left to parsel. Asked again of the same page, it says the same without
    parsing it again (nor replacing a tree the caller has changed since)."""
    if page in _SAID:
        return _SAID[page]
    _SAID[page] = said = _parsed(page)
    return said


def _parsed(page: TextResponse) -> str | None:
    base = get_base_url(page)
    body = page.text.strip().replace("\x00", "").encode("utf-8") or b"<html/>"
    line = None
    for attempt in (body, b""):
        if not attempt:  # flattened, when its walk of the tags is bounded
            if body.count(b"<") > MAX_ELEMENTS:
                break
            attempt = flatten_deep(body)
        parser = html.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
        try:
            root = etree.fromstring(attempt, parser=parser, base_url=base)
        except etree.XMLSyntaxError:
            return None
        if root is None:
            return None
        depth = next((e.line for e in parser.error_log if _depth_error(e)), None)
        if line is None or depth is None:  # the first tree, or a flattened one read whole
            page._cached_selector = Selector(root=root, type="html", base_url=base)
        if depth is None:
            return None
        line = depth if line is None else line
    return (
        f"the page nests elements past the HTML parser's limit (line {line}): what follows "
        "that point could not be read"
    )


def _depth_error(error: etree._LogEntry) -> bool:
    return error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "Excessive depth" in error.message
