"""What a sentence says about itself: court, case number, matter, proceeding, kind of
judgment and resolution date, each with where it was read (``heading`` or ``body``).

Used where a listing does not give them and for files indexed from disk. A public
version opens with a caption (``EXPEDIENTE: 845/2019``, ``AMPARO DIRECTO EN REVISIÓN
1309/2023``), often a long ÍNDICE TEMÁTICO or synopsis, then the opening formula (``Ciudad
de México. La Primera Sala de la Suprema Corte…, en sesión correspondiente al trece de
agosto de dos mil veinticinco, emite la siguiente``) or a place-and-date line (``León,
Guanajuato, a treinta y uno de enero de dos mil veinticuatro``), and closes with ``Así lo
resolvió…``. The whole text is read: the formula may come tens of thousands of characters
in. Dates and case numbers cited in the background or in footnotes are not the
sentence's own; when the text does not say, the field is left empty.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from indexer.analysis import fold_keyword
from indexer.models import MATTERS
from indexer.readers.artifacts import mended, ordinals_in_words, words_joined_in_place
from indexer.readers.courts import normalise_court, regional_chamber, title_case
from indexer.readers.expedientes import (
    CAPTION_TYPE_WORDS,
    CASE_TYPES,
    ELECTORAL_TYPES,
    TFJA_NUMBER,
    TYPE_WORDS_BY_LETTER,
    CaseNumber,
    CaseType,
    case_type_code,
    derived_kind,
    opens_with_case,
    parse_expediente,
)
from indexer.readers.judge_offices import (
    judge_after_office,
    judges_court,
    magistrate_after_office,
)
from indexer.readers.named_members import member_by_place
from indexer.readers.normalise import (
    MATTER_WORDS,
    MONTHS,
    mistyped_month,
    normalise_matter,
    parse_date,
)
from indexer.readers.opening_courts import opening_court
from indexer.readers.parties import read_parties
from indexer.readers.rulings import read_ruling
from indexer.readers.signed_ponente import signed_ponente
from indexer.readers.vistos_session import VistosSession, vistos_session
from indexer.spots import Spans

HEAD_CHARS = 6000
HEAD_LINES = 15
CAPTION_LINES = 40
STATEMENT_AFTER_FORMULA = 3000
STATEMENT_CHARS = 2000  # a statement's kind and numbers, however many cases it joins
CLOSING_SHARE = 0.2  # the last fifth of a sentence holds its resolutive points and date
# ...or, in a short one, its last few pages: the closing paragraph with the signatures and
# the public version's legend after it may be more than a fifth of a three-page sentence
# (read there for the court that is the closing verb's subject only)
CLOSING_TAIL = 4000
CLOSING_SUBJECT = 260  # the resolving court follows "resolvió" within this many characters
# A sentence closes once, at its end (a vote or a dissent may echo it): the last few
# closing-like paragraphs are read, never thousands a hostile text repeats
CLOSINGS_READ = 32


def _starting(letters: str, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """``pattern``, whose matches all start with one of ``letters`` (any case), told so:
    the regex engine then passes over the other positions instead of trying each branch
    at every character of a long text (the same matches, at a third of the time)."""
    return re.compile(f"(?=[{letters}]){pattern}", flags)


class _LineStarts:
    """``(?:^|\n)`` + ``pattern``: matches at the text's start or at a line break. Its
    ``finditer`` tries the whole pattern at the start only, then ``\n`` + ``pattern``
    from where that left off: a pattern opening with a literal is looked for at C speed,
    one opening with ``(?:^|\n)`` is tried at every character (the same matches, at a
    tenth of the time)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        if flags & re.MULTILINE:
            raise ValueError("under MULTILINE ^ matches after every line break too")
        self.whole = re.compile(rf"(?:^|\n){pattern}", flags)
        self._after_break = re.compile(rf"\n{pattern}", flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        first = self.whole.match(text)  # at the start: (?:^|\n) in its own order
        if first is not None:
            yield first
        # elsewhere only \n can match (no MULTILINE), and the search resumes where the
        # match at the start ended, or at the start where there was none (that \n was tried)
        yield from self._after_break.finditer(text, first.end() if first is not None else 0)


_SIGNER = re.compile(r"\b(?:PRESIDENT[EA]|MINISTR[OA]|MAGISTRAD[OA]|SECRETARI[OA]|JUEZA?)\b")
# A court line starts with the court ("JUZGADO…", "SEGUNDO TRIBUNAL…", "H. TRIBUNAL…"),
# not with words about something else ("SESIÓN PÚBLICA ORDINARIA DEL PLENO…").
_COURT_START = re.compile(
    r"^(?:(?:EL|LA|H\.)\s+)?(?:[A-ZÁÉÍÓÚ]+(?:[OA]|ER)\s+){0,2}"
    r"(?:JUZGADO|TRIBUNAL|SALA|SUPREMA CORTE|PLENO|PODER JUDICIAL|H\.|SECCI[OÓ]N DE LA SALA)"
)
# Words no court's name holds: a capitals line with one is prose, not a caption line.
_PROSE_WORD = re.compile(r"\b(?:ES|SON|QUE|SE|HA|HAN|FUE|FUERON|ESTÁ|RESUELVE|RESOLVIÓ)\b")
# The judiciary itself, not the court that resolved: kept only when nothing better shows.
_GENERIC_COURT = re.compile(
    r"^(?:PODER JUDICIAL|H\. |(?:EL\s+)?(?:TRIBUNAL SUPERIOR|SUPREMO TRIBUNAL) DE JUSTICIA)"
)
# A federal circuit court or plenary, up to the circuit or region that makes it one court:
# "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito", "Tribunal Colegiado de
# Apelación del Segundo Circuito", "Pleno Regional en Materia Penal de la Región
# Centro-Sur", "Pleno del Decimosexto Circuito" ("Tribunal Colegiado de Circuito" alone
# names none).
_CIRCUIT_ORDINAL = (
    r"(?:primer|primero|segundo|tercer|tercero|cuarto|quinto|sexto|s[eé]ptimo|octavo|noveno"
    r"|d[eé]cimo|und[eé]cimo|duod[eé]cimo|vig[eé]simo|trig[eé]simo|decimo[a-z]{4,7}"
    r"|vigesimo[a-z]{4,7})"
)
_CIRCUIT_COURT = _starting(
    "ptdsvcnoqu",
    rf"\b(?:{_CIRCUIT_ORDINAL}\s+){{0,2}}(?:tribunal\s+colegiado|pleno(?=\s+(?:regional|en\s|del?\s)))"
    r"\b[^.;:,()\n]{0,140}?(?:(?<!\bde\s)circuito\b"
    r"|regi[oó]n\b(?-i:\s+(?!(?i:con|en|de|del|y)\b)[A-ZÁÉÍÓÚ][\wáéíóú]*(?:-[A-ZÁÉÍÓÚ][\wáéíóú]*)?)"
    # (an ordinal's region needs no name, "…Centro Auxiliar de la Quinta Región"; "de la
    # Región" alone, a Pleno Regional's without its name, is one of several)
    r"|(?<!de\sla\s)regi[oó]n\b)",
    re.IGNORECASE,
)
_CIRCUIT_NAME = re.compile(r"\b(?:CIRCUITO|REGI[OÓ]N)\b")
# (a plenary of circuit or region only: "PLENO DEL TRIBUNAL SUPERIOR…" is a state's)
_CIRCUIT_BODY = re.compile(
    r"\bCOLEGIADO\b|^(?:EL\s+)?PLENO\s+(?:REGIONAL\b|EN\s+MATERIAS?\b|DE\s+CIRCUITO\b"
    r"|DEL\s+(?!TRIBUNAL\b|SUPREMO\b|ESTADO\b|PODER\b|CONSEJO\b|CONGRESO\b|H\.)"
    r"[A-ZÁÉÍÓÚ]+(?:\s+[A-ZÁÉÍÓÚ]+)?\s+CIRCUITO\b)"
)
# Between "resolvió" and the court that did: "lo resolvió el", "resolvieron y firman los
# Magistrados que integran la", "resolvieron, por unanimidad de votos, los Magistrados
# integrantes del" (the court's members are its voice; the vote may come between).
_RESOLVED_BY = re.compile(
    r"^\w*,?\s+(?:y\s+firm(?:an?|aron|[oó]),?\s+)?"
    r"(?:por\s+(?:unanimidad|mayor[ií]a)\s+de\s+(?:\w+\s+)?votos,?\s+)?"
    r"(?:(?:(?:el|la)\s+magistrad[oa]\s+[ye]\s+|(?:las|los)\s+magistrad[oa]s\s+[ye]\s+)?"
    r"(?:los|las)\s+(?:(?:señor[ae]s|CC\.|ciudadan[oa]s)\s+)?(?:magistrad[oa]s|magistraturas)"
    r"\s+(?:que\s+(?:integran|conforman)|integrantes)\s+)?"
    r"(?:(?:el|la|este|esta|del|de\s+la|de\s+este|de\s+esta)\s+)?(?:H\.\s*)?$",
    re.I,
)
# Between a circuit court and its session's formula: "Acuerdo del …, correspondiente a la
# sesión", "El Pleno …, en sesión correspondiente", its seat between ("Acuerdo del Pleno
# Regional … de la Región Centro-Norte, con residencia en la Ciudad de México,
# correspondiente…", "…del Tercer Circuito, con residencia en Zapopan, Jalisco, …"), and
# the court an auxiliary one helps ("Acuerdo del Tribunal Colegiado de Circuito del Centro
# Auxiliar de la Décima Región, con residencia en Saltillo, Coahuila, en apoyo del Primer
# Tribunal Colegiado…, correspondiente…": the auxiliary court resolves).
_BEFORE_FORMULA = re.compile(
    r"^\s*,?\s*(?:con\s+(?:residencia|sede)\s+en\s+[^,.;:\n]{3,60}(?:,\s*[^,.;:\n]{3,40})?"
    r"\s*,\s*)?(?:en\s+(?:apoyo|auxilio)\s+(?:(?:a|de)\s+las\s+labores\s+)?"
    r"(?:del?|de\s+la|a\s+la|al)\s+[^,.;:\n]{10,200},\s*)?"
    r"(?:en\s+)?(?:la\s+)?$",
    re.I,
)
# Before a circuit court, words making it the one an auxiliary court helps.
_HELPED = re.compile(
    r"\b(?:apoyo|auxilio)\s+(?:(?:a|de)\s+las\s+labores\s+)?(?:del?|de\s+la|a\s+la|al)\s*$", re.I
)
# (an ordinal too: "…DEL TERCER CIRCUITO Y EL PRIMER⏎TRIBUNAL COLEGIADO…" in a contradicción's
# caption names another court, the line before runs on into it)
_RUNS_ON = re.compile(
    r"\s(?:LA|EL|LOS|LAS|POR|DE|DEL|A|AL|EN|Y|CON|ANTE|PRIMER|PRIMERO|SEGUNDO|TERCER|TERCERO"
    r"|CUARTO|QUINTO|SEXTO|S[EÉ]PTIMO|OCTAVO|NOVENO|D[EÉ]CIMO|UND[EÉ]CIMO|DUOD[EÉ]CIMO"
    r"|VIG[EÉ]SIMO|TRIG[EÉ]SIMO)$"
)
_LABEL_LINE = re.compile(r"^[A-ZÁÉÍÓÚÑ .]{3,40}:")
# (its "H." or "Honorable", and its initials: "la 1a. Sala de la S.C.J.N.", "de la SCJN")
_SCJN = (
    r"de\s+la\s+(?:(?:(?:h\.|honorable)\s*)?suprema\s+corte\s+de\s+justicia\s+de\s+la\s+naci[oó]n"
    r"|s\.?\s?c\.?\s?j\.?\s?n(?![^\W\d_])\.?)"
)
# words of which one is wherever ``_SCJN`` or ``_TEPJF`` matches (``_may_hold``)
_HIGH_COURT_WORDS = ("suprema", "electoral", "jn", "j.n", "j n", "j. n")
_TEPJF = r"del\s+tribunal\s+electoral\s+del\s+poder\s+judicial\s+de\s+la\s+federaci[oó]n"
_PROSE_COURT = _starting(
    "pst",
    r"\b((?:primera|segunda)\s+sala|(?:tribunal\s+(?:en\s+)?)?pleno|sala\s+superior|sala\s+regional"
    rf"\s+\w+)\s+(?:{_SCJN}|{_TEPJF})",
    re.IGNORECASE,
)
_REGIONAL_PROSE = _starting(
    "s",
    rf"\bsala\s+regional\s+(?:{_TEPJF},?\s*)?(?:correspondiente\s+a\s+la\s+)?[^.;]{{0,160}}?"
    r"(?:con\s+(?:sede|residencia)\s+en\s+[^,.;]{3,40}"
    # the seat after the circunscripción, which names the sala of its day ("…Cuarta
    # Circunscripción Plurinominal, con sede en el Distrito Federal")
    r"|circunscripci[oó]n[^,.;]{0,60}(?:,\s*con\s+(?:sede|residencia)\s+en\s+[^,.;]{3,40})?)",
    re.IGNORECASE,
)
# Labels of the caption that give the document's own number (not its origin's).
_CASE_LABEL = re.compile(
    r"^\s*(?:n[uú]mero\s+de\s+)?(expedientes?|exp\.|tocas?(?:\s+(?:penal|civil|familiar))?|causa\s+penal"
    r"|carpeta\s+(?:judicial|administrativa)|juicio\s+oral\s+electr[oó]nico|cuadernillo)"
    r"\s*(?:n[uú]m(?:ero)?\.?|no\.?)?\s*[:.]\s*(.{3,120})$",
    re.IGNORECASE,
)
# a label's value that is one number with a two-digit year ("123/24", "45/97-B")
_SHORT_YEAR_ALONE = re.compile(r"^\d{1,6}/\d{2}(?:-[A-Z]{1,4})?$")
# "(RELACIONADO CON EL 45/2022)": not this case; but a bracket right after a case's type
# qualifies the type ("INCIDENTE DE SUSPENSIÓN (REVISIÓN) 45/2023", "REVISIÓN
# ADMINISTRATIVA (LEY FEDERAL DE PROCEDIMIENTO CONTENCIOSO ADMINISTRATIVO) 401/2023"): kept
# for ``parse_expediente`` to read
_ASIDE = re.compile(r"\([^)]*\)", re.I)
_TYPE_ENDS = re.compile(rf"(?<![\w.])(?:{CAPTION_TYPE_WORDS})\s*$", re.I)


def _without_asides(line: str) -> str:
    """``line`` without its bracketed asides, but a qualifier of the case's type."""

    def aside(found: re.Match[str]) -> str:
        head = line[max(0, found.start() - 80) : found.start()]
        qualifies = any(_TYPE_ENDS.search(_fold_caption(t)) for t in (head, head + found.group()))
        return found.group() if qualifies else ""

    return _ASIDE.sub(aside, line) if "(" in line else line


# the same written after the case, unbracketed: "AMPARO DIRECTO 412/2022 RELACIONADO CON
# EL 413/2022", "…, DERIVADO DEL AMPARO DIRECTO 300/2018": the rest of the line is another's
_RELATED_TAIL = re.compile(
    r"(?<=\S)[\s,;.-]+(?:(?:en\s+)?relaci[oó]n\s+con|(?:relacionad|derivad|deducid|provenient"
    r"|acumulad[oa]\s+a)[oae]?s?\b).*$",
    re.I,
)
_NOT_OWN_LABEL = _starting(
    "ordaijt", r"origen|relacionad|deriva|anteced|instancia|juzgado|tribunal", re.I
)
# (a stamp's "VISTO BUENO" is no "VISTOS": the caption goes on after it)
_CAPTION_END = re.compile(
    r"^\s*(?:[IÍ]NDICE|S[IÍ]NTESIS|V\s*I\s*S\s*T\s*O\s*S?\b(?!\s*bueno)|R\s*E\s*S\s*U\s*L\s*T\s*A\s*N\s*D\s*O"
    # (the considerations' heading where no background precedes them: a name's line above
    # it never goes on with it, «SECRETARIA: ADRIANA FUENTES MORALES⏎⏎CONSIDERANDO»)
    r"|C\s*O\s*N\s*S\s*I\s*D\s*E\s*R\s*A\s*N\s*D\s*O"
    r"|ANTECEDENTES|Ciudad\s+de\s+M[eé]xico|Sentencia\s+(?:de|que)|S\s*E\s*N\s*T\s*E\s*N\s*C\s*I\s*A)",
    re.IGNORECASE,
)
# never the tail of a garbled number ("l45/2024", an OCR "1" read as "l")
# a toca's appeal after its year ("1150/2019/1", "1150/2019 / 1") is part of its number;
# more after a slash ("1150/2019/1234", "1150/2019/1/2") makes it none, never a shorter
# one; so is a suffix after a hyphen ("-CA", "-1")
_TFJA_NUMBER = re.sub(r"\?P<\w+>", "?:", TFJA_NUMBER)  # (its groups unnamed: used twice)
_NUMBER = (
    rf"{_TFJA_NUMBER}|"
    # (a toca's one-letter series, "T-45/2024", only in capitals and with its hyphen)
    r"(?<![\w/-])(?:[A-Z]{2,8}[-/]|(?-i:[A-Z])-(?=\d))*\d{1,6}\s*[/-]\s*\d{4}"
    r"(?:\s*/\s*\d{1,3}(?![\d/])|(?!/\d)(?!\s*/\s*\d++(?!\s*/\s*\d{4})))"
    r"(?:-(?:[A-Z]{1,4}\b|\d{1,3}(?![\d/])))?"
)
_STATEMENT = _starting(
    "spad",
    # (a state judge's "Visto para dictar sentencia definitiva dentro de los autos del
    # expediente judicial número…", "…en la causa penal número…"; a juzgado's opening
    # "…el Juzgado Tercero de lo Civil dicta sentencia en el expediente 456/2022": the
    # present tense, the document's own; "dictada en" is another's)
    r"\b(?:se\s+resuelven?|para\s+resolver|a\s+resolver"
    r"|(?:para\s+dictar|dicta)\s+(?:la\s+(?:siguiente\s+)?)?sentencia"
    r"(?:\s+(?:definitiva|interlocutoria))?\s+"
    r"(?:(?:dentro\s+de|en)(?=\s+(?:los|las|el|la|del?)\s)|dentro(?=\s+del\s))"
    # (or "Vistos para dictar sentencia definitiva los autos del expediente…", no "en")
    r"|para\s+dictar\s+sentencia(?:\s+(?:definitiva|interlocutoria))?(?=\s+los\s+autos\s))"
    # (spaces bounded: a run of them, which the kind also matches, would make the search
    # cubic in its length)
    r"(?:\s{0,20},)?\s{1,20}(?:en\s+definitiva\s+)?"
    r"(?:(?:los\s+autos\s+(?:relativos\s+)?(?:de\s+l[oa]s?|del?|a\s+l[oa]s?|al)|el|la|los|las"
    r"|del)\s+)?"
    r"(?P<kind>(?:[^\d\n,.;:]|\n(?!\s*\n)){3,140}?)\s{0,20}(?:n[uú]mero\s+|No\.\s*)?"
    # a collegiate court's code before the number: "amparo directo D.C. 412/2021"
    r"(?P<code>(?-i:[A-Z]\.){2,3}\s*)?"
    rf"(?P<numbers>{_NUMBER}(?:\s*(?:,|\by\b|\be\b)\s*(?:sus?\s+acumulad[oa]s?\s+)?{_NUMBER})*)",
    re.IGNORECASE,
)
# where ``_STATEMENT`` can start: the first word of one of its verbs
_STATEMENT_VERB = _starting("spad", r"\b(?:se|para|a|dicta)\s")
# Words in what a sentence says it resolves that tie the number after them to another
# case: the one it comes from or was brought in ("deducido del", "interpuesto en el"), or
# the amparo it complies with ("el cumplimiento a la ejecutoria de amparo 123/2023").
_LINKED = re.compile(
    r"\b(?:deducid|derivad|relativ|relacionad|promovid|interpuest|provenient|emanad|dictad"
    r"|pronunciad|contra\b|origen\b|en\s+(?:el|la|los|las)\b|cumplimiento\b|ejecutoria\b)"
)
_LOWER_PROCEEDINGS = (
    r"(?:de\s+alimentos|(?:ordinario|ejecutivo|oral|especial|sumario)\s+"
    r"(?:civil|mercantil|familiar|hipotecario))(?![\w-])"
)
_PROCEEDING = re.compile(
    r"(?P<lead>relativ[oa]\s+al|(?:deducid|derivad|proveniente|emanad)[oa]\s+del|en\s+el"
    # (a juzgado's "VISTOS … en los autos del juicio ESPECIAL HIPOTECARIO promovido por…")
    r"|autos\s+del)"
    # (a word of capitals, never a case's code: "en el juicio ST-JRC-120/2021"; in lower
    # case, only a few kinds' whole names: "el juicio de alimentos", "juicio ordinario civil")
    r"\s+(juicio|procedimiento|proceso)\s+((?:[A-ZÁÉÍÓÚÑ]{2,}(?![-/\w])\s*){1,6}"
    rf"|{_LOWER_PROCEEDINGS})",
)
# What every match of ``_PROCEEDING`` holds; case-sensitive and opening with a plain
# letter, the regex engine looks for it at C speed (a text without it skips the pattern).
_PROCEEDING_NAMED = re.compile(
    r"(?:juicio|procedimiento|proceso)\s+(?:[A-ZÁÉÍÓÚÑ]{2}|de\s+alimentos"
    r"|ordinario|ejecutivo|oral|especial|sumario)"
)
# A proceeding the document comes from, not its own: "deducido del juicio ORDINARIO CIVIL".
_ORIGIN_LEAD = re.compile(r"^(?:deducid|derivad|proveniente|emanad)", re.I)
# Earlier in the same sentence, words that make the juicio named next another case's:
# the appeal or amparo the document is ("toca 88/2024 relativo al juicio…", "recurso de
# apelación … en el juicio…").
_REVIEW_BEFORE = re.compile(r"\b(?:tocas?|apelaci[oó]n|recursos?|amparos?|alzada)\b", re.I)
# Case types that review another case: their caption's "JUICIO:" and prose name the origin.
_TOCA_WORD = re.compile(r"\bTOCAS?\b", re.I)
CAPTION_CHARS = 600
_TYPE_NAMED = re.compile(rf"(?<![\w.])(?:{TYPE_WORDS_BY_LETTER})(?![\w])")
_TOCA_RECURSOS = frozenset(("RAPL", "RQ"))
_APPEALS = frozenset(("TOCA", "RAPL"))
_MATTER_OF_CASE = re.compile(r"\b(?:toca|causa)\s+(penal|civil|familiar|mercantil)\b", re.I)
# (a competence conflict arises in a juicio, and is not it)
_REVIEWING = frozenset(
    ("TOCA", "RAPL", "RREV", "RRA", "AR", "ADR", "AD", "AMP", "RR", "RQ", "CCOMP")
)
# "JUICIO: ORDINARIO CIVIL", "TIPO DE JUICIO: …", a table's "JUICIO | ORDINARIO CIVIL"
_PROCEEDING_LABEL = re.compile(
    r"^[ \t]*(?:tipo\s+de\s+juicio|juicio|v[ií]a|procedimiento)[ \t]*[:|\t]\s*(.{3,60})$",
    re.I | re.M,
)
# A caption line that is the proceeding's name alone, in capitals, as a state juzgado's
# caption writes it under the court ("JUICIO ORDINARIO CIVIL"): a label of its own.
_PROCEEDING_LINE = re.compile(r"^[ \t]*JUICIO[ \t]+((?:[A-ZÁÉÍÓÚÑ]{2,}[ \t]*){1,4})$", re.M)
# Where a label's value ends: a number ("ORAL MERCANTIL 279/2023"), another cell
_LABEL_VALUE_END = re.compile(r"\s*(?:[|\t;]|\b(?:n[uú]m(?:ero)?\.?\s*|no\.\s*)?\d).*$", re.I)
_LINK_WORDS = frozenset(("de", "del", "en", "y", "e", "la", "el", "los", "las", "a", "por"))
# A label naming an amparo by its kind: the proceeding is that kind, as a typed case gives it.
_AMPARO_KINDS = {fold_keyword(t.name): t.name.lower() for t in CASE_TYPES if t.code in
                 ("AD", "AMP", "AR", "ADR")} | {"amparo": "juicio de amparo"}  # fmt: skip
_MATTER_LABEL = re.compile(r"^\s*materia\s*:\s*(.{3,40})$", re.I | re.M)
_JUDGMENT = _starting(
    "sre",
    r"\b(sentencia\s+definitiva|sentencia\s+interlocutoria|resoluci[oó]n\s+interlocutoria"
    r"|sentencia\s+de\s+segunda\s+instancia|resoluci[oó]n\s+definitiva|ejecutoria)\b",
    re.IGNORECASE,
)
# Words before a judgment's name that make it another decision's: the one appealed
# ("en contra de la sentencia definitiva dictada por el juez…"), complied with ("en
# cumplimiento a la ejecutoria…") or corrected ("aclaración de la sentencia…").
_OTHER_JUDGMENT_BEFORE = re.compile(
    r"\b(?:contra|apel\w*|como|impugn\w*|recurr\w*|cumplimiento|aclara\w*|confirm\w*|revoc\w*"
    r"|modific\w*|reform\w*|previa|anterior|dicha|citada|referida|mencionada)\b"
    r"(?:\s+\w+){0,6}\s*$"
)
_OTHER_JUDGMENT_AFTER = re.compile(
    r"^\s*(?:recurrida|impugnada|apelada|previa|anterior|de\s+amparo)\b"
)
_MONTH = "|".join(MONTHS)
# The resolving court's own formula: "…, en sesión correspondiente al trece de agosto de
# dos mil veinticinco, emite la siguiente" (cited sessions say "en sesión de…").
_SESSION_KINDS = (
    r"(?:(?:p[uú]blica|privada|remota|ordinaria|extraordinaria|presencial|virtual"
    r"|no\s+presencial|a\s+distancia)\s+)*"
)
_FORMULA_DATE = r"(?P<date>(?:[^\n]|\n(?!\s*\n)){6,140})"
# A collegiate circuit court's form: "Acuerdo del Segundo Tribunal Colegiado…,
# correspondiente a la sesión de veinte de octubre de dos mil veintidós".
_SESSION_FORMULA = (
    rf"sesi[oó]n\s+{_SESSION_KINDS}(?:correspondiente|celebrada|verificada)\s+"
    rf"(?:al?|el|en)\s+(?:d[ií]a\s+)?{_FORMULA_DATE}"
)
_AGREEMENT_FORMULA = (
    rf"correspondiente\s+a\s+la\s+sesi[oó]n\s+{_SESSION_KINDS}(?:del\s+d[ií]a|del?)\s+"
    rf"(?P<date2>(?:[^\n]|\n(?!\s*\n)){{6,140}})"
)
# the SCJN's opening line ("México, Distrito Federal." before 2016), its session named
# without "correspondiente" or the verb:
# "Ciudad de México. Acuerdo de la Segunda Sala de la Suprema Corte…, correspondiente
# al día…" (or "correspondiente al nueve de…"), "Ciudad de México. Primera Sala de la
# Suprema Corte…, en la sesión del día…" ("en sesión del nueve de…", "en sesión de…")
# (``c(?<!\wc)``: a "c" no letter precedes, written so the pattern opens with a letter;
# "México, Distrito Federal." is looked for from "federal", a rarer letter than "m")
_OPENING_PLACES = (r"c(?<!\wc)iudad\s+de\s+m[eé]xico", r"f(?<=distrito\sf)ederal")
_OPENING_FORMULA = (
    rf"(?:{'|'.join(_OPENING_PLACES)})\.\s+"
    r"(?:(?:acuerdo|sentencia|resoluci[oó]n)\s+del?\s+)?(?:la\s+|el\s+)?"
    rf"(?:(?:primera|segunda)\s+sala|(?:tribunal\s+(?:en\s+)?)?pleno)\s+{_SCJN},?\s+"
    rf"(?P<session>en\s+(?:la\s+|su\s+)?sesi[oó]n\s+{_SESSION_KINDS}(?:del\s+d[ií]a|del?)"
    r"|correspondiente\s+al(?:\s+d[ií]a)?)\s+(?P<date3>(?:[^\n]|\n(?!\s*\n)){6,140})"
)
_FORMULA = _starting(
    "lscf",
    rf"(?:la\s+)?{_SESSION_FORMULA}|{_AGREEMENT_FORMULA}|{_OPENING_FORMULA}",
    re.IGNORECASE,
)
# Its lowercase twin, run over the lowered text (``_lowered``: exact for this pattern's
# letters) to find where matches start: each alternative opens with a letter, so the
# engine passes over every other character at C speed (a third of the time); its groups
# are unnamed (the first alternative is written twice), the match is read again by
# ``_FORMULA`` where it starts. ``(?:la\s+)?S`` is ``la\s+S|S``: the same first match.
_FORMULA_LOW = re.compile(
    re.sub(r"\(\?P<\w+>", "(?:", rf"la\s+{_SESSION_FORMULA}|{_SESSION_FORMULA}")
    + "|"
    + re.sub(r"\(\?P<\w+>", "(?:", _AGREEMENT_FORMULA)
    + "|"
    # (each place its own alternative: a group of them would hide the letters every
    # match starts with, and the engine would try every position)
    + "|".join(
        re.sub(r"\(\?P<\w+>", "(?:", _OPENING_FORMULA.replace("|".join(_OPENING_PLACES), place, 1))
        for place in _OPENING_PLACES
    )
)
_FORMULA_VERB = _starting("edprs", r"\b(?:emite|dicta|pronuncia|resuelve|se\s+dicta)\b", re.I)
# (a judge's "Así, definitivamente juzgando, lo sentenció y firma…" closes like "resolvió")
_CLOSING = _LineStarts(
    r"[ \t]*((?:A(?:s|[ \t]s[ \t])[ií],?\s[^\n]{0,80}?|Lo\s+|(?:Por\s+(?:unanimidad|mayor[ií]a)"
    r"[^\n]{0,80}?))(?:resolvi|(?<=lo\s)sentenci[oó]|(?<=lo\s)resuelven?(?=\s+y\s+firm))"
    r"[^\n]{0,1200})",
    re.I,
)
# The same closing after a sentence's end on its line, as a juzgado runs its last points
# on: "Notifíquese personalmente. Así definitivamente juzgando lo resolvió y firma la
# ciudadana licenciada…, Jueza…". Only "Así" with its capital, read where it signs ("lo
# resolvió y firma", "lo resolvieron y firman") or right after the order to notify
# ("Notifíquese. Así lo resolvieron…"): never a quote ("…, así lo resolvió la Sala
# responsable en la sentencia reclamada").
_MID_CLOSING = re.compile(
    r"[.!?][ \t]+((?:As[ií]|AS[IÍ]),?\s[^\n]{0,80}?"
    r"(?i:resolvi|(?<=lo\s)sentenci[oó]|(?<=lo\s)resuelven?(?=\s+y\s+firm))"
    r"[^\n]{0,1200})"
)
_SIGNS = re.compile(r"(?:resolvi\w*|sentenci[oó]|resuelven?)\s+y\s+firman?\b", re.I)
_NOTICE_BEFORE = re.compile(
    r"\b(?:notif[ií]quese|c[uú]mplase|arch[ií]vese|publ[ií]quese|comun[ií]quese)\b"
    r"[^.!?\n]{0,160}[.!?][ \t]*\Z",
    re.I,
)
# (a juzgado's "Así lo resolvió y firma…, hoy veintiocho de noviembre…, en que lo
# permitieron las labores": the day it was signed, not the hearing's that opens the text)
# a day of the month in figures or in words, as a date begins
_DAY_WORD = (
    r"(?:\d{1,2}|primero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce"
    r"|trece|catorce|quince|dieci\w+|veinti\w+|veinte|treinta)\b"
)
_CLOSING_DATE = _starting(
    "sfeach",
    r"(?:sesi[oó]n|fecha|el\s+d[ií]a|a\s+los|celebrada\s+el|\bhoy"
    # a clause of its own, the day the court resolved: «…, por unanimidad de votos, el
    # veinticinco de mayo de dos mil veinticuatro, siendo ponente…», «…Circuito, en
    # Zapopan, Jalisco, a veinticinco de mayo…» (a month must follow: ``_date_at_start``)
    rf"|(?<=,\s)(?P<clause>a|el)(?=\s+{_DAY_WORD}\s+de\s))\s+(?P<date>[^\n]{{6,140}})",
    re.I,
)
# Before a clause's day, another act the closing tells of (a relative clause, an act's
# participle): the day may be that act's, not the resolution's.
_OTHER_ACT = re.compile(
    r"\b(?:quien(?:es)?|cual(?:es)?|donde|cuando|(?:present|dict|promov|emit|pronunci|recib"
    r"|celebr|radic|admit|notific|public|reclam|impugn|recurr|interpuest|firm)[aií]d?[oa]s?)\b",
    re.I,
)
# (a juzgado's "En la ciudad de Guadalajara, Jalisco, a veinte…": the place's kind in
# lower case; a closing's line may open with it so, "ciudad de México, a veintiocho…":
# ``lower``, read in the closing part after a sentence's end only)
_PLACE_DATE = _LineStarts(
    r"[ \t]*(?:[A-ZÁÉÍÓÚÑ][\w.-]*|(?P<lower>ciudad)(?=\s+de\s+[A-ZÁÉÍÓÚÑ]))"
    r"(?:[ ,]+(?:(?:de|del|la|los|el)\s+){0,2}"
    r"(?:[A-ZÁÉÍÓÚÑ][\w.-]*|(?<=\bla\s)(?:ciudad|villa|poblaci[oó]n)(?=\s+de\s)))"
    r"{0,6}(?:,\s*(?:a\s+|al\s+|el\s+d[ií]a\s+)?(?:los\s+)?"
    # or its session, a sentence apart: "Ciudad de México. Sesión (pública) de nueve de…"
    rf"|\.[ \t]+(?P<session>(?i:sesi[oó]n\s+{_SESSION_KINDS}(?:del\s+d[ií]a|del?)\s+)))"
    r"(?P<date>[^\n]{6,140})"
)
# What a place never holds: a court that did something ("Hechos. El Pleno de la Suprema
# Corte…, en la sesión del día diez de marzo…" is a synopsis citing another session).
_NO_PLACE = re.compile(r"\b(?:Pleno|Sala|Suprema|Corte|Tribunal|Juzgado)\b")
_BACKGROUND_HEADING = (
    r"\s*(?:[IVX]+\.\s*)?(?:ANTECEDENTES|R\s*E\s*S\s*U\s*L\s*T\s*A\s*N\s*D\s*O\s*S?)\b"
)
_BACKGROUND = re.compile(rf"^{_BACKGROUND_HEADING}", re.M)
# the same after a line break: a literal the engine finds at C speed (``^`` under
# MULTILINE is tried at every character); the spaces after the break are its line's own
# (``\n\s*`` was scanned again from each break of a run of blank lines: quadratic), and
# ``_background_break`` goes back to the run's first break, where ``\n\s*`` matched
_BACKGROUND_AFTER_BREAK = re.compile(r"\n[^\S\n]*+" + _BACKGROUND_HEADING.removeprefix(r"\s*"))
_FOOTNOTE = re.compile(r"\[\d{1,3}:[^\]]*\]")
CASE_TYPE_MATTERS = {
    "AR": "amparo", "AD": "amparo", "ADR": "amparo", "AMP": "amparo", "IIS": "amparo",
    "AI": "constitucional", "CC": "constitucional", "DGI": "constitucional",
    "RCMCP": "constitucional", "RRISCC": "constitucional", "RQCC": "constitucional",
    "RRCC": "constitucional",
    "CP": "penal", "CJ": "penal", "JIE": "electoral", "RF": "fiscal",
}  # fmt: skip
ELECTORAL_COURTS = {
    "SUP": "Sala Superior del TEPJF", "SX": "Sala Regional Xalapa del TEPJF",
    "SG": "Sala Regional Guadalajara del TEPJF", "SM": "Sala Regional Monterrey del TEPJF",
    "ST": "Sala Regional Toluca del TEPJF", "SCM": "Sala Regional Ciudad de México del TEPJF",
    "SRE": "Sala Regional Especializada del TEPJF",
    # the fourth circunscripción's sala by the name it had when its number was given
    "SDF": "Sala Regional Distrito Federal del TEPJF",
}  # fmt: skip


@dataclass
class Reading:
    """Fields read from a sentence (strings, as ``build_document`` takes them) and where
    each was read: ``heading`` (caption and opening) or ``body``."""

    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # the parties the caption names by their role, "role: name" (``read_parties``)
    parties: list[str] = field(default_factory=list)

    def put(self, name: str, value: str | None, at: int | None) -> None:
        if value:
            self.values[name] = value
            self.sources[name] = "heading" if at is not None and at < HEAD_CHARS else "body"


def _shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def _date_at_start(text: str) -> str | None:
    """The date ``text`` begins with (a few words may precede the month), ISO; else None:
    a date further on belongs to something else."""
    folded = fold_keyword(text[:140])
    # (a month typed by hand one letter off, "doce de agsoto de…", as ``parse_date`` reads it)
    month = re.search(rf"\b(?:de\s+)?(?:{_MONTH})\b", folded) or mistyped_month(folded)
    if not month or month.start() > 60:
        return None
    found = parse_date(text[: month.end() + 60])
    return found.isoformat() if found else None


@functools.lru_cache(maxsize=8)
def _footnotes(text: str) -> Spans:
    """Where the text's footnotes are; remembered: the date and statement readers ask."""
    return Spans(m.span() for m in _FOOTNOTE.finditer(text))


@functools.lru_cache(maxsize=8)
def _head_end(text: str) -> int:
    """Where the opening ends: the background section ("ANTECEDENTES", "RESULTANDO")
    or ``HEAD_CHARS``, whichever comes first; never a table of contents' entry for it
    ("I. ANTECEDENTES Y TRÁMITE ........ 2" on a first page before the caption).
    Remembered like ``_formula``: the date reader asks again."""
    background = _BACKGROUND.match(text)
    if background is not None and not _contents_entry(text, background.start()):
        return min(HEAD_CHARS, background.start())
    after_break = _background_break(text)  # the heading starts after its \n
    return min(HEAD_CHARS, after_break + 1 if after_break is not None else len(text))


# A table of contents' entry: its line ends in the page it leads to, after a leader of dots
# or a tab ("II. COMPETENCIA ............ 5", "I.⇥ANTECEDENTES⇥⇥3", "…… 8-9").
_CONTENTS_PAGE = re.compile(r"(?:\.{3,}|…+|\t)[ \t]*\d{1,3}(?:[ \t]*[-–][ \t]*\d{1,3})?[ \t]*$")


def _contents_entry(text: str, at: int) -> bool:
    """Whether the line holding offset ``at`` is a table of contents' entry."""
    end = text.find("\n", at)
    return bool(_CONTENTS_PAGE.search(text[at : end if end != -1 else len(text)]))


def _background_break(text: str) -> int | None:
    """Where a line break, spaces and a background heading first match (the old
    ``\\n\\s*`` pattern's start): the first line break of the blank run before it; a
    table of contents' entry for the background is passed over."""
    found = _BACKGROUND_AFTER_BREAK.search(text)
    while found is not None and _contents_entry(text, found.start() + 1):
        found = _BACKGROUND_AFTER_BREAK.search(text, found.end())
    if found is None:
        return None
    start = found.start()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return text.index("\n", start)


@functools.lru_cache(maxsize=8)
def _formula(text: str) -> tuple[str, int] | None:
    """The resolving court's own formula (its date and offset): at the top, or followed
    by the verb that gives the sentence (``emite la siguiente``); never in a footnote.
    Remembered for the last few texts: the date, court and statement readers each ask.
    Read with the words a PDF split at a line's end whole (the offsets are the same)."""
    notes = _footnotes(text)
    head_end = _head_end(text)
    for match in _formulas(words_joined_in_place(text)):
        if match.start() in notes:
            continue
        written = match["date"] or match["date2"] or match["date3"]
        date = _date_at_start(written)
        if not date or _PAST_SESSION.search(written.split(". ", 1)[0]):
            continue  # "En sesión celebrada el cinco de agosto…, este Tribunal Pleno resolvió…"
        if match["date3"] is not None:
            # the court named before its session, as ever: at the top, or after a modern
            # engrose's thematic index where the verb that gives the sentence follows
            # ("Ciudad de México. El Tribunal Pleno…, en sesión del día primero de abril…,
            # emite la siguiente")
            if match.start() < head_end or _FORMULA_VERB.search(written + " "):
                return date, match.start("session")
            continue
        if match.start() < head_end or (
            "correspondiente" in fold_keyword(match[0][:80]) and _FORMULA_VERB.search(written + " ")
        ):
            return date, match.start()
    vistos = _vistos(text)
    if vistos is not None and vistos.start not in notes:
        date = _date_at_start(vistos.date_text)
        if date:
            return date, vistos.date_at
    return _session_gives(text, notes) or _court_day(text, head_end)


@functools.lru_cache(maxsize=8)
def _vistos(text: str) -> VistosSession | None:
    """The VISTOS paragraph's own session and court (``vistos_session``), read with the
    words a PDF split at a line's end whole; remembered: the date and court readers ask."""
    return vistos_session(words_joined_in_place(text))


# Any court's opening in the SCJN's modern form, its session named "de" a day: "Ciudad de
# México. El Pleno Regional en Materia Administrativa de la Región Centro-Norte, con
# residencia en…, en sesión de dieciséis de mayo de dos mil veinticuatro, emite la
# siguiente" (a circuit court's, a state sala's too). "En sesión de…" alone may be a
# session the text cites; right after its day, the verb that gives this sentence, in the
# present and announcing it ("emite la siguiente", "dicta la siguiente sentencia"), makes it
# the document's (a synopsis' "…, en sesión de…, dicta sentencia en la que…" tells of another).
_SESSION_GIVES = _starting(
    "e",
    rf"\ben\s+(?:la\s+)?sesi[oó]n\s+{_SESSION_KINDS}(?:del\s+d[ií]a|del?)\s+"
    r"(?P<date>[^\n,;:]{6,100}?),?\s+(?:emite|dicta|pronuncia)\s+la\s+siguiente\b",
)


def _session_gives(text: str, notes: Spans) -> tuple[str, int] | None:
    """The first session so followed by the verb that gives the sentence: its date and
    where the session starts (the court right before)."""
    lowered = _lowered(text)
    if not _may_hold(lowered, "emite", "dicta", "pronuncia"):
        return None
    for match in _SESSION_GIVES.finditer(words_joined_in_place(text)):
        if match.start() in notes:
            continue
        date = _date_at_start(match["date"])
        if date:
            return date, match.start()
    return None


# A circuit court's opening that names no session: "Resolución del Primer Tribunal
# Colegiado en Materia Administrativa del Tercer Circuito, correspondiente al día veinte
# de abril de dos mil veinticuatro." (or "correspondiente al veinte de…"), at a sentence's
# start in the opening; the TFJA's Sala Superior opens so too ("Resolución de la Tercera
# Sección de la Sala Superior del Tribunal…, correspondiente al día…"). Read only where the
# words between name one circuit court or one TFJA body as the opening's own, which is
# then the court (its date the one the sentence was given on).
# (or "…Circuito, de veinte de abril…", a day right after; "…Circuito, dictada en la sesión
# de…")
_COURT_DAY = re.compile(
    r"(?:^|(?<=\n)|(?<=\.\s)|(?<=\.-\s))[ \t]*(?:Resoluci[oó]n|Acuerdo|Sentencia|Ejecutoria)"
    r"\s+(?:del|de\s+la)\s+(?:[^.;:\n]|\n(?!\s*\n)){10,300}?"
    r"(?P<tail>(?:correspondiente\s+al(?:\s+d[ií]a)?"
    rf"|(?<=,\s)(?:de|del\s+d[ií]a)(?=\s+{_DAY_WORD})"
    r"|(?:dictada|pronunciada|emitida|aprobada)\s+en\s+(?:la\s+)?sesi[oó]n\s+"
    rf"{_SESSION_KINDS}(?:de|del\s+d[ií]a|celebrada\s+el)(?=\s+{_DAY_WORD}))"
    r"\s+(?P<date>(?:[^\n]|\n(?!\s*\n)){6,140}))",
    re.IGNORECASE,
)


# A page's furniture a PDF's text puts inside a closing paragraph where it runs over a page:
# the page's number ("PÁGINA 40 DE 41", "- 15 -", "15") and the running header, a case's
# line in capitals ("AMPARO EN REVISIÓN 12/2024"), each alone on its line.
_PAGE_FURNITURE = re.compile(
    r"\n[ \t]*(?:(?i:p[aá]gina|p[aá]g\.|hoja|foja)[ \t]*\d{1,4}(?:[ \t]*(?i:de|/)[ \t]*\d{1,4})?"
    r"|[-–—][ \t]*\d{1,4}[ \t]*[-–—]|\d{1,4}"
    r"|[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .]{3,80}[ \t]\d{1,6}/\d{4}"
    r"(?:[ \t]*(?:Y|E)[ \t][A-ZÁÉÍÓÚÑ ]{0,40}\d{1,6}/\d{4})*(?:-[A-Z0-9]{1,4})?\.?)[ \t]*(?=\n)"
)


# A page's gap inside a sentence: blank lines (the furniture between them taken out) and
# a word in lower case after them, or a court's own word in mixed case («…del Tercer⏎⏎
# Circuito»), where the sentence goes on over the page.
_GAP_INSIDE = re.compile(
    r"(?<=[^\W\d_,])[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=[a-záéíóúüñ]|(?:Circuito|Distrito|Regi[oó]n"
    r"|Sala|Tribunal|Colegiado|Justicia|Estado|Naci[oó]n|Federaci[oó]n|Materias?|Judicial)\b)"
)


def _furniture_out(passage: str, text: str = "") -> str:
    """``passage`` without a page's furniture (``_PAGE_FURNITURE``: its number, the
    running header; and the lines ``text`` repeats from page to page, ``_running_lines``),
    and a sentence the page broke run on over its gap («…la Primera Sala de la Suprema
    Corte de Justicia⏎⏎- 2 -⏎⏎AMPARO DIRECTO EN REVISIÓN 4410/2024⏎⏎de la Nación, en sesión
    de…»): a court's name read whole, never with the header inside."""
    if "\n" not in passage:
        return passage
    cleaned = _PAGE_FURNITURE.sub("", _without_running(passage.replace("\f", "\n\n"), text))
    return _GAP_INSIDE.sub(" ", cleaned) if cleaned != passage else passage


# A line a PDF's text repeats on each page (a letterhead, the court's name, the case):
# in capitals, two words at least, naming a court or a case.
_RUNNING_WORD = re.compile(
    r"\b(?:SALA|TRIBUNAL|CORTE|JUZGADO|PODER\s+JUDICIAL|CIRCUITO|DISTRITO|PLENO)\b|\d/\d"
)


@functools.lru_cache(maxsize=8)
def _running_lines(text: str) -> frozenset[str]:
    """The lines ``text`` repeats three times at least, alone, in capitals, naming a court
    or a case («PODER JUDICIAL DE LA FEDERACIÓN», «PRIMERA SALA»): its pages' running
    header, never the sentence's words. Remembered: each closing asks."""
    seen: dict[str, int] = {}
    for line in text.split("\n"):
        if 8 <= len(line) <= 120 and not any(c.islower() for c in line):
            written = " ".join(line.split())
            if " " in written and _RUNNING_WORD.search(written):
                seen[written] = seen.get(written, 0) + 1
    return frozenset(line for line, count in seen.items() if count >= 3)


def _without_running(passage: str, text: str) -> str:
    """``passage`` with each line ``text`` repeats as a running header blank."""
    running = _running_lines(text) if text else frozenset()
    if not running:
        return passage
    return "\n".join(
        "" if " ".join(line.split()) in running else line for line in passage.split("\n")
    )


def _closing_passage(text: str, start: int, length: int) -> str:
    """``length`` characters of a closing from ``start``, mended, without the page's
    furniture inside it (the characters it took made up from what follows), its
    sentence run on over the page's gap."""
    raw = text[start : start + length].replace("\f", "\n")  # (a page's break: a line's)
    if "\n" not in raw:
        return mended(raw)
    cleaned = _PAGE_FURNITURE.sub("", _without_running(raw, text))
    if len(cleaned) != len(raw):
        more = text[start : start + length + 2 * (len(raw) - len(cleaned))].replace("\f", "\n")
        cleaned = _PAGE_FURNITURE.sub("", _without_running(more, text))[:length]
    return mended(_GAP_INSIDE.sub(" ", cleaned))


def _court_day(text: str, head_end: int) -> tuple[str, int] | None:
    """A circuit court's "Resolución del <court>, correspondiente al día <date>" in the
    opening: its date and where its "correspondiente" starts (the court right before)."""
    notes = _footnotes(text)
    for match in _COURT_DAY.finditer(words_joined_in_place(text), 0, head_end):
        if match.start() in notes or _PAST_SESSION.search(match["date"].split(". ", 1)[0]):
            continue
        window = mended(text[max(0, match.start("tail") - 300) : match.start("tail")])
        date = _date_at_start(match["date"])
        if date and (_circuit_court_before(window) or opening_court(match[0])):
            return date, match.start("tail")
    return None


def _formulas(text: str) -> Iterator[re.Match[str]]:
    """``_FORMULA.finditer(text)``, found through its lowercase twin where it can be."""
    lowered = _lowered(text)
    if lowered is None:
        yield from _FORMULA.finditer(text)
        return
    for found in _FORMULA_LOW.finditer(lowered):
        match = _FORMULA.match(text, found.start())
        if match is not None:  # (always: the twin matches where the pattern does)
            yield match


# After a session's date, what makes it a past session the text mentions, not the one it
# is given in: a court's verb in the past ("…, este Tribunal Pleno resolvió el diverso…",
# a synopsis' "…, en sesión correspondiente al tres de junio de dos mil veinte, emitió un
# criterio": any preterite written with its accent, "-ó"; the own formula says "emite").
_PAST_SESSION = re.compile(
    r"\b(?:resolvi[oó]|resolvieron|fall[oó]|determin[oó]|sostuvo|decidi[oó]|desech[oó]"
    r"|aprob[oó]|declar[oó]|sobresey[oó]|conoci[oó]|analiz[oó]|[^\W\d_]{2,}ó)\b",
    re.I,
)
# A paragraph opening like a closing that tells of another decision: "Por unanimidad de
# diez votos, este Tribunal Pleno resolvió el diverso juicio…" (a closing's "lo resolvió"
# has no object of its own).
_OTHER_DECISION = re.compile(
    r"resolvi\w*\b[^.;\n]{0,160}?\b(?:(?:el|la|los|las)\s+divers[oa]s?|(?:el|la|los|las)\s+"
    r"(?:juicio|amparo|acci[oó]n|controversia|recurso|toca|expediente|contradicci[oó]n)\b)",
    re.I,
)


# The closing's verb, where its subject (the court) follows.
# (a judge's present "Así lo resuelve y firma…" as its past: only where it signs)
_CLOSING_VERB = re.compile(
    r"resolvi|(?<=lo\s)sentenci[oó]|(?<=lo\s)resuelven?(?=\s+y\s+firm)", re.I
)


def _short_closings(text: str) -> Iterator[re.Match[str]]:
    """A short sentence's closing paragraphs before its last fifth, within its last
    ``CLOSING_TAIL`` characters, last first: read for the court only where it is the
    verb's subject ("Así lo resolvió la Primera Sala…", never "Así se resolvió en la
    sentencia de la Segunda Sala…")."""
    share_from = int(len(text) * (1 - CLOSING_SHARE))
    tail_from = max(0, len(text) - CLOSING_TAIL)
    if tail_from >= share_from:
        return
    found = [m for m in _closing_matches(text, tail_from) if m.start() < share_from]
    yield from itertools.islice(reversed(found), CLOSINGS_READ)


def _subject_court(clause: str) -> str | None:
    """The SCJN's or TEPJF's court a closing's verb has for subject, nothing but the
    vote and an article between ("resolvió, por unanimidad de votos, la Primera Sala…")."""
    verb = _CLOSING_VERB.search(clause)
    if verb is None:
        return None
    for pattern in (_REGIONAL_PROSE, _PROSE_COURT, _SCJN_IN_PLENO):
        found = pattern.search(clause, verb.end())
        if found and _RESOLVED_BY.match(clause[verb.end() : found.start()]):
            return _court_in(clause[found.start() :])
    return None


def _short_own_closings(text: str) -> Iterator[re.Match[str]]:
    """``_short_closings`` but one telling of another decision."""
    return (m for m in _short_closings(text) if not _tells_of_another(m[1]))


@functools.lru_cache(maxsize=8)
def _closings(text: str) -> tuple[re.Match[str], ...]:
    """``Así lo resolvió…`` paragraphs in the closing part, last first, never one telling of
    another decision. Remembered for the last few texts: the date and court readers each
    scan the whole text for them."""
    closing_from = int(len(text) * (1 - CLOSING_SHARE))
    found = (
        m for m in reversed(_closing_matches(text, closing_from)) if not _tells_of_another(m[1])
    )
    return tuple(itertools.islice(found, CLOSINGS_READ))


def _closing_matches(text: str, start: int) -> list[re.Match[str]]:
    """Closings starting at ``start`` or after, in order: those opening a line and those
    after a sentence's end on one (``_MID_CLOSING``: where they sign or follow the order
    to notify), each with the paragraph as group 1."""
    found = [m for m in _CLOSING.finditer(text) if m.start() >= start]
    within = [m.span(1) for m in found]  # (a closing's own second sentence is no other)
    for mid in _MID_CLOSING.finditer(text, start):
        at = mid.start(1)
        line = text.rfind("\n", 0, at) + 1
        if not any(s <= at < e for s, e in within) and (
            _SIGNS.search(mid[1], 0, 200) or _NOTICE_BEFORE.search(text, max(line, at - 200), at)
        ):
            found.append(mid)
    return sorted(found, key=lambda m: m.start(1))


def _tells_of_another(paragraph: str) -> bool:
    """Whether a closing-like paragraph's verb, without the closing's "lo" or "se",
    takes another decision for object."""
    found = _CLOSING_VERB.search(paragraph)
    verb = found.start() if found else 0
    before = paragraph[max(0, verb - 4) : verb].lower()
    return not before.endswith(("lo ", "se ")) and bool(_OTHER_DECISION.match(paragraph, verb))


def read_resolution_date(text: str) -> tuple[str, int] | None:
    """The date the sentence was given and where it was read: the resolving court's
    formula, the closing ``Así lo resolvió…`` paragraph, or a place-and-date line at the
    top or in the closing part (never one in the background section)."""
    formula = _formula(text)
    if formula:
        return formula
    labelled = _caption_date(text)
    if labelled:
        return labelled
    closing_from = int(len(text) * (1 - CLOSING_SHARE))
    # (a short sentence's closing may start before its last fifth, its signatures and the
    # public version's notice after it: read where it follows the resolutive points)
    short = [m for m in _short_own_closings(text) if _after_points(text, m.start(1))]
    for match in (*_closings(text), *short):
        # its first line, run on where a PDF broke the sentence ("en sesión de⏎veinticinco…")
        start = match.start(1)
        paragraph = _closing_passage(text, start, len(match[1]) + 400).split("\n")[0]
        for found in _CLOSING_DATE.finditer(paragraph):
            if found["clause"] is not None and _OTHER_ACT.search(paragraph, 0, found.start()):
                continue  # «…, quien recibió la demanda presentada en la ciudad…, a…»
            date = _date_at_start(found["date"])
            if date:
                return date, match.start(1)
    head_end = _head_end(text)
    for match in _PLACE_DATE.finditer(text):
        at = match.start("date")
        if (at >= head_end and at < closing_from) or _NO_PLACE.search(text, match.start(), at):
            continue
        if match["lower"] and (at < closing_from or not _sentence_ended(text, match.start())):
            continue  # a sentence's lines run on ("…presentada en la⏎ciudad de México, a…")
        if at >= closing_from and _CERTIFIED.search(text, closing_from, match.start()):
            break  # the date a public version or a copy was certified, not the sentence's
        if match["session"] and not (
            _after_closing(text, at) or not _PROSE_LINE.search(text, 0, match.start())
        ):
            continue  # a session line after the opening's prose, before the closing: cited
        date = _date_at_start(_line_run_on(text, match)) or _date_at_start(_run_on(text, match))
        if date:
            return date, match.start()
    return None


# The resolutive points' heading ("se resuelve:", "R E S U E L V E:", "PUNTOS RESOLUTIVOS")
# and a first point after it: a closing after them is the sentence's own.
_POINTS_HEADING = re.compile(
    r"\b(?:se\s+resuelve|r\s?e\s?s\s?u\s?e\s?l\s?v\s?e|puntos\s+resolutivos)\b[\s:.,;]*"
    r"(?:PRIMERO|Primero|[ÚU]NICO|[ÚU]nico)\b",
    re.I,
)
CLOSING_AFTER_POINTS = 3000  # the points a short sentence gives before its closing


def _after_points(text: str, at: int) -> bool:
    """Whether the resolutive points' heading and first point come shortly before ``at``."""
    return bool(_POINTS_HEADING.search(text, max(0, at - CLOSING_AFTER_POINTS), at))


# A line that ends its sentence: what follows is no more of its date.
_LINE_ENDS = re.compile(r"[.;:]\s*$")


def _line_run_on(text: str, match: re.Match[str]) -> str:
    """A place-and-date line's date, with the rest of its sentence where a PDF broke it
    at the line's end ("…a veintiuno de junio de dos mil⏎veinticinco.", "…A TRE-⏎CE DE
    MAYO DE DOS MIL⏎VEINTICINCO."): read on its line alone, "dos mil" is the year 2000.
    A word split in capitals and a year cut at "mil" are joined whatever the case; else
    the lines run on as a sentence's do (``mended``)."""
    written = match["date"]
    end = match.end()
    for _ in range(2):  # (a day split and a year cut: two breaks at most)
        if _LINE_ENDS.search(written) or text[end : end + 1] != "\n":
            return written
        following = text[end + 1 : end + 121].split("\n", 1)[0]
        if not following.strip():
            return written  # a blank line: the paragraph is over
        if _CUT_WORD.search(written):
            written, end = written.rstrip()[:-1] + following.strip(), end + 1 + len(following)
        elif _YEAR_CUT.search(written):
            written, end = f"{written.rstrip()} {following.strip()}", end + 1 + len(following)
        else:
            break
    rest = text[end : end + 120]
    blank = re.search(r"\n[ \t]*\n", rest)
    return mended(written + rest[: blank.start() if blank else None]).split("\n", 1)[0]


# A word split at the line's end, in capitals too ("TRE-⏎CE"); a year in words cut at its
# thousands ("DE DOS MIL⏎VEINTICINCO"): the rest is on the next line.
_CUT_WORD = re.compile(r"(?<=[^\W\d_]{2})-[ \t]*$")
_YEAR_CUT = re.compile(r"\bmil[ \t]*$", re.I)


def _sentence_ended(text: str, at: int) -> bool:
    """Whether the text before ``at`` ends a sentence (spaces and blank lines after it)."""
    before = text[max(0, at - 400) : at].rstrip()
    return before.endswith((".", ":", ";")) or (not before and not text[:at].strip())


# A line of prose, no caption's: the heading is over where one has been.
_PROSE_LINE = re.compile(r"[^\n]{200}")


def _after_closing(text: str, at: int) -> bool:
    """Whether ``at`` comes after the start of the document's own closing paragraph."""
    return any(match.start(1) <= at for match in (*_closings(text), *_short_closings(text)))


# A caption's label for the date the sentence was given: "FECHA DE RESOLUCIÓN: 20 DE ENERO
# DE 2024", "FECHA DE LA SENTENCIA:", "FECHA DE SESIÓN:", "FECHA DEL FALLO:" (a bare
# "FECHA:" may be a filing's, a hearing's: not read).
_DATE_LABEL = re.compile(
    r"^fecha\s+(?:de\s+(?:la\s+)?|del\s+)(?:resoluci[oó]n|sentencia|sesi[oó]n|fallo|emisi[oó]n)"
    r"\s*:\s*(?P<value>.{6,60})$",
    re.I,
)


def _caption_date(text: str) -> tuple[str, int] | None:
    for line, at in _caption(text):
        label = _DATE_LABEL.match(line)
        if label:
            found = parse_date(label["value"])
            return (found.isoformat(), at) if found else None
    return None


# A certification after the sentence: of its public version or a copy ("CERTIFICA: Que la
# presente es versión pública…", "HAGO CONSTAR"), dated the day it was made.
_CERTIFIED = re.compile(
    r"\bcertific(?:a|o|ó)\b|\bhago\s+constar\b|\bversi[oó]n\s+p[uú]blica\b", re.I
)


# A day, as a date written in words or figures begins: "treinta de", "12 doce de".
_DAY_START = re.compile(
    r"(?:a\s+|al\s+|el\s+d[ií]a\s+)?(?:los\s+)?(?:\d{1,2}|primero|uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez"
    r"|once|doce|trece|catorce|quince|dieci\w+|veinti\w+|veinte|treinta)\b[^\n]{0,40}$",
    re.IGNORECASE,
)


def _run_on(text: str, match: re.Match[str]) -> str:
    """A place-and-date line's date run on into the next line ("Toluca, Estado de México,
    treinta de⏎noviembre de dos mil veintitrés"): the two joined when the first ends in
    a day and names no month; else nothing."""
    start = match["date"]
    if not _DAY_START.fullmatch(start.strip()) or re.search(
        rf"\b(?:{_MONTH})\b", fold_keyword(start)
    ):
        return ""
    rest = text[match.end() : match.end() + 200]
    following = rest[1:].split("\n", 1)[0].strip() if rest.startswith("\n") else ""
    return f"{start.strip()} {following}" if following else ""


@functools.lru_cache(maxsize=8)
def _caption(text: str) -> tuple[tuple[str, int], ...]:
    """The caption's lines (with their offsets): the top, before the index, the opening
    formula or the first long paragraph. Remembered for the last few texts: the case
    number and ponente readers both ask."""
    return tuple(_caption_lines(text))


def _caption_lines(text: str) -> list[tuple[str, int]]:
    lines: list[tuple[str, int]] = []
    at = 0
    label: tuple[str, int] | None = None  # a label whose value is in the next cell or line
    for raw in text.split("\n")[: CAPTION_LINES * 3]:
        start, at = at, at + len(raw) + 1
        # (a line without a tab or a bar is one cell: a long paragraph is not scanned)
        cells = _CELL_BREAK.split(raw) if "\t" in raw or "|" in raw else (raw,)
        parts = (part for whole in cells for part in _case_and_label(whole))
        for cell in (person for part in parts for person in _person_cells(part)):
            line = _label_read_again(" ".join(cell.split()))
            if not line or (label is None and _PAGE_MARK.fullmatch(line)):
                continue  # (a page's number a PDF's text leaves between a name's lines)
            if len(line) > 160 and (
                _CRITERIA_BETWEEN.match(line)
                or _PUBLIC_VERSION.match(line)
                or _LONG_LABEL.match(line)
            ):
                # a contradicción's courts, a public version's notice, a party's or an
                # authority's long name in capitals: the caption goes on
                continue
            if _CAPTION_END.match(line) or len(line) > 160 or len(lines) >= CAPTION_LINES:
                return lines
            if label is not None:
                line, start, label = f"{label[0]} {line}", label[1], None
            elif _LABEL_ALONE.match(line):
                label = (line if line.endswith(":") else f"{line}:", start)
                continue
            lines.append((line, start))
    return lines


# A page's number or footer a PDF's text puts among the caption's lines where the caption
# runs over a page ("PÁGINA 3 DE 40", "Página 3", "HOJA 3/40", "- 3 -"): no line of the
# caption (a name broken by it goes on after it). A bare figure may be a label's value on
# its line ("TOCA:⏎45"): kept.
_PAGE_MARK = re.compile(
    r"(?i:(?:p[aá]gina|p[aá]g\.|hoja|foja)\s*\d{1,4}(?:\s*(?:de|/)\s*\d{1,4})?)"
    r"|[-–—]\s*\d{1,4}\s*[-–—]"
)


# A scanned caption's label as OCR misreads it: a capital O read as a zero, an I as a one
# or a lowercase l ("P0NENTE:", "SECRETARlA:", "SECRETAR1O:"), the colon as a semicolon
# ("SECRETARIA; ANA RUIZ"). Only the words before the line's first colon (or semicolon)
# that are capitals but for those characters are read again, never a number ("TOCA
# 52/2025:" keeps its digits): no word of a label holds a digit.
_OCR_LABEL = re.compile(r"^[^:;]{3,60}[:;]")
_OCR_WORD = re.compile(r"(?<![\w/-])(?=[A-ZÁÉÍÓÚÑ01l]*[A-ZÁÉÍÓÚÑ]{2})[A-ZÁÉÍÓÚÑ01l]{4,}(?![\w/-])")
_OCR_LETTERS = str.maketrans("01l", "OII")
_PERSON_SEMICOLON = re.compile(
    r"^((?:(?:magistrad[oa]|ministr[oa]|jueza?)\s+)?(?:ponente|secretari[oa]"
    r"(?:\s+de\s+estudio\s+y\s+(?:cuenta|proyecto)|\s+proyectista|\s+de\s+tribunal)?))\s*;",
    re.I,
)


def _label_read_again(line: str) -> str:
    """A caption line with its label's OCR misreadings (see ``_OCR_LABEL``) mended."""
    label = _OCR_LABEL.match(line)
    if label is None or not any(c in label[0] for c in "01l;"):
        return line
    mended_label = _OCR_WORD.sub(lambda m: m[0].translate(_OCR_LETTERS), label[0])
    return _PERSON_SEMICOLON.sub(r"\1:", mended_label + line[label.end() :], count=1)


# A caption's ponente and secretario in two cells a PDF's text gives as one line
# ("MAGISTRADO PONENTE: JUAN PÉREZ LÓPEZ. SECRETARIA: LAURA GÓMEZ DÍAZ."), or a label
# written without its colon ("MINISTRO PONENTE JUAN PÉREZ LÓPEZ", "SECRETARIO CARLOS
# LÓPEZ SÁNCHEZ", "PONENTE.- …", "SECRETARIA" alone on its line, the name on the next).
# The caption's labels for people are a closed vocabulary (the ponente, the secretario,
# the engrose, who collaborated, compared, drafted or revised): a line that opens with one
# is split before each next one, each cell given its colon, so a name ends where the next
# label starts. Only a line that opens with such a label is split (prose naming a
# "ponente" is no caption cell); without a colon the label must be followed by a capital
# (a name, a title) and not by the words of another office ("SECRETARIO DE ACUERDOS",
# "SECRETARIA AUXILIAR", "SECRETARIO EN FUNCIONES DE…": the name readers leave those).
_PERSON_LABEL = (
    r"(?:(?:magistrad[oa]|ministr[oa]|jueza?)\s+)?(?:ponente|secretari(?:ado|[oa]"
    r"(?:\s+de\s+estudio\s+y\s+(?:cuenta|proyecto)|\s+proyectista|\s+de\s+tribunal)?))"
    r"|(?:(?:ministr[oa]|magistrad[oa])\s+)?(?:encargad[oa]\s+del\s+)?engrose"
    # (the verbs with their accent, or their colon: "COTEJO" may be a surname)
    r"|colabor(?:ó|aron)|cotejó|elaboró|revisó|(?:colaboro|cotejo|elaboro|reviso)(?=\s*:)"
)
# what follows a label: its colon (a semicolon, ".-", a dash), or a capital after a space,
# or the line's end
_AFTER_LABEL = (
    r"(?:\s*(?:[:;]|\.\s*[-–—]+|[-–—]+|\.(?=\s))[ \t]*"
    r"|[ \t]+(?=[A-ZÁÉÍÓÚÑ])(?!(?i:de|del|general|auxiliar|adscrit[oa]|en|y|e)\b)"
    r"|[ \t]*$)"
)
_PERSON_CELL_START = re.compile(rf"^\s*(?i:({_PERSON_LABEL})){_AFTER_LABEL}")
_NEXT_PERSON_LABEL = re.compile(
    rf"(?<=[^\W\d_])\.?\s+(?i:({_PERSON_LABEL}))(?![\w])(?:{_AFTER_LABEL})"
)


# An engrose's cover marks the ponente's approval above the caption's people ("VISTO
# BUENO⏎SR. MINISTRO⏎PONENTE: …", "VO. BO."); a PDF's text may give the marks and the
# label on one line ("VISTO BUENO SR. MINISTRO PONENTE: …"), or the mark after the name.
_APPROVAL = re.compile(
    r"\s*(?:visto\s+bueno|vo\.\s*bo\.)(?:\s+(?:sr|sra|sr/a)\.\s*(?:ministr|magistrad)"
    r"(?:[oa]|[oa]/[oa])\b)?[ \t]*",
    re.I,
)
_MARK_LABEL = re.compile(r"(?i:colabor(?:ó|o|aron)|cotej[óo]|elabor[óo]|revis[óo])")
_APPROVAL_AFTER = re.compile(r"[ \t]+(?i:visto\s+bueno|vo\.\s*bo\.)[ \t]*$")


def _person_cells(cell: str) -> tuple[str, ...]:
    """A cell that opens with a person's label as its cells, one a label, each as
    "LABEL: value" (see ``_PERSON_LABEL``); else whole. A person's cell has the letters a
    wrong encoding broke put back ("COTEJÃ“ SECRETARIA: …": ``_letters_repaired``)."""
    repaired = _letters_repaired(cell)
    if repaired != cell and (_APPROVAL.match(repaired) or _PERSON_CELL_START.match(repaired)):
        cell = repaired
    approval = _APPROVAL.match(cell)
    if approval and _PERSON_CELL_START.match(cell[approval.end() :]):
        cell = cell[approval.end() :]  # "VISTO BUENO SR. MINISTRO PONENTE: …" on one line
    opening = _PERSON_CELL_START.match(cell)
    if opening is None:
        return (cell,)
    cell = _APPROVAL_AFTER.sub("", cell)  # "…LAYNEZ POTISEK VO. BO.": no part of the name
    # each next label whole, found left to right: «MINISTRO PONENTE» holds «PONENTE»,
    # which must not part «MINISTRO» from it
    cells: list[str] = []
    label, start = opening[1], opening.end()
    for after in _NEXT_PERSON_LABEL.finditer(cell, opening.end()):
        cells += _mark_cells(label, cell[start : after.start()].strip())
        label, start = after[1], after.end()
    cells += _mark_cells(label, cell[start:].strip())
    return tuple(cells)


def _mark_cells(label: str, value: str) -> list[str]:
    """A label's cell; a mark's label right before a person's ("COTEJÓ SECRETARIA: ANA
    RUIZ", "COTEJÓ: SECRETARIO DE ESTUDIO Y CUENTA: …") the mark's cell empty and the
    person's read as its own."""
    if _MARK_LABEL.fullmatch(label) and _PERSON_CELL_START.match(value):
        return [f"{label}:", *_person_cells(value)]
    return [f"{label}: {value}".strip()]


# A contradicción's caption names the courts whose criteria differ, in one long line of
# capitals ("ENTRE LAS SUSTENTADAS POR EL PRIMER TRIBUNAL COLEGIADO … Y EL …"): no
# paragraph, the ponente's label follows it.
_CRITERIA_BETWEEN = re.compile(
    r"ENTRE\s+(?:LAS|LOS)\s+(?:TESIS\s+|CRITERIOS\s+)?SUSTENTAD[OA]S\b[^a-z]*$"
)


# A caption's label in capitals and its value, longer than a line ("AUTORIDAD RESPONSABLE:
# SALA REGIONAL DEL TRIBUNAL ELECTORAL…, CON SEDE EN TOLUCA, ESTADO DE MÉXICO"): no
# paragraph (one has words in lower case).
_LONG_LABEL = re.compile(r"^[A-ZÁÉÍÓÚÑ ]{3,40}:[^a-záéíóúñ]{120,600}$")


# A public version's notice above its caption ("En términos de lo previsto en los
# artículos 113 y 116 de la Ley General de Transparencia…, en esta versión pública se
# suprime la información…"): no paragraph of the sentence.
_PUBLIC_VERSION = re.compile(
    r"^En\s+t[eé]rminos\s+de\s+lo\s+(?:previsto|dispuesto|establecido)\b.{0,400}?"
    r"\b(?:transparencia|versi[oó]n\s+p[uú]blica)\b",
    re.I,
)


# A caption laid out as a table: its cells apart by tabs or rules ("|"), a label in one
# cell ("EXPEDIENTE:", "| TOCA |") and its value in the next, or on the next line.
_CELL_BREAK = re.compile(r"\t+|\|")
_LABEL_ALONE = re.compile(
    r"^(?:n[uú]mero\s+de\s+)?(?:expedientes?|exp\.|tocas?(?:\s+(?:penal|civil|familiar))?"
    r"|causa\s+penal|carpeta\s+(?:judicial|administrativa)|juicio|v[ií]a|materia)"
    r"\s*(?:n[uú]m(?:ero)?\.?|no\.?)?\s*:?$",
    re.IGNORECASE,
)


def _keys(cases: list[CaseNumber]) -> set[tuple[int, str, int | None, str | None]]:
    """Which cases these are: number, year, appeal (toca 1150/2019/1 is not /2) and a TFJA
    number's sala and Sala Superior number (1234/23-17-01-5 is not 1234/2023, nor is it
    1234/23-17-01-5/890/24-S1-02-04)."""
    return {
        (int(case.number), case.year, _appeal(case), case.sala and case.digits) for case in cases
    }


def _appeal(case: CaseNumber) -> int | None:
    return int(case.appeal) if case.appeal else None


def _confirms(statement: list[CaseNumber], caption: list[CaseNumber]) -> bool:
    """Whether what the sentence says it resolves confirms a caption line's cases: the
    same numbers, an appeal written in both alike ("resolver el toca 1150/2019" names
    no appeal, and confirms the caption's "TOCA: 1150/2019/1")."""
    said = _keys(statement)
    bare = {(number, year, sala) for number, year, appeal, sala in said if appeal is None}
    return all(key in said or (key[0], key[1], key[3]) in bare for key in _keys(caption))


def _shares(statement: list[CaseNumber], caption: list[CaseNumber]) -> bool:
    return any(_confirms(statement, [case]) for case in caption)


def _typed(cases: list[CaseNumber]) -> list[CaseNumber]:
    return [case for case in cases if case.type_code]


_LABEL_COLON = re.compile(r"\s*:\s*(?=[^:]*\d)")


def _caption_cases(text: str) -> list[tuple[str, list[CaseNumber], int]]:
    """Caption lines naming the document's own case: a typed number (``AMPARO DIRECTO EN
    REVISIÓN 1309/2023``) or a label (``EXPEDIENTE: 845/2019``, ``TOCA: 12/2023``); a
    line ``Y SU ACUMULADA 208/2023`` continues the one before (its number may be on the
    line after it)."""
    found: list[tuple[str, list[CaseNumber], int]] = []
    lines = _unwrapped(_caption(text))
    skip = False
    last_case_line = -2  # the line the last case was read on
    tfja: tuple[str, list[CaseNumber], int] | None = None
    kind_line: tuple[str, list[CaseNumber], int] | None = None
    jdc_line: tuple[str, list[CaseNumber], int] | None = None
    for i, (written_line, at) in enumerate(lines):
        if skip:
            skip = False
            continue
        line = _RELATED_TAIL.sub("", _without_asides(written_line)).strip()
        label = _CASE_LABEL.match(line)
        if ":" in line and not label:
            head = line.split(":", 1)[0]
            # (the value read with its label where only the label says what the number is:
            # "RECURSO DE APELACIÓN: R.A.289/2024-S3", a section's number)
            if _NOT_OWN_LABEL.search(head) or not (
                parse_expediente(line.split(":", 1)[1]) or _typed(parse_expediente(line))
            ):
                continue
        if label:
            value = _case_alone(label[2]).strip(" .;")
            cases = parse_expediente(value)
            labelled = case_type_code(label[1])
            if labelled not in (None, "EXP") and any(
                case.type_code not in (None, labelled) for case in cases
            ):
                continue  # "TOCA: R.C. 7/2024": a code of another kind; unsure which case
            short = not cases and _SHORT_YEAR_ALONE.match(value)
            if short:
                # a label's two-digit year ("TOCA: 123/24"): read after its type, as the
                # 1990s' "AMPARO EN REVISIÓN 1876/97" (a bare "12/97" may be a date), and
                # written with it
                cases = _typed(parse_expediente(f"{label[1]} {value}"))
            if not cases:
                continue
            plain = fold_keyword(label[1]).rstrip(".") in ("expediente", "expedientes", "exp")
            written = (
                value if not short and (plain or _typed(cases)) else f"{label[1].title()} {value}"
            )
            found.append((written, cases, at))
            continue
        folded = _fold_caption(line)
        runs_on = found and last_case_line == i - 1 and _CONTINUATION.match(folded)
        if runs_on:
            previous_line = _fold_caption(found[-1][0])
            runs_on = bool(_RUNS_INTO_NEXT.search(previous_line)) or (
                "acumulad" in previous_line and folded[:2] in ("y ", "e ")
            )
        if found and (_JOINED.match(fold_keyword(line)) or runs_on):
            following = lines[i + 1][0].strip() if i + 1 < len(lines) else ""
            if not any(c.isdigit() for c in line) and _NUMBERS_ALONE.match(following):
                line, skip = f"{line} {following}", True  # "Y SU ACUMULADO⏎7152/2019"
            previous, _cases, start = found.pop()
            joined = f"{previous} {line.strip(' .')}"
            found.append((joined, _typed(parse_expediente(joined)), start))
            last_case_line = i + 1 if skip else i
            continue
        jdc = _jdc_number(line)
        if jdc is not None:
            found.append((jdc[0], jdc[1], at))
            last_case_line = i
            continue
        if jdc_line is None:
            jdc_line = _jdc_local_number(line, at)
        cases = _typed(parse_expediente(line))
        if cases and opens_with_case(line):
            # "JUICIO DE AMPARO: 345/2024": the label's colon is not the case's
            found.append((_case_alone(_LABEL_COLON.sub(" ", line, count=1)).strip(" ."), cases, at))
            last_case_line = i
        elif tfja is None and (juicio := _TFJA_JUICIO_LABEL.match(line)):
            numbers = parse_expediente(juicio[1])
            if numbers and all(case.sala for case in numbers):
                tfja = (juicio[1].strip(" ."), numbers, at)
        if kind_line is None and (kind := _JUICIO_KIND_LINE.match(line)):
            numbers = parse_expediente(kind["number"])
            if len(numbers) == 1 and not numbers[0].type_code and not numbers[0].sala:
                kind_line = (f"{' '.join(kind['kind'].split())} {kind['number']}", numbers, at)
    # the TFJA's "JUICIO CONTENCIOSO ADMINISTRATIVO NÚM.: 1234/23-17-01-5" where no other
    # line names the case (an amparo's caption may name the juicio it comes from so); a
    # state court's "JUICIO ORDINARIO CIVIL: 345/2023" so too, never in a toca's caption
    # (its juicio is the first instance's)
    if not found and not tfja and jdc_line:
        return [jdc_line]
    if (
        not found
        and not tfja
        and kind_line
        and not any(_TOCA_WORD.search(line) for line, _at in lines)
    ):
        return [kind_line]
    return found or ([tfja] if tfja else [])


# A caption line that names its court after its case, past a stop or a dash ("TOCA 52/2025.
# SÉPTIMA SALA ESPECIALIZADA EN MATERIA CIVIL.", "Toca 550/2016 — DÉCIMA SALA…", as a state
# high court's captions and its API's titles run them together): the case is the line up
# to there; the rest, with no number in it, is no part of the case's number.
_AFTER_CASE = re.compile(r"(?<=\d)(?:-[A-Z]{1,4}\b)?(?P<cut>\.\s+|\s+[—–-]\s*|[—–]\s*)(?=\S)")


def _case_alone(value: str) -> str:
    """``value`` up to its last case number, where what follows a stop or a dash after it
    holds no number (a court's name); else whole."""
    for found in _AFTER_CASE.finditer(value):
        rest = value[found.end() :]
        if "." not in found["cut"] and _SUFFIX_AFTER_DASH.match(rest):
            continue  # "TOCA 1150/2019 - II": a suffix, part of the number
        if not any(char.isdigit() for char in rest):
            return value[: found.start("cut")]
    return value


_SUFFIX_AFTER_DASH = re.compile(r"[A-Za-z]{1,4}\b(?!\s+\w)")


# A caption laid out in two columns, its case in the left cell and a label in the right
# ("QUEJOSA:", "PONENTE:"), which a PDF's text gives as one line ("AMPARO EN REVISIÓN
# 123/2023 QUEJOSA: **********"): the label after the case's number starts the other cell.
_NEXT_CELL_LABEL = re.compile(
    r"(?<=\d)(?P<suffix>-[A-Z]{1,4})?\.?\s+(?:[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.]*\s+){0,2}"
    r"[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.]*\s*(?:\([^)]{0,40}\)\s*)?:"
)


def _case_and_label(cell: str) -> tuple[str, ...]:
    """A caption cell holding its case alone (a type and a number) and running on into the
    next cell's label, as the two cells; any other cell whole (a line that says more
    before the label, as a published precedent's header does, is no two cells)."""
    if ":" not in cell:
        return (cell,)
    found = _NEXT_CELL_LABEL.search(cell)
    if found is None:
        return (cell,)
    case = _fold_caption(cell[: found.start()])
    whole = _TYPE_THEN_NUMBER.match(case)
    if whole is None or whole.end() != len(case):
        return (cell,)
    end = found.end("suffix") if found["suffix"] else found.start()
    return cell[:end], cell[end:].lstrip(" .")


# A TFJA juicio's label: its number (with the sala's digits) is the sentence's own; so is
# the juicio en línea's ("JUICIO EN LÍNEA: 12345/23-17-04-8") and, at the Sala Superior, the
# recurso's that keeps the juicio's number with its own after it ("RECURSO DE APELACIÓN:
# 12345/23-17-04-8/1234/24-S2-09-04", its "R.A." before it or not: "R.A. 25/24-S3-01-01");
# read only where no other caption line names a case.
# A state court's juicio named by its kind on the caption's line with its number, as a
# juzgado or a state administrative court numbers it ("JUICIO ORDINARIO CIVIL: 345/2023",
# "JUICIO ORAL MERCANTIL 77/2023", "JUICIO ADMINISTRATIVO: 345/2023"): the number is
# the juicio's, untyped ("345/2023"); the kind is the line's words.
# A local electoral court's caption naming the juicio de la ciudadanía, by its long name
# or a short one, alone or with its number on the line ("JUICIO PARA LA PROTECCIÓN DE LOS
# DERECHOS POLÍTICO-ELECTORALES DEL CIUDADANO: TEEM-JDC-045/2024", "JUICIO DE LA
# CIUDADANÍA: JDC-12/2023"): the name is too long for a kind's line, and no case type.
_JDC_LINE = re.compile(
    r"^[ \t]*(?:(?P<long>JUICIO\s+PARA\s+LA\s+PROTECCI[OÓ]N\s+DE\s+LOS\s+DERECHOS\s+"
    r"POL[IÍ]TICO\s*-?\s*ELECTORALES\s+(?:DEL\s+CIUDADANO|DE\s+LA\s+CIUDADAN[IÍ]A))"
    r"|JUICIO\s+DE\s+LA\s+CIUDADAN[IÍ]A|JDC)\b[ \t]*[:.]?[ \t]*(?P<number>[^\n]*?)[ \t.]*$"
)
_JDC_CODES = frozenset(("JDC", "JLDC", "JDCL"))
# Local electoral courts' codes that name one means of challenge wherever they are used.
LOCAL_MEANS = {
    **dict.fromkeys(_JDC_CODES, ELECTORAL_TYPES["JDC"].lower()),
    "JE": "juicio electoral",
    "JEL": "juicio electoral",
    "RAP": "recurso de apelación",
    "PES": "procedimiento especial sancionador",
}


def _jdc_number(line: str) -> tuple[str, list[CaseNumber]] | None:
    """The juicio de la ciudadanía's number a ``_JDC_LINE`` gives, if one of that kind."""
    found = _JDC_LINE.match(line)
    if found is None or not found["number"]:
        return None
    cases = parse_expediente(found["number"])
    if len(cases) != 1 or cases[0].type_code not in _JDC_CODES:
        return None
    return found["number"], cases


def _jdc_local_number(line: str, at: int) -> tuple[str, list[CaseNumber], int] | None:
    """A ``_JDC_LINE`` with a bare number of its own ("JUICIO DE LA CIUDADANÍA: 12/2023",
    as a local electoral court numbers its juicios): the name and the number, written
    together (the number alone says of which series it is none); read only where no other
    caption line names a case (a chamber's "SX-JDC-12/2023" below it is the one)."""
    found = _JDC_LINE.match(line)
    if found is None or not found["number"] or found[0].lstrip().startswith("JDC"):
        return None
    number = found["number"].strip(" .:")
    cases = parse_expediente(number)
    if (
        len(cases) != 1
        or cases[0].type_code
        or cases[0].electoral
        or cases[0].sala
        or not _BARE_NUMBER.fullmatch(number)
    ):
        return None
    name = " ".join(line[: found.start("number")].strip(" \t:.").split())
    return f"{name} {number}", cases, at


# a number alone, as a local court gives it after the juicio's name ("12/2023", "045/2024")
_BARE_NUMBER = re.compile(r"\d{1,6}\s*/\s*\d{4}")


def _jdc_proceeding(head: str) -> str | None:
    """The juicio de la ciudadanía a caption line names (``_JDC_LINE``), as a chamber's
    number names it; its short name as it is written elsewhere."""
    lines = [line for line, _at in _unwrapped(_caption(head))]
    # (the long name broken over two lines: "…POLÍTICO-⏎ELECTORALES DEL CIUDADANO")
    for line in (*lines, *(" ".join(pair) for pair in itertools.pairwise(lines))):
        found = _JDC_LINE.match(line)
        if found is None or not (found["long"] or _jdc_number(line) or _jdc_local_number(line, 0)):
            continue
        if found["long"] or found[0].lstrip().startswith("JDC"):
            return ELECTORAL_TYPES["JDC"].lower()
        return "juicio de la ciudadanía"
    return None


_JUICIO_KIND_LINE = re.compile(
    r"^(?P<kind>juicio(?:\s+(?:ordinario|oral|ejecutivo|especial|sumario|sucesorio"
    r"|testamentario|intestamentario|contencioso|administrativo|de\s+nulidad|laboral"
    r"|agrario|hipotecario|familiar|civil|mercantil|de\s+divorcio|de\s+alimentos)){1,4})"
    r"\s*(?:n[uú]m(?:ero)?\.?|no\.?)?\s*[:.]?\s*(?P<number>\d{1,6}/\d{4})\.?$",
    re.IGNORECASE,
)
_TFJA_JUICIO_LABEL = re.compile(
    r"^(?:juicio(?:\s+contencioso\s+administrativo(?:\s+federal)?|\s+de\s+nulidad"
    r"|\s+en\s+l[ií]nea)?|recurso\s+de\s+(?:apelaci[oó]n|reclamaci[oó]n))"
    r"\s*(?:n[uú]m(?:ero)?\.?|no\.?)?\s*[:.]?\s*(?:R\.\s?A\.\s*)?(\d.{3,60})$",
    re.IGNORECASE,
)


# A line naming the accumulated cases of the one before ("Y SU ACUMULADA 208/2023"), and
# a line of bare numbers that completes it when the caption broke it ("Y SU ACUMULADO⏎
# 7152/2019"): never read alone, since an untyped number is no caption case.
_JOINED = re.compile(r"^(?:y|e)\s+sus?\s+acumulad")
# the same broken elsewhere: a case line ending in "Y SU", "Y SUS ACUMULADAS", "Y" or a
# comma, the next line going on with the rest ("ACUMULADA 91/2023", "28/2014 Y 30/2014."),
# or the last of the accumulated after a line naming the others ("Y 30/2014.")
_RUNS_INTO_NEXT = re.compile(r"(?:\b(?:y|e)(?:\s+sus?)?|,|\bacumulad[oa]s?)$")
_CONTINUATION = re.compile(
    r"^(?:(?:y|e)\s+)?(?:sus?\s+)?(?:acumulad[oa]s?\s+)?\d{1,6}/\d{4}"
    r"(?:\s*(?:,|\by\b|\be\b)\s*\d{1,6}/\d{4})*\.?$"
)
_NUMBERS_ALONE = re.compile(r"^\d{1,6}/\d{4}(?:\s*(?:,|\by\b|\be\b)\s*\d{1,6}/\d{4})*\.?$", re.I)


# A case's type whose number (or the type's last words and the number) went on to the
# next line: "AMPARO DIRECTO EN REVISIÓN⏎7151/2019", "AMPARO DIRECTO EN⏎REVISIÓN 7151/2019".
# Joined only when the type runs straight into its number ("número", "No." between).
_TYPE_ALONE = re.compile(rf"^(?:{CAPTION_TYPE_WORDS})$")
_TYPE_THEN_NUMBER = re.compile(
    rf"^(?:{CAPTION_TYPE_WORDS})\s*(?:(?:numero|num\.|no\.)\s*)?:?\s*\d{{1,6}}\s*/\s*\d{{4}}(?![\d])"
)


def _unwrapped(lines: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """The caption's lines with a case type broken off its number joined to the next."""
    out: list[tuple[str, int]] = []
    joined_next = False
    for i, (line, at) in enumerate(lines):
        if joined_next:
            joined_next = False
            continue
        following = lines[i + 1][0] if i + 1 < len(lines) else ""
        if following and not any(c.isdigit() for c in line):
            start = _fold_caption(line.rstrip(" :"))
            if derived_kind(f"{line.strip()} {following.strip()}") is not None:
                # "RECURSO DE QUEJA EN LA⏎CONTROVERSIA CONSTITUCIONAL 3/2024", "RECURSO DE
                # QUEJA⏎EN LA CONTROVERSIA…": one line (the second alone is no case of
                # this document's)
                out.append((f"{line.strip()} {following.strip()}", at))
                joined_next = True
                continue
            tail = _fold_caption(re.split(r"\d", following, maxsplit=1)[0].rstrip(" :"))
            joined = f"{line.rstrip(' :')} {following}"
            typed = _TYPE_ALONE.match(start) or _TYPE_ALONE.match(f"{start} {tail}")
            if typed and _TYPE_THEN_NUMBER.match(_fold_caption(joined)):
                out.append((joined, at))
                joined_next = True
                continue
        out.append((line, at))
    return out


def _fold_caption(line: str) -> str:
    return " ".join(fold_keyword(line).split())


def _statements_at(text: str, opening: tuple[int, int]) -> Iterator[re.Match[str]]:
    """``_STATEMENT``'s matches that start in the head or in the ``opening`` window, in
    the text's order: looked for there only (a long text's body, or a hostile one
    repeating "se resuelve el…", is not walked), each up to ``STATEMENT_CHARS`` long."""
    head_end = min(len(text), HEAD_CHARS + STATEMENT_CHARS)
    yield from _statements_from(text, 0, HEAD_CHARS, head_end)
    if opening[1] > HEAD_CHARS:
        end = min(len(text), opening[1] + STATEMENT_CHARS)
        yield from _statements_from(text, max(opening[0], HEAD_CHARS), opening[1], end)


def _statements_from(text: str, start: int, limit: int, end: int) -> Iterator[re.Match[str]]:
    """``_STATEMENT.finditer(text, start, end)``'s matches that start before ``limit``,
    the pattern tried only where one of its verbs starts: tried at every position, each
    "para resolver" with no number after it cost a millisecond, so a head full of them
    took seconds and a megabyte minutes."""
    taken_until = start
    for verb in _STATEMENT_VERB.finditer(text, start, min(end, limit + 6)):
        if verb.start() >= limit:
            break
        if verb.start() < taken_until:
            continue  # inside the last match, as ``finditer`` goes on from its end
        match = _STATEMENT.match(text, verb.start(), end)
        if match is not None:
            taken_until = match.end()
            yield match


def _statement(text: str) -> tuple[str, list[CaseNumber], int] | None:
    """What the sentence says it resolves, at its opening (the top, or just after the
    resolving court's formula): ``Mediante la cual se resuelve el amparo directo en
    revisión 1309/2023``, ``V I S T O S para resolver el toca 12/2023``."""
    if not _may_hold(_lowered(text), "resolver", "resuelve", "dicta"):
        return None
    notes = _footnotes(text)
    formula = _formula(text)
    opening = (formula[1], formula[1] + STATEMENT_AFTER_FORMULA) if formula else (0, 0)
    for match in _statements_at(text, opening):
        kind = fold_keyword(match["kind"])
        if match.start() >= HEAD_CHARS and not opening[0] <= match.start() < opening[1]:
            continue
        if match.start() in notes or "diverso" in kind or len(kind.split()) > 14:
            continue
        if _LINKED.search(kind):
            continue  # "el recurso de apelación deducido del juicio … 123/2023": the origin's
        plain = kind.split()[-1:] in (["expediente"], ["expedientes"])
        kind_written = "" if plain else f"{match['kind']} {match['code'] or ''}"
        written = " ".join(f"{kind_written} {match['numbers']}".split())
        cases = parse_expediente(written)
        # a one-letter series is a toca's ("el toca civil número T-45/2024"): of any
        # other kind or of none, unsure what the letter is (no case)
        one_letter = cases and _ONE_LETTER_NUMBER.search(written)
        if one_letter and any(case.type_code != "TOCA" for case in cases):
            continue
        if cases:
            return written, cases, match.start()
    return None


_ONE_LETTER_NUMBER = re.compile(r"(?<![\w/-])[A-Z]-\d{1,6}\s*[/-]\s*\d{4}")


def read_expediente(text: str) -> tuple[str, int] | None:
    """The document's own case number(s) as written, from its caption, its labels or
    what it says it resolves; a number only cited in the body is never taken. Where the
    caption and the statement disagree, the caption lines the statement confirms win."""
    caption = _without_origin_files(_caption_cases(text))
    statement = _statement(text)
    if caption and statement:
        kept = [entry for entry in caption if _confirms(statement[1], entry[1])]
        if kept:
            caption = kept
        elif not any(_shares(statement[1], entry[1]) for entry in caption):
            return None  # the caption and the text disagree: unsure
    if caption:
        lines: dict[frozenset[tuple[int, str, int | None, str | None]], str] = {}
        for written, cases, _at in caption:
            key = frozenset(_keys(cases))
            if key not in lines or _fuller(cases, lines[key]):
                lines[key] = written  # one line per case, the one naming its kind whole
        return ", ".join(lines.values()), caption[0][2]
    if statement:
        return statement[0], statement[2]
    return None


def _without_origin_files(
    caption: list[tuple[str, list[CaseNumber], int]],
) -> list[tuple[str, list[CaseNumber], int]]:
    """A toca's caption without the first instance's file it also names ("Toca en
    definitiva número 291/2014. Expediente judicial número 1458/1996."): an appeal's own
    number is its toca; the expediente is the juzgado's case it comes from."""
    if not any(case.type_code == "TOCA" for _written, cases, _at in caption for case in cases):
        return caption
    return [
        entry for entry in caption if not all(case.type_code in (None, "EXP") for case in entry[1])
    ]


# A kind of case and the plainer name a caption may also write it by: "JUICIO DE
# INCONFORMIDAD 29/2025" over "JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL 29/2025" is one
# case, the SCJN's, whose key is the whole name's.
_PLAINER_NAMES = {"JI": "JIE"}


def _fuller(cases: list[CaseNumber], kept: str) -> bool:
    """Whether ``cases`` name their kind whole where the line ``kept`` gave the plainer name."""
    before = {case.type_code for case in parse_expediente(kept)}
    return any(_PLAINER_NAMES.get(code or "") in {c.type_code for c in cases} for code in before)


# The caption's ponente: "PONENTE: MINISTRA LORETTA ORTIZ AHLF", "MINISTRO PONENTE: JORGE
# MARIO PARDO REBOLLEDO", "MAGISTRADA PONENTE:" (or a table's "PONENTE" cell) with the
# name on the next line, a name broken over two lines.
_PONENTE_LABEL = re.compile(
    r"^(?:(?:ministr[oa]|magistrad[oa]|jueza?)\s+)?ponente\s*(?::\s*(?P<value>.*)|$)", re.I
)
# Without a ponente label, the magistrate who drafts the project under another name: the
# TFJA's and a state administrative court's "MAGISTRADA INSTRUCTORA:" (the instructor
# formulates the sentence's project), a state sala's "MAGISTRADO RELATOR:". Not where
# the caption names an engrose: another magistrate then wrote the sentence. A TEPJF
# regional sala's or a state court's caption that names one magistrate or judge by the
# bare office ("MAGISTRADA: ANA RUIZ SOTO", "JUEZ: …") names its ponente the same way: the
# caption lists no one else who judges; "MAGISTRADOS: A, B y C" (the sala) is nobody's.
_DRAFTER_LABEL = re.compile(
    r"^(?:magistrad[oa]\s+(?:instructor|relator)a?|(?:magistrad[oa]|jueza?)(?=\s*:))"
    r"\s*(?::\s*(?P<value>.*)|$)",
    re.I,
)
_ENGROSE = re.compile(r"\bengros", re.I)
_BARE_OFFICE_LABEL = re.compile(r"^(?:magistrad[oa]|jueza?)\s*:", re.I)
_TITLES = re.compile(
    r"^(?:(?:sr|sra|lic|licda|dr|dra|mtro|mtra|min|mgdo|mgda|magdo|magda)\.\s*"
    r"|(?:el|la|se[ñn]ora?|ministr[oa]|magistrad[oa]|jueza?|licenciad[oa]|doctora?"
    r"|maestr[oa])(?:\s+|$))+",
    re.I,
)
# Words of the caption's other lines (roles, stamps, parties), never of a ponente's name;
# nor a public version's mask ("ELIMINADO", "TESTADO", "XXXXXXX").
_NOT_NAME_WORDS = re.compile(
    r"\b(?:secretari|colabor|cotej|elabor|revis|visto|engrose|encargad|auxiliar|proyect"
    r"|eliminad|testad|suprimid|omitid|confidencial|x{3,}\b"
    r"|quejos|recurrent|actor|actora|demandad|promovent|tercer|interesad|autoridad"
    r"|responsable|sentencia|acuerdo|ponen|ministr|magistrad|president|colegiad|sr\.|sra\."
    r"|vo\.\s*bo\b|(?:sala|tribunal|juzgado|pleno|jueza?)\b)",  # a surname "Salas" is one
    re.I,
)
# The office a ponente holds, written before the name: "LA MAGISTRADA PRESIDENTA ANA
# RUIZ", "SECRETARIO EN FUNCIONES DE MAGISTRADO JUAN PÉREZ LÓPEZ" (a secretary acting as
# the judge is the ponente): taken off, the person's name is what is left.
_OFFICE_BEFORE_NAME = re.compile(
    r"^(?:(?:el|la)\s+)?(?:(?:ministr|magistrad)[oa]\s+)?"
    r"(?:president[ae]"
    r"|secretari[oa](?:\s+de\s+(?:estudio\s+y\s+cuenta|acuerdos|tribunal))?"
    r"\s+en\s+funciones\s+de\s+(?:magistrad[oa]|ministr[oa]|jueza?))(?:\s+|$)",
    re.I,
)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'.-]*$")
NAME_WORDS = 4  # a name this long (given names and both surnames) is taken as whole


def _name_words(value: str) -> list[str] | None:
    """The words of a person's name as a caption writes it (titles off), or None if the
    value is no name: a masked one, a role, a stamp, a number."""
    bare = _TITLES.sub("", value.strip(" .,;")).strip(" .,;")
    words = bare.split()
    if not words or len(words) > 8 or _NOT_NAME_WORDS.search(bare):
        return None
    if not all(_NAME_WORD.match(word) for word in words):
        return None
    return words


# The caption's engrose: "ENCARGADO DEL ENGROSE: MINISTRO …", "ENGROSE: MAGISTRADA …"
# (the SCJN's, the TFJA's): another wrote the sentence the ponente's project became.
_ENGROSE_LABEL = re.compile(
    r"^(?:(?:ministr[oa]|magistrad[oa])\s+)?(?:encargad[oa]\s+del\s+)?engrose"
    r"\s*(?::\s*(?P<value>.*)|$)",
    re.I,
)


def _same_person(one: str, other: str) -> bool:
    a, b = _name_words(_office_off(one)), _name_words(_office_off(other))
    return bool(a) and bool(b) and [fold_keyword(w) for w in a] == [fold_keyword(w) for w in b]


def read_ponente(text: str) -> tuple[str, int] | None:
    """The ponente (see ``_read_ponente``); None where the caption names an engrose by
    another: two people then answer for the sentence, the project's ponente and the one
    who engrossed it, and the reader cannot say which one a reader of the field means."""
    found = _read_ponente(text)
    if found is None:
        return None
    engrossed = _labelled_name(_own_caption(text, _ENGROSE_LABEL), _ENGROSE_LABEL)
    if engrossed is not None and not _same_person(engrossed[0], found[0]):
        return None
    return found


def _read_ponente(text: str) -> tuple[str, int] | None:
    """The ponente its caption names, as written (titles kept: the document's model takes
    them off), a name broken over two lines joined; else the one its closing names
    (``siendo ponente el Magistrado…``, a judge's ``Así lo resolvió y firma la Licenciada
    …, Jueza…``); else the caption's instructor or relator, who drafts the project. None
    where none names one or the name is masked."""
    return (
        _caption_ponente(text)
        or _closing_ponente(text)
        or _signed_ponente(text)
        or _caption_drafter(text)
    )


def _signed_ponente(text: str) -> tuple[str, int] | None:
    """The ponente the last closing's signature block or vote names (a short sentence's
    closing may come before its last fifth, its signatures and legend after it)."""
    short = (m for m in _short_closings(text) if not _tells_of_another(m[1]))
    closing = next(iter(_closings(text)), None) or next(short, None)
    if closing is None:
        return None
    return signed_ponente(text, closing.start(1), lambda name: bool(_name_words(name)))


# The caption's secretario, who drafts the sentence with the ponente: "SECRETARIO:",
# "SECRETARIA:", "SECRETARIO DE ESTUDIO Y CUENTA:", "SECRETARIA PROYECTISTA:", a circuit
# court's "SECRETARIO DE TRIBUNAL:", a state court's or a TEPJF regional chamber's
# "SECRETARIA DE ESTUDIO Y PROYECTO:", the TEPJF's "SECRETARIADO:" (one name; several are
# none) (the label written twice, "SECRETARIA: SECRETARIA: ANA…", as a public version
# may). Never another secretary: "SECRETARIA AUXILIAR:", "SECRETARIO DE ACUERDOS:",
# "SECRETARIOS:" (several), "COLABORÓ:"; nor one "en funciones de magistrado" (then the
# ponente).
_SECRETARIO_LABEL = re.compile(
    r"^(?:secretari(?:[oa]|ado)(?:\s+de\s+estudio\s+y\s+(?:cuenta|proyecto)|\s+proyectista"
    r"|\s+de\s+tribunal)?\s*:\s*)+(?P<value>.*)$",
    re.I,
)
# two people named in one value ("ANA RUIZ Y JUAN PÉREZ", "ANA RUIZ, JUAN PÉREZ"): none;
# a surname joined by "y" after a whole name ("JAVIER MIJANGOS Y GONZÁLEZ") is one person
_SEVERAL = re.compile(r",|\s(?:y|e)\s", re.I)
_JOINED_SURNAME = re.compile(r"^\S+(?:\s+\S+)+\s+[yY]\s+[^\W\d_][\w'-]*$")


def read_secretario(text: str) -> tuple[str, int] | None:
    """The secretario its caption's label names, as written (titles kept, as a
    ponente's: the document's model takes them off); None where the caption names none,
    the name is masked or more than one person."""
    found = _labelled_name(_own_caption(text, _SECRETARIO_LABEL), _SECRETARIO_LABEL)
    if found is None or (_SEVERAL.search(found[0]) and not _JOINED_SURNAME.match(found[0])):
        return None
    return found


# The closing's ponente: "…, siendo ponente el Magistrado Juan Pérez López, quienes…"
# ("fue ponente la Ministra…", "bajo la ponencia del Ministro…", a circuit court's
# "siendo relatora la segunda de los nombrados"); a judge's own: "Así lo
# resolvió y firma la Licenciada ANA RUIZ SOTO, Jueza Primero…".
_PROSE_TITLES = (
    r"(?:(?:(?:magistrad|ministr|licenciad|maestr|ciudadan)[oa]|doctora?|jueza?|lic\.|licda\.|mtr[oa]\."
    r"|dra?\.|c\.)\s*)*"
)
_PONENTE_PROSE = _starting(
    "sfbr",
    r"\b(?:(?:siendo|fue)\s+(?:(?:magistrad|ministr)[oa]\s+)?(?:ponente|relator[a]?)\s+(?:el|la)"
    rf"|bajo\s+la\s+ponencia\s+(?:del|de\s+la))\s+{_PROSE_TITLES}"
    r"(?P<named>[^\W\d_](?:[^,;.()\n]|\n(?!\s*\n)){2,80}?)(?=\s*(?:[,;]|\.(?:\s|$)|\bquien))"
    # (unsigned, "lo resolvió la licenciada Ana Ruiz Soto, Jueza…": a title before the
    # name, so that no "lo resolvió la Tercera Sala, Magistrada…" is read as a person)
    rf"|\b(?:resolvi\w*|sentenci[oó]|(?<=lo\s)resuelve(?=\s+y\s+firma))\s+"
    r"(?:y\s+firma\s+(?:(?:el|la)\s+)?"
    r"|(?:el|la)\s+(?:ciudadan[oa]\s+)?(?:(?:licenciad|maestr)[oa]|doctora?|lic\.|licda\."
    rf"|mtr[oa]\.|dra?\.)\s*){_PROSE_TITLES}"
    r"(?P<judge>[^\W\d_](?:[^,;.()\n]|\n(?!\s*\n)){2,80}?),\s*(?:jueza?|magistrad[oa])\b",
    re.I,
)
_NAME_LINKS = frozenset(("de", "del", "la", "las", "los", "y"))


def _ponente_closings(text: str) -> Iterator[re.Match[str]]:
    """The closings read for the ponente, last first: the last fifth's, then a short
    sentence's before it (its closing paragraph may come before its last fifth, the
    signatures and the public version's legend after it), as ``_signed_ponente`` reads."""
    yield from _closings(text)
    yield from (m for m in _short_closings(text) if not _tells_of_another(m[1]))


# The order to notify that ends the points: an unsigned closing after it is the
# sentence's, one without it may quote the decision under review ("Así lo resolvió la
# licenciada Ana Ruiz Soto, Jueza de Control, en el auto recurrido…").
_NOTIFY = re.compile(
    r"\bnotif[ií]quese\b|\bN\s?O\s?T\s?I\s?F\s?[IÍ]\s?Q\s?U\s?E\s?S\s?E\b|\bc[uú]mplase\b", re.I
)
NOTICE_BEFORE_CHARS = 1500


def _after_notice(text: str, at: int) -> bool:
    return bool(_NOTIFY.search(text, max(0, at - NOTICE_BEFORE_CHARS), at))


# An office without its ordinal, then the name, then a comma: "…lo resolvió la Jueza
# Mónica Garza Ibarra, quien actúa…". Capitalised words only (case matters here).
_BARE_OFFICE_NAME = re.compile(
    r"\b(?:resolvi[oó]|sentenci[oó]|resuelve(?=\s+y\s+firma))(?:\s+y\s+firma)?\s+(?:el|la)\s+"
    r"(?:[Jj]ueza?|[Mm]agistrad[oa])\s+"
    r"(?P<name>[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+(?:(?:de|del|la|las|los|y)\s+){0,2}"
    r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+){1,5})"
    # the name ends at a comma, a sentence's end, or the lowercase words after it ("…López
    # ante la Secretaria…", "…López quien actúa…")
    r"(?=\s*[,;]|\s*$|\.(?:\s|$)|\s+(?:ante|quien|que|con|asistid[oa]|y)\b)"
)
# Words of a court's or an office's name, never a person's: "la Jueza Primero de
# Distrito…", "la Magistrada Presidenta…" name an office, not who holds it.
_OFFICE_WORDS = frozenset(
    ("primero", "primera", "segundo", "segunda", "tercero", "tercera", "cuarto", "cuarta",
     "quinto", "quinta", "sexto", "sexta", "septimo", "septima", "octavo", "octava",
     "noveno", "novena", "decimo", "decima", "undecimo", "duodecimo", "vigesimo",
     "trigesimo", "distrito", "familiar", "civil", "penal", "mixto", "mixta", "menor",
     "oral", "control", "ejecucion", "sala", "juzgado", "tribunal", "materia",
     "especializado", "especializada", "unitario", "unitaria", "municipal", "laboral",
     "mercantil", "supernumerario", "supernumeraria", "provisional", "interino",
     "interina", "titular", "federal", "local", "auxiliar", "presidente", "presidenta",
     "instructor", "instructora", "ponente", "juez", "jueza", "magistrado", "magistrada",
     "enjuiciamiento", "tramite", "proceso", "escrito", "administrativa", "administrativo",
     "trabajo", "amparo", "justicia", "judicial", "estado", "circuito", "regional",
     "adolescentes", "ejecucion", "paz", "cuantia", "conciliador", "conciliadora")
)  # fmt: skip


