"""The ponente a sentence names where it closes, when its caption does not: the
signature block's role line ("PONENTE", "MINISTRO PONENTE", "PRESIDENTA DE LA PRIMERA
SALA Y PONENTE") with the name signed under it, and the vote's "(Ponente)" after a
name ("…y Presidenta Loretta Ortiz Ahlf (Ponente).").

Many public versions lose their caption (a Word file's header or text box, an HTML
export): the closing is then the only place that says who drafted the sentence. A block
is read in its own order (an SCJN block writes each role above its signer, other courts
under it); a role whose signer is not next to it, or two places naming different people,
give none: a wrong ponente is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from indexer.analysis import fold_keyword

SIGNATURE_LINE = 90  # a signer's name or role fits in this many characters
BLOCK_LINES = 40
FULL_NAME_WORDS = 3  # a block's lines read around a role; a long legend ends it before
# A role line naming the ponente, nobody's name on it.
_PONENTE_ROLE = re.compile(
    r"^(?:(?:el|la)\s+)?(?:(?:ministr|magistrad)[oa]\s+)?"
    r"(?:president[ae](?:\s+de\s+la\s+\w+\s+sala|\s+del?\s+(?:tribunal\s+)?pleno)?\s+y\s+)?"
    r"ponente\s*[.:]?$",
    re.I,
)
# A line holding only a role or office (another signer's), never a name.
_ROLE_WORDS = re.compile(
    r"^(?:(?:el|la|los|las|de|del|y|en|general|primera|segunda|tercera|sala|tribunal|pleno"
    r"|suprema|corte|justicia|nacion|acuerdos|estudio|cuenta|encargad[oa]|engrose"
    r"|president[ae]|secretari[oa]|ministr[oa]s?|magistrad[oa]s?|ponente|integrantes?"
    r"|jueza?|actuari[oa]|firma|rubrica)\b[\s.:,]*)+$"
)
# "(Ponente)" or ", ponente" after a name in the closing's vote (a circuit court's
# "(presidente y ponente)", "(ponente y presidenta)").
_MARKED = re.compile(
    r"\s*(?:\(\s*(?:president[ae]\s+y\s+)?ponente(?:\s+y\s+president[ae])?\s*\)"
    r"|,\s*(?:quien\s+fue\s+)?ponente\b(?!\s+(?:el|la)\b))",
    re.I,
)
_NAME_BEFORE = re.compile(
    r"((?:[A-ZÁÉÍÓÚÑ][\wáéíóúñü'-]+|de|del|la|las|los)(?:\s+(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñü'-]+"
    r"|de|del|la|las|los)){1,7})$"
)
_LEADING = re.compile(
    r"^(?:(?:de|del|la|las|los|el|se[ñn]or(?:a|es|as)?|ministr[oa]s?|magistrad[oa]s?|president[ae]s?)\s+)+",
    re.I,
)
_LINKS = frozenset(("de", "del", "la", "las", "los"))


def signed_ponente(
    text: str, closing_at: int, is_name: Callable[[str], bool]
) -> tuple[str, int] | None:
    """The ponente the closing from ``closing_at`` names (its signature block, its vote),
    with where; None where neither does, or the two name different people. ``is_name``
    tells a person's name (titles allowed) from anything else."""
    signed = _block_ponente(text, closing_at, is_name)
    voted = _voted_ponente(text, closing_at)
    if signed and voted and not _same_person(signed[0], voted[0]):
        return None
    return signed or voted


def _lines(text: str, start: int) -> list[tuple[str, int]]:
    out, at = [], start
    for raw in text[start:].split("\n"):
        line = raw.strip()
        if line:
            out.append((line, at + raw.find(line)))
        at += len(raw) + 1
    return out


def _signature_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return (
        len(line) <= SIGNATURE_LINE
        and bool(letters)
        and (
            sum(c.isupper() for c in letters) / len(letters) > 0.85
            or bool(_PONENTE_ROLE.match(line))
        )
    )


def _is_role(line: str) -> bool:
    return bool(_ROLE_WORDS.match(fold_keyword(line)))


def _block_ponente(
    text: str, closing_at: int, is_name: Callable[[str], bool]
) -> tuple[str, int] | None:
    lines = _lines(text, closing_at)
    for i, (line, _at) in enumerate(lines):
        if not _PONENTE_ROLE.match(line):
            continue
        first = i  # the block's first line: its order (role above or under the signer)
        while first > 0 and i - first < BLOCK_LINES and _signature_line(lines[first - 1][0]):
            first -= 1
        roles_above = _is_role(lines[first][0])
        j = i + 1 if roles_above else i - 1
        if not 0 <= j < len(lines) or j < first:
            return None
        name, at = lines[j]
        if not _signature_line(name) or _is_role(name) or not is_name(name):
            return None
        return " ".join(name.split()), at
    return None


def _voted_ponente(text: str, closing_at: int) -> tuple[str, int] | None:
    paragraph = text[closing_at : closing_at + 3000]
    for mark in _MARKED.finditer(paragraph):
        found = _NAME_BEFORE.search(paragraph[: mark.start()])
        if not found:
            continue
        name = _LEADING.sub("", found[1])
        words = name.split()
        # a whole name (a given name and two surnames): a Pleno's vote names its
        # members by their surnames only, a part of the name no other place writes so
        if words[-1] not in _LINKS and sum(w not in _LINKS for w in words) >= FULL_NAME_WORDS:
            return name, closing_at + found.start(1) + (len(found[1]) - len(name))
    return None


def _same_person(one: str, other: str) -> bool:
    """Whether two writings name one person: the shorter's words all in the longer's
    (titles and case aside)."""
    words = [set(fold_keyword(_LEADING.sub("", w)).split()) - _LINKS for w in (one, other)]
    titles = {"ministro", "ministra", "magistrado", "magistrada", "lic.", "licenciado",
              "licenciada", "mtro.", "maestro", "maestra"}  # fmt: skip
    a, b = (w - titles for w in words)
    return bool(a and b) and (a <= b or b <= a)
