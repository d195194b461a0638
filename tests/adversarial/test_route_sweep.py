"""Every route the app serves (the JSON API, feeds, exports and the HTML pages), asked
with a table of hostile values in every query parameter it reads, and with ``HEAD``,
``OPTIONS`` and odd ``Accept`` headers: each answer is a 2xx/3xx or a 4xx that says why
in Spanish (``mensaje`` in JSON, a page in HTML), never a 5xx, and none hangs. Routes
are listed from the app itself, so a route added later is swept too.

No timed asserts: a watchdog fails a request only when it has not answered at all after
``HANG_S`` (a hang, not a slow machine)."""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Hang
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import FileRef
from indexer.speeches import import_roster
from tests.adversarial.service import Api, listing_spec, open_api
from tests.adversarial.test_unstorable_text_backends import _all_routes
from tests.api.conftest import PDF_BYTES, _docs
from tests.speeches.test_speech_api import _session
from tests.speeches.test_split import CONGRESS, FIXTURES, TRANSCRIPT

HANG_S = 120


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# what users and scripts type: query syntax of every search language, numbers and dates
# out of every range, forged cursors, names of nothing, injection shapes
HOSTILE = [
    "*a*", "amparo~999999", '"a b"~' + "9" * 40, "((((", '"', "\\", "/.*/", "[a TO z]",
    "NOT NOT NOT a", "titulo:", "a:b:c", "año:99999", 'expediente:"/"', "-1", "9" * 40,
    "NaN", "1.5", "１", "²", "0000-00-00", "99999-01-01", "2024-02-30",
    _b64(b"\xff\xfe\x00"), _b64(b'{"o":1e999,"q":[]}'), _b64(b'{"o":1,"q":"x","c":{}}'),
    "A" * 5000, "juez", ",".join(["year"] * 200), "", "a\u0301" * 3000, "\u202e\u200b",
    "javascript:alert(1)", "//evil.example",
    # digits past the 4,300 ``int`` reads (a year of 5,000 nines was a 500); Arabic-Indic
    "9" * 5000, "-" + "9" * 5000, "\u0662\u0660\u0662\u0664",
]  # fmt: skip
# already percent-encoded: what no decoder reads, NUL, a lone surrogate, overlong UTF-8
RAW = ["%zz", "%E0%A4%A", "%00", "%ED%A0%80", "%C0%AF"]
# parameters the HTML pages read themselves (they are not in the OpenAPI)
PAGE_PARAMS = [
    "q", "cursor", "sort", "date_from", "date_to", "desde", "hasta", "anio", "year", "mes",
    "congreso", "tipo", "ver", "volver", "t", "parte", "intervencion", "intervenciones",
    "tribunal", "fuente", "materia", "limit", "facets",
]  # fmt: skip
ACCEPTS = ["text/html", "application/xml", "*/*;q=abc", "text/html;q=0", "a" * 10_000,
           "application/json, text/html;q=1e999"]  # fmt: skip


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """A library of every kind (a session with its speeches among them), an institution
    with a source: every route has something real to answer about."""
    made = open_api(
        tmp_path_factory.mktemp("sweep"), write_rate_per_minute=10**6,
        alert_rate_per_minute=10**6, read_limit_anonymous=10**7,
        read_limit_institution=10**7,
    )  # fmt: skip
    library = made.library
    pdf = FileRef(url="https://ejemplo.gob.mx/a.pdf", sha256=library.archive.put(PDF_BYTES),
                  content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    for doc in _docs(pdf, pdf):
        library.add_document(doc)
    import_roster(library.db, (FIXTURES / "padron-diputados.csv").read_text(), CONGRESS, "LXVI")
    library.add_document(_session("ses1", "2025-02-18", TRANSCRIPT))
    library.flush()
    made.client = TestClient(create_app(library, made.settings), raise_server_exceptions=False)
    spec = listing_spec("http://127.0.0.1:9/lista")
    assert made.client.post("/v1/sources", json=spec, headers=made.headers).status_code == 201
    yield made
    made.close()


IDS = {"{doc_id}": "ses1", "{session_id}": "ses1", "{source_id}": "pj-gto-prueba",
       "{person_id}": "x", "{alert_id}": "1", "{token}": "abc", "{name}": "x",
       "{congress_slug}": "h-congreso-del-estado-de-guanajuato"}  # fmt: skip


def _filled(template: str) -> str:
    for part, value in IDS.items():
        template = template.replace(part, value)
    return template


def _routes() -> list[tuple[str, set[str]]]:
    """(path template, methods) of every route of the app, read at collection."""
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Settings(data_dir=Path(folder)))
        try:
            return sorted(_all_routes(create_app(library).routes))
        finally:
            library.close()


