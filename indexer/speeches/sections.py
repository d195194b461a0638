"""A transcript's section headings: the Diario de los Debates (and state congresses'
records) print each part of a sitting under a heading alone on its line, in capitals
("ORDEN DEL DÍA", "ACTA DE LA SESIÓN ANTERIOR", "INICIATIVAS DE CIUDADANOS DIPUTADOS",
"DICTÁMENES A DISCUSIÓN"); what follows it until the next speaker is no longer the
previous speaker's words. A court's matter read in capitals ("…relativo a la⏎DECLARATORIA
DE⏎INCONSTITUCIONALIDAD 12/2022, …") and a vote's result ("(VOTACIÓN FAVORABLE).⏎QUEDAN
APROBADAS POR UNANIMIDAD DE LOS⏎PRESENTES.") are sentences, not headings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from indexer.analysis import fold_keyword

# A line in capitals: letters, spaces and the punctuation of a title; no digit (a case
# or an article's number belongs to a sentence), at least one word of four letters.
_CAPITAL_LINE = re.compile(r"[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ ,'’\-–—/]*[A-ZÁÉÍÓÚÑÜ]")
_LONG_WORD = re.compile(r"[A-ZÁÉÍÓÚÑÜ]{4,}")
# What ends a sentence at a line's end (a heading comes after one, never mid-sentence).
_SENTENCE_END = re.compile(r"[.!?…»”\")]\s*$")
_NOT_HEADINGS = re.compile(r"^(?:QUEDA|QUEDAN|VOTACI[OÓ]N FAVORABLE|NOTIF[IÍ]QUESE)\b")
# The Diario's own section titles: one of them after a line left without its full stop
# ("…dar lectura al orden del día⏎ORDEN DEL DÍA", "Pasamos al siguiente apartado:⏎
# COMUNICACIONES OFICIALES") is still the heading (the record lost the stop, or the line
# announces what follows), unless the line ends on a word that needs the next one ("…se
# refiere a la⏎DECLARATORIA…", "…lectura al⏎ORDEN DEL DÍA"). Folded.
_DIARIO_SECTIONS = re.compile(
    r"(?:orden del dia|acta de la sesion|comunicaciones|iniciativas|dictamenes|proposiciones"
    r"|puntos de acuerdo|agenda politica|efemerides|minutas|oficios|correspondencia"
    r"|asuntos generales|clausura|declaratoria de quorum|lista de asistencia)\b"
)
_MAY_END_UNFINISHED = re.compile(
    r"(?<![\w-])(?!(?i:a|al|de|del|la|las|el|los|lo|y|e|o|u|en|con|por|para|que|sobre|su|sus"
    r"|un|una|se|como|entre|ante|sin|tras)\W*$)[\wÁÉÍÓÚÑáéíóúñü]+[:;]?\s*$"
)
MAX_HEADING_LINES = 3
MAX_HEADING_CHARS = 160


def section_at(
    lines: Sequence[str], at: int, previous: str | None, opens_turn: Callable[[str], bool]
) -> tuple[str, int] | None:
    """The heading that starts at ``lines[at]`` and how many lines it takes; None when
    the line is no heading. ``previous`` is the last line of text before it (None at a
    turn's start): a heading follows a finished sentence and holds one to three lines in
    capitals with no full stop; after it comes a speaker (``opens_turn``) or words in
    sentence case, never the rest of a sentence in lower case or in capitals."""
    unfinished = previous is not None and previous.strip() and not _SENTENCE_END.search(previous)
    # (only the line's last words are read: a word is never 80 characters long)
    if unfinished and not _MAY_END_UNFINISHED.search((previous or "").rstrip()[-80:]):
        return None
    run: list[str] = []
    for line in lines[at : at + MAX_HEADING_LINES + 1]:
        line = line.strip()
        if not _CAPITAL_LINE.fullmatch(line):
            break
        run.append(line)
    if not run:
        return _titled_section(lines, at, unfinished, opens_turn)
    if len(run) > MAX_HEADING_LINES:
        return None
    title = " ".join(run)
    if len(title) > MAX_HEADING_CHARS or not _LONG_WORD.search(title):
        return None
    if _NOT_HEADINGS.match(title) or title.endswith((",", "-", "–", "—")):
        return None
    if unfinished and not _DIARIO_SECTIONS.match(fold_keyword(title)):
        return None
    after = at + len(run)
    following = lines[after].strip() if after < len(lines) else ""
    if following and not opens_turn(following):
        if following[:1].islower() or following[:1] in ",;:":
            return None  # the capitals began a sentence that goes on
        if not any(c.islower() for c in following):
            return None  # …and it goes on in capitals to its full stop
    return title, len(run)


# The Cámara's versión estenográfica prints its section titles in sentence case, alone on
# their line between two turns ("Orden del día", "Acta de la sesión anterior", "Agenda
# política"): one of the Diario's titles, a few words with no stop, after a finished
# sentence and before a speaker's line (so a sentence that opens with those words, or a
# title quoted in a speech, is none).
_TITLED = re.compile(r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+(?: [\wáéíóúñü]+){0,5}")


def _titled_section(
    lines: Sequence[str], at: int, unfinished: bool, opens_turn: Callable[[str], bool]
) -> tuple[str, int] | None:
    line = lines[at].strip()
    if unfinished or len(line) > 60 or not _TITLED.fullmatch(line):
        return None
    if not _DIARIO_SECTIONS.match(fold_keyword(line)):
        return None
    following = next((rest.strip() for rest in lines[at + 1 : at + 4] if rest.strip()), "")
    return (line, 1) if following and opens_turn(following) else None
