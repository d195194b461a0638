"""A file shared through a storage service, read at the address that gives the file.

Congresses and courts often publish a gazette or a sentence as a Google Drive, Google
Docs, OneDrive or SharePoint share link («Ver documento» → ``drive.google.com/file/d/
<id>/view?usp=sharing``), or embed its preview in their own page (``<iframe
src="https://drive.google.com/file/d/<id>/preview">``). Those addresses answer the
service's viewer, a page of script whose text is the service's own («Iniciar sesión»,
«Descargar»), never the document's: fetched as they are, a listing row became a document
reading like Google's page and without its PDF, or the wrapper page kept no file. Each
service has a documented address for the file itself; only those shapes of link are
rewritten, every other address is left as it is (a wrong address is worse than none).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_ID = r"[A-Za-z0-9_-]{10,200}"
_DRIVE_FILE = re.compile(rf"^(?:/a/[^/]+)?/file(?:/u/\d+)?/d/({_ID})(?:/[^/]*)?/?$")
_DOCS = re.compile(
    rf"^(?:/a/[^/]+)?/(document|spreadsheets|presentation)(?:/u/\d+)?/d/({_ID})(?:/.*)?$"
)
_FULL_ID = re.compile(rf"^{_ID}$")
# a SharePoint / OneDrive for Business sharing link: /:b:/g/…, /:w:/r/…, /:x:/s/… (the
# letter is the kind of file; «b» a PDF or any other file)
_SHAREPOINT_SHARE = re.compile(r"^/:[bwxpuo]:/", re.IGNORECASE)


def _drive(scheme: str, path: str, query: dict[str, str]) -> str | None:
    if found := _DRIVE_FILE.match(path):
        file_id = found[1]
    elif path.rstrip("/") in ("/open", "/uc") and _FULL_ID.match(query.get("id", "")):
        file_id = query["id"]
        if path.rstrip("/") == "/uc" and query.get("export") == "download":
            return None  # already the file's address
    else:
        return None
    return f"{scheme}://drive.google.com/uc?{urlencode({'export': 'download', 'id': file_id})}"


def download_address(url: str) -> str | None:
    """The address that answers the file a share or preview link ``url`` shows, or None
    when ``url`` is no such link (or already the file's)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - reading it is the check: it raises on a bad port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        return None
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if host == "drive.google.com":
        return _drive(scheme, parts.path, query)
    if host == "docs.google.com":
        if found := _DOCS.match(parts.path):
            kind, file_id = found.groups()
            if parts.path.rstrip("/").endswith("/export"):
                return None
            return f"{scheme}://docs.google.com/{kind}/d/{file_id}/export?format=pdf"
        return None
    if host == "onedrive.live.com" and parts.path.rstrip("/") in ("/redir", "/embed"):
        if not query.get("resid"):
            return None
        return urlunsplit((scheme, parts.netloc, "/download", parts.query, ""))
    if host.endswith(".sharepoint.com") and _SHAREPOINT_SHARE.match(parts.path):
        if query.get("download") == "1":
            return None
        wanted = urlencode({**query, "download": "1"})
        return urlunsplit((scheme, parts.netloc, parts.path, wanted, ""))
    return None


def is_shared_file(url: str) -> bool:
    """Whether ``url`` is a share or preview link of a file (or its download address
    already): a viewer's frame showing it shows the document."""
    if download_address(url) is not None:
        return True
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    return (parts.hostname or "").lower() == "drive.google.com" and (
        parts.path.rstrip("/") == "/uc" and bool(_FULL_ID.match(query.get("id", "")))
    )


_CONFIRMING_HOSTS = frozenset(
    {"drive.google.com", "drive.usercontent.google.com", "docs.google.com"}
)
_CONFIRM_FORM = (
    "//form[@id='download-form'][not(@method) or translate(@method, 'GET', 'get') = 'get']"
)
_CONFIRM_LINK = "//a[@id='uc-download-link']/@href"


def confirmed_download(page: Any) -> str | None:
    """Where Google Drive's «no se puede analizar este archivo en busca de virus» page
    (what a large file's download address answers, HTML with a 200) sends the browser
    that clicks «Descargar de todas formas»: its form's address with its fields (``id``,
    ``export``, ``confirm``, ``uuid``), or the older page's ``uc-download-link``; None
    on any other page. The page itself is no document: its words are Google's."""
    if (urlsplit(page.url).hostname or "").lower() not in _CONFIRMING_HOSTS:
        return None
    for form in page.xpath(_CONFIRM_FORM):
        fields = {
            str(i.attrib["name"]): str(i.attrib.get("value", ""))
            for i in form.xpath(".//input[@name]")
            if str(i.attrib.get("type", "text")).lower() not in ("submit", "button", "image")
        }
        if fields.get("id") and "confirm" in fields:
            action = urljoin(page.url, str(form.attrib.get("action") or page.url))
            return f"{action.split('?', 1)[0]}?{urlencode(fields)}"
    link = page.xpath(_CONFIRM_LINK).get()
    if link and "confirm=" in link:
        return urljoin(page.url, link.strip())
    return None