_PATHS: dict[str, Any] = {}  # the OpenAPI's paths, read once


def _query_names(api: Api, template: str, method: str) -> list[str]:
    """The query parameters the route declares; the pages' own table for a page."""
    if not _PATHS:
        _PATHS.update(api.client.get("/openapi.json").json()["paths"])
    operation = _PATHS.get(template, {})
    if not operation:
        return PAGE_PARAMS
    found = operation.get(method.lower(), {}).get("parameters", [])
    return [p["name"] for p in found if p["in"] == "query"]


class Sweep:
    """Requests made under a watchdog; what is wrong with each answer, gathered."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.problems: list[tuple[Any, ...]] = []

    def ask(self, method: str, url: str | httpx.URL, headers: dict[str, str] | None = None) -> None:
        asked = self.pool.submit(
            self.api.client.request, method, url, headers=self.api.headers | (headers or {})
        )
        try:
            answer = asked.result(timeout=HANG_S)
        except Hang:
            self.problems.append((method, str(url)[:160], "no answer: a hang"))
            self.pool = ThreadPoolExecutor(max_workers=1)  # the hung one stays behind
            return
        problem = _problem(method, answer)
        if problem:
            self.problems.append((method, str(url)[:160], answer.status_code, problem))


def _problem(method: str, answer: httpx.Response) -> str | None:
    """What is wrong with an answer to hostile input, if anything."""
    if answer.status_code >= 500:
        return answer.text[:300]
    if answer.status_code < 400 or method == "HEAD":
        return None
    kind = answer.headers.get("content-type", "")
    if "json" in kind:
        said = json.dumps(answer.json(), ensure_ascii=False)
        return None if '"mensaje"' in said else f"no Spanish mensaje: {said[:200]}"
    return None if "text/html" in kind else f"a refusal in {kind!r}: {answer.text[:200]}"


ROUTES = _routes()


@pytest.mark.parametrize(("template", "methods"), ROUTES, ids=[f"{t}" for t, _ in ROUTES])
def test_hostile_values_in_every_parameter_are_never_a_server_error(
    api: Api, template: str, methods: set[str]
) -> None:
    sweep = Sweep(api)
    url = _filled(template)
    for method in ("HEAD", "OPTIONS"):
        sweep.ask(method, url)
    if "GET" in methods:
        for name in _query_names(api, template, "GET"):
            for value in HOSTILE:
                sweep.ask("GET", f"{url}?{name}={quote(value, safe='')}")
            for raw in RAW:
                sweep.ask("GET", httpx.URL(f"http://testserver{url}?{name}={raw}"))
        for accept in ACCEPTS:
            sweep.ask("GET", url, {"Accept": accept})
            sweep.ask("GET", f"{url}?q=%22", {"Accept": accept})
    assert sweep.problems == []


def test_every_route_is_swept() -> None:
    """The sweep lists the app's routes: the pages' and the institutions' among them."""
    swept = {template for template, _ in ROUTES}
    assert {"/v1/search", "/buscar", "/d/{doc_id}", "/v1/sources/{source_id}/runs",
            "/sesiones/{congress_slug}", "/v1/search.atom", "/v1/export.csv"} <= swept  # fmt: skip
    assert len(swept) >= 45
