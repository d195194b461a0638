"""Names of private persons in the places public versions redact them: the parties
("promovido por…", "en contra de…", "la actora…", "el quejoso…"), victims and minors.

Only a name in such a place is taken: a role word of an official acting in office
(juez, magistrada, ministro, secretario de acuerdos, diputada…) or an institution
(Secretaría, Instituto, S.A. de C.V.…) after the trigger means it is not a private
person; an existing redaction mark there is counted as a redaction."""

from __future__ import annotations

import re

from .findings import Span
from .redactions import MARKER

_TRIGGERS = (
    r"promovid[oa]s? por|interpuest[oa]s? por|presentad[oa]s? por|formulad[oa]s? por|"
    r"instaurad[oa]s? por|en contra de|en contra del|contra de|"
    r"seguid[oa]s? (?:en contra de|contra)|"
    r"instruid[oa]s? (?:en contra de|contra)|a favor de|en favor de|"
    r"(?:la|el|los|las) (?:parte )?(?:actora?|demandad[oa]|quejos[oa]|tercer[oa] interesad[oa]|"
    r"víctima|ofendid[oa]|imputad[oa]|inculpad[oa]|acusad[oa]|procesad[oa]|sentenciad[oa]|"
    r"recurrente|apelante|trabajador[a]?|menor(?: de edad)?|niñ[oa]|adolescente|"
    r"promovente|solicitante|denunciante|querellante|agraviad[oa]|cónyuge|"
    r"progenitor[a]?|madre|padre|hij[oa]|occis[oa]|finad[oa]|de cujus|testigo|"
    r"coacusad[oa]|peticionari[oa]|actor[a]? incidentista)|"
    r"víctima|ofendid[oa]|(?:el|la) (?:señor[a]?|ciudadan[oa]|C\.)|"
    r"señor[a]?|ciudadan[oa]|C\.|Sr\.|Sra\."
)
_FILLERS = (
    r"de nombre|de iniciales|con (?:las )?iniciales|identificad[oa] (?:como|con (?:las )?"
    r"iniciales)|de identidad reservada|menor de edad|de edad|de apellidos?|"
    r"señor[a]?|ciudadan[oa]|C\.|Sr\.|Sra\.|licenciad[oa]|Lic\.|Licda\.|ingenier[oa]|Ing\.|"
    r"doctor[a]?|Dr\.|Dra\.|profesor[a]?|Prof\.|Profa\.|contador[a]? públic[oa]|C\.P\."
)
_OFFICIAL = re.compile(
    r"(?:jue(?:z|za|ces)|magistrad[oa]s?|ministr[oa]s?|secretari[oa]s?|diputad[oa]s?|"
    r"senador[a]?(?:es)?|president[ea]s?|gobernador[a]?|fiscal(?:es)?|agente|actuari[oa]|"
    r"notari[oa]|procurador[a]?|defensor[a]? públic[oa]|síndic[oa]|regidor[a]?|"
    r"consejer[oa]|comisionad[oa]|titular|representante social|visitador[a]?|"
    r"oficial del registro|autoridad(?:es)?|ponente|legislador[a]?|ombudsperson)\b",
    re.IGNORECASE,
)
_UPPER = "A-ZÁÉÍÓÚÑÜ"
_LOWER = "a-záéíóúñü"
_CAPITALISED = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_WORD = rf"(?:{_CAPITALISED}|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?)"
_CONNECTOR = r"(?:de la|de las|de los|del|de|y|viuda de|vda\. de|DE LA|DE LOS|DE LAS|DEL|DE|Y)"
_NAME = re.compile(rf"{_WORD}(?:[ ]+(?:{_CONNECTOR}[ ]+)?{_WORD}){{1,6}}")
_INITIALS = re.compile(rf"(?:[{_UPPER}]\.[ ]?){{2,6}}(?![{_UPPER}{_LOWER}])")
_LEAD = re.compile(
    rf"(?:{_TRIGGERS})(?:[ ]*,?[ ]+(?:{_FILLERS}))*[ ]*,?[ ]*(?:(?:el|la|los|las)[ ]+)?",
)
# capitalised words that begin an institution, a legal act or a place, not a person
_NOT_A_PERSON = frozenset(
    re.findall(
        r"\S+",
        """
    SECRETARÍA SECRETARIA INSTITUTO COMISIÓN COMISION TRIBUNAL JUZGADO CONGRESO PODER
    GOBIERNO AYUNTAMIENTO MUNICIPIO ESTADO ESTADOS FEDERACIÓN NACIÓN REPÚBLICA CÁMARA
    SENADO SUPREMA CORTE CONSEJO FISCALÍA PROCURADURÍA DIRECCIÓN DIRECTOR UNIVERSIDAD
    BANCO SOCIEDAD EMPRESA COMPAÑÍA GRUPO ASOCIACIÓN SINDICATO PARTIDO LEY CÓDIGO
    CONSTITUCIÓN REGLAMENTO DECRETO ACUERDO SENTENCIA RESOLUCIÓN JUICIO AMPARO RECURSO
    EXPEDIENTE TOCA CAUSA ACTOS ACTO AUTORIDAD AUTORIDADES SISTEMA ORGANISMO UNIDAD
    OFICINA REGISTRO PETRÓLEOS COMISIÓN TESORERÍA JUNTA CENTRO HOSPITAL CLÍNICA ESCUELA
    FONDO PROGRAMA MINISTERIO AGENTE MAGISTRADO MAGISTRADA JUEZ JUEZA MINISTRO MINISTRA
    PRESIDENTE PRESIDENTA DIPUTADO DIPUTADA SENADOR SENADORA SALA PLENO PRIMERA SEGUNDA
    TERCERA CUARTA QUINTA SEXTA PRIMERO SEGUNDO TERCERO CUARTO QUINTO SEXTO SÉPTIMO OCTAVO
    TODOS TODAS DICHA DICHO ESTE ESTA ESE ESA AQUEL AQUELLA QUIEN QUIENES MISMO MISMA
    INFONAVIT IMSS ISSSTE SAT CFE PEMEX CONAGUA SEP UNAM DIF INE IFE INAI FGR PGR CNDH
    S.A. GUANAJUATO MÉXICO JALISCO OAXACA""",
    )
)
_STOP = frozenset(
    re.findall(
        r"\S+",
        """
    EN CONTRA POR PARA CON SIN SOBRE QUIEN QUE LA EL LOS LAS LO SE SU SUS AL A ANTE
    ASÍ COMO PERO NI O U E ES FUE SON SEA HA HAN ESTE ESTA RESPECTO MEDIANTE DERIVADO
    RELATIVO DENTRO ENTRE HASTA DESDE""",
    )
)


