"""The sentido del fallo as people type it → the values sources and the resolutive-point
reader store, so that ``ruling=sobresee`` finds the sentences stored as ``sobreseer``.

Stored values are the listings' words (the Jalisco service's ``confirmar``, ``revocar``,
``modificar``, ``improcedente``; the Nuevo León grid's ``condenatorio``, ``absolutorio``)
and the reader's, written the same way (``indexer.readers.rulings``). A journalist types
the verb as the sentence says it (``se sobresee``, ``confirma``) or as a report does
(``revocó``), its noun (``sobreseimiento``) or its participle (``sobreseído``): each
names its value's whole group, so a filter finds every stored spelling of one meaning (an
index written before a value was mapped included). Only forms of one meaning each are
listed: ``ampara`` is ``amparar``, never ``no amparar``; a value outside the list is
compared as typed (a source's own word, ``reponer procedimiento``).
"""

from __future__ import annotations

from indexer.analysis import fold_keyword

# canonical value (as stored, folded) → the other forms that name it (folded)
RULING_FORMS: dict[str, tuple[str, ...]] = {
    "confirmar": ("confirma", "confirman", "confirmado", "confirmada", "confirmacion",
                  "confirmatoria", "confirmatorio", "confirmo", "se confirma"),
    "revocar": ("revoca", "revocan", "revocado", "revocada", "revocacion", "revoco",
                "revocatoria", "se revoca"),
    "modificar": ("modifica", "modificado", "modificada", "modificacion", "modifico",
                  "se modifica"),
    "sobreseer": ("sobresee", "sobreseen", "sobreseido", "sobreseida", "sobreseimiento",
                  "sobreseyo", "se sobresee", "sobreseer el juicio"),
    "desechar": ("desecha", "desechan", "desechado", "desechada", "desechamiento",
                 "desecho", "se desecha", "desechar de plano", "se desecha de plano"),
    "amparar": ("ampara", "amparado", "amparada", "ampara y protege", "amparo concedido",
                "concede el amparo", "se concede el amparo", "conceder el amparo",
                "otorga el amparo", "se otorga el amparo", "concedio el amparo"),
    "no amparar": ("no ampara", "no amparado", "no amparada", "no ampara ni protege",
                   "amparo negado", "niega el amparo", "se niega el amparo",
                   "negar el amparo", "nego el amparo"),
    "condenatorio": ("condenatoria", "condena", "condenar", "condenado", "condenada",
                     "condeno", "se condena", "sentencia condenatoria"),
    "absolutorio": ("absolutoria", "absuelve", "absolver", "absuelto", "absuelta",
                    "absolucion", "absolvio", "se absuelve", "sentencia absolutoria"),
    "procedente y fundado": ("procedente y fundada",),
    "procedente pero infundado": ("procedente pero infundada",),
    "procedente y parcialmente fundado": ("procedente y parcialmente fundada",),
    "fundado": ("fundada", "se declara fundado", "es fundado"),
    "infundado": ("infundada", "infundados", "se declara infundado", "es infundado"),
    "improcedente": ("improcedencia", "es improcedente", "se declara improcedente"),
    "declarar la invalidez": ("invalidez", "declara la invalidez", "declarar invalidez",
                              "se declara la invalidez"),
    "declarar la nulidad": ("nulidad", "declara la nulidad", "se declara la nulidad",
                            "declarar nulidad", "decreta la nulidad", "se decreta la nulidad"),
    "reconocer la validez": ("validez", "reconoce la validez", "se reconoce la validez",
                             "declara la validez", "declarar la validez",
                             "se declara la validez"),
    "declarar sin materia": ("sin materia", "se declara sin materia", "queda sin materia",
                             "declara sin materia"),
    "tener por no presentado": ("no presentado", "no presentada", "por no presentado",
                                "por no presentada", "se tiene por no presentado",
                                "se tiene por no presentada"),
    "dejar sin efectos": ("sin efectos", "sin efecto", "queda sin efectos",
                          "deja sin efectos", "se deja sin efectos"),
    "existe contradiccion": ("si existe contradiccion", "existe la contradiccion",
                             "si existe la contradiccion"),
    "no existe contradiccion": ("contradiccion inexistente",
                                "inexistencia de la contradiccion", "no existe la contradiccion",
                                "es inexistente la contradiccion"),
}  # fmt: skip

_CANONICAL = {form: value for value, forms in RULING_FORMS.items() for form in forms} | {
    value: value for value in RULING_FORMS
}


def ruling_keys(value: str) -> tuple[str, ...]:
    """The stored keys a typed ruling names: the whole group of its value (canonical
    first) when it is one of the list's forms, else the value itself, folded."""
    key = fold_keyword(value.replace("_", " "))
    canonical = _CANONICAL.get(key)
    if canonical is None:
        return (key,)
    return (canonical, *RULING_FORMS[canonical])


def ruling_key(value: str) -> str:
    """The canonical key of a typed ruling (the value itself when it names none)."""
    return ruling_keys(value)[0]
