"""An archived original was served ``public, max-age=300``: a cache in front of the API (a
CDN, nginx's proxy_cache) went on serving it for five minutes after its document was
withheld for personal data. It now says ``no-cache``: the cache asks again before each
reuse, by the ETag, and gets a 304 while the document is published and the 451 once it
is withheld. Real HTTP on 127.0.0.1 over a real library with a real PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from api.app import create_app
from indexer.models import FileRef, PrivacyFinding, PrivacyReport, Sentencia, document_id
from tests.api.conftest import PDF_BYTES, make_library
from tests.uvicorn_thread import serving

HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="name", start=0, end=5)])


def _reused(cache_control: str) -> bool:
    """Whether a shared cache may serve a stored copy without asking the server first."""
    said = {part.strip().split("=")[0]: part.strip() for part in cache_control.split(",")}
    if "no-cache" in said or "no-store" in said or "private" in said:
        return False
    ages = [v for k, v in said.items() if k in ("max-age", "s-maxage")]
    return any(int(v.split("=")[1]) > 0 for v in ages)


def test_a_cache_asks_again_and_gets_the_451_once_withheld(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    try:
        pdf = FileRef(url="https://ejemplo.gob.mx/original.pdf", content_type="application/pdf",
                      sha256=library.archive.put(PDF_BYTES), size=len(PDF_BYTES))  # fmt: skip
        doc = Sentencia(
            id=document_id("pj-gto", "https://ejemplo.gob.mx/original"),
            title="Amparo directo 7/2024",
            date=dt.date(2024, 2, 1),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url="https://ejemplo.gob.mx/original",
            text="Sentencia sobre una pensión alimenticia.",
            files=[pdf],
        )
        library.add_document(doc)
        library.flush()
        with serving(create_app(library)) as base:
            address = f"{base}/v1/documents/{doc.id}/file?n=0"
            first = httpx.get(address, timeout=60)
            assert first.status_code == 200 and first.content == PDF_BYTES
            assert not _reused(first.headers["cache-control"]), first.headers["cache-control"]
            etag = first.headers["etag"]
            again = httpx.get(address, headers={"If-None-Match": etag}, timeout=60)
            assert again.status_code == 304
            library.add_document(doc.model_copy(update={"privacy": HELD}))
            asked = httpx.get(address, headers={"If-None-Match": etag}, timeout=60)
            assert asked.status_code == 451 and PDF_BYTES not in asked.content
    finally:
        library.close()
