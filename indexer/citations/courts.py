"""Whether the court written with a citation can be the court of a stored sentence."""

from __future__ import annotations

from indexer.analysis import fold_keyword

_FILLER = frozenset(("de", "del", "la", "el", "en", "y", "los", "las"))


def court_key(court: str | None) -> str | None:
    """A court's name folded (case, accents, spacing), as both sides are compared."""
    return " ".join(fold_keyword(court).split()) if court and court.strip() else None


def courts_agree(cited: str | None, held: str | None) -> bool:
    """No court on either side agrees; otherwise every significant word of the shorter
    name is in the longer ("Primera Sala" and "Primera Sala de la Suprema Corte de
    Justicia de la Nación" agree; "Primera Sala" and "Segunda Sala" do not)."""
    if not cited or not held:
        return True
    a = set(cited.split()) - _FILLER
    b = set(held.split()) - _FILLER
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return shorter <= longer
