"""Who a speaker line says is speaking: role, name, party, seat, from the words as
written (``-El diputado José Luis Cabrera Ledesma (PAN) (desde la curul):``,
``SEÑORA MINISTRA PRESIDENTA:``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis import fold_keyword

ROLES = ("presidencia", "secretaria", "legislador", "ministro", "magistrado", "compareciente",
         "moderacion", "secretaria_tecnica")  # fmt: skip
# Each national party by its acronym and name as rosters and transcripts write them,
# present and past ("NA" is how the Cámara's records write Nueva Alianza). Convergencia
# became Movimiento Ciudadano in 2011: kept as written, not renamed after the fact.
PARTIES: dict[str, str] = {
    "morena": "MORENA",
    "movimiento regeneracion nacional": "MORENA",
    "pan": "PAN",
    "partido accion nacional": "PAN",
    "accion nacional": "PAN",
    "pri": "PRI",
    "partido revolucionario institucional": "PRI",
    "pvem": "PVEM",
    "partido verde": "PVEM",
    "partido verde ecologista": "PVEM",
    "partido verde ecologista de mexico": "PVEM",
    "pt": "PT",
    "partido del trabajo": "PT",
    "mc": "MC",
    "pmc": "MC",  # as the Cámara's versiones estenográficas write it ("Diputado …, PMC")
    "movimiento ciudadano": "MC",
    "convergencia": "CONV",
    "conv": "CONV",
    "prd": "PRD",
    "partido de la revolucion democratica": "PRD",
    "pes": "PES",
    "encuentro social": "PES",
    "partido encuentro social": "PES",
    "encuentro solidario": "PES",
    "partido encuentro solidario": "PES",
    "panal": "PANAL",
    "na": "PANAL",
    "pna": "PANAL",
    "nueva alianza": "PANAL",
    "partido nueva alianza": "PANAL",
    "psd": "PSD",
    "partido socialdemocrata": "PSD",
    "ph": "PH",
    "partido humanista": "PH",
    "rsp": "RSP",
    "redes sociales progresistas": "RSP",
    "fxm": "FXM",
    "fuerza por mexico": "FXM",
    "sp": "SP",
    "sin partido": "SP",
    "sin grupo parlamentario": "SP",
    "independiente": "IND",
    # local parties, registered in one state only (a state congress's record writes them
    # as it writes the national ones: "(UDC)", "del Grupo Parlamentario de Hagamos")
    "udc": "UDC",
    "unidad democratica de coahuila": "UDC",
    "partido unidad democratica de coahuila": "UDC",
    "pcp": "PCP",
    "conciencia popular": "PCP",
    "partido conciencia popular": "PCP",
    "pas": "PAS",
    "partido sinaloense": "PAS",
    "pup": "PUP",
    "unidad popular": "PUP",
    "partido unidad popular": "PUP",
    "psi": "PSI",
    "pacto social de integracion": "PSI",
    "partido pacto social de integracion": "PSI",
    "hagamos": "HAGAMOS",
    "partido hagamos": "HAGAMOS",
    "futuro": "FUTURO",
    "partido futuro": "FUTURO",
}
# A party and the names it had before: asking for Movimiento Ciudadano's speeches finds
# those of Convergencia (its name until 2011) too, each still shown as its record wrote it.
LINEAGE: dict[str, tuple[str, ...]] = {"MC": ("MC", "CONV"), "CONV": ("CONV", "MC")}


def with_lineage(values: list[str]) -> list[str]:
    """``values`` (a party filter) and every name of the same party (see :data:`LINEAGE`);
    a value that names no party is kept as given."""
    out: list[str] = []
    for value in values:
        party = party_of(value)
        for name in (value, *LINEAGE.get(party or "", ())):
            if name not in out:
                out.append(name)
    return out


_PAREN = re.compile(r"\(([^()]*)\)")
# the rank of a member of the board before the role ("Primera Secretaria", "Segundo
# Vicepresidente"): no part of a name
_RANK = re.compile(
    r"\b(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa])\s+(?=(?:vice)?president|secretari)",
    re.IGNORECASE,
)
_SQUARE = re.compile(r"\[([^\[\]()]*)\]")
# the board's role then the legislator's title after a comma ("Presidente, diputado
# Eduardo Olmos Castro"): one heading, the role and the name, as without the comma
_ROLE_COMMA_TITLE = re.compile(
    r"^((?:vice)?president[ae]|secretari[oa])\s*,\s+(?=(?:diputad[oa]|senador(?:a)?|legislador(?:a)?)\s)",
    re.IGNORECASE,
)
# no bench, as the record says it after a comma ("…, sin grupo parlamentario", "…,
# diputada independiente", "…, sin partido"): the speaker's own word, kept apart from a
# party no one stated
_NO_BENCH = re.compile(
    r",\s*(?:(?:diputad[oa]|senador(?:a)?|legislador(?:a)?)\s+)?"
    r"(?P<bench>sin\s+(?:grupo\s+parlamentario|partido)|independiente)\s*$",
    re.IGNORECASE,
)
# A party after the name, past a full stop and a dash ("- El C. Dip. Omar Bazán
# Flores.- P.R.I.: …", "La C. Dip. Presidenta.- MORENA: …"), as Chihuahua's record writes.
_PARTY_AFTER_DASH = re.compile(r"\.\s*[-–—]\s*(?P<party>[A-Za-zÁÉÍÓÚáéíóú. ]{2,20}?)\s*$")
_ARTICLE = r"(?:el|la|los|las)\s+"
# Words that say a role, not a name (folded, in the order they are stripped).
_TITLE_WORDS = re.compile(
    r"^(?:(?:el|la|c\.|ciudadan[oa]|senor(?:a)?|presidente|presidenta|presidencia|"
    r"secretari[oa]|secretaria|vicepresidente|vicepresidenta|diputad[oa]|dip\.|senador(?:a)?|"
    r"sen\.|legislador(?:a)?|ministr[oa]|magistrad[oa]|consejer[oa]|general de acuerdos|"
    r"moderador(?:a)?|tecnic[oa]|"
    # a degree between the role and the name ("La diputada licenciada Ana Ruiz Pérez", "El
    # C. Dip. Dr. Juan Pérez López"): no part of the name
    r"licenciad[oa]|lic\.|licda\.|doctor(?:a)?|dr\.|dra\.|maestr[oa]|mtro\.|mtra\.|"
    r"ingenier[oa]|ing\.|profesor(?:a)?|prof\.|profa\.|arquitect[oa]|arq\.|"
    r"de la mesa directiva|"
    r"en funciones de presidente|en funciones de presidenta)\s*)+"
)

_WORD_START = re.compile(r"(?:^|(?<=[-'’]))\w")
_SEAT_AFTER_COMMA = re.compile(r",\s*desde\s+(?:la|su)\s+(?:curul|escaño|escano|lugar)\s*$", re.I)
# An office named after a compareciente's name ("…, Secretario de Hacienda"), folded.
_OFFICE = re.compile(
    r"(?:sub)?secretari[oa]|titular|director(?:a)?|president[ea]|gobernador(?:a)?|fiscal|"
    r"canciller|alcalde(?:sa)?|vocer[oa]|delegad[oa]|(?:sub)?procurador(?:a)?|"
    r"comisionad[oa]|coordinador(?:a)?|consejer[oa]|embajador(?:a)?|jef[ea]|"
    r"rector(?:a)?|administrador(?:a)?|magistrad[oa]|ministr[oa]|juez|jueza|oficial|encargad[oa]"
)
# What a compareciente's line writes before the name ("El ciudadano", "La C. licenciada").
_TITLES_BEFORE_NAME = re.compile(
    r"^(?:(?:el|la|c\.|ciudadan[oa]|licenciad[oa]|lic\.|maestr[oa]|mtr[oa]\.|doctor(?:a)?|"
    r"dra?\.|ingenier[oa]|ing\.|señor(?:a)?|invitad[oa]|licda\.|profesor(?:a)?|prof\.|profa\."
    r"|arquitect[oa]|arq\.|contador(?:a)?|general|almirante)\s+)+",
    re.IGNORECASE,
)


# A legislator's line may describe the speaker after a comma ("-La senadora Ana Lilia
# Rivera Rivera, del Grupo Parlamentario de Morena:", "-El senador Ricardo Monreal Ávila,
# a nombre del grupo parlamentario de Morena:", "…, Coordinador del Grupo Parlamentario
# del PAN:"; a state's "Grupo Legislativo del PAN" alike): the clause is no part of the
# name (a roster's "PÉREZ LÓPEZ, ANA" puts a given name there, capitalised and no
# office), and it may say the speaker's bench.
_CHAMBER_ROLES = frozenset({"legislador", "presidencia", "secretaria"})
_CLAUSE_OPENERS = frozenset(
    {"coordinador", "coordinadora", "vicecoordinador", "vicecoordinadora", "integrante",
     "grupo", "presidente", "presidenta", "secretario", "secretaria", "vocero", "vocera",
     "representante", "miembro"}
)  # fmt: skip
_GROUP_PARTY = (
    re.compile(
        r"\b(?:grupo|fracci[oó]n)\s+(?:parlamentari[oa]|legislativ[oa])\s+(?:de\s+la|del?)\s+"
        r"(?P<party>[^,]{2,60})$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:de\s+la|del?)\s+(?P<party>[^,]{2,60})$", re.IGNORECASE),
)


# a circumstance or a bench written in capitals ("…, EN FUNCIONES:", "…, A NOMBRE DE LA
# COMISIÓN…", "…, DEL GRUPO PARLAMENTARIO DEL PAN:"; read as part of the name before)
_CIRCUMSTANCE = re.compile(
    r"(?:desde|en funciones|(?:a|en) nombre|en representacion|(?:de la|del) (?:grupo|fraccion))\b"
)


def _description(bare: str) -> tuple[str, str] | None:
    """``(name part, clause)`` when what follows the line's first comma describes the
    speaker (it opens in lower case or with an office or bench word); else None."""
    name, comma, clause = bare.partition(",")
    clause = clause.strip()
    if not comma or not clause:
        return None
    first = fold_keyword(clause.split()[0]).strip(".")
    if (
        clause[:1].islower()
        or first in _CLAUSE_OPENERS
        or _CIRCUMSTANCE.match(fold_keyword(clause))
    ):
        return name.strip(), clause
    return None


@dataclass(frozen=True)
class Speaker:
    """A speaker line read: ``name`` only when the line names someone."""

    as_written: str
    role: str
    name: str | None = None
    party: str | None = None
    from_seat: bool = False
    party_as_written: str | None = None  # "NA": Nueva Alianza only in its years
    # one word of a name after a legislator's role ("El Senador Anaya:"): no one by
    # itself; the session may say whose it is (see attribute.py)
    short_name: str | None = None

    @property
    def chair(self) -> bool:
        return self.role == "presidencia"


def party_of(value: str) -> str | None:
    """The party ``value`` names, by acronym (also dotted: "P.R.I.", "N.A.") or name."""
    folded = fold_keyword(value).strip(" .")
    found = PARTIES.get(" ".join(folded.split()))
    if found is None and "." in folded:
        found = PARTIES.get(folded.replace(".", "").replace(" ", ""))
    return found


# The bench a bracket may name before the party ("(GP-Morena)", "(GPPAN)", "(Grupo
# Parlamentario del PAN)", "(G.P. PVEM)"): the party is the rest.
_BENCH = re.compile(r"^(?:grupo\s+parlamentario|g\.\s*p\.|gp)\s*(?:[-–—:]\s*|(?:del?\s+)?)")


def _bracket_party(inner: str) -> str | None:
    """The party a bracket after a speaker's name gives, with or without its bench."""
    found = party_of(inner)
    if found is None:
        rest = _BENCH.sub("", fold_keyword(inner).strip(" ."), count=1)
        if rest and rest != fold_keyword(inner).strip(" ."):
            found = party_of(rest) or party_of(rest.removeprefix("partido "))
    return found


