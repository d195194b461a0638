"""Whether the court written with a citation can be the court of a stored sentence."""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.analysis import fold_keyword
from indexer.readers.courts import normalise_court

_FILLER = frozenset(("de", "del", "la", "el", "en", "y", "los", "las"))
# A federal court's body named bare, its owner not written: by the convention of
# ``normalise_court`` with no publisher known ("Tribunal Pleno" is the SCJN's), the
# federal court's, never another court's body of the same name ("Primera Sala" written
# bare is not the "Primera Sala del Supremo Tribunal de Justicia del Estado de Jalisco").
_BARE_FEDERAL = {
    "primera sala": "primera sala de la scjn",
    "segunda sala": "segunda sala de la scjn",
    "pleno": "pleno de la scjn",
    "sala superior": "sala superior del tepjf",
}
# An ordinal word, either gender, alone or compound ("decimotercer"), or a Roman numeral:
# what tells one numbered body from its siblings.
_ORDINAL = re.compile(
    r"^(decimo|vigesimo|trigesimo)?(primer|segund|tercer|cuart|quint|sext|septim|octav|noven"
    r"|decim|undecim|duodecim|vigesim|trigesim)[oa]?$"
)
_ROMAN = re.compile(r"^(?=[ivxl])(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")


def court_key(court: str | None) -> str | None:
    """A court's name folded (case, accents, spacing), as both sides are compared."""
    return " ".join(fold_keyword(court).split()) if court and court.strip() else None


@lru_cache(maxsize=4096)
def _canonical(folded: str) -> tuple[str, ...]:
    """The significant words of a court's one written form, in order: a citation writes
    "Primera Sala de esta Suprema Corte" or "Tribunal Pleno de la Suprema Corte de Justicia
    de la Nación" where the sentence keeps "Primera Sala de la SCJN", "Pleno de la SCJN"."""
    canonical = court_key(normalise_court(folded)) or folded
    # (a seat after a comma: "…Tercera Región, con residencia en Morelia, Michoacán" has
    # the words of "…Tercera Región")
    words = (word.strip(",;") for word in canonical.split())
    return tuple(word for word in words if word and word not in _FILLER)


def _ordinals(words: tuple[str, ...]) -> list[str]:
    """The ordinals and numerals of a name, in order ("Décimo Tercer Tribunal Colegiado…
    del Primer Circuito" → decimo, tercer, primer)."""
    found = []
    for word in words:
        ordinal = _ORDINAL.match(word)
        if ordinal:
            # "Decimotercer" as "Décimo Tercer": both written
            found.extend(filter(None, (ordinal[1] and ordinal[1][:-1], ordinal[2])))
        elif _ROMAN.match(word):
            found.append(word)
    return found


def _named(words: tuple[str, ...]) -> frozenset[str]:
    """A name's words but its ordinals and numerals (compared apart, in order)."""
    return frozenset(w for w in words if not (_ORDINAL.match(w) or _ROMAN.match(w)))


def courts_agree(cited: str | None, held: str | None) -> bool:
    """No court on either side agrees; otherwise every significant word of the shorter
    name is in the longer ("Primera Sala" and "Primera Sala de la Suprema Corte de
    Justicia de la Nación" agree; "Primera Sala" and "Segunda Sala" do not), and both
    number their bodies alike: "… Civil del Primer Circuito" is not "… Civil del Tercer
    Circuito", "Tercer Tribunal Colegiado…" not "Décimo Tercer…", a "Sala Penal" with no
    ordinal names none of several numbered ones. A cited body written bare ("Primera
    Sala", "Sala Superior") is the federal court's (see ``_BARE_FEDERAL``); a held one's
    owner is its publisher, which the caller weighs."""
    if not cited or not held:
        return True
    cited_words = _canonical(_BARE_FEDERAL.get(court_key(cited) or "", cited))
    held_words = _canonical(held)
    if _ordinals(cited_words) != _ordinals(held_words):
        return False
    a, b = _named(cited_words), _named(held_words)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return shorter <= longer
