"""Case numbers of other sentences: "amparo en revisión 1234/2023", "AR 1234/2023",
"contradicción de tesis 45/2019", "SUP-JDC-123/2024", "Toca penal 133/2021".

Read with the metadata reader's own types and canonical form (``AR 1234/2023``), so a
citation and a stored ``expediente_normalised`` compare equal. A number counts only when
its type is written right before it (or before the list it belongs to: "amparos
directos 12/2020 y 14/2021"); a bare "14/2023" may be a date or an office's number and
is left out. The court is kept when the text names it right after the number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace

from indexer.citations.model import Citation, citation
from indexer.readers.expedientes import (
    DERIVED_WORDS,
    ELECTORAL_CHAMBERS,
    ELECTORAL_PATTERN,
    FOLDED_TFJA_NUMBER,
    LINK_TO_ORIGIN,
    LOCAL_ELECTORAL_PATTERN,
    LOCAL_ELECTORAL_TYPES,
    TFJA_SECTION,
    TYPE_PHRASES,
    TYPE_WORDS,
    CaseNumber,
    case_type_code,
    clean_suffix,
    tfja_case,
)
from indexer.spots import Spans, checked, matches_at, occurrences, space_before, word_before

# Numbers are found first (they are few); the type is looked for just before each one.
# A toca's appeal after the year ("toca 1150/2019/1", "1150/2019 / 1") is part of its
# number; anything else after a slash ("1150/2019/1234", "1150/2019 / 1234",
# "1150/2019/1/2") is no case number, never a shorter one. A suffix after a hyphen:
# letters ("123/2023-CA", "- II") or, right after it, a number ("1150/2019-1"), kept
# whole (``clean_suffix``).
_NUMBER = re.compile(
    r"(?<![\w/.-])(?P<n>\d{1,6})\s*/\s*(?P<year>(?:19|20)\d\d)"
    r"(?:\s*/\s*(?P<appeal>\d{1,3})|(?!\s*/\s*\d))(?P<suffix>\s*-\s*[a-z]{1,4}\b|-\d{1,3})?"
    r"(?![\d/])"
)
_TYPE = re.compile(rf"(?<![\w.])(?:{TYPE_WORDS})(?![\w])")
LOOKBACK = 80  # how far before a number its type may be written
# Between the type and its number: "número", "No.", a qualifier of the type, the number
# it was registered under ("juicio de inconformidad bajo el número de expediente 56/2025":
# the number is the juicio's, not a bare expediente's).
_FIRST_GAP = re.compile(
    r"\s*(?:(?P<qualifier>directo\s+en\s+revision|en\s+revision|directo|indirecto"
    r"|administrativ[oa]|penal|civil|familiar|mercantil|laboral|de\s+apelacion)\s*)?"
    # the matter in brackets, as a running text qualifies a precedent ("amparo directo en
    # revisión [administrativo] 123/2020", "amparo en revisión (administrativa) 55/2019"):
    # the type is the one before it
    r"(?:[\[(]\s*(?:materia\s+)?(?:administrativ[oa]|penal|civil|familiar|mercantil|laboral"
    r"|fiscal|agrari[oa]|comun|del\s+trabajo|de\s+trabajo|constitucional)\s*[\])]\s*)?"
    r"(?:,?\s*(?:(?:registrad|radicad)[oa]s?\s+)?(?:bajo\s+(?:el\s+)?(?:(?:(?:numero|num\.|no\.)"
    r"\s*(?:de\s+)?)?expediente)?|con\s+(?:el\s+)?(?:numero|num\.|no\.)(?:\s*de\s+expediente)?)"
    r"\s*)?(?:(?:numeros?|num\.|nos?\.|n°|n\.°)\s*)?:?\s*$"
)
# Between two numbers of one list: "12/2020, 14/2021 y su acumulada 15/2021"; a
# footnote's mark after a number, as a Word file's text keeps it ("los amparos directos en
# revisión 7653/2019[footnoteRef:31] y 4370/2024[footnoteRef:32]"), is no end of the list.
_NEXT_GAP = re.compile(
    r"(?:\[footnoteref:\d{1,4}\])?\s*(?:,|y|e|,\s*y|,?\s*y\s+sus?\s+acumulad[ao]s?|,?\s*y\s+acumulad[ao]s?"
    r"|,?\s*acumulad[ao]s?|,?\s*y\s+(?:el|la|los|las)(?:\s+diverso)?)\s*"
    r"(?:(?:numeros?|num\.|nos?\.)\s*)?$"
)
_QUALIFIED = {
    ("AMP", "directo en revision"): "ADR",
    ("AMP", "en revision"): "AR",
    ("AMP", "directo"): "AD",
    ("AMP", "indirecto"): "AMP",
}
_PLACE = r"[A-ZÁÉÍÓÚ][\wáéíóúñ]+(?:\s+(?:de\s+)?[A-ZÁÉÍÓÚ][\wáéíóúñ]+){0,3}"
# A state's high court with the state it names: "Supremo Tribunal de Justicia del Estado de
# Jalisco", "Tribunal Superior de Justicia de la Ciudad de México", "… del Estado de Nuevo
# León" (the state kept whole: it tells one state's toca from another's).
# (the capital's as "H. Tribunal Superior de Justicia de la Ciudad de México" too, or "TSJCDMX")
_CAPITAL = r"(?:la\s+Ciudad\s+de\s+M[ée]xico|la\s+CDMX)"
_STATE_COURT = (
    r"(?:(?:H\.\s*)?(?:Supremo\s+Tribunal|Tribunal\s+Superior)\s+de\s+Justicia"
    rf"(?:\s+del\s+(?:Estado|Edo\.)(?:\s+(?:Libre\s+y\s+Soberano\s+)?de\s+{_PLACE})?"
    rf"|\s+de\s+{_CAPITAL}|\s+del\s+Distrito\s+Federal"
    rf"|\s+de\s+(?!la\b){_PLACE})?|TSJ\s*CDMX)"
)
_SALA_KINDS = (
    r"(?:Penal|Civil|Familiar|Mercantil|Colegiada\s+\w+|Unitaria\s+\w+"
    r"|(?:Especializada\s+)?en\s+Materias?\s+\w+(?:\s+y\s+\w+)?)"
)
_ORDINAL = (
    r"(?:(?:D[ée]cim[oa]\s+)?(?:Primera|Segunda|Tercera|Cuarta|Quinta|Sexta|S[ée]ptima|Octava"
    r"|Novena)|D[ée]cima|Und[ée]cima|Duod[ée]cima)"
)
# A local court named with its state (a state's juzgado, unlike a federal one, says "de
# la Ciudad de México", "del Estado de Jalisco"): "Juzgado Trigésimo Segundo de lo Civil
# de la Ciudad de México". Without its state a juzgado's name is no court here.
_STATE_JUZGADO = (
    r"Juzgado\s+(?:[^,;.\n]{0,80}?\s+)??"
    rf"(?:de\s+{_CAPITAL}|del\s+Distrito\s+Federal|del\s+(?:Estado|Edo\.)\s+de\s+{_PLACE}"
    rf"|del\s+{_STATE_COURT})"
)
# A federal juzgado de distrito named whole: its ordinal, its matter if any, and where it
# sits ("Juzgado Tercero de Distrito en Materia Administrativa en la Ciudad de México",
# "Juzgado Segundo de Distrito en el Estado de Jalisco", an auxiliary one's region). By its
# ordinal alone ("el Juzgado Tercero de Distrito") it may be any state's: no court here.
_DISTRICT_JUZGADO = (
    r"Juzgado\s+(?:[A-ZÁÉÍÓÚ][a-záéíóú]+\s+){1,3}de\s+Distrito\s+"
    r"(?:(?:de\s+Amparo\s+)?(?:en\s+Materias?\s+|de\s+)[^,;.\n]{3,80}?\s+)?"
    rf"(?:en\s+{_CAPITAL}|en\s+el\s+(?:Estado|Edo\.)\s+de\s+{_PLACE}"
    r"|del\s+Centro\s+Auxiliar\s+de\s+la\s+[A-ZÁÉÍÓÚ][a-záéíóú]+(?:\s+[A-ZÁÉÍÓÚ][a-záéíóú]+)?"
    r"\s+Regi[óo]n)"
)
# A vote count between the verb and the court: "resuelto por unanimidad de votos por la
# Primera Sala", "fallado por mayoría de ocho votos por el Tribunal Pleno".
_VOTES = r"(?:unanimidad|mayor[íi]a)\s+de\s+(?:\w+\s+)?votos"
# The Suprema Corte's bodies, as a precedent's reference names them after its number.
_SCJN_BODY = r"(?:(?:Primera|Segunda)\s+Sala|(?:Tribunal\s+)?Pleno)"
_COURT_NAME = (
    # A body whose owner is written after it ("Pleno del Tribunal Superior de Justicia…",
    # "Primera Sala del Tribunal de Justicia Administrativa…", "Sala Regional Guadalajara
    # del Tribunal Federal de Justicia Administrativa") is that owner's, not the Court's nor
    # the TEPJF's: taken only with the owner these forms know, else no court at all.
    r"(?P<court>(?:Primera|Segunda)\s+Sala(?:\s+de\s+(?:la|esta)\s+Suprema\s+Corte"
    r"(?:\s+de\s+Justicia\s+de\s+la\s+Naci[óo]n)?"
    r"|(?!\s+(?:Penal|Civil|Familiar|Colegiada|Unitaria|en\s|Especializada|Mercantil"
    r"|Administrativa|del?\s)))"
    r"|(?:Tribunal\s+)?Pleno(?:\s+de\s+(?:la|esta)\s+Suprema\s+Corte(?:\s+de\s+Justicia\s+de\s+la\s+Naci[óo]n)?"
    r"|\s+Regional\s+en\s+Materias?\s+[^,;.]{3,60}?(?:\s+de\s+la\s+Regi[óo]n\s+[A-ZÁÉÍÓÚ][\wáéíóú-]+)?"
    # (or, its name before a case it decided, the clause's words: "…Región Centro-Sur
    # resolvió la contradicción…")
    r"(?=[,;.]|\s+de\s+la(?!\s+Regi[óo]n)|\s+del\s|\s+(?:al\s+(?:resolver|fallar)|en\s+(?:el|la|los|las)"
    r"|resolvi[óo]|fall[óo])\s)|(?!\s+del?\s|\s+Regional\b))"
    rf"|(?:Tribunal\s+)?Pleno\s+del\s+{_STATE_COURT}"
    r"|Pleno\s+(?:de\s+Circuito\s+)?(?:en\s+Materias?\s+[^,;.]{3,60}?\s+)?del\s+(?:\w+\s+){1,2}Circuito"
    r"|Sala\s+Superior(?:\s+del\s+Tribunal\s+Electoral\s+del\s+Poder\s+Judicial\s+de\s+la"
    r"\s+Federaci[óo]n|(?!\s+del?\s))"
    r"|Sala\s+Regional\s+[A-ZÁÉÍÓÚ][\wáéíóú]+(?:\s+[A-ZÁÉÍÓÚ][\wáéíóú]+|\s+de\s+M[ée]xico)?"
    r"(?:\s+del\s+(?:TEPJF|Tribunal\s+Electoral\s+del\s+Poder\s+Judicial\s+de\s+la\s+Federaci[óo]n)"
    r"|(?!\s+del?\s))"
    # (its ordinal of one word or two: "Tercer", "Décimo Tercer"; an auxiliary one's up
    # to its region: "…Tribunal Colegiado de Circuito del Centro Auxiliar de la Tercera
    # Región", never cut at "…de Circuito", a name of no one court)
    r"|(?:[A-ZÁÉÍÓÚ][a-záéíóú]+\s+){0,2}Tribunal\s+Colegiado\s+(?:de\s+Circuito\s+)?"
    r"(?:del\s+Centro\s+Auxiliar\s+de\s+la\s+[A-ZÁÉÍÓÚ][a-záéíóú]+(?:\s+[A-ZÁÉÍÓÚ][a-záéíóú]+)?"
    r"\s+Regi[óo]n|[^,;.]{0,90}?\s+Circuito(?!\s+del\s+Centro\s+Auxiliar))"
    rf"|{_ORDINAL}\s+Sala(?:\s+{_SALA_KINDS}(?:\s+del\s+{_STATE_COURT})?|\s+del\s+{_STATE_COURT})"
    rf"|Sala\s+Especializada\s+en\s+[^,;.\n]{{3,60}}?\s+del\s+{_STATE_COURT}"
    rf"|{_DISTRICT_JUZGADO}|{_STATE_JUZGADO}|{_STATE_COURT})"
)
_COURT = re.compile(
    r"\s*,?\s*(?:(?:ambos|ambas|todos)\s+)?(?:(?:del\s+[íi]ndice\s+)?del?|de\s+la"
    rf"|(?:resuelt|emitid|dictad|fallad|sustentad)[oa]s?\s+por\s+(?:{_VOTES},?\s+por\s+)?"
    r"(?:el|la)"
    r"|ante\s+(?:el|la)"
    # a precedent's reference: "acción de inconstitucionalidad 33/2015, Tribunal Pleno de la
    # Suprema Corte de Justicia de la Nación, Ponente: …" (the court named whole), or a
    # footnote's "Amparo directo en revisión 1754/2015. Mayoría de tres votos. Primera Sala."
    rf"|(?<=,)(?=\s*{_SCJN_BODY}\s+de\s+la\s+Suprema\s+Corte\s+de\s+Justicia\s+de\s+la\s+Naci[óo]n)"
    rf"|\.\s+(?i:{_VOTES})\.(?=\s+{_SCJN_BODY}\.)"
    # "toca 12/2023, Quinta Sala Familiar del H. Tribunal Superior…": a sala in apposition,
    # only with its high court named after it
    rf"|(?<=,)(?=\s*{_ORDINAL}\s+Sala\b[^,;.\n]{{0,80}}?\s+del\s+(?:H\.\s*)?(?:Supremo|Tribunal)))\s+"
    rf"{_COURT_NAME}(?![\w])"
)
_ABBREVIATION = re.compile(r"[A-Z]{2,4}")  # "AR", "ADR", "AI": codes in capitals only
_CODES = frozenset(("ad", "ar", "ai", "cc", "ct", "adr", "dgi"))


_HONORIFIC = re.compile(r"\bH\.\s*(?=Tribunal|Supremo)")
_TSJ_CDMX = re.compile(r"\bTSJ\s*CDMX\b")


def _court_after(original: str, end: int) -> str | None:
    # (an end past the text's is the text's: ``re`` clamps it)
    found = _COURT_AT(original, end, end + 220)
    if _broken_near(original, end, found):
        return _court_over_breaks(original, end)
    return _court_named(found["court"]) if found else None


_COURT_AT = _COURT.match

# A court's name a PDF's text breaks: at a line's end (run on by ``_COURT``'s spaces), in
# a word split there ("Déci-⏎mo", "Centro-⏎Norte"), or over a page, its number or running
# header between ("…de Justicia⏎⏎15⏎⏎de la Nación"). Read from the passage mended (its
# split words whole, the page's furniture out); where a line the name runs over is none
# of these (a heading in capitals) or the name stops at a break with such a line after it,
# the name may go on past what was read: no court (a cut name is a wrong one).
_SOFT_HYPHEN = "\u00ad"
_FURNITURE_LINE = re.compile(
    r"\n[ \t]*(?:(?i:p[aá]gina|p[aá]g\.|hoja|foja)[ \t]*\d{1,4}(?:[ \t]*(?i:de|/)[ \t]*\d{1,4})?"
    r"|[-–—][ \t]*\d{1,4}[ \t]*[-–—]|\d{1,4}"
    r"|[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .]{3,80}[ \t]\d{1,6}/\d{4}(?:-[A-Z0-9]{1,4})?\.?)[ \t]*(?=\n)"
)
_SPLIT_WORD = re.compile(r"(?<=[a-záéíóúüñ])-[ \t]*(?:\n[ \t]*)+(?=[a-záéíóúüñ])")
_COMPOUND_BREAK = re.compile(r"(?<=[a-záéíóúüñ])-[ \t]*(?:\n[ \t]*)+(?=[A-ZÁÉÍÓÚÑ])")
_PAGE_GAP = re.compile(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*")
# what a name goes on with after a page's gap: a lower-case word or a court's own word
_GOES_ON = re.compile(
    r"[a-záéíóúüñ]|(?:Sala|Tribunal|Colegiado|Circuito|Regi[oó]n|Penal|Civil|Familiar"
    r"|Mercantil|Administrativ[oa]|Especializad[oa]|Regional|Superior|Justicia|Materias?"
    r"|Estado|Juzgado|Suprema|Corte|Naci[oó]n|Federaci[oó]n|Pleno"
    r"|(?:D[ée]cim|Und[ée]cim|Duod[ée]cim|Vig[ée]sim|Trig[ée]sim|Primer|Segund|Tercer|Cuart"
    r"|Quint|Sext|S[ée]ptim|Octav|Noven)[oa]?)\b|[A-ZÁÉÍÓÚÑ][a-záéíóúüñ]+-[A-Z]"
)
# a line in capitals inside a name in mixed case: a heading, not the name's (the
# abbreviations a name ends with, «TSJ CDMX», «TEPJF», are the name's)
_CAPITALS_LINE = re.compile(
    r"\n[ \t]*(?!(?:TSJ[ \t]*CDMX|TEPJF)[ \t]*\n)(?=[^\n]*[A-ZÁÉÍÓÚÑ]{3})[^a-záéíóúüñ\n]+"
    r"[ \t]*(?=\n)"
)


def _broken_near(original: str, end: int, found: re.Match[str] | None) -> bool:
    """Whether a break the name may be cut at or hold wrongly (a page's gap, a split
    word, a soft hyphen) lies in the court's name read at ``end`` or just after it (where
    a cut name would go on), or, none read, where one would be; or a line's end inside
    the name read (a heading on a line of its own): only then is the passage mended (most
    names are on one line, or run on as they are)."""
    stop = (found.end() if found else end) + 60
    if _BREAK_NEAR.search(original, end, stop) is not None:
        return True
    return found is not None and "\n" in found["court"]


_BREAK_NEAR = re.compile(r"\n[ \t]*\n|\f|\u00ad|-[ \t]*\n")


def _mended_after(original: str, end: int) -> str:
    """The passage after ``end`` (from the character before it, for ``_COURT``'s
    lookbehinds) with its split words whole and its pages' furniture out."""
    text = original[max(0, end - 1) : end + 320].replace(_SOFT_HYPHEN, "").replace("\f", "\n\n")
    text = _FURNITURE_LINE.sub("", text)
    text = _SPLIT_WORD.sub("", text)
    return _COMPOUND_BREAK.sub("-", text)


