"""Every route that takes a body (POST, PUT, PATCH, DELETE), sent hostile JSON and form
bodies: each field of a valid body given every wrong type, huge and deep values, unicode
tricks, addresses of files and the server's environment; whole bodies that are no JSON
object. Each answer is a 2xx/3xx or a 4xx that says why in Spanish (``mensaje`` in JSON,
a page in HTML), never a 5xx, and none hangs; no answer carries the server's environment
or a file it holds, and a refused one changes no stored source. Routes are listed from
the app itself, so a route added later is swept too (a route with no base body below is
sent the whole-body table only).

No timed asserts: a watchdog fails a request only when it has not answered at all after
``HANG_S`` (a hang, not a slow machine)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Hang
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.adversarial.service import Api, listing_spec, open_api
from tests.adversarial.test_route_sweep import ROUTES, _filled

HANG_S = 120
SECRET = "s3creto-del-servidor-7f1c"  # an environment value no answer may carry
os.environ["ABIERTO_PRUEBA_SECRETO"] = SECRET
FILE_MARK = "root:x:0:0"  # /etc/passwd's first line, which no answer may carry
# what the server says, in Spanish, when it cannot do it (e-mail not configured, a full
# preview slot, a preview out of time): not an error of the server
UNAVAILABLE = {503, 504}

# each field of a valid body is given each of these in turn: every wrong type, too big
TYPES: list[Any] = [None, True, 2**70, 1e308, "", [], {"a": {"b": {}}}, "x" * 70_000]
# and some of these (each goes to a few fields, in turn): what reaches a file, the
# environment or a template; ids that look like another's; patterns that never end
STRINGS: list[str] = [
    "${ABIERTO_PRUEBA_SECRETO}", "$ABIERTO_PRUEBA_SECRETO", "${ABIERTO_PRUEBA_SECRETO:-x}",
    "{{ config }}", "{% for x in () %}{% endfor %}", "{0.__class__}", "%(x)s",
    "file:///etc/passwd", "/etc/passwd", "../../../../etc/passwd", "\\\\host\\share",
    "http://127.0.0.1:9/${ABIERTO_PRUEBA_SECRETO}", "http://[::1", "javascript:alert(1)",
    "pj-gto\u200b-x", "рj-gto-prueba", "PJ-GTO-PRUEBA", "pj-gto-prueba.", "pj-gto-prueba ",
    "\u202egto-pj", "ｐｊ-ｇｔｏ-ｐｒｕｅｂａ", "pj-gto-prueba\n", "otra-inst-x",
    "a\u0301" * 2000, "1" * 5000,
    "css:" + "a " * 5000, "xpath:" + "//a" * 3000, "re:(a+)+$", "re:" + "(" * 5000,
    "xpath:string(/*[" * 500, "css:a:nth-child(99999999999999999999n)",
    "$." + "." * 5000, "$..*..*..*..*", "$[?(@.a =~ /(a+)+$/)]",
]  # fmt: skip
SPREAD = 3  # how many fields each of STRINGS goes to
# a preview that validates fetches its start page (seconds each on a busy machine): its
# fields are given the TYPES no field takes (refused before any fetch); STRINGS reach its
# checks in /v1/sources, which are the same (``api.routers.sources._spec``)
PREVIEW_TYPES: list[Any] = [2**70, 1e308, "x" * 70_000]
# whole bodies: no JSON, another type, deep, huge numbers, bytes that are no text
RAW: list[tuple[str, bytes]] = [
    ("application/json", b""),
    ("application/json", b"null"),
    ("application/json", b"[]"),
    ("application/json", b'"texto"'),
    ("application/json", b"1e999999"),
    ("application/json", b"9" * 10_000),
    ("application/json", b"[" * 100_000),
    ("application/json", b'{"a":' * 50_000),
    ("application/json", b"{'a': 1}"),
    ("application/json", b'{"a": 1,}'),
    ("application/json", b"\xff\xfe{\x00}\x00"),
    ("application/json", b'\xef\xbb\xbf{"id": "pj-gto-bom"}'),
    ("application/json", b'{"id": "\xc0\xaf"}'),
    ("application/json", b'{"id": "\\ud800"}'),
    ("application/json", b'{"a": NaN}'),
    ("application/json", b'{"a": 1, "a": 2}'),
    ("application/json;charset=utf-7", b'{"id": "+AGEAYgBj-"}'),
    ("application/x-www-form-urlencoded", b"a=%zz&b=%00&c=%ED%A0%80&" + b"d=1&" * 2000),
    ("application/x-www-form-urlencoded", b"clave=" + b"%" * 5000),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
    ("multipart/form-data", b"--x--"),
    ("text/plain", b"hola"),
    ("application/xml", b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'),
    ("", b"\x00" * 100),
]
WEBHOOK = "http://127.0.0.1:9/recibir"
# a valid body of each route that reads one (a form is a dict of str sent as a form)
SPEC = listing_spec("http://127.0.0.1:9/lista") | {
    "required": ["expediente"],
    "constants": {"court": "Sala Penal"},
    "identity": {"scope": "pj-gto-prueba", "key": ["expediente"]},
    "detail": {"fields": {"expediente": "css:h1::text"}, "text": "css:main"},
}
SPEC["listing"] |= {"fields": {"expediente": "css:td::text"}, "next_page": "css:a.sig"}
JSON_API = {
    "id": "pj-gto-api", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
    "start_urls": ["http://127.0.0.1:9/api"],
    "json_api": {"records": "datos", "link": "http://127.0.0.1:9/d/{id}",
                 "fields": {"expediente": "exp"}, "params": {"p": "{page}"},
                 "headers": {"X-Token": "abc"}, "total": "total"},
}  # fmt: skip
BODIES: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("POST", "/v1/sources"): [SPEC, JSON_API],
    ("POST", "/v1/sources/preview"): [SPEC],
    ("PUT", "/v1/sources/{source_id}"): [SPEC],
    ("POST", "/v1/alerts"): [
        {
            "query": {"q": "amparo", "court": "x", "source": "pj-gto-prueba"},
            "delivery": {"webhook": WEBHOOK},
            "rate": "inmediata",
        },
        {"query": {"q": "amparo"}, "delivery": {"email": "datos@norte.mx"}},
    ],
    ("POST", "/v1/reader-keys"): [{"email": "datos@norte.mx", "name": "Redacción Norte"}],
}
FORMS: dict[tuple[str, str], dict[str, str]] = {
    ("POST", "/fuentes/entrar"): {"clave": "ea_x"},
    ("POST", "/fuentes/salir"): {},
    ("POST", "/lectores/confirmar"): {"t": "abc"},
}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(
        tmp_path_factory.mktemp("bodies"), write_rate_per_minute=10**6,
        alert_rate_per_minute=10**6, read_limit_anonymous=10**7,
        read_limit_institution=10**7, max_sources_per_institution=10**6,
        preview_timeout_s=20, smtp_host="127.0.0.1", smtp_port=9,
        public_url="https://abierto.example",
    )  # fmt: skip
    made.registry.add_institution("otra-inst", "Otra Institución", "court", "MX-GUA")
    made.client = TestClient(create_app(made.library, made.settings), raise_server_exceptions=False)
    assert made.client.post("/v1/sources", json=SPEC, headers=made.headers).status_code == 201
    yield made
    made.close()


def _leaves(body: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Where each value of ``body`` is: every leaf, and every object and list too."""
    if at:
        yield at
    if isinstance(body, dict):
        for name, value in body.items():
            yield from _leaves(value, (*at, name))
    elif isinstance(body, list):
        for n, value in enumerate(body):
            yield from _leaves(value, (*at, n))


