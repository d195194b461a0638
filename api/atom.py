"""An Atom 1.0 document (RFC 4287) for a search: built with an XML library, never by
pasting strings, so every title and summary is escaped exactly once.

Entry ids are ``urn:uuid:`` URNs derived (UUID version 5) from the document id: the same
document keeps its id in every feed, on every host, across re-crawls, so a feed reader
shows it once. The feed's own id is derived the same way from its normalised parameters.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://estadoabierto.mx/")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Characters XML 1.0 cannot carry at all, even escaped (a control byte in a PDF's text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def document_urn(doc_id: str) -> str:
    return uuid.uuid5(NAMESPACE, f"documento:{doc_id}").urn


def feed_urn(canonical_query: str) -> str:
    return uuid.uuid5(NAMESPACE, f"busqueda:{canonical_query}").urn


def timestamp(moment: dt.datetime) -> str:
    """RFC 3339 in UTC, whole seconds (``2025-02-18T10:00:00Z``)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Link:
    href: str
    rel: str = "alternate"
    type: str | None = None
    title: str | None = None
    length: int | None = None


@dataclass
class Entry:
    id: str
    title: str
    updated: dt.datetime
    summary_html: str
    author: str
    links: list[Link] = field(default_factory=list)
    published: dt.datetime | None = None
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)


@dataclass
class Feed:
    id: str
    title: str
    subtitle: str
    links: list[Link]
    entries: list[Entry]
    author: str = "Estado Abierto"

    @property
    def updated(self) -> dt.datetime:
        """The newest entry's ``updated``; an empty feed never changed."""
        return max((entry.updated for entry in self.entries), default=EPOCH)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = xml_safe(text)
    return element


def _link(parent: ET.Element, link: Link) -> None:
    attrs = {"href": xml_safe(link.href), "rel": link.rel}
    if link.type:
        attrs["type"] = link.type
    if link.title:
        attrs["title"] = xml_safe(link.title)
    if link.length is not None:
        attrs["length"] = str(link.length)
    ET.SubElement(parent, "link", attrs)


def render(feed: Feed) -> bytes:
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "es"})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.subtitle)
    _text(root, "updated", timestamp(feed.updated))
    author = ET.SubElement(root, "author")
    _text(author, "name", feed.author)
    _text(root, "generator", "Estado Abierto")
    for link in feed.links:
        _link(root, link)
    for item in feed.entries:
        entry = ET.SubElement(root, "entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        _text(entry, "updated", timestamp(item.updated))
        if item.published is not None:
            _text(entry, "published", timestamp(item.published))
        entry_author = ET.SubElement(entry, "author")
        _text(entry_author, "name", item.author)
        for link in item.links:
            _link(entry, link)
        for term, label in item.categories:
            ET.SubElement(entry, "category", {"term": xml_safe(term), "label": xml_safe(label)})
        _text(entry, "summary", item.summary_html, type="html")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body