def _court_over_breaks(original: str, end: int) -> str | None:
    passage = _mended_after(original, end)
    at = 1 if end > 0 else 0
    found = _COURT_AT(passage, at, at + 220)
    if found is None:
        return None
    written = found["court"]
    if _CAPITALS_LINE.search("\n" + written + "\n") and not written.isupper():
        return None  # a heading the name runs over: not the name's
    for gap in _PAGE_GAP.finditer(written):
        if not _GOES_ON.match(written, gap.end()):
            return None
    rest = passage[found.end() : found.end() + 80]
    gap = _PAGE_GAP.match(rest)
    if (
        gap
        and _CAPITALS_LINE.match("\n" + rest[gap.end() :])
        and not _NAME_ENDED.search(written)
        and not _SECTION_HEADING.match(rest, gap.end())
    ):
        return None  # a heading after a break the name stops at: it may go on after it
    return _court_named(written)


# A name that cannot go on: the Court's, the TEPJF's or the federal judiciary's whole
# («…de la Nación», «…de la Federación»); a heading after it begins something else.
_NAME_ENDED = re.compile(r"(?:Naci[óo]n|Federaci[óo]n|NACI[ÓO]N|FEDERACI[ÓO]N)$")
# A sentence's section heading, no word of any court's name («CONSIDERANDO», «R E S U L
# T A N D O:», «II. ANTECEDENTES», «PUNTOS RESOLUTIVOS»): the name stopped before it.
_SECTION_WORDS = (
    "CONSIDERANDOS", "CONSIDERANDO", "RESULTANDOS", "RESULTANDO", "VISTOS", "SENTENCIA",
    "RESUELVE", "ANTECEDENTES", "COMPETENCIA", "OPORTUNIDAD", "LEGITIMACIÓN", "LEGITIMACION",
    "PROCEDENCIA", "PUNTOS RESOLUTIVOS", "RESOLUTIVOS", "ESTUDIO DE FONDO", "DECISIÓN",
    "DECISION", "EFECTOS",
)  # fmt: skip
_SECTION_HEADING = re.compile(
    r"(?:[IVXL]{1,5}\.?[ \t]+)?(?:"
    + "|".join(r"[ \t]*".join(word) for word in _SECTION_WORDS)
    + r")[ \t.:;,]*(?:Y[ \t]*:?[ \t]*)?(?=\n|$)"
)


