"""Source specs: a bad spec is refused with a message naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.specs import (
    SpecError,
    bundled_sources_dir,
    expand_env,
    load_spec,
    load_specs,
    parse_spec,
)

GOOD = {
    "id": "tribunal-gto-sentencias",
    "kind": "sentencia",
    "institution": "Poder Judicial del Estado de Guanajuato",
    "jurisdiction": "MX-GUA",
    "start_urls": ["https://example.org/sentencias/"],
    "listing": {"items": "table tr", "link": "a::attr(href)", "fields": {"court": "td.j::text"}},
}


def test_a_good_spec_loads_with_css_as_default() -> None:
    spec = parse_spec(GOOD)
    assert spec.listing.items.select == "css:table tr"
    assert spec.listing.fields["court"].engine == "css"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"id": "Bad Id"}, "id:"),
        ({"jurisdiction": "MX-XYZ"}, "jurisdiction: la jurisdicción «MX-XYZ» no existe"),
        ({"start_urls": ["file:///etc/passwd"]}, "start_urls"),
        ({"start_urls": []}, "start_urls"),
        ({"kind": "boletin"}, "kind:"),
        ({"listing": {"link": "a"}}, "listing.items: falta este dato"),
        ({"listing": {"items": "tr", "fields": {"video_urls": "a"}}}, "listing.fields.video_urls"),
        ({"listing": {"items": "tr", "fields": {"court": {"select": "td", "regex": "("}}}},
         "listing.fields.court.regex: expresión regular no válida"),
        ({"listing": {"items": "xpath:"}}, "listing.items: el selector «xpath:» no dice"),
        ({"constants": {"chamber": "x"}}, "constants.chamber"),
        ({"required": ["agenda"]}, "required"),
        ({"surprise": 1}, "surprise: no es un campo admitido"),
    ],
)  # fmt: skip
def test_bad_specs_name_the_field(change: dict[str, object], named: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(GOOD | change)
    assert named in str(caught.value)


def test_env_references_expand_with_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ABIERTO_TEST_HOST", raising=False)
    assert expand_env("${ABIERTO_TEST_HOST:-http://127.0.0.1:1}/x") == "http://127.0.0.1:1/x"
    monkeypatch.setenv("ABIERTO_TEST_HOST", "http://h")
    assert expand_env("${ABIERTO_TEST_HOST:-http://127.0.0.1:1}/x") == "http://h/x"


def test_yaml_errors_and_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"a\.yaml: no es YAML válido: no se puede leer cerca"):
        load_spec(tmp_path / "a.yaml")
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    with pytest.raises(SpecError, match=r"el id «tribunal-gto-sentencias» ya es de a\.yaml"):
        load_specs(tmp_path)


def test_bundled_catalogue_is_valid() -> None:
    specs = load_specs()
    assert {spec.kind for spec in specs} == {"sentencia", "sesion", "legislativo"}


FEED = {k: v for k, v in GOOD.items() if k != "listing"} | {"shape": "feed"}
API = {k: v for k, v in GOOD.items() if k != "listing"} | {
    "shape": "json_api",
    "json_api": {"records": "resultados", "link": "https://bj.example/doc/{id}"},
}


def test_every_shape_loads_with_its_own_block() -> None:
    assert parse_spec(FEED).rules().follow is True
    assert parse_spec(FEED | {"shape": "sitemap"}).rules().max_urls == 10_000
    channel = parse_spec(FEED | {"shape": "video_channel", "kind": "sesion"})
    assert channel.rules().format == "feed"
    assert parse_spec(API).rules().records == "resultados"
    assert parse_spec(GOOD).verified is False


@pytest.mark.parametrize(
    ("spec", "named"),
    [
        (FEED | {"listing": GOOD["listing"]}, "listing: este bloque solo se usa con"),
        (GOOD | {"feed": {"follow": False}}, "feed: este bloque solo se usa con shape: feed"),
        ({k: v for k, v in GOOD.items() if k != "listing"}, "listing: falta este bloque"),
        (FEED | {"shape": "json_api"}, "json_api: falta este bloque"),
        (API | {"json_api": {"records": "a..b", "link": "x"}}, "json_api.records"),
        (API | {"json_api": {"records": "r", "link": "{bad path}"}}, "json_api.link"),
        (FEED | {"shape": "video_channel"}, "kind: una especificación video_channel"),
        (FEED | {"shape": "video_channel", "kind": "sesion",
                 "video_channel": {"items": "div"}}, "video_channel.items: solo se usa con"),
        (FEED | {"feed": {"fields": {"video_urls": "a"}}}, "feed.fields.video_urls"),
        (FEED | {"feed": {"keep": "("}}, "feed.keep: expresión regular no válida"),
        (FEED | {"shape": "sitemap", "sitemap": {"rules": [{"pattern": "/x/",
                 "constants": {"agenda": "a"}}]}}, "sitemap.rules.0.constants.agenda"),
        (GOOD | {"identity": {"key": ["agenda"]}}, "identity.key.0"),
        (GOOD | {"listing": GOOD["listing"] | {"next_page": "a", "next_query": {"p": "{page}"}}},
         "listing.next_query: use una sola forma de pasar de página"),
        (GOOD | {"window": {"query": {"desde": "{since:%d/%m/%Y"}}}, "window.query"),
    ],
)  # fmt: skip
def test_shape_blocks_are_checked_and_errors_name_the_field(
    spec: dict[str, object], named: str
) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(spec)
    assert named in str(caught.value)


def test_form_pagination_and_identity_load() -> None:
    spec = parse_spec(
        GOOD
        | {
            "listing": GOOD["listing"]
            | {"next_form": {"form": "form#f1", "click": "btnSiguiente", "data": {"p": "{page}"}}},
            "identity": {"scope": "congreso", "key": ["date", "court"]},
            "window": {"query": {"desde": "{since:%d/%m/%Y}"}},
        }
    )
    assert spec.listing is not None and spec.listing.next_form is not None
    assert spec.listing.next_form.form.select == "css:form#f1"
    assert spec.identity is not None and spec.identity.key == ["date", "court"]


def test_selectors_that_could_never_run_are_refused_at_load() -> None:
    bad_css = GOOD | {"listing": GOOD["listing"] | {"items": "css:div.a li, css:table tr"}}
    with pytest.raises(SpecError, match=r"listing\.items: el selector CSS no es válido"):
        parse_spec(bad_css)
    bad_xpath = GOOD | {"listing": GOOD["listing"] | {"link": "xpath://a[@href"}}
    with pytest.raises(SpecError, match=r"listing\.link: el selector XPATH no es válido"):
        parse_spec(bad_xpath)


# Catalogue specs written against a real saved copy of their source (../shared corpus,
# crawled by tests/shapes/test_real_copies.py); every other one waits for an operator.
READ_FROM_REAL_COPIES = {"scjn-sentencias", "senado-gaceta", "senado-sesiones", "pj-nl-sentencias"}


def test_the_catalogue_of_real_sources_is_valid_and_verified_only_from_real_copies() -> None:
    catalogue = load_specs(bundled_sources_dir() / "catalogue")
    assert {spec.id for spec in catalogue if spec.verified} == READ_FROM_REAL_COPIES
    assert {spec.shape for spec in catalogue} == {
        "html_listing", "feed", "sitemap", "video_channel", "json_api",
    }  # fmt: skip
    assert {spec.kind for spec in catalogue} == {"sentencia", "sesion", "legislativo"}
    assert {"MX", "MX-CMX", "MX-NLE", "MX-GUA", "MX-JAL"} <= {s.jurisdiction for s in catalogue}
    assert not {s.id for s in catalogue} & {s.id for s in load_specs()}


def test_a_start_url_outside_allowed_domains_is_refused_naming_the_field() -> None:
    off_domain = GOOD | {
        "start_urls": ["https://www.senado.gob.mx/66/sesiones/"],
        "allowed_domains": ["infosen.senado.gob.mx"],
    }
    with pytest.raises(SpecError, match=r"start_urls\.0: .*está fuera de allowed_domains"):
        parse_spec(off_domain)
    sub_domain = off_domain | {"allowed_domains": ["senado.gob.mx"]}
    assert parse_spec(sub_domain).allowed_domains == ["senado.gob.mx"]