# On whose behalf the speaker speaks, after a comma ("…, a nombre de la diputada Ana Ruiz
# (PAN):", "…, en representación de la Comisión…"): the one named there is not the speaker,
# and a party in brackets after it may be theirs, not the speaker's.
_ON_BEHALF = re.compile(r",\s*(?:(?:a|en)\s+nombre|en\s+representaci[oó]n)\s+del?\b", re.I)
# The chair held for the moment ("El Senador Juan Pérez, en funciones de Presidente:").
_ACTING_CHAIR = re.compile(r",\s*en\s+funciones\s+de\s+(?:vice)?president[ae]\b")


def read_speaker(as_written: str) -> Speaker:
    """The role, name and party a speaker line states (nothing guessed)."""
    # a party in square brackets ("… Baños [PRI]") is read as one in round ones
    written = _SQUARE.sub(r"(\1)", " ".join(as_written.strip(" -–—").split()))
    # a board member's rank ("Primera Secretaria Dip. …") says no name
    written = _RANK.sub("", written)
    party = party_written = None
    from_seat = False
    behalf = _ON_BEHALF.search(written)
    own = written[: behalf.start()] if behalf is not None else written
    for inner in _PAREN.findall(own):
        folded = fold_keyword(inner)
        if "curul" in folded or "tribuna" in folded or "lugar" in folded or "escano" in folded:
            from_seat = True
        elif _bracket_party(inner):
            party, party_written = _bracket_party(inner), inner.strip()
    bare = _ROLE_COMMA_TITLE.sub(r"\1 ", " ".join(_PAREN.sub(" ", written).split()))
    bench = _NO_BENCH.search(bare)
    if bench is not None:
        if party is None:
            party, party_written = party_of(bench["bench"]), bench["bench"]
        bare = bare[: bench.start()]
    dashed = _PARTY_AFTER_DASH.search(bare)
    if dashed is not None:
        if party is None and party_of(dashed["party"].replace(".", "")):
            party = party_of(dashed["party"].replace(".", ""))
            party_written = dashed["party"].strip()
        bare = bare[: dashed.start()]
    # "La diputada Ana Pérez, desde la curul": the seat after a comma, not in brackets
    seat = _SEAT_AFTER_COMMA.search(bare)
    if seat is not None:
        from_seat = True
        bare = bare[: seat.start()]
    folded = fold_keyword(bare)
    role = "presidencia" if _ACTING_CHAIR.search(folded) else _role(folded)
    # (another body's chair: the clause holds the name, see ``_name``)
    described = (
        _description(bare)
        if role in _CHAMBER_ROLES and not _OTHER_BODY_CHAIR.match(folded)
        else None
    )
    if described is not None:
        bare, clause = described
        for bench in _GROUP_PARTY:
            group = bench.search(clause)
            if party is None and group is not None and party_of(group["party"]):
                party, party_written = party_of(group["party"]), group["party"].strip()
        folded = fold_keyword(bare)
    # (imported here: the chorus module reads parties with this module's party_of)
    from indexer.speeches.collective import collective, collective_party

    if collective(bare):  # "Integrantes del Grupo Parlamentario de Morena": no one
        bench = collective_party(bare)
        if party is None and bench is not None:
            party, party_written = bench
        # no one's role either ("Legislador" would say one person spoke)
        return Speaker(written, "otro", None, party, from_seat, party_written)
    name = _name(bare, folded, role)
    short = None
    if name is None and role in _CHAMBER_ROLES:
        short = _name(bare, folded, "ministro")  # (one word is a name for a minister)
    return Speaker(written, role, name, party, from_seat, party_written, short)


