"""The query language, documented for people (``GET /v1/search/syntax``), in Spanish.

Every example here is run against a real library in the tests, so an operator that stops
working, or one added without its line here, is noticed.
"""

from __future__ import annotations

from typing import Any

from indexer.query import FILTER_PARAMS, QUERY_FIELDS
from indexer.query.abbreviations import GROUPS
from indexer.query.parser import MAX_CLAUSES, MAX_QUERY_CHARS, MAX_SLOP, MIN_PREFIX_CHARS

OPERATORS: list[dict[str, str]] = [
    {
        "operador": "palabras",
        "ejemplo": "daño moral",
        "significado": "Documentos con todas las palabras, en cualquier orden. Acentos, "
        "mayúsculas y plurales no importan: «sentencias» encuentra «sentencia».",
    },
    {
        "operador": '"frase exacta"',
        "ejemplo": '"pensión alimenticia"',
        "significado": "Las palabras juntas y en ese orden. Valen también las comillas "
        "tipográficas: “pensión alimenticia” o «pensión alimenticia», y las simples en "
        "pareja: 'pensión alimenticia' o ‘pensión alimenticia’ (un apóstrofo, O'Brien, es "
        'texto), y las dobles repetidas como las escribe una hoja de cálculo: ""pensión '
        'alimenticia"" (una frase dentro de otra no se admite). Un ordinal del 1 al 99 '
        'vale escrito de cualquier forma: "Juzgado 1o. de '
        'Distrito" encuentra «Juzgado 1º», «Juzgado 1°», «Juzgado Primero», «Juzgado 1ro.»; '
        '"2a. Sala", «Segunda Sala»; "Décimo Primer Tribunal", «11o. Tribunal», '
        "«Decimoprimer Tribunal», «Undécimo Tribunal». Las abreviaturas jurídicas también: "
        '"art. 14" encuentra «artículo 14» y «arts. 14 y 16»; CPEUM, «Constitución Política '
        "de los Estados Unidos Mexicanos» (ver «abreviaturas»).",
    },
    {
        "operador": '"palabras cercanas"~N',
        "ejemplo": '"pensión definitiva"~5',
        "significado": f"Las palabras a lo más N posiciones una de otra (N hasta {MAX_SLOP}); "
        "encuentra «pensión alimenticia definitiva». Tras una palabra sola (amparo~2) es un "
        "error: no hay búsqueda aproximada de palabras, ni pesos (amparo^3).",
    },
    {
        "operador": "OR",
        "ejemplo": "amparo OR revisión",
        "significado": "Cualquiera de las dos. En minúsculas, «or» es una palabra más, "
        "y también «o».",
    },
    {
        "operador": "AND",
        "ejemplo": "robo AND calificado",
        "significado": "Ambas (es lo que hacen dos palabras seguidas). «and» en minúsculas "
        "es una palabra, y también «y».",
    },
    {
        "operador": "NOT o -palabra",
        "ejemplo": "daño -material",
        "significado": "Excluye los documentos con esa palabra. «not» en minúsculas es una "
        "palabra, y también «no».",
    },
    {
        "operador": "( )",
        "ejemplo": "(penal OR civil) -familiar",
        "significado": "Agrupa operadores.",
    },
    {
        "operador": "prefijo*",
        "ejemplo": "constitu*",
        "significado": f"Palabras que empiezan así (al menos {MIN_PREFIX_CHARS} letras): "
        "constitución, constitucional…, en el título, el texto y los datos del documento "
        "(cort* halla el tribunal «Suprema Corte»); con palabras sueltas, no dentro de un campo "
        "(titulo:amp* es un error). ? y * dentro de una palabra (am?aro, am*ro) no son "
        "comodines: son un error.",
    },
    {
        "operador": "campo:valor",
        "ejemplo": 'materia:penal ponente:"María López"',
        "significado": "El valor en ese campo. Los campos de texto (titulo, texto) buscan "
        "palabras; ponente y tribunal, los valores guardados que contienen todas las "
        'palabras escritas, palabras enteras y en cualquier orden (ponente:"Pérez Dayán" '
        'halla «Ministro Alberto Pérez Dayán»; tribunal:"primera sala", «Primera Sala de '
        "la Suprema Corte…»); los demás comparan el valor entero. Nunca importan acentos ni "
        "mayúsculas.",
    },
    {
        "operador": "expediente:número",
        "ejemplo": 'expediente:"Toca No. 133/2021"',
        "significado": "Un expediente escrito como sea: «toca penal 133/2021», «0133/2021», "
        "«Exp. 881/2023», «A.R. 1234/2023» se leen como el expediente guardado.",
    },
    {
        "operador": "cita:referencia",
        "ejemplo": 'cita:"CPEUM art. 14"',
        "significado": 'Documentos que citan un expediente (cita:"AR 1234/2023"), una tesis '
        '(cita:"registro 2023456", cita:"tesis 1a./J. 12/2020") o un artículo de una ley '
        '(cita:"CPEUM art. 14", cita:"Ley de Amparo art. 5"). Se lee como en el texto de '
        "una sentencia: «amparo en revisión 1234/2023», «artículo 14 constitucional», "
        "«art. 1o. CPEUM» valen igual. Un artículo se nombra con su ley; la ley, por su nombre "
        "corto (CPEUM, CNPP, Ley de Amparo, Código Civil Federal, Código Penal de Guanajuato…).",
    },
]