def _name_after_bare_office(clause: str) -> str | None:
    """The person an unsigned closing names right after a bare office ("…lo resolvió la
    Jueza Mónica Garza Ibarra, …"): two or more capitalised words, none a court's."""
    found = _BARE_OFFICE_NAME.search(clause)
    if not found:
        return None
    words = [w for w in found["name"].split() if w not in _NAME_LINKS]
    if len(words) < 2 or any(fold_keyword(w) in _OFFICE_WORDS for w in words):
        return None
    return found["name"]


def _closing_ponente(text: str) -> tuple[str, int] | None:
    for match in _ponente_closings(text):
        # the paragraph as a PDF breaks it: its lines up to a blank one, words whole
        paragraph = mended(re.split(r"\n\s*\n", text[match.start(1) : match.start(1) + 1200])[0])
        found = _PONENTE_PROSE.search(paragraph)
        if not found:
            verb = _CLOSING_VERB.search(paragraph)
            clause = verb and _CLAUSE_END.split(paragraph[verb.start() :])[0]
            judge = clause and (
                judge_after_office(clause)
                or (
                    _after_notice(text, match.start(1))
                    and (magistrate_after_office(clause) or _name_after_bare_office(clause))
                )
            )
            if judge and (words := _name_words(judge)) and len(words) >= 2:
                return judge, match.start(1) + verb.start()
            continue
        if (
            found["judge"]
            and not _SIGNS.search(found[0])
            and not _after_notice(text, match.start(1))
        ):
            continue  # unsigned and not after the points: maybe a quote
        name = found["named"] or found["judge"]
        words = _name_words(name)
        proper = words and all(w[0].isupper() or w in _NAME_LINKS for w in words)
        if proper and len(words) >= 2:
            return " ".join(name.split()), match.start(1) + found.start()
        # "siendo ponente el último de los nombrados": the one the members' list names so
        if found["named"] and (member := member_by_place(paragraph, found.start("named"))):
            return member, match.start(1) + found.start()
        return None
    return None


