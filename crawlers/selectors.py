"""Reading a spec's selectors from a page or from one item of a listing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from lxml import etree
from parsel import Selector as Page
from parsel import SelectorList

from config.patterns import first_group
from config.specs import LIST_FIELDS, URL_FIELDS, Selector
from crawlers.links import BadLink, absolute, clean_link, is_script
from crawlers.text_nodes import iter_texts

Node = Page | SelectorList
# what one field reads from one page, at most: the text of a page of many megabytes fits
# in it; matches nested in one another (``css:div`` over 400 nested ``<div>``s) each read
# the text of all the others, hundreds of times the page, so more is none of it
MAX_FIELD_CHARS = 20_000_000
# what all the fields of all the items of one listing page read together: each item's
# fields read its own text, some tens of megabytes for the largest page; items nested in
# one another (``css:div`` as items over 400 nested ``<div>``s) each read up to
# ``MAX_FIELD_CHARS`` per field, hundreds of pages' worth in one process
MAX_PAGE_CHARS = 50_000_000


class _TooMuchText(Exception):
    """A field's matches hold more text than ``MAX_FIELD_CHARS``."""


class PageTextSpent(Exception):
    """The fields read from one page passed its ``PageBudget``: the page's items from
    here on are not read (the caller counts a ``too_large`` error)."""


class PageBudget:
    """Characters the selectors of one page may still read, across all its items."""

    def __init__(self, limit: int = MAX_PAGE_CHARS) -> None:
        self.limit = limit
        self.read = 0

    def spend(self, chars: int) -> None:
        self.read += chars
        if self.read > self.limit:
            raise PageTextSpent(self.limit)

    def message(self, position: int) -> str:
        """The ``too_large`` error's message (``crawlers.causas`` says it in Spanish)."""
        return (
            f"listing fields read more than {self.limit} characters of this page (items "
            f"nested in one another each read the others' text): items from {position} on "
            "were not read"
        )


def select(node: Node, selector: Selector, limit: int | None = None) -> SelectorList:
    """What ``selector`` matches in ``node`` (its first ``limit`` matches only, when
    given). A selector ending in a text step (``css:td::text``, ``xpath://td/text()``,
    ``.//text()``) is read through the elements before that step (``_text_select``)."""
    page = getattr(node, "selector", node)  # a response reads through its selector
    selectors = [page] if isinstance(page, Page) else list(page)
    fast = [_text_select(one, selector, limit) for one in selectors if isinstance(one, Page)]
    if len(fast) == len(selectors) and all(texts is not None for texts in fast):
        return SelectorList(islice((text for texts in fast for text in texts or []), limit))
    if limit is not None and isinstance(page, Page):
        first = _first_matches(page, selector, limit)
        if first is not None:
            return first
    found = (
        node.xpath(selector.expression)
        if selector.engine == "xpath"
        else node.css(selector.expression)
    )
    return found if limit is None else found[:limit]


def count_matches(node: Node, selector: Selector) -> int:
    """How many matches ``select`` finds, without a selector object for each: a listing
    page of 10^5 rows is counted, not held (lxml's ``count()``, or the text nodes walked
    one by one)."""
    page = getattr(node, "selector", node)
    if isinstance(page, Page):
        texts = _text_select(page, selector)
        if texts is not None:
            return sum(1 for _ in texts)
        expression = _as_xpath(page, selector)
        if expression is not None:
            try:
                return int(float(page.xpath(f"count({expression})").get()))
            except (ValueError, TypeError):
                pass  # not a node-set (``string(…)``): counted as matched below
    return len(select(node, selector))


def _first_matches(page: Page, selector: Selector, limit: int) -> SelectorList | None:
    """The first ``limit`` matches in document order, through an XPath position
    predicate: a page of 10^5 rows gives ``limit`` selector objects, not 10^5 (some
    tens of MB, and two crawls at once passed ``ABIERTO_CRAWL_MAX_MEMORY_MB``). None
    when the expression is no node-set (``string(…)``), left to ``select``."""
    expression = _as_xpath(page, selector)
    if expression is None:
        return None
    try:
        found: SelectorList = page.xpath(f"({expression})[position() <= {int(limit)}]")
    except ValueError:
        return None
    return found


def _as_xpath(page: Page, selector: Selector) -> str | None:
    """The selector's XPath (a CSS one translated as parsel does), or None when parsel
    cannot translate it (its own error then comes from ``select``)."""
    if selector.engine == "xpath":
        return selector.expression
    try:
        return page._css2xpath(selector.expression)  # type: ignore[no-any-return]
    except Exception:
        return None


