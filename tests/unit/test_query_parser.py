"""The query parser: structure from what users type, precise errors for what they break."""

from __future__ import annotations

import pytest

from indexer.query import (
    And,
    Field,
    Not,
    Or,
    Phrase,
    Prefix,
    QuerySyntaxError,
    Term,
    operator_suggestion,
    parse_query,
)
from indexer.query.values import case_phrases, keyword_key, keyword_value


def test_words_are_joined_by_and() -> None:
    assert parse_query('amparo "daño moral"') == And((Term("amparo"), Phrase("daño moral")))


def test_operators_and_grouping() -> None:
    assert parse_query("(penal OR civil) -familiar") == And(
        (Or((Term("penal"), Term("civil"))), Not(Term("familiar")))
    )
    assert parse_query("a AND b") == And((Term("a"), Term("b")))
    assert parse_query("NOT a") == Not(Term("a"))


def test_lowercase_operator_words_are_words() -> None:
    assert parse_query("daño or moral") == And((Term("daño"), Term("or"), Term("moral")))


def test_hyphen_inside_a_word_is_not_negation() -> None:
    # the joined word is also searched as one (``indexer.query.typed``)
    assert parse_query("2020-2021 teórico-práctico") == And(
        (Term("2020-2021"), Or((Term("teórico-práctico"), Term("teóricopráctico"))))
    )


def test_prefix_and_fields() -> None:
    assert parse_query("constitu*") == Prefix("constitu")
    assert parse_query('court:"Sala Penal" matter:penal') == And(
        (Field("court", "Sala Penal", phrase=True), Field("matter", "penal"))
    )
    assert parse_query("titulo:agua") == Field("title", "agua")


def test_an_unknown_field_is_refused_naming_it_and_the_valid_ones() -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("amparo juez:López")
    assert caught.value.field == "juez"
    assert caught.value.position == 7
    assert "ponente" in caught.value.message and "court" in caught.value.message
    assert "«juez» no existe" in caught.value.mensaje
    assert "fecha" not in caught.value.mensaje


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [
        ("“daño moral”", "daño moral"),
        ("«daño moral»", "daño moral"),
        ("„daño moral“", "daño moral"),
        ('"daño moral”', "daño moral"),  # a phone made only the closing one typographic
        ('"el «daño» moral"', "el «daño» moral"),
        ("«el “daño” moral»", "el “daño” moral"),
    ],
)
def test_typographic_quotes_open_and_close_a_phrase(typed: str, phrase: str) -> None:
    assert parse_query(typed) == Phrase(phrase)
    assert parse_query(f"{typed}~3 x") == And((Phrase(phrase, 3), Term("x")))


@pytest.mark.parametrize("typed", ["fecha:2023", 'Fecha:"1 de marzo de 2023"', "desde:2023-01-01"])
def test_a_date_asked_as_a_field_says_how_dates_are_asked(typed: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(f"amparo {typed}")
    assert caught.value.position == 7
    assert "una fecha se pide con año:2023 o con los filtros desde y hasta" in (
        caught.value.mensaje
    )


@pytest.mark.parametrize("text", ["10:30", "http://ejemplo.gob.mx", "Considerando:", "art.:5"])
def test_a_colon_that_names_no_field_is_plain_text(text: str) -> None:
    node = parse_query(text)  # «art.» is also searched as «artículo» and «arts.»
    assert node == Term(text) or (isinstance(node, Or) and node.items[0] == Term(text))


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ('"daño moral', "unclosed quote", 0),
        ("amparo (penal", "unclosed parenthesis", 7),
        ("penal)", "unmatched closing parenthesis", 5),
        ("AND penal", "AND needs a word before it", 0),
        ("penal AND", "AND needs a word after it", 6),
        ("penal OR", "OR needs a word after it", 6),
        ("OR penal", "OR needs a word before it", 0),
        ("penal NOT", "NOT needs a word after it", 6),
        ("a OR AND b", "two operators in a row", 5),
        ("court:", "court: needs a value", 0),
        ("a*", "at least 2 letters", 0),
        ("a.*", "at least 2 letters", 0),
        ("x " + "(" * 40 + "a" + ")" * 40, "nested too deeply", 34),
        ("-(" * 20 + "a" + ")" * 20, "nested too deeply", 32),
        ("^ ~ :", "no words to search", 0),
        ("()", "empty parentheses", 1),
    ],
)
def test_errors_say_what_and_where(query: str, message: str, position: int) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert message in caught.value.message
    assert caught.value.position == position


