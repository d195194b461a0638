"""Whether a stored sentence can be the one a case citation names: the same case number is
not enough, since an institution registering its own sources may publish a judgment whose
expediente copies a federal court's ("AR 101/2024") and whose court is empty (none given,
or a foreign one emptied at crawl time). A wrong link is worse than none, so a sentence is
named only when nothing known sets its issuer apart from the citation's:

- the level: a federal kind of case ("amparo en revisión", "acción de inconstitucionalidad",
  "contradicción de tesis", a TEPJF chamber's case) or a federal court written beside it is
  never a state's sentence, nor a registered institution's not known to be the federal
  judiciary; a local electoral case is never a federal one (a "toca" may be either: the
  federal appeal courts keep tocas too);
- a state written beside it ("… del Estado de Jalisco") is never another state's sentence;
- the court: when both sides have one they must agree (:func:`courts_agree`); when the
  citation names one and the sentence has none, its institution must be that court
  ("Primera Sala" of an amparo: the Suprema Corte), else it is not named (unsure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.attribution import federal_court, named_state
from indexer.citations.courts import court_key, courts_agree
from indexer.readers.expedientes import ELECTORAL_CHAMBERS, LOCAL_ELECTORAL_TYPES

FEDERAL = "federal"
STATE = "state"
OTHER = "other"  # a registered federal institution not known to be the judiciary
# Heard only by the federal judiciary (SCJN, plenos, colegiados, juzgados de distrito).
FEDERAL_KINDS = frozenset(("AR", "ADR", "AD", "AMP", "AI", "DGI", "CC", "CT"))
_FEDERAL_WORDS = re.compile(
    r"\b(?:suprema corte|scjn|poder judicial de la federacion|tepjf"
    r"|tribunal colegiado|pleno regional|circuito|juzgado de distrito)\b"
)
# The TEPJF's chambers' names, which a state's administrative court's bodies share ("Sala
# Superior del Tribunal de Justicia Administrativa del Estado de Sonora"): federal only
# where no state is written with them.
_CHAMBER_WORDS = re.compile(r"\bsala (?:superior|regional)\b")
_STATE_WORDS = re.compile(
    r"\b(?:estado de|supremo tribunal de justicia|tribunal superior de justicia"
    r"|(?<!sala regional )ciudad de mexico)\b"
)
# A federal court's body as citations write it, bare: "Primera Sala", "Sala Superior".
_BARE_BODIES = {"primera sala": "scjn", "segunda sala": "scjn", "pleno": "scjn",
                "sala superior": "tepjf"}  # fmt: skip


@dataclass(frozen=True)
class Holder:
    """What is known of a sentence holding a case number: its court (folded, as
    ``document_cases`` keeps it), its institution and jurisdiction, and whether an
    institution's registered source published it."""

    court: str | None
    institution: str | None
    jurisdiction: str | None
    registered: bool


def _kind_level(key: str) -> str | None:
    first = re.split(r"[\s-]", key, maxsplit=1)[0]
    if first in FEDERAL_KINDS or first in ELECTORAL_CHAMBERS:
        return FEDERAL
    if first in LOCAL_ELECTORAL_TYPES:
        return STATE
    if "-" in key and first.startswith("T") and first.isupper():
        return STATE  # a local electoral court's case: TECDMX-JLDC-19/2025
    return None


def _court_level(court: str | None) -> str | None:
    if not court:
        return None
    if _FEDERAL_WORDS.search(court):
        return FEDERAL
    if _STATE_WORDS.search(court):
        return STATE
    return FEDERAL if _CHAMBER_WORDS.search(court) else None


@lru_cache(maxsize=4096)
def _holder_traits(
    institution: str | None, jurisdiction: str | None, registered: bool
) -> tuple[str | None, str | None, str | None]:
    """A holder's level, its institution folded, and the federal court it is, if any."""
    folded = court_key(institution)
    body = federal_court(folded) if folded else None
    if jurisdiction is None:
        level = None
    elif jurisdiction != "MX":
        level = STATE
    elif registered:
        level = FEDERAL if _court_level(folded) == FEDERAL else OTHER
    else:
        level = FEDERAL
    return level, folded, body


def names(key: str, cited_court: str | None, holder: Holder) -> bool:
    """Whether a citation of ``key`` with ``cited_court`` (folded by :func:`court_key`)
    can name ``holder``'s sentence."""
    wanted = _court_level(cited_court) or _kind_level(key)
    level, institution, body = _holder_traits(
        holder.institution, holder.jurisdiction, holder.registered
    )
    if wanted is not None and level is not None and wanted != level:
        return False
    state = named_state(cited_court) if cited_court else None
    if state is not None and level == STATE and state != holder.jurisdiction:
        return False
    if not cited_court:
        return True
    if holder.court:
        return courts_agree(cited_court, holder.court)
    return _is_institution(cited_court, wanted, institution, body)


def _is_institution(
    cited_court: str, wanted: str | None, institution: str | None, body: str | None
) -> bool:
    """Whether the court a citation names is a courtless sentence's institution."""
    if institution is None:
        return False
    if courts_agree(cited_court, institution):
        return True
    cited_body = federal_court(cited_court)
    if cited_body is None and wanted == FEDERAL:
        bare = "sala superior" if cited_court.startswith("sala regional") else cited_court
        cited_body = _BARE_BODIES.get(bare)
    return cited_body is not None and cited_body == body
