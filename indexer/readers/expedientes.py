"""Case numbers (expedientes) as published, and every form a person may search them by.

``Amparo en Revisión 1234/2023`` is also written ``A.R. 1234/2023``, ``AR 1234/2023`` or
plain ``1234/2023``; ``A.I. 206/2023 y su acumulada 208/2023`` names two cases of one
type; electoral cases carry their chamber and type in the number (``SUP-JDC-1234/2024``).
Each number is read with the type written before it, and the document keeps a compact
canonical form (``AR 1234/2023``) and the list of forms, so that searching any of them
finds it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from indexer.analysis import fold_keyword
from indexer.spots import Spans


@dataclass(frozen=True)
class CaseType:
    code: str
    name: str
    spelled: tuple[str, ...]  # folded phrases as written
    abbreviated: bool = True  # courts write the code (A.R., AR); else the name (Toca)
    # a collegiate circuit court's codes, one per matter ("D.C." amparo directo civil):
    # read as this type, never written for a case of another matter
    by_matter: tuple[str, ...] = ()

    @property
    def dotted(self) -> str | None:
        return next((p.upper() for p in self.spelled if p.endswith(".") and " " not in p), None)


# Order matters: longer names first, so "amparo directo en revision" wins over "amparo".
CASE_TYPES: tuple[CaseType, ...] = (
    CaseType("ADR", "Amparo Directo en Revisión", ("amparo directo en revision", "a.d.r.", "adr")),
    # A collegiate circuit court writes the kind of amparo and its matter in two letters:
    # "R.C." revisión civil, "D.P." directo penal, "Q.A." queja administrativa (R/D/Q +
    # C civil, P penal, A administrativa, T del trabajo).
    CaseType(
        "AR",
        "Amparo en Revisión",
        ("amparo en revision", "a.r.", "a. r.", "ar"),
        by_matter=("r.c.", "r.p.", "r.a.", "r.t."),
    ),
    CaseType(
        "AD",
        "Amparo Directo",
        ("amparo directo", "a.d.", "ad", "juicio de amparo directo"),
        by_matter=("d.c.", "d.p.", "d.a.", "d.t."),
    ),
    # "juicio de amparo directo 12/2020" is the direct one, not "juicio de amparo" + a word
    CaseType(
        "AMP",
        "Amparo Indirecto",
        ("amparo indirecto", "juicio de amparo", "juicio de amparo indirecto"),
    ),
    CaseType(
        "AI",
        "Acción de Inconstitucionalidad",
        ("acciones de inconstitucionalidad", "accion de inconstitucionalidad", "a.i.", "ai"),
    ),
    CaseType(
        "DGI",
        "Declaratoria General de Inconstitucionalidad",
        ("declaratoria general de inconstitucionalidad", "d.g.i.", "dgi"),
    ),
    CaseType("CC", "Controversia Constitucional", ("controversia constitucional", "c.c.", "cc")),
    # the SCJN's lists and session records write it bare too ("CT 95/2019")
    CaseType("CT", "Contradicción de Tesis", ("contradiccion de tesis", "c.t.", "ct")),
    CaseType("CCR", "Contradicción de Criterios", ("contradiccion de criterios",), False),
    CaseType("RR", "Recurso de Reclamación", ("recurso de reclamacion",), False),
    # a Consejo de la Judicatura's disciplinary complaint, never an amparo's recurso de
    # queja ("QUEJA ADMINISTRATIVA 123/2019"): its own type, so the longer phrase wins
    CaseType("QADM", "Queja Administrativa", ("queja administrativa",), False),
    # the SCJN's captions and lists also write it bare ("QUEJA 15/2024")
    CaseType(
        "RQ",
        "Recurso de Queja",
        ("recurso de queja", "queja civil", "queja penal", "queja", "q."),
        False,
        by_matter=("q.c.", "q.p.", "q.a.", "q.t."),
    ),
    CaseType("RF", "Revisión Fiscal", ("recurso de revision fiscal", "revision fiscal", "r.f.")),
    CaseType("RI", "Recurso de Inconformidad", ("recurso de inconformidad",), False),
    CaseType(
        "SFA",
        "Solicitud de Ejercicio de la Facultad de Atracción",
        ("solicitud de ejercicio de la facultad de atraccion", "facultad de atraccion"),
        False,
    ),
    # The SCJN's own code for it (its lists and data write "JIE 29/2025"); the caption
    # is the name.
    CaseType(
        "JIE",
        "Juicio de Inconformidad en Materia Electoral",
        (
            "juicio de inconformidad en materia electoral",
            "juicio de inconformidad electoral",
            "jie",
        ),
        False,
    ),
    CaseType("JI", "Juicio de Inconformidad", ("juicio de inconformidad",), False),
    CaseType(
        "IIS",
        "Incidente de Inejecución de Sentencia",
        ("incidente de inejecucion de sentencia", "incidente de inejecucion"),
        False,
    ),
    CaseType("JOE", "Juicio Oral Electrónico", ("juicio oral electronico",), False),
    # The SCJN's and circuit courts' incidents and requests on another case, each
    # numbered on its own ("INCIDENTE DE SUSPENSIÓN (REVISIÓN) 45/2023", "DENUNCIA DE
    # INCUMPLIMIENTO 3/2022", "RECUSACIÓN 2/2021", "EXCUSA 7/2020")
    # (the revisión of a suspension's interlocutory, as circuit courts name it: "INCIDENTE
    # DE SUSPENSIÓN (REVISIÓN)", "incidente en revisión", "revisión incidental")
    CaseType(
        "ISR",
        "Incidente de Suspensión (Revisión)",
        (
            "incidente de suspension (revision)",
            "incidente de suspension en revision",
            "incidente en revision",
            "recurso de revision incidental",
            "revision incidental",
        ),
        False,
    ),
    # The SCJN's revisión of a suspension granted or refused in a controversia
    # constitucional: its own series ("RECURSO DE REVISIÓN EN INCIDENTE DE SUSPENSIÓN
    # (CONTROVERSIA CONSTITUCIONAL) 12/2024"), never a recurso de revisión's (RREV 12/2024 is
    # another case) nor the controversia's (CC 12/2024, the case it comes from); written
    # without the bracket, which controversia or amparo it is in is unsaid: a series of its
    # own too. Likewise the queja and the reclamación in a controversia («RECURSO DE QUEJA
    # EN CONTROVERSIA CONSTITUCIONAL 3/2024»: no CC 3/2024).
    CaseType(
        "RRISCC",
        "Recurso de Revisión en Incidente de Suspensión (Controversia Constitucional)",
        (
            "recurso de revision en incidente de suspension (controversia constitucional)",
            "recurso de revision en el incidente de suspension (controversia constitucional)",
        ),
        False,
    ),
    CaseType(
        "RRIS",
        "Recurso de Revisión en Incidente de Suspensión",
        (
            "recurso de revision en incidente de suspension",
            "recurso de revision en el incidente de suspension",
        ),
        False,
    ),
    CaseType(
        "RQCC",
        "Recurso de Queja en Controversia Constitucional",
        ("recurso de queja en controversia constitucional",),
        False,
    ),
    CaseType(
        "RRCC",
        "Recurso de Reclamación en Controversia Constitucional",
        ("recurso de reclamacion en controversia constitucional",),
        False,
    ),
    CaseType(
        "DIN",
        "Denuncia de Incumplimiento",
        ("denuncia de incumplimiento", "incidente de incumplimiento"),
        False,
    ),
    CaseType("RECU", "Recusación", ("recusacion",), False),
    CaseType("EXC", "Excusa", ("excusa",), False),
    # The SCJN's other asuntos, each its own numbering ("VARIOS 1396/2011", "IMPEDIMENTO
    # 5/2024", "SOLICITUD DE SUSTITUCIÓN DE JURISPRUDENCIA 3/2023"): a caption of one is
    # the case's number as much as an amparo's is
    CaseType("VAR", "Varios", ("varios",), False),
    CaseType("IMP", "Impedimento", ("impedimento",), False),
    CaseType(
        "SSJ",
        "Solicitud de Sustitución de Jurisprudencia",
        ("solicitud de sustitucion de jurisprudencia",),
        False,
    ),
    CaseType(
        "SMJ",
        "Solicitud de Modificación de Jurisprudencia",
        ("solicitud de modificacion de jurisprudencia",),
        False,
    ),
    CaseType(
        "SRC",
        "Solicitud de Reasunción de Competencia",
        ("solicitud de reasuncion de competencia",),
        False,
    ),
    # the SCJN's review of a popular consultation's subject before it is called (Art. 35,
    # fr. VIII): "REVISIÓN DE LA CONSTITUCIONALIDAD DE LA MATERIA DE CONSULTA POPULAR 1/2020"
    CaseType(
        "RCMCP",
        "Revisión de la Constitucionalidad de la Materia de Consulta Popular",
        ("revision de la constitucionalidad de la materia de consulta popular",),
        False,
    ),
    CaseType("ACS", "Aclaración de Sentencia", ("aclaracion de sentencia",), False),
    CaseType("CUS", "Cumplimiento de Sentencia", ("cumplimiento de sentencia",), False),
    # against the Consejo de la Judicatura's decisions: not a "recurso de revisión" plain
    # (the SCJN's captions name it "REVISIÓN ADMINISTRATIVA 128/2019")
    CaseType(
        "RRA",
        "Recurso de Revisión Administrativa",
        ("recurso de revision administrativa", "revision administrativa"),
        False,
    ),
    CaseType("RREV", "Recurso de Revisión", ("recurso de revision",), False),
    CaseType("CCOMP", "Conflicto Competencial", ("conflicto competencial",), False),
    CaseType("RAPL", "Recurso de Apelación", ("recurso de apelacion",), False),
    CaseType("TOCA", "Toca", ("toca penal", "toca civil", "toca familiar", "toca"), False),
    # a first-instance penal case, which a judge calls its "proceso" as often as its
    # "causa" ("PROCESO PENAL: 184/2019-B", "causa penal 184/2019-B"): one file, one number
    CaseType("CP", "Causa Penal", ("causa penal", "proceso penal"), False),
    CaseType("CJ", "Carpeta Judicial", ("carpeta judicial",), False),
    CaseType("CA", "Carpeta Administrativa", ("carpeta administrativa",), False),
    # a human rights commission's complaint file, no recurso de queja: a plain number
    CaseType("EXP", "Expediente", ("expediente", "exp.", "exp", "expediente de queja"), False),
)
_BY_CODE = {t.code: t for t in CASE_TYPES}
_BEFORE_PLURAL_STOP = frozenset(("de", "del", "en", "para", "por", "sobre"))


def _plural(phrase: str) -> str | None:
    """``amparo directo en revision`` → ``amparos directos en revision``: the words before
    the first preposition take the plural (courts write "Amparos directos en revisión
    4370/2024, 1049/2023 y 7653/2019")."""
    words = phrase.split()
    if len(words) < 2 or "." in phrase:
        return None
    out = []
    for position, word in enumerate(words):
        if word in _BEFORE_PLURAL_STOP or any(w in _BEFORE_PLURAL_STOP for w in words[:position]):
            out.append(word)
        else:
            out.append(word + ("s" if word[-1] in "aeiou" else "es"))
    return " ".join(out)


# Every phrase as written (folded), singular and plural, with the type it names.
_PHRASES: dict[str, str] = {}
for _type in CASE_TYPES:
    for _phrase in _type.spelled + _type.by_matter:
        _PHRASES.setdefault(_phrase, _type.code)
        _plural_phrase = _plural(_phrase)
        if _plural_phrase:
            _PHRASES.setdefault(_plural_phrase, _type.code)
_PHRASES.setdefault("expedientes", "EXP")
_PHRASES.setdefault("tocas", "TOCA")
# Electoral chambers and means of challenge (TEPJF): SUP-JDC-1234/2024, SX-JRC-12/2023;
# the Sala Regional Distrito Federal's old prefix too (SDF-JDC-123/2015; SCM since 2017).
ELECTORAL_CHAMBERS = ("SUP", "SX", "SG", "SM", "ST", "SCM", "SDF", "SRE")
ELECTORAL_TYPES = {
    "JDC": "Juicio para la Protección de los Derechos Político-Electorales de la Ciudadanía",
    "JRC": "Juicio de Revisión Constitucional Electoral",
    "RAP": "Recurso de Apelación",
    "REC": "Recurso de Reconsideración",
    "REP": "Recurso de Revisión del Procedimiento Especial Sancionador",
    "JE": "Juicio Electoral",
    "JIN": "Juicio de Inconformidad",
    "JLI": "Juicio Laboral",
    "AG": "Asunto General",
    "PSC": "Procedimiento Especial Sancionador",
    "PSD": "Procedimiento Especial Sancionador Distrital",
    "RRV": "Recurso de Revisión",
    "CDC": "Contradicción de Criterios",
    "OP": "Opinión",
}
# Local electoral courts' means of challenge: TECDMX-JLDC-019/2025, JDC/05/2023.
LOCAL_ELECTORAL_TYPES = ("JDC", "JLDC", "JDCL", "JE", "JEL", "JRC", "RAP", "RA", "RI", "RIN",
                         "PES", "PSO", "JIN", "JLI", "AG", "JLD", "TEDF")  # fmt: skip
# A chamber's case, also as a web address writes it (SUP-JDC-0427-2023).
_ELECTORAL = re.compile(
    rf"\b({'|'.join(ELECTORAL_CHAMBERS)})\s*-\s*([A-Z]{{2,4}})\s*-\s*(\d{{1,6}})\s*[/-]\s*(\d{{4}})\b"
)
_LOCAL_TYPES = "|".join(sorted(LOCAL_ELECTORAL_TYPES, key=len, reverse=True))
_LOCAL_ELECTORAL = re.compile(
    rf"(?<![\w/-])(?:(T[A-Z]{{1,8}})[-/])?({_LOCAL_TYPES})[-/](\d{{1,6}})/(\d{{4}})\b"
)
_TYPE_WORDS = "|".join(
    re.escape(phrase).replace(r"\ ", r"\s+") for phrase in sorted(_PHRASES, key=len, reverse=True)
)
# Words that name a case type at a caption's head ("QUEJA 15/2024", "EXCUSA 7/2020") but
# not in running text: a human rights commission's "expediente de queja 1234/2019" or a
# complaint to the Consejo is no recurso de queja; the citation reader leaves them out.
CAPTION_ONLY_PHRASES = frozenset(
    ("queja", "quejas", "excusa", "excusas", "expediente de queja", "expedientes de queja")
)
_CITED_PHRASES = [p for p in _PHRASES if p not in CAPTION_ONLY_PHRASES]
# A toca's appeal after the year, also with spaces ("1150/2019 / 1"); more digits or a
# second slash after it make no case, never a shorter one; a number and year after a
# spaced slash is the next case of a list ("12/2020 / 13/2021").


def _by_first_letter(phrases: list[str], brackets: bool = False) -> str:
    """``phrases`` as one alternation grouped by their first letter, each group in the
    phrases' order: the same matches as ``|``-joined, but the regex engine tries only the
    phrases that begin with the letter at hand (case-insensitive phrases get no shortcut
    of their own, and a position would try all ~80). No letter matches two first letters
    ignoring case, so a phrase of another group could never have matched there."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[0], []).append(_spaced(phrase[1:], brackets))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _spaced(phrase: str, brackets: bool = False) -> str:
    """``phrase`` as a pattern, any spaces between its words; with ``brackets``, spaces
    or none around its brackets too, as a caption spaces them ("INCIDENTE DE SUSPENSIÓN
    ( REVISIÓN )", "…SUSPENSIÓN(REVISIÓN)")."""
    pattern = re.escape(phrase).replace(r"\ ", r"\s+")
    if brackets:
        pattern = pattern.replace(r"\s+\(", r"\s*\(\s*").replace(r"\)", r"\s*\)")
    return pattern


_GROUPED_TYPE_WORDS = _by_first_letter(sorted(_PHRASES, key=len, reverse=True), brackets=True)
# A caption's head names its type as above, brackets spaced as they come
_CAPTION_TYPE_WORDS = "|".join(
    _spaced(phrase, brackets=True) for phrase in sorted(_PHRASES, key=len, reverse=True)
)
# The Tribunal Federal de Justicia Administrativa numbers a juicio by its sala: number, the
# year's last two digits, the region (or a specialised sala's letters), the sala and the
# ponencia ("1234/23-17-01-5", "567/22-EPI-01-3", a trailing "-OT", a second ponencia's
# digits "18321/22-17-05-3-4"); a sala one of several of its kind carries its ordinal
# after the letters ("1234/22-EC1-01-3", "3456/23-RA1-01-5"). The Sala Superior
# keeps the origin's number and adds its own after a slash: its number, year, the Pleno's
# or a section's letters (the Tercera's, S3, since 2017) and the ponencia
# ("…-5/890/24-S1-02-04", "…/567/20-PL-05-04", "…/25/24-S3-01-01"); anything else after a
# slash makes no number. The Sala Superior's number alone, as a caption may write it
# ("890/24-S1-02-04", "567/20-PL-05-04"), is read as one too (the same form finds both).
TFJA_NUMBER = (
    r"(?<![\w/-])(?P<tfja_n>\d{1,6})/(?P<tfja_year>\d{2})-(?P<tfja_sala>"
    r"(?:[Ss][123]|[Pp][Ll])-\d{2}-\d{2}(?![\w/-])"  # the Sala Superior's alone: nothing after
    r"|(?![Pp][Ll]-)(?:\d{2}|[A-Z]{2,4}\d?)-\d{2}-\d{1,2}(?:-\d{1,2})?(?:-[A-Z]{1,4})?)"
    r"(?:/(?P<tfja_superior>\d{1,6}/\d{2}-(?:[Ss][123]|[Pp][Ll])-\d{2}-\d{2}))?(?![\w/-])"
)
# A number the TFJA's Sala Superior gives by section: the Tercera Sección's recursos de
# apelación ("RECURSO DE APELACIÓN: R.A.289/2024-S3", as its session agendas list them;
# "R.A." there is no colegiado's amparo en revisión). Read only after its type written
# out ("recurso de apelación", the "R.A." after it standing for it): the section is part
# of the number ("Recurso de Apelación 289/2024-S3"); a bare "R.A. 289/2024-S3" or a
# number of another type with a section after it is no case, as before.
TFJA_SECTION = r"\s*-\s*[Ss]\d\b"
# (as the folded text writes it: the sala's letters in lowercase)
FOLDED_TFJA_NUMBER = TFJA_NUMBER.replace("[A-Z]", "[a-z]")
_TOKEN = re.compile(
    rf"(?P<tfja>{FOLDED_TFJA_NUMBER})"
    rf"|(?P<type>(?<![\w.])(?:{_GROUPED_TYPE_WORDS})(?![\w]))"
    r"|(?P<section>(?<![\w/])(?P<sn_>\d{1,6})/(?P<secyear>\d{4})-(?P<sec>s[123])\b(?![\w/-]))"
    # a series' letters glued to the number by a hyphen, as a labour court numbers its
    # juicios, ordinarios and especiales apart ("JL-12/2024", "JO-12/2024", "PE-12/2024"):
    # kept as part of the number when written in capitals (``_series``)
    r"|(?P<number>(?:(?<![\w/.-])(?P<series>[a-z]{1,8}(?:-[a-z]{1,8})?)-(?=\d))?"
    r"(?<![\w/])(?P<n>\d{1,6})\s*/\s*(?P<year>\d{4})"
    r"(?:\s*/\s*(?P<appeal>\d{1,3})(?![\d/])|(?!/\d)(?!\s*/\s*\d++(?!\s*/\s*\d{4})))"
    rf"(?P<suffix>\s*-\s*[A-Z]{{1,4}}\b|-\d{{1,3}}(?![\d/]))?(?!\d|/\d|{TFJA_SECTION}))"
    # the year's last two digits, as the 1990s wrote it ("AMPARO EN REVISIÓN 1876/97"):
    # read only right after its type (``_cases_in``)
    r"|(?P<short>(?<![\w/.-])(?P<sn>\d{1,6})/(?P<syear>\d{2})(?P<ssuffix>-[A-Z]{1,4}\b)?"
    r"(?![\w/-]|[.,]\d))",
    re.IGNORECASE,
)
# Between "recurso de apelación" and the "R.A." that abbreviates it: a colon, spaces (and
# between it and its number, the "R.A." run into it: "R.A.289/2024-S3").
_RA_AFTER_LABEL = re.compile(r"\s*(?:(?:numero|num\.|no\.)\s*)?:?\s*(?:r\.\s?a\.\s*)?")
# Between a case's type and a two-digit year's number: nothing but "número", "No.", a
# caption label's colon ("JUICIO DE AMPARO: 1234/23-III", "TOCA NÚMERO: 123/24").
_TYPE_TO_SHORT = re.compile(r"(?:\s{1,3}|\s{0,2}:\s{0,3})(?:(?:numero|num\.|no\.)\s*:?\s{0,3})?")


def clean_suffix(written: str | None) -> str | None:
    """A number's suffix as kept: ``-CA`` → ``CA``, ``- ii`` → ``II``, ``-01`` → ``1``
    (a number after the year's hyphen, whatever the court means by it, is part of the
    case's number: "1150/2019-1" is not "1150/2019")."""
    if not written:
        return None
    bare = written.replace("-", "").strip().upper()
    return str(int(bare)) if bare.isascii() and bare.isdigit() else bare or None


@dataclass(frozen=True)
class CaseNumber:
    """One case: its type (if written), number, year, suffix (``123/2023-CA``,
    ``1150/2019-1``) and the appeal it is among several on one first-instance case (a toca
    ``1150/2019/1``, also written ``1150/2019 / 1``: the third number tells apart appeals
    that share the first two, so it is part of it)."""

    type_code: str | None
    number: str
    year: str
    suffix: str | None = None
    electoral_chamber: str | None = None
    electoral: bool = False  # a means of challenge (JDC, JE…), federal or local
    appeal: str | None = None
    sala: str | None = None  # a TFJA number's region, sala and ponencia ("17-01-5")
    superior: str | None = None  # the TFJA Sala Superior's own after it ("890/24-S1-02-04")
    short_year: bool = False  # written with the year's last two digits ("1876/97")
    series: str | None = None  # a series' letters glued before the number ("JL-12/2024")

    @property
    def digits(self) -> str:
        if self.sala:
            superior = f"/{self.superior}" if self.superior else ""
            return f"{int(self.number)}/{self.year[2:]}-{self.sala}{superior}"
        appeal = f"/{int(self.appeal)}" if self.appeal else ""
        suffix = f"-{self.suffix}" if self.suffix else ""
        return f"{int(self.number)}/{self.year}{appeal}{suffix}"

    @property
    def numbered(self) -> str:
        """The number as the case is told apart: its series, if any, before the digits."""
        return f"{self.series}-{self.digits}" if self.series else self.digits

    @property
    def canonical(self) -> str:
        if self.electoral_chamber:
            return f"{self.electoral_chamber}-{self.type_code}-{self.digits}"
        if self.electoral:
            return f"{self.type_code}-{self.digits}"
        case_type = _BY_CODE.get(self.type_code or "")
        if case_type is None or case_type.code == "EXP":
            return self.numbered
        prefix = case_type.code if case_type.abbreviated else case_type.name
        return f"{prefix} {self.numbered}"

    def forms(self) -> list[str]:
        """Every written form of this case, canonical first."""
        out = [self.canonical, self.digits]
        written = f"{self.number}/{self.year}" + (f"/{self.appeal}" if self.appeal else "")
        plain = f"{int(self.number)}/{self.year}" + (f"/{int(self.appeal)}" if self.appeal else "")
        if self.sala:  # as written, leading zeros kept ("0123/23-17-01-5")
            superior = f"/{self.superior}" if self.superior else ""
            written, plain = f"{self.number}/{self.year[2:]}-{self.sala}{superior}", self.digits
            if self.superior:  # each court's number alone finds it too
                out += [f"{int(self.number)}/{self.year[2:]}-{self.sala}", self.superior]
        if int(self.number) != 0 and written != plain:
            out.append(written)  # as written: "0088/2020", "88/2020/03"
        if self.short_year:
            suffix = f"-{self.suffix}" if self.suffix else ""
            out.append(f"{int(self.number)}/{self.year[2:]}{suffix}")  # as written: "1876/97"
        if self.electoral and self.type_code:
            name = ELECTORAL_TYPES.get(self.type_code)
            out.append(f"{self.type_code}-{self.digits}")
            if name:
                out.append(f"{name} {self.canonical}")
            return out
        case_type = _BY_CODE.get(self.type_code or "")
        if case_type and case_type.code != "EXP":
            if case_type.dotted:
                out.append(f"{case_type.dotted} {self.digits}")
            code = case_type.code.lower()
            if (
                not case_type.abbreviated
                and code in case_type.spelled
                and code not in (fold_keyword(case_type.name).split())
            ):
                out.append(f"{case_type.code} {self.digits}")  # "JIE 29/2025", not "TOCA …"
            out.append(f"{case_type.name} {self.digits}")
        return list(dict.fromkeys(out))


class _BaseChars(dict[int, str]):
    """Each character's base (``_base_char``), looked up by ``str.translate`` and filled
    as characters are first seen: the translation runs in C, a character at a time."""

    def __missing__(self, code: int) -> str:
        base = self[code] = _base_char(chr(code))
        return base


_BASE_CHARS = _BaseChars()


def _fold(text: str) -> str:
    """Lowercase without accents, one character for one (positions are kept)."""
    if text.isascii():  # nothing to take off
        return text.lower()
    return text.translate(_BASE_CHARS).lower()


@functools.lru_cache(maxsize=4096)
def _base_char(char: str) -> str:
    """``char`` without its accents (the first of its compatibility decomposition)."""
    return unicodedata.normalize("NFKD", char)[0]


@functools.lru_cache(maxsize=4096)
def _type_code(phrase: str) -> str | None:
    """The code of a case type's phrase as written (the citation reader asks for the few
    phrases of its pattern again and again: remembered)."""
    folded = " ".join(_BRACKET_SPACES.sub(_bracket, fold_keyword(phrase)).split())
    return _PHRASES.get(folded) or _PHRASES.get(folded.replace(" ", ""))


# a bracket as a phrase writes it: a space before "(", none inside ("suspension (revision)")
_BRACKET_SPACES = re.compile(r"\s*\(\s*|\s*\)")


def _bracket(found: re.Match[str]) -> str:
    return " (" if "(" in found.group() else ")"


# Shared with the citation reader (indexer/citations/cases.py), so that a case cited in
# a text and a case read from a caption meet in one canonical form.
case_type_code = _type_code
TYPE_WORDS = "|".join(
    re.escape(phrase).replace(r"\ ", r"\s+")
    for phrase in sorted(_CITED_PHRASES, key=len, reverse=True)
)
TYPE_WORDS_BY_LETTER = _by_first_letter(sorted(_CITED_PHRASES, key=len, reverse=True))
TYPE_PHRASES = tuple(_CITED_PHRASES)
CAPTION_TYPE_WORDS = _CAPTION_TYPE_WORDS  # every phrase: a caption line's head names its own case
ELECTORAL_PATTERN = _ELECTORAL
LOCAL_ELECTORAL_PATTERN = _LOCAL_ELECTORAL


def parse_expediente(text: str | None) -> list[CaseNumber]:
    """The cases written in ``text``, each with the type written before it (a number after
    ``y su acumulada`` keeps the type of the one before)."""
    return list(_cases_in(text)) if text else []


@functools.lru_cache(maxsize=64)
def _cases_in(text: str) -> tuple[CaseNumber, ...]:
    """``parse_expediente``'s cases, remembered for the last texts: one document's readers
    and model ask for the same case number (or opening) several times."""
    cases: list[CaseNumber] = []
    chambers: list[tuple[int, int]] = []
    for match in _ELECTORAL.finditer(text.upper()):
        chamber, kind, number, year = match.groups()
        cases.append(CaseNumber(kind, number, year, electoral_chamber=chamber, electoral=True))
        chambers.append(match.span())
    # a local case never starts inside the one before it (``finditer`` goes past it)
    read = Spans(chambers)
    locals_: list[tuple[int, int]] = []
    for match in _LOCAL_ELECTORAL.finditer(text):
        if match.start() in read:
            continue
        court, kind, number, year = match.groups()
        cases.append(CaseNumber(kind, number, year, electoral_chamber=court, electoral=True))
        locals_.append(match.span())
    taken = Spans(chambers + locals_)
    current: str | None = None
    type_end = last_end = last_type_end = -1
    folded = _fold(text)
    aside = -1  # the end of a bracketed qualifier after a type: its words name no case
    derived = -1  # the end of a recurso's or incidente's type with no number yet
    for match in _TOKEN.finditer(folded):
        if match.start() in taken or match.start() < aside:
            continue
        if match["tfja"]:
            cases.append(tfja_case(text, match))
            continue
        if match["type"]:
            code = _type_code(match["type"])
            origin = derived >= 0 and _LINK_TO_ORIGIN.fullmatch(folded, derived, match.start())
            code_after = last_end < 0 and _code_after_type(folded, match, current, last_type_end)
            derived = match.end() if code in DERIVED_KINDS else -1
            if origin or code_after:
                # "RECURSO DE QUEJA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024": the number
                # is the controversia's or the queja's own, unsure which (neither a CC's
                # nor a queja's key); "TOCA: R.C. 7/2024": a code of another kind than
                # the type written before it; the number's type none
                current, last_type_end = None, match.end()
                type_end, last_end = match.end(), -1
                continue
            if (
                code == "AR"
                and current == "RAPL"
                and _RA_AFTER_LABEL.fullmatch(folded, last_type_end, match.start())
            ):
                code = "RAPL"  # "RECURSO DE APELACIÓN: R.A.289/2024-S3": its abbreviation
            if _longer_type_broken(folded, match):
                code = None  # "AMPARO DIRECTO EN REVISI?N": not the shorter kind; unsure
            current, last_type_end = code, match.end()
            qualifier = _QUALIFIER.match(folded, match.end())
            if qualifier:
                current, aside = _qualified(current, qualifier["words"]), qualifier.end()
            type_end, last_end = max(match.end(), aside), -1
            continue
        if current and last_end >= 0 and not _CARRIES.fullmatch(folded, last_end, match.start()):
            current = None  # another label's number: "(cuaderno auxiliar 345/2021)"
        last_end, derived = match.end(), -1
        if match["section"]:
            if current == "RAPL" and _RA_AFTER_LABEL.fullmatch(folded, type_end, match.start()):
                sec = match["sec"].upper()
                cases.append(CaseNumber(current, match["sn_"], match["secyear"], sec))
            continue
        if match["short"]:
            short = _short_year_case(folded, match, current, type_end)
            if short:
                cases.append(short)
            continue
        suffix = clean_suffix(match["suffix"])
        series = _series(text, match)
        cases.append(
            CaseNumber(
                current, match["n"], match["year"], suffix, appeal=match["appeal"], series=series
            )
        )
    return tuple(dict.fromkeys(cases))


# For each type's phrase, the rest of the longer phrases that start with it ("amparo
# directo" → " en revision"; "juicio de amparo" → " directo", " indirecto").
_LONGER_RESTS: dict[str, tuple[str, ...]] = {
    phrase: tuple(other[len(phrase) :] for other in _PHRASES if other.startswith(phrase + " "))
    for phrase in _PHRASES
}
# Letters a scan mistakes for others ("REVISlÓN", "REVISI0N", "REVISI6N"): (as read, meant)
_OCR_MISREAD = frozenset((("l", "i"), ("1", "i"), ("1", "l"), ("i", "l"), ("0", "o"), ("6", "o")))
_WORD_END = re.compile(r"[\s\d/]")


def _longer_type_broken(folded: str, match: re.Match[str]) -> bool:
    """Whether the text after a type's phrase begins a longer type's name and breaks off
    inside its word with a broken character, a scan's misread letter or a word cut in
    two ("amparo directo" + " en revisi?n", " en revisia“n" (Ó read as "Ã“"), " en
    revislon", " en revisi n"): the type written is the longer one, read wrong, and the
    shorter is no reading of it. A word that merely differs ("en relación con") is
    another word: the shorter type stands."""
    phrase = " ".join(match["type"].split())
    rests = _LONGER_RESTS.get(phrase)
    if not rests:
        return False
    following = folded[match.end() : match.end() + 60]
    following = re.sub(r"[ \t\r\n]+", " ", following)
    for rest in rests:
        same = 0
        while same < min(len(rest), len(following)) and rest[same] == following[same]:
            same += 1
        if same < 3 or same >= len(rest):
            continue
        seen = following[same] if same < len(following) else ""
        if (seen, rest[same]) in _OCR_MISREAD:
            return True
        if seen == " " and re.match(r" [a-zñ]{1,3}(?:\s|$)", following[same:]):
            return True  # a word cut in two where a character was lost ("revisi n")
        word_end = _WORD_END.search(following, same)
        word = following[same : word_end.start() if word_end else None]
        if re.search(r"[^a-zñ]", word):
            return True
    return False


# The SCJN's recursos and incidentes on another asunto, and a state court's appeals, each
# numbered on its own ("RECURSO DE QUEJA 3/2024-CC", "TOCA 45/2024"): written with no
# number of their own before a link to another type ("RECURSO DE QUEJA EN LA CONTROVERSIA
# CONSTITUCIONAL 3/2024", "…DERIVADO DE LA…", "…RELATIVO A LA…", "INCIDENTE DE INEJECUCIÓN
# DERIVADO DEL AMPARO EN REVISIÓN 3/2024", "TOCA PENAL RELATIVO A LA CAUSA PENAL 45/2024"),
# the number after that type is the other asunto's, or the recurso's in a series named
# after it: neither the other's key nor the recurso's. (The SCJN's series named "en
# controversia constitucional", without the article, are types of their own: RQCC…)
DERIVED_KINDS = frozenset(
    ("RQ", "RR", "RREV", "RRA", "RI", "RAPL", "TOCA", "IIS", "DIN", "ISR", "RRIS", "RRISCC",
     "RQCC", "RRCC", "ACS", "CUS", "RECU", "EXC", "IMP")
)  # fmt: skip
# What links such a recurso to the asunto it is in or comes from (folded text)
LINK_TO_ORIGIN = (
    r"\s*,?\s*(?:(?:(?:derivad|deducid|emanad|relativ|relacionad)[oa]s?|provenientes?"
    r"|dentro)\s+)?(?:en|de|del|a|al|con)(?:\s+(?:el|la|los|las))?\s+"
    # (through the incidente de suspensión it is in: "…EN EL INCIDENTE DE SUSPENSIÓN DE LA
    # CONTROVERSIA CONSTITUCIONAL 3/2024")
    r"(?:incidente\s+de\s+suspension\s+(?:de|del|en)(?:\s+(?:el|la))?\s+)?"
)
_LINK_TO_ORIGIN = re.compile(LINK_TO_ORIGIN)
# Those types' names as written (not their codes), and one such name with its link at a
# text's end ("RECURSO DE QUEJA EN LA" at a caption line's end: the asunto on the next)
DERIVED_WORDS = "|".join(
    _spaced(phrase, brackets=True)
    for phrase in sorted(_PHRASES, key=len, reverse=True)
    if _PHRASES[phrase] in DERIVED_KINDS and "." not in phrase
)
_DERIVED_THEN_LINK = re.compile(rf"(?<![\w.])(?:{DERIVED_WORDS})(?:{LINK_TO_ORIGIN})$")
# A caption line naming such a recurso by the asunto it is in: its kind and the other's
_DERIVED_LINE = re.compile(
    rf"^\s*(?P<kind>{DERIVED_WORDS})(?:{LINK_TO_ORIGIN})(?P<origin>{_CAPTION_TYPE_WORDS})"
    r"\s*(?:(?:numero|num\.|no\.)\s*)?:?\s*\d"
)
# the SCJN's series named after the asunto they are in (a recurso's kind, the asunto's)
_SERIES_IN = {("RQ", "CC"): "RQCC", ("RR", "CC"): "RRCC", ("RRIS", "CC"): "RRISCC"}


def ends_with_link_to_origin(folded: str) -> bool:
    """Whether ``folded`` ends with a recurso's kind and a link to another asunto
    ("recurso de queja en la"): the asunto and its number come next."""
    return bool(_DERIVED_THEN_LINK.search(folded + " "))


def derived_kind(line: str) -> CaseType | None:
    """The kind of recurso or incidente a caption line names by the asunto it is in
    ("RECURSO DE QUEJA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024": the queja in a
    controversia, its series' type; "INCIDENTE DE INEJECUCIÓN DERIVADO DEL AMPARO EN
    REVISIÓN 3/2024": the incidente), whose number is unsure; None for any other line."""
    found = _DERIVED_LINE.match(_fold(line))
    if found is None:
        return None
    kind, origin = _type_code(found["kind"]), _type_code(found["origin"])
    code = _SERIES_IN.get((kind or "", origin or ""), kind)
    return _BY_CODE.get(code or "")


# A collegiate court's code for its kind and matter ("R.C.", "Q.A.") or a type's dotted
# abbreviation ("A.R."), right after another type's name ("TOCA: R.C. 7/2024", "TOCA PENAL
# R.P. 12/2024"): a state court's series, no amparo en revisión; the same type's
# ("AMPARO EN REVISIÓN R.C. 7/2024", "RECURSO DE QUEJA Q.A. 131/2017") is its own code.
_CODE_WORD = re.compile(r"(?:[a-z]\.\s?){1,3}")
_BETWEEN_TYPE_AND_CODE = re.compile(r"\s*(?:(?:numero|num\.|no\.)\s*)?:?\s*")


def _code_after_type(folded: str, match: re.Match[str], before: str | None, end: int) -> bool:
    """Whether ``match`` is a code of another type than ``before``, written right after it
    (``end``: where ``before`` ends)."""
    if end < 0 or not _CODE_WORD.fullmatch(match["type"]):
        return False
    if not _BETWEEN_TYPE_AND_CODE.fullmatch(folded, end, match.start()):
        return False
    code = _type_code(match["type"])
    # ("RECURSO DE APELACIÓN: R.A.289/2024-S3": the TFJA's abbreviation of the recurso)
    return code != before and (before, code) != ("RAPL", "AR")


# A qualifier in brackets right after a case's type and before its number, as circuit
# courts' captions write the kind of asunto: "AMPARO EN REVISIÓN (IMPROCEDENCIA) 12/2023",
# "QUEJA (ARTÍCULO 97, FRACCIÓN I, INCISO E) DE LA LEY DE AMPARO) 3/2024" (a bracket
# inside it), "REVISIÓN ADMINISTRATIVA (LEY FEDERAL DE PROCEDIMIENTO CONTENCIOSO
# ADMINISTRATIVO) 401/2023". It says under which law the case is heard.
_QUALIFIER = re.compile(
    r"\s*\((?P<words>[^\n]{1,200}?)\)(?=\s*(?:(?:numero|num\.|no\.)\s*)?:?\s*\d)"
)
# The law of a revisión against a federal administrative court's ruling (the TFJA's,
# formerly the Tribunal Fiscal's): the revisión fiscal, whatever the caption calls it
_FISCAL_LAWS = re.compile(
    r"\bley\s+federal\s+de\s+procedimiento\s+contencioso\s+administrativo\b"
    r"|\bcodigo\s+fiscal\s+de\s+la\s+federacion\b"
)
_CONSEJO = re.compile(
    r"\bconsejo\s+de\s+la\s+judicatura\b|\bley\s+organica\s+del\s+poder\s+judicial\b"
)
_REVISIONS = frozenset(("RRA", "RREV", "RF"))


def _qualified(code: str | None, words: str) -> str | None:
    """A case type as its bracketed qualifier (``words``, folded) makes it: a revisión
    under the Ley Federal de Procedimiento Contencioso Administrativo (or the Código Fiscal
    de la Federación before it) is a revisión fiscal; a "revisión administrativa" under
    any law but the Consejo de la Judicatura's is no revisión of the Consejo's decisions,
    and which revisión it is stays unsaid (unsure: none). Any other qualifier ("LEY DE
    AMPARO", "IMPROCEDENCIA", an article) keeps the type."""
    if code in _REVISIONS and _FISCAL_LAWS.search(words):
        return "RF"
    if code == "RRA" and not _CONSEJO.search(words):
        return None
    return code


# What may stand between a case's number and the next number of a list of its type:
# punctuation, "y su acumulada", "y sus acumulados", "relacionado con el", "número", the
# matter ("en materia penal"). Any other word labels the next number as something else
# ("A.D. 12/2021 (cuaderno auxiliar 345/2021)", "toca 123/2021 derivado del juicio
# 45/2019"): the type does not carry to it (unsure: a bare number). Between the type and
# its first number anything goes, as ever ("Toca en definitiva número 291/2014").
_CARRIES = re.compile(
    r"(?:[\s.,;:()\[\]/°º-]|\b(?:y|e|su|sus|acumulad[oa]s?|relacionad[oa]s?|con|el|la|los"
    r"|las|de|del|al|en|materia|numeros?|nums?|nos?|n|penal|civil|familiar|mercantil"
    r"|laboral|trabajo|administrativ[oa]|agrari[oa]|fiscal|electoral|constitucional)\b)*"
)


# Capitals glued to a number that are no series of it: a label ("NO-12/2024")
_NO_SERIES = frozenset(("NO", "NUM", "EXP", "FOL", "REF", "N"))


def _series(text: str, match: re.Match[str]) -> str | None:
    """The series a number is numbered in, in capitals as written (``JL-12/2024``: "JL");
    two series of one court count from one, so "JL-12/2024" and "JO-12/2024" are two
    cases and the letters are part of the number. Letters in lower case or a label's
    («NO-12/2024») are no series: the number alone, as before."""
    if not match["series"]:
        return None
    written = text[match.start("series") : match.end("series")]
    if not written.isupper() or not written.isascii():
        return None
    if any(part in _NO_SERIES for part in written.split("-")):
        return None
    return written


def _short_year_case(
    folded: str, match: re.Match[str], current: str | None, type_end: int
) -> CaseNumber | None:
    """A number with a two-digit year right after its type ("amparo en revisión 1876/97"):
    the 1950s–1990s (and 2000s–2020s) told apart by the digits; a bare "12/97" may be a
    month or a fraction: unsure, none."""
    if current is None or not _TYPE_TO_SHORT.fullmatch(folded, type_end, match.start()):
        return None
    short = match["syear"]
    century = "19" if short >= "50" else "20" if short <= "29" else None
    if century is None:
        return None
    suffix = clean_suffix(match["ssuffix"])
    return CaseNumber(current, match["sn"], century + short, suffix, short_year=True)


def tfja_case(text: str, match: re.Match[str]) -> CaseNumber:
    """A TFJA number as written (read from the folded text; letters from the original)."""
    short = match["tfja_year"]
    century = "19" if short >= "90" else "20"
    sala = text[match.start("tfja_sala") : match.end("tfja_sala")].upper()
    superior = match["tfja_superior"] and match["tfja_superior"].upper()
    return CaseNumber(None, match["tfja_n"], century + short, sala=sala, superior=superior)


_OPENING = re.compile(
    rf"^\s*(?:{_CAPTION_TYPE_WORDS})(?!\w)|^\s*(?:{'|'.join(ELECTORAL_CHAMBERS)}|T[A-Z]{{1,8}})[-/][A-Z]{{2,5}}[-/]\d"
    rf"|^\s*(?:{_LOCAL_TYPES})[-/]\d",
    re.IGNORECASE,
)


def opens_with_case(text: str) -> bool:
    """Whether ``text`` begins with a case type or number, as a caption line does
    (``AMPARO DIRECTO EN REVISIÓN 1309/2023``), not a sentence citing one."""
    return bool(_OPENING.match(_fold(text)))


def normalise_expediente(text: str | None) -> str | None:
    """The canonical form(s): ``Amparo en Revisión 1234/2023`` → ``AR 1234/2023``;
    ``A.I. 206/2023 y su acumulada 208/2023`` → ``AI 206/2023, AI 208/2023``."""
    cases = parse_expediente(text)
    if not cases:
        return fold_keyword(text) if text else None
    return ", ".join(dict.fromkeys(case.canonical for case in cases))


def expediente_forms(text: str | None) -> list[str]:
    """Every form a person may search the case by: canonical, digits, abbreviations with
    and without dots, the type's full name, and the text as published."""
    if not text:
        return []
    forms = [form for case in parse_expediente(text) for form in case.forms()]
    forms.append(" ".join(text.split()))
    return list(dict.fromkeys(forms))