FIELDS: dict[str, str] = {
    "title": "Título (palabras).",
    "text": "Texto completo (palabras).",
    "kind": "Tipo: sentencia, sesión, documento legislativo.",
    "jurisdiction": "Entidad: MX-GUA o Guanajuato; MX es la Federación.",
    "institution": "Institución que publica.",
    "source_id": "Fuente (su identificador).",
    "court": "Órgano que resolvió, por algunas de sus palabras: Sala Penal, primera sala.",
    "matter": "Materia: penal, civil, familiar, amparo…",
    "ponente": "Ministra, magistrada o juez ponente, por algunas de sus palabras: Pérez Dayán.",
    "ruling": "Sentido del fallo, de la fuente o de los resolutivos: confirmar, sobreseer "
    "(o sobresee, sobreseimiento)…; cada valor y lo que significa, en «sentidos».",
    "redacted": "Versión pública testada: «sí» si quien la publicó ocultó datos en ella "
    "(«XXXXX», «[ELIMINADO]», un recuadro negro), «no» si se leyó su texto y no oculta "
    "ninguno; testada:sí halla las frases que ocultan datos. Un documento sin texto leído "
    "no es ni lo uno ni lo otro.",
    "expediente": "Número de expediente, en cualquier forma escrita.",
    "session_type": "Tipo de sesión: ordinaria, extraordinaria, solemne, comisión, permanente, "
    "«junta previa», «congreso general».",
    "period": 'Periodo legislativo de una sesión, como lo dice su versión: periodo:"Primer '
    'periodo ordinario, segundo año de ejercicio", periodo:"Periodo extraordinario".',
    "congress": "Congreso.",
    "legislature": "Legislatura: LXVI.",
    "chamber": "Cámara.",
    "doc_type": "Tipo de documento legislativo: dictamen, punto de acuerdo…",
    "year": "Año de la fecha del acto: 2023.",
    "cita": "Lo que el documento cita: expediente, tesis o artículo de una ley.",
}


# each sentido del fallo the ruling filter knows (``indexer.query.rulings``): what to
# write, and what it means, for a reader who is no lawyer
RULINGS: dict[str, tuple[str, str]] = {
    "confirmar": ("confirmar", "La segunda instancia confirma la resolución recurrida: "
                  "queda como estaba. También: confirma, confirmó, confirmada."),
    "revocar": ("revocar", "Se revoca la resolución recurrida y se dicta otra en su lugar. "
                "También: revoca, revocó, revocada."),
    "modificar": ("modificar", "Se modifica en parte la resolución recurrida. También: "
                  "modifica, modificó, modificada."),
    "sobreseer": ("sobreseer", "El juicio o el recurso termina sin resolver el fondo (por "
                  "una causa de improcedencia, un desistimiento…). También: sobresee, "
                  "sobreseído, sobreseimiento."),
    "desechar": ("desechar", "La demanda o el recurso no se admite (por ejemplo, presentado "
                 "fuera de plazo). También: desecha, desechada, se desecha de plano."),
    "amparar": ("amparar", "Se concede el amparo: la Justicia de la Unión ampara y protege "
                "a la parte quejosa. También: ampara, se concede el amparo."),
    "no amparar": ("no amparar", "Se niega el amparo a la parte quejosa. También: no "
                   "ampara, se niega el amparo."),
    "condenatorio": ("condenatorio", "Sentencia penal que condena a la persona acusada. "
                     "También: condenatoria, condena."),
    "absolutorio": ("absolutorio", "Sentencia penal que absuelve a la persona acusada. "
                    "También: absolutoria, absuelve."),
    "procedente y fundado": ("procedente y fundado", "La vía o el recurso procede y lo "
                             "alegado tiene razón."),
    "procedente pero infundado": ("procedente pero infundado", "La vía o el recurso "
                                  "procede, pero lo alegado no tiene razón."),
    "procedente y parcialmente fundado": ("procedente y parcialmente fundado", "La vía o "
                                          "el recurso procede y lo alegado tiene razón en "
                                          "parte."),
    "fundado": ("fundado", "Lo alegado (un agravio, una queja, un incidente) tiene razón."),
    "infundado": ("infundado", "Lo alegado no tiene razón."),
    "improcedente": ("improcedente", "La vía, la demanda o el recurso no procede."),
    "declarar la invalidez": ("declarar la invalidez", "En una acción de "
                              "inconstitucionalidad o una controversia constitucional, la "
                              "norma o el acto se declara inválido."),
    "declarar la nulidad": ("declarar la nulidad", "En un juicio administrativo o fiscal, "
                            "se anula la resolución impugnada. También: nulidad."),
    "reconocer la validez": ("reconocer la validez", "Se reconoce la validez de la norma, "
                             "el acto o la resolución impugnada. También: validez."),
    "declarar sin materia": ("declarar sin materia", "Ya no hay qué resolver (el acto "
                             "cesó, el asunto se resolvió antes…). También: sin materia."),
    "tener por no presentado": ("tener por no presentado", "La demanda o el recurso se "
                                "tiene por no presentado (no se cumplió lo que se pidió)."),
    "dejar sin efectos": ("dejar sin efectos", "Una resolución o un acto deja de tener "
                          "efectos. También: sin efectos."),
    "existe contradiccion": ("existe contradicción", "En una contradicción de criterios, "
                             "la hay, y se fija el criterio que debe prevalecer."),
    "no existe contradiccion": ("no existe contradicción", "En una contradicción de "
                                "criterios, los criterios denunciados no se contradicen."),
}  # fmt: skip

