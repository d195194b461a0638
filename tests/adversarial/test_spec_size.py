"""A registered spec's size. Only the body limit (1 MB) bounded it: an institution could
store its quota of 200 sources of a megabyte each, and every list of its sources, and the
public /fuentes page for each of its visitors, read all 200 MB of them. The largest real
spec is a few KB; one of more than 64 KB is a 422 in Spanish, nothing stored."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.test_tenancy import Two, _service, session_spec

SOURCE = "congreso-qro-sesiones"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data")
    yield made
    made.library.close()


def test_a_spec_of_hundreds_of_kilobytes_is_refused(two: Two) -> None:
    huge = session_spec("http://127.0.0.1:9", SOURCE, description="relleno " * 40_000)
    for path in ("/v1/sources", "/v1/sources/preview"):
        refused = two.api.post(path, json=huge, headers=two.a)
        assert refused.status_code == 422, refused.text[:300]
        [problem] = refused.json()["detail"]
        assert problem["loc"] == ["body"]
        assert "a lo sumo 64 KB (esta ocupa 314 KB)" in problem["mensaje"]
    assert two.registry.list_sources() == []
    plain = session_spec("http://127.0.0.1:9", SOURCE, description="Sesiones del Pleno")
    assert two.api.post("/v1/sources", json=plain, headers=two.a).status_code == 201
    grown = two.api.put(f"/v1/sources/{SOURCE}", json=huge, headers=two.a)
    assert grown.status_code == 422
    kept = two.api.get(f"/v1/sources/{SOURCE}", headers=two.a).json()
    assert kept["spec"]["description"] == "Sesiones del Pleno"


def test_a_large_real_spec_is_accepted(two: Two) -> None:
    spec = session_spec("http://127.0.0.1:9", SOURCE, description="Sesiones " * 400)
    spec["start_urls"] = [f"http://127.0.0.1:9/sesiones/{year}.html" for year in range(1824, 2025)]
    assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201


def test_a_body_of_long_selectors_is_refused_for_its_size_before_they_are_read(
    two: Two,
) -> None:
    """Validating reads each selector (a CSS one is translated to XPath): 300 distinct
    CSS selectors of 1.7 KB, half a megabyte, took 10 s of CPU to be refused; the size
    is now checked first, and the answer is the size's, on every route a spec takes."""
    long = ", ".join(f"div:nth-child({n}n+1) > a.b.c[href*='x{n}']" for n in range(40))
    fields = {f"campo{n}": f"css:{long} > i.n{n}" for n in range(300)}
    spec = session_spec("http://127.0.0.1:9", SOURCE)
    spec["listing"] = {"items": "css:li", "link": "css:a::attr(href)", "fields": fields}
    plain = session_spec("http://127.0.0.1:9", SOURCE, description="Sesiones del Pleno")
    assert two.api.post("/v1/sources", json=plain, headers=two.a).status_code == 201
    for method, path in (
        ("POST", "/v1/sources"),
        ("POST", "/v1/sources/preview"),
        ("PUT", f"/v1/sources/{SOURCE}"),
    ):
        started = time.process_time()
        refused = two.api.request(method, path, json=spec, headers=two.a)
        spent = time.process_time() - started
        assert refused.status_code == 422, refused.text[:300]
        [problem] = refused.json()["detail"]
        assert problem["loc"] == ["body"], problem
        assert "una especificación registrada ocupa a lo sumo 64 KB" in problem["mensaje"]
        assert spent < 2, f"{path}: {spent:.1f} s of CPU"
