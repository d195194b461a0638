"""Court and chamber names to one written form, so a filter or facet counts one body once.

Sites write ``JUZGADO 1o. CIVIL``, ``Jdo. Primero Civil`` and ``Juzgado Primero Civil``
for the same court, and ``H. Cámara de Diputados`` or ``Senado`` for a chamber. Names
already written in mixed case are kept as written (only abbreviations and ordinals are
expanded); names in capitals are put in Spanish title case.
"""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword

_SMALL_WORDS = frozenset(
    ("de", "del", "la", "las", "lo", "los", "el", "en", "y", "e", "o", "u", "a", "al", "para",
     "por", "con", "sin", "sobre", "su", "sus")
)  # fmt: skip
_ROMAN = re.compile(r"^C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# Ordinals 1–99 as courts are numbered: circuits up to the Trigésimo Segundo, tribunals
# of a circuit and a city's juzgados beyond twenty ("Vigésimo Primer Tribunal Colegiado",
# "Juzgado Cuadragésimo Segundo de lo Familiar").
_UNITS = ("", "Primero", "Segundo", "Tercero", "Cuarto", "Quinto", "Sexto", "Séptimo",
          "Octavo", "Noveno")  # fmt: skip
_TENS = ("", "Décimo", "Vigésimo", "Trigésimo", "Cuadragésimo", "Quincuagésimo",
         "Sexagésimo", "Septuagésimo", "Octogésimo", "Nonagésimo")  # fmt: skip
ORDINALS = {
    10 * tens + units: " ".join(word for word in (_TENS[tens], _UNITS[units]) if word)
    for tens in range(10)
    for units in range(10)
    if tens or units
}
# "1o.", "1er.", "21°", "2a.", "2ª": masculine, or feminine (group 2) before a sala
_ORDINAL_NUMBER = re.compile(
    r"\b(\d{1,2})\s*(?:(?i:o\.?|er\.?|ero\.?)|º|°|((?i:a\.?)|ª\.?))(?=\s|$)"
)
# An ordinal before its noun loses its "o": "1er. Tribunal" → "Primer Tribunal" (not
# "Primero"), "del 3er. Circuito" → "Tercer Circuito", "21o. Tribunal" → "Vigésimo Primer
# Tribunal"; after it, it keeps it ("Juzgado Primero").
_APOCOPE = re.compile(r"\b(Primero|Tercero)(?=\s+(?:Tribunal|Circuito|Juzgado)\b)")


# An ordinal written as one word ("Decimoséptimo Circuito", "DECIMOSEXTO", "Vigesimoprimer"),
# as many federal documents write a circuit: in two words, as ``ordinal_word`` writes it
# ("Décimo Séptimo"), one court's name one way (and its seat kept where its circuit's
# courts sit in several cities: ``_needs_seat`` reads the ordinal in two words).
_JOINED_ORDINAL = re.compile(
    r"\b(D[eé]cim|Vig[eé]sim|Trig[eé]sim)([oa])(primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]"
    r"|quint[oa]|sext[oa]|s[eé]ptim[oa]|octav[oa]|noven[oa])\b",
    re.I,
)
_ORDINAL_TENS = {"decim": "Décim", "vigesim": "Vigésim", "trigesim": "Trigésim"}


def _split_ordinal(found: re.Match[str]) -> str:
    unit = found[3].lower().replace("septim", "séptim")
    # (one word keeps the "o" in a feminine one: "Decimotercera" is "Décima Tercera")
    tens = _ORDINAL_TENS[fold_keyword(found[1])] + ("a" if unit.endswith("a") else "o")
    unit = unit[0].upper() + unit[1:]
    if found[0][:1].islower():
        return f"{tens.lower()} {unit.lower()}"
    return f"{tens} {unit}"


# A Tribunal Unitario Agrario by its district, its number written in digits or words, with
# "Número" or without, "del" or not ("…del Distrito Número Quince", "…Distrito 15"): one
# form, "Tribunal Unitario Agrario del Distrito 15" (a number not read is left as written).
_AGRARIAN_DISTRICT = re.compile(
    r"\b(Tribunal\s+Unitario\s+Agrario)\s+(?:del\s+)?Distrito\s+"
    r"(?:(?:N[uú]mero|N[uú]m\.|No\.)\s*)?(\d{1,2}|[a-záéíóú]+(?:\s+y\s+[a-záéíóú]+)?)$",
    re.I,
)


def _agrarian_district(found: re.Match[str]) -> str:
    written = found[2]
    number = int(written) if written.isdigit() else _district_number(fold_keyword(written))
    if not number or number > 60:
        return found[0]
    return f"Tribunal Unitario Agrario del Distrito {number}"


_CARDINALS = (
    "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
    "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho", "diecinueve",
    "veinte", "veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco",
    "veintiseis", "veintisiete", "veintiocho", "veintinueve",
)  # fmt: skip
_CARDINAL_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50}