# A collegiate court named by its kind alone ("Tribunal Colegiado de Circuito", "el
# Segundo Tribunal Colegiado de Circuito"): one of hundreds, no court a citation can keep.
_NO_ONE_COLEGIADO = re.compile(
    r"^(?:[A-ZÁÉÍÓÚ][a-záéíóú]+\s+){0,2}Tribunal\s+Colegiado\s+de\s+Circuito$"
)


@functools.lru_cache(maxsize=4096)
def _court_named(written: str) -> str | None:
    """A court as ``_COURT`` found it written, as a citation keeps it (the same few
    courts are named again and again: made once each); None for a name of no one court."""
    court = _HONORIFIC.sub("", " ".join(written.split()))
    if _NO_ONE_COLEGIADO.match(court):
        return None
    return _TSJ_CDMX.sub("Tribunal Superior de Justicia de la Ciudad de México", court)


def find_cases(original: str, folded: str) -> Iterator[Citation]:
    """Case citations in a text (``folded`` is the reader's fold of ``original``)."""
    chambers: list[tuple[int, int]] = []
    upper = folded.upper() if _may_cite_a_chamber(folded) else ""
    for match in matches_at(ELECTORAL_PATTERN, upper, _chamber_starts(upper)):
        chamber, kind, number, year = match.groups()
        case = CaseNumber(kind, number, year, electoral_chamber=chamber, electoral=True)
        chambers.append(match.span())
        yield _citation(original, case, match.start(), match.end())
    slashes = occurrences(folded, "/")
    # a local case never starts inside the one before it (``matches_at`` goes past it)
    read = Spans(chambers)
    locals_: list[tuple[int, int]] = []
    for match in matches_at(LOCAL_ELECTORAL_PATTERN, original, _local_starts(original, slashes)):
        if match.start() in read:
            continue
        court, kind, number, year = match.groups()
        case = CaseNumber(kind, number, year, electoral_chamber=court, electoral=True)
        locals_.append(match.span())
        yield _citation(original, case, match.start(), match.end())
    taken = Spans(chambers + locals_)
    code: str | None = None  # the type of the list being read
    after = -1  # the end of its last number
    for match in matches_at(_NUMBER, folded, _number_starts(folded, slashes)):
        if match.start() in taken:
            code = None
            continue
        if code is not None and _NEXT_GAP.match(folded, after, match.start()):
            start = match.start()  # the next number of a list: "12/2020, 14/2021 y 15/2021"
        else:
            code, start = _type_before(original, folded, match.start())
            if code is None:
                continue
            if not_its_type(folded, start):
                code = None
                continue
        if section_after(folded, match.end()):
            continue  # "R.A. 289/2024-S3": the TFJA's Tercera Sección's, no amparo
        suffix = clean_suffix(match["suffix"])
        case = CaseNumber(code, match["n"], match["year"], suffix, appeal=match["appeal"])
        after = match.end()
        yield _citation(original, case, start, match.end())


