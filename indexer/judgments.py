"""What a sentence says about itself in its heading and first pages: court, case number,
matter, proceeding, kind of judgment and resolution date.

Used where a listing does not give them and for files indexed from disk. A public
version typically opens with the court's name in capitals, labels (``EXPEDIENTE:
845/2019``, ``JUICIO: ORDINARIO CIVIL``), the place and a spelled-out date (``León,
Guanajuato, a treinta y uno de enero de dos mil veinticuatro``) and ``V I S T O S los
autos, para resolver el expediente 845/2019, relativo al juicio ORDINARIO CIVIL``.
"""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword
from indexer.courts import normalise_court
from indexer.expedientes import CASE_TYPES, parse_expediente
from indexer.models import MATTERS
from indexer.normalize import normalise_matter, parse_date

HEAD_CHARS = 6000
HEAD_LINES = 15
_SIGNER = re.compile(r"\b(?:PRESIDENT[EA]|MINISTR[OA]|MAGISTRAD[OA]|SECRETARI[OA]|JUEZA?)\b")
_LABELLED_CASE = re.compile(
    r"\b(expediente|exp\.|toca(?:\s+(?:penal|civil|familiar))?|causa penal|carpeta judicial)"
    r"\s*(?:n[uú]m(?:ero)?\.?|no\.?)?\s*[:.]?\s*"
    r"((?:SUP|SX|SG|SM|ST|SCM|SRE)-[A-Z]{2,4}-\d{1,6}/\d{4}|\d{1,6}/\d{4}(?:-[A-Z]{1,4})?)",
    re.IGNORECASE,
)
_COURT_WORDS = re.compile(r"\b(?:JUZGADO|TRIBUNAL|SALA|SUPREMA CORTE|PLENO)\b")
_GENERIC_COURT = re.compile(r"^(?:PODER JUDICIAL|H\. )|SUPERIOR DE JUSTICIA\s*$")
_LABEL_LINE = re.compile(r"^[A-ZÁÉÍÓÚÑ .]{3,40}:")
_PROSE_COURT = re.compile(
    r"\b((?:primera|segunda)\s+sala|(?:tribunal\s+)?pleno|sala\s+superior|sala\s+regional"
    r"\s+\w+)\s+(?:de\s+la\s+suprema\s+corte\s+de\s+justicia\s+de\s+la\s+naci[oó]n|del\s+"
    r"tribunal\s+electoral\s+del\s+poder\s+judicial\s+de\s+la\s+federaci[oó]n)",
    re.IGNORECASE,
)
_PROCEEDING = re.compile(
    r"(?:relativo\s+al|relativa\s+al|deducido\s+del|en\s+el)\s+(juicio|procedimiento|proceso)"
    r"\s+((?:[A-ZÁÉÍÓÚÑ]{2,}\s*){1,6})",
)
_PROCEEDING_LABEL = re.compile(r"^\s*(?:juicio|v[ií]a|procedimiento)\s*:\s*(.{3,60})$", re.I | re.M)
_MATTER_LABEL = re.compile(r"^\s*materia\s*:\s*(.{3,40})$", re.I | re.M)
_JUDGMENT = re.compile(
    r"\b(sentencia\s+definitiva|sentencia\s+interlocutoria|resoluci[oó]n\s+interlocutoria"
    r"|sentencia\s+de\s+segunda\s+instancia|resoluci[oó]n\s+definitiva|ejecutoria)\b",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(
    r"(?:^|\n)[^\n]{2,80}?,\s*(?:a|al|el\s+d[ií]a)\s+(?:los\s+)?([^\n]{6,140})", re.IGNORECASE
)
_SESSION_DATE = re.compile(
    r"sesi[oó]n\s+(?:p[uú]blica\s+)?(?:\w+\s+)?correspondiente\s+al?\s+(?:d[ií]a\s+)?"
    r"([^\n]{6,120})",
    re.IGNORECASE,
)
CASE_TYPE_MATTERS = {
    "AR": "amparo", "AD": "amparo", "ADR": "amparo", "AMP": "amparo",
    "AI": "constitucional", "CC": "constitucional", "DGI": "constitucional",
    "CP": "penal", "CJ": "penal",
}  # fmt: skip


def _shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def read_court(head: str) -> str | None:
    """A court line in capitals at the top (not a signer's role), else the court named in
    the opening prose (``La Primera Sala de la Suprema Corte…``)."""
    lines = [" ".join(line.split()) for line in head.split("\n")[:HEAD_LINES]]
    generic = None
    for i, line in enumerate(lines):
        if not _shouting(line) or not _COURT_WORDS.search(line) or _LABEL_LINE.match(line):
            continue
        if _SIGNER.search(line):
            continue
        name = line
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if (
            _shouting(following)
            and not _LABEL_LINE.match(following)
            and (
                line.endswith((" EN", " DE", " DEL", " MATERIA", " Y"))
                or following.startswith("DE")
            )
        ):
            name = f"{line} {following}"
        if _GENERIC_COURT.search(name):
            generic = generic or name
            continue
        return normalise_court(name)
    prose = _PROSE_COURT.search(head)
    if prose:
        return normalise_court(prose[0])
    return normalise_court(generic) if generic else None


def read_expediente(head: str) -> str | None:
    labelled = _LABELLED_CASE.search(head)
    if labelled:
        label = labelled[1]
        number = labelled[2]
        plain = fold_keyword(label).rstrip(".") in ("expediente", "exp")
        return number if plain else f"{label.title()} {number}"
    for line in head.split("\n")[:30]:
        cases = parse_expediente(line)
        if cases and any(case.type_code for case in cases):
            return " ".join(line.split())
    return None


def read_matter(head: str, expediente: str | None, proceeding: str | None) -> str | None:
    label = _MATTER_LABEL.search(head)
    if label:
        return normalise_matter(label[1])
    if proceeding:
        matter = normalise_matter(proceeding)
        if matter in MATTERS:
            return matter
    for case in parse_expediente(expediente):
        if case.electoral_chamber:
            return "electoral"
        if case.type_code in CASE_TYPE_MATTERS:
            return CASE_TYPE_MATTERS[case.type_code]
    if re.search(r"\b(?:toca|causa)\s+penal\b", head, re.IGNORECASE):
        return "penal"
    return None


def read_proceeding(head: str) -> str | None:
    label = _PROCEEDING_LABEL.search(head)
    if label and _shouting(label[1]):
        return " ".join(f"juicio {label[1]}".lower().split())
    found = _PROCEEDING.search(head)
    if found:
        words = found[2].split()
        while words and words[-1] in ("Y", "E", "DE"):
            words.pop()
        if words:
            return " ".join([found[1].lower(), *words]).lower()
    for case in parse_expediente(head[:600]):
        if case.type_code in CASE_TYPE_MATTERS or case.type_code in ("TOCA",):
            name = next(t.name for t in CASE_TYPES if t.code == case.type_code)
            return name.lower()
    return None


def read_judgment_type(head: str) -> str | None:
    found = _JUDGMENT.search(head)
    return " ".join(fold_keyword(found[1]).split()) if found else None


def read_resolution_date(head: str) -> str | None:
    """The date the sentence was given, as written (ISO when recognised)."""
    for pattern in (_PLACE_DATE, _SESSION_DATE):
        for match in pattern.finditer(head):
            found = parse_date(match[1])
            if found:
                return found.isoformat()
    found = parse_date(head[:2500])
    return found.isoformat() if found else None


def read_heading(text: str) -> dict[str, str]:
    """Raw fields (strings, as ``build_document`` takes them) read from the first pages."""
    head = text[:HEAD_CHARS]
    expediente = read_expediente(head)
    proceeding = read_proceeding(head)
    values = {
        "court": read_court(head),
        "expediente": expediente,
        "proceeding": proceeding,
        "matter": read_matter(head, expediente, proceeding),
        "judgment_type": read_judgment_type(head),
        "resolution_date": read_resolution_date(head),
    }
    return {name: value for name, value in values.items() if value}
