"""``GET /v1/documents/{id}`` and its full text and archived originals."""

from __future__ import annotations

import mimetypes
import re
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath
from typing import Annotated
from urllib.parse import quote, unquote, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse

from api.citation import citation
from api.deps import LibraryDep, page_address, permalink
from api.mensajes import Refused
from api.ranges import check_range
from api.routers.speeches import discussed_in
from api.schemas import DETAIL_BY_KIND, DocumentDetail, ErrorResponse
from config.spanish_errors import shown
from indexer.library import AnyDocument, Library
from indexer.models import FileRef
from indexer.retirement import successor
from indexer.speeches.store import session_speech_counts, session_speech_page

router = APIRouter(prefix="/v1/documents", tags=["documents"])

PREVIEW_CHARS = 500
# A session's document lists its first speeches; the rest are read from speeches_url.
DOCUMENT_SPEECHES = 100
NOT_FOUND = {
    301: {"description": "A retired id: the same address under the document that adopted it"},
    404: {"model": ErrorResponse, "description": "Unknown document or file"},
    410: {"model": ErrorResponse, "description": "A document retired with no heir"},
    451: {"model": ErrorResponse, "description": "Withheld for personal data"},
}
# the text route answers text/plain, but its 404 is JSON like every other error
JSON_NOT_FOUND = {
    301: {"description": "A retired id: the same address under the document that adopted it"},
    410: {"model": ErrorResponse, "description": "A document retired with no heir"},
    404: {
        "description": "Unknown document",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
    },
    451: {"model": ErrorResponse, "description": "Withheld for personal data"},
}
DocId = Annotated[str, PathParam(description="The document's id, as in search hits.")]
# Opened in the browser; anything else (HTML, office files, SVG…) is downloaded, so an
# archived page can never run in this site's origin.
INLINE_TYPES = frozenset({"application/pdf", "text/plain", "image/png", "image/jpeg", "image/gif"})
_CONTENT_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class DocumentMoved(Exception):
    """An old id of a document now published under another (``successor``)."""

    def __init__(self, old: str, heir: str) -> None:
        super().__init__(old)
        self.old = old
        self.heir = heir


def moved_answer(request: Request, exc: Exception) -> RedirectResponse:
    """The address asked for, with the heir's id in place of the old one (the same page,
    text or file of the document it became), its query kept: a permanent redirect."""
    assert isinstance(exc, DocumentMoved)
    path = request.url.path
    old, new = quote(exc.old, safe=""), quote(exc.heir, safe="")
    head, found, tail = path.rpartition(f"/{old}")
    if not found:  # the id written otherwise than quoted: found as given
        head, found, tail = path.rpartition(f"/{exc.old}")
    target = f"{head}/{new}{tail}" if found else f"/d/{new}"
    query = request.url.query
    return RedirectResponse(f"{target}?{query}" if query else target, status_code=301)


WITHHELD = (
    "Documento retenido: contiene datos personales y no se publica hasta que se revise "
    "(política de privacidad de su fuente)."
)
MASKED_ORIGINAL = (
    "El archivo original no se entrega: contiene datos personales que en el texto publicado "
    "se sustituyeron por [DATO PERSONAL]. Consulte el texto en /text."
)


def load_document(library: Library, doc_id: str) -> AnyDocument:
    """A published document: 404 if unknown, 451 if withheld for personal data. An id
    retired into another document (``Library.retire``) leads there: a 301 to the same
    address under its heir's id; one retired with no heir is 410 Gone."""
    doc = library.db.get_document(doc_id)
    if doc is None:
        retired, heir = successor(library.db, doc_id)
        if heir is not None:
            # an heir withheld for personal data is not named in a Location either
            if _withheld(library.db.get_document(heir)):
                raise HTTPException(451, WITHHELD)
            raise DocumentMoved(doc_id, heir)
        if retired:
            raise Refused(
                410,
                f"document {shown(doc_id)!r} was retired",
                f"el documento «{shown(doc_id)}» se retiró de la biblioteca y ya no se publica",
            )
        raise Refused(
            404,
            f"no document with id {shown(doc_id)!r}",
            f"no hay ningún documento con el identificador «{shown(doc_id)}»",
        )
    if _withheld(doc):
        raise HTTPException(451, WITHHELD)
    return doc