def test_limits() -> None:
    with pytest.raises(QuerySyntaxError, match="too long"):
        parse_query("a" * 1001)
    with pytest.raises(QuerySyntaxError, match="too many words"):
        parse_query(" ".join(["palabra"] * 65))


@pytest.mark.parametrize(
    "hostile",
    ["NEAR(a b)", "a^2", '"', '""', "-", "--a", "((((((a))))))", "\x00", "a\u200bb", "*a*",
     "col:*", "a OR (b AND NOT (c OR -d))", "title:\"x\" OR", "'; DROP TABLE documents; --"],
)  # fmt: skip
def test_hostile_input_parses_or_raises_only_syntax_errors(hostile: str) -> None:
    try:
        parse_query(hostile)
    except QuerySyntaxError as exc:
        assert exc.message


def test_proximity_is_a_phrase_with_slop() -> None:
    assert parse_query('"pensión definitiva"~5') == Phrase("pensión definitiva", 5)
    assert parse_query('texto:"pensión definitiva"~3') == Field(
        "text", "pensión definitiva", phrase=True, slop=3
    )
    # a ~ not right after a phrase is text, as before
    assert parse_query("moral~") == Term("moral~")


def test_proximity_has_a_bound() -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query('"a b"~51')
    assert "at most ~50" in caught.value.message and "como máximo" in caught.value.mensaje


@pytest.mark.parametrize(
    "query",
    ['"daño moral"~-1', '"daño moral"~1.5', '"daño moral"~abc', '"daño moral"~5x',
     '"daño moral"~', '"daño moral"~ 5', 'texto:"daño moral"~-3', '("a b"~)'],
)  # fmt: skip
def test_a_proximity_that_is_no_whole_number_is_an_error_not_another_query(query: str) -> None:
    """``"a b"~-1`` once searched the phrase AND the word "1": another question than the
    one asked. A ``~`` right after a phrase takes a whole number, or it is an error."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert caught.value.position == query.index("~")
    assert "~5" in caught.value.message and "número entero" in caught.value.mensaje


@pytest.mark.parametrize(
    ("query", "slop"), [('"a b"~0', 0), ('"a b"~7 c', 7), ('("a b"~12)', 12), ('"a b"~3"c d"', 3)]
)
def test_a_whole_proximity_ends_where_its_digits_do(query: str, slop: int) -> None:
    found = parse_query(query)
    phrases = (
        [found] if isinstance(found, Phrase) else [n for n in found.items if isinstance(n, Phrase)]
    )
    assert phrases[0].slop == slop


@pytest.mark.parametrize(
    ("query", "says"),
    [("titulo:amp*", "prefix"), ("tribunal:Sala*", "prefix"), ("año:-5", "four digits"),
     ("year:abc", "four digits"), ("año:20234", "four digits"), ("kind:xyz", "sentencia"),
     ("tipo:sentencias_de_amparo", "sentencia")],
)  # fmt: skip
def test_a_field_value_that_can_match_nothing_it_seems_to_is_an_error(
    query: str, says: str
) -> None:
    """``titulo:amp*`` once looked for the word "amp" (no prefix inside a field) and
    answered nothing while titles begin with "Amparo"; a year or kind no document can
    have answered nothing too, where the filter parameters say why."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert says in caught.value.message and caught.value.mensaje
    assert caught.value.position == 0


