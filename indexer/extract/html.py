"""Main-content text of HTML pages (lxml-based)."""

from __future__ import annotations

import re

from lxml import etree

from .entities import plain_references
from .normalise import normalise_text
from .raw_tags import as_browsers_read
from .sniff import decode_guessed, sniff_charset


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DROP_TAGS = _words(
    "script style noscript template nav aside form iframe svg button select textarea input "
    "object embed canvas dialog head"
)
_DROP_ROLES = _words("navigation search complementary dialog menu menubar")
_CHROME_TAGS = ("header", "footer")  # page chrome unless inside an article or main
_CHROME_ROLES = _words("banner contentinfo")
_WITH_ROLE = etree.XPath("//*[@role]")
_WITH_ROLE_OR_ID = etree.XPath("//*[@role or @id]")
_PARAGRAPH_TAGS = _words(
    "p h1 h2 h3 h4 h5 h6 blockquote pre table ul ol dl section article main figure hr "
    "address fieldset details header footer"
)
_LINE_TAGS = _words("div li tr dt dd br caption figcaption summary center body")
_CELL_TAGS = frozenset({"td", "th"})
_MAIN_IDS = _words(
    "content contenido main-content maincontent contenido-principal contenidoPrincipal main"
)
_MIN_MAIN_SHARE = 0.2  # a candidate must hold this share of the page's text
_TEXT_SIZE = etree.XPath("string-length(normalize-space(.))")
_LINE, _PARA, _CELL = "\ue000", "\ue001", "\ue002"
# A run of whitespace that is not one space becomes one space: each of \t\n\r\f\v made a
# space (``str.replace``, at C speed), then runs of spaces found by their literal "  " (a
# pattern opening with a class of spaces stopped at every space of the text: 3x slower)
_SPACES = re.compile("  +")
_BREAKS = ("\t", "\n", "\r", "\f", "\v")
# Patterns start on a rare character so re can skip ahead (much faster on big pages).
# a run of cell markers, and the break after it if any: the whole run is taken at once (a
# lookahead after the run was tried again from each of its cells, 20,000 empty cells 7 s)
_CELL_RUN_BREAK = re.compile("\ue002[ \ue002]*([\ue000\ue001]?)")
_PARA_RUN = re.compile("\ue001[ \ue000\ue001]*")
_LINE_RUN = re.compile("\ue000[ \ue000]*")
_CELL_RUN = re.compile("\ue002[ \ue002]*")


def _drop_all(root: etree._Element, elements: list[etree._Element]) -> None:
    """Remove ``elements`` and their subtrees, keeping each one's tail text where it
    stood (after the text before it). One walk in document order finds where each tail
    goes (a run of dropped siblings all go to the kept node before the run) and each
    place gets its tails joined once: adding each tail to the text before it copied
    that text once per element (50,000 ``<nav>`` with a word after each, 1 MB, took
    150 s, a worker's timeout); and leaving the tails to libxml2 as separate text nodes
    made lxml join them by repeated copies when the text was read (140,000: 48 s)."""
    doomed = set(elements)
    if not doomed:
        return
    tails: dict[tuple[etree._Element, bool], list[str]] = {}
    goes_to: dict[etree._Element, tuple[etree._Element, bool]] = {}
    outermost: list[etree._Element] = []
    depth = 0  # of dropped elements around the walk
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if el not in doomed:
            continue
        depth += 1 if event == "start" else -1
        if event == "end" or depth > 1 or el.getparent() is None:
            continue
        outermost.append(el)
        previous = el.getprevious()
        if previous is None:
            place = (el.getparent(), True)  # the parent's text
        elif previous in goes_to:
            place = goes_to[previous]
        else:
            place = (previous, False)  # the tail of the kept sibling before it
        goes_to[el] = place
        if el.tail:
            tails.setdefault(place, []).append(el.tail)
    for (node, is_text), texts in tails.items():
        if is_text:
            node.text = (node.text or "") + "".join(texts)
        else:
            node.tail = (node.tail or "") + "".join(texts)
    for el in outermost:
        el.getparent().remove(el)  # its tail goes with it: already moved


def _in_content(root: etree._Element) -> set[etree._Element]:
    """The page-chrome candidates (header and footer elements, any with a role) that sit
    inside an article or main, found in one walk of the tree: asking each element for its
    ancestors cost depth × elements (a header repeated 50,000 times 2,000 divs deep, 900 KB
    of markup, took 90 s of CPU)."""
    inside: set[etree._Element] = set()
    open_content = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        content = el.tag in ("article", "main") or el.get("role") == "main"
        if event == "end":
            open_content -= content
            continue
        if open_content and (el.tag in _CHROME_TAGS or el.get("role") is not None):
            inside.add(el)
        open_content += content
    return inside


def _remove_boilerplate(root: etree._Element) -> None:
    """Drop non-content elements (tag-filtered iteration and one XPath scan, both in C)."""
    doomed = list(root.iter(*_DROP_TAGS))
    inside = _in_content(root)
    doomed += [el for el in root.iter(*_CHROME_TAGS) if el not in inside]
    for el in _WITH_ROLE(root):
        role = el.get("role", "").lower()
        if role in _DROP_ROLES or (role in _CHROME_ROLES and el not in inside):
            doomed.append(el)
    _drop_all(root, doomed)


