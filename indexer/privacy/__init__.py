"""The personal-data guard: what a public version must not show, found before a
document is saved or indexed (DESIGN.md §7).

Detectors, one module per family: ``identifiers`` (CURP, RFC, clave de elector, NSS,
CLABE, card numbers, with their check digits), ``contact`` (telephones, e-mail,
street addresses), ``names`` (private parties, victims and minors in the places public
versions redact them), ``redactions`` (marks already left by the publisher). ``guard``
applies a source's policy: ``mask`` (the default: values replaced by
``[DATO PERSONAL]``), ``flag`` (shown, marked) or ``withhold`` (kept out of the index
and the API until reviewed). Findings keep kind and position, never the value.
"""

from __future__ import annotations

from .document import guard_document
from .findings import KINDS, STRUCTURED, Span
from .guard import POLICIES, RULES_VERSION, protect, protect_fields, scan
from .redactions import MASK

__all__ = [
    "KINDS",
    "MASK",
    "POLICIES",
    "RULES_VERSION",
    "STRUCTURED",
    "Span",
    "guard_document",
    "protect",
    "protect_fields",
    "scan",
]