def _caption_ponente(text: str) -> tuple[str, int] | None:
    return _labelled_name(_own_caption(text, _PONENTE_LABEL), _PONENTE_LABEL)


def _own_caption(text: str, label: re.Pattern[str]) -> tuple[tuple[str, int], ...]:
    """The caption that holds ``label``: the top's, or where the top names none (a text
    that opens with its thematic index) the engrose's cover right above its opening
    formula ("PONENTE: …⏎COTEJÓ⏎SECRETARIO: …⏎⏎Ciudad de México. La Primera Sala…")."""
    top = _caption(text)
    if any(label.match(line) for line, _at in top):
        return top
    cover = _formula_cover(text)
    return cover if any(label.match(line) for line, _at in cover) else top


# how far above its formula an engrose's cover may start
COVER_CHARS = 2000


@functools.lru_cache(maxsize=8)
def _formula_cover(text: str) -> tuple[tuple[str, int], ...]:
    """The short lines right above the opening formula, back to the paragraph before
    them, as caption lines (offsets in ``text``); none where no formula is found."""
    formula = _formula(text)
    if formula is None:
        return ()
    end = text.rfind("\n", 0, formula[1]) + 1
    start = max(0, end - COVER_CHARS)
    lines = text[start:end].split("\n")
    keep = len(lines)
    while keep > 0 and len(lines[keep - 1]) <= 160:
        keep -= 1
    if keep == 0 and start > 0:
        return ()  # no paragraph above within reach: no cover of its own
    # (a table of contents' lines above it, all short, are no part of it: the cover
    # starts after the contents' heading or last entry)
    ends = [i for i in range(keep, len(lines)) if _CAPTION_END.match(lines[i])]
    ends += [i for i in range(keep, len(lines)) if _CONTENTS_PAGE.search(lines[i])]
    keep = max(ends) + 1 if ends else keep
    block_start = start + sum(len(line) + 1 for line in lines[:keep])
    block = text[block_start:end]
    return tuple((line, block_start + at) for line, at in _caption_lines(block))