def _with(body: Any, at: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(body))
    place = copy
    for step in at[:-1]:
        place = place[step]
    place[at[-1]] = value
    return copy


def _variants(
    body: dict[str, Any], types: list[Any] = TYPES, spread: int = SPREAD
) -> Iterator[dict[str, Any]]:
    """``body`` with each field given each of ``types``, each of STRINGS in ``spread`` of
    its text fields, and an unknown field in each object."""
    places = list(_leaves(body))
    for at in places:
        for value in types:
            yield _with(body, at, value)
    texts = [at for at in places if isinstance(_get(body, at), str)]
    for n, value in enumerate(STRINGS):
        for k in range(spread):
            yield _with(body, texts[(n * spread + k) % len(texts)], value)
    for at in [(), *(a for a in _leaves(body) if isinstance(_get(body, a), dict))]:
        extra = {"campo_de_mas": "${ABIERTO_PRUEBA_SECRETO}", "__proto__": {}}
        yield _with(body, at, _get(body, at) | extra) if at else body | extra


def _get(body: Any, at: tuple[Any, ...]) -> Any:
    for step in at:
        body = body[step]
    return body


class Sweep:
    """Requests made under a watchdog; what is wrong with each answer, gathered."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.problems: list[tuple[Any, ...]] = []
        self.asked = 0

    def stored(self) -> list[tuple[Any, ...]]:
        """The registered sources as stored: what a refused request must leave alone."""
        rows = self.api.registry.list_sources()
        return [(r.id, r.spec, r.paused, r.every_hours, r.updated_at) for r in rows]

    def ask(self, method: str, url: str, headers: dict[str, str], content: bytes) -> None:
        self.asked += 1
        before = self.stored()
        asked = self.pool.submit(
            self.api.client.request, method, url, headers=headers, content=content
        )
        try:
            answer = asked.result(timeout=HANG_S)
        except Hang:
            self.problems.append((method, url, content[:120], "no answer: a hang"))
            self.pool = ThreadPoolExecutor(max_workers=1)  # the hung one stays behind
            return
        problem = _problem(answer)
        if problem is None and answer.status_code >= 400 and self.stored() != before:
            problem = "refused, yet a source changed"
        if problem:
            self.problems.append((method, url, content[:120], answer.status_code, problem))


def _problem(answer: httpx.Response) -> str | None:
    """What is wrong with an answer to a hostile body, if anything."""
    text = answer.text
    if SECRET in text or FILE_MARK in text:
        return f"the server's environment or a file in the answer: {text[:300]}"
    if answer.status_code >= 500 and answer.status_code not in UNAVAILABLE:
        return text[:300]
    if answer.status_code < 400:
        return None
    kind = answer.headers.get("content-type", "")
    if "json" in kind:
        said = json.dumps(answer.json(), ensure_ascii=False)
        return None if '"mensaje"' in said else f"no Spanish mensaje: {said[:200]}"
    return None if "text/html" in kind else f"a refusal in {kind!r}: {text[:200]}"


BODY_ROUTES = [
    (method, template)
    for template, methods in ROUTES
    for method in sorted(methods & {"POST", "PUT", "PATCH", "DELETE"})
]


def _url(template: str) -> str:
    return _filled(template).replace("/alerts/1", "/alerts/999")


def test_the_base_bodies_are_accepted(api: Api) -> None:
    """Each hostile body differs from an accepted one in one place: what refuses it is
    that place, not a base body that was wrong to begin with (asked first: the sweep
    spends the budgets these use)."""
    fresh = JSON_API | {"id": "pj-gto-api-base"}
    assert api.client.post("/v1/sources", json=fresh, headers=api.headers).status_code == 201
    hook = BODIES[("POST", "/v1/alerts")][0]
    assert api.client.post("/v1/alerts", json=hook, headers=api.headers).status_code == 201
    # e-mail goes to port 9, where nothing listens: refused as unsent, after every check
    for path in ("/v1/alerts", "/v1/reader-keys"):
        mail = BODIES[("POST", path)][-1]
        unsent = api.client.post(path, json=mail)
        assert unsent.status_code == 503, unsent.text
        assert "correo" in unsent.json()["mensaje"]


@pytest.mark.parametrize(
    ("method", "template"), BODY_ROUTES, ids=[f"{m} {t}" for m, t in BODY_ROUTES]
)
def test_hostile_bodies_are_never_a_server_error(api: Api, method: str, template: str) -> None:
    sweep = Sweep(api)
    url = _url(template)
    json_headers = api.headers | {"Content-Type": "application/json"}
    preview = template.endswith("/preview")
    for body in BODIES.get((method, template), []):
        for variant in _variants(body, PREVIEW_TYPES, 0) if preview else _variants(body):
            sweep.ask(method, url, json_headers, json.dumps(variant).encode())
    form = FORMS.get((method, template))
    form_headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"}
    for name in form or {}:
        for value in [*TYPES, *STRINGS]:
            text = value if isinstance(value, str) else json.dumps(value)
            filled = httpx.QueryParams(form | {name: text})
            sweep.ask(method, url, form_headers, str(filled).encode())
    for kind, raw in RAW:
        for keyed in (api.headers, {}):
            sweep.ask(method, url, keyed | ({"Content-Type": kind} if kind else {}), raw)
    assert sweep.problems == [], sweep.problems[:5]


def test_every_body_route_is_swept() -> None:
    """The sweep lists the app's routes that take a body, the pages' among them."""
    swept = {(m, t) for m, t in BODY_ROUTES}
    assert set(BODIES) | set(FORMS) <= swept
    assert len(swept) >= 16
