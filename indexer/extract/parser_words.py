"""What a parser's own complaint (expat, zipfile, zlib) means, said in Spanish.

A refusal reads as one Spanish sentence: «el XML del documento Word no es válido: un
prefijo sin declarar (línea 2, columna 40)», never expat's English («unbound prefix:
line 2, column 40») glued to it. Every expat error code has its words here (a test walks
them all); zip and zlib complaints are said by their common cases, the rest by a general
phrase, their English left out of the sentence."""

from __future__ import annotations

import re
import zipfile
import zlib
from xml.parsers import expat

# expat's codes (xml.parsers.expat.errors.codes) → what they mean for a document's XML
EXPAT = {
    "out of memory": "el analizador de XML se quedó sin memoria",
    "syntax error": "un error de sintaxis",
    "no element found": "el XML termina antes de abrir o cerrar su elemento raíz (está "
    "vacío o cortado)",
    "not well-formed (invalid token)": "un carácter o símbolo que el XML no admite ahí",
    "unclosed token": "una etiqueta o referencia que no se cierra",
    "partial character": "un carácter cortado a la mitad al final del XML",
    "mismatched tag": "una etiqueta que cierra otra que no estaba abierta",
    "duplicate attribute": "un atributo repetido en una misma etiqueta",
    "junk after document element": "contenido después del elemento raíz",
    "illegal parameter entity reference": "una referencia a entidad de parámetro no permitida",
    "undefined entity": "una entidad sin definir (&…;)",
    "recursive entity reference": "una entidad que se refiere a sí misma",
    "asynchronous entity": "una entidad que no cierra lo que abre",
    "reference to invalid character number": "una referencia a un carácter que no existe (&#…;)",
    "reference to binary entity": "una referencia a una entidad binaria",
    "reference to external entity in attribute": "una entidad externa dentro de un atributo",
    "XML or text declaration not at start of entity": "la declaración XML no está al principio",
    "unknown encoding": "una codificación de caracteres desconocida",
    "encoding specified in XML declaration is incorrect": "una codificación declarada que "
    "no corresponde a sus bytes",
    "unclosed CDATA section": "una sección CDATA que no se cierra",
    "error in processing external entity reference": "una entidad externa que no se pudo procesar",
    "document is not standalone": "el documento no es autónomo (standalone)",
    "unexpected parser state - please send a bug report": "un estado inesperado del "
    "analizador de XML",
    "entity declared in parameter entity": "una entidad declarada dentro de otra",
    "requested feature requires XML_DTD support in Expat": "un DTD que el analizador no lee",
    "cannot change setting once parsing has begun": "un ajuste del analizador cambiado a destiempo",
    "unbound prefix": "un prefijo de espacio de nombres sin declarar",
    "must not undeclare prefix": "un prefijo de espacio de nombres anulado sin poder serlo",
    "incomplete markup in parameter entity": "una entidad de parámetro con marcas incompletas",
    "XML declaration not well-formed": "una declaración XML mal formada",
    "text declaration not well-formed": "una declaración de texto mal formada",
    "illegal character(s) in public id": "caracteres no permitidos en un identificador público",
    "parser suspended": "el analizador de XML quedó suspendido",
    "parser not suspended": "el analizador de XML no estaba suspendido",
    "parsing aborted": "la lectura del XML se interrumpió",
    "parsing finished": "la lectura del XML ya había terminado",
    "cannot suspend in external parameter entity": "una suspensión no permitida en una "
    "entidad externa",
    "reserved prefix (xml) must not be undeclared or bound to another namespace name": "el "
    "prefijo reservado xml redefinido",
    "reserved prefix (xmlns) must not be declared or undeclared": "el prefijo reservado "
    "xmlns declarado",
    "prefix must not be bound to one of the reserved namespace names": "un prefijo ligado "
    "a un espacio de nombres reservado",
    "invalid argument": "un argumento no válido para el analizador de XML",
    "a successful prior call to function XML_GetBuffer is required": "un uso del analizador "
    "de XML fuera de orden",
    "limit on input amplification factor (from DTD and entities) breached": "entidades que "
    "se expanden más de lo permitido (una «bomba» de entidades)",
}
_XML_GENERAL = "XML mal formado"

# zipfile's and zlib's common complaints → Spanish; the rest are said generally
_ZIP = (
    (re.compile(r"File is not a zip file"), "no es un archivo ZIP"),
    (re.compile(r"Bad magic number for (?:file header|central directory)"), "una cabecera "
     "dañada dentro del ZIP"),
    (re.compile(r"Truncated file header"), "el ZIP está cortado a mitad de una cabecera"),
    (re.compile(r"Bad CRC-32 for file '(.{0,200})'"), "la parte {0} no coincide con su suma de "
     "comprobación (CRC-32): está dañada"),
    (re.compile(r"There is no item named '(.{0,200})' in the archive"), "falta la parte {0}"),
    (re.compile(r"Overlapped entries"), "partes del ZIP superpuestas (un ZIP manipulado)"),
    (re.compile(r"Error -?\d+ while decompressing data: (.*)"), "datos comprimidos dañados"),
    (re.compile(r"Corrupt extra field"), "un campo extra dañado en una cabecera del ZIP"),
    (re.compile(r"Compressed file ended before the end-of-stream marker was reached"),
     "datos comprimidos cortados antes de su final"),
    (re.compile(r"zipfiles that span multiple disks are not supported"), "un ZIP "
     "repartido en varios discos, que no se lee"),
)  # fmt: skip
_ZIP_GENERAL = "el archivo ZIP está dañado"


def expat_said(exc: expat.ExpatError) -> str:
    """An expat error in Spanish, with where it is: «un prefijo sin declarar (línea 2,
    columna 40)»."""
    said = EXPAT.get(expat.errors.messages.get(getattr(exc, "code", 0) or 0, ""), _XML_GENERAL)
    line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
    if isinstance(line, int) and isinstance(column, int):
        return f"{said} (línea {line}, columna {column})"
    return said


def stored_said(detail: str) -> str | None:
    """A detail stored before it was said in Spanish (``…: unbound prefix: line 1, column
    0``, ``…: File is not a zip file``) in Spanish; None when it is no such detail."""
    if found := _EXPAT_STORED.match(detail):
        head, said, line, column = found.groups()
        return f"{head}{EXPAT.get(said, _XML_GENERAL)} (línea {line}, columna {column})"
    head, _, said = detail.partition(": ")
    if head == "documento Word ilegible" and (words := _zip_words(said)):
        return f"{head}: {words}"
    if head == "documento Word ilegible" and said[:1].isupper():  # Python's, not ours
        return f"{head}: {_ZIP_GENERAL}"
    return None


_EXPAT_STORED = re.compile(r"(.*?: )([^:]+): line (\d+), column (\d+)$")


def _zip_words(text: str) -> str | None:
    for pattern, spanish in _ZIP:
        if found := pattern.search(text):
            return spanish.format(*(f"«{g}»" for g in found.groups()))
    return None


def zip_said(exc: BaseException) -> str:
    """A zip or zlib complaint in Spanish (its common cases; the rest said generally)."""
    text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
    if words := _zip_words(str(text)):
        return words
    if isinstance(exc, EOFError):
        return "el ZIP termina antes de lo que dice su índice"
    if isinstance(exc, zipfile.LargeZipFile):
        return "un ZIP de 64 bits que no se lee"
    if isinstance(exc, zlib.error):
        return "datos comprimidos dañados"
    return _ZIP_GENERAL