def _caption_drafter(text: str) -> tuple[str, int] | None:
    """The instructor or relator the caption names, where neither the caption nor the
    closing tells of an engrose."""
    lines = _caption(text)
    if any(_ENGROSE.search(line) for line, _at in lines) or any(
        _ENGROSE.search(text, m.start(1), m.start(1) + 1200) for m in _closings(text)
    ):
        return None
    found = _labelled_name(lines, _DRAFTER_LABEL)
    if found is None or (_SEVERAL.search(found[0]) and not _JOINED_SURNAME.match(found[0])):
        return None
    # under the bare office, an office ("JUEZ: PRIMERO DE LO CIVIL") is nobody (an
    # instructor's label names a person: "…GÓMEZ PAZ" is a surname, not a juez de paz)
    label = next((line for line, _at in lines if _DRAFTER_LABEL.match(line)), "")
    if _BARE_OFFICE_LABEL.match(label) and any(
        fold_keyword(word) in _OFFICE_WORDS for word in found[0].split()
    ):
        return None
    return found


# A footnote's call after a caption's value, as a sentence published in HTML keeps it
# ("SECRETARIADO: ROSA ILIANA AGUILAR CURIEL[3]"): no part of the name.
_NOTE_MARK = re.compile(r"\s*\[\d{1,3}\]\s*$")