# "La Presidenta de la Comisión de Salud", "El Presidente de la Junta de Coordinación
# Política" (folded): the presidency of a body other than the sitting's own board (its
# Mesa Directiva, the chamber, the Comisión or Diputación Permanente)
_OTHER_BODY_CHAIR = re.compile(
    r"(?:(?:el|la)\s+)?(?:c\.\s+)?(?:vice)?president[ae]\s+(?:de\s+la|del?)\s+"
    r"(?!(?:(?:la|el|los|las)\s+)?(?:mesa|camara|senado|congreso|pleno|asamblea|legislatura|sesion|"
    r"(?:comision|diputacion)\s+permanente|republica)\b)\w"
)


def _role(folded: str) -> str:
    head = folded.partition(",")[0][:40]
    # a forum's moderator and a committee's technical secretary: staff who conduct or
    # record a meeting, neither its presidency (who presides is someone else) nor the
    # chamber's secretaría
    if re.match(_ARTICLE + r"(?:c\.\s+)?moderador(?:a)?\b", head):
        return "moderacion"
    if re.match(_ARTICLE + r"(?:c\.\s+)?secretari[oa] tecnic[oa]\b", head):
        return "secretaria_tecnica"
    if re.search(r"\b(titular|comparec|funcionari|invitad|ponente invitad)", folded):
        return "compareciente"
    if re.match(
        _ARTICLE + r"(?:(?:c\.|ciudadan[oa])\s+)*secretari[oa] (de|del) (?!la mesa)", folded
    ):
        return "compareciente"  # a cabinet secretary, not the chamber's secretaría
    # the chair of another body ("La Presidenta de la Comisión de Salud, senadora Ana
    # Ruiz:", "El Presidente de la Junta de Coordinación Política:") does not preside the
    # sitting: a legislator (or someone else), never the chair the session's turns name
    if _OTHER_BODY_CHAIR.match(folded):
        legislator = re.search(r"\b(diputad[oa]|dip\.|senador(a)?|sen\.|legislador(a)?)", folded)
        return "legislador" if legislator else "otro"
    # the chamber's roles are read before a comma only: what follows it describes the
    # speaker ("El ciudadano Juan Pérez, Secretario de Hacienda" is no chamber secretary)
    if re.search(r"\b(?:vice)?presiden(te|ta|cia)\b", head) and not head.startswith(
        ("la secretaria", "el secretario", "la secretari")
    ):
        return "presidencia"
    if re.search(r"\bsecretari[oa]\b|\bsecretaria\b", head):
        return "secretaria"
    if re.search(r"\bministr[oa]\b", head):
        return "ministro"
    if re.search(r"\bmagistrad[oa]\b", head):
        return "magistrado"
    if re.search(r"\b(diputad[oa]|dip\.|senador(a)?|sen\.|legislador(a)?)", head):
        return "legislador"
    if re.match(
        _ARTICLE + r"(c\.\s+)?(ciudadan[oa]|licenciad[oa]|maestr[oa]|doctor(a)?|ingenier[oa]"
        r"|senor(a)?|invitad[oa]|lic\.|licda\.|dr\.|dra\.|mtr[oa]\.|ing\.)(?:\s|$)",
        head,
    ):
        return "compareciente"
    # "El C. Arturo Zaldívar Lelo de Larrea, Coordinador General de Política y Gobierno":
    # a guest named and then described by their office after a comma
    _, comma, clause = folded.partition(",")
    if comma and re.match(_ARTICLE + r"c\.\s", head) and _OFFICE.match(clause.strip()):
        return "compareciente"
    return "otro"


