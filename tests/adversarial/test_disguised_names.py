"""A body's name that reads as another institution's is another institution's, however it
is spelled: with a zero-width space or a word joiner inside a word, a soft hyphen, a
right-to-left mark, Cyrillic or Greek letters that look Latin, or full-width letters. The
registration check (and the crawl's, the same function) compared the bytes, so "Suprema Corte de
Justicia de la Nación" with a word joiner inside a word was a body of a state court
and its sentences were shown under a name no reader can tell from the Supreme Court's.
Short fields are also stored without invisible characters, so two names that look alike
are one name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.attribution import Publisher, foreign_value
from indexer.build import build_document
from tests.adversarial.test_tenancy import QRO, Two, _loc, _service, session_spec
from tests.adversarial.test_tenant_bodies import TSJ, _judgments

SCJN = "Suprema Corte de Justicia de la Nación"
DISGUISES = {
    "zero-width space": "Su\u200bprema Corte de Justicia de la Nación",
    "word joiner": "Supre\u2060ma Corte de Justicia de la Naci\u2060ón",
    "soft hyphen": "Supre\u00adma Cor\u00adte de Justicia de la Nación",
    "right-to-left mark": "\u200fSuprema Corte de Justicia de la Nación",
    "cyrillic e and o": "Supr\u0435ma C\u043erte de Justicia de la Nación",
    "greek capitals": "\u03a1rimera Sala de la Su\u0440rema Corte de Justicia de la Nación",
    "full-width": "Ｓｕｐｒｅｍａ Ｃｏｒｔｅ de Justicia de la Nación",
    "tag characters": "Supr\U000e0041ema Corte de Justicia de la Nación",
    "armenian o and u": "Suprema C\u0585rte de J\u057dsticia de la Nación",
    "cherokee capitals": "\u13dauprema \u13dforte de Justicia de la Nación",
    "lisu capitals": "Suprema \ua4da\ua4f3rte de Justicia de la Nación",
    "latin small capitals": "S\u1d1c\u1d18\u0280\u1d07\u1d0d\u1d00 Corte de Justicia de la Nación",
    "ipa and dotless letters": "Suprem\u0251 Corte de Just\u0131c\u0269a de la Nación",
    "estimated sign": "Supr\u212ema Corte de Justicia de la Nación",
}
# what the refusal names: a letter of another script among Latin ones is refused whatever
# name it spells; Latin look-alikes are read as the letters they look like
OTHER_SCRIPT = {"cyrillic e and o", "greek capitals", "armenian o and u", "cherokee capitals",
                "lisu capitals"}  # fmt: skip
PUBLISHER = Publisher(TSJ, "MX-QUE", (QRO,))


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data")
    yield made
    made.library.close()


@pytest.mark.parametrize("disguise", DISGUISES, ids=list(DISGUISES))
def test_a_disguised_supreme_court_is_a_422_naming_the_field(two: Two, disguise: str) -> None:
    spec = _judgments("http://127.0.0.1:9", "tsj-qro-disfraz")
    spec["constants"] = {"court": DISGUISES[disguise]}
    for path in ("/v1/sources", "/v1/sources/preview"):
        refused = two.api.post(path, json=spec, headers=two.b)
        assert _loc(refused) == [("body", "constants", "court")], path
        mensaje = refused.json()["detail"][0]["mensaje"]
        if disguise in OTHER_SCRIPT:
            assert "mezcla letras latinas con «" in mensaje, mensaje
        else:
            assert "nombra a otra institución" in mensaje, mensaje
    assert two.registry.list_sources() == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("chamber", "\u0421ámara de Diputados"),
        ("chamber", "Senado\u200b de la República"),
        ("committee", f"Comisión de Justicia del {QRO.replace('o', 'о')}"),
        ("court", "Juzgado Primero Civil del Estado de Jal\u200bisco"),
        ("committee", "Comisión de Justicia del " + QRO.replace("o", "\u0585")),
        ("court", "Sala Primera del Juzgado Civil \u0585"),
        ("court", "Suprema \u1d04\u1d0f\u0280\u1d1b\u1d07 de Justicia de la Nación"),
    ],
)
def test_every_body_field_sees_through_the_disguise(field: str, value: str) -> None:
    assert foreign_value(field, value, PUBLISHER)


def test_a_session_spec_with_a_disguised_chamber_is_refused(two: Two) -> None:
    spec = session_spec("http://127.0.0.1:9", "tsj-qro-camara", institution=TSJ)
    spec["constants"] = {"chamber": "Sen\u200bado de la República"}
    assert _loc(two.api.post("/v1/sources", json=spec, headers=two.b)) == [
        ("body", "constants", "chamber")
    ]


@pytest.mark.parametrize(
    "court",
    [
        f"Primera Sala Civil del {TSJ}",
        "1ª Sala Penal, Juzgado de Oralidad",  # the ordinal indicator is an «a»
        "Juzgado Indígena de Tlahuitoltepec Ñuu Savi Maseualmeʼ",  # a Nahuatl saltillo
    ],
)
def test_its_own_bodies_stay_accepted(two: Two, court: str) -> None:
    spec = _judgments("http://127.0.0.1:9", "tsj-qro-sala")
    spec["constants"] = {"court": court}
    assert two.api.post("/v1/sources", json=spec, headers=two.b).status_code == 201


def test_short_fields_are_stored_without_invisible_characters() -> None:
    doc = build_document(
        kind="sentencia",
        source_id="prueba",
        institution=TSJ,
        jurisdiction="MX-QUE",
        url="https://tsj.example/1",
        fields={
            "title": "Sen\u200btencia\u2060 del amparo\u00ad\u202e 12/2024",
            "court": "Primera\u200b Sala\x07 Civil",
            "ponente": "María\u200d López",
        },
        text="Texto de la sentencia.",
    )
    assert doc.title == "Sentencia del amparo 12/2024"
    assert doc.court == "Primera Sala Civil"
    assert doc.ponente == "María López"