# A Spanish name's accented letter whose two UTF-8 bytes a copy read as Windows-1252 (or
# Latin-1, the C1 control kept): "Ã‰" for "É", "Ã‘" for "Ñ", "Ã³" for "ó", "Ã\x81" for
# "Á". Each pair is one letter's and no other's: the repair is certain. Where a byte was
# lost ("Á" and "Í" have one Windows-1252 lacks: "Ã�", "Ã?", "Ã " or "Ã" alone) a letter
# is gone; an "Ã" or "Â" left in a name says so (no Spanish name has either).
_BROKEN_LETTERS = {
    broken: letter
    for letter in "ÁÉÍÓÚÜÑáéíóúüñ"
    for codec in ("cp1252", "latin-1")
    for broken in [letter.encode("utf-8").decode(codec, errors="replace")]
    if "\ufffd" not in broken
}
_BROKEN_LETTER = re.compile("|".join(sorted(map(re.escape, _BROKEN_LETTERS))))
_BROKEN_LEFT = re.compile("[ÃÂ\ufffd]")


def _letters_repaired(line: str) -> str:
    """A caption ``line`` with the accented letters a wrong encoding broke put back."""
    return _BROKEN_LETTER.sub(lambda found: _BROKEN_LETTERS[found[0]], line)


def _labelled_name(
    lines: Sequence[tuple[str, int]], label_pattern: re.Pattern[str]
) -> tuple[str, int] | None:
    """The name the first caption line ``label_pattern`` matches gives (on that line or
    the next, broken over two), None where it is no name (nor where a wrong encoding lost
    one of its letters: ``_letters_repaired`` puts back only those it kept whole)."""
    lines = [(_letters_repaired(line), at) for line, at in lines]
    for i, (line, at) in enumerate(lines):
        label = label_pattern.match(line)
        if not label:
            continue
        value = _NOTE_MARK.sub("", label["value"] or "").strip()
        rest = lines[i + 1 :]
        if not _name_words(value) and not _office_off(value):
            # the label alone, or with a title only: the name is the next line
            if not rest:
                return None
            value, rest = f"{value} {rest[0][0]}".strip(), rest[1:]
        value = _office_off(value, titles=False) or value
        words = _name_words(value)
        if words is None:
            return None
        if rest and _goes_on(words, rest[0][0]) and _continues_name(rest[0][0], value):
            value = f"{value} {rest[0][0]}"
            words = _name_words(value)
            if words is None:
                return None
        if words[-1].lower() in _NAME_LINKS:
            return None  # "OLGA SÁNCHEZ CORDERO DE": the rest of the name is not there
        value = _SPLIT_NAME_WORD.sub("", value)
        if _BROKEN_LEFT.search(value):
            return None  # "ADRIÃ�N", "YASMÃN": a letter a wrong encoding lost
        if _HYPHEN_BREAK.search(value):
            return None  # "PARDO REBO-⏎LLEDO" or "GARCÍA-⏎LÓPEZ" in capitals: unsure which
        return _name_end_off(value), at
    return None


