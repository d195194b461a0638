"""A passage of a PDF's text as its author wrote it, for reading a name out of it.

Text taken from a PDF breaks a paragraph into lines, splits a word at a line's end
("Supremo Tri-⏎bunal"), may keep a soft hyphen, and writes ordinals in figures ("1o.
Tribunal Colegiado", "del 3er. Circuito"). A court's name in a closing paragraph or
before the opening formula is read from the passage mended: its words whole, its
lines run on, its ordinals in words. Only a short passage is mended (offsets change):
the caller keeps where the passage starts.
"""

from __future__ import annotations

import re

from indexer.readers.courts import ordinal_word

_SOFT_HYPHEN = "\u00ad"
_BLANK_LINE = re.compile(r"\n[ \t]+(?=\n)")
# a word split at a line's end: lower-case letters on both sides ("Tri-⏎bunal"); a
# capital after the break is a compound's own hyphen ("Centro-⏎Sur", "Pacífico-⏎Centro")
_SPLIT_WORD = re.compile(r"(?<=[a-záéíóúüñ])-[ \t]*\n[ \t]*(?=[a-záéíóúüñ])")
_COMPOUND_BREAK = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[A-ZÁÉÍÓÚÑ])")
# A line break inside a sentence, run on: where the line goes on in lower case or with a
# figure ("…de la⏎Nación", "…de⏎1o. de"), where the line before ends with a word that
# needs the next ("…Civil del⏎Primer Circuito"), or where the next line goes on with a
# court's name in mixed case ("…Segunda⏎Sala Penal…"). Never before a line of its own
# (a signer's name, "MAGISTRADO PRESIDENTE", "FIRMAS"): a closing's signatures follow it.
# spaces before the break taken only from where their run starts (the same matches):
# tried at each space of a long run that ends in no break, the search was quadratic
_LINE_BREAK = re.compile(r"(?:(?<![ \t])[ \t]+)?\n[ \t]*")
_NEEDS_NEXT = frozenset(
    ("de", "del", "la", "las", "el", "los", "en", "y", "e", "a", "al", "con", "por", "que",
     "para", "su", "sus")
)  # fmt: skip
_GOES_ON = re.compile(
    r"[a-záéíóúüñ\d]|(?:Sala|Tribunal|Colegiado|Circuito|Regi[oó]n|Penal|Civil|Familiar"
    r"|Mercantil|Administrativ[oa]|Mixt[oa]|Unitari[oa]|Especializad[oa]|Regional|Superior"
    r"|Justicia|Materias?|Distrito|Judicial|Estado|Juzgado|Suprema|Corte|Naci[oó]n"
    r"|Federaci[oó]n|Poder|Oralidad)\b"
)


def _run_on(match: re.Match[str]) -> str:
    text = match.string
    if _GOES_ON.match(text, match.end()):
        return " "
    last = text[max(0, match.start() - 5) : match.start()].rsplit(None, 1)
    return " " if last and last[-1].lower() in _NEEDS_NEXT else "\n"


# "1o.", "1°", "1º", "1er.", "3ero.", "21o.", "2a.", "2ª" before a court's or circuit's noun
_FIGURE_ORDINAL = re.compile(
    r"\b(\d{1,2})\s*(?:((?i:o|er|ero)|º|°)|((?i:a)|ª))\.?\s+(?=(?:Tribunal|TRIBUNAL|Circuito|CIRCUITO"
    r"|Sala|SALA|Juzgado|JUZGADO|Distrito|DISTRITO|Regi[oó]n|REGI[OÓ]N)\b)"
)
# before its noun an ordinal loses its "o" ("Primer Tribunal", "Tercer Circuito")
_SHORT_BEFORE = frozenset(("Primero", "Tercero"))


def _ordinal(match: re.Match[str]) -> str:
    word = ordinal_word(int(match[1]), feminine=bool(match[3]))  # "2a. Sala": Segunda
    if word is None:
        return match[0]
    if not match[3] and (last := word.split()[-1]) in _SHORT_BEFORE:
        word = f"{word[: -len(last)]}{last[:-1]}"
    noun = match.string[match.end() : match.end() + 2]
    return f"{word.upper() if noun.isupper() else word} "  # in a caption's capitals, so


def ordinals_in_words(line: str) -> str:
    """``line`` with the ordinals in figures before a court's noun written in words
    ("1o. TRIBUNAL COLEGIADO" → "Primer TRIBUNAL COLEGIADO")."""
    return _FIGURE_ORDINAL.sub(_ordinal, line) if any(c.isdigit() for c in line) else line


def mended(passage: str) -> str:
    """``passage`` with its words whole, its sentences' lines run on (a line of its own
    and blank lines kept) and the ordinals in figures before a court's noun written in words."""
    text = passage.replace(_SOFT_HYPHEN, "")
    text = _BLANK_LINE.sub("\n", text)
    text = _SPLIT_WORD.sub("", text)
    text = _COMPOUND_BREAK.sub("-", text)
    text = _SPACED_WORD.sub(_unspaced, text)
    if "\n" in text:  # (the search tries every character, a microsecond each in a run)
        text = _LINE_BREAK.sub(_run_on, text)
    return ordinals_in_words(text)


# A word written letter by letter, as a heading's "S E N T E N C I A" or an OCR's "del
# C u a r t o Tribunal": four letters or more, one space apart (no Spanish sentence runs
# four words of one letter); joined, a court's ordinal reads whole.
_SPACED_WORD = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)")


def _unspaced(match: re.Match[str]) -> str:
    return match[0].replace(" ", "")


# a split word's break and the rest of the word after it ("Cor-⏎te", "vein-⏎tiuno")
# (opening with the hyphen, a literal the engine looks for at C speed)
_SPLIT_REST = re.compile(r"-(?<=[a-záéíóúüñ]-)[ \t]*\n[ \t]*([a-záéíóúüñ]+)")


def words_joined_in_place(text: str) -> str:
    """``text`` with each word a line's end split made whole, the break's characters put
    after it as spaces: every offset after the word is the same, so a pattern looked for
    over the whole text ("…de la Suprema Cor-⏎te…, correspondiente al día…") is found
    where it is in ``text``."""
    if "-" not in text:
        return text
    return _SPLIT_REST.sub(lambda m: m[1] + " " * (len(m[0]) - len(m[1])), text)
