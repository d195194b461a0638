"""A line that heads a turn in a way none of the reader's shapes knows ("Senador Pérez:
…", "La Ministra Lenia Batres Guadarrama: …", "Ricardo Monreal Ávila: …", "El
Coordinador Adán Augusto López Hernández: …"). Read as words, such a line and all that
follows it were the previous speaker's: someone else's words under a name, which is
worse than under none. So a line that looks like a heading ends the turn before it, and
what follows is no one's until a heading the reader knows.

Looks like a heading: at the line's start, before a colon, a short run of a person's
name (two capitalised words at least, or one after a role or title), with only the
particles of a name, roles, titles, commas and brackets between them. Never a vocative
("Señora Presidenta: …", "Honorable Asamblea: …", "Compañeras y compañeros: …"), a
document's or a law's title ("Exposición de Motivos: …", "Ley General de Salud: …"), a
sentence ("Lo que dijo el senador fue: …"), a single word ("Primero: …") or a name
addressed within the speech, its words going on in lower case ("Diputado Moreira: usted
votó…")."""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword

# the text before the first colon, if the line has one early enough
_HEAD = re.compile(r"^\s*(?:[-–—]\s*)?(?P<head>[^:\n]{3,140}?)\s*:\s+\S")
# a letter's address read into the record ("Senadora Ana Ruiz: Presente.") or a member's
# vote in a list ("- Dip. Ana Ruiz Olvera: a favor."): no turn
_NO_WORDS = re.compile(
    r"(?i:p\s*r\s*e\s*s\s*e\s*n\s*t\s*e|a\s+favor|en\s+pro|en\s+contra|abstenci[oó]n"
    r"|ausente)\b"
)
_PARENS = re.compile(r"\([^()\n]{0,60}\)")
_TOKEN = re.compile(r"[^\s,]+")
_PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "y", "e", "el", "van", "von", "da", "di", "do", "dos"}
)
_ARTICLES = frozenset({"el", "la", "los", "las"})
# roles, offices and titles (folded): they say who, but are no name
_ROLES = re.compile(
    r"(?:vice)?president[ae]|presidencia|(?:sub|pro)?secretari[oa]|diputad[oa]|dip\.|"
    r"senador(?:a)?|sen\.|legislador(?:a)?|ministr[oa]|magistrad[oa]|consejer[oa]|"
    r"coordinador(?:a)?|vicecoordinador(?:a)?|comisionad[oa]|gobernador(?:a)?|fiscal|"
    r"procurador(?:a)?|director(?:a)?|titular|jef[ea]|juez|jueza|moderador(?:a)?|"
    r"ciudadan[oa]|c\.|cc\.|licenciad[oa]|lic\.|doctor(?:a)?|dr\.|dra\.|maestr[oa]|"
    r"mtr[oa]\.|ingenier[oa]|ing\.|profesor(?:a)?|prof\.|general|juridic[oa]|tecnic[oa]|"
    r"invitad[oa]|ponente|orador(?:a)?|compareciente|representante|integrante|"
    r"vocer[oa]|alcalde(?:sa)?|president[ae]s?|intervencion|interviene"
)
# a heading's first word that addresses someone, or opens a sentence or a title
_NOT_FIRST = re.compile(
    r"senor(?:a|es|as)?|sr\.|sra\.|honorable|h\.|companer[oa]s?|estimad[oa]s?|querid[oa]s?|"
    r"distinguid[oa]s?|respetable|respetad[oa]s?|muy|amig[oa]s?|colegas?|"
    r"diputad[oa]s|senador[ae]s|legislador[ae]s|ciudadan[oa]s|"
    r"lo|los|las|que|como|por|para|en|con|sin|si|no|yo|nosotr[oa]s|este|esta|estos|estas|"
    r"ese|esa|aqui|hoy|ayer|pero|porque|cuando|donde|primero|segundo|tercero|cuarto|quinto|"
    r"unico|articulo|fraccion|inciso|numeral|punto|nota|asunto|tema|votacion|resultado|"
    r"total|fecha|hora|lugar|sesion|orden"
)
# words of an institution, a law, a document or a record's heading: a title, no one
_INSTITUTIONAL = re.compile(
    r"ley|leyes|codigo|constitucion|reglamento|decreto|acuerdo|acuerdos|dictamen|"
    r"dictamenes|iniciativa|iniciativas|proposicion|proposiciones|exposicion|motivos|"
    r"considerandos?|transitorios?|resolutivos?|antecedentes|proyecto|articulo|articulos|"
    r"comision|comisiones|camara|senado|congreso|republica|estado|estados|unidos|"
    r"mexicanos|mexico|gobierno|federal|nacional|secretaria|poder|ejecutivo|judicial|"
    r"legislativo|municipal|municipio|estatal|suprema|corte|justicia|tribunal|instituto|organo|mesa|directiva|"
    r"junta|coordinacion|politica|grupo|parlamentario|gaceta|orden|dia|sesion|sesiones|"
    r"ordinaria|extraordinaria|solemne|periodo|legislatura|ano|ejercicio|version|"
    r"estenografica|diario|debates|votacion|votos|favor|contra|abstenciones|asistencia|"
    r"quorum|presentes|total|resultado|comunicaciones|oficio|oficios|efemerides|"
    r"agenda|asuntos|generales|apartado|capitulo|titulo|seccion|anexo|tabla|cuadro|"
    r"pregunta|respuesta"
)
_NAME_WORD = re.compile(
    r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü'’-]*[a-záéíóúñü]\.?|[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ'’-]*[A-ZÁÉÍÓÚÑÜ]|[A-ZÁÉÍÓÚÑ]\."
)