def _district_number(words: str) -> int | None:
    """A district's number in words (folded): ``quince`` → 15, ``treinta y uno`` → 31;
    None for words that are no number up to 59 (the agrarian districts are fewer)."""
    if words in _CARDINALS:
        return _CARDINALS.index(words) + 1
    tens, _, unit = words.partition(" y ")
    if tens in _CARDINAL_TENS and (not unit or unit in _CARDINALS[:9]):
        return _CARDINAL_TENS[tens] + (_CARDINALS.index(unit) + 1 if unit else 0)
    return None


def ordinal_word(number: int, feminine: bool = False) -> str | None:
    """``21`` → ``Vigésimo Primero`` (``Vigésima Primera`` feminine); None beyond 99."""
    word = ORDINALS.get(number)
    if word is None or not feminine:
        return word
    return " ".join(f"{part[:-1]}a" for part in word.split())


_ABBREVIATIONS = (
    (re.compile(r"\bjdo\.?(?=\s)", re.I), "Juzgado"),
    (re.compile(r"\btrib\.?(?=\s)", re.I), "Tribunal"),
    (re.compile(r"\bmat\.?(?=\s)", re.I), "Materia"),
    (re.compile(r"\bS\.?\s?C\.?\s?J\.?\s?N\.?(?=\s|$)"), "Suprema Corte de Justicia de la Nación"),
    (re.compile(r"\bT\.?\s?S\.?\s?J\.?(?=\s|$)"), "Tribunal Superior de Justicia"),
    (re.compile(r"\bTEPJF\b"), "Tribunal Electoral del Poder Judicial de la Federación"),
)
# Bodies of the two federal courts, named after them: "Sala Regional Xalapa del TEPJF".
# (a sentence writes its own court "esta Suprema Corte", and may leave out "de la Nación")
_LONG_NAMES = (
    # (its "H." or "Honorable" no part of its name: "Segunda Sala de la H. Suprema Corte…")
    (re.compile(r"(?<=\w) de (?:la|esta) (?:(?:H\.|Honorable) ?)?Suprema Corte"
                r"(?: de Justicia(?: de la Naci[oó]n)?)?$", re.I), " de la SCJN"),
    (re.compile(r"(?<=\w) del Tribunal Electoral del Poder Judicial de la Federaci[oó]n$", re.I),
     " del TEPJF"),
)  # fmt: skip
# Whole names written many ways, by their folded form.
KNOWN_COURTS = {
    "scjn": "Suprema Corte de Justicia de la Nación",
    "suprema corte de justicia de la nacion": "Suprema Corte de Justicia de la Nación",
    "pleno de la suprema corte de justicia de la nacion": "Pleno de la SCJN",
    "tribunal pleno": "Pleno de la SCJN",
    "tribunal pleno de la suprema corte de justicia de la nacion": "Pleno de la SCJN",
    # (the 1990s' engroses: "Acuerdo del Tribunal en Pleno de la Suprema Corte…")
    "tribunal en pleno de la suprema corte de justicia de la nacion": "Pleno de la SCJN",
    "primera sala de la suprema corte de justicia de la nacion": "Primera Sala de la SCJN",
    "segunda sala de la suprema corte de justicia de la nacion": "Segunda Sala de la SCJN",
    "sala superior del tribunal electoral del poder judicial de la federacion": (
        "Sala Superior del TEPJF"
    ),
}