# A name's word split at the caption line's end: in lower case after the break, a word's
# rest ("Pardo Rebo-⏎lledo"), joined; in capitals a split word and a compound surname
# ("REBO-⏎LLEDO", "GARCÍA-⏎LÓPEZ") look alike, and one ending in its hyphen is cut short.
_SPLIT_NAME_WORD = re.compile(r"(?<=[^\W\d_])-\s+(?=[a-záéíóúüñ])")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-(?:\s|$)")


def _goes_on(words: list[str], line: str) -> bool:
    """Whether a name of ``words`` may go on on the next caption ``line``: it is short, it
    ends with a link ("…CORDERO DE⏎GARCÍA VILLEGAS") or the line is one surname
    ("…GONZÁLEZ ALCÁNTARA⏎CARRANCÁ"; two words after a whole name may be another's)."""
    return len(words) < NAME_WORDS or words[-1].lower() in _NAME_LINKS or len(line.split()) == 1


# A name's last word an initial ("EDUARDO MEDINA MORA I."): its full stop is the name's.
_LAST_INITIAL = re.compile(r"(?:^|\s)[^\W\d_]\.$")


def _name_end_off(value: str) -> str:
    """``value`` without the punctuation a caption line ends with, an initial's stop kept."""
    value = value.strip(" ,;")
    bare = value.strip(" .,;")
    return f"{bare}." if value.endswith(".") and _LAST_INITIAL.search(f"{bare}.") else bare


def _office_off(value: str, *, titles: bool = True) -> str:
    """``value`` without the office written before the name (and, with ``titles``, the
    titles left after it)."""
    bare = _OFFICE_BEFORE_NAME.sub("", value.strip())
    return _TITLES.sub("", bare).strip(" .,;") if titles else bare


def _continues_name(line: str, value: str) -> bool:
    """Whether a caption line is the rest of a name broken after ``value``: the same case
    (capitals after capitals), words of a name only, no label."""
    words = _name_words(line)
    if words is None or ":" in line or len(words) >= NAME_WORDS or value.endswith("."):
        return False
    return _capitals(line) == _capitals(value) and not opens_with_case(line)


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85


# Where a closing's clause ends: a semicolon, a full stop before a capital, never a title's
# ("los CC. Magistrados", "la Lic. Ana Ruiz").
# (Mexico City's "la C. Juez Trigésimo de lo Civil…": "C." is "Ciudadana", no full stop;
# a court's "H." is "Honorable": "la Segunda Sala Unitaria Penal del H. Tribunal…")
_TITLE_DOTS = (
    "C", "CC", "Lic", "Licda", "Sr", "Sra", "Dr", "Dra", "Mtro", "Mtra", "Mgdo", "Mgda", "H",
)  # fmt: skip
_CLAUSE_END = re.compile(
    ";|" + "".join(rf"(?<!\b{t})" for t in _TITLE_DOTS) + r"\.\s+(?=[A-ZÁÉÍÓÚÑ])"
)


def read_court(text: str, expediente: str | None = None) -> tuple[str, int] | None:
    """The resolving court, the fourth circunscripción's sala by the name it had when the
    document's own number is an SDF- one (see ``_read_court``)."""
    court = _read_court(text, expediente)
    if court and names_no_juzgado(court[0]):
        return None
    if court:  # (a caption's capitals tamed word by word: "con Sede en" is "con sede en")
        court = _SEAT_WORDS.sub(lambda found: found[0].lower(), court[0]), court[1]
    # "Cuarta Circunscripción" alone names the sala of either day; its number tells which
    if (
        court
        and court[0] == ELECTORAL_COURTS["SCM"]
        and any(case.electoral_chamber == "SDF" for case in parse_expediente(expediente))
    ):
        return ELECTORAL_COURTS["SDF"], court[1]
    return court


# A juzgado's name that is one of several courts: its ordinal with no kind of court
# ("Juzgado Primero con sede en Toluca": primero of what), or no ordinal and no more than
# its kind ("Juzgado de lo Civil", "Juzgado de Distrito, con residencia en Toluca": one of
# the city's). A name with a matter and a seat ("Juzgado de Distrito en Materia Penal, con
# residencia en Toluca"), or a place ("Juzgado Mixto de Primera Instancia de Tejupilco"),
# is read as written.
_SEAT_WORDS = re.compile(r"\bcon (?:Sede|Residencia) en\b")
_JUZGADO_SEAT = re.compile(r",?\s*\bcon\s+(?:residencia|sede)\s+en\b.*$")
_JUZGADO_ORDINAL = re.compile(
    r"^(?:(?:decimo|vigesimo|trigesimo|cuadragesimo|quincuagesimo)\s+)?(?:primer|primero"
    r"|segundo|tercer|tercero|cuarto|quinto|sexto|septimo|octavo|noveno|decimo|undecimo"
    r"|duodecimo|vigesimo|trigesimo|cuadragesimo|quincuagesimo|decimo\w+|\d{1,3}o?)\b\s*"
)
_LINK = frozenset(("de", "lo", "del", "la", "las", "los", "en", "y", "e", "el"))
_KIND = frozenset(("distrito", "primera", "instancia", "materia", "materias"))
# what a juzgado's name says of its matter or kind, no place
_MATTER_OF_JUZGADO = frozenset(
    ("civil", "civiles", "penal", "penales", "familiar", "mercantil", "mixto", "laboral",
     "control", "oral", "orales", "menor", "municipal", "paz", "ejecucion", "enjuiciamiento",
     "amparo", "administrativa", "administrativo", "adolescentes", "especializado",
     "especializada", "sistema", "acusatorio", "procesos", "juicios", "federales", "trabajo",
     "tramite", "cuantia", "ejecucion", "sanciones", "medidas", "justicia", "para")
)  # fmt: skip


def names_no_juzgado(name: str) -> bool:
    """Whether ``name`` is a juzgado's that names none of several in particular."""
    folded = fold_keyword(name)
    if not folded.startswith("juzgado "):
        return False
    rest = folded.removeprefix("juzgado ")
    seat = _JUZGADO_SEAT.search(rest)
    own = rest[: seat.start()] if seat else rest
    ordinal = _JUZGADO_ORDINAL.match(own)
    words = [w for w in re.findall(r"\w+", own[ordinal.end() :] if ordinal else own)]
    kind = [w for w in words if w not in _LINK]
    if ordinal:
        return not kind
    qualifiers = [w for w in kind if w not in _KIND]
    places = [w for w in qualifiers if w not in _MATTER_OF_JUZGADO]
    return not qualifiers or not (seat or places)


def _read_court(text: str, expediente: str | None = None) -> tuple[str, int] | None:
    """The resolving court: named in the opening formula or the closing paragraph, else a
    court line in capitals at the top (not a signer's role), else a court the opening's
    prose says is its own (``esta Primera Sala de la Suprema Corte…``, a heading's
    ``Sentencia de la Sala Superior…``), else the TEPJF chamber its case number names. A
    federal court merely named at the top (a precedent, a thesis a state court or a
    circuit court cites) is no sentence's own: unsure, none."""
    formula = _formula(text)
    vistos = _vistos(text)
    if formula and vistos and vistos.court and vistos.start <= formula[1] < vistos.end:
        # the session the VISTOS paragraph gives: its subject is the court ("…, el Pleno
        # del Tribunal Superior de Justicia del Estado…, en sesión de…")
        # (named as a caption names it: no "H." or "Honorable", no "Libre y Soberano")
        court = normalise_court(_HONOURED.sub("", _PLENO_EXTRAS.sub("", vistos.court)))
        if court:
            return court, vistos.court_at
    if formula:
        window = mended(_furniture_out(text[max(0, formula[1] - 300) : formula[1]], text))
        court = _court_in(_from_last_court(window)) or _circuit_court_before(window)
        if court:
            return court, formula[1]
    for match in _closings(text):
        verb = _CLOSING_VERB.search(match[1])
        start = match.start(1) + (verb.start() if verb else 0)
        # who resolved, not a court the paragraph sends a copy to (its lines run on)
        clause = _CLAUSE_END.split(_closing_passage(text, start, CLOSING_SUBJECT))[0]
        court = (
            _first_court_in(clause)
            or _circuit_court_after_verb(clause)
            or _tfja_after_verb(clause)
            or _unitario_after_verb(clause)
        )
        if court:
            return court, match.start(1)
    for match in _short_own_closings(text):
        verb = _CLOSING_VERB.search(match[1])
        start = match.start(1) + (verb.start() if verb else 0)
        clause = _CLAUSE_END.split(_closing_passage(text, start, CLOSING_SUBJECT))[0]
        court = (
            _subject_court(clause)
            or _circuit_court_after_verb(clause)
            or _unitario_after_verb(clause)
        )
        if court:
            return court, match.start(1)

    head = text[:HEAD_CHARS]
    raw = head.split("\n")[:HEAD_LINES]
    written = [_court_after_case(" ".join(line.split())) for line in raw]
    lines = [ordinals_in_words(line) for line in written]  # "1o. TRIBUNAL COLEGIADO…"
    generic = None
    for i, line in enumerate(lines):
        # the anchored pattern first: it rules out most lines at their first characters
        if not _COURT_START.match(line) or not _shouting(line) or _LABEL_LINE.match(line):
            continue
        if _labelled(raw, i):
            continue  # a label's value, as in "JUZGADO DE ORIGEN: …": another court
        if _LETTERHEAD.match(_ocr_capitals(line)):
            generic = generic or line  # the court whose body a line below names
            continue
        if _PROSE_WORD.search(line):
            continue  # a sentence in capitals ("ESTA PRIMERA SALA … ES COMPETENTE"), no caption
        if _SIGNER.search(line) or (i and _RUNS_ON.search(lines[i - 1])):
            continue
        name = _ocr_capitals(line)
        following = _ocr_capitals(lines[i + 1]) if i + 1 < len(lines) else ""
        if _CIRCUIT_BODY.search(name):
            whole = _circuit_caption(name, lines[i + 1 : i + 4])
            if whole:
                return normalise_court(whole) or whole, head.find(written[i])
            continue  # a circuit court's name cut before its circuit names no one court
        if (
            _shouting(following)
            and not _LABEL_LINE.match(following)
            and (
                line.endswith((" EN", " DE", " DEL", " MATERIA", " Y"))
                or following.startswith("DE")
                or _SEAT_LINE.match(following)
                or following.startswith(("CON RESIDENCIA EN ", "CON SEDE EN "))
            )
        ):
            name = f"{line} {following}"
        if _GENERIC_COURT.search(name):
            generic = generic or name
            continue
        if name == "SALA SUPERIOR" and _SECTION_LINE.match(following):
            name = f"{following} DE LA {name}"  # the TFJA's: "SALA SUPERIOR⏎TERCERA SECCIÓN"
        court = _bare_body(name, _owners(lines, i), head, expediente) or normalise_court(name)
        if court:
            return _owned_sala(court, text) or court, head.find(written[i])
    court = _own_court_in(head) or opening_court(head) or _emitting_court(head)
    if court:
        return court
    for match in (*_closings(text), *_short_own_closings(text)):
        # a state's chamber named only where it closes: after the caption, which may name
        # it more fully, and before the judiciary's generic name (a short sentence's
        # closing too, however early its last fifth starts)
        start = match.start(1)
        court = _state_sala_after_verb(_closing_passage(text, start, CLOSING_SUBJECT))
        if court:
            return court, start
    for match in (*_closings(text), *_short_own_closings(text)):
        # a juzgado's closing names its judge, whose office names the court (a short
        # sentence's closing, however early its last fifth starts: only as the verb's
        # subject, "Así lo resolvió y firma Ana Ruiz Soto, Jueza Segunda de Distrito…")
        verb = _CLOSING_VERB.search(match[1])
        start = match.start(1) + (verb.start() if verb else 0)
        court = judges_court(_CLAUSE_END.split(_closing_passage(text, start, CLOSING_SUBJECT))[0])
        if court:
            return court, match.start(1)
    owner = _OCR_L.sub("I", generic or "")
    if generic and _LETTERHEAD.match(owner) and not _STATE_HIGH_COURT.match(owner):
        return normalise_court(owner) or owner, head.find(generic)
    if generic:
        return normalise_court(generic) or "", 0
    for case in parse_expediente(expediente):
        if case.electoral_chamber in ELECTORAL_COURTS:
            return ELECTORAL_COURTS[case.electoral_chamber], 0
    return None


# A title or caption line naming the case, then the court apart by a dash or in brackets,
# as a listing's record titles its sentence ("Toca 52/2025 — SÉPTIMA SALA ESPECIALIZADA EN
# MATERIA CIVIL", "Toca 52/2025 (SÉPTIMA SALA…)"): the court's part is a caption line.
_CASE_THEN_COURT = re.compile(
    r"^.{0,80}?\d{1,6}/\d{2,4}(?:-[A-Z0-9]{1,4})?\s*(?:[—–-]\s+|\(\s*)"
    r"(?P<court>[A-ZÁÉÍÓÚÑ][^()]{5,200}?)\s*\)?$"
)


def _court_after_case(line: str) -> str:
    """``line``'s court part where it names its case and then a court in capitals (see
    ``_CASE_THEN_COURT``), else the line as it is."""
    found = _CASE_THEN_COURT.match(line) if "/" in line else None
    if found is None or not opens_with_case(line):
        return line
    court = found["court"]
    return court if _COURT_START.match(court) and _shouting(court) else line


# A label alone on its line, its value on the next ("AUTORIDAD RESPONSABLE:⏎SEGUNDA SALA…"),
# and a table's label cell naming a court other than the one that resolves ("JUZGADO DE
# ORIGEN⏎|⏎JUZGADO TERCERO…": the cells are apart by tabs or rules).
_LABEL_ALONE_LINE = re.compile(r"^[A-ZÁÉÍÓÚÑ .]{3,40}:$")
_OTHER_COURT_CELL = re.compile(
    r"\b(?:ORIGEN|RESPONSABLES?|AUTORIDAD(?:ES)?|QUO|INSTANCIA|PROCEDENCIA|RECURRID[OA]S?)\b"
)


# A juzgado's seat, part of its name, on the caption's next line ("JUZGADO TERCERO DE
# DISTRITO DE AMPARO EN MATERIA PENAL⏎EN LA CIUDAD DE MÉXICO"): several share the rest.
_SEAT_LINE = re.compile(
    r"^EN\s+(?:LA\s+CIUDAD\s+DE\s+M[EÉ]XICO|EL\s+ESTADO\s+DE\s+[A-ZÁÉÍÓÚÑ ]{4,40})$"
)


def _labelled(raw: list[str], i: int) -> bool:
    """Whether caption line ``i`` is a label's value: the label alone on the line above
    or in a cell before it. Like a "LABEL: value" line, it names a court the caption
    tells of (the origin's, the responsible authority), not the one that resolves."""
    cells = [cell.strip() for cell in _CELL_BREAK.split(raw[i]) if cell.strip()]
    if len(cells) > 1 and (cells[0].endswith(":") or _OTHER_COURT_CELL.search(cells[0])):
        return True
    above = next((" ".join(line.split()) for line in reversed(raw[:i]) if line.strip()), "")
    return bool(_LABEL_ALONE_LINE.match(above))


# A body a caption names bare ("TRIBUNAL PLENO", "PRIMERA SALA"): a state's high court
# sits as "Tribunal Pleno" and in numbered salas too. Its owner is the state high court a
# caption line above it names ("TRIBUNAL SUPERIOR DE JUSTICIA DEL ESTADO DE NUEVO LEÓN"); with
# none, the Suprema Corte only when the opening names it: else the body stays bare, and
# the publisher ties it to its court (``normalise_court``'s ``institution``).
_BARE_CAPTION_BODY = re.compile(
    r"^(?:EL\s+|LA\s+)?(TRIBUNAL PLENO|PLENO|(?:PRIMERA|SEGUNDA) SALA)$"
)
_STATE_HIGH_COURT = re.compile(
    r"^(?:H\.\s*)?(?:EL\s+)?((?:TRIBUNAL SUPERIOR|SUPREMO TRIBUNAL) DE JUSTICIA\b.{3,80})$"
)


def _owners(lines: list[str], i: int) -> list[str]:
    """The caption lines that may name the owner of a bare body on line ``i``: those above
    it, and the Suprema Corte's name alone on the next line that holds anything (the
    letterhead under it: «PRIMERA SALA⏎⏎SUPREMA CORTE DE JUSTICIA DE LA NACIÓN»)."""
    below = next((line for line in lines[i + 1 : i + 4] if line.strip()), "")
    owner = _ocr_capitals(below).strip(" .")
    return [*lines[:i], below] if _SCJN_NAME.fullmatch(owner) else lines[:i]


def _bare_body(name: str, above: list[str], head: str, expediente: str | None = None) -> str | None:
    """A bare body's court: joined to the court a caption line ``above`` it names (its
    letterhead: a state's high court, the Suprema Corte, the TFJA), else the Suprema
    Corte's only where the opening says it is its own; else bare, for the publisher to
    tie to its court (a state's "TRIBUNAL PLENO" citing the Suprema Corte stays bare). A
    TFJA body is the TFJA's too where the sentence's own number is one only the TFJA gives
    ("1234/23-17-04-8/567/24-PL-03-04")."""
    written = _OCR_L.sub("I", name)
    bare = _BARE_CAPTION_BODY.match(written)
    tfja = _TFJA_BODY_LINE.match(written)
    if bare is None and tfja is None:
        return _state_sala_line(written, above)
    for line in above:
        owner = _ocr_capitals(line) if _shouting(line) else ""
        state = _STATE_HIGH_COURT.match(owner)
        if state and bare:
            body = "PLENO" if bare[1].endswith("PLENO") else bare[1]
            return normalise_court(f"{body} DEL {state[1]}")
        if _TFJA.fullmatch(owner.strip(" .")):
            return normalise_court(f"{written} DEL {owner.strip(' .')}")
        if _SCJN_NAME.fullmatch(owner.strip(" .")) and bare:
            return normalise_court(f"{bare[1]} DE LA {owner.strip(' .')}")
    if bare is None:
        # a TFJA body with no TFJA named above: the TFJA's where the opening's prose names
        # the TFJA (and not the TEPJF, whose bodies share the words); else read as written
        tfja_number = any(case.sala for case in parse_expediente(expediente))
        if tfja_number or (_TFJA_PROSE.search(head) and not _TEPJF_PROSE.search(head)):
            return normalise_court(f"{written} DEL TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA")
        return None
    if _says_it_is_the_scjns(head):
        return normalise_court(f"{bare[1]} DE LA SUPREMA CORTE DE JUSTICIA DE LA NACIÓN")
    return title_case(bare[1])


# A Sala Superior's section on the caption's line below it, as the TFJA's captions lay
# out the body that resolves ("SALA SUPERIOR⏎TERCERA SECCIÓN"): the section resolves.
_SECTION_LINE = re.compile(r"^(?:PRIMERA|SEGUNDA|TERCERA)\s+SECCI[OÓ]N$")


# A state high court's sala as its caption names it under the court's letterhead, without
# its owner ("QUINTA SALA UNITARIA PENAL", "PRIMERA SALA CIVIL"): every state has one.
_STATE_SALA_LINE = re.compile(r"^(?:LA\s+)?(?:[A-ZÁÉÍÓÚ]+\s+){0,3}SALA\b[^:]{0,80}$")
_OWNER_NAMED = re.compile(r"\b(?:TRIBUNAL|SUPREMO|SUPERIOR|JUSTICIA|ESTADO|PODER)\b")


def _state_sala_line(written: str, above: list[str]) -> str | None:
    """A sala line joined to the state high court a caption line above it names (its
    letterhead): "Quinta Sala Unitaria Penal del Tribunal Superior de Justicia del Estado
    de Nuevo León", not one more "Quinta Sala Unitaria Penal" of any state."""
    if not _STATE_SALA_LINE.match(written) or _OWNER_NAMED.search(written):
        return None
    for line in above:
        state = _STATE_HIGH_COURT.match(_ocr_capitals(line) if _shouting(line) else "")
        if state:
            return normalise_court(f"{written} DEL {state[1]}")
    return None


# A court's own name alone on a caption line, above the body that resolves: a state's high
# court, the Suprema Corte, the Tribunal Federal de Justicia Administrativa.
_SCJN_NAME = re.compile(r"(?:LA\s+)?SUPREMA\s+CORTE\s+DE\s+JUSTICIA\s+DE\s+LA\s+NACI[OÓ]N")
_TFJA = re.compile(
    r"(?:EL\s+)?TRIBUNAL\s+FEDERAL\s+DE\s+JUSTICIA\s+(?:FISCAL\s+Y\s+)?ADMINISTRATIVA"
)
_TFJA_PROSE = re.compile(
    r"\btribunal\s+federal\s+de\s+justicia\s+(?:fiscal\s+y\s+)?administrativa\b", re.I
)
_TEPJF_PROSE = re.compile(r"\btribunal\s+electoral\b", re.I)
_LETTERHEAD = re.compile(rf"^(?:{_SCJN_NAME.pattern}|{_TFJA.pattern})\.?$")
# The TFJA's bodies as its captions name them: "SEGUNDA SALA REGIONAL DEL NORESTE", "SALA
# ESPECIALIZADA EN MATERIA DE PROPIEDAD INTELECTUAL", "PRIMERA SECCIÓN DE LA SALA SUPERIOR".
_TFJA_BODY_LINE = re.compile(
    r"^(?:LA\s+|EL\s+)?(?:[A-ZÁÉÍÓÚ]+\s+){0,2}SALA\s+(?:REGIONAL|ESPECIALIZADA|AUXILIAR)\b[^:]{0,80}$"
    r"|^(?:LA\s+)?(?:PRIMERA|SEGUNDA|TERCERA)\s+SECCI[OÓ]N\s+DE\s+LA\s+SALA\s+SUPERIOR$"
    r"|^(?:EL\s+)?PLENO\s+(?:JURISDICCIONAL\s+)?DE\s+LA\s+SALA\s+SUPERIOR$"
    # (alone, the TEPJF's and a state administrative court's share the name: the TFJA's
    # only where a line above, the opening or the sentence's own number says so)
    r"|^(?:LA\s+)?SALA\s+SUPERIOR$"
)
# Where the opening says the Suprema Corte is its own: "esta Suprema Corte", its Pleno's
# formula (before the background, where a tesis it quotes might say so too); a ministro as
# the caption's ponente (state courts' judges are magistrados; a footnote's "Ponente:
# Ministro…" is a precedent's).
_SCJN_OWN = re.compile(
    r"\b(?:de\s+)?est[ae]\s+(?:H\.\s*|honorable\s+)?Suprema\s+Corte\b"
    r"|\bPleno\s+de\s+la\s+Suprema\s+Corte\s+de\s+Justicia\s+de\s+la\s+Naci[oó]n,?\s+en\s+"
    r"(?:la\s+)?sesi[oó]n\b",
    re.I,
)
_MINISTRO_PONENTE = re.compile(
    r"^(?:ministr[oa]\s+ponente\b|ponente\s*:\s*(?:(?:el|la)\s+)?(?:se[ñn]ora?\s+)?ministr[oa]\b)",
    re.I,
)