def _withheld(doc: AnyDocument | None) -> bool:
    return doc is not None and doc.privacy is not None and doc.privacy.withheld


def speech_fields(library: Library, doc: AnyDocument) -> dict[str, object]:
    """A session's speeches in order; the sessions that discussed a legislative record."""
    if doc.kind == "sesion":
        return {
            "speeches_url": f"/v1/sessions/{doc.id}/speeches",
            "speeches": session_speech_page(library.db, doc.id, 0, DOCUMENT_SPEECHES),
            "speeches_total": session_speech_counts(library.db, doc.id)[0],
        }
    if doc.kind == "legislativo":
        return {"discussed_in": discussed_in(library, doc.id)}
    return {}


def original_withheld(doc: AnyDocument, allowed: bool) -> bool:
    """A masked document's original still shows what was masked: not served unless the
    operator allows it (``ABIERTO_SERVE_MASKED_ORIGINALS``)."""
    report = doc.privacy
    masked = report is not None and report.policy == "mask" and bool(report.findings)
    return masked and not allowed


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """The text's beginning, whitespace collapsed, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


@router.get("/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND)
def get_document(request: Request, doc_id: DocId, library: LibraryDep) -> DocumentDetail:
    """All metadata of a document (every field of its kind), a text preview, links to
    the full text and the archived original files, the absolute address of its page and
    a suggested citation (text and CSL-JSON). A masked document's originals still show
    what was masked: unless the operator serves them, ``file_urls`` is empty and
    ``originals_withheld`` true."""
    doc = load_document(library, doc_id)
    link = permalink(doc.id)
    page = page_address(request, doc.id)
    data = doc.model_dump(exclude={"text"}) | speech_fields(library, doc)
    withheld = original_withheld(doc, request.app.state.settings.serve_masked_originals)
    return DETAIL_BY_KIND[doc.kind](
        **data,
        permalink=link,
        page_url=page,
        citation=citation(doc, page),
        text_url=f"{link}/text",
        text_preview=preview(doc.text),
        text_chars=len(doc.text),
        file_urls=[] if withheld else [f"{link}/file?n={n}" for n in range(len(doc.files))],
        originals_withheld=withheld,
    )


@router.get(
    "/{doc_id}/text",
    response_class=PlainTextResponse,
    responses={**JSON_NOT_FOUND, 200: {"content": {"text/plain": {}}}},
)
def get_text(doc_id: DocId, library: LibraryDep) -> PlainTextResponse:
    """The full extracted text, as ``text/plain; charset=utf-8``. A sentence's signature
    blocks and signature evidence, kept out of the searchable text (and so of snippets),
    come last."""
    doc = load_document(library, doc_id)
    text = f"{doc.text}\n\n{doc.signature_text}" if doc.signature_text else doc.text
    return PlainTextResponse(text, headers={"X-Content-Type-Options": "nosniff"})


@router.get(
    "/{doc_id}/file",
    response_class=FileResponse,
    responses={**NOT_FOUND, 200: {"content": {"application/octet-stream": {}}}, 304: {}},
)
def get_file(
    request: Request,
    doc_id: DocId,
    library: LibraryDep,
    n: Annotated[int, Query(ge=0, le=10_000, description="Which file, from 0")] = 0,
) -> Response:
    """An archived original, byte for byte. ``ETag`` is its sha256; ``If-None-Match``
    answers 304."""
    doc = load_document(library, doc_id)
    if not doc.files:
        raise Refused(
            404, "this document has no archived file", "este documento no tiene archivo original"
        )
    if original_withheld(doc, request.app.state.settings.serve_masked_originals):
        raise HTTPException(451, MASKED_ORIGINAL)
    if n >= len(doc.files):
        raise Refused(
            404,
            f"this document has {len(doc.files)} file(s): n is 0 to {len(doc.files) - 1}",
            f"este documento tiene {len(doc.files)} archivo(s): n va de 0 a {len(doc.files) - 1}",
        )
    ref = doc.files[n]
    try:
        path = library.archive.path_for(ref.sha256)
    except ValueError:
        path = None
    if path is None or not path.is_file():
        raise Refused(
            404,
            "the original file is not in the archive",
            "el archivo original no está en el archivo de la biblioteca",
        )
    etag = f'"{ref.sha256}"'
    # a cache in front asks again (a 304, by the ETag) before each reuse: a document
    # withheld for personal data since is then a 451 there too, not five minutes more of
    # its original served from the cache
    headers = {"ETag": etag, "Cache-Control": "public, no-cache"}
    if _etag_matches(request.headers.get("if-none-match"), ref.sha256):
        return Response(status_code=304, headers=headers)
    media_type = _media_type(library, ref, path)
    name = safe_filename(ref, doc.id, n, media_type)
    disposition = "inline" if media_type in INLINE_TYPES else "attachment"
    headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    headers["X-Content-Type-Options"] = "nosniff"
    check_range(request, path.stat().st_size)
    return FileResponse(path, media_type=media_type, headers=headers)


def _etag_matches(header: str | None, sha256: str) -> bool:
    if not header:
        return False
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/").strip('"')
        if tag in ("*", sha256):
            return True
    return False


def _media_type(library: Library, ref: FileRef, path: Path) -> str:
    """The file's type as its bytes say (a PDF served by ``descargar.php`` as
    ``application/octet-stream`` or ``text/html`` is a PDF), else as the site declared it
    when it was fetched; never from its address (``descargar.php`` says nothing of what
    it gave)."""
    known = _bytes_type(path) or ref.content_type
    if not known:
        row = library.db.get_file(ref.sha256)
        known = row.content_type if row is not None else None
    media_type = (known or "").split(";")[0].strip().lower()
    return media_type if _CONTENT_TYPE.match(media_type) else "application/octet-stream"


# the types whose first bytes say them for sure; any other is what the site declared
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"{\\rtf", "application/rtf"),
)
_OFFICE = "application/vnd.openxmlformats-officedocument."
_ZIPPED = (  # an Office file is a zip holding its body
    ("word/document.xml", _OFFICE + "wordprocessingml.document"),
    ("xl/workbook.xml", _OFFICE + "spreadsheetml.sheet"),
    ("ppt/presentation.xml", _OFFICE + "presentationml.presentation"),
)


def _bytes_type(path: Path) -> str | None:
    """The media type an archived file's first bytes prove, or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return None
    if b"%PDF-" in head:  # junk before the header is tolerated by readers (as in sniff)
        return "application/pdf"
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None
        return next((kind for body, kind in _ZIPPED if body in names), "application/zip")
    return None


