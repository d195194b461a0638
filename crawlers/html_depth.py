"""A listing page nested past the HTML parser's depth limit (libxml2 stops at 2,048
elements deep, ``huge_tree`` or not; a page needs a few dozen): the parser drops
everything after the point where it stopped, so the items listed after it were lost
without a word (the items before it read, the run ``ok``). The page's tree is built here
as parsel builds it, keeping the parser's log: the page is still read for what it holds
before that point, and the loss is a counted ``html_too_deep`` error."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from lxml import etree, html
from scrapy.http import TextResponse
from scrapy.selector import Selector
from scrapy.utils.response import get_base_url

HTML_TOO_DEEP = "html_too_deep"
_SAID: WeakKeyDictionary[TextResponse, str | None] = WeakKeyDictionary()


def too_deep(page: TextResponse) -> str | None:
    """Why ``page`` could be read only up to a point, or None. Its selector is the tree
    built here (no second parse); a page parsel would refuse is left to parsel. Asked
    again of the same page, it says the same without parsing it again (nor replacing a
    tree the caller has changed since)."""
    if page in _SAID:
        return _SAID[page]
    _SAID[page] = said = _parsed(page)
    return said


def _parsed(page: TextResponse) -> str | None:
    base = get_base_url(page)
    body = page.text.strip().replace("\x00", "").encode("utf-8") or b"<html/>"
    parser = html.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    try:
        root = etree.fromstring(body, parser=parser, base_url=base)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    page._cached_selector = Selector(root=root, type="html", base_url=base)
    for error in parser.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "Excessive depth" in error.message:
            return (
                f"the page nests elements past the HTML parser's limit (line {error.line}): "
                "what follows that point could not be read"
            )
    return None
