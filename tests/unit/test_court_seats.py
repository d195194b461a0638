"""A federal court's seat ("…, con residencia en Guadalajara, Jalisco") is part of its name
where the rest is not unique (an auxiliary region's courts, a juzgado de distrito named by
no state or city, the colegiados of a circuit with courts in several cities): kept then,
in one form (the city's accents, its state); a name unique without it stays as it was, and
a seat not read (a city not known, a state not its own) is left out, never guessed."""

from __future__ import annotations

import pytest

from indexer.citations.courts import courts_agree
from indexer.readers.courts import normalise_court
from indexer.readers.judgments import read_sentence

AUX = "Primer Tribunal Colegiado del Centro Auxiliar de la Tercera Región"
GDL = f"{AUX}, con residencia en Guadalajara, Jalisco"
MORELIA = f"{AUX}, con residencia en Morelia, Michoacán"
PENAL = "Juzgado Primero de Distrito en Materia Penal"
CIVIL_2 = "Tribunal Colegiado en Materia Civil del Segundo Circuito"


@pytest.mark.parametrize(
    ("written", "court"),
    [(f"{AUX}, con residencia en Guadalajara, Jalisco", GDL),
     (f"{AUX}, con residencia en Morelia, Michoacán", MORELIA),
     # one spelling: capitals, accents left out, the state not written or abbreviated
     ("PRIMER TRIBUNAL COLEGIADO DEL CENTRO AUXILIAR DE LA TERCERA REGIÓN, CON RESIDENCIA EN "
      "MORELIA, MICHOACÁN", MORELIA),
     (f"{AUX} con residencia en Morelia, Michoacan de Ocampo", MORELIA),
     (f"{AUX}, con sede en Guadalajara", GDL),
     (f"{PENAL}, con residencia en Toluca", f"{PENAL}, con residencia en Toluca, Estado de México"),
     (f"{PENAL}, con residencia en Mazatlan, Sinaloa",
      f"{PENAL}, con residencia en Mazatlán, Sinaloa"),
     ("Juzgado Segundo de Distrito, con residencia en el Distrito Federal",
      "Juzgado Segundo de Distrito, con residencia en la Ciudad de México"),
     (f"{CIVIL_2}, con residencia en Nezahualcóyotl, Estado de México",
      f"{CIVIL_2}, con residencia en Ciudad Nezahualcóyotl, Estado de México"),
     (f"{CIVIL_2} con residencia en Ciudad Nezahualcoyotl, Edo. de Mexico",
      f"{CIVIL_2}, con residencia en Ciudad Nezahualcóyotl, Estado de México"),
     (f"{CIVIL_2}, con residencia en Toluca, Estado de México",
      f"{CIVIL_2}, con residencia en Toluca, Estado de México"),
     # the rest of the sentence after the seat is no part of it
     (f"{AUX}, con residencia en Morelia, Michoacán, en apoyo del Primer Tribunal", MORELIA)],
)  # fmt: skip
def test_a_seat_that_tells_courts_of_one_name_apart_is_kept_in_one_form(
    written: str, court: str
) -> None:
    assert normalise_court(written) == court


@pytest.mark.parametrize(
    ("written", "court"),
    [# unique without the seat: as before (a facet is not split by how the seat is written)
     ("Primer Tribunal Colegiado del Tercer Circuito, con residencia en Zapopan, Jalisco",
      "Primer Tribunal Colegiado del Tercer Circuito"),
     ("Juzgado Tercero de Distrito en el Estado de Jalisco, con residencia en Puente Grande",
      "Juzgado Tercero de Distrito en el Estado de Jalisco"),
     ("Pleno Regional en Materia Penal de la Región Centro-Sur, con residencia en la Ciudad de "
      "México", "Pleno Regional en Materia Penal de la Región Centro-Sur"),
     ("Juzgado Cuarto Civil de Tenango del Valle, con residencia en Tenango",
      "Juzgado Cuarto Civil de Tenango del Valle"),
     # a seat not read: a city not known, a state not the city's own, no comma between
     (f"{PENAL}, con residencia en Springfield", PENAL),
     (f"{PENAL}, con residencia en Toluca, Jalisco", PENAL),
     (f"{AUX}, con residencia en Morelia Michoacán", AUX)],
)  # fmt: skip
def test_a_seat_no_one_needs_or_no_one_reads_is_left_out(written: str, court: str) -> None:
    assert normalise_court(written) == court