_SECTION_AFTER = re.compile(TFJA_SECTION)
# A recurso's or incidente's kind and a link to the asunto it is in, right before the
# asunto's type ("el recurso de queja en la controversia constitucional 3/2024", "…derivado
# de la…"): the number is the recurso's own in a series named after the asunto, or the
# asunto's, unsure which; a link to either would be a guess (the SCJN's series named "en
# controversia constitucional", without the article, are types of their own).
_RECURSO_BEFORE = re.compile(rf"(?<![\w.])(?:{DERIVED_WORDS})(?:{LINK_TO_ORIGIN})$")
# A collegiate court's code for its kind and matter ("r.c.", "q.a.") or a type's dotted
# abbreviation right after another type's name: "el toca penal R.P. 12/2024" is a state
# court's series, no amparo en revisión.
_CODE_AT = re.compile(r"(?:[a-z]\.\s?){1,3}(?=\s*\d)")
_TYPE_THEN_GAP = re.compile(rf"(?<![\w.])(?:{TYPE_WORDS})\s*(?:(?:numero|num\.|no\.)\s*)?:?\s*$")
_ORIGIN_REACH = 120  # how far before a type its recurso's kind and link may be written
# The asuntos whose recursos the SCJN numbers in series named after them: a controversia
# constitucional's, an acción de inconstitucionalidad's (an amparo's number after "el
# recurso de revisión en el amparo directo 298/2023" is the amparo's own, and cited)
_CONSTITUTIONAL_STARTS = ("controversia", "accion", "acciones")