_JOINERS = frozenset({"DE", "DEL", "Y", "LA", "LOS", "LAS", "VIUDA", "VDA."})


def _trim(words: list[str]) -> list[str]:
    """Cut the name at the first word that cannot be part of a person's name."""
    kept: list[str] = []
    for word in words:
        upper = word.upper()
        if upper not in _JOINERS and (upper in _STOP or upper in _NOT_A_PERSON):
            break
        kept.append(word)
    while kept and kept[-1].upper() in _JOINERS:
        kept.pop()
    return kept


def _name_at(text: str, at: int) -> Span | None:
    """The private person's name starting at ``at``, or None."""
    ahead = text[at : at + 160]
    if _OFFICIAL.match(ahead) or MARKER.match(ahead):
        return None
    initials = _INITIALS.match(ahead)
    if initials:
        return Span(at, at + len(initials.group().rstrip()), "name")
    match = _NAME.match(ahead)
    if not match:
        return None
    words = match.group().split(" ")
    words = [w for w in words if w]
    if words[0].upper() in _NOT_A_PERSON:
        return None
    kept = _trim(words)
    capitals = [w for w in kept if w.upper() not in _JOINERS]
    if len(capitals) < 2:
        return None
    end = at + ahead.index(kept[-1], len(" ".join(kept[:-1]))) + len(kept[-1])
    return Span(at, end, "name")


_TRIGGER = re.compile(rf"(?<![{_UPPER}{_LOWER}])(?i:{_LEAD.pattern})")


def find(text: str) -> list[Span]:
    """Names of private persons after a party/victim/minor trigger."""
    spans = []
    for m in _TRIGGER.finditer(text):
        span = _name_at(text, m.end())
        if span is not None:
            spans.append(span)
    return spans


def redactions_in_place(text: str) -> int:
    """Redaction marks standing where a party's name goes."""
    return sum(1 for m in _TRIGGER.finditer(text) if MARKER.match(text, m.end()))
