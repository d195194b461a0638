"""The operator's catalogue writes some sessions under an identity scope that is no
catalogue source's id (a congress's page and its channel share ``congreso-qro-sesiones``).
An institution whose namespace holds that name registered a source under it (as its id,
with an identity whose scope defaults to the id, or naming the scope outright): its crawl
then wrote the sessions the operator's crawl files there, and the operator's crawl merged
its own into them, so the catalogue published a text the institution's site forged. The
catalogue's scopes are reserved as its ids are: such a registration is refused, and the
catalogue's sessions stay its own. Real crawls of a real site on 127.0.0.1."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from config.specs import parse_spec
from tests.adversarial.test_tenancy import A_PHRASE, FIXTURE, FORGED, QRO, Two, _service
from tests.adversarial.test_tenancy import session_spec as _session_spec
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

CATALOGUE = "congreso-qro-pagina"
SCOPE = "congreso-qro-sesiones"  # the catalogue's scope, no catalogue source's id


def session_spec(base: str, source_id: str, **changes: Any) -> dict[str, Any]:
    return _session_spec(base, source_id, **changes)


def _catalogue(folder: Path, base: str) -> None:
    spec = session_spec(f"{base}/a", CATALOGUE, institution=QRO)
    spec["identity"] = {"scope": SCOPE, "key": ["date", "session_type"]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{CATALOGUE}.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True))


def _refused(answer: httpx.Response) -> None:
    """Refused as a catalogue id is (a 409 saying the id is taken) or as a name outside
    the namespace (a 422 naming the field), in Spanish; nothing stored."""
    assert answer.status_code in (409, 422), answer.text
    body = answer.json()
    problems = body["detail"] if isinstance(body.get("detail"), list) else [body]
    assert all(p.get("mensaje") for p in problems), answer.text


@dataclass
class Crawled:
    two: Two
    registered: httpx.Response
    forged_at: set[str]  # where the institution's crawl published its forged text


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """The institution registers its (forged) copy of the site under the catalogue's
    scope and crawls first; then the operator crawls its catalogue source."""
    root = tmp_path_factory.mktemp("catalogue-scopes")
    sites = root / "sites"
    shutil.copytree(FIXTURE, sites / "a")
    shutil.copytree(FIXTURE, sites / "b")
    page = sites / "b" / "sesiones" / "2025-02-19.html"
    page.write_text(page.read_text(encoding="utf-8").replace(A_PHRASE, FORGED), encoding="utf-8")
    with FixtureServer(sites) as server:
        _catalogue(root / "specs", server.url)
        two = _service(root / "data", sources_dir=root / "specs")
        registered = two.api.post(
            "/v1/sources", json=session_spec(f"{server.url}/b", SCOPE), headers=two.a
        )
        run_crawl(two.settings.data_dir, server.url, SCOPE, sources_dir=root / "specs")
        forged = two.api.get("/v1/search", params={"q": f'"{FORGED}"'}).json()["hits"]
        theirs = run_crawl(two.settings.data_dir, server.url, CATALOGUE, sources_dir=root / "specs")
        assert theirs.returncode == 0, theirs.stdout + theirs.stderr
    yield Crawled(two, registered, {hit["id"] for hit in forged})
    two.library.close()


def test_a_source_under_the_catalogues_scope_is_refused(crawled: Crawled) -> None:
    _refused(crawled.registered)
    assert crawled.two.registry.get_source(SCOPE) is None


def test_the_catalogues_sessions_are_its_own_alone(crawled: Crawled) -> None:
    api = crawled.two.api
    hits = api.get("/v1/search", params={"q": "", "kind": "sesion"}).json()["hits"]
    assert len(hits) == 2
    for hit in hits:
        document = api.get(hit["permalink"]).json()
        # no publication of the institution's among the catalogue's document's
        assert [p["source_id"] for p in document["sources"]] == [CATALOGUE], document["sources"]
    # nor was any of them, before the operator's crawl, the institution's forged text
    assert not crawled.forged_at & {hit["id"] for hit in hits}
    found = api.get("/v1/search", params={"q": f'"{A_PHRASE}"'}).json()
    assert (
        found["total"] == 1
        and api.get("/v1/search", params={"q": f'"{FORGED}"'}).json()["total"] == 0
    )


@pytest.mark.parametrize(
    "identity",
    [
        {"key": ["date", "session_type"]},  # the scope is the id
        {"scope": SCOPE, "key": ["date", "session_type"]},
    ],
    ids=["default-scope", "named-scope"],
)
def test_neither_way_of_naming_the_scope_registers(
    tmp_path: Path, identity: dict[str, Any]
) -> None:
    _catalogue(tmp_path / "specs", "http://127.0.0.1:9")
    two = _service(tmp_path / "data", sources_dir=tmp_path / "specs")
    try:
        spec = session_spec("http://127.0.0.1:9", SCOPE, identity=identity)
        _refused(two.api.post("/v1/sources", json=spec, headers=two.a))
        assert two.registry.get_source(SCOPE) is None
        # another source of the institution may still name its own id as its scope
        own = session_spec("http://127.0.0.1:9", "congreso-qro-propias", identity=identity
                           | {"scope": "congreso-qro-propias"})  # fmt: skip
        assert two.api.post("/v1/sources", json=own, headers=two.a).status_code == 201
    finally:
        two.library.close()


@pytest.mark.parametrize(
    ("source_id", "identity"),
    [
        (SCOPE, {"key": ["date", "session_type"]}),  # the catalogue's scope as its id
        ("congreso-qro-copia", {"scope": SCOPE, "key": ["date", "session_type"]}),
        (CATALOGUE, {"scope": SCOPE, "key": ["date", "session_type"]}),  # the catalogue's id
    ],
    ids=["scope-as-id", "scope-named", "catalogue-id"],
)
def test_a_stored_source_under_the_catalogues_name_writes_none_of_its_documents(
    tmp_path: Path, source_id: str, identity: dict[str, Any]
) -> None:
    """A source stored before such names were refused (or written past the API) still
    crawls: every document it brings is a counted error, none is written where the
    catalogue files its own, and the operator's crawl then publishes its own text alone."""
    sites = tmp_path / "sites"
    shutil.copytree(FIXTURE, sites / "a")
    shutil.copytree(FIXTURE, sites / "b")
    page = sites / "b" / "sesiones" / "2025-02-19.html"
    page.write_text(page.read_text(encoding="utf-8").replace(A_PHRASE, FORGED), encoding="utf-8")
    specs = tmp_path / "specs"
    with FixtureServer(sites) as server:
        _catalogue(specs, server.url)
        two = _service(tmp_path / "data", sources_dir=specs)
        try:
            stored = session_spec(f"{server.url}/b", source_id, identity=identity, institution=QRO)
            two.registry.create_source("congreso-qro", parse_spec(stored), set())
            theirs = run_crawl(two.settings.data_dir, server.url, source_id, sources_dir=specs)
            refused = two.library.db.latest_runs([source_id])[source_id].errors
            if source_id == CATALOGUE:  # the catalogue's id: neither spec crawls, and why
                assert theirs.returncode != 0, theirs.stdout + theirs.stderr
                assert f"institución «{QRO}» (congreso-qro)" in theirs.stderr, theirs.stderr
                said = [e["message"] for e in refused["catalogue_clash"]["examples"]]
            else:
                assert "[foreign_document]: 2 errores" in theirs.stdout, theirs.stdout
                said = [e["message"] for e in refused["foreign_document"]["examples"]]
            assert all("catálogo del operador" in message for message in said), said
            api = two.api
            assert api.get("/v1/search", params={"q": f'"{FORGED}"'}).json()["total"] == 0
            assert api.get("/v1/search", params={"q": "", "kind": "sesion"}).json()["total"] == 0
            if source_id == CATALOGUE:  # the operator has the institution's source deleted
                assert two.registry.delete_source(CATALOGUE, "congreso-qro")
            ours = run_crawl(two.settings.data_dir, server.url, CATALOGUE, sources_dir=specs)
            assert ours.returncode == 0, ours.stdout + ours.stderr
            hits = api.get("/v1/search", params={"q": "", "kind": "sesion"}).json()["hits"]
            assert len(hits) == 2
            for hit in hits:
                document = api.get(hit["permalink"]).json()
                assert [p["source_id"] for p in document["sources"]] == [CATALOGUE]
            assert api.get("/v1/search", params={"q": f'"{A_PHRASE}"'}).json()["total"] == 1
            assert api.get("/v1/search", params={"q": f'"{FORGED}"'}).json()["total"] == 0
        finally:
            two.library.close()