# extensions of the programs that serve files (descargar.php?id=9, ver.aspx?doc=3): they
# say nothing of what the file is, so a download name never ends in one
_SCRIPT_EXTENSIONS = frozenset(
    {
        ".php", ".php3", ".php4", ".php5", ".phtml", ".asp", ".aspx", ".ashx", ".axd",
        ".jsp", ".jspx", ".cgi", ".do", ".action", ".pl", ".py", ".cfm", ".nsf", ".dll",
        ".exe",
    }
)  # fmt: skip
_UNKNOWN_TYPES = frozenset({"application/octet-stream", "binary/octet-stream"})


def safe_filename(ref: FileRef, doc_id: str, n: int, media_type: str) -> str:
    """An ASCII file name from the file's URL (``Sentencia Nº 3.pdf`` → ``Sentencia_N_3.pdf``),
    or the document id, ending in the extension of ``media_type`` (its real type): a
    server program's extension is replaced (``descargar.php`` → ``descargar.pdf``), another
    that is not the type's is kept and the type's added (``acuerdo.2025`` →
    ``acuerdo.2025.pdf``)."""
    try:
        raw = unquote(PurePosixPath(urlsplit(ref.url).path).name)
    except ValueError:
        raw = ""
    folded = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    name = _UNSAFE_NAME.sub("_", folded)
    stem, dot, ext = name.rpartition(".")
    if dot and f".{ext.lower()}" in _SCRIPT_EXTENSIONS:
        name = stem
    name = name.strip("._")[:120]
    if not name:
        name = f"{_UNSAFE_NAME.sub('_', doc_id)[:60].strip('._') or 'documento'}-{n}"
    suffix = PurePosixPath(name).suffix.lower()
    if media_type in _UNKNOWN_TYPES:  # nothing known of its type: a name's own is kept
        return name if suffix else name + ".bin"
    if suffix and suffix in mimetypes.guess_all_extensions(media_type):
        return name
    return name + (mimetypes.guess_extension(media_type) or ".bin")
