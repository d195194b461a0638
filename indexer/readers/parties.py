"""The parties a sentence's caption names by their role (quejoso, recurrente, actor,
promovente, demandado, autoridad responsable, tercero interesado), as journalists ask for
them: only a caption's label with its value, never prose (the resultandos tell of many
people in many roles). A public version redacts private persons («[ELIMINADO: nombre]»,
«**********», «XXXXX», initials): a value with any mark of that is no name and is left
out whole, never guessed nor kept in part."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

# the label's words, each with the role it names (a label may name two: "QUEJOSO Y
# RECURRENTE")
_ROLES = (
    (r"(?:parte\s+)?quejos[oa]s?", "quejoso"),
    (r"(?:parte\s+)?recurrentes?", "recurrente"),
    (r"(?:parte\s+)?actor(?:a|es|as)?|parte\s+actora", "actor"),
    (r"(?:parte\s+)?promoventes?", "promovente"),
    (r"(?:parte\s+)?demandad[oa]s?", "demandado"),
    (
        r"(?:autoridad(?:es)?|[oó]rganos?(?:\s+partidistas?)?)\s+responsables?|responsables?",
        "autoridad responsable",
    ),
    (r"tercer[oa]s?\s+(?:interesad|perjudicad)[oa]s?", "tercero interesado"),
)
_ONE_ROLE = "|".join(f"(?:{words})" for words, _role in _ROLES)
_PARTY_LINE = re.compile(
    rf"^\s*(?P<label>(?:{_ONE_ROLE})(?:\s*(?:,|\by\b|\be\b)\s*(?:{_ONE_ROLE}))*)"
    r"\s*(?:[:;]|\.-|\s-\s)\s*(?P<value>.*?)\s*$",
    re.I,
)
_ROLE_PATTERNS = tuple((re.compile(rf"\b(?:{words})\b", re.I), role) for words, role in _ROLES)
# another cell's label on the same line ("QUEJOSA: X  PONENTE: Y"): the value ends there
_NEXT_LABEL = re.compile(
    rf"(?<=\s)(?:{_ONE_ROLE}|(?:(?:magistrad|ministr)[oa]\s+|jueza?\s+)?ponente"
    r"|secretari[oa](?:\s+[a-záéíóú]+){0,3}|expedientes?|toca|juicio|materia)\s*:",
    re.I,
)
# Any mark of a redaction, a placeholder or an omission: the value is no name
_REDACTED = re.compile(
    r"[*\[\]{}<>_…#]|\.{3}|x{3,}|\b(?:eliminad|suprimid|omit|testad|protegid|confidencial"
    r"|reservad|anonimi|redactad|clasificad|dato|datos|nombre|persona\s+f[ií]sica"
    r"|versi[oó]n\s+p[uú]blica|art[ií]culo|fracci[oó]n|ley\b)",
    re.I,
)
# a value that is no party's name: none, the same one as above, a case's number
_NO_NAME = re.compile(
    r"^(?:no\s|ning[uú]n|sin\s|la\s+misma$|el\s+mismo$|los\s+mismos$|las\s+mismas$|n/?a$)"
    r"|\d+\s*/\s*\d{2,4}",
    re.I,
)
# initials alone ("J.P.R.", "A. B. C."): how some public versions write a private person
_INITIALS = re.compile(r"^(?:[A-ZÁÉÍÓÚÑ]\.\s*){1,6}[A-ZÁÉÍÓÚÑ]?\.?(?:\s*y\s+otr[oa]s?)?$", re.I)
# the value's line ends on a word that runs on into the next line's capitals
_RUNS_ON = re.compile(r"\b(?:DE|DEL|LA|EL|LOS|LAS|Y|E|EN|PARA|POR)$")
_CAPITALS_LINE = re.compile(r"^[A-ZÁÉÍÓÚÑÜ0-9 .,'’-]{3,120}$")
# words that join a name's others, none a name: "DE LA DE" names no one
_LINKS = frozenset(("de", "del", "la", "las", "los", "el", "y", "e", "en", "por", "para", "con"))
LONG_LINE = 160  # a caption line longer than this the caption reader passes over
PARTY_CHARS = 260  # a longer value is prose or several names in one: none
MAX_PARTIES = 12


def read_parties(text: str, lines: Iterable[tuple[str, int]]) -> list[tuple[str, str, int]]:
    """Each party a caption line (of ``text``, at its offset) names by its role: ``(role,
    name, offset)``, the name as written (its spaces collapsed); a value that runs on to
    the next line of capitals right under it is read whole; a redacted or unsure value
    gives none."""
    caption = _with_long_lines(text, list(lines))
    parties: list[tuple[str, str, int]] = []
    for i, (line, at) in enumerate(caption):
        following = caption[i + 1] if i + 1 < len(caption) else None
        for cell, last in _cells(line):
            found = _PARTY_LINE.match(cell)
            if found is None:
                continue
            value = found["value"]
            if last and following is not None and _runs_on(text, value, following):
                value = f"{value} {following[0].strip()}"  # "…DEL INSTITUTO⏎NACIONAL…"
            name = _name(value)
            if name is None:
                continue
            for pattern, role in _ROLE_PATTERNS:
                if pattern.search(found["label"]) and all(
                    (role, name) != (r, n) for r, n, _ in parties
                ):
                    parties.append((role, name, at))
    return parties[:MAX_PARTIES]


def still_named(parties: list[str]) -> list[str]:
    """The «role: name» entries whose name is still one: a name the privacy guard masked
    («tercero interesado: [DATO PERSONAL]») is left out, never kept as a placeholder."""
    return [entry for entry in parties if _name(entry.partition(": ")[2]) is not None]


def _with_long_lines(text: str, caption: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The caption's lines with the party lines it passes over for their length (an
    authority's long name in capitals, «RESPONSABLE: SALA REGIONAL … CON SEDE EN TOLUCA,
    ESTADO DE MÉXICO»), each at its place among them."""
    if not caption:
        return caption
    seen = {at for _line, at in caption}
    longer: list[tuple[str, int]] = []
    at = 0
    for raw in text[: caption[-1][1]].split("\n"):
        start, at = at, at + len(raw) + 1
        line = " ".join(raw.split())
        if start not in seen and len(line) > LONG_LINE and _PARTY_LINE.match(line):
            longer.append((line, start))
    return sorted(caption + longer, key=lambda pair: pair[1]) if longer else caption