def _text_size(nodes: list[etree._Element]) -> float:
    return sum(float(_TEXT_SIZE(node)) for node in nodes)


def _outermost(root: etree._Element, tag: str) -> list[etree._Element]:
    """The ``tag`` elements inside no other, in one walk (not each one's ancestors)."""
    found = []
    depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end"), tag=tag):
        if event == "start":
            if not depth:
                found.append(el)
            depth += 1
        else:
            depth -= 1
    return found


def _main_candidates(root: etree._Element) -> list[list[etree._Element]]:
    """Main-content candidates, best first: <main>, [role=main], top-level <article>s, ids."""
    marked = _WITH_ROLE_OR_ID(root)
    roles = [el for el in marked if el.get("role", "").lower() == "main"]
    ids = [el for el in marked if el.get("id") in _MAIN_IDS]
    mains = list(root.iter("main"))
    articles = _outermost(root, "article")
    candidates = [mains[:1], roles[:1], articles, ids[:1]]
    return [nodes for nodes in candidates if nodes]


def _main_nodes(root: etree._Element) -> list[etree._Element]:
    body = root.find("body")
    page = [body if body is not None else root]
    page_size = _text_size(page)
    for nodes in _main_candidates(root):
        size = _text_size(nodes)
        if size and size >= _MIN_MAIN_SHARE * page_size:
            return nodes
    return page


def _render(node: etree._Element, out: list[str]) -> None:
    """Append the raw text of ``node`` to ``out`` with break and cell markers."""
    pre_depth = 0
    for event, el in etree.iterwalk(node, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _PARAGRAPH_TAGS:
                out.append(_PARA)
            elif tag in _LINE_TAGS:
                out.append(_LINE)
            if tag == "pre":
                pre_depth += 1
            if el.text and tag:
                out.append(el.text.replace("\n", _LINE) if pre_depth else el.text)
            continue
        if tag == "pre":
            pre_depth -= 1
        if tag in _PARAGRAPH_TAGS:
            out.append(_PARA)
        elif tag in _CELL_TAGS:
            out.append(_CELL)
        elif tag in _LINE_TAGS and tag != "br":
            out.append(_LINE)
        if el.tail and el is not node:
            out.append(el.tail.replace("\n", _LINE) if pre_depth else el.tail)


# Past this many elements a page's text is read by C-level paths only: the walks above
# cost a Python call per element (a 9 MB page of 1.2 million <p> took 50-60 s of a
# worker, kept or timed out as the machine's load went). The largest real pages (a
# sentence of 2,000 paragraphs, a court's year of listings) hold some tens of thousands
MAX_ELEMENTS = 150_000
_COUNT = etree.XPath("count(//*)")
_CONTENT = "ancestor::article or ancestor::main or ancestor::*[@role = 'main']"
_PAGE_CHROME = etree.XPath(f"//header[not({_CONTENT})] | //footer[not({_CONTENT})]")
_TEXT_NODES = etree.XPath("//body//text()", smart_strings=False)
_ALL_TEXT = etree.XPath("//text()", smart_strings=False)


def _text_in_c(root: etree._Element) -> str:
    """The text of a page of too many elements, found by libxml2: the dropped tags and
    roles and the page's own header and footer go as on any page, and each remaining
    piece of text is a line (no main-content choice, no paragraphs or cells)."""
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    roles = [el for el in _WITH_ROLE(root) if el.get("role", "").lower() in _DROP_ROLES]
    _drop_all(root, [*roles, *_PAGE_CHROME(root)])
    pieces = _TEXT_NODES(root) or _ALL_TEXT(root)
    return normalise_text(_resolve_markers(_LINE.join(pieces)))


def _before_break(run: re.Match[str]) -> str:
    """Cells that end where a line or paragraph does leave no tab behind."""
    return run[1] or run[0]


def _resolve_markers(text: str) -> str:
    """Collapse whitespace, then marker runs (a paragraph marker wins over line markers;
    leftover newline runs are collapsed by the normaliser)."""
    for space in _BREAKS:
        text = text.replace(space, " ")
    text = _SPACES.sub(" ", text).replace(" \ue002", "\ue002")
    text = _CELL_RUN_BREAK.sub(_before_break, text)
    text = _PARA_RUN.sub("\n\n", text)
    text = _LINE_RUN.sub("\n", text)
    return _CELL_RUN.sub("\t", text)


def _parse(markup: str) -> etree._Element | None:
    """Parse HTML; a page nested deeper than the parser allows is flattened and reparsed."""
    data = markup.encode("utf-8", "replace")
    for attempt in (data, None):
        parser = etree.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
            huge_tree=True,
        )  # fmt: skip
        try:
            root = etree.fromstring(attempt if attempt is not None else _flat(data), parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return None
        too_deep = any(e.type == _DEPTH_ERROR for e in parser.error_log)
        if not too_deep or attempt is None:
            return root
    return None


MAX_MARKUP_CHARS = 10 * 1024 * 1024  # parsing is ~0.4 s and ~20 bytes of memory per char
_DEPTH_ERROR = etree.ErrorTypes.ERR_RESOURCE_LIMIT
MAX_DEPTH = 512  # elements nested deeper become line breaks (libxml2 stops at 2048)
_TAG = re.compile(rb"<(/?)([A-Za-z][\w:-]*)[^>]*>")
_NO_END = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th option thead tbody tfoot colgroup".split()
)  # void elements and those whose end tag browsers infer: they do not nest here


