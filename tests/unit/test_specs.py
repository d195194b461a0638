"""Source specs: a bad spec is refused with a message naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.specs import SpecError, expand_env, load_spec, load_specs, parse_spec

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
        ({"jurisdiction": "MX-XYZ"}, "jurisdiction: unknown jurisdiction"),
        ({"start_urls": ["file:///etc/passwd"]}, "start_urls"),
        ({"start_urls": []}, "start_urls"),
        ({"kind": "boletin"}, "kind:"),
        ({"listing": {"link": "a"}}, "listing.items: Field required"),
        ({"listing": {"items": "tr", "fields": {"video_urls": "a"}}}, "listing.fields.video_urls"),
        ({"listing": {"items": "tr", "fields": {"court": {"select": "td", "regex": "("}}}},
         "invalid regular expression"),
        ({"listing": {"items": "xpath:"}}, "xpath: selector has no expression"),
        ({"constants": {"chamber": "x"}}, "constants.chamber"),
        ({"required": ["agenda"]}, "required"),
        ({"surprise": 1}, "surprise: Extra inputs are not permitted"),
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
    with pytest.raises(SpecError, match="not valid YAML"):
        load_spec(tmp_path / "a.yaml")
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    with pytest.raises(SpecError, match=r"already used by a\.yaml"):
        load_specs(tmp_path)


def test_bundled_catalogue_is_valid() -> None:
    specs = load_specs()
    assert {spec.kind for spec in specs} == {"sentencia", "sesion", "legislativo"}