def _cells(line: str) -> list[tuple[str, bool]]:
    """The line's cells, each from a label to the next ("ACTORA: X DEMANDADO: Y"), and
    whether it is the line's last."""
    colon = line.find(":")
    starts = [0, *(m.start() for m in _NEXT_LABEL.finditer(line, colon + 1))] if colon > 0 else [0]
    cells = [line[a:b].strip() for a, b in itertools.pairwise([*starts, len(line)])]
    return [(cell, i == len(cells) - 1) for i, cell in enumerate(cells)]


def _runs_on(text: str, value: str, following: tuple[str, int]) -> bool:
    """Whether the next caption line goes on with ``value``: a line of capitals with no
    label and no number, right under it (no blank line between), or after a value that
    ends on a word that needs more ("…DE LA") or after a label with its value below."""
    line, at = following
    if not _CAPITALS_LINE.match(line.strip()) or ":" in line or _PARTY_LINE.match(line):
        return False
    if not value.strip() or _RUNS_ON.search(value.strip()):
        return True
    between = text[max(0, at - 4) : at]
    return "\n\n" not in between.replace("\r", "").replace(" ", "")


def _name(value: str) -> str | None:
    """``value`` as a party's name, or None: redacted, empty, no name, or too long."""
    name = " ".join(value.split()).strip(" ,;:-")
    if name.endswith(".") and not _ABBREVIATED_END.search(name):
        name = name[:-1]
    letters = sum(c.isalpha() for c in name)
    if (
        letters < 3
        or len(name) > PARTY_CHARS
        or _REDACTED.search(name)
        or _NO_NAME.search(name)
        or _INITIALS.match(name)
        or not any(len(w) > 2 and w.lower() not in _LINKS for w in re.findall(r"\w+", name))
    ):
        return None
    return name


# a name ending in an abbreviation keeps its stop ("S.A. DE C.V.", "S.C.")
_ABBREVIATED_END = re.compile(r"(?:^|[\s.])[A-ZÁÉÍÓÚÑ]{1,2}\.$", re.I)
