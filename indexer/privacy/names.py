"""Names of private persons in the places public versions redact them: the parties
("promovido por…", "en contra de…", "la actora…", "el quejoso…"), victims and minors.

Only a name in such a place is taken: a role word of an official acting in office
(juez, magistrada, ministro, secretario de acuerdos, diputada…) or an institution
(Secretaría, Instituto, S.A. de C.V.…) after the trigger means it is not a private
person; an existing redaction mark there is counted as a redaction. A name the text
gives an office anywhere (just before it, the office's own name completed — «Magistrada
ponente: C. Lic. …», «Juez Tercero de lo Familiar de León, C. …» —, or just after it,
on its line or as the next line of a signature block) is left as read wherever it
appears, as public versions leave judges, secretaries and legislators; a caption's
label on the next line («MAGISTRADO PONENTE: …») names someone else. A company type
after an organisation's name («Fundación Ciudadana, A.C.») is no person's initials."""

from __future__ import annotations

import re

from .findings import Span
from .folding import by_first_letter, twin
from .redactions import MARKER

_PARTY = (
    r"actora?|actores|demandad[oa]s?|quejos[oa]s?|tercer[oa]s? interesad[oa]s?|víctimas?|"
    r"ofendid[oa]s?|imputad[oa]s?|inculpad[oa]s?|acusad[oa]s?|procesad[oa]s?|"
    r"sentenciad[oa]s?|recurrentes?|apelantes?|trabajador(?:a|es)?|menor(?:es)?(?: de edad)?|"
    r"niñ[oa]s?|adolescentes?|promoventes?|solicitantes?|denunciantes?|querellantes?|"
    r"agraviad[oa]s?|cónyuges?|progenitor[a]?|madre|padre|hij[oa]s?|occis[oa]|finad[oa]|"
    r"de cujus|testigos?|coacusad[oa]s?|peticionari[oa]s?|actor[a]? incidentista|"
    r"deudor[a]? alimentari[oa]|acreedor[a]? alimentari[oa]|albacea|hereder[oa]s?"
)
_TRIGGERS = (
    r"(?:promovid|interpuest|presentad|formulad|instaurad|denunciad|iniciad|tramitad|"
    r"solicitad|representad|ofrecid|exhibid)[oa]s? por|"
    r"en contra de|en contra del|contra de|a bienes de|"
    r"t[ée]ngase(?: por presentad[oa]s?)? a|se tiene(?: por presentad[oa]s?)? a|"
    r"seguid[oa]s? (?:en contra de|contra)|instruid[oa]s? (?:en contra de|contra)|"
    r"a favor de|en favor de|en representación de|a nombre de|apoderad[oa] (?:legal )?de|"
    r"representante legal de|albacea de|sucesión (?:testamentaria |intestamentaria )?(?:a "
    r"bienes )?de|dijo llamarse|dijeron llamarse|responde al nombre de|"
    r"comparec(?:e|en|ió|ieron)|"
    rf"(?:la|el|los|las|al|a la|a los|a las|del|de la|de los|de las) (?:parte )?(?:{_PARTY})|"
    rf"(?:{_PARTY})[ ]*:|"
    r"víctima|ofendid[oa]|(?:el|la|los|las) (?:señor(?:a|es|as)?|ciudadan[oa]s?|CC?\.(?=[ ]))|"
    r"señor[a]?|ciudadan[oa]|C\.(?=[ ])|Sr\.|Sra\."
)
# after a name: the person acts for themself or as a party
_AFTER = re.compile(
    r"[ ]*(?:,[ ]*)?(?:por (?:su )?propio derecho|en su carácter de (?:parte )?(?:actor|actora|"
    rf"demandad[oa]|quejos[oa]|víctima|ofendid[oa]|albacea|tercer)|\((?:parte )?(?:{_PARTY})\))",
    re.IGNORECASE,
)
_FILLERS = (
    r"de nombre|de iniciales|con (?:las )?iniciales|identificad[oa] (?:como|con (?:las )?"
    r"iniciales)|de identidad reservada|menor(?:es)?(?: de edad)?|de edad|de apellidos?|"
    rf"(?:parte )?(?:{_PARTY})|"
    r"señor[a]?|ciudadan[oa]|C\.(?=[ ])|Sr\.|Sra\.|licenciad[oa]|Lic\.|Licda\.|ingenier[oa]|Ing\.|"
    r"doctor[a]?|Dr\.|Dra\.|profesor[a]?|Prof\.|Profa\.|contador[a]? públic[oa]|C\.P\."
)
# the words of an office a person holds and acts in (a judge, a secretary, a legislator,
# an authority), spelled out or abbreviated («Mgdo.», «Dip.», «Srio.»)
_OFFICE_WORDS = (
    r"(?:jue(?:z|za|ces)|magistrad[oa]s?|ministr[oa]s?|(?:sub)?secretari[oa]s?|"
    r"diputad[oa]s?|senador[a]?(?:es|as)?|(?:vice)?president[ea]s?|gobernador[a]?|"
    r"fiscal(?:es)?|agentes?|actuari[oa]s?|notari[oa]s?|procurador[a]?|"
    r"defensor[a]? públic[oa]|síndic[oa]s?|regidor[a]?(?:es|as)?|consejer[oa]s?|"
    r"comisionad[oa]s?|titular|representante social|visitador[a]?|oficial (?:del registro|"
    r"mayor|judicial)|autoridad(?:es)?|ponente|legislador[a]?(?:es|as)?|ombudsperson|"
    r"alcalde(?:sa)?|edil|munícipe|tesorer[oa]|contralor[a]?|(?:sub)?director[a]?(?:es|as)?|"
    r"coordinador[a]?|delegad[oa]|auditor[a]?|rector[a]?|proyectista|escribiente|"
    r"encargad[oa] del despacho|juzgador[a]?|instructor[a]?|"
    r"mgd[oa]\.|magdo\.|magda\.|dip\.|sen\.|srio\.|sria\.|pdte\.|pdta\.|min\.)"
)
_OFFICIAL = re.compile(rf"{_OFFICE_WORDS}(?![a-záéíóúñüA-ZÁÉÍÓÚÑÜ])", re.IGNORECASE)
_UPPER = "A-ZÁÉÍÓÚÑÜ"
_LOWER = "a-záéíóúñü"
_CAPITALISED = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_WORD = rf"(?:{_CAPITALISED}|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?)"
_CONNECTOR = r"(?:de la|de las|de los|del|de|viuda de|vda\. de|DE LA|DE LOS|DE LAS|DEL|DE)"
_NAME = re.compile(rf"{_WORD}(?:[ ]+(?:{_CONNECTOR}[ ]+)?{_WORD}){{1,6}}")
_INITIALS = re.compile(rf"(?:[{_UPPER}]\.[ ]?){{2,6}}(?![{_UPPER}{_LOWER}])")
# what follows a trigger: fillers ("de nombre", "la menor", "C."), articles
_LEAD_TAIL = (
    rf"(?:(?:[ ]*,[ ]+|[ ]+)(?:(?:el|la|los|las)[ ]+)?(?:{_FILLERS}))*[ ]*(?:,[ ]*)?"
    r"(?:(?:el|la|los|las)[ ]+)?"
)
_LEAD = re.compile(rf"(?:{_TRIGGERS}){_LEAD_TAIL}")
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
    S.A. GUANAJUATO MÉXICO JALISCO OAXACA SERVICIO SERVICIOS ADMINISTRACIÓN INMOBILIARIA
    CONSTRUCTORA COMERCIALIZADORA TRANSPORTES DESARROLLADORA OPERADORA DISTRIBUIDORA
    AUTOTRANSPORTES FINANCIERA ARRENDADORA ASEGURADORA SEGUROS AFORE CAJA NUEVO SAN SANTA
    BAJA CIUDAD QUINTANA COMITÉ ÓRGANO HONORABLE H. CABILDO LEGISLATURA FEDERAL NACIONAL
    ESTATAL MUNICIPAL GENERAL SUPERIOR PROCURADOR PROCURADORA SECRETARIO DIRECTORA""",
    )
)
# a legal person's name ends in its company type: not a private person's
_COMPANY_TYPE = re.compile(
    r"[ ]*(?:,[ ]*)?(?:S\.[ ]?A\.|S\.[ ]?de[ ]?R\.[ ]?L\.|S\.[ ]?C\.|A\.[ ]?C\.|"
    r"S\.[ ]?A\.[ ]?P\.[ ]?I\.|S\.[ ]?N\.[ ]?C\.|I\.[ ]?A\.[ ]?P\.|I\.[ ]?B\.[ ]?P\.|"
    r"A\.[ ]?B\.[ ]?P\.|S\.[ ]?P\.[ ]?R\.|A\.[ ]?R\.|SAPI|SA de CV)"
)
# a capitalised word right before (a comma apart): what a company type closes is a name
_NAMED_BEFORE = re.compile(
    rf"(?<![{_UPPER}{_LOWER}.])(?:[{_UPPER}][{_LOWER}]{{2,}}|[{_UPPER}]{{3,}})[ ]*,?[ ]*$"
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
        if _COMPANY_TYPE.fullmatch(initials.group().rstrip()) and _NAMED_BEFORE.search(
            text, max(0, at - 40), at
        ):
            return None  # «Ciudadana, A.C.», «Fundación Ciudadana A.C.»: a legal person
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
    if _COMPANY_TYPE.match(text, end):
        return None
    return Span(at, end, "name")


_TRIGGER = re.compile(rf"(?<![{_UPPER}{_LOWER}])(?i:{_LEAD.pattern})")
# the triggers grouped by their first letter: a word meets only its letter's (folding)
_TRIGGER_LOW = twin(f"(?:{by_first_letter(_TRIGGERS.lower())}){_LEAD_TAIL}", rf"(?<![{_LOWER}])")


_AND = re.compile(r"(?:[ ]*,[ ]*|[ ]+)(?:y|e)[ ]+|[ ]*,[ ]*(?=[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+ )")


def _with_coordinated(text: str, first: Span) -> list[Span]:
    """A name and those joined to it ("… por Ana Ruiz Paz y Luis Ortiz Soto")."""
    found = [first]
    while True:
        joined = _AND.match(text, found[-1].end)
        if not joined:
            return found
        following = _name_at(text, joined.end())
        if following is None:
            return found
        found.append(following)


_TITLE = (
    r"(?:licenciad[oa]|lic\.|licda\.|doctor[a]?|dr\.|dra\.|maestr[oa]|mtr[oa]\.|"
    r"ciudadan[oa]|C\.)"
)
_ROLE_AFTER = re.compile(
    r"[ ]*(?:[,(\-–—]|\n[ ]*\n?)?[ ]*(?:quien[ ]+)?(?:(?:en[ ]+(?:virtud[ ]+de[ ]+)?su[ ]+"
    r"(?:carácter|calidad)|con[ ]+el[ ]+carácter)[ ]+de[ ]+|como[ ]+)?(?:(?:el|la)[ ]+)?",
    re.IGNORECASE,
)


# what completes an office's name before the person («Juez Segundo de lo Civil»,
# «Secretaria de Estudio y Cuenta», «Presidente Municipal de León», «Magistrado ponente»):
# its own capitalised words, numbers and the lowercase words offices are named with;
# never a party's word, an article or a conjunction alone (no person is taken for an
# official by a sentence that merely runs on from an office to them)
_OFFICE_NAMING = (
    r"acuerdos|estudio y cuenta|cuenta|ponente|ponencia|instructor[a]?|president[ea]|"
    r"proyectista|auxiliar|adscrit[oa]|interin[oa]|suplente|provisional|federal|local|"
    r"municipal|constitucional|propietari[oa]|general|ejecutiv[oa]|responsable|ordenadora|"
    r"ejecutora|adjunt[oa]|primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|"
    r"séptim[oa]|octav[oa]|noven[oa]|décim[oa]|civil|penal|familiar|mercantil|laboral|"
    r"administrativ[oa]|distrito|circuito|sala|juzgado|tribunal|hacienda|finanzas|gobierno|"
    r"mesa|directiva|ministerio|público|fuero|común|materia|amparo|oralidad|control|"
    r"enjuiciamiento|ejecución|justicia|sección|comisión|cabildo|ayuntamiento|estado|"
    r"república|unión|legislatura|oficialía|partes|trámite|sentencias|despacho|instancia|"
    r"judicial|mixt[oa]|únic[oa]|especializad[oa]|colegiad[oa]|unitari[oa]|regional|"
    r"superior|suprem[oa]|corte|pleno|número|núm\.|no\."
)
_NOT_OF_AN_OFFICE = rf"(?!(?i:{_PARTY}|y|e|o|el|la|los|las|quien|que|a|al)(?![{_UPPER}{_LOWER}]))"
# a place's or a body's own name comes after «de»: «Presidente Municipal de León»,
# «Juez Mixto de San Luis de la Paz» (capitalised words elsewhere may be a person's);
# each word taken once, never parsed again another way (atomic, possessive: no
# backtracking over a window of «de Lo De La De …»)
_OF_A_PLACE = (
    rf"(?i:del|de(?:[ ]+(?:las|la|los|lo)(?![{_LOWER}]))?|en)(?![{_UPPER}{_LOWER}])"
    rf"(?:[ ]+{_NOT_OF_AN_OFFICE}"
    rf"(?!(?i:{_OFFICE_NAMING})(?![{_UPPER}{_LOWER}]))"
    rf"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}})(?![{_UPPER}{_LOWER}])){{0,3}}+"
)
_OFFICE_COMPLEMENT = (
    rf"(?>[ ]+{_NOT_OF_AN_OFFICE}(?:(?i:{_OFFICE_NAMING})(?![{_UPPER}{_LOWER}])|{_OF_A_PLACE}|"
    r"\d+[oa°º]?|[IVXL]+(?![A-Za-z])))"
)
# how every office's word (``_OFFICE_WORDS``) begins, after «sub» or «vice»
_OFFICE_STEMS = (
    "jue", "magistr", "ministr", "secretari", "diputad", "senador", "president", "gobernador",
    "fiscal", "agente", "actuari", "notari", "procurador", "defensor", "síndic", "regidor",
    "consejer", "comisionad", "titular", "representante", "visitador", "oficial", "autoridad",
    "ponente", "legislador", "ombudsperson", "alcalde", "edil", "munícipe", "tesorer",
    "contralor", "director", "coordinador", "delegad", "auditor", "rector", "proyectista",
    "escribiente", "encargad", "juzgador", "instructor", "mgd", "magd", "dip.", "sen.", "srio.",
    "sria.", "pdt", "min.",
)  # fmt: skip
_OFFICE_START = re.compile(
    rf"(?<![{_UPPER}{_LOWER}])(?i:(?:sub|vice)?(?:{'|'.join(map(re.escape, _OFFICE_STEMS))}))"
)
# an office just before a name, its name completed, a colon or comma, and titles:
# «Magistrado ponente: C. », «Juez Tercero de lo Familiar, Lic. », «C. Diputada »
_OFFICE_LINE = re.compile(
    rf"(?i:{_OFFICE_WORDS})(?![{_UPPER}{_LOWER}]){_OFFICE_COMPLEMENT}{{0,8}}+[ .]*(?:\n|$)"
)
_ROLE_JUST_BEFORE = re.compile(
    rf"(?i:{_OFFICE_WORDS})(?![{_UPPER}{_LOWER}]){_OFFICE_COMPLEMENT}{{0,8}}+[ ]*[,:]?[ ]*"
    rf"(?:\n[ ]*){{0,2}}(?:(?i:{_TITLE})[ ]*)*$"
)


def in_office(text: str, name: str) -> bool:
    """Whether the text gives ``name`` an office somewhere (just before or after it): in
    this document that person acts in office, wherever the name appears."""
    for m in re.finditer(re.escape(name), text, re.IGNORECASE):
        before = text[max(0, m.start() - 160) : m.start()]
        # (tried where an office's word begins, not at every place of the window)
        if any(_ROLE_JUST_BEFORE.match(before, o.start()) for o in _OFFICE_START.finditer(before)):
            return True
        gap = _ROLE_AFTER.match(text, m.end())
        if not gap or not gap.group().strip(" ") or not _OFFICIAL.match(text, gap.end()):
            continue
        # (on the next line, an office's line signs; «MAGISTRADO PONENTE: …» labels
        # another person, under a party's line of a caption)
        if "\n" not in gap.group() or _OFFICE_LINE.match(text, gap.end()):
            return True
    return False


def find(text: str, low: str | None = None) -> list[Span]:
    """Names of private persons after a party/victim/minor trigger, names joined to them,
    and names that act "por su propio derecho"; people the text names with an office are
    left out. ``low`` (:func:`folding.lowered`) lets the triggers be found faster."""
    spans = _private(text, low)
    names = {text[s.start : s.end] for s in spans}
    office = {name for name in names if in_office(text, name)}
    return [s for s in spans if text[s.start : s.end] not in office]


def _private(text: str, low: str | None = None) -> list[Span]:
    spans: list[Span] = []
    triggers = _TRIGGER.finditer(text) if low is None else _TRIGGER_LOW.finditer(low)
    cues = _AFTER_CUE.finditer(text) if low is None else _AFTER_CUE_LOW.finditer(low)
    for m in triggers:
        if text[m.start() : m.start() + 8] in ("Ciudadan", "CIUDADAN") and _NAMED_BEFORE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # «Participación Ciudadana», «Alianza Ciudadana»: a name's own word
        span = _name_at(text, m.end())
        if span is not None:
            spans += _with_coordinated(text, span)
    for cue in cues:
        span = _name_before(text, cue.start())
        if span is not None and _AFTER.match(text, span.end):
            spans.append(span)
    return spans


_AFTER_CUE = re.compile(
    rf"por (?:su )?propio derecho|en su carácter de|\((?:parte )?(?:{_PARTY})\)", re.IGNORECASE
)
_AFTER_CUE_LOW = twin(_AFTER_CUE.pattern)


def _name_before(text: str, end: int) -> Span | None:
    """The name that ends right before ``end`` (spaces and a comma apart), or None."""
    start = max(0, end - 160)
    for m in _NAME.finditer(text, start, end):
        span = _name_at(text, m.start())
        if span is not None and not text[span.end : end].strip(" ,"):
            return span
    return None


def redactions_in_place(text: str) -> int:
    """Redaction marks standing where a party's name goes."""
    return sum(1 for m in _TRIGGER.finditer(text) if MARKER.match(text, m.end()))