# the tags that nest deepest on real pages, each made a line break at once (at C speed)
# when a page too deep has too many tags for ``flatten_deep``'s walk of each
_NESTING = re.compile(
    rb"</?(?:div|span|section|article|font|b|i|u|em|strong|small|big|center|blockquote"
    rb"|ul|ol|dl|table|tbody|a|main|header|footer|nav|aside)(?=[\s/>])[^>]*>",
    re.IGNORECASE,
)


def _flat(data: bytes) -> bytes:
    """``data`` with its deep tags made line breaks: by ``flatten_deep`` (only those past
    ``MAX_DEPTH``), or, past ``MAX_ELEMENTS`` tags (1.9 million unclosed ``<div>``, 9 MB,
    took ``flatten_deep`` 15 s), every nesting tag by one substitution in C; such a page's
    text is then read by ``_text_in_c`` anyway, as lines."""
    if data.count(b"<") > MAX_ELEMENTS:
        return _NESTING.sub(b"<br>", data)
    return flatten_deep(data)


def flatten_deep(data: bytes) -> bytes:
    """Replace tags opened past ``MAX_DEPTH`` (and their end tags) by ``<br>``.

    One linear pass over the tags, without recursion: a page 100,000 ``<div>``s deep
    keeps its deep text, one line per dropped level.
    """
    depth = excess = 0
    out: list[bytes] = []
    position = 0
    for match in _TAG.finditer(data):
        closing, name = match.group(1), match.group(2).lower()
        if name in _NO_END:
            continue
        if not closing and depth >= MAX_DEPTH:
            excess += 1
        elif closing and excess:
            excess -= 1
        else:
            depth = max(0, depth - 1) if closing else depth + 1
            continue
        out += [data[position : match.start()], b"<br>"]
        position = match.end()
    out.append(data[position:])
    return b"".join(out)


def main_text_from_str(markup: str) -> str:
    """Main-content text of already-decoded HTML (see :func:`html_main_text`). A NUL goes
    first, as a browser drops it from a page's text: libxml2 made it U+FFFD in the middle
    of a word ("dic\ufffdtada"), which no search for that word then found."""
    for marker in ("\x00", _LINE, _PARA, _CELL):
        if marker in markup:
            markup = markup.replace(marker, "")
    if not markup.strip():
        return ""
    root = _parse(as_browsers_read(plain_references(markup[:MAX_MARKUP_CHARS])))
    if root is None:
        return ""
    if _COUNT(root) > MAX_ELEMENTS:
        return _text_in_c(root)
    _remove_boilerplate(root)
    out: list[str] = []
    for node in _main_nodes(root):
        out.append(_PARA)
        _render(node, out)
    return normalise_text(_resolve_markers("".join(out)))


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, str, str | None, bool]:
    """Decode HTML bytes: return ``(markup, encoding_used, encoding_declared, sure)``.

    ``encoding`` (e.g. the HTTP charset) is tried before ``<meta charset>``; when they
    disagree, the first that decodes the bytes cleanly wins (see ``decode_guessed``,
    which says when the code page was a guess: ``sure`` False).
    """
    meta = sniff_charset(data)
    markup, used, sure = decode_guessed(data, (encoding, meta))
    return markup, used, encoding or meta, sure


def html_main_text(html: bytes | str, encoding: str | None = None) -> str:
    """Return the normalised main-content text of an HTML page.

    Drops script/style/nav/aside/forms and page-level header/footer (an
    article's own header/footer is kept); prefers ``<main>``, ``[role=main]``,
    top-level ``<article>``s, then ``#content`` / ``#contenido`` when they hold
    at least a fifth of the page text, else the whole body. Block elements
    become line or paragraph (blank line) breaks; table cells are separated by
    tabs. Elements hidden with CSS or ``hidden`` are kept: legacy sites (e.g. the
    Diputados SITL) put the content in collapsed accordions. Bytes are decoded
    with ``encoding``, the declared charset, or UTF-8 / Windows-1252 detection.
    Only the first ``MAX_MARKUP_CHARS`` characters are read (bounded time and
    memory; :func:`indexer.extract.extract_text` refuses larger pages as
    ``too_large`` instead), and elements nested past ``MAX_DEPTH`` become lines.
    """
    markup = html if isinstance(html, str) else decode_html(html, encoding)[0]
    return main_text_from_str(markup)
