"""A template names a record's value as often as it likes: ``{texto}`` written 20,000
times in a 64 KB spec, over an API record whose ``texto`` is 1 MB, is a 20 GB field in
the crawl's (or the preview's) process, made in one step of one callback: the crawl's
memory limit is checked between steps (every 10 s), too late, and the machine's other
crawls and the API go with it. A real template names a handful of
values; one string with more than ``MAX_PLACEHOLDERS`` placeholders, in any place a spec
renders (fields, links, files, parameters, a POST's body), is a 422 naming the field,
at registration and at preview, with a Spanish ``mensaje``; nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from config.spec_shapes import MAX_PLACEHOLDERS
from config.specs import SourceSpec
from crawlers.templates import render
from tests.adversarial.service import Api, open_api

URL = "http://127.0.0.1:9/api"
REPEATED = "{texto}" * 5_000


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(Path(tmp_path_factory.mktemp("data")), write_rate_per_minute=1000)
    yield made
    made.close()


def _json_api(**rules: Any) -> dict[str, Any]:
    return {
        "institution": "Poder Judicial del Estado de Guanajuato",
        "id": "pj-gto-api", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
        "start_urls": [URL],
        "json_api": {"records": "resultados", "link": URL + "/{id}"} | rules,
    }  # fmt: skip


HOSTILE = {
    "fields": (_json_api(fields={"title": REPEATED}), ("json_api", "fields")),
    "link": (_json_api(link=URL + "/" + REPEATED), ("json_api", "link")),
    "files": (_json_api(files=[URL + "/" + REPEATED]), ("json_api", "files")),
    "params": (_json_api(params={"q": "{page}" * 5_000}), ("json_api", "params")),
    "body": (_json_api(method="POST", body={"q": ["{page}" * 5_000]}), ("json_api", "body")),
}


def test_the_amplification_is_real() -> None:
    """What the bound stops: a 35 KB template over a 10 KB value renders 50 MB."""
    rendered = render(REPEATED, {}, {"texto": "x" * 10_000})
    assert len(rendered) == 50_000_000 and len(REPEATED) == 35_000


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_a_template_naming_values_thousands_of_times_is_a_422(
    api: Api, path: str, case: str
) -> None:
    spec, loc = HOSTILE[case]
    response = api.client.post(path, json=spec, headers=api.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert tuple(problem["loc"][1 : 1 + len(loc)]) == loc, problem
    assert str(MAX_PLACEHOLDERS) in problem["mensaje"] and "marcadores" in problem["mensaje"]
    assert api.registry.list_sources() == []


def test_ordinary_templates_are_kept() -> None:
    title = "{tipo} {numero}/{anio} — {organo} ({materia}), {fecha:>10}"
    spec = SourceSpec.model_validate(
        _json_api(fields={"title": title}, link=URL + "/{anio}/{organo}/{numero}?v={id}")
    )
    assert spec.json_api is not None and spec.json_api.fields["title"] == title
    most = " ".join(f"{{c{n}}}" for n in range(MAX_PLACEHOLDERS))
    assert SourceSpec.model_validate(_json_api(fields={"title": most})).json_api is not None
