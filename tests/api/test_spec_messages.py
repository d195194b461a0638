"""An institution whose spec is refused reads why in Spanish, naming the field: every
validator of a spec, and every check pydantic makes on its own (a missing field, a wrong
type, an unknown field, a bound), answers a 422 whose ``mensaje`` says it in Spanish; an
operator whose spec file is refused reads the same in ``abierto``'s output."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from cli.main import main
from tests.adversarial.service import Api, listing_spec, open_api

URL = "http://127.0.0.1:9/lista"
DATED = "http://127.0.0.1:9/gaceta/{date:%Y/%b/%Y%m%d}.html"
ENGLISH = re.compile(
    r"\b(must|should|invalid|field required|input should|expected|is not|not a|only used"
    r"|the|extra inputs|value error|unable|at most|at least|greater|less than)\b",
    re.IGNORECASE,
)


def _listing(**change: Any) -> dict[str, Any]:
    return {"items": "css:tbody tr", "link": "css:a::attr(href)"} | change


def _api(**change: Any) -> dict[str, Any]:
    return {"records": "resultados", "link": "https://bj.gob.mx/doc/{id}"} | change


def _without(name: str) -> dict[str, Any]:
    spec = listing_spec(URL)
    del spec[name]
    return spec


def _spec(**change: Any) -> dict[str, Any]:
    return listing_spec(URL, **change)


def _shape(shape: str, **change: Any) -> dict[str, Any]:
    return {k: v for k, v in _spec(shape=shape).items() if k != "listing"} | change


# (spec, the field the mensaje names, what it says of it)
CASES: dict[str, tuple[dict[str, Any], str, str]] = {
    # config/specs.py
    "one pagination": (
        _spec(listing=_listing(next_page="a.sig", next_query={"p": "{page}"})),
        "listing.next_query",
        "use una sola forma de pasar de página: next_page, next_form o next_query",
    ),
    "id form": (_spec(id="PJ_GTO"), "id", "debe tener de 3 a 64 caracteres"),
    "not http": (
        _spec(start_urls=["ftp://pj.gob.mx/"]),
        "start_urls",
        "«ftp://pj.gob.mx/» no es una dirección que empiece por http:// o https://",
    ),
    "port zero": (
        _spec(start_urls=[URL, "http://127.0.0.1:0/lista"]),
        "start_urls.1",
        "el puerto 0 no existe: debe ser un número de 1 a 65535",
    ),
    "port not a number": (
        _spec(start_urls=["http://127.0.0.1:ochenta/lista"]),
        "start_urls.0",
        "el puerto «ochenta» no es un número",
    ),
    "credentials": (
        _spec(start_urls=["http://yo:clave@127.0.0.1:9/"]),
        "start_urls",
        "la dirección no puede llevar usuario ni contraseña",
    ),
    # config/start_dates.py: start URLs by date, bounded and filled by the crawler only
    "dates without start_dates": (
        _spec(start_urls=[DATED]),
        "start_urls.0",
        "lleva fechas: declare start_dates (since, step) para saber cuáles",
    ),
    "start_dates without dates": (
        _spec(start_dates={"since": "2024-09-01"}),
        "start_dates",
        "start_dates necesita una dirección de inicio con {date:…} o {legislature}",
    ),
    "date directive": (
        _spec(start_urls=[DATED.replace("%d", "%H")], start_dates={"since": "2024-09-01"}),
        "start_urls.0",
        "el formato de la fecha admite solo %Y (año)",
    ),
    "other placeholder beside dates": (
        _spec(start_urls=[DATED + "?p={page}"], start_dates={"since": "2024-09-01"}),
        "start_urls.0",
        "solo se sustituyen {date:…}",
    ),
    "python attribute in a date": (
        _spec(start_urls=[URL + "/{date.__class__}"], start_dates={"since": "2024-09-01"}),
        "start_urls.0",
        "solo se sustituyen {date:…}",
    ),
    "too many recent dates": (
        _spec(start_urls=[DATED], start_dates={"since": "2024-09-01", "recent": 5000}),
        "start_dates.recent",
        "debe ser como máximo 90",
    ),
    "until before since": (
        _spec(start_urls=[DATED], start_dates={"since": "2024-09-01", "until": "2020-01-01"}),
        "start_dates.until",
        "until (2020-01-01) es anterior a since (2024-09-01)",
    ),
    "too many dated start URLs": (
        _spec(
            start_urls=[f"{DATED}?n={n}" for n in range(11)], start_dates={"since": "2024-09-01"}
        ),
        "start_urls.10",
        "a lo sumo 10 direcciones de inicio con fechas",
    ),
    "legislature without a calendar": (
        _spec(
            jurisdiction="MX-OAX",
            start_urls=[URL + "/{legislature}/{date:%Y%m%d}.html"],
            start_dates={"since": "2024-09-01"},
        ),
        "start_urls.0",
        "no se conoce el calendario de las legislaturas de esta jurisdicción",
    ),
    "block of another shape": (
        _shape("feed", listing=_listing()),
        "listing",
        "este bloque solo se usa con shape: html_listing (esta especificación tiene shape: feed)",
    ),
    "listing missing": (_without("listing"), "listing", "falta este bloque"),
    "json_api missing": (_shape("json_api"), "json_api", "falta este bloque"),
    "channel of sentencias": (
        _shape("video_channel"),
        "kind",
        "una especificación video_channel recoge sesiones: escriba kind: sesion",
    ),
    "outside allowed domains": (
        _spec(allowed_domains=["pj.gob.mx"]),
        "start_urls.0",
        "está fuera de allowed_domains (pj.gob.mx): el rastreo no obtendría nada",
    ),
    "field of another kind": (
        _spec(listing=_listing(fields={"agenda": "css:li"})),
        "listing.fields.agenda",
        "no es un campo de una sentencia; los campos posibles son: court, date",
    ),
    "required of another kind": (
        _spec(required=["agenda"]),
        "required.0",
        "«agenda» no es un campo de una sentencia",
    ),
    "constant of another kind": (
        _spec(constants={"agenda": "x"}),
        "constants.agenda",
        "no es un campo de una sentencia",
    ),
    "too many values": (
        _spec(allowed_domains=["a"] * 20_001),
        "",
        "una especificación tiene a lo sumo 20000 valores",
    ),
    "placeholder": (
        _spec(description="${HOME}"),
        "description",
        "«${HOME}»: los valores del entorno del servidor nunca entran en una especificación",
    ),
    # config/spec_shapes.py
    "json path": (
        _shape("json_api", json_api=_api(records="a..b")),
        "json_api.records",
        "«a..b» no es una ruta JSON como 'resultados' o 'datos[*].id'",
    ),
    "unclosed placeholder": (
        _shape("json_api", json_api=_api(link="https://bj.gob.mx/doc/{id")),
        "json_api.link",
        "tiene una llave sin cerrar: escriba {nombre} o {since:%d/%m/%Y}",
    ),
    "placeholder format": (
        _spec(listing=_listing(next_query={"p": "{page:>900}"})),
        "listing.next_query",
        "el formato de un marcador admite a lo sumo 64 caracteres",
    ),
    "identity scope": (
        _spec(identity={"scope": "Pj Gto", "key": ["expediente"]}),
        "identity.scope",
        "debe tener de 3 a 64 caracteres, como el id de una fuente",
    ),
    "page only": (
        _shape("video_channel", kind="sesion", video_channel={"items": "css:div"}),
        "video_channel.items",
        "solo se usa con format: page",
    ),
    "header name": (
        _shape("json_api", json_api=_api(headers={"mala cabecera": "x"})),
        "json_api.headers",
        "«mala cabecera» no es un nombre de cabecera",
    ),
    "transport header": (
        _shape("json_api", json_api=_api(headers={"Host": "x"})),
        "json_api.headers",
        "la cabecera «Host» la pone el rastreador, no una especificación",
    ),
    "header value": (
        _shape("json_api", json_api=_api(headers={"X-Clave": "a\nb"})),
        "json_api.headers",
        "el valor de «X-Clave» tiene un salto de línea",
    ),
    # config/selector.py
    "empty selector": (
        _spec(listing=_listing(items=" ")),
        "listing.items",
        "el selector está vacío",
    ),
    "selector without expression": (
        _spec(listing=_listing(items="xpath:")),
        "listing.items",
        "el selector «xpath:» no dice qué buscar",
    ),
    "selector too long": (
        _spec(listing=_listing(items="css:" + "a" * 2001)),
        "listing.items",
        "el selector CSS admite como máximo 2000 caracteres y este tiene 2001",
    ),
    "css syntax": (
        _spec(listing=_listing(fields={"title": "css:h1["})),
        "listing.fields.title",
        "el selector CSS no es válido: «h1[» no se puede leer como CSS",
    ),
    "xpath syntax": (
        _spec(listing=_listing(link="xpath://a[@href")),
        "listing.link",
        "el selector XPATH no es válido: «//a[@href» no se puede leer como XPATH",
    ),
    "selector nested": (
        _spec(listing=_listing(items="css:" + "a " * 900)),
        "listing.items",
        "el selector CSS está anidado en exceso",
    ),
    "extension function": (
        _spec(listing=_listing(link="xpath://a[re:test(@href, 'x')]")),
        "listing.link",
        "«re:test»: los selectores no admiten funciones de extensión",
    ),
    # config/patterns.py
    "regex too long": (
        _spec(listing=_listing(fields={"title": {"select": "h1", "regex": "a" * 1001}})),
        "listing.fields.title.regex",
        "expresión regular demasiado larga (más de 1000 caracteres)",
    ),
    "regex open repeat": (
        _shape("feed", feed={"keep": "a{,5}"}),
        "feed.keep",
        "escriba {0,5} en vez de {,5}",
    ),
    "regex repeat": (
        _shape("feed", feed={"skip": "a{1001}"}),
        "feed.skip",
        "repetición {1001} mayor que 1000",
    ),
    "regex syntax": (
        _shape("sitemap", sitemap={"rules": [{"pattern": "(a"}]}),
        "sitemap.rules.0.pattern",
        "expresión regular no válida",
    ),
    # config/jurisdictions.py
    "jurisdiction": (
        _spec(jurisdiction="MX-XX"),
        "jurisdiction",
        "la jurisdicción «MX-XX» no existe: escriba un código ISO 3166-2:MX",
    ),
    # pydantic's own checks
    "missing": (_without("kind"), "kind", "falta este dato"),
    "extra": (_spec(sorpresa=1), "sorpresa", "no es un campo admitido"),
    "string type": (_spec(description=5), "description", "debe ser un texto"),
    "literal": (
        _spec(kind="boletin"),
        "kind",
        "debe ser uno de estos valores: 'sentencia', 'sesion' o 'legislativo'",
    ),
    "list type": (_spec(start_urls=URL), "start_urls", "debe ser una lista"),
    "too short": (_spec(start_urls=[]), "start_urls", "debe tener al menos 1 elemento"),
    "int parsing": (
        _spec(listing=_listing(max_pages="muchas")),
        "listing.max_pages",
        "debe ser un número entero",
    ),
    "int from float": (
        _spec(listing=_listing(max_pages=2.5)),
        "listing.max_pages",
        "debe ser un número entero",
    ),
    "greater or equal": (
        _spec(listing=_listing(max_pages=0)),
        "listing.max_pages",
        "debe ser al menos 1",
    ),
    "less or equal": (
        _spec(listing=_listing(max_pages=20_000)),
        "listing.max_pages",
        "debe ser como máximo 10000",
    ),
    "greater": (_spec(schedule={"every_hours": 0}), "schedule.every_hours", "debe ser mayor que 0"),
    "float parsing": (
        _spec(schedule={"every_hours": "diario"}),
        "schedule.every_hours",
        "debe ser un número",
    ),
    "bool parsing": (_spec(verified="quizá"), "verified", "debe ser verdadero o falso"),
    "dict type": (_spec(constants="x"), "constants", "debe ser un objeto JSON"),
    "block type": (_spec(listing="tabla"), "listing", "debe ser un objeto JSON"),
    "selector type": (
        _spec(listing=_listing(items=5)),
        "listing.items",
        "debe ser un selector: un texto ('css:…' o 'xpath:…') o un objeto con select",
    ),
    "union": (
        _spec(constants={"matter": 5}),
        "constants.matter",
        "debe ser un texto o una lista",
    ),
    # api/spec_checks.py and the route's own checks
    "another jurisdiction": (
        _spec(jurisdiction="MX-JAL"),
        "jurisdiction",
        "debe ser la jurisdicción de su institución, MX-GUA",
    ),
    "another institution": (
        _spec(institution="Poder Judicial de Jalisco"),
        "institution",
        "debe ser el nombre de su institución, «Poder Judicial del Estado de Guanajuato»",
    ),
    "another namespace": (
        _spec(id="otro-sentencias"),
        "id",
        "debe empezar por el id de su institución y un guion, 'pj-gto-'",
    ),
    "scope of another namespace": (
        _spec(identity={"scope": "otro-ambito", "key": ["expediente"]}),
        "identity.scope",
        "debe empezar por el id de su institución y un guion",
    ),
    "private address": (
        _spec(start_urls=["http://10.1.2.3/lista"]),
        "start_urls.0",
        "el rastreador no puede descargar esta dirección",
    ),
    "port": (
        _spec(start_urls=["http://127.0.0.1:99999/"]),
        "start_urls.0",
        "el puerto 99999 no existe: debe ser un número de 1 a 65535",
    ),
    "many hosts": (
        _spec(start_urls=[f"http://127.0.0.{n}:9/" for n in range(1, 12)]),
        "start_urls.10",
        "sus direcciones de inicio están en a lo sumo 10 servidores distintos",
    ),
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    api = open_api(tmp_path_factory.mktemp("data"), write_rate_per_minute=10_000)
    yield api
    api.close()


def _spanish(problem: dict[str, Any], field: str, says: str) -> None:
    mensaje = problem["mensaje"]
    assert mensaje.startswith(f"{field}: " if field else says), problem
    assert says in mensaje, problem
    english = ENGLISH.search(re.sub(r"«[^»]*»|'[^']*'", "", mensaje))
    assert english is None, (english, mensaje)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_spec_says_why_in_spanish_naming_the_field(service: Api, case: str) -> None:
    spec, field, says = CASES[case]
    response = service.client.post("/v1/sources", json=spec, headers=service.headers)
    assert response.status_code == 422, response.text
    [problem, *_] = response.json()["detail"]
    _spanish(problem, field, says)
    assert problem["msg"] and problem["msg"] != problem["mensaje"]  # FastAPI's English stays


@pytest.mark.parametrize("case", ["css syntax", "missing", "union", "placeholder"])
def test_a_refused_preview_says_it_alike(service: Api, case: str) -> None:
    spec, field, says = CASES[case]
    response = service.client.post("/v1/sources/preview", json=spec, headers=service.headers)
    assert response.status_code == 422, response.text
    _spanish(response.json()["detail"][0], field, says)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b'{"id": ', "el cuerpo no es JSON válido (cerca de la línea 1, columna 8)"),
        (b"[]", "el cuerpo debe ser un objeto JSON ({…}): una especificación de fuente"),
        (b'{"a": ' * 40 + b"1" + b"}" * 40, "el cuerpo está anidado en exceso"),
    ],
)
def test_a_body_that_is_no_spec_says_why_in_spanish(service: Api, body: bytes, says: str) -> None:
    headers = service.headers | {"Content-Type": "application/json"}
    response = service.client.post("/v1/sources", content=body, headers=headers)
    assert response.status_code == 422, response.text
    _spanish(response.json()["detail"][0], "", says)


def test_an_invalid_spec_file_is_said_in_spanish_by_abierto(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "fuentes"
    folder.mkdir()
    spec = listing_spec(URL, institution="Poder Judicial del Estado de Guanajuato")
    spec["listing"]["fields"] = {"title": "css:h1["}
    spec["schedule"] = {"every_hours": "diario"}
    (folder / "mala.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    monkeypatch.setenv("ABIERTO_SOURCES_DIR", str(folder))
    assert main(["--data-dir", str(tmp_path / "datos"), "sources"]) == 2
    said = capsys.readouterr().err.strip()
    assert said.startswith("abierto: especificación de fuente no válida: mala.yaml: "), said
    assert "listing.fields.title: el selector CSS no es válido: «h1[»" in said, said
    assert "schedule.every_hours: debe ser un número" in said, said
    assert ENGLISH.search(re.sub(r"«[^»]*»|'[^']*'", "", said)) is None, said