def _name(bare: str, folded: str, role: str) -> str | None:
    """The personal name after the role words; none for ``La Secretaría``, ``La C.
    Presidenta``, or a compareciente described by office (unless the office is followed
    by the name: ``El Secretario de Hacienda y Crédito Público, Edgar Amador Zamora``)."""
    if role == "compareciente":
        before, comma, named = bare.partition(",")
        if _OFFICE.match(fold_keyword(named.strip())) or not comma:
            # "El ciudadano Víctor Manuel Rodríguez, Secretario de Hacienda", "La
            # ciudadana Luisa María Alcalde Luján": the name follows the titles, unless
            # what follows them is an office ("El ciudadano Secretario de Salud")
            named = _TITLES_BEFORE_NAME.sub("", before.strip())
            if named == before.strip() or _OFFICE.match(fold_keyword(named)):
                return None
        # (a degree before the name after the comma: "…, licenciada Rosa Icela …")
        words = _TITLES_BEFORE_NAME.sub("", named.strip()).split()
        if len(words) >= 2 and all(w[:1].isupper() or w in ("de", "del", "la", "y") for w in words):
            return " ".join(words)
        return None
    if _OTHER_BODY_CHAIR.match(folded):
        # the body's name is no one's: the name is the one after the comma, if any
        # ("…, senadora Ana Ruiz Pérez")
        _, comma, named = bare.partition(",")
        return _name(named.strip(), fold_keyword(named.strip()), "legislador") if comma else None
    words = bare.split()
    folded_words = folded.split()
    cut = 0
    while cut < len(folded_words) and _TITLE_WORDS.fullmatch(folded_words[cut] + " "):
        cut += 1
    # "general de acuerdos" and "de la mesa directiva" are several words
    rest = " ".join(folded_words[cut:])
    # (the court's secretaries are named by office: "auxiliar de acuerdos", "de estudio y
    # cuenta" are no one's name)
    for phrase in (
        "general de acuerdos",
        "de la mesa directiva",
        "auxiliar de acuerdos",
        "de estudio y cuenta",
    ):
        if rest.startswith(phrase):
            cut += len(phrase.split())
            rest = " ".join(folded_words[cut:])
            while cut < len(folded_words) and _TITLE_WORDS.fullmatch(folded_words[cut] + " "):
                cut += 1
    name_words = words[cut:]
    named, comma, clause = " ".join(name_words).partition(",")
    if comma and re.match(
        rf"(?:{_OFFICE.pattern}|diputad[oa]|senador(?:a)?|legislador(?:a)?)\b",
        fold_keyword(clause.strip()),
    ):
        # "El C. Juan Pérez López, Diputado Federal": what the comma adds is an office or
        # a seat, no part of the name (the person's roster name is no "…, Diputado")
        name_words = named.split()
    particles = {"de", "del", "la", "las", "los", "y"}
    if not name_words or name_words[0] in particles:
        return None  # "de Salud" is what is left of an office, no name
    if not all(w[:1].isupper() or w in particles for w in name_words):
        return None  # "La persona galardonada" describes someone, it does not name them
    if len(name_words) == 1 and role not in ("ministro", "magistrado"):
        return None
    name = " ".join(name_words)
    if not name.isupper():
        return name
    # "RODRÍGUEZ DÍAZ DE LEÓN" → "Rodríguez Díaz de León": particles stay lower case
    return " ".join(
        w if w in particles else _WORD_START.sub(lambda m: m[0].upper(), w)
        for w in name.lower().split()
    )


