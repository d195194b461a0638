"""Property tests on the spec validator: whatever a spec holds — random values at any
path, missing or extra keys, any text as a YAML file — validating it either gives a spec
or the documented error (SpecError; pydantic's ValidationError through the API), never
another exception."""

from __future__ import annotations

import contextlib
import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from config.specs import SourceSpec, SpecError, load_spec, parse_spec

BASES: list[dict[str, Any]] = [
    {"id": "tribunal-gto-sentencias", "kind": "sentencia", "institution": "Poder Judicial",
     "jurisdiction": "MX-GUA", "start_urls": ["https://pj.gob.mx/sentencias/"],
     "listing": {"items": "table tr", "link": "a::attr(href)", "next_page": "a.sig::attr(href)",
                 "fields": {"court": {"select": "td.j::text", "regex": r"Sala (\w+)"}},
                 "next_query": {"pagina": "{page}"}},
     "detail": {"fields": {"expediente": "css:dd::text"}, "files": "a::attr(href)"},
     "identity": {"key": ["expediente"]}, "window": {"query": {"desde": "{since:%d/%m/%Y}"}},
     "constants": {"matter": "penal"}, "required": ["title"]},
    {"id": "gaceta-feed", "kind": "legislativo", "institution": "Congreso", "jurisdiction": "MX",
     "shape": "feed", "start_urls": ["https://c.gob.mx/rss"],
     "feed": {"keep": "(?i)gaceta", "skip": "^aviso", "fields": {"doc_type": "xpath:./c/text()"}}},
    {"id": "mapa-sitio", "kind": "legislativo", "institution": "Congreso", "jurisdiction": "MX",
     "shape": "sitemap", "start_urls": ["https://c.gob.mx/sitemap.xml"],
     "sitemap": {"rules": [{"pattern": "/ini/", "constants": {"doc_type": "iniciativa"}}],
                 "exclude": ["/tag/"], "follow": ["ini"]}},
    {"id": "canal-sesiones", "kind": "sesion", "institution": "Congreso", "jurisdiction": "MX",
     "shape": "video_channel", "start_urls": ["https://c.gob.mx/videos"],
     "video_channel": {"format": "page", "items": "div.v", "skip": "(?i)conferencia",
                       "fields": {"title": "h3::text"}, "next_page": "a.sig::attr(href)"}},
    {"id": "api-scjn", "kind": "sentencia", "institution": "SCJN", "jurisdiction": "MX",
     "shape": "json_api", "start_urls": ["https://bj.scjn.gob.mx/api"],
     "json_api": {"records": "resultados", "total": "total", "link": "https://x/{id}",
                  "params": {"pagina": "{page}", "size": 50}, "method": "POST",
                  "body": {"q": "*", "filtros": [{"a": "{page}"}]},
                  "fields": {"court": "organo", "title": "Expediente {num}"},
                  "files": ["https://x/{id}.pdf"]}},
]  # fmt: skip

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=30) | st.sampled_from(
        ["${ABIERTO_DATABASE_URL}", "(a+)+$", r"(a)\1", "a{4294967296}", "xpath://a[re:test(.,'x')]",
         "css:", "xpath:", "{", "{page", "{since:%d}", "http://h:99999/", "", " ", "\x00"]
    )
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=12,
)  # fmt: skip


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_specs(draw: st.DrawFn) -> Any:
    spec = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(spec) if p]
        if not paths or not isinstance(spec, dict):
            break
        path = draw(st.sampled_from(paths))
        parent = spec
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(values)
    return spec


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=mutated_specs())
def test_any_mutated_spec_is_a_spec_or_the_documented_error(spec: Any) -> None:
    try:
        parsed = parse_spec(spec)
    except SpecError as exc:
        assert str(exc).startswith("especificación: ")
    else:  # what validates holds no placeholder: nothing can be expanded later
        assert "${" not in parsed.model_dump_json()
    with contextlib.suppress(ValidationError):
        SourceSpec.model_validate(spec)


@settings(max_examples=200, deadline=None)
@given(data=values)
def test_any_value_at_all_is_a_spec_or_the_documented_error(data: Any) -> None:
    with pytest.raises(SpecError, match=r"^especificación: "):
        parse_spec(data)  # no random value is a whole spec


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("specs")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200) | st.binary(max_size=200))
def test_any_file_is_a_spec_or_the_documented_error(folder: Path, text: str | bytes) -> None:
    path = folder / "fuente.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        load_spec(path)
    except SpecError as exc:
        assert str(exc).startswith("fuente.yaml: ")
