"""What a spider hands the pipeline: one publication as read from its pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawlers.building import EntryTexts, PageHtml
from indexer.models import VideoLink


@dataclass
class Download:
    url: str
    body: bytes
    content_type: str | None


@dataclass
class DocumentDraft:
    """Raw fields (strings as on the page), the page's main text (or the page, to read it
    where the document is built) and the files fetched."""

    url: str
    listing_url: str
    fields: dict[str, str | list[str]] = field(default_factory=dict)
    page_text: str = ""
    page: PageHtml | EntryTexts | None = None  # the detail page, its text still to read
    files: list[Download] = field(default_factory=list)
    pending_files: list[str] = field(default_factory=list)
    videos: list[VideoLink] = field(default_factory=list)
    viewer_hops: int = 0  # file links that led to an HTML viewer page embedding the file
    files_failed: int = 0  # file downloads that failed (each already a counted error)
    # the record's values naming a file that were empty (an API's archivoURL null): the
    # source published the record without that file
    files_unpublished: list[str] = field(default_factory=list)
    # the address as the link gave it, ``#fragment`` and all, when the document's is
    # without it: the address (and id) earlier versions stored the document under
    read_as: str | None = None
