"""Tenants are walls: one institution's key cannot take, overwrite, impersonate or even
detect another's sources and documents."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from config.specs import parse_spec
from indexer.db.registry import Registry, RegistryError
from indexer.db.tables import SourceRow
from indexer.library import Library
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "video_channel" / "sesion-vinculada"
QRO = "Poder Legislativo del Estado de Querétaro"
A_PHRASE = "Ley de Protección de Datos Personales"
FORGED = "Dictamen falsificado por otra institución"


def session_spec(base: str, source_id: str, **changes: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "id": source_id,
        "kind": "sesion",
        "jurisdiction": "MX-QUE",
        "start_urls": [f"{base}/sesiones.html"],
        "required": ["date"],
        "identity": {"key": ["date", "session_type"]},
        "listing": {
            "items": "css:ul.sesiones li.sesion",
            "link": "css:a.detalle::attr(href)",
            "fields": {"date": "css:span.fecha::text", "session_type": "css:span.tipo::text"},
        },
        "detail": {"fields": {"title": "css:h1::text"}, "text": "css:main"},
        "constants": {},
    }
    return spec | changes


@dataclass
class Two:
    """Two institutions on one service: A, a congress, and B, a court."""

    api: TestClient
    library: Library
    registry: Registry
    settings: Settings
    a: dict[str, str]
    b: dict[str, str]


def _service(data_dir: Path, **changes: Any) -> Two:
    settings = Settings(data_dir=data_dir, allow_loopback=True, crawl_delay_s=0, **changes)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso-qro", QRO, "congress", "MX-QUE")
    registry.add_institution(
        "tsj-qro", "Tribunal Superior de Justicia de Querétaro", "court", "MX-QUE"
    )
    keys = [registry.issue_key(i)[1] for i in ("congreso-qro", "tsj-qro")]
    a, b = ({"Authorization": f"Bearer {key}"} for key in keys)
    return Two(TestClient(create_app(library, settings)), library, registry, settings, a, b)


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data")
    yield made
    made.library.close()


def _loc(response: Any) -> list[Any]:
    assert response.status_code == 422, response.text
    return [tuple(problem["loc"]) for problem in response.json()["detail"]]


@dataclass
class Crawled:
    two: Two
    a_output: str
    b_output: str
    b_refused: Any


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """A registers its sessions and crawls them; B, with a spec stored before scopes
    were checked (claiming A's scope and the Supreme Court's name), crawls a copy of
    the site whose text is forged."""
    root = tmp_path_factory.mktemp("tenancy")
    sites = root / "sites"
    shutil.copytree(FIXTURE, sites / "a")
    shutil.copytree(FIXTURE, sites / "b")
    page = sites / "b" / "sesiones" / "2025-02-19.html"
    page.write_text(page.read_text(encoding="utf-8").replace(A_PHRASE, FORGED), encoding="utf-8")
    (root / "specs").mkdir()
    two = _service(root / "data")
    with FixtureServer(sites) as server:
        a_spec = session_spec(f"{server.url}/a", "congreso-qro-sesiones")
        created = two.api.post("/v1/sources", json=a_spec, headers=two.a)
        assert created.status_code == 201, created.text
        # The stored spec claims another institution (as one stored before the check).
        claimed = a_spec | {"institution": "Suprema Corte de Justicia de la Nación"}
        two.registry.update_source("congreso-qro-sesiones", "congreso-qro", parse_spec(claimed))
        a_run = run_crawl(two.settings.data_dir, server.url, "congreso-qro-sesiones",
                          sources_dir=root / "specs")  # fmt: skip
        assert a_run.returncode == 0, a_run.stdout + a_run.stderr

        b_spec = session_spec(
            f"{server.url}/b",
            "tsj-qro-sesiones",
            identity={"scope": "congreso-qro-sesiones", "key": ["date", "session_type"]},
        )
        refused = two.api.post("/v1/sources", json=b_spec, headers=two.b)
        if refused.status_code != 201:
            b_spec["institution"] = "Suprema Corte de Justicia de la Nación"
            _store_unchecked(two.registry, "tsj-qro", b_spec)
        b_run = run_crawl(two.settings.data_dir, server.url, "tsj-qro-sesiones",
                          sources_dir=root / "specs")  # fmt: skip
    yield Crawled(two, a_run.stdout, b_run.stdout, refused)
    two.library.close()


def _store_unchecked(registry: Registry, owner: str, spec: dict[str, Any]) -> None:
    """A source row as a database from before the namespace checks could hold it: written
    past the registry, whose own wall now refuses a foreign scope too."""
    with pytest.raises(RegistryError, match="namespace"):
        registry.create_source(owner, parse_spec(spec), set())
    now = dt.datetime.now(dt.UTC)
    row = SourceRow(
        id=spec["id"], institution_id=owner, spec=parse_spec(spec).model_dump(mode="json"),
        paused=False, every_hours=24, next_run_at=now, created_at=now, updated_at=now,
    )  # fmt: skip
    with registry.db.session() as s, s.begin():
        s.add(row)


def test_another_institutions_scope_is_refused_like_any_foreign_name(crawled: Crawled) -> None:
    two = crawled.two
    assert _loc(crawled.b_refused) == [("body", "identity", "scope")]
    unused = session_spec(
        "http://127.0.0.1:9",
        "tsj-qro-otras",
        identity={"scope": "congreso-qro-nadie-la-usa", "key": ["date"]},
    )
    nobody = two.api.post("/v1/sources", json=unused, headers=two.b)
    assert nobody.json()["detail"][0]["msg"] == crawled.b_refused.json()["detail"][0]["msg"]
    assert "congreso-qro-sesiones" not in crawled.b_refused.text
    audit = two.api.get("/v1/sources/congreso-qro-sesiones/audit", headers=two.a).json()
    refusals = [e for e in audit["entries"] if e["action"] == "refused_scope"]
    assert [e["institution_id"] for e in refusals] == ["tsj-qro"]


def test_a_crawl_never_overwrites_another_institutions_document(crawled: Crawled) -> None:
    api = crawled.two.api
    found = api.get("/v1/search", params={"q": f'"{A_PHRASE}"'}).json()
    assert found["total"] == 1
    [hit] = found["hits"]
    assert api.get(hit["permalink"]).json()["source_id"] == "congreso-qro-sesiones"
    text = api.get(hit["permalink"] + "/text").text
    assert A_PHRASE in text and FORGED not in text
    assert api.get("/v1/search", params={"q": f'"{FORGED}"'}).json()["total"] == 0
    assert "[foreign_document]: 2 errores" in crawled.b_output, crawled.b_output
    assert api.get("/v1/search", params={"source": "tsj-qro-sesiones"}).json()["total"] == 0


def test_documents_carry_the_keys_institution_whatever_the_spec_says(crawled: Crawled) -> None:
    api = crawled.two.api
    sessions = api.get("/v1/search", params={"source": "congreso-qro-sesiones"}).json()
    assert sessions["total"] == 2
    assert {hit["institution"] for hit in sessions["hits"]} == {QRO}
    scjn = api.get("/v1/search", params={"institution": "Suprema Corte de Justicia de la Nación"})
    assert scjn.json()["total"] == 0


def test_naming_another_institution_is_a_422(two: Two) -> None:
    spec = session_spec("http://127.0.0.1:9", "tsj-qro-sesiones",
                        institution="Suprema Corte de Justicia de la Nación")  # fmt: skip
    for path in ("/v1/sources", "/v1/sources/preview"):
        assert _loc(two.api.post(path, json=spec, headers=two.b)) == [("body", "institution")]
    own = spec | {"institution": "Tribunal Superior de Justicia de Querétaro"}
    assert two.api.post("/v1/sources", json=own, headers=two.b).status_code == 201


def test_no_answer_tells_whether_another_institution_has_a_source(two: Two) -> None:
    spec = session_spec("http://127.0.0.1:9", "congreso-qro-sesiones")
    assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201
    taken = two.api.post("/v1/sources", json=spec, headers=two.b)
    free = two.api.post("/v1/sources", json=spec | {"id": "congreso-qro-libre"}, headers=two.b)
    assert (taken.status_code, taken.json()) == (free.status_code, free.json())
    assert _loc(taken) == [("body", "id")]
    for path in ("congreso-qro-sesiones", "congreso-qro-libre"):
        answer = two.api.get(f"/v1/sources/{path}", headers=two.b)
        assert answer.status_code == 404
    assert two.api.delete("/v1/sources/congreso-qro-sesiones", headers=two.b).status_code == 404
    mine = two.api.get("/v1/sources/congreso-qro-sesiones", headers=two.a).json()
    assert mine["spec"]["institution"] == QRO and mine["paused"] is False
    audit = two.api.get("/v1/sources/congreso-qro-sesiones/audit", headers=two.a).json()
    actions = {(e["action"], e["institution_id"]) for e in audit["entries"]}
    assert {("refused_create", "tsj-qro"), ("refused_read", "tsj-qro"),
            ("refused_delete", "tsj-qro")} <= actions  # fmt: skip
    # who tried is the target's business; the other institution's key and address are not
    theirs = [e for e in audit["entries"] if e["institution_id"] == "tsj-qro"]
    assert theirs and all(e["key_id"] is None and e["client"] is None for e in theirs)
    stored = [
        r for r in two.registry.audit_log("congreso-qro-sesiones") if r.institution_id == "tsj-qro"
    ]
    assert stored and all(r.key_id for r in stored)
    ours = [e for e in audit["entries"] if e["institution_id"] == "congreso-qro"]
    assert ours and all(e["key_id"] for e in ours)
    own = two.api.post("/v1/sources", json=spec | {"id": "tsj-qro-sesiones"}, headers=two.b)
    assert own.status_code == 201, own.text


def test_refused_attempts_cannot_flood_the_targets_audit_log(tmp_path: Path) -> None:
    two = _service(tmp_path, write_rate_per_minute=5)
    spec = session_spec("http://127.0.0.1:9", "congreso-qro-sesiones")
    assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201
    answers = {two.api.get("/v1/sources/congreso-qro-sesiones", headers=two.b).text
               for _ in range(40)}  # fmt: skip
    assert len(answers) == 1
    audit = two.api.get("/v1/sources/congreso-qro-sesiones/audit", headers=two.a).json()
    refused = [e for e in audit["entries"] if e["action"] == "refused_read"]
    assert 1 <= len(refused) <= 6
    two.library.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/sesiones.html",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.10:8080/",
        "http://[fd00::1]/",
        "http://0.0.0.0/",
        "http://127.0.0.1:99999/",
        "http://127.0.0.1:0/",
        "HTTP://10.1.2.3/",
        "http://127.0.0.1:puerto/",
        # the crawler reads the host before the backslash; Python after the "@"
        "http://169.254.169.254\\@93.184.216.34/latest/meta-data/",
    ],
)
def test_start_urls_the_guard_refuses_are_refused_at_registration(two: Two, url: str) -> None:
    spec = session_spec("http://127.0.0.1:9", "congreso-qro-sesiones")
    spec["start_urls"] = ["http://127.0.0.1:9/sesiones.html", url]
    for method, path in [("post", "/v1/sources"), ("post", "/v1/sources/preview")]:
        response = two.api.request(method, path, json=spec, headers=two.a)
        assert _loc(response) == [("body", "start_urls", 1)], (method, path)
    assert two.registry.list_sources() == []
    spec["start_urls"] = ["http://127.0.0.1:9/sesiones.html"]
    assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201
    spec["start_urls"] = [url]
    changed = two.api.put("/v1/sources/congreso-qro-sesiones", json=spec, headers=two.a)
    assert _loc(changed) == [("body", "start_urls", 0)]


def test_start_urls_on_many_hosts_are_refused_before_resolving_them(two: Two) -> None:
    spec = session_spec("http://127.0.0.1:9", "congreso-qro-sesiones")
    spec["start_urls"] = [f"http://127.0.0.{n}:9/sesiones.html" for n in range(1, 40)]
    assert _loc(two.api.post("/v1/sources", json=spec, headers=two.a)) == [
        ("body", "start_urls", 10)
    ]
    spec["start_urls"] = [f"http://127.0.0.1:9/sesiones-{n}.html" for n in range(200)]
    assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201


def test_a_preview_under_another_institutions_id_writes_nothing_of_it(two: Two) -> None:
    """A preview names its spec's id too: under another institution's id (or scope) it is
    refused like a registration, and the other's audit log only notes the refusal (never
    an action of a key that is not its own)."""
    spec = session_spec("http://127.0.0.1:9", "congreso-qro-sesiones")
    assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201
    foreign_id = spec | {"id": "congreso-qro-sesiones"}
    foreign_scope = spec | {
        "id": "tsj-qro-vista",
        "identity": {"scope": "congreso-qro-sesiones", "key": ["date", "session_type"]},
    }
    free = spec | {"id": "congreso-qro-libre"}
    answers = [
        two.api.post("/v1/sources/preview", json=body, headers=two.b)
        for body in (foreign_id, free, foreign_scope)
    ]
    assert [_loc(a) for a in answers] == [
        [("body", "id")],
        [("body", "id")],
        [("body", "identity", "scope")],
    ]
    assert answers[0].json() == answers[1].json()  # nothing tells the id is taken
    audit = two.api.get("/v1/sources/congreso-qro-sesiones/audit", headers=two.a).json()
    by_b = {e["action"] for e in audit["entries"] if e["institution_id"] == "tsj-qro"}
    assert by_b and all(action.startswith("refused_") for action in by_b), by_b
    own = two.api.post("/v1/sources/preview", json=spec | {"id": "tsj-qro-vista"}, headers=two.b)
    assert own.status_code == 200, own.text
    own_audit = two.api.get("/v1/sources/congreso-qro-sesiones/audit", headers=two.a).json()
    assert len(own_audit["entries"]) == len(audit["entries"])


@pytest.mark.parametrize("hours", [0.0001, 0.25, 0.99])
def test_a_schedule_of_minutes_is_refused_so_no_source_holds_the_worker(
    two: Two, hours: float
) -> None:
    """A registered source crawled every few seconds would keep a worker's slot for
    itself, and the other institutions' crawls waiting: an hour is the shortest."""
    spec = session_spec("http://127.0.0.1:9", "congreso-qro-seguido")
    for path in ("/v1/sources", "/v1/sources/preview"):
        refused = two.api.post(path, json=spec | {"schedule": {"every_hours": hours}},
                               headers=two.a)  # fmt: skip
        assert _loc(refused) == [("body", "schedule", "every_hours")]
        assert "1" in refused.json()["detail"][0]["mensaje"]
    hourly = two.api.post("/v1/sources", json=spec | {"schedule": {"every_hours": 1}},
                          headers=two.a)  # fmt: skip
    assert hourly.status_code == 201 and hourly.json()["every_hours"] == 1
    again = two.api.put(
        "/v1/sources/congreso-qro-seguido",
        json=spec | {"schedule": {"every_hours": hours}},
        headers=two.a,
    )
    assert _loc(again) == [("body", "schedule", "every_hours")]


