"""A generated library of people (accents, particles, roster order, honorifics, several
forms, congresses written otherwise, legislatures) and the people search as it was
before the folded index: every row read and folded, the answer to compare with."""

from __future__ import annotations

import random

from sqlalchemy import select

from indexer.analysis import fold_keyword
from indexer.db import Database, PersonRow
from indexer.speeches.people import People, Person, name_tokens, same_person

GIVEN = ["María", "José", "Ana", "Luis", "Juan Pablo", "Elba Lorena", "Ángel", "Sofía",
         "Jesús", "Inés", "Ramón", "Guadalupe", "Raúl", "Dolores", "Íñigo", "Noé"]  # fmt: skip
SURNAMES = ["López", "Pérez", "de la Torre", "Núñez", "García", "del Valle", "Díaz",
            "Muñoz", "Ruiz", "Olvera", "Ibáñez", "Rodríguez", "San Román", "Avendaño",
            "Martínez", "Ortega"]  # fmt: skip
SCOPES = ["Cámara de Diputados", "Senado de la República", "Congreso del Estado de México",
          "Congreso de Querétaro", "Congreso de Michoacán", "Suprema Corte de Justicia",
          "Congreso de Yucatán"]  # fmt: skip
LEGISLATURES = ["LXIV", "LXV", "LXVI", "LXI", "XXV", None]


def generated_people(count: int, seed: int = 14) -> list[People]:
    """``count`` people spread over ``SCOPES``, each with a few written forms."""
    rng = random.Random(seed)
    by_scope = {scope: People(scope) for scope in SCOPES}
    for n in range(count):
        scope = rng.choice(SCOPES)
        given, first, second = rng.choice(GIVEN), rng.choice(SURNAMES), rng.choice(SURNAMES)
        name = f"{given} {first} {second}"
        if n % 97 == 0:  # now and then written twice alike: one name, two people
            name = f"{GIVEN[0]} {SURNAMES[0]} {SURNAMES[1]}"
        forms = [f"{first} {second}, {given}".upper(), f"Dip. {given.split()[0]} {first}",
                 f"{first} {second} {given}"][: rng.randint(0, 3)]  # fmt: skip
        terms = [{"legislature": rng.choice(LEGISLATURES), "party": rng.choice(["PAN", "PRI",
                  "MORENA", None]), "chamber": None} for _ in range(rng.randint(0, 2))]  # fmt: skip
        person = Person(f"p{n:06d}", name, scope, forms, terms)
        by_scope[scope].by_id[person.id] = person
    return list(by_scope.values())


QUESTIONS: list[tuple[str, str | None, str | None, int]] = [
    ("", "CAMARA DE  diputados", None, 50),
    ("", "Cámara de Diputados", "lxv", 500),
    ("", "Senado de la Republica", "LXVI", 7),
    ("", "congreso de queretaro", "", 50),
    ("María López Pérez", None, None, 50),
    ("maria lopez perez", "Cámara de Diputados", None, 3),
    ("LÓPEZ PÉREZ, MARÍA", None, "LXIV", 50),
    ("Dip. Ángel de la Torre", None, None, 50),
    ("angel torre", None, None, 500),
    ("Núñez Díaz", "Congreso de Yucatán", None, 50),
    ("San Román", None, None, 20),
    ("Torre Núñez Juan Pablo", None, None, 50),
    ("Juan Pablo", None, None, 50),
    ("López", None, None, 50),
    ("Íñigo del Valle", "suprema corte de justicia", "LXV", 50),
    ("Nadie Como Nadie", None, None, 50),
    ("", "Congreso de Nadie", None, 50),
    ("Ruiz Olvera", None, "XXV", 50),
    ("", None, "LXI", 50),
    ("", "   ", None, 50),
    ("", None, None, 10),
]


def find_people_by_scan(
    db: Database,
    name: str = "",
    scope: str | None = None,
    legislature: str | None = None,
    limit: int = 50,
) -> list[Person]:
    """The search before the index (verbatim): every row, folded at every question."""
    wanted = name_tokens(name)
    found = []
    with db.session() as s:
        for row in s.scalars(select(PersonRow).order_by(PersonRow.name)):
            if scope and fold_keyword(row.scope) != fold_keyword(scope):
                continue
            if legislature and not any(
                fold_keyword(t.get("legislature") or "") == fold_keyword(legislature)
                for t in row.terms or []
            ):
                continue
            forms = [row.name, *row.forms]
            if wanted and not any(
                name_tokens(f) == wanted or same_person(wanted, name_tokens(f)) for f in forms
            ):
                continue
            found.append(
                Person(
                    row.id,
                    row.name,
                    row.scope,
                    list(row.forms or []),
                    [dict(t) for t in row.terms or []],
                )
            )
            if len(found) >= limit:
                break
    return found