def title_case(text: str) -> str:
    """``JUZGADO PRIMERO DE LO CIVIL`` → ``Juzgado Primero de lo Civil`` (numerals kept)."""
    words = []
    for position, word in enumerate(text.split()):
        lower = word.lower()
        if _ROMAN.match(word) and len(word) > 1:
            words.append(word)
        elif position and lower in _SMALL_WORDS:
            words.append(lower)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in lower.split("-")))
    return " ".join(words)


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


# A leading article or demonstrative ("La Primera Sala…", "Este Tribunal Pleno…").
_ARTICLE = re.compile(r"^(?:la|el|los|las|esta|este|dicha|dicho|aquella|aquel)\s+(?=\w)", re.I)
# A name that runs on into the sentence: "Juzgado Cuarto Civil de Tenango del Valle, con".
_CLAUSE = re.compile(
    r",\s*(?:con|que|quien|quienes|cuyo|cuya|en|el|la|los|las|por|mediante|al|a|y|mismo|misma"
    r"|dentro|respecto|relativo|relativa)\b.*$",
    re.I,
)
_DANGLING = re.compile(r"\s+(?:de|del|la|las|los|el|en|con|y|e|a|al|por|para|que)$", re.I)
# A seat a letterhead writes after the court's name on its line ("PRIMERA SALA CIVIL
# MONTERREY, N.L.", "SEGUNDA SALA FAMILIAR SAN PEDRO GARZA GARCÍA, NUEVO LEÓN"): the city's
# words after the last word of the court's name, then its state; no part of the court. A
# seat written "de Guadalupe" belongs to the name ("Juzgado Civil de Guadalupe, Zacatecas").
_SEAT_AFTER = re.compile(
    r"^(?P<court>.*\b(?:sala|civil|penal|familiar|mixta|mercantil|laboral|unitaria|colegiada"
    r"|oral|judicial|estado|circuito|adolescentes|administrativa|justicia)\b)"
    r"\s+(?!(?:de|del|la|las|los|el)\b)"
    r"(?P<city>[^\W\d_][\w.'-]*(?:\s+(?:de|del|la|los|las|[^\W\d_][\w.'-]*)){0,4})"
    r"\s*,\s*(?P<state>[^\W\d_][\w. ]{1,30})\s*$",
    re.I,
)
_NOT_CITY = re.compile(
    r"\b(?:en|con|a|al|y|e|por|para|que|sala|juzgado|tribunal|distrito|regional|superior"
    r"|especializad[oa]|unitari[oa]|colegiad[oa]|circuito|materia|partido|region|civil|penal"
    r"|familiar|mixta|mercantil|laboral|oral|judicial|estado|adolescentes|administrativa"
    r"|justicia|zona|regi[oó]n|norte|sur|centro|oriente|poniente|noreste|noroeste|sureste"
    r"|suroeste|metropolitana)\b",
    re.I,
)
_DANGLING_WORD = re.compile(_DANGLING.pattern.removeprefix(r"\s+").removesuffix("$"), re.I)
# TEPJF regional chambers by seat, and the seat of each circunscripción plurinominal.
REGIONAL_SEATS = {
    "guadalajara": "Guadalajara", "monterrey": "Monterrey", "xalapa": "Xalapa",
    "ciudad de mexico": "Ciudad de México", "toluca": "Toluca",
    # the fourth's seat before 2017, the sala then named after it (SDF-JDC-481/2015)
    "distrito federal": "Distrito Federal",
}  # fmt: skip
CIRCUNSCRIPCIONES = {
    "primera": "Guadalajara", "segunda": "Monterrey", "tercera": "Xalapa",
    "cuarta": "Ciudad de México", "quinta": "Toluca",
}  # fmt: skip
_REGIONAL = re.compile(r"\bsala\s+regional\b")
_SEAT = re.compile(
    rf"\b(?:sede|residencia)\s+en\s+(?:la\s+|el\s+)?(?:ciudad\s+de\s+)?({'|'.join(REGIONAL_SEATS)})"
    rf"|\bsala\s+regional\s+({'|'.join(REGIONAL_SEATS)})\b"
)
_BARE_REGIONAL = re.compile(
    rf"sala\s+regional\s+(?:{'|'.join(REGIONAL_SEATS)}|especializada)(?:\s+del?\s+tepjf)?"
)
# "Sala Regional … del Tribunal Electoral del Estado de Jalisco" is no TEPJF chamber.
_LOCAL_ELECTORAL = re.compile(
    r"\btribunal\s+electoral\s+(?:del\s+(?!poder\s+judicial\s+de\s+la\s+federacion)|de\s+(?!la\s+federacion))"
)
# The TFJA's and the states' administrative courts have regional salas too, with seats
# ("Sala Regional de Occidente del Tribunal Federal de Justicia Administrativa, con sede en
# Guadalajara", its "circunscripción territorial"): never a TEPJF chamber.
_ADMINISTRATIVE = re.compile(r"\bjusticia\s+(?:fiscal\s+y\s+)?administrativa\b")
_CIRCUNSCRIPCION = re.compile(rf"\b({'|'.join(CIRCUNSCRIPCIONES)})\s+circunscripcion")
# Bodies of a court named bare in the court's own records: "PRIMERA SALA" at the SCJN.
_BARE_BODIES = {
    "scjn": {"primera sala": "Primera Sala de la SCJN", "segunda sala": "Segunda Sala de la SCJN",
             "pleno": "Pleno de la SCJN", "tribunal pleno": "Pleno de la SCJN"},
    "tepjf": {"sala superior": "Sala Superior del TEPJF"},
}  # fmt: skip