def not_its_type(folded: str, start: int) -> bool:
    """Whether the type written at ``start`` (of ``folded``) is not the cited number's:
    a controversia or an acción named after a recurso's kind and a link ("el recurso de
    queja en la controversia constitucional 3/2024", "…derivado de la…"), or a code after
    another type's name ("el toca penal R.P. 12/2024")."""
    before = folded[max(0, start - _ORIGIN_REACH) : start]
    if not before[-1:].isspace() or folded.startswith("exp", start):
        return False  # (a bare expediente's number is keyed bare: no other case's key)
    code = _CODE_AT.match(folded, start)
    if code is not None:
        other = _TYPE_THEN_GAP.search(before)
        if other is not None and case_type_code(other.group().strip(" :")) != case_type_code(
            code.group()
        ):
            return True
    if not folded.startswith(_CONSTITUTIONAL_STARTS, start):
        return False  # (an amparo's number after "el recurso de revisión en el" is its own)
    return _RECURSO_BEFORE.search(before) is not None


def section_after(text: str, end: int) -> bool:
    """Whether a TFJA Sala Superior section's letters follow a number ending at ``end``
    ("R.A. 289/2024-S3", a recurso de apelación of its Tercera Sección): the type before
    it ("R.A.") is then none of the types read here."""
    return _SECTION_AFTER.match(text, end) is not None


# A juicio of the Tribunal Federal de Justicia Administrativa by its number ("juicio
# 18321/22-17-05-3", "567/22-EPI-01-3-OT", "…/890/24-S1-02-04"): its sala's and
# ponencia's digits after the year make it no date, article or fraction; the same pattern
# as the metadata reader's, so one canonical form. A telephone's digits may be grouped
# alike ("33/36-12-45-78"): the number counts only where the words before it name a
# juicio or an expediente (a TFJA's number is cited so: "juicio contencioso administrativo
# número…", "juicio de nulidad…", "expediente…").
_TFJA = re.compile(FOLDED_TFJA_NUMBER)
_TFJA_LABEL = re.compile(r"\b(?:juicios?|expedientes?|exp\.)(?![\w])")
TFJA_LOOKBACK = 80


def find_tfja_cases(original: str, folded: str) -> Iterator[Citation]:
    """The TFJA juicios ``folded`` (``original``'s fold) cites by number."""
    if "-" not in folded:
        return
    for match in _TFJA.finditer(folded):
        if _TFJA_LABEL.search(folded, max(0, match.start() - TFJA_LOOKBACK), match.start()):
            case = tfja_case(original, match)
            yield _citation(original, case, match.start(), match.end())


# The longest words the electoral patterns start with: a chamber ("SUP"), a local
# court's type ("JLDC") and the court before it ("TECDMX", up to nine letters).
_CHAMBER_LETTERS = max(len(chamber) for chamber in ELECTORAL_CHAMBERS)
_LOCAL_TYPE_LETTERS = max(len(kind) for kind in LOCAL_ELECTORAL_TYPES)
_LOCAL_COURT_LETTERS = 9


