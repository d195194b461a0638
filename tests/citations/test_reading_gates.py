"""The cheap checks that spare the citation readers a regex search must never refuse a
text the search would match: a pattern changed without its check would silently lose
courts and rubros."""

from __future__ import annotations

import random
import string

from indexer.citations import cases, tesis

WORDS = [
    "en", "En", "desde", "Desde", "Al", "al", "resolver", "fallar", "el", "la", "los",
    "las", "El", "La", "diverso", "diversa", "propio", "propia", "ulterior", "este",
    "esta", "Tribunal", "Pleno", "Primera", "Segunda", "Sala", "de", "del", "Suprema",
    "Corte", "resolvió", "falló", ",", "por", "unanimidad", "diez", "votos", "el.", "(en",
]  # fmt: skip
GAPS = [" ", "  ", "\n", "\t", "\xa0", "\u2003", ""]


# "este Tribunal Pleno, al resolver el diverso ": the clause ``_BODY_BEFORE`` reads, in pieces
CLAUSE = [
    ["Como dijo ", "de ", ""], ["este ", "La ", "El ", "esta "],
    ["Tribunal Pleno", "Primera Sala", "Pleno de la Suprema Corte", "Sala"],
    [", ", " ", ",\n"], ["al resolver ", "en ", "resolvió ", "falló, por unanimidad de votos, "],
    ["el ", "la ", "los ", "el\xa0", "El "], ["", "diverso ", "propia\t", "ulterior"],
    ["", " ", "."],
]  # fmt: skip


def _before(rng: random.Random) -> str:
    """Words in any order, or the pieces of a clause, one of them changed at times."""
    if rng.random() < 0.5:
        pieces = [rng.choice(WORDS) + rng.choice(GAPS) for _ in range(rng.randint(0, 16))]
    else:
        pieces = [rng.choice(options) for options in CLAUSE]
        if rng.random() < 0.3:
            pieces[rng.randrange(len(pieces))] = rng.choice(WORDS) + rng.choice(GAPS)
    return "".join(pieces)[-160:]


def test_a_clause_before_a_case_ends_as_its_check_says() -> None:
    rng = random.Random(7)
    matched = {cases._OPENS_CLAUSE: 0, cases._BODY_BEFORE: 0}
    for _ in range(15_000):
        before = _before(rng)
        for clause in matched:
            if clause.search(before):
                matched[clause] += 1
                assert cases._article_last(before), before
    assert min(matched.values()) > 100  # the texts reach both clauses


def test_a_quote_is_capitals_as_counted_letter_by_letter() -> None:
    rng = random.Random(3)
    alphabet = string.ascii_letters + "ÁÉÍÓÚÑáéíóúñªº°ǅⅫ ,.;:-1234567890"
    for _ in range(15_000):
        caps = rng.random()
        text = "".join(
            rng.choice(alphabet).upper() if rng.random() < caps else rng.choice(alphabet)
            for _ in range(rng.randint(0, 70))
        )
        letters = [c for c in text if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        expected = len(letters) >= 12 and upper / len(letters) >= 0.9 and len(text.split()) >= 3
        assert tesis._capitals(text) == expected, text
