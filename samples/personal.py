"""Fictitious but valid personal data (check digits included) and fictitious people, to
plant in sample sentences for the personal-data guard's tests and benchmark."""

from __future__ import annotations

import random
import string

FIRST = ("Juan Carlos", "María Guadalupe", "José Luis", "Ana Sofía", "Francisco", "Rosa María",
         "Miguel Ángel", "Verónica", "Jesús", "Alejandra", "Ricardo", "Leticia", "Óscar",
         "Beatriz Eugenia", "Raúl", "Norma Angélica", "Héctor", "Yolanda", "Ernesto",
         "Itzel")  # fmt: skip
LAST = ("Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez",
        "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Jiménez",
        "Reyes", "Díaz", "Torres", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz",
        "Castillo", "de la Cruz", "Moreno", "Romero", "Chávez", "Núñez", "Ibarra")  # fmt: skip
STREETS = ("Hidalgo", "Benito Juárez", "Francisco I. Madero", "Morelos", "Allende",
           "Cinco de Mayo", "Independencia", "Insurgentes", "Revolución", "Guerrero")  # fmt: skip
COLONIAS = ("Centro", "Las Américas", "San Juan de Dios", "Jardines del Moral", "El Carmen",
            "Lomas del Campestre", "Zona Centro", "Bellavista")  # fmt: skip
_STATES = (
    "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ"
)
STATES = (*(_STATES[i : i + 2] for i in range(0, len(_STATES), 3)), "YN", "ZS")
_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
_CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"
_VOWELS = "AEIOU"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


def curp(rng: random.Random) -> str:
    head = (rng.choice(string.ascii_uppercase) + rng.choice(_VOWELS)
            + "".join(rng.choices(string.ascii_uppercase, k=2)) + _date(rng)
            + rng.choice("HM") + rng.choice(STATES) + "".join(rng.choices(_CONSONANTS, k=3))
            + rng.choice("0AB"))  # fmt: skip
    total = sum(_CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(head))
    return head + str((10 - total % 10) % 10)


def _rfc_digit(first: str) -> str:
    total = sum(_RFC_ALPHABET.index(c) * (13 - i) for i, c in enumerate(first.rjust(12)))
    rest = total % 11
    return "0" if rest == 0 else ("A" if rest == 1 else str(11 - rest))


def rfc(rng: random.Random, company: bool = False) -> str:
    letters = "".join(rng.choices(string.ascii_uppercase, k=3 if company else 4))
    head = letters + _date(rng) + "".join(rng.choices(string.ascii_uppercase + "123456789", k=2))
    return head + _rfc_digit(head)


def clave_elector(rng: random.Random) -> str:
    letters = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(3))
    return (
        f"{letters}{_date(rng)}{rng.randint(1, 32):02d}{rng.choice('HM')}{rng.randint(0, 999):03d}"
    )


def _luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def nss(rng: random.Random) -> str:
    head = "".join(rng.choices(string.digits, k=10))
    return head + _luhn_digit(head)


def clabe(rng: random.Random) -> str:
    head = rng.choice(("002", "012", "014", "021", "030", "036", "072")) + "".join(
        rng.choices(string.digits, k=14)
    )
    weights = (3, 7, 1) * 6
    total = sum(int(d) * weights[i] % 10 for i, d in enumerate(head))
    return head + str((10 - total % 10) % 10)


def card(rng: random.Random) -> str:
    head = rng.choice("45") + "".join(rng.choices(string.digits, k=14))
    number = head + _luhn_digit(head)
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


def phone(rng: random.Random) -> str:
    area = rng.choice(("55", "33", "81", "442", "461", "477", "473"))
    rest = "".join(rng.choices(string.digits, k=10 - len(area)))
    shape = rng.randrange(4)
    if shape == 0:
        return f"{area} {rest[:-4]} {rest[-4:]}"
    if shape == 1:
        return f"({area}) {rest[:-4]}-{rest[-4:]}"
    if shape == 2:
        return f"+52 {area} {rest[:-4]} {rest[-4:]}"
    return f"{area}{rest}"


def email(rng: random.Random, name: str) -> str:
    user = name.split()[0].lower().translate(str.maketrans("áéíóúñ", "aeioun"))
    domain = rng.choice(
        ("gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.es", "prodigy.net.mx")
    )
    return f"{user}.{rng.randint(10, 99)}@{domain}"


def address(rng: random.Random) -> str:
    street = f"{rng.choice(('calle', 'avenida', 'Calle', 'Avenida'))} {rng.choice(STREETS)}"
    number = f"{rng.choice(('número ', 'No. ', ''))}{rng.randint(1, 999)}"
    colonia = f"colonia {rng.choice(COLONIAS)}"
    return f"{street} {number}, {colonia}, C.P. {rng.randint(20000, 99999)}"
