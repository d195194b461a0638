"""A failure cause of a command said in Spanish: one wording for ``abierto index`` and
``abierto reextract``, whose summaries count files by cause."""

from __future__ import annotations

from crawlers.causas import EXTRACTIONS, extraction_said

# why a document, file or path was left as it was, besides the extraction's causes
_CAUSES = {
    "sin_original": "el original no está en el archivo de originales",
    "archivo_ilegible": "el original no se pudo leer del disco",
    "internal": "falló el programa (un error nuestro, no del archivo)",
    "documento_invalido": "el documento reconstruido no es válido",
    "texto_de_pagina_no_separable": "el texto propio de la página no se puede separar del "
    "de sus archivos",
    "invalid_document": "el documento leído no es válido: le falta un dato que se exige",
    "symlink": "un enlace: no se sigue",
    "not_a_file": "no es un archivo (una carpeta, tubería o dispositivo)",
    "unreadable": "el archivo no se pudo leer del disco",
    "no_files": "no hay archivos que leer",
}


def cause_said(cause: str, example: str | None = None) -> str:
    """A failure cause said in Spanish: an extraction's by what its first file said (the
    true cause: «el PDF está cifrado…») when ``example`` is given, else by its name; the
    others by name, their detail kept; an unknown one as it is."""
    if cause in EXTRACTIONS:
        return (extraction_said(example) if example else None) or EXTRACTIONS[cause]
    name, _, detail = cause.partition(": ")
    said = _CAUSES.get(name)
    if said is None:
        return cause
    return f"{said} ({detail})" if detail else said