def _says_it_is_the_scjns(head: str) -> bool:
    if _SCJN_OWN.search(head, 0, _head_end(head)):
        return True
    return any(_MINISTRO_PONENTE.match(line) for line, _at in _caption(head))


# The TFJA's body a closing says resolved: "Así lo resolvieron y firman los Magistrados que
# integran la Segunda Sala Regional del Noreste del Tribunal Federal de Justicia
# Administrativa" (its owner named: a "Sala Regional" alone may be the TEPJF's).
_TFJA_PROSE = re.compile(
    r"(?:(?:D[eé]cim[oa]\s+)?[A-ZÁÉÍÓÚ][a-záéíóú]+[oa]\s+|D[eé]cim[oa]\s+)?"
    r"(?:Sala\s+(?:Regional|Especializada|Auxiliar)\b[^,;.\n]{0,100}?"
    r"|(?:Primera|Segunda)\s+Secci[oó]n\s+de\s+la\s+Sala\s+Superior"
    r"|Pleno\s+(?:Jurisdiccional\s+)?de\s+la\s+Sala\s+Superior)"
    r"\s+del\s+Tribunal\s+Federal\s+de\s+Justicia\s+(?:Fiscal\s+y\s+)?Administrativa\b"
)
_MEMBERS_OF = _RESOLVED_BY  # the TFJA's salas close as the other courts do


def _tfja_after_verb(clause: str) -> str | None:
    """The TFJA body a closing says resolved, only as the verb's subject."""
    verb = _CLOSING_VERB.search(clause)
    if verb is None:
        return None
    found = _TFJA_PROSE.search(clause, verb.start())
    if found and _MEMBERS_OF.match(clause[verb.start() + 6 : found.start()]):
        return normalise_court(found[0])
    return None


# A small "l" among capitals, as OCR reads an "I" ("JUSTlCIA", "MATERlA", "CIVlL").
_OCR_L = re.compile(r"(?<=[A-ZÁÉÍÓÚÑ])l(?=[A-ZÁÉÍÓÚÑ]|\b)|\bl(?=[A-ZÁÉÍÓÚÑ]{2})")


def _ocr_capitals(line: str) -> str:
    """A court line in capitals with OCR's "l" for "I" put right."""
    return _OCR_L.sub("I", line)


_REGION_AT_END = re.compile(r"\bDE\s+LA\s+REGI[OÓ]N[\s,]*$", re.I)


def _circuit_caption(name: str, following: list[str]) -> str | None:
    """A circuit court's name in the caption's capitals, its lines joined up to its
    circuit or region ("DÉCIMO TERCER TRIBUNAL COLEGIADO EN MATERIA⏎ADMINISTRATIVA DEL
    PRIMER⏎CIRCUITO"); None if the name stops before it."""
    used = 0
    for line in following:
        if _CIRCUIT_NAME.search(name) and not _REGION_AT_END.search(name):
            break  # (a region's name may follow on the next line: "…DE LA REGIÓN⏎CENTRO-NORTE")
        used += 1
        if not _shouting(line) and not line.isupper():
            return None
        if _LABEL_LINE.match(line) or opens_with_case(line) or _SIGNER.search(line):
            return None
        name = f"{name} {_ocr_capitals(line)}"
    name = re.sub(r"^(?:EL|LA|H\.)\s+", "", name)
    found = _CIRCUIT_COURT.match(name)
    if not found:
        return None
    # its seat on the same line, or alone on the next ("CON RESIDENCIA EN MORELIA, MICHOACÁN")
    rest = name[found.end() :]
    if not rest.strip(" ,") and following[used:]:
        rest = f", {following[used]}"
    return _with_written_seat(" ".join(found[0].split()), rest)


# The seat written right after a circuit court's name ("…de la Tercera Región, con
# residencia en Morelia, Michoacán"), its city and state: ``normalise_court`` keeps it
# where the name is not unique without it.
_SEAT_AFTER_COURT = re.compile(
    r"\s*,?\s*(con\s+(?:residencia|sede)\s+en\s+[^,.;:\n]{3,60}(?:,\s*[^,.;:\n]{3,40})?)", re.I
)


def _with_written_seat(name: str, after: str) -> str:
    """``name`` and the seat ``after`` (the text right after it) opens with, if any."""
    seat = _SEAT_AFTER_COURT.match(after)
    return f"{name}, {' '.join(seat[1].split())}" if seat else name


def _circuit_court_before(window: str) -> str | None:
    """The circuit court whose session the formula right after it states ("Acuerdo del
    Segundo Tribunal Colegiado…, correspondiente a la sesión de…"), in its paragraph."""
    paragraph = re.split(r"\n\s*\n", window)[-1]
    for found in _CIRCUIT_COURT.finditer(paragraph):
        if _HELPED.search(paragraph, 0, found.start()):
            continue  # the court an auxiliary one helps, not the one that resolves
        if _BEFORE_FORMULA.match(paragraph[found.end() :]):
            return _proper_court(_with_written_seat(found[0], paragraph[found.end() :]))
    return None


def _circuit_court_after_verb(clause: str) -> str | None:
    """The circuit court a closing says resolved ("Así lo resolvió el Primer Tribunal
    Colegiado…"), only as the verb's subject, never a court named further on."""
    verb = _CLOSING_VERB.search(clause)
    if verb is None:
        return None
    found = _CIRCUIT_COURT.search(clause, verb.start())
    if found and _RESOLVED_BY.match(clause[verb.start() + 6 : found.start()]):
        return _proper_court(_with_written_seat(found[0], clause[found.end() :]))
    return None


# A federal court of one magistrate, which its closing names through its magistrate ("Así
# lo resolvió y firma el Magistrado del Primer Tribunal Unitario del Segundo Circuito…",
# "…la Magistrada Titular del Tribunal Unitario Agrario del Distrito 8…", "…el Magistrado
# Juan Pérez López, titular del Tribunal Unitario…"): the court up to its circuit or its
# district's number, capitalised (a name, not a reference).
_UNITARIO = re.compile(
    rf"\b(?:(?-i:[A-Z])[a-záéíóú]+\s+)?(?-i:T)ribunal\s+(?-i:U)nitario\s+"
    rf"(?:(?-i:A)grario\s+del\s+(?-i:D)istrito\s+(?:(?:n[uú]mero|n[uú]m\.|no\.)\s*)?"
    rf"(?:\d{{1,2}}|[a-záéíóú]+(?:\s+y\s+[a-záéíóú]+)?)(?![\w/])"
    rf"|(?:en\s+[Mm]aterias?\s+[^,.;:\n]{{3,60}}?\s+)?del\s+(?:{_CIRCUIT_ORDINAL}\s+){{1,2}}"
    rf"(?-i:C)ircuito\b)",
    re.I,
)
# Between the closing's verb and the unitario: its magistrate, named or not, and his office.
_UNITARIO_SIGNER = re.compile(
    r"^\w*,?\s+(?:y\s+firman?,?\s+)?(?:el|la)\s+(?:(?:ciudadan[oa]|C\.)\s+)?"
    r"magistrad[oa](?:\s+(?:titular|unitari[oa]))?"
    r"(?:\s+(?:licenciad[oa]\s+|lic\.\s*|doctor[a]?\s+|dr[a]?\.\s*)?"
    r"(?-i:[A-ZÁÉÍÓÚÑ][\w.]+(?:\s+(?:de|del|la|los|las|y))?(?:\s+[A-ZÁÉÍÓÚÑ][\w.]+){1,5})"
    r",?\s+(?:(?:magistrad[oa]\s+)?titular|magistrad[oa]))?"
    r"\s+(?:del|de\s+este|de\s+esta)\s+$",
    re.I,
)


def _unitario_after_verb(clause: str) -> str | None:
    """The unitario whose magistrate the closing says resolved, only as the verb's subject
    (a unitario merely named further on is another's: the one whose ruling is appealed)."""
    verb = _CLOSING_VERB.search(clause)
    if verb is None:
        return None
    found = _UNITARIO.search(clause, verb.start())
    if found and _UNITARIO_SIGNER.match(clause[verb.start() + 6 : found.start()]):
        return _proper_court(_with_written_seat(found[0], clause[found.end() :]))
    return None


# A state court's chamber the closing names as the verb's subject ("Así lo resolvió la
# Tercera Sala Unitaria Penal del Tribunal Superior de Justicia del Estado…"): an ordinal or
# a kind and "Sala", capitalised, up to a comma or what the sentence says next. The
# TEPJF's and the SCJN's chambers are read by their own patterns ("Sala Superior" alone
# names no state's court).
_STATE_SALA = re.compile(
    r"(?:(?:[A-ZÁÉÍÓÚ][a-záéíóú]+[oa]|D[eé]cim[oa][ \t]+[A-Za-záéíóú]+)[ \t]+)?Sala"
    r"[ \t]+(?!Superior\b|Regional\b|Auxiliar\b)"
    # a numbered sala named by its court alone: "Décima Sala del Supremo Tribunal…"
    r"(?:[A-ZÁÉÍÓÚ]|del[ \t]+(?:H\.[ \t]*|Honorable[ \t]+)?(?:Supremo[ \t]+Tribunal|Tribunal"
    r"[ \t]+Superior)\b)[^,;\n]{2,160}?"
    # (a court's "H." is no full stop: "…Penal del H. Tribunal Superior…")
    r"(?=\s*(?:,|$|(?<!\bH)\.\s|\s(?:por|que|integrad[oa]|con|quien|ante|siendo|bajo)\s)"
    r"|[ \t]*\n)"
)


def _state_sala_after_verb(clause: str) -> str | None:
    """The state chamber a closing says resolved, only as the verb's subject."""
    verb = _CLOSING_VERB.search(clause)
    if verb is None:
        return None
    found = _STATE_SALA.search(clause, verb.start())
    if found and found[0].startswith("Sala del"):
        return None  # "la Sala del Tribunal Superior…" names no one of its salas
    if found and _RESOLVED_BY.match(clause[verb.start() + 6 : found.start()]):
        return normalise_court(found[0].rstrip(" ."))
    pleno = _STATE_PLENO.search(clause, verb.start())
    if pleno and _RESOLVED_BY.match(clause[verb.start() + 6 : pleno.start()]):
        # ("Tribunal Pleno" is its Pleno; named as a caption names it, without "H." and
        # "Libre y Soberano")
        return normalise_court(_PLENO_EXTRAS.sub("", pleno["court"]).rstrip(" ."))
    return None


# A state high court's Pleno the closing names as the verb's subject, with its state ("Así
# lo resolvió el Pleno del Tribunal Superior de Justicia del Estado de Nuevo León, por…"):
# the state named, up to a comma or what the sentence says next (without it, "del Estado"
# alone names no one court).
_PLENO_EXTRAS = re.compile(
    r"(?<=del )(?:H\.[ \t]*|Honorable[ \t]+)|[ \t]+Libre[ \t]+y[ \t]+Soberano(?=[ \t])"
)
_HONOURED = re.compile(r"^(?:H\.[ \t]*|Honorable[ \t]+)")
_STATE_PLENO = re.compile(
    r"(?:Tribunal[ \t]+)?(?P<court>Pleno[ \t]+del[ \t]+(?:H\.[ \t]*|Honorable[ \t]+)?"
    # (a state's electoral or administrative court's Pleno too: "Pleno del Tribunal
    # Electoral del Estado de Guerrero", "…del Tribunal de Justicia Administrativa del…")
    r"(?:(?:Supremo[ \t]+Tribunal|Tribunal[ \t]+Superior)[ \t]+de[ \t]+Justicia"
    r"|Tribunal[ \t]+Electoral|Tribunal[ \t]+de[ \t]+Justicia[ \t]+Administrativa)[ \t]+"
    r"(?:del[ \t]+Estado[ \t]+(?:Libre[ \t]+y[ \t]+Soberano[ \t]+)?de[ \t]+|de[ \t]+la[ \t]+)"
    r"[A-ZÁÉÍÓÚ][^,;\n]{2,60}?)(?=\s*(?:,|$|\.\s|\s(?:por|que|integrad[oa]|con|ante|siendo)\s))"
)


def _owned_sala(court: str, text: str) -> str | None:
    """A caption's sala written bare ("SEXTA SALA", "PRIMERA SALA PENAL": no letterhead
    above it) with the owner its own closing names: "Así lo resolvió la Sexta Sala del
    Supremo Tribunal de Justicia del Estado de Jalisco". Only the same sala, its words
    first; else None (the bare name stays, for the publisher to tie to its court)."""
    if not _STATE_SALA_LINE.match(court.upper()) or _OWNER_NAMED.search(court.upper()):
        return None
    bare = fold_keyword(court)
    for match in _closings(text):
        start = match.start(1)
        named = _state_sala_after_verb(_closing_passage(text, start, CLOSING_SUBJECT))
        if named and fold_keyword(named).startswith(f"{bare} de"):
            return named
    return None


def _proper_court(name: str) -> str | None:
    """A circuit court's name as a court's own (capitalised, in capitals or not); "el
    tribunal colegiado del circuito" in lower case is a reference, no name."""
    name = " ".join(name.split())
    return normalise_court(name) if name[:1].isupper() else None


def _from_last_court(window: str) -> str:
    """The window before a session's formula from the last SCJN or TEPJF court it names:
    the one the formula belongs to, not one the caption named above it ("SOLICITANTE:
    SEGUNDA SALA DE LA SUPREMA CORTE…" over "Acuerdo del Tribunal Pleno de la Suprema
    Corte…, correspondiente al día…")."""
    lowered = _lowered(window)
    if not _may_hold(lowered, *_HIGH_COURT_WORDS):
        return window
    starts = [m.start() for m in _PROSE_COURT.finditer(window)]
    return window[starts[-1] :] if starts else window


# An opening whose sentence has the SCJN's or TEPJF's court for subject and the verb that
# gives the sentence after it, its date on a place-and-date line before ("Ciudad de México,
# a once de marzo de dos mil veintiuno. La Primera Sala de la Suprema Corte…, emite la
# siguiente sentencia"); a court cited says "ha sostenido", "resolvió".
_EMITS = re.compile(
    r",?\s+(?:emite|dicta|pronuncia)\s+(?:la|el|esta|este)\s+(?:siguiente|presente)\b"
)
_SENTENCE_START = re.compile(r"(?:^|(?<=[.:]\s)|(?<=\n))[ \t]*(?:El|La)\s+$")


def _emitting_court(head: str) -> tuple[str, int] | None:
    lowered = _lowered(head)
    if not _may_hold(lowered, *_HIGH_COURT_WORDS):
        return None
    for found in _PROSE_COURT.finditer(head[: _head_end(head)]):
        before = head[max(0, found.start() - 8) : found.start()]
        if _SENTENCE_START.search(before) and _EMITS.match(head, found.end()):
            court = normalise_court(found[0])
            return (court, found.start()) if court else None
    return None


# The Pleno as the 1990s' closings name it: "Así lo resolvió la Suprema Corte de Justicia
# de la Nación, en Pleno, por unanimidad…" ("funcionando en Pleno")
_SCJN_IN_PLENO = _starting(
    "s",
    r"\bsuprema\s+corte\s+de\s+justicia\s+de\s+la\s+naci[oó]n,?\s+(?:funcionando\s+)?"
    r"en\s+pleno\b",
)


# A court's noun: the first one after a closing's verb is its subject's (a court named
# after another is one it cites: "Así lo resolvió el Primer Tribunal Colegiado…, conforme
# a la jurisprudencia de la Primera Sala de la SCJN").
_COURT_NOUN = re.compile(r"\b(?:tribunal|juzgado|jue(?:z|za|ces)|sala|pleno|suprema|corte)\b", re.I)


def _first_court_in(clause: str) -> str | None:
    """The SCJN's or TEPJF's court a closing's clause names first after its verb, where no
    other court is named before it."""
    verb = _CLOSING_VERB.search(clause)
    after = verb.end() if verb else 0
    noun = _COURT_NOUN.search(clause, after)
    if noun is None:
        return None
    lowered = _lowered(clause)
    if _may_hold(lowered, "pleno"):
        found = _SCJN_IN_PLENO.search(clause, after)
        if found and found.start() <= noun.start():
            return "Pleno de la SCJN"
    if _may_hold(lowered, "regional"):
        found = _REGIONAL_PROSE.search(clause, after)
        if found and found.start() <= noun.start() and regional_chamber(found[0]):
            return regional_chamber(found[0])
    found = _may_hold(lowered, *_HIGH_COURT_WORDS) and _PROSE_COURT.search(clause, after)
    if found and found.start() <= noun.start():
        return normalise_court(found[0])
    return None


def _court_in(window: str) -> str | None:
    lowered = _lowered(window)
    if _may_hold(lowered, "pleno") and _SCJN_IN_PLENO.search(window):
        return "Pleno de la SCJN"
    regional = _may_hold(lowered, "regional") and _REGIONAL_PROSE.search(window)
    if regional:
        court = regional_chamber(regional[0])
        if court:
            return court
    prose = _may_hold(lowered, *_HIGH_COURT_WORDS) and _PROSE_COURT.search(window)
    return normalise_court(prose[0]) if prose else None


# Before a federal court named in the opening, what makes it the document's own: "esta"
# ("esta Primera Sala de la Suprema Corte…", "este Alto Tribunal Pleno…"), or a heading
# line opening with what the document is ("Sentencia de la Sala Superior…", "SESIÓN
# PÚBLICA ORDINARIA DEL PLENO DE LA…"): capitalised, at a line's start that continues no
# sentence. A court cited otherwise ("conforme a la jurisprudencia del Pleno de la…") is
# another's.
_SELF = _starting("e", r"\best[ae]\s+(?:(?:h\.|honorable|alt[oa])\s*)?(?=[pst])", re.I)
# its lowercase twin (``_lowered``), opening with a literal: looked for at C speed
_SELF_LOW = re.compile(r"est[ae]\s+(?:(?:h\.|honorable|alt[oa])\s*)?(?=[pst])")
_HEADING_LEAD = re.compile(
    r"(?:[^\W\d_]+\s+){0,4}?(?:sentencia|resoluci[oó]n|ejecutoria|sesi[oó]n)"
    r"(?:\s+[^\W\d_]+){0,4}?\s+(?:del?|por)\s+(?:(?:la|el)\s+)?"
    r"(?=(?:primera|segunda)\s+sala|(?:tribunal\s+(?:en\s+)?)?pleno|sala\s+(?:superior|regional))",
    re.I,
)
_HEADING_WORDS = ("sentencia", "resoluci", "ejecutoria", "sesi")
_CONTINUED = re.compile(r"[a-záéíóúñ,;]\s*$")
HEADING_LINES = 60  # a heading past the caption and an index is no longer the document's


def _own_court_in(head: str) -> tuple[str, int] | None:
    """The first federal court the opening names as its own: after "esta", or where a
    heading line leads to it. Looked for from those words (few), not from every court
    named (a state's opening may cite dozens)."""
    lowered = _lowered(head)
    if not _may_hold(lowered, *_HIGH_COURT_WORDS, "regional"):
        return None
    own = _after_self(head, lowered)
    return _heading_court(head, lowered, own[1] if own else len(head)) or own


def _after_self(head: str, lowered: str | None) -> tuple[str, int] | None:
    if lowered is None:
        found = (m.end() for m in _SELF.finditer(head))
    else:
        found = (
            m.end()
            for m in _SELF_LOW.finditer(lowered)
            if not lowered[max(0, m.start() - 1) : m.start()].isalnum()
        )
    return next(filter(None, (_court_at(head, at) for at in found)), None)


def _heading_court(head: str, lowered: str | None, before: int) -> tuple[str, int] | None:
    """A court a heading line of the caption leads to, before offset ``before``."""
    if lowered is None:
        starts = {0} | {i + 1 for i, c in enumerate(head) if c == "\n"}
    else:
        starts = set()
        for word in _HEADING_WORDS:
            found = lowered.find(word)
            while found != -1:
                starts.add(lowered.rfind("\n", 0, found) + 1)
                found = lowered.find(word, found + 1)
    for at in sorted(starts):
        if at >= before or head.count("\n", 0, at) >= HEADING_LINES:
            break
        end = head.find("\n", at)
        end = len(head) if end == -1 else end
        if not head[at : at + 1].isupper() or (at and _continues(head, at)):
            continue
        lead = _HEADING_LEAD.match(head, at, end + 40)
        if lead is not None and lead.end() <= end:
            court = _court_at(head, lead.end())
            if court and court[1] < before:
                return court
    return None


def _court_at(head: str, at: int) -> tuple[str, int] | None:
    """The federal court named right at ``at``, normalised, if any."""
    prose = _PROSE_COURT.match(head, at)
    if prose:
        court = normalise_court(prose[0])
        return (court, at) if court else None
    regional = _REGIONAL_PROSE.match(head, at)
    court = regional_chamber(regional[0]) if regional else None
    return (court, at) if court else None


def _continues(head: str, at: int) -> bool:
    """Whether the line starting at ``at`` goes on with the sentence of the line before
    (a PDF's break in a paragraph), so that it heads nothing."""
    previous = head[:at].rstrip()
    previous = previous[previous.rfind("\n") + 1 :]
    return bool(_CONTINUED.search(previous)) and not _shouting(previous)


# Letters outside ASCII that a case-insensitive pattern takes for an ASCII one and that
# ``str.lower`` does not lower to it: the dotted and dotless i, the long s.
_ODD_CASES = ("\u0130", "\u0131", "\u017f")


@functools.lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """``text`` lower-cased, to see at C speed whether a case-insensitive pattern's words
    are there before the pattern tries every position of a long text; None where a letter
    of ``_ODD_CASES`` is present (the pattern alone can tell then). Remembered for the
    last few texts: several readers ask for the same opening."""
    return None if any(odd in text for odd in _ODD_CASES) else text.lower()


def _may_hold(lowered: str | None, *words: str) -> bool:
    """Whether a case-insensitive pattern each of whose matches contains one of ``words``
    (lower-case ASCII) may match the text ``_lowered`` gave: False only when it cannot."""
    return lowered is None or any(word in lowered for word in words)


# Courts named for civil matters also hear mercantile cases (concurrent jurisdiction: a
# Jalisco "Sala Especializada en Materia Civil" resolves tocas of juicios mercantiles)
# and, where a state has no family salas, family ones (a Jalisco civil sala's toca of a
# sucesorio is "Familiar" in its own records): their name gives "civil" only where the
# opening names nothing of commerce (a juicio mercantil, the Código de Comercio, a
# pagaré's acción cambiaria, títulos de crédito) nor of family law (a sucesión, its
# herederos, a divorcio, alimentos, custodia…).
_COURT_OF_SEVERAL = frozenset(("civil",))
_NOT_ONLY_CIVIL = re.compile(
    r"\b(?:mercantil|comerci(?:o|al|ante)|cambiari|pagar[eé]|letras?\s+de\s+cambio"
    r"|t[ií]tulos?\s+de\s+cr[eé]dito|cheques?\b"
    r"|familiar|sucesori|sucesi[oó]n|hereder|hereditari|testament|intestament|legatari"
    r"|albacea|divorci|alimentos|alimentari|alimenticia|custodia|patria\s+potestad"
    r"|convivencia|filiaci[oó]n|paternidad|adopci[oó]n|matrimoni|concubin|tutela|tutor"
    r"|interdicci[oó]n|menores?\s+de\s+edad)",
    re.I,
)