# A state's high court sits as "Tribunal Pleno" too: bare, published by another court than
# the SCJN, it is that court's own plenary, not the SCJN's.
_OWN_PLENO = frozenset(("tribunal pleno", "pleno"))


def _court_of(institution: str | None) -> str | None:
    folded = fold_keyword(institution or "")
    if "suprema corte" in folded or re.search(r"\bscjn\b", folded):
        return "scjn"
    if "tribunal electoral del poder judicial de la federacion" in folded or "tepjf" in folded:
        return "tepjf"
    return None


def regional_chamber(text: str) -> str | None:
    """``Sala Regional … correspondiente a la Quinta Circunscripción …, con sede en Toluca``
    → ``Sala Regional Toluca del TEPJF``; the seat written wins over the circunscripción."""
    folded = fold_keyword(text)
    if not _REGIONAL.search(folded):
        return None
    if _LOCAL_ELECTORAL.search(folded) or _ADMINISTRATIVE.search(folded):
        return None  # a state's electoral court, the TFJA: their own chambers
    electoral = re.search(r"electoral|\btepjf\b|circunscripcion", folded)
    if not electoral and not _BARE_REGIONAL.fullmatch(folded):
        return None  # a state court's "Sala Regional" (administrative justice) is not TEPJF
    if re.search(r"\bsala\s+regional\s+especializada\b", folded):
        return "Sala Regional Especializada del TEPJF"
    seat = _SEAT.search(folded)
    if seat:
        return f"Sala Regional {REGIONAL_SEATS[seat[1] or seat[2]]} del TEPJF"
    circunscripcion = _CIRCUNSCRIPCION.search(folded)
    if circunscripcion:
        return f"Sala Regional {CIRCUNSCRIPCIONES[circunscripcion[1]]} del TEPJF"
    return None


def _without_dangling(name: str) -> str:
    """``name`` (its words one space apart) without the words left dangling at its end
    ("…de Tenango del Valle, con" cut to "…de Tenango del Valle"), as ``_DANGLING`` cut
    them one by one: each last word looked at alone, where searching the whole name for
    each was quadratic in a name of many (``A A A …``)."""
    while " " in name:
        rest, last = name.rsplit(" ", 1)
        if not _DANGLING_WORD.fullmatch(last):
            break
        name = rest
    return name


def _without_seat(name: str) -> str:
    """``name`` without the seat (city, state) a letterhead writes after it."""
    found = _SEAT_AFTER.match(name)
    if not found or _NOT_CITY.search(found["city"]) or not _is_state(found["state"]):
        return name
    return found["court"]


