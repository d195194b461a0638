"""Legal abbreviations a journalist writes one way and a sentence another: «art. 14»,
«artículo 14», «arts. 14 y 16»; «fracc. II», «frac. II», «fracción II»; «párr.» and
«párrafo»; «CPEUM» and «Constitución Política de los Estados Unidos Mexicanos»; «SCJN»
and «Suprema Corte de Justicia de la Nación». A search that writes one form finds the
others, as ordinals do (``indexer.query.spellings``): the word or phrase becomes the OR
of its spellings in the tree, each store searches them as it searches any phrase, and
the highlighter marks the form the text wrote. No re-index.

A plural is read as its singular («artículos» finds «arts.» and «art.»): the stemmer
already makes «artículo» and «artículos» one word. Only words and quoted phrases are
spelled out: ``Suprema Corte de Justicia de la Nación`` without quotes is seven words in
any order, not the court's name."""

from __future__ import annotations

import re

from indexer.citations.laws import FEDERAL_LAWS
from indexer.query.written import Written

# a federal law's full name and its abbreviation («LFT», «Ley Federal del Trabajo»), for
# the laws the citation reader lists with both (the constitution is listed below)
LAW_GROUPS: tuple[tuple[str, str], ...] = tuple(
    (short, names[0])
    for names in FEDERAL_LAWS.values()
    for short in names[1:]
    if short.isupper()
    and short.isalpha()
    and short != "CPEUM"
    and names[0] != short
    # a name written with a comma («Niñas, Niños y Adolescentes») is no run of words
    and all(word.isalpha() for word in names[0].split())
)

# each group: the forms a sentence writes for one thing, the full word first
GROUPS: tuple[tuple[str, ...], ...] = (
    ("artículo", "art.", "arts."),
    ("fracción", "fracc.", "frac."),
    ("párrafo", "párr."),
    ("CPEUM", "Constitución Política de los Estados Unidos Mexicanos"),
    ("SCJN", "Suprema Corte de Justicia de la Nación"),
    # a case's type before its number («ADR 1234/2023» as a note writes it, «A.D.R.» or
    # the full name as a sentence does); not «AD»/«A.D.»: «ad quem», and «A.D.» is in «A.D.R.»
    ("amparo directo en revisión", "ADR", "A.D.R."),
    ("amparo en revisión", "AR", "A.R."),
    # how a sentence names its judges and secretaries
    ("maestra", "Mtra."),
    ("maestro", "Mtro."),
    ("magistrada", "Mgda."),
    ("magistrado", "Mgdo."),
    # the federal laws cited by abbreviation, from the citation reader's own table
    *LAW_GROUPS,
)
# plurals read as the form whose spellings they take
_PLURALS = {"articulos": "artículo", "fracciones": "fracción", "parrafos": "párrafo"}
_FOLD = str.maketrans("áéíóúü", "aeiouu")
_WORD = re.compile(r"[^\W_]+")
# between a form's words: blanks, or the period of a dotted one («A.D.R.», «A. D. R.»)
_SEPARATOR = re.compile(r"\.?\s*")
# a text that may hold one (searched in the lowered text, accents as typed or decomposed;
# one \b before the group: a \b in each branch made the look four times slower)
MAYBE = (
    "\\b(?:art|frac|pa\u0301?rr|párr|cpeum|constituci[oó]\u0301?n\\b|scjn|suprema\\b"
    "|amparo\\s+(?:directo\\s+)?en\\b|a\\.?d?\\.?r\\b|ma(?:estr|gistrad)[oa]\\b|mtr|mgd"
    f"|(?:{'|'.join(short.lower() for short, _ in LAW_GROUPS)})\\b"
    # a law's name by its first two words («ley federal», «código penal»): «ley de aguas»,
    # «código civil» of a state, skip the walk
    "|(?:ley|c[oó]\u0301?digo|convenci[oó]\u0301?n|pacto)\\s+"
    f"(?:{'|'.join(sorted({name.split()[1][:3].lower() for _, name in LAW_GROUPS}))}))"
)


def _fold(word: str) -> str:
    return word.lower().translate(_FOLD)


def _words(form: str) -> tuple[str, ...]:
    return tuple(_fold(word) for word in _WORD.findall(form))


def _index() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """First folded word → (the form's folded words, the group's other forms), the
    longest form first."""
    index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for group in GROUPS:
        for form in group:
            others = tuple(other for other in group if other != form)
            words = _words(form)
            index.setdefault(words[0], []).append((words, others))
    for plural, singular in _PLURALS.items():
        group = next(g for g in GROUPS if singular in g)
        index.setdefault(plural, []).append(((plural,), group[1:]))
    for forms in index.values():
        forms.sort(key=lambda entry: -len(entry[0]))
    return index


_INDEX = _index()
# the forms written with a period, as folded words
_ABBREVIATED = {_words(form)[-1] for group in GROUPS for form in group if form.endswith(".")}


def abbreviations_in(text: str) -> list[Written]:
    """Each form of a group written in ``text`` (its words in a row, blanks between),
    with the group's other forms, in text order. Accents precomposed (NFC)."""
    words = list(_WORD.finditer(text))
    folded = [_fold(match.group()) for match in words]
    found: list[Written] = []
    i = 0
    while i < len(words):
        for form, others in _INDEX.get(folded[i], ()):
            last = i + len(form) - 1
            if last >= len(words) or tuple(folded[i : last + 1]) != form:
                continue
            if any(
                _SEPARATOR.fullmatch(text, words[k].end(), words[k + 1].start()) is None
                for k in range(i, last)
            ):
                continue
            end = words[last].end()
            if text.startswith(".", end) and form[-1] in _ABBREVIATED:
                end += 1  # «art.» is replaced whole: «artículo 14», not «artículo. 14»
            found.append(Written(words[i].start(), end, others))
            i = last
            break
        i += 1
    return found
