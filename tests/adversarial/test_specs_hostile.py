"""Hostile specs: a ``${VAR}`` in a spec from the API is refused (never expanded, on any
path), and spec files or bodies built to exhaust the parser — invalid UTF-8, 50,000
levels of nesting, a 5,000-digit number, a billion laughs of YAML aliases, Python tags, a
JSON body nested 500 deep — are clear errors naming the file or field, in moments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.registry import registered_specs
from config.settings import Settings
from config.specs import SpecError, load_spec, parse_spec
from crawlers.trial import trial_crawl
from tests.adversarial.service import listing_spec, open_api
from tests.shapes.server import FixtureServer

REPO = Path(__file__).resolve().parents[2]
SECRET = "postgresql://abierto:secreto-del-servidor@db/abierto"


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"start_urls": ["http://${ABIERTO_DATABASE_URL}/"]}, ["start_urls", 0]),
        ({"start_urls": ["https://pj.gob.mx/?k=${ABIERTO_DATABASE_URL:-x}"]}, ["start_urls", 0]),
        ({"description": "${ABIERTO_DATABASE_URL}"}, ["description"]),
        ({"constants": {"court": "${ABIERTO_DATABASE_URL}"}}, ["constants", "court"]),
        ({"listing": {"items": "tr", "fields": {"title": "css:td[title='${HOME}']::text"}}},
         ["listing", "fields", "title"]),
    ],
)  # fmt: skip
def test_placeholders_in_api_specs_are_422s_and_never_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, object], loc: list[object]
) -> None:
    api = open_api(tmp_path)
    monkeypatch.setenv("ABIERTO_DATABASE_URL", SECRET)
    body = listing_spec("https://poderjudicial-gto.gob.mx/sentencias/", **change)
    try:
        api.client.post("/v1/sources", json=listing_spec("https://pj.gob.mx/"), headers=api.headers)
        for method, path in (("POST", "/v1/sources"), ("POST", "/v1/sources/preview"),
                             ("PUT", "/v1/sources/pj-gto-prueba")):  # fmt: skip
            response = api.client.request(method, path, json=body, headers=api.headers)
            assert response.status_code == 422, response.text
            [problem] = response.json()["detail"]
            assert problem["loc"][1 : 1 + len(loc)] == loc
            assert "not expanded" in problem["msg"] and "secreto" not in response.text
        stored = api.registry.get_source("pj-gto-prueba")
        assert stored is not None and "secreto" not in json.dumps(stored.spec)
    finally:
        api.close()


def test_a_stored_spec_with_a_placeholder_is_refused_when_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spec stored before placeholders were refused is not expanded by the worker."""
    api = open_api(tmp_path)
    spec = parse_spec(listing_spec("https://pj.gob.mx/") | {"institution": "PJ"})
    leaky = spec.model_copy(update={"start_urls": ["https://pj.gob.mx/?k=${ABIERTO_DATABASE_URL}"]})
    api.registry.create_source("pj-gto", leaky, reserved=set())
    monkeypatch.setenv("ABIERTO_DATABASE_URL", SECRET)
    good = parse_spec(
        listing_spec("https://pj.gob.mx/b") | {"id": "pj-gto-otra", "institution": "PJ"}
    )
    api.registry.create_source("pj-gto", good, reserved=set())
    try:
        # left out with a warning that names it, never expanded
        assert [s.id for s in registered_specs(api.settings)] == ["pj-gto-otra"]
        warning = capsys.readouterr().err
        assert "no se sustituye" in warning and "secreto" not in warning
        # the worker crawls one source at a time: the leaky spec does not stop the other
        assert [s.id for s in registered_specs(api.settings, ["pj-gto-otra"])] == ["pj-gto-otra"]
    finally:
        api.close()


