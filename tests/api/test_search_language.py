"""The query language through the API: what a journalist types is understood, or refused
with a message that names the problem and the valid choices, in English and Spanish."""

from __future__ import annotations

from fastapi.testclient import TestClient

from indexer.query import FIELD_KINDS


def _titles(client: TestClient, **params: object) -> list[str]:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 200, response.text
    return [hit["title"] for hit in response.json()["hits"]]


def _error(client: TestClient, path: str = "/v1/search", **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    return error


def test_an_unknown_filter_parameter_is_a_422_listing_the_valid_ones(client: TestClient) -> None:
    error = _error(client, juez="López")
    assert error["loc"] == ["query", "juez"] and error["type"] == "unknown_parameter"
    for valid in ("ponente", "year", "source", "expediente", "chamber"):
        assert valid in error["msg"]
    assert "«juez» no existe" in error["mensaje"]


def test_an_unknown_field_in_q_is_a_422_naming_it(client: TestClient) -> None:
    error = _error(client, q="robo juez:López")
    assert error["type"] == "unknown_field" and error["position"] == 5
    assert "'juez'" in error["msg"] and "ponente" in error["msg"]
    assert "«juez»" in error["mensaje"]


# the English names and the other spellings of a field in q: they work, nobody is offered them
NOT_OFFERED = (
    "court",
    "matter",
    "title",
    "year",
    "session_type",
    "doc_type",
    "source",
    "anio",
    "organo",
    "fallo",
    "testado",
    "titulo",
    "camara",
    "institucion",
)


def test_an_unknown_field_offers_people_the_spanish_names_once(client: TestClient) -> None:
    """``q=foo:bar`` answered «campos válidos: anio, año, camara, chamber, … title…»: forty
    names in two languages and two spellings, on the page and in the API."""
    error = _error(client, q="foo:bar")
    listed = error["mensaje"].split("los campos son: ", 1)[1]
    names = listed.replace(" o ", ", ").split(", ")
    assert "tribunal" in names and "año" in names and "título" in names
    assert len(names) == len(set(names)) == len(FIELD_KINDS)
    assert not set(names) & set(NOT_OFFERED)
    assert "ponente" in error["msg"] and "court" in error["msg"]  # programs keep their list
    page = client.get("/buscar", params={"q": "foo:bar"}, headers={"Accept": "text/html"})
    said = page.text.split("<main", 1)[1]
    assert "El campo «foo» no existe; los campos son: título, texto, tipo" in said
    assert not any(f" {name}," in said for name in NOT_OFFERED)
    assert _titles(client, q="court:Sala year:2023") == _titles(client, q="tribunal:Sala año:2023")


def test_an_unknown_facet_is_a_422_listing_the_valid_ones(client: TestClient) -> None:
    error = _error(client, facets="juez")
    assert "'juez'" in error["msg"] and "year" in error["msg"] and "ponente" in error["msg"]
    assert error["mensaje"].startswith("no hay faceta «juez»")


def test_year_and_kind_values_are_checked(client: TestClient) -> None:
    assert "cuatro cifras" in _error(client, year="23")["mensaje"]
    assert _error(client, kind="tesis")["loc"] == ["query", "kind"]


def test_year_source_and_displayed_values_filter(client: TestClient) -> None:
    assert _titles(client, year="2022") == ["Apelación penal 45/2022"]
    assert set(_titles(client, source="diputados", year="2024")) == {
        "Sesión ordinaria de la Cámara de Diputados",
        "Gaceta Parlamentaria número 6452",
    }
    assert set(_titles(client, kind="Sesión", jurisdiction="Federación")) == {
        "Sesión ordinaria de la Cámara de Diputados"
    }
    facets = client.get("/v1/search", params={"facets": "year,source"}).json()["facets"]
    assert {f["value"]: f["count"] for f in facets["year"]}["2024"] == 5
    # named as the parameter that asked for it and filters by it; its former name kept
    assert {f["value"] for f in facets["source"]} >= {"scjn", "diputados"}
    assert facets["source_id"] == facets["source"]
    assert set(client.get("/v1/search", params={"facets": "source"}).json()["facets"]) == {
        "source", "source_id"
    }  # fmt: skip


def test_parser_errors_say_it_in_spanish_too(client: TestClient) -> None:
    error = _error(client, q='"daño moral')
    assert error["msg"].startswith("unclosed quote")
    assert error["mensaje"] == "falta cerrar las comillas de una frase"
    # a typographic quote left open is the same mistake, where it was typed
    error = _error(client, q="amparo «daño moral")
    assert (error["mensaje"], error["position"]) == ("falta cerrar las comillas de una frase", 7)


def test_typographic_quotes_are_a_phrase_not_its_words_anywhere(client: TestClient) -> None:
    # "daño … moral" apart in the civil judgment, together in the amparo
    assert len(_titles(client, q="daño moral")) == 2
    for quoted in ("“daño moral”", "«daño moral»"):
        assert _titles(client, q=quoted) == ["Amparo en revisión 123/2023"]


def test_lower_case_operators_are_words_with_a_suggestion_when_nothing_matches(
    client: TestClient,
) -> None:
    response = client.get("/v1/search", params={"q": "presupuesto or medalla"}).json()
    assert response["total"] == 0
    assert response["suggestion"] == "presupuesto OR medalla"
    assert "¿Quiso decir «presupuesto OR medalla»?" in response["sugerencia"]
    assert _titles(client, q=response["suggestion"]) == [
        "Sesión extraordinaria del 20 de marzo de 2024"
    ]
    found = client.get("/v1/search", params={"q": "transparencia"}).json()
    assert found["total"] > 0 and found["suggestion"] is None
    page = client.get("/", params={"q": "presupuesto or medalla"}).text
    assert "¿Quiso decir" in page and "presupuesto OR medalla" in page


def test_empty_q_lists_newest_first(client: TestClient) -> None:
    hits = client.get("/v1/search", params={"limit": 100}).json()["hits"]
    dates = [hit["date"] for hit in hits]
    assert dates == sorted(dates, reverse=True) and len(dates) > 5


def test_dates_beyond_what_the_store_holds_are_clamped_not_500(client: TestClient) -> None:
    everything = client.get("/v1/search").json()["total"]
    wide = client.get("/v1/search", params={"date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert wide.status_code == 200 and wide.json()["total"] == everything
    feed = client.get("/v1/search.atom", params={"date_to": "9999-12-31"})
    assert feed.status_code == 200


def test_a_prefix_is_highlighted(client: TestClient) -> None:
    hits = client.get("/v1/search", params={"q": "transparen* acceso"}).json()["hits"]
    [hit] = [h for h in hits if h["title"].startswith("Recurso")]
    joined = " ".join(hit["highlights"])
    assert "<mark>transparencia</mark>" in joined and "<mark>acceso</mark>" in joined


def test_the_syntax_page_documents_every_operator_and_field_with_working_examples(
    client: TestClient,
) -> None:
    syntax = client.get("/v1/search/syntax").json()
    operators = {op["operador"] for op in syntax["operadores"]}
    for needed in ("OR", "AND", "NOT o -palabra", "prefijo*", '"palabras cercanas"~N'):
        assert needed in operators
    assert {field["campo"] for field in syntax["campos"]} == set(FIELD_KINDS)
    for op in syntax["operadores"]:
        assert client.get("/v1/search", params={"q": op["ejemplo"]}).status_code == 200, op
    for field in syntax["campos"]:
        fits = {"year": "2023", "kind": "sentencia", "redacted": "sí"}.get(field["campo"], "x")
        for name in field["en_q"]:
            assert client.get("/v1/search", params={"q": f"{name}:{fits}"}).status_code == 200
        if field["filtro"]:
            # year and redacted take only their own values (a year, sí or no)
            value = {"year": "2023", "redacted": "sí"}.get(field["filtro"], "sentencia")
            response = client.get("/v1/search", params={field["filtro"]: value})
            assert response.status_code == 200, field


def test_the_page_takes_the_new_filters_and_names_an_unknown_one(client: TestClient) -> None:
    page = client.get("/", params={"year": "2022"})
    assert page.status_code == 200 and "Apelación penal 45/2022" in page.text
    assert "Juicio ordinario civil 9/2021" not in page.text
    assert ">Año<" in page.text  # the year facet
    wrong = client.get("/", params={"juez": "López"})
    assert wrong.status_code == 400
    assert "El filtro «juez» no existe" in wrong.text