def _is_state(written: str) -> bool:
    """Whether ``written`` is a Mexican state as a letterhead writes it: whole ("Nuevo
    León", "Jalisco") or abbreviated in capitals with dots ("N.L.", "Jal.", "Gto.")."""
    folded = fold_keyword(written).strip(" .")
    if folded in _STATE_NAMES:
        return True
    return bool(re.fullmatch(r"[A-Z](?:\.\s*[A-Z]){0,2}\.|[A-Z][A-Za-z]{1,4}\.", written.strip()))


_STATE_NAMES = frozenset(
    fold_keyword(state)
    for state in ("Aguascalientes", "Baja California", "Baja California Sur", "Campeche",
                  "Chiapas", "Chihuahua", "Coahuila", "Colima", "Durango", "Guanajuato",
                  "Guerrero", "Hidalgo", "Jalisco", "Estado de México", "México",
                  "Michoacán", "Morelos", "Nayarit", "Nuevo León", "Oaxaca", "Puebla",
                  "Querétaro", "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora",
                  "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas")
)  # fmt: skip


def normalise_court(text: str | None, institution: str | None = None) -> str | None:
    """One written form per court: abbreviations and ordinals expanded, capitals tamed, a
    leading article and a trailing clause cut. ``institution`` (the publisher) ties a
    bare body to its court: "PRIMERA SALA" published by the SCJN is its Primera Sala. A
    federal court's seat is kept, in one form, where the name is not unique without it
    ("…del Centro Auxiliar de la Tercera Región, con residencia en Morelia, Michoacán")."""
    if not text:
        return None
    regional = regional_chamber(text)
    if regional:
        return regional
    text = " ".join(text.split())
    seat = _WRITTEN_SEAT.search(text)
    if seat is None or not seat.start():
        return _normalised(text, institution)
    name = _normalised(text[: seat.start()], institution)
    if name and _needs_seat(name):
        return _with_seat(text, name)
    return _normalised(text, institution)  # (as it always was: its seat no part of it)


def _normalised(text: str, institution: str | None) -> str | None:
    """``normalise_court`` of a name its seat is cut from (or none written)."""
    name = _without_seat(" ".join(text.split())).strip(" .,;:")
    name = _ARTICLE.sub("", name)
    name = _CLAUSE.sub("", name)
    name = _without_dangling(name)
    name = name.strip(" .,;:")
    if not name:
        return None
    folded = fold_keyword(name)
    # (a publisher given but unnamed, as a file indexed from disk may have, is none known
    # to be the Suprema Corte either)
    if folded in _OWN_PLENO and institution is not None and _court_of(institution) != "scjn":
        return "Tribunal Pleno" if folded == "tribunal pleno" else "Pleno"
    known = KNOWN_COURTS.get(folded)
    if known:
        return known
    bare = _BARE_BODIES.get(_court_of(institution) or "", {}).get(fold_keyword(name))
    if bare:
        return bare
    shouting = _shouting(name)
    for pattern, expansion in _ABBREVIATIONS:
        name = pattern.sub(expansion, name)
    name = _ORDINAL_NUMBER.sub(lambda m: ordinal_word(int(m[1]), bool(m[2])) or m[0], name)
    if shouting:
        name = title_case(name)
    name = _JOINED_ORDINAL.sub(_split_ordinal, name)
    name = _APOCOPE.sub(lambda m: m[1][:-1], name)
    name = _AGRARIAN_DISTRICT.sub(_agrarian_district, name)
    known = KNOWN_COURTS.get(fold_keyword(name))
    if known:
        return known
    for long, short in _LONG_NAMES:
        name = long.sub(short, name)
    scjn_pleno = ("tribunal pleno de la scjn", "tribunal en pleno de la scjn")
    return "Pleno de la SCJN" if fold_keyword(name) in scjn_pleno else name


