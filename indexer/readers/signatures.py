"""Signature blocks and cryptographic-evidence pages at the end of a sentence.

Public versions end with the signers' names and roles (``LIC. …``, ``JUEZA``, ``FIRMA
ELECTRÓNICA``) and often with pages of electronic-signature evidence (``EVIDENCIA
CRIPTOGRÁFICA``, certificate serial numbers, OCSP/TSP answers, hashes). They are not
what a reader searches for, and hashes make ugly snippets. ``split_signatures`` cuts them
out; the document keeps them apart (``signature_text``) so the full text is still served.
"""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword

_EVIDENCE_HEADINGS = re.compile(
    r"^(?:evidencia criptografica|constancia de firma electronica|datos de (?:la )?firma"
    r"|firma electronica avanzada|cadena original|documento firmado electronicamente"
    r"|este documento (?:fue|ha sido|esta) firmado electronicamente|validacion de firma)"
)
_EVIDENCE_DETAILS = re.compile(
    r"(?:\bno\.? ?(?:de )?serie\b|\bnumero de serie\b|\bcertificad[oa]\b|\bfirmante\b|\bocsp\b"
    r"|\btsp\b|\bhash\b|\bsha-?\d+\b|\bsello (?:digital|de tiempo)\b|\bautoridad certificadora\b"
    r"|\bsecuencia\b|\bestatus\b|\bdatos estampillados\b|\bfirma\s*:|\bfiel\b|\be\.firma\b)"
)
_LONG_CODE = re.compile(r"(?:[0-9a-f]{2}[.:]){8,}|[0-9A-Fa-f]{32,}|[A-Za-z0-9+/=]{40,}")
# (the closing's "Así…" with or without "lo", the vote between: "Así resolvió la Primera
# Sala…", "Así, por unanimidad de votos, resolvieron los Magistrados…")
_CLOSING = re.compile(
    r"(?:doy fe|da fe|damos fe|dan fe|conste\b|rubricas?\b|firman?\s+(?:electronicamente|"
    r"ante|con|los|las|el|la)\b|\basi\b,?\s(?:[^.;\n]{0,100}?\s)?(?:lo\s)?"
    r"(?:resolvio|resolvieron|acordo|acordaron|sentencio|sentenciaron)\b)"
)
_ROLE = re.compile(
    r"\b(?:juez|jueza|magistrad[oa]s?|secretari[oa]s?|ministr[oa]s?|president[ae]|ponente"
    r"|lic\.|licenciad[oa]|mtr[oa]\.|maestr[oa]|dr\.|dra\.|rubrica|firma|firmado|actuari[oa]"
    r"|de acuerdos|proyectista)"
)
MAX_SIGNATURE_LINE = 90
EVIDENCE_WINDOW = 15


class _Folded:
    """The lines folded (``fold_keyword``), each when first asked and once: the evidence
    and the signature readers look at the same closing lines, and a PDF's paragraph may be
    one long line."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._folded: dict[int, str] = {}

    def __getitem__(self, i: int) -> str:
        folded = self._folded.get(i)
        if folded is None:
            folded = self._folded[i] = fold_keyword(self._lines[i])
        return folded


def _evidence_start(lines: list[str], folded: _Folded) -> int | None:
    """The first line of an evidence section: a heading followed by certificate details."""
    first_candidate = int(len(lines) * 0.4)
    for i in range(first_candidate, len(lines)):
        if not _EVIDENCE_HEADINGS.match(folded[i]) or len(folded[i]) > 120:
            continue
        window = range(i + 1, min(i + 1 + EVIDENCE_WINDOW, len(lines)))
        details = sum(
            1 for j in window if _EVIDENCE_DETAILS.search(folded[j]) or _LONG_CODE.search(lines[j])
        )
        if details >= 2:
            return i
    return None


def _signature_like(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > MAX_SIGNATURE_LINE or stripped.endswith((";", ":")):
        return False
    letters = [c for c in stripped if c.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return shouting or bool(_ROLE.search(fold_keyword(stripped))) or stripped == "*"


def _signature_run(lines: list[str], folded: _Folded) -> tuple[int, int] | None:
    """Lines of names and roles after the last closing formula (``DOY FE``); ``folded``
    holds the same lines (and perhaps more after them) folded."""
    closing = None
    for i in range(len(lines) - 1, int(len(lines) * 0.5) - 1, -1):
        if _CLOSING.search(folded[i]):
            closing = i
            break
    if closing is None:
        return None
    end = closing + 1
    while end < len(lines) and _signature_like(lines[end]):
        end += 1
    run = lines[closing + 1 : end]
    if not any(_ROLE.search(fold_keyword(line)) for line in run):
        return None
    return closing + 1, end


def split_signatures(text: str) -> tuple[str, str]:
    """``(body, signatures)``: the text without its trailing signature block and
    evidence pages, and what was cut (empty when nothing was recognised)."""
    if not text:
        return text, ""
    parts = re.split(r"(\n|\f)", text)  # lines and the break after each (page breaks kept)
    lines, breaks = parts[0::2], [*parts[1::2], ""]

    def joined(start: int, end: int) -> str:
        return "".join(
            line + brk for line, brk in zip(lines[start:end], breaks[start:end], strict=True)
        )

    stop = len(lines)
    removed: list[str] = []
    folded = _Folded(lines)
    start = _evidence_start(lines, folded)
    if start is not None:
        removed.append(joined(start, stop).strip())
        stop = start
    run = _signature_run(lines[:stop], folded)
    if run is None:
        body = joined(0, stop)
    else:
        begin, end = run
        removed.insert(0, joined(begin, end).strip())
        body = joined(0, begin) + joined(end, stop)
    if not removed:
        return text, ""
    return body.rstrip("\n\f "), "\n\n".join(part for part in removed if part)