CAPTION = "{caption}\nAMPARO DIRECTO 55/2023\nQUEJOSA: **********\n\n{opening}\n\n"
BODY = "V I S T O S para resolver los autos del juicio de amparo directo 55/2023; y,\n"


@pytest.mark.parametrize(
    ("caption", "opening", "court"),
    [# the caption's seat on the court's line or on the next
     ("PRIMER TRIBUNAL COLEGIADO DEL CENTRO AUXILIAR DE LA TERCERA REGIÓN, CON RESIDENCIA EN "
      "MORELIA, MICHOACÁN", "", MORELIA),
     ("PRIMER TRIBUNAL COLEGIADO DEL CENTRO AUXILIAR\nDE LA TERCERA REGIÓN\nCON RESIDENCIA EN "
      "GUADALAJARA, JALISCO", "", GDL),
     ("JUZGADO PRIMERO DE DISTRITO EN MATERIA PENAL\nCON RESIDENCIA EN TOLUCA, ESTADO DE MÉXICO",
      "", f"{PENAL}, con residencia en Toluca, Estado de México"),
     # the opening's seat between the court and its session
     ("", f"Morelia, Michoacán. Acuerdo del {AUX}, con residencia en Morelia, Michoacán, en "
      "apoyo del Primer Tribunal Colegiado en Materia Civil del Tercer Circuito, "
      "correspondiente a la sesión de diez de abril de dos mil veintitrés.", MORELIA),
     ("", f"Acuerdo del {CIVIL_2}, con residencia en Nezahualcóyotl, Estado de México, "
      "correspondiente a la sesión de diez de abril de dos mil veintitrés.",
      f"{CIVIL_2}, con residencia en Ciudad Nezahualcóyotl, Estado de México")],
)  # fmt: skip
def test_a_sentence_reads_its_courts_seat_where_it_tells_it_apart(
    caption: str, opening: str, court: str
) -> None:
    text = CAPTION.format(caption=caption, opening=opening) + BODY
    assert read_sentence(text).values["court"] == court


def test_courts_of_one_name_in_two_cities_are_not_one_for_a_citation() -> None:
    assert not courts_agree(MORELIA, GDL)
    assert courts_agree(AUX, GDL)  # a citation that names no seat may be either
    assert courts_agree(f"{AUX}, con residencia en Guadalajara", GDL)


@pytest.mark.parametrize(
    ("written", "court"),
    [# a circuit's ordinal in one word, as many federal documents write it: one name, its
     # seat kept where the circuit's courts sit in several cities
     ("SEGUNDO TRIBUNAL COLEGIADO EN MATERIAS PENAL Y ADMINISTRATIVA DEL DECIMOSÉPTIMO "
      "CIRCUITO, CON RESIDENCIA EN CIUDAD JUÁREZ, CHIHUAHUA",
      "Segundo Tribunal Colegiado en Materias Penal y Administrativa del Décimo Séptimo "
      "Circuito, con residencia en Ciudad Juárez, Chihuahua"),
     ("Primer Tribunal Colegiado del Decimoquinto Circuito, con residencia en Mexicali, Baja "
      "California", "Primer Tribunal Colegiado del Décimo Quinto Circuito, con residencia en "
      "Mexicali, Baja California"),
     ("Tribunal Colegiado del Vigesimoprimer Circuito, con residencia en Acapulco, Guerrero",
      "Tribunal Colegiado del Vigésimo Primer Circuito, con residencia en Acapulco, Guerrero"),
     # unique without the seat: the ordinal in two words, no seat
     ("Tribunal Colegiado en Materias Penal y Administrativa del Decimocuarto Circuito",
      "Tribunal Colegiado en Materias Penal y Administrativa del Décimo Cuarto Circuito"),
     ("Pleno del Decimosexto Circuito", "Pleno del Décimo Sexto Circuito"),
     # a feminine one keeps its "o" in one word
     ("DECIMOTERCERA SALA CIVIL", "Décima Tercera Sala Civil")],
)  # fmt: skip
def test_an_ordinal_in_one_word_names_the_same_court_as_in_two(written: str, court: str) -> None:
    assert normalise_court(written) == court