def test_a_preview_stays_its_makers_when_another_institution_later_owns_the_id(
    tmp_path: Path,
) -> None:
    """A congress previews a spec under an id of its namespace; the operator then adds a
    committee whose longer id covers it, and the committee registers that id. The
    preview is the congress's own (when it tried what): the committee's audit log lists
    its own changes and attempts made against its source, never what another key did
    with the id before the committee held it."""
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso", "Congreso del Estado", "congress", "MX-QUE")
    api = TestClient(create_app(library, settings))
    a = {"Authorization": f"Bearer {registry.issue_key('congreso')[1]}"}
    spec = session_spec("http://127.0.0.1:9", "congreso-qro-sesiones")
    previewed = api.post("/v1/sources/preview", json=spec, headers=a)
    assert previewed.status_code == 200, previewed.text
    registry.add_institution("congreso-qro", QRO, "congress", "MX-QUE")
    b = {"Authorization": f"Bearer {registry.issue_key('congreso-qro')[1]}"}
    assert api.post("/v1/sources", json=spec, headers=b).status_code == 201
    for who in ("all", "others"):
        audit = api.get(
            "/v1/sources/congreso-qro-sesiones/audit", params={"who": who}, headers=b
        ).json()
        seen = [(e["action"], e["institution_id"]) for e in audit["entries"]]
        assert ("preview", "congreso") not in seen, (who, seen)
    assert seen == []
    kept = [r.action for r in registry.audit_log("congreso-qro-sesiones", by="congreso")]
    assert kept == ["preview"]  # still the congress's, in the log
    library.close()