_MATTER_STEMS = tuple((re.compile(rf"\b{stem}"), matter) for stem, matter in MATTER_WORDS.items())


def _court_matter(court: str | None, head: str = "") -> str | None:
    """The matter a court's name gives when it names one (``Juzgado de Oralidad
    Familiar``, ``Sala Penal``, ``Segunda Sala Civil``); none for courts of several
    matters ("Sala Civil y Familiar"), nor for a civil one whose opening (``head``) names
    anything of commerce or of family law, or that has no opening: it may be a mercantile
    or a family case."""
    folded = fold_keyword(court or "")
    found = {matter for stem, matter in _MATTER_STEMS if stem.search(folded)}
    if len(found) != 1:
        return None
    if found & _COURT_OF_SEVERAL and (
        _NOT_ONLY_CIVIL.search(head) or not _OPENING_PROSE.search(head)
    ):
        return None
    return found.pop()


# Prose in the opening (a word in lower case and three more running on, "Vistos para
# resolver los…", "…definitiva dictada el 14…"; or a paragraph's long line, as a shouting
# copy writes it): without any, a text that is a caption or a title alone ("Toca 52/2025 —
# SÉPTIMA SALA ESPECIALIZADA EN MATERIA CIVIL") says nothing of what its civil sala's case
# is about: family and commerce are as likely (two of the eight civil salas' tocas of the
# Jalisco records).
_OPENING_PROSE = re.compile(r"(?<!\w)[a-záéíóúñ]{2,}(?:[ \t]+[\w,.;]+){3}|[^\n]{160}")


def read_matter(
    head: str, expediente: str | None, proceeding: str | None, court: str | None = None
) -> str | None:
    lowered = _lowered(head)
    label = _may_hold(lowered, "materia") and _MATTER_LABEL.search(head)
    # (a label of two matters is the court's, "MATERIA: CIVIL Y PENAL" under a juzgado
    # mixto's letterhead, not the case's: the case's kind says which)
    labelled = normalise_matter(label[1]) if label else None
    if labelled:
        return labelled
    if proceeding:
        matter = normalise_matter(proceeding)
        if matter in MATTERS:
            return matter
        if proceeding == "juicio de la ciudadanía":
            return "electoral"  # (its short name holds no matter's word)
        if not expediente and _CODE_BY_NAME.get(proceeding) in CASE_TYPE_MATTERS:
            # a recurso named by the asunto it is in ("recurso de queja en controversia
            # constitucional"), its kind read with no number of its own
            return CASE_TYPE_MATTERS[_CODE_BY_NAME[proceeding]]
    for case in parse_expediente(expediente):
        if case.electoral:
            return "electoral"
        if case.type_code in CASE_TYPE_MATTERS:
            return CASE_TYPE_MATTERS[case.type_code]
    if _is_appeal(head, expediente):
        # an appeal keeps the matter of the juicio it comes from
        origin = normalise_matter(_origin_proceeding(head, expediente))
        if origin in MATTERS:
            return origin
    written = _may_hold(lowered, "toca", "causa") and _MATTER_OF_CASE.search(head)
    if written:
        return normalise_matter(written[1])
    return _court_matter(court, head)


_CODE_BY_NAME = {case_type.name.lower(): case_type.code for case_type in CASE_TYPES}


def _is_appeal(head: str, expediente: str | None) -> bool:
    kinds = _own_kinds(head, expediente)
    return bool(kinds) and all(case.type_code in _APPEALS for case in kinds)


_FIRST_INSTANCE = frozenset(("CP", "CJ", "CA"))


@functools.lru_cache(maxsize=8)
def _own_kinds(head: str, expediente: str | None) -> tuple[CaseNumber, ...]:
    """The document's own case numbers; without them, those the opening's prose names if
    they are all of one kind (there it may name a related case: "el amparo indirecto
    427/2025, relacionado con el toca 381/2024" says neither which one this is). A toca's
    first-instance files (expediente, causa, carpeta) are its origin, not a rival.
    Remembered for the last few openings: the readers of one document ask three times."""
    if expediente:
        return tuple(parse_expediente(expediente))
    opening = head[:CAPTION_CHARS]
    cases = [case for case in parse_expediente(opening) if case.type_code not in ("", "EXP")]
    # types named by their words: "ad" in "ad perpetuam" is no amparo directo
    named = {
        case_type_code(m[0])
        for m in _TYPE_NAMED.finditer(fold_keyword(opening))
        if len(m[0].replace(".", "").replace(" ", "")) > 4
    }
    if any(case.type_code == "TOCA" for case in cases):
        # a toca is formed for an appeal (or a queja) on a first-instance file
        cases = [case for case in cases if case.type_code not in _FIRST_INSTANCE]
        named -= _FIRST_INSTANCE | _TOCA_RECURSOS
    # "el recurso de revisión interpuesto en el juicio de amparo 345/2024": the number
    # is the amparo's, and the document may be the recurso
    named -= {None, "EXP"}
    kinds = {case.type_code for case in cases}
    return tuple(cases) if len(kinds) == 1 and named <= kinds else ()


def _origin_proceeding(head: str, expediente: str | None) -> str | None:
    """The first-instance proceeding a reviewing document (a toca, an appeal) names as
    its origin: its caption's ``JUICIO:`` label or ``deducido del juicio ORDINARIO CIVIL``."""
    return _named_proceeding(head, expediente, origin=True)


def _reviews(head: str, expediente: str | None) -> bool:
    """Whether the document's own case reviews another (a toca, an appeal, an amparo); a
    caption saying ``TOCA`` whose number did not read (``TOCA: l45/2024``) counts too."""
    kinds = _own_kinds(head, expediente)
    if not kinds and _TOCA_WORD.search(head[:CAPTION_CHARS]):
        return True
    return any(case.type_code in _REVIEWING for case in kinds)


def _named_proceeding(head: str, expediente: str | None, origin: bool) -> str | None:
    """The proceeding the opening names (label or prose): the document's own (``origin``
    False) or the one it comes from (True). A toca's or an amparo's ``JUICIO:`` label and
    ``relativo al juicio…`` name the case reviewed; ``deducido del juicio…`` always does."""
    reviewing = _reviews(head, expediente)
    labelled = ":" in head or "|" in head or "\t" in head  # a label needs one
    found_labels = _PROCEEDING_LABEL.finditer(head) if labelled else ()
    lines = _PROCEEDING_LINE.finditer(head[:CAPTION_CHARS]) if "JUICIO" in head else ()
    labels = (_label_proceeding(found[1]) for found in (*found_labels, *lines))
    value = next((value for value in labels if value), None)
    if value and reviewing == origin:
        return value
    prose = _PROCEEDING.finditer(head) if _PROCEEDING_NAMED.search(head) else ()
    for found in prose:
        sentence_start = max(head.rfind(mark, 0, found.start()) for mark in ".;\n") + 1
        before = head[max(sentence_start, found.start() - 300) : found.start()]
        of_origin = (
            reviewing
            or bool(_ORIGIN_LEAD.match(found["lead"]))
            or bool(_REVIEW_BEFORE.search(before))
        )
        if of_origin != origin:
            continue
        words = found[3].split()
        while words and words[-1] in ("Y", "E", "DE"):
            words.pop()
        if words:
            return " ".join([found[2].lower(), *words]).lower()
    return None


def _label_proceeding(value: str) -> str | None:
    """The proceeding a caption's ``JUICIO:`` label gives (``juicio ordinario civil``):
    its value up to a number or another cell, in capitals or with every word capitalised
    (prose after "juicio:" is no value); an amparo's kind (``JUICIO: AMPARO DIRECTO``) as
    that kind's name; None when no value is left."""
    value = " ".join(_LABEL_VALUE_END.sub("", value).strip(" .,:;-").split())
    words = value.split()
    if words[:1] and fold_keyword(words[0]) == "juicio":
        words = words[1:]  # "JUICIO: JUICIO ORDINARIO CIVIL"
    if not words or not any(len(w) > 2 for w in words):
        return None
    named = all(w[0].isupper() or w.lower() in _LINK_WORDS for w in words)
    if not (_shouting(" ".join(words)) or named):
        return None
    folded = fold_keyword(" ".join(words))
    if folded in _AMPARO_KINDS:
        return _AMPARO_KINDS[folded]
    lowered = " ".join(words).lower()
    first = fold_keyword(words[0])
    if first in _PROCEEDING_NOUNS:
        return lowered  # "CONTROVERSIA DEL ORDEN FAMILIAR" is a proceeding's own name
    if first in _MATTER_NOUNS:
        return f"juicio de {lowered}"  # "DIVORCIO INCAUSADO": the juicio de divorcio
    return f"juicio {lowered}"  # "ORDINARIO CIVIL", "ESPECIAL HIPOTECARIO": its kind


# A label's value that names what the juicio is about, a noun, as captions and openings
# write it after "juicio de" ("JUICIO: DIVORCIO INCAUSADO" is the juicio de divorcio
# incausado, "JUICIO: ALIMENTOS" the juicio de alimentos); a kind ("ORDINARIO CIVIL",
# "SUCESORIO INTESTAMENTARIO") follows "juicio" bare, and a value that is itself a
# proceeding's name ("CONTROVERSIA DEL ORDEN FAMILIAR", "PROCEDIMIENTO ESPECIAL DE
# DIVORCIO") stays as the label writes it.
_MATTER_NOUNS = frozenset(
    ("divorcio", "alimentos", "nulidad", "perdida", "guarda", "custodia", "rectificacion",
     "reconocimiento", "desconocimiento", "usucapion", "prescripcion", "otorgamiento",
     "terminacion", "rescision", "cumplimiento", "pago", "desahucio", "interdiccion",
     "adopcion", "investigacion", "reparacion", "responsabilidad", "accion", "convivencia",
     "regimen", "patria", "declaracion", "liquidacion", "disolucion")
)  # fmt: skip
_PROCEEDING_NOUNS = frozenset(
    ("controversia", "controversias", "procedimiento", "diligencias", "jurisdiccion",
     "medios", "terceria", "incidente", "providencia", "providencias")
)  # fmt: skip


_TFJA_JUICIO = re.compile(r"juicio\s+contencioso\s+administrativo", re.I)
# Kinds of case with no matter of their own whose name is still the proceeding.
_NAMED_KINDS = frozenset(("TOCA", "CT", "CCR"))
# A recurso's kind too, where it is the document's own number ("RECURSO DE QUEJA Q.A.
# 131/2017", the Tribunal de Disciplina Judicial's "RECURSO DE REVISIÓN 14/2025"), never
# one the opening's prose names: "el recurso de apelación deducido del juicio ORDINARIO
# CIVIL 123/2023" gives the number the recurso's type, and it is the juicio's.
_RECURSO_KINDS = frozenset(("RQ", "RREV", "RR", "RRA", "RI", "RAPL"))
# …and the SCJN's and circuit courts' other asuntos, each numbered on its own, where the
# number is the document's ("SOLICITUD DE EJERCICIO DE LA FACULTAD DE ATRACCIÓN 12/2024",
# "IMPEDIMENTO 5/2024", "CONFLICTO COMPETENCIAL 3/2023", "INCIDENTE DE SUSPENSIÓN
# (REVISIÓN) 45/2023"): the asunto is its own proceeding, with no matter of its own
_ASUNTO_KINDS = frozenset(
    ("SFA", "IMP", "SSJ", "SMJ", "SRC", "DIN", "CCOMP", "RECU", "EXC", "ISR", "ACS", "CUS", "JI",
     "RRIS")
)  # fmt: skip


def read_proceeding(head: str, expediente: str | None = None) -> str | None:
    """The document's own proceeding, never the one a toca or an amparo comes from (the
    juicio it was ``deducido del``): for those, their own kind (``toca``) or nothing."""
    own = _named_proceeding(head, expediente, origin=False)
    if own:
        return own
    jdc = _jdc_proceeding(head)
    if jdc:
        return jdc
    if not expediente:
        derived = _derived_caption_kind(head)
        if derived is not None:
            return derived.name.lower()
    kinds = _own_kinds(head, expediente)
    if kinds and all(case.sala for case in kinds) and _TFJA_JUICIO.search(head[:CAPTION_CHARS]):
        return "juicio contencioso administrativo"  # the TFJA's number is a juicio's
    for case in kinds:
        if case.electoral_chamber in ELECTORAL_COURTS and case.type_code in ELECTORAL_TYPES:
            # the means of challenge is part of a chamber's number (SUP-JE-112/2024)
            return ELECTORAL_TYPES[case.type_code].lower()
        if case.electoral and case.type_code in LOCAL_MEANS and len(kinds) == 1:
            # a local court's key ("JDC-12/2023", "TEEM-JDC-45/2024") alone: its kind is
            # what the code stands for in every state (a code some states use for other
            # means, "RA", "RI", gives none)
            return LOCAL_MEANS[case.type_code]
        if (
            case.type_code in CASE_TYPE_MATTERS
            or case.type_code in _NAMED_KINDS
            or (expediente and case.type_code in _RECURSO_KINDS | _ASUNTO_KINDS)
        ):
            name = next((t.name for t in CASE_TYPES if t.code == case.type_code), None)
            if name:
                return name.lower()
    return None


def _derived_caption_kind(head: str) -> CaseType | None:
    """The kind of recurso or incidente the caption's first case line names by the asunto
    it is in ("RECURSO DE QUEJA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024": a queja in a
    controversia, whose number is unsure: no expediente, but the kind is the document's)."""
    for line, _at in _unwrapped(_caption(head)):
        if opens_with_case(line):
            return derived_kind(line)
    return None


def read_judgment_type(head: str) -> str | None:
    """The kind of judgment the document is (``sentencia definitiva``), never that of the
    decision it reviews, complies with or corrects, which a toca's opening names too."""
    lowered = _lowered(head)
    if not (
        _may_hold(lowered, "sentencia", "resoluci", "ejecutoria")
        and _may_hold(lowered, "definitiva", "interlocutoria", "segunda", "ejecutoria")
    ):
        return None
    for found in _JUDGMENT.finditer(head):
        sentence_start = max(head.rfind(mark, 0, found.start()) for mark in ".;:\n") + 1
        before = fold_keyword(head[max(sentence_start, found.start() - 100) : found.start()])
        after = fold_keyword(head[found.end() : found.end() + 40])
        if _OTHER_JUDGMENT_BEFORE.search(before) or _OTHER_JUDGMENT_AFTER.match(after):
            continue
        return " ".join(fold_keyword(found[1]).split())
    return None


# A thesis of the Semanario Judicial de la Federación (its page or its PDF): "Registro
# digital: 2026543" (older: "Registro: 161234") and "Tipo: Jurisprudencia" / "Tipo de
# Tesis: Aislada" among its first lines. It is no sentence: the case number, date, ponente
# and secretario it states are its precedents', and it has no proceeding or ruling.
_TESIS_REGISTRY = re.compile(r"^\s*Registro(?:\s+digital)?\s*:\s*\d{4,8}\s*$", re.I | re.M)
_TESIS_KIND = re.compile(
    r"^\s*Tipo(?:\s+de\s+tesis)?\s*:\s*(?:jurisprudencia|aislada)\b", re.I | re.M
)
_TESIS_MATTERS = re.compile(r"^\s*Materias?(?:\s*\(s\)|\(s\))?\s*:\s*([^\n]{3,80})$", re.I | re.M)
_TESIS_INSTANCE = re.compile(
    r"^\s*Instancia\s*:\s*(Pleno|Primera Sala|Segunda Sala)\s*$", re.I | re.M
)
_TESIS_HEAD_CHARS = 1500
_TESIS_ISSUER = re.compile(
    r"^[ \t]*((?:[A-ZÁÉÍÓÚÑ]+ )*(?:TRIBUNAL COLEGIADO|PLENO)\b[A-ZÁÉÍÓÚÑ ,.-]*?"
    r"\b(?:CIRCUITO|REGI[OÓ]N [A-ZÁÉÍÓÚÑ-]+))\b[^\n]*$",
    re.M,
)


def _is_tesis(head: str) -> bool:
    top = head[:_TESIS_HEAD_CHARS]
    return bool(_TESIS_REGISTRY.search(top) and _TESIS_KIND.search(top))


def _read_tesis(text: str) -> Reading:
    """A thesis's own fields: the court that issued it (its instance, or the court the
    readers find) and its matter where it lists one alone ("Materia(s): Penal"; several
    are unsure: none)."""
    reading = Reading()
    top = text[:_TESIS_HEAD_CHARS]
    instance = _TESIS_INSTANCE.search(top)
    if instance:
        reading.put("court", f"{title_case(instance[1])} de la SCJN", instance.start(1))
    else:  # a circuit court's or Pleno's thesis: its name in capitals above the precedents
        issuer = _TESIS_ISSUER.search(text)
        court = issuer and normalise_court(" ".join(issuer[1].split()))
        if court:
            reading.put("court", court, issuer.start(1))
    matters = _TESIS_MATTERS.search(top)
    if matters and not re.search(r"[,;/]|\sy\s", matters[1]):
        matter = normalise_matter(matters[1])
        reading.put("matter", matter if matter in MATTERS else None, matters.start(1))
    return reading


# A vote published after the sentence, in the same file: its heading opens a line ("VOTO
# PARTICULAR QUE FORMULA LA MINISTRA…", "VOTO CONCURRENTE Y PARTICULAR…", "Voto
# aclaratorio del Magistrado…", "VOTOS PARTICULARES…"); never the prose that announces
# one ("…anunció voto particular").
# (after a line break, a literal the engine finds at C speed: ``^`` under MULTILINE is
# tried at every character; a vote at the text's very start has no closing before it)
_VOTE_HEADING = re.compile(
    r"\n[ \t]*votos?\s+(?:particular(?:es)?|concurrentes?|aclaratorios?|razonados?"
    r"|de\s+minor[ií]a|disidentes?)\b[^\n]{0,300}$",
    re.I | re.M,
)


def _without_votes(text: str) -> str:
    """The sentence without the votes published after it: from the first vote heading
    that follows a closing ("Así lo resolvió…") on, the text is a Ministro's or a
    Magistrado's own (its "se resuelve:" quoting points, its signature, its dates are no
    sentence's); the closing a line of its own, never one telling of another decision. A
    text that opens with a vote (one published alone) is kept whole."""
    for heading in _VOTE_HEADING.finditer(text):
        before = text[: heading.start() + 1]
        if any(not _tells_of_another(m[1]) for m in _CLOSING.finditer(before)):
            return before
    return text


# A case type's word split at a caption line's end, as a scan or a narrow cell gives it
# ("AMPARO DIRECTO EN REVI-⏎SIÓN 2345/2023"): the word's rest on the next line.
_TYPE_WORD_SPLIT = re.compile(r"(?<=[^\W\d_]{2})-[ \t]*\n[ \t]*([^\W\d_]+)")
_TYPE_WORDS_AT = re.compile(rf"(?<!\w)(?:{CAPTION_TYPE_WORDS})(?!\w)")


def _case_types_joined(text: str) -> str:
    """``text`` with each case type's word a line's end split in its heading made whole
    (read as its two halves, "amparo directo" and a line "SIÓN 2345/2023", the kind is the
    wrong one), the break's characters put after it as spaces: every offset is the same.
    Only where the word joined completes a case type's name ("EN REVI-⏎SIÓN" after "AMPARO
    DIRECTO"); any other split (a name, a compound "CENTRO-⏎SUR") is left as it is."""
    head = text[:HEAD_CHARS]
    if "-" not in head:
        return text
    pieces: list[str] = []
    done = 0
    for split in _TYPE_WORD_SPLIT.finditer(head):
        line_start = text.rfind("\n", 0, split.start()) + 1
        before = _fold_caption(text[line_start : split.start()])
        joined = _fold_caption(text[line_start : split.start()] + split[1])
        cut = len(before)
        if any(m.start() < cut < m.end() for m in _TYPE_WORDS_AT.finditer(joined)):
            pieces += [text[done : split.start()], split[1], " " * (len(split[0]) - len(split[1]))]
            done = split.end()
    return "".join(pieces) + text[done:] if pieces else text


def read_sentence(text: str) -> Reading:
    """Every field the sentence states about itself, with where it was read (the votes
    published after it are not read: ``_without_votes``; a case type's word split at a
    caption line's end is read whole: ``_case_types_joined``)."""
    text = _case_types_joined(_without_votes(text))
    head = text[:HEAD_CHARS]
    if _is_tesis(head):
        return _read_tesis(text)
    reading = Reading()
    expediente = read_expediente(text)
    court = read_court(text, expediente[0] if expediente else None)
    if expediente and court and _code_outside_its_courts(expediente[0], court[0]):
        expediente = None
    if expediente:
        reading.put("expediente", *expediente)
    own = reading.values.get("expediente")
    if court:
        reading.put("court", *court)
    reading.put("proceeding", read_proceeding(head, own), 0)
    matter = read_matter(head, own, reading.values.get("proceeding"), reading.values.get("court"))
    reading.put("matter", matter, 0)
    reading.put("judgment_type", read_judgment_type(head), 0)
    date = read_resolution_date(text)
    if date:
        reading.put("resolution_date", *date)
    ponente = read_ponente(text)
    if ponente:  # the caption's, or the closing's (the body, however short the sentence)
        caption = _own_caption(text, _PONENTE_LABEL)  # (the top's, or the formula's cover)
        in_caption = bool(caption) and ponente[1] <= caption[-1][1]
        reading.put("ponente", ponente[0], ponente[1] if in_caption else None)
    secretario = read_secretario(text)
    if secretario:
        reading.put("secretario", *secretario)
    ruling = read_ruling(text)
    if ruling:
        reading.put("ruling", ruling[0], None)  # the closing's points: the body, however short
    parties = read_parties(head, _caption(head))
    if parties:
        reading.parties = [f"{role}: {name}" for role, name, _at in parties]
        reading.sources["parties"] = "heading"  # (a caption's labels only)
    return reading


# The courts that number their cases by a collegiate court's codes ("R.C. 7/2024" amparo
# en revisión civil, "Q.A. 5/2024" queja administrativa, "A.R.", "D.P."…): the federal
# judiciary's (the SCJN, circuit and district courts, the Plenos Regionales).
_CODES_COURT = re.compile(
    r"\bSCJN\b|Suprema\s+Corte|Colegiad|Circuito|Regi[oó]n|\bde\s+Distrito\b|Unitari|Pleno\s+Regional",
    re.I,
)
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _code_outside_its_courts(expediente: str, court: str) -> bool:
    """Whether the document's own case is typed by a code alone ("R.C. 7/2024", "A.R.
    123/2024") in a court that is none of those that number by such codes (a state
    sala's "R.C." is its own series, no amparo en revisión): unsure, no case."""
    # (a chamber's "SUP-JDC-1234/2024" carries its type in its number, and an
    # expediente's own abbreviation, "EXP. 1234/2019", no kind: no code)
    typed = any(
        case.type_code not in (None, "EXP") and not case.electoral
        for case in parse_expediente(expediente)
    )
    return typed and not _LONG_WORD.search(expediente) and not _CODES_COURT.search(court)


def read_heading(text: str) -> dict[str, str]:
    """Raw fields (strings, as ``build_document`` takes them) read from the sentence."""
    return read_sentence(text).values