# A federal court's seat ("…, con residencia en Guadalajara, Jalisco") is part of its name
# where the rest is not unique: the auxiliary regions' courts ("Primer Tribunal Colegiado
# del Centro Auxiliar de la Tercera Región" sat in Guadalajara and in Morelia), juzgados de
# distrito whose name carries no state or city ("Juzgado Primero de Distrito en Materia
# Penal" in several circuits), and the colegiados and unitarios of the circuits with courts
# in several cities ("Tribunal Colegiado en Materia Civil del Segundo Circuito" in Toluca
# and in Nezahualcóyotl). Elsewhere the seat is left out, as before (a name unique without
# it is not split by how a document writes its seat). Seats by folded city: the city as
# written with its accents, and its state; a city not known here, or a state written that
# is not its own, gives no seat (the name is kept without it: none is better than a guess).
SEATS = {
    "ciudad de mexico": ("Ciudad de México", None), "distrito federal": ("Ciudad de México", None),
    "mexico, distrito federal": ("Ciudad de México", None),
    "guadalajara": ("Guadalajara", "Jalisco"), "zapopan": ("Zapopan", "Jalisco"),
    "puente grande": ("Puente Grande", "Jalisco"), "morelia": ("Morelia", "Michoacán"),
    "uruapan": ("Uruapan", "Michoacán"), "toluca": ("Toluca", "Estado de México"),
    "naucalpan": ("Naucalpan de Juárez", "Estado de México"),
    "naucalpan de juarez": ("Naucalpan de Juárez", "Estado de México"),
    "nezahualcoyotl": ("Ciudad Nezahualcóyotl", "Estado de México"),
    "ciudad nezahualcoyotl": ("Ciudad Nezahualcóyotl", "Estado de México"),
    "almoloya de juarez": ("Almoloya de Juárez", "Estado de México"),
    "monterrey": ("Monterrey", "Nuevo León"), "saltillo": ("Saltillo", "Coahuila"),
    "torreon": ("Torreón", "Coahuila"), "piedras negras": ("Piedras Negras", "Coahuila"),
    "monclova": ("Monclova", "Coahuila"), "xalapa": ("Xalapa", "Veracruz"),
    "jalapa": ("Xalapa", "Veracruz"), "xalapa-enriquez": ("Xalapa", "Veracruz"),
    "boca del rio": ("Boca del Río", "Veracruz"), "veracruz": ("Veracruz", "Veracruz"),
    "coatzacoalcos": ("Coatzacoalcos", "Veracruz"), "cordoba": ("Córdoba", "Veracruz"),
    "tuxpan": ("Tuxpan", "Veracruz"), "poza rica": ("Poza Rica", "Veracruz"),
    "villahermosa": ("Villahermosa", "Tabasco"), "mazatlan": ("Mazatlán", "Sinaloa"),
    "culiacan": ("Culiacán", "Sinaloa"), "los mochis": ("Los Mochis", "Sinaloa"),
    "mexicali": ("Mexicali", "Baja California"), "tijuana": ("Tijuana", "Baja California"),
    "ensenada": ("Ensenada", "Baja California"), "la paz": ("La Paz", "Baja California Sur"),
    "chihuahua": ("Chihuahua", "Chihuahua"), "ciudad juarez": ("Ciudad Juárez", "Chihuahua"),
    "reynosa": ("Reynosa", "Tamaulipas"), "ciudad victoria": ("Ciudad Victoria", "Tamaulipas"),
    "nuevo laredo": ("Nuevo Laredo", "Tamaulipas"), "matamoros": ("Matamoros", "Tamaulipas"),
    "tampico": ("Tampico", "Tamaulipas"), "chilpancingo": ("Chilpancingo", "Guerrero"),
    "acapulco": ("Acapulco", "Guerrero"), "iguala": ("Iguala", "Guerrero"),
    "hermosillo": ("Hermosillo", "Sonora"), "nogales": ("Nogales", "Sonora"),
    "ciudad obregon": ("Ciudad Obregón", "Sonora"), "puebla": ("Puebla", "Puebla"),
    "san andres cholula": ("San Andrés Cholula", "Puebla"),
    "queretaro": ("Querétaro", "Querétaro"), "cuernavaca": ("Cuernavaca", "Morelos"),
    "san luis potosi": ("San Luis Potosí", "San Luis Potosí"),
    "aguascalientes": ("Aguascalientes", "Aguascalientes"),
    "zacatecas": ("Zacatecas", "Zacatecas"), "durango": ("Durango", "Durango"),
    "tepic": ("Tepic", "Nayarit"), "colima": ("Colima", "Colima"), "merida": ("Mérida", "Yucatán"),
    "campeche": ("Campeche", "Campeche"), "ciudad del carmen": ("Ciudad del Carmen", "Campeche"),
    "chetumal": ("Chetumal", "Quintana Roo"), "cancun": ("Cancún", "Quintana Roo"),
    "tuxtla gutierrez": ("Tuxtla Gutiérrez", "Chiapas"), "tapachula": ("Tapachula", "Chiapas"),
    "pachuca": ("Pachuca", "Hidalgo"), "tlaxcala": ("Tlaxcala", "Tlaxcala"),
    "apizaco": ("Apizaco", "Tlaxcala"), "leon": ("León", "Guanajuato"),
    "celaya": ("Celaya", "Guanajuato"), "guanajuato": ("Guanajuato", "Guanajuato"),
    "oaxaca": ("Oaxaca de Juárez", "Oaxaca"), "oaxaca de juarez": ("Oaxaca de Juárez", "Oaxaca"),
    "salina cruz": ("Salina Cruz", "Oaxaca"),
}  # fmt: skip
# States as written after a seat, by their folded form ("Edo. de Méx.", "N.L." are not read:
# a seat with a state not read is left out).
_SEAT_STATES = {
    fold_keyword(state): state
    for state in ("Aguascalientes", "Baja California", "Baja California Sur", "Campeche",
                  "Chiapas", "Chihuahua", "Coahuila", "Colima", "Durango", "Guanajuato",
                  "Guerrero", "Hidalgo", "Jalisco", "Estado de México", "Michoacán", "Morelos",
                  "Nayarit", "Nuevo León", "Oaxaca", "Puebla", "Querétaro", "Quintana Roo",
                  "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala",
                  "Veracruz", "Yucatán", "Zacatecas")
} | {"mexico": "Estado de México", "edo. de mexico": "Estado de México",
     "coahuila de zaragoza": "Coahuila", "veracruz de ignacio de la llave": "Veracruz",
     "michoacan de ocampo": "Michoacán"}  # fmt: skip