def _may_cite_a_chamber(folded: str) -> bool:
    """Whether ``folded.upper()`` can hold a chamber's case: a chamber ("SUP") right
    before a hyphen, spaces between. Upper-casing a text beyond ASCII (quotes, dashes)
    costs more than reading its cases, so it is done only then. Upper-casing maps each
    character on its own, a hyphen or a space only from one, and never to nothing: a
    chamber before a hyphen comes from at most as many characters before it."""
    for hyphen in checked(occurrences(folded, "-")):
        end = space_before(folded, hyphen)
        if folded[max(0, end - _CHAMBER_LETTERS) : end].upper().endswith(ELECTORAL_CHAMBERS):
            return True
    return False


def _chamber_starts(upper: str) -> Iterator[int]:
    """Where a chamber's case ("SUP-JDC-123/2024") can start: the word before a hyphen."""
    for hyphen in checked(occurrences(upper, "-")):
        start = word_before(upper, space_before(upper, hyphen), _CHAMBER_LETTERS)
        if start is not None:
            yield start


def _local_starts(original: str, slashes: list[int]) -> Iterator[int]:
    """Where a local electoral case ("TECDMX-JLDC-019/2025", "JDC/05/2023") can start:
    before the number ending at a ``/``, its type, and the court before the type."""
    for slash in checked(slashes):
        number = word_before(original, slash, 6)
        if not number or original[number - 1] not in "-/":
            continue
        kind = word_before(original, number - 1, _LOCAL_TYPE_LETTERS)
        if kind is None:
            continue
        yield kind
        if kind and original[kind - 1] in "-/":
            court = word_before(original, kind - 1, _LOCAL_COURT_LETTERS)
            if court is not None:
                yield court


def _number_starts(folded: str, slashes: list[int]) -> Iterator[int]:
    """Where a case number ("1234/2023") can start: the word before a ``/``."""
    for slash in checked(slashes):
        start = word_before(folded, space_before(folded, slash), 6)
        if start is not None:
            yield start


# The word a type can end with right before its number (the gap between may hold
# only spaces, a colon, "número" and a qualifier such as "en revisión"): the last word
# of a type's phrase, or of a qualifier or "número".
_LAST_WORDS = frozenset(
    {found[0] for phrase in TYPE_PHRASES if (found := re.search(r"\w+$", phrase))}
    | {"revision", "directo", "indirecto", "administrativo", "administrativa", "penal"}
    | {"civil", "familiar", "mercantil", "laboral", "apelacion", "numero", "numeros"}
)


def _no_type_ends_before(folded: str, number: int) -> bool:
    """Whether the word before a number (spaces and a colon between) can end no type:
    "la tesis jurisprudencial 12/2020" is no case, and the type is not looked for."""
    end = number
    while end > 0 and (folded[end - 1].isspace() or folded[end - 1] == ":"):
        end -= 1
    start = word_before(folded, end, 40)
    return start is not None and folded[start:end] not in _LAST_WORDS


def _type_before(original: str, folded: str, number: int) -> tuple[str | None, int]:
    """The case type written right before a number (only connectors between), and where
    it starts; (None, number) if there is none."""
    if _no_type_ends_before(folded, number):
        return None, number
    window = max(0, number - LOOKBACK)
    found = list(_TYPE.finditer(folded, window, number))
    if not found:
        return None, number
    if len(found) > 1 and case_type_code(found[-1].group()) == "EXP":
        # "juicio … bajo el número de expediente 56/2025": the type before, if the gap fits
        earlier = _typed(original, folded, found[-2], number)
        if earlier[0] is not None:
            return earlier
    return _typed(original, folded, found[-1], number)


def _typed(original: str, folded: str, last: re.Match[str], number: int) -> tuple[str | None, int]:
    """The code of the type ``last`` for the number at ``number``, if what lies between
    fits; (None, number) if not."""
    written = original[last.start() : last.end()]
    if last.group() in _CODES and not _ABBREVIATION.fullmatch(written):
        return None, number  # "ad", "cc", "ai" in prose are no case types
    fits = _FIRST_GAP.match(folded, last.end(), number)
    code = case_type_code(last.group())
    if fits is None or code is None:
        return None, number
    qualifier = " ".join((fits["qualifier"] or "").split())
    return _QUALIFIED.get((code, qualifier), code), last.start()


# The Suprema Corte's bodies as the subject of the clause citing their own precedent:
# "esta Primera Sala en el amparo directo en revisión 7816/2017", "este Tribunal Pleno, al
# resolver la acción de inconstitucionalidad 175/2020", "el Tribunal Pleno de esta Suprema
# Corte en el …"; or after it: "En la acción de inconstitucionalidad 101/2016, el Tribunal
# Pleno invalidó", "al resolver el amparo en revisión 174/2022 la Primera Sala consideró".
# Only for the kinds the Court itself decides (an amparo directo is a colegiado's).
_SUBJECT = (
    r"(?P<court>(?:(?:Primera|Segunda)\s+Sala|(?:Tribunal\s+)?Pleno)"
    r"(?:\s+de\s+(?:la|esta)\s+Suprema\s+Corte(?:\s+de\s+Justicia(?:\s+de\s+la\s+Naci[óo]n)?)?)?)"
)
# (a body after "de" is no subject: "Como es del conocimiento de este Pleno, al resolver …")
# (or the body's verb, a vote count between: "este Tribunal Pleno resolvió, por
# unanimidad de diez votos, el diverso juicio de inconformidad 1/2025")
_BODY_BEFORE = re.compile(
    rf"(?<!\bde\s)(?<!\bdel\s)\b(?:[Ee]st[ae]|[Ee]l|[Ll]a)\s+{_SUBJECT}\s*,?\s+"
    rf"(?:al\s+(?:resolver|fallar)|en|(?:resolvi[óo]|fall[óo])(?:\s*,\s*por\s+{_VOTES}\s*,)?)"
    r"\s+(?:el|la|los|las)(?:\s+(?:diverso|diversa|propio|propia|ulterior))?\s+$"
)
_OPENS_CLAUSE = re.compile(
    r"(?:\b[Ee]n|\b[Dd]esde|\b[Aa]l\s+(?:resolver|fallar))\s+(?:el|la|los|las)"
    r"(?:\s+(?:diverso|diversa|propio|propia|ulterior))?\s+$"
)
_BODY_AFTER = re.compile(
    rf"\s*,?\s*(?:\[footnoteRef:\d+\])?\s*,?\s*(?:[Ee]st[ae]|[Ee]l|[Ll]a)\s+{_SUBJECT}"
    r"\s+(?:ha\s+)?(?:\w+ó|sostuvo|dijo|hizo|tuvo|sostenido|resuelto|determinado)(?!\w)"
)
_COURTS_OWN = frozenset(("ADR", "AR", "AI", "CC", "CT", "DGI"))


