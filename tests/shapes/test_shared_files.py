"""Documents published as a storage service's share link or preview, as congresses and
courts often publish a gazette or a sentence: «Ver documento» → a Google Drive
``/file/d/<id>/view?usp=sharing``, a page framing the file's ``/preview``, a OneDrive or
SharePoint sharing link. Those addresses answer the service's viewer (script and its
own words), never the file: the crawl asks for the address that answers the file."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from config.specs import parse_spec
from crawlers.items import DocumentDraft
from crawlers.runs import RunStats
from crawlers.shared_files import download_address, is_shared_file
from crawlers.spiders.html_listing import HtmlListingSpider

DRIVE_ID = "1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV"
DOWNLOAD = f"https://drive.google.com/uc?export=download&id={DRIVE_ID}"


@pytest.mark.parametrize(
    ("shared", "file"),
    [
        (f"https://drive.google.com/file/d/{DRIVE_ID}/view?usp=sharing", DOWNLOAD),
        (f"https://drive.google.com/file/d/{DRIVE_ID}/view?usp=drive_link", DOWNLOAD),
        (f"https://drive.google.com/file/d/{DRIVE_ID}/preview", DOWNLOAD),
        (f"https://drive.google.com/file/d/{DRIVE_ID}", DOWNLOAD),
        (f"https://drive.google.com/file/u/0/d/{DRIVE_ID}/view", DOWNLOAD),
        (f"https://drive.google.com/open?id={DRIVE_ID}", DOWNLOAD),
        (f"https://drive.google.com/uc?id={DRIVE_ID}", DOWNLOAD),
        (f"http://drive.google.com/file/d/{DRIVE_ID}/view",
         f"http://drive.google.com/uc?export=download&id={DRIVE_ID}"),
        (f"https://docs.google.com/document/d/{DRIVE_ID}/edit?usp=sharing",
         f"https://docs.google.com/document/d/{DRIVE_ID}/export?format=pdf"),
        ("https://onedrive.live.com/redir?resid=ABC123%21105&authkey=%21AbCd",
         "https://onedrive.live.com/download?resid=ABC123%21105&authkey=%21AbCd"),
        ("https://congresoedo.sharepoint.com/:b:/g/EaBcDeFgHiJ?e=x1Y2z3",
         "https://congresoedo.sharepoint.com/:b:/g/EaBcDeFgHiJ?e=x1Y2z3&download=1"),
    ],
)  # fmt: skip
def test_a_share_link_is_read_at_its_files_address(shared: str, file: str) -> None:
    assert download_address(shared) == file
    assert is_shared_file(shared)
    assert download_address(file) is None  # already the file's: asked as it is


@pytest.mark.parametrize(
    "other",
    [
        "https://drive.google.com/drive/folders/1a2B3c4D5e6F7g8H9i0J",  # a folder: a listing
        "https://drive.google.com/file/d/corto/view",  # no file id
        "https://www.congreso.gob.mx/file/d/1a2B3c4D5e6F7g8H9i0J/view",  # another host
        "https://congresoedo.sharepoint.com/sites/transparencia/Documentos/g.pdf",
        "https://onedrive.live.com/redir?cid=1",  # no file named
        "ftp://drive.google.com/file/d/1a2B3c4D5e6F7g8H9i0J/view",
        "https://drive.google.com:99999/file/d/1a2B3c4D5e6F7g8H9i0J/view",
    ],
)
def test_other_addresses_are_left_as_they_are(other: str) -> None:
    assert download_address(other) is None


def _spider() -> HtmlListingSpider:
    spec = parse_spec({
        "id": "congreso-gacetas", "kind": "legislativo", "institution": "Congreso del Estado",
        "jurisdiction": "MX-ZAC", "start_urls": ["https://www.congreso.gob.mx/gacetas/"],
        "listing": {"items": "css:li", "link": "css:a::attr(href)"},
    })  # fmt: skip
    return HtmlListingSpider(spec, None, RunStats("congreso-gacetas", 1))


def test_a_listing_rows_share_link_is_asked_at_its_files_address() -> None:
    shared = f"https://drive.google.com/file/d/{DRIVE_ID}/view?usp=sharing"
    request = _spider().follow(DocumentDraft(url=shared, listing_url="https://x/", fields={}))
    assert request.url == DOWNLOAD
    # the document keeps the address people open
    assert request.cb_kwargs["draft"].url == shared


def _requests(spider: HtmlListingSpider, page: str) -> list[Any]:
    response = HtmlResponse(
        "https://www.congreso.gob.mx/gacetas/gaceta-127/", body=page.encode(), encoding="utf-8"
    )
    draft = DocumentDraft(url=response.url, listing_url="https://www.congreso.gob.mx/", fields={})
    return [r for r in spider.parse_document(response, draft) if isinstance(r, Request)]


def test_a_page_framing_a_drive_preview_has_that_file() -> None:
    """The gazette's page frames the file's preview: its file is the PDF, not the page
    alone (nor Google's viewer as a second document)."""
    page = (
        "<html><body><h1>Gaceta Parlamentaria No. 127</h1><p>Publicada el 14 de marzo de "
        "2024.</p><iframe src='https://drive.google.com/file/d/" + DRIVE_ID + "/preview' "
        "width='100%' height='800'></iframe></body></html>"
    )
    (request,) = _requests(_spider(), page)
    assert request.url == DOWNLOAD


def test_a_page_framing_a_video_or_a_map_has_no_file() -> None:
    page = (
        "<html><body><h1>Sesión ordinaria</h1><iframe src='https://www.youtube.com/embed/"
        "AbCdEfGhIjK'></iframe><iframe src='https://www.google.com/maps/embed?pb=1'></iframe>"
        "</body></html>"
    )
    assert _requests(_spider(), page) == []


# Google Drive's answer for a large file (a scanned Diario de los Debates of 150 MB):
# a page of its own, with a 200, whose form a person clicks to download it anyway
CONFIRM_PAGE = (
    "<!DOCTYPE html><html><head><title>Google Drive - Advertencia de análisis de virus"
    "</title></head><body><div class='uc-main'><div id='uc-text'><p class='uc-warning-caption'>"
    "Google Drive no puede analizar este archivo en busca de virus.</p><p class='uc-warning-"
    "subcaption'><span class='uc-name-size'><a href='/open?id=" + DRIVE_ID + "'>DIARIO-DE-"
    "LOS-DEBATES-2024-03-14.pdf</a> (152M)</span> supera el tamaño máximo.</p>"
    "<form id='download-form' action='https://drive.usercontent.google.com/download' "
    "method='get'><input type='submit' id='uc-download-link' class='goog-inline-block "
    "jfk-button jfk-button-action' value='Descargar de todas formas'/>"
    "<input type='hidden' name='id' value='" + DRIVE_ID + "'><input type='hidden' "
    "name='export' value='download'><input type='hidden' name='confirm' value='t'>"
    "<input type='hidden' name='uuid' value='6f1c2d3e-aaaa-bbbb-cccc-0123456789ab'></form>"
    "</div></div></body></html>"
)
CONFIRMED = (
    f"https://drive.usercontent.google.com/download?id={DRIVE_ID}&export=download&confirm=t"
    "&uuid=6f1c2d3e-aaaa-bbbb-cccc-0123456789ab"
)


def test_drives_download_anyway_page_leads_to_the_file_not_a_document() -> None:
    response = HtmlResponse(
        f"https://drive.usercontent.google.com/download?id={DRIVE_ID}&export=download",
        body=CONFIRM_PAGE.encode(), encoding="utf-8",
    )  # fmt: skip
    shared = f"https://drive.google.com/file/d/{DRIVE_ID}/view?usp=sharing"
    draft = DocumentDraft(url=shared, listing_url="https://www.congreso.gob.mx/", fields={})
    out = list(_spider().parse_document(response, draft))
    # no document made of Google's words: the file is asked for, once
    assert [type(o).__name__ for o in out] == ["Request"]
    assert out[0].url == CONFIRMED and out[0].cb_kwargs["draft"].url == shared


def test_the_same_page_as_a_files_answer_leads_to_the_file() -> None:
    response = HtmlResponse(
        f"https://drive.usercontent.google.com/download?id={DRIVE_ID}&export=download",
        body=CONFIRM_PAGE.encode(), encoding="utf-8",
    )  # fmt: skip
    draft = DocumentDraft(
        url="https://www.congreso.gob.mx/d/1", listing_url="https://x/", fields={}
    )
    out = [o for o in _spider().parse_file(response, draft) if isinstance(o, Request)]
    assert [o.url for o in out] == [CONFIRMED]
    assert draft.files == []  # the page is not kept as the file


def test_a_page_elsewhere_with_such_a_form_is_no_confirmation() -> None:
    response = HtmlResponse(
        "https://www.congreso.gob.mx/descargas/", body=CONFIRM_PAGE.encode(), encoding="utf-8"
    )
    draft = DocumentDraft(url=response.url, listing_url="https://x/", fields={})
    out = list(_spider().parse_document(response, draft))
    assert not any(isinstance(o, Request) and "usercontent" in o.url for o in out)