# The seat a federal court's name is followed by (the rest of the sentence after it may
# follow: read up to the city and the state after it).
_WRITTEN_SEAT = re.compile(r",?\s*\bcon\s+(?:residencia|sede)\s+en\s+(?P<seat>.+)$", re.I)
_SEAT_PARTS = re.compile(
    r"^(?:(?:la|el)\s+)?(?:(?:ciudad|municipio)\s+de\s+(?!m[eé]xico\b))?(?P<city>[^,;:()]{3,40}?)"
    r"\s*(?:,\s*(?P<state>[^,;:()]{2,40}?))?\s*(?:[,;:(].*|\.(?:\s.*)?)?$",
    re.I,
)
# Circuits with colegiados or unitarios in more than one city.
_SEVERAL_SEATS = re.compile(
    r"\bdel\s+(?:segundo|septimo|octavo|decimo|decimo\s+segundo|duodecimo|decimo\s+quinto"
    r"|decimo\s+septimo|decimo\s+noveno|vigesimo\s+primer|vigesimo\s+primero)\s+circuito\b"
)
_NAMES_PLACE = re.compile(
    r"\ben\s+(?:el\s+estado\s+de|la\s+ciudad\s+de|el\s+distrito\s+federal|la\s+laguna)\b"
    r"|\b(?:con\s+residencia|con\s+sede)\b"
)


def _after(folded: str, first: str, then: str) -> bool:
    """Whether ``then`` is found after the first ``first`` (each searched once: a ``.*``
    between them was quadratic in a name of many ``first``)."""
    found = re.search(first, folded)
    return found is not None and re.compile(then).search(folded, found.end()) is not None


