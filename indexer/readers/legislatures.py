"""Which legislature sat on a date, as a document's field (``LXVI``): the calendars are
``config.legislatures``; a jurisdiction or date outside them gives nothing."""

from __future__ import annotations

import datetime as dt
import re

from config.legislatures import sitting_number
from indexer.analysis import fold_keyword
from indexer.readers.normalise import int_to_roman, legislature_number

# a congress or one of its chambers; a court's sessions (the SCJN's, its Salas') have no
# legislature, whatever their date
_LEGISLATIVE = re.compile(
    r"\b(?:congreso|camara de diputados|senado|legislatura|asamblea legislativa|"
    r"poder legislativo|comision permanente)\b"
)


def legislative(*names: str | None) -> bool:
    """One of the names (the institution, the session's congress) is a legislative body's."""
    return any(name and _LEGISLATIVE.search(fold_keyword(name)) for name in names)


def legislature_on(jurisdiction: str, day: dt.date | None) -> str | None:
    """The legislature that sat on ``day`` in ``jurisdiction``, if its calendar is known."""
    number = sitting_number(jurisdiction, day)
    return int_to_roman(number) if number else None


def contradicts(value: str | None, jurisdiction: str, day: dt.date | None) -> str | None:
    """The calendar's legislature when it differs from ``value`` (a spec's constant);
    none when they agree or either is unknown."""
    expected = legislature_on(jurisdiction, day)
    number = legislature_number(value)
    if expected is None or number is None:
        return None
    return expected if int_to_roman(number) != expected else None