def unread_heading(line: str) -> bool:
    """Whether ``line`` opens with what looks like someone's heading (see the module)."""
    match = _HEAD.match(line)
    if match is None or _NO_WORDS.match(line, match.end() - 1):
        return False
    if line[match.end() - 1].islower():
        # the words after the colon go on in lower case: someone addressed within the
        # speech ("Diputado Moreira: usted votó a favor."), never a record's heading,
        # whose words open a sentence
        return False
    head = _PARENS.sub(" ", match["head"])
    name, comma, clause = head.partition(",")
    if comma and clause.strip()[:1].islower():
        head = name  # a clause describing the speaker (", del Grupo Parlamentario de…")
    if "(" in head or ")" in head or any(ch.isdigit() for ch in head):
        return False
    tokens = _TOKEN.findall(head)
    if not 1 < len(tokens) <= 14:
        return False
    names = roles = 0
    for at, token in enumerate(tokens):
        folded = fold_keyword(token)
        if at == 0 and _NOT_FIRST.fullmatch(folded):
            return False
        if _INSTITUTIONAL.fullmatch(folded.strip(".")) and _titled(tokens, at):
            return False
        if folded in _PARTICLES:
            if at == 0 and folded not in _ARTICLES:
                return False
            continue
        if _ROLES.fullmatch(folded):
            roles += 1
        elif _NAME_WORD.fullmatch(token):
            names += 1
        else:
            return False  # a word in lower case that is no role: a sentence
    return names >= 2 or (names >= 1 and roles >= 1)


def _titled(tokens: list[str], at: int) -> bool:
    """Whether the word of an institution at ``at`` is one in a title ("Ley General…",
    "…de la Comisión", "Mesa Directiva"): first, or next to a particle or another such
    word; after a name and before another or the colon it is a surname ("Ana Cámara
    Pérez", "Senador Humberto Domingo Mayans", "Senadora Laura Mesa")."""
    if at == 0:
        return True
    around = [fold_keyword(t).strip(".") for t in tokens[max(0, at - 1) : at + 2] if t]
    del around[1 if len(around) > 1 else 0]
    return any(w in _PARTICLES or _INSTITUTIONAL.fullmatch(w) for w in around)