def _needs_seat(name: str) -> bool:
    """Whether the federal court ``name`` (normalised) is not unique without its seat."""
    folded = fold_keyword(name)
    if _NAMES_PLACE.search(folded):
        return False
    if "centro auxiliar" in folded or _after(folded, r"\bregion\b", r"\bauxiliar\b"):
        return True
    if _after(folded, r"\bjuzgado\b", r"\bde\s+distrito\b"):
        return not any(folded.endswith(f" {state}") for state in _SEAT_STATES)
    return bool(re.search(r"\btribunal\s+(?:colegiado|unitario)\b", folded)) and bool(
        _SEVERAL_SEATS.search(folded)
    )


def _seat(written: str) -> str | None:
    """``Guadalajara, Jalisco, correspondiente…`` → ``Guadalajara, Jalisco``; ``la Ciudad de
    México`` → ``la Ciudad de México``; None for a city not known, or a state not its own."""
    parts = _SEAT_PARTS.match(" ".join(written.split()))
    if not parts:
        return None
    city = fold_keyword(parts["city"]).strip(" .")
    state = fold_keyword(parts["state"] or "").strip(" .")
    whole = fold_keyword(written.split(",")[1] if "," in written else "").strip(" .")
    state = whole if whole in _SEAT_STATES else state  # ("Edo. de México": dots in it)
    known = SEATS.get(city) or SEATS.get(f"{city}, {state}")
    if known is None:
        return None
    name, own = known
    if own is None:
        return f"la {name}"
    written_state = _SEAT_STATES.get(state)
    if state and written_state is None and not re.match(r"(?:correspondiente|en|el|la)\b", state):
        return None  # a state not read: the city may be another's of the same name
    if written_state is not None and written_state != own:
        return None
    return f"{name}, {own}"


def _with_seat(text: str, name: str | None) -> str | None:
    """``name`` (``text`` normalised, a court not unique without its seat) with the seat
    ``text`` writes after it, or alone if that seat is not read."""
    found = _WRITTEN_SEAT.search(text)
    if not found:
        return name
    seat = _seat(found["seat"])
    return f"{name}, con residencia en {seat}" if seat else name


CHAMBERS = (
    (("camara de diputados", "diputados", "camara baja"), "Cámara de Diputados"),
    (("camara de senadores", "senado de la republica", "senado", "camara alta"),
     "Senado de la República"),
    (("comision permanente",), "Comisión Permanente"),
    (("diputacion permanente",), "Diputación Permanente"),
    (("congreso general",), "Congreso General"),
    (("pleno",), "Pleno"),
)  # fmt: skip


# Bodies inside a chamber, named after it: "Junta de Coordinación Política de la Cámara de
# Diputados" is the Junta, not the chamber.
CHAMBER_BODIES = (
    "comision de", "comisiones unidas", "comite", "junta de coordinacion politica",
    "mesa directiva", "conferencia para la direccion", "grupo parlamentario",
)  # fmt: skip
# A state's congress named: its "Cámara de Diputados" or "Pleno" is no federal chamber.
STATE_CONGRESS = re.compile(
    r"\bcongreso\s+(?:del\s+estado|de\s+(?!la\s+union\b)\w)|\b(?:estado|edo\.?)\s+"
    r"(?:libre\s+y\s+soberano\s+)?de\b|\blegislatura\s+del\s+estado\b"
)
_FEDERAL_CHAMBER_NAMES = frozenset(("Cámara de Diputados", "Senado de la República"))


def normalise_chamber(text: str | None) -> str | None:
    """``H. Cámara de Diputados`` → ``Cámara de Diputados``; ``Senado`` → ``Senado de la
    República``; ``PLENO`` → ``Pleno``; committees and other bodies keep their name, even
    when it names their chamber; a state's congress named makes no federal chamber."""
    if not text:
        return None
    name = " ".join(text.split()).strip(" .,;:")
    if not name:
        return None
    folded = fold_keyword(name)
    if folded.startswith(CHAMBER_BODIES):
        return title_case(name) if _shouting(name) else name
    state = STATE_CONGRESS.search(folded)
    for words, canonical in CHAMBERS:
        if state and canonical in _FEDERAL_CHAMBER_NAMES:
            continue
        if any(re.search(rf"\b{w}\b", folded) for w in words):
            return canonical
    return title_case(name) if _shouting(name) else name