def test_a_trial_crawl_never_expands_the_spec_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "feed.xml").write_text("<rss version='2.0'><channel/></rss>")
    monkeypatch.setenv("ABIERTO_SECRETO_PRUEBA", "secreto-del-servidor")
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    with FixtureServer(tmp_path / "www") as server:
        spec = parse_spec(
            {"id": "boletines-prueba", "kind": "legislativo", "shape": "feed",
             "institution": "Congreso", "jurisdiction": "MX-GUA",
             "start_urls": [f"{server.url}/feed.xml"]}
        )  # fmt: skip
        leaky = spec.model_copy(
            update={"start_urls": [f"{server.url}/feed.xml?k=${{ABIERTO_SECRETO_PRUEBA}}"]}
        )
        result = trial_crawl(leaky, settings, max_items=5, time_limit_s=20)
        requested = [hit.target for hit in server.log]
    assert not any("secreto" in target for target in requested), requested
    assert result["documents"] == [] and result["errors"]


def _base_yaml() -> str:
    return (
        "id: prueba-hostil\nkind: sentencia\ninstitution: Poder Judicial\n"
        "jurisdiction: MX-GUA\nstart_urls: ['https://pj.gob.mx/']\n"
        "listing: {items: tr, link: 'a::attr(href)'}\n"
    )


def _laughs() -> str:
    lines = ["x0: &a0 [" + ", ".join(["jaja"] * 10) + "]"]
    lines += [f"x{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    return "\n".join(lines) + "\njson_api:\n  body: *a9\n"


HOSTILE = {
    "utf8": (_base_yaml().encode() + b"description: resoluci\xf3n\n", "no está en UTF-8"),
    "deep": ((_base_yaml() + "description: " + "[" * 50_000 + "]" * 50_000).encode(), "anidado"),
    "number": ((_base_yaml() + "schedule: {every_hours: " + "7" * 5000 + "}").encode(), "cifras"),
    "laughs": (_laughs().encode() + _base_yaml().encode(), "alias"),
    "python-tag": ((_base_yaml() + "description: !!python/object/apply:os.system [id]").encode(),
                   "etiqueta"),
    "custom-tag": ((_base_yaml() + "description: !secreto x").encode(), "etiqueta"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_spec_files_are_clear_errors_naming_the_file(tmp_path: Path, case: str) -> None:
    data, says = HOSTILE[case]
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(data)
    with pytest.raises(SpecError, match=says) as refused:
        load_spec(path)
    assert str(refused.value).startswith(f"{case}.yaml: ")


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_cli_exits_non_zero_naming_the_file(tmp_path: Path, case: str) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / f"{case}.yaml").write_bytes(HOSTILE[case][0])
    env = os.environ | {"ABIERTO_SOURCES_DIR": str(tmp_path / "specs"),
                        "ABIERTO_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    env.pop("ABIERTO_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "sources"], env=env, cwd=REPO, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{case}.yaml" in done.stderr and "Traceback" not in done.stderr


def test_a_json_body_nested_500_deep_is_a_422(tmp_path: Path) -> None:
    api = open_api(tmp_path)
    deep = "1"
    for _ in range(500):
        deep = '{"a": ' + deep + "}"
    spec = {"id": "pj-api", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
            "start_urls": ["https://pj.gob.mx/api"],
            "json_api": {"records": "r", "link": "{id}", "method": "POST", "body": "@"},
            }  # fmt: skip
    text = json.dumps(spec).replace('"@"', deep)
    headers = api.headers | {"Content-Type": "application/json"}
    try:
        for path in ("/v1/sources", "/v1/sources/preview"):
            response = api.client.post(path, content=text, headers=headers)
            assert response.status_code == 422, response.text[:500]
            [problem] = response.json()["detail"]
            assert problem["loc"][0] == "body"
            assert "nested" in problem["msg"] and "32" in problem["msg"]
    finally:
        api.close()


def test_a_huge_number_in_a_json_body_is_a_4xx(tmp_path: Path) -> None:
    api = open_api(tmp_path)
    text = json.dumps(listing_spec("https://pj.gob.mx/")).replace(
        '"listing": {', '"listing": {"max_pages": ' + "9" * 5000 + ", "
    )
    headers = api.headers | {"Content-Type": "application/json"}
    try:
        response = api.client.post("/v1/sources", content=text, headers=headers)
        assert 400 <= response.status_code < 500, response.text[:500]
    finally:
        api.close()