# The body a speaker's line says the speaker belongs to (folded words): a senator is no
# deputy, and a minister or a guest no legislator, whatever their names share.
_BODY_WORDS = (
    ("senado", re.compile(r"\b(?:senador(?:a|es|as)?|sen\.)")),
    ("diputados", re.compile(r"\b(?:diputad[oa]s?|dip\.)")),
    ("ministro", re.compile(r"\bministr[oa]s?\b")),
    ("magistrado", re.compile(r"\bmagistrad[oa]s?\b")),
)


def body_of(as_written: str | None) -> str | None:
    """The body a speaker line places its speaker in: ``senado`` ("El Senador Juan
    Pérez:", "La Presidenta de la Comisión de Salud, senadora Ana Ruiz:"), ``diputados``,
    ``ministro``, ``magistrado`` or ``compareciente`` (someone who appears before the
    chamber); None when the line says none ("El legislador Juan Pérez:") or more than one.
    Words on someone else's behalf ("…, a nombre de la senadora …") are not the
    speaker's."""
    if not as_written:
        return None
    written = " ".join(as_written.strip(" -–—").split())
    behalf = _ON_BEHALF.search(written)
    own = fold_keyword(written[: behalf.start()] if behalf is not None else written)
    own = _PAREN.sub(" ", own)
    found = {body for body, words in _BODY_WORDS if words.search(own)}
    if len(found) == 1:
        return found.pop()
    if not found and _role(own) == "compareciente":
        return "compareciente"
    return None
