"""The query language, documented for people (``GET /v1/search/syntax``), in Spanish.

Every example here is run against a real library in the tests, so an operator that stops
working, or one added without its line here, is noticed.
"""

from __future__ import annotations

from typing import Any

from indexer.query import FILTER_PARAMS, QUERY_FIELDS
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
        'texto). Un ordinal del 1 al 10 vale escrito de cualquier forma: "Juzgado 1o. de '
        'Distrito" encuentra «Juzgado 1º», «Juzgado Primero», «Juzgado 1ro.»; "2a. Sala", '
        "«Segunda Sala».",
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
    "(o sobresee, sobreseimiento)…",
    "expediente": "Número de expediente, en cualquier forma escrita.",
    "session_type": "Tipo de sesión: ordinaria, extraordinaria, solemne, comisión…",
    "congress": "Congreso.",
    "legislature": "Legislatura: LXVI.",
    "chamber": "Cámara.",
    "doc_type": "Tipo de documento legislativo: dictamen, punto de acuerdo…",
    "year": "Año de la fecha del acto: 2023.",
    "cita": "Lo que el documento cita: expediente, tesis o artículo de una ley.",
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