def _body_after(original: str, end: int) -> re.Match[str] | None:
    """``_BODY_AFTER`` at ``end``; over a line's or a page's break, in the passage
    mended (``_mended_after``: "…de la Suprema Corte de Justicia⏎⏎15⏎⏎de la Nación
    sostuvo"), its name then whole or not read."""
    stop = min(len(original), end + 160)
    if "\n" not in original[end:stop] and "\f" not in original[end:stop]:
        return _BODY_AFTER.match(original, end, stop)
    passage = _mended_after(original, end)
    at = 1 if end > 0 else 0
    found = _BODY_AFTER.match(passage, at, at + 160)
    if found is None or _CAPITALS_LINE.search("\n" + found["court"] + "\n"):
        return None
    for gap in _PAGE_GAP.finditer(found["court"]):
        if not _GOES_ON.match(found["court"], gap.end()):
            return None
    return found


# the words both clauses before a case end with (``_OPENS_CLAUSE``, ``_BODY_BEFORE``:
# an article, or "diverso"…, then whitespace to the end)
_CLAUSE_LAST_WORDS = frozenset(
    ("el", "la", "los", "las", "diverso", "diversa", "propio", "propia", "ulterior")
)


def _article_last(before: str) -> bool:
    """Whether ``before`` ends with one of ``_CLAUSE_LAST_WORDS`` and whitespace: what
    ``_OPENS_CLAUSE`` and ``_BODY_BEFORE`` need to match, told without searching the
    160 characters (most texts before a case end otherwise: "amparo en revisión")."""
    if not before[-1:].isspace():
        return False
    last = before.rsplit(None, 1)
    return bool(last) and last[-1] in _CLAUSE_LAST_WORDS


def _subject_court(original: str, key: str, start: int, end: int) -> str | None:
    """The Court's body the clause citing the case (``key``: its canonical form) has for
    subject, if any (see above)."""
    if not _own_precedent_key(key) or not original[start - 1 : start].isspace():
        return None  # (``_article_last`` needs whitespace last: told before slicing)
    before = original[max(0, start - 160) : start]
    if not _article_last(before):  # neither clause can end there: their searches skipped
        return None
    found = None
    if _OPENS_CLAUSE.search(before):  # the clause's own subject comes first
        found = _body_after(original, end)
    if found is None and ("Sala" in before or "Pleno" in before):
        found = _BODY_BEFORE.search(before)
    return " ".join(found["court"].split()) if found else None


# Any court named whole (``_COURT_NAME``: a circuit court with its circuit, a state's sala
# with its state…) as the subject of the clause citing a case, written before it: "el
# Tercer Tribunal Colegiado en Materia Civil del Primer Circuito, en el amparo directo
# 123/2020", "la Primera Sala del Supremo Tribunal de Justicia del Estado de Jalisco, al
# resolver el toca penal 33/2021", "el Pleno Regional…, resolvió la contradicción…". A
# court after "de" or "ante" is no subject ("promovió ante el Tercer Tribunal… el amparo"
# has no clause word between); the Suprema Corte's bodies are ``_subject_court``'s, only
# for the kinds the Court decides.
_NAMED_BEFORE = re.compile(
    rf"(?<!\bde\s)(?<!\bdel\s)(?<!\bante\s)\b(?:[Ee]st[ae]|[Ee]l|[Ll]a)\s+{_COURT_NAME}"
    rf"\s*,?\s+(?:al\s+(?:resolver|fallar)|en|(?:resolvi[óo]|fall[óo])(?:\s*,\s*por\s+{_VOTES}\s*,)?)"
    r"\s+(?:el|la|los|las)(?:\s+(?:diverso|diversa|propio|propia|ulterior))?\s+$"
)
_SCJN_BODY_ALONE = re.compile(
    rf"^{_SCJN_BODY}(?:\s+de\s+(?:la|esta)\s+Suprema\s+Corte(?:\s+de\s+Justicia\s+de\s+la\s+Naci[óo]n)?)?$"
)
NAMED_LOOKBACK = 300  # a circuit court's whole name and the clause's words after it
_COURT_WORDS = ("Tribunal", "Sala", "Pleno", "Juzgado", "TSJ")


# The same court as the subject right after a case that opens its clause: "En el amparo
# directo 610/2019, el Cuarto Tribunal Colegiado … del Tercer Circuito sostuvo…", "Al
# resolver el toca 512/2021, la Tercera Sala Familiar del Tribunal Superior … consideró".
# Only with a verb that decides or holds: a court doing anything else there ("…, la Sala
# responsable rindió su informe") may be an authority in that case, not its court.
_DECIDES = (
    r"(?:sostuvo|resolvi[óo]|determin[óo]|consider[óo]|estim[óo]|concluy[óo]|declar[óo]"
    r"|neg[óo]|concedi[óo]|confirm[óo]|revoc[óo]|modific[óo]|sobresey[óo]|desech[óo]"
    r"|precis[óo]|interpret[óo]|estableci[óo]|fall[óo]|ha\s+sostenido|ha\s+resuelto)"
)
_NAMED_AFTER = re.compile(
    rf"\s*,?\s*(?:\[footnoteRef:\d+\])?\s*,?\s*(?:[Ee]st[ae]|[Ee]l|[Ll]a)\s+{_COURT_NAME}"
    rf",?\s+(?:{_DECIDES})(?!\w)"
)