SENTIDOS: list[dict[str, str]] = [
    {"valor": shown, "significado": meaning} for shown, meaning in RULINGS.values()
]
ABREVIATURAS: dict[str, Any] = {
    "uso": "Una palabra o una frase entre comillas que escribe una de estas formas encuentra "
    "también las otras, y se resalta la que escribió la sentencia. Sin comillas, «Suprema "
    "Corte de Justicia de la Nación» son siete palabras en cualquier orden, no el nombre.",
    "formas": [list(group) for group in GROUPS],
    "ordinales": "Del 1 al 99, en letra o en cifra: «Primero», «1o.», «1º», «1°», «1ro.», "
    "«Primer», «1er.»; «Segunda», «2a.», «2ª»; «Décimo Primero», «Decimoprimero», "
    "«Undécimo», «11o.»; «Vigésimo Tercero», «23o.». El signo de grado (1°) sólo se busca "
    "dentro de una frase: solo sería el número 1.",
    "numeros": "Un número de expediente se busca con y sin ceros a la izquierda: «987/2020» "
    "encuentra «0987/2020», nunca «1987/2020» ni «987/2021». Una cantidad, con y sin "
    "separadores de miles: «1234000» encuentra «1,234,000.00» (un año como «2023» se busca "
    "tal cual). Una palabra con guion también junta: «socio-económico» encuentra "
    "«socioeconómico». Una frase entre comillas rectas puede llevar comillas “…” dentro.",
}


def _names_of(field: str) -> list[str]:
    return sorted(name for name, target in QUERY_FIELDS.items() if target == field)


SYNTAX: dict[str, Any] = {
    "descripcion": "Cómo escribir una búsqueda en q (GET /v1/search, /v1/search.atom, "
    "la página /). Sin q se listan todos los documentos, los más recientes primero.",
    "operadores": OPERATORS,
    "campos": [
        {
            "campo": field,
            "en_q": _names_of(field),
            "filtro": next((p for p, f in FILTER_PARAMS.items() if f == field), None),
            "descripcion": text,
        }
        for field, text in FIELDS.items()
    ],
    "filtros": {
        "uso": "Cada filtro es un parámetro (?matter=penal&year=2023), repetible: los valores "
        "de un filtro se unen con OR, los filtros distintos con AND. El valor que muestra "
        "una faceta sirve como filtro («punto de acuerdo», «Sesión», «Guanajuato»).",
        "fechas": "date_from y date_to (AAAA-MM-DD), inclusivas.",
        "orden": "sort=relevance (con q), date_desc (sin q), date_asc, most_cited (las "
        "sentencias citadas por más documentos de la biblioteca primero).",
    },
    "sentidos": SENTIDOS,
    "abreviaturas": ABREVIATURAS,
    "errores": "Un campo, filtro o faceta que no existe es un error 422 que lo nombra y "
    "lista los válidos; cada error trae «mensaje» en español. Si la búsqueda no encuentra "
    "nada y lleva or/and/not (o y/o/no) en minúsculas, la respuesta sugiere la forma con "
    "operadores.",
    "limites": {
        "caracteres": MAX_QUERY_CHARS,
        "palabras": MAX_CLAUSES,
        "proximidad_maxima": MAX_SLOP,
    },
}
