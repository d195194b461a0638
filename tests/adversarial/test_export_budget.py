"""An export reads one snapshot of the index (api/export): long resolutions full of common
words indexed while it streams, which would make the next page of its proximity phrase ask
more work than a search may take, are not part of it, so the file ends whole with the
documents that matched when it began. (Before snapshots, the export read them and ended
midway with a notice.) Asked again, the export is the search's 422, in Spanish, before
its first byte."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia, document_id
from tests.api.test_phrase_budget import UNFIT, WORK, _text
from tests.uvicorn_thread import serving

DOCUMENTS = 500  # 60 KB each: 30 MB, more than the sockets buffer, so the server waits
FITS = " ".join(["de la"] * 10)  # the phrase itself: found at once, cheap
SAID = "exige demasiado trabajo"


def _sentencia(url: str, day: dt.date, text: str) -> Sentencia:
    return Sentencia(
        id=document_id("prueba", url),
        title=f"Amparo {url.rsplit('/', 1)[-1]}",
        date=day,
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        source_id="scjn",
        url=url,
        text=text,
    )


def _download(base: str, form: str, library: Library) -> tuple[int, bytes, bool]:
    """The status, the bytes that arrived and whether the transfer ended properly; the
    costly resolutions are indexed once the first bytes arrived."""
    params = {"q": UNFIT, "fields": "id,text"}
    received = b""
    with httpx.stream(
        "GET", f"{base}/v1/export.{form}", params=params, timeout=120,
        headers={"Accept-Encoding": "identity"},
    ) as answer:  # fmt: skip
        chunks = answer.iter_raw()
        received += next(chunks)
        for n in range(4):  # dated after the others: read by a later page
            url = f"https://ejemplo.gob.mx/larga/{n}"
            library.add_document(_sentencia(url, dt.date(2025, 1, 1 + n), _text(n)))
        library.flush()
        try:
            for chunk in chunks:
                received += chunk
        except httpx.RemoteProtocolError:
            return answer.status_code, received, False
    return answer.status_code, received, True


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_an_export_ends_whole_with_what_matched_when_it_began(tmp_path: Path, form: str) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None, phrase_work=WORK))
    for n in range(DOCUMENTS):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=n)
        text = "Se concede el amparo. " * 2_700 + FITS
        library.add_document(_sentencia(f"https://ejemplo.gob.mx/{n}", day, text))
    library.flush()
    try:
        with serving(create_app(library), log_level="critical") as base:
            status, body, finished = _download(base, form, library)
            again = httpx.get(f"{base}/v1/export.{form}", params={"q": UNFIT}, timeout=60)
    finally:
        library.close()
    assert status == 200 and finished
    text = body.decode()
    if form == "jsonl":
        documents = [json.loads(line) for line in text.splitlines()]
        assert all("_error" not in document for document in documents)
        ids = {document["id"] for document in documents}
    else:
        assert "# ERROR" not in text
        ids = {row["id"] for row in csv.DictReader(io.StringIO(text))}
    expected = {document_id("prueba", f"https://ejemplo.gob.mx/{n}") for n in range(DOCUMENTS)}
    assert ids == expected
    assert again.status_code == 422
    assert SAID in again.json()["detail"][0]["mensaje"]
