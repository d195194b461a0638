"""An element's text nodes, read through its children.

What ``element.xpath(".//text()")`` and ``element.itertext()`` give, in the same order,
in the time the element's size takes: lxml builds each text node an XPath returns, and
itertext steps to the next one, by walking back over the comments and processing
instructions before it, so a cell or a heading of 200,000 comments (a 1.6 MB page) took
20 s to read, a page of them hours on the crawl's only thread (``crawlers.stall``).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree


def iter_texts(element: etree._Element) -> Iterator[str]:
    """``element``'s text, its descendants' texts and tails, in document order (a
    comment's or instruction's tail too, never their own text); lazily, so a reader
    wanting the first characters stops there. Iterative: a page nests deeper than
    Python's recursion."""
    if element.text:
        yield element.text
    stack = [(element, iter(element))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if node is not element and node.tail:
                yield node.tail
        elif isinstance(child.tag, str):
            if child.text:
                yield child.text
            stack.append((child, iter(child)))
        elif child.tail:  # a comment or a processing instruction
            yield child.tail