def _named_after(original: str, start: int, end: int) -> str | None:
    """The court named whole right after the case at ``start``-``end`` as the subject of
    the clause the case opens (see ``_NAMED_AFTER``)."""
    before = original[max(0, start - 160) : start]
    if not _article_last(before) or not _OPENS_CLAUSE.search(before):
        return None
    found = _NAMED_AFTER.match(original, end, end + 300)
    if found is None:
        return None
    court = _court_named(found["court"])
    return None if court is None or _SCJN_BODY_ALONE.match(court) else court


def _named_before(original: str, start: int) -> str | None:
    """The court named whole as the subject of the clause citing the case at ``start``."""
    if not original[start - 1 : start].isspace():
        return None
    before = original[max(0, start - NAMED_LOOKBACK) : start]
    if not _article_last(before) or not any(word in before for word in _COURT_WORDS):
        return None
    found = _NAMED_BEFORE.search(before)
    if found is None:
        return None
    court = _court_named(found["court"])
    return None if court is None or _SCJN_BODY_ALONE.match(court) else court


def _citation(original: str, case: CaseNumber, start: int, end: int) -> Citation:
    return cited(original, case.canonical, start, end)


def cited(original: str, key: str, start: int, end: int) -> Citation:
    """The citation of the case whose canonical form is ``key``, written at ``start``
    to ``end`` of ``original``, with the court named after it or the clause's subject."""
    found = _COURT_AT(original, end, end + 220)  # ``_court_after``, written out
    if _broken_near(original, end, found):
        court = _court_over_breaks(original, end)
    else:
        court = _court_named(found["court"]) if found else None
    if not court:
        court = (
            _subject_court(original, key, start, end)
            or _named_before(original, start)
            or _named_after(original, start, end)
        )
    return citation("case", key, " ".join(original[start:end].split()), start, end, court)


def share_accumulated_courts(original: str, folded: str, found: list[Citation]) -> list[Citation]:
    """Cases accumulated in one list ("acción de inconstitucionalidad 15/2017 y sus
    acumuladas 16/2017, 18/2017 y 19/2017, Tribunal Pleno de la Suprema Corte…") were
    decided together, by one court: the court written after the last names each, and so
    does the body a clause opened with the list has for subject ("En la acción de
    inconstitucionalidad 80/2017 y su acumulada 81/2017 el Tribunal Pleno estimó"). A list
    without "acumulada" (precedents of several courts, maybe) shares only the body its
    clause has for subject (``_share_subject``). ``folded``
    is the reader's fold of ``original`` (same offsets)."""
    if len(found) < 2:
        return found
    ordered = sorted(range(len(found)), key=lambda i: found[i].start)
    shared = list(found)
    run: list[int] = []
    first = -1  # where in the run the accumulated cases begin (-1: none yet)
    for i in [*ordered, -1]:
        if run and i >= 0:
            gap = folded[found[run[-1]].end : found[i].start]
            if found[run[-1]].end <= found[i].start and _NEXT_GAP.match(gap):
                if first < 0 and "acumulad" in gap:
                    first = len(run) - 1
                run.append(i)
                continue
        if first >= 0:
            _share(original, found, shared, run[first:])
        elif len(run) > 1:
            _share_subject(original, found, shared, run)
        run, first = [i], -1
    return shared


def _share(original: str, found: list[Citation], shared: list[Citation], run: list[int]) -> None:
    """Give the accumulated cases of ``run`` the court of the last, or of the clause."""
    last = found[run[-1]]
    court = last.court
    if court is None and _own_precedent_key(last.key):
        before = original[max(0, found[run[0]].start - 160) : found[run[0]].start]
        if _OPENS_CLAUSE.search(before):
            subject = _body_after(original, last.end)
            court = " ".join(subject["court"].split()) if subject else None
    if court is None:
        return
    for j in run:
        if shared[j].court is None:
            shared[j] = replace(shared[j], court=court)


def _share_subject(
    original: str, found: list[Citation], shared: list[Citation], run: list[int]
) -> None:
    """A list of precedents without "acumulada" opening a clause whose subject is the
    Court's body ("en los amparos directos en revisión 7653/2019[footnoteRef:31] y
    4370/2024[footnoteRef:32], esta Primera Sala enfatizó"): that body decided each. A
    court written after the last is no other's (the list may be of several courts)."""
    last = found[run[-1]]
    if not all(_own_precedent_key(found[j].key) for j in run):
        return
    before = original[max(0, found[run[0]].start - 160) : found[run[0]].start]
    if not _article_last(before) or not _OPENS_CLAUSE.search(before):
        return
    subject = _body_after(original, last.end)
    if subject is None:
        return
    court = " ".join(subject["court"].split())
    for j in run:
        if shared[j].court is None:
            shared[j] = replace(shared[j], court=court)


@functools.lru_cache(maxsize=8192)  # a key is met again and again (``native._case_key``)
def _own_precedent_key(key: str) -> bool:
    # (a juicio de inconformidad plainly named too: the body said to resolve it did, and a
    # sentence that is the Court's own such juicio reads it as the Court's; records.py)
    return key.split(" ", 1)[0] in _COURTS_OWN or key.startswith("Juicio de Inconformidad")


def next_of_list(folded: str, after: int, start: int) -> bool:
    """Whether a number at ``start`` goes on a list whose last number ended at ``after``
    ("12/2020, 14/2021 y 15/2021": only the list's words between)."""
    return start >= after and _NEXT_GAP.match(folded, after, start) is not None