@pytest.mark.parametrize(
    ("query", "named"), [("titulo:amp*", "titulo"), ("Tribunal:Sala*", "Tribunal"),
                         ('materia:""', "materia"), ("source:scj*", "source")],
)  # fmt: skip
def test_the_message_names_the_field_as_it_was_written(query: str, named: str) -> None:
    """A person who wrote ``titulo:`` reads «titulo» in the message, not the store's
    ``title``."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert caught.value.mensaje.startswith(f"{named}: ")
    assert caught.value.message.startswith(f"{named}: ")


@pytest.mark.parametrize(
    "query", ['titulo:"amparo*"', "año:2023", "kind:Sesión", "tipo:documento_legislativo"]
)
def test_field_values_that_can_match_still_parse(query: str) -> None:
    assert isinstance(parse_query(query), Field)


def test_spanish_field_names_mean_the_same_field() -> None:
    assert parse_query("materia:penal") == Field("matter", "penal")
    assert parse_query("año:2023") == Field("year", "2023")
    assert parse_query("Camara:Senado") == Field("chamber", "Senado")
    assert parse_query("fuente:scjn") == Field("source_id", "scjn")


def test_lower_case_operators_get_the_operator_form_suggested() -> None:
    assert operator_suggestion("amparo or revisión") == "amparo OR revisión"
    assert operator_suggestion("not penal and civil") == "NOT penal AND civil"
    assert operator_suggestion('"daño or moral" robo') is None
    assert operator_suggestion("or") is None
    assert operator_suggestion("amparo OR revisión") is None


def test_spanish_y_o_no_get_the_operator_form_suggested() -> None:
    # words they stay (a search for «daño y moral» needs «y»), but one that finds
    # nothing offers the operator a person writing Spanish may have meant
    assert parse_query("daño o robo") == And((Term("daño"), Term("o"), Term("robo")))
    assert operator_suggestion("daño o robo") == "daño OR robo"
    assert operator_suggestion("daño y moral") == "daño AND moral"
    assert operator_suggestion("no penal") == "NOT penal"
    assert operator_suggestion("daño y/o perjuicio") is None
    assert operator_suggestion("o") is None


def test_single_quotes_standing_as_a_pair_make_a_phrase() -> None:
    phrase = Phrase("daño moral")
    for typed in ("'daño moral'", "‘daño moral’", "‚daño moral’"):
        assert parse_query(typed) == phrase, typed
    assert parse_query("''daño moral''") == Phrase("'daño moral'")  # two apostrophes
    assert parse_query("'daño moral'~3") == Phrase("daño moral", 3)
    assert parse_query("-'daño moral' robo") == And((Not(phrase), Term("robo")))
    assert parse_query("tribunal:'Sala Penal'") == Field("court", "Sala Penal", phrase=True)
    # apostrophes, and a quote with no partner, stay text; none is an error
    assert parse_query("O'Brien d’Alessio") == And((Term("O'Brien"), Term("d’Alessio")))
    assert parse_query("'daño moral") == And((Term("'daño"), Term("moral")))
    assert parse_query("daño' moral'") == And((Term("daño'"), Term("moral'")))
    # inside a double-quoted phrase a single quote is its text
    assert parse_query("\"el 'daño' moral\"") == Phrase("el 'daño' moral")


def test_a_case_number_is_read_as_the_stored_one_was() -> None:
    assert case_phrases("Toca No. 133/2021") == ["Toca 133/2021"]
    assert case_phrases("toca penal 133/2021") == ["Toca 133/2021"]
    assert case_phrases("0133/2021") == ["133/2021"]
    assert case_phrases("Exp. 881/2023") == ["881/2023"]
    assert case_phrases("A.R. 1234/2023") == ["AR 1234/2023"]
    assert case_phrases("sin número") == ["sin número"]


def test_displayed_values_are_the_stored_keys() -> None:
    assert keyword_value("doc_type", "Punto de Acuerdo") == keyword_key("punto_de_acuerdo")
    assert keyword_value("kind", "Sesión") == "sesion"
    assert keyword_value("kind", "Documento legislativo") == "legislativo"
    assert keyword_value("jurisdiction", "Guanajuato") == keyword_key("MX-GUA")
    assert keyword_value("jurisdiction", "mx-gua") == keyword_key("MX-GUA")
