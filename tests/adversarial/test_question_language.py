"""The question language against what people paste and type, on both stores (the
embedded index and an engine), through real HTTP on 127.0.0.1:

- a character no one sees (a format character or a default-ignorable one: the combining
  grapheme joiner, a tag character, a Hangul filler, a variation selector, a zero-width
  joiner, a soft hyphen…) inside a word, in the question or in the document's text, is
  dropped on both sides: «am\\u034fparo» is «amparo». Before, the document was found by
  neither spelling, and the question found nothing;
- doubled and dangling operators: a true Spanish message each (``NOT NOT x`` said «NOT
  necesita una palabra después» with a word right there), or the search where the
  meaning is plain (``a AND AND b``); ``+-x`` and ``!x`` (found the documents holding
  the word they meant to exclude) are refused;
- an alert whose proximity phrases are asked as thousands of exact phrases (eighteen
  ``"a b c"~8``) is refused at creation as ``query_too_costly``, while the questions a
  journalist writes (a few phrases, proximity up to ~20, booleans) are taken;
- hostile questions (deep nesting, ten thousand parentheses, huge proximities, unknown
  fields, one-letter prefixes, digits of other scripts): a 4xx with a Spanish message,
  never a 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import Sentencia
from tests.engine.fixtures import MakeStore, store_settings
from tests.uvicorn_thread import serving

TIMEOUT = httpx.Timeout(120.0)
HOOK = "http://127.0.0.1:9/hook"
# one of each kind no one sees: format characters (Cf) and default-ignorable code points
# of other categories (a Hangul filler is a letter, a variation selector a mark)
HIDDEN = {
    "cgj": "\u034f",  # combining grapheme joiner
    "tag": "\U000e0041",  # tag latin capital letter A
    "cancel-tag": "\U000e007f",
    "hangul-filler": "\u3164",
    "hangul-choseong-filler": "\u115f",
    "hangul-jungseong-filler": "\u1160",
    "halfwidth-hangul-filler": "\uffa0",
    "vs16": "\ufe0f",
    "vs256": "\U000e01ef",
    "soft-hyphen": "\u00ad",
    "zwj": "\u200d",
    "zwnj": "\u200c",
    "word-joiner": "\u2060",
    "bom": "\ufeff",
    "rlo": "\u202e",
    "lri": "\u2066",
    "mongolian-vowel-separator": "\u180e",
    "mongolian-fvs1": "\u180b",
    "khmer-inherent-aq": "\u17b4",
    "arabic-letter-mark": "\u061c",
    "invisible-times": "\u2062",
    "shorthand-format": "\U0001bca0",
    "musical-begin-beam": "\U0001d173",
}
TEXT = "Se concede el {word} solicitado contra la resolución del juez de distrito."


def _judgment(name: str, word: str) -> Sentencia:
    return Sentencia(
        id=f"oculto-{name}",
        title=f"Toca {name}",
        date=dt.date(2024, 3, 8),
        institution="Poder Judicial del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="tribunal-gto-sentencias",
        url=f"https://ejemplo.gob.mx/{name}",
        text=TEXT.format(word=word),
        court="Juzgado Primero Civil de León",
    )


PLAIN = _judgment("plain", "amparo")
DOCS = [PLAIN, *(_judgment(name, f"am{char}paro") for name, char in HIDDEN.items())]
EVERY = {doc.id for doc in DOCS}


@dataclass
class Served:
    http: httpx.Client
    base: str
    key: str

    def search(self, q: str) -> httpx.Response:
        return self.http.get(f"{self.base}/v1/search", params={"q": q, "limit": 100})

    def found(self, q: str) -> set[str]:
        answer = self.search(q)
        assert answer.status_code == 200, (q, answer.text[:300])
        return {hit["id"] for hit in answer.json()["hits"]}

    def alert(self, q: str) -> httpx.Response:
        return self.http.post(
            f"{self.base}/v1/alerts",
            json={"query": {"q": q}, "delivery": {"webhook": HOOK}},
            headers={"Authorization": f"Bearer {self.key}"},
        )


@pytest.fixture(params=["tantivy", "opensearch"])
def served(
    request: pytest.FixtureRequest, tmp_path: Path, make_engine_store: MakeStore
) -> Iterator[Served]:
    plain = Settings(
        data_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'abierto.db'}",
        allow_loopback=True,
        alert_rate_per_minute=1000,
        public_url="https://estadoabierto.example",
    )
    settings = store_settings(request, plain, request.param, make_engine_store)
    library = Library.open(settings, writer=True)
    try:
        for doc in DOCS:
            library.add_document(doc)
        library.flush()
        registry = Registry(library.db)
        registry.add_institution("diario-leon", "Diario de León", "other", "MX-GUA")
        _, key = registry.issue_key("diario-leon")
        app = create_app(library, settings)
        with serving(app) as base, httpx.Client(timeout=TIMEOUT) as http:
            yield Served(http, base, key)
    finally:
        library.close()


def test_a_word_holding_a_character_no_one_sees_is_the_word(served: Served) -> None:
    # in the documents' texts: each is found by the word as written everywhere else
    assert served.found("amparo") == EVERY
    assert served.found('"concede el amparo solicitado"') == EVERY
    assert served.found('"amparo juez"~8') == EVERY
    for name, char in HIDDEN.items():
        # in the question: the same documents, the word's pieces asked for nothing
        assert served.found(f"am{char}paro") == EVERY, name
        assert served.found(f'"concede el am{char}paro"') == EVERY, name
        assert served.found(f"ampa{char}r*") == EVERY, name
        assert served.found(f'"Toca {name}{char}"') == {f"oculto-{name}"}, name
    # a question of nothing but such characters has no words, and says so
    answer = served.search("\u3164\u034f\U000e0041\ufe0f")
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["mensaje"] == "la búsqueda no tiene palabras que buscar"


# (question, what the Spanish message says): each operator problem named as it is
REFUSED = [
    ("NOT NOT amparo", "«NOT NOT»: dos negaciones seguidas"),
    ("juez NOT NOT amparo", "«NOT NOT»: dos negaciones seguidas"),
    ("NOT -amparo", "«NOT -»: dos negaciones seguidas"),
    ("-NOT amparo", "«-NOT»: dos negaciones seguidas"),
    ("juez AND OR amparo", "«AND OR»: dos operadores seguidos"),
    ("juez OR AND amparo", "«OR AND»: dos operadores seguidos"),
    ("juez NOT OR amparo", "NOT necesita una palabra justo después, no otro operador (OR)"),
    ("NOT AND amparo", "NOT necesita una palabra justo después, no otro operador (AND)"),
    ("juez OR NOT", "NOT necesita una palabra después"),
    ("juez NOT", "NOT necesita una palabra después"),
    ("NOT", "NOT necesita una palabra después"),
    ("-", "la búsqueda no tiene palabras que buscar"),
    ("+-amparo", "«+» (exigir) y «-» (excluir) juntos se contradicen"),
    ("!amparo", "«!» no es un operador aquí"),
    ("! amparo", "«!» no es un operador aquí"),
]
# (question, the question it means): taken as meant
TAKEN = [
    ("juez AND AND amparo", "juez AND amparo"),
    ("juez OR OR amparo", "juez OR amparo"),
    ("juez && && amparo", "juez AND amparo"),
    ("juez AND NOT amparo", "juez -amparo"),
]


def test_doubled_and_dangling_operators_say_what_is_wrong(served: Served) -> None:
    for q, said in REFUSED:
        answer = served.search(q)
        assert answer.status_code == 422, (q, answer.text[:300])
        (problem,) = answer.json()["detail"]
        assert problem["type"] == "query_syntax", q
        assert said in problem["mensaje"], (q, problem["mensaje"])
    for q, meant in TAKEN:
        assert served.found(q) == served.found(meant), q


# what journalists write: a few phrases, proximity up to ~20, booleans, fields
REALISTIC = [
    '"prisión preventiva oficiosa"~5 AND (amparo OR revisión)',
    '"daño moral"~10 "responsabilidad civil"~10 -penal',
    '"guarda y custodia"~8 OR "pensión alimenticia"~20',
    '"desaparición forzada"~20 AND "ley general de víctimas"~3',
    '("violencia familiar"~15 OR "violencia de género"~8) AND NOT "orden de protección"~6',
    '"suspensión definitiva"~10 "interés superior del menor"~4 tribunal:"Juzgado Primero"',
    '"prisión preventiva oficiosa"~8 OR "prisión preventiva justificada"~8',
    '"derecho a la verdad"~3 OR "derecho a la información"~3 OR "acceso a la información"~4',
    '"consulta indígena"~12 AND ("megaproyecto"~0 OR "tren maya"~5) -archivo',
    '"no discriminación"~6 "matrimonio igualitario"~10 titulo:"amparo en revisión"',
    '"prisión preventiva oficiosa"~5 OR "prisión preventiva justificada"~5 OR '
    '"medidas cautelares distintas"~5 OR "presunción de inocencia"~5',
]
# eighteen phrases of three words within ~8: 172 arrangements each, 3,096 exact phrases
# asked of every document of every batch (1.8 ms a document and alert)
COSTLY = " ".join(f'"alfa{n} beta{n} gama{n}"~8' for n in range(18))


def test_an_alert_of_too_many_wide_phrases_is_refused_and_real_ones_taken(
    served: Served,
) -> None:
    answer = served.alert(COSTLY)
    assert answer.status_code == 422, answer.text[:300]
    (problem,) = answer.json()["detail"]
    assert problem["type"] == "query_too_costly" and problem["loc"] == ["body", "query", "q"]
    assert "demasiadas frases con proximidad" in problem["mensaje"]
    assert "acorte la frase o reduzca la proximidad" in problem["mensaje"]
    for q in REALISTIC:
        made = served.alert(q)
        assert made.status_code == 201, (q, made.text[:300])
        assert served.search(q).status_code == 200, q


HOSTILE = [
    "(" * 10_000,
    ")" * 10_000,
    "(" * 500 + "amparo" + ")" * 500,
    "NOT " * 200 + "amparo",
    "-" * 999 + "amparo",
    '"amparo juez"~' + "9" * 900,
    '"amparo juez"~٣',  # an Arabic-Indic three
    '"amparo juez"~３',  # a full-width three
    '"amparo juez"~²',
    '"amparo juez"~51',
    '"amparo juez"~-1',
    '"amparo juez"~1e3',
    "amparo~" + "9" * 900,
    "a*",
    "á*",
    "*",
    "**",
    "a**",
    "juez:López",
    "x" * 60 + ":valor",
    "año:٢٠٢٤",  # Arabic-Indic digits
    "año:２０２４",  # full-width digits
    "año:" + "9" * 5000,
    "tribunal:" + "(" * 300,
    'titulo:"' + "a " * 400 + '"~50',
    "amparo " * 140,
    '"' + "de " * 300 + '"~50',
    " OR ".join(["amparo"] * 300),
    "\u202e\u200b\u034f",
    "\U000e0001\U000e0065\U000e0073",
    "𝟏𝟐𝟑",  # mathematical digits
    "amparo\x00juez",
]


# questions of odd shapes that mean something plain: read as meant (a proximity with
# leading zeros was cut to «~000000», an exact phrase; a year in full-width or Arabic-Indic
# digits was «no year of four digits»)
MEANT = [
    ('"amparo juez"~0000000000000000000000008', '"amparo juez"~8'),
    ('"amparo juez"~٨', '"amparo juez"~8'),
    ('"amparo juez"~８', '"amparo juez"~8'),
    ("amparo año:２０２４", "amparo año:2024"),
    ("amparo año:٢٠٢٤", "amparo año:2024"),
]


def test_hostile_questions_are_refused_in_spanish_never_a_500(served: Served) -> None:
    for q in HOSTILE:
        answer = served.search(q)
        assert answer.status_code in (200, 422), (q[:80], answer.status_code, answer.text[:300])
        if answer.status_code == 422:
            for problem in answer.json()["detail"]:
                assert problem.get("mensaje"), (q[:80], problem)
    for q, meant in MEANT:
        assert served.found(q) == served.found(meant) == EVERY, q
    # an empty phrase with a proximity is no unclosed quote: it has no words
    answer = served.search('""~5')
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["mensaje"] == "la búsqueda no tiene palabras que buscar"
