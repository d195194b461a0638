"""Whether the court written with a citation can be the court of a stored sentence."""

from __future__ import annotations

from functools import lru_cache

from indexer.analysis import fold_keyword
from indexer.readers.courts import normalise_court

_FILLER = frozenset(("de", "del", "la", "el", "en", "y", "los", "las"))


def court_key(court: str | None) -> str | None:
    """A court's name folded (case, accents, spacing), as both sides are compared."""
    return " ".join(fold_keyword(court).split()) if court and court.strip() else None


@lru_cache(maxsize=4096)
def _words(folded: str) -> frozenset[str]:
    """The significant words of a court's one written form: a citation writes "Primera
    Sala de esta Suprema Corte" or "Tribunal Pleno de la Suprema Corte de Justicia de la
    Nación" where the sentence keeps "Primera Sala de la SCJN", "Pleno de la SCJN"."""
    canonical = court_key(normalise_court(folded)) or folded
    return frozenset(canonical.split()) - _FILLER


def courts_agree(cited: str | None, held: str | None) -> bool:
    """No court on either side agrees; otherwise every significant word of the shorter
    name is in the longer ("Primera Sala" and "Primera Sala de la Suprema Corte de
    Justicia de la Nación" agree; "Primera Sala" and "Segunda Sala" do not)."""
    if not cited or not held:
        return True
    a = _words(cited)
    b = _words(held)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return shorter <= longer