# an expression's last step, when it is a text step: the path before it and ``/`` or ``//``
_TEXT_STEP = re.compile(r"^(?P<path>.*[^/\s])\s*(?P<step>//?)\s*text\(\)\s*$", re.S)


def _text_select(page: Page, selector: Selector, limit: int | None = None) -> Iterator[Page] | None:
    """The text nodes a selector ending in ``/text()`` or ``//text()`` names, in document
    order and each once, as the XPath gives them; ``None`` when the selector is of no
    such form (a union, a path that names no elements), left to lxml. libxml2 sorts an
    XPath's text nodes into document order by walking back from each over the comments
    and instructions before it: a cell of 20,000 words between comments (320 KB) took 8 s
    through ``td::text``, a page of them hours, and the crawl ended with
    ``parse_timeout`` blaming selectors that were not at fault. Here the XPath names only
    the elements (which libxml2 orders at once) and their text is read through their
    children, in the time the elements' size takes. With ``limit``, the first ``limit``
    text nodes, read from as few elements as give them (``_first_texts``)."""
    expression = _as_xpath(page, selector)
    if expression is None:  # the selector's own error comes from lxml, as before
        return None
    match = _TEXT_STEP.match(expression)
    if match is None or "|" in match["path"]:
        return None
    deep = match["step"] == "//"
    texts = _first_texts(page, match["path"], deep, limit) if limit is not None else None
    if texts is None:
        elements = _elements(page, match["path"])
        if elements is None:
            return None
        texts = _element_texts(elements, deep)
    kind = "xml" if page.type == "xml" else "html"
    return (
        page.__class__(root=text, _expr=expression, namespaces=page.namespaces, type=kind)
        for text in texts
    )


def _elements(page: Page, path: str) -> list[etree._Element] | None:
    """The elements ``path`` names (lxml's own nodes: no parsel selector for each of a
    page's 10^5 cells), or None when it names anything else."""
    try:
        elements = page.root.xpath(path, namespaces=page.namespaces)
    except (etree.XPathError, ValueError):
        return None
    if not isinstance(elements, list):
        return None  # a number or a string, not elements
    if not all(isinstance(e, etree._Element) and isinstance(e.tag, str) for e in elements):
        return None
    return elements


def _first_texts(page: Page, path: str, deep: bool, limit: int) -> list[str] | None:
    """The first ``limit`` text nodes under the first ``limit`` elements ``path`` names,
    when they are the first of all: the next element is not inside one of them (so every
    later text follows theirs) and they hold ``limit`` texts. Else None, read in full."""
    elements = _elements(page, f"({path})[position() <= {int(limit) + 1}]")
    if elements is None:
        return None
    first, after = elements[:limit], elements[limit:]
    if after and not set(first).isdisjoint(after[0].iterancestors()):
        return None
    texts = list(islice(_element_texts(first, deep), limit))
    return texts if len(texts) == limit or not after else None


def _element_texts(elements: list[etree._Element], deep: bool) -> Iterator[str]:
    """The text nodes whose parent is one of ``elements`` (``deep``: whose ancestor is),
    in document order, each once: one walk of each outermost element's subtree."""
    kept = set(elements)
    walked: set[etree._Element] = set()
    for top in elements:
        if top in walked:
            continue  # inside an element walked before it
        if top.text:
            yield top.text
        stack = [(top, iter(top), True)]
        while stack:
            node, children, keep = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if stack and stack[-1][2] and node.tail:
                    yield node.tail
            elif isinstance(child.tag, str):
                inside = child in kept
                if inside:
                    walked.add(child)
                if (inside or deep) and child.text:
                    yield child.text
                stack.append((child, iter(child), inside or (deep and keep)))
            elif keep and child.tail:  # a comment or a processing instruction
                yield child.tail


def read(
    node: Node, selector: Selector, name: str = "", budget: PageBudget | None = None
) -> str | list[str] | None:
    """A field's value: one string, or a list for ``many`` selectors and list fields. A
    field of one value reads the matches up to the first with text, not all of them.
    What it reads is spent from ``budget`` (``PageTextSpent`` once it is spent)."""
    found = select(node, selector)
    whole = selector.many or name in LIST_FIELDS or selector.join is not None
    values: list[str] = []
    try:
        for text in _texts(found, budget):
            value = " ".join(text.split())
            if value and selector.regex:
                value = first_group(selector.regex, value) or ""
            if value:
                values.append(value)
                if not whole:
                    break
    except _TooMuchText:  # a cut value would be a wrong one: the field is left empty
        return None
    if selector.many or name in LIST_FIELDS:
        return values if selector.join is None else selector.join.join(values)
    if not values:
        return None
    return selector.join.join(values) if selector.join is not None else values[0]


