"""A value as a person writes it → what the stores compare, shared by both compilers
and by the indexing side, so that a query and a stored value meet in one form.

- keywords compare folded (case, accents, spacing), with ``_`` read as a space: the
  facet ``punto_de_acuerdo`` is displayed and typed as "punto de acuerdo";
- a kind or an entity may be named as the pages show it ("Sesión", "Guanajuato");
- a sentido del fallo may be typed as the sentence says it ("sobresee", "se concede el
  amparo"): it names the stored value of that meaning (``indexer.query.rulings``);
- a ponente or a court may be named by some of its words ("Pérez Dayán", "primera
  sala"): it names every stored value holding them (``indexer.query.names``);
- a case number is read by the reader that read the stored one, so "Toca No. 133/2021",
  "toca penal 133/2021" and "0133/2021" all name the stored ``Toca 133/2021``.
"""

from __future__ import annotations

from config.jurisdictions import JURISDICTIONS
from indexer.analysis import fold_keyword, visible_text
from indexer.citations import citation_key
from indexer.query.names import name_keys
from indexer.query.rulings import ruling_key, ruling_keys
from indexer.readers.expedientes import parse_expediente

KIND_NAMES = {
    "sentencia": "sentencia",
    "sentencias": "sentencia",
    "sesion": "sesion",
    "sesiones": "sesion",
    "legislativo": "legislativo",
    "documento legislativo": "legislativo",
    "documentos legislativos": "legislativo",
}


def keyword_key(value: str) -> str:
    """The form a keyword is indexed and filtered by (the characters no one sees dropped,
    as the stores drop them from the values they index: ``documents.filter_values``)."""
    return fold_keyword(visible_text(value).replace("_", " "))


_ENTITIES = {keyword_key(name): code for code, name in JURISDICTIONS.items()}


def keyword_value(field: str, value: str) -> str:
    """The indexed key a filter value on ``field`` must equal."""
    key = keyword_key(value)
    if field == "kind":
        return KIND_NAMES.get(key, key)
    if field == "jurisdiction":
        return keyword_key(_ENTITIES.get(key, value))
    if field == "cita":  # read like a citation in a text: "A.R. 1234/2023" is AR 1234/2023
        return keyword_key(citation_key(value))
    if field == "ruling":  # "sobresee", "sobreseimiento": the stored "sobreseer"
        return ruling_key(value)
    return key


def keyword_values(field: str, value: str) -> tuple[str, ...]:
    """Every indexed key a filter value on ``field`` matches: for a ruling, each stored
    spelling of its meaning ("sobreseer", "sobreseimiento", "se sobresee"); for a ponente
    or a court, each stored value holding the typed words (``indexer.query.names``, while
    a store's book of them is set); else one."""
    if field == "ruling":
        return ruling_keys(value)
    names = name_keys(field, value)
    if names is not None:
        return names
    return (keyword_value(field, value),)


def case_phrases(value: str) -> list[str]:
    """The forms to look for among a document's case-number forms: the canonical form
    when a type is written (``Toca 133/2021``) or a series (``JL-12/2024``), the number
    alone when not (``133/2021``); the value as typed when no number can be read from it."""
    cases = parse_expediente(value)
    if not cases:
        return [value]
    phrases = [
        case.canonical
        if case.type_code not in (None, "EXP") or case.electoral or case.series
        else case.digits
        for case in cases
    ]
    return list(dict.fromkeys(phrases))