def text_nodes(item: Page) -> list[str]:
    """``item.xpath(".//text()").getall()``, read through the children
    (``crawlers.text_nodes``): through the XPath, a cell of 20,000 words between comments
    (320 KB) took 8 s, a page of them hours, and the crawl ended with ``parse_timeout``
    blaming selectors that were not at fault."""
    element = item.root
    if not isinstance(element, etree._Element):
        return item.xpath(".//text()").getall()  # type: ignore[no-any-return]
    return list(iter_texts(element))


def _texts(found: SelectorList, budget: PageBudget | None = None) -> Iterator[str]:
    """Text of each match: attribute/text nodes as they are, elements by their text
    (``_TooMuchText`` past ``MAX_FIELD_CHARS`` in all)."""
    total = 0
    for item in found:
        value = item.get()
        if isinstance(value, str) and value.lstrip().startswith("<"):
            value = " ".join(text_nodes(item))
        total += len(value or "")
        if budget is not None:
            budget.spend(len(value or ""))
        if total > MAX_FIELD_CHARS:
            raise _TooMuchText
        yield value or ""


def item_link(item: Node, rules: Any) -> str | None:
    """An item's link to its document: ``listing.link``'s, else the first of
    ``listing.link_fallback`` that finds one (a session whose transcript is not yet
    published keeps its row through its record or agenda). A link to no page
    (``javascript:void(0)``, ``#``) is none; without a fallback it is returned as found."""
    selectors = [rules.link, *rules.link_fallback] if rules.link else []
    for n, selector in enumerate(selectors):
        found = read(item, selector)
        link = found if isinstance(found, str) else None
        if clean_link(link):
            return link
        if n == len(selectors) - 1:
            if selectors and getattr(rules, "link_postback", None) is None:
                return _kept_beside_script(item) or link
            return link
    return None


# where a row's «Ver documento» that is script keeps its address: data-url="…" beside
# href="javascript:void(0)", read by the page's script on click
_DATA_ADDRESSES = frozenset(
    {"data-url", "data-href", "data-link", "data-file", "data-pdf", "data-src", "data-ruta",
     "data-archivo", "data-documento", "data-liga", "data-enlace"}
)  # fmt: skip
_SCRIPTED = "(.//a | .//button | .//*[@onclick])[position() <= 50]"


def _kept_beside_script(item: Node) -> str | None:
    """The one address a row's links that lead nowhere by themselves (``href="#"``,
    ``javascript:void(0)``, a button) keep for their script: in a ``data-url``-like
    attribute, or named in their ``onclick`` (``verDocumento('pdf/12.pdf')``); None
    when they keep none, or several (the row's document is then not known)."""
    found: set[str] = set()
    for node in item.xpath(_SCRIPTED):
        attributes = node.root.attrib
        if clean_link(attributes.get("href")):
            continue  # a link of its own: the spec chose not to follow it
        for name, value in attributes.items():
            kind = name.lower()
            # a data attribute's address, or the one an onclick's call names (not the
            # script itself: «abrirDocumento(this)» is no address)
            kept = kind in _DATA_ADDRESSES or (kind == "onclick" and is_script(value))
            if kept and (address := clean_link(value)):
                found.add(address)
    return found.pop() if len(found) == 1 else None


BadFieldLink = Callable[[str, BadLink], None]


def read_fields(
    node: Node,
    fields: dict[str, Selector],
    base_url: str,
    on_bad: BadFieldLink | None = None,
    budget: PageBudget | None = None,
) -> dict[str, str | list[str]]:
    """Every field found; links (video, transcript) made absolute against the page. A
    link within the page (``#intervencion-3``, a session page's anchors) or to no page
    (``javascript:void(0)``, ``mailto:``) is no video or file: it is left out. Links are
    made as the crawl's own are (invisible characters percent-encoded, so a stored
    address shows what was fetched); a malformed one is left out and handed to
    ``on_bad`` with its field's name, so a spider counts it. What the fields read is
    spent from ``budget``, one for all the items of a page."""
    out: dict[str, str | list[str]] = {}
    for name, selector in fields.items():
        value = read(node, selector, name, budget)
        if value and name in URL_FIELDS:
            values = value if isinstance(value, list) else [value]
            value = [link for v in values if (link := _link(base_url, v, name, on_bad))]
        if value:
            out[name] = value
    return out


def _link(base_url: str, value: str, name: str, on_bad: BadFieldLink | None) -> str | None:
    try:
        return absolute(base_url, value)
    except BadLink as exc:
        if on_bad is not None:
            on_bad(name, exc)
        return None
